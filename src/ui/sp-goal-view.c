/* sp-goal-view.c
 *
 * One goal: where it stands and why, its numbers, what it serves, its
 * review notes and its history; adjusting, closing, abandoning and
 * deleting it.  Its figures and chart are computed on a worker thread
 * with a read-only connection of its own; the notes and the history are
 * read at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-goal-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-chart-view.h"
#include "sp-goal-chart.h"
#include "sp-goal-editor.h"
#include "sp-goal-progress-bar.h"
#include "sp-goal-view.h"
#include "sp-parse.h"
#include "sp-role.h"
#include "sp-widget.h"

struct _SpGoalView
{
  AdwBin               parent_instance;

  SpKpiEngine         *engine;
  gint64               goal_id;
  SpGoal              *goal;        /* as last read from the store */
  SpGoalProgress      *progress;    /* its figures, once computed */
  GCancellable        *cancellable; /* while they are */
  GPtrArray           *note_rows;
  GPtrArray           *history_rows;
  gboolean             read_only;   /* a login that may not change goals */

  /* template */
  GtkLabel            *sentence_label;
  GtkImage            *status_icon;
  GtkLabel            *status_label;
  GtkLabel            *explanation_label;
  SpGoalProgressBar   *progress_bar;
  GtkLabel            *progress_label;
  GtkGrid             *numbers_grid;
  GtkBox              *chart_box;
  GtkLabel            *chart_heading;
  SpChartView         *chart_view;
  AdwActionRow        *objective_row;
  AdwActionRow        *since_row;
  AdwPreferencesGroup *notes_group;
  AdwEntryRow         *note_row;
  AdwPreferencesGroup *history_group;
  GtkButton           *adjust_button;
};

G_DEFINE_FINAL_TYPE (SpGoalView, sp_goal_view, ADW_TYPE_BIN)

static SpStore *
get_store (SpGoalView *self)
{
  return self->engine ? sp_kpi_engine_get_store (self->engine) : NULL;
}

/* The symbol the shop writes money with */
static const char *
shop_currency (SpGoalView *self)
{
  return self->engine ? sp_kpi_engine_get_currency (self->engine) : NULL;
}

static void
show_error (SpGoalView   *self,
            const char   *heading,
            const GError *error)
{
  if (!sp_widget_show_error (GTK_WIDGET (self), heading, error))
    g_warning ("%s: %s", heading, error->message);
}

static void
toast (SpGoalView *self,
       const char *title)
{
  sp_widget_add_toast (GTK_WIDGET (self), adw_toast_new (title));
}

/* The numbers */

static void
add_tile (SpGoalView *self,
          int         column,
          const char *caption,
          const char *value,
          const char *detail)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "goal-tile");

  label = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  accessible = g_strdup_printf ("%s: %s, %s", caption, value, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_grid_attach (self->numbers_grid, box, column, 0, 1, 1);
}

static void
show_numbers (SpGoalView *self)
{
  SpGoalProgress *p = self->progress;
  SpGoal *goal = p->goal;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->numbers_grid))))
    gtk_grid_remove (self->numbers_grid, child);

  {
    g_autofree char *value = sp_goal_format_value (goal->kpi, p->baseline.value, p->currency);
    g_autofree char *period = sp_period_format (&p->baseline_period);
    g_autofree char *n = sp_goal_format_n (goal->kpi, p->baseline.n);
    g_autofree char *detail = NULL;

    if (p->baseline_estimated)
      detail = g_strdup (_("Your estimate: no data before the start"));
    else if (isnan (p->baseline.value))
      detail = g_strdup (_("No data before the start"));
    else
      detail = g_strdup_printf (p->baseline_partial ? _("%s · %s so far") : _("%s · %s"),
                                period, n);
    add_tile (self, 0, _("Baseline"), value, detail);
  }

  {
    g_autofree char *value = sp_goal_format_value (goal->kpi, p->current.value, p->currency);
    g_autofree char *detail = NULL;

    if (p->as_of < goal->start)
      detail = g_strdup (_("Not started"));
    else
      {
        g_autofree char *window = sp_period_format (&p->window);
        g_autofree char *n = sp_goal_format_n (goal->kpi, p->current.n);

        detail = g_strdup_printf (_("%s · %s"), window, n);
      }
    add_tile (self, 1, _("Now"), value, detail);
  }

  {
    g_autofree char *value = sp_goal_format_value (goal->kpi, goal->target, p->currency);
    g_autofree char *due = sp_date_format_long (goal->due);
    /* TRANSLATORS: %s is a goal's due day */
    g_autofree char *detail = g_strdup_printf (_("by %s"), due);

    add_tile (self, 2, _("Target"), value, detail);
  }

  {
    g_autofree char *value = NULL;
    g_autofree char *detail = NULL;
    SpPeriod span = sp_goal_get_span (goal);

    if (goal->state != SP_GOAL_STATE_OPEN)
      value = g_strdup (_("Ended"));
    else if (p->today < goal->start)
      /* TRANSLATORS: the days until a goal starts */
      value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Starts in %d day",
                                            "Starts in %d days",
                                            (gulong) (goal->start - p->today)),
                               goal->start - p->today);
    else if (p->days_left >= 0)
      /* TRANSLATORS: the days until a goal's due date */
      value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left",
                                            (gulong) p->days_left), p->days_left);
    else
      /* TRANSLATORS: the days since a goal's due date */
      value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due %d day ago",
                                            "Due %d days ago", (gulong) -p->days_left),
                               -p->days_left);
    detail = sp_period_format (&span);
    add_tile (self, 3, _("Time"), value, detail);
  }
}

static void
show_status (SpGoalView *self)
{
  SpGoalProgress *p = self->progress;
  static const char * const styles[] = { "success", "warning", "error", "dim-label" };
  const char *style = sp_goal_status_get_style (p->status);
  g_autofree char *sentence = sp_goal_dup_sentence (p->goal, p->baseline.value, p->currency);
  g_autofree char *why = sp_goal_progress_explain (p);
  g_autofree char *progress = NULL;

  gtk_label_set_label (self->sentence_label, sentence);
  gtk_image_set_from_icon_name (self->status_icon, sp_goal_status_get_icon_name (p->status));
  gtk_label_set_label (self->status_label, sp_goal_status_get_label (p->status));
  gtk_label_set_label (self->explanation_label, why);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), styles[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), styles[i]);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), style);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);

  sp_goal_progress_bar_set_progress (self->progress_bar, p);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar),
                          !isnan (p->progress) && p->verdict != SP_GOAL_STATUS_NO_DATA);

  if (!isnan (p->progress) && p->verdict != SP_GOAL_STATUS_NO_DATA)
    /* TRANSLATORS: "60 % of the way from baseline to target · 67 % expected by now (the mark)" */
    progress = g_strdup_printf (_("%.0f %% of the way from baseline to target · %.0f %% expected "
                                  "by now (the mark)"),
                                p->progress * 100, p->expected * 100);
  gtk_label_set_label (self->progress_label, progress ? progress : "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), progress != NULL);
}

static void
show_relevance (SpGoalView *self)
{
  SpGoalProgress *p = self->progress;
  SpGoal *goal = p->goal;
  g_autofree char *since = NULL;

  adw_action_row_set_subtitle (self->objective_row, sp_goal_get_objective_label (goal));

  if (p->as_of >= goal->start)
    {
      g_autofree char *value = sp_goal_format_value (goal->kpi, p->since_start.value, p->currency);
      g_autofree char *period = sp_period_format_sentence (&p->so_far);
      g_autofree char *n = sp_goal_format_n (goal->kpi, p->since_start.n);

      /* TRANSLATORS: the value since the start, its period in a sentence ("from 1 October
       * to 7 December 2026") and what it rests on */
      since = g_strdup_printf (_("%s %s (%s)"), value, period, n);
    }
  else
    {
      since = g_strdup (_("Not started yet"));
    }

  adw_action_row_set_subtitle (self->since_row, since);
}

/* The chart */

static void
show_chart (SpGoalView    *self,
            GPtrArray     *sets,
            SpGranularity  granularity)
{
  g_autoptr(SpChart) chart = NULL;

  chart = sp_goal_chart_new (self->progress, sets,
                             sp_kpi_engine_get_benchmarks (self->engine));
  sp_chart_view_set_chart (self->chart_view, chart);
  gtk_label_set_label (self->chart_heading, granularity == SP_GRANULARITY_MONTH
                                            ? _("By Month, with the Straight Path")
                                            : _("By Week, with the Straight Path"));
  gtk_widget_set_visible (GTK_WIDGET (self->chart_box), TRUE);
}

/* Notes and history */

static void
delete_note_cb (GtkButton  *button,
                SpGoalView *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "note-id"));

  if (!sp_store_delete_goal_note (get_store (self), id, &error))
    show_error (self, _("The Note Can't Be Deleted"), error);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
show_notes (SpGoalView *self)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  SpKpi kpi = self->goal->kpi;

  clear_rows (self->notes_group, self->note_rows);

  notes = sp_store_list_goal_notes (get_store (self), self->goal_id, &error);
  if (notes == NULL)
    return;

  for (guint i = 0; i < notes->len; i++)
    {
      SpGoalNote *note = g_ptr_array_index (notes, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;
      g_autofree char *day = sp_date_format_long (note->day);
      g_autofree char *subtitle = NULL;
      SpGoalStatus status;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), note->text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

      if (!isnan (note->value) && note->status != NULL &&
          sp_goal_status_from_string (note->status, &status))
        {
          g_autofree char *value = sp_goal_format_value (kpi, note->value, shop_currency (self));

          /* TRANSLATORS: a note's day, the goal's value and status then */
          subtitle = g_strdup_printf (_("%s · then %s, %s"), day, value,
                                      sp_goal_status_get_label (status));
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : day);

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Delete Note"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Delete Note"), -1);
      g_object_set_data (G_OBJECT (button), "note-id", GSIZE_TO_POINTER ((gsize) note->id));
      g_signal_connect_object (button, "clicked", G_CALLBACK (delete_note_cb), self, 0);
      /* notes are the goal's, the owner's to change */
      sp_role_mark_owner_only (button, !self->read_only, _("Delete Note"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->notes_group, row);
      g_ptr_array_add (self->note_rows, row);
    }
}

static void
show_history (SpGoalView *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  SpKpi kpi = self->goal->kpi;

  clear_rows (self->history_group, self->history_rows);

  events = sp_store_list_goal_events (get_store (self), self->goal_id, &error);
  if (events == NULL)
    return;

  /* The latest first, as the notes */
  for (guint i = events->len; i > 0; i--)
    {
      SpGoalEvent *event = g_ptr_array_index (events, i - 1);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = sp_goal_event_describe (event, kpi, shop_currency (self));
      g_autofree char *day = sp_date_format_long (sp_time_to_date (event->at));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), day);
      adw_preferences_group_add (self->history_group, row);
      g_ptr_array_add (self->history_rows, row);
    }
}

/* Closing and abandoning show the status: they wait for the figures */
static void
update_actions (SpGoalView *self)
{
  gboolean open = self->goal != NULL && sp_goal_is_open (self->goal);
  gboolean may = !self->read_only;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "goal.adjust", may && open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "goal.close",
                                 may && open && self->progress);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "goal.abandon",
                                 may && open && self->progress);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "goal.delete", may && self->goal != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->adjust_button),
                               may ? _("Set a new target or due date; the old ones stay in the "
                                       "history")
                                   : sp_role_get_owner_only ());
  sp_role_mark_owner_only (GTK_WIDGET (self->note_row), may, NULL);
}

void
sp_goal_view_set_read_only (SpGoalView *self,
                            gboolean    read_only)
{
  g_return_if_fail (SP_IS_GOAL_VIEW (self));

  self->read_only = !!read_only;
  update_actions (self);
}

/* Another goal's figures must not show while this one's are computed */
static void
show_computing (SpGoalView *self)
{
  g_autofree char *sentence = sp_goal_dup_sentence (self->goal, NAN, shop_currency (self));
  GtkWidget *child;

  gtk_label_set_label (self->sentence_label, sentence);
  gtk_image_set_from_icon_name (self->status_icon, NULL);
  gtk_label_set_label (self->status_label, "");
  gtk_label_set_label (self->explanation_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), FALSE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->numbers_grid))))
    gtk_grid_remove (self->numbers_grid, child);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_box), FALSE);
  adw_action_row_set_subtitle (self->objective_row, sp_goal_get_objective_label (self->goal));
  adw_action_row_set_subtitle (self->since_row, "");
}

static void
evaluated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SpGoalView) self = user_data;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) error = NULL;
  SpGranularity granularity = SP_GRANULARITY_MONTH;
  SpGoalProgress *progress;

  progress = sp_goal_tracker_evaluate_goal_finish (result, &sets, &granularity, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (progress == NULL)
    {
      gtk_label_set_label (self->explanation_label, error->message);
      return;
    }

  g_clear_pointer (&self->progress, sp_goal_progress_free);
  self->progress = progress;

  show_status (self);
  show_numbers (self);
  show_chart (self, sets, granularity);
  show_relevance (self);
  update_actions (self);
}

gboolean
sp_goal_view_reload (SpGoalView *self)
{
  g_autoptr(SpGoal) goal = NULL;
  g_autoptr(GError) error = NULL;
  gboolean other;

  g_return_val_if_fail (SP_IS_GOAL_VIEW (self), FALSE);

  if (self->engine == NULL || self->goal_id <= 0)
    return FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  goal = sp_store_load_goal (get_store (self), self->goal_id, &error);
  if (goal == NULL)
    {
      g_clear_object (&self->goal);
      g_clear_pointer (&self->progress, sp_goal_progress_free);
      update_actions (self);
      return FALSE;
    }

  other = self->progress == NULL || self->progress->goal->id != goal->id;
  g_set_object (&self->goal, goal);
  if (other)
    {
      g_clear_pointer (&self->progress, sp_goal_progress_free);
      show_computing (self);
    }

  show_notes (self);
  show_history (self);
  update_actions (self);

  self->cancellable = g_cancellable_new ();
  sp_goal_tracker_evaluate_goal_async (get_store (self), goal, sp_date_today (),
                                       self->cancellable, evaluated_cb, g_object_ref (self));
  return TRUE;
}

void
sp_goal_view_show (SpGoalView  *self,
                   SpKpiEngine *engine,
                   gint64       goal_id)
{
  g_return_if_fail (SP_IS_GOAL_VIEW (self));
  g_return_if_fail (SP_IS_KPI_ENGINE (engine));

  g_set_object (&self->engine, engine);
  self->goal_id = goal_id;
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  sp_goal_view_reload (self);
}

/* Whether the goal's figures are still being computed */
gboolean
sp_goal_view_is_loading (SpGoalView *self)
{
  g_return_val_if_fail (SP_IS_GOAL_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

gint64
sp_goal_view_get_goal_id (SpGoalView *self)
{
  g_return_val_if_fail (SP_IS_GOAL_VIEW (self), 0);
  return self->goal_id;
}

const SpGoalProgress *
sp_goal_view_get_progress (SpGoalView *self)
{
  g_return_val_if_fail (SP_IS_GOAL_VIEW (self), NULL);
  return self->progress;
}

/* Adding a note */

static void
note_apply_cb (SpGoalView *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  SpGoalProgress *p = self->progress;

  if (p == NULL || sp_str_is_blank (text))
    return;

  if (sp_store_add_goal_note (get_store (self), self->goal_id, sp_date_today (), text,
                              p->current.value, sp_goal_status_to_string (p->verdict),
                              &error) == 0)
    {
      show_error (self, _("The Note Can't Be Saved"), error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  toast (self, _("Note added"));
}

/* Dialogs */

static AdwMessageDialog *
new_dialog (SpGoalView *self,
            const char *heading,
            const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                     heading, body));
}

static GtkWidget *
new_group (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
reason_changed_cb (AdwEntryRow      *row,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "abandon",
    !sp_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
end_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 SpGoalView       *self)
{
  g_autoptr(GError) error = NULL;
  AdwEntryRow *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  gboolean abandon = g_str_equal (response, "abandon");

  if (!abandon && !g_str_equal (response, "close"))
    return;

  if (!sp_store_close_goal (get_store (self), self->goal_id,
                            abandon ? SP_GOAL_STATE_ABANDONED : SP_GOAL_STATE_CLOSED,
                            sp_date_today (), gtk_editable_get_text (GTK_EDITABLE (reason)),
                            &error))
    {
      show_error (self, abandon ? _("The Goal Can't Be Abandoned")
                                : _("The Goal Can't Be Closed"), error);
      return;
    }

  toast (self, abandon ? _("Goal abandoned") : _("Goal closed"));
}

static void
end_goal (SpGoalView *self,
          gboolean    abandon)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = new_group ();
  GtkWidget *reason = adw_entry_row_new ();
  g_autofree char *verdict = NULL;

  if (self->progress == NULL)
    return;

  /* TRANSLATORS: %s is the goal's status today, e.g. "On track" */
  verdict = g_strdup_printf (_("Its figures stop today; it stays in the list with its status "
                               "today (%s), its notes and its history."),
                             sp_goal_status_get_label (self->progress->verdict));

  if (abandon)
    dialog = new_dialog (self, _("Abandon the Goal?"), verdict);
  else
    dialog = new_dialog (self, _("Close the Goal?"), verdict);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason),
                                 abandon ? _("_Why is it abandoned?")
                                         : _("_Why is it closed? (optional)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (reason), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (reason), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (abandon)
    {
      adw_message_dialog_add_response (dialog, "abandon", _("_Abandon"));
      adw_message_dialog_set_response_appearance (dialog, "abandon",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_enabled (dialog, "abandon", FALSE);
      adw_message_dialog_set_default_response (dialog, "abandon");
      g_signal_connect_object (reason, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
    }
  else
    {
      adw_message_dialog_add_response (dialog, "close", _("C_lose Goal"));
      adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "close");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_object (dialog, "response", G_CALLBACK (end_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  end_goal (SP_GOAL_VIEW (widget), FALSE);
}

static void
abandon_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  end_goal (SP_GOAL_VIEW (widget), TRUE);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SpGoalView       *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;

  if (!sp_store_delete_goal (get_store (self), self->goal_id, &error))
    show_error (self, _("The Goal Can't Be Deleted"), error);
  else
    toast (self, _("Goal deleted"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpGoalView *self = SP_GOAL_VIEW (widget);
  AdwMessageDialog *dialog;

  dialog = new_dialog (self, _("Delete the Goal?"),
                       _("The goal, its review notes and its history are removed. To keep its "
                         "record, close or abandon it instead."));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
adjust_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SpGoalView       *self)
{
  g_autoptr(GError) error = NULL;
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "target");
  GtkEditable *due = g_object_get_data (G_OBJECT (dialog), "due");
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  g_autofree char *why = NULL;
  SpDate day = SP_DATE_NONE;

  if (!g_str_equal (response, "adjust"))
    return;

  if (!sp_widget_get_date_entry (GTK_WIDGET (due), &day, &why))
    {
      /* TRANSLATORS: %s is the goal's due day */
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Due: %s"), why);
      show_error (self, _("The Goal Was Not Adjusted"), error);
      return;
    }

  gtk_spin_button_update (spin);
  if (!sp_store_adjust_goal (get_store (self), self->goal_id, gtk_spin_button_get_value (spin),
                             day, gtk_editable_get_text (reason), &error))
    {
      show_error (self, _("The Goal Was Not Adjusted"), error);
      return;
    }

  toast (self, _("Goal adjusted; the old target and due date are in its history"));
}

/* Whether the Adjust dialog holds something typed that closing would drop */
static gboolean
adjust_has_changes (AdwMessageDialog *dialog)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "target");
  GtkEditable *due = g_object_get_data (G_OBJECT (dialog), "due");
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  const char *initial_target = g_object_get_data (G_OBJECT (dialog), "initial-target");
  const char *initial_due = g_object_get_data (G_OBJECT (dialog), "initial-due");

  /* the text as shown: a target with more digits than the field is not a change */
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), initial_target) != 0 ||
         g_strcmp0 (gtk_editable_get_text (due), initial_due) != 0 ||
         !sp_str_is_blank (gtk_editable_get_text (reason));
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
adjust_discard_cb (AdwMessageDialog *ask,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  g_object_set_data (G_OBJECT (dialog), "asking", NULL);
  if (!g_str_equal (response, "discard"))
    return;

  /* once the question is gone: it must not outlive the dialog it is transient for */
  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (dialog), g_object_unref);
}

/* Escape: what was typed is not dropped without asking, as in the goal editor */
static gboolean
adjust_close_request_cb (AdwMessageDialog *dialog)
{
  AdwMessageDialog *ask;

  if (g_object_get_data (G_OBJECT (dialog), "answered") != NULL ||
      !adjust_has_changes (dialog))
    return GDK_EVENT_PROPAGATE;

  if (g_object_get_data (G_OBJECT (dialog), "asking") != NULL)
    return GDK_EVENT_STOP;
  g_object_set_data (G_OBJECT (dialog), "asking", GINT_TO_POINTER (TRUE));

  ask = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (dialog),
                                                    _("Discard the Adjustment?"),
                                                    _("The target, due date and reason you "
                                                      "typed are lost.")));
  adw_message_dialog_add_responses (ask,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ask, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ask, "keep");
  adw_message_dialog_set_close_response (ask, "keep");
  g_signal_connect_object (ask, "response", G_CALLBACK (adjust_discard_cb), dialog, 0);
  gtk_window_present (GTK_WINDOW (ask));
  return GDK_EVENT_STOP;
}

/* A response button was pressed: the close that follows needs no question */
static void
adjust_answered_cb (AdwMessageDialog *dialog,
                    const char       *response)
{
  g_object_set_data (G_OBJECT (dialog), "answered", GINT_TO_POINTER (TRUE));
}

static void
adjust_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpGoalView *self = SP_GOAL_VIEW (widget);
  SpGoal *goal;
  AdwMessageDialog *dialog;
  GtkWidget *list = new_group ();
  GtkWidget *target_row = adw_action_row_new ();
  GtkWidget *due_row = adw_entry_row_new ();
  GtkWidget *reason = adw_entry_row_new ();
  GtkWidget *spin;
  GtkWidget *unit_label;
  g_autofree char *unit = NULL;

  if (self->goal == NULL)
    return;

  goal = self->goal;

  dialog = new_dialog (self, _("Adjust the Goal"),
                       _("Set a new target or due date when the goal no longer fits what the "
                         "shop can do or needs. The old ones stay in the goal's history."));

  switch (sp_kpi_get_unit (goal->kpi))
    {
    case SP_UNIT_PERCENT:
      spin = gtk_spin_button_new_with_range (0, 100, 0.5);
      break;
    case SP_UNIT_NPS:
      spin = gtk_spin_button_new_with_range (-100, 100, 1);
      break;
    case SP_UNIT_SCORE:
      spin = gtk_spin_button_new_with_range (1, 7, 0.1);
      break;
    default:
      spin = gtk_spin_button_new_with_range (0, 1000000, 0.5);
      break;
    }
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), sp_kpi_get_unit (goal->kpi) == SP_UNIT_NPS
                                                      ? 0 : 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), goal->target);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  target_row, NULL, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (target_row), _("_Target"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (target_row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (target_row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (target_row), spin);

  /* the target in the KPI's unit, as the goal states it */
  unit = sp_goal_editor_dup_unit (goal->kpi);
  unit_label = gtk_label_new (unit);
  gtk_widget_add_css_class (unit_label, "dim-label");
  gtk_widget_set_visible (unit_label, *unit != '\0');
  adw_action_row_add_suffix (ADW_ACTION_ROW (target_row), unit_label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due_row), _("_Due"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (due_row), TRUE);
  sp_widget_setup_date_entry (due_row);
  sp_widget_set_date_entry (due_row, goal->due);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (due_row),
                            sp_goal_editor_new_date_button (GTK_EDITABLE (due_row),
                                                            _("Choose the Due Date on a "
                                                              "Calendar")));
  g_object_set_data (G_OBJECT (dialog), "unit", unit_label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("_Why? (optional)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (reason), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (reason), TRUE);

  gtk_list_box_append (GTK_LIST_BOX (list), target_row);
  gtk_list_box_append (GTK_LIST_BOX (list), due_row);
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  adw_message_dialog_set_extra_child (dialog, list);

  g_object_set_data (G_OBJECT (dialog), "target", spin);
  g_object_set_data (G_OBJECT (dialog), "due", due_row);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data_full (G_OBJECT (dialog), "initial-target",
                          g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "initial-due",
                          g_strdup (gtk_editable_get_text (GTK_EDITABLE (due_row))), g_free);

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "adjust", _("_Adjust"));
  adw_message_dialog_set_response_appearance (dialog, "adjust", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "adjust");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect (dialog, "response", G_CALLBACK (adjust_answered_cb), NULL);
  g_signal_connect (dialog, "close-request", G_CALLBACK (adjust_close_request_cb), NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (adjust_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Lifecycle */

static void
sp_goal_view_dispose (GObject *object)
{
  SpGoalView *self = SP_GOAL_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);
  g_clear_object (&self->goal);
  g_clear_pointer (&self->progress, sp_goal_progress_free);

  G_OBJECT_CLASS (sp_goal_view_parent_class)->dispose (object);
}

static void
sp_goal_view_finalize (GObject *object)
{
  SpGoalView *self = SP_GOAL_VIEW (object);

  g_clear_pointer (&self->note_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_goal_view_parent_class)->finalize (object);
}

static void
sp_goal_view_class_init (SpGoalViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_goal_view_dispose;
  object_class->finalize = sp_goal_view_finalize;

  g_type_ensure (SP_TYPE_GOAL_PROGRESS_BAR);
  g_type_ensure (SP_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-goal-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, status_icon);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, status_label);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, numbers_grid);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, chart_box);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, chart_heading);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, chart_view);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, objective_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, since_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, notes_group);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, note_row);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, history_group);
  gtk_widget_class_bind_template_child (widget_class, SpGoalView, adjust_button);

  gtk_widget_class_install_action (widget_class, "goal.adjust", NULL, adjust_action);
  gtk_widget_class_install_action (widget_class, "goal.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "goal.abandon", NULL, abandon_action);
  gtk_widget_class_install_action (widget_class, "goal.delete", NULL, delete_action);
}

static void
sp_goal_view_init (SpGoalView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->note_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->objective_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->since_row), FALSE);

  g_signal_connect_object (self->note_row, "apply", G_CALLBACK (note_apply_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->note_row, "entry-activated", G_CALLBACK (note_apply_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}
