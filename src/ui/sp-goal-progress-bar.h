/* sp-goal-progress-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-goal-tracker.h"

G_BEGIN_DECLS

#define SP_TYPE_GOAL_PROGRESS_BAR (sp_goal_progress_bar_get_type ())

G_DECLARE_FINAL_TYPE (SpGoalProgressBar, sp_goal_progress_bar, SP, GOAL_PROGRESS_BAR, GtkWidget)

GtkWidget *sp_goal_progress_bar_new          (void);
void       sp_goal_progress_bar_set_progress (SpGoalProgressBar    *self,
                                              const SpGoalProgress *progress);
double     sp_goal_progress_bar_get_fraction (SpGoalProgressBar    *self);
double     sp_goal_progress_bar_get_expected (SpGoalProgressBar    *self);

G_END_DECLS
