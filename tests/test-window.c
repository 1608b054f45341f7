/* test-window.c: the window opens on a database and shows what to do first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

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

  return g_test_run ();
}
