/* test-contact-form.c: logging and editing contacts through the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-contact-form.h"
#include "sp-date-time-row.h"
#include "sp-name-row.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

typedef struct
{
  char          *dir;
  SpStore       *store;
  SpContactForm *form;
} Fixture;

#define NOW "2026-10-14 10:42"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sp_test_store_open (&f->dir, &f->store);
  sp_time_override_now (sp_test_time (NOW) + 17);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  sp_test_store_close (&f->dir, &f->store);
  sp_time_override_now (SP_TIME_NONE);
}

static SpContactForm *
open_form (Fixture   *f,
           SpContact *contact)
{
  SpContactForm *form = sp_contact_form_new (f->store, contact);

  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  return form;
}

#define CHILD(form, name) sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, name)

static gint64
count (SpStore    *store,
       const char *sql)
{
  return sp_test_query_int (store, sql);
}

/* Times that look mistyped are saved only once the owner says they are right */
static void
accept_times_warning (const char *warning)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save These Times?");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), warning));
  /* as its button does: answer, then close */
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sp_test_ui_flush ();
}

/* Fill in a new contact, press Enter: it is in the database, names created */
static void
test_log_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SpContact) saved = NULL;
  g_autofree char *last = NULL;
  SpContactForm *form = open_form (f, NULL);
  GtkWidget *message = CHILD (form, "message_label");
  gint64 id;

  /* a new database: nobody to default to, and the form says so */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "received_row"))), ==, NOW);
  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==, "Choose the agent who handled it.");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==,
                   "Choose the agent who handled it.");
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.save"));
  g_assert_true (sp_test_ui_has_binding (GTK_WIDGET (form), "<Control>s", "form.save"));

  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  g_assert_true (sp_name_row_is_new (SP_NAME_ROW (CHILD (form, "agent_row"))));
  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD (form, "channel_row")), SP_CHANNEL_EMAIL);
  sp_test_ui_set_text (CHILD (form, "customer_row"), "Bob's Bikes");
  sp_test_ui_set_text (CHILD (form, "topic_row"), "Billing");
  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD (form, "priority_row")), SP_PRIORITY_HIGH);
  sp_test_ui_set_text (CHILD (form, "first_response_row"), "+4");
  sp_test_ui_set_text (CHILD (form, "resolved_row"), "11:30");
  sp_test_ui_set_text (CHILD (form, "talk_entry"), "5,5");
  sp_test_ui_set_text (CHILD (form, "wrap_entry"), "2");
  gtk_switch_set_active (GTK_SWITCH (CHILD (form, "complaint_switch")), TRUE);
  sp_test_ui_set_text (CHILD (form, "note_row"), "Invoice sent twice");

  g_assert_null (sp_form_get_problem (SP_FORM (form)));
  g_assert_true (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.save"));
  g_assert_true (sp_form_get_dirty (SP_FORM (form)));

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  sp_test_ui_press_enter (CHILD (form, "note_row"));
  /* answered four minutes from now: asked first, then saved as it is */
  g_assert_nonnull (form);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 0);
  accept_times_warning ("The first response is in the future.");
  g_assert_null (form);

  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 1);
  id = count (f->store, "SELECT id FROM contacts");
  saved = sp_store_load_contact (f->store, id, NULL);
  g_assert_cmpint (saved->received_at, ==, sp_test_time (NOW));
  g_assert_cmpint (saved->channel, ==, SP_CHANNEL_EMAIL);
  g_assert_cmpstr (saved->agent_name, ==, "Ana");
  g_assert_cmpstr (saved->customer_name, ==, "Bob's Bikes");
  g_assert_cmpstr (saved->category_name, ==, "Billing");
  g_assert_cmpint (saved->priority, ==, SP_PRIORITY_HIGH);
  g_assert_cmpint (saved->first_response_at, ==, sp_test_time ("2026-10-14 10:46"));
  g_assert_cmpint (saved->resolved_at, ==, sp_test_time ("2026-10-14 11:30"));
  g_assert_cmpfloat (saved->talk_min, ==, 5.5);
  g_assert_true (isnan (saved->hold_min));
  g_assert_cmpfloat (saved->wrap_min, ==, 2);
  g_assert_true (saved->complaint);
  g_assert_false (saved->escalated);
  g_assert_cmpstr (saved->note, ==, "Invoice sent twice");

  /* the next form starts with this agent and channel */
  last = sp_store_dup_setting (f->store, "log.last-agent");
  g_assert_cmpstr (last, ==, "Ana");
  form = open_form (f, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "agent_row"))), ==, "Ana");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (CHILD (form, "channel_row"))), ==,
                    SP_CHANNEL_EMAIL);
  g_assert_null (sp_form_get_problem (SP_FORM (form)));
  g_assert_false (sp_form_get_dirty (SP_FORM (form)));
}

static void
assert_refused (SpContactForm *form,
                const char    *field,
                const char    *text,
                const char    *message)
{
  GtkWidget *widget = CHILD (form, field);

  sp_test_ui_set_text (widget, text);
  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==, message);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (CHILD (form, "message_label"))), ==, message);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (CHILD (form, "message_revealer"))));
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.save"));
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.save-another"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (CHILD (form, "save_button")), ==, message);
  g_assert_true (gtk_widget_has_css_class (widget, "error"));

  /* Enter does nothing either */
  sp_test_ui_press_enter (widget);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));

  sp_test_ui_set_text (widget, "");
  g_assert_false (gtk_widget_has_css_class (widget, "error"));
}

/* Each kind of wrong input is marked and said, and nothing is saved */
static void
test_refuses_invalid (Fixture       *f,
                      gconstpointer  data)
{
  SpContactForm *form = open_form (f, NULL);

  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  g_assert_null (sp_form_get_problem (SP_FORM (form)));

  assert_refused (form, "first_response_row", "2026-10-14 10:30",
                  "The first response is before the contact was received.");
  assert_refused (form, "resolved_row", "2026-10-13 18:00",
                  "The resolution is before the contact was received.");
  assert_refused (form, "talk_entry", "-3", "Talk minutes can't be negative.");
  assert_refused (form, "hold_entry", "-0,5", "Hold minutes can't be negative.");
  assert_refused (form, "wrap_entry", "two", "Wrap-up minutes: “two” is not a number");
  assert_refused (form, "received_row", "2026-02-30 10:00",
                  "Received: “2026-02-30 10:00” is not a day of the calendar");
  assert_refused (form, "first_response_row", "+five",
                  "First response: “+five” is not a number of minutes, such as +5");

  /* missing is said, not marked */
  sp_test_ui_set_text (CHILD (form, "received_row"), "");
  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==,
                   "Enter when the contact was received.");
  g_assert_false (gtk_widget_has_css_class (CHILD (form, "received_row"), "error"));
  sp_test_ui_set_text (CHILD (form, "received_row"), "2026-10-14 09:00");

  /* escalation times are checked once it is escalated */
  sp_test_ui_set_text (CHILD (form, "escalated_at_row"), "2026-10-14 08:00");
  g_assert_null (sp_form_get_problem (SP_FORM (form)));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (CHILD (form, "escalated_row")), TRUE);
  sp_test_ui_flush ();
  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==,
                   "The escalation is before the contact was received.");
  sp_test_ui_set_text (CHILD (form, "escalated_at_row"), "");
  g_assert_null (sp_form_get_problem (SP_FORM (form)));

  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 0);

  /* fixed, it saves */
  sp_test_ui_set_text (CHILD (form, "talk_entry"), "3");
  sp_test_ui_set_text (CHILD (form, "escalated_to_row"), "Workshop");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM escalations e JOIN contacts c "
                                    "ON c.id = e.contact_id WHERE e.escalated_to = 'Workshop' "
                                    "AND e.escalated_at = c.received_at"), ==, 1);
}

static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  /* the row's own key controller, as a key press reaches it */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }

  g_object_unref (controllers);
  sp_test_ui_flush ();
}

/* Names come from what exists; a new one is created once, whatever its case */
static void
test_completion (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SpContactForm *form;
  SpNameRow *agent, *customer;

  sp_store_ensure_entity (f->store, SP_ENTITY_AGENT, "Ben Okafor", &error);
  sp_store_ensure_entity (f->store, SP_ENTITY_AGENT, "Bea Kim", &error);
  g_assert_true (sp_store_set_entity_active (f->store, SP_ENTITY_AGENT,
                                             sp_store_find_entity (f->store, SP_ENTITY_AGENT,
                                                                   "Bea Kim"), FALSE, &error));

  form = open_form (f, NULL);
  agent = SP_NAME_ROW (CHILD (form, "agent_row"));
  customer = SP_NAME_ROW (CHILD (form, "customer_row"));

  /* an agent who left is not offered */
  sp_test_ui_set_text (agent, "be");
  g_assert_cmpuint (sp_name_row_get_n_suggestions (agent), ==, 1);
  g_assert_cmpstr (sp_name_row_get_suggestion (agent, 0), ==, "Ben Okafor");
  sp_name_row_accept_suggestion (agent, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (agent)), ==, "Ben Okafor");
  g_assert_cmpuint (sp_name_row_get_n_suggestions (agent), ==, 0);
  g_assert_false (sp_name_row_is_new (agent));

  /* Tab takes the only name offered: "be" is Ben Okafor, not a new agent */
  sp_test_ui_set_text (agent, "Ben");
  g_assert_cmpuint (sp_name_row_get_n_suggestions (agent), ==, 1);
  press_key (GTK_WIDGET (agent), GDK_KEY_Tab);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (agent)), ==, "Ben Okafor");

  /* with several, Down chooses and Enter takes */
  sp_store_ensure_entity (f->store, SP_ENTITY_CUSTOMER, "Dana Becker", NULL);
  sp_store_ensure_entity (f->store, SP_ENTITY_CUSTOMER, "Dan Moreau", NULL);
  sp_test_ui_set_text (customer, "da");
  g_assert_cmpuint (sp_name_row_get_n_suggestions (customer), ==, 2);
  press_key (GTK_WIDGET (customer), GDK_KEY_Down);
  press_key (GTK_WIDGET (customer), GDK_KEY_Down);
  press_key (GTK_WIDGET (customer), GDK_KEY_Return);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (customer)), ==, "Dana Becker");

  sp_test_ui_set_text (customer, "Zed Shop");
  g_assert_true (sp_name_row_is_new (customer));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save-another", NULL);
  sp_test_ui_flush ();

  /* save and log another: same agent and channel, the rest cleared */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (agent)), ==, "Ben Okafor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (customer)), ==, "");
  g_assert_false (sp_form_get_dirty (SP_FORM (form)));

  /* the name now exists and is offered; typed in other capitals it is the same */
  sp_test_ui_set_text (customer, "ZED");
  g_assert_cmpuint (sp_name_row_get_n_suggestions (customer), ==, 1);
  g_assert_cmpstr (sp_name_row_get_suggestion (customer, 0), ==, "Zed Shop");
  sp_test_ui_set_text (customer, "  zed shop ");
  g_assert_false (sp_name_row_is_new (customer));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM customers WHERE name_key = "
                                    "'zed shop'"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(DISTINCT customer_id) FROM contacts"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM agents"), ==, 2);
}

/* Editing uses the same form and changes the same contact */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SpContact) c = sp_contact_new ();
  g_autoptr(SpContact) back = NULL;
  g_autoptr(GError) error = NULL;
  SpContactForm *form;

  c->received_at = sp_test_time ("2026-10-01 09:00");
  c->channel = SP_CHANNEL_CHAT;
  c->talk_min = 2.25;
  sp_contact_set_agent_name (c, "Ana");
  sp_contact_set_customer_name (c, "Bob");
  g_assert_true (sp_store_save_contact (f->store, c, &error));

  form = open_form (f, c);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (form)), ==, "Edit Contact");
  g_assert_false (gtk_widget_get_visible (CHILD (form, "save_another_button")));
  g_assert_true (gtk_widget_get_visible (CHILD (form, "delete_button")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "received_row"))), ==,
                   "2026-10-01 09:00");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (CHILD (form, "channel_row"))), ==,
                    SP_CHANNEL_CHAT);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "customer_row"))), ==, "Bob");
  g_assert_false (sp_form_get_dirty (SP_FORM (form)));

  sp_test_ui_set_text (CHILD (form, "resolved_row"), "+90");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (CHILD (form, "escalated_row")), TRUE);
  sp_test_ui_set_text (CHILD (form, "escalated_to_row"), "Store manager");
  sp_test_ui_set_text (CHILD (form, "reason_row"), "Refund above the limit");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 1);
  back = sp_store_load_contact (f->store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->resolved_at, ==, sp_test_time ("2026-10-01 10:30"));
  g_assert_cmpfloat (back->talk_min, ==, 2.25);
  g_assert_true (back->escalated);
  g_assert_cmpstr (back->escalated_to, ==, "Store manager");
  g_assert_cmpstr (back->escalation_reason, ==, "Refund above the limit");
  g_assert_cmpint (back->escalated_at, ==, back->received_at);
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Your Changes?");
  adw_message_dialog_response (dialog, response);
  sp_test_ui_flush ();
}

/* Closing a form with something typed asks; nothing is dropped silently */
static void
test_close_asks (Fixture       *f,
                 gconstpointer  data)
{
  SpContactForm *form = open_form (f, NULL);
  AdwMessageDialog *dialog;

  /* untouched: it just closes */
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_window_close (GTK_WINDOW (form));
  sp_test_ui_flush ();
  g_assert_null (form);

  form = open_form (f, NULL);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  sp_test_ui_set_text (CHILD (form, "customer_row"), "Walk-in with a question");

  /* Escape asks too; Keep Editing keeps everything */
  gtk_widget_activate_action (GTK_WIDGET (form), "window.close", NULL);
  sp_test_ui_flush ();
  g_assert_nonnull (form);
  dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* no agent yet: it can't be saved from there */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  respond ("keep");
  g_assert_nonnull (form);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "customer_row"))), ==,
                   "Walk-in with a question");

  /* Save from the question saves and closes */
  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  gtk_window_close (GTK_WINDOW (form));
  sp_test_ui_flush ();
  respond ("save");
  g_assert_null (form);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 1);

  /* Discard drops it */
  form = open_form (f, NULL);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  sp_test_ui_set_text (CHILD (form, "note_row"), "never mind");
  gtk_window_close (GTK_WINDOW (form));
  sp_test_ui_flush ();
  respond ("discard");
  g_assert_null (form);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 1);
}

/* Ctrl+N opens the form from any page of the window */
static void
test_from_window (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = sp_test_db_path (f->dir);
  SpWindow *window = sp_window_new (NULL, path);
  SpContactForm *form;

  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));
  sp_window_show_page (window, "reports");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-contact", NULL);
  sp_test_ui_flush ();

  form = SP_CONTACT_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
  g_assert_nonnull (form);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (form)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (form)));

  /* the window does not close under an unsaved form */
  sp_test_ui_set_text (CHILD (form, "note_row"), "half typed");
  gtk_window_close (GTK_WINDOW (window));
  sp_test_ui_flush ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  respond ("keep");
}

static gboolean
focus_in (gpointer   window,
          GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button_labelled (child, label)))
        return found;
    }

  return NULL;
}

/* The form opens on Customer: the first contact, the next one, and an edit */
static void
test_first_field (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SpContact) saved = NULL;
  SpContactForm *form = open_form (f, NULL);

  g_assert_true (focus_in (form, CHILD (form, "customer_row")));
  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  sp_test_ui_set_text (CHILD (form, "customer_row"), "Bob");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save-another", NULL);
  sp_test_ui_flush ();
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_true (focus_in (form, CHILD (form, "customer_row")));
  gtk_window_destroy (GTK_WINDOW (form));

  form = open_form (f, NULL);
  g_assert_true (focus_in (form, CHILD (form, "customer_row")));
  gtk_window_destroy (GTK_WINDOW (form));

  saved = sp_store_load_contact (f->store, count (f->store, "SELECT id FROM contacts"), NULL);
  form = open_form (f, saved);
  g_assert_true (focus_in (form, CHILD (form, "customer_row")));
}

/* A letter on a closed drop-down chooses the next item that starts with it */
static void
test_type_ahead (Fixture       *f,
                 gconstpointer  data)
{
  SpContactForm *form = open_form (f, NULL);
  AdwComboRow *channel = ADW_COMBO_ROW (CHILD (form, "channel_row"));
  AdwComboRow *priority = ADW_COMBO_ROW (CHILD (form, "priority_row"));

  gtk_widget_grab_focus (GTK_WIDGET (channel));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "i"));
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, SP_CHANNEL_IN_PERSON);
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "s"));
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, SP_CHANNEL_SOCIAL);
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "t"));
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, SP_CHANNEL_SMS);
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "P"));
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, SP_CHANNEL_PHONE);
  /* a letter nothing starts with changes nothing */
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "x"));
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, SP_CHANNEL_PHONE);

  /* and in the priority list */
  gtk_widget_grab_focus (GTK_WIDGET (priority));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "u"));
  g_assert_cmpuint (adw_combo_row_get_selected (priority), ==, SP_PRIORITY_URGENT);
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "n"));
  g_assert_cmpuint (adw_combo_row_get_selected (priority), ==, SP_PRIORITY_NORMAL);
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "l"));
  g_assert_cmpuint (adw_combo_row_get_selected (priority), ==, SP_PRIORITY_LOW);
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "h"));
  g_assert_cmpuint (adw_combo_row_get_selected (priority), ==, SP_PRIORITY_HIGH);
}

/* A switch row is one Tab stop, and Space turns it on */
/* The bottom of @widget is inside the visible part of @scroller */
static gboolean
bottom_in_view (GtkScrolledWindow *scroller,
                GtkWidget         *widget)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (widget, gtk_scrolled_window_get_child (scroller), &bounds) &&
         bounds.origin.y + bounds.size.height <= gtk_adjustment_get_page_size (adjustment) + 0.5;
}

static void
test_switch_rows (Fixture       *f,
                  gconstpointer  data)
{
  SpContactForm *form = open_form (f, NULL);
  GtkWidget *fcr = CHILD (form, "fcr_switch");
  GtkWidget *complaint = CHILD (form, "complaint_switch");
  AdwExpanderRow *escalated = ADW_EXPANDER_ROW (CHILD (form, "escalated_row"));

  gtk_widget_grab_focus (CHILD (form, "resolved_row"));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "Tab"));
  g_assert_true (focus_in (form, fcr));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "space"));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (fcr)));

  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "Tab"));
  g_assert_true (focus_in (form, CHILD (form, "talk_entry")));
  gtk_widget_grab_focus (CHILD (form, "wrap_entry"));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "Tab"));
  g_assert_true (focus_in (form, complaint));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "space"));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (complaint)));

  /* Escalated too, in one Tab; its fields open */
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "Tab"));
  g_assert_true (focus_in (form, CHILD (form, "escalated_row")));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "space"));
  g_assert_true (adw_expander_row_get_enable_expansion (escalated));
  g_assert_true (adw_expander_row_get_expanded (escalated));

  /* the fields it opened are scrolled into view, once they have opened */
  {
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (CHILD (form, "scroller"));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
    graphene_rect_t bounds;

    sp_test_wait_until (bottom_in_view (scroller, CHILD (form, "escalation_resolved_row")));

    g_assert_true (gtk_widget_compute_bounds (CHILD (form, "escalation_resolved_row"),
                                              gtk_scrolled_window_get_child (scroller), &bounds));
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                       gtk_adjustment_get_page_size (adjustment) + 0.5);
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
  }

  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (form), "Tab"));
  g_assert_true (focus_in (form, CHILD (form, "escalated_at_row")));
  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), !=, NULL);
}

/* A resolution before the first response is asked about; Check the Times keeps the form */
static void
test_unlikely_times (Fixture       *f,
                     gconstpointer  data)
{
  SpContactForm *form = open_form (f, NULL);
  AdwMessageDialog *dialog;

  sp_test_ui_set_text (CHILD (form, "received_row"), "2026-10-14 09:00");
  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  sp_test_ui_set_text (CHILD (form, "first_response_row"), "2026-10-14 09:30");
  sp_test_ui_set_text (CHILD (form, "resolved_row"), "2026-10-14 09:20");
  g_assert_null (sp_form_get_problem (SP_FORM (form)));

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save-another", NULL);
  sp_test_ui_flush ();
  dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "The contact was resolved before the first response."));
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sp_test_ui_flush ();
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "resolved_row"))), ==,
                   "2026-10-14 09:20");

  /* said to be right: saved, and the next contact starts */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save-another", NULL);
  sp_test_ui_flush ();
  accept_times_warning ("The contact was resolved before the first response.");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts WHERE resolved_at < "
                                    "first_response_at"), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "resolved_row"))), ==, "");

  /* times that look right are not asked about */
  sp_test_ui_set_text (CHILD (form, "received_row"), "2026-10-14 09:00");
  sp_test_ui_set_text (CHILD (form, "first_response_row"), "2026-10-14 09:10");
  sp_test_ui_set_text (CHILD (form, "resolved_row"), "2026-10-14 09:20");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save-another", NULL);
  sp_test_ui_flush ();
  g_assert_null (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 2);
}

/* Received in the future (a slip in the year, "+1" for tomorrow) is asked about first */
static void
test_future_received (Fixture       *f,
                      gconstpointer  data)
{
  SpContactForm *form = open_form (f, NULL);
  GtkWidget *received = CHILD (form, "received_row");
  AdwMessageDialog *dialog;

  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  sp_test_ui_set_text (received, "2126-12-07 10:00");
  g_assert_null (sp_form_get_problem (SP_FORM (form)));
  /* another year: the hint names it (%e pads with a figure space) */
  g_assert_nonnull (sp_test_ui_find (received, GTK_TYPE_LABEL, "Sat \u2007" "7 Dec 2126"));

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();
  dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save These Times?");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "The contact was received in the future."));
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sp_test_ui_flush ();
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 0);

  /* tomorrow, said to be right: saved */
  sp_test_ui_set_text (received, "+1");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save-another", NULL);
  sp_test_ui_flush ();
  accept_times_warning ("The contact was received in the future.");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT received_at FROM contacts"), ==,
                   sp_test_time ("2026-10-15 10:42"));

  /* this year: no year in the hint */
  sp_test_ui_set_text (received, "2026-12-07 10:00");
  g_assert_nonnull (sp_test_ui_find (received, GTK_TYPE_LABEL, "Mon \u2007" "7 Dec"));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *n)
{
  (*n)++;
}

/*
 * A click on Save while a time is still being typed: the press takes the
 * focus, the field writes the time out in full, and Save must stay
 * clickable all along, or the click is lost.
 */
static void
test_save_while_editing (Fixture       *f,
                         gconstpointer  data)
{
  SpContactForm *form = open_form (f, NULL);
  GtkWidget *received = CHILD (form, "received_row");
  GtkWidget *save = CHILD (form, "save_button");
  guint flips = 0;

  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  gtk_widget_grab_focus (received);
  sp_test_ui_flush ();
  sp_test_ui_set_text (received, "yesterday 10:00");
  g_assert_true (gtk_widget_get_sensitive (save));

  g_signal_connect (save, "notify::sensitive", G_CALLBACK (count_cb), &flips);
  g_signal_connect (form, "notify::dirty", G_CALLBACK (count_cb), &flips);
  gtk_widget_grab_focus (save);
  sp_test_ui_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (received)), ==, "2026-10-13 10:00");
  g_assert_cmpuint (flips, ==, 0);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_handlers_disconnect_by_func (save, count_cb, &flips);
  g_signal_handlers_disconnect_by_func (form, count_cb, &flips);

  g_signal_emit_by_name (save, "clicked");
  sp_test_ui_flush ();
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 1);
}

/* "Contact logged" offers Undo, which takes the contact back out */
static void
test_logged_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = sp_test_db_path (f->dir);
  SpWindow *window = sp_window_new (NULL, path);
  SpContactForm *form;
  GtkWidget *undo;

  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-contact", NULL);
  sp_test_ui_flush ();
  form = SP_CONTACT_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  sp_test_ui_set_text (CHILD (form, "customer_row"), "Bob");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_wait_until (count (f->store, "SELECT count(*) FROM contacts") == 1 &&
                      sp_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL, "Contact logged"));

  g_assert_nonnull (sp_test_ui_find (GTK_WIDGET (window), GTK_TYPE_LABEL, "Contact logged"));
  undo = find_button_labelled (GTK_WIDGET (window), "_Undo (Ctrl+Z)");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  sp_test_ui_flush ();
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contacts"), ==, 0);
}

/* "Escalated to" offers the values used before: "Ware" becomes "Warehouse", not a second one */
static void
test_escalated_to_completion (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const earlier[] = { "Warehouse", "Workshop", "Warehouse" };
  g_autoptr(GError) error = NULL;
  SpContactForm *form;
  SpNameRow *to;

  for (guint i = 0; i < G_N_ELEMENTS (earlier); i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();

      c->received_at = sp_test_time ("2026-10-13 09:00");
      sp_contact_set_agent_name (c, "Ana");
      c->escalated = TRUE;
      c->escalated_at = sp_test_time ("2026-10-13 09:05");
      sp_contact_set_escalated_to (c, earlier[i]);
      g_assert_true (sp_store_save_contact (f->store, c, &error));
      g_assert_no_error (error);
    }

  form = open_form (f, NULL);
  to = SP_NAME_ROW (CHILD (form, "escalated_to_row"));
  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (CHILD (form, "escalated_row")), TRUE);

  /* both start with "W", the one used most first */
  sp_test_ui_set_text (to, "w");
  g_assert_cmpuint (sp_name_row_get_n_suggestions (to), ==, 2);
  g_assert_cmpstr (sp_name_row_get_suggestion (to, 0), ==, "Warehouse");
  g_assert_cmpstr (sp_name_row_get_suggestion (to, 1), ==, "Workshop");

  /* "Ware": only Warehouse, and Tab takes it */
  sp_test_ui_set_text (to, "Ware");
  g_assert_cmpuint (sp_name_row_get_n_suggestions (to), ==, 1);
  press_key (GTK_WIDGET (to), GDK_KEY_Tab);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "Warehouse");

  /* a place not used before is free text, not a new name of the shop's lists */
  sp_test_ui_set_text (to, "Head office");
  g_assert_cmpuint (sp_name_row_get_n_suggestions (to), ==, 0);
  g_assert_false (sp_name_row_is_new (to));

  sp_test_ui_set_text (to, "Ware");
  press_key (GTK_WIDGET (to), GDK_KEY_Tab);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM escalations "
                                    "WHERE escalated_to = 'Warehouse'"), ==, 3);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM escalations "
                                    "WHERE escalated_to = 'Ware'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/contact-form/log-new", test_log_new);
  ADD ("/contact-form/refuses-invalid", test_refuses_invalid);
  ADD ("/contact-form/completion", test_completion);
  ADD ("/contact-form/edit", test_edit);
  ADD ("/contact-form/close-asks", test_close_asks);
  ADD ("/contact-form/from-window", test_from_window);
  ADD ("/contact-form/first-field", test_first_field);
  ADD ("/contact-form/switch-rows", test_switch_rows);
  ADD ("/contact-form/type-ahead", test_type_ahead);
  ADD ("/contact-form/unlikely-times", test_unlikely_times);
  ADD ("/contact-form/logged-undo", test_logged_undo);
  ADD ("/contact-form/future-received", test_future_received);
  ADD ("/contact-form/save-while-editing", test_save_while_editing);
  ADD ("/contact-form/escalated-to-completion", test_escalated_to_completion);

  return g_test_run ();
}
