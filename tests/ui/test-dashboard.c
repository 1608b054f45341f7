/* test-dashboard.c: the dashboard shows the engine's figures, compares periods,
 * keeps the owner's cards and review notes, and drills down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sp-dashboard-page-private.h"
#include "sp-import.h"
#include "sp-kpi-card.h"
#include "sp-kpi-engine.h"
#include "sp-log-page.h"
#include "sp-range-popover.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

/* "Today" for these tests: Sunday 15 March 2026, noon */
#define TODAY "2026-03-15 12:00"

static const char contacts_csv[] =
  "received_at,channel,agent,customer,category,first_response_at,resolved_at,"
  "resolved_first_contact,escalated,talk_min,hold_min,wrap_min\n"
  /* February */
  "2026-02-02 09:00,phone,Ana,Kim,Billing,2026-02-02 09:02,2026-02-02 09:10,yes,no,6,1,1\n"
  "2026-02-03 10:00,email,Ben,Lou,Returns,2026-02-03 12:00,2026-02-04 10:00,no,yes,10,0,2\n"
  "2026-02-10 11:00,chat,Ana,Max,Billing,2026-02-10 11:01,2026-02-10 11:09,yes,no,5,0,1\n"
  "2026-02-17 14:00,phone,Ben,Ned,Delivery,2026-02-17 14:05,2026-02-17 14:20,yes,no,9,2,2\n"
  /* March, up to the 15th */
  "2026-03-02 09:00,phone,Ana,Kim,Billing,2026-03-02 09:01,2026-03-02 09:08,yes,no,5,1,1\n"
  "2026-03-03 09:30,phone,Ana,Ola,Billing,2026-03-03 09:33,2026-03-03 09:40,yes,no,4,0,1\n"
  "2026-03-04 10:00,email,Ben,Lou,Returns,2026-03-04 14:00,,no,yes,12,0,3\n"
  "2026-03-05 15:00,chat,Ben,Pia,Delivery,2026-03-05 15:02,2026-03-05 15:30,no,yes,8,0,2\n"
  "2026-03-06 16:00,phone,Cara,Max,Billing,2026-03-06 16:04,2026-03-06 16:15,yes,no,7,1,1\n"
  "2026-03-09 11:00,in_person,Cara,,Warranty,2026-03-09 11:00,2026-03-09 11:12,yes,no,10,0,2\n"
  "2026-03-10 12:00,phone,Ana,Ned,Delivery,2026-03-10 12:02,2026-03-10 12:09,yes,no,5,0,1\n"
  "2026-03-12 13:00,email,Ben,Quin,Billing,2026-03-12 16:00,2026-03-13 10:00,no,no,6,0,2\n";

static const char surveys_csv[] =
  "answered_at,kind,score,customer,agent,channel\n"
  "2026-02-02 10:00,csat,5,Kim,Ana,phone\n"
  "2026-02-04 11:00,csat,2,Lou,Ben,email\n"
  "2026-02-17 15:00,csat,4,Ned,Ben,phone\n"
  "2026-03-02 10:00,csat,5,Kim,Ana,phone\n"
  "2026-03-03 10:00,csat,4,Ola,Ana,phone\n"
  "2026-03-05 16:00,csat,1,Pia,Ben,chat\n"
  "2026-03-06 17:00,csat,5,Max,Cara,phone\n"
  "2026-03-10 13:00,nps,10,Ned,Ana,phone\n"
  "2026-03-12 17:00,nps,6,Quin,Ben,email\n";

typedef struct
{
  char     *dir;
  char     *path;
  SpWindow *window;
} Fixture;

/* Whether the review of @week as saved has a focus ending with @end */
static gboolean
review_focus_ends_with (Fixture        *f,
                        const SpPeriod *week,
                        const char     *end)
{
  g_autoptr(SpReview) saved = sp_store_load_review (sp_window_get_store (f->window),
                                                    SP_REVIEW_WEEKLY, week, NULL);

  return saved != NULL && saved->focus != NULL && g_str_has_suffix (saved->focus, end);
}

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static SpDashboardPage *
find_dashboard (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      SpDashboardPage *found;

      if (SP_IS_DASHBOARD_PAGE (child))
        return SP_DASHBOARD_PAGE (child);
      if ((found = find_dashboard (child)))
        return found;
    }

  return NULL;
}

static SpLogPage *
find_log_page (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      SpLogPage *found;

      if (SP_IS_LOG_PAGE (child))
        return SP_LOG_PAGE (child);
      if ((found = find_log_page (child)))
        return found;
    }

  return NULL;
}

/* Iterates until the dashboard has computed every part of its period */
static void
wait_for_loaded (SpDashboardPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  iterate ();
  while (sp_dashboard_page_get_overview (page) == NULL ||
         sp_overview_get_done (sp_dashboard_page_get_overview (page)) != SP_OVERVIEW_ALL ||
         sp_dashboard_page_is_loading (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate ();
}

static void
fixture_open (Fixture *f)
{
  f->window = sp_window_new (NULL, f->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (GTK_WIDGET (f->window));
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  iterate ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  sp_time_override_now (sp_test_time (TODAY));
  f->dir = sp_test_make_dir ();
  f->path = sp_test_db_path (f->dir);

  store = sp_test_open_store (f->dir);
  g_assert_true (sp_import_data (store, SP_IMPORT_CONTACTS, "contacts.csv", contacts_csv,
                                 strlen (contacts_csv), &n, &error));
  g_assert_no_error (error);
  g_assert_true (sp_import_data (store, SP_IMPORT_SURVEYS, "surveys.csv", surveys_csv,
                                 strlen (surveys_csv), &n, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* each test starts from the usual cards and period */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_reset (settings, "card-order");
    g_settings_reset (settings, "hidden-cards");
    g_settings_reset (settings, "last-period");
  }

  fixture_open (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window)
    fixture_close (f);
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  sp_time_override_now (SP_TIME_NONE);
}

/* The cards say what the engine computes, value and change */
static void
assert_cards_match_engine (SpDashboardPage *page)
{
  SpStore *store = sp_dashboard_page_get_store (page);
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (store);
  g_autoptr(SpKpiSet) current = NULL;
  g_autoptr(SpKpiSet) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = sp_dashboard_page_list_cards (page);
  SpPeriod period, previous;
  guint compared = 0;

  sp_dashboard_page_get_period (page, NULL, &period, &previous);
  current = sp_kpi_engine_compute (engine, &period, NULL, &error);
  g_assert_no_error (error);
  before = sp_kpi_engine_compute (engine, &previous, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (cards->len, >=, 13);

  for (guint i = 0; i < cards->len; i++)
    {
      SpKpiCard *card = g_ptr_array_index (cards, i);
      SpKpi kpi = sp_kpi_card_get_kpi (card);
      const SpKpiValue *v = sp_kpi_set_get (current, kpi);
      const SpKpiValue *b = sp_kpi_set_get (before, kpi);
      g_autofree char *expected = isfinite (v->value) ? sp_kpi_format_value (kpi, v->value, NULL)
                                                      : g_strdup ("—");

      g_assert_cmpstr (sp_kpi_card_get_value_text (card), ==, expected);

      if (isfinite (v->value) && isfinite (b->value))
        {
          g_autofree char *change = sp_kpi_format_change_or_none (kpi, b->value, v->value, NULL);
          g_autofree char *days = sp_period_format_short (&previous);
          g_autofree char *compare = g_strdup_printf ("vs %s", days);

          g_assert_cmpstr (sp_kpi_card_get_change_text (card), ==, change);
          /* the days it is compared with, not "last month" */
          if (kpi != SP_KPI_CHURN && kpi != SP_KPI_COST_PER_CONTACT)
            {
              g_assert_cmpstr (sp_kpi_card_get_compare_text (card), ==, compare);
              compared++;
            }
        }

      if (sp_kpi_has_status (kpi) && v->status != SP_STATUS_NONE)
        {
          g_autofree char *status = sp_kpi_format_status (v);

          g_assert_cmpstr (sp_kpi_card_get_status_text (card), ==, status);
        }
    }
  g_assert_cmpuint (compared, >, 0);
}

static void
test_cards (Fixture       *f,
            gconstpointer  data)
{
  SpDashboardPage *page = find_dashboard (GTK_WIDGET (f->window));
  g_autoptr(GPtrArray) cards = NULL;
  SpPeriodChoice choice;
  SpPeriod period, previous;

  g_assert_nonnull (page);
  wait_for_loaded (page);
  g_assert_cmpstr (sp_dashboard_page_get_visible_page (page), ==, "overview");

  /* this month so far, against the same days of last month */
  sp_dashboard_page_get_period (page, &choice, &period, &previous);
  g_assert_cmpint (choice, ==, SP_PERIOD_THIS_MONTH);
  g_assert_cmpint (period.from, ==, sp_test_date ("2026-03-01"));
  g_assert_cmpint (period.to, ==, sp_test_date ("2026-03-15"));
  g_assert_cmpint (previous.from, ==, sp_test_date ("2026-02-01"));
  g_assert_cmpint (previous.to, ==, sp_test_date ("2026-02-15"));

  /* the Core Four first */
  cards = sp_dashboard_page_list_cards (page);
  g_assert_cmpint (sp_kpi_card_get_kpi (g_ptr_array_index (cards, 0)), ==, SP_KPI_CSAT);
  g_assert_cmpint (sp_kpi_card_get_kpi (g_ptr_array_index (cards, 1)), ==, SP_KPI_FCR);
  g_assert_cmpint (sp_kpi_card_get_kpi (g_ptr_array_index (cards, 2)), ==, SP_KPI_FIRST_RESPONSE);
  g_assert_cmpint (sp_kpi_card_get_kpi (g_ptr_array_index (cards, 3)), ==,
                   SP_KPI_ESCALATION_RATE);

  assert_cards_match_engine (page);

  /* and by hand: 3 of March's 4 CSAT answers are 4 or 5; 2 of its 8 contacts escalated */
  {
    SpKpiCard *csat = sp_dashboard_page_get_card (page, SP_KPI_CSAT);
    SpKpiCard *escalation = sp_dashboard_page_get_card (page, SP_KPI_ESCALATION_RATE);
    g_autofree char *csat_text = sp_kpi_format_value (SP_KPI_CSAT, 75, NULL);
    g_autofree char *escalation_text = sp_kpi_format_value (SP_KPI_ESCALATION_RATE, 25, NULL);

    g_assert_cmpstr (sp_kpi_card_get_value_text (csat), ==, csat_text);
    g_assert_cmpstr (sp_kpi_card_get_value_text (escalation), ==, escalation_text);
    /* 4 answers and 8 contacts are far too few to judge: a neutral word, no colour */
    g_assert_cmpstr (sp_kpi_card_get_status_text (csat), ==, "Too few to judge (n = 4)");
    g_assert_cmpstr (sp_kpi_card_get_status_text (escalation), ==, "Too few to judge (n = 8)");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (escalation), "status-too-few"));
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (escalation), "status-act"));
  }
}

static void
test_period_comparison (Fixture       *f,
                        gconstpointer  data)
{
  SpDashboardPage *page = find_dashboard (GTK_WIDGET (f->window));
  SpPeriod period, previous;
  SpPeriod custom = { sp_test_date ("2026-02-10"), sp_test_date ("2026-03-11") };

  wait_for_loaded (page);

  sp_dashboard_page_set_period (page, SP_PERIOD_LAST_MONTH, NULL);
  wait_for_loaded (page);
  sp_dashboard_page_get_period (page, NULL, &period, &previous);
  g_assert_cmpint (period.from, ==, sp_test_date ("2026-02-01"));
  g_assert_cmpint (period.to, ==, sp_test_date ("2026-02-28"));
  g_assert_cmpint (previous.from, ==, sp_test_date ("2026-01-01"));
  g_assert_cmpint (previous.to, ==, sp_test_date ("2026-01-31"));
  assert_cards_match_engine (page);
  /* the period in the one way the report and the workbook write it too */
  {
    AdwButtonContent *content = ADW_BUTTON_CONTENT (sp_test_ui_child (page,
                                                                      SP_TYPE_DASHBOARD_PAGE,
                                                                      "range_content"));
    GtkLabel *compare = GTK_LABEL (sp_test_ui_child (page, SP_TYPE_DASHBOARD_PAGE,
                                                     "compare_label"));
    g_autofree char *text = sp_period_format (&period);

    g_assert_cmpstr (adw_button_content_get_label (content), ==, text);
    g_assert_cmpstr (adw_button_content_get_label (content), ==, "February 2026");
    g_assert_cmpstr (gtk_label_get_label (compare), ==, "compared with January 2026");
  }

  /* this month has no whole month: churn and cost come from February, labelled so */
  sp_dashboard_page_set_period (page, SP_PERIOD_THIS_MONTH, NULL);
  wait_for_loaded (page);
  sp_dashboard_page_get_period (page, NULL, &period, &previous);
  g_assert_cmpint (previous.from, ==, sp_test_date ("2026-02-01"));
  g_assert_cmpint (previous.to, ==, sp_test_date ("2026-02-15"));
  for (SpKpi kpi = SP_KPI_CHURN; kpi <= SP_KPI_COST_PER_CONTACT; kpi++)
    {
      SpKpiCard *card = sp_dashboard_page_get_card (page, kpi);
      GtkLabel *detail = GTK_LABEL (sp_test_ui_child (card, SP_TYPE_KPI_CARD, "detail_label"));

      if (kpi != SP_KPI_CHURN && kpi != SP_KPI_COST_PER_CONTACT)
        continue;
      g_assert_cmpstr (gtk_label_get_label (detail), ==, "Feb 2026, last whole month");
    }

  sp_dashboard_page_set_period (page, SP_PERIOD_THIS_WEEK, NULL);
  wait_for_loaded (page);
  sp_dashboard_page_get_period (page, NULL, &period, &previous);
  g_assert_cmpint (period.from, ==, sp_test_date ("2026-03-09"));
  g_assert_cmpint (previous.from, ==, sp_test_date ("2026-03-02"));
  g_assert_cmpint (previous.to, ==, sp_test_date ("2026-03-08"));
  assert_cards_match_engine (page);

  /* a custom range against as many days just before it, remembered */
  sp_dashboard_page_set_period (page, SP_PERIOD_CUSTOM, &custom);
  wait_for_loaded (page);
  sp_dashboard_page_get_period (page, NULL, &period, &previous);
  g_assert_cmpint (period.from, ==, custom.from);
  g_assert_cmpint (previous.to, ==, custom.from - 1);
  g_assert_cmpint (previous.to - previous.from, ==, custom.to - custom.from);
  assert_cards_match_engine (page);

  fixture_close (f);
  fixture_open (f);
  page = find_dashboard (GTK_WIDGET (f->window));
  wait_for_loaded (page);
  sp_dashboard_page_get_period (page, NULL, &period, NULL);
  g_assert_cmpint (period.from, ==, custom.from);
  g_assert_cmpint (period.to, ==, custom.to);

  /* a period shown before comes back from the cache at once */
  sp_dashboard_page_set_period (page, SP_PERIOD_LAST_MONTH, NULL);
  wait_for_loaded (page);
  sp_dashboard_page_set_period (page, SP_PERIOD_CUSTOM, &custom);
  g_assert_false (sp_dashboard_page_is_loading (page));
  g_assert_cmpuint (sp_overview_get_done (sp_dashboard_page_get_overview (page)), ==,
                    SP_OVERVIEW_ALL);
}

/* The days are chosen in the popover of the period bar, and only whole ranges are shown */
static void
range_applied_cb (SpRangePopover *popover,
                  const SpPeriod *days,
                  SpPeriod       *applied)
{
  *applied = *days;
}

/* The days are chosen in the popover of the period bar, and only whole ranges are shown */
static void
test_custom_range (Fixture       *f,
                   gconstpointer  data)
{
  SpDashboardPage *page = find_dashboard (GTK_WIDGET (f->window));
  GtkMenuButton *button = GTK_MENU_BUTTON (sp_test_ui_child (page, SP_TYPE_DASHBOARD_PAGE,
                                                             "range_button"));
  GtkDropDown *dropdown = GTK_DROP_DOWN (sp_test_ui_child (page, SP_TYPE_DASHBOARD_PAGE,
                                                           "period_dropdown"));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  GtkWidget *show = sp_test_ui_find (popover, GTK_TYPE_BUTTON, "_Show");
  SpPeriodChoice choice;
  SpPeriod period, previous, shown;
  SpPeriod applied = { SP_DATE_NONE, SP_DATE_NONE };

  g_assert_nonnull (show);
  g_assert_true (SP_IS_RANGE_POPOVER (popover));
  g_signal_connect (popover, "apply", G_CALLBACK (range_applied_cb), &applied);
  /* the UI tests share a display: another one's window must not close it by taking the focus */
  gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
  wait_for_loaded (page);

  /* "Custom Range" opens the popover on the days shown; the period stays until they are chosen */
  gtk_drop_down_set_selected (dropdown, SP_PERIOD_CUSTOM);
  sp_test_ui_flush ();
  g_assert_true (gtk_widget_get_visible (popover));
  sp_dashboard_page_get_period (page, &choice, NULL, NULL);
  g_assert_cmpint (choice, ==, SP_PERIOD_THIS_MONTH);
  sp_test_ui_assert_days (popover, sp_test_date ("2026-03-01"), sp_test_date ("2026-03-15"),
                          "15 days");
  g_assert_true (gtk_widget_get_sensitive (show));

  /* closed without choosing: the period bar goes back to what is shown */
  gtk_popover_popdown (GTK_POPOVER (popover));
  sp_test_ui_flush ();
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, SP_PERIOD_THIS_MONTH);

  gtk_menu_button_popup (button);
  sp_test_ui_flush ();
  g_assert_true (gtk_widget_get_visible (popover));

  /* the last day before the first: nothing to show; a single day is a range too */
  sp_test_ui_choose_days (popover, sp_test_date ("2026-03-10"), sp_test_date ("2026-03-09"),
                          "The first day comes after the last.");
  g_assert_false (gtk_widget_get_sensitive (show));
  g_assert_cmpint (applied.from, ==, SP_DATE_NONE);
  sp_test_ui_choose_days (popover, sp_test_date ("2026-03-10"), sp_test_date ("2026-03-10"),
                          "1 day");
  g_assert_true (gtk_widget_get_sensitive (show));

  sp_test_ui_choose_days (popover, sp_test_date ("2026-02-10"), sp_test_date ("2026-03-11"),
                          "30 days");
  g_signal_emit_by_name (show, "clicked");
  sp_test_ui_flush ();
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpint (applied.from, ==, sp_test_date ("2026-02-10"));
  g_assert_cmpint (applied.to, ==, sp_test_date ("2026-03-11"));

  wait_for_loaded (page);
  sp_dashboard_page_get_period (page, &choice, &period, &previous);
  g_assert_cmpint (choice, ==, SP_PERIOD_CUSTOM);
  g_assert_cmpint (period.from, ==, sp_test_date ("2026-02-10"));
  g_assert_cmpint (period.to, ==, sp_test_date ("2026-03-11"));
  g_assert_cmpint (previous.to, ==, period.from - 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, SP_PERIOD_CUSTOM);
  assert_cards_match_engine (page);
  sp_range_popover_get_period (SP_RANGE_POPOVER (popover), &shown);
  g_assert_cmpint (shown.from, ==, period.from);
  g_assert_cmpint (shown.to, ==, period.to);

  /* opened again, it shows the range chosen, not the days last clicked */
  sp_test_ui_assert_days_kept (button, period.from, period.to, "30 days");
}

static gboolean
has_class_within (GtkWidget  *widget,
                  const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_class_within (c, css_class))
      return TRUE;
  return FALSE;
}

/* A change that rounds to nothing is "no change", neutral, with no arrow */
static void
test_card_no_change (void)
{
  GtkWidget *card = g_object_ref_sink (sp_kpi_card_new (SP_KPI_SLA_COMPLIANCE));
  SpKpiValue now = { 96.658, 329, NAN, NAN, SP_STATUS_GOOD };
  SpKpiValue before = { 96.676, 340, NAN, NAN, SP_STATUS_GOOD };

  sp_kpi_card_set_values (SP_KPI_CARD (card), &now, &before, "1 – 7 Nov 2026", NULL);
  g_assert_cmpstr (sp_kpi_card_get_change_text (SP_KPI_CARD (card)), ==, "no change");
  g_assert_false (has_class_within (card, "bad"));
  g_assert_true (has_class_within (card, "neutral"));

  now.value = 96.3;
  sp_kpi_card_set_values (SP_KPI_CARD (card), &now, &before, "1 – 7 Nov 2026", NULL);
  g_assert_cmpstr (sp_kpi_card_get_change_text (SP_KPI_CARD (card)), ==, "-0.4 pts");
  g_assert_true (has_class_within (card, "bad"));

  g_assert_true (sp_kpi_change_is_none (SP_KPI_SLA_COMPLIANCE, 96.676, 96.658));
  g_assert_false (sp_kpi_change_is_none (SP_KPI_SLA_COMPLIANCE, 96.676, 96.6));
  g_object_unref (card);
}

/* Utilization rests on minutes of shifts, shown in hours as everywhere else */
static void
test_card_utilization_hours (void)
{
  GtkWidget *card = g_object_ref_sink (sp_kpi_card_new (SP_KPI_UTILIZATION));
  SpKpiValue now = { 70, 720, NAN, NAN, SP_STATUS_TOO_FEW };
  g_autofree char *status = sp_kpi_format_status_of (SP_KPI_UTILIZATION, &now);
  g_autofree char *csat = sp_kpi_format_status_of (SP_KPI_CSAT,
                                                   &(SpKpiValue) { 80, 3, NAN, NAN,
                                                                   SP_STATUS_TOO_FEW });

  sp_kpi_card_set_values (SP_KPI_CARD (card), &now, NULL, NULL, NULL);
  g_assert_cmpstr (sp_kpi_card_get_status_text (SP_KPI_CARD (card)), ==,
                   "Too few to judge (n = 12 h)");
  g_assert_cmpstr (status, ==, "Too few to judge (n = 12 h)");
  g_assert_cmpstr (csat, ==, "Too few to judge (n = 3)");
  g_object_unref (card);
}

static void
test_periods_of_choices (void)
{
  SpDate today = sp_test_date ("2026-03-31");
  SpPeriod p, b;

  sp_dashboard_period_for_choice (SP_PERIOD_THIS_MONTH, today, NULL, &p, &b);
  /* February has no 29th to 31st: the comparison stops at its end */
  g_assert_cmpint (b.from, ==, sp_test_date ("2026-02-01"));
  g_assert_cmpint (b.to, ==, sp_test_date ("2026-02-28"));

  sp_dashboard_period_for_choice (SP_PERIOD_THIS_QUARTER, sp_test_date ("2026-02-10"), NULL,
                                  &p, &b);
  g_assert_cmpint (p.from, ==, sp_test_date ("2026-01-01"));
  g_assert_cmpint (b.from, ==, sp_test_date ("2025-10-01"));
  g_assert_cmpint (b.to, ==, sp_test_date ("2025-11-10"));

  sp_dashboard_period_for_choice (SP_PERIOD_THIS_YEAR, sp_test_date ("2028-02-29"), NULL, &p,
                                  &b);
  g_assert_cmpint (p.from, ==, sp_test_date ("2028-01-01"));
  g_assert_cmpint (b.from, ==, sp_test_date ("2027-01-01"));
  g_assert_cmpint (b.to, ==, sp_test_date ("2027-02-28"));

  sp_dashboard_period_for_choice (SP_PERIOD_LAST_WEEK, sp_test_date ("2026-03-09"), NULL, &p,
                                  &b);
  g_assert_cmpint (p.from, ==, sp_test_date ("2026-03-02"));
  g_assert_cmpint (p.to, ==, sp_test_date ("2026-03-08"));
  g_assert_cmpint (b.from, ==, sp_test_date ("2026-02-23"));
}

static GStrv
card_keys (SpDashboardPage *page)
{
  g_autoptr(GPtrArray) cards = sp_dashboard_page_list_cards (page);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < cards->len; i++)
    g_strv_builder_add (builder, sp_kpi_to_key (sp_kpi_card_get_kpi (g_ptr_array_index (cards,
                                                                                        i))));
  return g_strv_builder_end (builder);
}

static void
test_cards_hide_reorder (Fixture       *f,
                         gconstpointer  data)
{
  SpDashboardPage *page = find_dashboard (GTK_WIDGET (f->window));
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_auto(GStrv) reopened = NULL;

  wait_for_loaded (page);
  before = card_keys (page);
  g_assert_cmpstr (before[0], ==, "csat");
  g_assert_true (g_strv_contains ((const char * const *) before, "nps"));
  g_assert_false (g_strv_contains ((const char * const *) before, "contacts"));

  /* NPS hidden, the contacts shown, FCR first and then back */
  sp_dashboard_page_set_card_hidden (page, SP_KPI_NPS, TRUE);
  sp_dashboard_page_set_card_hidden (page, SP_KPI_CONTACTS, FALSE);
  sp_dashboard_page_move_card (page, SP_KPI_FCR, -1);
  iterate ();
  after = card_keys (page);
  g_assert_cmpstr (after[0], ==, "fcr");
  g_assert_cmpstr (after[1], ==, "csat");
  g_assert_false (g_strv_contains ((const char * const *) after, "nps"));
  g_assert_true (g_strv_contains ((const char * const *) after, "contacts"));
  g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before));

  /* moved past others, hidden ones counted as the card list shows them */
  sp_dashboard_page_move_card (page, SP_KPI_ESCALATION_RATE, -1);
  sp_dashboard_page_move_card (page, SP_KPI_CES, -3);
  iterate ();
  g_strfreev (after);
  after = card_keys (page);
  g_assert_cmpstr (after[0], ==, "fcr");
  g_assert_cmpstr (after[1], ==, "csat");
  g_assert_cmpstr (after[2], ==, "ces");
  g_assert_cmpstr (after[3], ==, "escalation_rate");
  g_assert_cmpstr (after[4], ==, "first_response_minutes");

  /* kept: a new window shows the same cards, in the same order */
  fixture_close (f);
  fixture_open (f);
  page = find_dashboard (GTK_WIDGET (f->window));
  wait_for_loaded (page);
  reopened = card_keys (page);
  g_assert_cmpstrv (reopened, after);
  g_assert_true (sp_dashboard_page_is_card_hidden (page, SP_KPI_NPS));
}

static void
test_refresh_after_logging (Fixture       *f,
                            gconstpointer  data)
{
  SpDashboardPage *page = find_dashboard (GTK_WIDGET (f->window));
  SpStore *store = sp_window_get_store (f->window);
  g_autoptr(SpContact) contact = sp_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpOverview) first = NULL;
  gint64 contacts;

  wait_for_loaded (page);
  first = sp_overview_ref (sp_dashboard_page_get_overview (page));
  contacts = first->current->contacts;

  contact->received_at = sp_test_time ("2026-03-14 10:00");
  contact->channel = SP_CHANNEL_PHONE;
  contact->agent_name = g_strdup ("Ana");
  g_assert_true (sp_store_save_contact (store, contact, &error));
  g_assert_no_error (error);

  /* at once: a new computation starts on the next turn of the main loop */
  iterate ();
  wait_for_loaded (page);
  g_assert_true (sp_dashboard_page_get_overview (page) != first);
  g_assert_cmpint (sp_dashboard_page_get_overview (page)->current->contacts, ==, contacts + 1);
  assert_cards_match_engine (page);
}

/* Another program (here another connection) saves a contact: the window
 * notices by itself, with nothing done in it */
static void
test_refresh_after_other_program (Fixture       *f,
                                  gconstpointer  data)
{
  SpDashboardPage *page = find_dashboard (GTK_WIDGET (f->window));
  g_autoptr(SpStore) other = NULL;
  g_autoptr(SpContact) contact = sp_contact_new ();
  g_autoptr(GError) error = NULL;
  gint64 contacts;

  wait_for_loaded (page);
  contacts = sp_dashboard_page_get_overview (page)->current->contacts;

  other = sp_store_open (f->path, SP_STORE_OPEN_NO_CREATE, &error);
  g_assert_no_error (error);
  contact->received_at = sp_test_time ("2026-03-14 10:00");
  contact->channel = SP_CHANNEL_PHONE;
  contact->agent_name = g_strdup ("Ana");
  g_assert_true (sp_store_save_contact (other, contact, &error));
  g_assert_no_error (error);

  sp_test_wait_until (sp_dashboard_page_get_overview (page) != NULL &&
                      sp_overview_get_done (sp_dashboard_page_get_overview (page)) ==
                      SP_OVERVIEW_ALL &&
                      sp_dashboard_page_get_overview (page)->current->contacts == contacts + 1);
  wait_for_loaded (page);
  assert_cards_match_engine (page);
}

static void
test_drill_down (Fixture       *f,
                 gconstpointer  data)
{
  SpDashboardPage *page = find_dashboard (GTK_WIDGET (f->window));
  SpKpiPage *kpi_page;
  SpContactFilter filter;
  SpContactFilter expected;

  wait_for_loaded (page);

  /* a click on a card opens its page */
  g_signal_emit_by_name (sp_dashboard_page_get_card (page, SP_KPI_ESCALATION_RATE), "clicked");
  iterate ();
  g_assert_cmpstr (sp_dashboard_page_get_visible_page (page), ==, "kpi");
  kpi_page = sp_dashboard_page_get_kpi_page (page);
  g_assert_cmpint (sp_kpi_page_get_kpi (kpi_page), ==, SP_KPI_ESCALATION_RATE);

  /* "Show the Contacts": the escalated contacts of the period, in the Log */
  sp_kpi_page_get_contact_filter (kpi_page, &expected);
  g_assert_cmpint (expected.state, ==, SP_CONTACT_STATE_ESCALATED);
  g_assert_cmpint (expected.from, ==, sp_test_date ("2026-03-01"));
  g_assert_cmpint (expected.to, ==, sp_test_date ("2026-03-15"));
  sp_window_show_contacts (f->window, &expected);
  iterate ();
  sp_log_page_get_contact_filter (find_log_page (GTK_WIDGET (f->window)), &filter);
  g_assert_cmpint (filter.state, ==, SP_CONTACT_STATE_ESCALATED);
  g_assert_cmpint (filter.from, ==, expected.from);
  g_assert_cmpint (filter.to, ==, expected.to);

  sp_window_show_page (f->window, "dashboard");
  sp_dashboard_page_go_back (page);
  iterate ();
  g_assert_cmpstr (sp_dashboard_page_get_visible_page (page), ==, "overview");

  /* a survey KPI's evidence is its answers: "Show the Answers", lowest score first */
  {
    SpSurveyFilter answers, shown;
    GtkWidget *button = sp_test_ui_child (kpi_page, SP_TYPE_KPI_PAGE, "contacts_button");

    g_assert_false (sp_kpi_page_get_answer_filter (kpi_page, &answers));
    g_signal_emit_by_name (sp_dashboard_page_get_card (page, SP_KPI_CSAT), "clicked");
    iterate ();
    g_assert_cmpint (sp_kpi_page_get_kpi (kpi_page), ==, SP_KPI_CSAT);
    g_assert_cmpstr (adw_button_content_get_label (ADW_BUTTON_CONTENT (
                       gtk_button_get_child (GTK_BUTTON (button)))), ==, "Show the _Answers");
    g_assert_true (sp_kpi_page_get_answer_filter (kpi_page, &answers));
    g_assert_cmpint (answers.kind, ==, SP_SURVEY_CSAT);
    g_assert_cmpint (answers.from, ==, sp_test_date ("2026-03-01"));
    g_assert_cmpint (answers.to, ==, sp_test_date ("2026-03-15"));

    g_signal_emit_by_name (button, "clicked");
    iterate ();
    sp_log_page_get_survey_filter (find_log_page (GTK_WIDGET (f->window)), &shown);
    g_assert_cmpint (shown.kind, ==, SP_SURVEY_CSAT);
    g_assert_cmpint (shown.from, ==, answers.from);
    g_assert_cmpint (shown.to, ==, answers.to);
    g_assert_cmpint (shown.sort, ==, SP_SURVEY_SORT_SCORE);
    g_assert_false (shown.descending);

    sp_window_show_page (f->window, "dashboard");
    sp_dashboard_page_go_back (page);
    iterate ();
  }

  /* the reviews open from the dashboard too */
  sp_dashboard_page_open_review (page, SP_REVIEW_MONTHLY);
  iterate ();
  g_assert_cmpstr (sp_dashboard_page_get_visible_page (page), ==, "review");
  g_assert_cmpint (sp_review_page_get_cadence (sp_dashboard_page_get_review_page (page)), ==,
                   SP_REVIEW_MONTHLY);
}

static void
type_review (SpReviewPage *review,
             const char   *focus,
             const char   *notes)
{
  g_autoptr(GError) error = NULL;

  gtk_editable_set_text (sp_review_page_get_focus_entry (review), focus);
  gtk_text_buffer_set_text (sp_review_page_get_notes_buffer (review), notes, -1);
  g_assert_true (sp_review_page_save (review, &error));
  g_assert_no_error (error);
}

static char *
notes_text (SpReviewPage *review)
{
  GtkTextBuffer *buffer = sp_review_page_get_notes_buffer (review);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_review_notes (Fixture       *f,
                   gconstpointer  data)
{
  SpDashboardPage *page = find_dashboard (GTK_WIDGET (f->window));
  SpReviewPage *review;
  const SpPeriod *week;
  SpPeriod next;
  g_autofree char *notes = NULL;

  wait_for_loaded (page);
  sp_dashboard_page_open_review (page, SP_REVIEW_WEEKLY);
  review = sp_dashboard_page_get_review_page (page);

  /* the week just ended */
  week = sp_review_page_get_period (review);
  g_assert_cmpint (week->from, ==, sp_test_date ("2026-03-02"));
  g_assert_cmpint (week->to, ==, sp_test_date ("2026-03-08"));

  type_review (review, "Returns by email take two contacts", "Ben to shadow Ana on Tuesday.");

  /* typing alone saves too, a moment later */
  gtk_editable_set_text (sp_review_page_get_focus_entry (review),
                         "Returns by email take two contacts: give Ben refund authority");
  sp_test_wait_until (review_focus_ends_with (f, week, "refund authority"));

  /* kept across closing and opening again */
  fixture_close (f);
  fixture_open (f);
  page = find_dashboard (GTK_WIDGET (f->window));
  wait_for_loaded (page);
  sp_dashboard_page_open_review (page, SP_REVIEW_WEEKLY);
  review = sp_dashboard_page_get_review_page (page);
  g_assert_cmpstr (gtk_editable_get_text (sp_review_page_get_focus_entry (review)), ==,
                   "Returns by email take two contacts: give Ben refund authority");
  notes = notes_text (review);
  g_assert_cmpstr (notes, ==, "Ben to shadow Ana on Tuesday.");

  /* and shown in the next week's review, which starts blank */
  next = sp_review_shift_period (SP_REVIEW_WEEKLY, sp_review_page_get_period (review), 1);
  sp_review_page_open (review, SP_REVIEW_WEEKLY, &next);
  g_assert_cmpstr (gtk_editable_get_text (sp_review_page_get_focus_entry (review)), ==, "");
  g_assert_nonnull (sp_review_page_get_previous (review));
  g_assert_cmpstr (sp_review_page_get_previous (review)->focus, ==,
                   "Returns by email take two contacts: give Ben refund authority");
}

/* Run without the settings schema installed (the binary straight from a
 * build tree): the dashboard still shows this month against the last one */
static void
test_without_schema (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(SpDashboardPage) page = NULL;
      SpPeriodChoice choice;
      SpPeriod period, previous;

      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      g_assert_null (schema);
      sp_time_override_now (sp_test_time (TODAY));
      page = g_object_ref_sink (g_object_new (SP_TYPE_DASHBOARD_PAGE, NULL));
      sp_dashboard_page_get_period (page, &choice, &period, &previous);
      g_assert_cmpint (choice, ==, SP_PERIOD_THIS_MONTH);
      g_assert_cmpint (period.from, ==, sp_test_date ("2026-03-01"));
      g_assert_cmpint (period.to, ==, sp_test_date ("2026-03-15"));
      g_assert_cmpint (previous.from, ==, sp_test_date ("2026-02-01"));
      return;
    }

  /* only the build tree's compiled schema has ours */
  {
    g_autofree char *dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));

    g_unsetenv ("GSETTINGS_SCHEMA_DIR");
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    if (dir != NULL)
      g_setenv ("GSETTINGS_SCHEMA_DIR", dir, TRUE);
    g_test_trap_assert_passed ();
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dashboard/periods-of-choices", test_periods_of_choices);
  g_test_add_func ("/dashboard/without-schema", test_without_schema);
  g_test_add_func ("/dashboard/card-no-change", test_card_no_change);
  g_test_add_func ("/dashboard/card-utilization-hours", test_card_utilization_hours);
  g_test_add ("/dashboard/cards", Fixture, NULL, fixture_set_up, test_cards, fixture_tear_down);
  g_test_add ("/dashboard/period-comparison", Fixture, NULL, fixture_set_up,
              test_period_comparison, fixture_tear_down);
  g_test_add ("/dashboard/custom-range", Fixture, NULL, fixture_set_up, test_custom_range,
              fixture_tear_down);
  g_test_add ("/dashboard/cards-hide-reorder", Fixture, NULL, fixture_set_up,
              test_cards_hide_reorder, fixture_tear_down);
  g_test_add ("/dashboard/refresh-after-logging", Fixture, NULL, fixture_set_up,
              test_refresh_after_logging, fixture_tear_down);
  g_test_add ("/dashboard/refresh-after-other-program", Fixture, NULL, fixture_set_up,
              test_refresh_after_other_program, fixture_tear_down);
  g_test_add ("/dashboard/drill-down", Fixture, NULL, fixture_set_up, test_drill_down,
              fixture_tear_down);
  g_test_add ("/dashboard/review-notes", Fixture, NULL, fixture_set_up, test_review_notes,
              fixture_tear_down);

  return g_test_run ();
}
