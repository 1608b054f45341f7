/* test-shifts-month.c: a week of shifts at once, and the figures of a month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-month-form.h"
#include "sp-shifts-form.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"

typedef struct
{
  char    *dir;
  SpStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sp_test_store_open (&f->dir, &f->store);
  sp_time_override_now (sp_test_time ("2026-10-14 16:20"));

  sp_store_ensure_entity (f->store, SP_ENTITY_AGENT, "Ana", &error);
  sp_store_ensure_entity (f->store, SP_ENTITY_AGENT, "Ben", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  sp_test_store_close (&f->dir, &f->store);
  sp_time_override_now (SP_TIME_NONE);
}

static double
hours_of (SpStore    *store,
          const char *agent,
          const char *day)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce((SELECT available_hours FROM shifts s "
                                          "JOIN agents a ON a.id = s.agent_id WHERE a.name = '%s' "
                                          "AND s.date = %d), -1)", agent, sp_test_date (day));

  return sp_test_query_double (store, sql);
}

static void
type_cell (SpShiftsForm *form,
           const char   *agent,
           int           weekday,
           const char   *text)
{
  GtkEditable *cell = sp_shifts_form_get_cell (form, agent, weekday);

  g_assert_nonnull (cell);
  sp_test_ui_set_text (cell, text);
}

/* Fill a whole week, with a new agent; empty a day to remove it */
static void
test_week (Fixture       *f,
           gconstpointer  data)
{
  SpShiftsForm *form = sp_shifts_form_new (f->store);
  GtkEntry *add;

  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));

  g_assert_cmpint (sp_shifts_form_get_week (form), ==, sp_test_date ("2026-10-12"));
  g_assert_true (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.next-week"));

  type_cell (form, "Ana", 1, "8");
  type_cell (form, "Ana", 2, "7,5");
  type_cell (form, "Ben", 3, "25");

  /* refused, and said; the week can't be left with unsaved hours */
  {
    g_autoptr(GDateTime) wednesday = sp_time_to_date_time (sp_test_time ("2026-10-14 00:00"));
    g_autofree char *day = g_date_time_format (wednesday, "%a %e");
    g_autofree char *expected = g_strdup_printf ("Ben, %s: available hours must be more than 0 "
                                                 "and at most 24.", day);

    g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==, expected);
  }
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (sp_shifts_form_get_cell (form, "Ben", 3)),
                                           "error"));
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.save"));
  g_assert_true (sp_test_ui_has_binding (GTK_WIDGET (form), "<Control>s", "form.save"));
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.next-week"));

  type_cell (form, "Ben", 3, "4");
  g_assert_null (sp_form_get_problem (SP_FORM (form)));

  /* another agent, typed in the last row */
  {
    GtkWidget *grid = sp_test_ui_child (form, SP_TYPE_SHIFTS_FORM, "grid");

    add = NULL;
    for (GtkWidget *w = gtk_widget_get_first_child (grid); w; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_ENTRY (w) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (w)),
                                         "Another agent…") == 0)
        add = GTK_ENTRY (w);
  }
  g_assert_nonnull (add);
  sp_test_ui_set_text (add, "Cleo");
  g_signal_emit_by_name (add, "activate");
  sp_test_ui_flush ();
  type_cell (form, "Cleo", 5, "6");
  type_cell (form, "Cleo", 6, "0");

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  sp_test_ui_press_enter (sp_shifts_form_get_cell (form, "Cleo", 5));
  g_assert_null (form);

  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM shifts"), ==, 4);
  g_assert_cmpfloat (hours_of (f->store, "Ana", "2026-10-12"), ==, 8);
  g_assert_cmpfloat (hours_of (f->store, "Ana", "2026-10-13"), ==, 7.5);
  g_assert_cmpfloat (hours_of (f->store, "Ben", "2026-10-14"), ==, 4);
  g_assert_cmpfloat (hours_of (f->store, "Cleo", "2026-10-16"), ==, 6);

  /* the week again: what was saved is shown; emptying a day removes it */
  form = sp_shifts_form_new (f->store);
  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  g_assert_cmpstr (gtk_editable_get_text (sp_shifts_form_get_cell (form, "Ana", 2)), ==, "7.5");
  g_assert_cmpstr (gtk_editable_get_text (sp_shifts_form_get_cell (form, "Cleo", 5)), ==, "6");
  g_assert_false (sp_form_get_dirty (SP_FORM (form)));

  type_cell (form, "Ana", 2, "");
  type_cell (form, "Ana", 1, "6");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  sp_test_ui_flush ();

  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM shifts"), ==, 3);
  g_assert_cmpfloat (hours_of (f->store, "Ana", "2026-10-13"), ==, -1);
  g_assert_cmpfloat (hours_of (f->store, "Ana", "2026-10-12"), ==, 6);

  /* another week is empty */
  form = sp_shifts_form_new (f->store);
  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.next-week", NULL);
  sp_test_ui_flush ();
  g_assert_cmpint (sp_shifts_form_get_week (form), ==, sp_test_date ("2026-10-19"));
  g_assert_cmpstr (gtk_editable_get_text (sp_shifts_form_get_cell (form, "Ana", 1)), ==, "");
}

#define MONTH_CHILD(form, name) sp_test_ui_child (form, SP_TYPE_MONTH_FORM, name)

static void
assert_month_refused (SpMonthForm *form,
                      const char  *field,
                      const char  *text,
                      const char  *message)
{
  sp_test_ui_set_text (MONTH_CHILD (form, field), text);
  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==, message);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (MONTH_CHILD (form, "message_label"))), ==,
                   message);
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (form), "form.save"));
}

static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SpMonthFigures) saved = NULL;
  SpMonthForm *form = sp_month_form_new (f->store);

  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));

  /* last month is the one usually entered */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (MONTH_CHILD (form, "month_row"))),
                    ==, 1);
  g_assert_cmpstr (sp_form_get_problem (SP_FORM (form)), ==,
                   "Enter what customer service cost this month.");
  g_assert_true (sp_test_ui_has_binding (GTK_WIDGET (form), "<Control>s", "form.save"));

  assert_month_refused (form, "cost_row", "lots", "Operating cost: “lots” is not a number");
  assert_month_refused (form, "cost_row", "-5", "The operating cost can't be negative.");
  sp_test_ui_set_text (MONTH_CHILD (form, "cost_row"), "14250,50");
  sp_test_ui_set_text (MONTH_CHILD (form, "start_row"), "100");
  sp_test_ui_set_text (MONTH_CHILD (form, "new_row"), "9");
  assert_month_refused (form, "lost_row", "120",
                        "Customers lost (120) can't be more than customers at the start of the "
                        "month (100).");
  assert_month_refused (form, "lost_row", "-1", "Customer counts can't be negative.");
  sp_test_ui_set_text (MONTH_CHILD (form, "lost_row"), "4");
  g_assert_null (sp_form_get_problem (SP_FORM (form)));

  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  sp_test_ui_press_enter (MONTH_CHILD (form, "lost_row"));
  g_assert_null (form);

  saved = sp_store_load_month_figures (f->store, 2026, 9, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpfloat (saved->operating_cost, ==, 14250.5);
  g_assert_cmpint (saved->customers_start, ==, 100);
  g_assert_cmpint (saved->customers_lost, ==, 4);
  g_assert_cmpint (saved->customers_new, ==, 9);

  /* opening it again shows it; another month is empty */
  form = sp_month_form_new (f->store);
  gtk_window_present (GTK_WINDOW (form));
  sp_test_ui_wait_mapped (GTK_WIDGET (form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (MONTH_CHILD (form, "start_row"))), ==,
                   "100");
  sp_month_form_show_month (form, 2026, 8);
  sp_test_ui_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (MONTH_CHILD (form, "start_row"))), ==,
                   "");
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/shifts/week", test_week);
  ADD ("/month-figures/month", test_month);

  return g_test_run ();
}
