/* test-database-page.c: Preferences' Shop Database page, and the server's password in the
 * keyring (run under tests/support/with-keyring)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "sp-database-page.h"
#include "sp-error.h"
#include "sp-preferences-window.h"
#include "sp-server-login.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"

#define PASSWORD "Zebra-Kiwi-7391-Pässword"

typedef struct
{
  GSettings      *settings;
  GtkWidget      *window;
  SpDatabasePage *page;
} Fixture;

#define CHILD(name) sp_test_ui_child (f->page, SP_TYPE_DATABASE_PAGE, name)

static void
reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
show_page (Fixture *f)
{
  f->window = adw_preferences_window_new ();
  f->page = SP_DATABASE_PAGE (sp_database_page_new (f->settings));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (f->window), ADW_PREFERENCES_PAGE (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (f->window);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  reset_settings (f->settings);
  show_page (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  reset_settings (f->settings);
  g_clear_object (&f->settings);
}

static const char *
text_of (Fixture    *f,
         const char *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (CHILD (row)));
}

static void
click_connect (Fixture *f)
{
  sp_test_ui_activate_button (CHILD ("connect_button"));
  sp_test_wait_until (!sp_database_page_is_busy (f->page));
}

static void
test_switch (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *group = CHILD ("server_group");
  GtkCheckButton *computer = GTK_CHECK_BUTTON (CHILD ("computer_check"));
  GtkCheckButton *server = GTK_CHECK_BUTTON (CHILD ("server_check"));
  g_autofree char *location = NULL;

  /* a file on this computer at first: no server's rows */
  g_assert_true (gtk_check_button_get_active (computer));
  g_assert_false (gtk_widget_get_visible (group));

  /* choosing the server's row shows its login, and says nothing yet */
  g_assert_true (gtk_widget_activate (CHILD ("server_row")));
  sp_test_ui_flush ();
  g_assert_true (gtk_check_button_get_active (server));
  g_assert_false (gtk_check_button_get_active (computer));
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_true (gtk_widget_get_visible (CHILD ("host_row")));
  g_assert_true (gtk_widget_get_visible (CHILD ("password_row")));
  g_assert_true (gtk_widget_get_visible (CHILD ("connect_button")));
  g_assert_false (gtk_widget_get_visible (CHILD ("message_label")));

  /* the server is kept only once it could be reached */
  location = g_settings_get_string (f->settings, "shop-location");
  g_assert_cmpstr (location, ==, "computer");

  /* back to this computer: the rows go, what was typed stays for another time */
  sp_test_ui_set_text (CHILD ("host_row"), "db.example.com");
  g_settings_set_string (f->settings, "shop-location", "server");
  g_assert_true (gtk_widget_activate (CHILD ("computer_row")));
  sp_test_ui_flush ();
  g_assert_true (gtk_check_button_get_active (computer));
  g_assert_false (gtk_widget_get_visible (group));
  g_free (location);
  location = g_settings_get_string (f->settings, "shop-location");
  g_assert_cmpstr (location, ==, "computer");
  g_assert_cmpstr (text_of (f, "host_row"), ==, "db.example.com");

  /* the settings saying "server" open the page on the server's rows */
  g_settings_set_string (f->settings, "shop-location", "server");
  sp_test_ui_destroy_all ();
  show_page (f);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (CHILD ("server_check"))));
  g_assert_true (gtk_widget_get_visible (CHILD ("server_group")));
  g_assert_cmpstr (text_of (f, "host_row"), ==, "db.example.com");
}

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  GtkLabel *message = GTK_LABEL (CHILD ("message_label"));

  g_assert_true (gtk_widget_activate (CHILD ("server_row")));
  sp_test_ui_flush ();

  /* no host: said under the rows, and nothing typed is lost */
  sp_test_ui_set_text (CHILD ("database_row"), "corner_bikes");
  sp_test_ui_set_text (CHILD ("user_row"), "anna");
  sp_test_ui_set_text (CHILD ("password_row"), "typed");
  click_connect (f);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
  g_assert_cmpstr (gtk_label_get_text (message), ==,
                   "Type the server’s name or address in Host, such as “db.example.com”.");
  g_assert_cmpstr (text_of (f, "database_row"), ==, "corner_bikes");
  g_assert_cmpstr (text_of (f, "user_row"), ==, "anna");
  g_assert_cmpstr (text_of (f, "password_row"), ==, "typed");

  /* a port that is no number */
  sp_test_ui_set_text (CHILD ("host_row"), "db.example.com");
  sp_test_ui_set_text (CHILD ("port_row"), "54x");
  click_connect (f);
  g_assert_cmpstr (gtk_label_get_text (message), ==,
                   "“54x” is no port. Type a number from 1 to 65535, or leave Port empty for "
                   "the usual one (5432).");
  g_assert_cmpstr (text_of (f, "port_row"), ==, "54x");

  /* no database */
  sp_test_ui_set_text (CHILD ("port_row"), "");
  sp_test_ui_set_text (CHILD ("database_row"), "  ");
  click_connect (f);
  g_assert_cmpstr (gtk_label_get_text (message), ==,
                   "Type the name of the shop’s database on the server in Database.");

  /* a CA certificate that is gone */
  sp_test_ui_set_text (CHILD ("database_row"), "corner_bikes");
  sp_database_page_set_ca_file (f->page, "/nonexistent/root.crt");
  click_connect (f);
  g_assert_cmpstr (gtk_label_get_text (message), ==,
                   "There is no file “/nonexistent/root.crt” any more. Choose the server’s CA "
                   "certificate again, or remove it.");

  /* the fields went to the settings as typed; the password did not */
  {
    g_autofree char *host = g_settings_get_string (f->settings, "server-host");
    g_autofree char *db = g_settings_get_string (f->settings, "server-database");
    g_autofree char *ca = g_settings_get_string (f->settings, "server-ca-file");

    g_assert_cmpstr (host, ==, "db.example.com");
    g_assert_cmpstr (db, ==, "corner_bikes");
    g_assert_cmpstr (ca, ==, "/nonexistent/root.crt");
  }
}

static void
test_address (void)
{
  SpServerLogin login = {
    .host = (char *) "db.example.com",
    .port = (char *) "5433",
    .dbname = (char *) "my shop/1?x",
    .user = (char *) "anna@corner",
    .ca_file = (char *) "",
  };
  g_autofree char *address = NULL;
  g_autofree char *tls = NULL;
  g_autofree char *v6 = NULL;
  g_auto(SpServerLogin) parsed = { 0 };
  g_autoptr(GError) error = NULL;

  /* each part escaped: a name with @, / or ? stays that name */
  address = sp_server_login_dup_address (&login);
  g_assert_cmpstr (address, ==, "postgresql://anna%40corner@db.example.com:5433/my%20shop%2F1%3Fx");
  g_assert_true (sp_store_is_server_address (address));
  g_assert_true (sp_server_login_parse (&parsed, address));
  g_assert_cmpstr (parsed.host, ==, "db.example.com");
  g_assert_cmpstr (parsed.port, ==, "5433");
  g_assert_cmpstr (parsed.dbname, ==, "my shop/1?x");
  g_assert_cmpstr (parsed.user, ==, "anna@corner");

  /* a CA certificate: the server must prove it is the host */
  login.ca_file = (char *) "/home/anna/certs/root ca.crt";
  tls = sp_server_login_dup_address (&login);
  g_assert_cmpstr (tls, ==, "postgresql://anna%40corner@db.example.com:5433/my%20shop%2F1%3Fx"
                            "?sslmode=verify-full&sslrootcert=%2Fhome%2Fanna%2Fcerts%2Froot%20ca.crt");

  /* no user or port: libpq's defaults; an IPv6 address in brackets */
  login.host = (char *) "2001:db8::10";
  login.user = (char *) "";
  login.port = (char *) "";
  login.ca_file = (char *) "";
  v6 = sp_server_login_dup_address (&login);
  g_assert_cmpstr (v6, ==, "postgresql://[2001:db8::10]/my%20shop%2F1%3Fx");
  g_assert_true (sp_server_login_check (&login, &error));
  g_assert_no_error (error);

  /* what can't be an address is refused, not pasted in */
  login.host = (char *) "db:x/evil?sslmode=disable";
  g_assert_false (sp_server_login_check (&login, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);

  g_assert_false (sp_server_login_parse (&parsed, "/home/anna/shop.db"));
}

/* Whether a file under @dir holds @needle */
static gboolean
dir_holds (const char *dir,
           const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (dir_holds (path, needle))
            return TRUE;
        }
      else if (g_file_get_contents (path, &contents, &length, NULL) &&
               memmem (contents, length, needle, strlen (needle)) != NULL)
        {
          g_test_message ("%s holds the password", path);
          return TRUE;
        }
    }

  return FALSE;
}

static const SecretSchema *
server_schema (void)
{
  /* as the app keeps it, written out here so that a change of it is noticed */
  static const SecretSchema schema = {
    "io.github.servicepulse.ServicePulse.Server", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
test_keyring (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  GtkLabel *message = GTK_LABEL (CHILD ("message_label"));

  /* only with a Secret Service: tests/support/with-keyring starts one, unlocked */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL ||
      !(service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error)))
    {
      g_test_skip_printf ("no Secret Service to keep the password in (%s)",
                          error ? error->message : "no D-Bus session");
      return;
    }

  g_assert_true (gtk_widget_activate (CHILD ("server_row")));
  sp_test_ui_flush ();
  sp_test_ui_set_text (CHILD ("host_row"), "shop-server.invalid");
  sp_test_ui_set_text (CHILD ("database_row"), "corner_bikes");
  sp_test_ui_set_text (CHILD ("user_row"), "anna");
  sp_test_ui_set_text (CHILD ("password_row"), PASSWORD);
  click_connect (f);

  /* no such server: the reason under the rows, what was typed kept */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
  g_assert_cmpstr (gtk_label_get_text (message), !=, "");
  g_assert_cmpstr (text_of (f, "host_row"), ==, "shop-server.invalid");
  g_assert_cmpstr (text_of (f, "password_row"), ==, PASSWORD);
  {
    g_autofree char *location = g_settings_get_string (f->settings, "shop-location");

    g_assert_cmpstr (location, ==, "computer");
  }

  /* the password is in the keyring under the server, the database and the user */
  kept = secret_password_lookup_sync (server_schema (), NULL, &error,
                                      "host", "shop-server.invalid", "port", "",
                                      "dbname", "corner_bikes", "user", "anna", NULL);
  if (error != NULL && kept == NULL)
    {
      g_test_skip_printf ("the Secret Service keeps no passwords here (%s)", error->message);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, PASSWORD);

  /* Preferences opened again shows it, read back from the keyring */
  sp_test_ui_destroy_all ();
  show_page (f);
  sp_test_wait_until (!sp_database_page_is_busy (f->page));
  g_assert_cmpstr (text_of (f, "host_row"), ==, "shop-server.invalid");
  g_assert_cmpstr (text_of (f, "password_row"), ==, PASSWORD);

  /* and nowhere else: not in the settings, not in a file of the home or XDG folders */
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (f->settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autoptr(GVariant) value = g_settings_get_value (f->settings, keys[i]);
        g_autofree char *printed = g_variant_print (value, FALSE);

        g_assert_null (strstr (printed, PASSWORD));
      }
  }
  g_assert_false (dir_holds (g_get_home_dir (), PASSWORD));
  g_assert_false (dir_holds (g_get_user_data_dir (), PASSWORD));
  g_assert_false (dir_holds (g_get_user_config_dir (), PASSWORD));
  g_assert_false (dir_holds (g_get_user_cache_dir (), PASSWORD));
}

/* A server's shop that can't be opened says why, and leads to its login in Preferences */
static void
test_server_window (void)
{
  const char *address = "postgresql://anna@shop-server.invalid/corner_bikes";
  SpWindow *window = sp_window_new (NULL, address);
  GtkStack *stack;
  AdwPreferencesWindow *preferences;
  GtkWidget *shop_page;

  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));

  g_assert_null (sp_window_get_store (window));
  g_assert_cmpstr (sp_window_get_database_path (window), ==, address);
  stack = GTK_STACK (sp_test_ui_child (window, SP_TYPE_WINDOW, "main_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (
                     sp_test_ui_child (window, SP_TYPE_WINDOW, "error_page"))), !=, "");
  g_assert_true (gtk_widget_get_visible (sp_test_ui_child (window, SP_TYPE_WINDOW,
                                                           "server_settings_button")));
  g_assert_false (gtk_widget_get_visible (sp_test_ui_child (window, SP_TYPE_WINDOW,
                                                            "restore_button")));
  /* named by its database and server, not by a file */
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (
                     sp_test_ui_child (window, SP_TYPE_WINDOW, "welcome_title"))), ==,
                   "corner_bikes on shop-server.invalid");

  sp_test_ui_activate_button (sp_test_ui_child (window, SP_TYPE_WINDOW,
                                                "server_settings_button"));
  sp_test_wait_until (sp_test_ui_find_toplevel (SP_TYPE_PREFERENCES_WINDOW) != NULL);
  preferences = ADW_PREFERENCES_WINDOW (sp_test_ui_find_toplevel (SP_TYPE_PREFERENCES_WINDOW));
  sp_test_ui_wait_mapped (GTK_WIDGET (preferences));
  g_assert_true (SP_IS_DATABASE_PAGE (adw_preferences_window_get_visible_page (preferences)));
  shop_page = sp_test_ui_child (preferences, SP_TYPE_PREFERENCES_WINDOW, "shop_page");
  /* no shop open: its settings are not offered */
  g_assert_null (gtk_widget_get_root (shop_page));
  g_assert_null (gtk_widget_get_root (sp_test_ui_child (preferences, SP_TYPE_PREFERENCES_WINDOW,
                                                        "benchmarks_page")));

  sp_test_ui_destroy_all ();
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

  g_test_add_func ("/database-page/address", test_address);
  g_test_add_func ("/database-page/server-window", test_server_window);
  g_test_add ("/database-page/switch", Fixture, NULL, fixture_setup, test_switch,
              fixture_teardown);
  g_test_add ("/database-page/validate", Fixture, NULL, fixture_setup, test_validate,
              fixture_teardown);
  g_test_add ("/database-page/keyring", Fixture, NULL, fixture_setup, test_keyring,
              fixture_teardown);

  return g_test_run ();
}
