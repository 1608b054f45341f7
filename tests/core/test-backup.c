/* test-backup.c: backups, the retention rule, and restoring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-error.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

static void
add_contacts (SpStore    *store,
              const char *first_day,
              guint       n)
{
  SpTime t = sp_test_time (first_day);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();
      g_autoptr(GError) error = NULL;

      c->received_at = t + i * 3600;
      c->channel = SP_CHANNEL_EMAIL;
      sp_contact_set_agent_name (c, "Ana");
      sp_contact_set_customer_name (c, "Bob");
      g_assert_true (sp_store_save_contact (store, c, &error));
      g_assert_no_error (error);
    }
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gint64
file_query_int (const char *path,
                const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_NO_CREATE, &error);

  g_assert_no_error (error);
  return sp_test_query_int (store, sql);
}

/* Reads a file without opening it as a store, which would bring it up to date */
static gint64
raw_query_int (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

static void
test_create (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *folder = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SpBackupSummary summary = { 0 };
  SpBackupInfo *info;
  GStatBuf st;
  sqlite3 *db;
  char header[20];
  FILE *fp;

  add_contacts (store, "2026-10-01 09:00", 3);
  sp_time_override_now (sp_test_time ("2026-10-02 08:30:05"));

  copy = sp_backup_create (store, SP_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  folder = g_build_filename (dir, "backups", NULL);
  g_assert_true (g_str_has_prefix (copy, folder));
  g_assert_true (g_str_has_suffix (copy, "/test.db-2026-10-02-083005-manual.db"));

  /* private to the user */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* one self-contained file: no WAL mark, nothing beside it */
  fp = g_fopen (copy, "rb");
  g_assert_nonnull (fp);
  g_assert_cmpint (fread (header, 1, sizeof header, fp), ==, sizeof header);
  fclose (fp);
  g_assert_cmpint (header[18], ==, 1);
  g_assert_cmpint (header[19], ==, 1);
  g_assert_cmpuint (count_files (folder), ==, 1);

  g_assert_true (sp_backup_inspect (copy, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.contacts, ==, 3);
  g_assert_cmpint (summary.customers, ==, 1);
  g_assert_cmpint (summary.schema_version, ==, sp_store_get_latest_schema_version ());

  g_assert_cmpint (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  wal = g_strconcat (copy, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  list = sp_backup_list (sp_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpstr (info->path, ==, copy);
  g_assert_cmpint (info->reason, ==, SP_BACKUP_MANUAL);
  g_assert_cmpint (info->time, ==, sp_test_time ("2026-10-02 08:30:05"));

  /* a second copy in the same second gets its own name, and lists first */
  {
    g_autofree char *second = sp_backup_create (store, SP_BACKUP_MANUAL, &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (second, "-manual-2.db"));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = sp_backup_list (sp_store_get_path (store), NULL);
    g_assert_cmpuint (list->len, ==, 2);
    g_assert_cmpstr (((SpBackupInfo *) g_ptr_array_index (list, 0))->path, ==, second);
  }

  /* a folder the owner opened to others on purpose stays as they set it:
   * only what the app creates is the app's to change */
  g_chmod (folder, 0755);
  g_free (sp_backup_create (store, SP_BACKUP_MANUAL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0755);

  sp_time_override_now (SP_TIME_NONE);
  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

/* A backups folder that is a link to a shared folder: the copy goes there,
 * and the shared folder keeps its mode */
static void
test_linked_folder (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *shared = g_build_filename (dir, "shared", NULL);
  g_autofree char *link = g_build_filename (dir, "backups", NULL);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  GStatBuf st;

  add_contacts (store, "2026-10-01 09:00", 3);
  g_assert_cmpint (g_mkdir (shared, 0777), ==, 0);
  g_assert_cmpint (g_chmod (shared, 01777), ==, 0);
  g_assert_cmpint (symlink (shared, link), ==, 0);

  copy = sp_backup_create (store, SP_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (shared, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 01777);
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static SpStore *
open_store_at (const char *path)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

static guint
count_backups (const char *db_path)
{
  g_autoptr(GPtrArray) list = sp_backup_list (db_path, NULL);

  g_assert_nonnull (list);
  return list->len;
}

/* shop.db and shop.sqlite in one folder each have their own copies: in the
 * list, for the daily copy and when they are deleted */
static void
test_shared_stem (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *sqlite = g_build_filename (dir, "shop.sqlite", NULL);
  g_autofree char *legacy = g_build_filename (dir, "backups", "shop-2026-09-30-120000-daily.db",
                                              NULL);
  g_autoptr(SpStore) a = open_store_at (db);
  g_autoptr(SpStore) b = open_store_at (sqlite);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *daily = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  add_contacts (a, "2026-10-01 09:00", 2);
  add_contacts (b, "2026-10-01 09:00", 1);
  sp_time_override_now (sp_test_time ("2026-10-02 08:30:05"));

  g_assert_true (sp_backup_run_daily (a, &daily, &error));
  g_assert_no_error (error);
  g_assert_nonnull (daily);
  g_assert_cmpuint (count_backups (db), ==, 1);
  g_assert_cmpuint (count_backups (sqlite), ==, 0);

  /* shop.db's copy of today is not shop.sqlite's */
  g_clear_pointer (&daily, g_free);
  g_assert_true (sp_backup_run_daily (b, &daily, &error));
  g_assert_no_error (error);
  g_assert_nonnull (daily);
  g_assert_cmpuint (count_backups (sqlite), ==, 1);
  g_assert_cmpuint (count_backups (db), ==, 1);

  /* a copy an earlier version named after the stem can't be told apart
   * while both are there: it is neither's to list or delete */
  g_assert_true (g_file_get_contents (daily, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (legacy, contents, length, NULL));
  g_assert_cmpuint (count_backups (db), ==, 1);
  g_assert_cmpuint (count_backups (sqlite), ==, 1);

  g_assert_cmpuint (sp_backup_delete_all (db), ==, 1);
  g_assert_cmpuint (count_backups (sqlite), ==, 1);
  g_assert_true (g_file_test (daily, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (legacy, G_FILE_TEST_EXISTS));

  /* alone with its stem, shop.db has it back */
  g_clear_object (&b);
  g_assert_cmpint (g_remove (sqlite), ==, 0);
  g_assert_cmpuint (count_backups (db), ==, 1);

  sp_time_override_now (SP_TIME_NONE);
  g_clear_object (&a);
  sp_test_remove_dir (dir);
}

static char *make_backup (SpStore *store);

/* The copies give way to a new one only once it is made */
static void
test_replace_all (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint removed = 99;

  add_contacts (store, "2026-10-01 09:00", 2);
  g_free (make_backup (store));
  g_free (make_backup (store));
  g_assert_cmpuint (count_backups (path), ==, 2);

  /* no new copy can be made in the middle of a save: the old ones stay */
  g_assert_true (sp_store_begin (store, &error));
  fresh = sp_backup_replace_all (store, &removed, &error);
  g_assert_null (fresh);
  g_assert_error (error, SP_ERROR, SP_ERROR_BUSY);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (count_backups (path), ==, 2);
  g_clear_error (&error);
  sp_store_rollback (store);

  fresh = sp_backup_replace_all (store, &removed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 2);
  list = sp_backup_list (path, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SpBackupInfo *) g_ptr_array_index (list, 0))->path, ==, fresh);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

/* A copy that a killed process left half-written is removed by the next
 * backup and by forgetting a customer, however young; one that a live
 * process is writing (and holds locked) is left alone. */
static void
test_stale_partials (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *folder = sp_backup_dup_folder (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *left_name = g_strdup_printf (".%s-2026-10-01-090000-daily.db.partial", base);
  g_autofree char *busy_name = g_strdup_printf (".%s-2026-10-01-090001-daily.db.partial", base);
  g_autofree char *left = g_build_filename (folder, left_name, NULL);
  g_autofree char *left_journal = g_strconcat (left, "-journal", NULL);
  g_autofree char *busy = g_build_filename (folder, busy_name, NULL);
  g_autofree char *other = g_build_filename (folder, ".other.db-2026-10-01-090000-daily.db.partial",
                                             NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  int fd;

  add_contacts (store, "2026-10-01 09:00", 2);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (left, "a copy a killed backup left", -1, NULL));
  g_assert_true (g_file_set_contents (left_journal, "its journal", -1, NULL));
  g_assert_true (g_file_set_contents (busy, "a copy being written", -1, NULL));
  g_assert_true (g_file_set_contents (other, "another database's", -1, NULL));
  fd = g_open (busy, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);

  g_free (make_backup (store));
  g_assert_false (g_file_test (left, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (left_journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (busy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  /* forgetting a customer leaves no copy behind once the writer is gone */
  close (fd);
  g_assert_true (g_file_set_contents (left, "another one", -1, NULL));
  fresh = sp_backup_replace_all (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (left, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (busy, G_FILE_TEST_EXISTS));

  /* and so does deleting every copy */
  g_assert_true (g_file_set_contents (left, "and one more", -1, NULL));
  sp_backup_delete_all (path);
  g_assert_false (g_file_test (left, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_copy_to (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *dest = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  add_contacts (store, "2026-10-01 09:00", 2);
  g_assert_true (sp_backup_copy_to (store, dest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (file_query_int (dest, "SELECT count(*) FROM contacts"), ==, 2);

  /* never over an existing file */
  g_assert_false (sp_backup_copy_to (store, dest, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_DUPLICATE);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}


/* Each daily and manual copy is written to the second folder as well,
 * under the same name, and that folder is pruned by the same rule */
static void
test_second_folder (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *stick = g_build_filename (dir, "stick", NULL);
  g_autofree char *second = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *name = NULL;
  g_autofree char *second_name = NULL;
  g_autofree char *foreign = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) second_error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SpDate start = sp_test_date ("2026-01-01");
  GStatBuf st;

  add_contacts (store, "2025-12-01 09:00", 3);
  g_assert_cmpint (g_mkdir (stick, 0755), ==, 0);
  foreign = sp_test_write_file (stick, "holiday.jpg", "the owner's own file");

  g_assert_null (sp_backup_dup_second_folder (store));
  g_assert_true (sp_backup_set_second_folder (store, stick, &error));
  g_assert_no_error (error);
  second = sp_backup_dup_second_folder (store);
  g_assert_cmpstr (second, ==, stick);

  copy = sp_backup_create_full (store, SP_BACKUP_MANUAL, &second_name, &second_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (second_error);
  g_assert_nonnull (copy);
  g_assert_nonnull (second_name);
  name = g_path_get_basename (copy);
  {
    g_autofree char *expected = g_build_filename (stick, name, NULL);
    g_assert_cmpstr (second_name, ==, expected);
  }
  g_assert_cmpint (g_stat (second_name, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (raw_query_int (second_name, "SELECT count(*) FROM contacts"), ==, 3);
  g_assert_cmpuint (count_files (stick), ==, 2);

  /* the list has both, newest first, the second folder's marked */
  list = sp_backup_list_everywhere (path, stick, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    SpBackupInfo *a = g_ptr_array_index (list, 0);
    SpBackupInfo *b = g_ptr_array_index (list, 1);

    g_assert_cmpint (a->time, ==, b->time);
    g_assert_true (a->second != b->second);
    g_assert_cmpstr (a->second ? a->path : b->path, ==, second_name);
    g_assert_cmpstr (a->second ? b->path : a->path, ==, copy);
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  /* without a second folder, only the first */
  list = sp_backup_list_everywhere (path, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (g_remove (second_name) == 0);

  /* a copy before an update or a restore stays beside the database */
  g_free (sp_backup_create_full (store, SP_BACKUP_BEFORE_UPDATE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (stick), ==, 1);
  sp_backup_delete_all (path);

  /* another computer's shop, whose database has the same name, shares the stick */
  {
    g_autofree char *other_dir = g_build_filename (dir, "other", NULL);
    g_autofree char *other_path = NULL;
    g_autoptr(SpStore) other = NULL;
    g_autofree char *made = NULL;

    g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
    other = sp_test_open_store (other_dir);
    other_path = g_strdup (sp_store_get_path (other));
    g_assert_cmpstr (strrchr (other_path, '/'), ==, strrchr (path, '/'));
    add_contacts (other, "2025-12-01 09:00", 1);
    g_assert_true (sp_backup_set_second_folder (other, stick, &error));
    sp_time_override_now (sp_test_time ("2026-01-03 10:00"));
    g_assert_true (sp_backup_run_daily_full (other, &made, &second_error, &error));
    g_assert_no_error (error);
    g_assert_no_error (second_error);
  }

  /* 40 days of daily copies, as in test_prune_on_disk: the same 10 are
   * kept in both folders, and the owner's own file and the other shop's
   * copy are left alone */
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *made = NULL;

      sp_time_override_now (sp_date_to_time (start + i) + 9 * 3600);
      g_assert_true (sp_backup_run_daily_full (store, &made, &second_error, &error));
      g_assert_no_error (error);
      g_assert_no_error (second_error);
      g_assert_nonnull (made);
    }

  g_assert_cmpuint (count_files (stick), ==, 12);
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
  list = sp_backup_list_everywhere (path, stick, &error);
  /* the other shop's copy is listed (it may be what a new computer restores) */
  g_assert_cmpuint (list->len, ==, 21);
  g_assert_cmpint (((SpBackupInfo *) g_ptr_array_index (list, 20))->time, ==,
                   sp_test_time ("2026-01-03 10:00"));
  g_assert_cmpint (((SpBackupInfo *) g_ptr_array_index (list, 19))->time, ==,
                   sp_test_time ("2026-01-25 09:00"));
  g_assert_cmpint (((SpBackupInfo *) g_ptr_array_index (list, 18))->time, ==,
                   sp_test_time ("2026-01-25 09:00"));

  /* this shop's copies: both folders, without the other shop's */
  {
    g_autoptr(GPtrArray) own = sp_backup_list_of_shop (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (own->len, ==, 20);
  }

  /* forgetting a customer replaces this shop's copies in both folders */
  {
    guint removed = 0;
    g_autofree char *fresh = sp_backup_replace_all (store, &removed, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (removed, ==, 20);
    g_assert_cmpuint (count_files (stick), ==, 3);
  }

  sp_time_override_now (SP_TIME_NONE);
  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

/* A second folder that can't be written loses nothing: the first copy is
 * made, and what went wrong is said */
static void
test_second_folder_fails (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *stick = g_build_filename (dir, "stick", NULL);
  g_autofree char *folder = sp_backup_dup_folder (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) second_error = NULL;

  add_contacts (store, "2026-10-01 09:00", 2);
  g_assert_cmpint (g_mkdir (stick, 0755), ==, 0);
  g_assert_true (sp_backup_set_second_folder (store, stick, &error));

  /* the stick is not plugged in: no folder is made in its place */
  g_assert_cmpint (g_rmdir (stick), ==, 0);
  {
    g_autofree char *second = NULL;
    g_autofree char *copy = sp_backup_create_full (store, SP_BACKUP_MANUAL, &second,
                                                   &second_error, &error);

    g_assert_no_error (error);
    g_assert_nonnull (copy);
    g_assert_null (second);
    g_assert_cmpint (raw_query_int (copy, "SELECT count(*) FROM contacts"), ==, 2);
    g_assert_error (second_error, SP_ERROR, SP_ERROR_NOT_FOUND);
    sp_assert_contains (second_error->message, "second backup folder");
    sp_assert_contains (second_error->message, "plug it in");
    g_assert_false (g_file_test (stick, G_FILE_TEST_EXISTS));
    g_clear_error (&second_error);
  }

  /* a file where the folder was */
  g_assert_true (g_file_set_contents (stick, "not a folder", -1, NULL));
  {
    g_autofree char *copy = sp_backup_create_full (store, SP_BACKUP_DAILY, NULL, &second_error,
                                                   &error);

    g_assert_no_error (error);
    g_assert_nonnull (copy);
    g_assert_error (second_error, SP_ERROR, SP_ERROR_INVALID);
    g_clear_error (&second_error);
  }
  g_assert_cmpint (g_remove (stick), ==, 0);

  /* a folder that can't be written: nothing is left in it */
  g_assert_cmpint (g_mkdir (stick, 0500), ==, 0);
  if (geteuid () != 0)
    {
      g_autofree char *copy = sp_backup_create_full (store, SP_BACKUP_MANUAL, NULL,
                                                     &second_error, &error);

      g_assert_no_error (error);
      g_assert_nonnull (copy);
      g_assert_error (second_error, SP_ERROR, SP_ERROR_READ_ONLY);
      g_assert_cmpuint (count_files (stick), ==, 0);
      g_clear_error (&second_error);
    }
  else
    {
      g_test_message ("root writes to a 0500 folder; "
                      "test-cli-safety runs the command as nobody");
    }
  g_chmod (stick, 0755);

  /* each first copy is there */
  g_assert_cmpuint (count_backups (path), ==, geteuid () != 0 ? 3 : 2);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_second_folder_setting (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *own = sp_backup_dup_folder (path);
  g_autofree char *file = sp_test_write_file (dir, "notes.txt", "a file");
  g_autofree char *missing = g_build_filename (dir, "gone", NULL);
  g_autoptr(GError) error = NULL;
  struct { const char *folder; int code; } bad[] = {
    { "relative/folder", SP_ERROR_INVALID },  /* a full path or nothing */
    { missing, SP_ERROR_NOT_FOUND },          /* it must be there now */
    { file, SP_ERROR_INVALID },               /* a file is not a folder */
    { own, SP_ERROR_INVALID },                /* the copies are there already */
  };

  g_assert_cmpint (g_mkdir (own, 0700), ==, 0);
  g_assert_true (sp_backup_set_second_folder (store, dir, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *kept = NULL;

      g_assert_false (sp_backup_set_second_folder (store, bad[i].folder, &error));
      g_assert_error (error, SP_ERROR, bad[i].code);
      g_clear_error (&error);
      /* and the setting is as it was */
      kept = sp_backup_dup_second_folder (store);
      g_assert_cmpstr (kept, ==, dir);
    }

  /* "" clears it */
  g_assert_true (sp_backup_set_second_folder (store, "", &error));
  g_assert_null (sp_backup_dup_second_folder (store));

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

/* Back Up To: one copy in the chosen folder, one beside the database, and
 * nothing else in the chosen folder touched */
static void
test_create_in (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *stick = g_build_filename (dir, "stick", NULL);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *old_name = g_strdup_printf ("%s-2020-01-01-090000-daily.db", base);
  g_autofree char *old = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpBackupInfo) info = NULL;

  add_contacts (store, "2026-10-01 09:00", 4);
  g_assert_cmpint (g_mkdir (stick, 0755), ==, 0);
  old = sp_test_write_file (stick, old_name, "an old copy the retention rule would drop");

  copy = sp_backup_create_in (store, stick, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  name = g_path_get_basename (copy);
  g_assert_true (g_str_has_prefix (copy, stick));
  info = sp_backup_parse_name (path, name);
  g_assert_nonnull (info);
  g_assert_cmpint (info->reason, ==, SP_BACKUP_MANUAL);
  g_assert_cmpint (raw_query_int (copy, "SELECT count(*) FROM contacts"), ==, 4);
  g_assert_true (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (stick), ==, 2);
  /* and beside the database, under the same name */
  {
    g_autofree char *folder = sp_backup_dup_folder (path);
    g_autofree char *beside = g_build_filename (folder, name, NULL);
    g_assert_true (g_file_test (beside, G_FILE_TEST_IS_REGULAR));
  }

  /* a second one in the same second gets a name of its own */
  {
    g_autofree char *again = sp_backup_create_in (store, stick, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (again, !=, copy);
    g_assert_cmpuint (count_files (stick), ==, 3);
  }

  /* a folder that is not there is not made */
  {
    g_autofree char *gone = g_build_filename (dir, "gone", NULL);

    g_assert_null (sp_backup_create_in (store, gone, &error));
    g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
    g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  }

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_names (void)
{
  const char *db = "/data/shop.db";
  g_autofree char *name = sp_backup_make_name (db, sp_test_time ("2026-01-05 23:59:58"),
                                               SP_BACKUP_BEFORE_UPDATE);
  g_autoptr(SpBackupInfo) info = NULL;
  static const char * const not_ours[] = {
    "shop.db",
    "shop-old-2026-01-05-235958-daily.db",
    "shop-2026-01-05-235958-daily.db-wal",
    ".shop-2026-01-05-235958-daily.db.partial",
    "shop-2026-02-30-120000-daily.db",
    "shop-2026-01-05-246000-daily.db",
    "shop-2026-01-05-235958-weekly.db",
    "shop-2026-01-05-235958-daily-x.db",
    "shop-2026-01-05-235958-daily-.db",
    "shop-2026-1-05-235958-daily.db",
    "other-2026-01-05-235958-daily.db",
    /* the copies of shop.sqlite beside it */
    "shop.sqlite-2026-01-05-235958-daily.db",
    "shop.db-2026-01-05-235958-daily.db-wal",
    "shop.db-2026-01-05-235958-daily.db.db",
  };

  /* named after the whole file name, so that shop.sqlite has copies of its own */
  g_assert_cmpstr (name, ==, "shop.db-2026-01-05-235958-before-update.db");

  info = sp_backup_parse_name (db, name);
  g_assert_nonnull (info);
  g_assert_cmpint (info->time, ==, sp_test_time ("2026-01-05 23:59:58"));
  g_assert_cmpint (info->reason, ==, SP_BACKUP_BEFORE_UPDATE);
  g_assert_false (info->legacy);
  g_clear_pointer (&info, sp_backup_info_free);

  info = sp_backup_parse_name (db, "shop.db-2026-01-05-235958-daily-12.db");
  g_assert_nonnull (info);
  g_assert_cmpint (info->reason, ==, SP_BACKUP_DAILY);
  g_clear_pointer (&info, sp_backup_info_free);

  /* earlier versions named copies after the stem */
  info = sp_backup_parse_name (db, "shop-2026-01-05-235958-daily-12.db");
  g_assert_nonnull (info);
  g_assert_cmpint (info->reason, ==, SP_BACKUP_DAILY);
  g_assert_true (info->legacy);

  for (guint i = 0; i < G_N_ELEMENTS (not_ours); i++)
    {
      g_autoptr(SpBackupInfo) other = sp_backup_parse_name (db, not_ours[i]);

      if (other != NULL)
        g_error ("“%s” was taken for a backup", not_ours[i]);
    }

  /* a database without an extension, or with dots in its name */
  g_clear_pointer (&info, sp_backup_info_free);
  info = sp_backup_parse_name ("/x/shop", "shop-2026-01-05-235958-manual.db");
  g_assert_nonnull (info);
  g_clear_pointer (&info, sp_backup_info_free);
  info = sp_backup_parse_name ("/x/my.shop.db", "my.shop-2026-01-05-235958-manual.db");
  g_assert_nonnull (info);
  g_clear_pointer (&info, sp_backup_info_free);
  info = sp_backup_parse_name ("/x/my.shop.db", "my.shop.db-2026-01-05-235958-manual.db");
  g_assert_nonnull (info);
  g_assert_false (info->legacy);
}

/* Retention with fake dates */

static SpBackupInfo *
fake (const char     *iso,
      SpBackupReason  reason)
{
  SpBackupInfo *info = g_new0 (SpBackupInfo, 1);

  info->time = sp_test_time (iso);
  info->reason = reason;
  info->path = g_strconcat ("/b/", iso, NULL);
  return info;
}

static GPtrArray *
kept_days (GPtrArray *backups,
           GPtrArray *expired)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < backups->len; i++)
    {
      SpBackupInfo *info = g_ptr_array_index (backups, i);

      if (!g_ptr_array_find (expired, info, NULL))
        g_ptr_array_add (kept, g_strdup (info->path + 3));
    }

  return kept;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_kept (GPtrArray          *backups,
             const char         *now,
             const char * const *expected)
{
  g_autoptr(GPtrArray) expired = sp_backup_select_expired (backups, sp_test_time (now));
  g_autoptr(GPtrArray) kept = kept_days (backups, expired);
  guint n = g_strv_length ((char **) expected);

  g_ptr_array_sort (kept, compare_strings);

  for (guint i = 0; i < MAX (n, kept->len); i++)
    {
      const char *got = i < kept->len ? g_ptr_array_index (kept, i) : "(none)";
      const char *want = i < n ? expected[i] : "(none)";

      if (g_strcmp0 (got, want) != 0)
        {
          for (guint j = 0; j < kept->len; j++)
            g_printerr ("kept %s\n", (char *) g_ptr_array_index (kept, j));
          g_error ("kept copy %u: got %s, expected %s", i, got, want);
        }
    }
}

/* A copy every day at 09:00 for 15 months; today is Tuesday 2026-03-31. */
static void
test_retention_daily_for_a_year (void)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_backup_info_free);
  SpDate first = sp_test_date ("2025-01-01");
  SpDate last = sp_test_date ("2026-03-31");
  static const char * const expected[] = {
    /* monthly: the last copy of each of the 12 most recent months */
    "2025-04-30 09:00", "2025-05-31 09:00", "2025-06-30 09:00", "2025-07-31 09:00",
    "2025-08-31 09:00", "2025-09-30 09:00", "2025-10-31 09:00", "2025-11-30 09:00",
    "2025-12-31 09:00", "2026-01-31 09:00", "2026-02-28 09:00",
    /* weekly: Sundays of the 3 weeks before this one (this week's is Tuesday's) */
    "2026-03-15 09:00", "2026-03-22 09:00",
    /* daily: the 7 most recent days (03-29 is also a week's newest) */
    "2026-03-25 09:00", "2026-03-26 09:00", "2026-03-27 09:00", "2026-03-28 09:00",
    "2026-03-29 09:00", "2026-03-30 09:00", "2026-03-31 09:00",
    NULL
  };

  for (SpDate d = first; d <= last; d++)
    {
      g_autofree char *iso = sp_date_format_iso (d);
      g_autofree char *when = g_strconcat (iso, " 09:00", NULL);

      g_ptr_array_add (backups, fake (when, SP_BACKUP_DAILY));
    }

  g_assert_cmpint (sp_date_weekday (last), ==, 2);
  assert_kept (backups, "2026-03-31 18:00", expected);
}

static void
test_retention_rules (void)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_backup_info_free);

  /* several copies a day: today all stay, other days only the newest */
  g_ptr_array_add (backups, fake ("2026-03-31 08:00", SP_BACKUP_DAILY));
  g_ptr_array_add (backups, fake ("2026-03-31 12:00", SP_BACKUP_MANUAL));
  g_ptr_array_add (backups, fake ("2026-03-31 12:01", SP_BACKUP_BEFORE_RESTORE));
  g_ptr_array_add (backups, fake ("2026-03-30 08:00", SP_BACKUP_DAILY));
  g_ptr_array_add (backups, fake ("2026-03-30 17:00", SP_BACKUP_MANUAL));
  /* a shop closed for a month keeps its last week of copies */
  for (int d = 1; d <= 10; d++)
    {
      g_autofree char *when = g_strdup_printf ("2026-02-%02d 09:00", d);
      g_ptr_array_add (backups, fake (when, SP_BACKUP_DAILY));
    }
  /* a set-aside file is never removed by the rule */
  g_ptr_array_add (backups, fake ("2020-01-01 10:00", SP_BACKUP_SET_ASIDE));
  /* a copy stamped in the future (the clock was wrong) stays */
  g_ptr_array_add (backups, fake ("2027-01-01 10:00", SP_BACKUP_DAILY));

  {
    static const char * const expected[] = {
      "2020-01-01 10:00",
      /* 7 days with copies: 2027-01-01, 03-31, 03-30, 02-10, 02-09, 02-08, 02-07;
       * weeks: 2027's, 03-30's week, 02-09's week (02-10), 02-02's week (02-08);
       * months: 2027-01, 2026-03, 2026-02 */
      "2026-02-07 09:00", "2026-02-08 09:00", "2026-02-09 09:00", "2026-02-10 09:00",
      "2026-03-30 17:00",
      "2026-03-31 08:00", "2026-03-31 12:00", "2026-03-31 12:01",
      "2027-01-01 10:00",
      NULL
    };

    assert_kept (backups, "2026-03-31 13:00", expected);
  }
}

/* Pruning on disk, with the clock moved forward one day at a time */
static void
test_prune_on_disk (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autofree char *foreign = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SpDate start = sp_test_date ("2026-01-01");

  add_contacts (store, "2025-12-01 09:00", 1);
  g_mkdir_with_parents (folder, 0700);
  foreign = sp_test_write_file (folder, "notes.txt", "the owner's own file");

  for (int i = 0; i < 40; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *made = NULL;

      sp_time_override_now (sp_date_to_time (start + i) + 9 * 3600);
      g_assert_true (sp_backup_run_daily (store, &made, &error));
      g_assert_no_error (error);
      g_assert_nonnull (made);

      /* a second start on the same day makes no copy */
      g_clear_pointer (&made, g_free);
      g_assert_true (sp_backup_run_daily (store, &made, &error));
      g_assert_null (made);
    }

  /* 40 days from Thursday 2026-01-01 to Monday 2026-02-09: 02-03 to 02-09
   * (daily), Sundays 02-01 and 01-25 (weekly), 01-31 (monthly) */
  list = sp_backup_list (sp_store_get_path (store), NULL);
  g_assert_cmpuint (list->len, ==, 10);
  g_assert_cmpint (((SpBackupInfo *) g_ptr_array_index (list, 9))->time, ==,
                   sp_test_time ("2026-01-25 09:00"));
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (folder), ==, 11);

  sp_time_override_now (SP_TIME_NONE);
  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_daily_skips_empty_database (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autofree char *made = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_backup_run_daily (store, &made, &error));
  g_assert_no_error (error);
  g_assert_null (made);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
make_v1_database (const char *path)
{
  g_autofree char *sql_path = g_build_filename (g_getenv ("SP_TEST_SRCDIR"), "data",
                                                "schema-v1.sql", NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_backup_before_migration (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SpBackupSummary summary = { 0 };
  SpBackupInfo *info;

  make_v1_database (path);

  /* pretend this version of the app adds one more migration */
  sp_store_set_test_migration ("CREATE TABLE test_added (x INTEGER);");

  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==,
                   sp_store_get_latest_schema_version ());

  list = sp_backup_list (path, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpint (info->reason, ==, SP_BACKUP_BEFORE_UPDATE);

  /* the copy is the file as it was, before the update */
  g_assert_true (sp_backup_inspect (info->path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.schema_version, ==, 1);
  g_assert_cmpint (summary.contacts, ==, 2);

  /* opening the updated file makes no more copies */
  g_clear_object (&store);
  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sp_backup_list (path, NULL);
  g_assert_cmpuint (list->len, ==, 1);

  sp_store_set_test_migration (NULL);
  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_no_migration_without_backup (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *blocker = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  make_v1_database (path);
  /* a file where the backups folder should be: no copy can be made */
  blocker = sp_test_write_file (dir, "backups", "in the way");

  sp_store_set_test_migration ("CREATE TABLE test_added (x INTEGER);");
  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  sp_assert_contains (error->message, "no backup could be made");
  sp_store_set_test_migration (NULL);

  /* still version 1, with its data */
  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM contacts"), ==, 2);

  sp_test_remove_dir (dir);
}

/* Restore */

static char *
make_backup (SpStore *store)
{
  g_autoptr(GError) error = NULL;
  char *copy = sp_backup_create (store, SP_BACKUP_MANUAL, &error);

  g_assert_no_error (error);
  return copy;
}

static void
test_restore (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *copy = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *check = NULL;
  g_autoptr(GError) error = NULL;
  SpBackupSummary summary = { 0 };

  add_contacts (store, "2026-10-01 09:00", 2);
  sp_time_override_now (sp_test_time ("2026-10-02 09:00"));
  copy = make_backup (store);
  add_contacts (store, "2026-10-03 09:00", 5);
  g_clear_object (&store);

  sp_time_override_now (sp_test_time ("2026-10-04 09:00"));
  g_assert_true (sp_backup_restore (path, copy, &saved, &error));
  g_assert_no_error (error);

  /* the database is the copy again, still in WAL mode and sound */
  store = sp_test_open_store (dir);
  g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);
  mode = sp_test_query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  check = sp_test_query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");

  /* and what it was before is kept */
  g_assert_nonnull (saved);
  g_assert_true (strstr (saved, "before-restore") != NULL);
  g_assert_true (sp_backup_inspect (saved, &summary, &error));
  g_assert_cmpint (summary.contacts, ==, 7);

  /* the restored copy itself is still there */
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));

  sp_time_override_now (SP_TIME_NONE);
  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

/* Another connection stays open (another window, a reader): it sees the
 * restored data as one commit. */
static void
test_restore_with_reader_open (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(SpStore) reader = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;

  add_contacts (store, "2026-10-01 09:00", 2);
  copy = make_backup (store);
  add_contacts (store, "2026-10-03 09:00", 1);

  reader = sp_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_count_contacts (reader, NULL, NULL), ==, 3);

  g_assert_true (sp_backup_restore (path, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_count_contacts (reader, NULL, NULL), ==, 2);

  g_clear_object (&reader);
  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
count_changed (guint *count)
{
  (*count)++;
}

/* A window's connection learns what another program committed, and that
 * it was a restore; its own saves are not news to it. */
static void
test_outside_changes (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(SpStore) other = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect_swapped (store, "changed", G_CALLBACK (count_changed), &changed);
  add_contacts (store, "2026-10-01 09:00", 2);
  copy = make_backup (store);

  /* the first check notes where the file stands; our own saves are not outside */
  g_assert_cmpint (sp_store_check_outside_changes (store, NULL), ==, SP_STORE_OUTSIDE_NONE);
  add_contacts (store, "2026-10-02 09:00", 1);
  g_assert_cmpint (sp_store_check_outside_changes (store, NULL), ==, SP_STORE_OUTSIDE_NONE);

  other = sp_store_open (path, SP_STORE_OPEN_NO_CREATE, &error);
  g_assert_no_error (error);
  add_contacts (other, "2026-10-03 09:00", 1);
  changed = 0;
  g_assert_cmpint (sp_store_check_outside_changes (store, NULL), ==, SP_STORE_OUTSIDE_CHANGED);
  g_assert_cmpuint (changed, ==, 1);
  /* told once */
  g_assert_cmpint (sp_store_check_outside_changes (store, NULL), ==, SP_STORE_OUTSIDE_NONE);
  g_assert_cmpuint (changed, ==, 1);
  g_clear_object (&other);

  /* held: the window's own writer on a thread */
  sp_store_hold_outside_changes (store);
  other = sp_store_open (path, SP_STORE_OPEN_NO_CREATE, &error);
  add_contacts (other, "2026-10-04 09:00", 1);
  g_clear_object (&other);
  g_assert_cmpint (sp_store_check_outside_changes (store, NULL), ==, SP_STORE_OUTSIDE_NONE);
  sp_store_release_outside_changes (store);
  g_assert_cmpint (sp_store_check_outside_changes (store, NULL), ==, SP_STORE_OUTSIDE_NONE);

  g_assert_true (sp_backup_restore (path, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_check_outside_changes (store, NULL), ==, SP_STORE_OUTSIDE_RESTORED);
  g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static gboolean
has_note (const char *path,
          const char *note)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM contacts WHERE note = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, note, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  found = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

/*
 * Another program saves contacts and imports batches all the time while
 * the database is restored.  Whatever it was told was saved is either in
 * the copy of the database as it was before the restore, or in the
 * restored database: the restore holds the write lock from before it makes
 * that copy until it is done.
 */
static void
test_restore_while_another_program_writes (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *copy = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *argv[] = { g_getenv ("SP_TEST_HELPER"), "write", path, "7", NULL };
  guint before, lost = 0, checked = 0;
  char line[256];
  GPid pid;
  int out_fd;
  FILE *out;

  add_contacts (store, "2026-10-01 09:00", 3);
  copy = make_backup (store);
  g_clear_object (&store);

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  out = fdopen (out_fd, "r");

  while (lines->len < 40 && fgets (line, sizeof line, out) != NULL)
    g_ptr_array_add (lines, g_strchomp (g_strdup (line)));
  g_assert_cmpuint (lines->len, ==, 40);

  g_assert_true (sp_backup_restore (path, copy, &saved, &error));
  g_assert_no_error (error);
  g_assert_nonnull (saved);

  /* it goes on writing into the restored database */
  before = lines->len;
  while (lines->len < before + 20 && fgets (line, sizeof line, out) != NULL)
    g_ptr_array_add (lines, g_strchomp (g_strdup (line)));

  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  while (fgets (line, sizeof line, out) != NULL)
    g_ptr_array_add (lines, g_strchomp (g_strdup (line)));
  fclose (out);

  /* each line is one thing saved; the i-th contact's note is "w7-i" and
   * a batch's rows are "MARKER-0" to "MARKER-4" */
  for (guint i = 0; i < lines->len; i++)
    {
      const char *l = g_ptr_array_index (lines, i);
      g_autofree char *note = NULL;

      if (g_str_has_prefix (l, "c "))
        note = g_strdup_printf ("w7-%u", i);
      else if (g_str_has_prefix (l, "b "))
        {
          g_auto(GStrv) parts = g_strsplit (l, " ", -1);
          note = g_strdup_printf ("%s-0", parts[1]);
        }
      else
        continue;

      checked++;
      if (!has_note (saved, note) && !has_note (path, note))
        {
          g_printerr ("lost: %s (%s)\n", l, note);
          lost++;
        }
    }

  g_assert_cmpuint (checked, >, 0);
  g_assert_cmpuint (lost, ==, 0);

  sp_test_remove_dir (dir);
}

static void
assert_restore_refused (const char *db,
                        const char *copy,
                        int         code,
                        const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize n_before, n_after;

  g_file_get_contents (db, &before, &n_before, NULL);

  g_assert_false (sp_backup_restore (db, copy, NULL, &error));
  g_assert_error (error, SP_ERROR, code);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);

  g_file_get_contents (db, &after, &n_after, NULL);
  g_assert_cmpmem (before, n_before, after, n_after);
}

static void
test_restore_refuses_bad_copies (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *text = sp_test_write_file (dir, "letter.db", "Dear customer, ...");
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db;

  add_contacts (store, "2026-10-01 09:00", 200);
  g_assert_true (sp_backup_copy_to (store, newer, NULL));
  g_assert_true (sp_backup_copy_to (store, damaged, NULL));
  g_assert_cmpint (sp_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL), ==, TRUE);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL);
  sqlite3_close (db);

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "CREATE TABLE photos (id INTEGER)", NULL, NULL, NULL);
  sqlite3_close (db);

  /* scribble over the middle of the file */
  g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4 * 4096);
  memset (contents + 1 * 4096, 0x5a, 3 * 4096);
  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));

  assert_restore_refused (path, text, SP_ERROR_NOT_DATABASE, "not a Service Pulse database");
  assert_restore_refused (path, other, SP_ERROR_NOT_DATABASE, "not a Service Pulse database");
  assert_restore_refused (path, newer, SP_ERROR_TOO_NEW, "newer version");
  assert_restore_refused (path, damaged, SP_ERROR_CORRUPT, "damaged");
  assert_restore_refused (path, path, SP_ERROR_INVALID, "database itself");
  assert_restore_refused (path, dir, SP_ERROR_NOT_FOUND, "There is no file");

  /* and nothing was backed up for nothing */
  {
    g_autoptr(GPtrArray) list = sp_backup_list (path, NULL);
    g_assert_cmpuint (list->len, ==, 0);
  }

  sp_test_remove_dir (dir);
}

/* A database that can't be opened is set aside, as it is, and replaced. */
static void
test_restore_over_damaged_file (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *copy = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  static const char junk[] = "SQLite format 3\0 and then the disk went bad";
  gsize length;

  add_contacts (store, "2026-10-01 09:00", 4);
  copy = make_backup (store);
  g_clear_object (&store);

  g_assert_true (g_file_set_contents (path, junk, sizeof junk, NULL));

  g_assert_true (sp_backup_restore (path, copy, &saved, &error));
  g_assert_no_error (error);
  g_assert_true (strstr (saved, "set-aside") != NULL);
  g_assert_true (g_file_get_contents (saved, &kept, &length, NULL));
  g_assert_cmpmem (kept, length, junk, sizeof junk);

  store = sp_test_open_store (dir);
  g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 4);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

/* A database that does not exist yet, e.g. on a new computer */
static void
test_restore_to_new_file (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autofree char *copy = NULL;
  g_autofree char *target = g_build_filename (dir, "new", "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  add_contacts (store, "2026-10-01 09:00", 3);
  copy = make_backup (store);

  g_assert_true (sp_backup_restore (target, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (file_query_int (target, "SELECT count(*) FROM contacts"), ==, 3);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

/* A copy with another page size can't go through the WAL */
static void
test_restore_other_page_size (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *odd = g_build_filename (dir, "odd.db", NULL);
  g_autofree char *sql_path = g_build_filename (g_getenv ("SP_TEST_SRCDIR"), "data",
                                                "schema-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = NULL;
  sqlite3 *db;

  add_contacts (store, "2026-10-01 09:00", 3);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (odd, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA page_size = 8192", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (sp_backup_restore (path, odd, NULL, &error));
  g_assert_no_error (error);

  store = sp_test_open_store (dir);
  g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);
  g_assert_cmpint (sp_test_query_int (store, "PRAGMA page_size"), ==, 8192);
  mode = sp_test_query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

/* A copy made before an update is brought up to date when restored */
static void
test_restore_older_schema (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *old = g_build_filename (dir, "old.db", NULL);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  make_v1_database (old);
  sp_store_set_test_migration ("CREATE TABLE test_added (x INTEGER);");

  store = sp_test_open_store (dir);
  add_contacts (store, "2026-10-01 09:00", 5);
  g_clear_object (&store);

  g_assert_true (sp_backup_restore (path, old, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_query_int (path, "PRAGMA user_version"), ==,
                   sp_store_get_latest_schema_version ());
  g_assert_cmpint (file_query_int (path, "SELECT count(*) FROM contacts"), ==, 2);

  sp_store_set_test_migration (NULL);
  sp_test_remove_dir (dir);
}

static void
test_summary_text (void)
{
  SpBackupSummary s = { 1, 120, 1, 0, 3, 40, 2 };
  SpBackupSummary empty = { 1, 0, 0, 0, 0, 0, 0 };
  g_autofree char *text = sp_backup_describe_summary (&s);
  g_autofree char *none = sp_backup_describe_summary (&empty);

  g_assert_cmpstr (text, ==, "120 contacts, 1 survey answer, 3 months of figures, 40 customers");
  g_assert_cmpstr (none, ==, "0 contacts, 0 survey answers, 0 customers");

  /* empty: no records of any kind; customers and agents alone are no records */
  g_assert_false (sp_backup_summary_is_empty (&s));
  g_assert_true (sp_backup_summary_is_empty (&empty));
  {
    SpBackupSummary names_only = { 1, 0, 0, 0, 0, 12, 3 };
    SpBackupSummary one_shift = { 1, 0, 0, 1, 0, 0, 1 };
    SpBackupSummary one_month = { 1, 0, 0, 0, 1, 0, 0 };
    SpBackupSummary one_answer = { 1, 0, 1, 0, 0, 0, 0 };

    g_assert_true (sp_backup_summary_is_empty (&names_only));
    g_assert_false (sp_backup_summary_is_empty (&one_shift));
    g_assert_false (sp_backup_summary_is_empty (&one_month));
    g_assert_false (sp_backup_summary_is_empty (&one_answer));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  sp_backup_init ();

  g_test_add_func ("/backup/create", test_create);
  g_test_add_func ("/backup/linked-folder", test_linked_folder);
  g_test_add_func ("/backup/shared-stem", test_shared_stem);
  g_test_add_func ("/backup/replace-all", test_replace_all);
  g_test_add_func ("/backup/stale-partials", test_stale_partials);
  g_test_add_func ("/backup/copy-to", test_copy_to);
  g_test_add_func ("/backup/create-in", test_create_in);
  g_test_add_func ("/backup/second-folder", test_second_folder);
  g_test_add_func ("/backup/second-folder/fails", test_second_folder_fails);
  g_test_add_func ("/backup/second-folder/setting", test_second_folder_setting);
  g_test_add_func ("/backup/names", test_names);
  g_test_add_func ("/backup/retention/daily-for-a-year", test_retention_daily_for_a_year);
  g_test_add_func ("/backup/retention/rules", test_retention_rules);
  g_test_add_func ("/backup/retention/on-disk", test_prune_on_disk);
  g_test_add_func ("/backup/daily-skips-empty", test_daily_skips_empty_database);
  g_test_add_func ("/backup/before-migration", test_backup_before_migration);
  g_test_add_func ("/backup/no-migration-without-backup", test_no_migration_without_backup);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore/reader-open", test_restore_with_reader_open);
  g_test_add_func ("/backup/restore/while-another-program-writes",
                   test_restore_while_another_program_writes);
  g_test_add_func ("/backup/restore/refuses-bad-copies", test_restore_refuses_bad_copies);
  g_test_add_func ("/backup/restore/over-damaged-file", test_restore_over_damaged_file);
  g_test_add_func ("/backup/restore/to-new-file", test_restore_to_new_file);
  g_test_add_func ("/backup/restore/other-page-size", test_restore_other_page_size);
  g_test_add_func ("/backup/restore/older-schema", test_restore_older_schema);
  g_test_add_func ("/backup/restore/outside-changes", test_outside_changes);
  g_test_add_func ("/backup/summary-text", test_summary_text);

  return g_test_run ();
}
