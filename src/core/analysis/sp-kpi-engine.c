/* sp-kpi-engine.c
 *
 * Every KPI of KPI-SPEC §3 and §4 for a period and a segment, as trends and
 * breakdowns.  The work happens in SQL: the periods asked for go into a
 * temporary table of buckets, and each source is read once for all of
 * them, grouped by bucket:
 *
 *  - kpi_months and survey_months for the whole months of a bucket, and
 *    kpi_days and survey_days for its other days (the totals the store
 *    keeps by trigger, migrations 2 and 5), for everything that does not
 *    depend on "now";
 *  - contacts of the last few days, for the unanswered ones whose SLA
 *    target has passed by now;
 *  - shifts and month figures, in their own ranges;
 *  - the backlog at each bucket's moment: the contacts received by then
 *    less those resolved by then, from the same day and month totals and
 *    resolved_days and resolved_months, and from the contacts themselves
 *    for the part of a day before the moment and the last 48 hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-kpi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sp-error.h"
#include "sp-kpi-engine.h"
#include "sp-shop.h"
#include "sp-store-private.h"

#define HOURS_48 172800

struct _SpKpiEngine
{
  GObject       parent_instance;

  SpStore      *store;
  SpBenchmarks *benchmarks;
  const char   *currency;        /* interned: the shop's symbol, or the locale's */
  gboolean      have_buckets;
};

G_DEFINE_FINAL_TYPE (SpKpiEngine, sp_kpi_engine, G_TYPE_OBJECT)

/* What one bucket of one segment adds up to */
typedef struct
{
  gboolean seen;

  gint64   n, complaints, repeats, fcr_ok, escalated;
  gint64   fr_n;
  double   fr_sum, fr_sq;
  gint64   res_n;
  double   res_sum, res_sq;
  gint64   handle_n;
  double   handle_sum, handle_sq;
  gint64   sla_within, overdue;
  gint64   no_customer, no_outcome, incomplete;

  /* in opening hours (KPI-SPEC §7), when a schedule is recorded */
  double   ofr_sum, ofr_sq, ores_sum, ores_sq;
  gint64   osla_within;
  double   ch_ofr_sum[SP_N_CHANNELS];
  double   ch_ofr_sq[SP_N_CHANNELS];

  gint64   ch_n[SP_N_CHANNELS];
  gint64   ch_fr_n[SP_N_CHANNELS];
  double   ch_fr_sum[SP_N_CHANNELS];
  double   ch_fr_sq[SP_N_CHANNELS];
  GArray  *categories;   /* CatCount */

  gint64   csat_n, csat_good, nps_n, promoters, detractors, ces_n;
  double   ces_sum, ces_sq;

  gboolean has_shifts;
  double   available_hours;

  gint64   backlog_open, backlog_old;
  gint64   backlog_young;   /* open at the moment and received in the 48 hours before it */

  guint    months;
  SpDate   first_month;
  gint64   churn_start, churn_lost, cost_contacts;
  double   cost;
} Acc;

typedef struct
{
  gint64 id;
  gint64 n;
} CatCount;

/* The accumulators of one split key, one per bucket */
typedef struct
{
  gint64  key;
  Acc    *acc;
} Row;

/* What a run adds up by: the whole segment (SP_SEGMENT_ALL), or one split */
typedef struct
{
  SpSegmentKind  kind;
  GHashTable    *rows;       /* gint64 key → Row */
} Target;

typedef struct
{
  SpKpiEngine    *self;
  const SpPeriod *buckets;
  guint           n_buckets;
  SpSegment       segment;
  SpSegmentKind   split;     /* the one split of the SQL, or SP_SEGMENT_ALL */
  gboolean        all_splits; /* instead: by agent, channel and topic at once */
  Target          targets[3]; /* agent, channel, topic with all_splits; else one */
  guint           n_targets;
  SpTime          now;
  SpHours        *hours;     /* NULL without a schedule: clock time */
  SpDate          split_day; /* unanswered contacts of the days before are all overdue */
  SpTime         *moment;    /* per bucket: its backlog's moment */
  SpPeriod       *month_rows; /* per bucket: the days it reads from month rows, if any */
  SpDate         *whole;     /* per bucket: the last whole day before that moment */
  GArray         *ends;      /* SpDate: the distinct whole days, in order */
  GArray         *moments;   /* SpTime: the distinct moments, in order */
} Run;

/*
 * Which rows of the day and month totals a query reads (temp.sp_kpi_parts):
 * for a bucket's days (PARTS_BUCKET, idx the bucket), or for the days up
 * to a backlog's moment, in spans that end with each distinct whole day
 * (PARTS_BACKLOG, idx the span); in day rows (SOURCE_DAYS, first_day and
 * last_day are days) or month rows (SOURCE_MONTHS, the first days of the
 * first and the last month).
 */
enum
{
  PARTS_BUCKET  = 0,
  PARTS_BACKLOG = 1,
};

typedef enum
{
  SOURCE_DAYS   = 0,
  SOURCE_MONTHS = 1,
} Source;

typedef struct
{
  int    kind;
  guint  idx;
  Source source;
  gint64 first_day;
  gint64 last_day;
} Part;

/* The accumulators are freed in run_clear(), which knows how many there are */
static void
row_free (gpointer data)
{
  g_free (data);
}

static void
sp_kpi_engine_finalize (GObject *object)
{
  SpKpiEngine *self = (SpKpiEngine *) object;

  g_clear_object (&self->benchmarks);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_kpi_engine_parent_class)->finalize (object);
}

static void
sp_kpi_engine_class_init (SpKpiEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_kpi_engine_finalize;
}

static void
sp_kpi_engine_init (SpKpiEngine *self)
{
}

/**
 * sp_kpi_engine_new:
 *
 * An engine that computes the KPIs of @store, with its benchmarks (which
 * follow the owner's overrides stored there).
 */
SpKpiEngine *
sp_kpi_engine_new (SpStore *store)
{
  SpKpiEngine *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_KPI_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->benchmarks = sp_benchmarks_new (store);
  {
    g_autofree char *currency = sp_shop_dup_currency_or_locale (store);

    self->currency = g_intern_string (currency);
  }

  return self;
}

/* The currency symbol the shop's money is written with ("" for none); interned */
const char *
sp_kpi_engine_get_currency (SpKpiEngine *self)
{
  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), NULL);
  return self->currency;
}

SpStore *
sp_kpi_engine_get_store (SpKpiEngine *self)
{
  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), NULL);
  return self->store;
}

SpBenchmarks *
sp_kpi_engine_get_benchmarks (SpKpiEngine *self)
{
  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), NULL);
  return self->benchmarks;
}

/* Buckets */

/**
 * sp_kpi_engine_list_buckets:
 *
 * Returns: (transfer full): the SpPeriod of each day, ISO week (Monday to
 *   Sunday) or calendar month that overlaps @range, oldest first; the
 *   first and last are clipped to @range
 */
GArray *
sp_kpi_engine_list_buckets (const SpPeriod *range,
                            SpGranularity   granularity)
{
  return sp_period_split (range, granularity);
}

/* The last day of a month on or before @day */
static SpDate
last_month_end_by (SpDate day)
{
  return sp_date_month_end (day) == day ? day : sp_date_month_start (day) - 1;
}

static void
add_part (GArray *parts,
          int     kind,
          guint   idx,
          Source  source,
          gint64  first_day,
          gint64  last_day)
{
  Part part = { kind, idx, source, first_day, last_day };

  g_array_append_val (parts, part);
}

/*
 * The days @from to @to as month rows for the whole months among them that
 * end before @months_before, and day rows for the others.  Days before 1900
 * (never a period's) are read as day rows.
 */
static void
add_parts (GArray *parts,
           int     kind,
           guint   idx,
           SpDate  from,
           SpDate  to,
           SpDate  months_before)
{
  SpDate earliest = sp_date_from_ymd (1900, 1, 1);
  SpDate first_month, last_end;

  if (from > to)
    return;

  if (from < earliest)
    {
      add_part (parts, kind, idx, SOURCE_DAYS, from, MIN (to, earliest - 1));
      if (to < earliest)
        return;
      from = earliest;
    }

  first_month = sp_date_month_start (from) == from ? from : sp_date_month_end (from) + 1;
  last_end = last_month_end_by (MIN (to, months_before - 1));

  if (first_month > last_end)
    {
      add_part (parts, kind, idx, SOURCE_DAYS, from, to);
      return;
    }

  if (from < first_month)
    add_part (parts, kind, idx, SOURCE_DAYS, from, first_month - 1);
  add_part (parts, kind, idx, SOURCE_MONTHS, first_month, sp_date_month_start (last_end));
  if (last_end < to)
    add_part (parts, kind, idx, SOURCE_DAYS, last_end + 1, to);
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  SpDate x = *(const SpDate *) a, y = *(const SpDate *) b;

  return (x > y) - (x < y);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  SpTime x = *(const SpTime *) a, y = *(const SpTime *) b;

  return (x > y) - (x < y);
}

/* The last day that ended by the moment @m */
static SpDate
whole_days_by (SpTime m)
{
  SpDate day = sp_time_to_date (m);

  return sp_date_to_time (day + 1) - 1 == m ? day : day - 1;
}

/* Sorts @values and drops the repeated ones */
static void
sort_unique (GArray       *values,
             GCompareFunc  compare)
{
  guint size = g_array_get_element_size (values);

  g_array_sort (values, compare);
  for (guint j = 1; j < values->len; j++)
    if (compare (values->data + (j - 1) * size, values->data + j * size) == 0)
      g_array_remove_index (values, j--);
}

/*
 * Puts the buckets, with their backlog's moment, into temp.sp_kpi_buckets,
 * and the rows of the totals they read into temp.sp_kpi_parts.
 */
static gboolean
fill_buckets (Run     *run,
              GError **error)
{
  SpKpiEngine *self = run->self;
  g_autoptr(SpStmt) clear = NULL;
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));

  if (!self->have_buckets)
    {
      if (!sp_store_exec (self->store,
                          "CREATE TEMP TABLE IF NOT EXISTS sp_kpi_buckets ("
                          "  idx       INTEGER PRIMARY KEY,"
                          "  first_day INTEGER NOT NULL,"
                          "  last_day  INTEGER NOT NULL,"
                          "  t0        INTEGER NOT NULL,"   /* [t0, t1): the period's times */
                          "  t1        INTEGER NOT NULL,"
                          "  m         INTEGER NOT NULL"    /* the backlog's moment */
                          ");"
                          "CREATE TEMP TABLE IF NOT EXISTS sp_kpi_moments ("
                          "  idx       INTEGER PRIMARY KEY,"
                          "  m         INTEGER NOT NULL,"   /* a distinct moment of the buckets */
                          "  p         INTEGER NOT NULL"    /* (p ≤ m: [p, m] is part of a day) */
                          ");"
                          "CREATE TEMP TABLE IF NOT EXISTS sp_kpi_parts ("
                          "  kind      INTEGER NOT NULL,"
                          "  idx       INTEGER NOT NULL,"
                          "  source    INTEGER NOT NULL,"
                          "  first_day INTEGER NOT NULL,"
                          "  last_day  INTEGER NOT NULL"
                          ")", error))
        return FALSE;
      self->have_buckets = TRUE;
    }

  clear = sp_store_prepare (self->store, "DELETE FROM temp.sp_kpi_buckets", error);
  if (clear == NULL || !sp_store_run (self->store, clear, error))
    return FALSE;
  sp_stmt_release (clear);
  clear = sp_store_prepare (self->store, "DELETE FROM temp.sp_kpi_parts", error);
  if (clear == NULL || !sp_store_run (self->store, clear, error))
    return FALSE;
  sp_stmt_release (clear);
  clear = sp_store_prepare (self->store, "DELETE FROM temp.sp_kpi_moments", error);
  if (clear == NULL || !sp_store_run (self->store, clear, error))
    return FALSE;

  run->moment = g_new0 (SpTime, MAX (run->n_buckets, 1));
  run->month_rows = g_new0 (SpPeriod, MAX (run->n_buckets, 1));
  run->whole = g_new0 (SpDate, MAX (run->n_buckets, 1));
  run->ends = g_array_new (FALSE, FALSE, sizeof (SpDate));
  run->moments = g_array_new (FALSE, FALSE, sizeof (SpTime));

  for (guint i = 0; i < run->n_buckets; i++)
    {
      g_autoptr(SpStmt) insert = NULL;
      const SpPeriod *p = &run->buckets[i];
      SpTime t1 = sp_date_to_time (p->to + 1);
      SpTime m = MIN (t1 - 1, run->now);
      guint first_part;

      /* the whole days up to the moment, and the rest of its day */
      run->moment[i] = m;
      run->whole[i] = whole_days_by (m);
      g_array_append_val (run->moments, m);
      g_array_append_val (run->ends, run->whole[i]);

      insert = sp_store_prepare (self->store,
                                 "INSERT INTO temp.sp_kpi_buckets (idx, first_day, last_day, t0,"
                                 " t1, m) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (insert == NULL)
        return FALSE;

      sqlite3_bind_int (insert, 1, (int) i);
      sqlite3_bind_int64 (insert, 2, p->from);
      sqlite3_bind_int64 (insert, 3, p->to);
      sqlite3_bind_int64 (insert, 4, sp_date_to_time (p->from));
      sqlite3_bind_int64 (insert, 5, t1);
      sqlite3_bind_int64 (insert, 6, m);

      if (!sp_store_run (self->store, insert, error))
        return FALSE;

      /* the unanswered contacts of a month count from its row only when all are overdue;
       * in opening hours the month rows are read anyway, and the recent unanswered
       * ones set right one by one (read_recent_overdue_open()) */
      first_part = parts->len;
      add_parts (parts, PARTS_BUCKET, i, p->from, p->to,
                 run->hours != NULL ? G_MAXINT32 : run->split_day);
      run->month_rows[i] = (SpPeriod) { SP_DATE_NONE, SP_DATE_NONE };
      for (guint k = first_part; k < parts->len; k++)
        {
          const Part *part = &g_array_index (parts, Part, k);

          if (part->source == SOURCE_MONTHS)
            run->month_rows[i] = sp_period_make ((SpDate) part->first_day,
                                                 sp_date_month_end ((SpDate) part->last_day));
        }
    }

  /* Each distinct moment once (many buckets of a period ahead end now) */
  sort_unique (run->moments, compare_times);
  for (guint j = 0; j < run->moments->len; j++)
    {
      g_autoptr(SpStmt) insert = NULL;
      SpTime m = g_array_index (run->moments, SpTime, j);

      insert = sp_store_prepare (self->store,
                                 "INSERT INTO temp.sp_kpi_moments (idx, m, p) VALUES (?1, ?2, ?3)",
                                 error);
      if (insert == NULL)
        return FALSE;

      sqlite3_bind_int (insert, 1, (int) j);
      sqlite3_bind_int64 (insert, 2, m);
      sqlite3_bind_int64 (insert, 3, sp_date_to_time (whole_days_by (m) + 1));

      if (!sp_store_run (self->store, insert, error))
        return FALSE;
    }

  /* The days up to each moment: spans between the distinct whole days, each read once */
  sort_unique (run->ends, compare_dates);
  for (guint j = 0; j < run->ends->len; j++)
    {
      SpDate end = g_array_index (run->ends, SpDate, j);

      if (j == 0)
        add_part (parts, PARTS_BACKLOG, j, SOURCE_DAYS, G_MININT64, G_MININT32);
      add_parts (parts, PARTS_BACKLOG, j,
                 j == 0 ? G_MININT32 + 1 : g_array_index (run->ends, SpDate, j - 1) + 1, end,
                 G_MAXINT32);
    }

  for (guint k = 0; k < parts->len; k++)
    {
      g_autoptr(SpStmt) insert = NULL;
      const Part *part = &g_array_index (parts, Part, k);

      insert = sp_store_prepare (self->store,
                                 "INSERT INTO temp.sp_kpi_parts (kind, idx, source, first_day,"
                                 " last_day) VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (insert == NULL)
        return FALSE;

      sqlite3_bind_int (insert, 1, part->kind);
      sqlite3_bind_int (insert, 2, (int) part->idx);
      sqlite3_bind_int (insert, 3, part->source);
      sqlite3_bind_int64 (insert, 4, part->first_day);
      sqlite3_bind_int64 (insert, 5, part->last_day);

      if (!sp_store_run (self->store, insert, error))
        return FALSE;
    }

  return TRUE;
}

/* Accumulators */

static Acc *
run_lookup (Run    *run,
            guint   target,
            gint64  key,
            guint   bucket)
{
  GHashTable *rows = run->targets[target].rows;
  Row *row = g_hash_table_lookup (rows, &key);

  if (row == NULL)
    {
      row = g_new0 (Row, 1);
      row->key = key;
      row->acc = g_new0 (Acc, run->n_buckets);
      g_hash_table_insert (rows, &row->key, row);
    }

  g_return_val_if_fail (bucket < run->n_buckets, &row->acc[0]);
  return &row->acc[bucket];
}

static void
run_clear (Run *run)
{
  GHashTableIter iter;
  Row *row;

  g_clear_pointer (&run->hours, sp_hours_unref);
  g_clear_pointer (&run->moment, g_free);
  g_clear_pointer (&run->month_rows, g_free);
  g_clear_pointer (&run->whole, g_free);
  g_clear_pointer (&run->ends, g_array_unref);
  g_clear_pointer (&run->moments, g_array_unref);

  for (guint t = 0; t < run->n_targets; t++)
    {
      if (run->targets[t].rows == NULL)
        continue;

      g_hash_table_iter_init (&iter, run->targets[t].rows);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
        {
          for (guint i = 0; i < run->n_buckets; i++)
            g_clear_pointer (&row->acc[i].categories, g_array_unref);
          g_free (row->acc);
          row->acc = NULL;
        }

      g_clear_pointer (&run->targets[t].rows, g_hash_table_unref);
    }
}

static void
acc_add_category (Acc    *acc,
                  gint64  id,
                  gint64  n)
{
  if (acc->categories == NULL)
    acc->categories = g_array_new (FALSE, FALSE, sizeof (CatCount));

  for (guint i = 0; i < acc->categories->len; i++)
    {
      CatCount *c = &g_array_index (acc->categories, CatCount, i);
      if (c->id == id)
        {
          c->n += n;
          return;
        }
    }

  g_array_append_vals (acc->categories, &(CatCount) { id, n }, 1);
}

/* Segments and splits */

/* The database holds the exact keys: no need for sp_channel_from_string()'s leniency */
static SpChannel
channel_from_column (SpStmt *stmt,
                     int     column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  for (guint c = 0; text != NULL && c < SP_N_CHANNELS; c++)
    {
      if (g_str_equal (text, sp_channel_to_string (c)))
        return (SpChannel) c;
    }
  return SP_CHANNEL_NONE;
}

/*
 * Binds ?1 agent, ?2 channel, ?3 topic of the segment.  Contacts know "no
 * topic" as 0 (kpi_days) or NULL; a survey without a topic is outside
 * every topic segment, "no topic" included (KPI-SPEC §2).
 */
static void
bind_segment (SpStmt          *stmt,
              const SpSegment *segment,
              gboolean         surveys)
{
  switch (segment->kind)
    {
    case SP_SEGMENT_AGENT:
      sqlite3_bind_int64 (stmt, 1, segment->id);
      break;
    case SP_SEGMENT_CHANNEL:
      sp_bind_text (stmt, 2, sp_channel_to_string (segment->channel));
      break;
    case SP_SEGMENT_CATEGORY:
      if (segment->id > 0)
        sqlite3_bind_int64 (stmt, 3, segment->id);
      else
        sqlite3_bind_int64 (stmt, 3, surveys ? -1 : 0);
      break;
    case SP_SEGMENT_ALL:
    default:
      break;
    }
}

/* The column that splits @table's rows ("r", "c" or "s"); "" without a split */
static const char *
split_column (SpSegmentKind split,
              char          table)
{
  switch (split)
    {
    case SP_SEGMENT_AGENT:
      return table == 'r' ? ", r.agent_id" : table == 'c' ? ", c.agent_id" : ", s.agent_id";
    case SP_SEGMENT_CHANNEL:
      return table == 'r' ? ", r.channel" : table == 'c' ? ", c.channel" : ", s.channel";
    case SP_SEGMENT_CATEGORY:
      return table == 'r' ? ", r.category_id" : table == 'c' ? ", coalesce(c.category_id, 0)"
                                                              : ", s.category_id";
    case SP_SEGMENT_ALL:
    default:
      return "";
    }
}

/* The split key in column @column of @stmt (0 without a split) */
static gint64
split_key (SpSegmentKind split,
           SpStmt       *stmt,
           int           column)
{
  switch (split)
    {
    case SP_SEGMENT_CHANNEL:
      return channel_from_column (stmt, column);
    case SP_SEGMENT_AGENT:
    case SP_SEGMENT_CATEGORY:
      return sqlite3_column_int64 (stmt, column);
    case SP_SEGMENT_ALL:
    default:
      return 0;
    }
}

/* The split columns of @table's rows: agent, channel and topic with all_splits */
static const char *
split_columns (Run  *run,
               char  table)
{
  if (!run->all_splits)
    return split_column (run->split, table);

  return table == 'r' ? ", r.agent_id, r.channel, r.category_id"
                      : table == 'c' ? ", c.agent_id, c.channel, coalesce(c.category_id, 0)"
                                     : ", s.agent_id, s.channel, s.category_id";
}

/* The first column after the bucket and the split columns */
static int
first_value (Run *run)
{
  return run->all_splits ? 4 : run->split == SP_SEGMENT_ALL ? 1 : 2;
}

/*
 * The key of @stmt's row for target @t, FALSE when the row is outside
 * that split: a survey answer that does not name the agent, channel or
 * topic is outside the split of that kind (a contact without a topic is in
 * "no topic").
 */
static gboolean
target_key (Run      *run,
            guint     t,
            SpStmt   *stmt,
            gboolean  surveys,
            gint64   *key)
{
  SpSegmentKind kind = run->targets[t].kind;

  *key = split_key (kind, stmt, run->all_splits ? 1 + (int) t : 1);

  if (kind == SP_SEGMENT_CHANNEL && *key == SP_CHANNEL_NONE)
    return FALSE;
  if (surveys && (kind == SP_SEGMENT_AGENT || kind == SP_SEGMENT_CATEGORY) && *key == 0)
    return FALSE;
  return TRUE;
}

/*
 * The segment as a condition on @table's rows ("r" kpi_days, "c" contacts,
 * "s" survey_days and shifts), with the parameters bind_segment() sets.
 * Only what the segment needs: a condition that names a column the index
 * does not hold costs a row lookup even when it is not needed.
 */
static const char *
segment_filter (const SpSegment *segment,
                char             table)
{
  switch (segment->kind)
    {
    case SP_SEGMENT_AGENT:
      return table == 'r' ? " AND r.agent_id = ?1" : table == 'c' ? " AND c.agent_id = ?1"
                                                                 : " AND s.agent_id = ?1";
    case SP_SEGMENT_CHANNEL:
      return table == 'r' ? " AND r.channel = ?2" : table == 'c' ? " AND c.channel = ?2"
                                                                : " AND s.channel = ?2";
    case SP_SEGMENT_CATEGORY:
      return table == 'r' ? " AND r.category_id = ?3"
                          : table == 'c' ? " AND coalesce(c.category_id, 0) = ?3"
                                         : " AND s.category_id = ?3";
    case SP_SEGMENT_ALL:
    default:
      return "";
    }
}

/* Fills in {split} (the split column, in the select and the group) and {filter} */
static SpStmt *
prepare_split (Run         *run,
               const char  *format,
               char         table,
               GError     **error)
{
  g_autoptr(GString) sql = g_string_new (format);

  g_string_replace (sql, "{split}", split_columns (run, table), 0);
  g_string_replace (sql, "{filter}", segment_filter (&run->segment, table), 0);

  return sp_store_prepare (run->self->store, sql->str, error);
}

/*
 * Also fills in {rows}: the rows of @days (day rows) or @months (month
 * rows) that the parts of @kind name, as @table, joined with the parts as p.
 */
static SpStmt *
prepare_totals (Run         *run,
                gboolean     open,
                const char  *format,
                char         table,
                const char  *days,
                const char  *months,
                int          kind,
                Source       source,
                GError     **error)
{
  g_autoptr(GString) sql = g_string_new (format);
  const char *key = source == SOURCE_DAYS ? "day" : "month";
  g_autofree char *rows = NULL;

  /* CROSS JOIN: the few parts outside, each a range of the totals' key inside */
  rows = g_strdup_printf ("temp.sp_kpi_parts AS p CROSS JOIN %s AS %c"
                          " ON %c.%s >= p.first_day AND %c.%s <= p.last_day"
                          " AND p.kind = %d AND p.source = %d",
                          source == SOURCE_DAYS ? days : months, table, table, key, table, key,
                          kind, (int) source);
  g_string_replace (sql, "{rows}", rows, 0);
  /* the business durations, read only when a schedule makes them count */
  g_string_replace (sql, "{open}", open ? ", sum(r.ofr_sum), sum(r.ofr_sq), sum(r.ores_sum),"
                                          " sum(r.ores_sq), sum(r.osla_within)" : "", 0);
  /* unanswered contacts count from the totals for the days before the split day (?4) */
  g_string_replace (sql, "{unanswered}", source == SOURCE_DAYS
                                         ? "sum(iif(r.day < ?4, r.unanswered, 0))"
                                         : "sum(r.unanswered)", 0);

  return prepare_split (run, sql->str, table, error);
}

/* The sources */

static gboolean
read_day_totals_from (Run     *run,
                      Source   source,
                      GError **error)
{
  g_autoptr(SpStmt) totals = NULL;
  int c = first_value (run);
  SpStep step;

  /* One pass, by channel and topic too: the totals, the channels' first
   * responses and the topics' counts are their sums.  Month rows are only
   * read for months that ended before the split day: all their unanswered
   * contacts are overdue. */
  totals = prepare_totals (run, run->hours != NULL,
    "SELECT p.idx{split}, r.channel, r.category_id, sum(r.n), sum(r.complaints), sum(r.repeats),"
    " sum(r.fcr_ok), sum(r.escalated), sum(r.fr_n), sum(r.fr_sum), sum(r.fr_sq), sum(r.res_n),"
    " sum(r.res_sum), sum(r.res_sq), sum(r.handle_n), sum(r.handle_sum), sum(r.handle_sq),"
    " sum(r.sla_within), {unanswered}, sum(r.no_customer), sum(r.no_outcome), sum(r.incomplete)"
    "{open}"
    " FROM {rows}"
    " WHERE 1{filter}"
    " GROUP BY p.idx{split}, r.channel, r.category_id", 'r', "kpi_days", "kpi_months",
    PARTS_BUCKET, source, error);
  if (totals == NULL)
    return FALSE;

  bind_segment (totals, &run->segment, FALSE);
  if (source == SOURCE_DAYS)
    sqlite3_bind_int64 (totals, 4, run->split_day);

  while ((step = sp_store_step (run->self->store, totals, error)) == SP_STEP_ROW)
    {
      guint bucket = (guint) sqlite3_column_int (totals, 0);
      SpChannel channel = channel_from_column (totals, c);
      int t = c + 2;
      gint64 n = sqlite3_column_int64 (totals, t);

      for (guint target = 0; target < run->n_targets; target++)
        {
          gint64 key;
          Acc *acc;

          if (!target_key (run, target, totals, FALSE, &key))
            continue;

          acc = run_lookup (run, target, key, bucket);
          acc->seen = TRUE;
          acc->n += n;
          acc->complaints += sqlite3_column_int64 (totals, t + 1);
          acc->repeats += sqlite3_column_int64 (totals, t + 2);
          acc->fcr_ok += sqlite3_column_int64 (totals, t + 3);
          acc->escalated += sqlite3_column_int64 (totals, t + 4);
          acc->fr_n += sqlite3_column_int64 (totals, t + 5);
          acc->fr_sum += sqlite3_column_double (totals, t + 6);
          acc->fr_sq += sqlite3_column_double (totals, t + 7);
          acc->res_n += sqlite3_column_int64 (totals, t + 8);
          acc->res_sum += sqlite3_column_double (totals, t + 9);
          acc->res_sq += sqlite3_column_double (totals, t + 10);
          acc->handle_n += sqlite3_column_int64 (totals, t + 11);
          acc->handle_sum += sqlite3_column_double (totals, t + 12);
          acc->handle_sq += sqlite3_column_double (totals, t + 13);
          acc->sla_within += sqlite3_column_int64 (totals, t + 14);
          acc->overdue += sqlite3_column_int64 (totals, t + 15);
          acc->no_customer += sqlite3_column_int64 (totals, t + 16);
          acc->no_outcome += sqlite3_column_int64 (totals, t + 17);
          acc->incomplete += sqlite3_column_int64 (totals, t + 18);
          if (run->hours != NULL)
            {
              acc->ofr_sum += sqlite3_column_double (totals, t + 19);
              acc->ofr_sq += sqlite3_column_double (totals, t + 20);
              acc->ores_sum += sqlite3_column_double (totals, t + 21);
              acc->ores_sq += sqlite3_column_double (totals, t + 22);
              acc->osla_within += sqlite3_column_int64 (totals, t + 23);
            }

          if (channel != SP_CHANNEL_NONE)
            {
              acc->ch_n[channel] += n;
              acc->ch_fr_n[channel] += sqlite3_column_int64 (totals, t + 5);
              acc->ch_fr_sum[channel] += sqlite3_column_double (totals, t + 6);
              acc->ch_fr_sq[channel] += sqlite3_column_double (totals, t + 7);
              if (run->hours != NULL)
                {
                  acc->ch_ofr_sum[channel] += sqlite3_column_double (totals, t + 19);
                  acc->ch_ofr_sq[channel] += sqlite3_column_double (totals, t + 20);
                }
            }
          acc_add_category (acc, sqlite3_column_int64 (totals, c + 1), n);
        }
    }

  return step == SP_STEP_DONE;
}

static gboolean
read_day_totals (Run     *run,
                 GError **error)
{
  return read_day_totals_from (run, SOURCE_DAYS, error) &&
         read_day_totals_from (run, SOURCE_MONTHS, error);
}

/*
 * Unanswered contacts of the days before @split_day are all past their
 * target (the day totals count them); those since are read one by one.
 */
static gboolean
read_recent_overdue (Run     *run,
                     SpTime   split_time,
                     GError **error)
{
  SpBenchmarks *benchmarks = run->self->benchmarks;
  g_autoptr(SpStmt) stmt = NULL;
  SpStep step;

  stmt = prepare_split (run,
    "SELECT b.idx{split}, count(*)"
    " FROM temp.sp_kpi_buckets AS b JOIN contacts AS c"
    "  ON c.received_at >= max(b.t0, ?4) AND c.received_at < b.t1"
    " WHERE c.first_response_at IS NULL"
    "  AND c.received_at + CASE c.priority WHEN 'urgent' THEN ?5 WHEN 'high' THEN ?6"
    "   WHEN 'normal' THEN ?7 ELSE ?8 END < ?9"
    "  {filter}"
    " GROUP BY b.idx{split}", 'c', error);
  if (stmt == NULL)
    return FALSE;

  bind_segment (stmt, &run->segment, FALSE);
  sqlite3_bind_int64 (stmt, 4, split_time);
  sqlite3_bind_double (stmt, 5, 60 * sp_benchmarks_get_sla_target (benchmarks,
                                                                   SP_PRIORITY_URGENT));
  sqlite3_bind_double (stmt, 6, 60 * sp_benchmarks_get_sla_target (benchmarks,
                                                                   SP_PRIORITY_HIGH));
  sqlite3_bind_double (stmt, 7, 60 * sp_benchmarks_get_sla_target (benchmarks,
                                                                   SP_PRIORITY_NORMAL));
  sqlite3_bind_double (stmt, 8, 60 * sp_benchmarks_get_sla_target (benchmarks,
                                                                   SP_PRIORITY_LOW));
  sqlite3_bind_int64 (stmt, 9, run->now);

  while ((step = sp_store_step (run->self->store, stmt, error)) == SP_STEP_ROW)
    {
      guint bucket = (guint) sqlite3_column_int (stmt, 0);

      for (guint t = 0; t < run->n_targets; t++)
        {
          gint64 key;

          if (target_key (run, t, stmt, FALSE, &key))
            run_lookup (run, t, key, bucket)->overdue += sqlite3_column_int64 (stmt,
                                                                              first_value (run));
        }
    }

  return step == SP_STEP_DONE;
}

/*
 * The same in opening hours: an unanswered contact is overdue once the
 * business time from its arrival to now passes its target, which only
 * the hours can tell, contact by contact.  Month rows, read whatever the
 * split day, have counted each of theirs as overdue: those that are not
 * are taken back.
 */
static gboolean
read_recent_overdue_open (Run     *run,
                          SpTime   split_time,
                          GError **error)
{
  SpBenchmarks *benchmarks = run->self->benchmarks;
  g_autoptr(SpStmt) stmt = NULL;
  int c = first_value (run);
  double target[SP_N_PRIORITIES];
  SpStep step;

  for (guint p = 0; p < SP_N_PRIORITIES; p++)
    target[p] = 60 * sp_benchmarks_get_sla_target (benchmarks, p);

  stmt = prepare_split (run,
    "SELECT b.idx{split}, c.received_at, c.priority"
    " FROM temp.sp_kpi_buckets AS b JOIN contacts AS c INDEXED BY contacts_unanswered"
    "  ON c.received_at >= max(b.t0, ?4) AND c.received_at < b.t1"
    " WHERE c.first_response_at IS NULL"
    "  {filter}", 'c', error);
  if (stmt == NULL)
    return FALSE;

  bind_segment (stmt, &run->segment, FALSE);
  sqlite3_bind_int64 (stmt, 4, split_time);

  while ((step = sp_store_step (run->self->store, stmt, error)) == SP_STEP_ROW)
    {
      guint bucket = (guint) sqlite3_column_int (stmt, 0);
      SpTime received = sqlite3_column_int64 (stmt, c);
      SpPriority priority;

      const SpPeriod *months;
      SpDate day = sp_time_to_date (received);
      gboolean counted, overdue;

      if (bucket >= run->n_buckets ||
          !sp_priority_from_string ((const char *) sqlite3_column_text (stmt, c + 1), &priority))
        continue;

      months = &run->month_rows[bucket];
      counted = months->from != SP_DATE_NONE && day >= months->from && day <= months->to;
      overdue = (double) sp_hours_open_seconds (run->hours, received, run->now) > target[priority];
      if (counted == overdue)
        continue;

      for (guint t = 0; t < run->n_targets; t++)
        {
          gint64 key;

          if (target_key (run, t, stmt, FALSE, &key))
            run_lookup (run, t, key, bucket)->overdue += overdue ? 1 : -1;
        }
    }

  return step == SP_STEP_DONE;
}

static gboolean
read_surveys_from (Run     *run,
                   Source   source,
                   GError **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  SpStep step;
  const char *format;

  /* an answer that does not name the agent, channel or topic is outside each split */
#define SURVEY_SQL(split_filter) \
  "SELECT p.idx{split}, sum(s.csat_n), sum(s.csat_good), sum(s.nps_n), sum(s.promoters)," \
  " sum(s.detractors), sum(s.ces_n), sum(s.ces_sum), sum(s.ces_sq)" \
  " FROM {rows}" \
  " WHERE 1{filter}" split_filter \
  " GROUP BY p.idx{split}"

  switch (run->all_splits ? SP_SEGMENT_ALL : run->split)
    {
    case SP_SEGMENT_AGENT:
      format = SURVEY_SQL (" AND s.agent_id != 0");
      break;
    case SP_SEGMENT_CHANNEL:
      format = SURVEY_SQL (" AND s.channel != ''");
      break;
    case SP_SEGMENT_CATEGORY:
      format = SURVEY_SQL (" AND s.category_id != 0");
      break;
    case SP_SEGMENT_ALL:
    default:
      format = SURVEY_SQL ("");
      break;
    }
#undef SURVEY_SQL

  stmt = prepare_totals (run, FALSE, format, 's', "survey_days", "survey_months", PARTS_BUCKET,
                         source, error);
  if (stmt == NULL)
    return FALSE;

  bind_segment (stmt, &run->segment, TRUE);

  while ((step = sp_store_step (run->self->store, stmt, error)) == SP_STEP_ROW)
    {
      guint bucket = (guint) sqlite3_column_int (stmt, 0);
      int c = first_value (run);

      for (guint t = 0; t < run->n_targets; t++)
        {
          gint64 key;
          Acc *acc;

          if (!target_key (run, t, stmt, TRUE, &key))
            continue;

          acc = run_lookup (run, t, key, bucket);
          acc->seen = TRUE;
          acc->csat_n += sqlite3_column_int64 (stmt, c);
          acc->csat_good += sqlite3_column_int64 (stmt, c + 1);
          acc->nps_n += sqlite3_column_int64 (stmt, c + 2);
          acc->promoters += sqlite3_column_int64 (stmt, c + 3);
          acc->detractors += sqlite3_column_int64 (stmt, c + 4);
          acc->ces_n += sqlite3_column_int64 (stmt, c + 5);
          acc->ces_sum += sqlite3_column_double (stmt, c + 6);
          acc->ces_sq += sqlite3_column_double (stmt, c + 7);
        }
    }

  return step == SP_STEP_DONE;
}

static gboolean
read_surveys (Run     *run,
              GError **error)
{
  return read_surveys_from (run, SOURCE_DAYS, error) &&
         read_surveys_from (run, SOURCE_MONTHS, error);
}

/* Utilization is for the team or one agent: shifts only for those */
static gboolean
read_shifts (Run     *run,
             GError **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autoptr(GString) sql = NULL;
  /* with all three splits, the agents' (the first target) */
  SpSegmentKind split = run->all_splits ? SP_SEGMENT_AGENT : run->split;
  SpStep step;

  if (run->segment.kind != SP_SEGMENT_ALL && run->segment.kind != SP_SEGMENT_AGENT)
    return TRUE;
  if (split != SP_SEGMENT_ALL && split != SP_SEGMENT_AGENT)
    return TRUE;

  sql = g_string_new ("SELECT b.idx{split}, total(s.available_hours)"
                      " FROM temp.sp_kpi_buckets AS b JOIN shifts AS s"
                      "  ON s.date >= b.first_day AND s.date <= b.last_day"
                      " WHERE 1{filter}"
                      " GROUP BY b.idx{split}");
  g_string_replace (sql, "{split}", split_column (split, 's'), 0);
  g_string_replace (sql, "{filter}", segment_filter (&run->segment, 's'), 0);
  stmt = sp_store_prepare (run->self->store, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  bind_segment (stmt, &run->segment, FALSE);

  while ((step = sp_store_step (run->self->store, stmt, error)) == SP_STEP_ROW)
    {
      guint bucket = (guint) sqlite3_column_int (stmt, 0);
      gint64 key = split_key (split, stmt, 1);
      int c = split == SP_SEGMENT_ALL ? 1 : 2;
      Acc *acc = run_lookup (run, 0, key, bucket);

      acc->seen = TRUE;
      acc->has_shifts = TRUE;
      acc->available_hours += sqlite3_column_double (stmt, c);
    }

  return step == SP_STEP_DONE;
}

/*
 * Adds @sign × the counts of each span of days (a PARTS_BACKLOG idx) to
 * the backlog of every bucket whose moment comes after that span.
 */
static gboolean
add_spans (Run     *run,
           SpStmt  *stmt,
           gint64   sign,
           GError **error)
{
  int c = first_value (run);
  SpStep step;

  while ((step = sp_store_step (run->self->store, stmt, error)) == SP_STEP_ROW)
    {
      guint span = (guint) sqlite3_column_int (stmt, 0);
      gint64 count = sqlite3_column_int64 (stmt, c);
      SpDate end;

      if (span >= run->ends->len)
        continue;

      end = g_array_index (run->ends, SpDate, span);
      for (guint t = 0; t < run->n_targets; t++)
        {
          gint64 key;

          if (!target_key (run, t, stmt, FALSE, &key))
            continue;

          for (guint i = 0; i < run->n_buckets; i++)
            if (run->whole[i] >= end)
              run_lookup (run, t, key, i)->backlog_open += sign * count;
        }
    }

  return step == SP_STEP_DONE;
}

/*
 * Adds the two counts of each distinct moment (a temp.sp_kpi_moments idx)
 * to the backlog, open and young, of every bucket at that moment.
 */
static gboolean
add_moments (Run     *run,
             SpStmt  *stmt,
             GError **error)
{
  int c = first_value (run);
  SpStep step;

  while ((step = sp_store_step (run->self->store, stmt, error)) == SP_STEP_ROW)
    {
      guint j = (guint) sqlite3_column_int (stmt, 0);
      SpTime m;

      if (j >= run->moments->len)
        continue;

      m = g_array_index (run->moments, SpTime, j);
      for (guint t = 0; t < run->n_targets; t++)
        {
          gint64 key;

          if (!target_key (run, t, stmt, FALSE, &key))
            continue;

          for (guint i = 0; i < run->n_buckets; i++)
            if (run->moment[i] == m)
              {
                Acc *acc = run_lookup (run, t, key, i);

                acc->backlog_open += sqlite3_column_int64 (stmt, c);
                acc->backlog_young += sqlite3_column_int64 (stmt, c + 1);
              }
        }
    }

  return step == SP_STEP_DONE;
}

/*
 * The backlog at each bucket's moment m (its last second, or now if that
 * is earlier): the contacts received by m less those resolved by m (a
 * contact is never resolved before it is received).  Both come from the
 * totals for the whole days up to m, each span of days read once for all
 * the buckets, and from the contacts for the rest of m's day.  Those older
 * than 48 hours are the open ones less those received in the 48 hours
 * before m and not resolved by then, read from the contacts.
 */
static gboolean
read_backlog (Run     *run,
              GError **error)
{
  static const struct
  {
    const char *days;
    const char *months;
    gint64      sign;
  } totals[] = {
    { "kpi_days", "kpi_months", 1 },            /* received */
    { "resolved_days", "resolved_months", -1 }, /* resolved */
  };
  g_autoptr(SpStmt) recent = NULL;
  g_autoptr(SpStmt) resolved = NULL;
  GHashTableIter iter;
  Row *row;

  for (guint t = 0; t < G_N_ELEMENTS (totals); t++)
    for (Source source = SOURCE_DAYS; source <= SOURCE_MONTHS; source++)
      {
        g_autoptr(SpStmt) stmt = NULL;

        stmt = prepare_totals (run, FALSE,
          "SELECT p.idx{split}, sum(r.n) FROM {rows} WHERE 1{filter} GROUP BY p.idx{split}",
          'r', totals[t].days, totals[t].months, PARTS_BACKLOG, source, error);
        if (stmt == NULL)
          return FALSE;

        bind_segment (stmt, &run->segment, FALSE);
        if (!add_spans (run, stmt, totals[t].sign, error))
          return FALSE;
      }

  /* The last 48 hours: received in the part of m's day [p, m], and still open at m */
  recent = prepare_split (run,
    "SELECT w.idx{split}, sum(c.received_at >= w.p),"
    " sum(c.resolved_at IS NULL OR c.resolved_at > w.m)"
    " FROM temp.sp_kpi_moments AS w JOIN contacts AS c"
    "  ON c.received_at >= w.m - " G_STRINGIFY (HOURS_48) " AND c.received_at <= w.m"
    " WHERE 1{filter}"
    " GROUP BY w.idx{split}", 'c', error);
  if (recent == NULL)
    return FALSE;

  bind_segment (recent, &run->segment, FALSE);
  if (!add_moments (run, recent, error))
    return FALSE;

  /* Less those resolved in the part of m's day */
  resolved = prepare_split (run,
    "SELECT w.idx{split}, -count(*), 0"
    " FROM temp.sp_kpi_moments AS w JOIN contacts AS c INDEXED BY contacts_by_resolved"
    "  ON c.resolved_at >= w.p AND c.resolved_at <= w.m"
    " WHERE c.resolved_at IS NOT NULL{filter}"
    " GROUP BY w.idx{split}", 'c', error);
  if (resolved == NULL)
    return FALSE;

  bind_segment (resolved, &run->segment, FALSE);
  if (!add_moments (run, resolved, error))
    return FALSE;

  for (guint t = 0; t < run->n_targets; t++)
    {
      g_hash_table_iter_init (&iter, run->targets[t].rows);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
        for (guint i = 0; i < run->n_buckets; i++)
          row->acc[i].backlog_old = row->acc[i].backlog_open - row->acc[i].backlog_young;
    }

  return TRUE;
}

/* Churn and cost: shop-wide, over the whole months inside each bucket */
static gboolean
read_months (Run     *run,
             GError **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  SpDate from = G_MAXINT32, to = G_MININT32;
  SpStep step;

  if (run->segment.kind != SP_SEGMENT_ALL || run->split != SP_SEGMENT_ALL || run->all_splits)
    return TRUE;

  for (guint i = 0; i < run->n_buckets; i++)
    {
      from = MIN (from, run->buckets[i].from);
      to = MAX (to, run->buckets[i].to);
    }

  stmt = sp_store_prepare (run->self->store,
    "SELECT m.first_day, m.last_day, m.operating_cost, m.customers_start, m.customers_lost,"
    /* a calendar month's contacts are its month rows */
    " iif(strftime('%d', m.first_day * 86400, 'unixepoch') = '01'"
    "     AND strftime('%d', (m.last_day + 1) * 86400, 'unixepoch') = '01'"
    "     AND m.last_day - m.first_day < 31,"
    "   (SELECT coalesce(sum(k.n), 0) FROM kpi_months AS k WHERE k.month = m.first_day),"
    "   (SELECT coalesce(sum(k.n), 0) FROM kpi_days AS k"
    "     WHERE k.day >= m.first_day AND k.day <= m.last_day))"
    " FROM month_figures AS m WHERE m.first_day >= ?1 AND m.last_day <= ?2"
    " ORDER BY m.first_day", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);

  while ((step = sp_store_step (run->self->store, stmt, error)) == SP_STEP_ROW)
    {
      SpDate first = (SpDate) sqlite3_column_int64 (stmt, 0);
      SpDate last = (SpDate) sqlite3_column_int64 (stmt, 1);

      for (guint i = 0; i < run->n_buckets; i++)
        {
          Acc *acc;

          if (first < run->buckets[i].from || last > run->buckets[i].to)
            continue;

          acc = run_lookup (run, 0, 0, i);
          if (acc->months == 0)
            {
              acc->first_month = first;
              acc->churn_start = sqlite3_column_int64 (stmt, 3);
            }
          acc->months++;
          acc->cost += sqlite3_column_double (stmt, 2);
          acc->churn_lost += sqlite3_column_int64 (stmt, 4);
          acc->cost_contacts += sqlite3_column_int64 (stmt, 5);
        }
    }

  return step == SP_STEP_DONE;
}

/* Turning sums into KPIs */

static void
set_rate (SpKpiValue *value,
          gint64      successes,
          gint64      n)
{
  value->n = n;
  if (n <= 0)
    return;
  value->value = 100.0 * (double) successes / (double) n;
  sp_kpi_wilson_interval (successes, n, &value->lower, &value->upper);
}

static void
set_mean (SpKpiValue *value,
          gint64      n,
          double      sum,
          double      sum_of_squares,
          double      scale,
          double      min,
          double      max)
{
  value->n = n;
  if (n <= 0)
    return;

  value->value = sum / (double) n / scale;
  sp_kpi_mean_interval (n, sum, sum_of_squares, &value->lower, &value->upper);
  if (!isnan (value->lower))
    {
      value->lower = CLAMP (value->lower / scale, min, max);
      value->upper = CLAMP (value->upper / scale, min, max);
    }
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const SpCategoryCount *x = a, *y = b;

  if (x->contacts != y->contacts)
    return x->contacts > y->contacts ? -1 : 1;
  if ((x->category_id == 0) != (y->category_id == 0))
    return x->category_id == 0 ? 1 : -1;
  return g_utf8_collate (x->name, y->name);
}

typedef struct
{
  GHashTable *categories;   /* id → name */
  gint64      active_agents;
} Names;

static SpKpiSet *
finish_set (SpKpiEngine     *self,
            gboolean         open,
            const Acc       *acc,
            const SpPeriod  *period,
            const SpSegment *segment,
            const Names     *names)
{
  SpKpiSet *set = sp_kpi_set_new (period, segment);

  set->currency = self->currency;
  SpBenchmarks *benchmarks = self->benchmarks;
  SpKpiValue *v = set->values;
  SpStatus response_status = SP_STATUS_NONE;
  double target_sum = 0;
  gint64 target_n = 0;
  gboolean team_or_agent = segment->kind == SP_SEGMENT_ALL || segment->kind == SP_SEGMENT_AGENT;

  set->contacts = acc->n;
  set->complaints = acc->complaints;
  v[SP_KPI_CONTACTS].value = (double) acc->n;
  v[SP_KPI_CONTACTS].n = acc->n;

  set_rate (&v[SP_KPI_REPEAT_RATE], acc->repeats, acc->n);
  set_rate (&v[SP_KPI_FCR], acc->fcr_ok, acc->n - acc->repeats);
  set_rate (&v[SP_KPI_ESCALATION_RATE], acc->escalated, acc->n);
  if (open)
    {
      /* KPI-SPEC §7: business time, the clock figures kept beside */
      set->opening_hours = TRUE;
      set_rate (&v[SP_KPI_SLA_COMPLIANCE], acc->osla_within, acc->fr_n + acc->overdue);
      set_mean (&v[SP_KPI_FIRST_RESPONSE], acc->fr_n, acc->ofr_sum, acc->ofr_sq, 60, 0,
                G_MAXDOUBLE);
      set_mean (&v[SP_KPI_RESOLUTION_TIME], acc->res_n, acc->ores_sum, acc->ores_sq, 3600, 0,
                G_MAXDOUBLE);
      set_mean (&set->first_response_clock, acc->fr_n, acc->fr_sum, acc->fr_sq, 60, 0,
                G_MAXDOUBLE);
      set_mean (&set->resolution_clock, acc->res_n, acc->res_sum, acc->res_sq, 3600, 0,
                G_MAXDOUBLE);
    }
  else
    {
      set_rate (&v[SP_KPI_SLA_COMPLIANCE], acc->sla_within, acc->fr_n + acc->overdue);
      set_mean (&v[SP_KPI_FIRST_RESPONSE], acc->fr_n, acc->fr_sum, acc->fr_sq, 60, 0,
                G_MAXDOUBLE);
      set_mean (&v[SP_KPI_RESOLUTION_TIME], acc->res_n, acc->res_sum, acc->res_sq, 3600, 0,
                G_MAXDOUBLE);
    }
  set_mean (&v[SP_KPI_AHT], acc->handle_n, acc->handle_sum, acc->handle_sq, 1, 0, G_MAXDOUBLE);

  for (guint c = 0; c < SP_N_CHANNELS; c++)
    {
      SpKpiValue *cv = &set->first_response_by_channel[c];

      set->contacts_by_channel[c] = acc->ch_n[c];
      if (open)
        {
          set_mean (cv, acc->ch_fr_n[c], acc->ch_ofr_sum[c], acc->ch_ofr_sq[c], 60, 0,
                    G_MAXDOUBLE);
          set_mean (&set->first_response_by_channel_clock[c], acc->ch_fr_n[c], acc->ch_fr_sum[c],
                    acc->ch_fr_sq[c], 60, 0, G_MAXDOUBLE);
        }
      else
        set_mean (cv, acc->ch_fr_n[c], acc->ch_fr_sum[c], acc->ch_fr_sq[c], 60, 0, G_MAXDOUBLE);
      cv->status = sp_benchmarks_judge (sp_benchmarks_classify_response (benchmarks, c,
                                                                         cv->value),
                                        SP_KPI_FIRST_RESPONSE, cv->value, cv->n);
      if (acc->ch_fr_n[c] > 0 &&
          (segment->kind != SP_SEGMENT_CHANNEL || segment->channel == (SpChannel) c))
        {
          target_sum += sp_benchmarks_get_channel_target (benchmarks, c) * acc->ch_fr_n[c];
          target_n += acc->ch_fr_n[c];
        }
    }

  /*
   * The first response of an agent, topic or the team mixes channels: it is
   * judged against their targets weighted by their answered contacts, so
   * that its colour agrees with its number (KPI-SPEC §3).
   */
  set->first_response_target = target_n > 0 ? target_sum / (double) target_n : NAN;
  if (isfinite (set->first_response_target) && isfinite (v[SP_KPI_FIRST_RESPONSE].value))
    {
      double value = v[SP_KPI_FIRST_RESPONSE].value;
      double target = set->first_response_target;

      response_status = value <= target ? SP_STATUS_GOOD
                                        : value > 2 * target ? SP_STATUS_ACT : SP_STATUS_WATCH;
    }
  v[SP_KPI_FIRST_RESPONSE].status = sp_benchmarks_judge (response_status, SP_KPI_FIRST_RESPONSE,
                                                         v[SP_KPI_FIRST_RESPONSE].value,
                                                         v[SP_KPI_FIRST_RESPONSE].n);

  if (acc->categories != NULL)
    {
      for (guint i = 0; i < acc->categories->len; i++)
        {
          const CatCount *c = &g_array_index (acc->categories, CatCount, i);
          const char *name = c->id == 0 ? _("No topic")
                                        : g_hash_table_lookup (names->categories, &c->id);

          if (c->n > 0)
            sp_kpi_set_add_category (set, c->id, name ? name : "", c->n);
        }
      g_array_sort (set->contacts_by_category, compare_categories);
    }

  /* Utilization: the team or one agent (KPI-SPEC §2) */
  set->handled_minutes = acc->handle_sum;
  if (team_or_agent)
    {
      gint64 available = (gint64) llround (acc->available_hours * 60.0);

      v[SP_KPI_UTILIZATION].n = available;
      if (acc->available_hours > 0)
        v[SP_KPI_UTILIZATION].value = 100.0 * acc->handle_sum / (acc->available_hours * 60.0);
    }

  /* Surveys */
  set_rate (&v[SP_KPI_CSAT], acc->csat_good, acc->csat_n);
  set->promoters = acc->promoters;
  set->detractors = acc->detractors;
  set->passives = acc->nps_n - acc->promoters - acc->detractors;
  v[SP_KPI_NPS].n = acc->nps_n;
  if (acc->nps_n > 0)
    {
      v[SP_KPI_NPS].value = 100.0 * (double) (acc->promoters - acc->detractors) /
                            (double) acc->nps_n;
      sp_kpi_nps_interval (acc->promoters, acc->detractors, acc->nps_n,
                           &v[SP_KPI_NPS].lower, &v[SP_KPI_NPS].upper);
    }
  set_mean (&v[SP_KPI_CES], acc->ces_n, acc->ces_sum, acc->ces_sq, 1, 1, 7);

  /* Backlog */
  set->backlog_open = acc->backlog_open;
  set->backlog_older_than_48h = acc->backlog_old;
  set->backlog_agents = segment->kind == SP_SEGMENT_AGENT ? 1 :
                        segment->kind == SP_SEGMENT_ALL ? names->active_agents : 0;
  v[SP_KPI_BACKLOG].value = (double) acc->backlog_open;
  v[SP_KPI_BACKLOG].n = acc->backlog_open;
  v[SP_KPI_BACKLOG].status = sp_benchmarks_classify_backlog (benchmarks, acc->backlog_open,
                                                             acc->backlog_old,
                                                             set->backlog_agents);

  /* Shop-wide figures */
  if (segment->kind == SP_SEGMENT_ALL)
    {
      set->months_with_figures = acc->months;
      if (acc->months > 0)
        {
          v[SP_KPI_CHURN].n = acc->churn_start;
          if (acc->churn_start > 0)
            {
              v[SP_KPI_CHURN].value = 100.0 * (double) acc->churn_lost / (double) acc->churn_start;
              sp_kpi_wilson_interval (acc->churn_lost, acc->churn_start,
                                      &v[SP_KPI_CHURN].lower, &v[SP_KPI_CHURN].upper);
            }
          v[SP_KPI_COST_PER_CONTACT].n = acc->cost_contacts;
          if (acc->cost_contacts > 0)
            v[SP_KPI_COST_PER_CONTACT].value = acc->cost / (double) acc->cost_contacts;
        }
    }

  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      if (kpi == SP_KPI_FIRST_RESPONSE || kpi == SP_KPI_BACKLOG)
        continue;
      v[kpi].status = sp_benchmarks_classify (benchmarks, kpi, v[kpi].value);
    }

  /* churn's band is per month: judge a longer period by its monthly average */
  if (set->months_with_figures > 1)
    v[SP_KPI_CHURN].status = sp_benchmarks_classify (benchmarks, SP_KPI_CHURN,
                                                     v[SP_KPI_CHURN].value /
                                                     set->months_with_figures);

  /* no verdict on fewer answers or contacts than the KPI's minimum n */
  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    if (kpi != SP_KPI_FIRST_RESPONSE && kpi != SP_KPI_BACKLOG)
      v[kpi].status = sp_benchmarks_judge (v[kpi].status, kpi, v[kpi].value, v[kpi].n);

  /* Completeness */
  set->missing_first_response = acc->n - acc->fr_n;
  set->missing_outcome = acc->no_outcome;
  set->missing_customer = acc->no_customer;
  set->missing_handle_minutes = acc->n - acc->handle_n;
  set->incomplete = acc->incomplete;

  return set;
}

static gboolean
load_names (SpKpiEngine  *self,
            Names        *names,
            GError      **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autoptr(SpStmt) agents = NULL;
  SpStep step;

  names->categories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  stmt = sp_store_prepare (self->store, "SELECT id, name FROM categories", error);
  if (stmt == NULL)
    return FALSE;

  while ((step = sp_store_step (self->store, stmt, error)) == SP_STEP_ROW)
    g_hash_table_insert (names->categories, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                                       sizeof (gint64)),
                         sp_column_dup_text (stmt, 1));
  if (step == SP_STEP_ERROR)
    return FALSE;

  agents = sp_store_prepare (self->store, "SELECT count(*) FROM agents WHERE active", error);
  if (agents == NULL || sp_store_step (self->store, agents, error) != SP_STEP_ROW)
    return FALSE;
  names->active_agents = sqlite3_column_int64 (agents, 0);

  return TRUE;
}

static char *
segment_label (SpKpiEngine     *self,
               const SpSegment *segment,
               const Names     *names)
{
  switch (segment->kind)
    {
    case SP_SEGMENT_AGENT:
      {
        g_autoptr(SpEntity) agent = sp_store_load_entity (self->store, SP_ENTITY_AGENT,
                                                         segment->id, NULL);
        return g_strdup (agent ? agent->name : "");
      }
    case SP_SEGMENT_CHANNEL:
      return g_strdup (sp_channel_get_label (segment->channel));
    case SP_SEGMENT_CATEGORY:
      {
        const char *name = segment->id > 0 ? g_hash_table_lookup (names->categories,
                                                                   &segment->id) : NULL;
        return g_strdup (segment->id > 0 ? (name ? name : "") : _("No topic"));
      }
    case SP_SEGMENT_ALL:
    default:
      return NULL;
    }
}

static void
segment_for_key (SpSegmentKind  split,
                 gint64         key,
                 SpSegment     *segment)
{
  switch (split)
    {
    case SP_SEGMENT_AGENT:
      sp_segment_init_agent (segment, key);
      break;
    case SP_SEGMENT_CHANNEL:
      sp_segment_init_channel (segment, (SpChannel) key);
      break;
    case SP_SEGMENT_CATEGORY:
      sp_segment_init_category (segment, key == 0 ? -1 : key);
      break;
    case SP_SEGMENT_ALL:
    default:
      sp_segment_init_all (segment);
      break;
    }
}

static gboolean
check_segment (const SpSegment  *segment,
               GError          **error)
{
  if (segment == NULL || segment->kind == SP_SEGMENT_ALL)
    return TRUE;

  if ((segment->kind == SP_SEGMENT_CHANNEL &&
       (segment->channel < 0 || segment->channel >= SP_N_CHANNELS)) ||
      (segment->kind == SP_SEGMENT_AGENT && segment->id <= 0) ||
      (segment->kind == SP_SEGMENT_CATEGORY && segment->id == 0) ||
      segment->kind > SP_SEGMENT_CATEGORY)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("The segment is not valid."));
      return FALSE;
    }

  return TRUE;
}

/* Runs every source for @buckets, split by @split, inside one read transaction */
static gboolean
run_all (Run     *run,
         GError **error)
{
  SpKpiEngine *self = run->self;
  double longest_target = 0;
  SpTime safe;
  SpDate split_day;
  SpHours *hours;
  gboolean ok;
  gboolean own = sqlite3_get_autocommit (sp_store_get_handle (self->store));

  for (guint p = 0; p < SP_N_PRIORITIES; p++)
    longest_target = MAX (longest_target, sp_benchmarks_get_sla_target (self->benchmarks, p));

  /* One snapshot for every query, when the caller is not in a transaction */
  if (own && !sp_store_exec (self->store, "BEGIN", error))
    return FALSE;

  hours = sp_store_peek_hours (self->store, error);
  if (hours == NULL)
    {
      if (own)
        sp_store_exec (self->store, "ROLLBACK", NULL);
      return FALSE;
    }
  if (sp_hours_has_schedule (hours))
    run->hours = sp_hours_ref (hours);

  /* Days that ended before now − the longest target (in opening hours
   * when they count): every unanswered contact of theirs is past its target */
  if (run->hours != NULL)
    safe = sp_hours_latest_before (run->hours, run->now, (SpTime) ceil (longest_target * 60.0));
  else
    safe = run->now - (SpTime) ceil (longest_target * 60.0);
  split_day = sp_time_to_date (safe);

  run->split_day = split_day;
  ok = fill_buckets (run, error) &&
       read_day_totals (run, error) &&
       (run->hours != NULL ? read_recent_overdue_open (run, sp_date_to_time (split_day), error)
                           : read_recent_overdue (run, sp_date_to_time (split_day), error)) &&
       read_surveys (run, error) &&
       read_shifts (run, error) &&
       read_backlog (run, error) &&
       read_months (run, error);

  if (own)
    sp_store_exec (self->store, ok ? "COMMIT" : "ROLLBACK", NULL);

  return ok;
}

/* @split: one split, SP_SEGMENT_ALL for none, or -1 for agent, channel and topic at once */
static void
run_init (Run             *run,
          SpKpiEngine     *self,
          const SpPeriod  *buckets,
          guint            n_buckets,
          const SpSegment *segment,
          int              split)
{
  static const SpSegmentKind all[] = { SP_SEGMENT_AGENT, SP_SEGMENT_CHANNEL,
                                       SP_SEGMENT_CATEGORY };

  run->self = self;
  run->buckets = buckets;
  run->n_buckets = n_buckets;
  if (segment != NULL)
    run->segment = *segment;
  else
    sp_segment_init_all (&run->segment);

  run->all_splits = split < 0;
  run->split = run->all_splits ? SP_SEGMENT_ALL : (SpSegmentKind) split;
  run->n_targets = run->all_splits ? G_N_ELEMENTS (all) : 1;
  for (guint t = 0; t < run->n_targets; t++)
    {
      run->targets[t].kind = run->all_splits ? all[t] : run->split;
      run->targets[t].rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, row_free);
    }
  run->now = sp_time_now ();
}

GPtrArray *
sp_kpi_engine_compute_many (SpKpiEngine      *self,
                            const SpPeriod   *periods,
                            guint             n_periods,
                            const SpSegment  *segment,
                            GError          **error)
{
  g_autoptr(GPtrArray) sets = NULL;
  Names names = { NULL };
  Run run = { NULL };
  SpSegment seg;
  Row *row;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), NULL);
  g_return_val_if_fail (periods != NULL || n_periods == 0, NULL);

  if (!check_segment (segment, error))
    return NULL;

  sets = g_ptr_array_new_with_free_func (g_object_unref);
  if (n_periods == 0)
    return g_steal_pointer (&sets);

  if (segment != NULL)
    seg = *segment;
  else
    sp_segment_init_all (&seg);

  run_init (&run, self, periods, n_periods, &seg, SP_SEGMENT_ALL);

  if (!load_names (self, &names, error) || !run_all (&run, error))
    {
      run_clear (&run);
      g_clear_pointer (&names.categories, g_hash_table_unref);
      return NULL;
    }

  row = g_hash_table_lookup (run.targets[0].rows, &(gint64) { 0 });

  for (guint i = 0; i < n_periods; i++)
    {
      static const Acc empty = { 0 };
      SpKpiSet *set = finish_set (self, run.hours != NULL, row ? &row->acc[i] : &empty,
                                  &periods[i], &seg, &names);

      set->segment_label = segment_label (self, &seg, &names);
      g_ptr_array_add (sets, set);
    }

  run_clear (&run);
  g_clear_pointer (&names.categories, g_hash_table_unref);
  return g_steal_pointer (&sets);
}

/**
 * sp_kpi_engine_compute:
 * @segment: (nullable): the segment, or %NULL for the whole shop
 *
 * Returns: (transfer full): every KPI of @period
 */
SpKpiSet *
sp_kpi_engine_compute (SpKpiEngine      *self,
                       const SpPeriod   *period,
                       const SpSegment  *segment,
                       GError          **error)
{
  g_autoptr(GPtrArray) sets = NULL;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  sets = sp_kpi_engine_compute_many (self, period, 1, segment, error);
  if (sets == NULL)
    return NULL;

  return g_object_ref (g_ptr_array_index (sets, 0));
}

gboolean
sp_kpi_engine_compute_with_previous (SpKpiEngine      *self,
                                     const SpPeriod   *period,
                                     const SpSegment  *segment,
                                     SpKpiSet        **current,
                                     SpKpiSet        **previous,
                                     GError          **error)
{
  g_autoptr(GPtrArray) sets = NULL;
  SpPeriod periods[2];

  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  periods[0] = *period;
  periods[1] = sp_period_previous (period);

  sets = sp_kpi_engine_compute_many (self, periods, 2, segment, error);
  if (sets == NULL)
    return FALSE;

  if (current)
    *current = g_object_ref (g_ptr_array_index (sets, 0));
  if (previous)
    *previous = g_object_ref (g_ptr_array_index (sets, 1));
  return TRUE;
}

/**
 * sp_kpi_engine_trend:
 *
 * Returns: (transfer full) (element-type SpKpiSet): one set per bucket
 */
/* Flags the buckets that are not over (or are cut by the range) as "so far" */
static void
mark_partial (GPtrArray     *sets,
              SpGranularity  granularity)
{
  SpDate today = sp_date_today ();

  for (guint i = 0; i < sets->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (sets, i);

      set->partial = sp_period_bucket_is_partial (&set->period, granularity, today);
    }
}

GPtrArray *
sp_kpi_engine_trend (SpKpiEngine      *self,
                     const SpPeriod   *range,
                     SpGranularity     granularity,
                     const SpSegment  *segment,
                     GError          **error)
{
  g_autoptr(GArray) buckets = NULL;
  g_autoptr(GPtrArray) sets = NULL;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), NULL);
  g_return_val_if_fail (range != NULL, NULL);

  buckets = sp_kpi_engine_list_buckets (range, granularity);
  sets = sp_kpi_engine_compute_many (self, (const SpPeriod *) buckets->data, buckets->len,
                                     segment, error);
  if (sets != NULL)
    mark_partial (sets, granularity);
  return g_steal_pointer (&sets);
}

/* Agents and topics by name (no topic last), channels in their order */
typedef struct
{
  SpSegmentKind  split;
  GHashTable    *labels;
} SortData;

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  SortData *data = user_data;
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  const char *lx, *ly;

  if (data->split == SP_SEGMENT_CHANNEL)
    return x < y ? -1 : x > y;

  if (data->split == SP_SEGMENT_CATEGORY && (x == 0 || y == 0))
    return (x == 0) - (y == 0);

  lx = g_hash_table_lookup (data->labels, &x);
  ly = g_hash_table_lookup (data->labels, &y);
  return g_utf8_collate (lx ? lx : "", ly ? ly : "");
}

/* The sets of @run's target @t: one per key with data, in the order people expect */
static GPtrArray *
target_sets (Run            *run,
             guint           t,
             const Names    *names,
             gboolean        one_per_key)
{
  SpKpiEngine *self = run->self;
  SpSegmentKind split = run->targets[t].kind;
  GPtrArray *result;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GHashTable) labels = NULL;
  GHashTableIter iter;
  SortData sort;
  Row *row;

  result = g_ptr_array_new_with_free_func (one_per_key ? g_object_unref
                                                       : (GDestroyNotify) g_ptr_array_unref);

  keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_hash_table_iter_init (&iter, run->targets[t].rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      gboolean seen = FALSE;
      SpSegment seg;

      for (guint i = 0; i < run->n_buckets && !seen; i++)
        seen = row->acc[i].seen;
      if (!seen)
        continue;

      g_array_append_val (keys, row->key);
      segment_for_key (split, row->key, &seg);
      g_hash_table_insert (labels, &row->key, segment_label (self, &seg, names));
    }

  sort.split = split;
  sort.labels = labels;
  g_array_sort_with_data (keys, compare_keys, &sort);

  for (guint k = 0; k < keys->len; k++)
    {
      gint64 key = g_array_index (keys, gint64, k);
      GPtrArray *series = NULL;
      SpSegment seg;

      row = g_hash_table_lookup (run->targets[t].rows, &key);
      segment_for_key (split, key, &seg);

      if (!one_per_key)
        series = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < run->n_buckets; i++)
        {
          SpKpiSet *set = finish_set (self, run->hours != NULL, &row->acc[i], &run->buckets[i],
                                      &seg, names);

          set->segment_label = g_strdup (g_hash_table_lookup (labels, &row->key));
          if (one_per_key)
            g_ptr_array_add (result, set);
          else
            g_ptr_array_add (series, set);
        }

      if (!one_per_key)
        g_ptr_array_add (result, series);
    }

  return result;
}

/*
 * For each of @n_results splits (SP_SEGMENT_ALL for none; 3: agent,
 * channel and topic, in one run), the sets of @buckets.
 */
static gboolean
split_sets (SpKpiEngine     *self,
            const SpPeriod  *buckets,
            guint            n_buckets,
            SpSegmentKind    split,
            gboolean         one_per_key,
            GPtrArray      **results,
            guint            n_results,
            GError         **error)
{
  Names names = { NULL };
  Run run = { NULL };

  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), FALSE);
  g_return_val_if_fail (n_results == 1 || n_results == 3, FALSE);

  if (n_results == 1 && split == SP_SEGMENT_ALL)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Choose agents, channels or topics to split by."));
      return FALSE;
    }

  if (n_buckets == 0)
    {
      for (guint t = 0; t < n_results; t++)
        results[t] = g_ptr_array_new_with_free_func (one_per_key
                                                     ? g_object_unref
                                                     : (GDestroyNotify) g_ptr_array_unref);
      return TRUE;
    }

  run_init (&run, self, buckets, n_buckets, NULL, n_results == 3 ? -1 : (int) split);

  if (!load_names (self, &names, error) || !run_all (&run, error))
    {
      run_clear (&run);
      g_clear_pointer (&names.categories, g_hash_table_unref);
      return FALSE;
    }

  for (guint t = 0; t < n_results; t++)
    results[t] = target_sets (&run, t, &names, one_per_key);

  run_clear (&run);
  g_clear_pointer (&names.categories, g_hash_table_unref);
  return TRUE;
}

/**
 * sp_kpi_engine_trend_split:
 *
 * Returns: (transfer full) (element-type GPtrArray): for each agent,
 *   channel or topic with data in @range, its trend (an array of
 *   SpKpiSet, one per bucket); agents and topics by name, "no topic" last
 */
GPtrArray *
sp_kpi_engine_trend_split (SpKpiEngine      *self,
                           const SpPeriod   *range,
                           SpGranularity     granularity,
                           SpSegmentKind     split,
                           GError          **error)
{
  g_autoptr(GArray) buckets = NULL;
  GPtrArray *result = NULL;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), NULL);
  g_return_val_if_fail (range != NULL, NULL);

  buckets = sp_kpi_engine_list_buckets (range, granularity);
  if (!split_sets (self, (const SpPeriod *) buckets->data, buckets->len, split, FALSE, &result, 1,
                   error))
    return NULL;
  for (guint i = 0; i < result->len; i++)
    mark_partial (g_ptr_array_index (result, i), granularity);
  return result;
}

/**
 * sp_kpi_engine_breakdown:
 *
 * Returns: (transfer full) (element-type SpKpiSet): one set per agent,
 *   channel or topic with contacts, survey answers (or, for agents,
 *   shifts) in @period
 */
GPtrArray *
sp_kpi_engine_breakdown (SpKpiEngine      *self,
                         const SpPeriod   *period,
                         SpSegmentKind     split,
                         GError          **error)
{
  GPtrArray *result = NULL;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (!split_sets (self, period, 1, split, TRUE, &result, 1, error))
    return NULL;
  return result;
}

/**
 * sp_kpi_engine_breakdowns:
 * @agents: (out) (transfer full) (element-type SpKpiSet): by agent
 * @channels: (out) (transfer full) (element-type SpKpiSet): by channel
 * @topics: (out) (transfer full) (element-type SpKpiSet): by topic
 *
 * The three breakdowns of sp_kpi_engine_breakdown() at once, reading each
 * source once for all three.
 */
gboolean
sp_kpi_engine_breakdowns (SpKpiEngine     *self,
                          const SpPeriod  *period,
                          GPtrArray      **agents,
                          GPtrArray      **channels,
                          GPtrArray      **topics,
                          GError         **error)
{
  GPtrArray *results[3] = { NULL };

  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (agents != NULL && channels != NULL && topics != NULL, FALSE);

  if (!split_sets (self, period, 1, SP_SEGMENT_ALL, TRUE, results, 3, error))
    return FALSE;

  *agents = results[0];
  *channels = results[1];
  *topics = results[2];
  return TRUE;
}

/**
 * sp_kpi_engine_volume_by_hour:
 * @counts: (out caller-allocates): contacts received on each ISO weekday
 *   (index 0 = Monday) and hour
 */
gboolean
sp_kpi_engine_volume_by_hour (SpKpiEngine      *self,
                              const SpPeriod   *period,
                              const SpSegment  *segment,
                              gint64            counts[7][24],
                              GError          **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autoptr(GString) sql = NULL;
  SpSegment seg;
  SpStep step;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  if (!check_segment (segment, error))
    return FALSE;

  if (segment != NULL)
    seg = *segment;
  else
    sp_segment_init_all (&seg);

  memset (counts, 0, sizeof (gint64) * 7 * 24);

  if (seg.kind == SP_SEGMENT_ALL)
    {
      /* the whole shop's are kept by day and hour (migration 5) */
      stmt = sp_store_prepare (self->store,
                               "SELECT (h.day % 7 + 10) % 7, h.hour, sum(h.n)"
                               " FROM contact_hours AS h WHERE h.day >= ?1 AND h.day <= ?2"
                               " GROUP BY 1, 2", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, period->from);
      sqlite3_bind_int64 (stmt, 2, period->to);
    }
  else
    {
      /* times are ≥ 0 for every date after 1970; the modulo keeps older ones right */
      sql = g_string_new (
        "SELECT (((c.received_at - ((c.received_at % 86400) + 86400) % 86400) / 86400 % 7 + 10)"
        " % 7), (((c.received_at % 86400) + 86400) % 86400) / 3600, count(*)"
        " FROM contacts AS c"
        " WHERE c.received_at >= ?4 AND c.received_at < ?5{filter}"
        " GROUP BY 1, 2");
      g_string_replace (sql, "{filter}", segment_filter (&seg, 'c'), 0);
      stmt = sp_store_prepare (self->store, sql->str, error);
      if (stmt == NULL)
        return FALSE;

      bind_segment (stmt, &seg, FALSE);
      sqlite3_bind_int64 (stmt, 4, sp_date_to_time (period->from));
      sqlite3_bind_int64 (stmt, 5, sp_date_to_time (period->to + 1));
    }

  while ((step = sp_store_step (self->store, stmt, error)) == SP_STEP_ROW)
    {
      int weekday = sqlite3_column_int (stmt, 0);
      int hour = sqlite3_column_int (stmt, 1);

      if (weekday >= 0 && weekday < 7 && hour >= 0 && hour < 24)
        counts[weekday][hour] += sqlite3_column_int64 (stmt, 2);
    }

  return step == SP_STEP_DONE;
}

/**
 * sp_kpi_engine_best_month:
 * @month: (out) (optional): the month
 * @value: (out) (optional): its value
 */
gboolean
sp_kpi_engine_best_month (SpKpiEngine      *self,
                          SpKpi             kpi,
                          const SpSegment  *segment,
                          SpDate            before,
                          SpPeriod         *month,
                          SpKpiValue       *value,
                          GError          **error)
{
  g_autoptr(SpStmt) first = NULL;
  g_autoptr(GPtrArray) trend = NULL;
  SpKpiSet *best = NULL;
  SpDirection direction;
  SpPeriod range;
  SpStep step;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (self), FALSE);
  g_return_val_if_fail (kpi >= 0 && kpi < SP_N_KPIS, FALSE);

  direction = sp_kpi_get_direction (kpi);
  if (direction != SP_DIRECTION_HIGHER_IS_BETTER && direction != SP_DIRECTION_LOWER_IS_BETTER)
    return FALSE;
  if (!sp_kpi_allows_segment (kpi, segment ? segment->kind : SP_SEGMENT_ALL))
    return FALSE;

  /* min() over rows skips a table without rows; min(a, b, c) would be NULL */
  first = sp_store_prepare (self->store,
                            "SELECT min(d) FROM (SELECT min(day) AS d FROM kpi_days"
                            " UNION ALL SELECT min(answered_at) / 86400 FROM surveys"
                            " UNION ALL SELECT min(first_day) FROM month_figures)", error);
  if (first == NULL)
    return FALSE;

  step = sp_store_step (self->store, first, error);
  if (step == SP_STEP_ERROR)
    return FALSE;
  if (step != SP_STEP_ROW || sqlite3_column_type (first, 0) == SQLITE_NULL)
    return FALSE;

  range.from = sp_date_month_start ((SpDate) sqlite3_column_int64 (first, 0));
  range.to = sp_date_month_start (before) - 1;
  if (range.to < range.from)
    return FALSE;

  trend = sp_kpi_engine_trend (self, &range, SP_GRANULARITY_MONTH, segment, error);
  if (trend == NULL)
    return FALSE;

  for (guint i = 0; i < trend->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (trend, i);
      const SpKpiValue *v = &set->values[kpi];

      if (isnan (v->value) || (kpi != SP_KPI_BACKLOG && v->n < SP_KPI_MIN_SAMPLE))
        continue;

      if (best == NULL ||
          (direction == SP_DIRECTION_HIGHER_IS_BETTER && v->value > best->values[kpi].value) ||
          (direction == SP_DIRECTION_LOWER_IS_BETTER && v->value < best->values[kpi].value))
        best = set;
    }

  if (best == NULL)
    return FALSE;

  if (month)
    *month = best->period;
  if (value)
    *value = best->values[kpi];
  return TRUE;
}
