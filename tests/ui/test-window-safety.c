/* test-window-safety.c: backups, restore, forgetting and damaged files in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-error.h"
#include "sp-file-launcher-private.h"
#include "sp-restore-dialog.h"
#include "sp-window-safety.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

static char *shown;

static void
record_show (const char *what,
             GFile      *file,
             gpointer    user_data)
{
  g_free (shown);
  shown = g_strdup_printf ("%s %s", what, g_file_peek_path (file));
}

static void
spin (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

#define find_button(root, label) sp_test_ui_find_shown ((root), GTK_TYPE_BUTTON, (label))

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return ADW_MESSAGE_DIALOG (w);
    }

  return NULL;
}

static void
fill (const char *path,
      guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();

      c->received_at = sp_test_time ("2026-10-01 09:00") + i * 3600;
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, "Ana");
      sp_contact_set_customer_name (c, i % 2 ? "Zoë Dupont" : "Bob");
      sp_contact_set_note (c, "a note");
      g_assert_true (sp_store_save_contact (store, c, &error));
    }
}

static SpWindow *
open_window (const char *path)
{
  SpWindow *window = sp_window_new (NULL, path);

  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));
  return window;
}

static guint
count_backups (const char *path)
{
  g_autoptr(GPtrArray) list = sp_backup_list (path, NULL);

  return list->len;
}

/* The day's backup is made on a thread */
static guint
wait_for_backups (const char *path,
                  guint       n)
{
  sp_test_wait_until (count_backups (path) >= n);
  return count_backups (path);
}

static void
test_damaged_file_offers_a_way_out (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  SpWindow *window;
  gsize n_before, n_after;

  fill (path, 6);
  {
    g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, NULL);
    copy = sp_backup_create (store, SP_BACKUP_MANUAL, &error);
    g_assert_no_error (error);
  }

  /* the disk loses the second half of the file */
  g_assert_true (g_file_get_contents (path, &before, &n_before, NULL));
  g_assert_true (g_file_set_contents (path, before, n_before / 2, NULL));
  g_clear_pointer (&before, g_free);
  g_assert_true (g_file_get_contents (path, &before, &n_before, NULL));

  window = open_window (path);
  g_assert_null (sp_window_get_store (window));

  g_assert_nonnull (find_button (GTK_WIDGET (window), "_Restore a Backup…"));
  g_assert_nonnull (find_button (GTK_WIDGET (window), "_Open Another File…"));
  g_assert_nonnull (find_button (GTK_WIDGET (window), "_Try Again"));
  /* with no database, Back Up Now does nothing */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.backup", NULL);
  spin ();
  g_assert_null (find_dialog ("Backup Saved"));
  {
    g_autoptr(GPtrArray) list = sp_backup_list (path, NULL);
    g_assert_cmpuint (list->len, ==, 1);
  }

  /* nothing was written to it */
  g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);

  /* Restore a Backup: lists the copy, with what it holds */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore", NULL));
  spin ();
  {
    GtkWindow *dialog = sp_test_ui_find_toplevel (SP_TYPE_RESTORE_DIALOG);
    GtkListBox *list;

    g_assert_nonnull (dialog);
    list = GTK_LIST_BOX (sp_test_ui_find (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, NULL));
    g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
    g_assert_null (gtk_list_box_get_row_at_index (list, 1));

    /* Escape closes it */
    g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "Escape"));
    spin ();
    g_assert_null (sp_test_ui_find_toplevel (SP_TYPE_RESTORE_DIALOG));
  }

  g_assert_true (sp_window_safety_restore (window, copy, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sp_window_get_store (window));
  g_assert_cmpint (sp_store_count_contacts (sp_window_get_store (window), NULL, NULL), ==, 6);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  sp_test_remove_dir (dir);
}

static const char *
visible_error_description (SpWindow *window)
{
  GtkWidget *stack = NULL;

  /* the error page is the only AdwStatusPage with a description set at run time */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (window)); w && !stack;
       w = gtk_widget_get_first_child (w))
    if (GTK_IS_STACK (w))
      stack = w;

  if (stack == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "error") != 0)
    return NULL;

  for (GtkWidget *w = gtk_stack_get_visible_child (GTK_STACK (stack)); w;
       w = gtk_widget_get_next_sibling (w))
    for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
      if (ADW_IS_STATUS_PAGE (c))
        return adw_status_page_get_description (ADW_STATUS_PAGE (c));

  return NULL;
}

/* Damage inside the tables passes the quick checks at opening; the check
 * of every page on the window's thread finds it and closes the store. */
static void
test_damage_found_after_opening (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  const char *description = NULL;
  gsize length = 0;
  SpWindow *window;

  fill (path, 400);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);

  /* scribble over a page of contacts, past the schema page */
  memset (contents + length - 3 * 4096 + 16, 0x5a, 2048);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  before = g_memdup2 (contents, length);

  window = open_window (path);

  sp_test_wait_until ((description = visible_error_description (window)) != NULL);

  g_assert_nonnull (description);
  sp_assert_contains (description, "is damaged");
  g_assert_null (sp_window_get_store (window));

  /* nothing was written, and no copy of a damaged file was made */
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, before, length);
  {
    g_autoptr(GPtrArray) copies = sp_backup_list (path, NULL);
    g_assert_cmpuint (copies->len, ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sp_test_remove_dir (dir);
}

static void
test_daily_and_manual_backup (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  SpWindow *window;
  AdwMessageDialog *dialog;

  fill (path, 3);
  window = open_window (path);
  g_assert_nonnull (sp_window_get_store (window));

  /* the first start of the day makes a copy, without blocking the window */
  g_assert_cmpuint (wait_for_backups (path, 1), ==, 1);

  /* Back Up Now makes another, and says where */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backup", NULL));
  spin ();
  g_assert_cmpuint (wait_for_backups (path, 2), ==, 2);
  dialog = find_dialog ("Backup Saved");
  g_assert_nonnull (dialog);
  sp_assert_contains (adw_message_dialog_get_body (dialog), "3 contacts");
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  sp_test_remove_dir (dir);
}

/* Back Up To a folder; Back Up Now with a second folder that is not there */
static void
test_backup_elsewhere (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *usb = g_build_filename (dir, "usb", NULL);
  g_autofree char *gone = g_build_filename (dir, "gone", NULL);
  g_autoptr(GError) error = NULL;
  SpWindow *window;
  AdwMessageDialog *dialog;

  fill (path, 3);
  window = open_window (path);
  g_assert_cmpuint (wait_for_backups (path, 1), ==, 1);

  g_assert_cmpint (g_mkdir (usb, 0700), ==, 0);
  g_assert_true (sp_window_safety_back_up_to (window, usb, &error));
  g_assert_no_error (error);
  spin ();
  dialog = find_dialog ("Backup Saved");
  g_assert_nonnull (dialog);
  sp_assert_contains (adw_message_dialog_get_body (dialog), "3 contacts");
  sp_assert_contains (adw_message_dialog_get_body (dialog), usb);
  {
    g_autoptr(GDir) d = g_dir_open (usb, 0, NULL);
    const char *name = g_dir_read_name (d);
    g_autofree char *copy = g_build_filename (usb, name, NULL);
    g_autofree char *expected = g_strdup_printf ("show %s", copy);
    SpBackupSummary summary;

    g_assert_true (sp_backup_inspect (copy, &summary, NULL));
    g_assert_cmpint (summary.contacts, ==, 3);
    g_assert_null (g_dir_read_name (d));

    /* Show in Files shows that copy in its folder */
    sp_file_launcher_set_hook (record_show, NULL);
    adw_message_dialog_response (dialog, "open");
    spin ();
    sp_file_launcher_set_hook (NULL, NULL);
    g_assert_cmpstr (shown, ==, expected);
    g_clear_pointer (&shown, g_free);
  }

  /* a folder that is not there: said, and nothing made there */
  g_assert_false (sp_window_safety_back_up_to (window, gone, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));

  /* the second folder's stick is not plugged in: the copy is made here,
   * and the dialog says it is only here */
  g_assert_cmpint (g_mkdir (gone, 0700), ==, 0);
  g_assert_true (sp_backup_set_second_folder (sp_window_get_store (window), gone, &error));
  g_assert_cmpint (g_rmdir (gone), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backup", NULL));
  spin ();
  dialog = find_dialog ("Backup Saved on This Computer Only");
  g_assert_nonnull (dialog);
  sp_assert_contains (adw_message_dialog_get_body (dialog), "second backup folder");
  sp_assert_contains (adw_message_dialog_get_body (dialog), "plug it in");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (count_backups (path), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  sp_test_remove_dir (dir);
}

/* The day's copy with the second folder's stick not plugged in */
static void
test_daily_backup_second_folder_missing (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *gone = g_build_filename (dir, "gone", NULL);
  AdwMessageDialog *dialog = NULL;
  SpWindow *window;

  fill (path, 2);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

    g_assert_cmpint (g_mkdir (gone, 0700), ==, 0);
    g_assert_true (sp_backup_set_second_folder (store, gone, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_rmdir (gone), ==, 0);
  }

  window = open_window (path);
  g_assert_cmpuint (wait_for_backups (path, 1), ==, 1);
  sp_test_wait_until ((dialog = find_dialog ("Today's Backup Is Only on This Computer")) != NULL);
  sp_assert_contains (adw_message_dialog_get_body (dialog), "plug it in");
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  sp_test_remove_dir (dir);
}

static const char *
row_subtitle (GtkListBox *list,
              int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static gboolean
all_read (GtkListBox *list)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Reading") != NULL)
      return FALSE;
  return TRUE;
}

static gint64
contacts_in_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_NO_CREATE, &error);

  g_assert_no_error (error);
  return sp_store_count_contacts (store, NULL, NULL);
}

/* The Restore dialog lists the copies of both folders with what they hold,
 * newest first; the keyboard chooses one; an empty one is warned about;
 * restoring asks first and keeps the shop as it was */
static void
test_restore_dialog (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *stick = g_build_filename (dir, "stick", NULL);
  g_autofree char *empty_copy = NULL;
  g_autoptr(GError) error = NULL;
  SpWindow *window;
  GtkWindow *dialog;
  GtkListBox *list;
  AdwMessageDialog *confirm;

  fill (path, 2);
  window = open_window (path);
  g_assert_cmpuint (wait_for_backups (path, 1), ==, 1);

  /* an empty shop's copy from January */
  {
    g_autofree char *empty_path = g_build_filename (dir, "empty.db", NULL);
    g_autoptr(SpStore) empty = sp_store_open (empty_path, SP_STORE_OPEN_DEFAULT, &error);
    g_autofree char *folder = sp_backup_dup_folder (path);
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *name = g_strdup_printf ("%s-2026-01-05-090000-manual.db", base);

    empty_copy = g_build_filename (folder, name, NULL);
    g_assert_true (sp_backup_copy_to (empty, empty_copy, &error));
    g_assert_no_error (error);
  }

  /* five more contacts, and a copy by hand that goes to the stick too */
  g_assert_cmpint (g_mkdir (stick, 0700), ==, 0);
  g_assert_true (sp_backup_set_second_folder (sp_window_get_store (window), stick, &error));
  fill (path, 5);
  g_assert_cmpint (sp_store_count_contacts (sp_window_get_store (window), NULL, NULL), ==, 7);
  g_free (sp_backup_create (sp_window_get_store (window), SP_BACKUP_MANUAL, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore", NULL));
  spin ();
  dialog = sp_test_ui_find_toplevel (SP_TYPE_RESTORE_DIALOG);
  g_assert_nonnull (dialog);
  sp_test_ui_wait_mapped (GTK_WIDGET (dialog));
  list = GTK_LIST_BOX (sp_test_ui_find (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, NULL));
  sp_test_wait_until (all_read (list));

  /* newest first: the manual copy in both folders, the day's, the empty one */
  g_assert_null (gtk_list_box_get_row_at_index (list, 4));
  sp_assert_contains (row_subtitle (list, 0), "7 contacts, 0 survey answers");
  sp_assert_contains (row_subtitle (list, 1), "7 contacts, 0 survey answers");
  g_assert_true ((strstr (row_subtitle (list, 0), "second backup folder") != NULL) !=
                 (strstr (row_subtitle (list, 1), "second backup folder") != NULL));
  sp_assert_contains (adw_preferences_row_get_title (
                        ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 2))),
                      "Daily backup");
  sp_assert_contains (row_subtitle (list, 2), "2 contacts, 0 survey answers");
  sp_assert_contains (row_subtitle (list, 2), "beside the database");
  sp_assert_contains (row_subtitle (list, 2), "kB");
  sp_assert_contains (row_subtitle (list, 3), "No records at all");

  /* the newest is chosen and has the focus; Down goes to the next */
  g_assert_true (gtk_list_box_get_selected_row (list) == gtk_list_box_get_row_at_index (list, 0));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0))));
  for (int i = 0; i < 3; i++)
    g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "Down"));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 3))));

  /* Enter on the empty copy warns, and Enter there does not restore it */
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "Return"));
  spin ();
  confirm = find_dialog ("Restore an Empty Backup?");
  g_assert_nonnull (confirm);
  sp_assert_contains (adw_message_dialog_get_body (confirm), "leaves the shop empty");
  sp_assert_contains (adw_message_dialog_get_body (confirm), "the copy of 5 Jan 2026 09:00");
  g_assert_cmpstr (adw_message_dialog_get_default_response (confirm), ==, "cancel");
  adw_message_dialog_response (confirm, "cancel");
  spin ();
  g_assert_cmpint (contacts_in_file (path), ==, 7);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) ==
                 GTK_WIDGET (gtk_list_box_get_row_at_index (list, 3)));

  /* Up to the day's copy: asked first, with what will happen */
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "Up"));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2))));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "Return"));
  spin ();
  confirm = find_dialog ("Restore This Backup?");
  g_assert_nonnull (confirm);
  sp_assert_contains (adw_message_dialog_get_body (confirm), "2 contacts, 0 survey answers");
  sp_assert_contains (adw_message_dialog_get_body (confirm), "is kept as a copy");
  g_assert_cmpint (contacts_in_file (path), ==, 7);
  adw_message_dialog_response (confirm, "restore");
  spin ();

  /* the dialog is gone, the window and the file have the copy's two
   * contacts, and the shop as it was is kept */
  g_assert_null (sp_test_ui_find_toplevel (SP_TYPE_RESTORE_DIALOG));
  g_assert_nonnull (sp_window_get_store (window));
  g_assert_cmpint (sp_store_count_contacts (sp_window_get_store (window), NULL, NULL), ==, 2);
  g_assert_cmpint (contacts_in_file (path), ==, 2);
  {
    g_autoptr(GPtrArray) backups = sp_backup_list (path, NULL);
    SpBackupInfo *newest = g_ptr_array_index (backups, 0);
    SpBackupSummary summary;

    g_assert_cmpint (newest->reason, ==, SP_BACKUP_BEFORE_RESTORE);
    g_assert_true (sp_backup_inspect (newest->path, &summary, NULL));
    g_assert_cmpint (summary.contacts, ==, 7);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  sp_test_remove_dir (dir);
}

static void
test_forget_customer (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  SpWindow *window;
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  SpStore *store;

  fill (path, 4);
  window = open_window (path);
  store = sp_window_get_store (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-customer", NULL));
  spin ();
  dialog = find_dialog ("Forget a Customer");
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "continue"));

  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (entry, "nobody at all");
  adw_message_dialog_response (dialog, "continue");
  spin ();
  dialog = find_dialog ("Customer Not Found");
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-customer", NULL));
  spin ();
  dialog = find_dialog ("Forget a Customer");
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (entry, "  zoë DUPONT ");
  adw_message_dialog_response (dialog, "continue");
  spin ();

  dialog = find_dialog ("Forget “Zoë Dupont”?");
  g_assert_nonnull (dialog);
  sp_assert_contains (adw_message_dialog_get_body (dialog), "their 2 contacts");
  adw_message_dialog_response (dialog, "forget");
  spin ();

  g_assert_cmpint (sp_store_find_entity (store, SP_ENTITY_CUSTOMER, "Zoë Dupont"), ==, 0);
  g_assert_cmpint (sp_store_find_entity (store, SP_ENTITY_CUSTOMER, "Forgotten customer 2"),
                   ==, 2);
  g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 4);
  /* the window's own readers are no other program */
  g_assert_null (find_dialog ("The Old Text Is Still in the File"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  sp_test_remove_dir (dir);
}

/* Whole counts in the window group their thousands as the locale does: "1,001 contacts" */
static void
test_forget_counts_grouped (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *locales = sp_test_make_locale (dir, "en_US");
  AdwMessageDialog *dialog;
  SpWindow *window;
  gboolean ok;

  if (locales == NULL)
    {
      g_test_skip ("the en_US locale could not be made (localedef)");
      sp_test_remove_dir (dir);
      return;
    }
  g_setenv ("LOCPATH", locales, TRUE);
  ok = setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL;
  g_unsetenv ("LOCPATH");
  if (!ok)
    {
      g_test_skip ("the en_US locale could not be loaded");
      sp_test_remove_dir (dir);
      return;
    }

  fill (path, 2002);
  /* no dialog of an earlier test may answer for this window's */
  sp_test_ui_destroy_all ();
  window = open_window (path);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-customer", NULL));
  spin ();
  dialog = find_dialog ("Forget a Customer");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Zoë Dupont");
  adw_message_dialog_response (dialog, "continue");
  spin ();
  dialog = find_dialog ("Forget “Zoë Dupont”?");
  g_assert_nonnull (dialog);
  sp_assert_contains (adw_message_dialog_get_body (dialog), "their 1,001 contacts");
  adw_message_dialog_response (dialog, "cancel");
  spin ();

  setlocale (LC_NUMERIC, "C");
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  sp_test_remove_dir (dir);
}

/* Another program reading the old pages keeps them: the window says so */
static void
test_forget_with_reader_open (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  const char *argv[] = { g_getenv ("SP_TEST_HELPER"), "read", path, NULL };
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  SpWindow *window;
  char line[32] = "";
  GPid pid;
  int in_fd, out_fd;

  /* what earlier tests left open */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);

        if (ADW_IS_MESSAGE_DIALOG (w))
          gtk_window_destroy (w);
      }
    spin ();
  }

  fill (path, 4);
  window = open_window (path);

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, &in_fd, &out_fd, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read (out_fd, line, sizeof line - 1), >, 0);
  g_assert_cmpstr (line, ==, "reading\n");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-customer", NULL));
  spin ();
  dialog = find_dialog ("Forget a Customer");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Zoë Dupont");
  adw_message_dialog_response (dialog, "continue");
  spin ();
  dialog = find_dialog ("Forget “Zoë Dupont”?");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "forget");
  spin ();

  dialog = find_dialog ("The Old Text Is Still in the File");
  g_assert_nonnull (dialog);
  sp_assert_contains (adw_message_dialog_get_body (dialog), "Another program still has");
  gtk_window_destroy (GTK_WINDOW (dialog));

  close (in_fd);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  close (out_fd);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  sp_test_remove_dir (dir);
}

static void
test_open_another_file (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *junk = sp_test_write_file (dir, "junk.db", "not a database");
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  SpWindow *window;

  fill (good, 2);
  window = open_window (junk);
  g_assert_null (sp_window_get_store (window));

  sp_window_open_database (window, good);
  g_assert_nonnull (sp_window_get_store (window));
  g_assert_cmpstr (sp_window_get_database_path (window), ==, good);
  g_assert_cmpint (sp_store_count_contacts (sp_window_get_store (window), NULL, NULL), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window-safety/damaged-file", test_damaged_file_offers_a_way_out);
  g_test_add_func ("/window-safety/damage-found-after-opening", test_damage_found_after_opening);
  g_test_add_func ("/window-safety/daily-and-manual-backup", test_daily_and_manual_backup);
  g_test_add_func ("/window-safety/restore-dialog", test_restore_dialog);
  g_test_add_func ("/window-safety/backup-elsewhere", test_backup_elsewhere);
  g_test_add_func ("/window-safety/daily-backup-second-folder-missing",
                   test_daily_backup_second_folder_missing);
  g_test_add_func ("/window-safety/forget-customer", test_forget_customer);
  g_test_add_func ("/window-safety/forget-customer/reader-open", test_forget_with_reader_open);
  g_test_add_func ("/window-safety/open-another-file", test_open_another_file);
  g_test_add_func ("/window-safety/forget-customer/counts-grouped", test_forget_counts_grouped);

  return g_test_run ();
}
