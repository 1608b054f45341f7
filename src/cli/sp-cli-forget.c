/* sp-cli-forget.c
 *
 * service-pulse forget-customer NAME [--delete-backups]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gstdio.h>

#include <errno.h>

#include <inttypes.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-backup.h"
#include "sp-cli.h"
#include "sp-error.h"
#include "sp-privacy.h"
#include "sp-shop-move.h"

/* The rest of the job, when another program held the old pages */
static void
print_how_to_finish (SpCliContext *context,
                     gboolean      backups_too)
{
  g_autofree char *command = NULL;

  if (context->db_path != NULL)
    {
      g_autofree char *quoted = g_shell_quote (context->db_path);
      command = g_strdup_printf ("service-pulse --db %s forget-customer --finish%s", quoted,
                                 backups_too ? " --delete-backups" : "");
    }
  else
    {
      command = g_strdup_printf ("service-pulse forget-customer --finish%s",
                                 backups_too ? " --delete-backups" : "");
    }

  /* TRANSLATORS: %s is the command to run, e.g. "service-pulse forget-customer --finish" */
  fprintf (stderr, _("Close it (the Service Pulse window, or the other program), then run "
                     "“%s” to finish.\n"), command);
}

int
sp_cli_forget_customer (SpCliContext  *context,
                        int            argc,
                        char         **argv)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) erase_error = NULL;
  g_autoptr(SpEntity) customer = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  SpForgetSummary summary;
  gboolean delete_backups = FALSE;
  gboolean finish = FALSE;
  gboolean erased;
  GOptionEntry entries[] = {
    { "delete-backups", 0, 0, G_OPTION_ARG_NONE, &delete_backups,
      N_("Also replace the backups, which still hold the customer, with one new backup"), NULL },
    { "finish", 0, 0, G_OPTION_ARG_NONE, &finish,
      N_("Finish forgetting once the other programs have closed the database (no NAME)"), NULL },
    { NULL }
  };
  gint64 id = 0;
  int status;

  if (!sp_cli_parse ("forget-customer", entries, &argc, &argv, &status))
    return status;

  /* with --finish or --delete-backups alone: the rest of an earlier run */
  if (argc == 1 && (finish || delete_backups))
    ;
  else if (argc != 2 || *argv[1] == '\0' || finish)
    return sp_cli_usage_error ("forget-customer", "%s",
                               finish ? _("forget-customer --finish takes no name")
                                      : _("forget-customer needs the customer's name"));

  if (!(store = sp_cli_open_store_full (context,
                                        SP_STORE_OPEN_NO_CREATE | SP_STORE_OPEN_VERIFY, TRUE)))
    return SP_EXIT_BAD_INPUT;

  /* the copies kept before restores are the owner's way back: only the owner deletes them */
  if (delete_backups && sp_store_get_role (store) != SP_STORE_ROLE_OWNER)
    {
      g_autofree char *login = sp_store_dup_login (store);

      g_set_error (&error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                   /* TRANSLATORS: %s is the login's name */
                   _("Only the shop’s owner may delete the copies kept before restores; the "
                     "login “%s” is not in the owner’s group."), login);
      return sp_cli_fail (error);
    }

  if (argc == 2)
    {
      id = sp_store_find_entity (store, SP_ENTITY_CUSTOMER, argv[1]);
      if (id <= 0)
        {
          /* TRANSLATORS: %s is the name as typed */
          fprintf (stderr, _("There is no customer called “%s”.\n"), argv[1]);
          return SP_EXIT_BAD_INPUT;
        }

      if (!(customer = sp_store_load_entity (store, SP_ENTITY_CUSTOMER, id, &error)) ||
          !sp_store_count_customer_records (store, id, &summary, &error) ||
          !sp_store_forget_customer (store, id, &error))
        return sp_cli_fail (error);

      g_clear_object (&customer);
      customer = sp_store_load_entity (store, SP_ENTITY_CUSTOMER, id, NULL);

      {
        g_autofree char *notes = NULL;
        g_autofree char *comments = NULL;
        g_autofree char *mentions = NULL;

        notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* TRANSLATORS: a part of a longer sentence:
                                               * "Erased the notes of 2 contacts and …" */
                                              "the notes of %" PRId64 " contact",
                                              "the notes of %" PRId64 " contacts",
                                              (gulong) summary.contacts),
                                 summary.contacts);
        comments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 /* TRANSLATORS: a part of a longer sentence: "…
                                                  * and the comments of 1 survey answer" */
                                                 "the comments of %" PRId64 " survey answer",
                                                 "the comments of %" PRId64 " survey answers",
                                                 (gulong) summary.surveys),
                                    summary.surveys);
        mentions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 /* TRANSLATORS: a part of a longer sentence:
                                                  * "and replaced 3 mentions in other records" */
                                                 "%" PRId64 " mention",
                                                 "%" PRId64 " mentions",
                                                 (gulong) summary.mentions),
                                    summary.mentions);
        /* TRANSLATORS: the last three are "the notes of 2 contacts", "the comments of
         * 1 survey answer" and "3 mentions" */
        printf (_("Forgot “%s”: the customer is now “%s”. Erased %s and %s, and replaced %s "
                  "in other records.\n"),
                argv[1], customer ? customer->name : "", notes, comments, mentions);
      }
    }

  /* a reader that still looks at the old pages keeps them in the file */
  erased = sp_store_erase_old_pages (store, finish, &erase_error);
  if (!erased && !g_error_matches (erase_error, SP_ERROR, SP_ERROR_BUSY))
    return sp_cli_fail (erase_error);

  if (sp_store_is_on_server (store))
    {
      /* no backups of its own on this computer: the copies kept before each restore, and
       * the server's backups, which are not this program's to change */
      g_autofree char *database = sp_store_dup_server_database (store);
      g_autoptr(GPtrArray) copies = sp_shop_list_server_copies (database);
      g_autoptr(GError) delete_error = NULL;
      guint n = 0;

      if (delete_backups && !sp_shop_delete_server_copies (database, &n, &delete_error))
        fprintf (stderr, "%s\n", delete_error->message);
      if (delete_backups)
        printf (g_dngettext (GETTEXT_PACKAGE,
                             /* TRANSLATORS: %u is how many copies were deleted */
                             "Deleted %u copy this computer kept before a restore.\n",
                             "Deleted %u copies this computer kept before restores.\n", n), n);
      else if (copies->len > 0)
        printf (g_dngettext (GETTEXT_PACKAGE,
                             /* TRANSLATORS: %u is how many copies */
                             "The %u copy this computer kept before a restore still holds the "
                             "customer: run this again with --delete-backups instead of the "
                             "name to delete it.\n",
                             "The %u copies this computer kept before restores still hold the "
                             "customer: run this again with --delete-backups instead of the "
                             "name to delete them.\n",
                             copies->len),
                copies->len);
      printf ("%s\n", _("The server’s own backups of the shop still hold the customer: ask "
                        "whoever looks after the server."));
    }
  else if (delete_backups)
    {
      guint n = 0;
      g_autofree char *fresh = sp_backup_replace_all (store, &n, &error);

      if (fresh == NULL)
        {
          /* TRANSLATORS: %s is why the backup failed */
          fprintf (stderr, _("No backup was deleted, because the new one could not be made: "
                             "%s\n"), error->message);
          return SP_EXIT_BAD_INPUT;
        }
      /* TRANSLATORS: %s is the new backup's file */
      printf (_("Made a new backup without the customer: %s\n"), fresh);
      /* TRANSLATORS: %u is how many backups were deleted */
      printf (g_dngettext (GETTEXT_PACKAGE, "Deleted %u older backup.\n",
                           "Deleted %u older backups.\n", n), n);
    }
  else if ((backups = sp_backup_list (sp_store_get_path (store), NULL)) && backups->len > 0)
    {
      g_autofree char *folder = sp_backup_dup_folder (sp_store_get_path (store));

      printf (g_dngettext (GETTEXT_PACKAGE,
                           /* TRANSLATORS: %u is how many backups, %s their folder */
                           "The %u backup in %s was made before and still holds the customer: "
                           "run this again with --delete-backups instead of the name to "
                           "replace it with a new backup without the customer.\n",
                           "The %u backups in %s were made before and still hold the customer: "
                           "run this again with --delete-backups instead of the name to "
                           "replace them with one new backup without the customer.\n",
                           backups->len),
              backups->len, folder);
    }

  if (!erased)
    {
      fprintf (stderr, "%s\n", erase_error->message);
      print_how_to_finish (context, !delete_backups && backups != NULL && backups->len > 0);
      return SP_EXIT_BAD_INPUT;
    }

  if (finish)
    /* TRANSLATORS: said when the database was also cleaned of old text */
    printf (_("Nothing of the forgotten customers is left in unused parts of the file.\n"));

  return SP_EXIT_OK;
}
