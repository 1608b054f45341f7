/* test-trend.c: trends by day, ISO week and month, splits, breakdowns and the previous period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-kpi-engine.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"

#define EPS 1e-9

#define NOW "2026-11-15 12:00"

typedef SpTestEngine Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  now)
{
  sp_test_engine_setup (f, now);
  sp_test_fill_october (f->store);
}

static SpPeriod
period (const char *from,
        const char *to)
{
  return sp_period_make (sp_test_date (from), sp_test_date (to));
}

static void
assert_period (const SpPeriod *p,
               const char     *from,
               const char     *to)
{
  g_assert_cmpint (p->from, ==, sp_test_date (from));
  g_assert_cmpint (p->to, ==, sp_test_date (to));
}

static SpKpiSet *
at (GPtrArray *sets,
    guint      i)
{
  return g_ptr_array_index (sets, i);
}

static void
test_buckets (void)
{
  SpPeriod oct = period ("2026-10-01", "2026-10-31");
  SpPeriod span = period ("2026-09-15", "2026-11-10");
  SpPeriod days = period ("2026-12-30", "2027-01-01");
  SpPeriod new_year = period ("2026-12-28", "2027-01-10");
  g_autoptr(GArray) weeks = sp_kpi_engine_list_buckets (&oct, SP_GRANULARITY_WEEK);
  g_autoptr(GArray) months = sp_kpi_engine_list_buckets (&span, SP_GRANULARITY_MONTH);
  g_autoptr(GArray) each = sp_kpi_engine_list_buckets (&days, SP_GRANULARITY_DAY);
  g_autoptr(GArray) iso = sp_kpi_engine_list_buckets (&new_year, SP_GRANULARITY_WEEK);

  /* 1 October 2026 is a Thursday: the first and last weeks are clipped */
  g_assert_cmpuint (weeks->len, ==, 5);
  assert_period (&g_array_index (weeks, SpPeriod, 0), "2026-10-01", "2026-10-04");
  assert_period (&g_array_index (weeks, SpPeriod, 1), "2026-10-05", "2026-10-11");
  assert_period (&g_array_index (weeks, SpPeriod, 3), "2026-10-19", "2026-10-25");
  assert_period (&g_array_index (weeks, SpPeriod, 4), "2026-10-26", "2026-10-31");
  g_assert_cmpint (sp_date_weekday (g_array_index (weeks, SpPeriod, 1).from), ==, 1);

  g_assert_cmpuint (months->len, ==, 3);
  assert_period (&g_array_index (months, SpPeriod, 0), "2026-09-15", "2026-09-30");
  assert_period (&g_array_index (months, SpPeriod, 1), "2026-10-01", "2026-10-31");
  assert_period (&g_array_index (months, SpPeriod, 2), "2026-11-01", "2026-11-10");

  g_assert_cmpuint (each->len, ==, 3);
  assert_period (&g_array_index (each, SpPeriod, 2), "2027-01-01", "2027-01-01");

  /* ISO weeks cross the new year: Monday 28 December to Sunday 3 January */
  g_assert_cmpuint (iso->len, ==, 2);
  assert_period (&g_array_index (iso, SpPeriod, 0), "2026-12-28", "2027-01-03");
  assert_period (&g_array_index (iso, SpPeriod, 1), "2027-01-04", "2027-01-10");
}

static void
test_weeks (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trend = NULL;
  SpPeriod oct = period ("2026-10-01", "2026-10-31");
  static const gint64 contacts[] = { 3, 2, 0, 2, 0 };
  static const gint64 open[] = { 0, 1, 1, 1, 1 };

  trend = sp_kpi_engine_trend (f->engine, &oct, SP_GRANULARITY_WEEK, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->len, ==, 5);

  for (guint i = 0; i < trend->len; i++)
    {
      g_assert_cmpint (at (trend, i)->contacts, ==, contacts[i]);
      /* c2 was resolved on 3 October, before the first week ended; c5 is open from
       * 10 October on */
      g_assert_cmpint (at (trend, i)->backlog_open, ==, open[i]);
      /* no whole month inside a week */
      g_assert_true (isnan (at (trend, i)->values[SP_KPI_CHURN].value));
    }

  /* first week: c1, c2 (escalated), c3 (a repeat) */
  g_assert_cmpfloat_with_epsilon (at (trend, 0)->values[SP_KPI_REPEAT_RATE].value, 100.0 / 3,
                                  EPS);
  g_assert_cmpfloat_with_epsilon (at (trend, 0)->values[SP_KPI_ESCALATION_RATE].value,
                                  100.0 / 3, EPS);
  /* an empty week has no values */
  g_assert_true (isnan (at (trend, 2)->values[SP_KPI_FCR].value));
  g_assert_cmpint (at (trend, 2)->values[SP_KPI_FCR].n, ==, 0);
  /* utilization of the first week: 6 + 10 + 5 minutes of 8 hours */
  g_assert_cmpfloat_with_epsilon (at (trend, 0)->values[SP_KPI_UTILIZATION].value,
                                  2100.0 / 480, EPS);
  g_assert_true (isnan (at (trend, 1)->values[SP_KPI_UTILIZATION].value));
}

static void
test_months (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trend = NULL;
  g_autoptr(GPtrArray) clipped = NULL;
  g_autoptr(SpKpiSet) oct = NULL;
  SpPeriod span = period ("2026-09-01", "2026-11-30");
  SpPeriod part = period ("2026-09-15", "2026-10-31");
  SpPeriod whole = period ("2026-10-01", "2026-10-31");

  sp_test_add_month (f->store, 2026, 9, 600, 90, 9, 14);

  trend = sp_kpi_engine_trend (f->engine, &span, SP_GRANULARITY_MONTH, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->len, ==, 3);

  /* the October bucket is what October alone gives */
  oct = sp_kpi_engine_compute (f->engine, &whole, NULL, &error);
  g_assert_no_error (error);
  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      const SpKpiValue *a = &at (trend, 1)->values[kpi];
      const SpKpiValue *b = &oct->values[kpi];

      g_assert_cmpint (a->n, ==, b->n);
      g_assert_true ((isnan (a->value) && isnan (b->value)) || fabs (a->value - b->value) < EPS);
    }

  /* September has figures but no contacts: churn yes, cost per contact no */
  g_assert_cmpfloat_with_epsilon (at (trend, 0)->values[SP_KPI_CHURN].value, 10, EPS);
  g_assert_cmpint (at (trend, 0)->values[SP_KPI_COST_PER_CONTACT].n, ==, 0);
  g_assert_true (isnan (at (trend, 0)->values[SP_KPI_COST_PER_CONTACT].value));
  /* November: one survey answer, no figures */
  g_assert_cmpfloat_with_epsilon (at (trend, 2)->values[SP_KPI_CSAT].value, 0, EPS);
  g_assert_true (isnan (at (trend, 2)->values[SP_KPI_CHURN].value));

  /* a month clipped at the range's edge is not a whole month: no churn or cost */
  clipped = sp_kpi_engine_trend (f->engine, &part, SP_GRANULARITY_MONTH, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clipped->len, ==, 2);
  g_assert_true (isnan (at (clipped, 0)->values[SP_KPI_CHURN].value));
  g_assert_cmpfloat_with_epsilon (at (clipped, 1)->values[SP_KPI_CHURN].value, 4, EPS);

  /* over both whole months: (9 + 4) lost of September's 90 at the start */
  {
    g_autoptr(SpKpiSet) both = NULL;
    SpPeriod two = period ("2026-09-01", "2026-10-31");

    both = sp_kpi_engine_compute (f->engine, &two, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (both->values[SP_KPI_CHURN].value, 1300.0 / 90, EPS);
    g_assert_cmpint (both->values[SP_KPI_CHURN].n, ==, 90);
    g_assert_cmpfloat_with_epsilon (both->values[SP_KPI_COST_PER_CONTACT].value, 1300.0 / 7,
                                    EPS);
    g_assert_cmpuint (both->months_with_figures, ==, 2);
  }
}

static void
test_days (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trend = NULL;
  SpPeriod days = period ("2026-10-01", "2026-10-05");
  SpSegment ben;

  sp_segment_init_agent (&ben, sp_store_find_entity (f->store, SP_ENTITY_AGENT, "Ben"));
  trend = sp_kpi_engine_trend (f->engine, &days, SP_GRANULARITY_DAY, &ben, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->len, ==, 5);

  /* Ben: c2 on the 2nd, c4 on the 5th; his csat 3 on the 3rd */
  g_assert_cmpint (at (trend, 0)->contacts, ==, 0);
  g_assert_cmpint (at (trend, 1)->contacts, ==, 1);
  g_assert_cmpint (at (trend, 4)->contacts, ==, 1);
  g_assert_cmpfloat_with_epsilon (at (trend, 2)->values[SP_KPI_CSAT].value, 0, EPS);
  g_assert_cmpfloat_with_epsilon (at (trend, 1)->values[SP_KPI_UTILIZATION].value,
                                  1000.0 / 240, EPS);
  g_assert_cmpstr (at (trend, 1)->segment_label, ==, "Ben");
  /* the backlog at the end of the 2nd: c2 */
  g_assert_cmpint (at (trend, 1)->backlog_open, ==, 1);
  g_assert_cmpint (at (trend, 2)->backlog_open, ==, 0);
}

static void
test_split (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agents = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  SpPeriod span = period ("2026-09-01", "2026-10-31");
  GPtrArray *series;

  agents = sp_kpi_engine_trend_split (f->engine, &span, SP_GRANULARITY_MONTH, SP_SEGMENT_AGENT,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agents->len, ==, 2);

  series = g_ptr_array_index (agents, 0);
  g_assert_cmpuint (series->len, ==, 2);
  g_assert_cmpstr (at (series, 1)->segment_label, ==, "Ana");
  g_assert_cmpint (at (series, 0)->contacts, ==, 0);
  g_assert_cmpint (at (series, 1)->contacts, ==, 3);
  g_assert_cmpfloat_with_epsilon (at (series, 1)->values[SP_KPI_CSAT].value, 100, EPS);
  g_assert_cmpfloat_with_epsilon (at (series, 1)->values[SP_KPI_UTILIZATION].value,
                                  1100.0 / 240, EPS);
  g_assert_true (isnan (at (series, 1)->values[SP_KPI_CHURN].value));

  series = g_ptr_array_index (agents, 1);
  g_assert_cmpstr (at (series, 1)->segment_label, ==, "Ben");
  g_assert_cmpint (at (series, 1)->contacts, ==, 4);
  g_assert_cmpfloat_with_epsilon (at (series, 1)->values[SP_KPI_ESCALATION_RATE].value, 25, EPS);

  /* channels in their order; the answers without a channel are in none */
  channels = sp_kpi_engine_trend_split (f->engine, &span, SP_GRANULARITY_MONTH,
                                        SP_SEGMENT_CHANNEL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (channels->len, ==, 5);
  series = g_ptr_array_index (channels, 0);
  g_assert_cmpint (at (series, 1)->segment.channel, ==, SP_CHANNEL_PHONE);
  g_assert_cmpint (at (series, 1)->contacts, ==, 3);
  g_assert_cmpint (at (series, 1)->values[SP_KPI_CSAT].n, ==, 1);
  g_assert_true (isnan (at (series, 1)->values[SP_KPI_UTILIZATION].value));

  /* topics by name, no topic last */
  topics = sp_kpi_engine_breakdown (f->engine, &span, SP_SEGMENT_CATEGORY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (topics->len, ==, 4);
  g_assert_cmpstr (at (topics, 0)->segment_label, ==, "Billing");
  g_assert_cmpstr (at (topics, 1)->segment_label, ==, "Returns");
  g_assert_cmpstr (at (topics, 2)->segment_label, ==, "Shipping");
  g_assert_cmpint (at (topics, 3)->segment.id, ==, -1);
  g_assert_cmpint (at (topics, 3)->contacts, ==, 1);
  g_assert_cmpint (at (topics, 1)->values[SP_KPI_CSAT].n, ==, 1);
  g_assert_cmpint (at (topics, 3)->values[SP_KPI_CSAT].n, ==, 0);

  /* splitting by nothing is a mistake */
  g_clear_pointer (&topics, g_ptr_array_unref);
  topics = sp_kpi_engine_breakdown (f->engine, &span, SP_SEGMENT_ALL, &error);
  g_assert_null (topics);
  g_assert_nonnull (error);
}

static void
test_previous (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpKpiSet) current = NULL;
  g_autoptr(SpKpiSet) previous = NULL;
  SpPeriod p = period ("2026-10-10", "2026-10-25");
  SpPeriod q = sp_period_previous (&p);

  /* 16 days back: 24 September to 9 October */
  g_assert_cmpint (q.from, ==, sp_test_date ("2026-09-24"));
  g_assert_cmpint (q.to, ==, sp_test_date ("2026-10-09"));
  g_assert_cmpint (sp_period_get_days (&q), ==, 16);

  g_assert_true (sp_kpi_engine_compute_with_previous (f->engine, &p, NULL, &current, &previous,
                                                      &error));
  g_assert_no_error (error);

  /* c5, c6, c7 now; c1 to c4 before */
  g_assert_cmpint (current->contacts, ==, 3);
  g_assert_cmpint (previous->contacts, ==, 4);
  g_assert_cmpint (previous->period.from, ==, q.from);
  g_assert_cmpfloat_with_epsilon (current->values[SP_KPI_REPEAT_RATE].value, 100.0 / 3, EPS);
  g_assert_cmpfloat_with_epsilon (previous->values[SP_KPI_REPEAT_RATE].value, 25, EPS);
  g_assert_false (sp_kpi_change_is_good (SP_KPI_REPEAT_RATE,
                                         previous->values[SP_KPI_REPEAT_RATE].value,
                                         current->values[SP_KPI_REPEAT_RATE].value));
}

static void
test_volume_and_best (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SpPeriod oct = period ("2026-10-01", "2026-10-31");
  gint64 counts[7][24];
  SpPeriod month;
  SpKpiValue value;

  g_assert_true (sp_kpi_engine_volume_by_hour (f->engine, &oct, NULL, counts, &error));
  g_assert_no_error (error);
  /* c1: Thursday 9:00; c6: Tuesday 15:00; c7: Sunday 15:00 */
  g_assert_cmpint (counts[3][9], ==, 1);
  g_assert_cmpint (counts[1][15], ==, 1);
  g_assert_cmpint (counts[6][15], ==, 1);
  g_assert_cmpint (counts[0][0], ==, 0);

  /* the best month needs enough contacts: none here */
  g_assert_false (sp_kpi_engine_best_month (f->engine, SP_KPI_FCR, NULL, sp_test_date ("2026-12-01"),
                                            &month, &value, &error));
  g_assert_no_error (error);
  /* the backlog is a count of its own; October is the only whole month before the date */
  g_assert_true (sp_kpi_engine_best_month (f->engine, SP_KPI_BACKLOG, NULL,
                                           sp_test_date ("2026-11-20"), &month, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (month.from, ==, sp_test_date ("2026-10-01"));
  g_assert_cmpfloat_with_epsilon (value.value, 1, EPS);
  /* AHT has no better way */
  g_assert_false (sp_kpi_engine_best_month (f->engine, SP_KPI_AHT, NULL,
                                            sp_test_date ("2026-12-01"), &month, &value, &error));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NOW, fixture_setup, func, sp_test_engine_teardown)

  g_test_add_func ("/trend/buckets", test_buckets);
  ADD ("/trend/weeks", test_weeks);
  ADD ("/trend/months", test_months);
  ADD ("/trend/days", test_days);
  ADD ("/trend/split", test_split);
  ADD ("/trend/previous", test_previous);
  ADD ("/trend/volume-and-best", test_volume_and_best);

  return g_test_run ();
}
