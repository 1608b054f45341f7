/* test-cli.c: the command line's exit statuses and messages (KPI-SPEC §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

static void
run (Run         *r,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list ap;

  run_clear (r);
  g_ptr_array_add (args, (char *) g_getenv ("SP_TEST_BINARY"));

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);

  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

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
  Run r = { 0 };

  run (&r, "--db", db, "import", "contacts", good, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Imported 2 rows"));

  run (&r, "import", "contacts", bad, "--db", db, NULL);
  g_assert_cmpint (r.status, ==, 1);
  expected = g_strdup_printf ("%s:3: agent: is empty, but a value is required\n", bad);
  g_assert_cmpstr (r.err, ==, expected);

  /* usage errors exit with 2 */
  run (&r, "--db", db, "import", "widgets", good, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "“widgets” is not something to import"));

  run (&r, "--db", db, "import", "contacts", NULL);
  g_assert_cmpint (r.status, ==, 2);

  run (&r, "--db", db, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "unknown verb “frobnicate”"));

  run (&r, "import", "contacts", good, "--db", NULL);
  g_assert_cmpint (r.status, ==, 2);

  run (&r, "--db", db, "import", "--bogus", "contacts", good, NULL);
  g_assert_cmpint (r.status, ==, 2);

  /* a missing file is bad input */
  run (&r, "--db", db, "import", "contacts", "/nonexistent/x.csv", NULL);
  g_assert_cmpint (r.status, ==, 1);

  /* the database holds the good rows only */
  {
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_DEFAULT, NULL);
    g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);
  }

  run_clear (&r);
  sp_test_remove_dir (dir);
}

static void
test_damaged_database (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_write_file (dir, "junk.db", "not a database at all");
  g_autofree char *csv = sp_test_write_file (dir, "x.csv", "date,agent,available_hours\n");
  Run r = { 0 };

  run (&r, "--db", db, "import", "shifts", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "is not a Service Pulse database"));

  run_clear (&r);
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
