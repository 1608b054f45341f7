/* test-cli.c: the command line's exit statuses and messages (KPI-SPEC §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "sp-test-util.h"

static void
test_import (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *db = sp_test_shop_address (path);
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
    g_autoptr(SpStore) store = sp_test_open_shop (db);
    g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);
  }

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

static guint
n_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A failed import into a database that was not there leaves no new, empty
 * database (nor its -wal and -shm files, nor folders made for it) behind;
 * files that were there before stay */
static void
test_import_into_new_database (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *nested = NULL;
  g_autofree char *a = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *good = NULL;
  SpTestRun r = { 0 };

  if (sp_test_skip_on_server ("about the file: the new file an import makes"))
    return;

  dir = sp_test_make_dir ();
  db = g_build_filename (dir, "new.db", NULL);
  nested = g_build_filename (dir, "a", "b", "new.db", NULL);
  a = g_build_filename (dir, "a", NULL);
  empty = sp_test_write_file (dir, "empty.db", "");
  bad = sp_test_write_file (dir, "bad.csv",
                            "received_at,channel,agent\n"
                            "2026-10-02 09:00,phone,\n");
  ics = sp_test_write_file (dir, "bad.ics", "not a calendar\n");
  good = sp_test_write_file (dir, "good.csv",
                             "\xef\xbb\xbf"
                             "received_at;channel;agent;talk_min\r\n"
                             "2026-10-01 09:00;phone;\"Ana; M.\";4,5\r\n");

  sp_test_run (&r, "--db", db, "import", "contacts", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "bad.csv:2: agent: is empty, but a value is required");
  g_assert_cmpuint (n_files (dir), ==, 4);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  sp_test_run (&r, "--db", nested, "import", "contacts", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_false (g_file_test (a, G_FILE_TEST_EXISTS));

  sp_test_run (&r, "--db", db, "import", "closed-days", ics, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpuint (n_files (dir), ==, 4);

  /* an empty file someone made is theirs: it stays */
  sp_test_run (&r, "--db", empty, "import", "contacts", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_file_test (empty, G_FILE_TEST_IS_REGULAR));

  /* a German Excel file makes the new database */
  sp_test_run (&r, "--db", db, "import", "contacts", good, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Imported 1 row");
  {
    g_autoptr(SpStore) store = sp_test_open_shop (db);
    g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 1);
  }

  /* and a failed import into it later leaves it as it is */
  sp_test_run (&r, "--db", db, "import", "contacts", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  {
    g_autoptr(SpStore) store = sp_test_open_shop (db);
    g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 1);
  }

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

static void
test_damaged_database (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *csv = NULL;
  SpTestRun r = { 0 };

  if (sp_test_skip_on_server ("about the file: a damaged one"))
    return;

  dir = sp_test_make_dir ();
  db = sp_test_write_file (dir, "junk.db", "not a database at all");
  csv = sp_test_write_file (dir, "x.csv", "date,agent,available_hours\n");

  sp_test_run (&r, "--db", db, "import", "shifts", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "is not a Service Pulse database");

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

/* Runs a shell command line: $0 is the program, $1 the database, $2 a file */
static int
run_shell (const char  *script,
           const char  *db,
           const char  *file,
           char       **out,
           char       **err)
{
  const char *argv[] = { "sh", "-c", script, g_getenv ("SP_TEST_BINARY"), db, file, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               out, err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* Import reads a pipe: "-" or /dev/stdin, from a pipe or a redirected file */
static void
test_import_pipe (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *db = sp_test_shop_address (path);
  g_autofree char *csv = sp_test_write_file (dir, "months.csv",
                                             "month,operating_cost,customers_start,"
                                             "customers_lost,customers_new\n"
                                             "2026-10,10,1,0,0\n");
  static const char * const scripts[] = {
    "cat \"$2\" | \"$0\" --db \"$1\" import months -",
    "cat \"$2\" | \"$0\" --db \"$1\" import months /dev/stdin",
    "\"$0\" --db \"$1\" import months - < \"$2\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_shell (scripts[i], db, csv, &out, &err), ==, 0);
      sp_assert_contains (out, "Imported 1 row");
      g_assert_cmpstr (err, ==, "");
    }

  /* a bad row from a pipe is named by its row */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *bad = sp_test_write_file (dir, "bad.csv",
                                               "month,operating_cost,customers_start,"
                                               "customers_lost,customers_new\n"
                                               "2026-13,10,1,0,0\n");

    g_assert_cmpint (run_shell ("cat \"$2\" | \"$0\" --db \"$1\" import months -", db, bad,
                                &out, &err), ==, 1);
    sp_assert_contains (err, "standard input:2:");
  }

  sp_test_remove_dir (dir);
}

/* Usage errors exit with 2 (KPI-SPEC §5), also without a verb */
static void
test_usage (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "x.xlsx", NULL);
  SpTestRun r = { 0 };
  const char *far[][6] = {
    { "export-xlsx", xlsx, "--from", "2026-01-01", "--to", "9999-12-31" },
    { "export-csv", dir, "--from", "1900-01-01", "--to", "2026-12-31" },
    { "kpis", "--from", "2026-01-01", "--to", "9999-12-31", NULL },
    { "report", xlsx, "--month", "9999-12", NULL },
    { "goals", "--today", "9999-12-31", NULL },
  };

  sp_test_run (&r, "--bogus", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "unknown option “--bogus”");
  sp_test_run (&r, "--db", db, "--bogus", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  /* dates the calendar code cannot carry: a sentence, not a GLib-CRITICAL */
  {
    g_autoptr(SpStore) store = sp_test_open_store (dir);
  }
  for (guint i = 0; i < G_N_ELEMENTS (far); i++)
    {
      const char *argv[] = { "--db", sp_test_db_address (dir), far[i][0], far[i][1], far[i][2],
                             far[i][3], far[i][4], far[i][5], NULL };

      sp_test_run (&r, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7],
                   NULL);
      g_test_message ("%s: %s", far[i][0], r.err);
      g_assert_cmpint (r.status, ==, 2);
      sp_assert_contains (r.err, "dates must lie between");
      sp_assert_not_contains (r.err, "CRITICAL");
      g_free ((char *) argv[1]);
    }
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/import", test_import);
  g_test_add_func ("/cli/import/new-database", test_import_into_new_database);
  g_test_add_func ("/cli/damaged-database", test_damaged_database);
  g_test_add_func ("/cli/import/pipe", test_import_pipe);
  g_test_add_func ("/cli/usage", test_usage);

  return g_test_run ();
}
