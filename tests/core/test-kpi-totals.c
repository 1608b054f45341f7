/* test-kpi-totals.c: the totals the store keeps by trigger (migration 5) and what the engine
 * reads from them
 *
 * After random inserts, edits, deletes, imports, merges, a forgotten customer and a changed SLA
 * target, the month totals, the contacts by hour and by day resolved equal what the records
 * themselves give, and a rebuild changes nothing; the backlog, the contacts by weekday and hour
 * and the KPIs of periods made of whole months equal raw SQL over the contacts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-benchmarks.h"
#include "sp-error.h"
#include "sp-import.h"
#include "sp-kpi-engine.h"
#include "sp-privacy.h"
#include "sp-store-private.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"

#define EPS 1e-9

typedef struct
{
  char        *dir;
  SpStore     *store;
  SpKpiEngine *engine;
  GRand       *rand;
} Fixture;

static const char * const agents[] = { "Ana", "Ben", "Cy" };
static const char * const customers[] = { "A", "B", "C", "D", "E", NULL };
static const char * const topics[] = { "X", "Y", "Z", NULL };

/*
 * sla_default(priority) in the hand-written SQL: the first-response target
 * data/benchmarks.ini ships for a priority, in minutes, as SpBenchmarks reads
 * it; any other priority counts as low, as the totals' triggers count it.  So
 * the file is the one source of the targets: were the triggers' own to differ
 * from it, the totals would differ from the hand-written figures.
 */
static void
sla_default_sql (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  SpBenchmarks *benchmarks = sqlite3_user_data (context);
  const char *priority = (const char *) sqlite3_value_text (argv[0]);
  SpPriority p = SP_PRIORITY_LOW;

  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    if (g_strcmp0 (priority, sp_priority_to_string (i)) == 0)
      p = i;

  sqlite3_result_double (context, sp_benchmarks_get_default_sla_target (benchmarks, p));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sp_time_override_now (sp_test_time ("2026-11-15 13:37"));
  sp_test_store_open (&f->dir, &f->store);
  f->engine = sp_kpi_engine_new (f->store);
  f->rand = g_rand_new_with_seed (GPOINTER_TO_UINT (data));
  g_assert_cmpint (sqlite3_create_function_v2 (sp_store_get_handle (f->store), "sla_default", 1,
                                               SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                               sp_benchmarks_new (NULL), sla_default_sql, NULL,
                                               NULL, g_object_unref), ==, SQLITE_OK);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_rand_free (f->rand);
  g_clear_object (&f->engine);
  sp_test_store_close (&f->dir, &f->store);
  sp_time_override_now (SP_TIME_NONE);
}

static void
save_contact (Fixture   *f,
              SpContact *c)
{
  g_autoptr(GError) error = NULL;

  sp_store_save_contact (f->store, c, &error);
  g_assert_no_error (error);
}

static int
pick (Fixture *f,
      int      n)
{
  return g_rand_int_range (f->rand, 0, n);
}

/* A contact somewhere between mid-August and the day after "now", often resolved days later */
static void
randomize_contact (Fixture   *f,
                   SpContact *c)
{
  SpTime t = sp_test_time ("2026-08-20 00:00") + pick (f, 88 * 86400);

  c->received_at = t - t % 60;
  c->channel = pick (f, SP_N_CHANNELS);
  sp_contact_set_agent_name (c, agents[pick (f, G_N_ELEMENTS (agents))]);
  c->agent_id = 0;
  sp_contact_set_customer_name (c, customers[pick (f, G_N_ELEMENTS (customers))]);
  c->customer_id = 0;
  sp_contact_set_category_name (c, topics[pick (f, G_N_ELEMENTS (topics))]);
  c->category_id = 0;
  c->priority = pick (f, SP_N_PRIORITIES);
  c->first_response_at = pick (f, 10) > 0 ? c->received_at + pick (f, 3000) * 60 : SP_TIME_NONE;
  switch (pick (f, 4))
    {
    case 0:
      c->resolved_at = SP_TIME_NONE;
      break;
    case 1:
      c->resolved_at = c->received_at + pick (f, 6 * 3600);
      break;
    default:
      c->resolved_at = c->received_at + pick (f, 40 * 86400);
      break;
    }
  c->resolved_first_contact = c->resolved_at != SP_TIME_NONE && pick (f, 2);
  c->escalated = pick (f, 5) == 0;
  c->escalated_at = c->escalation_resolved_at = SP_TIME_NONE;
  c->talk_min = pick (f, 2) ? pick (f, 40) / 4.0 : NAN;
  c->wrap_min = pick (f, 3) == 0 ? pick (f, 10) * 0.3 : NAN;
  c->complaint = pick (f, 10) == 0;
}

static void
add_contacts (Fixture *f,
              int      n)
{
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < n; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();

      randomize_contact (f, c);
      save_contact (f, c);
    }
}

static void
add_surveys (Fixture *f,
             int      n)
{
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < n; i++)
    {
      g_autoptr(SpSurvey) s = sp_survey_new ();
      SpTime t = sp_test_time ("2026-08-20 00:00") + pick (f, 88 * 86400);

      s->answered_at = t - t % 60;
      s->kind = pick (f, SP_N_SURVEY_KINDS);
      s->score = s->kind == SP_SURVEY_NPS ? pick (f, 11) : 1 + pick (f, s->kind == SP_SURVEY_CSAT
                                                                          ? 5 : 7);
      if (pick (f, 4))
        sp_survey_set_agent_name (s, agents[pick (f, G_N_ELEMENTS (agents))]);
      s->channel = pick (f, 4) ? pick (f, SP_N_CHANNELS) : SP_CHANNEL_NONE;
      sp_survey_set_category_name (s, topics[pick (f, G_N_ELEMENTS (topics))]);
      g_assert_true (sp_store_save_survey (f->store, s, &error));
      g_assert_no_error (error);
    }
}

/* Edits (across days and months, resolving, reopening) and deletes */
static void
edit_contacts (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = sp_store_list_contacts (f->store, NULL, 0, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i += 5)
    {
      SpContact *c = g_ptr_array_index (all, i);

      switch (pick (f, 4))
        {
        case 0:
          g_assert_true (sp_store_delete_contact (f->store, c->id, &error));
          break;
        case 1:
          {
            SpTime shift = (pick (f, 61) - 30) * 86400 + pick (f, 86400);

            c->received_at += shift - shift % 60;
            if (c->first_response_at != SP_TIME_NONE)
              c->first_response_at += shift - shift % 60;
            if (c->resolved_at != SP_TIME_NONE)
              c->resolved_at += shift - shift % 60;
            c->escalated_at = c->escalation_resolved_at = SP_TIME_NONE;
            save_contact (f, c);
          }
          break;
        case 2:
          c->resolved_at = c->resolved_at == SP_TIME_NONE ? c->received_at + pick (f, 20 * 86400)
                                                          : SP_TIME_NONE;
          c->resolved_first_contact = FALSE;
          c->escalated_at = c->escalation_resolved_at = SP_TIME_NONE;
          save_contact (f, c);
          break;
        default:
          sp_contact_set_agent_name (c, agents[pick (f, G_N_ELEMENTS (agents))]);
          c->agent_id = 0;
          sp_contact_set_category_name (c, topics[pick (f, G_N_ELEMENTS (topics))]);
          c->category_id = 0;
          c->channel = pick (f, SP_N_CHANNELS);
          c->escalated = !c->escalated;
          c->escalated_at = c->escalation_resolved_at = SP_TIME_NONE;
          save_contact (f, c);
          break;
        }
      g_assert_no_error (error);
    }
}

static void
edit_surveys (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = sp_store_list_surveys (f->store, NULL, 0, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i += 4)
    {
      SpSurvey *s = g_ptr_array_index (all, i);

      if (pick (f, 2))
        {
          g_assert_true (sp_store_delete_survey (f->store, s->id, &error));
        }
      else
        {
          s->answered_at += (pick (f, 41) - 20) * 86400;
          s->channel = pick (f, SP_N_CHANNELS);
          g_assert_true (sp_store_save_survey (f->store, s, &error));
        }
      g_assert_no_error (error);
    }
}

static void
import_contacts (Fixture *f,
                 int      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("received_at,channel,agent,customer,category,"
                                         "first_response_at,resolved_at,talk_min\n");
  guint imported = 0;

  for (int i = 0; i < n; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();
      g_autofree char *received = NULL;
      g_autofree char *response = NULL;
      g_autofree char *resolved = NULL;

      randomize_contact (f, c);
      received = sp_time_format_iso (c->received_at);
      response = c->first_response_at != SP_TIME_NONE ? sp_time_format_iso (c->first_response_at)
                                                      : g_strdup ("");
      resolved = c->resolved_at != SP_TIME_NONE ? sp_time_format_iso (c->resolved_at)
                                                : g_strdup ("");
      g_string_append_printf (csv, "%s,%s,%s,%s,%s,%s,%s,%s\n", received,
                              sp_channel_to_string (c->channel), c->agent_name,
                              c->customer_name ? c->customer_name : "",
                              c->category_name ? c->category_name : "", response, resolved,
                              isnan (c->talk_min) ? "" : "2.5");
    }

  g_assert_true (sp_import_data (f->store, SP_IMPORT_CONTACTS, "contacts.csv", csv->str, csv->len,
                                 &imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, n);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return sp_test_query_int (f->store, sql);
}

/* Rows of @a missing from @b and of @b missing from @a */
static void
assert_same_rows (Fixture    *f,
                  const char *what,
                  const char *a,
                  const char *b)
{
  g_autofree char *one = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT %s)", a, b);
  g_autofree char *two = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT %s)", b, a);
  gint64 missing = count (f, one), extra = count (f, two);

  if (missing != 0 || extra != 0)
    g_error ("%s: %" G_GINT64_FORMAT " rows differ one way, %" G_GINT64_FORMAT " the other",
             what, missing, extra);
}

#define RAW_DAY(T) "CAST(unixepoch(" T ", 'unixepoch', 'start of day') / 86400 AS INTEGER)"
#define RAW_MONTH(T) "CAST(unixepoch(" T ", 'unixepoch', 'start of month') / 86400 AS INTEGER)"
/* sla_default(): the targets as shipped in data/benchmarks.ini, through SpBenchmarks */
#define RAW_SLA \
  "60 * coalesce((SELECT CAST(value AS REAL) FROM settings" \
  "  WHERE key = 'benchmark.sla-target.' || c.priority), sla_default(c.priority))"

#define RAW_FCR_OK \
  "c.is_repeat = 0 AND c.resolved_first_contact = 1 AND c.escalated = 0 AND c.followed_up = 0"

#define MONTH_INTS \
  "n, complaints, repeats, fcr_ok, escalated, fr_n, fr_sum, res_n, res_sum, handle_n," \
  " sla_within, unanswered, no_customer, no_outcome, incomplete"

/* Every maintained total equals what the records give */
static void
assert_totals (Fixture *f)
{
  /* month totals: the day totals summed by month, and the contacts themselves */
  assert_same_rows (f, "kpi_months against kpi_days",
    "SELECT month, agent_id, channel, category_id, " MONTH_INTS " FROM kpi_months",
    "SELECT " RAW_MONTH ("day * 86400") ", agent_id, channel, category_id, sum(n),"
    " sum(complaints), sum(repeats), sum(fcr_ok), sum(escalated), sum(fr_n), sum(fr_sum),"
    " sum(res_n), sum(res_sum), sum(handle_n), sum(sla_within), sum(unanswered),"
    " sum(no_customer), sum(no_outcome), sum(incomplete) FROM kpi_days GROUP BY 1, 2, 3, 4");
  /* the day totals too: migration 5 moves the repeat flags' sums in place */
  assert_same_rows (f, "kpi_days against the contacts",
    "SELECT day, agent_id, channel, category_id, n, complaints, repeats, fcr_ok, escalated, fr_n,"
    " fr_sum, res_n, res_sum, handle_n, sla_within, unanswered, no_customer, no_outcome FROM kpi_days",
    "SELECT " RAW_DAY ("c.received_at") ", c.agent_id, c.channel, coalesce(c.category_id, 0),"
    " count(*), sum(c.complaint), sum(c.is_repeat), sum(" RAW_FCR_OK "), sum(c.escalated),"
    " count(c.first_response_at), coalesce(sum(c.first_response_at - c.received_at), 0),"
    " count(c.resolved_at), coalesce(sum(c.resolved_at - c.received_at), 0),"
    " sum(c.talk_min IS NOT NULL OR c.hold_min IS NOT NULL OR c.wrap_min IS NOT NULL),"
    " sum(coalesce(c.first_response_at - c.received_at <= " RAW_SLA ", 0)),"
    " sum(c.first_response_at IS NULL), sum(c.customer_id IS NULL),"
    " sum(c.resolved_at IS NULL AND c.escalated = 0) FROM contacts AS c GROUP BY 1, 2, 3, 4");
  assert_same_rows (f, "kpi_months against the contacts",
    "SELECT month, agent_id, channel, category_id, n, repeats, fcr_ok, escalated, fr_n, fr_sum,"
    " res_n, res_sum, handle_n, sla_within, unanswered, no_customer FROM kpi_months",
    "SELECT " RAW_MONTH ("c.received_at") ", c.agent_id, c.channel, coalesce(c.category_id, 0),"
    " count(*), sum(c.is_repeat), sum(" RAW_FCR_OK "), sum(c.escalated), count(c.first_response_at),"
    " coalesce(sum(c.first_response_at - c.received_at), 0), count(c.resolved_at),"
    " coalesce(sum(c.resolved_at - c.received_at), 0),"
    " sum(c.talk_min IS NOT NULL OR c.hold_min IS NOT NULL OR c.wrap_min IS NOT NULL),"
    " sum(coalesce(c.first_response_at - c.received_at <= " RAW_SLA ", 0)),"
    " sum(c.first_response_at IS NULL),"
    " sum(c.customer_id IS NULL) FROM contacts AS c GROUP BY 1, 2, 3, 4");
  /* the sums of reals only up to rounding: they are added in another order */
  g_assert_cmpint (count (f,
    "SELECT count(*) FROM kpi_months AS m JOIN (SELECT " RAW_MONTH ("day * 86400") " AS month,"
    " agent_id, channel, category_id, sum(fr_sq) AS fr_sq, sum(res_sq) AS res_sq,"
    " sum(handle_sum) AS handle_sum, sum(handle_sq) AS handle_sq FROM kpi_days"
    " GROUP BY 1, 2, 3, 4) AS d USING (month, agent_id, channel, category_id)"
    " WHERE abs(m.fr_sq - d.fr_sq) > 1e-9 * abs(d.fr_sq)"
    " OR abs(m.res_sq - d.res_sq) > 1e-9 * abs(d.res_sq)"
    " OR abs(m.handle_sum - d.handle_sum) > 1e-9 * (1 + abs(d.handle_sum))"
    " OR abs(m.handle_sq - d.handle_sq) > 1e-9 * (1 + abs(d.handle_sq))"), ==, 0);

  assert_same_rows (f, "survey_months against survey_days",
    "SELECT month, agent_id, channel, category_id, n, csat_n, csat_good, nps_n, promoters,"
    " detractors, ces_n, ces_sum, ces_sq FROM survey_months",
    "SELECT " RAW_MONTH ("day * 86400") ", agent_id, channel, category_id, sum(n), sum(csat_n),"
    " sum(csat_good), sum(nps_n), sum(promoters), sum(detractors), sum(ces_n), sum(ces_sum),"
    " sum(ces_sq) FROM survey_days GROUP BY 1, 2, 3, 4");
  assert_same_rows (f, "survey_months against the answers",
    "SELECT month, agent_id, channel, category_id, n, csat_n, nps_n, ces_sum FROM survey_months",
    "SELECT " RAW_MONTH ("answered_at") ", coalesce(agent_id, 0), coalesce(channel, ''),"
    " coalesce(category_id, 0), count(*), sum(kind = 'csat'), sum(kind = 'nps'),"
    " sum(iif(kind = 'ces', score, 0)) FROM surveys GROUP BY 1, 2, 3, 4");

  assert_same_rows (f, "contact_hours",
    "SELECT day, hour, n FROM contact_hours",
    "SELECT " RAW_DAY ("received_at") ", CAST(strftime('%H', received_at, 'unixepoch') AS INTEGER),"
    " count(*) FROM contacts GROUP BY 1, 2");

  assert_same_rows (f, "resolved_days",
    "SELECT day, agent_id, channel, category_id, n FROM resolved_days",
    "SELECT " RAW_DAY ("resolved_at") ", agent_id, channel, coalesce(category_id, 0), count(*)"
    " FROM contacts WHERE resolved_at IS NOT NULL GROUP BY 1, 2, 3, 4");
  assert_same_rows (f, "resolved_months",
    "SELECT month, agent_id, channel, category_id, n FROM resolved_months",
    "SELECT " RAW_MONTH ("resolved_at") ", agent_id, channel, coalesce(category_id, 0), count(*)"
    " FROM contacts WHERE resolved_at IS NOT NULL GROUP BY 1, 2, 3, 4");

  /* no row is kept at zero */
  g_assert_cmpint (count (f, "SELECT (SELECT count(*) FROM kpi_months WHERE n <= 0)"
                             " + (SELECT count(*) FROM survey_months WHERE n <= 0)"
                             " + (SELECT count(*) FROM contact_hours WHERE n <= 0)"
                             " + (SELECT count(*) FROM resolved_days WHERE n <= 0)"
                             " + (SELECT count(*) FROM resolved_months WHERE n <= 0)"), ==, 0);
}

#define SNAPSHOT \
  "SELECT (SELECT group_concat(month || ':' || agent_id || channel || category_id || ':' || n" \
  "   || complaints || repeats || fcr_ok || escalated || fr_n || fr_sum || res_n || res_sum" \
  "   || handle_n || sla_within || unanswered || no_customer || no_outcome || incomplete" \
  "   || printf(':%.9e:%.9e:%.9e:%.9e', fr_sq, res_sq, handle_sum, handle_sq), ';')" \
  "   FROM kpi_months)" \
  " || (SELECT group_concat(month || agent_id || channel || category_id || n || csat_n" \
  "   || csat_good || nps_n || promoters || detractors || ces_n || ces_sum || ces_sq, ';')" \
  "   FROM survey_months)" \
  " || (SELECT group_concat(day || ':' || hour || ':' || n, ';') FROM contact_hours)" \
  " || (SELECT group_concat(day || agent_id || channel || category_id || ':' || n, ';')" \
  "   FROM resolved_days)" \
  " || (SELECT group_concat(month || agent_id || channel || category_id || ':' || n, ';')" \
  "   FROM resolved_months)"

static void
test_match_records (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (f->store);
  g_autofree char *before = NULL;
  g_autofree char *rebuilt = NULL;

  add_contacts (f, 400);
  add_surveys (f, 150);
  assert_totals (f);

  edit_contacts (f);
  edit_surveys (f);
  assert_totals (f);

  import_contacts (f, 120);
  assert_totals (f);

  /* merging two topics moves their contacts; forgetting a customer empties theirs */
  g_assert_true (sp_store_merge_entities (f->store, SP_ENTITY_CATEGORY,
                                          sp_store_find_entity (f->store, SP_ENTITY_CATEGORY, "Y"),
                                          sp_store_find_entity (f->store, SP_ENTITY_CATEGORY, "X"),
                                          &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_forget_customer (f->store,
                                           sp_store_find_entity (f->store, SP_ENTITY_CUSTOMER,
                                                                 "B"), &error));
  g_assert_no_error (error);
  assert_totals (f);

  /* a new SLA target recounts the totals that depend on it */
  g_assert_true (sp_benchmarks_set_sla_target (benchmarks, SP_PRIORITY_NORMAL, 30, &error));
  g_assert_no_error (error);
  assert_totals (f);

  /* a rebuild from the records changes nothing */
  before = sp_test_query_text (f->store, SNAPSHOT);
  g_assert_true (sp_store_rebuild_totals (f->store, &error));
  g_assert_no_error (error);
  rebuilt = sp_test_query_text (f->store, SNAPSHOT);
  g_assert_cmpstr (before, ==, rebuilt);
  assert_totals (f);

  /* and everything deleted leaves nothing */
  g_assert_true (sp_store_begin (f->store, &error));
  g_assert_true (sp_store_exec (f->store, "DELETE FROM surveys; DELETE FROM contacts", &error));
  g_assert_true (sp_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT (SELECT count(*) FROM kpi_months)"
                             " + (SELECT count(*) FROM survey_months)"
                             " + (SELECT count(*) FROM contact_hours)"
                             " + (SELECT count(*) FROM resolved_days)"
                             " + (SELECT count(*) FROM resolved_months)"), ==, 0);
}

/* A large file goes in without the triggers, which are recounted once and put back */
static void
test_bulk_import (Fixture       *f,
                  gconstpointer  data)
{
  const char *triggers = "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'";
  g_autofree char *schema = sp_test_query_text (f->store,
                                                "SELECT group_concat(sql, ';') FROM"
                                                " (SELECT sql FROM sqlite_schema"
                                                "  WHERE type = 'trigger' ORDER BY name)");
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_triggers = count (f, triggers);
  guint imported = 99;

  g_assert_cmpint (n_triggers, >=, 10);

  /* a bad last row: nothing in, and the triggers as they were */
  {
    g_autoptr(GString) csv = g_string_new ("received_at,channel,agent\n");

    for (guint i = 0; i < 3000; i++)
      g_string_append_printf (csv, "2026-10-%02u 09:00,phone,Ana\n", 1 + i % 28);
    g_string_append (csv, "2026-10-01 09:00,pigeon,Ana\n");

    g_assert_false (sp_import_data (f->store, SP_IMPORT_CONTACTS, "big.csv", csv->str, csv->len,
                                    &imported, &error));
    g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 0);
    g_assert_cmpint (count (f, triggers), ==, n_triggers);
  }

  import_contacts (f, 2500);
  assert_totals (f);

  after = sp_test_query_text (f->store,
                              "SELECT group_concat(sql, ';') FROM"
                              " (SELECT sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name)");
  g_assert_cmpstr (after, ==, schema);

  /* the triggers keep the totals again */
  add_contacts (f, 50);
  edit_contacts (f);
  assert_totals (f);
}

/* The month of a day, as the triggers compute it, for days far before and after 1970 */
static void
test_month_of_day (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const days[] = {
    "1900-01-01", "1900-03-01", "1969-12-31", "1970-01-01", "2000-02-29", "2024-12-31",
    "2100-02-28", "2369-12-31", "2370-01-01", "2400-02-29", "9999-12-31",
  };
  g_autoptr(GError) error = NULL;
  gint64 agent = sp_store_ensure_entity (f->store, SP_ENTITY_AGENT, "Ana", &error);

  g_assert_no_error (error);
  /* in a transaction of the store, so that a server's shop takes them too */
  g_assert_true (sp_store_begin (f->store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      SpDate day = sp_test_date (days[i]);
      g_autofree char *insert = g_strdup_printf (
        "INSERT INTO contacts (received_at, id, channel, agent_id, resolved_at)"
        " VALUES (%" G_GINT64_FORMAT ", %u, 'phone', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
        sp_date_to_time (day) + 3600, i + 1, agent, sp_date_to_time (day) + 7200);
      g_autofree char *month = g_strdup_printf ("SELECT month FROM kpi_months WHERE month <= %d"
                                                " ORDER BY month DESC LIMIT 1", day);

      g_assert_true (sp_store_exec (f->store, insert, &error));
      g_assert_no_error (error);
      g_assert_cmpint (count (f, month), ==, sp_date_month_start (day));
    }

  /* far outside the years SQLite's dates know, a contact still counts in its month */
  g_assert_true (sp_store_exec (f->store, "INSERT INTO contacts (received_at, id, channel,"
                                          " agent_id) VALUES (-400000000000, 99, 'sms', 1),"
                                          " (400000000000, 98, 'sms', 1)", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT month FROM kpi_months ORDER BY month LIMIT 1"), ==,
                   sp_date_month_start (sp_time_to_date (-400000000000)));
  g_assert_cmpint (count (f, "SELECT month FROM kpi_months ORDER BY month DESC LIMIT 1"), ==,
                   sp_date_month_start (sp_time_to_date (400000000000)));
  g_assert_cmpint (count (f, "SELECT sum(n) FROM kpi_months"), ==, G_N_ELEMENTS (days) + 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM kpi_months"), ==, G_N_ELEMENTS (days) + 2);

  g_assert_true (sp_store_exec (f->store, "DELETE FROM contacts WHERE id > 90", &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_commit (f->store, &error));
  g_assert_no_error (error);
  assert_totals (f);
}

/* The backlog at a moment, straight from the contacts */
static gint64
raw_backlog (Fixture         *f,
             SpTime           m,
             const char      *filter,
             gboolean         old)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM contacts AS c WHERE c.received_at %s %" G_GINT64_FORMAT
    " AND (c.resolved_at IS NULL OR c.resolved_at > %" G_GINT64_FORMAT ")%s",
    old ? "<" : "<=", old ? m - 172800 : m, m, filter);

  return count (f, sql);
}

static char *
segment_sql (const SpSegment *segment)
{
  switch (segment->kind)
    {
    case SP_SEGMENT_AGENT:
      return g_strdup_printf (" AND c.agent_id = %" G_GINT64_FORMAT, segment->id);
    case SP_SEGMENT_CHANNEL:
      return g_strdup_printf (" AND c.channel = '%s'", sp_channel_to_string (segment->channel));
    case SP_SEGMENT_CATEGORY:
      return segment->id > 0 ? g_strdup_printf (" AND c.category_id = %" G_GINT64_FORMAT,
                                                segment->id)
                             : g_strdup (" AND c.category_id IS NULL");
    case SP_SEGMENT_ALL:
    default:
      return g_strdup ("");
    }
}

static void
assert_backlog (Fixture  *f,
                SpKpiSet *set)
{
  SpTime m = MIN (sp_date_to_time (set->period.to + 1) - 1, sp_time_now ());
  g_autofree char *filter = segment_sql (&set->segment);
  gint64 open = raw_backlog (f, m, filter, FALSE);
  gint64 old = raw_backlog (f, m, filter, TRUE);

  if (set->backlog_open != open || set->backlog_older_than_48h != old)
    g_error ("backlog of %d..%d (segment %d %" G_GINT64_FORMAT "): %" G_GINT64_FORMAT
             " open, %" G_GINT64_FORMAT " older than 48 h; the contacts say %" G_GINT64_FORMAT
             " and %" G_GINT64_FORMAT, set->period.from, set->period.to, set->segment.kind,
             set->segment.id, set->backlog_open, set->backlog_older_than_48h, open, old);
}

static void
test_backlog (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  SpPeriod ranges[] = {
    sp_period_make (sp_test_date ("2026-07-01"), sp_test_date ("2026-12-31")),
    sp_period_make (sp_test_date ("2026-11-14"), sp_test_date ("2026-11-16")),
  };
  static const char * const periods[][2] = {
    { "2026-09-01", "2026-09-30" }, { "2026-08-01", "2026-10-31" }, { "2026-09-15", "2026-11-15" },
    { "2026-10-31", "2026-10-31" }, { "2026-01-01", "2026-08-19" }, { "2026-11-16", "2026-12-31" },
    { "2026-11-01", "2026-11-15" },
  };

  add_contacts (f, 500);
  edit_contacts (f);
  add_contacts (f, 100);

  /* a contact of 1899 still open, and one received the second before "now" */
  g_assert_true (sp_store_begin (f->store, &error));
  g_assert_true (sp_store_exec (f->store,
                                "INSERT INTO contacts (received_at, id, channel, agent_id)"
                                " VALUES (-2209075200, 100000, 'sms', 1)", &error));
  g_assert_true (sp_store_commit (f->store, &error));
  {
    g_autoptr(SpContact) c = sp_contact_new ();

    randomize_contact (f, c);
    c->received_at = sp_time_now () - 1;
    c->first_response_at = c->resolved_at = SP_TIME_NONE;
    c->resolved_first_contact = FALSE;
    save_contact (f, c);
  }
  g_assert_no_error (error);

  g_ptr_array_add (segments, g_new0 (SpSegment, 1));
  for (guint i = 0; i < G_N_ELEMENTS (agents); i++)
    {
      SpSegment *s = g_new0 (SpSegment, 1);

      sp_segment_init_agent (s, sp_store_find_entity (f->store, SP_ENTITY_AGENT, agents[i]));
      g_ptr_array_add (segments, s);
    }
  for (SpChannel c = 0; c < SP_N_CHANNELS; c++)
    {
      SpSegment *s = g_new0 (SpSegment, 1);

      sp_segment_init_channel (s, c);
      g_ptr_array_add (segments, s);
    }
  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      SpSegment *s = g_new0 (SpSegment, 1);

      sp_segment_init_category (s, topics[i] ? sp_store_find_entity (f->store,
                                                                     SP_ENTITY_CATEGORY,
                                                                     topics[i]) : -1);
      g_ptr_array_add (segments, s);
    }

  /* trends by day, week and month, for the whole shop and each segment */
  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (SpGranularity g = SP_GRANULARITY_DAY; g <= SP_GRANULARITY_MONTH; g++)
      for (guint s = 0; s < segments->len; s++)
        {
          g_autoptr(GPtrArray) trend = sp_kpi_engine_trend (f->engine, &ranges[r], g,
                                                            g_ptr_array_index (segments, s),
                                                            &error);

          g_assert_no_error (error);
          for (guint i = 0; i < trend->len; i++)
            assert_backlog (f, g_ptr_array_index (trend, i));
        }

  /* periods of whole months and parts of months, in one call, and split */
  {
    g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (SpPeriod));

    for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
      {
        SpPeriod period = sp_period_make (sp_test_date (periods[p][0]),
                                          sp_test_date (periods[p][1]));

        g_array_append_val (list, period);
        for (SpSegmentKind k = SP_SEGMENT_AGENT; k <= SP_SEGMENT_CATEGORY; k++)
          {
            g_autoptr(GPtrArray) parts = sp_kpi_engine_breakdown (f->engine, &period, k, &error);

            g_assert_no_error (error);
            for (guint i = 0; i < parts->len; i++)
              assert_backlog (f, g_ptr_array_index (parts, i));
          }
      }

    for (guint s = 0; s < segments->len; s++)
      {
        g_autoptr(GPtrArray) sets = sp_kpi_engine_compute_many (f->engine,
                                                                (SpPeriod *) list->data,
                                                                list->len,
                                                                g_ptr_array_index (segments, s),
                                                                &error);

        g_assert_no_error (error);
        for (guint i = 0; i < sets->len; i++)
          assert_backlog (f, g_ptr_array_index (sets, i));
      }
  }

  for (SpSegmentKind k = SP_SEGMENT_AGENT; k <= SP_SEGMENT_CATEGORY; k++)
    {
      g_autoptr(GPtrArray) series = sp_kpi_engine_trend_split (f->engine, &ranges[0],
                                                               SP_GRANULARITY_WEEK, k, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < series->len; i++)
        {
          GPtrArray *trend = g_ptr_array_index (series, i);

          for (guint j = 0; j < trend->len; j++)
            assert_backlog (f, g_ptr_array_index (trend, j));
        }
    }

  /* at the end of a day the moment is a whole day; at midnight too */
  sp_time_override_now (sp_test_time ("2026-11-15 23:59") + 59);
  for (guint s = 0; s < segments->len; s++)
    {
      g_autoptr(GPtrArray) trend = sp_kpi_engine_trend (f->engine, &ranges[1],
                                                        SP_GRANULARITY_DAY,
                                                        g_ptr_array_index (segments, s), &error);

      g_assert_no_error (error);
      for (guint i = 0; i < trend->len; i++)
        assert_backlog (f, g_ptr_array_index (trend, i));
    }
  sp_time_override_now (sp_test_time ("2026-11-15 00:00"));
  {
    g_autoptr(GPtrArray) trend = sp_kpi_engine_trend (f->engine, &ranges[1], SP_GRANULARITY_DAY,
                                                      NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < trend->len; i++)
      assert_backlog (f, g_ptr_array_index (trend, i));
  }
}

/* Contacts by weekday and hour: from the hourly totals, or the contacts for a segment */
static void
test_volume (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const periods[][2] = {
    { "2026-09-01", "2026-09-30" }, { "2026-08-01", "2026-12-31" }, { "2026-10-14", "2026-10-14" },
    { "2027-01-01", "2027-01-31" },
  };

  add_contacts (f, 400);
  edit_contacts (f);

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      SpPeriod period = sp_period_make (sp_test_date (periods[p][0]), sp_test_date (periods[p][1]));
      SpSegment segments[2];

      sp_segment_init_all (&segments[0]);
      sp_segment_init_channel (&segments[1], SP_CHANNEL_CHAT);

      for (guint s = 0; s < G_N_ELEMENTS (segments); s++)
        {
          gint64 counts[7][24];
          gint64 total = 0;

          g_assert_true (sp_kpi_engine_volume_by_hour (f->engine, &period, &segments[s], counts,
                                                       &error));
          g_assert_no_error (error);

          for (int d = 0; d < 7; d++)
            for (int h = 0; h < 24; h++)
              {
                /* strftime's %w: Sunday 0 */
                g_autofree char *sql = g_strdup_printf (
                  "SELECT count(*) FROM contacts WHERE received_at >= %" G_GINT64_FORMAT
                  " AND received_at < %" G_GINT64_FORMAT " AND strftime('%%w', received_at,"
                  " 'unixepoch') = '%d' AND strftime('%%H', received_at, 'unixepoch') = '%02d'%s",
                  sp_date_to_time (period.from), sp_date_to_time (period.to + 1), (d + 1) % 7, h,
                  s == 0 ? "" : " AND channel = 'chat'");

                g_assert_cmpint (counts[d][h], ==, count (f, sql));
                total += counts[d][h];
              }

          if (p == 0 && s == 0)
            g_assert_cmpint (total, >, 0);
        }
    }
}

/* Periods made of whole months read the month totals: the same as the contacts */
static void
test_whole_months (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const periods[][2] = {
    { "2026-09-01", "2026-09-30" }, { "2026-08-01", "2026-10-31" }, { "2026-08-25", "2026-11-03" },
    { "2026-09-01", "2026-11-15" }, { "2026-08-31", "2026-10-01" }, { "2026-10-01", "2026-10-31" },
  };

  add_contacts (f, 500);
  add_surveys (f, 300);
  edit_contacts (f);
  edit_surveys (f);
  sp_test_add_month (f->store, 2026, 9, 1000, 50, 2, 3);
  sp_test_add_month (f->store, 2026, 10, 1200, 51, 4, 1);

  /* also while the month is still within the SLA targets of its last contacts */
  for (guint q = 0; q < 2 * G_N_ELEMENTS (periods); q++)
    {
      guint p = q % G_N_ELEMENTS (periods);
      SpPeriod period = sp_period_make (sp_test_date (periods[p][0]), sp_test_date (periods[p][1]));
      g_autoptr(SpKpiSet) set = NULL;
      g_autoptr(GPtrArray) days = sp_kpi_engine_trend (f->engine, &period, SP_GRANULARITY_DAY,
                                                       NULL, &error);
      g_autofree char *range = g_strdup_printf (" FROM contacts WHERE received_at >= %"
                                                G_GINT64_FORMAT " AND received_at < %"
                                                G_GINT64_FORMAT,
                                                sp_date_to_time (period.from),
                                                sp_date_to_time (period.to + 1));
      g_autofree char *answers = g_strdup_printf (" FROM surveys WHERE answered_at >= %"
                                                  G_GINT64_FORMAT " AND answered_at < %"
                                                  G_GINT64_FORMAT,
                                                  sp_date_to_time (period.from),
                                                  sp_date_to_time (period.to + 1));
      g_autofree char *sql = NULL;
      gint64 contacts = 0, escalated = 0, csat = 0;

      if (q == G_N_ELEMENTS (periods))
        sp_time_override_now (sp_test_time ("2026-10-30 12:00"));
      set = sp_kpi_engine_compute (f->engine, &period, NULL, &error);
      g_assert_no_error (error);

      /* the sum of its days, each read from the day totals */
      for (guint i = 0; i < days->len; i++)
        {
          SpKpiSet *day = g_ptr_array_index (days, i);

          contacts += day->contacts;
          if (day->contacts > 0)
            escalated += llround (day->values[SP_KPI_ESCALATION_RATE].value * day->contacts / 100);
          csat += day->values[SP_KPI_CSAT].n;
        }
      g_assert_cmpint (set->contacts, ==, contacts);
      g_assert_cmpint (llround (set->values[SP_KPI_ESCALATION_RATE].value * contacts / 100), ==,
                       escalated);
      g_assert_cmpint (set->values[SP_KPI_CSAT].n, ==, csat);

      /* and what the records say */
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT count(*)%s", range);
      g_assert_cmpint (set->contacts, ==, count (f, sql));
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT 100.0 * sum(NOT is_repeat AND resolved_first_contact"
                             " AND NOT escalated AND NOT followed_up) / sum(NOT is_repeat)%s",
                             range);
      g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_FCR].value,
                                      sp_test_query_double (f->store, sql), EPS);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT avg(first_response_at - received_at) / 60.0%s", range);
      g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_FIRST_RESPONSE].value,
                                      sp_test_query_double (f->store, sql), EPS);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT avg(coalesce(talk_min, 0) + coalesce(wrap_min, 0))%s"
                             " AND (talk_min IS NOT NULL OR wrap_min IS NOT NULL)", range);
      g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_AHT].value,
                                      sp_test_query_double (f->store, sql), EPS);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT 100.0 * sum(first_response_at - received_at <= t)"
                             " / (count(first_response_at) + sum(first_response_at IS NULL"
                             "    AND received_at + t < %" G_GINT64_FORMAT "))"
                             " FROM (SELECT *, 60 * sla_default(priority) AS t"
                             "%s)", sp_time_now (), range);
      g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_SLA_COMPLIANCE].value,
                                      sp_test_query_double (f->store, sql), EPS);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT 100.0 * sum(kind = 'csat' AND score >= 4)"
                             " / sum(kind = 'csat')%s", answers);
      g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_CSAT].value,
                                      sp_test_query_double (f->store, sql), EPS);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT sum(kind = 'nps')%s", answers);
      g_assert_cmpint (set->values[SP_KPI_NPS].n, ==, count (f, sql));
      assert_backlog (f, set);

      /* cost per contact: the contacts of the whole months with figures */
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT (SELECT sum(operating_cost) FROM month_figures AS m"
                             "   WHERE m.first_day >= %d AND m.last_day <= %d)"
                             " / (SELECT count(*) FROM month_figures AS m JOIN contacts AS c"
                             "   ON c.received_at >= m.first_day * 86400"
                             "   AND c.received_at < (m.last_day + 1) * 86400"
                             "   WHERE m.first_day >= %d AND m.last_day <= %d)",
                             period.from, period.to, period.from, period.to);
      if (set->months_with_figures > 0)
        g_assert_cmpfloat_with_epsilon (set->values[SP_KPI_COST_PER_CONTACT].value,
                                        sp_test_query_double (f->store, sql), EPS);
      else
        g_assert_true (isnan (set->values[SP_KPI_COST_PER_CONTACT].value));
    }
}

static void
assert_same_value (const SpKpiValue *a,
                   const SpKpiValue *b)
{
  const double *x[] = { &a->value, &a->lower, &a->upper };
  const double *y[] = { &b->value, &b->lower, &b->upper };

  g_assert_cmpint (a->n, ==, b->n);
  g_assert_cmpint (a->status, ==, b->status);
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    {
      if (isnan (*x[i]) || isnan (*y[i]))
        g_assert_true (isnan (*x[i]) && isnan (*y[i]));
      else
        g_assert_cmpfloat_with_epsilon (*x[i], *y[i], EPS * (1 + fabs (*y[i])));
    }
}

static void
assert_same_sets (GPtrArray *a,
                  GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      SpKpiSet *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_true (sp_segment_equal (&x->segment, &y->segment));
      g_assert_cmpstr (x->segment_label, ==, y->segment_label);
      g_assert_cmpint (x->contacts, ==, y->contacts);
      g_assert_cmpint (x->backlog_open, ==, y->backlog_open);
      g_assert_cmpint (x->backlog_older_than_48h, ==, y->backlog_older_than_48h);
      g_assert_cmpint (x->incomplete, ==, y->incomplete);
      for (SpKpi k = 0; k < SP_N_KPIS; k++)
        assert_same_value (&x->values[k], &y->values[k]);
      for (guint c = 0; c < SP_N_CHANNELS; c++)
        {
          g_assert_cmpint (x->contacts_by_channel[c], ==, y->contacts_by_channel[c]);
          assert_same_value (&x->first_response_by_channel[c], &y->first_response_by_channel[c]);
        }
      g_assert_cmpuint (x->contacts_by_category->len, ==, y->contacts_by_category->len);
      for (guint c = 0; c < x->contacts_by_category->len; c++)
        {
          SpCategoryCount *p = &g_array_index (x->contacts_by_category, SpCategoryCount, c);
          SpCategoryCount *q = &g_array_index (y->contacts_by_category, SpCategoryCount, c);

          g_assert_cmpint (p->category_id, ==, q->category_id);
          g_assert_cmpint (p->contacts, ==, q->contacts);
        }
    }
}

/* The three breakdowns at once are the three one by one */
static void
test_breakdowns (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const periods[][2] = {
    { "2026-09-01", "2026-09-30" }, { "2026-08-01", "2026-11-15" }, { "2026-11-10", "2026-11-20" },
    { "2027-01-01", "2027-01-31" },
  };

  add_contacts (f, 500);
  add_surveys (f, 300);
  edit_contacts (f);
  sp_test_add_shift (f->store, "2026-09-02", "Ana", 8);
  sp_test_add_shift (f->store, "2026-11-12", "Cy", 6);

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      SpPeriod period = sp_period_make (sp_test_date (periods[p][0]), sp_test_date (periods[p][1]));
      g_autoptr(GPtrArray) by_agent = NULL;
      g_autoptr(GPtrArray) by_channel = NULL;
      g_autoptr(GPtrArray) by_topic = NULL;
      g_autoptr(GPtrArray) one_agents = NULL;
      g_autoptr(GPtrArray) one_channels = NULL;
      g_autoptr(GPtrArray) one_topics = NULL;

      g_assert_true (sp_kpi_engine_breakdowns (f->engine, &period, &by_agent, &by_channel, &by_topic,
                                               &error));
      g_assert_no_error (error);
      one_agents = sp_kpi_engine_breakdown (f->engine, &period, SP_SEGMENT_AGENT, &error);
      one_channels = sp_kpi_engine_breakdown (f->engine, &period, SP_SEGMENT_CHANNEL, &error);
      one_topics = sp_kpi_engine_breakdown (f->engine, &period, SP_SEGMENT_CATEGORY, &error);
      g_assert_no_error (error);

      if (p < 3)
        g_assert_cmpuint (by_agent->len, ==, G_N_ELEMENTS (agents));
      assert_same_sets (by_agent, one_agents);
      assert_same_sets (by_channel, one_channels);
      assert_same_sets (by_topic, one_topics);
      for (guint i = 0; i < by_agent->len; i++)
        assert_backlog (f, g_ptr_array_index (by_agent, i));
      for (guint i = 0; i < by_channel->len; i++)
        assert_backlog (f, g_ptr_array_index (by_channel, i));
      for (guint i = 0; i < by_topic->len; i++)
        assert_backlog (f, g_ptr_array_index (by_topic, i));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, seed) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (seed), fixture_setup, func, fixture_teardown)

  ADD ("/kpi-totals/match-records", test_match_records, 7);
  ADD ("/kpi-totals/match-records-2", test_match_records, 2026);
  ADD ("/kpi-totals/bulk-import", test_bulk_import, 17);
  ADD ("/kpi-totals/month-of-day", test_month_of_day, 1);
  ADD ("/kpi-totals/backlog", test_backlog, 11);
  ADD ("/kpi-totals/volume", test_volume, 5);
  ADD ("/kpi-totals/whole-months", test_whole_months, 3);
  ADD ("/kpi-totals/breakdowns", test_breakdowns, 13);

  return g_test_run ();
}
