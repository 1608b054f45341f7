/* test-demo.c: the sample shop, and the stories the diagnoses find in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-demo.h"
#include "sp-error.h"
#include "sp-insights.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

#define NOW "2026-11-15 14:30"

typedef SpTestEngine Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  now)
{
  g_autoptr(GError) error = NULL;
  SpDemoOptions options;

  sp_test_engine_setup (f, now);

  sp_demo_options_init (&options);
  options.seed = 7;
  g_assert_true (sp_demo_fill (f->store, &options, &error));
  g_assert_no_error (error);
}

static gint64
q (Fixture    *f,
   const char *sql)
{
  return sp_test_query_int (f->store, sql);
}

static void
test_shop (Fixture       *f,
           gconstpointer  data)
{
  gint64 contacts = q (f, "SELECT count(*) FROM contacts");
  gint64 surveys = q (f, "SELECT count(*) FROM surveys");
  SpTime now = sp_time_now ();
  g_autofree char *sql = NULL;

  g_assert_cmpint (contacts, ==, SP_DEMO_DEFAULT_CONTACTS);
  g_assert_cmpint (q (f, "SELECT count(*) FROM agents"), ==, 5);
  g_assert_cmpint (q (f, "SELECT count(DISTINCT channel) FROM contacts"), ==, SP_N_CHANNELS);
  g_assert_cmpint (q (f, "SELECT count(*) FROM categories"), ==, 5);
  g_assert_cmpint (q (f, "SELECT count(*) FROM contacts WHERE category_id IS NULL"), >, 0);
  g_assert_cmpint (q (f, "SELECT count(*) FROM contacts WHERE customer_id IS NULL"), >, 0);

  /* about 30 % answer a survey, of all three kinds */
  g_assert_cmpint (surveys, >, contacts * 25 / 100);
  g_assert_cmpint (surveys, <, contacts * 35 / 100);
  g_assert_cmpint (q (f, "SELECT count(DISTINCT kind) FROM surveys"), ==, 3);

  /* a year ending now, nothing in the future */
  sql = g_strdup_printf ("SELECT max(received_at) <= %" G_GINT64_FORMAT
                         " AND min(received_at) >= %" G_GINT64_FORMAT " FROM contacts",
                         now, now - 366 * 86400);
  g_assert_cmpint (q (f, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM surveys WHERE answered_at > %" G_GINT64_FORMAT, now);
  g_assert_cmpint (q (f, sql), ==, 0);

  /* weekday pattern: Mondays busier than Sundays; hours: 10:00 busier than 03:00 */
  g_assert_cmpint (q (f, "SELECT count(*) FROM contacts WHERE (received_at / 86400 + 3) % 7 = 0"),
                   >, 4 * q (f, "SELECT count(*) FROM contacts"
                                " WHERE (received_at / 86400 + 3) % 7 = 6"));
  g_assert_cmpint (q (f, "SELECT count(*) FROM contacts WHERE received_at % 86400 / 3600 = 10"),
                   >, 10 * q (f, "SELECT count(*) FROM contacts"
                                 " WHERE received_at % 86400 / 3600 = 3"));

  /* like a shop in use, the next contact starts with the last one's agent and channel */
  g_assert_cmpint (q (f, "SELECT EXISTS (SELECT 1 FROM contacts AS c JOIN agents AS a"
                         " ON a.id = c.agent_id WHERE a.active"
                         " AND a.name = (SELECT value FROM settings WHERE key = 'log.last-agent')"
                         " AND c.channel = (SELECT value FROM settings"
                         "                  WHERE key = 'log.last-channel')"
                         " AND c.received_at = (SELECT max(received_at) FROM contacts))"), ==, 1);

  /* customers come back, escalations have details, every month has figures */
  g_assert_cmpint (q (f, "SELECT count(*) FROM contacts WHERE is_repeat"), >, contacts / 20);
  g_assert_cmpint (q (f, "SELECT count(*) FROM escalations"), ==,
                   q (f, "SELECT count(*) FROM contacts WHERE escalated"));
  g_assert_cmpint (q (f, "SELECT count(*) FROM escalations WHERE reason IS NULL"), ==, 0);
  g_assert_cmpint (q (f, "SELECT count(*) FROM month_figures"), ==, 13);
  g_assert_cmpint (q (f, "SELECT count(DISTINCT agent_id) FROM shifts"), ==, 5);
  /* every agent who handled contacts on a day has a shift that day */
  g_assert_cmpint (q (f, "SELECT count(*) FROM (SELECT DISTINCT received_at / 86400 AS d, agent_id"
                         " FROM contacts) AS w WHERE NOT EXISTS (SELECT 1 FROM shifts AS s"
                         " WHERE s.date = w.d AND s.agent_id = w.agent_id)"), ==, 0);

  /* the repeat flags are the store's own: recomputing them changes nothing */
  {
    gint64 repeats = q (f, "SELECT count(*) FROM contacts WHERE is_repeat");
    gint64 followed = q (f, "SELECT count(*) FROM contacts WHERE followed_up");
    g_autoptr(GError) error = NULL;

    g_assert_true (sp_store_refresh_repeats (f->store, &error));
    g_assert_no_error (error);
    g_assert_cmpint (q (f, "SELECT count(*) FROM contacts WHERE is_repeat"), ==, repeats);
    g_assert_cmpint (q (f, "SELECT count(*) FROM contacts WHERE followed_up"), ==, followed);
  }
}

static void
test_refuses_records (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = q (f, "SELECT count(*) FROM contacts");

  g_assert_false (sp_demo_fill (f->store, NULL, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_assert_cmpint (q (f, "SELECT count(*) FROM contacts"), ==, before);
}

static void
test_same_seed (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(SpStore) other = sp_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  SpDemoOptions options;
  const char *sum = "SELECT sum(received_at % 100000 + coalesce(first_response_at, 0) % 1000"
                    " + agent_id + is_repeat) FROM contacts";

  sp_demo_options_init (&options);
  options.seed = 7;
  options.contacts = 1234;
  g_assert_true (sp_demo_fill (other, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (other, "SELECT count(*) FROM contacts"), ==, 1234);

  /* the default size with the same seed is the fixture's shop */
  {
    g_autofree char *dir2 = sp_test_make_dir ();
    g_autoptr(SpStore) again = sp_test_open_store (dir2);

    options.contacts = 0;
    g_assert_true (sp_demo_fill (again, &options, &error));
    g_assert_cmpint (sp_test_query_int (again, sum), ==, q (f, sum));
    g_clear_object (&again);
    sp_test_remove_dir (dir2);
  }

  g_clear_object (&other);
  sp_test_remove_dir (dir);
}

static gboolean
has (GPtrArray  *found,
     const char *prefix)
{
  for (guint i = 0; i < found->len; i++)
    if (g_str_has_prefix (((SpInsight *) g_ptr_array_index (found, i))->id, prefix))
      return TRUE;
  return FALSE;
}

/* Working days an owner would type, and utilization in the usual range before the story */
static void
test_shifts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SpDate today = sp_date_today ();

  g_assert_cmpfloat (sp_test_query_double (f->store, "SELECT min(available_hours) FROM shifts"),
                     >=, 4);
  g_assert_cmpfloat (sp_test_query_double (f->store, "SELECT max(available_hours) FROM shifts"),
                     <=, 8);
  /* in quarter hours */
  g_assert_cmpint (q (f, "SELECT count(*) FROM shifts"
                         " WHERE available_hours * 4 <> round (available_hours * 4)"), ==, 0);

  /* each month from the start until the story begins two months ago: 60–75 % */
  for (SpDate from = sp_date_month_start (today - 330); from < today - 90;
       from = sp_date_add_months (from, 1))
    {
      SpPeriod period = sp_period_make (from, sp_date_month_end (from));
      g_autoptr(SpKpiSet) set = sp_kpi_engine_compute (f->engine, &period, NULL, &error);
      const SpKpiValue *v;

      g_assert_no_error (error);
      v = sp_kpi_set_get (set, SP_KPI_UTILIZATION);
      g_assert_cmpfloat (v->value, >=, 60);
      g_assert_cmpfloat (v->value, <=, 75);
      g_assert_cmpint (v->status, ==, SP_STATUS_GOOD);
    }
}

/* The stories of sp-demo.c, found by the diagnoses in the last month */
static void
test_stories (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) early = NULL;
  SpDate today = sp_date_today ();
  SpPeriod month = sp_period_make (today - 29, today);
  SpPeriod spring = sp_period_make (today - 240, today - 211);

  found = sp_insights_find (f->engine, &month, &error);
  g_assert_no_error (error);

  g_assert_true (has (found, "agent-csat-low:") || has (found, "agent-fcr-low:"));
  g_assert_true (has (found, "category-escalation-high:"));
  g_assert_true (has (found, "channel-slow:chat"));
  g_assert_true (has (found, "utilization-high"));
  g_assert_true (has (found, "backlog-growing"));

  /* eight months ago chat was fast, utilization and the backlog fine */
  early = sp_insights_find (f->engine, &spring, &error);
  g_assert_no_error (error);
  g_assert_false (has (early, "channel-slow:chat"));
  g_assert_false (has (early, "utilization-high"));
  g_assert_false (has (early, "backlog-growing"));
  g_assert_true (has (early, "category-escalation-high:"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NOW, fixture_setup, func, sp_test_engine_teardown)

  ADD ("/demo/shop", test_shop);
  ADD ("/demo/refuses-records", test_refuses_records);
  ADD ("/demo/same-seed", test_same_seed);
  ADD ("/demo/shifts", test_shifts);
  ADD ("/demo/stories", test_stories);

  return g_test_run ();
}
