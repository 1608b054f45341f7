/* sp-shop-move.c
 *
 * Moving a shop between a file and a server, and checking that nothing
 * changed on the way: the same records, the same totals, and the same
 * value of every KPI in every month, computed by the one KPI engine on
 * each copy.  The server's side is read back in the transaction that
 * wrote it, before it commits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-shop-move"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sp-backup.h"
#include "sp-error.h"
#include "sp-kpi-engine.h"
#include "sp-kpi-set.h"
#include "sp-shop-move.h"
#include "sp-store-private.h"

#ifdef HAVE_LIBPQ
#include "sp-pg-connection.h"
#include "sp-pg-copy.h"
#include "sp-pg-schema.h"
#include "sp-pg-replica.h"
#endif

/* The first and last day with a contact or a survey answer */
static gboolean
get_span (SpStore  *store,
          SpDate   *first,
          SpDate   *last,
          GError  **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  stmt = sp_store_prepare_uncached (store,
    "SELECT min (t), max (t) FROM"
    " (SELECT min (received_at) AS t FROM contacts UNION ALL"
    "  SELECT max (received_at) FROM contacts UNION ALL"
    "  SELECT min (answered_at) FROM surveys UNION ALL"
    "  SELECT max (answered_at) FROM surveys)",
    error);
  if (stmt == NULL || sp_store_step (store, stmt, error) != SP_STEP_ROW)
    return FALSE;

  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      *first = *last = SP_DATE_NONE;
      return TRUE;
    }

  *first = sp_time_to_date (sqlite3_column_int64 (stmt, 0));
  *last = sp_time_to_date (sqlite3_column_int64 (stmt, 1));
  return TRUE;
}

static gboolean
numbers_agree (double a,
               double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);

  /* the same doubles summed in another order */
  return fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

/**
 * sp_shop_compare_kpis:
 * @n_months: (out) (optional): how many months were compared
 *
 * Computes every KPI of every month that holds a record in either shop,
 * in both, and fails naming the first month and KPI that differ.
 */
gboolean
sp_shop_compare_kpis (SpStore  *a,
                      SpStore  *b,
                      guint    *n_months,
                      GError  **error)
{
  g_autoptr(SpKpiEngine) engine_a = NULL;
  g_autoptr(SpKpiEngine) engine_b = NULL;
  SpDate first_a, last_a, first_b, last_b;
  guint months = 0;

  g_return_val_if_fail (SP_IS_STORE (a) && SP_IS_STORE (b), FALSE);

  if (!get_span (a, &first_a, &last_a, error) || !get_span (b, &first_b, &last_b, error))
    return FALSE;
  if (first_a != first_b || last_a != last_b)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_CORRUPT,
                   /* TRANSLATORS: said when a moved shop's copies do not match */
                   _("The two copies do not cover the same days."));
      return FALSE;
    }

  engine_a = sp_kpi_engine_new (a);
  engine_b = sp_kpi_engine_new (b);

  for (SpDate month = first_a == SP_DATE_NONE ? 1 : sp_date_month_start (first_a);
       first_a != SP_DATE_NONE && month <= last_a;
       month = sp_date_add_months (month, 1))
    {
      SpPeriod period = sp_period_make (month, sp_date_month_end (month));
      g_autoptr(SpKpiSet) set_a = sp_kpi_engine_compute (engine_a, &period, NULL, error);
      g_autoptr(SpKpiSet) set_b = set_a ? sp_kpi_engine_compute (engine_b, &period, NULL,
                                                                  error) : NULL;

      if (set_b == NULL)
        return FALSE;

      for (int k = 0; k < SP_N_KPIS; k++)
        {
          const SpKpiValue *va = sp_kpi_set_get (set_a, k);
          const SpKpiValue *vb = sp_kpi_set_get (set_b, k);

          if (va->n != vb->n || !numbers_agree (va->value, vb->value))
            {
              g_autofree char *when = sp_date_format_iso (month);

              g_set_error (error, SP_ERROR, SP_ERROR_CORRUPT,
                           /* TRANSLATORS: a KPI, the month's first day, the two values and what
                            * each rests on */
                           _("The two copies differ in %s of the month starting %s: "
                             "%g (n = %" PRId64 ") against %g (n = %" PRId64 ")"),
                           sp_kpi_get_name (k), when, va->value, va->n, vb->value, vb->n);
              return FALSE;
            }
        }
      if (set_a->contacts != set_b->contacts || set_a->complaints != set_b->complaints ||
          set_a->promoters != set_b->promoters || set_a->detractors != set_b->detractors ||
          set_a->incomplete != set_b->incomplete)
        {
          g_autofree char *when = sp_date_format_iso (month);

          g_set_error (error, SP_ERROR, SP_ERROR_CORRUPT,
                       /* TRANSLATORS: %s is the month's first day */
                       _("The two copies differ in the counts of the month starting %s."), when);
          return FALSE;
        }
      months++;
    }

  if (n_months != NULL)
    *n_months = months;
  return TRUE;
}

#ifdef HAVE_LIBPQ

/* How long each step of a move took, for G_MESSAGES_DEBUG */
static void
step_done (gint64     *timer,
           const char *step)
{
  gint64 now = g_get_monotonic_time ();

  g_debug ("%s in %.2f s", step, (double) (now - *timer) / G_USEC_PER_SEC);
  *timer = now;
}

/* Reads the server's records, in the transaction under way, into a new file in @dir */
static SpStore *
read_back (SpPgConnection  *conn,
           const char      *dir,
           GError         **error)
{
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, error);

  /* a file only this check reads, and removes: nothing in it needs to outlive a crash */
  if (store == NULL ||
      !sp_store_exec (store, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", error) ||
      !sp_store_begin (store, error))
    return NULL;
  if (!sp_pg_copy_to_store (conn, store, SP_PG_COPY_RECORDS, error))
    {
      sp_store_rollback (store);
      return NULL;
    }
  if (!sp_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

static gboolean
move_in_transaction (SpPgConnection  *conn,
                     SpStore         *store,
                     gboolean         replace,
                     guint           *n_months,
                     GError         **error)
{
  g_autoptr(SpStore) copy = NULL;
  gboolean has_schema;
  gint64 n_records;
  gint64 timer = g_get_monotonic_time ();
  char *dir;
  gboolean ok;

  if (!sp_pg_connection_has_schema (conn, &has_schema, error))
    return FALSE;

  if (!has_schema)
    {
      if (!sp_pg_create_schema (conn, error))
        return FALSE;
    }
  else if (replace)
    {
      /* who entered each record: the restore gives it back to the records it brings with
       * the same id (the file does not keep it) */
      if (!sp_pg_check_schema (conn, error) ||
          !sp_pg_connection_exec (conn,
                                  "CREATE TEMPORARY TABLE sp_authors ON COMMIT DROP AS"
                                  " SELECT 'contacts'::text AS t, id, entered_by FROM contacts"
                                  " UNION ALL SELECT 'surveys', id, entered_by FROM surveys"
                                  " UNION ALL SELECT 'shifts', id, entered_by FROM shifts;"
                                  /* and the highest revision each table reached */
                                  "CREATE TEMPORARY TABLE sp_revisions ON COMMIT DROP AS"
                                  " SELECT (SELECT coalesce (max (revision), 0) FROM contacts)"
                                  "  AS contacts,"
                                  " (SELECT coalesce (max (revision), 0) FROM surveys) AS surveys,"
                                  " (SELECT coalesce (max (revision), 0) FROM shifts) AS shifts",
                                  error) ||
          !sp_pg_connection_exec (conn, "SELECT sp_empty_shop ()", error))
        return FALSE;
    }
  else
    {
      if (!sp_pg_check_schema (conn, error) || !sp_pg_count_records (conn, &n_records, error))
        return FALSE;
      if (n_records > 0)
        {
          g_set_error (error, SP_ERROR, SP_ERROR_DUPLICATE,
                       /* TRANSLATORS: said when the server's database holds a shop already */
                       _("The shop on the server already holds records; a shop moves only "
                         "into an empty one."));
          return FALSE;
        }
      /* the settings a new shop starts with make way for the file's */
      if (!sp_pg_connection_exec (conn, "DELETE FROM settings", error))
        return FALSE;
    }

  /* the rows first, then their totals summed at once, then both compared with the file's;
   * into a new shop, the indexes are built after the rows (a restore keeps them: others may
   * be reading the shop it replaces, and taking them down would hold those readers up) */
  if (!sp_pg_lock_writes (conn, error) ||
      !sp_pg_connection_exec (conn, "SELECT set_config ('sp.bulk', 'on', true)", error) ||
      !sp_pg_set_row_triggers (conn, FALSE, error) ||
      (!replace && !sp_pg_set_load_indexes (conn, FALSE, error)) ||
      !sp_pg_copy_from_store (conn, store, error) ||
      /* the server keeps who entered a record from any change but the owner's restore */
      (replace &&
       !sp_pg_connection_exec (conn,
                               "SELECT set_config ('sp.restoring', 'on', true);"
                               "UPDATE contacts r SET entered_by = a.entered_by FROM sp_authors a"
                               " WHERE a.t = 'contacts' AND a.id = r.id;"
                               "UPDATE surveys r SET entered_by = a.entered_by FROM sp_authors a"
                               " WHERE a.t = 'surveys' AND a.id = r.id;"
                               "UPDATE shifts r SET entered_by = a.entered_by FROM sp_authors a"
                               " WHERE a.t = 'shifts' AND a.id = r.id;"
                               "SELECT set_config ('sp.restoring', 'off', true)",
                               error)) ||
      (!replace && !sp_pg_set_load_indexes (conn, TRUE, error)) ||
      !sp_pg_set_row_triggers (conn, TRUE, error) ||
      !sp_pg_connection_exec (conn, "SELECT set_config ('sp.bulk', 'off', true)", error))
    return FALSE;
  step_done (&timer, "records written");
  if (!sp_pg_connection_exec (conn, "SELECT sp_rebuild_totals ()", error))
    return FALSE;
  step_done (&timer, "totals summed");

  /* read back once: its records equal the file's value for value, the totals it computes
   * equal the server's, and so do the KPIs of every month */
  dir = sp_pg_make_temp_dir (error);
  if (dir == NULL)
    return FALSE;
  copy = read_back (conn, dir, error);
  step_done (&timer, "read back");
  ok = copy != NULL && sp_pg_compare_stores (store, copy, error);
  step_done (&timer, "records compared");
  ok = ok && sp_pg_compare_totals_with_store (conn, copy, error);
  step_done (&timer, "totals compared");
  ok = ok && sp_shop_compare_kpis (store, copy, n_months, error);
  step_done (&timer, "KPIs compared");
  g_clear_object (&copy);
  sp_pg_remove_temp_dir (dir);

  /* a restored record is a change of the one a form may still hold: its revision goes past
   * every revision the shop it replaces had, so that saving the form is told */
  ok = ok && (!replace ||
              sp_pg_connection_exec (conn,
                                     "SELECT set_config ('sp.bulk', 'on', true),"
                                     " set_config ('sp.restoring', 'on', true);"
                                     "UPDATE contacts SET revision = revision + 1"
                                     " + (SELECT contacts FROM sp_revisions);"
                                     "UPDATE surveys SET revision = revision + 1"
                                     " + (SELECT surveys FROM sp_revisions);"
                                     "UPDATE shifts SET revision = revision + 1"
                                     " + (SELECT shifts FROM sp_revisions);"
                                     "SELECT set_config ('sp.restoring', 'off', true),"
                                     " set_config ('sp.bulk', 'off', true)",
                                     error));
  return ok;
}

/* move_in_transaction() in a transaction of its own, committed only when it all agrees */
static gboolean
move_on (SpPgConnection  *conn,
         SpStore         *store,
         gboolean         replace,
         guint           *n_months,
         GError         **error)
{
  if (!sp_pg_connection_begin (conn, FALSE, error))
    return FALSE;

  if (!move_in_transaction (conn, store, replace, n_months, error) ||
      !sp_pg_connection_commit (conn, error))
    {
      sp_pg_connection_rollback (conn);
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_shop_move_to_server:
 * @n_months: (out) (optional): how many months' KPIs were found equal
 *
 * Copies the shop of @store onto the server of @uri, into an empty
 * database (its schema is created) or an empty shop, in one transaction
 * that commits only when the server's records, its totals and every KPI
 * of every month equal the file's.
 */
gboolean
sp_shop_move_to_server (SpStore     *store,
                        const char  *uri,
                        guint       *n_months,
                        GError     **error)
{
  g_autoptr(SpPgConnection) conn = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  conn = sp_pg_connection_new (uri, error);
  return conn != NULL && move_on (conn, store, FALSE, n_months, error);
}

/**
 * sp_shop_restore_to_server:
 * @backup: a shop file, e.g. a backup of the server's shop
 * @n_months: (out) (optional): how many months' KPIs were found equal
 *
 * Replaces the server's shop with the shop of @backup, in one transaction
 * that commits only when the server's records, its totals and every KPI of
 * every month equal the file's; the owner's alone.  Every computer's copy
 * is then made again (sp_store_check_outside_changes() reports
 * %SP_STORE_OUTSIDE_RESTORED).
 */
gboolean
sp_shop_restore_to_server (SpStore     *backup,
                           const char  *uri,
                           guint       *n_months,
                           GError     **error)
{
  g_autoptr(SpPgConnection) conn = NULL;

  g_return_val_if_fail (SP_IS_STORE (backup), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  conn = sp_pg_connection_new (uri, error);
  return conn != NULL && move_on (conn, backup, TRUE, n_months, error);
}

/* A backup's folder: said before the server is asked for anything */
static gboolean
check_folder (const char  *folder,
              GError     **error)
{
  g_autofree char *display = NULL;

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;

  display = g_filename_display_name (folder);
  g_set_error (error, SP_ERROR, SP_ERROR_NOT_FOUND,
               /* TRANSLATORS: %s is a folder */
               _("The folder “%s” does not exist: name a file in a folder that does."),
               display);
  return FALSE;
}

/* A backup's file: one that does not exist yet, in a folder that does */
static gboolean
check_new_file (const char  *path,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_DUPLICATE,
                   /* TRANSLATORS: %s is a file name */
                   _("%s already exists; name a new file."), path);
      return FALSE;
    }

  return check_folder (folder, error);
}

/* sp_shop_copy_from_server() once the file's place is known to be free */
static gboolean
copy_from_server (SpPgConnection  *conn,
                  const char      *path,
                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpStore) copy = NULL;
  char *dir;
  gboolean ok;

  if (!sp_pg_check_schema (conn, error))
    return FALSE;

  dir = sp_pg_make_temp_dir (error);
  if (dir == NULL)
    return FALSE;

  ok = sp_pg_connection_begin (conn, TRUE, error) &&
       (copy = read_back (conn, dir, error)) != NULL &&
       sp_pg_compare_with_store (conn, copy, error);
  sp_pg_connection_rollback (conn);

  /* as a backup of a file is written: whole, then given its name */
  if (ok && !sp_backup_copy_to (copy, path, &local_error))
    {
      ok = FALSE;
      /* the copy read back has a name of its own, not the owner's to know */
      if (g_error_matches (local_error, SP_ERROR, SP_ERROR_NO_SPACE))
        {
          g_autofree char *folder = g_path_get_dirname (path);
          g_autofree char *display = g_filename_display_name (folder);

          g_clear_error (&local_error);
          g_set_error (&local_error, SP_ERROR, SP_ERROR_NO_SPACE,
                       /* TRANSLATORS: %s is a folder */
                       _("The disk of “%s” is full, so no copy of the shop on the server was "
                         "made there. Free some space and try again."), display);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  g_clear_object (&copy);
  sp_pg_remove_temp_dir (dir);
  return ok;
}

/**
 * sp_shop_copy_from_server:
 * @path: a new shop file; it must not exist
 *
 * Writes one moment of the server's shop (a REPEATABLE READ transaction)
 * into a new SQLite shop at @path that opens anywhere, after checking that
 * its records equal the server's value for value and that the totals the
 * file computed by itself equal those the server kept (the KPIs of every
 * month are computed from these).  The file appears whole or not at all.
 */
gboolean
sp_shop_copy_from_server (const char  *uri,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(SpPgConnection) conn = NULL;

  g_return_val_if_fail (uri != NULL && path != NULL, FALSE);

  if (!check_new_file (path, error))
    return FALSE;

  conn = sp_pg_connection_new (uri, error);
  return conn != NULL && copy_from_server (conn, path, error);
}

static gboolean check_owner (SpPgConnection     *conn,
                             SpShopOwnerAction   action,
                             GError            **error);

/**
 * sp_shop_back_up_server_store:
 * @store: a shop on a server (sp_store_is_on_server())
 * @folder: where the copy goes
 *
 * sp_shop_copy_from_server() for the window: the shop of @store, with its
 * login and on a connection of its own (so from any thread), into a new
 * file in @folder named after the database and the moment.
 *
 * Returns: (transfer full): the new file, or %NULL with @error set
 */
char *
sp_shop_back_up_server_store (SpStore     *store,
                              const char  *folder,
                              GError     **error)
{
  g_autoptr(SpPgConnection) conn = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (SP_IS_STORE (store) && sp_store_is_on_server (store), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  if (!check_folder (folder, error))
    return NULL;

  conn = sp_pg_replica_connect (SP_PG_REPLICA (store->replica), error);
  if (conn == NULL || !check_owner (conn, SP_SHOP_OWNER_BACKS_UP, error))
    return NULL;

  path = sp_backup_dup_free_path (folder, sp_pg_connection_get_database (conn), ".db");
  if (!copy_from_server (conn, path, error))
    return NULL;

  return g_steal_pointer (&path);
}


/* The owner's right to take the whole shop out of the server, or to replace it, asked of it */
static gboolean
check_owner (SpPgConnection     *conn,
             SpShopOwnerAction   action,
             GError            **error)
{
  const char *user;

  if (!sp_pg_check_schema (conn, error))
    return FALSE;

  switch (sp_pg_connection_get_role (conn, error))
    {
    case SP_PG_ROLE_OWNER:
      return TRUE;
    case SP_PG_ROLE_NONE:
      if (error != NULL && *error != NULL)
        return FALSE;
      G_GNUC_FALLTHROUGH;
    default:
      user = sp_pg_connection_get_user (conn);
      if (action == SP_SHOP_OWNER_BACKS_UP)
        g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                     /* TRANSLATORS: %s is the login's name */
                     _("Only the shop’s owner may back the shop up; the login “%s” is not in "
                       "the owner’s group."), user);
      else if (action == SP_SHOP_OWNER_MOVES)
        g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                     /* TRANSLATORS: %s is the login's name */
                     _("Only the shop’s owner may move the shop; the login “%s” is not in the "
                       "owner’s group."), user);
      else
        g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                     /* TRANSLATORS: %s is the login's name */
                     _("Only the shop’s owner may restore the shop; the login “%s” is not in "
                       "the owner’s group."), user);
      return FALSE;
    }
}

/**
 * sp_shop_check_server_owner:
 *
 * Fails with a message naming the login when the login of @uri is not in
 * the owner's group of the shop there (the server decides that too).
 */
gboolean
sp_shop_check_server_owner (const char         *uri,
                            SpShopOwnerAction   action,
                            GError            **error)
{
  g_autoptr(SpPgConnection) conn = sp_pg_connection_new (uri, error);

  return conn != NULL && check_owner (conn, action, error);
}

/**
 * sp_shop_restore_server_store:
 * @store: a shop on a server (sp_store_is_on_server()), with an owner's login
 * @backup: a shop file
 * @saved: (out) (transfer full): where the shop as it was is kept
 * @n_months: (out) (optional): how many months' KPIs were found equal
 *
 * What `service-pulse --db URI restore` does, for the window: with the
 * login of @store and on connections of its own (so from any thread),
 * keeps the server's shop as it is in a file on this computer
 * (sp_shop_list_server_copies()), then replaces it with @backup, checked
 * as sp_shop_restore_to_server() checks it.  Every computer's copy is made
 * again from the restored shop.
 */
gboolean
sp_shop_restore_server_store (SpStore     *store,
                              SpStore     *backup,
                              char       **saved,
                              guint       *n_months,
                              GError     **error)
{
  g_autoptr(SpPgConnection) conn = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (SP_IS_STORE (store) && sp_store_is_on_server (store), FALSE);
  g_return_val_if_fail (SP_IS_STORE (backup), FALSE);
  g_return_val_if_fail (saved != NULL, FALSE);

  conn = sp_pg_replica_connect (SP_PG_REPLICA (store->replica), error);
  if (conn == NULL || !check_owner (conn, SP_SHOP_OWNER_RESTORES, error))
    return FALSE;

  path = sp_shop_dup_server_copy_path (sp_pg_connection_get_database (conn), error);
  if (path == NULL || !copy_from_server (conn, path, error) ||
      !move_on (conn, backup, TRUE, n_months, error))
    return FALSE;

  *saved = g_steal_pointer (&path);
  return TRUE;
}

#endif

#ifndef HAVE_LIBPQ
gboolean
sp_shop_restore_server_store (SpStore     *store,
                              SpStore     *backup,
                              char       **saved,
                              guint       *n_months,
                              GError     **error)
{
  g_set_error_literal (error, SP_ERROR, SP_ERROR_FAILED,
                       _("This build of Service Pulse has no PostgreSQL support (libpq)."));
  return FALSE;
}

char *
sp_shop_back_up_server_store (SpStore     *store,
                              const char  *folder,
                              GError     **error)
{
  g_set_error_literal (error, SP_ERROR, SP_ERROR_FAILED,
                       _("This build of Service Pulse has no PostgreSQL support (libpq)."));
  return NULL;
}
#endif

/* The copies of a server's shop kept on this computer before each restore onto it */

#define SERVER_COPY_SUFFIX "-before-restore.db"

static char *
dup_server_copies_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "service-pulse", "server-backups", NULL);
}

/**
 * sp_shop_dup_server_copy_path:
 * @database: the server's database
 *
 * Returns: (transfer full): where the shop of @database as it is now is
 *   kept before a restore: a new file in the folder of such copies, which
 *   is made when missing; %NULL with @error set when it can't be
 */
char *
sp_shop_dup_server_copy_path (const char  *database,
                              GError     **error)
{
  g_autofree char *folder = dup_server_copies_folder ();

  g_return_val_if_fail (database != NULL, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* TRANSLATORS: the folder, then the reason */
                   _("Could not make the folder “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }

  return sp_backup_dup_free_path (folder, database, SERVER_COPY_SUFFIX);
}

/**
 * sp_shop_list_server_copies:
 * @database: the server's database
 *
 * Returns: (transfer full) (element-type filename): the paths of the
 *   copies this computer kept of the shop of @database before each restore
 *   onto it
 */
GPtrArray *
sp_shop_list_server_copies (const char *database)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = dup_server_copies_folder ();
  g_autofree char *prefix = g_strdup_printf ("%s-", database);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      /* the database's name, then the moment: 2026-12-07-101500, or 2026-12-07-101500-2 */
      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, SERVER_COPY_SUFFIX) &&
          g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}(-[0-9]+)?"
                                SERVER_COPY_SUFFIX "$",
                                name + strlen (prefix), 0, 0))
        g_ptr_array_add (paths, g_build_filename (folder, name, NULL));
    }

  return g_steal_pointer (&paths);
}

/**
 * sp_shop_delete_server_copies:
 * @database: the server's database
 * @n_deleted: (out): how many copies were deleted
 *
 * Deletes the copies sp_shop_list_server_copies() lists, all those it can.
 *
 * Returns: %FALSE, with @error naming the first that was not deleted and why, when one was not
 */
gboolean
sp_shop_delete_server_copies (const char  *database,
                              guint       *n_deleted,
                              GError     **error)
{
  g_autoptr(GPtrArray) copies = sp_shop_list_server_copies (database);
  gboolean ok = TRUE;

  *n_deleted = 0;
  for (guint i = 0; i < copies->len; i++)
    {
      const char *path = copies->pdata[i];

      if (g_remove (path) == 0)
        {
          (*n_deleted)++;
        }
      else if (ok)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       /* TRANSLATORS: the file, then the reason */
                       _("Could not delete “%s”: %s"), display, g_strerror (saved_errno));
          ok = FALSE;
        }
    }

  return ok;
}
