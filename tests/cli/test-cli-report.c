/* test-cli-report.c: `service-pulse report` (KPI-SPEC §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>
#include <string.h>

#include "sp-shop.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"

/* In English, with no display (the report needs none); under LeakSanitizer,
 * fontconfig's caches are not the program's leaks */
static void
run (SpTestRun  *r,
     const char *first,
     ...)
{
  g_auto(GStrv) env = sp_test_locale_environ (NULL, NULL);
  g_autofree char *supp = g_build_filename (g_getenv ("SP_TEST_SRCDIR"), "data",
                                            "lsan-fonts.supp", NULL);
  g_autofree char *lsan = g_strconcat ("suppressions=", supp, ":print_suppressions=0", NULL);
  va_list args;

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "LSAN_OPTIONS", lsan, TRUE);

  va_start (args, first);
  sp_test_run_valist (r, env, first, args);
  va_end (args);
}

typedef struct
{
  char *dir;
  char *db;
  char *pdf;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SpStore) store = NULL;

  f->dir = sp_test_make_dir ();
  f->db = sp_test_db_address (f->dir);
  f->pdf = g_build_filename (f->dir, "report.pdf", NULL);
  store = sp_test_open_store (f->dir);
  sp_test_fill_october (store);
  g_assert_true (sp_shop_set_name (store, "Corner Bikes", NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->pdf);
}

static gboolean
pdf_has (const char *path,
         const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  char *out = NULL;

  if (program == NULL)
    return NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, NULL, NULL));
  return out;
}

static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = NULL;
  SpTestRun r = { 0 };

  run (&r, "--db", f->db, "report", f->pdf, "--month", "2026-10", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_true (pdf_has (f->pdf, "/MediaBox [ 0 0 595 842 ]"));   /* the C locale: A4 */
  g_assert_false (pdf_has (f->pdf, "/MediaBox [ 0 0 612 792 ]"));

  text = pdf_text (f->pdf);
  if (text != NULL)
    {
      sp_assert_contains (text, "Corner Bikes");
      sp_assert_contains (text, "October 2026");
      sp_assert_contains (text, "66.7 %");
    }

  run (&r, "--db", f->db, "report", f->pdf, "--month", "2026-10", "--paper", "letter", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (pdf_has (f->pdf, "/MediaBox [ 0 0 612 792 ]"));

  run (&r, "--db", f->db, "report", f->pdf, "--quarter", "2026-Q4", "--sections",
       "summary,agents", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_free (text);
  text = pdf_text (f->pdf);
  if (text != NULL)
    {
      sp_assert_contains (text, "Q4 2026");
      sp_assert_not_contains (text, "The Core Four");
    }

  run (&r, "--db", f->db, "report", f->pdf, "--from", "2026-10-01", "--to", "2026-10-10", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  const char *bad[][8] = {
    { "report", NULL },
    { "report", "a.pdf", "b.pdf", NULL },
    { "report", "a.pdf", "--month", "2026-13", NULL },
    { "report", "a.pdf", "--month", "October", NULL },
    { "report", "a.pdf", "--month", "2026-10", "--quarter", "2026-Q4", NULL },
    { "report", "a.pdf", "--quarter", "2026-Q5", NULL },
    { "report", "a.pdf", "--from", "2026-10-01", NULL },
    { "report", "a.pdf", "--from", "2026-10-10", "--to", "2026-10-01", NULL },
    { "report", "a.pdf", "--paper", "a3", NULL },
    { "report", "a.pdf", "--sections", "summary,pictures", NULL },
    { "report", "a.pdf", "--colour", NULL },
  };
  SpTestRun r = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *target = g_build_filename (f->dir, "a.pdf", NULL);
      const char *args[8];

      /* the file in the test's folder, wherever the test runs */
      for (guint j = 0; j < G_N_ELEMENTS (args); j++)
        args[j] = g_strcmp0 (bad[i][j], "a.pdf") == 0 ? target : bad[i][j];

      run (&r, "--db", f->db, args[0], args[1], args[2], args[3], args[4], args[5], args[6],
           NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.err, !=, "");
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
    }

  sp_test_run_clear (&r);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *missing_db = g_build_filename (f->dir, "nothing-here.db", NULL);
  g_autofree char *missing_dir = g_build_filename (f->dir, "no-folder", "report.pdf", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  SpTestRun r = { 0 };

  /* a database that does not exist is not created */
  run (&r, "--db", missing_db, "report", f->pdf, "--month", "2026-10", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->pdf, G_FILE_TEST_EXISTS));

  /* a file that can't be written: a clear message, nothing half-written */
  run (&r, "--db", f->db, "report", missing_dir, "--month", "2026-10", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "report.pdf");
  sp_assert_contains (r.err, "does not exist");

  /* a failed write keeps what was there */
  g_assert_true (g_file_set_contents (f->pdf, "old", -1, NULL));
  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);
  run (&r, "--db", f->db, "report", f->pdf, "--month", "2026-10", NULL);
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  if (getuid () != 0)
    {
      g_autofree char *contents = NULL;

      g_assert_cmpint (r.status, ==, 1);
      g_assert_true (g_file_get_contents (f->pdf, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old");
    }

  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    g_assert_false (g_str_has_prefix (name, ".report.pdf-"));

  sp_test_run_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/report/month", test_month);
  ADD ("/cli/report/usage", test_usage);
  ADD ("/cli/report/bad-input", test_bad_input);

  return g_test_run ();
}
