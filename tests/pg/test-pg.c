/* test-pg.c
 *
 * The shop on a PostgreSQL server, against a throwaway cluster: setting
 * it up, adding logins, what the server lets staff and owner do (through
 * libpq and through psql), moving a shop to the server and back, and
 * eight writers at once.  Each test works in a database of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "sp-error.h"
#include "sp-pg-connection.h"
#include "sp-pg-schema.h"
#include "sp-pg-tables.h"
#include "sp-shop-move.h"
#include "sp-test-pg.h"
#include "sp-test-util.h"

/* The program, with @env for its environment */
static void G_GNUC_NULL_TERMINATED
run_with_env (SpTestRun  *r,
              char      **env,
              const char *first,
              ...)
{
  va_list args;

  va_start (args, first);
  sp_test_run_valist (r, env, first, args);
  va_end (args);
}

/* ---- a shop set up by an earlier version ---- */

/* What version 3 added, taken away again: the shop as version 2 set it up */
static const char back_to_version_2[] =
  "DROP TRIGGER contacts_revision ON contacts; DROP TRIGGER surveys_revision ON surveys;"
  "DROP TRIGGER shifts_revision ON shifts; DROP FUNCTION sp_bump_revision ();"
  "DROP TRIGGER contacts_new_revision ON contacts; DROP TRIGGER surveys_new_revision ON surveys;"
  "DROP TRIGGER shifts_new_revision ON shifts; DROP FUNCTION sp_new_revision ();"
  "DROP TRIGGER contacts_repeats_added ON contacts;"
  "DROP TRIGGER contacts_repeats_changed ON contacts;"
  "DROP TRIGGER contacts_repeats_removed ON contacts;"
  "DROP FUNCTION sp_refresh_repeats (); DROP FUNCTION sp_fix_repeat (bigint);"
  "DROP FUNCTION sp_neighbours (bigint, bigint, bigint, bigint);"
  "DROP FUNCTION sp_next_contact (bigint, bigint, bigint, bigint, boolean);"
  "DROP TRIGGER escalations_revision ON escalations; DROP FUNCTION sp_escalation_revision ();"
  "DROP TRIGGER escalations_kept ON escalations; DROP FUNCTION sp_keep_escalation ();"
  "DROP TRIGGER contacts_open_times ON contacts; DROP FUNCTION sp_check_open_times ();"
  "CREATE OR REPLACE FUNCTION sp_keep_entered_by () RETURNS trigger LANGUAGE plpgsql AS $$"
  "BEGIN NEW.entered_by := OLD.entered_by; RETURN NEW; END $$;"
  "UPDATE sp_server SET value = '2' WHERE key = 'schema'";

static void
test_schema_upgrade (SpTestServer  *f,
                     gconstpointer  data)
{
  g_autofree char *ana = g_strdup_printf ("ana_%s", f->name);
  g_autofree char *ana_uri = NULL;
  g_autofree char *setter = NULL;
  SpTestRun r = { 0 };
  PGconn *conn;
  PGresult *result;

  sp_test_server_set_up_shop (f);
  sp_test_server_add_user (f, ana, "staff", "ana-secret");
  ana_uri = sp_test_server_login_uri (f, ana, "ana-secret");

  conn = sp_test_server_connect_as (f, NULL, NULL);
  result = PQexec (conn, back_to_version_2);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  result = PQexec (conn, "SELECT current_user");
  setter = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);

  /* a login that may not change the tables is told who brings the shop up to date */
  sp_test_run (&r, "--db", ana_uri, "config", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "earlier version of Service Pulse");
  sp_assert_contains (r.err, setter);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT value::integer FROM sp_server"
                                               " WHERE key = 'schema'"), ==, 2);

  /* the login that set it up opens it, and brings it up to date on the way */
  sp_test_run (&r, "--db", f->uri, "config", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT value::integer FROM sp_server"
                                               " WHERE key = 'schema'"), ==, SP_PG_SCHEMA_VERSION);
  /* of contacts, escalations, answers and shifts, and of new ones */
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM pg_trigger"
                                               " WHERE tgname LIKE '%_revision'"), ==, 7);

  /* and from then on, everybody */
  sp_test_run (&r, "--db", ana_uri, "config", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);

  /* a shop the app cannot bring up to date is named, not opened */
  sp_test_pg_query_int (conn, "WITH u AS (UPDATE sp_server SET value = '1' WHERE key = 'schema'"
                              " RETURNING 1) SELECT count(*) FROM u");
  sp_test_run (&r, "--db", f->uri, "config", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "schema version 1");
  sp_test_run_clear (&r);
  PQfinish (conn);
}

/* ---- setup-server ---- */

static void
test_setup_server (SpTestServer        *f,
                   gconstpointer  data)
{
  g_autofree char *owner = g_strdup_printf ("%s_owner", f->name);
  g_autofree char *staff = g_strdup_printf ("%s_staff", f->name);
  g_autofree char *roles = NULL;
  SpTestRun r = { 0 };
  PGconn *conn;

  /* an empty database: the verbs say to set it up first */
  sp_test_run (&r, "--db", f->uri, "kpis", "--from", "2026-11-01", "--to", "2026-11-30", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "holds no shop yet");

  sp_test_run (&r, "--db", f->uri, "setup-server", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, owner);
  sp_assert_contains (r.out, staff);

  conn = sp_test_server_connect_as (f, NULL, NULL);
  /* the 16 record tables, 7 totals, the server's own facts and 3 tables of versions */
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
                   ==, 27);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT value::integer FROM sp_server WHERE key = 'schema'"),
                   ==, SP_PG_SCHEMA_VERSION);
  roles = g_strdup_printf ("SELECT count(*) FROM pg_roles WHERE rolname IN ('%s', '%s')"
                           " AND NOT rolcanlogin", owner, staff);
  g_assert_cmpint (sp_test_pg_query_int (conn, roles), ==, 2);
  /* row-level security on the records staff enter */
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM pg_class WHERE relrowsecurity"
                                    " AND relname IN ('contacts', 'surveys', 'shifts')"), ==, 3);
  PQfinish (conn);

  /* a second time: the database holds the shop already, and nothing changes */
  sp_test_run (&r, "--db", f->uri, "setup-server", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "already holds a shop");
  sp_assert_contains (r.err, f->name);
  sp_assert_not_contains (r.out, "existed already");

  /* the shop's tables dropped and set up again: the staff group left from before keeps its
   * login, and the owner is told who that is */
  {
    g_autofree char *ana = g_strdup_printf ("ana_%s", f->name);

    sp_test_server_add_user (f, ana, "staff", "ana-secret");
    conn = sp_test_server_connect_as (f, NULL, NULL);
    PQclear (PQexec (conn, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"));
    PQfinish (conn);
    sp_test_run (&r, "--db", f->uri, "setup-server", NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    sp_assert_contains (r.out, "existed already, with the logins");
    sp_assert_contains (r.out, ana);
    sp_assert_contains (r.out, staff);
  }
  sp_test_run_clear (&r);
}

/* Another program's database is not called a shop not yet set up */
static void
test_other_database (SpTestServer  *f,
                     gconstpointer  data)
{
  SpTestRun r = { 0 };
  PGconn *conn = sp_test_server_connect_as (f, NULL, NULL);

  PQclear (PQexec (conn, "CREATE TABLE invoices (id integer)"));
  PQfinish (conn);

  sp_test_run (&r, "--db", f->uri, "kpis", "--from", "2026-11-01", "--to", "2026-11-30", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "holds tables of another program, not a shop");
  sp_assert_not_contains (r.err, "setup-server");
  sp_test_run_clear (&r);
}

static void
test_setup_server_rights (SpTestServer        *f,
                          gconstpointer  data)
{
  g_autofree char *login = g_strdup_printf ("%s_plain", f->name);
  g_autofree char *create = g_strdup_printf ("CREATE ROLE %s LOGIN PASSWORD 'plain-pw'", login);
  g_autofree char *uri = sp_test_server_login_uri (f, login, "plain-pw");
  SpTestRun r = { 0 };
  PGconn *conn;

  /* a login that neither owns the database nor may create roles */
  sp_test_pg_admin_exec (create);
  sp_test_run (&r, "--db", uri, "setup-server", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "may not set up the shop");
  sp_assert_contains (r.err, "CREATEROLE");

  conn = sp_test_server_connect_as (f, NULL, NULL);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
                   ==, 0);
  PQfinish (conn);

  /* a server that does not answer: what happened and where, and nothing else */
  sp_test_run (&r, "--db", "postgresql://localhost:1/shop?connect_timeout=5", "kpis", "--from",
               "2026-01-01", "--to", "2026-01-31", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "is not taking connections on port 1");
  g_assert_cmpstr (r.out, ==, "");

  /* a database without the schema, to a verb that reads */
  sp_test_run (&r, "--db", f->uri, "kpis", "--from", "2026-01-01", "--to", "2026-01-31", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "holds no shop yet");
  sp_test_run_clear (&r);
}

/* ---- add-user ---- */

static void
test_add_user (SpTestServer        *f,
               gconstpointer  data)
{
  g_autofree char *ana = g_strdup_printf ("ana_%s", f->name);
  g_autofree char *bo = g_strdup_printf ("bo_%s", f->name);
  g_autofree char *wrong = NULL;
  g_autoptr(SpPgConnection) as_ana = NULL;
  g_autoptr(SpPgConnection) as_bo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ana_uri = NULL;
  g_autofree char *bo_uri = NULL;
  const char *again[] = { "--db", f->uri, "add-user", ana, "--role", "owner", NULL };
  const char *bad_role[] = { "--db", f->uri, "add-user", "x", "--role", "boss", NULL };
  const char *no_password[] = { "--db", f->uri, "add-user", "nobody", "--role", "staff", NULL };
  SpTestRun r = { 0 };

  sp_test_server_set_up_shop (f);
  sp_test_server_add_user (f, ana, "staff", "ana-secret");
  sp_test_server_add_user (f, bo, "owner", "bo-secret");

  ana_uri = sp_test_server_login_uri (f, ana, "ana-secret");
  as_ana = sp_pg_connection_new (ana_uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_pg_connection_get_role (as_ana, &error), ==, SP_PG_ROLE_STAFF);
  g_assert_no_error (error);

  bo_uri = sp_test_server_login_uri (f, bo, "bo-secret");
  as_bo = sp_pg_connection_new (bo_uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_pg_connection_get_role (as_bo, &error), ==, SP_PG_ROLE_OWNER);
  g_assert_no_error (error);

  /* the password is the one given on standard input, and no other */
  wrong = sp_test_server_login_uri (f, ana, "bo-secret");
  g_assert_null (sp_pg_connection_new (wrong, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED);
  sp_assert_contains (error->message, "did not accept the password");
  g_clear_error (&error);

  /* each way a login can fail says which it is */
  {
    g_autofree char *saved = g_strdup (g_getenv ("PGPASSWORD"));
    g_autofree char *bare = sp_test_server_login_uri (f, ana, NULL);
    g_autofree char *no_db = g_strdup_printf ("postgresql://%s:ana-secret@%s:%s/%s_none", ana,
                                              g_getenv ("PGHOST") ? g_getenv ("PGHOST")
                                                                  : "localhost",
                                              g_getenv ("PGPORT") ? g_getenv ("PGPORT") : "5432",
                                              f->name);
    g_autofree char *no_login = sp_test_server_login_uri (f, "nobody_here", "x");

    /* without a password at hand: the one case the command line asks for it */
    g_unsetenv ("PGPASSWORD");
    g_assert_null (sp_pg_connection_new (bare, &error));
    g_assert_error (error, SP_ERROR, SP_ERROR_NEEDS_PASSWORD);
    sp_assert_contains (error->message, "asks for the password");
    g_clear_error (&error);
    if (saved != NULL)
      g_setenv ("PGPASSWORD", saved, TRUE);

    g_assert_null (sp_pg_connection_new (no_db, &error));
    g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
    sp_assert_contains (error->message, "has no database");
    sp_assert_not_contains (error->message, "password");
    g_clear_error (&error);

    g_assert_null (sp_pg_connection_new (no_login, &error));
    g_assert_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
  }

  /* at a terminal, the command line asks for the password it lacks, and goes on with it */
  {
    g_autofree char *bare = sp_test_server_login_uri (f, ana, NULL);
    g_autofree char *command = g_strdup_printf ("'%s' --db '%s' kpis --from 2026-11-01 --to "
                                                "2026-11-30", g_getenv ("SP_TEST_BINARY"),
                                                bare);
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                 G_SUBPROCESS_FLAGS_STDERR_MERGE);
    g_autoptr(GSubprocess) script = NULL;
    g_autoptr(GString) seen = g_string_new (NULL);
    GInputStream *out;
    char buffer[4096];
    gssize n;

    g_subprocess_launcher_unsetenv (launcher, "PGPASSWORD");
    script = g_subprocess_launcher_spawn (launcher, &error, "script", "-qec", command,
                                          "/dev/null", NULL);
    g_assert_no_error (error);
    out = g_subprocess_get_stdout_pipe (script);

    /* typed once the question shows, as a person would */
    while (strstr (seen->str, "Password for") == NULL &&
           (n = g_input_stream_read (out, buffer, sizeof buffer - 1, NULL, &error)) > 0)
      g_string_append_len (seen, buffer, n);
    g_assert_no_error (error);
    sp_assert_contains (seen->str, "Password for");
    g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (script),
                                              "ana-secret\n", 11, NULL, NULL, &error));
    g_assert_no_error (error);
    while ((n = g_input_stream_read (out, buffer, sizeof buffer - 1, NULL, &error)) > 0)
      g_string_append_len (seen, buffer, n);
    g_assert_true (g_subprocess_wait (script, NULL, &error));
    g_assert_no_error (error);
    g_test_message ("%s", seen->str);
    g_assert_cmpint (g_subprocess_get_exit_status (script), ==, 0);
    sp_assert_contains (seen->str, "whole shop");
    /* not shown as it was typed */
    sp_assert_not_contains (seen->str, "ana-secret");
  }

  /* the owner may add logins too, through the server's function */
  {
    const char *argv[] = { "--db", bo_uri, "add-user", "ana_again", "--role", "staff", NULL };
    g_autofree char *drop = NULL;

    sp_test_run_with_input (&r, "pw\n", argv);
    g_assert_cmpint (r.status, ==, 0);
    drop = g_strdup ("DROP ROLE ana_again");
    sp_test_pg_admin_exec (drop);
  }

  /* staff may not */
  {
    const char *argv[] = { "--db", ana_uri, "add-user", "ana_more", "--role", "owner", NULL };

    sp_test_run_with_input (&r, "pw\n", argv);
    g_assert_cmpint (r.status, ==, 1);
    sp_assert_contains (r.err, "may not do that");
  }

  sp_test_run_with_input (&r, "other\n", again);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "already exists");

  sp_test_run_with_input (&r, "pw\n", bad_role);
  g_assert_cmpint (r.status, ==, 2);
  sp_assert_contains (r.err, "owner or staff");

  sp_test_run_with_input (&r, "", no_password);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "No password given");
  sp_test_run_clear (&r);
}

/* ---- roles ---- */

/* A small shop moved onto @f's server, with a staff and an owner login */
static void
make_shop (SpTestServer     *f,
           const char *contacts,
           char      **file)
{
  g_autofree char *path = g_build_filename (f->dir, "shop.db", NULL);
  SpTestRun r = { 0 };

  sp_test_run (&r, "--db", path, "demo", "--contacts", contacts, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run (&r, "--db", path, "move-to", f->uri, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "the same KPIs");
  sp_test_run_clear (&r);

  if (file != NULL)
    *file = g_steal_pointer (&path);
}

typedef struct
{
  const char *what;
  const char *sql;
} Action;

/* What only the owner may do, each as one statement */
static const Action owner_only[] = {
  { "delete a contact someone else entered", "DELETE FROM contacts WHERE id = 1" },
  { "delete a survey answer someone else entered", "DELETE FROM surveys WHERE id = 1" },
  { "change a benchmark",
    "INSERT INTO settings (key, value) VALUES ('benchmark.sla-target.urgent', '30')" },
  { "change a setting", "UPDATE settings SET value = 'Elsewhere' WHERE key = 'shop.name'" },
  { "add a goal",
    "INSERT INTO goals (kpi, direction, target, start_day, due_day, objective, created_at)"
    " VALUES ('csat', 'higher', 90, 20000, 20100, 'loyalty', 0)" },
  { "change a goal", "UPDATE goals SET target = 1" },
  { "delete a goal", "DELETE FROM goals" },
  { "change the opening hours", "INSERT INTO opening_schedules (valid_from) VALUES (20000)" },
  { "add a closed day", "INSERT INTO closed_days (date, name) VALUES (20000, 'Holiday')" },
  { "change month figures", "DELETE FROM month_figures" },
  { "forget a customer", "UPDATE customers SET name = 'Forgotten', forgotten = 1 WHERE id = 1" },
  { "sum the totals again", "SELECT sp_rebuild_totals ()" },
  { "change a customer's details", "UPDATE customers SET email = 'a@example.com' WHERE id = 1" },
  { "rename an agent", "UPDATE agents SET name = 'X' WHERE id = 1" },
};

/* What nobody may do but the triggers and the account that set the server up */
static const Action nobody[] = {
  { "write the totals", "UPDATE kpi_days SET n = n + 1" },
  { "empty the contacts without their totals", "TRUNCATE contacts CASCADE" },
};

/* Whether @sql changed something as @conn's login, inside a transaction taken back */
static gboolean
try_action (PGconn     *conn,
            const char *sql,
            char      **message)
{
  PGresult *result;
  gboolean done;

  PQclear (PQexec (conn, "BEGIN"));
  result = PQexec (conn, sql);
  done = (PQresultStatus (result) == PGRES_COMMAND_OK &&
          (g_str_has_prefix (sql, "TRUNCATE") || atoi (PQcmdTuples (result)) > 0)) ||
         (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) > 0);
  if (message != NULL)
    *message = g_strdup (PQresultErrorMessage (result));
  PQclear (result);
  PQclear (PQexec (conn, "ROLLBACK"));
  return done;
}

static void
test_roles (SpTestServer        *f,
            gconstpointer  data)
{
  g_autofree char *ana = g_strdup_printf ("ana_%s", f->name);
  g_autofree char *bo = g_strdup_printf ("bo_%s", f->name);
  g_autofree char *ana_uri = NULL;
  g_autofree char *bo_uri = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *csv = NULL;
  SpTestRun r = { 0 };
  PGconn *staff, *owner;
  PGresult *result;

  make_shop (f, "300", NULL);
  sp_test_server_add_user (f, ana, "staff", "ana-secret");
  sp_test_server_add_user (f, bo, "owner", "bo-secret");
  ana_uri = sp_test_server_login_uri (f, ana, "ana-secret");
  bo_uri = sp_test_server_login_uri (f, bo, "bo-secret");
  staff = sp_test_server_connect_as (f, ana, "ana-secret");
  owner = sp_test_server_connect_as (f, bo, "bo-secret");

  for (guint i = 0; i < G_N_ELEMENTS (owner_only); i++)
    {
      g_autofree char *message = NULL;

      g_test_message ("staff may not %s", owner_only[i].what);
      g_assert_false (try_action (staff, owner_only[i].sql, &message));
      g_test_message ("the owner may %s", owner_only[i].what);
      g_clear_pointer (&message, g_free);
      if (!try_action (owner, owner_only[i].sql, &message))
        g_error ("the owner may not %s: %s", owner_only[i].what, message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (nobody); i++)
    {
      g_test_message ("nobody may %s", nobody[i].what);
      g_assert_false (try_action (staff, nobody[i].sql, NULL));
      g_assert_false (try_action (owner, nobody[i].sql, NULL));
    }

  /* what staff may do: log and edit contacts, answers and shifts, delete their own */
  result = PQexec (staff,
                   "INSERT INTO contacts (received_at, channel, agent_id, priority)"
                   " VALUES (1780000000, 'phone', 1, 'normal') RETURNING id, entered_by");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (result, 0, 1), ==, ana);
  {
    g_autofree char *own = g_strdup_printf ("DELETE FROM contacts WHERE id = %s",
                                            PQgetvalue (result, 0, 0));

    g_assert_true (try_action (staff, "UPDATE contacts SET note = 'seen' WHERE id = 1", NULL));
    g_assert_true (try_action (staff,
                               "INSERT INTO surveys (answered_at, kind, score)"
                               " VALUES (1780000000, 'csat', 5)", NULL));
    g_assert_true (try_action (staff,
                               "INSERT INTO shifts (date, agent_id, available_hours)"
                               " VALUES (99999, 1, 8)", NULL));
    g_assert_true (try_action (staff,
                               "INSERT INTO customers (name, name_key) VALUES ('New', 'new')",
                               NULL));
    /* who entered a record stays as it was */
    {
      PGresult *kept = PQexec (staff, "UPDATE contacts SET entered_by = 'someone' WHERE id = 1"
                                      " RETURNING entered_by");

      g_assert_cmpint (PQresultStatus (kept), ==, PGRES_TUPLES_OK);
      g_assert_cmpstr (PQgetvalue (kept, 0, 0), ==, g_getenv ("PGUSER"));
      PQclear (kept);
    }
    {
      PGresult *deleted = PQexec (staff, own);

      g_assert_cmpint (PQresultStatus (deleted), ==, PGRES_COMMAND_OK);
      g_assert_cmpstr (PQcmdTuples (deleted), ==, "1");
      PQclear (deleted);
    }
  }
  PQclear (result);

  /* the same refusals for psql, the server's own client */
  for (guint i = 0; i < G_N_ELEMENTS (owner_only); i++)
    {
      g_autofree char *script = g_strdup_printf ("BEGIN; %s; ROLLBACK;", owner_only[i].sql);
      const char *psql_staff[] = { "psql", "-X", "-v", "ON_ERROR_STOP=1", "-d", ana_uri,
                                   "-c", owner_only[i].sql, NULL };
      const char *psql_owner[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", bo_uri,
                                   "-c", script, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      g_test_message ("psql: staff may not %s", owner_only[i].what);
      g_spawn_sync (NULL, (char **) psql_staff, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                    &status, &error);
      g_assert_no_error (error);
      if (g_str_has_prefix (owner_only[i].sql, "DELETE FROM contacts") ||
          g_str_has_prefix (owner_only[i].sql, "DELETE FROM surveys"))
        {
          /* row-level security: others' rows are not there for staff to delete */
          g_assert_true (g_spawn_check_wait_status (status, NULL));
          sp_assert_contains (out, "DELETE 0");
        }
      else
        {
          g_assert_false (g_spawn_check_wait_status (status, NULL));
          sp_assert_contains (err, "permission denied");
        }
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);

      g_test_message ("psql: the owner may %s", owner_only[i].what);
      g_spawn_sync (NULL, (char **) psql_owner, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (err, ==, "");
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }

  /* staff cannot write records without their totals, setting or not */
  {
    gint64 before = sp_test_pg_query_int (owner, "SELECT sum(n) FROM kpi_days");
    PGresult *bulk;

    PQclear (PQexec (staff, "BEGIN"));
    PQclear (PQexec (staff, "SELECT set_config ('sp.bulk', 'on', true)"));
    bulk = PQexec (staff, "INSERT INTO contacts (received_at, channel, agent_id)"
                          " VALUES (1780000000, 'chat', 1)");
    g_assert_cmpint (PQresultStatus (bulk), ==, PGRES_COMMAND_OK);
    PQclear (bulk);
    g_assert_cmpint (sp_test_pg_query_int (staff, "SELECT sum(n) FROM kpi_days"), ==, before + 1);
    PQclear (PQexec (staff, "ROLLBACK"));
  }

  /* the other rows are all still there */
  g_assert_cmpint (sp_test_pg_query_int (owner, "SELECT count(*) FROM contacts"), ==, 300);

  /* what the app refuses staff: import, export, backup, move */
  csv = sp_test_write_file (f->dir, "in.csv",
                            "received_at,channel,agent\n2026-03-02 10:00,phone,Ana\n");
  sp_test_run (&r, "--db", ana_uri, "import", "contacts", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "Only the shop’s owner may import");
  sp_test_run (&r, "--db", ana_uri, "export-csv", "-", "--from", "2026-01-01", "--to",
               "2026-12-31", "--sheet", "contacts", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "Only the shop’s owner may export");
  sp_test_run (&r, "--db", ana_uri, "backup", backup, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "Only the shop’s owner may back the shop up");
  sp_test_run (&r, "--db", ana_uri, "move-to", backup, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "Only the shop’s owner may move the shop");
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  /* … and lets staff read */
  sp_test_run (&r, "--db", ana_uri, "kpis", "--from", "2026-01-01", "--to", "2026-12-31", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);

  /* settings: the server refuses staff; the owner's SLA target changes the totals with it */
  sp_test_run (&r, "--db", ana_uri, "config", "sla-target.normal", "1", NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "Only the shop’s owner may do this");
  {
    gint64 within = sp_test_pg_query_int (owner, "SELECT sum(sla_within) FROM kpi_days");

    sp_test_run (&r, "--db", bo_uri, "config", "sla-target.normal", "1", NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (sp_test_pg_query_int (owner, "SELECT count(*) FROM settings"
                                       " WHERE key = 'benchmark.sla-target.normal'"
                                       " AND value::float8 = 1"), ==, 1);
    /* a one-minute target: fewer answered within it */
    g_assert_cmpint (sp_test_pg_query_int (owner, "SELECT sum(sla_within) FROM kpi_days"), <, within);
    sp_test_run (&r, "--db", bo_uri, "config", "sla-target.normal", "soon", NULL);
    g_assert_cmpint (r.status, ==, 1);
    sp_test_run (&r, "--db", bo_uri, "config", "sla-target.normal", "", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (sp_test_pg_query_int (owner, "SELECT sum(sla_within) FROM kpi_days"), ==, within);
  }

  /* the owner may do all of it */
  sp_test_run (&r, "--db", bo_uri, "import", "contacts", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run (&r, "--db", bo_uri, "backup", backup, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  sp_test_run_clear (&r);

  PQfinish (staff);
  PQfinish (owner);
}

/* ---- move-to ---- */

static void
assert_same_kpis (const char *a_path,
                  const char *b_path,
                  guint       months)
{
  g_autoptr(SpStore) a = sp_store_open (a_path, SP_STORE_OPEN_READ_ONLY, NULL);
  g_autoptr(SpStore) b = sp_store_open (b_path, SP_STORE_OPEN_READ_ONLY, NULL);
  g_autoptr(GError) error = NULL;
  guint n_months = 0;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (sp_shop_compare_kpis (a, b, &n_months, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_months, ==, months);
}

static gint64
count_in_file (const char *path,
               const char *sql)
{
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, NULL);

  g_assert_nonnull (store);
  return sp_test_query_int (store, sql);
}

/* How many rows @table holds; of the settings, those of the shop (a computer's own stay) */
static char *
count_sql (const char *table)
{
  if (g_str_equal (table, "settings"))
    return g_strdup ("SELECT count(*) FROM settings WHERE NOT " LOCAL_SETTING ("key"));
  return g_strdup_printf ("SELECT count(*) FROM %s", table);
}

static void
test_move_both_ways (SpTestServer        *f,
                     gconstpointer  data)
{
  static const char *const tables[] = {
    "settings", "agents", "customers", "categories", "contacts", "escalations", "surveys",
    "shifts", "month_figures", "goals", "goal_events", "goal_notes", "kpi_days", "kpi_months",
    "survey_days", "survey_months", "contact_hours", "resolved_days", "resolved_months",
  };
  g_autofree char *file = NULL;
  g_autofree char *back = g_build_filename (f->dir, "back.db", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again.db", NULL);
  g_autofree char *file_json = NULL;
  SpTestRun r = { 0 };
  PGconn *conn;

  make_shop (f, "2000", &file);
  conn = sp_test_server_connect_as (f, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = count_sql (tables[i]);
      gint64 in_file = count_in_file (file, sql);

      g_test_message ("%s: %" G_GINT64_FORMAT, tables[i], in_file);
      g_assert_cmpint (sp_test_pg_query_int (conn, sql), ==, in_file);
    }
  /* the sample shop's own figures, so that an empty copy cannot pass */
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, 2000);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(n) FROM kpi_months"), ==, 2000);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(n) FROM kpi_days"), ==, 2000);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(n) FROM contact_hours"), ==, 2000);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(repeats) FROM kpi_months"), ==,
                   count_in_file (file, "SELECT count(*) FROM contacts WHERE is_repeat = 1"));

  /* the same KPIs, read from the server by the verbs */
  sp_test_run (&r, "--db", f->uri, "kpis", "--from", "2026-01-01", "--to", "2026-01-31",
               "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  file_json = g_steal_pointer (&r.out);
  sp_test_run (&r, "--db", file, "kpis", "--from", "2026-01-01", "--to", "2026-01-31", "--json",
               NULL);
  g_assert_cmpstr (r.out, ==, file_json);

  /* the other verbs that read: the same goals, a report, the workbook, the records */
  {
    g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
    g_autofree char *xlsx = g_build_filename (f->dir, "shop.xlsx", NULL);
    g_autofree char *goals = NULL;
    g_autofree char *rows = NULL;

    sp_test_run (&r, "--db", file, "goals", "--all", "--today", "2026-06-30", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    goals = g_steal_pointer (&r.out);
    sp_test_run (&r, "--db", f->uri, "goals", "--all", "--today", "2026-06-30", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, goals);
    sp_assert_contains (goals, "\"kpi\"");

    sp_test_run (&r, "--db", file, "export-csv", "-", "--from", "2026-01-01", "--to",
                 "2026-12-31", "--sheet", "contacts", NULL);
    g_assert_cmpint (r.status, ==, 0);
    rows = g_steal_pointer (&r.out);
    sp_test_run (&r, "--db", f->uri, "export-csv", "-", "--from", "2026-01-01", "--to",
                 "2026-12-31", "--sheet", "contacts", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, rows);

    sp_test_run (&r, "--db", f->uri, "report", pdf, "--month", "2026-01", NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
    sp_test_run (&r, "--db", f->uri, "export-xlsx", xlsx, "--from", "2026-01-01", "--to",
                 "2026-03-31", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));

    /* the verbs that change the shop work on the server's: forgetting a customer */
    g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM customers"
                                                 " WHERE name = 'Bruno Andersen'"), ==, 1);
    sp_test_run (&r, "--db", f->uri, "forget-customer", "Bruno Andersen", NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM customers"
                                                 " WHERE name = 'Bruno Andersen'"), ==, 0);
  }

  /* a shop moves only into an empty one */
  sp_test_run (&r, "--db", file, "move-to", f->uri, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "already holds records");
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, 2000);

  /* records saved again by people: their revisions travel with them */
  PQclear (PQexec (conn, "UPDATE contacts SET revision = id % 3"));
  PQclear (PQexec (conn, "UPDATE surveys SET revision = id % 4"));
  PQclear (PQexec (conn, "UPDATE shifts SET revision = id % 5"));
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(revision) FROM contacts"), >, 0);

  /* and back into a file: the same records and KPIs in every month of the sample's 13 */
  sp_test_run (&r, "--db", f->uri, "move-to", back, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = count_sql (tables[i]);

      g_assert_cmpint (count_in_file (back, sql), ==, count_in_file (file, sql));
    }
  for (guint i = 0; i < 3; i++)
    {
      static const char *const revised[] = { "contacts", "surveys", "shifts" };
      g_autofree char *sql = g_strdup_printf ("SELECT sum(revision) FROM %s", revised[i]);

      g_assert_cmpint (count_in_file (back, sql), ==, sp_test_pg_query_int (conn, sql));
    }
  assert_same_kpis (file, back, 13);

  /* a folder that does not exist is said to be one */
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "shop.db", NULL);

    sp_test_run (&r, "--db", f->uri, "move-to", nowhere, NULL);
    g_assert_cmpint (r.status, ==, 1);
    sp_assert_contains (r.err, "does not exist: name a file in a folder that does");
    sp_assert_not_contains (r.err, "backup");
  }

  /* a file that exists is never overwritten */
  sp_test_run (&r, "--db", f->uri, "move-to", back, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "already exists");

  /* the backup is the same copy */
  sp_test_run (&r, "--db", f->uri, "backup", again, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_same_kpis (back, again, 13);

  /* totals the server got wrong are caught, and no file is written */
  {
    g_autofree char *wrong = g_build_filename (f->dir, "wrong.db", NULL);

    PQclear (PQexec (conn, "UPDATE kpi_months SET complaints = complaints + 1"
                           " WHERE month = (SELECT max (month) FROM kpi_months)"));
    sp_test_run (&r, "--db", f->uri, "backup", wrong, NULL);
    g_assert_cmpint (r.status, ==, 1);
    sp_assert_contains (r.err, "The two copies differ in “kpi_months”");
    sp_assert_contains (r.err, "column “complaints”");
    g_assert_false (g_file_test (wrong, G_FILE_TEST_EXISTS));
  }
  sp_test_run_clear (&r);
  PQfinish (conn);
}

/* ---- several writers ---- */

#define N_WRITERS 8
#define N_ROWS 500

/*
 * Writer @w's contacts: row i on day 1 + (i % 28) of March 2026 at
 * 08:00 + i % 10 hours, w minutes; every 5th a complaint, every 2nd
 * resolved on first contact, customer "Customer (i * 7 + w) % 40".
 */
static char *
writer_csv (guint w)
{
  GString *csv = g_string_new ("received_at,channel,agent,customer,category,first_response_at,"
                               "resolved_at,resolved_first_contact,complaint,note\n");

  for (guint i = 0; i < N_ROWS; i++)
    {
      guint day = 1 + i % 28, hour = 8 + i % 10;

      g_string_append_printf (csv,
                              "2026-03-%02u %02u:%02u,%s,Agent %u,Customer %u,Topic %u,"
                              "2026-03-%02u %02u:%02u,2026-03-%02u %02u:%02u,%u,%u,w%u-r%u\n",
                              day, hour, w, (i % 3) == 0 ? "phone" : "email", i % 4,
                              (i * 7 + w) % 40, i % 5, day, hour, w + 5, day, hour + 1, w,
                              i % 2, i % 5 == 0, w, i);
    }

  return g_string_free (csv, FALSE);
}

static void
test_writers (SpTestServer        *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *check = g_build_filename (f->dir, "check.db", NULL);
  SpTestRun r = { 0 };
  PGnotify *notify;
  PGconn *listener;
  PGconn *conn;
  guint heard = 0;

  sp_test_server_set_up_shop (f);

  /* another computer's window, listening for new records */
  listener = sp_test_server_connect_as (f, NULL, NULL);
  PQclear (PQexec (listener, "LISTEN service_pulse"));

  for (guint w = 0; w < N_WRITERS; w++)
    {
      g_autofree char *name = g_strdup_printf ("w%u.csv", w);
      g_autofree char *csv = writer_csv (w);
      g_autofree char *path = sp_test_write_file (f->dir, name, csv);
      g_autofree char *cache = g_strdup_printf ("%s/computer-%u", f->dir, w % 4);
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GError) error = NULL;
      GSubprocess *process;

      /* four computers, two programs on each, each computer with its own copy of the shop */
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
      process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SP_TEST_BINARY"),
                                             "--db", f->uri, "import", "contacts", path, NULL);
      g_assert_no_error (error);
      g_ptr_array_add (processes, process);
    }

  /* readers at the same time see one moment of the shop each */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                               g_getenv ("SP_TEST_BINARY"), "--db", f->uri,
                                               "kpis", "--from", "2026-03-01", "--to",
                                               "2026-03-31", NULL);

      g_assert_no_error (error);
      g_ptr_array_add (processes, process);
    }

  for (guint i = 0; i < processes->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_subprocess_wait_check (g_ptr_array_index (processes, i), NULL, &error);
      g_assert_no_error (error);
    }

  /* it heard of the new contacts: one notice per import's statements, at least one per writer */
  g_assert_true (PQconsumeInput (listener));
  while ((notify = PQnotifies (listener)) != NULL)
    {
      g_assert_cmpstr (notify->relname, ==, "service_pulse");
      if (g_str_equal (notify->extra, "contacts"))
        heard++;
      PQfreemem (notify);
    }
  g_assert_cmpuint (heard, >=, N_WRITERS);
  PQfinish (listener);

  conn = sp_test_server_connect_as (f, NULL, NULL);
  /* every contact once */
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, N_WRITERS * N_ROWS);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(DISTINCT note) FROM contacts"), ==,
                   N_WRITERS * N_ROWS);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM agents"), ==, 4);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM customers"), ==, 40);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM categories"), ==, 5);

  /* the totals, as counted by hand: 100 complaints and 500 resolved per writer */
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(n) FROM kpi_months"), ==, 4000);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(n) FROM kpi_days"), ==, 4000);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(complaints) FROM kpi_months"), ==, 800);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(res_n) FROM kpi_days"), ==, 4000);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(n) FROM resolved_months"), ==, 4000);
  /* each answered 5 minutes after it came in, resolved an hour after */
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(fr_sum) FROM kpi_months"), ==, 4000 * 5 * 60);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(res_sum) FROM kpi_days"), ==, 4000 * 3600);
  /* resolved on first contact: every 2nd row, less the repeats and those followed up */
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(fcr_ok) FROM kpi_months"), ==,
                   sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts WHERE resolved_first_contact = 1"
                                    " AND is_repeat = 0 AND followed_up = 0"));

  /* the repeat flags equal a computation over all the rows */
  g_assert_cmpint (sp_test_pg_query_int (conn,
    "SELECT count(*) FROM contacts AS c JOIN"
    " (SELECT id,"
    "   coalesce ((received_at - lag (received_at) OVER win <= 604800)::integer, 0) AS r,"
    "   coalesce ((lead (received_at) OVER win - received_at <= 604800)::integer, 0) AS f"
    "  FROM contacts WHERE customer_id IS NOT NULL"
    "  WINDOW win AS (PARTITION BY customer_id, category_id ORDER BY received_at, id)) AS w"
    " ON w.id = c.id WHERE c.is_repeat <> w.r OR c.followed_up <> w.f"), ==, 0);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(repeats) FROM kpi_months"), ==,
                   sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts WHERE is_repeat = 1"));
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts WHERE is_repeat = 1"), >, 0);
  PQfinish (conn);

  /* every total equals the file's own recomputation from the raw rows (backup compares them) */
  sp_test_run (&r, "--db", f->uri, "backup", check, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);
}

/* ---- a dropped connection ---- */

static void
test_dropped (SpTestServer        *f,
              gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("received_at,channel,agent,customer,note\n");
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  SpTestRun r = { 0 };
  gint64 writer = 0;
  PGconn *conn;

  sp_test_server_set_up_shop (f);
  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (csv, "2026-04-%02u 10:%02u,phone,Ana,Customer %u,row %u\n",
                            1 + i % 28, i % 60, i % 50, i);
  path = sp_test_write_file (f->dir, "big.csv", csv->str);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, g_getenv ("SP_TEST_BINARY"), "--db", f->uri, "import",
                              "contacts", path, NULL);
  g_assert_no_error (error);

  /* the moment it writes (it holds the writers' lock), its connection goes */
  conn = sp_test_server_connect_as (f, NULL, NULL);
  for (guint tries = 0; writer == 0 && tries < 6000; tries++)
    {
      writer = sp_test_pg_query_int (conn, "SELECT coalesce (max (pid), 0) FROM pg_locks"
                                " WHERE locktype = 'advisory' AND granted");
      if (writer == 0)
        g_usleep (5000);
    }
  g_assert_cmpint (writer, >, 0);
  {
    g_autofree char *kill = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT ")",
                                             writer);

    g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT 1"), ==, 1);
    PQclear (PQexec (conn, kill));
  }

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  sp_assert_contains (err, "connection to the shop’s server was lost");

  /* nothing half-saved: no contact, no name, no total */
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM kpi_days"), ==, 0);

  /* the next try connects again and saves all of it */
  sp_test_run (&r, "--db", f->uri, "import", "contacts", path, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, 4000);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT sum(n) FROM kpi_months"), ==, 4000);
  sp_test_run_clear (&r);
  PQfinish (conn);
}

/* What a move takes down for the load and must put back exactly: every index, every reference
 * between tables, and which of the shop's triggers are on */
static char *
dup_server_schema (PGconn *conn)
{
  PGresult *result = PQexec (conn,
    "SELECT string_agg (d, E'\\n' ORDER BY d) FROM ("
    " SELECT pg_get_indexdef (indexrelid) AS d FROM pg_index"
    "  WHERE indrelid::regclass::text NOT LIKE 'pg_%'"
    "  AND indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)"
    " UNION ALL SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef (oid)"
    "  FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
    " UNION ALL SELECT tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger"
    "  WHERE NOT tgisinternal) AS schema");
  char *text;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  text = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return text;
}

/* A move into a server set up beforehand leaves its schema as setup-server made it */
static void
test_move_keeps_schema (SpTestServer  *f,
                        gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PGconn *conn;

  sp_test_server_set_up_shop (f);
  conn = sp_test_server_connect_as (f, NULL, NULL);
  before = dup_server_schema (conn);
  /* indexes of contacts and answers, their references, and triggers to turn back on */
  sp_assert_contains (before, "CREATE INDEX contacts_by_agent ON public.contacts");
  sp_assert_contains (before, "CREATE INDEX surveys_by_contact ON public.surveys");
  sp_assert_contains (before, "contacts contacts_agent_id_fkey FOREIGN KEY (agent_id)");
  sp_assert_contains (before, "escalations escalations_contact_id_fkey FOREIGN KEY");
  sp_assert_contains (before, "contacts contacts_totals O");

  /* a file whose computer copies its backups to a second folder: that stays its own */
  {
    g_autofree char *path = g_build_filename (f->dir, "shop.db", NULL);
    SpTestRun r = { 0 };

    sp_test_run (&r, "--db", path, "demo", "--contacts", "300", NULL);
    g_assert_cmpint (r.status, ==, 0);
    sp_test_run (&r, "--db", path, "backup", "--second-folder", f->dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
    /* through an address with the password in it: never printed back */
    {
      g_autofree char *with_password = NULL;
      g_autofree char *without = NULL;

      if (g_getenv ("PGPASSWORD") != NULL && g_getenv ("PGUSER") != NULL)
        with_password = g_strdup_printf ("postgresql://%s:%s@%s:%s/%s", g_getenv ("PGUSER"),
                                         g_getenv ("PGPASSWORD"),
                                         g_getenv ("PGHOST") ? g_getenv ("PGHOST")
                                                             : "localhost",
                                         g_getenv ("PGPORT") ? g_getenv ("PGPORT") : "5432",
                                         f->name);
      sp_test_run (&r, "--db", path, "move-to", with_password ? with_password : f->uri, NULL);
      g_assert_cmpstr (r.err, ==, "");
      g_assert_cmpint (r.status, ==, 0);
      if (with_password != NULL)
        {
          without = sp_store_dup_address_without_password (with_password);
          sp_assert_contains (r.out, without);
          sp_assert_not_contains (r.out, g_getenv ("PGPASSWORD"));
        }
    }
    g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM settings"
                                                 " WHERE key LIKE 'backup-%'"), ==, 0);
    g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM settings"), >, 0);

    /* nor does the server's shop take one */
    sp_test_run (&r, "--db", f->uri, "backup", "--second-folder", f->dir, NULL);
    g_assert_cmpint (r.status, ==, 2);
    sp_assert_contains (r.err, "backed up on the server");
    sp_test_run_clear (&r);
  }
  after = dup_server_schema (conn);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, 300);

  /* and so does a restore over it */
  {
    g_autofree char *backup = g_build_filename (f->dir, "moment.db", NULL);
    g_autofree char *restored = NULL;
    g_autofree char *ana = g_strdup_printf ("ana_%s", f->name);
    g_autofree char *ana_uri = NULL;
    SpTestRun r = { 0 };

    /* a contact a staff login entered, which stays theirs after the restore */
    sp_test_server_add_user (f, ana, "staff", "ana-secret");
    ana_uri = sp_test_server_login_uri (f, ana, "ana-secret");
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpStore) till = sp_store_open_server (ana_uri, NULL, SP_STORE_OPEN_DEFAULT,
                                                       &error);
      g_autoptr(SpContact) c = sp_contact_new ();

      g_assert_no_error (error);
      c->received_at = sp_test_time ("2026-10-14 09:00");
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, "Ana");
      g_assert_true (sp_store_save_contact (till, c, &error));
      g_assert_no_error (error);
    }
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contacts"
                                              " WHERE entered_by = '%s'", ana);

      g_assert_cmpint (sp_test_pg_query_int (conn, sql), ==, 1);
    }

    /* a disk that fills up: said of the folder the copy was for, and nothing left there */
    if (g_getenv ("SP_FAULT_SHIM") != NULL && g_file_test (g_getenv ("SP_FAULT_SHIM"),
                                                           G_FILE_TEST_EXISTS))
      {
        g_autofree char *full = g_build_filename (f->dir, "full", NULL);
        g_autofree char *there = g_build_filename (full, "moment.db", NULL);
        g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LD_PRELOAD",
                                              g_getenv ("SP_FAULT_SHIM"), TRUE);
        g_autoptr(GDir) left = NULL;

        g_assert_cmpint (g_mkdir (full, 0700), ==, 0);
        env = g_environ_setenv (env, "SP_FAULT_DIR", full, TRUE);
        env = g_environ_setenv (env, "SP_FAULT_AFTER", "4096", TRUE);
        env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
        run_with_env (&r, env, "--db", f->uri, "backup", there, NULL);
        g_assert_cmpint (r.status, ==, 1);
        sp_assert_contains (r.err, "is full, so no copy of the shop on the server was made");
        sp_assert_contains (r.err, full);
        left = g_dir_open (full, 0, NULL);
        g_assert_null (g_dir_read_name (left));
      }

    sp_test_run (&r, "--db", f->uri, "backup", backup, NULL);
    g_assert_cmpint (r.status, ==, 0);
    sp_test_run (&r, "--db", f->uri, "restore", "--yes", backup, NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    sp_test_run_clear (&r);
    restored = dup_server_schema (conn);
    g_assert_cmpstr (restored, ==, before);
    g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, 301);
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contacts"
                                              " WHERE entered_by = '%s'", ana);

      g_assert_cmpint (sp_test_pg_query_int (conn, sql), ==, 1);
    }

    /* so does an owner's login that did not set the server up */
    {
      g_autofree char *bo = g_strdup_printf ("bo_%s", f->name);
      g_autofree char *bo_uri = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contacts"
                                              " WHERE entered_by = '%s'", ana);
      g_autofree char *by_bo = g_strdup_printf ("SELECT count(*) FROM contacts"
                                                " WHERE entered_by = '%s'", bo);

      sp_test_server_add_user (f, bo, "owner", "bo-secret");
      bo_uri = sp_test_server_login_uri (f, bo, "bo-secret");
      sp_test_run (&r, "--db", bo_uri, "restore", "--yes", backup, NULL);
      g_assert_cmpstr (r.err, ==, "");
      g_assert_cmpint (r.status, ==, 0);
      sp_test_run_clear (&r);
      g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, 301);
      g_assert_cmpint (sp_test_pg_query_int (conn, sql), ==, 1);
      g_assert_cmpint (sp_test_pg_query_int (conn, by_bo), ==, 0);

      /* and staff cannot use the owner's way to pass their records off as another's */
      {
        PGconn *staff = sp_test_server_connect_as (f, ana, "ana-secret");
        PGresult *kept = PQexec (staff, "BEGIN; SELECT set_config ('sp.restoring', 'on', true);"
                                        " UPDATE contacts SET entered_by = 'someone'"
                                        " RETURNING entered_by");

        g_assert_cmpint (PQresultStatus (kept), ==, PGRES_TUPLES_OK);
        g_assert_cmpint (PQntuples (kept), >, 0);
        for (int i = 0; i < PQntuples (kept); i++)
          g_assert_cmpstr (PQgetvalue (kept, i, 0), !=, "someone");
        PQclear (kept);
        PQfinish (staff);
      }
    }

    /* forgetting a customer: the copy this computer kept before the restore holds them, and
     * goes with --delete-backups; the server's own backups are named, not touched */
    {
      g_autofree char *folder = g_build_filename (g_getenv ("XDG_DATA_HOME"), "service-pulse",
                                                  "server-backups", NULL);
      g_autofree char *name = NULL;
      g_autoptr(GDir) dir = NULL;
      PGresult *result = PQexec (conn, "SELECT name FROM customers WHERE forgotten = 0"
                                       " ORDER BY id LIMIT 1");

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      name = g_strdup (PQgetvalue (result, 0, 0));
      PQclear (result);

      dir = g_dir_open (folder, 0, NULL);
      g_assert_nonnull (dir);
      g_assert_nonnull (g_dir_read_name (dir));
      g_clear_pointer (&dir, g_dir_close);

      sp_test_run (&r, "--db", f->uri, "forget-customer", name, NULL);
      g_assert_cmpint (r.status, ==, 0);
      /* the two restores within one second kept two copies, side by side */
      sp_assert_contains (r.out, "The 2 copies this computer kept before restores still hold");
      sp_assert_contains (r.out, "The server’s own backups");
      /* a staff login may not delete the owner's way back */
      sp_test_run (&r, "--db", ana_uri, "forget-customer", "--delete-backups", NULL);
      g_assert_cmpint (r.status, ==, 1);
      sp_assert_contains (r.err, "Only the shop’s owner may delete the copies");
      dir = g_dir_open (folder, 0, NULL);
      g_assert_nonnull (g_dir_read_name (dir));
      g_clear_pointer (&dir, g_dir_close);

      sp_test_run (&r, "--db", f->uri, "forget-customer", "--delete-backups", NULL);
      g_assert_cmpint (r.status, ==, 0);
      sp_assert_contains (r.out, "Deleted 2 copies");
      dir = g_dir_open (folder, 0, NULL);
      g_assert_null (g_dir_read_name (dir));
      sp_test_run_clear (&r);
    }
  }

  PQfinish (conn);
}

int
main (int    argc,
      char **argv)
{
  int skip;

  g_test_init (&argc, &argv, NULL);

  if ((skip = sp_test_pg_check_server ()) != 0)
    return skip;

#define ADD(path, func) \
  g_test_add (path, SpTestServer, NULL, sp_test_server_setup, func, sp_test_server_teardown)
  ADD ("/pg/setup-server", test_setup_server);
  ADD ("/pg/setup-server-rights", test_setup_server_rights);
  ADD ("/pg/other-database", test_other_database);
  ADD ("/pg/add-user", test_add_user);
  ADD ("/pg/schema-upgrade", test_schema_upgrade);
  ADD ("/pg/roles", test_roles);
  ADD ("/pg/move-to", test_move_both_ways);
  ADD ("/pg/move-keeps-schema", test_move_keeps_schema);
  ADD ("/pg/writers", test_writers);
  ADD ("/pg/dropped", test_dropped);
#undef ADD

  return g_test_run ();
}
