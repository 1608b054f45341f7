/* sp-goal-tracker.c
 *
 * A goal's baseline, current value, progress and status (README,
 * "Goals"); the checks of its target are in sp-goal-checks.c.  Every
 * figure comes from the KPI engine, for the goal's segment only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-goal"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-goal-tracker.h"
#include "sp-goal-tracker-private.h"
#include "sp-worker.h"

/* Comparisons of shares allow for rounding */
#define EPSILON 1e-9

/* Statuses */

typedef struct
{
  const char *key;
  const char *label;
  const char *icon_name;
  const char *style;
  int         urgency;
} StatusInfo;

static const StatusInfo statuses[SP_N_GOAL_STATUSES] = {
  [SP_GOAL_STATUS_NOT_STARTED] = { "not_started", N_("Not started"),
                                   "sp-goal-not-started-symbolic", "dim-label", 5 },
  [SP_GOAL_STATUS_NO_DATA] = { "no_data", N_("Not enough data"),
                               "sp-goal-no-data-symbolic", "dim-label", 3 },
  [SP_GOAL_STATUS_ON_TRACK] = { "on_track", N_("On track"),
                                "sp-goal-on-track-symbolic", "success", 4 },
  [SP_GOAL_STATUS_AT_RISK] = { "at_risk", N_("At risk"),
                               "sp-goal-at-risk-symbolic", "warning", 2 },
  [SP_GOAL_STATUS_BEHIND] = { "behind", N_("Behind"),
                              "sp-goal-behind-symbolic", "error", 0 },
  [SP_GOAL_STATUS_ACHIEVED] = { "achieved", N_("Achieved"),
                                "sp-goal-achieved-symbolic", "success", 6 },
  [SP_GOAL_STATUS_MISSED] = { "missed", N_("Missed"),
                              "sp-goal-missed-symbolic", "error", 1 },
  [SP_GOAL_STATUS_CLOSED] = { "closed", N_("Closed"),
                              "sp-goal-closed-symbolic", "dim-label", 7 },
  [SP_GOAL_STATUS_ABANDONED] = { "abandoned", N_("Abandoned"),
                                 "sp-goal-abandoned-symbolic", "dim-label", 8 },
};

static gboolean
check_status (SpGoalStatus status)
{
  return status >= 0 && status < SP_N_GOAL_STATUSES;
}

/* "on_track", as the command line's JSON and the review notes store it */
const char *
sp_goal_status_to_string (SpGoalStatus status)
{
  g_return_val_if_fail (check_status (status), NULL);
  return statuses[status].key;
}

gboolean
sp_goal_status_from_string (const char   *str,
                            SpGoalStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; str != NULL && i < SP_N_GOAL_STATUSES; i++)
    {
      if (g_str_equal (statuses[i].key, str))
        {
          *status = (SpGoalStatus) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
sp_goal_status_get_label (SpGoalStatus status)
{
  g_return_val_if_fail (check_status (status), NULL);
  return _(statuses[status].label);
}

const char *
sp_goal_status_get_icon_name (SpGoalStatus status)
{
  g_return_val_if_fail (check_status (status), NULL);
  return statuses[status].icon_name;
}

const char *
sp_goal_status_get_style (SpGoalStatus status)
{
  g_return_val_if_fail (check_status (status), NULL);
  return statuses[status].style;
}

int
sp_goal_status_get_urgency (SpGoalStatus status)
{
  g_return_val_if_fail (check_status (status), G_MAXINT);
  return statuses[status].urgency;
}

/* Figures */

void
sp_goal_tracker_kpi_value (SpKpi       kpi,
                           SpKpiSet   *set,
                           SpKpiValue *value)
{
  g_return_if_fail (SP_IS_KPI_SET (set));
  g_return_if_fail (kpi >= 0 && kpi < SP_N_KPIS);
  g_return_if_fail (value != NULL);

  *value = set->values[kpi];

  /* Churn adds up over the months; a goal and its bands are per month */
  if (kpi == SP_KPI_CHURN && set->months_with_figures > 1)
    {
      value->value /= set->months_with_figures;
      value->lower /= set->months_with_figures;
      value->upper /= set->months_with_figures;
    }
}

gboolean
sp_goal_tracker_enough (SpKpi             kpi,
                        const SpKpiValue *value)
{
  return !isnan (value->value) && value->n >= sp_goal_kpi_min_n (kpi);
}

guint
sp_goal_tracker_span_months (SpDate start,
                             SpDate due)
{
  double months = (double) (due - start + 1) / SP_GOAL_DAYS_PER_MONTH;

  return (guint) CLAMP (floor (months + 0.5), 1, SP_GOAL_BASELINE_MAX_MONTHS);
}

/**
 * sp_goal_tracker_baseline_period:
 *
 * The whole calendar months just before the month of @start: as many as
 * the goal lasts in months (rounded, 1 to 3), or 3 when @widened.
 */
SpPeriod
sp_goal_tracker_baseline_period (SpDate   start,
                                 SpDate   due,
                                 gboolean widened)
{
  SpDate month = sp_date_month_start (start);
  guint k = widened ? SP_GOAL_BASELINE_MAX_MONTHS : sp_goal_tracker_span_months (start, due);

  return sp_period_make (sp_date_add_months (month, -(int) k), month - 1);
}

/*
 * The baseline of the goal's length; when that rests on fewer answers or
 * contacts than a judgement needs, the last three months if they have a
 * value.
 */
void
sp_goal_tracker_choose_baseline (SpKpi        kpi,
                                 SpKpiSet    *own,
                                 SpKpiSet    *widened,
                                 SpPeriod    *period,
                                 SpKpiValue  *value)
{
  SpKpiValue v;

  sp_goal_tracker_kpi_value (kpi, own, &v);
  *period = own->period;
  *value = v;

  if (sp_goal_tracker_enough (kpi, &v) || widened == NULL)
    return;

  sp_goal_tracker_kpi_value (kpi, widened, &v);
  if (!isnan (v.value) && (isnan (value->value) || v.n > value->n))
    {
      *period = widened->period;
      *value = v;
    }
}

/* The share of the straight path that the window's days average to */
static double
expected_share (SpGoal         *goal,
                const SpPeriod *window)
{
  double days = sp_goal_get_days (goal);
  double t;

  if (days <= 0)
    return NAN;

  /* The backlog is a count at the window's end, not an average over it */
  if (goal->kpi == SP_KPI_BACKLOG)
    t = window->to - goal->start + 1;
  else
    t = ((window->from - goal->start) + (window->to - goal->start + 1)) / 2.0;

  return CLAMP (t / days, 0.0, 1.0);
}

static gboolean
is_improvement (SpGoal *goal,
                double  baseline)
{
  return !isnan (baseline) && !sp_goal_meets_target (goal, baseline);
}

/* The status rule of README, "Goals", for a goal that has started */
static SpGoalStatus
judge (SpGoal           *goal,
       double            baseline,
       const SpKpiValue *current,
       const SpPeriod   *window,
       double            progress,
       double            expected,
       gboolean          final)
{
  double gap;

  if (!sp_goal_tracker_enough (goal->kpi, current))
    return SP_GOAL_STATUS_NO_DATA;

  /* Achieved: met over four whole weeks (or all of a shorter goal), or at the end */
  if (sp_goal_meets_target (goal, current->value))
    {
      if (final || sp_period_get_days (window) >= MIN (SP_GOAL_WINDOW_DAYS,
                                                       sp_goal_get_days (goal)))
        return SP_GOAL_STATUS_ACHIEVED;
      return SP_GOAL_STATUS_ON_TRACK;
    }

  if (final)
    return SP_GOAL_STATUS_MISSED;

  if (isnan (baseline))
    return SP_GOAL_STATUS_NO_DATA;

  /* A target no better than the baseline asks to hold it: not meeting it is behind */
  if (!is_improvement (goal, baseline))
    return SP_GOAL_STATUS_BEHIND;

  gap = expected - progress;
  if (gap <= SP_GOAL_ON_TRACK_TOLERANCE + EPSILON)
    return SP_GOAL_STATUS_ON_TRACK;
  if (gap <= SP_GOAL_AT_RISK_TOLERANCE + EPSILON)
    return SP_GOAL_STATUS_AT_RISK;
  return SP_GOAL_STATUS_BEHIND;
}

void
sp_goal_progress_free (SpGoalProgress *progress)
{
  if (progress == NULL)
    return;

  g_clear_object (&progress->goal);
  g_free (progress);
}

static gboolean
compute (SpKpiEngine      *engine,
         SpGoal           *goal,
         const SpPeriod   *periods,
         guint             n_periods,
         GPtrArray       **sets,
         GError          **error)
{
  *sets = sp_kpi_engine_compute_many (engine, periods, n_periods, &goal->segment, error);
  return *sets != NULL;
}

/**
 * sp_goal_tracker_evaluate:
 * @today: the day to judge on (sp_date_today() for now)
 *
 * Computes the baseline, the current value and the status of @goal on
 * @today, by the rule of README, "Goals".
 *
 * Returns: (transfer full): the goal's figures, or %NULL on error
 */
SpGoalProgress *
sp_goal_tracker_evaluate (SpKpiEngine  *engine,
                          SpGoal       *goal,
                          SpDate        today,
                          GError      **error)
{
  g_autoptr(SpGoalProgress) p = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  SpPeriod periods[4];
  SpKpiSet *window_set = NULL;
  SpDate end_day;
  gboolean started;
  gboolean widen_baseline;
  gboolean final;
  guint n = 0;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (engine), NULL);
  g_return_val_if_fail (SP_IS_GOAL (goal), NULL);
  g_return_val_if_fail (today != SP_DATE_NONE, NULL);

  if (!sp_goal_validate_measure (goal, error))
    return NULL;

  p = g_new0 (SpGoalProgress, 1);
  p->goal = g_object_ref (goal);
  p->currency = sp_kpi_engine_get_currency (engine);
  p->today = today;
  p->days_left = goal->due - today;

  end_day = goal->due;
  if (goal->state != SP_GOAL_STATE_OPEN && goal->state_day != SP_DATE_NONE)
    end_day = MIN (end_day, goal->state_day);
  p->as_of = MIN (today, end_day);
  started = p->as_of >= goal->start;

  if (goal->state == SP_GOAL_STATE_OPEN)
    final = today > goal->due;
  else
    final = goal->state_day != SP_DATE_NONE && goal->state_day >= goal->due;

  /* One pass: the baseline (and its widened form), the last 28 days and the span so far */
  widen_baseline =
    sp_goal_tracker_span_months (goal->start, goal->due) < SP_GOAL_BASELINE_MAX_MONTHS;
  periods[n++] = sp_goal_tracker_baseline_period (goal->start, goal->due, FALSE);
  if (widen_baseline)
    periods[n++] = sp_goal_tracker_baseline_period (goal->start, goal->due, TRUE);
  if (started)
    {
      p->so_far = sp_period_make (goal->start, p->as_of);
      p->window = sp_period_make (MAX (goal->start, p->as_of - (SP_GOAL_WINDOW_DAYS - 1)),
                                  p->as_of);
      periods[n++] = p->window;
      periods[n++] = p->so_far;
    }

  if (!compute (engine, goal, periods, n, &sets, error))
    return NULL;

  sp_goal_tracker_choose_baseline (goal->kpi, g_ptr_array_index (sets, 0),
                                   widen_baseline ? g_ptr_array_index (sets, 1) : NULL,
                                   &p->baseline_period, &p->baseline);
  p->baseline_partial = p->baseline_period.to >= today;

  if (isnan (p->baseline.value) && !isnan (goal->baseline_estimate))
    {
      p->baseline = sp_goal_tracker_no_value ();
      p->baseline.value = goal->baseline_estimate;
      p->baseline_estimated = TRUE;
    }

  p->current = sp_goal_tracker_no_value ();
  p->since_start = sp_goal_tracker_no_value ();
  p->progress = NAN;
  p->expected = 0;

  if (started)
    {
      SpKpiSet *so_far = g_ptr_array_index (sets, n - 1);

      window_set = g_ptr_array_index (sets, n - 2);
      sp_goal_tracker_kpi_value (goal->kpi, so_far, &p->since_start);
      sp_goal_tracker_kpi_value (goal->kpi, window_set, &p->current);

      /* Too few in the last 28 days: a week further back at a time, never before the start */
      if (!sp_goal_tracker_enough (goal->kpi, &p->current) && p->window.from > goal->start &&
          sp_goal_tracker_enough (goal->kpi, &p->since_start))
        {
          g_autoptr(GArray) wider = g_array_new (FALSE, FALSE, sizeof (SpPeriod));
          g_autoptr(GPtrArray) wider_sets = NULL;

          for (SpDate from = p->window.from - SP_GOAL_WINDOW_STEP; ; from -= SP_GOAL_WINDOW_STEP)
            {
              SpPeriod w = sp_period_make (MAX (from, goal->start), p->as_of);

              g_array_append_val (wider, w);
              if (w.from == goal->start)
                break;
            }

          if (!compute (engine, goal, (const SpPeriod *) wider->data, wider->len, &wider_sets,
                        error))
            return NULL;

          for (guint i = 0; i < wider_sets->len; i++)
            {
              SpKpiValue v;

              sp_goal_tracker_kpi_value (goal->kpi, g_ptr_array_index (wider_sets, i), &v);
              if (sp_goal_tracker_enough (goal->kpi, &v) || i == wider_sets->len - 1)
                {
                  p->window = g_array_index (wider, SpPeriod, i);
                  p->current = v;
                  break;
                }
            }
        }
      else if (!sp_goal_tracker_enough (goal->kpi, &p->current) && p->window.from > goal->start)
        {
          /* Not enough in the whole span either: show what there is */
          p->window = p->so_far;
          p->current = p->since_start;
        }

      p->expected = expected_share (goal, &p->window);
      if (is_improvement (goal, p->baseline.value) && !isnan (p->current.value))
        p->progress = (p->current.value - p->baseline.value) /
                      (goal->target - p->baseline.value);

      p->verdict = judge (goal, p->baseline.value, &p->current, &p->window, p->progress,
                          p->expected, final);
    }
  else
    {
      p->verdict = SP_GOAL_STATUS_NOT_STARTED;
    }

  switch (goal->state)
    {
    case SP_GOAL_STATE_CLOSED:
      p->status = SP_GOAL_STATUS_CLOSED;
      break;
    case SP_GOAL_STATE_ABANDONED:
      p->status = SP_GOAL_STATUS_ABANDONED;
      break;
    case SP_GOAL_STATE_OPEN:
    default:
      p->status = p->verdict;
      break;
    }

  return g_steal_pointer (&p);
}

int
sp_goal_progress_compare_urgency (const SpGoalProgress *a,
                                  const SpGoalProgress *b)
{
  int ua = sp_goal_status_get_urgency (a->status);
  int ub = sp_goal_status_get_urgency (b->status);

  if (ua != ub)
    return ua < ub ? -1 : 1;
  if (a->goal->due != b->goal->due)
    return a->goal->due < b->goal->due ? -1 : 1;
  return a->goal->id < b->goal->id ? -1 : a->goal->id > b->goal->id;
}

static int
compare_urgency_ptr (gconstpointer a,
                     gconstpointer b)
{
  return sp_goal_progress_compare_urgency (*(SpGoalProgress * const *) a,
                                           *(SpGoalProgress * const *) b);
}

/**
 * sp_goal_tracker_evaluate_all:
 * @goals: (element-type SpGoal): the goals, as sp_store_list_goals() gives them
 *
 * Returns: (transfer full) (element-type SpGoalProgress): the goals'
 *   figures, most urgent first
 */
GPtrArray *
sp_goal_tracker_evaluate_all (SpKpiEngine  *engine,
                              GPtrArray    *goals,
                              SpDate        today,
                              GError      **error)
{
  g_autoptr(GPtrArray) result = NULL;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (engine), NULL);
  g_return_val_if_fail (goals != NULL, NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_goal_progress_free);

  for (guint i = 0; i < goals->len; i++)
    {
      SpGoalProgress *p = sp_goal_tracker_evaluate (engine, g_ptr_array_index (goals, i), today,
                                                    error);
      if (p == NULL)
        return NULL;
      g_ptr_array_add (result, p);
    }

  g_ptr_array_sort (result, compare_urgency_ptr);
  return g_steal_pointer (&result);
}

/* On a thread, with a read-only connection of its own */

typedef struct
{
  SpGoal         *goal;       /* the caller's copy: the caller may change its own */
  SpDate          today;
  gboolean        include_closed;
  GPtrArray      *all;
  SpGoalProgress *progress;
  GPtrArray      *trend;
  SpGranularity   granularity;
} GoalData;

static void
goal_data_free (gpointer user_data)
{
  GoalData *data = user_data;

  g_clear_object (&data->goal);
  g_clear_pointer (&data->all, g_ptr_array_unref);
  g_clear_pointer (&data->progress, sp_goal_progress_free);
  g_clear_pointer (&data->trend, g_ptr_array_unref);
  g_free (data);
}

/* Cancelling calls @callback at once */
static void
goal_work_start (SpStore             *store,
                 SpGoal              *goal,
                 SpDate               today,
                 gboolean             include_closed,
                 SpWorkerFunc         func,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GoalData *data = g_new0 (GoalData, 1);

  data->goal = goal ? sp_goal_copy (goal) : NULL;
  data->today = today;
  data->include_closed = include_closed;
  sp_worker_run_async (NULL, store, SP_WORKER_RETURN_ON_CANCEL, func, data, goal_data_free,
                       cancellable, callback, user_data);
}

static gboolean
evaluate_thread (SpWorker      *worker,
                 SpStore       *reader,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  GoalData *data = user_data;
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (reader);
  g_autoptr(GPtrArray) goals = sp_store_list_goals (reader, data->include_closed, error);

  return goals != NULL &&
         (data->all = sp_goal_tracker_evaluate_all (engine, goals, data->today, error)) != NULL;
}

/**
 * sp_goal_tracker_evaluate_store_async:
 *
 * Evaluates the goals of @store (the open ones, or all) on @today on a
 * worker thread with its own read-only connection, for pages that must
 * not wait: sp_goal_tracker_evaluate_store_finish() gives what
 * sp_goal_tracker_evaluate_all() would.  Cancelling calls @callback at once.
 */
void
sp_goal_tracker_evaluate_store_async (SpStore             *store,
                                      gboolean             include_closed,
                                      SpDate               today,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (SP_IS_STORE (store));

  goal_work_start (store, NULL, today, include_closed, evaluate_thread, cancellable, callback,
                   user_data);
}

/* Returns: (transfer full) (element-type SpGoalProgress): most urgent first */
GPtrArray *
sp_goal_tracker_evaluate_store_finish (GAsyncResult  *result,
                                       GError       **error)
{
  GoalData *data;

  if (!sp_worker_run_finish (result, (gpointer *) &data, error))
    return NULL;
  return g_steal_pointer (&data->all);
}

/* One goal, or what its checks rest on, on a thread */

static gboolean
evaluate_goal_thread (SpWorker      *worker,
                      SpStore       *reader,
                      gpointer       user_data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  GoalData *data = user_data;
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (reader);

  return (data->progress = sp_goal_tracker_evaluate (engine, data->goal, data->today,
                                                     error)) != NULL &&
         (data->trend = sp_goal_tracker_trend (engine, data->progress, &data->granularity,
                                               error)) != NULL;
}

/**
 * sp_goal_tracker_evaluate_goal_async:
 *
 * Evaluates a copy of @goal on @today on a worker thread with a read-only
 * connection of its own to @store's file, and computes its chart's series.
 * Cancelling calls @callback at once.
 */
void
sp_goal_tracker_evaluate_goal_async (SpStore             *store,
                                     SpGoal              *goal,
                                     SpDate               today,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SP_IS_STORE (store));
  g_return_if_fail (SP_IS_GOAL (goal));

  goal_work_start (store, goal, today, FALSE, evaluate_goal_thread, cancellable, callback,
                   user_data);
}

/**
 * sp_goal_tracker_evaluate_goal_finish:
 * @trend: (out) (optional) (transfer full): the chart's series
 * @granularity: (out) (optional): by week or by month
 *
 * Returns: (transfer full): the goal's figures, or %NULL on error
 */
SpGoalProgress *
sp_goal_tracker_evaluate_goal_finish (GAsyncResult   *result,
                                      GPtrArray     **trend,
                                      SpGranularity  *granularity,
                                      GError        **error)
{
  GoalData *data;

  if (!sp_worker_run_finish (result, (gpointer *) &data, error))
    return NULL;

  if (trend)
    *trend = g_steal_pointer (&data->trend);
  if (granularity)
    *granularity = data->granularity;
  return g_steal_pointer (&data->progress);
}

double
sp_goal_progress_path_value (const SpGoalProgress *progress,
                             double                days_since_start)
{
  double days;

  g_return_val_if_fail (progress != NULL, NAN);

  days = sp_goal_get_days (progress->goal);
  if (days <= 0 || isnan (progress->baseline.value))
    return NAN;

  days_since_start = CLAMP (days_since_start, 0.0, days);
  return progress->baseline.value +
         (progress->goal->target - progress->baseline.value) * days_since_start / days;
}

/* Words */

char *
sp_goal_format_n (SpKpi  kpi,
                  gint64 n)
{
  gulong plural = (gulong) MIN (n, G_MAXLONG);

  switch (kpi)
    {
    case SP_KPI_CSAT:
    case SP_KPI_NPS:
    case SP_KPI_CES:
      /* TRANSLATORS: what a goal's figure rests on: "42 answers" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRId64 " answer",
                                           "%'" PRId64 " answers", plural), n);
    case SP_KPI_FCR:
      /* TRANSLATORS: what a goal's figure rests on: "42 first contacts" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRId64 " first contact",
                                           "%'" PRId64 " first contacts", plural), n);
    case SP_KPI_FIRST_RESPONSE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: what a goal's figure rests on: "42
                                            * answered contacts" */
                                           "%'" PRId64 " answered contact",
                                           "%'" PRId64 " answered contacts", plural), n);
    case SP_KPI_RESOLUTION_TIME:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: what a goal's figure rests on: "42
                                            * resolved contacts" */
                                           "%'" PRId64 " resolved contact",
                                           "%'" PRId64 " resolved contacts", plural), n);
    case SP_KPI_AHT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: what a goal's figure rests on: "42
                                            * contacts with handle times" */
                                           "%'" PRId64 " contact with handle times",
                                           "%'" PRId64 " contacts with handle times",
                                           plural), n);
    case SP_KPI_UTILIZATION:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: what a goal's figure rests on: "2,400
                                            * available minutes" */
                                           "%'" PRId64 " available minute",
                                           "%'" PRId64 " available minutes", plural), n);
    case SP_KPI_BACKLOG:
      /* TRANSLATORS: what a goal's figure rests on: "42 open contacts" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRId64 " open contact",
                                           "%'" PRId64 " open contacts", plural), n);
    case SP_KPI_CHURN:
      /* TRANSLATORS: what a goal's figure rests on: "420 customers" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRId64 " customer",
                                           "%'" PRId64 " customers", plural), n);
    case SP_KPI_ESCALATION_RATE:
    case SP_KPI_REPEAT_RATE:
    case SP_KPI_SLA_COMPLIANCE:
    case SP_KPI_COST_PER_CONTACT:
    case SP_KPI_CONTACTS:
    default:
      /* TRANSLATORS: what a goal's figure rests on: "42 contacts" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRId64 " contact",
                                           "%'" PRId64 " contacts", plural), n);
    }
}

static char *
format_percent_share (double share)
{
  /* TRANSLATORS: a share of the way to a goal, e.g. "60 %" */
  return g_strdup_printf (_("%'.0f %%"), share * 100.0);
}

/**
 * sp_goal_progress_explain:
 *
 * Why the goal has its status, in one or two plain sentences.
 */
char *
sp_goal_progress_explain (const SpGoalProgress *p)
{
  SpGoal *goal;
  g_autofree char *current = NULL;
  g_autofree char *target = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *window = NULL;
  g_autofree char *n = NULL;

  g_return_val_if_fail (p != NULL, NULL);

  goal = p->goal;
  current = sp_goal_format_value (goal->kpi, p->current.value, p->currency);
  target = sp_goal_format_value_like (goal->kpi, goal->target, p->current.value,
                                      p->currency);
  baseline = sp_goal_format_value_like (goal->kpi, p->baseline.value, p->current.value,
                                        p->currency);
  window = sp_period_format_sentence (&p->window);
  n = sp_goal_format_n (goal->kpi, p->current.n);

  switch (p->status)
    {
    case SP_GOAL_STATUS_NOT_STARTED:
      {
        g_autofree char *start = sp_date_format_long (goal->start);
        /* TRANSLATORS: %s is a day, "1 January 2027" */
        return g_strdup_printf (_("Starts on %s."), start);
      }

    case SP_GOAL_STATUS_NO_DATA:
      if (p->current.n < sp_goal_kpi_min_n (goal->kpi) || isnan (p->current.value))
        {
          g_autofree char *needed = sp_goal_format_n (goal->kpi, sp_goal_kpi_min_n (goal->kpi));

          if (sp_goal_kpi_min_n (goal->kpi) == 0)
            return g_strdup (_("Nothing to measure yet since the start."));
          /* TRANSLATORS: "Not enough data yet: 12 first contacts since the start; a
           * judgement needs 30 first contacts." */
          return g_strdup_printf (_("Not enough data yet: %s since the start; a judgement "
                                    "needs %s."), n, needed);
        }
      /* TRANSLATORS: the second %s is a period in a sentence, "from 6 February to 5 March
       * 2027" */
      return g_strdup_printf (_("%s %s (%s), but there is no baseline to measure progress "
                                "from: no data before the start."), current, window, n);

    case SP_GOAL_STATUS_ACHIEVED:
      /* TRANSLATORS: the value, its period in a sentence, what it rests on, and the target */
      return g_strdup_printf (_("%s %s (%s) meets the target of %s."),
                              current, window, n, target);

    case SP_GOAL_STATUS_MISSED:
      /* TRANSLATORS: the value, its period in a sentence, what it rests on, and the target */
      return g_strdup_printf (_("%s %s (%s), short of the target of %s."),
                              current, window, n, target);

    case SP_GOAL_STATUS_ON_TRACK:
    case SP_GOAL_STATUS_AT_RISK:
    case SP_GOAL_STATUS_BEHIND:
      if (isnan (p->progress))
        /* TRANSLATORS: the value, its period in a sentence, what it rests on, and the level to
         * keep */
        return g_strdup_printf (_("%s %s (%s): the goal is to keep %s."),
                                current, window, n, target);
      {
        g_autofree char *share = format_percent_share (p->progress);
        g_autofree char *expected = format_percent_share (p->expected);

        /* TRANSLATORS: "71 % from 3 to 30 March 2027 (42 first contacts): 60 % of the way
         * from 65 % to 75 %; the straight path expects 67 % by now." */
        return g_strdup_printf (_("%s %s (%s): %s of the way from %s to %s; the straight "
                                  "path expects %s by now."),
                                current, window, n, share, baseline, target, expected);
      }

    case SP_GOAL_STATUS_CLOSED:
    case SP_GOAL_STATUS_ABANDONED:
      {
        g_autofree char *day = sp_date_format_long (goal->state_day);
        const char *verdict = sp_goal_status_get_label (p->verdict);

        if (goal->state_reason != NULL)
          return p->status == SP_GOAL_STATUS_CLOSED
                 /* TRANSLATORS: "Closed on 12 March 2027 (status then: At risk): a reason" */
                 ? g_strdup_printf (_("Closed on %s (status then: %s): %s"), day, verdict,
                                    goal->state_reason)
                 /* TRANSLATORS: the day it was abandoned, its status then, and the owner's
                  * reason */
                 : g_strdup_printf (_("Abandoned on %s (status then: %s): %s"), day, verdict,
                                    goal->state_reason);
        return p->status == SP_GOAL_STATUS_CLOSED
               /* TRANSLATORS: the day it was closed and its status then */
               ? g_strdup_printf (_("Closed on %s (status then: %s)."), day, verdict)
               /* TRANSLATORS: the day it was abandoned and its status then */
               : g_strdup_printf (_("Abandoned on %s (status then: %s)."), day, verdict);
      }

    case SP_N_GOAL_STATUSES:
    default:
      return g_strdup ("");
    }
}

/* The chart's series */

/* The days the goal chart covers: the baseline period to the due date */
SpPeriod
sp_goal_tracker_chart_range (const SpGoalProgress *progress,
                             SpGranularity        *granularity)
{
  SpPeriod range;

  g_return_val_if_fail (progress != NULL, sp_period_make (0, 0));

  range = sp_period_make (progress->baseline_period.from,
                          MAX (progress->goal->due, progress->baseline_period.to));
  if (granularity)
    *granularity = sp_period_get_days (&range) <= 27 * 7 ? SP_GRANULARITY_WEEK
                                                          : SP_GRANULARITY_MONTH;
  return range;
}

/**
 * sp_goal_tracker_trend:
 *
 * Returns: (transfer full) (element-type SpKpiSet): the goal's KPI per week
 *   or month (sp_goal_tracker_chart_range()) from the start of its
 *   baseline period to the last day counted, for its segment
 */
GPtrArray *
sp_goal_tracker_trend (SpKpiEngine          *engine,
                       const SpGoalProgress *progress,
                       SpGranularity        *granularity,
                       GError              **error)
{
  GPtrArray *sets;
  SpGranularity g;
  SpPeriod range;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (engine), NULL);
  g_return_val_if_fail (progress != NULL, NULL);

  range = sp_goal_tracker_chart_range (progress, &g);
  if (granularity)
    *granularity = g;

  range.to = MIN (range.to, MIN (progress->as_of, progress->today));
  if (range.to < range.from)
    return g_ptr_array_new_with_free_func (g_object_unref);

  sets = sp_kpi_engine_trend (engine, &range, g, &progress->goal->segment, error);
  /* not over on the goal's own today, or cut at its last day counted */
  for (guint i = 0; sets != NULL && i < sets->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (sets, i);

      set->partial = sp_period_bucket_is_partial (&set->period, g, progress->today);
    }
  return sets;
}
