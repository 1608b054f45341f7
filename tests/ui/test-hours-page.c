/* test-hours-page.c: Preferences' Opening Hours page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-hours-page.h"
#include "sp-import.h"
#include "sp-store-hours.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"

typedef struct
{
  char        *dir;
  SpStore     *store;
  GtkWidget   *window;
  SpHoursPage *page;
} Fixture;

#define CHILD(name) sp_test_ui_child (f->page, SP_TYPE_HOURS_PAGE, name)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SpHours) hours = sp_hours_new ();
  g_autoptr(GError) error = NULL;
  SpSchedule *s = sp_hours_replace_schedule (hours, sp_test_date ("2026-10-05"));

  f->dir = sp_test_make_dir ();
  f->store = sp_test_open_store (f->dir);

  sp_hours_add_interval (hours, s, 1, 9 * 3600, 12 * 3600 + 1800, NULL);
  sp_hours_add_interval (hours, s, 1, 13 * 3600 + 1800, 18 * 3600, NULL);
  sp_hours_set_closed_day (hours, sp_test_date ("2026-12-25"), "Christmas Day");
  g_assert_true (sp_store_save_hours (f->store, hours, NULL, NULL, &error));

  f->window = adw_preferences_window_new ();
  f->page = SP_HOURS_PAGE (sp_hours_page_new (f->store));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (f->window),
                              ADW_PREFERENCES_PAGE (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  g_clear_object (&f->store);
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
}

static GtkEditable *
day_entry (Fixture    *f,
           const char *weekday)
{
  GtkWidget *row = sp_test_ui_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, weekday);

  g_assert_nonnull (row);
  return GTK_EDITABLE (sp_test_ui_find (row, GTK_TYPE_ENTRY, NULL));
}

static void
test_edit_and_save (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SpHours) saved = NULL;
  g_autoptr(GError) error = NULL;
  SpSchedule *s;

  /* what the store holds, shown */
  g_assert_cmpstr (gtk_editable_get_text (day_entry (f, "Monday")), ==,
                   "09:00–12:30, 13:30–18:00");
  g_assert_cmpstr (gtk_editable_get_text (day_entry (f, "Tuesday")), ==, "");
  g_assert_nonnull (sp_test_ui_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW,
                                     "Christmas Day"));
  g_assert_false (gtk_widget_get_sensitive (CHILD ("save_button")));

  /* a time that does not read keeps Save off */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (sp_test_ui_find (
    gtk_widget_get_ancestor (GTK_WIDGET (day_entry (f, "Saturday")), ADW_TYPE_ACTION_ROW),
    GTK_TYPE_CHECK_BUTTON, NULL)), FALSE);
  sp_test_ui_set_text (day_entry (f, "Saturday"), "10:00-25:00");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (day_entry (f, "Saturday")), "error"));
  g_assert_false (gtk_widget_get_sensitive (CHILD ("save_button")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD ("state_label"))), ==,
                   "Saturday: “25:00” is not a time (HH:MM, up to 24:00).");

  /* times that read but can't be: the reason of the CSV import, and the day */
  sp_test_ui_set_text (day_entry (f, "Saturday"), "18:00-09:00");
  g_assert_false (gtk_widget_get_sensitive (CHILD ("save_button")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD ("state_label"))), ==,
                   "Saturday: opens must be before closes (“18:00-09:00”).");
  sp_test_ui_set_text (day_entry (f, "Saturday"), "09:00-12:00, 11:00-13:00");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (CHILD ("state_label"))), ==,
                   "Saturday: overlaps the interval 09:00–12:00 of the same day "
                   "(“11:00-13:00”).");

  sp_test_ui_set_text (day_entry (f, "Saturday"), "10:00-14:00");
  g_assert_true (gtk_widget_get_sensitive (CHILD ("save_button")));

  /* Monday to the weekdays */
  g_signal_emit_by_name (CHILD ("copy_button"), "clicked");
  sp_test_ui_flush ();
  g_assert_cmpstr (gtk_editable_get_text (day_entry (f, "Friday")), ==,
                   "09:00–12:30, 13:30–18:00");

  /* a closed day by date and name */
  sp_test_ui_set_text (CHILD ("add_date_entry"), "2026-12-26");
  sp_test_ui_set_text (CHILD ("add_name_entry"), "Boxing Day");
  g_signal_emit_by_name (CHILD ("add_button"), "clicked");
  sp_test_ui_flush ();
  g_assert_nonnull (sp_test_ui_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, "Boxing Day"));

  /* nothing is stored before saving */
  saved = sp_store_load_hours (f->store, NULL);
  g_assert_cmpuint (sp_hours_get_n_closed_days (saved), ==, 1);
  g_clear_pointer (&saved, sp_hours_unref);

  g_assert_true (sp_hours_page_has_changes (f->page));
  g_assert_true (sp_hours_page_save_now (f->page, &error));
  g_assert_no_error (error);

  saved = sp_store_load_hours (f->store, NULL);
  s = sp_hours_get_schedule (saved, 0);
  g_assert_cmpuint (s->days[4]->len, ==, 2);   /* Friday */
  g_assert_cmpuint (s->days[5]->len, ==, 1);   /* Saturday */
  g_assert_cmpint (g_array_index (s->days[5], SpHoursInterval, 0).closes, ==, 14 * 3600);
  g_assert_cmpuint (s->days[6]->len, ==, 0);
  g_assert_cmpuint (sp_hours_get_n_closed_days (saved), ==, 2);
  g_assert_cmpstr (sp_hours_get_closed_day (saved, 1)->name, ==, "Boxing Day");
}

/* Another program imports hours while the page is open */
static void
import_elsewhere (Fixture    *f,
                  const char *csv)
{
  g_autoptr(SpStore) other = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  sp_store_check_outside_changes (f->store, NULL);
  other = sp_store_open (sp_store_get_path (f->store), SP_STORE_OPEN_NO_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sp_import_data (other, SP_IMPORT_HOURS, "hours.csv", csv, strlen (csv), &n,
                                 &error));
  g_assert_no_error (error);
  g_clear_object (&other);

  /* what the window does every two seconds */
  g_assert_cmpint (sp_store_check_outside_changes (f->store, NULL), ==,
                   SP_STORE_OUTSIDE_CHANGED);
  sp_test_ui_flush ();
}

static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  GtkLabel *state = GTK_LABEL (CHILD ("state_label"));

  /* nothing edited: the page shows the file's new hours */
  import_elsewhere (f, "valid_from,weekday,opens,closes\n"
                       "2026-10-05,tue,08:00,16:00\n");
  g_assert_cmpstr (gtk_editable_get_text (day_entry (f, "Tuesday")), ==, "08:00–16:00");
  g_assert_cmpstr (gtk_editable_get_text (day_entry (f, "Monday")), ==, "");
  g_assert_false (sp_hours_page_has_changes (f->page));

  /* edits not saved are kept, and the page says the file changed under them */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (sp_test_ui_find (
    gtk_widget_get_ancestor (GTK_WIDGET (day_entry (f, "Wednesday")), ADW_TYPE_ACTION_ROW),
    GTK_TYPE_CHECK_BUTTON, NULL)), FALSE);
  sp_test_ui_set_text (day_entry (f, "Wednesday"), "10:00–14:00");
  import_elsewhere (f, "valid_from,weekday,opens,closes\n"
                       "2026-10-05,thu,07:00,15:00\n");
  g_assert_cmpstr (gtk_editable_get_text (day_entry (f, "Wednesday")), ==, "10:00–14:00");
  g_assert_cmpstr (gtk_editable_get_text (day_entry (f, "Thursday")), ==, "");
  g_assert_true (sp_hours_page_has_changes (f->page));
  g_assert_true (strstr (gtk_label_get_text (state), "changed elsewhere") != NULL);
}

/* Add a Closed Day: the day typed shows as it is read; what is missing is said */
static void
test_add_closed_day_feedback (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *row = CHILD ("add_row");
  GtkWidget *date = CHILD ("add_date_entry");
  GtkWidget *name = CHILD ("add_name_entry");

  sp_time_override_now (sp_test_time ("2026-10-14 10:00"));

  sp_test_ui_set_text (date, "2026-02-31");
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "“2026-02-31” is not a day of the calendar");

  sp_test_ui_set_text (date, "2026-12-24");
  g_assert_false (gtk_widget_has_css_class (date, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Thu 24 Dec");
  sp_test_ui_set_text (date, "2027-01-01");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Fri \u2007" "1 Jan 2027");

  /* + without a name: said, nothing added */
  g_signal_emit_by_name (CHILD ("add_button"), "clicked");
  sp_test_ui_flush ();
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Give the closed day a name, such as “Christmas Day”.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, "2027-01-01");

  /* + without a day */
  sp_test_ui_set_text (date, "");
  sp_test_ui_set_text (name, "New Year");
  g_signal_emit_by_name (CHILD ("add_button"), "clicked");
  sp_test_ui_flush ();
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Type the day the shop is closed.");

  /* both: added, and the fields are ready for the next */
  sp_test_ui_set_text (date, "2027-01-01");
  g_signal_emit_by_name (CHILD ("add_button"), "clicked");
  sp_test_ui_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "");
  g_assert_nonnull (sp_test_ui_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, "New Year"));

  sp_time_override_now (SP_TIME_NONE);
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

  g_test_add ("/hours-page/changed-elsewhere", Fixture, NULL, fixture_setup,
              test_changed_elsewhere, fixture_teardown);
  g_test_add ("/hours-page/edit-and-save", Fixture, NULL, fixture_setup, test_edit_and_save,
              fixture_teardown);
  g_test_add ("/hours-page/add-closed-day-feedback", Fixture, NULL, fixture_setup,
              test_add_closed_day_feedback, fixture_teardown);

  return g_test_run ();
}
