/* sp-csv-export.c
 *
 * The raw sheets of the workbook as CSV files, for people who work in
 * other programs: UTF-8 with a byte order mark (so that Excel reads the
 * accents right), comma separated, RFC 4180 quoting, CRLF line ends, a
 * header row of the keys the import uses where it knows the column.
 * Numbers are written the same in every locale (a dot for decimals),
 * times as YYYY-MM-DD HH:MM[:SS], flags as 1 or 0.
 *
 * Typed text that starts with =, +, -, @, a tab or a carriage return gets
 * an apostrophe in front, as spreadsheet programs expect, so that opening
 * the file never runs a formula someone typed into a note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-csv-export.h"
#include "sp-error.h"
#include "sp-export-file.h"
#include "sp-export-rows.h"

#define UTF8_BOM "\xEF\xBB\xBF"
#define CANCEL_CHECK_ROWS 4096

static gboolean
needs_neutralizing (const char *text)
{
  return text != NULL && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

char *
sp_csv_neutralize (const char *text)
{
  if (text == NULL)
    return NULL;
  if (needs_neutralizing (text))
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

static void
append_field (GString    *row,
              const char *text,
              gboolean    neutralize)
{
  const char *prefix = neutralize && needs_neutralizing (text) ? "'" : "";

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (row, prefix);
      g_string_append (row, text);
      return;
    }

  g_string_append_c (row, '"');
  g_string_append (row, prefix);
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (row, '"');
      g_string_append_c (row, *p);
    }
  g_string_append_c (row, '"');
}

static void
append_time (GString *row,
             SpTime   time)
{
  SpDate date = sp_time_to_date (time);
  SpTime rest = time - sp_date_to_time (date);
  int y, m, d;

  sp_date_to_ymd (date, &y, &m, &d);
  g_string_append_printf (row, "%04d-%02d-%02d %02d:%02d", y, m, d,
                          (int) (rest / 3600), (int) (rest / 60 % 60));
  if (rest % 60 != 0)
    g_string_append_printf (row, ":%02d", (int) (rest % 60));
}

static void
append_cell (GString              *row,
             const SpExportColumn *column,
             const SpExportCell   *cell)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  int y, m, d;

  if (!cell->set)
    return;

  switch (column->kind)
    {
    case SP_EXPORT_COLUMN_INT:
    case SP_EXPORT_COLUMN_FLAG:
      g_string_append_printf (row, "%" PRId64, cell->i);
      break;
    case SP_EXPORT_COLUMN_NUMBER:
    case SP_EXPORT_COLUMN_MONEY:
      /* 15 digits give back what people typed, not the binary's tail */
      g_string_append (row, g_ascii_formatd (buf, sizeof buf, "%.15g", cell->d));
      break;
    case SP_EXPORT_COLUMN_TIME:
      append_time (row, cell->i);
      break;
    case SP_EXPORT_COLUMN_DATE:
      sp_date_to_ymd ((SpDate) cell->i, &y, &m, &d);
      g_string_append_printf (row, "%04d-%02d-%02d", y, m, d);
      break;
    case SP_EXPORT_COLUMN_MONTH:
      sp_date_to_ymd ((SpDate) cell->i, &y, &m, NULL);
      g_string_append_printf (row, "%04d-%02d", y, m);
      break;
    case SP_EXPORT_COLUMN_LABEL:
      append_field (row, cell->key, FALSE);
      break;
    case SP_EXPORT_COLUMN_TEXT:
      append_field (row, cell->text, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
write_row (FILE        *stream,
           GString     *row,
           const char  *name,
           GError     **error)
{
  g_string_append (row, "\r\n");
  if (fwrite (row->str, 1, row->len, stream) != row->len)
    {
      sp_export_set_file_error (error, errno, name);
      return FALSE;
    }
  g_string_truncate (row, 0);
  return TRUE;
}

/* @name: the file, for messages */
static gboolean
write_table (SpStore          *store,
             const SpPeriod   *period,
             SpExportTable     table,
             FILE             *stream,
             const char       *name,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (store);
  g_autoptr(SpExportRows) rows = NULL;
  g_autoptr(GString) row = g_string_sized_new (512);
  const SpExportColumn *columns;
  SpExportContext context;
  SpExportCell *cells;
  guint n_columns;
  gint64 n = 0;
  SpStep step;

  columns = sp_export_table_get_columns (table, &n_columns);
  sp_export_context_init (&context, benchmarks, sp_time_now ());

  rows = sp_export_rows_new (store, table, period, &context, error);
  if (rows == NULL)
    return FALSE;

  g_string_append (row, UTF8_BOM);
  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (row, ',');
      g_string_append (row, columns[c].key);
    }
  errno = 0;
  if (!write_row (stream, row, name, error))
    return FALSE;

  while ((step = sp_export_rows_next (rows, &cells, error)) == SP_STEP_ROW)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (row, ',');
          append_cell (row, &columns[c], &cells[c]);
        }
      if (!write_row (stream, row, name, error))
        return FALSE;

      if (++n % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  return step == SP_STEP_DONE && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Every table read in one snapshot of the database, even when it is being written to */
static gboolean
begin_read (SpStore  *store,
            gboolean *own,
            GError  **error)
{
  return sp_export_snapshot_begin (store, own, error);
}

static void
end_read (SpStore  *store,
          gboolean  own)
{
  sp_export_snapshot_end (store, own);
}

/**
 * sp_csv_export_to_stream:
 *
 * Writes the rows of @table in @period to @stream (standard output, say).
 */
gboolean
sp_csv_export_to_stream (SpStore          *store,
                         const SpPeriod   *period,
                         SpExportTable     table,
                         FILE             *stream,
                         GCancellable     *cancellable,
                         GError          **error)
{
  gboolean own, ok;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (table < SP_N_EXPORT_TABLES, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  if (!begin_read (store, &own, error))
    return FALSE;

  ok = write_table (store, period, table, stream, sp_export_table_to_key (table), cancellable,
                    error);
  if (ok && fflush (stream) != 0)
    {
      sp_export_set_file_error (error, errno, sp_export_table_to_key (table));
      ok = FALSE;
    }

  end_read (store, own);
  return ok;
}

/**
 * sp_csv_export_table:
 * @path: the file to write; replaced only once it is complete
 */
gboolean
sp_csv_export_table (SpStore          *store,
                     const SpPeriod   *period,
                     SpExportTable     table,
                     const char       *path,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autoptr(SpExportFile) file = NULL;
  gboolean own, ok;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (table < SP_N_EXPORT_TABLES, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(file = sp_export_file_new (path, error)))
    return FALSE;

  if (!begin_read (store, &own, error))
    return FALSE;

  ok = write_table (store, period, table, sp_export_file_get_stream (file), path, cancellable,
                    error);
  end_read (store, own);

  return ok && sp_export_file_commit (file, error);
}

/**
 * sp_csv_export_all:
 * @folder: where to write contacts.csv, surveys.csv, shifts.csv and
 *   months.csv; created when missing
 *
 * Each file imports back as it is (`import contacts contacts.csv` …): the
 * contacts carry their escalations' details, so the Escalations sheet
 * (`--sheet escalations`) is not written here, as the importer has no kind
 * for it.  Every file is written under a temporary name first and they are
 * renamed only when all are complete.
 */
gboolean
sp_csv_export_all (SpStore          *store,
                   const SpPeriod   *period,
                   const char       *folder,
                   GCancellable     *cancellable,
                   GError          **error)
{
  SpExportFile *files[SP_N_EXPORT_TABLES] = { NULL };
  gboolean own = FALSE, reading = FALSE, ok = TRUE;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  if (g_mkdir_with_parents (folder, 0777) != 0)
    {
      g_autofree char *probe = g_build_filename (folder, "contacts.csv", NULL);

      sp_export_set_file_error (error, errno, probe);
      return FALSE;
    }

  for (guint t = 0; ok && t < SP_N_EXPORT_TABLES; t++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      if (t == SP_EXPORT_ESCALATIONS)
        continue;
      name = g_strconcat (sp_export_table_to_key (t), ".csv", NULL);
      path = g_build_filename (folder, name, NULL);
      files[t] = sp_export_file_new (path, error);
      ok = files[t] != NULL;
    }

  if (ok)
    ok = reading = begin_read (store, &own, error);

  for (guint t = 0; ok && t < SP_N_EXPORT_TABLES; t++)
    if (files[t] != NULL)
      ok = write_table (store, period, t, sp_export_file_get_stream (files[t]),
                        sp_export_file_get_path (files[t]), cancellable, error);

  if (reading)
    end_read (store, own);

  /* all on the disk before any replaces an earlier file */
  for (guint t = 0; ok && t < SP_N_EXPORT_TABLES; t++)
    if (files[t] != NULL)
      ok = sp_export_file_finish (files[t], error);
  for (guint t = 0; ok && t < SP_N_EXPORT_TABLES; t++)
    if (files[t] != NULL)
      ok = sp_export_file_commit (files[t], error);

  for (guint t = 0; t < SP_N_EXPORT_TABLES; t++)
    sp_export_file_free (files[t]);

  return ok;
}
