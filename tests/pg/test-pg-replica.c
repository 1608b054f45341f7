/* test-pg-replica.c
 *
 * Several computers on one shop on a server, each working on its own copy
 * of it: what one saves, the others see without reloading; what the
 * server refuses a staff login stays unsaved on both sides; a shop
 * restored on the server is taken again whole.  Against a throwaway
 * cluster, as test-pg.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <string.h>

#include "sp-error.h"
#include "sp-kpi-engine.h"
#include "sp-privacy.h"
#include "sp-test-kpi.h"
#include "sp-test-pg.h"
#include "sp-test-util.h"

typedef struct
{
  SpTestServer  server;
  char         *ana;       /* a staff login */
  char         *bo;        /* an owner login */
  SpStore      *till;      /* the cluster's superuser at the till */
  SpStore      *office;    /* bo in the back office */
  SpStore      *staff;     /* ana on a third computer */
} Shop;

static SpStore *
open_as (Shop       *f,
         const char *user,
         const char *password)
{
  g_autofree char *uri = user != NULL ? sp_test_server_login_uri (&f->server, user, password)
                                      : g_strdup (f->server.uri);
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_store_open_server (uri, NULL, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (sp_store_is_on_server (store));
  return store;
}

static void
shop_setup (Shop          *f,
            gconstpointer  data)
{
  sp_test_server_setup (&f->server, data);
  sp_test_server_set_up_shop (&f->server);
  f->ana = g_strdup_printf ("ana_%s", f->server.name);
  f->bo = g_strdup_printf ("bo_%s", f->server.name);
  sp_test_server_add_user (&f->server, f->ana, "staff", "ana-secret");
  sp_test_server_add_user (&f->server, f->bo, "owner", "bo-secret");

  f->till = open_as (f, NULL, NULL);
  f->office = open_as (f, f->bo, "bo-secret");
  f->staff = open_as (f, f->ana, "ana-secret");
}

static void
shop_teardown (Shop          *f,
               gconstpointer  data)
{
  g_clear_object (&f->staff);
  g_clear_object (&f->office);
  g_clear_object (&f->till);
  g_free (f->ana);
  g_free (f->bo);
  sp_test_server_teardown (&f->server, data);
}

static gint64
server_int (Shop       *f,
            const char *sql)
{
  PGconn *conn = sp_test_server_connect_as (&f->server, NULL, NULL);
  gint64 value = sp_test_pg_query_int (conn, sql);

  PQfinish (conn);
  return value;
}

static const SpTestContact first = {
  "2026-10-05 09:00", SP_CHANNEL_PHONE, "Alex", "Dana Ortiz", "Billing", SP_PRIORITY_NORMAL,
  "2", NULL, TRUE, FALSE, "6", "1", "2", FALSE,
};

static const SpTestContact second = {
  "2026-10-05 10:30", SP_CHANNEL_EMAIL, "Sam", "Lee Park", "Returns", SP_PRIORITY_HIGH,
  "45", "2026-10-06 09:00", FALSE, TRUE, NULL, NULL, NULL, TRUE,
};

/* What the window's check finds, once the server's announcement has arrived (within 2 s) */
static SpStoreOutside
wait_outside (SpStore *store)
{
  gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;
  SpStoreOutside outside;

  while ((outside = sp_store_check_outside_changes (store, &error)) == SP_STORE_OUTSIDE_NONE &&
         error == NULL && g_get_monotonic_time () < until)
    g_usleep (10000);
  g_assert_no_error (error);
  return outside;
}

/* The month's KPI totals as one line, to compare two copies */
static char *
dup_month_totals (SpStore *store)
{
  return sp_test_query_text (store,
    "SELECT group_concat (n || '/' || complaints || '/' || fcr_ok || '/' || escalated || '/'"
    " || fr_sum || '/' || sla_within, ',') FROM (SELECT * FROM kpi_months"
    " ORDER BY month, agent_id, channel, category_id)");
}

static gboolean
remove_source_cb (int          fd,
                  GIOCondition condition,
                  gpointer     user_data)
{
  return G_SOURCE_REMOVE;
}

/* What the till saves, the office sees without reopening, and the server holds once */
static void
test_other_computers_see_saves (Shop          *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) watch = NULL;
  g_autoptr(SpContact) seen = NULL;
  g_autofree char *till_totals = NULL;
  g_autofree char *office_totals = NULL;
  gint64 id;

  g_assert_cmpint (sp_store_get_role (f->office), ==, SP_STORE_ROLE_OWNER);
  g_assert_cmpint (sp_store_get_role (f->staff), ==, SP_STORE_ROLE_STAFF);

  /* the office's window listens; the till saves */
  watch = sp_store_create_watch_source (f->office);
  g_assert_nonnull (watch);
  g_source_set_callback (watch, G_SOURCE_FUNC (remove_source_cb), NULL, NULL);
  g_source_attach (watch, NULL);

  id = sp_test_add_contact (f->till, &first);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 1);

  /* the server's announcement arrives within two seconds */
  {
    gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

    while (!g_source_is_destroyed (watch) && g_get_monotonic_time () < until)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (5000);
      }
    g_assert_true (g_source_is_destroyed (watch));
  }

  g_assert_cmpint (wait_outside (f->office), ==, SP_STORE_OUTSIDE_CHANGED);
  g_assert_no_error (error);
  seen = sp_store_load_contact (f->office, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->customer_name, ==, "Dana Ortiz");
  g_assert_cmpint (sp_test_query_int (f->office, "SELECT count(*) FROM contacts"), ==, 1);

  /* nothing more to see until something changes */
  g_assert_cmpint (sp_store_check_outside_changes (f->office, &error), ==, SP_STORE_OUTSIDE_NONE);

  /* the office adds one; the till's next save first takes it in */
  sp_test_add_contact (f->office, &second);
  sp_test_add_survey (f->till, "2026-10-07 12:00", "csat", 5, "Alex", SP_CHANNEL_PHONE,
                      "Billing");
  g_assert_cmpint (sp_test_query_int (f->till, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM surveys"), ==, 1);

  /* both copies count the month alike, and as the server does */
  g_assert_cmpint (wait_outside (f->office), ==, SP_STORE_OUTSIDE_CHANGED);
  till_totals = dup_month_totals (f->till);
  office_totals = dup_month_totals (f->office);
  g_assert_cmpstr (till_totals, ==, office_totals);
  g_assert_cmpint (server_int (f, "SELECT sum (n) FROM kpi_months"), ==, 2);
  g_assert_cmpint (server_int (f, "SELECT sum (complaints) FROM kpi_months"), ==, 1);

  /* a deletion travels too */
  g_assert_true (sp_store_delete_contact (f->office, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (wait_outside (f->till), ==, SP_STORE_OUTSIDE_CHANGED);
  g_assert_cmpint (sp_test_query_int (f->till, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->till, "SELECT sum (n) FROM kpi_months"), ==, 1);

  /* a damaged copy is made again from the server */
  {
    g_autofree char *copy = g_strdup (sp_store_get_path (f->till));

    g_clear_object (&f->till);
    g_assert_true (g_file_set_contents (copy, "not a shop at all", -1, NULL));
    f->till = open_as (f, NULL, NULL);
    g_assert_cmpint (sp_test_query_int (f->till, "SELECT count(*) FROM contacts"), ==, 1);
  }

  /* a copy opened later is made from the server whole */
  {
    g_autoptr(SpStore) later = NULL;

    g_clear_object (&f->staff);
    later = open_as (f, f->ana, "ana-secret");
    g_assert_cmpint (sp_test_query_int (later, "SELECT count(*) FROM contacts"), ==, 1);
    g_assert_cmpint (sp_test_query_int (later, "SELECT count(*) FROM surveys"), ==, 1);
    g_free (office_totals);
    office_totals = dup_month_totals (f->office);
    g_free (till_totals);
    till_totals = dup_month_totals (later);
    g_assert_cmpstr (till_totals, ==, office_totals);
  }
}

/* The server, not the app, decides what staff may do; a refusal leaves both sides as they were */
static void
test_staff_refused (Shop          *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 theirs, mine;

  theirs = sp_test_add_contact (f->office, &first);
  mine = sp_test_add_contact (f->staff, &second);
  g_assert_cmpint (theirs, !=, mine);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contacts WHERE entered_by = '%s'",
                                            f->ana);

    g_assert_cmpint (server_int (f, sql), ==, 1);
  }

  /* a shop setting */
  g_assert_false (sp_store_set_setting (f->staff, "name", "Ana's shop", &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED);
  sp_assert_contains (error->message, "Only the shop’s owner");
  sp_assert_contains (error->message, "nothing was saved");
  g_clear_error (&error);
  name = sp_store_dup_setting (f->staff, "name");
  g_assert_null (name);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM settings WHERE key = 'name'"), ==, 0);

  /* what the form remembers for the next contact is this computer's, not the shop's */
  g_assert_true (sp_store_set_setting (f->staff, "log.last-agent", "Sam", &error));
  g_assert_no_error (error);
  g_free (name);
  name = sp_store_dup_setting (f->staff, "log.last-agent");
  g_assert_cmpstr (name, ==, "Sam");
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM settings WHERE key = 'log.last-agent'"),
                   ==, 0);
  g_clear_pointer (&name, g_free);

  /* someone else's contact: said as such, staff may delete their own */
  g_assert_false (sp_store_delete_contact (f->staff, theirs, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED);
  sp_assert_contains (error->message, "may delete what someone else entered");
  g_clear_error (&error);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (sp_test_query_int (f->staff, "SELECT count(*) FROM contacts"), ==, 2);

  /* their own, and the owner anyone's */
  g_assert_true (sp_store_delete_contact (f->staff, mine, &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_set_setting (f->office, "name", "Bo's shop", &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_delete_contact (f->office, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 0);

  /* and staff see the owner's setting */
  g_assert_cmpint (wait_outside (f->staff), ==, SP_STORE_OUTSIDE_CHANGED);
  g_free (name);
  name = sp_store_dup_setting (f->staff, "name");
  g_assert_cmpstr (name, ==, "Bo's shop");
}

/* Two computers change one contact: the second save is told, and changes nothing */
static void
test_same_contact_changed (Shop          *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpContact) at_till = NULL;
  g_autoptr(SpContact) in_office = NULL;
  g_autoptr(SpContact) now = NULL;
  gint64 id = sp_test_add_contact (f->office, &first);

  g_assert_cmpint (wait_outside (f->till), ==, SP_STORE_OUTSIDE_CHANGED);
  at_till = sp_store_load_contact (f->till, id, &error);
  in_office = sp_store_load_contact (f->office, id, &error);
  g_assert_no_error (error);

  sp_contact_set_note (at_till, "Called back at the till");
  g_assert_true (sp_store_save_contact (f->till, at_till, &error));
  g_assert_no_error (error);

  /* the office never heard of it, and saves its own change */
  sp_contact_set_note (in_office, "Emailed from the office");
  g_assert_false (sp_store_save_contact (f->office, in_office, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"
                                  " WHERE note = 'Called back at the till'"), ==, 1);

  /* the office's copy took the till's change in on the way */
  now = sp_store_load_contact (f->office, id, &error);
  g_assert_cmpstr (now->note, ==, "Called back at the till");

  /* "Save Mine": over it, on purpose */
  g_assert_true (sp_store_save_contact_over (f->office, in_office, &error));
  g_assert_no_error (error);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"
                                  " WHERE note = 'Emailed from the office'"), ==, 1);
}

/* psql writes over no one unasked: a record changed there gets a new revision, so the form
 * open on it is told; what the app works out itself, and a merge, keep both sides alike */
static void
test_psql_edit_changed (Shop          *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpContact) in_office = NULL;
  g_autoptr(SpContact) now = NULL;
  g_autofree char *edit = NULL;
  g_autofree char *flag = NULL;
  g_autofree char *revision = NULL;
  gint64 id = sp_test_add_contact (f->office, &first);
  gint64 other = sp_test_add_contact (f->office, &second);
  gint64 before;
  PGconn *ana;

  in_office = sp_store_load_contact (f->office, id, &error);
  g_assert_no_error (error);
  revision = g_strdup_printf ("SELECT revision FROM contacts WHERE id = %" G_GINT64_FORMAT, id);
  before = server_int (f, revision);
  g_assert_cmpint (before, ==, in_office->revision);

  /* a staff login changes the note with psql, as the app would let it */
  ana = sp_test_server_connect_as (&f->server, f->ana, "ana-secret");
  edit = g_strdup_printf ("WITH u AS (UPDATE contacts SET note = 'Changed in psql'"
                          " WHERE id = %" G_GINT64_FORMAT " RETURNING 1) SELECT count(*) FROM u",
                          id);
  g_assert_cmpint (sp_test_pg_query_int (ana, edit), ==, 1);
  g_assert_cmpint (server_int (f, revision), ==, before + 1);

  /* the flags the app works out are not an edit of the record, and not anyone's to set: the
   * server works them out again at once */
  flag = g_strdup_printf ("WITH u AS (UPDATE contacts SET followed_up = 1 - followed_up,"
                          " is_repeat = 1 WHERE id = %" G_GINT64_FORMAT " RETURNING 1)"
                          " SELECT count(*) FROM u", id);
  g_assert_cmpint (sp_test_pg_query_int (ana, flag), ==, 1);
  g_assert_cmpint (server_int (f, revision), ==, before + 1);
  g_assert_cmpint (server_int (f, "SELECT sum (is_repeat + followed_up) FROM contacts"), ==, 0);
  g_assert_cmpint (server_int (f, "SELECT sum (repeats) FROM kpi_days"), ==, 0);

  /* nor are the seconds within opening hours, which go with the times they measure */
  {
    g_autofree char *open_times = g_strdup_printf ("UPDATE contacts SET fr_open = 5, res_open = 7"
                                                   " WHERE id = %" G_GINT64_FORMAT, id);
    g_autofree char *kept = g_strdup_printf ("SELECT count(*) FROM contacts WHERE id = %"
                                             G_GINT64_FORMAT " AND fr_open IS NULL"
                                             " AND res_open IS NULL", id);
    g_autofree char *too_many = g_strdup_printf ("INSERT INTO contacts (received_at, channel,"
                                                 " agent_id, first_response_at, fr_open)"
                                                 " SELECT received_at, 'chat', agent_id,"
                                                 " received_at + 60, 3600 FROM contacts"
                                                 " WHERE id = %" G_GINT64_FORMAT, id);
    PGresult *result;

    result = PQexec (ana, open_times);
    g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
    PQclear (result);
    g_assert_cmpint (server_int (f, kept), ==, 1);
    result = PQexec (ana, too_many);
    g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
    PQclear (result);
  }

  /* a contact added with psql a day later, same customer and topic, is a repeat: the server
   * says so, whatever psql said */
  {
    g_autofree char *add = g_strdup_printf ("WITH i AS (INSERT INTO contacts (received_at,"
                                            " channel, agent_id, customer_id, category_id,"
                                            " is_repeat, followed_up)"
                                            " SELECT received_at + 86400, 'chat', agent_id,"
                                            " customer_id, category_id, 0, 1 FROM contacts"
                                            " WHERE id = %" G_GINT64_FORMAT " RETURNING 1)"
                                            " SELECT count(*) FROM i", id);
    g_autofree char *followed = g_strdup_printf ("SELECT followed_up FROM contacts"
                                                 " WHERE id = %" G_GINT64_FORMAT, id);

    g_assert_cmpint (sp_test_pg_query_int (ana, add), ==, 1);
    g_assert_cmpint (server_int (f, followed), ==, 1);
    g_assert_cmpint (server_int (f, "SELECT sum (is_repeat) FROM contacts"), ==, 1);
    g_assert_cmpint (server_int (f, "SELECT sum (followed_up) FROM contacts"), ==, 1);
    g_assert_cmpint (server_int (f, "SELECT sum (repeats) FROM kpi_days"), ==, 1);
    g_assert_cmpint (server_int (f, revision), ==, before + 1);

    /* the office's copy takes the server's flags in, and agrees with its totals */
    g_assert_cmpint (wait_outside (f->office), ==, SP_STORE_OUTSIDE_CHANGED);
    g_assert_cmpint (sp_test_query_int (f->office, "SELECT sum (is_repeat) FROM contacts"), ==,
                     1);
    g_assert_cmpint (sp_test_query_int (f->office, followed), ==, 1);
    g_assert_cmpint (sp_test_query_int (f->office, "SELECT sum (repeats) FROM kpi_days"), ==, 1);
  }
  PQfinish (ana);

  /* the office's form still holds what it read: its save is told, and changes nothing */
  sp_contact_set_note (in_office, "Emailed from the office");
  g_assert_false (sp_store_save_contact (f->office, in_office, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts WHERE note = 'Changed in psql'"),
                   ==, 1);
  now = sp_store_load_contact (f->office, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->note, ==, "Changed in psql");
  g_assert_cmpint (now->revision, ==, before + 1);

  /* the app's own save raises the revision once, on both sides */
  sp_contact_set_note (now, "Both notes: called, then emailed");
  g_assert_true (sp_store_save_contact (f->office, now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (now->revision, ==, before + 2);
  g_assert_cmpint (server_int (f, revision), ==, before + 2);

  /* an escalation changed on its own with psql is a change of its contact */
  {
    g_autoptr(SpContact) escalated = NULL;
    g_autofree char *reason = NULL;
    PGconn *staff = sp_test_server_connect_as (&f->server, f->ana, "ana-secret");

    now->escalated = TRUE;
    now->escalated_at = sp_test_time ("2026-10-05 09:30");
    sp_contact_set_escalated_to (now, "Billing team");
    g_assert_true (sp_store_save_contact (f->office, now, &error));
    g_assert_no_error (error);
    g_assert_cmpint (now->revision, ==, before + 3);
    g_assert_cmpint (server_int (f, revision), ==, before + 3);

    reason = g_strdup_printf ("WITH u AS (UPDATE escalations SET reason = 'Asked twice'"
                              " WHERE contact_id = %" G_GINT64_FORMAT " RETURNING 1)"
                              " SELECT count(*) FROM u", id);
    g_assert_cmpint (sp_test_pg_query_int (staff, reason), ==, 1);
    PQfinish (staff);
    g_assert_cmpint (server_int (f, revision), ==, before + 4);

    sp_contact_set_note (now, "Saved over the reason?");
    g_assert_false (sp_store_save_contact (f->office, now, &error));
    g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
    g_clear_error (&error);
    escalated = sp_store_load_contact (f->office, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (escalated->escalation_reason, ==, "Asked twice");
    g_assert_cmpint (escalated->revision, ==, before + 4);
    g_clear_object (&now);
    now = g_steal_pointer (&escalated);
    before += 2;
  }

  /* a revision set by hand never goes back, and a change with it still raises it; the details
   * of an escalation stay while the contact is escalated */
  {
    PGconn *staff = sp_test_server_connect_as (&f->server, f->ana, "ana-secret");
    g_autofree char *back = g_strdup_printf ("UPDATE contacts SET revision = 0"
                                             " WHERE id = %" G_GINT64_FORMAT, id);
    g_autofree char *up = g_strdup_printf ("UPDATE contacts SET revision = revision + 50"
                                           " WHERE id = %" G_GINT64_FORMAT, id);
    g_autofree char *sneak = g_strdup_printf ("UPDATE contacts SET note = 'Two steps',"
                                              " revision = %" G_GINT64_FORMAT
                                              " WHERE id = %" G_GINT64_FORMAT,
                                              now->revision, id);
    g_autofree char *gone = g_strdup_printf ("DELETE FROM escalations"
                                             " WHERE contact_id = %" G_GINT64_FORMAT, id);
    g_autofree char *details = g_strdup_printf ("SELECT count(*) FROM escalations"
                                                " WHERE contact_id = %" G_GINT64_FORMAT, id);
    g_autoptr(SpContact) reread = NULL;
    PGresult *result;

    result = PQexec (staff, back);
    g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
    PQclear (result);
    g_assert_cmpint (server_int (f, revision), ==, now->revision);
    result = PQexec (staff, up);
    PQclear (result);
    g_assert_cmpint (server_int (f, revision), ==, now->revision + 50);
    result = PQexec (staff, sneak);
    g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
    PQclear (result);
    g_assert_cmpint (server_int (f, revision), ==, now->revision + 51);

    /* nor leaps out of reach of the next change */
    {
      g_autofree char *leap = g_strdup_printf ("UPDATE contacts SET revision = 9223372036854775807"
                                               " WHERE id = %" G_GINT64_FORMAT, id);

      result = PQexec (staff, leap);
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);
      g_assert_cmpint (server_int (f, revision), ==, now->revision + 52);
    }

    result = PQexec (staff, gone);
    g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
    PQclear (result);
    g_assert_cmpint (server_int (f, details), ==, 1);
    PQfinish (staff);

    sp_contact_set_note (now, "Over the two steps?");
    g_assert_false (sp_store_save_contact (f->office, now, &error));
    g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
    g_clear_error (&error);
    reread = sp_store_load_contact (f->office, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (reread->note, ==, "Two steps");
    before += reread->revision - now->revision;
    g_clear_object (&now);
    now = g_steal_pointer (&reread);
  }

  /* a topic merged into another changes the records: a new revision, the same on both sides */
  {
    g_autoptr(SpContact) moved = sp_store_load_contact (f->office, other, &error);
    g_autofree char *server_sum = NULL;
    g_autofree char *copy_sum = NULL;
    const char *sum = "SELECT sum (revision) FROM contacts";

    g_assert_no_error (error);
    g_assert_true (sp_store_merge_entities (f->office, SP_ENTITY_CATEGORY, moved->category_id,
                                            now->category_id, &error));
    g_assert_no_error (error);
    g_assert_cmpint (server_int (f, sum), ==, sp_test_query_int (f->office, sum));
    g_assert_cmpint (server_int (f, sum), ==, before + 2 + moved->revision + 1);
  }
}

/* Whether the file at @path, or its journal, holds @text anywhere */
static gboolean
file_holds (const char *path,
            const char *text)
{
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *bytes = NULL;
      gsize length = 0;

      if (g_file_get_contents (name, &bytes, &length, NULL) &&
          memmem (bytes, length, text, strlen (text)) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A customer forgotten on one computer leaves no trace in another computer's copy */
static void
test_forgotten_elsewhere (Shop          *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpContact) c = NULL;
  gint64 id = sp_test_add_contact (f->office, &first);

  g_assert_cmpint (wait_outside (f->till), ==, SP_STORE_OUTSIDE_CHANGED);
  g_assert_true (file_holds (sp_store_get_path (f->till), "Dana Ortiz"));

  c = sp_store_load_contact (f->office, id, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_forget_customer (f->office, c->customer_id, &error));
  g_assert_no_error (error);

  g_assert_cmpint (wait_outside (f->till), ==, SP_STORE_OUTSIDE_CHANGED);
  g_assert_false (file_holds (sp_store_get_path (f->till), "Dana Ortiz"));
}

/* A shop restored on the server is another shop: the copies take it again whole */
static void
test_restored_on_server (Shop          *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  sp_test_add_contact (f->office, &first);
  g_assert_cmpint (wait_outside (f->till), ==, SP_STORE_OUTSIDE_CHANGED);

  /* what a restore does to the server: other records, and another shop */
  conn = sp_test_server_connect_as (&f->server, NULL, NULL);
  sp_test_pg_query_int (conn, "WITH d AS (DELETE FROM contacts RETURNING 1) SELECT count(*) FROM d");
  sp_test_pg_query_int (conn, "WITH u AS (UPDATE sp_server SET value = 'another'"
                              " WHERE key = 'shop_id' RETURNING 1) SELECT count(*) FROM u");
  PQfinish (conn);

  g_assert_cmpint (wait_outside (f->till), ==, SP_STORE_OUTSIDE_RESTORED);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (f->till, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (sp_test_query_int (f->till, "SELECT coalesce (sum (n), 0) FROM kpi_days"), ==,
                   0);
}

/* restore FILE on a server's shop: the owner's, asked first, and seen by every computer */
static void
test_restore_onto_server (Shop          *f,
                          gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->server.dir, "monday.db", NULL);
  g_autofree char *ana_uri = sp_test_server_login_uri (&f->server, f->ana, "ana-secret");
  g_autofree char *bo_uri = sp_test_server_login_uri (&f->server, f->bo, "bo-secret");
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  SpTestRun r = { 0 };

  /* Monday's shop, backed up; then Tuesday's contact */
  gint64 id = sp_test_add_contact (f->office, &first);
  g_autoptr(SpContact) held = NULL;

  sp_test_run (&r, "--db", bo_uri, "backup", backup, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_add_contact (f->till, &second);
  /* a form open on Monday's contact, at the revision the backup holds too */
  held = sp_store_load_contact (f->office, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 2);

  /* staff may not; nobody without saying yes; nothing changed */
  sp_test_run (&r, "--db", ana_uri, "restore", "--yes", backup, NULL);
  g_assert_cmpint (r.status, ==, 1);
  sp_assert_contains (r.err, "Only the shop’s owner may restore the shop");
  sp_test_run (&r, "--db", bo_uri, "restore", backup, NULL);
  g_assert_cmpint (r.status, !=, 0);
  sp_assert_contains (r.err, "Nothing was changed");
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 2);

  sp_test_run (&r, "--db", bo_uri, "restore", "--yes", backup, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  sp_assert_contains (r.out, "Restored the shop on the server");
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (server_int (f, "SELECT sum (n) FROM kpi_months"), ==, 1);

  /* the shop as it was is kept */
  saved = g_strdup (strstr (r.out, "is kept in ") + strlen ("is kept in "));
  g_strstrip (saved);
  saved[strlen (saved) - 1] = '\0';   /* the full stop */
  {
    g_autoptr(SpStore) before = sp_store_open (saved, SP_STORE_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sp_test_query_int (before, "SELECT count(*) FROM contacts"), ==, 2);
  }

  /* every computer shows the restored shop */
  g_assert_cmpint (wait_outside (f->till), ==, SP_STORE_OUTSIDE_RESTORED);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (f->till, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->till, "SELECT sum (n) FROM kpi_months"), ==, 1);

  /* the form opened before the restore is told that its record was replaced */
  g_assert_cmpint (wait_outside (f->office), ==, SP_STORE_OUTSIDE_RESTORED);
  sp_contact_set_note (held, "typed before the restore");
  g_assert_false (sp_store_save_contact (f->office, held, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  g_clear_error (&error);

  /* and goes on from it */
  sp_test_add_contact (f->staff, &second);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 2);
  sp_test_run_clear (&r);
}

/* ---- a connection lost around COMMIT ---- */

/*
 * A proxy between the app and the cluster that cuts one connection when the app sends
 * COMMIT: before passing it on (the server never sees it), or after (the server commits, and
 * its answer never comes back).  Every other connection, and this one before the cut, passes
 * bytes through unchanged.
 */
typedef enum
{
  CUT_NONE,
  CUT_BEFORE_COMMIT,
  CUT_AFTER_COMMIT,
} Cut;

typedef struct
{
  GSocket  *listener;
  guint16   port;
  int       cut;       /* atomic: a Cut, for the next COMMIT */
  int       cuts;      /* atomic: how many connections were cut */
  gboolean  no_tls;    /* answers the app's requests for encryption with no, as a server
                        * without TLS does */
} Proxy;

typedef struct
{
  Proxy    *proxy;
  GSocket  *app;
  GSocket  *server;
  int       mute;      /* atomic: the server's answers no longer reach the app */
  gboolean  saving;    /* a contact was sent: the next COMMIT ends its save */
} Pipe;

static gboolean
has_bytes (const char *data,
           gssize      length,
           const char *text)
{
  gsize n = strlen (text);

  for (gssize i = 0; i + (gssize) n <= length; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
send_all (GSocket    *socket,
          const char *data,
          gssize      length)
{
  while (length > 0)
    {
      gssize sent = g_socket_send (socket, data, length, NULL, NULL);

      if (sent <= 0)
        return FALSE;
      data += sent;
      length -= sent;
    }
  return TRUE;
}

static gpointer
server_to_app (gpointer data)
{
  Pipe *pipe = data;
  char buffer[16384];
  gssize n;

  while ((n = g_socket_receive (pipe->server, buffer, sizeof buffer, NULL, NULL)) > 0)
    if (g_atomic_int_get (&pipe->mute) || !send_all (pipe->app, buffer, n))
      break;
  return NULL;
}

static gpointer
app_to_server (gpointer data)
{
  Pipe *pipe = data;
  g_autoptr(GThread) back = g_thread_new ("proxy-back", server_to_app, pipe);
  char buffer[16384];
  gssize n;

  while ((n = g_socket_receive (pipe->app, buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      /* SSLRequest and GSSENCRequest: 8 bytes, then 1234 5679 or 1234 5680 */
      if (pipe->proxy->no_tls && n == 8 && (guint8) buffer[4] == 0x04 &&
          (guint8) buffer[5] == 0xd2 && (guint8) buffer[6] == 0x16 &&
          ((guint8) buffer[7] == 0x2f || (guint8) buffer[7] == 0x30))
        {
          if (!send_all (pipe->app, "N", 1))
            break;
          continue;
        }

      /* a simple query "COMMIT" after the contact's rows: the end of its save, not of the
       * refresh that comes first */
      gboolean commit;
      Cut cut;

      if (has_bytes (buffer, n, "INSERT INTO contacts"))
        pipe->saving = TRUE;
      commit = pipe->saving && has_bytes (buffer, n, "COMMIT");
      cut = commit ? g_atomic_int_get (&pipe->proxy->cut) : CUT_NONE;
      if (commit)
        pipe->saving = FALSE;

      if (cut != CUT_NONE)
        {
          g_atomic_int_set (&pipe->proxy->cut, CUT_NONE);
          g_atomic_int_set (&pipe->mute, TRUE);
          if (cut == CUT_AFTER_COMMIT)
            {
              send_all (pipe->server, buffer, n);
              /* the server's time to commit, its answer going nowhere */
              g_usleep (500 * G_TIME_SPAN_MILLISECOND);
            }
          g_atomic_int_inc (&pipe->proxy->cuts);
          break;
        }
      if (!send_all (pipe->server, buffer, n))
        break;
    }

  g_socket_shutdown (pipe->app, TRUE, TRUE, NULL);
  g_socket_shutdown (pipe->server, TRUE, TRUE, NULL);
  g_thread_join (g_steal_pointer (&back));
  g_object_unref (pipe->app);
  g_object_unref (pipe->server);
  g_free (pipe);
  return NULL;
}

/* The cluster's own address, as libpq finds it from PGHOST and PGPORT */
static GSocketAddress *
cluster_address (void)
{
  const char *host = g_getenv ("PGHOST") ? g_getenv ("PGHOST") : "localhost";
  guint16 port = (guint16) g_ascii_strtoull (g_getenv ("PGPORT") ? g_getenv ("PGPORT")
                                                                 : "5432", NULL, 10);

  if (host[0] == '/')
    {
      g_autofree char *path = g_strdup_printf ("%s/.s.PGSQL.%u", host, port);

      return g_unix_socket_address_new (path);
    }
  if (g_str_equal (host, "localhost"))
    host = "127.0.0.1";
  return g_inet_socket_address_new_from_string (host, port);
}

static gpointer
accept_loop (gpointer data)
{
  Proxy *proxy = data;
  GSocket *app;

  while ((app = g_socket_accept (proxy->listener, NULL, NULL)) != NULL)
    {
      g_autoptr(GSocketAddress) address = cluster_address ();
      g_autoptr(GError) error = NULL;
      Pipe *pipe = g_new0 (Pipe, 1);

      pipe->proxy = proxy;
      pipe->app = app;
      pipe->server = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                   G_SOCKET_PROTOCOL_DEFAULT, &error);
      g_assert_no_error (error);
      g_socket_connect (pipe->server, address, NULL, &error);
      g_assert_no_error (error);
      g_thread_unref (g_thread_new ("proxy", app_to_server, pipe));
    }
  return NULL;
}

static Proxy *
proxy_start_on (const char *address)
{
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string (address, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  Proxy *proxy = g_new0 (Proxy, 1);

  proxy->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (proxy->listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (proxy->listener, &error));
  bound = g_socket_get_local_address (proxy->listener, &error);
  g_assert_no_error (error);
  proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  /* left running to the end of the program, as its connections are */
  g_thread_unref (g_thread_new ("proxy-accept", accept_loop, proxy));
  return proxy;
}

static Proxy *
proxy_start (void)
{
  return proxy_start_on ("127.0.0.1");
}

/* The till again, through @proxy: the owner's login, on loopback and without TLS */
static SpStore *
open_through (Shop  *f,
              Proxy *proxy)
{
  g_autofree char *uri = g_strdup_printf ("postgresql://%s:bo-secret@127.0.0.1:%u/%s", f->bo,
                                          proxy->port, f->server.name);
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_store_open_server (uri, NULL, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

static SpContact *
contact_for (const char *customer)
{
  SpContact *c = sp_contact_new ();

  c->received_at = sp_test_time ("2026-10-08 09:00");
  c->channel = SP_CHANNEL_PHONE;
  sp_contact_set_agent_name (c, "Alex");
  sp_contact_set_customer_name (c, customer);
  return c;
}

static gint64
contacts_of (Shop       *f,
             const char *customer)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contacts JOIN customers"
                                          " ON customers.id = customer_id"
                                          " WHERE customers.name = '%s'", customer);

  return server_int (f, sql);
}

/* The answer to COMMIT lost on the way back: the server committed, so the save did too, once;
 * the copy holds it, and the next save goes on from there */
static void
test_commit_answer_lost (Shop          *f,
                         gconstpointer  data)
{
  Proxy *proxy = proxy_start ();
  g_autoptr(SpStore) store = open_through (f, proxy);
  g_autoptr(SpContact) c = contact_for ("Quinn Vale");
  g_autoptr(SpContact) next = contact_for ("Rae Moss");
  g_autoptr(GError) error = NULL;

  g_atomic_int_set (&proxy->cut, CUT_AFTER_COMMIT);
  g_assert_true (sp_store_save_contact (store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_atomic_int_get (&proxy->cuts), ==, 1);

  g_assert_cmpint (contacts_of (f, "Quinn Vale"), ==, 1);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (sp_test_query_int (store, "SELECT sum (n) FROM kpi_months"), ==, 1);

  /* the next save, on a new connection, neither repeats nor loses the first */
  g_assert_true (sp_store_save_contact (store, next, &error));
  g_assert_no_error (error);
  g_assert_cmpint (contacts_of (f, "Quinn Vale"), ==, 1);
  g_assert_cmpint (contacts_of (f, "Rae Moss"), ==, 1);
  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (server_int (f, "SELECT sum (n) FROM kpi_months"), ==, 2);
}

/* The connection lost before COMMIT reached the server: nothing saved on either side, said so;
 * saving again saves once */
static void
test_commit_never_sent (Shop          *f,
                        gconstpointer  data)
{
  Proxy *proxy = proxy_start ();
  g_autoptr(SpStore) store = open_through (f, proxy);
  g_autoptr(SpContact) c = contact_for ("Quinn Vale");
  g_autoptr(GError) error = NULL;

  g_atomic_int_set (&proxy->cut, CUT_BEFORE_COMMIT);
  g_assert_false (sp_store_save_contact (store, c, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (g_atomic_int_get (&proxy->cuts), ==, 1);
  g_test_message ("%s", error->message);
  sp_assert_contains (error->message, "server");
  g_clear_error (&error);

  g_assert_cmpint (server_int (f, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM kpi_months"), ==, 0);

  /* again, as the form's Save does: once */
  c->id = 0;
  g_assert_true (sp_store_save_contact (store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (contacts_of (f, "Quinn Vale"), ==, 1);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==, 1);
}

/* ---- TLS for a server named elsewhere than in the address ---- */

/* A server on "another computer" (127.0.0.2, through a proxy that offers no TLS), reached
 * through a pg_service.conf entry: refused unencrypted, unless the entry itself says so */
static void
test_service_without_tls (Shop          *f,
                          gconstpointer  data)
{
  Proxy *proxy = proxy_start_on ("127.0.0.2");
  g_autofree char *services = g_build_filename (f->server.dir, "pg_service.conf", NULL);
  g_autofree char *entries = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("PGSERVICEFILE"));
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  proxy->no_tls = TRUE;
  entries = g_strdup_printf ("[elsewhere]\nhost=127.0.0.2\nport=%u\ndbname=%s\nuser=%s\n"
                             "password=bo-secret\n\n"
                             "[elsewhere-plain]\nhost=127.0.0.2\nport=%u\ndbname=%s\nuser=%s\n"
                             "password=bo-secret\nsslmode=disable\n",
                             proxy->port, f->server.name, f->bo,
                             proxy->port, f->server.name, f->bo);
  g_assert_true (g_file_set_contents (services, entries, -1, NULL));
  g_setenv ("PGSERVICEFILE", services, TRUE);

  store = sp_store_open_server ("service=elsewhere", NULL, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED);
  sp_assert_contains (error->message, "does not offer an encrypted connection");
  g_clear_error (&error);

  /* the entry's own choice stands */
  store = sp_store_open_server ("service=elsewhere-plain", NULL, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (saved != NULL)
    g_setenv ("PGSERVICEFILE", saved, TRUE);
  else
    g_unsetenv ("PGSERVICEFILE");
}

int
main (int    argc,
      char **argv)
{
  int skip;

  g_test_init (&argc, &argv, NULL);

  if ((skip = sp_test_pg_check_server ()) != 0)
    return skip;

  g_test_add ("/pg-replica/other-computers-see-saves", Shop, NULL, shop_setup,
              test_other_computers_see_saves, shop_teardown);
  g_test_add ("/pg-replica/staff-refused", Shop, NULL, shop_setup, test_staff_refused,
              shop_teardown);
  g_test_add ("/pg-replica/restored-on-server", Shop, NULL, shop_setup, test_restored_on_server,
              shop_teardown);

  g_test_add ("/pg-replica/same-contact-changed", Shop, NULL, shop_setup,
              test_same_contact_changed, shop_teardown);
  g_test_add ("/pg-replica/forgotten-elsewhere", Shop, NULL, shop_setup,
              test_forgotten_elsewhere, shop_teardown);
  g_test_add ("/pg-replica/psql-edit-changed", Shop, NULL, shop_setup,
              test_psql_edit_changed, shop_teardown);
  g_test_add ("/pg-replica/restore-onto-server", Shop, NULL, shop_setup,
              test_restore_onto_server, shop_teardown);
  g_test_add ("/pg-replica/commit-answer-lost", Shop, NULL, shop_setup,
              test_commit_answer_lost, shop_teardown);
  g_test_add ("/pg-replica/commit-never-sent", Shop, NULL, shop_setup,
              test_commit_never_sent, shop_teardown);
  g_test_add ("/pg-replica/service-without-tls", Shop, NULL, shop_setup,
              test_service_without_tls, shop_teardown);

  return g_test_run ();
}
