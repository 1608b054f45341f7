/* test-cli-import-map.c: other programs' files through `import --map --date-format --kind`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-test-util.h"

/* A help desk's ticket export: its own column names, dates day first, extra columns */
#define HELP_DESK \
  "Ticket ID,Ticket opened,Channel,Agent name,Requester,Subject,First reply,Solved at,Tags\n" \
  "T-101,07.12.2026 09:15,email,Ana,Bob's Bikes,Billing,07.12.2026 09:40,07.12.2026 11:00,vip\n" \
  "T-102,07.12.2026 10:05,phone,Ben,Carla,Delivery,,,\n"

#define HELP_DESK_MAP \
  "Ticket ID=,Ticket opened=received_at,Agent name=agent,Requester=customer,Subject=category," \
  "First reply=first_response_at,Solved at=resolved_at,Tags="

/* A survey tool's export: a Timestamp, the question as header, month first, seconds */
#define SURVEY_TOOL \
  "Timestamp,\"How satisfied were you with our service, overall?\",Anything else?,Email\n" \
  "12/7/2026 14:03:04,5,Great,a@example.com\n" \
  "12/7/2026 15:10:00,3,,\n" \
  "12/8/2026 9:01:30,4,\"Quick, friendly\",b@example.com\n"

#define SURVEY_MAP \
  "Timestamp=answered_at,How satisfied were you with our service, overall?=score," \
  "Anything else?=comment,Email="

typedef struct
{
  char      *dir;
  char      *db;
  SpTestRun  r;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = sp_test_make_dir ();
  path = g_build_filename (f->dir, "shop.db", NULL);
  f->db = sp_test_shop_address (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_run_clear (&f->r);
  sp_test_remove_dir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static gint64
query (Fixture    *f,
       const char *sql)
{
  g_autoptr(SpStore) store = sp_test_open_shop (f->db);

  g_assert_nonnull (store);
  return sp_test_query_int (store, sql);
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  g_autoptr(SpStore) store = sp_test_open_shop (f->db);

  g_assert_nonnull (store);
  return sp_test_query_text (store, sql);
}

static void
test_help_desk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *csv = sp_test_write_file (f->dir, "tickets.csv", HELP_DESK);
  g_autofree char *sql = NULL;
  g_autofree char *names = NULL;

  sp_test_run (&f->r, "--db", f->db, "import", "contacts", csv, "--map", HELP_DESK_MAP,
               "--date-format", "%d.%m.%Y %H:%M", NULL);
  g_assert_cmpstr (f->r.err, ==, "");
  g_assert_cmpint (f->r.status, ==, 0);
  sp_assert_contains (f->r.out, "Imported 2 rows");

  /* 2026-12-07 09:15 is day 20794 of the wall clock: 1796634900 s */
  g_assert_cmpint (sp_test_time ("2026-12-07 09:15"), ==, 1796634900);
  g_assert_cmpint (query (f, "SELECT received_at FROM contacts WHERE first_response_at IS NOT NULL"),
                   ==, 1796634900);
  g_assert_cmpint (query (f, "SELECT first_response_at FROM contacts WHERE channel = 'email'"),
                   ==, 1796634900 + 25 * 60);
  g_assert_cmpint (query (f, "SELECT resolved_at FROM contacts WHERE channel = 'email'"), ==,
                   1796634900 + 105 * 60);
  g_assert_cmpint (query (f, "SELECT received_at FROM contacts WHERE channel = 'phone'"), ==,
                   1796634900 + 50 * 60);
  g_assert_cmpint (query (f, "SELECT count(*) FROM contacts WHERE resolved_at IS NULL"), ==, 1);
  names = query_text (f, "SELECT group_concat(a.name || '/' || cu.name || '/' || ca.name, ';') "
                         "FROM contacts c JOIN agents a ON a.id = c.agent_id "
                         "JOIN customers cu ON cu.id = c.customer_id "
                         "JOIN categories ca ON ca.id = c.category_id ORDER BY c.received_at");
  g_assert_cmpstr (names, ==, "Ana/Bob's Bikes/Billing;Ben/Carla/Delivery");

  /* --kind names what the file holds, as the first argument does; --map may repeat */
  sp_test_run (&f->r, "--db", f->db, "import", "--kind", "contacts", csv,
               "--map", "Ticket ID=,Ticket opened=received_at,Agent name=agent",
               "--map", "Requester=customer,Subject=category,First reply=first_response_at",
               "--map", "Solved at=resolved_at,Tags=", "--date-format", "%d.%m.%Y %H:%M", NULL);
  g_assert_cmpint (f->r.status, ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM contacts"), ==, 4);
}

static void
test_survey_tool (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *csv = sp_test_write_file (f->dir, "forms.csv", SURVEY_TOOL);
  g_autofree char *comments = NULL;

  /* one kind of answers: --kind csat, and the file is a survey file */
  sp_test_run (&f->r, "--db", f->db, "import", "--kind", "csat", csv, "--map", SURVEY_MAP,
               "--date-format", "%m/%d/%Y %H:%M", NULL);
  g_assert_cmpstr (f->r.err, ==, "");
  g_assert_cmpint (f->r.status, ==, 0);
  sp_assert_contains (f->r.out, "Imported 3 rows");

  g_assert_cmpint (query (f, "SELECT count(*) FROM surveys WHERE kind = 'csat'"), ==, 3);
  g_assert_cmpint (query (f, "SELECT sum(score) FROM surveys"), ==, 12);
  /* seconds kept: 14:03:04 */
  g_assert_cmpint (query (f, "SELECT answered_at FROM surveys WHERE score = 5"), ==,
                   sp_test_time ("2026-12-07 14:03:04"));
  g_assert_cmpint (query (f, "SELECT answered_at FROM surveys WHERE score = 4"), ==,
                   sp_test_time ("2026-12-08 09:01:30"));
  comments = query_text (f, "SELECT group_concat(comment, '|') FROM "
                            "(SELECT comment FROM surveys WHERE comment IS NOT NULL "
                            "ORDER BY answered_at)");
  g_assert_cmpstr (comments, ==, "Great|Quick, friendly");
}

/* Mistakes in the mapping name the column and the field, and change nothing */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *csv = sp_test_write_file (f->dir, "tickets.csv", HELP_DESK);
  g_autofree char *bad_date = sp_test_write_file (f->dir, "bad.csv",
                                                  "Timestamp,Score\n"
                                                  "12/7/2026 14:03,5\n"
                                                  "12/32/2026 15:00,4\n");
  g_autofree char *expected = NULL;

  /* a field that does not exist */
  sp_test_run (&f->r, "--db", f->db, "import", "contacts", csv, "--map",
               "Ticket ID=,Ticket opened=recieved_at", "--date-format", "%d.%m.%Y %H:%M", NULL);
  g_assert_cmpint (f->r.status, ==, 1);
  expected = g_strdup_printf ("%s:1: column “Ticket opened”: “recieved_at” is not a field of "
                              "contacts files; the fields are: ", csv);
  g_assert_true (g_str_has_prefix (f->r.err, expected));
  g_clear_pointer (&expected, g_free);

  /* a column the file does not have */
  sp_test_run (&f->r, "--db", f->db, "import", "contacts", csv, "--map",
               "Ticket opend=received_at", NULL);
  g_assert_cmpint (f->r.status, ==, 1);
  expected = g_strdup_printf ("%s:1: column “Ticket opend”: is not in the first row of the file; "
                              "its columns are: Ticket ID, Ticket opened, Channel, Agent name, "
                              "Requester, Subject, First reply, Solved at, Tags\n", csv);
  g_assert_cmpstr (f->r.err, ==, expected);
  g_clear_pointer (&expected, g_free);

  /* a column left unmapped that is no field */
  sp_test_run (&f->r, "--db", f->db, "import", "contacts", csv, "--map",
               "Ticket ID=,Ticket opened=received_at,Agent name=agent", NULL);
  g_assert_cmpint (f->r.status, ==, 1);
  sp_assert_contains (f->r.err, ":1: column “Requester”: is not a field of contacts files: map it "
                                "to one (“Requester=FIELD”) or leave it out (“Requester=”)");

  /* a required field no column gives */
  sp_test_run (&f->r, "--db", f->db, "import", "contacts", csv, "--map",
               "Ticket ID=,Ticket opened=received_at,Agent name=,Requester=customer,"
               "Subject=category,First reply=first_response_at,Solved at=resolved_at,Tags=",
               "--date-format", "%d.%m.%Y %H:%M", NULL);
  g_assert_cmpint (f->r.status, ==, 1);
  sp_assert_contains (f->r.err, ":1: agent: this field is required, but no column gives it: "
                                "map a column to it");

  /* two columns for one field */
  sp_test_run (&f->r, "--db", f->db, "import", "contacts", csv, "--map",
               HELP_DESK_MAP ",Solved at=received_at", NULL);
  g_assert_cmpint (f->r.status, ==, 1);
  sp_assert_contains (f->r.err, "column “Solved at”: gives received_at, which column “Ticket "
                                "opened” gives already");

  /* ISO expected: the message says which format would read the file */
  sp_test_run (&f->r, "--db", f->db, "import", "contacts", csv, "--map", HELP_DESK_MAP, NULL);
  g_assert_cmpint (f->r.status, ==, 1);
  expected = g_strdup_printf ("%s:2: received_at (column “Ticket opened”): “07.12.2026 09:15” is "
                              "written as DD.MM.YYYY HH:MM: give the date format %%d.%%m.%%Y "
                              "%%H:%%M\n", csv);
  g_assert_cmpstr (f->r.err, ==, expected);
  g_clear_pointer (&expected, g_free);

  /* row 3 is wrong: row 2 is not imported either */
  sp_test_run (&f->r, "--db", f->db, "import", "surveys", bad_date, "--kind", "csat", "--map",
               "Timestamp=answered_at", "--date-format", "%m/%d/%Y %H:%M", NULL);
  g_assert_cmpint (f->r.status, ==, 1);
  expected = g_strdup_printf ("%s:3: answered_at (column “Timestamp”): “12/32/2026 15:00” is not "
                              "a day of the calendar\n", bad_date);
  g_assert_cmpstr (f->r.err, ==, expected);
  g_clear_pointer (&expected, g_free);

  /* usage mistakes exit with 2 */
  sp_test_run (&f->r, "--db", f->db, "import", "contacts", csv, "--date-format", "%d.%m", NULL);
  g_assert_cmpint (f->r.status, ==, 2);
  sp_assert_contains (f->r.err, "--date-format: “%d.%m” is not a date format: it needs the year");
  sp_test_run (&f->r, "--db", f->db, "import", "contacts", csv, "--map", "received_at", NULL);
  g_assert_cmpint (f->r.status, ==, 2);
  sp_assert_contains (f->r.err, "--map: “received_at” is not COLUMN=FIELD");
  sp_test_run (&f->r, "--db", f->db, "import", "contacts", csv, "--kind", "nps", NULL);
  g_assert_cmpint (f->r.status, ==, 2);
  sp_assert_contains (f->r.err, "--kind nps is for survey answers, not contacts");
  sp_test_run (&f->r, "--db", f->db, "import", "--kind", "widgets", csv, NULL);
  g_assert_cmpint (f->r.status, ==, 2);

  /* nothing of all this reached the database */
  if (g_file_test (f->db, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (query (f, "SELECT count(*) FROM contacts"), ==, 0);
      g_assert_cmpint (query (f, "SELECT count(*) FROM surveys"), ==, 0);
    }
}

/* Shifts and closed days: dates only, in the file's format */
static void
test_days (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *shifts = sp_test_write_file (f->dir, "rota.csv",
                                                "Day,Employee,Hours\n"
                                                "07.12.2026,Ana,7.5\n"
                                                "08.12.2026,Ana,\"6,5\"\n");

  sp_test_run (&f->r, "--db", f->db, "import", "shifts", shifts, "--map",
               "Day=date,Employee=agent,Hours=available_hours", "--date-format", "%d.%m.%Y", NULL);
  g_assert_cmpstr (f->r.err, ==, "");
  g_assert_cmpint (f->r.status, ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM shifts"), ==, 2);
  g_assert_cmpint (query (f, "SELECT min(date) FROM shifts"), ==, sp_test_date ("2026-12-07"));
  g_assert_cmpint (query (f, "SELECT max(date) FROM shifts"), ==, sp_test_date ("2026-12-08"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/import-map/help-desk", test_help_desk);
  ADD ("/cli/import-map/survey-tool", test_survey_tool);
  ADD ("/cli/import-map/refusals", test_refusals);
  ADD ("/cli/import-map/days", test_days);

  return g_test_run ();
}
