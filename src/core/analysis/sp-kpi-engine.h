/* sp-kpi-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-benchmarks.h"
#include "sp-kpi-set.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_KPI_ENGINE (sp_kpi_engine_get_type ())

G_DECLARE_FINAL_TYPE (SpKpiEngine, sp_kpi_engine, SP, KPI_ENGINE, GObject)

/* Returns: (transfer full) */
SpKpiEngine   *sp_kpi_engine_new            (SpStore          *store);
/* Returns: (transfer none) */
SpStore       *sp_kpi_engine_get_store      (SpKpiEngine      *self);
/* Returns: (transfer none) */
const char    *sp_kpi_engine_get_currency   (SpKpiEngine      *self);
/* Returns: (transfer none) */
SpBenchmarks  *sp_kpi_engine_get_benchmarks (SpKpiEngine      *self);

/* Every KPI of a period, for the whole shop (@segment NULL) or a segment */
/* Returns: (transfer full) */
SpKpiSet      *sp_kpi_engine_compute        (SpKpiEngine      *self,
                                             const SpPeriod   *period,
                                             const SpSegment  *segment,
                                             GError          **error);

/*
 * The same, and in one pass the previous period of the same length
 * (sp_period_previous()), for the change shown beside each value.
 */
gboolean       sp_kpi_engine_compute_with_previous (SpKpiEngine  *self,
                                             const SpPeriod   *period,
                                             const SpSegment  *segment,
                                             SpKpiSet        **current,
                                             SpKpiSet        **previous,
                                             GError          **error);

/*
 * Every KPI of each of @periods (any days, in any order; they may overlap)
 * in one pass: what the other calls are built on.  Returns an array of
 * SpKpiSet in the order of @periods.
 */
/* Returns: (transfer full) */
GPtrArray     *sp_kpi_engine_compute_many   (SpKpiEngine      *self,
                                             const SpPeriod   *periods,
                                             guint             n_periods,
                                             const SpSegment  *segment,
                                             GError          **error);

/* The days, weeks or months of a trend over @range, the first and last clipped to it */
/* Returns: (transfer full) */
GArray        *sp_kpi_engine_list_buckets   (const SpPeriod   *range,
                                             SpGranularity     granularity);

/*
 * A trend: one SpKpiSet per day, week or month that overlaps @range (the
 * first and last clipped to it), oldest first, each with every KPI.
 */
/* Returns: (transfer full) */
GPtrArray     *sp_kpi_engine_trend          (SpKpiEngine      *self,
                                             const SpPeriod   *range,
                                             SpGranularity     granularity,
                                             const SpSegment  *segment,
                                             GError          **error);

/*
 * The same, split by agent, channel or topic: an array of arrays, one per
 * agent, channel or topic that has data in @range (each as sp_kpi_engine_trend
 * returns; their SpKpiSet's segment says which).
 */
/* Returns: (transfer full) */
GPtrArray     *sp_kpi_engine_trend_split    (SpKpiEngine      *self,
                                             const SpPeriod   *range,
                                             SpGranularity     granularity,
                                             SpSegmentKind     split,
                                             GError          **error);

/* One SpKpiSet per agent, channel or topic with data in @period */
/* Returns: (transfer full) */
GPtrArray     *sp_kpi_engine_breakdown      (SpKpiEngine      *self,
                                             const SpPeriod   *period,
                                             SpSegmentKind     split,
                                             GError          **error);
/* The breakdowns by agent, by channel and by topic at once, each source read once */
gboolean       sp_kpi_engine_breakdowns     (SpKpiEngine      *self,
                                             const SpPeriod   *period,
                                             GPtrArray       **agents,
                                             GPtrArray       **channels,
                                             GPtrArray       **topics,
                                             GError          **error);

/* Contacts by ISO weekday (1–7) and hour (0–23) in @period: counts[7][24] */
gboolean       sp_kpi_engine_volume_by_hour (SpKpiEngine      *self,
                                             const SpPeriod   *period,
                                             const SpSegment  *segment,
                                             gint64            counts[7][24],
                                             GError          **error);

/*
 * The best value the shop has reached for @kpi over whole months that end
 * before @before (goals), among months where the figure rests on at least
 * SP_KPI_MIN_SAMPLE answers or contacts.  FALSE (without error) when there
 * is none, and for KPIs with no better way (AHT, volume, utilization).
 */
gboolean       sp_kpi_engine_best_month     (SpKpiEngine      *self,
                                             SpKpi             kpi,
                                             const SpSegment  *segment,
                                             SpDate            before,
                                             SpPeriod         *month,
                                             SpKpiValue       *value,
                                             GError          **error);

G_END_DECLS
