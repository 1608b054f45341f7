/* sp-store-hours.c
 *
 * Opening hours in the shop file (migration 6) and the business durations
 * of the contacts.  A contact's are written when it is saved
 * (sp_store_contact_open_times()); changing the hours writes again those
 * of every contact whose durations change, in one statement per slice of
 * time, with the two triggers that would move each contact's share of the
 * totals set aside, and then sums the day and month totals once from the
 * first month that changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-error.h"
#include "sp-store-hours.h"
#include "sp-store-private.h"

#define RECOMPUTE_SLICES 20

static SpHours *
read_hours (SpStore  *self,
            GError  **error)
{
  g_autoptr(SpHours) hours = sp_hours_new ();
  g_autoptr(SpStmt) schedules = NULL;
  g_autoptr(SpStmt) intervals = NULL;
  g_autoptr(SpStmt) closed = NULL;
  SpStep step;

  if (self->version < SP_STORE_HOURS_MIGRATION)
    return g_steal_pointer (&hours);

  schedules = sp_store_prepare (self, "SELECT valid_from FROM opening_schedules", error);
  if (schedules == NULL)
    return NULL;
  while ((step = sp_store_step (self, schedules, error)) == SP_STEP_ROW)
    sp_hours_replace_schedule (hours, (SpDate) sqlite3_column_int64 (schedules, 0));
  if (step == SP_STEP_ERROR)
    return NULL;

  intervals = sp_store_prepare (self,
                                "SELECT valid_from, weekday, opens, closes FROM opening_intervals",
                                error);
  if (intervals == NULL)
    return NULL;
  while ((step = sp_store_step (self, intervals, error)) == SP_STEP_ROW)
    {
      SpSchedule *schedule = sp_hours_lookup_schedule (hours,
                                                       (SpDate) sqlite3_column_int64 (intervals,
                                                                                      0));
      if (schedule != NULL)
        sp_hours_add_interval (hours, schedule, sqlite3_column_int (intervals, 1),
                               sqlite3_column_int (intervals, 2),
                               sqlite3_column_int (intervals, 3), NULL);
    }
  if (step == SP_STEP_ERROR)
    return NULL;

  closed = sp_store_prepare (self, "SELECT date, name FROM closed_days", error);
  if (closed == NULL)
    return NULL;
  while ((step = sp_store_step (self, closed, error)) == SP_STEP_ROW)
    sp_hours_set_closed_day (hours, (SpDate) sqlite3_column_int64 (closed, 0),
                             (const char *) sqlite3_column_text (closed, 1));
  if (step == SP_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&hours);
}

static guint
data_version (SpStore *self)
{
  int version = 0;

  sqlite3_file_control (self->db, "main", SQLITE_FCNTL_DATA_VERSION, &version);
  return (guint) version;
}

/*
 * For the core: the hours as recorded now, read again only when the file
 * has changed since (by this connection or another).  Owned by the store.
 */
SpHours *
sp_store_peek_hours (SpStore  *self,
                     GError  **error)
{
  guint version;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  version = data_version (self);
  if (self->hours == NULL || version != self->hours_data_version)
    {
      SpHours *hours = read_hours (self, error);

      if (hours == NULL)
        return NULL;
      g_clear_pointer (&self->hours, sp_hours_unref);
      self->hours = hours;
      self->hours_data_version = version;
    }

  return self->hours;
}

SpHours *
sp_store_load_hours (SpStore  *self,
                     GError  **error)
{
  SpHours *hours;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  hours = sp_store_peek_hours (self, error);
  return hours != NULL ? sp_hours_copy (hours) : NULL;
}

/* A contact's business seconds to first response and to resolution; -1: none */
void
sp_store_contact_open_times (SpHours *hours,
                             SpTime   received_at,
                             SpTime   first_response_at,
                             SpTime   resolved_at,
                             gint64  *fr_open,
                             gint64  *res_open)
{
  gboolean on = sp_hours_has_schedule (hours);

  *fr_open = on && first_response_at != SP_TIME_NONE
             ? sp_hours_open_seconds (hours, received_at, first_response_at) : -1;
  *res_open = on && resolved_at != SP_TIME_NONE
              ? sp_hours_open_seconds (hours, received_at, resolved_at) : -1;
}

static void
open_seconds_func (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  SpHours *hours = sqlite3_user_data (context);

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL || sqlite3_value_type (argv[1]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  sqlite3_result_int64 (context, sp_hours_open_seconds (hours, sqlite3_value_int64 (argv[0]),
                                                        sqlite3_value_int64 (argv[1])));
}

static gboolean
write_hours (SpStore  *self,
             SpHours  *hours,
             GError  **error)
{
  if (!sp_store_exec (self, "DELETE FROM opening_intervals; DELETE FROM opening_schedules;"
                            " DELETE FROM closed_days", error))
    return FALSE;

  for (guint i = 0; i < sp_hours_get_n_schedules (hours); i++)
    {
      SpSchedule *schedule = sp_hours_get_schedule (hours, i);
      g_autoptr(SpStmt) insert = NULL;

      insert = sp_store_prepare (self, "INSERT INTO opening_schedules (valid_from) VALUES (?1)",
                                 error);
      if (insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (insert, 1, schedule->valid_from);
      if (!sp_store_run (self, insert, error))
        return FALSE;

      for (guint d = 0; d < 7; d++)
        for (guint k = 0; k < schedule->days[d]->len; k++)
          {
            const SpHoursInterval *in = &g_array_index (schedule->days[d], SpHoursInterval, k);
            g_autoptr(SpStmt) interval = NULL;

            interval = sp_store_prepare (self,
                                         "INSERT INTO opening_intervals (valid_from, weekday,"
                                         " opens, closes) VALUES (?1, ?2, ?3, ?4)", error);
            if (interval == NULL)
              return FALSE;
            sqlite3_bind_int64 (interval, 1, schedule->valid_from);
            sqlite3_bind_int (interval, 2, (int) d + 1);
            sqlite3_bind_int (interval, 3, in->opens);
            sqlite3_bind_int (interval, 4, in->closes);
            if (!sp_store_run (self, interval, error))
              return FALSE;
          }
    }

  for (guint k = 0; k < sp_hours_get_n_closed_days (hours); k++)
    {
      const SpClosedDay *day = sp_hours_get_closed_day (hours, k);
      g_autoptr(SpStmt) insert = NULL;

      insert = sp_store_prepare (self, "INSERT INTO closed_days (date, name) VALUES (?1, ?2)",
                                 error);
      if (insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (insert, 1, day->date);
      sp_bind_text (insert, 2, day->name);
      if (!sp_store_run (self, insert, error))
        return FALSE;
    }

  return TRUE;
}

/* The triggers that move one contact's share of the totals when it changes */
static const char *const moving_triggers[] = { "contacts_kpi_update",
                                               "contacts_kpi_months_update" };

static gboolean
recompute (SpStore              *self,
           SpHours              *hours,
           SpHoursProgressFunc   progress,
           gpointer              user_data,
           GError              **error)
{
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SpStmt) range = NULL;
  SpTime first, last;
  SpTime changed_from = G_MAXINT64;
  gint64 start = g_get_monotonic_time ();
  gint64 changes = 0;
  int rc;

  range = sp_store_prepare (self, "SELECT min(received_at), max(received_at) FROM contacts",
                            error);
  if (range == NULL || sp_store_step (self, range, error) != SP_STEP_ROW)
    return FALSE;
  if (sqlite3_column_type (range, 0) == SQLITE_NULL)
    return TRUE;
  first = sqlite3_column_int64 (range, 0);
  last = sqlite3_column_int64 (range, 1);
  sp_stmt_release (range);

  for (guint i = 0; i < G_N_ELEMENTS (moving_triggers); i++)
    {
      g_autoptr(SpStmt) sql = NULL;
      g_autofree char *drop = NULL;

      sql = sp_store_prepare_uncached (self,
                                       "SELECT sql FROM sqlite_schema WHERE type = 'trigger'"
                                       " AND name = ?1", error);
      if (sql == NULL)
        return FALSE;
      sp_bind_text (sql, 1, moving_triggers[i]);
      if (sp_store_step (self, sql, error) != SP_STEP_ROW)
        {
          sqlite3_finalize (g_steal_pointer (&sql));
          if (error != NULL && *error == NULL)
            g_set_error (error, SP_ERROR, SP_ERROR_FAILED,
                         /* TRANSLATORS: %s is the trigger's name */
                         _("The database is damaged: the trigger %s is missing."),
                         moving_triggers[i]);
          return FALSE;
        }
      g_ptr_array_add (saved, g_strdup ((const char *) sqlite3_column_text (sql, 0)));
      sqlite3_finalize (g_steal_pointer (&sql));

      /* a name of our own, not the user's */
      drop = g_strdup_printf ("DROP TRIGGER %s", moving_triggers[i]);
      if (!sp_store_exec (self, drop, error))
        return FALSE;
    }

  rc = sqlite3_create_function_v2 (self->db, "sp_open_seconds", 2,
                                   SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                   sp_hours_ref (hours), open_seconds_func, NULL, NULL,
                                   (void (*) (void *)) sp_hours_unref);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_FAILED, "%s", sqlite3_errmsg (self->db));
      return FALSE;
    }

  for (guint s = 0; s < RECOMPUTE_SLICES; s++)
    {
      /* statements are prepared afresh: the schema has changed */
      g_autoptr(SpStmt) update = NULL;
      SpTime from = first + (last - first + 1) / RECOMPUTE_SLICES * s;
      SpTime to = s + 1 == RECOMPUTE_SLICES ? last + 1
                                            : first + (last - first + 1) / RECOMPUTE_SLICES * (s + 1);

      if (from >= to)
        continue;

      /* only the rows that change are written: a new schedule from next month
       * or next year's holidays change none */
      update = sp_store_prepare_uncached (self,
        "UPDATE contacts SET"
        " fr_open = iif(?3, sp_open_seconds(received_at, first_response_at), NULL),"
        " res_open = iif(?3, sp_open_seconds(received_at, resolved_at), NULL)"
        " WHERE received_at >= ?1 AND received_at < ?2"
        "  AND (fr_open IS NOT iif(?3, sp_open_seconds(received_at, first_response_at), NULL)"
        "   OR res_open IS NOT iif(?3, sp_open_seconds(received_at, resolved_at), NULL))",
        error);
      if (update == NULL)
        return FALSE;
      sqlite3_bind_int64 (update, 1, from);
      sqlite3_bind_int64 (update, 2, to);
      sqlite3_bind_int (update, 3, sp_hours_has_schedule (hours));
      if (sp_store_step (self, update, error) != SP_STEP_DONE)
        {
          sqlite3_finalize (g_steal_pointer (&update));
          return FALSE;
        }
      sqlite3_finalize (g_steal_pointer (&update));
      if (sqlite3_changes (self->db) > 0)
        {
          changes += sqlite3_changes (self->db);
          changed_from = MIN (changed_from, from);
        }

      if (progress != NULL)
        progress (0.8 * (s + 1) / RECOMPUTE_SLICES, user_data);
    }

  sqlite3_create_function_v2 (self->db, "sp_open_seconds", 2, SQLITE_UTF8, NULL, NULL, NULL,
                              NULL, NULL);

  g_debug ("business durations of %" G_GINT64_FORMAT " contacts written in %.0f ms", changes,
           (g_get_monotonic_time () - start) / 1000.0);

  if (changed_from != G_MAXINT64 &&
      !sp_store_rebuild_contact_totals_from (self, sp_time_to_date (changed_from), error))
    return FALSE;

  g_debug ("totals summed again after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < saved->len; i++)
    if (!sp_store_exec (self, saved->pdata[i], error))
      return FALSE;

  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}

gboolean
sp_store_save_hours (SpStore              *self,
                     SpHours              *hours,
                     SpHoursProgressFunc   progress,
                     gpointer              user_data,
                     GError              **error)
{
  g_autoptr(SpHours) copy = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (hours != NULL, FALSE);

  /* the caller may go on changing its own */
  copy = sp_hours_copy (hours);

  if (!sp_store_begin (self, error))
    return FALSE;

  if (!write_hours (self, copy, error) ||
      !recompute (self, copy, progress, user_data, error))
    {
      sp_store_rollback (self);
      g_clear_pointer (&self->hours, sp_hours_unref);
      return FALSE;
    }

  sp_store_note_changes (self, SP_STORE_CHANGE_SETTINGS | SP_STORE_CHANGE_CONTACTS);
  g_clear_pointer (&self->hours, sp_hours_unref);
  return sp_store_commit (self, error);
}
