/* sp-cli-import.c
 *
 * service-pulse import contacts|surveys|shifts|months|hours|closed-days FILE.csv
 * service-pulse import closed-days FILE.ics [--years FROM-TO]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-cli.h"
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
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int from, to, y;
  guint n = 0, skipped = 0;

  /* without a range, this year and the next */
  sp_date_to_ymd (sp_date_today (), &y, NULL, NULL);
  from = y;
  to = y + 1;
  if (years != NULL && !parse_years (years, &from, &to))
    return sp_cli_usage_error ("import", _("“%s” is not a range of years such as 2026-2030"),
                               years);

  if (!(store = sp_cli_open_store (context, FALSE)))
    return SP_EXIT_BAD_INPUT;

  if (!sp_import_closed_days_ics (store, path, from, to, &n, &skipped, &error))
    return sp_cli_fail (error);

  printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u closed day (%d–%d) from %s.\n",
                       "Imported %u closed days (%d–%d) from %s.\n", n), n, from, to, path);
  if (skipped > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
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
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *years = NULL;
  g_autofree char *lower = NULL;
  GOptionEntry entries[] = {
    { "years", 0, 0, G_OPTION_ARG_STRING, &years,
      N_("The years whose closed days an .ics file gives (default: this year and the next)"),
      N_("FROM-TO") },
    { NULL }
  };
  SpImportKind kind;
  guint n = 0;
  int status;

  if (!sp_cli_parse ("import", entries, &argc, &argv, &status))
    return status;

  if (argc != 3)
    return sp_cli_usage_error ("import", "%s", _("import needs a kind and a file"));

  if (!sp_import_kind_from_string (argv[1], &kind))
    return sp_cli_usage_error ("import", _("“%s” is not something to import; use contacts, "
                                           "surveys, shifts, months, hours or closed-days"),
                               argv[1]);

  /* "-": standard input, e.g. a pipe */
  if (!g_str_equal (argv[2], "-") && !g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, _("%s: no such file\n"), argv[2]);
      return SP_EXIT_BAD_INPUT;
    }

  lower = g_ascii_strdown (argv[2], -1);
  if (kind == SP_IMPORT_CLOSED_DAYS && g_str_has_suffix (lower, ".ics"))
    return import_ics (context, argv[2], years);

  if (years != NULL)
    return sp_cli_usage_error ("import", "%s", _("--years is for closed days from an .ics file"));

  if (!(store = sp_cli_open_store (context, FALSE)))
    return SP_EXIT_BAD_INPUT;

  if (!sp_import_file (store, kind, argv[2], &n, &error))
    return sp_cli_fail (error);

  printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u row from %s.\n",
                       "Imported %u rows from %s.\n", n), n, argv[2]);
  return SP_EXIT_OK;
}
