/* sp-cli-backup.c
 *
 * service-pulse backup [FILE | --to FOLDER] [--list]
 * service-pulse backup --second-folder FOLDER
 * service-pulse restore FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sp-backup.h"
#include "sp-cli.h"
#include "sp-error.h"

static char *
describe (const char *path)
{
  SpBackupSummary summary;
  g_autoptr(GError) error = NULL;

  if (!sp_backup_inspect (path, &summary, &error))
    return g_strdup (error->message);

  return sp_backup_describe_summary (&summary);
}

/* The second backup folder set in Preferences, read without changing the file */
static char *
dup_second_folder (const char *db_path)
{
  g_autoptr(SpStore) store = sp_store_open (db_path,
                                            SP_STORE_OPEN_READ_ONLY | SP_STORE_OPEN_NO_CREATE,
                                            NULL);

  return store != NULL ? sp_backup_dup_second_folder (store) : NULL;
}

static int
list_backups (const char *db_path)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = sp_backup_dup_folder (db_path);
  g_autofree char *second = dup_second_folder (db_path);

  if (!(backups = sp_backup_list_everywhere (db_path, second, &error)))
    return sp_cli_fail (error);

  if (backups->len == 0)
    {
      if (second != NULL)
        /* TRANSLATORS: the backups folder, then the second backup folder */
        printf (_("There are no backups in %s or %s yet.\n"), folder, second);
      else
        /* TRANSLATORS: %s is the backups folder */
        printf (_("There are no backups in %s yet.\n"), folder);
      return SP_EXIT_OK;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      SpBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *when = sp_time_format_iso (info->time);
      g_autofree char *what = describe (info->path);

      printf ("%s  %s\n    %s\n    %s\n", when, sp_backup_reason_get_label (info->reason), what,
              info->path);
    }

  return SP_EXIT_OK;
}

int
sp_cli_backup (SpCliContext  *context,
               int            argc,
               char         **argv)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) second_error = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *second = NULL;
  g_autofree char *to = NULL;
  g_autofree char *second_folder = NULL;
  g_autofree char *what = NULL;
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, N_("List the backups instead"), NULL },
    { "to", 't', 0, G_OPTION_ARG_FILENAME, &to,
      N_("Also copy the backup into FOLDER (a USB stick, a synced folder)"), N_("FOLDER") },
    { "second-folder", 0, 0, G_OPTION_ARG_FILENAME, &second_folder,
      N_("Copy each daily and manual backup into FOLDER as well from now on (\"\": stop)"),
      N_("FOLDER") },
    { NULL }
  };
  int status;

  if (!sp_cli_parse ("backup", entries, &argc, &argv, &status))
    return status;

  if (argc > 2 || (list && argc > 1))
    return sp_cli_usage_error ("backup", "%s", _("backup takes at most one file name"));
  if (to != NULL && (list || argc > 1))
    return sp_cli_usage_error ("backup", "%s",
                               _("--to takes the folder; give no file name and no --list "
                                 "with it"));

  if (second_folder != NULL && (list || to != NULL || argc > 1))
    return sp_cli_usage_error ("backup", "%s",
                               _("--second-folder sets the folder and makes no backup; give it "
                                 "alone"));

  /* a server's shop has no backups on this computer to copy anywhere */
  if (second_folder != NULL && sp_store_is_server_address (context->db_path))
    return sp_cli_usage_error ("backup", "%s",
                               _("a shop on a server is backed up on the server: a second "
                                 "folder is for the backups of a shop file"));

  if (second_folder != NULL)
    {
      g_autofree char *absolute = second_folder[0] != '\0'
                                  ? g_canonicalize_filename (second_folder, NULL)
                                  : NULL;

      if (!(store = sp_cli_open_store (context, FALSE)))
        return SP_EXIT_BAD_INPUT;
      if (!sp_backup_set_second_folder (store, absolute, &error))
        return sp_cli_fail (error);
      if (absolute != NULL)
        /* TRANSLATORS: %s is the second backup folder */
        printf (_("Each daily and manual backup is also copied to %s from now on.\n"),
                absolute);
      else
        printf ("%s\n", _("Backups are no longer copied to a second folder."));
      return SP_EXIT_OK;
    }

  if (sp_store_is_server_address (context->db_path))
    {
      if (list || argc != 2)
        return sp_cli_usage_error ("backup", "%s",
                                   _("a shop on a server is backed up into a new file: name it"));
      return sp_cli_backup_server (context, argv[1]);
    }

  if (list)
    {
      const char *db_path = context->db_path;

      if (db_path == NULL)
        db_path = default_path = sp_store_dup_default_path ();
      return list_backups (db_path);
    }

  if (!(store = sp_cli_open_store (context, TRUE)))
    return SP_EXIT_BAD_INPUT;

  if (to != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (to, NULL);

      if (!(copy = sp_backup_create_in (store, absolute, &error)))
        {
          /* no copy is left beside the database either */
          g_prefix_error (&error, "%s ", _("Nothing was backed up."));
          return sp_cli_fail (error);
        }
    }
  else if (argc == 2)
    {
      if (!sp_backup_copy_to (store, argv[1], &error))
        return sp_cli_fail (error);
      copy = g_strdup (argv[1]);
    }
  else if (!(copy = sp_backup_create_full (store, SP_BACKUP_MANUAL, &second, &second_error,
                                           &error)))
    {
      return sp_cli_fail (error);
    }

  what = describe (copy);
  /* TRANSLATORS: the backup's file, then what it holds ("1,234 contacts, 56 survey answers") */
  printf (_("Backed up to %s (%s).\n"), copy, what);
  if (second != NULL)
    /* TRANSLATORS: %s is the second backup folder */
    printf (_("Also copied to %s.\n"), second);
  /* the first copy is made: said, but not a failure */
  if (second_error != NULL)
    fprintf (stderr, "%s\n", second_error->message);
  return SP_EXIT_OK;
}

int
sp_cli_restore (SpCliContext  *context,
                int            argc,
                char         **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *what = NULL;
  const char *db_path = context->db_path;
  SpBackupSummary summary;
  gboolean force = FALSE;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Restore even a backup that holds no records"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("On a shop on a server, restore without asking first"), NULL },
    { NULL }
  };
  int status;

  if (!sp_cli_parse ("restore", entries, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return sp_cli_usage_error ("restore", "%s",
                               _("restore needs the backup to restore; “service-pulse backup "
                                 "--list” shows them"));

  if (db_path == NULL)
    db_path = default_path = sp_store_dup_default_path ();

  /* an empty file would replace a whole shop with nothing */
  if (!sp_backup_inspect (argv[1], &summary, &error))
    return sp_cli_fail (error);
  if (!force && sp_backup_summary_is_empty (&summary))
    {
      g_autofree char *held = sp_backup_describe_summary (&summary);
      g_autofree char *quoted_backup = g_shell_quote (argv[1]);
      g_autofree char *quoted_db = context->db_path ? g_shell_quote (context->db_path) : NULL;
      /* the same shop again, and the question of a server's shop answered */
      g_autofree char *again = g_strdup_printf ("service-pulse%s%s restore --force%s %s",
                                                quoted_db ? " --db " : "",
                                                quoted_db ? quoted_db : "",
                                                sp_store_is_server_address (db_path)
                                                  ? " --yes" : "",
                                                quoted_backup);

      /* TRANSLATORS: the backup's file, what it holds, the database, and the command that
       * restores it anyway */
      fprintf (stderr, _("“%s” holds no records at all (%s): restoring it would leave the "
                         "database “%s” empty. Nothing was changed. To restore it anyway, run "
                         "“%s”.\n"),
               argv[1], held, db_path, again);
      return SP_EXIT_BAD_INPUT;
    }

  if (sp_store_is_server_address (db_path))
    return sp_cli_restore_server (context, argv[1], yes);

  if (!sp_backup_restore (db_path, argv[1], &saved, &error))
    return sp_cli_fail (error);

  what = describe (db_path);
  /* TRANSLATORS: the database, the backup it came from, and what it holds */
  printf (_("Restored %s from %s (%s).\n"), db_path, argv[1], what);
  if (saved != NULL)
    /* TRANSLATORS: %s is the safety copy of the database as it was */
    printf (_("The database as it was before is kept in %s.\n"), saved);

  return SP_EXIT_OK;
}
