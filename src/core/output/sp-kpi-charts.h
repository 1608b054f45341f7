/* sp-kpi-charts.h
 *
 * The charts of the dashboard and of the printed report, made from what
 * the KPI engine computes: the same KPI is drawn the same way everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-benchmarks.h"
#include "sp-chart.h"
#include "sp-kpi-set.h"

G_BEGIN_DECLS

SpChartNoun  sp_kpi_get_chart_noun        (SpKpi          kpi);
/* Returns: (transfer full) */
char        *sp_kpi_format_n              (SpKpi          kpi,
                                           gint64         n);
void         sp_kpi_chart_setup           (SpChart       *chart,
                                           SpKpi          kpi);
void         sp_kpi_chart_add_bands       (SpChart       *chart,
                                           SpKpi          kpi,
                                           SpBenchmarks  *benchmarks);

/* Returns: (transfer full) */
SpChart     *sp_kpi_chart_new_trend       (SpKpi          kpi,
                                           GPtrArray     *sets,
                                           SpBenchmarks  *benchmarks,
                                           double         goal);
/* Returns: (transfer full) */
SpChart     *sp_kpi_chart_new_split_trend (SpKpi          kpi,
                                           GPtrArray     *split,
                                           SpBenchmarks  *benchmarks,
                                           guint          max_series);
/* Returns: (transfer full) */
SpChart     *sp_kpi_chart_new_sparkline   (SpKpi          kpi,
                                           GPtrArray     *sets);
/* Returns: (transfer full) */
SpChart     *sp_kpi_chart_new_breakdown   (SpKpi          kpi,
                                           GPtrArray     *sets,
                                           SpKpiSet      *team,
                                           SpBenchmarks  *benchmarks);
/* Returns: (transfer full) */
SpChart     *sp_kpi_chart_new_first_response (SpKpiSet   *set,
                                           SpBenchmarks  *benchmarks);
/* Returns: (transfer full) */
SpChart     *sp_kpi_chart_new_nps         (GPtrArray     *sets,
                                           gboolean       by_segment);
/* Returns: (transfer full) */
SpChart     *sp_kpi_chart_new_volume      (const gint64   counts[7][24]);
/* Returns: (transfer full) */
SpChart     *sp_kpi_chart_new_by_channel  (SpKpiSet      *set);
/* Returns: (transfer full) */
SpChart     *sp_kpi_chart_new_by_topic    (SpKpiSet      *set,
                                           guint          max_topics);

G_END_DECLS
