/* test-cli-export.c: export-xlsx and export-csv on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "sp-test-kpi.h"
#include "sp-test-util.h"
#include "sp-test-xlsx.h"

typedef struct
{
  char *dir;
  char *db;
  int   status;
  char *out;
  char *err;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SpStore) store = NULL;

  f->dir = sp_test_make_dir ();
  f->db = sp_test_db_path (f->dir);
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
  g_free (f->out);
  g_free (f->err);
}

static void
run (Fixture    *f,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);

  g_ptr_array_add (args, (char *) g_getenv ("SP_TEST_BINARY"));
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  f->status = sp_test_spawn ((const char * const *) args->pdata, &f->out, &f->err);
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "october.xlsx", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "folder", "x.xlsx", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);

  run (f, "--db", f->db, "export-xlsx", path, "--from", "2026-10-01", "--to", "2026-10-31",
       NULL);
  g_assert_cmpint (f->status, ==, 0);
  sp_assert_contains (f->out, "Exported");
  {
    g_autoptr(SpTestXlsx) xlsx = sp_test_xlsx_open (path);
    g_auto(GStrv) names = sp_test_xlsx_sheet_names (xlsx);

    g_assert_cmpstr (names[0], ==, "Summary");
    g_assert_nonnull (sp_test_xlsx_read (xlsx, "xl/charts/chart1.xml"));
  }

  /* usage errors: 2 */
  run (f, "--db", f->db, "export-xlsx", "--from", "2026-10-01", "--to", "2026-10-31", NULL);
  g_assert_cmpint (f->status, ==, 2);
  run (f, "--db", f->db, "export-xlsx", path, "--from", "2026-10-01", NULL);
  g_assert_cmpint (f->status, ==, 2);
  sp_assert_contains (f->err, "needs --from and --to");
  run (f, "--db", f->db, "export-xlsx", path, "--from", "2026-10-32", "--to", "2026-11-01", NULL);
  g_assert_cmpint (f->status, ==, 2);
  run (f, "--db", f->db, "export-xlsx", path, "--from", "2026-10-31", "--to", "2026-10-01", NULL);
  g_assert_cmpint (f->status, ==, 2);
  sp_assert_contains (f->err, "--to is before --from");
  run (f, "--db", f->db, "export-xlsx", path, "extra", "--from", "2026-10-01", "--to",
       "2026-10-31", NULL);
  g_assert_cmpint (f->status, ==, 2);

  /* nothing to read, nowhere to write: 1 */
  run (f, "--db", missing, "export-xlsx", path, "--from", "2026-10-01", "--to", "2026-10-31",
       NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  run (f, "--db", f->db, "export-xlsx", nowhere, "--from", "2026-10-01", "--to", "2026-10-31",
       NULL);
  g_assert_cmpint (f->status, ==, 1);
  sp_assert_contains (f->err, "does not exist");
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "csv", NULL);
  g_autofree char *one = g_build_filename (f->dir, "shifts.csv", NULL);
  g_autofree char *contents = NULL;
  static const char * const files[] = {
    "contacts.csv", "escalations.csv", "surveys.csv", "shifts.csv", "months.csv",
  };

  run (f, "--db", f->db, "export-csv", folder, "--from", "2026-10-01", "--to", "2026-10-31",
       NULL);
  g_assert_cmpint (f->status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (folder, files[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  run (f, "--db", f->db, "export-csv", one, "--sheet", "shifts", "--from", "2026-10-01", "--to",
       "2026-10-31", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_file_get_contents (one, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "\xEF\xBB\xBF" "date,agent,available_hours\r\n"
                                 "2026-10-01,Ana,4\r\n2026-10-02,Ben,4\r\n");

  /* - is standard output */
  run (f, "--db", f->db, "export-csv", "-", "--sheet", "months", "--from", "2026-10-01", "--to",
       "2026-10-31", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->out, ==, "\xEF\xBB\xBF" "month,whole_month,operating_cost,customers_start,"
                               "customers_lost,customers_new,contacts\r\n"
                               "2026-10,1,700,100,4,5,7\r\n");

  /* one file needs --sheet; an unknown sheet */
  run (f, "--db", f->db, "export-csv", one, "--from", "2026-10-01", "--to", "2026-10-31", NULL);
  g_assert_cmpint (f->status, ==, 2);
  sp_assert_contains (f->err, "give --sheet");
  run (f, "--db", f->db, "export-csv", one, "--sheet", "widgets", "--from", "2026-10-01", "--to",
       "2026-10-31", NULL);
  g_assert_cmpint (f->status, ==, 2);
  sp_assert_contains (f->err, "“widgets” is not a sheet");
}

static void
assert_mode_0600 (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Files of customer data are the owner's only, whatever the umask, also
 * when they replace a file that others could read */
static void
test_modes (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "october.xlsx", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "contacts.csv", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "october.pdf", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  static const char * const files[] = {
    "contacts.csv", "escalations.csv", "surveys.csv", "shifts.csv", "months.csv",
  };
  mode_t saved = umask (0);

  g_assert_true (g_file_set_contents (xlsx, "old", -1, NULL));
  g_assert_cmpint (g_chmod (xlsx, 0644), ==, 0);

  run (f, "--db", f->db, "export-xlsx", xlsx, "--from", "2026-10-01", "--to", "2026-10-31",
       NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "export-csv", csv, "--sheet", "contacts", "--from", "2026-10-01",
       "--to", "2026-10-31", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "export-csv", folder, "--from", "2026-10-01", "--to", "2026-10-31",
       NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "report", pdf, "--month", "2026-10", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "backup", copy, NULL);
  g_assert_cmpint (f->status, ==, 0);
  umask (saved);

  assert_mode_0600 (xlsx);
  assert_mode_0600 (csv);
  assert_mode_0600 (pdf);
  assert_mode_0600 (copy);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (folder, files[i], NULL);
      assert_mode_0600 (path);
    }
}

/* Exporting onto a symbolic link replaces the file it points to; the link stays */
static void
test_symlink (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (f->dir, "shared", NULL);
  g_autofree char *target = g_build_filename (sub, "book.xlsx", NULL);
  g_autofree char *link = g_build_filename (f->dir, "book.xlsx", NULL);
  g_autofree char *link2 = g_build_filename (f->dir, "latest.csv", NULL);
  g_autofree char *csv_target = g_build_filename (sub, "contacts.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("shared/book.xlsx", link), ==, 0);

  run (f, "--db", f->db, "export-xlsx", link, "--from", "2026-10-01", "--to", "2026-10-31",
       NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK"));
  assert_mode_0600 (target);
  g_clear_pointer (&contents, g_free);

  /* a link to a file not written yet: the file is created where it points */
  g_assert_cmpint (symlink (csv_target, link2), ==, 0);
  run (f, "--db", f->db, "export-csv", link2, "--sheet", "contacts", "--from", "2026-10-01",
       "--to", "2026-10-31", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_file_test (link2, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (csv_target, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\n"));

  /* no temporary file is left beside either */
  dir = g_dir_open (sub, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (name[0] == '.');
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/export-xlsx", Fixture, NULL, fixture_setup, test_xlsx, fixture_teardown);
  g_test_add ("/cli/export-csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/cli/export/modes", Fixture, NULL, fixture_setup, test_modes, fixture_teardown);
  g_test_add ("/cli/export/symlink", Fixture, NULL, fixture_setup, test_symlink,
              fixture_teardown);

  return g_test_run ();
}
