/* sp-chart-draw.c
 *
 * Drawing a chart onto a cairo_t.  Data are first mapped onto the plot
 * (value → position), the positions are recorded in the layout, and only
 * then drawn; hairlines and edges are aligned with device pixels where
 * the surface has pixels.
 *
 * This file holds what every kind of chart draws with (text, colours,
 * pixel alignment, the legend, the value axis, bands, lines, points and
 * the frame of rows) and sp_chart_draw(), which hands the chart to its
 * kind: sp-chart-trend.c, sp-chart-sparkline.c, sp-chart-bars.c,
 * sp-chart-stacked.c and sp-chart-heatmap.c.
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

static const double dashes[SP_CHART_N_DASHES][2] = {
  { 0, 0 },
  { 6, 3 },
  { 2, 2 },
  { 8, 2 },
};

/* Text and colour */

void
sp_chart_set_color (SpChartDraw   *d,
                    const SpColor *color,
                    double         alpha)
{
  cairo_set_source_rgba (d->cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
set_text (SpChartDraw *d,
          const char  *text,
          double       max_width,
          double       scale)
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

void
sp_chart_measure (SpChartDraw *d,
                  const char  *text,
                  double      *width,
                  double      *height)
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
double
sp_chart_show_full (SpChartDraw   *d,
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

  sp_chart_set_color (d, color, 1);
  cairo_move_to (d->cr, x - w * xalign, y - h * yalign);
  pango_cairo_show_layout (d->cr, d->text);

  return w;
}

/* Text that stays readable over lines: ringed with the colour under the chart */
double
sp_chart_show_halo (SpChartDraw   *d,
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
  sp_chart_set_color (d, &d->style->base, 1);
  cairo_stroke (d->cr);

  sp_chart_set_color (d, color, 1);
  cairo_move_to (d->cr, x - w * xalign, y - h * yalign);
  pango_cairo_show_layout (d->cr, d->text);

  return w;
}

double
sp_chart_show (SpChartDraw   *d,
               const char    *text,
               double         x,
               double         y,
               double         xalign,
               double         yalign,
               const SpColor *color)
{
  return sp_chart_show_full (d, text, x, y, xalign, yalign, color, -1, 1);
}

/* Pixel alignment */

static double
snap (SpChartDraw *d,
      double       v,
      gboolean     vertical,
      gboolean     half)
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

void
sp_chart_snap_rect (SpChartDraw       *d,
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

void
sp_chart_fill_rect (SpChartDraw             *d,
                    const cairo_rectangle_t *r,
                    const SpColor           *color,
                    double                   alpha)
{
  cairo_rectangle (d->cr, r->x, r->y, r->width, r->height);
  sp_chart_set_color (d, color, alpha);
  cairo_fill (d->cr);
}

/*
 * A light shade of @color: worked out against the colour under the chart
 * when it is known, so that filling large areas needs no blending.
 */
static void
fill_shade (SpChartDraw             *d,
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
    sp_chart_set_color (d, color, alpha);

  cairo_fill (d->cr);
}

void
sp_chart_set_dash (SpChartDraw *d,
                   int          dash,
                   double       width)
{
  if (dash <= 0 || dash >= (int) SP_CHART_N_DASHES)
    {
      cairo_set_dash (d->cr, NULL, 0, 0);
      return;
    }

  {
    double pattern[2] = { dashes[dash][0] * width, dashes[dash][1] * width };

    cairo_set_dash (d->cr, pattern, 2, 0);
  }
}

void
sp_chart_hline (SpChartDraw   *d,
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
  sp_chart_set_dash (d, dash, MAX (width, 1));
  sp_chart_set_color (d, color, 1);
  cairo_stroke (d->cr);
  cairo_set_dash (d->cr, NULL, 0, 0);
}

void
sp_chart_vline (SpChartDraw   *d,
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
  sp_chart_set_dash (d, dash, MAX (width, 1));
  sp_chart_set_color (d, color, 1);
  cairo_stroke (d->cr);
  cairo_set_dash (d->cr, NULL, 0, 0);
}

SpColor
sp_chart_mix (const SpColor *a,
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
SpColor
sp_chart_text_on (const SpColor *fill)
{
  if (luminance (fill) > 0.55)
    return (SpColor) { 0, 0, 0, 0.85 };
  return (SpColor) { 1, 1, 1, 1 };
}

const SpColor *
sp_chart_series_color (SpChartDraw *d,
                       guint        index)
{
  if (index == 0)
    return &d->style->accent;
  return &d->style->series[(index - 1) % SP_CHART_N_SERIES_COLORS];
}

const SpColor *
sp_chart_line_color (SpChartDraw     *d,
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

int
sp_chart_line_dash (SpChartLineKind kind)
{
  return kind == SP_CHART_LINE_AVERAGE ? 2 : 1;
}

/* Legend */

static double
legend_entry_width (SpChartDraw              *d,
                    const SpChartLegendEntry *entry)
{
  double w;

  sp_chart_measure (d, entry->label, &w, NULL);
  if (entry->kind == SWATCH_GRADIENT)
    {
      double w2;

      sp_chart_measure (d, entry->label2, &w2, NULL);
      return w + w2 + d->font_size * 4 + d->pad;
    }
  return d->font_size * 1.6 + d->pad * 0.5 + w;
}

/* Lays the entries out in rows across @width; returns the height they take */
double
sp_chart_legend_height (SpChartDraw *d,
                        GArray      *entries,
                        double       width)
{
  double x = 0;
  int rows = entries->len > 0 ? 1 : 0;

  for (guint i = 0; i < entries->len; i++)
    {
      double w = legend_entry_width (d, &g_array_index (entries, SpChartLegendEntry, i));

      if (x > 0 && x + w > width)
        rows++, x = 0;
      x += w + d->pad * 1.5;
    }

  return rows * d->line_h * 1.25;
}

static void
draw_swatch (SpChartDraw              *d,
             const SpChartLegendEntry *entry,
             double                    x,
             double                    cy)
{
  double sw = d->font_size * 1.6;
  double box = d->font_size * 0.8;

  switch (entry->kind)
    {
    case SWATCH_BOX:
      {
        cairo_rectangle_t r = { x + (sw - box) / 2, cy - box / 2, box, box };

        sp_chart_snap_rect (d, &r);
        sp_chart_fill_rect (d, &r, &entry->color, entry->color.alpha > 0 ? 1 : 0);
      }
      break;

    case SWATCH_LINE:
    case SWATCH_DASH:
      sp_chart_hline (d, x, x + sw, cy, &entry->color, MAX (d->style->line_width, d->hair),
                      entry->kind == SWATCH_DASH ? MAX (entry->dash, 1) : entry->dash);
      break;

    case SWATCH_DOT:
    case SWATCH_HOLLOW:
      cairo_new_sub_path (d->cr);
      cairo_arc (d->cr, x + sw / 2, cy, d->font_size * 0.28, 0, 2 * G_PI);
      sp_chart_set_color (d, &entry->color, 1);
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

        sp_chart_snap_rect (d, &r);
        if (entry->kind == SWATCH_SHADE)
          fill_shade (d, &r, &entry->color, d->style->band_alpha);
        else
          sp_chart_fill_rect (d, &r, &d->style->base, 1);
        cairo_rectangle (d->cr, r.x + d->hair / 2, r.y + d->hair / 2, r.width - d->hair,
                         r.height - d->hair);
        sp_chart_set_color (d, entry->kind == SWATCH_SHADE ? &d->style->grid : &entry->color, 1);
        cairo_set_line_width (d->cr, d->hair);
        cairo_stroke (d->cr);
      }
      break;

    case SWATCH_SO_FAR:
      {
        double r = d->font_size * 0.28;

        sp_chart_hline (d, x, x + sw - 2 * r, cy, &entry->color,
                        MAX (d->style->line_width, d->hair), SO_FAR_DASH);
        sp_chart_draw_point (d, x + sw - r, cy, r, &entry->color, TRUE);
      }
      break;

    case SWATCH_GRADIENT:
      break;

    default:
      g_assert_not_reached ();
    }
}

void
sp_chart_draw_legend (SpChartDraw *d,
                      GArray      *entries,
                      double       x0,
                      double       y0,
                      double       width)
{
  double x = 0, y = y0;
  double row_h = d->line_h * 1.25;

  for (guint i = 0; i < entries->len; i++)
    {
      const SpChartLegendEntry *entry = &g_array_index (entries, SpChartLegendEntry, i);
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
          double tw = sp_chart_show (d, entry->label, x0 + x, cy, 0, 0.5, &d->style->secondary);
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
          sp_chart_show (d, entry->label2, gx + gw + d->pad * 0.5, cy, 0, 0.5,
                         &d->style->secondary);
        }
      else
        {
          draw_swatch (d, entry, x0 + x, cy);
          sp_chart_show (d, entry->label, x0 + x + d->font_size * 1.6 + d->pad * 0.5, cy, 0, 0.5,
                         &d->style->secondary);
        }

      x += w + d->pad * 1.5;
    }
}

void
sp_chart_add_entry (GArray            *entries,
                    SpChartSwatchKind  kind,
                    const SpColor     *color,
                    const char        *label,
                    int                dash)
{
  SpChartLegendEntry entry = { kind, *color, *color, label, dash, NULL };

  if (label == NULL || *label == '\0')
    return;

  g_array_append_val (entries, entry);
}

/* The value axis */

void
sp_chart_range_add (SpChartRange *r,
                    double        v)
{
  if (!isfinite (v))
    return;
  if (!r->any)
    r->min = r->max = v, r->any = TRUE;
  else
    r->min = MIN (r->min, v), r->max = MAX (r->max, v);
}

void
sp_chart_range_add_guides (SpChartDraw  *d,
                           SpChartRange *r)
{
  SpChart *chart = d->chart;

  for (guint i = 0; i < chart->bands->len; i++)
    {
      SpChartBand *band = &g_array_index (chart->bands, SpChartBand, i);

      sp_chart_range_add (r, band->from);
      sp_chart_range_add (r, band->to);
    }

  for (guint i = 0; i < chart->lines->len; i++)
    sp_chart_range_add (r, g_array_index (chart->lines, SpChartLine, i).value);
}

/*
 * Rounds the range out to whole steps that fit @length, within the chart's
 * limits, and records the ticks; returns the widest tick label.
 */
double
sp_chart_make_value_axis (SpChartDraw  *d,
                          SpChartRange *r,
                          SpUnit        unit,
                          double        length,
                          double        spacing)
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

      sp_chart_measure (d, tick.label, &w, NULL);
      widest = MAX (widest, w);
      g_array_append_val (layout->value_ticks, tick);
    }

  return widest;
}

void
sp_chart_place_value_ticks (SpChartDraw *d)
{
  for (guint i = 0; i < d->layout->value_ticks->len; i++)
    {
      SpChartTick *tick = &g_array_index (d->layout->value_ticks, SpChartTick, i);

      tick->position = sp_chart_layout_value_to_position (d->layout, tick->value);
    }
}

int
sp_chart_compare_ticks (gconstpointer a,
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

void
sp_chart_draw_bands (SpChartDraw *d)
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

      sp_chart_snap_rect (d, &area.area);
      fill_shade (d, &area.area, &d->style->status[band->status], d->style->band_alpha);
      g_array_append_val (layout->bands, area);
    }
}

/* The band names beside a vertical value axis, so colour is never alone */
void
sp_chart_draw_band_labels (SpChartDraw *d,
                           double       x)
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

      sp_chart_show_full (d, label, x, cy, 0, 0.5, &d->style->secondary, -1, 0.9);
      last_y = cy;
    }
}

void
sp_chart_draw_lines (SpChartDraw *d)
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
        sp_chart_vline (d, area.position, layout->plot.y, layout->plot.y + layout->plot.height,
                        sp_chart_line_color (d, line->kind), width,
                        sp_chart_line_dash (line->kind));
      else
        sp_chart_hline (d, layout->plot.x, layout->plot.x + layout->plot.width, area.position,
                        sp_chart_line_color (d, line->kind), width,
                        sp_chart_line_dash (line->kind));

      g_array_append_val (layout->lines, area);
    }
}

void
sp_chart_add_line_entries (SpChartDraw *d,
                           GArray      *entries)
{
  for (guint i = 0; i < d->chart->lines->len; i++)
    {
      SpChartLine *line = &g_array_index (d->chart->lines, SpChartLine, i);

      sp_chart_add_entry (entries, SWATCH_DASH, sp_chart_line_color (d, line->kind), line->label,
                          sp_chart_line_dash (line->kind));
    }
}

void
sp_chart_add_band_entries (SpChartDraw *d,
                           GArray      *entries)
{
  for (guint i = 0; i < d->chart->bands->len; i++)
    {
      SpChartBand *band = &g_array_index (d->chart->bands, SpChartBand, i);

      /* the very shade of the band, outlined so that a light one still shows */
      sp_chart_add_entry (entries, SWATCH_SHADE, &d->style->status[band->status], band->label, 0);
    }
}

void
sp_chart_draw_value_grid (SpChartDraw *d,
                          gboolean     labels)
{
  SpChartLayout *layout = d->layout;

  for (guint i = 0; i < layout->value_ticks->len; i++)
    {
      SpChartTick *tick = &g_array_index (layout->value_ticks, SpChartTick, i);

      if (layout->horizontal)
        {
          sp_chart_vline (d, tick->position, layout->plot.y, layout->plot.y + layout->plot.height,
                          &d->style->grid, d->hair, 0);
          if (labels)
            sp_chart_show (d, tick->label, tick->position, layout->plot.y + layout->plot.height +
                           d->pad * 0.4, 0.5, 0, &d->style->secondary);
        }
      else
        {
          sp_chart_hline (d, layout->plot.x, layout->plot.x + layout->plot.width, tick->position,
                          &d->style->grid, d->hair, 0);
          if (labels)
            sp_chart_show (d, tick->label, layout->plot.x - d->pad * 0.6, tick->position, 1, 0.5,
                           &d->style->secondary);
        }
    }
}

/* Points */

void
sp_chart_draw_point (SpChartDraw   *d,
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
      sp_chart_set_color (d, color, 1);
      cairo_fill (d->cr);
      return;
    }

  sp_chart_set_color (d, &d->style->base, 1);
  cairo_fill_preserve (d->cr);

  cairo_set_line_width (d->cr, MAX (d->style->line_width * 0.75, d->hair));
  sp_chart_set_color (d, color, 1);
  cairo_stroke (d->cr);
}

gboolean
sp_chart_is_highlighted (SpChartDraw     *d,
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
draw_empty (SpChartDraw *d,
            double       width,
            double       height)
{
  const char *text = d->chart->empty_text ? d->chart->empty_text : _("No data for this period");

  d->layout->empty = TRUE;
  d->layout->plot = (cairo_rectangle_t) { 0, 0, width, height };

  if (d->chart->kind == SP_CHART_SPARKLINE)
    {
      sp_chart_hline (d, 0, width, height / 2, &d->style->grid, d->hair, 2);
      return;
    }

  sp_chart_show_full (d, text, width / 2, height / 2, 0.5, 0.5, &d->style->secondary, width, 1);
}

/* Bars, targets and stacked rows share their frame */

static double
widest_label (SpChartDraw *d)
{
  double widest = 0;

  for (guint i = 0; i < d->chart->rows->len; i++)
    {
      double w;

      sp_chart_measure (d, g_array_index (d->chart->rows, SpChartRow, i).label, &w, NULL);
      widest = MAX (widest, w);
    }

  return widest;
}

void
sp_chart_frame_rows (SpChartDraw     *d,
                     SpChartRowFrame *frame,
                     GArray          *entries,
                     double           width,
                     double           height,
                     double           value_w,
                     SpChartRange    *range,
                     SpUnit           unit)
{
  SpChartLayout *layout = d->layout;
  double legend_h, top, bottom, left, right;
  guint n = d->chart->rows->len;

  layout->horizontal = TRUE;

  frame->label_w = MIN (widest_label (d), width * 0.3);
  frame->value_w = value_w;

  legend_h = sp_chart_legend_height (d, entries, width);
  top = legend_h > 0 ? legend_h + d->pad * 0.5 : 0;
  bottom = height - d->line_h - d->pad * 0.6;
  left = frame->label_w + d->pad;
  right = width - (value_w > 0 ? value_w + d->pad * 0.6 : d->pad * 0.5);

  layout->legend = (cairo_rectangle_t) { 0, 0, legend_h > 0 ? width : 0, legend_h };
  layout->plot = (cairo_rectangle_t) { left, top, MAX (1, right - left), MAX (1, bottom - top) };
  sp_chart_snap_rect (d, &layout->plot);

  if (range != NULL)
    sp_chart_make_value_axis (d, range, unit, layout->plot.width, MAX (d->font_size * 5, 48));
  sp_chart_place_value_ticks (d);

  frame->row_h = layout->plot.height / MAX (1, n);
  frame->bar_h = MIN (frame->row_h * 0.64, d->line_h * 1.5);
  if (d->scale > 0)
    frame->bar_h = MAX (1, round (frame->bar_h / d->hair)) * d->hair;

  if (legend_h > 0)
    sp_chart_draw_legend (d, entries, 0, 0, width);
}

void
sp_chart_draw_row_labels (SpChartDraw     *d,
                          SpChartRowFrame *frame)
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
      sp_chart_show_full (d, row->label, 0, cy, 0, 0.5, &d->style->foreground, frame->label_w, 1);
      pango_layout_set_ellipsize (d->text, PANGO_ELLIPSIZE_NONE);
    }
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
void
sp_chart_add_status_entries (SpChartDraw *d,
                             GArray      *entries,
                             GPtrArray   *owned)
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
      sp_chart_add_entry (entries, status == SP_STATUS_TOO_FEW ? SWATCH_OPEN_BOX : SWATCH_BOX,
                          &d->style->status[status], label, 0);
    }
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
  SpChartDraw d = { 0 };
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
  sp_chart_measure (&d, "0", NULL, &d.line_h);

  if (style->background.alpha > 0)
    {
      sp_chart_set_color (&d, &style->background, 1);
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
        sp_chart_draw_trend (&d, width, height);
        break;
      case SP_CHART_SPARKLINE:
        sp_chart_draw_sparkline (&d, width, height);
        break;
      case SP_CHART_BARS:
      case SP_CHART_TARGETS:
        sp_chart_draw_bars (&d, width, height);
        break;
      case SP_CHART_STACKED:
        sp_chart_draw_stacked (&d, width, height);
        break;
      case SP_CHART_HEATMAP:
        sp_chart_draw_heatmap (&d, width, height);
        break;
      default:
        g_assert_not_reached ();
      }

  pango_font_description_free (d.font);
  g_object_unref (d.text);
  cairo_restore (cr);

  return layout;
}

