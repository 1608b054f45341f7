/* test-period.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "sp-goal.h"
#include "sp-kpi.h"
#include "sp-overview.h"
#include "sp-period.h"
#include "sp-test-util.h"

static SpDate
d (const char *iso)
{
  return sp_test_date (iso);
}

static SpPeriod
p (const char *from,
   const char *to)
{
  return sp_period_make (d (from), d (to));
}

static void
assert_period (SpPeriod    got,
               const char *from,
               const char *to);

/* A month so far is a month: its trend is the twelve months to it */
static void
test_trend_range (void)
{
  SpPeriod so_far = p ("2026-12-01", "2026-12-07");
  SpPeriod week = p ("2026-12-07", "2026-12-07");
  SpPeriod range;
  SpGranularity g;
  g_autoptr(SpOverview) month = NULL;
  g_autoptr(SpOverview) first_week = NULL;
  SpPeriod week_before;

  sp_overview_get_trend_range (&so_far, &range, &g);
  g_assert_cmpint (g, ==, SP_GRANULARITY_MONTH);
  assert_period (range, "2026-01-01", "2026-12-07");

  sp_overview_get_trend_range (&week, &range, &g);
  g_assert_cmpint (g, ==, SP_GRANULARITY_WEEK);
  assert_period (range, "2026-09-21", "2026-12-07");

  month = sp_overview_new (&so_far, &(SpPeriod) { d ("2026-11-01"), d ("2026-11-07") });
  g_assert_cmpint (month->granularity, ==, SP_GRANULARITY_MONTH);
  assert_period (month->trend_range, "2026-01-01", "2026-12-07");

  /* this week, when it starts on the 1st (Monday 1 February 2027) */
  so_far = p ("2027-02-01", "2027-02-03");
  week_before = p ("2027-01-25", "2027-01-27");
  first_week = sp_overview_new (&so_far, &week_before);
  g_assert_cmpint (first_week->granularity, ==, SP_GRANULARITY_WEEK);
  assert_period (first_week->trend_range, "2026-11-16", "2027-02-03");

  g_assert_true (sp_period_is_month_to_date (&(SpPeriod) { d ("2026-12-01"), d ("2026-12-31") }));
  g_assert_false (sp_period_is_month_to_date (&(SpPeriod) { d ("2026-12-02"), d ("2026-12-07") }));
}

/* A month, quarter, year or week under way is "so far", however it was chosen */
static void
test_so_far (void)
{
  SpDate today = d ("2026-12-07");
  SpPeriod days = p ("2026-12-01", "2026-12-07");
  SpPeriod december = p ("2026-12-01", "2026-12-31");
  SpPeriod other = p ("2026-11-20", "2026-12-07");
  SpPeriod november = p ("2026-11-01", "2026-11-30");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (sp_period_is_so_far (&days, today));
  g_assert_true (sp_period_is_so_far (&december, today));
  g_assert_false (sp_period_is_so_far (&other, today));
  g_assert_false (sp_period_is_so_far (&november, today));
  a = sp_period_format_so_far_on (&days, today);
  b = sp_period_format_so_far_on (&december, today);
  g_assert_cmpstr (a, ==, "1 – 7 December 2026, so far");
  g_assert_cmpstr (b, ==, a);
  g_assert_null (sp_period_format_so_far_on (&november, today));
}

static void
assert_period (SpPeriod    got,
               const char *from,
               const char *to)
{
  g_autofree char *a = sp_date_format_iso (got.from);
  g_autofree char *b = sp_date_format_iso (got.to);

  g_assert_cmpstr (a, ==, from);
  g_assert_cmpstr (b, ==, to);
}

/* KPI-SPEC §2, with today given */
static void
test_previous (void)
{
  static const struct
  {
    const char *from, *to, *today;
    const char *prev_from, *prev_to;
    const char *why;
  } cases[] = {
    { "2026-11-01", "2026-11-30", "2026-12-07", "2026-10-01", "2026-10-31",
      "a whole month: the calendar month before, not 31 days back (1–31 October)" },
    { "2026-03-01", "2026-03-31", "2026-12-07", "2026-02-01", "2026-02-28",
      "a whole month after a short one: all of February" },
    { "2026-03-01", "2026-03-31", "2026-03-31", "2026-02-01", "2026-02-28",
      "the month's last day: whole, so February whole" },
    { "2026-10-01", "2026-12-31", "2027-01-10", "2026-07-01", "2026-09-30",
      "a whole quarter: the quarter before" },
    { "2026-01-01", "2026-12-31", "2027-01-10", "2025-01-01", "2025-12-31",
      "a whole year: the year before" },
    { "2024-01-01", "2024-12-31", "2025-01-10", "2023-01-01", "2023-12-31",
      "a leap year: the year before, not 366 days back" },
    { "2026-12-01", "2026-12-07", "2026-12-07", "2026-11-01", "2026-11-07",
      "this month on 7 December: 1–7 November" },
    { "2026-12-01", "2026-12-31", "2026-12-07", "2026-11-01", "2026-11-07",
      "all of December on the 7th holds only 1–7 December so far: 1–7 November" },
    { "2026-11-25", "2026-12-10", "2026-12-07", "2026-11-12", "2026-11-24",
      "a range past today: its 13 days so far, just before" },
    { "2027-03-01", "2027-03-30", "2027-03-30", "2027-02-01", "2027-02-28",
      "this month on 30 March: February has no 30th, so up to the 28th" },
    { "2028-03-01", "2028-03-30", "2028-03-30", "2028-02-01", "2028-02-29",
      "in a leap year, up to the 29th" },
    { "2026-10-01", "2026-11-20", "2026-11-20", "2026-07-01", "2026-08-20",
      "this quarter so far: the same days of the quarter before" },
    { "2028-01-01", "2028-02-29", "2028-02-29", "2027-10-01", "2027-11-29",
      "1 January – 29 February on that day is the quarter so far, as a range of days" },
    { "2026-01-01", "2026-12-07", "2026-12-07", "2025-01-01", "2025-12-07",
      "this year on 7 December: the same days a year before" },
    { "2026-11-10", "2026-11-25", "2026-12-07", "2026-10-25", "2026-11-09",
      "any other range: as many days (16) just before" },
    { "2026-12-01", "2026-12-07", "2026-12-20", "2026-11-24", "2026-11-30",
      "1–7 December seen on the 20th is not running: 7 days before" },
    { "2026-12-07", "2026-12-09", "2026-12-09", "2026-11-30", "2026-12-02",
      "this week on Wednesday: Monday to Wednesday a week before" },
    { "2026-11-30", "2026-12-06", "2026-12-07", "2026-11-23", "2026-11-29",
      "last week, whole: the week before" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpPeriod period = p (cases[i].from, cases[i].to);

      g_test_message ("%s", cases[i].why);
      assert_period (sp_period_previous_on (&period, d (cases[i].today)),
                     cases[i].prev_from, cases[i].prev_to);
    }

  /* sp_period_previous() takes today from the clock, which tests set */
  sp_time_override_now (sp_test_time ("2026-12-07 09:30"));
  {
    SpPeriod running = p ("2026-12-01", "2026-12-07");

    assert_period (sp_period_previous (&running), "2026-11-01", "2026-11-07");
  }
  sp_time_override_now (SP_TIME_NONE);
}

static void
test_presets (void)
{
  SpDate today = d ("2026-12-07");   /* a Monday */

  assert_period (sp_period_preset (SP_PERIOD_PRESET_TODAY, today), "2026-12-07", "2026-12-07");
  assert_period (sp_period_preset (SP_PERIOD_PRESET_THIS_WEEK, today),
                 "2026-12-07", "2026-12-07");
  assert_period (sp_period_preset (SP_PERIOD_PRESET_LAST_WEEK, today),
                 "2026-11-30", "2026-12-06");
  assert_period (sp_period_preset (SP_PERIOD_PRESET_LAST_7_DAYS, today),
                 "2026-12-01", "2026-12-07");
  assert_period (sp_period_preset (SP_PERIOD_PRESET_THIS_MONTH, today),
                 "2026-12-01", "2026-12-07");
  assert_period (sp_period_preset (SP_PERIOD_PRESET_LAST_MONTH, today),
                 "2026-11-01", "2026-11-30");
  assert_period (sp_period_preset (SP_PERIOD_PRESET_THIS_QUARTER, today),
                 "2026-10-01", "2026-12-07");
  assert_period (sp_period_preset (SP_PERIOD_PRESET_LAST_QUARTER, today),
                 "2026-07-01", "2026-09-30");
  assert_period (sp_period_preset (SP_PERIOD_PRESET_THIS_YEAR, today),
                 "2026-01-01", "2026-12-07");
  assert_period (sp_period_preset (SP_PERIOD_PRESET_LAST_YEAR, today),
                 "2025-01-01", "2025-12-31");
  assert_period (sp_period_preset (SP_PERIOD_PRESET_LAST_MONTH, d ("2027-01-15")),
                 "2026-12-01", "2026-12-31");
  g_assert_cmpstr (sp_period_preset_get_label (SP_PERIOD_PRESET_THIS_MONTH), ==, "This month");

  /* a preset says which running period it is */
  assert_period (sp_period_preset_previous (SP_PERIOD_PRESET_THIS_YEAR, d ("2028-02-29")),
                 "2027-01-01", "2027-02-28");
  assert_period (sp_period_preset_previous (SP_PERIOD_PRESET_THIS_YEAR, d ("2027-01-20")),
                 "2026-01-01", "2026-01-20");
  assert_period (sp_period_preset_previous (SP_PERIOD_PRESET_THIS_MONTH, d ("2027-01-20")),
                 "2026-12-01", "2026-12-20");
  assert_period (sp_period_preset_previous (SP_PERIOD_PRESET_THIS_QUARTER, d ("2027-01-20")),
                 "2026-10-01", "2026-10-20");
  assert_period (sp_period_preset_previous (SP_PERIOD_PRESET_THIS_MONTH, d ("2027-03-30")),
                 "2027-02-01", "2027-02-28");
  assert_period (sp_period_preset_previous (SP_PERIOD_PRESET_THIS_MONTH, d ("2027-03-31")),
                 "2027-02-01", "2027-02-28");
  assert_period (sp_period_preset_previous (SP_PERIOD_PRESET_THIS_WEEK, d ("2026-12-09")),
                 "2026-11-30", "2026-12-02");
  assert_period (sp_period_preset_previous (SP_PERIOD_PRESET_LAST_MONTH, d ("2026-12-07")),
                 "2026-10-01", "2026-10-31");
}

static void
test_whole (void)
{
  SpPeriod nov = p ("2026-11-01", "2026-11-30");
  SpPeriod q4 = p ("2026-10-01", "2026-12-31");
  SpPeriod y = p ("2026-01-01", "2026-12-31");
  SpPeriod part = p ("2026-11-02", "2026-11-30");
  SpPeriod week = p ("2026-11-30", "2026-12-06");

  g_assert_true (sp_period_is_whole_month (&nov));
  g_assert_false (sp_period_is_whole_month (&part));
  g_assert_false (sp_period_is_whole_month (&q4));
  g_assert_true (sp_period_is_whole_quarter (&q4));
  g_assert_false (sp_period_is_whole_quarter (&nov));
  g_assert_true (sp_period_is_whole_year (&y));
  g_assert_false (sp_period_is_whole_year (&q4));
  g_assert_true (sp_period_is_whole_week (&week));
  g_assert_false (sp_period_is_whole_week (&part));
}

/* Buckets, and which are "so far": not over on today, or cut by the range */
static void
test_buckets (void)
{
  SpPeriod range = p ("2026-11-04", "2026-12-07");
  g_autoptr(GArray) months = sp_period_split (&range, SP_GRANULARITY_MONTH);
  g_autoptr(GArray) weeks = sp_period_split (&range, SP_GRANULARITY_WEEK);
  SpDate today = d ("2026-12-07");

  g_assert_cmpuint (months->len, ==, 2);
  assert_period (g_array_index (months, SpPeriod, 0), "2026-11-04", "2026-11-30");
  assert_period (g_array_index (months, SpPeriod, 1), "2026-12-01", "2026-12-07");
  /* November is over, but the range cuts it; December is not over */
  g_assert_true (sp_period_bucket_is_partial (&g_array_index (months, SpPeriod, 0),
                                              SP_GRANULARITY_MONTH, today));
  g_assert_true (sp_period_bucket_is_partial (&g_array_index (months, SpPeriod, 1),
                                              SP_GRANULARITY_MONTH, today));

  g_assert_cmpuint (weeks->len, ==, 6);
  assert_period (g_array_index (weeks, SpPeriod, 0), "2026-11-04", "2026-11-08");
  assert_period (g_array_index (weeks, SpPeriod, 4), "2026-11-30", "2026-12-06");
  assert_period (g_array_index (weeks, SpPeriod, 5), "2026-12-07", "2026-12-07");
  g_assert_true (sp_period_bucket_is_partial (&g_array_index (weeks, SpPeriod, 0),
                                              SP_GRANULARITY_WEEK, today));
  for (guint i = 1; i < 5; i++)
    g_assert_false (sp_period_bucket_is_partial (&g_array_index (weeks, SpPeriod, i),
                                                 SP_GRANULARITY_WEEK, today));
  g_assert_true (sp_period_bucket_is_partial (&g_array_index (weeks, SpPeriod, 5),
                                              SP_GRANULARITY_WEEK, today));

  /* a day is over the day after */
  {
    SpPeriod yesterday = p ("2026-12-06", "2026-12-06");
    SpPeriod now = p ("2026-12-07", "2026-12-07");

    g_assert_false (sp_period_bucket_is_partial (&yesterday, SP_GRANULARITY_DAY, today));
    g_assert_true (sp_period_bucket_is_partial (&now, SP_GRANULARITY_DAY, today));
  }
}

static void
test_last_whole_month (void)
{
  SpPeriod month;
  SpPeriod running = p ("2026-12-01", "2026-12-07");
  SpPeriod days = p ("2026-11-10", "2026-11-25");
  SpPeriod with_month = p ("2026-10-15", "2026-12-07");
  SpPeriod ends_today = p ("2026-11-01", "2026-11-30");

  g_assert_true (sp_period_last_whole_month (&running, d ("2026-12-07"), &month));
  assert_period (month, "2026-11-01", "2026-11-30");
  g_assert_true (sp_period_last_whole_month (&days, d ("2026-12-07"), &month));
  assert_period (month, "2026-10-01", "2026-10-31");
  g_assert_false (sp_period_last_whole_month (&with_month, d ("2026-12-07"), &month));
  /* November seen on its last day is not over yet */
  g_assert_true (sp_period_last_whole_month (&ends_today, d ("2026-11-30"), &month));
  assert_period (month, "2026-10-01", "2026-10-31");
}

/* One way to write each period, with 4-digit years */
static void
test_format (void)
{
  static const struct
  {
    const char *from, *to, *text, *short_text, *sentence;
  } cases[] = {
    { "2026-10-01", "2026-10-31", "October 2026", "Oct 2026", "in October 2026" },
    { "2026-10-01", "2026-12-31", "Q4 2026", "Q4 2026", "in Q4 2026" },
    { "2026-01-01", "2026-12-31", "2026", "2026", "in 2026" },
    { "2026-10-03", "2026-10-03", "3 October 2026", "3 Oct 2026", "on 3 October 2026" },
    { "2026-10-03", "2026-10-17", "3 – 17 October 2026", "3 – 17 Oct 2026",
      "from 3 to 17 October 2026" },
    { "2026-09-28", "2026-10-04", "28 September – 4 October 2026", "28 Sep – 4 Oct 2026",
      "from 28 September to 4 October 2026" },
    { "2025-12-08", "2026-12-05", "8 December 2025 – 5 December 2026",
      "8 Dec 2025 – 5 Dec 2026", "from 8 December 2025 to 5 December 2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpPeriod period = p (cases[i].from, cases[i].to);
      g_autofree char *text = sp_period_format (&period);
      g_autofree char *short_text = sp_period_format_short (&period);
      g_autofree char *sentence = sp_period_format_sentence (&period);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (short_text, ==, cases[i].short_text);
      g_assert_cmpstr (sentence, ==, cases[i].sentence);
    }

  {
    SpPeriod oct = p ("2026-10-01", "2026-10-31");
    g_autofree char *days = sp_period_format_days (&oct);
    g_autofree char *so_far = sp_period_format_so_far (&oct);
    g_autofree char *month = sp_date_format_month (d ("2026-10-17"));

    g_assert_cmpstr (days, ==, "1 – 31 October 2026");
    g_assert_cmpstr (so_far, ==, "October 2026, so far");
    g_assert_cmpstr (month, ==, "October 2026");
  }
}

/* The engine compares with the previous period of the rule */
static void
test_engine_previous (SpTestEngine  *f,
                      gconstpointer  data)
{
  static const struct
  {
    const char *from, *to, *prev_from, *prev_to;
  } cases[] = {
    { "2026-11-01", "2026-11-30", "2026-10-01", "2026-10-31" },
    { "2026-07-01", "2026-09-30", "2026-04-01", "2026-06-30" },
    { "2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31" },
    { "2026-12-01", "2026-12-07", "2026-11-01", "2026-11-07" },
    { "2026-11-10", "2026-11-25", "2026-10-25", "2026-11-09" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpPeriod period = p (cases[i].from, cases[i].to);
      g_autoptr(SpKpiSet) current = NULL;
      g_autoptr(SpKpiSet) previous = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (sp_kpi_engine_compute_with_previous (f->engine, &period, NULL, &current,
                                                          &previous, &error));
      g_assert_no_error (error);
      assert_period (previous->period, cases[i].prev_from, cases[i].prev_to);
    }
}

/* A trend's buckets say which are "so far" */
static void
test_engine_trend (SpTestEngine  *f,
                   gconstpointer  data)
{
  SpPeriod range = p ("2026-10-01", "2026-12-07");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trend = sp_kpi_engine_trend (f->engine, &range, SP_GRANULARITY_MONTH,
                                                    NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (trend->len, ==, 3);
  g_assert_false (((SpKpiSet *) g_ptr_array_index (trend, 0))->partial);
  g_assert_false (((SpKpiSet *) g_ptr_array_index (trend, 1))->partial);
  g_assert_true (((SpKpiSet *) g_ptr_array_index (trend, 2))->partial);
}

/* Units and signs: one unit within a sentence, no "-0.0", NPS whole */
static void
test_units (void)
{
  static const struct
  {
    SpKpi       kpi;
    double      value, like;
    const char *text;
  } like[] = {
    /* "Chat answers in 3.4 min on average; the target is 1 min", not "60 s" */
    { SP_KPI_FIRST_RESPONSE, 1, 3.4, "1 min" },
    { SP_KPI_FIRST_RESPONSE, 1.5, 3.4, "1.5 min" },
    { SP_KPI_FIRST_RESPONSE, 240, 300, "4 h" },
    { SP_KPI_FIRST_RESPONSE, 60, 300, "1 h" },
    { SP_KPI_FIRST_RESPONSE, 1, 0.9, "60 s" },
    { SP_KPI_FIRST_RESPONSE, 3, 45, "3 min" },
    { SP_KPI_RESOLUTION_TIME, 0.5, 3, "0.5 h" },
  };
  static const struct
  {
    SpKpi       kpi;
    double      value;
    const char *text;
  } values[] = {
    { SP_KPI_NPS, 36.6, "+37" },
    { SP_KPI_NPS, -0.4, "0" },
    { SP_KPI_NPS, 0, "0" },
    { SP_KPI_CES, -0.04, "0.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (like); i++)
    {
      g_autofree char *text = sp_kpi_format_value_like (like[i].kpi, like[i].value, like[i].like,
                                                        NULL);

      g_assert_cmpstr (text, ==, like[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = sp_kpi_format_value (values[i].kpi, values[i].value, NULL);

      g_assert_cmpstr (text, ==, values[i].text);
    }

  {
    g_autofree char *pts = sp_kpi_format_change (SP_KPI_CSAT, 80.02, 80, NULL);
    g_autofree char *min = sp_kpi_format_change (SP_KPI_FIRST_RESPONSE, 3.02, 3, NULL);
    g_autofree char *nps = sp_kpi_format_change (SP_KPI_NPS, 10.2, 10, NULL);
    g_autofree char *goal_nps = sp_goal_format_value (SP_KPI_NPS, 36.6, NULL);
    g_autofree char *goal_target = sp_goal_format_value_like (SP_KPI_FIRST_RESPONSE, 1, 3.1, NULL);

    g_assert_cmpstr (pts, ==, "+0.0 pts");
    g_assert_cmpstr (min, ==, "+0.0 min");
    g_assert_cmpstr (nps, ==, "+0");
    /* a goal never seems to reach +37 with +36.6 */
    g_assert_cmpstr (goal_nps, ==, "+36");
    g_assert_cmpstr (goal_target, ==, "1 min");
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/previous", test_previous);
  g_test_add_func ("/period/presets", test_presets);
  g_test_add_func ("/period/whole", test_whole);
  g_test_add_func ("/period/buckets", test_buckets);
  g_test_add_func ("/period/last-whole-month", test_last_whole_month);
  g_test_add_func ("/period/format", test_format);
  g_test_add_func ("/period/units", test_units);
  g_test_add_func ("/period/trend-range", test_trend_range);
  g_test_add_func ("/period/so-far", test_so_far);
  g_test_add ("/period/engine/previous", SpTestEngine, "2026-12-07 09:30",
              sp_test_engine_setup, test_engine_previous, sp_test_engine_teardown);
  g_test_add ("/period/engine/trend", SpTestEngine, "2026-12-07 09:30",
              sp_test_engine_setup, test_engine_trend, sp_test_engine_teardown);

  return g_test_run ();
}
