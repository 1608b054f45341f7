/* test-cli-goals.c: `service-pulse goals`, for people and as JSON
 *
 * Two open goals and a closed one on hand-made data (see test-goals.c for
 * the arithmetic):
 *  - raise CSAT from 60 % (24 of 40 answers, October–December 2026) to
 *    80 % from 1 January to 10 April 2027; 68 % from 6 February to 5 March:
 *    0.4 of the way where 0.5 is expected, on track;
 *  - raise FCR for Billing from 65 % (26 of 40 first contacts) to 75 %
 *    by 31 March; 57.5 % (23 of 40): behind, so listed first;
 *  - an NPS goal, abandoned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sp-goal-tracker.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"

/* English messages, whatever the machine's locale */
#define run(r, ...) sp_test_run_locale (r, NULL, NULL, __VA_ARGS__)

typedef struct
{
  char   *dir;
  char   *db;
  gint64  csat_id;
  gint64  fcr_id;
  gint64  nps_id;
} Fixture;

static void
add_csat (SpStore    *store,
          const char *day,
          guint       good,
          guint       bad)
{
  for (guint i = 0; i < good + bad; i++)
    sp_test_add_survey (store, day, "csat", i < good ? 5 : 1, NULL, SP_CHANNEL_NONE, NULL);
}

static void
add_billing (SpStore    *store,
             const char *day,
             guint       resolved,
             guint       other)
{
  for (guint i = 0; i < resolved + other; i++)
    {
      g_autofree char *when = g_strdup_printf ("%s %02u:%02u", day, 8 + i / 60, i % 60);
      SpTestContact c = { when, SP_CHANNEL_PHONE, "Ana", NULL, "Billing", SP_PRIORITY_NORMAL,
                          .response = "1", .resolved = NULL, .rfc = i < resolved };

      if (i >= resolved)
        c.resolved = when;
      sp_test_add_contact (store, &c);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpGoal) csat = NULL;
  g_autoptr(SpGoal) fcr = NULL;
  g_autoptr(SpGoal) nps = NULL;
  g_autoptr(GError) error = NULL;
  SpSegment billing;

  f->dir = sp_test_make_dir ();
  f->db = sp_test_db_address (f->dir);
  store = sp_test_open_store (f->dir);

  g_assert_true (sp_store_begin (store, &error));
  add_csat (store, "2026-11-10 12:00", 24, 16);
  add_csat (store, "2027-02-20 12:00", 34, 16);
  add_billing (store, "2026-11-10", 26, 14);
  add_billing (store, "2027-02-20", 23, 17);
  g_assert_true (sp_store_commit (store, &error));

  csat = sp_goal_new (SP_KPI_CSAT, NULL, 80, sp_test_date ("2027-01-01"),
                      sp_test_date ("2027-04-10"));
  g_assert_true (sp_store_save_goal (store, csat, &error));
  f->csat_id = csat->id;

  sp_segment_init_category (&billing, sp_store_find_entity (store, SP_ENTITY_CATEGORY,
                                                            "Billing"));
  fcr = sp_goal_new (SP_KPI_FCR, &billing, 75, sp_test_date ("2027-01-01"),
                     sp_test_date ("2027-03-31"));
  sp_goal_set_objective_text (fcr, "Billing calls cost us \"twice\"");
  fcr->objective = SP_GOAL_OBJECTIVE_OWN;
  g_assert_true (sp_store_save_goal (store, fcr, &error));
  f->fcr_id = fcr->id;

  nps = sp_goal_new (SP_KPI_NPS, NULL, 30, sp_test_date ("2027-01-01"),
                     sp_test_date ("2027-03-31"));
  g_assert_true (sp_store_save_goal (store, nps, &error));
  g_assert_true (sp_store_close_goal (store, nps->id, SP_GOAL_STATE_ABANDONED,
                                      sp_test_date ("2027-02-01"), "No NPS survey any more",
                                      &error));
  g_assert_no_error (error);
  f->nps_id = nps->id;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static const char *
find_goal (const char *json,
           gint64      id)
{
  g_autofree char *key = g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",", id);
  const char *at = strstr (json, key);

  g_assert_nonnull (at);
  return at;
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  SpTestRun r = { 0 };
  const char *csat, *fcr;

  run (&r, "--db", f->db, "goals", "--today", "2027-03-05", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_true (g_str_has_prefix (r.out, "{\"today\":\"2027-03-05\",\"goals\":[{"));
  g_assert_true (g_str_has_suffix (r.out, "}]}\n"));
  g_assert_true (strchr (r.out, '\n') == r.out + strlen (r.out) - 1);

  /* the abandoned goal only with --all */
  sp_assert_not_contains (r.out, "\"kpi\":\"nps\"");

  /* most urgent first: the FCR goal is behind */
  fcr = find_goal (r.out, f->fcr_id);
  csat = find_goal (r.out, f->csat_id);
  g_assert_true (fcr < csat);

  g_assert_true (g_str_has_prefix (csat,
    "{\"id\":1,\"kpi\":\"csat\","
    "\"segment\":{\"kind\":\"all\",\"id\":null,\"name\":null},"
    "\"direction\":\"higher\","
    "\"sentence\":\"Raise customer satisfaction (CSAT) from 60 % to 80 % by 10 April 2027\","
    "\"objective\":\"loyalty\",\"objective_text\":null,"
    "\"start\":\"2027-01-01\",\"due\":\"2027-04-10\","
    "\"state\":\"open\",\"state_day\":null,\"state_reason\":null,"
    "\"target\":80,"
    "\"baseline\":{\"value\":60,\"n\":40,\"from\":\"2026-10-01\",\"to\":\"2026-12-31\","
    "\"estimated\":false,\"partial\":false},"
    "\"current\":{\"value\":68,\"n\":50,\"from\":\"2027-02-06\",\"to\":\"2027-03-05\"},"
    "\"since_start\":{\"value\":68,\"n\":50,\"from\":\"2027-01-01\",\"to\":\"2027-03-05\"},"
    "\"progress\":0.40000000000000002,\"expected\":0.5,"
    "\"status\":\"on_track\",\"verdict\":\"on_track\",\"days_left\":36}"));

  g_assert_true (g_str_has_prefix (fcr, "{\"id\":2,\"kpi\":\"fcr\","
                                        "\"segment\":{\"kind\":\"category\",\"id\":1,"
                                        "\"name\":\"Billing\"},"));
  sp_assert_contains (fcr, "\"objective\":\"own\","
                           "\"objective_text\":\"Billing calls cost us \\\"twice\\\"\",");
  sp_assert_contains (fcr, "\"baseline\":{\"value\":65,\"n\":40,");
  sp_assert_contains (fcr, "\"current\":{\"value\":57.5,\"n\":40,");
  sp_assert_contains (fcr, "\"progress\":-0.75,");
  sp_assert_contains (fcr, "\"status\":\"behind\"");

  /* --all adds it, last */
  run (&r, "--db", f->db, "goals", "--today", "2027-03-05", "--all", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (find_goal (r.out, f->nps_id) > find_goal (r.out, f->csat_id));
  sp_assert_contains (r.out, "\"state\":\"abandoned\",\"state_day\":\"2027-02-01\","
                             "\"state_reason\":\"No NPS survey any more\",");
  sp_assert_contains (r.out, "\"status\":\"abandoned\",\"verdict\":\"no_data\"");

  /* before the start: nothing measured yet */
  run (&r, "--db", f->db, "goals", "--today", "2026-12-01", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "\"current\":{\"value\":null,\"n\":0,\"from\":null,"
                             "\"to\":null},");
  sp_assert_contains (r.out, "\"partial\":true");
  sp_assert_contains (r.out, "\"status\":\"not_started\"");

  sp_test_run_clear (&r);
}

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *locales = NULL;
  SpTestRun r = { 0 };

  run (&r, "--db", f->db, "goals", "--today", "2027-03-05", NULL);
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "Goals on 5 March 2027\n\n"
                                          "ID  KPI   For         Baseline  Target  Due         "
                                          "Current  Progress  Expected  Status\n"
                                          "2   FCR   Billing     65 %      75 %    2027-03-31  "
                                          "57.5 %   -75 %     56 %      Behind\n"
                                          "1   CSAT  whole shop  60 %      80 %    2027-04-10  "
                                          "68 %     40 %      50 %      On track\n"));
  sp_assert_contains (r.out, "\n1. Raise customer satisfaction (CSAT) from 60 % to 80 % by "
                             "10 April 2027\n   On track — 68 % from 6 February to "
                             "5 March 2027 (50 answers): 40 % of the way from 60 % to "
                             "80 %; the straight path expects 50 % by now.\n"
                             "   Baseline: Q4 2026, 40 answers.\n");
  sp_assert_contains (r.out, "   Serves: Billing calls cost us \"twice\"\n");
  sp_assert_contains (r.out, "   Serves: Increase customer loyalty\n");

  /* no goals */
  {
    g_autofree char *path = g_build_filename (f->dir, "empty.db", NULL);
    g_autofree char *empty = sp_test_shop_address (path);
    g_autoptr(SpStore) store = sp_test_open_shop (empty);

    run (&r, "--db", empty, "goals", "--today", "2027-03-05", NULL);
    g_assert_cmpint (r.status, ==, 0);
    sp_assert_contains (r.out, "No goals yet.");
    run (&r, "--db", empty, "goals", "--today", "2027-03-05", "--json", NULL);
    g_assert_cmpstr (r.out, ==, "{\"today\":\"2027-03-05\",\"goals\":[]}\n");
  }

  /* a decimal comma for people, never in JSON */
  locales = sp_test_make_german_locale (f->dir);
  if (locales == NULL)
    {
      g_test_skip ("localedef could not make a German locale");
      sp_test_run_clear (&r);
      return;
    }

  sp_test_run_locale (&r, "de_DE.UTF-8", locales, "--db", f->db, "goals", "--today",
                      "2027-03-05", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "57,5 %");

  sp_test_run_locale (&r, "de_DE.UTF-8", locales, "--db", f->db, "goals", "--today",
                      "2027-03-05", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "\"current\":{\"value\":57.5,");
  sp_assert_contains (r.out, "\"expected\":0.55555555555555558,");

  sp_test_run_clear (&r);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  SpTestRun r = { 0 };

  run (&r, "--db", f->db, "goals", "--today", "2027-02-30", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "--today “2027-02-30”");

  run (&r, "--db", f->db, "goals", "extra", NULL);
  g_assert_cmpint (r.status, ==, 2);

  run (&r, "--db", f->db, "goals", "--frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);

  run (&r, "--db", missing, "goals", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  sp_test_run_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/goals/json", test_json);
  ADD ("/cli/goals/text", test_text);
  ADD ("/cli/goals/errors", test_errors);

  return g_test_run ();
}
