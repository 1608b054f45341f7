/* test-goals.c: goals in the store, their baseline, status and checks on hand-made data
 *
 * Most cases use one goal: raise CSAT for the whole shop from the baseline
 * of October–December 2026 (24 of 40 answers good: 60 %) to 80 % between
 * 1 January and 10 April 2027, 100 days.  On 5 March 2027 the window is
 * 6 February – 5 March, whose days average to day 50 of 100 on the
 * straight path: expected progress 0.5.  So on track from 68 % (progress
 * 0.4 = 0.5 − 0.10), at risk from 65 % (0.25 = 0.5 − 0.25), behind below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sp-error.h"
#include "sp-goal-chart.h"
#include "sp-goal-tracker.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"

#define EPS 1e-9

#define NOW "2027-03-05 18:00"

typedef SpTestEngine Fixture;

static void
fixture_reset (Fixture *f)
{
  sp_test_engine_teardown (f, NULL);
  sp_test_engine_setup (f, NOW);
}

/* @good CSAT answers of 5 and @bad of 1 on @day, for @agent (or nobody) */
static void
add_csat (Fixture    *f,
          const char *day,
          guint       good,
          guint       bad,
          const char *agent)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_begin (f->store, &error));
  for (guint i = 0; i < good + bad; i++)
    {
      g_autoptr(SpSurvey) s = sp_survey_new ();

      s->answered_at = sp_date_to_time (sp_test_date (day)) + 12 * 3600 + i;
      s->kind = SP_SURVEY_CSAT;
      s->score = i < good ? 5 : 1;
      sp_survey_set_agent_name (s, agent);
      g_assert_true (sp_store_save_survey (f->store, s, &error));
    }
  g_assert_true (sp_store_commit (f->store, &error));
  g_assert_no_error (error);
}

/*
 * Anonymous contacts on @day in @category: @resolved resolved on first
 * contact, @escalated escalated, @other neither.  Anonymous contacts are
 * never repeats, so each is a first contact.
 */
static void
add_contacts (Fixture    *f,
              const char *day,
              const char *category,
              guint       resolved,
              guint       escalated,
              guint       other)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_begin (f->store, &error));
  for (guint i = 0; i < resolved + escalated + other; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();

      c->received_at = sp_date_to_time (sp_test_date (day)) + 9 * 3600 + i * 60;
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, "Ana");
      sp_contact_set_category_name (c, category);
      c->first_response_at = c->received_at + 60;
      c->resolved_first_contact = i < resolved;
      c->escalated = i >= resolved && i < resolved + escalated;
      c->resolved_at = c->received_at + 600;
      g_assert_true (sp_store_save_contact (f->store, c, &error));
    }
  g_assert_true (sp_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static SpGoal *
csat_goal (double target)
{
  return sp_goal_new (SP_KPI_CSAT, NULL, target, sp_test_date ("2027-01-01"),
                      sp_test_date ("2027-04-10"));
}

static SpGoalProgress *
evaluate (Fixture    *f,
          SpGoal     *goal,
          const char *today)
{
  g_autoptr(GError) error = NULL;
  SpGoalProgress *p = sp_goal_tracker_evaluate (f->engine, goal, sp_test_date (today), &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

static void
assert_period (const SpPeriod *period,
               const char     *from,
               const char     *to)
{
  g_autofree char *a = sp_date_format_iso (period->from);
  g_autofree char *b = sp_date_format_iso (period->to);

  g_assert_cmpstr (a, ==, from);
  g_assert_cmpstr (b, ==, to);
}

static gint64
save (Fixture *f,
      SpGoal  *goal)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_save_goal (f->store, goal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (goal->id, >, 0);
  return goal->id;
}

/* The store */

static void
test_store_roundtrip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpGoal) goal = NULL;
  g_autoptr(SpGoal) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 billing;
  SpSegment segment;

  add_contacts (f, "2026-11-02", "Billing", 1, 0, 0);
  billing = sp_store_find_entity (f->store, SP_ENTITY_CATEGORY, "billing");
  g_assert_cmpint (billing, >, 0);

  sp_segment_init_category (&segment, billing);
  goal = sp_goal_new (SP_KPI_FCR, &segment, 75, sp_test_date ("2027-01-01"),
                      sp_test_date ("2027-03-31"));
  g_assert_cmpint (goal->objective, ==, SP_GOAL_OBJECTIVE_EFFICIENCY);
  save (f, goal);
  g_assert_cmpstr (goal->segment_label, ==, "Billing");
  g_assert_cmpint (goal->created_at, ==, sp_test_time ("2027-03-05 18:00"));

  got = sp_store_load_goal (f->store, goal->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->kpi, ==, SP_KPI_FCR);
  g_assert_true (sp_segment_equal (&got->segment, &segment));
  g_assert_cmpstr (got->segment_label, ==, "Billing");
  g_assert_cmpfloat (got->target, ==, 75);
  g_assert_cmpint (got->start, ==, sp_test_date ("2027-01-01"));
  g_assert_cmpint (got->due, ==, sp_test_date ("2027-03-31"));
  g_assert_cmpint (got->direction, ==, SP_DIRECTION_HIGHER_IS_BETTER);
  g_assert_true (isnan (got->baseline_estimate));
  g_assert_cmpint (got->state, ==, SP_GOAL_STATE_OPEN);
  g_assert_cmpint (got->state_day, ==, SP_DATE_NONE);

  /* the other segments come back as they went in */
  {
    g_autoptr(SpGoal) chat = NULL;
    g_autoptr(SpGoal) none = NULL;
    g_autoptr(SpGoal) ana = NULL;
    g_autoptr(SpGoal) aht = NULL;
    g_autoptr(SpGoal) back = NULL;
    SpSegment s;

    sp_segment_init_channel (&s, SP_CHANNEL_CHAT);
    chat = sp_goal_new (SP_KPI_FIRST_RESPONSE, &s, 1, sp_test_date ("2027-01-01"),
                        sp_test_date ("2027-01-31"));
    sp_goal_set_objective_text (chat, "Chat customers leave when kept waiting");
    save (f, chat);
    g_assert_cmpstr (chat->segment_label, ==, "Chat");
    g_assert_cmpint (chat->direction, ==, SP_DIRECTION_LOWER_IS_BETTER);

    sp_segment_init_category (&s, -1);
    none = sp_goal_new (SP_KPI_CSAT, &s, 90, sp_test_date ("2027-01-01"),
                        sp_test_date ("2027-01-31"));
    save (f, none);
    back = sp_store_load_goal (f->store, none->id, &error);
    g_assert_cmpint (back->segment.kind, ==, SP_SEGMENT_CATEGORY);
    g_assert_cmpint (back->segment.id, ==, -1);
    g_clear_object (&back);

    sp_segment_init_agent (&s, sp_store_find_entity (f->store, SP_ENTITY_AGENT, "Ana"));
    ana = sp_goal_new (SP_KPI_CSAT, &s, 90, sp_test_date ("2027-02-01"),
                       sp_test_date ("2027-02-28"));
    save (f, ana);
    g_assert_cmpstr (ana->segment_label, ==, "Ana");

    /* AHT has no better way: the goal says which way it wants it */
    aht = sp_goal_new (SP_KPI_AHT, NULL, 6, sp_test_date ("2027-01-01"),
                       sp_test_date ("2027-03-31"));
    aht->direction = SP_DIRECTION_LOWER_IS_BETTER;
    save (f, aht);
    back = sp_store_load_goal (f->store, aht->id, &error);
    g_assert_cmpint (sp_goal_get_direction (back), ==, SP_DIRECTION_LOWER_IS_BETTER);
    g_assert_cmpint (back->objective, ==, SP_GOAL_OBJECTIVE_EFFICIENCY);
  }

  list = sp_store_list_goals (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  /* by due date */
  g_assert_cmpint (((SpGoal *) g_ptr_array_index (list, 0))->due, ==,
                   sp_test_date ("2027-01-31"));
  g_assert_cmpint (((SpGoal *) g_ptr_array_index (list, 4))->due, ==,
                   sp_test_date ("2027-03-31"));

  events = sp_store_list_goal_events (f->store, goal->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (((SpGoalEvent *) events->pdata[0])->kind, ==, SP_GOAL_EVENT_CREATED);
  g_assert_cmpfloat (((SpGoalEvent *) events->pdata[0])->new_target, ==, 75);

  /* the store's change signal says goals changed */
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM goals"), ==, 5);
}

static void
test_store_validate (Fixture       *f,
                     gconstpointer  data)
{
  struct {
    SpKpi       kpi;
    SpSegmentKind kind;
    double      target;
    const char *start;
    const char *due;
    SpGoalObjective objective;
    const char *words;
  } bad[] = {
    /* volume can't be a goal */
    { SP_KPI_CONTACTS, SP_SEGMENT_ALL, 100, "2027-01-01", "2027-01-31", SP_GOAL_OBJECTIVE_COSTS },
    /* churn is shop-wide */
    { SP_KPI_CHURN, SP_SEGMENT_CHANNEL, 5, "2027-01-01", "2027-01-31", SP_GOAL_OBJECTIVE_LOYALTY },
    /* percentages stay within 0–100, CES within 1–7 */
    { SP_KPI_CSAT, SP_SEGMENT_ALL, 101, "2027-01-01", "2027-01-31", SP_GOAL_OBJECTIVE_LOYALTY },
    { SP_KPI_CES, SP_SEGMENT_ALL, 0.5, "2027-01-01", "2027-01-31", SP_GOAL_OBJECTIVE_LOYALTY },
    { SP_KPI_CSAT, SP_SEGMENT_ALL, NAN, "2027-01-01", "2027-01-31", SP_GOAL_OBJECTIVE_LOYALTY },
    /* due before the start */
    { SP_KPI_CSAT, SP_SEGMENT_ALL, 90, "2027-01-02", "2027-01-01", SP_GOAL_OBJECTIVE_LOYALTY },
    /* own words, but none */
    { SP_KPI_CSAT, SP_SEGMENT_ALL, 90, "2027-01-01", "2027-01-31", SP_GOAL_OBJECTIVE_OWN, "  " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SpGoal) goal = NULL;
      SpSegment segment;

      sp_segment_init_all (&segment);
      if (bad[i].kind == SP_SEGMENT_CHANNEL)
        sp_segment_init_channel (&segment, SP_CHANNEL_PHONE);

      goal = sp_goal_new (bad[i].kpi, &segment, bad[i].target, sp_test_date (bad[i].start),
                          sp_test_date (bad[i].due));
      goal->objective = bad[i].objective;
      sp_goal_set_objective_text (goal, bad[i].words);

      g_assert_false (sp_store_save_goal (f->store, goal, &error));
      g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
      g_assert_cmpint (goal->id, ==, 0);
    }

  /* an agent that does not exist */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SpGoal) goal = NULL;
    SpSegment segment;

    sp_segment_init_agent (&segment, 4242);
    goal = sp_goal_new (SP_KPI_CSAT, &segment, 90, sp_test_date ("2027-01-01"),
                        sp_test_date ("2027-01-31"));
    g_assert_false (sp_store_save_goal (f->store, goal, &error));
    g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
  }

  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM goals"), ==, 0);
}

static void
test_store_adjust (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpGoal) goal = csat_goal (80);
  g_autoptr(SpGoal) got = NULL;
  g_autoptr(GPtrArray) events = NULL;
  SpGoalEvent *e;

  save (f, goal);

  /* a new target with a reason */
  g_assert_true (sp_store_adjust_goal (f->store, goal->id, 75, SP_DATE_NONE,
                                       "New hires need time", &error));
  g_assert_no_error (error);
  /* a new due date */
  g_assert_true (sp_store_adjust_goal (f->store, goal->id, NAN, sp_test_date ("2027-04-30"),
                                       NULL, &error));
  /* nothing changes: nothing recorded */
  g_assert_true (sp_store_adjust_goal (f->store, goal->id, 75, sp_test_date ("2027-04-30"),
                                       "same", &error));
  /* saving the record with a new target records it too */
  got = sp_store_load_goal (f->store, goal->id, &error);
  got->target = 77;
  g_assert_true (sp_store_save_goal (f->store, got, &error));
  g_clear_object (&got);
  /* a bad adjustment changes nothing */
  g_assert_false (sp_store_adjust_goal (f->store, goal->id, NAN, sp_test_date ("2026-12-01"),
                                        NULL, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_clear_error (&error);

  got = sp_store_load_goal (f->store, goal->id, &error);
  g_assert_cmpfloat (got->target, ==, 77);
  g_assert_cmpint (got->due, ==, sp_test_date ("2027-04-30"));

  events = sp_store_list_goal_events (f->store, goal->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);

  e = events->pdata[0];
  g_assert_cmpint (e->kind, ==, SP_GOAL_EVENT_CREATED);
  g_assert_cmpfloat (e->new_target, ==, 80);
  g_assert_cmpint (e->new_due, ==, sp_test_date ("2027-04-10"));

  e = events->pdata[1];
  g_assert_cmpint (e->kind, ==, SP_GOAL_EVENT_ADJUSTED);
  g_assert_cmpfloat (e->old_target, ==, 80);
  g_assert_cmpfloat (e->new_target, ==, 75);
  g_assert_cmpint (e->old_due, ==, SP_DATE_NONE);
  g_assert_cmpstr (e->reason, ==, "New hires need time");
  {
    g_autofree char *text = sp_goal_event_describe (e, SP_KPI_CSAT, NULL);
    g_assert_cmpstr (text, ==, "Target 80 % → 75 %: New hires need time");
  }

  e = events->pdata[2];
  g_assert_true (isnan (e->old_target));
  g_assert_cmpint (e->old_due, ==, sp_test_date ("2027-04-10"));
  g_assert_cmpint (e->new_due, ==, sp_test_date ("2027-04-30"));
  {
    g_autofree char *text = sp_goal_event_describe (e, SP_KPI_CSAT, NULL);
    g_assert_cmpstr (text, ==, "Due 10 April 2027 → 30 April 2027");
  }

  e = events->pdata[3];
  g_assert_cmpfloat (e->old_target, ==, 75);
  g_assert_cmpfloat (e->new_target, ==, 77);
  g_assert_null (e->reason);
}

static void
test_store_close (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpGoal) a = csat_goal (80);
  g_autoptr(SpGoal) b = csat_goal (85);
  g_autoptr(SpGoal) got = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) events = NULL;

  save (f, a);
  save (f, b);

  g_assert_true (sp_store_close_goal (f->store, a->id, SP_GOAL_STATE_CLOSED,
                                      sp_test_date ("2027-03-01"), NULL, &error));
  g_assert_no_error (error);

  /* abandoning needs a reason */
  g_assert_false (sp_store_close_goal (f->store, b->id, SP_GOAL_STATE_ABANDONED,
                                       sp_test_date ("2027-03-02"), "   ", &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sp_store_close_goal (f->store, b->id, SP_GOAL_STATE_ABANDONED,
                                      sp_test_date ("2027-03-02"), " Survey tool changed ",
                                      &error));

  got = sp_store_load_goal (f->store, b->id, &error);
  g_assert_cmpint (got->state, ==, SP_GOAL_STATE_ABANDONED);
  g_assert_cmpint (got->state_day, ==, sp_test_date ("2027-03-02"));
  g_assert_cmpstr (got->state_reason, ==, "Survey tool changed");

  /* closed goals stay as they are */
  g_assert_false (sp_store_adjust_goal (f->store, a->id, 70, SP_DATE_NONE, NULL, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sp_store_close_goal (f->store, a->id, SP_GOAL_STATE_ABANDONED,
                                       sp_test_date ("2027-03-03"), "again", &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_clear_error (&error);
  got->target = 60;
  g_assert_false (sp_store_save_goal (f->store, got, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_clear_error (&error);

  open = sp_store_list_goals (f->store, FALSE, &error);
  g_assert_cmpuint (open->len, ==, 0);
  all = sp_store_list_goals (f->store, TRUE, &error);
  g_assert_cmpuint (all->len, ==, 2);
  /* the most recently ended first */
  g_assert_cmpint (((SpGoal *) all->pdata[0])->id, ==, b->id);

  events = sp_store_list_goal_events (f->store, b->id, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (((SpGoalEvent *) events->pdata[1])->kind, ==, SP_GOAL_EVENT_ABANDONED);
  g_assert_cmpstr (((SpGoalEvent *) events->pdata[1])->reason, ==, "Survey tool changed");
}

static void
test_store_notes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpGoal) goal = csat_goal (80);
  g_autoptr(GPtrArray) notes = NULL;
  gint64 first, second;

  save (f, goal);

  first = sp_store_add_goal_note (f->store, goal->id, sp_test_date ("2027-02-01"),
                                  "Started the new greeting script", 62.5, "behind", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  second = sp_store_add_goal_note (f->store, goal->id, sp_test_date ("2027-03-01"),
                                   "Ben coached on refunds", NAN, NULL, &error);
  g_assert_cmpint (second, >, first);

  g_assert_cmpint (sp_store_add_goal_note (f->store, goal->id, sp_test_date ("2027-03-01"),
                                           " \n", NAN, NULL, &error), ==, 0);
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sp_store_add_goal_note (f->store, 999, sp_test_date ("2027-03-01"),
                                           "lost", NAN, NULL, &error), ==, 0);
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  notes = sp_store_list_goal_notes (f->store, goal->id, &error);
  g_assert_cmpuint (notes->len, ==, 2);
  /* the latest first */
  g_assert_cmpstr (((SpGoalNote *) notes->pdata[0])->text, ==, "Ben coached on refunds");
  g_assert_true (isnan (((SpGoalNote *) notes->pdata[0])->value));
  g_assert_cmpstr (((SpGoalNote *) notes->pdata[1])->text, ==,
                   "Started the new greeting script");
  g_assert_cmpfloat (((SpGoalNote *) notes->pdata[1])->value, ==, 62.5);
  g_assert_cmpstr (((SpGoalNote *) notes->pdata[1])->status, ==, "behind");
  g_assert_cmpint (((SpGoalNote *) notes->pdata[1])->day, ==, sp_test_date ("2027-02-01"));
  g_clear_pointer (&notes, g_ptr_array_unref);

  g_assert_true (sp_store_delete_goal_note (f->store, second, &error));
  notes = sp_store_list_goal_notes (f->store, goal->id, &error);
  g_assert_cmpuint (notes->len, ==, 1);

  /* deleting the goal takes its notes and history along */
  g_assert_true (sp_store_delete_goal (f->store, goal->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM goal_notes"), ==, 0);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM goal_events"), ==, 0);
  g_assert_false (sp_store_delete_goal (f->store, goal->id, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
}

static void
test_store_merge_topic (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpGoal) goal = NULL;
  g_autoptr(SpGoal) got = NULL;
  gint64 bills, billing;
  SpSegment segment;

  add_contacts (f, "2026-11-02", "Bills", 1, 0, 0);
  add_contacts (f, "2026-11-02", "Billing", 1, 0, 0);
  bills = sp_store_find_entity (f->store, SP_ENTITY_CATEGORY, "Bills");
  billing = sp_store_find_entity (f->store, SP_ENTITY_CATEGORY, "Billing");

  sp_segment_init_category (&segment, bills);
  goal = sp_goal_new (SP_KPI_FCR, &segment, 75, sp_test_date ("2027-01-01"),
                      sp_test_date ("2027-03-31"));
  save (f, goal);

  g_assert_true (sp_store_merge_entities (f->store, SP_ENTITY_CATEGORY, bills, billing, &error));
  g_assert_no_error (error);

  got = sp_store_load_goal (f->store, goal->id, &error);
  g_assert_cmpint (got->segment.id, ==, billing);
  g_assert_cmpstr (got->segment_label, ==, "Billing");
}

/* The baseline */

static void
test_baseline_period (void)
{
  struct {
    const char *start, *due;
    gboolean widened;
    const char *from, *to;
  } cases[] = {
    /* a quarter: the quarter before */
    { "2027-01-01", "2027-03-31", FALSE, "2026-10-01", "2026-12-31" },
    /* a month: the month before */
    { "2027-02-01", "2027-02-28", FALSE, "2027-01-01", "2027-01-31" },
    /* 45 days are 1.48 months: one; 46 days are 1.51: two */
    { "2027-02-15", "2027-03-31", FALSE, "2027-01-01", "2027-01-31" },
    { "2027-02-15", "2027-04-01", FALSE, "2026-12-01", "2027-01-31" },
    /* a year: never more than three months */
    { "2027-01-01", "2027-12-31", FALSE, "2026-10-01", "2026-12-31" },
    /* a day: one month */
    { "2027-03-10", "2027-03-10", FALSE, "2027-02-01", "2027-02-28" },
    { "2027-02-01", "2027-02-28", TRUE, "2026-11-01", "2027-01-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpPeriod p = sp_goal_tracker_baseline_period (sp_test_date (cases[i].start),
                                                    sp_test_date (cases[i].due),
                                                    cases[i].widened);
      assert_period (&p, cases[i].from, cases[i].to);
    }
}

static void
test_baseline_widened (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SpGoal) goal = sp_goal_new (SP_KPI_CSAT, NULL, 80, sp_test_date ("2027-02-01"),
                                        sp_test_date ("2027-02-28"));
  g_autoptr(SpGoalProgress) p = NULL;

  /* January alone has 29 answers: too few; November–January have 49 */
  add_csat (f, "2027-01-15", 20, 9, NULL);
  add_csat (f, "2026-11-15", 10, 10, NULL);
  p = evaluate (f, goal, "2027-02-10");
  assert_period (&p->baseline_period, "2026-11-01", "2027-01-31");
  g_assert_cmpint (p->baseline.n, ==, 49);
  g_assert_cmpfloat_with_epsilon (p->baseline.value, 3000.0 / 49, EPS);
  g_clear_pointer (&p, sp_goal_progress_free);

  /* with 30 in January, January is the baseline */
  add_csat (f, "2027-01-16", 1, 0, NULL);
  p = evaluate (f, goal, "2027-02-10");
  assert_period (&p->baseline_period, "2027-01-01", "2027-01-31");
  g_assert_cmpint (p->baseline.n, ==, 30);
  g_assert_cmpfloat (p->baseline.value, ==, 70);
  g_assert_false (p->baseline_partial);
}

/* Status */

/* The standard CSAT goal's baseline: 60 % of 40 answers in October–December 2026 */
static void
add_baseline (Fixture *f)
{
  add_csat (f, "2026-11-10", 24, 16, NULL);
}

static void
test_status_thresholds (Fixture       *f,
                        gconstpointer  data)
{
  struct {
    guint        good, bad;
    SpGoalStatus status;
    double       progress;
  } cases[] = {
    { 40, 10, SP_GOAL_STATUS_ACHIEVED, 1.0 },      /* 80 %: the target */
    { 79, 21, SP_GOAL_STATUS_ON_TRACK, 0.95 },     /* 79 % */
    { 34, 16, SP_GOAL_STATUS_ON_TRACK, 0.40 },     /* 68 %: 0.5 − 0.10 */
    { 27, 13, SP_GOAL_STATUS_AT_RISK, 0.375 },     /* 67.5 % */
    { 26, 14, SP_GOAL_STATUS_AT_RISK, 0.25 },      /* 65 %: 0.5 − 0.25 */
    { 32, 18, SP_GOAL_STATUS_BEHIND, 0.20 },       /* 64 % */
    { 30, 20, SP_GOAL_STATUS_BEHIND, 0.0 },        /* 60 %: the baseline */
    { 15, 15, SP_GOAL_STATUS_BEHIND, -0.5 },       /* 50 %, 30 answers: enough to judge */
    { 29, 0, SP_GOAL_STATUS_NO_DATA, 2.0 },        /* 100 %, but only 29 answers */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpGoal) goal = csat_goal (80);
      g_autoptr(SpGoalProgress) p = NULL;

      if (i > 0)
        fixture_reset (f);

      add_baseline (f);
      add_csat (f, "2027-02-20", cases[i].good, cases[i].bad, NULL);
      /* outside the window and the span: they must not count */
      add_csat (f, "2027-03-06", 0, 50, NULL);

      p = evaluate (f, goal, "2027-03-05");
      g_test_message ("case %u: %u good, %u bad", i, cases[i].good, cases[i].bad);

      assert_period (&p->baseline_period, "2026-10-01", "2026-12-31");
      g_assert_cmpfloat (p->baseline.value, ==, 60);
      g_assert_cmpint (p->baseline.n, ==, 40);
      g_assert_false (p->baseline_estimated);
      assert_period (&p->so_far, "2027-01-01", "2027-03-05");
      g_assert_cmpint (p->current.n, ==, cases[i].good + cases[i].bad);
      g_assert_cmpint (p->since_start.n, ==, cases[i].good + cases[i].bad);
      if (cases[i].status == SP_GOAL_STATUS_NO_DATA)
        {
          /* too few in the whole span: shown over all of it */
          assert_period (&p->window, "2027-01-01", "2027-03-05");
          g_assert_cmpfloat_with_epsilon (p->expected, 0.32, EPS);
        }
      else
        {
          assert_period (&p->window, "2027-02-06", "2027-03-05");
          g_assert_cmpfloat_with_epsilon (p->expected, 0.5, EPS);
        }
      g_assert_cmpint (p->days_left, ==, 36);
      g_assert_cmpint (p->status, ==, cases[i].status);
      g_assert_cmpint (p->verdict, ==, cases[i].status);
      g_assert_cmpfloat_with_epsilon (p->progress, cases[i].progress, EPS);
    }
}

static void
test_status_dates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SpGoal) goal = csat_goal (80);
  SpGoalProgress *p;

  add_baseline (f);

  /* the day before the start */
  p = evaluate (f, goal, "2026-12-31");
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_NOT_STARTED);
  g_assert_cmpfloat (p->baseline.value, ==, 60);
  g_assert_true (p->baseline_partial);
  g_assert_true (isnan (p->current.value));
  g_assert_cmpfloat (p->expected, ==, 0);
  sp_goal_progress_free (p);

  /* the first day, nothing yet */
  p = evaluate (f, goal, "2027-01-01");
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_NO_DATA);
  g_assert_false (p->baseline_partial);
  assert_period (&p->window, "2027-01-01", "2027-01-01");
  g_assert_cmpint (p->current.n, ==, 0);
  sp_goal_progress_free (p);

  /* met after two weeks: on track; achieved once four weeks meet it */
  {
    g_autoptr(SpGoal) late = sp_goal_new (SP_KPI_CSAT, NULL, 80, sp_test_date ("2027-02-20"),
                                          sp_test_date ("2027-04-10"));

    add_csat (f, "2027-02-21", 40, 10, NULL);
    p = evaluate (f, late, "2027-03-05");
    assert_period (&p->window, "2027-02-20", "2027-03-05");
    g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_ON_TRACK);
    sp_goal_progress_free (p);
    p = evaluate (f, late, "2027-03-18");
    assert_period (&p->window, "2027-02-20", "2027-03-18");
    g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_ON_TRACK);
    sp_goal_progress_free (p);
    p = evaluate (f, late, "2027-03-19");
    assert_period (&p->window, "2027-02-20", "2027-03-19");
    g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_ACHIEVED);
    sp_goal_progress_free (p);
  }

  /* 79 % over the last 28 days of the goal */
  add_csat (f, "2027-03-20", 79, 21, NULL);

  /* on the due day itself it is not over yet: 0.95 of the way, 0.86 expected */
  p = evaluate (f, goal, "2027-04-10");
  assert_period (&p->window, "2027-03-14", "2027-04-10");
  g_assert_cmpfloat_with_epsilon (p->expected, 0.86, EPS);
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_ON_TRACK);
  g_assert_cmpint (p->days_left, ==, 0);
  sp_goal_progress_free (p);

  /* the day after: missed, judged on the window that ends on the due day */
  p = evaluate (f, goal, "2027-04-11");
  assert_period (&p->window, "2027-03-14", "2027-04-10");
  g_assert_cmpint (p->as_of, ==, sp_test_date ("2027-04-10"));
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_MISSED);
  g_assert_cmpint (p->days_left, ==, -1);
  sp_goal_progress_free (p);

  /* one more good answer on the due day: 80 of 101 is 79.2 %, still missed … */
  add_csat (f, "2027-04-10", 1, 0, NULL);
  p = evaluate (f, goal, "2027-06-01");
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_MISSED);
  sp_goal_progress_free (p);

  /* … and 4 more make 84 of 105: 80 %, achieved; answers after the due day do not count */
  add_csat (f, "2027-04-10", 4, 0, NULL);
  add_csat (f, "2027-04-11", 0, 100, NULL);
  p = evaluate (f, goal, "2027-06-01");
  g_assert_cmpfloat (p->current.value, ==, 80);
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_ACHIEVED);
  sp_goal_progress_free (p);
}

static void
test_status_window_widens (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SpGoal) goal = csat_goal (80);
  g_autoptr(SpGoalProgress) p = NULL;
  g_autofree char *text = NULL;

  add_baseline (f);
  /* 15 answers in the last 28 days: the window goes back a week at a time
   * until it holds 30, to 9 January: days 8 to 63 of the goal, whose middle
   * is day 36 of 100 */
  add_csat (f, "2027-02-20", 12, 3, NULL);
  add_csat (f, "2027-01-10", 10, 10, NULL);

  p = evaluate (f, goal, "2027-03-05");
  assert_period (&p->window, "2027-01-09", "2027-03-05");
  g_assert_cmpint (p->current.n, ==, 35);
  g_assert_cmpfloat_with_epsilon (p->current.value, 2200.0 / 35, EPS);
  g_assert_cmpfloat_with_epsilon (p->expected, 0.36, EPS);
  g_assert_cmpfloat_with_epsilon (p->progress, (2200.0 / 35 - 60) / 20, EPS);
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_AT_RISK);

  text = sp_goal_progress_explain (p);
  g_assert_cmpstr (text, ==, "62.9 % from 9 January to 5 March 2027 (35 answers): 14 % of the "
                             "way from 60 % to 80 %; the straight path expects 36 % by now.");
}

static void
test_status_lower_is_better (Fixture       *f,
                             gconstpointer  data)
{
  struct {
    guint        escalated, other;
    SpGoalStatus status;
    double       progress;
  } cases[] = {
    { 10, 40, SP_GOAL_STATUS_ON_TRACK, 0.5 },    /* 20 % */
    { 5, 45, SP_GOAL_STATUS_ACHIEVED, 1.0 },     /* 10 % */
    { 13, 37, SP_GOAL_STATUS_BEHIND, 0.2 },      /* 26 % */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpGoal) goal = sp_goal_new (SP_KPI_ESCALATION_RATE, NULL, 10,
                                            sp_test_date ("2027-01-01"),
                                            sp_test_date ("2027-04-10"));
      g_autoptr(SpGoalProgress) p = NULL;
      g_autofree char *sentence = NULL;

      if (i > 0)
        fixture_reset (f);

      /* 12 of 40 escalated: 30 % */
      add_contacts (f, "2026-11-10", NULL, 0, 12, 28);
      add_contacts (f, "2027-02-20", NULL, 0, cases[i].escalated, cases[i].other);

      p = evaluate (f, goal, "2027-03-05");
      g_assert_cmpfloat (p->baseline.value, ==, 30);
      g_assert_cmpint (p->status, ==, cases[i].status);
      g_assert_cmpfloat_with_epsilon (p->progress, cases[i].progress, EPS);

      sentence = sp_goal_dup_sentence (goal, p->baseline.value, NULL);
      g_assert_cmpstr (sentence, ==,
                       "Lower the escalation rate from 30 % to 10 % by 10 April 2027");
    }
}

static void
test_status_hold (Fixture       *f,
                  gconstpointer  data)
{
  SpGoalProgress *p;
  SpGoal *goal = csat_goal (60);
  g_autofree char *sentence = NULL;

  add_baseline (f);
  add_csat (f, "2027-02-20", 29, 21, NULL);   /* 58 % */

  p = evaluate (f, goal, "2027-03-05");
  g_assert_true (isnan (p->progress));
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_BEHIND);
  sentence = sp_goal_dup_sentence (goal, p->baseline.value, NULL);
  g_assert_cmpstr (sentence, ==,
                   "Keep customer satisfaction (CSAT) at or above 60 % until 10 April 2027");
  sp_goal_progress_free (p);

  /* exactly the level to keep */
  fixture_reset (f);
  add_baseline (f);
  add_csat (f, "2027-02-20", 30, 20, NULL);
  p = evaluate (f, goal, "2027-03-05");
  g_assert_cmpfloat (p->current.value, ==, 60);
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_ACHIEVED);
  sp_goal_progress_free (p);
  g_object_unref (goal);
}

static void
test_status_no_baseline (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(SpGoal) goal = csat_goal (80);
  SpGoalProgress *p;
  char *text;

  add_csat (f, "2027-02-20", 34, 16, NULL);   /* 68 % */

  p = evaluate (f, goal, "2027-03-05");
  g_assert_true (isnan (p->baseline.value));
  g_assert_cmpint (p->baseline.n, ==, 0);
  g_assert_true (isnan (p->progress));
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_NO_DATA);
  text = sp_goal_progress_explain (p);
  g_assert_true (strstr (text, "no baseline") != NULL);
  g_free (text);
  text = sp_goal_dup_sentence (goal, p->baseline.value, NULL);
  g_assert_cmpstr (text, ==, "Raise customer satisfaction (CSAT) to 80 % by 10 April 2027");
  g_free (text);
  sp_goal_progress_free (p);

  /* the owner's estimate stands in */
  goal->baseline_estimate = 60;
  p = evaluate (f, goal, "2027-03-05");
  g_assert_true (p->baseline_estimated);
  g_assert_cmpfloat (p->baseline.value, ==, 60);
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_ON_TRACK);
  sp_goal_progress_free (p);

  /* until the data has a baseline of its own */
  add_csat (f, "2026-12-01", 13, 27, NULL);   /* 32.5 % */
  p = evaluate (f, goal, "2027-03-05");
  g_assert_false (p->baseline_estimated);
  g_assert_cmpfloat (p->baseline.value, ==, 32.5);
  sp_goal_progress_free (p);
}

static void
test_status_closed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpGoal) goal = csat_goal (80);
  g_autoptr(SpGoal) got = NULL;
  g_autoptr(SpGoalProgress) p = NULL;
  g_autofree char *text = NULL;

  add_baseline (f);
  add_csat (f, "2027-02-10", 34, 16, NULL);   /* 68 % */
  add_csat (f, "2027-03-01", 0, 50, NULL);    /* after the goal was closed */
  save (f, goal);

  g_assert_true (sp_store_close_goal (f->store, goal->id, SP_GOAL_STATE_CLOSED,
                                      sp_test_date ("2027-02-20"), "Replaced by a CES goal",
                                      &error));
  got = sp_store_load_goal (f->store, goal->id, &error);
  p = evaluate (f, got, "2027-03-05");

  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_CLOSED);
  g_assert_cmpint (p->as_of, ==, sp_test_date ("2027-02-20"));
  assert_period (&p->window, "2027-01-24", "2027-02-20");
  g_assert_cmpfloat (p->current.value, ==, 68);
  /* days 23 to 50: the middle is day 37 of 100; 0.4 of the way is on track */
  g_assert_cmpfloat_with_epsilon (p->expected, 0.37, EPS);
  g_assert_cmpint (p->verdict, ==, SP_GOAL_STATUS_ON_TRACK);

  text = sp_goal_progress_explain (p);
  g_assert_cmpstr (text, ==, "Closed on 20 February 2027 (status then: On track): Replaced by "
                             "a CES goal");
}

/* A segment goal counts only its segment */

static void
test_segment_topic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SpGoal) goal = NULL;
  g_autoptr(SpGoalProgress) p = NULL;
  g_autofree char *sentence = NULL;
  SpSegment billing;

  /* Billing: 26 of 40 first contacts resolved (65 %); Returns: none of 40 */
  add_contacts (f, "2026-11-10", "Billing", 26, 0, 14);
  add_contacts (f, "2026-11-10", "Returns", 0, 0, 40);
  /* Billing: 28 of 40 (70 %); Returns: all 40 — the shop would be at 85 % */
  add_contacts (f, "2027-02-20", "Billing", 28, 2, 10);
  add_contacts (f, "2027-02-20", "Returns", 40, 0, 0);

  sp_segment_init_category (&billing, sp_store_find_entity (f->store, SP_ENTITY_CATEGORY,
                                                            "Billing"));
  goal = sp_goal_new (SP_KPI_FCR, &billing, 75, sp_test_date ("2027-01-01"),
                      sp_test_date ("2027-03-31"));
  save (f, goal);

  p = evaluate (f, goal, "2027-03-05");
  g_assert_cmpfloat (p->baseline.value, ==, 65);
  g_assert_cmpint (p->baseline.n, ==, 40);
  g_assert_cmpfloat (p->current.value, ==, 70);
  g_assert_cmpint (p->current.n, ==, 40);
  g_assert_cmpfloat_with_epsilon (p->progress, 0.5, EPS);
  /* days 37 to 64 of 90: the middle is day 50 */
  g_assert_cmpfloat_with_epsilon (p->expected, 50.0 / 90, EPS);
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_ON_TRACK);

  sentence = sp_goal_dup_sentence (goal, p->baseline.value, NULL);
  g_assert_cmpstr (sentence, ==, "Raise first contact resolution for Billing from 65 % to 75 % "
                                 "by 31 March 2027");
}

static void
test_segment_agent (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SpGoal) goal = NULL;
  g_autoptr(SpGoalProgress) p = NULL;
  SpSegment ana;

  add_csat (f, "2026-11-10", 30, 10, "Ana");   /* 75 % */
  add_csat (f, "2026-11-10", 0, 40, "Ben");
  add_csat (f, "2026-11-10", 0, 40, NULL);     /* nobody's: the shop's only */
  add_csat (f, "2027-02-20", 36, 4, "Ana");    /* 90 % */
  add_csat (f, "2027-02-20", 0, 40, "Ben");

  sp_segment_init_agent (&ana, sp_store_find_entity (f->store, SP_ENTITY_AGENT, "Ana"));
  goal = sp_goal_new (SP_KPI_CSAT, &ana, 85, sp_test_date ("2027-01-01"),
                      sp_test_date ("2027-04-10"));
  p = evaluate (f, goal, "2027-03-05");
  g_assert_cmpfloat (p->baseline.value, ==, 75);
  g_assert_cmpint (p->baseline.n, ==, 40);
  g_assert_cmpfloat (p->current.value, ==, 90);
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_ACHIEVED);
}

static void
test_urgency (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) goals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GError) error = NULL;
  double targets[] = { 80, 61, 66, 65 };   /* behind, achieved, at risk, on track */
  SpGoalStatus expected[] = {
    SP_GOAL_STATUS_BEHIND, SP_GOAL_STATUS_AT_RISK, SP_GOAL_STATUS_ON_TRACK,
    SP_GOAL_STATUS_ACHIEVED,
  };

  add_baseline (f);
  add_csat (f, "2027-02-20", 31, 19, NULL);   /* 62 % */

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    g_ptr_array_add (goals, csat_goal (targets[i]));

  progress = sp_goal_tracker_evaluate_all (f->engine, goals, sp_test_date ("2027-03-05"),
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress->len, ==, 4);
  for (guint i = 0; i < progress->len; i++)
    g_assert_cmpint (((SpGoalProgress *) progress->pdata[i])->status, ==, expected[i]);
}

static void
evaluated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sp_goal_tracker_evaluate_store_finish (result, &error);
  g_assert_no_error (error);
}

/* The dashboard's target lines, and the same figures from a thread */
static void
test_find_target_and_async (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) evaluated = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpGoal) q1 = csat_goal (80);
  g_autoptr(SpGoal) later = sp_goal_new (SP_KPI_CSAT, NULL, 85, sp_test_date ("2027-04-01"),
                                         sp_test_date ("2027-06-30"));
  g_autoptr(SpGoal) ana = NULL;
  SpSegment segment;
  SpPeriod march = sp_period_make (sp_test_date ("2027-03-01"), sp_test_date ("2027-03-31"));
  SpPeriod april = sp_period_make (sp_test_date ("2027-04-01"), sp_test_date ("2027-04-30"));
  SpPeriod july = sp_period_make (sp_test_date ("2027-07-01"), sp_test_date ("2027-07-31"));

  add_baseline (f);
  add_csat (f, "2027-02-20", 34, 16, "Ana");
  sp_segment_init_agent (&segment, sp_store_find_entity (f->store, SP_ENTITY_AGENT, "Ana"));
  ana = sp_goal_new (SP_KPI_CSAT, &segment, 90, sp_test_date ("2027-01-01"),
                     sp_test_date ("2027-03-31"));
  save (f, q1);
  save (f, later);
  save (f, ana);

  goals = sp_store_list_goals (f->store, FALSE, &error);
  g_assert_cmpfloat (sp_goals_find_target (goals, SP_KPI_CSAT, NULL, &march), ==, 80);
  /* April holds both: the one due first */
  g_assert_cmpfloat (sp_goals_find_target (goals, SP_KPI_CSAT, NULL, &april), ==, 80);
  g_assert_cmpfloat (sp_goals_find_target (goals, SP_KPI_CSAT, &segment, &march), ==, 90);
  g_assert_true (isnan (sp_goals_find_target (goals, SP_KPI_CSAT, NULL, &july)));
  g_assert_true (isnan (sp_goals_find_target (goals, SP_KPI_FCR, NULL, &march)));

  sp_goal_tracker_evaluate_store_async (f->store, FALSE, sp_test_date ("2027-03-05"), NULL,
                                        evaluated_cb, &evaluated);
  while (evaluated == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* most urgent first: Ana's goal has no baseline (her answers start in February), the
   * shop's is on track at 68 %, the later one has not started */
  g_assert_cmpuint (evaluated->len, ==, 3);
  g_assert_cmpint (((SpGoalProgress *) evaluated->pdata[0])->goal->id, ==, ana->id);
  g_assert_cmpint (((SpGoalProgress *) evaluated->pdata[0])->status, ==, SP_GOAL_STATUS_NO_DATA);
  g_assert_cmpint (((SpGoalProgress *) evaluated->pdata[1])->status, ==, SP_GOAL_STATUS_ON_TRACK);
  g_assert_cmpfloat (((SpGoalProgress *) evaluated->pdata[1])->current.value, ==, 68);
  g_assert_cmpint (((SpGoalProgress *) evaluated->pdata[2])->status, ==,
                   SP_GOAL_STATUS_NOT_STARTED);
}

/* Churn is per month in a goal, as in its band */
static void
test_churn_per_month (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SpGoal) goal = sp_goal_new (SP_KPI_CHURN, NULL, 4, sp_test_date ("2027-01-01"),
                                        sp_test_date ("2027-03-31"));
  g_autoptr(SpGoalProgress) p = NULL;

  sp_test_add_month (f->store, 2026, 10, 0, 200, 12, 10);
  sp_test_add_month (f->store, 2026, 11, 0, 198, 12, 10);
  sp_test_add_month (f->store, 2026, 12, 0, 196, 12, 10);
  sp_test_add_month (f->store, 2027, 1, 0, 200, 10, 10);
  sp_test_add_month (f->store, 2027, 2, 0, 200, 8, 10);

  p = evaluate (f, goal, "2027-03-05");
  /* 36 lost of 200 over three months: 6 % a month */
  g_assert_cmpfloat_with_epsilon (p->baseline.value, 6, EPS);
  /* the last 28 days hold no whole month; a week more holds February: 8 of 200 */
  assert_period (&p->window, "2027-01-30", "2027-03-05");
  g_assert_cmpfloat_with_epsilon (p->current.value, 4, EPS);
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_ACHIEVED);
  /* since the start: January and February, 18 of 200, 4.5 % a month */
  g_assert_cmpfloat_with_epsilon (p->since_start.value, 4.5, EPS);
}

/* The goal chart: months from October (the baseline) to April (the due date) */
static void
test_chart (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SpGoal) goal = csat_goal (80);
  g_autoptr(SpGoal) hold = csat_goal (60);
  g_autoptr(SpGoalProgress) p = NULL;
  g_autoptr(SpGoalProgress) ph = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(SpChart) chart = NULL;
  g_autoptr(SpChart) hold_chart = NULL;
  g_autoptr(GError) error = NULL;
  /* the path: the baseline, then its average over each month of the goal:
   * January days 0–31 (middle 15.5 of 100), February 31–59, March 59–90,
   * 1–10 April 90–100 */
  const double path[] = { 60, 60, 60, 63.1, 69, 74.9, 79 };
  const SpChartPoint *points;
  SpGranularity granularity;
  guint n = 0;

  add_baseline (f);
  add_csat (f, "2027-02-20", 34, 16, NULL);

  p = evaluate (f, goal, "2027-03-05");
  sets = sp_goal_tracker_trend (f->engine, p, &granularity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (granularity, ==, SP_GRANULARITY_MONTH);
  /* October to 5 March */
  g_assert_cmpuint (sets->len, ==, 6);

  chart = sp_goal_chart_new (p, sets, sp_kpi_engine_get_benchmarks (f->engine));
  g_assert_cmpuint (sp_chart_get_n_series (chart), ==, 2);

  points = sp_chart_get_points (chart, 0, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_true (isnan (points[0].value));
  g_assert_cmpfloat (points[1].value, ==, 60);
  g_assert_cmpint (points[1].n, ==, 40);
  g_assert_cmpfloat (points[4].value, ==, 68);
  g_assert_cmpint (points[5].to, ==, sp_test_date ("2027-03-05"));

  points = sp_chart_get_points (chart, 1, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (path));
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (points[i].value, path[i], EPS);
  g_assert_cmpint (points[6].from, ==, sp_test_date ("2027-04-01"));
  g_assert_cmpint (points[6].to, ==, sp_test_date ("2027-04-10"));

  /* drawn: the target as a line, the path without a count */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 300);
    cairo_t *cr = cairo_create (surface);
    g_autoptr(SpChartLayout) layout = NULL;
    gboolean target = FALSE;
    SpChartStyle style;

    sp_chart_style_init_light (&style);
    layout = sp_chart_draw (chart, cr, 640, 300, &style, NULL);
    for (guint i = 0; i < layout->lines->len; i++)
      {
        SpChartLineArea *line = &g_array_index (layout->lines, SpChartLineArea, i);
        target |= line->kind == SP_CHART_LINE_TARGET && line->value == 80;
      }
    g_assert_true (target);

    for (guint i = 0; i < layout->items->len; i++)
      {
        SpChartItem *item = &g_array_index (layout->items, SpChartItem, i);
        g_autofree char *tip = NULL;

        if (item->series != 1 || item->index != 4)
          continue;
        tip = sp_chart_dup_tooltip (chart, item);
        g_assert_cmpstr (tip, ==, "Straight path · February 2027\n69.0\302\240%");
        n = 0;
      }
    g_assert_cmpuint (n, ==, 0);

    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  /* a goal to hold a level has no path to follow */
  ph = evaluate (f, hold, "2027-03-05");
  hold_chart = sp_goal_chart_new (ph, sets, NULL);
  g_assert_cmpuint (sp_chart_get_n_series (hold_chart), ==, 1);
}

/*
 * The chart's last point is the figure the status is judged on: March so
 * far holds 4 of 5 good answers (80 %, above the path), but the last 28
 * days hold 22 of 35 (62.9 %): Behind.  The chart must not show 80 %
 * above the path beside "Behind"; its last point is 62.9 %, drawn as "so
 * far", over those 28 days.
 */
static void
test_chart_agrees_with_status (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(SpGoal) goal = csat_goal (80);
  g_autoptr(SpGoalProgress) p = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(SpChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  const SpChartPoint *points, *path, *last;
  g_autofree char *tip = NULL;
  guint n = 0, n_path = 0;

  add_baseline (f);
  add_csat (f, "2027-02-20", 18, 12, NULL);
  add_csat (f, "2027-03-02", 4, 1, NULL);

  p = evaluate (f, goal, "2027-03-05");
  g_assert_cmpint (p->status, ==, SP_GOAL_STATUS_BEHIND);
  g_assert_cmpfloat_with_epsilon (p->current.value, 100.0 * 22 / 35, EPS);

  sets = sp_goal_tracker_trend (f->engine, p, NULL, &error);
  g_assert_no_error (error);
  /* March so far, on its own, is 80 % and not over */
  g_assert_cmpfloat_with_epsilon (sp_kpi_set_get (g_ptr_array_index (sets, sets->len - 1),
                                                  SP_KPI_CSAT)->value, 80, EPS);
  g_assert_true (((SpKpiSet *) g_ptr_array_index (sets, sets->len - 1))->partial);
  g_assert_false (((SpKpiSet *) g_ptr_array_index (sets, sets->len - 2))->partial);

  chart = sp_goal_chart_new (p, sets, NULL);
  points = sp_chart_get_points (chart, 0, &n);
  path = sp_chart_get_points (chart, 1, &n_path);
  last = &points[n - 1];
  g_assert_cmpfloat_with_epsilon (last->value, p->current.value, EPS);
  g_assert_cmpint (last->n, ==, 35);
  g_assert_true (last->partial);
  g_assert_false (points[n - 2].partial);
  /* behind: below the path where the path passes the same month */
  g_assert_cmpint (path[n - 1].from, ==, last->from);
  g_assert_cmpfloat (last->value, <, path[n - 1].value);

  {
    SpChartItem item = { SP_CHART_ITEM_POINT, 0, n - 1 };

    tip = sp_chart_dup_tooltip (chart, &item);
    g_assert_true (g_str_has_prefix (tip, "Actual · 6 February – 5 March 2027, so far\n62.9"));
  }
}

/* Checks */

/*
 * A year of CSAT, 40 answers a month: 80 % each month but 82.5 % in
 * March, 90 % in June and 85 % in July 2026.  The best three-month gain is
 * March → June, 7.5 points; the best month June.
 */
static void
add_history (Fixture *f)
{
  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *day = g_strdup_printf ("2026-%02d-10", m);
      guint good = m == 6 ? 36 : m == 7 ? 34 : m == 3 ? 33 : 32;

      add_csat (f, day, good, 40 - good, NULL);
    }
}

static GPtrArray *
check (Fixture *f,
       SpGoal  *goal,
       const char *today)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *checks = sp_goal_tracker_check (f->engine, goal, sp_test_date (today), &error);

  g_assert_no_error (error);
  g_assert_nonnull (checks);
  for (guint i = 0; i < checks->len; i++)
    g_test_message ("%s", ((SpGoalCheck *) checks->pdata[i])->message);
  return checks;
}

static gboolean
has_check (GPtrArray       *checks,
           SpGoalCheckKind  kind)
{
  for (guint i = 0; i < checks->len; i++)
    {
      if (((SpGoalCheck *) checks->pdata[i])->kind == kind)
        return TRUE;
    }
  return FALSE;
}

static SpGoal *
quarter_goal (double target)
{
  return sp_goal_new (SP_KPI_CSAT, NULL, target, sp_test_date ("2027-01-01"),
                      sp_test_date ("2027-03-31"));
}

static void
test_checks (Fixture       *f,
             gconstpointer  data)
{
  add_history (f);

  /* 87.5 %: +7.5 in three months, what the shop did once; below the best
   * month and excellent: nothing to say */
  {
    g_autoptr(SpGoal) goal = quarter_goal (87.5);
    g_autoptr(GPtrArray) checks = check (f, goal, "2027-01-05");

    g_assert_cmpuint (checks->len, ==, 0);
  }

  /* 92 %: beyond excellent (90 %), beyond the best month, and +12 in
   * three months where the best was +7.5 */
  {
    g_autoptr(SpGoal) goal = quarter_goal (92);
    g_autoptr(GPtrArray) checks = check (f, goal, "2027-01-05");

    g_assert_cmpuint (checks->len, ==, 3);
    g_assert_cmpint (((SpGoalCheck *) checks->pdata[0])->kind, ==,
                     SP_GOAL_CHECK_BEYOND_EXCELLENT);
    g_assert_cmpstr (((SpGoalCheck *) checks->pdata[0])->message, ==,
                     "92 % is beyond 90 %, where the benchmark puts excellent: few shops get "
                     "there, fewer stay there.");
    g_assert_cmpint (((SpGoalCheck *) checks->pdata[1])->kind, ==, SP_GOAL_CHECK_BEYOND_BEST);
    g_assert_cmpstr (((SpGoalCheck *) checks->pdata[1])->message, ==,
                     "92 % is beyond anything the shop has reached: its best month so far "
                     "was June 2026, at 90 % (40 answers).");
    g_assert_cmpint (((SpGoalCheck *) checks->pdata[2])->kind, ==, SP_GOAL_CHECK_STEEP);
    g_assert_cmpstr (((SpGoalCheck *) checks->pdata[2])->message, ==,
                     "It needs +12.0 pts in about 3 months: steeper than anything in the past "
                     "year, where the most customer satisfaction (CSAT) improved in 3 months "
                     "was +7.5 pts.");
  }

  /* 90 % is excellent, not beyond it, and equals the best month; +10 is steep */
  {
    g_autoptr(SpGoal) goal = quarter_goal (90);
    g_autoptr(GPtrArray) checks = check (f, goal, "2027-01-05");

    g_assert_cmpuint (checks->len, ==, 1);
    g_assert_true (has_check (checks, SP_GOAL_CHECK_STEEP));
  }

  /* the same +10 over a year: the past year holds no 12-month stretch to
   * compare with, and under a point a month is far from the house's 5 */
  {
    g_autoptr(SpGoal) goal = sp_goal_new (SP_KPI_CSAT, NULL, 90, sp_test_date ("2027-01-01"),
                                          sp_test_date ("2027-12-31"));
    g_autoptr(GPtrArray) checks = check (f, goal, "2027-01-05");

    g_assert_cmpuint (checks->len, ==, 0);
  }

  /* 70 %: below the baseline, and in the band that needs action */
  {
    g_autoptr(SpGoal) goal = quarter_goal (70);
    g_autoptr(GPtrArray) checks = check (f, goal, "2027-01-05");

    g_assert_cmpuint (checks->len, ==, 2);
    g_assert_true (has_check (checks, SP_GOAL_CHECK_NOT_AN_IMPROVEMENT));
    g_assert_true (has_check (checks, SP_GOAL_CHECK_STILL_ACT));
  }

  /* set before the baseline's quarter ended */
  {
    g_autoptr(SpGoal) goal = quarter_goal (85);
    g_autoptr(GPtrArray) checks = check (f, goal, "2026-12-20");

    g_assert_cmpuint (checks->len, ==, 1);
    g_assert_true (has_check (checks, SP_GOAL_CHECK_PARTIAL_BASELINE));
  }

  /* past due, and a second goal on the same KPI over the same days */
  {
    g_autoptr(SpGoal) goal = quarter_goal (85);
    g_autoptr(SpGoal) other = sp_goal_new (SP_KPI_CSAT, NULL, 86, sp_test_date ("2027-03-01"),
                                           sp_test_date ("2027-05-31"));
    g_autoptr(GPtrArray) checks = NULL;

    save (f, other);
    checks = check (f, goal, "2027-04-02");
    g_assert_cmpuint (checks->len, ==, 2);
    g_assert_true (has_check (checks, SP_GOAL_CHECK_PAST_DUE));
    g_assert_true (has_check (checks, SP_GOAL_CHECK_OVERLAP));
  }
}

static void
test_checks_without_history (Fixture       *f,
                             gconstpointer  data)
{
  /* 20 answers in December only: a small baseline, too few for the goal's month */
  add_csat (f, "2026-12-10", 12, 8, NULL);

  {
    g_autoptr(SpGoal) goal = sp_goal_new (SP_KPI_CSAT, NULL, 70, sp_test_date ("2027-01-01"),
                                          sp_test_date ("2027-01-31"));
    g_autoptr(GPtrArray) checks = check (f, goal, "2027-01-05");

    g_assert_true (has_check (checks, SP_GOAL_CHECK_SMALL_BASELINE));
    g_assert_true (has_check (checks, SP_GOAL_CHECK_FEW_DATA));
    /* no history: +10 points in a month is steep by the house rule (5 a month) */
    g_assert_true (has_check (checks, SP_GOAL_CHECK_STEEP));
  }

  /* +4 points a month is not */
  {
    g_autoptr(SpGoal) goal = sp_goal_new (SP_KPI_CSAT, NULL, 64, sp_test_date ("2027-01-01"),
                                          sp_test_date ("2027-01-31"));
    g_autoptr(GPtrArray) checks = check (f, goal, "2027-01-05");

    g_assert_false (has_check (checks, SP_GOAL_CHECK_STEEP));
  }

  /* nothing before the start at all */
  {
    g_autoptr(SpGoal) goal = sp_goal_new (SP_KPI_NPS, NULL, 30, sp_test_date ("2027-01-01"),
                                          sp_test_date ("2027-03-31"));
    g_autoptr(GPtrArray) checks = check (f, goal, "2027-01-05");

    g_assert_true (has_check (checks, SP_GOAL_CHECK_NO_BASELINE));
    goal->baseline_estimate = 10;
    g_clear_pointer (&checks, g_ptr_array_unref);
    checks = check (f, goal, "2027-01-05");
    g_assert_false (has_check (checks, SP_GOAL_CHECK_NO_BASELINE));
    g_assert_true (has_check (checks, SP_GOAL_CHECK_ESTIMATED_BASELINE));
  }
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* One goal's figures and chart, and what its checks rest on, from a thread: the same */
static void
test_goal_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SpGoal) goal = quarter_goal (92);
  g_autoptr(SpGoalProgress) here = NULL;
  g_autoptr(SpGoalProgress) there = NULL;
  g_autoptr(SpGoalContext) context = NULL;
  g_autoptr(SpGoalContext) loaded = NULL;
  g_autoptr(GPtrArray) trend = NULL;
  g_autoptr(GPtrArray) chart = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) checks_there = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  SpDate today = sp_test_date ("2027-02-10");
  SpGranularity granularity, granularity_there;

  add_history (f);
  add_csat (f, "2027-01-20", 40, 35, NULL);
  save (f, goal);

  here = sp_goal_tracker_evaluate (f->engine, goal, today, &error);
  g_assert_no_error (error);
  trend = sp_goal_tracker_trend (f->engine, here, &granularity, &error);
  g_assert_no_error (error);

  sp_goal_tracker_evaluate_goal_async (f->store, goal, today, NULL, got_result_cb, &result);
  there = sp_goal_tracker_evaluate_goal_finish (wait_for_result (&result), &chart,
                                                &granularity_there, &error);
  g_assert_no_error (error);
  g_assert_nonnull (there);
  g_assert_true (there->goal != goal);
  g_assert_cmpint (there->goal->id, ==, goal->id);
  g_assert_cmpint (there->status, ==, here->status);
  g_assert_cmpfloat (there->baseline.value, ==, here->baseline.value);
  g_assert_cmpfloat (there->current.value, ==, here->current.value);
  g_assert_cmpfloat (there->progress, ==, here->progress);
  g_assert_cmpint (granularity_there, ==, granularity);
  g_assert_cmpuint (chart->len, ==, trend->len);
  for (guint i = 0; i < trend->len; i++)
    {
      const SpKpiValue *a = &((SpKpiSet *) chart->pdata[i])->values[SP_KPI_CSAT];
      const SpKpiValue *b = &((SpKpiSet *) trend->pdata[i])->values[SP_KPI_CSAT];

      g_assert_cmpint (a->n, ==, b->n);
      g_assert_true (a->value == b->value || (isnan (a->value) && isnan (b->value)));
    }

  context = sp_goal_context_load (f->engine, goal, today, &error);
  g_assert_no_error (error);
  sp_goal_context_load_async (f->store, goal, today, NULL, got_result_cb, &result2);
  loaded = sp_goal_context_load_finish (wait_for_result (&result2), &error);
  g_assert_no_error (error);
  g_assert_true (sp_goal_context_matches (loaded, goal));
  g_assert_cmpfloat (loaded->baseline.value, ==, context->baseline.value);
  g_assert_cmpint (loaded->has_best, ==, context->has_best);
  g_assert_cmpfloat (loaded->best.value, ==, context->best.value);
  g_assert_cmpuint (loaded->history->len, ==, context->history->len);
  g_assert_cmpuint (loaded->goals->len, ==, 1);

  checks = sp_goal_context_check (context, f->engine, goal, today);
  checks_there = sp_goal_context_check (loaded, f->engine, goal, today);
  g_assert_cmpuint (checks_there->len, ==, checks->len);
  g_assert_cmpuint (checks->len, >, 0);
}

static void
test_for_quarter (void)
{
  g_autoptr(SpGoal) a = sp_goal_new_for_quarter (SP_KPI_FCR, NULL, 75,
                                                 sp_test_date ("2026-12-20"));
  g_autoptr(SpGoal) b = sp_goal_new_for_quarter (SP_KPI_SLA_COMPLIANCE, NULL, 95,
                                                 sp_test_date ("2027-01-01"));

  g_assert_cmpint (a->start, ==, sp_test_date ("2027-01-01"));
  g_assert_cmpint (a->due, ==, sp_test_date ("2027-03-31"));
  g_assert_cmpint (a->objective, ==, SP_GOAL_OBJECTIVE_EFFICIENCY);
  g_assert_true (sp_goal_validate (a, NULL));

  g_assert_cmpint (b->start, ==, sp_test_date ("2027-01-01"));
  g_assert_cmpint (b->objective, ==, SP_GOAL_OBJECTIVE_OWN);
  g_assert_cmpstr (b->objective_text, ==, "Proposed in the quarterly review");
  g_assert_true (sp_goal_validate (b, NULL));
}

static void
test_objectives (void)
{
  g_assert_true (sp_goal_objective_tracks_kpi (SP_GOAL_OBJECTIVE_LOYALTY, SP_KPI_CHURN));
  g_assert_true (sp_goal_objective_tracks_kpi (SP_GOAL_OBJECTIVE_COSTS, SP_KPI_FCR));
  g_assert_false (sp_goal_objective_tracks_kpi (SP_GOAL_OBJECTIVE_REPUTATION, SP_KPI_FCR));
  g_assert_cmpint (sp_goal_objective_for_kpi (SP_KPI_NPS), ==, SP_GOAL_OBJECTIVE_LOYALTY);
  g_assert_cmpint (sp_goal_objective_for_kpi (SP_KPI_COST_PER_CONTACT), ==,
                   SP_GOAL_OBJECTIVE_COSTS);
  g_assert_cmpint (sp_goal_objective_for_kpi (SP_KPI_UTILIZATION), ==,
                   SP_GOAL_OBJECTIVE_EFFICIENCY);
  g_assert_cmpint (sp_goal_objective_for_kpi (SP_KPI_BACKLOG), ==, SP_GOAL_OBJECTIVE_OWN);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NOW, sp_test_engine_setup, func, sp_test_engine_teardown)

/* A goal's durations are written in its KPI's unit everywhere: a chat target of
 * a minute is "1 min" in its sentence as beside the value now, never "60 s" */
static void
test_format_one_unit (void)
{
  static const struct
  {
    SpKpi       kpi;
    double      value;
    const char *text;
  } cases[] = {
    { SP_KPI_FIRST_RESPONSE, 1, "1 min" },
    { SP_KPI_FIRST_RESPONSE, 0.9, "0.9 min" },     /* 54 s */
    { SP_KPI_FIRST_RESPONSE, 0.5, "0.5 min" },     /* 30 s */
    { SP_KPI_FIRST_RESPONSE, 4.25, "4.3 min" },
    { SP_KPI_FIRST_RESPONSE, 240, "240 min" },     /* not "4 h" */
    { SP_KPI_FCR, 75, "75 %" },
  };
  g_autoptr(SpGoal) goal = NULL;
  g_autofree char *sentence = NULL;
  SpSegment chat;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sp_goal_format_value (cases[i].kpi, cases[i].value, NULL);
      g_autofree char *like = sp_goal_format_value_like (cases[i].kpi, cases[i].value, 3.1, NULL);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (like, ==, cases[i].text);
    }

  sp_segment_init_channel (&chat, SP_CHANNEL_CHAT);
  goal = sp_goal_new (SP_KPI_FIRST_RESPONSE, &chat, 1, sp_test_date ("2026-12-01"),
                      sp_test_date ("2027-03-31"));
  sentence = sp_goal_dup_sentence (goal, 0.8, NULL);
  sp_assert_contains (sentence, "at or below 1 min until");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/goals/store/roundtrip", test_store_roundtrip);
  ADD ("/goals/store/validate", test_store_validate);
  ADD ("/goals/store/adjust", test_store_adjust);
  ADD ("/goals/store/close", test_store_close);
  ADD ("/goals/store/notes", test_store_notes);
  ADD ("/goals/store/merge-topic", test_store_merge_topic);
  g_test_add_func ("/goals/baseline/period", test_baseline_period);
  ADD ("/goals/baseline/widened", test_baseline_widened);
  ADD ("/goals/status/thresholds", test_status_thresholds);
  ADD ("/goals/status/dates", test_status_dates);
  ADD ("/goals/status/window-widens", test_status_window_widens);
  ADD ("/goals/status/lower-is-better", test_status_lower_is_better);
  ADD ("/goals/status/hold", test_status_hold);
  ADD ("/goals/status/no-baseline", test_status_no_baseline);
  ADD ("/goals/status/closed", test_status_closed);
  ADD ("/goals/status/urgency", test_urgency);
  ADD ("/goals/status/churn-per-month", test_churn_per_month);
  ADD ("/goals/chart", test_chart);
  ADD ("/goals/chart/agrees-with-status", test_chart_agrees_with_status);
  ADD ("/goals/find-target-and-async", test_find_target_and_async);
  ADD ("/goals/segment/topic", test_segment_topic);
  ADD ("/goals/segment/agent", test_segment_agent);
  ADD ("/goals/check/history", test_checks);
  ADD ("/goals/check/no-history", test_checks_without_history);
  ADD ("/goals/async", test_goal_async);
  g_test_add_func ("/goals/for-quarter", test_for_quarter);
  g_test_add_func ("/goals/objectives", test_objectives);
  g_test_add_func ("/goals/format-one-unit", test_format_one_unit);

  return g_test_run ();
}
