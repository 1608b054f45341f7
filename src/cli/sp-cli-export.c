/* sp-cli-export.c
 *
 * service-pulse export-xlsx FILE.xlsx --from DATE --to DATE
 * service-pulse export-csv FOLDER --from DATE --to DATE
 * service-pulse export-csv FILE.csv|- --from DATE --to DATE --sheet NAME
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-cli.h"
#include "sp-csv-export.h"
#include "sp-xlsx-export.h"

/* --from and --to, both required, as whole days */
static int
parse_period (const char *verb,
              const char *from_text,
              const char *to_text,
              SpPeriod   *period)
{
  g_autofree char *reason = NULL;

  if (from_text == NULL || to_text == NULL)
    /* TRANSLATORS: %s is a command such as export-xlsx */
    return sp_cli_usage_error (verb, _("%s needs --from and --to"), verb);

  if (!sp_date_parse (from_text, &period->from, &reason))
    /* TRANSLATORS: the date as typed, then what is wrong with it */
    return sp_cli_usage_error (verb, _("--from “%s”: %s"), from_text, reason);
  g_clear_pointer (&reason, g_free);
  if (!sp_date_parse (to_text, &period->to, &reason))
    /* TRANSLATORS: the date as typed, then what is wrong with it */
    return sp_cli_usage_error (verb, _("--to “%s”: %s"), to_text, reason);

  if (period->to < period->from)
    return sp_cli_usage_error (verb, "%s", _("--to is before --from"));

  return sp_cli_check_period (verb, period);
}

int
sp_cli_export_xlsx (SpCliContext  *context,
                    int            argc,
                    char         **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (YYYY-MM-DD)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day, inclusive (YYYY-MM-DD)"), "DATE" },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *period_text = NULL;
  SpPeriod period;
  int status;

  if (!sp_cli_parse ("export-xlsx", entries, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return sp_cli_usage_error ("export-xlsx", "%s", _("export-xlsx needs the workbook to write"));
  if (argc > 2)
    /* TRANSLATORS: %s is what was typed on the command line */
    return sp_cli_usage_error ("export-xlsx", _("unexpected argument “%s”"), argv[2]);

  if ((status = parse_period ("export-xlsx", from_text, to_text, &period)) != SP_EXIT_OK)
    return status;

  if (!(store = sp_cli_open_store (context, TRUE)))
    return SP_EXIT_BAD_INPUT;

  if (!sp_xlsx_export (store, &period, argv[1], SP_XLSX_EXPORT_DEFAULT, NULL, NULL, NULL, &error))
    return sp_cli_fail (error);

  period_text = sp_period_format (&period);
  /* TRANSLATORS: the period ("November 2026"), then the file written */
  printf (_("Exported %s to %s\n"), period_text, argv[1]);
  return SP_EXIT_OK;
}

int
sp_cli_export_csv (SpCliContext  *context,
                   int            argc,
                   char         **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *sheet = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (YYYY-MM-DD)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day, inclusive (YYYY-MM-DD)"), "DATE" },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("Write only this sheet (contacts, escalations, surveys, shifts, months) to FILE, or "
         "to standard output for -"), N_("NAME") },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SpExportTable table = SP_EXPORT_CONTACTS;
  SpPeriod period;
  const char *target;
  gboolean ok;
  int status;

  if (!sp_cli_parse ("export-csv", entries, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return sp_cli_usage_error ("export-csv", "%s",
                               _("export-csv needs a folder, or a file with --sheet"));
  if (argc > 2)
    /* TRANSLATORS: %s is what was typed on the command line */
    return sp_cli_usage_error ("export-csv", _("unexpected argument “%s”"), argv[2]);
  target = argv[1];

  if (sheet != NULL && !sp_export_table_from_key (sheet, &table))
    /* TRANSLATORS: %s is the sheet name as typed */
    return sp_cli_usage_error ("export-csv", _("“%s” is not a sheet; use contacts, escalations, "
                                               "surveys, shifts or months"), sheet);

  /* Without --sheet the five files go into a folder: a name ending in .csv
   * is surely meant as a file */
  if (sheet == NULL && (g_str_has_suffix (target, ".csv") || g_str_has_suffix (target, ".CSV") ||
                        g_str_equal (target, "-")))
    /* TRANSLATORS: %s is the file name as typed */
    return sp_cli_usage_error ("export-csv", _("give --sheet to write one sheet to “%s”, or a "
                                               "folder for all of them"), target);

  if ((status = parse_period ("export-csv", from_text, to_text, &period)) != SP_EXIT_OK)
    return status;

  if (!(store = sp_cli_open_store (context, TRUE)))
    return SP_EXIT_BAD_INPUT;

  if (sheet == NULL)
    ok = sp_csv_export_all (store, &period, target, NULL, &error);
  else if (g_str_equal (target, "-"))
    ok = sp_csv_export_to_stream (store, &period, table, stdout, NULL, &error);
  else
    ok = sp_csv_export_table (store, &period, table, target, NULL, &error);

  if (!ok)
    return sp_cli_fail (error);

  if (!g_str_equal (target, "-"))
    {
      g_autofree char *period_text = sp_period_format (&period);

      /* TRANSLATORS: the period ("November 2026"), then the file written */
      printf (_("Exported %s to %s\n"), period_text, target);
    }

  return SP_EXIT_OK;
}
