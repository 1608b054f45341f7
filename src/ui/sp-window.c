/* sp-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-contact-form.h"
#include "sp-dashboard-page.h"
#include "sp-export-dialog.h"
#include "sp-goals-page.h"
#include "sp-import.h"
#include "sp-kpi.h"
#include "sp-log-page.h"
#include "sp-preferences-window.h"
#include "sp-report-page.h"
#include "sp-window-safety.h"
#include "sp-shop.h"
#include "sp-survey-form.h"
#include "sp-widget.h"
#include "sp-window.h"

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *database_path;
  SpStore              *store;
  guint                 outside_source;
  AdwToast             *outside_toast;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  SpDashboardPage      *dashboard_page;
  SpLogPage            *log_page;
  SpGoalsPage          *goals_page;
  SpReportPage         *report_page;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (SpWindow, sp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SpWindow *
sp_window_new (SpApplication *application,
               const char    *database_path)
{
  return g_object_new (SP_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       NULL);
}

const char *
sp_window_get_database_path (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return self->database_path;
}

/* The open database, or NULL when it could not be opened. */
SpStore *
sp_window_get_store (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  return self->store;
}

void
sp_window_show_page (SpWindow   *self,
                     const char *name)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* Opens the Log on the contacts @filter lets through */
/* Opens the Goals page on one goal's page */
void
sp_window_show_goal (SpWindow *self,
                     gint64    goal_id)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  sp_window_show_page (self, "goals");
  sp_goals_page_show_goal (self->goals_page, goal_id);
}

void
sp_window_show_contacts (SpWindow              *self,
                         const SpContactFilter *filter)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (filter != NULL);

  sp_window_show_page (self, "log");
  sp_log_page_show_contacts (self->log_page, filter);
}

void
sp_window_show_answers (SpWindow             *self,
                        const SpSurveyFilter *filter)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (filter != NULL);

  sp_window_show_page (self, "log");
  sp_log_page_show_answers (self->log_page, filter);
}

void
sp_window_add_toast (SpWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Shows a failure the user must read, with what to do about it. */
void
sp_window_show_error (SpWindow     *self,
                      const char   *heading,
                      const GError *error)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  sp_widget_show_error (GTK_WIDGET (self), heading, error);
}

static void
update_actions (SpWindow *self)
{
  gboolean has_store = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.log-contact", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.record-survey", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forget-customer", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-report", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", has_store);
}

/* Shows the page that says why the database can't be used and what to do. */
void
sp_window_show_database_error (SpWindow     *self,
                               const GError *error)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  sp_window_close_store (self);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static void
open_store (SpWindow *self)
{
  g_autoptr(GError) error = NULL;

  /*
   * Checking every page of a large file takes seconds, so the window opens
   * at once and the check runs on a thread, before the day's backup; a file
   * that needs an update is checked before it is written to (sp_store_open).
   */
  self->store = sp_store_open (self->database_path, SP_STORE_OPEN_DEFAULT, &error);
  update_actions (self);

  if (self->store == NULL)
    {
      sp_window_show_database_error (self, error);
      return;
    }

  sp_store_check_outside_changes (self->store, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "app");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  sp_window_safety_check_and_back_up (self);
}

/* Lets go of the database, e.g. before restoring a backup over it. */
void
sp_window_close_store (SpWindow *self)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  g_clear_object (&self->store);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* Opens @path (or the same database again, when %NULL) in this window. */
void
sp_window_open_database (SpWindow   *self,
                         const char *path)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  sp_window_close_store (self);

  if (path != NULL && g_strcmp0 (path, self->database_path) != 0)
    {
      g_free (self->database_path);
      self->database_path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
    }

  open_store (self);
}

/* Changes another program (e.g. the command line) committed to the file */

static void
check_outside_changes (SpWindow *self)
{
  SpStoreOutside outside;
  const char *title;

  g_assert (SP_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  outside = sp_store_check_outside_changes (self->store, NULL);
  if (outside == SP_STORE_OUTSIDE_NONE)
    return;

  if (outside == SP_STORE_OUTSIDE_RESTORED)
    title = _("The shop was restored from a backup by another program; showing it now.");
  else
    title = _("Updated with changes made by another program");

  /* one toast, however often the other program saves */
  if (self->outside_toast != NULL)
    {
      if (outside == SP_STORE_OUTSIDE_RESTORED)
        adw_toast_set_title (self->outside_toast, title);
      return;
    }

  self->outside_toast = adw_toast_new (title);
  g_object_add_weak_pointer (G_OBJECT (self->outside_toast), (gpointer *) &self->outside_toast);
  sp_window_add_toast (self, self->outside_toast);
}

static gboolean
outside_tick_cb (gpointer user_data)
{
  check_outside_changes (SP_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
sp_window_map (GtkWidget *widget)
{
  SpWindow *self = SP_WINDOW (widget);

  GTK_WIDGET_CLASS (sp_window_parent_class)->map (widget);

  /* PRAGMA data_version costs next to nothing, so asking every two
   * seconds while the window shows is cheaper than watching the file */
  if (self->outside_source == 0)
    self->outside_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, 2, outside_tick_cb,
                                                       self, NULL);
}

static void
sp_window_unmap (GtkWidget *widget)
{
  SpWindow *self = SP_WINDOW (widget);

  g_clear_handle_id (&self->outside_source, g_source_remove);

  GTK_WIDGET_CLASS (sp_window_parent_class)->unmap (widget);
}

/* Import */

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(SpWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  SpImportKind kind;
  gsize length = 0;
  guint n = 0;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  basename = g_file_get_basename (file);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      sp_window_show_error (self, _("The File Can't Be Read"), error);
      goto out;
    }

  if (!sp_import_guess_kind (contents, length, &kind))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The first row of “%s” does not name the columns of contacts, survey "
                     "answers, shifts or month figures. See the README for the columns of "
                     "each."), basename);
      sp_window_show_error (self, _("Nothing Was Imported"), error);
      goto out;
    }

  if (!sp_import_data (self->store, kind, basename, contents, length, &n, &error))
    {
      sp_window_show_error (self, _("Nothing Was Imported"), error);
      goto out;
    }

  {
    g_autofree char *title = NULL;

    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u row from “%s”",
                                          "Imported %u rows from “%s”", n), n, basename);
    sp_window_add_toast (self, adw_toast_new (title));
  }

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import a CSV File"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (sp_export_dialog_new (self)));
}

static void
log_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  SpContactForm *form;

  if (self->store == NULL)
    return;

  form = sp_contact_form_new (self->store, NULL);
  sp_form_present (SP_FORM (form), GTK_WIDGET (self));
}

static void
record_survey_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);

  if (self->store == NULL)
    return;

  sp_form_present (SP_FORM (sp_survey_form_new (self->store, NULL)), GTK_WIDGET (self));
}

/* The report: the Reports page holds what it covers */

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  sp_report_page_print (SP_WINDOW (widget)->report_page);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  sp_report_page_save_pdf (SP_WINDOW (widget)->report_page);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (sp_preferences_window_new (GTK_WINDOW (self), self->store)));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  sp_window_show_page (SP_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Window state */

static void
save_window_state (SpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = app ? sp_application_get_settings (SP_APPLICATION (app)) : NULL;
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
restore_window_state (SpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = app ? sp_application_get_settings (SP_APPLICATION (app)) : NULL;
  int width, height;

  if (settings == NULL)
    return;

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
sp_window_close_request (GtkWindow *window)
{
  /* an open form with unsaved changes asks first */
  if (!sp_form_close_all (window))
    return TRUE;

  save_window_state (SP_WINDOW (window));
  return GTK_WINDOW_CLASS (sp_window_parent_class)->close_request (window);
}

static void
sp_window_constructed (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  G_OBJECT_CLASS (sp_window_parent_class)->constructed (object);

  restore_window_state (self);
  open_store (self);
}

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_handle_id (&self->outside_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);

  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_finalize (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->database_path, g_free);
  if (self->outside_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->outside_toast),
                                  (gpointer *) &self->outside_toast);

  G_OBJECT_CLASS (sp_window_parent_class)->finalize (object);
}

static void
sp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SpWindow *self = SP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SpWindow *self = SP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_window_class_init (SpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sp_window_constructed;
  object_class->dispose = sp_window_dispose;
  object_class->finalize = sp_window_finalize;
  object_class->get_property = sp_window_get_property;
  object_class->set_property = sp_window_set_property;

  window_class->close_request = sp_window_close_request;
  widget_class->map = sp_window_map;
  widget_class->unmap = sp_window_unmap;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SP_TYPE_DASHBOARD_PAGE);
  g_type_ensure (SP_TYPE_LOG_PAGE);
  g_type_ensure (SP_TYPE_GOALS_PAGE);
  g_type_ensure (SP_TYPE_REPORT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, log_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, goals_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, report_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, error_page);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.log-contact", NULL, log_contact_action);
  gtk_widget_class_install_action (widget_class, "win.record-survey", NULL,
                                   record_survey_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  sp_window_safety_install_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", "dashboard");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", "log");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-page", "s", "goals");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.show-page", "s", "reports");
}

/* Each window's pages write money with their own shop's symbol: only the file is checked */
static void
active_changed_cb (SpWindow *self)
{
  if (self->store == NULL || !gtk_window_is_active (GTK_WINDOW (self)))
    return;

  check_outside_changes (self);
}

static void
sp_window_init (SpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  g_object_bind_property (self, "store", self->dashboard_page, "store", G_BINDING_DEFAULT);
  g_object_bind_property (self, "store", self->log_page, "store", G_BINDING_DEFAULT);
  g_object_bind_property (self, "store", self->goals_page, "store", G_BINDING_DEFAULT);
  g_object_bind_property (self, "store", self->report_page, "store", G_BINDING_DEFAULT);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);
}
