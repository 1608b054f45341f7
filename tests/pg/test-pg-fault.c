/* test-pg-fault.c
 *
 * A shop on a server whose server stops in the middle of the work and
 * starts again, against a throwaway cluster (pg_virtualenv): a contact
 * saved while the server is down fails, says that nothing was saved, and
 * the same save succeeds once the server is back, without opening the shop
 * again; an import cut off by the stop leaves all of its rows or none, on
 * the server and in the copy alike; the check for other computers' changes
 * reports the server gone and picks up what another login saved meanwhile.
 *
 * The cluster is stopped as a crash would stop it (pg_ctlcluster … stop
 * -m immediate) and started again; so this program runs alone (is_parallel).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "sp-error.h"
#include "sp-import.h"
#include "sp-test-pg.h"
#include "sp-test-util.h"

/* The contacts of each test's shop to start with */
#define SHOP_CONTACTS "300"
#define N_SHOP_CONTACTS 300

typedef struct
{
  char *name;       /* the database */
  char *uri;        /* as the cluster's superuser */
  char *dir;        /* a folder for files */
} Server;

/* Whether the server takes connections (it is up again after a test that failed halfway) */
static gboolean
server_is_up (void)
{
  PGconn *conn = PQconnectdb ("dbname=postgres connect_timeout=5");
  gboolean up = PQstatus (conn) == CONNECTION_OK;

  PQfinish (conn);
  return up;
}

/* ---- a database of its own for each test ---- */

static void
server_setup (Server        *f,
              gconstpointer  data)
{
  static guint counter;
  g_autofree char *create = NULL;
  g_autofree char *file = NULL;
  SpTestRun r = { 0 };

  if (!server_is_up ())
    sp_test_pg_start_server ();

  f->name = g_strdup_printf ("sp_fault_%u_%u", (guint) getpid (), ++counter);
  f->uri = g_strdup_printf ("postgresql:///%s", f->name);
  f->dir = sp_test_make_dir ();
  create = g_strdup_printf ("CREATE DATABASE %s", f->name);
  sp_test_pg_admin_exec (create);

  /* a small sample shop moved onto it, as a shop comes to a server */
  file = g_build_filename (f->dir, "shop.db", NULL);
  sp_test_run (&r, "--db", file, "demo", "--contacts", SHOP_CONTACTS, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run (&r, "--db", file, "move-to", f->uri, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);
}

static void
server_teardown (Server        *f,
                 gconstpointer  data)
{
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->name);
  g_autofree char *roles = g_strdup_printf (
    "DO $$ DECLARE r text; BEGIN"
    " FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE '%s\\_%%'"
    "   OR rolname LIKE 'bo\\_%s' LOOP EXECUTE format ('DROP ROLE %%I', r); END LOOP; END $$",
    f->name, f->name);

  if (!server_is_up ())
    sp_test_pg_start_server ();

  sp_test_pg_admin_exec (drop);
  sp_test_pg_admin_exec (roles);
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->uri);
  g_free (f->name);
}

static SpStore *
open_shop (Server *f)
{
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_store_open_server (f->uri, NULL, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (sp_store_is_on_server (store));
  return store;
}

/*
 * Brings the copy up to date: asks until the server answers (the store
 * tries to reach a server that went away every few seconds)
 */
static SpStoreOutside
catch_up (SpStore *store)
{
  for (guint tries = 0; tries < 600; tries++)
    {
      g_autoptr(GError) error = NULL;
      SpStoreOutside outside = sp_store_check_outside_changes (store, &error);

      if (error == NULL)
        return outside;
      g_assert_error (error, SP_ERROR, SP_ERROR_OFFLINE);
      g_usleep (100 * 1000);
    }

  g_error ("the store did not reach the server again");
}

/*
 * What the records and their totals add up to, the same SQL on the
 * server and in the copy
 */
static const char *const figures[] = {
  "SELECT count(*) FROM contacts",
  "SELECT count(*) FROM customers",
  "SELECT coalesce (sum (complaint), 0) FROM contacts",
  "SELECT coalesce (sum (n), 0) FROM kpi_days",
  "SELECT coalesce (sum (n), 0) FROM kpi_months",
  "SELECT coalesce (sum (complaints), 0) FROM kpi_days",
  "SELECT coalesce (sum (res_n), 0) FROM kpi_months",
  "SELECT coalesce (sum (fr_sum), 0) FROM kpi_months",
  "SELECT coalesce (sum (n), 0) FROM contact_hours",
  "SELECT coalesce (sum (n), 0) FROM resolved_days",
};

static void
assert_copy_agrees (PGconn  *conn,
                    SpStore *store)
{
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      gint64 on_server = sp_test_pg_query_int (conn, figures[i]);

      g_test_message ("%s: %" G_GINT64_FORMAT, figures[i], on_server);
      g_assert_cmpint (sp_test_query_int (store, figures[i]), ==, on_server);
    }
}

/* ---- a save while the server is down ---- */

static void
test_save (Server        *f,
           gconstpointer  data)
{
  g_autoptr(SpStore) store = open_shop (f);
  g_autoptr(SpContact) before = sp_contact_new ();
  g_autoptr(SpContact) contact = sp_contact_new ();
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  /* the connection works before */
  before->received_at = sp_test_time ("2026-05-04 09:00");
  before->channel = SP_CHANNEL_EMAIL;
  sp_contact_set_agent_name (before, "Ana");
  sp_contact_set_customer_name (before, "Before");
  sp_contact_set_note (before, "saved before the stop");
  sp_store_save_contact (store, before, &error);
  g_assert_no_error (error);

  g_assert_true (sp_test_pg_stop_server ());

  /* a form's save: it fails, and says that nothing was saved */
  contact->received_at = sp_test_time ("2026-05-04 10:00");
  contact->first_response_at = sp_test_time ("2026-05-04 10:05");
  contact->channel = SP_CHANNEL_PHONE;
  contact->complaint = TRUE;
  sp_contact_set_agent_name (contact, "Ana");
  sp_contact_set_customer_name (contact, "While down");
  sp_contact_set_category_name (contact, "Billing");
  sp_contact_set_note (contact, "saved while the server was down");

  g_assert_false (sp_store_save_contact (store, contact, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_OFFLINE);
  g_test_message ("%s", error->message);
  sp_assert_contains (error->message, "othing was saved");
  g_clear_error (&error);
  /* the form's record is as it was: not given an id that is nowhere */
  g_assert_cmpint (contact->id, ==, 0);

  /* the copy has nothing of it */
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==,
                   N_SHOP_CONTACTS + 1);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM customers"
                                             " WHERE name = 'While down'"), ==, 0);

  /* a second try while it is still down fails the same way, at once */
  g_assert_false (sp_store_save_contact (store, contact, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_OFFLINE);
  g_clear_error (&error);

  sp_test_pg_start_server ();

  /* the same save again, on the same store: it connects again by itself */
  sp_store_save_contact (store, contact, &error);
  g_assert_no_error (error);
  g_assert_cmpint (contact->id, >, 0);

  /* once on the server and once in the copy, with its totals */
  conn = PQconnectdb (f->uri);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"
                                    " WHERE note = 'saved while the server was down'"), ==, 1);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, N_SHOP_CONTACTS + 2);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM customers"
                                    " WHERE name = 'While down'"), ==, 1);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT coalesce (sum (complaints), 0) FROM kpi_days"), ==,
                   sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts WHERE complaint = 1"));
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"
                                             " WHERE note = 'saved while the server was down'"),
                   ==, 1);
  assert_copy_agrees (conn, store);

  /* and the copy keeps up with the server afterwards */
  g_assert_cmpint (catch_up (store), ==, SP_STORE_OUTSIDE_NONE);
  assert_copy_agrees (conn, store);
  PQfinish (conn);
}

/* ---- an import cut off ---- */

typedef struct
{
  GMutex    lock;
  gboolean  import_done;    /* set by the importer */
  gboolean  stopped;        /* set by the stopper */
  guint     delay_ms;
} Stopper;

/* Stops the server @delay_ms after the import took the writers' lock, unless it ended first */
static gpointer
stop_during_import (gpointer data)
{
  Stopper *s = data;
  PGconn *conn = sp_test_pg_connect_admin ();
  gboolean locked = FALSE;

  for (guint tries = 0; !locked && tries < 20000; tries++)
    {
      gboolean done;

      g_mutex_lock (&s->lock);
      done = s->import_done;
      g_mutex_unlock (&s->lock);
      if (done)
        break;

      locked = sp_test_pg_query_int (conn, "SELECT count(*) FROM pg_locks"
                                " WHERE locktype = 'advisory' AND granted") > 0;
      if (!locked)
        g_usleep (2000);
    }
  PQfinish (conn);

  if (locked)
    {
      g_usleep (s->delay_ms * 1000);
      g_mutex_lock (&s->lock);
      if (!s->import_done)
        s->stopped = TRUE;
      g_mutex_unlock (&s->lock);
      if (s->stopped)
        g_assert_true (sp_test_pg_stop_server ());
    }

  return NULL;
}

/* @n contacts of attempt @attempt: answered after 5 minutes, every 4th a complaint, every 2nd
 * resolved an hour later */
static char *
import_csv (guint attempt,
            guint n)
{
  GString *csv = g_string_new ("received_at,channel,agent,customer,category,first_response_at,"
                               "resolved_at,complaint,note\n");

  for (guint i = 0; i < n; i++)
    {
      guint day = 1 + i % 28, hour = 8 + i % 9, minute = i % 50;
      g_autofree char *resolved = i % 2 == 0 ? g_strdup_printf ("2026-06-%02u %02u:%02u", day,
                                                                hour + 1, minute)
                                             : g_strdup ("");

      g_string_append_printf (csv, "2026-06-%02u %02u:%02u,%s,Agent %u,Customer %u,Topic %u,"
                                   "2026-06-%02u %02u:%02u,%s,%u,try %u row %u\n",
                              day, hour, minute, i % 3 ? "email" : "phone", i % 5, i % 300,
                              i % 7, day, hour, minute + 5, resolved, i % 4 == 0, attempt, i);
    }

  return g_string_free (csv, FALSE);
}

static void
test_import (Server        *f,
             gconstpointer  data)
{
  g_autoptr(SpStore) store = open_shop (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  gint64 expected = N_SHOP_CONTACTS;
  guint n = 3000;
  guint cut_rows = 0;
  guint attempt;
  gboolean cut = FALSE;
  PGconn *conn;

  /* until a stop falls in the middle of an import: a bigger file each time it ended first */
  for (attempt = 1; !cut && attempt <= 6; attempt++, n *= 2)
    {
      Stopper s = { .delay_ms = 150 };
      g_autofree char *mine = NULL;
      GThread *stopper;
      guint n_imported = 0;
      gboolean ok;
      gint64 on_server;

      g_mutex_init (&s.lock);
      g_free (csv);
      csv = import_csv (attempt, n);
      g_test_message ("attempt %u: %u rows", attempt, n);

      stopper = g_thread_new ("stopper", stop_during_import, &s);
      ok = sp_import_data (store, SP_IMPORT_CONTACTS, "cut.csv", csv, strlen (csv), &n_imported,
                           &error);
      g_mutex_lock (&s.lock);
      s.import_done = TRUE;
      g_mutex_unlock (&s.lock);
      g_thread_join (stopper);
      g_mutex_clear (&s.lock);

      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (n_imported, ==, n);
          expected += n;
          g_test_message ("the import ended before the stop");
        }
      else
        {
          /* only a stop makes it fail, and then it says so */
          g_assert_true (s.stopped);
          g_assert_error (error, SP_ERROR, SP_ERROR_OFFLINE);
          g_test_message ("%s", error->message);
          g_clear_error (&error);
          cut = TRUE;
          cut_rows = n;
        }

      if (s.stopped)
        sp_test_pg_start_server ();

      /* all of its rows or none, on the server */
      conn = PQconnectdb (f->uri);
      g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
      mine = g_strdup_printf ("SELECT count(*) FROM contacts WHERE note LIKE 'try %u row %%'",
                              attempt);
      on_server = sp_test_pg_query_int (conn, mine);
      g_test_message ("on the server: %" G_GINT64_FORMAT " of %u", on_server, n);
      if (ok)
        g_assert_cmpint (on_server, ==, n);
      else
        g_assert_true (on_server == 0 || on_server == n);
      if (!ok && on_server == n)
        {
          /* the server committed just before it stopped: the copy must learn of it */
          expected += n;
          cut = FALSE;
        }
      g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, expected);
      g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT coalesce (sum (n), 0) FROM kpi_months"), ==,
                       expected);

      /* and the copy, once it has caught up, agrees with it */
      catch_up (store);
      g_assert_cmpint (sp_test_query_int (store, mine), ==, on_server);
      assert_copy_agrees (conn, store);
      PQfinish (conn);
    }

  if (!cut)
    {
      g_test_skip ("every import ended before the server stopped");
      return;
    }

  /* the same import again, on the same store: it connects again by itself, and all of it is
   * saved once */
  sp_import_data (store, SP_IMPORT_CONTACTS, "cut.csv", csv, strlen (csv), NULL, &error);
  g_assert_no_error (error);
  expected += cut_rows;

  conn = PQconnectdb (f->uri);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(*) FROM contacts"), ==, expected);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT count(DISTINCT note) FROM contacts"
                                    " WHERE note LIKE 'try %'"), ==, expected - N_SHOP_CONTACTS);
  g_assert_cmpint (sp_test_pg_query_int (conn, "SELECT coalesce (sum (n), 0) FROM kpi_days"), ==, expected);
  assert_copy_agrees (conn, store);
  PQfinish (conn);
}

/* ---- other computers' changes ---- */

static void
test_outside (Server        *f,
              gconstpointer  data)
{
  g_autoptr(SpStore) store = open_shop (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *bo = g_strdup_printf ("bo_%s", f->name);
  g_autofree char *bo_uri = g_strdup_printf ("postgresql://%s:bo-secret@%s:%s/%s", bo,
                                             g_getenv ("PGHOST") ? g_getenv ("PGHOST")
                                                                 : "localhost",
                                             g_getenv ("PGPORT"), f->name);
  g_autofree char *path = sp_test_write_file (f->dir, "other.csv",
                                              "received_at,channel,agent,customer,complaint,note\n"
                                              "2026-07-01 09:00,phone,Bo,Elsewhere,1,from bo\n"
                                              "2026-07-01 09:30,email,Bo,Elsewhere,0,from bo\n");
  const char *add[] = { "--db", f->uri, "add-user", bo, "--role", "owner", NULL };
  SpTestRun r = { 0 };
  SpStoreOutside outside;
  gint64 complaints;
  gint64 start;
  PGconn *conn;

  sp_test_run_with_input (&r, "bo-secret\n", add);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);

  g_assert_cmpint (catch_up (store), ==, SP_STORE_OUTSIDE_NONE);
  complaints = sp_test_query_int (store, "SELECT coalesce (sum (complaints), 0) FROM kpi_months");

  g_assert_true (sp_test_pg_stop_server ());

  /* it says the server is gone, and does not wait for it */
  start = g_get_monotonic_time ();
  outside = sp_store_check_outside_changes (store, &error);
  g_test_message ("the check took %.1f ms: %s", (g_get_monotonic_time () - start) / 1000.0,
                  error ? error->message : "no error");
  g_assert_error (error, SP_ERROR, SP_ERROR_OFFLINE);
  g_assert_cmpint (outside, ==, SP_STORE_OUTSIDE_NONE);
  g_clear_error (&error);

  /* and again, as the window asks every few seconds */
  for (guint i = 0; i < 3; i++)
    {
      outside = sp_store_check_outside_changes (store, &error);
      g_assert_error (error, SP_ERROR, SP_ERROR_OFFLINE);
      g_assert_cmpint (outside, ==, SP_STORE_OUTSIDE_NONE);
      g_clear_error (&error);
    }

  /* the copy still reads */
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==,
                   N_SHOP_CONTACTS);

  sp_test_pg_start_server ();

  /* another login saves two contacts meanwhile, from another computer's copy */
  sp_test_run (&r, "--db", bo_uri, "import", "contacts", path, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);

  /* this one picks them up once it reaches the server again */
  g_assert_cmpint (catch_up (store), ==, SP_STORE_OUTSIDE_CHANGED);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"
                                             " WHERE note = 'from bo'"), ==, 2);
  conn = PQconnectdb (f->uri);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  assert_copy_agrees (conn, store);
  /* one of the two was a complaint */
  g_assert_cmpint (sp_test_query_int (store, "SELECT coalesce (sum (complaints), 0)"
                                             " FROM kpi_months"), ==, complaints + 1);
  PQfinish (conn);

  /* and saves again */
  {
    g_autoptr(SpContact) contact = sp_contact_new ();

    contact->received_at = sp_test_time ("2026-07-02 09:00");
    contact->channel = SP_CHANNEL_CHAT;
    sp_contact_set_agent_name (contact, "Ana");
    sp_contact_set_note (contact, "after the restart");
    sp_store_save_contact (store, contact, &error);
    g_assert_no_error (error);
    g_assert_cmpint (contact->id, >, 0);
  }
}

/* A server that does not answer a save, because another transaction holds the shop or its
 * process hangs: the save gives up after the answer timeout and says so, and works again */
static void
test_no_answer (Server        *f,
                gconstpointer  data)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpContact) contact = sp_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *holder_uri = g_strdup_printf ("dbname=%s", f->name);
  g_autofree char *find = NULL;
  PGconn *holder;
  PGresult *result;
  gint64 start;
  pid_t pid;

  g_setenv ("SP_SERVER_ANSWER_TIMEOUT", "2", TRUE);
  store = open_shop (f);
  g_unsetenv ("SP_SERVER_ANSWER_TIMEOUT");

  contact->received_at = sp_test_time ("2026-05-04 10:00");
  contact->channel = SP_CHANNEL_PHONE;
  sp_contact_set_agent_name (contact, "Ana");
  sp_contact_set_note (contact, "typed while the shop was held");

  /* another program holds the writers' turn for longer than the timeout */
  holder = PQconnectdb (holder_uri);
  g_assert_cmpint (PQstatus (holder), ==, CONNECTION_OK);
  result = PQexec (holder, "BEGIN; SELECT pg_advisory_xact_lock (hashtext ('service-pulse writes'))");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  PQclear (result);

  start = g_get_monotonic_time ();
  g_assert_false (sp_store_save_contact (store, contact, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_BUSY);
  sp_assert_contains (error->message, "did not answer within 2 seconds");
  sp_assert_contains (error->message, "othing was saved");
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpint (contact->id, ==, 0);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==,
                   N_SHOP_CONTACTS);

  result = PQexec (holder, "COMMIT");
  PQclear (result);
  g_assert_true (sp_store_save_contact (store, contact, &error));
  g_assert_no_error (error);

  /* the process serving the store stops answering anything */
  find = g_strdup_printf ("SELECT pid FROM pg_stat_activity WHERE datname = '%s'"
                          " AND backend_type = 'client backend' AND pid <> pg_backend_pid ()",
                          f->name);
  pid = (pid_t) sp_test_pg_query_int (holder, find);
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);

  g_clear_object (&contact);
  contact = sp_contact_new ();
  contact->received_at = sp_test_time ("2026-05-04 11:00");
  contact->channel = SP_CHANNEL_CHAT;
  sp_contact_set_agent_name (contact, "Ana");
  start = g_get_monotonic_time ();
  g_assert_false (sp_store_save_contact (store, contact, &error));
  g_assert_cmpint (kill (pid, SIGCONT), ==, 0);
  g_assert_error (error, SP_ERROR, SP_ERROR_OFFLINE);
  sp_assert_contains (error->message, "stopped answering");
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==,
                   N_SHOP_CONTACTS + 1);

  /* it connects again by itself, and the same save goes through once */
  catch_up (store);
  g_assert_true (sp_store_save_contact (store, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_pg_query_int (holder, "SELECT count(*) FROM contacts"), ==,
                   N_SHOP_CONTACTS + 2);
  PQfinish (holder);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *cache = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if ((status = sp_test_pg_check_server ()) != 0)
    return status;

  if (!sp_test_pg_can_stop_server ())
    {
      g_printerr ("SKIP: pg_lsclusters knows no cluster on port %s to stop and start\n",
                  g_getenv ("PGPORT"));
      return 77;
    }

  /* the copies of the shops, in a folder of this run's own */
  cache = sp_test_make_dir ();
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

#define ADD(path, func) \
  g_test_add (path, Server, NULL, server_setup, func, server_teardown)
  ADD ("/pg-fault/save", test_save);
  ADD ("/pg-fault/import", test_import);
  ADD ("/pg-fault/outside", test_outside);
  ADD ("/pg-fault/no-answer", test_no_answer);
#undef ADD

  status = g_test_run ();
  sp_test_remove_dir (cache);
  return status;
}
