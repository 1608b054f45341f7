/* test-import-assistant.c: other programs' files through the import assistant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-import-assistant.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

/* A survey tool's export: a Timestamp, the question as header, an extra column */
#define SURVEY_TOOL \
  "Timestamp,How satisfied were you with our service?,Anything else?,Email address\n" \
  "12/7/2026 14:03:04,5,Great,a@example.com\n" \
  "12/7/2026 15:10:00,3,,\n" \
  "12/8/2026 9:01:30,4,\"Quick, friendly\",b@example.com\n"

/* A help desk's ticket export, dates day first */
#define HELP_DESK \
  "Ticket ID,Ticket opened,Channel,Agent name,Requester,Subject,First reply,Solved at,Tags\n" \
  "T-101,07.12.2026 09:15,email,Ana,Bob's Bikes,Billing,07.12.2026 09:40,07.12.2026 11:00,vip\n" \
  "T-102,07.12.2026 10:05,phone,Ben,Carla,Delivery,,,\n"

typedef struct
{
  char    *dir;
  SpStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sp_test_store_open (&f->dir, &f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  sp_test_store_close (&f->dir, &f->store);
}

#define CHILD(a, name) sp_test_ui_child (a, SP_TYPE_IMPORT_ASSISTANT, name)

static SpImportAssistant *
open_file (Fixture    *f,
           const char *name,
           const char *contents)
{
  g_autofree char *path = sp_test_write_file (f->dir, name, contents);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SpImportAssistant *assistant = sp_import_assistant_new (f->store, NULL);

  gtk_window_present (GTK_WINDOW (assistant));
  sp_test_ui_wait_mapped (GTK_WIDGET (assistant));
  g_assert_true (sp_import_assistant_load_file (assistant, file, &error));
  g_assert_no_error (error);
  sp_test_ui_flush ();
  return assistant;
}

static AdwComboRow *
column_row (SpImportAssistant *assistant,
            const char        *column)
{
  GtkWidget *row = sp_test_ui_find (CHILD (assistant, "columns_group"), ADW_TYPE_COMBO_ROW,
                                    column);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

/* The position of @label in a combo row's list */
static guint
position_of (AdwComboRow *row,
             const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        return i;
    }

  g_error ("no “%s” in the list", label);
}

static const char *
status (SpImportAssistant *assistant)
{
  return gtk_label_get_text (GTK_LABEL (CHILD (assistant, "status_label")));
}

static void
import (SpImportAssistant *assistant)
{
  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.import", NULL));
  sp_test_ui_flush ();
  /* closed once imported */
  g_assert_null (assistant);
}

/* The survey tool's file: everything guessed, the extra column left out */
static void
test_survey_tool (Fixture       *f,
                  gconstpointer  data)
{
  SpImportAssistant *assistant = open_file (f, "forms.csv", SURVEY_TOOL);
  g_autofree char *comments = NULL;
  AdwComboRow *row;

  g_assert_cmpint (sp_import_assistant_get_kind (assistant), ==, SP_IMPORT_SURVEYS);
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 0), ==, "answered_at");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 1), ==, "score");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 2), ==, "comment");
  g_assert_null (sp_import_assistant_get_field (assistant, 3));
  /* month first: 12/8 is the 8th of December in the C locale's order */
  g_assert_cmpstr (sp_import_assistant_get_date_format (assistant), ==, "%m/%d/%Y %H:%M");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (CHILD (assistant,
                                                                      "date_format_row"))), ==,
                   "“12/7/2026 14:03:04” is 7 Dec 2026 14:03");
  /* the question asks for satisfaction: CSAT */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (CHILD (assistant,
                                                                     "survey_kind_row"))), ==, 1);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (
                     CHILD (assistant, "columns_group"))), ==,
                   "What each column of the file holds, with its first values; columns left out "
                   "are not imported. Required: Answered, Score.");
  /* the first values are shown beside each column */
  row = column_row (assistant, "Anything else?");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Great  ·  Quick, friendly");

  g_assert_true (sp_import_assistant_can_import (assistant));
  g_assert_cmpstr (status (assistant), ==, "All 3 rows can be imported.");
  /* checked, not written */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM surveys"), ==, 0);

  import (assistant);

  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM surveys WHERE kind = 'csat'"),
                   ==, 3);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT sum(score) FROM surveys"), ==, 12);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT answered_at FROM surveys WHERE score = 4"),
                   ==, sp_test_time ("2026-12-08 09:01:30"));
  comments = sp_test_query_text (f->store, "SELECT group_concat(comment, '|') FROM "
                                           "(SELECT comment FROM surveys WHERE comment IS NOT NULL "
                                           "ORDER BY answered_at)");
  g_assert_cmpstr (comments, ==, "Great|Quick, friendly");
}

/* The help desk's file: problems shown with their row before anything is written */
static void
test_help_desk (Fixture       *f,
                gconstpointer  data)
{
  SpImportAssistant *assistant = open_file (f, "tickets.csv", HELP_DESK);
  AdwComboRow *agent = column_row (assistant, "Agent name");
  AdwComboRow *tags = column_row (assistant, "Tags");
  AdwComboRow *formats = ADW_COMBO_ROW (CHILD (assistant, "date_format_row"));

  g_assert_cmpint (sp_import_assistant_get_kind (assistant), ==, SP_IMPORT_CONTACTS);
  /* another program's ticket numbers are not taken for contact numbers */
  g_assert_null (sp_import_assistant_get_field (assistant, 0));
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 1), ==, "received_at");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 3), ==, "agent");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 4), ==, "customer");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 5), ==, "category");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 6), ==, "first_response_at");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 7), ==, "resolved_at");
  g_assert_null (sp_import_assistant_get_field (assistant, 8));
  g_assert_cmpstr (sp_import_assistant_get_date_format (assistant), ==, "%d.%m.%Y %H:%M");

  g_assert_true (sp_import_assistant_can_import (assistant));

  /* chosen as contact numbers, "T-101" is refused: said with its row, field and column */
  adw_combo_row_set_selected (column_row (assistant, "Ticket ID"),
                              position_of (column_row (assistant, "Ticket ID"), "Contact number"));
  sp_test_ui_flush ();
  g_assert_false (sp_import_assistant_can_import (assistant));
  sp_assert_contains (status (assistant), "Row 2: id (column “Ticket ID”): ");
  sp_assert_contains (status (assistant), "Nothing is imported until this is fixed.");
  g_assert_true (gtk_widget_has_css_class (CHILD (assistant, "status_label"), "error"));
  g_assert_false (gtk_widget_get_sensitive (CHILD (assistant, "import_button")));
  adw_combo_row_set_selected (column_row (assistant, "Ticket ID"), 0);
  sp_test_ui_flush ();
  g_assert_true (sp_import_assistant_can_import (assistant));

  /* a required field left without a column */
  adw_combo_row_set_selected (agent, 0);
  sp_test_ui_flush ();
  g_assert_false (sp_import_assistant_can_import (assistant));
  g_assert_cmpstr (status (assistant), ==,
                   "First row: agent: this field is required, but no column gives it: map a "
                   "column to it\nNothing is imported until this is fixed.");
  adw_combo_row_set_selected (agent, position_of (agent, "Agent"));

  /* the dates read the other way round: the 7th of a 12th month is no longer there */
  adw_combo_row_set_selected (formats, position_of (formats, "MM/DD/YYYY HH:MM"));
  sp_test_ui_flush ();
  g_assert_false (sp_import_assistant_can_import (assistant));
  sp_assert_contains (status (assistant), "Row 2: received_at (column “Ticket opened”): "
                                          "“07.12.2026 09:15” is not a date in the form "
                                          "MM/DD/YYYY HH:MM");
  adw_combo_row_set_selected (formats, position_of (formats, "DD.MM.YYYY HH:MM"));

  /* the tags as a note, chosen by hand */
  adw_combo_row_set_selected (tags, position_of (tags, "Note"));
  sp_test_ui_flush ();
  g_assert_true (sp_import_assistant_can_import (assistant));
  g_assert_cmpstr (status (assistant), ==, "All 2 rows can be imported.");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 0);

  import (assistant);

  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT received_at FROM contacts "
                                                "WHERE channel = 'email'"), ==,
                   sp_test_time ("2026-12-07 09:15"));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT resolved_at FROM contacts "
                                                "WHERE channel = 'email'"), ==,
                   sp_test_time ("2026-12-07 11:00"));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts "
                                                "WHERE note = 'vip'"), ==, 1);

  /* next month's export, the same columns: the choices made by hand are back */
  assistant = open_file (f, "tickets-next.csv",
                         "Ticket ID,Ticket opened,Channel,Agent name,Requester,Subject,"
                         "First reply,Solved at,Tags\n"
                         "T-201,04.01.2027 09:00,chat,Ana,Dora,Billing,,,\n");
  g_assert_null (sp_import_assistant_get_field (assistant, 0));
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 8), ==, "note");
  g_assert_true (sp_import_assistant_can_import (assistant));
  import (assistant);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 3);
}

/* The help desk's file saved again by German Excel ("CSV (Trennzeichen-
 * getrennt)"): a BOM, semicolons, CRLF; one column per field, not one */
static void
test_semicolons (Fixture       *f,
                 gconstpointer  data)
{
  SpImportAssistant *assistant =
    open_file (f, "tickets-excel.csv",
               "\xef\xbb\xbf" "Ticket opened;Channel;Agent name;Requester;Subject\r\n"
               "07.12.2026 09:15;email;Ana;\"Dupont; Zo\u00eb\";Billing\r\n");

  g_assert_cmpint (sp_import_assistant_get_kind (assistant), ==, SP_IMPORT_CONTACTS);
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 0), ==, "received_at");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 1), ==, "channel");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 2), ==, "agent");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 3), ==, "customer");
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 4), ==, "category");
  g_assert_nonnull (column_row (assistant, "Agent name"));
  g_assert_true (sp_import_assistant_can_import (assistant));

  import (assistant);

  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM customers "
                                                "WHERE name = 'Dupont; Zo\u00eb'"), ==, 1);
}

/* A bad row found when importing leaves everything as it was */
static void
test_bad_row (Fixture       *f,
              gconstpointer  data)
{
  SpImportAssistant *assistant = open_file (f, "shifts.csv",
                                            "Day,Employee,Hours\n"
                                            "07.12.2026,Ana,7.5\n"
                                            "08.12.2026,Ana,30\n"
                                            "09.12.2026,,8\n");

  g_assert_cmpint (sp_import_assistant_get_kind (assistant), ==, SP_IMPORT_SHIFTS);
  /* days alone */
  g_assert_cmpstr (sp_import_assistant_get_date_format (assistant), ==, "%d.%m.%Y");
  g_assert_false (sp_import_assistant_can_import (assistant));
  /* every wrong row is listed, not only the first */
  g_assert_cmpstr (status (assistant), ==,
                   "Row 3: available_hours (column “Hours”): must be more than 0 and at most 24\n"
                   "Row 4: agent (column “Employee”): is empty, but a value is required\n"
                   "Nothing is imported until this is fixed.");
  /* Ctrl+Enter does nothing while a problem stands */
  gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.import", NULL);
  sp_test_ui_flush ();
  g_assert_nonnull (sp_test_ui_find_toplevel (SP_TYPE_IMPORT_ASSISTANT));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM shifts"), ==, 0);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM agents"), ==, 0);
}

/* A file of the app's own: a column named as a field has it, before any guess */
static void
test_own_names (Fixture       *f,
                gconstpointer  data)
{
  SpImportAssistant *assistant = open_file (f, "contacts.csv",
                                            "fcr_success,received_at,channel,agent,"
                                            "resolved_first_contact\n"
                                            "1,2026-11-02 09:00,phone,Ana,yes\n");

  g_assert_cmpint (sp_import_assistant_get_kind (assistant), ==, SP_IMPORT_CONTACTS);
  /* "fcr" suggests resolved at first contact, which the last column is named */
  g_assert_null (sp_import_assistant_get_field (assistant, 0));
  g_assert_cmpstr (sp_import_assistant_get_field (assistant, 4), ==, "resolved_first_contact");
  g_assert_true (sp_import_assistant_can_import (assistant));
  import (assistant);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT resolved_first_contact FROM contacts"),
                   ==, 1);
}

/* A long file: the choices check its first rows, the import all of them */
static void
test_long_file (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Timestamp,How likely are you to recommend us?\n");
  SpImportAssistant *assistant;

  for (guint i = 0; i < 1200; i++)
    g_string_append_printf (csv, "2026-11-%02u %02u:%02u,%u\n", i % 28 + 1, 8 + i % 10, i % 60,
                            i % 11);
  /* the last row is wrong: found when importing, and nothing is imported */
  g_string_append (csv, "2026-11-30 10:00,11\n");

  assistant = open_file (f, "nps.csv", csv->str);
  g_assert_cmpstr (sp_import_assistant_get_date_format (assistant), ==, "%Y-%m-%d %H:%M");
  /* the question asks whether they would recommend: NPS */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (CHILD (assistant,
                                                                     "survey_kind_row"))), ==, 2);
  g_assert_cmpstr (status (assistant), ==,
                   "The first 1000 rows of 1201 can be imported; the others are checked when "
                   "you import.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.import", NULL));
  sp_test_ui_flush ();
  g_assert_cmpstr (status (assistant), ==,
                   "Row 1202: score (column “How likely are you to recommend us?”): “11” is not a "
                   "whole number from 0 to 10, as a nps score must be\nNothing was imported.");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM surveys"), ==, 0);
}

/* Import… in the window opens the assistant */
static void
test_from_window (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = sp_test_db_path (f->dir);
  SpWindow *window = sp_window_new (NULL, path);

  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  sp_test_ui_flush ();
  g_assert_nonnull (sp_test_ui_find_toplevel (SP_TYPE_IMPORT_ASSISTANT));
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/import-assistant/survey-tool", test_survey_tool);
  ADD ("/import-assistant/help-desk", test_help_desk);
  ADD ("/import-assistant/semicolons", test_semicolons);
  ADD ("/import-assistant/bad-row", test_bad_row);
  ADD ("/import-assistant/long-file", test_long_file);
  ADD ("/import-assistant/own-names", test_own_names);
  ADD ("/import-assistant/from-window", test_from_window);

  return g_test_run ();
}
