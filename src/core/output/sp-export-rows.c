/* sp-export-rows.c
 *
 * The raw records of a period, row by row, for the workbook's data sheets
 * and the CSV files.  Besides what the owner recorded, the contacts carry
 * what the KPIs are computed from — response and resolution times, the
 * repeat and first-contact-resolution flags the store keeps (KPI-SPEC §4),
 * whether the SLA target was met — so that each KPI can be recomputed
 * from the rows alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sp-export-rows.h"
#include "sp-store-private.h"

/* The engine's cap on one contact's handle minutes (migration 2) */
#define HANDLE_CAP 1e15

static const SpExportColumn contact_columns[SP_N_CONTACT_COLS] = {
  [SP_CONTACT_COL_ID] = { "id", N_("ID"), SP_EXPORT_COLUMN_INT, 8 },
  [SP_CONTACT_COL_RECEIVED] = { "received_at", N_("Received"), SP_EXPORT_COLUMN_TIME, 17 },
  [SP_CONTACT_COL_CHANNEL] = { "channel", N_("Channel"), SP_EXPORT_COLUMN_LABEL, 13 },
  [SP_CONTACT_COL_AGENT] = { "agent", N_("Agent"), SP_EXPORT_COLUMN_TEXT, 16 },
  [SP_CONTACT_COL_CUSTOMER] = { "customer", N_("Customer"), SP_EXPORT_COLUMN_TEXT, 20 },
  [SP_CONTACT_COL_CATEGORY] = { "category", N_("Topic"), SP_EXPORT_COLUMN_TEXT, 18 },
  [SP_CONTACT_COL_PRIORITY] = { "priority", N_("Priority"), SP_EXPORT_COLUMN_LABEL, 10 },
  [SP_CONTACT_COL_FIRST_RESPONSE] = { "first_response_at", N_("First response"),
                                      SP_EXPORT_COLUMN_TIME, 17 },
  [SP_CONTACT_COL_RESOLVED] = { "resolved_at", N_("Resolved"), SP_EXPORT_COLUMN_TIME, 17 },
  [SP_CONTACT_COL_RESPONSE_MINUTES] = { "first_response_minutes", N_("Response (min)"),
                                        SP_EXPORT_COLUMN_NUMBER, 11 },
  [SP_CONTACT_COL_RESOLUTION_HOURS] = { "resolution_hours", N_("Resolution (h)"),
                                        SP_EXPORT_COLUMN_NUMBER, 11 },
  [SP_CONTACT_COL_TALK] = { "talk_min", N_("Talk (min)"), SP_EXPORT_COLUMN_NUMBER, 9 },
  [SP_CONTACT_COL_HOLD] = { "hold_min", N_("Hold (min)"), SP_EXPORT_COLUMN_NUMBER, 9 },
  [SP_CONTACT_COL_WRAP] = { "wrap_min", N_("Wrap-up (min)"), SP_EXPORT_COLUMN_NUMBER, 9 },
  [SP_CONTACT_COL_HANDLE] = { "handle_minutes", N_("Handle (min)"), SP_EXPORT_COLUMN_NUMBER, 9 },
  [SP_CONTACT_COL_MARKED_RFC] = { "resolved_first_contact", N_("Marked resolved first time"),
                                  SP_EXPORT_COLUMN_FLAG, 10 },
  [SP_CONTACT_COL_ESCALATED] = { "escalated", N_("Escalated"), SP_EXPORT_COLUMN_FLAG, 10 },
  [SP_CONTACT_COL_COMPLAINT] = { "complaint", N_("Complaint"), SP_EXPORT_COLUMN_FLAG, 10 },
  [SP_CONTACT_COL_REPEAT] = { "repeat", N_("Repeat"), SP_EXPORT_COLUMN_FLAG, 8 },
  [SP_CONTACT_COL_FCR] = { "fcr_success", N_("First contact resolved (FCR)"),
                           SP_EXPORT_COLUMN_FLAG, 12 },
  [SP_CONTACT_COL_WITHIN_SLA] = { "within_sla", N_("Within SLA target"),
                                  SP_EXPORT_COLUMN_FLAG, 10 },
  [SP_CONTACT_COL_NOTE] = { "note", N_("Note"), SP_EXPORT_COLUMN_TEXT, 40 },
  [SP_CONTACT_COL_ESCALATED_AT] = { "escalated_at", N_("Escalated at"), SP_EXPORT_COLUMN_TIME,
                                    17 },
  [SP_CONTACT_COL_ESCALATED_TO] = { "escalated_to", N_("Escalated to"), SP_EXPORT_COLUMN_TEXT,
                                    18 },
  [SP_CONTACT_COL_ESCALATION_REASON] = { "escalation_reason", N_("Escalation reason"),
                                         SP_EXPORT_COLUMN_TEXT, 30 },
  [SP_CONTACT_COL_ESCALATION_RESOLVED_AT] = { "escalation_resolved_at",
                                              N_("Escalation resolved"),
                                              SP_EXPORT_COLUMN_TIME, 17 },
};

static const SpExportColumn escalation_columns[SP_N_ESCALATION_COLS] = {
  [SP_ESCALATION_COL_CONTACT] = { "contact_id", N_("Contact ID"), SP_EXPORT_COLUMN_INT, 10 },
  [SP_ESCALATION_COL_RECEIVED] = { "received_at", N_("Received"), SP_EXPORT_COLUMN_TIME, 17 },
  [SP_ESCALATION_COL_AGENT] = { "agent", N_("Agent"), SP_EXPORT_COLUMN_TEXT, 16 },
  [SP_ESCALATION_COL_CUSTOMER] = { "customer", N_("Customer"), SP_EXPORT_COLUMN_TEXT, 20 },
  [SP_ESCALATION_COL_CATEGORY] = { "category", N_("Topic"), SP_EXPORT_COLUMN_TEXT, 18 },
  [SP_ESCALATION_COL_ESCALATED_AT] = { "escalated_at", N_("Escalated"), SP_EXPORT_COLUMN_TIME,
                                       17 },
  [SP_ESCALATION_COL_ESCALATED_TO] = { "escalated_to", N_("Escalated to"),
                                       SP_EXPORT_COLUMN_TEXT, 18 },
  [SP_ESCALATION_COL_REASON] = { "escalation_reason", N_("Reason"), SP_EXPORT_COLUMN_TEXT, 40 },
  [SP_ESCALATION_COL_RESOLVED_AT] = { "escalation_resolved_at", N_("Escalation resolved"),
                                      SP_EXPORT_COLUMN_TIME, 17 },
};

static const SpExportColumn survey_columns[SP_N_SURVEY_COLS] = {
  [SP_SURVEY_COL_ANSWERED] = { "answered_at", N_("Answered"), SP_EXPORT_COLUMN_TIME, 17 },
  [SP_SURVEY_COL_KIND] = { "kind", N_("Kind"), SP_EXPORT_COLUMN_LABEL, 7 },
  [SP_SURVEY_COL_SCORE] = { "score", N_("Score"), SP_EXPORT_COLUMN_INT, 7 },
  [SP_SURVEY_COL_CUSTOMER] = { "customer", N_("Customer"), SP_EXPORT_COLUMN_TEXT, 20 },
  [SP_SURVEY_COL_AGENT] = { "agent", N_("Agent"), SP_EXPORT_COLUMN_TEXT, 16 },
  [SP_SURVEY_COL_CHANNEL] = { "channel", N_("Channel"), SP_EXPORT_COLUMN_LABEL, 13 },
  [SP_SURVEY_COL_CATEGORY] = { "category", N_("Topic"), SP_EXPORT_COLUMN_TEXT, 18 },
  [SP_SURVEY_COL_CONTACT] = { "contact_id", N_("Contact ID"), SP_EXPORT_COLUMN_INT, 10 },
  [SP_SURVEY_COL_COMMENT] = { "comment", N_("Comment"), SP_EXPORT_COLUMN_TEXT, 40 },
};

static const SpExportColumn shift_columns[SP_N_SHIFT_COLS] = {
  [SP_SHIFT_COL_DATE] = { "date", N_("Date"), SP_EXPORT_COLUMN_DATE, 11 },
  [SP_SHIFT_COL_AGENT] = { "agent", N_("Agent"), SP_EXPORT_COLUMN_TEXT, 16 },
  [SP_SHIFT_COL_HOURS] = { "available_hours", N_("Available hours"), SP_EXPORT_COLUMN_NUMBER,
                           10 },
};

static const SpExportColumn month_columns[SP_N_MONTH_COLS] = {
  [SP_MONTH_COL_MONTH] = { "month", N_("Month"), SP_EXPORT_COLUMN_MONTH, 9 },
  [SP_MONTH_COL_WHOLE] = { "whole_month", N_("Whole month in the period"),
                           SP_EXPORT_COLUMN_FLAG, 12 },
  [SP_MONTH_COL_COST] = { "operating_cost", N_("Operating cost"), SP_EXPORT_COLUMN_MONEY, 13 },
  [SP_MONTH_COL_START] = { "customers_start", N_("Customers at the start"),
                           SP_EXPORT_COLUMN_INT, 12 },
  [SP_MONTH_COL_LOST] = { "customers_lost", N_("Customers lost"), SP_EXPORT_COLUMN_INT, 12 },
  [SP_MONTH_COL_NEW] = { "customers_new", N_("New customers"), SP_EXPORT_COLUMN_INT, 12 },
  [SP_MONTH_COL_CONTACTS] = { "contacts", N_("Contacts in the period"), SP_EXPORT_COLUMN_INT,
                              12 },
};

typedef struct
{
  const char           *key;
  const char           *title;
  const SpExportColumn *columns;
  guint                 n_columns;
  const char           *select;   /* ?1, ?2: the period's bounds (times or days) */
  const char           *count;
  gboolean              by_day;   /* bound by days rather than times */
} TableInfo;

#define CONTACTS_IN_PERIOD \
  " FROM contacts AS c WHERE c.received_at >= ?1 AND c.received_at < ?2"

static const TableInfo tables[SP_N_EXPORT_TABLES] = {
  [SP_EXPORT_CONTACTS] = {
    "contacts", N_("Contacts"), contact_columns, SP_N_CONTACT_COLS,
    "SELECT c.id, c.received_at, c.channel, a.name, cu.name, cat.name, c.priority,"
    " c.first_response_at, c.resolved_at, c.talk_min, c.hold_min, c.wrap_min,"
    " c.resolved_first_contact, c.escalated, c.complaint, c.is_repeat, c.followed_up, c.note,"
    " e.escalated_at, e.escalated_to, e.reason, e.resolved_at, c.fr_open, c.res_open"
    " FROM contacts AS c"
    " LEFT JOIN agents AS a ON a.id = c.agent_id"
    " LEFT JOIN customers AS cu ON cu.id = c.customer_id"
    " LEFT JOIN categories AS cat ON cat.id = c.category_id"
    " LEFT JOIN escalations AS e ON e.contact_id = c.id"
    " WHERE c.received_at >= ?1 AND c.received_at < ?2"
    " ORDER BY c.received_at, c.id",
    "SELECT count(*)" CONTACTS_IN_PERIOD,
    FALSE },
  [SP_EXPORT_ESCALATIONS] = {
    "escalations", N_("Escalations"), escalation_columns, SP_N_ESCALATION_COLS,
    "SELECT c.id, c.received_at, a.name, cu.name, cat.name, e.escalated_at, e.escalated_to,"
    " e.reason, e.resolved_at"
    " FROM contacts AS c"
    " LEFT JOIN agents AS a ON a.id = c.agent_id"
    " LEFT JOIN customers AS cu ON cu.id = c.customer_id"
    " LEFT JOIN categories AS cat ON cat.id = c.category_id"
    " LEFT JOIN escalations AS e ON e.contact_id = c.id"
    " WHERE c.received_at >= ?1 AND c.received_at < ?2 AND c.escalated = 1"
    " ORDER BY c.received_at, c.id",
    "SELECT count(*)" CONTACTS_IN_PERIOD " AND c.escalated = 1",
    FALSE },
  [SP_EXPORT_SURVEYS] = {
    "surveys", N_("Survey answers"), survey_columns, SP_N_SURVEY_COLS,
    "SELECT s.answered_at, s.kind, s.score, cu.name, a.name, s.channel, cat.name,"
    " s.contact_id, s.comment"
    " FROM surveys AS s"
    " LEFT JOIN customers AS cu ON cu.id = s.customer_id"
    " LEFT JOIN agents AS a ON a.id = s.agent_id"
    " LEFT JOIN categories AS cat ON cat.id = s.category_id"
    " WHERE s.answered_at >= ?1 AND s.answered_at < ?2"
    " ORDER BY s.answered_at, s.id",
    "SELECT count(*) FROM surveys AS s WHERE s.answered_at >= ?1 AND s.answered_at < ?2",
    FALSE },
  [SP_EXPORT_SHIFTS] = {
    "shifts", N_("Shifts"), shift_columns, SP_N_SHIFT_COLS,
    "SELECT s.date, a.name, s.available_hours"
    " FROM shifts AS s LEFT JOIN agents AS a ON a.id = s.agent_id"
    " WHERE s.date >= ?1 AND s.date <= ?2"
    " ORDER BY s.date, a.name_key",
    "SELECT count(*) FROM shifts AS s WHERE s.date >= ?1 AND s.date <= ?2",
    TRUE },
  [SP_EXPORT_MONTHS] = {
    "months", N_("Month figures"), month_columns, SP_N_MONTH_COLS,
    /* the contacts of the month that fall in the period, from the day totals */
    "SELECT m.first_day, m.first_day >= ?1 AND m.last_day <= ?2, m.operating_cost,"
    " m.customers_start, m.customers_lost, m.customers_new,"
    " (SELECT coalesce(sum(k.n), 0) FROM kpi_days AS k"
    "   WHERE k.day >= max(m.first_day, ?1) AND k.day <= min(m.last_day, ?2))"
    " FROM month_figures AS m WHERE m.last_day >= ?1 AND m.first_day <= ?2"
    " ORDER BY m.first_day",
    "SELECT count(*) FROM month_figures AS m WHERE m.last_day >= ?1 AND m.first_day <= ?2",
    TRUE },
};

struct _SpExportRows
{
  SpStore          *store;
  SpStmt           *stmt;
  SpExportTable     table;
  SpExportContext   context;
  SpHours          *hours;    /* NULL without a schedule: durations on the clock */
  SpExportCell      cells[SP_EXPORT_MAX_COLS];

  /* looked up once: gettext for every row adds up */
  const char       *channel_labels[SP_N_CHANNELS];
  const char       *priority_labels[SP_N_PRIORITIES];
  const char       *kind_labels[SP_N_SURVEY_KINDS];
};

const char *
sp_export_table_to_key (SpExportTable table)
{
  g_return_val_if_fail (table < SP_N_EXPORT_TABLES, NULL);
  return tables[table].key;
}

gboolean
sp_export_table_from_key (const char    *key,
                          SpExportTable *table)
{
  g_return_val_if_fail (table != NULL, FALSE);

  for (guint i = 0; key != NULL && i < SP_N_EXPORT_TABLES; i++)
    {
      if (g_ascii_strcasecmp (key, tables[i].key) == 0)
        {
          *table = (SpExportTable) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sp_export_table_get_title (SpExportTable table)
{
  g_return_val_if_fail (table < SP_N_EXPORT_TABLES, NULL);
  return _(tables[table].title);
}

const SpExportColumn *
sp_export_table_get_columns (SpExportTable  table,
                             guint         *n_columns)
{
  g_return_val_if_fail (table < SP_N_EXPORT_TABLES, NULL);

  if (n_columns != NULL)
    *n_columns = tables[table].n_columns;
  return tables[table].columns;
}

/**
 * sp_export_context_init:
 * @now: the moment of the export, for the unanswered contacts whose SLA
 *   target has passed
 */
void
sp_export_context_init (SpExportContext *context,
                        SpBenchmarks    *benchmarks,
                        SpTime           now)
{
  g_return_if_fail (context != NULL);
  g_return_if_fail (SP_IS_BENCHMARKS (benchmarks));

  context->now = now;
  for (guint p = 0; p < SP_N_PRIORITIES; p++)
    context->sla_seconds[p] = 60 * sp_benchmarks_get_sla_target (benchmarks, p);
}

static void
bind_period (SpStmt          *stmt,
             const TableInfo *info,
             const SpPeriod  *period)
{
  if (info->by_day)
    {
      sqlite3_bind_int64 (stmt, 1, period->from);
      sqlite3_bind_int64 (stmt, 2, period->to);
    }
  else
    {
      sqlite3_bind_int64 (stmt, 1, sp_date_to_time (period->from));
      sqlite3_bind_int64 (stmt, 2, sp_date_to_time (period->to + 1));
    }
}

/* How many rows sp_export_rows_new() will give, for progress */
gint64
sp_export_table_count (SpStore         *store,
                       SpExportTable    table,
                       const SpPeriod  *period,
                       GError         **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), -1);
  g_return_val_if_fail (table < SP_N_EXPORT_TABLES, -1);
  g_return_val_if_fail (period != NULL, -1);

  stmt = sp_store_prepare (store, tables[table].count, error);
  if (stmt == NULL)
    return -1;

  bind_period (stmt, &tables[table], period);
  if (sp_store_step (store, stmt, error) != SP_STEP_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

SpExportRows *
sp_export_rows_new (SpStore                *store,
                    SpExportTable           table,
                    const SpPeriod         *period,
                    const SpExportContext  *context,
                    GError                **error)
{
  g_autoptr(SpExportRows) self = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (table < SP_N_EXPORT_TABLES, NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);

  self = g_new0 (SpExportRows, 1);
  self->store = g_object_ref (store);
  self->table = table;
  self->context = *context;

  for (guint c = 0; c < SP_N_CHANNELS; c++)
    self->channel_labels[c] = sp_channel_get_label (c);
  for (guint p = 0; p < SP_N_PRIORITIES; p++)
    self->priority_labels[p] = sp_priority_get_label (p);
  for (guint k = 0; k < SP_N_SURVEY_KINDS; k++)
    self->kind_labels[k] = sp_survey_kind_get_short_label (k);

  if (table == SP_EXPORT_CONTACTS)
    {
      SpHours *hours = sp_store_peek_hours (store, error);

      if (hours == NULL)
        return NULL;
      if (sp_hours_has_schedule (hours))
        self->hours = sp_hours_ref (hours);
    }

  self->stmt = sp_store_prepare (store, tables[table].select, error);
  if (self->stmt == NULL)
    return NULL;

  bind_period (self->stmt, &tables[table], period);
  return g_steal_pointer (&self);
}

void
sp_export_rows_free (SpExportRows *self)
{
  if (self == NULL)
    return;

  sp_stmt_release (self->stmt);
  g_clear_pointer (&self->hours, sp_hours_unref);
  g_clear_object (&self->store);
  g_free (self);
}

/* Cell setters; a NULL column is an empty cell */

static void
set_int (SpExportCell *cell,
         SpStmt       *stmt,
         int           column)
{
  cell->set = sqlite3_column_type (stmt, column) != SQLITE_NULL;
  cell->i = sqlite3_column_int64 (stmt, column);
}

static void
set_flag (SpExportCell *cell,
          gboolean      value)
{
  cell->set = TRUE;
  cell->i = value ? 1 : 0;
}

static void
set_double (SpExportCell *cell,
            SpStmt       *stmt,
            int           column)
{
  cell->set = sqlite3_column_type (stmt, column) != SQLITE_NULL;
  cell->d = sqlite3_column_double (stmt, column);
}

static void
set_text (SpExportCell *cell,
          SpStmt       *stmt,
          int           column)
{
  cell->text = (const char *) sqlite3_column_text (stmt, column);
  cell->set = cell->text != NULL;
}

static void
set_label (SpExportCell       *cell,
           SpStmt             *stmt,
           int                 column,
           const char * const *labels,
           guint               n_labels,
           const char       *(*to_key) (int))
{
  const char *key = (const char *) sqlite3_column_text (stmt, column);

  cell->set = FALSE;
  for (guint i = 0; key != NULL && i < n_labels; i++)
    {
      if (strcmp (key, to_key ((int) i)) == 0)
        {
          cell->set = TRUE;
          cell->key = key;
          cell->text = labels[i];
          return;
        }
    }
}

static const char *
channel_key (int channel)
{
  return sp_channel_to_string (channel);
}

static const char *
priority_key (int priority)
{
  return sp_priority_to_string (priority);
}

static const char *
kind_key (int kind)
{
  return sp_survey_kind_to_string (kind);
}

static int
priority_index (SpExportCell *cell)
{
  for (guint p = 0; cell->set && p < SP_N_PRIORITIES; p++)
    {
      if (strcmp (cell->key, sp_priority_to_string (p)) == 0)
        return (int) p;
    }
  return SP_PRIORITY_NORMAL;
}

static void
read_contact (SpExportRows *self)
{
  SpStmt *stmt = self->stmt;
  SpExportCell *cells = self->cells;
  SpTime received = sqlite3_column_int64 (stmt, 1);
  gboolean answered = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
  gboolean resolved = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
  gboolean has_handle = FALSE;
  double handle = 0;
  double sla;
  gint64 response;
  gboolean is_repeat, rfc, escalated;

  set_int (&cells[SP_CONTACT_COL_ID], stmt, 0);
  set_int (&cells[SP_CONTACT_COL_RECEIVED], stmt, 1);
  set_label (&cells[SP_CONTACT_COL_CHANNEL], stmt, 2, self->channel_labels, SP_N_CHANNELS,
             channel_key);
  set_text (&cells[SP_CONTACT_COL_AGENT], stmt, 3);
  set_text (&cells[SP_CONTACT_COL_CUSTOMER], stmt, 4);
  set_text (&cells[SP_CONTACT_COL_CATEGORY], stmt, 5);
  set_label (&cells[SP_CONTACT_COL_PRIORITY], stmt, 6, self->priority_labels, SP_N_PRIORITIES,
             priority_key);
  set_int (&cells[SP_CONTACT_COL_FIRST_RESPONSE], stmt, 7);
  set_int (&cells[SP_CONTACT_COL_RESOLVED], stmt, 8);

  /* durations are differences of the recorded times, as the engine takes them;
   * with opening hours the business seconds the store keeps (KPI-SPEC §7) */
  response = self->hours != NULL ? sqlite3_column_int64 (stmt, 22)
                                 : sqlite3_column_int64 (stmt, 7) - received;
  cells[SP_CONTACT_COL_RESPONSE_MINUTES].set = answered;
  cells[SP_CONTACT_COL_RESPONSE_MINUTES].d = response / 60.0;
  cells[SP_CONTACT_COL_RESOLUTION_HOURS].set = resolved;
  cells[SP_CONTACT_COL_RESOLUTION_HOURS].d = (self->hours != NULL
                                              ? sqlite3_column_int64 (stmt, 23)
                                              : sqlite3_column_int64 (stmt, 8) - received) /
                                             3600.0;

  for (guint i = 0; i < 3; i++)
    {
      SpExportCell *cell = &cells[SP_CONTACT_COL_TALK + i];

      set_double (cell, stmt, 9 + (int) i);
      if (cell->set)
        {
          has_handle = TRUE;
          handle += cell->d;
        }
    }
  cells[SP_CONTACT_COL_HANDLE].set = has_handle;
  cells[SP_CONTACT_COL_HANDLE].d = MIN (handle, HANDLE_CAP);

  rfc = sqlite3_column_int (stmt, 12) != 0;
  escalated = sqlite3_column_int (stmt, 13) != 0;
  is_repeat = sqlite3_column_int (stmt, 15) != 0;
  set_flag (&cells[SP_CONTACT_COL_MARKED_RFC], rfc);
  set_flag (&cells[SP_CONTACT_COL_ESCALATED], escalated);
  set_flag (&cells[SP_CONTACT_COL_COMPLAINT], sqlite3_column_int (stmt, 14) != 0);
  set_flag (&cells[SP_CONTACT_COL_REPEAT], is_repeat);
  set_flag (&cells[SP_CONTACT_COL_FCR], !is_repeat && rfc && !escalated &&
                                        sqlite3_column_int (stmt, 16) == 0);

  /* 1 answered within target, 0 answered late or unanswered past its target by
   * now; empty while an unanswered contact is still within its target */
  sla = self->context.sla_seconds[priority_index (&cells[SP_CONTACT_COL_PRIORITY])];
  if (answered)
    set_flag (&cells[SP_CONTACT_COL_WITHIN_SLA], response <= sla);
  else if (self->hours != NULL
           ? sp_hours_open_seconds (self->hours, received, self->context.now) > sla
           : received + sla < self->context.now)
    set_flag (&cells[SP_CONTACT_COL_WITHIN_SLA], FALSE);
  else
    cells[SP_CONTACT_COL_WITHIN_SLA].set = FALSE;

  set_text (&cells[SP_CONTACT_COL_NOTE], stmt, 17);
  set_int (&cells[SP_CONTACT_COL_ESCALATED_AT], stmt, 18);
  set_text (&cells[SP_CONTACT_COL_ESCALATED_TO], stmt, 19);
  set_text (&cells[SP_CONTACT_COL_ESCALATION_REASON], stmt, 20);
  set_int (&cells[SP_CONTACT_COL_ESCALATION_RESOLVED_AT], stmt, 21);
}

static void
read_escalation (SpExportRows *self)
{
  SpStmt *stmt = self->stmt;
  SpExportCell *cells = self->cells;

  set_int (&cells[SP_ESCALATION_COL_CONTACT], stmt, 0);
  set_int (&cells[SP_ESCALATION_COL_RECEIVED], stmt, 1);
  set_text (&cells[SP_ESCALATION_COL_AGENT], stmt, 2);
  set_text (&cells[SP_ESCALATION_COL_CUSTOMER], stmt, 3);
  set_text (&cells[SP_ESCALATION_COL_CATEGORY], stmt, 4);
  set_int (&cells[SP_ESCALATION_COL_ESCALATED_AT], stmt, 5);
  set_text (&cells[SP_ESCALATION_COL_ESCALATED_TO], stmt, 6);
  set_text (&cells[SP_ESCALATION_COL_REASON], stmt, 7);
  set_int (&cells[SP_ESCALATION_COL_RESOLVED_AT], stmt, 8);
}

static void
read_survey (SpExportRows *self)
{
  SpStmt *stmt = self->stmt;
  SpExportCell *cells = self->cells;

  set_int (&cells[SP_SURVEY_COL_ANSWERED], stmt, 0);
  set_label (&cells[SP_SURVEY_COL_KIND], stmt, 1, self->kind_labels, SP_N_SURVEY_KINDS,
             kind_key);
  set_int (&cells[SP_SURVEY_COL_SCORE], stmt, 2);
  set_text (&cells[SP_SURVEY_COL_CUSTOMER], stmt, 3);
  set_text (&cells[SP_SURVEY_COL_AGENT], stmt, 4);
  set_label (&cells[SP_SURVEY_COL_CHANNEL], stmt, 5, self->channel_labels, SP_N_CHANNELS,
             channel_key);
  set_text (&cells[SP_SURVEY_COL_CATEGORY], stmt, 6);
  set_int (&cells[SP_SURVEY_COL_CONTACT], stmt, 7);
  set_text (&cells[SP_SURVEY_COL_COMMENT], stmt, 8);
}

static void
read_shift (SpExportRows *self)
{
  SpStmt *stmt = self->stmt;
  SpExportCell *cells = self->cells;

  set_int (&cells[SP_SHIFT_COL_DATE], stmt, 0);
  set_text (&cells[SP_SHIFT_COL_AGENT], stmt, 1);
  set_double (&cells[SP_SHIFT_COL_HOURS], stmt, 2);
}

static void
read_month (SpExportRows *self)
{
  SpStmt *stmt = self->stmt;
  SpExportCell *cells = self->cells;

  set_int (&cells[SP_MONTH_COL_MONTH], stmt, 0);
  set_flag (&cells[SP_MONTH_COL_WHOLE], sqlite3_column_int (stmt, 1) != 0);
  set_double (&cells[SP_MONTH_COL_COST], stmt, 2);
  set_int (&cells[SP_MONTH_COL_START], stmt, 3);
  set_int (&cells[SP_MONTH_COL_LOST], stmt, 4);
  set_int (&cells[SP_MONTH_COL_NEW], stmt, 5);
  set_int (&cells[SP_MONTH_COL_CONTACTS], stmt, 6);
}

SpStep
sp_export_rows_next (SpExportRows  *self,
                     SpExportCell **cells,
                     GError       **error)
{
  SpStep step;

  g_return_val_if_fail (self != NULL, SP_STEP_ERROR);
  g_return_val_if_fail (cells != NULL, SP_STEP_ERROR);

  step = sp_store_step (self->store, self->stmt, error);
  if (step != SP_STEP_ROW)
    return step;

  switch (self->table)
    {
    case SP_EXPORT_CONTACTS:
      read_contact (self);
      break;
    case SP_EXPORT_ESCALATIONS:
      read_escalation (self);
      break;
    case SP_EXPORT_SURVEYS:
      read_survey (self);
      break;
    case SP_EXPORT_SHIFTS:
      read_shift (self);
      break;
    case SP_EXPORT_MONTHS:
      read_month (self);
      break;
    case SP_N_EXPORT_TABLES:
    default:
      g_assert_not_reached ();
    }

  *cells = self->cells;
  return SP_STEP_ROW;
}

gboolean
sp_export_snapshot_begin (SpStore   *store,
                          gboolean  *own,
                          GError   **error)
{
  *own = sqlite3_get_autocommit (sp_store_get_handle (store));
  return !*own || sp_store_exec (store, "BEGIN", error);
}

void
sp_export_snapshot_end (SpStore  *store,
                        gboolean  own)
{
  if (own)
    sp_store_exec (store, "COMMIT", NULL);
}
