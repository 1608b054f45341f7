/* sp-cli-config.c
 *
 * service-pulse config [KEY [VALUE]]
 *
 * Lists, prints or sets the shop's settings, with the checks Preferences
 * makes (sp_shop_set_setting()), so that a script can set up a shop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-cli.h"
#include "sp-shop.h"

int
sp_cli_config (SpCliContext  *context,
               int            argc,
               char         **argv)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!sp_cli_parse ("config", NULL, &argc, &argv, &status))
    return status;

  if (argc > 3)
    return sp_cli_usage_error ("config", "%s", _("config takes at most a key and a value"));

  if (argc == 3)
    {
      /* a setting of a shop that has no database yet would start an empty one */
      if (!(store = sp_cli_open_store_full (context,
                                            SP_STORE_OPEN_VERIFY | SP_STORE_OPEN_NO_CREATE,
                                            TRUE)))
        return SP_EXIT_BAD_INPUT;
      if (!sp_shop_set_setting (store, argv[1], argv[2], &error))
        return sp_cli_fail (error);
      return SP_EXIT_OK;
    }

  if (!(store = sp_cli_open_store (context, TRUE)))
    return SP_EXIT_BAD_INPUT;

  if (argc == 2)
    {
      g_autofree char *value = sp_shop_dup_setting (store, argv[1], &error);

      if (value == NULL)
        return sp_cli_fail (error);
      printf ("%s\n", value);
      return SP_EXIT_OK;
    }

  {
    g_auto(GStrv) names = sp_shop_list_settings ();

    for (guint i = 0; names[i] != NULL; i++)
      {
        g_autofree char *value = sp_shop_dup_setting (store, names[i], &error);

        if (value == NULL)
          return sp_cli_fail (error);
        printf ("%s=%s\n", names[i], value);
      }
  }

  return SP_EXIT_OK;
}
