/* test-hours.c: opening hours and business time (KPI-SPEC §7)
 *
 * Every edge of the business minutes between two times worked out by hand
 * on one shop: from Monday 2026-10-05 it opens Monday to Friday
 * 09:00–12:30 and 13:30–18:00 and Saturday 10:00–14:00; from Monday
 * 2026-11-02 Monday to Friday 08:00–24:00; Wednesday 2026-10-14 is a
 * closed day.  Then the KPIs that count business time, their clock
 * figures beside, and the totals after a change of hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-error.h"
#include "sp-export-rows.h"
#include "sp-hours.h"
#include "sp-ics.h"
#include "sp-import.h"
#include "sp-kpi-engine.h"
#include "sp-report-layout.h"
#include "sp-store-hours.h"
#include "sp-test-util.h"

#define EPS 1e-9
#define H(hh, mm) (((hh) * 60 + (mm)) * 60)

static void
add (SpHours    *hours,
     SpSchedule *schedule,
     int         weekday,
     gint32      opens,
     gint32      closes)
{
  g_autofree char *reason = NULL;

  g_assert_true (sp_hours_add_interval (hours, schedule, weekday, opens, closes, &reason));
  g_assert_null (reason);
}

static SpHours *
make_shop_hours (void)
{
  SpHours *hours = sp_hours_new ();
  SpSchedule *a = sp_hours_replace_schedule (hours, sp_test_date ("2026-10-05"));
  SpSchedule *b = sp_hours_replace_schedule (hours, sp_test_date ("2026-11-02"));

  for (int d = 1; d <= 5; d++)
    {
      add (hours, a, d, H (13, 30), H (18, 0));   /* out of order on purpose */
      add (hours, a, d, H (9, 0), H (12, 30));
      add (hours, b, d, H (8, 0), H (24, 0));
    }
  add (hours, a, 6, H (10, 0), H (14, 0));
  sp_hours_set_closed_day (hours, sp_test_date ("2026-10-14"), "Staff day");
  return hours;
}

static double
minutes (SpHours    *hours,
         const char *a,
         const char *b)
{
  return sp_hours_open_seconds (hours, sp_test_time (a), sp_test_time (b)) / 60.0;
}

static void
test_business_minutes (void)
{
  g_autoptr(SpHours) hours = make_shop_hours ();
  static const struct
  {
    const char *from, *to;
    double      minutes;
  } cases[] = {
    /* received before opening: only 09:00–09:05 counts */
    { "2026-10-06 07:00", "2026-10-06 09:05", 5 },
    /* the lunch break 12:30–13:30 counts nothing */
    { "2026-10-06 12:45", "2026-10-06 13:40", 10 },
    { "2026-10-06 12:00", "2026-10-06 14:00", 60 },
    /* the closed Wednesday counts nothing: Thursday 09:00–09:10 */
    { "2026-10-14 10:00", "2026-10-15 09:10", 10 },
    /* Sunday 4 October is before the first schedule: open around the clock,
     * 22:00–24:00, then Monday 09:00–09:30 */
    { "2026-10-04 22:00", "2026-10-05 09:30", 150 },
    /* Saturday 13:00–14:00 by the first schedule, Sunday closed, then the
     * second from Monday: 08:00–08:20 */
    { "2026-10-31 13:00", "2026-11-02 08:20", 80 },
    /* up to 24:00: Monday 23:00–24:00 and Tuesday 08:00–08:15 */
    { "2026-11-02 23:00", "2026-11-03 08:15", 75 },
    { "2026-11-02 23:30", "2026-11-02 23:45", 15 },
    /* answered while closed: Sunday */
    { "2026-10-11 10:00", "2026-10-11 11:00", 0 },
    { "2026-10-06 18:30", "2026-10-06 19:00", 0 },
    /* Saturday evening, answered Monday 09:05 */
    { "2026-10-10 19:00", "2026-10-12 09:05", 5 },
    /* whole weeks: 5 × 8 h + 4 h; the next less the closed day's 8 h */
    { "2026-10-05 00:00", "2026-10-12 00:00", 44 * 60 },
    { "2026-10-12 00:00", "2026-10-19 00:00", 36 * 60 },
    /* long after the last change: 5 × 16 h */
    { "2027-01-04 00:00", "2027-01-11 00:00", 80 * 60 },
    /* across both schedules and the closed day: from Sunday 4 October 00:00,
     * 24 h, then 4 weeks of 44 h less 8 h, then 5 × 16 h */
    { "2026-10-04 00:00", "2026-11-09 00:00", (24 + 4 * 44 - 8 + 80) * 60 },
    /* b before a counts nothing */
    { "2026-10-06 10:00", "2026-10-06 09:00", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s → %s", cases[i].from, cases[i].to);
      g_assert_cmpfloat_with_epsilon (minutes (hours, cases[i].from, cases[i].to),
                                      cases[i].minutes, EPS);
    }
}

static void
test_without_schedule (void)
{
  g_autoptr(SpHours) hours = sp_hours_new ();

  /* closed days alone change nothing: the clock */
  sp_hours_set_closed_day (hours, sp_test_date ("2026-10-14"), "Staff day");
  g_assert_false (sp_hours_has_schedule (hours));
  g_assert_cmpfloat_with_epsilon (minutes (hours, "2026-10-14 10:00", "2026-10-15 09:10"),
                                  23 * 60 + 10, EPS);
}

static void
test_latest_before (void)
{
  g_autoptr(SpHours) hours = make_shop_hours ();

  /* Tuesday 10:00 less more than 60 open minutes: 09:00 gives exactly 60, and
   * nothing is open from Monday 18:00, so the last second before that */
  g_assert_cmpint (sp_hours_latest_before (hours, sp_test_time ("2026-10-06 10:00"), 3600), ==,
                   sp_test_time ("2026-10-05 18:00") - 1);
  /* Monday 09:00–09:30, then the clock before the first schedule: 90 minutes
   * of Sunday make 2 h at 22:30, so the second before */
  g_assert_cmpint (sp_hours_latest_before (hours, sp_test_time ("2026-10-05 09:30"), 7200), ==,
                   sp_test_time ("2026-10-04 22:30") - 1);
}

static void
test_intervals (void)
{
  g_autoptr(SpHours) hours = sp_hours_new ();
  SpSchedule *s = sp_hours_replace_schedule (hours, sp_test_date ("2026-10-05"));
  char *reason = NULL;
  gint32 t;
  int d;

  add (hours, s, 1, H (9, 0), H (12, 0));
  g_assert_false (sp_hours_add_interval (hours, s, 1, H (11, 0), H (13, 0), &reason));
  g_assert_cmpstr (reason, ==, "overlaps the interval 09:00–12:00 of the same day");
  g_clear_pointer (&reason, g_free);
  g_assert_false (sp_hours_add_interval (hours, s, 1, H (14, 0), H (14, 0), &reason));
  g_assert_cmpstr (reason, ==, "opens must be before closes");
  g_clear_pointer (&reason, g_free);
  /* touching is not overlapping */
  add (hours, s, 1, H (12, 0), H (13, 0));

  g_assert_true (sp_hours_parse_time ("24:00", TRUE, &t, NULL));
  g_assert_cmpint (t, ==, 86400);
  g_assert_false (sp_hours_parse_time ("24:00", FALSE, &t, &reason));
  g_assert_cmpstr (reason, ==, "“24:00” is not a time (HH:MM)");
  g_clear_pointer (&reason, g_free);
  g_assert_false (sp_hours_parse_time ("9:00", FALSE, &t, NULL));
  g_assert_false (sp_hours_parse_time ("12:60", FALSE, &t, NULL));

  g_assert_true (sp_hours_parse_weekday ("Mon", &d));
  g_assert_cmpint (d, ==, 1);
  g_assert_true (sp_hours_parse_weekday ("SUNDAY", &d));
  g_assert_cmpint (d, ==, 7);
  g_assert_false (sp_hours_parse_weekday ("mo", &d));
  g_assert_false (sp_hours_parse_weekday ("funday", &d));
}

/* The engine */

static void
save_hours (SpStore *store,
            SpHours *hours)
{
  g_autoptr(GError) error = NULL;

  sp_store_save_hours (store, hours, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
import_contacts (SpStore    *store,
                 const char *csv)
{
  g_autoptr(GError) error = NULL;

  sp_import_data (store, SP_IMPORT_CONTACTS, "contacts.csv", csv, strlen (csv), NULL, &error);
  g_assert_no_error (error);
}

/* now: Tuesday 2026-10-13 10:00 */
static const char shop_contacts[] =
  "received_at,channel,agent,priority,first_response_at,resolved_at\n"
  /* 5 business minutes (2285 clock) to answer, 65 (2345) to resolve */
  "2026-10-10 19:00,email,Ana,normal,2026-10-12 09:05,2026-10-12 10:05\n"
  /* 60 (120) and 60 (120) */
  "2026-10-06 12:00,phone,Ben,high,2026-10-06 14:00,2026-10-06 14:00\n"
  /* unanswered, urgent: 30 + 60 business minutes by now, past its 60 (clock too) */
  "2026-10-12 17:30,email,Ana,urgent,,\n"
  /* unanswered, high: 120 + 60 business minutes, within its 240; 1080 clock */
  "2026-10-12 16:00,chat,Ben,high,,\n"
  /* 60 + 30 = 90 business minutes (2670 clock), within normal's 1440 */
  "2026-10-10 13:00,phone,Ana,normal,2026-10-12 09:30,\n";

static SpKpiSet *
compute (SpTestEngine    *f,
         const SpSegment *segment)
{
  g_autoptr(GError) error = NULL;
  SpPeriod period = sp_period_make (sp_test_date ("2026-10-05"), sp_test_date ("2026-10-13"));
  SpKpiSet *set = sp_kpi_engine_compute (f->engine, &period, segment, &error);

  g_assert_no_error (error);
  return set;
}

static void
check_clock (SpKpiSet *set)
{
  const SpKpiValue *v = set->values;

  g_assert_cmpfloat_with_epsilon (v[SP_KPI_FIRST_RESPONSE].value, 5075.0 / 3, EPS);
  g_assert_cmpfloat_with_epsilon (set->first_response_by_channel[SP_CHANNEL_EMAIL].value, 2285,
                                  EPS);
  g_assert_cmpfloat_with_epsilon (set->first_response_by_channel[SP_CHANNEL_PHONE].value, 1395,
                                  EPS);
  g_assert_cmpfloat_with_epsilon (v[SP_KPI_RESOLUTION_TIME].value, 1232.5 / 60, EPS);
  /* within: only the phone call of 120 minutes; overdue: both unanswered */
  g_assert_cmpint (v[SP_KPI_SLA_COMPLIANCE].n, ==, 5);
  g_assert_cmpfloat_with_epsilon (v[SP_KPI_SLA_COMPLIANCE].value, 20, EPS);
}

static void
test_engine (SpTestEngine  *f,
             gconstpointer  data)
{
  g_autofree char *pdftotext = NULL;
  g_autoptr(SpHours) hours = make_shop_hours ();
  g_autoptr(SpKpiSet) clock = NULL;
  g_autoptr(SpKpiSet) open = NULL;
  g_autoptr(SpKpiSet) ana = NULL;
  g_autofree char *json = NULL;
  g_autofree char *clock_json = NULL;
  const SpKpiValue *v;
  SpSegment segment;

  import_contacts (f->store, shop_contacts);

  /* without a schedule, the clock */
  clock = compute (f, NULL);
  g_assert_false (clock->opening_hours);
  check_clock (clock);
  clock_json = sp_kpi_set_to_json (clock);
  g_assert_true (g_str_has_suffix (clock_json, ",\"time_basis\":\"clock\"}"));
  sp_assert_not_contains (clock_json, "_clock");

  save_hours (f->store, hours);
  open = compute (f, NULL);
  v = open->values;
  g_assert_true (open->opening_hours);

  /* (5 + 60 + 90) / 3 */
  g_assert_cmpint (v[SP_KPI_FIRST_RESPONSE].n, ==, 3);
  g_assert_cmpfloat_with_epsilon (v[SP_KPI_FIRST_RESPONSE].value, 155.0 / 3, EPS);
  g_assert_cmpfloat_with_epsilon (open->first_response_by_channel[SP_CHANNEL_EMAIL].value, 5,
                                  EPS);
  g_assert_cmpfloat_with_epsilon (open->first_response_by_channel[SP_CHANNEL_PHONE].value, 75,
                                  EPS);
  g_assert_cmpint (open->first_response_by_channel[SP_CHANNEL_CHAT].n, ==, 0);
  /* e-mail's target is 240 minutes in opening hours: 5 is good, though one
   * answer is too few to be judged on the cards */
  {
    g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (f->store);
    SpKpiValue *email = &open->first_response_by_channel[SP_CHANNEL_EMAIL];

    g_assert_cmpint (sp_benchmarks_classify_response (benchmarks, SP_CHANNEL_EMAIL, email->value),
                     ==, SP_STATUS_GOOD);
    g_assert_cmpint (email->status, ==, SP_STATUS_TOO_FEW);
  }
  /* (65 + 60) / 2 minutes */
  g_assert_cmpfloat_with_epsilon (v[SP_KPI_RESOLUTION_TIME].value, 62.5 / 60, EPS);
  /* within: all three answered; overdue by now: only the urgent one */
  g_assert_cmpint (v[SP_KPI_SLA_COMPLIANCE].n, ==, 4);
  g_assert_cmpfloat_with_epsilon (v[SP_KPI_SLA_COMPLIANCE].value, 75, EPS);

  /* said wherever they are shown, with the clock figures beside */
  g_assert_cmpstr (sp_kpi_set_get_time_basis (open, SP_KPI_FIRST_RESPONSE), ==,
                   "in opening hours");
  g_assert_cmpstr (sp_kpi_set_get_time_basis (open, SP_KPI_SLA_COMPLIANCE), ==,
                   "in opening hours");
  g_assert_null (sp_kpi_set_get_time_basis (open, SP_KPI_AHT));
  g_assert_null (sp_kpi_set_get_time_basis (clock, SP_KPI_FIRST_RESPONSE));
  g_assert_true (sp_kpi_set_get_clock (open, SP_KPI_RESOLUTION_TIME) == &open->resolution_clock);
  g_assert_cmpfloat_with_epsilon (open->first_response_clock.value, 5075.0 / 3, EPS);
  g_assert_cmpfloat_with_epsilon (open->first_response_by_channel_clock[SP_CHANNEL_PHONE].value,
                                  1395, EPS);
  g_assert_cmpfloat_with_epsilon (open->resolution_clock.value, 1232.5 / 60, EPS);

  /* the report says the channels' waits count opening hours */
  pdftotext = g_find_program_in_path ("pdftotext");
  if (pdftotext != NULL)
    {
      SpPeriod days = sp_period_make (sp_test_date ("2026-10-05"), sp_test_date ("2026-10-13"));
      g_autoptr(SpReport) report = sp_report_new (&days, SP_REPORT_FIRST_RESPONSE);
      g_autoptr(SpReportLayout) layout = NULL;
      g_autofree char *pdf = g_build_filename (f->dir, "hours.pdf", NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) report_error = NULL;
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
      int status = 0;

      g_assert_true (sp_report_load (report, f->store, NULL, &report_error));
      g_assert_no_error (report_error);
      layout = sp_report_layout_new (report, 595, 842);
      g_assert_true (sp_report_layout_write_pdf (layout, pdf, &report_error));
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                                   G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL,
                                   &status, NULL));
      g_assert_cmpint (status, ==, 0);
      text = g_strdelimit (text, "\n", ' ');
      sp_assert_contains (text, "Counted in opening hours");
    }

  json = sp_kpi_set_to_json (open);
  sp_assert_contains (json, ",\"time_basis\":\"opening_hours\","
                                  "\"first_response_minutes_clock\":{\"value\":");
  sp_assert_contains (json, "\"by_channel\":{\"phone\":{\"value\":1395,");
  sp_assert_contains (json, "\"resolution_hours_clock\":{\"value\":");

  /* the workbook's and CSV export's Contacts rows count the same business time */
  {
    g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (f->store);
    g_autoptr(SpExportRows) rows = NULL;
    g_autoptr(GError) rows_error = NULL;
    SpPeriod period = sp_period_make (sp_test_date ("2026-10-05"), sp_test_date ("2026-10-13"));
    SpExportContext context;
    SpExportCell *cells;
    /* by received_at: the phone call, the two Saturdays, the chat, the urgent e-mail */
    static const struct { gboolean answered; double minutes; int within; } expected[] = {
      { TRUE, 60, 1 }, { TRUE, 90, 1 }, { TRUE, 5, 1 }, { FALSE, 0, -1 }, { FALSE, 0, 0 },
    };
    guint i = 0;

    sp_export_context_init (&context, benchmarks, sp_time_now ());
    rows = sp_export_rows_new (f->store, SP_EXPORT_CONTACTS, &period, &context, &rows_error);
    g_assert_no_error (rows_error);
    while (sp_export_rows_next (rows, &cells, &rows_error) == SP_STEP_ROW)
      {
        g_assert_cmpuint (i, <, G_N_ELEMENTS (expected));
        g_assert_cmpint (cells[SP_CONTACT_COL_RESPONSE_MINUTES].set, ==, expected[i].answered);
        if (expected[i].answered)
          g_assert_cmpfloat_with_epsilon (cells[SP_CONTACT_COL_RESPONSE_MINUTES].d,
                                          expected[i].minutes, EPS);
        /* -1: still within its target, so empty */
        g_assert_cmpint (cells[SP_CONTACT_COL_WITHIN_SLA].set, ==, expected[i].within >= 0);
        if (expected[i].within >= 0)
          g_assert_cmpint (cells[SP_CONTACT_COL_WITHIN_SLA].i, ==, expected[i].within);
        i++;
      }
    g_assert_no_error (rows_error);
    g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
  }

  /* a segment: Ana's 5 and 90 minutes; the urgent one overdue */
  sp_segment_init_agent (&segment, sp_test_query_int (f->store,
                                                      "SELECT id FROM agents WHERE name = 'Ana'"));
  ana = compute (f, &segment);
  g_assert_cmpfloat_with_epsilon (ana->values[SP_KPI_FIRST_RESPONSE].value, 47.5, EPS);
  g_assert_cmpint (ana->values[SP_KPI_SLA_COMPLIANCE].n, ==, 3);
  g_assert_cmpfloat_with_epsilon (ana->values[SP_KPI_SLA_COMPLIANCE].value, 200.0 / 3, EPS);

  /* without hours again, every figure is the clock's */
  g_clear_object (&clock);
  save_hours (f->store, sp_hours_new ());
  clock = compute (f, NULL);
  g_assert_false (clock->opening_hours);
  check_clock (clock);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"
                                                " WHERE fr_open IS NOT NULL"), ==, 0);
}

/*
 * A whole month is read from the month rows, which count every unanswered
 * contact as overdue: those still within their target in business time are
 * taken back.  now: Monday 2026-11-02 10:00.
 */
static void
test_whole_month (SpTestEngine  *f,
                  gconstpointer  data)
{
  g_autoptr(SpHours) hours = make_shop_hours ();
  SpPeriod month = sp_period_make (sp_test_date ("2026-10-01"), sp_test_date ("2026-10-31"));
  SpPeriod days = sp_period_make (sp_test_date ("2026-10-02"), sp_test_date ("2026-10-31"));
  SpPeriod periods[] = { month, days };
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) error = NULL;

  save_hours (f->store, hours);
  import_contacts (f->store,
    "received_at,channel,agent,priority,first_response_at\n"
    /* 60 business minutes, within high's 240 */
    "2026-10-06 12:00,phone,Ben,high,2026-10-06 14:00\n"
    /* Saturday 13:30–14:00 and Monday 08:00–10:00: 150 > 60 */
    "2026-10-31 13:30,email,Ana,urgent,\n"
    /* Friday 17:00–18:00 and Saturday 10:00–14:00: 300 > 240 */
    "2026-10-30 17:00,email,Ana,high,\n"
    /* Friday 8 h, Saturday 4 h, Monday 2 h: 14 h, within normal's 24 h (73 h on the clock) */
    "2026-10-30 09:00,chat,Ben,normal,\n");

  sets = sp_kpi_engine_compute_many (f->engine, periods, G_N_ELEMENTS (periods), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sets->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (sets, i);

      g_assert_cmpint (set->values[SP_KPI_SLA_COMPLIANCE].n, ==, 3);
      g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_SLA_COMPLIANCE].value, 100.0 / 3, EPS);
    }
}

/* The totals after a change of hours are those of hours set before the contacts came */
static void
test_recompute_matches_fresh (SpTestEngine  *f,
                              gconstpointer  data)
{
  g_autoptr(SpHours) hours = make_shop_hours ();
  g_autoptr(SpStore) fresh = NULL;
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(GString) csv = g_string_new ("received_at,channel,agent,category,priority,"
                                         "first_response_at,resolved_at\n");
  GRand *rand = g_rand_new_with_seed (7);
  static const char *const sums =
    "SELECT group_concat(x, ';') FROM (SELECT printf('%d/%d/%s/%d/%d/%d/%d/%.3f/%d/%.3f/%d',"
    " day, agent_id, channel, category_id, n, fr_sum, ofr_sum, ofr_sq, ores_sum, ores_sq,"
    " osla_within) AS x FROM kpi_days ORDER BY day, agent_id, channel, category_id)";
  static const char *const months =
    "SELECT group_concat(x, ';') FROM (SELECT printf('%d/%d/%s/%d/%d/%d/%d', month, agent_id,"
    " channel, category_id, n, ofr_sum, osla_within) AS x FROM kpi_months"
    " ORDER BY month, agent_id, channel, category_id)";
  g_autofree char *a = NULL, *b = NULL, *ma = NULL, *mb = NULL;

  for (int i = 0; i < 400; i++)
    {
      SpTime t = sp_test_time ("2026-09-20 00:00") + g_rand_int_range (rand, 0, 60 * 1440) * 60;
      g_autofree char *received = sp_time_format_iso (t);
      g_autofree char *answered = sp_time_format_iso (t + g_rand_int_range (rand, 0, 4000) * 60);
      g_autofree char *resolved = sp_time_format_iso (t + g_rand_int_range (rand, 0, 9000) * 60);
      static const char *const priorities[] = { "low", "normal", "high", "urgent" };

      g_string_append_printf (csv, "%s,%s,%s,%s,%s,%s,%s\n", received,
                              g_rand_boolean (rand) ? "email" : "phone",
                              g_rand_boolean (rand) ? "Ana" : "Ben",
                              g_rand_boolean (rand) ? "X" : "",
                              priorities[g_rand_int_range (rand, 0, 4)],
                              g_rand_int_range (rand, 0, 5) ? answered : "",
                              g_rand_int_range (rand, 0, 3) ? resolved : "");
    }
  g_rand_free (rand);

  /* contacts first, then the hours */
  import_contacts (f->store, csv->str);
  save_hours (f->store, hours);

  /* the hours first, then the contacts */
  fresh = sp_test_open_store (dir);
  save_hours (fresh, hours);
  import_contacts (fresh, csv->str);

  a = sp_test_query_text (f->store, sums);
  b = sp_test_query_text (fresh, sums);
  g_assert_nonnull (a);
  g_assert_cmpstr (a, ==, b);
  ma = sp_test_query_text (f->store, months);
  mb = sp_test_query_text (fresh, months);
  g_assert_cmpstr (ma, ==, mb);
  /* and the business sums are not the clock's */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT sum(ofr_sum) < sum(fr_sum)"
                                                " FROM kpi_days"), ==, 1);

  /* a later schedule changed: only the contacts it touches are written again, and the
   * totals from their month on, equal to a store that had these hours from the start */
  {
    SpSchedule *later = sp_hours_replace_schedule (hours, sp_test_date ("2026-11-02"));
    g_autofree char *dir2 = sp_test_make_dir ();
    g_autoptr(SpStore) fresh2 = NULL;
    g_autofree char *c = NULL, *d = NULL, *mc = NULL, *md = NULL, *after = NULL;
    g_autofree char *before = sp_test_query_text (f->store,
                                                  "SELECT group_concat(x, ';') FROM"
                                                  " (SELECT printf('%d/%d', day, ofr_sum) AS x"
                                                  "  FROM kpi_days WHERE day < 20727"
                                                  "  ORDER BY day, agent_id, channel,"
                                                  "  category_id)");

    for (int day = 1; day <= 6; day++)
      add (hours, later, day, H (7, 0), H (20, 0));
    save_hours (f->store, hours);

    fresh2 = sp_test_open_store (dir2);
    save_hours (fresh2, hours);
    import_contacts (fresh2, csv->str);

    c = sp_test_query_text (f->store, sums);
    d = sp_test_query_text (fresh2, sums);
    g_assert_cmpstr (c, ==, d);
    g_assert_cmpstr (c, !=, a);
    mc = sp_test_query_text (f->store, months);
    md = sp_test_query_text (fresh2, months);
    g_assert_cmpstr (mc, ==, md);
    /* September's days (before 2026-10-01, day 20727) were left as they were */
    after = sp_test_query_text (fresh2, "SELECT group_concat(x, ';') FROM"
                                        " (SELECT printf('%d/%d', day, ofr_sum) AS x"
                                        "  FROM kpi_days WHERE day < 20727"
                                        "  ORDER BY day, agent_id, channel, category_id)");
    g_assert_nonnull (before);
    g_assert_cmpstr (before, ==, after);

    g_clear_object (&fresh2);
    sp_test_remove_dir (dir2);
  }

  g_clear_object (&fresh);
  sp_test_remove_dir (dir);
}

/* Imports */

static void
import_ok (SpStore      *store,
           SpImportKind  kind,
           const char   *csv)
{
  g_autoptr(GError) error = NULL;

  sp_import_data (store, kind, "x.csv", csv, strlen (csv), NULL, &error);
  g_assert_no_error (error);
}

static void
test_import_hours (SpTestEngine  *f,
                   gconstpointer  data)
{
  g_autoptr(SpHours) hours = NULL;
  SpSchedule *s;
  static const struct
  {
    SpImportKind kind;
    const char  *csv;
    const char  *message;
  } bad[] = {
    { SP_IMPORT_HOURS, "valid_from,weekday,opens,closes\n2026-10-05,mon,09:00,12:30\n"
                       "2026-10-05,mon,12:00,18:00\n",
      "x.csv:3: opens: overlaps the interval 09:00–12:30 of the same day" },
    { SP_IMPORT_HOURS, "valid_from,weekday,opens,closes\n2026-10-05,mon,13:00,12:30\n",
      "x.csv:2: closes: must be after opens" },
    { SP_IMPORT_HOURS, "valid_from,weekday,opens,closes\n2026-10-05,mon,09:00,09:00\n",
      "x.csv:2: closes: must be after opens" },
    { SP_IMPORT_HOURS, "valid_from,weekday,opens,closes\n2026-10-05,mo,09:00,12:30\n",
      "x.csv:2: weekday: “mo” is not a weekday (mon … sun or monday … sunday)" },
    { SP_IMPORT_HOURS, "valid_from,weekday,opens,closes\n2026-10-05,tue,9:00,12:30\n",
      "x.csv:2: opens: “9:00” is not a time (HH:MM)" },
    { SP_IMPORT_HOURS, "valid_from,weekday,opens,closes\n2026-10-05,tue,09:00,24:30\n",
      "x.csv:2: closes: “24:30” is not a time (HH:MM, up to 24:00)" },
    { SP_IMPORT_HOURS, "valid_from,weekday,opens,closes\n2026-10-05,tue,09:00,12:00\n"
                       "2026-13-01,tue,09:00,12:00\n",
      "x.csv:3: valid_from: " },
    { SP_IMPORT_CLOSED_DAYS, "date,name\n2026-12-24,Eve\n2026-02-30,Nothing\n",
      "x.csv:3: date: " },
  };

  /* the first schedule of Monday, replaced by a second import of its date */
  import_ok (f->store, SP_IMPORT_HOURS,
             "valid_from,weekday,opens,closes\n"
             "2026-10-05,mon,09:00,12:30\n2026-10-05,MONDAY,13:30,18:00\n"
             "2026-10-05,sat,10:00,14:00\n2026-11-02,Fri,08:00,24:00\n");
  import_ok (f->store, SP_IMPORT_HOURS,
             "valid_from,weekday,opens,closes\n2026-10-05,tue,08:00,16:00\n");
  import_ok (f->store, SP_IMPORT_CLOSED_DAYS,
             "date,name\n2026-12-24,Christmas Eve\n2026-12-31,New Year's Eve\n");
  import_ok (f->store, SP_IMPORT_CLOSED_DAYS, "date,name\n2026-12-24, Holiday \n");

  hours = sp_store_load_hours (f->store, NULL);
  g_assert_cmpuint (sp_hours_get_n_schedules (hours), ==, 2);
  s = sp_hours_get_schedule (hours, 0);
  g_assert_cmpint (s->valid_from, ==, sp_test_date ("2026-10-05"));
  g_assert_cmpuint (s->days[0]->len, ==, 0);   /* Monday went with the replaced schedule */
  g_assert_cmpuint (s->days[5]->len, ==, 0);
  g_assert_cmpuint (s->days[1]->len, ==, 1);
  g_assert_cmpint (g_array_index (s->days[1], SpHoursInterval, 0).opens, ==, H (8, 0));
  s = sp_hours_get_schedule (hours, 1);
  g_assert_cmpint (g_array_index (s->days[4], SpHoursInterval, 0).closes, ==, 86400);
  g_assert_cmpuint (sp_hours_get_n_closed_days (hours), ==, 2);
  g_assert_cmpstr (sp_hours_get_closed_day (hours, 0)->name, ==, "Holiday");
  g_assert_cmpstr (sp_hours_get_closed_day (hours, 1)->name, ==, "New Year's Eve");

  /* bad files change nothing and say where */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpHours) after = NULL;

      g_assert_false (sp_import_data (f->store, bad[i].kind, "x.csv", bad[i].csv,
                                      strlen (bad[i].csv), NULL, &error));
      g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, bad[i].message));

      after = sp_store_load_hours (f->store, NULL);
      g_assert_cmpuint (sp_hours_get_n_schedules (after), ==, 2);
      g_assert_cmpuint (sp_hours_get_schedule (after, 0)->days[1]->len, ==, 1);
      g_assert_cmpuint (sp_hours_get_n_closed_days (after), ==, 2);
    }
}

static const char holidays_ics[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Example//Holidays//EN\r\n"
  /* an all-day event: DTEND is the day after */
  "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261003\r\nDTEND;VALUE=DATE:20261004\r\n"
  "SUMMARY:Unity Day\r\nEND:VEVENT\r\n"
  /* over two days */
  "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261227\r\n"
  "SUMMARY:Christmas\r\nEND:VEVENT\r\n"
  /* every year since 2020, one day without DTEND */
  "BEGIN:VEVENT\r\nUID:c\r\nDTSTART;VALUE=DATE:20200501\r\nRRULE:FREQ=YEARLY\r\n"
  "SUMMARY:Labour Day\r\nEND:VEVENT\r\n"
  /* a meeting with a time closes nothing */
  "BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20261006T100000\r\nDTEND:20261006T110000\r\n"
  "SUMMARY:Meeting\r\nEND:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static void
test_ics (void)
{
  g_autoptr(SpHours) hours = sp_hours_new ();
  g_autoptr(GError) error = NULL;
  guint n = 0, skipped = 0;
  static const struct { const char *date, *name; } expected[] = {
    { "2026-05-01", "Labour Day" }, { "2026-10-03", "Unity Day" },
    { "2026-12-25", "Christmas" }, { "2026-12-26", "Christmas" },
    { "2027-05-01", "Labour Day" },
  };

  g_assert_true (sp_ics_read_closed_days (holidays_ics, strlen (holidays_ics), "h.ics", 2026,
                                          2027, hours, &n, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_cmpuint (sp_hours_get_n_closed_days (hours), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const SpClosedDay *day = sp_hours_get_closed_day (hours, i);

      g_assert_cmpint (day->date, ==, sp_test_date (expected[i].date));
      g_assert_cmpstr (day->name, ==, expected[i].name);
    }

  g_assert_false (sp_ics_read_closed_days ("date,name\n", 10, "h.ics", 2026, 2027, hours, NULL,
                                           NULL, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "h.ics: not an iCalendar file (it must begin with BEGIN:VCALENDAR)");
  g_assert_cmpuint (sp_hours_get_n_closed_days (hours), ==, G_N_ELEMENTS (expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hours/business-minutes", test_business_minutes);
  g_test_add_func ("/hours/without-schedule", test_without_schedule);
  g_test_add_func ("/hours/latest-before", test_latest_before);
  g_test_add_func ("/hours/intervals", test_intervals);
  g_test_add ("/hours/engine", SpTestEngine, "2026-10-13 10:00", sp_test_engine_setup,
              test_engine, sp_test_engine_teardown);
  g_test_add ("/hours/import", SpTestEngine, "2026-11-20 12:00", sp_test_engine_setup,
              test_import_hours, sp_test_engine_teardown);
  g_test_add_func ("/hours/ics", test_ics);
  g_test_add ("/hours/whole-month", SpTestEngine, "2026-11-02 10:00", sp_test_engine_setup,
              test_whole_month, sp_test_engine_teardown);
  g_test_add ("/hours/recompute", SpTestEngine, "2026-11-20 12:00", sp_test_engine_setup,
              test_recompute_matches_fresh, sp_test_engine_teardown);

  return g_test_run ();
}
