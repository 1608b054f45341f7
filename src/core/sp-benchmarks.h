/* sp-benchmarks.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-kpi.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_BENCHMARKS (sp_benchmarks_get_type ())

G_DECLARE_FINAL_TYPE (SpBenchmarks, sp_benchmarks, SP, BENCHMARKS, GObject)

/*
 * The bands of one KPI (KPI-SPEC §3).  A threshold that does not apply is
 * NAN.  For a KPI where higher is better: value ≥ excellent → excellent,
 * ≥ good → good, < act → act, otherwise watch; lower-is-better KPIs the
 * other way round; utilization has a good band [good_low, good_high] and
 * acts above act_high.
 */
typedef struct
{
  double      excellent;
  double      good;
  double      act;
  double      good_low;
  double      good_high;
  double      act_high;
  const char *source;      /* the article it comes from, e.g. "seeds/000" */
  const char *note;        /* the article's words, for the KPI page */
} SpBand;

SpBenchmarks *sp_benchmarks_new                (SpStore       *store);
const SpBand *sp_benchmarks_get_band           (SpBenchmarks  *self,
                                                SpKpi          kpi);
const SpBand *sp_benchmarks_get_default_band   (SpBenchmarks  *self,
                                                SpKpi          kpi);
gboolean      sp_benchmarks_set_band           (SpBenchmarks  *self,
                                                SpKpi          kpi,
                                                const SpBand  *band,
                                                GError       **error);
gboolean      sp_benchmarks_reset_band         (SpBenchmarks  *self,
                                                SpKpi          kpi,
                                                GError       **error);
SpStatus      sp_benchmarks_classify           (SpBenchmarks  *self,
                                                SpKpi          kpi,
                                                double         value);

/* First response target of a channel, in minutes (good ≤ target, act > 2 × target) */
double        sp_benchmarks_get_channel_target (SpBenchmarks  *self,
                                                SpChannel      channel);
gboolean      sp_benchmarks_set_channel_target (SpBenchmarks  *self,
                                                SpChannel      channel,
                                                double         minutes,
                                                GError       **error);
SpStatus      sp_benchmarks_classify_response  (SpBenchmarks  *self,
                                                SpChannel      channel,
                                                double         minutes);

/* SLA first-response target of a priority, in minutes */
double        sp_benchmarks_get_sla_target     (SpBenchmarks  *self,
                                                SpPriority     priority);
gboolean      sp_benchmarks_set_sla_target     (SpBenchmarks  *self,
                                                SpPriority     priority,
                                                double         minutes,
                                                GError       **error);

void          sp_benchmarks_reload             (SpBenchmarks  *self);

G_END_DECLS
