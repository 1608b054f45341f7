/* sp-overview.h
 *
 * Everything the dashboard (and a review) shows of one period, computed in
 * parts so that the figures can be shown while the rest is still coming.
 * No GTK: it runs on a worker thread with its own read-only connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sp-insights.h"
#include "sp-kpi-engine.h"

G_BEGIN_DECLS

typedef enum
{
  SP_OVERVIEW_FIGURES    = 1 << 0,   /* the period and the one it is compared with */
  SP_OVERVIEW_TRENDS     = 1 << 1,   /* the last 12 weeks or months, for sparklines and trends */
  SP_OVERVIEW_AGENTS     = 1 << 2,   /* by agent */
  SP_OVERVIEW_FINDINGS   = 1 << 3,   /* the engine's diagnoses */
  SP_OVERVIEW_SEGMENTS   = 1 << 4,   /* by channel and by topic */
  SP_OVERVIEW_VOLUME     = 1 << 5,   /* contacts by day of the week and hour */
  SP_OVERVIEW_BREAKDOWNS = SP_OVERVIEW_AGENTS | SP_OVERVIEW_SEGMENTS,
  SP_OVERVIEW_ALL        = 0x3f,
} SpOverviewParts;

#define SP_TYPE_OVERVIEW (sp_overview_get_type ())

typedef struct
{
  /*< private >*/
  gatomicrefcount  ref_count;

  /*< public, read-only once their part is done >*/
  SpPeriod         period;
  SpPeriod         previous;
  SpPeriod         trend_range;
  SpGranularity    granularity;
  SpOverviewParts  done;        /* read with sp_overview_get_done() while loading */

  SpKpiSet        *current;
  SpKpiSet        *before;
  GPtrArray       *trend;       /* SpKpiSet, oldest first, the last one ends with the period */
  GPtrArray       *agents;      /* SpKpiSet per agent with data */
  GPtrArray       *channels;
  GPtrArray       *topics;
  gint64           volume[7][24];
  GPtrArray       *findings;    /* SpInsight, most important first */

  /*
   * For the KPIs counted over whole months (churn, cost per contact):
   * when the period holds no whole month that is over, the last one
   * (month_current) and the month before it (month_before), with
   * FIGURES; and a trend by month (month_trend, the trend itself when
   * that is by month already), with TRENDS.
   */
  SpPeriod         last_whole_month;  /* to == SP_DATE_NONE: the period has whole months */
  SpKpiSet        *month_current;
  SpKpiSet        *month_before;
  GPtrArray       *month_trend;
} SpOverview;

GType        sp_overview_get_type        (void) G_GNUC_CONST;
/* Returns: (transfer full) */
SpOverview  *sp_overview_new             (const SpPeriod   *period,
                                          const SpPeriod   *previous);
/* Returns: (transfer full) */
SpOverview  *sp_overview_ref             (SpOverview       *self);
void         sp_overview_unref           (SpOverview       *self);
SpOverviewParts sp_overview_get_done     (SpOverview       *self);
gboolean     sp_overview_compute         (SpOverview       *self,
                                          SpKpiEngine      *engine,
                                          SpOverviewParts   parts,
                                          GCancellable     *cancellable,
                                          GError          **error);
void         sp_overview_get_trend_range (const SpPeriod   *period,
                                          SpPeriod         *range,
                                          SpGranularity    *granularity);
gboolean     sp_overview_get_figures     (SpOverview       *self,
                                          SpKpi             kpi,
                                          SpKpiSet        **current,
                                          SpKpiSet        **before);
/* Returns: (transfer none) */
GPtrArray   *sp_overview_get_trend       (SpOverview       *self,
                                          SpKpi             kpi);
/* Returns: (transfer none) (nullable) */
SpKpiSet    *sp_overview_find_segment    (GPtrArray        *sets,
                                          const SpSegment  *segment);

/* Called on the caller's thread as each part is done */
typedef void (*SpOverviewProgress) (SpOverview      *overview,
                                    SpOverviewParts  part,
                                    gpointer         user_data);

void         sp_overview_load_async      (SpOverview          *self,
                                          SpStore             *store,
                                          SpOverviewParts      parts,
                                          GCancellable        *cancellable,
                                          SpOverviewProgress   progress,
                                          gpointer             progress_data,
                                          GDestroyNotify       progress_destroy,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean     sp_overview_load_finish     (SpOverview          *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpOverview, sp_overview_unref)

G_END_DECLS
