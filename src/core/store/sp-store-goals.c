/* sp-store-goals.c
 *
 * Goals, their history and their review notes (migration 4).  Every change
 * of a goal's target or due date, whichever call makes it, leaves the old
 * values in goal_events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-error.h"
#include "sp-goal.h"
#include "sp-parse.h"
#include "sp-store-private.h"

#define GOAL_COLUMNS \
  "SELECT g.id, g.kpi, g.segment, g.agent_id, g.channel, g.category_id, g.direction, g.target," \
  " g.start_day, g.due_day, g.baseline_estimate, g.objective, g.objective_text, g.state," \
  " g.state_day, g.state_reason, g.created_at, a.name, cat.name" \
  " FROM goals g" \
  " LEFT JOIN agents a ON a.id = g.agent_id" \
  " LEFT JOIN categories cat ON cat.id = g.category_id"

static gpointer
goal_from_row (SpStmt *stmt)
{
  SpGoal *goal = g_object_new (SP_TYPE_GOAL, NULL);
  const char *text;

  goal->id = sqlite3_column_int64 (stmt, 0);
  if (!sp_kpi_from_key ((const char *) sqlite3_column_text (stmt, 1), &goal->kpi))
    goal->kpi = SP_KPI_CONTACTS;   /* fails validation: a newer version's KPI */

  text = (const char *) sqlite3_column_text (stmt, 2);
  if (g_strcmp0 (text, "agent") == 0)
    {
      sp_segment_init_agent (&goal->segment, sqlite3_column_int64 (stmt, 3));
      sp_goal_set_segment_label (goal, (const char *) sqlite3_column_text (stmt, 17));
    }
  else if (g_strcmp0 (text, "channel") == 0)
    {
      SpChannel channel = SP_CHANNEL_NONE;

      sp_channel_from_string ((const char *) sqlite3_column_text (stmt, 4), &channel);
      sp_segment_init_channel (&goal->segment, channel);
      if (channel != SP_CHANNEL_NONE)
        sp_goal_set_segment_label (goal, sp_channel_get_label (channel));
    }
  else if (g_strcmp0 (text, "category") == 0)
    {
      if (sqlite3_column_type (stmt, 5) == SQLITE_NULL)
        sp_segment_init_category (&goal->segment, -1);
      else
        sp_segment_init_category (&goal->segment, sqlite3_column_int64 (stmt, 5));
      sp_goal_set_segment_label (goal, goal->segment.id > 0
                                 ? (const char *) sqlite3_column_text (stmt, 18)
                                 : _("No topic"));
    }
  else
    {
      sp_segment_init_all (&goal->segment);
    }

  text = (const char *) sqlite3_column_text (stmt, 6);
  goal->direction = g_strcmp0 (text, "lower") == 0 ? SP_DIRECTION_LOWER_IS_BETTER
                                                   : SP_DIRECTION_HIGHER_IS_BETTER;
  goal->target = sp_column_double (stmt, 7);
  goal->start = sqlite3_column_int (stmt, 8);
  goal->due = sqlite3_column_int (stmt, 9);
  goal->baseline_estimate = sp_column_double (stmt, 10);
  if (!sp_goal_objective_from_string ((const char *) sqlite3_column_text (stmt, 11),
                                      &goal->objective))
    goal->objective = SP_GOAL_OBJECTIVE_OWN;
  goal->objective_text = sp_column_dup_text (stmt, 12);
  if (!sp_goal_state_from_string ((const char *) sqlite3_column_text (stmt, 13), &goal->state))
    goal->state = SP_GOAL_STATE_OPEN;
  goal->state_day = sp_column_date (stmt, 14);
  goal->state_reason = sp_column_dup_text (stmt, 15);
  goal->created_at = sp_column_time (stmt, 16);

  return goal;
}

static SpGoal *
read_goal (SpStore  *self,
           gint64    id,
           GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  if (!(stmt = sp_store_prepare (self, GOAL_COLUMNS " WHERE g.id = ?1", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  return sp_store_read_row (self, stmt, goal_from_row,
                            _("This goal no longer exists; it may have been deleted."), error);
}

/* The agent or topic must exist: say so plainly rather than as a foreign key */
static gboolean
check_segment_entity (SpStore          *self,
                      const SpSegment  *segment,
                      GError          **error)
{
  g_autoptr(SpEntity) entity = NULL;
  SpEntityKind kind;

  if (segment->kind == SP_SEGMENT_AGENT)
    kind = SP_ENTITY_AGENT;
  else if (segment->kind == SP_SEGMENT_CATEGORY && segment->id > 0)
    kind = SP_ENTITY_CATEGORY;
  else
    return TRUE;

  entity = sp_store_load_entity (self, kind, segment->id, NULL);
  if (entity == NULL)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                           kind == SP_ENTITY_AGENT
                           ? _("The goal's agent no longer exists.")
                           : _("The goal's topic no longer exists."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_event (SpStore          *self,
           gint64            goal_id,
           SpTime            at,
           SpGoalEventKind   kind,
           double            old_target,
           double            new_target,
           SpDate            old_due,
           SpDate            new_due,
           const char       *reason,
           GError          **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *clean = sp_str_is_blank (reason) ? NULL : g_strstrip (g_strdup (reason));

  stmt = sp_store_prepare (self,
                           "INSERT INTO goal_events (goal_id, at, kind, old_target, new_target,"
                           " old_due, new_due, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, goal_id);
  sqlite3_bind_int64 (stmt, 2, at != SP_TIME_NONE ? at : sp_time_now ());
  sp_bind_text (stmt, 3, sp_goal_event_kind_to_string (kind));
  sp_bind_double (stmt, 4, old_target);
  sp_bind_double (stmt, 5, new_target);
  if (old_due != SP_DATE_NONE)
    sqlite3_bind_int (stmt, 6, old_due);
  if (new_due != SP_DATE_NONE)
    sqlite3_bind_int (stmt, 7, new_due);
  sp_bind_text (stmt, 8, clean);

  return sp_store_run (self, stmt, error);
}

/* Records what changed of the target and due date; nothing when neither did */
static gboolean
add_adjustment (SpStore     *self,
                SpGoal      *old,
                double       target,
                SpDate       due,
                const char  *reason,
                GError     **error)
{
  gboolean target_changed = old->target != target;
  gboolean due_changed = old->due != due;

  if (!target_changed && !due_changed)
    return TRUE;

  return add_event (self, old->id, SP_TIME_NONE, SP_GOAL_EVENT_ADJUSTED,
                    target_changed ? old->target : NAN, target_changed ? target : NAN,
                    due_changed ? old->due : SP_DATE_NONE, due_changed ? due : SP_DATE_NONE,
                    reason, error);
}

static gboolean
check_open (SpGoal  *goal,
            GError **error)
{
  if (goal->state == SP_GOAL_STATE_OPEN)
    return TRUE;

  g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                       goal->state == SP_GOAL_STATE_CLOSED
                       ? _("This goal is closed; set a new goal instead of changing it.")
                       : _("This goal was abandoned; set a new goal instead of changing it."));
  return FALSE;
}

static gboolean
write_goal (SpStore  *self,
            SpGoal   *goal,
            GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autoptr(SpGoal) old = NULL;
  gboolean insert = goal->id <= 0;

  if (!sp_goal_validate (goal, error) || !check_segment_entity (self, &goal->segment, error))
    return FALSE;

  if (insert)
    {
      stmt = sp_store_prepare (self,
        "INSERT INTO goals (kpi, segment, agent_id, channel, category_id, direction, target,"
        " start_day, due_day, baseline_estimate, objective, objective_text, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id", error);
    }
  else
    {
      if (!(old = read_goal (self, goal->id, error)) || !check_open (old, error))
        return FALSE;

      stmt = sp_store_prepare (self,
        "UPDATE goals SET kpi = ?1, segment = ?2, agent_id = ?3, channel = ?4, category_id = ?5,"
        " direction = ?6, target = ?7, start_day = ?8, due_day = ?9, baseline_estimate = ?10,"
        " objective = ?11, objective_text = ?12 WHERE id = ?14 RETURNING id", error);
    }

  if (stmt == NULL)
    return FALSE;

  sp_bind_text (stmt, 1, sp_kpi_to_key (goal->kpi));
  sp_bind_text (stmt, 2, sp_segment_kind_to_string (goal->segment.kind));
  if (goal->segment.kind == SP_SEGMENT_AGENT)
    sqlite3_bind_int64 (stmt, 3, goal->segment.id);
  if (goal->segment.kind == SP_SEGMENT_CHANNEL)
    sp_bind_text (stmt, 4, sp_channel_to_string (goal->segment.channel));
  if (goal->segment.kind == SP_SEGMENT_CATEGORY)
    sp_bind_id (stmt, 5, goal->segment.id);
  sp_bind_text (stmt, 6, sp_goal_get_direction (goal) == SP_DIRECTION_LOWER_IS_BETTER
                         ? "lower" : "higher");
  sqlite3_bind_double (stmt, 7, goal->target);
  sqlite3_bind_int (stmt, 8, goal->start);
  sqlite3_bind_int (stmt, 9, goal->due);
  sp_bind_double (stmt, 10, goal->baseline_estimate);
  sp_bind_text (stmt, 11, sp_goal_objective_to_string (goal->objective));
  sp_bind_text (stmt, 12, goal->objective == SP_GOAL_OBJECTIVE_OWN ? goal->objective_text : NULL);
  if (insert)
    {
      if (goal->created_at == SP_TIME_NONE)
        goal->created_at = sp_time_now ();
      sqlite3_bind_int64 (stmt, 13, goal->created_at);
    }
  else
    sqlite3_bind_int64 (stmt, 14, goal->id);

  if (!sp_store_run_returning_id (self, stmt, &goal->id,
                                  _("This goal no longer exists; it may have been deleted."),
                                  error))
    return FALSE;

  if (insert)
    {
      if (!add_event (self, goal->id, goal->created_at, SP_GOAL_EVENT_CREATED, NAN,
                      goal->target, SP_DATE_NONE, goal->due, NULL, error))
        return FALSE;
    }
  else if (!add_adjustment (self, old, goal->target, goal->due, NULL, error))
    {
      return FALSE;
    }

  sp_store_note_changes (self, SP_STORE_CHANGE_GOALS);
  return TRUE;
}

/**
 * sp_store_save_goal:
 *
 * Creates @goal (id 0) or changes it.  A change of the target or due date
 * is recorded in the goal's history (sp_store_list_goal_events()); closed
 * and abandoned goals can't be changed.  On success @goal holds its id,
 * creation time and the name of its agent or topic.
 */
gboolean
sp_store_save_goal (SpStore  *store,
                    SpGoal   *goal,
                    GError  **error)
{
  g_autoptr(SpGoal) work = NULL;
  g_autoptr(SpGoal) saved = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (SP_IS_GOAL (goal), FALSE);

  work = sp_goal_copy (goal);

  if (!sp_store_begin (store, error))
    return FALSE;

  if (!write_goal (store, work, error) || !(saved = read_goal (store, work->id, error)))
    {
      sp_store_rollback (store);
      return FALSE;
    }

  if (!sp_store_commit (store, error))
    return FALSE;

  goal->id = saved->id;
  goal->created_at = saved->created_at;
  goal->direction = saved->direction;
  sp_goal_set_segment_label (goal, saved->segment_label);
  return TRUE;
}

SpGoal *
sp_store_load_goal (SpStore  *store,
                    gint64    id,
                    GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  return read_goal (store, id, error);
}

/**
 * sp_store_list_goals:
 *
 * Returns: (transfer full) (element-type SpGoal): the open goals by due
 *   date, then (with @include_closed) the closed and abandoned ones, the
 *   most recently ended first
 */
GPtrArray *
sp_store_list_goals (SpStore   *store,
                     gboolean   include_closed,
                     GError   **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  stmt = sp_store_prepare (store, GOAL_COLUMNS
                           " WHERE g.state = 'open' OR ?1"
                           " ORDER BY g.state <> 'open', g.state_day DESC, g.due_day, g.id",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, include_closed ? 1 : 0);

  return sp_store_collect_rows (store, stmt, goal_from_row, g_object_unref, error);
}

/**
 * sp_store_adjust_goal:
 * @target: the new target, or NAN to keep it
 * @due: the new due date, or SP_DATE_NONE to keep it
 * @reason: (nullable): why, in the owner's words
 *
 * Changes the target and/or the due date of an open goal, keeping the old
 * ones in its history.  Nothing is recorded when neither changes.
 */
gboolean
sp_store_adjust_goal (SpStore     *store,
                      gint64       id,
                      double       target,
                      SpDate       due,
                      const char  *reason,
                      GError     **error)
{
  g_autoptr(SpGoal) old = NULL;
  g_autoptr(SpGoal) goal = NULL;
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!sp_store_begin (store, error))
    return FALSE;

  if (!(old = read_goal (store, id, error)) || !check_open (old, error))
    goto failed;

  goal = sp_goal_copy (old);
  if (!isnan (target))
    goal->target = target;
  if (due != SP_DATE_NONE)
    goal->due = due;

  if (!sp_goal_validate (goal, error))
    goto failed;

  stmt = sp_store_prepare (store, "UPDATE goals SET target = ?1, due_day = ?2 WHERE id = ?3",
                           error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_double (stmt, 1, goal->target);
  sqlite3_bind_int (stmt, 2, goal->due);
  sqlite3_bind_int64 (stmt, 3, id);

  if (!sp_store_run (store, stmt, error) ||
      !add_adjustment (store, old, goal->target, goal->due, reason, error))
    goto failed;

  sp_store_note_changes (store, SP_STORE_CHANGE_GOALS);
  return sp_store_commit (store, error);

failed:
  sp_store_rollback (store);
  return FALSE;
}

/**
 * sp_store_close_goal:
 * @state: SP_GOAL_STATE_CLOSED or SP_GOAL_STATE_ABANDONED
 * @day: the day it ends; its figures stop there
 * @reason: (nullable): why; required to abandon a goal
 */
gboolean
sp_store_close_goal (SpStore      *store,
                     gint64        id,
                     SpGoalState   state,
                     SpDate        day,
                     const char   *reason,
                     GError      **error)
{
  g_autoptr(SpGoal) old = NULL;
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *clean = sp_str_is_blank (reason) ? NULL : g_strstrip (g_strdup (reason));

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (state == SP_GOAL_STATE_CLOSED || state == SP_GOAL_STATE_ABANDONED, FALSE);

  if (state == SP_GOAL_STATE_ABANDONED && clean == NULL)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Say why the goal is abandoned: the next review will want to "
                             "know."));
      return FALSE;
    }

  if (day == SP_DATE_NONE)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Choose the day the goal ends."));
      return FALSE;
    }

  if (!sp_store_begin (store, error))
    return FALSE;

  if (!(old = read_goal (store, id, error)) || !check_open (old, error))
    goto failed;

  stmt = sp_store_prepare (store,
                           "UPDATE goals SET state = ?1, state_day = ?2, state_reason = ?3 "
                           "WHERE id = ?4", error);
  if (stmt == NULL)
    goto failed;

  sp_bind_text (stmt, 1, sp_goal_state_to_string (state));
  sqlite3_bind_int (stmt, 2, day);
  sp_bind_text (stmt, 3, clean);
  sqlite3_bind_int64 (stmt, 4, id);

  if (!sp_store_run (store, stmt, error) ||
      !add_event (store, id, SP_TIME_NONE,
                  state == SP_GOAL_STATE_CLOSED ? SP_GOAL_EVENT_CLOSED : SP_GOAL_EVENT_ABANDONED,
                  NAN, NAN, SP_DATE_NONE, SP_DATE_NONE, clean, error))
    goto failed;

  sp_store_note_changes (store, SP_STORE_CHANGE_GOALS);
  return sp_store_commit (store, error);

failed:
  sp_store_rollback (store);
  return FALSE;
}

/* Removes a goal with its history and notes: for a goal set by mistake */
gboolean
sp_store_delete_goal (SpStore  *store,
                      gint64    id,
                      GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!sp_store_begin (store, error))
    return FALSE;

  if (!sp_store_delete_by_id (store, "DELETE FROM goals WHERE id = ?1", id,
                              SP_STORE_CHANGE_GOALS,
                              _("This goal no longer exists; it may have been deleted."), error))
    {
      sp_store_rollback (store);
      return FALSE;
    }

  return sp_store_commit (store, error);
}

/* The rows @sql gives for one goal, its id bound as ?1 */
static GPtrArray *
list_goal_rows (SpStore         *store,
                const char      *sql,
                gint64           goal_id,
                SpRowFunc        from_row,
                GDestroyNotify   free_func,
                GError         **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  if (!(stmt = sp_store_prepare (store, sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, goal_id);
  return sp_store_collect_rows (store, stmt, from_row, free_func, error);
}

static gpointer
event_from_row (SpStmt *stmt)
{
  SpGoalEvent *event = g_new0 (SpGoalEvent, 1);
  const char *kind = (const char *) sqlite3_column_text (stmt, 3);

  event->id = sqlite3_column_int64 (stmt, 0);
  event->goal_id = sqlite3_column_int64 (stmt, 1);
  event->at = sqlite3_column_int64 (stmt, 2);
  event->kind = SP_GOAL_EVENT_ADJUSTED;
  for (guint k = SP_GOAL_EVENT_CREATED; k <= SP_GOAL_EVENT_ABANDONED; k++)
    {
      if (g_strcmp0 (kind, sp_goal_event_kind_to_string (k)) == 0)
        event->kind = k;
    }
  event->old_target = sp_column_double (stmt, 4);
  event->new_target = sp_column_double (stmt, 5);
  event->old_due = sp_column_date (stmt, 6);
  event->new_due = sp_column_date (stmt, 7);
  event->reason = sp_column_dup_text (stmt, 8);

  return event;
}

/**
 * sp_store_list_goal_events:
 *
 * Returns: (transfer full) (element-type SpGoalEvent): the goal's history,
 *   oldest first
 */
GPtrArray *
sp_store_list_goal_events (SpStore  *store,
                           gint64    goal_id,
                           GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return list_goal_rows (store,
                         "SELECT id, goal_id, at, kind, old_target, new_target, old_due,"
                         " new_due, reason FROM goal_events WHERE goal_id = ?1 ORDER BY at, id",
                         goal_id, event_from_row, (GDestroyNotify) sp_goal_event_free, error);
}

/**
 * sp_store_add_goal_note:
 * @value: the goal's current value as the note is written, or NAN
 * @status: (nullable): its status then, as sp_goal_status_to_string() gives it
 *
 * Returns: the note's id, or 0 on error
 */
gint64
sp_store_add_goal_note (SpStore     *store,
                        gint64       goal_id,
                        SpDate       day,
                        const char  *text,
                        double       value,
                        const char  *status,
                        GError     **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *clean = NULL;
  gint64 id = 0;

  g_return_val_if_fail (SP_IS_STORE (store), 0);

  if (sp_str_is_blank (text))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Write the note first."));
      return 0;
    }

  if (day == SP_DATE_NONE)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Choose the day of the note."));
      return 0;
    }

  clean = g_strstrip (g_strdup (text));

  if (!sp_store_begin (store, error))
    return 0;

  stmt = sp_store_prepare (store,
                           "INSERT INTO goal_notes (goal_id, day, body, value, status, created_at)"
                           " SELECT id, ?2, ?3, ?4, ?5, ?6 FROM goals WHERE id = ?1 RETURNING id",
                           error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, goal_id);
  sqlite3_bind_int (stmt, 2, day);
  sp_bind_text (stmt, 3, clean);
  sp_bind_double (stmt, 4, value);
  sp_bind_text (stmt, 5, status);
  sqlite3_bind_int64 (stmt, 6, sp_time_now ());

  if (!sp_store_run_returning_id (store, stmt, &id,
                                  _("This goal no longer exists; it may have been deleted."),
                                  error))
    goto failed;

  sp_store_note_changes (store, SP_STORE_CHANGE_GOALS);
  if (!sp_store_commit (store, error))
    return 0;
  return id;

failed:
  sp_store_rollback (store);
  return 0;
}

gboolean
sp_store_delete_goal_note (SpStore  *store,
                           gint64    note_id,
                           GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  return sp_store_delete_by_id (store, "DELETE FROM goal_notes WHERE id = ?1", note_id,
                                SP_STORE_CHANGE_GOALS,
                                _("This note no longer exists; it may have been deleted."), error);
}

static gpointer
note_from_row (SpStmt *stmt)
{
  SpGoalNote *note = g_new0 (SpGoalNote, 1);

  note->id = sqlite3_column_int64 (stmt, 0);
  note->goal_id = sqlite3_column_int64 (stmt, 1);
  note->day = sqlite3_column_int (stmt, 2);
  note->text = sp_column_dup_text (stmt, 3);
  note->value = sp_column_double (stmt, 4);
  note->status = sp_column_dup_text (stmt, 5);
  note->created_at = sp_column_time (stmt, 6);

  return note;
}

/**
 * sp_store_list_goal_notes:
 *
 * Returns: (transfer full) (element-type SpGoalNote): the goal's review
 *   notes, the latest first
 */
GPtrArray *
sp_store_list_goal_notes (SpStore  *store,
                          gint64    goal_id,
                          GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  return list_goal_rows (store,
                         "SELECT id, goal_id, day, body, value, status, created_at"
                         " FROM goal_notes WHERE goal_id = ?1 ORDER BY day DESC, id DESC",
                         goal_id, note_from_row, (GDestroyNotify) sp_goal_note_free, error);
}
