/* test-record-list.c: the lazy list behind the Log page reads only what is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-record-list-private.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

#define N_CONTACTS 20000

typedef struct
{
  char    *dir;
  SpStore *store;
  gint64   agents[4];
} Fixture;

/* The generated database, made once and copied for each test */
static char   *template_dir;
static gint64  template_agents[4];

/* One transaction of generated contacts, as an import would write them */
static void
make_template (void)
{
  static const char * const names[] = { "Ana", "Ben", "Cleo", "Dev" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(SpStore) store = NULL;
  gint64 topics[3];
  Fixture tmpl = { 0 }, *f = &tmpl;

  template_dir = sp_test_make_dir ();
  store = f->store = sp_test_open_store (template_dir);

  g_assert_true (sp_store_begin (f->store, &error));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    f->agents[i] = sp_store_ensure_entity (f->store, SP_ENTITY_AGENT, names[i], &error);
  topics[0] = sp_store_ensure_entity (f->store, SP_ENTITY_CATEGORY, "Billing", &error);
  topics[1] = sp_store_ensure_entity (f->store, SP_ENTITY_CATEGORY, "Returns", &error);
  topics[2] = 0;

  for (guint i = 0; i < N_CONTACTS; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();

      c->received_at = sp_test_time ("2025-01-01 08:00") + g_rand_int_range (rand, 0, 600 * 86400);
      c->channel = g_rand_int_range (rand, 0, SP_N_CHANNELS);
      c->agent_id = f->agents[g_rand_int_range (rand, 0, 4)];
      c->category_id = topics[g_rand_int_range (rand, 0, 3)];
      c->escalated = g_rand_int_range (rand, 0, 10) == 0;
      if (g_rand_boolean (rand))
        c->resolved_at = c->received_at + 3600;

      g_assert_true (sp_store_insert_contact_unlocked (f->store, c, &error));

      if (i % 4 == 0)
        {
          g_autoptr(SpSurvey) s = sp_survey_new ();

          s->answered_at = c->received_at + 600;
          s->kind = SP_SURVEY_NPS;
          s->score = g_rand_int_range (rand, 0, 11);
          s->contact_id = c->id;
          g_assert_true (sp_store_insert_survey_unlocked (f->store, s, &error));
        }
    }

  g_assert_true (sp_store_commit (f->store, &error));
  g_assert_no_error (error);
  memcpy (template_agents, f->agents, sizeof template_agents);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  if (template_dir == NULL)
    make_template ();

  /* the template's store is closed: its file (or database) holds everything */
  f->dir = sp_test_make_dir ();
  sp_test_copy_store (template_dir, f->dir);

  f->store = sp_test_open_store (f->dir);
  memcpy (f->agents, template_agents, sizeof f->agents);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_store_close (&f->dir, &f->store);
}

static void
wait_loaded (SpRecordList *list)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (sp_record_list_is_loading (list))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }

  /* and anything posted after the last chunk */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  guint n_signals;
  guint position, removed, added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_signals++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static gint64
contact_id_at (GListModel *model,
               guint       position)
{
  g_autoptr(SpContact) c = g_list_model_get_item (model, position);

  g_assert_nonnull (c);
  return c->id;
}

/* A filtered list: right rows in the right order, and only what was asked for is read */
static void
test_filtered_rows (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SpRecordList) list = sp_record_list_new (f->store, SP_RECORD_CONTACTS);
  GListModel *model = G_LIST_MODEL (list);
  SpContactFilter filter;
  gint64 expected;
  guint n, positions[4];

  sp_contact_filter_init (&filter);
  filter.agent_id = f->agents[1];
  filter.state = SP_CONTACT_STATE_OPEN;
  filter.sort = SP_CONTACT_SORT_CHANNEL;
  filter.descending = FALSE;
  sp_record_list_set_contact_filter (list, &filter);
  wait_loaded (list);

  expected = sp_store_count_contacts (f->store, &filter, NULL);
  n = g_list_model_get_n_items (model);
  g_assert_cmpint (n, ==, expected);
  g_assert_cmpuint (n, >, 2000);
  g_assert_true (g_list_model_get_item_type (model) == SP_TYPE_CONTACT);

  /* knowing how many rows there are read none of them */
  g_assert_cmpuint (sp_record_list_get_n_fetched (list), ==, 0);

  positions[0] = 0;
  positions[1] = n / 2;
  positions[2] = n - 1;
  positions[3] = 1;
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(GPtrArray) one = sp_store_list_contacts (f->store, &filter, positions[i], 1, NULL);
      g_autoptr(SpContact) c = g_list_model_get_item (model, positions[i]);

      g_assert_cmpint (c->id, ==, ((SpContact *) one->pdata[0])->id);
      g_assert_cmpint (c->agent_id, ==, f->agents[1]);
      g_assert_true (sp_contact_is_open (c));
      g_assert_cmpstr (c->agent_name, ==, "Ben");
    }

  /* three pages were read (the last one partly full), not the thousands of rows */
  g_assert_cmpuint (sp_record_list_get_n_fetched (list), <=,
                    3 * sp_record_list_get_page_size ());
  g_assert_cmpuint (sp_record_list_get_n_fetched (list), >,
                    2 * sp_record_list_get_page_size ());
  g_assert_cmpuint (sp_record_list_get_n_cached_pages (list), ==, 3);
  g_assert_null (g_list_model_get_item (model, n));
}

/* A paced list shows its first chunk alone, holds the rest and the end of the scan until
 * released, then has every row; a new listing meanwhile drops what was held */
static void
test_paced (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SpRecordList) list = sp_record_list_new (f->store, SP_RECORD_CONTACTS);
  GListModel *model = G_LIST_MODEL (list);
  SpContactFilter filter;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint first;

  sp_record_list_set_paced (list, TRUE);
  sp_contact_filter_init (&filter);
  sp_record_list_set_contact_filter (list, &filter);

  while (!sp_record_list_is_holding (list))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  first = g_list_model_get_n_items (model);
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (first, <, N_CONTACTS);

  /* the rest of the scan arrives, and is held (its end too), the list still loading */
  for (int i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (sp_record_list_is_holding (list));
  g_assert_true (sp_record_list_is_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, first);

  /* released: every row, and the scan ends (at once when its end was held) */
  sp_record_list_release (list);
  g_assert_false (sp_record_list_is_holding (list));
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_CONTACTS);

  /* held again by the next listing; another listing drops it and holds its own */
  filter.agent_id = f->agents[0];
  sp_record_list_set_contact_filter (list, &filter);
  while (!sp_record_list_is_holding (list))
    g_main_context_iteration (NULL, TRUE);
  filter.agent_id = f->agents[2];
  sp_record_list_set_contact_filter (list, &filter);
  while (!sp_record_list_is_holding (list))
    g_main_context_iteration (NULL, TRUE);
  sp_record_list_set_paced (list, FALSE);
  wait_loaded (list);
  g_assert_cmpint (g_list_model_get_n_items (model), ==,
                   sp_store_count_contacts (f->store, &filter, NULL));
  g_assert_false (sp_record_list_is_holding (list));
}

/* Reading the whole list end to end keeps a bounded number of pages */
static void
test_bounded_cache (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SpRecordList) list = sp_record_list_new (f->store, SP_RECORD_CONTACTS);
  g_autoptr(GArray) ids = sp_store_list_contact_ids (f->store, NULL, NULL);
  GListModel *model = G_LIST_MODEL (list);
  guint n;

  /* nothing is read before it is asked for */
  g_assert_false (sp_record_list_is_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  sp_record_list_refresh (list);
  wait_loaded (list);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, N_CONTACTS);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (contact_id_at (model, i), ==, g_array_index (ids, gint64, i));
      g_assert_cmpuint (sp_record_list_get_n_cached_pages (list), <=,
                        sp_record_list_get_max_pages ());
    }

  /* each row was read once */
  g_assert_cmpuint (sp_record_list_get_n_fetched (list), ==, N_CONTACTS);
  g_assert_cmpint (sp_record_list_get_id (list, 17), ==, g_array_index (ids, gint64, 17));
  g_assert_cmpuint (sp_record_list_find_id (list, g_array_index (ids, gint64, 1234)), ==, 1234);
}

/* A change in the store is announced as the smallest change of the list */
static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SpRecordList) list = sp_record_list_new (f->store, SP_RECORD_CONTACTS);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpContact) edited = NULL;
  g_autoptr(SpContact) added = sp_contact_new ();
  g_autoptr(SpContact) gone = NULL;
  GListModel *model = G_LIST_MODEL (list);
  Changes changes = { 0 };
  gint64 id;

  sp_record_list_refresh (list);
  wait_loaded (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* an edit that keeps the order: only that row, when it was shown */
  {
    g_autoptr(SpContact) shown = g_list_model_get_item (model, 10);

    /* the list's records are shared: edit a copy, as the form does */
    edited = sp_contact_copy (shown);
  }
  id = edited->id;
  sp_contact_set_note (edited, "Called back");
  g_assert_true (sp_store_save_contact (f->store, edited, &error));
  g_assert_no_error (error);
  wait_loaded (list);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 10);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_clear_object (&edited);
  edited = g_list_model_get_item (model, 10);
  g_assert_cmpint (edited->id, ==, id);
  g_assert_cmpstr (edited->note, ==, "Called back");

  /* a new contact, the newest of all */
  changes.n_signals = 0;
  added->received_at = sp_test_time ("2030-01-01 10:00");
  added->agent_id = f->agents[0];
  g_assert_true (sp_store_save_contact (f->store, added, &error));
  wait_loaded (list);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpint (contact_id_at (model, 0), ==, added->id);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_CONTACTS + 1);

  /* a deleted one, far down */
  changes.n_signals = 0;
  gone = g_list_model_get_item (model, 15000);
  g_assert_true (sp_store_delete_contact (f->store, gone->id, &error));
  wait_loaded (list);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 15000);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (sp_record_list_find_id (list, gone->id), ==, G_MAXUINT);

  /* and a new filter replaces everything */
  {
    SpContactFilter filter;

    sp_contact_filter_init (&filter);
    filter.state = SP_CONTACT_STATE_ESCALATED;
    changes.n_signals = 0;
    sp_record_list_set_contact_filter (list, &filter);
    wait_loaded (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                      sp_store_count_contacts (f->store, &filter, NULL));
    g_assert_cmpuint (changes.n_signals, >=, 1);
    for (guint i = 0; i < g_list_model_get_n_items (model); i += 97)
      {
        g_autoptr(SpContact) c = g_list_model_get_item (model, i);
        g_assert_true (c->escalated);
      }
  }
}

/* Survey answers, sorted by score */
static void
test_surveys (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SpRecordList) list = sp_record_list_new (f->store, SP_RECORD_SURVEYS);
  GListModel *model = G_LIST_MODEL (list);
  SpSurveyFilter filter;
  int last = 11;

  sp_survey_filter_init (&filter);
  filter.sort = SP_SURVEY_SORT_SCORE;
  filter.descending = TRUE;
  filter.agent_id = f->agents[2];
  sp_record_list_set_survey_filter (list, &filter);
  wait_loaded (list);

  g_assert_true (g_list_model_get_item_type (model) == SP_TYPE_SURVEY);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    sp_store_count_surveys (f->store, &filter, NULL));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpSurvey) s = g_list_model_get_item (model, i);

      g_assert_cmpint (s->score, <=, last);
      g_assert_cmpint (s->agent_id, ==, f->agents[2]);
      last = s->score;
    }
  g_assert_cmpint (last, ==, 0);
}

/* A filter read from the list and set again keeps its text (it points into the list) */
static void
test_filter_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SpRecordList) contacts = sp_record_list_new (f->store, SP_RECORD_CONTACTS);
  g_autoptr(SpRecordList) surveys = sp_record_list_new (f->store, SP_RECORD_SURVEYS);
  SpContactFilter cf;
  SpSurveyFilter sf;

  sp_contact_filter_init (&cf);
  cf.text = "becker";
  sp_record_list_set_contact_filter (contacts, &cf);
  wait_loaded (contacts);

  sp_record_list_get_contact_filter (contacts, &cf);
  cf.sort = SP_CONTACT_SORT_CUSTOMER;
  sp_record_list_set_contact_filter (contacts, &cf);
  wait_loaded (contacts);
  sp_record_list_get_contact_filter (contacts, &cf);
  g_assert_cmpstr (cf.text, ==, "becker");
  g_assert_cmpint (cf.sort, ==, SP_CONTACT_SORT_CUSTOMER);

  sp_survey_filter_init (&sf);
  sf.text = "late";
  sp_record_list_set_survey_filter (surveys, &sf);
  wait_loaded (surveys);

  sp_record_list_get_survey_filter (surveys, &sf);
  sf.descending = !sf.descending;
  sp_record_list_set_survey_filter (surveys, &sf);
  wait_loaded (surveys);
  sp_record_list_get_survey_filter (surveys, &sf);
  g_assert_cmpstr (sf.text, ==, "late");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/record-list/filtered-rows", test_filtered_rows);
  ADD ("/record-list/bounded-cache", test_bounded_cache);
  ADD ("/record-list/follows-store", test_follows_store);
  ADD ("/record-list/surveys", test_surveys);
  ADD ("/record-list/filter-round-trip", test_filter_round_trip);
  ADD ("/record-list/paced", test_paced);

  ret = g_test_run ();

  if (template_dir != NULL)
    sp_test_remove_dir (template_dir);
  g_free (template_dir);
  return ret;
}
