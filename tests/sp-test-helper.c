/* sp-test-helper.c: a second program for the tests that need one
 *
 *   sp-test-helper open DB [verify]   open the database, print "ok" or "error CODE\nMESSAGE"
 *   sp-test-helper save DB            open it and save one contact, print the same
 *   sp-test-helper lock DB [exclusive]
 *                                     hold the write lock (with "exclusive": the
 *                                     whole file) until standard input closes
 *   sp-test-helper write DB SEED      save records one transaction at a time, for
 *                                     ever, printing each once it is committed
 *   sp-test-helper read DB            hold a read transaction (the pages as they are
 *                                     now) until standard input closes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-error.h"
#include "sp-import.h"
#include "sp-store.h"

static int
report (GError *error)
{
  if (error == NULL)
    printf ("ok\n");
  else
    printf ("error %d\n%s\n", error->code, error->message);
  return 0;
}

static int
run_open (const char *path,
          gboolean    verify,
          gboolean    save)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;

  store = sp_store_open (path, verify ? SP_STORE_OPEN_VERIFY : SP_STORE_OPEN_DEFAULT, &error);

  if (store != NULL && save)
    {
      g_autoptr(SpContact) c = sp_contact_new ();

      c->received_at = sp_time_now ();
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, "Helper");
      sp_store_save_contact (store, c, &error);
    }

  return report (error);
}

static int
run_lock (const char *path,
          gboolean    exclusive)
{
  sqlite3 *db = NULL;
  char buf[64];

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    return 1;

  if (exclusive && sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL))
    return 1;

  if (sqlite3_exec (db, "BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL))
    return 1;

  printf ("locked\n");
  fflush (stdout);

  while (fgets (buf, sizeof buf, stdin) != NULL)
    ;

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}

static int
run_reader (const char *path)
{
  sqlite3 *db = NULL;
  char buf[64];

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return 1;

  if (sqlite3_exec (db, "BEGIN; SELECT count(*) FROM contacts", NULL, NULL, NULL))
    return 1;

  printf ("reading\n");
  fflush (stdout);

  while (fgets (buf, sizeof buf, stdin) != NULL)
    ;

  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}

/* Never returns: the crash test kills it. */
static int
run_writer (const char *path,
            const char *seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (seed, NULL, 10));
  SpTime base = sp_time_from_ymdhms (2026, 1, 1, 8, 0, 0);

  setvbuf (stdout, NULL, _IOLBF, 0);

  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  for (guint i = 0;; i++)
    {
      int what = g_rand_int_range (rand, 0, 100);
      SpTime at = base + g_rand_int_range (rand, 0, 365 * 24 * 60) * 60;

      if (what < 70)
        {
          g_autoptr(SpContact) c = sp_contact_new ();
          g_autofree char *note = g_strdup_printf ("w%s-%u", seed, i);

          c->received_at = at;
          c->channel = g_rand_int_range (rand, 0, SP_N_CHANNELS);
          sp_contact_set_agent_name (c, "Ana");
          if (g_rand_boolean (rand))
            {
              g_autofree char *customer = g_strdup_printf ("Customer %d",
                                                           g_rand_int_range (rand, 0, 50));
              sp_contact_set_customer_name (c, customer);
            }
          sp_contact_set_note (c, note);

          if (!sp_store_save_contact (store, c, &error))
            break;
          printf ("c %" G_GINT64_FORMAT "\n", c->id);
        }
      else if (what < 85)
        {
          g_autoptr(SpSurvey) s = sp_survey_new ();

          s->answered_at = at;
          s->kind = SP_SURVEY_CSAT;
          s->score = g_rand_int_range (rand, 1, 6);
          if (!sp_store_save_survey (store, s, &error))
            break;
          printf ("s %" G_GINT64_FORMAT "\n", s->id);
        }
      else if (what < 98)
        {
          /* an import is one transaction: all five rows or none */
          g_autoptr(GString) csv = g_string_new ("received_at,channel,agent,note\n");
          g_autofree char *marker = g_strdup_printf ("b%s-%u", seed, i);
          g_autofree char *when = sp_time_format_iso (at);
          guint n = 0;

          for (int k = 0; k < 5; k++)
            g_string_append_printf (csv, "%s,chat,Ben,%s-%d\n", when, marker, k);

          if (!sp_import_data (store, SP_IMPORT_CONTACTS, "batch.csv", csv->str, csv->len, &n,
                               &error))
            break;
          printf ("b %s %u\n", marker, n);
        }
      else
        {
          g_autofree char *copy = sp_backup_create (store, SP_BACKUP_MANUAL, &error);

          if (copy == NULL)
            break;
          printf ("k %s\n", copy);
        }
    }

  fprintf (stderr, "%s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 3 && g_str_equal (argv[1], "open"))
    return run_open (argv[2], argc > 3 && g_str_equal (argv[3], "verify"), FALSE);
  if (argc >= 3 && g_str_equal (argv[1], "save"))
    return run_open (argv[2], FALSE, TRUE);
  if (argc >= 3 && g_str_equal (argv[1], "lock"))
    return run_lock (argv[2], argc > 3 && g_str_equal (argv[3], "exclusive"));
  if (argc == 4 && g_str_equal (argv[1], "write"))
    return run_writer (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "read"))
    return run_reader (argv[2]);

  fprintf (stderr, "usage: sp-test-helper open|save|lock|write|read DB [...]\n");
  return 2;
}
