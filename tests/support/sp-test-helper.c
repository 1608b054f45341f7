/* sp-test-helper.c: a second program for the tests that need one
 *
 *   sp-test-helper open DB [verify]   open the database, print "ok" or "error CODE\nMESSAGE"
 *   sp-test-helper save DB            open it and save one contact, print the same
 *   sp-test-helper lock DB [exclusive]
 *                                     hold the write lock (with "exclusive": the
 *                                     whole file) until standard input closes
 *   sp-test-helper write DB SEED      save records one transaction at a time, for
 *                                     ever, printing each once it is committed
 *   sp-test-helper read DB            hold a read transaction (the pages as they are
 *                                     now) until standard input closes
 *   sp-test-helper window DB SEED     what the window does to a database, for
 *                                     ever: one connection saving contacts as the
 *                                     contact form does, printing each note once
 *                                     it is committed, while the dashboard, the
 *                                     goals, the record list and the startup check
 *                                     open and close readers on threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-goal-tracker.h"
#include "sp-overview.h"
#include "sp-record-list.h"
#include "sp-error.h"
#include "sp-import.h"
#include "sp-store.h"
#include "sp-time.h"

static int
report (GError *error)
{
  if (error == NULL)
    printf ("ok\n");
  else
    printf ("error %d\n%s\n", error->code, error->message);
  return 0;
}

static int
run_open (const char *path,
          gboolean    verify,
          gboolean    save)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  store = sp_store_open (path, verify ? SP_STORE_OPEN_VERIFY : SP_STORE_OPEN_DEFAULT, &error);

  if (store != NULL && save)
    {
      g_autoptr(SpContact) c = sp_contact_new ();

      c->received_at = sp_time_now ();
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, "Helper");
      sp_store_save_contact (store, c, &error);
    }

  return report (error);
}

static int
run_lock (const char *path,
          gboolean    exclusive)
{
  sqlite3 *db = NULL;
  char buf[64];

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    return 1;

  if (exclusive && sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL))
    return 1;

  if (sqlite3_exec (db, "BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL))
    return 1;

  printf ("locked\n");
  fflush (stdout);

  while (fgets (buf, sizeof buf, stdin) != NULL)
    ;

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}


typedef struct
{
  SpStore      *store;
  const char   *seed;
  GRand        *rand;
  guint         saves;
  guint         failures;
  SpOverview   *overview;
  gboolean      goals_busy;
  gboolean      check_busy;
  SpRecordList *list;
} Window;

/* What the contact form does on save: the contact, then the defaults for
 * the next one */
static gboolean
window_save (gpointer user_data)
{
  Window *w = user_data;
  g_autoptr(SpContact) c = sp_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *note = g_strdup_printf ("win%s-%u", w->seed, w->saves++);
  g_autofree char *customer = g_strdup_printf ("Customer %d", g_rand_int_range (w->rand, 0, 50));

  c->received_at = sp_time_now () - g_rand_int_range (w->rand, 0, 60 * 24 * 60) * 60;
  c->channel = g_rand_int_range (w->rand, 0, SP_N_CHANNELS);
  sp_contact_set_agent_name (c, g_rand_boolean (w->rand) ? "Ana" : "Ben");
  sp_contact_set_customer_name (c, customer);
  sp_contact_set_note (c, note);

  if (!sp_store_save_contact (w->store, c, &error))
    {
      /* "Not Saved": the form stays open and nothing is reported */
      w->failures++;
      fprintf (stderr, "not saved: %s\n", error->message);
      return G_SOURCE_CONTINUE;
    }

  printf ("c %s\n", note);
  sp_store_set_setting (w->store, "log.last-agent", c->agent_name, NULL);
  sp_store_set_setting (w->store, "log.last-channel", sp_channel_to_string (c->channel), NULL);
  return G_SOURCE_CONTINUE;
}

static void
overview_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Window *w = user_data;
  g_autoptr(SpOverview) overview = g_steal_pointer (&w->overview);
  g_autoptr(GError) error = NULL;

  sp_overview_load_finish (overview, result, &error);
}

static void
goals_evaluated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Window *w = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) progress = sp_goal_tracker_evaluate_store_finish (result, &error);


  w->goals_busy = FALSE;
}

/* The startup check of the window: every page, on a reader of its own, then
 * the day's backup */
static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(SpStore) reader = sp_store_open (task_data, SP_STORE_OPEN_READ_ONLY |
                                                        SP_STORE_OPEN_VERIFY, NULL);

  /* and the day's backup, made from that reader */
  g_task_return_boolean (task, reader != NULL && sp_backup_run_daily (reader, NULL, NULL));
}

static void
check_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Window *w = user_data;

  w->check_busy = FALSE;
}

static void
list_changed (GListModel *list,
              guint       position,
              guint       removed,
              guint       added,
              gpointer    user_data)
{
  /* showing a row reads it through the list's own reader */
  if (g_list_model_get_n_items (list) > 0)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, 0);
    }
}


/* What the window starts again after each save: the dashboard's figures,
 * the goals, the record list and, now and then, the startup check */
static gboolean
window_read (gpointer user_data)
{
  Window *w = user_data;
  SpDate today = sp_date_today ();

  if (w->overview == NULL)
    {
      SpPeriod period = { today - 29, today };
      SpPeriod previous = sp_period_previous (&period);

      w->overview = sp_overview_new (&period, &previous);
      sp_overview_load_async (w->overview, w->store, SP_OVERVIEW_ALL, NULL, NULL, NULL, NULL,
                              overview_loaded, w);
    }

  if (!w->goals_busy)
    {
      w->goals_busy = TRUE;
      sp_goal_tracker_evaluate_store_async (w->store, FALSE, today, NULL, goals_evaluated, w);
    }

  if (w->list == NULL || !sp_record_list_is_loading (w->list))
    {
      g_clear_object (&w->list);
      w->list = sp_record_list_new (w->store, SP_RECORD_CONTACTS);
      g_signal_connect (w->list, "items-changed", G_CALLBACK (list_changed), w);
      sp_record_list_refresh (w->list);
    }

  if (!w->check_busy && g_rand_int_range (w->rand, 0, 10) == 0)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, check_done, w);

      w->check_busy = TRUE;
      g_task_set_task_data (task, g_strdup (sp_store_get_path (w->store)), g_free);
      g_task_run_in_thread (task, check_thread);
    }

  return G_SOURCE_CONTINUE;
}

/* Never returns: the stress test kills it. */
static int
run_window (const char *path,
            const char *seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Window w = { 0 };

  setvbuf (stdout, NULL, _IOLBF, 0);

  w.seed = seed;
  w.rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (seed, NULL, 10));
  w.store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  if (w.store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  printf ("open\n");
  g_timeout_add (10, window_save, &w);
  g_timeout_add (50, window_read, &w);
  g_main_loop_run (loop);

  return 1;
}

static int
run_reader (const char *path)
{
  sqlite3 *db = NULL;
  char buf[64];

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return 1;

  if (sqlite3_exec (db, "BEGIN; SELECT count(*) FROM contacts", NULL, NULL, NULL))
    return 1;

  printf ("reading\n");
  fflush (stdout);

  while (fgets (buf, sizeof buf, stdin) != NULL)
    ;

  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}

/* Never returns: the crash test kills it. */
static int
run_writer (const char *path,
            const char *seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (seed, NULL, 10));
  SpTime base = sp_time_from_ymdhms (2026, 1, 1, 8, 0, 0);

  setvbuf (stdout, NULL, _IOLBF, 0);

  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  for (guint i = 0;; i++)
    {
      int what = g_rand_int_range (rand, 0, 100);
      SpTime at = base + g_rand_int_range (rand, 0, 365 * 24 * 60) * 60;

      if (what < 70)
        {
          g_autoptr(SpContact) c = sp_contact_new ();
          g_autofree char *note = g_strdup_printf ("w%s-%u", seed, i);

          c->received_at = at;
          c->channel = g_rand_int_range (rand, 0, SP_N_CHANNELS);
          sp_contact_set_agent_name (c, "Ana");
          if (g_rand_boolean (rand))
            {
              g_autofree char *customer = g_strdup_printf ("Customer %d",
                                                           g_rand_int_range (rand, 0, 50));
              sp_contact_set_customer_name (c, customer);
            }
          sp_contact_set_note (c, note);

          if (!sp_store_save_contact (store, c, &error))
            break;
          printf ("c %" G_GINT64_FORMAT "\n", c->id);
        }
      else if (what < 85)
        {
          g_autoptr(SpSurvey) s = sp_survey_new ();

          s->answered_at = at;
          s->kind = SP_SURVEY_CSAT;
          s->score = g_rand_int_range (rand, 1, 6);
          if (!sp_store_save_survey (store, s, &error))
            break;
          printf ("s %" G_GINT64_FORMAT "\n", s->id);
        }
      else if (what < 98)
        {
          /* an import is one transaction: all five rows or none */
          g_autoptr(GString) csv = g_string_new ("received_at,channel,agent,note\n");
          g_autofree char *marker = g_strdup_printf ("b%s-%u", seed, i);
          g_autofree char *when = sp_time_format_iso (at);
          guint n = 0;

          for (int k = 0; k < 5; k++)
            g_string_append_printf (csv, "%s,chat,Ben,%s-%d\n", when, marker, k);

          if (!sp_import_data (store, SP_IMPORT_CONTACTS, "batch.csv", csv->str, csv->len, &n,
                               &error))
            break;
          printf ("b %s %u\n", marker, n);
        }
      else
        {
          g_autofree char *copy = sp_backup_create (store, SP_BACKUP_MANUAL, &error);

          if (copy == NULL)
            break;
          printf ("k %s\n", copy);
        }
    }

  fprintf (stderr, "%s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 3 && g_str_equal (argv[1], "open"))
    return run_open (argv[2], argc > 3 && g_str_equal (argv[3], "verify"), FALSE);
  if (argc >= 3 && g_str_equal (argv[1], "save"))
    return run_open (argv[2], FALSE, TRUE);
  if (argc >= 3 && g_str_equal (argv[1], "lock"))
    return run_lock (argv[2], argc > 3 && g_str_equal (argv[3], "exclusive"));
  if (argc == 4 && g_str_equal (argv[1], "write"))
    return run_writer (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "read"))
    return run_reader (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "window"))
    return run_window (argv[2], argv[3]);

  fprintf (stderr, "usage: sp-test-helper open|save|lock|write|read|window DB [...]\n");
  return 2;
}
