/* test-survey-form.c: recording survey answers through the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-survey-form.h"
#include "sp-name-row.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"

typedef struct
{
  char    *dir;
  SpStore *store;
} Fixture;

#define NOW "2026-10-14 16:20"
#define CHILD(form, name) sp_test_ui_child (form, SP_TYPE_SURVEY_FORM, name)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sp_test_store_open (&f->dir, &f->store);
  sp_time_override_now (sp_test_time (NOW));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  sp_test_store_close (&f->dir, &f->store);
  sp_time_override_now (SP_TIME_NONE);
}

static SpSurveyForm *
open_form (Fixture  *f,
           SpSurvey *survey)
{
  SpSurveyForm *form = sp_survey_form_new (f->store, survey);

  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  return form;
}

static GtkToggleButton *
score_button (SpSurveyForm *form,
              int           score)
{
  g_autofree char *label = g_strdup_printf ("%d", score);
  GtkWidget *button = sp_test_ui_find (CHILD (form, "score_box"), GTK_TYPE_TOGGLE_BUTTON, label);

  g_assert_nonnull (button);
  return GTK_TOGGLE_BUTTON (button);
}

static void
type_digit (SpSurveyForm *form,
            guint         keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (form));
  gboolean handled = FALSE;

  /* the form's own key controller, as a key press reaches it */
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }

  g_object_unref (controllers);
  g_assert_true (handled);
  sp_test_ui_flush ();
}

static void
select_kind (SpSurveyForm *form,
             SpSurveyKind  kind)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD (form, "kind_row")), kind);
  sp_test_ui_flush ();
}

/* The question and the buttons follow the kind; digits choose; out of range is refused */
static void
test_record (Fixture       *f,
             gconstpointer  data)
{
  SpSurveyForm *form = open_form (f, NULL);
  g_autoptr(SpSurvey) saved = NULL;
  GtkWidget *score_box = CHILD (form, "score_box");
  int n_buttons = 0;

  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==, "Choose a score from 1 to 5.");
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.save"));
  g_assert_true (sp_test_ui_has_binding (GTK_WIDGET (form), "<Control>s", "form.save"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (CHILD (form, "question_label"))), ==,
                   "“How satisfied were you with your experience today?”");

  select_kind (form, SP_SURVEY_NPS);
  for (GtkWidget *b = gtk_widget_get_first_child (score_box); b; b = gtk_widget_get_next_sibling (b))
    n_buttons++;
  g_assert_cmpint (n_buttons, ==, 11);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (CHILD (form, "question_label"))), ==,
                   "“On a scale of 0–10, how likely are you to recommend us to a friend or "
                   "colleague?”");

  /* digits choose a score; 1 then 0 is 10 */
  type_digit (form, GDK_KEY_7);
  g_assert_cmpint (sp_survey_form_get_score (form), ==, 7);
  g_assert_true (gtk_toggle_button_get_active (score_button (form, 7)));
  type_digit (form, GDK_KEY_1);
  type_digit (form, GDK_KEY_0);
  g_assert_cmpint (sp_survey_form_get_score (form), ==, 10);
  g_assert_true (gtk_toggle_button_get_active (score_button (form, 10)));
  g_assert_false (gtk_toggle_button_get_active (score_button (form, 1)));
  g_assert_null (sp_form_get_problem (SP_FORM (form)));

  /* a score that does not fit the kind is refused, and said */
  select_kind (form, SP_SURVEY_CES);
  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==,
                   "A CES score must be from 1 to 7, not 10.");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (CHILD (form, "message_label"))), ==,
                   "A CES score must be from 1 to 7, not 10.");
  g_assert_true (gtk_widget_has_css_class (score_box, "error"));
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.save"));
  type_digit (form, GDK_KEY_9);
  g_assert_cmpint (sp_survey_form_get_score (form), ==, 10);

  /* a click chooses too */
  g_signal_emit_by_name (score_button (form, 6), "clicked");
  sp_test_ui_flush ();
  g_assert_cmpint (sp_survey_form_get_score (form), ==, 6);
  g_assert_null (sp_form_get_problem (SP_FORM (form)));
  g_assert_false (gtk_widget_has_css_class (score_box, "error"));

  sp_test_ui_set_text (CHILD (form, "customer_row"), "Bob");
  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD (form, "channel_row")), 1 + SP_CHANNEL_CHAT);
  sp_test_ui_set_text (CHILD (form, "topic_row"), "Returns");
  sp_test_ui_set_text (CHILD (form, "comment_row"), "Easy enough");
  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==, NULL);
  g_assert_true (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.save"));

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  sp_test_ui_press_enter (CHILD (form, "comment_row"));
  g_assert_null (form);

  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM surveys"), ==, 1);
  saved = sp_store_load_survey (f->store, sp_test_query_int (f->store, "SELECT id FROM surveys"),
                               NULL);
  g_assert_cmpint (saved->kind, ==, SP_SURVEY_CES);
  g_assert_cmpint (saved->score, ==, 6);
  g_assert_cmpint (saved->answered_at, ==, sp_test_time (NOW));
  g_assert_cmpstr (saved->customer_name, ==, "Bob");
  g_assert_cmpstr (saved->agent_name, ==, "Ana");
  g_assert_cmpint (saved->channel, ==, SP_CHANNEL_CHAT);
  g_assert_cmpstr (saved->category_name, ==, "Returns");
  g_assert_cmpstr (saved->comment, ==, "Easy enough");
  g_assert_cmpint (saved->contact_id, ==, 0);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *n)
{
  (*n)++;
}

/*
 * Answered "+5" is five days ahead: asked about first.  A click on Save
 * while the field is still being typed in saves at once.
 */
static void
test_future_and_click (Fixture       *f,
                       gconstpointer  data)
{
  SpSurveyForm *form = open_form (f, NULL);
  GtkWidget *answered = CHILD (form, "answered_row");
  GtkWidget *save = CHILD (form, "save_button");
  AdwMessageDialog *dialog;
  guint flips = 0;

  type_digit (form, GDK_KEY_4);
  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  sp_test_ui_set_text (answered, "+5");
  g_assert_null (sp_form_get_problem (SP_FORM (form)));

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();
  dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save These Times?");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "The survey was answered in the future."));
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sp_test_ui_flush ();
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM surveys"), ==, 0);

  gtk_widget_grab_focus (answered);
  sp_test_ui_flush ();
  sp_test_ui_set_text (answered, "yesterday 10:00");
  g_signal_connect (save, "notify::sensitive", G_CALLBACK (count_cb), &flips);
  gtk_widget_grab_focus (save);
  sp_test_ui_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (answered)), ==, "2026-10-13 10:00");
  g_assert_cmpuint (flips, ==, 0);
  g_signal_handlers_disconnect_by_func (save, count_cb, &flips);

  g_signal_emit_by_name (save, "clicked");
  sp_test_ui_flush ();
  g_assert_null (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT answered_at FROM surveys"), ==,
                   sp_test_time ("2026-10-13 10:00"));
}

/* Linked to a contact, the answer takes its customer, agent, channel and topic */
static void
test_linked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SpContact) c = sp_contact_new ();
  g_autoptr(SpContact) other = sp_contact_new ();
  g_autoptr(SpSurvey) saved = NULL;
  g_autoptr(GError) error = NULL;
  SpSurveyForm *form;
  GtkListBox *list;

  c->received_at = sp_test_time ("2026-10-14 09:30");
  c->channel = SP_CHANNEL_EMAIL;
  sp_contact_set_agent_name (c, "Ben");
  sp_contact_set_customer_name (c, "Dana Becker");
  sp_contact_set_category_name (c, "Billing");
  g_assert_true (sp_store_save_contact (f->store, c, &error));
  other->received_at = sp_test_time ("2026-10-14 11:00");
  sp_contact_set_agent_name (other, "Ana");
  sp_contact_set_customer_name (other, "Cy");
  g_assert_true (sp_store_save_contact (f->store, other, &error));

  form = open_form (f, NULL);

  /* pick it from the recent contacts, by searching */
  gtk_menu_button_popup (GTK_MENU_BUTTON (CHILD (form, "contact_button")));
  sp_test_ui_flush ();
  list = GTK_LIST_BOX (CHILD (form, "contact_list"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  sp_test_ui_set_text (CHILD (form, "contact_search"), "becker");
  /* after the search's delay */
  sp_test_wait_until (gtk_list_box_get_row_at_index (list, 1) == NULL);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (list, 0), "activate");
  sp_test_ui_flush ();

  g_assert_false (gtk_widget_get_sensitive (CHILD (form, "agent_row")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "agent_row"))), ==, "Ben");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "customer_row"))), ==,
                   "Dana Becker");
  g_assert_true (gtk_widget_get_visible (CHILD (form, "unlink_button")));

  g_signal_emit_by_name (score_button (form, 2), "clicked");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  saved = sp_store_load_survey (f->store, sp_test_query_int (f->store, "SELECT id FROM surveys"),
                               NULL);
  g_assert_cmpint (saved->contact_id, ==, c->id);
  g_assert_cmpstr (saved->agent_name, ==, "Ben");
  g_assert_cmpstr (saved->customer_name, ==, "Dana Becker");
  g_assert_cmpstr (saved->category_name, ==, "Billing");
  g_assert_cmpint (saved->channel, ==, SP_CHANNEL_EMAIL);
  g_assert_cmpint (saved->score, ==, 2);

  /* editing: unlinking lets the fields be typed again */
  form = open_form (f, saved);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (form)), ==, "Edit Survey Answer");
  g_assert_true (gtk_toggle_button_get_active (score_button (form, 2)));
  g_signal_emit_by_name (CHILD (form, "unlink_button"), "clicked");
  sp_test_ui_flush ();
  g_assert_true (gtk_widget_get_sensitive (CHILD (form, "agent_row")));
  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  g_clear_object (&saved);
  saved = sp_store_load_survey (f->store, sp_test_query_int (f->store, "SELECT id FROM surveys"),
                               NULL);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM surveys"), ==, 1);
  g_assert_cmpint (saved->contact_id, ==, 0);
  g_assert_cmpstr (saved->agent_name, ==, "Ana");
  g_assert_cmpstr (saved->customer_name, ==, "Dana Becker");
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/survey-form/record", test_record);
  ADD ("/survey-form/linked", test_linked);
  ADD ("/survey-form/future-and-click", test_future_and_click);

  return g_test_run ();
}
