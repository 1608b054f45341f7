/* sp-goal-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-goal-tracker.h"

G_BEGIN_DECLS

#define SP_TYPE_GOAL_VIEW (sp_goal_view_get_type ())

G_DECLARE_FINAL_TYPE (SpGoalView, sp_goal_view, SP, GOAL_VIEW, AdwBin)

void                  sp_goal_view_show          (SpGoalView   *self,
                                                  SpKpiEngine  *engine,
                                                  gint64        goal_id);
/* Reads the goal again (after a change in the store); FALSE when it is gone */
gboolean              sp_goal_view_reload        (SpGoalView   *self);
gint64                sp_goal_view_get_goal_id   (SpGoalView   *self);
/* The figures and the chart are computed on a thread: whether they still are */
gboolean              sp_goal_view_is_loading    (SpGoalView   *self);
const SpGoalProgress *sp_goal_view_get_progress  (SpGoalView   *self);
/* Turns Adjust, Close, Abandon and Delete off, for a login that may not change goals */
void                  sp_goal_view_set_read_only (SpGoalView   *self,
                                                  gboolean      read_only);

G_END_DECLS
