/* bench-dashboard.c: switching the dashboard's period on a large database
 *
 *   bench-dashboard DATABASE [RUNS]
 *   bench-dashboard DATABASE parts [RUNS]
 *
 * The second form needs no display: it times each part of a period's
 * overview (figures, trends, breakdowns, findings) on one connection, and
 * the whole overview; then the CPU time of each (the thread's), which other
 * programs on a shared machine do not inflate.
 *
 * Opens the window at 1920 × 1080 on DATABASE and switches the period
 * RUNS times (default 7) to each choice of the period bar, with nothing
 * computed before; prints the medians, in ms, of the time until the cards
 * show the new period, until that frame is painted, and until every part
 * (trends, breakdowns, findings) is shown, and the CPU time the process
 * spent until then (every thread: the workers' and the drawing).  Needs a
 * display.  Exits 1 when the median for a period is over 300 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "sp-dashboard-page-private.h"
#include "sp-window.h"

typedef struct
{
  gint64   painted;
  gboolean waiting;
} Paint;

typedef struct
{
  SpPeriodChoice  choice;
  const char     *name;
} Choice;

static double
cpu_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

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

static int
time_parts (const char *path,
            guint       runs,
            const Choice *choices,
            guint       n_choices)
{
  static const SpOverviewParts parts[] = { SP_OVERVIEW_FIGURES, SP_OVERVIEW_TRENDS,
                                           SP_OVERVIEW_BREAKDOWNS, SP_OVERVIEW_FINDINGS,
                                           SP_OVERVIEW_VOLUME };
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(SpKpiEngine) engine = NULL;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  engine = sp_kpi_engine_new (store);

  g_print ("Each part of a period's overview, one connection, medians of %u runs (ms;"
           " then CPU ms):\n", runs);
  g_print ("%-14s %10s %10s %10s %10s %10s %10s\n", "period", "figures", "trends",
           "breakdowns", "findings", "volume", "all");

  for (guint c = 0; c < n_choices; c++)
    {
      double times[G_N_ELEMENTS (parts) + 1][64];
      double cpu[G_N_ELEMENTS (parts) + 1][64];
      SpPeriod period, previous;

      sp_dashboard_period_for_choice (choices[c].choice, sp_date_today (), NULL, &period,
                                      &previous);

      for (guint r = 0; r <= runs; r++)
        {
          g_autoptr(SpOverview) overview = sp_overview_new (&period, &previous);
          gint64 all = g_get_monotonic_time ();
          double all_cpu = cpu_ms (CLOCK_THREAD_CPUTIME_ID);

          for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
            {
              gint64 start = g_get_monotonic_time ();
              double start_cpu = cpu_ms (CLOCK_THREAD_CPUTIME_ID);

              if (!sp_overview_compute (overview, engine, parts[p], NULL, &error))
                {
                  g_printerr ("%s\n", error->message);
                  return 1;
                }
              if (r > 0)
                {
                  times[p][r - 1] = (g_get_monotonic_time () - start) / 1000.0;
                  cpu[p][r - 1] = cpu_ms (CLOCK_THREAD_CPUTIME_ID) - start_cpu;
                }
            }

          if (r > 0)
            {
              times[G_N_ELEMENTS (parts)][r - 1] = (g_get_monotonic_time () - all) / 1000.0;
              cpu[G_N_ELEMENTS (parts)][r - 1] = cpu_ms (CLOCK_THREAD_CPUTIME_ID) - all_cpu;
            }
        }

      g_print ("%-14s", choices[c].name);
      for (guint p = 0; p <= G_N_ELEMENTS (parts); p++)
        {
          qsort (times[p], runs, sizeof (double), compare_doubles);
          g_print (" %10.1f", times[p][runs / 2]);
        }
      g_print ("\n%-14s", "  CPU");
      for (guint p = 0; p <= G_N_ELEMENTS (parts); p++)
        {
          qsort (cpu[p], runs, sizeof (double), compare_doubles);
          g_print (" %10.1f", cpu[p][runs / 2]);
        }
      g_print ("\n");
    }

  return 0;
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
  static const Choice choices[] = {
    { SP_PERIOD_THIS_WEEK, "this week" },
    { SP_PERIOD_LAST_WEEK, "last week" },
    { SP_PERIOD_THIS_MONTH, "this month" },
    { SP_PERIOD_LAST_MONTH, "last month" },
    { SP_PERIOD_THIS_QUARTER, "this quarter" },
    { SP_PERIOD_THIS_YEAR, "this year" },
  };
  guint runs;
  int status = 0;
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
  if (argc > 2 && g_str_equal (argv[2], "parts"))
    return time_parts (argv[1], CLAMP (argc > 3 ? (guint) atoi (argv[3]) : 5, 3, 64), choices,
                       G_N_ELEMENTS (choices));

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
  g_print ("%-14s %10s %10s %12s %10s %10s\n", "period", "cards", "painted", "everything",
           "slowest", "CPU");

  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    {
      g_autofree double *cards = g_new (double, runs);
      g_autofree double *painted = g_new (double, runs);
      g_autofree double *all = g_new (double, runs);
      g_autofree double *cpu = g_new (double, runs);

      for (guint r = 0; r <= runs; r++)
        {
          double figures_ms = 0, all_ms = 0;
          double start_cpu;
          gint64 start;

          /* from another period, as a user switches */
          sp_dashboard_page_set_period (page, choices[(c + 1) % G_N_ELEMENTS (choices)].choice,
                                        NULL);
          wait_idle (page);
          sp_dashboard_page_clear_cache (page);

          start = g_get_monotonic_time ();
          start_cpu = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
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
          cpu[r - 1] = cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - start_cpu;
        }

      qsort (cards, runs, sizeof (double), compare_doubles);
      qsort (painted, runs, sizeof (double), compare_doubles);
      qsort (all, runs, sizeof (double), compare_doubles);
      qsort (cpu, runs, sizeof (double), compare_doubles);
      g_print ("%-14s %10.1f %10.1f %12.1f %10.1f %10.1f%s\n", choices[c].name, cards[runs / 2],
               painted[runs / 2], all[runs / 2], all[runs - 1], cpu[runs / 2],
               all[runs / 2] > 300 ? "  OVER 300 ms" : "");
      if (all[runs / 2] > 300)
        status = 1;
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return status;
}
