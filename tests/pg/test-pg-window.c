/* test-pg-window.c
 *
 * The window on a shop on a server, against a throwaway cluster and on a
 * display of its own: a contact logged in the form reaches the server;
 * another computer's save shows without reloading; a staff login finds
 * the owner's actions turned off; and with the server stopped in the
 * middle, the form keeps what was typed and saves it once the server is
 * back, the window reconnecting by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sp-contact-form.h"
#include "sp-database-page.h"
#include "sp-form.h"
#include "sp-preferences-window.h"
#include "sp-shop-move.h"
#include "sp-test-pg.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"
#include "sp-window-safety.h"

#define CHILD(form, name) sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, name)

static gint64
server_int (SpTestServer *f,
            const char   *sql)
{
  PGconn *conn = sp_test_server_connect_as (f, NULL, NULL);
  gint64 value = sp_test_pg_query_int (conn, sql);

  PQfinish (conn);
  return value;
}

/* The window on @uri: it opens the shop on a worker, saying so, and shows it once open */
static SpWindow *
open_window (const char *uri)
{
  SpWindow *window = sp_window_new (NULL, uri);
  GtkWidget *stack = sp_test_ui_child (window, SP_TYPE_WINDOW, "main_stack");
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sp_window_is_opening (window));
  g_assert_null (sp_window_get_store (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "opening");
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (window), "win.log-contact"));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));

  while (sp_window_is_opening (window) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (sp_window_is_opening (window));
  g_assert_nonnull (sp_window_get_store (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), !=, "opening");
  return window;
}

static SpContactForm *
fill_form (SpStore    *store,
           const char *customer)
{
  SpContactForm *form = sp_contact_form_new (store, NULL);

  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  sp_test_ui_set_text (CHILD (form, "received_row"), "2026-10-14 09:00");
  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  sp_test_ui_set_text (CHILD (form, "customer_row"), customer);
  sp_test_ui_set_text (CHILD (form, "topic_row"), "Billing");
  sp_test_ui_set_text (CHILD (form, "note_row"), "Typed at the till");
  g_assert_null (sp_form_get_problem (SP_FORM (form)));
  return form;
}

static gint64
count_contacts (SpStore *store)
{
  return sp_test_query_int (store, "SELECT count(*) FROM contacts");
}

#define MAIN_STACK(w) sp_test_ui_child ((w), SP_TYPE_WINDOW, "main_stack")

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return ADW_MESSAGE_DIALOG (w);
    }

  return NULL;
}

static AdwMessageDialog *
find_not_saved (void)
{
  return find_dialog ("Not Saved");
}

static void
test_window_on_server (SpTestServer  *f,
                       gconstpointer  data)
{
  g_autofree char *ana = g_strdup_printf ("ana_%s", f->name);
  g_autofree char *bo = g_strdup_printf ("bo_%s", f->name);
  g_autofree char *ana_uri = NULL;
  g_autofree char *bo_uri = NULL;
  g_autoptr(SpStore) office = NULL;
  g_autoptr(GError) error = NULL;
  SpContactForm *form;
  SpWindow *window;
  SpWindow *staff;
  SpWindow *away_window = NULL;
  SpStore *store;
  gint64 until;

  sp_test_server_set_up_shop (f);
  sp_test_server_add_user (f, ana, "staff", "ana-secret");
  sp_test_server_add_user (f, bo, "owner", "bo-secret");
  ana_uri = sp_test_server_login_uri (f, ana, "ana-secret");
  bo_uri = sp_test_server_login_uri (f, bo, "bo-secret");

  window = open_window (f->uri);
  store = sp_window_get_store (window);
  g_assert_true (sp_store_is_on_server (store));
  g_assert_true (sp_test_ui_is_enabled (GTK_WIDGET (window), "win.import"));

  /* Preferences: no daily copies on this computer, and where the backups are made instead */
  {
    GtkWidget *preferences = sp_preferences_window_new (GTK_WINDOW (window), store);
    GtkWidget *group;

    gtk_window_present (GTK_WINDOW (preferences));
    sp_test_ui_wait_mapped (preferences);
    group = sp_test_ui_child (preferences, SP_TYPE_PREFERENCES_WINDOW, "backups_group");
    sp_assert_contains (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                        "is backed up there, not on this computer");
    g_assert_false (gtk_widget_get_visible (sp_test_ui_child (preferences,
                                                              SP_TYPE_PREFERENCES_WINDOW,
                                                              "second_folder_row")));
    /* where the shop is kept: on this server, as the window's title says */
    {
      GtkWidget *page = GTK_WIDGET (sp_preferences_window_get_database_page (
                                      SP_PREFERENCES_WINDOW (preferences)));

      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
                       sp_test_ui_child (page, SP_TYPE_DATABASE_PAGE, "server_check"))));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                         sp_test_ui_child (page, SP_TYPE_DATABASE_PAGE, "database_row"))), ==,
                       f->name);
    }
    gtk_window_destroy (GTK_WINDOW (preferences));
  }

  /* a contact logged in the form is on the server */
  form = fill_form (store, "Bob's Bikes");
  g_assert_true (sp_form_save (SP_FORM (form)));
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts WHERE note = 'Typed at the till'"),
                   ==, 1);

  /* the back office's save shows here within two seconds, without reloading */
  office = sp_store_open_server (bo_uri, NULL, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SpContact) c = sp_contact_new ();

    c->received_at = sp_test_time ("2026-10-14 10:00");
    c->channel = SP_CHANNEL_EMAIL;
    sp_contact_set_agent_name (c, "Sam");
    g_assert_true (sp_store_save_contact (office, c, &error));
    g_assert_no_error (error);
  }
  until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (count_contacts (store) < 2 && g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpint (count_contacts (store), ==, 2);

  /* the server stops while a contact is being typed: nothing saved, nothing lost */
  form = fill_form (store, "Carla");
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  if (!sp_test_pg_stop_server ())
    {
      g_test_skip ("the cluster of PGPORT can't be stopped here (pg_ctlcluster)");
      sp_test_ui_destroy_all ();
      return;
    }
  g_assert_false (sp_form_save (SP_FORM (form)));
  sp_test_ui_flush ();
  {
    AdwMessageDialog *dialog = find_not_saved ();

    g_assert_nonnull (dialog);
    sp_assert_contains (adw_message_dialog_get_body (dialog), "server");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_nonnull (form);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "customer_row"))), ==,
                   "Carla");
  g_assert_cmpint (count_contacts (store), ==, 2);

  /* a window opened meanwhile shows at once that it is opening the shop, then why it can't */
  {
    SpWindow *away = sp_window_new (NULL, f->uri);
    GtkWidget *stack = sp_test_ui_child (away, SP_TYPE_WINDOW, "main_stack");

    /* not waiting for the server: still opening when made */
    gtk_window_present (GTK_WINDOW (away));
    g_assert_true (sp_window_is_opening (away));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "opening");
    until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    while (sp_window_is_opening (away) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_assert_false (sp_window_is_opening (away));
    g_assert_null (sp_window_get_store (away));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
    g_assert_true (gtk_widget_get_visible (sp_test_ui_child (away, SP_TYPE_WINDOW,
                                                             "server_settings_button")));
    sp_assert_contains (adw_status_page_get_description (ADW_STATUS_PAGE (
                          sp_test_ui_child (away, SP_TYPE_WINDOW, "error_page"))),
                        "tries again every few seconds");
    g_object_add_weak_pointer (G_OBJECT (away), (gpointer *) &away_window);
    away_window = away;
  }

  /* the window says so, and keeps trying while the server stays away */
  until = g_get_monotonic_time () + 7 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  sp_test_pg_start_server ();
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 2);

  /* the window that could not open the shop opens it by itself now */
  g_assert_nonnull (away_window);
  until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (sp_window_get_store (away_window) == NULL && g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_nonnull (sp_window_get_store (away_window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (sp_test_ui_child (
                     away_window, SP_TYPE_WINDOW, "main_stack"))), ==, "app");
  g_assert_cmpint (count_contacts (sp_window_get_store (away_window)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (away_window));

  /* the window reconnects by itself, and hears of the others' saves again */
  g_clear_object (&office);
  office = sp_store_open_server (bo_uri, NULL, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SpContact) c = sp_contact_new ();

    c->received_at = sp_test_time ("2026-10-14 11:00");
    c->channel = SP_CHANNEL_CHAT;
    sp_contact_set_agent_name (c, "Sam");
    g_assert_true (sp_store_save_contact (office, c, &error));
  }
  until = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (count_contacts (store) < 3 && g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpint (count_contacts (store), ==, 3);

  /* Save again: saved once, on the server and in the window's copy */
  g_assert_nonnull (form);
  g_assert_true (sp_form_save (SP_FORM (form)));
  g_assert_null (form);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts WHERE customer_id ="
                                  " (SELECT id FROM customers WHERE name = 'Carla')"), ==, 1);
  g_assert_cmpint (count_contacts (store), ==, 4);

  /* a staff login: the owner's actions are off, as the server would refuse them */
  staff = open_window (ana_uri);
  g_assert_cmpint (sp_store_get_role (sp_window_get_store (staff)), ==, SP_STORE_ROLE_STAFF);
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (staff), "win.import"));
  g_assert_false (sp_test_ui_action_enabled (MAIN_STACK (staff), "win.restore"));
  g_assert_true (sp_test_ui_is_enabled (GTK_WIDGET (staff), "win.log-contact"));
  /* taking the whole shop out of the server is the owner's */
  g_assert_false (sp_test_ui_action_enabled (MAIN_STACK (staff), "win.backup"));
  g_assert_false (sp_test_ui_action_enabled (MAIN_STACK (staff), "win.backup-to"));
  g_assert_cmpint (count_contacts (sp_window_get_store (staff)), ==, 4);

  /* the owner backs the server's shop up into a folder: a shop file that opens anywhere */
  g_assert_true (sp_test_ui_action_enabled (MAIN_STACK (window), "win.backup"));
  g_assert_true (sp_test_ui_action_enabled (MAIN_STACK (window), "win.backup-to"));
  {
    g_autofree char *usb = g_build_filename (f->dir, "usb", NULL);
    g_autoptr(GDir) dir = NULL;
    g_autoptr(SpStore) copy = NULL;
    g_autofree char *path = NULL;
    AdwMessageDialog *saved = NULL;
    const char *name;

    g_assert_cmpint (g_mkdir (usb, 0700), ==, 0);
    g_assert_true (sp_window_safety_back_up_to (window, usb, &error));
    g_assert_no_error (error);
    until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    while ((saved = find_dialog ("Backup Saved")) == NULL && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_assert_nonnull (saved);
    sp_assert_contains (adw_message_dialog_get_body (saved), "4 contacts");
    sp_assert_contains (adw_message_dialog_get_body (saved), "without the server");
    gtk_window_destroy (GTK_WINDOW (saved));

    dir = g_dir_open (usb, 0, &error);
    g_assert_no_error (error);
    name = g_dir_read_name (dir);
    g_assert_nonnull (name);
    g_assert_true (g_str_has_prefix (name, f->name));
    g_assert_true (g_str_has_suffix (name, ".db"));
    path = g_build_filename (usb, name, NULL);
    copy = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    g_assert_false (sp_store_is_on_server (copy));
    g_assert_cmpint (count_contacts (copy), ==, 4);
  }

  /* the owner puts that copy back from the window: asked first, the shop as it was kept in a
   * file on this computer, and every window shows the restored shop */
  {
    g_autofree char *usb = g_build_filename (f->dir, "usb", NULL);
    g_autofree char *kept = g_build_filename (g_getenv ("XDG_DATA_HOME"), "service-pulse",
                                              "server-backups", NULL);
    g_autofree char *backup = NULL;
    g_autofree char *database = NULL;
    g_autoptr(GDir) dir = g_dir_open (usb, 0, NULL);
    g_autoptr(GPtrArray) copies = NULL;
    AdwMessageDialog *ask;

    backup = g_build_filename (usb, g_dir_read_name (dir), NULL);
    {
      g_autoptr(SpContact) c = sp_contact_new ();

      c->received_at = sp_test_time ("2026-10-14 12:00");
      c->channel = SP_CHANNEL_SMS;
      sp_contact_set_agent_name (c, "Sam");
      g_assert_true (sp_store_save_contact (office, c, &error));
      g_assert_no_error (error);
    }
    g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 5);

    /* not a shop: said at once, nothing asked */
    sp_window_safety_restore_server (window, kept);
    ask = find_dialog ("The Shop Was Not Restored");
    g_assert_nonnull (ask);
    gtk_window_destroy (GTK_WINDOW (ask));
    g_assert_null (find_dialog ("Replace the Shop on the Server?"));

    sp_window_safety_restore_server (window, backup);
    ask = find_dialog ("Replace the Shop on the Server?");
    g_assert_nonnull (ask);
    sp_assert_contains (adw_message_dialog_get_body (ask), f->name);
    sp_assert_contains (adw_message_dialog_get_body (ask), "4 contacts");
    adw_message_dialog_response (ask, "replace");

    until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    while ((server_int (f, "SELECT count(*) FROM contacts") != 4 ||
            sp_window_get_store (window) == NULL ||
            count_contacts (sp_window_get_store (window)) != 4) &&
           g_get_monotonic_time () < until)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10000);
      }
    g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 4);
    store = sp_window_get_store (window);
    g_assert_cmpint (count_contacts (store), ==, 4);
    g_assert_null (find_dialog ("The Shop Was Not Restored"));
    /* its own restore is not another program's: not now, nor once the toasts before have
     * gone (one at a time, some 5 s each) */
    until = g_get_monotonic_time () + 12 * G_USEC_PER_SEC;
    while (g_get_monotonic_time () < until)
      {
        g_assert_null (sp_test_ui_find_shown (GTK_WIDGET (window), GTK_TYPE_LABEL,
                                              "The shop was restored from a backup by another "
                                              "program; showing it now."));
        g_main_context_iteration (NULL, FALSE);
        g_usleep (20000);
      }

    database = sp_store_dup_server_database (store);
    copies = sp_shop_list_server_copies (database);
    g_assert_cmpint (copies->len, ==, 1);
    {
      g_autoptr(SpStore) was = sp_store_open (copies->pdata[0], SP_STORE_OPEN_READ_ONLY, &error);

      g_assert_no_error (error);
      g_assert_cmpint (count_contacts (was), ==, 5);
    }

    /* forgetting a customer there names that copy and the server's own backups, not the
     * backups of a file, and deletes the copy when asked */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-customer", NULL));
    ask = find_dialog ("Forget a Customer");
    g_assert_nonnull (ask);
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ask)), "Carla");
    adw_message_dialog_response (ask, "continue");
    ask = find_dialog ("Forget “Carla”?");
    g_assert_nonnull (ask);
    sp_assert_contains (adw_message_dialog_get_body (ask),
                        "The 1 copy this computer kept before a restore still holds");
    sp_assert_contains (adw_message_dialog_get_body (ask), "The server’s own backups");
    sp_assert_not_contains (adw_message_dialog_get_body (ask), "backups made before");
    g_assert_true (adw_message_dialog_has_response (ask, "forget-backups"));
    adw_message_dialog_response (ask, "forget-backups");
    g_assert_cmpint (server_int (f, "SELECT count(*) FROM customers WHERE name = 'Carla'"), ==, 0);
    g_clear_pointer (&copies, g_ptr_array_unref);
    copies = sp_shop_list_server_copies (database);
    g_assert_cmpint (copies->len, ==, 0);
  }

  sp_test_ui_destroy_all ();
}

int
main (int    argc,
      char **argv)
{
  int skip;

  sp_test_ui_init (&argc, &argv);

  if ((skip = sp_test_pg_check_server ()) != 0)
    return skip;

  g_test_add ("/pg-window/on-server", SpTestServer, NULL, sp_test_server_setup,
              test_window_on_server, sp_test_server_teardown);

  return g_test_run ();
}
