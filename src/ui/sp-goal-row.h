/* sp-goal-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-goal-tracker.h"

G_BEGIN_DECLS

GtkWidget *sp_goal_row_new (const SpGoalProgress *progress);

G_END_DECLS
