/* sp-review.h
 *
 * The weekly, monthly and quarterly reviews the articles recommend (seeds
 * 000, 004): their periods, what they flag, the targets they propose, and
 * the notes the owner writes in them, kept in the database for the next
 * review to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-benchmarks.h"
#include "sp-kpi-set.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_REVIEW_WEEKLY,       /* CSAT and FCR, agents and topics well below average, one issue */
  SP_REVIEW_MONTHLY,      /* the Core Four and their trends, coaching */
  SP_REVIEW_QUARTERLY,    /* secondary KPIs, targets for the next quarter */
  SP_N_REVIEW_CADENCES
} SpReviewCadence;

/* A target proposed in a quarterly review for the next quarter */
typedef struct
{
  SpKpi    kpi;
  double   current;      /* the value in the quarter reviewed, NAN if none */
  double   target;
} SpReviewTarget;

typedef struct
{
  SpReviewCadence  cadence;
  SpPeriod         period;
  char            *focus;       /* "the one issue to address", or NULL */
  char            *notes;       /* or NULL */
  GArray          *targets;     /* SpReviewTarget, quarterly only */
  SpTime           updated_at;  /* SP_TIME_NONE: never saved */
} SpReview;

/* Returns: (transfer none) */
const char *sp_review_cadence_to_string     (SpReviewCadence      cadence);
gboolean    sp_review_cadence_from_string   (const char          *str,
                                             SpReviewCadence     *cadence);

SpPeriod    sp_review_get_period            (SpReviewCadence      cadence,
                                             SpDate               date);
SpPeriod    sp_review_get_latest_period     (SpReviewCadence      cadence,
                                             SpDate               today);
SpPeriod    sp_review_shift_period          (SpReviewCadence      cadence,
                                             const SpPeriod      *period,
                                             int                  n);

/* Returns: (transfer full) */
SpReview   *sp_review_new                   (SpReviewCadence      cadence,
                                             const SpPeriod      *period);
void        sp_review_free                  (SpReview            *review);
gboolean    sp_review_is_empty              (const SpReview      *review);
void        sp_review_set_target            (SpReview            *review,
                                             SpKpi                kpi,
                                             double               current,
                                             double               target);
/* Returns: (transfer none) */
const SpReviewTarget *sp_review_get_target  (const SpReview      *review,
                                             SpKpi                kpi);

/* Notes in the database (review_notes) */
/* Returns: (transfer full) */
SpReview   *sp_store_load_review            (SpStore             *store,
                                             SpReviewCadence      cadence,
                                             const SpPeriod      *period,
                                             GError             **error);
gboolean    sp_store_save_review            (SpStore             *store,
                                             const SpReview      *review,
                                             GError             **error);
/* Returns: (transfer full) */
SpReview   *sp_store_load_previous_review   (SpStore             *store,
                                             SpReviewCadence      cadence,
                                             const SpPeriod      *period,
                                             GError             **error);
/* Returns: (transfer full) */
GArray     *sp_store_list_proposed_targets  (SpStore             *store,
                                             const SpPeriod      *quarter,
                                             GError             **error);

/* What a review flags and proposes (@direction: sp_kpi_get_direction()) */
gboolean    sp_review_is_well_below         (SpDirection          direction,
                                             const SpKpiValue    *value,
                                             const SpKpiValue    *team,
                                             double               min_gap);
double      sp_review_propose_target        (SpDirection          direction,
                                             const SpBand        *band,
                                             double               current);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpReview, sp_review_free)

G_END_DECLS
