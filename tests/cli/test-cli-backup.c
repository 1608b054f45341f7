/* test-cli-backup.c: backups into other folders on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-test-util.h"

/* A child that root started runs as nobody, to whom a 0555 folder is closed */
static void
run_as_nobody (gpointer user_data)
{
  if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
    _exit (125);
}

static void
run_env (SpTestRun  *r,
         char      **env,
         const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  sp_test_run_valist (r, env, first, args);
  va_end (args);
}

static guint
n_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* backup --to FOLDER, and the second backup folder */
static void
test_backup_elsewhere (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_make_cli_shop (dir);
  g_autofree char *usb = g_build_filename (dir, "usb", NULL);
  g_autofree char *stick = g_build_filename (dir, "stick", NULL);
  SpTestRun r = { 0 };

  g_assert_cmpint (g_mkdir (usb, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (stick, 0755), ==, 0);

  sp_test_run (&r, "--db", db, "backup", "--to", usb, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Backed up to ");
  sp_assert_contains (r.out, "/usb/shop.db-");
  sp_assert_contains (r.out, "(2 contacts, 0 survey answers");
  g_assert_cmpuint (n_files (usb), ==, 1);
  g_assert_cmpuint (sp_test_count_backups (db), ==, 1);

  /* a folder that is not there */
  {
    g_autofree char *gone = g_build_filename (dir, "gone", NULL);

    sp_test_run (&r, "--db", db, "backup", "--to", gone, NULL);
    g_assert_cmpint (r.status, ==, 1);
    sp_assert_contains (r.err, "/gone” is not there.");
    g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (sp_test_count_backups (db), ==, 1);
  }
  sp_test_run (&r, "--db", db, "backup", "--to", usb, "x.db", NULL);
  g_assert_cmpint (r.status, ==, 2);

  /* a folder named from where the command runs */
  {
    const char *argv[] = { g_getenv ("SP_TEST_BINARY"), "--db", db, "backup", "--to", "usb",
                           NULL };
    g_autofree char *out = NULL;
    int status = 0;

    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &out, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    sp_assert_contains (out, "/usb/shop.db-");
    g_assert_cmpuint (n_files (usb), ==, 2);
  }

  /* with a second folder, each copy goes there too, and --list shows both */
  sp_test_run (&r, "--db", db, "backup", "--second-folder", "", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "no longer copied");
  {
    g_autofree char *gone = g_build_filename (dir, "gone", NULL);

    sp_test_run (&r, "--db", db, "backup", "--second-folder", gone, NULL);
    g_assert_cmpint (r.status, ==, 1);
    sp_assert_contains (r.err, "is not there");
  }
  sp_test_run (&r, "--db", db, "backup", "--second-folder", stick, "--list", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_test_run (&r, "--db", db, "backup", "--second-folder", stick, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "also copied to ");
  g_assert_cmpuint (n_files (stick), ==, 0);
  {
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_READ_ONLY, NULL);
    g_autofree char *set = sp_backup_dup_second_folder (store);

    g_assert_cmpstr (set, ==, stick);
  }
  sp_test_run (&r, "--db", db, "backup", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Also copied to ");
  sp_assert_contains (r.out, "/stick/shop.db-");
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpuint (n_files (stick), ==, 1);

  sp_test_run (&r, "--db", db, "backup", "--list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "/stick/shop.db-");
  sp_assert_contains (r.out, "/backups/shop.db-");

  /* the stick is full (every write there fails): the first copy is made,
   * the second is reported and leaves nothing half-written behind */
  {
    g_auto(GStrv) env = g_get_environ ();
    guint before = sp_test_count_backups (db);

    env = g_environ_setenv (env, "LD_PRELOAD", g_getenv ("SP_FAULT_SHIM"), TRUE);
    env = g_environ_setenv (env, "SP_FAULT_DIR", stick, TRUE);
    env = g_environ_setenv (env, "SP_FAULT_AFTER", "0", TRUE);
    env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
    run_env (&r, env, "--db", db, "backup", NULL);
    g_assert_cmpint (r.status, ==, 0);
    sp_assert_contains (r.out, "Backed up to ");
    sp_assert_contains (r.err, "The copy in the second backup folder “");
    sp_assert_contains (r.err, "/stick” is full; free some space there");
    g_assert_cmpuint (sp_test_count_backups (db), ==, before + 1);
    g_assert_cmpuint (n_files (stick), ==, 1);
  }

  /* a stick that can't be written to (write-protected, another user's) */
  {
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);
    const char *argv[] = { g_getenv ("SP_TEST_BINARY"), "--db", db, "backup", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;
    guint before = sp_test_count_backups (db);
    guint on_stick = n_files (stick);

    /* root writes anywhere: the program runs as nobody, who may write the shop alone */
    g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
    g_assert_cmpint (g_chmod (db, 0666), ==, 0);
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *side = g_strconcat (db, i ? "-shm" : "-wal", NULL);
        g_chmod (side, 0666);
      }
    g_assert_cmpint (g_chmod (backups, 0777), ==, 0);
    g_assert_cmpint (g_chmod (stick, 0555), ==, 0);

    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, run_as_nobody,
                                 NULL, &out, &err, &status, NULL));
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("backup as nobody failed (%d): %s %s", status, out, err);
    sp_assert_contains (out, "Backed up to ");
    sp_assert_contains (err, "/stick” can't be written to");
    g_assert_cmpuint (sp_test_count_backups (db), ==, before + 1);
    g_assert_cmpuint (n_files (stick), ==, on_stick);
    g_chmod (stick, 0755);
  }

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

/* Lets nobody (see run_as_nobody) write the shop and its backups folder */
static void
open_shop_to_nobody (const char *dir,
                     const char *db)
{
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);

  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (db, 0666), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *side = g_strconcat (db, i ? "-shm" : "-wal", NULL);
      g_chmod (side, 0666);
    }
  g_mkdir (backups, 0777);
  g_assert_cmpint (g_chmod (backups, 0777), ==, 0);
}

/* Runs the program as nobody; returns its exit status */
static int
run_nobody (const char  *dir,
            char       **out,
            char       **err,
            const char  *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("SP_TEST_BINARY"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, run_as_nobody,
                               NULL, out, err, &status, NULL));
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* backup --to a folder that is missing, read-only or full: one rule for
 * all three, exit 1, the reason said, and no copy beside the database
 * either (the owner is told nothing was backed up) */
static void
test_backup_to_fails (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_make_cli_shop (dir);
  g_autofree char *usb = g_build_filename (dir, "usb", NULL);
  g_autofree char *gone = g_build_filename (dir, "gone", NULL);
  SpTestRun r = { 0 };

  g_assert_cmpint (g_mkdir (usb, 0755), ==, 0);

  sp_test_run (&r, "--db", db, "backup", "--to", gone, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "Nothing was backed up. The folder “");
  sp_assert_contains (r.err, "/gone” is not there.");
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (sp_test_count_backups (db), ==, 0);

  /* full: found when the folder is tried (0 bytes free), or while the copy
   * is written there (1 byte free) */
  for (guint i = 0; i < 2; i++)
    {
      g_auto(GStrv) env = g_get_environ ();

      env = g_environ_setenv (env, "LD_PRELOAD", g_getenv ("SP_FAULT_SHIM"), TRUE);
      env = g_environ_setenv (env, "SP_FAULT_DIR", usb, TRUE);
      env = g_environ_setenv (env, "SP_FAULT_AFTER", i ? "1" : "0", TRUE);
      env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
      run_env (&r, env, "--db", db, "backup", "--to", usb, NULL);
      g_assert_cmpint (r.status, ==, 1);
      sp_assert_contains (r.err, "Nothing was backed up. The disk of the folder “");
      sp_assert_contains (r.err, "/usb” is full; free some space there");
      g_assert_cmpstr (r.out, ==, "");
      g_assert_cmpuint (sp_test_count_backups (db), ==, 0);
      g_assert_cmpuint (n_files (usb), ==, 0);
    }

  /* read-only (write-protected, another user's) */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    open_shop_to_nobody (dir, db);
    g_assert_cmpint (g_chmod (usb, 0555), ==, 0);
    g_assert_cmpint (run_nobody (dir, &out, &err, "--db", db, "backup", "--to", usb, NULL), ==, 1);
    sp_assert_contains (err, "Nothing was backed up. The folder “");
    sp_assert_contains (err, "/usb” can't be written to");
    g_assert_cmpstr (out, ==, "");
    g_assert_cmpuint (sp_test_count_backups (db), ==, 0);
    g_assert_cmpuint (n_files (usb), ==, 0);
    g_chmod (usb, 0755);
  }

  /* and with the folder writable again, both copies are made */
  sp_test_run (&r, "--db", db, "backup", "--to", usb, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (sp_test_count_backups (db), ==, 1);
  g_assert_cmpuint (n_files (usb), ==, 1);

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

/* A second folder that can't be written to is refused when it is set, as
 * a missing one is, and the setting stays as it was */
static void
test_second_folder_read_only (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_make_cli_shop (dir);
  g_autofree char *ro = g_build_filename (dir, "ro", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir (ro, 0555), ==, 0);
  open_shop_to_nobody (dir, db);

  g_assert_cmpint (run_nobody (dir, &out, &err, "--db", db, "backup", "--second-folder", ro,
                               NULL), ==, 1);
  sp_assert_contains (err, "/ro” can't be written to: check that the disk is not "
                        "write-protected");
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (n_files (ro), ==, 0);
  {
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_READ_ONLY, NULL);

    g_assert_null (sp_backup_dup_second_folder (store));
  }

  g_chmod (ro, 0755);
  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/backup-elsewhere", test_backup_elsewhere);
  g_test_add_func ("/cli/backup-to-fails", test_backup_to_fails);
  g_test_add_func ("/cli/second-folder-read-only", test_second_folder_read_only);

  return g_test_run ();
}
