/* test-review.c: review periods, what reviews flag and propose, and their notes kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-review.h"
#include "sp-test-util.h"

static void
assert_period (SpPeriod    period,
               const char *from,
               const char *to)
{
  g_assert_cmpint (period.from, ==, sp_test_date (from));
  g_assert_cmpint (period.to, ==, sp_test_date (to));
}

static void
test_periods (void)
{
  /* a Wednesday */
  SpDate today = sp_test_date ("2026-03-11");
  SpPeriod p;

  assert_period (sp_review_get_period (SP_REVIEW_WEEKLY, today), "2026-03-09", "2026-03-15");
  assert_period (sp_review_get_latest_period (SP_REVIEW_WEEKLY, today),
                 "2026-03-02", "2026-03-08");
  assert_period (sp_review_get_latest_period (SP_REVIEW_MONTHLY, today),
                 "2026-02-01", "2026-02-28");
  assert_period (sp_review_get_latest_period (SP_REVIEW_QUARTERLY, today),
                 "2025-10-01", "2025-12-31");

  /* on a Monday the week just ended is the latest */
  assert_period (sp_review_get_latest_period (SP_REVIEW_WEEKLY, sp_test_date ("2026-03-09")),
                 "2026-03-02", "2026-03-08");

  p = sp_review_get_period (SP_REVIEW_MONTHLY, sp_test_date ("2026-01-31"));
  assert_period (sp_review_shift_period (SP_REVIEW_MONTHLY, &p, 1), "2026-02-01", "2026-02-28");
  assert_period (sp_review_shift_period (SP_REVIEW_MONTHLY, &p, -2), "2025-11-01", "2025-11-30");
  p = sp_review_get_period (SP_REVIEW_QUARTERLY, sp_test_date ("2026-02-10"));
  assert_period (sp_review_shift_period (SP_REVIEW_QUARTERLY, &p, 1), "2026-04-01", "2026-06-30");
  p = sp_review_get_period (SP_REVIEW_WEEKLY, sp_test_date ("2026-01-01"));
  assert_period (p, "2025-12-29", "2026-01-04");
  assert_period (sp_review_shift_period (SP_REVIEW_WEEKLY, &p, -1), "2025-12-22", "2025-12-28");

  {
    SpReviewCadence c;

    g_assert_true (sp_review_cadence_from_string ("quarterly", &c));
    g_assert_cmpint (c, ==, SP_REVIEW_QUARTERLY);
    g_assert_false (sp_review_cadence_from_string ("daily", &c));
    g_assert_cmpstr (sp_review_cadence_to_string (SP_REVIEW_WEEKLY), ==, "weekly");
  }
}

static void
test_notes_kept (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(GError) error = NULL;
  SpPeriod week1 = sp_review_get_period (SP_REVIEW_WEEKLY, sp_test_date ("2026-03-02"));
  SpPeriod week2 = sp_review_shift_period (SP_REVIEW_WEEKLY, &week1, 1);
  SpPeriod week4 = sp_review_shift_period (SP_REVIEW_WEEKLY, &week1, 3);

  {
    g_autoptr(SpStore) store = sp_test_open_store (dir);
    g_autoptr(SpReview) review = NULL;
    g_autoptr(SpReview) none = NULL;

    g_assert_cmpint (sp_store_get_schema_version (store), >=, 3);

    /* nothing written yet: an empty review, and no previous one */
    review = sp_store_load_review (store, SP_REVIEW_WEEKLY, &week1, &error);
    g_assert_no_error (error);
    g_assert_true (sp_review_is_empty (review));
    g_assert_cmpint (review->updated_at, ==, SP_TIME_NONE);
    none = sp_store_load_previous_review (store, SP_REVIEW_WEEKLY, &week2, &error);
    g_assert_no_error (error);
    g_assert_null (none);

    review->focus = g_strdup ("  Returns take two contacts: give Ben the refund authority  ");
    review->notes = g_strdup ("Ana covers chat on Mondays.\nO'Brien's \"quote\"; DROP TABLE x;");
    g_assert_true (sp_store_save_review (store, review, &error));
    g_assert_no_error (error);

    /* saving again replaces, it does not add */
    g_free (review->notes);
    review->notes = g_strdup ("Ana covers chat on Mondays.\nO'Brien's \"quote\"; DROP TABLE x;");
    g_assert_true (sp_store_save_review (store, review, &error));
    g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM review_notes"), ==, 2);

    /* blank notes are not kept */
    {
      g_autoptr(SpReview) blank = sp_review_new (SP_REVIEW_WEEKLY, &week2);

      blank->focus = g_strdup ("   ");
      blank->notes = g_strdup ("\n");
      g_assert_true (sp_store_save_review (store, blank, &error));
      g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM review_notes"), ==, 2);
    }
  }

  /* reopened: the notes are there, and the next reviews show them */
  {
    g_autoptr(SpStore) store = sp_test_open_store (dir);
    g_autoptr(SpReview) review = NULL;
    g_autoptr(SpReview) previous = NULL;
    g_autoptr(SpReview) monthly = NULL;

    review = sp_store_load_review (store, SP_REVIEW_WEEKLY, &week1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (review->focus, ==,
                     "Returns take two contacts: give Ben the refund authority");
    g_assert_cmpstr (review->notes, ==,
                     "Ana covers chat on Mondays.\nO'Brien's \"quote\"; DROP TABLE x;");
    g_assert_cmpint (review->updated_at, !=, SP_TIME_NONE);

    previous = sp_store_load_previous_review (store, SP_REVIEW_WEEKLY, &week2, &error);
    g_assert_no_error (error);
    g_assert_nonnull (previous);
    assert_period (previous->period, "2026-03-02", "2026-03-08");
    g_clear_pointer (&previous, sp_review_free);

    /* weeks without notes in between are skipped over */
    previous = sp_store_load_previous_review (store, SP_REVIEW_WEEKLY, &week4, &error);
    g_assert_nonnull (previous);
    g_assert_cmpint (previous->period.from, ==, week1.from);
    g_clear_pointer (&previous, sp_review_free);

    /* but not the review itself, nor later ones */
    previous = sp_store_load_previous_review (store, SP_REVIEW_WEEKLY, &week1, &error);
    g_assert_no_error (error);
    g_assert_null (previous);

    /* cadences are apart */
    monthly = sp_store_load_previous_review (store, SP_REVIEW_MONTHLY,
                                             &(SpPeriod) { week4.from, week4.from + 30 }, &error);
    g_assert_no_error (error);
    g_assert_null (monthly);
  }

  sp_test_remove_dir (dir);
}

static void
test_targets_kept (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  SpPeriod q1 = sp_review_get_period (SP_REVIEW_QUARTERLY, sp_test_date ("2026-02-01"));
  SpPeriod q2 = sp_review_shift_period (SP_REVIEW_QUARTERLY, &q1, 1);
  g_autoptr(SpReview) review = sp_review_new (SP_REVIEW_QUARTERLY, &q1);
  g_autoptr(SpReview) loaded = NULL;
  g_autoptr(GArray) targets = NULL;
  g_autoptr(GArray) none = NULL;

  sp_review_set_target (review, SP_KPI_NPS, 12, 20);
  sp_review_set_target (review, SP_KPI_REPEAT_RATE, 14.5, 10);
  sp_review_set_target (review, SP_KPI_CES, NAN, 5);
  sp_review_set_target (review, SP_KPI_NPS, 12, 25);          /* replaces */
  sp_review_set_target (review, SP_KPI_CES, NAN, NAN);         /* removes */
  g_assert_cmpuint (review->targets->len, ==, 2);
  g_assert_false (sp_review_is_empty (review));
  g_assert_true (sp_store_save_review (store, review, &error));
  g_assert_no_error (error);

  loaded = sp_store_load_review (store, SP_REVIEW_QUARTERLY, &q1, &error);
  g_assert_cmpuint (loaded->targets->len, ==, 2);
  g_assert_cmpfloat (sp_review_get_target (loaded, SP_KPI_NPS)->target, ==, 25);
  g_assert_cmpfloat (sp_review_get_target (loaded, SP_KPI_NPS)->current, ==, 12);
  g_assert_cmpfloat (sp_review_get_target (loaded, SP_KPI_REPEAT_RATE)->target, ==, 10);
  g_assert_null (sp_review_get_target (loaded, SP_KPI_CES));

  /* what the goals of next quarter are made from */
  targets = sp_store_list_proposed_targets (store, &q2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 2);
  none = sp_store_list_proposed_targets (store, &q1, &error);
  g_assert_cmpuint (none->len, ==, 0);

  sp_test_remove_dir (dir);
}

static void
test_well_below (void)
{
  SpKpiValue team = { 80, 400, 76, 84, SP_STATUS_WATCH };
  SpKpiValue far = { 65, 60, 52.4, 75.8, SP_STATUS_ACT };          /* interval below 80 */
  SpKpiValue unsure = { 70, 10, 39.7, 89.2, SP_STATUS_ACT };       /* interval reaches 80 */
  SpKpiValue close = { 77, 300, 72, 81.5, SP_STATUS_WATCH };
  SpKpiValue bare = { 60, 40, NAN, NAN, SP_STATUS_ACT };
  SpKpiValue bare_few = { 60, 12, NAN, NAN, SP_STATUS_ACT };
  SpKpiValue nothing = { NAN, 0, NAN, NAN, SP_STATUS_NONE };
  SpKpiValue esc_team = { 8, 400, 5.8, 10.9, SP_STATUS_GOOD };
  SpKpiValue esc_agent = { 24, 100, 16.7, 33.1, SP_STATUS_ACT };

  g_assert_true (sp_review_is_well_below (SP_DIRECTION_HIGHER_IS_BETTER, &far, &team, 5));
  g_assert_false (sp_review_is_well_below (SP_DIRECTION_HIGHER_IS_BETTER, &unsure, &team, 5));
  g_assert_false (sp_review_is_well_below (SP_DIRECTION_HIGHER_IS_BETTER, &close, &team, 5));
  g_assert_true (sp_review_is_well_below (SP_DIRECTION_HIGHER_IS_BETTER, &bare, &team, 5));
  g_assert_false (sp_review_is_well_below (SP_DIRECTION_HIGHER_IS_BETTER, &bare_few, &team, 5));
  g_assert_false (sp_review_is_well_below (SP_DIRECTION_HIGHER_IS_BETTER, &nothing, &team, 5));
  /* lower is better: well above the team is what is flagged */
  g_assert_true (sp_review_is_well_below (SP_DIRECTION_LOWER_IS_BETTER, &esc_agent, &esc_team, 5));
  g_assert_false (sp_review_is_well_below (SP_DIRECTION_LOWER_IS_BETTER, &esc_team, &esc_agent, 5));
  g_assert_false (sp_review_is_well_below (SP_DIRECTION_NEUTRAL, &far, &team, 5));
}

static void
test_propose (void)
{
  SpBand csat = { 90, 85, 75, NAN, NAN, NAN };
  SpBand escalation = { NAN, 10, 20, NAN, NAN, NAN };
  SpBand utilization = { NAN, NAN, NAN, 60, 75, 85 };
  SpBand none = { NAN, NAN, NAN, NAN, NAN, NAN };

  /* the next band up, then hold */
  g_assert_cmpfloat (sp_review_propose_target (SP_DIRECTION_HIGHER_IS_BETTER, &csat, 71), ==, 85);
  g_assert_cmpfloat (sp_review_propose_target (SP_DIRECTION_HIGHER_IS_BETTER, &csat, 86.2), ==, 90);
  g_assert_cmpfloat (sp_review_propose_target (SP_DIRECTION_HIGHER_IS_BETTER, &csat, 93.7), ==, 93);
  g_assert_cmpfloat (sp_review_propose_target (SP_DIRECTION_HIGHER_IS_BETTER, &csat, NAN), ==, 85);
  g_assert_cmpfloat (sp_review_propose_target (SP_DIRECTION_LOWER_IS_BETTER, &escalation, 14),
                     ==, 10);
  g_assert_cmpfloat (sp_review_propose_target (SP_DIRECTION_LOWER_IS_BETTER, &escalation, 6.2),
                     ==, 7);
  g_assert_cmpfloat (sp_review_propose_target (SP_DIRECTION_IN_BAND, &utilization, 91), ==, 75);
  g_assert_cmpfloat (sp_review_propose_target (SP_DIRECTION_IN_BAND, &utilization, 41), ==, 60);
  g_assert_cmpfloat (sp_review_propose_target (SP_DIRECTION_IN_BAND, &utilization, 70.4), ==, 70);
  g_assert_true (isnan (sp_review_propose_target (SP_DIRECTION_NEUTRAL, &csat, 9)));
  g_assert_true (isnan (sp_review_propose_target (SP_DIRECTION_HIGHER_IS_BETTER, &none, NAN)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/periods", test_periods);
  g_test_add_func ("/review/notes-kept", test_notes_kept);
  g_test_add_func ("/review/targets-kept", test_targets_kept);
  g_test_add_func ("/review/well-below", test_well_below);
  g_test_add_func ("/review/propose", test_propose);

  return g_test_run ();
}
