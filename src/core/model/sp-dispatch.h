/* sp-dispatch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  sp_dispatch_on  (GMainContext   *context,
                       int             priority,
                       const char     *name,
                       GSourceFunc     func,
                       gpointer        data,
                       GDestroyNotify  destroy);

G_END_DECLS
