/* test-damaged.c: damaged, foreign, read-only and locked databases are
 * refused with a message that says what to do, and are never written to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-error.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

#define NOBODY 65534

/* A database with some records, checkpointed: everything is in the one file */
static char *
make_database (const char *dir,
               const char *name,
               guint       n_contacts)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);

  for (guint i = 0; i < n_contacts; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();
      g_autofree char *customer = g_strdup_printf ("Customer %u", i % 37);

      c->received_at = sp_test_time ("2026-03-01 08:00") + i * 600;
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, "Ana");
      sp_contact_set_customer_name (c, customer);
      sp_contact_set_note (c, "Called about the invoice; will call back on Tuesday.");
      g_assert_true (sp_store_save_contact (store, c, &error));
    }

  g_clear_object (&store);
  return g_steal_pointer (&path);
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
assert_message (const GError *error,
                const char   *part)
{
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

/* Opening @path fails with @code and a message with @part, and the file's
 * bytes are the same afterwards. */
static void
assert_refused (const char       *path,
                SpStoreOpenFlags  flags,
                int               code,
                const char       *part)
{
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, flags, &error);

  if (store != NULL)
    g_error ("%s was opened", path);
  g_assert_error (error, SP_ERROR, code);
  assert_message (error, part);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_truncated (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *good = make_database (dir, "good.db", 400);
  g_autoptr(GBytes) bytes = read_bytes (good);
  gsize size = g_bytes_get_size (bytes);
  gsize cuts[] = { 20, 99, 100, 512, 4096, 4096 + 1000, size / 2, size - 4096, size - 100 };

  g_assert_cmpuint (size, >, 8 * 4096);

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *name = g_strdup_printf ("cut-%" G_GSIZE_FORMAT ".db", cuts[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SpStore) store = NULL;

      write_bytes (path, g_bytes_get_data (bytes, NULL), cuts[i]);

      /* checked before anything writes: refused with what to do */
      store = sp_store_open (path, SP_STORE_OPEN_VERIFY, &error);
      if (store != NULL)
        g_error ("%s was opened", name);
      if (!g_error_matches (error, SP_ERROR, SP_ERROR_CORRUPT) &&
          !g_error_matches (error, SP_ERROR, SP_ERROR_NOT_DATABASE))
        g_error ("%s: unexpected error %s", name, error->message);
      if (strstr (error->message, "Restore a backup") == NULL &&
          strstr (error->message, "restore a backup") == NULL)
        g_error ("%s: “%s” does not say what to do", name, error->message);

      assert_refused (path, SP_STORE_OPEN_VERIFY, error->code, "");
    }

  sp_test_remove_dir (dir);
}

static void
test_corrupted_pages (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *good = make_database (dir, "good.db", 400);
  g_autoptr(GBytes) bytes = read_bytes (good);
  gsize size = g_bytes_get_size (bytes);
  guint n_pages = size / 4096;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint page = 1; page < n_pages; page++)
    {
      g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);

      /* page 1 keeps its first 100 bytes (the file header) */
      for (gsize k = page == 0 ? 100 : 0; k < 4096; k++)
        data[page * 4096 + k] = g_rand_int_range (rand, 0, 256);

      write_bytes (path, data, size);
      assert_refused (path, SP_STORE_OPEN_VERIFY, SP_ERROR_CORRUPT, "is damaged. Restore a backup");
    }

  /* the schema page, after the file header */
  {
    g_autofree char *path = g_build_filename (dir, "schema.db", NULL);
    g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);

    memset (data + 100, 0xff, 200);
    write_bytes (path, data, size);
    assert_refused (path, SP_STORE_OPEN_DEFAULT, SP_ERROR_CORRUPT, "is damaged");
  }

  sp_test_remove_dir (dir);
}

/* Without the check a damaged page is found when it is read: still a
 * clear error, never a crash, and the write does not happen. */
static void
test_damage_found_later (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *good = make_database (dir, "good.db", 400);
  g_autoptr(GBytes) bytes = read_bytes (good);
  gsize size = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_autofree char *path = g_build_filename (dir, "late.db", NULL);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  /* the pages past the middle: the contacts table's later leaves */
  for (gsize k = size / 2; k < size - 4096; k++)
    data[k] = (guint8) (k * 7);
  write_bytes (path, data, size);

  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_assert_error (error, SP_ERROR, SP_ERROR_CORRUPT);
    }
  else
    {
      n = sp_store_count_contacts (store, NULL, &error);
      g_assert_cmpint (n, <=, 0);
      g_assert_error (error, SP_ERROR, SP_ERROR_CORRUPT);
      assert_message (error, "Restore a backup");
    }

  sp_test_remove_dir (dir);
}

/* Bytes changed at random anywhere, the header included: whatever opens
 * or fails, nothing crashes and every failure is one of ours */
static void
test_random_damage (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *good = make_database (dir, "good.db", 300);
  g_autoptr(GBytes) bytes = read_bytes (good);
  gsize size = g_bytes_get_size (bytes);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autofree char *path = g_build_filename (dir, "random.db", NULL);
  guint opened = 0, refused = 0;

  for (guint round = 0; round < 150; round++)
    {
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
      guint n = g_rand_int_range (rand, 1, 40);
      g_autoptr(SpStore) store = NULL;
      g_autoptr(GError) error = NULL;

      for (guint k = 0; k < n; k++)
        {
          /* half of the changes land in the first page, where the header is */
          gsize at = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 4096)
                                           : g_rand_int_range (rand, 0, size);
          data[at] = g_rand_int_range (rand, 0, 256);
        }

      write_bytes (path, data, size);
      store = sp_store_open (path, g_rand_boolean (rand) ? SP_STORE_OPEN_VERIFY
                                                         : SP_STORE_OPEN_DEFAULT, &error);
      if (store == NULL)
        {
          g_assert_true (error->domain == SP_ERROR);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          refused++;
        }
      else
        {
          g_autoptr(SpContact) c = sp_contact_new ();
          g_autoptr(GPtrArray) list = NULL;

          /* reads and a save either work or say what is wrong */
          sp_store_count_contacts (store, NULL, NULL);
          list = sp_store_list_contacts (store, NULL, 0, 50, NULL);
          c->received_at = sp_test_time ("2026-04-01 10:00");
          c->channel = SP_CHANNEL_SMS;
          sp_contact_set_agent_name (c, "Ana");
          if (!sp_store_save_contact (store, c, &error))
            g_assert_true (error->domain == SP_ERROR);
          opened++;
        }

      g_clear_object (&store);
      {
        g_autofree char *wal = g_strconcat (path, "-wal", NULL);
        g_autofree char *shm = g_strconcat (path, "-shm", NULL);
        g_remove (wal);
        g_remove (shm);
      }
    }

  g_test_message ("random damage: %u opened, %u refused", opened, refused);
  sp_test_remove_dir (dir);
}

/* Damage can leave every page sound and still change the schema's text */
static void
test_damaged_schema (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = make_database (dir, "shop.db", 10);
  g_autofree char *own = make_database (dir, "own.db", 10);
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA writable_schema = ON;"
                                     "UPDATE sqlite_schema SET sql = replace(sql, 'reason', 'reasxn')"
                                     " WHERE name = 'escalations';"
                                     "PRAGMA writable_schema = OFF;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (path, SP_STORE_OPEN_DEFAULT, SP_ERROR_CORRUPT, "is damaged. Restore a backup");

  /* what the owner added with the sqlite3 shell is theirs, not damage */
  g_assert_cmpint (sqlite3_open (own, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIEW my_phone_calls AS SELECT * FROM contacts "
                                     "WHERE channel = 'phone'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = sp_store_open (own, SP_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_not_sqlite (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *text = sp_test_write_file (dir, "letter.db", "Dear customer,\nthank you.");
  g_autofree char *zeros = g_build_filename (dir, "zeros.db", NULL);
  g_autofree char *noise = g_build_filename (dir, "noise.db", NULL);
  g_autofree char *header = g_build_filename (dir, "header.db", NULL);
  g_autofree guint8 *data = g_malloc0 (8192);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  write_bytes (zeros, data, 8192);
  for (guint i = 0; i < 8192; i++)
    data[i] = g_rand_int_range (rand, 0, 256);
  write_bytes (noise, data, 8192);
  memcpy (data, "SQLite format 3", 16);
  write_bytes (header, data, 8192);

  assert_refused (text, SP_STORE_OPEN_DEFAULT, SP_ERROR_NOT_DATABASE,
                  "is not a Service Pulse database. Open another file");
  assert_refused (zeros, SP_STORE_OPEN_DEFAULT, SP_ERROR_NOT_DATABASE, "Open another file");
  assert_refused (noise, SP_STORE_OPEN_DEFAULT, SP_ERROR_NOT_DATABASE, "Open another file");
  assert_refused (header, SP_STORE_OPEN_VERIFY, SP_ERROR_NOT_DATABASE, "Open another file");

  sp_test_remove_dir (dir);
}

static void
test_newer_version (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = make_database (dir, "newer.db", 10);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused (path, SP_STORE_OPEN_VERIFY, SP_ERROR_TOO_NEW,
                  "newer version of Service Pulse. Update the app");

  sp_test_remove_dir (dir);
}

/* A version below zero in the header: no version of the app writes one, so the header is
 * damaged; the file is refused as such, whichever way it is opened, and left as it was */
static void
test_negative_version (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = make_database (dir, "negative.db", 10);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = -3; PRAGMA journal_mode = DELETE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused (path, SP_STORE_OPEN_DEFAULT, SP_ERROR_CORRUPT, "is damaged. Restore a backup");
  assert_refused (path, SP_STORE_OPEN_VERIFY, SP_ERROR_CORRUPT, "is damaged. Restore a backup");
  assert_refused (path, SP_STORE_OPEN_READ_ONLY, SP_ERROR_CORRUPT, "is damaged. Restore a backup");

  sp_test_remove_dir (dir);
}

/* Read-only files and folders, as a user who can't write them: when the
 * tests run as root, the helper drops to "nobody". */

static void
drop_privileges (gpointer data)
{
  if (getuid () == 0)
    {
      if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
        _exit (77);
    }
}

static void
give_to_nobody (const char *path)
{
  if (getuid () == 0)
    g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
}

static char *
run_helper_as_user (const char *dir,
                    const char *verb,
                    const char *path)
{
  g_autofree char *helper = g_build_filename (dir, "sp-test-helper", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { helper, verb, path, NULL };
  char *out = NULL;
  int status = 0;
  gsize length;

  /* a copy that "nobody" can run, wherever the build tree is */
  if (!g_file_test (helper, G_FILE_TEST_EXISTS))
    {
      g_assert_true (g_file_get_contents (g_getenv ("SP_TEST_HELPER"), &contents, &length, NULL));
      write_bytes (helper, contents, length);
      g_chmod (helper, 0755);
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, drop_privileges, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);

  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_free (out);
      return NULL;
    }
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return out;
}

/* The helper's report: SP_ERROR_READ_ONLY, shown whole when it is not */
static void
assert_read_only_error (const char *out)
{
  if (!g_str_has_prefix (out, "error 7\n"))
    g_assert_cmpstr (out, ==, "error 7\n…");
}

static void
test_read_only_file (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = make_database (dir, "shop.db", 20);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *out = NULL;
  GStatBuf st;

  give_to_nobody (dir);
  give_to_nobody (path);
  g_chmod (path, 0400);

  out = run_helper_as_user (dir, "open", path);
  if (out == NULL)
    {
      g_test_skip ("can't switch to another user");
      sp_test_remove_dir (dir);
      return;
    }

  assert_read_only_error (out);
  sp_assert_contains (out, "“shop.db” is read-only");
  sp_assert_contains (out, "copy it to a folder of yours and open the copy");

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0400);

  sp_test_remove_dir (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *folder = g_build_filename (dir, "shared", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *out = NULL;

  g_mkdir (folder, 0700);
  path = make_database (folder, "shop.db", 20);
  before = read_bytes (path);

  give_to_nobody (dir);
  give_to_nobody (folder);
  give_to_nobody (path);
  g_chmod (folder, 0500);

  out = run_helper_as_user (dir, "open", path);
  if (out == NULL)
    {
      g_test_skip ("can't switch to another user");
      sp_test_remove_dir (dir);
      return;
    }

  assert_read_only_error (out);
  sp_assert_contains (out, "is in a folder that can't be written to");
  sp_assert_contains (out, "open the copy");

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));

  /* and a new database can't be made there either */
  {
    g_autofree char *fresh = g_build_filename (folder, "new.db", NULL);
    g_autofree char *out2 = run_helper_as_user (dir, "open", fresh);

    g_assert_true (g_str_has_prefix (out2, "error 7\n"));
    sp_assert_contains (out2, "can't be created");
  }

  sp_test_remove_dir (dir);
}

/* Another program holds the database */

typedef struct
{
  GPid pid;
  int  in_fd;
} Locker;

static void
start_locker (Locker     *locker,
              const char *path,
              gboolean    exclusive)
{
  const char *argv[] = { g_getenv ("SP_TEST_HELPER"), "lock", path,
                         exclusive ? "exclusive" : "write", NULL };
  g_autoptr(GError) error = NULL;
  char line[32] = "";
  int out_fd;
  gssize n;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &locker->pid, &locker->in_fd, &out_fd, NULL, &error);
  g_assert_no_error (error);

  n = read (out_fd, line, sizeof line - 1);
  close (out_fd);
  g_assert_cmpint (n, >, 0);
  g_assert_cmpstr (line, ==, "locked\n");
}

static void
stop_locker (Locker *locker)
{
  int status;

  close (locker->in_fd);
  waitpid (locker->pid, &status, 0);
  g_spawn_close_pid (locker->pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static void
test_locked_for_writing (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = make_database (dir, "shop.db", 20);
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpContact) c = sp_contact_new ();
  g_autoptr(GError) error = NULL;
  Locker locker;

  start_locker (&locker, path, FALSE);

  /* WAL lets us read while another program writes; saving waits, then says so */
  store = sp_store_open (path, SP_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 20);

  c->received_at = sp_test_time ("2026-03-05 10:00");
  c->channel = SP_CHANNEL_CHAT;
  sp_contact_set_agent_name (c, "Ana");
  g_assert_false (sp_store_save_contact (store, c, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_BUSY);
  assert_message (error, "is in use by another program. Close that program and try again");
  g_clear_error (&error);

  stop_locker (&locker);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));

  /* once it lets go, saving works */
  g_assert_true (sp_store_save_contact (store, c, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_locked_exclusively (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = make_database (dir, "shop.db", 20);
  Locker locker;

  start_locker (&locker, path, TRUE);
  assert_refused (path, SP_STORE_OPEN_VERIFY, SP_ERROR_BUSY,
                  "is in use by another program. Close that program and try again");
  stop_locker (&locker);

  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/damaged/truncated", test_truncated);
  g_test_add_func ("/damaged/corrupted-pages", test_corrupted_pages);
  g_test_add_func ("/damaged/found-later", test_damage_found_later);
  g_test_add_func ("/damaged/random-damage", test_random_damage);
  g_test_add_func ("/damaged/schema", test_damaged_schema);
  g_test_add_func ("/damaged/not-sqlite", test_not_sqlite);
  g_test_add_func ("/damaged/newer-version", test_newer_version);
  g_test_add_func ("/damaged/negative-version", test_negative_version);
  g_test_add_func ("/damaged/read-only-file", test_read_only_file);
  g_test_add_func ("/damaged/read-only-folder", test_read_only_folder);
  g_test_add_func ("/damaged/locked-for-writing", test_locked_for_writing);
  g_test_add_func ("/damaged/locked-exclusively", test_locked_exclusively);

  return g_test_run ();
}
