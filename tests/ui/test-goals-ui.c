/* test-goals-ui.c: the goal editor sets the articles' example goal, the list
 * and the goal page show it, and it can be noted on and closed
 *
 * Seed 002's example: "improve your FCR rate for billing inquiries from 65 %
 * to 75 % within the next quarter".  On 1 December 2026 the Billing topic
 * has 26 of 40 first contacts resolved in September–November (65 %);
 * Returns, resolved every time, must not count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sp-dashboard-page.h"
#include "sp-goals-page.h"
#include "sp-review-page.h"
#include "sp-test-ui.h"
#include "sp-widget.h"
#include "sp-test-util.h"
#include "sp-window.h"

/* Any widget by its type or title; buttons and labels on screen by their text */
#define find_type(root, type)    sp_test_ui_find ((root), (type), NULL)
#define find_row(root, title)    sp_test_ui_find ((root), ADW_TYPE_PREFERENCES_ROW, (title))
#define find_button(root, label) sp_test_ui_find_shown ((root), GTK_TYPE_BUTTON, (label))
#define find_label(root, text)   sp_test_ui_find_shown ((root), GTK_TYPE_LABEL, (text))
#define find_toplevel(type)      ((gpointer) sp_test_ui_find_toplevel (type))

/* What a click does (gtk_widget_activate() would wait for the press animation) */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  sp_test_ui_flush ();
}

/* The list is computed on a thread */
static GPtrArray *
wait_for_goals (SpGoalsPage *page)
{
  sp_test_wait_until (sp_goals_page_get_goals (page) != NULL);
  sp_test_ui_flush ();

  return sp_goals_page_get_goals (page);
}

/* A goal's figures are computed on a thread too */
static void
wait_for_view (SpGoalView *view)
{
  sp_test_wait_until (!sp_goal_view_is_loading (view));
  sp_test_ui_flush ();
}

/* Chooses the item of a combo row by its text */
static void
choose (GtkWidget  *root,
        const char *row_title,
        const char *item)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (root, row_title));
  GListModel *model;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) obj = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (obj), item))
        {
          adw_combo_row_set_selected (row, i);
          sp_test_ui_flush ();
          return;
        }
    }

  g_error ("no item “%s” in the row “%s”", item, row_title);
}

static void
add_billing_and_returns (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (sp_store_begin (store, &error));
  for (guint i = 0; i < 80; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();
      gboolean billing = i < 40;

      /* spread over September – November, one every 27 hours */
      c->received_at = sp_test_time ("2026-09-01 09:00") + (SpTime) (i % 40) * 27 * 3600 + i;
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, "Ana");
      sp_contact_set_category_name (c, billing ? "Billing" : "Returns");
      c->first_response_at = c->received_at + 60;
      c->resolved_at = c->received_at + 600;
      c->resolved_first_contact = billing ? i < 26 : TRUE;
      g_assert_true (sp_store_save_contact (store, c, &error));
    }
  g_assert_true (sp_store_commit (store, &error));
  g_assert_no_error (error);
}

typedef struct
{
  char        *dir;
  char        *path;
  SpWindow    *window;
  SpGoalsPage *page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sp_time_override_now (sp_test_time ("2026-12-01 10:00"));
  f->dir = sp_test_make_dir ();
  f->path = sp_test_db_path (f->dir);
  add_billing_and_returns (f->path);

  f->window = sp_window_new (NULL, f->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (GTK_WIDGET (f->window));

  sp_window_show_page (f->window, "goals");
  sp_test_ui_flush ();
  f->page = SP_GOALS_PAGE (find_type (GTK_WIDGET (f->window), SP_TYPE_GOALS_PAGE));
  g_assert_nonnull (f->page);
  g_assert_cmpuint (wait_for_goals (f->page)->len, ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  sp_test_ui_flush ();
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  sp_time_override_now (SP_TIME_NONE);
}

#define SENTENCE "Raise first contact resolution for Billing from 65 % to 75 % by 31 March 2027"

/* Fills the editor as the owner would and sets the goal */
static void
set_example_goal (Fixture *f)
{
  SpGoalEditor *editor;
  GtkWidget *root, *button, *sentence;
  GtkSpinButton *target;

  /* the empty state offers the first goal */
  button = find_button (GTK_WIDGET (f->page), "_New Goal");
  g_assert_nonnull (button);
  g_assert_nonnull (find_label (GTK_WIDGET (f->page), "No Goals Yet"));
  click (button);

  editor = find_toplevel (SP_TYPE_GOAL_EDITOR);
  g_assert_nonnull (editor);
  sp_test_ui_wait_mapped (GTK_WIDGET (editor));
  root = GTK_WIDGET (editor);

  /* Specific */
  choose (root, "_KPI", "First contact resolution");
  choose (root, "_For", "One topic");
  choose (root, "_Topic", "Billing");
  sp_goal_editor_flush (editor);
  sp_test_ui_flush ();

  /* Measurable: the baseline of September–November, Billing only */
  g_assert_cmpfloat (sp_goal_editor_get_baseline (editor), ==, 65);
  g_assert_nonnull (find_label (root, "65 %"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (root, "Baseline"))),
                   ==, "1 September – 30 November 2026 · 40 first contacts");
  target = GTK_SPIN_BUTTON (find_type (root, GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (target, 75);
  sp_test_ui_flush ();

  /* Time-bound: from today to the end of the next quarter */
  button = find_button (root, "End of _next quarter");
  click (button);
  sp_goal_editor_flush (editor);
  sp_test_ui_flush ();

  /* Relevant: FCR serves operational efficiency */
  choose (root, "_Objective", "Improve operational efficiency");

  sentence = find_label (root, SENTENCE);
  g_assert_nonnull (sentence);

  /* Achievable: the checks are shown, whatever they say */
  g_assert_nonnull (sp_goal_editor_get_checks (editor));
  g_assert_nonnull (find_row (root, "Benchmarks"));

  click (find_button (root, "_Set Goal"));
  g_assert_null (find_toplevel (SP_TYPE_GOAL_EDITOR));
}

static void
test_editor_sets_example (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_window_get_store (f->window);
  SpGoalProgress *p;
  SpGoal *goal;

  set_example_goal (f);

  /* in the store as the widgets said it */
  goals = sp_store_list_goals (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (goals->len, ==, 1);
  goal = g_ptr_array_index (goals, 0);
  g_assert_cmpint (goal->kpi, ==, SP_KPI_FCR);
  g_assert_cmpint (goal->segment.kind, ==, SP_SEGMENT_CATEGORY);
  g_assert_cmpint (goal->segment.id, ==, sp_store_find_entity (store, SP_ENTITY_CATEGORY,
                                                              "Billing"));
  g_assert_cmpfloat (goal->target, ==, 75);
  g_assert_cmpint (goal->start, ==, sp_test_date ("2026-12-01"));
  g_assert_cmpint (goal->due, ==, sp_test_date ("2027-03-31"));
  g_assert_cmpint (goal->objective, ==, SP_GOAL_OBJECTIVE_EFFICIENCY);

  /* and in the list */
  g_assert_cmpuint (wait_for_goals (f->page)->len, ==, 1);
  p = g_ptr_array_index (sp_goals_page_get_goals (f->page), 0);
  g_assert_cmpfloat (p->baseline.value, ==, 65);
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_NO_DATA);
  g_assert_nonnull (find_label (GTK_WIDGET (f->page), SENTENCE));
  g_assert_nonnull (find_label (GTK_WIDGET (f->page), "Not enough data"));
  g_assert_null (find_label (GTK_WIDGET (f->page), "No Goals Yet"));
}

static void
test_goal_page (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_window_get_store (f->window);
  SpGoalView *view;
  GtkWidget *row, *note;
  AdwMessageDialog *dialog;
  gint64 id;

  set_example_goal (f);
  g_assert_cmpuint (wait_for_goals (f->page)->len, ==, 1);

  /* the row opens the goal's page */
  row = gtk_widget_get_ancestor (find_label (GTK_WIDGET (f->page), SENTENCE),
                                 GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  sp_test_ui_flush ();

  view = sp_goals_page_get_goal_view (f->page);
  sp_test_ui_wait_mapped (GTK_WIDGET (view));
  wait_for_view (view);
  id = sp_goal_view_get_goal_id (view);
  g_assert_cmpint (id, >, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Not enough data"));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "65 %"));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "75 %"));

  /* a review note keeps the day */
  note = find_row (GTK_WIDGET (view), "_New note");
  g_assert_nonnull (note);
  gtk_editable_set_text (GTK_EDITABLE (note), "Billing FAQ on the counter");
  g_signal_emit_by_name (note, "apply");
  sp_test_ui_flush ();
  wait_for_view (view);
  notes = sp_store_list_goal_notes (store, id, &error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((SpGoalNote *) notes->pdata[0])->text, ==, "Billing FAQ on the counter");
  g_assert_cmpint (((SpGoalNote *) notes->pdata[0])->day, ==, sp_test_date ("2026-12-01"));
  g_assert_nonnull (find_row (GTK_WIDGET (view), "Billing FAQ on the counter"));

  /* closing asks why, and keeps it */
  gtk_widget_activate_action (GTK_WIDGET (view), "goal.close", NULL);
  sp_test_ui_flush ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Close the Goal?");
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog),
                                                 "_Why is it closed? (optional)")),
                         "Billing moves to the accountant");
  adw_message_dialog_response (dialog, "close");
  sp_test_ui_flush ();
  wait_for_view (view);

  events = sp_store_list_goal_events (store, id, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (((SpGoalEvent *) events->pdata[1])->kind, ==, SP_GOAL_EVENT_CLOSED);
  g_assert_cmpstr (((SpGoalEvent *) events->pdata[1])->reason, ==,
                   "Billing moves to the accountant");
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Closed"));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (view), "_Adjust…")));

  /* back to the list, where it is under the closed goals */
  gtk_widget_activate_action (GTK_WIDGET (view), "goals.back", NULL);
  g_assert_cmpint (((SpGoalProgress *) wait_for_goals (f->page)->pdata[0])->status, ==,
                   SP_GOAL_STATUS_CLOSED);
  g_assert_nonnull (find_label (GTK_WIDGET (f->page), "Closed and Abandoned"));
}

/* A goal that needs the owner leads the dashboard, and opens its page */
static void
test_dashboard (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SpGoal) goal = NULL;
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_window_get_store (f->window);
  GtkWidget *dashboard, *label = NULL, *row, *list;
  SpSegment billing;
  const char *sentence = "Raise first contact resolution for Billing to 90 % by 30 November 2026";

  /* Billing resolved 26 of 40 in September and October: missed by 1 December */
  sp_segment_init_category (&billing, sp_store_find_entity (store, SP_ENTITY_CATEGORY,
                                                            "Billing"));
  goal = sp_goal_new (SP_KPI_FCR, &billing, 90, sp_test_date ("2026-09-01"),
                      sp_test_date ("2026-11-30"));
  g_assert_true (sp_store_save_goal (store, goal, &error));
  g_assert_no_error (error);

  sp_window_show_page (f->window, "dashboard");
  dashboard = find_type (GTK_WIDGET (f->window), SP_TYPE_DASHBOARD_PAGE);
  g_assert_nonnull (dashboard);
  sp_test_wait_until ((label = find_label (dashboard, sentence)) != NULL);
  g_assert_nonnull (label);
  g_assert_nonnull (find_label (dashboard, "Missed"));

  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  list = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX);
  g_signal_emit_by_name (list, "row-activated", row);
  sp_test_ui_flush ();

  g_assert_cmpint (sp_goal_view_get_goal_id (sp_goals_page_get_goal_view (f->page)), ==,
                   goal->id);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (sp_goals_page_get_goal_view (f->page))));
}

static GtkWidget *
find_check (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_CHECK_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_widget_get_tooltip_text (child), "Aim for this target") == 0)
        return child;
      if ((found = find_check (child)))
        return found;
    }
  return NULL;
}

/* A quarterly review's ticked target becomes a goal for next quarter, once */
static void
test_review_makes_goals (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_window_get_store (f->window);
  SpDashboardPage *dashboard;
  SpReviewPage *review;
  GtkWidget *check = NULL, *button;
  SpPeriod next;
  SpGoal *goal;

  sp_window_show_page (f->window, "dashboard");
  dashboard = SP_DASHBOARD_PAGE (find_type (GTK_WIDGET (f->window), SP_TYPE_DASHBOARD_PAGE));
  sp_test_ui_flush ();
  sp_dashboard_page_open_review (dashboard, SP_REVIEW_QUARTERLY);
  review = sp_dashboard_page_get_review_page (dashboard);
  sp_test_wait_until ((check = find_check (GTK_WIDGET (review))) != NULL);
  g_assert_nonnull (check);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  sp_test_ui_flush ();
  /* on 1 December the review is of Q3; Q4 is nearly over, so the goals are for Q1 2027 */
  next = sp_review_shift_period (SP_REVIEW_QUARTERLY, sp_review_page_get_period (review), 2);
  g_assert_cmpint (next.from, ==, sp_test_date ("2027-01-01"));
  g_assert_cmpint (next.to, ==, sp_test_date ("2027-03-31"));

  button = find_button (GTK_WIDGET (review), "Set as _Goals");
  click (button);
  click (button);

  goals = sp_store_list_goals (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (goals->len, ==, 1);
  goal = g_ptr_array_index (goals, 0);
  g_assert_cmpint (goal->start, ==, next.from);
  g_assert_cmpint (goal->due, ==, next.to);
  g_assert_cmpint (goal->segment.kind, ==, SP_SEGMENT_ALL);
  g_assert_true (sp_goal_validate (goal, NULL));
}

/* A due date that is no day is said at the field and refused; the sentence stays whole */
static void
test_editor_bad_due (Fixture       *f,
                     gconstpointer  data)
{
  SpGoalEditor *editor;
  GtkWidget *due, *sentence, *error_label;
  const char *text;

  click (find_button (GTK_WIDGET (f->page), "_New Goal"));
  editor = find_toplevel (SP_TYPE_GOAL_EDITOR);
  sp_test_ui_wait_mapped (GTK_WIDGET (editor));
  due = sp_test_ui_child (editor, SP_TYPE_GOAL_EDITOR, "due_entry");
  sentence = sp_test_ui_child (editor, SP_TYPE_GOAL_EDITOR, "sentence_label");
  error_label = sp_test_ui_child (editor, SP_TYPE_GOAL_EDITOR, "error_label");
  g_assert_true (sp_test_ui_is_enabled (GTK_WIDGET (editor), "editor.save"));

  sp_test_ui_set_text (due, "2027-02-31");
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (sp_test_ui_child (
                     editor, SP_TYPE_GOAL_EDITOR, "due_row"))), ==,
                   "“2027-02-31” is not a day of the calendar");
  text = gtk_label_get_label (GTK_LABEL (sentence));
  g_assert_false (g_str_has_suffix (text, " by "));
  g_assert_null (strstr (text, "  "));
  g_assert_null (strstr (text, " by "));
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (editor), "editor.save"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (sp_test_ui_child (editor, SP_TYPE_GOAL_EDITOR,
                                                                  "save_button")), ==,
                   "Due date: “2027-02-31” is not a day of the calendar");

  /* Ctrl+Enter refuses with the reason */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  sp_test_ui_flush ();
  g_assert_nonnull (find_toplevel (SP_TYPE_GOAL_EDITOR));

  sp_test_ui_set_text (due, "3000-01-01");
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (editor), "editor.save"));
  g_assert_false (gtk_widget_get_visible (error_label));

  /* a real day: the date is back in the sentence */
  sp_test_ui_set_text (due, "2027-03-31");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (sentence)), " by "));
  g_assert_true (sp_test_ui_is_enabled (GTK_WIDGET (editor), "editor.save"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (sp_test_ui_child (
                     editor, SP_TYPE_GOAL_EDITOR, "due_row"))), !=,
                   "“2027-02-31” is not a day of the calendar");

  gtk_window_destroy (GTK_WINDOW (editor));
  sp_test_ui_flush ();
}

/*
 * A new goal proposes the end of the next quarter; the units stand beside the
 * numbers; the calendar sets the due date; Escape with changes asks first.
 */
static void
test_editor_escape_asks (Fixture       *f,
                         gconstpointer  data)
{
  SpGoalEditor *editor;
  GtkWidget *root;
  GtkWidget *unit;
  GtkCalendar *calendar;
  AdwMessageDialog *dialog;
  g_autoptr(GDateTime) day = NULL;

  /* untouched, Escape closes at once */
  click (find_button (GTK_WIDGET (f->page), "_New Goal"));
  editor = find_toplevel (SP_TYPE_GOAL_EDITOR);
  sp_test_ui_wait_mapped (GTK_WIDGET (editor));
  g_assert_false (sp_goal_editor_get_dirty (editor));

  /* on 1 December the quarter is nearly over: the proposal is the end of the next one */
  g_assert_cmpint (sp_goal_editor_get_goal (editor)->start, ==, sp_test_date ("2026-12-01"));
  g_assert_cmpint (sp_goal_editor_get_goal (editor)->due, ==, sp_test_date ("2027-03-31"));

  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (editor), "Escape"));
  g_assert_null (find_toplevel (SP_TYPE_GOAL_EDITOR));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  click (find_button (GTK_WIDGET (f->page), "_New Goal"));
  editor = find_toplevel (SP_TYPE_GOAL_EDITOR);
  sp_test_ui_wait_mapped (GTK_WIDGET (editor));
  root = GTK_WIDGET (editor);
  unit = sp_test_ui_child (editor, SP_TYPE_GOAL_EDITOR, "unit_label");

  /* the unit beside the target, whatever the KPI */
  choose (root, "_KPI", "First contact resolution");
  g_assert_true (gtk_widget_get_visible (unit));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (unit)), ==, "%");
  choose (root, "_KPI", "Net Promoter Score");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (unit)), ==, "points");
  choose (root, "_KPI", "First response time");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (unit)), ==, "min");
  g_assert_true (sp_goal_editor_get_dirty (editor));

  /* a day on the calendar is the due date */
  calendar = GTK_CALENDAR (sp_test_ui_child (editor, SP_TYPE_GOAL_EDITOR, "due_calendar"));
  day = g_date_time_new_local (2027, 2, 26, 0, 0, 0);
  gtk_calendar_select_day (calendar, day);
  g_signal_emit_by_name (calendar, "day-selected");
  sp_test_ui_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sp_test_ui_child (editor,
                                                                           SP_TYPE_GOAL_EDITOR,
                                                                           "due_entry"))),
                   ==, "2027-02-26");
  g_assert_cmpint (sp_goal_editor_get_goal (editor)->due, ==, sp_test_date ("2027-02-26"));

  /* Escape asks; Keep Editing keeps it all */
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (editor), "Escape"));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard This Goal?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "keep");
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sp_test_ui_flush ();
  g_assert_nonnull (find_toplevel (SP_TYPE_GOAL_EDITOR));
  g_assert_cmpint (sp_goal_editor_get_goal (editor)->kpi, ==, SP_KPI_FIRST_RESPONSE);

  /* Discard drops it, and nothing is saved */
  gtk_window_close (GTK_WINDOW (editor));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, "discard");
  sp_test_ui_flush ();
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  sp_test_ui_flush ();
  g_assert_null (find_toplevel (SP_TYPE_GOAL_EDITOR));
  g_assert_cmpint (sp_test_query_int (sp_window_get_store (f->window),
                                      "SELECT count(*) FROM goals"), ==, 0);
}

/* Adjusting a goal: the target beside its unit, the due date from a calendar */
static void
test_adjust_calendar (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;
  SpStore *store = sp_window_get_store (f->window);
  SpGoalView *view;
  GtkWidget *row, *due, *button;
  GtkCalendar *calendar;
  AdwMessageDialog *dialog;

  set_example_goal (f);
  g_assert_cmpuint (wait_for_goals (f->page)->len, ==, 1);
  row = gtk_widget_get_ancestor (find_label (GTK_WIDGET (f->page), SENTENCE),
                                 GTK_TYPE_LIST_BOX_ROW);
  gtk_widget_activate (row);
  sp_test_ui_flush ();
  view = sp_goals_page_get_goal_view (f->page);
  sp_test_ui_wait_mapped (GTK_WIDGET (view));
  wait_for_view (view);

  gtk_widget_activate_action (GTK_WIDGET (view), "goal.adjust", NULL);
  sp_test_ui_flush ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);

  /* FCR is a percentage: "%" stands beside the target */
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "%"));

  /* the calendar opens on the due date, and a day chosen is written in the field */
  due = find_row (GTK_WIDGET (dialog), "_Due");
  g_assert_nonnull (due);
  button = sp_test_ui_find (due, GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "Choose the Due Date on a Calendar");
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  sp_test_ui_flush ();
  calendar = GTK_CALENDAR (sp_test_ui_find (button, GTK_TYPE_CALENDAR, NULL));
  g_assert_nonnull (calendar);
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);

    g_assert_cmpint (g_date_time_get_year (shown), ==, 2027);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 3);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 31);
  }
  day = g_date_time_new_local (2027, 4, 30, 0, 0, 0);
  gtk_calendar_select_day (calendar, day);
  g_signal_emit_by_name (calendar, "day-selected");
  sp_test_ui_flush ();
  {
    SpDate chosen = SP_DATE_NONE;

    /* written as the locale writes a day, and read back as that day */
    g_assert_true (sp_widget_get_date_entry (due, &chosen, NULL));
    g_assert_cmpint (chosen, ==, sp_test_date ("2027-04-30"));
  }

  adw_message_dialog_response (dialog, "adjust");
  sp_test_ui_flush ();
  wait_for_view (view);
  goals = sp_store_list_goals (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((SpGoal *) goals->pdata[0])->due, ==, sp_test_date ("2027-04-30"));
}

/* A new KPI gets a target of its own, not the number the last one had */
static void
test_editor_kpi_target (Fixture       *f,
                        gconstpointer  data)
{
  SpGoalEditor *editor;
  GtkWidget *root;
  GtkSpinButton *target;
  double sla = sp_store_get_sla_target (sp_window_get_store (f->window), SP_PRIORITY_NORMAL);

  click (find_button (GTK_WIDGET (f->page), "_New Goal"));
  editor = find_toplevel (SP_TYPE_GOAL_EDITOR);
  sp_test_ui_wait_mapped (GTK_WIDGET (editor));
  root = GTK_WIDGET (editor);
  target = GTK_SPIN_BUTTON (find_type (root, GTK_TYPE_SPIN_BUTTON));

  choose (root, "_KPI", "Customer satisfaction");
  gtk_spin_button_set_value (target, 85);
  sp_test_ui_flush ();

  /* all channels: the shop's own first response target, at once and once loaded */
  choose (root, "_KPI", "First response time");
  g_assert_cmpfloat (gtk_spin_button_get_value (target), ==, sla);
  sp_goal_editor_flush (editor);
  sp_test_ui_flush ();
  g_assert_cmpfloat (sp_goal_editor_get_goal (editor)->target, !=, 85);
  g_assert_null (find_label (root, "85 min"));

  /* back to a percentage: the benchmark's good level, not the minutes */
  gtk_spin_button_set_value (target, 3);
  sp_test_ui_flush ();
  choose (root, "_KPI", "First contact resolution");
  g_assert_cmpfloat (gtk_spin_button_get_value (target), >, 50);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The message dialog shown over @dialog */
static AdwMessageDialog *
other_message_dialog (AdwMessageDialog *dialog)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && l->data != (gpointer) dialog)
      return l->data;
  return NULL;
}

/* Escape in the Adjust dialog: at once when untouched, asking first when something was typed */
static void
test_adjust_escape_asks (Fixture       *f,
                         gconstpointer  data)
{
  SpGoalView *view;
  GtkWidget *row, *reason;
  AdwMessageDialog *dialog, *ask;
  gint64 events;

  set_example_goal (f);
  events = sp_test_query_int (sp_window_get_store (f->window), "SELECT count(*) FROM goal_events");
  g_assert_cmpuint (wait_for_goals (f->page)->len, ==, 1);
  row = gtk_widget_get_ancestor (find_label (GTK_WIDGET (f->page), SENTENCE),
                                 GTK_TYPE_LIST_BOX_ROW);
  gtk_widget_activate (row);
  sp_test_ui_flush ();
  view = sp_goals_page_get_goal_view (f->page);
  sp_test_ui_wait_mapped (GTK_WIDGET (view));
  wait_for_view (view);

  gtk_widget_activate_action (GTK_WIDGET (view), "goal.adjust", NULL);
  sp_test_ui_flush ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  sp_test_ui_wait_mapped (GTK_WIDGET (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  sp_test_ui_flush ();
  g_assert_null (dialog);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  gtk_widget_activate_action (GTK_WIDGET (view), "goal.adjust", NULL);
  sp_test_ui_flush ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  sp_test_ui_wait_mapped (GTK_WIDGET (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  reason = find_row (GTK_WIDGET (dialog), "_Why? (optional)");
  g_assert_nonnull (reason);
  sp_test_ui_set_text (reason, "Returns took the quarter");
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "Escape"));
  sp_test_ui_flush ();

  /* asked, with Keep Editing the default: the text stays */
  g_assert_nonnull (dialog);
  ask = other_message_dialog (dialog);
  g_assert_nonnull (ask);
  g_assert_cmpstr (adw_message_dialog_get_heading (ask), ==, "Discard the Adjustment?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ask), ==, "keep");
  adw_message_dialog_response (ask, "keep");
  gtk_window_destroy (GTK_WINDOW (ask));
  sp_test_ui_flush ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==,
                   "Returns took the quarter");

  /* discarded: gone, and the goal has no history */
  gtk_window_close (GTK_WINDOW (dialog));
  sp_test_ui_flush ();
  ask = other_message_dialog (dialog);
  g_assert_nonnull (ask);
  adw_message_dialog_response (ask, "discard");
  sp_test_ui_flush ();
  g_assert_null (dialog);
  g_assert_cmpint (sp_test_query_int (sp_window_get_store (f->window),
                                      "SELECT count(*) FROM goal_events"), ==, events);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/goals-ui/editor-sets-example", test_editor_sets_example);
  ADD ("/goals-ui/goal-page", test_goal_page);
  ADD ("/goals-ui/dashboard", test_dashboard);
  ADD ("/goals-ui/review-makes-goals", test_review_makes_goals);
  ADD ("/goals-ui/editor-escape-asks", test_editor_escape_asks);
  ADD ("/goals-ui/editor-bad-due", test_editor_bad_due);
  ADD ("/goals-ui/adjust-calendar", test_adjust_calendar);
  ADD ("/goals-ui/adjust-escape-asks", test_adjust_escape_asks);
  ADD ("/goals-ui/editor-kpi-target", test_editor_kpi_target);

  return g_test_run ();
}
