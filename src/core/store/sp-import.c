/* sp-import.c
 *
 * CSV import (KPI-SPEC §6): columns by name, every row checked, and the
 * whole file in one transaction, so that one bad row imports nothing.
 * Messages read "FILE:ROW: field: reason".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sp-csv-reader.h"
#include "sp-error.h"
#include "sp-ics.h"
#include "sp-import.h"
#include "sp-parse.h"
#include "sp-store-hours.h"
#include "sp-store-private.h"

typedef struct
{
  const char *name;
  gboolean    required;
} Column;

/*
 * Besides these, a file may hold the columns the CSV export writes that the
 * app computes itself (the store recomputes them): they are accepted and
 * left unread, so that an exported file imports back as it is.
 */
static const Column contact_columns[] = {
  { "id", FALSE },
  { "received_at", TRUE },
  { "channel", TRUE },
  { "agent", TRUE },
  { "customer", FALSE },
  { "category", FALSE },
  { "priority", FALSE },
  { "first_response_at", FALSE },
  { "resolved_at", FALSE },
  { "resolved_first_contact", FALSE },
  { "escalated", FALSE },
  { "talk_min", FALSE },
  { "hold_min", FALSE },
  { "wrap_min", FALSE },
  { "complaint", FALSE },
  { "note", FALSE },
  { "escalated_at", FALSE },
  { "escalated_to", FALSE },
  { "escalation_reason", FALSE },
  { "escalation_resolved_at", FALSE },
  /* computed */
  { "first_response_minutes", FALSE },
  { "resolution_hours", FALSE },
  { "handle_minutes", FALSE },
  { "repeat", FALSE },
  { "fcr_success", FALSE },
  { "within_sla", FALSE },
  { NULL }
};

static const Column survey_columns[] = {
  { "answered_at", TRUE },
  { "kind", TRUE },
  { "score", TRUE },
  { "customer", FALSE },
  { "agent", FALSE },
  { "channel", FALSE },
  { "category", FALSE },
  { "comment", FALSE },
  { "contact_id", FALSE },
  { NULL }
};

static const Column shift_columns[] = {
  { "date", TRUE },
  { "agent", TRUE },
  { "available_hours", TRUE },
  { NULL }
};

static const Column month_columns[] = {
  { "month", TRUE },
  { "operating_cost", TRUE },
  { "customers_start", TRUE },
  { "customers_lost", TRUE },
  { "customers_new", TRUE },
  /* computed */
  { "whole_month", FALSE },
  { "contacts", FALSE },
  { NULL }
};

static const Column hours_columns[] = {
  { "valid_from", TRUE },
  { "weekday", TRUE },
  { "opens", TRUE },
  { "closes", TRUE },
  { NULL }
};

static const Column closed_day_columns[] = {
  { "date", TRUE },
  { "name", FALSE },
  { NULL }
};

static const Column * const kind_columns[SP_N_IMPORT_KINDS] = {
  contact_columns, survey_columns, shift_columns, month_columns, hours_columns,
  closed_day_columns,
};

static const char * const kind_names[SP_N_IMPORT_KINDS] = {
  "contacts", "surveys", "shifts", "months", "hours", "closed-days",
};

#define MAX_COLUMNS 32

typedef struct
{
  SpStore      *store;
  SpImportKind  kind;
  const char   *label;
  SpCsvReader  *reader;
  const Column *columns;
  int           index[MAX_COLUMNS];    /* column → field index, or -1 */
  GHashTable   *names[SP_N_ENTITY_KINDS];
  GHashTable   *seen;                  /* shifts and months: key → first row */
  SpHours      *hours;                 /* hours and closed days: the shop's, as changed */
} Import;

gboolean
sp_import_kind_from_string (const char   *str,
                            SpImportKind *kind)
{
  for (guint i = 0; i < SP_N_IMPORT_KINDS; i++)
    {
      if (g_strcmp0 (str, kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sp_import_kind_to_string (SpImportKind kind)
{
  g_return_val_if_fail (kind < SP_N_IMPORT_KINDS, NULL);
  return kind_names[kind];
}

/* The accepted columns, comma separated, for messages and documentation. */
const char *
sp_import_kind_get_columns (SpImportKind kind)
{
  static const char * const lists[SP_N_IMPORT_KINDS] = {
    "received_at, channel, agent, customer, category, priority, first_response_at, "
    "resolved_at, resolved_first_contact, escalated, talk_min, hold_min, wrap_min, complaint, "
    "note, escalated_at, escalated_to, escalation_reason, escalation_resolved_at, id",
    "answered_at, kind, score, customer, agent, channel, category, comment, contact_id",
    "date, agent, available_hours",
    "month, operating_cost, customers_start, customers_lost, customers_new",
    "valid_from, weekday, opens, closes",
    "date, name",
  };

  g_return_val_if_fail (kind < SP_N_IMPORT_KINDS, NULL);
  return lists[kind];
}

static gboolean
field_error (Import      *import,
             GError     **error,
             const char  *field,
             const char  *reason)
{
  g_set_error (error, SP_ERROR, SP_ERROR_INVALID, "%s:%u: %s: %s",
               import->label, sp_csv_reader_get_row (import->reader), field, reason);
  return FALSE;
}

static gboolean
field_error_take (Import      *import,
                  GError     **error,
                  const char  *field,
                  char        *reason)
{
  field_error (import, error, field, reason);
  g_free (reason);
  return FALSE;
}

static int
column_index (Import     *import,
              const char *name)
{
  for (int c = 0; import->columns[c].name; c++)
    {
      if (g_str_equal (import->columns[c].name, name))
        return import->index[c];
    }

  g_return_val_if_reached (-1);
}

/* The value of a column in the current row; NULL when absent or blank. */
static const char *
get (Import     *import,
     const char *name)
{
  int idx = column_index (import, name);
  const char *value;

  if (idx < 0)
    return NULL;

  value = sp_csv_reader_get_field (import->reader, idx);
  if (sp_str_is_blank (value))
    return NULL;

  /* the apostrophe the export puts before text a spreadsheet would run */
  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
    return value + 1;

  return value;
}

static gboolean
read_header (Import  *import,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  guint n;

  for (guint c = 0; c < MAX_COLUMNS; c++)
    import->index[c] = -1;

  if (!sp_csv_reader_next (import->reader, &local_error))
    {
      if (local_error != NULL)
        g_set_error (error, SP_ERROR, SP_ERROR_INVALID, "%s:%s",
                     import->label, local_error->message);
      else
        g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                     _("%s:1: the file is empty; the first row must name the columns (%s)"),
                     import->label, sp_import_kind_get_columns (import->kind));
      return FALSE;
    }

  n = sp_csv_reader_get_n_fields (import->reader);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_ascii_strdown (sp_csv_reader_get_field (import->reader, i), -1);
      gboolean found = FALSE;

      g_strstrip (name);

      for (int c = 0; import->columns[c].name; c++)
        {
          if (!g_str_equal (name, import->columns[c].name))
            continue;

          if (import->index[c] >= 0)
            return field_error_take (import, error, name,
                                     g_strdup (_("this column appears twice")));

          import->index[c] = (int) i;
          found = TRUE;
          break;
        }

      if (!found)
        {
          if (*name == '\0')
            return field_error_take (import, error, name,
                                     g_strdup_printf (_("column %u has no name; the columns "
                                                        "are: %s"), i + 1,
                                                      sp_import_kind_get_columns (import->kind)));

          return field_error_take (import, error, name,
                                   g_strdup_printf (_("unknown column; the columns of %s files "
                                                      "are: %s"),
                                                    kind_names[import->kind],
                                                    sp_import_kind_get_columns (import->kind)));
        }
    }

  for (int c = 0; import->columns[c].name; c++)
    {
      if (import->columns[c].required && import->index[c] < 0)
        return field_error (import, error, import->columns[c].name,
                            _("this column is required but missing from the first row"));
    }

  return TRUE;
}

/* Field parsers: each sets a "FILE:ROW: field: reason" error */

static gboolean
need (Import      *import,
      const char  *name,
      const char **value,
      GError     **error)
{
  *value = get (import, name);
  if (*value == NULL)
    return field_error (import, error, name, _("is empty, but a value is required"));
  return TRUE;
}

static gboolean
read_time (Import      *import,
           const char  *name,
           gboolean     required,
           SpTime      *out,
           GError     **error)
{
  const char *value = get (import, name);
  char *reason = NULL;

  *out = SP_TIME_NONE;

  if (value == NULL)
    return required ? field_error (import, error, name, _("is empty, but a value is required"))
                    : TRUE;

  if (!sp_time_parse (value, out, &reason) || !sp_time_check_range (*out, &reason))
    {
      *out = SP_TIME_NONE;
      return field_error_take (import, error, name, reason);
    }

  return TRUE;
}

static gboolean
read_bool (Import      *import,
           const char  *name,
           gboolean    *out,
           GError     **error)
{
  const char *value = get (import, name);
  char *reason = NULL;

  *out = FALSE;

  if (value == NULL)
    return TRUE;

  if (!sp_parse_bool (value, out, &reason))
    return field_error_take (import, error, name, reason);

  return TRUE;
}

static gboolean
read_minutes (Import      *import,
              const char  *name,
              double      *out,
              GError     **error)
{
  const char *value = get (import, name);
  char *reason = NULL;

  *out = NAN;

  if (value == NULL)
    return TRUE;

  if (!sp_parse_double (value, out, &reason))
    return field_error_take (import, error, name, reason);

  if (*out < 0)
    return field_error (import, error, name, _("can't be negative"));

  return TRUE;
}

static gboolean
read_channel (Import      *import,
              const char  *name,
              gboolean     required,
              SpChannel   *out,
              GError     **error)
{
  const char *value = get (import, name);

  *out = SP_CHANNEL_NONE;

  if (value == NULL)
    return required ? field_error (import, error, name, _("is empty, but a value is required"))
                    : TRUE;

  if (!sp_channel_from_string (value, out))
    return field_error_take (import, error, name,
                             g_strdup_printf (_("“%s” is not a channel; use phone, email, chat, "
                                                "in_person, social or sms"), value));
  return TRUE;
}

static gint64
entity_id (Import        *import,
           SpEntityKind   kind,
           const char    *name,
           const char    *field,
           GError       **error)
{
  g_autofree char *key = NULL;
  gpointer cached;
  gint64 id;

  if (name == NULL)
    return 0;

  key = sp_name_key (name);

  if (import->names[kind] == NULL)
    import->names[kind] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_lookup_extended (import->names[kind], key, NULL, &cached))
    return GPOINTER_TO_SIZE (cached);

  id = sp_store_ensure_entity (import->store, kind, name, error);
  if (id <= 0)
    {
      if (error && *error)
        {
          g_autofree char *message = g_strdup ((*error)->message);

          g_clear_error (error);
          field_error (import, error, field, message);
        }
      return -1;
    }

  g_hash_table_insert (import->names[kind], g_steal_pointer (&key), GSIZE_TO_POINTER (id));
  return id;
}

/* Whether the database holds a contact @id; FALSE with @error when it can't tell */
static gboolean
contact_exists (Import  *import,
                gint64   id,
                GError **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (import->store,
                                             "SELECT 1 FROM contacts WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sp_store_step (import->store, stmt, error) == SP_STEP_ROW;
}

/*
 * The contact a survey answer was about, when the file names one that the
 * database holds for the same customer, received before the answer: a
 * contact of another file that took the same id is not linked.
 */
static gint64
linked_contact (Import   *import,
                SpSurvey *survey,
                GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  const char *value = get (import, "contact_id");
  char *reason = NULL;
  gint64 id;

  if (value == NULL)
    return 0;

  if (!sp_parse_int (value, 1, G_MAXINT64, &id, &reason))
    {
      field_error_take (import, error, "contact_id", reason);
      return -1;
    }

  stmt = sp_store_prepare (import->store,
                           "SELECT 1 FROM contacts WHERE id = ?1 AND received_at <= ?2"
                           " AND customer_id IS ?3", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, survey->answered_at);
  if (survey->customer_id > 0)
    sqlite3_bind_int64 (stmt, 3, survey->customer_id);
  else
    sqlite3_bind_null (stmt, 3);

  switch (sp_store_step (import->store, stmt, error))
    {
    case SP_STEP_ROW:
      return id;
    case SP_STEP_DONE:
      return 0;
    case SP_STEP_ERROR:
    default:
      return -1;
    }
}

static gboolean
import_contact (Import  *import,
                GError **error)
{
  g_autoptr(SpContact) contact = sp_contact_new ();
  g_autoptr(GError) local_error = NULL;
  SpContactField field;
  const char *agent;
  const char *value;

  if (!read_time (import, "received_at", TRUE, &contact->received_at, error) ||
      !read_channel (import, "channel", TRUE, &contact->channel, error) ||
      !need (import, "agent", &agent, error))
    return FALSE;

  if ((value = get (import, "priority")) != NULL &&
      !sp_priority_from_string (value, &contact->priority))
    return field_error_take (import, error, "priority",
                             g_strdup_printf (_("“%s” is not a priority; use low, normal, high "
                                                "or urgent"), value));

  if (!read_time (import, "first_response_at", FALSE, &contact->first_response_at, error) ||
      !read_time (import, "resolved_at", FALSE, &contact->resolved_at, error) ||
      !read_bool (import, "resolved_first_contact", &contact->resolved_first_contact, error) ||
      !read_bool (import, "escalated", &contact->escalated, error) ||
      !read_minutes (import, "talk_min", &contact->talk_min, error) ||
      !read_minutes (import, "hold_min", &contact->hold_min, error) ||
      !read_minutes (import, "wrap_min", &contact->wrap_min, error) ||
      !read_bool (import, "complaint", &contact->complaint, error) ||
      !read_time (import, "escalated_at", FALSE, &contact->escalated_at, error) ||
      !read_time (import, "escalation_resolved_at", FALSE, &contact->escalation_resolved_at,
                  error))
    return FALSE;

  sp_contact_set_agent_name (contact, agent);
  sp_contact_set_note (contact, get (import, "note"));
  sp_contact_set_escalated_to (contact, get (import, "escalated_to"));
  sp_contact_set_escalation_reason (contact, get (import, "escalation_reason"));

  if (!contact->escalated && (contact->escalated_at != SP_TIME_NONE ||
                              contact->escalated_to != NULL ||
                              contact->escalation_reason != NULL))
    return field_error (import, error, "escalated",
                        _("is not yes, but the row has escalation details"));

  if (!sp_contact_validate (contact, &field, &local_error))
    {
      static const char * const names[] = {
        [SP_CONTACT_FIELD_NONE] = "row",
        [SP_CONTACT_FIELD_RECEIVED_AT] = "received_at",
        [SP_CONTACT_FIELD_CHANNEL] = "channel",
        [SP_CONTACT_FIELD_AGENT] = "agent",
        [SP_CONTACT_FIELD_CUSTOMER] = "customer",
        [SP_CONTACT_FIELD_CATEGORY] = "category",
        [SP_CONTACT_FIELD_PRIORITY] = "priority",
        [SP_CONTACT_FIELD_FIRST_RESPONSE_AT] = "first_response_at",
        [SP_CONTACT_FIELD_RESOLVED_AT] = "resolved_at",
        [SP_CONTACT_FIELD_TALK_MIN] = "talk_min",
        [SP_CONTACT_FIELD_HOLD_MIN] = "hold_min",
        [SP_CONTACT_FIELD_WRAP_MIN] = "wrap_min",
        [SP_CONTACT_FIELD_ESCALATED_AT] = "escalated_at",
        [SP_CONTACT_FIELD_ESCALATION_RESOLVED_AT] = "escalation_resolved_at",
        [SP_CONTACT_FIELD_NOTE] = "note",
      };

      return field_error (import, error, names[field], local_error->message);
    }

  if ((contact->agent_id = entity_id (import, SP_ENTITY_AGENT, agent, "agent", error)) < 0 ||
      (contact->customer_id = entity_id (import, SP_ENTITY_CUSTOMER, get (import, "customer"),
                                         "customer", error)) < 0 ||
      (contact->category_id = entity_id (import, SP_ENTITY_CATEGORY, get (import, "category"),
                                         "category", error)) < 0)
    return FALSE;

  /* an exported contact keeps its id where it is free, and with it the
   * survey answers' links to it */
  if ((value = get (import, "id")) != NULL)
    {
      gint64 id;
      char *reason = NULL;

      if (!sp_parse_int (value, 1, G_MAXINT64, &id, &reason))
        return field_error_take (import, error, "id", reason);
      if (!contact_exists (import, id, &local_error))
        {
          if (local_error != NULL)
            return field_error (import, error, "id", local_error->message);
          contact->id = id;
        }
    }

  if (!sp_store_insert_contact_unlocked (import->store, contact, &local_error))
    return field_error (import, error, "row", local_error->message);

  return TRUE;
}

static gboolean
import_survey (Import  *import,
               GError **error)
{
  g_autoptr(SpSurvey) survey = sp_survey_new ();
  g_autoptr(GError) local_error = NULL;
  const char *value;
  char *reason = NULL;
  gint64 score;
  int min, max;

  if (!read_time (import, "answered_at", TRUE, &survey->answered_at, error) ||
      !need (import, "kind", &value, error))
    return FALSE;

  if (!sp_survey_kind_from_string (value, &survey->kind))
    return field_error_take (import, error, "kind",
                             g_strdup_printf (_("“%s” is not a kind of survey; use csat, nps "
                                                "or ces"), value));

  if (!need (import, "score", &value, error))
    return FALSE;

  sp_survey_kind_get_range (survey->kind, &min, &max);
  if (!sp_parse_int (value, min, max, &score, &reason))
    {
      g_free (reason);
      return field_error_take (import, error, "score",
                               g_strdup_printf (_("“%s” is not a whole number from %d to %d, "
                                                  "as a %s score must be"), value, min, max,
                                                sp_survey_kind_to_string (survey->kind)));
    }
  survey->score = (int) score;

  if (!read_channel (import, "channel", FALSE, &survey->channel, error))
    return FALSE;

  sp_survey_set_comment (survey, get (import, "comment"));

  if ((survey->agent_id = entity_id (import, SP_ENTITY_AGENT, get (import, "agent"), "agent",
                                     error)) < 0 ||
      (survey->customer_id = entity_id (import, SP_ENTITY_CUSTOMER, get (import, "customer"),
                                        "customer", error)) < 0 ||
      (survey->category_id = entity_id (import, SP_ENTITY_CATEGORY, get (import, "category"),
                                        "category", error)) < 0 ||
      (survey->contact_id = linked_contact (import, survey, error)) < 0)
    return FALSE;

  if (!sp_store_insert_survey_unlocked (import->store, survey, &local_error))
    return field_error (import, error, "row", local_error->message);

  return TRUE;
}

static gboolean
check_unique (Import      *import,
              const char  *field,
              char        *key,
              const char  *what,
              GError     **error)
{
  gpointer first;

  if (import->seen == NULL)
    import->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_lookup_extended (import->seen, key, NULL, &first))
    {
      g_free (key);
      return field_error_take (import, error, field,
                               g_strdup_printf (_("%s is already in row %u of this file"),
                                                what, GPOINTER_TO_UINT (first)));
    }

  g_hash_table_insert (import->seen, key,
                       GUINT_TO_POINTER (sp_csv_reader_get_row (import->reader)));
  return TRUE;
}

static gboolean
import_shift (Import  *import,
              GError **error)
{
  g_autoptr(SpShift) shift = sp_shift_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *what = NULL;
  const char *date, *agent, *hours;
  char *reason = NULL;

  if (!need (import, "date", &date, error) ||
      !need (import, "agent", &agent, error) ||
      !need (import, "available_hours", &hours, error))
    return FALSE;

  if (!sp_date_parse (date, &shift->date, &reason) ||
      !sp_date_check_range (shift->date, &reason))
    return field_error_take (import, error, "date", reason);

  if (!sp_parse_double (hours, &shift->available_hours, &reason))
    return field_error_take (import, error, "available_hours", reason);

  if (shift->available_hours <= 0 || shift->available_hours > 24)
    return field_error (import, error, "available_hours",
                        _("must be more than 0 and at most 24"));

  if ((shift->agent_id = entity_id (import, SP_ENTITY_AGENT, agent, "agent", error)) < 0)
    return FALSE;

  what = g_strdup_printf (_("a shift of %s on %s"), agent, date);
  if (!check_unique (import, "date",
                     g_strdup_printf ("%" PRId64 "/%d", shift->agent_id, shift->date),
                     what, error))
    return FALSE;

  if (!sp_store_insert_shift_unlocked (import->store, shift, &local_error))
    return field_error (import, error, "row", local_error->message);

  return TRUE;
}

static gboolean
read_count (Import      *import,
            const char  *name,
            gint64      *out,
            GError     **error)
{
  const char *value;
  char *reason = NULL;

  if (!need (import, name, &value, error))
    return FALSE;

  if (!sp_parse_int (value, 0, G_MAXINT64, out, &reason))
    return field_error_take (import, error, name, reason);

  return TRUE;
}

static gboolean
import_month (Import  *import,
              GError **error)
{
  g_autoptr(SpMonthFigures) figures = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *what = NULL;
  const char *value;
  char *reason = NULL;
  int y, m;

  if (!need (import, "month", &value, error))
    return FALSE;

  if (!sp_month_parse (value, &y, &m, &reason))
    return field_error_take (import, error, "month", reason);

  figures = sp_month_figures_new (y, m);

  if (!need (import, "operating_cost", &value, error))
    return FALSE;

  if (!sp_parse_double (value, &figures->operating_cost, &reason))
    return field_error_take (import, error, "operating_cost", reason);

  if (figures->operating_cost < 0)
    return field_error (import, error, "operating_cost", _("can't be negative"));

  if (!read_count (import, "customers_start", &figures->customers_start, error) ||
      !read_count (import, "customers_lost", &figures->customers_lost, error) ||
      !read_count (import, "customers_new", &figures->customers_new, error))
    return FALSE;

  if (figures->customers_lost > figures->customers_start)
    return field_error_take (import, error, "customers_lost",
                             g_strdup_printf (_("%" PRId64 " is more than "
                                                "customers_start (%" PRId64 ")"),
                                              figures->customers_lost,
                                              figures->customers_start));

  what = g_strdup_printf (_("month %04d-%02d"), y, m);
  if (!check_unique (import, "month", g_strdup_printf ("%04d-%02d", y, m), what, error))
    return FALSE;

  if (!sp_store_insert_month_unlocked (import->store, figures, &local_error))
    return field_error (import, error, "row", local_error->message);

  return TRUE;
}

/*
 * KPI-SPEC §7: the rows of one valid_from make one schedule, which
 * replaces the one recorded for that date (seen: the dates of this file).
 */
static gboolean
import_hours_row (Import  *import,
                  GError **error)
{
  const char *value;
  char *reason = NULL;
  SpSchedule *schedule;
  SpDate valid_from;
  gint32 opens, closes;
  int weekday;

  if (!need (import, "valid_from", &value, error))
    return FALSE;
  if (!sp_date_parse (value, &valid_from, &reason))
    return field_error_take (import, error, "valid_from", reason);

  if (!need (import, "weekday", &value, error))
    return FALSE;
  if (!sp_hours_parse_weekday (value, &weekday))
    return field_error_take (import, error, "weekday",
                             g_strdup_printf (_("“%s” is not a weekday (mon … sun or "
                                                "monday … sunday)"), value));

  if (!need (import, "opens", &value, error))
    return FALSE;
  if (!sp_hours_parse_time (value, FALSE, &opens, &reason))
    return field_error_take (import, error, "opens", reason);

  if (!need (import, "closes", &value, error))
    return FALSE;
  if (!sp_hours_parse_time (value, TRUE, &closes, &reason))
    return field_error_take (import, error, "closes", reason);

  if (opens >= closes)
    return field_error (import, error, "closes", _("must be after opens"));

  if (import->seen == NULL)
    import->seen = g_hash_table_new (NULL, NULL);
  if (!g_hash_table_contains (import->seen, GINT_TO_POINTER (valid_from)))
    {
      g_hash_table_add (import->seen, GINT_TO_POINTER (valid_from));
      schedule = sp_hours_replace_schedule (import->hours, valid_from);
    }
  else
    schedule = sp_hours_lookup_schedule (import->hours, valid_from);

  if (!sp_hours_add_interval (import->hours, schedule, weekday, opens, closes, &reason))
    return field_error_take (import, error, "opens", reason);

  return TRUE;
}

/* A date again replaces its name */
static gboolean
import_closed_day_row (Import  *import,
                       GError **error)
{
  const char *value;
  g_autofree char *name = NULL;
  char *reason = NULL;
  SpDate date;

  if (!need (import, "date", &value, error))
    return FALSE;
  if (!sp_date_parse (value, &date, &reason))
    return field_error_take (import, error, "date", reason);

  name = g_strdup (get (import, "name"));
  sp_hours_set_closed_day (import->hours, date, name ? g_strstrip (name) : "");
  return TRUE;
}

static void
import_clear (Import *import)
{
  for (guint k = 0; k < SP_N_ENTITY_KINDS; k++)
    g_clear_pointer (&import->names[k], g_hash_table_unref);
  g_clear_pointer (&import->seen, g_hash_table_unref);
  g_clear_pointer (&import->hours, sp_hours_unref);
  g_clear_pointer (&import->reader, sp_csv_reader_free);
}

static gboolean
import_rows (Import  *import,
             guint   *n_imported,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  guint n_fields;
  guint count = 0;

  if (!read_header (import, error))
    return FALSE;

  n_fields = sp_csv_reader_get_n_fields (import->reader);

  while (sp_csv_reader_next (import->reader, &local_error))
    {
      gboolean ok = FALSE;

      if (sp_csv_reader_is_blank (import->reader))
        continue;

      if (sp_csv_reader_get_n_fields (import->reader) != n_fields)
        {
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       _("%s:%u: row: has %u fields, but the first row names %u columns"),
                       import->label, sp_csv_reader_get_row (import->reader),
                       sp_csv_reader_get_n_fields (import->reader), n_fields);
          return FALSE;
        }

      switch (import->kind)
        {
        case SP_IMPORT_CONTACTS: ok = import_contact (import, error); break;
        case SP_IMPORT_SURVEYS: ok = import_survey (import, error); break;
        case SP_IMPORT_SHIFTS: ok = import_shift (import, error); break;
        case SP_IMPORT_MONTHS: ok = import_month (import, error); break;
        case SP_IMPORT_HOURS: ok = import_hours_row (import, error); break;
        case SP_IMPORT_CLOSED_DAYS: ok = import_closed_day_row (import, error); break;
        case SP_N_IMPORT_KINDS:
        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return FALSE;

      count++;
    }

  if (local_error != NULL)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID, "%s:%s", import->label,
                   local_error->message);
      return FALSE;
    }

  *n_imported = count;
  return TRUE;
}

/*
 * Tells from the first row which kind of file it is, by a column only that
 * kind has, so the window needs to ask nothing.
 */
gboolean
sp_import_guess_kind (const char   *data,
                      gsize         length,
                      SpImportKind *kind)
{
  static const struct { const char *column; SpImportKind kind; } marks[] = {
    { "received_at", SP_IMPORT_CONTACTS },
    { "answered_at", SP_IMPORT_SURVEYS },
    { "available_hours", SP_IMPORT_SHIFTS },
    { "operating_cost", SP_IMPORT_MONTHS },
    { "customers_start", SP_IMPORT_MONTHS },
    { "valid_from", SP_IMPORT_HOURS },
    { "opens", SP_IMPORT_HOURS },
    { "name", SP_IMPORT_CLOSED_DAYS },
  };
  g_autoptr(SpCsvReader) reader = NULL;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (data == NULL)
    return FALSE;

  reader = sp_csv_reader_new (data, length);
  if (!sp_csv_reader_next (reader, NULL))
    return FALSE;

  for (guint i = 0; i < sp_csv_reader_get_n_fields (reader); i++)
    {
      g_autofree char *name = g_ascii_strdown (sp_csv_reader_get_field (reader, i), -1);

      g_strstrip (name);

      for (guint m = 0; m < G_N_ELEMENTS (marks); m++)
        {
          if (g_str_equal (name, marks[m].column))
            {
              *kind = marks[m].kind;
              return TRUE;
            }
        }
    }

  return FALSE;
}

/*
 * Whether a file is better loaded without the totals' triggers, recomputing
 * the totals once at the end: when it brings many rows compared with what
 * the database holds (the recount reads them all; the triggers cost about
 * 25 µs a row).
 */
static gboolean
loads_in_bulk (SpStore      *store,
               SpImportKind  kind,
               const char   *data,
               gsize         length)
{
  g_autoptr(SpStmt) stmt = NULL;
  gint64 rows = 0;
  gint64 existing;

  if (kind != SP_IMPORT_CONTACTS && kind != SP_IMPORT_SURVEYS)
    return FALSE;

  for (const char *p = data; p && (p = memchr (p, '\n', length - (gsize) (p - data))); p++)
    rows++;

  if (rows < 2000)
    return FALSE;

  stmt = sp_store_prepare (store,
                           "SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM surveys)",
                           NULL);
  if (stmt == NULL || sp_store_step (store, stmt, NULL) != SP_STEP_ROW)
    return FALSE;

  existing = sqlite3_column_int64 (stmt, 0);
  return rows * 4 >= existing;
}

/**
 * sp_import_data:
 * @label: the file name to use in messages
 * @n_imported: (out) (optional): how many rows were imported
 *
 * Imports every row of a CSV file, or nothing: on error the database is as
 * it was and @error reads "LABEL:ROW: field: reason".
 */
gboolean
sp_import_data (SpStore       *store,
                SpImportKind   kind,
                const char    *label,
                const char    *data,
                gsize          length,
                guint         *n_imported,
                GError       **error)
{
  g_autoptr(GPtrArray) triggers = NULL;
  Import import = { 0 };
  guint count = 0;
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind < SP_N_IMPORT_KINDS, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  import.store = store;
  import.kind = kind;
  import.label = label ? label : "-";
  import.columns = kind_columns[kind];
  import.reader = sp_csv_reader_new (data ? data : "", length);

  if (!sp_store_begin (store, error))
    {
      import_clear (&import);
      return FALSE;
    }

  if (kind == SP_IMPORT_HOURS || kind == SP_IMPORT_CLOSED_DAYS)
    {
      import.hours = sp_store_load_hours (store, error);
      if (import.hours == NULL)
        {
          sp_store_rollback (store);
          import_clear (&import);
          return FALSE;
        }
    }

  ok = (!loads_in_bulk (store, kind, data, length) ||
        sp_store_suspend_totals (store, &triggers, error)) &&
       import_rows (&import, &count, error) &&
       (import.hours == NULL ||
        sp_store_save_hours (store, import.hours, NULL, NULL, error)) &&
       (kind != SP_IMPORT_CONTACTS || sp_store_refresh_marked (store, error)) &&
       (triggers == NULL || sp_store_resume_totals (store, triggers, error));

  import_clear (&import);

  if (!ok)
    {
      sp_store_rollback (store);
      return FALSE;
    }

  if (!sp_store_commit (store, error))
    return FALSE;

  if (n_imported)
    *n_imported = count;

  return TRUE;
}

/* Reads the whole of @fd, a regular file, a pipe or a terminal; NULL with errno set */
static GByteArray *
read_all (int fd)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buf[65536];

  for (;;)
    {
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len > G_MAXUINT - sizeof buf)
        {
          errno = EFBIG;
          return NULL;
        }
      g_byte_array_append (data, buf, (guint) n);
    }

  return g_steal_pointer (&data);
}

static gboolean
same_file_state (const struct stat *a,
                 const struct stat *b)
{
  return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
         a->st_mtim.tv_nsec == b->st_mtim.tv_nsec && a->st_ino == b->st_ino;
}

/**
 * sp_import_file:
 * @path: the CSV file, or "-" for standard input (which may be a pipe)
 *
 * The file is read into memory first, not mapped: another program that
 * shortens it meanwhile cannot crash the import, and a file that changed
 * while it was read is refused rather than half imported.
 */
gboolean
sp_import_file (SpStore       *store,
                SpImportKind   kind,
                const char    *path,
                guint         *n_imported,
                GError       **error)
{
  g_autoptr(GByteArray) data = NULL;
  g_autofree char *name = NULL;
  gboolean is_stdin;
  struct stat before, after;
  int fd;
  int errsv;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  is_stdin = g_str_equal (path, "-");
  name = is_stdin ? g_strdup (_("standard input")) : g_filename_display_name (path);
  fd = is_stdin ? STDIN_FILENO : g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &before) != 0 || S_ISDIR (before.st_mode))
    {
      errsv = fd >= 0 && S_ISDIR (before.st_mode) ? EISDIR : errno;
      if (fd >= 0 && !is_stdin)
        close (fd);
      g_set_error (error, SP_ERROR, SP_ERROR_IO, _("%s: the file can't be read: %s"),
                   name, g_strerror (errsv));
      return FALSE;
    }

  data = read_all (fd);
  errsv = errno;

  if (data != NULL && S_ISREG (before.st_mode) &&
      (fstat (fd, &after) != 0 || !same_file_state (&before, &after) ||
       (gint64) data->len != (gint64) before.st_size))
    {
      if (!is_stdin)
        close (fd);
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   _("%s: the file changed while it was being read. Import it again once the "
                     "program that writes it has finished."), name);
      return FALSE;
    }

  if (!is_stdin)
    close (fd);

  if (data == NULL)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_IO, _("%s: the file can't be read: %s"),
                   name, g_strerror (errsv));
      return FALSE;
    }

  return sp_import_data (store, kind, name, (const char *) data->data, data->len,
                         n_imported, error);
}

gboolean
sp_import_closed_days_ics (SpStore     *store,
                           const char  *path,
                           int          from_year,
                           int          to_year,
                           guint       *n_days,
                           guint       *n_skipped,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpHours) hours = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_IO, _("%s: the file can't be read: %s"),
                   path, local_error->message);
      return FALSE;
    }

  hours = sp_store_load_hours (store, error);
  if (hours == NULL ||
      !sp_ics_read_closed_days (data, length, path, from_year, to_year, hours, n_days, n_skipped,
                                error))
    return FALSE;

  return sp_store_save_hours (store, hours, NULL, NULL, error);
}
