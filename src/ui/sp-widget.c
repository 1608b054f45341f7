/* sp-widget.c: what any widget may ask of the window it is in
 *
 * A page or a form finds the window's toast overlay, or the window itself,
 * by looking up its ancestors (and, for a dialog, the windows it was opened
 * from), so it needs to know nothing of SpWindow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-widget"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-widget.h"

static AdwToastOverlay *
find_overlay_below (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_overlay_below (child);

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;

  if (ancestor != NULL)
    return ADW_TOAST_OVERLAY (ancestor);

  /* a dialog or a form: its toasts go to the window it was opened from,
   * which stays when it closes */
  root = gtk_widget_get_root (widget);
  for (GtkWindow *window = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root))
                                                : NULL;
       window != NULL; window = gtk_window_get_transient_for (window))
    {
      AdwToastOverlay *overlay = find_overlay_below (GTK_WIDGET (window));

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

/**
 * sp_widget_add_toast:
 * @toast: (transfer full)
 *
 * Shows @toast in the toast overlay @widget is in, or else in the window
 * the window of @widget was opened from.
 *
 * Returns: whether there was one to show it in (else @toast is let go of)
 */
gboolean
sp_widget_add_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = find_overlay (widget);
  if (overlay == NULL)
    {
      g_object_unref (toast);
      return FALSE;
    }

  adw_toast_overlay_add_toast (overlay, toast);
  return TRUE;
}

/**
 * sp_widget_show_error:
 *
 * Shows a failure the user must read, with what to do about it, over the
 * window @widget is in.
 *
 * Returns: whether @widget is in a window to show it over
 */
gboolean
sp_widget_show_error (GtkWidget    *widget,
                      const char   *heading,
                      const GError *error)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (heading != NULL, FALSE);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), heading,
                                                       error ? error->message : NULL));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
