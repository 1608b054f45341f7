/* test-export-dialog.c: Export to Excel in the window (Ctrl+E)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sp-demo.h"
#include "sp-export-dialog.h"
#include "sp-file-launcher-private.h"
#include "sp-shop.h"
#include "sp-test-kpi.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-test-xlsx.h"
#include "sp-window.h"

/* The Documents folder the tests' user has (see main) */
static char *documents;

/* What the toasts' buttons would have launched: "open PATH", "show PATH" */
static GPtrArray *launched;

static void
record_launch (const char *what,
               GFile      *file,
               gpointer    user_data)
{
  g_autofree char *path = g_file_get_path (file);

  g_ptr_array_add (launched, g_strdup_printf ("%s %s", what, path));
}

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static SpExportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SP_IS_EXPORT_DIALOG (window))
        return SP_EXPORT_DIALOG (window);
    }

  return NULL;
}

/* Waits until the dialog closes, which it does when the export is over */
static void
wait_until_closed (SpExportDialog *dialog)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  while (dialog != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (dialog);
}

static SpWindow *
open_window (const char *dir,
             gboolean    big)
{
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *path = sp_test_db_path (dir);
  SpWindow *window;

  if (big)
    {
      g_autoptr(GError) error = NULL;
      SpDemoOptions options;

      sp_demo_options_init (&options);
      options.contacts = 5000;
      g_assert_true (sp_demo_fill (store, &options, &error));
      g_assert_no_error (error);
    }
  else
    {
      sp_test_fill_october (store);
    }
  g_clear_object (&store);

  window = sp_window_new (NULL, path);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  return window;
}

static void
test_periods (void)
{
  SpDate today = sp_test_date ("2026-11-15");
  struct
  {
    SpExportRange range;
    const char   *from;
    const char   *to;
  } cases[] = {
    { SP_EXPORT_RANGE_THIS_MONTH, "2026-11-01", "2026-11-15" },
    { SP_EXPORT_RANGE_LAST_MONTH, "2026-10-01", "2026-10-31" },
    { SP_EXPORT_RANGE_THIS_QUARTER, "2026-10-01", "2026-11-15" },
    { SP_EXPORT_RANGE_LAST_QUARTER, "2026-07-01", "2026-09-30" },
    { SP_EXPORT_RANGE_THIS_YEAR, "2026-01-01", "2026-11-15" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpPeriod p = sp_export_range_get_period (cases[i].range, today);

      g_assert_cmpint (p.from, ==, sp_test_date (cases[i].from));
      g_assert_cmpint (p.to, ==, sp_test_date (cases[i].to));
    }

  /* January: last month and quarter are last year's */
  {
    SpPeriod p = sp_export_range_get_period (SP_EXPORT_RANGE_LAST_QUARTER,
                                             sp_test_date ("2027-01-10"));

    g_assert_cmpint (p.from, ==, sp_test_date ("2026-10-01"));
    g_assert_cmpint (p.to, ==, sp_test_date ("2026-12-31"));
    p = sp_export_range_get_period (SP_EXPORT_RANGE_LAST_MONTH, sp_test_date ("2027-01-10"));
    g_assert_cmpint (p.from, ==, sp_test_date ("2026-12-01"));
  }
}

static void
test_export (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "october.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SpWindow *window;
  SpExportDialog *dialog;
  SpPeriod period;

  sp_time_override_now (sp_test_time ("2026-11-15 12:00"));
  window = open_window (dir, FALSE);

  /* Ctrl+E's action opens the dialog on last month */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (sp_export_dialog_get_period (dialog, &period));
  g_assert_cmpint (period.from, ==, sp_test_date ("2026-10-01"));
  g_assert_cmpint (period.to, ==, sp_test_date ("2026-10-31"));

  /* custom days, checked */
  sp_export_dialog_set_custom (dialog, &(SpPeriod) { sp_test_date ("2026-10-31"),
                                                     sp_test_date ("2026-10-01") });
  g_assert_false (sp_export_dialog_get_period (dialog, &period));
  sp_export_dialog_set_custom (dialog, &(SpPeriod) { sp_test_date ("2026-10-05"),
                                                     sp_test_date ("2026-10-25") });
  g_assert_true (sp_export_dialog_get_period (dialog, &period));
  g_assert_cmpint (period.from, ==, sp_test_date ("2026-10-05"));

  sp_export_dialog_set_range (dialog, SP_EXPORT_RANGE_LAST_MONTH);

  /* offered as the shop and the period, in Documents */
  g_assert_true (sp_shop_set_name (sp_window_get_store (window), "Corner Shop", NULL));
  {
    g_autoptr(GFile) suggested = sp_export_dialog_dup_suggested_file (dialog);
    g_autofree char *expected = g_build_filename (documents, "Corner Shop October 2026.xlsx",
                                                  NULL);
    g_autofree char *suggested_path = g_file_get_path (suggested);

    g_assert_cmpstr (suggested_path, ==, expected);
  }

  sp_export_dialog_export_to (dialog, file);
  g_assert_true (sp_export_dialog_is_busy (dialog));
  wait_until_closed (dialog);

  /* the toast says so, and its Open opens the workbook */
  {
    g_autofree char *expected = g_strdup_printf ("open %s", path);
    GtkWidget *button = NULL;

    g_ptr_array_set_size (launched, 0);
    sp_test_wait_until ((button = sp_test_ui_find_shown (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                          "_Open")) != NULL);
    g_assert_nonnull (sp_test_ui_find_shown (GTK_WIDGET (window), GTK_TYPE_LABEL,
                                             "Exported to “october.xlsx”"));
    g_assert_nonnull (sp_test_ui_find_shown (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                             "Show in _Files"));
    sp_test_ui_activate_button (button);
    g_assert_cmpuint (launched->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, expected);
  }

  {
    g_autoptr(SpTestXlsx) xlsx = sp_test_xlsx_open (path);
    g_auto(SpTestCell) cell = { NULL };

    /* October, the last of the twelve months (under the sheet's two first rows) */
    g_assert_true (sp_test_xlsx_cell (xlsx, "Monthly trend", "A15", &cell));
    g_assert_cmpstr (cell.text, ==, "2026-10");
    sp_test_cell_clear (&cell);
    g_assert_true (sp_test_xlsx_cell (xlsx, "Monthly trend", "E15", &cell));
    g_assert_cmpstr (cell.value, ==, "7");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  sp_test_remove_dir (dir);
  sp_time_override_now (SP_TIME_NONE);
}

/* Custom: both days fit in the dialog; a wrong day gets the parser's own reason */
static void
test_custom_fits (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  SpWindow *window = open_window (dir, FALSE);
  SpExportDialog *dialog;
  GtkWidget *to, *label;
  graphene_rect_t bounds;
  const char *text;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  iterate ();
  dialog = find_dialog ();
  sp_test_ui_wait_mapped (GTK_WIDGET (dialog));
  sp_export_dialog_set_range (dialog, SP_EXPORT_RANGE_CUSTOM);
  sp_test_ui_wait_frames (GTK_WIDGET (dialog), 3);

  to = sp_test_ui_child (dialog, SP_TYPE_EXPORT_DIALOG, "to_row");
  label = sp_test_ui_child (dialog, SP_TYPE_EXPORT_DIALOG, "period_label");
  g_assert_true (gtk_widget_compute_bounds (to, GTK_WIDGET (dialog), &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (dialog), &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (dialog)));

  sp_test_ui_set_text (to, "2026-02-31");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "Last day: “2026-02-31” is not a day of the calendar");
  sp_test_ui_set_text (to, "3000-01-01");
  text = gtk_label_get_label (GTK_LABEL (label));
  g_assert_true (g_str_has_prefix (text, "Last day: "));
  g_assert_nonnull (strstr (text, "1970-01-01 and 2999-12-31"));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  sp_test_remove_dir (dir);
}

/* Closing the dialog while it exports stops the export: no file */
static void
test_cancel (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "year.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SpWindow *window = open_window (dir, TRUE);
  SpExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  iterate ();
  dialog = find_dialog ();
  sp_export_dialog_set_range (dialog, SP_EXPORT_RANGE_THIS_YEAR);
  sp_export_dialog_export_to (dialog, file);
  gtk_window_close (GTK_WINDOW (dialog));

  /* still there until the export has stopped */
  g_assert_true (find_dialog () == dialog);
  wait_until_closed (dialog);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  sp_test_remove_dir (dir);
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

  g_test_add_func ("/export-dialog/periods", test_periods);
  g_test_add_func ("/export-dialog/export", test_export);
  g_test_add_func ("/export-dialog/cancel", test_cancel);
  g_test_add_func ("/export-dialog/custom-fits", test_custom_fits);

  status = g_test_run ();
  sp_test_remove_dir (base);
  g_clear_pointer (&documents, g_free);
  g_ptr_array_unref (launched);
  return status;
}
