/* sp-make-data.c: fills a database with realistic records for benchmarks
 * and screenshots.
 *
 *   sp-make-data [--contacts N] [--days D] [--seed S] [--today YYYY-MM-DD] PATH
 *
 * Contacts are spread over the D days before today in shop hours, with
 * survey answers for about one in six, shifts for every working day and
 * month figures for every whole month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sp-store-private.h"

static const char * const agents[] = {
  "Amira Haddad", "Ben Okafor", "Chloé Martin", "Dev Patel", "Elena Rossi", "Farid Nasser",
};

static const char * const topics[] = {
  "Billing", "Returns", "Delivery", "Product question", "Warranty", "Order change",
  "Repairs", "Account", "Opening hours", "Gift cards",
};

static const char * const first_names[] = {
  "Anna", "Bruno", "Carla", "Daniel", "Eva", "Felix", "Greta", "Hugo", "Ines", "Jonas",
  "Klara", "Luca", "Mia", "Noah", "Olivia", "Paul", "Rosa", "Samir", "Tara", "Umar",
  "Vera", "Will", "Yara", "Zoe",
};

static const char * const last_names[] = {
  "Becker", "Costa", "Dubois", "Evans", "Fischer", "García", "Hansen", "Ito", "Jensen",
  "Kowalski", "Larsen", "Moreau", "Nowak", "O'Brien", "Petrov", "Quinn", "Schmidt",
  "Tanaka", "Usman", "Varga", "Weber", "Young", "Zimmer",
};

static const char * const notes[] = {
  NULL, NULL, NULL, NULL, NULL,
  "Asked for a copy of the invoice",
  "Parcel tracking showed delivered, customer did not receive it",
  "Exchanged for a larger size",
  "Wants a call back after 5 pm",
  "Refund approved",
  "Charger stopped working after two weeks",
  "Changed the delivery address",
};

static const char * const escalated_to[] = {
  "Store manager", "Supplier support", "Accounts", "Workshop",
};

static const char * const reasons[] = {
  "Refund above the agent's limit", "Needs a replacement part", "Billing dispute",
  "Damaged on delivery, supplier claim",
};

static const char * const comments[] = {
  NULL, NULL, NULL, "Quick and friendly", "Had to call twice", "Great help, thank you!",
  "Took too long to get an answer", "Very patient with my questions",
};

static double
uniform (GRand *rand,
         double lo,
         double hi)
{
  return g_rand_double_range (rand, lo, hi);
}

/* A rough log-normal delay around @median minutes */
static double
delay_minutes (GRand  *rand,
               double  median)
{
  double n = 0;

  for (int i = 0; i < 6; i++)
    n += g_rand_double (rand);
  n = (n - 3.0) / 0.707;

  return MAX (0.0, median * exp (0.8 * n));
}

static SpChannel
pick_channel (GRand *rand)
{
  static const int weights[SP_N_CHANNELS] = { 35, 25, 15, 15, 5, 5 };
  int r = g_rand_int_range (rand, 0, 100);

  for (int i = 0; i < SP_N_CHANNELS; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }

  return SP_CHANNEL_PHONE;
}

static double
first_response_median (SpChannel channel)
{
  static const double medians[SP_N_CHANNELS] = { 1.5, 180, 0.8, 2, 45, 6 };

  return medians[channel];
}

static gint64
ensure (SpStore      *store,
        SpEntityKind  kind,
        const char   *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sp_store_ensure_entity (store, kind, name, &error);

  g_assert_no_error (error);
  return id;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("PATH");
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 agent_ids[G_N_ELEMENTS (agents)];
  gint64 topic_ids[G_N_ELEMENTS (topics)];
  int n_contacts = 2000;
  int days = 120;
  int seed = 42;
  char *today_str = NULL;
  SpDate today, first_day;
  SpTime now;
  int n_customers;
  GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, "How many contacts", "N" },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, "Over how many days before today", "D" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", "S" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_str, "The last day", "YYYY-MM-DD" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "Give the database path");
      return 2;
    }

  if (today_str == NULL || !sp_date_parse (today_str, &today, NULL))
    today = sp_date_today ();
  now = MIN (sp_time_now (), sp_date_to_time (today + 1) - 60);
  first_day = today - days + 1;

  store = sp_store_open (argv[1], SP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  rand = g_rand_new_with_seed ((guint32) seed);

  if (!sp_store_begin (store, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (agents); i++)
    agent_ids[i] = ensure (store, SP_ENTITY_AGENT, agents[i]);
  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    topic_ids[i] = ensure (store, SP_ENTITY_CATEGORY, topics[i]);

  /* real names while they last, then numbered ones for the large files */
  n_customers = CLAMP (n_contacts / 4, 20, 200000);
  if (n_contacts <= 10000)
    n_customers = MIN (n_customers, (int) (G_N_ELEMENTS (first_names) * G_N_ELEMENTS (last_names)));
  for (int i = 0; i < n_customers; i++)
    {
      g_autofree char *name = NULL;
      gint64 id;

      if (i < (int) (G_N_ELEMENTS (first_names) * G_N_ELEMENTS (last_names)))
        name = g_strdup_printf ("%s %s", first_names[i % G_N_ELEMENTS (first_names)],
                                last_names[(i / G_N_ELEMENTS (first_names)) %
                                           G_N_ELEMENTS (last_names)]);
      else
        name = g_strdup_printf ("%s %s %d", first_names[i % G_N_ELEMENTS (first_names)],
                                last_names[(i / 7) % G_N_ELEMENTS (last_names)], i);

      id = ensure (store, SP_ENTITY_CUSTOMER, name);
      g_array_append_val (customers, id);
    }

  for (int i = 0; i < n_contacts; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();
      SpDate day;
      int hour;
      double fr, handle;

      /* later days a little busier, Sundays closed */
      do
        day = first_day + (int) floor (sqrt (g_rand_double (rand)) * days);
      while (sp_date_weekday (day) == 7);

      hour = 9 + (int) floor (uniform (rand, 0, 9));
      c->received_at = sp_date_to_time (day) + hour * 3600 + g_rand_int_range (rand, 0, 3600);
      if (c->received_at > now)
        c->received_at = now - g_rand_int_range (rand, 0, 6 * 3600);

      c->channel = pick_channel (rand);
      c->agent_id = agent_ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (agents))];
      if (g_rand_int_range (rand, 0, 100) < 88)
        c->customer_id = g_array_index (customers, gint64,
                                        (int) floor (pow (g_rand_double (rand), 1.6) *
                                                     customers->len));
      if (g_rand_int_range (rand, 0, 100) < 92)
        c->category_id = topic_ids[(int) floor (pow (g_rand_double (rand), 1.4) *
                                                G_N_ELEMENTS (topics))];

      switch (g_rand_int_range (rand, 0, 20))
        {
        case 0: c->priority = SP_PRIORITY_URGENT; break;
        case 1: case 2: case 3: c->priority = SP_PRIORITY_HIGH; break;
        case 4: case 5: case 6: c->priority = SP_PRIORITY_LOW; break;
        default: c->priority = SP_PRIORITY_NORMAL; break;
        }

      fr = delay_minutes (rand, first_response_median (c->channel));
      if (c->received_at + (SpTime) (fr * 60) <= now)
        c->first_response_at = c->received_at + (SpTime) llround (fr) * 60;

      if (c->channel == SP_CHANNEL_PHONE || c->channel == SP_CHANNEL_IN_PERSON ||
          c->channel == SP_CHANNEL_CHAT)
        {
          c->talk_min = round (delay_minutes (rand, 5) * 2) / 2;
          c->hold_min = g_rand_int_range (rand, 0, 3) == 0 ? round (delay_minutes (rand, 1.5)) : 0;
          c->wrap_min = round (delay_minutes (rand, 2));
        }
      else if (g_rand_int_range (rand, 0, 2) == 0)
        {
          c->wrap_min = round (delay_minutes (rand, 4));
        }

      c->escalated = g_rand_int_range (rand, 0, 100) < 6;
      c->complaint = g_rand_int_range (rand, 0, 100) < 4;
      c->resolved_first_contact = !c->escalated && c->first_response_at != SP_TIME_NONE &&
                                  g_rand_int_range (rand, 0, 100) < 72;

      handle = isnan (c->talk_min) ? delay_minutes (rand, 30) : delay_minutes (rand, 90);
      if (c->resolved_first_contact)
        c->resolved_at = SP_TIME_NONE;
      else if (c->first_response_at != SP_TIME_NONE && g_rand_int_range (rand, 0, 100) < 85)
        {
          SpTime at = c->first_response_at + (SpTime) llround (handle * (c->escalated ? 30 : 8)) * 60;

          if (at <= now)
            c->resolved_at = at;
        }

      if (c->escalated)
        {
          c->escalated_at = c->received_at + (SpTime) llround (delay_minutes (rand, 20)) * 60;
          if (c->escalated_at > now)
            c->escalated_at = c->received_at;
          sp_contact_set_escalated_to (c, escalated_to[g_rand_int_range (rand, 0,
                                                                G_N_ELEMENTS (escalated_to))]);
          sp_contact_set_escalation_reason (c, reasons[g_rand_int_range (rand, 0,
                                                                G_N_ELEMENTS (reasons))]);
          if (c->resolved_at != SP_TIME_NONE)
            c->escalation_resolved_at = MAX (c->escalated_at, c->resolved_at - 600);
        }

      sp_contact_set_note (c, notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (notes))]);

      if (!sp_store_insert_contact_unlocked (store, c, &error))
        g_error ("contact %d: %s", i, error->message);

      if (g_rand_int_range (rand, 0, 6) == 0)
        {
          g_autoptr(SpSurvey) s = sp_survey_new ();
          int r = g_rand_int_range (rand, 0, 100);

          s->answered_at = c->received_at + g_rand_int_range (rand, 3600, 3 * 86400);
          if (s->answered_at > now)
            s->answered_at = c->received_at + g_rand_int_range (rand, 60, 3600);
          if (s->answered_at > now)
            s->answered_at = now;
          s->kind = g_rand_int_range (rand, 0, SP_N_SURVEY_KINDS);
          switch (s->kind)
            {
            case SP_SURVEY_CSAT: s->score = r < 60 ? 5 : r < 85 ? 4 : r < 93 ? 3 : r < 97 ? 2 : 1;
              break;
            case SP_SURVEY_NPS: s->score = r < 45 ? 10 - (r % 2) : r < 75 ? 8 - (r % 2)
                                                                  : g_rand_int_range (rand, 0, 7);
              break;
            case SP_SURVEY_CES: default: s->score = r < 50 ? 6 + (r % 2) : r < 85 ? 5
                                                                  : g_rand_int_range (rand, 1, 5);
              break;
            }
          s->contact_id = c->id;
          sp_survey_set_comment (s, comments[g_rand_int_range (rand, 0, G_N_ELEMENTS (comments))]);

          if (!sp_store_insert_survey_unlocked (store, s, &error))
            g_error ("survey: %s", error->message);
        }
    }

  for (SpDate day = first_day; day <= today; day++)
    {
      if (sp_date_weekday (day) == 7)
        continue;

      for (guint a = 0; a < G_N_ELEMENTS (agents); a++)
        {
          g_autoptr(SpShift) shift = NULL;

          if ((day + (int) a) % 6 == 0)
            continue;

          shift = sp_shift_new_full (day, NULL, a < 4 ? 8 : 4.5);
          shift->agent_id = agent_ids[a];
          if (!sp_store_insert_shift_unlocked (store, shift, &error))
            g_error ("shift: %s", error->message);
        }
    }

  for (SpDate m = sp_date_month_start (first_day); sp_date_month_end (m) < today;
       m = sp_date_add_months (m, 1))
    {
      int y, mo;
      g_autoptr(SpMonthFigures) figures = NULL;

      if (m < first_day)
        continue;

      sp_date_to_ymd (m, &y, &mo, NULL);
      figures = sp_month_figures_new (y, mo);
      figures->operating_cost = 14000 + g_rand_int_range (rand, 0, 3000);
      figures->customers_start = 900 + g_rand_int_range (rand, 0, 80);
      figures->customers_lost = 20 + g_rand_int_range (rand, 0, 40);
      figures->customers_new = 30 + g_rand_int_range (rand, 0, 40);
      if (!sp_store_insert_month_unlocked (store, figures, &error))
        g_error ("month: %s", error->message);
    }

  if (!sp_store_refresh_marked (store, &error) || !sp_store_commit (store, &error))
    g_error ("%s", error->message);

  g_print ("%s: %d contacts over %d days up to ", argv[1], n_contacts, days);
  {
    g_autofree char *iso = sp_date_format_iso (today);
    g_print ("%s\n", iso);
  }

  return 0;
}
