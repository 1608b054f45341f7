/* sp-insights.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-kpi-engine.h"

G_BEGIN_DECLS

#define SP_TYPE_INSIGHT (sp_insight_get_type ())

G_DECLARE_FINAL_TYPE (SpInsight, sp_insight, SP, INSIGHT, GObject)

typedef enum
{
  SP_INSIGHT_CAUTION,    /* a figure rests on too few answers */
  SP_INSIGHT_WATCH,
  SP_INSIGHT_ACT,
} SpInsightSeverity;

/*
 * One plain-language finding drawn from the articles' rules, naming the
 * numbers behind it.  kpi and segment say which KPI page shows it.
 */
struct _SpInsight
{
  GObject            parent_instance;

  char              *id;          /* stable, e.g. "csat-low", "agent-fcr-low:3" */
  SpInsightSeverity  severity;
  SpKpi              kpi;
  SpSegment          segment;
  char              *title;       /* "CSAT is 71 %, below 75 %" */
  char              *body;        /* what it means and what to do */
  double             weight;      /* orders findings: higher first */
};

/* Returns: (transfer none) */
const char *sp_insight_severity_get_label (SpInsightSeverity severity);

/*
 * The findings for @period, most important first.  They compare it with
 * the previous periods where a rule needs a trend.
 */
/* Returns: (transfer full) */
GPtrArray *sp_insights_find (SpKpiEngine     *engine,
                             const SpPeriod  *period,
                             GError         **error);

/*
 * The same, from the figures of @period and its breakdowns by agent and
 * by topic that the caller has already computed with @engine's store
 * (sp_kpi_engine_compute() and sp_kpi_engine_breakdown()); any that is
 * NULL is computed here.
 */
/* Returns: (transfer full) */
GPtrArray *sp_insights_find_with (SpKpiEngine     *engine,
                                  const SpPeriod  *period,
                                  SpKpiSet        *figures,
                                  GPtrArray       *agents,
                                  GPtrArray       *topics,
                                  GError         **error);

G_END_DECLS
