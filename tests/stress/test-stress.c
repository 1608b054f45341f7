/* test-stress.c: one process doing what the window does to a database while
 * every command-line verb and the sqlite3 program work on the same file, and
 * any of them is killed at random moments; then nothing reported as saved
 * may be missing, the file must be sound, and no process may ever have kept
 * writing to a -wal or -shm that another one deleted
 *
 * SP_STRESS_SECONDS sets how long the programs run (default 30).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sp-backup.h"
#include "sp-demo.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

#define N_JOBS 3

typedef enum
{
  JOB_WINDOW,
  JOB_KPIS,
  JOB_REPORT,
  JOB_EXPORT_XLSX,
  JOB_BACKUP,
  JOB_BACKUP_TO_FILE,
  JOB_IMPORT,
  JOB_RESTORE,
  JOB_SQLITE_WRITE,
  JOB_SQLITE_CHECKPOINT,
  N_JOB_KINDS
} JobKind;

static const char * const job_names[] = {
  "window", "kpis", "report", "export-xlsx", "backup", "backup FILE", "import", "restore",
  "sqlite3 insert", "sqlite3 checkpoint",
};

typedef struct
{
  JobKind   kind;
  GPid      pid;
  int       out_fd;
  GString  *out;
  gint64    kill_at;      /* monotonic µs, 0: let it finish */
  gboolean  killed;
  gboolean  stopped;      /* killed because the run is over */
  char     *marker;       /* what it saves, if it saves */
  gboolean  deleted_seen;
  gint64    started_at;
  gsize     parsed;       /* how much of out was taken */
} Job;

typedef struct
{
  char       *dir;
  char       *path;
  char       *out_dir;
  GRand      *rand;
  GPtrArray  *restore_sources;   /* whole copies a restore may bring back */

  /* what was reported as saved */
  GPtrArray  *notes;             /* contacts the window saved */
  GPtrArray  *imports;           /* markers of imports that said they were done */
  GPtrArray  *settings;          /* keys sqlite3 inserted and committed */
  GPtrArray  *copies;            /* backups `backup FILE` said it made */
  guint       restores;          /* restores that said they were done */
  GHashTable *reported_at;       /* what → when it was reported saved (µs) */
  GArray     *restoring;         /* gint64 pairs: from when to when a restore ran */

  guint       processes;
  guint       kills;
  guint       started[N_JOB_KINDS];
  guint       succeeded[N_JOB_KINDS];
  guint       deleted_seen;    /* window processes that kept a deleted -wal/-shm */
  GHashTable *failures;        /* "verb: message" → count */
  guint       seq;
} Stress;

static void
set_nonblocking (int fd)
{
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);
}

static void
drain (Job *job)
{
  char buf[4096];
  gssize n;

  while ((n = read (job->out_fd, buf, sizeof buf)) != 0)
    {
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      g_string_append_len (job->out, buf, n);
    }
}

static char *
write_import (Stress     *s,
              const char *marker)
{
  g_autofree char *name = g_strdup_printf ("%s.csv", marker);
  char *file = g_build_filename (s->out_dir, name, NULL);
  g_autoptr(GString) csv = g_string_new ("received_at,channel,agent,customer,note\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *when = sp_time_format_iso (sp_time_now () - 3600);

  for (int k = 0; k < 5; k++)
    g_string_append_printf (csv, "%s,chat,Cara,Customer %d,%s-%d\n", when, k, marker, k);

  g_file_set_contents (file, csv->str, csv->len, &error);
  g_assert_no_error (error);
  return file;
}

static Job *
start_job (Stress  *s,
           JobKind  kind)
{
  const char *binary = g_getenv ("SP_TEST_BINARY");
  const char *helper = g_getenv ("SP_TEST_HELPER");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Job *job = g_new0 (Job, 1);
  SpDate today = sp_date_today ();
  g_autofree char *from = sp_date_format_iso (today - 90);
  g_autofree char *to = sp_date_format_iso (today);
  guint n = ++s->seq;
  int fds[2];

  job->kind = kind;
  job->out = g_string_new (NULL);
  job->started_at = g_get_monotonic_time ();

#define ADD(x) g_ptr_array_add (argv, g_strdup (x))
  if (kind == JOB_WINDOW)
    {
      job->marker = g_strdup_printf ("%u", n);
      ADD (helper); ADD ("window"); ADD (s->path); ADD (job->marker);
    }
  else if (kind == JOB_SQLITE_WRITE || kind == JOB_SQLITE_CHECKPOINT)
    {
      ADD ("sqlite3"); ADD ("-batch"); ADD ("-cmd"); ADD (".timeout 10000"); ADD (s->path);
      if (kind == JOB_SQLITE_WRITE)
        {
          job->marker = g_strdup_printf ("stress.sql%u", n);
          g_ptr_array_add (argv, g_strdup_printf ("INSERT INTO settings (key, value) "
                                                  "VALUES ('%s', 'x')", job->marker));
        }
      else
        {
          ADD ("SELECT count(*) FROM contacts");
          ADD ("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
  else
    {
      ADD (binary); ADD ("--db"); ADD (s->path);
      switch ((int) kind)
        {
        case JOB_KPIS:
          ADD ("kpis"); ADD ("--from"); ADD (from); ADD ("--to"); ADD (to);
          if (g_rand_boolean (s->rand))
            ADD ("--json");
          break;
        case JOB_REPORT:
          ADD ("report");
          g_ptr_array_add (argv, g_strdup_printf ("%s/report-%u.pdf", s->out_dir, n));
          ADD ("--from"); ADD (from); ADD ("--to"); ADD (to);
          break;
        case JOB_EXPORT_XLSX:
          ADD ("export-xlsx");
          g_ptr_array_add (argv, g_strdup_printf ("%s/export-%u.xlsx", s->out_dir, n));
          ADD ("--from"); ADD (from); ADD ("--to"); ADD (to);
          break;
        case JOB_BACKUP:
          ADD ("backup");
          break;
        case JOB_BACKUP_TO_FILE:
          job->marker = g_strdup_printf ("%s/copy-%u.db", s->out_dir, n);
          ADD ("backup"); ADD (job->marker);
          break;
        case JOB_IMPORT:
          job->marker = g_strdup_printf ("imp%u", n);
          ADD ("import"); ADD ("contacts");
          g_ptr_array_add (argv, write_import (s, job->marker));
          break;
        case JOB_RESTORE:
          ADD ("restore");
          ADD (g_ptr_array_index (s->restore_sources,
                                  g_rand_int_range (s->rand, 0, s->restore_sources->len)));
          break;
        default:
          g_assert_not_reached ();
        }
    }
#undef ADD
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);

  /* what it says on either stream, in order, to explain a failure */
  g_assert_no_errno (pipe (fds));
  g_spawn_async_with_pipes_and_fds (NULL, (const char * const *) argv->pdata,
                                    (const char * const *) envp,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                                    NULL, NULL, -1, fds[1], fds[1], NULL, NULL, 0,
                                    &job->pid, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  close (fds[1]);
  job->out_fd = fds[0];
  set_nonblocking (job->out_fd);

  s->processes++;
  s->started[kind]++;
  return job;
}

/* A -wal or -shm of the database that the process still has open, but that
 * is no longer in the folder: what it writes there nobody else will see. */
static guint
count_deleted (Stress *s,
               GPid    pid,
               gboolean report)
{
  g_autofree char *fds = g_strdup_printf ("/proc/%d/fd", pid);
  g_autoptr(GDir) dir = g_dir_open (fds, 0, NULL);
  const char *name;
  guint deleted = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *link = g_build_filename (fds, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, s->path) &&
          g_str_has_suffix (target, " (deleted)") &&
          (strstr (target, "-wal ") != NULL || strstr (target, "-shm ") != NULL))
        {
          if (report)
            g_test_message ("the window process %d still has %s open", pid, target);
          deleted++;
        }
    }

  return deleted;
}

static void
reported (Stress     *s,
          GPtrArray  *list,
          const char *what)
{
  g_ptr_array_add (list, g_strdup (what));
  g_hash_table_insert (s->reported_at, g_strdup (what),
                       g_memdup2 (&(gint64) { g_get_monotonic_time () }, sizeof (gint64)));
}

/* Counts what went wrong, by kind of program and message */
static void
tally (Stress     *s,
       JobKind     kind,
       const char *how,
       const char *message)
{
  char *key = g_strdup_printf ("%s: %s: %.100s", job_names[kind], how, message);

  g_hash_table_insert (s->failures, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (s->failures,
                                                                                key)) + 1));
}

/* The last thing a job said, e.g. why it failed */
static void
tally_last_line (Stress     *s,
                 Job        *job,
                 const char *how)
{
  g_auto(GStrv) lines = g_strsplit (job->out->str, "\n", -1);
  guint n = g_strv_length (lines);

  tally (s, job->kind, how, n >= 2 ? lines[n - 2] : "");
}

/* The window's complete lines so far: each is a contact it saved; a last
 * line cut by a kill does not count */
static void
take_lines (Stress *s,
            Job    *job)
{
  const char *nl;

  while ((nl = memchr (job->out->str + job->parsed, '\n', job->out->len - job->parsed)))
    {
      g_autofree char *line = g_strndup (job->out->str + job->parsed,
                                         nl - (job->out->str + job->parsed));

      if (g_str_has_prefix (line, "c "))
        reported (s, s->notes, line + 2);
      else if (g_str_has_prefix (line, "not saved: "))
        tally (s, job->kind, "not saved", line + strlen ("not saved: "));
      job->parsed = nl - job->out->str + 1;
    }
}

/* Takes what a finished job reported; a last line cut by a kill does not
 * count. */
static void
finish_job (Stress *s,
            Job    *job,
            int     status)
{
  gboolean ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;

  /* a kill that came after the program had ended is no kill */
  if (job->killed && WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL &&
      !(job->kind == JOB_WINDOW && job->stopped))
    s->kills++;

  drain (job);
  close (job->out_fd);
  g_spawn_close_pid (job->pid);

  if (job->kind == JOB_WINDOW)
    {
      take_lines (s, job);
      ok = WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
      if (!WIFSIGNALED (status))
        tally_last_line (s, job, "stopped");
    }
  else if (ok)
    {
      switch ((int) job->kind)
        {
        case JOB_IMPORT:
          reported (s, s->imports, job->marker);
          break;
        case JOB_SQLITE_WRITE:
          reported (s, s->settings, job->marker);
          break;
        case JOB_BACKUP_TO_FILE:
          g_ptr_array_add (s->copies, g_strdup (job->marker));
          g_ptr_array_add (s->restore_sources, g_strdup (job->marker));
          break;
        case JOB_RESTORE:
          s->restores++;
          break;
        default:
          break;
        }
    }

  if (job->kind == JOB_RESTORE)
    {
      gint64 span[2] = { job->started_at, g_get_monotonic_time () };

      g_array_append_vals (s->restoring, span, 2);
    }

  if (ok)
    s->succeeded[job->kind]++;
  else if (job->kind != JOB_WINDOW && !job->killed)
    tally_last_line (s, job, "failed");

  g_string_free (job->out, TRUE);
  g_free (job->marker);
  g_free (job);
}

/* Kills it now if its time has come; reaps it if it ended. */
static gboolean
poll_job (Stress *s,
          Job    *job,
          gint64  now,
          gboolean stop)
{
  int status = 0;
  pid_t r;

  drain (job);
  if (job->kind == JOB_WINDOW)
    take_lines (s, job);

  if (!job->killed && (stop || (job->kill_at != 0 && now >= job->kill_at)))
    {
      kill (job->pid, SIGKILL);
      job->killed = TRUE;
      job->stopped = stop;
    }

  if (job->killed)
    r = waitpid (job->pid, &status, 0);
  else
    r = waitpid (job->pid, &status, WNOHANG);

  if (r == 0)
    return FALSE;
  g_assert_cmpint (r, ==, job->pid);

  finish_job (s, job, status);
  return TRUE;
}

typedef struct
{
  GHashTable *notes;      /* note → TRUE */
  GHashTable *settings;
  GHashTable *imports;    /* marker → rows */
} Content;

static void
content_clear (Content *c)
{
  g_hash_table_unref (c->notes);
  g_hash_table_unref (c->settings);
  g_hash_table_unref (c->imports);
}

/* Reads what the reported saves left in a database: a copy without changing
 * a byte of it, the database itself as the next program would (recovering
 * what its WAL holds), with PRAGMA integrity_check's answer in @check */
static void
read_content (const char  *path,
              gboolean     copy,
              Content     *c,
              char       **check)
{
  g_autofree char *uri = copy ? g_strdup_printf ("file:%s?immutable=1", path)
                              : g_strdup_printf ("file:%s", path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int flags = (copy ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_URI;

  c->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->imports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, flags, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);

  if (check != NULL)
    {
      GString *answer = g_string_new (NULL);

      g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                       SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (answer, "%s%s", answer->len ? "; " : "",
                                (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      *check = g_string_free (answer, FALSE);
    }

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT note FROM contacts WHERE note LIKE 'win%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (c->notes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT substr(note, 1, instr(note, '-') - 1), "
                                           "count(*) FROM contacts WHERE note LIKE 'imp%' "
                                           "GROUP BY 1", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (c->imports, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT key FROM settings WHERE key LIKE 'stress.%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (c->settings, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  sqlite3_close (db);
}

/* Is it in the file, or in a copy a restore took before replacing it? */
static gboolean
kept (GArray     *contents,
      const char *key,
      gsize       table)
{
  for (guint i = 0; i < contents->len; i++)
    {
      Content *c = &g_array_index (contents, Content, i);
      GHashTable *t = G_STRUCT_MEMBER (GHashTable *, c, table);

      if (table == G_STRUCT_OFFSET (Content, imports)
          ? GPOINTER_TO_INT (g_hash_table_lookup (t, key)) == 5
          : g_hash_table_contains (t, key))
        return TRUE;
    }

  return FALSE;
}

static guint
count_lost (Stress     *s,
            GPtrArray  *list,
            GArray     *contents,
            gsize       table,
            const char *what,
            guint      *during_restore)
{
  guint lost = 0;

  for (guint i = 0; i < list->len; i++)
    {
      const char *key = g_ptr_array_index (list, i);
      const gint64 *at = g_hash_table_lookup (s->reported_at, key);
      gboolean restoring = FALSE;

      if (kept (contents, key, table))
        continue;

      for (guint k = 0; at != NULL && k < s->restoring->len; k += 2)
        restoring |= *at >= g_array_index (s->restoring, gint64, k) &&
                     *at <= g_array_index (s->restoring, gint64, k + 1);

      if (lost < 20)
        g_test_message ("lost %s %s%s", what, key, restoring ? ", saved while a restore ran" : "");
      lost++;
      *during_restore += restoring;
    }

  return lost;
}

static void
test_stress (void)
{
  const char *seconds_env = g_getenv ("SP_STRESS_SECONDS");
  gint64 duration = (seconds_env ? g_ascii_strtoll (seconds_env, NULL, 10) : 30) * G_USEC_PER_SEC;
  static const struct { JobKind kind; int weight; } mix[] = {
    { JOB_KPIS, 16 }, { JOB_REPORT, 8 }, { JOB_EXPORT_XLSX, 8 }, { JOB_BACKUP, 8 },
    { JOB_BACKUP_TO_FILE, 6 }, { JOB_IMPORT, 14 }, { JOB_RESTORE, 5 },
    { JOB_SQLITE_WRITE, 20 }, { JOB_SQLITE_CHECKPOINT, 15 },
  };
  int total_weight = 0;
  guint first = 0;
  Stress s = { 0 };
  Job *window = NULL;
  Job *jobs[N_JOBS] = { NULL };
  gint64 start, end, window_kill;
  g_autoptr(GArray) contents = g_array_new (FALSE, TRUE, sizeof (Content));
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *check = NULL;
  guint lost = 0, lost_in_restore = 0, partial = 0, before_restore = 0, set_aside = 0, saves;

  g_assert_nonnull (g_getenv ("SP_TEST_BINARY"));
  g_assert_nonnull (g_getenv ("SP_TEST_HELPER"));

  if (!g_find_program_in_path ("sqlite3"))
    {
      g_test_skip ("needs the sqlite3 program");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (mix); i++)
    total_weight += mix[i].weight;

  s.dir = sp_test_make_dir ();
  s.path = sp_test_db_path (s.dir);
  s.out_dir = g_build_filename (s.dir, "out", NULL);
  g_assert_cmpint (g_mkdir (s.out_dir, 0700), ==, 0);
  s.rand = g_rand_new_with_seed (g_test_rand_int ());
  s.restore_sources = g_ptr_array_new_with_free_func (g_free);
  s.notes = g_ptr_array_new_with_free_func (g_free);
  s.imports = g_ptr_array_new_with_free_func (g_free);
  s.settings = g_ptr_array_new_with_free_func (g_free);
  s.copies = g_ptr_array_new_with_free_func (g_free);
  s.failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.reported_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s.restoring = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* a small shop, and a copy of it that restores bring back */
  {
    g_autoptr(SpStore) store = sp_test_open_store (s.dir);
    g_autoptr(GError) error = NULL;
    SpDemoOptions options;
    char *seed_copy = g_build_filename (s.dir, "shop-copy.db", NULL);

    sp_demo_options_init (&options);
    options.contacts = 800;
    g_assert_true (sp_demo_fill (store, &options, &error));
    g_assert_no_error (error);
    g_assert_true (sp_backup_copy_to (store, seed_copy, &error));
    g_assert_no_error (error);
    g_ptr_array_add (s.restore_sources, seed_copy);
  }

  start = g_get_monotonic_time ();
  end = start + duration;
  window_kill = start + g_rand_int_range (s.rand, 3, 10) * G_USEC_PER_SEC;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gboolean stop = now >= end;

      if (window == NULL && !stop)
        window = start_job (&s, JOB_WINDOW);

      if (window != NULL)
        {
          /* once per process: it stays deleted for as long as it lives */
          if (!window->deleted_seen && count_deleted (&s, window->pid, FALSE) > 0)
            {
              count_deleted (&s, window->pid, TRUE);
              window->deleted_seen = TRUE;
              s.deleted_seen++;
            }

          if (!stop && now >= window_kill && !window->killed)
            {
              window->kill_at = now;
              window_kill = now + g_rand_int_range (s.rand, 3, 10) * G_USEC_PER_SEC;
            }
          if (poll_job (&s, window, now, stop))
            window = NULL;
        }

      for (guint i = 0; i < N_JOBS; i++)
        {
          if (jobs[i] != NULL && poll_job (&s, jobs[i], now, stop))
            jobs[i] = NULL;

          if (jobs[i] == NULL && !stop)
            {
              int roll = g_rand_int_range (s.rand, 0, total_weight);
              guint k = 0;

              /* each kind once first, then at random */
              if (first < G_N_ELEMENTS (mix))
                k = first++;
              else
                while (roll >= mix[k].weight)
                  roll -= mix[k++].weight;

              jobs[i] = start_job (&s, mix[k].kind);
              /* a third of them are killed, at any moment of their work */
              if (g_rand_int_range (s.rand, 0, 3) == 0)
                jobs[i]->kill_at = now + g_rand_int_range (s.rand, 0, 400000);
            }
        }

      if (stop)
        break;

      g_usleep (5000);
    }

  /* what is in the file now, and in each copy taken before a restore */
  {
    g_autoptr(GError) error = NULL;
    Content c;

    read_content (s.path, FALSE, &c, &check);
    g_array_append_val (contents, c);

    backups = sp_backup_list (s.path, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < backups->len; i++)
      {
        SpBackupInfo *info = g_ptr_array_index (backups, i);

        /* a restore over a file it can't open keeps its bytes aside instead */
        if (info->reason == SP_BACKUP_SET_ASIDE)
          {
            g_test_message ("set aside before a restore: %s", info->path);
            set_aside++;
          }
        if (info->reason != SP_BACKUP_BEFORE_RESTORE)
          continue;
        read_content (info->path, TRUE, &c, NULL);
        g_array_append_val (contents, c);
        before_restore++;
      }
  }

  lost += count_lost (&s, s.notes, contents, G_STRUCT_OFFSET (Content, notes), "contact",
                      &lost_in_restore);
  lost += count_lost (&s, s.imports, contents, G_STRUCT_OFFSET (Content, imports), "import",
                      &lost_in_restore);
  lost += count_lost (&s, s.settings, contents, G_STRUCT_OFFSET (Content, settings), "setting",
                      &lost_in_restore);

  for (guint i = 0; i < s.copies->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!sp_backup_inspect (g_ptr_array_index (s.copies, i), NULL, &error))
        {
          g_test_message ("lost backup %s: %s", (char *) g_ptr_array_index (s.copies, i),
                          error->message);
          lost++;
        }
    }

  /* an import is one transaction: all its rows or none, wherever it is */
  for (guint i = 0; i < contents->len; i++)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, g_array_index (contents, Content, i).imports);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_INT (value) != 5)
          {
            g_test_message ("import %s has %d rows", (char *) key, GPOINTER_TO_INT (value));
            partial++;
          }
    }

  saves = s.notes->len + s.imports->len + s.settings->len + s.copies->len;

  for (guint k = 0; k < N_JOB_KINDS; k++)
    g_test_message ("%-18s %3u started, %3u done", job_names[k], s.started[k], s.succeeded[k]);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, s.failures);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_test_message ("%3u x %s", GPOINTER_TO_UINT (value), (char *) key);
  }
  g_test_message ("stress test: %u processes, %u saves (%u contacts, %u imports, %u sqlite3, "
                  "%u backups), %u kills, %u lost (%u while a restore ran), %u restores "
                  "(%u copies before, %u set aside), %u windows with a deleted -wal/-shm, "
                  "integrity %s, %.1f s",
                  s.processes, saves, s.notes->len, s.imports->len, s.settings->len,
                  s.copies->len, s.kills, lost, lost_in_restore, s.restores, before_restore,
                  set_aside, s.deleted_seen, check, (g_get_monotonic_time () - start) / 1e6);

  g_assert_cmpuint (s.deleted_seen, ==, 0);
  g_assert_cmpuint (lost, ==, 0);
  g_assert_cmpuint (partial, ==, 0);
  g_assert_cmpstr (check, ==, "ok");
  /* and the app opens it, every page checked */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpStore) store = sp_store_open (s.path, SP_STORE_OPEN_VERIFY, &error);

    g_assert_no_error (error);
  }
  /* every restore that said so kept the database as it was; none found it
   * damaged */
  g_assert_cmpuint (set_aside, ==, 0);
  g_assert_cmpuint (before_restore, >=, s.restores);

  /* the run did what it is meant to: saves from every kind of writer, and
   * kills */
  g_assert_cmpuint (s.notes->len, >, 0);
  g_assert_cmpuint (s.kills, >, 0);
  for (guint k = 0; k < N_JOB_KINDS; k++)
    g_assert_cmpuint (s.started[k], >, 0);

  for (guint i = 0; i < contents->len; i++)
    content_clear (&g_array_index (contents, Content, i));
  g_ptr_array_unref (s.restore_sources);
  g_ptr_array_unref (s.notes);
  g_ptr_array_unref (s.imports);
  g_ptr_array_unref (s.settings);
  g_ptr_array_unref (s.copies);
  g_hash_table_unref (s.failures);
  g_hash_table_unref (s.reported_at);
  g_array_unref (s.restoring);
  g_rand_free (s.rand);
  sp_test_remove_dir (s.dir);
  g_free (s.dir);
  g_free (s.path);
  g_free (s.out_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stress/window-and-every-verb", test_stress);

  return g_test_run ();
}
