/* sp-chart-heatmap.c
 *
 * The heatmap: contacts per weekday and hour, darker for more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>

#include "sp-chart-private.h"

/* Heatmap */

void
sp_chart_draw_heatmap (SpChartDraw *d,
                       double       width,
                       double       height)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (SpChartLegendEntry));
  SpChartLegendEntry gradient = { SWATCH_GRADIENT, d->style->heat_low, d->style->heat_high,
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
      sp_chart_measure (d, days[i], &w, NULL);
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
  sp_chart_snap_rect (d, &layout->plot);
  layout->min = 0;
  layout->max = max;
  layout->horizontal = TRUE;

  cell_w = layout->plot.width / 24;
  cell_h = layout->plot.height / 7;
  gap = MIN (cell_w, cell_h) > 14 ? 2 : 1;
  gap = d->scale > 0 ? gap / d->scale : gap * 0.5;

  sp_chart_draw_legend (d, entries, 0, 0, width);

  for (guint i = 0; i < 7; i++)
    {
      double cy = layout->plot.y + (i + 0.5) * cell_h;
      SpChartTick tick = { i, cy, g_strdup (days[i]) };

      g_array_append_val (layout->label_ticks, tick);
      if (cell_h >= d->line_h * 0.7)
        sp_chart_show (d, days[i], 0, cy, 0, 0.5, &d->style->secondary);

      for (guint h = 0; h < 24; h++)
        {
          SpChartItem item = { SP_CHART_ITEM_CELL, i, h, 0 };
          gint64 count = chart->heat[i][h];
          SpColor color;

          item.area = (cairo_rectangle_t) { layout->plot.x + h * cell_w, layout->plot.y + i * cell_h,
                                            cell_w, cell_h };
          item.shape = (cairo_rectangle_t) { item.area.x + gap / 2, item.area.y + gap / 2,
                                             item.area.width - gap, item.area.height - gap };
          sp_chart_snap_rect (d, &item.shape);
          item.x = item.area.x + cell_w / 2;
          item.y = cy;

          if (count <= 0)
            color = d->style->grid, color.alpha *= 0.6;
          else
            color = sp_chart_mix (&d->style->heat_low, &d->style->heat_high, (double) count / max);

          sp_chart_fill_rect (d, &item.shape, &color, 1);
          if (sp_chart_is_highlighted (d, SP_CHART_ITEM_CELL, i, h, 0))
            {
              cairo_rectangle (d->cr, item.shape.x + d->hair / 2, item.shape.y + d->hair / 2,
                               item.shape.width - d->hair, item.shape.height - d->hair);
              cairo_set_line_width (d->cr, d->hair * 2);
              sp_chart_set_color (d, &d->style->foreground, 1);
              cairo_stroke (d->cr);
            }
          g_array_append_val (layout->items, item);
        }
    }

  /* hours along the bottom, as many as fit */
  {
    static const guint steps[] = { 1, 2, 3, 4, 6, 12 };
    double w;

    sp_chart_measure (d, "00", &w, NULL);
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
        sp_chart_show (d, tick.label, tick.position + gap / 2,
                       layout->plot.y + layout->plot.height + d->pad * 0.3, 0, 0,
                       &d->style->secondary);
      }
  }

  for (int i = 0; i < 7; i++)
    g_free (days[i]);
}

