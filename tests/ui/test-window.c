/* test-window.c: the window opens on a database and shows what to do first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sp-dashboard-page.h"
#include "sp-kpi-card.h"
#include "sp-kpi.h"
#include "sp-shop.h"
#include "sp-test-kpi.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

static GtkWidget *
find_visible_status_page (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (ADW_IS_STATUS_PAGE (child))
        return child;
      if ((found = find_visible_status_page (child)))
        return found;
    }

  return NULL;
}

static void
test_empty_database (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  SpWindow *window = sp_window_new (NULL, path);
  AdwStatusPage *page;

  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));

  g_assert_nonnull (sp_window_get_store (window));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* a new shop welcomes the owner with its setup and the sample shop */
  page = ADW_STATUS_PAGE (find_visible_status_page (GTK_WIDGET (window)));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Welcome to Service Pulse");

  /* once it has a name, the pages show, each with what to do first */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (sp_shop_set_name (sp_window_get_store (window), "Corner Bikes", &error));
    g_assert_no_error (error);
  }
  {
    GtkStack *stack = GTK_STACK (sp_test_ui_child (window, SP_TYPE_WINDOW, "main_stack"));

    /* the welcome fades out */
    sp_test_wait_until (!gtk_stack_get_transition_running (stack));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "app");
  }
  page = ADW_STATUS_PAGE (find_visible_status_page (GTK_WIDGET (window)));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Contacts Yet");

  /* every page is reachable */
  sp_window_show_page (window, "goals");
  sp_test_ui_wait_mapped (GTK_WIDGET (window));
  /* the goals are computed on a thread */
  sp_test_wait_until ((page = ADW_STATUS_PAGE (find_visible_status_page (
                                                  GTK_WIDGET (window)))) != NULL);
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Goals Yet");

  gtk_window_destroy (GTK_WINDOW (window));
  sp_test_remove_dir (dir);
}

static void
test_damaged_database (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_write_file (dir, "junk.db", "This is a letter, not a database");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SpWindow *window = sp_window_new (NULL, path);
  AdwStatusPage *page;

  g_file_get_contents (path, &before, NULL, NULL);

  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));

  g_assert_null (sp_window_get_store (window));
  page = ADW_STATUS_PAGE (find_visible_status_page (GTK_WIDGET (window)));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "The Database Can't Be Opened");
  sp_assert_contains (adw_status_page_get_description (page),
                      "is not a Service Pulse database");

  /* and the file was not touched */
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);

  gtk_window_destroy (GTK_WINDOW (window));
  sp_test_remove_dir (dir);
}

/* A shop's database with its currency symbol and October's figures, in a new folder @dir */
static char *
make_shop (const char *symbol,
           char      **dir)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  *dir = sp_test_make_dir ();
  store = sp_test_open_store (*dir);
  sp_test_fill_october (store);
  g_assert_true (sp_shop_set_currency (store, symbol, &error));
  g_assert_no_error (error);
  return sp_test_db_path (*dir);
}

/* Waits until @window's dashboard shows @expected as October's cost per contact */
static void
assert_cost_on_dashboard (SpWindow   *window,
                          const char *expected)
{
  SpDashboardPage *page =
    SP_DASHBOARD_PAGE (sp_test_ui_find (GTK_WIDGET (window), SP_TYPE_DASHBOARD_PAGE, NULL));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  SpKpiCard *card;

  g_assert_nonnull (page);
  sp_window_show_page (window, "dashboard");
  sp_dashboard_page_set_period (page, SP_PERIOD_LAST_MONTH, NULL);
  for (;;)
    {
      card = sp_dashboard_page_get_card (page, SP_KPI_COST_PER_CONTACT);
      if (card != NULL && sp_dashboard_page_get_overview (page) != NULL &&
          !sp_dashboard_page_is_loading (page) &&
          g_strcmp0 (sp_kpi_card_get_value_text (card), expected) == 0)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("the dashboard shows “%s” as the cost per contact, not “%s”",
                 card ? sp_kpi_card_get_value_text (card) : "(no card)", expected);
      g_main_context_iteration (NULL, TRUE);
    }
}

/*
 * With windows on two shops in one process, each writes money with its own
 * shop's symbol, whichever is in front and whichever opened last.
 */
static void
test_currency_per_shop (void)
{
  g_autofree char *euro_dir = NULL;
  g_autofree char *franc_dir = NULL;
  g_autofree char *euro_path = make_shop ("€", &euro_dir);
  g_autofree char *franc_path = make_shop ("CHF", &franc_dir);
  SpWindow *euro = sp_window_new (NULL, euro_path);
  SpWindow *franc = NULL;

  sp_time_override_now (sp_test_time ("2026-11-15 12:00"));
  gtk_window_set_default_size (GTK_WINDOW (euro), 1200, 800);
  gtk_window_present (GTK_WINDOW (euro));
  sp_test_ui_wait_mapped (GTK_WIDGET (euro));

  franc = sp_window_new (NULL, franc_path);
  gtk_window_set_default_size (GTK_WINDOW (franc), 1200, 800);
  gtk_window_present (GTK_WINDOW (franc));
  sp_test_ui_wait_mapped (GTK_WIDGET (franc));

  /* October's cost per contact: 700 over 7 contacts in each shop */
  assert_cost_on_dashboard (euro, "€100.00");
  assert_cost_on_dashboard (franc, "CHF100.00");

  /* a change of one shop's symbol leaves the other's as it is */
  g_assert_true (sp_shop_set_currency (sp_window_get_store (franc), "Fr.", NULL));
  assert_cost_on_dashboard (franc, "Fr.100.00");
  assert_cost_on_dashboard (euro, "€100.00");

  gtk_window_destroy (GTK_WINDOW (franc));
  gtk_window_destroy (GTK_WINDOW (euro));
  sp_time_override_now (SP_TIME_NONE);
  sp_test_remove_dir (euro_dir);
  sp_test_remove_dir (franc_dir);
}

static void
css_parsing_error (GtkCssProvider *provider,
                   GtkCssSection  *section,
                   const GError   *error,
                   guint          *n_errors)
{
  g_autofree char *where = gtk_css_section_to_string (section);

  g_printerr ("style.css: %s: %s\n", where, error->message);
  (*n_errors)++;
}

/* A stray brace silently drops every rule after it */
static void
test_style_sheet_parses (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  guint n_errors = 0;

  g_signal_connect (provider, "parsing-error", G_CALLBACK (css_parsing_error), &n_errors);
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  g_assert_cmpuint (n_errors, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/style-sheet", test_style_sheet_parses);
  g_test_add_func ("/window/empty-database", test_empty_database);
  g_test_add_func ("/window/damaged-database", test_damaged_database);
  g_test_add_func ("/window/currency-per-shop", test_currency_per_shop);

  return g_test_run ();
}
