/* sp-review-page.c
 *
 * The review cadence of the articles (seeds/000, seeds/004): weekly, CSAT
 * and FCR with the agents and topics well below the rest and the one
 * issue to address; monthly, the Core Four and their trends, with each
 * agent's numbers for coaching; quarterly, the secondary KPIs and targets
 * for the next quarter.  What the owner writes is saved as it is typed
 * and shown again in the next review.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-review-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-chart-view.h"
#include "sp-goal.h"
#include "sp-kpi-card.h"
#include "sp-kpi-charts.h"
#include "sp-review-page.h"
#include "sp-role.h"
#include "sp-scorecard.h"
#include "sp-widget.h"

#define SAVE_DELAY_MS 600

struct _SpReviewPage
{
  AdwBin             parent_instance;

  SpStore           *store;
  SpBenchmarks      *benchmarks;
  SpReviewCadence    cadence;
  SpPeriod           period;
  SpReview          *review;
  SpReview          *previous;
  SpOverview        *overview;
  GCancellable      *cancellable;
  guint              save_source;
  gboolean           save_pending;
  guint              filling;

  /* template */
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkSpinner        *spinner;
  GtkButton         *previous_button;
  GtkButton         *next_button;
  GtkToggleButton   *weekly_button;
  GtkToggleButton   *monthly_button;
  GtkToggleButton   *quarterly_button;
  GtkLabel          *advice_label;
  GtkBox            *content_box;
  AdwPreferencesGroup *focus_group;
  AdwEntryRow       *focus_row;
  GtkTextView       *notes_view;
  GtkLabel          *saved_label;
};

G_DEFINE_FINAL_TYPE (SpReviewPage, sp_review_page, ADW_TYPE_BIN)

/* The symbol the shop writes money with, from its figures */
static const char *
shop_currency (SpReviewPage *self)
{
  return self->overview && self->overview->current ? self->overview->current->currency : NULL;
}

static const SpKpi secondary[] = {
  SP_KPI_NPS,
  SP_KPI_CES,
  SP_KPI_REPEAT_RATE,
  SP_KPI_AHT,
  SP_KPI_UTILIZATION,
  SP_KPI_SLA_COMPLIANCE,
  SP_KPI_RESOLUTION_TIME,
  SP_KPI_BACKLOG,
  SP_KPI_CHURN,
  SP_KPI_COST_PER_CONTACT,
};

GtkWidget *
sp_review_page_new (void)
{
  return g_object_new (SP_TYPE_REVIEW_PAGE, NULL);
}

SpReviewCadence
sp_review_page_get_cadence (SpReviewPage *self)
{
  g_return_val_if_fail (SP_IS_REVIEW_PAGE (self), SP_REVIEW_WEEKLY);
  return self->cadence;
}

const SpPeriod *
sp_review_page_get_period (SpReviewPage *self)
{
  g_return_val_if_fail (SP_IS_REVIEW_PAGE (self), NULL);
  return &self->period;
}

/* The last review before this one with notes, or NULL */
const SpReview *
sp_review_page_get_previous (SpReviewPage *self)
{
  g_return_val_if_fail (SP_IS_REVIEW_PAGE (self), NULL);
  return self->previous;
}

GtkEditable *
sp_review_page_get_focus_entry (SpReviewPage *self)
{
  g_return_val_if_fail (SP_IS_REVIEW_PAGE (self), NULL);
  return GTK_EDITABLE (self->focus_row);
}

GtkTextBuffer *
sp_review_page_get_notes_buffer (SpReviewPage *self)
{
  g_return_val_if_fail (SP_IS_REVIEW_PAGE (self), NULL);
  return gtk_text_view_get_buffer (self->notes_view);
}

/* The review of the page, as kept (NULL before a store is set) */
const SpReview *
sp_review_page_get_review (SpReviewPage *self)
{
  g_return_val_if_fail (SP_IS_REVIEW_PAGE (self), NULL);
  return self->review;
}

/* Saving */

static void
show_error (SpReviewPage *self,
            const GError *error)
{
  /* TRANSLATORS: %s is why the review notes were not saved */
  g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

  gtk_label_set_label (self->saved_label, text);
}

/* Writes what the owner typed now, if anything is waiting */
gboolean
sp_review_page_save (SpReviewPage  *self,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SP_IS_REVIEW_PAGE (self), FALSE);

  if (!self->save_pending)
    return TRUE;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_pending = FALSE;

  if (self->store == NULL || self->review == NULL)
    return TRUE;

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  g_free (self->review->focus);
  self->review->focus = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->focus_row)));
  g_free (self->review->notes);
  self->review->notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (!sp_store_save_review (self->store, self->review, &local_error))
    {
      show_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  gtk_label_set_label (self->saved_label, _("Saved"));
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer data)
{
  SpReviewPage *self = data;

  self->save_source = 0;
  sp_review_page_save (self, NULL);

  return G_SOURCE_REMOVE;
}

static void
queue_save (SpReviewPage *self)
{
  if (self->filling > 0)
    return;

  self->save_pending = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  gtk_label_set_label (self->saved_label, "");
}

/* Rows and cards */

static GtkWidget *
heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  return label;
}

static GtkWidget *
group_new (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkWidget *
row_new (const char *title,
         const char *subtitle,
         const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (icon_name)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  return row;
}

static GtkWidget *
status_pill_new (SpStatus status)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *image;
  g_autofree char *css = NULL;

  if (status == SP_STATUS_NONE)
    return box;

  image = gtk_image_new_from_icon_name (sp_status_get_icon_name (status));
  gtk_image_set_pixel_size (GTK_IMAGE (image), 12);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), gtk_label_new (sp_status_get_label (status)));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "status-pill");
  css = g_strconcat ("status-", sp_status_to_string (status), NULL);
  gtk_widget_add_css_class (box, css);

  return box;
}

static GtkWidget *
cards_new (SpReviewPage *self,
           const SpKpi  *kpis,
           guint         n_kpis)
{
  static const char *befores[] = { N_("the week before"), N_("the month before"),
                                   N_("the quarter before") };
  SpOverview *o = self->overview;
  GtkWidget *flow = gtk_flow_box_new ();
  const char *previous = _(befores[self->cadence]);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), MIN (n_kpis, 4));
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);

  for (guint i = 0; i < n_kpis; i++)
    {
      GtkWidget *card = sp_kpi_card_new (kpis[i]);

      sp_kpi_card_set_note (SP_KPI_CARD (card), sp_kpi_set_get_time_basis (o->current, kpis[i]));
      sp_kpi_card_set_values (SP_KPI_CARD (card), sp_kpi_set_get (o->current, kpis[i]),
                              sp_kpi_set_get (o->before, kpis[i]), previous,
                              o->current->currency);
      if (sp_overview_get_done (o) & SP_OVERVIEW_TRENDS)
        {
          g_autoptr(SpChart) spark = sp_kpi_chart_new_sparkline (kpis[i], o->trend);

          sp_kpi_card_set_sparkline (SP_KPI_CARD (card), spark);
        }
      gtk_widget_set_can_target (card, FALSE);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), card);
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }

  return flow;
}

/* Agents or topics of @sets well below the team's @kpi */
static guint
add_laggards (SpReviewPage *self,
              GtkWidget    *group,
              GPtrArray    *sets,
              const SpKpi  *kpis,
              guint         n_kpis)
{
  guint found = 0;

  for (guint i = 0; sets && i < sets->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (sets, i);

      for (guint k = 0; k < n_kpis; k++)
        {
          const SpKpiValue *v = sp_kpi_set_get (set, kpis[k]);
          const SpKpiValue *team = sp_kpi_set_get (self->overview->current, kpis[k]);
          g_autofree char *value = NULL;
          g_autofree char *team_value = NULL;
          g_autofree char *n = NULL;
          g_autofree char *title = NULL;
          g_autofree char *subtitle = NULL;

          if (!sp_review_is_well_below (sp_kpi_get_direction (kpis[k]), v, team, 5))
            continue;

          value = sp_kpi_format_value (kpis[k], v->value, shop_currency (self));
          team_value = sp_kpi_format_value (kpis[k], team->value, shop_currency (self));
          n = sp_kpi_format_n (kpis[k], v->n);
          /* TRANSLATORS: "Ben: FCR 58 %" */
          title = g_strdup_printf (_("%s: %s %s"), set->segment_label ? set->segment_label : "",
                                   sp_kpi_get_short_name (kpis[k]), value);
          /* TRANSLATORS: "The whole shop: 72.0 %; this rests on 40 first contacts" */
          subtitle = g_strdup_printf (_("The whole shop: %s; this rests on %s"), team_value, n);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     row_new (title, subtitle, "dialog-warning-symbolic"));
          found++;
        }
    }

  return found;
}

static void
add_previous (SpReviewPage *self)
{
  g_autofree char *period = NULL;
  g_autofree char *description = NULL;
  GtkWidget *group;

  if (self->previous == NULL || sp_review_is_empty (self->previous))
    return;

  period = sp_period_format (&self->previous->period);
  /* TRANSLATORS: "From your review of March 2026" */
  description = g_strdup_printf (_("From your review of %s"), period);
  group = group_new (_("Last Time"), description);

  if (self->previous->focus && *self->previous->focus)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               row_new (self->previous->focus, _("The issue you chose"),
                                        "mail-mark-important-symbolic"));

  if (self->previous->notes && *g_strstrip (self->previous->notes))
    {
      GtkWidget *label = gtk_label_new (self->previous->notes);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (box, "card");
      gtk_widget_add_css_class (box, "previous-notes");
      gtk_box_append (GTK_BOX (box), label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
    }

  /* what came of last quarter's targets */
  for (guint i = 0; i < self->previous->targets->len; i++)
    {
      const SpReviewTarget *t = &g_array_index (self->previous->targets, SpReviewTarget, i);
      const SpKpiValue *now = sp_kpi_set_get (self->overview->current, t->kpi);
      g_autofree char *target = sp_kpi_format_value (t->kpi, t->target, shop_currency (self));
      g_autofree char *reached = sp_kpi_format_value (t->kpi, now->value, shop_currency (self));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      gboolean met;

      if (sp_kpi_get_direction (t->kpi) == SP_DIRECTION_LOWER_IS_BETTER)
        met = now->value <= t->target;
      else if (sp_kpi_get_direction (t->kpi) == SP_DIRECTION_IN_BAND)
        met = fabs (now->value - t->target) <= 5;
      else
        met = now->value >= t->target;

      /* TRANSLATORS: "CSAT: target 85 %" */
      title = g_strdup_printf (_("%s: target %s"), sp_kpi_get_name (t->kpi), target);
      subtitle = g_strdup_printf (isfinite (now->value) ? (met
                                                           /* TRANSLATORS: last time's target
                                                            * that was reached */
                                                           ? _("Reached: %s")
                                                           /* TRANSLATORS: last time's target
                                                            * that was not reached */
                                                           : _("Not reached: %s"))
                                                       /* TRANSLATORS: %s is empty, or why there
                                                        * is no figure */
                                                       : _("No figure this quarter%s"),
                                  isfinite (now->value) ? reached : "");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 row_new (title, subtitle,
                                          met ? "object-select-symbolic"
                                              : "dialog-warning-symbolic"));
    }

  gtk_box_append (self->content_box, group);
}

/* Weekly */

static void
fill_weekly (SpReviewPage *self)
{
  static const SpKpi kpis[] = { SP_KPI_CSAT, SP_KPI_FCR };
  GtkWidget *agents, *topics;

  gtk_box_append (self->content_box, cards_new (self, kpis, G_N_ELEMENTS (kpis)));

  if (!(sp_overview_get_done (self->overview) & SP_OVERVIEW_AGENTS))
    return;

  agents = group_new (_("Agents Well Below the Team"),
                      _("Far enough below that it is not chance. Talk it through with them, "
                        "with their own numbers."));
  if (add_laggards (self, agents, self->overview->agents, kpis, G_N_ELEMENTS (kpis)) == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (agents),
                               row_new (_("No agent is well below the team"), NULL,
                                        "object-select-symbolic"));
  gtk_box_append (self->content_box, agents);

  if (!(sp_overview_get_done (self->overview) & SP_OVERVIEW_SEGMENTS))
    return;

  topics = group_new (_("Topics Well Below the Others"),
                      _("A topic that does badly whoever handles it points at a process, not "
                        "a person."));
  if (add_laggards (self, topics, self->overview->topics, kpis, G_N_ELEMENTS (kpis)) == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (topics),
                               row_new (_("No topic is well below the others"), NULL,
                                        "object-select-symbolic"));
  gtk_box_append (self->content_box, topics);
}

/* Monthly */

static const char *
trend_word (SpKpi        kpi,
            GPtrArray   *trend,
            const char **icon,
            const char **css)
{
  double recent = 0, earlier = 0;
  guint n_recent = 0, n_earlier = 0;
  double delta, step;

  *icon = NULL;
  *css = "neutral";

  /* the last three months against the three before */
  for (guint i = 0; i < trend->len && i < 6; i++)
    {
      SpKpiSet *set = g_ptr_array_index (trend, trend->len - 1 - i);
      double v = sp_kpi_set_get (set, kpi)->value;

      if (!isfinite (v))
        continue;
      if (i < 3)
        recent += v, n_recent++;
      else
        earlier += v, n_earlier++;
    }

  if (n_recent == 0 || n_earlier == 0)
    return _("Too early to tell");

  delta = recent / n_recent - earlier / n_earlier;
  step = sp_kpi_get_unit (kpi) == SP_UNIT_PERCENT || sp_kpi_get_unit (kpi) == SP_UNIT_NPS
           ? 1 : fabs (earlier / n_earlier) * 0.05;

  if (fabs (delta) < step)
    return _("Flat");

  *icon = delta > 0 ? "go-up-symbolic" : "go-down-symbolic";
  if (sp_kpi_get_direction (kpi) == SP_DIRECTION_NEUTRAL)
    return delta > 0 ? _("Rising") : _("Falling");

  if (sp_kpi_change_is_good (kpi, earlier / n_earlier, recent / n_recent))
    {
      *css = "good";
      return _("Improving");
    }

  *css = "bad";
  return _("Declining");
}

static void
fill_monthly (SpReviewPage *self)
{
  static const SpKpi kpis[] = { SP_KPI_CSAT, SP_KPI_FCR, SP_KPI_FIRST_RESPONSE,
                                SP_KPI_ESCALATION_RATE };
  GtkWidget *trends, *scorecard;

  gtk_box_append (self->content_box, cards_new (self, kpis, G_N_ELEMENTS (kpis)));

  if (sp_overview_get_done (self->overview) & SP_OVERVIEW_TRENDS)
    {
      trends = group_new (_("Trends"), _("The last three months against the three before: "
                                          "improving, declining or flat?"));
      for (guint i = 0; i < G_N_ELEMENTS (kpis); i++)
        {
          const char *icon, *css;
          const char *word = trend_word (kpis[i], self->overview->trend, &icon, &css);
          GtkWidget *row = row_new (sp_kpi_get_name (kpis[i]), NULL, NULL);
          GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          GtkWidget *chart = sp_chart_view_new ();
          g_autoptr(SpChart) spark = sp_kpi_chart_new_sparkline (kpis[i], self->overview->trend);

          sp_chart_view_set_chart (SP_CHART_VIEW (chart), spark);
          gtk_widget_set_size_request (chart, 120, 28);
          gtk_widget_set_valign (chart, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), chart);

          gtk_widget_add_css_class (suffix, "kpi-change");
          gtk_widget_add_css_class (suffix, css);
          gtk_widget_set_size_request (suffix, 110, -1);
          if (icon)
            gtk_box_append (GTK_BOX (suffix), gtk_image_new_from_icon_name (icon));
          gtk_box_append (GTK_BOX (suffix), gtk_label_new (word));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (trends), row);
        }
      gtk_box_append (self->content_box, trends);
    }

  if (sp_overview_get_done (self->overview) & SP_OVERVIEW_AGENTS)
    {
      gtk_box_append (self->content_box, heading_new (_("Coaching")));
      {
        GtkWidget *hint = gtk_label_new (_("Talk each agent through their own numbers against "
                                           "the team's."));

        gtk_label_set_xalign (GTK_LABEL (hint), 0);
        gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
        gtk_widget_add_css_class (hint, "dim-label");
        gtk_box_append (self->content_box, hint);
      }
      scorecard = sp_scorecard_new ();
      sp_scorecard_set_data (SP_SCORECARD (scorecard), self->overview->agents,
                             self->overview->current);
      gtk_box_append (self->content_box, scorecard);
    }
}

/* Quarterly */

typedef struct
{
  SpReviewPage   *self;
  SpKpi           kpi;
  double          current;
  GtkCheckButton *check;
  GtkSpinButton  *spin;
} TargetRow;

static void
target_changed_cb (TargetRow *row)
{
  SpReviewPage *self = row->self;

  if (self->filling > 0 || self->review == NULL)
    return;

  sp_review_set_target (self->review, row->kpi, row->current,
                        gtk_check_button_get_active (row->check)
                          ? gtk_spin_button_get_value (row->spin) : NAN);

  queue_save (self);
}

/*
 * The quarter the targets are for: the next one that has not started.  The
 * review of the last whole quarter is done during the one after it, so the
 * goals are for the quarter after that, not for one nearly over.
 */
static SpPeriod
goal_quarter (SpReviewPage *self)
{
  SpPeriod next = sp_review_shift_period (SP_REVIEW_QUARTERLY, &self->period, 1);
  SpDate today = sp_date_today ();

  while (next.from <= today)
    next = sp_review_shift_period (SP_REVIEW_QUARTERLY, &next, 1);

  return next;
}

/* The ticked targets become goals for that quarter (sp_goal_new_for_quarter()) */
static void
make_goals_cb (SpReviewPage *self)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next_name = NULL;
  g_autofree char *title = NULL;
  SpPeriod next = goal_quarter (self);
  guint made = 0, had = 0;

  if (self->review == NULL || self->store == NULL)
    return;

  if (!sp_review_page_save (self, &error) ||
      !(goals = sp_store_list_goals (self->store, FALSE, &error)))
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < self->review->targets->len; i++)
    {
      const SpReviewTarget *t = &g_array_index (self->review->targets, SpReviewTarget, i);
      g_autoptr(SpGoal) goal = NULL;

      /* a goal already open for those days stays as it is */
      if (!isnan (sp_goals_find_target (goals, t->kpi, NULL, &next)))
        {
          had++;
          continue;
        }

      goal = sp_goal_new_for_quarter (t->kpi, NULL, t->target, next.from);
      if (!sp_store_save_goal (self->store, goal, &error))
        {
          show_error (self, error);
          return;
        }
      made++;
    }

  next_name = sp_period_format (&next);
  if (had > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* TRANSLATORS: how many goals, the quarter, and how
                                           * many KPIs had a goal already */
                                          "%u goal set for %s; %u KPIs already had one",
                                          "%u goals set for %s; %u KPIs already had one", made),
                             made, next_name, had);
  else
    /* TRANSLATORS: how many goals, then the quarter */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u goal set for %s",
                                          "%u goals set for %s", made), made, next_name);

  sp_widget_add_toast (GTK_WIDGET (self), adw_toast_new (title));
}

static void
fill_quarterly (SpReviewPage *self)
{
  SpOverview *o = self->overview;
  g_autofree char *previous = sp_period_format (&o->previous);
  g_autofree char *description = NULL;
  SpPeriod next = goal_quarter (self);
  g_autofree char *next_name = sp_period_format (&next);
  GtkWidget *group, *targets;
  gboolean owner;

  /* TRANSLATORS: %s is the period compared with */
  description = g_strdup_printf (_("Against %s"), previous);
  group = group_new (_("Secondary KPIs"), description);

  for (guint i = 0; i < G_N_ELEMENTS (secondary); i++)
    {
      SpKpi kpi = secondary[i];
      const SpKpiValue *v = sp_kpi_set_get (o->current, kpi);
      const SpKpiValue *b = sp_kpi_set_get (o->before, kpi);
      g_autofree char *value = sp_kpi_format_value (kpi, v->value, shop_currency (self));
      g_autofree char *before = sp_kpi_format_value (kpi, b->value, shop_currency (self));
      g_autofree char *subtitle = NULL;
      g_autofree char *change = NULL;
      GtkWidget *row, *label;

      /* TRANSLATORS: "This quarter 31 · the one before 24" */
      subtitle = g_strdup_printf (_("This quarter %s · the one before %s"), value, before);
      row = row_new (sp_kpi_get_name (kpi), subtitle, NULL);

      if (isfinite (v->value) && isfinite (b->value))
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          double delta = v->value - b->value;

          change = sp_kpi_format_change_or_none (kpi, b->value, v->value, shop_currency (self));
          gtk_widget_add_css_class (box, "kpi-change");
          if (fabs (delta) > 1e-9 && !sp_kpi_change_is_none (kpi, b->value, v->value))
            {
              gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (delta > 0
                                                                            ? "go-up-symbolic"
                                                                            : "go-down-symbolic"));
              if (sp_kpi_get_direction (kpi) != SP_DIRECTION_NEUTRAL)
                gtk_widget_add_css_class (box, sp_kpi_change_is_good (kpi, b->value, v->value)
                                                 ? "good" : "bad");
            }
          label = gtk_label_new (change);
          gtk_widget_add_css_class (label, "numeric");
          gtk_box_append (GTK_BOX (box), label);
          gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
        }

      if (sp_kpi_has_status (kpi))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_pill_new (v->status));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->content_box, group);

  /* targets for the next quarter, from where each KPI stands now */
  {
    g_autofree char *next_in = sp_period_format_sentence (&next);

    /* TRANSLATORS: %s is the next quarter in a sentence, "in Q1 2027" */
    description = (g_free (description),
                   /* TRANSLATORS: %s is the next quarter in a sentence, "in Q1 2027" */
                   g_strdup_printf (_("Proposed from where each KPI stands now and its "
                                      "benchmark: tick the ones to aim for %s. They are kept "
                                      "with this review as the starting point of next "
                                      "quarter's goals."), next_in));
  }
  targets = group_new (_("Targets for Next Quarter"), description);
  owner = sp_role_is_owner (self->store);

  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      const SpBand *band = self->benchmarks ? sp_benchmarks_get_band (self->benchmarks, kpi)
                                            : NULL;
      const SpKpiValue *v = sp_kpi_set_get (o->current, kpi);
      const SpReviewTarget *kept = sp_review_get_target (self->review, kpi);
      double proposal = sp_review_propose_target (sp_kpi_get_direction (kpi), band, v->value);
      g_autofree char *now = sp_kpi_format_value (kpi, v->value, shop_currency (self));
      g_autofree char *subtitle = NULL;
      TargetRow *data;
      GtkWidget *row, *check, *spin;
      int digits = sp_kpi_get_unit (kpi) == SP_UNIT_SCORE ? 1 : 0;

      if (!sp_kpi_has_status (kpi) || kpi == SP_KPI_BACKLOG || kpi == SP_KPI_FIRST_RESPONSE ||
          (isnan (proposal) && kept == NULL))
        continue;

      /* TRANSLATORS: "Now 71 %" */
      subtitle = g_strdup_printf (_("Now %s"), now);
      row = row_new (sp_kpi_get_name (kpi), subtitle, NULL);

      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check, _("Aim for this target"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      spin = gtk_spin_button_new_with_range (sp_kpi_get_unit (kpi) == SP_UNIT_NPS ? -100 : 0,
                                             sp_kpi_get_unit (kpi) == SP_UNIT_SCORE ? 7 : 100,
                                             digits ? 0.1 : 1);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sp_kpi_get_name (kpi), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), kept != NULL);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), kept ? kept->target : proposal);
      sp_role_mark_owner_only (check, owner, _("Aim for this target"));
      sp_role_mark_owner_only (spin, owner, NULL);

      data = g_new0 (TargetRow, 1);
      data->self = self;
      data->kpi = kpi;
      data->current = v->value;
      data->check = GTK_CHECK_BUTTON (check);
      data->spin = GTK_SPIN_BUTTON (spin);
      g_object_set_data_full (G_OBJECT (row), "target-row", data, g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (target_changed_cb), data);
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (target_changed_cb), data);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (targets), row);
    }

  {
    GtkWidget *button = gtk_button_new_with_mnemonic (_("Set as _Goals"));

    sp_role_mark_owner_only (button, owner,
                             _("Make a goal of each ticked target, from the first to the last "
                               "day of next quarter"));
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (make_goals_cb), self);
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (targets), button);
  }

  gtk_box_append (self->content_box, targets);
}

/* Loading */

static void
clear_content (SpReviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))))
    gtk_box_remove (self->content_box, child);
}

static void
fill (SpReviewPage *self)
{
  clear_content (self);

  if (self->overview == NULL ||
      !(sp_overview_get_done (self->overview) & SP_OVERVIEW_FIGURES))
    return;

  self->filling++;

  add_previous (self);

  switch (self->cadence)
    {
    case SP_REVIEW_WEEKLY:
      fill_weekly (self);
      break;
    case SP_REVIEW_MONTHLY:
      fill_monthly (self);
      break;
    case SP_REVIEW_QUARTERLY:
    default:
      fill_quarterly (self);
      break;
    }

  self->filling--;
}

static void
progress_cb (SpOverview      *overview,
             SpOverviewParts  part,
             gpointer         user_data)
{
  SpReviewPage *self = user_data;

  if (overview != self->overview)
    return;

  fill (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SpReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* TRANSLATORS: %s is why */
          g_autofree char *text = g_strdup_printf (_("The figures could not be computed: %s"),
                                                   error->message);

          gtk_label_set_label (self->saved_label, text);
          gtk_spinner_stop (self->spinner);
        }
      return;
    }

  gtk_spinner_stop (self->spinner);
}

static void
update_header (SpReviewPage *self)
{
  static const char *titles[] = { N_("Weekly Review"), N_("Monthly Review"),
                                  N_("Quarterly Review") };
  static const char *advice[] = {
    N_("Look at CSAT and FCR, flag any agent or topic well below the rest, and choose the one "
       "issue most worth addressing in the coming week."),
    N_("Look at the Core Four: are they improving, declining or flat? Then talk each agent "
       "through their own numbers."),
    N_("Look at the secondary KPIs, judge whether last quarter's changes worked, and set "
       "targets for the next quarter."),
  };
  static const char *focus[] = { N_("The One Issue to Address This Week"),
                                 N_("What to Work on This Month"),
                                 N_("The Priority for Next Quarter") };
  g_autofree char *period = sp_period_format (&self->period);
  SpPeriod current = sp_review_get_period (self->cadence, sp_date_today ());

  gtk_label_set_label (self->title_label, _(titles[self->cadence]));
  gtk_label_set_label (self->subtitle_label, period);
  gtk_label_set_label (self->advice_label, _(advice[self->cadence]));
  adw_preferences_group_set_title (self->focus_group, _(focus[self->cadence]));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), self->period.from < current.from);

  self->filling++;
  gtk_toggle_button_set_active (self->weekly_button, self->cadence == SP_REVIEW_WEEKLY);
  gtk_toggle_button_set_active (self->monthly_button, self->cadence == SP_REVIEW_MONTHLY);
  gtk_toggle_button_set_active (self->quarterly_button, self->cadence == SP_REVIEW_QUARTERLY);
  self->filling--;
}

static void
load (SpReviewPage *self)
{
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->overview, sp_overview_unref);
  g_clear_pointer (&self->review, sp_review_free);
  g_clear_pointer (&self->previous, sp_review_free);

  update_header (self);
  clear_content (self);
  gtk_label_set_label (self->saved_label, "");

  if (self->store == NULL)
    return;

  self->review = sp_store_load_review (self->store, self->cadence, &self->period, &error);
  if (self->review == NULL)
    {
      show_error (self, error);
      self->review = sp_review_new (self->cadence, &self->period);
      g_clear_error (&error);
    }
  self->previous = sp_store_load_previous_review (self->store, self->cadence, &self->period,
                                                  &error);
  if (error != NULL)
    g_warning ("The last review could not be read: %s", error->message);

  self->filling++;
  gtk_editable_set_text (GTK_EDITABLE (self->focus_row), self->review->focus ? self->review->focus
                                                                             : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            self->review->notes ? self->review->notes : "", -1);
  self->filling--;

  /* a staff login reads the owner's review; the server would refuse its changes */
  {
    gboolean owner = sp_role_is_owner (self->store);

    sp_role_mark_owner_only (GTK_WIDGET (self->focus_row), owner, NULL);
    gtk_text_view_set_editable (self->notes_view, owner);
    gtk_text_view_set_cursor_visible (self->notes_view, owner);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->notes_view),
                                 owner ? NULL : sp_role_get_owner_only ());
  }

  {
    SpPeriod before = sp_review_shift_period (self->cadence, &self->period, -1);

    self->overview = sp_overview_new (&self->period, &before);
  }
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  sp_overview_load_async (self->overview, self->store,
                          SP_OVERVIEW_FIGURES | SP_OVERVIEW_TRENDS | SP_OVERVIEW_BREAKDOWNS,
                          self->cancellable, progress_cb, g_object_ref (self), g_object_unref,
                          load_cb, g_object_ref (self));
}

/* Opens the review of @period (a week, month or quarter as @cadence has them) */
void
sp_review_page_open (SpReviewPage    *self,
                     SpReviewCadence  cadence,
                     const SpPeriod  *period)
{
  g_return_if_fail (SP_IS_REVIEW_PAGE (self));
  g_return_if_fail (cadence < SP_N_REVIEW_CADENCES);

  sp_review_page_save (self, NULL);

  self->cadence = cadence;
  self->period = period ? sp_review_get_period (cadence, period->from)
                        : sp_review_get_latest_period (cadence, sp_date_today ());
  load (self);
}

void
sp_review_page_set_store (SpReviewPage *self,
                          SpStore      *store,
                          SpBenchmarks *benchmarks)
{
  g_return_if_fail (SP_IS_REVIEW_PAGE (self));

  sp_review_page_save (self, NULL);
  g_set_object (&self->store, store);
  g_set_object (&self->benchmarks, benchmarks);
}

static void
shift (SpReviewPage *self,
       int           n)
{
  SpPeriod period = sp_review_shift_period (self->cadence, &self->period, n);

  sp_review_page_open (self, self->cadence, &period);
}

static void
previous_clicked_cb (SpReviewPage *self)
{
  shift (self, -1);
}

static void
next_clicked_cb (SpReviewPage *self)
{
  shift (self, 1);
}

static void
cadence_toggled_cb (SpReviewPage    *self,
                    GtkToggleButton *button)
{
  SpReviewCadence cadence;

  if (self->filling > 0 || !gtk_toggle_button_get_active (button))
    return;

  cadence = button == self->monthly_button ? SP_REVIEW_MONTHLY
          : button == self->quarterly_button ? SP_REVIEW_QUARTERLY
          : SP_REVIEW_WEEKLY;

  if (cadence != self->cadence)
    sp_review_page_open (self, cadence, NULL);
}

static void
sp_review_page_unmap (GtkWidget *widget)
{
  sp_review_page_save (SP_REVIEW_PAGE (widget), NULL);

  GTK_WIDGET_CLASS (sp_review_page_parent_class)->unmap (widget);
}

static void
sp_review_page_unroot (GtkWidget *widget)
{
  SpReviewPage *self = SP_REVIEW_PAGE (widget);

  /* the window is closing: keep what was typed, and stop computing */
  sp_review_page_save (self, NULL);
  g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (sp_review_page_parent_class)->unroot (widget);
}

static void
sp_review_page_dispose (GObject *object)
{
  SpReviewPage *self = SP_REVIEW_PAGE (object);

  sp_review_page_save (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->overview, sp_overview_unref);
  g_clear_pointer (&self->review, sp_review_free);
  g_clear_pointer (&self->previous, sp_review_free);
  g_clear_object (&self->store);
  g_clear_object (&self->benchmarks);

  G_OBJECT_CLASS (sp_review_page_parent_class)->dispose (object);
}

static void
sp_review_page_class_init (SpReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_review_page_dispose;
  widget_class->unmap = sp_review_page_unmap;
  widget_class->unroot = sp_review_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, weekly_button);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, monthly_button);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, quarterly_button);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, advice_label);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, focus_group);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, focus_row);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, SpReviewPage, saved_label);
}

static void
sp_review_page_init (SpReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->period = sp_review_get_latest_period (SP_REVIEW_WEEKLY, sp_date_today ());

  g_signal_connect_object (self->previous_button, "clicked", G_CALLBACK (previous_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->next_button, "clicked", G_CALLBACK (next_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->weekly_button, "toggled", G_CALLBACK (cadence_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monthly_button, "toggled", G_CALLBACK (cadence_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quarterly_button, "toggled", G_CALLBACK (cadence_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus_row, "changed", G_CALLBACK (queue_save), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (queue_save), self, G_CONNECT_SWAPPED);

  update_header (self);
}
