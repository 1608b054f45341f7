/* sp-store-server.c
 *
 * A shop on a PostgreSQL server, as the rest of the app sees it: a store
 * whose file is a copy of the server's shop kept on this computer
 * (sp-pg-replica.c), written through to the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-error.h"
#include "sp-store-private.h"

#ifdef HAVE_LIBPQ
#include "sp-pg-replica.h"
#endif

/**
 * sp_store_open_server:
 * @address: a libpq connection URI or string (sp_store_is_server_address())
 * @password: (nullable): the login's password, or %NULL for libpq's own
 *   ways (~/.pgpass, a service file, PGPASSWORD)
 * @flags: unused for now: a server's shop is always opened for writing,
 *   and the server decides what the login may do
 */
SpStore *
sp_store_open_server (const char        *address,
                      const char        *password,
                      SpStoreOpenFlags   flags,
                      GError           **error)
{
  g_return_val_if_fail (address != NULL, NULL);

#ifdef HAVE_LIBPQ
  return sp_pg_replica_open_store (address, password, error);
#else
  g_set_error_literal (error, SP_ERROR, SP_ERROR_FAILED,
                       _("This build of Service Pulse has no PostgreSQL support (libpq)."));
  return NULL;
#endif
}

/**
 * sp_store_update_server_copy:
 * @password: (nullable): as for sp_store_open_server()
 *
 * Connects to the shop at @address and brings this computer's copy of it
 * up to date (the first time, makes it: a minute for a large shop), then
 * lets go: for a worker, so that opening the shop on the caller's thread
 * afterwards is quick (a connection stays on the thread that made it).
 */
gboolean
sp_store_update_server_copy (const char  *address,
                             const char  *password,
                             GError     **error)
{
  g_autoptr(SpStore) store = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  store = sp_store_open_server (address, password, SP_STORE_OPEN_DEFAULT, error);
  return store != NULL;
}

/**
 * sp_store_dup_address_without_password:
 * @address: a server's address (sp_store_is_server_address())
 *
 * Returns: (transfer full): @address without the password it may hold
 *   (postgresql://ana:secret@nas/shop, ?password=, password=), to show or
 *   to suggest: a password is never printed back
 */
char *
sp_store_dup_address_without_password (const char *address)
{
  g_autoptr(GRegex) in_uri = NULL;
  g_autoptr(GRegex) parameter = NULL;
  g_autoptr(GRegex) keyword = NULL;
  g_autofree char *step1 = NULL;
  g_autofree char *step2 = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  in_uri = g_regex_new ("^(postgres(?:ql)?://[^:@/?]*):[^@/?]*@", 0, 0, NULL);
  parameter = g_regex_new ("([?&])password=[^&]*(&?)", 0, 0, NULL);
  keyword = g_regex_new ("(?:^|\\s+)password\\s*=\\s*('(?:\\\\.|[^'])*'|\\S*)", 0, 0, NULL);

  step1 = g_regex_replace (in_uri, address, -1, 0, "\\1@", 0, NULL);
  step2 = g_regex_replace (parameter, step1, -1, 0, "\\1", 0, NULL);
  if (g_str_has_suffix (step2, "?") || g_str_has_suffix (step2, "&"))
    step2[strlen (step2) - 1] = '\0';
  if (sp_store_is_server_address (step2) && strstr (step2, "://") != NULL)
    return g_steal_pointer (&step2);

  return g_strstrip (g_regex_replace (keyword, step2, -1, 0, "", 0, NULL));
}

/**
 * sp_store_open_writer:
 *
 * Opens the shop of @self again, for writing on another thread (a
 * connection stays on one thread): the same file, or the same server with
 * the same login.
 */
SpStore *
sp_store_open_writer (SpStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);

#ifdef HAVE_LIBPQ
  if (self->replica != NULL)
    return sp_pg_replica_open_again (SP_PG_REPLICA (self->replica), error);
#endif

  return sp_store_open (self->path, SP_STORE_OPEN_NO_CREATE, error);
}

gboolean
sp_store_is_on_server (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  return self->replica != NULL;
}

SpStoreRole
sp_store_get_role (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), SP_STORE_ROLE_STAFF);

#ifdef HAVE_LIBPQ
  if (self->replica != NULL &&
      sp_pg_replica_get_role (SP_PG_REPLICA (self->replica)) != SP_PG_ROLE_OWNER)
    return SP_STORE_ROLE_STAFF;
#endif

  return SP_STORE_ROLE_OWNER;
}

char *
sp_store_dup_login (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);

#ifdef HAVE_LIBPQ
  if (self->replica != NULL)
    return sp_pg_replica_dup_login (SP_PG_REPLICA (self->replica));
#endif

  return NULL;
}

/**
 * sp_store_dup_server_database:
 *
 * Returns: (transfer full) (nullable): the name of the database on the
 *   server that keeps the shop, or %NULL for a shop file
 */
char *
sp_store_dup_server_database (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);

#ifdef HAVE_LIBPQ
  if (self->replica != NULL)
    return sp_pg_replica_dup_database (SP_PG_REPLICA (self->replica));
#endif

  return NULL;
}

GSource *
sp_store_create_watch_source (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);

#ifdef HAVE_LIBPQ
  if (self->replica != NULL)
    return sp_pg_replica_create_watch (SP_PG_REPLICA (self->replica));
#endif

  return NULL;
}

void
sp_store_set_replica (SpStore    *self,
                      GObject    *replica,
                      const char *display_name)
{
  g_return_if_fail (SP_IS_STORE (self));
  g_set_object (&self->replica, replica);
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
}

char *
sp_store_dup_display_name (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (self->display_name != NULL)
    return g_strdup (self->display_name);
  return g_filename_display_basename (self->path);
}

/* A transaction of the file alone, e.g. to bring the copy up to date */
gboolean
sp_store_begin_local (SpStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  self->replica_quiet = TRUE;
  if (!sp_store_begin (self, error))
    {
      self->replica_quiet = FALSE;
      return FALSE;
    }

  return TRUE;
}

gboolean
sp_store_server_prepare (SpStore  *self,
                         GError  **error)
{
#ifdef HAVE_LIBPQ
  return sp_pg_replica_prepare_write (SP_PG_REPLICA (self->replica), self, error);
#else
  return TRUE;
#endif
}

gboolean
sp_store_server_begin (SpStore  *self,
                       GError  **error)
{
#ifdef HAVE_LIBPQ
  return sp_pg_replica_begin (SP_PG_REPLICA (self->replica), self, error);
#else
  return TRUE;
#endif
}

gboolean
sp_store_server_commit (SpStore  *self,
                        GError  **error)
{
#ifdef HAVE_LIBPQ
  return sp_pg_replica_commit (SP_PG_REPLICA (self->replica), self, error);
#else
  return TRUE;
#endif
}

void
sp_store_server_rollback (SpStore *self)
{
#ifdef HAVE_LIBPQ
  sp_pg_replica_rollback (SP_PG_REPLICA (self->replica), self);
#endif
}

SpStoreOutside
sp_store_server_poll (SpStore  *self,
                      GError  **error)
{
#ifdef HAVE_LIBPQ
  gboolean changed = FALSE;
  gboolean restored = FALSE;

  if (!sp_pg_replica_poll (SP_PG_REPLICA (self->replica), self, &changed, &restored, error) ||
      !changed)
    return SP_STORE_OUTSIDE_NONE;

  sp_store_emit_changed (self, SP_STORE_CHANGE_ALL);
  return restored ? SP_STORE_OUTSIDE_RESTORED : SP_STORE_OUTSIDE_CHANGED;
#else
  return SP_STORE_OUTSIDE_NONE;
#endif
}
