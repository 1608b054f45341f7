/* sp-goal-editor.c
 *
 * Sets a goal by walking the five letters of SMART (seed 003): the KPI and
 * segment, the baseline and target, the checks of the target, the business
 * objective and the dates.  The sentence at the top and the checks follow
 * every change; the baseline and what the checks rest on are loaded again
 * only when the KPI, segment or dates change, on a worker thread with a
 * read-only connection of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-goal-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-goal-editor.h"
#include "sp-widget.h"
#include "sp-help.h"
#include "sp-parse.h"

#define RELOAD_DELAY_MS 150

enum {
  KIND_ALL,
  KIND_AGENT,
  KIND_CHANNEL,
  KIND_TOPIC,
};

struct _SpGoalEditor
{
  AdwWindow         parent_instance;

  SpKpiEngine      *engine;
  SpGoal           *goal;
  SpGoalContext    *context;
  GCancellable     *loading;       /* while a context is loaded */
  GPtrArray        *checks;
  GPtrArray        *check_rows;
  GArray           *kpis;          /* SpKpi of each kpi_row item */
  GArray           *segment_ids;   /* gint64 of each segment_row item (a channel's number) */
  SpDate            today;
  guint             reload_id;
  gboolean          updating;
  gboolean          target_touched;
  gboolean          objective_touched;
  gboolean          dirty;         /* the owner changed something since it opened */
  char             *start_reason;  /* why the start typed is not a day, or NULL */
  char             *due_reason;
  char             *date_problem;  /* the first of them, naming its field */
  gboolean          asking;
  GtkWidget        *estimate_unit_label;

  /* template */
  AdwWindowTitle   *window_title;
  GtkLabel         *sentence_label;
  GtkLabel         *error_label;
  AdwComboRow      *kpi_row;
  AdwComboRow      *segment_kind_row;
  AdwComboRow      *segment_row;
  AdwActionRow     *baseline_row;
  GtkLabel         *baseline_label;
  AdwEntryRow      *estimate_row;
  AdwComboRow      *direction_row;
  GtkSpinButton    *target_spin;
  GtkLabel         *unit_label;
  AdwPreferencesGroup *achievable_group;
  AdwActionRow     *benchmarks_row;
  AdwActionRow     *best_row;
  AdwPreferencesGroup *relevant_group;
  AdwComboRow      *objective_row;
  AdwEntryRow      *own_words_row;
  GtkEntry         *start_entry;
  GtkEntry         *due_entry;
  GtkCalendar      *start_calendar;
  GtkCalendar      *due_calendar;
  GtkMenuButton    *start_menu;
  GtkMenuButton    *due_menu;
  AdwActionRow     *due_row;
  AdwActionRow     *start_row;
  GtkButton        *save_button;
};

G_DEFINE_FINAL_TYPE (SpGoalEditor, sp_goal_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (SpGoalEditor *self);

/* Models */

static void
fill_kpis (SpGoalEditor *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      if (!sp_goal_kpi_allowed (kpi))
        continue;
      g_array_append_val (self->kpis, kpi);
      gtk_string_list_append (list, sp_kpi_get_name (kpi));
    }

  adw_combo_row_set_model (self->kpi_row, G_LIST_MODEL (list));
}

static void
fill_segment_kinds (SpGoalEditor *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("The whole shop"));
  gtk_string_list_append (list, _("One agent"));
  gtk_string_list_append (list, _("One channel"));
  gtk_string_list_append (list, _("One topic"));
  adw_combo_row_set_model (self->segment_kind_row, G_LIST_MODEL (list));
}

static void
fill_objectives (SpGoalEditor *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint o = 0; o < SP_N_GOAL_OBJECTIVES; o++)
    gtk_string_list_append (list, sp_goal_objective_get_label (o));
  adw_combo_row_set_model (self->objective_row, G_LIST_MODEL (list));
}

static void
fill_segments (SpGoalEditor *self,
               guint         kind)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  SpStore *store = sp_kpi_engine_get_store (self->engine);

  g_array_set_size (self->segment_ids, 0);

  if (kind == KIND_CHANNEL)
    {
      for (gint64 c = 0; c < SP_N_CHANNELS; c++)
        {
          g_array_append_val (self->segment_ids, c);
          gtk_string_list_append (list, sp_channel_get_label ((SpChannel) c));
        }
    }
  else if (kind == KIND_AGENT || kind == KIND_TOPIC)
    {
      g_autoptr(GPtrArray) entities = NULL;
      SpEntityKind entity_kind = kind == KIND_AGENT ? SP_ENTITY_AGENT : SP_ENTITY_CATEGORY;

      entities = sp_store_list_entities (store, entity_kind, FALSE, NULL);
      for (guint i = 0; entities != NULL && i < entities->len; i++)
        {
          SpEntity *entity = g_ptr_array_index (entities, i);

          g_array_append_val (self->segment_ids, entity->id);
          gtk_string_list_append (list, entity->name);
        }

      if (kind == KIND_TOPIC)
        {
          gint64 none = -1;

          g_array_append_val (self->segment_ids, none);
          gtk_string_list_append (list, _("No topic"));
        }
    }

  adw_combo_row_set_model (self->segment_row, G_LIST_MODEL (list));
  gtk_widget_set_visible (GTK_WIDGET (self->segment_row), kind != KIND_ALL);

  switch (kind)
    {
    case KIND_AGENT:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->segment_row), _("_Agent"));
      break;
    case KIND_CHANNEL:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->segment_row), _("_Channel"));
      break;
    case KIND_TOPIC:
    default:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->segment_row), _("_Topic"));
      break;
    }
}

static SpKpi
selected_kpi (SpGoalEditor *self)
{
  guint i = adw_combo_row_get_selected (self->kpi_row);

  if (i >= self->kpis->len)
    return SP_KPI_CSAT;
  return g_array_index (self->kpis, SpKpi, i);
}

/**
 * sp_goal_editor_dup_unit:
 *
 * Returns: (transfer full): the unit written beside a target or baseline of
 *   @kpi ("%", "min", "points"), empty when the number says it alone
 */
char *
sp_goal_editor_dup_unit (SpKpi kpi)
{
  switch (sp_kpi_get_unit (kpi))
    {
    case SP_UNIT_PERCENT:
      return g_strdup ("%");
    case SP_UNIT_NPS:
      /* TRANSLATORS: the unit of the Net Promoter Score, beside a target */
      return g_strdup (_("points"));
    case SP_UNIT_SCORE:
      /* TRANSLATORS: beside a customer effort score, which goes from 1 to 7 */
      return g_strdup (_("of 7"));
    case SP_UNIT_MINUTES:
      return g_strdup (_("min"));
    case SP_UNIT_HOURS:
      return g_strdup (_("h"));
    case SP_UNIT_CURRENCY:
    case SP_UNIT_COUNT:
    default:
      return g_strdup ("");
    }
}

static void
date_button_day_selected_cb (GtkCalendar *calendar,
                             GtkEditable *entry)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  GtkWidget *button = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_MENU_BUTTON);

  /* written as the locale writes a day, as the field shows it */
  sp_widget_set_date_entry (GTK_WIDGET (entry),
                            sp_date_from_ymd (g_date_time_get_year (dt),
                                              g_date_time_get_month (dt),
                                              g_date_time_get_day_of_month (dt)));
  if (button != NULL)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static void
date_button_show_cb (GtkCalendar *calendar,
                     GtkEditable *entry)
{
  SpDate date = SP_DATE_NONE;
  g_autoptr(GDateTime) dt = NULL;

  /* opens on the date typed, when it is one */
  if (!sp_widget_get_date_entry (GTK_WIDGET (entry), &date, NULL) || date == SP_DATE_NONE)
    return;

  dt = sp_time_to_date_time (sp_date_to_time (date));
  g_signal_handlers_block_by_func (calendar, date_button_day_selected_cb, entry);
  gtk_calendar_select_day (calendar, dt);
  g_signal_handlers_unblock_by_func (calendar, date_button_day_selected_cb, entry);
}

/**
 * sp_goal_editor_new_date_button:
 * @entry: the field the date is typed in
 * @label: what the button does, for its tooltip and screen readers
 *
 * Returns: (transfer floating): a calendar button for @entry: a day chosen
 *   on it is written in the field
 */
GtkWidget *
sp_goal_editor_new_date_button (GtkEditable *entry,
                                const char  *label)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  g_return_val_if_fail (GTK_IS_EDITABLE (entry), NULL);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (date_button_day_selected_cb),
                           entry, 0);
  g_signal_connect_object (calendar, "map", G_CALLBACK (date_button_show_cb), entry, 0);
  return button;
}

/* The spin button's range and steps for the KPI's unit */
static void
setup_target (SpGoalEditor *self,
              SpKpi         kpi)
{
  GtkAdjustment *adj = gtk_spin_button_get_adjustment (self->target_spin);
  double lower = 0, upper = 100000, step = 1, page = 10;
  guint digits = 1;
  g_autofree char *unit = sp_goal_editor_dup_unit (kpi);

  switch (sp_kpi_get_unit (kpi))
    {
    case SP_UNIT_PERCENT:
      upper = 100, page = 5;
      break;
    case SP_UNIT_NPS:
      lower = -100, upper = 100, digits = 0, page = 5;
      break;
    case SP_UNIT_SCORE:
      lower = 1, upper = 7, step = 0.1, page = 0.5;
      break;
    case SP_UNIT_MINUTES:
      step = 0.5;
      break;
    case SP_UNIT_HOURS:
      step = 0.5;
      break;
    case SP_UNIT_CURRENCY:
      step = 0.1, digits = 2;
      break;
    case SP_UNIT_COUNT:
    default:
      digits = 0;
      break;
    }

  gtk_adjustment_configure (adj, CLAMP (gtk_adjustment_get_value (adj), lower, upper), lower,
                            upper, step, page, 0);
  gtk_spin_button_set_digits (self->target_spin, digits);
  gtk_label_set_label (self->unit_label, unit);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_label), *unit != '\0');
  gtk_label_set_label (GTK_LABEL (self->estimate_unit_label), unit);
  gtk_widget_set_visible (self->estimate_unit_label, *unit != '\0');
}

/* Reading the widgets */

static SpDate
entry_date (GtkEntry  *entry,
            char     **reason)
{
  SpDate date = SP_DATE_NONE;

  g_clear_pointer (reason, g_free);
  if (!sp_widget_get_date_entry (GTK_WIDGET (entry), &date, reason))
    date = SP_DATE_NONE;
  /* blank is missing, which the goal's own check says, not wrong */
  if (sp_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (entry))))
    g_clear_pointer (reason, g_free);
  return date;
}

static void
read_widgets (SpGoalEditor *self)
{
  SpGoal *goal = self->goal;
  guint kind = adw_combo_row_get_selected (self->segment_kind_row);
  guint item = adw_combo_row_get_selected (self->segment_row);
  const char *estimate = gtk_editable_get_text (GTK_EDITABLE (self->estimate_row));
  double value;

  goal->kpi = selected_kpi (self);

  if (kind == KIND_ALL || item >= self->segment_ids->len)
    sp_segment_init_all (&goal->segment);
  else if (kind == KIND_AGENT)
    sp_segment_init_agent (&goal->segment, g_array_index (self->segment_ids, gint64, item));
  else if (kind == KIND_CHANNEL)
    sp_segment_init_channel (&goal->segment,
                             (SpChannel) g_array_index (self->segment_ids, gint64, item));
  else
    sp_segment_init_category (&goal->segment, g_array_index (self->segment_ids, gint64, item));

  if (kind != KIND_ALL && item < self->segment_ids->len)
    {
      GtkStringObject *obj = adw_combo_row_get_selected_item (self->segment_row);
      sp_goal_set_segment_label (goal, obj ? gtk_string_object_get_string (obj) : NULL);
    }
  else
    {
      sp_goal_set_segment_label (goal, NULL);
    }

  goal->target = gtk_spin_button_get_value (self->target_spin);
  goal->direction = adw_combo_row_get_selected (self->direction_row) == 1
                    ? SP_DIRECTION_LOWER_IS_BETTER : SP_DIRECTION_HIGHER_IS_BETTER;
  goal->start = entry_date (self->start_entry, &self->start_reason);
  goal->due = entry_date (self->due_entry, &self->due_reason);
  g_clear_pointer (&self->date_problem, g_free);
  if (self->start_reason != NULL)
    /* TRANSLATORS: the start of a goal is not a day: "Start: “31.02.2027” is not a day of the
     * calendar" */
    self->date_problem = g_strdup_printf (_("Start: %s"), self->start_reason);
  else if (self->due_reason != NULL)
    /* TRANSLATORS: "Due date: “31.02.2027” is not a day of the calendar" */
    self->date_problem = g_strdup_printf (_("Due date: %s"), self->due_reason);

  if (!sp_str_is_blank (estimate) && sp_parse_double (estimate, &value, NULL))
    goal->baseline_estimate = value;
  else
    goal->baseline_estimate = NAN;

  goal->objective = (SpGoalObjective) adw_combo_row_get_selected (self->objective_row);
  sp_goal_set_objective_text (goal, gtk_editable_get_text (GTK_EDITABLE (self->own_words_row)));
}

/* What the view shows */

static double
shown_baseline (SpGoalEditor *self)
{
  if (self->context == NULL)
    return NAN;
  return sp_goal_context_get_baseline (self->context, self->goal);
}

static void
show_sentence (SpGoalEditor *self)
{
  const char *currency = self->context ? self->context->currency : NULL;
  g_autofree char *sentence = sp_goal_dup_sentence (self->goal, shown_baseline (self), currency);

  gtk_label_set_label (self->sentence_label, sentence);
}

static void
show_baseline (SpGoalEditor *self)
{
  SpGoalContext *ctx = self->context;
  SpKpi kpi = self->goal->kpi;

  if (ctx == NULL)
    return;

  if (isnan (ctx->baseline.value))
    {
      gtk_label_set_label (self->baseline_label, "—");
      adw_action_row_set_subtitle (self->baseline_row,
                                   _("No data before the start. Enter your own estimate, or "
                                     "start the goal later."));
      gtk_widget_set_visible (GTK_WIDGET (self->estimate_row), TRUE);
    }
  else
    {
      g_autofree char *value = sp_goal_format_value (kpi, ctx->baseline.value, ctx->currency);
      g_autofree char *period = sp_period_format (&ctx->baseline_period);
      g_autofree char *n = sp_goal_format_n (kpi, ctx->baseline.n);
      g_autofree char *subtitle = NULL;

      if (ctx->baseline_partial)
        /* TRANSLATORS: the baseline's period, how many it rests on, and that it is not over */
        subtitle = g_strdup_printf (_("%s · %s so far"), period, n);
      else
        /* TRANSLATORS: the baseline's period and how many answers or contacts it rests on */
        subtitle = g_strdup_printf (_("%s · %s"), period, n);

      gtk_label_set_label (self->baseline_label, value);
      adw_action_row_set_subtitle (self->baseline_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->estimate_row), FALSE);
    }
}

static void
show_benchmarks (SpGoalEditor *self)
{
  SpBenchmarks *benchmarks = sp_kpi_engine_get_benchmarks (self->engine);
  SpGoalContext *ctx = self->context;
  SpGoal *goal = self->goal;
  g_autofree char *bands = NULL;
  g_autofree char *best = NULL;

  if (goal->kpi == SP_KPI_FIRST_RESPONSE)
    {
      if (goal->segment.kind == SP_SEGMENT_CHANNEL)
        {
          double target = sp_benchmarks_get_channel_target (benchmarks, goal->segment.channel);
          g_autofree char *good = sp_goal_format_value (goal->kpi, target, NULL);
          g_autofree char *act = sp_goal_format_value (goal->kpi, 2 * target, NULL);

          /* TRANSLATORS: a KPI's short name, the channel's target, and twice it */
          bands = g_strdup_printf (_("%s: good within %s, act above %s"),
                                   sp_channel_get_label (goal->segment.channel), good, act);
        }
      else
        {
          bands = g_strdup (_("Each channel has its own target: set the goal for one channel "
                              "to compare with it."));
        }
    }
  else if (sp_kpi_has_status (goal->kpi))
    {
      const SpBand *band = sp_benchmarks_get_band (benchmarks, goal->kpi);
      g_autofree char *rule = band ? sp_band_format (band, goal->kpi) : NULL;

      if (goal->kpi == SP_KPI_CHURN && rule != NULL)
        bands = g_strdup_printf (_("%s, per month"), rule);
      else
        bands = g_steal_pointer (&rule);
    }
  else
    {
      bands = g_strdup (_("None: no published benchmark gives a good or bad level for this "
                          "KPI."));
    }

  adw_action_row_set_subtitle (self->benchmarks_row, bands ? bands : "");

  if (ctx != NULL && ctx->has_best)
    {
      g_autofree char *month = sp_date_format_month (ctx->best_month.from);
      g_autofree char *value = sp_goal_format_value (goal->kpi, ctx->best.value, ctx->currency);
      g_autofree char *n = sp_goal_format_n (goal->kpi, ctx->best.n);

      /* TRANSLATORS: the best month, its value and what it rests on:
       * "June 2026: 90 % (40 answers)" */
      best = g_strdup_printf (_("%s: %s (%s)"), month, value, n);
    }
  else if (sp_kpi_get_direction (goal->kpi) == SP_DIRECTION_HIGHER_IS_BETTER ||
           sp_kpi_get_direction (goal->kpi) == SP_DIRECTION_LOWER_IS_BETTER)
    {
      g_autofree char *n = sp_goal_format_n (goal->kpi, SP_KPI_MIN_SAMPLE);

      /* TRANSLATORS: %s is what the figure needs, "30 answers" */
      best = g_strdup_printf (_("None yet: no whole month before the start with %s."), n);
    }
  else
    {
      best = g_strdup (_("None: this KPI has no better way."));
    }

  adw_action_row_set_subtitle (self->best_row, best);
}

static void
show_checks (SpGoalEditor *self)
{
  for (guint i = 0; i < self->check_rows->len; i++)
    adw_preferences_group_remove (self->achievable_group, g_ptr_array_index (self->check_rows, i));
  g_ptr_array_set_size (self->check_rows, 0);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  if (self->context == NULL || !sp_goal_context_matches (self->context, self->goal))
    return;

  self->checks = sp_goal_context_check (self->context, self->engine, self->goal, self->today);

  for (guint i = 0; i < MAX (self->checks->len, 1); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

      if (i < self->checks->len)
        {
          SpGoalCheck *check = g_ptr_array_index (self->checks, i);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check->message);
          icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          gtk_widget_add_css_class (icon, "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
        }
      else
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         _("Nothing stands out: the target is within the "
                                           "benchmarks and what the shop has done before."));
          icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
          gtk_widget_add_css_class (icon, "success");
        }

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (row, "goal-check");
      adw_preferences_group_add (self->achievable_group, row);
      g_ptr_array_add (self->check_rows, row);
    }
}

static void
show_relevance (SpGoalEditor *self)
{
  SpGoal *goal = self->goal;
  g_autofree char *text = NULL;
  g_autofree char *guide = sp_benchmarks_dup_source_title ("growth");

  gtk_widget_set_visible (GTK_WIDGET (self->own_words_row),
                          goal->objective == SP_GOAL_OBJECTIVE_OWN);

  if (goal->objective == SP_GOAL_OBJECTIVE_OWN)
    {
      text = g_strdup (_("The business objective the goal serves, in your own words: why it "
                         "matters to the shop."));
    }
  else if (sp_goal_objective_tracks_kpi (goal->objective, goal->kpi))
    {
      /* TRANSLATORS: "“Customer Service KPIs: …” tracks “Increase customer loyalty” with
       * NPS, CSAT and customer churn."; the first %s is a guide's title */
      text = g_strdup_printf (_("“%s” tracks “%s” with %s."), guide,
                              sp_goal_objective_get_label (goal->objective),
                              sp_goal_objective_get_kpis_text (goal->objective));
    }
  else
    {
      /* TRANSLATORS: a guide's title, a business objective, the KPIs it tracks, and the goal's
       * KPI */
      text = g_strdup_printf (_("“%s” tracks “%s” with %s; %s is not among them. Say in your "
                                "own words why this goal matters, or choose another "
                                "objective."), guide,
                              sp_goal_objective_get_label (goal->objective),
                              sp_goal_objective_get_kpis_text (goal->objective),
                              sp_kpi_get_name (goal->kpi));
    }

  adw_preferences_group_set_description (self->relevant_group, text);
}

static void
show_span (SpGoalEditor *self)
{
  SpGoal *goal = self->goal;
  g_autofree char *subtitle = NULL;
  int days = sp_goal_get_days (goal);

  /* what is wrong with a day typed is said where it was typed */
  adw_action_row_set_subtitle (self->start_row, self->start_reason ? self->start_reason : "");

  if (self->due_reason != NULL)
    {
      subtitle = g_strdup (self->due_reason);
    }
  else if (days > 0)
    {
      g_autofree char *due = sp_date_format_long (goal->due);

      /* TRANSLATORS: the period, then its number of days */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %d day", "%s: %d days",
                                               (gulong) days), due, days);
    }
  else if (goal->start != SP_DATE_NONE && goal->due != SP_DATE_NONE)
    {
      subtitle = g_strdup (_("The due date is before the start."));
    }

  adw_action_row_set_subtitle (self->due_row, subtitle ? subtitle : "");
}

static void
refresh (SpGoalEditor *self)
{
  gboolean neutral;

  neutral = sp_kpi_get_direction (self->goal->kpi) == SP_DIRECTION_NEUTRAL ||
            sp_kpi_get_direction (self->goal->kpi) == SP_DIRECTION_IN_BAND;
  gtk_widget_set_visible (GTK_WIDGET (self->direction_row), neutral);

  show_sentence (self);
  show_checks (self);
  show_relevance (self);
  show_span (self);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->date_problem == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               self->date_problem ? self->date_problem
                                                  : _("Save the goal (Ctrl+Enter)"));
}

/*
 * A first target: the next benchmark level beyond the baseline when it is a
 * real but reachable step away, otherwise a modest step.
 */
static double
suggest_target (SpGoalEditor *self,
                double        baseline)
{
  SpBenchmarks *benchmarks = sp_kpi_engine_get_benchmarks (self->engine);
  SpGoal *goal = self->goal;
  gboolean lower = sp_goal_get_direction (goal) == SP_DIRECTION_LOWER_IS_BETTER;
  double candidates[2] = { NAN, NAN };
  double small, step, large, target;

  if (goal->kpi == SP_KPI_FIRST_RESPONSE && goal->segment.kind == SP_SEGMENT_CHANNEL)
    candidates[0] = sp_benchmarks_get_channel_target (benchmarks, goal->segment.channel);
  else if (goal->kpi == SP_KPI_FIRST_RESPONSE)
    /* all channels: the shop's own first response target */
    candidates[0] = sp_store_get_sla_target (sp_kpi_engine_get_store (self->engine),
                                             SP_PRIORITY_NORMAL);
  else if (sp_kpi_has_status (goal->kpi) && goal->kpi != SP_KPI_BACKLOG &&
           goal->kpi != SP_KPI_UTILIZATION && goal->kpi != SP_KPI_FIRST_RESPONSE)
    {
      const SpBand *band = sp_benchmarks_get_band (benchmarks, goal->kpi);

      if (band != NULL)
        {
          candidates[0] = band->good;
          candidates[1] = band->excellent;
        }
    }

  if (isnan (baseline))
    return isnan (candidates[0]) ? gtk_spin_button_get_value (self->target_spin) : candidates[0];

  switch (sp_kpi_get_unit (goal->kpi))
    {
    case SP_UNIT_PERCENT:
      small = 2, step = 5, large = 10;
      break;
    case SP_UNIT_NPS:
      small = 5, step = 10, large = 20;
      break;
    case SP_UNIT_SCORE:
      small = 0.2, step = 0.5, large = 1;
      break;
    default:
      small = fabs (baseline) * 0.05, step = fabs (baseline) * 0.1, large = fabs (baseline) * 0.3;
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      double gain = lower ? baseline - candidates[i] : candidates[i] - baseline;

      if (!isnan (candidates[i]) && gain >= small && gain <= large)
        return candidates[i];
    }

  target = lower ? baseline - step : baseline + step;
  if (sp_kpi_get_unit (goal->kpi) == SP_UNIT_PERCENT ||
      sp_kpi_get_unit (goal->kpi) == SP_UNIT_NPS)
    target = round (target);
  else
    target = round (target * 10) / 10;

  /* keep it within what the spin button takes */
  {
    GtkAdjustment *adj = gtk_spin_button_get_adjustment (self->target_spin);
    return CLAMP (target, gtk_adjustment_get_lower (adj), gtk_adjustment_get_upper (adj));
  }
}

static void
context_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SpGoalEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  SpGoalContext *ctx;

  ctx = sp_goal_context_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);

  if (ctx == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_clear_pointer (&self->context, sp_goal_context_free);
  self->context = ctx;

  show_baseline (self);
  show_benchmarks (self);

  if (!self->target_touched)
    {
      self->updating = TRUE;
      gtk_spin_button_set_value (self->target_spin, suggest_target (self, shown_baseline (self)));
      self->updating = FALSE;
      self->goal->target = gtk_spin_button_get_value (self->target_spin);
    }

  refresh (self);
}

static void
reload_context (SpGoalEditor *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);

  if (self->goal->start == SP_DATE_NONE)
    return;

  self->loading = g_cancellable_new ();
  sp_goal_context_load_async (sp_kpi_engine_get_store (self->engine), self->goal, self->today,
                              self->loading, context_loaded_cb, g_object_ref (self));
}

static gboolean
reload_timeout_cb (gpointer data)
{
  SpGoalEditor *self = data;

  self->reload_id = 0;
  reload_context (self);
  return G_SOURCE_REMOVE;
}

static void
changed (SpGoalEditor *self)
{
  if (self->updating)
    return;

  self->dirty = TRUE;
  read_widgets (self);

  if (self->context == NULL || !sp_goal_context_matches (self->context, self->goal))
    {
      g_clear_handle_id (&self->reload_id, g_source_remove);
      self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
    }

  refresh (self);
}

/* Signal handlers */

static void
kpi_changed_cb (SpGoalEditor *self)
{
  SpKpi kpi = selected_kpi (self);
  guint kind = adw_combo_row_get_selected (self->segment_kind_row);
  gboolean allowed[] = {
    TRUE,
    sp_kpi_allows_segment (kpi, SP_SEGMENT_AGENT),
    sp_kpi_allows_segment (kpi, SP_SEGMENT_CHANNEL),
    sp_kpi_allows_segment (kpi, SP_SEGMENT_CATEGORY),
  };

  if (self->updating)
    return;

  self->updating = TRUE;
  setup_target (self, kpi);
  self->target_touched = FALSE;

  if (kind < G_N_ELEMENTS (allowed) && !allowed[kind])
    {
      adw_combo_row_set_selected (self->segment_kind_row, KIND_ALL);
      fill_segments (self, KIND_ALL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->segment_kind_row),
                            allowed[KIND_AGENT] || allowed[KIND_CHANNEL] || allowed[KIND_TOPIC]);

  if (!self->objective_touched)
    adw_combo_row_set_selected (self->objective_row, sp_goal_objective_for_kpi (kpi));

  /* the old KPI's target means nothing for this one ("85 min" after CSAT's 85 %):
   * its benchmark's good level now, a step from its baseline once that is known */
  read_widgets (self);
  gtk_spin_button_set_value (self->target_spin, suggest_target (self, NAN));

  self->updating = FALSE;
  changed (self);
}

static void
segment_kind_changed_cb (SpGoalEditor *self)
{
  guint kind = adw_combo_row_get_selected (self->segment_kind_row);
  SpKpi kpi = selected_kpi (self);
  SpSegmentKind kinds[] = { SP_SEGMENT_ALL, SP_SEGMENT_AGENT, SP_SEGMENT_CHANNEL,
                            SP_SEGMENT_CATEGORY };
  gboolean allowed;

  if (self->updating)
    return;

  allowed = kind < G_N_ELEMENTS (kinds) && sp_kpi_allows_segment (kpi, kinds[kind]);

  self->updating = TRUE;
  if (!allowed)
    {
      adw_combo_row_set_selected (self->segment_kind_row, KIND_ALL);
      kind = KIND_ALL;
    }
  fill_segments (self, kind);
  self->updating = FALSE;

  changed (self);

  if (!allowed)
    {
      g_autofree char *message = NULL;

      if (kpi == SP_KPI_UTILIZATION)
        /* TRANSLATORS: %s is a KPI's name */
        message = g_strdup_printf (_("%s is measured for the whole shop or one agent."),
                                   sp_kpi_get_name (kpi));
      else
        /* TRANSLATORS: %s is a KPI's name */
        message = g_strdup_printf (_("%s is measured for the whole shop only."),
                                   sp_kpi_get_name (kpi));
      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
target_changed_cb (SpGoalEditor *self)
{
  if (self->updating)
    return;

  self->target_touched = TRUE;
  changed (self);
}

static void
objective_changed_cb (SpGoalEditor *self)
{
  if (self->updating)
    return;

  self->objective_touched = TRUE;
  changed (self);
}

static void
sync_calendar (GtkCalendar *calendar,
               SpDate       date)
{
  g_autoptr(GDateTime) dt = NULL;

  if (date == SP_DATE_NONE)
    return;

  dt = sp_time_to_date_time (sp_date_to_time (date));
  gtk_calendar_select_day (calendar, dt);
}

static void
date_entry_changed_cb (SpGoalEditor *self,
                       GtkEntry     *entry)
{
  if (self->updating)
    return;

  changed (self);

  self->updating = TRUE;
  sync_calendar (entry == self->start_entry ? self->start_calendar : self->due_calendar,
                 entry == self->start_entry ? self->goal->start : self->goal->due);
  self->updating = FALSE;
}

static void
calendar_day_selected_cb (SpGoalEditor *self,
                          GtkCalendar  *calendar)
{
  g_autoptr(GDateTime) dt = NULL;
  GtkEntry *entry = calendar == self->start_calendar ? self->start_entry : self->due_entry;
  GtkMenuButton *menu = calendar == self->start_calendar ? self->start_menu : self->due_menu;

  if (self->updating)
    return;

  dt = gtk_calendar_get_date (calendar);
  sp_widget_set_date_entry (GTK_WIDGET (entry),
                            sp_date_from_ymd (g_date_time_get_year (dt),
                                              g_date_time_get_month (dt),
                                              g_date_time_get_day_of_month (dt)));
  gtk_menu_button_popdown (menu);
}

static void
set_date (GtkEntry *entry,
          SpDate    date)
{
  sp_widget_set_date_entry (GTK_WIDGET (entry), date);
}

/* Actions */

static void
due_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  SpGoalEditor *self = SP_GOAL_EDITOR (widget);
  const char *which = g_variant_get_string (param, NULL);
  SpDate base = self->today;
  SpDate due;

  if (self->goal->start != SP_DATE_NONE)
    base = MAX (base, self->goal->start);

  if (g_str_equal (which, "month"))
    due = sp_date_month_end (base);
  else if (g_str_equal (which, "quarter"))
    due = sp_date_quarter_end (base);
  else
    due = sp_date_quarter_end (sp_date_add_months (sp_date_quarter_start (base), 3));

  set_date (self->due_entry, due);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SpGoalEditor *self = SP_GOAL_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  read_widgets (self);

  if (self->date_problem != NULL)
    {
      gtk_label_set_label (self->error_label, self->date_problem);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (!sp_goal_validate (self->goal, &error) ||
      !sp_store_save_goal (sp_kpi_engine_get_store (self->engine), self->goal, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->goal);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Closing */

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (SpGoalEditor     *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  self->asking = FALSE;

  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* once the dialog is gone: it must not outlive the window it is transient for */
  self->dirty = FALSE;
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

/* Escape or the close button: a goal being set is not dropped without asking */
static gboolean
sp_goal_editor_close_request (GtkWindow *window)
{
  SpGoalEditor *self = SP_GOAL_EDITOR (window);
  AdwMessageDialog *dialog;

  if (!self->dirty)
    return GTK_WINDOW_CLASS (sp_goal_editor_parent_class)->close_request (window);

  if (self->asking)
    return TRUE;
  self->asking = TRUE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard This Goal?"),
                                                       _("What you chose for it is lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Whether the owner changed something that closing would drop */
gboolean
sp_goal_editor_get_dirty (SpGoalEditor *self)
{
  g_return_val_if_fail (SP_IS_GOAL_EDITOR (self), FALSE);
  return self->dirty;
}

/* Lifecycle */

/* Start at the S of SMART, not on Cancel: Enter there would set a goal unread */
static void
sp_goal_editor_map (GtkWidget *widget)
{
  SpGoalEditor *self = SP_GOAL_EDITOR (widget);

  GTK_WIDGET_CLASS (sp_goal_editor_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->kpi_row));
}

static void
sp_goal_editor_dispose (GObject *object)
{
  SpGoalEditor *self = SP_GOAL_EDITOR (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_GOAL_EDITOR);

  G_OBJECT_CLASS (sp_goal_editor_parent_class)->dispose (object);
}

static void
sp_goal_editor_finalize (GObject *object)
{
  SpGoalEditor *self = SP_GOAL_EDITOR (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->goal);
  g_clear_pointer (&self->context, sp_goal_context_free);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->check_rows, g_ptr_array_unref);
  g_clear_pointer (&self->kpis, g_array_unref);
  g_clear_pointer (&self->segment_ids, g_array_unref);
  g_clear_pointer (&self->start_reason, g_free);
  g_clear_pointer (&self->due_reason, g_free);
  g_clear_pointer (&self->date_problem, g_free);

  G_OBJECT_CLASS (sp_goal_editor_parent_class)->finalize (object);
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  sp_help_show (widget, SP_HELP_PAGE_GOALS);
}

static void
sp_goal_editor_class_init (SpGoalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_goal_editor_dispose;
  object_class->finalize = sp_goal_editor_finalize;
  widget_class->map = sp_goal_editor_map;
  GTK_WINDOW_CLASS (klass)->close_request = sp_goal_editor_close_request;

  /**
   * SpGoalEditor::saved:
   * @goal: the goal, with its id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, SP_TYPE_GOAL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-goal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, kpi_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, segment_kind_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, segment_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, baseline_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, baseline_label);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, estimate_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, direction_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, target_spin);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, unit_label);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, achievable_group);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, benchmarks_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, best_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, relevant_group);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, objective_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, own_words_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, start_entry);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, due_entry);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, due_calendar);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, start_menu);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, due_menu);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalEditor, save_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.due", "s", due_action);
  gtk_widget_class_install_action (widget_class, "editor.help", NULL, help_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* before the application's F1, which opens the help's front page */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "editor.help", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
sp_goal_editor_init (SpGoalEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->kpis = g_array_new (FALSE, FALSE, sizeof (SpKpi));
  self->segment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->check_rows = g_ptr_array_new ();
  self->today = sp_date_today ();

  /* the estimate of a baseline is in the KPI's unit, as the target is */
  self->estimate_unit_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->estimate_unit_label, "dim-label");
  gtk_widget_set_valign (self->estimate_unit_label, GTK_ALIGN_CENTER);
  adw_entry_row_add_suffix (self->estimate_row, self->estimate_unit_label);

  /* Names come from the owner's data: never read them as markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->baseline_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->benchmarks_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->best_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->segment_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->due_row), FALSE);

  /* No default widget: Enter in one of five groups of fields must not set the goal
   * unread; Ctrl+Enter does */
}

/**
 * sp_goal_editor_new:
 *
 * A window that sets a new goal in @engine's store; it emits
 * SpGoalEditor::saved and closes once the goal is saved.
 */
SpGoalEditor *
sp_goal_editor_new (GtkWindow   *parent,
                    SpKpiEngine *engine)
{
  SpGoalEditor *self;
  SpDate due;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (engine), NULL);

  self = g_object_new (SP_TYPE_GOAL_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->engine = g_object_ref (engine);
  self->today = sp_date_today ();
  due = sp_date_quarter_end (sp_date_add_months (sp_date_quarter_start (self->today), 3));
  self->goal = sp_goal_new (SP_KPI_CSAT, NULL, NAN, self->today, due);

  self->updating = TRUE;
  fill_kpis (self);
  fill_segment_kinds (self);
  fill_objectives (self);
  fill_segments (self, KIND_ALL);
  setup_target (self, selected_kpi (self));
  adw_combo_row_set_selected (self->objective_row, sp_goal_objective_for_kpi (selected_kpi (self)));
  sp_widget_setup_date_entry (GTK_WIDGET (self->start_entry));
  sp_widget_setup_date_entry (GTK_WIDGET (self->due_entry));
  set_date (self->start_entry, self->today);
  set_date (self->due_entry, due);
  sync_calendar (self->start_calendar, self->today);
  sync_calendar (self->due_calendar, due);
  self->updating = FALSE;

  g_signal_connect_object (self->kpi_row, "notify::selected", G_CALLBACK (kpi_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->segment_kind_row, "notify::selected",
                           G_CALLBACK (segment_kind_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->segment_row, "notify::selected", G_CALLBACK (changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->direction_row, "notify::selected", G_CALLBACK (changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->target_spin, "value-changed", G_CALLBACK (target_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->estimate_row, "changed", G_CALLBACK (changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->objective_row, "notify::selected",
                           G_CALLBACK (objective_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->own_words_row, "changed", G_CALLBACK (changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->start_entry, "changed", G_CALLBACK (date_entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->due_entry, "changed", G_CALLBACK (date_entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->start_calendar, "day-selected",
                           G_CALLBACK (calendar_day_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->due_calendar, "day-selected",
                           G_CALLBACK (calendar_day_selected_cb), self, G_CONNECT_SWAPPED);

  read_widgets (self);
  reload_context (self);

  return self;
}

SpGoal *
sp_goal_editor_get_goal (SpGoalEditor *self)
{
  g_return_val_if_fail (SP_IS_GOAL_EDITOR (self), NULL);

  read_widgets (self);
  return self->goal;
}

double
sp_goal_editor_get_baseline (SpGoalEditor *self)
{
  g_return_val_if_fail (SP_IS_GOAL_EDITOR (self), NAN);
  return shown_baseline (self);
}

GPtrArray *
sp_goal_editor_get_checks (SpGoalEditor *self)
{
  g_return_val_if_fail (SP_IS_GOAL_EDITOR (self), NULL);
  return self->checks;
}

void
sp_goal_editor_flush (SpGoalEditor *self)
{
  g_return_if_fail (SP_IS_GOAL_EDITOR (self));

  if (self->reload_id != 0)
    reload_context (self);

  while (self->loading != NULL)
    g_main_context_iteration (NULL, TRUE);
}
