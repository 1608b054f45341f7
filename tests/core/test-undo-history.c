/* test-undo-history.c: taking back changes to contacts and answers, one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-contact.h"
#include "sp-error.h"
#include "sp-survey.h"
#include "sp-test-util.h"
#include "sp-undo-history.h"

static SpContact *
make_contact (const char *received,
              const char *customer,
              const char *note)
{
  SpContact *c = sp_contact_new ();

  c->received_at = sp_test_time (received);
  c->channel = SP_CHANNEL_PHONE;
  sp_contact_set_agent_name (c, "Ana");
  sp_contact_set_customer_name (c, customer);
  sp_contact_set_note (c, note);
  return c;
}

static SpSurvey *
make_survey (int         score,
             const char *customer)
{
  SpSurvey *s = sp_survey_new ();

  s->answered_at = sp_test_time ("2026-10-14 10:00");
  s->kind = SP_SURVEY_CSAT;
  s->score = score;
  sp_survey_set_customer_name (s, customer);
  return s;
}

static char *
notes (SpStore *store)
{
  return sp_test_query_text (store, "SELECT coalesce (group_concat (note, ','), '') FROM "
                                    "(SELECT note FROM contacts ORDER BY id)");
}

/* Log, edit, delete, log an answer; four undos take them back newest first */
static void
test_levels (SpTestStore   *f,
             gconstpointer  data)
{
  g_autoptr(SpUndoHistory) history = sp_undo_history_new (f->store);
  g_autoptr(SpContact) a = make_contact ("2026-10-14 09:00", "Bo Chen", "first");
  g_autoptr(SpContact) b = make_contact ("2026-10-14 09:30", NULL, "walk-in");
  g_autoptr(SpContact) before = NULL;
  g_autoptr(SpSurvey) s = make_survey (4, "Cy Ruiz");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *undone = NULL;
  gint64 id = -1;
  gint64 b_id;

  g_assert_false (sp_undo_history_can_undo (history));
  g_assert_true (sp_undo_history_get_last_type (history) == G_TYPE_INVALID);

  /* b came in without giving a name: a walk-in */
  b->channel = SP_CHANNEL_IN_PERSON;

  /* logged: a and b */
  g_assert_true (sp_store_save_contact (f->store, a, &error));
  g_assert_no_error (error);
  sp_undo_history_push (history, SP_UNDO_ADDED, G_OBJECT (a));
  g_assert_true (sp_store_save_contact (f->store, b, &error));
  sp_undo_history_push (history, SP_UNDO_ADDED, G_OBJECT (b));
  b_id = b->id;

  /* a edited: the note changed */
  before = sp_store_load_contact (f->store, a->id, &error);
  sp_contact_set_note (a, "second");
  g_assert_true (sp_store_save_contact (f->store, a, &error));
  sp_undo_history_push (history, SP_UNDO_EDITED, G_OBJECT (before));

  /* b deleted */
  {
    g_autoptr(SpContact) gone = sp_store_load_contact (f->store, b_id, &error);

    g_assert_true (sp_store_delete_contact (f->store, b_id, &error));
    sp_undo_history_push (history, SP_UNDO_DELETED, G_OBJECT (gone));
  }

  /* an answer recorded */
  g_assert_true (sp_store_save_survey (f->store, s, &error));
  sp_undo_history_push (history, SP_UNDO_ADDED, G_OBJECT (s));

  g_assert_cmpuint (sp_undo_history_get_n_steps (history), ==, 5);
  text = notes (f->store);
  g_assert_cmpstr (text, ==, "second");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM surveys"), ==, 1);

  g_assert_true (sp_undo_history_get_last_type (history) == SP_TYPE_SURVEY);

  /* 1: the answer goes */
  g_assert_true (sp_undo_history_undo (history, &id, &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (undone, ==, "Recording the survey answer of Cy Ruiz undone");
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM surveys"), ==, 0);
  g_clear_pointer (&undone, g_free);

  /* 2: b is back, with its id */
  g_assert_true (sp_undo_history_undo (history, &id, &undone, &error));
  g_assert_cmpstr (undone, ==, "Walk-in contact put back");
  g_assert_cmpint (id, ==, b_id);
  text = notes (f->store);
  g_assert_cmpstr (text, ==, "second,walk-in");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&undone, g_free);

  /* 3: a's note as it was */
  g_assert_true (sp_undo_history_undo (history, &id, &undone, &error));
  g_assert_cmpstr (undone, ==, "Changes to the contact with Bo Chen undone");
  g_assert_cmpint (id, ==, a->id);
  text = notes (f->store);
  g_assert_cmpstr (text, ==, "first,walk-in");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&undone, g_free);

  /* 4 and 5: both loggings */
  g_assert_true (sp_undo_history_undo (history, NULL, &undone, &error));
  g_assert_cmpstr (undone, ==, "Logging the walk-in contact undone");
  g_clear_pointer (&undone, g_free);
  g_assert_true (sp_undo_history_undo (history, NULL, NULL, &error));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 0);

  /* nothing left: an error that says so, and nothing changes */
  g_assert_false (sp_undo_history_can_undo (history));
  g_assert_false (sp_undo_history_undo (history, NULL, NULL, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
}

/* A toast's Undo of a logging takes the later edit of that contact with it, not the others */
/* A call or a message without a name is no walk-in: the undo says "without a customer" */
static void
test_no_customer (SpTestStore   *f,
                  gconstpointer  data)
{
  g_autoptr(SpUndoHistory) history = sp_undo_history_new (f->store);
  g_autoptr(SpContact) c = make_contact ("2026-10-14 09:00", NULL, "call");
  g_autoptr(SpContact) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;

  /* make_contact's channel is the phone */
  g_assert_true (sp_store_save_contact (f->store, c, &error));
  g_assert_no_error (error);
  sp_undo_history_push (history, SP_UNDO_ADDED, G_OBJECT (c));
  g_assert_true (sp_undo_history_undo (history, NULL, &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (undone, ==, "Logging the contact without a customer undone");
  g_clear_pointer (&undone, g_free);

  c->id = 0;
  g_assert_true (sp_store_save_contact (f->store, c, &error));
  gone = sp_store_load_contact (f->store, c->id, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_delete_contact (f->store, c->id, &error));
  sp_undo_history_push (history, SP_UNDO_DELETED, G_OBJECT (gone));
  g_assert_true (sp_undo_history_undo (history, NULL, &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (undone, ==, "Contact without a customer put back");
}

static void
test_out_of_turn (SpTestStore   *f,
                  gconstpointer  data)
{
  g_autoptr(SpUndoHistory) history = sp_undo_history_new (f->store);
  g_autoptr(SpContact) a = make_contact ("2026-10-14 09:00", "Bo Chen", "a");
  g_autoptr(SpContact) b = make_contact ("2026-10-14 09:30", "Di Park", "b");
  g_autoptr(SpContact) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint logged_a;

  g_assert_true (sp_store_save_contact (f->store, a, &error));
  logged_a = sp_undo_history_push (history, SP_UNDO_ADDED, G_OBJECT (a));
  g_assert_true (sp_store_save_contact (f->store, b, &error));
  sp_undo_history_push (history, SP_UNDO_ADDED, G_OBJECT (b));
  before = sp_store_load_contact (f->store, a->id, &error);
  sp_contact_set_note (a, "a2");
  g_assert_true (sp_store_save_contact (f->store, a, &error));
  sp_undo_history_push (history, SP_UNDO_EDITED, G_OBJECT (before));

  g_assert_true (sp_undo_history_has_step (history, logged_a));
  g_assert_true (sp_undo_history_undo_step (history, logged_a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (sp_undo_history_has_step (history, logged_a));

  /* a is gone, and so is its edit: only b's logging is left */
  text = notes (f->store);
  g_assert_cmpstr (text, ==, "b");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (sp_undo_history_get_n_steps (history), ==, 1);
  g_assert_true (sp_undo_history_get_last_type (history) == SP_TYPE_CONTACT);
  g_assert_true (sp_undo_history_undo (history, NULL, &text, &error));
  g_assert_cmpstr (text, ==, "Logging the contact with Di Park undone");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 0);

  /* the same toast twice: already undone */
  g_assert_false (sp_undo_history_undo_step (history, logged_a, NULL, NULL, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 0);
}

/* An edit of an answer changed back; a deleted answer put back with its id */
static void
test_surveys (SpTestStore   *f,
              gconstpointer  data)
{
  g_autoptr(SpUndoHistory) history = sp_undo_history_new (f->store);
  g_autoptr(SpSurvey) s = make_survey (2, NULL);
  g_autoptr(SpSurvey) before = NULL;
  g_autoptr(SpSurvey) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;
  gint64 id = 0;

  g_assert_true (sp_store_save_survey (f->store, s, &error));
  before = sp_store_load_survey (f->store, s->id, &error);
  s->score = 5;
  g_assert_true (sp_store_save_survey (f->store, s, &error));
  sp_undo_history_push (history, SP_UNDO_EDITED, G_OBJECT (before));
  gone = sp_store_load_survey (f->store, s->id, &error);
  g_assert_true (sp_store_delete_survey (f->store, s->id, &error));
  sp_undo_history_push (history, SP_UNDO_DELETED, G_OBJECT (gone));

  g_assert_true (sp_undo_history_undo (history, &id, &undone, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, s->id);
  /* no customer: the answer is named by its survey */
  g_assert_cmpstr (undone, ==, "Survey answer of CSAT put back");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT score FROM surveys"), ==, 5);
  g_clear_pointer (&undone, g_free);

  g_assert_true (sp_undo_history_undo (history, &id, &undone, &error));
  g_assert_cmpstr (undone, ==, "Changes to the survey answer of CSAT undone");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT score FROM surveys"), ==, 2);
}

/* The oldest changes go once there are more than the history keeps */
static void
test_limit (SpTestStore   *f,
            gconstpointer  data)
{
  g_autoptr(SpUndoHistory) history = sp_undo_history_new (f->store);
  g_autoptr(GError) error = NULL;
  guint first = 0;

  for (guint i = 0; i < SP_UNDO_HISTORY_MAX_STEPS + 3; i++)
    {
      g_autoptr(SpSurvey) s = make_survey (1 + i % 5, NULL);
      guint step;

      g_assert_true (sp_store_save_survey (f->store, s, &error));
      step = sp_undo_history_push (history, SP_UNDO_ADDED, G_OBJECT (s));
      if (i == 0)
        first = step;
    }

  g_assert_cmpuint (sp_undo_history_get_n_steps (history), ==, SP_UNDO_HISTORY_MAX_STEPS);
  g_assert_false (sp_undo_history_has_step (history, first));
}

/* Earlier "Escalated to" values, most used first, those that start as typed */
static void
test_escalated_to (SpTestStore   *f,
                   gconstpointer  data)
{
  static const char * const to[] = { "Warehouse", "Ward Logistics", "Warehouse", "Élodie",
                                     "", "Head Office", "Warehouse", "Head Office" };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) ware = NULL;
  g_autoptr(GPtrArray) accented = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (to); i++)
    {
      g_autoptr(SpContact) c = make_contact ("2026-10-14 09:00", "Bo Chen", NULL);

      c->escalated = TRUE;
      c->escalated_at = sp_test_time ("2026-10-14 09:10");
      sp_contact_set_escalated_to (c, to[i]);
      g_assert_true (sp_store_save_contact (f->store, c, &error));
      g_assert_no_error (error);
    }

  /* 3 × Warehouse, 2 × Head Office, then the others by name; the empty one is no value */
  all = sp_store_list_escalated_to (f->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (all->pdata[0], ==, "Warehouse");
  g_assert_cmpstr (all->pdata[1], ==, "Head Office");
  g_assert_cmpstr (all->pdata[2], ==, "Ward Logistics");
  g_assert_cmpstr (all->pdata[3], ==, "Élodie");

  ware = sp_store_list_escalated_to (f->store, "ware", 0, &error);
  g_assert_cmpuint (ware->len, ==, 1);
  g_assert_cmpstr (ware->pdata[0], ==, "Warehouse");

  /* folded beyond ASCII, which SQLite's LIKE does not */
  accented = sp_store_list_escalated_to (f->store, "éLO", 1, &error);
  g_assert_cmpuint (accented->len, ==, 1);
  g_assert_cmpstr (accented->pdata[0], ==, "Élodie");

  g_clear_pointer (&all, g_ptr_array_unref);
  all = sp_store_list_escalated_to (f->store, "", 2, &error);
  g_assert_cmpuint (all->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, SpTestStore, NULL, sp_test_store_setup, func, sp_test_store_teardown)

  ADD ("/undo-history/levels", test_levels);
  ADD ("/undo-history/no-customer", test_no_customer);
  ADD ("/undo-history/out-of-turn", test_out_of_turn);
  ADD ("/undo-history/surveys", test_surveys);
  ADD ("/undo-history/limit", test_limit);
  ADD ("/undo-history/escalated-to", test_escalated_to);

  return g_test_run ();
}
