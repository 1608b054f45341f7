/* sp-export-dialog.c
 *
 * Export to Excel (Ctrl+E): a period, then a file, then the workbook is
 * written on a thread with its progress shown; Cancel stops it and leaves no
 * file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-date-input.h"
#include "sp-export-dialog.h"
#include "sp-export-name.h"
#include "sp-file-launcher.h"
#include "sp-parse.h"
#include "sp-shop.h"
#include "sp-xlsx-export.h"
#include "sp-widget.h"

struct _SpExportDialog
{
  AdwWindow             parent_instance;

  SpWindow             *window;        /* weak */
  SpStore              *store;
  GCancellable         *cancellable;   /* while exporting */
  GFile                *file;          /* being written */
  guint                 pulse_id;
  gboolean              close_when_done;

  /* template */
  GtkButton            *cancel_button;
  GtkButton            *export_button;
  AdwPreferencesGroup  *period_group;
  AdwComboRow          *range_row;
  AdwEntryRow          *from_row;
  AdwEntryRow          *to_row;
  GtkLabel             *period_label;
  GtkProgressBar       *progress_bar;
};

G_DEFINE_FINAL_TYPE (SpExportDialog, sp_export_dialog, ADW_TYPE_WINDOW)

/**
 * sp_export_range_get_period:
 * @today: the day that "this" and "last" count from
 *
 * The days of a choice of the period row: this month, quarter or year up
 * to @today; last month or quarter whole.  (Custom: last month, to start
 * from.)
 */
SpPeriod
sp_export_range_get_period (SpExportRange range,
                            SpDate        today)
{
  static const SpPeriodPreset presets[] = {
    [SP_EXPORT_RANGE_THIS_MONTH] = SP_PERIOD_PRESET_THIS_MONTH,
    [SP_EXPORT_RANGE_LAST_MONTH] = SP_PERIOD_PRESET_LAST_MONTH,
    [SP_EXPORT_RANGE_THIS_QUARTER] = SP_PERIOD_PRESET_THIS_QUARTER,
    [SP_EXPORT_RANGE_LAST_QUARTER] = SP_PERIOD_PRESET_LAST_QUARTER,
    [SP_EXPORT_RANGE_THIS_YEAR] = SP_PERIOD_PRESET_THIS_YEAR,
  };

  if (range < G_N_ELEMENTS (presets))
    return sp_period_preset (presets[range], today);
  return sp_period_preset (SP_PERIOD_PRESET_LAST_MONTH, today);
}

static SpExportRange
get_range (SpExportDialog *self)
{
  return (SpExportRange) adw_combo_row_get_selected (self->range_row);
}

/* @problem: (out) (optional): the first thing wrong, naming the row */
static gboolean
parse_row (AdwEntryRow  *row,
           SpDate       *date,
           char        **problem)
{
  g_autofree char *reason = NULL;
  gboolean ok = sp_widget_get_date_entry (GTK_WIDGET (row), date, &reason);

  /* a blank day is as wrong as a mistyped one here */
  if (!ok)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");

  if (!ok && problem != NULL && *problem == NULL &&
      !sp_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (row))) && reason != NULL)
    /* TRANSLATORS: "Last day: “31.02.2026” is not a day of the calendar" */
    *problem = g_strdup_printf (_("%s: %s"),
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                reason);
  return ok;
}

static gboolean
get_period (SpExportDialog  *self,
            SpPeriod        *period,
            char           **problem)
{
  gboolean from_ok, to_ok;

  g_assert (SP_IS_EXPORT_DIALOG (self));

  if (get_range (self) != SP_EXPORT_RANGE_CUSTOM)
    {
      *period = sp_export_range_get_period (get_range (self), sp_date_today ());
      return TRUE;
    }

  from_ok = parse_row (self->from_row, &period->from, problem);
  to_ok = parse_row (self->to_row, &period->to, problem);
  if (from_ok && to_ok && period->from > period->to)
    {
      if (problem != NULL && *problem == NULL)
        *problem = g_strdup (_("The last day is before the first."));
      return FALSE;
    }
  return from_ok && to_ok;
}

/**
 * sp_export_dialog_get_period:
 *
 * Returns: FALSE when the custom days are not valid
 */
gboolean
sp_export_dialog_get_period (SpExportDialog *self,
                             SpPeriod       *period)
{
  g_return_val_if_fail (SP_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  return get_period (self, period, NULL);
}

gboolean
sp_export_dialog_is_busy (SpExportDialog *self)
{
  g_return_val_if_fail (SP_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

static void
update_period (SpExportDialog *self)
{
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;
  SpPeriod period;
  gboolean valid;

  g_assert (SP_IS_EXPORT_DIALOG (self));

  valid = get_period (self, &period, &problem);
  if (valid)
    {
      g_autofree char *days = sp_period_format (&period);
      int n = sp_period_get_days (&period);

      /* TRANSLATORS: the period to export and its length */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d day", "%s, %d days", n),
                              days, n);
    }
  else if (problem != NULL)
    {
      text = g_steal_pointer (&problem);
    }
  else
    {
      g_autofree char *example = sp_date_input_example_date ();

      /* TRANSLATORS: %s is today as the locale writes it */
      text = g_strdup_printf (_("Write both days as %s or 2026-12-31, the last one not before "
                                "the first."), example);
    }

  gtk_label_set_text (self->period_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), valid && self->store != NULL &&
                                                             self->cancellable == NULL);
}

static void
range_changed_cb (SpExportDialog *self)
{
  gboolean custom = get_range (self) == SP_EXPORT_RANGE_CUSTOM;

  g_assert (SP_IS_EXPORT_DIALOG (self));

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), custom);
  update_period (self);
}

static void
dates_changed_cb (SpExportDialog *self)
{
  g_assert (SP_IS_EXPORT_DIALOG (self));
  update_period (self);
}

void
sp_export_dialog_set_range (SpExportDialog *self,
                            SpExportRange   range)
{
  g_return_if_fail (SP_IS_EXPORT_DIALOG (self));
  g_return_if_fail (range <= SP_EXPORT_RANGE_CUSTOM);

  adw_combo_row_set_selected (self->range_row, range);
}

/* Chooses Custom with these days */
void
sp_export_dialog_set_custom (SpExportDialog *self,
                             const SpPeriod *period)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_if_fail (SP_IS_EXPORT_DIALOG (self));
  g_return_if_fail (period != NULL);

  sp_widget_set_date_entry (GTK_WIDGET (self->from_row), period->from);
  sp_widget_set_date_entry (GTK_WIDGET (self->to_row), period->to);
  sp_export_dialog_set_range (self, SP_EXPORT_RANGE_CUSTOM);
}

/* Exporting */

static void
set_busy (SpExportDialog *self,
          gboolean        busy)
{
  g_assert (SP_IS_EXPORT_DIALOG (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->period_group), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, busy ? _("Writing the sheets…") : NULL);

  if (!busy)
    g_clear_handle_id (&self->pulse_id, g_source_remove);

  update_period (self);
}

static gboolean
pulse_cb (gpointer user_data)
{
  SpExportDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  SpExportDialog *self = user_data;

  if (self->cancellable == NULL)
    return;

  if (fraction < 1.0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      return;
    }

  /* every row is written; packing the file gives no figures */
  gtk_progress_bar_set_text (self->progress_bar, _("Saving the file…"));
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SpExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = sp_xlsx_export_finish (result, &error);

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (ok && self->window != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);
      /* TRANSLATORS: %s is the workbook's file */
      g_autofree char *title = g_strdup_printf (_("Exported to “%s”"), name);

      sp_window_add_toast (self->window, sp_file_launcher_new_toast (title, self->file));
    }
  else if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("The export failed: %s", error->message);
      if (self->window != NULL)
        sp_window_show_error (self->window, _("The Workbook Was Not Saved"), error);
    }
  else if (!self->close_when_done)
    {
      /* cancelled by the user, who may try another period */
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * sp_export_dialog_export_to:
 *
 * Writes the workbook of the chosen period to @file (what the file chooser
 * does on accepting); the dialog closes when it is done.
 */
void
sp_export_dialog_export_to (SpExportDialog *self,
                            GFile          *file)
{
  g_autofree char *path = NULL;
  SpPeriod period;

  g_return_if_fail (SP_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);

  if (self->store == NULL || !sp_export_dialog_get_period (self, &period))
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Choose a folder on this computer."));

      if (self->window != NULL)
        sp_window_show_error (self->window, _("The Workbook Was Not Saved"), error);
      return;
    }

  g_set_object (&self->file, file);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  sp_xlsx_export_async (self->store, &period, path, SP_XLSX_EXPORT_DEFAULT,
                        progress_cb, g_object_ref (self), g_object_unref, self->cancellable,
                        export_done_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(SpExportDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sp_export_dialog_export_to (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * sp_export_dialog_dup_suggested_file:
 *
 * The file the chooser offers for the chosen period: "SHOP PERIOD.xlsx"
 * in the Documents folder (see sp_export_name_suggest()).
 *
 * Returns: (transfer full) (nullable): the file, or %NULL without a valid period
 */
GFile *
sp_export_dialog_dup_suggested_file (SpExportDialog *self)
{
  g_autofree char *shop = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  SpPeriod period;

  g_return_val_if_fail (SP_IS_EXPORT_DIALOG (self), NULL);

  if (self->store == NULL || !sp_export_dialog_get_period (self, &period))
    return NULL;

  shop = sp_shop_dup_name (self->store);
  name = sp_export_name_suggest (shop, &period, "xlsx");
  folder = sp_export_name_dup_default_folder ();
  return g_file_new_build_filename (folder, name, NULL);
}

static void
export_clicked_cb (SpExportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) suggested = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  g_assert (SP_IS_EXPORT_DIALOG (self));

  if (!(suggested = sp_export_dialog_dup_suggested_file (self)))
    return;

  chooser = gtk_file_chooser_native_new (_("Export to Excel"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));

  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_mime_type (filter,
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  folder = g_file_get_parent (suggested);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  name = g_file_get_basename (suggested);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_clicked_cb (SpExportDialog *self)
{
  g_assert (SP_IS_EXPORT_DIALOG (self));
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing while exporting cancels the export; the dialog goes once it has stopped */
static gboolean
sp_export_dialog_close_request (GtkWindow *window)
{
  SpExportDialog *self = SP_EXPORT_DIALOG (window);

  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      gtk_progress_bar_set_text (self->progress_bar, _("Stopping…"));
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (sp_export_dialog_parent_class)->close_request (window);
}

static void
sp_export_dialog_dispose (GObject *object)
{
  SpExportDialog *self = SP_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (sp_export_dialog_parent_class)->dispose (object);
}

static void
sp_export_dialog_finalize (GObject *object)
{
  SpExportDialog *self = SP_EXPORT_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (sp_export_dialog_parent_class)->finalize (object);
}

static void
sp_export_dialog_class_init (SpExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sp_export_dialog_dispose;
  object_class->finalize = sp_export_dialog_finalize;
  window_class->close_request = sp_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sp-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SpExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, SpExportDialog, period_group);
  gtk_widget_class_bind_template_child (widget_class, SpExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, SpExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, SpExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, SpExportDialog, period_label);
  gtk_widget_class_bind_template_child (widget_class, SpExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, dates_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_export_dialog_init (SpExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sp_widget_setup_date_entry (GTK_WIDGET (self->from_row));
  sp_widget_setup_date_entry (GTK_WIDGET (self->to_row));
}

/**
 * sp_export_dialog_new:
 *
 * The dialog for @window's database, last month chosen.
 */
SpExportDialog *
sp_export_dialog_new (SpWindow *window)
{
  SpExportDialog *self;
  SpPeriod last_month;

  g_return_val_if_fail (SP_IS_WINDOW (window), NULL);

  self = g_object_new (SP_TYPE_EXPORT_DIALOG,
                       "transient-for", window,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  g_set_object (&self->store, sp_window_get_store (window));

  /* the custom days start as last month's */
  last_month = sp_export_range_get_period (SP_EXPORT_RANGE_LAST_MONTH, sp_date_today ());
  sp_export_dialog_set_custom (self, &last_month);
  sp_export_dialog_set_range (self, SP_EXPORT_RANGE_LAST_MONTH);

  return self;
}
