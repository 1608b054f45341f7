/* sp-chart-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

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

/* Drawing: the state of one sp_chart_draw() and what its kinds share (sp-chart-draw.c) */

typedef struct
{
  SpChart             *chart;
  cairo_t             *cr;
  const SpChartStyle  *style;
  SpChartLayout       *layout;
  const SpChartItem   *highlight;
  PangoLayout         *text;
  PangoFontDescription *font;
  double               font_size;
  double               line_h;      /* height of a line of text */
  double               pad;
  double               scale;       /* device pixels per unit beyond the CTM; 0: no aligning */
  double               hair;        /* a hairline's width */
} SpChartDraw;

typedef enum
{
  SWATCH_BOX,
  SWATCH_LINE,
  SWATCH_DASH,
  SWATCH_DOT,
  SWATCH_HOLLOW,
  SWATCH_GRADIENT,
  SWATCH_SHADE,       /* a band: shaded exactly as behind the data */
  SWATCH_OPEN_BOX,    /* a bar without a verdict: outlined */
  SWATCH_SO_FAR,      /* a dashed stroke into a hollow point */
} SpChartSwatchKind;

typedef struct
{
  SpChartSwatchKind kind;
  SpColor      color;
  SpColor      color2;
  const char  *label;
  int          dash;
  const char  *label2;
} SpChartLegendEntry;

/* the dashes of a segment that runs into a point that is not over: "so far" */
#define SO_FAR_DASH 2
#define SP_CHART_N_DASHES 4

typedef struct
{
  double min;
  double max;
  gboolean any;
} SpChartRange;

/* Bars, targets and stacked rows share their frame */
typedef struct
{
  double label_w;     /* the column of row names */
  double value_w;     /* the column of values after the bars */
  double row_h;
  double bar_h;
} SpChartRowFrame;

void           sp_chart_set_color          (SpChartDraw   *d,
                                            const SpColor *color,
                                            double         alpha);
void           sp_chart_measure            (SpChartDraw *d,
                                            const char  *text,
                                            double      *width,
                                            double      *height);
double         sp_chart_show_full          (SpChartDraw   *d,
                                            const char    *text,
                                            double         x,
                                            double         y,
                                            double         xalign,
                                            double         yalign,
                                            const SpColor *color,
                                            double         max_width,
                                            double         scale);
double         sp_chart_show_halo          (SpChartDraw   *d,
                                            const char    *text,
                                            double         x,
                                            double         y,
                                            double         xalign,
                                            double         yalign,
                                            const SpColor *color);
double         sp_chart_show               (SpChartDraw   *d,
                                            const char    *text,
                                            double         x,
                                            double         y,
                                            double         xalign,
                                            double         yalign,
                                            const SpColor *color);
void           sp_chart_snap_rect          (SpChartDraw       *d,
                                            cairo_rectangle_t *r);
void           sp_chart_fill_rect          (SpChartDraw             *d,
                                            const cairo_rectangle_t *r,
                                            const SpColor           *color,
                                            double                   alpha);
void           sp_chart_set_dash           (SpChartDraw *d,
                                            int          dash,
                                            double       width);
void           sp_chart_hline              (SpChartDraw   *d,
                                            double         x0,
                                            double         x1,
                                            double         y,
                                            const SpColor *color,
                                            double         width,
                                            int            dash);
void           sp_chart_vline              (SpChartDraw   *d,
                                            double         x,
                                            double         y0,
                                            double         y1,
                                            const SpColor *color,
                                            double         width,
                                            int            dash);
SpColor        sp_chart_mix                (const SpColor *a,
                                            const SpColor *b,
                                            double         t);
SpColor        sp_chart_text_on            (const SpColor *fill);
const SpColor *sp_chart_series_color       (SpChartDraw *d,
                                            guint        index);
const SpColor *sp_chart_line_color         (SpChartDraw     *d,
                                            SpChartLineKind  kind);
int            sp_chart_line_dash          (SpChartLineKind kind);
double         sp_chart_legend_height      (SpChartDraw *d,
                                            GArray      *entries,
                                            double       width);
void           sp_chart_draw_legend        (SpChartDraw *d,
                                            GArray      *entries,
                                            double       x0,
                                            double       y0,
                                            double       width);
void           sp_chart_add_entry          (GArray            *entries,
                                            SpChartSwatchKind  kind,
                                            const SpColor     *color,
                                            const char        *label,
                                            int                dash);
void           sp_chart_range_add          (SpChartRange *r,
                                            double        v);
void           sp_chart_range_add_guides   (SpChartDraw  *d,
                                            SpChartRange *r);
double         sp_chart_make_value_axis    (SpChartDraw  *d,
                                            SpChartRange *r,
                                            SpUnit        unit,
                                            double        length,
                                            double        spacing);
void           sp_chart_place_value_ticks  (SpChartDraw *d);
int            sp_chart_compare_ticks      (gconstpointer a,
                                            gconstpointer b);
void           sp_chart_draw_bands         (SpChartDraw *d);
void           sp_chart_draw_band_labels   (SpChartDraw *d,
                                            double       x);
void           sp_chart_draw_lines         (SpChartDraw *d);
void           sp_chart_add_line_entries   (SpChartDraw *d,
                                            GArray      *entries);
void           sp_chart_add_band_entries   (SpChartDraw *d,
                                            GArray      *entries);
void           sp_chart_draw_value_grid    (SpChartDraw *d,
                                            gboolean     labels);
void           sp_chart_draw_point         (SpChartDraw   *d,
                                            double         x,
                                            double         y,
                                            double         radius,
                                            const SpColor *color,
                                            gboolean       hollow);
gboolean       sp_chart_is_highlighted     (SpChartDraw     *d,
                                            SpChartItemKind  kind,
                                            guint            series,
                                            guint            index,
                                            guint            part);
void           sp_chart_frame_rows         (SpChartDraw     *d,
                                            SpChartRowFrame *frame,
                                            GArray          *entries,
                                            double           width,
                                            double           height,
                                            double           value_w,
                                            SpChartRange    *range,
                                            SpUnit           unit);
void           sp_chart_draw_row_labels    (SpChartDraw     *d,
                                            SpChartRowFrame *frame);
void           sp_chart_add_status_entries (SpChartDraw *d,
                                            GArray      *entries,
                                            GPtrArray   *owned);
void           sp_chart_draw_trend         (SpChartDraw *d,
                                            double       width,
                                            double       height);
void           sp_chart_draw_sparkline     (SpChartDraw *d,
                                            double       width,
                                            double       height);
void           sp_chart_draw_bars          (SpChartDraw *d,
                                            double       width,
                                            double       height);
void           sp_chart_draw_stacked       (SpChartDraw *d,
                                            double       width,
                                            double       height);
void           sp_chart_draw_heatmap       (SpChartDraw *d,
                                            double       width,
                                            double       height);


G_END_DECLS
