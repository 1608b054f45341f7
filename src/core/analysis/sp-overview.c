/* sp-overview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-overview"

#include "config.h"

#include <string.h>

#include "sp-overview.h"
#include "sp-store.h"
#include "sp-worker.h"

G_DEFINE_BOXED_TYPE (SpOverview, sp_overview, sp_overview_ref, sp_overview_unref)

/*
 * The figures of @period, compared with @previous (NULL: the days just
 * before, as many as @period has).
 */
SpOverview *
sp_overview_new (const SpPeriod *period,
                 const SpPeriod *previous)
{
  SpOverview *self;

  g_return_val_if_fail (period != NULL, NULL);

  self = g_new0 (SpOverview, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->period = *period;
  self->previous = previous ? *previous : sp_period_previous (period);
  sp_overview_get_trend_range (period, &self->trend_range, &self->granularity);
  if (self->granularity == SP_GRANULARITY_MONTH && sp_period_get_days (period) <= 7 &&
      self->previous.from == period->from - 7 && self->previous.to == period->to - 7)
    {
      /* a week so far that starts on the 1st, compared with the week before */
      self->granularity = SP_GRANULARITY_WEEK;
      self->trend_range.from = sp_date_week_start (period->to) - 11 * 7;
    }
  if (!sp_period_last_whole_month (period, sp_date_today (), &self->last_whole_month))
    self->last_whole_month = (SpPeriod) { SP_DATE_NONE, SP_DATE_NONE };

  return self;
}

SpOverview *
sp_overview_ref (SpOverview *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sp_overview_unref (SpOverview *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_object (&self->current);
  g_clear_object (&self->before);
  g_clear_pointer (&self->trend, g_ptr_array_unref);
  g_clear_object (&self->month_current);
  g_clear_object (&self->month_before);
  g_clear_pointer (&self->month_trend, g_ptr_array_unref);
  g_clear_pointer (&self->agents, g_ptr_array_unref);
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_free (self);
}

/*
 * The twelve weeks or months that end with @period: months for a month,
 * whole or so far (it starts on the month's first day: 1–7 December), and
 * anything longer; weeks for any other week or few weeks.
 */
void
sp_overview_get_trend_range (const SpPeriod *period,
                             SpPeriod       *range,
                             SpGranularity  *granularity)
{
  int days;

  g_return_if_fail (period != NULL);
  g_return_if_fail (range != NULL);
  g_return_if_fail (granularity != NULL);

  days = period->to - period->from + 1;
  range->to = period->to;

  if (!sp_period_is_month_to_date (period) && days <= 31)
    {
      *granularity = SP_GRANULARITY_WEEK;
      range->from = sp_date_week_start (period->to) - 11 * 7;
    }
  else
    {
      *granularity = SP_GRANULARITY_MONTH;
      range->from = sp_date_add_months (sp_date_month_start (period->to), -11);
    }
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* The parts done; two workers may be adding to them */
SpOverviewParts
sp_overview_get_done (SpOverview *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (SpOverviewParts) g_atomic_int_get ((gint *) &self->done);
}

static void
mark_done (SpOverview      *self,
           SpOverviewParts  part)
{
  g_atomic_int_or ((guint *) &self->done, part);
}

/*
 * Computes the @parts not done yet, in the order of SpOverviewParts, and
 * stops between two engine calls when @cancellable is cancelled.  Two
 * threads may compute different parts of the same overview at once.
 */
gboolean
sp_overview_compute (SpOverview       *self,
                     SpKpiEngine      *engine,
                     SpOverviewParts   parts,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SP_IS_KPI_ENGINE (engine), FALSE);

  parts &= ~sp_overview_get_done (self);

  if (parts & SP_OVERVIEW_FIGURES)
    {
      if (check_cancelled (cancellable, error) ||
          !(self->current = sp_kpi_engine_compute (engine, &self->period, NULL, error)) ||
          check_cancelled (cancellable, error) ||
          !(self->before = sp_kpi_engine_compute (engine, &self->previous, NULL, error)))
        return FALSE;
      if (self->last_whole_month.to != SP_DATE_NONE &&
          !sp_kpi_engine_compute_with_previous (engine, &self->last_whole_month, NULL,
                                                &self->month_current, &self->month_before,
                                                error))
        return FALSE;
      mark_done (self, SP_OVERVIEW_FIGURES);
    }

  if (parts & SP_OVERVIEW_TRENDS)
    {
      if (check_cancelled (cancellable, error) ||
          !(self->trend = sp_kpi_engine_trend (engine, &self->trend_range, self->granularity,
                                               NULL, error)))
        return FALSE;
      if (self->granularity == SP_GRANULARITY_MONTH)
        self->month_trend = g_ptr_array_ref (self->trend);
      else
        {
          /* the twelve months that end with the period's, the last one so far */
          SpPeriod months = sp_period_make (sp_date_add_months (sp_date_month_start (
                                              self->period.to), -11), self->period.to);

          if (!(self->month_trend = sp_kpi_engine_trend (engine, &months, SP_GRANULARITY_MONTH,
                                                         NULL, error)))
            return FALSE;
        }
      mark_done (self, SP_OVERVIEW_TRENDS);
    }

  /* all three breakdowns at once read each source once */
  if ((parts & SP_OVERVIEW_BREAKDOWNS) == SP_OVERVIEW_BREAKDOWNS)
    {
      if (check_cancelled (cancellable, error) ||
          !sp_kpi_engine_breakdowns (engine, &self->period, &self->agents, &self->channels,
                                     &self->topics, error))
        return FALSE;
      mark_done (self, SP_OVERVIEW_BREAKDOWNS);
      parts &= ~SP_OVERVIEW_BREAKDOWNS;
    }

  if (parts & SP_OVERVIEW_AGENTS)
    {
      if (check_cancelled (cancellable, error) ||
          !(self->agents = sp_kpi_engine_breakdown (engine, &self->period, SP_SEGMENT_AGENT,
                                                    error)))
        return FALSE;
      mark_done (self, SP_OVERVIEW_AGENTS);
    }

  if (parts & SP_OVERVIEW_FINDINGS)
    {
      /* from the figures and breakdowns done by then, which they would compute again */
      SpOverviewParts done = sp_overview_get_done (self);

      if (check_cancelled (cancellable, error) ||
          !(self->findings = sp_insights_find_with (engine, &self->period,
                                                    done & SP_OVERVIEW_FIGURES ? self->current
                                                                               : NULL,
                                                    done & SP_OVERVIEW_AGENTS ? self->agents
                                                                              : NULL,
                                                    done & SP_OVERVIEW_SEGMENTS ? self->topics
                                                                                : NULL,
                                                    error)))
        return FALSE;
      mark_done (self, SP_OVERVIEW_FINDINGS);
    }

  if (parts & SP_OVERVIEW_SEGMENTS)
    {
      if (check_cancelled (cancellable, error) ||
          !(self->channels = sp_kpi_engine_breakdown (engine, &self->period, SP_SEGMENT_CHANNEL,
                                                      error)) ||
          check_cancelled (cancellable, error) ||
          !(self->topics = sp_kpi_engine_breakdown (engine, &self->period, SP_SEGMENT_CATEGORY,
                                                    error)))
        return FALSE;
      mark_done (self, SP_OVERVIEW_SEGMENTS);
    }

  if (parts & SP_OVERVIEW_VOLUME)
    {
      if (check_cancelled (cancellable, error) ||
          !sp_kpi_engine_volume_by_hour (engine, &self->period, NULL, self->volume, error))
        return FALSE;
      mark_done (self, SP_OVERVIEW_VOLUME);
    }

  return TRUE;
}

/**
 * sp_overview_get_figures:
 * @current: (out) (transfer none): the figures @kpi is shown with
 * @before: (out) (transfer none): those it is compared with
 *
 * Churn and cost per contact are counted over whole months: on a period
 * that holds none, they come from the last whole month and the month
 * before it.  Needs FIGURES.
 *
 * Returns: %TRUE when they come from the last whole month
 *   (@self->last_whole_month)
 */
gboolean
sp_overview_get_figures (SpOverview  *self,
                         SpKpi        kpi,
                         SpKpiSet   **current,
                         SpKpiSet   **before)
{
  gboolean monthly;

  g_return_val_if_fail (self != NULL, FALSE);

  monthly = (kpi == SP_KPI_CHURN || kpi == SP_KPI_COST_PER_CONTACT) &&
            self->month_current != NULL;
  if (current)
    *current = monthly ? self->month_current : self->current;
  if (before)
    *before = monthly ? self->month_before : self->before;
  return monthly;
}

/* The trend @kpi is drawn with: by month for churn and cost per contact.  Needs TRENDS. */
GPtrArray *
sp_overview_get_trend (SpOverview *self,
                       SpKpi       kpi)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (kpi == SP_KPI_CHURN || kpi == SP_KPI_COST_PER_CONTACT)
    return self->month_trend;
  return self->trend;
}

/* The set of @segment among @sets (a breakdown), or NULL */
SpKpiSet *
sp_overview_find_segment (GPtrArray       *sets,
                          const SpSegment *segment)
{
  g_return_val_if_fail (segment != NULL, NULL);

  for (guint i = 0; sets != NULL && i < sets->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (sets, i);

      if (set->segment.kind != segment->kind)
        continue;
      if (segment->kind == SP_SEGMENT_CHANNEL ? set->segment.channel == segment->channel
                                              : set->segment.id == segment->id)
        return set;
    }

  return NULL;
}

/* Loading on worker threads */

/*
 * Two workers, each with a connection of its own: one computes the
 * figures, the trends and the contacts by hour, the other the three
 * breakdowns (at once) and then the findings, which start from the
 * figures and the breakdowns.  On two cores, all is there in about the
 * time of the longer of the two; the cards come first.
 */
static const SpOverviewParts lanes[2][3] = {
  { SP_OVERVIEW_FIGURES, SP_OVERVIEW_TRENDS, SP_OVERVIEW_VOLUME },
  { SP_OVERVIEW_BREAKDOWNS, SP_OVERVIEW_FINDINGS, 0 },
};

typedef struct
{
  SpOverview          *overview;
  SpStore             *store;       /* the caller's: only its file is opened on the workers */
  SpOverviewParts      parts;
  SpOverviewProgress   progress;
  gpointer             progress_data;
  GDestroyNotify       progress_destroy;
  GCancellable        *cancellable;
  guint                pending;     /* workers still running */
  gboolean             second;      /* the second worker is wanted and not started yet */
  GError              *error;       /* the first worker's failure */
} Load;

typedef struct
{
  GTask            *task;
  guint             lane;
} Lane;

typedef struct
{
  GTask            *task;
  SpOverviewParts   part;
} Progress;

/* On the caller's thread: every reference to the task is let go of there */
static void
load_free (gpointer data)
{
  Load *load = data;

  if (load->progress_destroy && load->progress_data)
    load->progress_destroy (load->progress_data);

  g_clear_pointer (&load->overview, sp_overview_unref);
  g_clear_object (&load->store);
  g_clear_object (&load->cancellable);
  g_clear_error (&load->error);
  g_free (load);
}

static void
lane_free (gpointer data)
{
  Lane *lane = data;

  g_object_unref (lane->task);
  g_free (lane);
}

static void start_lane (GTask *task,
                        guint  l);

static gboolean
progress_cb (gpointer data)
{
  Progress *p = data;
  Load *load = g_task_get_task_data (p->task);

  if (!g_cancellable_is_cancelled (load->cancellable) && load->progress)
    load->progress (load->overview, p->part, load->progress_data);

  /* the figures are out: now the second worker may share the processors */
  if (p->part == SP_OVERVIEW_FIGURES && load->second)
    {
      load->second = FALSE;
      start_lane (p->task, 1);
    }

  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->task);
  g_free (p);
}

static gboolean
lane_thread (SpWorker      *worker,
             SpStore       *reader,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Lane *lane = data;
  Load *load = g_task_get_task_data (lane->task);
  const SpOverviewParts *order = lanes[lane->lane];
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (reader);

  for (guint i = 0; i < G_N_ELEMENTS (lanes[0]) && order[i] != 0; i++)
    {
      SpOverviewParts part = order[i] & load->parts;
      Progress *p;

      if (part == 0)
        continue;

      if (!sp_overview_compute (load->overview, engine, part, cancellable, error))
        return FALSE;

      p = g_new0 (Progress, 1);
      p->task = g_object_ref (lane->task);
      p->part = part;
      sp_worker_post (worker, G_PRIORITY_DEFAULT, progress_cb, p, progress_free);
    }

  return TRUE;
}

static void
lane_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!sp_worker_run_finish (result, NULL, &error) && load->error == NULL)
    load->error = g_steal_pointer (&error);

  /* the first worker stopped short of the figures: the second starts anyway */
  if (load->second && load->error == NULL)
    {
      load->second = FALSE;
      start_lane (task, 1);
    }

  if (--load->pending > 0)
    return;

  if (load->error != NULL)
    g_task_return_error (task, g_steal_pointer (&load->error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
lane_is_wanted (Load  *load,
                guint  l)
{
  SpOverviewParts wanted = 0;

  for (guint i = 0; i < G_N_ELEMENTS (lanes[l]); i++)
    wanted |= lanes[l][i];

  return (load->parts & wanted) != 0;
}

/* Starts worker @l of the load of @task */
static void
start_lane (GTask *task,
            guint  l)
{
  Load *load = g_task_get_task_data (task);
  Lane *lane = g_new0 (Lane, 1);

  lane->task = g_object_ref (task);
  lane->lane = l;
  load->pending++;
  sp_worker_run_async (NULL, load->store, SP_WORKER_DEFAULT, lane_thread, lane, lane_free,
                       load->cancellable, lane_done_cb, g_object_ref (task));
}

/*
 * Computes @parts of @self on two worker threads, each with a read-only
 * connection of its own to @store's file, calling @progress on this
 * thread as each part is done (figures first).  Cancelling stops between
 * two engine calls; @progress is not called after that.  @self must not
 * be read for a part before its progress call.
 */
void
sp_overview_load_async (SpOverview          *self,
                        SpStore             *store,
                        SpOverviewParts      parts,
                        GCancellable        *cancellable,
                        SpOverviewProgress   progress,
                        gpointer             progress_data,
                        GDestroyNotify       progress_destroy,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (self != NULL);
  g_return_if_fail (SP_IS_STORE (store));

  load = g_new0 (Load, 1);
  load->overview = sp_overview_ref (self);
  load->store = g_object_ref (store);
  load->parts = parts & ~sp_overview_get_done (self);
  load->progress = progress;
  load->progress_data = progress_data;
  load->progress_destroy = progress_destroy;
  load->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();

  task = g_task_new (NULL, load->cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_overview_load_async);
  g_task_set_name (task, "[sp] overview");
  g_task_set_task_data (task, load, load_free);

  /* the cards wait for no one: the second worker starts once the figures are out */
  load->second = lane_is_wanted (load, 1);
  if (lane_is_wanted (load, 0))
    start_lane (task, 0);
  if (load->second && !(load->parts & SP_OVERVIEW_FIGURES))
    {
      load->second = FALSE;
      start_lane (task, 1);
    }

  if (load->pending == 0)
    g_task_return_boolean (task, TRUE);
}

gboolean
sp_overview_load_finish (SpOverview    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
