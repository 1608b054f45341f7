/* bench-kpis.c: times the KPI engine on a database, for tests/bench/bench-kpis.sh
 *
 *   bench-kpis DB periods     prints the periods measured and the values the hand-written
 *                             SQL needs, as KEY=VALUE lines
 *   bench-kpis DB time [RUNS] times each case RUNS times (default 7) after one warm-up run
 *                             and prints "case median_ms min_ms max_ms cpu_median_ms": wall
 *                             time, and the CPU time of the process (which other programs
 *                             on a shared machine do not inflate)
 *
 * The periods follow the data, not the clock: the last whole month before the day of the
 * latest contact, the 365 days up to that day, and the 12 whole months up to that month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sp-kpi-engine.h"
#include "sp-store-private.h"

typedef struct
{
  SpPeriod month;
  SpPeriod year;
  SpPeriod trend;
} Periods;

static SpDate
last_day (SpStore *store)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (store, "SELECT max(received_at) FROM contacts", NULL);

  if (stmt == NULL || sp_store_step (store, stmt, NULL) != SP_STEP_ROW ||
      sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      fprintf (stderr, "bench-kpis: the database has no contacts\n");
      exit (1);
    }

  return sp_time_to_date (sqlite3_column_int64 (stmt, 0));
}

static Periods
get_periods (SpStore *store)
{
  SpDate last = last_day (store);
  Periods p;

  p.month.to = sp_date_month_start (last) - 1;
  p.month.from = sp_date_month_start (p.month.to);
  p.year = sp_period_make (last - 364, last);
  p.trend = sp_period_make (sp_date_add_months (p.month.from, -11), p.month.to);
  return p;
}

/* The buckets as the rows of a VALUES list: idx, first_day, last_day, t0, t1, moment */
static void
print_buckets (const char      *key,
               const SpPeriod  *range,
               gboolean         monthly)
{
  g_autoptr(GArray) buckets = NULL;
  SpTime now = sp_time_now ();

  if (monthly)
    {
      buckets = sp_kpi_engine_list_buckets (range, SP_GRANULARITY_MONTH);
    }
  else
    {
      buckets = g_array_new (FALSE, FALSE, sizeof (SpPeriod));
      g_array_append_vals (buckets, range, 1);
    }

  printf ("%s=", key);
  for (guint i = 0; i < buckets->len; i++)
    {
      SpPeriod *p = &g_array_index (buckets, SpPeriod, i);
      SpTime t1 = sp_date_to_time (p->to + 1);

      printf ("%s(%u, %d, %d, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
              i ? ", " : "", i, p->from, p->to, sp_date_to_time (p->from), t1,
              MIN (t1 - 1, now));
    }
  printf ("\n");
}

static void
print_periods (SpStore *store)
{
  g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (store);
  Periods p = get_periods (store);
  double longest = 0;
  SpTime now = sp_time_now ();
  g_autofree char *mf = sp_date_format_iso (p.month.from);
  g_autofree char *mt = sp_date_format_iso (p.month.to);
  g_autofree char *yf = sp_date_format_iso (p.year.from);
  g_autofree char *yt = sp_date_format_iso (p.year.to);
  g_autofree char *tf = sp_date_format_iso (p.trend.from);
  g_autofree char *tt = sp_date_format_iso (p.trend.to);

  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    longest = MAX (longest, sp_benchmarks_get_sla_target (benchmarks, i));

  printf ("MONTH_FROM=%s\nMONTH_TO=%s\nYEAR_FROM=%s\nYEAR_TO=%s\nTREND_FROM=%s\nTREND_TO=%s\n",
          mf, mt, yf, yt, tf, tt);
  print_buckets ("MONTH_BUCKETS", &p.month, FALSE);
  print_buckets ("YEAR_BUCKETS", &p.year, FALSE);
  print_buckets ("TREND_BUCKETS", &p.trend, TRUE);
  printf ("NOW=%" G_GINT64_FORMAT "\n", now);
  printf ("SPLIT_DAY=%d\n", sp_time_to_date (now - (SpTime) ceil (longest * 60)));
  printf ("SPLIT_TIME=%" G_GINT64_FORMAT "\n",
          sp_date_to_time (sp_time_to_date (now - (SpTime) ceil (longest * 60))));
  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    printf ("TARGET_%s=%g\n", sp_priority_to_string (i),
            60 * sp_benchmarks_get_sla_target (benchmarks, i));
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

typedef enum { CASE_MONTH, CASE_YEAR, CASE_TREND } Case;

static void
run_case (SpKpiEngine *engine,
          const Periods *p,
          Case         which)
{
  g_autoptr(GError) error = NULL;

  if (which == CASE_TREND)
    {
      g_autoptr(GPtrArray) trend = sp_kpi_engine_trend (engine, &p->trend, SP_GRANULARITY_MONTH,
                                                        NULL, &error);
      if (trend == NULL || trend->len != 12)
        {
          fprintf (stderr, "bench-kpis: %s\n", error ? error->message : "not 12 months");
          exit (1);
        }
    }
  else
    {
      g_autoptr(SpKpiSet) set = sp_kpi_engine_compute (engine, which == CASE_MONTH ? &p->month
                                                                                  : &p->year,
                                                       NULL, &error);
      if (set == NULL)
        {
          fprintf (stderr, "bench-kpis: %s\n", error->message);
          exit (1);
        }
    }
}

static void
time_cases (SpStore *store,
            int      runs)
{
  static const char * const names[] = { "month", "year", "trend12" };
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (store);
  Periods p = get_periods (store);

  for (Case which = CASE_MONTH; which <= CASE_TREND; which++)
    {
      g_autofree double *ms = g_new (double, runs);
      g_autofree double *cpu = g_new (double, runs);

      run_case (engine, &p, which);

      for (int i = 0; i < runs; i++)
        {
          gint64 start = g_get_monotonic_time ();
          double cpu_start = cpu_ms ();

          run_case (engine, &p, which);
          ms[i] = (g_get_monotonic_time () - start) / 1000.0;
          cpu[i] = cpu_ms () - cpu_start;
        }

      qsort (ms, runs, sizeof (double), compare_doubles);
      qsort (cpu, runs, sizeof (double), compare_doubles);
      printf ("%s %.1f %.1f %.1f %.1f\n", names[which], ms[runs / 2], ms[0], ms[runs - 1],
              cpu[runs / 2]);
      fflush (stdout);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-kpis DB periods|time [RUNS]\n");
      return 2;
    }

  store = sp_store_open (argv[1], SP_STORE_OPEN_NO_CREATE, &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-kpis: %s\n", error->message);
      return 1;
    }

  if (g_str_equal (argv[2], "periods"))
    print_periods (store);
  else if (g_str_equal (argv[2], "time"))
    time_cases (store, MAX (5, argc > 3 ? atoi (argv[3]) : 7));
  else
    return 2;

  return 0;
}
