/* sp-report-page.c
 *
 * The Reports page: choose the period and the sections, see page by page
 * what will print, print it or save it as PDF.  The report is read from the
 * database once, on a worker; the preview, the printer and the PDF each lay
 * that same report out (SpReportLayout), so they say the same, whatever
 * happens to the file meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-report-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-export-name.h"
#include "sp-file-launcher.h"
#include "sp-range-popover.h"
#include "sp-report-page-private.h"
#include "sp-report-preview.h"
#include "sp-shop.h"
#include "sp-widget.h"
#include "sp-worker.h"

struct _SpReportPage
{
  AdwBin            parent_instance;

  SpStore          *store;
  SpReportOn        on;
  SpPeriod          period;
  SpReportSections  sections;

  SpReport         *report;           /* shown in the preview, printed and saved */
  GCancellable     *cancellable;      /* of the report's load */
  GPtrArray        *waiting;          /* Job: asked for while the report loads */
  guint             reload_source;
  gboolean          stale;            /* the data changed while the page was hidden */
  guint             jobs;             /* PDFs and print jobs waiting or under way */
  int               updating;

  GtkPrintSettings *print_settings;   /* as last printed */
  GtkPageSetup     *page_setup;

  GtkSwitch        *switches[SP_REPORT_N_SECTIONS];

  /* template */
  GtkStack         *stack;
  AdwComboRow      *kind_row;
  AdwActionRow     *period_row;
  GtkButton        *earlier_button;
  GtkButton        *later_button;
  AdwActionRow     *range_row;
  SpRangePopover   *range_popover;
  AdwPreferencesGroup *sections_group;
  SpReportPreview  *preview;
  GtkSpinner       *spinner;
  GtkLabel         *error_label;
  GtkButton        *page_back_button;
  GtkLabel         *page_label;
  GtkButton        *page_next_button;
};

G_DEFINE_FINAL_TYPE (SpReportPage, sp_report_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SpReportSections section_order[SP_REPORT_N_SECTIONS] = {
  SP_REPORT_SUMMARY,
  SP_REPORT_FINDINGS,
  SP_REPORT_CORE_CHARTS,
  SP_REPORT_FIRST_RESPONSE,
  SP_REPORT_VOLUME,
  SP_REPORT_AGENTS,
  SP_REPORT_GOALS,
  SP_REPORT_NOTES,
};

static const char *section_hints[SP_REPORT_N_SECTIONS] = {
  N_("Every KPI against the period before and its benchmark"),
  N_("The findings, most important first"),
  N_("CSAT, FCR, first response and escalations over a year"),
  N_("Each channel against its target"),
  N_("Where the contacts came from and what about"),
  N_("A scorecard for each agent, against the team"),
  N_("Progress and status of each goal"),
  N_("What you wrote in the month’s review"),
};

/* The paper: as last printed, else the locale's */
static void
get_paper (SpReportPage *self,
           double       *width,
           double       *height)
{
  if (self->page_setup != NULL)
    {
      *width = gtk_page_setup_get_paper_width (self->page_setup, GTK_UNIT_POINTS);
      *height = gtk_page_setup_get_paper_height (self->page_setup, GTK_UNIT_POINTS);
      if (gtk_page_setup_get_orientation (self->page_setup) == GTK_PAGE_ORIENTATION_LANDSCAPE)
        {
          double t = *width;

          *width = *height;
          *height = t;
        }
      return;
    }

  sp_paper_get_size (sp_paper_for_locale (NULL), width, height);
}

static void
show_error (SpReportPage *self,
            const char   *heading,
            const GError *error)
{
  if (!sp_widget_show_error (GTK_WIDGET (self), heading, error))
    g_warning ("%s: %s", heading, error->message);
}

/* The preview */

static void
update_pages (SpReportPage *self)
{
  SpReportLayout *layout = sp_report_preview_get_layout (self->preview);
  guint n = layout ? sp_report_layout_get_n_pages (layout) : 0;
  guint page = sp_report_preview_get_page (self->preview);
  g_autofree char *label = NULL;

  if (n > 0)
    /* TRANSLATORS: under the report's preview */
    label = g_strdup_printf (_("Page %u of %u"), page + 1, n);
  gtk_label_set_label (self->page_label, label ? label : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->page_back_button), n > 0 && page > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page_next_button), page + 1 < n);
}

static void
set_loading (SpReportPage *self,
             gboolean      loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

static void run_waiting  (SpReportPage *self);
static void drop_waiting (SpReportPage *self,
                          const GError *error);

static void
preview_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SpReportPage) self = user_data;
  SpReport *report = SP_REPORT (object);
  g_autoptr(SpReportLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  double width, height;

  if (!sp_report_load_finish (report, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || report != self->report)
        return;

      set_loading (self, FALSE);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      drop_waiting (self, error);
      /* printing or saving later tries again */
      g_clear_object (&self->report);
      return;
    }

  if (report != self->report)
    return;

  set_loading (self, FALSE);
  get_paper (self, &width, &height);
  layout = sp_report_layout_new (report, width, height);
  sp_report_preview_set_layout (self->preview, layout);
  update_pages (self);
  run_waiting (self);
}

/* The paper changed: the same report on other pages */
static void
relayout (SpReportPage *self)
{
  g_autoptr(SpReportLayout) layout = NULL;
  double width, height;

  if (self->report == NULL || !sp_report_is_loaded (self->report))
    return;

  get_paper (self, &width, &height);
  layout = sp_report_layout_new (self->report, width, height);
  sp_report_preview_set_layout (self->preview, layout);
  update_pages (self);
}

static void
reload_now (SpReportPage *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);

  sp_report_preview_set_layout (self->preview, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_pages (self);
  self->stale = FALSE;

  /* what was asked for while the report loaded waits for the newest one */
  if (self->store == NULL)
    {
      set_loading (self, FALSE);
      drop_waiting (self, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->report = sp_report_new (&self->period, self->sections);
  set_loading (self, TRUE);
  sp_report_load_async (self->report, self->store, self->cancellable, preview_loaded_cb,
                        g_object_ref (self));
}

static gboolean
reload_cb (gpointer data)
{
  SpReportPage *self = data;

  self->reload_source = 0;
  reload_now (self);
  return G_SOURCE_REMOVE;
}

/* Several changes in a row (a switch flicked, a month skipped through) are one reload */
static void
schedule_reload (SpReportPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  if (self->reload_source == 0)
    self->reload_source = g_timeout_add_full (G_PRIORITY_DEFAULT, 150, reload_cb, self, NULL);
}

static void
store_changed_cb (SpReportPage *self,
                  guint         changes)
{
  schedule_reload (self);
}

static void
map_cb (SpReportPage *self)
{
  if (self->stale || self->report == NULL)
    reload_now (self);
}

static void
page_back_cb (SpReportPage *self)
{
  guint page = sp_report_preview_get_page (self->preview);

  if (page > 0)
    sp_report_preview_set_page (self->preview, page - 1);
  update_pages (self);
}

static void
page_next_cb (SpReportPage *self)
{
  sp_report_preview_set_page (self->preview, sp_report_preview_get_page (self->preview) + 1);
  update_pages (self);
}

/* The period */

static SpPeriod
period_holding (SpReportOn on,
                SpDate     day)
{
  if (on == SP_REPORT_ON_QUARTER)
    return sp_period_make (sp_date_quarter_start (day), sp_date_quarter_end (day));
  return sp_period_make (sp_date_month_start (day), sp_date_month_end (day));
}

static void
update_period_rows (SpReportPage *self)
{
  g_autofree char *text = sp_period_format (&self->period);
  SpDate today = sp_date_today ();
  const char *earlier, *later;

  self->updating++;
  adw_combo_row_set_selected (self->kind_row, self->on);
  self->updating--;

  gtk_widget_set_visible (GTK_WIDGET (self->period_row), self->on != SP_REPORT_ON_DAYS);
  gtk_widget_set_visible (GTK_WIDGET (self->range_row), self->on == SP_REPORT_ON_DAYS);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->period_row),
                                 self->on == SP_REPORT_ON_QUARTER ? _("Quarter") : _("Month"));
  adw_action_row_set_subtitle (self->period_row, text);
  adw_action_row_set_subtitle (self->range_row, text);
  sp_range_popover_set_period (self->range_popover, &self->period);

  /* up to the month or quarter under way, so far */
  gtk_widget_set_sensitive (GTK_WIDGET (self->later_button), self->period.to < today);
  earlier = self->on == SP_REPORT_ON_QUARTER ? _("Previous Quarter") : _("Previous Month");
  later = self->on == SP_REPORT_ON_QUARTER ? _("Next Quarter") : _("Next Month");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->earlier_button), earlier);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->later_button), later);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->earlier_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, earlier, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->later_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, later, -1);
}

void
sp_report_page_set_period (SpReportPage   *self,
                           SpReportOn      on,
                           const SpPeriod *period)
{
  g_return_if_fail (SP_IS_REPORT_PAGE (self));
  g_return_if_fail (period != NULL && period->from <= period->to);

  self->on = on;
  self->period = on == SP_REPORT_ON_DAYS ? *period : period_holding (on, period->from);
  update_period_rows (self);
  schedule_reload (self);
}

SpReportOn
sp_report_page_get_period (SpReportPage *self,
                           SpPeriod     *period)
{
  g_return_val_if_fail (SP_IS_REPORT_PAGE (self), SP_REPORT_ON_MONTH);

  if (period != NULL)
    *period = self->period;
  return self->on;
}

static void
kind_changed_cb (SpReportPage *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (self->updating > 0 || selected > SP_REPORT_ON_DAYS)
    return;

  if (selected == SP_REPORT_ON_DAYS)
    {
      /* the days are the period's until others are chosen */
      sp_report_page_set_period (self, SP_REPORT_ON_DAYS, &self->period);
      return;
    }

  sp_report_page_set_period (self, selected, &self->period);
}

static void
shift_period (SpReportPage *self,
              int           direction)
{
  int months = self->on == SP_REPORT_ON_QUARTER ? 3 : 1;
  SpPeriod next = period_holding (self->on,
                                  sp_date_add_months (self->period.from, direction * months));

  if (next.from > sp_date_today ())
    return;
  sp_report_page_set_period (self, self->on, &next);
}

static void
earlier_cb (SpReportPage *self)
{
  shift_period (self, -1);
}

static void
later_cb (SpReportPage *self)
{
  shift_period (self, 1);
}

static void
range_apply_cb (SpReportPage   *self,
                const SpPeriod *days)
{
  sp_report_page_set_period (self, SP_REPORT_ON_DAYS, days);
}

/* Sections */

void
sp_report_page_set_sections (SpReportPage     *self,
                             SpReportSections  sections)
{
  g_return_if_fail (SP_IS_REPORT_PAGE (self));

  self->sections = sections & SP_REPORT_ALL_SECTIONS;

  self->updating++;
  for (guint i = 0; i < SP_REPORT_N_SECTIONS; i++)
    gtk_switch_set_active (self->switches[i], (self->sections & section_order[i]) != 0);
  self->updating--;

  schedule_reload (self);
}

SpReportSections
sp_report_page_get_sections (SpReportPage *self)
{
  g_return_val_if_fail (SP_IS_REPORT_PAGE (self), 0);
  return self->sections;
}

static void
switch_cb (SpReportPage *self)
{
  SpReportSections sections = 0;

  if (self->updating > 0)
    return;

  for (guint i = 0; i < SP_REPORT_N_SECTIONS; i++)
    if (gtk_switch_get_active (self->switches[i]))
      sections |= section_order[i];

  self->sections = sections;
  schedule_reload (self);
}

static void
add_section_rows (SpReportPage *self)
{
  for (guint i = 0; i < SP_REPORT_N_SECTIONS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     sp_report_section_get_title (section_order[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(section_hints[i]));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sp_report_section_get_title (section_order[i]), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (self->sections_group, row);

      self->switches[i] = GTK_SWITCH (toggle);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (switch_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

/*
 * Printing and PDF use the report the preview shows, laid out again for
 * the paper: they never read the database.  Asked for while the report
 * loads, they wait for it.
 */

typedef struct
{
  SpReportPage      *page;
  GFile             *file;          /* a PDF to write, or NULL to print */
  char              *export_path;   /* print straight to this PDF, without a dialog (tests) */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->page);
  g_clear_object (&job->file);
  g_free (job->export_path);
  g_free (job);
}

static void
job_done (SpReportPage *self)
{
  self->jobs--;
}

static void
pdf_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = user_data;
  SpReportPage *self = job->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  job_done (self);

  if (!sp_report_layout_save_pdf_finish (result, &error))
    {
      show_error (self, _("The Report Was Not Saved"), error);
      job_free (job);
      return;
    }

  name = g_file_get_basename (job->file);
  /* TRANSLATORS: %s is the PDF file */
  title = g_strdup_printf (_("Saved the report as “%s”"), name);
  toast = sp_file_launcher_new_toast (title, job->file);
  sp_widget_add_toast (GTK_WIDGET (self), toast);
  job_free (job);
}

/* What a print operation prints: the report, laid out when the paper is known */
typedef struct
{
  SpReport       *report;
  SpReportLayout *layout;
} Printing;

static void
printing_free (gpointer data)
{
  Printing *printing = data;

  g_clear_object (&printing->layout);
  g_clear_object (&printing->report);
  g_free (printing);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Printing          *printing)
{
  g_clear_object (&printing->layout);
  printing->layout = sp_report_layout_new (printing->report,
                                           gtk_print_context_get_width (context),
                                           gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, sp_report_layout_get_n_pages (printing->layout));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Printing          *printing)
{
  sp_report_layout_draw_page (printing->layout, gtk_print_context_get_cairo_context (context),
                              page);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               SpReportPage            *self)
{
  g_autoptr(GError) error = NULL;

  job_done (self);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_error (self, _("The Report Was Not Printed"), error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
      GtkPaperSize *paper = settings ? gtk_print_settings_get_paper_size (settings) : NULL;

      g_set_object (&self->print_settings, settings);

      /* the preview shows the paper the report was printed on */
      if (paper != NULL)
        {
          g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();

          gtk_page_setup_set_paper_size (setup, paper);
          gtk_page_setup_set_orientation (setup, gtk_print_settings_get_orientation (settings));
          gtk_paper_size_free (paper);
          if (g_set_object (&self->page_setup, setup))
            relayout (self);
        }
    }

  g_object_unref (self);
}

static void
run_print (SpReportPage *self,
           Job          *job)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = sp_report_dup_title (self->report);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkPrintOperationResult result;
  Printing *printing = g_new0 (Printing, 1);

  printing->report = g_object_ref (self->report);
  g_object_set_data_full (G_OBJECT (operation), "sp-printing", printing, printing_free);

  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, self->print_settings);
  if (self->page_setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, self->page_setup);
  if (job->export_path != NULL)
    gtk_print_operation_set_export_filename (operation, job->export_path);

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), printing);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), printing);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), g_object_ref (self));

  result = gtk_print_operation_run (operation,
                                    job->export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                     : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);

  /* "done" follows only when the operation ran (or runs on) */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (!gtk_print_operation_is_finished (operation))
        {
          job_done (self);
          g_object_unref (self);
        }
      show_error (self, _("The Report Was Not Printed"), error);
    }
}

/* Takes @job; the report is loaded */
static void
run_job (SpReportPage *self,
         Job          *job)
{
  g_autofree char *path = NULL;
  double width, height;

  g_assert (sp_report_is_loaded (self->report));

  if (job->file == NULL)
    {
      run_print (self, job);
      job_free (job);
      return;
    }

  path = g_file_get_path (job->file);
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("The report can only be saved in a "
                                                       "folder on this computer."));

      job_done (self);
      show_error (self, _("The Report Was Not Saved"), error);
      job_free (job);
      return;
    }

  get_paper (self, &width, &height);
  sp_report_layout_save_pdf_async (self->report, width, height, path, NULL, pdf_done_cb, job);
}

static void
run_waiting (SpReportPage *self)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new ();
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    run_job (self, g_ptr_array_index (waiting, i));
}

/* The report could not be loaded (@error), or there is none to load (NULL) */
static void
drop_waiting (SpReportPage *self,
              const GError *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new ();
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      Job *job = g_ptr_array_index (waiting, i);

      job_done (self);
      if (error != NULL)
        show_error (self, job->file ? _("The Report Was Not Saved")
                                    : _("The Report Was Not Printed"), error);
      job_free (job);
    }
}

static void
start_job (SpReportPage *self,
           GFile        *file,
           const char   *export_path)
{
  Job *job;

  if (self->store == NULL)
    return;

  job = g_new0 (Job, 1);
  job->page = g_object_ref (self);
  job->file = file ? g_object_ref (file) : NULL;
  job->export_path = g_strdup (export_path);

  self->jobs++;
  if (self->report != NULL && sp_report_is_loaded (self->report))
    run_job (self, job);
  else
    {
      g_ptr_array_add (self->waiting, job);
      if (self->report == NULL)
        reload_now (self);
    }
}

void
sp_report_page_print (SpReportPage *self)
{
  g_return_if_fail (SP_IS_REPORT_PAGE (self));
  start_job (self, NULL, NULL);
}

void
sp_report_page_export_printed (SpReportPage *self,
                               const char   *path)
{
  g_return_if_fail (SP_IS_REPORT_PAGE (self));
  g_return_if_fail (path != NULL);
  start_job (self, NULL, path);
}

void
sp_report_page_export_pdf (SpReportPage *self,
                           GFile        *file)
{
  g_return_if_fail (SP_IS_REPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  start_job (self, file, NULL);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(SpReportPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      sp_report_page_export_pdf (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/**
 * sp_report_page_dup_suggested_file:
 *
 * The file Save PDF offers: "SHOP PERIOD.pdf" in the Documents folder
 * (see sp_export_name_suggest()).
 *
 * Returns: (transfer full) (nullable): the file, or %NULL without a database
 */
GFile *
sp_report_page_dup_suggested_file (SpReportPage *self)
{
  g_autofree char *shop = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (SP_IS_REPORT_PAGE (self), NULL);

  if (self->store == NULL)
    return NULL;

  shop = sp_shop_dup_name (self->store);
  name = sp_export_name_suggest (shop, &self->period, "pdf");
  folder = sp_export_name_dup_default_folder ();
  return g_file_new_build_filename (folder, name, NULL);
}

void
sp_report_page_save_pdf (SpReportPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) suggested = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;
  GtkRoot *root;

  g_return_if_fail (SP_IS_REPORT_PAGE (self));

  if (!(suggested = sp_report_page_dup_suggested_file (self)))
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  native = gtk_file_chooser_native_new (_("Save the Report as PDF"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  folder = g_file_get_parent (suggested);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  name = g_file_get_basename (suggested);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

gboolean
sp_report_page_is_busy (SpReportPage *self)
{
  g_return_val_if_fail (SP_IS_REPORT_PAGE (self), FALSE);

  return self->jobs > 0 || self->reload_source != 0 ||
         (self->report != NULL && !sp_report_is_loaded (self->report));
}

SpReportLayout *
sp_report_page_get_preview (SpReportPage *self)
{
  g_return_val_if_fail (SP_IS_REPORT_PAGE (self), NULL);
  return sp_report_preview_get_layout (self->preview);
}

/* The store */

SpStore *
sp_report_page_get_store (SpReportPage *self)
{
  g_return_val_if_fail (SP_IS_REPORT_PAGE (self), NULL);
  return self->store;
}

void
sp_report_page_set_store (SpReportPage *self,
                          SpStore      *store)
{
  g_return_if_fail (SP_IS_REPORT_PAGE (self));
  g_return_if_fail (!store || SP_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, store ? "report" : "empty");

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_now (self);
  else
    {
      /* nothing is kept of another database's report */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->report);
      sp_report_preview_set_layout (self->preview, NULL);
      drop_waiting (self, NULL);
      self->stale = TRUE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
sp_report_page_dispose (GObject *object)
{
  SpReportPage *self = SP_REPORT_PAGE (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  if (self->waiting != NULL)
    drop_waiting (self, NULL);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->print_settings);
  g_clear_object (&self->page_setup);

  G_OBJECT_CLASS (sp_report_page_parent_class)->dispose (object);
}

static void
sp_report_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SpReportPage *self = SP_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_report_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SpReportPage *self = SP_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sp_report_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_report_page_class_init (SpReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_report_page_dispose;
  object_class->get_property = sp_report_page_get_property;
  object_class->set_property = sp_report_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SP_TYPE_RANGE_POPOVER);
  g_type_ensure (SP_TYPE_REPORT_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, earlier_button);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, later_button);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, range_row);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, range_popover);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, sections_group);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, preview);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, page_back_button);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, page_label);
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, page_next_button);
}

static void
sp_report_page_init (SpReportPage *self)
{
  SpDate last_month = sp_date_add_months (sp_date_month_start (sp_date_today ()), -1);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->waiting = g_ptr_array_new ();
  self->on = SP_REPORT_ON_MONTH;
  self->period = period_holding (SP_REPORT_ON_MONTH, last_month);
  self->sections = SP_REPORT_ALL_SECTIONS;

  add_section_rows (self);
  update_period_rows (self);
  update_pages (self);
  set_loading (self, FALSE);

  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->earlier_button, "clicked", G_CALLBACK (earlier_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->later_button, "clicked", G_CALLBACK (later_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->range_popover, "apply", G_CALLBACK (range_apply_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_back_button, "clicked", G_CALLBACK (page_back_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page_next_button, "clicked", G_CALLBACK (page_next_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}
