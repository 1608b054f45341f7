/* sp-cli-report.c
 *
 * service-pulse report FILE.pdf [--month YYYY-MM | --quarter YYYY-Qn |
 *                               --from DATE --to DATE] [--paper a4|letter]
 *                               [--sections LIST]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-cli.h"
#include "sp-error.h"
#include "sp-report-layout.h"

/* "2026-Q3" (or q3) */
static gboolean
parse_quarter (const char *text,
               SpPeriod   *period)
{
  int year = 0, quarter = 0;
  char q = 0, end = 0;

  if (sscanf (text, "%4d-%c%1d%c", &year, &q, &quarter, &end) != 3 ||
      (q != 'Q' && q != 'q') || quarter < 1 || quarter > 4 || year < 1900 || year > 9999)
    return FALSE;

  period->from = sp_date_from_ymd (year, (quarter - 1) * 3 + 1, 1);
  period->to = sp_date_quarter_end (period->from);
  return TRUE;
}

int
sp_cli_report (SpCliContext  *context,
               int            argc,
               char         **argv)
{
  g_autofree char *month_text = NULL;
  g_autofree char *quarter_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *sections_text = NULL;
  GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text,
      N_("The month to report on (default: the last whole month)"), "YYYY-MM" },
    { "quarter", 0, 0, G_OPTION_ARG_STRING, &quarter_text, N_("A quarter instead"), "YYYY-Qn" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Or any days: the first"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("and the last, inclusive"), "DATE" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text,
      N_("a4 or letter (default: as the locale's paper)"), "PAPER" },
    { "sections", 0, 0, G_OPTION_ARG_STRING, &sections_text,
      N_("Only these, comma-separated: summary, findings, charts, first-response, volume, "
         "agents, goals, notes (default: all)"), N_("LIST") },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpReport) report = NULL;
  g_autoptr(SpReportLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  SpReportSections sections = SP_REPORT_ALL_SECTIONS;
  SpPaper paper = sp_paper_for_locale (NULL);
  SpPeriod period;
  double width, height;
  const char *path;
  int n_periods;
  int status;

  if (!sp_cli_parse ("report", entries, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return sp_cli_usage_error ("report", "%s", _("report needs the PDF file to write"));
  if (argc > 2)
    /* TRANSLATORS: %s is what was typed on the command line */
    return sp_cli_usage_error ("report", _("unexpected argument “%s”"), argv[2]);
  path = argv[1];

  n_periods = (month_text != NULL) + (quarter_text != NULL) +
              (from_text != NULL || to_text != NULL);
  if (n_periods > 1)
    return sp_cli_usage_error ("report", "%s",
                               _("choose one of --month, --quarter and --from/--to"));

  if (month_text != NULL)
    {
      int year, month;

      if (!sp_month_parse (month_text, &year, &month, &reason))
        /* TRANSLATORS: the month as typed, then what is wrong with it */
        return sp_cli_usage_error ("report", _("--month “%s”: %s"), month_text, reason);
      period.from = sp_date_from_ymd (year, month, 1);
      period.to = sp_date_month_end (period.from);
    }
  else if (quarter_text != NULL)
    {
      if (!parse_quarter (quarter_text, &period))
        /* TRANSLATORS: %s is the quarter as typed */
        return sp_cli_usage_error ("report", _("--quarter “%s”: write the year and the quarter, "
                                               "as in 2026-Q3"), quarter_text);
    }
  else if (from_text != NULL || to_text != NULL)
    {
      if (from_text == NULL || to_text == NULL)
        return sp_cli_usage_error ("report", "%s", _("--from and --to go together"));
      if (!sp_date_parse (from_text, &period.from, &reason))
        /* TRANSLATORS: the date as typed, then what is wrong with it */
        return sp_cli_usage_error ("report", _("--from “%s”: %s"), from_text, reason);
      g_clear_pointer (&reason, g_free);
      if (!sp_date_parse (to_text, &period.to, &reason))
        /* TRANSLATORS: the date as typed, then what is wrong with it */
        return sp_cli_usage_error ("report", _("--to “%s”: %s"), to_text, reason);
      if (period.to < period.from)
        return sp_cli_usage_error ("report", "%s", _("--to is before --from"));
    }
  else
    {
      period.from = sp_date_add_months (sp_date_month_start (sp_date_today ()), -1);
      period.to = sp_date_month_end (period.from);
    }

  if ((status = sp_cli_check_period ("report", &period)) != SP_EXIT_OK)
    return status;

  if (paper_text != NULL && !sp_paper_from_string (paper_text, &paper))
    /* TRANSLATORS: %s is the paper as typed */
    return sp_cli_usage_error ("report", _("--paper “%s”: use a4 or letter"), paper_text);

  if (sections_text != NULL &&
      (sections = sp_report_sections_parse (sections_text, &error)) == 0)
    return sp_cli_usage_error ("report", "%s", error->message);

  if (!(store = sp_cli_open_store (context, TRUE)))
    return SP_EXIT_BAD_INPUT;

  report = sp_report_new (&period, sections);
  if (!sp_report_load (report, store, NULL, &error))
    return sp_cli_fail (error);

  sp_paper_get_size (paper, &width, &height);
  layout = sp_report_layout_new (report, width, height);

  if (!sp_report_layout_write_pdf (layout, path, &error))
    {
      fprintf (stderr, "service-pulse: %s\n", error->message);
      return SP_EXIT_BAD_INPUT;
    }

  return SP_EXIT_OK;
}
