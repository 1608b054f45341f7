/* sp-store-statements.c
 *
 * The statement wrapper of the store: cached statements, stepping and
 * running them, collecting their rows, and binding and reading values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sp-error.h"
#include "sp-store-private.h"

sqlite3 *
sp_store_get_handle (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return self->db;
}

SpStmt *
sp_store_prepare_uncached (SpStore     *self,
                           const char  *sql,
                           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_critical ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      sp_store_set_error (self, rc, error);
      return NULL;
    }

  return stmt;
}

/*
 * Returns a prepared statement owned by the store.  Use it with
 * g_autoptr(SpStmt) so that it is reset when it goes out of scope.
 */
SpStmt *
sp_store_prepare (SpStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_critical ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      sp_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Statements of the connection's own scratch tables, never the shop's */
static gboolean
writes_only_temp (SpStmt *stmt)
{
  const char *sql = sqlite3_sql (stmt);

  return g_ascii_strncasecmp (sql, "PRAGMA", 6) == 0 || strstr (sql, "temp.") != NULL ||
         strstr (sql, "TEMP TABLE") != NULL || strstr (sql, "TEMP TRIGGER") != NULL;
}

SpStep
sp_store_step (SpStore  *self,
               SpStmt   *stmt,
               GError  **error)
{
  int rc;

  /* a write outside a transaction would not reach the server (see sp_store_run) */
  if (G_UNLIKELY (self->replica != NULL && self->depth == 0 && !sqlite3_stmt_readonly (stmt) &&
                  sqlite3_stmt_busy (stmt) == 0 && !writes_only_temp (stmt)))
    g_warning ("A write outside a transaction on a copy of a server's shop: %s",
               sqlite3_sql (stmt));

  rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return SP_STEP_ROW;
  if (rc == SQLITE_DONE)
    return SP_STEP_DONE;

  sp_store_set_error (self, sqlite3_extended_errcode (self->db), error);
  return SP_STEP_ERROR;
}

/*
 * A copy of a server's shop writes only in transactions, which also write
 * to the server: a statement that writes outside one gets one of its own.
 */
static gboolean
begin_if_alone (SpStore  *self,
                SpStmt   *stmt,
                gboolean *began,
                GError  **error)
{
  *began = self->replica != NULL && self->depth == 0 && sqlite3_get_autocommit (self->db) &&
           !sqlite3_stmt_readonly (stmt) && !writes_only_temp (stmt);
  return !*began || sp_store_begin (self, error);
}

static gboolean
end_if_alone (SpStore  *self,
              gboolean  began,
              gboolean  ok,
              GError  **error)
{
  if (!began)
    return ok;
  if (!ok)
    {
      sp_store_rollback (self);
      return FALSE;
    }
  return sp_store_commit (self, error);
}

static gboolean
run_to_end (SpStore  *self,
            SpStmt   *stmt,
            GError  **error)
{
  SpStep step;

  while ((step = sp_store_step (self, stmt, error)) == SP_STEP_ROW)
    ;

  return step == SP_STEP_DONE;
}

/* Steps a statement that returns no rows. */
gboolean
sp_store_run (SpStore  *self,
              SpStmt   *stmt,
              GError  **error)
{
  gboolean began;

  if (!begin_if_alone (self, stmt, &began, error))
    return FALSE;

  return end_if_alone (self, began, run_to_end (self, stmt, error), error);
}

/*
 * Runs @stmt, which changes one row; when it changed none, fails with
 * %SP_ERROR_NOT_FOUND and the message @missing.
 */
gboolean
sp_store_run_changing (SpStore     *self,
                       SpStmt      *stmt,
                       const char  *missing,
                       GError     **error)
{
  gboolean began;
  gboolean ok;

  if (!begin_if_alone (self, stmt, &began, error))
    return FALSE;

  ok = run_to_end (self, stmt, error);
  if (ok && sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND, missing);
      ok = FALSE;
    }

  return end_if_alone (self, began, ok, error);
}

/*
 * Runs @stmt, whose RETURNING clause gives the id of the row it wrote, into
 * @id; when it wrote none, fails with %SP_ERROR_NOT_FOUND and the message
 * @missing.
 */
static gboolean
run_returning_id (SpStore     *self,
                  SpStmt      *stmt,
                  gint64      *id,
                  const char  *missing,
                  GError     **error)
{
  switch (sp_store_step (self, stmt, error))
    {
    case SP_STEP_ROW:
      *id = sqlite3_column_int64 (stmt, 0);
      break;
    case SP_STEP_DONE:
      g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND, missing);
      return FALSE;
    case SP_STEP_ERROR:
    default:
      return FALSE;
    }

  /* finish the statement so that RETURNING has written its row */
  return sp_store_step (self, stmt, error) != SP_STEP_ERROR;
}

gboolean
sp_store_run_returning_id (SpStore     *self,
                           SpStmt      *stmt,
                           gint64      *id,
                           const char  *missing,
                           GError     **error)
{
  gboolean began;

  if (!begin_if_alone (self, stmt, &began, error))
    return FALSE;

  return end_if_alone (self, began, run_returning_id (self, stmt, id, missing, error), error);
}

/*
 * Runs @stmt, a write whose RETURNING clause gives the id and the new
 * revision of the row it wrote, into @id and @revision.  When it wrote
 * none, the row is looked for with @exists_sql (a SELECT with the id as
 * ?1): when it is there, someone else saved it since it was read (the
 * revision did not match), %SP_ERROR_CHANGED with @changed; otherwise
 * %SP_ERROR_NOT_FOUND with @missing.
 */
gboolean
sp_store_run_revised (SpStore     *self,
                      SpStmt      *stmt,
                      const char  *exists_sql,
                      gint64      *id,
                      gint64      *revision,
                      const char  *missing,
                      const char  *changed,
                      GError     **error)
{
  g_autoptr(SpStmt) exists = NULL;
  gint64 wanted = *id;

  switch (sp_store_step (self, stmt, error))
    {
    case SP_STEP_ROW:
      *id = sqlite3_column_int64 (stmt, 0);
      *revision = sqlite3_column_int64 (stmt, 1);
      /* finish the statement so that RETURNING has written its row */
      return sp_store_step (self, stmt, error) != SP_STEP_ERROR;
    case SP_STEP_DONE:
      break;
    case SP_STEP_ERROR:
    default:
      return FALSE;
    }

  if (!(exists = sp_store_prepare (self, exists_sql, error)))
    return FALSE;

  sqlite3_bind_int64 (exists, 1, wanted);
  switch (sp_store_step (self, exists, error))
    {
    case SP_STEP_ROW:
      g_set_error_literal (error, SP_ERROR, SP_ERROR_CHANGED, changed);
      return FALSE;
    case SP_STEP_DONE:
      g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND, missing);
      return FALSE;
    case SP_STEP_ERROR:
    default:
      return FALSE;
    }
}

/*
 * Deletes the row that @sql (a DELETE with the id as ?1) names, and notes
 * @changes; when there is none, fails with %SP_ERROR_NOT_FOUND and the
 * message @missing.
 */
gboolean
sp_store_delete_by_id (SpStore         *self,
                       const char      *sql,
                       gint64           id,
                       SpStoreChanges   changes,
                       const char      *missing,
                       GError         **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  /* a transaction of its own (a savepoint inside another): a server's shop writes only in one */
  if (!sp_store_begin (self, error))
    return FALSE;

  if (!sp_store_run_changing (self, stmt, missing, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  sp_store_note_changes (self, changes);
  return sp_store_commit (self, error);
}

/*
 * Steps a statement whose first column is an id, handing the ids to @func
 * in chunks: a small first one, for what is shown first, then large ones.
 */
gboolean
sp_store_scan_ids (SpStore    *self,
                   SpStmt     *stmt,
                   SpIdsFunc   func,
                   gpointer    user_data,
                   GError    **error)
{
  enum { FIRST_CHUNK = 64, CHUNK = 65536 };
  g_autofree gint64 *chunk = g_new (gint64, CHUNK);
  guint size = FIRST_CHUNK;
  guint n = 0;
  SpStep step;

  while ((step = sp_store_step (self, stmt, error)) == SP_STEP_ROW)
    {
      chunk[n++] = sqlite3_column_int64 (stmt, 0);

      if (n == size)
        {
          if (!func (chunk, n, user_data))
            goto cancelled;
          n = 0;
          size = CHUNK;
        }
    }

  if (step == SP_STEP_ERROR)
    return FALSE;

  if (n > 0 && !func (chunk, n, user_data))
    goto cancelled;

  return TRUE;

cancelled:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped."));
  return FALSE;
}

/*
 * Steps @stmt once and builds its row with @from_row; when it has none,
 * fails with %SP_ERROR_NOT_FOUND and the message @missing.
 */
gpointer
sp_store_read_row (SpStore     *self,
                   SpStmt      *stmt,
                   SpRowFunc    from_row,
                   const char  *missing,
                   GError     **error)
{
  SpStep step = sp_store_step (self, stmt, error);

  if (step == SP_STEP_ROW)
    return from_row (stmt);

  if (step == SP_STEP_DONE)
    g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND, missing);
  return NULL;
}

/* Steps @stmt to its end, building each row with @from_row. */
GPtrArray *
sp_store_collect_rows (SpStore         *self,
                       SpStmt          *stmt,
                       SpRowFunc        from_row,
                       GDestroyNotify   free_func,
                       GError         **error)
{
  g_autoptr(GPtrArray) ar = g_ptr_array_new_with_free_func (free_func);
  SpStep step;

  while ((step = sp_store_step (self, stmt, error)) == SP_STEP_ROW)
    g_ptr_array_add (ar, from_row (stmt));

  if (step == SP_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&ar);
}

/*
 * Reads the row of each of @ids in turn, binding it as ?1 of @stmt, in the
 * order of @ids; an id without a row (deleted since) is skipped.
 */
GPtrArray *
sp_store_collect_rows_by_id (SpStore         *self,
                             SpStmt          *stmt,
                             const gint64    *ids,
                             guint            n_ids,
                             SpRowFunc        from_row,
                             GDestroyNotify   free_func,
                             GError         **error)
{
  g_autoptr(GPtrArray) ar = g_ptr_array_new_full (n_ids, free_func);

  for (guint i = 0; i < n_ids; i++)
    {
      SpStep step;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      step = sp_store_step (self, stmt, error);

      if (step == SP_STEP_ERROR)
        return NULL;
      if (step == SP_STEP_ROW)
        g_ptr_array_add (ar, from_row (stmt));
    }

  return g_steal_pointer (&ar);
}

/* An SpIdsFunc that appends the ids to the GArray of gint64 @user_data. */
gboolean
sp_store_append_ids (const gint64 *ids,
                     guint         n_ids,
                     gpointer      user_data)
{
  g_array_append_vals (user_data, ids, n_ids);
  return TRUE;
}

gboolean
sp_store_exec (SpStore     *self,
               const char  *sql,
               GError     **error)
{
  char *message = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  sqlite3_free (message);

  if (rc != SQLITE_OK)
    {
      sp_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }

  return TRUE;
}

void
sp_bind_text (SpStmt     *stmt,
              int         index,
              const char *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

void
sp_bind_time (SpStmt *stmt,
              int     index,
              SpTime  value)
{
  if (value == SP_TIME_NONE)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

void
sp_bind_double (SpStmt *stmt,
                int     index,
                double  value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

void
sp_bind_id (SpStmt *stmt,
            int     index,
            gint64  value)
{
  if (value <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

SpTime
sp_column_time (SpStmt *stmt,
                int     index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return SP_TIME_NONE;
  return sqlite3_column_int64 (stmt, index);
}

SpDate
sp_column_date (SpStmt *stmt,
                int     index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return SP_DATE_NONE;
  return sqlite3_column_int (stmt, index);
}

double
sp_column_double (SpStmt *stmt,
                  int     index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, index);
}

char *
sp_column_dup_text (SpStmt *stmt,
                    int     index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text ? g_strdup ((const char *) text) : NULL;
}
