/* sp-cli.c
 *
 * The command-line verbs of KPI-SPEC §5.  They call the same core
 * functions as the window, and need no display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-cli.h"
#include "sp-error.h"
#include "sp-shop.h"

#ifdef HAVE_LIBPQ
#include "sp-pg-connection.h"
#include "sp-pg-copy.h"
#endif

static const SpCliVerb verbs[] = {
  { "import", sp_cli_import,
    "contacts|surveys|shifts|months|hours|closed-days FILE.csv|- [--map COLUMN=FIELD,…] "
    "[--date-format FORMAT] [--kind csat|nps|ces] | closed-days FILE.ics [--years FROM-TO]",
    N_("Import a CSV file (or holidays from an .ics file); one bad row and nothing is "
       "imported") },
  { "kpis", sp_cli_kpis,
    "--from DATE --to DATE [--agent NAME] [--channel CH] [--category NAME] [--json]",
    N_("Print every KPI of a period, for people or as JSON") },
  { "export-xlsx", sp_cli_export_xlsx, "FILE.xlsx --from DATE --to DATE",
    N_("Write the workbook for the accountant: KPIs with their formulas, trend, raw records") },
  { "export-csv", sp_cli_export_csv,
    "FOLDER|FILE.csv|- --from DATE --to DATE [--sheet contacts|escalations|surveys|shifts|months]",
    N_("Write the raw records as CSV files, one per sheet, or one sheet with --sheet") },
  { "goals", sp_cli_goals, "[--all] [--today DATE] [--json]",
    N_("List the goals with their baseline, current value, progress and status") },
  { "report", sp_cli_report,
    "FILE.pdf [--month YYYY-MM | --quarter YYYY-Qn | --from DATE --to DATE] [--paper a4|letter] "
    "[--sections LIST]",
    N_("Write the month's report (or a quarter's, or any days') as a PDF file") },
  { "demo", sp_cli_demo, "[--contacts N] [--seed N]",
    N_("Fill an empty database with a realistic sample shop") },
  { "backup", sp_cli_backup, "[FILE | --to FOLDER] [--list] [--second-folder FOLDER]",
    N_("Back up the database into its backups folder (and the second backup folder), or to "
       "FILE, or also into FOLDER; --list shows the backups; --second-folder sets the folder "
       "each backup is also copied to") },
  { "restore", sp_cli_restore, "[--force] [--yes] FILE",
    N_("Replace the database with a backup, after backing up the database as it is; "
       "--force restores even a backup that holds no records; on a server the owner is asked "
       "first, or gives --yes") },
  { "config", sp_cli_config, "[KEY [VALUE]]",
    N_("List the shop's settings, print one, or set one (an empty VALUE clears it)") },
  { "forget-customer", sp_cli_forget_customer,
    "NAME [--delete-backups] | --finish [--delete-backups]",
    N_("Erase a customer's name and details, keeping the anonymous counts") },
  { "setup-server", sp_cli_setup_server, "",
    N_("Set the shop up in an empty PostgreSQL database (--db URI): tables, totals and the "
       "owner and staff groups") },
  { "add-user", sp_cli_add_user, "NAME --role owner|staff",
    N_("Add a login to the shop on the server; the password is read from standard input") },
  { "move-to", sp_cli_move_to, "URI | FILE.db",
    N_("Copy a shop file onto an empty server database, or a server's shop into a new file, "
       "checking that every KPI of every month agrees") },
};

static const SpCliVerb *
lookup_verb (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      if (g_str_equal (verbs[i].name, name))
        return &verbs[i];
    }
  return NULL;
}

/* Index of the first argument that is not --db or its value; 0 if none. */
static int
first_word (int    argc,
            char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db"))
        {
          i++;
          continue;
        }
      if (g_str_has_prefix (argv[i], "--db="))
        continue;
      if (argv[i][0] == '-')
        return 0;
      return i;
    }
  return 0;
}

/* Whether the command line asks for a verb rather than the window. */
gboolean
sp_cli_find_verb (int    argc,
                  char **argv)
{
  return first_word (argc, argv) > 0;
}

/* The verbs, for the --help of the window's command line. */
char *
sp_cli_dup_summary (void)
{
  GString *str = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    g_string_append_printf (str, "\n  %s %s\n      %s", verbs[i].name, verbs[i].usage,
                            _(verbs[i].description));

  g_string_append_printf (str, "\n\n%s",
                          _("Run “service-pulse COMMAND --help” for the options of each."));
  return g_string_free (str, FALSE);
}

static void
print_usage (FILE *fp)
{
  fprintf (fp, "%s\n", _("Usage:"));
  fprintf (fp, "  service-pulse [--db PATH]\n");
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (fp, "  service-pulse [--db PATH] %s %s\n", verbs[i].name, verbs[i].usage);

  fprintf (fp, "\n");
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (fp, "  %-12s %s\n", verbs[i].name, _(verbs[i].description));

  fprintf (fp, "\n%s\n", _("Without a verb, the window opens."));
}

int
sp_cli_usage_error (const char *verb,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  const SpCliVerb *v = verb ? lookup_verb (verb) : NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "service-pulse: %s\n", message);

  if (v != NULL)
    fprintf (stderr, "%s service-pulse [--db PATH] %s %s\n", _("Usage:"), v->name, v->usage);
  else
    print_usage (stderr);

  return SP_EXIT_USAGE;
}

/* SP_EXIT_OK, or a usage error when @period lies outside the days handled */
int
sp_cli_check_period (const char     *verb,
                     const SpPeriod *period)
{
  if (!sp_date_check_range (period->from, NULL) || !sp_date_check_range (period->to, NULL))
    /* TRANSLATORS: the first and the last year the app handles */
    return sp_cli_usage_error (verb, _("dates must lie between %d-01-01 and %d-12-31"),
                               SP_FIRST_YEAR, SP_LAST_YEAR);
  return SP_EXIT_OK;
}

/*
 * Without a verb the window opens; its options are checked here, so that a
 * mistyped one is a usage error (exit status 2) as for the verbs.
 */
int
sp_cli_check_options (int    argc,
                      char **argv)
{
  static const char * const window_options[] = {
    "--help", "-h", "-?", "--help-all", "--help-gapplication", "--gapplication-service",
  };

  for (int i = 1; i < argc; i++)
    {
      gboolean known = FALSE;

      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--db"))
        {
          i++;
          continue;
        }
      if (argv[i][0] != '-' || g_str_has_prefix (argv[i], "--db="))
        continue;

      for (guint o = 0; o < G_N_ELEMENTS (window_options); o++)
        known |= g_str_equal (argv[i], window_options[o]);
      if (!known)
        /* TRANSLATORS: %s is the option as typed */
        return sp_cli_usage_error (NULL, _("unknown option “%s”"), argv[i]);
    }

  return SP_EXIT_OK;
}

/* Reports @error on stderr and returns the exit status it calls for. */
int
sp_cli_fail (GError *error)
{
  fprintf (stderr, "%s\n", error->message);

  if (g_error_matches (error, SP_ERROR, SP_ERROR_USAGE))
    return SP_EXIT_USAGE;

  return SP_EXIT_BAD_INPUT;
}

/*
 * Parses the options of a verb.  Returns FALSE when the program should
 * exit with *status (a usage error, or --help).
 */
gboolean
sp_cli_parse (const char    *verb,
              GOptionEntry  *entries,
              int           *argc,
              char        ***argv,
              int           *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const SpCliVerb *v = lookup_verb (verb);
  g_autofree char *summary = NULL;

  context = g_option_context_new (v ? v->usage : NULL);
  g_option_context_set_help_enabled (context, TRUE);
  if (v != NULL)
    g_option_context_set_summary (context, _(v->description));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = sp_cli_usage_error (verb, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

/*
 * Opens the database of --db.  Verbs that only read it pass @must_exist:
 * they open it read-only, so that a mistyped path is reported instead of
 * creating an empty file, and the file (perhaps a backup) keeps its bytes,
 * mode and journal.  Verbs that write (the others) get the same care as
 * the window: every page is checked before anything is written, and the
 * day's backup is made.
 */
SpStore *
sp_cli_open_store (SpCliContext *context,
                   gboolean      must_exist)
{
  return sp_cli_open_store_full (context,
                                 must_exist ? SP_STORE_OPEN_READ_ONLY : SP_STORE_OPEN_VERIFY,
                                 !must_exist);
}

/*
 * A password from standard input: asked for, without echo, on a terminal
 * (twice when @confirm), or read as the first line of what is piped in.
 */
char *
sp_cli_read_password (const char  *name,
                      gboolean     confirm,
                      GError     **error)
{
  char line[1024];
  struct termios saved, quiet;
  gboolean terminal = isatty (STDIN_FILENO);
  g_autofree char *first = NULL;

  for (int round = 0; round < (terminal && confirm ? 2 : 1); round++)
    {
      if (terminal)
        {
          /* echo off first: what is typed once the question shows is kept, and not shown */
          tcgetattr (STDIN_FILENO, &saved);
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
          fprintf (stderr,
                   /* TRANSLATORS: %s is the login's name */
                   round == 0 ? _("Password for %s: ")
                              /* TRANSLATORS: asked after the password, to be sure it was
                               * typed right */
                              : _("The same password again: "),
                   name);
          fflush (stderr);
        }

      if (fgets (line, sizeof line, stdin) == NULL)
        line[0] = '\0';

      if (terminal)
        {
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
          fputc ('\n', stderr);
        }

      line[strcspn (line, "\r\n")] = '\0';
      if (line[0] == '\0')
        {
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: said when no password was typed */
                       _("No password given: type it, or pass it on standard input."));
          return NULL;
        }
      if (round == 1 && !g_str_equal (first, line))
        {
          explicit_bzero (line, sizeof line);
          /* TRANSLATORS: said when the two passwords typed differ */
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID, _("The two passwords differ."));
          return NULL;
        }
      if (round == 0)
        first = g_strdup (line);
    }

  explicit_bzero (line, sizeof line);
  return g_steal_pointer (&first);
}

/*
 * A shop on a server: this computer's copy of it, brought up to date, and
 * written through to the server.  What takes the whole shop out of the
 * server (exports) or brings many records in at once (imports) is the
 * owner's; the server itself refuses the rest of what staff may not do.
 */
static SpStore *
open_server_store (SpCliContext     *context,
                   SpStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  store = sp_store_open_server (context->db_path, NULL, flags, &error);

  /* no password in the address, ~/.pgpass or PGPASSWORD: asked for, at a terminal */
  if (g_error_matches (error, SP_ERROR, SP_ERROR_NEEDS_PASSWORD) && isatty (STDIN_FILENO))
    {
      g_autofree char *password = NULL;
      g_autofree char *shown = sp_store_dup_address_without_password (context->db_path);

      g_clear_error (&error);

      password = sp_cli_read_password (shown, FALSE, &error);
      if (password != NULL)
        {
          store = sp_store_open_server (context->db_path, password, flags, &error);
          explicit_bzero (password, strlen (password));
        }
    }

  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return NULL;
    }

  if (context->verb != NULL && sp_store_get_role (store) != SP_STORE_ROLE_OWNER)
    {
      g_autofree char *login = sp_store_dup_login (store);

      if (g_str_equal (context->verb, "import"))
        {
          /* TRANSLATORS: %s is the login's name */
          fprintf (stderr, _("Only the shop’s owner may import; the login “%s” is not in the "
                             "owner’s group."), login);
          fputc ('\n', stderr);
          return NULL;
        }
      if (g_str_has_prefix (context->verb, "export-"))
        {
          fprintf (stderr, "%s\n", _("Only the shop’s owner may export it."));
          return NULL;
        }
    }

  return g_steal_pointer (&store);
}

SpStore *
sp_cli_open_store_full (SpCliContext     *context,
                        SpStoreOpenFlags  flags,
                        gboolean          daily_backup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  if (sp_store_is_server_address (context->db_path))
    return open_server_store (context, flags);

  store = sp_store_open (context->db_path, flags, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return NULL;
    }

  /* A failed backup is reported but does not stop the work */
  if (daily_backup)
    {
      g_autoptr(GError) second_error = NULL;

      if (!sp_backup_run_daily_full (store, NULL, &second_error, &error))
        /* TRANSLATORS: %s is why the backup failed */
        fprintf (stderr, _("service-pulse: the daily backup was not made: %s\n"),
                 error->message);
      else if (second_error != NULL)
        fprintf (stderr, "service-pulse: %s\n", second_error->message);
    }

  return g_steal_pointer (&store);
}

static const char * const side_suffixes[] = { "-wal", "-shm", "-journal" };

static gboolean
path_is_absent (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) != 0 && errno == ENOENT;
}

/*
 * Opens the database as sp_cli_open_store() does, and notes in @created
 * whether this run created its file (and the folders for it), so that a
 * verb that then fails can leave the disk as it found it with
 * sp_cli_remove_created().
 */
SpStore *
sp_cli_open_store_created (SpCliContext *context,
                           SpCliCreated *created)
{
  g_autofree char *default_path = NULL;
  g_autoptr(GPtrArray) made_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SpStore) store = NULL;
  const char *path = context->db_path;
  gboolean absent;
  GStatBuf st;

  g_return_val_if_fail (created != NULL, NULL);

  memset (created, 0, sizeof *created);

  if (path == NULL)
    path = default_path = sp_store_dup_default_path ();

  absent = path_is_absent (path);
  if (absent)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      while (path_is_absent (dir))
        {
          char *parent = g_path_get_dirname (dir);

          g_ptr_array_add (made_dirs, g_steal_pointer (&dir));
          dir = parent;
        }

      for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
        {
          g_autofree char *side = g_strconcat (path, side_suffixes[i], NULL);

          created->had_side[i] = !path_is_absent (side);
        }
    }

  if (!(store = sp_cli_open_store (context, FALSE)))
    return NULL;

  if (absent && g_lstat (path, &st) == 0 && S_ISREG (st.st_mode))
    {
      created->path = g_strdup (path);
      created->dev = st.st_dev;
      created->ino = st.st_ino;
      created->made_dirs = g_steal_pointer (&made_dirs);
    }

  return g_steal_pointer (&store);
}

/*
 * Closes @store and removes the database file that this run created, with
 * the -wal and -shm files and folders made for it, when it holds no records
 * (nothing else wrote to it meanwhile) and is still the same file.  Files
 * that were there before are never touched.
 */
void
sp_cli_remove_created (SpCliCreated  *created,
                       SpStore      **store)
{
  GStatBuf st;

  g_return_if_fail (created != NULL);
  g_return_if_fail (store != NULL);

  if (created->path == NULL || *store == NULL)
    return;

  if (!sp_store_is_empty (*store))
    return;

  g_clear_object (store);

  if (g_lstat (created->path, &st) != 0 || (guint64) st.st_dev != created->dev
      || (guint64) st.st_ino != created->ino)
    return;

  g_remove (created->path);

  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (created->path, side_suffixes[i], NULL);

      if (!created->had_side[i])
        g_remove (side);
    }

  /* rmdir() leaves a folder that something else was put in */
  for (guint i = 0; created->made_dirs != NULL && i < created->made_dirs->len; i++)
    g_rmdir (g_ptr_array_index (created->made_dirs, i));

  g_clear_pointer (&created->path, g_free);
}

void
sp_cli_created_clear (SpCliCreated *created)
{
  g_clear_pointer (&created->path, g_free);
  g_clear_pointer (&created->made_dirs, g_ptr_array_unref);
}

int
sp_cli_run (int    argc,
            char **argv)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  SpCliContext context = { NULL };
  const SpCliVerb *verb;
  int idx = first_word (argc, argv);

  if (idx == 0)
    return sp_cli_usage_error (NULL, "%s", _("no verb given"));

  /* Take --db out; the verb sees the rest, starting with its own name */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db"))
        {
          if (i + 1 >= argc || *argv[i + 1] == '\0')
            return sp_cli_usage_error (NULL, "%s", _("--db needs a file name"));
          context.db_path = argv[++i];
          continue;
        }
      if (g_str_has_prefix (argv[i], "--db="))
        {
          context.db_path = argv[i] + strlen ("--db=");
          if (*context.db_path == '\0')
            return sp_cli_usage_error (NULL, "%s", _("--db needs a file name"));
          continue;
        }
      g_ptr_array_add (rest, argv[i]);
    }

  verb = lookup_verb (argv[idx]);
  if (verb == NULL)
    /* TRANSLATORS: %s is the verb as typed */
    return sp_cli_usage_error (NULL, _("unknown verb “%s”"), argv[idx]);

  context.verb = verb->name;
  g_ptr_array_add (rest, NULL);

  return verb->run (&context, (int) rest->len - 1, (char **) rest->pdata);
}
