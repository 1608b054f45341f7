/* sp-review-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-overview.h"
#include "sp-review.h"

G_BEGIN_DECLS

#define SP_TYPE_REVIEW_PAGE (sp_review_page_get_type ())

G_DECLARE_FINAL_TYPE (SpReviewPage, sp_review_page, SP, REVIEW_PAGE, AdwBin)

GtkWidget       *sp_review_page_new              (void);
void             sp_review_page_set_store        (SpReviewPage     *self,
                                                  SpStore          *store,
                                                  SpBenchmarks     *benchmarks);
void             sp_review_page_open             (SpReviewPage     *self,
                                                  SpReviewCadence   cadence,
                                                  const SpPeriod   *period);
gboolean         sp_review_page_save             (SpReviewPage     *self,
                                                  GError          **error);
SpReviewCadence  sp_review_page_get_cadence      (SpReviewPage     *self);
const SpPeriod  *sp_review_page_get_period       (SpReviewPage     *self);
const SpReview  *sp_review_page_get_review       (SpReviewPage     *self);
const SpReview  *sp_review_page_get_previous     (SpReviewPage     *self);
GtkEditable     *sp_review_page_get_focus_entry  (SpReviewPage     *self);
GtkTextBuffer   *sp_review_page_get_notes_buffer (SpReviewPage     *self);

G_END_DECLS
