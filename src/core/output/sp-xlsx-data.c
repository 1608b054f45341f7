/* sp-xlsx-data.c
 *
 * The data sheets of the workbook: the records of the period as
 * sp-export-rows.c reads them, one Excel table (with a totals row) and one
 * workbook name each, and the ranges the formulas of the other sheets
 * count over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "sp-xlsx-private.h"

const char *
sp_xlsx_range (SpXlsx        *x,
               SpExportTable  table,
               guint          column)
{
  if (x->ranges[table][column] == NULL)
    {
      char col[4];

      sp_xlsx_column_name (column, col);
      /* the rows under the header; an empty sheet still gives a valid, empty range */
      x->ranges[table][column] =
        g_strdup_printf ("%s!$%s$%d:$%s$%" PRId64,
                         x->quoted_names[sp_xlsx_table_sheets[table].sheet], col,
                         TOP_ROWS + 2, col, TOP_ROWS + MAX (x->rows[table], 1) + 1);
    }

  return x->ranges[table][column];
}

static void
write_cell (SpXlsx               *x,
            lxw_worksheet        *ws,
            lxw_row_t             row,
            lxw_col_t             col,
            const SpExportColumn *column,
            const SpExportCell   *cell)
{
  if (!cell->set)
    return;

  switch (column->kind)
    {
    case SP_EXPORT_COLUMN_INT:
    case SP_EXPORT_COLUMN_FLAG:
      sp_xlsx_check (x, worksheet_write_number (ws, row, col, (double) cell->i, NULL));
      break;
    case SP_EXPORT_COLUMN_NUMBER:
      sp_xlsx_check (x, worksheet_write_number (ws, row, col, cell->d, x->f_decimal));
      break;
    case SP_EXPORT_COLUMN_MONEY:
      sp_xlsx_check (x, worksheet_write_number (ws, row, col, cell->d, x->f_money));
      break;
    case SP_EXPORT_COLUMN_TIME:
      sp_xlsx_check (x, worksheet_write_number (ws, row, col, sp_xlsx_serial_time (cell->i),
                                                x->f_datetime));
      break;
    case SP_EXPORT_COLUMN_DATE:
      sp_xlsx_check (x, worksheet_write_number (ws, row, col,
                                                sp_xlsx_serial_date ((SpDate) cell->i),
                                                x->f_date));
      break;
    case SP_EXPORT_COLUMN_MONTH:
      sp_xlsx_check (x, worksheet_write_number (ws, row, col,
                                                sp_xlsx_serial_date ((SpDate) cell->i),
                                                x->f_month));
      break;
    case SP_EXPORT_COLUMN_LABEL:
    case SP_EXPORT_COLUMN_TEXT:
      sp_xlsx_write_text (x, ws, row, col, cell->text, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

/*
 * The month's contacts as a formula over the Contacts sheet, so that cost
 * per contact recomputes from the rows: received from the month's first
 * day (or the period's) up to the next month's.
 */
static void
write_month_contacts (SpXlsx        *x,
                      lxw_worksheet *ws,
                      lxw_row_t      row,
                      gint64         contacts)
{
  g_autofree char *formula = NULL;
  const char *received = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RECEIVED);
  char month[4];

  sp_xlsx_column_name (SP_MONTH_COL_MONTH, month);
  formula = g_strdup_printf ("COUNTIFS(%s,\">=\"&$%s%u,%s,\"<\"&DATE(YEAR($%s%u),"
                             "MONTH($%s%u)+1,1))",
                             received, month, row + 1, received, month, row + 1, month, row + 1);
  sp_xlsx_check (x, worksheet_write_formula_num (ws, row, SP_MONTH_COL_CONTACTS, formula, NULL,
                                                 (double) contacts));
}

/* What the totals row of a data table shows in a column: a count, a sum
 * or an average, where one means something; 0 for nothing */
static uint8_t
total_function (SpExportTable table,
                guint         column)
{
  switch (table)
    {
    case SP_EXPORT_CONTACTS:
      switch (column)
        {
        case SP_CONTACT_COL_RECEIVED:
          return LXW_TABLE_FUNCTION_COUNT;
        case SP_CONTACT_COL_RESPONSE_MINUTES:
        case SP_CONTACT_COL_RESOLUTION_HOURS:
        case SP_CONTACT_COL_HANDLE:
          return LXW_TABLE_FUNCTION_AVERAGE;
        case SP_CONTACT_COL_TALK:
        case SP_CONTACT_COL_HOLD:
        case SP_CONTACT_COL_WRAP:
        case SP_CONTACT_COL_MARKED_RFC:
        case SP_CONTACT_COL_ESCALATED:
        case SP_CONTACT_COL_COMPLAINT:
        case SP_CONTACT_COL_REPEAT:
        case SP_CONTACT_COL_FCR:
        case SP_CONTACT_COL_WITHIN_SLA:
          return LXW_TABLE_FUNCTION_SUM;
        default:
          return 0;
        }
    case SP_EXPORT_ESCALATIONS:
      return column == SP_ESCALATION_COL_RECEIVED ? LXW_TABLE_FUNCTION_COUNT : 0;
    case SP_EXPORT_SURVEYS:
      return column == SP_SURVEY_COL_ANSWERED ? LXW_TABLE_FUNCTION_COUNT : 0;
    case SP_EXPORT_SHIFTS:
      return column == SP_SHIFT_COL_HOURS ? LXW_TABLE_FUNCTION_SUM : 0;
    case SP_EXPORT_MONTHS:
      return column == SP_MONTH_COL_COST || column == SP_MONTH_COL_LOST ||
             column == SP_MONTH_COL_NEW ? LXW_TABLE_FUNCTION_SUM : 0;
    case SP_N_EXPORT_TABLES:
    default:
      return 0;
    }
}

/* A column's title, with the currency for money */
static char *
data_title (SpXlsx               *x,
            const SpExportColumn *column)
{
  if (column->kind == SP_EXPORT_COLUMN_MONEY && *x->currency != '\0')
    return g_strdup_printf ("%s (%s)", _(column->title), x->currency);
  return g_strdup (_(column->title));
}

/*
 * The rows as an Excel table with a totals row, its values cached as the
 * app computed them.  libxlsxwriter writes tables only outside constant
 * memory; there the rows keep a plain autofilter.
 */
static void
add_data_table (SpXlsx               *x,
                SpExportTable         table,
                const SpExportColumn *columns,
                guint                 n_columns,
                char                **titles,
                const double         *sums,
                const gint64         *counts)
{
  SpXlsxSheet sheet = sp_xlsx_table_sheets[table].sheet;
  lxw_worksheet *ws = x->sheets[sheet];
  lxw_row_t last = TOP_ROWS + x->rows[table];
  lxw_table_column specs[SP_EXPORT_MAX_COLS] = { { NULL } };
  lxw_table_column *list[SP_EXPORT_MAX_COLS + 1] = { NULL };
  g_autofree char *name = g_strdup_printf ("%s_table", sp_xlsx_table_sheets[table].range_name);
  lxw_table_options options = { 0 };
  gboolean totals = x->rows[table] > 0;

  if (x->constant_memory)
    {
      sp_xlsx_check (x, worksheet_autofilter (ws, TOP_ROWS, 0, last, n_columns - 1));
      return;
    }

  for (guint c = 0; c < n_columns; c++)
    {
      uint8_t function = totals ? total_function (table, c) : 0;

      specs[c].header = titles[c];
      specs[c].header_format = x->f_header;
      if (c == 0 && totals && function == 0)
        specs[c].total_string = (char *) _("Total");
      specs[c].total_function = function;
      if (function == LXW_TABLE_FUNCTION_COUNT)
        specs[c].total_value = (double) counts[c];
      else if (function == LXW_TABLE_FUNCTION_SUM)
        specs[c].total_value = sums[c];
      else if (function == LXW_TABLE_FUNCTION_AVERAGE && counts[c] > 0)
        specs[c].total_value = sums[c] / (double) counts[c];
      if (columns[c].kind == SP_EXPORT_COLUMN_MONEY)
        specs[c].format = x->f_money;
      list[c] = &specs[c];
    }

  options.name = name;
  options.columns = list;
  options.total_row = totals;
  options.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
  options.style_type_number = 9;

  /* an empty table still needs one row under its header */
  sp_xlsx_check (x, worksheet_add_table (ws, TOP_ROWS, 0,
                                         MAX (last, TOP_ROWS + 1) + (totals ? 1 : 0),
                                         n_columns - 1, &options));
}

gboolean
sp_xlsx_write_table (SpXlsx         *x,
                     SpExportTable   table,
                     GError        **error)
{
  SpXlsxSheet sheet = sp_xlsx_table_sheets[table].sheet;
  lxw_worksheet *ws = x->sheets[sheet];
  g_autoptr(SpExportRows) rows = NULL;
  g_autofree char *name_range = NULL;
  const SpExportColumn *columns;
  SpExportCell *cells;
  char *titles[SP_EXPORT_MAX_COLS] = { NULL };
  double widths[SP_EXPORT_MAX_COLS];
  double sums[SP_EXPORT_MAX_COLS] = { 0 };
  gint64 counts[SP_EXPORT_MAX_COLS] = { 0 };
  gboolean totals = !x->constant_memory;
  guint n_columns;
  lxw_row_t row = TOP_ROWS;
  char last_col[4];
  SpStep step;

  columns = sp_export_table_get_columns (table, &n_columns);

  for (guint c = 0; c < n_columns; c++)
    {
      titles[c] = data_title (x, &columns[c]);
      widths[c] = columns[c].width;
      sp_xlsx_check (x, worksheet_set_column (ws, c, c, columns[c].width, NULL));
    }
  /* the shop and the period on top, as on every sheet: a sheet copied or
   * printed on its own still says what it holds */
  sp_xlsx_write_sheet_top (x, ws);
  sp_xlsx_write_header (x, ws, TOP_ROWS, (const char **) titles, n_columns);
  sp_xlsx_fit_header (x, ws, TOP_ROWS, (const char * const *) titles, widths, n_columns);

  rows = sp_export_rows_new (x->store, table, &x->period, &x->context, error);
  if (rows == NULL)
    goto out;

  while ((step = sp_export_rows_next (rows, &cells, error)) == SP_STEP_ROW)
    {
      row++;
      for (guint c = 0; c < n_columns; c++)
        {
          if (totals && cells[c].set)
            {
              counts[c]++;
              sums[c] += columns[c].kind == SP_EXPORT_COLUMN_NUMBER ||
                         columns[c].kind == SP_EXPORT_COLUMN_MONEY ? cells[c].d
                                                                   : (double) cells[c].i;
            }
          if (table == SP_EXPORT_MONTHS && c == SP_MONTH_COL_CONTACTS)
            continue;
          write_cell (x, ws, row, c, &columns[c], &cells[c]);
        }

      if (table == SP_EXPORT_MONTHS)
        {
          /* the formula needs the Contacts sheet's size: it is written first */
          write_month_contacts (x, ws, row, cells[SP_MONTH_COL_CONTACTS].i);
        }

      if (!sp_xlsx_advance (x, error))
        goto out;
    }
  if (step == SP_STEP_ERROR)
    goto out;

  x->rows[table] = row - TOP_ROWS;

  worksheet_freeze_panes (ws, TOP_ROWS + 1, 0);
  add_data_table (x, table, columns, n_columns, titles, sums, counts);

  sp_xlsx_column_name (n_columns - 1, last_col);
  name_range = g_strdup_printf ("=%s!$A$%d:$%s$%u", x->quoted_names[sheet], TOP_ROWS + 1,
                                last_col, row + 1);
  sp_xlsx_check (x, workbook_define_name (x->workbook, sp_xlsx_table_sheets[table].range_name,
                                          name_range));

  for (guint c = 0; c < n_columns; c++)
    g_free (titles[c]);
  return TRUE;

out:
  for (guint c = 0; c < n_columns; c++)
    g_free (titles[c]);
  return FALSE;
}
