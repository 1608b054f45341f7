/* sp-goal-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-goal-tracker.h"

G_BEGIN_DECLS

#define SP_TYPE_GOAL_EDITOR (sp_goal_editor_get_type ())

G_DECLARE_FINAL_TYPE (SpGoalEditor, sp_goal_editor, SP, GOAL_EDITOR, AdwWindow)

SpGoalEditor *sp_goal_editor_new          (GtkWindow     *parent,
                                           SpKpiEngine   *engine);
/* The goal as the widgets say it, saved or not */
SpGoal       *sp_goal_editor_get_goal     (SpGoalEditor  *self);
/* The baseline shown (NAN: none) */
double        sp_goal_editor_get_baseline (SpGoalEditor  *self);
/* What the Achievable group says now, one message per check */
GPtrArray    *sp_goal_editor_get_checks   (SpGoalEditor  *self);
/* Loads what a change of KPI, segment or dates needs now, instead of after a pause, and
 * waits for it (it is loaded on a thread) */
void          sp_goal_editor_flush        (SpGoalEditor  *self);
gboolean      sp_goal_editor_get_dirty    (SpGoalEditor  *self);
char         *sp_goal_editor_dup_unit     (SpKpi          kpi);
GtkWidget    *sp_goal_editor_new_date_button (GtkEditable *entry,
                                              const char  *label);

G_END_DECLS
