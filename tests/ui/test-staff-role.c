/* test-staff-role.c: a login of the staff group sees what only the owner may change turned
 * off, and is told why; the owner has it all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-dashboard-page.h"
#include "sp-goal-view.h"
#include "sp-goals-page.h"
#include "sp-hours-page.h"
#include "sp-preferences-window.h"
#include "sp-review-page.h"
#include "sp-role-private.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

#define OWNER_ONLY "Only the shop’s owner can change this"

/* What only the owner may do, as the window's menus and buttons offer it */
static const char * const owner_actions[] = {
  "win.import",
  "win.export",
  "win.backup-to",
  "win.restore",
  "win.forget-customer",
  "win.setup-shop",
};

typedef struct
{
  char      *dir;
  SpWindow  *window;
  GtkWidget *preferences;
} Fixture;

static void
open_window (Fixture     *f,
             SpStoreRole  role)
{
  g_autofree char *path = sp_test_db_path (f->dir);

  sp_role_force_for_testing (role);
  f->window = sp_window_new (NULL, path);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (GTK_WIDGET (f->window));
  g_assert_nonnull (sp_window_get_store (f->window));

  f->preferences = sp_preferences_window_new (GTK_WINDOW (f->window),
                                              sp_window_get_store (f->window));
  gtk_window_present (GTK_WINDOW (f->preferences));
  sp_test_ui_wait_mapped (f->preferences);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = sp_test_make_dir ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_role_force_for_testing (-1);
  sp_test_ui_destroy_all ();
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
}

/*
 * Whether the window's @action can be activated: asked of a button for it in a popover of the
 * window's, as the main menu's items are (those are made only when the menu opens)
 */
static gboolean
window_action_enabled (Fixture    *f,
                       const char *action)
{
  return sp_test_ui_action_enabled (sp_test_ui_child (f->window, SP_TYPE_WINDOW, "main_stack"),
                                    action);
}

static GtkWidget *
goals_page (Fixture *f)
{
  return sp_test_ui_child (f->window, SP_TYPE_WINDOW, "goals_page");
}

static GtkWidget *
preferences_child (Fixture    *f,
                   const char *name)
{
  return sp_test_ui_child (f->preferences, SP_TYPE_PREFERENCES_WINDOW, name);
}

static GtkWidget *
hours_child (Fixture    *f,
             const char *name)
{
  GtkWidget *hours = sp_test_ui_find (f->preferences, SP_TYPE_HOURS_PAGE, NULL);

  g_assert_nonnull (hours);
  return sp_test_ui_child (hours, SP_TYPE_HOURS_PAGE, name);
}

static void
test_staff (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *revealer;
  GtkWidget *name_row;
  const char *description;

  open_window (f, SP_STORE_ROLE_STAFF);

  for (guint i = 0; i < G_N_ELEMENTS (owner_actions); i++)
    {
      g_test_message ("%s", owner_actions[i]);
      g_assert_false (window_action_enabled (f, owner_actions[i]));
    }

  /* what every login does stays */
  g_assert_true (window_action_enabled (f, "win.log-contact"));
  g_assert_true (window_action_enabled (f, "win.record-survey"));
  g_assert_true (window_action_enabled (f, "win.print"));
  g_assert_true (window_action_enabled (f, "win.save-report"));
  g_assert_true (window_action_enabled (f, "win.backup"));

  /* the welcome's setup button says why it is off */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (sp_test_ui_child (f->window, SP_TYPE_WINDOW,
                                                                  "setup_button")),
                   ==, OWNER_ONLY);

  /* the Goals page: no New Goal, and a note at its top */
  g_assert_true (sp_goals_page_get_read_only (SP_GOALS_PAGE (goals_page (f))));
  g_assert_false (sp_test_ui_is_enabled (goals_page (f), "goals.new"));
  revealer = sp_test_ui_child (goals_page (f), SP_TYPE_GOALS_PAGE, "owner_only_revealer");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (sp_test_ui_find (revealer, GTK_TYPE_LABEL,
                                     "Only the shop’s owner can set, change or delete goals; "
                                     "you can follow them here."));

  /* Preferences: the shop's settings shown, not changed, and why */
  name_row = preferences_child (f, "name_row");
  g_assert_false (gtk_widget_get_sensitive (name_row));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (name_row), ==, OWNER_ONLY);
  g_assert_false (gtk_widget_get_sensitive (preferences_child (f, "currency_row")));
  g_assert_false (gtk_widget_get_sensitive (preferences_child (f, "logo_row")));
  g_assert_false (gtk_widget_get_sensitive (preferences_child (f, "second_folder_row")));
  g_assert_cmpstr (adw_preferences_group_get_description (
                     ADW_PREFERENCES_GROUP (preferences_child (f, "shop_group"))), ==,
                   OWNER_ONLY);
  description = adw_preferences_group_get_description (
    ADW_PREFERENCES_GROUP (preferences_child (f, "benchmarks_intro_group")));
  g_assert_true (g_str_has_prefix (description, OWNER_ONLY));

  /* every benchmark band is off */
  {
    GtkWidget *page = preferences_child (f, "benchmarks_page");
    GtkWidget *spin = sp_test_ui_find (page, GTK_TYPE_SPIN_BUTTON, NULL);

    g_assert_nonnull (spin);
    g_assert_false (gtk_widget_is_sensitive (spin));
  }

  /* opening hours: the days and closed days off, the note at the top */
  g_assert_false (gtk_widget_get_sensitive (hours_child (f, "days_group")));
  g_assert_false (gtk_widget_get_sensitive (hours_child (f, "closed_group")));
  g_assert_false (gtk_widget_get_sensitive (hours_child (f, "new_schedule_button")));
  g_assert_true (g_str_has_prefix (adw_preferences_group_get_description (
                                     ADW_PREFERENCES_GROUP (hours_child (f, "schedule_group"))),
                                   OWNER_ONLY));

  /* Ctrl+I and Ctrl+E, whose actions are off, say why instead of doing nothing */
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (f->window), "<Control>i"));
  g_assert_nonnull (sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                           "Only the shop’s owner can import records"));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (f->window), "<Control>e"));
  g_assert_nonnull (sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                           "Only the shop’s owner can export the shop’s "
                                           "records"));

  /* the main menu's greyed items say why as it opens */
  {
    GtkWidget *menu = NULL;
    GtkWidget *title = sp_test_ui_child (f->window, SP_TYPE_WINDOW, "shop_title");

    for (GtkWidget *w = gtk_widget_get_next_sibling (title); w != NULL && menu == NULL;
         w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_MENU_BUTTON (w))
        menu = w;
    for (GtkWidget *w = gtk_widget_get_prev_sibling (title); w != NULL && menu == NULL;
         w = gtk_widget_get_prev_sibling (w))
      if (GTK_IS_MENU_BUTTON (w))
        menu = w;
    g_assert_nonnull (menu);
    gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
    sp_test_ui_flush ();
    g_assert_nonnull (sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                             "Greyed items are the shop’s owner’s: importing, "
                                             "exporting, backing up, restoring and forgetting a "
                                             "customer"));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
  }

  /* a goal's notes are the owner's too */
  {
    GtkWidget *view = sp_test_ui_child (goals_page (f), SP_TYPE_GOALS_PAGE, "goal_view");

    g_assert_false (gtk_widget_get_sensitive (sp_test_ui_child (view, SP_TYPE_GOAL_VIEW,
                                                                "note_row")));
  }

  /* the month's review: read, not written */
  {
    SpDashboardPage *dashboard = SP_DASHBOARD_PAGE (sp_test_ui_child (f->window, SP_TYPE_WINDOW,
                                                                      "dashboard_page"));
    SpReviewPage *review;

    sp_dashboard_page_open_review (dashboard, SP_REVIEW_MONTHLY);
    review = sp_dashboard_page_get_review_page (dashboard);
    g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (sp_review_page_get_focus_entry (review))));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (sp_review_page_get_focus_entry (review))),
                     ==, OWNER_ONLY);
    g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (sp_test_ui_find (GTK_WIDGET (review),
                                                                              GTK_TYPE_TEXT_VIEW,
                                                                              NULL))));
  }

  /* where the shop is kept is this computer's to choose, whoever logs in */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (
    sp_preferences_window_get_database_page (SP_PREFERENCES_WINDOW (f->preferences)))));
}

static void
test_owner (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *revealer;
  GtkWidget *name_row;

  open_window (f, GPOINTER_TO_INT (data));

  for (guint i = 0; i < G_N_ELEMENTS (owner_actions); i++)
    {
      g_test_message ("%s", owner_actions[i]);
      g_assert_true (window_action_enabled (f, owner_actions[i]));
    }

  /* the owner's Ctrl+I is the action's, not a note that it is off */
  sp_test_ui_press_keys (GTK_WIDGET (f->window), "<Control>i");
  g_assert_null (sp_test_ui_find (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                  "Only the shop’s owner can import records"));

  g_assert_false (sp_goals_page_get_read_only (SP_GOALS_PAGE (goals_page (f))));
  g_assert_true (sp_test_ui_is_enabled (goals_page (f), "goals.new"));
  revealer = sp_test_ui_child (goals_page (f), SP_TYPE_GOALS_PAGE, "owner_only_revealer");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  name_row = preferences_child (f, "name_row");
  g_assert_true (gtk_widget_get_sensitive (name_row));
  /* a shop file is backed up on this computer, and to a second folder */
  g_assert_true (gtk_widget_get_visible (preferences_child (f, "second_folder_row")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (name_row), !=, OWNER_ONLY);
  g_assert_true (gtk_widget_get_sensitive (hours_child (f, "days_group")));
  g_assert_false (g_str_has_prefix (adw_preferences_group_get_description (
                                      ADW_PREFERENCES_GROUP (preferences_child (
                                        f, "benchmarks_intro_group"))),
                                    OWNER_ONLY));

  /* the owner writes the month's review */
  {
    SpDashboardPage *dashboard = SP_DASHBOARD_PAGE (sp_test_ui_child (f->window, SP_TYPE_WINDOW,
                                                                      "dashboard_page"));
    SpReviewPage *review;

    sp_dashboard_page_open_review (dashboard, SP_REVIEW_MONTHLY);
    review = sp_dashboard_page_get_review_page (dashboard);
    g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (sp_review_page_get_focus_entry (review))));
    g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (sp_test_ui_find (GTK_WIDGET (review),
                                                                             GTK_TYPE_TEXT_VIEW,
                                                                             NULL))));
  }
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

  g_test_add ("/staff-role/staff", Fixture, NULL, fixture_setup, test_staff, fixture_teardown);
  g_test_add ("/staff-role/owner", Fixture, GINT_TO_POINTER (SP_STORE_ROLE_OWNER), fixture_setup,
              test_owner, fixture_teardown);
  /* a shop file's user is its owner, as the store says */
  g_test_add ("/staff-role/file", Fixture, GINT_TO_POINTER (-1), fixture_setup, test_owner,
              fixture_teardown);

  return g_test_run ();
}
