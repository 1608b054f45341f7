/* sp-undo.c
 *
 * Deleting a record at once, with a toast that puts it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-undo"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-undo.h"
#include "sp-window.h"

typedef struct
{
  SpStore  *store;
  GObject  *record;
  GWeakRef  window;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_object_unref (undo->store);
  g_object_unref (undo->record);
  g_weak_ref_clear (&undo->window);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) window = g_weak_ref_get (&undo->window);
  gboolean ok;

  if (SP_IS_CONTACT (undo->record))
    ok = sp_store_undelete_contact (undo->store, SP_CONTACT (undo->record), &error);
  else
    ok = sp_store_undelete_survey (undo->store, SP_SURVEY (undo->record), &error);

  if (!ok && SP_IS_WINDOW (window))
    sp_window_show_error (SP_WINDOW (window), _("It Can't Be Put Back"), error);
}

static void
show_toast (GtkWidget  *widget,
            SpStore    *store,
            GObject    *record,
            const char *title)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  AdwToast *toast;
  Undo *undo;

  /* a form shows its toasts in the window it was opened from */
  while (window != NULL && !SP_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);

  if (window == NULL)
    return;

  undo = g_new0 (Undo, 1);
  undo->store = g_object_ref (store);
  undo->record = g_object_ref (record);
  g_weak_ref_init (&undo->window, window);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), undo,
                         (GClosureNotify) (void (*) (void)) undo_free, 0);
  sp_window_add_toast (SP_WINDOW (window), toast);
}

/* Deletes the contact and offers to put it back, with its escalation */
gboolean
sp_delete_contact_with_undo (GtkWidget  *widget,
                             SpStore    *store,
                             gint64      id,
                             GError    **error)
{
  g_autoptr(SpContact) contact = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!(contact = sp_store_load_contact (store, id, error)) ||
      !sp_store_delete_contact (store, id, error))
    return FALSE;

  show_toast (widget, store, G_OBJECT (contact), _("Contact deleted"));
  return TRUE;
}

gboolean
sp_delete_survey_with_undo (GtkWidget  *widget,
                            SpStore    *store,
                            gint64      id,
                            GError    **error)
{
  g_autoptr(SpSurvey) survey = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!(survey = sp_store_load_survey (store, id, error)) ||
      !sp_store_delete_survey (store, id, error))
    return FALSE;

  show_toast (widget, store, G_OBJECT (survey), _("Survey answer deleted"));
  return TRUE;
}
