/* test-cli-safety.c: backup, restore and forget-customer on the command line
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

static void
test_backup (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_make_cli_shop (dir);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  SpTestRun r = { 0 };

  sp_test_run (&r, "--db", db, "backup", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Backed up to ");
  sp_assert_contains (r.out, "/backups/shop.db-");
  sp_assert_contains (r.out, "(2 contacts, 0 survey answers");
  g_assert_cmpuint (sp_test_count_backups (db), ==, 1);

  sp_test_run (&r, "--db", db, "backup", copy, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (sp_backup_inspect (copy, NULL, NULL));

  /* never over an existing file */
  sp_test_run (&r, "--db", db, "backup", copy, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "/copy.db” already exists; choose another name.");

  /* into a folder that is not there: the file asked for, and why */
  {
    g_autofree char *nowhere = g_build_filename (dir, "nonexist", "dir", "b.db", NULL);
    g_autofree char *message = g_strdup_printf ("The backup “%s” can't be created: the folder "
                                                "“%s%cnonexist%cdir” does not exist.", nowhere,
                                                dir, G_DIR_SEPARATOR, G_DIR_SEPARATOR);

    sp_test_run (&r, "--db", db, "backup", nowhere, NULL);
    g_assert_cmpint (r.status, ==, 1);
    sp_assert_contains (r.err, message);
    g_assert_null (strstr (r.err, ".partial"));
  }

  sp_test_run (&r, "--db", db, "backup", "--list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Backed up by hand\n    2 contacts");

  /* usage errors */
  sp_test_run (&r, "--db", db, "backup", "a.db", "b.db", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_test_run (&r, "--db", db, "backup", "--frequently", NULL);
  g_assert_cmpint (r.status, ==, 2);

  /* a database that is not there is not created by a backup */
  {
    g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);

    sp_test_run (&r, "--db", missing, "backup", NULL);
    g_assert_cmpint (r.status, ==, 1);
    sp_assert_contains (r.err, "There is no database");
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

static void
test_backup_damaged (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_make_cli_shop (dir);
  g_autofree char *contents = NULL;
  gsize length;
  SpTestRun r = { 0 };

  /* lose the second half of the file */
  {
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_DEFAULT, NULL);
    g_assert_nonnull (store);
  }
  g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (db, contents, length / 2, NULL));

  sp_test_run (&r, "--db", db, "backup", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "is damaged");
  sp_assert_contains (r.err, "Restore a backup");

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

static void
test_restore (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_make_cli_shop (dir);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *more = sp_test_write_file (dir, "more.csv",
                                              "received_at,channel,agent\n"
                                              "2026-10-02 09:00,phone,Ana\n");
  g_autofree char *letter = sp_test_write_file (dir, "letter.txt", "Dear customer");
  SpTestRun r = { 0 };

  sp_test_run (&r, "--db", db, "backup", copy, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run (&r, "--db", db, "import", "contacts", more, NULL);
  g_assert_cmpint (r.status, ==, 0);

  sp_test_run (&r, "--db", db, "restore", copy, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "(2 contacts,");
  sp_assert_contains (r.out, "The database as it was before is kept in ");
  sp_assert_contains (r.out, "-before-restore.db");

  {
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_NO_CREATE, NULL);
    g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);
  }

  /* what is not a backup is refused, and says why */
  sp_test_run (&r, "--db", db, "restore", letter, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "“letter.txt” is not a Service Pulse database");

  sp_test_run (&r, "--db", db, "restore", "/nonexistent/copy.db", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "There is no file “copy.db”");

  sp_test_run (&r, "--db", db, "restore", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "restore needs the backup to restore");

  /* a database that holds no records would replace the shop with nothing */
  {
    g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
    g_autoptr(SpStore) made = sp_store_open (empty, SP_STORE_OPEN_VERIFY, NULL);

    g_assert_nonnull (made);
    g_clear_object (&made);

    sp_test_run (&r, "--db", db, "restore", empty, NULL);
    g_assert_cmpint (r.status, ==, 1);
    sp_assert_contains (r.err, "holds no records at all (0 contacts, 0 survey answers");
    sp_assert_contains (r.err, "restore --force");
    {
      g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_NO_CREATE, NULL);
      g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);
    }

    sp_test_run (&r, "--db", db, "restore", "--force", empty, NULL);
    g_assert_cmpint (r.status, ==, 0);
    {
      g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_NO_CREATE, NULL);
      g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 0);
    }
  }

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

/* Nothing of @name in the bytes of the database, its WAL or its backups */
static void
assert_no_customer_anywhere (const char *db,
                             const char *name)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) list = sp_backup_list (db, NULL);

  g_ptr_array_add (files, g_strdup (db));
  g_ptr_array_add (files, g_strconcat (db, "-wal", NULL));
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (files, g_strdup (((SpBackupInfo *) g_ptr_array_index (list, i))->path));

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (files->pdata[i], &contents, &length, NULL))
        continue;
      if (memmem (contents, length, name, strlen (name)) != NULL)
        g_error ("“%s” is still in %s", name, (char *) files->pdata[i]);
    }
}

static void
test_forget_customer (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_make_cli_shop (dir);
  SpTestRun r = { 0 };

  sp_test_run (&r, "--db", db, "backup", NULL);
  g_assert_cmpint (r.status, ==, 0);

  sp_test_run (&r, "--db", db, "forget-customer", "zoë dupont", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "the customer is now “Forgotten customer 1”");
  /* each count in the words its number takes */
  sp_assert_contains (r.out, "Erased the notes of 1 contact and the comments of 0 survey answers, "
                          "and replaced 1 mention in other records.\n");
  sp_assert_contains (r.out, "still holds the customer");
  sp_assert_contains (r.out, "run this again with --delete-backups instead of the name");

  {
    g_autoptr(SpStore) store = sp_store_open (db, SP_STORE_OPEN_NO_CREATE, NULL);
    g_autofree char *note = sp_test_query_text (store, "SELECT group_concat(note) FROM contacts");

    g_assert_cmpstr (note, ==, "about Forgotten customer 1");
    g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);
  }

  sp_test_run (&r, "--db", db, "forget-customer", "Zoë Dupont", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "There is no customer called “Zoë Dupont”.");

  /* the advice can be followed: the old copies give way to a new one */
  g_assert_cmpuint (sp_test_count_backups (db), ==, 1);
  sp_test_run (&r, "--db", db, "forget-customer", "--delete-backups", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Made a new backup without the customer");
  sp_assert_contains (r.out, "Deleted 1 older backup.");
  g_assert_cmpuint (sp_test_count_backups (db), ==, 1);
  assert_no_customer_anywhere (db, "Zoë Dupont");

  sp_test_run (&r, "--db", db, "forget-customer", "Bob", "--delete-backups", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Deleted 1 older backup.");
  sp_assert_contains (r.out, "Made a new backup without the customer");
  g_assert_cmpuint (sp_test_count_backups (db), ==, 1);

  sp_test_run (&r, "--db", db, "forget-customer", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_test_run (&r, "--db", db, "forget-customer", "", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_test_run (&r, "--db", db, "forget-customer", "Bob", "--finish", NULL);
  g_assert_cmpint (r.status, ==, 2);

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

/* Verbs that write make the day's backup first, like the window */
/* Forgetting while another program still reads the old pages says so, and
 * --finish erases them once it has closed */
static void
test_forget_with_reader_open (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_make_cli_shop (dir);
  const char *argv[] = { g_getenv ("SP_TEST_HELPER"), "read", db, NULL };
  g_autoptr(GError) error = NULL;
  SpTestRun r = { 0 };
  char line[32] = "";
  GPid pid;
  int in_fd, out_fd;

  sp_test_run (&r, "--db", db, "backup", NULL);
  g_assert_cmpint (r.status, ==, 0);

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, &in_fd, &out_fd, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read (out_fd, line, sizeof line - 1), >, 0);
  g_assert_cmpstr (line, ==, "reading\n");

  sp_test_run (&r, "--db", db, "forget-customer", "Zoë Dupont", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.out, "the customer is now “Forgotten customer 1”");
  sp_assert_contains (r.err, "Another program still has “shop.db” open");
  sp_assert_contains (r.err, "forget-customer --finish --delete-backups");

  /* the other program closes it */
  close (in_fd);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  close (out_fd);

  sp_test_run (&r, "--db", db, "forget-customer", "--finish", "--delete-backups", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Made a new backup without the customer");
  assert_no_customer_anywhere (db, "Zoë Dupont");

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

static void
test_daily_backup_before_writing (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_make_cli_shop (dir);
  g_autofree char *more = sp_test_write_file (dir, "more.csv",
                                              "received_at,channel,agent\n"
                                              "2026-10-02 09:00,phone,Ana\n");
  g_autoptr(GPtrArray) list = NULL;
  SpBackupSummary summary;
  SpTestRun r = { 0 };

  /* the first import went into an empty database: nothing to back up */
  g_assert_cmpuint (sp_test_count_backups (db), ==, 0);

  sp_test_run (&r, "--db", db, "import", "contacts", more, NULL);
  g_assert_cmpint (r.status, ==, 0);
  list = sp_backup_list (db, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((SpBackupInfo *) g_ptr_array_index (list, 0))->reason, ==, SP_BACKUP_DAILY);
  /* made before the import */
  g_assert_true (sp_backup_inspect (((SpBackupInfo *) g_ptr_array_index (list, 0))->path,
                                    &summary, NULL));
  g_assert_cmpint (summary.contacts, ==, 2);

  sp_test_run (&r, "--db", db, "import", "contacts", more, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (sp_test_count_backups (db), ==, 1);

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

/* Bad command lines name the problem */
static void
test_bad_arguments (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "x.db", NULL);
  SpTestRun r = { 0 };

  sp_test_run (&r, "--db=", "backup", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "--db needs a file name");

  sp_test_run (&r, "--db", dir, "import", "contacts", db, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "no such file");

  {
    g_autofree char *csv = sp_test_write_file (dir, "x.csv", "date,agent,available_hours\n");

    sp_test_run (&r, "--db", dir, "import", "shifts", csv, NULL);
    g_assert_cmpint (r.status, ==, 1);
    sp_assert_contains (r.err, "is a folder, not a database file");
  }

  sp_test_run (&r, "--db", db, "restore", "--to", "x", NULL);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "Unknown option --to");

  sp_test_run_clear (&r);
  sp_test_remove_dir (dir);
}

static void
assert_no_side_files (const char *db)
{
  static const char * const suffixes[] = { "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (db, suffixes[i], NULL);

      if (g_file_test (p, G_FILE_TEST_EXISTS))
        g_error ("%s was left beside the database", p);
    }
}

/* The verbs that only read open the file read-only: a copy kept elsewhere
 * keeps its bytes, its mode and its rollback journal */
static void
test_read_only_verbs (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *db = sp_test_make_cli_shop (dir);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "contacts.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize n_before, n_after;
  SpTestRun r = { 0 };
  GStatBuf st;

  sp_test_run (&r, "--db", db, "backup", copy, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (g_chmod (copy, 0640), ==, 0);
  g_assert_true (g_file_get_contents (copy, &before, &n_before, NULL));

  sp_test_run (&r, "--db", copy, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run (&r, "--db", copy, "kpis", "--from", "2026-10-01", "--to", "2026-10-31", "--json",
               NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "\"contacts\"");
  sp_test_run (&r, "--db", copy, "goals", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run (&r, "--db", copy, "export-csv", csv, "--from", "2026-10-01", "--to",
               "2026-10-31", "--sheet", "contacts", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run (&r, "--db", copy, "backup", "--list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);

  g_assert_true (g_file_get_contents (copy, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  assert_no_side_files (copy);

  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/backup", test_backup);
  g_test_add_func ("/cli/backup-damaged", test_backup_damaged);
  g_test_add_func ("/cli/read-only-verbs", test_read_only_verbs);
  g_test_add_func ("/cli/restore", test_restore);
  g_test_add_func ("/cli/forget-customer", test_forget_customer);
  g_test_add_func ("/cli/forget-customer/reader-open", test_forget_with_reader_open);
  g_test_add_func ("/cli/daily-backup-before-writing", test_daily_backup_before_writing);
  g_test_add_func ("/cli/bad-arguments", test_bad_arguments);

  return g_test_run ();
}
