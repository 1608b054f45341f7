/* test-import-map.c: reading other programs' files: columns matched to fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-error.h"
#include "sp-import.h"
#include "sp-test-util.h"

/* Column names of real exports, and the field each is taken for */
static void
test_guess_field (void)
{
  static const struct { SpImportKind kind; const char *column; const char *field; } cases[] = {
    { SP_IMPORT_CONTACTS, "received_at", "received_at" },
    { SP_IMPORT_CONTACTS, "Received at", "received_at" },
    { SP_IMPORT_CONTACTS, "Ticket opened", "received_at" },
    { SP_IMPORT_CONTACTS, "Created", "received_at" },
    { SP_IMPORT_CONTACTS, "First reply time", "first_response_at" },
    { SP_IMPORT_CONTACTS, "Solved at", "resolved_at" },
    { SP_IMPORT_CONTACTS, "Resolved at first contact?", "resolved_first_contact" },
    { SP_IMPORT_CONTACTS, "Agent name", "agent" },
    { SP_IMPORT_CONTACTS, "Assignee", "agent" },
    { SP_IMPORT_CONTACTS, "Requester", "customer" },
    { SP_IMPORT_CONTACTS, "Escalated to", "escalated_to" },
    { SP_IMPORT_CONTACTS, "Ticket ID", NULL },
    { SP_IMPORT_CONTACTS, "Subject", "category" },
    { SP_IMPORT_CONTACTS, "Tags", NULL },
    /* "via" at the start of a word only */
    { SP_IMPORT_CONTACTS, "Trivia", NULL },
    { SP_IMPORT_SURVEYS, "Timestamp", "answered_at" },
    { SP_IMPORT_SURVEYS, "How satisfied were you with our service?", "score" },
    { SP_IMPORT_SURVEYS, "How likely are you to recommend us to a friend?", "score" },
    { SP_IMPORT_SURVEYS, "Anything else you want to tell us?", "comment" },
    { SP_IMPORT_SURVEYS, "Email address", NULL },
    { SP_IMPORT_SHIFTS, "Day", "date" },
    { SP_IMPORT_SHIFTS, "Employee", "agent" },
    { SP_IMPORT_SHIFTS, "Hours", "available_hours" },
    { SP_IMPORT_CLOSED_DAYS, "Holiday", "name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (sp_import_guess_field (cases[i].kind, cases[i].column), ==, cases[i].field);

  g_assert_cmpint (sp_import_guess_survey_kind ("How satisfied were you?"), ==, SP_SURVEY_CSAT);
  g_assert_cmpint (sp_import_guess_survey_kind ("How likely are you to recommend us?"), ==,
                   SP_SURVEY_NPS);
  g_assert_cmpint (sp_import_guess_survey_kind ("How easy was it to get help?"), ==,
                   SP_SURVEY_CES);
  g_assert_cmpint (sp_import_guess_survey_kind ("Score"), ==, -1);

  g_assert_true (sp_import_field_is_required (SP_IMPORT_CONTACTS, "agent"));
  g_assert_false (sp_import_field_is_required (SP_IMPORT_CONTACTS, "customer"));
  g_assert_true (sp_import_field_is_date (SP_IMPORT_SURVEYS, "answered_at"));
  g_assert_false (sp_import_field_is_date (SP_IMPORT_SURVEYS, "received_at"));
  g_assert_false (sp_import_field_is_date (SP_IMPORT_CONTACTS, "agent"));
  g_assert_cmpstr (sp_import_field_get_label ("received_at"), ==, "Received");
}

static void
test_parse_map (void)
{
  g_autoptr(SpImportOptions) options = sp_import_options_new ();
  g_autoptr(SpImportOptions) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copied = NULL;

  /* commas inside a column name stay; "=" and "=-" leave a column out; a later one wins */
  g_assert_true (sp_import_options_parse_map (options, "Timestamp=answered_at,Hello, world?=comment,"
                                              "Email=,Extra=-,timestamp=answered_at", &error));
  g_assert_no_error (error);
  text = sp_import_options_to_string (options);
  g_assert_cmpstr (text, ==, "Timestamp=answered_at\nHello, world?=comment\nEmail=\nExtra=\n");

  copy = sp_import_options_copy (options);
  copied = sp_import_options_to_string (copy);
  g_assert_cmpstr (copied, ==, text);

  g_assert_false (sp_import_options_parse_map (options, "received_at", &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  sp_assert_contains (error->message, "“received_at” is not COLUMN=FIELD");
  g_clear_error (&error);
  g_assert_false (sp_import_options_parse_map (options, "=received_at", &error));
  g_clear_error (&error);
}

/* One wrong value: nothing imported, and the message names row, field, column and reason */
static void
test_all_or_nothing (SpTestStore   *f,
                     gconstpointer  data)
{
  static const char csv[] =
    "When,Who,How\n"
    "07.12.2026 09:00,Ana,phone\n"
    "07.12.2026 10:00,Ben,phone\n"
    "07.12.2026 25:00,Ana,phone\n";
  g_autoptr(SpImportOptions) options = sp_import_options_new ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  sp_import_options_map (options, "When", "received_at");
  sp_import_options_map (options, "Who", "agent");
  sp_import_options_map (options, "How", "channel");
  sp_import_options_set_date_format (options, "%d.%m.%Y %H:%M");

  g_assert_false (sp_import_data_full (f->store, SP_IMPORT_CONTACTS, "log.csv", csv,
                                       sizeof csv - 1, options, &n, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "log.csv:4: received_at (column “When”): “07.12.2026 25:00” is not a time of "
                   "day");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM agents"), ==, 0);
  g_clear_error (&error);

  /* the first two rows alone */
  g_assert_true (sp_import_data_full (f->store, SP_IMPORT_CONTACTS, "log.csv", csv,
                                      sizeof csv - 1 - strlen ("07.12.2026 25:00,Ana,phone\n"),
                                      options, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT max(received_at) FROM contacts"), ==,
                   sp_test_time ("2026-12-07 10:00"));

  /* a check lists the first wrong rows and leaves the database as it was */
  {
    static const char check[] =
      "When,Who,How\n"
      "08.12.2026 09:00,,phone\n"
      "08.12.2026 10:00,Cleo,phone\n"
      "31.12.2026 10:00,Dan,fax\n";

    g_assert_false (sp_import_check_data (f->store, SP_IMPORT_CONTACTS, "log.csv", check,
                                          sizeof check - 1, options, 0, &n, &error));
    g_assert_cmpstr (error->message, ==,
                     "log.csv:2: agent (column “Who”): is empty, but a value is required\n"
                     "log.csv:4: channel (column “How”): “fax” is not a channel; use phone, email, "
                     "chat, in_person, social or sms");
    g_clear_error (&error);

    /* without the wrong rows: checked, counted, not written */
    g_assert_true (sp_import_check_data (f->store, SP_IMPORT_CONTACTS, "log.csv", check,
                                         strlen ("When,Who,How\n"), options, 0, &n, &error));
    g_assert_cmpuint (n, ==, 0);

    /* the first row alone: the wrong ones after it are not read */
    g_assert_false (sp_import_check_data (f->store, SP_IMPORT_CONTACTS, "log.csv", check,
                                          sizeof check - 1, options, 2, &n, &error));
    g_assert_cmpstr (error->message, ==,
                     "log.csv:2: agent (column “Who”): is empty, but a value is required");
    g_clear_error (&error);
    sp_import_options_map (options, "Who", "customer");
    g_assert_false (sp_import_check_data (f->store, SP_IMPORT_CONTACTS, "log.csv", check,
                                          sizeof check - 1, options, 2, &n, &error));
    g_clear_error (&error);
    g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 2);
    g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM agents "
                                                  "WHERE name = 'Cleo'"), ==, 0);
  }

  /* a bad format is refused before any row is read */
  sp_import_options_set_date_format (options, "%d.%m");
  g_assert_false (sp_import_data_full (f->store, SP_IMPORT_CONTACTS, "log.csv", csv,
                                       sizeof csv - 1, options, &n, &error));
  sp_assert_contains (error->message, "is not a date format");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-map/guess-field", test_guess_field);
  g_test_add_func ("/import-map/parse-map", test_parse_map);
  g_test_add ("/import-map/all-or-nothing", SpTestStore, NULL, sp_test_store_setup,
              test_all_or_nothing, sp_test_store_teardown);

  return g_test_run ();
}
