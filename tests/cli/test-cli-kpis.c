/* test-cli-kpis.c: `service-pulse kpis` and `service-pulse demo` (KPI-SPEC §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sp-kpi.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"

/* English messages, whatever the machine's locale */
#define run(r, ...) sp_test_run_locale (r, NULL, NULL, __VA_ARGS__)

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SpStore) store = NULL;

  f->dir = sp_test_make_dir ();
  f->db = sp_test_db_address (f->dir);
  store = sp_test_open_store (f->dir);
  sp_test_fill_october (store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  SpTestRun r = { 0 };

  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");

  /* one object on one line, the keys of KPI-SPEC §3, values unrounded */
  g_assert_true (g_str_has_prefix (r.out, "{\"from\":\"2026-10-01\",\"to\":\"2026-10-31\","
                                          "\"contacts\":7,\"complaints\":1,"));
  g_assert_true (g_str_has_suffix (r.out, "}\n"));
  g_assert_true (strchr (r.out, '\n') == r.out + strlen (r.out) - 1);
  sp_assert_contains (r.out, "\"csat\":{\"value\":66.666666666666671,\"n\":3,");
  sp_assert_contains (r.out, "\"fcr\":{\"value\":40,\"n\":5,");
  sp_assert_contains (r.out, "\"repeat_rate\":{\"value\":28.571428571428573,\"n\":7,");
  sp_assert_contains (r.out, "\"first_response_minutes\":{\"value\":51,\"n\":6,");
  sp_assert_contains (r.out, "\"by_channel\":{\"phone\":{\"value\":2,\"n\":2,");
  sp_assert_contains (r.out, "\"utilization\":{\"value\":5.416666666666667,\"n\":480,");
  sp_assert_contains (r.out, "\"sla_compliance\":{\"value\":71.428571428571431,\"n\":7,");
  sp_assert_contains (r.out, "\"backlog\":{\"open\":1,\"older_than_48h\":1,");
  sp_assert_contains (r.out, "\"cost_per_contact\":{\"value\":100,\"n\":7}");
  sp_assert_contains (r.out, "\"contacts_by_category\":{");
  sp_assert_contains (r.out, "\"\":1");
  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      g_autofree char *key = g_strdup_printf ("\"%s\":", sp_kpi_to_key (kpi));
      sp_assert_contains (r.out, key);
    }

  /* an agent: utilization yes, churn and cost null */
  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", "--agent",
       " ana ", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "\"segment\":{\"kind\":\"agent\",\"name\":\"Ana\"}");
  sp_assert_contains (r.out, "\"contacts\":3,");
  sp_assert_contains (r.out, "\"churn_rate\":{\"value\":null,\"n\":0}");
  sp_assert_contains (r.out, "\"utilization\":{\"value\":4.583333333333333,\"n\":240,");

  /* a channel: no utilization */
  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", "--channel",
       "phone", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "\"utilization\":{\"value\":null,\"n\":0}");

  /* an empty topic name is "no topic" */
  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", "--category",
       "", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "\"contacts\":1,");

  /* an empty period */
  run (&r, "--db", f->db, "kpis", "--from", "2026-09-01", "--to", "2026-09-30", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "\"contacts\":0,");
  sp_assert_contains (r.out, "\"csat\":{\"value\":null,\"n\":0}");

  sp_test_run_clear (&r);
}

static void
test_text_and_locale (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *locales = NULL;
  SpTestRun r = { 0 };

  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Customer satisfaction");
  sp_assert_contains (r.out, "66.7 %");
  /* October compares with September, not with the 31 days before it (31 August – 30 September) */
  sp_assert_contains (r.out, "Findings (changes against September 2026)");
  /* 3 answers: no verdict, no finding that CSAT is low, a caution instead */
  sp_assert_contains (r.out, "[Too few to judge]");
  sp_assert_not_contains (r.out, "CSAT is 66.7 %, below 75.0 %");
  sp_assert_contains (r.out, "CSAT rests on 3 answers");

  /* a decimal comma for people, never in JSON: German, compiled here when not installed */
  locales = sp_test_make_german_locale (f->dir);
  if (locales == NULL)
    {
      g_test_skip ("localedef could not make a German locale");
      sp_test_run_clear (&r);
      return;
    }

  sp_test_run_locale (&r, "de_DE.UTF-8", locales, "--db", f->db, "kpis", "--from", "2026-10-01",
                      "--to", "2026-10-31", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "66,7 %");

  sp_test_run_locale (&r, "de_DE.UTF-8", locales, "--db", f->db, "kpis", "--from", "2026-10-01",
                      "--to", "2026-10-31", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "\"csat\":{\"value\":66.666666666666671,");
  sp_assert_contains (r.out, "\"status\":\"too-few\"");
  sp_assert_contains (r.out, "\"utilization\":{\"value\":5.416666666666667,");

  sp_test_run_clear (&r);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  SpTestRun r = { 0 };

  /* usage errors: 2 */
  run (&r, "--db", f->db, "kpis", "--from", "2026-13-01", "--to", "2026-10-31", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "--from “2026-13-01”");

  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "needs --from and --to");

  run (&r, "--db", f->db, "kpis", "--from", "2026-10-31", "--to", "2026-10-01", NULL);
  g_assert_cmpint (r.status, ==, 2);

  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", "--channel",
       "fax", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "“fax” is not a channel");

  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", "--agent", "Ana",
       "--channel", "phone", NULL);
  g_assert_cmpint (r.status, ==, 2);

  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", "extra", NULL);
  g_assert_cmpint (r.status, ==, 2);

  /* input that names nothing in the database: 1 */
  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", "--agent",
       "Nobody", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "no agent called “Nobody”");

  run (&r, "--db", f->db, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", "--category",
       "Nothing", NULL);
  g_assert_cmpint (r.status, ==, 1);

  run (&r, "--db", missing, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  sp_test_run_clear (&r);
}

static void
test_demo (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *db = sp_test_shop_address (path);
  SpTestRun r = { 0 };

  run (&r, "--db", db, "demo", "--contacts", "500", "--seed", "3", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(SpStore) store = sp_test_open_shop (db);
    g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==, 500);
  }

  /* only into an empty database */
  run (&r, "--db", db, "demo", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "already holds records");

  run (&r, "--db", db, "demo", "--contacts", "-5", NULL);
  g_assert_cmpint (r.status, ==, 2);

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/kpis/json", test_json);
  ADD ("/cli/kpis/text", test_text_and_locale);
  ADD ("/cli/kpis/errors", test_errors);
  g_test_add_func ("/cli/demo", test_demo);

  return g_test_run ();
}
