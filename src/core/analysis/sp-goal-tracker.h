/* sp-goal-tracker.h
 *
 * How a goal stands against the data: its baseline, its current value,
 * its progress along the straight path from baseline to target, and a
 * status (README, "Goals").  The window, the command line, the report and
 * the export all call sp_goal_tracker_evaluate(), so a goal reads the same
 * everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sp-goal.h"
#include "sp-goal-checks.h"
#include "sp-kpi-engine.h"

G_BEGIN_DECLS

/* The current value is measured over the last 28 days, widened a week at a time */
#define SP_GOAL_WINDOW_DAYS 28
#define SP_GOAL_WINDOW_STEP 7
/* How far (in shares of the way) progress may trail the path: on track, at risk */
#define SP_GOAL_ON_TRACK_TOLERANCE 0.10
#define SP_GOAL_AT_RISK_TOLERANCE  0.25
/* The baseline covers the goal's length in whole months, at most this many */
#define SP_GOAL_BASELINE_MAX_MONTHS 3

typedef enum
{
  SP_GOAL_STATUS_NOT_STARTED,   /* the start is still ahead */
  SP_GOAL_STATUS_NO_DATA,       /* too few answers or contacts to judge, or no baseline */
  SP_GOAL_STATUS_ON_TRACK,
  SP_GOAL_STATUS_AT_RISK,
  SP_GOAL_STATUS_BEHIND,
  SP_GOAL_STATUS_ACHIEVED,      /* the current value meets the target */
  SP_GOAL_STATUS_MISSED,        /* past due without meeting it */
  SP_GOAL_STATUS_CLOSED,
  SP_GOAL_STATUS_ABANDONED,
  SP_N_GOAL_STATUSES
} SpGoalStatus;

const char   *sp_goal_status_to_string      (SpGoalStatus   status);
gboolean      sp_goal_status_from_string    (const char    *str,
                                             SpGoalStatus  *status);
const char   *sp_goal_status_get_label      (SpGoalStatus   status);
const char   *sp_goal_status_get_icon_name  (SpGoalStatus   status);
/* "success", "warning", "error", "accent" or "dim-label": a libadwaita style class */
const char   *sp_goal_status_get_style      (SpGoalStatus   status);
/* Lower is more urgent: behind, missed (still open), at risk, … closed, abandoned */
int           sp_goal_status_get_urgency    (SpGoalStatus   status);

/*
 * How a goal stands on @today.  A plain record; every figure in the
 * goal's terms (churn per month).
 */
typedef struct
{
  SpGoal        *goal;
  const char    *currency;           /* interned: the symbol the shop writes money with */
  SpDate         today;
  SpDate         as_of;              /* the last day counted: today, due or closing day */

  SpPeriod       baseline_period;
  SpKpiValue     baseline;           /* NAN without data before the start (and no estimate) */
  gboolean       baseline_estimated; /* the owner's estimate: no data before the start */
  gboolean       baseline_partial;   /* its period has not ended yet */

  SpPeriod       window;             /* what current is measured over */
  SpKpiValue     current;
  SpPeriod       so_far;             /* start .. as_of */
  SpKpiValue     since_start;

  double         progress;           /* share of the way from baseline to target; NAN: none */
  double         expected;           /* share the straight path expects over the window */
  SpGoalStatus   status;
  SpGoalStatus   verdict;            /* closed and abandoned goals: the status on their last day */
  int            days_left;          /* due − today; negative past due */
} SpGoalProgress;

void             sp_goal_progress_free        (SpGoalProgress       *progress);
/* Why the status, in plain words: "60 % of the way from 65 % to 75 %; …" */
char            *sp_goal_progress_explain     (const SpGoalProgress *progress);
/* The straight path, from the baseline (first day's start) to the target (due day's end) */
double           sp_goal_progress_path_value  (const SpGoalProgress *progress,
                                               double                days_since_start);
int              sp_goal_progress_compare_urgency (const SpGoalProgress *a,
                                               const SpGoalProgress *b);

SpGoalProgress  *sp_goal_tracker_evaluate     (SpKpiEngine          *engine,
                                               SpGoal               *goal,
                                               SpDate                today,
                                               GError              **error);
/* One SpGoalProgress per goal, most urgent first (sp_goal_progress_compare_urgency()) */
GPtrArray       *sp_goal_tracker_evaluate_all (SpKpiEngine          *engine,
                                               GPtrArray            *goals,
                                               SpDate                today,
                                               GError              **error);

/* The same on a worker thread, reading @store with a connection of its own */
void             sp_goal_tracker_evaluate_store_async  (SpStore             *store,
                                               gboolean              include_closed,
                                               SpDate                today,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray       *sp_goal_tracker_evaluate_store_finish (GAsyncResult        *result,
                                               GError              **error);

/*
 * One goal on a worker thread, reading @store with a connection of its
 * own: what sp_goal_tracker_evaluate() gives, and its chart's series
 * (sp_goal_tracker_trend()), for a page that must not wait
 */
void             sp_goal_tracker_evaluate_goal_async  (SpStore             *store,
                                               SpGoal               *goal,
                                               SpDate                today,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
SpGoalProgress  *sp_goal_tracker_evaluate_goal_finish (GAsyncResult        *result,
                                               GPtrArray           **trend,
                                               SpGranularity        *granularity,
                                               GError              **error);

/* The goal value of @kpi in @set: the KPI's own, but churn per month */
void             sp_goal_tracker_kpi_value    (SpKpi                 kpi,
                                               SpKpiSet             *set,
                                               SpKpiValue           *value);
/* The whole months the baseline covers: the goal's length in months (1–3), or 3 when @widened */
SpPeriod         sp_goal_tracker_baseline_period (SpDate             start,
                                               SpDate                due,
                                               gboolean              widened);
/* "42 first contacts", "30 answers" */
char            *sp_goal_format_n             (SpKpi                 kpi,
                                               gint64                n);

/*
 * The goal chart's days, from the baseline period's start to the due date,
 * by ISO week (up to 27 weeks) or by month; and the actual series: one
 * SpKpiSet per week or month up to the last day counted.
 */
SpPeriod         sp_goal_tracker_chart_range  (const SpGoalProgress *progress,
                                               SpGranularity        *granularity);
GPtrArray       *sp_goal_tracker_trend        (SpKpiEngine          *engine,
                                               const SpGoalProgress *progress,
                                               SpGranularity        *granularity,
                                               GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpGoalProgress, sp_goal_progress_free)

G_END_DECLS
