/* sp-demo.c
 *
 * A sample shop to try the app with, and to measure it: a year of
 * contacts ending now, with weekday and hour patterns, customers who come
 * back, escalations, survey answers, shifts and month figures, and a few
 * stories for the diagnoses to find:
 *
 *  - Dan resolves fewer first contacts and satisfies fewer customers;
 *  - Returns are escalated far more often than the other topics;
 *  - chat has been slower than its one-minute target for four weeks;
 *  - utilization creeps above 85 % over the last month;
 *  - resolutions slow down over the last five weeks, so the backlog grows.
 *
 * Everything goes in with prepared statements in one transaction; the
 * repeat flags are computed once at the end by the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "sp-demo.h"
#include "sp-error.h"
#include "sp-goal-tracker.h"
#include "sp-parse.h"
#include "sp-shop.h"
#include "sp-store-private.h"

#define N_AGENTS 5
#define DAN 3
#define N_TOPICS 5
#define RETURNS 2          /* topic index: 0 none, 1 Billing, 2 Returns, … */
#define DAYS 365

static const char * const agent_names[N_AGENTS] = {
  "Ana Silva", "Ben Okafor", "Chloé Martin", "Dan Reyes", "Eva Novak",
};

/* Index 0 is "no topic" */
static const char * const topic_names[N_TOPICS + 1] = {
  NULL, "Billing", "Returns", "Shipping", "Product questions", "Account",
};
static const double topic_weights[N_TOPICS + 1] = { 0.10, 0.22, 0.18, 0.22, 0.18, 0.10 };

static const double channel_weights[SP_N_CHANNELS] = { 0.30, 0.25, 0.20, 0.10, 0.08, 0.07 };
/* mean first response, seconds (targets: 3 min, 4 h, 1 min, 3 min, 1 h, 1 min) */
static const double response_means[SP_N_CHANNELS] = { 95, 8400, 38, 80, 2300, 45 };
static const double talk_means[SP_N_CHANNELS] = { 10.5, 6.5, 11.0, 8.0, 5.0, 4.0 };
static const double anonymous_share[SP_N_CHANNELS] = { 0.08, 0.02, 0.05, 0.55, 0.03, 0.02 };

static const double weekday_weights[7] = { 1.25, 1.1, 1.0, 1.0, 0.95, 0.55, 0.15 };
static const double hour_weights[24] = {
  0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.2, 0.7, 1.0, 1.1, 1.05,
  0.9, 0.95, 1.0, 0.95, 0.85, 0.7, 0.45, 0.3, 0.2, 0.12, 0.08, 0.04,
};

static const char * const first_names[] = {
  "Alex", "Amira", "Bruno", "Carla", "David", "Elif", "Farah", "Georg", "Hana", "Ivan",
  "Jonas", "Kemal", "Lena", "Marco", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Sami",
  "Tara", "Umar", "Vera", "Wim", "Yara", "Zoe", "Lukas", "Mia", "Noah", "Olga",
  "Aisha", "Ben", "Chiara", "Dmitri", "Emma", "Felix", "Greta", "Hugo", "Ines", "Jakob",
};
static const char * const last_names[] = {
  "Andersen", "Bauer", "Costa", "Dubois", "Esposito", "Fischer", "García", "Horvat",
  "Ivanova", "Jansen", "Kowalski", "Larsen", "Moreau", "Nowak", "Oliveira", "Peters",
  "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Yilmaz", "Zimmermann",
  "Berger", "Collins", "Duarte", "Eriksen", "Ferrari",
};

typedef struct
{
  SpTime  received;
  SpTime  response;      /* SP_TIME_NONE: not answered */
  SpTime  resolved;      /* SP_TIME_NONE: open */
  gint32  customer;      /* index + 1; 0 anonymous */
  float   talk, hold, wrap;
  guint8  channel;
  guint8  agent;
  guint8  topic;
  guint8  priority;
  guint8  first_resolved : 1;
  guint8  escalated : 1;
  guint8  complaint : 1;
} DemoContact;

typedef struct
{
  SpStore     *store;
  GRand       *rand;
  SpTime       now;
  SpDate       first_day;
  SpDate       today;
  gint64       n_customers;
  gint64       agent_ids[N_AGENTS];
  gint64       topic_ids[N_TOPICS + 1];
  gint64      *customer_ids;
  GArray      *contacts;     /* DemoContact */
  double      *handled;      /* minutes per agent and day: [day * N_AGENTS + agent] */
} Demo;

static double
uniform (Demo *demo)
{
  return g_rand_double (demo->rand);
}

static double
exponential (Demo   *demo,
             double  mean)
{
  return -mean * log (1.0 - uniform (demo));
}

static guint
pick (Demo         *demo,
      const double *weights,
      guint         n)
{
  double total = 0, u;

  for (guint i = 0; i < n; i++)
    total += weights[i];

  u = uniform (demo) * total;
  for (guint i = 0; i < n; i++)
    {
      if (u < weights[i])
        return i;
      u -= weights[i];
    }
  return n - 1;
}

static float
minutes (double value)
{
  return (float) (round (value * 10.0) / 10.0);
}

/* Who is on duty: everyone Monday to Saturday but one rotating day off; one on Sundays */
/*
 * Who staffs the desk: three of the five on a weekday, in turns, two on
 * Saturday, one on Sunday, so that each has a working day of 4–8 hours.
 */
static gboolean
on_duty (SpDate day,
         guint  agent)
{
  int weekday = sp_date_weekday (day);   /* 1 = Monday */
  int week = (day + 3) / 7;
  guint first = (guint) ((weekday - 1 + week) % N_AGENTS);
  guint turn = (agent + N_AGENTS - first) % N_AGENTS;

  if (weekday == 7)
    return turn < 1;
  if (weekday == 6)
    return turn < 2;
  return turn < 3;
}

static guint
pick_agent (Demo   *demo,
            SpDate  day)
{
  guint on[N_AGENTS], n = 0;

  for (guint a = 0; a < N_AGENTS; a++)
    if (on_duty (day, a))
      on[n++] = a;

  return n > 0 ? on[g_rand_int_range (demo->rand, 0, (gint32) n)] : 0;
}

/* Days ago, from today: stories play in the last weeks */
static int
age_days (Demo   *demo,
          SpTime  t)
{
  return demo->today - sp_time_to_date (t);
}

static void
fill_outcome (Demo        *demo,
              DemoContact *c)
{
  int age = age_days (demo, c->received);
  double p_escalate = 0.055, p_resolve = 0.82, handle;
  double delay;

  /* first response */
  delay = exponential (demo, response_means[c->channel]);
  if (c->channel == SP_CHANNEL_CHAT && age < 28)
    delay = exponential (demo, 200);
  if (c->channel == SP_CHANNEL_EMAIL && sp_date_weekday (sp_time_to_date (c->received)) >= 6)
    delay += 36000;
  if ((c->channel == SP_CHANNEL_IN_PERSON && uniform (demo) < 0.06) || uniform (demo) < 0.003)
    c->response = SP_TIME_NONE;
  else
    c->response = c->received + (SpTime) delay;
  if (c->response != SP_TIME_NONE && c->response > demo->now)
    c->response = SP_TIME_NONE;

  /* handling */
  if (uniform (demo) < 0.04)
    {
      c->talk = c->hold = c->wrap = NAN;
    }
  else
    {
      c->talk = minutes (talk_means[c->channel] * (0.4 + 1.2 * uniform (demo)));
      c->hold = c->channel == SP_CHANNEL_PHONE ? minutes (exponential (demo, 0.9)) : NAN;
      c->wrap = minutes (2.0 + exponential (demo, 1.5));
    }

  /* outcome */
  if (c->topic == RETURNS)
    p_escalate = 0.32;
  if (c->agent == DAN)
    {
      p_escalate += 0.07;
      p_resolve = 0.56;
    }
  else if (c->topic == RETURNS)
    {
      p_resolve = 0.72;
    }

  c->escalated = uniform (demo) < p_escalate;
  c->first_resolved = !c->escalated && uniform (demo) < p_resolve;
  c->complaint = uniform (demo) < (c->escalated ? 0.15 : 0.025) + (c->topic == RETURNS ? 0.04 : 0);

  handle = (isnan (c->talk) ? 0 : c->talk) + (isnan (c->hold) ? 0 : c->hold) +
           (isnan (c->wrap) ? 0 : c->wrap);

  if (c->first_resolved)
    {
      c->resolved = c->received + (SpTime) llround (handle * 60.0);
    }
  else
    {
      double mean = c->escalated ? 40 * 3600.0 : 18 * 3600.0;

      /* the backlog story: resolutions slow down over the last five weeks */
      if (age < 35)
        mean *= 1.0 + 4.0 * (35 - age) / 35.0;

      c->resolved = c->received + (SpTime) (600 + exponential (demo, mean));
      if ((age < 21 && uniform (demo) < 0.10) || uniform (demo) < 0.004)
        c->resolved = SP_TIME_NONE;
    }

  if (c->resolved != SP_TIME_NONE && c->resolved > demo->now)
    c->resolved = SP_TIME_NONE;
}

static gint32
pick_customer (Demo *demo)
{
  double u = uniform (demo);

  /* some customers come back often, most now and then */
  return (gint32) (demo->n_customers * u * u) + 1;
}

static SpTime
time_on_day (Demo   *demo,
             SpDate  day,
             guint   channel)
{
  guint hour = pick (demo, hour_weights, 24);
  SpTime t;

  if (channel == SP_CHANNEL_IN_PERSON || channel == SP_CHANNEL_PHONE)
    hour = CLAMP (hour, 9, 18);

  t = sp_date_to_time (day) + hour * 3600 + g_rand_int_range (demo->rand, 0, 3600);
  if (t > demo->now)
    t = MAX (sp_date_to_time (day), demo->now - g_rand_int_range (demo->rand, 60, 4 * 3600));
  return t;
}

static void
add_contact (Demo        *demo,
             DemoContact *c)
{
  SpDate day = sp_time_to_date (c->received);

  fill_outcome (demo, c);
  g_array_append_vals (demo->contacts, c, 1);

  if (day >= demo->first_day && day <= demo->today)
    {
      double handle = (isnan (c->talk) ? 0 : c->talk) + (isnan (c->hold) ? 0 : c->hold) +
                      (isnan (c->wrap) ? 0 : c->wrap);
      demo->handled[(day - demo->first_day) * N_AGENTS + c->agent] += handle;
    }
}

static void
add_base_contact (Demo     *demo,
                  SpDate    day,
                  gboolean  may_return)
{
  DemoContact c = { 0 };
  gboolean failed;

  c.channel = (guint8) pick (demo, channel_weights, SP_N_CHANNELS);
  c.received = time_on_day (demo, day, c.channel);
  c.agent = (guint8) pick_agent (demo, day);
  c.topic = (guint8) pick (demo, topic_weights, N_TOPICS + 1);
  c.priority = (guint8) pick (demo, (const double[]) { 0.15, 0.65, 0.15, 0.05 }, SP_N_PRIORITIES);
  c.customer = uniform (demo) < anonymous_share[c.channel] ? 0 : pick_customer (demo);

  add_contact (demo, &c);

  if (!may_return || c.customer == 0)
    return;

  /* customers whose issue was not settled come back about it */
  failed = !c.first_resolved;
  if (uniform (demo) < (failed ? 0.45 : 0.04))
    {
      DemoContact again = c;
      SpTime later = c.received + 7200 + (SpTime) (uniform (demo) * (failed ? 6.5 : 10) * 86400);

      if (later > demo->now)
        return;

      again.received = later;
      again.channel = uniform (demo) < 0.7 ? c.channel
                                           : (guint8) pick (demo, channel_weights, SP_N_CHANNELS);
      again.agent = (guint8) pick_agent (demo, sp_time_to_date (later));
      add_contact (demo, &again);
    }
}

static int
compare_contacts (gconstpointer a,
                  gconstpointer b)
{
  const DemoContact *x = a, *y = b;

  return x->received < y->received ? -1 : x->received > y->received;
}

static void
generate_contacts (Demo   *demo,
                   gint64  target)
{
  double weights[DAYS], total = 0, carry = 0;
  gint64 base = (gint64) (target / 1.12);

  for (int d = 0; d < DAYS; d++)
    {
      SpDate day = demo->first_day + d;
      int y, m;

      sp_date_to_ymd (day, &y, &m, NULL);
      weights[d] = weekday_weights[sp_date_weekday (day) - 1] *
                   (m == 12 ? 1.3 : m == 1 ? 1.15 : 1.0) *
                   (0.9 + 0.2 * d / (double) DAYS);
      total += weights[d];
    }

  /* today is only partly over */
  weights[DAYS - 1] *= CLAMP ((demo->now - sp_date_to_time (demo->today)) / 86400.0, 0.02, 1.0);

  for (int d = 0; d < DAYS; d++)
    {
      double want = base * weights[d] / total + carry;
      gint64 n = (gint64) want;

      carry = want - (double) n;
      for (gint64 i = 0; i < n; i++)
        add_base_contact (demo, demo->first_day + d, TRUE);
    }

  /* exactly @target: drop some at random, or add some */
  while ((gint64) demo->contacts->len > target)
    {
      guint i = (guint) g_rand_int_range (demo->rand, 0, (gint32) demo->contacts->len);
      DemoContact *c = &g_array_index (demo->contacts, DemoContact, i);
      SpDate day = sp_time_to_date (c->received);
      double handle = (isnan (c->talk) ? 0 : c->talk) + (isnan (c->hold) ? 0 : c->hold) +
                      (isnan (c->wrap) ? 0 : c->wrap);

      demo->handled[(day - demo->first_day) * N_AGENTS + c->agent] -= handle;
      g_array_remove_index_fast (demo->contacts, i);
    }

  while ((gint64) demo->contacts->len < target)
    {
      int d = (int) pick (demo, weights, DAYS);
      add_base_contact (demo, demo->first_day + d, FALSE);
    }

  g_array_sort (demo->contacts, compare_contacts);
}

/* Writing */

/* A sample shop has a name on its reports, unless the owner gave one */
static gboolean
name_shop (SpStore  *store,
           GError  **error)
{
  g_autofree char *name = sp_shop_dup_name (store);

  if (name != NULL && *name != '\0')
    return TRUE;

  return sp_shop_set_name (store, _("Harbour Street Cycles (sample data)"), error);
}

/* Like a shop in use, the next contact starts with the last one's agent and channel */
static gboolean
remember_last_contact (Demo    *demo,
                       GError **error)
{
  const DemoContact *last;

  if (demo->contacts->len == 0)
    return TRUE;

  last = &g_array_index (demo->contacts, DemoContact, demo->contacts->len - 1);
  return sp_store_set_setting (demo->store, "log.last-agent", agent_names[last->agent], error) &&
         sp_store_set_setting (demo->store, "log.last-channel",
                               sp_channel_to_string (last->channel), error);
}

static gboolean
insert_entities (Demo    *demo,
                 GError **error)
{
  g_autoptr(SpStmt) stmt = NULL;
  guint nf = G_N_ELEMENTS (first_names), nl = G_N_ELEMENTS (last_names);

  for (guint a = 0; a < N_AGENTS; a++)
    if ((demo->agent_ids[a] = sp_store_ensure_entity (demo->store, SP_ENTITY_AGENT,
                                                      agent_names[a], error)) <= 0)
      return FALSE;

  for (guint t = 1; t <= N_TOPICS; t++)
    if ((demo->topic_ids[t] = sp_store_ensure_entity (demo->store, SP_ENTITY_CATEGORY,
                                                      topic_names[t], error)) <= 0)
      return FALSE;

  stmt = sp_store_prepare (demo->store,
                           "INSERT INTO customers (name, name_key) VALUES (?1, ?2)"
                           " ON CONFLICT (name_key) DO UPDATE SET name = name RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;

  demo->customer_ids = g_new0 (gint64, demo->n_customers + 1);
  for (gint64 i = 0; i < demo->n_customers; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *key = NULL;
      gint64 round_ = i / (nf * nl);

      if (round_ == 0)
        name = g_strdup_printf ("%s %s", first_names[i % nf], last_names[(i / nf) % nl]);
      else
        {
          /* namesakes get middle initials, as people tell them apart */
          g_autoptr(GString) initials = g_string_new (NULL);

          gint64 base = i % (nf * nl);

          /* the letter varies with the name, so not every namesake is an "A." */
          for (gint64 r = round_; r > 0; r = (r - 1) / 26)
            g_string_prepend (initials,
                              (char[]) { ' ', (char) ('A' + (base * 11 + r - 1) % 26), '.', 0 });

          name = g_strdup_printf ("%s%s %s", first_names[i % nf], initials->str,
                                  last_names[(i / nf) % nl]);
        }
      key = sp_name_key (name);

      sp_bind_text (stmt, 1, name);
      sp_bind_text (stmt, 2, key);
      if (sp_store_step (demo->store, stmt, error) != SP_STEP_ROW)
        return FALSE;
      demo->customer_ids[i + 1] = sqlite3_column_int64 (stmt, 0);
      if (sp_store_step (demo->store, stmt, error) == SP_STEP_ERROR)
        return FALSE;
      sqlite3_reset (stmt);
    }

  return TRUE;
}

static const char *
escalated_to (guint topic)
{
  switch (topic)
    {
    case 1:
      return "Billing team";
    case 2:
    case 3:
      return "Warehouse";
    case 4:
      return "Product specialist";
    default:
      return "Supervisor";
    }
}

static const char *
escalation_reason (guint topic)
{
  switch (topic)
    {
    case 1:
      return "Refund above the agent's limit";
    case 2:
      return "Return outside the 30-day window needs approval";
    case 3:
      return "Parcel lost by the carrier";
    case 4:
      return "Technical question beyond the manual";
    default:
      return "Customer asked for a manager";
    }
}

static void
bind_minutes (SpStmt *stmt,
              int     index,
              float   value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

static gboolean
insert_contacts (Demo    *demo,
                 GError **error)
{
  g_autoptr(SpStmt) contact = NULL;
  g_autoptr(SpStmt) escalation = NULL;
  g_autoptr(SpStmt) survey = NULL;
  static const char * const satisfied_comments[] = {
    "Quick and friendly, thank you!", "Sorted in one call.", "Very helpful.", NULL,
  };
  static const char * const unhappy_comments[] = {
    "Had to call back twice.", "Took far too long.", "Nobody could tell me what happened.",
    NULL,
  };
  gint64 next_survey = 1;
  SpHours *hours;

  contact = sp_store_prepare (demo->store,
    "INSERT INTO contacts (received_at, id, channel, agent_id, customer_id, category_id,"
    " priority, first_response_at, resolved_at, resolved_first_contact, escalated, talk_min,"
    " hold_min, wrap_min, complaint, note, fr_open, res_open)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    error);
  escalation = sp_store_prepare (demo->store,
    "INSERT INTO escalations (contact_id, escalated_at, escalated_to, reason, resolved_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  survey = sp_store_prepare (demo->store,
    "INSERT INTO surveys (answered_at, id, kind, score, customer_id, agent_id, channel,"
    " category_id, comment, contact_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    error);
  if (contact == NULL || escalation == NULL || survey == NULL)
    return FALSE;

  hours = sp_store_peek_hours (demo->store, error);
  if (hours == NULL)
    return FALSE;

  for (guint i = 0; i < demo->contacts->len; i++)
    {
      DemoContact *c = &g_array_index (demo->contacts, DemoContact, i);
      gint64 id = i + 1;
      gint64 fr_open, res_open;

      sqlite3_bind_int64 (contact, 1, c->received);
      sqlite3_bind_int64 (contact, 2, id);
      sp_bind_text (contact, 3, sp_channel_to_string (c->channel));
      sqlite3_bind_int64 (contact, 4, demo->agent_ids[c->agent]);
      sp_bind_id (contact, 5, c->customer ? demo->customer_ids[c->customer] : 0);
      sp_bind_id (contact, 6, demo->topic_ids[c->topic]);
      sp_bind_text (contact, 7, sp_priority_to_string (c->priority));
      sp_bind_time (contact, 8, c->response);
      sp_bind_time (contact, 9, c->resolved);
      sqlite3_bind_int (contact, 10, c->first_resolved);
      sqlite3_bind_int (contact, 11, c->escalated);
      bind_minutes (contact, 12, c->talk);
      bind_minutes (contact, 13, c->hold);
      bind_minutes (contact, 14, c->wrap);
      sqlite3_bind_int (contact, 15, c->complaint);
      sp_bind_text (contact, 16, c->complaint ? "Customer was upset; apologised." : NULL);
      sp_store_contact_open_times (hours, c->received, c->response, c->resolved, &fr_open,
                                   &res_open);
      /* reset keeps the last contact's values: bind both every time */
      if (fr_open >= 0)
        sqlite3_bind_int64 (contact, 17, fr_open);
      else
        sqlite3_bind_null (contact, 17);
      if (res_open >= 0)
        sqlite3_bind_int64 (contact, 18, res_open);
      else
        sqlite3_bind_null (contact, 18);

      if (!sp_store_run (demo->store, contact, error))
        return FALSE;
      sqlite3_reset (contact);

      if (c->escalated)
        {
          sqlite3_bind_int64 (escalation, 1, id);
          sqlite3_bind_int64 (escalation, 2, c->received + 300 + g_rand_int_range (demo->rand, 0, 1800));
          sp_bind_text (escalation, 3, escalated_to (c->topic));
          sp_bind_text (escalation, 4, escalation_reason (c->topic));
          sp_bind_time (escalation, 5, c->resolved != SP_TIME_NONE
                                       ? MAX (c->resolved, c->received + 2100) : SP_TIME_NONE);
          if (!sp_store_run (demo->store, escalation, error))
            return FALSE;
          sqlite3_reset (escalation);
        }

      /* about 30 % answer a survey */
      if (uniform (demo) < 0.30)
        {
          SpTime answered = (c->resolved != SP_TIME_NONE ? c->resolved : c->received) +
                            600 + (SpTime) (uniform (demo) * 2 * 86400);
          double u = uniform (demo);
          double bad = (c->agent == DAN ? 0.22 : 0) + (c->first_resolved ? 0 : 0.2) +
                       (c->escalated ? 0.1 : 0) + (c->topic == RETURNS ? 0.05 : 0);
          const char *kind;
          const char *comment = NULL;
          int score;

          if (answered > demo->now)
            continue;

          if (u < 0.7)
            {
              gboolean satisfied = uniform (demo) >= 0.08 + bad;

              kind = "csat";
              score = satisfied ? (uniform (demo) < 0.55 ? 5 : 4)
                                : g_rand_int_range (demo->rand, 1, 4);
              if (uniform (demo) < 0.1)
                comment = satisfied ? satisfied_comments[g_rand_int_range (demo->rand, 0, 3)]
                                    : unhappy_comments[g_rand_int_range (demo->rand, 0, 3)];
            }
          else if (u < 0.9)
            {
              kind = "ces";
              score = (int) lround (5.7 - 1.0 * !c->first_resolved - 0.8 * c->escalated -
                                    0.5 * (c->agent == DAN) + (uniform (demo) - 0.5) * 2.5);
              score = CLAMP (score, 1, 7);
            }
          else
            {
              double v = uniform (demo);

              kind = "nps";
              if (v < 0.16 + bad * 0.6)
                score = g_rand_int_range (demo->rand, 2, 7);
              else if (v < 0.42 + bad * 0.3)
                score = g_rand_int_range (demo->rand, 7, 9);
              else
                score = g_rand_int_range (demo->rand, 9, 11);
            }

          sqlite3_bind_int64 (survey, 1, answered);
          sqlite3_bind_int64 (survey, 2, next_survey++);
          sp_bind_text (survey, 3, kind);
          sqlite3_bind_int (survey, 4, score);
          sp_bind_id (survey, 5, c->customer ? demo->customer_ids[c->customer] : 0);
          sqlite3_bind_int64 (survey, 6, demo->agent_ids[c->agent]);
          sp_bind_text (survey, 7, sp_channel_to_string (c->channel));
          sp_bind_id (survey, 8, demo->topic_ids[c->topic]);
          sp_bind_text (survey, 9, comment);
          sqlite3_bind_int64 (survey, 10, id);

          if (!sp_store_run (demo->store, survey, error))
            return FALSE;
          sqlite3_reset (survey);
        }
    }

  return TRUE;
}

static gboolean
insert_shifts_and_months (Demo    *demo,
                          GError **error)
{
  g_autoptr(SpStmt) shift = NULL;
  g_autoptr(SpStmt) month = NULL;
  double month_hours = 0;
  SpDate month_start = sp_date_month_start (demo->first_day);
  gint64 customers = MAX (200, demo->n_customers);

  shift = sp_store_prepare (demo->store,
                            "INSERT INTO shifts (date, agent_id, available_hours) VALUES (?1, ?2, ?3)",
                            error);
  month = sp_store_prepare (demo->store,
    "INSERT INTO month_figures (month, first_day, last_day, operating_cost, customers_start,"
    " customers_lost, customers_new) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (shift == NULL || month == NULL)
    return FALSE;

  for (SpDate day = demo->first_day; day <= demo->today + 1; day++)
    {
      if (day > demo->today || sp_date_month_start (day) != month_start)
        {
          g_autofree char *key = sp_month_format_iso (month_start);
          gint64 lost = (gint64) llround (customers * (0.02 + 0.03 * uniform (demo)));
          gint64 gained = (gint64) llround (customers * (0.03 + 0.03 * uniform (demo)));

          sp_bind_text (month, 1, key);
          sqlite3_bind_int64 (month, 2, month_start);
          sqlite3_bind_int64 (month, 3, sp_date_month_end (month_start));
          sqlite3_bind_double (month, 4, round (month_hours * 24.0 + 650.0));
          sqlite3_bind_int64 (month, 5, customers);
          sqlite3_bind_int64 (month, 6, lost);
          sqlite3_bind_int64 (month, 7, gained);
          if (!sp_store_run (demo->store, month, error))
            return FALSE;
          sqlite3_reset (month);

          customers += gained - lost;
          month_hours = 0;
          month_start = sp_date_month_start (day);
          if (day > demo->today)
            break;
        }

      for (guint a = 0; a < N_AGENTS; a++)
        {
          double handled = demo->handled[(day - demo->first_day) * N_AGENTS + a];
          int age = demo->today - day;
          double target, hours;

          if (!on_duty (day, a) && handled <= 0)
            continue;

          /* utilization creeps up over two months, above 85 % in the last one */
          target = 0.60 + 0.14 * uniform (demo);
          if (age < 60)
            target += (60 - age) / 60.0 * 0.36;

          /* a working day as an owner types it: 4 to 8 hours, in quarter hours */
          hours = handled / 60.0 / target;
          hours = CLAMP (round (hours * 4) / 4.0, SP_DEMO_MIN_SHIFT_HOURS,
                         SP_DEMO_MAX_SHIFT_HOURS);
          month_hours += hours;

          sqlite3_bind_int64 (shift, 1, day);
          sqlite3_bind_int64 (shift, 2, demo->agent_ids[a]);
          sqlite3_bind_double (shift, 3, hours);
          if (!sp_store_run (demo->store, shift, error))
            return FALSE;
          sqlite3_reset (shift);
        }
    }

  return TRUE;
}

/* Goals */

/* The baseline @goal would have; its target is set after */
static double
demo_baseline (SpKpiEngine  *engine,
               SpGoal       *goal,
               GError      **error)
{
  g_autoptr(SpGoalProgress) p = NULL;

  p = sp_goal_tracker_evaluate (engine, goal, goal->start, error);
  return p ? p->baseline.value : NAN;
}

static gboolean
demo_note (SpKpiEngine  *engine,
           SpGoal       *goal,
           SpDate        day,
           const char   *text,
           GError      **error)
{
  g_autoptr(SpGoalProgress) p = sp_goal_tracker_evaluate (engine, goal, day, error);

  return p != NULL &&
         sp_store_add_goal_note (sp_kpi_engine_get_store (engine), goal->id, day, text,
                                 p->current.value, sp_goal_status_to_string (p->verdict),
                                 error) > 0;
}

/*
 * What the owner set after looking at the stories: four goals started two
 * months ago and due at the end of next month, one closed last spring and
 * one proposed for next quarter.
 */
static gboolean
insert_goals (Demo    *demo,
              GError **error)
{
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (demo->store);
  g_autoptr(SpGoal) billing = NULL;
  g_autoptr(SpGoal) chat = NULL;
  g_autoptr(SpGoal) dan = NULL;
  g_autoptr(SpGoal) returns = NULL;
  g_autoptr(SpGoal) nps = NULL;
  g_autoptr(SpGoal) sla = NULL;
  SpDate start = sp_date_add_months (sp_date_month_start (demo->today), -2);
  SpDate due = sp_date_add_months (start, 4) - 1;
  SpTime set_at = sp_date_to_time (start - 3) + 17 * 3600;
  SpSegment segment;
  double baseline;

  sp_segment_init_category (&segment, demo->topic_ids[1]);
  billing = sp_goal_new (SP_KPI_FCR, &segment, 50, start, due);
  if (isnan (baseline = demo_baseline (engine, billing, error)) && error && *error)
    return FALSE;
  billing->target = isnan (baseline) ? 75 : MIN (95, round (baseline) + 8);
  billing->objective = SP_GOAL_OBJECTIVE_COSTS;
  billing->created_at = set_at;

  sp_segment_init_channel (&segment, SP_CHANNEL_CHAT);
  chat = sp_goal_new (SP_KPI_FIRST_RESPONSE, &segment, 1, start, due);
  chat->objective = SP_GOAL_OBJECTIVE_OWN;
  sp_goal_set_objective_text (chat, "Chat customers give up when we keep them waiting");
  chat->created_at = set_at;

  sp_segment_init_agent (&segment, demo->agent_ids[DAN]);
  dan = sp_goal_new (SP_KPI_CSAT, &segment, 85, start, due);
  dan->created_at = set_at;

  sp_segment_init_category (&segment, demo->topic_ids[RETURNS]);
  returns = sp_goal_new (SP_KPI_ESCALATION_RATE, &segment, 50, start, due);
  if (isnan (baseline = demo_baseline (engine, returns, error)) && error && *error)
    return FALSE;
  returns->target = isnan (baseline) ? 10 : MAX (5, round (baseline) - 8);
  returns->objective = SP_GOAL_OBJECTIVE_OWN;
  sp_goal_set_objective_text (returns, "Settle returns at the counter instead of passing "
                                       "them on");
  returns->created_at = set_at;

  nps = sp_goal_new (SP_KPI_NPS, NULL, 0, sp_date_add_months (start, -5),
                     sp_date_add_months (start, -2) - 1);
  if (isnan (baseline = demo_baseline (engine, nps, error)) && error && *error)
    return FALSE;
  nps->target = isnan (baseline) ? 30 : MIN (100, round (baseline) + 5);
  nps->objective = SP_GOAL_OBJECTIVE_REPUTATION;
  nps->created_at = sp_date_to_time (nps->start - 2) + 9 * 3600;

  sla = sp_goal_new_for_quarter (SP_KPI_SLA_COMPLIANCE, NULL, 95, demo->today + 1);
  sla->created_at = demo->now;

  return sp_store_save_goal (demo->store, billing, error) &&
         sp_store_save_goal (demo->store, chat, error) &&
         sp_store_save_goal (demo->store, dan, error) &&
         sp_store_save_goal (demo->store, returns, error) &&
         sp_store_save_goal (demo->store, nps, error) &&
         sp_store_save_goal (demo->store, sla, error) &&
         demo_note (engine, billing, start + 18,
                    "Put the ten most common billing questions and their answers in the "
                    "knowledge base.", error) &&
         demo_note (engine, billing, start + 47,
                    "Dan still passes billing disputes to Ana: he sits with her on Tuesday "
                    "mornings for a month.", error) &&
         demo_note (engine, chat, start + 40,
                    "Chat waits grew with the holiday orders; Eva takes chat first from 11 to 2.",
                    error) &&
         demo_note (engine, nps, nps->due,
                    "The new returns label got many 9s and 10s.", error) &&
         sp_store_close_goal (demo->store, nps->id, SP_GOAL_STATE_CLOSED, nps->due,
                              "Ran its course; next, Dan's satisfaction scores.", error);
}

void
sp_demo_options_init (SpDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->contacts = 0;
  options->seed = 1;
}

gboolean
sp_demo_fill (SpStore              *store,
              const SpDemoOptions  *options,
              GError              **error)
{
  SpDemoOptions defaults;
  Demo demo = { NULL };
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (options == NULL)
    {
      sp_demo_options_init (&defaults);
      options = &defaults;
    }

  if (options->contacts < 0 || options->contacts > 50000000)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_USAGE,
                           _("The number of contacts must be between 1 and 50,000,000."));
      return FALSE;
    }

  if (!sp_store_is_empty (store))
    {
      g_autofree char *display = sp_store_dup_display_name (store);

      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is the database file */
                   _("“%s” already holds records; sample data goes only into an empty "
                     "database. Use --db to name a new file."), display);
      return FALSE;
    }

  demo.store = store;
  demo.rand = g_rand_new_with_seed (options->seed);
  demo.now = sp_time_now ();
  demo.today = sp_time_to_date (demo.now);
  demo.first_day = demo.today - (DAYS - 1);
  demo.contacts = g_array_new (FALSE, FALSE, sizeof (DemoContact));
  demo.handled = g_new0 (double, (DAYS + 1) * N_AGENTS);

  {
    gint64 n = options->contacts > 0 ? options->contacts : SP_DEMO_DEFAULT_CONTACTS;

    demo.n_customers = MAX (60, n / 4);
    generate_contacts (&demo, n);
  }

  ok = sp_store_begin (store, error);
  if (ok)
    {
      g_autoptr(GPtrArray) triggers = NULL;

      /* an empty database: the totals are counted once, at the end */
      ok = sp_store_suspend_totals (store, &triggers, error) &&
           insert_entities (&demo, error) &&
           insert_contacts (&demo, error) &&
           insert_shifts_and_months (&demo, error) &&
           sp_store_refresh_repeats (store, error) &&
           sp_store_resume_totals (store, triggers, error) &&
           insert_goals (&demo, error) &&
           remember_last_contact (&demo, error) &&
           name_shop (store, error);

      if (ok)
        {
          sp_store_note_changes (store, SP_STORE_CHANGE_ALL);
          ok = sp_store_commit (store, error);
        }
      else
        {
          sp_store_rollback (store);
        }
    }

  g_rand_free (demo.rand);
  g_array_unref (demo.contacts);
  g_free (demo.handled);
  g_free (demo.customer_ids);
  return ok;
}
