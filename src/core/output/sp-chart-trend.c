/* sp-chart-trend.c
 *
 * The trend chart: one line per series over the periods (the x slots
 * every series shares), the bands and reference lines behind them, a
 * period not over drawn dashed into a hollow point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>

#include "sp-chart-private.h"

/* What the value axis must hold; whether any point rests on few answers or is not over */
static void
scan_points (SpChartDraw  *d,
             SpChartRange *range,
             gboolean     *any_hollow,
             gboolean     *any_partial)
{
  SpChart *chart = d->chart;

  for (guint i = 0; i < chart->series->len; i++)
    {
      SpChartSeries *s = g_ptr_array_index (chart->series, i);

      for (guint j = 0; j < s->points->len; j++)
        {
          SpChartPoint *p = &g_array_index (s->points, SpChartPoint, j);

          sp_chart_range_add (range, p->value);
          if (isfinite (p->value) && chart->min_n > 0 && p->n < chart->min_n && !s->guide &&
              !p->partial)
            *any_hollow = TRUE;
          if (isfinite (p->value) && p->partial && !s->guide)
            *any_partial = TRUE;
        }
    }
  sp_chart_range_add_guides (d, range);
}

static double
widest_band_label (SpChartDraw *d)
{
  double band_w = 0;

  for (guint i = 0; i < d->chart->bands->len; i++)
    {
      const char *label = g_array_index (d->chart->bands, SpChartBand, i).label;
      double w;

      if (label == NULL)
        continue;
      sp_chart_measure (d, label, &w, NULL);
      band_w = MAX (band_w, w * 0.9);
    }

  return band_w;
}

/* The legend's entries: the series, the lines, the bands unless named beside the
 * plot, few answers, not over; returns the text of "fewer than …", which they point to */
static char *
add_legend_entries (SpChartDraw *d,
                    GArray      *entries,
                    gboolean     band_labels,
                    gboolean     any_hollow,
                    gboolean     any_partial)
{
  SpChart *chart = d->chart;
  char *few_label = NULL;

  if (chart->series->len > 1)
    for (guint i = 0; i < chart->series->len; i++)
      {
        SpChartSeries *s = g_ptr_array_index (chart->series, i);

        sp_chart_add_entry (entries, SWATCH_LINE, sp_chart_series_color (d, i), s->label,
                            s->guide ? 1 : d->style->dashed_series ? (int) (i % SP_CHART_N_DASHES)
                                                                   : 0);
      }
  sp_chart_add_line_entries (d, entries);
  if (!band_labels)
    sp_chart_add_band_entries (d, entries);
  if (any_hollow)
    {
      g_autofree char *few = sp_chart_format_n (chart->noun, chart->min_n);
      SpChartLegendEntry entry = { SWATCH_HOLLOW, d->style->secondary, d->style->secondary,
                                   NULL, 0, NULL };

      /* TRANSLATORS: a legend entry beside a hollow point, "fewer than 30 answers" */
      entry.label = few_label = g_strdup_printf (_("fewer than %s"), few);
      g_array_append_val (entries, entry);
    }
  if (any_partial)
    {
      SpChartLegendEntry entry = { SWATCH_SO_FAR, d->style->secondary, d->style->secondary,
                                   /* TRANSLATORS: a legend entry beside a dashed line into a
                                    * hollow point: a week or month that is not over yet */
                                   _("so far"), SO_FAR_DASH, NULL };

      g_array_append_val (entries, entry);
    }

  return few_label;
}

/* The periods along the bottom, as many as fit, always the latest */
static void
draw_slot_labels (SpChartDraw *d,
                  GArray      *slots,
                  double       slot_w,
                  double       width)
{
  SpChartLayout *layout = d->layout;
  int typical = sp_chart_typical_days (slots);
  double widest_slot = 0;
  int last_year = G_MININT;
  guint stride;

  /* labels of one trend are much alike: a few of them tell the widest */
  for (guint k = 0, n = MIN (slots->len, 8); k < n; k++)
    {
      guint i = n > 1 ? k * (slots->len - 1) / (n - 1) : 0;
      g_autofree char *label = sp_chart_format_slot (&g_array_index (slots, SpChartSlot, i),
                                                     typical, TRUE);
      double w;

      sp_chart_measure (d, label, &w, NULL);
      widest_slot = MAX (widest_slot, w);
    }
  stride = MAX (1, (guint) ceil ((widest_slot + d->pad) / slot_w));

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
      double w, x = tick->position;
      gboolean with_year;
      int year;

      sp_date_to_ymd (slot->from, &year, NULL, NULL);
      with_year = year != last_year && typical < 360;
      last_year = year;

      tick->label = sp_chart_format_slot (slot, typical, with_year);
      sp_chart_measure (d, tick->label, &w, NULL);
      x = CLAMP (x, w / 2, width - w / 2);
      sp_chart_show (d, tick->label, x, layout->plot.y + layout->plot.height + d->pad * 0.4,
                     0.5, 0, &d->style->secondary);
    }

  g_array_sort (layout->label_ticks, sp_chart_compare_ticks);
}

/* Each series solid between whole periods, dashed into and out of one that is not over */
static void
draw_series_lines (SpChartDraw *d,
                   GArray      *slots,
                   double       slot_w)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;

  cairo_set_line_join (d->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (d->cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < chart->series->len; i++)
    {
      SpChartSeries *s = g_ptr_array_index (chart->series, i);
      int dash = s->guide ? 1 : d->style->dashed_series ? (int) (i % SP_CHART_N_DASHES) : 0;

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
          sp_chart_set_dash (d, so_far ? SO_FAR_DASH : dash, d->style->line_width);
          sp_chart_set_color (d, sp_chart_series_color (d, i), 1);
          cairo_stroke (d->cr);
          cairo_set_dash (d->cr, NULL, 0, 0);
        }
    }
}

/* "so far" beside a point that is not over, above it when there is room */
static void
label_so_far (SpChartDraw       *d,
              const SpChartItem *item,
              double             radius)
{
  SpChartLayout *layout = d->layout;
  const char *text = _("so far");
  double above = item->y - radius * 2 - d->line_h;
  double ty = above >= layout->plot.y ? above : item->y + radius * 2;
  double w, h;

  sp_chart_measure (d, text, &w, &h);
  sp_chart_show_halo (d, text, CLAMP (item->x, layout->plot.x + w / 2,
                                      layout->plot.x + layout->plot.width - w / 2),
                      ty, 0.5, 0, &d->style->secondary);
}

/* The points, recorded for hovering; drawn where they tell something */
static void
draw_points (SpChartDraw *d,
             GArray      *slots,
             double       slot_w)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  gboolean labelled = FALSE;

  /* the highlighted column */
  if (d->highlight && d->highlight->kind == SP_CHART_ITEM_POINT)
    sp_chart_vline (d, d->highlight->x, layout->plot.y, layout->plot.y + layout->plot.height,
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
          gboolean lit = sp_chart_is_highlighted (d, SP_CHART_ITEM_POINT, i, j, 0);
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
            sp_chart_draw_point (d, item.x, item.y, lit ? radius * 1.5 : radius,
                                 sp_chart_series_color (d, i), hollow);

          /* the first line's latest point that is not over says so beside it */
          if (partial && j + 1 == s->points->len && !labelled)
            {
              label_so_far (d, &item, radius);
              labelled = TRUE;
            }
        }
    }
}

void
sp_chart_draw_trend (SpChartDraw *d,
                     double       width,
                     double       height)
{
  SpChart *chart = d->chart;
  SpChartLayout *layout = d->layout;
  g_autoptr(GArray) slots = sp_chart_collect_slots (chart);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (SpChartLegendEntry));
  g_autofree char *few_label = NULL;
  gboolean any_hollow = FALSE, any_partial = FALSE, band_labels;
  double legend_h, label_w, band_w, top, bottom, left, right, slot_w;
  SpChartRange range = { 0 };

  scan_points (d, &range, &any_hollow, &any_partial);
  band_w = widest_band_label (d);

  /* band names go beside the plot when there is room for them */
  band_labels = band_w > 0 && width > d->font_size * 26;
  few_label = add_legend_entries (d, entries, band_labels, any_hollow, any_partial);

  legend_h = sp_chart_legend_height (d, entries, width);
  top = legend_h > 0 ? legend_h + d->pad * 0.5 : d->line_h * 0.5;
  bottom = height - d->line_h - d->pad * 0.6;
  right = width - (band_labels ? band_w + d->pad : d->pad * 0.5);

  label_w = sp_chart_make_value_axis (d, &range, chart->unit, bottom - top, d->line_h * 3);
  left = label_w + d->pad * 0.8;

  layout->plot = (cairo_rectangle_t) { left, top, MAX (1, right - left), MAX (1, bottom - top) };
  sp_chart_snap_rect (d, &layout->plot);
  layout->legend = (cairo_rectangle_t) { 0, 0, legend_h > 0 ? width : 0, legend_h };
  sp_chart_place_value_ticks (d);

  sp_chart_draw_bands (d);
  sp_chart_draw_value_grid (d, TRUE);
  if (band_labels)
    sp_chart_draw_band_labels (d, layout->plot.x + layout->plot.width + d->pad * 0.5);
  sp_chart_draw_lines (d);
  if (legend_h > 0)
    sp_chart_draw_legend (d, entries, 0, 0, width);

  slot_w = layout->plot.width / MAX (1, slots->len);
  draw_slot_labels (d, slots, slot_w, width);
  draw_series_lines (d, slots, slot_w);
  draw_points (d, slots, slot_w);
}
