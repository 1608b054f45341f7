/* bench-dashboard.c: switching the dashboard's period on a large database
 *
 *   bench-dashboard DATABASE [RUNS]
 *
 * Opens the window at 1920 × 1080 on DATABASE and switches the period
 * RUNS times (default 7) to each choice of the period bar, with nothing
 * computed before; prints the medians, in ms, of the time until the cards
 * show the new period, until that frame is painted, and until every part
 * (trends, breakdowns, findings) is shown.  Needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdlib.h>

#include "sp-dashboard-page.h"
#include "sp-window.h"

typedef struct
{
  gint64   painted;
  gboolean waiting;
} Paint;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static SpDashboardPage *
find_dashboard (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      SpDashboardPage *found;

      if (SP_IS_DASHBOARD_PAGE (child))
        return SP_DASHBOARD_PAGE (child);
      if ((found = find_dashboard (child)))
        return found;
    }

  return NULL;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Paint         *paint)
{
  if (paint->waiting)
    {
      paint->painted = g_get_monotonic_time ();
      paint->waiting = FALSE;
    }
}

static void
wait_idle (SpDashboardPage *page)
{
  while (sp_dashboard_page_is_loading (page) || g_main_context_pending (NULL))
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  static const struct { SpPeriodChoice choice; const char *name; } choices[] = {
    { SP_PERIOD_THIS_WEEK, "this week" },
    { SP_PERIOD_LAST_WEEK, "last week" },
    { SP_PERIOD_THIS_MONTH, "this month" },
    { SP_PERIOD_LAST_MONTH, "last month" },
    { SP_PERIOD_THIS_QUARTER, "this quarter" },
    { SP_PERIOD_THIS_YEAR, "this year" },
  };
  guint runs;
  SpWindow *window;
  SpDashboardPage *page;
  GdkFrameClock *clock;
  Paint paint = { 0 };

  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      g_printerr ("usage: bench-dashboard DATABASE [RUNS]\n");
      return 2;
    }
  runs = MAX (argc > 2 ? (guint) atoi (argv[2]) : 7, 5);

  gtk_init ();
  adw_init ();

  window = sp_window_new (NULL, argv[1]);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  page = find_dashboard (GTK_WIDGET (window));
  wait_idle (page);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &paint);

  g_print ("Switching period at 1920 × 1080, %u runs each, nothing computed before (ms):\n",
           runs);
  g_print ("%-14s %10s %10s %12s\n", "period", "cards", "painted", "everything");

  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    {
      g_autofree double *cards = g_new (double, runs);
      g_autofree double *painted = g_new (double, runs);
      g_autofree double *all = g_new (double, runs);

      for (guint r = 0; r <= runs; r++)
        {
          double figures_ms = 0, all_ms = 0;
          gint64 start;

          /* from another period, as a user switches */
          sp_dashboard_page_set_period (page, choices[(c + 1) % G_N_ELEMENTS (choices)].choice,
                                        NULL);
          wait_idle (page);
          sp_dashboard_page_clear_cache (page);

          start = g_get_monotonic_time ();
          sp_dashboard_page_set_period (page, choices[c].choice, NULL);

          while (figures_ms == 0)
            {
              g_main_context_iteration (NULL, TRUE);
              sp_dashboard_page_get_timings (page, &figures_ms, NULL);
            }
          paint.waiting = TRUE;
          while (paint.waiting)
            g_main_context_iteration (NULL, TRUE);
          while (all_ms == 0)
            {
              g_main_context_iteration (NULL, TRUE);
              sp_dashboard_page_get_timings (page, NULL, &all_ms);
            }

          /* the first run warms the caches up */
          if (r == 0)
            continue;

          cards[r - 1] = figures_ms;
          painted[r - 1] = (paint.painted - start) / 1000.0;
          all[r - 1] = all_ms;
        }

      qsort (cards, runs, sizeof (double), compare_doubles);
      qsort (painted, runs, sizeof (double), compare_doubles);
      qsort (all, runs, sizeof (double), compare_doubles);
      g_print ("%-14s %10.1f %10.1f %12.1f\n", choices[c].name, cards[runs / 2],
               painted[runs / 2], all[runs / 2]);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
