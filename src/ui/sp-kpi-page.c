/* sp-kpi-page.c
 *
 * What a card opens: one KPI in plain words (what it measures, how it is
 * worked out, its benchmark and where that comes from), its trend, its
 * breakdown by agent, channel and topic, and the contacts behind it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-kpi-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-chart-view.h"
#include "sp-help.h"
#include "sp-kpi-card.h"
#include "sp-kpi-charts.h"
#include "sp-kpi-page.h"
#include "sp-window.h"

struct _SpKpiPage
{
  AdwBin           parent_instance;

  SpKpi            kpi;
  SpOverview      *overview;
  SpBenchmarks    *benchmarks;
  char            *compare_label;
  double           goal_target;    /* an open goal's, drawn on the trend; NAN: none */

  /* template */
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkButton       *contacts_button;
  GtkButton       *help_button;
  GtkBox          *card_box;
  GtkLabel        *description_label;
  GtkLabel        *formula_label;
  GtkLabel        *benchmark_label;
  GtkLabel        *source_label;
  GtkLabel        *trend_heading;
  SpChartView     *trend_chart;
  GtkToggleButton *by_agent_button;
  GtkToggleButton *by_channel_button;
  GtkToggleButton *by_topic_button;
  SpChartView     *breakdown_chart;

  SpKpiCard       *card;
};

G_DEFINE_FINAL_TYPE (SpKpiPage, sp_kpi_page, ADW_TYPE_BIN)

SpKpi
sp_kpi_page_get_kpi (SpKpiPage *self)
{
  g_return_val_if_fail (SP_IS_KPI_PAGE (self), SP_KPI_CSAT);
  return self->kpi;
}

/* "good from 85 %", "act above 20 %": a rule of a band in words */
static void
append_rule (GString    *out,
             SpKpi       kpi,
             SpBandRule  rule,
             double      threshold,
             const char *word)
{
  g_autofree char *v = NULL;

  if (rule == SP_BAND_RULE_NONE || isnan (threshold))
    return;

  /* bands are for quality figures, never money */
  v = sp_kpi_format_value (kpi, threshold, NULL);
  if (out->len > 0)
    g_string_append (out, "; ");

  switch (rule)
    {
    case SP_BAND_RULE_AT_LEAST:
      /* TRANSLATORS: "good from 85.0 %"; the first %s is good, excellent or act */
      g_string_append_printf (out, _("%s from %s"), word, v);
      break;
    case SP_BAND_RULE_MORE_THAN:
      /* TRANSLATORS: a band's name ("Good"), then its threshold */
      g_string_append_printf (out, _("%s above %s"), word, v);
      break;
    case SP_BAND_RULE_AT_MOST:
      /* TRANSLATORS: a band's name ("Good"), then its threshold */
      g_string_append_printf (out, _("%s up to %s"), word, v);
      break;
    case SP_BAND_RULE_LESS_THAN:
      /* TRANSLATORS: a band's name ("Act"), then its threshold */
      g_string_append_printf (out, _("%s below %s"), word, v);
      break;
    case SP_BAND_RULE_NONE:
    default:
      break;
    }
}

/* The benchmark in plain words, from its band */
static char *
describe_band (SpKpiPage *self)
{
  const SpBand *band = self->benchmarks ? sp_benchmarks_get_band (self->benchmarks, self->kpi)
                                        : NULL;
  SpKpi kpi = self->kpi;
  g_autoptr(GString) out = g_string_new (NULL);

  if (kpi == SP_KPI_FIRST_RESPONSE && self->benchmarks)
    {
      g_string_append (out, _("Each channel against its own target: good within it, act beyond "
                               "twice it. Targets:"));
      for (SpChannel c = 0; c < SP_N_CHANNELS; c++)
        {
          g_autofree char *target =
            sp_kpi_format_value (kpi, sp_benchmarks_get_channel_target (self->benchmarks, c),
                                 NULL);

          g_string_append_printf (out, "%s %s %s", c == 0 ? "" : ",", sp_channel_get_label (c),
                                  target);
        }
      g_string_append (out, ".");
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  if (kpi == SP_KPI_BACKLOG && band != NULL)
    /* TRANSLATORS: %g is the number of open contacts per agent */
    return g_strdup_printf (_("Good when no contact has waited longer than 48 hours; act when "
                              "more than %g contacts per agent are open."), band->act);

  if (band == NULL || !sp_kpi_has_status (kpi))
    return g_strdup (_("No quality benchmark: follow it as a trend, for planning."));

  if (kpi == SP_KPI_UTILIZATION && isfinite (band->good_low) && isfinite (band->good_high))
    {
      g_autofree char *lo = sp_kpi_format_value (kpi, band->good_low, NULL);
      g_autofree char *hi = sp_kpi_format_value (kpi, band->good_high, NULL);

      /* TRANSLATORS: the two ends of utilization's good band */
      g_string_append_printf (out, _("Good between %s and %s"), lo, hi);
      append_rule (out, kpi, SP_BAND_RULE_MORE_THAN, band->act_high, _("act"));
    }
  else
    {
      append_rule (out, kpi, band->good_rule, band->good, _("Good"));
      append_rule (out, kpi, band->excellent_rule, band->excellent, _("excellent"));
      append_rule (out, kpi, band->act_rule, band->act, _("act"));
    }

  if (out->len == 0)
    return g_strdup (_("No quality benchmark: follow it as a trend, for planning."));

  g_string_append (out, ".");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
describe_source (SpKpiPage *self)
{
  const SpBand *band = self->benchmarks ? sp_benchmarks_get_band (self->benchmarks, self->kpi)
                                        : NULL;

  if (band == NULL || band->source == NULL)
    return g_strdup ("");

  return sp_band_format_source (band);
}

static SpSegmentKind
get_split (SpKpiPage *self)
{
  if (gtk_toggle_button_get_active (self->by_channel_button))
    return SP_SEGMENT_CHANNEL;
  if (gtk_toggle_button_get_active (self->by_topic_button))
    return SP_SEGMENT_CATEGORY;
  return SP_SEGMENT_AGENT;
}

static void
update_breakdown (SpKpiPage *self)
{
  g_autoptr(SpChart) chart = NULL;
  SpSegmentKind split = get_split (self);
  GPtrArray *sets = NULL;
  guint rows;

  if (self->overview == NULL)
    return;

  if (split == SP_SEGMENT_AGENT)
    sets = sp_overview_get_done (self->overview) & SP_OVERVIEW_AGENTS ? self->overview->agents
                                                                      : NULL;
  else if (sp_overview_get_done (self->overview) & SP_OVERVIEW_SEGMENTS)
    sets = split == SP_SEGMENT_CHANNEL ? self->overview->channels : self->overview->topics;

  if (sets != NULL && sp_kpi_allows_segment (self->kpi, split))
    chart = sp_kpi_chart_new_breakdown (self->kpi, sets, self->overview->current,
                                        self->benchmarks);
  else
    {
      chart = sp_chart_new (SP_CHART_BARS);
      sp_kpi_chart_setup (chart, self->kpi);
      if (sets != NULL)
        sp_chart_set_empty_text (chart, _("This figure is for the whole shop only"));
      else
        sp_chart_set_empty_text (chart, _("Computing…"));
    }

  rows = MAX (3, sp_chart_get_n_bars (chart));
  gtk_widget_set_size_request (GTK_WIDGET (self->breakdown_chart), -1, 56 + 34 * rows);
  sp_chart_view_set_chart (self->breakdown_chart, chart);
}

static void
update (SpKpiPage *self)
{
  SpOverview *o = self->overview;
  g_autofree char *period = NULL;
  g_autofree char *benchmark = NULL;
  g_autofree char *source = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *previous = NULL;

  if (o == NULL)
    return;

  period = sp_period_format (&o->period);
  previous = sp_period_format (&o->previous);
  gtk_label_set_label (self->title_label, sp_kpi_get_name (self->kpi));
  gtk_label_set_label (self->subtitle_label, period);
  gtk_label_set_label (self->description_label, sp_kpi_get_description (self->kpi));
  gtk_label_set_label (self->formula_label, sp_kpi_get_formula (self->kpi));

  benchmark = describe_band (self);
  source = describe_source (self);
  gtk_label_set_label (self->benchmark_label, benchmark);
  gtk_label_set_label (self->source_label, source);
  gtk_widget_set_visible (GTK_WIDGET (self->source_label), *source != '\0');

  if (self->card == NULL || sp_kpi_card_get_kpi (self->card) != self->kpi)
    {
      if (self->card)
        gtk_box_remove (self->card_box, GTK_WIDGET (self->card));
      self->card = SP_KPI_CARD (sp_kpi_card_new (self->kpi));
      gtk_widget_set_can_focus (GTK_WIDGET (self->card), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->card), "static");
      gtk_box_append (self->card_box, GTK_WIDGET (self->card));
    }

  if (sp_overview_get_done (o) & SP_OVERVIEW_FIGURES)
    {
      const char *basis = sp_kpi_set_get_time_basis (o->current, self->kpi);
      const SpKpiValue *clock = sp_kpi_set_get_clock (o->current, self->kpi);
      SpKpiSet *current, *before;

      sp_kpi_card_set_note (self->card, basis);
      if (sp_overview_get_figures (o, self->kpi, &current, &before))
        {
          g_autofree char *month = sp_period_format (&current->period);
          g_autofree char *month_before = sp_period_format (&before->period);
          g_autofree char *detail = g_strdup_printf (_("%s, last whole month"), month);

          sp_kpi_card_set_values (self->card, sp_kpi_set_get (current, self->kpi),
                                  sp_kpi_set_get (before, self->kpi), month_before,
                                  current->currency);
          sp_kpi_card_set_detail (self->card, detail);
        }
      else
        sp_kpi_card_set_values (self->card, sp_kpi_set_get (o->current, self->kpi),
                                sp_kpi_set_get (o->before, self->kpi),
                                self->compare_label ? self->compare_label : previous,
                                o->current->currency);

      /* KPI-SPEC §7: the clock figure beside the one in opening hours */
      if (basis != NULL)
        {
          g_autofree char *text = NULL;

          if (clock != NULL && isfinite (clock->value))
            {
              g_autofree char *value = sp_kpi_format_value (self->kpi, clock->value, NULL);

              /* TRANSLATORS: the period, then the same figure counted on the clock */
              text = g_strdup_printf (_("%s · counted in opening hours; around the clock: %s"),
                                      period, value);
            }
          else
            /* TRANSLATORS: %s is the period */
            text = g_strdup_printf (_("%s · counted in opening hours"), period);
          gtk_label_set_label (self->subtitle_label, text);

          g_free (text);
          /* TRANSLATORS: %s is the KPI's description */
          text = g_strdup_printf (_("%s, counting only the minutes the shop is open (Preferences "
                                    "› Opening Hours)"), sp_kpi_get_formula (self->kpi));
          gtk_label_set_label (self->formula_label, text);
        }
    }

  /* TRANSLATORS: over a chart, "By month" or "By week" */
  heading = g_strdup (o->granularity == SP_GRANULARITY_MONTH || self->kpi == SP_KPI_CHURN ||
                      self->kpi == SP_KPI_COST_PER_CONTACT ? _("Trend by Month")
                                                           : _("Trend by Week"));
  gtk_label_set_label (self->trend_heading, heading);

  if (sp_overview_get_done (o) & SP_OVERVIEW_TRENDS)
    {
      GPtrArray *sets = sp_overview_get_trend (o, self->kpi);
      g_autoptr(SpChart) trend = sp_kpi_chart_new_trend (self->kpi, sets, self->benchmarks,
                                                         self->goal_target);
      g_autoptr(SpChart) spark = sp_kpi_chart_new_sparkline (self->kpi, sets);

      sp_chart_view_set_chart (self->trend_chart, trend);
      sp_kpi_card_set_sparkline (self->card, spark);
    }

  update_breakdown (self);
}

/* The survey whose answers @kpi counts, or -1 */
static int
survey_kind_of (SpKpi kpi)
{
  switch (kpi)
    {
    case SP_KPI_CSAT:
      return SP_SURVEY_CSAT;
    case SP_KPI_NPS:
      return SP_SURVEY_NPS;
    case SP_KPI_CES:
      return SP_SURVEY_CES;
    default:
      return -1;
    }
}

/*
 * Shows @kpi of @overview's period, its change "vs @compare_label" (NULL:
 * the previous period's dates); call again when @overview has more parts
 * or was replaced.
 */
void
sp_kpi_page_show (SpKpiPage    *self,
                  SpKpi         kpi,
                  SpOverview   *overview,
                  SpBenchmarks *benchmarks,
                  const char   *compare_label)
{
  g_return_if_fail (SP_IS_KPI_PAGE (self));
  g_return_if_fail (overview != NULL);

  self->kpi = kpi;
  if (self->overview != overview)
    {
      g_clear_pointer (&self->overview, sp_overview_unref);
      self->overview = sp_overview_ref (overview);
    }
  g_set_object (&self->benchmarks, benchmarks);
  g_free (self->compare_label);
  self->compare_label = g_strdup (compare_label);

  /* a survey's figure rests on answers, not contacts: the evidence is the answers */
  {
    GtkWidget *content = gtk_button_get_child (self->contacts_button);
    gboolean survey = survey_kind_of (kpi) >= 0;

    adw_button_content_set_label (ADW_BUTTON_CONTENT (content),
                                  survey ? _("Show the _Answers") : _("Show the _Contacts"));
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->contacts_button),
                                 survey ? _("The survey answers behind this number, lowest score "
                                            "first, in the Log")
                                        : _("The contacts behind this number, in the Log"));
  }

  update (self);
}

/* Shows the breakdown by agent, channel or topic */
void
sp_kpi_page_set_split (SpKpiPage     *self,
                       SpSegmentKind  split)
{
  g_return_if_fail (SP_IS_KPI_PAGE (self));

  switch (split)
    {
    case SP_SEGMENT_CHANNEL:
      gtk_toggle_button_set_active (self->by_channel_button, TRUE);
      break;
    case SP_SEGMENT_CATEGORY:
      gtk_toggle_button_set_active (self->by_topic_button, TRUE);
      break;
    case SP_SEGMENT_AGENT:
    case SP_SEGMENT_ALL:
    default:
      gtk_toggle_button_set_active (self->by_agent_button, TRUE);
      break;
    }
}

/*
 * The survey answers behind the KPI of the page, for the Log: FALSE when
 * the KPI does not count answers.
 */
gboolean
sp_kpi_page_get_answer_filter (SpKpiPage      *self,
                               SpSurveyFilter *filter)
{
  g_return_val_if_fail (SP_IS_KPI_PAGE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  sp_survey_filter_init (filter);
  filter->kind = survey_kind_of (self->kpi);
  if (self->overview != NULL)
    {
      filter->from = self->overview->period.from;
      filter->to = self->overview->period.to;
    }
  filter->sort = SP_SURVEY_SORT_SCORE;
  filter->descending = FALSE;

  return filter->kind >= 0;
}

/* The contacts behind the KPI of the page, for the Log */
void
sp_kpi_page_get_contact_filter (SpKpiPage       *self,
                                SpContactFilter *filter)
{
  g_return_if_fail (SP_IS_KPI_PAGE (self));
  g_return_if_fail (filter != NULL);

  sp_contact_filter_init (filter);

  if (self->overview != NULL)
    {
      filter->from = self->overview->period.from;
      filter->to = self->overview->period.to;
    }

  switch (self->kpi)
    {
    case SP_KPI_ESCALATION_RATE:
      filter->state = SP_CONTACT_STATE_ESCALATED;
      break;
    case SP_KPI_BACKLOG:
      /* open now, whenever they came in */
      filter->state = SP_CONTACT_STATE_OPEN;
      filter->from = SP_DATE_NONE;
      break;
    case SP_KPI_REPEAT_RATE:
      filter->repeats_only = TRUE;
      break;
    case SP_KPI_FCR:
      filter->first_contacts_only = TRUE;
      break;
    case SP_KPI_FIRST_RESPONSE:
      filter->sort = SP_CONTACT_SORT_FIRST_RESPONSE;
      break;
    default:
      break;
    }
}

static void
contacts_clicked_cb (SpKpiPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  SpContactFilter filter;

  SpSurveyFilter answers;

  if (!SP_IS_WINDOW (root))
    return;

  if (sp_kpi_page_get_answer_filter (self, &answers))
    {
      sp_window_show_answers (SP_WINDOW (root), &answers);
      return;
    }

  sp_kpi_page_get_contact_filter (self, &filter);
  sp_window_show_contacts (SP_WINDOW (root), &filter);
}

static void
sp_kpi_page_dispose (GObject *object)
{
  SpKpiPage *self = SP_KPI_PAGE (object);

  g_clear_pointer (&self->overview, sp_overview_unref);
  g_clear_object (&self->benchmarks);
  g_clear_pointer (&self->compare_label, g_free);

  G_OBJECT_CLASS (sp_kpi_page_parent_class)->dispose (object);
}

static void
help_clicked_cb (SpKpiPage *self)
{
  g_autofree char *page = NULL;

  g_assert (SP_IS_KPI_PAGE (self));

  page = sp_help_dup_kpi_page (self->kpi);
  sp_help_show (GTK_WIDGET (self), page);
}

static void
sp_kpi_page_class_init (SpKpiPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_kpi_page_dispose;

  g_type_ensure (SP_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-kpi-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, contacts_button);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, help_button);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, card_box);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, formula_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, benchmark_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, trend_heading);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, by_agent_button);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, by_channel_button);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, by_topic_button);
  gtk_widget_class_bind_template_child (widget_class, SpKpiPage, breakdown_chart);
}

static void
sp_kpi_page_init (SpKpiPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->goal_target = NAN;

  g_signal_connect_object (self->contacts_button, "clicked", G_CALLBACK (contacts_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->help_button, "clicked", G_CALLBACK (help_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->by_agent_button, "toggled", G_CALLBACK (update_breakdown), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->by_channel_button, "toggled", G_CALLBACK (update_breakdown),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->by_topic_button, "toggled", G_CALLBACK (update_breakdown), self,
                           G_CONNECT_SWAPPED);
}

/*
 * The target of an open goal on the KPI shown next, drawn as a line on its
 * trend (NAN: none); sp_kpi_page_show() draws it.
 */
void
sp_kpi_page_set_goal_target (SpKpiPage *self,
                             double     target)
{
  g_return_if_fail (SP_IS_KPI_PAGE (self));
  self->goal_target = target;
}
