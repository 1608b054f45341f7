/* sp-shop-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#ifdef HAVE_LIBPQ
gboolean  sp_shop_set_server_setting (const char  *uri,
                                      const char  *name,
                                      const char  *value,
                                      GError     **error);
#endif

G_END_DECLS
