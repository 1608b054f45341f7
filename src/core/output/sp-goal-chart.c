/* sp-goal-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-goal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-goal-chart.h"
#include "sp-kpi-charts.h"

/* Where the path stands, on average, over the days of @bucket */
static double
path_over (const SpGoalProgress *p,
           const SpPeriod       *bucket)
{
  SpGoal *goal = p->goal;
  SpDate from, to;

  if (bucket->to < goal->start)
    return p->baseline.value;

  from = MAX (bucket->from, goal->start);
  to = MIN (bucket->to, goal->due);
  if (to < from)
    return NAN;

  return sp_goal_progress_path_value (p, ((from - goal->start) + (to - goal->start + 1)) / 2.0);
}

SpChart *
sp_goal_chart_new (const SpGoalProgress *p,
                   GPtrArray            *sets,
                   SpBenchmarks         *benchmarks)
{
  SpChart *chart = sp_chart_new (SP_CHART_TREND);
  g_autoptr(GArray) buckets = NULL;
  g_autofree char *title = NULL;
  g_autofree char *target = NULL;
  g_autofree char *label = NULL;
  SpGranularity granularity;
  SpPeriod range;
  SpGoal *goal;
  guint actual, path;

  g_return_val_if_fail (p != NULL, chart);
  g_return_val_if_fail (sets != NULL, chart);

  goal = p->goal;
  title = sp_goal_describe_kpi (goal->kpi, &goal->segment, goal->segment_label);

  sp_kpi_chart_setup (chart, goal->kpi);
  sp_chart_set_title (chart, title);
  sp_kpi_chart_add_bands (chart, goal->kpi, benchmarks);
  if (goal->kpi == SP_KPI_FIRST_RESPONSE && goal->segment.kind == SP_SEGMENT_CHANNEL &&
      benchmarks != NULL)
    {
      double minutes = sp_benchmarks_get_channel_target (benchmarks, goal->segment.channel);
      g_autofree char *value = sp_goal_format_value (goal->kpi, minutes, NULL);
      /* TRANSLATORS: a channel's first response target on a chart, "Chat's target 1 min" */
      g_autofree char *text = g_strdup_printf (_("%s's target %s"),
                                               sp_channel_get_label (goal->segment.channel),
                                               value);

      sp_chart_add_line (chart, SP_CHART_LINE_BENCHMARK, minutes, text);
    }
  sp_chart_set_empty_text (chart, _("No data for this goal yet"));

  target = sp_goal_format_value (goal->kpi, goal->target, p->currency);
  /* TRANSLATORS: the legend of a goal's target line, "Target 75 %" */
  label = g_strdup_printf (_("Target %s"), target);
  sp_chart_add_line (chart, SP_CHART_LINE_TARGET, goal->target, label);

  /* TRANSLATORS: the legend of the KPI's own line on a goal's chart */
  actual = sp_chart_add_series (chart, _("Actual"));
  for (guint i = 0; i < sets->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (sets, i);
      SpKpiValue v;
      SpChartPoint point;

      sp_goal_tracker_kpi_value (goal->kpi, set, &v);
      point = (SpChartPoint) { set->period.from, set->period.to, v.value, v.n, v.lower, v.upper,
                               set->partial };

      /*
       * The last point is the figure the status is judged on (the last 28
       * days, or as far back as it had to go), so that the chart and the
       * status never disagree; it is drawn as "so far" and says its days.
       */
      if (i + 1 == sets->len && p->as_of >= goal->start && !isnan (p->current.value))
        {
          point.value = p->current.value;
          point.n = p->current.n;
          point.lower = p->current.lower;
          point.upper = p->current.upper;
          point.partial = TRUE;
          point.basis = p->window;
        }
      sp_chart_add_point (chart, actual, &point);
    }

  /* A goal to hold a level, or without a baseline, has no path: the target line says it */
  if (isnan (p->baseline.value) || sp_goal_meets_target (goal, p->baseline.value))
    return chart;

  /* TRANSLATORS: the legend of a goal's straight path from its baseline to its target */
  path = sp_chart_add_series (chart, _("Straight path"));
  sp_chart_set_series_guide (chart, path, TRUE);
  range = sp_goal_tracker_chart_range (p, &granularity);
  buckets = sp_kpi_engine_list_buckets (&range, granularity);
  for (guint i = 0; i < buckets->len; i++)
    {
      const SpPeriod *bucket = &g_array_index (buckets, SpPeriod, i);
      SpChartPoint point = { bucket->from, bucket->to, path_over (p, bucket), 0, NAN, NAN };

      sp_chart_add_point (chart, path, &point);
    }

  return chart;
}
