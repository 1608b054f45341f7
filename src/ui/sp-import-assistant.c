/* sp-import-assistant.c
 *
 * Importing a CSV file, from this app or from another program: the kind of
 * records it holds, which field each column gives (guessed from its name,
 * with its first values shown), the format of its dates (guessed from the
 * values), then the same all-or-nothing import as the command line.  Every
 * change is checked against the whole file at once, in a transaction rolled
 * back, so the problems are shown with their row before anything is
 * written.  A mapping that imported is remembered for files with the same
 * first row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-import-assistant"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-csv-reader.h"
#include "sp-date-input.h"
#include "sp-enums.h"
#include "sp-import-assistant.h"
#include "sp-period.h"
#include "sp-parse.h"
#include "sp-widget.h"

#define N_SAMPLES 20
#define N_SHOWN   3
/* rows checked at each choice, so that a long file keeps the window responsive */
#define N_CHECKED 1000

struct _SpImportAssistant
{
  AdwWindow            parent_instance;

  SpStore             *store;
  GtkWindow           *parent;

  GtkStack            *stack;
  AdwActionRow        *file_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *survey_kind_row;
  AdwComboRow         *date_format_row;
  AdwPreferencesGroup *columns_group;
  GtkLabel            *status_label;
  GtkRevealer         *status_revealer;
  GtkButton           *import_button;

  char                *label;
  char                *data;
  gsize                length;
  guint                n_rows;          /* below the column names, blank ones left out */
  GPtrArray           *headers;         /* char *, as written */
  GPtrArray           *samples;         /* per column, a GPtrArray of its first values */
  GPtrArray           *column_rows;     /* an AdwComboRow per column */
  const char          *fields[64];      /* the current kind's, NULL-terminated */
  const char         **formats;
  guint                updating;
  gboolean             ready;
};

G_DEFINE_FINAL_TYPE (SpImportAssistant, sp_import_assistant, ADW_TYPE_WINDOW)

static const struct { SpImportKind kind; const char *label; } kinds[] = {
  { SP_IMPORT_CONTACTS, N_("Contacts") },
  { SP_IMPORT_SURVEYS, N_("Survey answers") },
  { SP_IMPORT_SHIFTS, N_("Shifts") },
  { SP_IMPORT_MONTHS, N_("Month figures") },
  { SP_IMPORT_HOURS, N_("Opening hours") },
  { SP_IMPORT_CLOSED_DAYS, N_("Closed days") },
};

/* The mapping as it stands */

SpImportKind
sp_import_assistant_get_kind (SpImportAssistant *self)
{
  guint i;

  g_return_val_if_fail (SP_IS_IMPORT_ASSISTANT (self), SP_IMPORT_CONTACTS);

  i = adw_combo_row_get_selected (self->kind_row);
  return i < G_N_ELEMENTS (kinds) ? kinds[i].kind : SP_IMPORT_CONTACTS;
}

/* Returns: (nullable): the format the dates are read with; NULL when none is chosen */
const char *
sp_import_assistant_get_date_format (SpImportAssistant *self)
{
  guint i;

  g_return_val_if_fail (SP_IS_IMPORT_ASSISTANT (self), NULL);

  i = adw_combo_row_get_selected (self->date_format_row);
  if (self->formats == NULL || i == GTK_INVALID_LIST_POSITION ||
      i >= g_strv_length ((char **) self->formats))
    return NULL;
  return self->formats[i];
}

/* Returns: (nullable): the field column @column gives, or NULL when it is left out */
const char *
sp_import_assistant_get_field (SpImportAssistant *self,
                               guint              column)
{
  guint i;

  g_return_val_if_fail (SP_IS_IMPORT_ASSISTANT (self), NULL);

  if (self->column_rows == NULL || column >= self->column_rows->len)
    return NULL;

  i = adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, column));
  return i == 0 || i == GTK_INVALID_LIST_POSITION ? NULL : self->fields[i - 1];
}

gboolean
sp_import_assistant_can_import (SpImportAssistant *self)
{
  g_return_val_if_fail (SP_IS_IMPORT_ASSISTANT (self), FALSE);
  return self->ready;
}

static SpImportOptions *
make_options (SpImportAssistant *self)
{
  SpImportOptions *options = sp_import_options_new ();
  guint survey = adw_combo_row_get_selected (self->survey_kind_row);

  for (guint c = 0; c < self->headers->len; c++)
    sp_import_options_map (options, g_ptr_array_index (self->headers, c),
                           sp_import_assistant_get_field (self, c));

  sp_import_options_set_date_format (options, sp_import_assistant_get_date_format (self));
  if (sp_import_assistant_get_kind (self) == SP_IMPORT_SURVEYS && survey > 0 && survey <= 3)
    sp_import_options_set_survey_kind (options, (int) survey - 1);

  return options;
}

/* Remembering the mapping of a first row */

static char *
remembered_key (SpImportAssistant *self)
{
  g_autoptr(GString) row = g_string_new (NULL);
  g_autofree char *sum = NULL;

  for (guint c = 0; c < self->headers->len; c++)
    {
      g_autofree char *key = sp_name_key (g_ptr_array_index (self->headers, c));

      g_string_append (row, key);
      g_string_append_c (row, '\x1f');
    }

  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, row->str, -1);
  return g_strdup_printf ("import.mapping.%.16s", sum);
}

static void
remember (SpImportAssistant *self)
{
  g_autoptr(SpImportOptions) options = make_options (self);
  g_autofree char *key = remembered_key (self);
  g_autofree char *mapping = sp_import_options_to_string (options);
  g_autofree char *value = NULL;
  const char *format = sp_import_assistant_get_date_format (self);

  value = g_strdup_printf ("%s\n%u\n%s\n%s", sp_import_kind_to_string (
                             sp_import_assistant_get_kind (self)),
                           adw_combo_row_get_selected (self->survey_kind_row),
                           format ? format : "", mapping);
  /* a convenience: an import is not undone because it could not be noted */
  sp_store_set_setting (self->store, key, value, NULL);
}

/* Column rows */

static char *
sample_text (GPtrArray *values)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; i < values->len && shown < N_SHOWN; i++)
    {
      const char *v = g_ptr_array_index (values, i);
      g_autofree char *clean = NULL;

      if (sp_str_is_blank (v))
        continue;
      clean = sp_name_clean (v);
      if (g_utf8_strlen (clean, -1) > 28)
        {
          char *end = g_utf8_offset_to_pointer (clean, 27);

          strcpy (end, "…");
        }
      if (out->len > 0)
        g_string_append (out, "  ·  ");
      g_string_append (out, clean);
      shown++;
    }

  if (shown == 0)
    return g_strdup (_("(empty in the first rows)"));
  return g_strdup (out->str);
}

static void update (SpImportAssistant *self);

static void
column_changed_cb (SpImportAssistant *self)
{
  if (self->updating == 0)
    update (self);
}

static void
fill_fields (SpImportAssistant *self,
             SpImportKind       kind)
{
  const char * const *fields = sp_import_kind_get_fields (kind);
  guint n = 0;

  for (; fields[n] != NULL && n < G_N_ELEMENTS (self->fields) - 1; n++)
    self->fields[n] = fields[n];
  self->fields[n] = NULL;
}

static GtkStringList *
field_model (SpImportAssistant *self,
             SpImportKind       kind)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, _("Leave out"));
  for (guint i = 0; self->fields[i] != NULL; i++)
    gtk_string_list_append (model, sp_import_field_get_label (self->fields[i]));

  return model;
}

static guint
field_position (SpImportAssistant *self,
                const char        *field)
{
  for (guint i = 0; field != NULL && self->fields[i] != NULL; i++)
    {
      if (g_str_equal (self->fields[i], field))
        return i + 1;
    }
  return 0;
}

/* What the columns are for, and which fields a file of @kind must give */
static void
describe_columns (SpImportAssistant *self,
                  SpImportKind       kind)
{
  g_autoptr(GString) required = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; self->fields[i] != NULL; i++)
    {
      /* the kind of answers may be chosen above instead */
      if (!sp_import_field_is_required (kind, self->fields[i]) ||
          (kind == SP_IMPORT_SURVEYS && g_str_equal (self->fields[i], "kind")))
        continue;
      if (required->len > 0)
        g_string_append (required, ", ");
      g_string_append (required, sp_import_field_get_label (self->fields[i]));
    }

  /* TRANSLATORS: %s lists the fields a file must give, "Received, Channel, Agent" */
  text = g_strdup_printf (_("What each column of the file holds, with its first values; columns "
                            "left out are not imported. Required: %s."), required->str);
  adw_preferences_group_set_description (self->columns_group, text);
}

/* "received_at", "Received at" and "RECEIVED_AT" name the field received_at */
static gboolean
same_name (const char *column,
           const char *field)
{
  g_autofree char *a = g_strdelimit (g_ascii_strdown (column, -1), " -", '_');
  g_autofree char *b = g_ascii_strdown (field, -1);

  return g_str_equal (g_strstrip (a), b);
}

/* Each column gives the field its name suggests, each field from one column at most */
static void
build_columns (SpImportAssistant *self)
{
  SpImportKind kind = sp_import_assistant_get_kind (self);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint c = 0; self->column_rows != NULL && c < self->column_rows->len; c++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, c));
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  self->column_rows = g_ptr_array_new ();

  fill_fields (self, kind);
  describe_columns (self, kind);

  /* a column named as a field has it, whatever other columns' names suggest */
  for (guint c = 0; c < self->headers->len; c++)
    {
      const char *header = g_ptr_array_index (self->headers, c);
      const char *field = sp_import_guess_field (kind, header);

      if (field != NULL && same_name (header, field))
        g_hash_table_add (taken, (gpointer) field);
    }

  for (guint c = 0; c < self->headers->len; c++)
    {
      const char *header = g_ptr_array_index (self->headers, c);
      g_autoptr(GtkStringList) model = field_model (self, kind);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = sample_text (g_ptr_array_index (self->samples, c));
      const char *field = sp_import_guess_field (kind, header);
      GtkWidget *row = adw_combo_row_new ();

      if (field != NULL && !same_name (header, field))
        {
          if (g_hash_table_contains (taken, field))
            field = NULL;
          else
            g_hash_table_add (taken, (gpointer) field);
        }

      /* TRANSLATORS: a column of the file without a name; %u is its number */
      title = sp_str_is_blank (header) ? g_strdup_printf (_("Column %u"), c + 1)
                                       : g_strdup (header);
      /* the file's own words, shown as they are */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), field_position (self, field));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
}

/* The first values of the columns that give dates */
static GPtrArray *
date_samples (SpImportAssistant *self)
{
  GPtrArray *values = g_ptr_array_new ();
  SpImportKind kind = sp_import_assistant_get_kind (self);

  for (guint c = 0; c < self->headers->len; c++)
    {
      GPtrArray *column = g_ptr_array_index (self->samples, c);

      if (!sp_import_field_is_date (kind, sp_import_assistant_get_field (self, c)))
        continue;
      for (guint i = 0; i < column->len; i++)
        {
          if (!sp_str_is_blank (g_ptr_array_index (column, i)))
            g_ptr_array_add (values, g_ptr_array_index (column, i));
        }
    }

  return values;
}

static void
guess_date_format (SpImportAssistant *self)
{
  g_autoptr(GPtrArray) values = date_samples (self);
  const char *guess = sp_date_format_guess ((const char * const *) values->pdata, values->len);

  for (guint i = 0; guess != NULL && self->formats[i] != NULL; i++)
    {
      if (g_str_equal (self->formats[i], guess))
        {
          adw_combo_row_set_selected (self->date_format_row, i);
          return;
        }
    }
}

/* "How satisfied were you?" holds CSAT answers, unless a column names the kind */
static void
guess_survey_kind (SpImportAssistant *self)
{
  int kind = -1;

  for (guint c = 0; c < self->headers->len; c++)
    {
      const char *field = sp_import_assistant_get_field (self, c);

      if (g_strcmp0 (field, "kind") == 0)
        {
          adw_combo_row_set_selected (self->survey_kind_row, 0);
          return;
        }
      if (g_strcmp0 (field, "score") == 0)
        kind = sp_import_guess_survey_kind (g_ptr_array_index (self->headers, c));
    }

  adw_combo_row_set_selected (self->survey_kind_row, kind >= 0 ? (guint) kind + 1 : 1);
}

static gboolean
apply_remembered (SpImportAssistant *self)
{
  g_autofree char *key = remembered_key (self);
  g_autofree char *value = sp_store_dup_setting (self->store, key);
  g_auto(GStrv) lines = NULL;
  g_autoptr(SpImportOptions) options = sp_import_options_new ();
  SpImportKind kind;
  gint64 survey;

  if (value == NULL)
    return FALSE;

  lines = g_strsplit (value, "\n", -1);
  if (g_strv_length (lines) < 3 || !sp_import_kind_from_string (lines[0], &kind) ||
      !g_ascii_string_to_signed (lines[1], 10, 0, 3, &survey, NULL))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (kinds[i].kind == kind)
        adw_combo_row_set_selected (self->kind_row, i);
    }
  build_columns (self);
  adw_combo_row_set_selected (self->survey_kind_row, (guint) survey);

  for (guint i = 0; self->formats[i] != NULL; i++)
    {
      if (g_str_equal (self->formats[i], lines[2]))
        adw_combo_row_set_selected (self->date_format_row, i);
    }

  for (guint l = 3; lines[l] != NULL; l++)
    {
      const char *eq = strrchr (lines[l], '=');
      g_autofree char *column = NULL;

      if (eq == NULL)
        continue;
      column = g_strndup (lines[l], (gsize) (eq - lines[l]));
      for (guint c = 0; c < self->headers->len; c++)
        {
          if (g_str_equal (g_ptr_array_index (self->headers, c), column))
            adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, c),
                                        field_position (self, eq + 1));
        }
    }

  return TRUE;
}

/* The kind whose fields the most columns give, or the app's own */
static SpImportKind
guess_kind (SpImportAssistant *self)
{
  SpImportKind kind, best = SP_IMPORT_CONTACTS;
  guint best_score = 0;

  if (sp_import_guess_kind (self->data, self->length, &kind))
    return kind;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GHashTable) given = g_hash_table_new (g_str_hash, g_str_equal);
      const char * const *fields = sp_import_kind_get_fields (kinds[k].kind);
      guint score = 0;

      for (guint c = 0; c < self->headers->len; c++)
        {
          const char *field = sp_import_guess_field (kinds[k].kind,
                                                     g_ptr_array_index (self->headers, c));

          if (field != NULL)
            g_hash_table_add (given, (gpointer) field);
        }

      /* every required field given counts most */
      for (guint i = 0; fields[i] != NULL; i++)
        {
          if (g_hash_table_contains (given, fields[i]))
            score += sp_import_field_is_required (kinds[k].kind, fields[i]) ? 10 : 1;
        }

      if (score > best_score)
        {
          best_score = score;
          best = kinds[k].kind;
        }
    }

  return best;
}

/* Checking */

static void
show_date_example (SpImportAssistant *self)
{
  g_autoptr(GPtrArray) values = date_samples (self);
  const char *format = sp_import_assistant_get_date_format (self);
  g_autofree char *subtitle = NULL;
  SpTime t;

  gtk_widget_set_visible (GTK_WIDGET (self->date_format_row), values->len > 0);
  if (values->len == 0 || format == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_format_row), "");
      return;
    }

  if (sp_date_format_parse_time (format, g_ptr_array_index (values, 0), &t, NULL))
    {
      g_autofree char *shown = sp_time_format_display (t);

      /* TRANSLATORS: how the file's first date is read: "“07.12.2026 09:15” is 7 Dec 2026 09:15" */
      subtitle = g_strdup_printf (_("“%s” is %s"), (char *) g_ptr_array_index (values, 0), shown);
    }
  else
    {
      SpDate d;

      if (sp_date_format_parse_date (format, g_ptr_array_index (values, 0), &d, NULL))
        {
          g_autofree char *shown = sp_date_format_long (d);

          subtitle = g_strdup_printf (_("“%s” is %s"), (char *) g_ptr_array_index (values, 0),
                                      shown);
        }
      else
        /* TRANSLATORS: %s is the first date in the file */
        subtitle = g_strdup_printf (_("“%s” is not written this way"),
                                    (char *) g_ptr_array_index (values, 0));
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_format_row), subtitle);
}

/* "FILE:3: field: reason" as "Row 3: field: reason"; the first row is the column names */
static char *
problem_line (SpImportAssistant *self,
              const char        *message)
{
  g_autofree char *prefix = g_strconcat (self->label, ":", NULL);
  const char *rest;
  char *end = NULL;
  guint64 row;

  if (!g_str_has_prefix (message, prefix))
    return g_strdup (message);

  rest = message + strlen (prefix);
  row = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || end[0] != ':' || end[1] != ' ')
    return g_strdup (message);

  if (row == 1)
    /* TRANSLATORS: a problem with the column names, then what it is */
    return g_strdup_printf (_("First row: %s"), end + 2);
  /* TRANSLATORS: the row of the file, then what is wrong in it */
  return g_strdup_printf (_("Row %u: %s"), (guint) MIN (row, G_MAXUINT), end + 2);
}

/* A line for each wrong row */
static char *
problem_text (SpImportAssistant *self,
              const char        *message)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = problem_line (self, lines[i]);

      g_free (lines[i]);
      lines[i] = line;
    }
  return g_strjoinv ("\n", lines);
}

static void
update (SpImportAssistant *self)
{
  g_autoptr(SpImportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SpImportKind kind = sp_import_assistant_get_kind (self);
  guint n = 0;

  if (self->headers == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->survey_kind_row), kind == SP_IMPORT_SURVEYS);
  show_date_example (self);

  options = make_options (self);
  self->ready = sp_import_check_data (self->store, kind, self->label, self->data, self->length,
                                      options, N_CHECKED, &n, &error);

  if (self->ready && n == 0)
    {
      self->ready = FALSE;
      text = g_strdup (_("The file has no rows below the column names."));
    }
  else if (self->ready && n < self->n_rows)
    {
      /* TRANSLATORS: the first rows were checked; the others are when importing */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: the rows checked so far, then all the
                                            * rows */
                                           "The first %u row of %u can be imported; the others "
                                           "are checked when you import.",
                                           "The first %u rows of %u can be imported; the others "
                                           "are checked when you import.", n), n, self->n_rows);
    }
  else if (self->ready)
    {
      /* TRANSLATORS: every row was checked; nothing is written yet */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: how many rows, all of them */
                                           "%u row can be imported.",
                                           "All %u rows can be imported.", n), n);
    }
  else
    {
      g_autofree char *problem = problem_text (self, error->message);

      /* TRANSLATORS: %s is what is wrong */
      text = g_strdup_printf (_("%s\nNothing is imported until this is fixed."), problem);
    }

  gtk_label_set_text (self->status_label, text);
  if (self->ready)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.import", self->ready);
}

static void
kind_changed_cb (SpImportAssistant *self)
{
  if (self->updating > 0 || self->headers == NULL)
    return;

  self->updating++;
  build_columns (self);
  guess_date_format (self);
  guess_survey_kind (self);
  self->updating--;
  update (self);
}

static void
option_changed_cb (SpImportAssistant *self)
{
  if (self->updating == 0)
    update (self);
}

/* Loading */

static void
clear_file (SpImportAssistant *self)
{
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->data, g_free);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  self->length = 0;
}

/**
 * sp_import_assistant_load_file:
 *
 * Reads @file and shows its columns, with the kind, mapping and date
 * format guessed (or as they were the last time a file with this first
 * row was imported).
 */
gboolean
sp_import_assistant_load_file (SpImportAssistant  *self,
                               GFile              *file,
                               GError            **error)
{
  g_autoptr(SpCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  gsize length = 0;
  guint n;

  g_return_val_if_fail (SP_IS_IMPORT_ASSISTANT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, error))
    return FALSE;

  reader = sp_csv_reader_new (data, length);
  if (!sp_csv_reader_next (reader, &local_error) || sp_csv_reader_get_n_fields (reader) == 0)
    {
      g_autofree char *name = g_file_get_basename (file);

      if (local_error != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%s", name,
                     local_error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     /* TRANSLATORS: %s is the file */
                     _("“%s” is empty: its first row must name the columns."), name);
      return FALSE;
    }

  clear_file (self);
  self->label = g_file_get_basename (file);
  self->data = g_steal_pointer (&data);
  self->length = length;
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  n = sp_csv_reader_get_n_fields (reader);
  for (guint c = 0; c < n; c++)
    {
      g_ptr_array_add (self->headers, g_strstrip (g_strdup (sp_csv_reader_get_field (reader, c))));
      g_ptr_array_add (self->samples, g_ptr_array_new_with_free_func (g_free));
    }

  self->n_rows = 0;
  while (sp_csv_reader_next (reader, NULL))
    {
      if (sp_csv_reader_is_blank (reader))
        continue;
      if (self->n_rows++ >= N_SAMPLES)
        continue;
      for (guint c = 0; c < n && c < sp_csv_reader_get_n_fields (reader); c++)
        g_ptr_array_add (g_ptr_array_index (self->samples, c),
                         g_strdup (sp_csv_reader_get_field (reader, c)));
    }

  path = g_file_get_path (file);
  {
    g_autofree char *shown = path ? g_filename_display_name (path) : g_file_get_uri (file);

    adw_action_row_set_subtitle (self->file_row, shown);
  }

  self->updating++;
  if (!apply_remembered (self))
    {
      SpImportKind kind = guess_kind (self);

      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          if (kinds[i].kind == kind)
            adw_combo_row_set_selected (self->kind_row, i);
        }
      build_columns (self);
      guess_date_format (self);
      guess_survey_kind (self);
    }
  self->updating--;

  gtk_stack_set_visible_child_name (self->stack, "file");
  gtk_revealer_set_reveal_child (self->status_revealer, TRUE);
  update (self);
  return TRUE;
}

static void
choose_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(SpImportAssistant) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (!sp_import_assistant_load_file (self, file, &error))
        sp_widget_show_error (GTK_WIDGET (self), _("The File Can't Be Read"), error);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
sp_import_assistant_choose_file (SpImportAssistant *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  g_return_if_fail (SP_IS_IMPORT_ASSISTANT (self));

  native = gtk_file_chooser_native_new (_("Import a CSV File"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (choose_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Actions */

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  sp_import_assistant_choose_file (SP_IMPORT_ASSISTANT (widget));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpImportAssistant *self = SP_IMPORT_ASSISTANT (widget);
  g_autoptr(SpImportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n = 0;

  if (self->headers == NULL || !self->ready)
    return;

  options = make_options (self);
  if (!sp_import_data_full (self->store, sp_import_assistant_get_kind (self), self->label,
                            self->data, self->length, options, &n, &error))
    {
      g_autofree char *problem = problem_text (self, error->message);
      /* TRANSLATORS: %s is what is wrong */
      g_autofree char *text = g_strdup_printf (_("%s\nNothing was imported."), problem);

      self->ready = FALSE;
      gtk_label_set_text (self->status_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_action_set_enabled (widget, "assistant.import", FALSE);
      return;
    }

  remember (self);

  /* TRANSLATORS: how many rows, then the file */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u row from “%s”",
                                        "Imported %u rows from “%s”", n), n, self->label);
  if (self->parent != NULL)
    sp_widget_add_toast (GTK_WIDGET (self->parent), adw_toast_new (title));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sp_import_assistant_dispose (GObject *object)
{
  SpImportAssistant *self = SP_IMPORT_ASSISTANT (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_IMPORT_ASSISTANT);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->parent);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_import_assistant_parent_class)->dispose (object);
}

static void
sp_import_assistant_finalize (GObject *object)
{
  SpImportAssistant *self = SP_IMPORT_ASSISTANT (object);

  clear_file (self);
  g_free (self->formats);

  G_OBJECT_CLASS (sp_import_assistant_parent_class)->finalize (object);
}

static void
sp_import_assistant_class_init (SpImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_import_assistant_dispose;
  object_class->finalize = sp_import_assistant_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/servicepulse/ServicePulse/"
                                               "sp-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, SpImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, SpImportAssistant, file_row);
  gtk_widget_class_bind_template_child (widget_class, SpImportAssistant, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SpImportAssistant, survey_kind_row);
  gtk_widget_class_bind_template_child (widget_class, SpImportAssistant, date_format_row);
  gtk_widget_class_bind_template_child (widget_class, SpImportAssistant, columns_group);
  gtk_widget_class_bind_template_child (widget_class, SpImportAssistant, status_label);
  gtk_widget_class_bind_template_child (widget_class, SpImportAssistant, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpImportAssistant, import_button);

  gtk_widget_class_install_action (widget_class, "assistant.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "assistant.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "assistant.import", NULL);
}

static void
sp_import_assistant_init (SpImportAssistant *self)
{
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) survey_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) format_model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_model, _(kinds[i].label));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_model));

  gtk_string_list_append (survey_model, _("Named in a column"));
  /* TRANSLATORS: the kinds of survey answers with their scales, kept short */
  gtk_string_list_append (survey_model, _("CSAT, 1–5"));
  gtk_string_list_append (survey_model, _("NPS, 0–10"));
  gtk_string_list_append (survey_model, _("CES, 1–7"));
  adw_combo_row_set_model (self->survey_kind_row, G_LIST_MODEL (survey_model));

  self->formats = sp_date_format_get_common ();
  for (guint i = 0; self->formats[i] != NULL; i++)
    {
      g_autofree char *described = sp_date_format_describe (self->formats[i]);

      gtk_string_list_append (format_model, described);
    }
  adw_combo_row_set_model (self->date_format_row, G_LIST_MODEL (format_model));

  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->survey_kind_row, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_format_row, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.import", FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
}

/**
 * sp_import_assistant_new:
 * @parent: (nullable): the window the imported records go to, for its toast
 */
SpImportAssistant *
sp_import_assistant_new (SpStore   *store,
                         GtkWindow *parent)
{
  SpImportAssistant *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_IMPORT_ASSISTANT, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_set_weak_pointer (&self->parent, parent);
  return self;
}
