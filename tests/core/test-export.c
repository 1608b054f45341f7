/* test-export.c: the workbook for the accountant and the CSV files, read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sp-csv-export.h"
#include "sp-csv-reader.h"
#include "sp-demo.h"
#include "sp-error.h"
#include "sp-export-rows.h"
#include "sp-goal-tracker.h"
#include "sp-import.h"
#include "sp-kpi-engine.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"
#include "sp-test-xlsx.h"
#include "sp-xlsx-export.h"

#define EPS 1e-9
#define SHOP "Corner Shop & Co"

/* Typed text that a spreadsheet would run as a formula */
#define NASTY_CUSTOMER "=HYPERLINK(\"http://example.com\",\"click\")"
#define NASTY_TOPIC "+Billing"
#define NASTY_NOTE "=1+1"
#define NASTY_AGENT "@Ana"
#define NASTY_REASON "-2+3"
#define NASTY_TO "=cmd|' /C calc'!A0"
#define NASTY_COMMENT "@SUM(1,2)"
#define QUOTED_NOTE "Said \"hi\",\nthen left"

typedef struct
{
  char        *dir;
  SpStore     *store;
  SpKpiEngine *engine;
  SpPeriod     period;
} Fixture;

/* The two ways of writing a workbook, as test data */
typedef struct
{
  SpXlsxExportFlags flags;
} Mode;

static const Mode in_memory = { SP_XLSX_EXPORT_IN_MEMORY };
static const Mode constant_memory = { SP_XLSX_EXPORT_CONSTANT_MEMORY };

static void
add_nasty_rows (SpStore *store)
{
  g_autoptr(SpContact) c = sp_contact_new ();
  g_autoptr(SpContact) d = sp_contact_new ();
  g_autoptr(SpSurvey) s = sp_survey_new ();
  g_autoptr(GError) error = NULL;

  c->received_at = sp_test_time ("2026-10-12 10:00");
  c->channel = SP_CHANNEL_EMAIL;
  sp_contact_set_agent_name (c, NASTY_AGENT);
  sp_contact_set_customer_name (c, NASTY_CUSTOMER);
  sp_contact_set_category_name (c, NASTY_TOPIC);
  sp_contact_set_note (c, NASTY_NOTE);
  c->first_response_at = c->received_at + 90;
  c->escalated = TRUE;
  c->escalated_at = c->received_at + 600;
  sp_contact_set_escalated_to (c, NASTY_TO);
  sp_contact_set_escalation_reason (c, NASTY_REASON);
  c->talk_min = 2.5;
  g_assert_true (sp_store_save_contact (store, c, &error));
  g_assert_no_error (error);

  d->received_at = sp_test_time ("2026-10-13 11:30");
  d->channel = SP_CHANNEL_SOCIAL;
  sp_contact_set_agent_name (d, "Ana");
  sp_contact_set_note (d, QUOTED_NOTE);
  g_assert_true (sp_store_save_contact (store, d, &error));
  g_assert_no_error (error);

  s->answered_at = sp_test_time ("2026-10-14 09:00");
  s->kind = SP_SURVEY_CSAT;
  s->score = 2;
  sp_survey_set_comment (s, NASTY_COMMENT);
  g_assert_true (sp_store_save_survey (store, s, &error));
  g_assert_no_error (error);

  sp_test_add_shift (store, "2026-10-12", NASTY_AGENT, 7.5);
  /* September is only partly inside a period from 15 September */
  sp_test_add_month (store, 2026, 9, 650.25, 96, 2, 6);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sp_time_override_now (sp_test_time ("2026-11-15 12:00"));
  sp_test_store_open (&f->dir, &f->store);
  f->engine = sp_kpi_engine_new (f->store);
  f->period = sp_period_make (sp_test_date ("2026-09-15"), sp_test_date ("2026-10-31"));

  sp_test_fill_october (f->store);
  add_nasty_rows (f->store);
  g_assert_true (sp_store_set_setting (f->store, "shop.name", SHOP, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->engine);
  sp_test_store_close (&f->dir, &f->store);
  sp_time_override_now (SP_TIME_NONE);
}

static char *
export (Fixture           *f,
        SpXlsxExportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, "export.xlsx", NULL);

  g_assert_true (sp_xlsx_export (f->store, &f->period, path, flags, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static char *
cell_ref (guint column,
          guint row)
{
  g_assert_cmpuint (column, <, 26);
  return g_strdup_printf ("%c%u", 'A' + column, row);
}

/* The folder holds exactly @n entries (no temporary file left behind) */
static void
assert_entries (const char *dir,
                guint       n)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint count = 0;
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_has_prefix (name, "test.db"))
        continue;
      g_test_message ("entry: %s", name);
      count++;
    }
  g_assert_cmpuint (count, ==, n);
}

/* Sheets, names, properties, charts */

static void
test_workbook (Fixture       *f,
               gconstpointer  data)
{
  static const char * const sheets[] = {
    "Summary", "Monthly trend", "Agents", "Goals", "Costs", "Contacts", "Escalations",
    "Survey answers", "Shifts", "Month figures", "Definitions", NULL,
  };
  SpXlsxExportFlags flags = ((const Mode *) data)->flags;
  g_autofree char *path = export (f, flags);
  g_autoptr(SpTestXlsx) xlsx = sp_test_xlsx_open (path);
  g_auto(GStrv) names = sp_test_xlsx_sheet_names (xlsx);
  g_auto(SpTestCell) title = { NULL };
  const char *workbook = sp_test_xlsx_read (xlsx, "xl/workbook.xml");
  const char *contacts = sp_test_xlsx_sheet (xlsx, "Contacts");
  const char *chart;

  g_assert_cmpstrv (names, sheets);

  /* a named range per data sheet */
  sp_assert_contains (workbook, "<definedName name=\"Contacts_data\">Contacts!$A$3:$Z$12");
  sp_assert_contains (workbook, "<definedName name=\"Survey_answers_data\">"
                                      "'Survey answers'!$A$3:$I$");
  sp_assert_contains (workbook, "<definedName name=\"Escalations_data\">");
  sp_assert_contains (workbook, "<definedName name=\"Shifts_data\">");
  sp_assert_contains (workbook, "<definedName name=\"Month_figures_data\">");

  /* frozen header; an Excel table with a totals row, or in constant memory
   * (where libxlsxwriter writes no tables) an autofilter */
  sp_assert_contains (contacts, "<pane ySplit=\"3\" topLeftCell=\"A4\"");
  if ((flags & SP_XLSX_EXPORT_IN_MEMORY) != 0)
    {
      const char *table = sp_test_xlsx_read (xlsx, "xl/tables/table1.xml");

      sp_assert_contains (contacts, "<tablePart ");
      g_assert_nonnull (table);
      sp_assert_contains (table, "name=\"Contacts_data_table\"");
      /* under the shop and the period: a header, nine contacts and the totals row */
      sp_assert_contains (table, "ref=\"A3:Z13\" totalsRowCount=\"1\"");
      sp_assert_contains (table, "<autoFilter ref=\"A3:Z12\"/>");
      sp_assert_contains (table, "name=\"Escalated\" totalsRowFunction=\"sum\"");
      sp_assert_contains (table, "name=\"Received\" totalsRowFunction=\"count\"");
      /* the totals' values cached: two of the nine contacts were escalated */
      sp_assert_contains (contacts, "<c r=\"Q13\"><f>SUBTOTAL(109,[Escalated])</f><v>2</v>");
      sp_assert_contains (contacts, "<f>SUBTOTAL(103,[Received])</f><v>9</v>");
    }
  else
    {
      sp_assert_contains (contacts, "<autoFilter ref=\"A3:Z12\"/>");
      g_assert_null (sp_test_xlsx_read (xlsx, "xl/tables/table1.xml"));
    }
  sp_assert_contains (contacts, "<col min=\"22\" max=\"22\" width=\"40.");

  /* document properties, the heading */
  /* the shop and the period, with a 4-digit year */
  g_assert_nonnull (strstr (sp_test_xlsx_read (xlsx, "docProps/core.xml"),
                            "<dc:title>Corner Shop &amp; Co — customer service KPIs, "
                            "15 September – 31 October 2026</dc:title>"));
  g_assert_nonnull (strstr (sp_test_xlsx_read (xlsx, "docProps/app.xml"),
                            "<Company>Corner Shop &amp; Co</Company>"));
  sp_assert_contains (sp_test_xlsx_read (xlsx, "docProps/core.xml"), "<dcterms:created");
  g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", "A1", &title));
  g_assert_cmpstr (title.text, ==, SHOP " — customer service KPIs");

  /* the Core Four as line charts over the trend's columns */
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *part = g_strdup_printf ("xl/charts/chart%u.xml", i);

      chart = sp_test_xlsx_read (xlsx, part);
      g_assert_nonnull (chart);
      sp_assert_contains (chart, "<c:lineChart>");
      /* twelve months up to the period's end, named as text */
      sp_assert_contains (chart, "<c:cat><c:strRef><c:f>'Monthly trend'!$A$4:$A$15</c:f>");
    }
  g_assert_null (sp_test_xlsx_read (xlsx, "xl/charts/chart5.xml"));
  chart = sp_test_xlsx_read (xlsx, "xl/charts/chart1.xml");
  sp_assert_contains (chart, "<c:val><c:numRef><c:f>'Monthly trend'!$F$4:$F$15</c:f>");
  sp_assert_contains (chart, "<a:t>CSAT (%)</a:t>");
  /* constant memory: no cached values for the chart (LibreOffice and Excel compute them) */
  g_assert_true ((strstr (chart, "<c:numCache>") != NULL) ==
                 ((flags & SP_XLSX_EXPORT_IN_MEMORY) != 0));
}

/* Every sheet opens with the shop and the period; the data sheets' tables,
 * names, panes, filters, print titles and every formula over their rows
 * start under them */

#define PERIOD_LINE SHOP " · 15 September – 31 October 2026"

static const struct
{
  const char    *sheet;
  const char    *quoted;   /* as formulas name it */
  const char    *name;     /* the workbook's name of its rows */
  SpExportTable  table;
  guint          rows;     /* of the fixture */
  const char    *last;     /* the last column */
} data_sheets[] = {
  { "Contacts", "Contacts", "Contacts_data", SP_EXPORT_CONTACTS, 9, "Z" },
  { "Escalations", "Escalations", "Escalations_data", SP_EXPORT_ESCALATIONS, 2, "I" },
  { "Survey answers", "'Survey answers'", "Survey_answers_data", SP_EXPORT_SURVEYS, 10, "I" },
  { "Shifts", "Shifts", "Shifts_data", SP_EXPORT_SHIFTS, 3, "C" },
  { "Month figures", "'Month figures'", "Month_figures_data", SP_EXPORT_MONTHS, 2, "G" },
};

/* Each reference of @formula to a data sheet's column spans its rows: from the
 * fourth (under the period line, an empty row and the header) to the last */
static guint
assert_ranges_moved (const char *formula)
{
  guint found = 0;

  for (guint s = 0; s < G_N_ELEMENTS (data_sheets); s++)
    {
      g_autofree char *sheet = g_regex_escape_string (data_sheets[s].quoted, -1);
      g_autofree char *pattern =
        g_strdup_printf ("%s!\\$([A-Z]+)\\$([0-9]+):\\$([A-Z]+)\\$([0-9]+)", sheet);
      g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      g_regex_match (regex, formula, 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *from = g_match_info_fetch (match, 2);
          g_autofree char *to = g_match_info_fetch (match, 4);

          g_test_message ("%s: rows %s to %s", data_sheets[s].sheet, from, to);
          g_assert_cmpint (atoi (from), ==, 4);
          g_assert_cmpint (atoi (to), ==, 3 + data_sheets[s].rows);
          found++;
        }
    }

  return found;
}

static void
test_sheet_tops (Fixture       *f,
                 gconstpointer  data)
{
  SpXlsxExportFlags flags = ((const Mode *) data)->flags;
  g_autofree char *path = export (f, flags);
  g_autoptr(SpTestXlsx) xlsx = sp_test_xlsx_open (path);
  g_auto(GStrv) names = sp_test_xlsx_sheet_names (xlsx);
  guint references = 0;

  /* every sheet but the Summary (whose heading says more) opens with the same line */
  for (guint i = 1; names[i] != NULL; i++)
    {
      g_auto(SpTestCell) top = { NULL };
      g_auto(SpTestCell) empty = { NULL };

      g_test_message ("%s", names[i]);
      g_assert_true (sp_test_xlsx_cell (xlsx, names[i], "A1", &top));
      g_assert_cmpstr (top.text, ==, PERIOD_LINE);
      g_assert_false (sp_test_xlsx_cell (xlsx, names[i], "A2", &empty));
    }

  for (guint s = 0; s < G_N_ELEMENTS (data_sheets); s++)
    {
      const char *xml = sp_test_xlsx_sheet (xlsx, data_sheets[s].sheet);
      const SpExportColumn *columns;
      guint n_columns;
      g_auto(SpTestCell) header = { NULL };
      g_autofree char *name = sp_test_xlsx_defined_name (xlsx, data_sheets[s].name, -1);
      g_autofree char *expected = g_strdup_printf ("%s!$A$3:$%s$%u", data_sheets[s].quoted,
                                                   data_sheets[s].last, 3 + data_sheets[s].rows);
      g_autofree char *filter = g_strdup_printf ("<autoFilter ref=\"A3:%s%u\"/>",
                                                 data_sheets[s].last, 3 + data_sheets[s].rows);

      g_test_message ("%s", data_sheets[s].sheet);
      columns = sp_export_table_get_columns (data_sheets[s].table, &n_columns);
      g_assert_cmpuint (n_columns, ==, data_sheets[s].last[0] - 'A' + 1);

      /* the header under the period line; the rows under it */
      g_assert_true (sp_test_xlsx_cell (xlsx, data_sheets[s].sheet, "A3", &header));
      g_assert_cmpstr (header.text, ==, columns[0].title);
      g_assert_cmpstr (name, ==, expected);
      sp_assert_contains (xml, "<pane ySplit=\"3\" topLeftCell=\"A4\"");

      if ((flags & SP_XLSX_EXPORT_IN_MEMORY) != 0)
        {
          g_autofree char *part = g_strdup_printf ("xl/tables/table%u.xml", s + 1);
          const char *table = sp_test_xlsx_read (xlsx, part);
          g_autofree char *ref = g_strdup_printf (" ref=\"A3:%s%u\" totalsRowCount=\"1\"",
                                                  data_sheets[s].last,
                                                  3 + data_sheets[s].rows + 1);
          g_autofree char *table_name = g_strdup_printf ("name=\"%s_table\"",
                                                         data_sheets[s].name);

          g_assert_nonnull (table);
          sp_assert_contains (table, table_name);
          sp_assert_contains (table, ref);
          sp_assert_contains (table, filter);
        }
      else
        {
          sp_assert_contains (xml, filter);
        }
    }

  /* the formulas of every sheet over the moved rows: the Summary's, the costs',
   * the month figures' contacts */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_auto(GStrv) formulas = sp_test_xlsx_formulas (xlsx, names[i]);

      for (guint j = 0; formulas[j] != NULL; j++)
        references += assert_ranges_moved (formulas[j]);
    }
  g_assert_cmpuint (references, >, 40);
}

/* The Summary: formulas over the data sheets with the app's values cached */

static void
assert_cached (SpTestXlsx *xlsx,
               guint       row,
               char        column,
               double      expected,
               const char *formula_part)
{
  g_autofree char *ref = g_strdup_printf ("%c%u", column, row);
  g_auto(SpTestCell) cell = { NULL };

  g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", ref, &cell));
  g_test_message ("%s: %s = %s", ref, cell.formula, cell.value);

  if (formula_part != NULL)
    {
      g_assert_nonnull (cell.formula);
      sp_assert_contains (cell.formula, formula_part);
    }

  if (isnan (expected))
    {
      g_assert_cmpstr (cell.type, ==, "str");
      g_assert_cmpstr (cell.text, ==, "");
      return;
    }

  g_assert_null (cell.type);
  g_assert_nonnull (cell.value);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cell.value, NULL), expected,
                                  EPS * MAX (1, fabs (expected)));
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    SpKpi       kpi;
    const char *formula;   /* a part of the value's formula; NULL: none */
  } kpis[] = {
    { SP_KPI_CONTACTS, "COUNT(Contacts!$B$4:$B$12)" },
    { SP_KPI_CSAT, "100*COUNTIFS('Survey answers'!$B$4:$B$13,\"CSAT\",'Survey answers'!$C$4:"
                   "$C$13,\">=4\")/COUNTIFS('Survey answers'!$B$4:$B$13,\"CSAT\")" },
    { SP_KPI_NPS, "COUNTIFS('Survey answers'!$B$4:$B$13,\"NPS\",'Survey answers'!$C$4:$C$13,"
                  "\"<=6\")" },
    { SP_KPI_CES, "AVERAGEIFS('Survey answers'!$C$4:$C$13,'Survey answers'!$B$4:$B$13,\"CES\")" },
    { SP_KPI_FCR, "100*SUM(Contacts!$T$4:$T$12)/(COUNT(Contacts!$B$4:$B$12)-"
                  "SUM(Contacts!$S$4:$S$12))" },
    { SP_KPI_REPEAT_RATE, "100*SUM(Contacts!$S$4:$S$12)/COUNT(" },
    { SP_KPI_ESCALATION_RATE, "100*SUM(Contacts!$Q$4:$Q$12)/COUNT(" },
    { SP_KPI_FIRST_RESPONSE, "AVERAGE(Contacts!$J$4:$J$12)" },
    { SP_KPI_RESOLUTION_TIME, "AVERAGE(Contacts!$K$4:$K$12)" },
    { SP_KPI_AHT, "AVERAGE(Contacts!$O$4:$O$12)" },
    { SP_KPI_UTILIZATION, "100*SUM(Contacts!$O$4:$O$12)/(SUM(Shifts!$C$4:$C$6)*60)" },
    { SP_KPI_SLA_COMPLIANCE, "100*SUM(Contacts!$U$4:$U$12)/COUNT(Contacts!$U$4:$U$12)" },
    { SP_KPI_CHURN, "SUMIFS('Month figures'!$E$4:$E$5,'Month figures'!$B$4:$B$5,1)/"
                    "INDEX('Month figures'!$D$4:$D$5,MATCH(1,'Month figures'!$B$4:$B$5,0))" },
    { SP_KPI_COST_PER_CONTACT, "SUMIFS('Month figures'!$C$4:$C$5,'Month figures'!$B$4:$B$5,1)/"
                               "SUMIFS('Month figures'!$G$4:$G$5,'Month figures'!$B$4:$B$5,1)" },
    { SP_KPI_BACKLOG, NULL },
  };
  SpXlsxExportFlags flags = ((const Mode *) data)->flags;
  g_autofree char *path = export (f, flags);
  g_autoptr(SpTestXlsx) xlsx = sp_test_xlsx_open (path);
  g_autoptr(SpKpiSet) cur = NULL;
  g_autoptr(SpKpiSet) prev = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SpTestCell) cell = { NULL };
  char ref[16];
  guint row;

  g_assert_true (sp_kpi_engine_compute_with_previous (f->engine, &f->period, NULL, &cur, &prev,
                                                      &error));
  g_assert_no_error (error);
  /* a period with every kind of data */
  g_assert_cmpint (cur->contacts, ==, 9);
  g_assert_false (isnan (cur->values[SP_KPI_CHURN].value));

  for (guint i = 0; i < G_N_ELEMENTS (kpis); i++)
    {
      SpKpi kpi = kpis[i].kpi;
      const SpKpiValue *v = &cur->values[kpi];
      g_auto(SpTestCell) value = { NULL };

      row = sp_test_xlsx_find_row (xlsx, "Summary", "A", sp_kpi_get_name (kpi));
      g_test_message ("%s: row %u", sp_kpi_to_key (kpi), row);
      g_assert_cmpuint (row, >, 5);

      assert_cached (xlsx, row, 'B', v->value, kpis[i].formula);
      if (kpis[i].formula == NULL)
        {
          g_snprintf (ref, sizeof ref, "B%u", row);
          g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", ref, &value));
          g_assert_null (value.formula);
        }
      if (kpi != SP_KPI_CONTACTS)
        assert_cached (xlsx, row, 'D', (double) v->n, kpis[i].formula ? "" : NULL);
      /* the previous period, and the change as a formula */
      if (!isnan (prev->values[kpi].value))
        assert_cached (xlsx, row, 'F', prev->values[kpi].value, NULL);
      assert_cached (xlsx, row, 'G', v->value - prev->values[kpi].value, "-F");
    }

  /* the status in words: CSAT rests on 4 answers, too few for a verdict */
  row = sp_test_xlsx_find_row (xlsx, "Summary", "A", sp_kpi_get_name (SP_KPI_CSAT));
  g_snprintf (ref, sizeof ref, "K%u", row);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", ref, &cell));
  g_assert_cmpint (cur->values[SP_KPI_CSAT].status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpstr (cell.text, ==, "Too few to judge (n = 4)");
  sp_test_cell_clear (&cell);
  g_snprintf (ref, sizeof ref, "J%u", row);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", ref, &cell));
  g_assert_cmpstr (cell.text, ==, "≥ 90 excellent · ≥ 85 good · < 75 act");
  sp_test_cell_clear (&cell);

  /* first response by channel */
  row = sp_test_xlsx_find_row (xlsx, "Summary", "A", "    Phone");
  g_assert_cmpuint (row, >, 0);
  assert_cached (xlsx, row, 'B', cur->first_response_by_channel[SP_CHANNEL_PHONE].value,
                 "AVERAGEIFS(Contacts!$J$4:$J$12,Contacts!$C$4:$C$12,\"Phone\")");
  assert_cached (xlsx, row, 'D', (double) cur->first_response_by_channel[SP_CHANNEL_PHONE].n,
                 "COUNTIFS(Contacts!$C$4:$C$12,\"Phone\",Contacts!$J$4:$J$12,\">=0\")");
  g_assert_cmpuint (sp_test_xlsx_find_row (xlsx, "Summary", "A", "    Text message"), >, 0);

  /* NPS parts */
  row = sp_test_xlsx_find_row (xlsx, "Summary", "A", "    Detractors (0–6)");
  assert_cached (xlsx, row, 'B', (double) cur->detractors, "\"<=6\"");

  /* the trend has one row per month for the twelve months up to October
   * 2026; September is partly in the period, October wholly */
  sp_test_cell_clear (&cell);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Monthly trend", "A4", &cell));
  g_assert_cmpstr (cell.text, ==, "2025-11");
  sp_test_cell_clear (&cell);
  g_assert_false (sp_test_xlsx_cell (xlsx, "Monthly trend", "B4", &cell));
  g_assert_true (sp_test_xlsx_cell (xlsx, "Monthly trend", "A14", &cell));
  g_assert_cmpstr (cell.text, ==, "2026-09");
  sp_test_cell_clear (&cell);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Monthly trend", "B14", &cell));
  g_assert_cmpstr (cell.text, ==, "partly");
  sp_test_cell_clear (&cell);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Monthly trend", "C14", &cell));
  g_assert_cmpstr (cell.value, ==, "30");
  sp_test_cell_clear (&cell);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Monthly trend", "B15", &cell));
  g_assert_cmpstr (cell.text, ==, "yes");
  sp_test_cell_clear (&cell);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Monthly trend", "E15", &cell));
  g_assert_cmpstr (cell.value, ==, "9");
  sp_test_cell_clear (&cell);
  g_assert_false (sp_test_xlsx_cell (xlsx, "Monthly trend", "A16", &cell));

  /* costs: October only, a whole month with figures */
  sp_test_cell_clear (&cell);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Costs", "B4", &cell));
  g_assert_cmpstr (cell.value, ==, "700");
  sp_test_cell_clear (&cell);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Costs", "E4", &cell));
  sp_assert_contains (cell.formula, "B4/C4");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cell.value, NULL), 700.0 / 9, EPS);

  /* agents: Ana, Ben and the one called @Ana */
  sp_test_cell_clear (&cell);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Agents", "A4", &cell));
  g_assert_cmpstr (cell.text, ==, NASTY_AGENT);
  g_assert_null (cell.formula);

  /* sources are cited by their titles: nothing in the workbook names a file or "the articles" */
  {
    g_auto(GStrv) members = sp_test_xlsx_list (xlsx);

    for (guint i = 0; members[i]; i++)
      {
        const char *text = sp_test_xlsx_read (xlsx, members[i]);

        sp_assert_not_contains (text, "seeds/");
        sp_assert_not_contains (text, "the articles");
      }
    row = sp_test_xlsx_find_row (xlsx, "Definitions", "A", sp_kpi_get_name (SP_KPI_CSAT));
    g_snprintf (ref, sizeof ref, "G%u", row);
    sp_test_cell_clear (&cell);
    g_assert_true (sp_test_xlsx_cell (xlsx, "Definitions", ref, &cell));
    sp_assert_contains (cell.text, "“85% or higher is strong for most small businesses.");
    sp_assert_contains (cell.text, "A Guide to Customer Service KPIs for Small Businesses");
    /* and the smallest n it is judged on */
    g_snprintf (ref, sizeof ref, "E%u", row);
    sp_test_cell_clear (&cell);
    g_assert_true (sp_test_xlsx_cell (xlsx, "Definitions", ref, &cell));
    g_assert_nonnull (strstr (cell.text, "; judged from 30"));
  }
}

/* Raw records: real dates and numbers with their formats */

/* The sheet row (1-based) of a data table's row @n: the table's header (n = 1) is the
 * third row, under the shop and the period and an empty row */
#define DATA_ROW(n) ((n) + 2)

static void
assert_cell (SpTestXlsx *xlsx,
             const char *sheet,
             guint       column,
             guint       row,
             const char *value,
             const char *format)
{
  g_autofree char *ref = cell_ref (column, row);
  g_autofree char *code = NULL;
  g_auto(SpTestCell) cell = { NULL };

  g_assert_true (sp_test_xlsx_cell (xlsx, sheet, ref, &cell));
  g_test_message ("%s!%s: t=%s v=%s text=%s", sheet, ref, cell.type, cell.value, cell.text);
  g_assert_null (cell.formula);

  if (format == NULL)
    {
      /* text */
      g_assert_true (g_strcmp0 (cell.type, "s") == 0 || g_strcmp0 (cell.type, "inlineStr") == 0);
      g_assert_cmpstr (cell.text, ==, value);
      return;
    }

  g_assert_null (cell.type);
  code = sp_test_xlsx_format (xlsx, cell.style);
  g_assert_cmpstr (code, ==, format);
  if (g_str_has_prefix (value, "~"))
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cell.value, NULL),
                                    g_ascii_strtod (value + 1, NULL), 1e-9);
  else
    g_assert_cmpstr (cell.value, ==, value);
}

static void
assert_no_cell (SpTestXlsx *xlsx,
                const char *sheet,
                guint       column,
                guint       row)
{
  g_autofree char *ref = cell_ref (column, row);
  g_auto(SpTestCell) cell = { NULL };

  g_assert_false (sp_test_xlsx_cell (xlsx, sheet, ref, &cell));
}

static void
test_cells (Fixture       *f,
            gconstpointer  data)
{
  SpXlsxExportFlags flags = ((const Mode *) data)->flags;
  g_autofree char *path = export (f, flags);
  g_autoptr(SpTestXlsx) xlsx = sp_test_xlsx_open (path);
  g_autofree char *received = NULL;
  g_auto(SpTestCell) cell = { NULL };

  /* headers */
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_RECEIVED, DATA_ROW (1), "Received", NULL);
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_FCR, DATA_ROW (1), "First contact resolved (FCR)",
               NULL);

  /* c1, 1 October 09:00: serial 46296 + 9/24 */
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_ID, DATA_ROW (2), "1", "General");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_RECEIVED, DATA_ROW (2), "46296.375",
               "yyyy-mm-dd hh:mm");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_CHANNEL, DATA_ROW (2), "Phone", NULL);
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_AGENT, DATA_ROW (2), "Ana", NULL);
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_CUSTOMER, DATA_ROW (2), "Zoe", NULL);
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_CATEGORY, DATA_ROW (2), "Billing", NULL);
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_PRIORITY, DATA_ROW (2), "Normal", NULL);
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_FIRST_RESPONSE, DATA_ROW (2), "~46296.37638888889",
               "yyyy-mm-dd hh:mm");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_RESPONSE_MINUTES, DATA_ROW (2), "2", "0.00");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_TALK, DATA_ROW (2), "4", "0.00");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_HANDLE, DATA_ROW (2), "6", "0.00");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_MARKED_RFC, DATA_ROW (2), "1", "General");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_ESCALATED, DATA_ROW (2), "0", "General");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_REPEAT, DATA_ROW (2), "0", "General");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_FCR, DATA_ROW (2), "1", "General");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_WITHIN_SLA, DATA_ROW (2), "1", "General");

  /* c2: escalated, late for its priority, resolved the next day */
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_RESOLUTION_HOURS, DATA_ROW (3), "24", "0.00");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_ESCALATED, DATA_ROW (3), "1", "General");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_COMPLAINT, DATA_ROW (3), "1", "General");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_WITHIN_SLA, DATA_ROW (3), "0", "General");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_FCR, DATA_ROW (3), "0", "General");
  /* c3: a repeat */
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_REPEAT, DATA_ROW (4), "1", "General");
  /* c4: anonymous, no topic, no minutes: empty cells */
  assert_no_cell (xlsx, "Contacts", SP_CONTACT_COL_CUSTOMER, DATA_ROW (5));
  assert_no_cell (xlsx, "Contacts", SP_CONTACT_COL_CATEGORY, DATA_ROW (5));
  assert_no_cell (xlsx, "Contacts", SP_CONTACT_COL_HANDLE, DATA_ROW (5));
  /* c5: urgent, never answered, long past its target */
  assert_no_cell (xlsx, "Contacts", SP_CONTACT_COL_FIRST_RESPONSE, DATA_ROW (6));
  assert_no_cell (xlsx, "Contacts", SP_CONTACT_COL_RESOLVED, DATA_ROW (6));
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_WITHIN_SLA, DATA_ROW (6), "0", "General");
  assert_cell (xlsx, "Contacts", SP_CONTACT_COL_PRIORITY, DATA_ROW (6), "Urgent", NULL);

  /* the other sheets */
  assert_cell (xlsx, "Escalations", SP_ESCALATION_COL_CONTACT, DATA_ROW (2), "2", "General");
  assert_cell (xlsx, "Escalations", SP_ESCALATION_COL_RECEIVED, DATA_ROW (2), "~46297.416666666667",
               "yyyy-mm-dd hh:mm");
  assert_cell (xlsx, "Survey answers", SP_SURVEY_COL_ANSWERED, DATA_ROW (2), "46297.5",
               "yyyy-mm-dd hh:mm");
  assert_cell (xlsx, "Survey answers", SP_SURVEY_COL_KIND, DATA_ROW (2), "CSAT", NULL);
  assert_cell (xlsx, "Survey answers", SP_SURVEY_COL_SCORE, DATA_ROW (2), "5", "General");
  assert_cell (xlsx, "Shifts", SP_SHIFT_COL_DATE, DATA_ROW (2), "46296", "yyyy-mm-dd");
  assert_cell (xlsx, "Shifts", SP_SHIFT_COL_HOURS, DATA_ROW (2), "4", "0.00");
  assert_cell (xlsx, "Month figures", SP_MONTH_COL_MONTH, DATA_ROW (2), "46266", "yyyy-mm");
  assert_cell (xlsx, "Month figures", SP_MONTH_COL_WHOLE, DATA_ROW (2), "0", "General");
  assert_cell (xlsx, "Month figures", SP_MONTH_COL_COST, DATA_ROW (2), "650.25", "#,##0.00");
  assert_cell (xlsx, "Month figures", SP_MONTH_COL_WHOLE, DATA_ROW (3), "1", "General");

  /* the month's contacts: a formula over the Contacts sheet, its count cached */
  received = g_strdup ("COUNTIFS(Contacts!$B$4:$B$12,\">=\"&$A5,Contacts!$B$4:$B$12,"
                       "\"<\"&DATE(YEAR($A5),MONTH($A5)+1,1))");
  g_assert_true (sp_test_xlsx_cell (xlsx, "Month figures", "G5", &cell));
  g_assert_cmpstr (cell.formula, ==, received);
  g_assert_cmpstr (cell.value, ==, "9");
}

/* Goals: those running during the period, as they stood on its last day */

static void
test_goals (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SpGoal) fcr = sp_goal_new (SP_KPI_FCR, NULL, 75, sp_test_date ("2026-10-01"),
                                       sp_test_date ("2026-12-31"));
  g_autoptr(SpGoal) later = sp_goal_new (SP_KPI_CSAT, NULL, 90, sp_test_date ("2027-01-01"),
                                         sp_test_date ("2027-03-31"));
  g_autoptr(SpGoalProgress) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SpTestXlsx) xlsx = NULL;
  g_auto(SpTestCell) cell = { NULL };

  g_assert_true (sp_store_save_goal (f->store, fcr, &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_save_goal (f->store, later, &error));
  g_assert_no_error (error);

  path = export (f, SP_XLSX_EXPORT_DEFAULT);
  xlsx = sp_test_xlsx_open (path);
  expected = sp_goal_tracker_evaluate (f->engine, fcr, f->period.to, &error);
  g_assert_no_error (error);

  assert_cell (xlsx, "Goals", 0, 3, "Goal", NULL);
  assert_cell (xlsx, "Goals", 1, 4, sp_kpi_get_name (SP_KPI_FCR), NULL);
  assert_cell (xlsx, "Goals", 2, 4, "Whole shop", NULL);
  assert_cell (xlsx, "Goals", 4, 4, "46296", "yyyy-mm-dd");
  assert_cell (xlsx, "Goals", 5, 4, "46387", "yyyy-mm-dd");
  assert_cell (xlsx, "Goals", 7, 4, "75", "0.0");
  assert_cell (xlsx, "Goals", 9, 4, "%", NULL);
  assert_cell (xlsx, "Goals", 11, 4, sp_goal_status_get_label (expected->status), NULL);
  if (!isnan (expected->current.value))
    {
      g_autofree char *current = g_strdup_printf ("~%.17g", expected->current.value);
      assert_cell (xlsx, "Goals", 8, 4, current, "0.0");
    }

  /* the goal that starts after the period is not listed */
  g_assert_false (sp_test_xlsx_cell (xlsx, "Goals", "B5", &cell));
  /* the shop and the period on top */
  g_assert_true (sp_test_xlsx_cell (xlsx, "Goals", "A1", &cell));
  g_assert_cmpstr (cell.text, ==, SHOP " · 15 September – 31 October 2026");
}

/* Typed text is never a formula */

static void
assert_text_cell (SpTestXlsx *xlsx,
                  const char *sheet,
                  const char *column,
                  const char *text)
{
  guint row = sp_test_xlsx_find_row (xlsx, sheet, column, text);
  g_autofree char *ref = g_strdup_printf ("%s%u", column, row);
  g_auto(SpTestCell) cell = { NULL };

  g_test_message ("%s!%s: %s", sheet, ref, text);
  g_assert_cmpuint (row, >, 1);
  g_assert_true (sp_test_xlsx_cell (xlsx, sheet, ref, &cell));
  g_assert_null (cell.formula);
  g_assert_true (g_strcmp0 (cell.type, "s") == 0 || g_strcmp0 (cell.type, "inlineStr") == 0);
}

static void
test_injection (Fixture       *f,
                gconstpointer  data)
{
  static const char * const raw_sheets[] = { "Contacts", "Escalations", "Survey answers", "Shifts" };
  SpXlsxExportFlags flags = ((const Mode *) data)->flags;
  g_autofree char *path = export (f, flags);
  g_autoptr(SpTestXlsx) xlsx = sp_test_xlsx_open (path);

  assert_text_cell (xlsx, "Contacts", "D", NASTY_AGENT);
  assert_text_cell (xlsx, "Contacts", "E", NASTY_CUSTOMER);
  assert_text_cell (xlsx, "Contacts", "F", NASTY_TOPIC);
  assert_text_cell (xlsx, "Contacts", "V", NASTY_NOTE);
  assert_text_cell (xlsx, "Contacts", "V", QUOTED_NOTE);
  assert_text_cell (xlsx, "Escalations", "G", NASTY_TO);
  assert_text_cell (xlsx, "Escalations", "H", NASTY_REASON);
  assert_text_cell (xlsx, "Survey answers", "I", NASTY_COMMENT);
  assert_text_cell (xlsx, "Shifts", "B", NASTY_AGENT);
  assert_text_cell (xlsx, "Agents", "A", NASTY_AGENT);

  /* no formula on the sheets of typed text but the totals row's subtotals */
  for (guint i = 0; i < G_N_ELEMENTS (raw_sheets); i++)
    for (const char *p = sp_test_xlsx_sheet (xlsx, raw_sheets[i]); (p = strstr (p, "<f>")); p++)
      g_assert_true (g_str_has_prefix (p, "<f>SUBTOTAL("));
}

/* Locale: the file's numbers never take the user's decimal comma */

static gboolean
use_german_locale (void)
{
  const char *builddir = g_getenv ("SP_TEST_BUILDDIR");
  g_autofree char *locales = NULL;
  g_autofree char *german = NULL;
  char buf[16];

  if (builddir == NULL)
    return FALSE;

  /* made without root, once per build folder */
  locales = g_build_filename (builddir, "locale", NULL);
  german = g_build_filename (locales, "de_DE.UTF-8", NULL);
  if (!g_file_test (german, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *partial = g_strdup_printf ("%s.%d", german, getpid ());
      g_autofree char *localedef = g_find_program_in_path ("localedef");
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", partial, NULL };

      g_mkdir_with_parents (locales, 0755);
      if (localedef == NULL || sp_test_spawn (argv, &out, &err) != 0 ||
          (g_rename (partial, german) != 0 && !g_file_test (german, G_FILE_TEST_IS_DIR)))
        {
          sp_test_remove_dir (partial);
          return FALSE;
        }
    }

  g_setenv ("LOCPATH", locales, TRUE);
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    return FALSE;
  /* loaded: glibc's newlocale() leaks its copy of LOCPATH when it is set */
  g_unsetenv ("LOCPATH");

  /* the C library formats with a comma now */
  g_snprintf (buf, sizeof buf, "%.2f", 3.25);
  return g_str_equal (buf, "3,25");
}

static void
back_to_c_locale (void)
{
  setlocale (LC_ALL, "C");
  g_unsetenv ("LOCPATH");
}

static void
assert_no_decimal_comma (const char *name,
                         const char *xml)
{
  g_autoptr(GRegex) value = g_regex_new ("<(?:c:)?v>-?[0-9]+,[0-9]", 0, 0, NULL);
  g_autoptr(GRegex) attr = g_regex_new ("=\"-?[0-9]+,[0-9]+\"", 0, 0, NULL);

  g_test_message ("%s", name);
  g_assert_false (g_regex_match (value, xml, 0, NULL));
  g_assert_false (g_regex_match (attr, xml, 0, NULL));
}

static void
test_locale (Fixture       *f,
             gconstpointer  data)
{
  SpXlsxExportFlags flags = ((const Mode *) data)->flags;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(SpTestXlsx) xlsx = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(SpTestCell) cell = { NULL };
  g_autoptr(SpKpiSet) set = NULL;
  guint row;

  if (!use_german_locale ())
    {
      back_to_c_locale ();
      g_test_skip ("the de_DE.UTF-8 locale could not be made (localedef)");
      return;
    }

  path = export (f, flags);
  csv = g_build_filename (f->dir, "shifts.csv", NULL);
  g_assert_true (sp_csv_export_table (f->store, &f->period, SP_EXPORT_SHIFTS, csv, NULL, &error));
  g_assert_no_error (error);
  back_to_c_locale ();

  xlsx = sp_test_xlsx_open (path);
  parts = sp_test_xlsx_list (xlsx);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_has_suffix (parts[i], ".xml"))
        assert_no_decimal_comma (parts[i], sp_test_xlsx_read (xlsx, parts[i]));
    }

  /* some numbers with decimals, read back */
  g_assert_true (sp_test_xlsx_cell (xlsx, "Shifts", "C6", &cell));
  g_assert_cmpstr (cell.value, ==, "7.5");
  sp_test_cell_clear (&cell);
  set = sp_kpi_engine_compute (f->engine, &f->period, NULL, &error);
  g_assert_no_error (error);
  row = sp_test_xlsx_find_row (xlsx, "Summary", "A", sp_kpi_get_name (SP_KPI_FIRST_RESPONSE));
  assert_cached (xlsx, row, 'B', set->values[SP_KPI_FIRST_RESPONSE].value, "AVERAGE");
  g_assert_false (fmod (set->values[SP_KPI_FIRST_RESPONSE].value, 1) == 0);

  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  sp_assert_contains (contents, "2026-10-12,'@Ana,7.5\r\n");
}

/* Failures leave nothing behind and say why */

static void
test_missing_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "nowhere", "export.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sp_xlsx_export (f->store, &f->period, path, SP_XLSX_EXPORT_DEFAULT, NULL, NULL,
                                  NULL, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_IO);
  sp_assert_contains (error->message, "does not exist");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* a folder is not a file */
  g_clear_error (&error);
  g_assert_false (sp_xlsx_export (f->store, &f->period, f->dir, SP_XLSX_EXPORT_DEFAULT, NULL,
                                  NULL, NULL, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_IO);
  sp_assert_contains (error->message, "is a folder");
  assert_entries (f->dir, 0);
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (folder, "export.xlsx", NULL);
  g_autofree char *csv = g_build_filename (folder, "contacts.csv", NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert_cmpint (g_mkdir (folder, 0555), ==, 0);

  /* root writes anywhere: check as nobody, on this thread's file accesses only */
  if (geteuid () == 0)
    setfsuid (65534);
  ok = sp_xlsx_export (f->store, &f->period, path, SP_XLSX_EXPORT_DEFAULT, NULL, NULL, NULL,
                       &error);
  g_assert_false (ok);
  g_assert_error (error, SP_ERROR, SP_ERROR_READ_ONLY);
  sp_assert_contains (error->message, "not allowed to save files in the folder");
  g_clear_error (&error);

  g_assert_false (sp_csv_export_table (f->store, &f->period, SP_EXPORT_CONTACTS, csv, NULL,
                                       &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_READ_ONLY);
  g_clear_error (&error);
  if (geteuid () == 0)
    setfsuid (0);

  assert_entries (folder, 0);
}

/* A file that grows past what the disk (here: the process) may write */
/* A new store in @dir with the sample shop's @contacts contacts */
static SpStore *
open_sample_shop (const char *dir,
                  guint       contacts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  SpDemoOptions options;

  sp_demo_options_init (&options);
  options.contacts = contacts;
  g_assert_true (sp_demo_fill (store, &options, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  SpXlsxExportFlags flags = ((const Mode *) data)->flags;
  g_autofree char *path = g_build_filename (f->dir, "export.xlsx", NULL);
  g_autofree char *old = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) big = NULL;
  g_autofree char *big_dir = sp_test_make_dir ();
  struct rlimit saved, limit;
  void (*saved_handler) (int);
  gboolean ok;

  /* a shop large enough for a workbook of a few hundred kilobytes */
  big = open_sample_shop (big_dir, 3000);

  /* an earlier export of the same name stays as it was */
  g_assert_true (g_file_set_contents (path, "the old workbook", -1, NULL));

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 64 * 1024;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  ok = sp_xlsx_export (big, &(SpPeriod) { sp_date_today () - 365, sp_date_today () }, path,
                       flags, NULL, NULL, NULL, &error);

  setrlimit (RLIMIT_FSIZE, &saved);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, SP_ERROR, SP_ERROR_NO_SPACE) ||
                 g_error_matches (error, SP_ERROR, SP_ERROR_IO));
  g_assert_true (strstr (error->message, "space") != NULL ||
                 strstr (error->message, "disk") != NULL);

  g_assert_true (g_file_get_contents (path, &old, NULL, NULL));
  g_assert_cmpstr (old, ==, "the old workbook");
  assert_entries (f->dir, 1);

  g_clear_object (&big);
  sp_test_remove_dir (big_dir);
}

static guint
count_open_files (void)
{
  g_autoptr(GDir) d = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  g_assert_cmpfloat (fraction, >, 0);
  g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.xlsx", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) big = NULL;
  g_autofree char *big_dir = sp_test_make_dir ();
  guint files;

  /* cancelled before it starts */
  g_cancellable_cancel (cancellable);
  g_assert_false (sp_xlsx_export (f->store, &f->period, path, SP_XLSX_EXPORT_DEFAULT, NULL, NULL,
                                  cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_entries (f->dir, 0);

  /* cancelled half way, in constant memory: the row files are closed too */
  big = open_sample_shop (big_dir, 5000);

  /* the engine's temporary tables open a file of SQLite's once per connection */
  g_assert_true (sp_xlsx_export (big, &(SpPeriod) { sp_date_today () - 30, sp_date_today () },
                                 path, SP_XLSX_EXPORT_DEFAULT, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (path), ==, 0);

  g_cancellable_reset (cancellable);
  files = count_open_files ();
  g_assert_false (sp_xlsx_export (big, &(SpPeriod) { sp_date_today () - 365, sp_date_today () },
                                  path, SP_XLSX_EXPORT_CONSTANT_MEMORY, cancel_on_progress,
                                  cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_open_files (), ==, files);
  assert_entries (f->dir, 0);

  g_clear_object (&big);
  sp_test_remove_dir (big_dir);
}

/* On a thread, with progress on the caller's main context */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  guint         reports;
  double        last;
  GThread      *thread;
  GThread      *freed_on;
} AsyncData;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  AsyncData *d = user_data;

  g_assert_true (g_thread_self () == d->thread);
  g_assert_cmpfloat (fraction, >=, d->last);
  d->last = fraction;
  d->reports++;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncData *d = user_data;

  d->result = g_object_ref (result);
  g_main_loop_quit (d->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.xlsx", NULL);
  g_autofree char *big_dir = sp_test_make_dir ();
  g_autoptr(SpStore) big = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData d = { loop, NULL, 0, 0, g_thread_self () };

  big = open_sample_shop (big_dir, 5000);

  sp_xlsx_export_async (big, &(SpPeriod) { sp_date_today () - 365, sp_date_today () }, path,
                        SP_XLSX_EXPORT_DEFAULT, progress_cb, &d, NULL, NULL, done_cb, &d);
  g_main_loop_run (loop);

  g_assert_true (sp_xlsx_export_finish (d.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (d.reports, >, 1);
  g_assert_cmpfloat (d.last, ==, 1.0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_entries (f->dir, 1);

  g_clear_object (&d.result);
  g_clear_object (&big);
  sp_test_remove_dir (big_dir);
}

static void
progress_data_free (gpointer user_data)
{
  AsyncData *d = user_data;

  d->freed_on = g_thread_self ();
}

/* The caller is busy, not running its main context, while the export runs: the progress
 * waits for it, and so does letting go of the progress's data (a widget, in the app) */
static void
test_async_busy_caller (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.xlsx", NULL);
  g_autofree char *big_dir = sp_test_make_dir ();
  g_autoptr(SpStore) big = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData d = { loop, NULL, 0, 0, g_thread_self (), NULL };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  big = open_sample_shop (big_dir, 2000);

  sp_xlsx_export_async (big, &(SpPeriod) { sp_date_today () - 365, sp_date_today () }, path,
                        SP_XLSX_EXPORT_DEFAULT, progress_cb, &d, progress_data_free, NULL,
                        done_cb, &d);

  while (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
  g_usleep (100000);
  g_assert_cmpuint (d.reports, ==, 0);
  g_assert_null (d.freed_on);

  g_main_loop_run (loop);
  g_assert_true (sp_xlsx_export_finish (d.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (d.reports, >, 1);
  g_assert_cmpfloat (d.last, ==, 1.0);

  g_clear_object (&d.result);
  while (d.freed_on == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (d.freed_on == g_thread_self ());

  g_clear_object (&big);
  sp_test_remove_dir (big_dir);
}

/* CSV */

static char *
read_csv (const char *dir,
          const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* The fields of row @row (1 = the header) of a CSV file */
static GStrv
csv_row (const char *contents,
         guint       row)
{
  g_autoptr(SpCsvReader) reader = sp_csv_reader_new (contents, strlen (contents));
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();

  while (sp_csv_reader_next (reader, &error))
    {
      if (sp_csv_reader_get_row (reader) != row)
        continue;
      for (guint i = 0; i < sp_csv_reader_get_n_fields (reader); i++)
        g_strv_builder_add (fields, sp_csv_reader_get_field (reader, i));
      return g_strv_builder_end (fields);
    }

  g_assert_no_error (error);
  g_error ("no row %u", row);
  return NULL;
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "csv", NULL);
  g_autofree char *contacts = NULL;
  g_autofree char *surveys = NULL;
  g_autofree char *months = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) row = NULL;
  guint n_columns;
  const SpExportColumn *columns = sp_export_table_get_columns (SP_EXPORT_CONTACTS, &n_columns);

  g_assert_true (sp_csv_export_all (f->store, &f->period, folder, NULL, &error));
  g_assert_no_error (error);
  /* the escalations travel in contacts.csv: no file the import could not take */
  assert_entries (folder, SP_N_EXPORT_TABLES - 1);

  contacts = read_csv (folder, "contacts.csv");
  /* a byte order mark, the keys, CRLF */
  g_assert_true (g_str_has_prefix (contacts, "\xEF\xBB\xBFid,received_at,channel,agent,customer,"
                                             "category,priority,first_response_at,resolved_at,"));
  sp_assert_contains (contacts, ",within_sla,note,escalated_at,escalated_to,"
                                      "escalation_reason,escalation_resolved_at\r\n"
                                      "1,2026-10-01 09:00,phone,Ana,Zoe,"
                                      "Billing,normal,2026-10-01 09:02,");
  sp_assert_not_contains (g_strstr_len (contacts, -1, "\n") + 1, "\xEF\xBB\xBF");

  header = csv_row (contacts, 1);
  g_assert_cmpuint (g_strv_length (header), ==, n_columns);
  for (guint c = 0; c < n_columns; c++)
    g_assert_cmpstr (header[c], ==, columns[c].key);

  /* c2: numbers with a dot, flags 1 or 0 */
  row = csv_row (contacts, 3);
  g_assert_cmpstr (row[SP_CONTACT_COL_RESPONSE_MINUTES], ==, "300");
  g_assert_cmpstr (row[SP_CONTACT_COL_RESOLUTION_HOURS], ==, "24");
  g_assert_cmpstr (row[SP_CONTACT_COL_ESCALATED], ==, "1");
  g_assert_cmpstr (row[SP_CONTACT_COL_WITHIN_SLA], ==, "0");
  g_clear_pointer (&row, g_strfreev);

  /* typed formulas get an apostrophe; quotes, commas and line breaks are quoted */
  row = csv_row (contacts, 7);
  g_assert_cmpstr (row[SP_CONTACT_COL_AGENT], ==, "'" NASTY_AGENT);
  g_assert_cmpstr (row[SP_CONTACT_COL_CUSTOMER], ==, "'" NASTY_CUSTOMER);
  g_assert_cmpstr (row[SP_CONTACT_COL_CATEGORY], ==, "'" NASTY_TOPIC);
  g_assert_cmpstr (row[SP_CONTACT_COL_NOTE], ==, "'" NASTY_NOTE);
  g_assert_cmpstr (row[SP_CONTACT_COL_TALK], ==, "2.5");
  g_assert_cmpstr (row[SP_CONTACT_COL_RESPONSE_MINUTES], ==, "1.5");
  g_assert_cmpstr (row[SP_CONTACT_COL_ESCALATED_AT], ==, "2026-10-12 10:10");
  g_assert_cmpstr (row[SP_CONTACT_COL_ESCALATED_TO], ==, "'" NASTY_TO);
  g_assert_cmpstr (row[SP_CONTACT_COL_ESCALATION_REASON], ==, "'" NASTY_REASON);
  g_clear_pointer (&row, g_strfreev);
  row = csv_row (contacts, 8);
  g_assert_cmpstr (row[SP_CONTACT_COL_NOTE], ==, QUOTED_NOTE);
  g_assert_cmpstr (row[SP_CONTACT_COL_CHANNEL], ==, "social");
  sp_assert_contains (contacts, ",\"Said \"\"hi\"\",\nthen left\",,,,\r\n");
  g_clear_pointer (&row, g_strfreev);

  surveys = read_csv (folder, "surveys.csv");
  sp_assert_contains (surveys, "\r\n2026-10-14 09:00,csat,2,,,,,,\"'" NASTY_COMMENT "\"\r\n");
  months = read_csv (folder, "months.csv");
  g_assert_cmpstr (months, ==, "\xEF\xBB\xBFmonth,whole_month,operating_cost,customers_start,"
                               "customers_lost,customers_new,contacts\r\n"
                               "2026-09,0,650.25,96,2,6,0\r\n"
                               "2026-10,1,700,100,4,5,9\r\n");

  /* one sheet to a file, replacing an older one */
  {
    g_autofree char *one = g_build_filename (f->dir, "months.csv", NULL);
    g_autofree char *again = NULL;

    g_assert_true (g_file_set_contents (one, "old", -1, NULL));
    g_assert_true (sp_csv_export_table (f->store, &f->period, SP_EXPORT_MONTHS, one, NULL,
                                        &error));
    g_assert_no_error (error);
    again = read_csv (f->dir, "months.csv");
    g_assert_cmpstr (again, ==, months);
  }

  {
    static const char * const cases[][2] = {
      { "-5 minutes late", "'-5 minutes late" }, { "\tx", "'\tx" }, { "plain", "plain" },
      { "", "" }, { "a=b", "a=b" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *neutral = sp_csv_neutralize (cases[i][0]);
        g_assert_cmpstr (neutral, ==, cases[i][1]);
      }
  }
}

/* CSV that imports back: every KPI of every month the same in an empty shop */

static void
assert_same_value (const SpKpiValue *a,
                   const SpKpiValue *b,
                   const char       *what)
{
  g_test_message ("%s: %g (n %" G_GINT64_FORMAT ") and %g (n %" G_GINT64_FORMAT ")", what,
                  a->value, a->n, b->value, b->n);
  g_assert_cmpint (isnan (a->value), ==, isnan (b->value));
  if (!isnan (a->value))
    g_assert_cmpfloat_with_epsilon (a->value, b->value, 1e-9 * MAX (1, fabs (a->value)));
  g_assert_cmpint (a->n, ==, b->n);
  g_assert_cmpint (a->status, ==, b->status);
}

static void
assert_same_kpis (SpKpiEngine    *original,
                  SpKpiEngine    *copy,
                  const SpPeriod *period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpKpiSet) a = sp_kpi_engine_compute (original, period, NULL, &error);
  g_autoptr(SpKpiSet) b = NULL;

  g_assert_no_error (error);
  b = sp_kpi_engine_compute (copy, period, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (a->contacts, ==, b->contacts);
  g_assert_cmpint (a->complaints, ==, b->complaints);
  g_assert_cmpint (a->promoters, ==, b->promoters);
  g_assert_cmpint (a->detractors, ==, b->detractors);
  for (guint k = 0; k < SP_N_KPIS; k++)
    assert_same_value (&a->values[k], &b->values[k], sp_kpi_to_key (k));
  for (guint c = 0; c < SP_N_CHANNELS; c++)
    assert_same_value (&a->first_response_by_channel[c], &b->first_response_by_channel[c],
                       sp_channel_to_string (c));
}

/* Exports @store's records of @period as CSV and imports each file into a new, empty shop */
static SpStore *
copy_through_csv (SpStore        *store,
                  const SpPeriod *period,
                  const char     *dir)
{
  static const char * const files[] = { "contacts", "surveys", "shifts", "months" };
  g_autofree char *folder = g_build_filename (dir, "csv", NULL);
  g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);
  g_autoptr(GError) error = NULL;
  SpStore *copy;

  g_assert_true (sp_csv_export_all (store, period, folder, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
  copy = sp_test_open_store (copy_dir);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strconcat (files[i], ".csv", NULL);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      SpImportKind kind;
      guint n = 0;

      g_assert_true (sp_import_kind_from_string (files[i], &kind));
      g_assert_true (sp_import_file (copy, kind, path, &n, &error));
      g_assert_no_error (error);
      g_test_message ("%s: %u rows", name, n);
    }

  return copy;
}

static const char * const same_in_both[] = {
  "SELECT count(*) FROM contacts",
  "SELECT count(*) FROM surveys",
  "SELECT count(*) FROM surveys WHERE contact_id IS NOT NULL",
  "SELECT count(*) FROM escalations",
  "SELECT count(*) FROM escalations WHERE reason IS NOT NULL AND escalated_to IS NOT NULL",
  "SELECT count(*) FROM contacts WHERE is_repeat",
  "SELECT count(*) FROM shifts",
  "SELECT count(*) FROM month_figures",
  "SELECT coalesce(sum(id), 0) FROM contacts",
  "SELECT coalesce(sum(contact_id), 0) FROM surveys",
};

static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *demo_dir = g_build_filename (f->dir, "demo", NULL);
  g_autoptr(SpStore) demo = NULL;
  g_autoptr(SpStore) copy = NULL;
  g_autoptr(SpStore) nasty_copy = NULL;
  g_autoptr(SpKpiEngine) demo_engine = NULL;
  g_autoptr(SpKpiEngine) copy_engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *nasty_dir = g_build_filename (f->dir, "nasty", NULL);
  SpPeriod all = sp_period_make (sp_test_date ("2025-01-01"), sp_test_date ("2026-12-31"));
  SpDemoOptions options;
  guint months = 0;

  /* the sample shop: a year of every kind of record up to 15 November 2026 */
  g_assert_cmpint (g_mkdir (demo_dir, 0700), ==, 0);
  demo = sp_test_open_store (demo_dir);
  sp_demo_options_init (&options);
  options.contacts = 2500;
  options.seed = 11;
  g_assert_true (sp_demo_fill (demo, &options, &error));
  g_assert_no_error (error);

  copy = copy_through_csv (demo, &all, demo_dir);
  for (guint i = 0; i < G_N_ELEMENTS (same_in_both); i++)
    {
      g_test_message ("%s", same_in_both[i]);
      g_assert_cmpint (sp_test_query_int (copy, same_in_both[i]), ==,
                       sp_test_query_int (demo, same_in_both[i]));
    }
  g_assert_cmpint (sp_test_query_int (demo, "SELECT count(*) FROM surveys "
                                            "WHERE contact_id IS NOT NULL"), >, 0);

  demo_engine = sp_kpi_engine_new (demo);
  copy_engine = sp_kpi_engine_new (copy);
  for (SpDate month = sp_test_date ("2025-11-01"); month <= sp_test_date ("2026-11-01");
       month = sp_date_add_months (month, 1))
    {
      SpPeriod period = sp_period_make (month, sp_date_month_end (month));

      assert_same_kpis (demo_engine, copy_engine, &period);
      months++;
    }
  g_assert_cmpuint (months, ==, 13);

  /* typed text that looked like a formula comes back without the apostrophe */
  g_assert_cmpint (g_mkdir (nasty_dir, 0700), ==, 0);
  nasty_copy = copy_through_csv (f->store, &f->period, nasty_dir);
  g_assert_cmpint (sp_test_query_int (nasty_copy, "SELECT count(*) FROM customers "
                                                  "WHERE name = '" NASTY_CUSTOMER "'"), ==, 1);
  {
    static const char * const names[] = {
      "SELECT count(*) FROM agents WHERE name = '@Ana'",
      "SELECT count(*) FROM categories WHERE name = '+Billing'",
      "SELECT count(*) FROM contacts WHERE note = '=1+1'",
      "SELECT count(*) FROM escalations WHERE reason = '-2+3'",
      "SELECT count(*) FROM surveys WHERE comment = '@SUM(1,2)'",
      "SELECT count(*) FROM customers WHERE name LIKE '=HYPERLINK(%'",
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_test_message ("%s", names[i]);
        g_assert_cmpint (sp_test_query_int (nasty_copy, names[i]), ==, 1);
      }
  }
  {
    g_autoptr(SpKpiEngine) a = sp_kpi_engine_new (f->store);
    g_autoptr(SpKpiEngine) b = sp_kpi_engine_new (nasty_copy);

    assert_same_kpis (a, b, &f->period);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/export/xlsx/workbook", test_workbook, &in_memory);
  ADD ("/export/xlsx/workbook/constant-memory", test_workbook, &constant_memory);
  ADD ("/export/xlsx/sheet-tops", test_sheet_tops, &in_memory);
  ADD ("/export/xlsx/sheet-tops/constant-memory", test_sheet_tops, &constant_memory);
  ADD ("/export/xlsx/summary", test_summary, &in_memory);
  ADD ("/export/xlsx/summary/constant-memory", test_summary, &constant_memory);
  ADD ("/export/xlsx/cells", test_cells, &in_memory);
  ADD ("/export/xlsx/cells/constant-memory", test_cells, &constant_memory);
  ADD ("/export/xlsx/goals", test_goals, NULL);
  ADD ("/export/xlsx/injection", test_injection, &in_memory);
  ADD ("/export/xlsx/injection/constant-memory", test_injection, &constant_memory);
  ADD ("/export/xlsx/locale", test_locale, &in_memory);
  ADD ("/export/xlsx/locale/constant-memory", test_locale, &constant_memory);
  ADD ("/export/xlsx/missing-folder", test_missing_folder, NULL);
  ADD ("/export/xlsx/read-only-folder", test_read_only_folder, NULL);
  ADD ("/export/xlsx/disk-full", test_disk_full, &in_memory);
  ADD ("/export/xlsx/disk-full/constant-memory", test_disk_full, &constant_memory);
  ADD ("/export/xlsx/cancel", test_cancel, NULL);
  ADD ("/export/xlsx/async", test_async, NULL);
  ADD ("/export/xlsx/async/busy-caller", test_async_busy_caller, NULL);
  ADD ("/export/csv", test_csv, NULL);
  ADD ("/export/csv/round-trip", test_csv_round_trip, NULL);

#undef ADD

  return g_test_run ();
}
