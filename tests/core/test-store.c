/* test-store.c: creating, migrating and guarding the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "sp-error.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

typedef SpTestStore Fixture;

static SpContact *
make_contact (const char *received,
              const char *agent,
              const char *customer,
              const char *category)
{
  SpContact *c = sp_contact_new ();

  c->received_at = sp_test_time (received);
  c->channel = SP_CHANNEL_PHONE;
  sp_contact_set_agent_name (c, agent);
  sp_contact_set_customer_name (c, customer);
  sp_contact_set_category_name (c, category);
  return c;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = sp_test_db_path (f->dir);
  g_autofree char *mode = NULL;
  GStatBuf st;

  g_assert_cmpint (sp_store_get_schema_version (f->store), ==,
                   sp_store_get_latest_schema_version ());
  g_assert_true (sp_store_is_empty (f->store));

  if (sp_test_skip_on_server ("about the file: its mode, journal and PRAGMAs"))
    return;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  mode = sp_test_query_text (f->store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (sp_test_query_int (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (sp_test_query_int (f->store, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (sp_test_query_int (f->store, "PRAGMA user_version"), ==,
                   sp_store_get_latest_schema_version ());
}

static void
test_default_folder_private (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *parent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  GStatBuf st;

  if (sp_test_skip_on_server ("about the file: the folder made for it"))
    return;

  dir = sp_test_make_dir ();
  path = g_build_filename (dir, "nested", "deeper", "x.db", NULL);
  parent = g_path_get_dirname (path);
  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_stat (parent, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_reopen_keeps_data (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SpContact) c = make_contact ("2026-10-01 09:00", "Ana", "Bob", "Billing");
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_save_contact (f->store, c, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  f->store = sp_test_open_store (f->dir);
  g_assert_cmpint (sp_store_count_contacts (f->store, NULL, NULL), ==, 1);
}

/* A database made by the first version of the schema (tests/data/schema-v1.sql) */
static void
test_migrate_old_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sql_path = g_build_filename (g_getenv ("SP_TEST_SRCDIR"), "data",
                                                "schema-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpContact) contact = NULL;
  sqlite3 *db = NULL;

  if (sp_test_skip_on_server ("about the file: migrating an old one"))
    return;

  dir = sp_test_make_dir ();
  path = sp_test_db_path (dir);

  g_file_get_contents (sql_path, &sql, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_get_schema_version (store), ==,
                   sp_store_get_latest_schema_version ());

  /* what version 1 held is still there */
  g_assert_cmpint (sp_store_count_contacts (store, NULL, NULL), ==, 2);
  contact = sp_store_load_contact (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contact->agent_name, ==, "Ana");
  g_assert_cmpstr (contact->category_name, ==, "Billing");
  g_assert_true (contact->is_repeat);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_migrate_empty_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  if (sp_test_skip_on_server ("about the file: an empty one"))
    return;

  dir = sp_test_make_dir ();
  path = sp_test_db_path (dir);

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);

  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (sp_store_is_empty (store));

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
assert_sql_refused (SpStore    *store,
                    const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (sp_store_get_handle (store), sql, NULL, NULL, &message);

  if (rc == SQLITE_OK)
    g_error ("the database accepted: %s", sql);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  sqlite3_free (message);
}

static void
test_constraints (Fixture       *f,
                  gconstpointer  data)
{
  SpStore *s = f->store;

  /* raw SQL into the file: the server checks what it is sent by its own schema */
  if (sp_test_skip_on_server ("about the file: its own CHECK constraints, written to directly"))
    return;

  g_assert_true (sp_store_exec (s, "INSERT INTO agents (id, name, name_key) VALUES (1, 'A', 'a');"
                                   "INSERT INTO contacts (received_at, id, channel, agent_id)"
                                   " VALUES (1000, 1, 'phone', 1);", NULL));

  assert_sql_refused (s, "INSERT INTO agents (name, name_key) VALUES ('  ', 'x')");
  assert_sql_refused (s, "INSERT INTO agents (name, name_key) VALUES ('a', 'a')");
  assert_sql_refused (s, "INSERT INTO contacts (received_at, id, channel, agent_id)"
                         " VALUES (1000, 2, 'fax', 1)");
  assert_sql_refused (s, "INSERT INTO contacts (received_at, id, channel, agent_id)"
                         " VALUES (1000, 3, 'phone', 99)");
  assert_sql_refused (s, "INSERT INTO contacts (received_at, id, channel, agent_id, priority)"
                         " VALUES (1000, 4, 'phone', 1, 'asap')");
  assert_sql_refused (s, "INSERT INTO contacts (received_at, id, channel, agent_id,"
                         " first_response_at) VALUES (1000, 5, 'phone', 1, 999)");
  assert_sql_refused (s, "INSERT INTO contacts (received_at, id, channel, agent_id,"
                         " resolved_at) VALUES (1000, 6, 'phone', 1, 999)");
  assert_sql_refused (s, "INSERT INTO contacts (received_at, id, channel, agent_id, talk_min)"
                         " VALUES (1000, 7, 'phone', 1, -1)");
  assert_sql_refused (s, "INSERT INTO contacts (received_at, id, channel, agent_id, hold_min)"
                         " VALUES (1000, 8, 'phone', 1, -0.5)");
  assert_sql_refused (s, "INSERT INTO contacts (received_at, id, channel, agent_id, wrap_min)"
                         " VALUES (1000, 9, 'phone', 1, -2)");
  assert_sql_refused (s, "INSERT INTO contacts (received_at, id, channel, agent_id, escalated)"
                         " VALUES (1000, 10, 'phone', 1, 2)");
  assert_sql_refused (s, "INSERT INTO contacts (received_at, id, channel, agent_id)"
                         " VALUES ('2026-10-01', 11, 'phone', 1)");
  assert_sql_refused (s, "INSERT INTO surveys (answered_at, id, kind, score)"
                         " VALUES (1000, 1, 'csat', 6)");
  assert_sql_refused (s, "INSERT INTO surveys (answered_at, id, kind, score)"
                         " VALUES (1000, 2, 'csat', 0)");
  assert_sql_refused (s, "INSERT INTO surveys (answered_at, id, kind, score)"
                         " VALUES (1000, 3, 'nps', 11)");
  assert_sql_refused (s, "INSERT INTO surveys (answered_at, id, kind, score)"
                         " VALUES (1000, 4, 'nps', -1)");
  assert_sql_refused (s, "INSERT INTO surveys (answered_at, id, kind, score)"
                         " VALUES (1000, 5, 'ces', 8)");
  assert_sql_refused (s, "INSERT INTO surveys (answered_at, id, kind, score)"
                         " VALUES (1000, 6, 'ces', 4.5)");
  assert_sql_refused (s, "INSERT INTO surveys (answered_at, id, kind, score)"
                         " VALUES (1000, 7, 'effort', 3)");
  assert_sql_refused (s, "INSERT INTO shifts (date, agent_id, available_hours) VALUES (1, 1, 0)");
  assert_sql_refused (s, "INSERT INTO shifts (date, agent_id, available_hours)"
                         " VALUES (1, 1, 24.5)");
  assert_sql_refused (s, "INSERT INTO month_figures VALUES ('2026-10', 1, 31, -1, 10, 1, 1)");
  assert_sql_refused (s, "INSERT INTO month_figures VALUES ('2026-10', 1, 31, 5, 10, 11, 1)");
  assert_sql_refused (s, "INSERT INTO month_figures VALUES ('2026-10', 1, 31, 5, -1, 0, 1)");
  assert_sql_refused (s, "INSERT INTO month_figures VALUES ('2026-10', 1, 31, 5, 10, 1, -1)");
  assert_sql_refused (s, "INSERT INTO month_figures VALUES ('Oct', 1, 31, 5, 10, 1, 1)");

  /* the boundaries themselves are allowed */
  g_assert_true (sp_store_exec (s,
    "INSERT INTO surveys (answered_at, id, kind, score) VALUES (1, 10, 'csat', 1),"
    " (1, 11, 'csat', 5), (1, 12, 'nps', 0), (1, 13, 'nps', 10), (1, 14, 'ces', 1),"
    " (1, 15, 'ces', 7);"
    "INSERT INTO shifts (date, agent_id, available_hours) VALUES (1, 1, 24);"
    "INSERT INTO month_figures VALUES ('2026-10', 1, 31, 0, 10, 10, 0);", NULL));
}

/* A shop just made counts "answered within target" from its first contact on */
static void
test_new_shop_sla_targets (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SpContact) c = make_contact ("2026-10-01 09:00", "Ana", "Bob", "Billing");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM sla_targets"), ==,
                   SP_N_PRIORITIES);

  c->first_response_at = sp_test_time ("2026-10-01 09:01");
  g_assert_true (sp_store_save_contact (f->store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT sum(sla_within) FROM kpi_months"), ==, 1);
}

static void
test_validation_messages (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SpContact) c = make_contact ("2026-10-01 09:00", "Ana", NULL, NULL);
  g_autoptr(SpSurvey) s = sp_survey_new ();
  g_autoptr(SpShift) shift = sp_shift_new_full (sp_test_date ("2026-10-01"), "Ana", 25);
  g_autoptr(SpMonthFigures) m = sp_month_figures_new (2026, 10);
  g_autoptr(GError) error = NULL;
  SpContactField field;

  c->first_response_at = sp_test_time ("2026-10-01 08:59");
  g_assert_false (sp_contact_validate (c, &field, &error));
  g_assert_cmpint (field, ==, SP_CONTACT_FIELD_FIRST_RESPONSE_AT);
  g_clear_error (&error);
  g_assert_false (sp_store_save_contact (f->store, c, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The first response is before the contact was received.");
  g_clear_error (&error);

  c->first_response_at = SP_TIME_NONE;
  c->talk_min = -3;
  g_assert_false (sp_store_save_contact (f->store, c, &error));
  g_assert_cmpstr (error->message, ==, "Talk minutes can't be negative.");
  g_clear_error (&error);

  c->talk_min = NAN;
  sp_contact_set_agent_name (c, "   ");
  g_assert_false (sp_store_save_contact (f->store, c, &error));
  g_assert_cmpstr (error->message, ==, "Choose the agent who handled it.");
  g_clear_error (&error);

  s->answered_at = sp_test_time ("2026-10-01 10:00");
  s->kind = SP_SURVEY_CSAT;
  s->score = 6;
  g_assert_false (sp_store_save_survey (f->store, s, &error));
  g_assert_cmpstr (error->message, ==, "A CSAT score must be from 1 to 5, not 6.");
  g_clear_error (&error);

  g_assert_false (sp_store_save_shift (f->store, shift, &error));
  g_assert_cmpstr (error->message, ==, "Available hours must be more than 0 and at most 24.");
  g_clear_error (&error);

  m->customers_start = 10;
  m->customers_lost = 11;
  g_assert_false (sp_store_save_month_figures (f->store, m, &error));
  g_assert_cmpstr (error->message, ==,
                   "Customers lost (11) can't be more than customers at the start of the month "
                   "(10).");
  g_clear_error (&error);

  /* nothing was written */
  g_assert_true (sp_store_is_empty (f->store));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM agents"), ==, 0);
}

static void
test_contacts_crud (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SpContact) c = make_contact ("2026-10-01 09:00", "Ana", "Bob Smith", "Billing");
  g_autoptr(SpContact) back = NULL;
  g_autoptr(GError) error = NULL;

  c->talk_min = 4;
  c->hold_min = 1;
  c->wrap_min = 0.5;
  c->resolved_first_contact = TRUE;
  c->priority = SP_PRIORITY_HIGH;
  sp_contact_set_note (c, "Refund =1+1");

  g_assert_true (sp_store_save_contact (f->store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (c->id, ==, 1);
  g_assert_cmpint (c->agent_id, >, 0);

  /* resolved on first contact without a time: received + talk + hold + wrap */
  g_assert_cmpint (c->resolved_at, ==, sp_test_time ("2026-10-01 09:05:30"));

  back = sp_store_load_contact (f->store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->agent_name, ==, "Ana");
  g_assert_cmpstr (back->customer_name, ==, "Bob Smith");
  g_assert_cmpstr (back->category_name, ==, "Billing");
  g_assert_cmpint (back->priority, ==, SP_PRIORITY_HIGH);
  g_assert_cmpfloat (back->wrap_min, ==, 0.5);
  g_assert_cmpstr (back->note, ==, "Refund =1+1");
  g_assert_cmpfloat (sp_contact_get_handle_minutes (back), ==, 5.5);

  /* update, with an escalation */
  back->escalated = TRUE;
  back->escalated_at = sp_test_time ("2026-10-01 09:10");
  sp_contact_set_escalated_to (back, "Owner");
  sp_contact_set_escalation_reason (back, "Refund above limit");
  g_assert_true (sp_store_save_contact (f->store, back, &error));
  g_assert_no_error (error);
  g_clear_object (&back);

  back = sp_store_load_contact (f->store, 1, &error);
  g_assert_true (back->escalated);
  g_assert_cmpstr (back->escalated_to, ==, "Owner");
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM escalations"), ==, 1);

  /* un-escalating removes the details */
  back->escalated = FALSE;
  g_assert_true (sp_store_save_contact (f->store, back, &error));
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM escalations"), ==, 0);

  /* delete and undo */
  g_assert_true (sp_store_delete_contact (f->store, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_count_contacts (f->store, NULL, NULL), ==, 0);
  g_assert_false (sp_store_delete_contact (f->store, 1, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (sp_store_undelete_contact (f->store, back, &error));
  g_assert_no_error (error);
  g_clear_object (&back);
  back = sp_store_load_contact (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->note, ==, "Refund =1+1");

  /* updating a deleted contact says so */
  g_assert_true (sp_store_delete_contact (f->store, 1, NULL));
  g_assert_false (sp_store_save_contact (f->store, back, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
}

static void
on_changed (SpStore *store,
            guint    changes,
            guint   *out)
{
  *out |= changes;
}

static void
test_changed_once_per_commit (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(SpContact) c = make_contact ("2026-10-01 09:00", "Ana", "Bob", "Billing");
  guint changes = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &changes);

  g_assert_true (sp_store_save_contact (f->store, c, NULL));
  g_assert_cmpuint (changes & SP_STORE_CHANGE_CONTACTS, !=, 0);
  g_assert_cmpuint (changes & SP_STORE_CHANGE_ENTITIES, !=, 0);

  changes = 0;
  g_assert_true (sp_store_begin (f->store, NULL));
  g_assert_true (sp_store_delete_contact (f->store, c->id, NULL));
  g_assert_cmpuint (changes, ==, 0);
  sp_store_rollback (f->store);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpint (sp_store_count_contacts (f->store, NULL, NULL), ==, 1);
}

static void
test_entities (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 a, b, c;

  a = sp_store_ensure_entity (f->store, SP_ENTITY_CATEGORY, "  Billing ", &error);
  g_assert_no_error (error);
  b = sp_store_ensure_entity (f->store, SP_ENTITY_CATEGORY, "BILLING", &error);
  g_assert_cmpint (a, ==, b);
  g_assert_cmpint (sp_store_ensure_entity (f->store, SP_ENTITY_CATEGORY, "", NULL), ==, 0);

  c = sp_store_ensure_entity (f->store, SP_ENTITY_CATEGORY, "Returns", &error);

  g_assert_false (sp_store_rename_entity (f->store, SP_ENTITY_CATEGORY, c, "billing", &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "There is already a Topic called “billing”.");
  g_clear_error (&error);

  g_assert_true (sp_store_rename_entity (f->store, SP_ENTITY_CATEGORY, c, "Refunds", &error));
  g_assert_true (sp_store_set_entity_active (f->store, SP_ENTITY_CATEGORY, c, FALSE, &error));

  list = sp_store_list_entities (f->store, SP_ENTITY_CATEGORY, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sp_store_list_entities (f->store, SP_ENTITY_CATEGORY, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((SpEntity *) list->pdata[1])->name, ==, "Refunds");
  g_assert_false (((SpEntity *) list->pdata[1])->active);
  g_clear_pointer (&list, g_ptr_array_unref);

  sp_store_ensure_entity (f->store, SP_ENTITY_CUSTOMER, "Anna", NULL);
  sp_store_ensure_entity (f->store, SP_ENTITY_CUSTOMER, "Annabel", NULL);
  sp_store_ensure_entity (f->store, SP_ENTITY_CUSTOMER, "Bob", NULL);
  list = sp_store_complete_entities (f->store, SP_ENTITY_CUSTOMER, "ANN", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
}

static void
test_merge_topics_recomputes_repeats (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(SpContact) a = make_contact ("2026-10-01 09:00", "Ana", "Bob", "Billing");
  g_autoptr(SpContact) b = make_contact ("2026-10-02 09:00", "Ana", "Bob", "Invoices");
  g_autoptr(SpContact) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_store_save_contact (f->store, a, NULL));
  g_assert_true (sp_store_save_contact (f->store, b, NULL));
  back = sp_store_load_contact (f->store, b->id, NULL);
  g_assert_false (back->is_repeat);
  g_clear_object (&back);

  g_assert_true (sp_store_merge_entities (f->store, SP_ENTITY_CATEGORY, b->category_id,
                                          a->category_id, &error));
  g_assert_no_error (error);

  back = sp_store_load_contact (f->store, b->id, NULL);
  g_assert_true (back->is_repeat);
  g_assert_cmpstr (back->category_name, ==, "Billing");
  g_clear_object (&back);
  back = sp_store_load_contact (f->store, a->id, NULL);
  g_assert_true (back->followed_up);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM categories"), ==, 1);
}

static void
test_repeat_flags_follow_edits (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(SpContact) a = make_contact ("2026-10-01 09:00", "Ana", "Bob", "Billing");
  g_autoptr(SpContact) b = make_contact ("2026-10-08 09:00", "Ana", "bob", "billing");
  g_autoptr(SpContact) back = NULL;

  g_assert_true (sp_store_save_contact (f->store, a, NULL));
  g_assert_true (sp_store_save_contact (f->store, b, NULL));

  /* exactly 7 × 24 h later: a repeat */
  back = sp_store_load_contact (f->store, b->id, NULL);
  g_assert_true (back->is_repeat);

  /* one minute more: not a repeat any longer */
  back->received_at += 60;
  g_assert_true (sp_store_save_contact (f->store, back, NULL));
  g_clear_object (&back);
  back = sp_store_load_contact (f->store, b->id, NULL);
  g_assert_false (back->is_repeat);
  g_clear_object (&back);
  back = sp_store_load_contact (f->store, a->id, NULL);
  g_assert_false (back->followed_up);

  /* made anonymous: never a repeat */
  g_clear_object (&back);
  back = sp_store_load_contact (f->store, b->id, NULL);
  back->received_at -= 120;
  back->customer_id = 0;
  g_clear_pointer (&back->customer_name, g_free);
  g_assert_true (sp_store_save_contact (f->store, back, NULL));
  g_clear_object (&back);
  back = sp_store_load_contact (f->store, b->id, NULL);
  g_assert_false (back->is_repeat);
  g_assert_cmpint (back->customer_id, ==, 0);
}

static void
test_surveys_shifts_months (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SpContact) c = make_contact ("2026-10-01 09:00", "Ana", "Bob", "Billing");
  g_autoptr(SpSurvey) s = sp_survey_new ();
  g_autoptr(SpSurvey) back = NULL;
  g_autoptr(SpShift) shift = sp_shift_new_full (sp_test_date ("2026-10-01"), "ana", 7.5);
  g_autoptr(SpShift) again = sp_shift_new_full (sp_test_date ("2026-10-01"), "Ana", 6);
  g_autoptr(SpMonthFigures) m = sp_month_figures_new (2026, 10);
  g_autoptr(SpMonthFigures) mback = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GError) error = NULL;
  SpSurveyFilter filter;

  c->channel = SP_CHANNEL_CHAT;
  g_assert_true (sp_store_save_contact (f->store, c, NULL));

  /* an answer about a contact takes its agent, channel, topic and customer */
  s->answered_at = sp_test_time ("2026-10-01 12:00");
  s->kind = SP_SURVEY_NPS;
  s->score = 10;
  s->contact_id = c->id;
  g_assert_true (sp_store_save_survey (f->store, s, &error));
  g_assert_no_error (error);

  back = sp_store_load_survey (f->store, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->agent_name, ==, "Ana");
  g_assert_cmpstr (back->customer_name, ==, "Bob");
  g_assert_cmpstr (back->category_name, ==, "Billing");
  g_assert_cmpint (back->channel, ==, SP_CHANNEL_CHAT);

  sp_survey_filter_init (&filter);
  filter.kind = SP_SURVEY_CSAT;
  g_assert_cmpint (sp_store_count_surveys (f->store, &filter, NULL), ==, 0);
  filter.kind = SP_SURVEY_NPS;
  g_assert_cmpint (sp_store_count_surveys (f->store, &filter, NULL), ==, 1);

  g_assert_true (sp_store_delete_survey (f->store, s->id, &error));
  g_assert_true (sp_store_undelete_survey (f->store, back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_count_surveys (f->store, NULL, NULL), ==, 1);

  /* a second figure for the same agent and day replaces the first */
  g_assert_true (sp_store_save_shift (f->store, shift, &error));
  g_assert_no_error (error);
  g_assert_true (sp_store_save_shift (f->store, again, &error));
  shifts = sp_store_list_shifts (f->store, SP_DATE_NONE, SP_DATE_NONE, 0, &error);
  g_assert_cmpuint (shifts->len, ==, 1);
  g_assert_cmpfloat (((SpShift *) shifts->pdata[0])->available_hours, ==, 6);

  m->operating_cost = 1234.5;
  m->customers_start = 100;
  m->customers_lost = 4;
  m->customers_new = 9;
  g_assert_true (sp_store_save_month_figures (f->store, m, &error));
  m->customers_lost = 5;
  g_assert_true (sp_store_save_month_figures (f->store, m, &error));
  mback = sp_store_load_month_figures (f->store, 2026, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mback->customers_lost, ==, 5);
  g_assert_cmpfloat (mback->operating_cost, ==, 1234.5);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM month_figures"), ==, 1);
}

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *at, *agent, *customer, *category; SpChannel ch; } rows[] = {
    { "2026-10-01 09:00", "Ana", "Bob", "Billing", SP_CHANNEL_PHONE },
    { "2026-10-02 09:00", "Ana", "Cy", "Returns", SP_CHANNEL_EMAIL },
    { "2026-10-03 09:00", "Ben", "Bob", "Billing", SP_CHANNEL_PHONE },
    { "2026-10-31 23:59", "Ben", NULL, NULL, SP_CHANNEL_CHAT },
    { "2026-11-01 00:00", "Ben", "Di", "Billing", SP_CHANNEL_SMS },
  };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) ids = NULL;
  SpContactFilter filter;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(SpContact) c = make_contact (rows[i].at, rows[i].agent, rows[i].customer,
                                             rows[i].category);
      c->channel = rows[i].ch;
      if (i == 1)
        c->resolved_at = sp_test_time ("2026-10-02 10:00");
      g_assert_true (sp_store_save_contact (f->store, c, NULL));
    }

  sp_contact_filter_init (&filter);
  filter.from = sp_test_date ("2026-10-01");
  filter.to = sp_test_date ("2026-10-31");
  g_assert_cmpint (sp_store_count_contacts (f->store, &filter, NULL), ==, 4);

  filter.channel = SP_CHANNEL_PHONE;
  g_assert_cmpint (sp_store_count_contacts (f->store, &filter, NULL), ==, 2);
  filter.channel = SP_CHANNEL_NONE;

  filter.category_id = -1;
  g_assert_cmpint (sp_store_count_contacts (f->store, &filter, NULL), ==, 1);
  filter.category_id = 0;

  filter.state = SP_CONTACT_STATE_RESOLVED;
  g_assert_cmpint (sp_store_count_contacts (f->store, &filter, NULL), ==, 1);
  filter.state = SP_CONTACT_STATE_OPEN;
  g_assert_cmpint (sp_store_count_contacts (f->store, &filter, NULL), ==, 3);
  filter.state = SP_CONTACT_STATE_ALL;

  filter.text = "bob";
  g_assert_cmpint (sp_store_count_contacts (f->store, &filter, NULL), ==, 2);
  filter.text = "50%";
  g_assert_cmpint (sp_store_count_contacts (f->store, &filter, NULL), ==, 0);
  filter.text = NULL;

  filter.repeats_only = TRUE;
  g_assert_cmpint (sp_store_count_contacts (f->store, &filter, NULL), ==, 1);
  filter.repeats_only = FALSE;

  list = sp_store_list_contacts (f->store, &filter, 1, 2, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((SpContact *) list->pdata[0])->received_at, ==,
                   sp_test_time ("2026-10-03 09:00"));

  filter.sort = SP_CONTACT_SORT_AGENT;
  filter.descending = FALSE;
  ids = sp_store_list_contact_ids (f->store, &filter, NULL);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, 3);
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, SP_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
test_refuses_foreign_files (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  g_autofree char *other = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize n_before, n_after;
  sqlite3 *db;

  if (sp_test_skip_on_server ("about the file: files that are not shops"))
    return;

  dir = sp_test_make_dir ();
  text = sp_test_write_file (dir, "notes.db", "hello, this is not SQLite\n");
  other = g_build_filename (dir, "other.db", NULL);
  newer = g_build_filename (dir, "newer.db", NULL);

  assert_open_fails (text, SP_ERROR_NOT_DATABASE, "is not a Service Pulse database");
  assert_open_fails (dir, SP_ERROR_NOT_DATABASE, "is a folder");

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "CREATE TABLE photos (id INTEGER)", NULL, NULL, NULL);
  sqlite3_close (db);
  assert_open_fails (other, SP_ERROR_NOT_DATABASE, "another program");

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "CREATE TABLE x (id INTEGER); PRAGMA user_version = 999", NULL, NULL, NULL);
  sqlite3_close (db);
  g_file_get_contents (newer, &before, &n_before, NULL);
  assert_open_fails (newer, SP_ERROR_TOO_NEW, "newer version");
  g_file_get_contents (newer, &after, &n_after, NULL);
  g_assert_cmpmem (before, n_before, after, n_after);

  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, sp_test_store_setup, func, sp_test_store_teardown)

  ADD ("/store/create", test_create);
  g_test_add_func ("/store/private-folder", test_default_folder_private);
  ADD ("/store/reopen", test_reopen_keeps_data);
  g_test_add_func ("/store/migrate-v1", test_migrate_old_file);
  g_test_add_func ("/store/migrate-empty-file", test_migrate_empty_file);
  ADD ("/store/constraints", test_constraints);
  ADD ("/store/new-shop-sla-targets", test_new_shop_sla_targets);
  ADD ("/store/validation-messages", test_validation_messages);
  ADD ("/store/contacts", test_contacts_crud);
  ADD ("/store/changed-once-per-commit", test_changed_once_per_commit);
  ADD ("/store/entities", test_entities);
  ADD ("/store/merge-topics", test_merge_topics_recomputes_repeats);
  ADD ("/store/repeat-flags", test_repeat_flags_follow_edits);
  ADD ("/store/surveys-shifts-months", test_surveys_shifts_months);
  ADD ("/store/list-filters", test_list_filters);
  g_test_add_func ("/store/refuses-foreign-files", test_refuses_foreign_files);

  return g_test_run ();
}
