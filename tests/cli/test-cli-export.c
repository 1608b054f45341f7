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
    "contacts.csv", "surveys.csv", "shifts.csv", "months.csv",
  };
  g_autofree char *escalations = g_build_filename (folder, "escalations.csv", NULL);

  run (f, "--db", f->db, "export-csv", folder, "--from", "2026-10-01", "--to", "2026-10-31",
       NULL);
  g_assert_cmpint (f->status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (folder, files[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  /* the escalations are in contacts.csv, which imports back */
  g_assert_false (g_file_test (escalations, G_FILE_TEST_EXISTS));

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
    "contacts.csv", "surveys.csv", "shifts.csv", "months.csv",
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
  sp_assert_contains (contents, "\r\n");

  /* no temporary file is left beside either */
  dir = g_dir_open (sub, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (name[0] == '.');
}

/* config: the shop's settings, with the checks Preferences makes */
static void
test_config (Fixture       *f,
             gconstpointer  data)
{
  run (f, "--db", f->db, "config", NULL);
  g_assert_cmpint (f->status, ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "name=\ncurrency=\namounts-include-vat=\npaper=\n"
                                           "first-response-target.phone=3\n"));
  sp_assert_contains (f->out, "\nsla-target.urgent=60\n");

  run (f, "--db", f->db, "config", "name", "Corner Shop & Co", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "config", "currency", "EUR", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "config", "amounts-include-vat", "No", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "config", "paper", "Letter", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "config", "first-response-target.chat", "2.5", NULL);
  g_assert_cmpint (f->status, ==, 0);

  run (f, "--db", f->db, "config", "currency", NULL);
  g_assert_cmpstr (f->out, ==, "EUR\n");
  run (f, "--db", f->db, "config", "amounts-include-vat", NULL);
  g_assert_cmpstr (f->out, ==, "no\n");
  run (f, "--db", f->db, "config", "paper", NULL);
  g_assert_cmpstr (f->out, ==, "letter\n");
  run (f, "--db", f->db, "config", "first-response-target.chat", NULL);
  g_assert_cmpstr (f->out, ==, "2.5\n");
  run (f, "--db", f->db, "config", "name", NULL);
  g_assert_cmpstr (f->out, ==, "Corner Shop & Co\n");

  /* the window's checks: each refused with a sentence and nothing changed */
  run (f, "--db", f->db, "config", "currency", "12", NULL);
  g_assert_cmpint (f->status, ==, 1);
  sp_assert_contains (f->err, "without digits");
  run (f, "--db", f->db, "config", "amounts-include-vat", "maybe", NULL);
  g_assert_cmpint (f->status, ==, 1);
  sp_assert_contains (f->err, "neither yes nor no");
  run (f, "--db", f->db, "config", "paper", "A3", NULL);
  g_assert_cmpint (f->status, ==, 1);
  run (f, "--db", f->db, "config", "sla-target.high", "0", NULL);
  g_assert_cmpint (f->status, ==, 1);
  sp_assert_contains (f->err, "from 0.1 to 43200 minutes");
  run (f, "--db", f->db, "config", "colour", NULL);
  g_assert_cmpint (f->status, ==, 1);
  sp_assert_contains (f->err, "“colour” is not a shop setting");
  run (f, "--db", f->db, "config", "a", "b", "c", NULL);
  g_assert_cmpint (f->status, ==, 2);
  run (f, "--db", f->db, "config", "currency", NULL);
  g_assert_cmpstr (f->out, ==, "EUR\n");

  /* a KPI's band: three thresholds in order, as the Benchmarks page takes them */
  run (f, "--db", f->db, "config", "band.csat", NULL);
  g_assert_cmpstr (f->out, ==, "90 85 75\n");
  run (f, "--db", f->db, "config", "band.csat", "92 86 70", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "config", "band.csat", NULL);
  g_assert_cmpstr (f->out, ==, "92 86 70\n");
  run (f, "--db", f->db, "config", "band.csat", "80 86 70", NULL);
  g_assert_cmpint (f->status, ==, 1);
  sp_assert_contains (f->err, "Excellent must be at least good, and good at least act.");
  run (f, "--db", f->db, "config", "band.escalation_rate", "5 10 20", NULL);
  g_assert_cmpint (f->status, ==, 1);
  sp_assert_contains (f->err, "such as “- 10 20”");
  run (f, "--db", f->db, "config", "band.utilization", "70 90 80", NULL);
  g_assert_cmpint (f->status, ==, 1);
  run (f, "--db", f->db, "config", "band.csat", "", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "config", "band.csat", NULL);
  g_assert_cmpstr (f->out, ==, "90 85 75\n");
  run (f, "--db", f->db, "config", "band.first_response_minutes", NULL);
  g_assert_cmpint (f->status, ==, 1);

  /* an empty value goes back to the default */
  run (f, "--db", f->db, "config", "first-response-target.chat", "", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "config", "first-response-target.chat", NULL);
  g_assert_cmpstr (f->out, ==, "1\n");

  /* a database that does not exist is not made for a setting */
  {
    g_autofree char *missing = g_build_filename (f->dir, "nowhere", "shop.db", NULL);
    g_autofree char *folder = g_path_get_dirname (missing);

    run (f, "--db", missing, "config", "currency", "EUR", NULL);
    g_assert_cmpint (f->status, ==, 1);
    sp_assert_contains (f->err, "There is no database");
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  }
}

static char *
sheet_of (SpTestXlsx *xlsx,
          const char *name)
{
  return g_strdup (sp_test_xlsx_sheet (xlsx, name));
}

/* The workbook of a shop set up with config: print setup, the currency, row heights */
static void
test_xlsx_print (Fixture       *f,
                 gconstpointer  data)
{
  static const struct
  {
    const char *sheet;
    const char *orientation;
    const char *repeated;     /* the row printed on top of every page */
  } sheets[] = {
    { "Summary", "landscape", "Summary!$5:$5" },
    { "Monthly trend", "landscape", "'Monthly trend'!$3:$3" },
    { "Agents", "landscape", "Agents!$3:$3" },
    { "Goals", "landscape", "Goals!$3:$3" },
    { "Costs", "portrait", "Costs!$3:$3" },
    { "Contacts", "landscape", "Contacts!$3:$3" },
    { "Escalations", "landscape", "Escalations!$3:$3" },
    { "Survey answers", "landscape", "'Survey answers'!$3:$3" },
    { "Shifts", "landscape", "Shifts!$3:$3" },
    { "Month figures", "landscape", "'Month figures'!$3:$3" },
    { "Definitions", "landscape", "Definitions!$3:$3" },
  };
  g_autofree char *path = g_build_filename (f->dir, "october.xlsx", NULL);
  g_autoptr(SpTestXlsx) xlsx = NULL;
  g_auto(SpTestCell) cell = { NULL };
  const char *workbook;
  const char *styles;
  guint row;

  run (f, "--db", f->db, "config", "name", "Corner Shop & Co", NULL);
  run (f, "--db", f->db, "config", "currency", "EUR", NULL);
  run (f, "--db", f->db, "config", "amounts-include-vat", "no", NULL);
  run (f, "--db", f->db, "config", "paper", "letter", NULL);
  g_assert_cmpint (f->status, ==, 0);
  run (f, "--db", f->db, "export-xlsx", path, "--from", "2026-10-01", "--to", "2026-10-31",
       NULL);
  g_assert_cmpint (f->status, ==, 0);

  xlsx = sp_test_xlsx_open (path);
  workbook = sp_test_xlsx_read (xlsx, "xl/workbook.xml");
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_autofree char *xml = sheet_of (xlsx, sheets[i].sheet);
      g_autofree char *setup = g_strdup_printf ("<pageSetup paperSize=\"1\" fitToHeight=\"0\" "
                                                "orientation=\"%s\"/>", sheets[i].orientation);
      g_autofree char *titles = g_strdup_printf (">%s</definedName>", sheets[i].repeated);
      g_autofree char *footer = g_strdup_printf ("<oddFooter>&amp;L%s&amp;RPage &amp;P of "
                                                 "&amp;N</oddFooter>", sheets[i].sheet);

      g_test_message ("%s", sheets[i].sheet);
      /* one page wide, as many long as it takes, on the shop's paper */
      sp_assert_contains (xml, "<pageSetUpPr fitToPage=\"1\"/>");
      sp_assert_contains (xml, setup);
      /* the shop and the period on top of each page, the page number below */
      g_assert_nonnull (strstr (xml, "<oddHeader>&amp;LCorner Shop &amp;&amp; Co"
                                     "&amp;ROctober 2026</oddHeader>"));
      sp_assert_contains (xml, footer);
      /* the header row repeated */
      sp_assert_contains (workbook, titles);
    }

  /* money in euros: the number format, the units, the column titles */
  styles = sp_test_xlsx_read (xlsx, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "formatCode=\"&quot;EUR &quot;#,##0.00\""));
  g_assert_true (sp_test_xlsx_cell (xlsx, "Month figures", "C3", &cell));
  g_assert_cmpstr (cell.text, ==, "Operating cost (EUR)");
  sp_test_cell_clear (&cell);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Costs", "B3", &cell));
  g_assert_cmpstr (cell.text, ==, "Operating cost (EUR)");
  sp_test_cell_clear (&cell);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Costs", "B4", &cell));
  g_assert_cmpstr (sp_test_xlsx_format (xlsx, cell.style), ==, "\"EUR \"#,##0.00");
  sp_test_cell_clear (&cell);
  row = sp_test_xlsx_find_row (xlsx, "Summary", "A", "Cost per contact");
  g_assert_cmpuint (row, >, 5);
  {
    g_autofree char *ref = g_strdup_printf ("C%u", row);

    g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", ref, &cell));
    g_assert_cmpstr (cell.text, ==, "EUR");
    sp_test_cell_clear (&cell);
  }
  g_assert_cmpuint (sp_test_xlsx_find_row (xlsx, "Definitions", "A",
                                           "Money is in EUR. Amounts of money are as the owner "
                                           "entered them: they do not include VAT."), >, 20);

  /* 4-digit years in the heading and the document's title */
  g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", "A2", &cell));
  g_assert_true (g_str_has_prefix (cell.text, "Period: October 2026 (31 days) · compared with "));
  g_assert_true (g_str_has_suffix (cell.text, " 2026"));
  sp_test_cell_clear (&cell);
  g_assert_nonnull (strstr (sp_test_xlsx_read (xlsx, "docProps/core.xml"),
                            "<dc:title>Corner Shop &amp; Co — customer service KPIs, "
                            "October 2026</dc:title>"));

  /* wrapped text shown whole: the row is as tall as its longest cell, here the
   * source (the guide's title and the sentence the band rests on, in a column
   * 40 wide) at 9 lines of 15 points; the header rows fit their titles */
  {
    g_autofree char *definitions = sheet_of (xlsx, "Definitions");
    g_autofree char *summary = sheet_of (xlsx, "Summary");

    sp_assert_contains (definitions, "<row r=\"5\" spans=\"1:7\" ht=\"137\" "
                                           "customHeight=\"1\">");
    sp_assert_contains (summary, "<row r=\"5\" spans=\"1:11\" ht=\"47\" "
                                       "customHeight=\"1\">");
  }

  /* the Agents sheet ends with the whole team */
  row = sp_test_xlsx_find_row (xlsx, "Agents", "A", "Whole team");
  g_assert_cmpuint (row, ==, 6);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Agents", "A1", &cell));
  g_assert_cmpstr (cell.text, ==, "Corner Shop & Co · October 2026");
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
  g_test_add ("/cli/config", Fixture, NULL, fixture_setup, test_config, fixture_teardown);
  g_test_add ("/cli/export-xlsx/print", Fixture, NULL, fixture_setup, test_xlsx_print,
              fixture_teardown);

  return g_test_run ();
}
