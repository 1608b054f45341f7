/* test-privacy.c: private files, and forgetting a customer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sp-backup.h"
#include "sp-error.h"
#include "sp-privacy.h"
#include "sp-store-private.h"
#include "sp-test-util.h"

#define NAME  "Zoë Dupont"
#define EMAIL "zoe.dupont@example.org"
#define PHONE "+33 6 12 34 56 78"

static gint64
save_contact (SpStore    *store,
              const char *received,
              const char *customer,
              const char *category,
              const char *note,
              const char *reason)
{
  g_autoptr(SpContact) c = sp_contact_new ();
  g_autoptr(GError) error = NULL;

  c->received_at = sp_test_time (received);
  c->channel = SP_CHANNEL_PHONE;
  c->resolved_first_contact = TRUE;
  c->talk_min = 4;
  sp_contact_set_agent_name (c, "Ana");
  sp_contact_set_customer_name (c, customer);
  sp_contact_set_category_name (c, category);
  sp_contact_set_note (c, note);
  if (reason != NULL)
    {
      c->escalated = TRUE;
      c->escalated_at = c->received_at + 600;
      sp_contact_set_escalated_to (c, "Manager");
      sp_contact_set_escalation_reason (c, reason);
    }

  g_assert_true (sp_store_save_contact (store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

static void
save_survey (SpStore    *store,
             const char *answered,
             const char *customer,
             int         score,
             const char *comment)
{
  g_autoptr(SpSurvey) s = sp_survey_new ();
  g_autoptr(GError) error = NULL;

  s->answered_at = sp_test_time (answered);
  s->kind = SP_SURVEY_CSAT;
  s->score = score;
  sp_survey_set_customer_name (s, customer);
  sp_survey_set_comment (s, comment);
  g_assert_true (sp_store_save_survey (store, s, &error));
  g_assert_no_error (error);
}

static gint64
fill (SpStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  save_contact (store, "2026-10-01 09:00", NAME, "Billing",
                "Zoë Dupont asked about invoice 12; her email is " EMAIL, NULL);
  save_contact (store, "2026-10-03 09:00", NAME, "Billing", "Second call, same invoice",
                "Zoë insists on a refund, call " PHONE);
  save_contact (store, "2026-10-20 15:00", NAME, "Returns", NULL, NULL);
  /* other customers' notes that mention her, in other cases and spacing */
  save_contact (store, "2026-10-02 10:00", "Bob", "Billing",
                "Bob called for his neighbour ZOË DUPONT (" PHONE ").", NULL);
  save_contact (store, "2026-10-05 10:00", "Bob", "Billing",
                "Bob is a friend of zoë  dupont.", "Bob wants what Zoë Dupont got");
  save_contact (store, "2026-10-06 10:00", "Carla", "Returns", "Nothing about anyone", NULL);
  save_survey (store, "2026-10-02 12:00", NAME, 2, "Slow answer. Zoë D., " EMAIL);
  save_survey (store, "2026-10-21 12:00", NAME, 5, "Thanks!");
  save_survey (store, "2026-10-07 12:00", "Bob", 4, "Like Zoë Dupont said: fine.");
  save_survey (store, "2026-10-08 12:00", NULL, 3, NULL);

  id = sp_store_find_entity (store, SP_ENTITY_CUSTOMER, NAME);
  g_assert_cmpint (id, >, 0);
  g_assert_true (sp_store_set_customer_details (store, id, EMAIL, PHONE, &error));
  g_assert_no_error (error);
  return id;
}

/* What the KPIs are computed from, one line per record */
static char *
kpi_state (SpStore *store)
{
  static const char * const queries[] = {
    "SELECT group_concat(x, ';') FROM (SELECT id || ',' || received_at || ',' || channel || ',' "
    "|| agent_id || ',' || ifnull(customer_id, '-') || ',' || ifnull(category_id, '-') || ',' "
    "|| priority || ',' || ifnull(first_response_at, '-') || ',' || ifnull(resolved_at, '-') "
    "|| ',' || resolved_first_contact || ',' || escalated || ',' || ifnull(talk_min, '-') || ',' "
    "|| complaint || ',' || is_repeat || ',' || followed_up AS x FROM contacts ORDER BY id)",
    "SELECT group_concat(x, ';') FROM (SELECT id || ',' || answered_at || ',' || kind || ',' || "
    "score || ',' || ifnull(customer_id, '-') AS x FROM surveys ORDER BY id)",
    "SELECT group_concat(x, ';') FROM (SELECT contact_id || ',' || ifnull(escalated_at, '-') "
    "|| ',' || ifnull(resolved_at, '-') AS x FROM escalations ORDER BY contact_id)",
    "SELECT count(*) || ',' || count(DISTINCT name_key) FROM customers",
  };
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *part = sp_test_query_text (store, queries[i]);
      g_string_append_printf (str, "%s\n", part);
    }

  return g_string_free (str, FALSE);
}

/* Every text column of every table, as SQL sees it */
static guint
count_mentions (SpStore    *store,
                const char *needle)
{
  sqlite3 *db = sp_store_get_handle (store);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  guint found = 0;

  sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >=, 8);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"",
                                              (char *) g_ptr_array_index (tables, i));

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int col = 0; col < sqlite3_column_count (stmt); col++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, col);
              g_autofree char *folded = NULL;
              g_autofree char *folded_needle = g_utf8_casefold (needle, -1);

              if (text == NULL)
                continue;
              folded = g_utf8_casefold (text, -1);
              if (strstr (folded, folded_needle) != NULL)
                {
                  g_test_message ("%s.%s: %s", (char *) g_ptr_array_index (tables, i),
                                  sqlite3_column_name (stmt, col), text);
                  found++;
                }
            }
        }
      sqlite3_finalize (stmt);
    }

  return found;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
on_changed (SpStore *store,
            guint    changes,
            guint   *count)
{
  (*count)++;
}

static void
test_forget_customer (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autoptr(SpStore) store = sp_test_open_store (dir);
  /* the shop's file, or the copy on this computer of a server's shop */
  g_autofree char *path = g_strdup (sp_store_get_path (store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *old_copy = NULL;
  g_autoptr(SpEntity) forgotten = NULL;
  g_autoptr(SpEntity) bob = NULL;
  g_autofree char *bob_note = NULL;
  SpForgetSummary summary = { 0 };
  const char *needles[] = { NAME, "zoë dupont", EMAIL, PHONE };
  guint changed = 0;
  gint64 id;

  id = fill (store);
  old_copy = sp_backup_create (store, SP_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  before = kpi_state (store);
  g_assert_cmpuint (count_mentions (store, NAME), >, 0);

  g_assert_true (sp_store_count_customer_records (store, id, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.contacts, ==, 3);
  g_assert_cmpint (summary.surveys, ==, 2);
  /* Bob's two notes, his escalation reason and his survey comment */
  g_assert_cmpint (summary.mentions, ==, 4);

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &changed);
  g_assert_true (sp_store_forget_customer (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  /* the anonymous counts are the same: same records, same links, same repeats */
  after = kpi_state (store);
  g_assert_cmpstr (before, ==, after);

  forgotten = sp_store_load_entity (store, SP_ENTITY_CUSTOMER, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (forgotten->name, ==, "Forgotten customer 1");
  g_assert_null (forgotten->email);
  g_assert_null (forgotten->phone);
  g_assert_false (forgotten->active);
  g_assert_cmpint (sp_test_query_int (store, "SELECT forgotten FROM customers WHERE id = 1"), ==, 1);

  /* other people's notes keep their meaning */
  bob = sp_store_load_entity (store, SP_ENTITY_CUSTOMER,
                             sp_store_find_entity (store, SP_ENTITY_CUSTOMER, "Bob"), NULL);
  bob_note = sp_test_query_text (store, "SELECT note FROM contacts WHERE note LIKE 'Bob called%'");
  g_assert_cmpstr (bob_note, ==, "Bob called for his neighbour Forgotten customer 1 "
                                 "(Forgotten customer 1).");
  g_assert_nonnull (bob);

  /* the name, email and phone are nowhere: not in any column of any table… */
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    g_assert_cmpuint (count_mentions (store, needles[i]), ==, 0);

  /* …nor in the bytes of the file and its WAL */
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      if (file_contains (path, needles[i]) || file_contains (wal, needles[i]))
        g_error ("the file still holds “%s”", needles[i]);
    }

  /* a copy made before still does, until the owner deletes the copies */
  g_assert_true (file_contains (old_copy, NAME));
  g_assert_cmpuint (sp_backup_delete_all (path), ==, 1);
  g_assert_false (g_file_test (old_copy, G_FILE_TEST_EXISTS));

  /* forgetting twice says so */
  g_assert_false (sp_store_forget_customer (store, id, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sp_store_forget_customer (store, 999, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

static void
test_replace_mentions (void)
{
  static const struct {
    const char *text;
    const char *term;
    const char *result;
  } cases[] = {
    { "Ann called", "Ann", "X called" },
    { "Annabel called", "Ann", NULL },
    { "Joanne and ANN", "ann", "Joanne and X" },
    { "ann,ann.ann", "Ann", "X,X.X" },
    { "Zoë  Dupont", "zoë dupont", "X" },
    { "mail zoe@ex.org now", "zoe@ex.org", "mail X now" },
    { "mail mzoe@ex.org now", "zoe@ex.org", NULL },
    { "call +33 6 12 now", "+33 6 12", "call X now" },
    { "Straße", "STRASSE", "X" },
    { "nothing here", "Ann", NULL },
    { "", "Ann", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = sp_forget_replace_mentions (cases[i].text, cases[i].term, "X");

      if (g_strcmp0 (got, cases[i].result) != 0)
        g_error ("“%s” without “%s”: got “%s”, expected “%s”", cases[i].text, cases[i].term,
                 got, cases[i].result);
    }

  g_assert_null (sp_forget_replace_mentions ("a\xff\xfe", "a", "X"));
  g_assert_null (sp_forget_replace_mentions (NULL, "a", "X"));
}

static void
test_private_files (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *backups = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  /* a file the app creates is the user's alone (a server's shop: its copy on this computer) */
  store = sp_test_open_store (dir);
  path = g_strdup (sp_store_get_path (store));
  folder = g_path_get_dirname (path);
  backups = g_build_filename (folder, "backups", NULL);
  fill (store);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  copy = sp_backup_create (store, SP_BACKUP_DAILY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backups, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/privacy/forget-customer", test_forget_customer);
  g_test_add_func ("/privacy/replace-mentions", test_replace_mentions);
  g_test_add_func ("/privacy/private-files", test_private_files);

  return g_test_run ();
}
