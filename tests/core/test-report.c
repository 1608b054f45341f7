/* test-report.c: the printed report, its pages, its PDF and its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sp-demo.h"
#include "sp-error.h"
#include "sp-goal-tracker.h"
#include "sp-import.h"
#include "sp-kpi-engine.h"
#include "sp-report-layout-private.h"
#include "sp-review.h"
#include "sp-shop.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"
#include "sp-test-xlsx.h"
#include "sp-xlsx-export.h"

/* "Now" for these tests: mid-November 2026, after the October of sp_test_fill_october() */
#define NOW "2026-11-15 12:00"

typedef struct
{
  char    *dir;
  SpStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sp_time_override_now (sp_test_time (NOW));
  sp_test_store_open (&f->dir, &f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_store_close (&f->dir, &f->store);
}

static SpPeriod
month (int year,
       int m)
{
  SpDate from = sp_date_from_ymd (year, m, 1);

  return sp_period_make (from, sp_date_month_end (from));
}

static SpReportLayout *
load_report (SpStore          *store,
             const SpPeriod   *period,
             SpReportSections  sections,
             SpPaper           paper)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReport) report = sp_report_new (period, sections);
  SpReportLayout *layout;
  double width, height;

  sp_report_set_printed_on (report, sp_test_date ("2026-11-15"));
  g_assert_true (sp_report_load (report, store, NULL, &error));
  g_assert_no_error (error);

  sp_paper_get_size (paper, &width, &height);
  layout = sp_report_layout_new (report, width, height);
  g_assert_cmpuint (sp_report_layout_get_n_pages (layout), >=, 1);
  return layout;
}

static char *
write_pdf (SpReportLayout *report,
           const char     *dir,
           const char     *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (sp_report_layout_write_pdf (report, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* The PDF's pages, counted from its page objects, and the size of each */
static guint
pdf_pages (const char *path,
           double      width,
           double      height)
{
  g_autofree char *contents = NULL;
  g_autofree char *box = NULL;
  gsize length = 0;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  box = g_strdup_printf ("/MediaBox [ 0 0 %g %g ]", width, height);
  for (const char *p = contents;
       (p = memmem (p, length - (p - contents), box, strlen (box))) != NULL; p++)
    n++;
  return n;
}

/* pdftotext of @path (pages @first–@last, 0: all), spaces and line breaks made single spaces */
static char *
pdf_text (const char *path,
          int         first,
          int         last)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *f = g_strdup_printf ("%d", first);
  g_autofree char *l = g_strdup_printf ("%d", last);
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  const char *all[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  const char *some[] = { "pdftotext", "-enc", "UTF-8", "-f", f, "-l", l, path, "-", NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) (first > 0 ? some : all), NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);
}

static gboolean
have_pdftotext (void)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");

  if (program == NULL)
    g_test_skip ("pdftotext (poppler-utils) is not installed");
  return program != NULL;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the report's text:\n%s", needle, text);
}

/* A box of @kind and @section on @page: the first, or NULL */
static const SpReportBox *
find_box (SpReportLayout   *report,
          SpReportBoxKind   kind,
          SpReportSections  section,
          guint             page)
{
  guint n;
  const SpReportBox *boxes = sp_report_layout_get_boxes (report, &n);

  for (guint i = 0; i < n; i++)
    if (boxes[i].kind == kind && (section == 0 || boxes[i].section == section) &&
        boxes[i].page == page)
      return &boxes[i];
  return NULL;
}

/* Every box lies inside the content area of its page (the header above it) */
static void
assert_boxes_on_pages (SpReportLayout *report)
{
  guint n;
  const SpReportBox *boxes = sp_report_layout_get_boxes (report, &n);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      cairo_rectangle_t area;

      g_assert_cmpuint (boxes[i].page, <, sp_report_layout_get_n_pages (report));
      if (boxes[i].kind == SP_REPORT_BOX_HEADER)
        continue;

      sp_report_layout_get_content_area (report, boxes[i].page, &area);
      g_assert_cmpfloat (boxes[i].area.y, >=, area.y - 0.01);
      g_assert_cmpfloat (boxes[i].area.y + boxes[i].area.height, <=,
                         area.y + area.height + 0.01);
    }
}

static void
test_paper (void)
{
  double w, h;

  g_assert_cmpint (sp_paper_for_locale ("en_US.UTF-8"), ==, SP_PAPER_LETTER);
  g_assert_cmpint (sp_paper_for_locale ("fr_CA"), ==, SP_PAPER_LETTER);
  g_assert_cmpint (sp_paper_for_locale ("es_MX.UTF-8@euro"), ==, SP_PAPER_LETTER);
  g_assert_cmpint (sp_paper_for_locale ("fil_PH"), ==, SP_PAPER_LETTER);
  g_assert_cmpint (sp_paper_for_locale ("en_GB.UTF-8"), ==, SP_PAPER_A4);
  g_assert_cmpint (sp_paper_for_locale ("de_DE"), ==, SP_PAPER_A4);
  g_assert_cmpint (sp_paper_for_locale ("es_ES.UTF-8"), ==, SP_PAPER_A4);
  g_assert_cmpint (sp_paper_for_locale ("en_USA"), ==, SP_PAPER_A4);
  g_assert_cmpint (sp_paper_for_locale ("C"), ==, SP_PAPER_A4);
  g_assert_cmpint (sp_paper_for_locale ("C.UTF-8"), ==, SP_PAPER_A4);

  sp_paper_get_size (SP_PAPER_A4, &w, &h);
  g_assert_cmpfloat (w, ==, 595);
  g_assert_cmpfloat (h, ==, 842);
  sp_paper_get_size (SP_PAPER_LETTER, &w, &h);
  g_assert_cmpfloat (w, ==, 612);
  g_assert_cmpfloat (h, ==, 792);
}

static void
test_sections_and_periods (void)
{
  g_autoptr(GError) error = NULL;
  SpPeriod period;
  g_autofree char *m = NULL, *q = NULL, *days = NULL, *span = NULL;

  g_assert_cmpint (sp_report_sections_parse ("summary, charts,agents", &error), ==,
                   SP_REPORT_SUMMARY | SP_REPORT_CORE_CHARTS | SP_REPORT_AGENTS);
  g_assert_cmpint (sp_report_sections_parse ("all", &error), ==, SP_REPORT_ALL_SECTIONS);
  g_assert_no_error (error);
  g_assert_cmpint (sp_report_sections_parse ("summary,pictures", &error), ==, 0);
  g_assert_error (error, SP_ERROR, SP_ERROR_USAGE);
  sp_assert_contains (error->message, "pictures");

  period = month (2026, 10);
  m = sp_period_format (&period);
  g_assert_cmpstr (m, ==, "October 2026");
  period = sp_period_make (sp_test_date ("2026-07-01"), sp_test_date ("2026-09-30"));
  q = sp_period_format (&period);
  g_assert_cmpstr (q, ==, "Q3 2026");
  period = sp_period_make (sp_test_date ("2026-10-03"), sp_test_date ("2026-10-17"));
  days = sp_period_format (&period);
  g_assert_cmpstr (days, ==, "3 – 17 October 2026");
  period = sp_period_make (sp_test_date ("2026-09-28"), sp_test_date ("2026-10-04"));
  span = sp_period_format (&period);
  g_assert_cmpstr (span, ==, "28 September – 4 October 2026");
}

/*
 * Two shops open in one process, each with its own currency: money is
 * written with each shop's symbol, in the KPIs, the goals and the report,
 * whichever shop was opened last or changed its symbol last.
 */
static void
test_currency (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *other_dir = NULL;
  g_autoptr(SpStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *euros = NULL;
  g_autofree char *francs = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *euro_symbol = NULL;
  g_autofree char *franc_symbol = NULL;
  SpPeriod october = month (2026, 10);

  /* the C locale has no symbol of its own */
  plain = sp_kpi_format_value (SP_KPI_COST_PER_CONTACT, 5.372, "");
  g_assert_cmpstr (plain, ==, "5.37");
  g_clear_pointer (&plain, g_free);
  plain = sp_kpi_format_money (5.372, NULL);
  g_assert_cmpstr (plain, ==, "5.37");

  sp_test_store_open (&other_dir, &other);
  sp_test_fill_october (f->store);
  sp_test_fill_october (other);

  g_assert_true (sp_shop_set_currency (f->store, " € ", &error));
  g_assert_true (sp_shop_set_currency (other, "CHF", &error));
  g_assert_no_error (error);
  stored = sp_shop_dup_currency (f->store);
  g_assert_cmpstr (stored, ==, "€");

  euro_symbol = sp_shop_dup_currency_or_locale (f->store);
  franc_symbol = sp_shop_dup_currency_or_locale (other);
  euros = sp_kpi_format_money (5.372, euro_symbol);
  francs = sp_kpi_format_money (5.372, franc_symbol);
  g_assert_cmpstr (euros, ==, "€5.37");
  g_assert_cmpstr (francs, ==, "CHF5.37");

  /* each shop's figures carry its symbol: October's cost per contact is 100 in both */
  for (guint i = 0; i < 2; i++)
    {
      SpStore *store = i == 0 ? f->store : other;
      g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (store);
      g_autoptr(SpKpiSet) set = sp_kpi_engine_compute (engine, &october, NULL, &error);
      g_autofree char *cost = NULL;
      g_autofree char *change = NULL;

      g_assert_no_error (error);
      cost = sp_kpi_format_value (SP_KPI_COST_PER_CONTACT,
                                  sp_kpi_set_get (set, SP_KPI_COST_PER_CONTACT)->value,
                                  set->currency);
      g_assert_cmpstr (cost, ==, i == 0 ? "€100.00" : "CHF100.00");
      change = sp_kpi_format_change (SP_KPI_COST_PER_CONTACT, 100, 92.5, set->currency);
      g_assert_cmpstr (change, ==, i == 0 ? "-€7.50" : "-CHF7.50");
    }

  /* the report of each says its own */
  if (have_pdftotext ())
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(SpReportLayout) report = load_report (i == 0 ? f->store : other, &october,
                                                        SP_REPORT_SUMMARY, SP_PAPER_A4);
        g_autofree char *path = write_pdf (report, f->dir, i == 0 ? "euro.pdf" : "franc.pdf");
        g_autofree char *text = pdf_text (path, 0, 0);

        assert_contains (text, i == 0 ? "€100.00" : "CHF100.00");
        g_assert_null (strstr (text, i == 0 ? "CHF" : "€"));
      }

  g_assert_false (sp_shop_set_currency (f->store, "12", &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);

  g_assert_true (sp_shop_set_currency (f->store, "", NULL));
  g_assert_null (sp_shop_dup_currency (f->store));
  g_clear_pointer (&stored, g_free);
  stored = sp_shop_dup_currency_or_locale (other);
  g_assert_cmpstr (stored, ==, "CHF");

  sp_test_store_close (&other_dir, &other);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
png_bytes (int width,
           int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *bytes = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.2, 0.3, 0.4);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, bytes), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

static void
test_shop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = png_bytes (120, 40);
  g_autoptr(GBytes) junk = g_bytes_new_static ("not a picture", 13);
  g_autoptr(GBytes) back = NULL;
  g_autofree char *name = NULL;
  cairo_surface_t *surface;

  g_assert_null (sp_shop_dup_name (f->store));
  g_assert_true (sp_shop_set_name (f->store, "  Corner Bikes ", &error));
  name = sp_shop_dup_name (f->store);
  g_assert_cmpstr (name, ==, "Corner Bikes");
  {
    /* the key the Excel export reads the name from */
    g_autofree char *setting = sp_store_dup_setting (f->store, "shop.name");

    g_assert_cmpstr (setting, ==, "Corner Bikes");
  }

  g_assert_null (sp_shop_dup_logo (f->store));
  g_assert_false (sp_shop_set_logo (f->store, junk, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sp_shop_set_logo (f->store, png, &error));
  back = sp_shop_dup_logo (f->store);
  g_assert_true (g_bytes_equal (back, png));
  surface = sp_shop_logo_to_surface (back);
  g_assert_nonnull (surface);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 120);
  cairo_surface_destroy (surface);

  g_assert_true (sp_shop_set_logo (f->store, NULL, &error));
  g_assert_null (sp_shop_dup_logo (f->store));
}

/* The PDF of a fixed month: its pages, their size, and every figure as the engine writes it */
static void
test_month_pdf (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SpReportLayout) report = NULL;
  g_autoptr(SpKpiEngine) engine = NULL;
  g_autoptr(SpKpiSet) set = NULL;
  g_autoptr(SpReview) review = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  SpPeriod october = month (2026, 10);
  guint pages;

  sp_test_fill_october (f->store);
  g_assert_true (sp_shop_set_name (f->store, "Corner Bikes", NULL));
  {
    g_autoptr(GBytes) logo = png_bytes (200, 80);

    g_assert_true (sp_shop_set_logo (f->store, logo, NULL));
  }
  {
    g_autoptr(SpGoal) goal = sp_goal_new (SP_KPI_FCR, NULL, 60, sp_test_date ("2026-10-01"),
                                          sp_test_date ("2026-12-31"));

    g_assert_true (sp_store_save_goal (f->store, goal, &error));
    g_assert_no_error (error);
  }
  review = sp_review_new (SP_REVIEW_MONTHLY, &october);
  review->notes = g_strdup ("Talk to Ben about the Returns escalations before the sale.");
  g_assert_true (sp_store_save_review (f->store, review, &error));

  report = load_report (f->store, &october, SP_REPORT_ALL_SECTIONS, SP_PAPER_A4);
  pages = sp_report_layout_get_n_pages (report);
  g_assert_cmpuint (pages, >=, 1);
  g_assert_cmpuint (pages, <=, 3);
  assert_boxes_on_pages (report);
  g_assert_nonnull (find_box (report, SP_REPORT_BOX_HEADER, 0, 0));

  title = sp_report_dup_title (sp_report_layout_get_report (report));
  g_assert_cmpstr (title, ==, "Corner Bikes — October 2026");

  path = write_pdf (report, f->dir, "october.pdf");
  g_assert_cmpuint (pdf_pages (path, 595, 842), ==, pages);

  if (!have_pdftotext ())
    return;

  text = pdf_text (path, 0, 0);
  assert_contains (text, "Corner Bikes");
  assert_contains (text, "October 2026");
  assert_contains (text, "Printed on 15 November 2026");
  assert_contains (text, "Talk to Ben about the Returns escalations before the sale.");
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", pages, pages);

    assert_contains (text, "Page 1 of");
    assert_contains (text, last);
  }

  /* every KPI's value, as the engine computes it and writes it */
  engine = sp_kpi_engine_new (f->store);
  set = sp_kpi_engine_compute (engine, &october, NULL, &error);
  g_assert_no_error (error);
  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      g_autofree char *value = NULL;

      if (kpi == SP_KPI_BACKLOG)
        value = g_strdup_printf ("%" G_GINT64_FORMAT " open", set->backlog_open);
      else if (kpi == SP_KPI_CONTACTS)
        value = g_strdup_printf ("%" G_GINT64_FORMAT, set->contacts);
      else
        value = sp_kpi_format_value (kpi, sp_kpi_set_get (set, kpi)->value, NULL);

      assert_contains (text, sp_kpi_get_name (kpi));
      assert_contains (text, value);
    }
  assert_contains (text, "66.7 %");       /* CSAT, worked out by hand in test-kpi.c */

  /* the goal, as the tracker judges it on the month's last day */
  {
    g_autoptr(GPtrArray) goals = sp_store_list_goals (f->store, TRUE, &error);
    g_autoptr(SpGoalProgress) progress = NULL;

    g_assert_cmpuint (goals->len, ==, 1);
    progress = sp_goal_tracker_evaluate (engine, g_ptr_array_index (goals, 0),
                                         sp_test_date ("2026-10-31"), &error);
    g_assert_no_error (error);
    assert_contains (text, "First contact resolution, by 31 December 2026");
    assert_contains (text, sp_goal_status_get_label (progress->status));
    assert_contains (text, "As on 31 October 2026");
  }
  assert_contains (text, "Act");

  /* CSAT on 3 answers gets no status; the agents' figures on few say so */
  assert_contains (text, "Too few to judge (n = 3)");
  assert_contains (text, "too few to judge: it rests on fewer answers or contacts");
  /* the caption's example is the chart's own: phone, 2 answered contacts, 2 min of 3 */
  assert_contains (text, "on Phone is the mean and the target");
  sp_assert_not_contains (text, "4.1 h / 4.0 h");
  /* sources by their titles, never a file */
  sp_assert_not_contains (text, "seeds/");
  sp_assert_not_contains (text, "the articles");
}

/* The same month on US Letter, from the command line's paper rule */
static void
test_letter (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SpReportLayout) report = NULL;
  g_autofree char *path = NULL;
  SpPeriod october = month (2026, 10);

  sp_test_fill_october (f->store);
  report = load_report (f->store, &october, SP_REPORT_ALL_SECTIONS, SP_PAPER_LETTER);
  assert_boxes_on_pages (report);
  path = write_pdf (report, f->dir, "letter.pdf");
  g_assert_cmpuint (pdf_pages (path, 612, 792), ==, sp_report_layout_get_n_pages (report));
  g_assert_cmpuint (pdf_pages (path, 595, 842), ==, 0);
}

/* A month without records: one page that says so */
static void
test_empty_month (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SpReportLayout) report = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  SpPeriod june = month (2026, 6);

  sp_test_fill_october (f->store);
  report = load_report (f->store, &june, SP_REPORT_ALL_SECTIONS, SP_PAPER_A4);
  g_assert_cmpuint (sp_report_layout_get_n_pages (report), ==, 1);
  g_assert_nonnull (find_box (report, SP_REPORT_BOX_EMPTY, SP_REPORT_SUMMARY, 0));
  g_assert_null (find_box (report, SP_REPORT_BOX_TABLE_ROW, 0, 0));
  g_assert_null (find_box (report, SP_REPORT_BOX_CHARTS, 0, 0));

  path = write_pdf (report, f->dir, "june.pdf");
  g_assert_cmpuint (pdf_pages (path, 595, 842), ==, 1);

  if (!have_pdftotext ())
    return;
  text = pdf_text (path, 0, 0);
  assert_contains (text, "June 2026");
  assert_contains (text, "Nothing was recorded in June 2026");
  assert_contains (text, "Page 1 of 1");
}

/* A long agent list flows onto the next page, its header repeated, no row cut */
static void
test_many_agents (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SpReportLayout) report = NULL;
  g_autoptr(GString) csv = g_string_new ("received_at,channel,agent,customer,category,"
                                         "first_response_at,resolved_at,"
                                         "resolved_first_contact,talk_min\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SpPeriod october = month (2026, 10);
  guint n, rows = 0, row_pages = 0, last_page = 0;
  int expect = 0;
  const SpReportBox *boxes;

  for (int a = 0; a < 60; a++)
    for (int c = 0; c < 3; c++)
      g_string_append_printf (csv, "2026-10-%02d 10:%02d,phone,Agent %02d,Customer %d-%d,"
                              "Billing,2026-10-%02d 10:%02d,2026-10-%02d 11:00,yes,5\n",
                              1 + (a + c) % 28, c, a, a, c, 1 + (a + c) % 28, c + 2,
                              1 + (a + c) % 28);
  g_assert_true (sp_import_data (f->store, SP_IMPORT_CONTACTS, "agents.csv", csv->str, csv->len,
                                 NULL, &error));
  g_assert_no_error (error);

  report = load_report (f->store, &october, SP_REPORT_ALL_SECTIONS, SP_PAPER_A4);
  assert_boxes_on_pages (report);

  /* the agents' rows: each once, in order, whole, on two pages or more */
  boxes = sp_report_layout_get_boxes (report, &n);
  for (guint i = 0; i < n; i++)
    {
      cairo_rectangle_t area;

      if (boxes[i].section != SP_REPORT_AGENTS || boxes[i].kind != SP_REPORT_BOX_TABLE_ROW)
        continue;

      g_assert_cmpint (boxes[i].row, ==, expect++);
      sp_report_layout_get_content_area (report, boxes[i].page, &area);
      g_assert_cmpfloat (boxes[i].area.y + boxes[i].area.height, <=, area.y + area.height);

      if (rows == 0 || boxes[i].page != last_page)
        {
          /* each page's first row sits right under the table's header */
          const SpReportBox *header = find_box (report, SP_REPORT_BOX_TABLE_HEADER,
                                                SP_REPORT_AGENTS, boxes[i].page);

          g_assert_nonnull (header);
          g_assert_cmpfloat (fabs (header->area.y + header->area.height - boxes[i].area.y), <,
                             0.01);
          row_pages++;
        }
      last_page = boxes[i].page;
      rows++;
    }
  g_assert_cmpuint (rows, ==, 61);     /* 60 agents and the team */
  g_assert_cmpuint (row_pages, >=, 2);

  path = write_pdf (report, f->dir, "agents.pdf");
  if (!have_pdftotext ())
    return;

  /* the header is on each page the table is on; each row's name and figures on one page */
  {
    guint found[60] = { 0 };

    for (guint p = 0; p < sp_report_layout_get_n_pages (report); p++)
      {
        g_autofree char *text = pdf_text (path, p + 1, p + 1);

        if (find_box (report, SP_REPORT_BOX_TABLE_HEADER, SP_REPORT_AGENTS, p) != NULL)
          assert_contains (text, "Contacts CSAT FCR Escalations First response AHT Utilization");

        for (int a = 0; a < 60; a++)
          {
            g_autofree char *row = g_strdup_printf ("Agent %02d 3 — 100.0 %% 0.0 %% 2.0 min", a);

            if (strstr (text, row) != NULL)
              found[a]++;
          }
      }

    for (int a = 0; a < 60; a++)
      g_assert_cmpuint (found[a], ==, 1);
  }
}

/* Only the sections asked for */
static void
test_sections_only (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SpReportLayout) report = NULL;
  SpPeriod october = month (2026, 10);
  const SpReportBox *boxes;
  guint n;

  sp_test_fill_october (f->store);
  report = load_report (f->store, &october, SP_REPORT_SUMMARY | SP_REPORT_AGENTS,
                        SP_PAPER_A4);
  boxes = sp_report_layout_get_boxes (report, &n);
  for (guint i = 0; i < n; i++)
    if (boxes[i].kind != SP_REPORT_BOX_HEADER)
      g_assert_true (boxes[i].section == SP_REPORT_SUMMARY ||
                     boxes[i].section == SP_REPORT_AGENTS);
  g_assert_nonnull (find_box (report, SP_REPORT_BOX_TABLE_ROW, SP_REPORT_AGENTS, 0));
  g_assert_null (find_box (report, SP_REPORT_BOX_CHARTS, 0, 0));
}

/* A normal shop's month fits in three pages, on either paper */
static void
test_demo_fits (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SpDemoOptions options;
  SpPeriod october = month (2026, 10);

  sp_demo_options_init (&options);
  options.seed = 7;
  g_assert_true (sp_demo_fill (f->store, &options, &error));
  g_assert_no_error (error);

  for (SpPaper paper = SP_PAPER_A4; paper <= SP_PAPER_LETTER; paper++)
    {
      g_autoptr(SpReportLayout) report = load_report (f->store, &october, SP_REPORT_ALL_SECTIONS,
                                                paper);

      assert_boxes_on_pages (report);
      g_assert_cmpuint (sp_report_layout_get_n_pages (report), <=, 3);
      g_assert_nonnull (find_box (report, SP_REPORT_BOX_CHARTS, SP_REPORT_CORE_CHARTS, 1));
    }
}

/* A failed write leaves nothing behind, and the file it would have replaced as it was */
static void
test_write_fails (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SpReportLayout) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "r.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "a-folder.pdf", NULL);
  g_autoptr(GDir) dir = NULL;
  SpPeriod october = month (2026, 10);
  const char *name;

  sp_test_fill_october (f->store);
  report = load_report (f->store, &october, SP_REPORT_ALL_SECTIONS, SP_PAPER_A4);

  g_assert_false (sp_report_layout_write_pdf (report, missing, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_IO);
  sp_assert_contains (error->message, "r.pdf");
  g_clear_error (&error);

  /* the rename fails: the finished temporary file goes */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (sp_report_layout_write_pdf (report, folder, &error));
  g_assert_nonnull (error);

  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    g_assert_false (g_str_has_prefix (name, ".a-folder.pdf-"));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

/* On a thread */

typedef struct
{
  GMainLoop    *loop;
  SpReport     *report;        /* the test's reference, let go of in the callback */
  GAsyncResult *result;        /* kept after the callback, as its worker thread may */
  gboolean      loaded;
  GThread      *finalized_on;
} AsyncLoad;

static void
report_finalized (gpointer  data,
                  GObject  *where_the_object_was)
{
  AsyncLoad *a = data;

  a->finalized_on = g_thread_self ();
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncLoad *a = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpReportLayout) layout = NULL;
  double width, height;

  g_assert_true (object == G_OBJECT (a->report));
  a->loaded = sp_report_load_finish (a->report, result, &error);
  g_assert_no_error (error);

  /* laid out on this thread: its fonts are this thread's */
  sp_paper_get_size (SP_PAPER_A4, &width, &height);
  layout = sp_report_layout_new (a->report, width, height);
  g_assert_cmpuint (sp_report_layout_get_n_pages (layout), >=, 1);

  a->result = g_object_ref (result);
  g_clear_object (&a->report);
  g_main_loop_quit (a->loop);
}

/* The task does not hold the report: once the callback has let go of it, it goes, on the
 * caller's thread, however long the task lives on */
static void
test_load_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncLoad a = { loop, NULL, NULL, FALSE, NULL };
  SpPeriod october = month (2026, 10);

  sp_test_fill_october (f->store);
  a.report = sp_report_new (&october, SP_REPORT_ALL_SECTIONS);
  g_object_weak_ref (G_OBJECT (a.report), report_finalized, &a);

  sp_report_load_async (a.report, f->store, NULL, loaded_cb, &a);
  g_main_loop_run (loop);

  g_assert_true (a.loaded);
  g_assert_true (a.finalized_on == g_thread_self ());
  g_clear_object (&a.result);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncLoad *a = user_data;
  g_autoptr(GError) error = NULL;

  a->loaded = sp_report_layout_save_pdf_finish (result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (a->loop);
}

/*
 * A report loaded once is laid out again for other paper and saved on a
 * worker without the database: the file has changed and then gone, and the
 * PDFs say what was loaded.
 */
static void
test_save_without_database (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(SpReportLayout) a4 = NULL;
  g_autoptr(SpReportLayout) letter = NULL;
  g_autofree char *db = g_strdup (sp_store_get_path (f->store));
  g_autofree char *pdf = g_build_filename (f->dir, "saved.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AsyncLoad a = { loop, NULL, NULL, FALSE, NULL };
  SpPeriod october = month (2026, 10);
  double width, height;

  sp_test_fill_october (f->store);
  g_assert_true (sp_shop_set_name (f->store, "Corner Bikes", &error));
  a4 = load_report (f->store, &october, SP_REPORT_ALL_SECTIONS, SP_PAPER_A4);

  g_assert_true (sp_shop_set_name (f->store, "Renamed Since", &error));
  g_clear_object (&f->store);
  g_assert_cmpint (g_unlink (db), ==, 0);

  /* the same report on other paper: measured again, not read again */
  sp_paper_get_size (SP_PAPER_LETTER, &width, &height);
  letter = sp_report_layout_new (sp_report_layout_get_report (a4), width, height);
  g_assert_cmpuint (sp_report_layout_get_n_pages (letter), >=, 1);

  sp_report_layout_save_pdf_async (sp_report_layout_get_report (a4), width, height, pdf, NULL,
                                   saved_cb, &a);
  g_main_loop_run (loop);
  g_assert_true (a.loaded);
  g_assert_cmpuint (pdf_pages (pdf, 612, 792), ==, sp_report_layout_get_n_pages (letter));

  if (!have_pdftotext ())
    return;

  text = pdf_text (pdf, 0, 0);
  assert_contains (text, "Corner Bikes — October 2026");
  assert_contains (text, "66.7 %");
  g_assert_null (strstr (text, "Renamed Since"));
}

/* The workbook of @period, read back */
static SpTestXlsx *
export_workbook (Fixture        *f,
                 const SpPeriod *period,
                 const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (sp_xlsx_export (f->store, period, path, SP_XLSX_EXPORT_DEFAULT, NULL, NULL,
                                 NULL, &error));
  g_assert_no_error (error);
  return sp_test_xlsx_open (path);
}

/*
 * A month under way, on 15 November, chosen by its days: the report and
 * the workbook read it as November so far, name it with the same words,
 * compare it with the same days of October, say that November is counted
 * so far, and give November's notes.
 */
static void
test_so_far (Fixture       *f,
             gconstpointer  data)
{
  SpPeriod period = sp_period_make (sp_test_date ("2026-11-01"), sp_test_date ("2026-11-15"));
  g_autofree char *period_text = sp_period_format (&period);
  g_autoptr(SpReportLayout) report = NULL;
  g_autoptr(SpTestXlsx) xlsx = NULL;
  g_auto(SpTestCell) line = { NULL };
  g_auto(SpTestCell) previous = { NULL };
  g_auto(SpTestCell) note = { NULL };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *contacts = NULL;
  guint row;

  sp_test_fill_october (f->store);
  g_assert_cmpstr (period_text, ==, "1 – 15 November 2026");

  report = load_report (f->store, &period, SP_REPORT_ALL_SECTIONS, SP_PAPER_A4);
  path = write_pdf (report, f->dir, "so-far.pdf");

  xlsx = export_workbook (f, &period, "so-far.xlsx");
  g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", "A2", &line));
  g_assert_cmpstr (line.text, ==,
                   "Period: 1 – 15 November 2026, so far (15 days) · compared with "
                   "1 – 15 October 2026");
  /* 1–15 October holds five of October's seven contacts */
  row = sp_test_xlsx_find_row (xlsx, "Summary", "A", "Contacts");
  g_assert_cmpuint (row, >, 0);
  contacts = g_strdup_printf ("F%u", row);
  g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", contacts, &previous));
  g_assert_cmpstr (previous.value, ==, "5");
  /* the trend's one month, November, is not over: said under the table */
  g_assert_cmpuint (sp_test_xlsx_find_row (xlsx, "Monthly trend", "A",
                                           "November 2026, so far: counts only the days from 1 "
                                           "to 15 November 2026, so it is not comparable with "
                                           "whole months."), >, 0);
  sp_assert_contains (sp_test_xlsx_read (xlsx, "xl/charts/chart1.xml"), "<a:prstDash val=\"dash\"/>");
  /* churn and cost count whole months: 1–15 November holds none, so October's are given */
  g_assert_cmpuint (sp_test_xlsx_find_row (xlsx, "Summary", "A",
                                           "October 2026, last whole month: churn 4.0 %, "
                                           "cost per contact 100.00 (this period holds no whole "
                                           "month)."), >, 0);

  if (!have_pdftotext ())
    return;

  text = pdf_text (path, 0, 0);
  assert_contains (text, "1 – 15 November 2026, so far, compared with 1 – 15 October 2026");
  g_assert_null (strstr (text, "another range of days"));
  assert_contains (text, "November 2026 so far: its point is hollow, at the end of a dashed "
                         "line, and counts only the days from 1 to 15 November 2026");
}

/*
 * A whole month compares with the calendar month before: November with all
 * of October (seven contacts), not with the 30 days before it (2–31
 * October, six), in the report and in the workbook's Summary.
 */
static void
test_previous_month (Fixture       *f,
                     gconstpointer  data)
{
  SpPeriod november = month (2026, 11);
  g_autoptr(SpReportLayout) report = NULL;
  g_autoptr(SpTestXlsx) xlsx = NULL;
  g_auto(SpTestCell) line = { NULL };
  g_auto(SpTestCell) previous = { NULL };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ref = NULL;

  sp_time_override_now (sp_test_time ("2026-12-07 09:30"));
  sp_test_fill_october (f->store);

  xlsx = export_workbook (f, &november, "november.xlsx");
  g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", "A2", &line));
  g_assert_cmpstr (line.text, ==, "Period: November 2026 (30 days) · compared with October 2026");
  ref = g_strdup_printf ("F%u", sp_test_xlsx_find_row (xlsx, "Summary", "A", "Contacts"));
  g_assert_true (sp_test_xlsx_cell (xlsx, "Summary", ref, &previous));
  g_assert_cmpstr (previous.value, ==, "7");

  report = load_report (f->store, &november, SP_REPORT_SUMMARY, SP_PAPER_A4);
  path = write_pdf (report, f->dir, "november.pdf");
  if (!have_pdftotext ())
    return;
  text = pdf_text (path, 0, 0);
  assert_contains (text, "1 – 30 November 2026, compared with October 2026");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/report/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/report/paper", test_paper);
  g_test_add_func ("/report/sections-and-periods", test_sections_and_periods);
  ADD ("currency", test_currency);
  ADD ("shop", test_shop);
  ADD ("month-pdf", test_month_pdf);
  ADD ("letter", test_letter);
  ADD ("empty-month", test_empty_month);
  ADD ("many-agents", test_many_agents);
  ADD ("sections-only", test_sections_only);
  ADD ("demo-fits", test_demo_fits);
  ADD ("write-fails", test_write_fails);
  ADD ("load-async", test_load_async);
  ADD ("save-without-database", test_save_without_database);
  ADD ("so-far", test_so_far);
  ADD ("previous-month", test_previous_month);

  status = g_test_run ();

  sp_test_free_font_caches ();
  return status;
}
