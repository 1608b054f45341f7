/* sp-store-records.c
 *
 * Survey answers, shifts and month figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-error.h"
#include "sp-parse.h"
#include "sp-period.h"
#include "sp-store-private.h"

/* Survey answers */

#define SURVEY_COLUMNS \
  "SELECT s.id, s.answered_at, s.kind, s.score, s.customer_id, cu.name, s.agent_id, a.name," \
  " s.channel, s.category_id, cat.name, s.comment, s.contact_id, s.revision" \
  " FROM surveys s" \
  " LEFT JOIN customers cu ON cu.id = s.customer_id" \
  " LEFT JOIN agents a ON a.id = s.agent_id" \
  " LEFT JOIN categories cat ON cat.id = s.category_id"

#define SURVEY_FILTER \
  " WHERE s.answered_at >= ?1 AND s.answered_at < ?2" \
  " AND (?3 IS NULL OR s.kind = ?3)" \
  " AND (?4 IS NULL OR s.agent_id = ?4)" \
  " AND (?5 IS NULL OR s.channel = ?5)" \
  " AND (?6 IS NULL OR (?6 = -1 AND s.category_id IS NULL) OR s.category_id = ?6)" \
  " AND (?7 IS NULL OR cu.name_key LIKE ?7 ESCAPE '\\' OR a.name_key LIKE ?7 ESCAPE '\\'" \
  "      OR cat.name_key LIKE ?7 ESCAPE '\\' OR s.comment LIKE ?7 ESCAPE '\\')"

static gpointer
survey_from_row (SpStmt *stmt)
{
  SpSurvey *survey = sp_survey_new ();
  const char *str;

  survey->id = sqlite3_column_int64 (stmt, 0);
  survey->answered_at = sqlite3_column_int64 (stmt, 1);
  str = (const char *) sqlite3_column_text (stmt, 2);
  if (str == NULL || !sp_survey_kind_from_string (str, &survey->kind))
    survey->kind = SP_SURVEY_CSAT;
  survey->score = sqlite3_column_int (stmt, 3);
  survey->customer_id = sqlite3_column_int64 (stmt, 4);
  survey->customer_name = sp_column_dup_text (stmt, 5);
  survey->agent_id = sqlite3_column_int64 (stmt, 6);
  survey->agent_name = sp_column_dup_text (stmt, 7);
  str = (const char *) sqlite3_column_text (stmt, 8);
  if (str == NULL || !sp_channel_from_string (str, &survey->channel))
    survey->channel = SP_CHANNEL_NONE;
  survey->category_id = sqlite3_column_int64 (stmt, 9);
  survey->category_name = sp_column_dup_text (stmt, 10);
  survey->comment = sp_column_dup_text (stmt, 11);
  survey->contact_id = sqlite3_column_int64 (stmt, 12);
  survey->revision = sqlite3_column_int64 (stmt, 13);

  return survey;
}

/* An answer about a contact takes what it does not say from the contact. */
static gboolean
fill_from_contact (SpStore   *self,
                   SpSurvey  *survey,
                   GError   **error)
{
  g_autoptr(SpContact) contact = NULL;

  if (survey->contact_id <= 0)
    return TRUE;

  contact = sp_store_load_contact (self, survey->contact_id, error);
  if (contact == NULL)
    return FALSE;

  if (survey->agent_id <= 0 && survey->agent_name == NULL)
    survey->agent_id = contact->agent_id;
  if (survey->customer_id <= 0 && survey->customer_name == NULL)
    survey->customer_id = contact->customer_id;
  if (survey->category_id <= 0 && survey->category_name == NULL)
    survey->category_id = contact->category_id;
  if (survey->channel == SP_CHANNEL_NONE)
    survey->channel = contact->channel;

  return TRUE;
}

static gboolean
resolve_optional (SpStore       *self,
                  SpEntityKind   kind,
                  gint64        *id,
                  const char    *name,
                  GError       **error)
{
  if (*id > 0 || sp_str_is_blank (name))
    return TRUE;

  *id = sp_store_ensure_entity (self, kind, name, error);
  return *id > 0;
}

#define SURVEY_MISSING _("This survey answer no longer exists; it may have been deleted.")

static gboolean
write_survey (SpStore     *self,
              SpSurvey    *survey,
              SpSaveMode   mode,
              GError     **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  gboolean insert = mode == SP_SAVE_NEW || mode == SP_SAVE_UNDELETE;

  if (!sp_survey_validate (survey, NULL, error) ||
      !fill_from_contact (self, survey, error) ||
      !resolve_optional (self, SP_ENTITY_CUSTOMER, &survey->customer_id, survey->customer_name,
                         error) ||
      !resolve_optional (self, SP_ENTITY_AGENT, &survey->agent_id, survey->agent_name, error) ||
      !resolve_optional (self, SP_ENTITY_CATEGORY, &survey->category_id, survey->category_name,
                         error))
    return FALSE;

  if (insert)
    stmt = sp_store_prepare (self,
      "INSERT INTO surveys (answered_at, id, kind, score, customer_id, agent_id, channel,"
      " category_id, comment, contact_id, revision) "
      "VALUES (?1, coalesce(?2, (SELECT coalesce(max(id), 0) + 1 FROM surveys)),"
      " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce(?11, 0)) RETURNING id, revision", error);
  else
    stmt = sp_store_prepare (self,
      "UPDATE surveys SET answered_at = ?1, kind = ?3, score = ?4, customer_id = ?5,"
      " agent_id = ?6, channel = ?7, category_id = ?8, comment = ?9, contact_id = ?10,"
      " revision = revision + 1 "
      "WHERE id = ?2 AND (?11 IS NULL OR revision = ?11) RETURNING id, revision", error);

  if (stmt == NULL)
    return FALSE;

  /* the revision read, checked by an update; one put back is a new one */
  if (mode == SP_SAVE_CHECKED)
    sqlite3_bind_int64 (stmt, 11, survey->revision);
  else if (mode == SP_SAVE_UNDELETE)
    sqlite3_bind_int64 (stmt, 11, survey->revision + 1);

  sqlite3_bind_int64 (stmt, 1, survey->answered_at);
  sp_bind_id (stmt, 2, survey->id);
  sp_bind_text (stmt, 3, sp_survey_kind_to_string (survey->kind));
  sqlite3_bind_int (stmt, 4, survey->score);
  sp_bind_id (stmt, 5, survey->customer_id);
  sp_bind_id (stmt, 6, survey->agent_id);
  if (survey->channel != SP_CHANNEL_NONE)
    sp_bind_text (stmt, 7, sp_channel_to_string (survey->channel));
  sp_bind_id (stmt, 8, survey->category_id);
  sp_bind_text (stmt, 9, survey->comment);
  sp_bind_id (stmt, 10, survey->contact_id);

  if (!sp_store_run_revised (self, stmt, "SELECT 1 FROM surveys WHERE id = ?1",
                             &survey->id, &survey->revision, SURVEY_MISSING,
                             _("Someone else changed this survey answer after you opened it."),
                             error))
    return FALSE;

  sp_store_note_changes (self, SP_STORE_CHANGE_SURVEYS);
  return TRUE;
}

gboolean
sp_store_insert_survey_unlocked (SpStore   *self,
                                 SpSurvey  *survey,
                                 GError   **error)
{
  return write_survey (self, survey, SP_SAVE_NEW, error);
}

static gboolean
save_survey (SpStore     *self,
             SpSurvey    *survey,
             SpSaveMode   mode,
             GError     **error)
{
  g_autoptr(SpSurvey) work = sp_survey_copy (survey);

  if (!sp_store_begin (self, error))
    return FALSE;

  if (!write_survey (self, work, mode, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  if (!sp_store_commit (self, error))
    return FALSE;

  survey->id = work->id;
  survey->customer_id = work->customer_id;
  survey->agent_id = work->agent_id;
  survey->category_id = work->category_id;
  survey->channel = work->channel;
  survey->revision = work->revision;

  return TRUE;
}

/*
 * Adds @survey or updates it; an update fails with %SP_ERROR_CHANGED when
 * someone else saved the answer since @survey was read (see
 * sp_store_save_contact()).
 */
gboolean
sp_store_save_survey (SpStore   *self,
                      SpSurvey  *survey,
                      GError   **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_SURVEY (survey), FALSE);

  return save_survey (self, survey, survey->id <= 0 ? SP_SAVE_NEW : SP_SAVE_CHECKED, error);
}

/* Updates @survey over whatever is stored now ("Save mine", Undo). */
gboolean
sp_store_save_survey_over (SpStore   *self,
                           SpSurvey  *survey,
                           GError   **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (survey->id > 0, FALSE);

  return save_survey (self, survey, SP_SAVE_OVER, error);
}

gboolean
sp_store_undelete_survey (SpStore   *self,
                          SpSurvey  *survey,
                          GError   **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (survey->id > 0, FALSE);

  return save_survey (self, survey, SP_SAVE_UNDELETE, error);
}

SpSurvey *
sp_store_load_survey (SpStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (!(stmt = sp_store_prepare (self, SURVEY_COLUMNS " WHERE s.id = ?1", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  return sp_store_read_row (self, stmt, survey_from_row, SURVEY_MISSING, error);
}

gboolean
sp_store_delete_survey (SpStore  *self,
                        gint64    id,
                        GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  return sp_store_delete_by_id (self, "DELETE FROM surveys WHERE id = ?1", id,
                                SP_STORE_CHANGE_SURVEYS,
                                _("This survey answer no longer exists; it may have been deleted."),
                                error);
}

static void
bind_survey_filter (SpStmt               *stmt,
                    const SpSurveyFilter *filter)
{
  g_autofree char *like = sp_like_pattern (filter->text);

  sqlite3_bind_int64 (stmt, 1, filter->from == SP_DATE_NONE ? G_MININT64
                                                              : sp_date_to_time (filter->from));
  sqlite3_bind_int64 (stmt, 2, filter->to == SP_DATE_NONE ? G_MAXINT64
                                                          : sp_date_to_time (filter->to + 1));
  if (filter->kind >= 0 && filter->kind < SP_N_SURVEY_KINDS)
    sp_bind_text (stmt, 3, sp_survey_kind_to_string (filter->kind));
  sp_bind_id (stmt, 4, filter->agent_id);
  if (filter->channel > SP_CHANNEL_NONE && filter->channel < SP_N_CHANNELS)
    sp_bind_text (stmt, 5, sp_channel_to_string (filter->channel));
  if (filter->category_id != 0)
    sqlite3_bind_int64 (stmt, 6, filter->category_id);
  sp_bind_text (stmt, 7, like);
}

gint64
sp_store_count_surveys (SpStore               *self,
                        const SpSurveyFilter  *filter,
                        GError               **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  SpSurveyFilter storage;

  g_return_val_if_fail (SP_IS_STORE (self), -1);

  if (filter == NULL)
    sp_survey_filter_init ((SpSurveyFilter *) (filter = &storage));

  if (!(stmt = sp_store_prepare (self, "SELECT count(*) FROM (" SURVEY_COLUMNS SURVEY_FILTER ")",
                                 error)))
    return -1;

  bind_survey_filter (stmt, filter);
  if (sp_store_step (self, stmt, error) != SP_STEP_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

static const char *
survey_sort_clause (SpSurveySort sort,
                    gboolean     descending)
{
  static const char * const asc[] = {
    " ORDER BY s.answered_at, s.id",
    " ORDER BY s.kind, s.answered_at DESC, s.id DESC",
    " ORDER BY s.kind, s.score, s.answered_at DESC, s.id DESC",
    " ORDER BY cu.name_key IS NULL, cu.name_key, s.answered_at DESC, s.id DESC",
    " ORDER BY a.name_key IS NULL, a.name_key, s.answered_at DESC, s.id DESC",
    " ORDER BY s.channel IS NULL, s.channel, s.answered_at DESC, s.id DESC",
    " ORDER BY cat.name_key IS NULL, cat.name_key, s.answered_at DESC, s.id DESC",
  };
  static const char * const desc[] = {
    " ORDER BY s.answered_at DESC, s.id DESC",
    " ORDER BY s.kind DESC, s.answered_at DESC, s.id DESC",
    " ORDER BY s.kind, s.score DESC, s.answered_at DESC, s.id DESC",
    " ORDER BY cu.name_key IS NULL, cu.name_key DESC, s.answered_at DESC, s.id DESC",
    " ORDER BY a.name_key IS NULL, a.name_key DESC, s.answered_at DESC, s.id DESC",
    " ORDER BY s.channel IS NULL, s.channel DESC, s.answered_at DESC, s.id DESC",
    " ORDER BY cat.name_key IS NULL, cat.name_key DESC, s.answered_at DESC, s.id DESC",
  };

  if ((guint) sort >= G_N_ELEMENTS (asc))
    sort = SP_SURVEY_SORT_ANSWERED;

  return descending ? desc[sort] : asc[sort];
}

GPtrArray *
sp_store_list_surveys (SpStore               *self,
                       const SpSurveyFilter  *filter,
                       gint64                 offset,
                       guint                  limit,
                       GError               **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new (SURVEY_COLUMNS SURVEY_FILTER);
  SpSurveyFilter storage;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (filter == NULL)
    sp_survey_filter_init ((SpSurveyFilter *) (filter = &storage));

  g_string_append (sql, survey_sort_clause (filter->sort, filter->descending));
  g_string_append (sql, " LIMIT ?8 OFFSET ?9");

  if (!(stmt = sp_store_prepare (self, sql->str, error)))
    return NULL;

  bind_survey_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 8, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, 9, MAX (offset, 0));

  return sp_store_collect_rows (self, stmt, survey_from_row, g_object_unref, error);
}

/**
 * sp_store_scan_survey_ids:
 *
 * The ids of the answers @filter shows, in its order, a chunk at a time;
 * see sp_store_scan_contact_ids().
 */
gboolean
sp_store_scan_survey_ids (SpStore               *self,
                          const SpSurveyFilter  *filter,
                          SpIdsFunc              func,
                          gpointer               user_data,
                          GError               **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT s.id FROM surveys s"
                                         " LEFT JOIN customers cu ON cu.id = s.customer_id"
                                         " LEFT JOIN agents a ON a.id = s.agent_id"
                                         " LEFT JOIN categories cat ON cat.id = s.category_id"
                                         SURVEY_FILTER);
  SpSurveyFilter storage;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (filter == NULL)
    sp_survey_filter_init ((SpSurveyFilter *) (filter = &storage));

  g_string_append (sql, survey_sort_clause (filter->sort, filter->descending));

  if (!(stmt = sp_store_prepare (self, sql->str, error)))
    return FALSE;

  bind_survey_filter (stmt, filter);
  return sp_store_scan_ids (self, stmt, func, user_data, error);
}

GArray *
sp_store_list_survey_ids (SpStore               *self,
                          const SpSurveyFilter  *filter,
                          GError               **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (!sp_store_scan_survey_ids (self, filter, sp_store_append_ids, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/* The answers with these ids, in this order; ids that no longer exist are skipped. */
GPtrArray *
sp_store_list_surveys_by_id (SpStore       *self,
                             const gint64  *ids,
                             guint          n_ids,
                             GError       **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (!(stmt = sp_store_prepare (self, SURVEY_COLUMNS " WHERE s.id = ?1", error)))
    return NULL;

  return sp_store_collect_rows_by_id (self, stmt, ids, n_ids, survey_from_row, g_object_unref,
                                      error);
}

/* Shifts */

#define SHIFT_MISSING _("This shift no longer exists; it may have been deleted.")

static gboolean
write_shift (SpStore     *self,
             SpShift     *shift,
             SpSaveMode   mode,
             GError     **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  if (!sp_shift_validate (shift, error))
    return FALSE;

  shift->agent_id = sp_store_resolve_entity (self, SP_ENTITY_AGENT, shift->agent_id,
                                             shift->agent_name, error);
  if (shift->agent_id <= 0)
    return FALSE;

  if (mode == SP_SAVE_CHECKED || mode == SP_SAVE_OVER)
    {
      stmt = sp_store_prepare (self,
                               "UPDATE shifts SET date = ?1, agent_id = ?2, available_hours = ?3,"
                               " revision = revision + 1 "
                               "WHERE id = ?4 AND (?5 IS NULL OR revision = ?5) "
                               "RETURNING id, revision", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 4, shift->id);
          if (mode == SP_SAVE_CHECKED)
            sqlite3_bind_int64 (stmt, 5, shift->revision);
        }
    }
  else
    {
      /* One figure per agent and day: entering it again replaces it */
      stmt = sp_store_prepare (self,
                               "INSERT INTO shifts (date, agent_id, available_hours) "
                               "VALUES (?1, ?2, ?3) ON CONFLICT (agent_id, date) "
                               "DO UPDATE SET available_hours = excluded.available_hours,"
                               " revision = revision + 1 "
                               "RETURNING id, revision", error);
    }

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, shift->date);
  sqlite3_bind_int64 (stmt, 2, shift->agent_id);
  sqlite3_bind_double (stmt, 3, shift->available_hours);

  if (!sp_store_run_revised (self, stmt, "SELECT 1 FROM shifts WHERE id = ?1",
                             &shift->id, &shift->revision, SHIFT_MISSING,
                             _("Someone else changed this shift after you opened it."),
                             error))
    return FALSE;

  sp_store_note_changes (self, SP_STORE_CHANGE_SHIFTS);
  return TRUE;
}

gboolean
sp_store_insert_shift_unlocked (SpStore  *self,
                                SpShift  *shift,
                                GError  **error)
{
  return write_shift (self, shift, shift->id <= 0 ? SP_SAVE_NEW : SP_SAVE_OVER, error);
}

static gboolean
save_shift (SpStore     *self,
            SpShift     *shift,
            SpSaveMode   mode,
            GError     **error)
{
  g_autoptr(SpShift) work = sp_shift_copy (shift);
  g_autoptr(GError) local_error = NULL;

  if (!sp_store_begin (self, error))
    return FALSE;

  if (!write_shift (self, work, mode, &local_error))
    {
      sp_store_rollback (self);

      if (g_error_matches (local_error, SP_ERROR, SP_ERROR_DUPLICATE))
        {
          g_autofree char *day = sp_date_format_short (shift->date);

          g_set_error (error, SP_ERROR, SP_ERROR_DUPLICATE,
                       /* TRANSLATORS: an agent's name, then the day */
                       _("%s already has a shift on %s."),
                       shift->agent_name ? shift->agent_name : _("This agent"), day);
          return FALSE;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!sp_store_commit (self, error))
    return FALSE;

  shift->id = work->id;
  shift->agent_id = work->agent_id;
  shift->revision = work->revision;
  return TRUE;
}

/**
 * sp_store_save_shift:
 *
 * Saves the available hours of one agent on one day.  A new shift for a
 * day that already has one replaces its hours.  An update (a shift with
 * its id) fails with %SP_ERROR_CHANGED when someone else saved the shift
 * since it was read; on success @shift holds the new revision.
 */
gboolean
sp_store_save_shift (SpStore  *self,
                     SpShift  *shift,
                     GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_SHIFT (shift), FALSE);

  return save_shift (self, shift, shift->id <= 0 ? SP_SAVE_NEW : SP_SAVE_CHECKED, error);
}

/* Updates @shift over whatever is stored now ("Save mine"). */
gboolean
sp_store_save_shift_over (SpStore  *self,
                          SpShift  *shift,
                          GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_SHIFT (shift), FALSE);
  g_return_val_if_fail (shift->id > 0, FALSE);

  return save_shift (self, shift, SP_SAVE_OVER, error);
}

gboolean
sp_store_delete_shift (SpStore  *self,
                       gint64    id,
                       GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  return sp_store_delete_by_id (self, "DELETE FROM shifts WHERE id = ?1", id,
                                SP_STORE_CHANGE_SHIFTS, SHIFT_MISSING, error);
}

static gpointer
shift_from_row (SpStmt *stmt)
{
  SpShift *shift = sp_shift_new_full (sqlite3_column_int (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 3),
                                      sqlite3_column_double (stmt, 4));

  shift->id = sqlite3_column_int64 (stmt, 0);
  shift->agent_id = sqlite3_column_int64 (stmt, 2);
  shift->revision = sqlite3_column_int64 (stmt, 5);

  return shift;
}

GPtrArray *
sp_store_list_shifts (SpStore  *self,
                      SpDate    from,
                      SpDate    to,
                      gint64    agent_id,
                      GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  stmt = sp_store_prepare (self,
                           "SELECT s.id, s.date, s.agent_id, a.name, s.available_hours,"
                           " s.revision "
                           "FROM shifts s JOIN agents a ON a.id = s.agent_id "
                           "WHERE s.date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR s.agent_id = ?3) "
                           "ORDER BY s.date, a.name_key", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, from == SP_DATE_NONE ? G_MININT32 : from);
  sqlite3_bind_int (stmt, 2, to == SP_DATE_NONE ? G_MAXINT32 : to);
  sp_bind_id (stmt, 3, agent_id);

  return sp_store_collect_rows (self, stmt, shift_from_row, g_object_unref, error);
}

/* Month figures */

/* @insert does not matter: a month's figures replace what was there */
static gboolean
write_month (SpStore   *self,
             gpointer   record,
             gboolean   insert,
             GError   **error)
{
  SpMonthFigures *figures = record;
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *month = NULL;
  SpDate first;

  if (!sp_month_figures_validate (figures, error))
    return FALSE;

  stmt = sp_store_prepare (self,
                           "INSERT INTO month_figures (month, first_day, last_day, operating_cost,"
                           " customers_start, customers_lost, customers_new) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (month) DO UPDATE SET"
                           " operating_cost = excluded.operating_cost,"
                           " customers_start = excluded.customers_start,"
                           " customers_lost = excluded.customers_lost,"
                           " customers_new = excluded.customers_new", error);
  if (stmt == NULL)
    return FALSE;

  first = sp_month_figures_get_start (figures);
  month = sp_month_format_iso (first);

  sp_bind_text (stmt, 1, month);
  sqlite3_bind_int (stmt, 2, first);
  sqlite3_bind_int (stmt, 3, sp_date_month_end (first));
  sqlite3_bind_double (stmt, 4, figures->operating_cost);
  sqlite3_bind_int64 (stmt, 5, figures->customers_start);
  sqlite3_bind_int64 (stmt, 6, figures->customers_lost);
  sqlite3_bind_int64 (stmt, 7, figures->customers_new);

  if (!sp_store_run (self, stmt, error))
    return FALSE;

  sp_store_note_changes (self, SP_STORE_CHANGE_MONTHS);
  return TRUE;
}

gboolean
sp_store_insert_month_unlocked (SpStore         *self,
                                SpMonthFigures  *figures,
                                GError         **error)
{
  return write_month (self, figures, TRUE, error);
}

/* Saves the figures of a month, replacing what was there. */
gboolean
sp_store_save_month_figures (SpStore         *self,
                             SpMonthFigures  *figures,
                             GError         **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_MONTH_FIGURES (figures), FALSE);

  return sp_store_write_in_transaction (self, write_month, figures, TRUE, error);
}

gboolean
sp_store_delete_month_figures (SpStore  *self,
                               int       year,
                               int       month,
                               GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  stmt = sp_store_prepare (self, "DELETE FROM month_figures WHERE month = ?1", error);
  if (stmt == NULL)
    return FALSE;

  key = g_strdup_printf ("%04d-%02d", year, month);
  sp_bind_text (stmt, 1, key);

  if (!sp_store_run (self, stmt, error))
    return FALSE;

  sp_store_note_changes (self, SP_STORE_CHANGE_MONTHS);
  return TRUE;
}

static gpointer
month_from_row (SpStmt *stmt)
{
  int y = 0, m = 0;
  SpMonthFigures *figures;

  sp_month_parse ((const char *) sqlite3_column_text (stmt, 0), &y, &m, NULL);
  figures = sp_month_figures_new (y, m);
  figures->operating_cost = sqlite3_column_double (stmt, 1);
  figures->customers_start = sqlite3_column_int64 (stmt, 2);
  figures->customers_lost = sqlite3_column_int64 (stmt, 3);
  figures->customers_new = sqlite3_column_int64 (stmt, 4);

  return figures;
}

#define MONTH_COLUMNS \
  "SELECT month, operating_cost, customers_start, customers_lost, customers_new " \
  "FROM month_figures "

SpMonthFigures *
sp_store_load_month_figures (SpStore  *self,
                             int       year,
                             int       month,
                             GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *key = NULL;
  SpStep step;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (!(stmt = sp_store_prepare (self, MONTH_COLUMNS "WHERE month = ?1", error)))
    return NULL;

  key = g_strdup_printf ("%04d-%02d", year, month);
  sp_bind_text (stmt, 1, key);
  step = sp_store_step (self, stmt, error);

  if (step == SP_STEP_ROW)
    return month_from_row (stmt);

  if (step == SP_STEP_DONE)
    g_set_error (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                 /* TRANSLATORS: %s is a month, "October 2026" */
                 _("There are no figures for %s yet."), key);
  return NULL;
}

/* Every month that starts between @from and @to (either may be SP_DATE_NONE). */
GPtrArray *
sp_store_list_month_figures (SpStore  *self,
                             SpDate    from,
                             SpDate    to,
                             GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  stmt = sp_store_prepare (self, MONTH_COLUMNS "WHERE first_day BETWEEN ?1 AND ?2 ORDER BY month",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, from == SP_DATE_NONE ? G_MININT32 : from);
  sqlite3_bind_int (stmt, 2, to == SP_DATE_NONE ? G_MAXINT32 : to);

  return sp_store_collect_rows (self, stmt, month_from_row, g_object_unref, error);
}
