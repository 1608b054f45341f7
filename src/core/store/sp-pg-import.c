/* sp-pg-import.c
 *
 * Importing a CSV file into a shop on a server.  The file is read and
 * checked by the same importer as for a shop file, into a file of its own
 * that holds the server's names, settings and opening hours (so that the
 * rows are checked, and their business times computed, exactly as they
 * would be); then its new rows go to the server in one transaction, with
 * the names matched by their keys and the ids the server gives, and the
 * repeat flags of the customers concerned computed again on the server
 * among all their contacts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-pg"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-error.h"
#include "sp-pg-copy.h"
#include "sp-pg-import.h"
#include "sp-pg-schema.h"
#include "sp-store-private.h"

typedef struct
{
  SpPgConnection *conn;
  SpStore        *store;
  GHashTable     *agents;       /* local id → server id, both as gint64 in a pointer */
  GHashTable     *customers;
  GHashTable     *categories;
  GArray         *touched;      /* server ids of the customers of new contacts */
} Push;

/* The names tables, each with its statements written out: no name is put into SQL */
#define NAMES_TABLE(t) \
  { "SELECT coalesce (max (id), 0) FROM " t, \
    "SELECT id, name, name_key, active FROM " t " WHERE id > ?1 ORDER BY id", \
    "INSERT INTO " t " (name, name_key, active) VALUES ($1, $2, $3)" \
    " ON CONFLICT (name_key) DO NOTHING", \
    "SELECT id FROM " t " WHERE name_key = $1" }

static const struct
{
  const char *seeded;   /* the file's largest id */
  const char *added;    /* the file's names after it */
  const char *insert;   /* on the server */
  const char *lookup;   /* on the server */
} entity_tables[] = {
  NAMES_TABLE ("agents"),
  NAMES_TABLE ("customers"),
  NAMES_TABLE ("categories"),
};

static gint64
map_id (GHashTable *ids,
        gint64      id)
{
  gpointer server;

  if (g_hash_table_lookup_extended (ids, GINT_TO_POINTER (id), NULL, &server))
    return GPOINTER_TO_SIZE (server);
  return id;
}

/* Names the import added go to the server, or match one someone else added meanwhile */
static gboolean
push_names (Push        *push,
            guint        which,
            GHashTable  *ids,
            gint64       seeded,
            GError     **error)
{
  const char *insert = entity_tables[which].insert;
  const char *lookup = entity_tables[which].lookup;
  g_autoptr(SpStmt) stmt = NULL;
  char id_text[32];
  SpStep step;

  stmt = sp_store_prepare_uncached (push->store, entity_tables[which].added, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seeded);

  while ((step = sp_store_step (push->store, stmt, error)) == SP_STEP_ROW)
    {
      g_autoptr(PGresult) added = NULL;
      g_autoptr(PGresult) found = NULL;
      const char *values[3];

      values[0] = (const char *) sqlite3_column_text (stmt, 1);
      values[1] = (const char *) sqlite3_column_text (stmt, 2);
      g_snprintf (id_text, sizeof id_text, "%d", sqlite3_column_int (stmt, 3));
      values[2] = id_text;

      added = sp_pg_connection_query (push->conn, insert, 3, values, error);
      if (added == NULL)
        return FALSE;
      found = sp_pg_connection_query (push->conn, lookup, 1, &values[1], error);
      if (found == NULL)
        return FALSE;
      g_hash_table_insert (ids, GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 0)),
                           GSIZE_TO_POINTER (g_ascii_strtoll (PQgetvalue (found, 0, 0), NULL,
                                                              10)));
    }

  return step == SP_STEP_DONE;
}

/* The text of column @i of @stmt for libpq, or NULL; @buffer holds numbers */
static const char *
column_text (sqlite3_stmt *stmt,
             int           i,
             char          buffer[G_ASCII_DTOSTR_BUF_SIZE])
{
  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_NULL:
      return NULL;
    case SQLITE_INTEGER:
      g_snprintf (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%" G_GINT64_FORMAT,
                  (gint64) sqlite3_column_int64 (stmt, i));
      return buffer;
    case SQLITE_FLOAT:
      return g_ascii_dtostr (buffer, G_ASCII_DTOSTR_BUF_SIZE, sqlite3_column_double (stmt, i));
    default:
      return (const char *) sqlite3_column_text (stmt, i);
    }
}

/* An id column of @stmt, mapped to the server's */
static const char *
mapped_id (sqlite3_stmt *stmt,
           int           i,
           GHashTable   *ids,
           char          buffer[G_ASCII_DTOSTR_BUF_SIZE])
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;

  g_snprintf (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%" G_GINT64_FORMAT,
              map_id (ids, sqlite3_column_int64 (stmt, i)));
  return buffer;
}

#define CONTACT_COLUMNS(P) \
  P "received_at, " P "channel, " P "agent_id, " P "customer_id, " P "category_id, " \
  P "priority, " P "first_response_at, " P "resolved_at, " P "resolved_first_contact, " \
  P "escalated, " P "talk_min, " P "hold_min, " P "wrap_min, " P "complaint, " P "note, " \
  P "fr_open, " P "res_open"
#define N_CONTACT_COLUMNS 17

static gboolean
push_contacts (Push    *push,
               GError **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  char buffers[N_CONTACT_COLUMNS + 5][G_ASCII_DTOSTR_BUF_SIZE];
  SpStep step;

  stmt = sp_store_prepare_uncached (push->store,
    "SELECT " CONTACT_COLUMNS ("c.") ", e.contact_id IS NOT NULL, e.escalated_at, e.escalated_to,"
    " e.reason, e.resolved_at"
    " FROM contacts AS c LEFT JOIN escalations AS e ON e.contact_id = c.id"
    " ORDER BY c.received_at, c.id",
    error);
  if (stmt == NULL)
    return FALSE;

  while ((step = sp_store_step (push->store, stmt, error)) == SP_STEP_ROW)
    {
      g_autoptr(PGresult) added = NULL;
      const char *values[N_CONTACT_COLUMNS];

      for (int i = 0; i < N_CONTACT_COLUMNS; i++)
        values[i] = column_text (stmt, i, buffers[i]);
      values[2] = mapped_id (stmt, 2, push->agents, buffers[2]);
      values[3] = mapped_id (stmt, 3, push->customers, buffers[3]);
      values[4] = mapped_id (stmt, 4, push->categories, buffers[4]);

      added = sp_pg_connection_query (push->conn,
        "INSERT INTO contacts (" CONTACT_COLUMNS ("") ")"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
        " RETURNING id",
        N_CONTACT_COLUMNS, values, error);
      if (added == NULL)
        return FALSE;

      if (values[3] != NULL)
        {
          gint64 customer = g_ascii_strtoll (values[3], NULL, 10);

          g_array_append_val (push->touched, customer);
        }

      if (sqlite3_column_int (stmt, N_CONTACT_COLUMNS) != 0)
        {
          g_autoptr(PGresult) escalated = NULL;
          const char *more[5];

          more[0] = PQgetvalue (added, 0, 0);
          for (int i = 1; i < 5; i++)
            more[i] = column_text (stmt, N_CONTACT_COLUMNS + i, buffers[N_CONTACT_COLUMNS + i]);
          escalated = sp_pg_connection_query (push->conn,
            "INSERT INTO escalations (contact_id, escalated_at, escalated_to, reason, resolved_at)"
            " VALUES ($1, $2, $3, $4, $5)",
            5, more, error);
          if (escalated == NULL)
            return FALSE;
        }
    }

  return step == SP_STEP_DONE;
}

#define SURVEY_COLUMNS \
  "answered_at, kind, score, customer_id, agent_id, channel, category_id, comment, contact_id"
#define N_SURVEY_COLUMNS 9

static gboolean
push_surveys (Push    *push,
              GError **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  char buffers[N_SURVEY_COLUMNS][G_ASCII_DTOSTR_BUF_SIZE];
  SpStep step;

  stmt = sp_store_prepare_uncached (push->store,
                                    "SELECT " SURVEY_COLUMNS " FROM surveys"
                                    " ORDER BY answered_at, id",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((step = sp_store_step (push->store, stmt, error)) == SP_STEP_ROW)
    {
      g_autoptr(PGresult) added = NULL;
      const char *values[N_SURVEY_COLUMNS];

      for (int i = 0; i < N_SURVEY_COLUMNS; i++)
        values[i] = column_text (stmt, i, buffers[i]);
      values[3] = mapped_id (stmt, 3, push->customers, buffers[3]);
      values[4] = mapped_id (stmt, 4, push->agents, buffers[4]);
      values[6] = mapped_id (stmt, 6, push->categories, buffers[6]);

      added = sp_pg_connection_query (push->conn,
        "INSERT INTO surveys (" SURVEY_COLUMNS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        N_SURVEY_COLUMNS, values, error);
      if (added == NULL)
        return FALSE;
    }

  return step == SP_STEP_DONE;
}

/*
 * The repeat flags of every contact of the customers concerned: the
 * previous and next contact of the same customer and topic, in
 * (received_at, id) order, within 7 × 24 h (KPI-SPEC §4).  The same
 * statement as sp_store_refresh_marked(), in PostgreSQL's dialect.
 */
static gboolean
refresh_repeats (Push    *push,
                 GError **error)
{
  g_autoptr(GString) list = g_string_new ("{");
  g_autoptr(PGresult) result = NULL;
  const char *values[1];

  if (push->touched->len == 0)
    return TRUE;

  for (guint i = 0; i < push->touched->len; i++)
    g_string_append_printf (list, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT,
                            g_array_index (push->touched, gint64, i));
  g_string_append_c (list, '}');
  values[0] = list->str;

  result = sp_pg_connection_query (push->conn,
    "UPDATE contacts SET is_repeat = w.r, followed_up = w.f"
    " FROM (SELECT id,"
    "        coalesce ((received_at - lag (received_at) OVER win <= 604800)::integer, 0) AS r,"
    "        coalesce ((lead (received_at) OVER win - received_at <= 604800)::integer, 0) AS f"
    "       FROM contacts"
    "       WHERE customer_id = ANY ($1::bigint[])"
    "       WINDOW win AS (PARTITION BY customer_id, category_id ORDER BY received_at, id)) AS w"
    " WHERE contacts.id = w.id AND (contacts.is_repeat <> w.r OR contacts.followed_up <> w.f)",
    1, values, error);
  return result != NULL;
}

/* The largest id of each names table, from the copy of the server's */
static gboolean
get_seeded (SpStore  *store,
            gint64    seeded[G_N_ELEMENTS (entity_tables)],
            GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_tables); i++)
    {
      g_autoptr(SpStmt) stmt = sp_store_prepare_uncached (store, entity_tables[i].seeded, error);

      if (stmt == NULL || sp_store_step (store, stmt, error) != SP_STEP_ROW)
        return FALSE;
      seeded[i] = sqlite3_column_int64 (stmt, 0);
    }

  return TRUE;
}

static gboolean
import_checked (SpPgConnection  *conn,
                SpStore         *store,
                SpImportKind     kind,
                const char      *path,
                guint           *n_imported,
                GError         **error)
{
  g_autoptr(GHashTable) agents = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) customers = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) categories = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTable *maps[] = { agents, customers, categories };
  gint64 seeded[G_N_ELEMENTS (entity_tables)];
  Push push = { conn, store, agents, customers, categories, touched };
  gboolean ok;

  /* the server's names and settings, as one moment of them */
  if (!sp_pg_connection_begin (conn, TRUE, error))
    return FALSE;
  ok = sp_store_begin (store, error);
  if (ok)
    {
      ok = sp_pg_copy_to_store (conn, store, SP_PG_COPY_NAMES, error) &&
           sp_store_commit (store, error);
      if (!ok)
        sp_store_rollback (store);
    }
  sp_pg_connection_rollback (conn);
  if (!ok || !get_seeded (store, seeded, error))
    return FALSE;

  /* every row checked as for a file, all or nothing */
  if (!sp_import_file (store, kind, path, n_imported, error))
    return FALSE;

  if (!sp_pg_connection_begin (conn, FALSE, error))
    return FALSE;

  ok = sp_pg_lock_writes (conn, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (entity_tables); i++)
    ok = push_names (&push, i, maps[i], seeded[i], error);
  if (ok)
    ok = kind == SP_IMPORT_CONTACTS ? push_contacts (&push, error) && refresh_repeats (&push, error)
                                    : push_surveys (&push, error);
  if (!ok || !sp_pg_connection_commit (conn, error))
    {
      sp_pg_connection_rollback (conn);
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_pg_import_file:
 * @n_imported: (out) (optional): how many rows were imported
 *
 * Imports contacts or survey answers into the server's shop, all or
 * nothing, as sp_import_file() does into a file.  Importing is the
 * owner's.
 */
gboolean
sp_pg_import_file (SpPgConnection  *conn,
                   SpImportKind     kind,
                   const char      *path,
                   guint           *n_imported,
                   GError         **error)
{
  g_autoptr(SpStore) store = NULL;
  g_autofree char *file = NULL;
  char *dir;
  SpPgRole role;
  gboolean ok;

  g_return_val_if_fail (SP_IS_PG_CONNECTION (conn), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!sp_pg_check_schema (conn, error))
    return FALSE;

  role = sp_pg_connection_get_role (conn, error);
  if (role == SP_PG_ROLE_NONE && error != NULL && *error != NULL)
    return FALSE;
  if (role != SP_PG_ROLE_OWNER)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   /* TRANSLATORS: %s is the login's name */
                   _("Only the shop’s owner may import; the login “%s” is not in the owner’s "
                     "group."),
                   sp_pg_connection_get_user (conn));
      return FALSE;
    }

  if (kind != SP_IMPORT_CONTACTS && kind != SP_IMPORT_SURVEYS)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_USAGE,
                   /* TRANSLATORS: said when a verb other than importing contacts or survey
                    * answers is tried */
                   _("Only contacts and survey answers can be imported into a shop on a server "
                     "so far."));
      return FALSE;
    }

  dir = sp_pg_make_temp_dir (error);
  if (dir == NULL)
    return FALSE;
  file = g_build_filename (dir, "shop.db", NULL);

  store = sp_store_open (file, SP_STORE_OPEN_DEFAULT, error);
  ok = store != NULL && import_checked (conn, store, kind, path, n_imported, error);
  g_clear_object (&store);
  sp_pg_remove_temp_dir (dir);

  return ok;
}
