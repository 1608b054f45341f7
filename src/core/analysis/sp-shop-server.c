/* sp-shop-server.c
 *
 * The shop's settings on a server.  A setting is checked, and its
 * consequences for other settings worked out, by the same code as for a
 * file (sp_shop_set_setting()), on a copy of the server's settings; what
 * changed there goes to the server in one transaction.  A changed SLA
 * target changes the totals written with it, so the server sums them
 * again in the same transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-shop"

#include "config.h"

#include "sp-error.h"
#include "sp-shop-server.h"
#include "sp-shop.h"
#include "sp-store-private.h"

#ifdef HAVE_LIBPQ

#include "sp-pg-copy.h"
#include "sp-pg-schema.h"

static GHashTable *
read_settings (SpStore  *store,
               GError  **error)
{
  g_autoptr(GHashTable) settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(SpStmt) stmt = NULL;
  SpStep step;

  stmt = sp_store_prepare_uncached (store, "SELECT key, value FROM settings", error);
  if (stmt == NULL)
    return NULL;

  while ((step = sp_store_step (store, stmt, error)) == SP_STEP_ROW)
    g_hash_table_insert (settings, sp_column_dup_text (stmt, 0), sp_column_dup_text (stmt, 1));

  return step == SP_STEP_DONE ? g_steal_pointer (&settings) : NULL;
}

static gboolean
push_changes (SpPgConnection  *conn,
              GHashTable      *before,
              GHashTable      *after,
              GError         **error)
{
  gboolean sla = FALSE;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (after, key))
      {
        g_autoptr(PGresult) result = NULL;
        const char *values[1] = { key };

        result = sp_pg_connection_query (conn, "DELETE FROM settings WHERE key = $1", 1, values,
                                         error);
        if (result == NULL)
          return FALSE;
        sla |= g_str_has_prefix (key, "benchmark.sla-target.");
      }

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (before, key) ||
        g_strcmp0 (g_hash_table_lookup (before, key), value) != 0)
      {
        g_autoptr(PGresult) result = NULL;
        const char *values[2] = { key, value };

        result = sp_pg_connection_query (conn,
                                         "INSERT INTO settings (key, value) VALUES ($1, $2)"
                                         " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                                         2, values, error);
        if (result == NULL)
          return FALSE;
        sla |= g_str_has_prefix (key, "benchmark.sla-target.");
      }

  return !sla || sp_pg_connection_exec (conn, "SELECT sp_rebuild_totals ()", error);
}

/**
 * sp_shop_set_server_setting:
 * @value: (nullable): the new value; NULL or "" clears the setting
 *
 * Sets one of the shop's settings on the server of @uri, as
 * sp_shop_set_setting() does in a file.  The server lets only the owner
 * change settings.
 */
gboolean
sp_shop_set_server_setting (const char  *uri,
                            const char  *name,
                            const char  *value,
                            GError     **error)
{
  g_autoptr(SpPgConnection) conn = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *path = NULL;
  char *dir;
  gboolean ok = FALSE;

  g_return_val_if_fail (uri != NULL && name != NULL, FALSE);

  conn = sp_pg_connection_new (uri, error);
  if (conn == NULL || !sp_pg_check_schema (conn, error))
    return FALSE;

  dir = sp_pg_make_temp_dir (error);
  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "shop.db", NULL);
  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, error);

  /* the server's settings, changed as in a file, while no other writer changes them */
  if (store != NULL && sp_pg_connection_begin (conn, FALSE, error))
    {
      if (sp_pg_lock_writes (conn, error) && sp_store_begin (store, error))
        {
          ok = sp_pg_copy_to_store (conn, store, SP_PG_COPY_NAMES, error) &&
               sp_store_commit (store, error);
          if (!ok)
            sp_store_rollback (store);
        }
      ok = ok && (before = read_settings (store, error)) != NULL &&
           sp_shop_set_setting (store, name, value, error) &&
           (after = read_settings (store, error)) != NULL &&
           push_changes (conn, before, after, error) &&
           sp_pg_connection_commit (conn, error);
      if (!ok)
        sp_pg_connection_rollback (conn);
    }

  g_clear_object (&store);
  sp_pg_remove_temp_dir (dir);
  return ok;
}

#endif
