/* sp-cli-import.c
 *
 * service-pulse import contacts|surveys|shifts|months|hours|closed-days FILE.csv
 *   [--map "COLUMN=FIELD,…"]… [--date-format "%d.%m.%Y %H:%M"] [--kind csat|nps|ces]
 * service-pulse import --kind contacts|surveys|… FILE.csv …
 * service-pulse import closed-days FILE.ics [--years FROM-TO]
 *
 * --map, --date-format and --kind read other programs' files: which column
 * gives which field ("Ticket opened=received_at"; "Extra=" leaves a column
 * out), the dates' format, and the kind of answers of a survey tool's file
 * that holds one kind only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-cli.h"
#include "sp-date-input.h"
#include "sp-enums.h"
#include "sp-import.h"
#include "sp-time.h"

/* "2026-2030" or "2026" */
static gboolean
parse_years (const char *text,
             int        *from,
             int        *to)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", 2);
  gint64 a, b;

  if (!g_ascii_string_to_signed (parts[0], 10, 1900, 9999, &a, NULL))
    return FALSE;
  if (parts[1] == NULL)
    b = a;
  else if (!g_ascii_string_to_signed (parts[1], 10, 1900, 9999, &b, NULL))
    return FALSE;
  if (a > b)
    return FALSE;

  *from = (int) a;
  *to = (int) b;
  return TRUE;
}

static int
import_ics (SpCliContext *context,
            const char   *path,
            const char   *years)
{
  g_auto(SpCliCreated) created = { NULL };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int from, to, y;
  guint n = 0, skipped = 0;

  /* without a range, this year and the next */
  sp_date_to_ymd (sp_date_today (), &y, NULL, NULL);
  from = y;
  to = y + 1;
  if (years != NULL && !parse_years (years, &from, &to))
    /* TRANSLATORS: %s is the range as typed */
    return sp_cli_usage_error ("import", _("“%s” is not a range of years such as 2026-2030"),
                               years);

  if (!(store = sp_cli_open_store_created (context, &created)))
    return SP_EXIT_BAD_INPUT;

  if (!sp_import_closed_days_ics (store, path, from, to, &n, &skipped, &error))
    {
      sp_cli_remove_created (&created, &store);
      return sp_cli_fail (error);
    }

  /* TRANSLATORS: how many closed days, the first and last year, and the file */
  printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u closed day (%d–%d) from %s.\n",
                       "Imported %u closed days (%d–%d) from %s.\n", n), n, from, to, path);
  if (skipped > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         /* TRANSLATORS: %u is how many events were left out */
                         "Left out %u event with a time of day: only all-day events close "
                         "the shop.\n",
                         "Left out %u events with a time of day: only all-day events close "
                         "the shop.\n", skipped), skipped);
  return SP_EXIT_OK;
}

int
sp_cli_import (SpCliContext  *context,
               int            argc,
               char         **argv)
{
  g_auto(SpCliCreated) created = { NULL };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *years = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *date_format = NULL;
  g_autofree char *kind_text = NULL;
  g_auto(GStrv) maps = NULL;
  g_autoptr(SpImportOptions) options = NULL;
  GOptionEntry entries[] = {
    { "years", 0, 0, G_OPTION_ARG_STRING, &years,
      N_("The years whose closed days an .ics file gives (default: this year and the next)"),
      N_("FROM-TO") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Which field a column of another program's file gives, e.g. "
         "\"Ticket opened=received_at\"; \"Extra=\" leaves a column out; repeat it or "
         "separate with commas"),
      N_("COLUMN=FIELD") },
    { "date-format", 0, 0, G_OPTION_ARG_STRING, &date_format,
      N_("How the file writes dates, e.g. \"%d.%m.%Y %H:%M\" or \"%m/%d/%Y %I:%M %p\" "
         "(default: 2026-12-07 14:00)"),
      N_("FORMAT") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("What the file holds (contacts, surveys, …), or the kind of every answer of a "
         "survey file without a kind column: csat, nps or ces"),
      N_("KIND") },
    { NULL }
  };
  SpImportKind kind = SP_IMPORT_CONTACTS;
  SpSurveyKind survey_kind;
  gboolean have_kind = FALSE;
  const char *path;
  guint n = 0;
  int status;

  if (!sp_cli_parse ("import", entries, &argc, &argv, &status))
    return status;

  options = sp_import_options_new ();

  if (kind_text != NULL)
    {
      if (sp_import_kind_from_string (kind_text, &kind))
        have_kind = TRUE;
      else if (sp_survey_kind_from_string (kind_text, &survey_kind))
        sp_import_options_set_survey_kind (options, survey_kind);
      else
        /* TRANSLATORS: %s is the kind as typed */
        return sp_cli_usage_error ("import", _("“%s” is not a kind for --kind; use contacts, "
                                               "surveys, shifts, months, hours, closed-days, or "
                                               "csat, nps or ces for survey answers"),
                                   kind_text);
    }

  if (argc == 2 && have_kind)
    path = argv[1];
  else if (argc == 2 && kind_text != NULL)
    {
      /* --kind csat: a survey file */
      kind = SP_IMPORT_SURVEYS;
      path = argv[1];
    }
  else if (argc == 3 && !have_kind)
    {
      if (!sp_import_kind_from_string (argv[1], &kind))
        /* TRANSLATORS: %s is the kind as typed */
        return sp_cli_usage_error ("import", _("“%s” is not something to import; use contacts, "
                                               "surveys, shifts, months, hours or closed-days"),
                                   argv[1]);
      path = argv[2];
    }
  else
    return sp_cli_usage_error ("import", "%s", _("import needs a kind and a file"));

  if (kind_text != NULL && !have_kind && kind != SP_IMPORT_SURVEYS)
    /* TRANSLATORS: the kind as typed (csat, nps or ces), then what the file holds */
    return sp_cli_usage_error ("import", _("--kind %s is for survey answers, not %s"), kind_text,
                               sp_import_kind_to_string (kind));

  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      if (!sp_import_options_parse_map (options, maps[i], &error))
        return sp_cli_usage_error ("import", "--map: %s", error->message);
    }

  if (date_format != NULL)
    {
      g_autofree char *reason = NULL;

      if (!sp_date_format_is_valid (date_format, &reason))
        return sp_cli_usage_error ("import", "--date-format: %s", reason);
      sp_import_options_set_date_format (options, date_format);
    }

  /* "-": standard input, e.g. a pipe */
  if (!g_str_equal (path, "-") && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* TRANSLATORS: %s is the file name */
      fprintf (stderr, _("%s: no such file\n"), path);
      return SP_EXIT_BAD_INPUT;
    }

  lower = g_ascii_strdown (path, -1);
  if (kind == SP_IMPORT_CLOSED_DAYS && g_str_has_suffix (lower, ".ics"))
    {
      if (maps != NULL || date_format != NULL)
        return sp_cli_usage_error ("import", "%s", _("--map and --date-format are for CSV "
                                                     "files"));
      return import_ics (context, path, years);
    }

  if (years != NULL)
    return sp_cli_usage_error ("import", "%s", _("--years is for closed days from an .ics file"));

  if (!(store = sp_cli_open_store_created (context, &created)))
    return SP_EXIT_BAD_INPUT;

  /* a file of the app's own, read as before */
  if (maps == NULL && date_format == NULL && (kind_text == NULL || have_kind))
    g_clear_pointer (&options, sp_import_options_free);

  if (!sp_import_file_full (store, kind, path, options, &n, &error))
    {
      /* nothing is changed: not even a new, empty database is left */
      sp_cli_remove_created (&created, &store);
      return sp_cli_fail (error);
    }

  /* TRANSLATORS: %u is how many rows, %s the file */
  printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u row from %s.\n",
                       "Imported %u rows from %s.\n", n), n, path);
  return SP_EXIT_OK;
}
