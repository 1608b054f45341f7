/* sp-xlsx-export.c
 *
 * The workbook for the accountant (issue 8), written with libxlsxwriter:
 *
 *   Summary        every KPI of the period with n, the previous period, the
 *                  change, the benchmark and the status.  Where a KPI can be
 *                  recomputed from the data sheets, its cell holds that
 *                  formula, with the app's value as the cached result: it
 *                  shows as is and recalculates to the same number.
 *   Monthly trend  the twelve months up to the period's end, the period's
 *                  highlighted, line charts of the Core Four
 *   Agents         the scorecard per agent, and the whole team
 *   Goals          each goal and how far it got
 *   Costs          cost per contact and per resolution by whole month
 *   Contacts, Escalations, Survey answers, Shifts, Month figures
 *                  the raw records (sp-export-rows.c), one named range and
 *                  one Excel table (with a totals row) each
 *   Definitions    what every figure means, its benchmark and source
 *
 * Every sheet prints one page wide with its header row repeated, the shop
 * and the period on top of each page; money carries the shop's currency.
 *
 * Text people typed is always written as a string, never as a formula.
 * Numbers are written in the C locale whatever the user's (libxlsxwriter
 * formats doubles with printf), and the file is written under a temporary
 * name and renamed when complete.  Large exports are written row by row in
 * constant memory; libxlsxwriter then stores no cached values for the
 * charts, which Excel and LibreOffice compute on opening.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "sp-error.h"
#include "sp-export-file.h"
#include "sp-export-rows.h"
#include "sp-goal-tracker.h"
#include "sp-kpi-engine.h"
#include "sp-xlsx-check.h"
#include "sp-worker.h"
#include "sp-report.h"
#include "sp-shop.h"
#include "sp-xlsx-export.h"

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
} Sheet;

/* The sheet of each raw table, and the workbook name of its range */
static const struct
{
  Sheet       sheet;
  const char *range_name;
} table_sheets[SP_N_EXPORT_TABLES] = {
  [SP_EXPORT_CONTACTS] = { SHEET_CONTACTS, "Contacts_data" },
  [SP_EXPORT_ESCALATIONS] = { SHEET_ESCALATIONS, "Escalations_data" },
  [SP_EXPORT_SURVEYS] = { SHEET_SURVEYS, "Survey_answers_data" },
  [SP_EXPORT_SHIFTS] = { SHEET_SHIFTS, "Shifts_data" },
  [SP_EXPORT_MONTHS] = { SHEET_MONTHS, "Month_figures_data" },
};

/* The KPIs in the order of the Summary, the trend and the scorecard */
static const SpKpi kpi_order[] = {
  SP_KPI_CSAT, SP_KPI_FCR, SP_KPI_FIRST_RESPONSE, SP_KPI_ESCALATION_RATE, SP_KPI_NPS,
  SP_KPI_CES, SP_KPI_REPEAT_RATE, SP_KPI_AHT, SP_KPI_UTILIZATION, SP_KPI_SLA_COMPLIANCE,
  SP_KPI_RESOLUTION_TIME, SP_KPI_BACKLOG, SP_KPI_CHURN, SP_KPI_COST_PER_CONTACT,
};

/* What each KPI counts, for the Definitions sheet; the README's "KPIs" says the same */
static const char * const kpi_scope[SP_N_KPIS] = {
  [SP_KPI_CSAT] =
    N_("CSAT answers given in the period; 4 and 5 on the 1–5 scale count as satisfied."),
  [SP_KPI_FCR] =
    N_("First contacts (contacts that are not repeats) received in the period. One is "
       "resolved on first contact when it is marked so, was not escalated, and no contact of "
       "the same customer about the same topic follows within 7 × 24 hours, even after the "
       "period (Contacts: “First contact resolved (FCR)”)."),
  [SP_KPI_FIRST_RESPONSE] =
    N_("Contacts received in the period that have a first response; each channel is judged "
       "against its own target and the overall status is the worst channel's."),
  [SP_KPI_ESCALATION_RATE] =
    N_("Contacts received in the period that were escalated to a supervisor or specialist."),
  [SP_KPI_NPS] =
    N_("NPS answers given in the period: promoters answer 9–10, passives 7–8, detractors "
       "0–6."),
  [SP_KPI_CES] =
    N_("CES answers given in the period, 1–7; higher is easier."),
  [SP_KPI_REPEAT_RATE] =
    N_("Contacts of a named customer who had an earlier contact about the same topic (no "
       "topic counts as a topic of its own) at most 7 × 24 hours before, also when that one "
       "was before the period; of two contacts in the same minute the one entered first is "
       "earlier. Anonymous contacts are never repeats."),
  [SP_KPI_AHT] =
    N_("Contacts received in the period with talk, hold or wrap-up minutes recorded; a "
       "missing part counts 0. For planning capacity, never a measure of quality."),
  [SP_KPI_UTILIZATION] =
    N_("Talk, hold and wrap-up minutes of the period's contacts ÷ the available hours of the "
       "period's shifts × 60. No shifts: no value."),
  [SP_KPI_SLA_COMPLIANCE] =
    N_("Answered contacts, within their priority's target or late, plus unanswered contacts "
       "whose target had passed when the workbook was made; an unanswered contact still "
       "within its target counts nowhere yet (Contacts: “Within SLA target”, 1 or 0)."),
  [SP_KPI_RESOLUTION_TIME] =
    N_("Contacts received in the period that have a resolution time."),
  [SP_KPI_BACKLOG] =
    N_("Contacts received by the end of the period (or by the moment the workbook was made, "
       "if earlier) and not resolved at that moment, also those received before the period; "
       "and of them, those received more than 48 hours before it. Computed by the app, not "
       "from the Contacts sheet."),
  [SP_KPI_CHURN] =
    N_("The months wholly inside the period that have month figures: customers lost in them "
       "÷ customers at the start of the first of them. Judged per month: a period of several "
       "months by its churn ÷ the number of months."),
  [SP_KPI_COST_PER_CONTACT] =
    N_("The operating cost of the months wholly inside the period that have month figures ÷ "
       "the contacts received in those months."),
  [SP_KPI_CONTACTS] =
    N_("Contacts received in the period: whole local days, both inclusive."),
};

/* What n counts, per KPI */
static const char * const kpi_n_label[SP_N_KPIS] = {
  [SP_KPI_CSAT] = N_("CSAT answers"),
  [SP_KPI_FCR] = N_("first contacts"),
  [SP_KPI_FIRST_RESPONSE] = N_("answered contacts"),
  [SP_KPI_ESCALATION_RATE] = N_("contacts"),
  [SP_KPI_NPS] = N_("NPS answers"),
  [SP_KPI_CES] = N_("CES answers"),
  [SP_KPI_REPEAT_RATE] = N_("contacts"),
  [SP_KPI_AHT] = N_("contacts with handle time"),
  [SP_KPI_UTILIZATION] = N_("available minutes"),
  [SP_KPI_SLA_COMPLIANCE] = N_("answered + unanswered past target"),
  [SP_KPI_RESOLUTION_TIME] = N_("resolved contacts"),
  [SP_KPI_BACKLOG] = N_("open contacts"),
  [SP_KPI_CHURN] = N_("customers at the start"),
  [SP_KPI_COST_PER_CONTACT] = N_("contacts in those months"),
  [SP_KPI_CONTACTS] = N_("contacts"),
};

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
} Export;

/* Errors */

static void
set_workbook_error (GError     **error,
                    lxw_error    status,
                    int          saved_errno,
                    const char  *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  switch (status)
    {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      g_set_error (error, SP_ERROR, SP_ERROR_FAILED,
                   _("There was not enough memory to write “%s”. Close other programs or export "
                     "a shorter period."), name);
      break;
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
      /* errno after the library's calls is only a hint: trust the ones that say why */
      if (saved_errno == ENOSPC || saved_errno == EFBIG || saved_errno == EACCES ||
          saved_errno == EPERM || saved_errno == EROFS || saved_errno == ENOENT
#ifdef EDQUOT
          || saved_errno == EDQUOT
#endif
         )
        sp_export_set_file_error (error, saved_errno, path);
      else
        {
          g_debug ("libxlsxwriter: %s (errno %d)", lxw_strerror (status), saved_errno);
          g_set_error (error, SP_ERROR, SP_ERROR_IO,
                       _("“%s” could not be written completely; the disk may be full. Free "
                         "some space or choose another place."), name);
        }
      break;
    default:
      g_set_error (error, SP_ERROR, SP_ERROR_FAILED, _("“%s” could not be written: %s."),
                   name, lxw_strerror (status));
      break;
    }
}

/* Keeps the first failure of a libxlsxwriter call; TRUE while there is none */
static gboolean
check (Export    *x,
       lxw_error  status)
{
  if (G_UNLIKELY (status != LXW_NO_ERROR) && x->lxw_status == LXW_NO_ERROR)
    x->lxw_status = status;
  return x->lxw_status == LXW_NO_ERROR;
}

/* Text for people, formatted in their own locale while the file's numbers use C */

static char *
format_printf (Export     *x,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static char *
format_printf (Export     *x,
               const char *format,
               ...)
{
  va_list args;
  char *text;

  uselocale (x->user_locale);
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  uselocale (x->c_locale);
  return text;
}

/* Cells */

static void
column_name (guint  column,
             char   buf[4])
{
  if (column < 26)
    {
      buf[0] = 'A' + column;
      buf[1] = '\0';
    }
  else if (column < 26 + 26 * 26)
    {
      buf[0] = 'A' + (column / 26) - 1;
      buf[1] = 'A' + column % 26;
      buf[2] = '\0';
    }
  else
    {
      g_assert_not_reached ();
    }
}

static double
serial_time (SpTime time)
{
  return (double) time / 86400.0 + EXCEL_EPOCH;
}

static double
serial_date (SpDate date)
{
  return (double) date + EXCEL_EPOCH;
}

/* Typed text: always a string, whatever it starts with; cut at Excel's limit */
static void
write_text (Export         *x,
            lxw_worksheet  *ws,
            lxw_row_t       row,
            lxw_col_t       col,
            const char     *text,
            lxw_format     *format)
{
  if (text == NULL)
    return;

  if (G_UNLIKELY (strlen (text) > MAX_STRING_CHARS) &&
      g_utf8_strlen (text, -1) > MAX_STRING_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, MAX_STRING_CHARS);

      check (x, worksheet_write_string (ws, row, col, cut, format));
      return;
    }

  check (x, worksheet_write_string (ws, row, col, text, format));
}

/* A number, or nothing when there is none */
static void
write_number (Export        *x,
              lxw_worksheet *ws,
              lxw_row_t      row,
              lxw_col_t      col,
              double         value,
              lxw_format    *format)
{
  if (!isnan (value))
    check (x, worksheet_write_number (ws, row, col, value, format));
}

/* A formula with the app's value as its cached result ("" for no value) */
static void
write_formula (Export        *x,
               lxw_worksheet *ws,
               lxw_row_t      row,
               lxw_col_t      col,
               const char    *formula,
               double         value,
               lxw_format    *format)
{
  if (isnan (value))
    check (x, worksheet_write_formula_str (ws, row, col, formula, format, ""));
  else
    check (x, worksheet_write_formula_num (ws, row, col, formula, format, value));
}

static void
write_header (Export         *x,
              lxw_worksheet  *ws,
              lxw_row_t       row,
              const char    **titles,
              guint           n_titles)
{
  for (guint c = 0; c < n_titles; c++)
    write_text (x, ws, row, c, titles[c], x->f_header);
}

/*
 * libxlsxwriter does not fit rows to their text, and LibreOffice keeps the
 * height a file gives: the lines wrapped text takes in a column @width
 * characters wide, word by word, so that a row can be made tall enough.
 */
static guint
text_lines (const char *text,
            double      width)
{
  double fits = MAX (1.0, floor (width * CHARS_PER_WIDTH) - 1);
  guint lines = 0;
  g_auto(GStrv) paragraphs = NULL;

  if (text == NULL || *text == '\0')
    return 1;

  paragraphs = g_strsplit (text, "\n", -1);
  for (guint p = 0; paragraphs[p] != NULL; p++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[p], " ", -1);
      double line = 0;

      lines++;
      for (guint w = 0; words[w] != NULL; w++)
        {
          double length = (double) g_utf8_strlen (words[w], -1);

          if (line > 0 && line + 1 + length > fits)
            {
              lines++;
              line = 0;
            }
          line += (line > 0 ? 1 : 0) + length;
          /* a word longer than the column wraps inside itself */
          while (line > fits)
            {
              lines++;
              line -= fits;
            }
        }
    }

  return lines;
}

/* Makes @row as tall as the most lines one of its cells needs */
static void
fit_row (Export        *x,
         lxw_worksheet *ws,
         lxw_row_t      row,
         guint          lines,
         lxw_format    *format)
{
  if (lines > 1)
    check (x, worksheet_set_row (ws, row, lines * LINE_POINTS + 2, format));
}

/* The header row of a table: tall enough for each column's title, never cut */
static void
fit_header (Export             *x,
            lxw_worksheet      *ws,
            lxw_row_t           row,
            const char * const *titles,
            const double       *widths,
            guint               n_titles)
{
  guint lines = 1;

  for (guint c = 0; c < n_titles; c++)
    lines = MAX (lines, text_lines (titles[c], widths[c]));
  check (x, worksheet_set_row (ws, row, MAX (2, lines) * LINE_POINTS + 2, NULL));
}

/* The header and footer text of a page: & is their escape character */
static char *
page_text (const char *text)
{
  g_autoptr(GString) str = g_string_new (text);

  g_string_replace (str, "&", "&&", 0);
  return g_string_free (g_steal_pointer (&str), FALSE);
}

/*
 * Every sheet prints one page wide, in the orientation its width needs,
 * its header row repeated on each page, the shop and the period at the top
 * and the page number at the bottom.
 */
static void
set_print (Export   *x,
           Sheet     sheet,
           gboolean  landscape,
           int       repeat_row)
{
  lxw_worksheet *ws = x->sheets[sheet];
  g_autofree char *cut = g_utf8_substring (x->shop_name ? x->shop_name
                                                         : _("Customer service KPIs"), 0, 100);
  g_autofree char *shop = page_text (cut);
  g_autofree char *period = page_text (x->period_text);
  g_autofree char *name = page_text (x->sheet_names[sheet]);
  g_autofree char *header = NULL;
  g_autofree char *footer = NULL;

  if (landscape)
    worksheet_set_landscape (ws);
  else
    worksheet_set_portrait (ws);
  /* 9: A4, 1: US Letter */
  worksheet_set_paper (ws, x->paper == SP_PAPER_LETTER ? 1 : 9);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_set_margins (ws, 0.5, 0.5, 0.75, 0.75);
  if (repeat_row >= 0)
    check (x, worksheet_repeat_rows (ws, repeat_row, repeat_row));

  header = g_strdup_printf ("&L%s&R%s", shop, period);
  /* TRANSLATORS: the footer of a printed sheet; &P and &N are the page and the pages */
  footer = g_strdup_printf ("&L%s&R%s", name, _("Page &P of &N"));
  check (x, worksheet_set_header (ws, header));
  check (x, worksheet_set_footer (ws, footer));
}

/*
 * The first rows of the sheets for people (all but the data sheets, whose
 * header is their first row, as tables and the formulas' ranges need): the
 * shop and the period, so that a sheet printed or copied on its own says
 * what it is.  Their header row is TOP_ROWS below.
 */
#define TOP_ROWS 2

static void
write_sheet_top (Export        *x,
                 lxw_worksheet *ws)
{
  g_autofree char *line = NULL;

  if (x->shop_name != NULL)
    /* TRANSLATORS: the first line of a sheet: the shop's name, the period */
    line = g_strdup_printf (_("%s · %s"), x->shop_name, x->period_text);
  else
    line = g_strdup (x->period_text);
  write_text (x, ws, 0, 0, line, x->f_subtitle);
}

static lxw_format *
unit_format (Export   *x,
             SpKpi     kpi,
             gboolean  bold)
{
  SpUnit unit = sp_kpi_get_unit (kpi);

  return bold ? x->f_bold_unit[unit] : x->f_unit[unit];
}

static const char *
unit_label (Export *x,
            SpKpi   kpi)
{
  switch (sp_kpi_get_unit (kpi))
    {
    case SP_UNIT_PERCENT:
      return "%";
    case SP_UNIT_MINUTES:
      /* TRANSLATORS: the unit of a value in minutes */
      return _("min");
    case SP_UNIT_HOURS:
      /* TRANSLATORS: the unit of a value in hours */
      return _("h");
    case SP_UNIT_NPS:
      return "−100…100";
    case SP_UNIT_SCORE:
      return "1–7";
    case SP_UNIT_CURRENCY:
      if (*x->currency != '\0')
        return x->currency;
      /* TRANSLATORS: the unit of an amount of money when neither the shop nor the locale
       * names a currency */
      return _("money");
    case SP_UNIT_COUNT:
    default:
      return "";
    }
}

/* "CSAT (%)" */
static char *
column_title (Export *x,
              SpKpi   kpi)
{
  const char *unit = unit_label (x, kpi);

  if (*unit == '\0' || sp_kpi_get_unit (kpi) == SP_UNIT_NPS ||
      sp_kpi_get_unit (kpi) == SP_UNIT_SCORE)
    return g_strdup (sp_kpi_get_short_name (kpi));
  return g_strdup_printf ("%s (%s)", sp_kpi_get_short_name (kpi), unit);
}

/* Progress */

static gboolean
advance (Export  *x,
         GError **error)
{
  double fraction;

  x->done_rows++;
  if (x->done_rows % PROGRESS_ROWS != 0)
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (x->cancellable, error))
    return FALSE;

  fraction = x->total_rows > 0 ? (double) x->done_rows / (double) x->total_rows : 1.0;
  if (x->progress != NULL && fraction - x->reported >= 0.01 && fraction < 1.0)
    {
      x->reported = fraction;
      x->progress (fraction, x->progress_data);
    }

  return TRUE;
}

/* The workbook */

static gboolean
valid_sheet_name (lxw_workbook *workbook,
                  const char   *name)
{
  return workbook_validate_sheet_name (workbook, name) == LXW_NO_ERROR;
}

/* Formulas may name a sheet of letters, digits and _ as is, unless it looks
 * like a cell ("Q1", "R1C1") or starts with a digit; any other is quoted */
static char *
quote_sheet_name (const char *name)
{
  g_autoptr(GRegex) cell = g_regex_new ("^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*)$", 0, 0,
                                        NULL);
  gboolean plain = !g_ascii_isdigit (name[0]) && !g_regex_match (cell, name, 0, NULL);
  GString *quoted;

  for (const char *p = name; plain && *p; p++)
    plain = g_ascii_isalnum (*p) || *p == '_';
  if (plain)
    return g_strdup (name);

  quoted = g_string_new (name);
  g_string_replace (quoted, "'", "''", 0);
  g_string_prepend_c (quoted, '\'');
  g_string_append_c (quoted, '\'');
  return g_string_free (quoted, FALSE);
}

static gboolean
add_sheets (Export  *x,
            GError **error)
{
  static const char * const titles[N_SHEETS] = {
    [SHEET_SUMMARY] = N_("Summary"),
    [SHEET_TREND] = N_("Monthly trend"),
    [SHEET_AGENTS] = N_("Agents"),
    [SHEET_GOALS] = N_("Goals"),
    [SHEET_COSTS] = N_("Costs"),
    [SHEET_CONTACTS] = N_("Contacts"),
    [SHEET_ESCALATIONS] = N_("Escalations"),
    [SHEET_SURVEYS] = N_("Survey answers"),
    [SHEET_SHIFTS] = N_("Shifts"),
    [SHEET_MONTHS] = N_("Month figures"),
    [SHEET_DEFINITIONS] = N_("Definitions"),
  };

  for (guint s = 0; s < N_SHEETS; s++)
    {
      const char *name = _(titles[s]);

      /* a translation may be too long for a sheet name, or clash with another */
      if (!valid_sheet_name (x->workbook, name))
        name = titles[s];

      x->sheets[s] = workbook_add_worksheet (x->workbook, name);
      if (x->sheets[s] == NULL)
        {
          g_set_error (error, SP_ERROR, SP_ERROR_FAILED,
                       _("The sheet “%s” could not be added."), name);
          return FALSE;
        }

      x->sheet_names[s] = g_strdup (name);
      x->quoted_names[s] = quote_sheet_name (name);
    }

  return TRUE;
}

static lxw_format *
add_format (Export     *x,
            const char *num_format,
            gboolean    bold)
{
  lxw_format *format = workbook_add_format (x->workbook);

  if (num_format != NULL)
    format_set_num_format (format, num_format);
  if (bold)
    format_set_bold (format);
  return format;
}

/*
 * libxlsxwriter gives a format its index on first use, but a format alike
 * one used before it looks the index up again, hashing the whole format,
 * each time a cell uses it: so no two alike.
 */
static lxw_format *
number_format (Export     *x,
               const char *code,
               gboolean    bold)
{
  g_autofree char *key = g_strdup_printf ("%d%s", bold, code);
  lxw_format *format = g_hash_table_lookup (x->number_formats, key);

  if (format == NULL)
    {
      format = add_format (x, code, bold);
      g_hash_table_insert (x->number_formats, g_steal_pointer (&key), format);
    }

  return format;
}

/* An Excel number format that writes the currency's symbol: "€"#,##0.00 or #,##0.00 "€"
 * as the locale puts it */
static char *
money_code (Export *x)
{
  g_autoptr(GString) symbol = g_string_new (NULL);
  gboolean before;

  if (*x->currency == '\0')
    return g_strdup ("#,##0.00");

  /* inside quotes, a format takes any character but the quote itself */
  for (const char *p = x->currency; *p; p++)
    if (*p != '"')
      g_string_append_c (symbol, *p);

  uselocale (x->user_locale);
  before = localeconv ()->p_cs_precedes != 0;
  uselocale (x->c_locale);

  /* a code of letters ("CHF") stands apart from the number, a sign ("$") beside it */
  if (before)
    return g_strdup_printf ("\"%s%s\"#,##0.00", symbol->str,
                            g_unichar_isalpha (g_utf8_get_char (symbol->str)) ? " " : "");
  return g_strdup_printf ("#,##0.00 \"%s\"", symbol->str);
}

static void
add_formats (Export *x)
{
  g_autofree char *money = money_code (x);
  static const char * const unit_formats[SP_UNIT_CURRENCY + 1] = {
    [SP_UNIT_PERCENT] = "0.0",
    [SP_UNIT_MINUTES] = "0.0",
    [SP_UNIT_HOURS] = "0.0",
    [SP_UNIT_NPS] = "0",
    [SP_UNIT_SCORE] = "0.00",
    [SP_UNIT_COUNT] = "#,##0",
    [SP_UNIT_CURRENCY] = NULL,
  };

  x->f_title = add_format (x, NULL, TRUE);
  format_set_font_size (x->f_title, 16);

  x->f_subtitle = add_format (x, NULL, FALSE);
  format_set_font_color (x->f_subtitle, 0x595959);

  x->f_header = add_format (x, NULL, TRUE);
  format_set_text_wrap (x->f_header);
  format_set_align (x->f_header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bottom (x->f_header, LXW_BORDER_THIN);
  format_set_bg_color (x->f_header, 0xE7ECF3);

  x->f_section = add_format (x, NULL, TRUE);
  format_set_font_size (x->f_section, 12);

  x->f_wrap = add_format (x, NULL, FALSE);
  format_set_text_wrap (x->f_wrap);
  format_set_align (x->f_wrap, LXW_ALIGN_VERTICAL_TOP);

  x->f_note = add_format (x, NULL, FALSE);
  format_set_italic (x->f_note);
  format_set_font_color (x->f_note, 0x595959);

  x->number_formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  x->f_datetime = number_format (x, "yyyy-mm-dd hh:mm", FALSE);
  x->f_date = number_format (x, "yyyy-mm-dd", FALSE);
  x->f_month = number_format (x, "yyyy-mm", FALSE);
  x->f_decimal = number_format (x, "0.00", FALSE);
  x->f_money = number_format (x, money, FALSE);

  for (guint u = 0; u <= SP_UNIT_CURRENCY; u++)
    {
      const char *code = u == SP_UNIT_CURRENCY ? money : unit_formats[u];

      x->f_unit[u] = number_format (x, code, FALSE);
      x->f_bold_unit[u] = number_format (x, code, TRUE);
    }

  x->f_team = add_format (x, NULL, TRUE);
  format_set_top (x->f_team, LXW_BORDER_THIN);

  x->f_highlight = add_format (x, "@", TRUE);
  format_set_bg_color (x->f_highlight, 0xFFF2CC);
}

/* The data sheets */

static const char *
range (Export        *x,
       SpExportTable  table,
       guint          column)
{
  if (x->ranges[table][column] == NULL)
    {
      char col[4];

      column_name (column, col);
      /* rows 2…n+1; an empty sheet still gives a valid, empty range */
      x->ranges[table][column] =
        g_strdup_printf ("%s!$%s$2:$%s$%" PRId64,
                         x->quoted_names[table_sheets[table].sheet], col, col,
                         MAX (x->rows[table], 1) + 1);
    }

  return x->ranges[table][column];
}

static void
write_cell (Export               *x,
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
      check (x, worksheet_write_number (ws, row, col, (double) cell->i, NULL));
      break;
    case SP_EXPORT_COLUMN_NUMBER:
      check (x, worksheet_write_number (ws, row, col, cell->d, x->f_decimal));
      break;
    case SP_EXPORT_COLUMN_MONEY:
      check (x, worksheet_write_number (ws, row, col, cell->d, x->f_money));
      break;
    case SP_EXPORT_COLUMN_TIME:
      check (x, worksheet_write_number (ws, row, col, serial_time (cell->i), x->f_datetime));
      break;
    case SP_EXPORT_COLUMN_DATE:
      check (x, worksheet_write_number (ws, row, col, serial_date ((SpDate) cell->i),
                                        x->f_date));
      break;
    case SP_EXPORT_COLUMN_MONTH:
      check (x, worksheet_write_number (ws, row, col, serial_date ((SpDate) cell->i),
                                        x->f_month));
      break;
    case SP_EXPORT_COLUMN_LABEL:
    case SP_EXPORT_COLUMN_TEXT:
      write_text (x, ws, row, col, cell->text, NULL);
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
write_month_contacts (Export        *x,
                      lxw_worksheet *ws,
                      lxw_row_t      row,
                      gint64         contacts)
{
  g_autofree char *formula = NULL;
  const char *received = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RECEIVED);
  char month[4];

  column_name (SP_MONTH_COL_MONTH, month);
  formula = g_strdup_printf ("COUNTIFS(%s,\">=\"&$%s%u,%s,\"<\"&DATE(YEAR($%s%u),"
                             "MONTH($%s%u)+1,1))",
                             received, month, row + 1, received, month, row + 1, month, row + 1);
  check (x, worksheet_write_formula_num (ws, row, SP_MONTH_COL_CONTACTS, formula, NULL,
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
data_title (Export               *x,
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
add_data_table (Export               *x,
                SpExportTable         table,
                const SpExportColumn *columns,
                guint                 n_columns,
                char                **titles,
                const double         *sums,
                const gint64         *counts)
{
  Sheet sheet = table_sheets[table].sheet;
  lxw_worksheet *ws = x->sheets[sheet];
  lxw_row_t last = x->rows[table];
  lxw_table_column specs[SP_EXPORT_MAX_COLS] = { { NULL } };
  lxw_table_column *list[SP_EXPORT_MAX_COLS + 1] = { NULL };
  g_autofree char *name = g_strdup_printf ("%s_table", table_sheets[table].range_name);
  lxw_table_options options = { 0 };
  gboolean totals = last > 0;

  if (x->constant_memory)
    {
      check (x, worksheet_autofilter (ws, 0, 0, last, n_columns - 1));
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
  check (x, worksheet_add_table (ws, 0, 0, MAX (last, 1) + (totals ? 1 : 0), n_columns - 1,
                                 &options));
}

static gboolean
write_table (Export         *x,
             SpExportTable   table,
             GError        **error)
{
  Sheet sheet = table_sheets[table].sheet;
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
  lxw_row_t row = 0;
  char last_col[4];
  SpStep step;

  columns = sp_export_table_get_columns (table, &n_columns);

  for (guint c = 0; c < n_columns; c++)
    {
      titles[c] = data_title (x, &columns[c]);
      widths[c] = columns[c].width;
      write_text (x, ws, 0, c, titles[c], x->f_header);
      check (x, worksheet_set_column (ws, c, c, columns[c].width, NULL));
    }
  fit_header (x, ws, 0, (const char * const *) titles, widths, n_columns);

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

      if (!advance (x, error))
        goto out;
    }
  if (step == SP_STEP_ERROR)
    goto out;

  x->rows[table] = row;

  worksheet_freeze_panes (ws, 1, 0);
  add_data_table (x, table, columns, n_columns, titles, sums, counts);

  column_name (n_columns - 1, last_col);
  name_range = g_strdup_printf ("=%s!$A$1:$%s$%u", x->quoted_names[sheet], last_col, row + 1);
  check (x, workbook_define_name (x->workbook, table_sheets[table].range_name, name_range));

  for (guint c = 0; c < n_columns; c++)
    g_free (titles[c]);
  return TRUE;

out:
  for (guint c = 0; c < n_columns; c++)
    g_free (titles[c]);
  return FALSE;
}

/* Monthly trend: the twelve months up to the period's end (or the whole
 * period, when longer), the period's own highlighted */

enum
{
  TREND_COL_MONTH,
  TREND_COL_IN_PERIOD,
  TREND_COL_DAYS,
  TREND_COL_NOTE,
  TREND_COL_CONTACTS,
  TREND_FIRST_KPI_COL,
};

static SpPeriod
trend_window (const SpPeriod *period)
{
  SpPeriod window;

  window.from = sp_date_add_months (sp_date_month_start (period->to), -(TREND_MONTHS - 1));
  window.from = MIN (window.from, sp_date_month_start (period->from));
  window.to = period->to;
  return window;
}

static void
add_trend_chart (Export  *x,
                 SpKpi    kpi,
                 guint    col,
                 guint    index)
{
  lxw_worksheet *ws = x->sheets[SHEET_TREND];
  const char *sheet = x->sheet_names[SHEET_TREND];
  lxw_row_t last = x->trend->len;
  g_autofree char *title = column_title (x, kpi);
  lxw_chart *chart = workbook_add_chart (x->workbook, LXW_CHART_LINE);
  lxw_chart_series *series;

  /* the months are text ("2026-11"): a date axis is labelled by each
   * program in its own way, LibreOffice's not always the right month */
  series = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (series, sheet, TOP_ROWS + 1, TREND_COL_MONTH, TOP_ROWS + last,
                               TREND_COL_MONTH);
  /* in constant memory libxlsxwriter cannot look at the cells and would
   * take the months for numbers */
  series->categories->has_string_cache = LXW_TRUE;
  chart_series_set_values (series, sheet, TOP_ROWS + 1, col, TOP_ROWS + last, col);
  chart_series_set_name (series, sp_kpi_get_name (kpi));
  chart_series_set_marker_type (series, LXW_CHART_MARKER_CIRCLE);
  {
    /* the line into a month that is not over is dashed: its figure is "so far" */
    static lxw_chart_line so_far_line = { .dash_type = LXW_CHART_LINE_DASH_DASH };
    static lxw_chart_point so_far = { .line = &so_far_line };
    static lxw_chart_point whole = { 0 };
    g_autofree lxw_chart_point **points = g_new0 (lxw_chart_point *, x->trend->len + 1);
    gboolean any = FALSE;

    for (guint i = 0; i < x->trend->len; i++)
      {
        SpKpiSet *set = g_ptr_array_index (x->trend, i);

        points[i] = set->partial ? &so_far : &whole;
        any |= set->partial;
      }
    if (any)
      check (x, chart_series_set_points (series, points));
  }
  chart_title_set_name (chart, title);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  chart_show_blanks_as (chart, LXW_CHART_BLANKS_AS_GAP);

  check (x, worksheet_insert_chart (ws, TOP_ROWS + last + 5 + (index / 2) * 16, (index % 2) * 8,
                                    chart));
}

static void
write_trend (Export *x)
{
  lxw_worksheet *ws = x->sheets[SHEET_TREND];
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  SpDate today = sp_time_to_date (x->context.now);
  gboolean partial = FALSE;

  g_ptr_array_add (titles, g_strdup (_("Month")));
  g_ptr_array_add (titles, g_strdup (_("In the period")));
  g_ptr_array_add (titles, g_strdup (_("Days")));
  g_ptr_array_add (titles, g_strdup (_("Whole month?")));
  g_ptr_array_add (titles, g_strdup (sp_kpi_get_name (SP_KPI_CONTACTS)));
  for (guint k = 0; k < G_N_ELEMENTS (kpi_order); k++)
    g_ptr_array_add (titles, column_title (x, kpi_order[k]));
  for (guint c = 0; c < titles->len; c++)
    {
      double width = c == TREND_COL_NOTE ? 22 : c == TREND_COL_MONTH ? 10 : 11;
      g_array_append_val (widths, width);
    }

  write_sheet_top (x, ws);
  write_header (x, ws, TOP_ROWS, (const char **) titles->pdata, titles->len);
  fit_header (x, ws, TOP_ROWS, (const char * const *) titles->pdata, (double *) widths->data,
              titles->len);
  check (x, worksheet_set_column (ws, 0, 0, 10, NULL));
  check (x, worksheet_set_column (ws, 1, titles->len - 1, 11, NULL));
  check (x, worksheet_set_column (ws, TREND_COL_NOTE, TREND_COL_NOTE, 22, NULL));

  for (guint i = 0; i < x->trend->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (x->trend, i);
      const SpPeriod *month = &set->period;
      SpDate end = sp_date_month_end (month->from);
      gboolean inside = month->from >= x->period.from && month->to <= x->period.to;
      gboolean overlaps = month->to >= x->period.from && month->from <= x->period.to;
      lxw_row_t row = TOP_ROWS + i + 1;
      int y, m;
      char label[16];

      sp_date_to_ymd (month->from, &y, &m, NULL);
      g_snprintf (label, sizeof label, "%04d-%02d", y, m);
      write_text (x, ws, row, TREND_COL_MONTH, label, overlaps ? x->f_highlight : NULL);
      if (overlaps)
        write_text (x, ws, row, TREND_COL_IN_PERIOD,
                    inside ? _("yes") : _("partly"), NULL);
      write_number (x, ws, row, TREND_COL_DAYS, sp_period_get_days (month), NULL);

      if (month->from <= today && today <= end && month->to >= today)
        {
          /* TRANSLATORS: a month of the trend that is still running */
          write_text (x, ws, row, TREND_COL_NOTE, _("so far"), x->f_note);
          partial = TRUE;
        }
      else if (month->to < end)
        {
          g_autofree char *note =
            format_printf (x, _("partial: %d of %d days"), sp_period_get_days (month),
                           (int) (end - month->from + 1));

          write_text (x, ws, row, TREND_COL_NOTE, note, x->f_note);
          partial = TRUE;
        }

      write_number (x, ws, row, TREND_COL_CONTACTS, (double) set->contacts,
                    x->f_unit[SP_UNIT_COUNT]);

      for (guint k = 0; k < G_N_ELEMENTS (kpi_order); k++)
        {
          SpKpi kpi = kpi_order[k];

          write_number (x, ws, row, TREND_FIRST_KPI_COL + k, set->values[kpi].value,
                        unit_format (x, kpi, FALSE));
        }
    }

  worksheet_freeze_panes (ws, TOP_ROWS + 1, 1);

  if (x->trend->len > 0)
    {
      write_text (x, ws, TOP_ROWS + x->trend->len + 2, 0,
                  partial ? _("Highlighted: the months of the period. A partial month counts "
                              "only its days shown; compare it with whole months with care.")
                          : _("Highlighted: the months of the period."),
                  x->f_note);

      /* the months that are not over, or that the period cuts, say so under
       * the table; after the line above, as constant memory writes rows in order */
      for (guint i = 0, note_row = TOP_ROWS + x->trend->len + 3; i < x->trend->len; i++)
        {
          SpKpiSet *set = g_ptr_array_index (x->trend, i);
          SpPeriod month;
          g_autofree char *name = NULL;
          g_autofree char *days = NULL;
          g_autofree char *note = NULL;

          if (!set->partial)
            continue;

          month = sp_period_make (sp_date_month_start (set->period.from),
                                  sp_date_month_end (set->period.from));
          name = sp_period_format_so_far (&month);
          days = sp_period_format_sentence (&(SpPeriod) { set->period.from,
                                                          MIN (set->period.to,
                                                               MAX (set->period.from,
                                                                    sp_date_today ())) });
          /* TRANSLATORS: under the monthly trend: %1$s "December 2026, so far", %2$s the days
           * counted, "from 1 to 7 December 2026" */
          note = g_strdup_printf (_("%1$s: counts only the days %2$s, so it is not comparable with "
                                    "whole months."), name, days);
          write_text (x, ws, note_row++, 0, note, x->f_note);
        }

      for (guint k = 0; k < SP_N_CORE_KPIS; k++)
        add_trend_chart (x, kpi_order[k], TREND_FIRST_KPI_COL + k, k);
    }
  else
    {
      write_text (x, ws, TOP_ROWS + 2, 0, _("There are no months in this period."), x->f_note);
    }
}

/* Agents */

static void
write_agents (Export *x)
{
  static const SpKpi columns[] = {
    SP_KPI_CONTACTS, SP_KPI_CSAT, SP_KPI_FCR, SP_KPI_FIRST_RESPONSE, SP_KPI_ESCALATION_RATE,
    SP_KPI_NPS, SP_KPI_CES, SP_KPI_REPEAT_RATE, SP_KPI_AHT, SP_KPI_UTILIZATION,
    SP_KPI_SLA_COMPLIANCE, SP_KPI_RESOLUTION_TIME, SP_KPI_BACKLOG,
  };
  lxw_worksheet *ws = x->sheets[SHEET_AGENTS];
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  guint c;

  g_ptr_array_add (titles, g_strdup (_("Agent")));
  for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
    {
      g_ptr_array_add (titles, column_title (x, columns[k]));
      if (columns[k] == SP_KPI_CSAT)
        g_ptr_array_add (titles, g_strdup (_("CSAT answers")));
      else if (columns[k] == SP_KPI_FCR)
        g_ptr_array_add (titles, g_strdup (_("First contacts")));
      else if (columns[k] == SP_KPI_NPS)
        g_ptr_array_add (titles, g_strdup (_("NPS answers")));
    }
  g_ptr_array_add (titles, g_strdup (_("Needs action")));

  write_sheet_top (x, ws);
  write_header (x, ws, TOP_ROWS, (const char **) titles->pdata, titles->len);
  {
    g_autofree double *widths = g_new (double, titles->len);

    for (guint t = 0; t < titles->len; t++)
      widths[t] = t == 0 ? 18 : t == titles->len - 1 ? 30 : 11;
    fit_header (x, ws, TOP_ROWS, (const char * const *) titles->pdata, widths, titles->len);
  }
  check (x, worksheet_set_column (ws, 0, 0, 18, NULL));
  check (x, worksheet_set_column (ws, 1, titles->len - 2, 11, NULL));
  check (x, worksheet_set_column (ws, titles->len - 1, titles->len - 1, 30, NULL));

  /* the agents, then the whole team as the app computes it (not a sum of averages);
   * in constant memory a filter must be set before the rows after it are written */
  if (x->agents->len > 0)
    check (x, worksheet_autofilter (ws, TOP_ROWS, 0, TOP_ROWS + x->agents->len,
                                    titles->len - 1));
  for (guint i = 0; i <= x->agents->len; i++)
    {
      gboolean team = i == x->agents->len;
      SpKpiSet *set = team ? x->current : g_ptr_array_index (x->agents, i);
      g_autoptr(GString) act = g_string_new (NULL);
      lxw_row_t row = TOP_ROWS + i + 1;

      if (team && x->agents->len == 0)
        break;

      write_text (x, ws, row, 0, team ? _("Whole team") : set->segment_label,
                  team ? x->f_team : NULL);
      c = 1;
      for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
        {
          SpKpi kpi = columns[k];
          const SpKpiValue *v = &set->values[kpi];

          write_number (x, ws, row, c++, v->value, unit_format (x, kpi, team));
          if (kpi == SP_KPI_CSAT || kpi == SP_KPI_FCR || kpi == SP_KPI_NPS)
            write_number (x, ws, row, c++, (double) v->n, x->f_unit[SP_UNIT_COUNT]);

          if (v->status == SP_STATUS_ACT)
            g_string_append_printf (act, "%s%s", act->len ? ", " : "",
                                    sp_kpi_get_short_name (kpi));
        }
      write_text (x, ws, row, c, act->str, NULL);
    }

  worksheet_freeze_panes (ws, TOP_ROWS + 1, 1);
  if (x->agents->len == 0)
    write_text (x, ws, TOP_ROWS + 2, 0, _("No agent has contacts, answers or shifts in this period."),
                x->f_note);
}

/* Goals: each goal that runs during the period, as it stood on the period's
 * last day (or today, if earlier), as the Goals page shows it */

static char *
in_user_locale (Export *x,
                char  *(*format) (gconstpointer),
                gconstpointer data)
{
  char *text;

  uselocale (x->user_locale);
  text = format (data);
  uselocale (x->c_locale);
  return text;
}

static char *
explain (gconstpointer progress)
{
  return sp_goal_progress_explain (progress);
}

static char *
sentence (gconstpointer progress)
{
  const SpGoalProgress *p = progress;

  return sp_goal_dup_sentence (p->goal, p->baseline.value, p->currency);
}

static void
write_goals (Export *x)
{
  const char *titles[] = {
    _("Goal"), _("KPI"), _("For"), _("Objective"), _("Start"), _("Due"), _("Baseline"),
    _("Target"), _("Current"), _("Unit"), _("Progress (%)"), _("Status"), _("Why"),
  };
  static const double widths[] = { 50, 18, 18, 18, 11, 11, 11, 11, 11, 11, 11, 11, 60 };
  lxw_worksheet *ws = x->sheets[SHEET_GOALS];
  g_autoptr(GPtrArray) running = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;
  SpDate as_of = MIN (x->period.to, sp_time_to_date (x->context.now));

  G_STATIC_ASSERT (G_N_ELEMENTS (widths) == G_N_ELEMENTS (titles));

  write_sheet_top (x, ws);
  write_header (x, ws, TOP_ROWS, titles, G_N_ELEMENTS (titles));
  fit_header (x, ws, TOP_ROWS, titles, widths, G_N_ELEMENTS (titles));
  check (x, worksheet_set_column (ws, 0, 0, 50, x->f_wrap));
  check (x, worksheet_set_column (ws, 1, 3, 18, NULL));
  check (x, worksheet_set_column (ws, 4, G_N_ELEMENTS (titles) - 2, 11, NULL));
  check (x, worksheet_set_column (ws, G_N_ELEMENTS (titles) - 1, G_N_ELEMENTS (titles) - 1, 60,
                                  x->f_wrap));
  worksheet_freeze_panes (ws, TOP_ROWS + 1, 0);

  goals = sp_store_list_goals (x->store, TRUE, &error);
  for (guint i = 0; goals != NULL && i < goals->len; i++)
    {
      SpGoal *goal = g_ptr_array_index (goals, i);

      if (goal->start <= x->period.to && goal->due >= x->period.from)
        g_ptr_array_add (running, g_object_ref (goal));
    }

  if (goals != NULL)
    progress = sp_goal_tracker_evaluate_all (x->engine, running, as_of, &error);

  if (progress == NULL)
    {
      /* the rest of the workbook is still worth having */
      g_autofree char *note = g_strdup_printf (_("The goals could not be read: %s"),
                                               error->message);

      write_text (x, ws, TOP_ROWS + 2, 0, note, x->f_note);
      return;
    }

  for (guint i = 0; i < progress->len; i++)
    {
      const SpGoalProgress *p = g_ptr_array_index (progress, i);
      SpGoal *goal = p->goal;
      lxw_format *format = unit_format (x, goal->kpi, FALSE);
      g_autofree char *goal_text = in_user_locale (x, sentence, p);
      g_autofree char *why = in_user_locale (x, explain, p);
      lxw_row_t row = TOP_ROWS + i + 1;

      write_text (x, ws, row, 0, goal_text, x->f_wrap);
      write_text (x, ws, row, 1, sp_kpi_get_name (goal->kpi), NULL);
      write_text (x, ws, row, 2, goal->segment_label ? goal->segment_label : _("Whole shop"),
                  NULL);
      write_text (x, ws, row, 3, sp_goal_get_objective_label (goal), NULL);
      write_number (x, ws, row, 4, serial_date (goal->start), x->f_date);
      write_number (x, ws, row, 5, serial_date (goal->due), x->f_date);
      write_number (x, ws, row, 6, p->baseline.value, format);
      write_number (x, ws, row, 7, goal->target, format);
      write_number (x, ws, row, 8, p->current.value, format);
      write_text (x, ws, row, 9, unit_label (x, goal->kpi), NULL);
      write_number (x, ws, row, 10, 100 * p->progress, x->f_unit[SP_UNIT_PERCENT]);
      write_text (x, ws, row, 11, sp_goal_status_get_label (p->status), NULL);
      write_text (x, ws, row, 12, why, x->f_wrap);
      fit_row (x, ws, row, MAX (text_lines (goal_text, widths[0]), text_lines (why, widths[12])),
               NULL);
    }

  if (progress->len > 0)
    {
      g_autofree char *day = sp_date_format_short (as_of);
      g_autofree char *note = g_strdup_printf (_("As the goals stood on %s. Churn is per month. "
                                                 "Progress is the share of the way from the "
                                                 "baseline to the target."), day);

      check (x, worksheet_autofilter (ws, TOP_ROWS, 0, TOP_ROWS + progress->len,
                                      G_N_ELEMENTS (titles) - 1));
      write_text (x, ws, TOP_ROWS + progress->len + 2, 0, note, x->f_note);
    }
  else
    {
      write_text (x, ws, TOP_ROWS + 2, 0, _("No goal runs during this period."), x->f_note);
    }
}

/* Costs: per whole month of the period, over the Contacts sheet */

static void
write_costs (Export *x)
{
  g_autofree char *cost_title = NULL;
  g_autofree char *per_contact_title = NULL;
  g_autofree char *per_resolution_title = NULL;
  const char *titles[6];
  static const double widths[] = { 10, 14, 14, 14, 14, 14 };
  lxw_worksheet *ws = x->sheets[SHEET_COSTS];
  const char *received = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RECEIVED);
  const char *hours = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RESOLUTION_HOURS);
  lxw_row_t row = TOP_ROWS;
  double total_cost = 0;
  gint64 total_contacts = 0, total_resolved = 0;
  guint with_figures = 0;

  if (*x->currency != '\0')
    {
      cost_title = g_strdup_printf ("%s (%s)", _("Operating cost"), x->currency);
      per_contact_title = g_strdup_printf ("%s (%s)", _("Cost per contact"), x->currency);
      per_resolution_title = g_strdup_printf ("%s (%s)", _("Cost per resolution"), x->currency);
    }
  titles[0] = _("Month");
  titles[1] = cost_title ? cost_title : _("Operating cost");
  titles[2] = _("Contacts");
  titles[3] = _("Resolved contacts");
  titles[4] = per_contact_title ? per_contact_title : _("Cost per contact");
  titles[5] = per_resolution_title ? per_resolution_title : _("Cost per resolution");

  write_sheet_top (x, ws);
  write_header (x, ws, TOP_ROWS, titles, G_N_ELEMENTS (titles));
  fit_header (x, ws, TOP_ROWS, titles, widths, G_N_ELEMENTS (titles));
  check (x, worksheet_set_column (ws, 0, 0, 10, NULL));
  check (x, worksheet_set_column (ws, 1, G_N_ELEMENTS (titles) - 1, 14, NULL));

  for (guint i = 0; i < x->trend->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (x->trend, i);
      g_autoptr(SpMonthFigures) figures = NULL;
      g_autofree char *contacts = NULL;
      g_autofree char *resolved = NULL;
      g_autofree char *per_contact = NULL;
      g_autofree char *per_resolution = NULL;
      gint64 n_resolved = set->values[SP_KPI_RESOLUTION_TIME].n;
      double cost = NAN;
      int year, month;
      guint r;

      if (!sp_period_is_whole_month (&set->period) || set->period.from < x->period.from ||
          set->period.to > x->period.to)
        continue;

      sp_date_to_ymd (set->period.from, &year, &month, NULL);
      figures = sp_store_load_month_figures (x->store, year, month, NULL);
      if (figures != NULL)
        {
          cost = figures->operating_cost;
          total_cost += cost;
          total_contacts += set->contacts;
          total_resolved += n_resolved;
          with_figures++;
        }

      row++;
      r = row + 1;
      contacts = g_strdup_printf ("COUNTIFS(%s,\">=\"&$A%u,%s,\"<\"&DATE(YEAR($A%u),"
                                  "MONTH($A%u)+1,1))", received, r, received, r, r);
      resolved = g_strdup_printf ("COUNTIFS(%s,\">=\"&$A%u,%s,\"<\"&DATE(YEAR($A%u),"
                                  "MONTH($A%u)+1,1),%s,\">=0\")", received, r, received, r, r,
                                  hours);
      per_contact = g_strdup_printf ("IF(OR(B%u=\"\",C%u=0),\"\",B%u/C%u)", r, r, r, r);
      per_resolution = g_strdup_printf ("IF(OR(B%u=\"\",D%u=0),\"\",B%u/D%u)", r, r, r, r);

      write_number (x, ws, row, 0, serial_date (set->period.from), x->f_month);
      write_number (x, ws, row, 1, cost, x->f_money);
      check (x, worksheet_write_formula_num (ws, row, 2, contacts, x->f_unit[SP_UNIT_COUNT],
                                             (double) set->contacts));
      check (x, worksheet_write_formula_num (ws, row, 3, resolved, x->f_unit[SP_UNIT_COUNT],
                                             (double) n_resolved));
      write_formula (x, ws, row, 4, per_contact,
                     isnan (cost) || set->contacts == 0 ? NAN : cost / (double) set->contacts,
                     x->f_money);
      write_formula (x, ws, row, 5, per_resolution,
                     isnan (cost) || n_resolved == 0 ? NAN : cost / (double) n_resolved,
                     x->f_money);
    }

  if (row == TOP_ROWS)
    {
      write_text (x, ws, TOP_ROWS + 2, 0, _("No whole month lies in this period: costs are kept per "
                                 "month."), x->f_note);
    }
  else
    {
      guint first = TOP_ROWS + 2;
      g_autofree char *cost = g_strdup_printf ("SUM(B%u:B%u)", first, row + 1);
      g_autofree char *contacts = g_strdup_printf ("SUMPRODUCT((B%u:B%u<>\"\")*C%u:C%u)",
                                                   first, row + 1, first, row + 1);
      g_autofree char *resolved = g_strdup_printf ("SUMPRODUCT((B%u:B%u<>\"\")*D%u:D%u)",
                                                   first, row + 1, first, row + 1);
      g_autofree char *per_contact = g_strdup_printf ("IF(C%u=0,\"\",B%u/C%u)",
                                                      row + 2, row + 2, row + 2);
      g_autofree char *per_resolution = g_strdup_printf ("IF(D%u=0,\"\",B%u/D%u)",
                                                         row + 2, row + 2, row + 2);
      lxw_row_t total = row + 1;

      write_text (x, ws, total, 0, _("Months with figures"), x->f_header);
      check (x, worksheet_set_row (ws, total, 2 * LINE_POINTS + 2, NULL));
      check (x, worksheet_write_formula_num (ws, total, 1, cost, x->f_money, total_cost));
      check (x, worksheet_write_formula_num (ws, total, 2, contacts, x->f_unit[SP_UNIT_COUNT],
                                             (double) total_contacts));
      check (x, worksheet_write_formula_num (ws, total, 3, resolved, x->f_unit[SP_UNIT_COUNT],
                                             (double) total_resolved));
      write_formula (x, ws, total, 4, per_contact,
                     total_contacts == 0 ? NAN : total_cost / (double) total_contacts,
                     x->f_money);
      write_formula (x, ws, total, 5, per_resolution,
                     total_resolved == 0 ? NAN : total_cost / (double) total_resolved,
                     x->f_money);
      write_text (x, ws, total + 2, 0,
                  _("Contacts are those received in the month; resolved contacts are those of "
                    "them that have a resolution time. A month without month figures has no "
                    "cost."), x->f_note);
    }

  worksheet_freeze_panes (ws, TOP_ROWS + 1, 0);
}

/* Definitions */

static char *
benchmark_text (Export *x,
                SpKpi   kpi)
{
  if (kpi == SP_KPI_FIRST_RESPONSE)
    return g_strdup (_("Per channel: at most the channel's target good, more than twice it "
                       "act (targets below)"));

  if (!sp_kpi_has_status (kpi))
    return g_strdup (_("None: shown as a trend"));

  {
    char *text;

    uselocale (x->user_locale);
    text = sp_band_format (sp_benchmarks_get_band (x->benchmarks, kpi), kpi);
    uselocale (x->c_locale);
    if (kpi == SP_KPI_CHURN)
      {
        g_autofree char *band = text;
        /* TRANSLATORS: churn's band applies per month */
        text = g_strdup_printf (_("%s, per month"), band);
      }
    return text;
  }
}

static void
write_definitions (Export *x)
{
  const char *titles[] = {
    _("KPI"), _("Key"), _("Formula"), _("What counts"), _("n counts"), _("Benchmark"),
    _("Source"),
  };
  const char *notes[] = {
    _("Times are the local wall-clock times the shop recorded; a duration is the difference "
      "of two recorded times. A period is whole local days, both inclusive; a contact "
      "belongs to the period it was received in, a survey answer to the one it was given in."),
    _("Columns marked 1 or 0 are yes (1) or no (0). “Within SLA target” is 1 when the first "
      "response came within the target of the contact's priority, 0 when it came late or "
      "the contact is unanswered past its target, and empty while an unanswered contact is "
      "still within it."),
    _("On the Summary, values with a formula are recomputed from the data sheets when the "
      "workbook recalculates; they show the app's values until then. The previous period, "
      "the backlog and every status come from the app, which also reads contacts before the "
      "period (for repeats, first contact resolution and the backlog)."),
    _("Typed text (names, notes, comments, reasons) is always kept as text, even when it "
      "starts with =, +, - or @."),
    /* KPI-SPEC §7 */
    x->current != NULL && x->current->opening_hours
      ? _("Opening hours: this shop has recorded when it is open, so first response, "
          "resolution time and SLA compliance (and the Contacts sheet's “Response (min)”, "
          "“Resolution (h)” and “Within SLA target”) count only the minutes the shop was open: "
          "closed days, nights and breaks count nothing, and days before the first schedule "
          "count around the clock. The channel and SLA targets apply to those minutes. "
          "Around the clock, the same contacts take longer; the app shows both on each KPI "
          "page. Backlog age, AHT and utilization always count the clock.")
      : NULL,
  };
  static const double widths[] = { 24, 22, 34, 60, 18, 30, 40 };
  lxw_worksheet *ws = x->sheets[SHEET_DEFINITIONS];
  g_autofree char *money = NULL;
  double notes_width = 0;
  lxw_row_t row = TOP_ROWS;

  G_STATIC_ASSERT (G_N_ELEMENTS (widths) == G_N_ELEMENTS (titles));

  switch (x->vat)
    {
    case SP_VAT_INCLUDED:
      money = g_strdup (_("Amounts of money are as the owner entered them: they include VAT."));
      break;
    case SP_VAT_EXCLUDED:
      money = g_strdup (_("Amounts of money are as the owner entered them: they do not include "
                          "VAT."));
      break;
    case SP_VAT_UNKNOWN:
    default:
      money = g_strdup (_("Amounts of money are as the owner entered them; the shop has not "
                          "said whether they include VAT (Preferences, or "
                          "“service-pulse config amounts-include-vat yes|no”)."));
      break;
    }
  if (*x->currency != '\0')
    {
      g_autofree char *text = g_steal_pointer (&money);

      /* TRANSLATORS: the currency's symbol, then whether amounts include VAT */
      money = g_strdup_printf (_("Money is in %s. %s"), x->currency, text);
    }

  write_sheet_top (x, ws);
  write_header (x, ws, row, titles, G_N_ELEMENTS (titles));
  fit_header (x, ws, row, titles, widths, G_N_ELEMENTS (titles));
  for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
    {
      check (x, worksheet_set_column (ws, c, c, widths[c], x->f_wrap));
      notes_width += widths[c];
    }
  worksheet_freeze_panes (ws, TOP_ROWS + 1, 1);

  for (guint k = 0; k <= G_N_ELEMENTS (kpi_order); k++)
    {
      SpKpi kpi = k < G_N_ELEMENTS (kpi_order) ? kpi_order[k] : SP_KPI_CONTACTS;
      const SpBand *band = sp_benchmarks_get_band (x->benchmarks, kpi);
      g_autofree char *benchmark = benchmark_text (x, kpi);
      g_autofree char *formula = NULL;

      const char *source = NULL;
      g_autofree char *owned_source = NULL;
      guint lines = 1;

      row++;
      formula = g_strdup_printf ("%s. %s", sp_kpi_get_description (kpi),
                                 sp_kpi_get_formula (kpi));
      write_text (x, ws, row, 0, sp_kpi_get_name (kpi), x->f_wrap);
      write_text (x, ws, row, 1, sp_kpi_to_key (kpi), x->f_wrap);
      write_text (x, ws, row, 2, sp_kpi_get_formula (kpi), x->f_wrap);
      write_text (x, ws, row, 3, _(kpi_scope[kpi]), x->f_wrap);
      if (sp_kpi_has_status (kpi) && sp_benchmarks_get_min_n (kpi) > 0)
        {
          /* TRANSLATORS: what n counts, and the smallest n a figure is judged on:
           * "answers; judged from 30" */
          g_autofree char *n = g_strdup_printf (_("%s; judged from %" PRId64),
                                                _(kpi_n_label[kpi]),
                                                sp_benchmarks_get_min_n (kpi));

          write_text (x, ws, row, 4, n, x->f_wrap);
        }
      else
        write_text (x, ws, row, 4, _(kpi_n_label[kpi]), x->f_wrap);
      write_text (x, ws, row, 5, benchmark, x->f_wrap);
      if (band != NULL && band->source != NULL && sp_kpi_has_status (kpi))
        source = owned_source = sp_band_format_source (band);
      else if (kpi == SP_KPI_FIRST_RESPONSE)
        source = sp_benchmarks_get_targets_source (x->benchmarks, FALSE);
      write_text (x, ws, row, 6, source, x->f_wrap);

      lines = MAX (lines, text_lines (sp_kpi_get_name (kpi), widths[0]));
      lines = MAX (lines, text_lines (sp_kpi_get_formula (kpi), widths[2]));
      lines = MAX (lines, text_lines (_(kpi_scope[kpi]), widths[3]));
      lines = MAX (lines, text_lines (_(kpi_n_label[kpi]), widths[4]));
      lines = MAX (lines, text_lines (benchmark, widths[5]));
      lines = MAX (lines, text_lines (source, widths[6]));
      fit_row (x, ws, row, lines, NULL);
    }

  /* the targets */
  row += 2;
  write_text (x, ws, row, 0, _("First response targets"), x->f_section);
  row++;
  write_text (x, ws, row, 0, _("Channel"), x->f_header);
  write_text (x, ws, row, 1, _("Target (min)"), x->f_header);
  check (x, worksheet_set_row (ws, row, 2 * LINE_POINTS + 2, NULL));
  write_text (x, ws, row, 2, _("Good"), x->f_header);
  write_text (x, ws, row, 3, _("Act"), x->f_header);
  for (guint c = 0; c < SP_N_CHANNELS; c++)
    {
      double target = sp_benchmarks_get_channel_target (x->benchmarks, c);
      g_autofree char *good = format_printf (x, _("at most %g min"), target);
      g_autofree char *act = format_printf (x, _("more than %g min"), 2 * target);

      row++;
      write_text (x, ws, row, 0, sp_channel_get_label (c), NULL);
      write_number (x, ws, row, 1, target, NULL);
      write_text (x, ws, row, 2, good, NULL);
      write_text (x, ws, row, 3, act, NULL);
    }

  row += 2;
  write_text (x, ws, row, 0, _("SLA targets"), x->f_section);
  row++;
  write_text (x, ws, row, 0, _("Priority"), x->f_header);
  write_text (x, ws, row, 1, _("First response within (min)"), x->f_header);
  check (x, worksheet_set_row (ws, row, 2 * LINE_POINTS + 2, NULL));
  write_text (x, ws, row, 2, _("Source"), x->f_header);
  for (int p = SP_N_PRIORITIES - 1; p >= 0; p--)
    {
      row++;
      write_text (x, ws, row, 0, sp_priority_get_label (p), NULL);
      write_number (x, ws, row, 1, sp_benchmarks_get_sla_target (x->benchmarks, p), NULL);
      if (p == SP_N_PRIORITIES - 1)
        write_text (x, ws, row, 2, sp_benchmarks_get_targets_source (x->benchmarks, TRUE),
                    NULL);
    }

  row += 2;
  write_text (x, ws, row, 0, _("Notes"), x->f_section);
  for (guint i = 0; i <= G_N_ELEMENTS (notes); i++)
    {
      const char *note = i < G_N_ELEMENTS (notes) ? notes[i] : money;

      if (note == NULL)
        continue;

      row++;
      check (x, worksheet_merge_range (ws, row, 0, row, 6, "", x->f_wrap));
      write_text (x, ws, row, 0, note, x->f_wrap);
      check (x, worksheet_set_row (ws, row, text_lines (note, notes_width) * LINE_POINTS + 2,
                                   NULL));
    }
}

/* Summary */

enum
{
  COL_KPI,
  COL_VALUE,
  COL_UNIT,
  COL_N,
  COL_N_LABEL,
  COL_PREVIOUS,
  COL_CHANGE,
  COL_LOWER,
  COL_UPPER,
  COL_BENCHMARK,
  COL_STATUS,
  N_SUMMARY_COLS
};

#define SUMMARY_BENCHMARK_WIDTH 40

typedef struct
{
  const char       *label;
  SpKpi             kpi;
  char             *formula;     /* NULL: the app's value only */
  char             *n_formula;
  const SpKpiValue *value;
  const SpKpiValue *previous;
  double            n;           /* NAN: none */
  char             *benchmark;
  gboolean          bold;
} SummaryRow;

static void
write_summary_row (Export     *x,
                   lxw_row_t   row,
                   SummaryRow *s)
{
  lxw_worksheet *ws = x->sheets[SHEET_SUMMARY];
  lxw_format *format = unit_format (x, s->kpi, s->bold);
  g_autofree char *change = NULL;
  double value = s->value->value;
  double previous = s->previous ? s->previous->value : NAN;

  write_text (x, ws, row, COL_KPI, s->label, s->bold ? x->f_header : NULL);

  if (s->formula != NULL)
    write_formula (x, ws, row, COL_VALUE, s->formula, value, format);
  else
    write_number (x, ws, row, COL_VALUE, value, format);

  write_text (x, ws, row, COL_UNIT, unit_label (x, s->kpi), NULL);

  if (s->n_formula != NULL)
    write_formula (x, ws, row, COL_N, s->n_formula, s->n, x->f_unit[SP_UNIT_COUNT]);
  else
    write_number (x, ws, row, COL_N, s->n, x->f_unit[SP_UNIT_COUNT]);
  if (!isnan (s->n))
    write_text (x, ws, row, COL_N_LABEL, _(kpi_n_label[s->kpi]), NULL);

  write_number (x, ws, row, COL_PREVIOUS, previous, unit_format (x, s->kpi, FALSE));

  change = g_strdup_printf ("IF(OR(B%u=\"\",F%u=\"\"),\"\",B%u-F%u)",
                            row + 1, row + 1, row + 1, row + 1);
  if (s->previous != NULL)
    write_formula (x, ws, row, COL_CHANGE, change,
                   isnan (value) || isnan (previous) ? NAN : value - previous,
                   unit_format (x, s->kpi, FALSE));

  if (!isnan (value) && !isnan (s->value->lower) && !isnan (s->value->upper))
    {
      write_number (x, ws, row, COL_LOWER, s->value->lower, unit_format (x, s->kpi, FALSE));
      write_number (x, ws, row, COL_UPPER, s->value->upper, unit_format (x, s->kpi, FALSE));
    }
  write_text (x, ws, row, COL_BENCHMARK, s->benchmark, x->f_wrap);
  fit_row (x, ws, row, text_lines (s->benchmark, SUMMARY_BENCHMARK_WIDTH), NULL);
  {
    g_autofree char *status = sp_kpi_format_status_of (s->kpi, s->value);

    write_text (x, ws, row, COL_STATUS, status, NULL);
  }

  g_clear_pointer (&s->formula, g_free);
  g_clear_pointer (&s->n_formula, g_free);
  g_clear_pointer (&s->benchmark, g_free);
}

/* A label as a COUNTIFS criterion: quoted, wildcards taken literally */
static char *
criterion (const char *label)
{
  GString *str = g_string_new ("\"");

  for (const char *p = label; *p; p++)
    {
      if (*p == '~' || *p == '*' || *p == '?')
        g_string_append_c (str, '~');
      if (*p == '"')
        g_string_append_c (str, '"');
      g_string_append_c (str, *p);
    }
  g_string_append_c (str, '"');
  return g_string_free (str, FALSE);
}

static void
write_summary (Export *x)
{
  lxw_worksheet *ws = x->sheets[SHEET_SUMMARY];
  SpKpiSet *cur = x->current;
  SpKpiSet *prev = x->previous;
  const char *received = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RECEIVED);
  const char *channel = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_CHANNEL);
  const char *response = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RESPONSE_MINUTES);
  const char *resolution = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RESOLUTION_HOURS);
  const char *handle = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_HANDLE);
  const char *escalated = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_ESCALATED);
  const char *complaint = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_COMPLAINT);
  const char *repeat = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_REPEAT);
  const char *fcr = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_FCR);
  const char *sla = range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_WITHIN_SLA);
  const char *kind = range (x, SP_EXPORT_SURVEYS, SP_SURVEY_COL_KIND);
  const char *score = range (x, SP_EXPORT_SURVEYS, SP_SURVEY_COL_SCORE);
  const char *hours = range (x, SP_EXPORT_SHIFTS, SP_SHIFT_COL_HOURS);
  const char *whole = range (x, SP_EXPORT_MONTHS, SP_MONTH_COL_WHOLE);
  const char *cost = range (x, SP_EXPORT_MONTHS, SP_MONTH_COL_COST);
  const char *start = range (x, SP_EXPORT_MONTHS, SP_MONTH_COL_START);
  const char *lost = range (x, SP_EXPORT_MONTHS, SP_MONTH_COL_LOST);
  const char *month_contacts = range (x, SP_EXPORT_MONTHS, SP_MONTH_COL_CONTACTS);
  g_autofree char *csat = criterion (sp_survey_kind_get_short_label (SP_SURVEY_CSAT));
  g_autofree char *nps = criterion (sp_survey_kind_get_short_label (SP_SURVEY_NPS));
  g_autofree char *ces = criterion (sp_survey_kind_get_short_label (SP_SURVEY_CES));
  g_autofree char *heading = NULL;
  const char *period = x->period_text;
  g_autofree char *previous = sp_period_format (&x->previous_period);
  g_autofree char *made = NULL;
  g_autofree char *line = NULL;
  g_autofree char *count = NULL;
  const char *titles[N_SUMMARY_COLS] = {
    [COL_KPI] = _("KPI"),
    [COL_VALUE] = _("Value"),
    [COL_UNIT] = _("Unit"),
    [COL_N] = "n",
    [COL_N_LABEL] = _("n counts"),
    [COL_PREVIOUS] = _("Previous period"),
    [COL_CHANGE] = _("Change from the previous period"),
    [COL_LOWER] = _("95 % interval from"),
    [COL_UPPER] = _("95 % interval to"),
    [COL_BENCHMARK] = _("Benchmark"),
    [COL_STATUS] = _("Status"),
  };
  static const double widths[N_SUMMARY_COLS] = {
    [COL_KPI] = 28, [COL_VALUE] = 10, [COL_UNIT] = 9, [COL_N] = 9, [COL_N_LABEL] = 22,
    [COL_PREVIOUS] = 10, [COL_CHANGE] = 14, [COL_LOWER] = 10, [COL_UPPER] = 10,
    [COL_BENCHMARK] = SUMMARY_BENCHMARK_WIDTH, [COL_STATUS] = 10,
  };
  lxw_row_t row;
  SummaryRow s;

  if (x->shop_name != NULL)
    /* TRANSLATORS: the heading of the workbook: the shop's name */
    heading = g_strdup_printf (_("%s — customer service KPIs"), x->shop_name);
  else
    heading = g_strdup (_("Customer service KPIs"));

  /* TRANSLATORS: the period of the workbook, its length, and the period it is compared with */
  line = format_printf (x, g_dngettext (GETTEXT_PACKAGE,
                                        "Period: %s (%d day) · compared with %s",
                                        "Period: %s (%d days) · compared with %s",
                                        sp_period_get_days (&x->period)),
                        period, sp_period_get_days (&x->period), previous);
  {
    g_autofree char *when = sp_time_format_display (sp_time_now ());

    made = g_strdup_printf (_("Made by Service Pulse %s on %s. Values with a formula recompute "
                              "from the data sheets; see Definitions."), PACKAGE_VERSION, when);
  }

  write_text (x, ws, 0, 0, heading, x->f_title);
  check (x, worksheet_set_row (ws, 0, 24, NULL));
  write_text (x, ws, 1, 0, line, x->f_subtitle);
  write_text (x, ws, 2, 0, made, x->f_subtitle);

  write_header (x, ws, 4, titles, N_SUMMARY_COLS);
  fit_header (x, ws, 4, titles, widths, N_SUMMARY_COLS);
  for (guint c = 0; c < N_SUMMARY_COLS; c++)
    check (x, worksheet_set_column (ws, c, c, widths[c], NULL));
  worksheet_freeze_panes (ws, 5, 1);
  row = 5;

  count = g_strdup_printf ("COUNT(%s)", received);

  /* Contacts and complaints */
  s = (SummaryRow) { sp_kpi_get_name (SP_KPI_CONTACTS), SP_KPI_CONTACTS,
                     g_strdup (count), NULL, &cur->values[SP_KPI_CONTACTS],
                     &prev->values[SP_KPI_CONTACTS], NAN, benchmark_text (x, SP_KPI_CONTACTS),
                     TRUE };
  write_summary_row (x, row++, &s);
  {
    SpKpiValue complaints = { (double) cur->complaints, cur->complaints, NAN, NAN,
                              SP_STATUS_NONE };
    SpKpiValue prev_complaints = { (double) prev->complaints, prev->complaints, NAN, NAN,
                                   SP_STATUS_NONE };

    s = (SummaryRow) { _("Complaints"), SP_KPI_CONTACTS,
                       g_strdup_printf ("SUM(%s)", complaint), NULL, &complaints,
                       &prev_complaints, NAN, NULL, FALSE };
    write_summary_row (x, row++, &s);
  }

  for (guint k = 0; k < G_N_ELEMENTS (kpi_order); k++)
    {
      SpKpi kpi = kpi_order[k];
      const SpKpiValue *v = &cur->values[kpi];

      const char *basis = sp_kpi_set_get_time_basis (cur, kpi);
      g_autofree char *name = NULL;

      /* TRANSLATORS: a KPI's name and "in opening hours" */
      name = basis != NULL ? g_strdup_printf (_("%s (%s)"), sp_kpi_get_name (kpi), basis)
                           : g_strdup (sp_kpi_get_name (kpi));
      s = (SummaryRow) { name, kpi, NULL, NULL, v, &prev->values[kpi],
                         (double) v->n, benchmark_text (x, kpi), k < SP_N_CORE_KPIS };

      switch (kpi)
        {
        case SP_KPI_CSAT:
          s.formula = g_strdup_printf ("IFERROR(100*COUNTIFS(%s,%s,%s,\">=4\")/"
                                       "COUNTIFS(%s,%s),\"\")",
                                       kind, csat, score, kind, csat);
          s.n_formula = g_strdup_printf ("COUNTIFS(%s,%s)", kind, csat);
          break;
        case SP_KPI_NPS:
          s.formula = g_strdup_printf ("IFERROR(100*(COUNTIFS(%s,%s,%s,\">=9\")-"
                                       "COUNTIFS(%s,%s,%s,\"<=6\"))/COUNTIFS(%s,%s),\"\")",
                                       kind, nps, score, kind, nps, score, kind, nps);
          s.n_formula = g_strdup_printf ("COUNTIFS(%s,%s)", kind, nps);
          break;
        case SP_KPI_CES:
          s.formula = g_strdup_printf ("IFERROR(AVERAGEIFS(%s,%s,%s),\"\")", score, kind, ces);
          s.n_formula = g_strdup_printf ("COUNTIFS(%s,%s)", kind, ces);
          break;
        case SP_KPI_FCR:
          s.formula = g_strdup_printf ("IFERROR(100*SUM(%s)/(%s-SUM(%s)),\"\")",
                                       fcr, count, repeat);
          s.n_formula = g_strdup_printf ("%s-SUM(%s)", count, repeat);
          break;
        case SP_KPI_REPEAT_RATE:
          s.formula = g_strdup_printf ("IFERROR(100*SUM(%s)/%s,\"\")", repeat, count);
          s.n_formula = g_strdup (count);
          break;
        case SP_KPI_ESCALATION_RATE:
          s.formula = g_strdup_printf ("IFERROR(100*SUM(%s)/%s,\"\")", escalated, count);
          s.n_formula = g_strdup (count);
          break;
        case SP_KPI_FIRST_RESPONSE:
          s.formula = g_strdup_printf ("IFERROR(AVERAGE(%s),\"\")", response);
          s.n_formula = g_strdup_printf ("COUNT(%s)", response);
          break;
        case SP_KPI_RESOLUTION_TIME:
          s.formula = g_strdup_printf ("IFERROR(AVERAGE(%s),\"\")", resolution);
          s.n_formula = g_strdup_printf ("COUNT(%s)", resolution);
          break;
        case SP_KPI_AHT:
          s.formula = g_strdup_printf ("IFERROR(AVERAGE(%s),\"\")", handle);
          s.n_formula = g_strdup_printf ("COUNT(%s)", handle);
          break;
        case SP_KPI_UTILIZATION:
          s.formula = g_strdup_printf ("IFERROR(100*SUM(%s)/(SUM(%s)*60),\"\")", handle, hours);
          s.n_formula = g_strdup_printf ("ROUND(SUM(%s)*60,0)", hours);
          break;
        case SP_KPI_SLA_COMPLIANCE:
          s.formula = g_strdup_printf ("IFERROR(100*SUM(%s)/COUNT(%s),\"\")", sla, sla);
          s.n_formula = g_strdup_printf ("COUNT(%s)", sla);
          break;
        case SP_KPI_CHURN:
          s.formula = g_strdup_printf ("IFERROR(100*SUMIFS(%s,%s,1)/INDEX(%s,MATCH(1,%s,0)),"
                                       "\"\")", lost, whole, start, whole);
          s.n_formula = g_strdup_printf ("IFERROR(INDEX(%s,MATCH(1,%s,0)),0)", start, whole);
          break;
        case SP_KPI_COST_PER_CONTACT:
          s.formula = g_strdup_printf ("IFERROR(SUMIFS(%s,%s,1)/SUMIFS(%s,%s,1),\"\")",
                                       cost, whole, month_contacts, whole);
          s.n_formula = g_strdup_printf ("SUMIFS(%s,%s,1)", month_contacts, whole);
          break;
        case SP_KPI_BACKLOG:
        case SP_KPI_CONTACTS:
        case SP_N_KPIS:
        default:
          break;
        }

      write_summary_row (x, row++, &s);

      if (kpi == SP_KPI_FIRST_RESPONSE)
        {
          for (guint c = 0; c < SP_N_CHANNELS; c++)
            {
              const SpKpiValue *cv = &cur->first_response_by_channel[c];
              g_autofree char *label = NULL;
              g_autofree char *crit = NULL;
              double target = sp_benchmarks_get_channel_target (x->benchmarks, c);

              if (cur->contacts_by_channel[c] <= 0)
                continue;

              label = g_strdup_printf ("    %s", sp_channel_get_label (c));
              crit = criterion (sp_channel_get_label (c));
              s = (SummaryRow) { label, kpi, NULL, NULL, cv, &prev->first_response_by_channel[c],
                                 (double) cv->n, NULL, FALSE };
              s.formula = g_strdup_printf ("IFERROR(AVERAGEIFS(%s,%s,%s),\"\")",
                                           response, channel, crit);
              s.n_formula = g_strdup_printf ("COUNTIFS(%s,%s,%s,\">=0\")",
                                             channel, crit, response);
              s.benchmark = format_printf (x, _("≤ %g min good · > %g min act"),
                                           target, 2 * target);
              write_summary_row (x, row++, &s);
            }
        }
      else if (kpi == SP_KPI_NPS)
        {
          SpKpiValue parts[3] = {
            { (double) cur->promoters, cur->promoters, NAN, NAN, SP_STATUS_NONE },
            { (double) cur->passives, cur->passives, NAN, NAN, SP_STATUS_NONE },
            { (double) cur->detractors, cur->detractors, NAN, NAN, SP_STATUS_NONE },
          };
          SpKpiValue prev_parts[3] = {
            { (double) prev->promoters, prev->promoters, NAN, NAN, SP_STATUS_NONE },
            { (double) prev->passives, prev->passives, NAN, NAN, SP_STATUS_NONE },
            { (double) prev->detractors, prev->detractors, NAN, NAN, SP_STATUS_NONE },
          };
          const char *labels[3] = {
            _("Promoters (9–10)"), _("Passives (7–8)"), _("Detractors (0–6)"),
          };
          char *formulas[3] = {
            g_strdup_printf ("COUNTIFS(%s,%s,%s,\">=9\")", kind, nps, score),
            g_strdup_printf ("COUNTIFS(%s,%s,%s,\">=7\",%s,\"<=8\")", kind, nps, score, score),
            g_strdup_printf ("COUNTIFS(%s,%s,%s,\"<=6\")", kind, nps, score),
          };

          for (guint i = 0; i < 3; i++)
            {
              g_autofree char *label = g_strdup_printf ("    %s", labels[i]);

              s = (SummaryRow) { label, SP_KPI_CONTACTS, formulas[i], NULL, &parts[i],
                                 &prev_parts[i], NAN, NULL, FALSE };
              write_summary_row (x, row++, &s);
            }
        }
      else if (kpi == SP_KPI_BACKLOG)
        {
          SpKpiValue old = { (double) cur->backlog_older_than_48h, cur->backlog_older_than_48h,
                             NAN, NAN, SP_STATUS_NONE };
          SpKpiValue prev_old = { (double) prev->backlog_older_than_48h,
                                  prev->backlog_older_than_48h, NAN, NAN, SP_STATUS_NONE };

          g_autofree char *label = g_strdup_printf ("    %s", _("Older than 48 hours"));

          s = (SummaryRow) { label, SP_KPI_BACKLOG, NULL, NULL, &old, &prev_old, NAN, NULL,
                             FALSE };
          write_summary_row (x, row++, &s);
        }
    }

  row++;
  write_text (x, ws, row, 0, _("The previous period, the backlog and the statuses come from "
                               "the app; everything else recomputes from the data sheets."),
              x->f_note);

  /* churn and cost count whole months: from the last one when the period holds none */
  if (x->last_month != NULL)
    {
      g_autofree char *month = sp_period_format (&x->last_month->period);
      g_autofree char *churn = sp_kpi_format_value (SP_KPI_CHURN,
                                                    x->last_month->values[SP_KPI_CHURN].value,
                                                    NULL);
      g_autofree char *per_contact =
        sp_kpi_format_value (SP_KPI_COST_PER_CONTACT,
                             x->last_month->values[SP_KPI_COST_PER_CONTACT].value, x->currency);
      g_autofree char *note =
        /* TRANSLATORS: under the Summary of a period without a whole month: "November 2026,
         * last whole month: churn 2.3 %, cost per contact 4.38 (this period holds no whole
         * month)." */
        format_printf (x, _("%s, last whole month: churn %s, cost per contact %s (this period "
                            "holds no whole month)."), month, churn, per_contact);

      write_text (x, ws, ++row, 0, note, x->f_note);
    }

  worksheet_activate (ws);
}

/* Putting it together */

/* The period, the previous one and the months of the trend in one pass of the engine */
static gboolean
compute (Export  *x,
         GError **error)
{
  SpPeriod window = trend_window (&x->period);
  g_autoptr(GArray) periods = sp_kpi_engine_list_buckets (&window, SP_GRANULARITY_MONTH);
  g_autoptr(GPtrArray) sets = NULL;
  SpPeriod month;
  gboolean no_month = sp_period_last_whole_month (&x->period, sp_date_today (), &month);

  g_array_prepend_vals (periods, &x->previous_period, 1);
  g_array_prepend_vals (periods, &x->period, 1);
  if (no_month)
    g_array_append_val (periods, month);

  sets = sp_kpi_engine_compute_many (x->engine, (const SpPeriod *) periods->data, periods->len,
                                     NULL, error);
  if (sets == NULL)
    return FALSE;

  x->current = g_object_ref (g_ptr_array_index (sets, 0));
  x->previous = g_object_ref (g_ptr_array_index (sets, 1));
  if (no_month)
    x->last_month = g_object_ref (g_ptr_array_index (sets, sets->len - 1));
  x->trend = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 2; i < sets->len - (no_month ? 1 : 0); i++)
    {
      SpKpiSet *set = g_ptr_array_index (sets, i);

      set->partial = sp_period_bucket_is_partial (&set->period, SP_GRANULARITY_MONTH,
                                                  sp_date_today ());
      g_ptr_array_add (x->trend, g_object_ref (set));
    }

  x->agents = sp_kpi_engine_breakdown (x->engine, &x->period, SP_SEGMENT_AGENT, error);
  return x->agents != NULL;
}

static gboolean
count_rows (Export  *x,
            GError **error)
{
  for (guint t = 0; t < SP_N_EXPORT_TABLES; t++)
    {
      gint64 n = sp_export_table_count (x->store, t, &x->period, error);

      if (n < 0)
        return FALSE;
      if (n >= MAX_ROWS)
        {
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       _("The period has too many rows for one sheet (%s: %" PRId64
                         ", a sheet holds at most %d). Export a shorter period."),
                       sp_export_table_get_title (t), n, MAX_ROWS - 1);
          return FALSE;
        }
      x->total_rows += n;
    }

  return TRUE;
}

static void
set_properties (Export *x)
{
  g_autofree char *title = NULL;
  lxw_doc_properties properties = { NULL };

  if (x->shop_name != NULL)
    /* TRANSLATORS: the title of the workbook: the shop, the period */
    title = g_strdup_printf (_("%s — customer service KPIs, %s"), x->shop_name, x->period_text);
  else
    title = g_strdup_printf (_("Customer service KPIs, %s"), x->period_text);

  properties.title = title;
  properties.subject = (char *) _("Customer service KPIs");
  properties.keywords = x->period_text;
  properties.company = x->shop_name;
  properties.comments = (char *) _("Made by Service Pulse");
  properties.created = time (NULL);

  check (x, workbook_set_properties (x->workbook, &properties));
}

/* A failed or cancelled export: drop the workbook without writing it */
static void
discard_workbook (Export *x)
{
  if (x->workbook == NULL)
    return;

  /* libxlsxwriter does not close the row files of constant-memory sheets
   * when a workbook is freed unwritten */
  for (guint s = 0; x->constant_memory && s < N_SHEETS; s++)
    {
      if (x->sheets[s] != NULL && x->sheets[s]->optimize_tmpfile != NULL)
        {
          fclose (x->sheets[s]->optimize_tmpfile);
          x->sheets[s]->optimize_tmpfile = NULL;
        }
    }

  lxw_workbook_free (g_steal_pointer (&x->workbook));
}

/*
 * libxlsxwriter writes the rows of constant-memory sheets to files of its
 * own without checking that the writes succeed, then copies them into the
 * workbook without checking either: a disk that fills up would give a
 * workbook with rows missing.  So the last row goes to its file now, every
 * row file's error flag must be clear, and a descriptor on each is kept to
 * compare the workbook with it once written (sp-xlsx-check.c).
 */
static gboolean
check_row_files (Export         *x,
                 const char     *path,
                 SpXlsxRowFile  *row_files,
                 guint          *n_row_files,
                 GError        **error)
{
  *n_row_files = 0;

  for (guint s = 0; x->constant_memory && s < N_SHEETS; s++)
    {
      lxw_worksheet *sheet = x->sheets[s];
      FILE *rows = sheet->optimize_tmpfile;
      SpXlsxRowFile *r;
      off_t size;

      if (rows == NULL)
        continue;

      if (sheet->optimize_row != NULL)
        lxw_worksheet_write_single_row (sheet);

      errno = 0;
      if (fflush (rows) != 0 || ferror (rows) || fileno (rows) < 0)
        {
          sp_export_set_file_error (error, errno, path);
          return FALSE;
        }

      r = &row_files[(*n_row_files)++];
      r->sheet_number = sheet->index + 1;
      r->fd = dup (fileno (rows));
      size = lseek (fileno (rows), 0, SEEK_END);
      r->size = size;
      if (r->fd < 0 || size < 0)
        {
          sp_export_set_file_error (error, errno, path);
          return FALSE;
        }
    }

  return TRUE;
}

static void
close_row_files (SpXlsxRowFile *row_files,
                 guint          n_row_files)
{
  for (guint i = 0; i < n_row_files; i++)
    {
      if (row_files[i].fd >= 0)
        close (row_files[i].fd);
    }
}

/*
 * libxlsxwriter prints its own lines on stderr ("[ERROR] workbook_close():
 * …") before returning the error that we turn into a sentence; the owner
 * should see only ours.  stderr is the process's, so swaps are serialised.
 */
typedef struct
{
  FILE   *saved;
  FILE   *sink;
  char   *text;
  size_t  len;
} Hush;

static GMutex hush_lock;

static void
hush_library_begin (Hush *h)
{
  g_mutex_lock (&hush_lock);
  h->text = NULL;
  h->len = 0;
  h->saved = stderr;
  h->sink = open_memstream (&h->text, &h->len);
  if (h->sink != NULL)
    stderr = h->sink;
}

static void
hush_library_end (Hush *h)
{
  stderr = h->saved;
  if (h->sink != NULL)
    {
      fclose (h->sink);
      if (h->len > 0)
        g_debug ("libxlsxwriter said: %s", g_strchomp (h->text));
      free (h->text);
    }
  g_mutex_unlock (&hush_lock);
}

static void
export_clear (Export *x)
{
  discard_workbook (x);

  for (guint s = 0; s < N_SHEETS; s++)
    {
      g_free (x->sheet_names[s]);
      g_free (x->quoted_names[s]);
    }
  for (guint t = 0; t < SP_N_EXPORT_TABLES; t++)
    for (guint c = 0; c < SP_EXPORT_MAX_COLS; c++)
      g_free (x->ranges[t][c]);

  g_clear_pointer (&x->number_formats, g_hash_table_unref);
  g_clear_pointer (&x->trend, g_ptr_array_unref);
  g_clear_pointer (&x->agents, g_ptr_array_unref);
  g_clear_object (&x->current);
  g_clear_object (&x->previous);
  g_clear_object (&x->last_month);
  g_clear_object (&x->engine);
  g_clear_object (&x->benchmarks);
  g_clear_pointer (&x->shop_name, g_free);
  g_clear_pointer (&x->period_text, g_free);
  g_clear_pointer (&x->currency, g_free);
}

static gboolean
write_workbook (Export             *x,
                SpExportFile       *file,
                SpXlsxExportFlags   flags,
                GError            **error)
{
  g_autofree char *folder = g_path_get_dirname (sp_export_file_get_temp_path (file));
  lxw_workbook_options options = { 0 };
  SpXlsxRowFile row_files[N_SHEETS];
  guint n_row_files = 0;
  lxw_error status;
  int saved_errno;
  gboolean ok;
  Hush hush;

  if (!count_rows (x, error) || !compute (x, error))
    return FALSE;

  x->constant_memory = (flags & SP_XLSX_EXPORT_CONSTANT_MEMORY) != 0 ||
                       ((flags & SP_XLSX_EXPORT_IN_MEMORY) == 0 &&
                        x->total_rows >= SP_XLSX_CONSTANT_MEMORY_ROWS);

  /* libxlsxwriter's own temporary files go beside the file too: on the
   * disk it is written to, not in a /tmp that may be small or in memory;
   * in a folder of their own, which an interruption removes whole */
  options.constant_memory = x->constant_memory;
  options.tmpdir = (char *) sp_export_file_get_temp_folder (file);
  if (options.tmpdir == NULL)
    options.tmpdir = folder;
  hush_library_begin (&hush);
  x->workbook = workbook_new_opt (sp_export_file_get_temp_path (file), &options);
  hush_library_end (&hush);
  if (x->workbook == NULL)
    {
      set_workbook_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED, 0,
                          sp_export_file_get_path (file));
      return FALSE;
    }

  add_formats (x);
  if (!add_sheets (x, error))
    return FALSE;

  /* The Contacts sheet first: the formulas of the others need its size */
  for (guint t = 0; t < SP_N_EXPORT_TABLES; t++)
    {
      if (!write_table (x, t, error))
        return FALSE;
    }

  if (x->lxw_status != LXW_NO_ERROR)
    {
      set_workbook_error (error, x->lxw_status, 0, sp_export_file_get_path (file));
      return FALSE;
    }

  write_trend (x);
  write_agents (x);
  write_goals (x);
  write_costs (x);
  write_definitions (x);
  write_summary (x);
  set_properties (x);

  set_print (x, SHEET_SUMMARY, TRUE, 4);
  set_print (x, SHEET_TREND, TRUE, TOP_ROWS);
  set_print (x, SHEET_AGENTS, TRUE, TOP_ROWS);
  set_print (x, SHEET_GOALS, TRUE, TOP_ROWS);
  set_print (x, SHEET_COSTS, FALSE, TOP_ROWS);
  for (guint t = 0; t < SP_N_EXPORT_TABLES; t++)
    set_print (x, table_sheets[t].sheet, TRUE, 0);
  set_print (x, SHEET_DEFINITIONS, TRUE, TOP_ROWS);

  if (x->lxw_status != LXW_NO_ERROR)
    {
      set_workbook_error (error, x->lxw_status, 0, sp_export_file_get_path (file));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (x->cancellable, error) ||
      !check_row_files (x, sp_export_file_get_path (file), row_files, &n_row_files, error))
    {
      close_row_files (row_files, n_row_files);
      return FALSE;
    }

  if (x->progress != NULL)
    x->progress (1.0, x->progress_data);

  hush_library_begin (&hush);
  errno = 0;
  status = workbook_close (g_steal_pointer (&x->workbook));
  saved_errno = errno;
  hush_library_end (&hush);

  if (status != LXW_NO_ERROR)
    {
      set_workbook_error (error, status, saved_errno, sp_export_file_get_path (file));
      ok = FALSE;
    }
  else
    ok = sp_xlsx_check_written (sp_export_file_get_temp_path (file),
                                sp_export_file_get_path (file), row_files, n_row_files, error);

  close_row_files (row_files, n_row_files);

  return ok && !g_cancellable_set_error_if_cancelled (x->cancellable, error);
}

/**
 * sp_xlsx_export:
 * @period: the days to export, both inclusive
 * @path: the workbook to write; replaced only once the new one is complete
 * @progress: (nullable): called now and then with the share of rows written
 * @cancellable: (nullable): stops the export, leaving no file behind
 *
 * Writes the workbook of @period (see the top of this file).
 */
gboolean
sp_xlsx_export (SpStore               *store,
                const SpPeriod        *period,
                const char            *path,
                SpXlsxExportFlags      flags,
                SpExportProgressFunc   progress,
                gpointer               progress_data,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autoptr(SpExportFile) file = NULL;
  locale_t base;
  locale_t previous;
  gboolean own;
  gboolean ok;
  Export x = { NULL };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!(file = sp_export_file_new (path, error)))
    return FALSE;

  /* The file's numbers with a dot whatever the locale, on this thread only */
  previous = uselocale ((locale_t) 0);
  base = duplocale (previous);
  x.c_locale = base ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;
  if (x.c_locale == (locale_t) 0)
    {
      if (base)
        freelocale (base);
      g_set_error_literal (error, SP_ERROR, SP_ERROR_FAILED,
                           _("The workbook could not be written: there was not enough "
                             "memory."));
      return FALSE;
    }
  x.user_locale = previous;

  x.store = store;
  x.period = *period;
  x.previous_period = sp_period_previous (period);
  x.engine = sp_kpi_engine_new (store);
  x.benchmarks = g_object_ref (sp_kpi_engine_get_benchmarks (x.engine));
  x.progress = progress;
  x.progress_data = progress_data;
  x.cancellable = cancellable;
  x.shop_name = sp_store_dup_setting (store, "shop.name");
  if (x.shop_name != NULL && *g_strstrip (x.shop_name) == '\0')
    g_clear_pointer (&x.shop_name, g_free);
  sp_export_context_init (&x.context, x.benchmarks, sp_time_now ());
  x.period_text = sp_period_format_so_far_on (period, sp_date_today ());
  if (x.period_text == NULL)
    x.period_text = sp_period_format (period);
  x.currency = sp_shop_dup_currency_or_locale (store);
  x.vat = sp_shop_get_vat (store);
  x.paper = sp_shop_get_paper (store);

  /* One snapshot of the database for every figure and row */
  ok = sp_export_snapshot_begin (store, &own, error);
  if (ok)
    {
      uselocale (x.c_locale);
      ok = write_workbook (&x, file, flags, error);
      uselocale (previous);

      sp_export_snapshot_end (store, own);
    }

  export_clear (&x);
  freelocale (x.c_locale);

  return ok && sp_export_file_commit (file, error);
}

/* In a thread */

typedef struct
{
  SpPeriod              period;
  char                 *path;
  SpXlsxExportFlags     flags;
  SpExportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
} ExportData;

typedef struct
{
  ExportData *d;
  double      fraction;
} ProgressReport;

static void
export_data_free (gpointer data)
{
  ExportData *d = data;

  if (d->progress_destroy != NULL)
    d->progress_destroy (d->progress_data);
  g_free (d->path);
  g_free (d);
}

static gboolean
progress_report_cb (gpointer data)
{
  ProgressReport *report = data;

  report->d->progress (report->fraction, report->d->progress_data);
  return G_SOURCE_REMOVE;
}

/* Called on the export's thread: hands the figure to the caller's */
static void
progress_in_thread (double   fraction,
                    gpointer user_data)
{
  SpWorker *worker = user_data;
  ProgressReport *report = g_new0 (ProgressReport, 1);

  report->d = sp_worker_get_data (worker);
  report->fraction = fraction;
  sp_worker_post (worker, G_PRIORITY_DEFAULT, progress_report_cb, report, g_free);
}

static gboolean
export_thread (SpWorker      *worker,
               SpStore       *reader,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ExportData *d = data;

  return sp_xlsx_export (reader, &d->period, d->path, d->flags,
                         d->progress ? progress_in_thread : NULL, worker, cancellable, error);
}

/**
 * sp_xlsx_export_async:
 * @progress: (nullable) (scope notified): called on the thread-default main
 *   context of the caller, now and then
 *
 * sp_xlsx_export() on a thread, with a read-only connection of its own.
 */
void
sp_xlsx_export_async (SpStore               *store,
                      const SpPeriod        *period,
                      const char            *path,
                      SpXlsxExportFlags      flags,
                      SpExportProgressFunc   progress,
                      gpointer               progress_data,
                      GDestroyNotify         progress_destroy,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  ExportData *d;

  g_return_if_fail (SP_IS_STORE (store));
  g_return_if_fail (period != NULL);
  g_return_if_fail (path != NULL);

  d = g_new0 (ExportData, 1);
  d->path = g_strdup (path);
  d->period = *period;
  d->flags = flags;
  d->progress = progress;
  d->progress_data = progress_data;
  d->progress_destroy = progress_destroy;

  sp_worker_run_async (NULL, store, SP_WORKER_DEFAULT, export_thread, d, export_data_free,
                       cancellable, callback, user_data);
}

gboolean
sp_xlsx_export_finish (GAsyncResult  *result,
                       GError       **error)
{
  return sp_worker_run_finish (result, NULL, error);
}
