/* test-names-window.c: adding, renaming, turning off and merging agents and topics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-names-window.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"

typedef struct
{
  char          *dir;
  SpStore       *store;
  SpNamesWindow *window;
} Fixture;

#define CHILD(name) sp_test_ui_child (f->window, SP_TYPE_NAMES_WINDOW, name)

static void
add_contact (SpStore    *store,
             const char *when,
             const char *agent,
             const char *customer,
             const char *topic)
{
  g_autoptr(SpContact) c = sp_contact_new ();
  g_autoptr(GError) error = NULL;

  c->received_at = sp_test_time (when);
  sp_contact_set_agent_name (c, agent);
  sp_contact_set_customer_name (c, customer);
  sp_contact_set_category_name (c, topic);
  g_assert_true (sp_store_save_contact (store, c, &error));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sp_test_store_open (&f->dir, &f->store);

  add_contact (f->store, "2026-10-01 09:00", "Ana", "Bob", "Billing");
  add_contact (f->store, "2026-10-02 09:00", "Ana", "Bob", "Invoices");
  add_contact (f->store, "2026-10-03 09:00", "Ben", "Cy", "Invoices");

  f->window = sp_names_window_new (f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  sp_test_store_close (&f->dir, &f->store);
}

static void
test_agents (Fixture       *f,
             gconstpointer  data)
{
  AdwEntryRow *row;
  GtkSwitch *active;
  g_autoptr(GPtrArray) offered = NULL;
  gint64 ana = sp_store_find_entity (f->store, SP_ENTITY_AGENT, "Ana");

  row = sp_names_window_get_name_row (f->window, SP_ENTITY_AGENT, "Ana");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "2 contacts");

  /* add */
  sp_test_ui_set_text (CHILD ("add_agent_row"), "Cleo");
  g_signal_emit_by_name (CHILD ("add_agent_row"), "apply");
  sp_test_ui_flush ();
  g_assert_cmpint (sp_store_find_entity (f->store, SP_ENTITY_AGENT, "cleo"), >, 0);
  g_assert_nonnull (sp_names_window_get_name_row (f->window, SP_ENTITY_AGENT, "Cleo"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD ("add_agent_row"))), ==, "");

  /* rename: the contacts follow, it is the same agent */
  row = sp_names_window_get_name_row (f->window, SP_ENTITY_AGENT, "Ana");
  sp_test_ui_set_text (row, "Ana Lopez");
  g_signal_emit_by_name (row, "apply");
  sp_test_ui_flush ();
  g_assert_cmpint (sp_store_find_entity (f->store, SP_ENTITY_AGENT, "Ana Lopez"), ==, ana);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts c JOIN agents a "
                                                "ON a.id = c.agent_id WHERE a.name = 'Ana Lopez'"),
                   ==, 2);

  /* a name taken is refused, and the row goes back */
  row = sp_names_window_get_name_row (f->window, SP_ENTITY_AGENT, "Ben");
  sp_test_ui_set_text (row, "ana lopez");
  g_signal_emit_by_name (row, "apply");
  sp_test_ui_flush ();
  g_assert_cmpint (sp_store_find_entity (f->store, SP_ENTITY_AGENT, "Ben"), >, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Ben");

  /* turned off: kept, with its contacts, and no longer offered */
  active = sp_names_window_get_active_switch (f->window, SP_ENTITY_AGENT, "Ben");
  g_assert_nonnull (active);
  g_assert_true (gtk_switch_get_active (active));
  gtk_switch_set_active (active, FALSE);
  sp_test_ui_flush ();
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT active FROM agents WHERE name = 'Ben'"),
                   ==, 0);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 3);
  offered = sp_store_complete_entities (f->store, SP_ENTITY_AGENT, "b", 10, NULL);
  g_assert_cmpuint (offered->len, ==, 0);
  row = sp_names_window_get_name_row (f->window, SP_ENTITY_AGENT, "Ben");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Turned off · 1 contact");
}

static void
select_topic (Fixture    *f,
              const char *row,
              const char *name)
{
  AdwComboRow *combo = ADW_COMBO_ROW (CHILD (row));
  GListModel *names = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      {
        adw_combo_row_set_selected (combo, i);
        sp_test_ui_flush ();
        return;
      }

  g_error ("No topic %s", name);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  AdwMessageDialog *dialog;
  gint64 billing = sp_store_find_entity (f->store, SP_ENTITY_CATEGORY, "Billing");

  select_topic (f, "merge_from_row", "Billing");
  select_topic (f, "merge_into_row", "Billing");
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (f->window), "names.merge"));

  select_topic (f, "merge_from_row", "Invoices");
  g_assert_true (sp_test_ui_is_enabled (GTK_WIDGET (f->window), "names.merge"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "names.merge", NULL);
  sp_test_ui_flush ();

  dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Merge “Invoices” into “Billing”?");
  sp_assert_contains (adw_message_dialog_get_body (dialog), "2 contacts");

  /* nothing happens until it is confirmed */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM categories"), ==, 2);
  adw_message_dialog_response (dialog, "merge");
  sp_test_ui_flush ();

  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM categories"), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(DISTINCT category_id) FROM contacts"),
                   ==, 1);
  g_assert_cmpint (sp_store_find_entity (f->store, SP_ENTITY_CATEGORY, "Billing"), ==, billing);
  g_assert_null (sp_names_window_get_name_row (f->window, SP_ENTITY_CATEGORY, "Invoices"));
  /* Bob's two contacts a day apart are now about the same topic: a repeat */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts WHERE is_repeat"),
                   ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/names/agents", test_agents);
  ADD ("/names/merge", test_merge);

  return g_test_run ();
}
