/* test-import.c: CSV import of each kind, and what a bad row does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <string.h>

#include "sp-error.h"
#include "sp-import.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

typedef SpTestStore Fixture;

static guint
import_ok (Fixture      *f,
           SpImportKind  kind,
           const char   *csv)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  sp_import_data (f->store, kind, "test.csv", csv, strlen (csv), &n, &error);
  g_assert_no_error (error);
  return n;
}

static void
import_fails (Fixture      *f,
              SpImportKind  kind,
              const char   *csv,
              const char   *message)
{
  g_autoptr(GError) error = NULL;
  guint n = 12345;

  g_assert_false (sp_import_data (f->store, kind, "test.csv", csv, strlen (csv), &n, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (n, ==, 12345);
}

static void
assert_nothing_stored (Fixture *f)
{
  g_assert_true (sp_store_is_empty (f->store));
  g_assert_cmpint (sp_test_query_int (f->store,
                                      "SELECT (SELECT count(*) FROM agents) +"
                                      " (SELECT count(*) FROM customers) +"
                                      " (SELECT count(*) FROM categories)"), ==, 0);
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  const char *csv =
    "\xef\xbb\xbf" "note,received_at,channel,agent,customer,category,priority,first_response_at,"
    "resolved_at,resolved_first_contact,escalated,talk_min,hold_min,wrap_min,complaint\r\n"
    "\"Asked about \"\"late\"\" fee,\nthen paid\",2026-10-01 09:00,phone,Ana,Bob,Billing,high,"
    "2026-10-01 09:02,,yes,no,4,1,0.5,no\r\n"
    ",2026-10-03 10:00,email,ana,bob,billing,,2026-10-03 12:00,2026-10-04 09:00,false,true,,,,1\r\n"
    ",2026-10-03 10:00,In Person,Cy,,,,,,0,0,,,,\r\n"
    "\r\n";
  g_autoptr(SpContact) c = NULL;

  g_assert_cmpuint (import_ok (f, SP_IMPORT_CONTACTS, csv), ==, 3);

  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM agents"), ==, 2);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM categories"), ==, 1);

  c = sp_store_load_contact (f->store, 1, NULL);
  g_assert_cmpstr (c->note, ==, "Asked about \"late\" fee,\nthen paid");
  g_assert_cmpint (c->priority, ==, SP_PRIORITY_HIGH);
  g_assert_true (c->resolved_first_contact);
  /* resolved at received + 4 + 1 + 0.5 minutes */
  g_assert_cmpint (c->resolved_at, ==, sp_test_time ("2026-10-01 09:05:30"));
  g_assert_true (c->followed_up);
  g_clear_object (&c);

  c = sp_store_load_contact (f->store, 2, NULL);
  g_assert_true (c->escalated);
  g_assert_true (c->complaint);
  g_assert_true (c->is_repeat);
  g_assert_cmpint (c->priority, ==, SP_PRIORITY_NORMAL);
  g_clear_object (&c);

  c = sp_store_load_contact (f->store, 3, NULL);
  g_assert_cmpint (c->channel, ==, SP_CHANNEL_IN_PERSON);
  g_assert_cmpint (c->customer_id, ==, 0);
  g_assert_false (c->is_repeat);
}

/* The first and last days the app handles are accepted */
static void
test_contacts_at_the_bounds (Fixture       *f,
                             gconstpointer  data)
{
  g_assert_cmpuint (import_ok (f, SP_IMPORT_CONTACTS,
                               "received_at,channel,agent,resolved_at\n"
                               "1970-01-01 00:00,phone,Ana,1970-01-01 00:10\n"
                               "2999-12-31 23:00,phone,Ana,2999-12-31 23:59\n"), ==, 2);
}

static void
test_contacts_same_minute_ties (Fixture       *f,
                                gconstpointer  data)
{
  const char *csv =
    "received_at,channel,agent,customer,category\n"
    "2026-10-01 09:00,phone,Ana,Bob,Billing\n"
    "2026-10-01 09:00,chat,Ana,Bob,Billing\n";
  g_autoptr(SpContact) first = NULL;
  g_autoptr(SpContact) second = NULL;

  import_ok (f, SP_IMPORT_CONTACTS, csv);

  /* the earlier row is the earlier contact */
  first = sp_store_load_contact (f->store, 1, NULL);
  second = sp_store_load_contact (f->store, 2, NULL);
  g_assert_cmpint (first->channel, ==, SP_CHANNEL_PHONE);
  g_assert_false (first->is_repeat);
  g_assert_true (first->followed_up);
  g_assert_true (second->is_repeat);
}

static void
test_contact_errors (Fixture       *f,
                     gconstpointer  data)
{
  const char *head = "received_at,channel,agent,first_response_at,talk_min,resolved_at\n";
  const char *good = "2026-10-01 09:00,phone,Ana,,,\n";
  g_autofree char *csv = NULL;

#define FAILS(row, message) \
  G_STMT_START { \
    g_free (csv); \
    csv = g_strconcat (head, good, row, NULL); \
    import_fails (f, SP_IMPORT_CONTACTS, csv, message); \
    assert_nothing_stored (f); \
  } G_STMT_END

  FAILS ("2026-10-01 09:00,phone,Ana,2026-10-01 08:00,,\n",
         "test.csv:3: first_response_at: The first response is before the contact was received.");
  FAILS ("2026-10-01 09:00,phone,Ana,,-2,\n",
         "test.csv:3: talk_min: can't be negative");
  FAILS ("2026-10-01 09:00,phone,Ana,,two,\n",
         "test.csv:3: talk_min: “two” is not a number");
  FAILS ("2026-10-01 09:00,fax,Ana,,,\n",
         "test.csv:3: channel: “fax” is not a channel; use phone, email, chat, in_person, social "
         "or sms");
  FAILS ("2026-02-30 09:00,phone,Ana,,,\n",
         "test.csv:3: received_at: 2026-02-30 is not a real calendar date");
  /* outside the days every verb and view accepts, where no one could see it */
  FAILS ("1969-12-31 09:00,phone,Ana,,,\n",
         "test.csv:3: received_at: lies outside the days the app handles: dates must lie "
         "between 1970-01-01 and 2999-12-31");
  FAILS ("3000-01-01 00:00,phone,Ana,,,\n",
         "test.csv:3: received_at: lies outside the days the app handles: dates must lie "
         "between 1970-01-01 and 2999-12-31");
  FAILS ("2999-12-31 23:00,phone,Ana,,,3000-01-01 00:00\n",
         "test.csv:3: resolved_at: lies outside the days the app handles: dates must lie "
         "between 1970-01-01 and 2999-12-31");
  FAILS ("01/10/2026,phone,Ana,,,\n",
         "test.csv:3: received_at: is not a date and time in the form YYYY-MM-DD HH:MM");
  FAILS (",phone,Ana,,,\n",
         "test.csv:3: received_at: is empty, but a value is required");
  FAILS ("2026-10-01 09:00,phone,,,,\n",
         "test.csv:3: agent: is empty, but a value is required");
  FAILS ("2026-10-01 09:00,phone,Ana,,,2026-09-30 09:00\n",
         "test.csv:3: resolved_at: The resolution is before the contact was received.");
  FAILS ("2026-10-01 09:00,phone,Ana\n",
         "test.csv:3: row: has 3 fields, but the first row names 6 columns");
  FAILS ("2026-10-01 09:00,phone,\"Ana\n",
         "test.csv:3: a quoted field is not closed; a closing quote (\") is missing");

#undef FAILS
}

/* What the CSV export writes imports back: its computed columns are
 * accepted, ids keep the links, the protective apostrophe goes */
static void
test_exported_columns (Fixture       *f,
                       gconstpointer  data)
{
  g_assert_cmpuint (import_ok (f, SP_IMPORT_CONTACTS,
                               "id,received_at,channel,agent,customer,note,repeat,fcr_success,"
                               "within_sla,handle_minutes,escalated,escalated_at,escalated_to\n"
                               "40,2026-10-01 09:00,phone,'@Ana,Zoe,'=1+1,0,1,1,6,0,,\n"
                               "41,2026-10-01 10:00,email,Ben,'Tis Me,'-5 late,1,0,0,,1,"
                               "2026-10-01 10:05,'+Team\n"), ==, 2);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts "
                                                "WHERE id = 40 AND note = '=1+1'"), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM agents "
                                                "WHERE name = '@Ana'"), ==, 1);
  /* an apostrophe before anything else is the name's own */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM customers "
                                                "WHERE name = '''Tis Me'"), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM escalations "
                                                "WHERE contact_id = 41 AND escalated_to = '+Team'"),
                   ==, 1);

  /* a taken id gives a new one; an answer links to the contact of its customer only,
   * received before it */
  g_assert_cmpuint (import_ok (f, SP_IMPORT_CONTACTS,
                               "id,received_at,channel,agent\n40,2026-10-02 09:00,chat,Ben\n"),
                    ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 3);
  g_assert_cmpuint (import_ok (f, SP_IMPORT_SURVEYS,
                               "answered_at,kind,score,customer,contact_id\n"
                               "2026-10-01 12:00,csat,5,Zoe,40\n"
                               "2026-10-01 12:00,csat,4,Zoe,41\n"
                               "2026-10-01 08:00,csat,3,Zoe,40\n"), ==, 3);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM surveys "
                                                "WHERE contact_id = 40 AND score = 5"), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM surveys "
                                                "WHERE contact_id IS NOT NULL"), ==, 1);
}

/* German Excel's "CSV (Trennzeichen-getrennt)": a BOM, semicolons, CRLF,
 * quotes around text with a semicolon, and decimal commas in numbers */
static void
test_semicolons (Fixture       *f,
                 gconstpointer  data)
{
  const char *csv =
    "\xef\xbb\xbf" "received_at;channel;agent;customer;talk_min;hold_min;wrap_min;note\r\n"
    "2026-10-01 09:00;phone;Ana;\"M\u00fcller; Hans\";4,5;1;0,5;"
    "\"Rechnung \"\"Mai\"\", bezahlt\"\r\n"
    "2026-10-02 10:00;email;Ben;;;;;\r\n";
  g_autoptr(SpContact) c = NULL;

  g_assert_cmpuint (import_ok (f, SP_IMPORT_CONTACTS, csv), ==, 2);

  c = sp_store_load_contact (f->store, 1, NULL);
  g_assert_cmpstr (c->agent_name, ==, "Ana");
  g_assert_cmpstr (c->note, ==, "Rechnung \"Mai\", bezahlt");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM customers "
                                                "WHERE name = 'M\u00fcller; Hans'"), ==, 1);
  /* "4,5" is 4.5 minutes, not 45 and not an error */
  g_assert_cmpfloat (c->talk_min, ==, 4.5);
  g_assert_cmpfloat (c->hold_min, ==, 1.0);
  g_assert_cmpfloat (c->wrap_min, ==, 0.5);
  g_clear_object (&c);

  g_assert_cmpuint (import_ok (f, SP_IMPORT_SHIFTS,
                               "date\tagent\tavailable_hours\r\n2026-10-01\tAna\t7,5\r\n"), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM shifts "
                                                "WHERE available_hours = 7.5"), ==, 1);
}

/* A bad row of a semicolon file names its row, field and reason, and
 * changes nothing */
static void
test_semicolon_errors (Fixture       *f,
                       gconstpointer  data)
{
  import_fails (f, SP_IMPORT_CONTACTS,
                "received_at;channel;agent;talk_min\r\n"
                "2026-10-01 09:00;phone;Ana;4,5\r\n"
                "2026-10-01 09:00;phone;Ana;vier\r\n",
                "test.csv:3: talk_min: “vier” is not a number");
  import_fails (f, SP_IMPORT_CONTACTS,
                "received_at;channel;agent;colour\r\n",
                "test.csv:1: colour: unknown column; the columns of contacts files are: "
                "received_at, channel, agent, customer, category, priority, first_response_at, "
                "resolved_at, resolved_first_contact, escalated, talk_min, hold_min, wrap_min, "
                "complaint, note, escalated_at, escalated_to, escalation_reason, "
                "escalation_resolved_at, id");
  assert_nothing_stored (f);
}

static void
test_header_errors (Fixture       *f,
                    gconstpointer  data)
{
  import_fails (f, SP_IMPORT_CONTACTS, "received_at,channel,agent,colour\n",
                "test.csv:1: colour: unknown column; the columns of contacts files are: "
                "received_at, channel, agent, customer, category, priority, first_response_at, "
                "resolved_at, resolved_first_contact, escalated, talk_min, hold_min, wrap_min, "
                "complaint, note, escalated_at, escalated_to, escalation_reason, "
                "escalation_resolved_at, id");
  import_fails (f, SP_IMPORT_CONTACTS, "received_at,agent\n",
                "test.csv:1: channel: this column is required but missing from the first row");
  import_fails (f, SP_IMPORT_SURVEYS, "answered_at,kind,score,score\n",
                "test.csv:1: score: this column appears twice");
  import_fails (f, SP_IMPORT_SHIFTS, "",
                "test.csv:1: the file is empty; the first row must name the columns (date, "
                "agent, available_hours)");

  /* a header alone imports nothing, without error */
  g_assert_cmpuint (import_ok (f, SP_IMPORT_SHIFTS, "Date, Agent ,available_hours\n"), ==, 0);
  assert_nothing_stored (f);
}

static void
test_surveys (Fixture       *f,
              gconstpointer  data)
{
  const char *csv =
    "answered_at,kind,score,customer,agent,channel,category,comment\n"
    "2026-10-01 09:00,csat,5,Bob,Ana,phone,Billing,\"=HYPERLINK(\"\"x\"\")\"\n"
    "2026-10-01 09:00,NPS,0,,,,,\n"
    "2026-10-01 09:00,ces,7,,,,,\n";
  g_autoptr(SpSurvey) s = NULL;

  g_assert_cmpuint (import_ok (f, SP_IMPORT_SURVEYS, csv), ==, 3);
  s = sp_store_load_survey (f->store, 1, NULL);
  g_assert_cmpstr (s->comment, ==, "=HYPERLINK(\"x\")");
  g_assert_cmpstr (s->agent_name, ==, "Ana");
  g_clear_object (&s);
  s = sp_store_load_survey (f->store, 2, NULL);
  g_assert_cmpint (s->kind, ==, SP_SURVEY_NPS);
  g_assert_cmpint (s->agent_id, ==, 0);
  g_assert_cmpint (s->channel, ==, SP_CHANNEL_NONE);
}

static void
test_survey_errors (Fixture       *f,
                    gconstpointer  data)
{
  import_fails (f, SP_IMPORT_SURVEYS,
                "answered_at,kind,score\n2026-10-01 09:00,csat,5\n2026-10-01 09:00,csat,6\n",
                "test.csv:3: score: “6” is not a whole number from 1 to 5, as a csat score must "
                "be");
  import_fails (f, SP_IMPORT_SURVEYS, "answered_at,kind,score\n2026-10-01 09:00,nps,11\n",
                "test.csv:2: score: “11” is not a whole number from 0 to 10, as a nps score must "
                "be");
  import_fails (f, SP_IMPORT_SURVEYS, "answered_at,kind,score\n2026-10-01 09:00,ces,0\n",
                "test.csv:2: score: “0” is not a whole number from 1 to 7, as a ces score must "
                "be");
  import_fails (f, SP_IMPORT_SURVEYS, "answered_at,kind,score\n2026-10-01 09:00,ces,4.5\n",
                "test.csv:2: score: “4.5” is not a whole number from 1 to 7, as a ces score must "
                "be");
  import_fails (f, SP_IMPORT_SURVEYS, "answered_at,kind,score\n1969-12-31 23:59,csat,4\n",
                "test.csv:2: answered_at: lies outside the days the app handles: dates must "
                "lie between 1970-01-01 and 2999-12-31");
  import_fails (f, SP_IMPORT_SURVEYS, "answered_at,kind,score\n2026-10-01 09:00,stars,4\n",
                "test.csv:2: kind: “stars” is not a kind of survey; use csat, nps or ces");
  assert_nothing_stored (f);
}

static void
test_shifts (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpuint (import_ok (f, SP_IMPORT_SHIFTS,
                               "date,agent,available_hours\n2026-10-01,Ana,7.5\n"
                               "2026-10-01,Ben,8\n2026-10-02,Ana,24\n"), ==, 3);
  g_assert_cmpfloat (sp_test_query_double (f->store, "SELECT sum(available_hours) FROM shifts"),
                     ==, 39.5);

  /* importing the same day again replaces the hours instead of adding */
  import_ok (f, SP_IMPORT_SHIFTS, "date,agent,available_hours\n2026-10-01,ana,6\n");
  g_assert_cmpfloat (sp_test_query_double (f->store, "SELECT sum(available_hours) FROM shifts"),
                     ==, 38);

  import_fails (f, SP_IMPORT_SHIFTS,
                "date,agent,available_hours\n2026-10-05,Ana,8\n2026-10-05,ANA,4\n",
                "test.csv:3: date: a shift of ANA on 2026-10-05 is already in row 2 of this file");
  import_fails (f, SP_IMPORT_SHIFTS, "date,agent,available_hours\n2026-10-05,Ana,0\n",
                "test.csv:2: available_hours: must be more than 0 and at most 24");
  import_fails (f, SP_IMPORT_SHIFTS, "date,agent,available_hours\n2026-10-05,Ana,25\n",
                "test.csv:2: available_hours: must be more than 0 and at most 24");
  import_fails (f, SP_IMPORT_SHIFTS, "date,agent,available_hours\n2026-10-05 09:00,Ana,2\n",
                "test.csv:2: date: has extra text after the date (expected YYYY-MM-DD)");
  import_fails (f, SP_IMPORT_SHIFTS, "date,agent,available_hours\n3000-01-01,Ana,2\n",
                "test.csv:2: date: lies outside the days the app handles: dates must lie "
                "between 1970-01-01 and 2999-12-31");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM shifts"), ==, 3);
}

static void
test_months (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpuint (import_ok (f, SP_IMPORT_MONTHS,
                               "month,operating_cost,customers_start,customers_lost,"
                               "customers_new\n2026-09,4200.50,300,12,20\n2026-10,4100,308,8,15\n"),
                    ==, 2);
  g_assert_cmpfloat (sp_test_query_double (f->store,
                                           "SELECT operating_cost FROM month_figures"
                                           " WHERE month = '2026-09'"), ==, 4200.5);

  import_fails (f, SP_IMPORT_MONTHS,
                "month,operating_cost,customers_start,customers_lost,customers_new\n"
                "2026-11,100,10,11,0\n",
                "test.csv:2: customers_lost: 11 is more than customers_start (10)");
  import_fails (f, SP_IMPORT_MONTHS,
                "month,operating_cost,customers_start,customers_lost,customers_new\n"
                "2026-11,100,10,1,-1\n",
                "test.csv:2: customers_new: must be at least 0");
  import_fails (f, SP_IMPORT_MONTHS,
                "month,operating_cost,customers_start,customers_lost,customers_new\n"
                "2026-11,100,10.5,1,1\n",
                "test.csv:2: customers_start: “10.5” is not a whole number");
  import_fails (f, SP_IMPORT_MONTHS,
                "month,operating_cost,customers_start,customers_lost,customers_new\n"
                "2026-11,100,10,1,1\n2026-11,100,10,1,1\n",
                "test.csv:3: month: month 2026-11 is already in row 2 of this file");
  import_fails (f, SP_IMPORT_MONTHS,
                "month,operating_cost,customers_start,customers_lost,customers_new\n"
                "November,100,10,1,1\n",
                "test.csv:2: month: is not a month in the form YYYY-MM");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM month_figures"), ==, 2);
}

static void
test_failure_keeps_earlier_data (Fixture       *f,
                                 gconstpointer  data)
{
  import_ok (f, SP_IMPORT_CONTACTS, "received_at,channel,agent\n2026-10-01 09:00,phone,Ana\n");

  import_fails (f, SP_IMPORT_CONTACTS,
                "received_at,channel,agent,customer\n2026-10-02 09:00,phone,Ben,Newcomer\n"
                "2026-10-02 09:00,pigeon,Ben,\n",
                "test.csv:3: channel: “pigeon” is not a channel; use phone, email, chat, "
                "in_person, social or sms");

  /* the first import is intact; nothing of the second, not even the new names */
  g_assert_cmpint (sp_store_count_contacts (f->store, NULL, NULL), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM agents"), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM customers"), ==, 0);
}

static void
test_guess_kind (void)
{
  SpImportKind kind;

  g_assert_true (sp_import_guess_kind ("channel,Received_At\n", 20, &kind));
  g_assert_cmpint (kind, ==, SP_IMPORT_CONTACTS);
  g_assert_true (sp_import_guess_kind ("answered_at,kind\n", 17, &kind));
  g_assert_cmpint (kind, ==, SP_IMPORT_SURVEYS);
  g_assert_true (sp_import_guess_kind ("date,agent,available_hours", 26, &kind));
  g_assert_cmpint (kind, ==, SP_IMPORT_SHIFTS);
  g_assert_true (sp_import_guess_kind ("month,operating_cost", 20, &kind));
  g_assert_cmpint (kind, ==, SP_IMPORT_MONTHS);
  g_assert_false (sp_import_guess_kind ("a,b,c\n", 6, &kind));
  g_assert_false (sp_import_guess_kind ("", 0, &kind));
}

static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = sp_test_write_file (f->dir, "months.csv",
                                              "month,operating_cost,customers_start,"
                                              "customers_lost,customers_new\n"
                                              "2026-10,10,1,0,0\n");
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (sp_import_file (f->store, SP_IMPORT_MONTHS, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  g_assert_false (sp_import_file (f->store, SP_IMPORT_MONTHS, missing, &n, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_IO);
}

typedef struct
{
  char   *path;
  gulong  delay_us;
} Truncation;

static gpointer
truncate_later (gpointer data)
{
  Truncation *t = data;

  g_usleep (t->delay_us);
  g_assert_cmpint (truncate (t->path, 0), ==, 0);
  return NULL;
}

/*
 * Another program empties the file while it is imported: the import never
 * crashes (a mapped file gave SIGBUS); it imports what it read whole, or
 * says the file changed.
 */
static void
test_file_truncated (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("date,agent,available_hours\n");
  const guint n_rows = 60000;

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_utc (2000, 1, 1, 0, 0, 0);
      g_autoptr(GDateTime) d = g_date_time_add_days (day, (int) (i / 20));
      g_autofree char *date = g_date_time_format (d, "%Y-%m-%d");

      g_string_append_printf (csv, "%s,Agent %u,7.5\n", date, i % 20);
    }

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(SpStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = sp_test_make_dir ();
      g_autofree char *path = sp_test_write_file (dir, "shifts.csv", csv->str);
      Truncation t = { path, 20000 + 40000 * round };
      GThread *thread;
      gboolean ok;
      guint n = 0;

      store = sp_test_open_store (dir);
      thread = g_thread_new ("truncate", truncate_later, &t);
      ok = sp_import_file (store, SP_IMPORT_SHIFTS, path, &n, &error);
      g_thread_join (thread);

      if (ok)
        {
          /* all of it, or (emptied before it was opened) the header missing */
          g_assert_cmpuint (n, ==, n_rows);
          g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM shifts"), ==, n_rows);
        }
      else
        {
          g_test_message ("%s", error->message);
          sp_assert_contains (error->message, "shifts.csv");
          g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM shifts"), ==, 0);
        }

      g_clear_object (&store);
      sp_test_remove_dir (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, sp_test_store_setup, func, sp_test_store_teardown)

  ADD ("/import/contacts", test_contacts);
  ADD ("/import/contacts-same-minute", test_contacts_same_minute_ties);
  ADD ("/import/contacts-at-the-bounds", test_contacts_at_the_bounds);
  ADD ("/import/contact-errors", test_contact_errors);
  ADD ("/import/header-errors", test_header_errors);
  ADD ("/import/semicolons", test_semicolons);
  ADD ("/import/semicolon-errors", test_semicolon_errors);
  ADD ("/import/exported-columns", test_exported_columns);
  ADD ("/import/surveys", test_surveys);
  ADD ("/import/survey-errors", test_survey_errors);
  ADD ("/import/shifts", test_shifts);
  ADD ("/import/months", test_months);
  ADD ("/import/failure-keeps-earlier-data", test_failure_keeps_earlier_data);
  g_test_add_func ("/import/guess-kind", test_guess_kind);
  ADD ("/import/file/truncated", test_file_truncated);
  ADD ("/import/file", test_file);

  return g_test_run ();
}
