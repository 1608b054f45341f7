/* test-report-ui.c: the Reports page (preview, PDF, printing) and Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sp-backup.h"
#include "sp-benchmarks.h"
#include "sp-file-launcher-private.h"
#include "sp-dashboard-page.h"
#include "sp-preferences-window.h"
#include "sp-report-layout-private.h"
#include "sp-report-page-private.h"
#include "sp-shop.h"
#include "sp-test-kpi.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

#define NOW "2026-11-15 12:00"

/* The Documents folder the tests' user has (see main) */
static char *documents;

/* What the toast's buttons would have launched: "open PATH", "show PATH" */
static GPtrArray *launched;

static void
record_launch (const char *what,
               GFile      *file,
               gpointer    user_data)
{
  g_autofree char *path = g_file_get_path (file);

  g_ptr_array_add (launched, g_strdup_printf ("%s %s", what, path));
}

typedef struct
{
  char         *dir;
  char         *path;
  SpWindow     *window;
  SpReportPage *page;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* The row titled @row in the group titled @group */
static AdwActionRow *
find_row (GtkWidget  *root,
          const char *group,
          const char *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found;

      if (ADW_IS_PREFERENCES_GROUP (child) &&
          g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (child)), group) == 0)
        group = NULL;

      if (group == NULL && ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), row) == 0)
        return ADW_ACTION_ROW (child);

      if ((found = find_row (child, group, row)))
        return found;
    }

  return NULL;
}

/* Until the page has shown its preview and has no PDF or print job going */
static void
wait_for_idle (SpReportPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  iterate ();
  while (sp_report_page_is_busy (page) || sp_report_page_get_preview (page) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SpStore) store = NULL;

  sp_time_override_now (sp_test_time (NOW));
  f->dir = sp_test_make_dir ();
  f->path = sp_test_db_path (f->dir);

  store = sp_test_open_store (f->dir);
  sp_test_fill_october (store);
  g_clear_object (&store);

  f->window = sp_window_new (NULL, f->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_window_show_page (f->window, "reports");

  f->page = SP_REPORT_PAGE (sp_test_ui_find (GTK_WIDGET (f->window), SP_TYPE_REPORT_PAGE, NULL));
  g_assert_nonnull (f->page);
  wait_for_idle (f->page);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  sp_time_override_now (SP_TIME_NONE);
}

static gboolean
file_has (const char *path,
          const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* The title of the report the preview shows */
static char *
preview_title (SpReportPage *page)
{
  return sp_report_dup_title (sp_report_layout_get_report (sp_report_page_get_preview (page)));
}

/* The page shows the last whole month, and follows the choices */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  SpReportLayout *layout = sp_report_page_get_preview (f->page);
  g_autofree char *title = preview_title (f->page);
  const SpReportBox *boxes;
  SpPeriod period;
  guint n;

  g_assert_cmpint (sp_report_page_get_period (f->page, &period), ==, SP_REPORT_ON_MONTH);
  g_assert_cmpint (period.from, ==, sp_test_date ("2026-10-01"));
  g_assert_cmpint (period.to, ==, sp_test_date ("2026-10-31"));
  g_assert_cmpstr (title, ==, "Customer service report — October 2026");
  g_assert_cmpuint (sp_report_layout_get_n_pages (layout), >=, 1);
  g_assert_cmpint (sp_report_get_sections (sp_report_layout_get_report (layout)), ==,
                   SP_REPORT_ALL_SECTIONS);

  /* the preview draws page 1 */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);

  /* fewer sections */
  sp_report_page_set_sections (f->page, SP_REPORT_SUMMARY | SP_REPORT_AGENTS);
  wait_for_idle (f->page);
  layout = sp_report_page_get_preview (f->page);
  g_assert_cmpint (sp_report_get_sections (sp_report_layout_get_report (layout)), ==,
                   SP_REPORT_SUMMARY | SP_REPORT_AGENTS);
  boxes = sp_report_layout_get_boxes (layout, &n);
  for (guint i = 0; i < n; i++)
    g_assert_true (boxes[i].kind == SP_REPORT_BOX_HEADER ||
                   boxes[i].section == SP_REPORT_SUMMARY || boxes[i].section == SP_REPORT_AGENTS);

  /* a quarter */
  sp_report_page_set_period (f->page, SP_REPORT_ON_QUARTER, &period);
  wait_for_idle (f->page);
  g_assert_cmpint (sp_report_page_get_period (f->page, &period), ==, SP_REPORT_ON_QUARTER);
  g_assert_cmpint (period.from, ==, sp_test_date ("2026-10-01"));
  g_assert_cmpint (period.to, ==, sp_test_date ("2026-12-31"));
  g_clear_pointer (&title, g_free);
  title = preview_title (f->page);
  g_assert_cmpstr (title, ==, "Customer service report — Q4 2026");

  /* any days */
  period = sp_period_make (sp_test_date ("2026-10-03"), sp_test_date ("2026-10-17"));
  sp_report_page_set_period (f->page, SP_REPORT_ON_DAYS, &period);
  wait_for_idle (f->page);
  g_clear_pointer (&title, g_free);
  title = preview_title (f->page);
  g_assert_cmpstr (title, ==, "Customer service report — 3 – 17 October 2026");
}

/* Any days, chosen in the popover of the Days row */
static void
test_choose_days (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *row = sp_test_ui_child (f->page, SP_TYPE_REPORT_PAGE, "range_row");
  GtkMenuButton *button = GTK_MENU_BUTTON (sp_test_ui_find (row, GTK_TYPE_MENU_BUTTON, NULL));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  GtkWidget *apply = sp_test_ui_find (popover, GTK_TYPE_BUTTON, "_Apply");
  g_autofree char *title = NULL;
  SpPeriod period = sp_period_make (sp_test_date ("2026-10-03"), sp_test_date ("2026-10-17"));

  g_assert_nonnull (apply);
  /* the UI tests share a display: another one's window must not close it by taking the focus */
  gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
  sp_report_page_set_period (f->page, SP_REPORT_ON_DAYS, &period);
  wait_for_idle (f->page);
  g_assert_true (gtk_widget_get_visible (row));

  /* it opens on the days shown */
  gtk_menu_button_popup (button);
  iterate ();
  g_assert_true (gtk_widget_get_visible (popover));
  sp_test_ui_assert_days (popover, period.from, period.to, "15 days");
  g_assert_true (gtk_widget_get_sensitive (apply));

  /* the last day before the first cannot be applied */
  sp_test_ui_choose_days (popover, sp_test_date ("2026-10-20"), sp_test_date ("2026-10-05"),
                          "The first day comes after the last.");
  g_assert_false (gtk_widget_get_sensitive (apply));

  sp_test_ui_choose_days (popover, sp_test_date ("2026-10-05"), sp_test_date ("2026-10-25"),
                          "21 days");
  g_assert_true (gtk_widget_get_sensitive (apply));
  g_signal_emit_by_name (apply, "clicked");
  iterate ();
  g_assert_false (gtk_widget_get_visible (popover));

  wait_for_idle (f->page);
  g_assert_cmpint (sp_report_page_get_period (f->page, &period), ==, SP_REPORT_ON_DAYS);
  g_assert_cmpint (period.from, ==, sp_test_date ("2026-10-05"));
  g_assert_cmpint (period.to, ==, sp_test_date ("2026-10-25"));
  title = preview_title (f->page);
  g_assert_cmpstr (title, ==, "Customer service report — 5 – 25 October 2026");

  /* opened again, it shows the days applied, not the days last clicked */
  sp_test_ui_assert_days_kept (button, period.from, period.to, "21 days");
}

/* What the October report says, as the command line's report says it */
static void
assert_report_text (const char *path)
{
  g_autofree char *text = sp_test_pdf_text (path);

  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  sp_assert_contains (text, "October 2026");
  sp_assert_contains (text, "66.7 %");
}

/* Save as PDF, without the file chooser */
static void
test_save_pdf (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "october.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  sp_report_page_export_pdf (f->page, file);
  g_assert_true (sp_report_page_is_busy (f->page));
  wait_for_idle (f->page);

  g_assert_true (file_has (path, "%PDF-"));
  g_assert_true (file_has (path, "/MediaBox [ 0 0 595 842 ]"));
  assert_report_text (path);

  /* the toast offers to show it in its folder */
  {
    g_autofree char *expected = g_strdup_printf ("show %s", path);
    GtkWidget *button = NULL;

    g_ptr_array_set_size (launched, 0);
    sp_test_wait_until ((button = sp_test_ui_find_shown (GTK_WIDGET (f->window),
                                                          GTK_TYPE_BUTTON,
                                                          "Show in _Files")) != NULL);
    g_assert_nonnull (sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                             "Saved the report as “october.pdf”"));
    g_assert_nonnull (sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_BUTTON,
                                             "_Open"));
    sp_test_ui_activate_button (button);
    g_assert_cmpuint (launched->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, expected);
  }

  /* Save PDF offers the shop and the period, in Documents */
  {
    g_autoptr(GFile) suggested = sp_report_page_dup_suggested_file (f->page);
    g_autofree char *suggested_path = g_file_get_path (suggested);
    g_autofree char *expected = g_build_filename (documents, "Service Pulse October 2026.pdf",
                                                  NULL);

    g_assert_cmpstr (suggested_path, ==, expected);
    g_assert_true (sp_shop_set_name (sp_window_get_store (f->window), "Corner Shop", NULL));
    g_clear_object (&suggested);
    g_free (expected);
    g_free (suggested_path);
    suggested = sp_report_page_dup_suggested_file (f->page);
    suggested_path = g_file_get_path (suggested);
    expected = g_build_filename (documents, "Corner Shop October 2026.pdf", NULL);
    g_assert_cmpstr (suggested_path, ==, expected);
  }
}

/* The print path, exporting to a file instead of showing the dialog */
static void
test_print (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "printed.pdf", NULL);

  sp_report_page_export_printed (f->page, path);
  wait_for_idle (f->page);

  g_assert_true (file_has (path, "%PDF-"));
  assert_report_text (path);
}

/* Until the page has no PDF or print job going, whatever its preview */
static void
wait_for_jobs (SpReportPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (sp_report_page_is_busy (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate ();
}

/*
 * Saving and printing use the report the preview loaded: a change made to
 * the file since (here by another program, which the window is not told
 * of) is not in them, and they still work with the file gone.
 */
static void
test_no_reload (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *saved = g_build_filename (f->dir, "saved.pdf", NULL);
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (saved);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  {
    g_autoptr(SpStore) other = sp_store_open (f->path, SP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (sp_shop_set_name (other, "Renamed Elsewhere", &error));
    g_assert_no_error (error);
  }

  sp_report_page_export_pdf (f->page, file);
  wait_for_jobs (f->page);
  g_assert_true (file_has (saved, "%PDF-"));
  if ((text = sp_test_pdf_text (saved)) != NULL)
    {
      sp_assert_contains (text, "Customer service report");
      sp_assert_contains (text, "66.7 %");
      g_assert_null (strstr (text, "Renamed Elsewhere"));
    }

  /* the database goes: the report loaded still prints */
  g_assert_nonnull (sp_report_page_get_preview (f->page));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->path, suffixes[i], NULL);

      g_unlink (path);
    }
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  sp_report_page_export_printed (f->page, printed);
  wait_for_jobs (f->page);
  g_assert_true (file_has (printed, "%PDF-"));
  assert_report_text (printed);

  g_assert_cmpint (g_unlink (saved), ==, 0);
  sp_report_page_export_pdf (f->page, file);
  wait_for_jobs (f->page);
  g_assert_true (file_has (saved, "%PDF-"));
  assert_report_text (saved);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The shop's name set in Preferences heads the report; its logo is kept in the database */
static void
test_preferences_shop (Fixture       *f,
                       gconstpointer  data)
{
  SpStore *store = sp_window_get_store (f->window);
  GtkWidget *prefs = sp_preferences_window_new (GTK_WINDOW (f->window), store);
  AdwEntryRow *name_row = ADW_ENTRY_ROW (sp_test_ui_find (prefs, ADW_TYPE_ENTRY_ROW, NULL));
  g_autofree char *png_path = g_build_filename (f->dir, "logo.png", NULL);
  g_autofree char *title = NULL;
  g_autoptr(GFile) png_file = g_file_new_for_path (png_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;

  gtk_window_present (GTK_WINDOW (prefs));
  iterate ();

  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Corner Bikes");
  sp_preferences_window_save_now (SP_PREFERENCES_WINDOW (prefs));

  /* the store says the settings changed: the preview loads again */
  wait_for_idle (f->page);
  title = preview_title (f->page);
  g_assert_cmpstr (title, ==, "Corner Bikes — October 2026");

  /* VAT and paper go through the same checks as `config` and are kept as it shows them */
  {
    AdwActionRow *vat = find_row (prefs, "Money", "Amounts Include _VAT");
    AdwActionRow *paper = find_row (prefs, "Money", "_Paper");
    g_autofree char *paper_value = NULL;

    g_assert_true (ADW_IS_COMBO_ROW (vat));
    g_assert_true (ADW_IS_COMBO_ROW (paper));
    g_assert_cmpint (sp_shop_get_vat (store), ==, SP_VAT_UNKNOWN);
    adw_combo_row_set_selected (ADW_COMBO_ROW (vat), 2);
    g_assert_cmpint (sp_shop_get_vat (store), ==, SP_VAT_EXCLUDED);
    adw_combo_row_set_selected (ADW_COMBO_ROW (paper), 2);
    paper_value = sp_shop_dup_setting (store, "paper", NULL);
    g_assert_cmpstr (paper_value, ==, "letter");
  }

  /* a picture twice the size kept is scaled down, and kept as PNG */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1024, 256);
  cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_set_contents (png_path, (char *) bytes->data, bytes->len, NULL));
  g_assert_true (sp_preferences_window_set_logo_file (SP_PREFERENCES_WINDOW (prefs), png_file,
                                                      &error));
  g_assert_no_error (error);
  logo = sp_shop_dup_logo (store);
  g_assert_nonnull (logo);
  surface = sp_shop_logo_to_surface (logo);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 512);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 128);
  cairo_surface_destroy (surface);

  /* the file can go: the report keeps its logo */
  g_assert_cmpint (g_unlink (png_path), ==, 0);
  g_assert_nonnull (sp_shop_dup_logo (store));

  /* not a picture */
  g_assert_true (g_file_set_contents (png_path, "not a picture", -1, NULL));
  g_assert_false (sp_preferences_window_set_logo_file (SP_PREFERENCES_WINDOW (prefs), png_file,
                                                       &error));
  g_assert_nonnull (error);

  gtk_window_destroy (GTK_WINDOW (prefs));
  iterate ();
}

/* Benchmarks: a band and a target changed and reset, a contradictory band refused */
static void
test_preferences_benchmarks (Fixture       *f,
                             gconstpointer  data)
{
  SpStore *store = sp_window_get_store (f->window);
  GtkWidget *prefs = sp_preferences_window_new (GTK_WINDOW (f->window), store);
  g_autoptr(SpBenchmarks) check = sp_benchmarks_new (store);
  AdwActionRow *good = find_row (prefs, "Customer satisfaction", "Good");
  AdwActionRow *phone = find_row (prefs, "First Response Targets", "Phone");
  GtkSpinButton *spin;

  g_assert_nonnull (good);
  g_assert_nonnull (phone);

  spin = GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (good));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 85);

  /* the dashboard computes its figures again after the change */
  {
    SpDashboardPage *dashboard =
      SP_DASHBOARD_PAGE (sp_test_ui_find (GTK_WIDGET (f->window), SP_TYPE_DASHBOARD_PAGE, NULL));
    g_autoptr(SpOverview) before = NULL;
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    sp_window_show_page (f->window, "dashboard");
    while (sp_dashboard_page_get_overview (dashboard) == NULL ||
           sp_dashboard_page_is_loading (dashboard))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
      }
    /* held, so that a new overview can't take its place in memory */
    before = sp_overview_ref (sp_dashboard_page_get_overview (dashboard));

    gtk_spin_button_set_value (spin, 80);
    sp_preferences_window_save_now (SP_PREFERENCES_WINDOW (prefs));
    g_assert_cmpfloat (sp_benchmarks_get_band (check, SP_KPI_CSAT)->good, ==, 80);

    while (sp_dashboard_page_get_overview (dashboard) == before ||
           sp_dashboard_page_is_loading (dashboard))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
      }
    sp_window_show_page (f->window, "reports");
  }

  /* good above excellent (90) is refused */
  gtk_spin_button_set_value (spin, 95);
  sp_preferences_window_save_now (SP_PREFERENCES_WINDOW (prefs));
  g_assert_cmpfloat (sp_benchmarks_get_band (check, SP_KPI_CSAT)->good, ==, 80);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (spin), "error"));

  /* the article's value again */
  gtk_spin_button_set_value (spin, 85);
  sp_preferences_window_save_now (SP_PREFERENCES_WINDOW (prefs));
  g_assert_cmpfloat (sp_benchmarks_get_band (check, SP_KPI_CSAT)->good, ==, 85);
  {
    g_autofree char *setting = sp_store_dup_setting (store, "benchmark.band.csat");

    g_assert_null (setting);
  }

  spin = GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (phone));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 3);
  gtk_spin_button_set_value (spin, 5);
  sp_preferences_window_save_now (SP_PREFERENCES_WINDOW (prefs));
  g_assert_cmpfloat (sp_benchmarks_get_channel_target (check, SP_CHANNEL_PHONE), ==, 5);

  gtk_window_destroy (GTK_WINDOW (prefs));
  iterate ();
}

/* The second backup folder: chosen, shown, and cleared with its button */
static void
test_preferences_second_folder (Fixture       *f,
                                gconstpointer  data)
{
  SpStore *store = sp_window_get_store (f->window);
  GtkWidget *prefs = sp_preferences_window_new (GTK_WINDOW (f->window), store);
  g_autofree char *stick = g_build_filename (f->dir, "stick", NULL);
  g_autofree char *gone = g_build_filename (f->dir, "gone", NULL);
  g_autofree char *set = NULL;
  g_autoptr(GError) error = NULL;
  AdwActionRow *row = find_row (prefs, "Backups", "Second Backup Folder");
  GtkWidget *clear = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  sp_test_ui_wait_mapped (prefs);
  g_assert_nonnull (row);
  sp_assert_contains (adw_action_row_get_subtitle (row), "only on this computer");

  /* a folder that is not there is refused and changes nothing */
  g_assert_false (sp_preferences_window_set_second_folder (SP_PREFERENCES_WINDOW (prefs), gone,
                                                           &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (sp_backup_dup_second_folder (store));

  g_assert_cmpint (g_mkdir (stick, 0700), ==, 0);
  g_assert_true (sp_preferences_window_set_second_folder (SP_PREFERENCES_WINDOW (prefs), stick,
                                                          &error));
  g_assert_no_error (error);
  set = sp_backup_dup_second_folder (store);
  g_assert_cmpstr (set, ==, stick);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, stick);

  /* the row's clear button */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (row)); w != NULL && clear == NULL;
       w = gtk_widget_get_next_sibling (w))
    clear = sp_test_ui_find (w, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (clear);
  g_assert_true (gtk_widget_get_sensitive (clear));
  sp_test_ui_activate_button (clear);
  g_assert_null (sp_backup_dup_second_folder (store));
  sp_assert_contains (adw_action_row_get_subtitle (row), "only on this computer");
  g_assert_false (gtk_widget_get_sensitive (clear));

  gtk_window_destroy (GTK_WINDOW (prefs));
  iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  g_autofree char *dirs_text = NULL;
  g_autofree char *dirs = NULL;
  g_autofree char *base = NULL;
  int status;

  /* GLib reads the user's folders once: set them before anything asks */
  base = sp_test_make_dir ();
  documents = g_build_filename (base, "Documents", NULL);
  config = g_build_filename (base, "config", NULL);
  g_assert_cmpint (g_mkdir_with_parents (documents, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  dirs_text = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents);
  dirs = sp_test_write_file (config, "user-dirs.dirs", dirs_text);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  launched = g_ptr_array_new_with_free_func (g_free);
  sp_file_launcher_set_hook (record_launch, NULL);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/report-ui/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("preview", test_preview);
  ADD ("choose-days", test_choose_days);
  ADD ("save-pdf", test_save_pdf);
  ADD ("print", test_print);
  ADD ("no-reload", test_no_reload);
  ADD ("preferences-shop", test_preferences_shop);
  ADD ("preferences-benchmarks", test_preferences_benchmarks);
  ADD ("preferences-second-folder", test_preferences_second_folder);

  status = g_test_run ();
  sp_test_remove_dir (base);
  g_clear_pointer (&documents, g_free);
  g_ptr_array_unref (launched);
  return status;
}
