/* sp-cli-server.c
 *
 * service-pulse --db URI setup-server
 * service-pulse --db URI add-user NAME --role owner|staff
 * service-pulse --db shop.db move-to URI
 * service-pulse --db URI move-to FILE.db
 * service-pulse --db URI backup FILE.db
 * service-pulse --db URI restore [--yes] FILE.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-cli.h"
#include "sp-error.h"
#include "sp-shop-move.h"

#ifdef HAVE_LIBPQ
#include "sp-pg-copy.h"
#include "sp-pg-schema.h"
#endif

#ifdef HAVE_LIBPQ

static int
need_server (const char *verb,
             SpCliContext *context)
{
  if (context->db_path == NULL || !sp_store_is_server_address (context->db_path))
    return sp_cli_usage_error (verb, "%s",
                               _("--db must name the server’s database, as "
                                 "postgresql://USER@HOST/DATABASE or service=NAME"));
  return SP_EXIT_OK;
}

int
sp_cli_setup_server (SpCliContext  *context,
                     int            argc,
                     char         **argv)
{
  g_autoptr(SpPgConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *staff = NULL;
  int status;

  if (!sp_cli_parse ("setup-server", NULL, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return sp_cli_usage_error ("setup-server", "%s", _("setup-server takes no file name"));
  if ((status = need_server ("setup-server", context)) != SP_EXIT_OK)
    return status;

  conn = sp_pg_connection_new (context->db_path, &error);
  if (conn == NULL || !sp_pg_setup_server (conn, &error))
    return sp_cli_fail (error);

  owner = sp_pg_connection_dup_role_name (conn, SP_PG_ROLE_OWNER);
  staff = sp_pg_connection_dup_role_name (conn, SP_PG_ROLE_STAFF);
  /* TRANSLATORS: the database, the owner's group, then the staff's group */
  printf (_("The shop is set up in the database “%s”. Logins in the group “%s” may do "
            "everything, those in “%s” log and edit contacts, survey answers and shifts.\n"
            "Add logins with “service-pulse --db URI add-user NAME --role owner|staff”.\n"),
          sp_pg_connection_get_database (conn), owner, staff);

  /* groups left from an earlier shop of the same name keep their logins: say who they are */
  for (guint i = 0; i < 2; i++)
    {
      SpPgRole role = i == 0 ? SP_PG_ROLE_OWNER : SP_PG_ROLE_STAFF;
      g_autofree char *members = sp_pg_connection_dup_members (conn, role, NULL);

      if (members != NULL)
        /* TRANSLATORS: the group, then the logins already in it */
        printf (_("The group “%s” existed already, with the logins %s: they can use this shop "
                  "too. Take out any that should not (REVOKE in psql).\n"),
                role == SP_PG_ROLE_OWNER ? owner : staff, members);
    }
  return SP_EXIT_OK;
}

/* The password from standard input: typed twice without echo on a terminal, else its first line */

int
sp_cli_add_user (SpCliContext  *context,
                 int            argc,
                 char         **argv)
{
  g_autoptr(SpPgConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *group = NULL;
  char *password;
  SpPgRole role;
  GOptionEntry entries[] = {
    { "role", 'r', 0, G_OPTION_ARG_STRING, &role_name,
      N_("What the login may do: owner (everything) or staff"), "owner|staff" },
    { NULL }
  };
  gboolean ok;
  int status;

  if (!sp_cli_parse ("add-user", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return sp_cli_usage_error ("add-user", "%s", _("add-user needs the new login’s name"));
  if (role_name == NULL)
    return sp_cli_usage_error ("add-user", "%s", _("--role must be owner or staff"));
  if (g_str_equal (role_name, "owner"))
    role = SP_PG_ROLE_OWNER;
  else if (g_str_equal (role_name, "staff"))
    role = SP_PG_ROLE_STAFF;
  else
    /* TRANSLATORS: %s is the role as typed */
    return sp_cli_usage_error ("add-user", _("--role must be owner or staff, not “%s”"),
                               role_name);
  if ((status = need_server ("add-user", context)) != SP_EXIT_OK)
    return status;

  conn = sp_pg_connection_new (context->db_path, &error);
  if (conn == NULL)
    return sp_cli_fail (error);

  password = sp_cli_read_password (argv[1], TRUE, &error);
  if (password == NULL)
    return sp_cli_fail (error);
  ok = sp_pg_add_user (conn, argv[1], role, password, &error);
  explicit_bzero (password, strlen (password));
  g_free (password);
  if (!ok)
    return sp_cli_fail (error);

  group = sp_pg_connection_dup_role_name (conn, role);
  /* TRANSLATORS: the login's name, then its group */
  printf (_("Added the login “%s” to “%s”.\n"), argv[1], group);
  return SP_EXIT_OK;
}

/*
 * service-pulse --db URI backup FILE.db: one moment of the server's shop
 * as a shop file that opens anywhere.
 */
int
sp_cli_backup_server (SpCliContext *context,
                      const char   *path)
{
  g_autoptr(GError) error = NULL;

  if (!sp_shop_check_server_owner (context->db_path, SP_SHOP_OWNER_BACKS_UP, &error) ||
      !sp_shop_copy_from_server (context->db_path, path, &error))
    return sp_cli_fail (error);

  /* TRANSLATORS: %s is the backup's file */
  printf (_("Backed the shop up to %s: one moment of it, its records and totals equal to the "
            "server’s.\n"), path);
  return SP_EXIT_OK;
}

/* Whether the owner, at a terminal, says yes */
static gboolean
confirm_restore (const char *uri,
                 const char *path)
{
  char answer[16] = { 0 };
  g_autofree char *shown = sp_store_dup_address_without_password (uri);

  if (!isatty (STDIN_FILENO))
    return FALSE;

  /* TRANSLATORS: the server's shop, then the backup; the answer must be the word in quotes */
  printf (_("Every record of the shop on the server “%s” will be replaced by those of “%s”, on "
            "every computer. Type “yes” to go on: "), shown, path);
  fflush (stdout);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);
  /* TRANSLATORS: the word the owner types to confirm a restore, as in the question above */
  return g_ascii_strcasecmp (answer, "yes") == 0 || g_utf8_collate (answer, _("yes")) == 0;
}

/*
 * service-pulse --db URI restore [--yes] FILE.db: the owner's, after a
 * question (or --yes), and after keeping the shop as it was in a file.
 */
int
sp_cli_restore_server (SpCliContext *context,
                       const char   *path,
                       gboolean      yes)
{
  g_autoptr(SpPgConnection) conn = NULL;
  g_autoptr(SpStore) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  guint n_months = 0;

  if (!sp_shop_check_server_owner (context->db_path, SP_SHOP_OWNER_RESTORES, &error))
    return sp_cli_fail (error);

  backup = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);
  if (backup == NULL)
    return sp_cli_fail (error);

  if (!yes && !confirm_restore (context->db_path, path))
    {
      fprintf (stderr, "%s\n", _("Nothing was changed. To restore without the question, add "
                                 "--yes."));
      return SP_EXIT_BAD_INPUT;
    }

  conn = sp_pg_connection_new (context->db_path, &error);
  if (conn == NULL ||
      !(saved = sp_shop_dup_server_copy_path (sp_pg_connection_get_database (conn), &error)) ||
      !sp_shop_copy_from_server (context->db_path, saved, &error) ||
      !sp_shop_restore_to_server (backup, context->db_path, &n_months, &error))
    return sp_cli_fail (error);

  printf (g_dngettext (GETTEXT_PACKAGE,
                       /* TRANSLATORS: the backup, how many months were compared, then the
                        * shop as it was */
                       "Restored the shop on the server from %s: the same records, totals and "
                       "KPIs in its %u month. The shop as it was is kept in %s.\n",
                       "Restored the shop on the server from %s: the same records, totals and "
                       "KPIs in each of its %u months. The shop as it was is kept in %s.\n",
                       n_months),
          path, n_months, saved);
  return SP_EXIT_OK;
}

int
sp_cli_move_to (SpCliContext  *context,
                int            argc,
                char         **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!sp_cli_parse ("move-to", NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return sp_cli_usage_error ("move-to", "%s",
                               _("move-to needs where the shop goes: a server’s database or "
                                 "a new file"));

  if (sp_store_is_server_address (context->db_path))
    {
      if (sp_store_is_server_address (argv[1]))
        return sp_cli_usage_error ("move-to", "%s",
                                   _("a shop on a server moves to a file; name a new file"));

      if (!sp_shop_check_server_owner (context->db_path, SP_SHOP_OWNER_MOVES, &error) ||
          !sp_shop_copy_from_server (context->db_path, argv[1], &error))
        return sp_cli_fail (error);

      /* TRANSLATORS: %s is the file written */
      printf (_("Copied the shop into %s; its records and totals equal the server’s. The shop "
                "on the server is unchanged.\n"), argv[1]);
      return SP_EXIT_OK;
    }
  else
    {
      g_autoptr(SpStore) store = NULL;
      g_autofree char *shown = NULL;
      guint n_months = 0;

      if (!sp_store_is_server_address (argv[1]))
        return sp_cli_usage_error ("move-to", "%s",
                                   _("a shop file moves to a server: name its database as "
                                     "postgresql://USER@HOST/DATABASE or service=NAME"));

      if (!(store = sp_cli_open_store (context, TRUE)))
        return SP_EXIT_BAD_INPUT;

      if (!sp_shop_move_to_server (store, argv[1], &n_months, &error))
        return sp_cli_fail (error);
      shown = sp_store_dup_address_without_password (argv[1]);

      printf (g_dngettext (NULL,
                           /* TRANSLATORS: the months compared, then the server's address */
                           "Moved the shop onto the server: the same records, the same totals "
                           "and the same KPIs in its %u month. The file is unchanged; open the "
                           "shop with --db %s from now on.\n",
                           "Moved the shop onto the server: the same records, the same totals "
                           "and the same KPIs in each of its %u months. The file is unchanged; "
                           "open the shop with --db %s from now on.\n",
                           n_months),
              n_months, shown);
      return SP_EXIT_OK;
    }
}

#else

static int
no_server (const char *verb)
{
  /* TRANSLATORS: %s is the command */
  fprintf (stderr, _("service-pulse: %s: this build has no PostgreSQL support (libpq)\n"), verb);
  return SP_EXIT_USAGE;
}

int
sp_cli_setup_server (SpCliContext *context, int argc, char **argv)
{
  return no_server ("setup-server");
}

int
sp_cli_add_user (SpCliContext *context, int argc, char **argv)
{
  return no_server ("add-user");
}

int
sp_cli_move_to (SpCliContext *context, int argc, char **argv)
{
  return no_server ("move-to");
}

int
sp_cli_backup_server (SpCliContext *context, const char *path)
{
  return no_server ("backup");
}

int
sp_cli_restore_server (SpCliContext *context, const char *path, gboolean yes)
{
  return no_server ("restore");
}

#endif
