/* sp-chart-sparkline.c
 *
 * The sparkline: a small line of one series without axes, for the
 * dashboard's cards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>

#include "sp-chart-private.h"

/* Sparkline */

/* The value axis: the points' range with a tenth to spare, or ±1 around a flat line */
static void
fit_range (SpChartDraw   *d,
           SpChartSeries *s)
{
  SpChartRange range = { 0 };

  for (guint j = 0; j < s->points->len; j++)
    sp_chart_range_add (&range, g_array_index (s->points, SpChartPoint, j).value);

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

  d->layout->min = range.min;
  d->layout->max = range.max;
}

static double
point_x (SpChartDraw   *d,
         SpChartSeries *s,
         guint          j,
         double         step)
{
  cairo_rectangle_t *plot = &d->layout->plot;

  return s->points->len > 1 ? plot->x + j * step : plot->x + plot->width / 2;
}

/*
 * The path of the line (@line) or of the area under it: runs of points with
 * a value, the area closed under each run; the line solid only between
 * whole periods, the segments into and out of one that is not over kept in
 * @so_far to be dashed after.  The line's points are recorded for hovering.
 */
static void
trace (SpChartDraw   *d,
       SpChartSeries *s,
       gboolean       line,
       double         step,
       double         radius,
       double         height,
       double         so_far[4][4],
       guint         *n_so_far)
{
  SpChartLayout *layout = d->layout;
  double bottom = layout->plot.y + layout->plot.height;
  double first_x = 0, last_x = 0, last_y = 0;
  gboolean pen_down = FALSE, prev_partial = FALSE;

  for (guint j = 0; j < s->points->len; j++)
    {
      SpChartPoint *p = &g_array_index (s->points, SpChartPoint, j);
      double x = point_x (d, s, j, step);
      double y;

      if (!isfinite (p->value))
        {
          if (!line && pen_down)
            {
              /* close the area under this run */
              cairo_line_to (d->cr, last_x, bottom);
              cairo_line_to (d->cr, first_x, bottom);
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
      else if (line && (p->partial || prev_partial))
        {
          /* solid only between whole periods: the dashed rest comes after */
          cairo_move_to (d->cr, x, y);
          if (*n_so_far < 4)
            {
              so_far[*n_so_far][0] = last_x;
              so_far[*n_so_far][1] = last_y;
              so_far[*n_so_far][2] = x;
              so_far[*n_so_far][3] = y;
              (*n_so_far)++;
            }
        }
      else
        cairo_line_to (d->cr, x, y);
      pen_down = TRUE;
      last_x = x;
      last_y = y;
      prev_partial = p->partial;

      if (line)
        {
          SpChartItem item = { SP_CHART_ITEM_POINT, 0, j, 0, x, y,
                               { x - MAX (step, 1) / 2, 0, MAX (step, 1), height },
                               { x - radius, y - radius, 2 * radius, 2 * radius } };

          g_array_append_val (layout->items, item);
        }
    }

  if (!line && pen_down)
    {
      cairo_line_to (d->cr, last_x, bottom);
      cairo_line_to (d->cr, first_x, bottom);
      cairo_close_path (d->cr);
    }
}

/* The area under the line: a light shade of the accent, opaque over an opaque base */
static void
fill_area (SpChartDraw *d)
{
  if (d->style->base.alpha >= 1)
    {
      SpColor under = sp_chart_mix (&d->style->base, &d->style->accent,
                                    0.15 * d->style->accent.alpha);

      under.alpha = 1;
      sp_chart_set_color (d, &under, 1);
    }
  else
    sp_chart_set_color (d, &d->style->accent, 0.15);
  cairo_fill (d->cr);
}

/* The line as traced, then its segments into and out of a period not over, dashed */
static void
stroke_line (SpChartDraw *d,
             double       so_far[4][4],
             guint        n_so_far)
{
  cairo_set_line_join (d->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (d->cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (d->cr, d->style->line_width);
  sp_chart_set_color (d, &d->style->accent, 1);
  cairo_stroke (d->cr);

  for (guint k = 0; k < n_so_far; k++)
    {
      cairo_move_to (d->cr, so_far[k][0], so_far[k][1]);
      cairo_line_to (d->cr, so_far[k][2], so_far[k][3]);
    }
  sp_chart_set_dash (d, SO_FAR_DASH, d->style->line_width);
  cairo_stroke (d->cr);
  cairo_set_dash (d->cr, NULL, 0, 0);
}

/* The latest value, as a dot: hollow when its period is not over */
static void
draw_latest (SpChartDraw   *d,
             SpChartSeries *s,
             double         step,
             double         radius)
{
  SpChartLayout *layout = d->layout;

  for (guint j = s->points->len; j-- > 0;)
    {
      SpChartPoint *p = &g_array_index (s->points, SpChartPoint, j);

      if (!isfinite (p->value))
        continue;

      sp_chart_draw_point (d, point_x (d, s, j, step),
                           sp_chart_layout_value_to_position (layout, p->value), radius,
                           &d->style->accent, p->partial);
      for (guint k = 0; k < layout->items->len; k++)
        if (g_array_index (layout->items, SpChartItem, k).index == j)
          g_array_index (layout->items, SpChartItem, k).partial = p->partial;
      break;
    }
}

void
sp_chart_draw_sparkline (SpChartDraw *d,
                         double       width,
                         double       height)
{
  SpChartLayout *layout = d->layout;
  SpChartSeries *s = g_ptr_array_index (d->chart->series, 0);
  double radius = MAX (d->style->line_width * 1.3, 2);
  double inset = radius + d->hair;
  double so_far[4][4];
  guint n_so_far = 0;
  double step;

  fit_range (d, s);
  layout->plot = (cairo_rectangle_t) { inset, inset, MAX (1, width - 2 * inset),
                                       MAX (1, height - 2 * inset) };
  step = s->points->len > 1 ? layout->plot.width / (s->points->len - 1) : 0;

  trace (d, s, FALSE, step, radius, height, so_far, &n_so_far);
  fill_area (d);
  trace (d, s, TRUE, step, radius, height, so_far, &n_so_far);
  stroke_line (d, so_far, n_so_far);
  draw_latest (d, s, step, radius);
}
