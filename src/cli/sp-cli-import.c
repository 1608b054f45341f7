/* sp-cli-import.c
 *
 * service-pulse import contacts|surveys|shifts|months FILE.csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-cli.h"
#include "sp-import.h"

int
sp_cli_import (SpCliContext  *context,
               int            argc,
               char         **argv)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SpImportKind kind;
  guint n = 0;
  int status;

  if (!sp_cli_parse ("import", NULL, &argc, &argv, &status))
    return status;

  if (argc != 3)
    return sp_cli_usage_error ("import", "%s", _("import needs a kind and a file"));

  if (!sp_import_kind_from_string (argv[1], &kind))
    return sp_cli_usage_error ("import", _("“%s” is not something to import; use contacts, "
                                           "surveys, shifts or months"), argv[1]);

  /* "-": standard input, e.g. a pipe */
  if (!g_str_equal (argv[2], "-") && !g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, _("%s: no such file\n"), argv[2]);
      return SP_EXIT_BAD_INPUT;
    }

  if (!(store = sp_cli_open_store (context, FALSE)))
    return SP_EXIT_BAD_INPUT;

  if (!sp_import_file (store, kind, argv[2], &n, &error))
    return sp_cli_fail (error);

  printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u row from %s.\n",
                       "Imported %u rows from %s.\n", n), n, argv[2]);
  return SP_EXIT_OK;
}
