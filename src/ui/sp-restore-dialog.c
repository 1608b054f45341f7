/* sp-restore-dialog.c
 *
 * Restore a Backup: the copies of the window's database, beside it and in
 * the second backup folder, newest first, each with its date and time,
 * why it was made, its size and what it holds.  Choosing one asks first,
 * says what will happen (the shop as it is now is kept as a copy) and
 * warns when the copy holds no records at all.  What a copy holds is read
 * on a thread: each is opened and checked, which takes a moment for a
 * large shop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-restore-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sp-backup.h"
#include "sp-restore-dialog.h"
#include "sp-window-safety.h"

struct _SpRestoreDialog
{
  AdwWindow      parent_instance;

  SpWindow      *window;
  GCancellable  *cancellable;

  /* template */
  GtkButton     *restore_button;
  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkButton     *other_file_empty_button;
  GtkLabel      *intro_label;
  GtkListBox    *list;
  GtkButton     *other_file_button;
};

G_DEFINE_FINAL_TYPE (SpRestoreDialog, sp_restore_dialog, ADW_TYPE_WINDOW)

/* What a row shows of its copy */
typedef struct
{
  char            *path;
  SpTime           time;
  SpBackupReason   reason;
  gboolean         second;
  goffset          size;
  gboolean         inspected;
  gboolean         usable;
  SpBackupSummary  summary;
  char            *problem;
} Copy;

static void
copy_free (gpointer data)
{
  Copy *copy = data;

  g_free (copy->path);
  g_free (copy->problem);
  g_free (copy);
}

static void
update_row (AdwActionRow *row,
            Copy         *copy)
{
  g_autofree char *size = g_format_size (copy->size);
  g_autofree char *held = NULL;
  g_autofree char *subtitle = NULL;
  const char *where = copy->second ? _("in the second backup folder")
                                   : _("beside the database");

  if (!copy->inspected)
    held = g_strdup (_("Reading what it holds…"));
  else if (!copy->usable)
    held = g_strdup (copy->problem);
  else if (sp_backup_summary_is_empty (&copy->summary))
    held = g_strdup (_("No records at all"));
  else
    held = sp_backup_describe_summary (&copy->summary);

  /* TRANSLATORS: a backup in the list: what it holds, then its size and where it is,
   * e.g. "12 contacts, 3 survey answers, 8 customers\n1.2 MB, beside the database" */
  subtitle = g_strdup_printf (_("%s\n%s, %s"), held, size, where);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (row), !copy->inspected || copy->usable);

  if (copy->inspected && copy->usable && sp_backup_summary_is_empty (&copy->summary))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (icon, _("This copy holds no records"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("This copy holds no records"), -1);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_suffix (row, icon);
    }
}

static GtkWidget *
make_row (Copy *copy)
{
  g_autofree char *when = sp_time_format_display (copy->time);
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  /* TRANSLATORS: a backup in the list: its date and time, then why it was made */
  title = g_strdup_printf (_("%s — %s"), when, sp_backup_reason_get_label (copy->reason));
  /* a problem may quote a file name: text, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  icon = gtk_image_new_from_icon_name (copy->second ? "drive-removable-media-symbolic"
                                                    : "drive-harddisk-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  copy->second ? _("In the second backup folder")
                                               : _("Beside the database"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  g_object_set_data_full (G_OBJECT (row), "sp-copy", copy, copy_free);
  update_row (ADW_ACTION_ROW (row), copy);
  return row;
}

/* What each copy holds, on a thread */

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *copies = task_data;

  for (guint i = 0; i < copies->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      Copy *copy = g_ptr_array_index (copies, i);
      g_autoptr(GError) error = NULL;

      copy->usable = sp_backup_inspect (copy->path, &copy->summary, &error);
      if (!copy->usable)
        copy->problem = g_strdup (error->message);
    }

  g_task_return_boolean (task, TRUE);
}

static void
inspect_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SpRestoreDialog *self = SP_RESTORE_DIALOG (object);
  GPtrArray *copies = g_task_get_task_data (G_TASK (result));
  guint i = 0;

  if (!g_task_propagate_boolean (G_TASK (result), NULL) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL && i < copies->len; row = gtk_widget_get_next_sibling (row), i++)
    {
      Copy *shown = g_object_get_data (G_OBJECT (row), "sp-copy");
      Copy *read = g_ptr_array_index (copies, i);

      shown->inspected = TRUE;
      shown->usable = read->usable;
      shown->summary = read->summary;
      shown->problem = g_strdup (read->problem);
      update_row (ADW_ACTION_ROW (row), shown);
    }
}

/* Restoring */

static gboolean
destroy_idle (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
confirm_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SpRestoreDialog  *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "sp-path");
  g_autoptr(SpWindow) window = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "restore") || self->window == NULL)
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

      /* back to the copy the question was about */
      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
      return;
    }

  window = g_object_ref (self->window);
  /* destroyed once the question, which it is the parent of, has gone */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle, g_object_ref (self), g_object_unref);

  if (!sp_window_safety_restore (window, path, &error))
    sp_window_show_error (window, _("The Backup Was Not Restored"), error);
}

/**
 * sp_restore_dialog_confirm:
 *
 * Asks before restoring @path: says what the copy holds and that the shop
 * as it is now is kept as a copy first, and warns when the copy holds no
 * records at all.  A copy that can't be restored is said at once.
 */
void
sp_restore_dialog_confirm (SpRestoreDialog *self,
                           const char      *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpBackupInfo) info = NULL;
  g_autofree char *held = NULL;
  g_autofree char *name = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *body = NULL;
  g_autofree char *db_name = NULL;
  SpBackupSummary summary;
  AdwMessageDialog *dialog;
  gboolean empty;

  g_return_if_fail (SP_IS_RESTORE_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->window == NULL)
    return;

  if (!sp_backup_inspect (path, &summary, &error))
    {
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (self),
                                                   _("This Copy Can't Be Restored"),
                                                   error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }

  empty = sp_backup_summary_is_empty (&summary);
  held = sp_backup_describe_summary (&summary);
  name = g_path_get_basename (path);
  db_name = g_filename_display_basename (sp_window_get_database_path (self->window));

  /* a copy of ours is named by its date; another file by its name */
  info = sp_backup_parse_name (sp_window_get_database_path (self->window), name);
  if (info != NULL)
    {
      g_autofree char *when = sp_time_format_display (info->time);

      /* TRANSLATORS: a backup, by when it was made: "the copy of 7 Dec 2026 09:30" */
      copy = g_strdup_printf (_("the copy of %s"), when);
    }
  else
    {
      g_autofree char *display = g_filename_display_name (name);

      copy = g_strdup_printf ("“%s”", display);
    }

  if (empty)
    /* TRANSLATORS: %1$s is "the copy of 7 Dec 2026 09:30" or a file name in quotes */
    body = g_strdup_printf (_("The shop “%2$s” goes back to %1$s, which holds no records at "
                              "all (%3$s): restoring it leaves the shop empty.\n\nThe shop as "
                              "it is now is kept as a copy in its backups folder first, so you "
                              "can go back to it."),
                            copy, db_name, held);
  else
    /* TRANSLATORS: %1$s is "the copy of 7 Dec 2026 09:30" or a file name in quotes */
    body = g_strdup_printf (_("The shop “%2$s” goes back to %1$s: %3$s. What was recorded "
                              "after it was made is no longer shown.\n\nThe shop as it is now "
                              "is kept as a copy in its backups folder first, so you can go "
                              "back to it."),
                            copy, db_name, held);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       empty ? _("Restore an Empty Backup?")
                                                             : _("Restore This Backup?"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", empty ? _("_Restore Empty Backup")
                                                     : _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore",
                                              empty ? ADW_RESPONSE_DESTRUCTIVE
                                                    : ADW_RESPONSE_SUGGESTED);
  /* an empty copy is never restored by pressing Enter */
  adw_message_dialog_set_default_response (dialog, empty ? "cancel" : "restore");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sp-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (SpRestoreDialog *self,
                  GtkListBoxRow   *row)
{
  Copy *copy = g_object_get_data (G_OBJECT (row), "sp-copy");

  if (copy != NULL && gtk_widget_get_sensitive (GTK_WIDGET (row)))
    sp_restore_dialog_confirm (self, copy->path);
}

static void
restore_clicked_cb (SpRestoreDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  if (row != NULL)
    row_activated_cb (self, row);
}

static void
selection_changed_cb (SpRestoreDialog *self)
{
  GtkListBoxRow *row;

  /* the list empties as the dialog goes */
  if (self->list == NULL || self->restore_button == NULL)
    return;

  row = gtk_list_box_get_selected_row (self->list);

  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button),
                            row != NULL && gtk_widget_get_sensitive (GTK_WIDGET (row)));
}

static void
other_file_response (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(SpRestoreDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        sp_restore_dialog_confirm (self, path);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
other_file_clicked_cb (SpRestoreDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Restore a Backup"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                        _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Service Pulse databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  if (self->window != NULL)
    {
      g_autofree char *folder = sp_backup_dup_folder (sp_window_get_database_path (self->window));
      g_autoptr(GFile) folder_file = g_file_new_for_path (folder);

      if (g_file_query_exists (folder_file, NULL))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder_file, NULL);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (other_file_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Filling the list */

static void
fill (SpRestoreDialog *self)
{
  const char *db_path = sp_window_get_database_path (self->window);
  SpStore *store = sp_window_get_store (self->window);
  g_autofree char *second = store != NULL ? sp_backup_dup_second_folder (store) : NULL;
  g_autofree char *folder = sp_backup_dup_folder (db_path);
  g_autofree char *db_name = g_filename_display_basename (db_path);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = NULL;

  backups = sp_backup_list_everywhere (db_path, second, &error);

  if (backups == NULL || backups->len == 0)
    {
      if (backups == NULL)
        text = g_strdup (error->message);
      else
        /* TRANSLATORS: the database file, then the backups folder */
        text = g_strdup_printf (_("There are no backups of “%s” in %s yet. You can restore a "
                                  "copy kept somewhere else."), db_name, folder);
      {
        g_autofree char *escaped = g_markup_escape_text (text, -1);

        adw_status_page_set_description (self->empty_page, escaped);
      }
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_set_visible (GTK_WIDGET (self->restore_button), FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->other_file_empty_button));
      return;
    }

  /* TRANSLATORS: %s is the database file */
  text = g_strdup_printf (_("Choose the copy of “%s” to go back to, newest first. The shop as "
                            "it is now is kept as a copy first."), db_name);
  gtk_label_set_text (self->intro_label, text);
  gtk_stack_set_visible_child_name (self->stack, "list");

  copies = g_ptr_array_new_with_free_func (copy_free);
  for (guint i = 0; i < backups->len; i++)
    {
      SpBackupInfo *info = g_ptr_array_index (backups, i);
      Copy *copy = g_new0 (Copy, 1);
      Copy *read = g_new0 (Copy, 1);
      GStatBuf st;

      copy->path = g_strdup (info->path);
      copy->time = info->time;
      copy->reason = info->reason;
      copy->second = info->second;
      copy->size = g_stat (info->path, &st) == 0 ? st.st_size : 0;
      gtk_list_box_append (self->list, make_row (copy));

      read->path = g_strdup (info->path);
      g_ptr_array_add (copies, read);
    }

  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0)));

  task = g_task_new (self, self->cancellable, inspect_done, NULL);
  g_task_set_source_tag (task, fill);
  g_task_set_task_data (task, g_steal_pointer (&copies), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, inspect_thread);
}

/**
 * sp_restore_dialog_new:
 *
 * The dialog for @window's database; present it.
 */
GtkWidget *
sp_restore_dialog_new (SpWindow *window)
{
  SpRestoreDialog *self;

  g_return_val_if_fail (SP_IS_WINDOW (window), NULL);

  self = g_object_new (SP_TYPE_RESTORE_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  fill (self);
  return GTK_WIDGET (self);
}

static void
sp_restore_dialog_dispose (GObject *object)
{
  SpRestoreDialog *self = SP_RESTORE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->window);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_RESTORE_DIALOG);

  G_OBJECT_CLASS (sp_restore_dialog_parent_class)->dispose (object);
}

static void
sp_restore_dialog_class_init (SpRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_restore_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sp-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpRestoreDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, SpRestoreDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SpRestoreDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SpRestoreDialog, other_file_empty_button);
  gtk_widget_class_bind_template_child (widget_class, SpRestoreDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, SpRestoreDialog, list);
  gtk_widget_class_bind_template_child (widget_class, SpRestoreDialog, other_file_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_restore_dialog_init (SpRestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "selected-rows-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->restore_button, "clicked", G_CALLBACK (restore_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->other_file_button, "clicked",
                           G_CALLBACK (other_file_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->other_file_empty_button, "clicked",
                           G_CALLBACK (other_file_clicked_cb), self, G_CONNECT_SWAPPED);
}
