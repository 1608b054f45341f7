/* sp-goal-tracker-private.h
 *
 * What the goal tracker shares with the checks of a goal (sp-goal-checks.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "sp-goal-tracker.h"

G_BEGIN_DECLS

/* Days per month on average, to turn a span into months */
#define SP_GOAL_DAYS_PER_MONTH 30.4375
/* Months of history the steepness check looks at */
#define SP_GOAL_HISTORY_MONTHS 12

gboolean sp_goal_tracker_enough          (SpKpi             kpi,
                                          const SpKpiValue *value);
guint    sp_goal_tracker_span_months     (SpDate            start,
                                          SpDate            due);
void     sp_goal_tracker_choose_baseline (SpKpi             kpi,
                                          SpKpiSet         *own,
                                          SpKpiSet         *widened,
                                          SpPeriod         *period,
                                          SpKpiValue       *value);

static inline SpKpiValue
sp_goal_tracker_no_value (void)
{
  SpKpiValue v = { NAN, 0, NAN, NAN, SP_STATUS_NONE };

  return v;
}

G_END_DECLS
