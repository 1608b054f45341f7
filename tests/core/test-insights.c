/* test-insights.c: each diagnosis firing, and not firing just short of its rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-insights.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"

#define NOW "2026-11-15 12:00"

typedef SpTestEngine Fixture;

static GPtrArray *
find (Fixture    *f,
      const char *from,
      const char *to)
{
  g_autoptr(GError) error = NULL;
  SpPeriod period = sp_period_make (sp_test_date (from), sp_test_date (to));
  GPtrArray *found = sp_insights_find (f->engine, &period, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static SpInsight *
lookup (GPtrArray  *found,
        const char *id)
{
  for (guint i = 0; i < found->len; i++)
    {
      SpInsight *insight = g_ptr_array_index (found, i);

      if (g_str_equal (insight->id, id) ||
          (g_str_has_suffix (id, ":") && g_str_has_prefix (insight->id, id)))
        return insight;
    }
  return NULL;
}

static guint
count (GPtrArray  *found,
       const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < found->len; i++)
    n += g_str_has_prefix (((SpInsight *) g_ptr_array_index (found, i))->id, prefix);
  return n;
}

static SpInsight *
expect (GPtrArray  *found,
        const char *id)
{
  SpInsight *insight = lookup (found, id);

  if (insight == NULL)
    {
      GString *ids = g_string_new (NULL);

      for (guint i = 0; i < found->len; i++)
        g_string_append_printf (ids, " %s", ((SpInsight *) g_ptr_array_index (found, i))->id);
      g_error ("expected the finding %s; found:%s", id, ids->str);
    }
  return insight;
}

/* @n contacts in October 2026, one every 5 hours from the 1st, @marked of them with @flag */
static void
add_many (Fixture    *f,
          int         n,
          int         marked,
          const char *agent,
          const char *category,
          gboolean    escalate,
          int         offset_hours)
{
  for (int i = 0; i < n; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();
      g_autoptr(GError) error = NULL;

      c->received_at = sp_test_time ("2026-10-01 00:00") + (SpTime) (i * 5 + offset_hours) * 3600;
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, agent);
      sp_contact_set_category_name (c, category);
      c->first_response_at = c->received_at + 60;
      c->resolved_first_contact = TRUE;
      c->resolved_at = c->received_at + 600;
      c->talk_min = 5;
      if (i < marked)
        {
          if (escalate)
            c->escalated = TRUE;
          else
            c->resolved_first_contact = FALSE;
        }
      g_assert_true (sp_store_save_contact (f->store, c, &error));
    }
}

static void
add_answers (Fixture    *f,
             const char *kind,
             int         n,
             int         good,
             int         good_score,
             int         bad_score,
             const char *agent)
{
  for (int i = 0; i < n; i++)
    {
      g_autofree char *when = g_strdup_printf ("2026-10-%02d %02d:%02d", 1 + i % 28, 8 + i / 28,
                                               i % 60);
      sp_test_add_survey (f->store, when, kind, i < good ? good_score : bad_score, agent,
                          SP_CHANNEL_NONE, NULL);
    }
}

static void
test_csat (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) low = NULL;
  g_autoptr(GPtrArray) fine = NULL;
  SpInsight *insight;

  /* October: 29 of 40, 72.5 % */
  add_answers (f, "csat", 40, 29, 5, 2, NULL);
  low = find (f, "2026-10-01", "2026-10-31");
  insight = expect (low, "csat-low");
  g_assert_cmpint (insight->severity, ==, SP_INSIGHT_ACT);
  g_assert_cmpint (insight->kpi, ==, SP_KPI_CSAT);
  sp_assert_contains (insight->title, "72.5");
  sp_assert_contains (insight->title, "75.0");
  g_assert_null (lookup (low, "small-sample:csat"));

  /* November: 30 of 40, 75 % exactly, is not below 75 % */
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *when = g_strdup_printf ("2026-11-%02d %02d:00", 1 + i % 10, 8 + i / 10);
      sp_test_add_survey (f->store, when, "csat", i < 30 ? 4 : 3, NULL, SP_CHANNEL_NONE, NULL);
    }
  fine = find (f, "2026-11-01", "2026-11-10");
  g_assert_null (lookup (fine, "csat-low"));
}

static void
test_small_sample (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) few = NULL;
  g_autoptr(GPtrArray) enough = NULL;
  SpInsight *insight;

  add_answers (f, "nps", 29, 20, 10, 8, NULL);
  few = find (f, "2026-10-01", "2026-10-31");
  insight = expect (few, "small-sample:nps");
  g_assert_cmpint (insight->severity, ==, SP_INSIGHT_CAUTION);
  sp_assert_contains (insight->title, "29 answers");
  /* no contacts at all is not a small sample */
  g_assert_null (lookup (few, "small-sample:contacts"));

  sp_test_add_survey (f->store, "2026-10-30 09:00", "nps", 9, NULL, SP_CHANNEL_NONE, NULL);
  enough = find (f, "2026-10-01", "2026-10-31");
  g_assert_null (lookup (enough, "small-sample:nps"));
}

static void
test_nps (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) negative = NULL;
  g_autoptr(GPtrArray) zero = NULL;

  /* 10 promoters, 11 detractors, 9 passives */
  add_answers (f, "nps", 21, 10, 10, 3, NULL);
  add_answers (f, "nps", 9, 0, 10, 7, NULL);
  negative = find (f, "2026-10-01", "2026-10-31");
  expect (negative, "nps-negative");

  sp_test_add_survey (f->store, "2026-10-30 09:00", "nps", 9, NULL, SP_CHANNEL_NONE, NULL);
  zero = find (f, "2026-10-01", "2026-10-31");
  g_assert_null (lookup (zero, "nps-negative"));
}

static void
test_fcr_and_escalations (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) fine = NULL;
  SpInsight *insight;

  /* Ana: 40 contacts, 20 escalated; Ben and Cy: 40 each, 1 escalated; the team: 22 of 120 =
   * 18.3 %, not above 20 % */
  add_many (f, 40, 20, "Ana", "Returns", TRUE, 0);
  add_many (f, 40, 1, "Ben", "Billing", TRUE, 1);
  add_many (f, 40, 1, "Cy", "Shipping", TRUE, 2);

  found = find (f, "2026-10-01", "2026-10-31");
  g_assert_null (lookup (found, "escalation-high"));
  insight = expect (found, "agent-escalation-high:");
  g_assert_cmpint (insight->segment.kind, ==, SP_SEGMENT_AGENT);
  sp_assert_contains (insight->title, "Ana");
  sp_assert_contains (insight->title, "50.0");
  /* Ben and Cy are not */
  g_assert_cmpuint (count (found, "agent-escalation-high:"), ==, 1);
  /* the same contacts are Returns: a process problem too */
  insight = expect (found, "category-escalation-high:");
  g_assert_cmpint (insight->segment.kind, ==, SP_SEGMENT_CATEGORY);
  sp_assert_contains (insight->title, "Returns");
  /* FCR: 98 of 120 first contacts = 81.7 % */
  g_assert_null (lookup (found, "fcr-low"));

  /* escalations over 20 % overall, and FCR below 60 %: Dan 60 contacts, 55 not resolved */
  add_many (f, 40, 40, "Dan", NULL, FALSE, 3);
  add_many (f, 20, 20, "Dan", NULL, TRUE, 4);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = find (f, "2026-10-01", "2026-10-31");
  expect (found, "escalation-high");
  expect (found, "fcr-low");
  expect (found, "agent-fcr-low:");
  /* Dan escalates 33 %, less than twice the rest's 18 % */
  g_assert_cmpuint (count (found, "agent-escalation-high:"), ==, 1);
  g_assert_cmpuint (count (found, "agent-fcr-low:"), ==, 1);

  /* nobody far above the rest when all escalate alike */
  add_many (f, 40, 4, "Ana", "Returns", TRUE, 24 * 35);
  add_many (f, 40, 4, "Ben", "Billing", TRUE, 24 * 35 + 1);
  fine = find (f, "2026-11-05", "2026-11-30");
  g_assert_null (lookup (fine, "agent-escalation-high:"));
  g_assert_null (lookup (fine, "category-escalation-high:"));
}

static void
test_agent_below_team (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) below = NULL;
  g_autoptr(GPtrArray) close = NULL;
  SpInsight *insight;

  g_autoptr(GPtrArray) few = NULL;

  /* Dan 10 of 20 (50 %), Ana and Ben 20 of 20: Dan's 20 answers are too few to judge him */
  add_answers (f, "csat", 20, 10, 5, 1, "Dan");
  add_answers (f, "csat", 20, 20, 5, 1, "Ana");
  add_answers (f, "csat", 20, 20, 4, 1, "Ben");
  few = find (f, "2026-10-01", "2026-10-31");
  g_assert_null (lookup (few, "agent-csat-low:"));

  /* ten more each: Dan 15 of 30 (50 %), Ana and Ben 30 of 30; team 75 of 90, 83.3 % */
  add_answers (f, "csat", 10, 5, 5, 1, "Dan");
  add_answers (f, "csat", 10, 10, 5, 1, "Ana");
  add_answers (f, "csat", 10, 10, 4, 1, "Ben");
  below = find (f, "2026-10-01", "2026-10-31");
  insight = expect (below, "agent-csat-low:");
  sp_assert_contains (insight->title, "Dan");
  sp_assert_contains (insight->title, "50.0");
  g_assert_cmpint (insight->severity, ==, SP_INSIGHT_ACT);
  /* the most important come first */
  g_assert_true (((SpInsight *) g_ptr_array_index (below, 0))->severity == SP_INSIGHT_ACT);

  /* in November Dan is close to the team: 9 of 10 vs 19 of 20 */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *when = g_strdup_printf ("2026-11-%02d 09:00", 1 + i);
      sp_test_add_survey (f->store, when, "csat", i < 9 ? 5 : 1, "Dan", SP_CHANNEL_NONE, NULL);
    }
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *when = g_strdup_printf ("2026-11-%02d 10:00", 1 + i % 14);
      sp_test_add_survey (f->store, when, "csat", i < 19 ? 5 : 1, "Ana", SP_CHANNEL_NONE, NULL);
    }
  close = find (f, "2026-11-01", "2026-11-14");
  g_assert_null (lookup (close, "agent-csat-low:"));
}

static void
test_utilization_and_repeats (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) busy = NULL;
  g_autoptr(GPtrArray) fine = NULL;

  g_autoptr(GPtrArray) few = NULL;

  /* 12 contacts × 5 minutes = 60 handled minutes; 1 hour available: 100 %, but on far
   * fewer than the 40 hours utilization is judged on: no finding */
  add_many (f, 12, 0, "Ana", "X", TRUE, 0);
  sp_test_add_shift (f->store, "2026-10-01", "Ana", 1);
  few = find (f, "2026-10-01", "2026-10-31");
  g_assert_null (lookup (few, "utilization-high"));
  g_assert_null (lookup (few, "repeat-high"));
  expect (few, "small-sample:contacts");

  /* 36 more contacts of 65 minutes: 2,400 handled minutes of 40 hours: 100 % */
  for (int i = 0; i < 36; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();
      g_autoptr(GError) error = NULL;

      c->received_at = sp_test_time ("2026-10-06 08:00") + (SpTime) i * 3 * 3600;
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, "Ana");
      c->first_response_at = c->received_at + 60;
      c->resolved_first_contact = TRUE;
      c->resolved_at = c->received_at + 600;
      c->talk_min = 65;
      g_assert_true (sp_store_save_contact (f->store, c, &error));
    }
  sp_test_add_shift (f->store, "2026-10-06", "Ana", 8);
  sp_test_add_shift (f->store, "2026-10-07", "Ana", 8);
  sp_test_add_shift (f->store, "2026-10-08", "Ana", 8);
  sp_test_add_shift (f->store, "2026-10-09", "Ana", 8);
  sp_test_add_shift (f->store, "2026-10-10", "Ana", 7);
  busy = find (f, "2026-10-01", "2026-10-31");
  expect (busy, "utilization-high");

  /* with 8 more hours: 2,400 of 2,880 minutes, 83.3 %, not above 85 % */
  sp_test_add_shift (f->store, "2026-10-11", "Ana", 8);
  fine = find (f, "2026-10-01", "2026-10-31");
  g_assert_null (lookup (fine, "utilization-high"));
}

static void
test_repeats (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) fine = NULL;

  /* in October one customer comes back every day about the same thing: 29 of 30 repeats */
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *when = g_strdup_printf ("2026-10-%02d 09:00", 1 + i);
      SpTestContact c = { when, SP_CHANNEL_PHONE, "Ana", "Zoe", "Billing", .response = "1",
                          .rfc = TRUE, .talk = "3" };
      sp_test_add_contact (f->store, &c);
    }
  /* in November, ten different customers */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *when = g_strdup_printf ("2026-11-%02d 09:00", 1 + i);
      g_autofree char *who = g_strdup_printf ("Customer %d", i);
      SpTestContact c = { when, SP_CHANNEL_PHONE, "Ana", who, "Billing", .response = "1",
                          .rfc = TRUE, .talk = "3" };
      sp_test_add_contact (f->store, &c);
    }

  found = find (f, "2026-10-01", "2026-10-31");
  expect (found, "repeat-high");
  /* FCR counts first contacts only: one, far too few to judge */
  g_assert_null (lookup (found, "fcr-low"));
  fine = find (f, "2026-11-01", "2026-11-14");
  g_assert_null (lookup (fine, "repeat-high"));
  g_assert_null (lookup (fine, "fcr-low"));
}

static void
test_rushing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) steady = NULL;

  /* September: 10 min, 9 of 10 resolved; October: 5 min, 6 of 10 */
  for (int i = 0; i < 20; i++)
    {
      gboolean october = i >= 10;
      g_autofree char *when = g_strdup_printf ("2026-%s-%02d 09:00", october ? "10" : "09",
                                               1 + (i % 10) * 2);
      g_autofree char *who = g_strdup_printf ("Customer %d", i);
      SpTestContact c = { when, SP_CHANNEL_PHONE, "Ana", who, "Billing", .response = "1",
                          .rfc = october ? (i % 10) < 6 : (i % 10) < 9,
                          .talk = october ? "5" : "10" };
      if (!c.rfc)
        c.resolved = october ? "2026-10-30 09:00" : "2026-09-29 09:00";
      sp_test_add_contact (f->store, &c);
    }

  found = find (f, "2026-10-01", "2026-10-30");
  expect (found, "aht-fcr-falling");
  /* September against August: nothing to compare */
  steady = find (f, "2026-09-01", "2026-09-30");
  g_assert_null (lookup (steady, "aht-fcr-falling"));
}

static void
test_backlog (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) growing = NULL;
  g_autoptr(GPtrArray) flat = NULL;
  SpInsight *insight;

  /* weeks of October 2026 end on the 11th, 18th, 25th and Saturday 31st (clipped):
   * 1, 2, 3 and 4 contacts still open at those ends */
  static const char * const open[] = {
    "2026-10-10 09:00", "2026-10-17 09:00", "2026-10-24 09:00", "2026-10-30 09:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (open); i++)
    {
      SpTestContact c = { open[i], SP_CHANNEL_EMAIL, "Ana", "Zoe", NULL, .response = "30" };
      sp_test_add_contact (f->store, &c);
    }

  growing = find (f, "2026-10-01", "2026-10-31");
  insight = expect (growing, "backlog-growing");
  sp_assert_contains (insight->title, "1 → 2 → 3 → 4");
  /* three of the four were waiting more than 48 h on 31 October */
  insight = expect (growing, "backlog-old");
  sp_assert_contains (insight->title, "3 open contacts");

  /* up to the 24th: the week of the 24th is the first with three rises? 0, 1, 2, 3 */
  g_clear_pointer (&growing, g_ptr_array_unref);
  growing = find (f, "2026-10-01", "2026-10-25");
  expect (growing, "backlog-growing");
  /* up to the 18th: 0, 0, 1, 2: not three rises */
  flat = find (f, "2026-10-01", "2026-10-18");
  g_assert_null (lookup (flat, "backlog-growing"));
  /* up to the 9th nothing is open */
  g_clear_pointer (&flat, g_ptr_array_unref);
  flat = find (f, "2026-10-01", "2026-10-09");
  g_assert_null (lookup (flat, "backlog-old"));
}

static void
test_channel_slow (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  SpInsight *insight;
  const SpTestContact contacts[] = {
    /* chat 3 min against a 1 min target: act; email 5 h against 4 h: watch; phone fine */
    { "2026-10-01 09:00", SP_CHANNEL_CHAT, "Ana", .response = "3" },
    { "2026-10-01 10:00", SP_CHANNEL_EMAIL, "Ana", .response = "300" },
    { "2026-10-01 11:00", SP_CHANNEL_PHONE, "Ana", .response = "3" },
  };

  g_autoptr(GPtrArray) few = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    sp_test_add_contact (f->store, &contacts[i]);

  /* one answered contact a channel: too few for a verdict */
  few = find (f, "2026-10-01", "2026-10-31");
  g_assert_null (lookup (few, "channel-slow:chat"));
  g_assert_null (lookup (few, "channel-slow:email"));

  /* thirty of each */
  for (guint day = 2; day < 31; day++)
    for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
      {
        g_autofree char *when = g_strdup_printf ("2026-10-%02u %02u:00", day, 9 + i);
        SpTestContact c = contacts[i];

        c.received = when;
        sp_test_add_contact (f->store, &c);
      }

  found = find (f, "2026-10-01", "2026-10-31");
  insight = expect (found, "channel-slow:chat");
  g_assert_cmpint (insight->severity, ==, SP_INSIGHT_ACT);
  g_assert_cmpint (insight->segment.channel, ==, SP_CHANNEL_CHAT);
  insight = expect (found, "channel-slow:email");
  g_assert_cmpint (insight->severity, ==, SP_INSIGHT_WATCH);
  g_assert_null (lookup (found, "channel-slow:phone"));
}

static void
test_quiet (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;

  /* a healthy month: nothing to say but nothing false either */
  add_many (f, 40, 2, "Ana", "Billing", TRUE, 0);
  add_answers (f, "csat", 40, 38, 5, 2, "Ana");
  sp_test_add_shift (f->store, "2026-10-01", "Ana", 3);
  sp_test_add_shift (f->store, "2026-10-02", "Ana", 2);

  found = find (f, "2026-10-01", "2026-10-31");
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NOW, sp_test_engine_setup, func, sp_test_engine_teardown)

  ADD ("/insights/csat", test_csat);
  ADD ("/insights/small-sample", test_small_sample);
  ADD ("/insights/nps", test_nps);
  ADD ("/insights/fcr-and-escalations", test_fcr_and_escalations);
  ADD ("/insights/agent-below-team", test_agent_below_team);
  ADD ("/insights/utilization", test_utilization_and_repeats);
  ADD ("/insights/repeats", test_repeats);
  ADD ("/insights/rushing", test_rushing);
  ADD ("/insights/backlog", test_backlog);
  ADD ("/insights/channel-slow", test_channel_slow);
  ADD ("/insights/quiet", test_quiet);

  return g_test_run ();
}
