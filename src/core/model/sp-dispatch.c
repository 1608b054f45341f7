/* sp-dispatch.c: hand work from a worker thread to the thread of a main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-dispatch.h"

/*
 * Runs @func with @data, then @destroy, on the thread that runs @context,
 * always from a source attached to it.  Not g_main_context_invoke(): called
 * from a worker thread, which has no main context of its own, that runs
 * @func right there whenever @context is not busy — and a widget's last
 * reference would then be dropped on the worker.
 *
 * @name must be a static string.
 */
void
sp_dispatch_on (GMainContext   *context,
                int             priority,
                const char     *name,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, priority);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, name);
  g_source_attach (source, context);
  g_source_unref (source);
}
