/* test-export-libreoffice.c: LibreOffice recalculates the Summary to the app's values
 *
 * Skipped when LibreOffice is not installed (it is large, and only this test needs it).
 * LibreOffice converts the workbook to CSV headless, recalculating every formula on
 * loading (a profile of its own that says so), and the Summary's values, n and changes
 * must equal what the KPI engine computed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <xlsxwriter.h>

#include "sp-csv-reader.h"
#include "sp-demo.h"
#include "sp-kpi-engine.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"
#include "sp-test-xlsx.h"
#include "sp-xlsx-export.h"

#define EPS 1e-9

/* Recalculate formulas of Excel files always, not only when the file asks */
static const char recalc_profile[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
  "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
  "<item oor:path=\"/org.openoffice.Office.Calc/Formula/Load\">"
  "<prop oor:name=\"OOXMLRecalcMode\" oor:op=\"fuse\"><value>0</value></prop></item>\n"
  "</oor:items>\n";

static char *
find_office (void)
{
  char *program = g_find_program_in_path ("soffice");

  return program ? program : g_find_program_in_path ("libreoffice");
}

/* The first sheet of @xlsx as CSV, as LibreOffice computes it */
static char *
convert (const char *office,
         const char *dir,
         const char *xlsx)
{
  g_autofree char *profile_dir = g_build_filename (dir, "profile", NULL);
  g_autofree char *profile = g_build_filename (profile_dir, "user", NULL);
  g_autofree char *settings = g_build_filename (profile, "registrymodifications.xcu", NULL);
  g_autofree char *profile_uri = NULL;
  g_autofree char *env = NULL;
  g_autofree char *out_dir = g_build_filename (dir, "csv", NULL);
  g_autofree char *base = g_path_get_basename (xlsx);
  g_autofree char *stem = g_strndup (base, strlen (base) - strlen (".xlsx"));
  g_autofree char *csv_name = g_strconcat (stem, ".csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *contents = NULL;
  const char *argv[] = {
    office, NULL, "--headless", "--norestore", "--convert-to",
    /* comma, quotes, UTF-8, from line 1; values as they are, not as shown */
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false",
    "--outdir", out_dir, xlsx, NULL,
  };

  g_mkdir_with_parents (profile, 0700);
  if (!g_file_test (settings, G_FILE_TEST_EXISTS))
    g_assert_true (g_file_set_contents (settings, recalc_profile, -1, NULL));

  profile_uri = g_filename_to_uri (profile_dir, NULL, NULL);
  env = g_strdup_printf ("-env:UserInstallation=%s", profile_uri);
  argv[1] = env;

  g_assert_cmpint (sp_test_spawn (argv, &out, &err), ==, 0);
  g_test_message ("%s%s", out, err);

  csv = g_build_filename (out_dir, csv_name, NULL);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  return contents;
}

typedef struct
{
  GHashTable *rows;   /* the label in column A → GStrv of the row */
} Sheet;

static void
sheet_load (Sheet      *sheet,
            const char *csv)
{
  g_autoptr(SpCsvReader) reader = sp_csv_reader_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;

  sheet->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_strfreev);
  while (sp_csv_reader_next (reader, &error))
    {
      g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();

      for (guint i = 0; i < sp_csv_reader_get_n_fields (reader); i++)
        g_strv_builder_add (fields, sp_csv_reader_get_field (reader, i));
      g_hash_table_replace (sheet->rows, g_strdup (sp_csv_reader_get_field (reader, 0)),
                            g_strv_builder_end (fields));
    }
  g_assert_no_error (error);
}

static void
assert_number (Sheet      *sheet,
               const char *label,
               guint       column,
               double      expected)
{
  GStrv row = g_hash_table_lookup (sheet->rows, label);

  g_test_message ("%s, column %u: %s (app: %.17g)", label, column,
                  row && column < g_strv_length (row) ? row[column] : "(none)", expected);
  g_assert_nonnull (row);
  g_assert_cmpuint (column, <, g_strv_length (row));

  if (isnan (expected))
    {
      g_assert_cmpstr (row[column], ==, "");
      return;
    }

  g_assert_cmpstr (row[column], !=, "");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[column], NULL), expected,
                                  EPS * MAX (1, fabs (expected)));
}

/* Everything of the Summary that is a formula, against the engine */
static void
check_summary (SpStore        *store,
               const SpPeriod *period,
               const char     *csv)
{
  static const SpKpi kpis[] = {
    SP_KPI_CSAT, SP_KPI_FCR, SP_KPI_FIRST_RESPONSE, SP_KPI_ESCALATION_RATE, SP_KPI_NPS,
    SP_KPI_CES, SP_KPI_REPEAT_RATE, SP_KPI_AHT, SP_KPI_UTILIZATION, SP_KPI_SLA_COMPLIANCE,
    SP_KPI_RESOLUTION_TIME, SP_KPI_CHURN, SP_KPI_COST_PER_CONTACT,
  };
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (store);
  g_autoptr(SpKpiSet) cur = NULL;
  g_autoptr(SpKpiSet) prev = NULL;
  g_autoptr(GError) error = NULL;
  Sheet sheet;

  g_assert_true (sp_kpi_engine_compute_with_previous (engine, period, NULL, &cur, &prev, &error));
  g_assert_no_error (error);
  sheet_load (&sheet, csv);

  assert_number (&sheet, sp_kpi_get_name (SP_KPI_CONTACTS), 1, (double) cur->contacts);
  assert_number (&sheet, "Complaints", 1, (double) cur->complaints);

  for (guint i = 0; i < G_N_ELEMENTS (kpis); i++)
    {
      const SpKpiValue *v = &cur->values[kpis[i]];
      double p = prev->values[kpis[i]].value;

      assert_number (&sheet, sp_kpi_get_name (kpis[i]), 1, v->value);
      assert_number (&sheet, sp_kpi_get_name (kpis[i]), 3, (double) v->n);
      assert_number (&sheet, sp_kpi_get_name (kpis[i]), 6, isnan (p) ? NAN : v->value - p);
    }

  for (guint c = 0; c < SP_N_CHANNELS; c++)
    {
      g_autofree char *label = g_strdup_printf ("    %s", sp_channel_get_label (c));

      if (cur->contacts_by_channel[c] == 0)
        continue;
      assert_number (&sheet, label, 1, cur->first_response_by_channel[c].value);
      assert_number (&sheet, label, 3, (double) cur->first_response_by_channel[c].n);
    }

  assert_number (&sheet, "    Promoters (9–10)", 1, (double) cur->promoters);
  assert_number (&sheet, "    Passives (7–8)", 1, (double) cur->passives);
  assert_number (&sheet, "    Detractors (0–6)", 1, (double) cur->detractors);

  g_hash_table_unref (sheet.rows);
}

/* The profile really recalculates: a formula whose cached value is wrong */
static void
test_recalculates (void)
{
  g_autofree char *office = find_office ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  lxw_workbook *workbook;
  lxw_worksheet *sheet;

  if (office == NULL)
    {
      g_test_skip ("LibreOffice is not installed");
      return;
    }

  dir = sp_test_make_dir ();
  path = g_build_filename (dir, "sum.xlsx", NULL);
  workbook = workbook_new (path);
  sheet = workbook_add_worksheet (workbook, NULL);
  worksheet_write_formula_num (sheet, 0, 0, "=1+1", NULL, 3);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  csv = convert (office, dir, path);
  g_assert_cmpstr (csv, ==, "2\n");

  sp_test_remove_dir (dir);
}

static void
test_summary (gconstpointer data)
{
  SpXlsxExportFlags flags = GPOINTER_TO_UINT (data);
  g_autofree char *office = find_office ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SpPeriod period;

  if (office == NULL)
    {
      g_test_skip ("LibreOffice is not installed");
      return;
    }

  sp_time_override_now (sp_test_time ("2026-11-15 12:00"));
  dir = sp_test_make_dir ();
  store = sp_test_open_store (dir);
  path = g_build_filename (dir, "export.xlsx", NULL);

  if (flags & SP_XLSX_EXPORT_CONSTANT_MEMORY)
    {
      /* the sample shop: every channel, repeats, escalations, shifts, month figures */
      SpDemoOptions options;

      sp_demo_options_init (&options);
      options.contacts = 3000;
      g_assert_true (sp_demo_fill (store, &options, &error));
      g_assert_no_error (error);
      period = sp_period_make (sp_test_date ("2026-07-01"), sp_test_date ("2026-09-30"));
    }
  else
    {
      sp_test_fill_october (store);
      period = sp_period_make (sp_test_date ("2026-09-15"), sp_test_date ("2026-10-31"));
    }

  g_assert_true (sp_xlsx_export (store, &period, path, flags, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  csv = convert (office, dir, path);
  check_summary (store, &period, csv);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
  sp_time_override_now (SP_TIME_NONE);
}

/* @xlsx printed to PDF by LibreOffice, as text page by page (pdftotext -layout) */
static GStrv
print_pages (const char *office,
             const char *dir,
             const char *xlsx)
{
  g_autofree char *profile_dir = g_build_filename (dir, "profile", NULL);
  g_autofree char *profile_uri = g_filename_to_uri (profile_dir, NULL, NULL);
  g_autofree char *env = g_strdup_printf ("-env:UserInstallation=%s", profile_uri);
  g_autofree char *out_dir = g_build_filename (dir, "pdf", NULL);
  g_autofree char *pdf = g_build_filename (out_dir, "export.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = {
    office, env, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", out_dir, xlsx,
    NULL,
  };
  const char *text_argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autofree char *text = NULL;

  g_assert_cmpint (sp_test_spawn (argv, &out, &err), ==, 0);
  g_test_message ("%s%s", out, err);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sp_test_spawn (text_argv, &text, &err), ==, 0);
  return g_strsplit (text, "\f", -1);
}

/* The sheet a printed page belongs to: its footer reads "SHEET   Page N of M" */
static char *
page_sheet (const char *page)
{
  g_autoptr(GRegex) footer = g_regex_new ("^\\s*(\\S.*?)\\s{2,}Page \\d+ of \\d+\\s*$",
                                          G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (footer, page, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/*
 * A month of the sample shop printed: every sheet one page wide with its
 * footer, the summary sheets on one page each (Definitions on two), and the
 * long texts of Definitions whole (a row too short would cut their end).
 */
static void
test_print (void)
{
  static const struct
  {
    const char *sheet;
    guint       min_pages;
    guint       max_pages;
  } expected[] = {
    { "Summary", 1, 1 }, { "Monthly trend", 1, 1 }, { "Agents", 1, 1 }, { "Goals", 1, 1 },
    { "Costs", 1, 1 }, { "Contacts", 1, 30 }, { "Escalations", 1, 8 },
    { "Survey answers", 1, 16 }, { "Shifts", 1, 10 }, { "Month figures", 1, 1 },
    { "Definitions", 1, 2 },
  };
  g_autofree char *office = find_office ();
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *all = NULL;
  g_autoptr(GHashTable) pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) printed = NULL;
  SpDemoOptions options;
  SpPeriod period;
  guint n_pages = 0;

  if (office == NULL || pdftotext == NULL)
    {
      g_test_skip ("LibreOffice or pdftotext is not installed");
      return;
    }

  sp_time_override_now (sp_test_time ("2026-11-15 12:00"));
  dir = sp_test_make_dir ();
  store = sp_test_open_store (dir);
  path = g_build_filename (dir, "export.xlsx", NULL);
  sp_demo_options_init (&options);
  g_assert_true (sp_demo_fill (store, &options, &error));
  g_assert_no_error (error);
  period = sp_period_make (sp_test_date ("2026-10-01"), sp_test_date ("2026-10-31"));
  g_assert_true (sp_xlsx_export (store, &period, path, SP_XLSX_EXPORT_DEFAULT, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);

  printed = print_pages (office, dir, path);
  for (guint i = 0; printed[i] != NULL; i++)
    {
      g_autofree char *sheet = NULL;

      if (*g_strstrip (printed[i]) == '\0')
        continue;
      n_pages++;
      sheet = page_sheet (printed[i]);
      g_test_message ("page %u: %s", n_pages, sheet);
      g_assert_nonnull (sheet);
      g_hash_table_insert (pages, g_steal_pointer (&sheet),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (pages,
                                                                                    sheet)) + 1));
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (pages, expected[i].sheet));

      g_test_message ("%s: %u pages", expected[i].sheet, n);
      g_assert_cmpuint (n, >=, expected[i].min_pages);
      g_assert_cmpuint (n, <=, expected[i].max_pages);
    }
  g_assert_cmpuint (g_hash_table_size (pages), ==, G_N_ELEMENTS (expected));

  /* the end of the longest definitions, and the header on top of every page */
  all = g_strjoinv ("\n", printed);
  sp_assert_contains (all, "(Contacts: “First contact resolved (FCR)”).");
  g_assert_true (g_regex_match_simple ("never\\s+repeats\\.", all, 0, 0));
  g_assert_cmpuint (g_strv_length (printed), >=, n_pages);
  for (guint i = 0; printed[i] != NULL; i++)
    if (*printed[i] != '\0')
      sp_assert_contains (printed[i], "October 2026");

  g_clear_object (&store);
  sp_test_remove_dir (dir);
  sp_time_override_now (SP_TIME_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/libreoffice/recalculates", test_recalculates);
  g_test_add_func ("/export/libreoffice/print", test_print);
  g_test_add_data_func ("/export/libreoffice/summary",
                        GUINT_TO_POINTER (SP_XLSX_EXPORT_IN_MEMORY), test_summary);
  g_test_add_data_func ("/export/libreoffice/summary/constant-memory",
                        GUINT_TO_POINTER (SP_XLSX_EXPORT_CONSTANT_MEMORY), test_summary);

  return g_test_run ();
}
