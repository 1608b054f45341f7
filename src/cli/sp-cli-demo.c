/* sp-cli-demo.c
 *
 * service-pulse demo [--contacts N] [--seed N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-cli.h"
#include "sp-demo.h"

int
sp_cli_demo (SpCliContext  *context,
             int            argc,
             char         **argv)
{
  gint64 contacts = 0;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT64, &contacts,
      N_("How many contacts (default 18,000: a year of a small shop)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Start of the random numbers; the same seed gives the same shop"), "N" },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SpDemoOptions options;
  int status;

  if (!sp_cli_parse ("demo", entries, &argc, &argv, &status))
    return status;

  if (argc > 1)
    /* TRANSLATORS: %s is what was typed on the command line */
    return sp_cli_usage_error ("demo", _("unexpected argument “%s”"), argv[1]);

  if (contacts < 0 || contacts > 50000000)
    return sp_cli_usage_error ("demo", "%s",
                               _("--contacts must be between 1 and 50,000,000"));

  if (seed < 0 || seed > G_MAXUINT32)
    return sp_cli_usage_error ("demo", "%s", _("--seed must be between 0 and 4,294,967,295"));

  if (!(store = sp_cli_open_store (context, FALSE)))
    return SP_EXIT_BAD_INPUT;

  sp_demo_options_init (&options);
  options.contacts = contacts;
  options.seed = (guint32) seed;

  if (!sp_demo_fill (store, &options, &error))
    return sp_cli_fail (error);

  {
    g_autofree char *name = sp_store_is_on_server (store) ? sp_store_dup_display_name (store)
                                                          : g_strdup (sp_store_get_path (store));

    /* TRANSLATORS: %s is the database file, or the database on its server */
    printf (_("Filled %s with a sample shop.\n"), name);
  }
  return SP_EXIT_OK;
}
