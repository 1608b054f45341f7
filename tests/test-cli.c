/* test-cli.c: the command line's exit statuses and messages (KPI-SPEC §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-test-util.h"

static void
test_import (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *good = sp_test_write_file (dir, "good.csv",
                                              "received_at,channel,agent\n"
                                              "2026-10-01 09:00,phone,Ana\n"
                                              "2026-10-01 10:00,chat,Ben\n");
  g_autofree char *bad = sp_test_write_file (dir, "bad.csv",
                                             "received_at,channel,agent\n"
                                             "2026-10-02 09:00,phone,Ana\n"
                                             "2026-10-02 10:00,chat,\n");
  g_autofree char *expected = NULL;
  SpTestRun r = { 0 };

  sp_test_run (&r, "--db", db, "import", "contacts", good, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Imported 2 rows");

  sp_test_run (&r, "import", "contacts", bad, "--db", db, NULL);
  g_assert_cmpint (r.status, ==, 1);
  expected = g_strdup_printf ("%s:3: agent: is empty, but a value is required\n", bad);
  g_assert_cmpstr (r.err, ==, expected);

  /* usage errors exit with 2 */
  sp_test_run (&r, "--db", db, "import", "widgets", good, NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "“widgets” is not something to import");

  sp_test_run (&r, "--db", db, "import", "contacts", NULL);
  g_assert_cmpint (r.status, ==, 2);

  sp_test_run (&r, "--db", db, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "unknown verb “frobnicate”");

  sp_test_run (&r, "import", "contacts", good, "--db", NULL);
  g_assert_cmpint (r.status, ==, 2);

  sp_test_run (&r, "--db", db, "import", "--bogus", "contacts", good, NULL);
  g_assert_cmpint (r.status, ==, 2);

  /* a missing file is bad input */
  sp_test_run (&r, "--db", db, "import", "contacts", "/nonexistent/x.csv", NULL);
  g_assert_cmpint (r.status, ==, 1);

  /* the database holds the good rows only */
  {
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_DEFAULT, NULL);
    g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);
  }

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

static void
test_damaged_database (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_write_file (dir, "junk.db", "not a database at all");
  g_autofree char *csv = sp_test_write_file (dir, "x.csv", "date,agent,available_hours\n");
  SpTestRun r = { 0 };

  sp_test_run (&r, "--db", db, "import", "shifts", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "is not a Service Pulse database");

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/import", test_import);
  g_test_add_func ("/cli/damaged-database", test_damaged_database);

  return g_test_run ();
}
