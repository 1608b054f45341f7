/* sp-store-server.c
 *
 * A shop on a PostgreSQL server, as the rest of the app sees it: a store
 * whose file is a copy of the server's shop kept on this computer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-error.h"
#include "sp-store-private.h"

SpStore *
sp_store_open_server (const char        *address,
                      const char        *password,
                      SpStoreOpenFlags   flags,
                      GError           **error)
{
  g_return_val_if_fail (address != NULL, NULL);

  g_set_error_literal (error, SP_ERROR, SP_ERROR_FAILED,
                       _("This build of Service Pulse has no PostgreSQL support (libpq)."));
  return NULL;
}

gboolean
sp_store_is_on_server (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  return FALSE;
}

SpStoreRole
sp_store_get_role (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), SP_STORE_ROLE_STAFF);
  return SP_STORE_ROLE_OWNER;
}

GSource *
sp_store_create_watch_source (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return NULL;
}
