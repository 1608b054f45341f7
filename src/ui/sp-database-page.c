/* sp-database-page.c
 *
 * Preferences' Shop Database page: whether the shop is a file on this
 * computer or a database on a PostgreSQL server, and how to reach the
 * server.  The host, port, database, user name and CA certificate go to
 * the settings as they are typed; the password goes to the desktop's
 * keyring when Connect is pressed, and nowhere else.  Connect tries the
 * server on a worker thread, so that a slow or missing server never
 * holds up the window; what was typed stays as it was when it fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-database-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-database-page.h"
#include "sp-parse.h"
#include "sp-server-login.h"
#include "sp-window.h"
#include "sp-worker.h"

struct _SpDatabasePage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  GCancellable       *cancellable;
  char               *ca_file;
  int                 busy;
  gboolean            looking_up;
  int                 updating;

  /* template */
  AdwActionRow       *computer_row;
  GtkCheckButton     *computer_check;
  AdwActionRow       *server_row;
  GtkCheckButton     *server_check;
  AdwPreferencesGroup *server_group;
  AdwEntryRow        *host_row;
  AdwEntryRow        *port_row;
  AdwEntryRow        *database_row;
  AdwEntryRow        *user_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow       *ca_row;
  GtkButton          *ca_clear_button;
  GtkButton          *ca_choose_button;
  GtkLabel           *message_label;
  GtkSpinner         *connect_spinner;
  GtkButton          *connect_button;
};

G_DEFINE_FINAL_TYPE (SpDatabasePage, sp_database_page, ADW_TYPE_PREFERENCES_PAGE)

/* What the connection on the worker needs */
typedef struct
{
  char *address;
  char *password;
} Attempt;

static void
attempt_free (gpointer data)
{
  Attempt *attempt = data;

  g_free (attempt->address);
  if (attempt->password != NULL)
    {
      memset (attempt->password, 0, strlen (attempt->password));
      g_free (attempt->password);
    }
  g_free (attempt);
}

static void
show_message (SpDatabasePage *self,
              const char     *text,
              gboolean        error)
{
  gtk_label_set_text (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
set_busy (SpDatabasePage *self,
          gboolean        busy)
{
  self->busy += busy ? 1 : -1;
  g_assert (self->busy >= 0);

  gtk_widget_set_visible (GTK_WIDGET (self->connect_spinner), self->busy > 0);
  gtk_spinner_set_spinning (self->connect_spinner, self->busy > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), self->busy == 0);
}

gboolean
sp_database_page_is_busy (SpDatabasePage *self)
{
  g_return_val_if_fail (SP_IS_DATABASE_PAGE (self), FALSE);
  return self->busy > 0 || self->looking_up;
}

/* The main window this Preferences belongs to, if any */
static SpWindow *
get_main_window (SpDatabasePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root))
                                           : NULL;

  return SP_IS_WINDOW (parent) ? SP_WINDOW (parent) : NULL;
}

static char *
dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
read_login (SpDatabasePage *self,
            SpServerLogin  *login)
{
  login->host = dup_text (self->host_row);
  login->port = dup_text (self->port_row);
  login->dbname = dup_text (self->database_row);
  login->user = dup_text (self->user_row);
  login->ca_file = g_strdup (self->ca_file ? self->ca_file : "");
}

/* The CA certificate */

static void
update_ca (SpDatabasePage *self)
{
  gboolean has = self->ca_file != NULL && *self->ca_file != '\0';
  g_autofree char *display = has ? g_filename_display_name (self->ca_file) : NULL;

  adw_action_row_set_subtitle (self->ca_row,
                               has ? display
                                   : _("None: a server on another computer is reached "
                                       "encrypted, without checking who it is"));
  gtk_widget_set_visible (GTK_WIDGET (self->ca_clear_button), has);
}

void
sp_database_page_set_ca_file (SpDatabasePage *self,
                              const char     *path)
{
  g_return_if_fail (SP_IS_DATABASE_PAGE (self));

  g_free (self->ca_file);
  self->ca_file = g_strdup (path ? path : "");
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "server-ca-file", self->ca_file);
  update_ca (self);
}

static void
ca_response_cb (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  g_autoptr(SpDatabasePage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        show_message (self, _("That file is not on a disk of this computer; copy it here and "
                              "choose the copy."), TRUE);
      else
        sp_database_page_set_ca_file (self, path);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
ca_choose_cb (SpDatabasePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Choose the Server’s CA Certificate"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                        _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Certificates"));
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.cer");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (ca_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
ca_clear_cb (SpDatabasePage *self)
{
  sp_database_page_set_ca_file (self, NULL);
}

/* Where the shop is kept */

static void
location_toggled_cb (SpDatabasePage *self)
{
  gboolean server = gtk_check_button_get_active (self->server_check);
  SpWindow *window;

  gtk_widget_set_visible (GTK_WIDGET (self->server_group), server);

  if (self->updating > 0 || server)
    return;

  /* back to the file: at the next start too, and in the window now when it shows the server's */
  show_message (self, NULL, FALSE);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "shop-location", "computer");

  window = get_main_window (self);
  if (window != NULL && sp_window_get_database_path (window) != NULL &&
      sp_store_is_server_address (sp_window_get_database_path (window)))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-own-shop", NULL);
}

/* Connecting */

static gboolean
open_on_worker (SpWorker      *worker,
                SpStore       *reader,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Attempt *attempt = data;

  /* the window opens its own connection once this one could */
  return sp_store_update_server_copy (attempt->address, attempt->password, error);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SpDatabasePage *self = SP_DATABASE_PAGE (object);
  g_autoptr(GError) error = NULL;
  Attempt *attempt = NULL;
  SpWindow *window;

  if (!sp_worker_run_finish (result, (gpointer *) &attempt, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_message (self, error->message, TRUE);
      return;
    }

  set_busy (self, FALSE);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "shop-location", "server");
  show_message (self, _("Connected. The window shows the shop on this server, and opens it at "
                        "each start."), FALSE);

  window = get_main_window (self);
  if (window != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

      if (SP_IS_APPLICATION (app))
        sp_application_set_server_password (SP_APPLICATION (app), attempt->address,
                                            attempt->password);
      /* the window closes its dialogs, this one too, to show the other shop */
      g_object_ref (self);
      if (!sp_window_open_shop (window, attempt->address, &error) && error != NULL)
        show_message (self, error->message, TRUE);
      g_object_unref (self);
    }
}

static void
start_open (SpDatabasePage *self,
            Attempt        *attempt)
{
  sp_worker_run_async (self, NULL, SP_WORKER_DEFAULT, open_on_worker, attempt, attempt_free,
                       self->cancellable, opened_cb, NULL);
}

typedef struct
{
  SpDatabasePage *self;
  Attempt        *attempt;
} Storing;

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Storing *storing = user_data;
  g_autoptr(SpDatabasePage) self = storing->self;
  g_autoptr(GError) error = NULL;
  Attempt *attempt = storing->attempt;

  g_free (storing);

  if (!sp_server_login_store_password_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          attempt_free (attempt);
          return;
        }
      /* the connection can still be made; the password is asked for again at the next start */
      g_message ("The password was not kept in the keyring: %s", error->message);
    }

  start_open (self, attempt);
}

void
sp_database_page_connect (SpDatabasePage *self)
{
  g_auto(SpServerLogin) login = { 0 };
  g_autoptr(GError) error = NULL;
  Attempt *attempt;
  const char *password;

  g_return_if_fail (SP_IS_DATABASE_PAGE (self));

  if (self->busy > 0)
    return;

  read_login (self, &login);
  if (!sp_server_login_check (&login, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }

  attempt = g_new0 (Attempt, 1);
  attempt->address = sp_server_login_dup_address (&login);
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  attempt->password = *password != '\0' ? g_strdup (password) : NULL;

  {
    g_autofree char *display = sp_server_login_dup_display (&login);
    /* TRANSLATORS: %s names the database and the server, as “shop on db.example.com” */
    g_autofree char *text = g_strdup_printf (_("Connecting to %s…"), display);

    show_message (self, text, FALSE);
  }
  set_busy (self, TRUE);

  /* without a password typed, libpq's own ways (~/.pgpass, a service file) may log in */
  if (attempt->password != NULL)
    {
      Storing *storing = g_new0 (Storing, 1);

      storing->self = g_object_ref (self);
      storing->attempt = attempt;
      sp_server_login_store_password_async (&login, attempt->password, self->cancellable,
                                            stored_cb, storing);
    }
  else
    {
      start_open (self, attempt);
    }
}

/* The password kept for the server the settings name, shown as dots */

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SpDatabasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = sp_server_login_lookup_password_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->looking_up = FALSE;

  if (error != NULL)
    g_message ("The keyring could not be read: %s", error->message);

  /* what was typed meanwhile wins */
  if (password != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);

  if (password != NULL)
    sp_server_login_free_password (password);
}

/* The page */

GtkWidget *
sp_database_page_new (GSettings *settings)
{
  SpDatabasePage *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SP_TYPE_DATABASE_PAGE, NULL);

  if (settings != NULL)
    {
      g_auto(SpServerLogin) login = { 0 };
      g_autofree char *location = g_settings_get_string (settings, "shop-location");

      self->settings = g_object_ref (settings);
      g_settings_bind (settings, "server-host", self->host_row, "text", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "server-port", self->port_row, "text", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "server-database", self->database_row, "text",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "server-user", self->user_row, "text", G_SETTINGS_BIND_DEFAULT);
      g_free (self->ca_file);
      self->ca_file = g_settings_get_string (settings, "server-ca-file");

      self->updating++;
      gtk_check_button_set_active (g_str_equal (location, "server") ? self->server_check
                                                                     : self->computer_check,
                                   TRUE);
      self->updating--;

      read_login (self, &login);
      if (!sp_str_is_blank (login.host))
        {
          self->looking_up = TRUE;
          sp_server_login_lookup_password_async (&login, self->cancellable, looked_up_cb,
                                                 g_object_ref (self));
        }
    }

  update_ca (self);
  return GTK_WIDGET (self);
}

/**
 * sp_database_page_show_address:
 * @address: a server's address, e.g. the one given with --db
 *
 * Fills the server's rows from @address, with "On a Server" chosen, for
 * the owner to correct what kept it from opening.
 */
void
sp_database_page_show_address (SpDatabasePage *self,
                               const char     *address)
{
  g_auto(SpServerLogin) login = { 0 };

  g_return_if_fail (SP_IS_DATABASE_PAGE (self));

  if (address == NULL || !sp_server_login_parse (&login, address))
    return;

  self->updating++;
  gtk_check_button_set_active (self->server_check, TRUE);
  self->updating--;
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), login.host ? login.host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), login.port ? login.port : "");
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), login.dbname ? login.dbname : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), login.user ? login.user : "");
  if (login.ca_file != NULL && *login.ca_file != '\0')
    sp_database_page_set_ca_file (self, login.ca_file);
}

static void
sp_database_page_dispose (GObject *object)
{
  SpDatabasePage *self = SP_DATABASE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_DATABASE_PAGE);

  G_OBJECT_CLASS (sp_database_page_parent_class)->dispose (object);
}

static void
sp_database_page_finalize (GObject *object)
{
  SpDatabasePage *self = SP_DATABASE_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ca_file, g_free);

  G_OBJECT_CLASS (sp_database_page_parent_class)->finalize (object);
}

static void
sp_database_page_class_init (SpDatabasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_database_page_dispose;
  object_class->finalize = sp_database_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sp-database-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, computer_row);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, computer_check);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, server_row);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, server_check);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, server_group);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, host_row);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, port_row);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, database_row);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, user_row);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, password_row);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, ca_row);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, ca_choose_button);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, SpDatabasePage, connect_button);
}

static void
sp_database_page_init (SpDatabasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->ca_file = g_strdup ("");

  g_signal_connect_object (self->server_check, "toggled", G_CALLBACK (location_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connect_button, "clicked",
                           G_CALLBACK (sp_database_page_connect), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ca_choose_button, "clicked", G_CALLBACK (ca_choose_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ca_clear_button, "clicked", G_CALLBACK (ca_clear_cb), self,
                           G_CONNECT_SWAPPED);
  /* Enter in the password connects */
  g_signal_connect_object (self->password_row, "entry-activated",
                           G_CALLBACK (sp_database_page_connect), self, G_CONNECT_SWAPPED);
}
