/* test-schema.c: the migrations that shipped stay as they ran, and a file
 * written by an earlier release opens, updates and gives the same KPIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sp-backup.h"
#include "sp-benchmarks.h"
#include "sp-error.h"
#include "sp-kpi-engine.h"
#include "sp-kpi-set.h"
#include "sp-goal.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

/*
 * The SHA-256 of each shipped migration's SQL.  These never change: the
 * owners' files hold what these strings created, and every open checks a
 * file's schema against them.  A change to the schema is a new migration.
 */
static const struct
{
  int         version;
  const char *sha256;
} frozen[] = {
  { 1, "e44ecb03c9f6d3e148074cf528676555400a2b120f4e67fab7270544a82a130a" },
  { 2, "77cddd9e7d0ce14d645855f4adc035c0b7eb641083f73c65833305d0bdbc8790" },
  { 3, "0344c4743264cdeae32d52a9ab4fd9746cba4aac0e7dd5e8ff1e817e5b302b18" },
  { 4, "cd46d549c4cc07f4dd88451d680770da8d3b3df9071e235e965be1e7b1380e90" },
  { 5, "994c22a14f2b5b8c5b8613a8f2f500aa1180b6adb495234045317f36d3a21034" },
  { 6, "2ff0fd2b93f45159f092e3ce9bdf101a6f5598ca9eafac5f59354ac74dd83260" },
  { 7, "90427f3312f97b896bcf038d4be11fe421879f3e991a234286181abcf18f9142" },
  { 8, "def25113b1f7a3a9173d0540f39920a5efdb57edf1074f3afc610a3c213bdacc" },
};

static void
test_frozen_migrations (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (frozen); i++)
    {
      const char *sql = sp_store_get_migration_sql (frozen[i].version);
      g_autofree char *sum = NULL;

      g_assert_nonnull (sql);
      sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, sql, -1);
      if (g_strcmp0 (sum, frozen[i].sha256) != 0)
        g_error ("migration %d has shipped and must not change (SHA-256 %s, shipped %s); "
                 "add a new migration instead", frozen[i].version, sum, frozen[i].sha256);
    }
}

static char *
copy_fixture (const char *dir)
{
  g_autofree char *from = g_build_filename (g_getenv ("SP_TEST_SRCDIR"), "data", "shop-v5.db",
                                            NULL);
  g_autofree char *to = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&to);
}

/* tests/data/shop-v5-kpis.txt: "PERIOD KPI VALUE N" */
static void
check_recorded_kpis (SpStore *store)
{
  g_autofree char *path = g_build_filename (g_getenv ("SP_TEST_SRCDIR"), "data",
                                            "shop-v5-kpis.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (store);
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_object_unref);
  const SpPeriod periods[2] = {
    sp_period_make (sp_test_date ("2026-01-01"), sp_test_date ("2026-11-30")),
    sp_period_make (sp_test_date ("2026-11-01"), sp_test_date ("2026-11-30")),
  };
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  for (guint p = 0; p < 2; p++)
    {
      g_ptr_array_add (sets, sp_kpi_engine_compute (engine, &periods[p], NULL, &error));
      g_assert_no_error (error);
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const SpKpiValue *got;
      guint period;
      SpKpi kpi;
      double value;
      gint64 n;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;

      fields = g_strsplit (lines[i], " ", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      period = (guint) g_ascii_strtoull (fields[0], NULL, 10);
      g_assert_cmpuint (period, <, 2);
      g_assert_true (sp_kpi_from_key (fields[1], &kpi));
      value = g_ascii_strtod (fields[2], NULL);
      n = g_ascii_strtoll (fields[3], NULL, 10);

      got = sp_kpi_set_get (g_ptr_array_index (sets, period), kpi);
      if (got->n != n || fabs (got->value - value) > 1e-9 * MAX (1.0, fabs (value)))
        g_error ("period %u, %s: got %.17g (n = %" G_GINT64_FORMAT "), the release that "
                 "wrote the file gave %.17g (n = %" G_GINT64_FORMAT ")", period, fields[1],
                 got->value, got->n, value, n);
      checked++;
    }

  g_assert_cmpuint (checked, ==, 2 * SP_N_KPIS);
}

/* The table the totals count "within target" with: the owner's @normal, the others shipped */
static void
assert_sla_targets (SpStore *store,
                    double   normal)
{
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM sla_targets"), ==,
                   SP_N_PRIORITIES);
  for (SpPriority p = 0; p < SP_N_PRIORITIES; p++)
    g_assert_cmpfloat (sp_store_get_sla_target (store, p), ==,
                       p == SP_PRIORITY_NORMAL ? normal : sp_store_get_default_sla_target (p));
}

/*
 * tests/data/shop-v5.db: a sample shop written by the release with schema
 * 5 (600 contacts, survey answers, goals with notes, shifts, month figures,
 * an SLA target, a channel target and a band of the owner's own, and the
 * totals the triggers kept).  Every build must open it, bring it up to
 * date and give the KPIs recorded with it.
 */
static void
test_release_fixture (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = copy_fixture (dir);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpBenchmarks) benchmarks = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  SpBackupSummary summary;

  /* a copy of it is a sound backup to restore */
  g_assert_true (sp_backup_inspect (path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.schema_version, ==, 5);
  g_assert_cmpint (summary.contacts, ==, 600);
  g_assert_cmpint (summary.surveys, ==, 178);

  store = sp_store_open (path, SP_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==,
                   sp_store_get_latest_schema_version ());

  check = sp_test_query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==, 600);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM surveys"), ==, 178);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM goal_notes"), ==, 4);

  goals = sp_store_list_goals (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (goals->len, ==, 6);

  benchmarks = sp_benchmarks_new (store);
  g_assert_cmpfloat (sp_benchmarks_get_sla_target (benchmarks, SP_PRIORITY_NORMAL), ==, 90);
  assert_sla_targets (store, 90);
  g_assert_cmpfloat (sp_benchmarks_get_channel_target (benchmarks, SP_CHANNEL_CHAT), ==, 3);
  g_assert_cmpfloat (sp_benchmarks_get_band (benchmarks, SP_KPI_CSAT)->good, ==, 70);

  check_recorded_kpis (store);

  /* and the totals the triggers kept are the ones the records give */
  g_assert_true (sp_store_begin (store, &error));
  g_assert_true (sp_store_rebuild_totals (store, &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_commit (store, &error));
  g_assert_no_error (error);
  check_recorded_kpis (store);

  g_clear_object (&store);

  /* opened again, as every later start does */
  store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  check_recorded_kpis (store);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

/*
 * A file of schema 6: shop-v5.db brought to 6 by the SQL of migration 6
 * alone, as the release with schema 6 did.  Opening it adds the table of
 * SLA targets (the owner's 90 minutes for normal, the shipped ones for the
 * rest), and the KPIs and totals stay those the release recorded.
 */
static void
test_schema_6_fixture (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = copy_fixture (dir);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_exec (db, sp_store_get_migration_sql (6), NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 6; COMMIT", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* read-only, the copy brought up to date in memory has them too; the file is left as it is */
  store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_sla_targets (store, 90);
  check_recorded_kpis (store);
  g_clear_object (&store);
  {
    SpBackupSummary summary;

    g_assert_true (sp_backup_inspect (path, &summary, &error));
    g_assert_cmpint (summary.schema_version, ==, 6);
  }

  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==, sp_store_get_latest_schema_version ());
  assert_sla_targets (store, 90);
  check_recorded_kpis (store);

  g_assert_true (sp_store_begin (store, &error));
  g_assert_true (sp_store_rebuild_totals (store, &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_commit (store, &error));
  check_recorded_kpis (store);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/frozen-migrations", test_frozen_migrations);
  g_test_add_func ("/schema/release-fixture", test_release_fixture);
  g_test_add_func ("/schema/schema-6-fixture", test_schema_6_fixture);

  return g_test_run ();
}
