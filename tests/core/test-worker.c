/* test-worker.c: the one way work runs off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sp-store-private.h"
#include "sp-test-util.h"
#include "sp-worker.h"

typedef struct
{
  GMainLoop *loop;
  GThread   *main_thread;
  GThread   *worker_thread;
  GThread   *freed_on;
  GThread   *source_finalized_on;
  GThread   *store_finalized_on;
  GString   *seen;             /* what reached the main thread, in order */
  gint64     rows;             /* the worker's result */
  gboolean   done;
  GError    *error;
  GMutex     lock;
  GCond      cond;
  gboolean   release;          /* lets a blocked worker go on */
  gboolean   worker_finished;
  gboolean   finished_at_callback;
} Run;

static void
run_init (Run *run)
{
  memset (run, 0, sizeof *run);
  run->loop = g_main_loop_new (NULL, FALSE);
  run->main_thread = g_thread_self ();
  run->seen = g_string_new (NULL);
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);
}

static void
run_clear (Run *run)
{
  g_main_loop_unref (run->loop);
  g_string_free (run->seen, TRUE);
  g_clear_error (&run->error);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
}

static void
data_free (gpointer data)
{
  Run *run = data;

  run->freed_on = g_thread_self ();
  g_string_append (run->seen, "freed;");
  g_main_loop_quit (run->loop);
}

typedef struct
{
  Run  *run;
  char *what;
} Seen;

static gboolean
post_cb (gpointer data)
{
  Seen *seen = data;

  g_assert_true (g_thread_self () == seen->run->main_thread);
  g_string_append_printf (seen->run->seen, "%s;", seen->what);
  return G_SOURCE_REMOVE;
}

static void
seen_free (gpointer data)
{
  Seen *seen = data;

  g_free (seen->what);
  g_free (seen);
}

static gboolean
count_rows (SpWorker      *worker,
            SpStore       *reader,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Run *run = data;

  run->worker_thread = g_thread_self ();
  g_assert_true (sp_store_is_read_only (reader));
  g_assert_true (sp_worker_get_data (worker) == run);

  for (guint i = 1; i <= 3; i++)
    {
      Seen *seen = g_new0 (Seen, 1);

      seen->run = run;
      seen->what = g_strdup_printf ("progress %u", i);
      sp_worker_post (worker, G_PRIORITY_DEFAULT, post_cb, seen, seen_free);
    }

  run->rows = sp_test_query_int (reader, "SELECT count(*) FROM agents");
  return TRUE;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  gpointer data = NULL;

  g_assert_true (g_thread_self () == run->main_thread);
  run->done = sp_worker_run_finish (result, &data, &run->error);
  g_assert_true (data == run);
  g_string_append (run->seen, "callback;");
  g_mutex_lock (&run->lock);
  run->finished_at_callback = run->worker_finished;
  g_mutex_unlock (&run->lock);
}

static void
source_finalized (gpointer  data,
                  GObject  *where_the_object_was)
{
  ((Run *) data)->source_finalized_on = g_thread_self ();
}

static void
store_finalized (gpointer  data,
                 GObject  *where_the_object_was)
{
  ((Run *) data)->store_finalized_on = g_thread_self ();
}

/* Progress comes in order before the callback, and everything of the caller's (its data,
 * the source object, the store it gave) goes on the caller's thread, even when the caller
 * lets go of its own references at once */
static void
test_threads (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  SpStore *store = sp_test_open_store (dir);
  GObject *source = g_object_new (G_TYPE_OBJECT, NULL);
  Run run;

  run_init (&run);
  g_assert_true (sp_store_begin (store, NULL));
  g_assert_true (sp_store_exec (store, "INSERT INTO agents (name, name_key)"
                                       " VALUES ('Ana', 'ana'), ('Ben', 'ben')", NULL));
  g_assert_true (sp_store_commit (store, NULL));
  g_object_weak_ref (source, source_finalized, &run);
  g_object_weak_ref (G_OBJECT (store), store_finalized, &run);

  sp_worker_run_async (source, store, SP_WORKER_DEFAULT, count_rows, &run, data_free, NULL,
                       done_cb, &run);
  g_object_unref (source);
  g_object_unref (store);
  g_main_loop_run (run.loop);

  g_assert_no_error (run.error);
  g_assert_true (run.done);
  g_assert_cmpint (run.rows, ==, 2);
  g_assert_nonnull (run.worker_thread);
  g_assert_true (run.worker_thread != run.main_thread);
  g_assert_cmpstr (run.seen->str, ==,
                   "progress 1;progress 2;progress 3;callback;freed;");
  g_assert_true (run.freed_on == run.main_thread);
  g_assert_true (run.source_finalized_on == run.main_thread);
  g_assert_true (run.store_finalized_on == run.main_thread);

  run_clear (&run);
  sp_test_remove_dir (dir);
}

static gboolean
never_called (SpWorker      *worker,
              SpStore       *reader,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_assert_not_reached ();
  return FALSE;
}

/* A reader that can't be opened is the callback's error; the work does not run */
static void
test_open_error (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  /* the file, or the copy on this computer of a server's shop */
  g_autofree char *path = g_strdup (sp_store_get_path (store));
  Run run;

  run_init (&run);
  g_assert_cmpint (g_unlink (path), ==, 0);

  sp_worker_run_async (NULL, store, SP_WORKER_DEFAULT, never_called, &run, data_free, NULL,
                       done_cb, &run);
  g_main_loop_run (run.loop);

  g_assert_false (run.done);
  g_assert_nonnull (run.error);
  g_assert_cmpstr (run.seen->str, ==, "callback;freed;");

  run_clear (&run);
  sp_test_remove_dir (dir);
}

static gboolean
wait_for_release (SpWorker      *worker,
                  SpStore       *reader,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Run *run = data;

  g_mutex_lock (&run->lock);
  while (!run->release)
    g_cond_wait (&run->cond, &run->lock);
  run->worker_finished = TRUE;
  g_mutex_unlock (&run->lock);
  return TRUE;
}

static void
release_worker (Run *run)
{
  g_mutex_lock (&run->lock);
  run->release = TRUE;
  g_cond_signal (&run->cond);
  g_mutex_unlock (&run->lock);
}

static void
cancelled_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Run *run = user_data;

  done_cb (object, result, user_data);
  /* the data is still the worker's: it goes once the worker is done */
  g_assert_null (run->freed_on);
  release_worker (run);
}

/* With SP_WORKER_RETURN_ON_CANCEL the callback runs as soon as the work is cancelled, while
 * the worker still runs; the data is only let go of once the worker is done with it */
static void
test_return_on_cancel (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run;

  run_init (&run);
  sp_worker_run_async (NULL, store, SP_WORKER_RETURN_ON_CANCEL, wait_for_release, &run,
                       data_free, cancellable, cancelled_done_cb, &run);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (run.loop);

  g_assert_false (run.done);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (run.finished_at_callback);
  g_assert_true (run.worker_finished);
  g_assert_cmpstr (run.seen->str, ==, "callback;freed;");
  g_assert_true (run.freed_on == run.main_thread);

  run_clear (&run);
  sp_test_remove_dir (dir);
}

/* Without it, the callback waits for the worker */
static void
test_cancel_waits (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run;

  run_init (&run);
  sp_worker_run_async (NULL, store, SP_WORKER_DEFAULT, wait_for_release, &run, data_free,
                       cancellable, done_cb, &run);
  g_cancellable_cancel (cancellable);
  release_worker (&run);
  g_main_loop_run (run.loop);

  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (run.finished_at_callback);
  g_assert_cmpstr (run.seen->str, ==, "callback;freed;");

  run_clear (&run);
  sp_test_remove_dir (dir);
}

/* Runs until cancelled, then takes a while to wind down */
static gboolean
until_cancelled (SpWorker      *worker,
                 SpStore       *reader,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  for (int i = 0; i < 500 && !g_cancellable_is_cancelled (cancellable); i++)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  g_print ("worker: %s\n", g_cancellable_is_cancelled (cancellable) ? "cancelled" : "timed out");
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_print ("worker: finished\n");
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* A program that exits while a worker runs cancels it and waits for it, so that the
 * worker never reads what the libraries' destructors have already let go of */
static void
test_exit_waits (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();

      sp_worker_run_async (NULL, NULL, SP_WORKER_DEFAULT, until_cancelled, NULL, NULL,
                           cancellable, NULL, NULL);
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
      g_print ("main: exiting\n");
      exit (0);
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("main: exiting\nworker: cancelled\nworker: finished\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/worker/threads", test_threads);
  g_test_add_func ("/worker/open-error", test_open_error);
  g_test_add_func ("/worker/return-on-cancel", test_return_on_cancel);
  g_test_add_func ("/worker/cancel-waits", test_cancel_waits);
  g_test_add_func ("/worker/exit-waits", test_exit_waits);

  return g_test_run ();
}
