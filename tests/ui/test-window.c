/* test-window.c: the window opens on a database and shows what to do first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sp-kpi.h"
#include "sp-shop.h"
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

/* A shop's database with its currency symbol, in a new folder @dir */
static char *
make_shop (const char *symbol,
           char      **dir)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  *dir = sp_test_make_dir ();
  store = sp_test_open_store (*dir);
  g_assert_true (sp_shop_set_currency (store, symbol, &error));
  g_assert_no_error (error);
  return sp_test_db_path (*dir);
}

static gboolean
wait_for_active (GtkWindow *window)
{
  for (guint i = 0; i < 1000 && !gtk_window_is_active (window); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return gtk_window_is_active (window);
}

/* With windows on two shops, money is written with the symbol of the one in front */
static void
test_currency_of_window_in_front (void)
{
  g_autofree char *euro_dir = NULL;
  g_autofree char *franc_dir = NULL;
  g_autofree char *euro_path = make_shop ("€", &euro_dir);
  g_autofree char *franc_path = make_shop ("CHF", &franc_dir);
  SpWindow *euro = sp_window_new (NULL, euro_path);
  SpWindow *franc = NULL;

  gtk_window_present (GTK_WINDOW (euro));
  sp_test_ui_wait_mapped (GTK_WIDGET (euro));
  g_assert_cmpstr (sp_kpi_get_currency_symbol (), ==, "€");

  franc = sp_window_new (NULL, franc_path);
  gtk_window_present (GTK_WINDOW (franc));
  sp_test_ui_wait_mapped (GTK_WIDGET (franc));
  g_assert_cmpstr (sp_kpi_get_currency_symbol (), ==, "CHF");

  gtk_window_present (GTK_WINDOW (euro));
  if (!wait_for_active (GTK_WINDOW (euro)))
    g_test_skip ("the display gives no window the focus");
  else
    g_assert_cmpstr (sp_kpi_get_currency_symbol (), ==, "€");

  gtk_window_destroy (GTK_WINDOW (franc));
  gtk_window_destroy (GTK_WINDOW (euro));
  sp_kpi_set_currency_symbol (NULL);
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
  g_test_add_func ("/window/currency-of-window-in-front", test_currency_of_window_in_front);

  return g_test_run ();
}
