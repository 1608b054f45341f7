/* test-conflict.c: a save over a record someone else changed since it was
 * read is refused, unless it is saved over on purpose; the store's own
 * updates of a record are no one's change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-contact.h"
#include "sp-error.h"
#include "sp-hours.h"
#include "sp-privacy.h"
#include "sp-shift.h"
#include "sp-store-hours.h"
#include "sp-survey.h"
#include "sp-test-util.h"
#include "sp-undo-history.h"

/* A (the fixture's store) and B, a second connection to the same file */
typedef struct
{
  char    *dir;
  SpStore *a;
  SpStore *b;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sp_test_store_open (&f->dir, &f->a);
  f->b = sp_store_open (sp_store_get_path (f->a), SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->b);
  sp_test_store_close (&f->dir, &f->a);
}

static SpContact *
make_contact (const char *received,
              const char *customer,
              const char *topic,
              const char *note)
{
  SpContact *c = sp_contact_new ();

  c->received_at = sp_test_time (received);
  c->channel = SP_CHANNEL_PHONE;
  sp_contact_set_agent_name (c, "Ana");
  sp_contact_set_customer_name (c, customer);
  sp_contact_set_category_name (c, topic);
  sp_contact_set_note (c, note);
  return c;
}

static char *
stored_note (SpStore *store,
             gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT note FROM contacts WHERE id = %" G_GINT64_FORMAT,
                                          id);

  return sp_test_query_text (store, sql);
}

static gint64
stored_revision (SpStore    *store,
                 const char *table,
                 gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT revision FROM %s WHERE id = %" G_GINT64_FORMAT,
                                          table, id);

  return sp_test_query_int (store, sql);
}

/* Opened in A, changed in B: A's save is refused and changes nothing; saved over, it wins */
static void
test_contact (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SpContact) c = make_contact ("2026-10-14 09:00", "Bo Chen", NULL, "first");
  g_autoptr(SpContact) mine = NULL;
  g_autoptr(SpContact) theirs = NULL;
  g_autoptr(SpContact) again = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  g_assert_true (sp_store_save_contact (f->a, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (c->revision, ==, 0);
  g_assert_cmpint (stored_revision (f->a, "contacts", c->id), ==, 0);

  /* both open it */
  mine = sp_store_load_contact (f->a, c->id, &error);
  g_assert_no_error (error);
  theirs = sp_store_load_contact (f->b, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mine->revision, ==, 0);

  /* B saves first: the revision goes up, and B's record has it */
  sp_contact_set_note (theirs, "theirs");
  g_assert_true (sp_store_save_contact (f->b, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (theirs->revision, ==, 1);
  g_assert_cmpint (stored_revision (f->a, "contacts", c->id), ==, 1);

  /* A's save is refused: nothing changes, A's record keeps what it read */
  sp_contact_set_note (mine, "mine");
  mine->talk_min = 12;
  g_assert_false (sp_store_save_contact (f->a, mine, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  sp_assert_contains (error->message, "Someone else changed this contact");
  g_clear_error (&error);
  g_assert_cmpint (mine->revision, ==, 0);
  note = stored_note (f->a, c->id);
  g_assert_cmpstr (note, ==, "theirs");
  g_clear_pointer (&note, g_free);
  g_assert_cmpint (sp_test_query_int (f->a, "SELECT count(*) FROM contacts WHERE talk_min IS NULL"),
                   ==, 1);
  g_assert_cmpint (stored_revision (f->a, "contacts", c->id), ==, 1);

  /* the lists read the revision too */
  listed = sp_store_list_contacts (f->a, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (((SpContact *) listed->pdata[0])->revision, ==, 1);

  /* "Save mine": over what is there */
  g_assert_true (sp_store_save_contact_over (f->a, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mine->revision, ==, 2);
  note = stored_note (f->b, c->id);
  g_assert_cmpstr (note, ==, "mine");
  g_clear_pointer (&note, g_free);

  /* A saves again from what it now holds: no one changed it since */
  sp_contact_set_note (mine, "mine, again");
  g_assert_true (sp_store_save_contact (f->a, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mine->revision, ==, 3);

  /* and now B's copy is the stale one */
  g_assert_false (sp_store_save_contact (f->b, theirs, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  g_clear_error (&error);
  again = sp_store_load_contact (f->b, c->id, &error);
  g_assert_cmpstr (again->note, ==, "mine, again");
  g_assert_cmpint (again->revision, ==, 3);
}

/* The repeat flags change when another contact of the customer comes in: no conflict */
static void
test_contact_internal (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SpContact) first = make_contact ("2026-10-14 09:00", "Bo Chen", "Billing", "first");
  g_autoptr(SpContact) second = make_contact ("2026-10-15 09:00", "Bo Chen", "Billing", "second");
  g_autoptr(SpContact) mine = NULL;
  g_autoptr(SpContact) stored = NULL;
  g_autoptr(SpHours) hours = sp_hours_new ();
  g_autoptr(GError) error = NULL;
  SpSchedule *schedule;
  gint64 fr_open;

  /* answered in the evening (Wednesday) */
  first->first_response_at = sp_test_time ("2026-10-14 19:00");
  g_assert_true (sp_store_save_contact (f->a, first, &error));
  g_assert_no_error (error);
  fr_open = sp_test_query_int (f->a, "SELECT fr_open FROM contacts WHERE note = 'first'");

  mine = sp_store_load_contact (f->a, first->id, &error);
  g_assert_no_error (error);
  g_assert_false (mine->followed_up);

  /* B logs a second contact of the same customer and topic: the first is followed up now */
  g_assert_true (sp_store_save_contact (f->b, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (f->a, "SELECT followed_up FROM contacts WHERE note = 'first'"),
                   ==, 1);
  g_assert_cmpint (sp_test_query_int (f->a, "SELECT is_repeat FROM contacts WHERE note = 'second'"),
                   ==, 1);

  /* and every flag is counted again, as a repair does */
  g_assert_true (sp_store_refresh_repeats (f->b, &error));
  g_assert_no_error (error);

  /* B sets opening hours: the business minutes to the first response are counted again */
  schedule = sp_hours_replace_schedule (hours, sp_test_date ("2026-01-05"));
  for (int day = 1; day <= 5; day++)
    g_assert_true (sp_hours_add_interval (hours, schedule, day, 9 * 3600, 17 * 3600, NULL));
  g_assert_true (sp_store_save_hours (f->b, hours, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (f->a, "SELECT fr_open FROM contacts WHERE note = 'first'"),
                   !=, fr_open);
  g_assert_cmpint (stored_revision (f->a, "contacts", first->id), ==, 0);

  /* A's edit of the first saves: no one edited it */
  sp_contact_set_note (mine, "first, edited");
  g_assert_true (sp_store_save_contact (f->a, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mine->revision, ==, 1);

  stored = sp_store_load_contact (f->b, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->note, ==, "first, edited");
  /* the flag the store keeps was not overwritten with the one A read */
  g_assert_true (stored->followed_up);
}

/* Deleted in B: A's save says it is gone, not that it changed */
static void
test_contact_deleted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SpContact) c = make_contact ("2026-10-14 09:00", "Bo Chen", NULL, "first");
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_save_contact (f->a, c, &error));
  g_assert_true (sp_store_delete_contact (f->b, c->id, &error));
  g_assert_no_error (error);

  sp_contact_set_note (c, "mine");
  g_assert_false (sp_store_save_contact (f->a, c, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
}

/* Undo takes back an edit and a delete; one put back is a revision of its own */
static void
test_contact_undo (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SpUndoHistory) history = sp_undo_history_new (f->a);
  g_autoptr(SpContact) c = make_contact ("2026-10-14 09:00", "Bo Chen", NULL, "first");
  g_autoptr(SpContact) before = NULL;
  g_autoptr(SpContact) stale = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  gint64 revision;

  g_assert_true (sp_store_save_contact (f->a, c, &error));
  stale = sp_contact_copy (c);

  before = sp_contact_copy (c);
  sp_contact_set_note (c, "edited");
  g_assert_true (sp_store_save_contact (f->a, c, &error));
  g_assert_no_error (error);
  sp_undo_history_push (history, SP_UNDO_EDITED, G_OBJECT (before));

  g_assert_true (sp_store_delete_contact (f->a, c->id, &error));
  sp_undo_history_push (history, SP_UNDO_DELETED, G_OBJECT (c));

  g_assert_true (sp_undo_history_undo (history, NULL, NULL, &error));
  g_assert_no_error (error);
  revision = stored_revision (f->a, "contacts", c->id);
  g_assert_cmpint (revision, ==, c->revision + 1);

  g_assert_true (sp_undo_history_undo (history, NULL, NULL, &error));
  g_assert_no_error (error);
  note = stored_note (f->a, c->id);
  g_assert_cmpstr (note, ==, "first");
  g_assert_cmpint (stored_revision (f->a, "contacts", c->id), ==, revision + 1);

  /* a form still open on the first revision does not save over all that */
  sp_contact_set_note (stale, "stale");
  g_assert_false (sp_store_save_contact (f->b, stale, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
}

/* Undo takes back the user's own change only: not when someone else changed the record since */
static void
test_undo_after_theirs (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SpUndoHistory) history = sp_undo_history_new (f->a);
  g_autoptr(SpContact) c = make_contact ("2026-10-14 09:00", "Bo Chen", NULL, "first");
  g_autoptr(SpContact) before = NULL;
  g_autoptr(SpContact) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  g_assert_true (sp_store_save_contact (f->a, c, &error));
  before = sp_contact_copy (c);
  sp_contact_set_note (c, "mine");
  g_assert_true (sp_store_save_contact (f->a, c, &error));
  sp_undo_history_push (history, SP_UNDO_EDITED, G_OBJECT (before));

  /* B changes it after A */
  theirs = sp_store_load_contact (f->b, c->id, &error);
  theirs->talk_min = 12;
  g_assert_true (sp_store_save_contact (f->b, theirs, &error));
  g_assert_no_error (error);

  g_assert_false (sp_undo_history_undo (history, NULL, NULL, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  sp_assert_contains (error->message, "nothing was undone");
  note = stored_note (f->a, c->id);
  g_assert_cmpstr (note, ==, "mine");
  g_assert_cmpint (sp_test_query_int (f->a, "SELECT talk_min FROM contacts"), ==, 12);
}

/* A customer forgotten in B: A's open contact does not put their note back unasked */
static void
test_contact_forgotten (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SpContact) c = make_contact ("2026-10-14 09:00", "Bo Chen", NULL, "Lives at 3 Elm St");
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  g_assert_true (sp_store_save_contact (f->a, c, &error));
  g_assert_true (sp_store_forget_customer (f->b, c->customer_id, &error));
  g_assert_no_error (error);

  c->talk_min = 3;
  g_assert_false (sp_store_save_contact (f->a, c, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  note = stored_note (f->a, c->id);
  g_assert_null (note);
}

/* A mention of a forgotten customer in someone else's escalation, and a topic merged into
 * another: changes of the contact, so the form open on it is told */
static void
test_contact_changed_by_others (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(SpContact) mentions = make_contact ("2026-10-14 09:00", "Al Moss", "Billing", NULL);
  g_autoptr(SpContact) forgotten = make_contact ("2026-10-14 10:00", "Bo Chen", NULL, NULL);
  g_autoptr(SpContact) merged = make_contact ("2026-10-14 11:00", "Cy Ruiz", "Invoices", NULL);
  g_autoptr(SpContact) kept = make_contact ("2026-10-14 12:00", "Di Shaw", "Returns", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *to = NULL;

  mentions->escalated = TRUE;
  mentions->escalated_at = sp_test_time ("2026-10-14 09:30");
  sp_contact_set_escalated_to (mentions, "Bo Chen");
  g_assert_true (sp_store_save_contact (f->a, mentions, &error));
  g_assert_true (sp_store_save_contact (f->a, forgotten, &error));
  g_assert_true (sp_store_save_contact (f->a, merged, &error));
  g_assert_true (sp_store_save_contact (f->a, kept, &error));
  g_assert_no_error (error);

  g_assert_true (sp_store_forget_customer (f->b, forgotten->customer_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_revision (f->a, "contacts", mentions->id), ==, mentions->revision + 1);
  g_assert_true (sp_store_merge_entities (f->b, SP_ENTITY_CATEGORY, merged->category_id,
                                          mentions->category_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_revision (f->a, "contacts", merged->id), ==, merged->revision + 1);
  g_assert_cmpint (stored_revision (f->a, "contacts", kept->id), ==, kept->revision);

  /* the forms still open on them are told, and change nothing */
  mentions->talk_min = 3;
  g_assert_false (sp_store_save_contact (f->a, mentions, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  g_clear_error (&error);
  to = sp_test_query_text (f->a, "SELECT escalated_to FROM escalations");
  g_assert_cmpstr (to, !=, "Bo Chen");
  merged->talk_min = 3;
  g_assert_false (sp_store_save_contact (f->a, merged, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  g_clear_error (&error);
  kept->talk_min = 3;
  g_assert_true (sp_store_save_contact (f->a, kept, &error));
  g_assert_no_error (error);
}

static SpSurvey *
make_survey (int score)
{
  SpSurvey *s = sp_survey_new ();

  s->answered_at = sp_test_time ("2026-10-14 10:00");
  s->kind = SP_SURVEY_CSAT;
  s->score = score;
  sp_survey_set_customer_name (s, "Cy Ruiz");
  return s;
}

static void
test_survey (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SpSurvey) s = make_survey (4);
  g_autoptr(SpSurvey) mine = NULL;
  g_autoptr(SpSurvey) theirs = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_save_survey (f->a, s, &error));
  g_assert_no_error (error);

  mine = sp_store_load_survey (f->a, s->id, &error);
  theirs = sp_store_load_survey (f->b, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mine->revision, ==, 0);

  theirs->score = 2;
  g_assert_true (sp_store_save_survey (f->b, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (theirs->revision, ==, 1);

  mine->score = 5;
  sp_survey_set_comment (mine, "great");
  g_assert_false (sp_store_save_survey (f->a, mine, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  sp_assert_contains (error->message, "Someone else changed this survey answer");
  g_clear_error (&error);
  g_assert_cmpint (sp_test_query_int (f->a, "SELECT score FROM surveys"), ==, 2);
  g_assert_cmpint (sp_test_query_int (f->a, "SELECT count(*) FROM surveys WHERE comment IS NULL"),
                   ==, 1);
  g_assert_cmpint (mine->revision, ==, 0);

  listed = sp_store_list_surveys (f->a, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((SpSurvey *) listed->pdata[0])->revision, ==, 1);

  g_assert_true (sp_store_save_survey_over (f->a, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mine->revision, ==, 2);
  g_assert_cmpint (sp_test_query_int (f->b, "SELECT score FROM surveys"), ==, 5);
  g_assert_cmpint (stored_revision (f->b, "surveys", s->id), ==, 2);

  /* the kept copy saves on from there */
  mine->score = 3;
  g_assert_true (sp_store_save_survey (f->a, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_revision (f->b, "surveys", s->id), ==, 3);

  /* deleted meanwhile: gone, not changed */
  g_assert_true (sp_store_delete_survey (f->b, s->id, &error));
  g_assert_false (sp_store_save_survey (f->a, mine, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
}

static SpShift *
find_shift (SpStore *store)
{
  g_autoptr(GPtrArray) shifts = sp_store_list_shifts (store, SP_DATE_NONE, SP_DATE_NONE, 0, NULL);

  g_assert_nonnull (shifts);
  g_assert_cmpuint (shifts->len, ==, 1);
  return g_object_ref (shifts->pdata[0]);
}

static void
test_shift (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SpShift) shift = sp_shift_new_full (sp_test_date ("2026-10-14"), "Ana", 8);
  g_autoptr(SpShift) again = sp_shift_new_full (sp_test_date ("2026-10-14"), "Ana", 7);
  g_autoptr(SpShift) mine = NULL;
  g_autoptr(SpShift) theirs = NULL;
  g_autoptr(SpShift) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_save_shift (f->a, shift, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shift->revision, ==, 0);

  mine = find_shift (f->a);
  theirs = find_shift (f->b);
  g_assert_cmpint (mine->revision, ==, 0);

  copy = sp_shift_copy (mine);
  g_assert_cmpint (copy->id, ==, mine->id);
  g_assert_cmpstr (copy->agent_name, ==, "Ana");

  theirs->available_hours = 4;
  g_assert_true (sp_store_save_shift (f->b, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (theirs->revision, ==, 1);

  mine->available_hours = 6;
  g_assert_false (sp_store_save_shift (f->a, mine, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  sp_assert_contains (error->message, "Someone else changed this shift");
  g_clear_error (&error);
  g_assert_cmpfloat (sp_test_query_double (f->a, "SELECT available_hours FROM shifts"), ==, 4);
  g_assert_cmpint (mine->revision, ==, 0);

  g_assert_true (sp_store_save_shift_over (f->a, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mine->revision, ==, 2);
  g_assert_cmpfloat (sp_test_query_double (f->b, "SELECT available_hours FROM shifts"), ==, 6);

  /* the day entered anew (a new shift replaces its hours) is a change too */
  g_assert_true (sp_store_save_shift (f->b, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, mine->id);
  g_assert_cmpint (again->revision, ==, 3);
  mine->available_hours = 5;
  g_assert_false (sp_store_save_shift (f->a, mine, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_cmpfloat (sp_test_query_double (f->a, "SELECT available_hours FROM shifts"), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)

  ADD ("/conflict/contact", test_contact);
  ADD ("/conflict/contact-internal", test_contact_internal);
  ADD ("/conflict/contact-deleted", test_contact_deleted);
  ADD ("/conflict/contact-undo", test_contact_undo);
  ADD ("/conflict/contact-forgotten", test_contact_forgotten);
  ADD ("/conflict/undo-after-theirs", test_undo_after_theirs);
  ADD ("/conflict/contact-changed-by-others", test_contact_changed_by_others);
  ADD ("/conflict/survey", test_survey);
  ADD ("/conflict/shift", test_shift);

  return g_test_run ();
}
