/* sp-chart.h
 *
 * Charts drawn onto any cairo_t at any size: the dashboard's widgets, the
 * printed report and its PDF all share this one drawing.  A chart holds
 * plain data (it knows nothing of the KPI engine); drawing it returns an
 * SpChartLayout that records where everything went, for tests and for
 * hover tooltips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "sp-kpi.h"

G_BEGIN_DECLS

typedef enum
{
  SP_CHART_TREND,       /* series over time, benchmark bands behind, goal lines */
  SP_CHART_BARS,        /* a bar per agent, channel or topic, with benchmark lines */
  SP_CHART_STACKED,     /* NPS: detractors, passives and promoters of each row */
  SP_CHART_TARGETS,     /* each bar against its own target (first response by channel) */
  SP_CHART_HEATMAP,     /* contacts by day of week and hour */
  SP_CHART_SPARKLINE,   /* a small trend without axes or text, for cards */
} SpChartKind;

typedef enum
{
  SP_CHART_LINE_TARGET,      /* the target of a goal */
  SP_CHART_LINE_BENCHMARK,   /* where a benchmark band starts */
  SP_CHART_LINE_AVERAGE,     /* the team's figure, to compare agents with */
} SpChartLineKind;

/* What a point's or bar's n counts, for tooltips: "42 answers" */
typedef enum
{
  SP_CHART_NOUN_NONE,
  SP_CHART_NOUN_CONTACTS,
  SP_CHART_NOUN_ANSWERS,
  SP_CHART_NOUN_FIRST_CONTACTS,
  SP_CHART_NOUN_AVAILABLE_MINUTES,
  SP_CHART_NOUN_CUSTOMERS,
} SpChartNoun;

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} SpColor;

#define SP_CHART_N_SERIES_COLORS 6

/*
 * Colours and fonts: the GTK widget fills it from the theme, the report
 * with print greys.  Sizes are in the cairo_t's user units (CSS pixels on
 * screen, points on paper).
 */
typedef struct
{
  SpColor      background;      /* painted first, unless its alpha is 0 */
  SpColor      base;            /* what the chart sits on: hollow points are filled with it */
  SpColor      foreground;      /* values and labels */
  SpColor      secondary;       /* axis labels, legend */
  SpColor      grid;            /* grid lines and the axis */
  SpColor      accent;          /* the first series, plain bars */
  SpColor      series[SP_CHART_N_SERIES_COLORS];   /* further series */
  SpColor      status[SP_N_STATUSES];             /* by SpStatus: bands and bars */
  SpColor      target;          /* goal lines */
  SpColor      parts[3];        /* stacked parts: detractors, passives, promoters */
  SpColor      heat_low;
  SpColor      heat_high;
  double       band_alpha;      /* how strongly bands are shaded behind the data */
  gboolean     dashed_series;   /* tell series apart by dashes too (print) */
  const char  *font_family;     /* NULL: "Sans" */
  double       font_size;
  double       line_width;      /* of series lines */
  /*
   * Device pixels per user unit, to align hairlines and edges with pixels:
   * the widget passes its scale factor; 0 works it out from an image
   * surface (and does nothing on PDF, PostScript and SVG); < 0 never aligns.
   */
  double       pixel_scale;
} SpChartStyle;

void         sp_chart_style_init_light    (SpChartStyle       *style);
void         sp_chart_style_init_dark     (SpChartStyle       *style);
void         sp_chart_style_init_print    (SpChartStyle       *style);

/* A period's value, for trends and sparklines */
typedef struct
{
  SpDate       from;
  SpDate       to;
  double       value;        /* NAN: no value (the line has a gap) */
  gint64       n;
  double       lower;        /* 95 % interval, NAN when there is none */
  double       upper;
  gboolean     partial;      /* not over, or cut by the range: drawn hollow, "so far" */
  SpPeriod     basis;        /* the days value is over when not from–to (a goal's last
                              * 28 days); basis.to == 0: from–to */
} SpChartPoint;

/*
 * A row of a bar, stacked or targets chart.  For SP_CHART_TARGETS, value
 * and target are in the chart's unit and the value axis (with its bands)
 * is value ÷ target; for SP_CHART_STACKED, parts are the counts of each
 * part and value is the figure shown at the end of the row.
 */
typedef struct
{
  const char  *label;
  double       value;
  gint64       n;
  SpStatus     status;       /* the bar's colour; SP_STATUS_NONE: the accent;
                              SP_STATUS_TOO_FEW: hollow, no verdict */
  double       target;
  double       parts[3];
} SpChartBar;

typedef enum
{
  SP_CHART_ITEM_POINT,       /* series, index: the point */
  SP_CHART_ITEM_BAR,         /* index: the row */
  SP_CHART_ITEM_PART,        /* index: the row; part: 0–2 */
  SP_CHART_ITEM_CELL,        /* series: weekday 0 (Monday)–6; index: hour */
} SpChartItemKind;

/* Something the pointer can point at, where the drawing put it */
typedef struct
{
  SpChartItemKind    kind;
  guint              series;
  guint              index;
  guint              part;
  double             x;         /* a point's centre; the end of a bar */
  double             y;
  cairo_rectangle_t  area;      /* what hovering hits (a bar's drawn rectangle) */
  cairo_rectangle_t  shape;     /* what was drawn: a bar or cell rectangle */
  gboolean           partial;   /* a point drawn as "so far" */
} SpChartItem;

typedef struct
{
  double       value;
  double       position;    /* y on a vertical value axis, x on a horizontal one */
  char        *label;
} SpChartTick;

typedef struct
{
  double             from;
  double             to;
  SpStatus           status;
  cairo_rectangle_t  area;    /* the shaded part of the plot */
} SpChartBandArea;

typedef struct
{
  SpChartLineKind    kind;
  double             value;
  double             position;
} SpChartLineArea;

/*
 * Where a drawing put things, in the cairo_t's user units.  value_ticks run
 * along the value axis (vertical for trends, horizontal for bars);
 * label_ticks are the periods under a trend, the rows of bars or the hours
 * of a heatmap.
 */
typedef struct
{
  double             width;
  double             height;
  gboolean           empty;        /* only the empty state was drawn */
  gboolean           horizontal;   /* the value axis runs across (bars) */
  cairo_rectangle_t  plot;
  double             min;          /* the value axis */
  double             max;
  cairo_rectangle_t  legend;       /* zero-sized when there is none */
  GArray            *value_ticks;  /* SpChartTick */
  GArray            *label_ticks;  /* SpChartTick */
  GArray            *bands;        /* SpChartBandArea */
  GArray            *lines;        /* SpChartLineArea */
  GArray            *items;        /* SpChartItem */
} SpChartLayout;

void               sp_chart_layout_free            (SpChartLayout        *layout);
double             sp_chart_layout_value_to_position (const SpChartLayout *layout,
                                                    double                value);
/* Returns: (transfer none) */
const SpChartItem *sp_chart_layout_hit             (const SpChartLayout  *layout,
                                                    double                x,
                                                    double                y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpChartLayout, sp_chart_layout_free)

#define SP_TYPE_CHART (sp_chart_get_type ())

typedef struct _SpChart SpChart;

GType              sp_chart_get_type               (void) G_GNUC_CONST;
/* Returns: (transfer full) */
SpChart           *sp_chart_new                    (SpChartKind           kind);
/* Returns: (transfer full) */
SpChart           *sp_chart_ref                    (SpChart              *self);
void               sp_chart_unref                  (SpChart              *self);
SpChartKind        sp_chart_get_kind               (SpChart              *self);

void               sp_chart_set_title              (SpChart              *self,
                                                    const char           *title);
/* Returns: (transfer none) */
const char        *sp_chart_get_title              (SpChart              *self);
void               sp_chart_set_unit               (SpChart              *self,
                                                    SpUnit                unit);
SpUnit             sp_chart_get_unit               (SpChart              *self);
void               sp_chart_set_limits             (SpChart              *self,
                                                    double                min,
                                                    double                max);
void               sp_chart_set_noun               (SpChart              *self,
                                                    SpChartNoun           noun);
void               sp_chart_set_min_n              (SpChart              *self,
                                                    gint64                min_n);
void               sp_chart_set_status_label       (SpChart              *self,
                                                    SpStatus              status,
                                                    const char           *label);
void               sp_chart_set_empty_text         (SpChart              *self,
                                                    const char           *text);

void               sp_chart_add_band               (SpChart              *self,
                                                    double                from,
                                                    double                to,
                                                    SpStatus              status,
                                                    const char           *label);
void               sp_chart_add_line               (SpChart              *self,
                                                    SpChartLineKind       kind,
                                                    double                value,
                                                    const char           *label);

guint              sp_chart_add_series             (SpChart              *self,
                                                    const char           *label);
void               sp_chart_add_point              (SpChart              *self,
                                                    guint                 series,
                                                    const SpChartPoint   *point);
void               sp_chart_set_series_guide       (SpChart              *self,
                                                    guint                 series,
                                                    gboolean              guide);
guint              sp_chart_get_n_series           (SpChart              *self);
/* Returns: (transfer none) */
const SpChartPoint *sp_chart_get_points            (SpChart              *self,
                                                    guint                 series,
                                                    guint                *n_points);

void               sp_chart_add_bar                (SpChart              *self,
                                                    const SpChartBar     *bar);
guint              sp_chart_get_n_bars             (SpChart              *self);
void               sp_chart_set_part_labels        (SpChart              *self,
                                                    const char           *first,
                                                    const char           *second,
                                                    const char           *third);

void               sp_chart_set_heatmap            (SpChart              *self,
                                                    const gint64          counts[7][24]);

gboolean           sp_chart_is_empty               (SpChart              *self);
/* Returns: (transfer full) */
char              *sp_chart_format_value           (SpChart              *self,
                                                    double                value);
/* Returns: (transfer full) */
char              *sp_chart_describe               (SpChart              *self);
/* Returns: (transfer full) (nullable) */
char              *sp_chart_dup_tooltip            (SpChart              *self,
                                                    const SpChartItem    *item);

/* Returns: (transfer full) */
SpChartLayout     *sp_chart_draw                   (SpChart              *self,
                                                    cairo_t              *cr,
                                                    double                width,
                                                    double                height,
                                                    const SpChartStyle   *style,
                                                    const SpChartItem    *highlight);

/* Returns: (transfer full) */
char              *sp_chart_format_number          (SpUnit                unit,
                                                    double                value,
                                                    int                   decimals);
/* Returns: (transfer full) */
char              *sp_chart_format_n               (SpChartNoun           noun,
                                                    gint64                n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpChart, sp_chart_unref)

G_END_DECLS
