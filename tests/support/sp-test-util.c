/* sp-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-store-private.h"
#include "sp-backup.h"
#include "sp-test-util.h"

#ifdef HAVE_LIBPQ
#include <libpq-fe.h>

#include "sp-pg-connection.h"
#include "sp-pg-schema.h"
#include "sp-pg-tables.h"
#endif

char *
sp_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sp-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
sp_test_db_path (const char *dir)
{
  return g_build_filename (dir, "test.db", NULL);
}

/*
 * The store under test: a shop file, or with SP_TEST_STORE=server a shop on
 * the PostgreSQL server of PGHOST/PGPORT (the throwaway cluster of
 * pg_virtualenv), worked on through its copy on this computer.  The same
 * tests run on both (tests/meson.build registers them twice).
 */

/* The databases made for this process: the file path each stands for → its name */
#ifdef HAVE_LIBPQ
static GHashTable *server_shops;
static GHashTable *server_open;   /* address → how many stores of it are open */
static char *server_cache_dir;
static PGconn *server_admin_conn;
#endif

gboolean
sp_test_is_server (void)
{
  return g_strcmp0 (g_getenv ("SP_TEST_STORE"), "server") == 0;
}

/*
 * Skips the current test in the server variant, saying why: "about the
 * file: …" for a test of the SQLite file itself, "server store: …" for a
 * fault of the server's store the test finds.  Returns: whether it skipped
 */
gboolean
sp_test_skip_on_server (const char *reason)
{
  if (!sp_test_is_server ())
    return FALSE;

  g_test_skip (reason);
  return TRUE;
}

#ifdef HAVE_LIBPQ
static void
ignore_notice (void       *data,
               const char *message)
{
}

static PGconn *
server_admin (void)
{
  if (server_admin_conn != NULL && PQstatus (server_admin_conn) != CONNECTION_OK)
    PQreset (server_admin_conn);
  if (server_admin_conn == NULL)
    {
      server_admin_conn = PQconnectdb ("dbname=postgres");
      /* "role … does not exist, skipping" */
      PQsetNoticeProcessor (server_admin_conn, ignore_notice, NULL);
    }
  if (PQstatus (server_admin_conn) != CONNECTION_OK)
    g_error ("could not reach the PostgreSQL server: %s", PQerrorMessage (server_admin_conn));
  return server_admin_conn;
}

static void
server_exec (const char *sql)
{
  PGresult *result = PQexec (server_admin (), sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

/* Drops the database @name and the two group roles setting it up made */
static void
server_drop (const char *name)
{
  /* @name is made of a counter and the process id only (server_shop_create()) */
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  g_autofree char *owner = g_strdup_printf ("DROP ROLE IF EXISTS %s_owner", name);
  g_autofree char *staff = g_strdup_printf ("DROP ROLE IF EXISTS %s_staff", name);

  server_exec (drop);
  server_exec (owner);
  server_exec (staff);
}

static void
server_cleanup (void)
{
  if (server_shops != NULL)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, server_shops);
      while (g_hash_table_iter_next (&iter, NULL, &name))
        server_drop (name);
      g_clear_pointer (&server_shops, g_hash_table_unref);
    }
  g_clear_pointer (&server_admin_conn, PQfinish);

  if (server_cache_dir != NULL)
    {
      sp_test_remove_dir (server_cache_dir);
      g_clear_pointer (&server_cache_dir, g_free);
    }
}

/*
 * Before main: in the server variant, skips the whole program (exit status
 * 77, as tests/pg does) when there is no server to test against, and keeps
 * the copies of the shops in a folder of this run's own, before GLib reads
 * XDG_CACHE_HOME.
 */
__attribute__((constructor)) static void
server_init (void)
{
  PGconn *probe;
  GError *error = NULL;

  if (!sp_test_is_server ())
    return;

  if (g_getenv ("PGHOST") == NULL && g_getenv ("PGPORT") == NULL)
    {
      g_printerr ("SKIP: SP_TEST_STORE=server needs a PostgreSQL server to test against "
                  "(PGHOST/PGPORT are not set); build-aux/test runs the suite pg inside "
                  "pg_virtualenv\n");
      _exit (77);
    }

  probe = PQconnectdb ("dbname=postgres");
  if (PQstatus (probe) != CONNECTION_OK)
    {
      g_printerr ("SKIP: the PostgreSQL server of PGHOST/PGPORT is not reachable: %s\n",
                  PQerrorMessage (probe));
      PQfinish (probe);
      _exit (77);
    }
  PQfinish (probe);

  server_cache_dir = g_dir_make_tmp ("sp-test-cache-XXXXXX", &error);
  if (server_cache_dir == NULL)
    g_error ("%s", error->message);
  g_setenv ("XDG_CACHE_HOME", server_cache_dir, TRUE);
  atexit (server_cleanup);
}

static char *
server_shop_create (void)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpPgConnection) conn = NULL;
  g_autoptr(SpStore) store = NULL;
  /* the names are made of a counter and the process id only */
  char *name = g_strdup_printf ("sp_ts_%u_%u", (guint) getpid (), ++counter);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *uri = g_strdup_printf ("postgresql:///%s", name);

  server_exec (create);
  conn = sp_pg_connection_new (uri, &error);
  g_assert_no_error (error);
  sp_pg_setup_server (conn, &error);
  g_assert_no_error (error);

  return name;
}
#endif

#ifdef HAVE_LIBPQ
/* The totals the copy counts by itself, beside the records it takes from the server */
static const char * const copy_totals[] = {
  "SELECT * FROM kpi_days ORDER BY day, agent_id, channel, category_id",
  "SELECT * FROM kpi_months ORDER BY month, agent_id, channel, category_id",
  "SELECT * FROM survey_days ORDER BY day, agent_id, channel, category_id",
  "SELECT * FROM survey_months ORDER BY month, agent_id, channel, category_id",
  "SELECT * FROM contact_hours ORDER BY day, hour",
  "SELECT * FROM resolved_days ORDER BY day, agent_id, channel, category_id",
  "SELECT * FROM resolved_months ORDER BY month, agent_id, channel, category_id",
};

static void
dump_rows (GString    *out,
           sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));

  g_string_append_printf (out, "%s\n", sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *sep = i > 0 ? " | " : "  ";

          if (sqlite3_column_type (stmt, i) == SQLITE_FLOAT)
            g_string_append_printf (out, "%s%.17g", sep, sqlite3_column_double (stmt, i));
          else
            g_string_append_printf (out, "%s%s", sep,
                                    sqlite3_column_type (stmt, i) == SQLITE_NULL
                                      ? "NULL" : (const char *) sqlite3_column_text (stmt, i));
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

/* What the copy of a server's shop holds: its records and its totals */
static char *
dump_shop (SpStore *store)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = sp_store_get_handle (store);

  /* the settings this computer keeps for itself stay out of the server (sp-pg-replica.c) */
  for (guint i = 0; i < SP_PG_N_RECORD_TABLES; i++)
    dump_rows (out, db, g_str_equal (sp_pg_record_tables[i].name, "settings")
                          ? SP_PG_SHARED_SETTINGS : sp_pg_record_tables[i].select);
  for (guint i = 0; i < G_N_ELEMENTS (copy_totals); i++)
    dump_rows (out, db, copy_totals[i]);

  return g_string_free (out, FALSE);
}

static void
remove_copy (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* The totals again, as both sides can be asked for them: no name is 0 on the server */
#define TOTALS_KPI \
  "n, complaints, repeats, fcr_ok, escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq," \
  " handle_n, handle_sum, handle_sq, sla_within, unanswered, no_customer, no_outcome," \
  " incomplete, ofr_sum, ofr_sq, ores_sum, ores_sq, osla_within"
#define TOTALS_SURVEY \
  "n, csat_n, csat_good, nps_n, promoters, detractors, ces_n, ces_sum, ces_sq"
#define TOTALS_KEY(t) \
  "SELECT " t ", coalesce (agent_id, 0), channel, coalesce (category_id, 0), "
#define TOTALS_FROM(table) \
  " FROM " table " WHERE n <> 0 ORDER BY 1, 2, 3, 4"

static const char * const both_totals[] = {
  TOTALS_KEY ("day") TOTALS_KPI TOTALS_FROM ("kpi_days"),
  TOTALS_KEY ("month") TOTALS_KPI TOTALS_FROM ("kpi_months"),
  TOTALS_KEY ("day") TOTALS_SURVEY TOTALS_FROM ("survey_days"),
  TOTALS_KEY ("month") TOTALS_SURVEY TOTALS_FROM ("survey_months"),
  "SELECT day, hour, n FROM contact_hours WHERE n <> 0 ORDER BY 1, 2",
  TOTALS_KEY ("day") "n" TOTALS_FROM ("resolved_days"),
  TOTALS_KEY ("month") "n" TOTALS_FROM ("resolved_months"),
};

/* A number as both sides write it, to the digits that matter; anything else as it is */
static void
append_value (GString    *out,
              guint       column,
              const char *text)
{
  const char *sep = column > 0 ? " | " : "  ";
  char *end = NULL;
  double v;

  if (text == NULL)
    {
      g_string_append_printf (out, "%sNULL", sep);
      return;
    }

  v = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0')
    g_string_append_printf (out, "%s%.17g", sep, v);
  else
    g_string_append_printf (out, "%s%s", sep, text);
}

/* Whether two lines of a dump are the same, numbers to nine digits */
static gboolean
same_line (const char *a,
           const char *b)
{
  g_auto(GStrv) a_values = NULL;
  g_auto(GStrv) b_values = NULL;

  if (g_str_equal (a, b))
    return TRUE;

  a_values = g_strsplit (a, " | ", -1);
  b_values = g_strsplit (b, " | ", -1);
  if (g_strv_length (a_values) != g_strv_length (b_values))
    return FALSE;

  for (guint i = 0; a_values[i] != NULL; i++)
    {
      char *a_end = NULL, *b_end = NULL;
      double x = g_ascii_strtod (a_values[i], &a_end);
      double y = g_ascii_strtod (b_values[i], &b_end);

      if (g_str_equal (a_values[i], b_values[i]))
        continue;
      if (a_end == a_values[i] || *a_end != '\0' || b_end == b_values[i] || *b_end != '\0' ||
          fabs (x - y) > 1e-9 * MAX (1.0, MAX (fabs (x), fabs (y))))
        return FALSE;
    }

  return TRUE;
}

static char *
dump_totals_copy (SpStore *store)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = sp_store_get_handle (store);

  for (guint t = 0; t < G_N_ELEMENTS (both_totals); t++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, both_totals[t], -1, &stmt, NULL) != SQLITE_OK)
        g_error ("%s: %s", both_totals[t], sqlite3_errmsg (db));
      g_string_append_printf (out, "%s\n", both_totals[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            append_value (out, i, (const char *) sqlite3_column_text (stmt, i));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (out, FALSE);
}

static char *
dump_totals_server (const char *address)
{
  GString *out = g_string_new (NULL);
  PGconn *conn = PQconnectdb (address);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", address, PQerrorMessage (conn));

  for (guint t = 0; t < G_N_ELEMENTS (both_totals); t++)
    {
      PGresult *result = PQexec (conn, both_totals[t]);

      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        g_error ("%s: %s", both_totals[t], PQresultErrorMessage (result));
      g_string_append_printf (out, "%s\n", both_totals[t]);
      for (int r = 0; r < PQntuples (result); r++)
        {
          for (int i = 0; i < PQnfields (result); i++)
            append_value (out, i, PQgetisnull (result, r, i) ? NULL : PQgetvalue (result, r, i));
          g_string_append_c (out, '\n');
        }
      PQclear (result);
    }

  PQfinish (conn);
  return g_string_free (out, FALSE);
}

/* Fails the test at the first line where @a and @b differ, saying @what */
static gboolean
check_same (const char *what,
            const char *a_name,
            const char *a,
            const char *b_name,
            const char *b)
{
  g_auto(GStrv) a_lines = NULL;
  g_auto(GStrv) b_lines = NULL;
  const char *table = "";
  guint i;

  if (g_str_equal (a, b))
    return TRUE;

  a_lines = g_strsplit (a, "\n", -1);
  b_lines = g_strsplit (b, "\n", -1);
  for (i = 0; a_lines[i] != NULL && b_lines[i] != NULL; i++)
    {
      if (!same_line (a_lines[i], b_lines[i]))
        break;
      if (g_str_has_prefix (a_lines[i], "SELECT"))
        table = a_lines[i];
    }

  if (a_lines[i] == NULL && b_lines[i] == NULL)
    return TRUE;

  g_test_fail_printf ("server store: %s; in\n%s\n%s has\n%s\nand %s\n%s", what, table, a_name,
                      a_lines[i] ? a_lines[i] : "(nothing more)", b_name,
                      b_lines[i] ? b_lines[i] : "(nothing more)");
  return FALSE;
}

/*
 * Whatever the test wrote reached the server: the copy on this computer,
 * brought up to date, holds the same as a new copy taken from the server.
 * A write that went to the copy alone (outside sp_store_begin() and
 * sp_store_commit(), or lost on its way) fails the test here.
 */
static void
server_check_copy (const char *address)
{
  g_autoptr(SpStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *kept_totals = NULL;
  g_autofree char *on_server = NULL;

  /* a store still open keeps its copy in use */
  if (server_open != NULL && g_hash_table_contains (server_open, address))
    return;

  store = sp_test_open_shop (address);
  path = g_strdup (sp_store_get_path (store));
  kept = dump_shop (store);
  kept_totals = dump_totals_copy (store);
  g_clear_object (&store);

  remove_copy (path);
  store = sp_test_open_shop (address);
  fresh = dump_shop (store);
  g_clear_object (&store);

  if (!check_same ("the copy on this computer holds what the server does not (a write outside "
                   "a transaction, or lost on its way to the server)",
                   "the copy", kept, "a new copy from the server", fresh))
    return;

  /* and the server counted the same totals by itself */
  on_server = dump_totals_server (address);
  check_same ("the server's totals are not the copy's", "the copy", kept_totals,
              "the server", on_server);
}

static void
server_store_closed (gpointer  data,
                     GObject  *where_the_object_was)
{
  char *address = data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (server_open, address));

  if (n <= 1)
    g_hash_table_remove (server_open, address);
  else
    g_hash_table_insert (server_open, g_strdup (address), GUINT_TO_POINTER (n - 1));
  g_free (address);
}
#endif

/*
 * What --db names for the shop at @path: @path itself, or in the server
 * variant the address of a database of its own on the server, made and set
 * up the first time (the same one for the same @path until the folder is
 * removed with sp_test_remove_dir()).
 */
char *
sp_test_shop_address (const char *path)
{
  const char *name;

  if (!sp_test_is_server ())
    return g_strdup (path);

#ifdef HAVE_LIBPQ
  if (server_shops == NULL)
    server_shops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  name = g_hash_table_lookup (server_shops, path);
  if (name == NULL)
    {
      name = server_shop_create ();
      g_hash_table_insert (server_shops, g_strdup (path), (char *) name);
    }
  return g_strdup_printf ("postgresql:///%s", name);
#else
  (void) name;
  g_error ("SP_TEST_STORE=server: this build has no PostgreSQL support");
  return NULL;
#endif
}

/*
 * Makes the shop of sp_test_open_store (@to_dir) a copy of the one of
 * @from_dir, which no store may have open: a copy of its file, or of its
 * database on the server.
 */
void
sp_test_copy_store (const char *from_dir,
                    const char *to_dir)
{
  g_autofree char *from = sp_test_db_path (from_dir);
  g_autofree char *to = sp_test_db_path (to_dir);

  if (!sp_test_is_server ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (from, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
      g_assert_no_error (error);
      return;
    }

#ifdef HAVE_LIBPQ
  {
    static guint counter;
    const char *template = server_shops ? g_hash_table_lookup (server_shops, from) : NULL;
    char *name = g_strdup_printf ("sp_tc_%u_%u", (guint) getpid (), ++counter);
    g_autofree char *create = NULL;

    g_assert_nonnull (template);
    g_assert_null (g_hash_table_lookup (server_shops, to));
    /* both names are made of a counter and the process id only */
    create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s", name, template);
    server_exec (create);
    g_hash_table_insert (server_shops, g_strdup (to), name);
  }
#endif
}

/* What --db names for the shop of sp_test_open_store (@dir) */
char *
sp_test_db_address (const char *dir)
{
  g_autofree char *path = sp_test_db_path (dir);

  return sp_test_shop_address (path);
}

/* Opens the shop at @address (a file, or a server's as sp_store_is_server_address() says) */
SpStore *
sp_test_open_shop (const char *address)
{
  g_autoptr(GError) error = NULL;
  SpStore *store;

  if (sp_store_is_server_address (address))
    store = sp_store_open_server (address, NULL, SP_STORE_OPEN_DEFAULT, &error);
  else
    store = sp_store_open (address, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

#ifdef HAVE_LIBPQ
  if (sp_store_is_server_address (address))
    {
      guint n;

      if (server_open == NULL)
        server_open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      n = GPOINTER_TO_UINT (g_hash_table_lookup (server_open, address));
      g_hash_table_insert (server_open, g_strdup (address), GUINT_TO_POINTER (n + 1));
      g_object_weak_ref (G_OBJECT (store), server_store_closed, g_strdup (address));
    }
#endif

  return store;
}

SpStore *
sp_test_open_store (const char *dir)
{
  g_autofree char *address = sp_test_db_address (dir);

  return sp_test_open_shop (address);
}

static void
remove_recursive (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (d && (name = g_dir_read_name (d)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_recursive (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}

void
sp_test_remove_dir (const char *dir)
{
  if (dir == NULL)
    return;

#ifdef HAVE_LIBPQ
  /* the server's databases of the shops in @dir go with it */
  if (server_shops != NULL)
    {
      g_autofree char *prefix = g_build_filename (dir, "", NULL);
      GHashTableIter iter;
      gpointer path, name;

      g_hash_table_iter_init (&iter, server_shops);
      while (g_hash_table_iter_next (&iter, &path, &name))
        if (g_str_has_prefix (path, prefix))
          {
            g_autofree char *address = g_strdup_printf ("postgresql:///%s", (char *) name);

            /* within a test that has not failed already */
            if (g_test_get_path () != NULL && *g_test_get_path () != '\0' && !g_test_failed ())
              server_check_copy (address);
            server_drop (name);
            g_hash_table_iter_remove (&iter);
          }
    }
#endif

  remove_recursive (dir);
}

void
sp_test_store_open (char    **dir,
                    SpStore **store)
{
  *dir = sp_test_make_dir ();
  *store = sp_test_open_store (*dir);
}

void
sp_test_store_close (char    **dir,
                     SpStore **store)
{
  g_clear_object (store);
  sp_test_remove_dir (*dir);
  g_clear_pointer (dir, g_free);
}

void
sp_test_store_setup (SpTestStore   *f,
                     gconstpointer  data)
{
  sp_test_store_open (&f->dir, &f->store);
}

void
sp_test_store_teardown (SpTestStore   *f,
                        gconstpointer  data)
{
  sp_test_store_close (&f->dir, &f->store);
}

void
sp_test_assert_contains (const char *file,
                         int         line,
                         const char *func,
                         const char *expression,
                         const char *haystack,
                         const char *needle,
                         gboolean    contains)
{
  g_autofree char *message = NULL;

  if (haystack != NULL && needle != NULL && (strstr (haystack, needle) != NULL) == contains)
    return;

  message = g_strdup_printf ("%s %s “%s”; it is:\n%s", expression,
                             contains ? "does not contain" : "contains", needle ? needle : "(null)",
                             haystack ? haystack : "(null)");
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

/* The text of a PDF, or NULL when pdftotext is not installed */
char *
sp_test_pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
sp_test_wait_begin (SpTestWait *wait,
                    const char *what,
                    const char *where)
{
  wait->what = what;
  wait->where = where;
  wait->deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  wait->wake = g_timeout_source_new (50);
  g_source_set_callback (wait->wake, wake_cb, NULL, NULL);
  g_source_set_static_name (wait->wake, "[sp-test] wait");
  g_source_attach (wait->wake, g_main_context_get_thread_default ());
}

void
sp_test_wait_iterate (SpTestWait *wait)
{
  if (g_get_monotonic_time () > wait->deadline)
    g_error ("%s: still waiting for %s", wait->where, wait->what);

  g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
}

void
sp_test_wait_end (SpTestWait *wait)
{
  g_source_destroy (wait->wake);
  g_clear_pointer (&wait->wake, g_source_unref);
}

char *
sp_test_write_file (const char *dir,
                    const char *name,
                    const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static sqlite3_stmt *
query (SpStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (sp_store_get_handle (store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (sp_store_get_handle (store)));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    g_error ("%s: no row (%d)", sql, rc);

  return stmt;
}

gint64
sp_test_query_int (SpStore    *store,
                   const char *sql)
{
  sqlite3_stmt *stmt = query (store, sql);
  gint64 v = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return v;
}

double
sp_test_query_double (SpStore    *store,
                      const char *sql)
{
  sqlite3_stmt *stmt = query (store, sql);
  double v = sqlite3_column_double (stmt, 0);

  sqlite3_finalize (stmt);
  return v;
}

char *
sp_test_query_text (SpStore    *store,
                    const char *sql)
{
  sqlite3_stmt *stmt = query (store, sql);
  char *v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return v;
}

SpTime
sp_test_time (const char *iso)
{
  SpTime t = SP_TIME_NONE;

  if (!sp_time_parse (iso, &t, NULL))
    g_error ("bad test time %s", iso);
  return t;
}

SpDate
sp_test_date (const char *iso)
{
  SpDate d = SP_DATE_NONE;

  if (!sp_date_parse (iso, &d, NULL))
    g_error ("bad test date %s", iso);
  return d;
}

void
sp_test_run_clear (SpTestRun *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/*
 * Runs the program under test (SP_TEST_BINARY) with the arguments from
 * @first up to NULL, in @env or, when it is NULL, in this process's
 * environment; asserts that it exited, and keeps its status and output.
 */
void
sp_test_run_valist (SpTestRun   *r,
                    char       **env,
                    const char  *first,
                    va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  sp_test_run_clear (r);
  g_ptr_array_add (argv, (char *) g_getenv ("SP_TEST_BINARY"));
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);

  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

/* The same in this process's environment */
void
sp_test_run (SpTestRun  *r,
             const char *first,
             ...)
{
  va_list args;

  va_start (args, first);
  sp_test_run_valist (r, NULL, first, args);
  va_end (args);
}

/* The same in sp_test_locale_environ (@locale, @locpath) */
void
sp_test_run_locale (SpTestRun  *r,
                    const char *locale,
                    const char *locpath,
                    const char *first,
                    ...)
{
  g_auto(GStrv) env = sp_test_locale_environ (locale, locpath);
  va_list args;

  va_start (args, first);
  sp_test_run_valist (r, env, first, args);
  va_end (args);
}

/*
 * This process's environment with LC_ALL set to @locale (C.UTF-8 when
 * NULL), no LANGUAGE and, unless @locpath is NULL, LOCPATH set to it.
 */
char **
sp_test_locale_environ (const char *locale,
                        const char *locpath)
{
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "LC_ALL", locale ? locale : "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  if (locpath != NULL)
    env = g_environ_setenv (env, "LOCPATH", locpath, TRUE);

  return env;
}

/*
 * Compiles the locale @name (e.g. "fr_FR") in UTF-8 into the folder
 * "locales" in @dir, for LOCPATH, since few machines have them installed.
 * Returns: that folder, or NULL when localedef could not make it.
 */
char *
sp_test_make_locale (const char *dir,
                     const char *name)
{
  g_autofree char *locales = g_build_filename (dir, "locales", NULL);
  g_autofree char *full = g_strconcat (name, ".UTF-8", NULL);
  g_autofree char *made = g_build_filename (locales, full, NULL);
  const char *argv[] = { "localedef", "-i", name, "-f", "UTF-8", made, NULL };
  int wait_status = 0;

  g_mkdir_with_parents (locales, 0700);

  if (!g_file_test (made, G_FILE_TEST_IS_DIR) &&
      (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, NULL, NULL, &wait_status, NULL) ||
       !g_file_test (made, G_FILE_TEST_IS_DIR)))
    return NULL;

  return g_steal_pointer (&locales);
}

char *
sp_test_make_german_locale (const char *dir)
{
  return sp_test_make_locale (dir, "de_DE");
}

void
sp_test_engine_setup (SpTestEngine  *f,
                      gconstpointer  now)
{
  g_assert_nonnull (now);

  sp_time_override_now (sp_test_time (now));
  sp_test_store_open (&f->dir, &f->store);
  f->engine = sp_kpi_engine_new (f->store);
}

void
sp_test_engine_teardown (SpTestEngine  *f,
                         gconstpointer  data)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->store);
  sp_test_remove_dir (f->dir);
  g_clear_pointer (&f->dir, g_free);
  sp_time_override_now (SP_TIME_NONE);
}

/*
 * Lets go of Pango's font map before exit.  fontconfig's and cairo's own
 * caches stay until exit (tests/data/lsan-fonts.supp): resetting them here
 * aborts whenever a font is still referenced somewhere.
 */
void
sp_test_free_font_caches (void)
{
  pango_cairo_font_map_set_default (NULL);
}

/*
 * A shop made through the command line, as an owner's would be: "shop.db"
 * in @dir with two contacts (one note names a customer).  Returns: what
 * --db names for it: its path, or in the server variant its server's address
 */
char *
sp_test_make_cli_shop (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *db = sp_test_shop_address (path);
  g_autofree char *csv = sp_test_write_file (dir, "c.csv",
                                             "received_at,channel,agent,customer,note\n"
                                             "2026-10-01 09:00,phone,Ana,Zoë Dupont,call back\n"
                                             "2026-10-01 10:00,chat,Ben,Bob,about Zoë Dupont\n");
  SpTestRun r = { 0 };

  sp_test_run (&r, "--db", db, "import", "contacts", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);
  return g_steal_pointer (&db);
}

/* How many backups of @db are beside it */
guint
sp_test_count_backups (const char *db)
{
  g_autoptr(GPtrArray) list = sp_backup_list (db, NULL);

  return list->len;
}
