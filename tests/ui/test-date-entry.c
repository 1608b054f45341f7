/* test-date-entry.c: dates typed in the window as the owner's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <unistd.h>

#include "sp-contact-form.h"
#include "sp-date-time-row.h"
#include "sp-hours-page.h"
#include "sp-range-popover.h"
#include "sp-store-hours.h"
#include "sp-survey-form.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"

typedef struct
{
  char    *dir;
  SpStore *store;
  char    *locales;
} Fixture;

#define NOW "2026-10-14 10:42"

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
  setlocale (LC_TIME, "C");
  sp_test_store_close (&f->dir, &f->store);
  g_clear_pointer (&f->locales, g_free);
  sp_time_override_now (SP_TIME_NONE);
}

/* The dates of the window in @name (de_DE.UTF-8, en_US.UTF-8), made without root */
static gboolean
use_time_locale (Fixture    *f,
                 const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, ".", 2);
  g_autofree char *path = NULL;
  const char *argv[] = { "localedef", "-i", parts[0], "-f", "UTF-8", NULL, NULL };
  gboolean ok;

  /* once per build folder, shared with the core tests */
  if (f->locales == NULL)
    {
      const char *builddir = g_getenv ("SP_TEST_BUILDDIR");

      f->locales = g_build_filename (builddir ? builddir : f->dir, "locale", NULL);
      g_mkdir_with_parents (f->locales, 0755);
    }

  path = g_build_filename (f->locales, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *partial = g_strdup_printf ("%s.%d", path, getpid ());

      argv[5] = partial;
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                         G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, NULL, NULL) ||
          (g_rename (partial, path) != 0 && !g_file_test (path, G_FILE_TEST_IS_DIR)))
        {
          sp_test_remove_dir (partial);
          g_test_skip_printf ("the %s locale could not be made (localedef)", name);
          return FALSE;
        }
    }

  g_setenv ("LOCPATH", f->locales, TRUE);
  ok = setlocale (LC_TIME, name) != NULL;
  g_unsetenv ("LOCPATH");

  if (!ok)
    g_test_skip_printf ("the %s locale could not be made (localedef)", name);
  return ok;
}

#define FORM_CHILD(form, name) sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, name)

static SpContact *
log_contact (Fixture    *f,
             const char *received,
             const char *first_response,
             const char *resolved,
             const char *shown_at_first)
{
  SpContactForm *form = sp_contact_form_new (f->store, NULL);
  gint64 id;

  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));

  /* the form opens on now, written the way it is typed */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (FORM_CHILD (form, "received_row"))), ==,
                   shown_at_first);

  sp_test_ui_set_text (FORM_CHILD (form, "agent_row"), "Ana");
  sp_test_ui_set_text (FORM_CHILD (form, "received_row"), received);
  sp_test_ui_set_text (FORM_CHILD (form, "first_response_row"), first_response);
  sp_test_ui_set_text (FORM_CHILD (form, "resolved_row"), resolved);
  g_assert_null (sp_form_get_problem (SP_FORM (form)));

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  sp_test_ui_press_enter (FORM_CHILD (form, "note_row"));
  g_assert_null (form);

  id = sp_test_query_int (f->store, "SELECT max(id) FROM contacts");
  return sp_store_load_contact (f->store, id, NULL);
}

/* Germany: day first with dots, 24 hours; the Log's "13. Okt. 2026" too */
static void
test_contact_german (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SpContact) c = NULL;
  SpContactForm *form;
  GtkWidget *row;

  if (!use_time_locale (f, "de_DE.UTF-8"))
    return;

  c = log_contact (f, "13.10.2026 09:15", "13.10.2026 9:20", "+45", "14.10.2026 10:42");
  g_assert_cmpint (c->received_at, ==, sp_test_time ("2026-10-13 09:15"));
  g_assert_cmpint (c->first_response_at, ==, sp_test_time ("2026-10-13 09:20"));
  g_assert_cmpint (c->resolved_at, ==, sp_test_time ("2026-10-13 10:00"));
  g_clear_object (&c);

  c = log_contact (f, "yesterday 17:00", "13. Okt. 2026 17:05", "", "14.10.2026 10:42");
  g_assert_cmpint (c->received_at, ==, sp_test_time ("2026-10-13 17:00"));
  g_assert_cmpint (c->first_response_at, ==, sp_test_time ("2026-10-13 17:05"));
  g_clear_object (&c);

  /* a wrong one is said with an example in the locale's form, and nothing is saved */
  form = sp_contact_form_new (f->store, NULL);
  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  row = FORM_CHILD (form, "received_row");
  sp_test_ui_set_text (FORM_CHILD (form, "agent_row"), "Ana");
  sp_test_ui_set_text (row, "13/25/2026 10:00");
  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==,
                   "Received: “13/25/2026 10:00” is not a date: there is no month 25 (dates "
                   "are typed as 14.10.2026 14:00)");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  sp_test_ui_press_enter (FORM_CHILD (form, "note_row"));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 2);

  /* "now" and a time alone become the full date as it is typed here */
  sp_test_ui_set_text (row, "9:05");
  sp_date_time_row_normalize (SP_DATE_TIME_ROW (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "14.10.2026 09:05");
}

/* The United States: month first, AM and PM */
static void
test_contact_american (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SpContact) c = NULL;

  if (!use_time_locale (f, "en_US.UTF-8"))
    return;

  c = log_contact (f, "10/13/2026 9:15 AM", "10/13/2026 2:00 PM", "10/13/2026 14:30",
                   "10/14/2026 10:42 AM");
  g_assert_cmpint (c->received_at, ==, sp_test_time ("2026-10-13 09:15"));
  g_assert_cmpint (c->first_response_at, ==, sp_test_time ("2026-10-13 14:00"));
  g_assert_cmpint (c->resolved_at, ==, sp_test_time ("2026-10-13 14:30"));
  g_clear_object (&c);

  /* ISO always */
  c = log_contact (f, "2026-10-12 16:00", "2026-10-12T16:10", "", "10/14/2026 10:42 AM");
  g_assert_cmpint (c->received_at, ==, sp_test_time ("2026-10-12 16:00"));
  g_assert_cmpint (c->first_response_at, ==, sp_test_time ("2026-10-12 16:10"));
}

/* Survey cards from yesterday */
static void
test_survey_german (Fixture       *f,
                    gconstpointer  data)
{
  SpSurveyForm *form;
  GtkWidget *row;

  if (!use_time_locale (f, "de_DE.UTF-8"))
    return;

  form = sp_survey_form_new (f->store, NULL);
  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  row = sp_test_ui_child (form, SP_TYPE_SURVEY_FORM, "answered_row");

  sp_test_ui_set_text (row, "12.10.2026 16:30");
  g_assert_null (sp_date_time_row_get_error (SP_DATE_TIME_ROW (row)));
  g_assert_cmpint (sp_date_time_row_get_time (SP_DATE_TIME_ROW (row)), ==,
                   sp_test_time ("2026-10-12 16:30"));
  sp_test_ui_set_text (row, "-1");
  g_assert_cmpint (sp_date_time_row_get_time (SP_DATE_TIME_ROW (row)), ==,
                   sp_test_time ("2026-10-13 10:42"));
  sp_test_ui_set_text (row, "12.10. 16:30");
  g_assert_cmpstr (sp_date_time_row_get_error (SP_DATE_TIME_ROW (row)), ==,
                   "Answered: “12.10. 16:30” is not a date: use 14.10.2026 14:00");
}

#define HOURS_CHILD(name) sp_test_ui_child (page, SP_TYPE_HOURS_PAGE, name)

/* A closed day typed as in Germany */
static void
test_closed_day_german (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SpHours) saved = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *entry;
  SpHoursPage *page;

  if (!use_time_locale (f, "de_DE.UTF-8"))
    return;

  window = adw_preferences_window_new ();
  page = SP_HOURS_PAGE (sp_hours_page_new (f->store));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (window);

  entry = HOURS_CHILD ("add_date_entry");
  /* the example is today, in the locale's form */
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==, "14.10.2026");

  sp_test_ui_set_text (entry, "31.02.2026");
  sp_test_ui_set_text (HOURS_CHILD ("add_name_entry"), "Nothing");
  g_signal_emit_by_name (HOURS_CHILD ("add_button"), "clicked");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (entry), ==,
                   "“31.02.2026” is not a day of the calendar");

  sp_test_ui_set_text (entry, "24.12.2026");
  sp_test_ui_set_text (HOURS_CHILD ("add_name_entry"), "Heiligabend");
  g_signal_emit_by_name (HOURS_CHILD ("add_button"), "clicked");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (sp_hours_page_save_now (page, &error));
  g_assert_no_error (error);

  saved = sp_store_load_hours (f->store, NULL);
  g_assert_cmpuint (sp_hours_get_n_closed_days (saved), ==, 1);
  g_assert_cmpint (sp_hours_get_closed_day (saved, 0)->date, ==, sp_test_date ("2026-12-24"));
  g_assert_cmpstr (sp_hours_get_closed_day (saved, 0)->name, ==, "Heiligabend");
}

static void
applied_cb (SpRangePopover *popover,
            const SpPeriod *days,
            SpPeriod       *out)
{
  *out = *days;
}

/* A period chooser's days typed as in Germany, shown in its calendars */
static void
test_range_german (Fixture       *f,
                   gconstpointer  data)
{
  SpPeriod applied = { SP_DATE_NONE, SP_DATE_NONE };
  GtkWidget *window, *button, *popover, *from, *to, *hint, *apply;
  g_autoptr(GDateTime) shown = NULL;

  if (!use_time_locale (f, "de_DE.UTF-8"))
    return;

  window = gtk_window_new ();
  button = gtk_menu_button_new ();
  popover = sp_range_popover_new ();
  sp_range_popover_set_period (SP_RANGE_POPOVER (popover),
                               &(SpPeriod) { sp_test_date ("2026-10-01"),
                                             sp_test_date ("2026-10-14") });
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (window);
  g_signal_connect (popover, "apply", G_CALLBACK (applied_cb), &applied);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  sp_test_ui_flush ();

  from = sp_test_ui_child (popover, SP_TYPE_RANGE_POPOVER, "from_entry");
  to = sp_test_ui_child (popover, SP_TYPE_RANGE_POPOVER, "to_entry");
  hint = sp_test_ui_child (popover, SP_TYPE_RANGE_POPOVER, "hint_label");
  apply = sp_test_ui_child (popover, SP_TYPE_RANGE_POPOVER, "apply_button");

  /* it opens on its days, written as they are typed here */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, "01.10.2026");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "14.10.2026");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (hint)), ==, "14 days");

  /* a wrong day: said, and nothing to apply */
  sp_test_ui_set_text (to, "31.09.2026");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "31.09.2026");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (hint)), ==,
                   "“31.09.2026” is not a day of the calendar");
  g_assert_false (gtk_widget_get_sensitive (apply));

  /* typed days show in the calendars; Enter applies them */
  sp_test_ui_set_text (from, "5.10.2026");
  sp_test_ui_set_text (to, "19.10.2026");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (hint)), ==, "15 days");
  shown = gtk_calendar_get_date (GTK_CALENDAR (sp_test_ui_child (popover, SP_TYPE_RANGE_POPOVER,
                                                                 "to_calendar")));
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 19);
  g_signal_emit_by_name (to, "activate");
  sp_test_ui_flush ();
  g_assert_cmpint (applied.from, ==, sp_test_date ("2026-10-05"));
  g_assert_cmpint (applied.to, ==, sp_test_date ("2026-10-19"));
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/date-entry/contact/de_DE", test_contact_german);
  ADD ("/date-entry/contact/en_US", test_contact_american);
  ADD ("/date-entry/survey/de_DE", test_survey_german);
  ADD ("/date-entry/closed-day/de_DE", test_closed_day_german);
  ADD ("/date-entry/period/de_DE", test_range_german);

  return g_test_run ();
}
