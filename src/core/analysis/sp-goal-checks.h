/* sp-goal-checks.h
 *
 * The SMART checks of a goal's target and dates, and what they rest on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sp-goal.h"
#include "sp-kpi-engine.h"

G_BEGIN_DECLS

/* Achievable: what the editor warns about, never refusing (README, "Goals") */
typedef enum
{
  SP_GOAL_CHECK_NO_BASELINE,
  SP_GOAL_CHECK_ESTIMATED_BASELINE,
  SP_GOAL_CHECK_SMALL_BASELINE,
  SP_GOAL_CHECK_PARTIAL_BASELINE,
  SP_GOAL_CHECK_NOT_AN_IMPROVEMENT,
  SP_GOAL_CHECK_STILL_ACT,
  SP_GOAL_CHECK_BEYOND_EXCELLENT,
  SP_GOAL_CHECK_BEYOND_BEST,
  SP_GOAL_CHECK_STEEP,
  SP_GOAL_CHECK_FEW_DATA,
  SP_GOAL_CHECK_PAST_DUE,
  SP_GOAL_CHECK_OVERLAP,
} SpGoalCheckKind;

typedef struct
{
  SpGoalCheckKind  kind;
  char            *message;
} SpGoalCheck;

void             sp_goal_check_free           (SpGoalCheck          *check);

/*
 * What the checks rest on, loaded once for a KPI, segment, start and
 * length: the editor reloads it only when one of those changes, and checks
 * targets and due dates against it as they are typed.
 */
typedef struct
{
  SpKpi          kpi;
  SpSegment      segment;
  const char    *currency;           /* interned: the symbol the shop writes money with */
  SpDate         start;
  guint          months;             /* of the baseline period */

  SpPeriod       baseline_period;
  SpKpiValue     baseline;
  gboolean       baseline_partial;

  gboolean       has_best;           /* sp_kpi_engine_best_month() before the start */
  SpPeriod       best_month;
  SpKpiValue     best;

  SpPeriod       history_period;     /* the 12 whole months before the start's month */
  GArray        *history;            /* SpKpiValue per month, oldest first */

  GPtrArray     *goals;              /* the open goals, for overlaps */
} SpGoalContext;

SpGoalContext   *sp_goal_context_load         (SpKpiEngine          *engine,
                                               SpGoal               *goal,
                                               SpDate                today,
                                               GError              **error);
/* The same on a worker thread, reading @store with a connection of its own */
void             sp_goal_context_load_async   (SpStore              *store,
                                               SpGoal               *goal,
                                               SpDate                today,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
SpGoalContext   *sp_goal_context_load_finish  (GAsyncResult         *result,
                                               GError              **error);
gboolean         sp_goal_context_matches      (const SpGoalContext  *context,
                                               SpGoal               *goal);
void             sp_goal_context_free         (SpGoalContext        *context);
/* The baseline the goal would use: the data's, else the owner's estimate (NAN: none) */
double           sp_goal_context_get_baseline (const SpGoalContext  *context,
                                               SpGoal               *goal);
GPtrArray       *sp_goal_context_check        (const SpGoalContext  *context,
                                               SpKpiEngine          *engine,
                                               SpGoal               *goal,
                                               SpDate                today);
/* Both at once */
GPtrArray       *sp_goal_tracker_check        (SpKpiEngine          *engine,
                                               SpGoal               *goal,
                                               SpDate                today,
                                               GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpGoalCheck, sp_goal_check_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpGoalContext, sp_goal_context_free)

G_END_DECLS
