/* sp-xlsx-cells.c
 *
 * The primitives every sheet of the workbook is written with: the formats
 * (one of each, cached), the cells (typed text always as a string, numbers
 * in the C locale, formulas with the app's value cached), row heights for
 * wrapped text, the first line of a sheet and its print setup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sp-xlsx-private.h"

/* Keeps the first failure of a libxlsxwriter call; TRUE while there is none */
gboolean
sp_xlsx_check (SpXlsx    *x,
               lxw_error  status)
{
  if (G_UNLIKELY (status != LXW_NO_ERROR) && x->lxw_status == LXW_NO_ERROR)
    x->lxw_status = status;
  return x->lxw_status == LXW_NO_ERROR;
}

/* Text for people, formatted in their own locale while the file's numbers use C */

char *
sp_xlsx_printf (SpXlsx     *x,
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

void
sp_xlsx_column_name (guint  column,
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

double
sp_xlsx_serial_time (SpTime time)
{
  return (double) time / 86400.0 + EXCEL_EPOCH;
}

double
sp_xlsx_serial_date (SpDate date)
{
  return (double) date + EXCEL_EPOCH;
}

/* Typed text: always a string, whatever it starts with; cut at Excel's limit */
void
sp_xlsx_write_text (SpXlsx         *x,
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

      sp_xlsx_check (x, worksheet_write_string (ws, row, col, cut, format));
      return;
    }

  sp_xlsx_check (x, worksheet_write_string (ws, row, col, text, format));
}

/* A number, or nothing when there is none */
void
sp_xlsx_write_number (SpXlsx        *x,
                      lxw_worksheet *ws,
                      lxw_row_t      row,
                      lxw_col_t      col,
                      double         value,
                      lxw_format    *format)
{
  if (!isnan (value))
    sp_xlsx_check (x, worksheet_write_number (ws, row, col, value, format));
}

/* A formula with the app's value as its cached result ("" for no value) */
void
sp_xlsx_write_formula (SpXlsx        *x,
                       lxw_worksheet *ws,
                       lxw_row_t      row,
                       lxw_col_t      col,
                       const char    *formula,
                       double         value,
                       lxw_format    *format)
{
  if (isnan (value))
    sp_xlsx_check (x, worksheet_write_formula_str (ws, row, col, formula, format, ""));
  else
    sp_xlsx_check (x, worksheet_write_formula_num (ws, row, col, formula, format, value));
}

void
sp_xlsx_write_header (SpXlsx         *x,
                      lxw_worksheet  *ws,
                      lxw_row_t       row,
                      const char    **titles,
                      guint           n_titles)
{
  for (guint c = 0; c < n_titles; c++)
    sp_xlsx_write_text (x, ws, row, c, titles[c], x->f_header);
}

/*
 * libxlsxwriter does not fit rows to their text, and LibreOffice keeps the
 * height a file gives: the lines wrapped text takes in a column @width
 * characters wide, word by word, so that a row can be made tall enough.
 */
guint
sp_xlsx_text_lines (const char *text,
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
void
sp_xlsx_fit_row (SpXlsx        *x,
                 lxw_worksheet *ws,
                 lxw_row_t      row,
                 guint          lines,
                 lxw_format    *format)
{
  if (lines > 1)
    sp_xlsx_check (x, worksheet_set_row (ws, row, lines * LINE_POINTS + 2, format));
}

/* The header row of a table: tall enough for each column's title, never cut */
void
sp_xlsx_fit_header (SpXlsx             *x,
                    lxw_worksheet      *ws,
                    lxw_row_t           row,
                    const char * const *titles,
                    const double       *widths,
                    guint               n_titles)
{
  guint lines = 1;

  for (guint c = 0; c < n_titles; c++)
    lines = MAX (lines, sp_xlsx_text_lines (titles[c], widths[c]));
  sp_xlsx_check (x, worksheet_set_row (ws, row, MAX (2, lines) * LINE_POINTS + 2, NULL));
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
void
sp_xlsx_set_print (SpXlsx      *x,
                   SpXlsxSheet  sheet,
                   gboolean     landscape,
                   int          repeat_row)
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
    sp_xlsx_check (x, worksheet_repeat_rows (ws, repeat_row, repeat_row));

  header = g_strdup_printf ("&L%s&R%s", shop, period);
  /* TRANSLATORS: the footer of a printed sheet; &P and &N are the page and the pages */
  footer = g_strdup_printf ("&L%s&R%s", name, _("Page &P of &N"));
  sp_xlsx_check (x, worksheet_set_header (ws, header));
  sp_xlsx_check (x, worksheet_set_footer (ws, footer));
}

void
sp_xlsx_write_sheet_top (SpXlsx        *x,
                         lxw_worksheet *ws)
{
  g_autofree char *line = NULL;

  if (x->shop_name != NULL)
    /* TRANSLATORS: the first line of a sheet: the shop's name, the period */
    line = g_strdup_printf (_("%s · %s"), x->shop_name, x->period_text);
  else
    line = g_strdup (x->period_text);
  sp_xlsx_write_text (x, ws, 0, 0, line, x->f_subtitle);
}

lxw_format *
sp_xlsx_unit_format (SpXlsx   *x,
                     SpKpi     kpi,
                     gboolean  bold)
{
  SpUnit unit = sp_kpi_get_unit (kpi);

  return bold ? x->f_bold_unit[unit] : x->f_unit[unit];
}

const char *
sp_xlsx_unit_label (SpXlsx *x,
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
char *
sp_xlsx_column_title (SpXlsx *x,
                      SpKpi   kpi)
{
  const char *unit = sp_xlsx_unit_label (x, kpi);

  if (*unit == '\0' || sp_kpi_get_unit (kpi) == SP_UNIT_NPS ||
      sp_kpi_get_unit (kpi) == SP_UNIT_SCORE)
    return g_strdup (sp_kpi_get_short_name (kpi));
  return g_strdup_printf ("%s (%s)", sp_kpi_get_short_name (kpi), unit);
}

char *
sp_xlsx_in_user_locale (SpXlsx *x,
                        char  *(*format) (gconstpointer),
                        gconstpointer data)
{
  char *text;

  uselocale (x->user_locale);
  text = format (data);
  uselocale (x->c_locale);
  return text;
}
/* Formats */

static lxw_format *
add_format (SpXlsx     *x,
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
number_format (SpXlsx     *x,
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
money_code (SpXlsx *x)
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

void
sp_xlsx_add_formats (SpXlsx *x)
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
