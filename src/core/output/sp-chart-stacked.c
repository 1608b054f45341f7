/* sp-chart-stacked.c
 *
 * Stacked rows: each row split into its parts (promoters, passives,
 * detractors), with how many answers it rests on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>

#include "sp-chart-private.h"

/* "n = 42": how many answers a stacked row rests on */
static char *
stacked_n (const SpChartRow *row)
{
  /* TRANSLATORS: how many answers a bar rests on, "n = 12" */
  return g_strdup_printf (_("n = %'" PRId64), row->n);
}

void
sp_chart_draw_stacked (SpChartDraw *d,
                       double       width,
                       double       height)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (SpChartLegendEntry));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  double value_w = 0;
  SpChartRange range = { 0, 100, TRUE };
  SpChartRowFrame frame;

  for (guint i = 0; i < chart->rows->len; i++)
    {
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, i);
      g_autofree char *value = sp_chart_format_value (chart, row->value);
      g_autofree char *n = stacked_n (row);
      double w, w2;

      sp_chart_measure (d, value, &w, NULL);
      sp_chart_measure (d, n, &w2, NULL);
      value_w = MAX (value_w, w + d->pad * 0.3 + w2);
    }

  /* the legend reads as the bars do, left to right */
  for (guint p = 0; p < 3; p++)
    sp_chart_add_entry (entries, SWATCH_BOX, &d->style->parts[p], chart->part_labels[p], 0);
  /* a row on too few answers is outlined, as the bars of a breakdown are */
  sp_chart_add_status_entries (d, entries, owned);

  sp_chart_frame_rows (d, &frame, entries, width, height, value_w, &range, SP_UNIT_PERCENT);

  sp_chart_draw_value_grid (d, TRUE);
  sp_chart_draw_row_labels (d, &frame);

  for (guint i = 0; i < chart->rows->len; i++)
    {
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, i);
      double total = row->parts[0] + row->parts[1] + row->parts[2];
      double cy = layout->plot.y + (i + 0.5) * frame.row_h;
      double acc = 0;
      g_autofree char *value = NULL;

      if (!(total > 0))
        {
          sp_chart_show (d, "—", layout->plot.x + d->pad * 0.4, cy, 0, 0.5, &d->style->secondary);
          continue;
        }

      for (guint p = 0; p < 3; p++)
        {
          SpChartItem item = { SP_CHART_ITEM_PART, 0, i, p };
          double share = 100 * row->parts[p] / total;
          double x0 = sp_chart_layout_value_to_position (layout, acc);
          double x1 = sp_chart_layout_value_to_position (layout, acc + share);
          double alpha = sp_chart_is_highlighted (d, SP_CHART_ITEM_PART, 0, i, p) ? 0.75 : 1;
          g_autofree char *label = NULL;
          double tw;

          acc += share;
          if (row->parts[p] <= 0)
            continue;

          item.shape = (cairo_rectangle_t) { x0, cy - frame.bar_h / 2, x1 - x0, frame.bar_h };
          sp_chart_snap_rect (d, &item.shape);
          item.shape.height = frame.bar_h;
          item.x = (x0 + x1) / 2;
          item.y = cy;
          item.area = (cairo_rectangle_t) { item.shape.x, layout->plot.y + i * frame.row_h,
                                            item.shape.width, frame.row_h };
          if (row->status == SP_STATUS_TOO_FEW)
            {
              /* no verdict: outlined and neutral */
              sp_chart_fill_rect (d, &item.shape, &d->style->base, 1);
              cairo_rectangle (d->cr, item.shape.x + d->hair / 2, item.shape.y + d->hair / 2,
                               MAX (0, item.shape.width - d->hair),
                               item.shape.height - d->hair);
              sp_chart_set_color (d, &d->style->status[SP_STATUS_TOO_FEW], alpha);
              cairo_set_line_width (d->cr, d->hair);
              cairo_stroke (d->cr);
            }
          else
            sp_chart_fill_rect (d, &item.shape, &d->style->parts[p], alpha);
          g_array_append_val (layout->items, item);

          label = sp_chart_format_number (SP_UNIT_PERCENT, share, 0);
          sp_chart_measure (d, label, &tw, NULL);
          if (tw + d->pad * 0.6 < item.shape.width && frame.bar_h >= d->line_h * 0.9)
            {
              SpColor ink = row->status == SP_STATUS_TOO_FEW ? d->style->secondary
                                                             : sp_chart_text_on (&d->style->parts[p]);

              sp_chart_show (d, label, item.x, cy, 0.5, 0.5, &ink);
            }
        }

      value = sp_chart_format_value (chart, row->value);
      {
        g_autofree char *n = stacked_n (row);
        double x = layout->plot.x + layout->plot.width + d->pad * 0.6;

        x += sp_chart_show (d, value, x, cy, 0, 0.5,
                            row->status == SP_STATUS_TOO_FEW ? &d->style->secondary
                                                             : &d->style->foreground);
        sp_chart_show (d, n, x + d->pad * 0.3, cy, 0, 0.5, &d->style->secondary);
      }
    }
}

