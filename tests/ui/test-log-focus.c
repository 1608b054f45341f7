/* test-log-focus.c: what Delete, Alt+2, Enter and the toasts act on is what the owner sees: the
 * row just saved, the search, the form's Save, the change a toast names, the shop shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "sp-application.h"
#include "sp-contact-form.h"
#include "sp-log-page.h"
#include "sp-record-view.h"
#include "sp-survey-form.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

typedef struct
{
  char          *dir;
  SpWindow      *window;
  SpStore       *store;
  SpLogPage     *page;
} Fixture;

#define NOW "2026-12-30 12:00"

static SpApplication *app;

/* Contacts "C1" … "Cn", an hour apart from 1 December: the newest, Cn, first in the list */
static void
fill (const char *dir,
      guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_test_open_store (dir);

  for (guint i = 1; i <= n; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();
      g_autofree char *name = g_strdup_printf ("C%u", i);

      c->received_at = sp_test_time ("2026-12-01 08:00") + i * 3600;
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, "Ana");
      sp_contact_set_customer_name (c, name);
      c->escalated = i == 2;
      c->complaint = i == 2;
      if (i == 2)
        sp_contact_set_escalated_to (c, "Warehouse");
      g_assert_true (sp_store_save_contact (store, c, &error));
      g_assert_no_error (error);
    }
}

static void
wait_lists (Fixture *f)
{
  const char *names[] = { "contacts_view", "escalations_view", "surveys_view" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      SpRecordView *view = SP_RECORD_VIEW (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE,
                                                             names[i]));
      SpRecordList *list = sp_record_view_get_list (view);

      sp_test_wait_until (list == NULL || !sp_record_list_is_loading (list));
    }

  sp_test_ui_flush ();
}

static void
open_window (Fixture *f)
{
  g_autofree char *path = sp_test_db_path (f->dir);

  f->window = sp_window_new (app, path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (GTK_WIDGET (f->window));
  sp_window_show_page (f->window, "log");

  f->store = sp_window_get_store (f->window);
  f->page = SP_LOG_PAGE (sp_test_ui_find (GTK_WIDGET (f->window), SP_TYPE_LOG_PAGE, NULL));
  g_assert_nonnull (f->page);
  wait_lists (f);
  sp_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = sp_test_make_dir ();
  sp_time_override_now (sp_test_time (NOW));

  /* one application for the program: registering it ran startup, which set the accelerators */
  if (app == NULL)
    {
      app = sp_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }

  fill (f->dir, GPOINTER_TO_UINT (data));
  open_window (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  sp_time_override_now (SP_TIME_NONE);
}

#define press(window, keys) press_at (G_STRLOC, window, keys)

static void
press_at (const char *where,
          gpointer    window,
          const char *keys)
{
  /* a key pressed on a window makes it draw the focus, as GTK does for a real one */
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  if (!sp_test_ui_press_keys (GTK_WIDGET (window), keys))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

      g_error ("%s: nothing took %s (the focus in a %s, %s the window, mapped %d)", where, keys,
               focus ? G_OBJECT_TYPE_NAME (focus) : "nothing",
               focus && gtk_widget_get_root (focus) == GTK_ROOT (window) ? "in" : "out of",
               focus ? gtk_widget_get_mapped (focus) : 0);
    }
}

static SpRecordView *
contacts_view (Fixture *f)
{
  return SP_RECORD_VIEW (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "contacts_view"));
}

static GtkWidget *
search_entry (Fixture *f)
{
  return sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "search_entry");
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return sp_test_query_int (f->store, sql);
}

static char *
customer_of_current (SpRecordView *view)
{
  g_autoptr(SpContact) c = sp_record_view_dup_current (view);

  return c != NULL ? g_strdup (c->customer_name) : NULL;
}

static guint
selected_position (SpRecordView *view)
{
  GtkSelectionModel *model = gtk_column_view_get_model (sp_record_view_get_column_view (view));

  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));
}

static gboolean
shows_label (Fixture    *f,
             const char *text)
{
  return sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_LABEL, text) != NULL;
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button_labelled (child, label)))
        return found;
    }

  return NULL;
}


static GtkWidget *
focus_of (gpointer window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gint64
contact_id_of (Fixture    *f,
               const char *customer)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT c.id FROM contacts c "
                                          "JOIN customers cu ON cu.id = c.customer_id "
                                          "WHERE cu.name = '%s'), 0)", customer);

  return count (f, sql);
}

/*
 * The row just saved is lit up, selected and focused: Delete deletes it, not
 * the row the focus was on before (the newest, hidden under the new one);
 * after the delete the row in its place shows the focus.
 */
static void
test_delete_saved (Fixture       *f,
                   gconstpointer  data)
{
  SpRecordView *view = contacts_view (f);
  SpContactForm *form;
  g_autofree char *current = NULL;
  GtkWidget *focus;
  gint64 zack;

  press (f->window, "<Alt>2");
  press (f->window, "<Control>f");
  press (f->window, "Down");
  current = customer_of_current (view);
  g_assert_cmpstr (current, ==, "C5");
  g_clear_pointer (&current, g_free);

  press (f->window, "<Control>n");
  form = SP_CONTACT_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "agent_row"), "Ana");
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "customer_row"), "Zack");
  press (form, "<Control>s");
  sp_test_wait_until (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM) == NULL);
  wait_lists (f);

  zack = contact_id_of (f, "Zack");
  g_assert_cmpint (zack, >, 0);
  sp_test_wait_until (sp_record_view_get_highlighted (view) == zack);
  sp_test_ui_wait_frames (GTK_WIDGET (f->window), 2);

  /* lit up, selected and focused: one row */
  g_assert_cmpuint (selected_position (view), ==, 0);
  current = customer_of_current (view);
  g_assert_cmpstr (current, ==, "Zack");
  g_clear_pointer (&current, g_free);

  press (f->window, "Delete");
  wait_lists (f);
  g_assert_cmpint (contact_id_of (f, "Zack"), ==, 0);
  g_assert_cmpint (contact_id_of (f, "C5"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 5);

  /* the toast names whose contact went */
  g_assert_true (shows_label (f, "Contact with Zack deleted"));

  /* the row that took its place has the focus, and shows it */
  sp_test_ui_wait_frames (GTK_WIDGET (f->window), 2);
  current = customer_of_current (view);
  g_assert_cmpstr (current, ==, "C5");
  g_clear_pointer (&current, g_free);
  focus = focus_of (f->window);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (view)));
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (f->window)));
  g_assert_true (gtk_widget_get_state_flags (focus) & GTK_STATE_FLAG_FOCUS_VISIBLE);

  /* a delete that came from no key press shows the focus it leaves too */
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), FALSE);
  gtk_widget_activate_action (GTK_WIDGET (view), "view.delete-selected", NULL);
  wait_lists (f);
  g_assert_cmpint (contact_id_of (f, "C5"), ==, 0);
  g_assert_true (shows_label (f, "Contact with C5 deleted"));
  g_assert_false (shows_label (f, "Contact with Zack deleted"));
  current = customer_of_current (view);
  g_assert_cmpstr (current, ==, "C4");
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (f->window)));
}

/* Alt+2 puts the focus in the search, from the Log itself and from another page */
static void
test_alt_2_search (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *legend = sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "legend_button");

  g_assert_true (gtk_widget_grab_focus (legend));
  press (f->window, "<Alt>2");
  sp_test_ui_flush ();
  g_assert_true (gtk_widget_is_ancestor (focus_of (f->window), search_entry (f)));

  g_assert_true (gtk_widget_grab_focus (legend));
  press (f->window, "<Alt>1");
  sp_test_ui_flush ();
  press (f->window, "<Alt>2");
  sp_test_ui_flush ();
  g_assert_true (gtk_widget_is_ancestor (focus_of (f->window), search_entry (f)));
}

static GtkWidget *
shown_toast (Fixture *f)
{
  GType type = g_type_from_name ("AdwToastWidget");

  g_assert_true (type != G_TYPE_INVALID);
  return sp_test_ui_find_shown (GTK_WIDGET (f->window), type, NULL);
}

/*
 * A toast replaced by a newer one of the same kind does not come back
 * later; a shop's toasts leave with it.
 */
static void
test_toasts_replaced (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *other = sp_test_make_dir ();
  GtkWidget *toast;

  gtk_widget_grab_focus (search_entry (f));
  press (f->window, "Down");
  press (f->window, "Delete");
  wait_lists (f);
  g_assert_true (shows_label (f, "Contact with C5 deleted"));

  press (f->window, "<Control>z");
  wait_lists (f);
  g_assert_true (shows_label (f, "Contact with C5 put back"));

  /* the toast of the undo goes: the one of the delete, undone, does not come back */
  toast = shown_toast (f);
  g_assert_nonnull (toast);
  gtk_widget_activate_action (toast, "toast.dismiss", NULL);
  sp_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_false (shows_label (f, "Contact with C5 deleted"));
  g_assert_null (find_button_labelled (GTK_WIDGET (f->window), "_Undo (Ctrl+Z)"));

  /* deleted again, then another shop: its toast does not stay */
  press (f->window, "Down");
  press (f->window, "Delete");
  wait_lists (f);
  g_assert_true (shows_label (f, "Contact with C4 deleted"));
  fill (other, 1);
  {
    g_autofree char *path = sp_test_db_path (other);

    sp_window_open_database (f->window, path);
  }
  sp_test_ui_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_false (shows_label (f, "Contact with C4 deleted"));
  g_assert_null (find_button_labelled (GTK_WIDGET (f->window), "_Undo (Ctrl+Z)"));

  sp_test_ui_destroy_all ();
  sp_test_remove_dir (other);
}

static SpSurveyForm *
open_survey (Fixture *f)
{
  SpSurveyForm *survey;

  press (f->window, "<Control><Shift>n");
  survey = SP_SURVEY_FORM (sp_test_ui_find_toplevel (SP_TYPE_SURVEY_FORM));
  g_assert_nonnull (survey);
  sp_test_ui_wait_mapped (GTK_WIDGET (survey));
  return survey;
}

/*
 * Enter on a score saves the form, as in its fields; after Ctrl+Enter the
 * next answer's score has the focus.  An answer saved while the Log shows
 * the contacts is shown in the answers, lit up.
 */
static void
test_survey_keys (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *list_stack = sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "list_stack");
  SpRecordView *surveys = SP_RECORD_VIEW (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE,
                                                            "surveys_view"));
  SpSurveyForm *survey;
  GtkWidget *focus;
  gint64 id;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (list_stack)), ==, "contacts");

  /* Ctrl+Enter: saved, and a new card with the focus on its score */
  survey = open_survey (f);
  press (survey, "4");
  sp_test_ui_set_text (sp_test_ui_child (survey, SP_TYPE_SURVEY_FORM, "customer_row"), "Yan");
  press (survey, "4");
  press (survey, "<Control>Return");
  sp_test_ui_flush ();
  g_assert_cmpint (count (f, "SELECT count(*) FROM surveys"), ==, 1);
  focus = focus_of (survey);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
  g_assert_true (gtk_widget_has_css_class (focus, "sp-score"));

  /* Enter on the score saves and closes */
  press (survey, "5");
  g_assert_true (gtk_widget_has_css_class (focus_of (survey), "sp-score"));
  press (survey, "Return");
  sp_test_wait_until (sp_test_ui_find_toplevel (SP_TYPE_SURVEY_FORM) == NULL);
  g_assert_cmpint (count (f, "SELECT count(*) FROM surveys"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM surveys WHERE score = 5"), ==, 1);

  /* shown where answers are, and lit up */
  id = count (f, "SELECT id FROM surveys WHERE score = 5");
  wait_lists (f);
  sp_test_wait_until (sp_record_view_get_highlighted (surveys) == id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (list_stack)), ==, "surveys");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (surveys)));
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

#define ADD(path, n, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_setup, func, fixture_teardown)

  ADD ("/log-focus/delete-saved", 5, test_delete_saved);
  ADD ("/log-focus/alt-2-search", 5, test_alt_2_search);
  ADD ("/log-focus/toasts-replaced", 5, test_toasts_replaced);
  ADD ("/log-focus/survey-keys", 5, test_survey_keys);

  return g_test_run ();
}
