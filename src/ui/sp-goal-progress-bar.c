/* sp-goal-progress-bar.c
 *
 * The way from baseline to target: a bar filled as far as the goal has
 * come, in its status colour, with a mark where the straight path expects
 * it to be.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-goal-progress-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-goal-progress-bar.h"

#define BAR_HEIGHT 8
#define MARK_HEIGHT 16
#define MARK_WIDTH 3

struct _SpGoalProgressBar
{
  GtkWidget  parent_instance;

  double     fraction;   /* NAN: no progress to show */
  double     expected;   /* NAN: no mark */
  const char *style;
};

G_DEFINE_FINAL_TYPE (SpGoalProgressBar, sp_goal_progress_bar, GTK_TYPE_WIDGET)

static void
sp_goal_progress_bar_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 48;
      *natural = 240;
    }
  else
    {
      *minimum = *natural = MARK_HEIGHT;
    }
}

static void
append_rounded (GtkSnapshot     *snapshot,
                const GdkRGBA   *color,
                double           x,
                double           y,
                double           width,
                double           height)
{
  GskRoundedRect rect;

  if (width <= 0 || height <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, width, height),
                                   MIN (height, width) / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &rect.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
sp_goal_progress_bar_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  SpGoalProgressBar *self = SP_GOAL_PROGRESS_BAR (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double y = (height - BAR_HEIGHT) / 2.0;
  GdkRGBA fill, trough, mark;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &fill);
  if (!gtk_style_context_lookup_color (context, "window_fg_color", &mark))
    mark = (GdkRGBA) { 0, 0, 0, 0.8 };
  G_GNUC_END_IGNORE_DEPRECATIONS

  trough = mark;
  trough.alpha *= 0.12;
  mark.alpha *= 0.8;

  append_rounded (snapshot, &trough, 0, y, width, BAR_HEIGHT);

  if (!isnan (self->fraction) && self->fraction > 0)
    append_rounded (snapshot, &fill, 0, y, width * CLAMP (self->fraction, 0.0, 1.0), BAR_HEIGHT);

  if (!isnan (self->expected))
    {
      double x = CLAMP (width * self->expected - MARK_WIDTH / 2.0, 0, width - MARK_WIDTH);

      append_rounded (snapshot, &mark, x, (height - MARK_HEIGHT) / 2.0, MARK_WIDTH, MARK_HEIGHT);
    }
}

static void
sp_goal_progress_bar_class_init (SpGoalProgressBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = sp_goal_progress_bar_measure;
  widget_class->snapshot = sp_goal_progress_bar_snapshot;

  gtk_widget_class_set_css_name (widget_class, "goalprogressbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
sp_goal_progress_bar_init (SpGoalProgressBar *self)
{
  self->fraction = NAN;
  self->expected = NAN;
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
sp_goal_progress_bar_new (void)
{
  return g_object_new (SP_TYPE_GOAL_PROGRESS_BAR, NULL);
}

/* Shows @progress (NULL: nothing) */
void
sp_goal_progress_bar_set_progress (SpGoalProgressBar    *self,
                                   const SpGoalProgress *progress)
{
  g_autofree char *text = NULL;
  const char *style;

  g_return_if_fail (SP_IS_GOAL_PROGRESS_BAR (self));

  self->fraction = progress ? progress->progress : NAN;
  self->expected = progress && progress->as_of >= progress->goal->start ? progress->expected
                                                                          : NAN;
  style = progress ? sp_goal_status_get_style (progress->status) : "dim-label";

  if (self->style != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->style);
  self->style = style;
  gtk_widget_add_css_class (GTK_WIDGET (self), style);

  if (isnan (self->fraction))
    text = g_strdup (_("No progress to show"));
  else if (isnan (self->expected))
    /* TRANSLATORS: how far a goal has come from its baseline to its target */
    text = g_strdup_printf (_("%.0f %% of the way"), self->fraction * 100);
  else
    /* TRANSLATORS: how much of the way from the baseline to the target is done, and how much
     * was expected by today */
    text = g_strdup_printf (_("%.0f %% of the way, %.0f %% expected by now"),
                            self->fraction * 100, self->expected * 100);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  isnan (self->fraction) ? 0.0
                                  : CLAMP (self->fraction, 0.0, 1.0) * 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
sp_goal_progress_bar_get_fraction (SpGoalProgressBar *self)
{
  g_return_val_if_fail (SP_IS_GOAL_PROGRESS_BAR (self), NAN);
  return self->fraction;
}

double
sp_goal_progress_bar_get_expected (SpGoalProgressBar *self)
{
  g_return_val_if_fail (SP_IS_GOAL_PROGRESS_BAR (self), NAN);
  return self->expected;
}
