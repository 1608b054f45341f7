/* sp-cli-forget.c
 *
 * service-pulse forget-customer NAME [--delete-backups]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-backup.h"
#include "sp-cli.h"
#include "sp-error.h"
#include "sp-privacy.h"

int
sp_cli_forget_customer (SpCliContext  *context,
                        int            argc,
                        char         **argv)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpEntity) customer = NULL;
  SpForgetSummary summary;
  gboolean delete_backups = FALSE;
  GOptionEntry entries[] = {
    { "delete-backups", 0, 0, G_OPTION_ARG_NONE, &delete_backups,
      N_("Also delete the backups, which still hold the customer, and make a new one"), NULL },
    { NULL }
  };
  gint64 id;
  int status;

  if (!sp_cli_parse ("forget-customer", entries, &argc, &argv, &status))
    return status;

  if (argc != 2 || *argv[1] == '\0')
    return sp_cli_usage_error ("forget-customer", "%s",
                               _("forget-customer needs the customer's name"));

  if (!(store = sp_cli_open_store_full (context,
                                        SP_STORE_OPEN_NO_CREATE | SP_STORE_OPEN_VERIFY, TRUE)))
    return SP_EXIT_BAD_INPUT;

  id = sp_store_find_entity (store, SP_ENTITY_CUSTOMER, argv[1]);
  if (id <= 0)
    {
      fprintf (stderr, _("There is no customer called “%s”.\n"), argv[1]);
      return SP_EXIT_BAD_INPUT;
    }

  if (!(customer = sp_store_get_entity (store, SP_ENTITY_CUSTOMER, id, &error)) ||
      !sp_store_count_customer_records (store, id, &summary, &error) ||
      !sp_store_forget_customer (store, id, &error))
    return sp_cli_fail (error);

  g_clear_object (&customer);
  customer = sp_store_get_entity (store, SP_ENTITY_CUSTOMER, id, NULL);

  printf (_("Forgot “%s”: the customer is now “%s”. Erased the notes of %" PRId64
            " contacts and the comments of %" PRId64 " survey answers, and replaced "
            "%" PRId64 " mentions in other records.\n"),
          argv[1], customer ? customer->name : "", summary.contacts, summary.surveys,
          summary.mentions);

  if (delete_backups)
    {
      guint n = sp_backup_delete_all (sp_store_get_path (store));
      g_autofree char *fresh = sp_backup_create (store, SP_BACKUP_MANUAL, &error);

      printf (g_dngettext (GETTEXT_PACKAGE, "Deleted %u backup.\n", "Deleted %u backups.\n", n),
              n);
      if (fresh == NULL)
        return sp_cli_fail (error);
      printf (_("Made a new backup without the customer: %s\n"), fresh);
    }
  else
    {
      g_autoptr(GPtrArray) backups = sp_backup_list (sp_store_get_path (store), NULL);
      g_autofree char *folder = sp_backup_get_folder (sp_store_get_path (store));

      if (backups != NULL && backups->len > 0)
        printf (_("The %u backups in %s were made before and still hold the customer: delete "
                  "them to erase the customer there too (--delete-backups does that and makes "
                  "a new backup).\n"), backups->len, folder);
    }

  return SP_EXIT_OK;
}
