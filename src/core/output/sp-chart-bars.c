/* sp-chart-bars.c
 *
 * Bars and targets: one bar per row, coloured by its status, with the
 * value written after it and, for targets, the target marked across.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>

#include "sp-chart-private.h"

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
        g_string_append_printf (out, _("n = %'" PRId64), row->n);
    }

  return g_string_free (out, FALSE);
}

/* A line across the rows at @x, broken where a row's value (@spans: from, to) is written */
static void
vline_around_values (SpChartDraw   *d,
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
          sp_chart_vline (d, x, top, item->y - d->line_h / 2, color, width, dash);
          top = item->y + d->line_h / 2;
        }
    }

  sp_chart_vline (d, x, top, layout->plot.y + layout->plot.height, color, width, dash);
}

/* What the value axis must hold; returns the width the values after the bars take */
static double
measure_rows (SpChartDraw  *d,
              SpChartRange *range,
              gboolean      targets)
{
  SpChart *chart = d->chart;
  double value_w = 0;

  for (guint i = 0; i < chart->rows->len; i++)
    {
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, i);
      g_autofree char *value = sp_chart_format_value (chart, row->value);
      g_autofree char *after = bar_after_value (chart, row);
      double w, w2;

      if (targets)
        {
          if (isfinite (row->value) && isfinite (row->target) && row->target > 0)
            sp_chart_range_add (range, row->value / row->target);
        }
      else
        sp_chart_range_add (range, row->value);

      sp_chart_measure (d, value, &w, NULL);
      sp_chart_measure (d, after, &w2, NULL);
      value_w = MAX (value_w, w + (*after ? d->pad * 0.3 + w2 : 0));
    }

  sp_chart_range_add (range, 0);
  if (targets)
    {
      sp_chart_range_add (range, 2.5);
      range->max = MIN (range->max, 4);
    }
  else
    sp_chart_range_add_guides (d, range);

  return value_w;
}

/* The axis of targets counts them: 0, target, 2×, 3× */
static void
place_target_ticks (SpChartDraw *d,
                    double       max)
{
  SpChartLayout *layout = d->layout;

  layout->min = 0;
  layout->max = MAX (3, ceil (max));
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
  sp_chart_place_value_ticks (d);
}

/* Row @i's bar from @zero, coloured by its status; recorded for hovering */
static void
draw_bar (SpChartDraw           *d,
          const SpChartRowFrame *frame,
          guint                  i,
          double                 zero,
          double                 width,
          gboolean               targets)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  SpChartRow *row = &g_array_index (chart->rows, SpChartRow, i);
  SpChartItem item = { SP_CHART_ITEM_BAR, 0, i, 0 };
  double cy = layout->plot.y + (i + 0.5) * frame->row_h;
  double alpha = sp_chart_is_highlighted (d, SP_CHART_ITEM_BAR, 0, i, 0) ? 0.75 : 1;
  double v, end;
  SpStatus status = row->status;
  const SpColor *color;

  if (!isfinite (row->value) || (targets && !(isfinite (row->target) && row->target > 0)))
    {
      sp_chart_show (d, "—", zero + d->pad * 0.4, cy, 0, 0.5, &d->style->secondary);
      return;
    }

  v = targets ? row->value / row->target : row->value;
  if (targets && status == SP_STATUS_NONE)
    status = status_in_bands (chart, v);
  end = sp_chart_layout_value_to_position (layout, CLAMP (v, layout->min, layout->max));

  item.shape = (cairo_rectangle_t) { MIN (zero, end), cy - frame->bar_h / 2,
                                     fabs (end - zero), frame->bar_h };
  sp_chart_snap_rect (d, &item.shape);
  item.shape.height = frame->bar_h;
  item.x = end;
  item.y = cy;
  item.area = (cairo_rectangle_t) { 0, layout->plot.y + i * frame->row_h, width, frame->row_h };

  color = status == SP_STATUS_NONE ? &d->style->accent : &d->style->status[status];
  if (status == SP_STATUS_TOO_FEW)
    {
      /* no verdict: outlined, as a point on too few is hollow */
      sp_chart_fill_rect (d, &item.shape, &d->style->base, 1);
      cairo_rectangle (d->cr, item.shape.x + d->hair / 2, item.shape.y + d->hair / 2,
                       MAX (0, item.shape.width - d->hair), item.shape.height - d->hair);
      sp_chart_set_color (d, color, alpha);
      cairo_set_line_width (d->cr, d->hair);
      cairo_stroke (d->cr);
    }
  else
    sp_chart_fill_rect (d, &item.shape, color, alpha);

  if (v > layout->max)
    {
      /* beyond the axis: a notch says the bar goes on */
      double x = item.shape.x + item.shape.width;

      cairo_move_to (d->cr, x - frame->bar_h * 0.45, item.shape.y);
      cairo_line_to (d->cr, x - frame->bar_h * 0.15, cy);
      cairo_line_to (d->cr, x - frame->bar_h * 0.45, item.shape.y + item.shape.height);
      sp_chart_set_color (d, &d->style->base, 1);
      cairo_set_line_width (d->cr, MAX (d->hair * 1.5, 1));
      cairo_stroke (d->cr);
    }

  g_array_append_val (layout->items, item);
}

/* Where each bar's value is written (from, to): after its bar, or before a bar that goes left */
static GArray *
value_spans (SpChartDraw *d,
             guint        first_item,
             double       zero,
             gboolean     targets)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  GArray *spans = g_array_sized_new (FALSE, FALSE, sizeof (double) * 2, layout->items->len);

  for (guint k = first_item; k < layout->items->len; k++)
    {
      const SpChartItem *item = &g_array_index (layout->items, SpChartItem, k);
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, item->index);
      double v = targets ? row->value / row->target : row->value;
      g_autofree char *text = sp_chart_format_value (chart, row->value);
      g_autofree char *after = bar_after_value (chart, row);
      double w1, w2 = 0, span[2];

      sp_chart_measure (d, text, &w1, NULL);
      if (*after)
        {
          sp_chart_measure (d, after, &w2, NULL);
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

  return spans;
}

/* The zero line over the bars' roots, and lines over the bars but never over a value */
static void
draw_bar_lines (SpChartDraw *d,
                guint        first_item,
                GArray      *spans,
                double       zero,
                gboolean     targets)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;

  sp_chart_vline (d, zero, layout->plot.y, layout->plot.y + layout->plot.height,
                  &d->style->secondary, d->hair, 0);
  for (guint i = 0; i < chart->lines->len; i++)
    {
      SpChartLine *line = &g_array_index (chart->lines, SpChartLine, i);
      SpChartLineArea area = { line->kind, line->value, 0 };

      if (line->value < layout->min || line->value > layout->max)
        continue;

      area.position = sp_chart_layout_value_to_position (layout, line->value);
      vline_around_values (d, area.position, first_item, spans,
                           sp_chart_line_color (d, line->kind),
                           line->kind == SP_CHART_LINE_TARGET
                             ? MAX (d->style->line_width * 0.75, d->hair)
                             : MAX (d->style->line_width * 0.6, d->hair),
                           sp_chart_line_dash (line->kind));
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
}

/* The values last, with a halo */
static void
draw_values (SpChartDraw *d,
             guint        first_item,
             GArray      *spans)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;

  for (guint k = first_item; k < layout->items->len; k++)
    {
      const SpChartItem *item = &g_array_index (layout->items, SpChartItem, k);
      SpChartRow *row = &g_array_index (chart->rows, SpChartRow, item->index);
      const double *span = &g_array_index (spans, double, (k - first_item) * 2);
      g_autofree char *text = sp_chart_format_value (chart, row->value);
      g_autofree char *after = bar_after_value (chart, row);
      double x = span[0];

      x += sp_chart_show_halo (d, text, x, item->y, 0, 0.5, &d->style->foreground);
      if (*after)
        sp_chart_show_halo (d, after, x + d->pad * 0.3, item->y, 0, 0.5, &d->style->secondary);
    }
}

void
sp_chart_draw_bars (SpChartDraw *d,
                    double       width,
                    double       height)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (SpChartLegendEntry));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) spans = NULL;
  gboolean targets = chart->kind == SP_CHART_TARGETS;
  double value_w, zero;
  guint first_item;
  SpChartRange range = { 0 };
  SpChartRowFrame frame;

  value_w = measure_rows (d, &range, targets);

  sp_chart_add_band_entries (d, entries);
  sp_chart_add_line_entries (d, entries);
  if (targets)
    sp_chart_add_entry (entries, SWATCH_DASH, &d->style->target, _("Channel target"), 1);
  sp_chart_add_status_entries (d, entries, owned);

  sp_chart_frame_rows (d, &frame, entries, width, height, value_w, targets ? NULL : &range,
                       chart->unit);
  if (targets)
    place_target_ticks (d, range.max);

  sp_chart_draw_bands (d);
  sp_chart_draw_value_grid (d, TRUE);
  sp_chart_draw_row_labels (d, &frame);

  /* bars grow from the axis' start when it is not 0 (CES: 1–7) */
  zero = sp_chart_layout_value_to_position (layout, CLAMP (0, layout->min, layout->max));
  first_item = layout->items->len;
  for (guint i = 0; i < chart->rows->len; i++)
    draw_bar (d, &frame, i, zero, width, targets);

  spans = value_spans (d, first_item, zero, targets);
  draw_bar_lines (d, first_item, spans, zero, targets);
  draw_values (d, first_item, spans);
}
