/* sp-goal-row.c
 *
 * A goal in a list: on the Goals page and on the dashboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-goal-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-goal-progress-bar.h"
#include "sp-goal-row.h"

static char *
describe_now (const SpGoalProgress *p)
{
  SpGoal *goal = p->goal;
  g_autofree char *target = sp_goal_format_value (goal->kpi, goal->target, p->currency);
  g_autofree char *when = NULL;

  if (goal->state != SP_GOAL_STATE_OPEN)
    {
      g_autofree char *day = sp_date_format_long (goal->state_day);
      g_autofree char *value = sp_goal_format_value (goal->kpi, p->current.value, p->currency);

      g_free (target);
      target = sp_goal_format_value_like (goal->kpi, goal->target, p->current.value, p->currency);
      /* TRANSLATORS: a closed goal: its value when it ended, its target, the day it
       * ended and its status then, e.g. "Ended at 71 % against 75 % on 30 June 2026:
       * Missed" */
      return g_strdup_printf (_("Ended at %s against %s on %s: %s"), value, target, day,
                              sp_goal_status_get_label (p->verdict));
    }

  if (p->today < goal->start)
    {
      g_autofree char *start = sp_date_format_long (goal->start);
      /* TRANSLATORS: a goal's target, then its first day */
      return g_strdup_printf (_("Target %s · starts on %s"), target, start);
    }

  if (p->days_left >= 0)
    /* TRANSLATORS: the days until a goal's due date */
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left",
                                         (gulong) p->days_left), p->days_left);
  else
    /* TRANSLATORS: the days since a goal's due date */
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due %d day ago", "due %d days ago",
                                         (gulong) -p->days_left), -p->days_left);

  if (isnan (p->current.value))
    /* TRANSLATORS: a goal's target, then "12 days left" or similar */
    return g_strdup_printf (_("Target %s · %s"), target, when);

  if (p->status == SP_GOAL_STATUS_NO_DATA && p->current.n < sp_goal_kpi_min_n (goal->kpi))
    {
      g_autofree char *n = sp_goal_format_n (goal->kpi, p->current.n);

      /* TRANSLATORS: "Only 3 answers so far · target 85 % · 126 days left" */
      return g_strdup_printf (_("Only %s so far · target %s · %s"), n, target, when);
    }

  {
    g_autofree char *value = sp_goal_format_value (goal->kpi, p->current.value, p->currency);

    g_free (target);
    target = sp_goal_format_value_like (goal->kpi, goal->target, p->current.value, p->currency);
    /* TRANSLATORS: "Now 70 % · target 75 % · 26 days left" */
    return g_strdup_printf (_("Now %s · target %s · %s"), value, target, when);
  }
}

/**
 * sp_goal_row_new:
 *
 * A list row for @p: the status icon, the goal's sentence, its progress
 * against the straight path, where it stands now, and the status in words
 * and colour.  Its "goal-id" data is the goal's id.
 */
GtkWidget *
sp_goal_row_new (const SpGoalProgress *p)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon, *label, *status, *bar;
  const char *style = sp_goal_status_get_style (p->status);
  g_autofree char *sentence = sp_goal_dup_sentence (p->goal, p->baseline.value, p->currency);
  g_autofree char *now = describe_now (p);
  g_autofree char *accessible = NULL;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  icon = gtk_image_new_from_icon_name (sp_goal_status_get_icon_name (p->status));
  gtk_widget_add_css_class (icon, style);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);

  label = gtk_label_new (sentence);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "goal-sentence");
  gtk_box_append (GTK_BOX (middle), label);

  /* Progress on too few answers or contacts would only mislead */
  if (!isnan (p->progress) && p->verdict != SP_GOAL_STATUS_NO_DATA)
    {
      bar = sp_goal_progress_bar_new ();
      sp_goal_progress_bar_set_progress (SP_GOAL_PROGRESS_BAR (bar), p);
      gtk_box_append (GTK_BOX (middle), bar);
    }

  label = gtk_label_new (now);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (middle), label);

  gtk_widget_set_hexpand (middle, TRUE);
  gtk_box_append (GTK_BOX (box), middle);

  status = gtk_label_new (sp_goal_status_get_label (p->status));
  gtk_widget_add_css_class (status, style);
  gtk_widget_add_css_class (status, "heading");
  gtk_widget_add_css_class (status, "goal-status");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), status);

  icon = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "goal-id", GSIZE_TO_POINTER ((gsize) p->goal->id));

  /* TRANSLATORS: a goal in the list, read out: its sentence, status and figures */
  accessible = g_strdup_printf (_("%s. %s. %s"), sentence, sp_goal_status_get_label (p->status),
                                now);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return row;
}
