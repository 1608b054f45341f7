/* sp-worker.h: work on a thread with a connection of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sp-store.h"

G_BEGIN_DECLS

typedef struct _SpWorker SpWorker;

typedef enum
{
  SP_WORKER_DEFAULT          = 0,
  SP_WORKER_VERIFY           = 1 << 0,   /* check every page of the file first */
  SP_WORKER_RETURN_ON_CANCEL = 1 << 1,   /* cancelling calls the callback at once */
} SpWorkerFlags;

/*
 * Runs on the worker, with @reader, a read-only connection of its own to the
 * store's file (NULL when sp_worker_run_async() was given no store: work on
 * data already loaded, that must not depend on the file).  Results go into @data, which the caller reads in its
 * callback with sp_worker_run_finish().
 */
typedef gboolean (*SpWorkerFunc) (SpWorker      *worker,
                                  SpStore       *reader,
                                  gpointer       data,
                                  GCancellable  *cancellable,
                                  GError       **error);

void      sp_worker_run_async   (gpointer             source_object,
                                 SpStore             *store,
                                 SpWorkerFlags        flags,
                                 SpWorkerFunc         func,
                                 gpointer             data,
                                 GDestroyNotify       data_destroy,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
gboolean  sp_worker_run_finish  (GAsyncResult        *result,
                                 gpointer            *data,
                                 GError             **error);

gpointer  sp_worker_get_data    (SpWorker            *worker);
void      sp_worker_post        (SpWorker            *worker,
                                 int                  priority,
                                 GSourceFunc          func,
                                 gpointer             data,
                                 GDestroyNotify       destroy);

G_END_DECLS
