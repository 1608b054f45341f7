/* test-store-lists.c: what the lists of the Log page read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sp-error.h"
#include "sp-test-util.h"

typedef struct
{
  char    *dir;
  SpStore *store;
} Fixture;

static const char * const agents[] = { "Ana", "ben", "Cleo" };
static const char * const customers[] = { "Bob", "cy", "Dana Shop", NULL };
static const char * const topics[] = { "Billing", "returns", NULL };

/* A few hundred contacts and answers with every kind of value, always the same */
static void
fill (SpStore *store,
      guint    n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_begin (store, &error));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();

      /* many at the same minute, to check the tie-breaks */
      c->received_at = sp_test_time ("2026-09-01 08:00") + g_rand_int_range (rand, 0, 200) * 3600;
      c->channel = g_rand_int_range (rand, 0, SP_N_CHANNELS);
      c->priority = g_rand_int_range (rand, 0, SP_N_PRIORITIES);
      sp_contact_set_agent_name (c, agents[g_rand_int_range (rand, 0, G_N_ELEMENTS (agents))]);
      sp_contact_set_customer_name (c, customers[g_rand_int_range (rand, 0,
                                                                   G_N_ELEMENTS (customers))]);
      sp_contact_set_category_name (c, topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (topics))]);
      if (g_rand_boolean (rand))
        c->first_response_at = c->received_at + g_rand_int_range (rand, 0, 50) * 60;
      if (g_rand_boolean (rand))
        c->resolved_at = c->received_at + g_rand_int_range (rand, 0, 50) * 600;
      c->escalated = g_rand_int_range (rand, 0, 5) == 0;
      if (c->escalated)
        sp_contact_set_escalated_to (c, i % 2 ? "Workshop" : "Accounts");
      if (i % 9 == 0)
        sp_contact_set_note (c, "Wants an ANswer by Friday");

      g_assert_true (sp_store_save_contact (store, c, &error));
      g_assert_no_error (error);

      if (i % 3 == 0)
        {
          g_autoptr(SpSurvey) s = sp_survey_new ();
          int min, max;

          s->kind = g_rand_int_range (rand, 0, SP_N_SURVEY_KINDS);
          sp_survey_kind_get_range (s->kind, &min, &max);
          s->score = g_rand_int_range (rand, min, max + 1);
          s->answered_at = c->received_at + 3600;
          if (i % 2)
            s->contact_id = c->id;
          else
            sp_survey_set_customer_name (s, customers[g_rand_int_range (rand, 0, 3)]);

          g_assert_true (sp_store_save_survey (store, s, &error));
          g_assert_no_error (error);
        }
    }

  g_assert_true (sp_store_commit (store, &error));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sp_test_store_open (&f->dir, &f->store);
  fill (f->store, GPOINTER_TO_UINT (data));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_store_close (&f->dir, &f->store);
}

static void
assert_contact_ids_match (SpStore               *store,
                          const SpContactFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = sp_store_list_contact_ids (store, filter, &error);
  g_autoptr(GPtrArray) rows = sp_store_list_contacts (store, filter, 0, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, rows->len);
  g_assert_cmpint (sp_store_count_contacts (store, filter, NULL), ==, ids->len);

  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, ((SpContact *) rows->pdata[i])->id);
}

/* The lean id query gives exactly the rows and order of the full one */
static void
test_contact_ids (Fixture       *f,
                  gconstpointer  data)
{
  SpContactFilter filter;
  const char *texts[] = { NULL, "an", "WORKSHOP", "dana" };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (int state = SP_CONTACT_STATE_ALL; state <= SP_CONTACT_STATE_ESCALATED; state++)
      for (int sort = SP_CONTACT_SORT_RECEIVED; sort <= SP_CONTACT_SORT_RESOLVED; sort++)
        for (int desc = 0; desc < 2; desc++)
          {
            sp_contact_filter_init (&filter);
            filter.text = texts[t];
            filter.state = state;
            filter.sort = sort;
            filter.descending = desc;
            assert_contact_ids_match (f->store, &filter);
          }

  sp_contact_filter_init (&filter);
  filter.agent_id = sp_store_find_entity (f->store, SP_ENTITY_AGENT, "BEN");
  filter.category_id = -1;
  filter.from = sp_test_date ("2026-09-03");
  filter.to = sp_test_date ("2026-09-05");
  assert_contact_ids_match (f->store, &filter);
  g_assert_cmpint (sp_store_count_contacts (f->store, &filter, NULL), >, 0);

  filter.channel = SP_CHANNEL_EMAIL;
  filter.sort = SP_CONTACT_SORT_CUSTOMER;
  assert_contact_ids_match (f->store, &filter);
}

typedef struct
{
  GArray *sizes;
  guint   stop_after;
} Chunks;

static gboolean
count_chunk (const gint64 *ids,
             guint         n_ids,
             gpointer      user_data)
{
  Chunks *chunks = user_data;

  g_array_append_val (chunks->sizes, n_ids);
  return chunks->sizes->len < chunks->stop_after;
}

/* A small first chunk for the first screen, then large ones; a scan can be stopped */
static void
test_scan_chunks (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Chunks chunks = { g_array_new (FALSE, FALSE, sizeof (guint)), G_MAXUINT };
  SpContactFilter filter;

  sp_contact_filter_init (&filter);
  g_assert_true (sp_store_scan_contact_ids (f->store, &filter, count_chunk, &chunks, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chunks.sizes->len, ==, 2);
  g_assert_cmpuint (g_array_index (chunks.sizes, guint, 0), ==, 64);
  g_assert_cmpuint (g_array_index (chunks.sizes, guint, 1), ==, GPOINTER_TO_UINT (data) - 64);

  g_array_set_size (chunks.sizes, 0);
  chunks.stop_after = 1;
  g_assert_false (sp_store_scan_contact_ids (f->store, &filter, count_chunk, &chunks, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (chunks.sizes->len, ==, 1);
  g_clear_error (&error);

  /* the statement was reset: the store still works */
  g_assert_cmpint (sp_store_count_contacts (f->store, NULL, &error), ==, GPOINTER_TO_UINT (data));

  /* nothing found: no call at all */
  g_array_set_size (chunks.sizes, 0);
  filter.text = "nobody by that name";
  g_assert_true (sp_store_scan_contact_ids (f->store, &filter, count_chunk, &chunks, &error));
  g_assert_cmpuint (chunks.sizes->len, ==, 0);

  g_array_unref (chunks.sizes);
}

static void
test_survey_ids (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SpSurveyFilter filter;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GPtrArray) got = NULL;
  gint64 some[3];

  for (int sort = SP_SURVEY_SORT_ANSWERED; sort <= SP_SURVEY_SORT_CATEGORY; sort++)
    for (int desc = 0; desc < 2; desc++)
      for (int kind = -1; kind < SP_N_SURVEY_KINDS; kind++)
        {
          g_autoptr(GArray) ids = NULL;
          g_autoptr(GPtrArray) rows = NULL;

          sp_survey_filter_init (&filter);
          filter.sort = sort;
          filter.descending = desc;
          filter.kind = kind;
          ids = sp_store_list_survey_ids (f->store, &filter, &error);
          rows = sp_store_list_surveys (f->store, &filter, 0, 0, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (ids->len, ==, rows->len);
          g_assert_cmpint (sp_store_count_surveys (f->store, &filter, NULL), ==, ids->len);
          g_assert_cmpuint (ids->len, >, 0);

          for (guint i = 0; i < ids->len; i++)
            {
              SpSurvey *s = rows->pdata[i];

              g_assert_cmpint (g_array_index (ids, gint64, i), ==, s->id);
              if (kind >= 0)
                g_assert_cmpint (s->kind, ==, kind);
              if (i > 0 && sort == SP_SURVEY_SORT_SCORE &&
                  s->kind == ((SpSurvey *) rows->pdata[i - 1])->kind)
                g_assert_true (desc ? s->score <= ((SpSurvey *) rows->pdata[i - 1])->score
                                    : s->score >= ((SpSurvey *) rows->pdata[i - 1])->score);
            }
        }

  /* by id, in the order asked, skipping what is gone */
  sp_survey_filter_init (&filter);
  all = sp_store_list_survey_ids (f->store, &filter, &error);
  some[0] = g_array_index (all, gint64, 5);
  some[1] = g_array_index (all, gint64, 1);
  some[2] = g_array_index (all, gint64, 3);
  g_assert_true (sp_store_delete_survey (f->store, some[1], &error));
  got = sp_store_list_surveys_by_id (f->store, some, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpint (((SpSurvey *) got->pdata[0])->id, ==, some[0]);
  g_assert_cmpint (((SpSurvey *) got->pdata[1])->id, ==, some[2]);
}

static void
test_entity_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 total = 0;
  gint64 id;

  id = sp_store_ensure_entity (f->store, SP_ENTITY_AGENT, "Zed", &error);
  g_assert_true (sp_store_set_entity_active (f->store, SP_ENTITY_AGENT, id, FALSE, &error));

  list = sp_store_list_entities_with_counts (f->store, SP_ENTITY_AGENT, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    {
      SpEntity *e = list->pdata[i];
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contacts WHERE agent_id = %"
                                              G_GINT64_FORMAT, e->id);

      g_assert_cmpint (e->n_contacts, ==, sp_test_query_int (f->store, sql));
      total += e->n_contacts;
    }
  g_assert_cmpint (total, ==, GPOINTER_TO_UINT (data));
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sp_store_list_entities_with_counts (f->store, SP_ENTITY_AGENT, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (((SpEntity *) list->pdata[3])->name, ==, "Zed");
  g_assert_cmpint (((SpEntity *) list->pdata[3])->n_contacts, ==, 0);
  g_assert_false (((SpEntity *) list->pdata[3])->active);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sp_store_list_entities_with_counts (f->store, SP_ENTITY_CATEGORY, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((SpEntity *) list->pdata[0])->n_contacts +
                   ((SpEntity *) list->pdata[1])->n_contacts, ==,
                   sp_test_query_int (f->store,
                                      "SELECT count(*) FROM contacts WHERE category_id NOT NULL"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, n, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_setup, func, fixture_teardown)

  ADD ("/store-lists/contact-ids", 400, test_contact_ids);
  ADD ("/store-lists/scan-chunks", 700, test_scan_chunks);
  ADD ("/store-lists/survey-ids", 400, test_survey_ids);
  ADD ("/store-lists/entity-counts", 300, test_entity_counts);

  return g_test_run ();
}
