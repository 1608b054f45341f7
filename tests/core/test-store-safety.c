/* test-store-safety.c: the database file is only ever opened, read and
 * closed through SQLite, and only what the app creates is changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-error.h"
#include "sp-test-util.h"

static void
save_contact (SpStore    *store,
              const char *note)
{
  g_autoptr(SpContact) c = sp_contact_new ();
  g_autoptr(GError) error = NULL;

  c->received_at = sp_test_time ("2026-03-02 09:00:00");
  c->channel = SP_CHANNEL_PHONE;
  sp_contact_set_agent_name (c, "Ana");
  sp_contact_set_note (c, note);
  sp_store_save_contact (store, c, &error);
  g_assert_no_error (error);
}

/* Another process opens the database and closes it again, as a command-line
 * verb run beside the window does. */
static void
open_and_close_elsewhere (const char *path)
{
  const char *argv[] = { g_getenv ("SP_TEST_HELPER"), "open", (char *) path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "ok\n");
}

/*
 * The last connection to close removes the WAL.  It knows it is the last
 * when it can lock the whole file; a process that opened and closed the
 * file by other means than SQLite lost the locks its own connections hold,
 * and another process then removes the WAL under them.
 */
static void
assert_wal_kept (SpStore    *store,
                 const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  open_and_close_elsewhere (path);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* and what this process saves next is seen by the others */
  save_contact (store, "after");
  open_and_close_elsewhere (path);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==, 2);
}

static void
test_reader_keeps_locks (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(SpStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  save_contact (store, "before");

  /* a worker's reader, as the window opens and closes them all the time */
  reader = sp_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_clear_object (&reader);

  assert_wal_kept (store, path);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_inspect_keeps_locks (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  SpBackupSummary summary;

  save_contact (store, "before");

  /* what the window's safety page and "backup --list" do */
  g_assert_true (sp_backup_inspect (path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.contacts, ==, 1);

  assert_wal_kept (store, path);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
assert_untouched (const char *path,
                  mode_t      mode)
{
  static const char * const suffixes[] = { "-journal", "-wal", "-shm" };
  GStatBuf st;

  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, mode);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_assert_false (g_file_test (p, G_FILE_TEST_EXISTS));
    }
}

static void
test_not_regular (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe.db", NULL);
  g_autofree char *device = g_build_filename (dir, "null.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_chmod (fifo, 0644);

  store = sp_store_open (fifo, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE);
  sp_assert_contains (error->message, "not a regular file");
  assert_untouched (fifo, 0644);
  g_clear_error (&error);

  store = sp_store_open (fifo, SP_STORE_OPEN_READ_ONLY, &error);
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE);
  assert_untouched (fifo, 0644);
  g_clear_error (&error);

  /* nor is it set aside and replaced by a restore */
  {
    g_autoptr(SpStore) shop = sp_test_open_store (dir);
    g_autofree char *copy = NULL;

    save_contact (shop, "kept");
    copy = sp_backup_create (shop, SP_BACKUP_MANUAL, &error);
    g_assert_no_error (error);
    g_assert_false (sp_backup_restore (fifo, copy, NULL, &error));
    g_assert_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE);
    assert_untouched (fifo, 0644);
    g_clear_error (&error);
  }

  /* a device node: only an administrator can make one */
  if (mknod (device, S_IFCHR | 0666, makedev (1, 3)) == 0)
    {
      g_chmod (device, 0666);
      store = sp_store_open (device, SP_STORE_OPEN_DEFAULT, &error);
      g_assert_null (store);
      g_assert_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE);
      assert_untouched (device, 0666);
      g_clear_error (&error);
    }

  sp_test_remove_dir (dir);
}

/* A file whose owner took away every write permission is read, never
 * written: not even when the system would let an administrator write. */
static void
test_read_only_file (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(GError) error = NULL;

  save_contact (store, "kept");
  g_clear_object (&store);

  /* as a copy kept elsewhere is: one file, rollback journal */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);
  }

  g_chmod (path, 0444);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, SP_ERROR, SP_ERROR_READ_ONLY);
  assert_untouched (path, 0444);
  g_clear_error (&error);

  /* reading it changes nothing either: not its bytes, mode or journal */
  store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==, 1);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  assert_untouched (path, 0444);

  sp_test_remove_dir (dir);
}

/* A file an earlier version wrote is read as it would be after the update,
 * and stays as it is: no update, no backup, no journal */
static void
test_read_older_file (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *sql_path = g_build_filename (g_getenv ("SP_TEST_SRCDIR"), "data",
                                                "schema-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  GStatBuf st;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);

  store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==,
                   sp_store_get_latest_schema_version ());
  g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);
  /* the totals of the later versions are there */
  g_assert_cmpint (sp_test_query_int (store, "SELECT sum(n) FROM kpi_days"), ==, 2);

  reader = sp_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_count_contacts (reader, NULL, NULL), ==, 2);
  g_clear_object (&reader);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  assert_untouched (path, st.st_mode & 07777);

  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-safety/reader-keeps-locks", test_reader_keeps_locks);
  g_test_add_func ("/store-safety/inspect-keeps-locks", test_inspect_keeps_locks);
  g_test_add_func ("/store-safety/not-regular", test_not_regular);
  g_test_add_func ("/store-safety/read-only-file", test_read_only_file);
  g_test_add_func ("/store-safety/read-older-file", test_read_older_file);

  return g_test_run ();
}
