/* sp-goals-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-goal-editor.h"
#include "sp-goal-view.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_GOALS_PAGE (sp_goals_page_get_type ())

G_DECLARE_FINAL_TYPE (SpGoalsPage, sp_goals_page, SP, GOALS_PAGE, AdwBin)

SpStore      *sp_goals_page_get_store     (SpGoalsPage *self);
void          sp_goals_page_set_store     (SpGoalsPage *self,
                                           SpStore     *store);
SpGoalEditor *sp_goals_page_new_goal      (SpGoalsPage *self);
void          sp_goals_page_show_goal     (SpGoalsPage *self,
                                           gint64       goal_id);
GPtrArray    *sp_goals_page_get_goals     (SpGoalsPage *self);
SpGoalView   *sp_goals_page_get_goal_view (SpGoalsPage *self);
void          sp_goals_page_set_read_only (SpGoalsPage *self,
                                           gboolean     read_only);
gboolean      sp_goals_page_get_read_only (SpGoalsPage *self);

G_END_DECLS
