/* sp-undo.c
 *
 * The window's undo history: every contact or survey answer logged,
 * changed or deleted from this window can be taken back, the last first,
 * with Ctrl+Z for as long as the window is open, or at once with the Undo
 * of the toast that says what was done.  The changes are taken back
 * through the store (SpUndoHistory).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-undo"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-error.h"
#include "sp-log-page.h"
#include "sp-undo.h"
#include "sp-window.h"

#define HISTORY_KEY "sp-undo-history"
#define TOAST_KEY "sp-undo-toast"

/* The main window @widget is in, or the one its form was opened from */
static SpWindow *
find_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  while (window != NULL && !SP_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);

  return window != NULL ? SP_WINDOW (window) : NULL;
}

/* A window's history is of the database it shows; another database starts a new one */
static SpUndoHistory *
window_history (SpWindow *window,
                gboolean  create)
{
  SpUndoHistory *history = g_object_get_data (G_OBJECT (window), HISTORY_KEY);
  SpStore *store = sp_window_get_store (window);

  if (history != NULL && sp_undo_history_get_store (history) == store)
    return history;

  if (store == NULL || !create)
    return NULL;

  history = sp_undo_history_new (store);
  g_object_set_data_full (G_OBJECT (window), HISTORY_KEY, history, g_object_unref);
  return history;
}

/**
 * sp_undo_get_history:
 *
 * Returns: (transfer none) (nullable): the history of the window @widget is
 *   in (or was opened from), for the database it shows
 */
SpUndoHistory *
sp_undo_get_history (GtkWidget *widget)
{
  SpWindow *window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  window = find_window (widget);
  return window != NULL ? window_history (window, TRUE) : NULL;
}

/**
 * sp_undo_dup_button_label:
 *
 * Returns: (transfer full): "_Undo (Ctrl+Z)", with the keys set for Undo
 *   as the locale writes them
 */
char *
sp_undo_dup_button_label (void)
{
  GApplication *app = g_application_get_default ();
  g_auto(GStrv) accels = NULL;
  g_autofree char *keys = NULL;
  GdkModifierType modifiers = GDK_CONTROL_MASK;
  guint key = GDK_KEY_z;

  if (GTK_IS_APPLICATION (app))
    accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.undo");
  if (accels != NULL && accels[0] != NULL)
    gtk_accelerator_parse (accels[0], &key, &modifiers);

  keys = gtk_accelerator_get_label (key, modifiers);
  /* TRANSLATORS: the button of a toast; %s is its shortcut, "Ctrl+Z" */
  return g_strdup_printf (_("_Undo (%s)"), keys);
}

static GtkWidget *
find_log_page (GtkWidget *widget)
{
  if (SP_IS_LOG_PAGE (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_log_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Shows the record in the Log, lit up for a moment */
static void
reveal (SpWindow *window,
        GType     type,
        gint64    id)
{
  GtkWidget *log_page = find_log_page (GTK_WIDGET (window));

  if (log_page != NULL && id > 0)
    sp_log_page_reveal (SP_LOG_PAGE (log_page), type, id);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/*
 * A toast of a change or of an undo takes the place of the one before: a
 * toast of high priority sends the shown one back to the queue, and it
 * would come back later, out of its context, with a live Undo.
 */
static void
replace_toast (SpWindow *window,
               AdwToast *toast)
{
  GWeakRef *last = g_object_get_data (G_OBJECT (window), TOAST_KEY);
  g_autoptr(AdwToast) old = NULL;

  if (last == NULL)
    {
      last = g_new0 (GWeakRef, 1);
      g_weak_ref_init (last, NULL);
      g_object_set_data_full (G_OBJECT (window), TOAST_KEY, last, weak_ref_free);
    }

  if ((old = g_weak_ref_get (last)) != NULL)
    sp_window_dismiss_toast (window, old);

  g_weak_ref_set (last, toast);
  sp_window_add_toast (window, toast);
}

/* What an undo did, at once: it replaces the toast of the change it took back */
static void
tell (SpWindow   *window,
      const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  replace_toast (window, toast);
}

static void
show_error (SpWindow     *window,
            const GError *error)
{
  if (g_error_matches (error, SP_ERROR, SP_ERROR_NOT_FOUND))
    tell (window, error->message);
  else
    sp_window_show_error (window, _("It Can't Be Undone"), error);
}

typedef struct
{
  GWeakRef window;
  GWeakRef history;
  guint    step;
  GType    type;
} ToastUndo;

static void
toast_undo_free (gpointer data)
{
  ToastUndo *undo = data;

  g_weak_ref_clear (&undo->window);
  g_weak_ref_clear (&undo->history);
  g_free (undo);
}

static void
toast_undo_cb (AdwToast  *toast,
               ToastUndo *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpWindow) window = g_weak_ref_get (&undo->window);
  g_autoptr(SpUndoHistory) history = g_weak_ref_get (&undo->history);
  g_autofree char *undone = NULL;
  gint64 id = 0;

  if (window == NULL || history == NULL)
    return;

  if (!sp_undo_history_undo_step (history, undo->step, &id, &undone, &error))
    {
      show_error (window, error);
      return;
    }

  tell (window, undone);
  reveal (window, undo->type, id);
}

/* @title, with an Undo button that takes back @step of @window's history */
static void
add_toast (SpWindow      *window,
           SpUndoHistory *history,
           guint          step,
           GType          type,
           const char    *title)
{
  g_autofree char *label = sp_undo_dup_button_label ();
  AdwToast *toast = adw_toast_new (title);
  ToastUndo *undo = g_new0 (ToastUndo, 1);

  g_weak_ref_init (&undo->window, window);
  g_weak_ref_init (&undo->history, history);
  undo->step = step;
  undo->type = type;

  adw_toast_set_button_label (toast, label);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) toast_undo_free, 0);
  replace_toast (window, toast);
}

static void
push_and_tell (GtkWidget    *widget,
               SpStore      *store,
               SpUndoChange  change,
               GObject      *record,
               GType         type,
               gint64        reveal_id,
               const char   *title)
{
  SpWindow *window = find_window (widget);
  SpUndoHistory *history;
  guint step;

  if (window == NULL)
    return;

  /* a form of a database the window no longer shows has nothing to undo there */
  history = window_history (window, TRUE);
  if (history == NULL || sp_undo_history_get_store (history) != store)
    {
      replace_toast (window, adw_toast_new (title));
      return;
    }

  step = sp_undo_history_push (history, change, record);
  add_toast (window, history, step, type, title);
  reveal (window, type, reveal_id);
}

/**
 * sp_undo_record_saved:
 * @saved: the #SpContact or #SpSurvey as saved, with its id
 * @before: (nullable): as it was before, when it was edited
 * @title: what the toast says: "Contact logged"
 *
 * Adds the save to the window's history, says so in a toast with an Undo
 * button, and shows the record in the Log.
 */
void
sp_undo_record_saved (GtkWidget  *widget,
                      SpStore    *store,
                      GObject    *saved,
                      GObject    *before,
                      const char *title)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (SP_IS_STORE (store));
  g_return_if_fail (SP_IS_CONTACT (saved) || SP_IS_SURVEY (saved));

  push_and_tell (widget, store, before != NULL ? SP_UNDO_EDITED : SP_UNDO_ADDED,
                 before != NULL ? before : saved, G_OBJECT_TYPE (saved),
                 SP_IS_CONTACT (saved) ? SP_CONTACT (saved)->id : SP_SURVEY (saved)->id,
                 title);
}

/* Deletes the contact and offers to put it back, with its escalation */
gboolean
sp_delete_contact_with_undo (GtkWidget  *widget,
                             SpStore    *store,
                             gint64      id,
                             GError    **error)
{
  g_autoptr(SpContact) contact = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!(contact = sp_store_load_contact (store, id, error)) ||
      !sp_store_delete_contact (store, id, error))
    return FALSE;

  if (contact->customer_name != NULL)
    /* TRANSLATORS: a toast; %s is the customer */
    title = g_strdup_printf (_("Contact with %s deleted"), contact->customer_name);
  else if (contact->channel == SP_CHANNEL_IN_PERSON)
    title = g_strdup (_("Walk-in contact deleted"));
  else
    title = g_strdup (_("Contact without a customer deleted"));

  push_and_tell (widget, store, SP_UNDO_DELETED, G_OBJECT (contact), SP_TYPE_CONTACT, 0, title);
  return TRUE;
}

gboolean
sp_delete_survey_with_undo (GtkWidget  *widget,
                            SpStore    *store,
                            gint64      id,
                            GError    **error)
{
  g_autoptr(SpSurvey) survey = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!(survey = sp_store_load_survey (store, id, error)) ||
      !sp_store_delete_survey (store, id, error))
    return FALSE;

  if (survey->customer_name != NULL)
    /* TRANSLATORS: a toast; %s is the customer */
    title = g_strdup_printf (_("Survey answer of %s deleted"), survey->customer_name);
  else
    title = g_strdup (_("Survey answer deleted"));

  push_and_tell (widget, store, SP_UNDO_DELETED, G_OBJECT (survey), SP_TYPE_SURVEY, 0, title);
  return TRUE;
}

/* Ctrl+Z */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SpWindow *window = SP_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  SpUndoHistory *history = window_history (window, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;
  GType type;
  gint64 id = 0;

  /* in a text field with text, Ctrl+Z takes back what was typed there; in an empty one
   * (the Log's search has the focus when the page opens) there is nothing of its own to undo */
  if (GTK_IS_TEXT (focus) && *gtk_editable_get_text (GTK_EDITABLE (focus)) != '\0')
    {
      gtk_widget_activate_action (focus, "text.undo", NULL);
      return;
    }

  if (history == NULL || !sp_undo_history_can_undo (history))
    {
      tell (window, _("Nothing to undo"));
      return;
    }

  type = sp_undo_history_get_last_type (history);
  if (!sp_undo_history_undo (history, &id, &undone, &error))
    {
      show_error (window, error);
      return;
    }

  tell (window, undone);
  reveal (window, type, id);
}

void
sp_undo_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
}
