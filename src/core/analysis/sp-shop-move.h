/* sp-shop-move.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

gboolean  sp_shop_compare_kpis       (SpStore     *a,
                                      SpStore     *b,
                                      guint       *n_months,
                                      GError     **error);

char     *sp_shop_back_up_server_store (SpStore     *store,
                                        const char  *folder,
                                        GError     **error);

#ifdef HAVE_LIBPQ
gboolean  sp_shop_move_to_server     (SpStore     *store,
                                      const char  *uri,
                                      guint       *n_months,
                                      GError     **error);
gboolean  sp_shop_restore_to_server  (SpStore     *backup,
                                      const char  *uri,
                                      guint       *n_months,
                                      GError     **error);
gboolean  sp_shop_copy_from_server   (const char  *uri,
                                      const char  *path,
                                      GError     **error);
#endif

G_END_DECLS
