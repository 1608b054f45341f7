/* sp-worker.c: work on a thread with a connection of its own
 *
 * Every piece of work that must not hold up the window runs through
 * sp_worker_run_async(): the worker opens a read-only connection of its
 * own (a connection must stay on one thread), may post figures to the
 * caller's main context as it goes, and the result comes back as a GTask
 * to the callback.
 *
 * What belongs to the caller is let go of on the caller's thread: the
 * task, and with it the source object and the caller's data, is only
 * ever finalized there.  GTask alone does not promise that: a threaded
 * task's last reference may go on the worker, and with it a widget, a
 * store or a report whose fonts belong to the caller's thread.  So the
 * worker runs under a task of its own, holding nothing of the caller's,
 * and hands its reference to the caller's task back to the caller's
 * thread when it is done.
 *
 * A program does not end under a worker's feet: when it exits, what is
 * still running is cancelled and waited for, a few seconds at most, before
 * the libraries' destructors let go of what the worker may be reading (the
 * program's resources, above all).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-dispatch.h"
#include "sp-worker.h"

struct _SpWorker
{
  GTask          *task;          /* the caller's: the worker's reference, let go of there */
  GMainContext   *context;
  char           *path;
  SpWorkerFlags   flags;
  SpWorkerFunc    func;
  gpointer        data;
  GDestroyNotify  destroy;
  GCancellable   *cancellable;
  gulong          cancelled_id;
  int             returned;      /* atomic: the task has its result */
};

/* The workers still running, for the program's exit */
#define EXIT_WAIT_SECONDS 10
static GMutex   running_lock;
static GCond    running_cond;
static GList   *running;
static GPrivate on_worker;

typedef struct
{
  GTask          *task;
  GSourceFunc     func;
  gpointer        data;
  GDestroyNotify  destroy;
} Post;

/* The task's data: runs where the task is finalized, on the caller's thread */
static void
worker_free (gpointer user_data)
{
  SpWorker *worker = user_data;

  if (worker->cancelled_id != 0)
    g_cancellable_disconnect (worker->cancellable, worker->cancelled_id);
  if (worker->destroy != NULL)
    worker->destroy (worker->data);
  g_clear_object (&worker->cancellable);
  g_main_context_unref (worker->context);
  g_free (worker->path);
  g_free (worker);
}

static gboolean
release_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              SpWorker     *worker)
{
  if (!g_atomic_int_exchange (&worker->returned, TRUE))
    g_task_return_error_if_cancelled (worker->task);
}

/* At exit: cancels what is still running and waits for it to stop */
static void
wait_for_workers (void)
{
  gint64 deadline = g_get_monotonic_time () + EXIT_WAIT_SECONDS * G_TIME_SPAN_SECOND;
  g_autoptr(GPtrArray) cancellables = g_ptr_array_new_with_free_func (g_object_unref);

  /* exit() called by a worker itself cannot wait for the others */
  if (g_private_get (&on_worker) != NULL)
    return;

  g_mutex_lock (&running_lock);
  for (GList *l = running; l != NULL; l = l->next)
    {
      SpWorker *worker = l->data;

      if (worker->cancellable != NULL)
        g_ptr_array_add (cancellables, g_object_ref (worker->cancellable));
    }
  g_mutex_unlock (&running_lock);

  /* outside the lock: a cancelled handler may post to its caller */
  for (guint i = 0; i < cancellables->len; i++)
    g_cancellable_cancel (g_ptr_array_index (cancellables, i));

  g_mutex_lock (&running_lock);
  while (running != NULL)
    if (!g_cond_wait_until (&running_cond, &running_lock, deadline))
      break;
  g_mutex_unlock (&running_lock);
}

static void
worker_started (SpWorker *worker)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      atexit (wait_for_workers);
      g_once_init_leave (&registered, 1);
    }

  g_mutex_lock (&running_lock);
  running = g_list_prepend (running, worker);
  g_mutex_unlock (&running_lock);
}

static void
worker_stopped (SpWorker *worker)
{
  g_mutex_lock (&running_lock);
  running = g_list_remove (running, worker);
  g_cond_broadcast (&running_cond);
  g_mutex_unlock (&running_lock);
}

static void
worker_thread (GTask        *own,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *unused)
{
  SpWorker *worker = task_data;
  SpStoreOpenFlags open_flags = SP_STORE_OPEN_READ_ONLY;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_private_set (&on_worker, worker);

  if (worker->flags & SP_WORKER_VERIFY)
    open_flags |= SP_STORE_OPEN_VERIFY;

  if (worker->path == NULL)
    ok = worker->func (worker, NULL, worker->data, worker->cancellable, &error);
  else
    {
      g_autoptr(SpStore) reader = sp_store_open (worker->path, open_flags, &error);

      ok = reader != NULL &&
           worker->func (worker, reader, worker->data, worker->cancellable, &error);
    }

  if (!ok && error == NULL)
    {
      g_critical ("A worker failed without saying why");
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "Failed");
    }

  if (!g_atomic_int_exchange (&worker->returned, TRUE))
    {
      if (ok)
        g_task_return_boolean (worker->task, TRUE);
      else
        g_task_return_error (worker->task, g_steal_pointer (&error));
    }

  /* from here on the worker may be freed on the caller's thread */
  worker_stopped (worker);
  g_private_set (&on_worker, NULL);
  sp_dispatch_on (worker->context, G_PRIORITY_DEFAULT, "[sp] worker done", release_cb,
                  worker->task, g_object_unref);
  g_task_return_boolean (own, TRUE);
}

/**
 * sp_worker_run_async:
 * @source_object: (nullable) (type GObject): the callback's source object
 * @store: whose file the worker opens, read-only
 * @func: the work, on the worker
 * @data: (nullable): given to @func; its results go here
 * @data_destroy: (nullable): frees @data on this thread, after the callback
 *
 * Runs @func on a worker thread with a read-only connection of its own to
 * @store's file, then @callback on this thread's thread-default main
 * context; sp_worker_run_finish() tells whether @func succeeded.
 * @source_object, @data and the task are let go of on this thread, never
 * on the worker.  @cancellable is given to @func; with
 * %SP_WORKER_RETURN_ON_CANCEL, cancelling also calls @callback at once
 * (@data is still kept until the worker is done with it).
 */
void
sp_worker_run_async (gpointer             source_object,
                     SpStore             *store,
                     SpWorkerFlags        flags,
                     SpWorkerFunc         func,
                     gpointer             data,
                     GDestroyNotify       data_destroy,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) own = NULL;
  SpWorker *worker;

  g_return_if_fail (source_object == NULL || G_IS_OBJECT (source_object));
  g_return_if_fail (store == NULL || SP_IS_STORE (store));
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  worker = g_new0 (SpWorker, 1);
  worker->context = g_main_context_ref_thread_default ();
  worker->path = store ? g_strdup (sp_store_get_path (store)) : NULL;
  worker->flags = flags;
  worker->func = func;
  worker->data = data;
  worker->destroy = data_destroy;
  worker->cancellable = cancellable ? g_object_ref (cancellable) : NULL;

  worker->task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (worker->task, sp_worker_run_async);
  g_task_set_task_data (worker->task, worker, worker_free);

  if ((flags & SP_WORKER_RETURN_ON_CANCEL) && cancellable != NULL)
    worker->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), worker,
                                                  NULL);

  /* holds nothing of the caller's, so it may well be let go of on the worker */
  own = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (own, worker, NULL);
  worker_started (worker);
  g_task_run_in_thread (own, worker_thread);
}

/**
 * sp_worker_run_finish:
 * @data: (out) (optional) (transfer none): the data given to
 *   sp_worker_run_async(), with the worker's results
 *
 * Returns: whether the work was done; %FALSE with @error when it failed or
 *   was cancelled
 */
gboolean
sp_worker_run_finish (GAsyncResult  *result,
                      gpointer      *data,
                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sp_worker_run_async, FALSE);

  if (data != NULL)
    *data = ((SpWorker *) g_task_get_task_data (G_TASK (result)))->data;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sp_worker_get_data:
 *
 * Returns: (transfer none): on the worker, the data given to
 *   sp_worker_run_async()
 */
gpointer
sp_worker_get_data (SpWorker *worker)
{
  g_return_val_if_fail (worker != NULL, NULL);
  return worker->data;
}

static gboolean
post_cb (gpointer user_data)
{
  Post *post = user_data;

  post->func (post->data);
  return G_SOURCE_REMOVE;
}

static void
post_free (gpointer user_data)
{
  Post *post = user_data;

  if (post->destroy != NULL)
    post->destroy (post->data);
  g_object_unref (post->task);
  g_free (post);
}

/**
 * sp_worker_post:
 * @func: called once, on the caller's thread
 * @destroy: (nullable): frees @data on the caller's thread
 *
 * Called on the worker: hands @data (progress, a chunk of rows) to the
 * caller's thread.  The caller's data given to sp_worker_run_async() is
 * kept until @func has run.
 */
void
sp_worker_post (SpWorker       *worker,
                int             priority,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  destroy)
{
  Post *post;

  g_return_if_fail (worker != NULL);
  g_return_if_fail (func != NULL);

  post = g_new (Post, 1);
  post->task = g_object_ref (worker->task);
  post->func = func;
  post->data = data;
  post->destroy = destroy;
  sp_dispatch_on (worker->context, priority, "[sp] worker post", post_cb, post, post_free);
}
