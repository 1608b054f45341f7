/* test-kpi.c: every KPI of KPI-SPEC §3 and §4 on small data sets computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-kpi-engine.h"
#include "sp-store-private.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"

#define EPS 1e-9

#define NOW "2026-11-15 12:00"

typedef SpTestEngine Fixture;

static SpKpiSet *
compute (Fixture         *f,
         const char      *from,
         const char      *to,
         const SpSegment *segment)
{
  g_autoptr(GError) error = NULL;
  SpPeriod period = sp_period_make (sp_test_date (from), sp_test_date (to));
  SpKpiSet *set = sp_kpi_engine_compute (f->engine, &period, segment, &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static void
assert_value (SpKpiSet *set,
              SpKpi     kpi,
              double    value,
              gint64    n)
{
  const SpKpiValue *v = sp_kpi_set_get (set, kpi);

  if (isnan (value))
    {
      if (!isnan (v->value))
        g_error ("%s: expected no value, got %g", sp_kpi_to_key (kpi), v->value);
    }
  else if (isnan (v->value) || fabs (v->value - value) > EPS)
    g_error ("%s: expected %.12g, got %.12g", sp_kpi_to_key (kpi), value, v->value);

  if (v->n != n)
    g_error ("%s: expected n = %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
             sp_kpi_to_key (kpi), n, v->n);
}

static gint64
agent_id (Fixture    *f,
          const char *name)
{
  gint64 id = sp_store_find_entity (f->store, SP_ENTITY_AGENT, name);

  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
category_id (Fixture    *f,
             const char *name)
{
  gint64 id = sp_store_find_entity (f->store, SP_ENTITY_CATEGORY, name);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* See sp_test_fill_october() for the seven contacts and ten answers */
static void
test_each_kpi (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SpKpiSet) set = NULL;

  sp_test_fill_october (f->store);
  set = compute (f, "2026-10-01", "2026-10-31", NULL);

  g_assert_cmpint (set->contacts, ==, 7);
  g_assert_cmpint (set->complaints, ==, 1);
  assert_value (set, SP_KPI_CONTACTS, 7, 7);

  /* c3 and c7 are repeats */
  assert_value (set, SP_KPI_REPEAT_RATE, 200.0 / 7, 7);
  /* first contacts c1 c2 c4 c5 c6; resolved on first contact: c1 and c4 (c2 escalated,
   * c5 not resolved, c6 followed by c7) */
  assert_value (set, SP_KPI_FCR, 40, 5);
  assert_value (set, SP_KPI_ESCALATION_RATE, 100.0 / 7, 7);

  /* answered: 2 + 300 + 1 + 0 + 2 + 1 minutes */
  assert_value (set, SP_KPI_FIRST_RESPONSE, 51, 6);
  g_assert_cmpint (set->contacts_by_channel[SP_CHANNEL_PHONE], ==, 3);
  g_assert_cmpint (set->first_response_by_channel[SP_CHANNEL_PHONE].n, ==, 2);
  g_assert_cmpfloat_with_epsilon (set->first_response_by_channel[SP_CHANNEL_PHONE].value, 2, EPS);
  g_assert_cmpfloat_with_epsilon (set->first_response_by_channel[SP_CHANNEL_EMAIL].value, 300,
                                  EPS);
  g_assert_cmpint (set->first_response_by_channel[SP_CHANNEL_SOCIAL].n, ==, 0);
  g_assert_true (isnan (set->first_response_by_channel[SP_CHANNEL_SOCIAL].value));

  /* within target: c1 c3 c4 c6 c7; c2 late (300 > 240 high); c5 urgent, unanswered, past */
  assert_value (set, SP_KPI_SLA_COMPLIANCE, 500.0 / 7, 7);

  /* resolved: 6 min, 24 h, 5 min, 0, 3 min, 2 min */
  assert_value (set, SP_KPI_RESOLUTION_TIME, (6 + 1440 + 5 + 0 + 3 + 2) / 60.0 / 6, 6);
  /* handle minutes 6, 10, 5, 3, 2 */
  assert_value (set, SP_KPI_AHT, 26.0 / 5, 5);
  /* 26 handled minutes of 8 available hours */
  assert_value (set, SP_KPI_UTILIZATION, 2600.0 / 480, 480);

  /* at the end of October: c5 is open, received more than 48 h before */
  g_assert_cmpint (set->backlog_open, ==, 1);
  g_assert_cmpint (set->backlog_older_than_48h, ==, 1);
  assert_value (set, SP_KPI_BACKLOG, 1, 1);

  /* 5, 3, 4 */
  assert_value (set, SP_KPI_CSAT, 200.0 / 3, 3);
  /* 10, 9, 7, 3 */
  assert_value (set, SP_KPI_NPS, 25, 4);
  g_assert_cmpint (set->promoters, ==, 2);
  g_assert_cmpint (set->passives, ==, 1);
  g_assert_cmpint (set->detractors, ==, 1);
  /* 6, 4 */
  assert_value (set, SP_KPI_CES, 5, 2);

  assert_value (set, SP_KPI_CHURN, 4, 100);
  assert_value (set, SP_KPI_COST_PER_CONTACT, 100, 7);
  g_assert_cmpuint (set->months_with_figures, ==, 1);

  g_assert_cmpint (sp_kpi_set_get_category_count (set, category_id (f, "Billing")), ==, 2);
  g_assert_cmpint (sp_kpi_set_get_category_count (set, category_id (f, "Returns")), ==, 2);
  g_assert_cmpint (sp_kpi_set_get_category_count (set, category_id (f, "Shipping")), ==, 2);
  g_assert_cmpint (sp_kpi_set_get_category_count (set, 0), ==, 1);
  g_assert_cmpuint (set->contacts_by_category->len, ==, 4);

  /* completeness: c4 lacks a customer and minutes, c5 a response, an outcome and minutes */
  g_assert_cmpint (set->missing_first_response, ==, 1);
  g_assert_cmpint (set->missing_outcome, ==, 1);
  g_assert_cmpint (set->missing_customer, ==, 1);
  g_assert_cmpint (set->missing_handle_minutes, ==, 2);
  g_assert_cmpint (set->incomplete, ==, 2);
  g_assert_cmpfloat_with_epsilon (sp_kpi_set_get_completeness (set), 500.0 / 7, EPS);

  /*
   * No verdict below each KPI's minimum n (data/benchmarks.ini): 3 CSAT
   * answers, 5 first contacts, 480 available minutes are all too few;
   * churn rests on 100 customers, enough to judge.
   */
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_CSAT)->status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_FCR)->status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_NPS)->status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_CES)->status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_REPEAT_RATE)->status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_ESCALATION_RATE)->status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_UTILIZATION)->status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_SLA_COMPLIANCE)->status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_CHURN)->status, ==, SP_STATUS_GOOD);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_AHT)->status, ==, SP_STATUS_NONE);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_RESOLUTION_TIME)->status, ==, SP_STATUS_NONE);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_COST_PER_CONTACT)->status, ==, SP_STATUS_NONE);
  {
    g_autofree char *text = sp_kpi_format_status (sp_kpi_set_get (set, SP_KPI_CSAT));

    g_assert_cmpstr (text, ==, "Too few to judge (n = 3)");
  }
  /* the channels' targets weighted by answered contacts: phone 3 min × 2, email 240,
   * chat 1, in person 3, SMS 1 over 6 */
  g_assert_cmpfloat_with_epsilon (set->first_response_target, 251.0 / 6, EPS);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_FIRST_RESPONSE)->status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (set->first_response_by_channel[SP_CHANNEL_PHONE].status, ==,
                   SP_STATUS_TOO_FEW);
  /* one open contact older than 48 h, 2 active agents */
  g_assert_cmpint (set->backlog_agents, ==, 2);
  g_assert_cmpint (sp_kpi_set_get (set, SP_KPI_BACKLOG)->status, ==, SP_STATUS_WATCH);
}

/* @phone contacts answered in 4 min and @email in 60 min on 2 October 2026 */
static void
add_answered (Fixture *f,
              guint    phone,
              guint    email)
{
  for (guint i = 0; i < phone + email; i++)
    {
      g_autofree char *received = g_strdup_printf ("2026-10-02 %02u:%02u", 8 + i / 60, i % 60);
      SpTestContact c = { received, i < phone ? SP_CHANNEL_PHONE : SP_CHANNEL_EMAIL, "Ana",
                          NULL, "Returns", SP_PRIORITY_NORMAL,
                          .response = i < phone ? "4" : "60", .rfc = TRUE, .talk = "5" };

      sp_test_add_contact (f->store, &c);
    }
}

/*
 * A topic's first response is judged by the targets of its own channels,
 * weighted by their answered contacts, not by its worst channel: 24 phone
 * contacts in 4 min (over phone's 3) and 6 emails in 60 min (within 4 h)
 * mean 15.2 min against (24 × 3 + 6 × 240) / 30 = 50.4 min: good.
 */
static void
test_first_response_rule (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SpKpiSet) set = NULL;
  SpSegment returns;
  const SpKpiValue *v;

  add_answered (f, 24, 6);
  sp_segment_init_category (&returns, category_id (f, "Returns"));
  set = compute (f, "2026-10-01", "2026-10-31", &returns);
  v = sp_kpi_set_get (set, SP_KPI_FIRST_RESPONSE);

  g_assert_cmpfloat_with_epsilon (v->value, 15.2, EPS);
  g_assert_cmpint (v->n, ==, 30);
  g_assert_cmpfloat_with_epsilon (set->first_response_target, 50.4, EPS);
  g_assert_cmpint (v->status, ==, SP_STATUS_GOOD);
  /* phone alone is over its target, on 24 contacts: too few to judge it by itself */
  g_assert_cmpint (set->first_response_by_channel[SP_CHANNEL_PHONE].status, ==,
                   SP_STATUS_TOO_FEW);
}

/* One contact short of the minimum gives no verdict; the minimum itself does */
static void
test_minimum_n (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SpKpiSet) few = NULL;
  g_autoptr(SpKpiSet) enough = NULL;

  g_assert_cmpint (sp_benchmarks_get_min_n (SP_KPI_CSAT), ==, 30);
  g_assert_cmpint (sp_benchmarks_get_min_n (SP_KPI_FCR), ==, 30);
  g_assert_cmpint (sp_benchmarks_get_min_n (SP_KPI_UTILIZATION), ==, 2400);
  g_assert_cmpint (sp_benchmarks_get_min_n (SP_KPI_AHT), ==, 0);

  add_answered (f, 29, 0);
  few = compute (f, "2026-10-01", "2026-10-31", NULL);
  /* 29 contacts, all resolved on first contact: FCR 100 %, yet no verdict */
  g_assert_cmpfloat_with_epsilon (sp_kpi_set_get (few, SP_KPI_FCR)->value, 100, EPS);
  g_assert_cmpint (sp_kpi_set_get (few, SP_KPI_FCR)->status, ==, SP_STATUS_TOO_FEW);
  g_assert_cmpint (sp_kpi_set_get (few, SP_KPI_ESCALATION_RATE)->status, ==, SP_STATUS_TOO_FEW);

  add_answered (f, 1, 0);
  enough = compute (f, "2026-10-01", "2026-10-31", NULL);
  g_assert_cmpint (sp_kpi_set_get (enough, SP_KPI_FCR)->n, ==, 30);
  g_assert_cmpint (sp_kpi_set_get (enough, SP_KPI_FCR)->status, ==, SP_STATUS_EXCELLENT);
  g_assert_cmpint (sp_kpi_set_get (enough, SP_KPI_ESCALATION_RATE)->status, ==, SP_STATUS_GOOD);
}

static void
test_intervals (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SpKpiSet) set = NULL;
  const SpKpiValue *v;
  double lo, hi;

  /* Wilson, 8 of 10: 49.02 % – 94.33 % */
  sp_kpi_wilson_interval (8, 10, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 49.0162, 1e-4);
  g_assert_cmpfloat_with_epsilon (hi, 94.3318, 1e-4);
  sp_kpi_wilson_interval (0, 0, &lo, &hi);
  g_assert_true (isnan (lo) && isnan (hi));
  /* 0 of 5 still has an upper bound */
  sp_kpi_wilson_interval (0, 5, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0, EPS);
  g_assert_cmpfloat_with_epsilon (hi, 43.4482, 1e-4);

  /* t quantiles: the table and the expansion beyond it */
  g_assert_cmpfloat_with_epsilon (sp_kpi_t_quantile_975 (1), 12.7062, 1e-4);
  g_assert_cmpfloat_with_epsilon (sp_kpi_t_quantile_975 (5), 2.5706, 1e-4);
  g_assert_cmpfloat_with_epsilon (sp_kpi_t_quantile_975 (40), 2.0211, 1e-4);
  g_assert_cmpfloat_with_epsilon (sp_kpi_t_quantile_975 (120), 1.9799, 1e-4);

  sp_test_fill_october (f->store);
  set = compute (f, "2026-10-01", "2026-10-31", NULL);

  /* CSAT 2 of 3 */
  v = sp_kpi_set_get (set, SP_KPI_CSAT);
  sp_kpi_wilson_interval (2, 3, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (v->lower, lo, EPS);
  g_assert_cmpfloat_with_epsilon (v->upper, hi, EPS);
  g_assert_cmpfloat_with_epsilon (lo, 20.7660, 1e-4);
  g_assert_cmpfloat_with_epsilon (hi, 93.8508, 1e-4);

  /* NPS: p+ = .5, p− = .25, n = 4: 25 ± 1.96·√((.75 − .0625)/4)·100 = 25 ± 81.26, capped */
  v = sp_kpi_set_get (set, SP_KPI_NPS);
  g_assert_cmpfloat_with_epsilon (v->lower, 25 - 1.959963984540054 * sqrt (0.6875 / 4) * 100,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (v->lower, -56.2558, 1e-4);
  g_assert_cmpfloat_with_epsilon (v->upper, 100, EPS);

  /* first response: mean 51, s = √(74404 / 5), t(5) = 2.5706 → 51 ± 128.02, not below 0 */
  v = sp_kpi_set_get (set, SP_KPI_FIRST_RESPONSE);
  g_assert_cmpfloat_with_epsilon (v->upper, 51 + 2.570581836 * sqrt (74404.0 / 5) / sqrt (6),
                                  1e-6);
  g_assert_cmpfloat_with_epsilon (v->lower, 0, EPS);

  /* CES 6 and 4: 5 ± 12.71, kept within the scale */
  v = sp_kpi_set_get (set, SP_KPI_CES);
  g_assert_cmpfloat_with_epsilon (v->lower, 1, EPS);
  g_assert_cmpfloat_with_epsilon (v->upper, 7, EPS);

  /* no interval for utilization or a single value */
  g_assert_true (isnan (sp_kpi_set_get (set, SP_KPI_UTILIZATION)->lower));
  g_assert_true (isnan (set->first_response_by_channel[SP_CHANNEL_EMAIL].lower));
}

static void
test_empty_period (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SpKpiSet) set = NULL;
  g_autofree char *json = NULL;

  sp_test_fill_october (f->store);
  set = compute (f, "2026-09-01", "2026-09-30", NULL);

  g_assert_cmpint (set->contacts, ==, 0);
  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      if (kpi == SP_KPI_CONTACTS || kpi == SP_KPI_BACKLOG)
        continue;
      assert_value (set, kpi, NAN, 0);
      g_assert_cmpint (sp_kpi_set_get (set, kpi)->status, ==, SP_STATUS_NONE);
    }
  assert_value (set, SP_KPI_CONTACTS, 0, 0);
  assert_value (set, SP_KPI_BACKLOG, 0, 0);
  g_assert_true (isnan (sp_kpi_set_get_completeness (set)));

  json = sp_kpi_set_to_json (set);
  sp_assert_contains (json, "\"csat\":{\"value\":null,\"n\":0}");
  sp_assert_contains (json, "\"contacts\":0,");
  sp_assert_contains (json, "\"backlog\":{\"open\":0,\"older_than_48h\":0,");
}

static void
test_segments (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SpKpiSet) ana = NULL;
  g_autoptr(SpKpiSet) phone = NULL;
  g_autoptr(SpKpiSet) returns = NULL;
  g_autoptr(SpKpiSet) none = NULL;
  SpSegment segment;

  sp_test_fill_october (f->store);

  /* Ana: c1, c3 (a repeat of Ben's c2: repeats look at every contact), c5 */
  sp_segment_init_agent (&segment, agent_id (f, "Ana"));
  ana = compute (f, "2026-10-01", "2026-10-31", &segment);
  g_assert_cmpstr (ana->segment_label, ==, "Ana");
  assert_value (ana, SP_KPI_CONTACTS, 3, 3);
  assert_value (ana, SP_KPI_REPEAT_RATE, 100.0 / 3, 3);
  assert_value (ana, SP_KPI_FCR, 50, 2);
  /* her answers: csat 5, nps 10 and 3, ces 6; the one without an agent is not hers */
  assert_value (ana, SP_KPI_CSAT, 100, 1);
  assert_value (ana, SP_KPI_NPS, 0, 2);
  assert_value (ana, SP_KPI_CES, 6, 1);
  /* 6 + 5 handled minutes of her 4 hours */
  assert_value (ana, SP_KPI_UTILIZATION, 1100.0 / 240, 240);
  assert_value (ana, SP_KPI_CHURN, NAN, 0);
  assert_value (ana, SP_KPI_COST_PER_CONTACT, NAN, 0);
  g_assert_cmpint (ana->backlog_open, ==, 1);
  g_assert_cmpint (ana->backlog_agents, ==, 1);

  /* phone: c1, c5, c6; utilization is for the team or an agent only */
  sp_segment_init_channel (&segment, SP_CHANNEL_PHONE);
  phone = compute (f, "2026-10-01", "2026-10-31", &segment);
  assert_value (phone, SP_KPI_CONTACTS, 3, 3);
  assert_value (phone, SP_KPI_UTILIZATION, NAN, 0);
  assert_value (phone, SP_KPI_CSAT, 100, 1);
  assert_value (phone, SP_KPI_FIRST_RESPONSE, 2, 2);
  assert_value (phone, SP_KPI_CHURN, NAN, 0);
  g_assert_cmpint (phone->contacts_by_channel[SP_CHANNEL_EMAIL], ==, 0);

  /* Returns: c2 and c3 */
  sp_segment_init_category (&segment, category_id (f, "Returns"));
  returns = compute (f, "2026-10-01", "2026-10-31", &segment);
  assert_value (returns, SP_KPI_CONTACTS, 2, 2);
  assert_value (returns, SP_KPI_ESCALATION_RATE, 50, 2);
  assert_value (returns, SP_KPI_CSAT, 0, 1);
  assert_value (returns, SP_KPI_UTILIZATION, NAN, 0);

  /* no topic: c4; the answers without a topic are outside every topic segment */
  sp_segment_init_category (&segment, -1);
  none = compute (f, "2026-10-01", "2026-10-31", &segment);
  assert_value (none, SP_KPI_CONTACTS, 1, 1);
  assert_value (none, SP_KPI_CSAT, NAN, 0);
  assert_value (none, SP_KPI_NPS, NAN, 0);
  g_assert_cmpint (sp_kpi_set_get_category_count (none, 0), ==, 1);
}

/* KPI-SPEC §4 */
static void
test_repeats (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SpKpiSet) oct = NULL;
  g_autoptr(SpKpiSet) sep = NULL;
  g_autoptr(SpKpiSet) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lookahead;
  const SpTestContact contacts[] = {
    /* A about X: the second exactly 7 × 24 h later is a repeat, the third 7 d 1 min after
     * the second is not */
    { "2026-10-01 09:00", SP_CHANNEL_PHONE, "Ana", "A", "X", .rfc = TRUE },
    { "2026-10-08 09:00", SP_CHANNEL_PHONE, "Ana", "A", "X", .rfc = TRUE },
    { "2026-10-15 09:01", SP_CHANNEL_PHONE, "Ana", "A", "X", .rfc = TRUE },
    /* A about another topic: not a repeat */
    { "2026-10-01 10:00", SP_CHANNEL_PHONE, "Ana", "A", "Y", .rfc = TRUE },
    /* B twice in the same minute: the one entered second is the repeat */
    { "2026-10-02 10:00", SP_CHANNEL_PHONE, "Ana", "B", "X", .rfc = TRUE },
    { "2026-10-02 10:00", SP_CHANNEL_CHAT, "Ben", "B", "X", .rfc = TRUE },
    /* C: a repeat of a contact of the previous month */
    { "2026-09-28 10:00", SP_CHANNEL_PHONE, "Ana", "C", "X", .rfc = TRUE },
    { "2026-10-03 10:00", SP_CHANNEL_PHONE, "Ana", "C", "X", .rfc = TRUE },
    /* D: comes back after the period, which makes the October contact an FCR failure */
    { "2026-10-30 10:00", SP_CHANNEL_PHONE, "Ana", "D", "X", .rfc = TRUE },
    { "2026-11-03 10:00", SP_CHANNEL_PHONE, "Ana", "D", "X", .rfc = TRUE },
    /* two anonymous contacts about the same topic are never repeats */
    { "2026-10-04 10:00", SP_CHANNEL_IN_PERSON, "Ana", NULL, "X", .rfc = TRUE },
    { "2026-10-04 10:00", SP_CHANNEL_IN_PERSON, "Ana", NULL, "X", .rfc = TRUE },
  };
  gint64 ids[G_N_ELEMENTS (contacts)];

  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    ids[i] = sp_test_add_contact (f->store, &contacts[i]);
  lookahead = ids[9];

  {
    g_autofree char *flags = sp_test_query_text (f->store,
      "SELECT group_concat(is_repeat || followed_up, ' ') FROM"
      " (SELECT is_repeat, followed_up FROM contacts ORDER BY id)");
    /* per contact in entry order: is_repeat, followed_up */
    g_assert_cmpstr (flags, ==, "01 10 00 00 01 10 01 10 01 10 00 00");
  }

  /* October: 11 contacts; repeats: A2, B2, C2 */
  oct = compute (f, "2026-10-01", "2026-10-31", NULL);
  assert_value (oct, SP_KPI_CONTACTS, 10, 10);
  assert_value (oct, SP_KPI_REPEAT_RATE, 30, 10);
  /* first contacts: A1 (followed), A3, AY, B1 (followed), D1 (followed after the period),
   * two anonymous; resolved on first contact: A3, AY and the anonymous two */
  assert_value (oct, SP_KPI_FCR, 400.0 / 7, 7);

  /* September: C1 is followed by C2 in October */
  sep = compute (f, "2026-09-01", "2026-09-30", NULL);
  assert_value (sep, SP_KPI_CONTACTS, 1, 1);
  assert_value (sep, SP_KPI_FCR, 0, 1);

  /* without D's return, D1 becomes a success: the day totals follow the flags */
  g_assert_true (sp_store_delete_contact (f->store, lookahead, &error));
  g_assert_no_error (error);
  after = compute (f, "2026-10-01", "2026-10-31", NULL);
  assert_value (after, SP_KPI_FCR, 500.0 / 7, 7);
}

/*
 * The day totals kept by trigger give what the contacts themselves give,
 * after inserts, edits and deletes.
 */
static void
test_matches_contacts (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpKpiSet) set = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GRand *rand = g_rand_new_with_seed (42);
  SpPeriod period = sp_period_make (sp_test_date ("2026-10-01"), sp_test_date ("2026-10-31"));
  static const char * const customers[] = { "A", "B", "C", "D", NULL };
  static const char * const topics[] = { "X", "Y", NULL };

  for (int i = 0; i < 300; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();
      SpTime t = sp_test_time ("2026-09-25 00:00") + g_rand_int_range (rand, 0, 45 * 86400);

      c->received_at = t - t % 60;
      c->channel = g_rand_int_range (rand, 0, SP_N_CHANNELS);
      sp_contact_set_agent_name (c, g_rand_boolean (rand) ? "Ana" : "Ben");
      sp_contact_set_customer_name (c, customers[g_rand_int_range (rand, 0, 5)]);
      sp_contact_set_category_name (c, topics[g_rand_int_range (rand, 0, 3)]);
      c->priority = g_rand_int_range (rand, 0, SP_N_PRIORITIES);
      if (g_rand_int_range (rand, 0, 10) > 0)
        c->first_response_at = c->received_at + g_rand_int_range (rand, 0, 6000) * 60;
      if (g_rand_int_range (rand, 0, 10) > 1)
        c->resolved_at = c->received_at + g_rand_int_range (rand, 0, 5 * 1440) * 60;
      c->resolved_first_contact = g_rand_boolean (rand);
      c->escalated = g_rand_int_range (rand, 0, 5) == 0;
      if (g_rand_boolean (rand))
        c->talk_min = g_rand_int_range (rand, 0, 40) / 4.0;
      c->complaint = g_rand_int_range (rand, 0, 10) == 0;
      sp_store_save_contact (f->store, c, &error);
      g_assert_no_error (error);
    }

  /* edits and deletes go through the same triggers */
  all = sp_store_list_contacts (f->store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i += 7)
    {
      SpContact *c = g_ptr_array_index (all, i);

      if (i % 2)
        {
          g_assert_true (sp_store_delete_contact (f->store, c->id, &error));
        }
      else
        {
          c->received_at += 3 * 86400;
          if (c->first_response_at != SP_TIME_NONE)
            c->first_response_at += 3 * 86400;
          if (c->resolved_at != SP_TIME_NONE)
            c->resolved_at += 3 * 86400;
          c->escalated_at = c->escalation_resolved_at = SP_TIME_NONE;
          c->escalated = !c->escalated;
          sp_contact_set_customer_name (c, "A");
          c->customer_id = 0;
          g_assert_true (sp_store_save_contact (f->store, c, &error));
        }
      g_assert_no_error (error);
    }

  set = sp_kpi_engine_compute (f->engine, &period, NULL, &error);
  g_assert_no_error (error);

#define RANGE " FROM contacts WHERE received_at >= 1790812800 AND received_at < 1793491200"
  g_assert_cmpint (sp_test_date ("2026-10-01"), ==, 1790812800 / 86400);
  g_assert_cmpint (sp_test_date ("2026-11-01"), ==, 1793491200 / 86400);

  g_assert_cmpint (set->contacts, ==, sp_test_query_int (f->store, "SELECT count(*)" RANGE));
  g_assert_cmpint (set->values[SP_KPI_REPEAT_RATE].n, ==, set->contacts);
  g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_REPEAT_RATE].value,
    sp_test_query_double (f->store, "SELECT 100.0 * sum(is_repeat) / count(*)" RANGE), EPS);
  g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_FCR].value,
    sp_test_query_double (f->store,
                          "SELECT 100.0 * sum(NOT is_repeat AND resolved_first_contact AND NOT escalated"
                          " AND NOT followed_up) / sum(NOT is_repeat)" RANGE), EPS);
  g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_FIRST_RESPONSE].value,
    sp_test_query_double (f->store, "SELECT avg(first_response_at - received_at) / 60.0" RANGE),
    1e-9);
  g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_RESOLUTION_TIME].value,
    sp_test_query_double (f->store, "SELECT avg(resolved_at - received_at) / 3600.0" RANGE),
    1e-9);
  g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_AHT].value,
    sp_test_query_double (f->store, "SELECT avg(talk_min)" RANGE), 1e-9);
  g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_ESCALATION_RATE].value,
    sp_test_query_double (f->store, "SELECT 100.0 * sum(escalated) / count(*)" RANGE), EPS);
  /* SLA with now = 2026-11-15 12:00 */
  g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_SLA_COMPLIANCE].value,
    sp_test_query_double (f->store,
      "SELECT 100.0 * sum(first_response_at - received_at <= t)"
      " / (count(first_response_at) + sum(first_response_at IS NULL"
      "    AND received_at + t < 1794744000))"
      " FROM (SELECT *, 60 * CASE priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240"
      "   WHEN 'normal' THEN 1440 ELSE 4320 END AS t" RANGE ")"), EPS);
  /* backlog at the last second of October */
  g_assert_cmpint (set->backlog_open, ==,
    sp_test_query_int (f->store, "SELECT count(*) FROM contacts WHERE received_at < 1793491200"
                                 " AND (resolved_at IS NULL OR resolved_at >= 1793491200)"));
  g_assert_cmpint (set->backlog_older_than_48h, ==,
    sp_test_query_int (f->store, "SELECT count(*) FROM contacts"
                                 " WHERE received_at < 1793491199 - 172800"
                                 " AND (resolved_at IS NULL OR resolved_at >= 1793491200)"));
  g_assert_cmpint (set->incomplete, ==,
    sp_test_query_int (f->store, "SELECT sum(first_response_at IS NULL OR customer_id IS NULL"
                                 " OR (resolved_at IS NULL AND NOT escalated)"
                                 " OR talk_min IS NULL)" RANGE));
#undef RANGE

  /* a rebuild from the contacts changes nothing */
  {
    g_autofree char *before = sp_test_query_text (f->store,
      "SELECT group_concat(day || agent_id || channel || category_id || n || repeats || fcr_ok"
      " || sla_within || unanswered || fr_sum || res_sum, ';') FROM kpi_days");
    g_autofree char *rebuilt = NULL;

    g_assert_true (sp_store_rebuild_kpi_days (f->store, &error));
    g_assert_no_error (error);
    rebuilt = sp_test_query_text (f->store,
      "SELECT group_concat(day || agent_id || channel || category_id || n || repeats || fcr_ok"
      " || sla_within || unanswered || fr_sum || res_sum, ';') FROM kpi_days");
    g_assert_cmpstr (before, ==, rebuilt);
  }

  g_rand_free (rand);
}

/* "Now" moves the SLA clock and the backlog's moment */
static void
test_now (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(SpKpiSet) before = NULL;
  g_autoptr(SpKpiSet) after = NULL;
  const SpTestContact waiting = {
    "2026-11-15 10:00", SP_CHANNEL_EMAIL, "Ana", "A", "X", SP_PRIORITY_URGENT,
  };
  const SpTestContact answered = {
    "2026-11-15 09:00", SP_CHANNEL_EMAIL, "Ana", "B", "X", SP_PRIORITY_NORMAL, .response = "5",
    .resolved = "2026-11-15 11:30",
  };

  sp_test_add_contact (f->store, &waiting);
  sp_test_add_contact (f->store, &answered);

  /* at 10:30 the urgent one is within its hour: not counted yet; the other is open */
  sp_time_override_now (sp_test_time ("2026-11-15 10:30"));
  before = compute (f, "2026-11-01", "2026-11-30", NULL);
  assert_value (before, SP_KPI_SLA_COMPLIANCE, 100, 1);
  g_assert_cmpint (before->backlog_open, ==, 2);

  /* at 11:30 its target has passed, and the other was resolved at that moment */
  sp_time_override_now (sp_test_time ("2026-11-15 11:30"));
  after = compute (f, "2026-11-01", "2026-11-30", NULL);
  assert_value (after, SP_KPI_SLA_COMPLIANCE, 50, 2);
  g_assert_cmpint (after->backlog_open, ==, 1);
  g_assert_cmpint (after->backlog_older_than_48h, ==, 0);
}

/* Absurd minutes cannot break the day totals: saving and deleting still work */
static void
test_absurd_minutes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpKpiSet) set = NULL;
  const SpTestContact huge = {
    "2026-10-01 09:00", SP_CHANNEL_PHONE, "Ana", "A", "X", .talk = "1e300", .hold = "1e300",
    .wrap = "1e300",
  };
  gint64 a = sp_test_add_contact (f->store, &huge);
  gint64 b = sp_test_add_contact (f->store, &huge);

  set = compute (f, "2026-10-01", "2026-10-31", NULL);
  g_assert_cmpint (set->contacts, ==, 2);
  g_assert_true (isfinite (set->values[SP_KPI_AHT].value));

  g_assert_true (sp_store_delete_contact (f->store, a, &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_delete_contact (f->store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM kpi_days"), ==, 0);
}

/* A read-only second connection, as a worker thread uses, computes the same */
static void
test_reader (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) reader = NULL;
  g_autoptr(SpKpiEngine) engine = NULL;
  g_autoptr(SpKpiSet) set = NULL;
  g_autoptr(GPtrArray) trend = NULL;
  SpPeriod oct = sp_period_make (sp_test_date ("2026-10-01"), sp_test_date ("2026-10-31"));

  sp_test_fill_october (f->store);
  reader = sp_store_open_reader (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_is_read_only (reader));

  engine = sp_kpi_engine_new (reader);
  set = sp_kpi_engine_compute (engine, &oct, NULL, &error);
  g_assert_no_error (error);
  assert_value (set, SP_KPI_FCR, 40, 5);
  trend = sp_kpi_engine_trend (engine, &oct, SP_GRANULARITY_WEEK, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->len, ==, 5);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SpKpiSet) set = NULL;
  g_autofree char *json = NULL;

  sp_test_fill_october (f->store);
  set = compute (f, "2026-10-01", "2026-10-31", NULL);
  json = sp_kpi_set_to_json (set);

  g_assert_true (g_str_has_prefix (json, "{\"from\":\"2026-10-01\",\"to\":\"2026-10-31\","
                                         "\"contacts\":7,\"complaints\":1,"));
  sp_assert_contains (json, "\"csat\":{\"value\":66.666666666666671,\"n\":3,");
  sp_assert_contains (json, "\"nps\":{\"value\":25,\"n\":4,");
  sp_assert_contains (json, "\"promoters\":2,\"passives\":1,\"detractors\":1}");
  sp_assert_contains (json, "\"by_channel\":{\"phone\":{\"value\":2,\"n\":2,");
  sp_assert_contains (json, "\"contacts_by_channel\":{\"phone\":3,\"email\":1,\"chat\":1,"
                            "\"in_person\":1,\"sms\":1}");
  sp_assert_contains (json, "\"\":1");
  sp_assert_contains (json, "\"backlog\":{\"open\":1,\"older_than_48h\":1,");
  sp_assert_contains (json, "\"churn_rate\":{\"value\":4,\"n\":100,");
  sp_assert_contains (json, "\"cost_per_contact\":{\"value\":100,\"n\":7}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NOW, sp_test_engine_setup, func, sp_test_engine_teardown)

  ADD ("/kpi/each", test_each_kpi);
  ADD ("/kpi/first-response-rule", test_first_response_rule);
  ADD ("/kpi/minimum-n", test_minimum_n);
  ADD ("/kpi/intervals", test_intervals);
  ADD ("/kpi/empty-period", test_empty_period);
  ADD ("/kpi/segments", test_segments);
  ADD ("/kpi/repeats", test_repeats);
  ADD ("/kpi/matches-contacts", test_matches_contacts);
  ADD ("/kpi/now", test_now);
  ADD ("/kpi/absurd-minutes", test_absurd_minutes);
  ADD ("/kpi/reader", test_reader);
  ADD ("/kpi/json", test_json);

  return g_test_run ();
}
