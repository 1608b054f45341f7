/* bench-server.c: times a shop on a PostgreSQL server (or, for the baselines, a shop file),
 * for tests/bench/bench-server.sh
 *
 *   bench-server DB open           opens the shop once and prints the milliseconds it took
 *   bench-server DB periods        the periods measured and the values the hand-written SQL
 *                                  needs, as KEY=VALUE lines (as bench-kpis)
 *   bench-server DB kpis [RUNS]    all KPIs of the month and of the year, each RUNS times
 *                                  after one warm-up run
 *   bench-server DB page [RUNS]    the Log's first page: the first chunk of the contacts' ids
 *                                  in the list's order and the first 100 contacts of it
 *   bench-server DB save [RUNS]    one new contact saved, RUNS times
 *
 * DB is a server address (postgresql://…) or a file.  The timing cases print
 * "case median_ms min_ms max_ms cpu_median_ms" lines.  The periods follow the data: the last
 * whole month before the day of the latest contact, and the 365 days up to that day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sp-kpi-engine.h"
#include "sp-store-private.h"

#define PAGE_SIZE 100

static SpStore *
open_db (const char *db)
{
  g_autoptr(GError) error = NULL;
  SpStore *store;

  if (sp_store_is_server_address (db))
    store = sp_store_open_server (db, NULL, SP_STORE_OPEN_DEFAULT, &error);
  else
    store = sp_store_open (db, SP_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    {
      fprintf (stderr, "bench-server: %s\n", error->message);
      exit (1);
    }

  return store;
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

typedef gboolean (*CaseFunc) (SpStore *store, gpointer data);

/* Runs @func once to warm up, then @runs times, and prints the line of @name */
static void
time_case (const char *name,
           SpStore    *store,
           CaseFunc    func,
           gpointer    data,
           int         runs)
{
  g_autofree double *ms = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);

  if (!func (store, data))
    exit (1);

  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();

      if (!func (store, data))
        exit (1);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - cpu_start;
    }

  qsort (ms, runs, sizeof (double), compare_doubles);
  qsort (cpu, runs, sizeof (double), compare_doubles);
  printf ("%s %.2f %.2f %.2f %.2f\n", name, ms[runs / 2], ms[0], ms[runs - 1], cpu[runs / 2]);
  fflush (stdout);
}

/* ---- periods ---- */

typedef struct
{
  SpPeriod month;
  SpPeriod year;
} Periods;

static Periods
get_periods (SpStore *store)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (store, "SELECT max(received_at) FROM contacts", NULL);
  SpDate last;
  Periods p;

  if (stmt == NULL || sp_store_step (store, stmt, NULL) != SP_STEP_ROW ||
      sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      fprintf (stderr, "bench-server: the shop has no contacts\n");
      exit (1);
    }
  last = sp_time_to_date (sqlite3_column_int64 (stmt, 0));

  p.month.to = sp_date_month_start (last) - 1;
  p.month.from = sp_date_month_start (p.month.to);
  p.year = sp_period_make (last - 364, last);
  return p;
}

/* One bucket as the row of a VALUES list: idx, first_day, last_day, t0, t1, moment */
static void
print_bucket (const char     *key,
              const SpPeriod *p)
{
  SpTime t1 = sp_date_to_time (p->to + 1);

  printf ("%s=(0, %d, %d, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")\n",
          key, p->from, p->to, sp_date_to_time (p->from), t1, MIN (t1 - 1, sp_time_now ()));
}

static void
print_periods (SpStore *store)
{
  g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (store);
  Periods p = get_periods (store);
  double longest = 0;
  SpTime now = sp_time_now ();
  SpDate split;
  g_autofree char *mf = sp_date_format_iso (p.month.from);
  g_autofree char *mt = sp_date_format_iso (p.month.to);
  g_autofree char *yf = sp_date_format_iso (p.year.from);
  g_autofree char *yt = sp_date_format_iso (p.year.to);

  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    longest = MAX (longest, sp_benchmarks_get_sla_target (benchmarks, i));
  split = sp_time_to_date (now - (SpTime) ceil (longest * 60));

  printf ("MONTH_FROM=%s\nMONTH_TO=%s\nYEAR_FROM=%s\nYEAR_TO=%s\n", mf, mt, yf, yt);
  print_bucket ("MONTH_BUCKETS", &p.month);
  print_bucket ("YEAR_BUCKETS", &p.year);
  printf ("NOW=%" G_GINT64_FORMAT "\n", now);
  printf ("SPLIT_DAY=%d\n", split);
  printf ("SPLIT_TIME=%" G_GINT64_FORMAT "\n", sp_date_to_time (split));
  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    printf ("TARGET_%s=%g\n", sp_priority_to_string (i),
            60 * sp_benchmarks_get_sla_target (benchmarks, i));
}

/* ---- the cases ---- */

typedef struct
{
  SpKpiEngine *engine;
  SpPeriod     period;
} KpiCase;

static gboolean
compute_kpis (SpStore  *store,
              gpointer  data)
{
  KpiCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpKpiSet) set = sp_kpi_engine_compute (c->engine, &c->period, NULL, &error);

  if (set == NULL)
    fprintf (stderr, "bench-server: %s\n", error->message);
  return set != NULL;
}

typedef struct
{
  GArray *ids;
} Page;

static gboolean
first_chunk_cb (const gint64 *ids,
                guint         n_ids,
                gpointer      user_data)
{
  Page *page = user_data;

  g_array_append_vals (page->ids, ids, n_ids);
  return page->ids->len < PAGE_SIZE;
}

/* What the Log asks for first: ids in its order until a page's worth, then their rows */
static gboolean
first_page (SpStore  *store,
            gpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SpContactFilter filter;
  Page page = { g_array_new (FALSE, FALSE, sizeof (gint64)) };

  sp_contact_filter_init (&filter);
  if (!sp_store_scan_contact_ids (store, &filter, first_chunk_cb, &page, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fprintf (stderr, "bench-server: %s\n", error->message);
      g_array_unref (page.ids);
      return FALSE;
    }
  g_clear_error (&error);

  rows = sp_store_list_contacts_by_id (store, (const gint64 *) page.ids->data,
                                       MIN (page.ids->len, PAGE_SIZE), &error);
  g_array_unref (page.ids);
  if (rows == NULL || rows->len != PAGE_SIZE)
    {
      fprintf (stderr, "bench-server: %s\n", error ? error->message : "not a whole page");
      return FALSE;
    }

  return TRUE;
}

/* A new contact as a form saves it: names given, so that they are looked up */
static gboolean
save_contact (SpStore  *store,
              gpointer  data)
{
  static const char * const agents[] = { "Bench Ana", "Bench Bo", "Bench Cy" };
  guint *n = data;
  g_autoptr(SpContact) contact = sp_contact_new ();
  g_autoptr(GError) error = NULL;
  SpTime now = sp_time_now ();

  (*n)++;
  contact->received_at = now - 3600 - *n;
  contact->first_response_at = now - 3000 - *n;
  contact->resolved_at = now - 1800 - *n;
  contact->channel = *n % SP_N_CHANNELS;
  contact->resolved_first_contact = TRUE;
  sp_contact_set_agent_name (contact, agents[*n % G_N_ELEMENTS (agents)]);
  sp_contact_set_customer_name (contact, "Customer 17");
  sp_contact_set_category_name (contact, "Billing");
  sp_contact_set_note (contact, "saved by bench-server");

  if (!sp_store_save_contact (store, contact, &error))
    {
      fprintf (stderr, "bench-server: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SpStore) store = NULL;
  const char *db, *what;
  int runs;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-server DB open|periods|kpis|page|save [RUNS]\n");
      return 2;
    }

  db = argv[1];
  what = argv[2];
  runs = argc > 3 ? atoi (argv[3]) : 7;
  if (runs < 1)
    runs = 1;

  if (g_str_equal (what, "open"))
    {
      gint64 start = g_get_monotonic_time ();

      store = open_db (db);
      printf ("%.1f\n", (g_get_monotonic_time () - start) / 1000.0);
      return 0;
    }

  store = open_db (db);

  if (g_str_equal (what, "periods"))
    print_periods (store);
  else if (g_str_equal (what, "kpis"))
    {
      g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (store);
      Periods p = get_periods (store);
      KpiCase month = { engine, p.month };
      KpiCase year = { engine, p.year };

      time_case ("month", store, compute_kpis, &month, runs);
      time_case ("year", store, compute_kpis, &year, runs);
    }
  else if (g_str_equal (what, "page"))
    time_case ("page", store, first_page, NULL, runs);
  else if (g_str_equal (what, "save"))
    {
      guint n = 0;

      time_case ("save", store, save_contact, &n, runs);
    }
  else
    {
      fprintf (stderr, "bench-server: no case “%s”\n", what);
      return 2;
    }

  return 0;
}
