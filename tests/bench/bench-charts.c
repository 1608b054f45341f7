/* bench-charts.c: how long the chart module takes to draw a chart at 1920 × 1080
 *
 *   bench-charts [RUNS]
 *
 * Prints one line per kind of chart: the median, fastest and slowest time of
 * RUNS redraws (default 51) onto a 1920 × 1080 image surface, in ms, and
 * the median CPU time, which other programs on a shared machine do not
 * inflate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "sp-chart.h"

#define WIDTH 1920
#define HEIGHT 1080

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static SpChart *
make_trend (guint n_series,
            guint n_points)
{
  SpChart *chart = sp_chart_new (SP_CHART_TREND);

  sp_chart_set_title (chart, "CSAT");
  sp_chart_set_unit (chart, SP_UNIT_PERCENT);
  sp_chart_set_limits (chart, 0, 100);
  sp_chart_set_noun (chart, SP_CHART_NOUN_ANSWERS);
  sp_chart_set_min_n (chart, 30);
  sp_chart_add_band (chart, -INFINITY, 75, SP_STATUS_ACT, "Act");
  sp_chart_add_band (chart, 75, 85, SP_STATUS_WATCH, "Watch");
  sp_chart_add_band (chart, 85, 90, SP_STATUS_GOOD, "Good");
  sp_chart_add_band (chart, 90, INFINITY, SP_STATUS_EXCELLENT, "Excellent");
  sp_chart_add_line (chart, SP_CHART_LINE_TARGET, 88, "Goal 88 %");

  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *name = g_strdup_printf ("Agent %u", s + 1);
      guint series = sp_chart_add_series (chart, n_series > 1 ? name : "CSAT");

      for (guint i = 0; i < n_points; i++)
        {
          SpDate from = sp_date_from_ymd (2025, 1, 1) + 7 * i;
          SpChartPoint p = { from, from + 6, 80 + 8 * sin (i * 0.7 + s), 20 + i % 40, NAN, NAN };

          sp_chart_add_point (chart, series, &p);
        }
    }

  return chart;
}

static SpChart *
make_bars (SpChartKind kind,
           guint       n)
{
  SpChart *chart = sp_chart_new (kind);

  sp_chart_set_unit (chart, kind == SP_CHART_TARGETS ? SP_UNIT_MINUTES
                          : kind == SP_CHART_STACKED ? SP_UNIT_NPS : SP_UNIT_PERCENT);
  if (kind == SP_CHART_BARS)
    {
      sp_chart_set_limits (chart, 0, 100);
      sp_chart_add_band (chart, -INFINITY, 10, SP_STATUS_GOOD, "Good");
      sp_chart_add_band (chart, 10, 20, SP_STATUS_WATCH, "Watch");
      sp_chart_add_band (chart, 20, INFINITY, SP_STATUS_ACT, "Act");
      sp_chart_add_line (chart, SP_CHART_LINE_AVERAGE, 9.3, "Team 9.3 %");
    }
  else if (kind == SP_CHART_TARGETS)
    {
      sp_chart_add_band (chart, 0, 1, SP_STATUS_GOOD, "Within target");
      sp_chart_add_band (chart, 1, 2, SP_STATUS_WATCH, "Up to twice the target");
      sp_chart_add_band (chart, 2, INFINITY, SP_STATUS_ACT, "Over twice the target");
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("Row %u", i + 1);
      SpChartBar bar = { label, 5 + i * 3.1, 40, i % 4, 3 + i, { 10 + i, 20, 30 + 2 * i } };

      sp_chart_add_bar (chart, &bar);
    }

  return chart;
}

static SpChart *
make_heatmap (void)
{
  SpChart *chart = sp_chart_new (SP_CHART_HEATMAP);
  gint64 counts[7][24];

  for (int d = 0; d < 7; d++)
    for (int h = 0; h < 24; h++)
      counts[d][h] = (h >= 8 && h < 19) ? 100 + d * 10 + h : h % 5;
  sp_chart_set_heatmap (chart, counts);
  return chart;
}

static void
bench (const char *name,
       SpChart    *chart,
       guint       runs)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  SpChartStyle style;

  /* as the dashboard's widget draws: over a known card colour, nothing painted first */
  sp_chart_style_init_light (&style);

  /* one to warm the font caches up */
  for (guint i = 0; i <= runs; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      SpChartLayout *layout = sp_chart_draw (chart, cr, WIDTH, HEIGHT, &style, NULL);

      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (i > 0)
        {
          times[i - 1] = (g_get_monotonic_time () - start) / 1000.0;
          cpu[i - 1] = cpu_ms () - cpu_start;
        }
      sp_chart_layout_free (layout);
    }

  qsort (times, runs, sizeof (double), compare_doubles);
  qsort (cpu, runs, sizeof (double), compare_doubles);
  g_print ("%-28s median %6.2f ms   fastest %6.2f   slowest %6.2f   CPU %6.2f\n", name,
           times[runs / 2], times[0], times[runs - 1], cpu[runs / 2]);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 51;
  g_autoptr(SpChart) trend = make_trend (1, 12);
  g_autoptr(SpChart) trend_long = make_trend (1, 53);
  g_autoptr(SpChart) split = make_trend (6, 12);
  g_autoptr(SpChart) bars = make_bars (SP_CHART_BARS, 8);
  g_autoptr(SpChart) targets = make_bars (SP_CHART_TARGETS, 6);
  g_autoptr(SpChart) stacked = make_bars (SP_CHART_STACKED, 6);
  g_autoptr(SpChart) heatmap = make_heatmap ();
  g_autoptr(SpChart) spark = sp_chart_new (SP_CHART_SPARKLINE);

  setlocale (LC_ALL, "");
  runs = MAX (runs, 5);

  {
    guint s = sp_chart_add_series (spark, NULL);

    for (guint i = 0; i < 12; i++)
      sp_chart_add_point (spark, s, &(SpChartPoint) { i * 7, i * 7 + 6, 50 + i % 3, 40, NAN,
                                                      NAN });
  }

  g_print ("Chart redraw onto a %d × %d image surface, %u runs\n", WIDTH, HEIGHT, runs);
  bench ("trend, 12 months, bands", trend, runs);
  bench ("trend, 53 weeks, bands", trend_long, runs);
  bench ("trend, 6 agents", split, runs);
  bench ("bars, 8 agents", bars, runs);
  bench ("first response, 6 channels", targets, runs);
  bench ("NPS parts, 6 months", stacked, runs);
  bench ("contacts by day and hour", heatmap, runs);
  bench ("sparkline", spark, runs);

  return 0;
}
