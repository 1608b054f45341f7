/* sp-dashboard-page.c
 *
 * The screen the owner opens every morning: the period, a card per KPI
 * (the Core Four first), what to look at, the charts and each agent
 * against the team.  The figures are computed on a worker thread with a
 * read-only connection of its own, the cards first; a period shown
 * before comes back at once from a cache that any change to the records
 * empties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-dashboard-page"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>

#include "sp-application.h"
#include "sp-card-customizer.h"
#include "sp-chart-view.h"
#include "sp-dashboard-page-private.h"
#include "sp-goal-row.h"
#include "sp-kpi-card.h"
#include "sp-kpi-charts.h"
#include "sp-kpi-page.h"
#include "sp-range-popover.h"
#include "sp-review-page.h"
#include "sp-scorecard.h"
#include "sp-widget.h"
#include "sp-window.h"

#define MAX_FINDINGS 5
#define MAX_GOALS 3

typedef enum
{
  CHART_CSAT,
  CHART_FCR,
  CHART_FIRST_RESPONSE,
  CHART_ESCALATION,
  CHART_NPS,
  CHART_VOLUME,
  CHART_TOPICS,
  CHART_CHANNELS,
  N_CHARTS
} ChartSlot;

struct _SpDashboardPage
{
  AdwBin             parent_instance;

  SpStore           *store;
  SpBenchmarks      *benchmarks;
  GSettings         *settings;

  SpPeriodChoice     choice;
  SpPeriod           period;
  SpPeriod           previous;
  SpOverview        *overview;
  GHashTable        *cache;          /* "from:to:from:to" → SpOverview, complete */
  GCancellable      *cancellable;
  GCancellable      *goals_cancellable;
  GPtrArray         *goals;          /* SpGoalProgress of the open goals, most urgent first */
  guint              refresh_source;
  gboolean           goals_stale;    /* evaluation stopped when the page left its window */
  gboolean           refresh_stale;  /* the store changed while the page was out of a window */
  gboolean           has_contacts;
  gboolean           all_findings;
  SpKpi              open_kpi;
  guint              updating;

  GtkWidget         *cards[SP_N_KPIS];
  SpChartView       *charts[N_CHARTS];

  gint64             load_started;
  double             figures_ms;
  double             all_ms;

  /* template */
  GtkStack          *stack;
  AdwLeaflet        *leaflet;
  GtkDropDown       *period_dropdown;
  GtkMenuButton     *range_button;
  SpRangePopover    *range_popover;
  AdwButtonContent  *range_content;
  GtkLabel          *compare_label;
  GtkSpinner        *spinner;
  SpCardCustomizer  *card_customizer;
  GtkFlowBox        *cards_box;
  GtkWidget         *goals_header;
  GtkListBox        *goals_list;
  GtkLabel          *findings_heading;
  GtkListBox        *findings_list;
  GtkFlowBox        *charts_box;
  SpScorecard       *scorecard;
  SpKpiPage         *kpi_page;
  SpReviewPage      *review_page;
};

G_DEFINE_FINAL_TYPE (SpDashboardPage, sp_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void load_period (SpDashboardPage *self);
static double goal_target (SpDashboardPage *self,
                           SpKpi            kpi);
static void rebuild_cards (SpDashboardPage *self);

/* Periods */

/*
 * The period of @choice on @today, and what it is compared with
 * (sp_period_previous_on()): the same days of the week, month, quarter or
 * year before a running one; the month or week before a whole one; the
 * days just before a custom range.
 */
void
sp_dashboard_period_for_choice (SpPeriodChoice  choice,
                                SpDate          today,
                                const SpPeriod *custom,
                                SpPeriod       *period,
                                SpPeriod       *previous)
{
  static const SpPeriodPreset presets[] = {
    [SP_PERIOD_THIS_WEEK] = SP_PERIOD_PRESET_THIS_WEEK,
    [SP_PERIOD_LAST_WEEK] = SP_PERIOD_PRESET_LAST_WEEK,
    [SP_PERIOD_THIS_MONTH] = SP_PERIOD_PRESET_THIS_MONTH,
    [SP_PERIOD_LAST_MONTH] = SP_PERIOD_PRESET_LAST_MONTH,
    [SP_PERIOD_THIS_QUARTER] = SP_PERIOD_PRESET_THIS_QUARTER,
    [SP_PERIOD_THIS_YEAR] = SP_PERIOD_PRESET_THIS_YEAR,
  };

  g_return_if_fail (period != NULL);
  g_return_if_fail (previous != NULL);

  if (choice < G_N_ELEMENTS (presets))
    {
      *period = sp_period_preset (presets[choice], today);
      *previous = sp_period_preset_previous (presets[choice], today);
      return;
    }

  if (custom != NULL && custom->from <= custom->to)
    *period = *custom;
  else
    *period = sp_period_preset (SP_PERIOD_PRESET_LAST_30_DAYS, today);
  *previous = sp_period_previous_on (period, today);
}

/*
 * What a card's change is against, in a few words: the days themselves
 * ("1 – 7 Nov 2026", "Oct 2026"), as the period module writes them, since
 * "last month" would not say that only its first days count.
 */
static char *
compare_short (const SpPeriod *previous)
{
  return sp_period_format_short (previous);
}

/* Settings */

static gboolean
parse_day (const char *text,
           SpDate     *date)
{
  return text && *text && sp_date_parse (text, date, NULL);
}

static void
load_period_settings (SpDashboardPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  SpPeriod custom = { SP_DATE_NONE, SP_DATE_NONE };
  SpDate a, b;

  self->choice = SP_PERIOD_THIS_MONTH;

  /* without the schema installed (the binary run from a build tree) the
   * period is still this month's, never one left at zero */
  if (self->settings != NULL)
    {
      self->choice = g_settings_get_enum (self->settings, "last-period");
      from = g_settings_get_string (self->settings, "custom-period-from");
      to = g_settings_get_string (self->settings, "custom-period-to");
    }

  if (parse_day (from, &a) && parse_day (to, &b) && a <= b)
    custom = sp_period_make (a, b);
  else if (self->choice == SP_PERIOD_CUSTOM)
    self->choice = SP_PERIOD_THIS_MONTH;

  sp_dashboard_period_for_choice (self->choice, sp_date_today (),
                                  custom.from != SP_DATE_NONE ? &custom : NULL,
                                  &self->period, &self->previous);
}

static void
save_period_settings (SpDashboardPage *self)
{
  if (self->settings == NULL)
    return;

  g_settings_set_enum (self->settings, "last-period", self->choice);

  if (self->choice == SP_PERIOD_CUSTOM)
    {
      g_autofree char *from = sp_date_format_iso (self->period.from);
      g_autofree char *to = sp_date_format_iso (self->period.to);

      g_settings_set_string (self->settings, "custom-period-from", from);
      g_settings_set_string (self->settings, "custom-period-to", to);
    }
}

gboolean
sp_dashboard_page_is_card_hidden (SpDashboardPage *self,
                                  SpKpi            kpi)
{
  g_return_val_if_fail (SP_IS_DASHBOARD_PAGE (self), FALSE);

  return sp_card_customizer_is_hidden (self->card_customizer, kpi);
}

void
sp_dashboard_page_set_card_hidden (SpDashboardPage *self,
                                   SpKpi            kpi,
                                   gboolean         hide)
{
  g_return_if_fail (SP_IS_DASHBOARD_PAGE (self));

  sp_card_customizer_set_hidden (self->card_customizer, kpi, hide);
}

/* Moves @kpi's card @delta places (−1: one earlier) among all cards, hidden ones too */
void
sp_dashboard_page_move_card (SpDashboardPage *self,
                             SpKpi            kpi,
                             int              delta)
{
  g_return_if_fail (SP_IS_DASHBOARD_PAGE (self));

  sp_card_customizer_move (self->card_customizer, kpi, delta);
}

/* Returns: (transfer container) (element-type SpKpiCard) */
GPtrArray *
sp_dashboard_page_list_cards (SpDashboardPage *self)
{
  GPtrArray *cards = g_ptr_array_new ();

  g_return_val_if_fail (SP_IS_DASHBOARD_PAGE (self), cards);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (SP_IS_KPI_CARD (card))
        g_ptr_array_add (cards, card);
    }

  return cards;
}

SpKpiCard *
sp_dashboard_page_get_card (SpDashboardPage *self,
                            SpKpi            kpi)
{
  g_return_val_if_fail (SP_IS_DASHBOARD_PAGE (self), NULL);
  g_return_val_if_fail (kpi < SP_N_KPIS, NULL);

  return self->cards[kpi] ? SP_KPI_CARD (self->cards[kpi]) : NULL;
}

/* Showing what was computed */

static void
update_card (SpDashboardPage *self,
             SpKpi            kpi)
{
  SpOverview *o = self->overview;
  SpKpiCard *card = SP_KPI_CARD (self->cards[kpi]);

  if (o == NULL)
    return;

  if (sp_overview_get_done (o) & SP_OVERVIEW_FIGURES)
    {
      SpKpiSet *current, *before;

      sp_kpi_card_set_note (card, sp_kpi_set_get_time_basis (o->current, kpi));
      if (sp_overview_get_figures (o, kpi, &current, &before))
        {
          g_autofree char *month = sp_period_format_short (&current->period);
          g_autofree char *previous = sp_period_format (&before->period);
          /* TRANSLATORS: under churn or cost per contact on a period without a whole
           * month: the month it shows instead, "November 2026, last whole month" */
          g_autofree char *detail = g_strdup_printf (_("%s, last whole month"), month);

          sp_kpi_card_set_values (card, sp_kpi_set_get (current, kpi),
                                  sp_kpi_set_get (before, kpi), previous, current->currency);
          sp_kpi_card_set_detail (card, detail);
        }
      else
        {
          g_autofree char *compare = compare_short (&o->previous);

          sp_kpi_card_set_values (card, sp_kpi_set_get (o->current, kpi),
                                  sp_kpi_set_get (o->before, kpi), compare, o->current->currency);
        }

      if (kpi == SP_KPI_BACKLOG)
        {
          gint64 old = o->current->backlog_older_than_48h;
          g_autofree char *detail =
            /* TRANSLATORS: on the backlog card: the open contacts older than 48 hours */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRId64 " waiting over 48 h",
                                          "%'" PRId64 " waiting over 48 h",
                                          (gulong) MAX (old, 0)), old);

          sp_kpi_card_set_detail (card, detail);
        }
      else if (kpi == SP_KPI_CONTACTS)
        {
          gint64 complaints = o->current->complaints;
          g_autofree char *detail =
            /* TRANSLATORS: on the contacts card: how many were complaints */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRId64 " complaint",
                                          "%'" PRId64 " complaints",
                                          (gulong) MAX (complaints, 0)), complaints);

          sp_kpi_card_set_detail (card, detail);
        }
    }

  if (sp_overview_get_done (o) & SP_OVERVIEW_TRENDS)
    {
      g_autoptr(SpChart) spark = sp_kpi_chart_new_sparkline (kpi, sp_overview_get_trend (o, kpi));

      sp_kpi_card_set_sparkline (card, spark);
    }
}

static void
card_clicked_cb (SpKpiCard       *card,
                 SpDashboardPage *self)
{
  sp_dashboard_page_open_kpi (self, sp_kpi_card_get_kpi (card));
}

static void
rebuild_cards (SpDashboardPage *self)
{
  g_autoptr(GArray) order = sp_card_customizer_dup_order (self->card_customizer, FALSE);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))))
    gtk_flow_box_remove (self->cards_box, child);

  for (guint i = 0; i < order->len; i++)
    {
      SpKpi kpi = g_array_index (order, SpKpi, i);

      if (self->cards[kpi] == NULL)
        {
          self->cards[kpi] = g_object_ref_sink (sp_kpi_card_new (kpi));
          g_signal_connect (self->cards[kpi], "clicked", G_CALLBACK (card_clicked_cb), self);
          update_card (self, kpi);
        }

      gtk_flow_box_append (self->cards_box, self->cards[kpi]);
      gtk_widget_set_focusable (gtk_widget_get_parent (self->cards[kpi]), FALSE);
    }
}

static void
set_chart (SpDashboardPage *self,
           ChartSlot        slot,
           SpChart         *chart)
{
  sp_chart_view_set_chart (self->charts[slot], chart);
}

static void
update_charts (SpDashboardPage *self,
               SpOverviewParts  parts)
{
  SpOverview *o = self->overview;

  if (parts & SP_OVERVIEW_FIGURES)
    {
      g_autoptr(SpChart) response = sp_kpi_chart_new_first_response (o->current, self->benchmarks);
      g_autoptr(SpChart) topics = sp_kpi_chart_new_by_topic (o->current, 6);
      g_autoptr(SpChart) channels = sp_kpi_chart_new_by_channel (o->current);

      set_chart (self, CHART_FIRST_RESPONSE, response);
      set_chart (self, CHART_TOPICS, topics);
      set_chart (self, CHART_CHANNELS, channels);
    }

  if (parts & SP_OVERVIEW_TRENDS)
    {
      g_autoptr(SpChart) csat = sp_kpi_chart_new_trend (SP_KPI_CSAT, o->trend, self->benchmarks,
                                                        goal_target (self, SP_KPI_CSAT));
      g_autoptr(SpChart) fcr = sp_kpi_chart_new_trend (SP_KPI_FCR, o->trend, self->benchmarks,
                                                       goal_target (self, SP_KPI_FCR));
      g_autoptr(GPtrArray) recent = g_ptr_array_new ();
      g_autoptr(SpChart) nps = NULL;

      /* NPS is a relationship measure: its last six periods, the latest at the bottom */
      for (guint i = o->trend->len > 6 ? o->trend->len - 6 : 0; i < o->trend->len; i++)
        g_ptr_array_add (recent, g_ptr_array_index (o->trend, i));
      nps = sp_kpi_chart_new_nps (recent, FALSE);

      set_chart (self, CHART_CSAT, csat);
      set_chart (self, CHART_FCR, fcr);
      set_chart (self, CHART_NPS, nps);
    }

  if (parts & SP_OVERVIEW_AGENTS)
    {
      g_autoptr(SpChart) escalation = sp_kpi_chart_new_breakdown (SP_KPI_ESCALATION_RATE,
                                                                  o->agents, o->current,
                                                                  self->benchmarks);

      set_chart (self, CHART_ESCALATION, escalation);
      sp_scorecard_set_data (self->scorecard, o->agents, o->current);
    }

  if (parts & SP_OVERVIEW_VOLUME)
    {
      g_autoptr(SpChart) volume = sp_kpi_chart_new_volume ((const gint64 (*)[24]) o->volume);

      set_chart (self, CHART_VOLUME, volume);
    }
}

/* Goals, most urgent first: the ones behind and at risk lead */

/* The whole shop's open goal on @kpi over the trend's days, for a target line */
static double
goal_target (SpDashboardPage *self,
             SpKpi            kpi)
{
  g_autoptr(GPtrArray) goals = NULL;

  if (self->store == NULL || self->overview == NULL)
    return NAN;

  goals = sp_store_list_goals (self->store, FALSE, NULL);
  return goals ? sp_goals_find_target (goals, kpi, NULL, &self->overview->trend_range) : NAN;
}

static void
goal_activated_cb (SpDashboardPage *self,
                   GtkListBoxRow   *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "goal-id"));

  if (SP_IS_WINDOW (root))
    sp_window_show_goal (SP_WINDOW (root), id);
}

static void
goals_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SpDashboardPage) self = user_data;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n_shown = 0;

  goals = sp_goal_tracker_evaluate_store_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* a job that finished (perhaps failed: its shop closed) just before the page let go of it
   * or asked again: what it found is of no use any more */
  if (G_IS_TASK (result) && g_task_get_cancellable (G_TASK (result)) != self->goals_cancellable)
    return;
  g_clear_object (&self->goals_cancellable);

  if (error != NULL)
    g_warning ("The goals can't be shown on the dashboard: %s", error->message);

  g_clear_pointer (&self->goals, g_ptr_array_unref);
  self->goals = goals ? g_ptr_array_ref (goals) : NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->goals_list))))
    gtk_list_box_remove (self->goals_list, child);

  /* Above the cards, only what needs the owner: behind, missed or at risk */
  for (guint i = 0; goals != NULL && i < goals->len && n_shown < MAX_GOALS; i++)
    {
      SpGoalProgress *p = g_ptr_array_index (goals, i);

      if (sp_goal_status_get_urgency (p->status) >
          sp_goal_status_get_urgency (SP_GOAL_STATUS_AT_RISK))
        break;
      gtk_list_box_append (self->goals_list, sp_goal_row_new (p));
      n_shown++;
    }

  if (goals != NULL && goals->len > 0 && n_shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* TRANSLATORS: a single goal; the plural says how
                                             * many */
                                            "No goal needs attention: the goal is on track, "
                                            "achieved or still to start",
                                            "No goal needs attention: %u goals are on track, "
                                            "achieved or still to start", goals->len),
                               goals->len);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "sp-goal-on-track-symbolic");
      gtk_widget_add_css_class (row, "finding-good");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->goals_list, row);
    }

  gtk_widget_set_visible (self->goals_header, goals != NULL && goals->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->goals_list), goals != NULL && goals->len > 0);
}

static void
load_goals (SpDashboardPage *self)
{
  if (self->goals_cancellable != NULL)
    g_cancellable_cancel (self->goals_cancellable);
  g_clear_object (&self->goals_cancellable);
  self->goals_stale = FALSE;

  if (self->store == NULL)
    return;

  self->goals_cancellable = g_cancellable_new ();
  sp_goal_tracker_evaluate_store_async (self->store, FALSE, sp_date_today (),
                                        self->goals_cancellable, goals_loaded_cb,
                                        g_object_ref (self));
}

static const char *
severity_icon (SpInsightSeverity severity)
{
  switch (severity)
    {
    case SP_INSIGHT_ACT:
      return "dialog-error-symbolic";
    case SP_INSIGHT_WATCH:
      return "dialog-warning-symbolic";
    case SP_INSIGHT_CAUTION:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_class (SpInsightSeverity severity)
{
  switch (severity)
    {
    case SP_INSIGHT_ACT:
      return "finding-act";
    case SP_INSIGHT_WATCH:
      return "finding-watch";
    case SP_INSIGHT_CAUTION:
    default:
      return "finding-caution";
    }
}

static void
finding_activated_cb (AdwActionRow    *row,
                      SpDashboardPage *self)
{
  SpKpi kpi = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kpi"));
  SpSegmentKind split = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "split"));

  sp_dashboard_page_open_kpi (self, kpi);

  /* a finding about one agent, channel or topic opens on that breakdown */
  if (split != SP_SEGMENT_ALL)
    sp_kpi_page_set_split (self->kpi_page, split);
}

static void update_findings (SpDashboardPage *self);

static void
show_all_findings_cb (SpDashboardPage *self)
{
  self->all_findings = TRUE;
  update_findings (self);
}

static void
update_findings (SpDashboardPage *self)
{
  SpOverview *o = self->overview;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))))
    gtk_list_box_remove (self->findings_list, child);

  if (o->findings == NULL || o->findings->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing needs your attention"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Every KPI with a benchmark is where it should be."));
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "object-select-symbolic");
      gtk_widget_add_css_class (row, "finding-good");
      gtk_list_box_append (self->findings_list, row);
      return;
    }

  for (guint i = 0; i < o->findings->len; i++)
    {
      SpInsight *insight = g_ptr_array_index (o->findings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      /* TRANSLATORS: %s is a KPI's name; the button opens its page */
      g_autofree char *tooltip = g_strdup_printf (_("Open %s"), sp_kpi_get_name (insight->kpi));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), insight->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), insight->body);
      {
        GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (insight->severity));

        gtk_widget_add_css_class (icon, "severity");
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_widget_set_tooltip_text (row, tooltip);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, severity_class (insight->severity));
      g_object_set_data (G_OBJECT (row), "kpi", GUINT_TO_POINTER (insight->kpi));
      g_object_set_data (G_OBJECT (row), "split", GUINT_TO_POINTER (insight->segment.kind));
      g_signal_connect (row, "activated", G_CALLBACK (finding_activated_cb), self);
      gtk_list_box_append (self->findings_list, row);

      /* the most important few; the rest a click away, so the charts stay in sight */
      gtk_widget_set_visible (row, i < MAX_FINDINGS || self->all_findings);
    }

  if (o->findings->len > MAX_FINDINGS && !self->all_findings)
    {
      GtkWidget *row = adw_action_row_new ();
      guint more = o->findings->len - MAX_FINDINGS;
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             /* TRANSLATORS: %u is how many more
                                                              * findings a button shows */
                                                             "Show %u More Finding",
                                                             "Show %u More Findings", more),
                                                more);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-down-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "more-findings");
      g_signal_connect_swapped (row, "activated", G_CALLBACK (show_all_findings_cb), self);
      gtk_list_box_append (self->findings_list, row);
    }
}

static void
update_header (SpDashboardPage *self)
{
  g_autofree char *period = sp_period_format (&self->period);
  g_autofree char *previous = sp_period_format (&self->previous);
  g_autofree char *compare = NULL;

  adw_button_content_set_label (self->range_content, period);
  sp_range_popover_set_period (self->range_popover, &self->period);

  /* TRANSLATORS: beside the period, "compared with 1 – 11 February 2026" */
  compare = g_strdup_printf (_("compared with %s"), previous);
  gtk_label_set_label (self->compare_label, compare);

  self->updating++;
  gtk_drop_down_set_selected (self->period_dropdown, self->choice);
  self->updating--;
}

static void
apply (SpDashboardPage *self,
       SpOverviewParts  parts)
{
  SpOverview *o = self->overview;

  if (o == NULL)
    return;

  if (parts & (SP_OVERVIEW_FIGURES | SP_OVERVIEW_TRENDS))
    for (guint kpi = 0; kpi < SP_N_KPIS; kpi++)
      if (self->cards[kpi] != NULL)
        update_card (self, kpi);

  update_charts (self, parts);

  if (parts & SP_OVERVIEW_FINDINGS)
    update_findings (self);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "kpi") == 0 &&
      (sp_overview_get_done (o) & SP_OVERVIEW_FIGURES))
    {
      sp_kpi_page_set_goal_target (self->kpi_page, goal_target (self, self->open_kpi));
      g_autofree char *compare = compare_short (&o->previous);

      sp_kpi_page_show (self->kpi_page, self->open_kpi, o, self->benchmarks, compare);
    }
}

/* Loading */

static char *
cache_key (const SpPeriod *period,
           const SpPeriod *previous)
{
  return g_strdup_printf ("%d:%d:%d:%d", period->from, period->to, previous->from, previous->to);
}

static void
progress_cb (SpOverview      *overview,
             SpOverviewParts  part,
             gpointer         user_data)
{
  SpDashboardPage *self = user_data;

  if (overview != self->overview)
    return;

  if (part == SP_OVERVIEW_FIGURES)
    self->figures_ms = (g_get_monotonic_time () - self->load_started) / 1000.0;

  apply (self, part);
}

typedef struct
{
  SpDashboardPage *self;
  SpOverview      *overview;
} LoadData;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(SpDashboardPage) self = data->self;
  g_autoptr(SpOverview) overview = data->overview;
  g_autoptr(GError) error = NULL;

  g_free (data);

  if (!sp_overview_load_finish (overview, result, &error))
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          overview != self->overview)
        return;

      gtk_spinner_stop (self->spinner);
      /* TRANSLATORS: %s is why */
      title = g_strdup_printf (_("The figures could not be computed: %s"), error->message);
      toast = adw_toast_new (title);
      adw_toast_set_timeout (toast, 0);
      if (!sp_widget_add_toast (GTK_WIDGET (self), toast))
        g_debug ("The dashboard could not be computed: %s", error->message);
      return;
    }

  if (overview != self->overview)
    return;

  /* a handful of periods is what anyone goes back and forth between */
  if (g_hash_table_size (self->cache) >= 16)
    g_hash_table_remove_all (self->cache);
  g_hash_table_replace (self->cache, cache_key (&overview->period, &overview->previous),
                        sp_overview_ref (overview));
  self->all_ms = (g_get_monotonic_time () - self->load_started) / 1000.0;
  gtk_spinner_stop (self->spinner);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
load_period (SpDashboardPage *self)
{
  g_autofree char *key = NULL;
  SpOverview *cached;
  LoadData *data;

  update_header (self);

  /* a computation for another period is of no use any more */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL || !self->has_contacts)
    return;

  self->load_started = g_get_monotonic_time ();
  self->figures_ms = self->all_ms = 0;
  key = cache_key (&self->period, &self->previous);
  cached = g_hash_table_lookup (self->cache, key);

  if (cached != NULL)
    {
      g_clear_pointer (&self->overview, sp_overview_unref);
      self->overview = sp_overview_ref (cached);
      apply (self, SP_OVERVIEW_ALL);
      self->figures_ms = self->all_ms = (g_get_monotonic_time () - self->load_started) / 1000.0;
      gtk_spinner_stop (self->spinner);
      g_signal_emit (self, signals[LOADED], 0);
      return;
    }

  g_clear_pointer (&self->overview, sp_overview_unref);
  self->overview = sp_overview_new (&self->period, &self->previous);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->overview = sp_overview_ref (self->overview);
  sp_overview_load_async (self->overview, self->store, SP_OVERVIEW_ALL, self->cancellable,
                          progress_cb, g_object_ref (self), g_object_unref, load_cb, data);
}

static gboolean
check_contacts (SpDashboardPage *self)
{
  g_autoptr(GPtrArray) one = NULL;
  SpContactFilter filter;

  if (self->store == NULL)
    return FALSE;

  sp_contact_filter_init (&filter);
  one = sp_store_list_contacts (self->store, &filter, 0, 1, NULL);
  return one != NULL && one->len > 0;
}

static void
update_visible_page (SpDashboardPage *self)
{
  self->has_contacts = check_contacts (self);
  gtk_stack_set_visible_child_name (self->stack, self->has_contacts ? "dashboard" : "empty");
}

static gboolean
refresh_cb (gpointer data)
{
  SpDashboardPage *self = data;

  self->refresh_source = 0;
  self->refresh_stale = FALSE;

  g_hash_table_remove_all (self->cache);
  update_visible_page (self);

  /* "today" may have moved on since the period was chosen */
  if (self->choice != SP_PERIOD_CUSTOM)
    sp_dashboard_period_for_choice (self->choice, sp_date_today (), NULL, &self->period,
                                    &self->previous);
  load_period (self);
  load_goals (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (SpDashboardPage *self,
                  guint            changes)
{
  /* out of a window (closed), nothing waits for new figures */
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    {
      self->refresh_stale = TRUE;
      return;
    }

  /* several changes in one go are one refresh, right after them */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT, refresh_cb, self, NULL);
}

/* Choosing the period */

void
sp_dashboard_page_set_period (SpDashboardPage *self,
                              SpPeriodChoice   choice,
                              const SpPeriod  *custom)
{
  g_return_if_fail (SP_IS_DASHBOARD_PAGE (self));

  self->choice = choice;
  sp_dashboard_period_for_choice (choice, sp_date_today (), custom, &self->period,
                                  &self->previous);
  save_period_settings (self);
  load_period (self);
}

void
sp_dashboard_page_get_period (SpDashboardPage *self,
                              SpPeriodChoice  *choice,
                              SpPeriod        *period,
                              SpPeriod        *previous)
{
  g_return_if_fail (SP_IS_DASHBOARD_PAGE (self));

  if (choice)
    *choice = self->choice;
  if (period)
    *period = self->period;
  if (previous)
    *previous = self->previous;
}

/* The overview on show (NULL before the first computation starts) */
SpOverview *
sp_dashboard_page_get_overview (SpDashboardPage *self)
{
  g_return_val_if_fail (SP_IS_DASHBOARD_PAGE (self), NULL);
  return self->overview;
}

gboolean
sp_dashboard_page_is_loading (SpDashboardPage *self)
{
  g_return_val_if_fail (SP_IS_DASHBOARD_PAGE (self), FALSE);
  return self->cancellable != NULL && self->overview != NULL &&
         sp_overview_get_done (self->overview) != SP_OVERVIEW_ALL;
}

/* Forgets the periods computed before: the next ones are computed afresh */
void
sp_dashboard_page_clear_cache (SpDashboardPage *self)
{
  g_return_if_fail (SP_IS_DASHBOARD_PAGE (self));

  g_hash_table_remove_all (self->cache);
}

/* How long the last period took to show (0 until done): its cards, and everything */
void
sp_dashboard_page_get_timings (SpDashboardPage *self,
                               double          *figures_ms,
                               double          *all_ms)
{
  g_return_if_fail (SP_IS_DASHBOARD_PAGE (self));

  if (figures_ms)
    *figures_ms = self->figures_ms;
  if (all_ms)
    *all_ms = self->all_ms;
}

static void
range_apply_cb (SpDashboardPage *self,
                const SpPeriod  *custom)
{
  sp_dashboard_page_set_period (self, SP_PERIOD_CUSTOM, custom);
}

static void
dropdown_changed_cb (SpDashboardPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (self->updating > 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (selected == SP_PERIOD_CUSTOM)
    {
      /* the days are chosen in the popover; until then the period stays */
      gtk_menu_button_popup (self->range_button);
      return;
    }

  sp_dashboard_page_set_period (self, selected, NULL);
}

/* Navigation */

static void
show_leaflet_page (SpDashboardPage *self,
                   const char      *name)
{
  AdwLeafletPage *kpi = adw_leaflet_get_page (self->leaflet, GTK_WIDGET (self->kpi_page));
  AdwLeafletPage *review = adw_leaflet_get_page (self->leaflet, GTK_WIDGET (self->review_page));

  /* going back always leads to the overview */
  adw_leaflet_page_set_navigatable (kpi, g_strcmp0 (name, "kpi") == 0);
  adw_leaflet_page_set_navigatable (review, g_strcmp0 (name, "review") == 0);
  adw_leaflet_set_visible_child_name (self->leaflet, name);
}

void
sp_dashboard_page_open_kpi (SpDashboardPage *self,
                            SpKpi            kpi)
{
  g_return_if_fail (SP_IS_DASHBOARD_PAGE (self));

  if (self->overview == NULL)
    return;

  self->open_kpi = kpi;
  sp_kpi_page_set_goal_target (self->kpi_page, goal_target (self, kpi));
  {
    g_autofree char *compare = compare_short (&self->overview->previous);

    sp_kpi_page_show (self->kpi_page, kpi, self->overview, self->benchmarks, compare);
  }
  show_leaflet_page (self, "kpi");
}

void
sp_dashboard_page_open_review (SpDashboardPage *self,
                               SpReviewCadence  cadence)
{
  g_return_if_fail (SP_IS_DASHBOARD_PAGE (self));

  sp_review_page_set_store (self->review_page, self->store, self->benchmarks);
  sp_review_page_open (self->review_page, cadence, NULL);
  show_leaflet_page (self, "review");
}

void
sp_dashboard_page_go_back (SpDashboardPage *self)
{
  g_return_if_fail (SP_IS_DASHBOARD_PAGE (self));

  sp_review_page_save (self->review_page, NULL);
  show_leaflet_page (self, "overview");
}

SpKpiPage *
sp_dashboard_page_get_kpi_page (SpDashboardPage *self)
{
  g_return_val_if_fail (SP_IS_DASHBOARD_PAGE (self), NULL);
  return self->kpi_page;
}

SpReviewPage *
sp_dashboard_page_get_review_page (SpDashboardPage *self)
{
  g_return_val_if_fail (SP_IS_DASHBOARD_PAGE (self), NULL);
  return self->review_page;
}

const char *
sp_dashboard_page_get_visible_page (SpDashboardPage *self)
{
  g_return_val_if_fail (SP_IS_DASHBOARD_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    return "empty";
  return adw_leaflet_get_visible_child_name (self->leaflet);
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpReviewCadence cadence;

  if (sp_review_cadence_from_string (g_variant_get_string (param, NULL), &cadence))
    sp_dashboard_page_open_review (SP_DASHBOARD_PAGE (widget), cadence);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  sp_dashboard_page_go_back (SP_DASHBOARD_PAGE (widget));
}

/* Charts */

static void
open_chart_kpi_cb (GtkButton       *button,
                   SpDashboardPage *self)
{
  sp_dashboard_page_open_kpi (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                                         "kpi")));
}

static void
add_chart_card (SpDashboardPage *self,
                ChartSlot        slot,
                const char      *title,
                const char      *subtitle,
                int              open_kpi)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *sub = gtk_label_new (subtitle);
  GtkWidget *view = sp_chart_view_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "chart-card");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
  gtk_widget_add_css_class (sub, "caption");
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), label);
  gtk_box_append (GTK_BOX (titles), sub);
  gtk_box_append (GTK_BOX (header), titles);

  if (open_kpi >= 0)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");
      /* TRANSLATORS: %s is a KPI's name; the button opens its page */
      g_autofree char *tooltip = g_strdup_printf (_("Open %s"), sp_kpi_get_name (open_kpi));

      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      g_object_set_data (G_OBJECT (button), "kpi", GUINT_TO_POINTER (open_kpi));
      g_signal_connect (button, "clicked", G_CALLBACK (open_chart_kpi_cb), self);
      gtk_box_append (GTK_BOX (header), button);
    }

  gtk_widget_set_size_request (view, 280, 230);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (card), header);
  gtk_box_append (GTK_BOX (card), view);

  self->charts[slot] = SP_CHART_VIEW (view);
  gtk_flow_box_append (self->charts_box, card);
  gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
}

static void
build_charts (SpDashboardPage *self)
{
  add_chart_card (self, CHART_CSAT, _("Customer Satisfaction"),
                  _("Share of answers of 4 or 5, against the benchmark bands"), SP_KPI_CSAT);
  add_chart_card (self, CHART_FCR, _("First Contact Resolution"),
                  _("Solved the first time, with no contact back within 7 days"), SP_KPI_FCR);
  add_chart_card (self, CHART_FIRST_RESPONSE, _("First Response by Channel"),
                  _("Each channel against its own target"), SP_KPI_FIRST_RESPONSE);
  add_chart_card (self, CHART_ESCALATION, _("Escalation Rate by Agent"),
                  _("High for one agent: training; high for everyone: process"),
                  SP_KPI_ESCALATION_RATE);
  add_chart_card (self, CHART_NPS, _("Net Promoter Score"),
                  _("Detractors, passives and promoters"), SP_KPI_NPS);
  add_chart_card (self, CHART_VOLUME, _("When Customers Get in Touch"),
                  _("Contacts by day of the week and hour"), -1);
  add_chart_card (self, CHART_TOPICS, _("Contacts by Topic"),
                  _("The busiest topics of the period"), -1);
  add_chart_card (self, CHART_CHANNELS, _("Contacts by Channel"),
                  _("Where customers reach you"), -1);
}

/* Store */

SpStore *
sp_dashboard_page_get_store (SpDashboardPage *self)
{
  g_return_val_if_fail (SP_IS_DASHBOARD_PAGE (self), NULL);
  return self->store;
}

void
sp_dashboard_page_set_store (SpDashboardPage *self,
                             SpStore         *store)
{
  g_return_if_fail (SP_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (!store || SP_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);

  g_set_object (&self->store, store);
  g_clear_object (&self->benchmarks);
  g_hash_table_remove_all (self->cache);
  g_clear_pointer (&self->overview, sp_overview_unref);

  if (store != NULL)
    {
      self->benchmarks = sp_benchmarks_new (store);
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  sp_review_page_set_store (self->review_page, store, self->benchmarks);
  update_visible_page (self);
  load_period (self);
  load_goals (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
sp_dashboard_page_root (GtkWidget *widget)
{
  SpDashboardPage *self = SP_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (sp_dashboard_page_parent_class)->root (widget);

  if (self->store == NULL)
    return;

  /* back in a window: what changed meanwhile, or was left half computed, is computed again */
  if (self->refresh_stale)
    {
      refresh_cb (self);
      return;
    }
  if (self->overview == NULL)
    load_period (self);
  if (self->goals_stale)
    load_goals (self);
}

static void
sp_dashboard_page_unroot (GtkWidget *widget)
{
  SpDashboardPage *self = SP_DASHBOARD_PAGE (widget);

  /*
   * Out of a window (closed), nothing waits for the figures or the goals
   * any more.  Each load holds the page until its callback has run: left
   * going, it would keep a closed window's page, and its store, at work.
   */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->overview != NULL && sp_overview_get_done (self->overview) != SP_OVERVIEW_ALL)
    g_clear_pointer (&self->overview, sp_overview_unref);

  if (self->goals_cancellable != NULL)
    {
      g_cancellable_cancel (self->goals_cancellable);
      g_clear_object (&self->goals_cancellable);
      self->goals_stale = TRUE;
    }

  if (self->refresh_source != 0)
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      self->refresh_stale = TRUE;
    }

  GTK_WIDGET_CLASS (sp_dashboard_page_parent_class)->unroot (widget);
}

static void
sp_dashboard_page_dispose (GObject *object)
{
  SpDashboardPage *self = SP_DASHBOARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->goals_cancellable);
  g_clear_object (&self->goals_cancellable);
  g_clear_pointer (&self->goals, g_ptr_array_unref);
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);

  for (guint i = 0; i < SP_N_KPIS; i++)
    g_clear_object (&self->cards[i]);

  g_clear_pointer (&self->overview, sp_overview_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_object (&self->benchmarks);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_dashboard_page_parent_class)->dispose (object);
}

static void
sp_dashboard_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SpDashboardPage *self = SP_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_dashboard_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SpDashboardPage *self = SP_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sp_dashboard_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_dashboard_page_class_init (SpDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_dashboard_page_dispose;
  object_class->get_property = sp_dashboard_page_get_property;
  object_class->set_property = sp_dashboard_page_set_property;

  widget_class->root = sp_dashboard_page_root;
  widget_class->unroot = sp_dashboard_page_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpDashboardPage::loaded:
   *
   * Emitted when every part of the period on show has been computed.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SP_TYPE_CARD_CUSTOMIZER);
  g_type_ensure (SP_TYPE_SCORECARD);
  g_type_ensure (SP_TYPE_KPI_PAGE);
  g_type_ensure (SP_TYPE_RANGE_POPOVER);
  g_type_ensure (SP_TYPE_REVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, range_button);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, range_popover);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, range_content);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, compare_label);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, card_customizer);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, goals_header);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, goals_list);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, findings_heading);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, findings_list);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, scorecard);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, kpi_page);
  gtk_widget_class_bind_template_child (widget_class, SpDashboardPage, review_page);

  gtk_widget_class_install_action (widget_class, "dashboard.review", "s", review_action);
  gtk_widget_class_install_action (widget_class, "dashboard.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dashboard.back", NULL);
}

static void
sp_dashboard_page_init (SpDashboardPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) sp_overview_unref);

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_object (self->settings, "changed::card-order",
                               G_CALLBACK (rebuild_cards), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::hidden-cards",
                               G_CALLBACK (rebuild_cards), self, G_CONNECT_SWAPPED);
      sp_card_customizer_set_settings (self->card_customizer, self->settings);
    }

  load_period_settings (self);
  build_charts (self);
  rebuild_cards (self);
  update_header (self);

  g_signal_connect_object (self->goals_list, "row-activated", G_CALLBACK (goal_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (dropdown_changed_cb), self, G_CONNECT_SWAPPED);
  /* closed without choosing: the period bar goes back to what is shown */
  g_signal_connect_object (self->range_popover, "closed", G_CALLBACK (update_header), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->range_popover, "apply", G_CALLBACK (range_apply_cb), self,
                           G_CONNECT_SWAPPED);
}
