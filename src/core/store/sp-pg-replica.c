/* sp-pg-replica.c
 *
 * A shop on a PostgreSQL server, worked on through a copy of it kept in a
 * SQLite file on this computer: the window, the KPIs and the verbs read the
 * copy as they read any shop file, at the speed of a file.
 *
 * Writing keeps the copy and the server one:
 *   - sp_store_begin() begins a transaction on the server too, waits for
 *     the writers' lock there, and brings the copy up to date within it;
 *   - the copy's temporary triggers note every record the transaction
 *     changes (temp.sp_dirty);
 *   - sp_store_commit() writes those records to the server, commits there,
 *     and only then commits the file.  When the server refuses (a staff
 *     login, a dropped connection) the file is rolled back too: nothing is
 *     saved on one side only.
 * Writers take turns on the server, so that numbers computed from what the
 * copy holds (repeat contacts, new ids) are the server's numbers too.
 *
 * Reading other computers' changes: every transaction on the server gets a
 * number (sp_version), rows carry the number of their last change, and
 * deleted rows leave it behind (sp-pg-schema.c); the copy asks for what
 * changed after the number it has seen, when the server announces a change
 * (LISTEN service_pulse) or at the latest every half minute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-pg"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "sp-error.h"
#include "sp-pg-copy.h"
#include "sp-pg-replica.h"
#include "sp-pg-schema.h"
#include "sp-pg-tables.h"
#include "sp-privacy.h"
#include "sp-store-private.h"

/* How often to ask the server without having heard from it */
#define CHECK_INTERVAL_USEC (30 * G_USEC_PER_SEC)
/* How long a statement may go unanswered before the window is told */
#define SP_PG_ANSWER_TIMEOUT 20
/* How long to wait between two attempts to reach a server that went away */
#define RECONNECT_INTERVAL_USEC (5 * G_USEC_PER_SEC)

struct _SpPgReplica
{
  GObject          parent_instance;

  SpPgConnection  *conn;
  char            *address;
  char            *password;
  SpPgRole         role;
  gint64           next_check;      /* monotonic time of the next check unasked */
  gint64           next_reconnect;
  guint            in_transaction : 1;
  guint            reconnecting : 1;    /* PQresetStart() done, PQresetPoll() to go */
  guint            said_why : 1;        /* the push's refusal says what was refused */
  guint            forgotten : 1;       /* a customer was forgotten: old pages to erase */
};

G_DEFINE_FINAL_TYPE (SpPgReplica, sp_pg_replica, G_TYPE_OBJECT)

/* The statements of one table, made once from the fixed table list */
typedef struct
{
  const SpPgTable *table;
  gboolean         by_row;          /* kept row by row; otherwise as a whole */
  guint            n_columns;
  char            *local_row;       /* SELECT columns FROM main.t WHERE key = ?1 */
  char            *local_added;     /* the rows this transaction added */
  char            *local_upsert;
  char            *local_delete;
  char            *local_delete_all;
  const char      *select_all;      /* the rows both sides share, in key order */
  char            *server_changed;  /* the rows changed after version $1 */
  char            *server_insert;
  char            *server_update;
  char            *server_delete;
  char            *server_exists;
  char            *server_delete_all;
  char            *dirty_triggers;
} TableSql;

static TableSql tables[SP_PG_N_RECORD_TABLES];

static void
make_table_sql (TableSql        *sql,
                const SpPgTable *table)
{
  g_auto(GStrv) columns = g_strsplit (table->columns, ",", -1);
  g_autoptr(GString) qmarks = g_string_new (NULL);
  g_autoptr(GString) dollars = g_string_new (NULL);
  g_autoptr(GString) excluded = g_string_new (NULL);
  const char *key = table->order;

  sql->table = table;
  sql->by_row = table->identity || g_str_equal (key, "contact_id");
  sql->n_columns = g_strv_length (columns);

  for (guint i = 0; i < sql->n_columns; i++)
    {
      const char *sep = i > 0 ? ", " : "";

      g_string_append_printf (qmarks, "%s?%u", sep, i + 1);
      g_string_append_printf (dollars, "%s$%u", sep, i + 1);
      g_string_append_printf (excluded, "%sexcluded.%s", sep, g_strstrip (columns[i]));
    }

  /* only the names of the fixed table list go into these */
  sql->local_row = g_strdup_printf ("SELECT %s FROM main.%s WHERE %s = ?1",
                                    table->columns, table->name, key);
  sql->local_added = g_strdup_printf ("SELECT %s FROM main.%s WHERE %s IN (SELECT id FROM"
                                      " temp.sp_dirty WHERE tbl = '%s' AND inserted = 1)"
                                      " ORDER BY %s",
                                      table->columns, table->name, key, table->name, key);
  sql->local_upsert = g_strdup_printf (sql->n_columns > 1
                                         ? "INSERT INTO main.%s (%s) VALUES (%s)"
                                           " ON CONFLICT (%s) DO UPDATE SET (%s) = (%s)"
                                         : "INSERT INTO main.%s (%s) VALUES (%s)"
                                           " ON CONFLICT (%s) DO NOTHING",
                                       table->name, table->columns, qmarks->str, key,
                                       table->columns, excluded->str);
  sql->local_delete = g_strdup_printf ("DELETE FROM main.%s WHERE %s = ?1", table->name, key);
  sql->local_delete_all = g_strdup_printf ("DELETE FROM main.%s", table->name);
  sql->select_all = table->select;
  sql->server_changed = g_strdup_printf ("SELECT %s FROM %s WHERE row_version > $1 ORDER BY %s",
                                         table->columns, table->name, key);
  sql->server_insert = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)",
                                        table->name, table->columns, dollars->str);
  sql->server_update = g_strdup_printf ("UPDATE %s SET (%s) = ROW (%s) WHERE %s = $%u",
                                        table->name, table->columns, dollars->str, key,
                                        sql->n_columns + 1);
  sql->server_delete = g_strdup_printf ("DELETE FROM %s WHERE %s = $1", table->name, key);
  sql->server_exists = g_strdup_printf ("SELECT 1 FROM %s WHERE %s = $1", table->name, key);
  sql->server_delete_all = g_strdup_printf ("DELETE FROM %s", table->name);

  if (sql->by_row)
    sql->dirty_triggers = g_strdup_printf (
      "CREATE TEMP TRIGGER IF NOT EXISTS sp_dirty_%1$s_i AFTER INSERT ON main.%1$s BEGIN"
      " INSERT INTO sp_dirty VALUES ('%1$s', NEW.%2$s, 1) ON CONFLICT DO NOTHING; END;"
      "CREATE TEMP TRIGGER IF NOT EXISTS sp_dirty_%1$s_u AFTER UPDATE ON main.%1$s BEGIN"
      " INSERT INTO sp_dirty VALUES ('%1$s', OLD.%2$s, 0) ON CONFLICT DO NOTHING;"
      " INSERT INTO sp_dirty VALUES ('%1$s', NEW.%2$s, 0) ON CONFLICT DO NOTHING; END;"
      "CREATE TEMP TRIGGER IF NOT EXISTS sp_dirty_%1$s_d AFTER DELETE ON main.%1$s BEGIN"
      " INSERT INTO sp_dirty VALUES ('%1$s', OLD.%2$s, 0) ON CONFLICT DO NOTHING; END;",
      table->name, key);
  else
    sql->dirty_triggers = g_strdup_printf (
      "CREATE TEMP TRIGGER IF NOT EXISTS sp_dirty_%1$s_i AFTER INSERT ON main.%1$s BEGIN"
      " INSERT INTO sp_dirty VALUES ('%1$s', 0, 0) ON CONFLICT DO NOTHING; END;"
      "CREATE TEMP TRIGGER IF NOT EXISTS sp_dirty_%1$s_u AFTER UPDATE ON main.%1$s BEGIN"
      " INSERT INTO sp_dirty VALUES ('%1$s', 0, 0) ON CONFLICT DO NOTHING; END;"
      "CREATE TEMP TRIGGER IF NOT EXISTS sp_dirty_%1$s_d AFTER DELETE ON main.%1$s BEGIN"
      " INSERT INTO sp_dirty VALUES ('%1$s', 0, 0) ON CONFLICT DO NOTHING; END;",
      table->name);
}

static void
make_settings_sql (TableSql *sql)
{
  g_free (sql->local_delete_all);
  sql->local_delete_all = g_strdup ("DELETE FROM main.settings WHERE NOT " LOCAL_SETTING ("key"));
  g_free (sql->server_delete_all);
  sql->server_delete_all = g_strdup ("DELETE FROM settings WHERE NOT " LOCAL_SETTING ("key"));
  sql->select_all = SP_PG_SHARED_SETTINGS;
  g_free (sql->dirty_triggers);
  sql->dirty_triggers = g_strdup (
    "CREATE TEMP TRIGGER IF NOT EXISTS sp_dirty_settings_i AFTER INSERT ON main.settings"
    " WHEN NOT " LOCAL_SETTING ("NEW.key") " BEGIN"
    " INSERT INTO sp_dirty VALUES ('settings', 0, 0) ON CONFLICT DO NOTHING; END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS sp_dirty_settings_u AFTER UPDATE ON main.settings"
    " WHEN NOT " LOCAL_SETTING ("NEW.key") " BEGIN"
    " INSERT INTO sp_dirty VALUES ('settings', 0, 0) ON CONFLICT DO NOTHING; END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS sp_dirty_settings_d AFTER DELETE ON main.settings"
    " WHEN NOT " LOCAL_SETTING ("OLD.key") " BEGIN"
    " INSERT INTO sp_dirty VALUES ('settings', 0, 0) ON CONFLICT DO NOTHING; END;");
}

static void
ensure_table_sql (void)
{
  static gsize made = 0;

  if (g_once_init_enter (&made))
    {
      for (guint i = 0; i < SP_PG_N_RECORD_TABLES; i++)
        {
          make_table_sql (&tables[i], &sp_pg_record_tables[i]);
          if (g_str_equal (sp_pg_record_tables[i].name, "settings"))
            make_settings_sql (&tables[i]);
        }
      g_once_init_leave (&made, 1);
    }
}

static int
table_index (const char *name)
{
  for (guint i = 0; i < SP_PG_N_RECORD_TABLES; i++)
    if (g_str_equal (tables[i].table->name, name))
      return (int) i;
  return -1;
}

static void
sp_pg_replica_finalize (GObject *object)
{
  SpPgReplica *self = SP_PG_REPLICA (object);

  g_clear_object (&self->conn);
  g_free (self->address);
  if (self->password != NULL)
    {
      memset (self->password, 0, strlen (self->password));
      g_free (self->password);
    }

  G_OBJECT_CLASS (sp_pg_replica_parent_class)->finalize (object);
}

static void
sp_pg_replica_class_init (SpPgReplicaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_pg_replica_finalize;
}

static void
sp_pg_replica_init (SpPgReplica *self)
{
}

SpPgRole
sp_pg_replica_get_role (SpPgReplica *self)
{
  g_return_val_if_fail (SP_IS_PG_REPLICA (self), SP_PG_ROLE_NONE);
  return self->role;
}

char *
sp_pg_replica_dup_login (SpPgReplica *self)
{
  g_return_val_if_fail (SP_IS_PG_REPLICA (self), NULL);
  return g_strdup (sp_pg_connection_get_user (self->conn));
}

char *
sp_pg_replica_dup_database (SpPgReplica *self)
{
  g_return_val_if_fail (SP_IS_PG_REPLICA (self), NULL);
  return g_strdup (sp_pg_connection_get_database (self->conn));
}

const char *
sp_pg_replica_get_address (SpPgReplica *self)
{
  g_return_val_if_fail (SP_IS_PG_REPLICA (self), NULL);
  return self->address;
}

/* The copy's file */

/**
 * sp_pg_replica_dup_path:
 *
 * The file in the user's cache folder that keeps the copy of the shop at
 * @address as @user sees it, named after the server, the port, the
 * database and the login, never after a password.
 */
char *
sp_pg_replica_dup_path (const char  *address,
                        const char  *user,
                        GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "service-pulse", "servers",
                                           NULL);
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   /* TRANSLATORS: the folder, then the reason */
                   _("Could not make the folder “%s”: %s"), display, g_strerror (errsv));
      return NULL;
    }

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                          user != NULL ? user : "", -1);
  {
    g_autofree char *both = g_strconcat (address, "\n", digest, NULL);

    g_free (digest);
    digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, both, -1);
  }
  name = g_strdup_printf ("%.32s.db", digest);
  return g_build_filename (dir, name, NULL);
}

/* The server's side: one connection, reconnected when it was lost */

static gboolean
listen_for_changes (SpPgReplica  *self,
                    GError      **error)
{
  return sp_pg_connection_exec (self->conn, "LISTEN service_pulse", error);
}

static gboolean
ensure_connected (SpPgReplica  *self,
                  GError      **error)
{
  PGconn *pg = sp_pg_connection_get_handle (self->conn);

  if (PQstatus (pg) == CONNECTION_OK && !self->reconnecting)
    return TRUE;

  self->reconnecting = FALSE;
  PQreset (pg);
  if (PQstatus (pg) != CONNECTION_OK)
    {
      g_autofree char *reason = g_strdup (PQerrorMessage (pg));

      /* libpq's words are for the log: the owner needs to know what to do */
      g_strdelimit (reason, "\n", ' ');
      g_debug ("Could not reach the server again: %s", g_strstrip (reason));
      g_set_error (error, SP_ERROR, SP_ERROR_OFFLINE,
                   /* TRANSLATORS: %s is the server */
                   _("The shop’s server “%s” can’t be reached. Nothing was saved; what you "
                     "typed is still here: save again when the server is back."),
                   PQhost (pg));
      return FALSE;
    }

  self->in_transaction = FALSE;
  self->next_check = 0;
  return sp_pg_connection_exec (self->conn, "SET client_min_messages = warning", error) &&
         listen_for_changes (self, error);
}

/* Runs @pg_sql (with @param as $1 when not NULL) and @local once for each row it returns */
static gboolean
stream_rows (SpPgReplica  *self,
             SpStore      *store,
             const char   *pg_sql,
             const char   *param,
             SpStmt       *local,
             guint         n_columns,
             guint        *n_rows,
             GError      **error)
{
  PGconn *pg = sp_pg_connection_get_handle (self->conn);
  const char *values[1] = { param };
  gboolean ok = TRUE;
  PGresult *row;

  if (!sp_pg_connection_send (self->conn, pg_sql, param != NULL ? 1 : 0, values, TRUE, error))
    return FALSE;

  for (sp_pg_connection_await (self->conn); (row = PQgetResult (pg)) != NULL;
       sp_pg_connection_await (self->conn))
    {
      ExecStatusType status = PQresultStatus (row);

      if (ok && status == PGRES_SINGLE_TUPLE)
        {
          sqlite3_reset (local);
          for (guint i = 0; i < n_columns; i++)
            sp_pg_bind_value (local, (int) i + 1, row, (int) i);
          ok = sp_store_run (store, local, error);
          if (n_rows != NULL)
            (*n_rows)++;
        }
      else if (ok && status != PGRES_TUPLES_OK)
        {
          sp_pg_connection_set_error (self->conn, row, error);
          ok = FALSE;
        }
      PQclear (row);
    }

  sqlite3_reset (local);
  return ok;
}

/* What the copy remembers of the server (its own table, not part of a shop) */

static char *
dup_state (SpStore    *store,
           const char *key)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (store, "SELECT value FROM main.sp_replica WHERE key = ?1",
                                             NULL);

  if (stmt == NULL)
    return NULL;
  sp_bind_text (stmt, 1, key);
  if (sp_store_step (store, stmt, NULL) != SP_STEP_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
set_state (SpStore     *store,
           const char  *key,
           const char  *value,
           GError     **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (store,
    "INSERT INTO main.sp_replica (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  sp_bind_text (stmt, 1, key);
  sp_bind_text (stmt, 2, value);
  return sp_store_run (store, stmt, error);
}

static gboolean
set_dirty_triggers (SpStore   *store,
                    gboolean   on,
                    GError   **error)
{
  for (guint i = 0; i < SP_PG_N_RECORD_TABLES; i++)
    {
      if (on)
        {
          if (!sp_store_exec (store, tables[i].dirty_triggers, error))
            return FALSE;
        }
      else
        {
          g_autofree char *drop = g_strdup_printf ("DROP TRIGGER IF EXISTS temp.sp_dirty_%1$s_i;"
                                                   "DROP TRIGGER IF EXISTS temp.sp_dirty_%1$s_u;"
                                                   "DROP TRIGGER IF EXISTS temp.sp_dirty_%1$s_d;",
                                                   tables[i].table->name);

          if (!sp_store_exec (store, drop, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Bringing the copy up to date, within a transaction on each side */

/* Everything again, e.g. the first time or after a restore on the server */
static gboolean
copy_everything (SpPgReplica  *self,
                 SpStore      *store,
                 GError      **error)
{
  if (!set_dirty_triggers (store, FALSE, error))
    return FALSE;

  for (guint i = SP_PG_N_RECORD_TABLES; i-- > 0;)
    if (!sp_store_exec (store, tables[i].local_delete_all, error))
      return FALSE;

  return sp_pg_copy_to_store (self->conn, store, SP_PG_COPY_RECORDS, error) &&
         set_dirty_triggers (store, TRUE, error);
}

/* The rows changed, added and deleted after version @since */
static gboolean
copy_changes (SpPgReplica  *self,
              SpStore      *store,
              const char   *since,
              GError      **error)
{
  const char *values[1] = { since };
  g_autoptr(PGresult) whole = NULL;
  g_autoptr(PGresult) deleted = NULL;
  gboolean refresh[SP_PG_N_RECORD_TABLES] = { FALSE, };

  whole = sp_pg_connection_query (self->conn,
                                  "SELECT tbl FROM sp_table_versions WHERE version > $1",
                                  1, values, error);
  if (whole == NULL)
    return FALSE;
  for (int r = 0; r < PQntuples (whole); r++)
    {
      int i = table_index (PQgetvalue (whole, r, 0));

      if (i >= 0)
        refresh[i] = TRUE;
    }

  deleted = sp_pg_connection_query (self->conn,
                                    "SELECT tbl, id FROM sp_deleted WHERE version > $1"
                                    " ORDER BY version",
                                    1, values, error);
  if (deleted == NULL)
    return FALSE;

  /* rows that went and came back meanwhile come back with the changed rows */
  if (!sp_store_exec (store, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;

  for (guint i = SP_PG_N_RECORD_TABLES; i-- > 0;)
    {
      g_autoptr(SpStmt) stmt = NULL;

      if (!tables[i].by_row || refresh[i])
        continue;

      for (int r = 0; r < PQntuples (deleted); r++)
        {
          if (!g_str_equal (PQgetvalue (deleted, r, 0), tables[i].table->name))
            continue;
          if (stmt == NULL && (stmt = sp_store_prepare (store, tables[i].local_delete, error)) == NULL)
            return FALSE;
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (PQgetvalue (deleted, r, 1), NULL, 10));
          if (!sp_store_run (store, stmt, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < SP_PG_N_RECORD_TABLES; i++)
    {
      g_autoptr(SpStmt) upsert = NULL;

      if (!tables[i].by_row && !refresh[i])
        continue;

      if (refresh[i] && !sp_store_exec (store, tables[i].local_delete_all, error))
        return FALSE;

      upsert = sp_store_prepare (store, tables[i].local_upsert, error);
      if (upsert == NULL ||
          !stream_rows (self, store, refresh[i] ? tables[i].select_all : tables[i].server_changed,
                        refresh[i] ? NULL : since, upsert, tables[i].n_columns, NULL, error))
        {
          /* TRANSLATORS: %s is a table's name; the reason follows */
          g_prefix_error (error, _("Copying the table “%s” failed: "), tables[i].table->name);
          return FALSE;
        }
    }

  return TRUE;
}

/*
 * Brings the copy to the server's latest version.  Sets @changed when
 * anything came, and @restored when the server's shop is another one than
 * the copy's (restored from a backup there).
 */
/* How many customers of the copy are forgotten, -1 when that can't be read */
static gint64
count_forgotten (SpStore *store)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (store,
                                             "SELECT count(*) FROM customers WHERE forgotten = 1",
                                             NULL);

  if (stmt == NULL || sp_store_step (store, stmt, NULL) != SP_STEP_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
sync_from_server (SpPgReplica  *self,
                  SpStore      *store,
                  gboolean     *changed,
                  gboolean     *restored,
                  GError      **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *shop_id = NULL;
  g_autofree char *seen = NULL;
  const char *server_shop;
  const char *version;

  *changed = *restored = FALSE;

  result = sp_pg_connection_query (self->conn,
                                   "SELECT (SELECT value FROM sp_server WHERE key = 'shop_id'),"
                                   " (SELECT version FROM sp_version)",
                                   0, NULL, error);
  if (result == NULL)
    return FALSE;
  server_shop = PQgetvalue (result, 0, 0);
  version = PQgetvalue (result, 0, 1);

  shop_id = dup_state (store, "shop_id");
  seen = dup_state (store, "version");

  if (shop_id == NULL || seen == NULL || !g_str_equal (shop_id, server_shop) ||
      g_ascii_strtoll (seen, NULL, 10) > g_ascii_strtoll (version, NULL, 10))
    {
      if (!copy_everything (self, store, error))
        return FALSE;
      *changed = TRUE;
      *restored = shop_id != NULL;
    }
  else if (!g_str_equal (seen, version))
    {
      gint64 before = count_forgotten (store);

      if (!copy_changes (self, store, seen, error))
        return FALSE;
      *changed = TRUE;
      /* a customer forgotten on another computer: their old text goes from this copy too */
      if (count_forgotten (store) > before)
        self->forgotten = TRUE;
    }
  else
    return TRUE;

  /* the SLA targets follow the owner's settings (sp-store-sla.c), on each side by itself */
  return sp_store_sync_sla_targets (store, error) &&
         set_state (store, "shop_id", server_shop, error) &&
         set_state (store, "version", version, error) &&
         sp_store_exec (store, "DELETE FROM temp.sp_dirty", error);
}

/* Writing what the transaction changed to the server */

static gboolean
server_run (SpPgReplica  *self,
            const char   *sql,
            int           n_params,
            char        **values,
            gint64       *n_changed,
            GError      **error)
{
  g_autoptr(PGresult) result = NULL;

  result = sp_pg_connection_query (self->conn, sql, n_params, (const char *const *) values,
                                   error);
  if (result == NULL)
    return FALSE;
  if (n_changed != NULL)
    *n_changed = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  return TRUE;
}

static void
free_values (char   **values,
             guint    n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&values[i], g_free);
}

/* The rows of @sql's result, one statement each on the server */
static gboolean
push_rows (SpPgReplica    *self,
           SpStore        *store,
           const TableSql *sql,
           SpStmt         *stmt,
           gboolean        inserted,
           gboolean       *found,
           GError        **error)
{
  g_autofree char **values = g_new0 (char *, sql->n_columns + 2);
  SpStep step;
  gboolean ok = TRUE;

  *found = FALSE;
  while (ok && (step = sp_store_step (store, stmt, error)) == SP_STEP_ROW)
    {
      gint64 n_changed = 0;
      int key = -1;

      *found = TRUE;
      for (guint i = 0; i < sql->n_columns; i++)
        {
          values[i] = sp_pg_dup_column_text (stmt, (int) i);
          if (g_str_equal (sqlite3_column_name (stmt, (int) i), sql->table->order))
            key = (int) i;
        }

      if (!inserted && key >= 0)
        {
          values[sql->n_columns] = g_strdup (values[key]);
          ok = server_run (self, sql->server_update, (int) sql->n_columns + 1, values,
                           &n_changed, error);
        }
      if (ok && n_changed == 0)
        ok = server_run (self, sql->server_insert, (int) sql->n_columns, values, NULL, error);

      free_values (values, sql->n_columns + 1);
    }

  return ok && step != SP_STEP_ERROR;
}

/* The owner's SLA targets among the server's settings, as one text */
static gboolean
dup_sla_targets (SpPgReplica  *self,
                 char        **targets,
                 GError      **error)
{
  g_autoptr(PGresult) result = NULL;

  result = sp_pg_connection_query (self->conn,
                                   "SELECT coalesce (string_agg (key || '=' || value, ','"
                                   " ORDER BY key), '') FROM settings"
                                   " WHERE key LIKE 'benchmark.sla-target.%'",
                                   0, NULL, error);
  if (result == NULL)
    return FALSE;
  *targets = g_strdup (PQgetvalue (result, 0, 0));
  return TRUE;
}

static guint answer_timeout (void);

/* Sums every total again, which takes a while for a large shop on a slow server: the answer
 * timeout is for saves, not for this */
static gboolean
rebuild_totals (SpPgReplica  *self,
                GError      **error)
{
  gboolean ok;

  sp_pg_connection_set_answer_timeout (self->conn, 0);
  ok = server_run (self, "SELECT sp_rebuild_totals ()", 0, NULL, NULL, error);
  sp_pg_connection_set_answer_timeout (self->conn, answer_timeout ());
  return ok;
}

static gboolean
push_changes (SpPgReplica  *self,
              SpStore      *store,
              gboolean     *pushed,
              GError      **error)
{
  g_autoptr(SpStmt) dirty = NULL;
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) gone_table = g_array_new (FALSE, FALSE, sizeof (int));
  SpStep step;

  /* in the order the references need, the rows deleted last */
  {
    g_autoptr(SpStmt) any = sp_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM temp.sp_dirty)",
                                              error);

    if (any == NULL || sp_store_step (store, any, error) != SP_STEP_ROW)
      return FALSE;
    *pushed = sqlite3_column_int (any, 0) != 0;
    if (!*pushed)
      return TRUE;
  }

  dirty = sp_store_prepare (store,
                            "SELECT id, inserted FROM temp.sp_dirty WHERE tbl = ?1"
                            " AND (inserted = 0 OR id = 0) ORDER BY id",
                            error);
  if (dirty == NULL)
    return FALSE;

  for (guint i = 0; i < SP_PG_N_RECORD_TABLES; i++)
    {
      const TableSql *sql = &tables[i];

      /* the rows added, all at once */
      if (sql->by_row)
        {
          g_autoptr(SpStmt) added = sp_store_prepare (store, sql->local_added, error);

          if (added == NULL || !sp_pg_insert_rows (self->conn, store, sql->table, added, error))
            return FALSE;
        }

      sqlite3_reset (dirty);
      sp_bind_text (dirty, 1, sql->table->name);
      while ((step = sp_store_step (store, dirty, error)) == SP_STEP_ROW)
        {
          g_autoptr(SpStmt) row = NULL;
          gboolean inserted = sqlite3_column_int (dirty, 1) != 0;
          gint64 id = sqlite3_column_int64 (dirty, 0);
          gboolean found;

          if (!sql->by_row)
            {
              g_autofree char *targets_before = NULL;
              g_autofree char *targets_after = NULL;

              /* a table kept as a whole goes as a whole; the server sums "within the SLA
               * target" again when the owner's targets (settings) changed */
              row = sp_store_prepare_uncached (store, sql->select_all, error);
              if (row == NULL ||
                  (g_str_equal (sql->table->name, "settings") &&
                   !dup_sla_targets (self, &targets_before, error)) ||
                  !server_run (self, sql->server_delete_all, 0, NULL, NULL, error) ||
                  !push_rows (self, store, sql, row, TRUE, &found, error))
                return FALSE;
              sqlite3_finalize (g_steal_pointer (&row));
              if (targets_before != NULL &&
                  (!dup_sla_targets (self, &targets_after, error) ||
                   (!g_str_equal (targets_before, targets_after) &&
                    !rebuild_totals (self, error))))
                return FALSE;
              continue;
            }

          row = sp_store_prepare (store, sql->local_row, error);
          if (row == NULL)
            return FALSE;
          sqlite3_bind_int64 (row, 1, id);
          if (!push_rows (self, store, sql, row, inserted, &found, error))
            return FALSE;
          if (!found && !inserted)
            {
              int index = (int) i;

              g_array_append_val (gone, id);
              g_array_append_val (gone_table, index);
            }
        }
      if (step == SP_STEP_ERROR)
        return FALSE;
    }

  if (!server_run (self, "SELECT sp_sync_ids ()", 0, NULL, NULL, error))
    return FALSE;

  for (guint j = gone->len; j-- > 0;)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (gone, gint64, j));
      const TableSql *sql = &tables[g_array_index (gone_table, int, j)];
      char *values[1] = { id };
      gint64 n_deleted = 0;

      if (!server_run (self, sql->server_delete, 1, values, &n_deleted, error))
        return FALSE;

      /* row-level security hides what staff may not delete, rather than refusing it */
      if (n_deleted == 0)
        {
          gint64 still = 0;

          if (!server_run (self, sql->server_exists, 1, values, &still, error))
            return FALSE;
          if (still > 0)
            {
              g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                           /* TRANSLATORS: %s is the login */
                           _("Only the shop’s owner may delete what someone else entered (the "
                             "login “%s” is staff); nothing was deleted."),
                           sp_pg_connection_get_user (self->conn));
              self->said_why = TRUE;
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* Transactions */

gboolean
sp_pg_replica_begin (SpPgReplica  *self,
                     SpStore      *store,
                     GError      **error)
{
  gboolean changed;
  gboolean restored;

  g_return_val_if_fail (SP_IS_PG_REPLICA (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!ensure_connected (self, error))
    return FALSE;

  if (!sp_pg_connection_begin (self->conn, FALSE, error))
    return FALSE;
  self->in_transaction = TRUE;

  if (!sp_pg_lock_writes (self->conn, error) ||
      !sync_from_server (self, store, &changed, &restored, error))
    {
      sp_pg_replica_rollback (self, store);
      return FALSE;
    }

  if (changed)
    sp_store_note_changes (store, SP_STORE_CHANGE_ALL);
  return TRUE;
}

static void
set_push_error (SpPgReplica  *self,
                GError      **error,
                GError       *push_error)
{
  gboolean said_why = self->said_why;

  self->said_why = FALSE;
  if (g_error_matches (push_error, SP_ERROR, SP_ERROR_NOT_ALLOWED) && !said_why)
    g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                 /* TRANSLATORS: %s is the login; nothing was saved */
                 _("Only the shop’s owner may do this: the server refused it for the login "
                   "“%s”, and nothing was saved."),
                 sp_pg_connection_get_user (self->conn));
  else
    g_propagate_error (error, g_steal_pointer (&push_error));
}

/* Asks the server again, once reachable, whether transaction @xid committed */
static gboolean
committed_after_all (SpPgReplica *self,
                     const char  *xid)
{
  g_autoptr(PGresult) status = NULL;
  const char *values[1] = { xid };

  self->in_transaction = FALSE;
  if (!ensure_connected (self, NULL))
    return FALSE;

  status = sp_pg_connection_query (self->conn, "SELECT txid_status ($1::bigint)", 1, values,
                                   NULL);
  return status != NULL && g_strcmp0 (PQgetvalue (status, 0, 0), "committed") == 0;
}

gboolean
sp_pg_replica_commit (SpPgReplica  *self,
                      SpStore      *store,
                      GError      **error)
{
  g_autoptr(GError) push_error = NULL;
  g_autoptr(PGresult) result = NULL;
  gboolean pushed = FALSE;

  g_return_val_if_fail (SP_IS_PG_REPLICA (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!push_changes (self, store, &pushed, &push_error))
    {
      set_push_error (self, error, g_steal_pointer (&push_error));
      sp_pg_replica_rollback (self, store);
      return FALSE;
    }

  /* the copy holds what the server will hold once this commits: its version; and the
   * transaction's id tells, should the answer to COMMIT be lost, whether it was done */
  if (pushed)
    {
      result = sp_pg_connection_query (self->conn,
                                       "SELECT version, txid_current () FROM sp_version",
                                       0, NULL, error);
      if (result == NULL || !set_state (store, "version", PQgetvalue (result, 0, 0), error))
        {
          sp_pg_replica_rollback (self, store);
          return FALSE;
        }
    }

  if (!sp_store_exec (store, "DELETE FROM temp.sp_dirty", error))
    {
      sp_pg_replica_rollback (self, store);
      return FALSE;
    }

  if (!sp_pg_connection_commit (self->conn, error))
    {
      /* a connection lost on the way back: the server may have committed all the same, and
       * saving again would then save twice */
      if (result != NULL && PQstatus (sp_pg_connection_get_handle (self->conn)) != CONNECTION_OK &&
          committed_after_all (self, PQgetvalue (result, 0, 1)))
        {
          g_clear_error (error);
          self->in_transaction = FALSE;
          return TRUE;
        }
      sp_pg_replica_rollback (self, store);
      return FALSE;
    }

  self->in_transaction = FALSE;
  return TRUE;
}

void
sp_pg_replica_rollback (SpPgReplica *self,
                        SpStore     *store)
{
  g_return_if_fail (SP_IS_PG_REPLICA (self));

  if (PQstatus (sp_pg_connection_get_handle (self->conn)) == CONNECTION_OK)
    sp_pg_connection_rollback (self->conn);
  self->in_transaction = FALSE;
  sp_store_exec (store, "DELETE FROM temp.sp_dirty", NULL);
}

/* Hearing of other computers' changes */

static gboolean
heard_of_changes (SpPgReplica *self)
{
  PGconn *pg = sp_pg_connection_get_handle (self->conn);
  gboolean heard = FALSE;
  PGnotify *notify;

  if (!PQconsumeInput (pg))
    return TRUE;   /* the connection is in trouble: the check will say */

  while ((notify = PQnotifies (pg)) != NULL)
    {
      heard = TRUE;
      PQfreemem (notify);
    }

  return heard;
}

/* Brings the copy up to date in a transaction of its own, on both sides */
static gboolean
refresh (SpPgReplica  *self,
         SpStore      *store,
         gboolean     *changed,
         gboolean     *restored,
         GError      **error)
{
  gboolean ok;

  if (!sp_store_begin_local (store, error))
    return FALSE;

  ok = sp_pg_connection_begin (self->conn, TRUE, error);
  if (ok)
    {
      ok = sync_from_server (self, store, changed, restored, error);
      sp_pg_connection_rollback (self->conn);
    }

  if (!ok)
    {
      sp_store_rollback (store);
      return FALSE;
    }

  if (!sp_store_commit (store, error))
    return FALSE;

  /* the pages a forgotten customer's text was on leave the copy's journal as well (the copy
   * deletes securely); a reader that still holds them keeps them until the next time */
  if (self->forgotten)
    {
      g_autoptr(GError) erase_error = NULL;

      if (sp_store_erase_old_pages (store, FALSE, &erase_error))
        self->forgotten = FALSE;
      else
        g_debug ("The forgotten customer's old pages stay for now: %s", erase_error->message);
    }

  return TRUE;
}

/**
 * sp_pg_replica_prepare_write:
 *
 * Before a transaction that writes: what the other computers saved is
 * taken in first, in a transaction of its own, so that it stays even when
 * the write fails (e.g. because one of them changed the same record, whose
 * new version the owner is then shown).
 */
gboolean
sp_pg_replica_prepare_write (SpPgReplica  *self,
                             SpStore      *store,
                             GError      **error)
{
  gboolean changed = FALSE;
  gboolean restored = FALSE;

  g_return_val_if_fail (SP_IS_PG_REPLICA (self), FALSE);

  if (!ensure_connected (self, error) || !refresh (self, store, &changed, &restored, error))
    return FALSE;
  if (changed)
    sp_store_emit_changed (store, SP_STORE_CHANGE_ALL);
  return TRUE;
}

/**
 * sp_pg_replica_poll:
 *
 * Brings the copy up to date when the server announced a change, or when
 * it was not asked for a while; outside a transaction of the store.
 * Fails with %SP_ERROR_OFFLINE while the server can't be reached, trying
 * to reach it again every few seconds.
 */
gboolean
sp_pg_replica_poll (SpPgReplica  *self,
                    SpStore      *store,
                    gboolean     *changed,
                    gboolean     *restored,
                    GError      **error)
{
  PGconn *pg;
  gint64 now = g_get_monotonic_time ();

  g_return_val_if_fail (SP_IS_PG_REPLICA (self), FALSE);

  *changed = *restored = FALSE;
  pg = sp_pg_connection_get_handle (self->conn);

  /* reconnecting without waiting: the window asks again every few seconds */
  if (self->reconnecting)
    {
      PostgresPollingStatusType status = PGRES_POLLING_WRITING;

      /* a few short waits for the server's answers, not more */
      for (guint i = 0; i < 10; i++)
        {
          struct pollfd fd = { PQsocket (pg), 0, 0 };

          status = PQresetPoll (pg);
          if (status != PGRES_POLLING_READING && status != PGRES_POLLING_WRITING)
            break;
          fd.events = status == PGRES_POLLING_READING ? POLLIN : POLLOUT;
          if (fd.fd < 0 || poll (&fd, 1, 30) < 0)
            break;
        }

      switch (status)
        {
        case PGRES_POLLING_OK:
          self->reconnecting = FALSE;
          self->in_transaction = FALSE;
          self->next_check = 0;
          if (!sp_pg_connection_exec (self->conn, "SET client_min_messages = warning", error) ||
              !listen_for_changes (self, error))
            return FALSE;
          break;
        case PGRES_POLLING_FAILED:
          self->reconnecting = FALSE;
          G_GNUC_FALLTHROUGH;
        default:
          g_set_error_literal (error, SP_ERROR, SP_ERROR_OFFLINE,
                               _("The shop’s server can’t be reached; trying again."));
          return FALSE;
        }
    }
  else if (PQstatus (pg) != CONNECTION_OK || !PQconsumeInput (pg) ||
           PQstatus (pg) != CONNECTION_OK)
    {
      /* a new attempt every few seconds, whatever the window's own rhythm */
      if (now >= self->next_reconnect)
        {
          self->next_reconnect = now + RECONNECT_INTERVAL_USEC;
          self->reconnecting = PQresetStart (pg) != 0;
        }
      g_set_error_literal (error, SP_ERROR, SP_ERROR_OFFLINE,
                           _("The shop’s server can’t be reached; trying again."));
      return FALSE;
    }

  if (!heard_of_changes (self) && now < self->next_check)
    return TRUE;
  self->next_check = now + CHECK_INTERVAL_USEC;

  return refresh (self, store, changed, restored, error);
}

GSource *
sp_pg_replica_create_watch (SpPgReplica *self)
{
  int fd;

  g_return_val_if_fail (SP_IS_PG_REPLICA (self), NULL);

  fd = PQsocket (sp_pg_connection_get_handle (self->conn));
  if (fd < 0)
    return NULL;

  return g_unix_fd_source_new (fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
}

/* Opening */

static void
remove_copy (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/*
 * A copy made by an earlier version of the app is not updated: it is made
 * again from the server, which keeps the shop.
 */
static void
discard_outdated_copy (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);

  /* 0: another program of this computer is making it right now */
  if (version <= 0 || version >= sp_store_get_latest_schema_version ())
    return;

  remove_copy (path);
}

static gboolean
prepare_copy (SpStore  *store,
              GError  **error)
{
  /* a customer the owner forgets on the server leaves no trace in free pages here either;
   * the server keeps the shop, so the copy need not wait for the disk at each save */
  return sp_store_exec (store,
                        "PRAGMA secure_delete = ON;"
                        "PRAGMA synchronous = NORMAL;"
                        "CREATE TABLE IF NOT EXISTS main.sp_replica ("
                        "  key TEXT PRIMARY KEY NOT NULL, value TEXT);"
                        "CREATE TEMP TABLE IF NOT EXISTS sp_dirty ("
                        "  tbl TEXT NOT NULL, id NOT NULL, inserted INTEGER NOT NULL,"
                        "  PRIMARY KEY (tbl, id));",
                        error);
}

/**
 * sp_pg_replica_open_store:
 * @address: the shop's server: a libpq connection string or URI
 * @password: (nullable): the login's password, or %NULL for libpq's own
 *   ways (~/.pgpass, a service file, PGPASSWORD)
 *
 * Connects, opens this computer's copy of the shop (made the first time)
 * and brings it up to date.
 */
/* SP_SERVER_ANSWER_TIMEOUT (seconds) for a server far away over a slow link */
static guint
answer_timeout (void)
{
  const char *env = g_getenv ("SP_SERVER_ANSWER_TIMEOUT");
  guint64 seconds;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 3600, &seconds, NULL))
    return (guint) seconds;
  return SP_PG_ANSWER_TIMEOUT;
}

SpStore *
sp_pg_replica_open_store (const char  *address,
                          const char  *password,
                          GError     **error)
{
  g_autoptr(SpPgReplica) self = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *where = NULL;
  PGconn *pg;
  gboolean changed;
  gboolean restored;
  gboolean ok;

  g_return_val_if_fail (address != NULL, NULL);

  ensure_table_sql ();

  self = g_object_new (SP_TYPE_PG_REPLICA, NULL);
  self->address = g_strdup (address);
  self->password = g_strdup (password);
  self->conn = sp_pg_connection_new_full (address, password, error);
  if (self->conn == NULL)
    return NULL;
  /* a window waits on this connection: a server that does not answer is said so */
  sp_pg_connection_set_answer_timeout (self->conn, answer_timeout ());
  if (!sp_pg_check_schema (self->conn, error))
    return NULL;

  self->role = sp_pg_connection_get_role (self->conn, error);
  if (self->role == SP_PG_ROLE_NONE)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                     /* TRANSLATORS: %s is the login */
                     _("The login “%s” is in neither the owner’s nor the staff’s group of this "
                       "shop; ask the owner to add it (add-user)."),
                     sp_pg_connection_get_user (self->conn));
      return NULL;
    }

  pg = sp_pg_connection_get_handle (self->conn);
  where = g_strdup_printf ("%s:%s/%s", PQhost (pg), PQport (pg), PQdb (pg));
  path = sp_pg_replica_dup_path (where, PQuser (pg), error);
  if (path == NULL)
    return NULL;

  discard_outdated_copy (path);
  {
    g_autoptr(GError) local_error = NULL;

    store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &local_error);

    /* a damaged copy, or no shop at all, is made again: the server keeps the shop */
    if (g_error_matches (local_error, SP_ERROR, SP_ERROR_CORRUPT) ||
        g_error_matches (local_error, SP_ERROR, SP_ERROR_NOT_DATABASE))
      {
        g_debug ("%s: %s; making the copy again", path, local_error->message);
        g_clear_error (&local_error);
        remove_copy (path);
        store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &local_error);
      }
    if (store == NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
  }
  if (store == NULL || !prepare_copy (store, error) || !set_dirty_triggers (store, TRUE, error) ||
      !listen_for_changes (self, error))
    return NULL;

  if (!sp_store_begin (store, error))
    return NULL;
  ok = sp_pg_connection_begin (self->conn, TRUE, error) &&
       sync_from_server (self, store, &changed, &restored, error);
  sp_pg_connection_rollback (self->conn);
  if (!ok)
    {
      sp_store_rollback (store);
      return NULL;
    }
  if (!sp_store_commit (store, error))
    return NULL;

  self->next_check = g_get_monotonic_time () + CHECK_INTERVAL_USEC;
  {
    /* TRANSLATORS: a shop on a server: its database, then the server */
    g_autofree char *display = g_strdup_printf (_("%s on %s"), PQdb (pg), PQhost (pg));

    sp_store_set_replica (store, G_OBJECT (self), display);
  }
  return g_steal_pointer (&store);
}

/* A connection of its own to the server, with the same login: for a backup */
SpPgConnection *
sp_pg_replica_connect (SpPgReplica  *self,
                       GError      **error)
{
  g_return_val_if_fail (SP_IS_PG_REPLICA (self), NULL);
  return sp_pg_connection_new_full (self->address, self->password, error);
}

/* Another connection to the same shop with the same login, e.g. for another thread */
SpStore *
sp_pg_replica_open_again (SpPgReplica  *self,
                          GError      **error)
{
  g_return_val_if_fail (SP_IS_PG_REPLICA (self), NULL);
  return sp_pg_replica_open_store (self->address, self->password, error);
}
