/* test-log-keyboard.c: the Log from the keyboard: Delete on the focused row, Ctrl+Z, Down from
 * the search, a saved record shown, columns that fit the locale's dates, the flags' legend
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

/*
 * Down from the search goes to the first result; Ctrl+Down moves the focus
 * without selecting; Delete deletes the focused row, not a selected one;
 * Ctrl+Z puts it back with its id and says so.
 */
static void
test_delete_focused (Fixture       *f,
                     gconstpointer  data)
{
  SpRecordView *view = contacts_view (f);
  g_autofree char *current = NULL;
  gint64 c3;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sp_record_view_get_list (view))),
                    ==, 5);
  c3 = count (f, "SELECT c.id FROM contacts c JOIN customers cu ON cu.id = c.customer_id "
                 "WHERE cu.name = 'C3'");

  gtk_widget_grab_focus (search_entry (f));
  press (f->window, "Down");
  current = customer_of_current (view);
  g_assert_cmpstr (current, ==, "C5");
  g_clear_pointer (&current, g_free);
  g_assert_cmpuint (selected_position (view), ==, GTK_INVALID_LIST_POSITION);

  /* to the third row, the focus only */
  press (f->window, "<Control>Down");
  press (f->window, "<Control>Down");
  current = customer_of_current (view);
  g_assert_cmpstr (current, ==, "C3");
  g_clear_pointer (&current, g_free);
  g_assert_cmpuint (selected_position (view), ==, GTK_INVALID_LIST_POSITION);

  press (f->window, "Delete");
  wait_lists (f);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts c JOIN customers cu "
                             "ON cu.id = c.customer_id WHERE cu.name = 'C3'"), ==, 0);

  /* the focus stays in the list, on the row that took its place */
  current = customer_of_current (view);
  g_assert_cmpstr (current, ==, "C2");
  g_clear_pointer (&current, g_free);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (view)));

  /* the toast's button names the shortcut */
  g_assert_nonnull (find_button_labelled (GTK_WIDGET (f->window), "_Undo (Ctrl+Z)"));

  press (f->window, "<Control>z");
  wait_lists (f);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 5);
  g_assert_cmpint (count (f, "SELECT c.id FROM contacts c JOIN customers cu "
                             "ON cu.id = c.customer_id WHERE cu.name = 'C3'"), ==, c3);
  g_assert_true (shows_label (f, "Contact with C3 put back"));

  /* put back, it is selected and lit up in the list */
  sp_test_wait_until (sp_record_view_get_highlighted (view) == c3);
  g_assert_cmpuint (selected_position (view), ==, 2);
}

/* Shown from another page, the Log takes the focus into its search: Down, Delete, Ctrl+Z */
static void
test_newest_in_three_keys (Fixture       *f,
                           gconstpointer  data)
{
  sp_window_show_page (f->window, "dashboard");
  sp_test_ui_flush ();
  sp_window_show_page (f->window, "log");
  sp_test_ui_flush ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         search_entry (f)));

  press (f->window, "Down");
  press (f->window, "Delete");
  wait_lists (f);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts c JOIN customers cu "
                             "ON cu.id = c.customer_id WHERE cu.name = 'C5'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 4);

  press (f->window, "<Control>z");
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts c JOIN customers cu "
                             "ON cu.id = c.customer_id WHERE cu.name = 'C5'"), ==, 1);
}

/* Space selects the focused row, and the row shows it */
static void
test_space_selects (Fixture       *f,
                    gconstpointer  data)
{
  SpRecordView *view = contacts_view (f);
  GtkWidget *label;
  GtkWidget *row;

  gtk_widget_grab_focus (search_entry (f));
  press (f->window, "Down");
  press (f->window, "<Control>Down");
  g_assert_cmpuint (selected_position (view), ==, GTK_INVALID_LIST_POSITION);

  press (f->window, "space");
  g_assert_cmpuint (selected_position (view), ==, 1);

  /* the row of C4 (a cell's label, in its cell, in its row) is drawn as selected */
  label = sp_test_ui_find_shown (GTK_WIDGET (view), GTK_TYPE_LABEL, "C4");
  g_assert_nonnull (label);
  row = gtk_widget_get_parent (gtk_widget_get_parent (label));
  g_assert_true (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED);
}

/* Log, edit, record an answer, delete: Ctrl+Z takes them back one by one, saying what */
static void
test_undo_levels (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app),
                                                                   "<Control>z");
  SpContactForm *form;
  SpSurveyForm *survey;
  gint64 zoe;
  g_autofree char *note = NULL;

  g_assert_cmpstr (actions[0], ==, "win.undo");

  /* logged */
  press (f->window, "<Control>n");
  form = SP_CONTACT_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "agent_row"), "Ana");
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "customer_row"), "Zoe");
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "note_row"), "first");
  press (form, "<Control>s");
  sp_test_wait_until (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM) == NULL);
  wait_lists (f);
  zoe = count (f, "SELECT c.id FROM contacts c JOIN customers cu ON cu.id = c.customer_id "
                  "WHERE cu.name = 'Zoe'");
  g_assert_cmpint (zoe, >, 0);

  /* the search (empty) has the focus: Ctrl+Z there is the window's, and takes the logging
   * back; logged again below */
  gtk_widget_grab_focus (search_entry (f));
  press (f->window, "<Control>z");
  g_assert_true (shows_label (f, "Logging the contact with Zoe undone"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 5);
  press (f->window, "<Control>n");
  form = SP_CONTACT_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "agent_row"), "Ana");
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "customer_row"), "Zoe");
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "note_row"), "first");
  press (form, "<Control>s");
  sp_test_wait_until (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM) == NULL);
  wait_lists (f);
  zoe = count (f, "SELECT c.id FROM contacts c JOIN customers cu ON cu.id = c.customer_id "
                  "WHERE cu.name = 'Zoe'");

  /* edited: opened from the list, where it was shown */
  sp_test_wait_until (sp_record_view_get_highlighted (contacts_view (f)) == zoe);
  g_signal_emit_by_name (sp_record_view_get_column_view (contacts_view (f)), "activate",
                         selected_position (contacts_view (f)));
  sp_test_ui_flush ();
  form = SP_CONTACT_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
  g_assert_nonnull (form);
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "note_row"), "second");
  press (form, "<Control>s");
  sp_test_wait_until (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM) == NULL);

  /* an answer recorded */
  press (f->window, "<Control><Shift>n");
  survey = SP_SURVEY_FORM (sp_test_ui_find_toplevel (SP_TYPE_SURVEY_FORM));
  sp_test_ui_wait_mapped (GTK_WIDGET (survey));
  press (survey, "4");
  sp_test_ui_set_text (sp_test_ui_child (survey, SP_TYPE_SURVEY_FORM, "customer_row"), "Yan");
  press (survey, "<Control>s");
  sp_test_wait_until (sp_test_ui_find_toplevel (SP_TYPE_SURVEY_FORM) == NULL);

  /* the answer is shown among the answers; back to the contacts */
  wait_lists (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (sp_test_ui_child (
                     f->page, SP_TYPE_LOG_PAGE, "list_stack"))), ==, "surveys");
  sp_log_page_show_list (f->page, "contacts");

  /* C5 deleted from the list */
  wait_lists (f);
  gtk_widget_grab_focus (search_entry (f));
  press (f->window, "Down");
  {
    g_autofree char *current = customer_of_current (contacts_view (f));

    /* Zoe, logged on the day the clock says, is newest; C5 next */
    g_assert_cmpstr (current, ==, "Zoe");
  }
  press (f->window, "<Control>Down");
  press (f->window, "Delete");
  wait_lists (f);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM surveys"), ==, 1);

  /* 1: the delete */
  press (f->window, "<Control>z");
  g_assert_true (shows_label (f, "Contact with C5 put back"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 6);

  /* 2: the answer */
  press (f->window, "<Control>z");
  g_assert_true (shows_label (f, "Recording the survey answer of Yan undone"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM surveys"), ==, 0);

  /* 3: the edit */
  press (f->window, "<Control>z");
  g_assert_true (shows_label (f, "Changes to the contact with Zoe undone"));
  note = sp_test_query_text (f->store, "SELECT note FROM contacts c JOIN customers cu "
                                       "ON cu.id = c.customer_id WHERE cu.name = 'Zoe'");
  g_assert_cmpstr (note, ==, "first");

  /* 4: the logging */
  press (f->window, "<Control>z");
  g_assert_true (shows_label (f, "Logging the contact with Zoe undone"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts c JOIN customers cu "
                             "ON cu.id = c.customer_id WHERE cu.name = 'Zoe'"), ==, 0);

  /* nothing more, and nothing changes */
  press (f->window, "<Control>z");
  g_assert_true (shows_label (f, "Nothing to undo"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 5);

  /* in the search field, Ctrl+Z is the field's own */
  gtk_widget_grab_focus (search_entry (f));
  sp_test_ui_set_text (search_entry (f), "C1");
  press (f->window, "<Control>z");
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 5);
}

static gboolean
in_view (GtkWidget *widget,
         GtkWidget *viewport)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) ||
      !gtk_widget_compute_bounds (widget, viewport, &bounds))
    return FALSE;

  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (viewport);
}

/* A contact saved while the list shows others is scrolled to, selected and lit up */
static void
test_saved_shown (Fixture       *f,
                  gconstpointer  data)
{
  SpRecordView *view = contacts_view (f);
  GtkWidget *scroller = sp_test_ui_child (view, SP_TYPE_RECORD_VIEW, "scroller");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  SpContactForm *form;
  GtkWidget *label;
  gint64 id;
  guint position;

  /* the list at its top; the contact will be far below, among those of 3 December */
  gtk_adjustment_set_value (adjustment, 0);
  sp_test_ui_wait_frames (scroller, 2);
  g_assert_null (sp_test_ui_find_shown (GTK_WIDGET (view), GTK_TYPE_LABEL, "Zed Shown"));

  press (f->window, "<Control>n");
  form = SP_CONTACT_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "received_row"),
                       "2026-12-03 10:30");
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "agent_row"), "Ana");
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "customer_row"),
                       "Zed Shown");
  press (form, "<Control>s");
  sp_test_wait_until (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM) == NULL);

  id = count (f, "SELECT c.id FROM contacts c JOIN customers cu ON cu.id = c.customer_id "
                 "WHERE cu.name = 'Zed Shown'");
  sp_test_wait_until (sp_record_view_get_highlighted (view) == id);
  sp_test_ui_wait_frames (scroller, 3);

  /* 120 contacts hourly from 1 December 09:00: the 70 from 3 December 11:00 on are newer */
  position = sp_record_list_find_id (sp_record_view_get_list (view), id);
  g_assert_cmpuint (position, ==, 70);
  g_assert_cmpuint (selected_position (view), ==, position);

  label = sp_test_ui_find_shown (GTK_WIDGET (view), GTK_TYPE_LABEL, "Zed Shown");
  g_assert_nonnull (label);
  g_assert_true (in_view (label, scroller));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (label), "sp-just-saved"));

  /* lit up for a moment only */
  sp_test_wait_until (sp_record_view_get_highlighted (view) == 0);
  g_assert_false (gtk_widget_has_css_class (gtk_widget_get_parent (label), "sp-just-saved"));
}

static char *
make_locale (const char *dir,
             const char *name)
{
  g_autofree char *locales = g_build_filename (dir, "locales", NULL);
  g_autofree char *out = g_build_filename (locales, name, NULL);
  g_autofree char *input = g_strndup (name, 5);
  const char *argv[] = { "localedef", "-i", input, "-f", "UTF-8", out, NULL };
  int status = 0;

  g_mkdir_with_parents (locales, 0700);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_file_test (out, G_FILE_TEST_IS_DIR))
    return NULL;

  return g_steal_pointer (&locales);
}

/*
 * The Received column shows the whole date and time as the locale writes
 * it, for the widest month, and the Note column has room for a note.
 */
static void
test_columns_fit (Fixture       *f,
                  gconstpointer  data)
{
  const char *locales[] = { "en_US.UTF-8", "de_DE.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  sp_test_ui_destroy_all ();

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *dir = sp_test_make_dir ();
      g_autofree char *locpath = make_locale (dir, locales[i]);
      g_autofree char *shown = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SpContact) c = sp_contact_new ();
      GtkWidget *label;
      GtkWidget *note;

      if (locpath == NULL)
        {
          g_test_skip ("localedef could not make the locale");
          sp_test_remove_dir (dir);
          continue;
        }

      g_setenv ("LOCPATH", locpath, TRUE);
      g_assert_nonnull (setlocale (LC_ALL, locales[i]));

      /* a late hour of a month whose name is long in both */
      {
        g_autoptr(SpStore) store = sp_test_open_store (dir);

        c->received_at = sp_test_time ("2026-09-28 22:58");
        sp_contact_set_agent_name (c, "Ana");
        sp_contact_set_note (c, "Called back about the invoice");
        g_assert_true (sp_store_save_contact (store, c, &error));
        g_assert_no_error (error);
      }

      g_free (f->dir);
      f->dir = g_steal_pointer (&dir);
      open_window (f);

      shown = sp_time_format_display (c->received_at);
      label = sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_LABEL, shown);
      g_assert_nonnull (label);
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
        g_error ("“%s” is cut off in %s", shown, locales[i]);

      note = sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                    "Called back about the invoice");
      g_assert_nonnull (note);
      g_assert_cmpint (gtk_widget_get_width (note), >=, 100);

      sp_test_ui_destroy_all ();
      sp_test_remove_dir (f->dir);
      f->dir = sp_test_make_dir ();
    }

  setlocale (LC_ALL, saved);
  g_unsetenv ("LOCPATH");
}

/* The flags say what they are: a legend beside the filters, and the cell's tooltip */
static void
test_flag_legend (Fixture       *f,
                  gconstpointer  data)
{
  const char *names[] = { "Resolved on first contact", "Escalated", "Complaint",
                          "Repeat contact" };
  GtkWidget *button = sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "legend_button");
  GtkWidget *popover = sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "legend_popover");
  GtkWidget *flags = NULL;

  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==,
                   "What the Flags Mean");

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  sp_test_ui_flush ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (sp_test_ui_find_shown (popover, GTK_TYPE_LABEL, names[i]));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  /* C2 is escalated and a complaint: its flags cell names both */
  {
    GtkWidget *c2 = sp_test_ui_find_shown (GTK_WIDGET (contacts_view (f)), GTK_TYPE_LABEL, "C2");
    GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (c2));

    for (GtkWidget *cell = gtk_widget_get_first_child (row); cell && !flags;
         cell = gtk_widget_get_next_sibling (cell))
      {
        GtkWidget *child = gtk_widget_get_first_child (cell);

        if (GTK_IS_BOX (child))
          flags = child;
      }
  }
  g_assert_nonnull (flags);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (flags), ==, "Escalated, Complaint");

  /* not on the survey answers, which have no flags */
  sp_log_page_show_list (f->page, "surveys");
  sp_test_ui_flush ();
  g_assert_false (gtk_widget_get_visible (button));
}

/* What Delete, Alt+2, Enter and the toasts act on is what the owner sees: the row just
 * saved, the search, the form's Save, the change a toast names, the shop shown */

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

  ADD ("/log-keyboard/delete-focused", 5, test_delete_focused);
  ADD ("/log-keyboard/space-selects", 5, test_space_selects);
  ADD ("/log-keyboard/newest-in-three-keys", 5, test_newest_in_three_keys);
  ADD ("/log-keyboard/undo-levels", 5, test_undo_levels);
  ADD ("/log-keyboard/saved-shown", 120, test_saved_shown);
  ADD ("/log-keyboard/columns-fit", 0, test_columns_fit);
  ADD ("/log-keyboard/flag-legend", 5, test_flag_legend);
  ADD ("/log-focus/delete-saved", 5, test_delete_saved);
  ADD ("/log-focus/alt-2-search", 5, test_alt_2_search);
  ADD ("/log-focus/toasts-replaced", 5, test_toasts_replaced);
  ADD ("/log-focus/survey-keys", 5, test_survey_keys);

  return g_test_run ();
}
