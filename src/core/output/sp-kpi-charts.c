/* sp-kpi-charts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-kpi-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-kpi-charts.h"


/* What a KPI's n counts */
SpChartNoun
sp_kpi_get_chart_noun (SpKpi kpi)
{
  switch (kpi)
    {
    case SP_KPI_CSAT:
    case SP_KPI_NPS:
    case SP_KPI_CES:
      return SP_CHART_NOUN_ANSWERS;
    case SP_KPI_FCR:
      return SP_CHART_NOUN_FIRST_CONTACTS;
    case SP_KPI_UTILIZATION:
      return SP_CHART_NOUN_AVAILABLE_MINUTES;
    case SP_KPI_CHURN:
      return SP_CHART_NOUN_CUSTOMERS;
    case SP_KPI_FIRST_RESPONSE:
    case SP_KPI_ESCALATION_RATE:
    case SP_KPI_REPEAT_RATE:
    case SP_KPI_AHT:
    case SP_KPI_SLA_COMPLIANCE:
    case SP_KPI_RESOLUTION_TIME:
    case SP_KPI_BACKLOG:
    case SP_KPI_COST_PER_CONTACT:
    case SP_KPI_CONTACTS:
    default:
      return SP_CHART_NOUN_CONTACTS;
    }
}

/* "42 answers", "310 first contacts" */
char *
sp_kpi_format_n (SpKpi  kpi,
                 gint64 n)
{
  return sp_chart_format_n (sp_kpi_get_chart_noun (kpi), n);
}

/* Whether a figure of @kpi means little when it rests on few answers or contacts */
static gboolean
is_sampled (SpKpi kpi)
{
  switch (kpi)
    {
    case SP_KPI_CSAT:
    case SP_KPI_FCR:
    case SP_KPI_FIRST_RESPONSE:
    case SP_KPI_ESCALATION_RATE:
    case SP_KPI_NPS:
    case SP_KPI_CES:
    case SP_KPI_REPEAT_RATE:
    case SP_KPI_SLA_COMPLIANCE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Unit, limits, noun and title of a chart of @kpi */
void
sp_kpi_chart_setup (SpChart *chart,
                    SpKpi    kpi)
{
  SpUnit unit = sp_kpi_get_unit (kpi);

  sp_chart_set_title (chart, sp_kpi_get_name (kpi));
  sp_chart_set_unit (chart, unit);
  sp_chart_set_noun (chart, sp_kpi_get_chart_noun (kpi));
  if (is_sampled (kpi))
    sp_chart_set_min_n (chart, sp_benchmarks_get_min_n (kpi));

  switch (unit)
    {
    case SP_UNIT_PERCENT:
      sp_chart_set_limits (chart, 0, 100);
      break;
    case SP_UNIT_NPS:
      sp_chart_set_limits (chart, -100, 100);
      break;
    case SP_UNIT_SCORE:
      sp_chart_set_limits (chart, 1, 7);
      break;
    case SP_UNIT_MINUTES:
    case SP_UNIT_HOURS:
    case SP_UNIT_COUNT:
    case SP_UNIT_CURRENCY:
    default:
      sp_chart_set_limits (chart, 0, NAN);
      break;
    }
}

static void
add_band (SpChart  *chart,
          double    from,
          double    to,
          SpStatus  status)
{
  if (isnan (from) || isnan (to) || from >= to)
    return;

  sp_chart_add_band (chart, from, to, status, sp_status_get_label (status));
}

/* The benchmark bands of @kpi, shaded behind its values */
void
sp_kpi_chart_add_bands (SpChart      *chart,
                        SpKpi         kpi,
                        SpBenchmarks *benchmarks)
{
  const SpBand *band;
  double lo, hi;

  g_return_if_fail (chart != NULL);

  if (benchmarks == NULL || !sp_kpi_has_status (kpi) || kpi == SP_KPI_BACKLOG)
    return;

  band = sp_benchmarks_get_band (benchmarks, kpi);
  if (band == NULL)
    return;

  switch (sp_kpi_get_direction (kpi))
    {
    case SP_DIRECTION_HIGHER_IS_BETTER:
      hi = isfinite (band->excellent) ? band->excellent : INFINITY;
      lo = isfinite (band->act) ? band->act : -INFINITY;
      if (!isfinite (band->good))
        return;
      add_band (chart, -INFINITY, lo, SP_STATUS_ACT);
      add_band (chart, lo, band->good, SP_STATUS_WATCH);
      add_band (chart, band->good, hi, SP_STATUS_GOOD);
      add_band (chart, hi, INFINITY, SP_STATUS_EXCELLENT);
      break;

    case SP_DIRECTION_LOWER_IS_BETTER:
      lo = isfinite (band->excellent) ? band->excellent : -INFINITY;
      hi = isfinite (band->act) ? band->act : INFINITY;
      if (!isfinite (band->good))
        return;
      add_band (chart, -INFINITY, lo, SP_STATUS_EXCELLENT);
      add_band (chart, lo, band->good, SP_STATUS_GOOD);
      add_band (chart, band->good, hi, SP_STATUS_WATCH);
      add_band (chart, hi, INFINITY, SP_STATUS_ACT);
      break;

    case SP_DIRECTION_IN_BAND:
      if (!isfinite (band->good_low) || !isfinite (band->good_high))
        return;
      hi = isfinite (band->act_high) ? band->act_high : INFINITY;
      add_band (chart, -INFINITY, band->good_low, SP_STATUS_WATCH);
      add_band (chart, band->good_low, band->good_high, SP_STATUS_GOOD);
      add_band (chart, band->good_high, hi, SP_STATUS_WATCH);
      add_band (chart, hi, INFINITY, SP_STATUS_ACT);
      break;

    case SP_DIRECTION_NEUTRAL:
    default:
      break;
    }
}

static void
add_points (SpChart   *chart,
            guint      series,
            SpKpi      kpi,
            GPtrArray *sets)
{
  for (guint i = 0; i < sets->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (sets, i);
      const SpKpiValue *v = sp_kpi_set_get (set, kpi);
      SpChartPoint point = { set->period.from, set->period.to, v->value, v->n, v->lower,
                             v->upper, set->partial };

      sp_chart_add_point (chart, series, &point);
    }
}

/*
 * @kpi over time, one point per SpKpiSet of @sets (a trend from the
 * engine), its benchmark bands behind and, when @goal is not NAN, the
 * goal's target as a line.
 */
SpChart *
sp_kpi_chart_new_trend (SpKpi         kpi,
                        GPtrArray    *sets,
                        SpBenchmarks *benchmarks,
                        double        goal)
{
  SpChart *chart = sp_chart_new (SP_CHART_TREND);

  g_return_val_if_fail (sets != NULL, chart);

  sp_kpi_chart_setup (chart, kpi);
  sp_kpi_chart_add_bands (chart, kpi, benchmarks);

  if (isfinite (goal))
    {
      const char *currency = sets->len > 0 ? ((SpKpiSet *) sets->pdata[0])->currency : NULL;
      g_autofree char *value = sp_kpi_format_value (kpi, goal, currency);
      /* TRANSLATORS: the legend of a goal's target line, "Goal 90 %" */
      g_autofree char *label = g_strdup_printf (_("Goal %s"), value);

      sp_chart_add_line (chart, SP_CHART_LINE_TARGET, goal, label);
    }

  add_points (chart, sp_chart_add_series (chart, sp_kpi_get_short_name (kpi)), kpi, sets);
  return chart;
}

/* A line per agent, channel or topic of @split (sp_kpi_engine_trend_split()) */
SpChart *
sp_kpi_chart_new_split_trend (SpKpi         kpi,
                              GPtrArray    *split,
                              SpBenchmarks *benchmarks,
                              guint         max_series)
{
  SpChart *chart = sp_chart_new (SP_CHART_TREND);

  g_return_val_if_fail (split != NULL, chart);

  sp_kpi_chart_setup (chart, kpi);
  sp_kpi_chart_add_bands (chart, kpi, benchmarks);

  for (guint i = 0; i < split->len && i < max_series; i++)
    {
      GPtrArray *sets = g_ptr_array_index (split, i);
      SpKpiSet *first;

      if (sets->len == 0)
        continue;

      first = g_ptr_array_index (sets, 0);
      add_points (chart, sp_chart_add_series (chart, first->segment_label), kpi, sets);
    }

  return chart;
}

SpChart *
sp_kpi_chart_new_sparkline (SpKpi      kpi,
                            GPtrArray *sets)
{
  SpChart *chart = sp_chart_new (SP_CHART_SPARKLINE);

  g_return_val_if_fail (sets != NULL, chart);

  sp_kpi_chart_setup (chart, kpi);
  add_points (chart, sp_chart_add_series (chart, NULL), kpi, sets);
  return chart;
}

typedef struct
{
  SpKpi        kpi;
  SpDirection  direction;
} SortBy;

static int
compare_sets (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortBy *by = user_data;
  double va = sp_kpi_set_get (*(SpKpiSet **) a, by->kpi)->value;
  double vb = sp_kpi_set_get (*(SpKpiSet **) b, by->kpi)->value;

  /* no value last; the best first */
  if (isnan (va) || isnan (vb))
    return isnan (va) - isnan (vb);

  if (by->direction == SP_DIRECTION_LOWER_IS_BETTER)
    return (va > vb) - (va < vb);
  return (va < vb) - (va > vb);
}

/*
 * @kpi of each agent, channel or topic of @sets (a breakdown), best first,
 * against the team's value (@team, may be NULL) and the start of the good
 * band.
 */
SpChart *
sp_kpi_chart_new_breakdown (SpKpi         kpi,
                            GPtrArray    *sets,
                            SpKpiSet     *team,
                            SpBenchmarks *benchmarks)
{
  SpChart *chart = sp_chart_new (SP_CHART_BARS);
  g_autoptr(GPtrArray) sorted = NULL;
  SortBy by = { kpi, sp_kpi_get_direction (kpi) };

  g_return_val_if_fail (sets != NULL, chart);

  sp_kpi_chart_setup (chart, kpi);
  sp_kpi_chart_add_bands (chart, kpi, benchmarks);

  if (team != NULL && isfinite (sp_kpi_set_get (team, kpi)->value))
    {
      g_autofree char *value = sp_kpi_format_value (kpi, sp_kpi_set_get (team, kpi)->value,
                                                    team->currency);
      /* TRANSLATORS: the legend of the team's average line, "Team 80 %" */
      g_autofree char *label = g_strdup_printf (_("Team %s"), value);

      sp_chart_add_line (chart, SP_CHART_LINE_AVERAGE, sp_kpi_set_get (team, kpi)->value,
                         label);
    }

  /* a view of the same sets: g_ptr_array_copy() would also copy the free function */
  sorted = g_ptr_array_sized_new (sets->len);
  for (guint i = 0; i < sets->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (sets, i));
  g_ptr_array_sort_with_data (sorted, compare_sets, &by);

  if (kpi == SP_KPI_FIRST_RESPONSE)
    {
      /* each bar against the targets of its own channels (KPI-SPEC §3) */
      sp_chart_set_status_label (chart, SP_STATUS_GOOD,
                                 _("Within its channels’ targets (weighted by contacts)"));
      sp_chart_set_status_label (chart, SP_STATUS_WATCH, _("Up to twice those targets"));
      sp_chart_set_status_label (chart, SP_STATUS_ACT, _("Over twice those targets"));
    }

  for (guint i = 0; i < sorted->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (sorted, i);
      const SpKpiValue *v = sp_kpi_set_get (set, kpi);
      SpChartBar bar = { set->segment_label ? set->segment_label : _("Unnamed"), v->value, v->n,
                         v->status, NAN };

      if (isnan (v->value) && v->n == 0)
        continue;
      if (kpi == SP_KPI_FIRST_RESPONSE)
        bar.target = set->first_response_target;
      sp_chart_add_bar (chart, &bar);
    }

  return chart;
}

/* First response of each channel with contacts, against its own target */
SpChart *
sp_kpi_chart_new_first_response (SpKpiSet     *set,
                                 SpBenchmarks *benchmarks)
{
  SpChart *chart = sp_chart_new (SP_CHART_TARGETS);

  g_return_val_if_fail (SP_IS_KPI_SET (set), chart);

  sp_chart_set_title (chart, _("First response by channel"));
  sp_chart_set_unit (chart, SP_UNIT_MINUTES);
  sp_chart_set_noun (chart, SP_CHART_NOUN_CONTACTS);
  sp_chart_add_band (chart, 0, 1, SP_STATUS_GOOD, _("Within target"));
  sp_chart_add_band (chart, 1, 2, SP_STATUS_WATCH, _("Up to twice the target"));
  sp_chart_add_band (chart, 2, INFINITY, SP_STATUS_ACT, _("Over twice the target"));

  for (SpChannel c = 0; c < SP_N_CHANNELS; c++)
    {
      const SpKpiValue *v = &set->first_response_by_channel[c];
      SpChartBar bar = { sp_channel_get_label (c), v->value, v->n, v->status, NAN };

      if (set->contacts_by_channel[c] == 0 && v->n == 0)
        continue;

      bar.target = benchmarks ? sp_benchmarks_get_channel_target (benchmarks, c) : NAN;
      sp_chart_add_bar (chart, &bar);
    }

  return chart;
}

/*
 * Detractors, passives and promoters of each of @sets: by period (the
 * rows named by month or week), or by segment with @by_segment.
 */
SpChart *
sp_kpi_chart_new_nps (GPtrArray *sets,
                      gboolean   by_segment)
{
  SpChart *chart = sp_chart_new (SP_CHART_STACKED);

  g_return_val_if_fail (sets != NULL, chart);

  sp_chart_set_title (chart, sp_kpi_get_name (SP_KPI_NPS));
  sp_chart_set_unit (chart, SP_UNIT_NPS);
  sp_chart_set_noun (chart, SP_CHART_NOUN_ANSWERS);
  sp_chart_set_min_n (chart, sp_benchmarks_get_min_n (SP_KPI_NPS));

  for (guint i = 0; i < sets->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (sets, i);
      const SpKpiValue *v = sp_kpi_set_get (set, SP_KPI_NPS);
      int days = set->period.to - set->period.from + 1;
      g_autofree char *period = NULL;

      /* rows of a trend: a month, even cut short, is named as one */
      SpPeriod named = set->period;

      if (set->period.from == sp_date_month_start (set->period.from) && days < 32 &&
          (days >= 28 || i + 1 == sets->len))
        named = sp_period_make (set->period.from, sp_date_month_end (set->period.from));
      period = set->partial ? sp_period_format_short_so_far (&named)
                            : sp_period_format_short (&named);
      SpChartBar bar = { by_segment && set->segment_label ? set->segment_label : period,
                         v->value, v->n,
                         /* below the minimum n: outlined, "too few" in the legend */
                         isfinite (v->value) && v->n < sp_benchmarks_get_min_n (SP_KPI_NPS)
                         ? SP_STATUS_TOO_FEW : SP_STATUS_NONE, NAN,
                         { set->detractors, set->passives, set->promoters } };

      sp_chart_add_bar (chart, &bar);
    }

  return chart;
}

SpChart *
sp_kpi_chart_new_volume (const gint64 counts[7][24])
{
  SpChart *chart = sp_chart_new (SP_CHART_HEATMAP);

  sp_chart_set_title (chart, _("Contacts by day and hour"));
  sp_chart_set_noun (chart, SP_CHART_NOUN_CONTACTS);
  sp_chart_set_heatmap (chart, counts);
  return chart;
}

SpChart *
sp_kpi_chart_new_by_channel (SpKpiSet *set)
{
  SpChart *chart = sp_chart_new (SP_CHART_BARS);
  gint64 order[SP_N_CHANNELS];

  g_return_val_if_fail (SP_IS_KPI_SET (set), chart);

  sp_chart_set_title (chart, _("Contacts by channel"));
  sp_chart_set_unit (chart, SP_UNIT_COUNT);
  sp_chart_set_noun (chart, SP_CHART_NOUN_CONTACTS);
  sp_chart_set_limits (chart, 0, NAN);

  for (SpChannel c = 0; c < SP_N_CHANNELS; c++)
    order[c] = c;

  /* the busiest first */
  for (guint i = 1; i < SP_N_CHANNELS; i++)
    for (guint j = i; j > 0 && set->contacts_by_channel[order[j]] >
                               set->contacts_by_channel[order[j - 1]]; j--)
      {
        gint64 t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }

  for (guint i = 0; i < SP_N_CHANNELS; i++)
    {
      gint64 n = set->contacts_by_channel[order[i]];
      SpChartBar bar = { sp_channel_get_label ((SpChannel) order[i]), (double) n, n,
                         SP_STATUS_NONE, NAN };

      if (n > 0)
        sp_chart_add_bar (chart, &bar);
    }

  return chart;
}

/* The @max_topics busiest topics, the rest together */
SpChart *
sp_kpi_chart_new_by_topic (SpKpiSet *set,
                           guint     max_topics)
{
  SpChart *chart = sp_chart_new (SP_CHART_BARS);
  gint64 rest = 0;
  guint shown = 0;

  g_return_val_if_fail (SP_IS_KPI_SET (set), chart);

  sp_chart_set_title (chart, _("Contacts by topic"));
  sp_chart_set_unit (chart, SP_UNIT_COUNT);
  sp_chart_set_noun (chart, SP_CHART_NOUN_CONTACTS);
  sp_chart_set_limits (chart, 0, NAN);

  for (guint i = 0; set->contacts_by_category && i < set->contacts_by_category->len; i++)
    {
      SpCategoryCount *c = &g_array_index (set->contacts_by_category, SpCategoryCount, i);
      SpChartBar bar = { c->name && *c->name ? c->name : _("No topic"), (double) c->contacts,
                         c->contacts, SP_STATUS_NONE, NAN };

      if (c->contacts <= 0)
        continue;

      if (shown + 1 < max_topics || set->contacts_by_category->len - i == 1)
        {
          sp_chart_add_bar (chart, &bar);
          shown++;
        }
      else
        rest += c->contacts;
    }

  if (rest > 0)
    sp_chart_add_bar (chart, &(SpChartBar) { _("Other topics"), (double) rest, rest,
                                             SP_STATUS_NONE, NAN });

  return chart;
}
