/* sp-goal-chart.h
 *
 * A goal's chart: its KPI week by week or month by month, the straight
 * path from the baseline to the target, the target and the benchmark
 * bands, for the goal page and the printed report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-benchmarks.h"
#include "sp-chart.h"
#include "sp-goal-tracker.h"

G_BEGIN_DECLS

/*
 * @sets: the actual series, as sp_goal_tracker_trend() gives it
 * @benchmarks: (nullable): for the bands behind the values
 *
 * Series 0 is the actual KPI, series 1 the path (a guide series: the
 * baseline over the baseline period, then straight to the target), when
 * the goal has a baseline to improve on.
 */
/* Returns: (transfer full) */
SpChart *sp_goal_chart_new (const SpGoalProgress *progress,
                            GPtrArray            *sets,
                            SpBenchmarks         *benchmarks);

G_END_DECLS
