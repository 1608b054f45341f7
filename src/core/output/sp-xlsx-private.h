/* sp-xlsx-private.h
 *
 * What the parts of the workbook writer share: the state of one export,
 * the sheets, the cell and format primitives (sp-xlsx-cells.c) and the
 * writers of each group of sheets.
 *
 *   sp-xlsx-export.c       the workbook: figures, sheets, properties, closing
 *   sp-xlsx-cells.c        formats, number formats, cells, row heights, print
 *   sp-xlsx-data.c         the data sheets: the records as Excel tables
 *   sp-xlsx-analysis.c     Monthly trend, Agents, Goals, Costs
 *   sp-xlsx-summary.c      the Summary
 *   sp-xlsx-definitions.c  what every figure means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <locale.h>

#include <xlsxwriter.h>

#include "sp-export-rows.h"
#include "sp-kpi-engine.h"
#include "sp-shop.h"
#include "sp-xlsx-export.h"

G_BEGIN_DECLS

/* Excel's serial date of 1970-01-01 */
#define EXCEL_EPOCH 25569.0
/* Excel's limits */
#define MAX_ROWS 1048576
#define MAX_STRING_CHARS 32767

#define PROGRESS_ROWS 2048

/* The months the trend shows, up to the period's end */
#define TREND_MONTHS 12

/* Calibri 11 as LibreOffice and Excel lay it out: points per line, and how
 * many characters of text fill a column per unit of its width (a unit is
 * the width of a '0', a little wider than the average letter: one
 * character per unit leaves the room a wider word needs) */
#define LINE_POINTS 15.0
#define CHARS_PER_WIDTH 1.0

/*
 * The first rows of every sheet but the Summary (which has a heading of its
 * own): the shop and the period, so that a sheet printed or copied on its
 * own says what it is.  Their header row is TOP_ROWS below; the data
 * sheets' tables, names and ranges start there.
 */
#define TOP_ROWS 2

/* The Summary's header row, under its heading, period and note */
#define SUMMARY_HEADER_ROW 4

typedef enum
{
  SHEET_SUMMARY,
  SHEET_TREND,
  SHEET_AGENTS,
  SHEET_GOALS,
  SHEET_COSTS,
  SHEET_CONTACTS,
  SHEET_ESCALATIONS,
  SHEET_SURVEYS,
  SHEET_SHIFTS,
  SHEET_MONTHS,
  SHEET_DEFINITIONS,
  N_SHEETS
} SpXlsxSheet;

/* The sheet of each raw table, and the workbook name of its range */
typedef struct
{
  SpXlsxSheet  sheet;
  const char  *range_name;
} SpXlsxTableSheet;

extern const SpXlsxTableSheet sp_xlsx_table_sheets[SP_N_EXPORT_TABLES];

/* The KPIs in the order of the Summary, the trend and the scorecard */
#define SP_XLSX_N_KPIS 14
extern const SpKpi sp_xlsx_kpi_order[SP_XLSX_N_KPIS];

/* What n counts, per KPI */
extern const char * const sp_xlsx_kpi_n_label[SP_N_KPIS];

typedef struct
{
  SpStore              *store;
  SpKpiEngine          *engine;
  SpBenchmarks         *benchmarks;
  SpPeriod              period;
  SpPeriod              previous_period;
  SpExportContext       context;
  char                 *shop_name;
  char                 *period_text;   /* "October 2026", "1 – 7 December 2026, so far" */
  char                 *currency;      /* the shop's symbol or the locale's; "" for none */
  SpVat                 vat;
  SpPaper               paper;

  SpKpiSet             *current;
  SpKpiSet             *previous;
  GPtrArray            *trend;       /* SpKpiSet per month of the TREND_MONTHS before the end */
  GPtrArray            *agents;      /* SpKpiSet per agent */
  SpKpiSet             *last_month;  /* for churn and cost: the period holds no whole month */

  lxw_workbook         *workbook;
  lxw_worksheet        *sheets[N_SHEETS];
  char                 *sheet_names[N_SHEETS];
  char                 *quoted_names[N_SHEETS];   /* for formulas: 'Survey answers' */
  gboolean              constant_memory;
  lxw_error             lxw_status;                /* the first failure */

  gint64                rows[SP_N_EXPORT_TABLES];  /* written */
  gint64                counted[SP_N_EXPORT_TABLES];
  gint64                total_rows;
  gint64                done_rows;
  char                 *ranges[SP_N_EXPORT_TABLES][SP_EXPORT_MAX_COLS];

  GHashTable           *number_formats;   /* "0" "0.00" → lxw_format, "1" for bold */
  lxw_format           *f_title;
  lxw_format           *f_subtitle;
  lxw_format           *f_header;
  lxw_format           *f_section;
  lxw_format           *f_wrap;
  lxw_format           *f_note;
  lxw_format           *f_team;
  lxw_format           *f_highlight;
  lxw_format           *f_datetime;
  lxw_format           *f_date;
  lxw_format           *f_month;
  lxw_format           *f_decimal;
  lxw_format           *f_money;
  lxw_format           *f_unit[SP_UNIT_CURRENCY + 1];
  lxw_format           *f_bold_unit[SP_UNIT_CURRENCY + 1];

  locale_t              user_locale;   /* for text people read */
  locale_t              c_locale;      /* LC_NUMERIC "C", for the file */

  SpExportProgressFunc  progress;
  gpointer              progress_data;
  double                reported;
  GCancellable         *cancellable;
} SpXlsx;

/* sp-xlsx-cells.c */
gboolean    sp_xlsx_check             (SpXlsx         *x,
                                       lxw_error       status);
char       *sp_xlsx_printf            (SpXlsx         *x,
                                       const char     *format,
                                       ...) G_GNUC_PRINTF (2, 3);
char       *sp_xlsx_in_user_locale    (SpXlsx         *x,
                                       char         *(*format) (gconstpointer),
                                       gconstpointer   data);
void        sp_xlsx_column_name       (guint           column,
                                       char            buf[4]);
double      sp_xlsx_serial_time       (SpTime          time);
double      sp_xlsx_serial_date       (SpDate          date);
void        sp_xlsx_write_text        (SpXlsx         *x,
                                       lxw_worksheet  *ws,
                                       lxw_row_t       row,
                                       lxw_col_t       col,
                                       const char     *text,
                                       lxw_format     *format);
void        sp_xlsx_write_number      (SpXlsx         *x,
                                       lxw_worksheet  *ws,
                                       lxw_row_t       row,
                                       lxw_col_t       col,
                                       double          value,
                                       lxw_format     *format);
void        sp_xlsx_write_formula     (SpXlsx         *x,
                                       lxw_worksheet  *ws,
                                       lxw_row_t       row,
                                       lxw_col_t       col,
                                       const char     *formula,
                                       double          value,
                                       lxw_format     *format);
void        sp_xlsx_write_header      (SpXlsx         *x,
                                       lxw_worksheet  *ws,
                                       lxw_row_t       row,
                                       const char    **titles,
                                       guint           n_titles);
guint       sp_xlsx_text_lines        (const char     *text,
                                       double          width);
void        sp_xlsx_fit_row           (SpXlsx         *x,
                                       lxw_worksheet  *ws,
                                       lxw_row_t       row,
                                       guint           lines,
                                       lxw_format     *format);
void        sp_xlsx_fit_header        (SpXlsx             *x,
                                       lxw_worksheet      *ws,
                                       lxw_row_t           row,
                                       const char * const *titles,
                                       const double       *widths,
                                       guint               n_titles);
void        sp_xlsx_set_print         (SpXlsx         *x,
                                       SpXlsxSheet     sheet,
                                       gboolean        landscape,
                                       int             repeat_row);
void        sp_xlsx_write_sheet_top   (SpXlsx         *x,
                                       lxw_worksheet  *ws);
lxw_format *sp_xlsx_unit_format       (SpXlsx         *x,
                                       SpKpi           kpi,
                                       gboolean        bold);
const char *sp_xlsx_unit_label        (SpXlsx         *x,
                                       SpKpi           kpi);
char       *sp_xlsx_column_title      (SpXlsx         *x,
                                       SpKpi           kpi);
void        sp_xlsx_add_formats       (SpXlsx         *x);

/* sp-xlsx-export.c */
gboolean    sp_xlsx_advance           (SpXlsx         *x,
                                       GError        **error);

/* sp-xlsx-data.c */
const char *sp_xlsx_range             (SpXlsx         *x,
                                       SpExportTable   table,
                                       guint           column);
gboolean    sp_xlsx_write_table       (SpXlsx         *x,
                                       SpExportTable   table,
                                       GError        **error);

/* sp-xlsx-analysis.c */
SpPeriod    sp_xlsx_trend_window      (const SpPeriod *period);
void        sp_xlsx_write_trend       (SpXlsx         *x);
void        sp_xlsx_write_agents      (SpXlsx         *x);
void        sp_xlsx_write_goals       (SpXlsx         *x);
void        sp_xlsx_write_costs       (SpXlsx         *x);

/* sp-xlsx-definitions.c */
char       *sp_xlsx_benchmark_text    (SpXlsx         *x,
                                       SpKpi           kpi);
void        sp_xlsx_write_definitions (SpXlsx         *x);

/* sp-xlsx-summary.c */
void        sp_xlsx_write_summary     (SpXlsx         *x);

G_END_DECLS
