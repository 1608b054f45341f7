/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cli/sp-cli.h"
#include "sp-backup.h"
#include "ui/sp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SpApplication) app = NULL;
  g_autofree char *summary = NULL;
  int status;

  setlocale (LC_ALL, "");
  /* an uninstalled build (build-aux/run, the tests) reads the translations it made */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SERVICE_PULSE_LOCALEDIR") != NULL
                                   ? g_getenv ("SERVICE_PULSE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A database about to be updated is copied into its backups first */
  sp_backup_init ();

  /* A verb runs on the command line, with no display needed */
  if (sp_cli_find_verb (argc, argv))
    return sp_cli_run (argc, argv);
  if ((status = sp_cli_check_options (argc, argv)) != 0)
    return status;

  app = sp_application_new ();
  summary = sp_cli_dup_summary ();
  g_application_set_option_context_summary (G_APPLICATION (app), summary);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
