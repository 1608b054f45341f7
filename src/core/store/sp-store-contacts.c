/* sp-store-contacts.c
 *
 * Contacts and their escalations, and the repeat flags of KPI-SPEC §4,
 * which the store keeps up to date on every change so that every KPI can
 * read them with a range scan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-error.h"
#include "sp-parse.h"
#include "sp-store-private.h"

#define CONTACT_COLUMNS \
  "SELECT c.id, c.received_at, c.channel, c.agent_id, a.name, c.customer_id, cu.name," \
  " c.category_id, cat.name, c.priority, c.first_response_at, c.resolved_at," \
  " c.resolved_first_contact, c.escalated, c.talk_min, c.hold_min, c.wrap_min, c.complaint," \
  " c.note, e.escalated_at, e.escalated_to, e.reason, e.resolved_at, c.is_repeat," \
  " c.followed_up, c.revision"

#define CONTACT_JOINS \
  " FROM contacts c" \
  " LEFT JOIN agents a ON a.id = c.agent_id" \
  " LEFT JOIN customers cu ON cu.id = c.customer_id" \
  " LEFT JOIN categories cat ON cat.id = c.category_id" \
  " LEFT JOIN escalations e ON e.contact_id = c.id"

#define CONTACT_FILTER_START \
  " WHERE c.received_at >= ?1 AND c.received_at < ?2" \
  " AND (?3 IS NULL OR c.agent_id = ?3)" \
  " AND (?4 IS NULL OR c.channel = ?4)" \
  " AND (?5 IS NULL OR (?5 = -1 AND c.category_id IS NULL) OR c.category_id = ?5)" \
  " AND (?6 IS NULL OR c.customer_id = ?6)" \
  " AND (?7 = 0 OR (?7 = 1 AND c.resolved_at IS NULL)" \
  "      OR (?7 = 2 AND c.resolved_at IS NOT NULL) OR (?7 = 3 AND c.escalated = 1))"

/* needs every join of CONTACT_JOINS */
#define CONTACT_FILTER_TEXT \
  " AND (?8 IS NULL OR a.name_key LIKE ?8 ESCAPE '\\' OR cu.name_key LIKE ?8 ESCAPE '\\'" \
  "      OR cat.name_key LIKE ?8 ESCAPE '\\' OR c.note LIKE ?8 ESCAPE '\\'" \
  "      OR e.escalated_to LIKE ?8 ESCAPE '\\' OR e.reason LIKE ?8 ESCAPE '\\')"

#define CONTACT_FILTER_END \
  " AND (?9 = 0 OR c.is_repeat = 1)" \
  " AND (?10 = 0 OR c.is_repeat = 0)"

#define CONTACT_BY_ID CONTACT_COLUMNS CONTACT_JOINS " WHERE c.id = ?1"

#define CONTACT_FILTER CONTACT_FILTER_START CONTACT_FILTER_TEXT CONTACT_FILTER_END

/* 7 × 24 hours, KPI-SPEC §4 */
#define REPEAT_WINDOW "604800"

static gpointer
contact_from_row (SpStmt *stmt)
{
  SpContact *contact = sp_contact_new ();
  const char *str;

  contact->id = sqlite3_column_int64 (stmt, 0);
  contact->received_at = sqlite3_column_int64 (stmt, 1);
  str = (const char *) sqlite3_column_text (stmt, 2);
  if (str == NULL || !sp_channel_from_string (str, &contact->channel))
    contact->channel = SP_CHANNEL_PHONE;
  contact->agent_id = sqlite3_column_int64 (stmt, 3);
  contact->agent_name = sp_column_dup_text (stmt, 4);
  contact->customer_id = sqlite3_column_int64 (stmt, 5);
  contact->customer_name = sp_column_dup_text (stmt, 6);
  contact->category_id = sqlite3_column_int64 (stmt, 7);
  contact->category_name = sp_column_dup_text (stmt, 8);
  str = (const char *) sqlite3_column_text (stmt, 9);
  if (str == NULL || !sp_priority_from_string (str, &contact->priority))
    contact->priority = SP_PRIORITY_NORMAL;
  contact->first_response_at = sp_column_time (stmt, 10);
  contact->resolved_at = sp_column_time (stmt, 11);
  contact->resolved_first_contact = sqlite3_column_int (stmt, 12);
  contact->escalated = sqlite3_column_int (stmt, 13);
  contact->talk_min = sp_column_double (stmt, 14);
  contact->hold_min = sp_column_double (stmt, 15);
  contact->wrap_min = sp_column_double (stmt, 16);
  contact->complaint = sqlite3_column_int (stmt, 17);
  contact->note = sp_column_dup_text (stmt, 18);
  contact->escalated_at = sp_column_time (stmt, 19);
  contact->escalated_to = sp_column_dup_text (stmt, 20);
  contact->escalation_reason = sp_column_dup_text (stmt, 21);
  contact->escalation_resolved_at = sp_column_time (stmt, 22);
  contact->is_repeat = sqlite3_column_int (stmt, 23);
  contact->followed_up = sqlite3_column_int (stmt, 24);
  contact->revision = sqlite3_column_int64 (stmt, 25);

  return contact;
}

/* Repeats */

gboolean
sp_store_mark_customer (SpStore  *self,
                        gint64    customer_id,
                        GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  if (customer_id <= 0)
    return TRUE;

  stmt = sp_store_prepare (self, "INSERT OR IGNORE INTO temp.sp_marked (customer_id) VALUES (?1)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  return sp_store_run (self, stmt, error);
}

/*
 * Recomputes is_repeat and followed_up for every contact of the customers
 * marked with sp_store_mark_customer(): the previous and next contact of
 * the same customer and topic, in (received_at, id) order, within 7 × 24 h.
 */
gboolean
sp_store_refresh_marked (SpStore  *self,
                         GError  **error)
{
  g_autoptr(SpStmt) update = NULL;
  g_autoptr(SpStmt) clear = NULL;

  update = sp_store_prepare (self,
    "UPDATE contacts SET is_repeat = w.r, followed_up = w.f "
    "FROM (SELECT id,"
    "        coalesce(received_at - lag (received_at) OVER win <= " REPEAT_WINDOW ", 0) AS r,"
    "        coalesce(lead (received_at) OVER win - received_at <= " REPEAT_WINDOW ", 0) AS f"
    "      FROM contacts"
    "      WHERE customer_id IN (SELECT customer_id FROM temp.sp_marked)"
    "      WINDOW win AS (PARTITION BY customer_id, category_id ORDER BY received_at, id)) AS w "
    "WHERE contacts.id = w.id AND (contacts.is_repeat != w.r OR contacts.followed_up != w.f)",
    error);
  if (update == NULL || !sp_store_run (self, update, error))
    return FALSE;

  clear = sp_store_prepare (self, "DELETE FROM temp.sp_marked", error);
  return clear != NULL && sp_store_run (self, clear, error);
}

/**
 * sp_store_refresh_repeats:
 *
 * Recomputes the repeat flags of every contact.  Saving keeps them up to
 * date; this is for checks and repairs.
 */
gboolean
sp_store_refresh_repeats (SpStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (!sp_store_begin (self, error))
    return FALSE;

  if (!sp_store_exec (self,
                      "INSERT OR IGNORE INTO temp.sp_marked (customer_id) "
                      "SELECT DISTINCT customer_id FROM contacts WHERE customer_id IS NOT NULL",
                      error) ||
      !sp_store_refresh_marked (self, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  sp_store_note_changes (self, SP_STORE_CHANGE_CONTACTS);
  return sp_store_commit (self, error);
}

/* Saving */

static gboolean
save_escalation (SpStore    *self,
                 SpContact  *contact,
                 gboolean    insert,
                 GError    **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  if (!contact->escalated && insert)
    return TRUE;

  if (!contact->escalated)
    {
      stmt = sp_store_prepare (self, "DELETE FROM escalations WHERE contact_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, contact->id);
      return sp_store_run (self, stmt, error);
    }

  stmt = sp_store_prepare (self,
                           "INSERT INTO escalations (contact_id, escalated_at, escalated_to,"
                           " reason, resolved_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT (contact_id) DO UPDATE SET"
                           " escalated_at = excluded.escalated_at,"
                           " escalated_to = excluded.escalated_to,"
                           " reason = excluded.reason, resolved_at = excluded.resolved_at",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, contact->id);
  sp_bind_time (stmt, 2, contact->escalated_at);
  sp_bind_text (stmt, 3, contact->escalated_to);
  sp_bind_text (stmt, 4, contact->escalation_reason);
  sp_bind_time (stmt, 5, contact->escalation_resolved_at);

  return sp_store_run (self, stmt, error);
}

static gint64
lookup_customer (SpStore *self,
                 gint64   contact_id)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (self,
                                             "SELECT customer_id FROM contacts WHERE id = ?1",
                                             NULL);

  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (sp_store_step (self, stmt, NULL) != SP_STEP_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

static void
bind_contact_values (SpStmt    *stmt,
                     SpContact *contact)
{
  sqlite3_bind_int64 (stmt, 1, contact->received_at);
  sp_bind_id (stmt, 2, contact->id);
  sp_bind_text (stmt, 3, sp_channel_to_string (contact->channel));
  sqlite3_bind_int64 (stmt, 4, contact->agent_id);
  sp_bind_id (stmt, 5, contact->customer_id);
  sp_bind_id (stmt, 6, contact->category_id);
  sp_bind_text (stmt, 7, sp_priority_to_string (contact->priority));
  sp_bind_time (stmt, 8, contact->first_response_at);
  sp_bind_time (stmt, 9, contact->resolved_at);
  sqlite3_bind_int (stmt, 10, !!contact->resolved_first_contact);
  sqlite3_bind_int (stmt, 11, !!contact->escalated);
  sp_bind_double (stmt, 12, contact->talk_min);
  sp_bind_double (stmt, 13, contact->hold_min);
  sp_bind_double (stmt, 14, contact->wrap_min);
  sqlite3_bind_int (stmt, 15, !!contact->complaint);
  sp_bind_text (stmt, 16, contact->note);
}

/* ?17, ?18: the business seconds to first response and to resolution (KPI-SPEC §7) */
static gboolean
bind_open_times (SpStore    *self,
                 SpStmt     *stmt,
                 SpContact  *contact,
                 GError    **error)
{
  SpHours *hours = sp_store_peek_hours (self, error);
  gint64 fr_open, res_open;

  if (hours == NULL)
    return FALSE;

  sp_store_contact_open_times (hours, contact->received_at, contact->first_response_at,
                               contact->resolved_at, &fr_open, &res_open);
  if (fr_open >= 0)
    sqlite3_bind_int64 (stmt, 17, fr_open);
  if (res_open >= 0)
    sqlite3_bind_int64 (stmt, 18, res_open);
  return TRUE;
}

#define CONTACT_MISSING _("This contact no longer exists; it may have been deleted.")

static gboolean
write_contact (SpStore    *self,
               SpContact  *contact,
               SpSaveMode  mode,
               gboolean    refresh,
               GError    **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  gboolean insert = mode == SP_SAVE_NEW || mode == SP_SAVE_UNDELETE;
  gint64 old_customer = 0;

  if (!sp_contact_validate (contact, NULL, error))
    return FALSE;

  contact->agent_id = sp_store_resolve_entity (self, SP_ENTITY_AGENT, contact->agent_id,
                                               contact->agent_name, error);
  if (contact->agent_id <= 0)
    return FALSE;

  if (contact->customer_id <= 0 && !sp_str_is_blank (contact->customer_name))
    {
      contact->customer_id = sp_store_ensure_entity (self, SP_ENTITY_CUSTOMER,
                                                     contact->customer_name, error);
      if (contact->customer_id <= 0)
        return FALSE;
    }

  if (contact->category_id <= 0 && !sp_str_is_blank (contact->category_name))
    {
      contact->category_id = sp_store_ensure_entity (self, SP_ENTITY_CATEGORY,
                                                     contact->category_name, error);
      if (contact->category_id <= 0)
        return FALSE;
    }

  if (insert)
    {
      stmt = sp_store_prepare (self,
        "INSERT INTO contacts (received_at, id, channel, agent_id, customer_id, category_id,"
        " priority, first_response_at, resolved_at, resolved_first_contact, escalated,"
        " talk_min, hold_min, wrap_min, complaint, note, fr_open, res_open, revision) "
        "VALUES (?1, coalesce(?2, (SELECT coalesce(max(id), 0) + 1 FROM contacts)),"
        " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) "
        "RETURNING id, revision", error);
      /* one put back is not the record anyone read before it was deleted */
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 19, mode == SP_SAVE_UNDELETE ? contact->revision + 1 : 0);
    }
  else
    {
      old_customer = lookup_customer (self, contact->id);
      if (old_customer < 0)
        {
          g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND, CONTACT_MISSING);
          return FALSE;
        }

      stmt = sp_store_prepare (self,
        "UPDATE contacts SET received_at = ?1, channel = ?3, agent_id = ?4, customer_id = ?5,"
        " category_id = ?6, priority = ?7, first_response_at = ?8, resolved_at = ?9,"
        " resolved_first_contact = ?10, escalated = ?11, talk_min = ?12, hold_min = ?13,"
        " wrap_min = ?14, complaint = ?15, note = ?16, fr_open = ?17, res_open = ?18,"
        " is_repeat = iif(?5 IS NULL, 0, is_repeat), followed_up = iif(?5 IS NULL, 0, followed_up),"
        " revision = revision + 1 "
        "WHERE id = ?2 AND (?19 IS NULL OR revision = ?19) RETURNING id, revision", error);
      if (stmt != NULL && mode == SP_SAVE_CHECKED)
        sqlite3_bind_int64 (stmt, 19, contact->revision);
    }

  if (stmt == NULL)
    return FALSE;

  bind_contact_values (stmt, contact);
  if (!bind_open_times (self, stmt, contact, error))
    return FALSE;

  if (!sp_store_run_revised (self, stmt, "SELECT 1 FROM contacts WHERE id = ?1",
                             &contact->id, &contact->revision, CONTACT_MISSING,
                             _("Someone else changed this contact after you opened it."),
                             error))
    return FALSE;

  if (!save_escalation (self, contact, insert, error) ||
      !sp_store_mark_customer (self, old_customer, error) ||
      !sp_store_mark_customer (self, contact->customer_id, error) ||
      (refresh && !sp_store_refresh_marked (self, error)))
    return FALSE;

  sp_store_note_changes (self, SP_STORE_CHANGE_CONTACTS);
  return TRUE;
}

/* A save's write, which brings the repeat flags up to date at once */
static gboolean
save_in_transaction (SpStore    *self,
                     SpContact  *contact,
                     SpSaveMode  mode,
                     GError    **error)
{
  g_autoptr(SpContact) work = sp_contact_copy (contact);

  sp_contact_apply_defaults (work);

  if (!sp_store_begin (self, error))
    return FALSE;

  if (!write_contact (self, work, mode, TRUE, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  if (!sp_store_commit (self, error))
    return FALSE;

  /* Only now that it is saved does the caller's record change */
  contact->id = work->id;
  contact->agent_id = work->agent_id;
  contact->customer_id = work->customer_id;
  contact->category_id = work->category_id;
  contact->resolved_at = work->resolved_at;
  contact->escalated_at = work->escalated_at;
  contact->revision = work->revision;

  return TRUE;
}

/**
 * sp_store_save_contact:
 *
 * Adds @contact (when its id is 0, which then receives the new id) or
 * updates it, with its escalation, in one transaction.  Agents, customers
 * and topics given by name are created when new.
 *
 * An update saves over the revision @contact was read with: when someone
 * else saved the contact since, nothing changes and the save fails with
 * %SP_ERROR_CHANGED.  On success @contact holds the new revision.
 */
gboolean
sp_store_save_contact (SpStore    *self,
                       SpContact  *contact,
                       GError    **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_CONTACT (contact), FALSE);

  return save_in_transaction (self, contact,
                              contact->id <= 0 ? SP_SAVE_NEW : SP_SAVE_CHECKED, error);
}

/**
 * sp_store_save_contact_over:
 *
 * Updates @contact like sp_store_save_contact(), over whatever is stored
 * now, even when someone else saved it since it was read ("Save mine",
 * Undo).
 */
gboolean
sp_store_save_contact_over (SpStore    *self,
                            SpContact  *contact,
                            GError    **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (contact->id > 0, FALSE);

  return save_in_transaction (self, contact, SP_SAVE_OVER, error);
}

/* Puts back a deleted contact with its original id (Undo). */
gboolean
sp_store_undelete_contact (SpStore    *self,
                           SpContact  *contact,
                           GError    **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (SP_IS_CONTACT (contact), FALSE);
  g_return_val_if_fail (contact->id > 0, FALSE);

  return save_in_transaction (self, contact, SP_SAVE_UNDELETE, error);
}

/*
 * For the importer, inside its own transaction: the customer is marked, and
 * the caller runs sp_store_refresh_marked() once at the end.
 */
gboolean
sp_store_insert_contact_unlocked (SpStore    *self,
                                  SpContact  *contact,
                                  GError    **error)
{
  sp_contact_apply_defaults (contact);
  return write_contact (self, contact, SP_SAVE_NEW, FALSE, error);
}

SpContact *
sp_store_load_contact (SpStore  *self,
                       gint64    id,
                       GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  stmt = sp_store_prepare (self, CONTACT_BY_ID, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  return sp_store_read_row (self, stmt, contact_from_row, CONTACT_MISSING, error);
}

GPtrArray *
sp_store_list_contacts_by_id (SpStore       *self,
                              const gint64  *ids,
                              guint          n_ids,
                              GError       **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (!(stmt = sp_store_prepare (self, CONTACT_BY_ID, error)))
    return NULL;

  return sp_store_collect_rows_by_id (self, stmt, ids, n_ids, contact_from_row, g_object_unref,
                                      error);
}

gboolean
sp_store_delete_contact (SpStore  *self,
                         gint64    id,
                         GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  gint64 customer;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (!sp_store_begin (self, error))
    return FALSE;

  customer = lookup_customer (self, id);

  stmt = sp_store_prepare (self, "DELETE FROM contacts WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!sp_store_run_changing (self, stmt,
                              _("This contact no longer exists; it may have been deleted."),
                              error))
    goto failed;

  if (!sp_store_mark_customer (self, customer, error) || !sp_store_refresh_marked (self, error))
    goto failed;

  sp_store_note_changes (self, SP_STORE_CHANGE_CONTACTS);
  return sp_store_commit (self, error);

failed:
  sp_store_rollback (self);
  return FALSE;
}

/* Listing */

static const char *
sort_clause (SpContactSort sort,
             gboolean      descending)
{
  static const char * const asc[] = {
    " ORDER BY c.received_at, c.id",
    " ORDER BY c.channel, c.received_at DESC, c.id DESC",
    " ORDER BY a.name_key, c.received_at DESC, c.id DESC",
    " ORDER BY cu.name_key IS NULL, cu.name_key, c.received_at DESC, c.id DESC",
    " ORDER BY cat.name_key IS NULL, cat.name_key, c.received_at DESC, c.id DESC",
    " ORDER BY CASE c.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2"
    " ELSE 3 END, c.received_at DESC, c.id DESC",
    " ORDER BY c.first_response_at - c.received_at IS NULL,"
    " c.first_response_at - c.received_at, c.received_at DESC, c.id DESC",
    " ORDER BY c.resolved_at IS NULL, c.resolved_at, c.received_at DESC, c.id DESC",
  };
  static const char * const desc[] = {
    " ORDER BY c.received_at DESC, c.id DESC",
    " ORDER BY c.channel DESC, c.received_at DESC, c.id DESC",
    " ORDER BY a.name_key DESC, c.received_at DESC, c.id DESC",
    " ORDER BY cu.name_key IS NULL, cu.name_key DESC, c.received_at DESC, c.id DESC",
    " ORDER BY cat.name_key IS NULL, cat.name_key DESC, c.received_at DESC, c.id DESC",
    " ORDER BY CASE c.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2"
    " ELSE 3 END DESC, c.received_at DESC, c.id DESC",
    " ORDER BY c.first_response_at - c.received_at IS NULL,"
    " c.first_response_at - c.received_at DESC, c.received_at DESC, c.id DESC",
    " ORDER BY c.resolved_at IS NULL, c.resolved_at DESC, c.received_at DESC, c.id DESC",
  };

  if ((guint) sort >= G_N_ELEMENTS (asc))
    sort = SP_CONTACT_SORT_RECEIVED;

  return descending ? desc[sort] : asc[sort];
}

/* A LIKE pattern that finds @text anywhere, with its wildcards escaped. */
char *
sp_like_pattern (const char *text)
{
  g_autofree char *key = NULL;
  GString *pattern;

  if (sp_str_is_blank (text))
    return NULL;

  key = sp_name_key (text);
  pattern = g_string_new ("%");

  for (const char *p = key; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }

  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static void
bind_contact_filter (SpStmt                *stmt,
                     const SpContactFilter *filter)
{
  g_autofree char *like = sp_like_pattern (filter->text);

  sqlite3_bind_int64 (stmt, 1, filter->from == SP_DATE_NONE ? G_MININT64
                                                              : sp_date_to_time (filter->from));
  sqlite3_bind_int64 (stmt, 2, filter->to == SP_DATE_NONE ? G_MAXINT64
                                                          : sp_date_to_time (filter->to + 1));
  sp_bind_id (stmt, 3, filter->agent_id);
  if (filter->channel > SP_CHANNEL_NONE && filter->channel < SP_N_CHANNELS)
    sp_bind_text (stmt, 4, sp_channel_to_string (filter->channel));
  if (filter->category_id != 0)
    sqlite3_bind_int64 (stmt, 5, filter->category_id);
  sp_bind_id (stmt, 6, filter->customer_id);
  sqlite3_bind_int (stmt, 7, filter->state);
  sp_bind_text (stmt, 8, like);
  sqlite3_bind_int (stmt, 9, !!filter->repeats_only);
  sqlite3_bind_int (stmt, 10, !!filter->first_contacts_only);
}

static const SpContactFilter *
default_filter (const SpContactFilter *filter,
                SpContactFilter       *storage)
{
  if (filter != NULL)
    return filter;

  sp_contact_filter_init (storage);
  return storage;
}

/*
 * The ids of what @filter shows, with only the joins its text and sort
 * need: on a large file the plain scan of the clustered table is several
 * times faster than one that looks up every name.
 */
static char *
contact_ids_sql (const SpContactFilter *filter,
                 gboolean               count)
{
  gboolean text = !sp_str_is_blank (filter->text);
  GString *sql = g_string_new (count ? "SELECT count(*)" : "SELECT c.id");

  g_string_append (sql, " FROM contacts c");
  if (text || (!count && filter->sort == SP_CONTACT_SORT_AGENT))
    g_string_append (sql, " LEFT JOIN agents a ON a.id = c.agent_id");
  if (text || (!count && filter->sort == SP_CONTACT_SORT_CUSTOMER))
    g_string_append (sql, " LEFT JOIN customers cu ON cu.id = c.customer_id");
  if (text || (!count && filter->sort == SP_CONTACT_SORT_CATEGORY))
    g_string_append (sql, " LEFT JOIN categories cat ON cat.id = c.category_id");
  if (text)
    g_string_append (sql, " LEFT JOIN escalations e ON e.contact_id = c.id");

  g_string_append (sql, CONTACT_FILTER_START);
  if (text)
    g_string_append (sql, CONTACT_FILTER_TEXT);
  g_string_append (sql, CONTACT_FILTER_END);

  if (!count)
    g_string_append (sql, sort_clause (filter->sort, filter->descending));

  return g_string_free (sql, FALSE);
}

gint64
sp_store_count_contacts (SpStore                *self,
                         const SpContactFilter  *filter,
                         GError                **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  SpContactFilter storage;

  g_return_val_if_fail (SP_IS_STORE (self), -1);

  filter = default_filter (filter, &storage);
  sql = contact_ids_sql (filter, TRUE);

  if (!(stmt = sp_store_prepare (self, sql, error)))
    return -1;

  bind_contact_filter (stmt, filter);

  if (sp_store_step (self, stmt, error) != SP_STEP_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * sp_store_list_contacts:
 * @limit: at most this many rows; 0 for all
 *
 * Returns: (transfer full): an array of #SpContact in the filter's order
 */
GPtrArray *
sp_store_list_contacts (SpStore                *self,
                        const SpContactFilter  *filter,
                        gint64                  offset,
                        guint                   limit,
                        GError                **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new (CONTACT_COLUMNS CONTACT_JOINS CONTACT_FILTER);
  SpContactFilter storage;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  filter = default_filter (filter, &storage);

  g_string_append (sql, sort_clause (filter->sort, filter->descending));
  g_string_append (sql, " LIMIT ?11 OFFSET ?12");

  if (!(stmt = sp_store_prepare (self, sql->str, error)))
    return NULL;

  bind_contact_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 11, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, 12, MAX (offset, 0));

  return sp_store_collect_rows (self, stmt, contact_from_row, g_object_unref, error);
}

/**
 * sp_store_scan_contact_ids:
 * @func: called with the ids in the filter's order, a chunk at a time: a
 *   small first chunk, so that a list can show its first rows at once, then
 *   large ones
 *
 * What a lazy list needs to page through a large file; run it on a reader
 * (sp_store_open_reader()) in a thread.  Returns %FALSE with
 * %G_IO_ERROR_CANCELLED when @func stops the scan.
 */
gboolean
sp_store_scan_contact_ids (SpStore                *self,
                           const SpContactFilter  *filter,
                           SpIdsFunc               func,
                           gpointer                user_data,
                           GError                **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  SpContactFilter storage;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  filter = default_filter (filter, &storage);
  sql = contact_ids_sql (filter, FALSE);

  if (!(stmt = sp_store_prepare (self, sql, error)))
    return FALSE;

  bind_contact_filter (stmt, filter);
  return sp_store_scan_ids (self, stmt, func, user_data, error);
}

/**
 * sp_store_list_contact_ids:
 *
 * Returns: (transfer full): the ids (gint64) of every contact the filter
 *   shows, in its order
 */
GArray *
sp_store_list_contact_ids (SpStore                *self,
                           const SpContactFilter  *filter,
                           GError                **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  if (!sp_store_scan_contact_ids (self, filter, sp_store_append_ids, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/*
 * The people and places contacts were escalated to before, most used first,
 * those that start with @prefix (ignoring case) when it is given: what the
 * "Escalated to" field offers, so that "Ware" becomes the "Warehouse"
 * already used rather than a second spelling of it.
 */
GPtrArray *
sp_store_list_escalated_to (SpStore     *self,
                            const char  *prefix,
                            guint        limit,
                            GError     **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = NULL;
  SpStep step;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  stmt = sp_store_prepare (self,
                           "SELECT escalated_to FROM escalations"
                           " WHERE escalated_to IS NOT NULL AND trim (escalated_to) <> ''"
                           " GROUP BY escalated_to"
                           " ORDER BY count (*) DESC, escalated_to COLLATE NOCASE, escalated_to",
                           error);
  if (stmt == NULL)
    return NULL;

  if (prefix != NULL && *prefix != '\0')
    folded = g_utf8_casefold (prefix, -1);

  while ((step = sp_store_step (self, stmt, error)) == SP_STEP_ROW)
    {
      g_autofree char *name = sp_column_dup_text (stmt, 0);
      g_autofree char *name_folded = NULL;

      if (name == NULL)
        continue;

      /* folded in C, not with LIKE: SQLite folds only ASCII letters */
      if (folded != NULL)
        {
          name_folded = g_utf8_casefold (name, -1);
          if (!g_str_has_prefix (name_folded, folded))
            continue;
        }

      g_ptr_array_add (names, g_steal_pointer (&name));
      if (limit > 0 && names->len >= limit)
        break;
    }

  if (step == SP_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&names);
}
