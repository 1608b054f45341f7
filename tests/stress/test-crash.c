/* test-crash.c: kill a writing process at random moments, then check that
 * the database is sound and holds every write it had reported as saved
 *
 * SP_CRASH_RUNS sets the number of kills (default 200).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

typedef struct
{
  GArray     *contacts;   /* gint64 */
  GArray     *surveys;    /* gint64 */
  GHashTable *batches;    /* marker → rows */
  GPtrArray  *backups;    /* paths */
  guint       losses;
} Reported;

static char *
read_all (int fd)
{
  GString *str = g_string_new (NULL);
  char buf[4096];
  gssize n;

  while ((n = read (fd, buf, sizeof buf)) != 0)
    {
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      g_string_append_len (str, buf, n);
    }

  return g_string_free (str, FALSE);
}

static gboolean
exists (SpStore    *store,
        const char *sql,
        gint64      id)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  return sp_store_step (store, stmt, NULL) == SP_STEP_ROW;
}

static gint64
batch_rows (SpStore    *store,
            const char *marker)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (store, "SELECT count(*) FROM contacts "
                                                    "WHERE note LIKE ?1 || '-%'", NULL);

  sp_bind_text (stmt, 1, marker);
  g_assert_cmpint (sp_store_step (store, stmt, NULL), ==, SP_STEP_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Takes the lines the writer printed; a last line without its newline was
 * cut by the kill and does not count. */
static guint
parse_output (const char *out,
              Reported   *r,
              guint       first[4])
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = g_strv_length (lines);
  guint count = 0;

  first[0] = r->contacts->len;
  first[1] = r->surveys->len;
  first[2] = g_hash_table_size (r->batches);
  first[3] = r->backups->len;

  for (guint i = 0; i + 1 < n; i++)
    {
      const char *line = lines[i];
      gint64 id;

      if (g_str_has_prefix (line, "c "))
        {
          id = g_ascii_strtoll (line + 2, NULL, 10);
          g_array_append_val (r->contacts, id);
        }
      else if (g_str_has_prefix (line, "s "))
        {
          id = g_ascii_strtoll (line + 2, NULL, 10);
          g_array_append_val (r->surveys, id);
        }
      else if (g_str_has_prefix (line, "b "))
        {
          g_auto(GStrv) parts = g_strsplit (line + 2, " ", 2);
          g_hash_table_insert (r->batches, g_strdup (parts[0]),
                               GINT_TO_POINTER (atoi (parts[1])));
        }
      else if (g_str_has_prefix (line, "k "))
        {
          g_ptr_array_add (r->backups, g_strdup (line + 2));
        }
      else
        {
          g_error ("unexpected output from the writer: %s", line);
        }
      count++;
    }

  return count;
}

/* Starts a writer, waits for its first reported write and kills it; returns
 * how long that first write took (µs) and keeps what it reported. */
static gint64
time_to_first_write (const char *helper,
                     const char *path,
                     const char *seed,
                     Reported   *r)
{
  const char *argv[] = { helper, "write", path, seed, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *rest = NULL;
  guint first[4];
  gint64 start, elapsed;
  GPid pid;
  int out_fd;
  int status = 0;

  start = g_get_monotonic_time ();
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                            NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  while (strchr (out->str, '\n') == NULL)
    {
      struct pollfd pfd = { out_fd, POLLIN, 0 };
      char buf[256];
      gssize n;

      if (poll (&pfd, 1, 10000) <= 0)
        g_error ("the writer reported nothing within 10 s");
      n = read (out_fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("the writer stopped before its first write");
      g_string_append_len (out, buf, n);
    }
  elapsed = g_get_monotonic_time () - start;

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  rest = read_all (out_fd);
  close (out_fd);
  g_spawn_close_pid (pid);

  g_string_append (out, rest);
  parse_output (out->str, r, first);

  return elapsed;
}

static int
compare_time (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Checks every reported write; returns how many were checked. */
static guint
check_reported (SpStore  *store,
                Reported *r)
{
  GHashTableIter iter;
  gpointer key, value;
  guint checked = 0;

  for (guint i = 0; i < r->contacts->len; i++, checked++)
    if (!exists (store, "SELECT 1 FROM contacts WHERE id = ?1",
                 g_array_index (r->contacts, gint64, i)))
      {
        g_test_message ("lost contact %" G_GINT64_FORMAT, g_array_index (r->contacts, gint64, i));
        r->losses++;
      }

  for (guint i = 0; i < r->surveys->len; i++, checked++)
    if (!exists (store, "SELECT 1 FROM surveys WHERE id = ?1",
                 g_array_index (r->surveys, gint64, i)))
      {
        g_test_message ("lost survey %" G_GINT64_FORMAT, g_array_index (r->surveys, gint64, i));
        r->losses++;
      }

  g_hash_table_iter_init (&iter, r->batches);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      checked++;
      if (batch_rows (store, key) != GPOINTER_TO_INT (value))
        {
          g_test_message ("lost import %s", (char *) key);
          r->losses++;
        }
    }

  for (guint i = 0; i < r->backups->len; i++, checked++)
    if (!sp_backup_inspect (g_ptr_array_index (r->backups, i), NULL, NULL))
      {
        g_test_message ("lost backup %s", (char *) g_ptr_array_index (r->backups, i));
        r->losses++;
      }

  return checked;
}

static void
check_sound (SpStore *store)
{
  g_autofree char *check = sp_test_query_text (store, "PRAGMA integrity_check");

  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

static void
test_kill_while_writing (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  const char *helper = g_getenv ("SP_TEST_HELPER");
  const char *runs_env = g_getenv ("SP_CRASH_RUNS");
  guint runs = runs_env ? (guint) g_ascii_strtoull (runs_env, NULL, 10) : 200;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  Reported r = { 0 };
  guint kills = 0, reported = 0, checked = 0, partial_imports = 0;
  gint64 start = g_get_monotonic_time ();
  gint64 first_write[3];
  gulong open_time, write_time;

  g_assert_nonnull (helper);

  r.contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.surveys = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.batches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.backups = g_ptr_array_new_with_free_func (g_free);

  /* Kills are timed around the moment the writer reports its first write,
   * so that a slow build (sanitizers, a busy machine) is cut as often while
   * writing as a fast one: about one kill in ten while the file is being
   * opened or recovered, the rest while it writes, over a span some times
   * longer than it took to start. */
  for (guint i = 0; i < G_N_ELEMENTS (first_write); i++)
    {
      g_autofree char *seed = g_strdup_printf ("%u", runs + i);

      first_write[i] = time_to_first_write (helper, path, seed, &r);
    }
  qsort (first_write, G_N_ELEMENTS (first_write), sizeof first_write[0], compare_time);
  open_time = MAX (first_write[1], 1000);
  write_time = MAX (4 * open_time, 75000);
  g_test_message ("first write after %.1f ms; kills within %.1f ms", open_time / 1e3,
                  (open_time + write_time) / 1e3);

  for (guint run = 0; run < runs; run++)
    {
      g_autofree char *seed = g_strdup_printf ("%u", run);
      const char *argv[] = { helper, "write", path, seed, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(SpStore) store = NULL;
      g_autofree char *out = NULL;
      guint first[4];
      GPid pid;
      int out_fd;
      int status = 0;
      int roll = g_rand_int_range (rand, 0, 100);
      /* some kills land while the file is being opened or recovered */
      gulong delay = roll < 10 ? (gulong) g_rand_int_range (rand, 0, (gint32) open_time)
                               : open_time + (gulong) g_rand_int_range (rand, 0, (gint32) write_time);

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      g_usleep (delay);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      out = read_all (out_fd);
      close (out_fd);
      g_spawn_close_pid (pid);

      if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
        g_error ("the writer stopped by itself (status %d) after: %s", status, out);
      kills++;

      reported += parse_output (out, &r, first);

      /* the next program to open the file recovers it */
      store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      check_sound (store);

      /* this run's writes (all of them again at the end) */
      for (guint i = first[0]; i < r.contacts->len; i++)
        if (!exists (store, "SELECT 1 FROM contacts WHERE id = ?1",
                     g_array_index (r.contacts, gint64, i)))
          r.losses++;
      for (guint i = first[1]; i < r.surveys->len; i++)
        if (!exists (store, "SELECT 1 FROM surveys WHERE id = ?1",
                     g_array_index (r.surveys, gint64, i)))
          r.losses++;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_VERIFY, &error);
    g_autoptr(GPtrArray) backups = NULL;
    g_autoptr(SpStmt) stmt = NULL;

    g_assert_no_error (error);
    check_sound (store);
    checked = check_reported (store, &r);

    /* an import cut by the kill left nothing: every batch has all its rows */
    stmt = sp_store_prepare (store,
                             "SELECT substr(note, 1, length(note) - 2), count(*) FROM contacts "
                             "WHERE note LIKE 'b%' GROUP BY 1", NULL);
    while (sp_store_step (store, stmt, NULL) == SP_STEP_ROW)
      {
        if (sqlite3_column_int (stmt, 1) != 5)
          {
            g_test_message ("import %s has %d rows", sqlite3_column_text (stmt, 0),
                            sqlite3_column_int (stmt, 1));
            partial_imports++;
          }
      }

    /* every file that looks like a backup is one; cut copies stay hidden */
    backups = sp_backup_list (path, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < backups->len; i++)
      {
        SpBackupInfo *info = g_ptr_array_index (backups, i);

        if (!sp_backup_inspect (info->path, NULL, &error))
          g_error ("%s: %s", info->path, error->message);
      }
  }

  g_test_message ("crash test: %u runs, %u kills, %u writes reported, %u checked at the end, "
                  "%u lost, %u partial imports, %.1f s",
                  runs, kills, reported, checked, r.losses, partial_imports,
                  (g_get_monotonic_time () - start) / 1e6);

  g_assert_cmpuint (r.losses, ==, 0);
  g_assert_cmpuint (partial_imports, ==, 0);
  g_assert_cmpuint (reported, >, runs);

  g_array_unref (r.contacts);
  g_array_unref (r.surveys);
  g_hash_table_unref (r.batches);
  g_ptr_array_unref (r.backups);
  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/kill-while-writing", test_kill_while_writing);

  return g_test_run ();
}
