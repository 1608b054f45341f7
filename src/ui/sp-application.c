/* sp-application.c
 *
 * The application owns the lifecycle only: actions, accelerators, the
 * settings, and a window per database asked for on the command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-application.h"
#include "sp-benchmarks.h"
#include "sp-sample-shop.h"
#include "sp-help.h"
#include "sp-server-login.h"
#include "sp-store.h"
#include "sp-window.h"

struct _SpApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  /* address → password of the shops on a server, for the windows that open them */
  GHashTable     *passwords;
};

G_DEFINE_FINAL_TYPE (SpApplication, sp_application, ADW_TYPE_APPLICATION)

SpApplication *
sp_application_new (void)
{
  return g_object_new (SP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/* The settings, or NULL when the schema is not installed (a build tree). */
GSettings *
sp_application_get_settings (SpApplication *self)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* How many shops the main menu offers to open again */
#define MAX_RECENT_SHOPS 8

/**
 * sp_application_note_shop:
 *
 * Remembers @path as the shop opened last and puts it first among the
 * recent ones.  The sample shop is left out: the owner's own shop is the
 * one that opens at the next start.
 */
void
sp_application_note_shop (SpApplication *self,
                          const char    *path)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_return_if_fail (SP_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  /* a shop on a server is named by Preferences' settings, not among the files */
  if (self->settings == NULL || sp_sample_shop_is_path (path) || sp_store_is_server_address (path))
    return;

  recent = g_settings_get_strv (self->settings, "recent-shops");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_SHOPS; i++)
    {
      if (g_strcmp0 (recent[i], path) == 0 || sp_sample_shop_is_path (recent[i]))
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);

  if (!g_strv_equal ((const char * const *) recent, (const char * const *) updated))
    g_settings_set_strv (self->settings, "recent-shops", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-shop", path);
}

/**
 * sp_application_dup_recent_shops:
 *
 * Returns: (transfer full): the shops opened lately whose files are still
 *   there, the latest first; empty without settings
 */
GStrv
sp_application_dup_recent_shops (SpApplication *self)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);

  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-shops");

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      if (g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        g_strv_builder_add (builder, recent[i]);
    }

  return g_strv_builder_end (builder);
}

/**
 * sp_application_dup_own_shop:
 *
 * Returns: (transfer full): the owner's shop: the one opened last when its
 *   file is still there, else the database in the data folder
 */
char *
sp_application_dup_own_shop (SpApplication *self)
{
  g_autofree char *last = NULL;

  g_return_val_if_fail (self == NULL || SP_IS_APPLICATION (self), NULL);

  if (self != NULL && self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-shop");

  if (last != NULL && *last != '\0' && !sp_sample_shop_is_path (last) &&
      g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&last);

  return sp_store_dup_default_path ();
}

SpWindow *
sp_application_find_window (SpApplication *self,
                            const char    *path)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (SP_IS_WINDOW (l->data) &&
          g_strcmp0 (sp_window_get_database_path (l->data), path) == 0)
        return l->data;
    }

  return NULL;
}

static void
free_password (gpointer data)
{
  char *password = data;

  if (password != NULL)
    {
      memset (password, 0, strlen (password));
      g_free (password);
    }
}

void
sp_application_set_server_password (SpApplication *self,
                                    const char    *address,
                                    const char    *password)
{
  g_return_if_fail (SP_IS_APPLICATION (self));
  g_return_if_fail (address != NULL);

  if (password != NULL)
    g_hash_table_replace (self->passwords, g_strdup (address), g_strdup (password));
  else
    g_hash_table_remove (self->passwords, address);
}

const char *
sp_application_get_server_password (SpApplication *self,
                                    const char    *address)
{
  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  return g_hash_table_lookup (self->passwords, address);
}

char *
sp_application_dup_server_address (SpApplication *self)
{
  g_autofree char *location = NULL;
  g_auto(SpServerLogin) login = { 0 };

  g_return_val_if_fail (SP_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    return NULL;

  location = g_settings_get_string (self->settings, "shop-location");
  if (!g_str_equal (location, "server"))
    return NULL;

  login.host = g_settings_get_string (self->settings, "server-host");
  login.port = g_settings_get_string (self->settings, "server-port");
  login.dbname = g_settings_get_string (self->settings, "server-database");
  login.user = g_settings_get_string (self->settings, "server-user");
  login.ca_file = g_settings_get_string (self->settings, "server-ca-file");
  return sp_server_login_dup_address (&login);
}

static void
present_database (SpApplication *self,
                  const char    *path)
{
  SpWindow *window = sp_application_find_window (self, path);

  if (window == NULL)
    window = sp_window_new (self, path);

  gtk_window_present (GTK_WINDOW (window));
}

typedef struct
{
  SpApplication *self;
  char          *address;
} Lookup;

static void
password_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  char *password = sp_server_login_lookup_password_finish (result, &error);

  /* none kept, or no keyring: libpq's own ways (~/.pgpass, a service file) may still log in */
  if (error != NULL)
    g_message ("The keyring could not be read: %s", error->message);
  if (password != NULL)
    {
      sp_application_set_server_password (lookup->self, lookup->address, password);
      sp_server_login_free_password (password);
    }

  present_database (lookup->self, lookup->address);

  g_application_release (G_APPLICATION (lookup->self));
  g_object_unref (lookup->self);
  g_free (lookup->address);
  g_free (lookup);
}

/* A shop on a server opens once the keyring has said whether it keeps its password */
static void
open_server (SpApplication *self,
             const char    *address)
{
  g_auto(SpServerLogin) login = { 0 };
  Lookup *lookup;

  if (sp_application_find_window (self, address) != NULL ||
      sp_application_get_server_password (self, address) != NULL ||
      !sp_server_login_parse (&login, address))
    {
      present_database (self, address);
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->address = g_strdup (address);
  g_application_hold (G_APPLICATION (self));
  sp_server_login_lookup_password_async (&login, NULL, password_found_cb, lookup);
}

static void
open_database (SpApplication *self,
               const char    *path)
{
  g_autofree char *default_path = NULL;

  /* --db names a file or a server; without it, the server Preferences names, else the shop
   * opened last */
  if (path == NULL)
    path = default_path = sp_application_dup_server_address (self);
  if (path == NULL)
    path = default_path = sp_application_dup_own_shop (self);

  if (sp_store_is_server_address (path))
    open_server (self, path);
  else
    present_database (self, path);
}

static int
sp_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  SpApplication *self = SP_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;

  g_variant_dict_lookup (options, "db", "^ay", &db);

  /* a server's address is no file: it is opened as it is */
  if (db != NULL && sp_store_is_server_address (db))
    {
      path = g_strdup (db);
    }
  else if (db != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db);

      path = g_file_get_path (file);
    }

  open_database (self, path);
  return 0;
}

static void
sp_application_activate (GApplication *app)
{
  open_database (SP_APPLICATION (app), NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SpApplication *self = user_data;

  /* Closing each window lets it ask about unsaved forms first */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l;)
    {
      GList *next = l->next;

      gtk_window_close (l->data);
      l = next;
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Service Pulse developers", NULL };
  g_auto(GStrv) sources = sp_benchmarks_dup_source_titles ();
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                         "transient-for", parent,
                         "application-name", _("Service Pulse"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Service Pulse developers"),
                         "developers", developers,
                         "comments", _("See in numbers how well your shop serves its customers: "
                                       "log contacts and survey answers, follow CSAT, first "
                                       "contact resolution, response times and the other "
                                       "service KPIs against published benchmarks, and set "
                                       "SMART goals."),
                         "website", "https://github.com/servicepulse/ServicePulse",
                         "issue-url", "https://github.com/servicepulse/ServicePulse/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Service Pulse developers",
                         NULL);
  /* the guides every benchmark band and target is taken from, by their titles */
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Benchmark Sources"),
                                                (const char **) sources);
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    sp_help_show (GTK_WIDGET (window), SP_HELP_PAGE_INDEX);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "help", help_action },
};

static const struct {
  const char *action;
  const char *keys[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.log-contact", { "<Control>n", NULL } },
  { "win.record-survey", { "<Control><Shift>n", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.open-shop", { "<Control>o", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.print", { "<Control>p", NULL } },
  { "win.save-report", { "<Control><Shift>s", NULL } },
  { "win.preferences", { "<Control>comma", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "app.help", { "F1", NULL } },
};

static void
sp_application_startup (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (sp_application_parent_class)->startup (app);

  /* the windows' icon; the theme finds it in the app's resources when not installed */
  gtk_window_set_default_icon_name (APP_ID);

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    self->settings = g_settings_new (APP_ID);
  else
    g_warning ("The settings schema %s is not installed; window size and choices will not be "
               "remembered", APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  /* set here, not as key bindings, so that menus and the shortcuts window show them */
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].keys);
}

static void
sp_application_shutdown (GApplication *app)
{
  SpApplication *self = SP_APPLICATION (app);

  g_clear_object (&self->settings);
  g_hash_table_remove_all (self->passwords);

  G_APPLICATION_CLASS (sp_application_parent_class)->shutdown (app);
}

static void
sp_application_finalize (GObject *object)
{
  SpApplication *self = SP_APPLICATION (object);

  g_clear_pointer (&self->passwords, g_hash_table_unref);

  G_OBJECT_CLASS (sp_application_parent_class)->finalize (object);
}

static void
sp_application_class_init (SpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sp_application_finalize;

  app_class->startup = sp_application_startup;
  app_class->shutdown = sp_application_shutdown;
  app_class->activate = sp_application_activate;
  app_class->command_line = sp_application_command_line;
}

static void
sp_application_init (SpApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The database to open (default: service-pulse.db in your data folder)"), N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  self->passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_password);
}

