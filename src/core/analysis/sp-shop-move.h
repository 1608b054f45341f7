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

/* What only the owner may do with a whole shop on a server */
typedef enum
{
  SP_SHOP_OWNER_BACKS_UP,
  SP_SHOP_OWNER_MOVES,
  SP_SHOP_OWNER_RESTORES,
} SpShopOwnerAction;

char      *sp_shop_back_up_server_store  (SpStore     *store,
                                          const char  *folder,
                                          GError     **error);
gboolean   sp_shop_restore_server_store  (SpStore     *store,
                                          SpStore     *backup,
                                          char       **saved,
                                          guint       *n_months,
                                          GError     **error);
char      *sp_shop_dup_server_copy_path  (const char  *database,
                                          GError     **error);
GPtrArray *sp_shop_list_server_copies    (const char  *database);
gboolean   sp_shop_delete_server_copies  (const char  *database,
                                          guint       *n_deleted,
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
gboolean  sp_shop_check_server_owner (const char         *uri,
                                      SpShopOwnerAction   action,
                                      GError            **error);
#endif

G_END_DECLS
