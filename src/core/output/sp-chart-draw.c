/* sp-chart-draw.c
 *
 * Drawing a chart onto a cairo_t.  Data are first mapped onto the plot
 * (value → position), the positions are recorded in the layout, and only
 * then drawn; hairlines and edges are aligned with device pixels where
 * the surface has pixels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sp-chart-private.h"

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
} Draw;

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
} SwatchKind;

typedef struct
{
  SwatchKind   kind;
  SpColor      color;
  SpColor      color2;
  const char  *label;
  int          dash;
  const char  *label2;
} LegendEntry;

/* the dashes of a segment that runs into a point that is not over: "so far" */
#define SO_FAR_DASH 2

static void draw_point (Draw          *d,
                        double         x,
                        double         y,
                        double         radius,
                        const SpColor *color,
                        gboolean       hollow);

static const double dashes[][2] = {
  { 0, 0 },
  { 6, 3 },
  { 2, 2 },
  { 8, 2 },
};

/* Text and colour */

static void
set_color (Draw          *d,
           const SpColor *color,
           double         alpha)
{
  cairo_set_source_rgba (d->cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
set_text (Draw       *d,
          const char *text,
          double      max_width,
          double      scale)
{
  if (scale != 1)
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_copy (d->font);

      pango_font_description_set_absolute_size (font, d->font_size * scale * PANGO_SCALE);
      pango_layout_set_font_description (d->text, font);
    }
  else
    pango_layout_set_font_description (d->text, d->font);

  pango_layout_set_width (d->text, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_text (d->text, text, -1);
}

static void
measure (Draw       *d,
         const char *text,
         double     *width,
         double     *height)
{
  PangoRectangle logical;

  set_text (d, text, -1, 1);
  pango_layout_get_extents (d->text, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Draws @text with its (@xalign, @yalign) point at (@x, @y); returns its width */
static double
show_full (Draw          *d,
           const char    *text,
           double         x,
           double         y,
           double         xalign,
           double         yalign,
           const SpColor *color,
           double         max_width,
           double         scale)
{
  PangoRectangle logical;
  double w, h;

  set_text (d, text, max_width, scale);
  pango_layout_get_extents (d->text, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;

  set_color (d, color, 1);
  cairo_move_to (d->cr, x - w * xalign, y - h * yalign);
  pango_cairo_show_layout (d->cr, d->text);

  return w;
}

/* Text that stays readable over lines: ringed with the colour under the chart */
static double
show_halo (Draw          *d,
           const char    *text,
           double         x,
           double         y,
           double         xalign,
           double         yalign,
           const SpColor *color)
{
  PangoRectangle logical;
  double w, h;

  set_text (d, text, -1, 1);
  pango_layout_get_extents (d->text, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;

  cairo_move_to (d->cr, x - w * xalign, y - h * yalign);
  pango_cairo_layout_path (d->cr, d->text);
  cairo_set_line_width (d->cr, d->font_size * 0.3);
  cairo_set_line_join (d->cr, CAIRO_LINE_JOIN_ROUND);
  set_color (d, &d->style->base, 1);
  cairo_stroke (d->cr);

  set_color (d, color, 1);
  cairo_move_to (d->cr, x - w * xalign, y - h * yalign);
  pango_cairo_show_layout (d->cr, d->text);

  return w;
}

static double
show (Draw          *d,
      const char    *text,
      double         x,
      double         y,
      double         xalign,
      double         yalign,
      const SpColor *color)
{
  return show_full (d, text, x, y, xalign, yalign, color, -1, 1);
}

/* Pixel alignment */

static double
snap (Draw     *d,
      double    v,
      gboolean  vertical,
      gboolean  half)
{
  double x, y, dev;

  if (d->scale <= 0)
    return v;

  x = vertical ? 0 : v;
  y = vertical ? v : 0;
  cairo_user_to_device (d->cr, &x, &y);

  dev = (vertical ? y : x) * d->scale;
  dev = half ? floor (dev) + 0.5 : round (dev);

  if (vertical)
    y = dev / d->scale;
  else
    x = dev / d->scale;
  cairo_device_to_user (d->cr, &x, &y);

  return vertical ? y : x;
}

static void
snap_rect (Draw              *d,
           cairo_rectangle_t *r)
{
  double x0 = snap (d, r->x, FALSE, FALSE);
  double x1 = snap (d, r->x + r->width, FALSE, FALSE);
  double y0 = snap (d, r->y, TRUE, FALSE);
  double y1 = snap (d, r->y + r->height, TRUE, FALSE);

  /* never let a non-empty bar vanish */
  if (r->width > 0 && x1 - x0 <= 0 && d->scale > 0)
    x1 = x0 + d->hair;
  if (r->height > 0 && y1 - y0 <= 0 && d->scale > 0)
    y1 = y0 + d->hair;

  *r = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
}

static void
fill_rect (Draw                    *d,
           const cairo_rectangle_t *r,
           const SpColor           *color,
           double                   alpha)
{
  cairo_rectangle (d->cr, r->x, r->y, r->width, r->height);
  set_color (d, color, alpha);
  cairo_fill (d->cr);
}

/*
 * A light shade of @color: worked out against the colour under the chart
 * when it is known, so that filling large areas needs no blending.
 */
static void
fill_shade (Draw                    *d,
            const cairo_rectangle_t *r,
            const SpColor           *color,
            double                   alpha)
{
  const SpColor *base = &d->style->base;

  cairo_rectangle (d->cr, r->x, r->y, r->width, r->height);

  if (base->alpha >= 1)
    {
      double a = color->alpha * alpha;

      cairo_set_source_rgb (d->cr, base->red + (color->red - base->red) * a,
                            base->green + (color->green - base->green) * a,
                            base->blue + (color->blue - base->blue) * a);
    }
  else
    set_color (d, color, alpha);

  cairo_fill (d->cr);
}

static void
set_dash (Draw   *d,
          int     dash,
          double  width)
{
  if (dash <= 0 || dash >= (int) G_N_ELEMENTS (dashes))
    {
      cairo_set_dash (d->cr, NULL, 0, 0);
      return;
    }

  {
    double pattern[2] = { dashes[dash][0] * width, dashes[dash][1] * width };

    cairo_set_dash (d->cr, pattern, 2, 0);
  }
}

static void
hline (Draw          *d,
       double         x0,
       double         x1,
       double         y,
       const SpColor *color,
       double         width,
       int            dash)
{
  gboolean hairline = width <= d->hair * 1.01;

  y = snap (d, y, TRUE, hairline || d->scale <= 0 ? TRUE : fmod (width * d->scale, 2) >= 1);
  cairo_move_to (d->cr, x0, y);
  cairo_line_to (d->cr, x1, y);
  cairo_set_line_width (d->cr, width);
  set_dash (d, dash, MAX (width, 1));
  set_color (d, color, 1);
  cairo_stroke (d->cr);
  cairo_set_dash (d->cr, NULL, 0, 0);
}

static void
vline (Draw          *d,
       double         x,
       double         y0,
       double         y1,
       const SpColor *color,
       double         width,
       int            dash)
{
  gboolean hairline = width <= d->hair * 1.01;

  x = snap (d, x, FALSE, hairline || d->scale <= 0 ? TRUE : fmod (width * d->scale, 2) >= 1);
  cairo_move_to (d->cr, x, y0);
  cairo_line_to (d->cr, x, y1);
  cairo_set_line_width (d->cr, width);
  set_dash (d, dash, MAX (width, 1));
  set_color (d, color, 1);
  cairo_stroke (d->cr);
  cairo_set_dash (d->cr, NULL, 0, 0);
}

static SpColor
mix (const SpColor *a,
     const SpColor *b,
     double         t)
{
  return (SpColor) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };
}

static double
luminance (const SpColor *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

/* Text on a filled shape: black or white, whichever reads */
static SpColor
text_on (const SpColor *fill)
{
  if (luminance (fill) > 0.55)
    return (SpColor) { 0, 0, 0, 0.85 };
  return (SpColor) { 1, 1, 1, 1 };
}

static const SpColor *
series_color (Draw  *d,
              guint  index)
{
  if (index == 0)
    return &d->style->accent;
  return &d->style->series[(index - 1) % SP_CHART_N_SERIES_COLORS];
}

static const SpColor *
line_color (Draw            *d,
            SpChartLineKind  kind)
{
  switch (kind)
    {
    case SP_CHART_LINE_TARGET:
      return &d->style->target;
    case SP_CHART_LINE_BENCHMARK:
      return &d->style->status[SP_STATUS_GOOD];
    case SP_CHART_LINE_AVERAGE:
    default:
      return &d->style->secondary;
    }
}

static int
line_dash (SpChartLineKind kind)
{
  return kind == SP_CHART_LINE_AVERAGE ? 2 : 1;
}

/* Legend */

static double
legend_entry_width (Draw              *d,
                    const LegendEntry *entry)
{
  double w;

  measure (d, entry->label, &w, NULL);
  if (entry->kind == SWATCH_GRADIENT)
    {
      double w2;

      measure (d, entry->label2, &w2, NULL);
      return w + w2 + d->font_size * 4 + d->pad;
    }
  return d->font_size * 1.6 + d->pad * 0.5 + w;
}

/* Lays the entries out in rows across @width; returns the height they take */
static double
legend_height (Draw        *d,
               GArray      *entries,
               double       width)
{
  double x = 0;
  int rows = entries->len > 0 ? 1 : 0;

  for (guint i = 0; i < entries->len; i++)
    {
      double w = legend_entry_width (d, &g_array_index (entries, LegendEntry, i));

      if (x > 0 && x + w > width)
        rows++, x = 0;
      x += w + d->pad * 1.5;
    }

  return rows * d->line_h * 1.25;
}

static void
draw_swatch (Draw              *d,
             const LegendEntry *entry,
             double             x,
             double             cy)
{
  double sw = d->font_size * 1.6;
  double box = d->font_size * 0.8;

  switch (entry->kind)
    {
    case SWATCH_BOX:
      {
        cairo_rectangle_t r = { x + (sw - box) / 2, cy - box / 2, box, box };

        snap_rect (d, &r);
        fill_rect (d, &r, &entry->color, entry->color.alpha > 0 ? 1 : 0);
      }
      break;

    case SWATCH_LINE:
    case SWATCH_DASH:
      hline (d, x, x + sw, cy, &entry->color, MAX (d->style->line_width, d->hair),
             entry->kind == SWATCH_DASH ? MAX (entry->dash, 1) : entry->dash);
      break;

    case SWATCH_DOT:
    case SWATCH_HOLLOW:
      cairo_new_sub_path (d->cr);
      cairo_arc (d->cr, x + sw / 2, cy, d->font_size * 0.28, 0, 2 * G_PI);
      set_color (d, &entry->color, 1);
      if (entry->kind == SWATCH_DOT)
        cairo_fill (d->cr);
      else
        {
          cairo_set_line_width (d->cr, MAX (d->style->line_width * 0.75, d->hair));
          cairo_stroke (d->cr);
        }
      break;

    case SWATCH_SHADE:
    case SWATCH_OPEN_BOX:
      {
        cairo_rectangle_t r = { x + (sw - box) / 2, cy - box / 2, box, box };

        snap_rect (d, &r);
        if (entry->kind == SWATCH_SHADE)
          fill_shade (d, &r, &entry->color, d->style->band_alpha);
        else
          fill_rect (d, &r, &d->style->base, 1);
        cairo_rectangle (d->cr, r.x + d->hair / 2, r.y + d->hair / 2, r.width - d->hair,
                         r.height - d->hair);
        set_color (d, entry->kind == SWATCH_SHADE ? &d->style->grid : &entry->color, 1);
        cairo_set_line_width (d->cr, d->hair);
        cairo_stroke (d->cr);
      }
      break;

    case SWATCH_SO_FAR:
      {
        double r = d->font_size * 0.28;

        hline (d, x, x + sw - 2 * r, cy, &entry->color, MAX (d->style->line_width, d->hair),
               SO_FAR_DASH);
        draw_point (d, x + sw - r, cy, r, &entry->color, TRUE);
      }
      break;

    case SWATCH_GRADIENT:
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
draw_legend (Draw    *d,
             GArray  *entries,
             double   x0,
             double   y0,
             double   width)
{
  double x = 0, y = y0;
  double row_h = d->line_h * 1.25;

  for (guint i = 0; i < entries->len; i++)
    {
      const LegendEntry *entry = &g_array_index (entries, LegendEntry, i);
      double w = legend_entry_width (d, entry);
      double cy;

      if (x > 0 && x + w > width)
        {
          x = 0;
          y += row_h;
        }

      cy = y + row_h / 2;

      if (entry->kind == SWATCH_GRADIENT)
        {
          /* "Fewer ▮▮▮▮ More" */
          double tw = show (d, entry->label, x0 + x, cy, 0, 0.5, &d->style->secondary);
          double gx = x0 + x + tw + d->pad * 0.5;
          double gw = d->font_size * 4;
          cairo_pattern_t *pattern;

          pattern = cairo_pattern_create_linear (gx, 0, gx + gw, 0);
          cairo_pattern_add_color_stop_rgba (pattern, 0, entry->color.red, entry->color.green,
                                             entry->color.blue, entry->color.alpha);
          cairo_pattern_add_color_stop_rgba (pattern, 1, entry->color2.red, entry->color2.green,
                                             entry->color2.blue, entry->color2.alpha);
          cairo_rectangle (d->cr, gx, cy - d->font_size * 0.4, gw, d->font_size * 0.8);
          cairo_set_source (d->cr, pattern);
          cairo_fill (d->cr);
          cairo_pattern_destroy (pattern);
          show (d, entry->label2, gx + gw + d->pad * 0.5, cy, 0, 0.5, &d->style->secondary);
        }
      else
        {
          draw_swatch (d, entry, x0 + x, cy);
          show (d, entry->label, x0 + x + d->font_size * 1.6 + d->pad * 0.5, cy, 0, 0.5,
                &d->style->secondary);
        }

      x += w + d->pad * 1.5;
    }
}

static void
add_entry (GArray        *entries,
           SwatchKind     kind,
           const SpColor *color,
           const char    *label,
           int            dash)
{
  LegendEntry entry = { kind, *color, *color, label, dash, NULL };

  if (label == NULL || *label == '\0')
    return;

  g_array_append_val (entries, entry);
}

/* The value axis */

typedef struct
{
  double min;
  double max;
  gboolean any;
} Range;

static void
range_add (Range  *r,
           double  v)
{
  if (!isfinite (v))
    return;
  if (!r->any)
    r->min = r->max = v, r->any = TRUE;
  else
    r->min = MIN (r->min, v), r->max = MAX (r->max, v);
}

static void
range_add_guides (Draw  *d,
                  Range *r)
{
  SpChart *chart = d->chart;

  for (guint i = 0; i < chart->bands->len; i++)
    {
      SpChartBand *band = &g_array_index (chart->bands, SpChartBand, i);

      range_add (r, band->from);
      range_add (r, band->to);
    }

  for (guint i = 0; i < chart->lines->len; i++)
    range_add (r, g_array_index (chart->lines, SpChartLine, i).value);
}

/*
 * Rounds the range out to whole steps that fit @length, within the chart's
 * limits, and records the ticks; returns the widest tick label.
 */
static double
make_value_axis (Draw     *d,
                 Range    *r,
                 SpUnit    unit,
                 double    length,
                 double    spacing)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  double min = r->min, max = r->max, step, widest = 0;
  int max_ticks;

  if (max - min < 1e-9)
    {
      double pad = fabs (max) > 1e-9 ? fabs (max) * 0.1 : 1;

      if (unit == SP_UNIT_PERCENT)
        pad = MAX (pad, 5);
      min -= pad;
      max += pad;
    }

  if (isfinite (chart->limit_min))
    min = MAX (min, chart->limit_min);
  if (isfinite (chart->limit_max))
    max = MIN (max, chart->limit_max);
  if (max <= min)
    max = min + 1;

  max_ticks = MAX (2, (int) floor (length / spacing));
  step = sp_chart_nice_step (unit, max - min, max_ticks);
  min = floor (min / step + 1e-9) * step;
  max = ceil (max / step - 1e-9) * step;

  /* a band that starts at the axis' end gets a step of it, to show it is there */
  for (guint i = 0; i < chart->bands->len; i++)
    {
      SpChartBand *band = &g_array_index (chart->bands, SpChartBand, i);

      if (fabs (band->to - min) < step * 1e-6 && band->from < min)
        min -= step;
      if (fabs (band->from - max) < step * 1e-6 && band->to > max)
        max += step;
    }

  if (isfinite (chart->limit_min))
    min = MAX (min, chart->limit_min);
  if (isfinite (chart->limit_max))
    max = MIN (max, chart->limit_max);

  layout->min = min;
  layout->max = max;

  for (double v = ceil (min / step - 1e-9) * step; v <= max + step * 1e-6; v += step)
    {
      SpChartTick tick = { v, 0, sp_chart_format_tick (unit, v, step) };
      double w;

      measure (d, tick.label, &w, NULL);
      widest = MAX (widest, w);
      g_array_append_val (layout->value_ticks, tick);
    }

  return widest;
}

static void
place_value_ticks (Draw *d)
{
  for (guint i = 0; i < d->layout->value_ticks->len; i++)
    {
      SpChartTick *tick = &g_array_index (d->layout->value_ticks, SpChartTick, i);

      tick->position = sp_chart_layout_value_to_position (d->layout, tick->value);
    }
}

static int
compare_ticks (gconstpointer a,
               gconstpointer b)
{
  const SpChartTick *ta = a, *tb = b;

  return (ta->value > tb->value) - (ta->value < tb->value);
}

static void
clear_tick (gpointer data)
{
  g_free (((SpChartTick *) data)->label);
}

/* Bands and lines */

static void
draw_bands (Draw *d)
{
  SpChartLayout *layout = d->layout;
  SpChart *chart = d->chart;

  for (guint i = 0; i < chart->bands->len; i++)
    {
      SpChartBand *band = &g_array_index (chart->bands, SpChartBand, i);
      double lo = MAX (band->from, layout->min);
      double hi = MIN (band->to, layout->max);
      double a = sp_chart_layout_value_to_position (layout, lo);
      double b = sp_chart_layout_value_to_position (layout, hi);
      SpChartBandArea area = { band->from, band->to, band->status, { 0 } };

      if (hi <= lo)
        continue;

      if (layout->horizontal)
        area.area = (cairo_rectangle_t) { a, layout->plot.y, b - a, layout->plot.height };
      else
        area.area = (cairo_rectangle_t) { layout->plot.x, b, layout->plot.width, a - b };

      snap_rect (d, &area.area);
      fill_shade (d, &area.area, &d->style->status[band->status], d->style->band_alpha);
      g_array_append_val (layout->bands, area);
    }
}

/* The band names beside a vertical value axis, so colour is never alone */
static void
draw_band_labels (Draw   *d,
                  double  x)
{
  SpChartLayout *layout = d->layout;
  SpChart *chart = d->chart;
  double last_y = -INFINITY;

  for (guint i = 0; i < layout->bands->len; i++)
    {
      SpChartBandArea *area = &g_array_index (layout->bands, SpChartBandArea, i);
      const char *label = NULL;
      double cy;

      for (guint j = 0; j < chart->bands->len; j++)
        {
          SpChartBand *band = &g_array_index (chart->bands, SpChartBand, j);

          if (band->from == area->from && band->to == area->to && band->status == area->status)
            label = band->label;
        }

      if (label == NULL || area->area.height < d->line_h * 0.8)
        continue;

      cy = area->area.y + area->area.height / 2;
      if (fabs (cy - last_y) < d->line_h)
        continue;

      show_full (d, label, x, cy, 0, 0.5, &d->style->secondary, -1, 0.9);
      last_y = cy;
    }
}

static void
draw_lines (Draw *d)
{
  SpChartLayout *layout = d->layout;
  SpChart *chart = d->chart;

  for (guint i = 0; i < chart->lines->len; i++)
    {
      SpChartLine *line = &g_array_index (chart->lines, SpChartLine, i);
      SpChartLineArea area = { line->kind, line->value, 0 };
      double width = line->kind == SP_CHART_LINE_TARGET ? MAX (d->style->line_width * 0.75,
                                                               d->hair)
                                                        : MAX (d->style->line_width * 0.6,
                                                               d->hair);

      if (line->value < layout->min || line->value > layout->max)
        continue;

      area.position = sp_chart_layout_value_to_position (layout, line->value);

      if (layout->horizontal)
        vline (d, area.position, layout->plot.y, layout->plot.y + layout->plot.height,
               line_color (d, line->kind), width, line_dash (line->kind));
      else
        hline (d, layout->plot.x, layout->plot.x + layout->plot.width, area.position,
               line_color (d, line->kind), width, line_dash (line->kind));

      g_array_append_val (layout->lines, area);
    }
}

static void
add_line_entries (Draw   *d,
                  GArray *entries)
{
  for (guint i = 0; i < d->chart->lines->len; i++)
    {
      SpChartLine *line = &g_array_index (d->chart->lines, SpChartLine, i);

      add_entry (entries, SWATCH_DASH, line_color (d, line->kind), line->label,
                 line_dash (line->kind));
    }
}

static void
add_band_entries (Draw   *d,
                  GArray *entries)
{
  for (guint i = 0; i < d->chart->bands->len; i++)
    {
      SpChartBand *band = &g_array_index (d->chart->bands, SpChartBand, i);

      /* the very shade of the band, outlined so that a light one still shows */
      add_entry (entries, SWATCH_SHADE, &d->style->status[band->status], band->label, 0);
    }
}

static void
draw_value_grid (Draw     *d,
                 gboolean  labels)
{
  SpChartLayout *layout = d->layout;

  for (guint i = 0; i < layout->value_ticks->len; i++)
    {
      SpChartTick *tick = &g_array_index (layout->value_ticks, SpChartTick, i);

      if (layout->horizontal)
        {
          vline (d, tick->position, layout->plot.y, layout->plot.y + layout->plot.height,
                 &d->style->grid, d->hair, 0);
          if (labels)
            show (d, tick->label, tick->position, layout->plot.y + layout->plot.height +
                  d->pad * 0.4, 0.5, 0, &d->style->secondary);
        }
      else
        {
          hline (d, layout->plot.x, layout->plot.x + layout->plot.width, tick->position,
                 &d->style->grid, d->hair, 0);
          if (labels)
            show (d, tick->label, layout->plot.x - d->pad * 0.6, tick->position, 1, 0.5,
                  &d->style->secondary);
        }
    }
}

/* Points */

static void
draw_point (Draw          *d,
            double         x,
            double         y,
            double         radius,
            const SpColor *color,
            gboolean       hollow)
{
  cairo_new_sub_path (d->cr);
  cairo_arc (d->cr, x, y, radius, 0, 2 * G_PI);

  if (!hollow)
    {
      set_color (d, color, 1);
      cairo_fill (d->cr);
      return;
    }

  set_color (d, &d->style->base, 1);
  cairo_fill_preserve (d->cr);

  cairo_set_line_width (d->cr, MAX (d->style->line_width * 0.75, d->hair));
  set_color (d, color, 1);
  cairo_stroke (d->cr);
}

static gboolean
is_highlighted (Draw            *d,
                SpChartItemKind  kind,
                guint            series,
                guint            index,
                guint            part)
{
  const SpChartItem *h = d->highlight;

  return h != NULL && h->kind == kind && h->series == series && h->index == index &&
         h->part == part;
}

/* Empty */

static void
draw_empty (Draw   *d,
            double  width,
            double  height)
{
  const char *text = d->chart->empty_text ? d->chart->empty_text : _("No data for this period");

  d->layout->empty = TRUE;
  d->layout->plot = (cairo_rectangle_t) { 0, 0, width, height };

  if (d->chart->kind == SP_CHART_SPARKLINE)
    {
      hline (d, 0, width, height / 2, &d->style->grid, d->hair, 2);
      return;
    }

  show_full (d, text, width / 2, height / 2, 0.5, 0.5, &d->style->secondary, width, 1);
}

/* Trend */

static void
draw_trend (Draw   *d,
            double  width,
            double  height)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  g_autoptr(GArray) slots = sp_chart_collect_slots (chart);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (LegendEntry));
  g_autofree char *few_label = NULL;
  gboolean any_hollow = FALSE, any_partial = FALSE, band_labels, labelled;
  double legend_h, label_w, band_w = 0, slot_w, top, bottom, left, right, widest_slot = 0;
  int typical;
  Range range = { 0 };
  guint stride;

  /* which points rest on few answers, and what the value axis must hold */
  for (guint i = 0; i < chart->series->len; i++)
    {
      SpChartSeries *s = g_ptr_array_index (chart->series, i);

      for (guint j = 0; j < s->points->len; j++)
        {
          SpChartPoint *p = &g_array_index (s->points, SpChartPoint, j);

          range_add (&range, p->value);
          if (isfinite (p->value) && chart->min_n > 0 && p->n < chart->min_n && !s->guide &&
              !p->partial)
            any_hollow = TRUE;
          if (isfinite (p->value) && p->partial && !s->guide)
            any_partial = TRUE;
        }
    }
  range_add_guides (d, &range);

  for (guint i = 0; i < chart->bands->len; i++)
    {
      const char *label = g_array_index (chart->bands, SpChartBand, i).label;
      double w;

      if (label == NULL)
        continue;
      measure (d, label, &w, NULL);
      band_w = MAX (band_w, w * 0.9);
    }

  /* band names go beside the plot when there is room for them */
  band_labels = band_w > 0 && width > d->font_size * 26;

  if (chart->series->len > 1)
    for (guint i = 0; i < chart->series->len; i++)
      {
        SpChartSeries *s = g_ptr_array_index (chart->series, i);

        add_entry (entries, SWATCH_LINE, series_color (d, i), s->label,
                   s->guide ? 1 : d->style->dashed_series ? (int) (i % G_N_ELEMENTS (dashes))
                                                          : 0);
      }
  add_line_entries (d, entries);
  if (!band_labels)
    add_band_entries (d, entries);
  if (any_hollow)
    {
      g_autofree char *few = sp_chart_format_n (chart->noun, chart->min_n);
      LegendEntry entry = { SWATCH_HOLLOW, d->style->secondary, d->style->secondary, NULL, 0,
                            NULL };

      /* TRANSLATORS: a legend entry beside a hollow point, "fewer than 30 answers" */
      entry.label = few_label = g_strdup_printf (_("fewer than %s"), few);
      g_array_append_val (entries, entry);
    }
  if (any_partial)
    {
      LegendEntry entry = { SWATCH_SO_FAR, d->style->secondary, d->style->secondary,
                            /* TRANSLATORS: a legend entry beside a dashed line into a hollow
                             * point: a week or month that is not over yet */
                            _("so far"), SO_FAR_DASH, NULL };

      g_array_append_val (entries, entry);
    }

  legend_h = legend_height (d, entries, width);
  top = legend_h > 0 ? legend_h + d->pad * 0.5 : d->line_h * 0.5;
  bottom = height - d->line_h - d->pad * 0.6;
  right = width - (band_labels ? band_w + d->pad : d->pad * 0.5);

  label_w = make_value_axis (d, &range, chart->unit, bottom - top, d->line_h * 3);
  left = label_w + d->pad * 0.8;

  layout->plot = (cairo_rectangle_t) { left, top, MAX (1, right - left), MAX (1, bottom - top) };
  snap_rect (d, &layout->plot);
  layout->legend = (cairo_rectangle_t) { 0, 0, legend_h > 0 ? width : 0, legend_h };
  place_value_ticks (d);

  draw_bands (d);
  draw_value_grid (d, TRUE);
  if (band_labels)
    draw_band_labels (d, layout->plot.x + layout->plot.width + d->pad * 0.5);
  draw_lines (d);
  if (legend_h > 0)
    draw_legend (d, entries, 0, 0, width);

  /* periods along the bottom, as many as fit, always the latest */
  slot_w = layout->plot.width / MAX (1, slots->len);
  typical = sp_chart_typical_days (slots);
  /* labels of one trend are much alike: a few of them tell the widest */
  for (guint k = 0, n = MIN (slots->len, 8); k < n; k++)
    {
      guint i = n > 1 ? k * (slots->len - 1) / (n - 1) : 0;
      g_autofree char *label = sp_chart_format_slot (&g_array_index (slots, SpChartSlot, i),
                                                     typical, TRUE);
      double w;

      measure (d, label, &w, NULL);
      widest_slot = MAX (widest_slot, w);
    }
  stride = MAX (1, (guint) ceil ((widest_slot + d->pad) / slot_w));

  {
    int last_year = G_MININT;

    for (guint i = slots->len; i-- > 0;)
      {
        SpChartTick tick;

        if ((slots->len - 1 - i) % stride != 0)
          continue;

        tick.value = i;
        tick.position = layout->plot.x + (i + 0.5) * slot_w;
        tick.label = NULL;
        g_array_append_val (layout->label_ticks, tick);
      }

    /* in time order, the year where it changes and on the first */
    for (guint k = layout->label_ticks->len; k-- > 0;)
      {
        SpChartTick *tick = &g_array_index (layout->label_ticks, SpChartTick, k);
        SpChartSlot *slot = &g_array_index (slots, SpChartSlot, (guint) tick->value);
        gboolean with_year;
        int year;

        sp_date_to_ymd (slot->from, &year, NULL, NULL);
        with_year = year != last_year && typical < 360;
        last_year = year;

        tick->label = sp_chart_format_slot (slot, typical, with_year);
        {
          double w, x = tick->position;

          measure (d, tick->label, &w, NULL);
          x = CLAMP (x, w / 2, width - w / 2);
          show (d, tick->label, x, layout->plot.y + layout->plot.height + d->pad * 0.4, 0.5, 0,
                &d->style->secondary);
        }
      }
  }

  g_array_sort (layout->label_ticks, compare_ticks);

  /* the series */
  cairo_set_line_join (d->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (d->cr, CAIRO_LINE_CAP_ROUND);

  /* each series solid between whole periods, dashed into and out of one that is not over */
  for (guint i = 0; i < chart->series->len; i++)
    {
      SpChartSeries *s = g_ptr_array_index (chart->series, i);
      int dash = s->guide ? 1 : d->style->dashed_series ? (int) (i % G_N_ELEMENTS (dashes)) : 0;

      for (int so_far = 0; so_far < 2; so_far++)
        {
          const SpChartPoint *prev = NULL;
          gboolean pen_down = FALSE;
          guint last_slot = G_MAXUINT;
          double last_x = 0, last_y = 0;

          for (guint j = 0; j < s->points->len; j++)
            {
              SpChartPoint *p = &g_array_index (s->points, SpChartPoint, j);
              guint slot = sp_chart_find_slot (slots, p->from);
              double x = layout->plot.x + (slot + 0.5) * slot_w;
              double y;

              if (!isfinite (p->value))
                {
                  prev = NULL;
                  continue;
                }

              y = sp_chart_layout_value_to_position (layout, CLAMP (p->value, layout->min,
                                                                    layout->max));
              if (prev != NULL && slot == last_slot + 1 &&
                  (!s->guide && (prev->partial || p->partial)) == (so_far == 1))
                {
                  if (!pen_down)
                    cairo_move_to (d->cr, last_x, last_y);
                  cairo_line_to (d->cr, x, y);
                  pen_down = TRUE;
                }
              else
                pen_down = FALSE;

              prev = p;
              last_slot = slot;
              last_x = x;
              last_y = y;
            }

          cairo_set_line_width (d->cr, d->style->line_width);
          set_dash (d, so_far ? SO_FAR_DASH : dash, d->style->line_width);
          set_color (d, series_color (d, i), 1);
          cairo_stroke (d->cr);
          cairo_set_dash (d->cr, NULL, 0, 0);
        }
    }

  /* the highlighted column */
  labelled = FALSE;
  if (d->highlight && d->highlight->kind == SP_CHART_ITEM_POINT)
    vline (d, d->highlight->x, layout->plot.y, layout->plot.y + layout->plot.height,
           &d->style->secondary, d->hair, 0);

  for (guint i = 0; i < chart->series->len; i++)
    {
      SpChartSeries *s = g_ptr_array_index (chart->series, i);

      for (guint j = 0; j < s->points->len; j++)
        {
          SpChartPoint *p = &g_array_index (s->points, SpChartPoint, j);
          guint slot = sp_chart_find_slot (slots, p->from);
          gboolean partial = p->partial && !s->guide;
          gboolean hollow = (chart->min_n > 0 && p->n < chart->min_n && !s->guide) || partial;
          gboolean lit = is_highlighted (d, SP_CHART_ITEM_POINT, i, j, 0);
          SpChartItem item = { SP_CHART_ITEM_POINT, i, j, 0 };
          double radius = d->style->line_width * 1.6;

          if (!isfinite (p->value))
            continue;

          item.x = layout->plot.x + (slot + 0.5) * slot_w;
          item.y = sp_chart_layout_value_to_position (layout, CLAMP (p->value, layout->min,
                                                                     layout->max));
          item.area = (cairo_rectangle_t) { item.x - slot_w / 2, layout->plot.y, slot_w,
                                            layout->plot.height };
          item.shape = (cairo_rectangle_t) { item.x - radius, item.y - radius, 2 * radius,
                                             2 * radius };
          item.partial = partial;
          g_array_append_val (layout->items, item);

          /* every point when there is room; otherwise the latest, the thin and the lit;
           * a guide's only when lit */
          if (s->guide ? lit : (slot_w >= radius * 5 || hollow || lit ||
                                j + 1 == s->points->len))
            draw_point (d, item.x, item.y, lit ? radius * 1.5 : radius, series_color (d, i),
                        hollow);

          /* the first line's latest point that is not over says so beside it */
          if (partial && j + 1 == s->points->len && !labelled)
            {
              double w, h;
              const char *text = _("so far");
              double above = item.y - radius * 2 - d->line_h;
              double ty = above >= layout->plot.y ? above : item.y + radius * 2;

              measure (d, text, &w, &h);
              show_halo (d, text, CLAMP (item.x, layout->plot.x + w / 2,
                                         layout->plot.x + layout->plot.width - w / 2),
                         ty, 0.5, 0, &d->style->secondary);
              labelled = TRUE;
            }
        }
    }
}

/* Sparkline */

static void
draw_sparkline (Draw   *d,
                double  width,
                double  height)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  SpChartSeries *s = g_ptr_array_index (chart->series, 0);
  double radius = MAX (d->style->line_width * 1.3, 2);
  double inset = radius + d->hair;
  double step, first_x = 0, last_x = 0, last_y = 0;
  double so_far[4][4];
  guint n_so_far = 0;
  Range range = { 0 };
  gboolean pen_down = FALSE, prev_partial = FALSE;
  int drawn = 0;

  for (guint j = 0; j < s->points->len; j++)
    range_add (&range, g_array_index (s->points, SpChartPoint, j).value);

  if (range.max - range.min < 1e-9)
    {
      range.min -= 1;
      range.max += 1;
    }
  else
    {
      double pad = (range.max - range.min) * 0.1;

      range.min -= pad;
      range.max += pad;
    }

  layout->min = range.min;
  layout->max = range.max;
  layout->plot = (cairo_rectangle_t) { inset, inset, MAX (1, width - 2 * inset),
                                       MAX (1, height - 2 * inset) };

  step = s->points->len > 1 ? layout->plot.width / (s->points->len - 1) : 0;

  for (int pass = 0; pass < 2; pass++)
    {
      pen_down = FALSE;
      prev_partial = FALSE;
      drawn = 0;

      for (guint j = 0; j < s->points->len; j++)
        {
          SpChartPoint *p = &g_array_index (s->points, SpChartPoint, j);
          double x = s->points->len > 1 ? layout->plot.x + j * step
                                        : layout->plot.x + layout->plot.width / 2;
          double y;

          if (!isfinite (p->value))
            {
              if (pass == 0 && pen_down)
                {
                  /* close the area under this run */
                  cairo_line_to (d->cr, last_x, layout->plot.y + layout->plot.height);
                  cairo_line_to (d->cr, first_x, layout->plot.y + layout->plot.height);
                  cairo_close_path (d->cr);
                }
              pen_down = FALSE;
              continue;
            }

          y = sp_chart_layout_value_to_position (layout, p->value);
          if (!pen_down)
            {
              cairo_move_to (d->cr, x, y);
              first_x = x;
            }
          else if (pass == 1 && (p->partial || prev_partial))
            {
              /* solid only between whole periods: the dashed rest comes after */
              cairo_move_to (d->cr, x, y);
              if (n_so_far < G_N_ELEMENTS (so_far))
                {
                  so_far[n_so_far][0] = last_x;
                  so_far[n_so_far][1] = last_y;
                  so_far[n_so_far][2] = x;
                  so_far[n_so_far][3] = y;
                  n_so_far++;
                }
            }
          else
            cairo_line_to (d->cr, x, y);
          pen_down = TRUE;
          last_x = x;
          last_y = y;
          prev_partial = p->partial;
          drawn++;

          if (pass == 1)
            {
              SpChartItem item = { SP_CHART_ITEM_POINT, 0, j, 0, x, y,
                                   { x - MAX (step, 1) / 2, 0, MAX (step, 1), height },
                                   { x - radius, y - radius, 2 * radius, 2 * radius } };

              g_array_append_val (layout->items, item);
            }
        }

      if (pass == 0)
        {
          if (pen_down)
            {
              cairo_line_to (d->cr, last_x, layout->plot.y + layout->plot.height);
              cairo_line_to (d->cr, first_x, layout->plot.y + layout->plot.height);
              cairo_close_path (d->cr);
            }
          if (d->style->base.alpha >= 1)
            {
              SpColor under = mix (&d->style->base, &d->style->accent, 0.15 * d->style->accent.alpha);

              under.alpha = 1;
              set_color (d, &under, 1);
            }
          else
            set_color (d, &d->style->accent, 0.15);
          cairo_fill (d->cr);
        }
      else
        {
          cairo_set_line_join (d->cr, CAIRO_LINE_JOIN_ROUND);
          cairo_set_line_cap (d->cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_width (d->cr, d->style->line_width);
          set_color (d, &d->style->accent, 1);
          cairo_stroke (d->cr);

          for (guint k = 0; k < n_so_far; k++)
            {
              cairo_move_to (d->cr, so_far[k][0], so_far[k][1]);
              cairo_line_to (d->cr, so_far[k][2], so_far[k][3]);
            }
          set_dash (d, SO_FAR_DASH, d->style->line_width);
          cairo_stroke (d->cr);
          cairo_set_dash (d->cr, NULL, 0, 0);
        }
    }

  /* the latest value, as a dot */
  for (guint j = s->points->len; j-- > 0;)
    {
      SpChartPoint *p = &g_array_index (s->points, SpChartPoint, j);

      if (isfinite (p->value))
        {
          double x = s->points->len > 1 ? layout->plot.x + j * step
                                        : layout->plot.x + layout->plot.width / 2;

          draw_point (d, x, sp_chart_layout_value_to_position (layout, p->value), radius,
                      &d->style->accent, p->partial);
          for (guint k = 0; k < layout->items->len; k++)
            if (g_array_index (layout->items, SpChartItem, k).index == j)
              g_array_index (layout->items, SpChartItem, k).partial = p->partial;
          break;
        }
    }

  (void) drawn;
}

/* Bars, targets and stacked rows share their frame */

typedef struct
{
  double label_w;     /* the column of row names */
  double value_w;     /* the column of values after the bars */
  double row_h;
  double bar_h;
} RowFrame;

static double
widest_label (Draw *d)
{
  double widest = 0;

  for (guint i = 0; i < d->chart->rows->len; i++)
    {
      double w;

      measure (d, g_array_index (d->chart->rows, SpChartRow, i).label, &w, NULL);
      widest = MAX (widest, w);
    }

  return widest;
}

static void
frame_rows (Draw     *d,
            RowFrame *frame,
            GArray   *entries,
            double    width,
            double    height,
            double    value_w,
            Range    *range,
            SpUnit    unit)
{
  SpChartLayout *layout = d->layout;
  double legend_h, top, bottom, left, right;
  guint n = d->chart->rows->len;

  layout->horizontal = TRUE;

  frame->label_w = MIN (widest_label (d), width * 0.3);
  frame->value_w = value_w;

  legend_h = legend_height (d, entries, width);
  top = legend_h > 0 ? legend_h + d->pad * 0.5 : 0;
  bottom = height - d->line_h - d->pad * 0.6;
  left = frame->label_w + d->pad;
  right = width - (value_w > 0 ? value_w + d->pad * 0.6 : d->pad * 0.5);

  layout->legend = (cairo_rectangle_t) { 0, 0, legend_h > 0 ? width : 0, legend_h };
  layout->plot = (cairo_rectangle_t) { left, top, MAX (1, right - left), MAX (1, bottom - top) };
  snap_rect (d, &layout->plot);

  if (range != NULL)
    make_value_axis (d, range, unit, layout->plot.width, MAX (d->font_size * 5, 48));
  place_value_ticks (d);

  frame->row_h = layout->plot.height / MAX (1, n);
  frame->bar_h = MIN (frame->row_h * 0.64, d->line_h * 1.5);
  if (d->scale > 0)
    frame->bar_h = MAX (1, round (frame->bar_h / d->hair)) * d->hair;

  if (legend_h > 0)
    draw_legend (d, entries, 0, 0, width);
}

static void
draw_row_labels (Draw     *d,
                 RowFrame *frame)
{
  SpChartLayout *layout = d->layout;

  for (guint i = 0; i < d->chart->rows->len; i++)
    {
      SpChartRow *row = &g_array_index (d->chart->rows, SpChartRow, i);
      double cy = layout->plot.y + (i + 0.5) * frame->row_h;
      SpChartTick tick = { i, cy, g_strdup (row->label) };

      g_array_append_val (layout->label_ticks, tick);

      if (frame->row_h < d->line_h * 0.7)
        continue;

      pango_layout_set_ellipsize (d->text, PANGO_ELLIPSIZE_END);
      show_full (d, row->label, 0, cy, 0, 0.5, &d->style->foreground, frame->label_w, 1);
      pango_layout_set_ellipsize (d->text, PANGO_ELLIPSIZE_NONE);
    }
}

static SpStatus
status_in_bands (SpChart *chart,
                 double   value)
{
  for (guint i = 0; i < chart->bands->len; i++)
    {
      SpChartBand *band = &g_array_index (chart->bands, SpChartBand, i);

      if (value >= band->from && value < band->to)
        return band->status;
    }

  return SP_STATUS_NONE;
}

/*
 * What follows a bar's value: its target ("/ 3 min") when it has one and
 * its n ("n = 12") when the chart counts something other than its values.
 */
static char *
bar_after_value (SpChart          *chart,
                 const SpChartRow *row)
{
  GString *out = g_string_new (NULL);

  if (isfinite (row->target))
    {
      g_autofree char *target = sp_chart_format_value (chart, row->target);

      /* TRANSLATORS: after a response time, "/ 3 min" is its target */
      g_string_append_printf (out, _("/ %s"), target);
    }

  if (chart->noun != SP_CHART_NOUN_NONE && chart->unit != SP_UNIT_COUNT &&
      chart->kind != SP_CHART_STACKED)
    {
      if (out->len > 0)
        g_string_append (out, " · ");
      if (chart->noun == SP_CHART_NOUN_AVAILABLE_MINUTES)
        /* TRANSLATORS: the hours of shifts a utilization bar rests on, "n = 12 h" */
        g_string_append_printf (out, _("n = %'.0f h"), row->n / 60.0);
      else
        /* TRANSLATORS: how many answers or contacts a bar rests on, "n = 12" */
        g_string_append_printf (out, _("n = %" PRId64), row->n);
    }

  return g_string_free (out, FALSE);
}

static gboolean
has_band_of (SpChart  *chart,
             SpStatus  status)
{
  for (guint i = 0; i < chart->bands->len; i++)
    if (g_array_index (chart->bands, SpChartBand, i).status == status)
      return TRUE;
  return FALSE;
}

/* A legend entry for each colour a bar has that no band already names */
static void
add_status_entries (Draw      *d,
                    GArray    *entries,
                    GPtrArray *owned)
{
  static const SpStatus order[] = { SP_STATUS_EXCELLENT, SP_STATUS_GOOD, SP_STATUS_WATCH,
                                    SP_STATUS_ACT, SP_STATUS_TOO_FEW };
  SpChart *chart = d->chart;

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      SpStatus status = order[k];
      gboolean used = FALSE;
      char *label;

      for (guint i = 0; i < chart->rows->len && !used; i++)
        {
          const SpChartRow *row = &g_array_index (chart->rows, SpChartRow, i);

          used = row->status == status && isfinite (row->value);
        }

      if (!used || (status != SP_STATUS_TOO_FEW && has_band_of (chart, status) &&
                    chart->status_labels[status] == NULL))
        continue;

      if (chart->status_labels[status] != NULL)
        label = g_strdup (chart->status_labels[status]);
      else if (status == SP_STATUS_TOO_FEW && chart->min_n > 0)
        {
          g_autofree char *few = sp_chart_format_n (chart->noun, chart->min_n);

          /* TRANSLATORS: the legend of an outlined bar, "Too few to judge (under 30 answers)" */
          label = g_strdup_printf (_("Too few to judge (under %s)"), few);
        }
      else
        label = g_strdup (sp_status_get_label (status));

      g_ptr_array_add (owned, label);
      add_entry (entries, status == SP_STATUS_TOO_FEW ? SWATCH_OPEN_BOX : SWATCH_BOX,
                 &d->style->status[status], label, 0);
    }
}

/* A line across the rows at @x, broken where a row's value (@spans: from, to) is written */
static void
vline_around_values (Draw          *d,
                     double         x,
                     guint          first_item,
                     GArray        *spans,
                     const SpColor *color,
                     double         width,
                     int            dash)
{
  SpChartLayout *layout = d->layout;
  double top = layout->plot.y;

  for (guint k = first_item; k < layout->items->len; k++)
    {
      const SpChartItem *item = &g_array_index (layout->items, SpChartItem, k);
      const double *span = &g_array_index (spans, double, (k - first_item) * 2);

      if (span[0] - d->pad * 0.2 < x && x < span[1] + d->pad * 0.2)
        {
          vline (d, x, top, item->y - d->line_h / 2, color, width, dash);
          top = item->y + d->line_h / 2;
        }
    }

  vline (d, x, top, layout->plot.y + layout->plot.height, color, width, dash);
}

static void
draw_bars (Draw   *d,
           double  width,
           double  height)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (LegendEntry));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  gboolean targets = chart->kind == SP_CHART_TARGETS;
  double value_w = 0, zero;
  GArray *spans;
  guint first_item;
  Range range = { 0 };
  RowFrame frame;

  for (guint i = 0; i < chart->rows->len; i++)
    {
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, i);
      g_autofree char *value = sp_chart_format_value (chart, row->value);
      g_autofree char *after = bar_after_value (chart, row);
      double w, w2;

      if (targets)
        {
          if (isfinite (row->value) && isfinite (row->target) && row->target > 0)
            range_add (&range, row->value / row->target);
        }
      else
        range_add (&range, row->value);

      measure (d, value, &w, NULL);
      measure (d, after, &w2, NULL);
      value_w = MAX (value_w, w + (*after ? d->pad * 0.3 + w2 : 0));
    }

  range_add (&range, 0);
  if (targets)
    {
      range_add (&range, 2.5);
      range.max = MIN (range.max, 4);
    }
  else
    range_add_guides (d, &range);

  add_band_entries (d, entries);
  add_line_entries (d, entries);
  if (targets)
    add_entry (entries, SWATCH_DASH, &d->style->target, _("Channel target"), 1);
  add_status_entries (d, entries, owned);

  frame_rows (d, &frame, entries, width, height, value_w, targets ? NULL : &range, chart->unit);

  if (targets)
    {
      /* the axis counts targets: 0, target, 2×, 3× */
      layout->min = 0;
      layout->max = MAX (3, ceil (range.max));
      for (int k = 0; k <= (int) layout->max; k++)
        {
          SpChartTick tick = { k, 0, NULL };

          if (k == 0)
            tick.label = g_strdup ("0");
          else if (k == 1)
            tick.label = g_strdup (_("Target"));
          else
            /* TRANSLATORS: twice, three times… a channel's response target */
            tick.label = g_strdup_printf (_("%d×"), k);
          g_array_append_val (layout->value_ticks, tick);
        }
      place_value_ticks (d);
    }

  draw_bands (d);
  draw_value_grid (d, TRUE);
  draw_row_labels (d, &frame);

  /* bars grow from the axis' start when it is not 0 (CES: 1–7) */
  zero = sp_chart_layout_value_to_position (layout, CLAMP (0, layout->min, layout->max));
  first_item = layout->items->len;

  for (guint i = 0; i < chart->rows->len; i++)
    {
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, i);
      SpChartItem item = { SP_CHART_ITEM_BAR, 0, i, 0 };
      double cy = layout->plot.y + (i + 0.5) * frame.row_h;
      double v, end;
      SpStatus status = row->status;
      const SpColor *color;
      gboolean over = FALSE;

      if (!isfinite (row->value) || (targets && !(isfinite (row->target) && row->target > 0)))
        {
          show (d, "—", zero + d->pad * 0.4, cy, 0, 0.5, &d->style->secondary);
          continue;
        }

      v = targets ? row->value / row->target : row->value;
      if (targets && status == SP_STATUS_NONE)
        status = status_in_bands (chart, v);
      over = v > layout->max;
      end = sp_chart_layout_value_to_position (layout, CLAMP (v, layout->min, layout->max));

      item.shape = (cairo_rectangle_t) { MIN (zero, end), cy - frame.bar_h / 2,
                                         fabs (end - zero), frame.bar_h };
      snap_rect (d, &item.shape);
      item.shape.height = frame.bar_h;
      item.x = end;
      item.y = cy;
      item.area = (cairo_rectangle_t) { 0, layout->plot.y + i * frame.row_h, width,
                                        frame.row_h };

      color = status == SP_STATUS_NONE ? &d->style->accent : &d->style->status[status];
      if (status == SP_STATUS_TOO_FEW)
        {
          /* no verdict: outlined, as a point on too few is hollow */
          fill_rect (d, &item.shape, &d->style->base, 1);
          cairo_rectangle (d->cr, item.shape.x + d->hair / 2, item.shape.y + d->hair / 2,
                           MAX (0, item.shape.width - d->hair), item.shape.height - d->hair);
          set_color (d, color, is_highlighted (d, SP_CHART_ITEM_BAR, 0, i, 0) ? 0.75 : 1);
          cairo_set_line_width (d->cr, d->hair);
          cairo_stroke (d->cr);
        }
      else
        fill_rect (d, &item.shape, color,
                   is_highlighted (d, SP_CHART_ITEM_BAR, 0, i, 0) ? 0.75 : 1);

      if (over)
        {
          /* beyond the axis: a notch says the bar goes on */
          double x = item.shape.x + item.shape.width;

          cairo_move_to (d->cr, x - frame.bar_h * 0.45, item.shape.y);
          cairo_line_to (d->cr, x - frame.bar_h * 0.15, cy);
          cairo_line_to (d->cr, x - frame.bar_h * 0.45, item.shape.y + item.shape.height);
          set_color (d, &d->style->base, 1);
          cairo_set_line_width (d->cr, MAX (d->hair * 1.5, 1));
          cairo_stroke (d->cr);
        }

      g_array_append_val (layout->items, item);
    }

  /* where each value is written: after its bar, or before a bar that goes left */
  spans = g_array_sized_new (FALSE, FALSE, sizeof (double) * 2, layout->items->len);
  for (guint k = first_item; k < layout->items->len; k++)
    {
      const SpChartItem *item = &g_array_index (layout->items, SpChartItem, k);
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, item->index);
      double v = targets ? row->value / row->target : row->value;
      g_autofree char *text = sp_chart_format_value (chart, row->value);
      g_autofree char *after = bar_after_value (chart, row);
      double w1, w2 = 0, span[2];

      measure (d, text, &w1, NULL);
      if (*after)
        {
          measure (d, after, &w2, NULL);
          w2 += d->pad * 0.3;
        }

      span[0] = item->shape.x + item->shape.width + d->pad * 0.4;
      if (!targets && v < 0)
        {
          span[0] = item->shape.x - d->pad * 0.4 - w1 - w2;
          /* no room before the bar (it reaches the axis' start): beside the zero line */
          if (span[0] < layout->plot.x)
            span[0] = zero + d->pad * 0.4;
        }
      span[1] = span[0] + w1 + w2;
      g_array_append_vals (spans, span, 1);
    }

  /* the zero line over the bars' roots, and lines over the bars but never over a value */
  vline (d, zero, layout->plot.y, layout->plot.y + layout->plot.height, &d->style->secondary,
         d->hair, 0);
  for (guint i = 0; i < chart->lines->len; i++)
    {
      SpChartLine *line = &g_array_index (chart->lines, SpChartLine, i);
      SpChartLineArea area = { line->kind, line->value, 0 };

      if (line->value < layout->min || line->value > layout->max)
        continue;

      area.position = sp_chart_layout_value_to_position (layout, line->value);
      vline_around_values (d, area.position, first_item, spans, line_color (d, line->kind),
                           line->kind == SP_CHART_LINE_TARGET
                             ? MAX (d->style->line_width * 0.75, d->hair)
                             : MAX (d->style->line_width * 0.6, d->hair),
                           line_dash (line->kind));
      g_array_append_val (layout->lines, area);
    }
  if (targets)
    {
      SpChartLineArea area = { SP_CHART_LINE_TARGET, 1,
                               sp_chart_layout_value_to_position (layout, 1) };

      vline_around_values (d, area.position, first_item, spans, &d->style->target,
                           MAX (d->style->line_width * 0.75, d->hair), 1);
      g_array_append_val (layout->lines, area);
    }

  /* the values last, with a halo */
  for (guint k = first_item; k < layout->items->len; k++)
    {
      const SpChartItem *item = &g_array_index (layout->items, SpChartItem, k);
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, item->index);
      const double *span = &g_array_index (spans, double, (k - first_item) * 2);
      g_autofree char *text = sp_chart_format_value (chart, row->value);
      g_autofree char *after = bar_after_value (chart, row);
      double x = span[0];

      x += show_halo (d, text, x, item->y, 0, 0.5, &d->style->foreground);
      if (*after)
        show_halo (d, after, x + d->pad * 0.3, item->y, 0, 0.5, &d->style->secondary);
    }

  g_array_unref (spans);
}

/* "n = 42": how many answers a stacked row rests on */
static char *
stacked_n (const SpChartRow *row)
{
  /* TRANSLATORS: how many answers a bar rests on, "n = 12" */
  return g_strdup_printf (_("n = %" PRId64), row->n);
}

static void
draw_stacked (Draw   *d,
              double  width,
              double  height)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (LegendEntry));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  double value_w = 0;
  Range range = { 0, 100, TRUE };
  RowFrame frame;

  for (guint i = 0; i < chart->rows->len; i++)
    {
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, i);
      g_autofree char *value = sp_chart_format_value (chart, row->value);
      g_autofree char *n = stacked_n (row);
      double w, w2;

      measure (d, value, &w, NULL);
      measure (d, n, &w2, NULL);
      value_w = MAX (value_w, w + d->pad * 0.3 + w2);
    }

  /* the legend reads as the bars do, left to right */
  for (guint p = 0; p < 3; p++)
    add_entry (entries, SWATCH_BOX, &d->style->parts[p], chart->part_labels[p], 0);
  /* a row on too few answers is outlined, as the bars of a breakdown are */
  add_status_entries (d, entries, owned);

  frame_rows (d, &frame, entries, width, height, value_w, &range, SP_UNIT_PERCENT);

  draw_value_grid (d, TRUE);
  draw_row_labels (d, &frame);

  for (guint i = 0; i < chart->rows->len; i++)
    {
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, i);
      double total = row->parts[0] + row->parts[1] + row->parts[2];
      double cy = layout->plot.y + (i + 0.5) * frame.row_h;
      double acc = 0;
      g_autofree char *value = NULL;

      if (!(total > 0))
        {
          show (d, "—", layout->plot.x + d->pad * 0.4, cy, 0, 0.5, &d->style->secondary);
          continue;
        }

      for (guint p = 0; p < 3; p++)
        {
          SpChartItem item = { SP_CHART_ITEM_PART, 0, i, p };
          double share = 100 * row->parts[p] / total;
          double x0 = sp_chart_layout_value_to_position (layout, acc);
          double x1 = sp_chart_layout_value_to_position (layout, acc + share);
          g_autofree char *label = NULL;
          double tw;

          acc += share;
          if (row->parts[p] <= 0)
            continue;

          item.shape = (cairo_rectangle_t) { x0, cy - frame.bar_h / 2, x1 - x0, frame.bar_h };
          snap_rect (d, &item.shape);
          item.shape.height = frame.bar_h;
          item.x = (x0 + x1) / 2;
          item.y = cy;
          item.area = (cairo_rectangle_t) { item.shape.x, layout->plot.y + i * frame.row_h,
                                            item.shape.width, frame.row_h };
          if (row->status == SP_STATUS_TOO_FEW)
            {
              /* no verdict: outlined and neutral */
              fill_rect (d, &item.shape, &d->style->base, 1);
              cairo_rectangle (d->cr, item.shape.x + d->hair / 2, item.shape.y + d->hair / 2,
                               MAX (0, item.shape.width - d->hair),
                               item.shape.height - d->hair);
              set_color (d, &d->style->status[SP_STATUS_TOO_FEW],
                         is_highlighted (d, SP_CHART_ITEM_PART, 0, i, p) ? 0.75 : 1);
              cairo_set_line_width (d->cr, d->hair);
              cairo_stroke (d->cr);
            }
          else
            fill_rect (d, &item.shape, &d->style->parts[p],
                       is_highlighted (d, SP_CHART_ITEM_PART, 0, i, p) ? 0.75 : 1);
          g_array_append_val (layout->items, item);

          label = sp_chart_format_number (SP_UNIT_PERCENT, share, 0);
          measure (d, label, &tw, NULL);
          if (tw + d->pad * 0.6 < item.shape.width && frame.bar_h >= d->line_h * 0.9)
            {
              SpColor ink = row->status == SP_STATUS_TOO_FEW ? d->style->secondary
                                                             : text_on (&d->style->parts[p]);

              show (d, label, item.x, cy, 0.5, 0.5, &ink);
            }
        }

      value = sp_chart_format_value (chart, row->value);
      {
        g_autofree char *n = stacked_n (row);
        double x = layout->plot.x + layout->plot.width + d->pad * 0.6;

        x += show (d, value, x, cy, 0, 0.5, row->status == SP_STATUS_TOO_FEW
                                              ? &d->style->secondary : &d->style->foreground);
        show (d, n, x + d->pad * 0.3, cy, 0, 0.5, &d->style->secondary);
      }
    }
}

/* Heatmap */

static void
draw_heatmap (Draw   *d,
              double  width,
              double  height)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (LegendEntry));
  LegendEntry gradient = { SWATCH_GRADIENT, d->style->heat_low, d->style->heat_high,
                           _("Fewer"), 0, _("More") };
  char *days[7];
  double day_w = 0, legend_h, top, bottom, left, cell_w, cell_h, gap;
  gint64 max = 0;
  guint every;

  g_array_append_val (entries, gradient);

  for (int i = 0; i < 7; i++)
    {
      double w;

      days[i] = sp_chart_weekday_name (i, TRUE);
      measure (d, days[i], &w, NULL);
      day_w = MAX (day_w, w);
    }

  for (guint i = 0; i < 7; i++)
    for (guint h = 0; h < 24; h++)
      max = MAX (max, chart->heat[i][h]);

  legend_h = d->line_h * 1.25;
  top = legend_h + d->pad * 0.5;
  bottom = height - d->line_h - d->pad * 0.5;
  left = day_w + d->pad;

  layout->legend = (cairo_rectangle_t) { 0, 0, width, legend_h };
  layout->plot = (cairo_rectangle_t) { left, top, MAX (1, width - left - d->pad * 0.25),
                                       MAX (1, bottom - top) };
  snap_rect (d, &layout->plot);
  layout->min = 0;
  layout->max = max;
  layout->horizontal = TRUE;

  cell_w = layout->plot.width / 24;
  cell_h = layout->plot.height / 7;
  gap = MIN (cell_w, cell_h) > 14 ? 2 : 1;
  gap = d->scale > 0 ? gap / d->scale : gap * 0.5;

  draw_legend (d, entries, 0, 0, width);

  for (guint i = 0; i < 7; i++)
    {
      double cy = layout->plot.y + (i + 0.5) * cell_h;
      SpChartTick tick = { i, cy, g_strdup (days[i]) };

      g_array_append_val (layout->label_ticks, tick);
      if (cell_h >= d->line_h * 0.7)
        show (d, days[i], 0, cy, 0, 0.5, &d->style->secondary);

      for (guint h = 0; h < 24; h++)
        {
          SpChartItem item = { SP_CHART_ITEM_CELL, i, h, 0 };
          gint64 count = chart->heat[i][h];
          SpColor color;

          item.area = (cairo_rectangle_t) { layout->plot.x + h * cell_w, layout->plot.y + i * cell_h,
                                            cell_w, cell_h };
          item.shape = (cairo_rectangle_t) { item.area.x + gap / 2, item.area.y + gap / 2,
                                             item.area.width - gap, item.area.height - gap };
          snap_rect (d, &item.shape);
          item.x = item.area.x + cell_w / 2;
          item.y = cy;

          if (count <= 0)
            color = d->style->grid, color.alpha *= 0.6;
          else
            color = mix (&d->style->heat_low, &d->style->heat_high, (double) count / max);

          fill_rect (d, &item.shape, &color, 1);
          if (is_highlighted (d, SP_CHART_ITEM_CELL, i, h, 0))
            {
              cairo_rectangle (d->cr, item.shape.x + d->hair / 2, item.shape.y + d->hair / 2,
                               item.shape.width - d->hair, item.shape.height - d->hair);
              cairo_set_line_width (d->cr, d->hair * 2);
              set_color (d, &d->style->foreground, 1);
              cairo_stroke (d->cr);
            }
          g_array_append_val (layout->items, item);
        }
    }

  /* hours along the bottom, as many as fit */
  {
    static const guint steps[] = { 1, 2, 3, 4, 6, 12 };
    double w;

    measure (d, "00", &w, NULL);
    every = 12;
    for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
      if (steps[k] * cell_w >= w + d->pad * 0.6)
        {
          every = steps[k];
          break;
        }

    for (guint h = 0; h < 24; h += every)
      {
        SpChartTick tick = { h, layout->plot.x + h * cell_w, g_strdup_printf ("%02u", h) };

        g_array_append_val (layout->value_ticks, tick);
        show (d, tick.label, tick.position + gap / 2, layout->plot.y + layout->plot.height +
              d->pad * 0.3, 0, 0, &d->style->secondary);
      }
  }

  for (int i = 0; i < 7; i++)
    g_free (days[i]);
}

/*
 * Draws @self into the rectangle (0, 0, @width, @height) of @cr with
 * @style, @highlight (may be NULL) shown as hovered.  Returns where
 * everything went; free it with sp_chart_layout_free().
 */
SpChartLayout *
sp_chart_draw (SpChart            *self,
               cairo_t            *cr,
               double              width,
               double              height,
               const SpChartStyle *style,
               const SpChartItem  *highlight)
{
  SpChartLayout *layout;
  Draw d = { 0 };
  double ctm_x = 1, ctm_y = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  layout = g_new0 (SpChartLayout, 1);
  layout->width = width;
  layout->height = height;
  layout->value_ticks = g_array_new (FALSE, FALSE, sizeof (SpChartTick));
  g_array_set_clear_func (layout->value_ticks, clear_tick);
  layout->label_ticks = g_array_new (FALSE, FALSE, sizeof (SpChartTick));
  g_array_set_clear_func (layout->label_ticks, clear_tick);
  layout->bands = g_array_new (FALSE, FALSE, sizeof (SpChartBandArea));
  layout->lines = g_array_new (FALSE, FALSE, sizeof (SpChartLineArea));
  layout->items = g_array_new (FALSE, FALSE, sizeof (SpChartItem));

  if (width < 4 || height < 4)
    {
      layout->empty = TRUE;
      return layout;
    }

  d.chart = self;
  d.cr = cr;
  d.style = style;
  d.layout = layout;
  d.highlight = highlight;
  d.font_size = style->font_size > 0 ? style->font_size : 12;
  d.pad = d.font_size * 0.75;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  /* how user units map to pixels, for aligning hairlines */
  cairo_user_to_device_distance (cr, &ctm_x, &ctm_y);
  ctm_x = hypot (ctm_x, ctm_y);
  if (style->pixel_scale > 0)
    d.scale = style->pixel_scale;
  else if (style->pixel_scale == 0 &&
           cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      double sx = 1, sy = 1;

      cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
      d.scale = sx;
    }
  d.hair = d.scale > 0 ? 1 / (d.scale * ctm_x) : d.font_size / 24;

  d.text = pango_cairo_create_layout (cr);
  d.font = pango_font_description_from_string (style->font_family ? style->font_family : "Sans");
  pango_font_description_set_absolute_size (d.font, d.font_size * PANGO_SCALE);
  pango_layout_set_font_description (d.text, d.font);
  measure (&d, "0", NULL, &d.line_h);

  if (style->background.alpha > 0)
    {
      set_color (&d, &style->background, 1);
      cairo_paint (cr);
    }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  /* finer than a tenth of a pixel is not seen, and costs on large charts */
  cairo_set_tolerance (cr, d.scale > 0 ? 0.3 / d.scale : 0.1);

  if (sp_chart_is_empty (self))
    draw_empty (&d, width, height);
  else
    switch (self->kind)
      {
      case SP_CHART_TREND:
        draw_trend (&d, width, height);
        break;
      case SP_CHART_SPARKLINE:
        draw_sparkline (&d, width, height);
        break;
      case SP_CHART_BARS:
      case SP_CHART_TARGETS:
        draw_bars (&d, width, height);
        break;
      case SP_CHART_STACKED:
        draw_stacked (&d, width, height);
        break;
      case SP_CHART_HEATMAP:
        draw_heatmap (&d, width, height);
        break;
      default:
        g_assert_not_reached ();
      }

  pango_font_description_free (d.font);
  g_object_unref (d.text);
  cairo_restore (cr);

  return layout;
}
