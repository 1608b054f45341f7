/* sp-test-pg.c
 *
 * For the tests of a shop on a PostgreSQL server: a database of its own
 * for each test in the throwaway cluster pg_virtualenv starts, logins,
 * and questions to the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <unistd.h>

#include "sp-test-pg.h"

/**
 * sp_test_pg_check_server:
 *
 * Returns: 0 when a server is there to test against, otherwise 77 (what
 * meson reports as skipped) after saying why.
 */
int
sp_test_pg_check_server (void)
{
  PGconn *probe;

  if (g_getenv ("PGHOST") == NULL && g_getenv ("PGPORT") == NULL)
    {
      g_printerr ("SKIP: no PostgreSQL server to test against (PGHOST is not set); "
                  "build-aux/test runs this suite inside pg_virtualenv\n");
      return 77;
    }

  probe = PQconnectdb ("dbname=postgres");
  if (PQstatus (probe) != CONNECTION_OK)
    {
      g_printerr ("SKIP: the PostgreSQL server of PGHOST/PGPORT is not reachable: %s\n",
                  PQerrorMessage (probe));
      PQfinish (probe);
      return 77;
    }
  PQfinish (probe);
  return 0;
}


PGconn *
sp_test_pg_connect_admin (void)
{
  PGconn *conn = PQconnectdb ("dbname=postgres");

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

void
sp_test_pg_admin_exec (const char *sql)
{
  PGconn *conn = sp_test_pg_connect_admin ();
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
}

void
sp_test_server_setup (SpTestServer  *f,
                      gconstpointer  data)
{
  static guint counter;
  g_autofree char *create = NULL;

  f->name = g_strdup_printf ("sp_test_%u_%u", (guint) getpid (), ++counter);
  f->uri = g_strdup_printf ("postgresql:///%s", f->name);
  f->dir = sp_test_make_dir ();
  /* the copies of the server's shop the programs under test keep, in the test's folder */
  {
    g_autofree char *cache = g_build_filename (f->dir, "cache", NULL);

    g_autofree char *data_home = g_build_filename (f->dir, "data", NULL);

    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    /* and what they keep of it before a restore */
    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }
  create = g_strdup_printf ("CREATE DATABASE %s", f->name);
  sp_test_pg_admin_exec (create);
}

void
sp_test_server_teardown (SpTestServer  *f,
                         gconstpointer  data)
{
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->name);
  g_autofree char *roles = g_strdup_printf (
    "DO $$ DECLARE r text; BEGIN"
    " FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE '%s\\_%%' OR rolname LIKE 'ana\\_%%'"
    "   OR rolname LIKE 'bo\\_%%' LOOP EXECUTE format ('DROP ROLE %%I', r); END LOOP; END $$",
    f->name);

  sp_test_pg_admin_exec (drop);
  sp_test_pg_admin_exec (roles);
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->uri);
  g_free (f->name);
}

/* The URI of @f's database for the login @user */
char *
sp_test_server_login_uri (SpTestServer *f,
                          const char   *user,
                          const char   *password)
{
  /* without a password, the address names none: libpq's own ways, or nothing, then */
  return g_strdup_printf ("postgresql://%s%s%s@%s:%s/%s", user, password ? ":" : "",
                          password ? password : "",
                          g_getenv ("PGHOST") ? g_getenv ("PGHOST") : "localhost",
                          g_getenv ("PGPORT") ? g_getenv ("PGPORT") : "5432", f->name);
}

/* Runs the app with @input on its standard input */
void
sp_test_run_with_input (SpTestRun          *r,
                        const char         *input,
                        const char * const *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  sp_test_run_clear (r);
  g_ptr_array_add (args, (char *) g_getenv ("SP_TEST_BINARY"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (process);
}

void
sp_test_server_set_up_shop (SpTestServer *f)
{
  SpTestRun r = { 0 };

  sp_test_run (&r, "--db", f->uri, "setup-server", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);
}

void
sp_test_server_add_user (SpTestServer *f,
                         const char   *name,
                         const char   *role,
                         const char   *password)
{
  g_autofree char *input = g_strdup_printf ("%s\n", password);
  const char *argv[] = { "--db", f->uri, "add-user", name, "--role", role, NULL };
  SpTestRun r = { 0 };

  sp_test_run_with_input (&r, input, argv);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);
}

gint64
sp_test_pg_query_int (PGconn     *conn,
                      const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gint64 value;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return value;
}

PGconn *
sp_test_server_connect_as (SpTestServer *f,
                           const char   *user,
                           const char   *password)
{
  g_autofree char *uri = user ? sp_test_server_login_uri (f, user, password) : g_strdup (f->uri);
  PGconn *conn = PQconnectdb (uri);

  g_assert_cmpstr (PQerrorMessage (conn), ==, "");
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* The cluster of PGPORT as pg_ctlcluster names it: "15 regress" */
static gboolean
find_cluster (char **version,
              char **name)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *port = g_getenv ("PGPORT") ? g_getenv ("PGPORT") : "5432";
  const char *argv[] = { "pg_lsclusters", "--no-header", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    return FALSE;

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (lines[i], " \t", -1);
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();

      for (guint j = 0; words[j] != NULL; j++)
        if (*words[j] != '\0')
          g_ptr_array_add (fields, words[j]);
      if (fields->len >= 3 && g_str_equal (fields->pdata[2], port))
        {
          *version = g_strdup (fields->pdata[0]);
          *name = g_strdup (fields->pdata[1]);
          return TRUE;
        }
    }

  return FALSE;
}

/* Whether the cluster of PGPORT is one pg_ctlcluster can stop and start */
gboolean
sp_test_pg_can_stop_server (void)
{
  g_autofree char *version = NULL;
  g_autofree char *name = NULL;

  return find_cluster (&version, &name);
}

static gboolean
control_cluster (const char *what)
{
  g_autofree char *version = NULL;
  g_autofree char *name = NULL;
  int status = -1;

  if (!find_cluster (&version, &name))
    return FALSE;

  {
    const char *argv[] = { "pg_ctlcluster", version, name, what, "-m", "immediate", NULL };

    if (g_str_equal (what, "start"))
      argv[4] = NULL;
    if (!g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
      return FALSE;
  }

  return g_spawn_check_wait_status (status, NULL);
}

/**
 * sp_test_pg_stop_server:
 *
 * Stops the cluster of PGPORT at once, as a crash or a pulled cable would
 * (pg_ctlcluster … stop -m immediate).  Returns FALSE where it can't be
 * stopped (then skip the test).
 */
gboolean
sp_test_pg_stop_server (void)
{
  return control_cluster ("stop");
}

/* Starts it again and waits until it takes connections */
void
sp_test_pg_start_server (void)
{
  g_assert_true (control_cluster ("start"));

  for (guint i = 0; i < 100; i++)
    {
      PGconn *probe = PQconnectdb ("dbname=postgres");
      gboolean up = PQstatus (probe) == CONNECTION_OK;

      PQfinish (probe);
      if (up)
        return;
      g_usleep (100000);
    }
  g_assert_not_reached ();
}
