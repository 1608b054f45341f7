/* test-app-icon.c: the app's icon in the window and About, installed or not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sp-application.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"

static SpApplication *app;

static void
start_app (void)
{
  g_autoptr(GError) error = NULL;

  app = sp_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
}

/* The theme finds the icon in the app's own resources: this test runs
 * from the build tree, with nothing installed */
static void
test_theme_has_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID "-symbolic"));

  icon = gtk_icon_theme_lookup_icon (theme, APP_ID, NULL, 128, 1, GTK_TEXT_DIR_LTR, 0);
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  uri = g_file_get_uri (file);
  sp_assert_contains (uri, "/apps/" APP_ID ".svg");

  /* and every window has it */
  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, APP_ID);
}

static GtkImage *
find_image (GtkWidget  *root,
            const char *icon_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkImage *found;

      if (GTK_IS_IMAGE (child) &&
          g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (child)), icon_name) == 0)
        return GTK_IMAGE (child);
      if ((found = find_image (child, icon_name)))
        return found;
    }

  return NULL;
}

/* About shows it, not a broken image */
static void
test_about (void)
{
  GtkWindow *about;
  GtkImage *image;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  sp_test_wait_until ((about = sp_test_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW)) != NULL);
  sp_test_ui_wait_mapped (GTK_WIDGET (about));

  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  image = find_image (GTK_WIDGET (about), APP_ID);
  g_assert_nonnull (image);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (image)));

  gtk_window_destroy (about);
  sp_test_ui_flush ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sp_test_ui_init (&argc, &argv);
  start_app ();

  g_test_add_func ("/app-icon/theme", test_theme_has_icon);
  g_test_add_func ("/app-icon/about", test_about);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
