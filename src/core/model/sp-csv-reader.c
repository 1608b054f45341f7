/* sp-csv-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-csv-reader.h"
#include "sp-error.h"

/* Protects against a file that is one enormous field or row */
#define MAX_FIELD_BYTES (1024 * 1024)
#define MAX_FIELDS      1024

struct _SpCsvReader
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       row;
  char        separator;
  GString    *buffer;     /* every field of the row, NUL-separated */
  GArray     *offsets;    /* guint: start of each field in buffer */
  GPtrArray  *fields;     /* const char *, into buffer */
};

static const char separators[] = { ',', ';', '\t' };

/*
 * Counts each separator outside quotes in the record that starts at @pos,
 * and returns where the next record starts.
 */
static gsize
count_separators (const char *data,
                  gsize       length,
                  gsize       pos,
                  guint       counts[G_N_ELEMENTS (separators)])
{
  gboolean in_quotes = FALSE;
  gsize i;

  memset (counts, 0, sizeof (guint) * G_N_ELEMENTS (separators));

  for (i = pos; i < length && data[i] != '\0'; i++)
    {
      char c = data[i];

      if (c == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (c == '\n')
        return i + 1;
      else if (c == '\r')
        return (i + 1 < length && data[i + 1] == '\n') ? i + 2 : i + 1;
      else
        for (guint k = 0; k < G_N_ELEMENTS (separators); k++)
          if (c == separators[k])
            counts[k]++;
    }

  return length;
}

/*
 * Spreadsheets save "CSV" with a comma, a semicolon (where the comma is the
 * decimal separator, as in German Excel) or a tab.  The separator is the one
 * that splits the header into more than one column and gives the second row
 * as many columns; with a tie the comma wins, then the semicolon.
 */
static char
detect_separator (const char *data,
                  gsize       length,
                  gsize       pos)
{
  guint first[G_N_ELEMENTS (separators)];
  guint second[G_N_ELEMENTS (separators)];
  gboolean has_second;
  gsize next;
  int best = -1;
  int best_any = -1;

  next = count_separators (data, length, pos, first);
  has_second = next < length;
  if (has_second)
    count_separators (data, length, next, second);

  for (guint k = 0; k < G_N_ELEMENTS (separators); k++)
    {
      if (first[k] == 0)
        continue;

      if (best_any < 0 || first[k] > first[best_any])
        best_any = k;

      if (has_second && second[k] != first[k])
        continue;

      if (best < 0 || first[k] > first[best])
        best = k;
    }

  if (best >= 0)
    return separators[best];
  if (best_any >= 0)
    return separators[best_any];
  return ',';
}

SpCsvReader *
sp_csv_reader_new (const char *data,
                   gsize       length)
{
  SpCsvReader *self = g_new0 (SpCsvReader, 1);

  self->data = data;
  self->length = length;
  self->buffer = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->fields = g_ptr_array_new ();

  /* UTF-8 byte order mark, as spreadsheet programs write it */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    self->pos = 3;

  self->separator = detect_separator (data, length, self->pos);

  return self;
}

void
sp_csv_reader_free (SpCsvReader *self)
{
  if (self == NULL)
    return;

  g_string_free (self->buffer, TRUE);
  g_array_unref (self->offsets);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

static gboolean
fail (SpCsvReader  *self,
      GError      **error,
      const char   *message)
{
  g_set_error (error, SP_ERROR, SP_ERROR_INVALID, "%u: %s", self->row, message);
  return FALSE;
}

static gboolean
end_field (SpCsvReader  *self,
           guint         start,
           GError      **error)
{
  if (self->offsets->len >= MAX_FIELDS)
    return fail (self, error, _("the row has too many fields"));

  g_array_append_val (self->offsets, start);
  g_string_append_c (self->buffer, '\0');
  return TRUE;
}

/*
 * Reads the next row.  Returns FALSE at the end of the data (with @error
 * unset) or on malformed input (with @error set to "ROW: reason").
 */
gboolean
sp_csv_reader_next (SpCsvReader  *self,
                    GError      **error)
{
  const char *data = self->data;
  gsize n = self->length;
  gsize i = self->pos;
  guint start;

  g_return_val_if_fail (self != NULL, FALSE);

  g_string_truncate (self->buffer, 0);
  g_array_set_size (self->offsets, 0);
  g_ptr_array_set_size (self->fields, 0);

  if (i >= n)
    return FALSE;

  self->row++;
  start = 0;

  for (;;)
    {
      gboolean quoted = FALSE;

      start = self->buffer->len;

      if (i < n && data[i] == '"')
        {
          quoted = TRUE;
          i++;

          for (;;)
            {
              if (i >= n)
                return fail (self, error,
                             _("a quoted field is not closed; a closing quote (\") is missing"));

              if (data[i] == '"')
                {
                  if (i + 1 < n && data[i + 1] == '"')
                    {
                      g_string_append_c (self->buffer, '"');
                      i += 2;
                      continue;
                    }
                  i++;
                  break;
                }

              if (data[i] == '\0')
                return fail (self, error, _("the file contains a NUL byte; it is not a text file"));

              g_string_append_c (self->buffer, data[i]);
              i++;

              if (self->buffer->len - start > MAX_FIELD_BYTES)
                return fail (self, error, _("a field is longer than 1 MB"));
            }
        }
      else
        {
          while (i < n && data[i] != self->separator && data[i] != '\n' && data[i] != '\r')
            {
              if (data[i] == '"')
                return fail (self, error,
                             _("a quote (\") inside a field that does not start with one; "
                               "put the whole field in quotes and double the quote"));
              if (data[i] == '\0')
                return fail (self, error, _("the file contains a NUL byte; it is not a text file"));

              g_string_append_c (self->buffer, data[i]);
              i++;

              if (self->buffer->len - start > MAX_FIELD_BYTES)
                return fail (self, error, _("a field is longer than 1 MB"));
            }
        }

      if (!end_field (self, start, error))
        return FALSE;

      if (!g_utf8_validate (self->buffer->str + start, -1, NULL))
        return fail (self, error, _("the text is not UTF-8; save the file as “CSV UTF-8”"));

      if (i >= n)
        break;

      if (data[i] == self->separator)
        {
          i++;
          continue;
        }

      if (data[i] == '\r')
        {
          i++;
          if (i < n && data[i] == '\n')
            i++;
          break;
        }

      if (data[i] == '\n')
        {
          i++;
          break;
        }

      /* only reachable after a closing quote */
      g_assert (quoted);
      switch (self->separator)
        {
        case ';':
          return fail (self, error,
                       _("text after the closing quote of a field; a semicolon or a line end "
                         "is expected there"));
        case '\t':
          return fail (self, error,
                       _("text after the closing quote of a field; a tab or a line end is "
                         "expected there"));
        default:
          return fail (self, error,
                       _("text after the closing quote of a field; a comma or a line end is "
                         "expected there"));
        }
    }

  self->pos = i;

  for (guint k = 0; k < self->offsets->len; k++)
    g_ptr_array_add (self->fields,
                     self->buffer->str + g_array_index (self->offsets, guint, k));

  return TRUE;
}

/* The field separator read from the first rows: ',', ';' or '\t'. */
char
sp_csv_reader_get_separator (SpCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->separator;
}

guint
sp_csv_reader_get_row (SpCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->row;
}

guint
sp_csv_reader_get_n_fields (SpCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->fields->len;
}

const char *
sp_csv_reader_get_field (SpCsvReader *self,
                         guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (index >= self->fields->len)
    return NULL;

  return g_ptr_array_index (self->fields, index);
}

/* A row with nothing in it: an empty line, or only empty fields. */
gboolean
sp_csv_reader_is_blank (SpCsvReader *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (guint k = 0; k < self->fields->len; k++)
    {
      const char *f = g_ptr_array_index (self->fields, k);

      for (; *f; f++)
        if (!g_ascii_isspace (*f))
          return FALSE;
    }

  return TRUE;
}
