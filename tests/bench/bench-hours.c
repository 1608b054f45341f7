/* bench-hours.c: opening hours at scale, for tests/bench/bench-hours.sh
 *
 *   bench-hours DB [RUNS]
 *
 * On a copy of a demo database (it is changed): every KPI of the last whole month and of the
 * running month without a schedule, then the recomputation of every contact when the hours
 * are saved, then the same KPIs with the schedule, then saving one contact.  Each timed case
 * runs RUNS times (default 7) after one warm-up run and prints
 * "case median_ms min_ms max_ms cpu_median_ms".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sp-kpi-engine.h"
#include "sp-store-hours.h"
#include "sp-store-private.h"

static double
cpu_ms (void)
{
  return clock () * 1000.0 / CLOCKS_PER_SEC;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef void (*CaseFunc) (gpointer data, int i);

static void
time_case (const char *name,
           CaseFunc    func,
           gpointer    data,
           int         runs,
           gboolean    warm_up)
{
  g_autofree double *ms = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);

  if (warm_up)
    func (data, -1);

  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();

      func (data, i);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - cpu_start;
    }

  qsort (ms, runs, sizeof (double), compare_doubles);
  qsort (cpu, runs, sizeof (double), compare_doubles);
  printf ("%s %.2f %.2f %.2f %.2f\n", name, ms[runs / 2], ms[0], ms[runs - 1], cpu[runs / 2]);
  fflush (stdout);
}

typedef struct
{
  SpStore     *store;
  SpKpiEngine *engine;
  SpPeriod     period;
  SpHours     *hours[2];
} Bench;

static void
compute (gpointer data,
         int      i)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpKpiSet) set = sp_kpi_engine_compute (b->engine, &b->period, NULL, &error);

  if (set == NULL)
    g_error ("%s", error->message);
}

static void
save_hours (gpointer data,
            int      i)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;

  /* two schedules in turn, so that every run changes every contact */
  if (!sp_store_save_hours (b->store, b->hours[(i + 2) % 2], NULL, NULL, &error))
    g_error ("%s", error->message);
}

static void
save_contact (gpointer data,
              int      i)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpContact) c = sp_contact_new ();

  c->received_at = sp_time_now () - 3 * 3600 - i * 60;
  c->channel = SP_CHANNEL_EMAIL;
  sp_contact_set_agent_name (c, "Bench");
  sp_contact_set_customer_name (c, "Bench customer");
  c->first_response_at = c->received_at + 5400;
  if (!sp_store_save_contact (b->store, c, &error))
    g_error ("%s", error->message);
}

static SpHours *
make_hours (int late)
{
  SpHours *hours = sp_hours_new ();
  SpSchedule *s = sp_hours_replace_schedule (hours, sp_date_from_ymd (2020, 1, 6));

  for (int d = 1; d <= 5; d++)
    {
      sp_hours_add_interval (hours, s, d, (9 + late) * 3600, 12 * 3600 + 1800, NULL);
      sp_hours_add_interval (hours, s, d, 13 * 3600 + 1800, 18 * 3600, NULL);
    }
  sp_hours_add_interval (hours, s, 6, 10 * 3600, 14 * 3600, NULL);
  for (int y = 2020; y <= 2027; y++)
    {
      sp_hours_set_closed_day (hours, sp_date_from_ymd (y, 1, 1), "New Year's Day");
      sp_hours_set_closed_day (hours, sp_date_from_ymd (y, 12, 25), "Christmas Day");
      sp_hours_set_closed_day (hours, sp_date_from_ymd (y, 12, 26), "Boxing Day");
    }
  return hours;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpKpiEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStmt) last = NULL;
  Bench b = { 0 };
  SpDate day;
  int runs;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-hours DB [RUNS]\n");
      return 2;
    }
  runs = MAX (5, argc > 2 ? atoi (argv[2]) : 7);

  store = sp_store_open (argv[1], SP_STORE_OPEN_NO_CREATE, &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-hours: %s\n", error->message);
      return 1;
    }
  engine = sp_kpi_engine_new (store);

  last = sp_store_prepare (store, "SELECT max(received_at) FROM contacts", NULL);
  if (last == NULL || sp_store_step (store, last, NULL) != SP_STEP_ROW)
    return 1;
  day = sp_time_to_date (sqlite3_column_int64 (last, 0));
  sp_stmt_release (last);

  b.store = store;
  b.engine = engine;
  b.hours[0] = make_hours (0);
  b.hours[1] = make_hours (1);

  /* without a schedule */
  if (!sp_store_save_hours (store, sp_hours_new (), NULL, NULL, &error))
    g_error ("%s", error->message);

  b.period.to = sp_date_month_start (day) - 1;
  b.period.from = sp_date_month_start (b.period.to);
  time_case ("month-clock", compute, &b, runs, TRUE);
  b.period = sp_period_make (sp_date_month_start (day), day);
  time_case ("running-month-clock", compute, &b, runs, TRUE);

  time_case ("save-hours", save_hours, &b, 3, FALSE);

  b.period.to = sp_date_month_start (day) - 1;
  b.period.from = sp_date_month_start (b.period.to);
  time_case ("month-open", compute, &b, runs, TRUE);
  b.period = sp_period_make (sp_date_month_start (day), day);
  time_case ("running-month-open", compute, &b, runs, TRUE);

  time_case ("save-contact", save_contact, &b, runs, TRUE);

  sp_hours_unref (b.hours[0]);
  sp_hours_unref (b.hours[1]);
  return 0;
}
