/* test-keyboard.c: daily entry from the keyboard, in the window as the app opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "sp-application.h"
#include "sp-name-row.h"
#include "sp-survey-form.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

typedef struct
{
  char          *dir;
  SpApplication *app;
  SpWindow      *window;
} Fixture;

#define NOW "2026-10-14 16:20"

static SpApplication *app;
#define CHILD(form, name) sp_test_ui_child (form, SP_TYPE_SURVEY_FORM, name)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = sp_test_make_dir ();
  path = sp_test_db_path (f->dir);
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
  f->app = app;

  f->window = sp_window_new (f->app, path);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (GTK_WIDGET (f->window));
  g_assert_nonnull (sp_window_get_store (f->window));
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

static SpSurveyForm *
survey_form (void)
{
  return SP_SURVEY_FORM (sp_test_ui_find_toplevel (SP_TYPE_SURVEY_FORM));
}

static void
press (gpointer    window,
       const char *keys)
{
  if (!sp_test_ui_press_keys (GTK_WIDGET (window), keys))
    g_error ("Nothing took %s", keys);
}

static gboolean
focus_is_in (gpointer   window,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Tabs from the focus until it is in @widget; how many it took */
static guint
tab_to (gpointer   window,
        GtkWidget *widget)
{
  guint n = 0;

  while (!focus_is_in (window, widget))
    {
      press (window, "Tab");
      g_assert_cmpuint (++n, <, 20);
    }

  return n;
}

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_actionable (child, action)))
        return found;
    }

  return NULL;
}

static GtkWidget *
header_button (SpWindow   *window,
               const char *action)
{
  GtkWidget *header = sp_test_ui_find_shown (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *button = header ? find_actionable (header, action) : NULL;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  return button;
}

/* Ctrl+Shift+N opens the form from every page, and Escape closes it when nothing was typed */
static void
test_record_shortcut (Fixture       *f,
                      gconstpointer  data)
{
  const char *pages[] = { "dashboard", "log", "goals", "reports" };
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (f->app),
                                                                   "<Control><Shift>n");

  g_assert_cmpstr (actions[0], ==, "win.record-survey");
  g_assert_true (sp_test_ui_is_enabled (GTK_WIDGET (f->window), "win.record-survey"));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      SpSurveyForm *form;

      sp_window_show_page (f->window, pages[i]);
      sp_test_ui_flush ();
      g_assert_null (survey_form ());
      press (f->window, "<Control><Shift>n");
      form = survey_form ();
      g_assert_nonnull (form);
      sp_test_ui_wait_mapped (GTK_WIDGET (form));
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (form)), ==, "Record Survey Answer");

      g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
      press (form, "Escape");
      sp_test_ui_flush ();
      g_assert_null (form);
    }

  /* the header button does the same */
  g_signal_emit_by_name (header_button (f->window, "win.record-survey"), "clicked");
  sp_test_ui_flush ();
  g_assert_nonnull (survey_form ());
}

/* Escape closes the contact list first, then asks about what was typed */
static void
test_escape (Fixture       *f,
             gconstpointer  data)
{
  SpSurveyForm *form;
  GtkWidget *popover;

  press (f->window, "<Control><Shift>n");
  form = survey_form ();
  sp_test_ui_wait_mapped (GTK_WIDGET (form));

  gtk_menu_button_popup (GTK_MENU_BUTTON (CHILD (form, "contact_button")));
  sp_test_ui_flush ();
  popover = CHILD (form, "contact_popover");
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (focus_is_in (form, CHILD (form, "contact_search")));

  press (form, "Escape");
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_true (focus_is_in (form, CHILD (form, "contact_button")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_null (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* with a score chosen, Escape asks; Left and Right move along the scores */
  press (form, "4");
  g_assert_cmpint (sp_survey_form_get_score (form), ==, 4);
  press (form, "Right");
  g_assert_cmpint (sp_survey_form_get_score (form), ==, 5);
  press (form, "Right");
  g_assert_cmpint (sp_survey_form_get_score (form), ==, 5);
  press (form, "Left");
  press (form, "Left");
  g_assert_cmpint (sp_survey_form_get_score (form), ==, 3);
  g_assert_true (gtk_widget_has_focus (sp_test_ui_find (CHILD (form, "score_box"),
                                                        GTK_TYPE_TOGGLE_BUTTON, "3")));
  press (form, "Escape");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_nonnull (sp_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

typedef struct
{
  const char *score;
  const char *customer;
} Card;

/* A pile of cards: the score, the name and Ctrl+Enter, the survey, agent and channel kept */
static void
test_pile_of_cards (Fixture       *f,
                    gconstpointer  data)
{
  static const Card cards[] = { { "9", "Ada Lang" }, { "6", "Bo Chen" }, { "10", "Cy Ruiz" } };
  SpStore *store = sp_window_get_store (f->window);
  SpSurveyForm *form;
  GtkWidget *customer;

  press (f->window, "<Control><Shift>n");
  form = survey_form ();
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  customer = CHILD (form, "customer_row");

  /* what stays from card to card, chosen once */
  g_assert_true (focus_is_in (form, CHILD (form, "kind_row")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD (form, "kind_row")), SP_SURVEY_NPS);
  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ben");
  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD (form, "channel_row")), 1 + SP_CHANNEL_PHONE);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      guint tabs;

      for (const char *digit = cards[i].score; *digit; digit++)
        press (form, (char[]) { *digit, 0 });
      g_assert_cmpint (sp_survey_form_get_score (form), ==, atoi (cards[i].score));

      /* the focus is on the chosen score, and the scores are one Tab stop */
      g_assert_true (focus_is_in (form, CHILD (form, "score_box")));
      tabs = tab_to (form, customer);
      g_assert_cmpuint (tabs, <=, 3);

      sp_test_ui_set_text (customer, cards[i].customer);
      press (form, "<Control>Return");

      /* the next card: empty but for the survey, agent and channel */
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
      g_assert_false (sp_form_get_dirty (SP_FORM (form)));
      g_assert_cmpint (sp_survey_form_get_score (form), ==, -1);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (customer)), ==, "");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (form, "agent_row"))), ==,
                       "Ben");
      g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (CHILD (form, "kind_row"))), ==,
                        SP_SURVEY_NPS);
      g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (CHILD (form, "channel_row"))),
                        ==, 1 + SP_CHANNEL_PHONE);
      g_assert_true (focus_is_in (form, CHILD (form, "score_box")));
    }

  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM surveys"), ==, 3);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM surveys s "
                                             "JOIN agents a ON a.id = s.agent_id "
                                             "WHERE a.name = 'Ben' AND s.channel = 'phone' "
                                             "AND s.kind = 'nps'"), ==, 3);
  g_assert_cmpint (sp_test_query_int (store, "SELECT group_concat(score, '') FROM "
                                             "(SELECT score FROM surveys ORDER BY id)"), ==, 9610);
  {
    g_autofree char *names = sp_test_query_text (store, "SELECT group_concat(name, ',') FROM "
                                                        "(SELECT c.name FROM surveys s JOIN "
                                                        "customers c ON c.id = s.customer_id "
                                                        "ORDER BY s.id)");
    g_assert_cmpstr (names, ==, "Ada Lang,Bo Chen,Cy Ruiz");
  }
}

static void
collect_shortcuts (GtkWidget *root,
                   GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        g_ptr_array_add (found, child);
      collect_shortcuts (child, found);
    }
}

/* The shortcuts window shows keys for every shortcut, and lists every accelerator */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) described = NULL;
  GtkWindow *overlay;
  guint n_actions = 0;

  {
    g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app),
                                                                     "<Control>question");

    g_assert_cmpstr (actions[0], ==, "win.show-help-overlay");
  }

  /* not shown: GTK 4.8 warns about a label's width in it, which would end the test */
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (
                          GTK_APPLICATION_WINDOW (f->window)));
  g_assert_nonnull (overlay);

  collect_shortcuts (GTK_WIDGET (overlay), shortcuts);
  g_assert_cmpuint (shortcuts->len, >, 10);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *action = NULL;
      g_autofree char *shown = NULL;
      GtkWidget *label = sp_test_ui_find (shortcuts->pdata[i], GTK_TYPE_SHORTCUT_LABEL, NULL);

      g_object_get (shortcuts->pdata[i], "title", &title, "action-name", &action, NULL);
      g_assert_nonnull (label);
      g_object_get (label, "accelerator", &shown, NULL);
      if (shown == NULL || *shown == '\0')
        g_error ("“%s” shows no keys", title);

      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                          action);

          if (accels[0] == NULL)
            g_error ("“%s” (%s) has no accelerator", title, action);
          g_hash_table_add (listed, g_steal_pointer (&action));
          n_actions++;
        }
    }

  g_assert_cmpuint (n_actions, >=, 10);

  /* and each accelerator the application sets is in the window */
  described = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; described[i] != NULL; i++)
    {
      if (!g_hash_table_contains (listed, described[i]))
        g_error ("%s has keys but is not in the shortcuts window", described[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/keyboard/record-shortcut", test_record_shortcut);
  ADD ("/keyboard/escape", test_escape);
  ADD ("/keyboard/pile-of-cards", test_pile_of_cards);
  ADD ("/keyboard/shortcuts-window", test_shortcuts_window);

  return g_test_run ();
}
