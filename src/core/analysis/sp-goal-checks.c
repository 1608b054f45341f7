/* sp-goal-checks.c
 *
 * The SMART checks of a goal as the owner types it (README, "Goals"):
 * whether it is measurable (a baseline, enough answers or contacts),
 * achievable (an improvement, not beyond the best the shop or the field
 * has done, not steeper than the shop's own history), time-bound (not past
 * due) and not a second goal over the same days.  What the checks rest on
 * is loaded once into an SpGoalContext, so that typing a target or a due
 * date checks without reading the database again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-goal"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-goal-checks.h"
#include "sp-goal-tracker.h"
#include "sp-goal-tracker-private.h"
#include "sp-worker.h"

typedef struct
{
  SpGoal         *goal;       /* the caller's copy: the caller may change its own */
  SpDate          today;
  SpGoalContext  *context;
} ContextData;

static void
context_data_free (gpointer user_data)
{
  ContextData *data = user_data;

  g_clear_object (&data->goal);
  g_clear_pointer (&data->context, sp_goal_context_free);
  g_free (data);
}

void
sp_goal_check_free (SpGoalCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->message);
  g_free (check);
}

void
sp_goal_context_free (SpGoalContext *context)
{
  if (context == NULL)
    return;

  g_clear_pointer (&context->history, g_array_unref);
  g_clear_pointer (&context->goals, g_ptr_array_unref);
  g_free (context);
}

/**
 * sp_goal_context_load:
 *
 * Loads what the checks of @goal rest on: its baseline, the shop's best
 * month before the start, the 12 months before it, and the open goals.
 */
SpGoalContext *
sp_goal_context_load (SpKpiEngine  *engine,
                      SpGoal       *goal,
                      SpDate        today,
                      GError      **error)
{
  g_autoptr(SpGoalContext) ctx = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GArray) periods = NULL;
  g_autoptr(GError) local_error = NULL;
  SpDate month;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (engine), NULL);
  g_return_val_if_fail (SP_IS_GOAL (goal), NULL);
  g_return_val_if_fail (goal->start != SP_DATE_NONE, NULL);

  ctx = g_new0 (SpGoalContext, 1);
  ctx->kpi = goal->kpi;
  ctx->currency = sp_kpi_engine_get_currency (engine);
  ctx->segment = goal->segment;
  ctx->start = goal->start;
  ctx->months = sp_goal_tracker_span_months (goal->start, goal->due != SP_DATE_NONE
                                                           ? MAX (goal->due, goal->start)
                                                           : goal->start);
  ctx->baseline = sp_goal_tracker_no_value ();
  ctx->best = sp_goal_tracker_no_value ();
  ctx->history = g_array_new (FALSE, FALSE, sizeof (SpKpiValue));

  if (!sp_goal_kpi_allowed (goal->kpi) ||
      !sp_kpi_allows_segment (goal->kpi, goal->segment.kind))
    return g_steal_pointer (&ctx);

  month = sp_date_month_start (goal->start);
  ctx->history_period = sp_period_make (sp_date_add_months (month, -SP_GOAL_HISTORY_MONTHS),
                                        month - 1);

  periods = sp_kpi_engine_list_buckets (&ctx->history_period, SP_GRANULARITY_MONTH);
  {
    SpPeriod own = sp_period_make (sp_date_add_months (month, -(int) ctx->months), month - 1);
    SpPeriod widened = sp_period_make (sp_date_add_months (month, -SP_GOAL_BASELINE_MAX_MONTHS),
                                       month - 1);

    g_array_append_val (periods, own);
    g_array_append_val (periods, widened);
  }

  sets = sp_kpi_engine_compute_many (engine, (const SpPeriod *) periods->data, periods->len,
                                     &goal->segment, error);
  if (sets == NULL)
    return NULL;

  for (guint i = 0; i < SP_GOAL_HISTORY_MONTHS; i++)
    {
      SpKpiValue v;

      sp_goal_tracker_kpi_value (goal->kpi, g_ptr_array_index (sets, i), &v);
      g_array_append_val (ctx->history, v);
    }

  sp_goal_tracker_choose_baseline (goal->kpi, g_ptr_array_index (sets, SP_GOAL_HISTORY_MONTHS),
                                   ctx->months < SP_GOAL_BASELINE_MAX_MONTHS
                                   ? g_ptr_array_index (sets, SP_GOAL_HISTORY_MONTHS + 1) : NULL,
                                   &ctx->baseline_period, &ctx->baseline);
  ctx->baseline_partial = ctx->baseline_period.to >= today;

  ctx->has_best = sp_kpi_engine_best_month (engine, goal->kpi, &goal->segment, goal->start,
                                            &ctx->best_month, &ctx->best, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  ctx->goals = sp_store_list_goals (sp_kpi_engine_get_store (engine), FALSE, error);
  if (ctx->goals == NULL)
    return NULL;

  return g_steal_pointer (&ctx);
}

static gboolean
context_load_thread (SpWorker      *worker,
                     SpStore       *reader,
                     gpointer       user_data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ContextData *data = user_data;
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (reader);

  data->context = sp_goal_context_load (engine, data->goal, data->today, error);
  return data->context != NULL;
}

/**
 * sp_goal_context_load_async:
 *
 * Loads what the checks of a copy of @goal rest on, on a worker thread with
 * a read-only connection of its own to @store's file.  Cancelling calls
 * @callback at once.
 */
void
sp_goal_context_load_async (SpStore             *store,
                            SpGoal              *goal,
                            SpDate               today,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ContextData *data;

  g_return_if_fail (SP_IS_STORE (store));
  g_return_if_fail (SP_IS_GOAL (goal));
  g_return_if_fail (goal->start != SP_DATE_NONE);

  data = g_new0 (ContextData, 1);
  data->goal = sp_goal_copy (goal);
  data->today = today;
  sp_worker_run_async (NULL, store, SP_WORKER_RETURN_ON_CANCEL, context_load_thread, data,
                       context_data_free, cancellable, callback, user_data);
}

/* Returns: (transfer full): what sp_goal_context_load() gives, or %NULL on error */
SpGoalContext *
sp_goal_context_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  ContextData *data;

  if (!sp_worker_run_finish (result, (gpointer *) &data, error))
    return NULL;
  return g_steal_pointer (&data->context);
}

/* Whether @context was loaded for @goal's KPI, segment, start and length */
gboolean
sp_goal_context_matches (const SpGoalContext *context,
                         SpGoal              *goal)
{
  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (SP_IS_GOAL (goal), FALSE);

  return context->kpi == goal->kpi &&
         sp_segment_equal (&context->segment, &goal->segment) &&
         context->start == goal->start &&
         goal->due != SP_DATE_NONE && goal->due >= goal->start &&
         context->months == sp_goal_tracker_span_months (goal->start, goal->due);
}

double
sp_goal_context_get_baseline (const SpGoalContext *context,
                              SpGoal              *goal)
{
  g_return_val_if_fail (context != NULL, NAN);
  g_return_val_if_fail (SP_IS_GOAL (goal), NAN);

  if (!isnan (context->baseline.value))
    return context->baseline.value;
  return goal->baseline_estimate;
}

static void
add_check (GPtrArray       *checks,
           SpGoalCheckKind  kind,
           char            *message)
{
  SpGoalCheck *check = g_new0 (SpGoalCheck, 1);

  check->kind = kind;
  check->message = message;
  g_ptr_array_add (checks, check);
}

/* How much better @to is than @from, in the goal's direction */
static double
gain (SpGoal *goal,
      double  from,
      double  to)
{
  return sp_goal_get_direction (goal) == SP_DIRECTION_LOWER_IS_BETTER ? from - to : to - from;
}

/* What the house calls a steep change per month when the shop has no history to compare */
static double
house_steep_per_month (SpKpi  kpi,
                       double baseline)
{
  switch (sp_kpi_get_unit (kpi))
    {
    case SP_UNIT_PERCENT:
      return 5.0;
    case SP_UNIT_NPS:
      return 10.0;
    case SP_UNIT_SCORE:
      return 0.5;
    case SP_UNIT_MINUTES:
    case SP_UNIT_HOURS:
    case SP_UNIT_CURRENCY:
    case SP_UNIT_COUNT:
    default:
      return fabs (baseline) * 0.2;
    }
}

static gboolean
strictly_better (SpGoal *goal,
                 double  value,
                 double  than)
{
  return gain (goal, than, value) > 0;
}

static void
check_bands (SpKpiEngine *engine,
             SpGoal      *goal,
             GPtrArray   *checks)
{
  SpBenchmarks *benchmarks = sp_kpi_engine_get_benchmarks (engine);
  const char *currency = sp_kpi_engine_get_currency (engine);
  const SpBand *band;
  g_autofree char *target = sp_goal_format_value (goal->kpi, goal->target, currency);
  SpStatus status;

  if (goal->kpi == SP_KPI_BACKLOG || !sp_kpi_has_status (goal->kpi))
    return;

  if (goal->kpi == SP_KPI_FIRST_RESPONSE)
    {
      double channel_target;
      g_autofree char *limit = NULL;

      if (goal->segment.kind != SP_SEGMENT_CHANNEL)
        return;

      channel_target = sp_benchmarks_get_channel_target (benchmarks, goal->segment.channel);
      if (sp_benchmarks_classify_response (benchmarks, goal->segment.channel,
                                           goal->target) != SP_STATUS_ACT)
        return;

      limit = sp_goal_format_value (goal->kpi, 2 * channel_target, currency);
      add_check (checks, SP_GOAL_CHECK_STILL_ACT,
                 /* TRANSLATORS: the target, a channel, and twice the channel's target */
                 g_strdup_printf (_("Even at %s, first response on %s would still need action: "
                                    "more than twice its target means act (above %s)."),
                                  target, sp_channel_get_label (goal->segment.channel), limit));
      return;
    }

  band = sp_benchmarks_get_band (benchmarks, goal->kpi);
  if (band == NULL)
    return;

  status = sp_benchmarks_classify (benchmarks, goal->kpi, goal->target);
  if (status == SP_STATUS_ACT)
    {
      g_autofree char *rule = sp_band_format (band, goal->kpi);

      add_check (checks, SP_GOAL_CHECK_STILL_ACT,
                 /* TRANSLATORS: the target, and the band that needs action ("< 75 %") */
                 g_strdup_printf (_("Even at %s the figure would still be in the band that needs "
                                    "action (%s). Aim at least out of it."),
                                  target, rule));
    }

  if (band->excellent_rule != SP_BAND_RULE_NONE && !isnan (band->excellent) &&
      strictly_better (goal, goal->target, band->excellent))
    {
      g_autofree char *excellent = sp_goal_format_value (goal->kpi, band->excellent, currency);

      add_check (checks, SP_GOAL_CHECK_BEYOND_EXCELLENT,
                 /* TRANSLATORS: the target, and where excellent starts */
                 g_strdup_printf (_("%s is beyond %s, where the benchmark puts excellent: few "
                                    "shops get there, fewer stay there."), target, excellent));
    }
}

static void
check_steepness (const SpGoalContext *ctx,
                 SpGoal              *goal,
                 double               baseline,
                 GPtrArray           *checks)
{
  double months = sp_goal_get_days (goal) / SP_GOAL_DAYS_PER_MONTH;
  double needed = gain (goal, baseline, goal->target);
  guint k = (guint) MAX (1, floor (months + 0.5));
  g_autofree char *what = sp_goal_describe_kpi (goal->kpi, &goal->segment, goal->segment_label);
  g_autofree char *change = sp_kpi_format_change (goal->kpi, baseline, goal->target, ctx->currency);
  double best_gain = -G_MAXDOUBLE;
  guint pairs = 0;

  if (needed <= 0 || months <= 0)
    return;

  for (guint i = 0; k < ctx->history->len && i + k < ctx->history->len; i++)
    {
      const SpKpiValue *a = &g_array_index (ctx->history, SpKpiValue, i);
      const SpKpiValue *b = &g_array_index (ctx->history, SpKpiValue, i + k);

      if (!sp_goal_tracker_enough (goal->kpi, a) || !sp_goal_tracker_enough (goal->kpi, b))
        continue;

      best_gain = MAX (best_gain, gain (goal, a->value, b->value));
      pairs++;
    }

  if (pairs > 0)
    {
      g_autofree char *best = NULL;

      if (needed <= best_gain)
        return;

      if (best_gain <= 0)
        {
          add_check (checks, SP_GOAL_CHECK_STEEP,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   /* TRANSLATORS: the change needed, the months
                                                    * left, the KPI in a sentence, and the
                                                    * months again */
                                                   "It needs %s in about %u month; in the past "
                                                   "year %s never improved over %u month.",
                                                   "It needs %s in about %u months; in the past "
                                                   "year %s never improved over %u months.", k),
                                      change, k, what, k));
          return;
        }

      best = sp_kpi_format_change (goal->kpi, 0,
                                   sp_goal_get_direction (goal) == SP_DIRECTION_LOWER_IS_BETTER
                                   ? -best_gain : best_gain, ctx->currency);
      add_check (checks, SP_GOAL_CHECK_STEEP,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* TRANSLATORS: the change needed, the months
                                                * left, the KPI in a sentence, the months again,
                                                * and its best change */
                                               "It needs %s in about %u month: steeper than "
                                               "anything in the past year, where the most %s "
                                               "improved in %u month was %s.",
                                               "It needs %s in about %u months: steeper than "
                                               "anything in the past year, where the most %s "
                                               "improved in %u months was %s.", k),
                                  change, k, what, k, best));
      return;
    }

  {
    double limit = house_steep_per_month (goal->kpi, baseline);
    double per_month = needed / MAX (months, 1.0);
    g_autofree char *per = NULL;
    g_autofree char *lim = NULL;

    if (limit <= 0 || per_month <= limit)
      return;

    per = sp_kpi_format_change (goal->kpi, 0,
                                sp_goal_get_direction (goal) == SP_DIRECTION_LOWER_IS_BETTER
                                ? -per_month : per_month, ctx->currency);
    lim = sp_kpi_format_change (goal->kpi, 0,
                                sp_goal_get_direction (goal) == SP_DIRECTION_LOWER_IS_BETTER
                                ? -limit : limit, ctx->currency);
    add_check (checks, SP_GOAL_CHECK_STEEP,
               /* TRANSLATORS: the change needed each month, and a steep monthly change */
               g_strdup_printf (_("It needs %s a month. There is too little history to compare "
                                  "with, and more than %s a month is steep for most shops."),
                                per, lim));
  }
}

/**
 * sp_goal_context_check:
 *
 * Returns: (transfer full) (element-type SpGoalCheck): what to tell the
 *   owner about @goal's target and dates, the most important first; empty
 *   when nothing stands out
 */
GPtrArray *
sp_goal_context_check (const SpGoalContext *ctx,
                       SpKpiEngine         *engine,
                       SpGoal              *goal,
                       SpDate               today)
{
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *target = NULL;
  double baseline;

  g_return_val_if_fail (ctx != NULL, NULL);
  g_return_val_if_fail (SP_IS_KPI_ENGINE (engine), NULL);
  g_return_val_if_fail (SP_IS_GOAL (goal), NULL);

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_goal_check_free);

  if (!sp_goal_kpi_allowed (goal->kpi) || isnan (goal->target) ||
      goal->start == SP_DATE_NONE || goal->due == SP_DATE_NONE || goal->due < goal->start)
    return g_steal_pointer (&checks);

  baseline = sp_goal_context_get_baseline (ctx, goal);
  target = sp_goal_format_value (goal->kpi, goal->target, ctx->currency);

  /* The baseline */
  if (isnan (ctx->baseline.value))
    {
      if (isnan (goal->baseline_estimate))
        add_check (checks, SP_GOAL_CHECK_NO_BASELINE,
                   g_strdup (_("There is no data before the start to measure a baseline, so "
                               "the goal can show no progress. Enter your own estimate of where "
                               "the shop stands, or start the goal later.")));
      else
        add_check (checks, SP_GOAL_CHECK_ESTIMATED_BASELINE,
                   g_strdup (_("The baseline is your own estimate: there is no data before the "
                               "start. Once data for that period is recorded, it takes over.")));
    }
  else
    {
      if (ctx->baseline.n < sp_goal_kpi_min_n (goal->kpi))
        {
          g_autofree char *n = sp_goal_format_n (goal->kpi, ctx->baseline.n);
          g_autofree char *range = sp_kpi_format_with_interval (goal->kpi, &ctx->baseline, ctx->currency);

          add_check (checks, SP_GOAL_CHECK_SMALL_BASELINE,
                     /* TRANSLATORS: what the baseline rests on ("12 answers"), and its 95 %
                      * interval */
                     g_strdup_printf (_("The baseline rests on only %s, so it is rough: %s."),
                                      n, range));
        }
      if (ctx->baseline_partial)
        add_check (checks, SP_GOAL_CHECK_PARTIAL_BASELINE,
                   g_strdup (_("The baseline's period has not ended yet: the baseline will "
                               "change until it has.")));
    }

  if (!isnan (baseline) && sp_goal_meets_target (goal, baseline))
    {
      g_autofree char *base = sp_goal_format_value (goal->kpi, baseline, ctx->currency);

      add_check (checks, SP_GOAL_CHECK_NOT_AN_IMPROVEMENT,
                 /* TRANSLATORS: %s is the baseline's value */
                 g_strdup_printf (_("The target is no better than the baseline (%s): the goal "
                                    "is to hold that level, not to improve on it."), base));
    }

  check_bands (engine, goal, checks);

  if (ctx->has_best && strictly_better (goal, goal->target, ctx->best.value))
    {
      g_autofree char *best = sp_goal_format_value (goal->kpi, ctx->best.value, ctx->currency);
      g_autofree char *month = sp_date_format_month (ctx->best_month.from);
      g_autofree char *n = sp_goal_format_n (goal->kpi, ctx->best.n);

      add_check (checks, SP_GOAL_CHECK_BEYOND_BEST,
                 /* TRANSLATORS: the target, the best month, its value, and what it rests on */
                 g_strdup_printf (_("%s is beyond anything the shop has reached: its best "
                                    "month so far was %s, at %s (%s)."), target, month, best, n));
    }

  if (!isnan (baseline))
    check_steepness (ctx, goal, baseline, checks);

  /* At the baseline's pace, will there be enough to judge by? */
  if (!isnan (ctx->baseline.value) && sp_goal_kpi_min_n (goal->kpi) > 0)
    {
      double per_day = (double) ctx->baseline.n / sp_period_get_days (&ctx->baseline_period);
      double expected = per_day * sp_goal_get_days (goal);

      if (expected < sp_goal_kpi_min_n (goal->kpi))
        {
          g_autofree char *about = sp_goal_format_n (goal->kpi, (gint64) floor (expected));
          g_autofree char *needed = sp_goal_format_n (goal->kpi, sp_goal_kpi_min_n (goal->kpi));

          add_check (checks, SP_GOAL_CHECK_FEW_DATA,
                     /* TRANSLATORS: how many answers or contacts are expected, and how many a
                      * judgement needs */
                     g_strdup_printf (_("At the baseline's pace the goal's time will see about "
                                        "%s: too few to judge it (that needs %s). Give it more "
                                        "time or a wider segment."), about, needed));
        }
    }

  if (goal->due < today && goal->state == SP_GOAL_STATE_OPEN)
    add_check (checks, SP_GOAL_CHECK_PAST_DUE,
               g_strdup (_("The due date has passed: the goal will be judged on what is already "
                           "recorded.")));

  for (guint i = 0; ctx->goals != NULL && i < ctx->goals->len; i++)
    {
      SpGoal *other = g_ptr_array_index (ctx->goals, i);
      g_autofree char *sentence = NULL;

      if (other->id == goal->id || other->kpi != goal->kpi ||
          !sp_segment_equal (&other->segment, &goal->segment) ||
          other->due < goal->start || other->start > goal->due)
        continue;

      sentence = sp_goal_dup_sentence (other, NAN, ctx->currency);
      add_check (checks, SP_GOAL_CHECK_OVERLAP,
                 /* TRANSLATORS: %s is the other goal's sentence */
                 g_strdup_printf (_("Another open goal covers the same days: “%s”."), sentence));
      break;
    }

  return g_steal_pointer (&checks);
}

GPtrArray *
sp_goal_tracker_check (SpKpiEngine  *engine,
                       SpGoal       *goal,
                       SpDate        today,
                       GError      **error)
{
  g_autoptr(SpGoalContext) ctx = NULL;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (engine), NULL);
  g_return_val_if_fail (SP_IS_GOAL (goal), NULL);

  if (!(ctx = sp_goal_context_load (engine, goal, today, error)))
    return NULL;

  return sp_goal_context_check (ctx, engine, goal, today);
}
