/* sp-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sp-contact-form.h"
#include "sp-error.h"
#include "sp-form.h"
#include "sp-dashboard-page.h"
#include "sp-export-dialog.h"
#include "sp-goals-page.h"
#include "sp-import-assistant.h"
#include "sp-kpi.h"
#include "sp-parse.h"
#include "sp-database-page.h"
#include "sp-log-page.h"
#include "sp-preferences-window.h"
#include "sp-report-page.h"
#include "sp-role.h"
#include "sp-sample-shop.h"
#include "sp-server-login.h"
#include "sp-setup-dialog.h"
#include "sp-window-safety.h"
#include "sp-shop.h"
#include "sp-survey-form.h"
#include "sp-undo.h"
#include "sp-widget.h"
#include "sp-window.h"
#include "sp-worker.h"

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *database_path;
  SpStore              *store;
  guint                 outside_source;
  AdwToast             *outside_toast;
  AdwToast             *owner_only_toast;
  GMenuModel           *primary_menu;
  gboolean              restoring_here;   /* the shop on the server, restored from here */
  GSource              *server_watch;     /* a server's announcements of changes */
  AdwToast             *offline_toast;    /* while the shop's server can't be reached */
  /* the owner's shop to go back to from the sample shop */
  char                 *own_path;
  GCancellable         *sample_cancellable;
  GCancellable         *open_cancellable;   /* a server's shop being opened on a worker */
  guint                 open_retry_id;      /* the next try, while its server is away */
  AdwToast             *sample_toast;
  /* the toasts shown or waiting, to take away with the shop they speak of */
  GPtrArray            *toasts;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwWindowTitle       *welcome_title;
  AdwWindowTitle       *shop_title;
  GtkRevealer          *sample_revealer;
  GtkRevealer          *unnamed_revealer;
  GtkSpinner           *explore_spinner;
  GtkButton            *setup_button;
  GMenu                *shop_section;
  AdwViewStack         *view_stack;
  SpDashboardPage      *dashboard_page;
  SpLogPage            *log_page;
  SpGoalsPage          *goals_page;
  SpReportPage         *report_page;
  AdwStatusPage        *error_page;
  GtkButton            *restore_button;
  GtkButton            *server_settings_button;
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

static void
toast_dismissed_cb (SpWindow *self,
                    AdwToast *toast)
{
  g_assert (SP_IS_WINDOW (self));

  g_signal_handlers_disconnect_by_data (toast, self);
  g_ptr_array_remove (self->toasts, toast);
}

void
sp_window_add_toast (SpWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/*
 * Takes @toast away, shown or waiting its turn; one dismissed already (gone,
 * or still fading out) is left alone: dismissing it twice would confuse the
 * overlay.
 */
void
sp_window_dismiss_toast (SpWindow *self,
                         AdwToast *toast)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (g_ptr_array_find (self->toasts, toast, NULL))
    adw_toast_dismiss (toast);
}

/* Takes away every toast, shown or waiting its turn */
static void
dismiss_toasts (SpWindow *self)
{
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_object_unref);

  /* each one, dismissed, leaves the window's list */
  for (guint i = 0; i < self->toasts->len; i++)
    g_ptr_array_add (toasts, g_object_ref (g_ptr_array_index (self->toasts, i)));
  for (guint i = 0; i < toasts->len; i++)
    adw_toast_dismiss (g_ptr_array_index (toasts, i));
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

/* What only the shop's owner may do, and why the user can't when staff */
static const char * const owner_only_actions[] = {
  "win.import",
  "win.export",
  "win.backup-to",
  "win.restore",
  "win.forget-customer",
  "win.setup-shop",
};

static void
update_actions (SpWindow *self)
{
  gboolean has_store = self->store != NULL;
  gboolean owner = sp_role_is_owner (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.log-contact", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.record-survey", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.explore-sample",
                                 self->sample_cancellable == NULL);

  /* a login of the staff group: the server would refuse these, so they are off from the start */
  for (guint i = 0; i < G_N_ELEMENTS (owner_only_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), owner_only_actions[i],
                                   has_store && owner);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-report", has_store);

  /* a shop that can't be opened can still be restored from a backup, by its owner */
  if (!has_store)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", TRUE);

  /* a server's shop has no backups folder on this computer: Back Up Now asks where a copy goes,
   * as Back Up To does, and takes the whole shop out of the server, which is the owner's */
  if (self->store != NULL && sp_store_is_on_server (self->store))
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", owner);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->setup_button),
                               owner ? NULL : sp_role_get_owner_only ());
  sp_goals_page_set_read_only (self->goals_page, !owner);
}

/**
 * sp_window_set_restoring_here:
 *
 * Whether the window itself is restoring the shop on its server: the
 * restore it then sees is not another program's.
 */
void
sp_window_set_restoring_here (SpWindow *self,
                              gboolean  restoring)
{
  g_return_if_fail (SP_IS_WINDOW (self));
  self->restoring_here = !!restoring;
}

gboolean
sp_window_is_sample (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), FALSE);
  return sp_sample_shop_is_path (self->database_path);
}

/* The title names the shop, the subtitle its file */
static void
update_title (SpWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *tooltip = NULL;
  const char *title;

  g_assert (SP_IS_WINDOW (self));

  if (self->store != NULL)
    name = sp_shop_dup_name (self->store);
  title = name != NULL ? name : _("Service Pulse");

  if (self->database_path != NULL && sp_store_is_server_address (self->database_path))
    {
      g_auto(SpServerLogin) login = { 0 };

      /* the database and its server; the address may hold the CA certificate's path */
      if (sp_server_login_parse (&login, self->database_path))
        file = sp_server_login_dup_display (&login);
      path = g_strdup (file);

      /* who is signed in, and as what: staff and owner see different windows */
      if (self->store != NULL && file != NULL)
        {
          g_autofree char *who = sp_store_dup_login (self->store);
          char *both;

          if (sp_store_get_role (self->store) == SP_STORE_ROLE_STAFF)
            /* TRANSLATORS: the shop on its server, then the login of a staff member */
            both = g_strdup_printf (_("%s · %s, staff"), file, who);
          else
            /* TRANSLATORS: the shop on its server, then the login of the shop's owner */
            both = g_strdup_printf (_("%s · %s, owner"), file, who);
          g_free (file);
          file = both;
        }
    }
  else if (self->database_path != NULL)
    {
      file = g_filename_display_basename (self->database_path);
      path = g_filename_display_name (self->database_path);
    }

  /* a long name is cut short beside the page buttons: the tooltip has it whole, with where the
   * shop is kept (and, on a server, who is signed in) */
  if (self->store != NULL && file != NULL)
    tooltip = g_strdup_printf ("%s\n%s", title,
                               sp_store_is_server_address (self->database_path) ? file : path);
  else
    tooltip = g_strdup (path);

  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, file ? file : "");
  adw_window_title_set_title (self->shop_title, title);
  adw_window_title_set_subtitle (self->shop_title, file ? file : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->shop_title), tooltip);
  adw_window_title_set_title (self->welcome_title, title);
  adw_window_title_set_subtitle (self->welcome_title, file ? file : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->welcome_title), tooltip);

  /* TRANSLATORS: the window's title: the shop's name, then the app's */
  window_title = name != NULL ? g_strdup_printf (_("%s — Service Pulse"), name)
                              : g_strdup (_("Service Pulse"));
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* A shop with nothing in it, not set up yet, starts on the welcome page */
static gboolean
wants_welcome (SpWindow *self)
{
  g_autofree char *name = NULL;

  g_assert (SP_IS_WINDOW (self));

  if (self->store == NULL || sp_window_is_sample (self) || !sp_store_is_empty (self->store))
    return FALSE;

  name = sp_shop_dup_name (self->store);
  return name == NULL;
}

static void
update_page (SpWindow *self)
{
  g_assert (SP_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  if (wants_welcome (self))
    {
      /* Enter sets the shop up */
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") != 0)
        {
          gtk_stack_set_visible_child_name (self->main_stack, "welcome");
          gtk_widget_grab_focus (GTK_WIDGET (self->setup_button));
        }
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "app");
    }
  gtk_revealer_set_reveal_child (self->sample_revealer, sp_window_is_sample (self));

  /* a shop whose first contact came before its setup keeps offering the setup */
  {
    g_autofree char *name = sp_window_is_sample (self) ? NULL : sp_shop_dup_name (self->store);

    gtk_revealer_set_reveal_child (self->unnamed_revealer,
                                   !sp_window_is_sample (self) &&
                                   (name == NULL || sp_str_is_blank (name)));
  }
}

static void
store_changed_cb (SpWindow       *self,
                  SpStoreChanges  changes)
{
  g_assert (SP_IS_WINDOW (self));

  if (changes & SP_STORE_CHANGE_SETTINGS)
    update_title (self);
  update_page (self);
}

/* A recent shop as the owner knows it: its name, read without writing to
 * the file; the file's name when it has none or can't be read */
static char *
dup_recent_name (const char *path)
{
  g_autoptr(SpStore) store = NULL;
  g_autofree char *name = NULL;

  if (!sp_store_is_server_address (path) &&
      (store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY | SP_STORE_OPEN_NO_CREATE, NULL)))
    name = sp_shop_dup_name (store);

  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_filename_display_basename (path);
    }
  return g_steal_pointer (&name);
}

/* The main menu's first part: the shop files */
static void
update_shop_menu (SpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_auto(GStrv) recent = NULL;
  g_autoptr(GMenu) recent_menu = g_menu_new ();
  guint n = 0;

  g_assert (SP_IS_WINDOW (self));

  /* the settings may change while the window is being destroyed */
  if (self->shop_section == NULL)
    return;

  g_menu_remove_all (self->shop_section);
  g_menu_append (self->shop_section, _("_New Shop…"), "win.new-shop");
  g_menu_append (self->shop_section, _("_Open Shop…"), "win.open-shop");

  if (SP_IS_APPLICATION (app))
    recent = sp_application_dup_recent_shops (SP_APPLICATION (app));

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *name = NULL;
      g_autofree char *file = NULL;
      g_autoptr(GString) label = NULL;

      if (g_strcmp0 (recent[i], self->database_path) == 0)
        continue;

      /* an underscore in a shop's name is no mnemonic */
      name = dup_recent_name (recent[i]);
      label = g_string_new (name);
      g_string_replace (label, "_", "__", 0);
      item = g_menu_item_new (label->str, NULL);
      file = g_filename_display_name (recent[i]);
      g_menu_item_set_attribute (item, "tooltip", "s", file);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (recent_menu, item);
      n++;
    }

  if (n > 0)
    g_menu_append_submenu (self->shop_section, _("Open _Recent"), G_MENU_MODEL (recent_menu));

  if (sp_window_is_sample (self))
    g_menu_append (self->shop_section, _("_Back to My Shop"), "win.open-own-shop");
  else
    g_menu_append (self->shop_section, _("_Explore the Sample Shop"), "win.explore-sample");
}

/* Shows the page that says why the database can't be used and what to do. */
void
sp_window_show_database_error (SpWindow     *self,
                               const GError *error)
{
  gboolean server;

  g_return_if_fail (SP_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  server = self->database_path != NULL && sp_store_is_server_address (self->database_path);

  sp_window_close_store (self);
  if (server && g_error_matches (error, SP_ERROR, SP_ERROR_OFFLINE))
    {
      /* and it opens by itself once the server answers (server_opened_cb()) */
      g_autofree char *text = g_strdup_printf ("%s\n\n%s", error->message,
                                               _("The window tries again every few seconds, "
                                                 "and opens the shop once the server answers."));

      adw_status_page_set_description (self->error_page, text);
    }
  else
    adw_status_page_set_description (self->error_page, error->message);
  /* a server's shop is mended on the server: here, its login is what can be changed */
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), !server);
  gtk_widget_set_visible (GTK_WIDGET (self->server_settings_button), server);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static void check_outside_changes (SpWindow *self);

static gboolean
server_announced_cb (int          fd,
                     GIOCondition condition,
                     gpointer     user_data)
{
  SpWindow *self = SP_WINDOW (user_data);

  check_outside_changes (self);

  /* a connection that went away: the two-second check takes over until it is back */
  if (condition & (G_IO_HUP | G_IO_ERR))
    {
      g_clear_pointer (&self->server_watch, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Other computers' saves, shown as soon as the server announces them */
static void
watch_server (SpWindow *self)
{
  if (self->store == NULL || self->server_watch != NULL)
    return;

  self->server_watch = sp_store_create_watch_source (self->store);
  if (self->server_watch == NULL)
    return;
  g_source_set_callback (self->server_watch, G_SOURCE_FUNC (server_announced_cb), self, NULL);
  g_source_set_priority (self->server_watch, G_PRIORITY_LOW);
  g_source_attach (self->server_watch, NULL);
}

static void
unwatch_server (SpWindow *self)
{
  if (self->server_watch == NULL)
    return;
  g_source_destroy (self->server_watch);
  g_clear_pointer (&self->server_watch, g_source_unref);
}

/* What follows the opening of the window's shop, a file's or a server's */
static void
store_opened (SpWindow *self,
              GError   *error)
{
  update_actions (self);
  update_shop_menu (self);

  if (self->store == NULL)
    {
      update_title (self);
      sp_window_show_database_error (self, error);
      return;
    }

  sp_store_check_outside_changes (self->store, NULL);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_title (self);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  {
    GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

    if (SP_IS_APPLICATION (app))
      sp_application_note_shop (SP_APPLICATION (app), self->database_path);
  }

  watch_server (self);

  /* made again from nothing when needed: the sample shop is not backed up, and a server's
   * shop has the server's backups (and the owner's backup verb) */
  if (!sp_window_is_sample (self) && !sp_store_is_on_server (self->store))
    sp_window_safety_check_and_back_up (self);
}

typedef struct
{
  char *address;
  char *password;
} ServerOpen;

static void
server_open_free (gpointer data)
{
  ServerOpen *open = data;

  g_free (open->address);
  g_free (open->password);
  g_free (open);
}

/* On a worker: the copy made or brought up to date, so that opening it after is quick */
static gboolean
open_server_on_worker (SpWorker      *worker,
                       SpStore       *reader,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  ServerOpen *open = data;

  return sp_store_update_server_copy (open->address, open->password, error);
}

static void start_server_open (SpWindow *self,
                               gboolean  quietly);

static gboolean
retry_server_open_cb (gpointer user_data)
{
  SpWindow *self = SP_WINDOW (user_data);

  self->open_retry_id = 0;
  start_server_open (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
server_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SpWindow *self = SP_WINDOW (object);
  gboolean quietly = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;
  ServerOpen *open = NULL;

  if (!sp_worker_run_finish (result, (gpointer *) &open, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->open_cancellable);

  /* the window's own connection, to a copy now up to date */
  if (error == NULL)
    self->store = sp_store_open_server (open->address, open->password, SP_STORE_OPEN_DEFAULT,
                                        &error);

  /* the server still away: the page that says so stays, and the window tries again */
  if (!(quietly && self->store == NULL))
    store_opened (self, error);
  if (self->store == NULL && g_error_matches (error, SP_ERROR, SP_ERROR_OFFLINE))
    self->open_retry_id = g_timeout_add_seconds (5, retry_server_open_cb, self);
}

/* Stops the opening of a server's shop under way, or its next try, if any */
static void
cancel_server_open (SpWindow *self)
{
  g_clear_handle_id (&self->open_retry_id, g_source_remove);

  if (self->open_cancellable == NULL)
    return;

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
}

/*
 * A server may be slow to answer, or away, and the first open on a computer makes its copy of
 * the shop: that happens on a worker, the window saying so meanwhile (or, @quietly, still
 * saying that the server can't be reached, until it can).
 */
static void
start_server_open (SpWindow *self,
                   gboolean  quietly)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  ServerOpen *open = g_new0 (ServerOpen, 1);

  open->address = g_strdup (self->database_path);
  /* the keyring's password or Preferences', else libpq's own ways (~/.pgpass) */
  if (SP_IS_APPLICATION (app))
    open->password = g_strdup (sp_application_get_server_password (SP_APPLICATION (app),
                                                                   self->database_path));

  if (!quietly)
    {
      update_actions (self);
      update_title (self);
      gtk_stack_set_visible_child_name (self->main_stack, "opening");
    }

  self->open_cancellable = g_cancellable_new ();
  sp_worker_run_async (self, NULL, SP_WORKER_RETURN_ON_CANCEL, open_server_on_worker, open,
                       server_open_free, self->open_cancellable, server_opened_cb,
                       GINT_TO_POINTER (quietly));
}

static void
open_store (SpWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean server = self->database_path != NULL &&
                    sp_store_is_server_address (self->database_path);

  cancel_server_open (self);

  /*
   * A server's shop opens on a worker (start_server_open()).  Checking every page of a large
   * file takes seconds, so the window opens at once and the check runs on a thread, before
   * the day's backup; a file that needs an update is checked before it is written to
   * (sp_store_open).
   */
  if (server)
    {
      start_server_open (self, FALSE);
      return;
    }

  self->store = sp_store_open (self->database_path, SP_STORE_OPEN_DEFAULT, &error);
  store_opened (self, error);
}

/**
 * sp_window_is_opening:
 *
 * Whether the window is still opening its shop (one on a server opens on a
 * worker); sp_window_get_store() returns it once it is open.
 */
gboolean
sp_window_is_opening (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), FALSE);
  return self->open_cancellable != NULL;
}

/* Lets go of the database, e.g. before restoring a backup over it. */
void
sp_window_close_store (SpWindow *self)
{
  g_return_if_fail (SP_IS_WINDOW (self));

  cancel_server_open (self);

  if (self->store == NULL)
    return;

  /* what they say, and what their Undo would take back, was of this shop */
  dismiss_toasts (self);
  unwatch_server (self);
  g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  update_actions (self);
  update_title (self);
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
  g_autoptr(GError) error = NULL;
  SpStoreOutside outside;
  const char *title;

  g_assert (SP_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  outside = sp_store_check_outside_changes (self->store, &error);

  /* a server that went away: said once, and that it is back */
  if (g_error_matches (error, SP_ERROR, SP_ERROR_OFFLINE))
    {
      if (self->offline_toast == NULL)
        {
          self->offline_toast = adw_toast_new (_("The shop’s server can’t be reached; what you "
                                                 "see may not be the latest. Trying again…"));
          adw_toast_set_timeout (self->offline_toast, 0);
          g_object_add_weak_pointer (G_OBJECT (self->offline_toast),
                                     (gpointer *) &self->offline_toast);
          sp_window_add_toast (self, self->offline_toast);
        }
      return;
    }
  if (self->offline_toast != NULL && error == NULL)
    {
      adw_toast_dismiss (self->offline_toast);
      sp_window_add_toast (self, adw_toast_new (_("Connected to the shop’s server again")));
      /* the watch stood on the connection that went away */
      unwatch_server (self);
      watch_server (self);
    }

  if (outside == SP_STORE_OUTSIDE_NONE)
    return;

  /* this window's own restore says so itself */
  if (outside == SP_STORE_OUTSIDE_RESTORED && self->restoring_here)
    {
      self->restoring_here = FALSE;
      return;
    }

  if (outside == SP_STORE_OUTSIDE_RESTORED)
    title = _("The shop was restored from a backup by another program; showing it now.");
  else if (sp_store_is_on_server (self->store))
    title = _("Updated with what was saved on another computer");
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

/* Shop files */

/* Whether @path can be opened as a shop; says why not, without touching it */
static gboolean
check_shop_file (const char  *path,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autoptr(SpStore) probe = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                   /* TRANSLATORS: %s is the file */
                   _("There is no file “%s” any more. Choose another file."), display);
      return FALSE;
    }

  /* SQLite would make an empty file a new database: that is New Shop's job */
  if (S_ISREG (st.st_mode) && st.st_size == 0)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                   /* TRANSLATORS: %s is the file */
                   _("“%s” is empty, so it is not a shop. Choose another file, or make a new "
                     "shop with New Shop…; nothing has been changed."), display);
      return FALSE;
    }

  /* a look through SQLite alone, which writes nothing to a file that is no shop */
  probe = sp_store_open (path, SP_STORE_OPEN_READ_ONLY | SP_STORE_OPEN_NO_CREATE, error);
  return probe != NULL;
}

/*
 * Finishes what this window has open on its shop before it shows another:
 * forms and the setup ask about unsaved changes (FALSE without @error when
 * the owner keeps editing), Preferences saves, the other dialogs close.  An export
 * still stopping keeps the shop (FALSE and @error).
 */
static gboolean
leave_shop (SpWindow  *self,
            GError   **error)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert (SP_IS_WINDOW (self));

  if (!sp_form_close_all (GTK_WINDOW (self)))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        g_ptr_array_add (others, g_steal_pointer (&window));
    }

  for (guint i = 0; i < others->len; i++)
    gtk_window_close (others->pdata[i]);

  for (guint i = 0; i < others->len; i++)
    {
      /* the setup asks about what was typed, as a form does */
      if (SP_IS_SETUP_DIALOG (others->pdata[i]) && gtk_widget_get_visible (others->pdata[i]))
        return FALSE;
    }

  for (guint i = 0; i < others->len; i++)
    {
      if (gtk_widget_get_visible (others->pdata[i]))
        {
          g_set_error_literal (error, SP_ERROR, SP_ERROR_BUSY,
                               _("A window of this shop is still busy (an export stops in a "
                                 "moment). Try again when it has closed."));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * sp_window_open_shop:
 *
 * Shows the shop in @path in this window, or brings forward the window
 * that shows it already.  A file that is no shop is refused with @error
 * and the window keeps its shop.  Returns %FALSE without @error when an
 * open form with unsaved changes kept the current shop.
 */
gboolean
sp_window_open_shop (SpWindow    *self,
                     const char  *path,
                     GError     **error)
{
  GtkApplication *app;

  g_return_val_if_fail (SP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->store != NULL && g_strcmp0 (path, self->database_path) == 0)
    return TRUE;

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (SP_IS_APPLICATION (app))
    {
      SpWindow *other = sp_application_find_window (SP_APPLICATION (app), path);

      if (other != NULL && other != self)
        {
          gtk_window_present (GTK_WINDOW (other));
          return TRUE;
        }
    }

  /* a server's shop is checked by opening it: Preferences did that a moment ago */
  if ((!sp_store_is_server_address (path) && !check_shop_file (path, error)) ||
      !leave_shop (self, error))
    return FALSE;

  if (!sp_sample_shop_is_path (path))
    g_clear_pointer (&self->own_path, g_free);
  else if (self->own_path == NULL && !sp_window_is_sample (self))
    self->own_path = g_strdup (self->database_path);

  sp_window_open_database (self, path);
  return TRUE;
}

static void
open_shop_or_say (SpWindow   *self,
                  const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert (SP_IS_WINDOW (self));

  if (!sp_window_open_shop (self, path, &error) && error != NULL)
    sp_window_show_error (self, _("The Shop Was Not Opened"), error);
}

/* Beside the shop shown (the owner's own, not the sample's hidden folder), else in
 * Documents or home: never the folder the app happened to be started from */
static GFile *
dup_chooser_folder (SpWindow *self)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  const char *shop = sp_window_is_sample (self) ? self->own_path : self->database_path;
  g_autofree char *shop_dir = NULL;

  if (shop != NULL && !sp_store_is_server_address (shop))
    shop_dir = g_path_get_dirname (shop);

  if (shop_dir != NULL && g_path_is_absolute (shop_dir) &&
      g_file_test (shop_dir, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (shop_dir);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static GtkFileChooserNative *
new_shop_chooser (SpWindow             *self,
                  const char           *title,
                  GtkFileChooserAction  action,
                  const char           *accept)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *native;
  g_autoptr(GFile) folder = NULL;

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Service Pulse shops"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
    }

  folder = dup_chooser_folder (self);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  return native;
}

typedef struct
{
  SpWindow         *self;
  SpWindowPathFunc  chosen;
} Chooser;

static void
chooser_response (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  Chooser *chooser = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        chooser->chosen (chooser->self, path);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (chooser->self);
  g_free (chooser);
}

/**
 * sp_window_run_file_chooser:
 * @native: (transfer full): a chooser made for this window
 * @chosen: what is done with the file chosen, a path on this computer
 *
 * Shows @native; the window stays alive until it has answered.
 */
void
sp_window_run_file_chooser (SpWindow             *self,
                            GtkFileChooserNative *native,
                            SpWindowPathFunc      chosen)
{
  Chooser *chooser = g_new0 (Chooser, 1);

  g_return_if_fail (SP_IS_WINDOW (self));

  chooser->self = g_object_ref (self);
  chooser->chosen = chosen;
  g_signal_connect (native, "response", G_CALLBACK (chooser_response), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_shop_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  GtkFileChooserNative *native;

  native = new_shop_chooser (self, _("Open a Shop"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  sp_window_run_file_chooser (self, native, open_shop_or_say);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  open_shop_or_say (SP_WINDOW (widget), g_variant_get_string (param, NULL));
}

/**
 * sp_window_new_shop:
 *
 * Makes a new, empty shop in @path (never over an existing file) and
 * shows it in this window, with the dialog that sets it up.
 */
gboolean
sp_window_new_shop (SpWindow    *self,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *file = NULL;
  g_autoptr(SpStore) store = NULL;

  g_return_val_if_fail (SP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_str_has_suffix (path, ".db") ? g_strdup (path) : g_strconcat (path, ".db", NULL);

  if (g_file_test (file, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_basename (file);

      g_set_error (error, SP_ERROR, SP_ERROR_DUPLICATE,
                   /* TRANSLATORS: %s is the file */
                   _("“%s” is there already and has been left as it is. Open it with Open "
                     "Shop…, or choose another name."), display);
      return FALSE;
    }

  if (!leave_shop (self, error))
    return FALSE;

  if (!(store = sp_store_open (file, SP_STORE_OPEN_DEFAULT, error)))
    return FALSE;
  g_clear_object (&store);

  g_clear_pointer (&self->own_path, g_free);
  sp_window_open_database (self, file);
  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (sp_setup_dialog_new (GTK_WINDOW (self), self->store)));
  return TRUE;
}

static void
new_shop_chosen (SpWindow   *self,
                 const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!sp_window_new_shop (self, path, &error) && error != NULL)
    sp_window_show_error (self, _("No New Shop Was Made"), error);
}

/* A name no file in @folder has: the chooser cannot be told not to offer
 * "Replace", and a new shop never replaces a file */
static char *
dup_free_shop_name (GFile *folder)
{
  /* Translators: the file name a new shop is offered, with its extension */
  g_autofree char *name = g_strdup (_("New Shop.db"));

  for (guint i = 2; folder != NULL && i < 100; i++)
    {
      g_autoptr(GFile) file = g_file_get_child_for_display_name (folder, name, NULL);

      if (file == NULL || !g_file_query_exists (file, NULL))
        break;

      g_free (name);
      /* Translators: the file name a new shop is offered when "New Shop.db" is taken */
      /* TRANSLATORS: the name offered for a new shop's file when "New Shop.db" exists; %u is a
       * number; keep it short */
      name = g_strdup_printf (_("New Shop %u.db"), i);
    }

  return g_steal_pointer (&name);
}

static void
new_shop_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  native = new_shop_chooser (self, _("New Shop"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"));
  folder = dup_chooser_folder (self);
  name = dup_free_shop_name (folder);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  sp_window_run_file_chooser (self, native, new_shop_chosen);
}

static void
setup_shop_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (sp_setup_dialog_new (GTK_WINDOW (self), self->store)));
}

/* The sample shop */

static void
set_making_sample (SpWindow *self,
                   gboolean  making)
{
  g_assert (SP_IS_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->explore_spinner), making);
  gtk_spinner_set_spinning (self->explore_spinner, making);
  update_actions (self);

  /* from the menu, away from the welcome page's spinner, a toast says it is under way */
  if (making && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") != 0)
    {
      self->sample_toast = adw_toast_new (_("Making the sample shop…"));
      adw_toast_set_timeout (self->sample_toast, 0);
      g_object_add_weak_pointer (G_OBJECT (self->sample_toast),
                                 (gpointer *) &self->sample_toast);
      sp_window_add_toast (self, self->sample_toast);
    }
  else if (!making && self->sample_toast != NULL)
    {
      adw_toast_dismiss (self->sample_toast);
    }
}

static void
sample_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sp_sample_shop_dup_path ();
  gboolean made = sp_sample_shop_ensure_finish (result, &error);

  /* cancelled when the window went away: nothing of it is left to update */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->sample_cancellable);
  set_making_sample (self, FALSE);

  if (!made)
    sp_window_show_error (self, _("The Sample Shop Was Not Made"), error);
  else
    open_shop_or_say (self, path);
}

/* Makes the sample shop the first time (a second or two, on a thread) and shows it */
static void
explore_sample_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  g_autofree char *path = sp_sample_shop_dup_path ();

  if (self->sample_cancellable != NULL || sp_window_is_sample (self))
    return;

  /* shown in another window already: never made again under it */
  {
    GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
    SpWindow *other = SP_IS_APPLICATION (app)
                        ? sp_application_find_window (SP_APPLICATION (app), path) : NULL;

    if (other != NULL)
      {
        gtk_window_present (GTK_WINDOW (other));
        return;
      }
  }

  self->sample_cancellable = g_cancellable_new ();
  set_making_sample (self, TRUE);
  sp_sample_shop_ensure_async (path, self->sample_cancellable, sample_ready_cb,
                               g_object_ref (self));
}

static void
open_own_shop_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *path = NULL;

  if (self->own_path != NULL && g_file_test (self->own_path, G_FILE_TEST_IS_REGULAR))
    path = g_strdup (self->own_path);
  else
    path = sp_application_dup_own_shop (SP_IS_APPLICATION (app) ? SP_APPLICATION (app) : NULL);

  /* the owner's shop may not be there yet: it is made as at first start */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (leave_shop (self, NULL))
        {
          g_clear_pointer (&self->own_path, g_free);
          sp_window_open_database (self, path);
        }
      return;
    }

  open_shop_or_say (self, path);
}

/* Import */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  SpImportAssistant *assistant;

  if (self->store == NULL)
    return;

  assistant = sp_import_assistant_new (self->store, GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (assistant));
  sp_import_assistant_choose_file (assistant);
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

/* The server's shop could not be opened: its login, in Preferences */
static void
server_settings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  GtkWidget *preferences = sp_preferences_window_new (GTK_WINDOW (self), self->store);

  sp_preferences_window_show_database (SP_PREFERENCES_WINDOW (preferences));
  /* the address that failed, e.g. given with --db, rather than the one kept in the settings */
  if (self->database_path != NULL && sp_store_is_server_address (self->database_path))
    sp_database_page_show_address (
      sp_preferences_window_get_database_page (SP_PREFERENCES_WINDOW (preferences)),
      self->database_path);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  sp_window_show_page (self, name);

  /* the Log opens on its search, not on what had the focus when it was last shown */
  if (g_strcmp0 (name, "log") == 0)
    sp_log_page_focus_search (self->log_page);
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

  open_store (self);
}

/* The application is set once the window is made: its shop is remembered then */
static void
application_changed_cb (SpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;

  g_assert (SP_IS_WINDOW (self));

  if (!SP_IS_APPLICATION (app))
    return;

  /* the size the last window had: the settings are the application's */
  restore_window_state (self);

  if (self->store != NULL)
    sp_application_note_shop (SP_APPLICATION (app), self->database_path);
  update_shop_menu (self);

  /* another window opened a shop: the recent ones change here too */
  settings = sp_application_get_settings (SP_APPLICATION (app));
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::recent-shops",
                             G_CALLBACK (update_shop_menu), self, G_CONNECT_SWAPPED);
}

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_handle_id (&self->outside_source, g_source_remove);
  unwatch_server (self);
  g_cancellable_cancel (self->sample_cancellable);
  cancel_server_open (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);

  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_finalize (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->own_path, g_free);
  g_clear_object (&self->sample_cancellable);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  if (self->outside_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->outside_toast),
                                  (gpointer *) &self->outside_toast);
  if (self->sample_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->sample_toast),
                                  (gpointer *) &self->sample_toast);
  if (self->owner_only_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->owner_only_toast),
                                  (gpointer *) &self->owner_only_toast);

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

/* One toast for what only the owner may do, however often the user asks */
static void
say_owner_only (SpWindow   *self,
                const char *title)
{
  if (self->owner_only_toast != NULL)
    {
      adw_toast_set_title (self->owner_only_toast, title);
      return;
    }

  self->owner_only_toast = adw_toast_new (title);
  g_object_add_weak_pointer (G_OBJECT (self->owner_only_toast),
                             (gpointer *) &self->owner_only_toast);
  sp_window_add_toast (self, self->owner_only_toast);
}

static void primary_menu_shown_cb (SpWindow *self);

/* Each page's main menu button, wherever it is */
static void
watch_primary_menus (SpWindow  *self,
                     GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child) &&
          gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)) == self->primary_menu &&
          gtk_menu_button_get_popover (GTK_MENU_BUTTON (child)) != NULL)
        g_signal_connect_object (gtk_menu_button_get_popover (GTK_MENU_BUTTON (child)), "show",
                                 G_CALLBACK (primary_menu_shown_cb), self, G_CONNECT_SWAPPED);
      else
        watch_primary_menus (self, child);
    }
}

/*
 * Ctrl+I and Ctrl+E of a staff login: the actions are off, so the shortcuts would do nothing
 * at all; they say why instead.  An owner's reach the actions before this binding does.
 */
static gboolean
owner_only_shortcut_cb (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  SpWindow *self = SP_WINDOW (widget);
  const char *action = g_variant_get_string (args, NULL);
  const char *title;

  if (self->store == NULL || sp_role_is_owner (self->store))
    return FALSE;

  if (g_str_equal (action, "import"))
    title = _("Only the shop’s owner can import records");
  else
    title = _("Only the shop’s owner can export the shop’s records");

  say_owner_only (self, title);
  return TRUE;
}

/* The main menu of a staff login: its greyed items say why as it opens */
static void
primary_menu_shown_cb (SpWindow *self)
{
  if (self->store == NULL || sp_role_is_owner (self->store))
    return;

  say_owner_only (self, _("Greyed items are the shop’s owner’s: importing, exporting, backing "
                          "up, restoring and forgetting a customer"));
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
  gtk_widget_class_bind_template_child (widget_class, SpWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, welcome_title);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, shop_title);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, sample_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, unnamed_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, explore_spinner);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, setup_button);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, shop_section);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, log_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, goals_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, report_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, server_settings_button);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.log-contact", NULL, log_contact_action);
  gtk_widget_class_install_action (widget_class, "win.record-survey", NULL,
                                   record_survey_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.server-settings", NULL,
                                   server_settings_action);
  gtk_widget_class_install_action (widget_class, "win.new-shop", NULL, new_shop_action);
  gtk_widget_class_install_action (widget_class, "win.open-shop", NULL, open_shop_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.setup-shop", NULL, setup_shop_action);
  gtk_widget_class_install_action (widget_class, "win.explore-sample", NULL,
                                   explore_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-own-shop", NULL,
                                   open_own_shop_action);
  sp_window_safety_install_actions (widget_class);
  sp_undo_install_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", "dashboard");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", "log");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-page", "s", "goals");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.show-page", "s", "reports");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                owner_only_shortcut_cb, "s", "import");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                owner_only_shortcut_cb, "s", "export");
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
  watch_primary_menus (self, GTK_WIDGET (self));
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  g_object_bind_property (self, "store", self->dashboard_page, "store", G_BINDING_DEFAULT);
  g_object_bind_property (self, "store", self->log_page, "store", G_BINDING_DEFAULT);
  g_object_bind_property (self, "store", self->goals_page, "store", G_BINDING_DEFAULT);
  g_object_bind_property (self, "store", self->report_page, "store", G_BINDING_DEFAULT);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);

  /* wide, the pages' switcher takes the title's place: the shop is named beside the menu */
  g_object_bind_property (self->switcher_title, "title-visible", self->shop_title, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}
