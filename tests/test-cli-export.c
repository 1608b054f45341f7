/* test-cli-export.c: export-xlsx and export-csv on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/export-xlsx", Fixture, NULL, fixture_setup, test_xlsx, fixture_teardown);
  g_test_add ("/cli/export-csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);

  return g_test_run ();
}
