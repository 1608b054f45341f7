/* sp-pg-copy.c
 *
 * Copies a shop between a SQLite file and a PostgreSQL server, table by
 * table and column by column, and compares the two.  Only the records
 * travel: each side computes its own totals with its own triggers, so
 * that comparing the totals afterwards checks both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-pg"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sp-error.h"
#include "sp-pg-copy.h"
#include "sp-pg-schema.h"
#include "sp-pg-tables.h"
#include "sp-store-private.h"

typedef SpPgTable Table;

/* A table of the fixed list: its names are literals, and so are its SELECTs */
#define TABLE(name, columns, order, identity, names) \
  TABLE_KEYED (name, columns, order, order, identity, names)
/* A table the file keeps in another order than the key both sides compare by */
#define TABLE_KEYED(name, columns, order, file_order, identity, names) \
  { name, columns, order, identity, names, "SELECT " columns " FROM " name " ORDER BY " order, \
    "SELECT " columns " FROM " name " ORDER BY " file_order }

/* In the order their references need */
const SpPgTable sp_pg_record_tables[SP_PG_N_RECORD_TABLES] = {
  /* those of the shop; a computer's own (the second backup folder, Undo) stay where they are */
  { "settings", "key, value", "key", FALSE, TRUE, SP_PG_SHARED_SETTINGS, SP_PG_SHARED_SETTINGS },
  TABLE ("agents", "id, name, name_key, active", "id", TRUE, TRUE),
  TABLE ("customers", "id, name, name_key, active, email, phone, forgotten", "id", TRUE, TRUE),
  TABLE ("categories", "id, name, name_key, active", "id", TRUE, TRUE),
  TABLE_KEYED ("contacts", "received_at, id, channel, agent_id, customer_id, category_id, priority,"
    " first_response_at, resolved_at, resolved_first_contact, escalated, talk_min, hold_min,"
    " wrap_min, complaint, note, is_repeat, followed_up, fr_open, res_open, revision", "id",
    "received_at, id", TRUE, FALSE),
  TABLE ("escalations", "contact_id, escalated_at, escalated_to, reason, resolved_at", "contact_id",
    FALSE, FALSE),
  TABLE_KEYED ("surveys", "answered_at, id, kind, score, customer_id, agent_id, channel, category_id,"
    " comment, contact_id, revision", "id", "answered_at, id", TRUE, FALSE),
  TABLE ("shifts", "id, date, agent_id, available_hours, revision", "id", TRUE, FALSE),
  TABLE ("month_figures", "month, first_day, last_day, operating_cost, customers_start,"
    " customers_lost, customers_new", "month", FALSE, FALSE),
  TABLE ("review_notes", "id, cadence, period_from, period_to, topic, kpi, body, target, current,"
    " updated_at", "id", TRUE, FALSE),
  TABLE ("goals", "id, kpi, segment, agent_id, channel, category_id, direction, target, start_day,"
    " due_day, baseline_estimate, objective, objective_text, state, state_day, state_reason,"
    " created_at", "id", TRUE, FALSE),
  TABLE ("goal_events", "id, goal_id, at, kind, old_target, new_target, old_due, new_due, reason",
    "id", TRUE, FALSE),
  TABLE ("goal_notes", "id, goal_id, day, body, value, status, created_at", "id", TRUE, FALSE),
  TABLE ("opening_schedules", "valid_from", "valid_from", FALSE, TRUE),
  TABLE ("opening_intervals", "valid_from, weekday, opens, closes", "valid_from, weekday, opens",
    FALSE, TRUE),
  TABLE ("closed_days", "date, name", "date", FALSE, TRUE),
};

#define record_tables sp_pg_record_tables

#define KPI_TOTALS \
  "agent_id, channel, category_id, n, complaints, repeats, fcr_ok, escalated, fr_n, fr_sum," \
  " fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum, handle_sq, sla_within, unanswered," \
  " no_customer, no_outcome, incomplete, ofr_sum, ofr_sq, ores_sum, ores_sq, osla_within"
#define SURVEY_TOTALS \
  "agent_id, channel, category_id, n, csat_n, csat_good, nps_n, promoters, detractors, ces_n," \
  " ces_sum, ces_sq"
#define TOTALS_KEY(T) T ", agent_id, channel, category_id"

/* The totals each side keeps by itself */
static const Table total_tables[] = {
  TABLE ("kpi_days", "day, " KPI_TOTALS, TOTALS_KEY ("day"), FALSE, FALSE),
  TABLE ("kpi_months", "month, " KPI_TOTALS, TOTALS_KEY ("month"), FALSE, FALSE),
  TABLE ("survey_days", "day, " SURVEY_TOTALS, TOTALS_KEY ("day"), FALSE, FALSE),
  TABLE ("survey_months", "month, " SURVEY_TOTALS, TOTALS_KEY ("month"), FALSE, FALSE),
  TABLE ("contact_hours", "day, hour, n", "day, hour", FALSE, FALSE),
  TABLE ("resolved_days", "day, agent_id, channel, category_id, n", TOTALS_KEY ("day"),
         FALSE, FALSE),
  TABLE ("resolved_months", "month, agent_id, channel, category_id, n", TOTALS_KEY ("month"),
         FALSE, FALSE),
};

static char *
select_sql (const Table *table)
{
  return g_strdup (table->select);
}

/* COPY's text format: a backslash escapes the characters that separate values */
static void
append_copy_text (GString    *line,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (line, "\\\\");
          break;
        case '\t':
          g_string_append (line, "\\t");
          break;
        case '\n':
          g_string_append (line, "\\n");
          break;
        case '\r':
          g_string_append (line, "\\r");
          break;
        default:
          g_string_append_c (line, *p);
        }
    }
}

static void
append_copy_value (GString      *line,
                   sqlite3_stmt *stmt,
                   int           column)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_string_append (line, "\\N");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (line, "%" G_GINT64_FORMAT,
                              (gint64) sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      /* the shortest text that reads back as the same double */
      g_string_append (line, g_ascii_dtostr (number, sizeof number,
                                             sqlite3_column_double (stmt, column)));
      break;
    default:
      append_copy_text (line, (const char *) sqlite3_column_text (stmt, column));
    }
}

/* Sends the rows of @stmt to @table on the server with COPY, in the transaction under way */
static gboolean
copy_rows_in (SpPgConnection   *conn,
                    SpStore          *store,
                    const SpPgTable  *table,
                    SpStmt           *stmt,
                    GError          **error)
{
  PGconn *pg = sp_pg_connection_get_handle (conn);
  g_autoptr(PGresult) started = NULL;
  g_autoptr(PGresult) finished = NULL;
  g_autoptr(GString) line = g_string_sized_new (256);
  g_autofree char *copy = g_strdup_printf ("COPY %s (%s) FROM STDIN", table->name,
                                           table->columns);
  int n_columns = sqlite3_column_count (stmt);
  SpStep step;

  started = PQexec (pg, copy);
  if (PQresultStatus (started) != PGRES_COPY_IN)
    {
      sp_pg_set_error (pg, started, error);
      return FALSE;
    }

  while ((step = sp_store_step (store, stmt, error)) == SP_STEP_ROW)
    {
      g_string_truncate (line, 0);
      for (int i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (line, '\t');
          append_copy_value (line, stmt, i);
        }
      g_string_append_c (line, '\n');
      if (PQputCopyData (pg, line->str, (int) line->len) != 1)
        break;
    }

  if (PQputCopyEnd (pg, step == SP_STEP_ERROR ? "the local shop could not be read" : NULL) != 1)
    {
      sp_pg_set_error (pg, NULL, error);
      return FALSE;
    }

  finished = PQgetResult (pg);
  while (PQgetResult (pg) != NULL)
    ;
  if (step == SP_STEP_ERROR)
    return FALSE;
  if (PQresultStatus (finished) != PGRES_COMMAND_OK)
    {
      sp_pg_set_error (pg, finished, error);
      /* TRANSLATORS: %s is a table's name; the reason follows */
      g_prefix_error (error, _("Copying the table “%s” failed: "), table->name);
      return FALSE;
    }

  return TRUE;
}

/* A value of @stmt's row as text for the server; %NULL for NULL */
char *
sp_pg_dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      return NULL;
    case SQLITE_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
    case SQLITE_FLOAT:
      {
        char number[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (number, sizeof number,
                                         sqlite3_column_double (stmt, column)));
      }
    default:
      return g_strdup ((const char *) sqlite3_column_text (stmt, column));
    }
}

/**
 * sp_pg_insert_rows:
 * @stmt: rows of @store, with @table's columns in their order
 *
 * Adds the rows of @stmt to @table on the server by INSERTs of many rows
 * each, in the transaction under way.  COPY is quicker, but the server
 * refuses it where row-level security decides (sp_pg_copy_from_store()
 * uses it for the account that set the server up).
 */
gboolean
sp_pg_insert_rows (SpPgConnection   *conn,
                   SpStore          *store,
                   const SpPgTable  *table,
                   SpStmt           *stmt,
                   GError          **error)
{
  enum { ROWS_AT_ONCE = 200 };
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) insert = g_string_new (NULL);
  guint n_columns = (guint) sqlite3_column_count (stmt);
  SpStep step;

  do
    {
      g_autoptr(PGresult) result = NULL;
      guint n_rows = 0;

      g_ptr_array_set_size (values, 0);
      while (n_rows < ROWS_AT_ONCE && (step = sp_store_step (store, stmt, error)) == SP_STEP_ROW)
        {
          for (guint i = 0; i < n_columns; i++)
            g_ptr_array_add (values, sp_pg_dup_column_text (stmt, (int) i));
          n_rows++;
        }
      if (step == SP_STEP_ERROR)
        return FALSE;
      if (n_rows == 0)
        break;

      /* only the names of the fixed table list, and numbered places for the values */
      g_string_printf (insert, "INSERT INTO %s (%s) VALUES ", table->name, table->columns);
      for (guint r = 0; r < n_rows; r++)
        {
          g_string_append (insert, r > 0 ? ", (" : "(");
          for (guint i = 0; i < n_columns; i++)
            g_string_append_printf (insert, i > 0 ? ", $%u" : "$%u", r * n_columns + i + 1);
          g_string_append_c (insert, ')');
        }

      result = sp_pg_connection_query (conn, insert->str, (int) values->len,
                                       (const char *const *) values->pdata, error);
      if (result == NULL)
        return FALSE;
    }
  while (step == SP_STEP_ROW);

  return TRUE;
}

static gboolean
copy_table_in (SpPgConnection  *conn,
               SpStore         *store,
               const Table     *table,
               GError         **error)
{
  g_autofree char *select = select_sql (table);
  g_autoptr(SpStmt) stmt = NULL;

  stmt = sp_store_prepare_uncached (store, select, error);
  if (stmt == NULL ||
      !(sp_pg_connection_owns_tables (conn) ? copy_rows_in (conn, store, table, stmt, error)
                                            : sp_pg_insert_rows (conn, store, table, stmt, error)))
    {
      if (stmt != NULL)
        sqlite3_finalize (g_steal_pointer (&stmt));
      return FALSE;
    }
  sqlite3_finalize (g_steal_pointer (&stmt));

  return TRUE;
}

/**
 * sp_pg_copy_from_store:
 *
 * Copies every record of @store into the server's empty tables, in the
 * transaction under way.
 */
gboolean
sp_pg_copy_from_store (SpPgConnection  *conn,
                       SpStore         *store,
                       GError         **error)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (conn), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (record_tables); i++)
    if (!copy_table_in (conn, store, &record_tables[i], error))
      return FALSE;

  return sp_pg_connection_exec (conn, "SELECT sp_sync_ids ()", error);
}

void
sp_pg_bind_value (sqlite3_stmt   *stmt,
               int             index,
               const PGresult *row,
               int             column)
{
  const char *value;

  if (PQgetisnull (row, 0, column))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  value = PQgetvalue (row, 0, column);
  switch (PQftype (row, column))
    {
    case 20:   /* int8 */
    case 21:   /* int2 */
    case 23:   /* int4 */
      sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (value, NULL, 10));
      break;
    case 700:  /* float4 */
    case 701:  /* float8 */
      sqlite3_bind_double (stmt, index, g_ascii_strtod (value, NULL));
      break;
    default:
      sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
    }
}

static gboolean
copy_table_out (SpPgConnection  *conn,
                SpStore         *store,
                const Table     *table,
                GError         **error)
{
  PGconn *pg = sp_pg_connection_get_handle (conn);
  const char *select = table->load;
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(SpStmt) stmt = NULL;
  g_auto(GStrv) columns = g_strsplit (table->columns, ",", -1);
  guint n_columns = g_strv_length (columns);
  gboolean ok = TRUE;
  PGresult *row;

  g_string_printf (insert, "INSERT OR REPLACE INTO %s (%s) VALUES (", table->name,
                   table->columns);
  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (insert, i > 0 ? ", ?%u" : "?%u", i + 1);
  g_string_append_c (insert, ')');

  stmt = sp_store_prepare_uncached (store, insert->str, error);
  if (stmt == NULL)
    return FALSE;

  /* a row at a time: a million contacts need not fit in memory at once */
  if (!PQsendQueryParams (pg, select, 0, NULL, NULL, NULL, NULL, 0) || !PQsetSingleRowMode (pg))
    {
      sp_pg_set_error (pg, NULL, error);
      return FALSE;
    }

  while ((row = PQgetResult (pg)) != NULL)
    {
      ExecStatusType status = PQresultStatus (row);

      if (ok && status == PGRES_SINGLE_TUPLE)
        {
          sqlite3_reset (stmt);
          for (guint i = 0; i < n_columns; i++)
            sp_pg_bind_value (stmt, (int) i + 1, row, (int) i);
          ok = sp_store_run (store, stmt, error);
          if (!ok)
            /* TRANSLATORS: %s is a table's name; the reason follows */
            g_prefix_error (error, _("Copying the table “%s” failed: "), table->name);
        }
      else if (ok && status != PGRES_TUPLES_OK)
        {
          sp_pg_set_error (pg, row, error);
          ok = FALSE;
        }
      PQclear (row);
    }

  return ok;
}

/**
 * sp_pg_copy_to_store:
 *
 * Copies the server's records into @store, a shop with none, in the
 * transaction under way on each side; the file computes its totals from
 * them by itself.
 */
gboolean
sp_pg_copy_to_store (SpPgConnection  *conn,
                     SpStore         *store,
                     SpPgCopyWhat     what,
                     GError         **error)
{
  g_autoptr(GPtrArray) triggers = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  g_autoptr(SpStmt) stmt = NULL;
  gint64 cache_size = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (SP_IS_PG_CONNECTION (conn), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  /* into an empty file, the records go in by the file's own key with no other index to keep
   * and no totals: each index is then built, and each total summed, once at the end; a
   * larger cache keeps what the file changes in memory until then */
  if (what == SP_PG_COPY_RECORDS)
    {
      stmt = sp_store_prepare_uncached (store, "PRAGMA cache_size", error);
      if (stmt == NULL || sp_store_step (store, stmt, error) != SP_STEP_ROW)
        return FALSE;
      cache_size = sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);

      if (!sp_store_exec (store, "PRAGMA cache_size = -131072", error) ||
          !sp_store_suspend_totals (store, &triggers, error) ||
          !sp_store_suspend_indexes (store, &indexes, error))
        ok = FALSE;
    }

  for (guint i = 0; ok && i < G_N_ELEMENTS (record_tables); i++)
    {
      if (what == SP_PG_COPY_NAMES && !record_tables[i].names)
        continue;
      ok = copy_table_out (conn, store, &record_tables[i], error);
    }

  if (ok && indexes != NULL)
    ok = sp_store_resume_indexes (store, indexes, error);
  if (ok && triggers != NULL)
    ok = sp_store_resume_totals (store, triggers, error);

  if (what == SP_PG_COPY_RECORDS)
    {
      g_autofree char *reset = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT,
                                                cache_size);

      sp_store_exec (store, reset, NULL);
    }

  return ok;
}

/* How many records the server holds, settings aside */
gboolean
sp_pg_count_records (SpPgConnection  *conn,
                     gint64          *n_records,
                     GError         **error)
{
  /* every table of record_tables but settings */
  static const char sql[] =
    "SELECT (SELECT count(*) FROM agents) + (SELECT count(*) FROM customers)"
    " + (SELECT count(*) FROM categories) + (SELECT count(*) FROM contacts)"
    " + (SELECT count(*) FROM escalations) + (SELECT count(*) FROM surveys)"
    " + (SELECT count(*) FROM shifts) + (SELECT count(*) FROM month_figures)"
    " + (SELECT count(*) FROM review_notes) + (SELECT count(*) FROM goals)"
    " + (SELECT count(*) FROM goal_events) + (SELECT count(*) FROM goal_notes)"
    " + (SELECT count(*) FROM opening_schedules) + (SELECT count(*) FROM opening_intervals)"
    " + (SELECT count(*) FROM closed_days)";

  G_STATIC_ASSERT (SP_PG_N_RECORD_TABLES == 16);

  {
    g_autoptr(PGresult) result = sp_pg_connection_query (conn, sql, 0, NULL, error);

    if (result == NULL)
      return FALSE;
    *n_records = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  }

  return TRUE;
}

static gboolean
values_agree (const char   *pg_value,
              sqlite3_stmt *stmt,
              int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      return pg_value == NULL;
    case SQLITE_INTEGER:
      return pg_value != NULL &&
             g_ascii_strtoll (pg_value, NULL, 10) == sqlite3_column_int64 (stmt, column);
    case SQLITE_FLOAT:
      {
        double a, b;

        if (pg_value == NULL)
          return FALSE;
        /* sums of the same doubles taken in another order: equal to the
         * last few bits */
        a = g_ascii_strtod (pg_value, NULL);
        b = sqlite3_column_double (stmt, column);
        return fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
      }
    default:
      return pg_value != NULL &&
             g_str_equal (pg_value, (const char *) sqlite3_column_text (stmt, column));
    }
}

/*
 * The server's side in the file's order: text keys compared byte by byte,
 * as SQLite does, whatever the database's collation
 */
static char *
pg_select_sql (const Table *table)
{
  g_auto(GStrv) terms = g_strsplit (table->order, ",", -1);
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_printf (sql, "SELECT %s FROM %s ", table->columns, table->name);
  if (g_str_equal (table->name, "settings"))
    g_string_append (sql, "WHERE NOT " LOCAL_SETTING ("key") " ");
  g_string_append (sql, "ORDER BY ");
  for (guint i = 0; terms[i] != NULL; i++)
    {
      const char *term = g_strstrip (terms[i]);
      gboolean text = g_str_equal (term, "channel") ||
                      (g_str_equal (table->name, "settings") && g_str_equal (term, "key")) ||
                      (g_str_equal (table->name, "month_figures") && g_str_equal (term, "month"));

      g_string_append_printf (sql, i > 0 ? ", %s%s" : "%s%s", term, text ? " COLLATE \"C\"" : "");
    }

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
compare_row (const Table    *table,
             const PGresult *row,
             sqlite3_stmt   *stmt,
             gint64          number,
             GError        **error)
{
  for (int i = 0; i < PQnfields (row); i++)
    {
      const char *value = PQgetisnull (row, 0, i) ? NULL : PQgetvalue (row, 0, i);

      if (!values_agree (value, stmt, i))
        {
          g_set_error (error, SP_ERROR, SP_ERROR_CORRUPT,
                       /* TRANSLATORS: the table, the row, the column, the server's value and
                        * the file's */
                       _("The two copies differ in “%s”, row %" PRId64 ", column “%s”: %s on the "
                         "server, %s in the file"),
                       table->name, number, PQfname (row, i), value ? value : "NULL",
                       sqlite3_column_type (stmt, i) == SQLITE_NULL
                         ? "NULL" : (const char *) sqlite3_column_text (stmt, i));
          return FALSE;
        }
    }

  return TRUE;
}

/* Both sides in the same order, a row at a time */
static gboolean
compare_table (SpPgConnection  *conn,
               SpStore         *store,
               const Table     *table,
               GError         **error)
{
  PGconn *pg = sp_pg_connection_get_handle (conn);
  g_autofree char *select = select_sql (table);
  g_autofree char *pg_select = pg_select_sql (table);
  g_autoptr(SpStmt) stmt = NULL;
  gint64 n_server = 0, n_file = 0;
  gboolean ok = TRUE;
  gboolean file_done = FALSE;
  PGresult *row;

  stmt = sp_store_prepare_uncached (store, select, error);
  if (stmt == NULL)
    return FALSE;

  if (!PQsendQueryParams (pg, pg_select, 0, NULL, NULL, NULL, NULL, 0) ||
      !PQsetSingleRowMode (pg))
    {
      sp_pg_set_error (pg, NULL, error);
      return FALSE;
    }

  while ((row = PQgetResult (pg)) != NULL)
    {
      ExecStatusType status = PQresultStatus (row);

      if (ok && status == PGRES_SINGLE_TUPLE)
        {
          n_server++;
          if (!file_done)
            {
              SpStep step = sp_store_step (store, stmt, error);

              if (step == SP_STEP_ERROR)
                ok = FALSE;
              else if (step == SP_STEP_DONE)
                file_done = TRUE;
              else
                {
                  n_file++;
                  ok = compare_row (table, row, stmt, n_file, error);
                }
            }
        }
      else if (ok && status != PGRES_TUPLES_OK)
        {
          sp_pg_set_error (pg, row, error);
          ok = FALSE;
        }
      PQclear (row);
    }
  if (!ok)
    return FALSE;

  /* the rest of the file's rows, counted */
  while (!file_done)
    {
      SpStep step = sp_store_step (store, stmt, error);

      if (step == SP_STEP_ERROR)
        return FALSE;
      if (step == SP_STEP_DONE)
        file_done = TRUE;
      else
        n_file++;
    }

  if (n_server != n_file)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_CORRUPT,
                   /* TRANSLATORS: the table, its rows on the server, its rows in the file */
                   _("The two copies differ in “%s”: %" PRId64 " rows on the server, %" PRId64
                     " in the file"),
                   table->name, n_server, n_file);
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_pg_compare_with_store:
 *
 * Checks that the server and @store hold the same records, value for
 * value, and that the totals each computed by itself agree.
 */
gboolean
sp_pg_compare_with_store (SpPgConnection  *conn,
                          SpStore         *store,
                          GError         **error)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (conn), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (record_tables); i++)
    if (!compare_table (conn, store, &record_tables[i], error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (total_tables); i++)
    if (!compare_table (conn, store, &total_tables[i], error))
      return FALSE;

  return TRUE;
}

/* Only the totals the server kept, against those @store computed */
gboolean
sp_pg_compare_totals_with_store (SpPgConnection  *conn,
                                 SpStore         *store,
                                 GError         **error)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (conn), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (total_tables); i++)
    if (!compare_table (conn, store, &total_tables[i], error))
      return FALSE;

  return TRUE;
}

static gboolean
sqlite_values_agree (sqlite3_stmt *a,
                     sqlite3_stmt *b,
                     int           column)
{
  int type = sqlite3_column_type (a, column);

  if (type != sqlite3_column_type (b, column))
    return FALSE;
  if (type == SQLITE_NULL)
    return TRUE;
  if (type == SQLITE_FLOAT)
    return sqlite3_column_double (a, column) == sqlite3_column_double (b, column);
  return g_strcmp0 ((const char *) sqlite3_column_text (a, column),
                    (const char *) sqlite3_column_text (b, column)) == 0;
}

static gint64
count_rows (SpStore     *store,
            const Table *table)
{
  /* a name of the fixed table list, never user data */
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table->name);
  sqlite3_stmt *stmt = sp_store_prepare_uncached (store, sql, NULL);
  gint64 n = -1;

  if (stmt != NULL && sp_store_step (store, stmt, NULL) == SP_STEP_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/**
 * sp_pg_compare_stores:
 * @server_copy: a file just read from the server
 *
 * Compares the records of @file and @server_copy value for value, both
 * read in their key's order.
 */
gboolean
sp_pg_compare_stores (SpStore  *file,
                      SpStore  *server_copy,
                      GError  **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (record_tables); t++)
    {
      const Table *table = &record_tables[t];
      sqlite3_stmt *a = sp_store_prepare_uncached (file, table->select, error);
      sqlite3_stmt *b = a ? sp_store_prepare_uncached (server_copy, table->select, error) : NULL;
      gint64 number = 0;
      gboolean ok = b != NULL;

      while (ok)
        {
          SpStep in_file = sp_store_step (file, a, error);
          SpStep in_copy = in_file == SP_STEP_ERROR ? SP_STEP_ERROR
                                                    : sp_store_step (server_copy, b, error);

          if (in_file == SP_STEP_ERROR || in_copy == SP_STEP_ERROR)
            ok = FALSE;
          else if (in_file == SP_STEP_DONE && in_copy == SP_STEP_DONE)
            break;
          else if (in_file != in_copy)
            {
              gint64 n_copy = count_rows (server_copy, table), n_file = count_rows (file, table);

              g_set_error (error, SP_ERROR, SP_ERROR_CORRUPT,
                           /* TRANSLATORS: the table, its rows on the server, its rows in the
                            * file */
                           _("The two copies differ in “%s”: %" PRId64 " rows on the server, "
                             "%" PRId64 " in the file"),
                           table->name, n_copy, n_file);
              ok = FALSE;
            }
          else
            {
              number++;
              for (int i = 0; ok && i < sqlite3_column_count (a); i++)
                if (!sqlite_values_agree (a, b, i))
                  {
                    g_set_error (error, SP_ERROR, SP_ERROR_CORRUPT,
                                 /* TRANSLATORS: the table, the row, the column, the server's
                                  * value and the file's */
                                 _("The two copies differ in “%s”, row %" PRId64 ", column "
                                   "“%s”: %s on the server, %s in the file"),
                                 table->name, number, sqlite3_column_name (a, i),
                                 sqlite3_column_type (b, i) == SQLITE_NULL
                                   ? "NULL" : (const char *) sqlite3_column_text (b, i),
                                 sqlite3_column_type (a, i) == SQLITE_NULL
                                   ? "NULL" : (const char *) sqlite3_column_text (a, i));
                    ok = FALSE;
                  }
            }
        }

      sqlite3_finalize (a);
      sqlite3_finalize (b);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* A folder only this user can read, for a shop file that lives as long as a command */
char *
sp_pg_make_temp_dir (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *dir = g_dir_make_tmp ("service-pulse-XXXXXX", &local_error);

  if (dir == NULL)
    g_set_error (error, SP_ERROR, SP_ERROR_IO,
                 /* TRANSLATORS: %s is the reason */
                 _("Could not make a temporary folder: %s"), local_error->message);
  return dir;
}

void
sp_pg_remove_temp_dir (char *dir)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (dir == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("shop.db", suffixes[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}
