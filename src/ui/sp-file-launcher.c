/* sp-file-launcher.c
 *
 * Opening a file the app saved, or showing it in the file manager, and
 * the "Saved" toast that offers both.  Showing asks the file manager over
 * D-Bus (org.freedesktop.FileManager1.ShowItems, which Files, Dolphin and
 * Nemo answer) to open its folder with the file selected; without one,
 * the folder is opened with the default application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-file-launcher"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-file-launcher-private.h"

static SpFileLauncherHook hook;
static gpointer hook_data;

void
sp_file_launcher_set_hook (SpFileLauncherHook func,
                           gpointer           user_data)
{
  hook = func;
  hook_data = user_data;
}

static GAppLaunchContext *
make_context (GtkWidget *parent)
{
  GdkDisplay *display = parent != NULL ? gtk_widget_get_display (parent)
                                       : gdk_display_get_default ();

  return display != NULL ? G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display))
                         : NULL;
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_message ("The file could not be opened: %s", error->message);
}

static void
launch_uri (GtkWidget *parent,
            GFile     *file)
{
  g_autoptr(GAppLaunchContext) context = make_context (parent);
  g_autofree char *uri = g_file_get_uri (file);

  g_app_info_launch_default_for_uri_async (uri, context, NULL, launched_cb, NULL);
}

/**
 * sp_file_launcher_open:
 *
 * Opens @file with the application the desktop uses for its kind.
 */
void
sp_file_launcher_open (GtkWidget *parent,
                       GFile     *file)
{
  g_return_if_fail (G_IS_FILE (file));

  if (hook != NULL)
    {
      hook ("open", file, hook_data);
      return;
    }

  launch_uri (parent, file);
}

typedef struct
{
  GtkWidget *parent;
  GFile     *file;
} Show;

static void
show_free (Show *show)
{
  g_clear_weak_pointer (&show->parent);
  g_object_unref (show->file);
  g_free (show);
}

static void
show_items_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Show *show = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (show->file);

      g_debug ("No file manager showed the file (%s); opening its folder", error->message);
      if (folder != NULL)
        launch_uri (show->parent, folder);
    }

  show_free (show);
}

/**
 * sp_file_launcher_show_in_folder:
 *
 * Shows @file selected in its folder in the file manager, or opens the
 * folder when no file manager answers.
 */
void
sp_file_launcher_show_in_folder (GtkWidget *parent,
                                 GFile     *file)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };
  Show *show;

  g_return_if_fail (G_IS_FILE (file));

  if (hook != NULL)
    {
      hook ("show", file, hook_data);
      return;
    }

  show = g_new0 (Show, 1);
  g_set_weak_pointer (&show->parent, parent);
  show->file = g_object_ref (file);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        launch_uri (parent, folder);
      show_free (show);
      return;
    }

  uri = g_file_get_uri (file);
  uris[0] = uri;
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, show_items_cb, show);
}

static void
unref_file (gpointer  data,
            GClosure *closure)
{
  g_object_unref (data);
}

static void
open_clicked_cb (AdwToast *toast,
                 GFile    *file)
{
  sp_file_launcher_open (NULL, file);
}

static void
show_clicked_cb (GtkButton *button,
                 AdwToast  *toast)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "sp-file");

  sp_file_launcher_show_in_folder (GTK_WIDGET (button), file);
  adw_toast_dismiss (toast);
}

/**
 * sp_file_launcher_new_toast:
 * @title: what was saved ("Exported to …")
 *
 * A toast that says @title and offers Open and Show in Files for @file.
 *
 * Returns: (transfer full): the toast
 */
AdwToast *
sp_file_launcher_new_toast (const char *title,
                            GFile      *file)
{
  AdwToast *toast;
  GtkWidget *box, *label, *show;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "sp-file", g_object_ref (file), g_object_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_clicked_cb),
                         g_object_ref (file), unref_file, 0);

  /* a toast has one button of its own; the second goes beside the title */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  show = gtk_button_new_with_mnemonic (_("Show in _Files"));
  gtk_widget_set_valign (show, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (show, "flat");
  g_signal_connect_object (show, "clicked", G_CALLBACK (show_clicked_cb), toast, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), show);
  adw_toast_set_custom_title (toast, box);

  return toast;
}
