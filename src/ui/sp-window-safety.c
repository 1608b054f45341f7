/* sp-window-safety.c
 *
 * The window's side of data safety: the day's backup when a database is
 * opened, Back Up Now, Restore (a list of the copies with what each holds),
 * Forget a Customer, and the buttons of the page shown when a database
 * can't be opened.  The work itself is in src/core (sp-backup, sp-privacy).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-window-safety"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "sp-backup.h"
#include "sp-error.h"
#include "sp-parse.h"
#include "sp-privacy.h"
#include "sp-window-safety.h"
#include "sp-worker.h"

/* The check of every page and the day's backup, on a thread with its own connection */

typedef struct
{
  GWeakRef  window;
  char     *path;
  char     *created;
} Check;

static void
check_free (gpointer data)
{
  Check *check = data;

  g_weak_ref_clear (&check->window);
  g_free (check->path);
  g_free (check->created);
  g_free (check);
}

static gboolean
check_and_back_up_thread (SpWorker      *worker,
                          SpStore       *reader,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  Check *check = data;

  return sp_backup_run_daily (reader, &check->created, error);
}

static gboolean
is_damage (const GError *error)
{
  return g_error_matches (error, SP_ERROR, SP_ERROR_CORRUPT) ||
         g_error_matches (error, SP_ERROR, SP_ERROR_NOT_DATABASE);
}

static void
check_and_back_up_done (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(SpWindow) self = NULL;
  g_autoptr(GError) error = NULL;
  Check *check;

  if (sp_worker_run_finish (result, (gpointer *) &check, &error))
    {
      if (check->created != NULL)
        g_debug ("Made the day's backup %s", check->created);
      return;
    }

  /* the window may have been closed, or moved to another database, meanwhile */
  self = g_weak_ref_get (&check->window);
  if (self == NULL || g_strcmp0 (check->path, sp_window_get_database_path (self)) != 0 ||
      sp_window_get_store (self) == NULL)
    g_debug ("Today's backup of %s was not made: %s", check->path, error->message);
  else if (is_damage (error))
    sp_window_show_database_error (self, error);
  else if (gtk_widget_get_visible (GTK_WIDGET (self)))
    sp_window_show_error (self, _("Today's Backup Was Not Made"), error);
  else
    g_debug ("Today's backup was not made: %s", error->message);
}

/*
 * Checks every page of the window's database and then, the first time it is
 * opened on a day, makes a copy (unless it holds nothing yet); see
 * sp_backup_run_daily().  A damaged file closes the store and shows why.
 *
 * The work only has a weak reference to the window: a strong one would
 * keep a closed window, and every page in it, alive and at work until the
 * check is over.
 */
void
sp_window_safety_check_and_back_up (SpWindow *window)
{
  Check *check;

  g_return_if_fail (SP_IS_WINDOW (window));
  g_return_if_fail (sp_window_get_store (window) != NULL);

  check = g_new0 (Check, 1);
  g_weak_ref_init (&check->window, window);
  check->path = g_strdup (sp_window_get_database_path (window));
  sp_worker_run_async (NULL, sp_window_get_store (window), SP_WORKER_VERIFY,
                       check_and_back_up_thread, check, check_free, NULL,
                       check_and_back_up_done, NULL);
}

/* Back Up Now */

static void
open_folder_response (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  const char *folder = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (!g_str_equal (response, "open"))
    return;

  file = g_file_new_for_path (folder);
  uri = g_file_get_uri (file);
  gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), uri, GDK_CURRENT_TIME);
}

static void
free_closure_data (gpointer  data,
                   GClosure *closure)
{
  g_free (data);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  SpStore *store = sp_window_get_store (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;
  SpBackupSummary summary;
  AdwMessageDialog *dialog;

  if (store == NULL)
    return;

  if (!(copy = sp_backup_create (store, SP_BACKUP_MANUAL, &error)))
    {
      sp_window_show_error (self, _("The Backup Was Not Made"), error);
      return;
    }

  name = g_path_get_basename (copy);
  folder = g_path_get_dirname (copy);
  what = sp_backup_inspect (copy, &summary, NULL) ? sp_backup_describe_summary (&summary)
                                                  : g_strdup ("");
  body = g_strdup_printf (_("A copy with %s was saved as “%s” in %s.\n\nCopies are also made "
                            "on the first start of each day and before every update; the last "
                            "7 daily, 4 weekly and 12 monthly copies are kept."),
                          what, name, folder);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Backup Saved"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "open", _("_Open Folder"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  g_signal_connect_data (dialog, "response", G_CALLBACK (open_folder_response),
                         g_steal_pointer (&folder), free_closure_data, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Restore */

/**
 * sp_window_safety_restore:
 *
 * Replaces the window's database with @backup_path (the database as it
 * was is backed up first) and opens it again.
 */
gboolean
sp_window_safety_restore (SpWindow    *window,
                   const char  *backup_path,
                   GError     **error)
{
  g_autofree char *db_path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *title = NULL;
  gboolean ok;

  g_return_val_if_fail (SP_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  db_path = g_strdup (sp_window_get_database_path (window));

  /* the pages must not keep the old schema's statements */
  sp_window_close_store (window);
  ok = sp_backup_restore (db_path, backup_path, &saved, error);
  sp_window_open_database (window, NULL);

  if (!ok)
    return FALSE;

  if (saved != NULL)
    {
      g_autofree char *name = g_path_get_basename (saved);
      title = g_strdup_printf (_("Backup restored; the database as it was is kept as “%s”"),
                               name);
    }
  else
    {
      title = g_strdup (_("Backup restored"));
    }

  sp_window_add_toast (window, adw_toast_new (title));
  return TRUE;
}

static void
restore_file_response (GtkNativeDialog *native,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(SpWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !sp_window_safety_restore (self, path, &error))
        sp_window_show_error (self, _("The Backup Was Not Restored"), error);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_backup_file (SpWindow *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *folder = sp_backup_dup_folder (sp_window_get_database_path (self));
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);

  native = gtk_file_chooser_native_new (_("Restore a Backup"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"),
                                        _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Service Pulse databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (g_file_query_exists (folder_file, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder_file, NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (restore_file_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
restore_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SpWindow         *self)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "list");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "file"))
    {
      choose_backup_file (self);
      return;
    }

  if (!g_str_equal (response, "restore") || list == NULL)
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      const char *path = g_object_get_data (G_OBJECT (row), "path");

      if (check == NULL || !gtk_check_button_get_active (check))
        continue;

      if (!sp_window_safety_restore (self, path, &error))
        sp_window_show_error (self, _("The Backup Was Not Restored"), error);
      return;
    }
}

static void
check_toggled (GtkCheckButton   *check,
               AdwMessageDialog *dialog)
{
  if (gtk_check_button_get_active (check))
    adw_message_dialog_set_response_enabled (dialog, "restore", TRUE);
}

static GtkWidget *
make_backup_row (SpBackupInfo     *info,
                 GtkCheckButton  **group,
                 AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *when = sp_time_format_display (info->time);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  SpBackupSummary summary;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  gboolean usable = sp_backup_inspect (info->path, &summary, &error);

  /* TRANSLATORS: a backup in the list: its date, then why it was made */
  title = g_strdup_printf (_("%s — %s"), when, sp_backup_reason_get_label (info->reason));
  subtitle = usable ? sp_backup_describe_summary (&summary) : g_strdup (error->message);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_sensitive (row, usable);

  if (*group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), *group);
  else
    *group = GTK_CHECK_BUTTON (check);

  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled), dialog, 0);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (info->path), g_free);
  return row;
}

/**
 * sp_window_safety_restore_dialog_new:
 *
 * A dialog that lists the copies of the window's database, newest first,
 * each with its date, why it was made and what it holds.
 */
GtkWidget *
sp_window_safety_restore_dialog_new (SpWindow *window)
{
  const char *db_path = sp_window_get_database_path (window);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = sp_backup_dup_folder (db_path);
  g_autofree char *db_name = g_filename_display_basename (db_path);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkCheckButton *group = NULL;

  backups = sp_backup_list (db_path, &error);

  if (backups != NULL && backups->len > 0)
    body = g_strdup_printf (_("Choose the copy of “%s” to go back to. The database as it is "
                              "now is backed up first, so this can be undone."), db_name);
  else if (backups != NULL)
    body = g_strdup_printf (_("There are no backups of “%s” in %s yet. You can restore a copy "
                              "kept somewhere else."), db_name, folder);
  else
    body = g_strdup (error->message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                       _("Restore a Backup"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "file", _("_Other File…"),
                                    NULL);

  if (backups != NULL && backups->len > 0)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");

      for (guint i = 0; i < backups->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list),
                             make_backup_row (g_ptr_array_index (backups, i), &group, dialog));

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller),
                                                  MIN (backups->len, 4) * 64);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      adw_message_dialog_set_extra_child (dialog, scroller);
      g_object_set_data (G_OBJECT (dialog), "list", list);

      adw_message_dialog_add_response (dialog, "restore", _("_Restore"));
      adw_message_dialog_set_response_appearance (dialog, "restore",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_enabled (dialog, "restore", FALSE);
    }

  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response), window, 0);

  return GTK_WIDGET (dialog);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  gtk_window_present (GTK_WINDOW (sp_window_safety_restore_dialog_new (SP_WINDOW (widget))));
}

/* Forget a customer */

typedef struct
{
  SpWindow *window;
  gint64    customer_id;
  char     *name;
} Forget;

static void
forget_free (gpointer  data,
             GClosure *closure)
{
  Forget *forget = data;

  g_clear_object (&forget->window);
  g_free (forget->name);
  g_free (forget);
}

static void
forget_confirm_response (AdwMessageDialog *dialog,
                         const char       *response,
                         Forget           *forget)
{
  SpWindow *self = forget->window;
  SpStore *store = sp_window_get_store (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpEntity) after = NULL;
  g_autofree char *title = NULL;

  if (store == NULL || !g_str_has_prefix (response, "forget"))
    return;

  if (!sp_store_forget_customer (store, forget->customer_id, &error))
    {
      sp_window_show_error (self, _("The Customer Was Not Forgotten"), error);
      return;
    }

  /* another program that still reads the old pages keeps them */
  if (!sp_store_erase_old_pages (store, FALSE, &error))
    {
      sp_window_show_error (self, _("The Old Text Is Still in the File"), error);
      g_clear_error (&error);
    }

  if (g_str_equal (response, "forget-backups"))
    {
      g_autofree char *fresh = NULL;

      if (!(fresh = sp_backup_replace_all (store, NULL, &error)))
        sp_window_show_error (self, _("The New Backup Was Not Made"), error);
    }

  after = sp_store_load_entity (store, SP_ENTITY_CUSTOMER, forget->customer_id, NULL);
  title = g_strdup_printf (_("“%s” was forgotten and is now “%s”"), forget->name,
                           after ? after->name : "");
  sp_window_add_toast (self, adw_toast_new (title));
}

static void
confirm_forget (SpWindow   *self,
                const char *typed)
{
  SpStore *store = sp_window_get_store (self);
  g_autoptr(SpEntity) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  SpForgetSummary summary;
  AdwMessageDialog *dialog;
  Forget *forget;
  gint64 id;

  if (store == NULL)
    return;

  id = sp_store_find_entity (store, SP_ENTITY_CUSTOMER, typed);
  if (id <= 0)
    {
      g_set_error (&error, SP_ERROR, SP_ERROR_NOT_FOUND,
                   _("There is no customer called “%s”. Check the spelling; names match "
                     "whatever their capitals."), typed);
      sp_window_show_error (self, _("Customer Not Found"), error);
      return;
    }

  if (!(customer = sp_store_load_entity (store, SP_ENTITY_CUSTOMER, id, &error)) ||
      !sp_store_count_customer_records (store, id, &summary, &error))
    {
      sp_window_show_error (self, _("The Customer Can't Be Forgotten"), error);
      return;
    }

  backups = sp_backup_list (sp_store_get_path (store), NULL);

  heading = g_strdup_printf (_("Forget “%s”?"), customer->name);
  body = g_strdup_printf (_("Their name, email and phone are erased, with the notes of their "
                            "%" PRId64 " contacts and the comments of their "
                            "%" PRId64 " survey answers; %" PRId64 " other "
                            "records that mention them get a neutral name instead. The records "
                            "stay, so the numbers do not change. This can't be undone.\n\n"
                            "The %u backups made before still hold this customer."),
                          summary.contacts, summary.surveys, summary.mentions,
                          backups ? backups->len : 0);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "forget-backups", _("Forget and _Delete Backups"),
                                    "forget", _("_Forget"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "forget-backups",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "forget", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  forget = g_new0 (Forget, 1);
  forget->window = g_object_ref (self);
  forget->customer_id = id;
  forget->name = g_strdup (customer->name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (forget_confirm_response), forget,
                         forget_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
forget_name_response (AdwMessageDialog *dialog,
                      const char       *response,
                      SpWindow         *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *typed = NULL;

  if (!g_str_equal (response, "continue"))
    return;

  typed = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*typed != '\0')
    confirm_forget (self, typed);
}

static void
forget_entry_changed (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "continue", !sp_str_is_blank (text));
}

static void
forget_customer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Forget a Customer"),
                                                       _("When a customer asks you to delete "
                                                         "their data, type their name. You will "
                                                         "see what is erased before anything "
                                                         "is.")));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Customer's name"));
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "continue", _("_Continue"),
                                    NULL);
  adw_message_dialog_set_response_enabled (dialog, "continue", FALSE);
  adw_message_dialog_set_default_response (dialog, "continue");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_object (entry, "changed", G_CALLBACK (forget_entry_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_name_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The page shown when a database can't be opened */

static void
open_other_response (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(SpWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        sp_window_open_database (self, path);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
open_other_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open a Database"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Service Pulse databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (open_other_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
retry_open_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  sp_window_open_database (SP_WINDOW (widget), NULL);
}

void
sp_window_safety_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.forget-customer", NULL,
                                   forget_customer_action);
  gtk_widget_class_install_action (widget_class, "win.open-other", NULL, open_other_action);
  gtk_widget_class_install_action (widget_class, "win.retry-open", NULL, retry_open_action);
}
