/* test-export-faults.c: exports and backups on a disk that fills up
 *
 * The program runs with sp-fault-shim.so preloaded: after N bytes written
 * in the export folder, writes fail with ENOSPC, for good or for a while
 * (space that comes back, as when the library removes its row files).  At
 * every N the export either fails with a clear sentence, leaving the
 * earlier file byte for byte and nothing else, or succeeds with the whole
 * workbook.  The workbook is large enough for libxlsxwriter's
 * constant-memory mode, whose copy of its row files ignores write errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sp-demo.h"
#include "sp-error.h"
#include "sp-test-kpi.h"
#include "sp-xlsx-check.h"
#include "sp-xlsx-export.h"
#include "sp-test-util.h"

#define OLD_CONTENTS "the earlier workbook, which must survive\n"

typedef struct
{
  char *dir;
  char *out_dir;
  char *db;
  char *from;
  char *to;
} Shop;

static Shop shop;

static void
make_shop (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -400);
  SpDemoOptions options;

  shop.dir = sp_test_make_dir ();
  shop.out_dir = g_build_filename (shop.dir, "out", NULL);
  g_assert_cmpint (g_mkdir (shop.out_dir, 0700), ==, 0);
  shop.db = sp_test_db_path (shop.dir);
  shop.from = g_date_time_format (start, "%Y-%m-%d");
  shop.to = g_date_time_format (now, "%Y-%m-%d");

  /* above SP_XLSX_CONSTANT_MEMORY_ROWS rows in all (contacts, answers, shifts, months) */
  store = sp_test_open_store (shop.dir);
  sp_demo_options_init (&options);
  options.contacts = 14000;
  g_assert_true (sp_demo_fill (store, &options, &error));
  g_assert_no_error (error);
}

/* Runs the program with the shim; @after < 0: no fault */
static void
run_faulty (SpTestRun  *r,
            gint64      after,
            gint64      span,
            const char *report,
            const char *first,
            ...)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *after_text = g_strdup_printf ("%" G_GINT64_FORMAT, after);
  g_autofree char *span_text = g_strdup_printf ("%" G_GINT64_FORMAT, span);
  va_list args;

  env = g_environ_setenv (env, "LD_PRELOAD", g_getenv ("SP_FAULT_SHIM"), TRUE);
  env = g_environ_setenv (env, "SP_FAULT_DIR", shop.out_dir, TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  if (after >= 0)
    env = g_environ_setenv (env, "SP_FAULT_AFTER", after_text, TRUE);
  env = g_environ_setenv (env, "SP_FAULT_SPAN", span_text, TRUE);
  if (report != NULL)
    env = g_environ_setenv (env, "SP_FAULT_REPORT", report, TRUE);

  va_start (args, first);
  sp_test_run_valist (r, env, first, args);
  va_end (args);
}

/* name → uncompressed size of each part, except the one with the time of writing */
static GHashTable *
part_sizes (const char *path)
{
  const char *argv[] = { "unzip", "-l", path, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      guint n = g_strv_length (words);
      gint64 size;

      if (n < 4 || !g_ascii_string_to_signed (words[0], 10, 0, G_MAXINT64, &size, NULL) ||
          strchr (words[n - 1], '/') == NULL || g_str_equal (words[n - 1], "docProps/core.xml"))
        continue;
      g_hash_table_insert (sizes, g_strdup (words[n - 1]), GINT_TO_POINTER ((int) size));
    }

  return sizes;
}

static void
assert_same_parts (GHashTable *expected,
                   GHashTable *got)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (got), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_test_message ("%s: %d", (char *) key, GPOINTER_TO_INT (value));
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (got, key)), ==,
                       GPOINTER_TO_INT (value));
    }
}

/* Only @name is left in the export folder */
static void
assert_only (const char *name)
{
  g_autoptr(GDir) dir = g_dir_open (shop.out_dir, 0, NULL);
  const char *entry;

  while ((entry = g_dir_read_name (dir)) != NULL)
    g_assert_cmpstr (entry, ==, name);
}

static void
assert_clear_failure (SpTestRun *r)
{
  g_test_message ("%s", r->err);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_true (strstr (r->err, "space") != NULL || strstr (r->err, "disk") != NULL);
  /* the app's sentence, not the library's own lines */
  sp_assert_not_contains (r->err, "[ERROR]");
  sp_assert_not_contains (r->err, "workbook_close");
  sp_assert_not_contains (r->err, "CRITICAL");
}

static void
test_xlsx (gconstpointer data)
{
  gboolean recovering = GPOINTER_TO_INT (data);
  g_autofree char *path = g_build_filename (shop.out_dir, "book.xlsx", NULL);
  g_autofree char *report = g_build_filename (shop.dir, "written", NULL);
  g_autofree char *total_text = NULL;
  g_autoptr(GHashTable) expected = NULL;
  SpTestRun r = { 0 };
  guint failed = 0, steps = recovering ? 8 : 4;
  gint64 total;

  /* the whole workbook, and how many bytes writing it takes */
  run_faulty (&r, -1, 0, report, "--db", shop.db, "export-xlsx", path,
              "--from", shop.from, "--to", shop.to, NULL);
  g_assert_cmpint (r.status, ==, 0);
  expected = part_sizes (path);
  /* written in constant-memory mode: strings inline, no shared string table */
  g_assert_false (g_hash_table_contains (expected, "xl/sharedStrings.xml"));
  g_assert_true (g_hash_table_contains (expected, "xl/worksheets/sheet6.xml"));
  g_assert_true (g_file_get_contents (report, &total_text, NULL, NULL));
  total = g_ascii_strtoll (total_text, NULL, 10);
  g_test_message ("a whole export writes %" G_GINT64_FORMAT " bytes", total);
  g_assert_cmpint (total, >, 1000000);

  for (guint i = 1; i <= steps; i++)
    {
      gint64 after = total * i / (steps + 1);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_set_contents (path, OLD_CONTENTS, -1, NULL));

      /* a moment without space (64 KiB refused), or none from then on */
      run_faulty (&r, after, recovering ? 65536 : 0, NULL, "--db", shop.db, "export-xlsx", path,
                  "--from", shop.from, "--to", shop.to, NULL);
      g_test_message ("full after %" G_GINT64_FORMAT " bytes: exit %d", after, r.status);

      if (r.status == 0)
        {
          g_autoptr(GHashTable) got = part_sizes (path);

          /* never a short workbook with success */
          assert_same_parts (expected, got);
        }
      else
        {
          failed++;
          assert_clear_failure (&r);
          g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, OLD_CONTENTS);
        }
      assert_only ("book.xlsx");
    }

  /* the faults reached the export */
  g_assert_cmpuint (failed, >, 0);
  sp_test_run_clear (&r);
}

/* CSV files, the PDF report and a backup copy on the same full disk */
static void
test_other_files (void)
{
  struct { const char *name; const char *verb; } cases[] = {
    { "contacts.csv", "export-csv" },
    { "report.pdf", "report" },
    { "copy.db", "backup" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = g_build_filename (shop.out_dir, cases[c].name, NULL);
      g_autofree char *report = g_build_filename (shop.dir, "written", NULL);
      g_autofree char *total_text = NULL;
      SpTestRun r = { 0 };
      gint64 total;

      g_remove (path);
      if (g_str_equal (cases[c].verb, "backup"))
        run_faulty (&r, -1, 0, report, "--db", shop.db, "backup", path, NULL);
      else if (g_str_equal (cases[c].verb, "report"))
        run_faulty (&r, -1, 0, report, "--db", shop.db, "report", path, NULL);
      else
        run_faulty (&r, -1, 0, report, "--db", shop.db, "export-csv", path, "--sheet",
                    "contacts", "--from", shop.from, "--to", shop.to, NULL);
      g_test_message ("%s", r.err);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (g_file_get_contents (report, &total_text, NULL, NULL));
      total = g_ascii_strtoll (total_text, NULL, 10);
      g_assert_cmpint (total, >, 1000);

      for (guint i = 1; i <= 2; i++)
        {
          gint64 after = total * i / 3;
          g_autofree char *contents = NULL;

          /* a backup never replaces a file: test that nothing is left instead */
          if (g_str_equal (cases[c].verb, "backup"))
            g_remove (path);
          else
            g_assert_true (g_file_set_contents (path, OLD_CONTENTS, -1, NULL));

          if (g_str_equal (cases[c].verb, "backup"))
            run_faulty (&r, after, 0, NULL, "--db", shop.db, "backup", path, NULL);
          else if (g_str_equal (cases[c].verb, "report"))
            run_faulty (&r, after, 0, NULL, "--db", shop.db, "report", path, NULL);
          else
            run_faulty (&r, after, 0, NULL, "--db", shop.db, "export-csv", path, "--sheet",
                        "contacts", "--from", shop.from, "--to", shop.to, NULL);

          g_test_message ("%s full after %" G_GINT64_FORMAT ": exit %d: %s", cases[c].name,
                          after, r.status, r.err);
          g_assert_cmpint (r.status, !=, 0);
          sp_assert_not_contains (r.err, "CRITICAL");
          if (g_str_equal (cases[c].verb, "backup"))
            {
              g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
              assert_only (NULL);
            }
          else
            {
              g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
              g_assert_cmpstr (contents, ==, OLD_CONTENTS);
              assert_only (cases[c].name);
            }
        }

      g_remove (path);
      sp_test_run_clear (&r);
    }
}

/* The first hidden file in the export folder, or NULL */
static char *
find_hidden (void)
{
  g_autoptr(GDir) dir = g_dir_open (shop.out_dir, 0, NULL);
  const char *entry;

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      if (entry[0] == '.')
        return g_strdup (entry);
    }
  return NULL;
}

/*
 * Interrupted while it writes (each write slowed down by the shim, so that
 * the signal comes in the middle), a command leaves no temporary file of
 * its own, and the earlier file as it was.
 */
static void
test_interrupted (void)
{
  struct { const char *verb; const char *name; int sig; gboolean keeps_old; } cases[] = {
    { "export-xlsx", "book.xlsx", SIGINT, TRUE },
    { "export-xlsx", "book.xlsx", SIGTERM, TRUE },
    { "export-csv", "contacts.csv", SIGINT, TRUE },
    { "backup", "copy.db", SIGINT, FALSE },
    { "backup", "copy.db", SIGTERM, FALSE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = g_build_filename (shop.out_dir, cases[c].name, NULL);
      g_auto(GStrv) env = g_get_environ ();
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *hidden = NULL;
      g_autofree char *contents = NULL;
      GPid pid;
      int status = 0;

      if (cases[c].keeps_old)
        g_assert_true (g_file_set_contents (path, OLD_CONTENTS, -1, NULL));
      else
        g_remove (path);

      env = g_environ_setenv (env, "LD_PRELOAD", g_getenv ("SP_FAULT_SHIM"), TRUE);
      env = g_environ_setenv (env, "SP_FAULT_DIR", shop.out_dir, TRUE);
      env = g_environ_setenv (env, "SP_FAULT_SLOW", "2000", TRUE);

      g_ptr_array_add (argv, (char *) g_getenv ("SP_TEST_BINARY"));
      g_ptr_array_add (argv, (char *) "--db");
      g_ptr_array_add (argv, shop.db);
      g_ptr_array_add (argv, (char *) cases[c].verb);
      g_ptr_array_add (argv, path);
      if (!g_str_equal (cases[c].verb, "backup"))
        {
          g_ptr_array_add (argv, (char *) "--from");
          g_ptr_array_add (argv, shop.from);
          g_ptr_array_add (argv, (char *) "--to");
          g_ptr_array_add (argv, shop.to);
        }
      if (g_str_equal (cases[c].verb, "export-csv"))
        {
          g_ptr_array_add (argv, (char *) "--sheet");
          g_ptr_array_add (argv, (char *) "contacts");
        }
      g_ptr_array_add (argv, NULL);

      g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, env,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error));
      g_assert_no_error (error);

      /* its temporary file appears, and it has written into it */
      for (guint i = 0; i < 30000 && hidden == NULL; i++)
        {
          g_usleep (1000);
          hidden = find_hidden ();
        }
      g_assert_nonnull (hidden);
      g_usleep (200000);

      g_assert_cmpint (kill (pid, cases[c].sig), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_test_message ("%s stopped by signal %d while writing %s", cases[c].verb, cases[c].sig,
                      hidden);

      /* ended by the signal, as without a handler */
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, cases[c].sig);

      if (cases[c].keeps_old)
        {
          g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, OLD_CONTENTS);
          assert_only (cases[c].name);
          g_remove (path);
        }
      else
        assert_only (NULL);
    }
}

/* A partial copy left by a killed backup does not stop the next one; one
 * that another process is writing right now is left alone */
static void
test_stale_partial (void)
{
  g_autofree char *path = g_build_filename (shop.out_dir, "copy.db", NULL);
  g_autofree char *partial = g_build_filename (shop.out_dir, ".copy.db.partial", NULL);
  g_autofree char *journal = g_build_filename (shop.out_dir, ".copy.db.partial-journal", NULL);
  SpTestRun r = { 0 };
  int fd;

  g_remove (path);
  g_assert_true (g_file_set_contents (partial, "half a copy", -1, NULL));
  g_assert_true (g_file_set_contents (journal, "its journal", -1, NULL));

  sp_test_run (&r, "--db", shop.db, "backup", path, NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_remove (path);

  /* being written by another process (which holds its lock) */
  g_assert_true (g_file_set_contents (partial, "a copy being made", -1, NULL));
  fd = g_open (partial, O_RDONLY, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  sp_test_run (&r, "--db", shop.db, "backup", path, NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "being written");
  g_assert_true (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  close (fd);
  g_remove (partial);
  sp_test_run_clear (&r);
}

/* The temporary file and folder of an export that was killed (SIGKILL
 * gives no time to clean up) are removed by the next export to the same
 * file; those of an export that is running right now (which holds its
 * temporary file locked) are left alone, and so are other files' */
static void
test_stale_temporaries (void)
{
  g_autofree char *path = g_build_filename (shop.out_dir, "kept.xlsx", NULL);
  g_autofree char *left = g_build_filename (shop.out_dir, ".kept.xlsx.Ab12Cd", NULL);
  g_autofree char *left_folder = g_strconcat (left, ".d", NULL);
  g_autofree char *left_row = g_build_filename (left_folder, "rows", NULL);
  g_autofree char *lone_folder = g_build_filename (shop.out_dir, ".kept.xlsx.Zz99Yy.d", NULL);
  g_autofree char *busy = g_build_filename (shop.out_dir, ".kept.xlsx.Ef34Gh", NULL);
  g_autofree char *busy_folder = g_strconcat (busy, ".d", NULL);
  g_autofree char *other = g_build_filename (shop.out_dir, ".other.xlsx.Ab12Cd", NULL);
  SpTestRun r = { 0 };
  int fd;

  g_assert_true (g_file_set_contents (left, "customer data", -1, NULL));
  g_assert_cmpint (g_mkdir (left_folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (left_row, "more customer data", -1, NULL));
  g_assert_cmpint (g_mkdir (lone_folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (busy, "being written", -1, NULL));
  g_assert_cmpint (g_mkdir (busy_folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (other, "another file's", -1, NULL));
  fd = g_open (busy, O_RDONLY, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  sp_test_run (&r, "--db", shop.db, "export-xlsx", path, "--from", shop.from, "--to", shop.to,
               NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (left, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (left_folder, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lone_folder, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (busy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (busy_folder, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  close (fd);
  g_remove (busy_folder);
  g_remove (busy);
  g_remove (other);
  g_remove (path);
  sp_test_run_clear (&r);
}

/* The read-back check itself: a sound workbook passes; a changed byte, or
 * rows that are not the row file's, fail */
static void
test_read_back (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "october.xlsx", NULL);
  g_autofree char *rows_path = g_build_filename (dir, "rows", NULL);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *sheet = "xl/worksheets/sheet1.xml";
  SpXlsxRowFile rows = { 1, -1, 0 };
  char *at;
  gsize len;

  sp_test_fill_october (store);
  g_assert_true (sp_xlsx_export (store, &(SpPeriod) { sp_test_date ("2026-10-01"),
                                                      sp_test_date ("2026-10-31") },
                                 path, SP_XLSX_EXPORT_IN_MEMORY, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sp_xlsx_check_written (path, path, NULL, 0, &error));
  g_assert_no_error (error);

  /* rows that a row file does not hold */
  g_assert_true (g_file_set_contents (rows_path, "<row r=\"1\"></row>", -1, NULL));
  rows.fd = g_open (rows_path, O_RDONLY, 0);
  rows.size = 18;
  g_assert_false (sp_xlsx_check_written (path, path, &rows, 1, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NO_SPACE);
  sp_assert_contains (error->message, "october.xlsx");
  g_clear_error (&error);
  close (rows.fd);

  /* one byte changed in the middle of the first sheet's compressed data */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  at = memmem (contents, len, sheet, strlen (sheet));
  g_assert_nonnull (at);
  at += strlen (sheet) + 200;
  *at ^= 0x55;
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
  g_assert_false (sp_xlsx_check_written (path, path, NULL, 0, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NO_SPACE);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("SP_FAULT_SHIM") == NULL)
    {
      g_test_skip ("the fault shim was not built");
      return 0;
    }

  make_shop ();

  g_test_add_data_func ("/export/faults/xlsx/full", GINT_TO_POINTER (FALSE), test_xlsx);
  g_test_add_data_func ("/export/faults/xlsx/space-comes-back", GINT_TO_POINTER (TRUE),
                        test_xlsx);
  g_test_add_func ("/export/faults/read-back", test_read_back);
  g_test_add_func ("/export/faults/other-files", test_other_files);
  g_test_add_func ("/export/faults/interrupted", test_interrupted);
  g_test_add_func ("/export/faults/stale-partial", test_stale_partial);
  g_test_add_func ("/export/faults/stale-temporaries", test_stale_temporaries);

  status = g_test_run ();
  sp_test_remove_dir (shop.dir);
  return status;
}
