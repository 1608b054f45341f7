/* test-help-ui.c: F1, the main menu and the help buttons ask for the right help page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-application.h"
#include "sp-dashboard-page-private.h"
#include "sp-goal-editor.h"
#include "sp-goals-page.h"
#include "sp-help-private.h"
#include "sp-import.h"
#include "sp-kpi-page.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

#define TODAY "2026-03-15 12:00"

static const char contacts_csv[] =
  "received_at,channel,agent,customer,category,first_response_at,resolved_at,"
  "resolved_first_contact\n"
  "2026-03-02 09:00,phone,Ana,Kim,Billing,2026-03-02 09:01,2026-03-02 09:08,yes\n"
  "2026-03-03 09:30,email,Ben,Lou,Returns,2026-03-03 11:00,2026-03-04 10:00,no\n";

typedef struct
{
  char      *dir;
  SpWindow  *window;
  GPtrArray *uris;           /* what the app asked the viewer to open */
  GError    *launch_error;   /* what the launcher answers; NULL: it opens */
} Fixture;

static SpApplication *app;

static gboolean
launch_cb (GtkWindow   *parent,
           const char  *uri,
           gpointer     user_data,
           GError     **error)
{
  Fixture *f = user_data;

  g_assert_true (parent == NULL || GTK_IS_WINDOW (parent));
  g_ptr_array_add (f->uris, g_strdup (uri));

  if (f->launch_error != NULL)
    {
      g_propagate_error (error, g_error_copy (f->launch_error));
      return FALSE;
    }

  return TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n = 0;

  sp_time_override_now (sp_test_time (TODAY));
  f->dir = sp_test_make_dir ();
  path = sp_test_db_path (f->dir);
  f->uris = g_ptr_array_new_with_free_func (g_free);
  sp_help_set_launch_func (launch_cb, f);

  store = sp_test_open_store (f->dir);
  g_assert_true (sp_import_data (store, SP_IMPORT_CONTACTS, "contacts.csv", contacts_csv,
                                 strlen (contacts_csv), &n, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* one application for the program: registering it ran startup, which set F1 */
  if (app == NULL)
    {
      app = sp_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }

  f->window = sp_window_new (app, path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (GTK_WIDGET (f->window));
  g_assert_nonnull (sp_window_get_store (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  sp_help_set_launch_func (NULL, NULL);
  g_clear_error (&f->launch_error);
  g_ptr_array_unref (f->uris);
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  sp_time_override_now (SP_TIME_NONE);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return sp_test_ui_find (root, type, NULL);
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

/* The menu button whose menu holds About */
static GtkMenuButton *
find_main_menu (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found;

      if (GTK_IS_MENU_BUTTON (child) &&
          gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)) != NULL &&
          menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)), "app.about"))
        return GTK_MENU_BUTTON (child);
      if ((found = find_main_menu (child)))
        return found;
    }

  return NULL;
}

static void
assert_asked_for (Fixture    *f,
                  const char *uri)
{
  g_assert_cmpuint (f->uris->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->uris, 0), ==, uri);
  g_ptr_array_set_size (f->uris, 0);
}

/* F1 opens the help's front page, from any page, as "Help" in the main menu does */
static void
test_f1 (Fixture       *f,
         gconstpointer  data)
{
  GtkMenuButton *menu_button;

  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (f->window), "F1"));
  assert_asked_for (f, "help:service-pulse");

  sp_window_show_page (f->window, "log");
  sp_test_ui_flush ();
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (f->window), "F1"));
  assert_asked_for (f, "help:service-pulse");

  menu_button = find_main_menu (GTK_WIDGET (f->window));
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu_button), "app.help"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  sp_test_ui_flush ();
  assert_asked_for (f, "help:service-pulse");

  /* the shortcuts window lists it */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "app.help");

    g_assert_nonnull (accels);
    g_assert_cmpstr (accels[0], ==, "F1");
  }
}

/* The "?" of each KPI's page asks for that KPI's own page, which the help has */
static void
test_kpi_button (Fixture       *f,
                 gconstpointer  data)
{
  SpDashboardPage *dashboard;
  const char *top = g_getenv ("SP_TOP_SRCDIR");

  sp_window_show_page (f->window, "dashboard");
  dashboard = SP_DASHBOARD_PAGE (find_type (GTK_WIDGET (f->window), SP_TYPE_DASHBOARD_PAGE));
  g_assert_nonnull (dashboard);
  g_assert_nonnull (top);

  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      SpKpiPage *page;
      GtkWidget *button;
      g_autofree char *id = sp_help_dup_kpi_page (kpi);
      g_autofree char *uri = g_strconcat ("help:service-pulse/", id, NULL);
      g_autofree char *file = g_strconcat (id, ".page", NULL);
      g_autofree char *source = g_build_filename (top, "help", "C", file, NULL);

      sp_dashboard_page_open_kpi (dashboard, kpi);
      sp_test_ui_flush ();
      page = sp_dashboard_page_get_kpi_page (dashboard);
      g_assert_cmpint (sp_kpi_page_get_kpi (page), ==, kpi);

      button = sp_test_ui_child (page, SP_TYPE_KPI_PAGE, "help_button");
      g_assert_true (gtk_widget_get_visible (button));
      g_signal_emit_by_name (button, "clicked");
      sp_test_ui_flush ();
      assert_asked_for (f, uri);
      g_assert_true (g_file_test (source, G_FILE_TEST_IS_REGULAR));

      sp_dashboard_page_go_back (dashboard);
      sp_test_ui_flush ();
    }

  /* the ids the pages are named after (the rest follow the same rule) */
  {
    g_autofree char *fcr = sp_help_dup_kpi_page (SP_KPI_FCR);
    g_autofree char *first = sp_help_dup_kpi_page (SP_KPI_FIRST_RESPONSE);

    g_assert_cmpstr (fcr, ==, "kpi-fcr");
    g_assert_cmpstr (first, ==, "kpi-first-response-minutes");
  }
}

static gboolean
find_action_button (GtkWidget   *root,
                    const char  *action,
                    GtkWidget  **out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        {
          *out = child;
          return TRUE;
        }
      if (find_action_button (child, action, out))
        return TRUE;
    }

  return FALSE;
}

/* The goal editor's "?" and F1 open the page on goals, and leave the editor as it was */
static void
test_goal_editor_button (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *new_goal, *help = NULL;
  SpGoalEditor *editor;

  sp_window_show_page (f->window, "goals");
  sp_test_ui_flush ();
  /* the page lists the goals once they are computed on a thread */
  sp_test_wait_until ((new_goal = sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_BUTTON,
                                                         "_New Goal")) != NULL);
  g_signal_emit_by_name (new_goal, "clicked");
  sp_test_ui_flush ();

  editor = SP_GOAL_EDITOR (sp_test_ui_find_toplevel (SP_TYPE_GOAL_EDITOR));
  g_assert_nonnull (editor);
  sp_test_ui_wait_mapped (GTK_WIDGET (editor));

  g_assert_true (find_action_button (GTK_WIDGET (editor), "editor.help", &help));
  g_assert_true (gtk_widget_get_mapped (help));
  g_signal_emit_by_name (help, "clicked");
  sp_test_ui_flush ();
  assert_asked_for (f, "help:service-pulse/goals");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  /* F1 in the editor: the same page */
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (editor), "F1"));
  assert_asked_for (f, "help:service-pulse/goals");
}

/* Without a help viewer the owner reads what to install, over the window */
static void
test_missing_viewer (Fixture       *f,
                     gconstpointer  data)
{
  AdwMessageDialog *dialog;

  f->launch_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                         "Operation not supported");
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (f->window), "F1"));
  assert_asked_for (f, "help:service-pulse");

  sp_test_wait_until (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Help Could Not Be Opened");
  sp_assert_contains (adw_message_dialog_get_body (dialog), "Install the package “yelp”");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* any other failure is said as it is */
  g_clear_error (&f->launch_error);
  f->launch_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "The viewer crashed");
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (f->window), "F1"));
  assert_asked_for (f, "help:service-pulse");
  sp_test_wait_until (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  sp_assert_contains (adw_message_dialog_get_body (dialog), "The viewer crashed");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);
  /* the installed help's URIs, not those build-aux/run gives */
  g_unsetenv ("SP_HELP_DIR");

  g_test_add ("/help/f1", Fixture, NULL, fixture_setup, test_f1, fixture_teardown);
  g_test_add ("/help/kpi-button", Fixture, NULL, fixture_setup, test_kpi_button,
              fixture_teardown);
  g_test_add ("/help/goal-editor-button", Fixture, NULL, fixture_setup, test_goal_editor_button,
              fixture_teardown);
  g_test_add ("/help/missing-viewer", Fixture, NULL, fixture_setup, test_missing_viewer,
              fixture_teardown);

  return g_test_run ();
}
