/* sp-chart-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-chart.h"

G_BEGIN_DECLS

typedef struct
{
  double      from;
  double      to;
  SpStatus    status;
  char       *label;
} SpChartBand;

typedef struct
{
  SpChartLineKind  kind;
  double           value;
  char            *label;
} SpChartLine;

typedef struct
{
  char       *label;
  GArray     *points;     /* SpChartPoint */
  gboolean    guide;      /* a path to compare with (a goal's): dashed, no points, no n */
} SpChartSeries;

typedef struct
{
  char       *label;
  double      value;
  gint64      n;
  SpStatus    status;
  double      target;
  double      parts[3];
} SpChartRow;

struct _SpChart
{
  gatomicrefcount  ref_count;
  SpChartKind      kind;
  char            *title;
  SpUnit           unit;
  double           limit_min;
  double           limit_max;
  SpChartNoun      noun;
  gint64           min_n;
  char            *empty_text;
  GArray          *bands;       /* SpChartBand */
  GArray          *lines;       /* SpChartLine */
  GPtrArray       *series;      /* SpChartSeries */
  GArray          *rows;        /* SpChartRow */
  char            *part_labels[3];
  char            *status_labels[SP_N_STATUSES];   /* the legend of bars by status */
  gint64           heat[7][24];
  gboolean         has_heat;
};

/* The periods of a trend, in order: the x slots every series shares */
typedef struct
{
  SpDate      from;
  SpDate      to;
} SpChartSlot;

GArray     *sp_chart_collect_slots        (SpChart     *self);
guint       sp_chart_find_slot            (GArray      *slots,
                                           SpDate       from);
char       *sp_chart_format_slot          (const SpChartSlot *slot,
                                           int          typical_days,
                                           gboolean     with_year);
int         sp_chart_typical_days         (GArray      *slots);
char       *sp_chart_format_tick          (SpUnit       unit,
                                           double       value,
                                           double       step);
double      sp_chart_nice_step            (SpUnit       unit,
                                           double       range,
                                           int          max_ticks);
char       *sp_chart_weekday_name         (int          weekday,
                                           gboolean     abbreviated);

G_END_DECLS
