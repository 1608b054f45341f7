/* test-chart.c: the chart module draws what its data say, where its layout says
 *
 * Set SP_TEST_CHART_DIR to keep the PNG of each chart for looking at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "sp-chart-private.h"
#include "sp-benchmarks.h"
#include "sp-kpi-charts.h"
#include "sp-test-util.h"

#define W 640
#define H 320

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  SpChartLayout   *layout;
  SpChartStyle     style;
} Canvas;

static char *
format_days (SpDate from,
             SpDate to)
{
  SpPeriod period = sp_period_make (from, to);

  return sp_period_format (&period);
}

static void
canvas_draw (Canvas     *c,
             SpChart    *chart,
             const char *name,
             double      scale)
{
  const char *dir = g_getenv ("SP_TEST_CHART_DIR");

  sp_chart_style_init_light (&c->style);
  c->style.background = (SpColor) { 1, 1, 1, 1 };

  c->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (W * scale),
                                           (int) (H * scale));
  cairo_surface_set_device_scale (c->surface, scale, scale);
  c->cr = cairo_create (c->surface);
  c->layout = sp_chart_draw (chart, c->cr, W, H, &c->style, NULL);
  cairo_surface_flush (c->surface);

  if (dir != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s/%s.png", dir, name);

      cairo_surface_write_to_png (c->surface, file);
    }
}

static void
canvas_clear (Canvas *c)
{
  g_clear_pointer (&c->layout, sp_chart_layout_free);
  g_clear_pointer (&c->cr, cairo_destroy);
  g_clear_pointer (&c->surface, cairo_surface_destroy);
}

/* The pixel at user (@x, @y), as 0–255 red, green, blue */
static void
pixel (Canvas *c,
       double  x,
       double  y,
       int     rgb[3])
{
  double sx, sy;
  int px, py, stride;
  guint32 value;
  unsigned char *data;

  cairo_surface_get_device_scale (c->surface, &sx, &sy);
  px = (int) floor (x * sx);
  py = (int) floor (y * sy);
  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (c->surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (c->surface));

  data = cairo_image_surface_get_data (c->surface);
  stride = cairo_image_surface_get_stride (c->surface);
  value = *(guint32 *) (gpointer) (data + py * stride + px * 4);
  rgb[0] = (value >> 16) & 0xff;
  rgb[1] = (value >> 8) & 0xff;
  rgb[2] = value & 0xff;
}

static gboolean
is_white (const int rgb[3])
{
  return rgb[0] > 250 && rgb[1] > 250 && rgb[2] > 250;
}

static SpChart *
make_csat_trend (void)
{
  SpChart *chart = sp_chart_new (SP_CHART_TREND);
  static const double values[] = { 78, 81, 84, 86, 83, 87, 88, 91, 89, 86, 90, 92 };
  guint s;

  sp_chart_set_title (chart, "CSAT");
  sp_chart_set_unit (chart, SP_UNIT_PERCENT);
  sp_chart_set_limits (chart, 0, 100);
  sp_chart_set_noun (chart, SP_CHART_NOUN_ANSWERS);
  sp_chart_set_min_n (chart, 30);
  sp_chart_add_band (chart, -INFINITY, 75, SP_STATUS_ACT, "Act");
  sp_chart_add_band (chart, 75, 85, SP_STATUS_WATCH, "Watch");
  sp_chart_add_band (chart, 85, 90, SP_STATUS_GOOD, "Good");
  sp_chart_add_band (chart, 90, INFINITY, SP_STATUS_EXCELLENT, "Excellent");
  sp_chart_add_line (chart, SP_CHART_LINE_TARGET, 88, "Goal 88 %");

  s = sp_chart_add_series (chart, "CSAT");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      SpDate from = sp_date_from_ymd (2025, 1 + (int) i, 1);
      SpChartPoint p = { from, sp_date_month_end (from), values[i], i == 0 ? 12 : 120, NAN, NAN };

      sp_chart_add_point (chart, s, &p);
    }

  return chart;
}

static void
test_trend_geometry (void)
{
  g_autoptr(SpChart) chart = make_csat_trend ();
  Canvas c = { 0 };
  const SpChartPoint *points;
  guint n_points;
  double step;

  canvas_draw (&c, chart, "trend", 1);
  g_assert_false (c.layout->empty);
  g_assert_false (c.layout->horizontal);

  /* the axis holds the data and every band boundary, within 0–100, on nice ticks */
  g_assert_cmpfloat (c.layout->min, <=, 75);
  g_assert_cmpfloat (c.layout->max, >=, 92);
  g_assert_cmpfloat (c.layout->max, <=, 100);
  g_assert_cmpuint (c.layout->value_ticks->len, >=, 3);
  step = g_array_index (c.layout->value_ticks, SpChartTick, 1).value -
         g_array_index (c.layout->value_ticks, SpChartTick, 0).value;
  g_assert_true (step == 1 || step == 2 || step == 2.5 || step == 5 || step == 10 ||
                 step == 20 || step == 25);
  for (guint i = 0; i < c.layout->value_ticks->len; i++)
    {
      SpChartTick *tick = &g_array_index (c.layout->value_ticks, SpChartTick, i);

      g_assert_cmpfloat (fabs (tick->value / step - round (tick->value / step)), <, 1e-9);
      sp_assert_contains (tick->label, "%");
      g_assert_cmpfloat (fabs (tick->position -
                               sp_chart_layout_value_to_position (c.layout, tick->value)), <, 1e-9);
      if (i > 0)
        g_assert_cmpfloat (tick->position, <, g_array_index (c.layout->value_ticks, SpChartTick,
                                                            i - 1).position);
    }

  /* bands: each boundary at its value's y, to the pixel */
  g_assert_cmpuint (c.layout->bands->len, ==, 4);
  for (guint i = 0; i < c.layout->bands->len; i++)
    {
      SpChartBandArea *band = &g_array_index (c.layout->bands, SpChartBandArea, i);

      if (isfinite (band->to) && band->to <= c.layout->max)
        g_assert_cmpfloat (fabs (band->area.y -
                                 sp_chart_layout_value_to_position (c.layout, band->to)), <=, 0.5);
      if (isfinite (band->from) && band->from >= c.layout->min)
        g_assert_cmpfloat (fabs (band->area.y + band->area.height -
                                 sp_chart_layout_value_to_position (c.layout, band->from)), <=,
                           0.5);
      g_assert_cmpfloat (band->area.x, ==, c.layout->plot.x);
    }

  /* the "watch" band is shaded yellow: more red than blue, and not white */
  {
    SpChartBandArea *watch = &g_array_index (c.layout->bands, SpChartBandArea, 1);
    int rgb[3];

    g_assert_cmpint (watch->status, ==, SP_STATUS_WATCH);
    pixel (&c, watch->area.x + 3, watch->area.y + watch->area.height / 2 + 0.5, rgb);
    g_assert_false (is_white (rgb));
    g_assert_cmpint (rgb[0], >, rgb[2] + 10);
  }

  /* points where their values are, left to right, one per month */
  points = sp_chart_get_points (chart, 0, &n_points);
  g_assert_cmpuint (c.layout->items->len, ==, n_points);
  for (guint i = 0; i < c.layout->items->len; i++)
    {
      SpChartItem *item = &g_array_index (c.layout->items, SpChartItem, i);

      g_assert_cmpint (item->kind, ==, SP_CHART_ITEM_POINT);
      g_assert_cmpfloat (fabs (item->y - sp_chart_layout_value_to_position (c.layout,
                                                                            points[i].value)),
                         <, 1e-6);
      if (i > 0)
        g_assert_cmpfloat (item->x, >, g_array_index (c.layout->items, SpChartItem, i - 1).x);
    }

  /* the target line at 88 % */
  g_assert_cmpuint (c.layout->lines->len, ==, 1);
  g_assert_cmpfloat (fabs (g_array_index (c.layout->lines, SpChartLineArea, 0).position -
                           sp_chart_layout_value_to_position (c.layout, 88)), <, 1e-6);

  /* months along the bottom, the latest always labelled, in order */
  g_assert_cmpuint (c.layout->label_ticks->len, >=, 4);
  {
    SpChartTick *last = &g_array_index (c.layout->label_ticks, SpChartTick,
                                        c.layout->label_ticks->len - 1);
    SpChartItem *last_item = &g_array_index (c.layout->items, SpChartItem, n_points - 1);

    g_assert_cmpfloat (fabs (last->position - last_item->x), <, 1e-6);
    sp_assert_contains (last->label, "Dec");
  }

  /* a legend at the top, above the plot */
  g_assert_cmpfloat (c.layout->legend.height, >, 0);
  g_assert_cmpfloat (c.layout->plot.y, >=, c.layout->legend.height);

  canvas_clear (&c);
}

static void
test_trend_hit (void)
{
  g_autoptr(SpChart) chart = make_csat_trend ();
  Canvas c = { 0 };
  const SpChartItem *item;
  g_autofree char *tooltip = NULL;
  g_autofree char *first = NULL;

  canvas_draw (&c, chart, "trend-hit", 1);

  item = &g_array_index (c.layout->items, SpChartItem, 7);
  g_assert_true (sp_chart_layout_hit (c.layout, item->x + 2, item->y + 10) == item);
  g_assert_null (sp_chart_layout_hit (c.layout, 1, 1));

  tooltip = sp_chart_dup_tooltip (chart, item);
  sp_assert_contains (tooltip, "August 2025");
  sp_assert_contains (tooltip, "91.0 %");
  sp_assert_contains (tooltip, "120 answers");

  /* January rests on 12 answers: hollow, and the tooltip says so */
  first = sp_chart_dup_tooltip (chart, &g_array_index (c.layout->items, SpChartItem, 0));
  sp_assert_contains (first, "12 answers");
  sp_assert_contains (first, "care");

  canvas_clear (&c);
}

static void
test_trend_series (void)
{
  g_autoptr(SpChart) chart = sp_chart_new (SP_CHART_TREND);
  Canvas c = { 0 };
  guint a, b;

  sp_chart_set_unit (chart, SP_UNIT_PERCENT);
  a = sp_chart_add_series (chart, "Ana");
  b = sp_chart_add_series (chart, "Ben");

  /* Ben has no data in the second week: a gap, not a zero */
  for (int i = 0; i < 6; i++)
    {
      SpDate from = sp_date_from_ymd (2026, 3, 2) + 7 * i;
      SpChartPoint pa = { from, from + 6, 60 + i * 5, 50, NAN, NAN };
      SpChartPoint pb = { from, from + 6, i == 1 ? NAN : 70, 50, NAN, NAN };

      sp_chart_add_point (chart, a, &pa);
      sp_chart_add_point (chart, b, &pb);
    }

  canvas_draw (&c, chart, "trend-series", 1);
  g_assert_cmpuint (c.layout->items->len, ==, 11);
  g_assert_cmpfloat (c.layout->min, <=, 60);
  g_assert_cmpfloat (c.layout->max, >=, 85);
  /* a legend names both */
  g_assert_cmpfloat (c.layout->legend.height, >, 0);
  canvas_clear (&c);
}

static void
test_bars (void)
{
  g_autoptr(SpChart) chart = sp_chart_new (SP_CHART_BARS);
  Canvas c = { 0 };
  SpChartItem *ana, *ben, *cai;
  double zero;

  sp_chart_set_unit (chart, SP_UNIT_PERCENT);
  sp_chart_set_limits (chart, 0, 100);
  sp_chart_add_bar (chart, &(SpChartBar) { "Ana", 50, 40, SP_STATUS_ACT });
  sp_chart_add_bar (chart, &(SpChartBar) { "Ben", 100, 40, SP_STATUS_EXCELLENT });
  sp_chart_add_bar (chart, &(SpChartBar) { "Caitlin Longname-Smythe", 25, 40, SP_STATUS_ACT });
  sp_chart_add_line (chart, SP_CHART_LINE_BENCHMARK, 85, "Good from 85 %");
  sp_chart_add_line (chart, SP_CHART_LINE_AVERAGE, 58.3, "Team 58 %");

  canvas_draw (&c, chart, "bars", 1);
  g_assert_true (c.layout->horizontal);
  g_assert_cmpfloat (c.layout->min, ==, 0);
  g_assert_cmpfloat (c.layout->max, ==, 100);
  g_assert_cmpuint (c.layout->items->len, ==, 3);

  ana = &g_array_index (c.layout->items, SpChartItem, 0);
  ben = &g_array_index (c.layout->items, SpChartItem, 1);
  cai = &g_array_index (c.layout->items, SpChartItem, 2);
  zero = sp_chart_layout_value_to_position (c.layout, 0);

  /* lengths proportional to values, to the pixel; rows top to bottom */
  g_assert_cmpfloat (fabs (ana->shape.x - zero), <=, 0.5);
  g_assert_cmpfloat (fabs (ben->shape.width - 2 * ana->shape.width), <=, 1);
  /* each edge is snapped to a pixel: four quarter lengths may be two pixels apart */
  g_assert_cmpfloat (fabs (ben->shape.width - 4 * cai->shape.width), <=, 2);
  g_assert_cmpfloat (ana->shape.y, <, ben->shape.y);
  g_assert_cmpfloat (ben->shape.y, <, cai->shape.y);
  g_assert_cmpfloat (ana->shape.height, ==, ben->shape.height);

  /* coloured by status: Ana's bar red, Ben's green */
  {
    int rgb[3];

    pixel (&c, ana->shape.x + ana->shape.width / 2, ana->y, rgb);
    g_assert_cmpint (rgb[0], >, 180);
    g_assert_cmpint (rgb[1], <, 100);
    pixel (&c, ben->shape.x + ben->shape.width / 2, ben->y, rgb);
    g_assert_cmpint (rgb[1], >, rgb[0] + 40);
  }

  /* the benchmark line at 85 % */
  g_assert_cmpuint (c.layout->lines->len, ==, 2);
  g_assert_cmpfloat (fabs (g_array_index (c.layout->lines, SpChartLineArea, 0).position -
                           sp_chart_layout_value_to_position (c.layout, 85)), <, 1e-6);

  /* row labels recorded in order */
  g_assert_cmpuint (c.layout->label_ticks->len, ==, 3);
  g_assert_cmpstr (g_array_index (c.layout->label_ticks, SpChartTick, 0).label, ==, "Ana");

  /* hovering a row finds its bar */
  g_assert_true (sp_chart_layout_hit (c.layout, 5, ben->y) == ben);

  canvas_clear (&c);
}

static void
test_bars_negative (void)
{
  g_autoptr(SpChart) chart = sp_chart_new (SP_CHART_BARS);
  Canvas c = { 0 };
  SpChartItem *a, *b;
  double zero;

  sp_chart_set_unit (chart, SP_UNIT_NPS);
  sp_chart_set_limits (chart, -100, 100);
  sp_chart_add_bar (chart, &(SpChartBar) { "Email", -20, 40 });
  sp_chart_add_bar (chart, &(SpChartBar) { "Phone", 40, 40 });

  canvas_draw (&c, chart, "bars-negative", 1);
  a = &g_array_index (c.layout->items, SpChartItem, 0);
  b = &g_array_index (c.layout->items, SpChartItem, 1);
  zero = sp_chart_layout_value_to_position (c.layout, 0);

  g_assert_cmpfloat (c.layout->min, <=, -20);
  g_assert_cmpfloat (fabs (a->shape.x + a->shape.width - zero), <=, 0.5);
  g_assert_cmpfloat (fabs (b->shape.x - zero), <=, 0.5);
  g_assert_cmpfloat (fabs (b->shape.width - 2 * a->shape.width), <=, 1);
  canvas_clear (&c);
}

static void
test_stacked (void)
{
  g_autoptr(SpChart) chart = sp_chart_new (SP_CHART_STACKED);
  Canvas c = { 0 };
  double widths[3];

  sp_chart_set_unit (chart, SP_UNIT_NPS);
  /* 20 % detractors, 30 % passives, 50 % promoters: NPS +30 */
  sp_chart_add_bar (chart, &(SpChartBar) { "March 2026", 30, 200, .parts = { 40, 60, 100 } });
  sp_chart_add_bar (chart, &(SpChartBar) { "April 2026", -10, 10, .parts = { 5, 3, 2 } });

  canvas_draw (&c, chart, "stacked", 1);
  g_assert_cmpuint (c.layout->items->len, ==, 6);
  for (guint i = 0; i < 3; i++)
    {
      SpChartItem *item = &g_array_index (c.layout->items, SpChartItem, i);

      g_assert_cmpint (item->kind, ==, SP_CHART_ITEM_PART);
      g_assert_cmpuint (item->part, ==, i);
      widths[i] = item->shape.width;
    }
  g_assert_cmpfloat (fabs (widths[0] - 0.4 * widths[2]), <=, 1.5);
  g_assert_cmpfloat (fabs (widths[1] - 0.6 * widths[2]), <=, 1.5);
  g_assert_cmpfloat (fabs (widths[0] + widths[1] + widths[2] - c.layout->plot.width), <=, 1.5);

  {
    g_autofree char *tooltip = sp_chart_dup_tooltip (chart, &g_array_index (c.layout->items,
                                                                            SpChartItem, 2));
    g_autofree char *words = sp_chart_describe (chart);

    sp_assert_contains (tooltip, "Promoters: 100 of 200 (50 %)");
    sp_assert_contains (words, "March 2026 +30");
  }
  canvas_clear (&c);
}

static SpKpiSet *
make_segment (const char *label,
              SpKpi       kpi,
              double      value,
              gint64      n,
              SpStatus    status)
{
  SpPeriod period = sp_period_make (sp_date_from_ymd (2026, 10, 1),
                                    sp_date_from_ymd (2026, 10, 31));
  SpSegment segment;
  SpKpiSet *set;

  sp_segment_init_agent (&segment, 1);
  set = sp_kpi_set_new (&period, &segment);
  set->segment_label = g_strdup (label);
  set->values[kpi] = (SpKpiValue) { value, n, NAN, NAN, status };
  return set;
}

/*
 * CES runs from 1 to 7: its bars grow from the axis' start, never from a
 * 0 left of it and over the row labels.  A bar on too few answers is
 * outlined, not coloured, and the legend names every colour.
 */
static void
test_bars_axis_minimum (void)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SpChart) chart = NULL;
  g_autofree char *text = NULL;
  Canvas c = { 0 };
  double axis;

  g_ptr_array_add (sets, make_segment ("Billing", SP_KPI_CES, 5.5, 40, SP_STATUS_GOOD));
  g_ptr_array_add (sets, make_segment ("Returns", SP_KPI_CES, 3.0, 35, SP_STATUS_ACT));
  g_ptr_array_add (sets, make_segment ("Shipping", SP_KPI_CES, 6.5, 2, SP_STATUS_TOO_FEW));
  chart = sp_kpi_chart_new_breakdown (SP_KPI_CES, sets, NULL, NULL);

  canvas_draw (&c, chart, "bars-ces", 1);
  g_assert_cmpfloat (c.layout->min, ==, 1);
  g_assert_cmpfloat (c.layout->max, ==, 7);
  g_assert_cmpuint (c.layout->items->len, ==, 3);
  axis = sp_chart_layout_value_to_position (c.layout, 1);
  g_assert_cmpfloat (fabs (axis - c.layout->plot.x), <=, 0.5);

  for (guint i = 0; i < c.layout->items->len; i++)
    {
      const SpChartItem *item = &g_array_index (c.layout->items, SpChartItem, i);
      const SpChartRow *row = &g_array_index (chart->rows, SpChartRow, item->index);

      /* no bar left of its axis; each ends at its value */
      g_assert_cmpfloat (item->shape.x, >=, c.layout->plot.x - 0.5);
      g_assert_cmpfloat (fabs (item->shape.x + item->shape.width -
                               sp_chart_layout_value_to_position (c.layout, row->value)), <=, 1);
    }

  /* Shipping (best, on 2 answers) comes first, outlined: white inside */
  {
    const SpChartItem *few = &g_array_index (c.layout->items, SpChartItem, 0);
    int rgb[3];

    g_assert_cmpint (g_array_index (chart->rows, SpChartRow, few->index).status, ==,
                     SP_STATUS_TOO_FEW);
    pixel (&c, few->shape.x + few->shape.width / 2, few->y, rgb);
    g_assert_cmpint (rgb[0], >, 240);
    g_assert_cmpint (rgb[1], >, 240);
  }

  /* a legend for the colours, n with every bar */
  g_assert_cmpfloat (c.layout->legend.height, >, 0);
  text = sp_chart_describe (chart);
  sp_assert_contains (text, "2 answers (Too few to judge)");
  sp_assert_contains (text, "35 answers");
  canvas_clear (&c);
}

/*
 * NPS by month: a month on fewer answers than NPS's minimum n is outlined,
 * with no colour, and the legend says "Too few to judge", as breakdown bars.
 */
/* How many pixels of the legend are drawn on */
static guint
legend_ink (Canvas *c)
{
  cairo_rectangle_t *r = &c->layout->legend;
  guint ink = 0;
  int rgb[3];

  for (double y = r->y + 0.5; y < r->y + r->height; y += 1)
    for (double x = r->x + 0.5; x < r->x + r->width; x += 1)
      {
        pixel (c, x, y, rgb);
        ink += rgb[0] < 200 || rgb[1] < 200 || rgb[2] < 200;
      }
  return ink;
}

static void
test_nps_too_few (void)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) enough = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SpChart) chart = NULL;
  g_autoptr(SpChart) plain = NULL;
  g_autofree char *text = NULL;
  Canvas c = { 0 };
  double legend_width;
  SpKpiSet *many = make_segment ("Many", SP_KPI_NPS, 20, 50, SP_STATUS_NONE);
  SpKpiSet *few = make_segment ("Few", SP_KPI_NPS, 50, 4, SP_STATUS_TOO_FEW);
  int rgb[3];

  many->detractors = 10, many->passives = 20, many->promoters = 20;
  few->detractors = 0, few->passives = 2, few->promoters = 2;
  g_assert_cmpint (sp_benchmarks_get_min_n (SP_KPI_NPS), >, 4);
  g_ptr_array_add (enough, g_object_ref (many));
  g_ptr_array_add (sets, many);
  g_ptr_array_add (sets, few);

  plain = sp_kpi_chart_new_nps (enough, TRUE);
  canvas_draw (&c, plain, "nps-enough", 1);
  legend_width = legend_ink (&c);
  canvas_clear (&c);

  chart = sp_kpi_chart_new_nps (sets, TRUE);
  g_assert_cmpint (g_array_index (chart->rows, SpChartRow, 1).status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (g_array_index (chart->rows, SpChartRow, 0).status, ==, SP_STATUS_NONE);
  canvas_draw (&c, chart, "nps-too-few", 1);
  for (guint i = 0; i < c.layout->items->len; i++)
    {
      const SpChartItem *item = &g_array_index (c.layout->items, SpChartItem, i);

      pixel (&c, item->shape.x + item->shape.width / 2, item->y, rgb);
      if (item->index == 1)
        /* outlined: white inside */
        g_assert_true (rgb[0] > 240 && rgb[1] > 240 && rgb[2] > 240);
      else
        g_assert_false (rgb[0] > 240 && rgb[1] > 240 && rgb[2] > 240);
    }
  /* the legend has one entry more */
  g_assert_cmpfloat (legend_ink (&c), >, legend_width + 100);
  text = sp_chart_describe (chart);
  sp_assert_contains (text, "Too few to judge");
  canvas_clear (&c);
}

/* Bars coloured by a rule of their own, with no band to name the colours, get a legend */
static void
test_bars_status_legend (void)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SpChart) chart = NULL;
  g_autofree char *tooltip = NULL;
  Canvas c = { 0 };
  SpKpiSet *returns;

  returns = make_segment ("Returns", SP_KPI_FIRST_RESPONSE, 48, 60, SP_STATUS_WATCH);
  returns->first_response_target = 31.2;
  g_ptr_array_add (sets, returns);
  g_ptr_array_add (sets, make_segment ("Billing", SP_KPI_FIRST_RESPONSE, 62, 80, SP_STATUS_GOOD));
  ((SpKpiSet *) g_ptr_array_index (sets, 1))->first_response_target = 75;
  chart = sp_kpi_chart_new_breakdown (SP_KPI_FIRST_RESPONSE, sets, NULL, NULL);
  g_assert_cmpuint (chart->bands->len, ==, 0);

  canvas_draw (&c, chart, "bars-first-response", 1);
  g_assert_cmpfloat (c.layout->legend.height, >, 0);
  g_assert_cmpstr (chart->status_labels[SP_STATUS_WATCH], ==, "Up to twice those targets");

  /* the bar says what it was judged against */
  tooltip = sp_chart_dup_tooltip (chart, &g_array_index (c.layout->items, SpChartItem, 0));
  sp_assert_contains (tooltip, "(target 31");
  canvas_clear (&c);

  /* without status colours there is nothing to explain */
  {
    g_autoptr(SpChart) plain = sp_chart_new (SP_CHART_BARS);

    sp_chart_add_bar (plain, &(SpChartBar) { "Phone", 12, 12, SP_STATUS_NONE, NAN });
    canvas_draw (&c, plain, "bars-plain", 1);
    g_assert_cmpfloat (c.layout->legend.height, ==, 0);
    canvas_clear (&c);
  }
}

/* In print, worse is darker, bars and bands alike */
static void
test_print_greys (void)
{
  SpChartStyle style;
  const SpStatus order[] = { SP_STATUS_ACT, SP_STATUS_WATCH, SP_STATUS_GOOD,
                             SP_STATUS_EXCELLENT };

  sp_chart_style_init_print (&style);
  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpfloat (style.status[order[i - 1]].red, <, style.status[order[i]].red);
}

static void
test_targets (void)
{
  g_autoptr(SpChart) chart = sp_chart_new (SP_CHART_TARGETS);
  Canvas c = { 0 };
  SpChartItem *phone, *chat, *email;
  g_autofree char *tooltip = NULL;

  sp_chart_set_unit (chart, SP_UNIT_MINUTES);
  sp_chart_add_band (chart, 0, 1, SP_STATUS_GOOD, "Within target");
  sp_chart_add_band (chart, 1, 2, SP_STATUS_WATCH, "Up to twice");
  sp_chart_add_band (chart, 2, INFINITY, SP_STATUS_ACT, "Over twice");
  sp_chart_add_bar (chart, &(SpChartBar) { "Phone", 6, 40, .target = 3 });
  sp_chart_add_bar (chart, &(SpChartBar) { "Chat", 0.5, 40, .target = 1 });
  sp_chart_add_bar (chart, &(SpChartBar) { "Email", 1200, 40, .target = 240 });

  canvas_draw (&c, chart, "targets", 1);
  phone = &g_array_index (c.layout->items, SpChartItem, 0);
  chat = &g_array_index (c.layout->items, SpChartItem, 1);
  email = &g_array_index (c.layout->items, SpChartItem, 2);

  /* each against its own target: phone twice its target, chat half of its */
  g_assert_cmpfloat (fabs (phone->shape.x + phone->shape.width -
                           sp_chart_layout_value_to_position (c.layout, 2)), <=, 0.5);
  g_assert_cmpfloat (fabs (chat->shape.x + chat->shape.width -
                           sp_chart_layout_value_to_position (c.layout, 0.5)), <=, 0.5);
  /* email at five times is cut at the axis' end */
  g_assert_cmpfloat (fabs (email->shape.x + email->shape.width -
                           (c.layout->plot.x + c.layout->plot.width)), <=, 0.5);
  g_assert_cmpfloat (c.layout->max, ==, 4);

  /* the target line at 1 */
  g_assert_cmpuint (c.layout->lines->len, ==, 1);
  g_assert_cmpfloat (g_array_index (c.layout->lines, SpChartLineArea, 0).value, ==, 1);

  /* colour from the band it falls in: chat within target is green */
  {
    int rgb[3];

    pixel (&c, chat->shape.x + chat->shape.width / 2, chat->y, rgb);
    g_assert_cmpint (rgb[1], >, rgb[0] + 40);
    pixel (&c, phone->shape.x + phone->shape.width / 4, phone->y, rgb);
    g_assert_cmpint (rgb[0], >, rgb[2] + 60);
  }

  tooltip = sp_chart_dup_tooltip (chart, email);
  sp_assert_contains (tooltip, "20.0 h");
  sp_assert_contains (tooltip, "target 4.0 h");
  canvas_clear (&c);
}

static void
test_heatmap (void)
{
  g_autoptr(SpChart) chart = sp_chart_new (SP_CHART_HEATMAP);
  gint64 counts[7][24] = { { 0 } };
  Canvas c = { 0 };
  SpChartItem *busiest, *empty;
  g_autofree char *words = NULL;
  int rgb[3];

  for (int d = 0; d < 5; d++)
    for (int h = 9; h < 18; h++)
      counts[d][h] = 10 + d + h;
  counts[1][10] = 80;

  sp_chart_set_heatmap (chart, counts);
  canvas_draw (&c, chart, "heatmap", 1);

  g_assert_cmpuint (c.layout->items->len, ==, 7 * 24);
  g_assert_cmpuint (c.layout->label_ticks->len, ==, 7);
  g_assert_cmpuint (c.layout->value_ticks->len, >=, 4);

  busiest = &g_array_index (c.layout->items, SpChartItem, 1 * 24 + 10);
  empty = &g_array_index (c.layout->items, SpChartItem, 6 * 24 + 3);
  g_assert_cmpuint (busiest->series, ==, 1);
  g_assert_cmpuint (busiest->index, ==, 10);

  /* the busiest cell in the darkest colour, an empty one nearly white */
  pixel (&c, busiest->x, busiest->y, rgb);
  g_assert_cmpint (abs (rgb[0] - 0x1c), <=, 2);
  g_assert_cmpint (abs (rgb[2] - 0xd8), <=, 2);
  pixel (&c, empty->x, empty->y, rgb);
  g_assert_cmpint (rgb[0], >, 200);

  words = sp_chart_describe (chart);
  sp_assert_contains (words, "Tuesday 10:00, 80 contacts");
  canvas_clear (&c);
}

/*
 * A month that is not over is drawn as "so far": a hollow point (filled
 * with the base colour, not the line's), marked on its item, named so in
 * its tooltip and in the words for screen readers, with a legend entry;
 * the whole months before it are drawn filled.
 */
static void
test_trend_so_far (void)
{
  g_autoptr(SpChart) chart = sp_chart_new (SP_CHART_TREND);
  g_autoptr(SpChart) spark = sp_chart_new (SP_CHART_SPARKLINE);
  static const double values[] = { 60, 62, 61, 80 };
  g_autofree char *tooltip = NULL;
  g_autofree char *whole_tip = NULL;
  g_autofree char *words = NULL;
  Canvas c = { 0 };
  guint s, t;
  int rgb[3];

  sp_chart_set_unit (chart, SP_UNIT_PERCENT);
  sp_chart_set_limits (chart, 0, 100);
  s = sp_chart_add_series (chart, "CSAT");
  t = sp_chart_add_series (spark, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      SpDate from = sp_date_from_ymd (2026, 9 + (int) i, 1);
      gboolean last = i + 1 == G_N_ELEMENTS (values);
      /* December 2026 up to the 7th: not over */
      SpChartPoint p = { from, last ? from + 6 : sp_date_month_end (from), values[i], 100, NAN,
                         NAN, last };

      sp_chart_add_point (chart, s, &p);
      sp_chart_add_point (spark, t, &p);
    }

  canvas_draw (&c, chart, "trend-so-far", 1);
  g_assert_cmpuint (c.layout->items->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      SpChartItem *item = &g_array_index (c.layout->items, SpChartItem, i);

      g_assert_cmpint (item->partial, ==, i == 3);
      pixel (&c, item->x, item->y, rgb);
      /* hollow: the middle is the base colour (white here); filled: the line's colour */
      if (i == 3)
        g_assert_true (is_white (rgb));
      else
        g_assert_false (is_white (rgb));
    }
  /* the legend says what the dashed line into a hollow point means */
  g_assert_cmpfloat (c.layout->legend.height, >, 0);

  tooltip = sp_chart_dup_tooltip (chart, &g_array_index (c.layout->items, SpChartItem, 3));
  whole_tip = sp_chart_dup_tooltip (chart, &g_array_index (c.layout->items, SpChartItem, 2));
  g_assert_true (g_str_has_prefix (tooltip, "1 – 7 December 2026, so far\n80.0\302\240%"));
  g_assert_true (g_str_has_prefix (whole_tip, "November 2026\n61.0\302\240%"));
  words = sp_chart_describe (chart);
  sp_assert_contains (words, "latest 80.0\302\240% (1 – 7 December 2026, so far)");
  canvas_clear (&c);

  canvas_draw (&c, spark, "sparkline-so-far", 1);
  g_assert_cmpuint (c.layout->items->len, ==, 4);
  g_assert_true (g_array_index (c.layout->items, SpChartItem, 3).partial);
  g_assert_false (g_array_index (c.layout->items, SpChartItem, 2).partial);
  {
    SpChartItem *item = &g_array_index (c.layout->items, SpChartItem, 3);

    pixel (&c, item->x, item->y, rgb);
    g_assert_false (rgb[0] < 100 && rgb[1] < 150 && rgb[2] > 150);
  }
  canvas_clear (&c);
}

static void
test_sparkline (void)
{
  g_autoptr(SpChart) chart = sp_chart_new (SP_CHART_SPARKLINE);
  g_autoptr(SpChart) empty = sp_chart_new (SP_CHART_SPARKLINE);
  Canvas c = { 0 };
  guint s = sp_chart_add_series (chart, NULL);

  sp_chart_add_series (empty, NULL);
  for (int i = 0; i < 12; i++)
    {
      SpChartPoint p = { i * 7, i * 7 + 6, 50 + (i % 3) * 10, 10, NAN, NAN };

      sp_chart_add_point (chart, s, &p);
    }

  canvas_draw (&c, chart, "sparkline", 1);
  g_assert_false (c.layout->empty);
  g_assert_cmpuint (c.layout->items->len, ==, 12);
  /* the highest points touch neither edge */
  for (guint i = 0; i < 12; i++)
    {
      SpChartItem *item = &g_array_index (c.layout->items, SpChartItem, i);

      g_assert_cmpfloat (item->y, >, 0);
      g_assert_cmpfloat (item->y, <, H);
    }
  canvas_clear (&c);

  canvas_draw (&c, empty, "sparkline-empty", 1);
  g_assert_true (c.layout->empty);
  canvas_clear (&c);
}

static void
test_empty (void)
{
  SpChartKind kinds[] = { SP_CHART_TREND, SP_CHART_BARS, SP_CHART_STACKED, SP_CHART_TARGETS,
                          SP_CHART_HEATMAP };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(SpChart) chart = sp_chart_new (kinds[k]);
      g_autofree char *name = g_strdup_printf ("empty-%u", k);
      g_autofree char *words = NULL;
      Canvas c = { 0 };
      guint inked = 0, outside = 0;

      /* a series or bar with no value is still nothing to draw */
      if (kinds[k] == SP_CHART_TREND)
        {
          guint s = sp_chart_add_series (chart, "x");

          sp_chart_add_point (chart, s, &(SpChartPoint) { 0, 0, NAN, 0, NAN, NAN });
        }
      else if (kinds[k] != SP_CHART_HEATMAP)
        sp_chart_add_bar (chart, &(SpChartBar) { "Phone", NAN, 0, .target = 3 });

      sp_chart_set_title (chart, "Chart");
      canvas_draw (&c, chart, name, 1);
      g_assert_true (c.layout->empty);
      g_assert_cmpuint (c.layout->items->len, ==, 0);

      /* the words "No data for this period" in the middle, nothing elsewhere */
      for (int y = 0; y < H; y += 2)
        for (int x = 0; x < W; x += 2)
          {
            int rgb[3];

            pixel (&c, x, y, rgb);
            if (is_white (rgb))
              continue;
            if (fabs (y - H / 2.0) < 20 && fabs (x - W / 2.0) < 150)
              inked++;
            else
              outside++;
          }
      g_assert_cmpuint (inked, >, 20);
      g_assert_cmpuint (outside, ==, 0);

      words = sp_chart_describe (chart);
      g_assert_cmpstr (words, ==, "Chart. No data for this period");
      canvas_clear (&c);
    }
}

/* At scale 2, a grid line covers whole device pixels and nothing beside it */
static void
test_crisp (void)
{
  g_autoptr(SpChart) chart = sp_chart_new (SP_CHART_TREND);
  guint s = sp_chart_add_series (chart, NULL);
  double scales[] = { 1, 2, 1.5 };

  sp_chart_set_unit (chart, SP_UNIT_COUNT);
  for (int i = 0; i < 6; i++)
    sp_chart_add_point (chart, s, &(SpChartPoint) { i, i, 10 + i * 7.3, 1, NAN, NAN });

  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      g_autofree char *name = g_strdup_printf ("crisp-%u", k);
      Canvas c = { 0 };
      SpChartTick *tick;
      unsigned char *data;
      int stride, px, row = -1;
      double x, y;

      canvas_draw (&c, chart, name, scales[k]);
      data = cairo_image_surface_get_data (c.surface);
      stride = cairo_image_surface_get_stride (c.surface);

      /* the lowest grid line, just right of the axis, away from the line */
      tick = &g_array_index (c.layout->value_ticks, SpChartTick, 0);
      x = c.layout->plot.x + 2;
      y = tick->position;
      px = (int) (x * scales[k]);

      for (int py = (int) (y * scales[k]) - 3; py <= (int) (y * scales[k]) + 3; py++)
        {
          guint32 v = *(guint32 *) (gpointer) (data + py * stride + px * 4);
          int g = (v >> 8) & 0xff;

          if (g < 250)
            {
              /* one device row, fully inked: not spread over two half-grey rows */
              g_assert_cmpint (row, ==, -1);
              g_assert_cmpint (g, <, 236);
              row = py;
            }
        }
      g_assert_cmpint (row, !=, -1);
      canvas_clear (&c);
    }
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_print (void)
{
  g_autoptr(SpChart) chart = make_csat_trend ();
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  SpChartLayout *layout;
  SpChartStyle style;
  cairo_t *cr;

  sp_chart_style_init_print (&style);
  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, 595, 842);
  cr = cairo_create (surface);
  cairo_translate (cr, 50, 50);
  layout = sp_chart_draw (chart, cr, 495, 200, &style, NULL);
  g_assert_false (layout->empty);
  g_assert_cmpuint (layout->items->len, ==, 12);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  sp_chart_layout_free (layout);

  g_assert_cmpuint (pdf->len, >, 1000);
}

static void
test_format (void)
{
  struct { SpUnit unit; double value; const char *text; } cases[] = {
    { SP_UNIT_PERCENT, 86.666, "86.7 %" },
    { SP_UNIT_PERCENT, 90, "90.0 %" },
    { SP_UNIT_NPS, 35, "+35" },
    { SP_UNIT_NPS, -12, "−12" },
    { SP_UNIT_NPS, 0, "0" },
    { SP_UNIT_MINUTES, 0.5, "0.5 min" },
    { SP_UNIT_MINUTES, 2.54, "2.5 min" },
    { SP_UNIT_MINUTES, 42, "42 min" },
    { SP_UNIT_MINUTES, 240, "4.0 h" },
    { SP_UNIT_MINUTES, 90, "90 min" },
    { SP_UNIT_MINUTES, 4320, "72.0 h" },
    { SP_UNIT_HOURS, 26.25, "26.2 h" },
    { SP_UNIT_SCORE, 5.23, "5.2" },
    { SP_UNIT_COUNT, 1234567, "1234567" },
    { SP_UNIT_PERCENT, NAN, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sp_chart_format_number (cases[i].unit, cases[i].value, -1);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *a = sp_chart_format_tick (SP_UNIT_MINUTES, 120, 60);
    g_autofree char *b = sp_chart_format_tick (SP_UNIT_PERCENT, 82.5, 2.5);
    g_autofree char *c = sp_chart_format_tick (SP_UNIT_PERCENT, 80, 2.5);

    g_assert_cmpstr (a, ==, "2 h");
    g_assert_cmpstr (b, ==, "82.5 %");
    g_assert_cmpstr (c, ==, "80.0 %");
  }

  g_assert_cmpfloat (sp_chart_nice_step (SP_UNIT_PERCENT, 30, 5), ==, 10);
  /* no 2.5 % steps: 82.5 % reads worse than 80 % and 85 % */
  g_assert_cmpfloat (sp_chart_nice_step (SP_UNIT_PERCENT, 17, 8), ==, 5);
  g_assert_cmpfloat (sp_chart_nice_step (SP_UNIT_PERCENT, 170, 8), ==, 25);
  g_assert_cmpfloat (sp_chart_nice_step (SP_UNIT_SCORE, 1.7, 8), ==, 0.25);
  g_assert_cmpfloat (sp_chart_nice_step (SP_UNIT_COUNT, 3, 8), ==, 1);
  g_assert_cmpfloat (sp_chart_nice_step (SP_UNIT_MINUTES, 300, 5), ==, 60);

  {
    g_autofree char *w = format_days (sp_date_from_ymd (2026, 3, 2),
                                                 sp_date_from_ymd (2026, 3, 8));
    g_autofree char *m = format_days (sp_date_from_ymd (2026, 3, 1),
                                                 sp_date_from_ymd (2026, 3, 31));
    g_autofree char *q = format_days (sp_date_from_ymd (2026, 4, 1),
                                                 sp_date_from_ymd (2026, 6, 30));
    g_autofree char *r = format_days (sp_date_from_ymd (2026, 3, 5),
                                                 sp_date_from_ymd (2026, 4, 9));

    g_assert_cmpstr (w, ==, "2 – 8 March 2026");
    g_assert_cmpstr (m, ==, "March 2026");
    g_assert_cmpstr (q, ==, "Q2 2026");
    g_assert_cmpstr (r, ==, "5 March – 9 April 2026");
  }
}

/* A decimal comma and thousands dots where the locale has them */
static void
test_format_locale (void)
{
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }

  {
    g_autofree char *a = sp_chart_format_number (SP_UNIT_PERCENT, 86.666, -1);
    g_autofree char *b = sp_chart_format_number (SP_UNIT_COUNT, 1234567, -1);

    g_assert_cmpstr (a, ==, "86,7 %");
    g_assert_cmpstr (b, ==, "1.234.567");
  }

  setlocale (LC_ALL, old);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/trend/geometry", test_trend_geometry);
  g_test_add_func ("/chart/trend/hit", test_trend_hit);
  g_test_add_func ("/chart/trend/series", test_trend_series);
  g_test_add_func ("/chart/trend/so-far", test_trend_so_far);
  g_test_add_func ("/chart/bars", test_bars);
  g_test_add_func ("/chart/bars/negative", test_bars_negative);
  g_test_add_func ("/chart/bars/axis-minimum", test_bars_axis_minimum);
  g_test_add_func ("/chart/bars/status-legend", test_bars_status_legend);
  g_test_add_func ("/chart/print/greys", test_print_greys);
  g_test_add_func ("/chart/stacked", test_stacked);
  g_test_add_func ("/chart/nps-too-few", test_nps_too_few);
  g_test_add_func ("/chart/targets", test_targets);
  g_test_add_func ("/chart/heatmap", test_heatmap);
  g_test_add_func ("/chart/sparkline", test_sparkline);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/crisp", test_crisp);
  g_test_add_func ("/chart/print", test_print);
  g_test_add_func ("/chart/format", test_format);
  g_test_add_func ("/chart/format/locale", test_format_locale);

  status = g_test_run ();
  sp_test_free_font_caches ();
  return status;
}
