/* sp-test-kpi.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-test-kpi.h"
#include "sp-test-util.h"

static double
minutes_or_nan (const char *text)
{
  return text ? g_ascii_strtod (text, NULL) : NAN;
}

gint64
sp_test_add_contact (SpStore             *store,
                     const SpTestContact *spec)
{
  g_autoptr(SpContact) c = sp_contact_new ();
  g_autoptr(GError) error = NULL;

  c->received_at = sp_test_time (spec->received);
  c->channel = spec->channel;
  sp_contact_set_agent_name (c, spec->agent ? spec->agent : "Ana");
  sp_contact_set_customer_name (c, spec->customer);
  sp_contact_set_category_name (c, spec->category);
  c->priority = spec->priority;
  if (spec->response)
    c->first_response_at = c->received_at + (SpTime) llround (g_ascii_strtod (spec->response,
                                                                              NULL) * 60);
  if (spec->resolved)
    c->resolved_at = sp_test_time (spec->resolved);
  c->resolved_first_contact = spec->rfc;
  c->escalated = spec->escalated;
  c->talk_min = minutes_or_nan (spec->talk);
  c->hold_min = minutes_or_nan (spec->hold);
  c->wrap_min = minutes_or_nan (spec->wrap);
  c->complaint = spec->complaint;

  g_assert_true (sp_store_save_contact (store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

void
sp_test_add_survey (SpStore    *store,
                    const char *answered,
                    const char *kind,
                    int         score,
                    const char *agent,
                    SpChannel   channel,
                    const char *category)
{
  g_autoptr(SpSurvey) s = sp_survey_new ();
  g_autoptr(GError) error = NULL;

  s->answered_at = sp_test_time (answered);
  g_assert_true (sp_survey_kind_from_string (kind, &s->kind));
  s->score = score;
  sp_survey_set_agent_name (s, agent);
  s->channel = channel;
  sp_survey_set_category_name (s, category);

  g_assert_true (sp_store_save_survey (store, s, &error));
  g_assert_no_error (error);
}

void
sp_test_add_shift (SpStore    *store,
                   const char *date,
                   const char *agent,
                   double      hours)
{
  g_autoptr(SpShift) shift = sp_shift_new_full (sp_test_date (date), agent, hours);
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_save_shift (store, shift, &error));
  g_assert_no_error (error);
}

void
sp_test_add_month (SpStore *store,
                   int      year,
                   int      month,
                   double   cost,
                   gint64   start,
                   gint64   lost,
                   gint64   gained)
{
  g_autoptr(SpMonthFigures) m = sp_month_figures_new (year, month);
  g_autoptr(GError) error = NULL;

  m->operating_cost = cost;
  m->customers_start = start;
  m->customers_lost = lost;
  m->customers_new = gained;

  g_assert_true (sp_store_save_month_figures (store, m, &error));
  g_assert_no_error (error);
}

void
sp_test_fill_october (SpStore *store)
{
  const SpTestContact contacts[] = {
    /* c1: resolved on first contact; Zoe's next Billing contact is 9 days later */
    { "2026-10-01 09:00", SP_CHANNEL_PHONE, "Ana", "Zoe", "Billing", SP_PRIORITY_NORMAL,
      .response = "2", .rfc = TRUE, .talk = "4", .hold = "1", .wrap = "1" },
    /* c2: escalated, answered late for its priority, a complaint */
    { "2026-10-02 10:00", SP_CHANNEL_EMAIL, "Ben", "Max", "Returns", SP_PRIORITY_HIGH,
      .response = "300", .resolved = "2026-10-03 10:00", .escalated = TRUE, .talk = "10",
      .complaint = TRUE },
    /* c3: Max again about Returns, 25 h later: a repeat, handled by another agent */
    { "2026-10-03 11:00", SP_CHANNEL_CHAT, "Ana", "Max", "Returns", SP_PRIORITY_NORMAL,
      .response = "1", .rfc = TRUE, .talk = "5" },
    /* c4: an anonymous walk-in without a topic or minutes */
    { "2026-10-05 12:00", SP_CHANNEL_IN_PERSON, "Ben", NULL, NULL, SP_PRIORITY_LOW,
      .response = "0", .rfc = TRUE },
    /* c5: urgent, never answered, still open */
    { "2026-10-10 09:00", SP_CHANNEL_PHONE, "Ana", "Zoe", "Billing", SP_PRIORITY_URGENT },
    /* c6: marked resolved, but Ivy comes back about Shipping within 7 days */
    { "2026-10-20 15:00", SP_CHANNEL_PHONE, "Ben", "Ivy", "Shipping", SP_PRIORITY_NORMAL,
      .response = "2", .rfc = TRUE, .talk = "3" },
    /* c7: the repeat */
    { "2026-10-25 15:00", SP_CHANNEL_SMS, "Ben", "Ivy", "Shipping", SP_PRIORITY_NORMAL,
      .response = "1", .rfc = TRUE, .talk = "2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    sp_test_add_contact (store, &contacts[i]);

  sp_test_add_survey (store, "2026-10-02 12:00", "csat", 5, "Ana", SP_CHANNEL_PHONE, "Billing");
  sp_test_add_survey (store, "2026-10-03 12:00", "csat", 3, "Ben", SP_CHANNEL_EMAIL, "Returns");
  /* no agent, channel or topic: counts for the shop only */
  sp_test_add_survey (store, "2026-10-04 12:00", "csat", 4, NULL, SP_CHANNEL_NONE, NULL);
  sp_test_add_survey (store, "2026-10-06 12:00", "nps", 10, "Ana", SP_CHANNEL_NONE, NULL);
  sp_test_add_survey (store, "2026-10-07 12:00", "nps", 9, "Ben", SP_CHANNEL_NONE, NULL);
  sp_test_add_survey (store, "2026-10-08 12:00", "nps", 7, NULL, SP_CHANNEL_NONE, NULL);
  sp_test_add_survey (store, "2026-10-09 12:00", "nps", 3, "Ana", SP_CHANNEL_NONE, NULL);
  sp_test_add_survey (store, "2026-10-10 12:00", "ces", 6, "Ana", SP_CHANNEL_NONE, NULL);
  sp_test_add_survey (store, "2026-10-11 12:00", "ces", 4, "Ben", SP_CHANNEL_NONE, NULL);
  /* outside the period */
  sp_test_add_survey (store, "2026-11-02 12:00", "csat", 1, "Ana", SP_CHANNEL_PHONE, NULL);

  sp_test_add_shift (store, "2026-10-01", "Ana", 4);
  sp_test_add_shift (store, "2026-10-02", "Ben", 4);

  sp_test_add_month (store, 2026, 10, 700, 100, 4, 5);
}
