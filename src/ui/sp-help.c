/* sp-help.c
 *
 * The user help is a Mallard document installed as "service-pulse" (help/),
 * read in the system's help viewer through its help: URI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-help"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-help-private.h"
#include "sp-widget.h"

#define HELP_DOCUMENT "service-pulse"

static SpHelpLaunchFunc launch_func;
static gpointer launch_data;

void
sp_help_set_launch_func (SpHelpLaunchFunc func,
                         gpointer         user_data)
{
  launch_func = func;
  launch_data = user_data;
}

/**
 * sp_help_dup_uri:
 * @page: (nullable): a page id of the help, or %NULL for its front page
 *
 * Returns: (transfer full): the help: URI of @page (with SP_HELP_DIR set,
 *   the ghelp: URI of the page in that folder)
 */
char *
sp_help_dup_uri (const char *page)
{
  /* build-aux/run points this at help/C of the source tree, which a build
   * tree has not installed where the viewer looks */
  const char *dir = g_getenv ("SP_HELP_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strconcat ("ghelp:", dir, "/", page != NULL && *page != '\0' ? page : "index", NULL);

  if (page == NULL || *page == '\0')
    return g_strdup ("help:" HELP_DOCUMENT);

  return g_strconcat ("help:" HELP_DOCUMENT "/", page, NULL);
}

/**
 * sp_help_dup_kpi_page:
 *
 * Returns: (transfer full): the id of the help page about @kpi: "kpi-" and
 *   its key with dashes ("kpi-fcr", "kpi-first-response-minutes")
 */
char *
sp_help_dup_kpi_page (SpKpi kpi)
{
  char *page;

  g_return_val_if_fail ((guint) kpi < SP_N_KPIS, NULL);

  page = g_strconcat ("kpi-", sp_kpi_to_key (kpi), NULL);
  g_strdelimit (page, "_", '-');
  return page;
}

static gboolean
is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static gboolean
is_viewer_missing (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
show_failure (GtkWidget    *widget,
              const GError *error)
{
  g_autoptr(GError) shown = NULL;

  if (is_viewer_missing (error))
    shown = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 _("The help opens in the Help app, which is not installed on "
                                   "this computer. Install the package “yelp” (called Help in "
                                   "Software; on Debian and Ubuntu: sudo apt install yelp) and "
                                   "try again."));
  else
    shown = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                         /* TRANSLATORS: %s is the reason */
                         _("The help viewer did not start: %s"), error->message);

  sp_widget_show_error (widget, _("The Help Could Not Be Opened"), shown);
}

static void
shown_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      g_warning ("Could not open the help: %s", error->message);
      if (gtk_widget_get_root (widget) != NULL)
        show_failure (widget, error);
    }
}

/**
 * sp_help_show:
 * @widget: the widget the help was asked from; its window is the parent
 * @page: (nullable): a page id of the help, or %NULL for its front page
 *
 * Opens the help at @page, or says what is missing when it can't.
 */
void
sp_help_show (GtkWidget  *widget,
              const char *page)
{
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  GtkWindow *parent;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  uri = sp_help_dup_uri (page);
  root = gtk_widget_get_root (widget);
  parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  if (launch_func != NULL)
    {
      if (!launch_func (parent, uri, launch_data, &error))
        show_failure (widget, error);
      return;
    }

  /* outside a sandbox a missing viewer is known before trying; inside, the
   * portal answers for the host */
  if (!is_sandboxed ())
    {
      g_autofree char *scheme = g_uri_parse_scheme (uri);
      g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme (scheme);

      if (viewer == NULL)
        {
          error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no help: handler");
          show_failure (widget, error);
          return;
        }
    }

  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, shown_cb, g_object_ref (widget));
}
