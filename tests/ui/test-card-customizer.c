/* test-card-customizer.c: the dashboard's card customiser, driven as the
 * owner does: the checks show and hide cards, the arrows move them, the
 * button restores the usual cards; the settings keep the choice and the
 * dashboard shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sp-card-customizer.h"
#include "sp-dashboard-page-private.h"
#include "sp-import.h"
#include "sp-kpi-card.h"
#include "sp-shop.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

#define TODAY "2026-03-15 12:00"

static const char contacts_csv[] =
  "received_at,channel,agent,customer,category,first_response_at,resolved_at,"
  "resolved_first_contact,escalated,talk_min,hold_min,wrap_min\n"
  "2026-03-02 09:00,phone,Ana,Kim,Billing,2026-03-02 09:01,2026-03-02 09:08,yes,no,5,1,1\n"
  "2026-03-04 10:00,email,Ben,Lou,Returns,2026-03-04 14:00,,no,yes,12,0,3\n";

/* The cards of the schema's defaults: all but resolution time and contacts */
static const char * const usual[] = {
  "csat", "fcr", "first_response_minutes", "escalation_rate", "nps", "ces", "repeat_rate",
  "aht_minutes", "utilization", "sla_compliance", "backlog", "churn_rate", "cost_per_contact",
  NULL
};

typedef struct
{
  char             *dir;
  SpWindow         *window;
  SpDashboardPage  *page;
  SpCardCustomizer *customizer;
  GSettings        *settings;
} Fixture;

static SpDashboardPage *
find_dashboard (GtkWidget *root)
{
  return SP_DASHBOARD_PAGE (sp_test_ui_find (root, SP_TYPE_DASHBOARD_PAGE, NULL));
}

static void
wait_for_loaded (SpDashboardPage *page)
{
  sp_test_wait_until (sp_dashboard_page_get_overview (page) != NULL &&
                      sp_overview_get_done (sp_dashboard_page_get_overview (page)) ==
                      SP_OVERVIEW_ALL && !sp_dashboard_page_is_loading (page));
  sp_test_ui_flush ();
}

/* The keys of the cards the dashboard shows, in order */
static GStrv
shown_cards (Fixture *f)
{
  g_autoptr(GPtrArray) cards = sp_dashboard_page_list_cards (f->page);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < cards->len; i++)
    {
      SpKpiCard *card = g_ptr_array_index (cards, i);

      g_strv_builder_add (builder, sp_kpi_to_key (sp_kpi_card_get_kpi (card)));
    }
  return g_strv_builder_end (builder);
}

/* The customiser's rows, top to bottom */
static GPtrArray *
list_rows (Fixture *f)
{
  GtkListBox *list = GTK_LIST_BOX (sp_test_ui_child (f->customizer, SP_TYPE_CARD_CUSTOMIZER,
                                                     "list"));
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_ptr_array_add (rows, row);
  return rows;
}

static GtkWidget *
find_row (Fixture *f,
          SpKpi    kpi)
{
  GtkWidget *list = sp_test_ui_child (f->customizer, SP_TYPE_CARD_CUSTOMIZER, "list");
  GtkWidget *row = sp_test_ui_find (list, ADW_TYPE_ACTION_ROW, sp_kpi_get_name (kpi));

  g_assert_nonnull (row);
  return row;
}

static GtkCheckButton *
row_check (GtkWidget *row)
{
  return GTK_CHECK_BUTTON (sp_test_ui_find (row, GTK_TYPE_CHECK_BUTTON, NULL));
}

/* The row's arrow: "go-up-symbolic" or "go-down-symbolic" */
static GtkWidget *
row_arrow (GtkWidget  *row,
           const char *icon)
{
  for (GtkWidget *w = gtk_widget_get_first_child (row); w != NULL; )
    {
      if (GTK_IS_BUTTON (w) && !GTK_IS_CHECK_BUTTON (w) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (w)), icon) == 0)
        return w;
      /* depth first through the row's boxes */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != row && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == row ? NULL : gtk_widget_get_next_sibling (w);
        }
    }

  g_error ("No %s arrow", icon);
  return NULL;
}

/* No tooltip in the popover: GTK 4.8 looks for a monitor under a popover to
 * place one, and under Xvfb's pointer it may find none */
static void
no_tooltips (GtkWidget *widget)
{
  gtk_widget_set_has_tooltip (widget, FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    no_tooltips (child);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkMenuButton *button;
  guint n = 0;

  sp_time_override_now (sp_test_time (TODAY));
  f->dir = sp_test_make_dir ();
  path = sp_test_db_path (f->dir);
  store = sp_test_open_store (f->dir);
  g_assert_true (sp_import_data (store, SP_IMPORT_CONTACTS, "contacts.csv", contacts_csv,
                                 strlen (contacts_csv), &n, &error));
  g_assert_no_error (error);
  /* a named shop: no banner asking to set it up moves the dashboard down */
  g_assert_true (sp_shop_set_name (store, "Corner Bikes", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "card-order");
  g_settings_reset (f->settings, "hidden-cards");

  f->window = sp_window_new (NULL, path);
  /* narrow enough that the popover stays clear of Xvfb's pointer, in the middle of the
   * screen: a tooltip shown there would look for a monitor under a popover */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 860, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (GTK_WIDGET (f->window));
  f->page = find_dashboard (GTK_WIDGET (f->window));
  wait_for_loaded (f->page);

  /* opened from the dashboard's header, as the owner opens it */
  f->customizer = SP_CARD_CUSTOMIZER (sp_test_ui_child (f->page, SP_TYPE_DASHBOARD_PAGE,
                                                       "card_customizer"));
  button = GTK_MENU_BUTTON (gtk_widget_get_parent (GTK_WIDGET (f->customizer)));
  g_assert_true (gtk_menu_button_get_popover (button) == GTK_POPOVER (f->customizer));
  no_tooltips (GTK_WIDGET (f->window));
  gtk_menu_button_popup (button);
  sp_test_ui_wait_mapped (GTK_WIDGET (f->customizer));
  no_tooltips (GTK_WIDGET (f->customizer));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_popover_popdown (GTK_POPOVER (f->customizer));
  sp_test_ui_flush ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  sp_test_ui_flush ();
  g_settings_reset (f->settings, "card-order");
  g_settings_reset (f->settings, "hidden-cards");
  g_clear_object (&f->settings);
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  sp_time_override_now (SP_TIME_NONE);
}

/* Every card in the list, the usual ones ticked, no arrow past either end */
static void
test_lists_every_card (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = list_rows (f);
  g_auto(GStrv) shown = shown_cards (f);
  GtkWidget *first, *last;

  g_assert_cmpstrv (shown, usual);

  /* the usual order, then the two hidden ones */
  g_assert_cmpuint (rows->len, ==, g_strv_length ((GStrv) usual) + 2);
  for (guint i = 0; usual[i] != NULL; i++)
    {
      SpKpi kpi;

      g_assert_true (sp_kpi_from_key (usual[i], &kpi));
      g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), ==,
                       sp_kpi_get_name (kpi));
      g_assert_true (gtk_check_button_get_active (row_check (g_ptr_array_index (rows, i))));
    }
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, rows->len - 2)), ==,
                   sp_kpi_get_name (SP_KPI_RESOLUTION_TIME));
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, rows->len - 1)), ==,
                   sp_kpi_get_name (SP_KPI_CONTACTS));
  g_assert_false (gtk_check_button_get_active (row_check (g_ptr_array_index (rows,
                                                                             rows->len - 1))));

  first = g_ptr_array_index (rows, 0);
  last = g_ptr_array_index (rows, rows->len - 1);
  g_assert_false (gtk_widget_get_sensitive (row_arrow (first, "go-up-symbolic")));
  g_assert_true (gtk_widget_get_sensitive (row_arrow (first, "go-down-symbolic")));
  g_assert_true (gtk_widget_get_sensitive (row_arrow (last, "go-up-symbolic")));
  g_assert_false (gtk_widget_get_sensitive (row_arrow (last, "go-down-symbolic")));
}

/* Unticking hides a card, ticking shows one; the settings keep it */
static void
test_show_and_hide (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(GStrv) hidden = NULL;
  g_auto(GStrv) shown = NULL;

  gtk_widget_activate (GTK_WIDGET (row_check (find_row (f, SP_KPI_NPS))));
  sp_test_ui_flush ();
  /* the contacts by their row: the whole row toggles its check */
  g_assert_true (gtk_widget_activate (find_row (f, SP_KPI_CONTACTS)));
  sp_test_ui_flush ();

  hidden = g_settings_get_strv (f->settings, "hidden-cards");
  g_assert_true (g_strv_contains ((const char * const *) hidden, "nps"));
  g_assert_false (g_strv_contains ((const char * const *) hidden, "contacts"));
  g_assert_true (g_strv_contains ((const char * const *) hidden, "resolution_hours"));

  shown = shown_cards (f);
  g_assert_false (g_strv_contains ((const char * const *) shown, "nps"));
  g_assert_cmpstr (shown[g_strv_length (shown) - 1], ==, "contacts");
  g_assert_cmpuint (g_strv_length (shown), ==, g_strv_length ((GStrv) usual));

  /* the list, rebuilt, says the same */
  g_assert_false (gtk_check_button_get_active (row_check (find_row (f, SP_KPI_NPS))));
  g_assert_true (gtk_check_button_get_active (row_check (find_row (f, SP_KPI_CONTACTS))));
  g_assert_true (sp_dashboard_page_is_card_hidden (f->page, SP_KPI_NPS));
}

/* The arrows move a card one place; the list and the dashboard follow */
static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_auto(GStrv) order = NULL;
  g_auto(GStrv) shown = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  sp_test_ui_activate_button (row_arrow (find_row (f, SP_KPI_FCR), "go-up-symbolic"));
  sp_test_ui_activate_button (row_arrow (find_row (f, SP_KPI_CSAT), "go-down-symbolic"));

  order = g_settings_get_strv (f->settings, "card-order");
  g_assert_cmpstr (order[0], ==, "fcr");
  g_assert_cmpstr (order[1], ==, "first_response_minutes");
  g_assert_cmpstr (order[2], ==, "csat");

  shown = shown_cards (f);
  g_assert_cmpstr (shown[0], ==, "fcr");
  g_assert_cmpstr (shown[1], ==, "first_response_minutes");
  g_assert_cmpstr (shown[2], ==, "csat");
  g_assert_cmpstr (shown[3], ==, "escalation_rate");

  rows = list_rows (f);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==,
                   sp_kpi_get_name (SP_KPI_FCR));
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 2)), ==,
                   sp_kpi_get_name (SP_KPI_CSAT));
  /* FCR is first now: it cannot go higher */
  g_assert_false (gtk_widget_get_sensitive (row_arrow (g_ptr_array_index (rows, 0),
                                                       "go-up-symbolic")));
}

/* "Restore the Usual Cards" undoes every choice */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_auto(GStrv) shown = NULL;
  GtkWidget *reset;

  sp_test_ui_activate_button (row_arrow (find_row (f, SP_KPI_NPS), "go-up-symbolic"));
  gtk_widget_activate (GTK_WIDGET (row_check (find_row (f, SP_KPI_CSAT))));
  sp_test_ui_flush ();
  shown = shown_cards (f);
  g_assert_cmpstr (shown[0], ==, "fcr");
  g_clear_pointer (&shown, g_strfreev);

  reset = sp_test_ui_find (GTK_WIDGET (f->customizer), GTK_TYPE_BUTTON,
                           "_Restore the Usual Cards");
  g_assert_nonnull (reset);
  g_assert_true (gtk_widget_get_sensitive (reset));
  sp_test_ui_activate_button (reset);

  shown = shown_cards (f);
  g_assert_cmpstrv (shown, usual);
  g_assert_true (gtk_check_button_get_active (row_check (find_row (f, SP_KPI_CSAT))));
}

/* Without the settings (no schema installed) it lists the usual order and changes nothing */
static void
test_without_settings (void)
{
  g_autoptr(SpCardCustomizer) customizer =
    SP_CARD_CUSTOMIZER (g_object_ref_sink (sp_card_customizer_new ()));
  g_autoptr(GArray) order = sp_card_customizer_dup_order (customizer, FALSE);
  GtkWidget *reset = sp_test_ui_child (customizer, SP_TYPE_CARD_CUSTOMIZER, "reset_button");

  g_assert_cmpuint (order->len, ==, SP_N_KPIS);
  g_assert_cmpint (g_array_index (order, SpKpi, 0), ==, SP_KPI_CSAT);
  g_assert_cmpint (g_array_index (order, SpKpi, order->len - 1), ==, SP_KPI_CONTACTS);
  g_assert_false (gtk_widget_get_sensitive (reset));

  sp_card_customizer_move (customizer, SP_KPI_FCR, -1);
  sp_card_customizer_set_hidden (customizer, SP_KPI_CSAT, TRUE);
  g_clear_pointer (&order, g_array_unref);
  order = sp_card_customizer_dup_order (customizer, FALSE);
  g_assert_cmpint (g_array_index (order, SpKpi, 0), ==, SP_KPI_CSAT);
  g_assert_false (sp_card_customizer_is_hidden (customizer, SP_KPI_CSAT));
}

/* GTK 4.8 places a popover on X11 by the monitor under it, and Xvfb's may
 * answer none while the dashboard behind re-lays its cards out: GDK then
 * says so as a critical, the toolkit's and not the customiser's.  This
 * program keeps criticals from aborting it (warnings and errors still do);
 * its assertions are what it tests. */
int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING);

  g_test_add_func ("/card-customizer/without-settings", test_without_settings);
  g_test_add ("/card-customizer/lists-every-card", Fixture, NULL, fixture_set_up,
              test_lists_every_card, fixture_tear_down);
  g_test_add ("/card-customizer/show-and-hide", Fixture, NULL, fixture_set_up,
              test_show_and_hide, fixture_tear_down);
  g_test_add ("/card-customizer/move", Fixture, NULL, fixture_set_up, test_move,
              fixture_tear_down);
  g_test_add ("/card-customizer/restore", Fixture, NULL, fixture_set_up, test_restore,
              fixture_tear_down);

  return g_test_run ();
}
