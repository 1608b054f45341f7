/* test-conflict-ui.c: a record changed by someone else while its form was
 * open: the form keeps what was typed, shows both versions, and keeps
 * theirs or saves this one as the owner says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-contact-form.h"
#include "sp-shifts-form.h"
#include "sp-survey-form.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"

typedef struct
{
  char    *dir;
  SpStore *store;   /* the form's */
  SpStore *other;   /* someone else's: another window, the command line */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sp_test_store_open (&f->dir, &f->store);
  f->other = sp_store_open (sp_store_get_path (f->store), SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  sp_time_override_now (sp_test_time ("2026-10-14 10:42"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  g_clear_object (&f->other);
  sp_test_store_close (&f->dir, &f->store);
  sp_time_override_now (SP_TIME_NONE);
}

/* The texts of the labels under @widget, in order, joined with "|" */
static void
append_labels (GtkWidget *widget,
               GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_string_append_printf (out, "%s|", gtk_label_get_label (GTK_LABEL (child)));
      append_labels (child, out);
    }
}

static char *
dup_labels (GtkWidget *widget)
{
  GString *out = g_string_new ("|");

  if (widget != NULL)
    append_labels (widget, out);
  return g_string_free (out, FALSE);
}

/* The question about the other version, with what it lists */
static AdwMessageDialog *
conflict_dialog (char **listed)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changed by Someone Else");
  g_assert_true (adw_message_dialog_has_response (dialog, "theirs"));
  g_assert_true (adw_message_dialog_has_response (dialog, "mine"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "theirs"), ==, "_Keep Theirs");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "mine"), ==, "_Save Mine");
  *listed = dup_labels (adw_message_dialog_get_extra_child (dialog));
  return dialog;
}

/* As its button does: answer, then close */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sp_test_ui_flush ();
}

#define CONTACT_CHILD(form, name) sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, name)

static SpContact *
save_contact (SpStore *store)
{
  SpContact *c = sp_contact_new ();
  g_autoptr(GError) error = NULL;

  c->received_at = sp_test_time ("2026-10-14 09:00");
  c->channel = SP_CHANNEL_PHONE;
  sp_contact_set_agent_name (c, "Ana");
  sp_contact_set_customer_name (c, "Bob");
  sp_contact_set_note (c, "Called about the invoice");
  g_assert_true (sp_store_save_contact (store, c, &error));
  g_assert_no_error (error);
  return c;
}

static SpContactForm *
open_contact_form (Fixture   *f,
                   SpContact *c)
{
  SpContactForm *form = sp_contact_form_new (f->store, c);

  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  return form;
}

/* Someone else saves the contact: a new customer and another note */
static void
change_contact_elsewhere (Fixture    *f,
                          gint64      id,
                          const char *note)
{
  g_autoptr(SpContact) theirs = NULL;
  g_autoptr(GError) error = NULL;

  theirs = sp_store_load_contact (f->other, id, &error);
  g_assert_no_error (error);
  sp_contact_set_customer_name (theirs, "Dana");
  theirs->customer_id = 0;
  sp_contact_set_note (theirs, note);
  g_assert_true (sp_store_save_contact (f->other, theirs, &error));
  g_assert_no_error (error);
}

static char *
stored_note (Fixture *f)
{
  return sp_test_query_text (f->store, "SELECT note FROM contacts");
}

/* Save: refused, both versions shown; Save Mine saves what was typed over theirs */
static void
test_contact_save_mine (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SpContact) c = save_contact (f->store);
  g_autoptr(SpContact) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *note = NULL;
  SpContactForm *form = open_contact_form (f, c);
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);

  change_contact_elsewhere (f, c->id, "Customer will call back");

  sp_test_ui_set_text (CONTACT_CHILD (form, "note_row"), "Invoice sent twice");
  sp_test_ui_set_text (CONTACT_CHILD (form, "talk_entry"), "4");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  /* nothing saved, nothing typed lost, and the question asked */
  g_assert_nonnull (form);
  note = stored_note (f);
  g_assert_cmpstr (note, ==, "Customer will call back");
  g_clear_pointer (&note, g_free);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CONTACT_CHILD (form, "note_row"))), ==,
                   "Invoice sent twice");
  dialog = conflict_dialog (&listed);
  sp_assert_contains (adw_message_dialog_get_body (dialog),
                      "Someone else changed this contact after you opened it.");
  /* each field that differs: theirs, then what was typed here; the same ones are not listed */
  sp_assert_contains (listed, "|Customer|Theirs|Dana|Yours|Bob|");
  sp_assert_contains (listed, "|Talk minutes|Theirs|(empty)|Yours|4|");
  sp_assert_contains (listed, "|Note|Theirs|Customer will call back|Yours|Invoice sent twice|");
  sp_assert_not_contains (listed, "Agent");
  sp_assert_not_contains (listed, "Received");

  /* saved again meanwhile: Save Mine asks again about that version */
  change_contact_elsewhere (f, c->id, "Customer called back");
  respond (dialog, "mine");
  g_assert_nonnull (form);
  g_clear_pointer (&listed, g_free);
  dialog = conflict_dialog (&listed);
  sp_assert_contains (listed, "|Note|Theirs|Customer called back|Yours|Invoice sent twice|");

  respond (dialog, "mine");
  g_assert_null (form);
  g_assert_null (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  back = sp_store_load_contact (f->other, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->note, ==, "Invoice sent twice");
  g_assert_cmpstr (back->customer_name, ==, "Bob");
  g_assert_cmpfloat (back->talk_min, ==, 4);
  g_assert_cmpint (back->revision, ==, 3);
}

/* Keep Theirs: the form shows their version, and saves on from it */
static void
test_contact_keep_theirs (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SpContact) c = save_contact (f->store);
  g_autofree char *listed = NULL;
  g_autofree char *note = NULL;
  SpContactForm *form = open_contact_form (f, c);
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);

  change_contact_elsewhere (f, c->id, "Customer will call back");

  sp_test_ui_set_text (CONTACT_CHILD (form, "note_row"), "Invoice sent twice");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  dialog = conflict_dialog (&listed);
  respond (dialog, "theirs");

  /* their version, in the form still open; nothing written */
  g_assert_nonnull (form);
  g_assert_null (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CONTACT_CHILD (form, "note_row"))), ==,
                   "Customer will call back");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CONTACT_CHILD (form, "customer_row"))),
                   ==, "Dana");
  g_assert_false (sp_form_get_dirty (SP_FORM (form)));
  note = stored_note (f);
  g_assert_cmpstr (note, ==, "Customer will call back");
  g_clear_pointer (&note, g_free);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT revision FROM contacts"), ==, 1);

  /* an edit of their version saves without a question */
  sp_test_ui_set_text (CONTACT_CHILD (form, "note_row"), "Customer will call back on Monday");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();
  g_assert_null (form);
  g_assert_null (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  note = stored_note (f);
  g_assert_cmpstr (note, ==, "Customer will call back on Monday");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT revision FROM contacts"), ==, 2);
}

/* A contact opened and saved as it was: nothing written, so it counts as no one's edit, and
 * what someone else saved meanwhile stays without a question */
static void
test_contact_unchanged (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SpContact) c = save_contact (f->store);
  g_autofree char *note = NULL;
  SpContactForm *form = open_contact_form (f, c);

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();
  g_assert_null (form);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT revision FROM contacts"), ==, 0);

  form = open_contact_form (f, c);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  change_contact_elsewhere (f, c->id, "Customer will call back");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();
  g_assert_null (form);
  g_assert_null (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  note = stored_note (f);
  g_assert_cmpstr (note, ==, "Customer will call back");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT revision FROM contacts"), ==, 1);
}

/* Escape: back to the form, nothing lost and nothing saved; saving asks again */
static void
test_contact_escape (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SpContact) c = save_contact (f->store);
  g_autofree char *listed = NULL;
  g_autofree char *note = NULL;
  SpContactForm *form = open_contact_form (f, c);
  AdwMessageDialog *dialog;

  change_contact_elsewhere (f, c->id, "Customer will call back");
  sp_test_ui_set_text (CONTACT_CHILD (form, "note_row"), "Invoice sent twice");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  dialog = conflict_dialog (&listed);
  gtk_window_close (GTK_WINDOW (dialog));
  sp_test_ui_flush ();

  g_assert_null (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_true (sp_form_get_dirty (SP_FORM (form)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CONTACT_CHILD (form, "note_row"))), ==,
                   "Invoice sent twice");
  note = stored_note (f);
  g_assert_cmpstr (note, ==, "Customer will call back");

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();
  g_clear_pointer (&listed, g_free);
  conflict_dialog (&listed);
  sp_assert_contains (listed, "|Note|Theirs|Customer will call back|Yours|Invoice sent twice|");
}

/* Deleted while open: said plainly, and the form stays with what was typed */
static void
test_contact_deleted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SpContact) c = save_contact (f->store);
  g_autoptr(GError) error = NULL;
  SpContactForm *form = open_contact_form (f, c);
  AdwMessageDialog *dialog;

  g_assert_true (sp_store_delete_contact (f->other, c->id, &error));
  g_assert_no_error (error);

  sp_test_ui_set_text (CONTACT_CHILD (form, "note_row"), "Invoice sent twice");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  dialog = ADW_MESSAGE_DIALOG (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Not Saved");
  sp_assert_contains (adw_message_dialog_get_body (dialog), "no longer exists");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CONTACT_CHILD (form, "note_row"))), ==,
                   "Invoice sent twice");
}

#define SURVEY_CHILD(form, name) sp_test_ui_child (form, SP_TYPE_SURVEY_FORM, name)

static void
click_score (SpSurveyForm *form,
             int           score)
{
  g_autofree char *label = g_strdup_printf ("%d", score);
  GtkWidget *button = sp_test_ui_find (SURVEY_CHILD (form, "score_box"), GTK_TYPE_TOGGLE_BUTTON,
                                       label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  sp_test_ui_flush ();
}

static SpSurveyForm *
open_survey_form (Fixture *f,
                  gint64  *id)
{
  g_autoptr(SpSurvey) s = sp_survey_new ();
  g_autoptr(SpSurvey) theirs = NULL;
  g_autoptr(GError) error = NULL;
  SpSurveyForm *form;

  s->answered_at = sp_test_time ("2026-10-14 10:00");
  s->kind = SP_SURVEY_CSAT;
  s->score = 4;
  sp_survey_set_customer_name (s, "Cy Ruiz");
  g_assert_true (sp_store_save_survey (f->store, s, &error));
  g_assert_no_error (error);
  *id = s->id;

  form = sp_survey_form_new (f->store, s);
  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));

  /* someone else: a lower score and a comment */
  theirs = sp_store_load_survey (f->other, s->id, &error);
  g_assert_no_error (error);
  theirs->score = 2;
  sp_survey_set_comment (theirs, "Waited too long");
  g_assert_true (sp_store_save_survey (f->other, theirs, &error));
  g_assert_no_error (error);

  /* here: the top score */
  click_score (form, 5);
  return form;
}

static void
test_survey_save_mine (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SpSurvey) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  gint64 id;
  SpSurveyForm *form = open_survey_form (f, &id);
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  g_assert_nonnull (form);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT score FROM surveys"), ==, 2);
  g_assert_cmpint (sp_survey_form_get_score (form), ==, 5);
  dialog = conflict_dialog (&listed);
  sp_assert_contains (adw_message_dialog_get_body (dialog),
                      "Someone else changed this survey answer after you opened it.");
  sp_assert_contains (listed, "|Score|Theirs|2|Yours|5|");
  sp_assert_contains (listed, "|Comment|Theirs|Waited too long|Yours|(empty)|");
  sp_assert_not_contains (listed, "Customer");

  respond (dialog, "mine");
  g_assert_null (form);
  back = sp_store_load_survey (f->other, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->score, ==, 5);
  g_assert_null (back->comment);
  g_assert_cmpint (back->revision, ==, 2);
}

/* A survey answer opened and saved as it was: nothing written, theirs stays */
static void
test_survey_unchanged (Fixture       *f,
                       gconstpointer  data)
{
  gint64 id;
  SpSurveyForm *form = open_survey_form (f, &id);

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  /* the score clicked back to what the form opened with */
  click_score (form, 4);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  g_assert_null (form);
  g_assert_null (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT score FROM surveys"), ==, 2);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT revision FROM surveys"), ==, 1);
}

static void
test_survey_keep_theirs (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *listed = NULL;
  gint64 id;
  SpSurveyForm *form = open_survey_form (f, &id);
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();
  dialog = conflict_dialog (&listed);
  respond (dialog, "theirs");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_cmpint (sp_survey_form_get_score (form), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (SURVEY_CHILD (form, "comment_row"))), ==,
                   "Waited too long");
  g_assert_false (sp_form_get_dirty (SP_FORM (form)));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT score FROM surveys"), ==, 2);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT revision FROM surveys"), ==, 1);
}

static void
add_shift (SpStore    *store,
           const char *day,
           double      hours)
{
  g_autoptr(SpShift) shift = sp_shift_new_full (sp_test_date (day), "Ana", hours);
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_save_shift (store, shift, &error));
  g_assert_no_error (error);
}

static double
stored_hours (Fixture    *f,
              const char *day)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sum (available_hours), 0) FROM shifts"
                                          " WHERE date = %d", sp_test_date (day));

  return sp_test_query_double (f->store, sql);
}

/* The week of 12 October: Ana works Monday and Tuesday; then someone else changes
 * Monday and adds Wednesday, and here Monday and Wednesday are typed too */
static SpShiftsForm *
open_shifts_form (Fixture *f)
{
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GError) error = NULL;
  SpShiftsForm *form;
  SpShift *monday;

  add_shift (f->store, "2026-10-12", 8);
  add_shift (f->store, "2026-10-13", 8);

  form = sp_shifts_form_new (f->store);
  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  g_assert_cmpstr (gtk_editable_get_text (sp_shifts_form_get_cell (form, "Ana", 1)), ==, "8");

  shifts = sp_store_list_shifts (f->other, sp_test_date ("2026-10-12"),
                                 sp_test_date ("2026-10-12"), 0, &error);
  g_assert_no_error (error);
  monday = shifts->pdata[0];
  monday->available_hours = 4;
  g_assert_true (sp_store_save_shift (f->other, monday, &error));
  g_assert_no_error (error);
  add_shift (f->other, "2026-10-14", 6);

  sp_test_ui_set_text (sp_shifts_form_get_cell (form, "Ana", 1), "6");
  sp_test_ui_set_text (sp_shifts_form_get_cell (form, "Ana", 3), "5");
  return form;
}

static void
test_shifts_save_mine (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *listed = NULL;
  SpShiftsForm *form = open_shifts_form (f);
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  /* nothing of the week saved */
  g_assert_nonnull (form);
  g_assert_cmpfloat (stored_hours (f, "2026-10-12"), ==, 4);
  g_assert_cmpfloat (stored_hours (f, "2026-10-14"), ==, 6);
  dialog = conflict_dialog (&listed);
  sp_assert_contains (adw_message_dialog_get_body (dialog),
                      "Someone else changed these shifts after you opened them.");
  sp_assert_contains (listed, "|Ana, Mon 12|Theirs|4|Yours|6|");
  sp_assert_contains (listed, "|Ana, Wed 14|Theirs|6|Yours|5|");
  sp_assert_not_contains (listed, "Tue");

  respond (dialog, "mine");
  g_assert_null (form);
  g_assert_cmpfloat (stored_hours (f, "2026-10-12"), ==, 6);
  g_assert_cmpfloat (stored_hours (f, "2026-10-13"), ==, 8);
  g_assert_cmpfloat (stored_hours (f, "2026-10-14"), ==, 5);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM shifts"), ==, 3);
}

static void
test_shifts_keep_theirs (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *listed = NULL;
  SpShiftsForm *form = open_shifts_form (f);
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();
  dialog = conflict_dialog (&listed);
  respond (dialog, "theirs");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_cmpstr (gtk_editable_get_text (sp_shifts_form_get_cell (form, "Ana", 1)), ==, "4");
  g_assert_cmpstr (gtk_editable_get_text (sp_shifts_form_get_cell (form, "Ana", 3)), ==, "6");
  g_assert_false (sp_form_get_dirty (SP_FORM (form)));
  g_assert_cmpfloat (stored_hours (f, "2026-10-12"), ==, 4);
  g_assert_cmpfloat (stored_hours (f, "2026-10-14"), ==, 6);
}

/* A day changed elsewhere that was not touched here is no conflict, and stays theirs */
static void
test_shifts_other_days (Fixture       *f,
                        gconstpointer  data)
{
  SpShiftsForm *form;

  add_shift (f->store, "2026-10-12", 8);
  form = sp_shifts_form_new (f->store);
  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);

  add_shift (f->other, "2026-10-12", 3);
  sp_test_ui_set_text (sp_shifts_form_get_cell (form, "Ana", 4), "7");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  g_assert_null (form);
  g_assert_null (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpfloat (stored_hours (f, "2026-10-12"), ==, 3);
  g_assert_cmpfloat (stored_hours (f, "2026-10-15"), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/conflict-ui/contact-save-mine", test_contact_save_mine);
  ADD ("/conflict-ui/contact-keep-theirs", test_contact_keep_theirs);
  ADD ("/conflict-ui/contact-escape", test_contact_escape);
  ADD ("/conflict-ui/contact-unchanged", test_contact_unchanged);
  ADD ("/conflict-ui/contact-deleted", test_contact_deleted);
  ADD ("/conflict-ui/survey-save-mine", test_survey_save_mine);
  ADD ("/conflict-ui/survey-keep-theirs", test_survey_keep_theirs);
  ADD ("/conflict-ui/survey-unchanged", test_survey_unchanged);
  ADD ("/conflict-ui/shifts-save-mine", test_shifts_save_mine);
  ADD ("/conflict-ui/shifts-keep-theirs", test_shifts_keep_theirs);
  ADD ("/conflict-ui/shifts-other-days", test_shifts_other_days);

  return g_test_run ();
}
