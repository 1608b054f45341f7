/* bench-report.c: times the monthly report on a database, for tests/bench/bench-report.sh
 *
 *   bench-report DB [RUNS]    prints "month YYYY-MM" and then, for each part, after one
 *                             warm-up run, "part median_ms min_ms max_ms cpu_median_ms":
 *                             load (every figure from the database), layout (measuring and
 *                             paginating), pdf (drawing every page into a PDF file) and all
 *
 * The month follows the data, not the clock: the last whole month before the day of the
 * latest contact, as in bench-kpis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sp-report-layout.h"
#include "sp-store-private.h"

enum { LOAD, LAYOUT, PDF, ALL, N_PARTS };

static const char *parts[N_PARTS] = { "load", "layout", "pdf", "all" };

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  GArray *wall[N_PARTS], *cpu[N_PARTS];
  SpPeriod month;
  SpDate last;
  double width, height;
  int runs;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-report DB [RUNS]\n");
      return 2;
    }
  runs = argc > 2 ? MAX (atoi (argv[2]), 1) : 7;

  store = sp_store_open (argv[1], SP_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-report: %s\n", error->message);
      return 1;
    }

  stmt = sp_store_prepare (store, "SELECT max(received_at) FROM contacts", NULL);
  if (stmt == NULL || sp_store_step (store, stmt, NULL) != SP_STEP_ROW ||
      sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      fprintf (stderr, "bench-report: the database has no contacts\n");
      return 1;
    }
  last = sp_time_to_date (sqlite3_column_int64 (stmt, 0));
  month.to = sp_date_month_start (last) - 1;
  month.from = sp_date_month_start (month.to);

  {
    g_autofree char *iso = sp_month_format_iso (month.from);

    printf ("month %s\n", iso);
  }

  dir = g_dir_make_tmp ("sp-bench-report-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "report.pdf", NULL);
  sp_paper_get_size (SP_PAPER_A4, &width, &height);

  for (guint p = 0; p < N_PARTS; p++)
    {
      wall[p] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[p] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (int run = 0; run <= runs; run++)
    {
      g_autoptr(SpReport) report = sp_report_new (&month, SP_REPORT_ALL_SECTIONS);
      g_autoptr(SpReportLayout) layout = NULL;
      double w[N_PARTS + 1], c[N_PARTS + 1];

      w[0] = g_get_monotonic_time () / 1000.0, c[0] = cpu_ms ();
      if (!sp_report_load (report, store, NULL, &error))
        {
          fprintf (stderr, "bench-report: %s\n", error->message);
          return 1;
        }
      w[1] = g_get_monotonic_time () / 1000.0, c[1] = cpu_ms ();
      layout = sp_report_layout_new (report, width, height);
      w[2] = g_get_monotonic_time () / 1000.0, c[2] = cpu_ms ();
      if (!sp_report_layout_write_pdf (layout, pdf, &error))
        {
          fprintf (stderr, "bench-report: %s\n", error->message);
          return 1;
        }
      w[3] = g_get_monotonic_time () / 1000.0, c[3] = cpu_ms ();

      /* the first run warms the caches up */
      if (run == 0)
        continue;

      for (guint p = 0; p < ALL; p++)
        {
          double dw = w[p + 1] - w[p], dc = c[p + 1] - c[p];

          g_array_append_val (wall[p], dw);
          g_array_append_val (cpu[p], dc);
        }
      {
        double dw = w[3] - w[0], dc = c[3] - c[0];

        g_array_append_val (wall[ALL], dw);
        g_array_append_val (cpu[ALL], dc);
      }
    }

  for (guint p = 0; p < N_PARTS; p++)
    {
      double med = median (wall[p]);
      double lo = g_array_index (wall[p], double, 0);
      double hi = g_array_index (wall[p], double, wall[p]->len - 1);

      printf ("%s %.1f %.1f %.1f %.1f\n", parts[p], med, lo, hi, median (cpu[p]));
      g_array_unref (wall[p]);
      g_array_unref (cpu[p]);
    }

  g_unlink (pdf);
  g_rmdir (dir);
  return 0;
}
