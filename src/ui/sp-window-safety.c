/* sp-window-safety.c
 *
 * The window's side of data safety: the day's backup when a database is
 * opened, Back Up Now, Back Up To, Restore (see sp-restore-dialog.c),
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
#include "sp-file-launcher.h"
#include "sp-parse.h"
#include "sp-privacy.h"
#include "sp-restore-dialog.h"
#include "sp-shop-move.h"
#include "sp-window-safety.h"
#include "sp-worker.h"

/* The check of every page and the day's backup, on a thread with its own connection */

typedef struct
{
  GWeakRef  window;
  char     *path;
  char     *created;
  GError   *second_error;
} Check;

static void
check_free (gpointer data)
{
  Check *check = data;

  g_weak_ref_clear (&check->window);
  g_free (check->path);
  g_free (check->created);
  g_clear_error (&check->second_error);
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

  return sp_backup_run_daily_full (reader, &check->created, &check->second_error, error);
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

  gboolean ok = sp_worker_run_finish (result, (gpointer *) &check, &error);

  /* the window may have been closed, or moved to another database, meanwhile */
  self = g_weak_ref_get (&check->window);

  if (ok)
    {
      if (check->created != NULL)
        g_debug ("Made the day's backup %s", check->created);
      if (check->second_error != NULL && self != NULL &&
          gtk_widget_get_visible (GTK_WIDGET (self)))
        sp_window_show_error (self, _("Today's Backup Is Only on This Computer"),
                              check->second_error);
      return;
    }

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
  const char *copy = user_data;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autoptr(GFile) file = NULL;

  if (!g_str_equal (response, "open"))
    return;

  /* the folder, with the copy selected */
  file = g_file_new_for_path (copy);
  sp_file_launcher_show_in_folder (GTK_WIDGET (parent), file);
}

static void
free_closure_data (gpointer  data,
                   GClosure *closure)
{
  g_free (data);
}

/* Says where a copy went, with what it holds, and offers its folder */
static void
show_saved (SpWindow     *self,
            const char   *copy,
            const char   *second,
            const GError *second_error)
{
  g_autofree char *folder = g_path_get_dirname (copy);
  g_autofree char *what = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  SpBackupSummary summary;
  AdwMessageDialog *dialog;

  what = sp_backup_inspect (copy, &summary, NULL) ? sp_backup_describe_summary (&summary)
                                                  : g_strdup ("");
  /* TRANSLATORS: what the backup holds, then its folder */
  g_string_append_printf (body, _("A copy with %s was saved in %s."), what, folder);
  if (second != NULL)
    {
      g_autofree char *second_folder = g_path_get_dirname (second);

      g_string_append (body, " ");
      /* TRANSLATORS: %s is the second backup folder */
      g_string_append_printf (body, _("It was also copied to the second backup folder, %s."),
                              second_folder);
    }
  if (second_error != NULL)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, second_error->message);
    }
  g_string_append (body, "\n\n");
  if (sp_window_get_store (self) != NULL && sp_store_is_on_server (sp_window_get_store (self)))
    g_string_append (body, _("It holds one moment of the shop on the server and opens on any "
                             "computer, also without the server. The server’s own backups keep "
                             "the whole database and its logins; the owner can put a copy back "
                             "onto the server with Restore."));
  else
    g_string_append (body, _("Copies are also made on the first start of each day and before "
                             "every update; the last 7 daily, 4 weekly and 12 monthly copies "
                             "are kept."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       second_error != NULL
                                                       ? _("Backup Saved on This Computer Only")
                                                       : _("Backup Saved"),
                                                       body->str));
  adw_message_dialog_add_responses (dialog,
                                    "open", _("_Show in Files"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  g_signal_connect_data (dialog, "response", G_CALLBACK (open_folder_response),
                         g_strdup (copy), free_closure_data, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void back_up_to_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param);

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  SpStore *store = sp_window_get_store (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) second_error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *second = NULL;

  if (store == NULL)
    return;

  /* no backups folder beside a server's shop: the owner says where the copy goes */
  if (sp_store_is_on_server (store))
    {
      back_up_to_action (widget, action_name, param);
      return;
    }

  if (!(copy = sp_backup_create_full (store, SP_BACKUP_MANUAL, &second, &second_error, &error)))
    {
      sp_window_show_error (self, _("The Backup Was Not Made"), error);
      return;
    }

  show_saved (self, copy, second, second_error);
}

/* Back Up To… */

/* A server's shop: one moment of it, read on a worker with a connection of its own (a large
 * shop takes a while), into a shop file that opens anywhere */

typedef struct
{
  GWeakRef  window;
  SpStore  *store;
  AdwToast *toast;       /* "Backing up…", gone when it is over */
  char     *folder;
  char     *copy;
} ServerBackup;

static void
server_backup_free (gpointer data)
{
  ServerBackup *backup = data;

  g_weak_ref_clear (&backup->window);
  g_clear_object (&backup->store);
  g_clear_object (&backup->toast);
  g_free (backup->folder);
  g_free (backup->copy);
  g_free (backup);
}

static gboolean
back_up_server_thread (SpWorker      *worker,
                       SpStore       *unused,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  ServerBackup *backup = data;

  backup->copy = sp_shop_back_up_server_store (backup->store, backup->folder, error);
  return backup->copy != NULL;
}

static void
back_up_server_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SpWindow) self = NULL;
  g_autoptr(GError) error = NULL;
  ServerBackup *backup = NULL;
  gboolean ok = sp_worker_run_finish (result, (gpointer *) &backup, &error);

  adw_toast_dismiss (backup->toast);
  self = g_weak_ref_get (&backup->window);
  if (self == NULL)
    return;

  if (!ok)
    sp_window_show_error (self, _("The Backup Was Not Made"), error);
  else
    show_saved (self, backup->copy, NULL, NULL);
}

static void
back_up_server (SpWindow   *self,
                SpStore    *store,
                const char *folder)
{
  ServerBackup *backup = g_new0 (ServerBackup, 1);

  g_weak_ref_init (&backup->window, self);
  /* the login and address only are read on the worker: its own connection does the rest */
  backup->store = g_object_ref (store);
  backup->folder = g_strdup (folder);
  backup->toast = adw_toast_new (_("Backing up the shop on the server…"));
  adw_toast_set_timeout (backup->toast, 0);
  sp_window_add_toast (self, g_object_ref (backup->toast));
  sp_worker_run_async (NULL, NULL, SP_WORKER_DEFAULT, back_up_server_thread, backup,
                       server_backup_free, NULL, back_up_server_done, NULL);
}

/**
 * sp_window_safety_back_up_to:
 *
 * Backs the window's database up into @folder (a USB stick, a synced
 * folder) and says where the copy is.
 */
gboolean
sp_window_safety_back_up_to (SpWindow    *window,
                             const char  *folder,
                             GError     **error)
{
  SpStore *store;
  g_autofree char *copy = NULL;

  g_return_val_if_fail (SP_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  if ((store = sp_window_get_store (window)) == NULL)
    return FALSE;

  if (sp_store_is_on_server (store))
    {
      back_up_server (window, store, folder);
      return TRUE;
    }

  if (!(copy = sp_backup_create_in (store, folder, error)))
    return FALSE;

  show_saved (window, copy, NULL, NULL);
  return TRUE;
}

static void
back_up_to_chosen (SpWindow   *self,
                   const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!sp_window_safety_back_up_to (self, path, &error) && error != NULL)
    sp_window_show_error (self, _("The Backup Was Not Made"), error);
}

static void
back_up_to_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  GtkFileChooserNative *native;

  if (sp_window_get_store (self) == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Back Up To"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Back Up"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  sp_window_run_file_chooser (self, native, back_up_to_chosen);
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
      /* TRANSLATORS: %s is the safety copy's file */
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

/* Restore onto a server: the owner's, asked first, on a worker (a large shop takes a minute);
 * the shop as it was is kept in a file on this computer first, as the command line does */

typedef struct
{
  GWeakRef  window;
  SpStore  *store;
  AdwToast *toast;       /* "Restoring…", gone when it is over */
  char     *backup_path;
  char     *saved;
} ServerRestore;

static void
server_restore_free (gpointer data)
{
  ServerRestore *restore = data;

  g_weak_ref_clear (&restore->window);
  g_clear_object (&restore->store);
  g_clear_object (&restore->toast);
  g_free (restore->backup_path);
  g_free (restore->saved);
  g_free (restore);
}

static gboolean
restore_server_thread (SpWorker      *worker,
                       SpStore       *unused,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  ServerRestore *restore = data;
  g_autoptr(SpStore) backup = sp_store_open (restore->backup_path, SP_STORE_OPEN_READ_ONLY,
                                             error);

  return backup != NULL &&
         sp_shop_restore_server_store (restore->store, backup, &restore->saved, NULL, error);
}

static void
restore_server_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SpWindow) self = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  ServerRestore *restore = NULL;
  gboolean ok = sp_worker_run_finish (result, (gpointer *) &restore, &error);

  adw_toast_dismiss (restore->toast);
  self = g_weak_ref_get (&restore->window);
  if (self == NULL)
    return;

  if (!ok)
    {
      sp_window_set_restoring_here (self, FALSE);
      sp_window_show_error (self, _("The Shop Was Not Restored"), error);
      return;
    }

  /* every computer, this one too, takes the restored shop in when the server announces it */
  name = g_path_get_basename (restore->saved);
  /* TRANSLATORS: %s is the file that keeps the shop as it was */
  title = g_strdup_printf (_("Backup restored on the server; the shop as it was is kept as “%s”"),
                           name);
  sp_window_add_toast (self, adw_toast_new (title));
}

static void
restore_server_response (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  ServerRestore *restore = user_data;
  g_autoptr(SpWindow) self = g_weak_ref_get (&restore->window);

  if (self == NULL || !g_str_equal (response, "replace"))
    {
      server_restore_free (restore);
      return;
    }

  sp_window_set_restoring_here (self, TRUE);
  restore->toast = adw_toast_new (_("Restoring the shop on the server…"));
  adw_toast_set_timeout (restore->toast, 0);
  sp_window_add_toast (self, g_object_ref (restore->toast));
  sp_worker_run_async (NULL, NULL, SP_WORKER_DEFAULT, restore_server_thread, restore,
                       server_restore_free, NULL, restore_server_done, NULL);
}

/**
 * sp_window_safety_restore_server:
 *
 * Asks the owner whether the shop on the server is to be replaced by the
 * shop file @backup_path, for every computer, and does so when it is.
 */
void
sp_window_safety_restore_server (SpWindow   *window,
                                 const char *backup_path)
{
  SpStore *store = sp_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *file = NULL;
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;
  SpBackupSummary summary;
  AdwMessageDialog *dialog;
  ServerRestore *restore;

  g_return_if_fail (SP_IS_WINDOW (window));
  g_return_if_fail (backup_path != NULL);

  if (store == NULL || !sp_store_is_on_server (store))
    return;

  /* a file that is not a shop is said at once, before the question */
  {
    g_autoptr(SpStore) backup = sp_store_open (backup_path, SP_STORE_OPEN_READ_ONLY, &error);

    if (backup == NULL)
      {
        sp_window_show_error (window, _("The Shop Was Not Restored"), error);
        return;
      }
  }

  database = sp_store_dup_server_database (store);
  file = g_filename_display_basename (backup_path);
  what = sp_backup_inspect (backup_path, &summary, NULL) ? sp_backup_describe_summary (&summary)
                                                         : g_strdup ("");
  /* TRANSLATORS: the server's database, the backup's file, then what it holds */
  body = g_strdup_printf (_("Every record of the shop on the server “%s” will be replaced by "
                            "those of “%s” (%s), on every computer. The shop as it is now is "
                            "kept first in a file on this computer."),
                          database, file, what);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                       _("Replace the Shop on the Server?"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  restore = g_new0 (ServerRestore, 1);
  g_weak_ref_init (&restore->window, window);
  restore->store = g_object_ref (store);
  restore->backup_path = g_strdup (backup_path);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_server_response), restore);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_server_chosen (SpWindow   *self,
                       const char *path)
{
  sp_window_safety_restore_server (self, path);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SpWindow *self = SP_WINDOW (widget);
  SpStore *store = sp_window_get_store (self);

  if (store != NULL && sp_store_is_on_server (store))
    {
      GtkFileChooserNative *native;
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      native = gtk_file_chooser_native_new (_("Restore the Shop on the Server From"),
                                            GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                            _("_Restore"), _("_Cancel"));
      gtk_file_filter_set_name (filter, _("Shop files"));
      gtk_file_filter_add_pattern (filter, "*.db");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
      sp_window_run_file_chooser (self, native, restore_server_chosen);
      return;
    }

  gtk_window_present (GTK_WINDOW (sp_restore_dialog_new (self)));
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

  if (g_str_equal (response, "forget-backups") && sp_store_is_on_server (store))
    {
      g_autofree char *database = sp_store_dup_server_database (store);
      guint n;

      /* the copies kept before restores onto the server: no backups of its own here */
      if (!sp_shop_delete_server_copies (database, &n, &error))
        sp_window_show_error (self, _("A Copy Was Not Deleted"), error);
    }
  else if (g_str_equal (response, "forget-backups"))
    {
      g_autofree char *fresh = NULL;

      if (!(fresh = sp_backup_replace_all (store, NULL, &error)))
        sp_window_show_error (self, _("The New Backup Was Not Made"), error);
    }

  after = sp_store_load_entity (store, SP_ENTITY_CUSTOMER, forget->customer_id, NULL);
  /* TRANSLATORS: the customer's old name, then the neutral name */
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
  g_autoptr(GString) text = NULL;
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
                   /* TRANSLATORS: %s is the name as typed */
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

  /* TRANSLATORS: %s is the customer's name */
  heading = g_strdup_printf (_("Forget “%s”?"), customer->name);
  /* TRANSLATORS: the customer's contacts, survey answers and other mentions */
  body = g_strdup_printf (_("Their name, email and phone are erased, with the notes of their "
                            "%'" PRId64 " contacts and the comments of their "
                            "%'" PRId64 " survey answers; %'" PRId64 " other "
                            "records that mention them get a neutral name instead. The records "
                            "stay, so the numbers do not change. This can't be undone."),
                          summary.contacts, summary.surveys, summary.mentions);
  text = g_string_new (body);

  if (sp_store_is_on_server (store))
    {
      g_autofree char *database = sp_store_dup_server_database (store);
      g_autofree char *copies = NULL;

      /* no backups of its own on this computer: the copies kept before each restore onto the
       * server, and the server's backups, which are not the app's to change */
      backups = sp_shop_list_server_copies (database);
      if (backups->len > 0)
        copies = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* TRANSLATORS: %u is how many copies */
                                               "The %u copy this computer kept before a "
                                               "restore still holds this customer.",
                                               "The %u copies this computer kept before "
                                               "restores still hold this customer.",
                                               backups->len),
                                  backups->len);
      g_string_append (text, "\n\n");
      if (copies != NULL)
        g_string_append_printf (text, "%s ", copies);
      g_string_append (text, _("The server’s own backups of the shop still hold the customer: "
                               "ask whoever looks after the server."));
    }
  else
    {
      g_autofree char *kept = NULL;

      backups = sp_backup_list_of_shop (store, NULL);
      /* TRANSLATORS: %u is how many backups */
      kept = g_strdup_printf (_("The %u backups made before still hold this customer."),
                              backups ? backups->len : 0);
      g_string_append_printf (text, "\n\n%s", kept);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, text->str));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), NULL);
  if (!sp_store_is_on_server (store))
    adw_message_dialog_add_responses (dialog,
                                      "forget-backups", _("Forget and _Delete Backups"), NULL);
  else if (backups->len > 0)
    adw_message_dialog_add_responses (dialog,
                                      "forget-backups", _("Forget and _Delete Copies"), NULL);
  adw_message_dialog_add_responses (dialog, "forget", _("_Forget"), NULL);
  if (adw_message_dialog_has_response (dialog, "forget-backups"))
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
  sp_window_run_file_chooser (self, native, sp_window_open_database);
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
  gtk_widget_class_install_action (widget_class, "win.backup-to", NULL, back_up_to_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.forget-customer", NULL,
                                   forget_customer_action);
  gtk_widget_class_install_action (widget_class, "win.open-other", NULL, open_other_action);
  gtk_widget_class_install_action (widget_class, "win.retry-open", NULL, retry_open_action);
}
