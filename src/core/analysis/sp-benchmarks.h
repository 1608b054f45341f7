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

/* How a threshold compares: "≥ 85", "> 20", "≤ 5", "< 75" */
typedef enum
{
  SP_BAND_RULE_NONE,
  SP_BAND_RULE_AT_LEAST,
  SP_BAND_RULE_MORE_THAN,
  SP_BAND_RULE_AT_MOST,
  SP_BAND_RULE_LESS_THAN,
} SpBandRule;

/*
 * The bands of one KPI (KPI-SPEC §3).  A threshold that does not apply is
 * NAN, with rule SP_BAND_RULE_NONE.  A value is act when the act rule holds
 * (act "< 75": value < 75), else excellent when the excellent rule holds,
 * else good when the good rule holds, else watch; the rules carry the
 * spec's exact comparisons ("< 10 good" but "≤ 5 good").  Utilization has
 * a good band [good_low, good_high] (both inclusive) and acts above
 * act_high.  The backlog's good rule applies to the contacts older than
 * 48 h, its act rule to open contacts per active agent.
 */
typedef struct
{
  double      excellent;
  double      good;
  double      act;
  double      good_low;
  double      good_high;
  double      act_high;
  const char *source;      /* the title of the guide it comes from, or "house default" */
  const char *note;        /* the guide's words the numbers rest on, for the KPI page */
  gint64      min_n;       /* below it the figure is too few to judge; 0: no minimum */
  SpBandRule  excellent_rule;
  SpBandRule  good_rule;
  SpBandRule  act_rule;
} SpBand;

gboolean      sp_band_rule_holds               (SpBandRule     rule,
                                                double         threshold,
                                                double         value);
/* Returns: (transfer none) */
const char   *sp_band_rule_to_string           (SpBandRule     rule);
/* Returns: (transfer full) */
char         *sp_band_format                   (const SpBand  *band,
                                                SpKpi          kpi);
/* “The guide's words” — its title; or the title alone */
/* Returns: (transfer full) */
char         *sp_band_format_source            (const SpBand  *band);

/* Returns: (transfer full) */
SpBenchmarks *sp_benchmarks_new                (SpStore       *store);
/* Returns: (transfer none) */
const SpBand *sp_benchmarks_get_band           (SpBenchmarks  *self,
                                                SpKpi          kpi);
/* Returns: (transfer none) */
const SpBand *sp_benchmarks_get_default_band   (SpBenchmarks  *self,
                                                SpKpi          kpi);
gboolean      sp_benchmarks_set_band           (SpBenchmarks  *self,
                                                SpKpi          kpi,
                                                const SpBand  *band,
                                                GError       **error);
/* Whether @band's thresholds agree with each other (excellent beyond good
 * beyond act, the way the KPI gets better), as Preferences requires */
gboolean      sp_benchmarks_check_band         (SpKpi          kpi,
                                                const SpBand  *band,
                                                GError       **error);
gboolean      sp_benchmarks_reset_band         (SpBenchmarks  *self,
                                                SpKpi          kpi,
                                                GError       **error);
SpStatus      sp_benchmarks_classify           (SpBenchmarks  *self,
                                                SpKpi          kpi,
                                                double         value);
SpStatus      sp_benchmarks_classify_backlog   (SpBenchmarks  *self,
                                                gint64         open,
                                                gint64         older_than_48h,
                                                gint64         agents);

/*
 * First response target of a channel, in minutes (good ≤ target, act > 2 ×
 * target).  Setting NAN or a value ≤ 0 goes back to the default.
 */
double        sp_benchmarks_get_channel_target (SpBenchmarks  *self,
                                                SpChannel      channel);
double        sp_benchmarks_get_default_channel_target (SpBenchmarks *self,
                                                SpChannel      channel);
gboolean      sp_benchmarks_set_channel_target (SpBenchmarks  *self,
                                                SpChannel      channel,
                                                double         minutes,
                                                GError       **error);
SpStatus      sp_benchmarks_classify_response  (SpBenchmarks  *self,
                                                SpChannel      channel,
                                                double         minutes);

/*
 * SLA first-response target of a priority, in minutes.  Setting one
 * recomputes the stored day totals (a second or two for a million
 * contacts); NAN or a value ≤ 0 goes back to the default.
 */
double        sp_benchmarks_get_sla_target     (SpBenchmarks  *self,
                                                SpPriority     priority);
double        sp_benchmarks_get_default_sla_target (SpBenchmarks *self,
                                                SpPriority     priority);
/* Returns: (transfer none) */
const char   *sp_benchmarks_get_targets_source (SpBenchmarks  *self,
                                                gboolean       sla);
gboolean      sp_benchmarks_set_sla_target     (SpBenchmarks  *self,
                                                SpPriority     priority,
                                                double         minutes,
                                                GError       **error);

/*
 * The smallest n a figure of @kpi is judged on (data/benchmarks.ini,
 * min_n): answers, contacts, customers or available minutes as its n
 * counts them.  0 when any n is judged.
 */
gint64        sp_benchmarks_get_min_n          (SpKpi          kpi);
/* The status of a figure, SP_STATUS_TOO_FEW when @n is below @kpi's minimum */
SpStatus      sp_benchmarks_judge              (SpStatus       status,
                                                SpKpi          kpi,
                                                double         value,
                                                gint64         n);
/* The titles of the guides the bands come from, for About */
GStrv         sp_benchmarks_dup_source_titles  (void);
/* The title of one guide by its key in data/benchmarks.ini's [sources] */
/* Returns: (transfer full) */
char         *sp_benchmarks_dup_source_title   (const char    *key);

/* Reads the overrides again (done by itself when the store's settings change) */
void          sp_benchmarks_reload             (SpBenchmarks  *self);

G_END_DECLS
