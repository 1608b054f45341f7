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
#include "sp-date-input.h"
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

struct _SpImportOptions
{
  GPtrArray *columns;                  /* as the file's first row names them */
  GPtrArray *fields;                   /* the field each gives, "" for none */
  char      *date_format;              /* NULL: ISO 8601 */
  int        survey_kind;              /* an SpSurveyKind for a file without "kind", or -1 */
};

typedef struct
{
  SpStore      *store;
  SpImportKind  kind;
  const char   *label;
  SpCsvReader  *reader;
  const Column *columns;
  int           index[MAX_COLUMNS];    /* field → column index, or -1 */
  GPtrArray    *headers;               /* the first row, as written */
  const SpImportOptions *options;      /* or NULL */
  GHashTable   *names[SP_N_ENTITY_KINDS];
  GHashTable   *seen;                  /* shifts and months: key → first row */
  SpHours      *hours;                 /* hours and closed days: the shop's, as changed */
  guint         max_problems;          /* rows told apart before giving up; 0 for the first */
  guint         max_rows;              /* a check of the first rows only; 0 for all */
} Import;

/* How many wrong rows a check lists */
#define CHECK_PROBLEMS 5

SpImportOptions *
sp_import_options_new (void)
{
  SpImportOptions *self = g_new0 (SpImportOptions, 1);

  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->survey_kind = -1;
  return self;
}

SpImportOptions *
sp_import_options_copy (const SpImportOptions *self)
{
  SpImportOptions *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = sp_import_options_new ();
  for (guint i = 0; i < self->columns->len; i++)
    sp_import_options_map (copy, g_ptr_array_index (self->columns, i),
                           g_ptr_array_index (self->fields, i));
  copy->date_format = g_strdup (self->date_format);
  copy->survey_kind = self->survey_kind;
  return copy;
}

void
sp_import_options_free (SpImportOptions *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->fields);
  g_free (self->date_format);
  g_free (self);
}

static gboolean
same_column (const char *a,
             const char *b)
{
  g_autofree char *ka = sp_name_key (a);
  g_autofree char *kb = sp_name_key (b);

  return g_str_equal (ka, kb);
}

/**
 * sp_import_options_map:
 * @column: a column's name in the file's first row
 * @field: (nullable): the field it gives, or NULL, "" or "-" to leave the column out
 *
 * A later mapping of the same column replaces an earlier one.
 */
void
sp_import_options_map (SpImportOptions *self,
                       const char      *column,
                       const char      *field)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (column != NULL);

  clean = g_strstrip (g_ascii_strdown (field && !g_str_equal (field, "-") ? field : "", -1));

  for (guint i = 0; i < self->columns->len; i++)
    {
      if (same_column (g_ptr_array_index (self->columns, i), column))
        {
          g_free (g_ptr_array_index (self->fields, i));
          g_ptr_array_index (self->fields, i) = g_steal_pointer (&clean);
          return;
        }
    }

  g_ptr_array_add (self->columns, g_strstrip (g_strdup (column)));
  g_ptr_array_add (self->fields, g_steal_pointer (&clean));
}

/**
 * sp_import_options_parse_map:
 * @text: "COLUMN=FIELD", or several separated by commas:
 *   "Timestamp=answered_at,How satisfied were you?=score"
 *
 * A comma inside a column's name is kept: what comes before a part without "="
 * belongs to the next one.
 * Splits at the last "=", since no field's name has one.
 */
gboolean
sp_import_options_parse_map (SpImportOptions  *self,
                             const char       *text,
                             GError          **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pending = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  parts = g_strsplit (text ? text : "", ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      /* "Hello, world?=comment": a part without "=" begins the next column's name */
      char *joined = pending ? g_strconcat (pending, ",", parts[i], NULL) : g_strdup (parts[i]);

      g_clear_pointer (&pending, g_free);
      if (strchr (parts[i], '=') == NULL && parts[i + 1] != NULL)
        pending = joined;
      else
        g_ptr_array_add (pairs, joined);
    }

  for (guint i = 0; i < pairs->len; i++)
    {
      const char *pair = g_ptr_array_index (pairs, i);
      const char *eq = strrchr (pair, '=');
      g_autofree char *column = NULL;

      if (eq == NULL || eq == pair)
        {
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: %s is the mapping as typed */
                       _("“%s” is not COLUMN=FIELD, such as “Ticket opened=received_at” "
                         "(or “Extra=” to leave a column out)"), pair);
          return FALSE;
        }

      column = g_strndup (pair, (gsize) (eq - pair));
      if (sp_str_is_blank (column))
        {
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: %s is the mapping as typed */
                       _("“%s” names no column before “=”"), pair);
          return FALSE;
        }
      sp_import_options_map (self, column, eq + 1);
    }

  return TRUE;
}

/* @format: a strptime()-like format (sp_date_format_is_valid()), or NULL for ISO 8601 */
void
sp_import_options_set_date_format (SpImportOptions *self,
                                   const char      *format)
{
  g_return_if_fail (self != NULL);

  g_free (self->date_format);
  self->date_format = sp_str_is_blank (format) ? NULL : g_strdup (format);
}

const char *
sp_import_options_get_date_format (const SpImportOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->date_format;
}

/* The kind of every answer in a file without a "kind" column, or -1 */
void
sp_import_options_set_survey_kind (SpImportOptions *self,
                                   int              survey_kind)
{
  g_return_if_fail (self != NULL);
  self->survey_kind = survey_kind;
}

/*
 * The mapping as one line per column, "COLUMN=FIELD", which
 * sp_import_options_parse_map() reads back line by line; for remembering
 * it with the file's first row.
 */
char *
sp_import_options_to_string (const SpImportOptions *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->columns->len; i++)
    g_string_append_printf (out, "%s=%s\n", (char *) g_ptr_array_index (self->columns, i),
                            (char *) g_ptr_array_index (self->fields, i));
  return g_string_free (out, FALSE);
}

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

/* What the file gives, without the columns the app computes */
const char * const *
sp_import_kind_get_fields (SpImportKind kind)
{
  static const char * const contacts[] = {
    "received_at", "channel", "agent", "customer", "category", "priority", "first_response_at",
    "resolved_at", "resolved_first_contact", "escalated", "talk_min", "hold_min", "wrap_min",
    "complaint", "note", "escalated_at", "escalated_to", "escalation_reason",
    "escalation_resolved_at", "id", NULL
  };
  static const char * const surveys[] = {
    "answered_at", "kind", "score", "customer", "agent", "channel", "category", "comment",
    "contact_id", NULL
  };
  static const char * const shifts[] = { "date", "agent", "available_hours", NULL };
  static const char * const months[] = {
    "month", "operating_cost", "customers_start", "customers_lost", "customers_new", NULL
  };
  static const char * const hours[] = { "valid_from", "weekday", "opens", "closes", NULL };
  static const char * const closed_days[] = { "date", "name", NULL };
  static const char * const * const all[SP_N_IMPORT_KINDS] = {
    contacts, surveys, shifts, months, hours, closed_days,
  };

  g_return_val_if_fail (kind < SP_N_IMPORT_KINDS, NULL);
  return all[kind];
}

gboolean
sp_import_field_is_required (SpImportKind  kind,
                             const char   *field)
{
  g_return_val_if_fail (kind < SP_N_IMPORT_KINDS, FALSE);

  for (const Column *c = kind_columns[kind]; c->name; c++)
    {
      if (g_strcmp0 (c->name, field) == 0)
        return c->required;
    }
  return FALSE;
}

/* Whether @field holds a date, read in the file's date format */
gboolean
sp_import_field_is_date (SpImportKind  kind,
                         const char   *field)
{
  static const char * const dates[] = {
    "received_at", "first_response_at", "resolved_at", "escalated_at", "escalation_resolved_at",
    "answered_at", "date", "valid_from", NULL
  };

  g_return_val_if_fail (kind < SP_N_IMPORT_KINDS, FALSE);

  return field != NULL && g_strv_contains (dates, field) &&
         g_strv_contains (sp_import_kind_get_fields (kind), field);
}

/* The field as the window names it */
const char *
sp_import_field_get_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "received_at", N_("Received") },
    { "channel", N_("Channel") },
    { "agent", N_("Agent") },
    { "customer", N_("Customer") },
    { "category", N_("Topic") },
    { "priority", N_("Priority") },
    { "first_response_at", N_("First response") },
    { "resolved_at", N_("Resolved") },
    { "resolved_first_contact", N_("Resolved at first contact") },
    { "escalated", N_("Escalated") },
    { "talk_min", N_("Talk minutes") },
    { "hold_min", N_("Hold minutes") },
    { "wrap_min", N_("Wrap-up minutes") },
    { "complaint", N_("Complaint") },
    { "note", N_("Note") },
    { "escalated_at", N_("Escalated at") },
    { "escalated_to", N_("Escalated to") },
    { "escalation_reason", N_("Escalation reason") },
    { "escalation_resolved_at", N_("Escalation resolved") },
    { "id", N_("Contact number") },
    { "answered_at", N_("Answered") },
    { "kind", N_("Survey kind") },
    { "score", N_("Score") },
    { "comment", N_("Comment") },
    { "contact_id", N_("Contact number") },
    { "date", N_("Date") },
    { "available_hours", N_("Available hours") },
    { "month", N_("Month") },
    { "operating_cost", N_("Operating cost") },
    { "customers_start", N_("Customers at the start") },
    { "customers_lost", N_("Customers lost") },
    { "customers_new", N_("New customers") },
    { "valid_from", N_("Valid from") },
    { "weekday", N_("Weekday") },
    { "opens", N_("Opens") },
    { "closes", N_("Closes") },
    { "name", N_("Name") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_strcmp0 (labels[i].field, field) == 0)
        return _(labels[i].label);
    }
  return field;
}

/* A column name in lower case, words separated by single spaces */
static char *
column_words (const char *column)
{
  g_autofree char *lower = g_utf8_strdown (column ? column : "", -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * sp_import_guess_field:
 * @column: a column's name in another program's file
 *
 * The field such a column most likely gives: its own name ("received_at",
 * "Received at"), or words other tools use ("Ticket opened", "Assignee",
 * "How satisfied were you?").
 *
 * Returns: (nullable): a field of @kind, or NULL
 */
const char *
sp_import_guess_field (SpImportKind  kind,
                       const char   *column)
{
  /*
   * The first row whose word is in the column's name wins: specific words
   * first.  Another program's ticket number is no contact number of this
   * app: only a column named so gives one.
   */
  static const struct { SpImportKind kind; const char *word; const char *field; } words[] = {
    { SP_IMPORT_CONTACTS, "first response", "first_response_at" },
    { SP_IMPORT_CONTACTS, "first reply", "first_response_at" },
    { SP_IMPORT_CONTACTS, "responded", "first_response_at" },
    { SP_IMPORT_CONTACTS, "first contact", "resolved_first_contact" },
    { SP_IMPORT_CONTACTS, "fcr", "resolved_first_contact" },
    { SP_IMPORT_CONTACTS, "escalation resolved", "escalation_resolved_at" },
    { SP_IMPORT_CONTACTS, "escalated at", "escalated_at" },
    { SP_IMPORT_CONTACTS, "escalated to", "escalated_to" },
    { SP_IMPORT_CONTACTS, "escalation reason", "escalation_reason" },
    { SP_IMPORT_CONTACTS, "escalat", "escalated" },
    { SP_IMPORT_CONTACTS, "resolved", "resolved_at" },
    { SP_IMPORT_CONTACTS, "solved", "resolved_at" },
    { SP_IMPORT_CONTACTS, "closed", "resolved_at" },
    { SP_IMPORT_CONTACTS, "opened", "received_at" },
    { SP_IMPORT_CONTACTS, "received", "received_at" },
    { SP_IMPORT_CONTACTS, "created", "received_at" },
    { SP_IMPORT_CONTACTS, "submitted", "received_at" },
    { SP_IMPORT_CONTACTS, "timestamp", "received_at" },
    { SP_IMPORT_CONTACTS, "talk", "talk_min" },
    { SP_IMPORT_CONTACTS, "hold", "hold_min" },
    { SP_IMPORT_CONTACTS, "wrap", "wrap_min" },
    { SP_IMPORT_CONTACTS, "complain", "complaint" },
    { SP_IMPORT_CONTACTS, "channel", "channel" },
    { SP_IMPORT_CONTACTS, "via", "channel" },
    { SP_IMPORT_CONTACTS, "source", "channel" },
    { SP_IMPORT_CONTACTS, "priority", "priority" },
    { SP_IMPORT_CONTACTS, "urgency", "priority" },
    { SP_IMPORT_CONTACTS, "agent", "agent" },
    { SP_IMPORT_CONTACTS, "assignee", "agent" },
    { SP_IMPORT_CONTACTS, "assigned", "agent" },
    { SP_IMPORT_CONTACTS, "handled by", "agent" },
    { SP_IMPORT_CONTACTS, "staff", "agent" },
    { SP_IMPORT_CONTACTS, "customer", "customer" },
    { SP_IMPORT_CONTACTS, "requester", "customer" },
    { SP_IMPORT_CONTACTS, "client", "customer" },
    { SP_IMPORT_CONTACTS, "category", "category" },
    { SP_IMPORT_CONTACTS, "topic", "category" },
    { SP_IMPORT_CONTACTS, "subject", "category" },
    { SP_IMPORT_CONTACTS, "type", "category" },
    { SP_IMPORT_CONTACTS, "note", "note" },
    { SP_IMPORT_CONTACTS, "description", "note" },
    { SP_IMPORT_CONTACTS, "date", "received_at" },
    { SP_IMPORT_SURVEYS, "timestamp", "answered_at" },
    { SP_IMPORT_SURVEYS, "answered", "answered_at" },
    { SP_IMPORT_SURVEYS, "submitted", "answered_at" },
    { SP_IMPORT_SURVEYS, "date", "answered_at" },
    { SP_IMPORT_SURVEYS, "satisf", "score" },
    { SP_IMPORT_SURVEYS, "recommend", "score" },
    { SP_IMPORT_SURVEYS, "easy", "score" },
    { SP_IMPORT_SURVEYS, "effort", "score" },
    { SP_IMPORT_SURVEYS, "score", "score" },
    { SP_IMPORT_SURVEYS, "rating", "score" },
    { SP_IMPORT_SURVEYS, "kind", "kind" },
    { SP_IMPORT_SURVEYS, "survey type", "kind" },
    { SP_IMPORT_SURVEYS, "comment", "comment" },
    { SP_IMPORT_SURVEYS, "feedback", "comment" },
    { SP_IMPORT_SURVEYS, "anything else", "comment" },
    { SP_IMPORT_SURVEYS, "why", "comment" },
    { SP_IMPORT_SURVEYS, "agent", "agent" },
    { SP_IMPORT_SURVEYS, "staff", "agent" },
    { SP_IMPORT_SURVEYS, "customer", "customer" },
    { SP_IMPORT_SURVEYS, "channel", "channel" },
    { SP_IMPORT_SURVEYS, "category", "category" },
    { SP_IMPORT_SURVEYS, "topic", "category" },
    { SP_IMPORT_SHIFTS, "hours", "available_hours" },
    { SP_IMPORT_SHIFTS, "date", "date" },
    { SP_IMPORT_SHIFTS, "day", "date" },
    { SP_IMPORT_SHIFTS, "agent", "agent" },
    { SP_IMPORT_SHIFTS, "staff", "agent" },
    { SP_IMPORT_SHIFTS, "employee", "agent" },
    { SP_IMPORT_SHIFTS, "name", "agent" },
    { SP_IMPORT_MONTHS, "cost", "operating_cost" },
    { SP_IMPORT_MONTHS, "lost", "customers_lost" },
    { SP_IMPORT_MONTHS, "churn", "customers_lost" },
    { SP_IMPORT_MONTHS, "new", "customers_new" },
    { SP_IMPORT_MONTHS, "start", "customers_start" },
    { SP_IMPORT_MONTHS, "month", "month" },
    { SP_IMPORT_HOURS, "valid", "valid_from" },
    { SP_IMPORT_HOURS, "weekday", "weekday" },
    { SP_IMPORT_HOURS, "opens", "opens" },
    { SP_IMPORT_HOURS, "closes", "closes" },
    { SP_IMPORT_CLOSED_DAYS, "date", "date" },
    { SP_IMPORT_CLOSED_DAYS, "day", "date" },
    { SP_IMPORT_CLOSED_DAYS, "name", "name" },
    { SP_IMPORT_CLOSED_DAYS, "holiday", "name" },
    { SP_IMPORT_CLOSED_DAYS, "reason", "name" },
  };
  const char * const *fields;
  g_autofree char *key = NULL;
  g_autofree char *padded = NULL;

  g_return_val_if_fail (kind < SP_N_IMPORT_KINDS, NULL);

  key = column_words (column);
  fields = sp_import_kind_get_fields (kind);

  /* its own name, "received_at" or "Received at" */
  for (guint i = 0; fields[i]; i++)
    {
      g_autofree char *own = column_words (fields[i]);

      if (g_str_equal (key, own))
        return fields[i];
    }

  padded = g_strconcat (" ", key, " ", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *word = g_strconcat (" ", words[i].word, NULL);

      /* at the start of a word: "assigned" in "Assigned to", not "via" in "trivia" */
      if (words[i].kind == kind && strstr (padded, word) != NULL)
        return words[i].field;
    }

  return NULL;
}

/**
 * sp_import_guess_survey_kind:
 * @column: the name of the column with the scores, often the question
 *
 * Returns: the SpSurveyKind the question asks for ("How satisfied…" CSAT,
 *   "How likely… recommend" NPS, "How easy…" CES), or -1
 */
int
sp_import_guess_survey_kind (const char *column)
{
  g_autofree char *key = column_words (column);
  g_autofree char *padded = g_strconcat (" ", key, NULL);

  if (strstr (padded, " recommend") || strstr (padded, " nps"))
    return SP_SURVEY_NPS;
  if (strstr (padded, " easy") || strstr (padded, " effort") || strstr (padded, " ces"))
    return SP_SURVEY_CES;
  if (strstr (padded, " satisf") || strstr (padded, " csat"))
    return SP_SURVEY_CSAT;
  return -1;
}

/* "received_at (column “Ticket opened”)" when another name in the file gives the field */
static char *
field_name (Import     *import,
            const char *field)
{
  for (int c = 0; import->columns[c].name; c++)
    {
      const char *header;

      if (!g_str_equal (import->columns[c].name, field) || import->index[c] < 0 ||
          import->headers == NULL || (guint) import->index[c] >= import->headers->len)
        continue;

      header = g_ptr_array_index (import->headers, import->index[c]);
      if (g_ascii_strcasecmp (header, field) != 0)
        /* TRANSLATORS: a field and the column of the file that gives it */
        return g_strdup_printf (_("%s (column “%s”)"), field, header);
    }

  return g_strdup (field);
}

static gboolean
field_error (Import      *import,
             GError     **error,
             const char  *field,
             const char  *reason)
{
  g_autofree char *name = field_name (import, field);

  g_set_error (error, SP_ERROR, SP_ERROR_INVALID, "%s:%u: %s: %s",
               import->label, sp_csv_reader_get_row (import->reader), name, reason);
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
column_error (Import      *import,
              GError     **error,
              const char  *column,
              char        *reason)
{
  /* TRANSLATORS: the file, a column of its first row, then what is wrong */
  g_set_error (error, SP_ERROR, SP_ERROR_INVALID, _("%s:1: column “%s”: %s"),
               import->label, column, reason);
  g_free (reason);
  return FALSE;
}

/* The field a column of the first row gives: mapped, or by its own name; NULL for none */
static const char *
header_field (Import     *import,
              const char *header,
              gboolean   *mapped,
              guint      *map_index)
{
  const SpImportOptions *options = import->options;

  *mapped = FALSE;
  if (options != NULL)
    {
      for (guint m = 0; m < options->columns->len; m++)
        {
          if (same_column (g_ptr_array_index (options->columns, m), header))
            {
              const char *field = g_ptr_array_index (options->fields, m);

              *mapped = TRUE;
              *map_index = m;
              return *field ? field : NULL;
            }
        }
    }

  return header;
}

static gboolean
read_header (Import  *import,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  const SpImportOptions *options = import->options;
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
                     /* TRANSLATORS: the file, then the columns it must have */
                     _("%s:1: the file is empty; the first row must name the columns (%s)"),
                     import->label, sp_import_kind_get_columns (import->kind));
      return FALSE;
    }

  n = sp_csv_reader_get_n_fields (import->reader);
  import->headers = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (import->headers,
                     g_strstrip (g_strdup (sp_csv_reader_get_field (import->reader, i))));

  /* a mapping for a column the file does not have is a typing mistake */
  for (guint m = 0; options != NULL && m < options->columns->len; m++)
    {
      gboolean present = FALSE;

      for (guint i = 0; i < n && !present; i++)
        present = same_column (g_ptr_array_index (options->columns, m),
                               g_ptr_array_index (import->headers, i));

      if (!present)
        {
          g_autofree char *all = NULL;

          g_ptr_array_add (import->headers, NULL);
          all = g_strjoinv (", ", (char **) import->headers->pdata);
          g_ptr_array_remove_index (import->headers, import->headers->len - 1);
          return column_error (import, error, g_ptr_array_index (options->columns, m),
                               /* TRANSLATORS: %s lists the columns of the file's first row */
                               g_strdup_printf (_("is not in the first row of the file; its "
                                                  "columns are: %s"), all));
        }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *header = g_strdup (g_ptr_array_index (import->headers, i));
      g_autofree char *name = NULL;
      const char *field;
      gboolean mapped, found = FALSE;
      guint map_index = 0;

      field = header_field (import, header, &mapped, &map_index);
      if (field == NULL)
        continue;

      name = g_ascii_strdown (field, -1);
      g_strstrip (name);

      for (int c = 0; import->columns[c].name; c++)
        {
          if (!g_str_equal (name, import->columns[c].name))
            continue;

          if (import->index[c] >= 0)
            {
              const char *first = g_ptr_array_index (import->headers, import->index[c]);

              if (!mapped && g_ascii_strcasecmp (first, header) == 0)
                return field_error_take (import, error, name,
                                         g_strdup (_("this column appears twice")));
              return column_error (import, error, header,
                                   /* TRANSLATORS: a field, then the other column that gives it */
                                   g_strdup_printf (_("gives %s, which column “%s” gives "
                                                      "already"), name, first));
            }

          import->index[c] = (int) i;
          found = TRUE;
          break;
        }

      if (!found)
        {
          if (mapped)
            return column_error (import, error, header,
                                 /* TRANSLATORS: the field as typed, the kind of file
                                  * ("contacts"), then its fields */
                                 g_strdup_printf (_("“%s” is not a field of %s files; the "
                                                    "fields are: %s"), field,
                                                  kind_names[import->kind],
                                                  sp_import_kind_get_columns (import->kind)));

          if (*name == '\0')
            return field_error_take (import, error, name,
                                     /* TRANSLATORS: %u is the column's number, %s the columns
                                      * the file has */
                                     g_strdup_printf (_("column %u has no name; the columns "
                                                        "are: %s"), i + 1,
                                                      sp_import_kind_get_columns (import->kind)));

          if (options != NULL)
            return column_error (import, error, header,
                                 /* TRANSLATORS: the kind of file, the column twice, then the
                                  * fields */
                                 g_strdup_printf (_("is not a field of %s files: map it to one "
                                                    "(“%s=FIELD”) or leave it out (“%s=”); the "
                                                    "fields are: %s"),
                                                  kind_names[import->kind], header, header,
                                                  sp_import_kind_get_columns (import->kind)));

          return field_error_take (import, error, name,
                                   /* TRANSLATORS: the kind of file ("contacts"), then its
                                    * columns */
                                   g_strdup_printf (_("unknown column; the columns of %s files "
                                                      "are: %s"),
                                                    kind_names[import->kind],
                                                    sp_import_kind_get_columns (import->kind)));
        }
    }

  for (int c = 0; import->columns[c].name; c++)
    {
      /* answers of one kind, told apart from the file */
      if (import->kind == SP_IMPORT_SURVEYS && options != NULL && options->survey_kind >= 0 &&
          g_str_equal (import->columns[c].name, "kind"))
        continue;

      if (import->columns[c].required && import->index[c] < 0)
        return field_error (import, error, import->columns[c].name,
                            options != NULL && options->columns->len > 0
                            ? _("this field is required, but no column gives it: map a column "
                                "to it")
                            : _("this column is required but missing from the first row"));
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

  if (import->options != NULL && import->options->date_format != NULL
      ? !sp_date_format_parse_time (import->options->date_format, value, out, &reason)
      : (!sp_time_parse (value, out, &reason) || !sp_time_check_range (*out, &reason)))
    {
      const char *samples[] = { value };
      const char *guess = NULL;
      SpTime t;

      *out = SP_TIME_NONE;

      /* "07.12.2026 14:00" in a file read as ISO: say which format would read it */
      if ((import->options == NULL || import->options->date_format == NULL) &&
          (guess = sp_date_format_guess (samples, 1)) != NULL &&
          sp_date_format_parse_time (guess, value, &t, NULL))
        {
          g_autofree char *described = sp_date_format_describe (guess);
          /* TRANSLATORS: the date as written, the format it seems to be in, and the format to
           * give */
          char *hint = g_strdup_printf (_("“%s” is written as %s: give the date format %s"),
                                        value, described, guess);

          g_free (reason);
          reason = hint;
        }

      return field_error_take (import, error, name, reason);
    }

  return TRUE;
}

/* A day, in the file's date format; ISO 8601 without one */
static gboolean
parse_day (Import      *import,
           const char  *value,
           SpDate      *out,
           char       **reason)
{
  if (import->options != NULL && import->options->date_format != NULL)
    return sp_date_format_parse_date (import->options->date_format, value, out, reason);

  return sp_date_parse (value, out, reason) && sp_date_check_range (*out, reason);
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
                             /* TRANSLATORS: %s is the channel as typed */
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
                             /* TRANSLATORS: %s is the priority as written in the file */
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

  if (!read_time (import, "answered_at", TRUE, &survey->answered_at, error))
    return FALSE;

  if (get (import, "kind") == NULL && import->options != NULL &&
      import->options->survey_kind >= 0)
    value = sp_survey_kind_to_string (import->options->survey_kind);
  else if (!need (import, "kind", &value, error))
    return FALSE;

  if (!sp_survey_kind_from_string (value, &survey->kind))
    return field_error_take (import, error, "kind",
                             /* TRANSLATORS: %s is the kind of survey as written in the file */
                             g_strdup_printf (_("“%s” is not a kind of survey; use csat, nps "
                                                "or ces"), value));

  if (!need (import, "score", &value, error))
    return FALSE;

  sp_survey_kind_get_range (survey->kind, &min, &max);
  if (!sp_parse_int (value, min, max, &score, &reason))
    {
      g_free (reason);
      return field_error_take (import, error, "score",
                               /* TRANSLATORS: the score as written, the lowest and highest
                                * score, and the survey ("CSAT") */
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
                               /* TRANSLATORS: what is repeated (a shift or a month), and the
                                * row that has it already */
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

  if (!parse_day (import, date, &shift->date, &reason))
    return field_error_take (import, error, "date", reason);

  if (!sp_parse_double (hours, &shift->available_hours, &reason))
    return field_error_take (import, error, "available_hours", reason);

  if (shift->available_hours <= 0 || shift->available_hours > 24)
    return field_error (import, error, "available_hours",
                        _("must be more than 0 and at most 24"));

  if ((shift->agent_id = entity_id (import, SP_ENTITY_AGENT, agent, "agent", error)) < 0)
    return FALSE;

  /* TRANSLATORS: an agent's name, then a day */
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
                             /* TRANSLATORS: customers lost, then customers at the start */
                             g_strdup_printf (_("%" PRId64 " is more than "
                                                "customers_start (%" PRId64 ")"),
                                              figures->customers_lost,
                                              figures->customers_start));

  /* TRANSLATORS: a month in a CSV file, "month 2026-11" */
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
  if (!parse_day (import, value, &valid_from, &reason))
    return field_error_take (import, error, "valid_from", reason);

  if (!need (import, "weekday", &value, error))
    return FALSE;
  if (!sp_hours_parse_weekday (value, &weekday))
    return field_error_take (import, error, "weekday",
                             /* TRANSLATORS: %s is the weekday as written in the file */
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
  if (!parse_day (import, value, &date, &reason))
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
  g_clear_pointer (&import->headers, g_ptr_array_unref);
}

static gboolean
import_rows (Import  *import,
             guint   *n_imported,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_problems = 0;
  guint n_fields;
  guint count = 0;

  if (!read_header (import, error))
    return FALSE;

  n_fields = sp_csv_reader_get_n_fields (import->reader);

  while (sp_csv_reader_next (import->reader, &local_error))
    {
      g_autoptr(GError) row_error = NULL;
      gboolean ok = FALSE;

      if (sp_csv_reader_is_blank (import->reader))
        continue;

      if (sp_csv_reader_get_n_fields (import->reader) != n_fields)
        {
          g_set_error (&row_error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: the file, the row, its fields, and the columns the first
                        * row names */
                       _("%s:%u: row: has %u fields, but the first row names %u columns"),
                       import->label, sp_csv_reader_get_row (import->reader),
                       sp_csv_reader_get_n_fields (import->reader), n_fields);
        }
      else
        {
          switch (import->kind)
            {
            case SP_IMPORT_CONTACTS: ok = import_contact (import, &row_error); break;
            case SP_IMPORT_SURVEYS: ok = import_survey (import, &row_error); break;
            case SP_IMPORT_SHIFTS: ok = import_shift (import, &row_error); break;
            case SP_IMPORT_MONTHS: ok = import_month (import, &row_error); break;
            case SP_IMPORT_HOURS: ok = import_hours_row (import, &row_error); break;
            case SP_IMPORT_CLOSED_DAYS: ok = import_closed_day_row (import, &row_error); break;
            case SP_N_IMPORT_KINDS:
            default:
              g_assert_not_reached ();
            }
        }

      if (!ok)
        {
          /* an import stops at the first; a check goes on to list a few */
          if (import->max_problems == 0)
            {
              g_propagate_error (error, g_steal_pointer (&row_error));
              return FALSE;
            }

          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          g_string_append (problems, row_error->message);
          if (++n_problems >= import->max_problems)
            break;
          continue;
        }

      count++;
      if (import->max_rows > 0 && count + n_problems >= import->max_rows)
        break;
    }

  if (n_problems > 0)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, problems->str);
      return FALSE;
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
  return sp_import_data_full (store, kind, label, data, length, NULL, n_imported, error);
}

/**
 * sp_import_data_full:
 * @options: (nullable): how another program's file is read
 *
 * As sp_import_data(), with columns mapped to fields and dates in a format
 * of their own.
 */
static gboolean import_run (SpStore               *store,
                            SpImportKind           kind,
                            const char            *label,
                            const char            *data,
                            gsize                  length,
                            const SpImportOptions *options,
                            gboolean               commit,
                            guint                  max_rows,
                            guint                 *n_imported,
                            GError               **error);

gboolean
sp_import_data_full (SpStore               *store,
                     SpImportKind           kind,
                     const char            *label,
                     const char            *data,
                     gsize                  length,
                     const SpImportOptions *options,
                     guint                 *n_imported,
                     GError               **error)
{
  return import_run (store, kind, label, data, length, options, TRUE, 0, n_imported, error);
}

/**
 * sp_import_check_data:
 * @max_rows: how many rows to check, or 0 for all
 * @n_rows: (out) (optional): how many rows would be imported (of those checked)
 *
 * Reads and checks the rows as sp_import_data_full() does, then rolls
 * back: the database is left as it was, whatever the file holds.  On
 * error, the message has a line for each of the first few wrong rows.
 */
gboolean
sp_import_check_data (SpStore               *store,
                      SpImportKind           kind,
                      const char            *label,
                      const char            *data,
                      gsize                  length,
                      const SpImportOptions *options,
                      guint                  max_rows,
                      guint                 *n_rows,
                      GError               **error)
{
  return import_run (store, kind, label, data, length, options, FALSE, max_rows, n_rows, error);
}

static gboolean
import_run (SpStore               *store,
            SpImportKind           kind,
            const char            *label,
            const char            *data,
            gsize                  length,
            const SpImportOptions *options,
            gboolean               commit,
            guint                  max_rows,
            guint                 *n_imported,
            GError               **error)
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
  import.options = options;
  import.max_problems = commit ? 0 : CHECK_PROBLEMS;
  import.max_rows = commit ? 0 : max_rows;
  import.reader = sp_csv_reader_new (data ? data : "", length);

  if (options != NULL && options->date_format != NULL)
    {
      g_autofree char *reason = NULL;

      if (!sp_date_format_is_valid (options->date_format, &reason))
        {
          g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, reason);
          import_clear (&import);
          return FALSE;
        }
    }

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

  ok = (!commit || !loads_in_bulk (store, kind, data, length) ||
        sp_store_suspend_totals (store, &triggers, error)) &&
       import_rows (&import, &count, error) &&
       (import.hours == NULL ||
        sp_store_save_hours (store, import.hours, NULL, NULL, error)) &&
       (kind != SP_IMPORT_CONTACTS || sp_store_refresh_marked (store, error)) &&
       (triggers == NULL || sp_store_resume_totals (store, triggers, error));

  import_clear (&import);

  if (!ok || !commit)
    {
      sp_store_rollback (store);
      if (ok && n_imported)
        *n_imported = count;
      return ok;
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
  return sp_import_file_full (store, kind, path, NULL, n_imported, error);
}

/* As sp_import_file(), read with @options (nullable) */
gboolean
sp_import_file_full (SpStore               *store,
                     SpImportKind           kind,
                     const char            *path,
                     const SpImportOptions *options,
                     guint                 *n_imported,
                     GError               **error)
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
      /* TRANSLATORS: the file, then why it can't be read */
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
                   /* TRANSLATORS: %s is the file */
                   _("%s: the file changed while it was being read. Import it again once the "
                     "program that writes it has finished."), name);
      return FALSE;
    }

  if (!is_stdin)
    close (fd);

  if (data == NULL)
    {
      /* TRANSLATORS: the file, then why it can't be read */
      g_set_error (error, SP_ERROR, SP_ERROR_IO, _("%s: the file can't be read: %s"),
                   name, g_strerror (errsv));
      return FALSE;
    }

  return sp_import_data_full (store, kind, name, (const char *) data->data, data->len, options,
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
      /* TRANSLATORS: the file, then why it can't be read */
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
