/* sp-review.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-review"

#include "config.h"

#include <math.h>

#include "sp-review.h"
#include "sp-store-private.h"

static const char *cadences[] = { "weekly", "monthly", "quarterly" };

G_STATIC_ASSERT (G_N_ELEMENTS (cadences) == SP_N_REVIEW_CADENCES);

const char *
sp_review_cadence_to_string (SpReviewCadence cadence)
{
  g_return_val_if_fail (cadence < SP_N_REVIEW_CADENCES, NULL);
  return cadences[cadence];
}

gboolean
sp_review_cadence_from_string (const char      *str,
                               SpReviewCadence *cadence)
{
  for (guint i = 0; i < G_N_ELEMENTS (cadences); i++)
    if (g_strcmp0 (str, cadences[i]) == 0)
      {
        *cadence = i;
        return TRUE;
      }

  return FALSE;
}

/* The ISO week, month or quarter that holds @date */
SpPeriod
sp_review_get_period (SpReviewCadence cadence,
                      SpDate          date)
{
  SpPeriod period;

  switch (cadence)
    {
    case SP_REVIEW_WEEKLY:
      period.from = sp_date_week_start (date);
      period.to = period.from + 6;
      break;
    case SP_REVIEW_MONTHLY:
      period.from = sp_date_month_start (date);
      period.to = sp_date_month_end (date);
      break;
    case SP_REVIEW_QUARTERLY:
    default:
      period.from = sp_date_quarter_start (date);
      period.to = sp_date_quarter_end (date);
      break;
    }

  return period;
}

/* The last whole week, month or quarter before @today: the one to review */
SpPeriod
sp_review_get_latest_period (SpReviewCadence cadence,
                             SpDate          today)
{
  SpPeriod current = sp_review_get_period (cadence, today);

  return sp_review_get_period (cadence, current.from - 1);
}

SpPeriod
sp_review_shift_period (SpReviewCadence  cadence,
                        const SpPeriod  *period,
                        int              n)
{
  SpPeriod none = { 0, 0 };

  g_return_val_if_fail (period != NULL, none);

  switch (cadence)
    {
    case SP_REVIEW_WEEKLY:
      return sp_review_get_period (cadence, period->from + 7 * n);
    case SP_REVIEW_MONTHLY:
      return sp_review_get_period (cadence, sp_date_add_months (period->from, n));
    case SP_REVIEW_QUARTERLY:
    default:
      return sp_review_get_period (cadence, sp_date_add_months (period->from, 3 * n));
    }
}

SpReview *
sp_review_new (SpReviewCadence  cadence,
               const SpPeriod  *period)
{
  SpReview *review;

  g_return_val_if_fail (period != NULL, NULL);

  review = g_new0 (SpReview, 1);
  review->cadence = cadence;
  review->period = *period;
  review->targets = g_array_new (FALSE, FALSE, sizeof (SpReviewTarget));
  review->updated_at = SP_TIME_NONE;

  return review;
}

void
sp_review_free (SpReview *review)
{
  if (review == NULL)
    return;

  g_free (review->focus);
  g_free (review->notes);
  g_array_unref (review->targets);
  g_free (review);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

gboolean
sp_review_is_empty (const SpReview *review)
{
  g_return_val_if_fail (review != NULL, TRUE);

  return is_blank (review->focus) && is_blank (review->notes) && review->targets->len == 0;
}

/* Sets (or with a NAN @target, removes) the proposed target for @kpi */
void
sp_review_set_target (SpReview *review,
                      SpKpi     kpi,
                      double    current,
                      double    target)
{
  SpReviewTarget entry = { kpi, current, target };

  g_return_if_fail (review != NULL);

  for (guint i = 0; i < review->targets->len; i++)
    {
      SpReviewTarget *t = &g_array_index (review->targets, SpReviewTarget, i);

      if (t->kpi != kpi)
        continue;

      if (isnan (target))
        g_array_remove_index (review->targets, i);
      else
        *t = entry;
      return;
    }

  if (!isnan (target))
    g_array_append_val (review->targets, entry);
}

const SpReviewTarget *
sp_review_get_target (const SpReview *review,
                      SpKpi           kpi)
{
  g_return_val_if_fail (review != NULL, NULL);

  for (guint i = 0; i < review->targets->len; i++)
    {
      const SpReviewTarget *t = &g_array_index (review->targets, SpReviewTarget, i);

      if (t->kpi == kpi)
        return t;
    }

  return NULL;
}

/* The database */

static gboolean
read_review (SpStore   *store,
             SpReview  *review,
             GError   **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  SpStep step;

  stmt = sp_store_prepare (store,
                           "SELECT topic, kpi, body, target, current, updated_at "
                           "FROM review_notes "
                           "WHERE cadence = ?1 AND period_from = ?2 AND period_to = ?3 "
                           "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, cadences[review->cadence], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, review->period.from);
  sqlite3_bind_int64 (stmt, 3, review->period.to);

  while ((step = sp_store_step (store, stmt, error)) == SP_STEP_ROW)
    {
      const char *topic = (const char *) sqlite3_column_text (stmt, 0);
      SpTime updated = sqlite3_column_int64 (stmt, 5);

      if (review->updated_at == SP_TIME_NONE || updated > review->updated_at)
        review->updated_at = updated;

      if (g_strcmp0 (topic, "focus") == 0)
        {
          g_free (review->focus);
          review->focus = sp_column_dup_text (stmt, 2);
        }
      else if (g_strcmp0 (topic, "notes") == 0)
        {
          g_free (review->notes);
          review->notes = sp_column_dup_text (stmt, 2);
        }
      else if (g_strcmp0 (topic, "target") == 0)
        {
          SpKpi kpi;

          /* a KPI this version does not know is skipped, not an error */
          if (sp_kpi_from_key ((const char *) sqlite3_column_text (stmt, 1), &kpi))
            sp_review_set_target (review, kpi, sp_column_double (stmt, 4),
                                  sp_column_double (stmt, 3));
        }
    }

  return step == SP_STEP_DONE;
}

/* The review of @period, with no notes if none were written */
SpReview *
sp_store_load_review (SpStore          *store,
                      SpReviewCadence   cadence,
                      const SpPeriod   *period,
                      GError          **error)
{
  g_autoptr(SpReview) review = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (cadence < SP_N_REVIEW_CADENCES, NULL);
  g_return_val_if_fail (period != NULL, NULL);

  review = sp_review_new (cadence, period);
  if (!read_review (store, review, error))
    return NULL;

  return g_steal_pointer (&review);
}

static gboolean
insert_note (SpStore         *store,
             const SpReview  *review,
             const char      *topic,
             const char      *kpi,
             const char      *body,
             double           target,
             double           current,
             SpTime           now,
             GError         **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  stmt = sp_store_prepare (store,
                           "INSERT INTO review_notes (cadence, period_from, period_to, topic, "
                           "kpi, body, target, current, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, cadences[review->cadence], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, review->period.from);
  sqlite3_bind_int64 (stmt, 3, review->period.to);
  sqlite3_bind_text (stmt, 4, topic, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, kpi, -1, SQLITE_STATIC);
  sp_bind_text (stmt, 6, body ? body : "");
  sp_bind_double (stmt, 7, target);
  sp_bind_double (stmt, 8, current);
  sqlite3_bind_int64 (stmt, 9, now);

  return sp_store_run (store, stmt, error);
}

/* Replaces what was kept of @review's period with @review, at once */
gboolean
sp_store_save_review (SpStore         *store,
                      const SpReview  *review,
                      GError         **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *focus = NULL;
  SpTime now = sp_time_now ();

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (review != NULL, FALSE);

  focus = g_strstrip (g_strdup (review->focus ? review->focus : ""));

  if (!sp_store_begin (store, error))
    return FALSE;

  stmt = sp_store_prepare (store,
                           "DELETE FROM review_notes "
                           "WHERE cadence = ?1 AND period_from = ?2 AND period_to = ?3", error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, cadences[review->cadence], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, review->period.from);
  sqlite3_bind_int64 (stmt, 3, review->period.to);
  if (!sp_store_run (store, stmt, error))
    goto failed;
  g_clear_pointer (&stmt, sp_stmt_release);

  if (!is_blank (focus) &&
      !insert_note (store, review, "focus", "", focus, NAN, NAN, now, error))
    goto failed;

  if (!is_blank (review->notes) &&
      !insert_note (store, review, "notes", "", review->notes, NAN, NAN, now, error))
    goto failed;

  for (guint i = 0; i < review->targets->len; i++)
    {
      const SpReviewTarget *t = &g_array_index (review->targets, SpReviewTarget, i);

      if (!insert_note (store, review, "target", sp_kpi_to_key (t->kpi), NULL, t->target,
                        t->current, now, error))
        goto failed;
    }

  return sp_store_commit (store, error);

failed:
  sp_store_rollback (store);
  return FALSE;
}

/*
 * The latest review of @cadence before @period that has notes, to show in
 * the review of @period; NULL (and no error) when there is none.
 */
SpReview *
sp_store_load_previous_review (SpStore          *store,
                               SpReviewCadence   cadence,
                               const SpPeriod   *period,
                               GError          **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  SpPeriod previous;
  SpStep step;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (cadence < SP_N_REVIEW_CADENCES, NULL);
  g_return_val_if_fail (period != NULL, NULL);

  stmt = sp_store_prepare (store,
                           "SELECT period_from, period_to FROM review_notes "
                           "WHERE cadence = ?1 AND period_from < ?2 "
                           "ORDER BY period_from DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, cadences[cadence], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, period->from);

  step = sp_store_step (store, stmt, error);
  if (step != SP_STEP_ROW)
    return NULL;

  previous.from = sqlite3_column_int64 (stmt, 0);
  previous.to = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, sp_stmt_release);

  return sp_store_load_review (store, cadence, &previous, error);
}

/*
 * The targets proposed for @quarter in the quarterly review of the quarter
 * before it (SpReviewTarget); empty when there are none.  Goals are made
 * from these.
 */
GArray *
sp_store_list_proposed_targets (SpStore         *store,
                                const SpPeriod  *quarter,
                                GError         **error)
{
  g_autoptr(SpReview) review = NULL;
  SpPeriod before;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (quarter != NULL, NULL);

  before = sp_review_shift_period (SP_REVIEW_QUARTERLY, quarter, -1);
  review = sp_store_load_review (store, SP_REVIEW_QUARTERLY, &before, error);
  if (review == NULL)
    return NULL;

  return g_array_ref (review->targets);
}

/* Judgement */

/*
 * Whether @value (an agent's or a topic's) is well worse than the @team's:
 * by at least @min_gap, and beyond chance where there is an interval (its
 * far end still worse than the team); without one, by twice @min_gap on
 * at least 30 answers or contacts.
 */
gboolean
sp_review_is_well_below (SpDirection       direction,
                         const SpKpiValue *value,
                         const SpKpiValue *team,
                         double            min_gap)
{
  double gap;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (team != NULL, FALSE);

  if (!isfinite (value->value) || !isfinite (team->value))
    return FALSE;

  switch (direction)
    {
    case SP_DIRECTION_HIGHER_IS_BETTER:
      gap = team->value - value->value;
      break;
    case SP_DIRECTION_LOWER_IS_BETTER:
      gap = value->value - team->value;
      break;
    case SP_DIRECTION_IN_BAND:
    case SP_DIRECTION_NEUTRAL:
    default:
      return FALSE;
    }

  if (gap < min_gap)
    return FALSE;

  if (isfinite (value->lower) && isfinite (value->upper))
    return direction == SP_DIRECTION_HIGHER_IS_BETTER ? value->upper < team->value
                                                      : value->lower > team->value;

  return value->n >= 30 && gap >= 2 * min_gap;
}

/*
 * A target for next quarter from this quarter's @current value: the next
 * band up when it is not reached (good, then excellent), holding what was
 * reached otherwise; NAN when @band gives nothing to aim at.
 */
double
sp_review_propose_target (SpDirection   direction,
                          const SpBand *band,
                          double        current)
{
  if (band == NULL)
    return NAN;

  switch (direction)
    {
    case SP_DIRECTION_HIGHER_IS_BETTER:
      if (isfinite (band->good) && !(current >= band->good))
        return band->good;
      if (isfinite (band->excellent) && !(current >= band->excellent))
        return band->excellent;
      return isfinite (current) ? floor (current) : NAN;

    case SP_DIRECTION_LOWER_IS_BETTER:
      if (isfinite (band->good) && !(current <= band->good))
        return band->good;
      if (isfinite (band->excellent) && !(current <= band->excellent))
        return band->excellent;
      return isfinite (current) ? ceil (current) : NAN;

    case SP_DIRECTION_IN_BAND:
      if (!isfinite (band->good_low) || !isfinite (band->good_high))
        return NAN;
      if (!isfinite (current))
        return (band->good_low + band->good_high) / 2;
      if (current > band->good_high)
        return band->good_high;
      if (current < band->good_low)
        return band->good_low;
      return round (current);

    case SP_DIRECTION_NEUTRAL:
    default:
      return NAN;
    }
}
