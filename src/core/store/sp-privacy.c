/* sp-privacy.c
 *
 * Forgetting a customer (the owner's answer to "please delete my data"):
 * what identifies the person goes, the anonymous counts stay.
 *
 * - The customer keeps its id, so their contacts still count as theirs for
 *   repeats and first contact resolution, but the name becomes a neutral
 *   "Forgotten customer 12", and the email and phone are erased.
 * - The free text of their records is erased: the notes of their contacts,
 *   the reasons of those contacts' escalations, the comments of their
 *   survey answers.
 * - Other records' free text that mentions them (their full name, email or
 *   phone, as a whole word, in any case) gets the neutral name instead.
 * - The file is then vacuumed and its WAL emptied, so that the old text is
 *   not left in free pages either.
 *
 * Copies in the backups folder are not changed; sp_backup_replace_all()
 * replaces them with one new copy when the owner asks.  While another
 * program still reads the old pages they stay in the file, and
 * sp_store_erase_old_pages() says so; it finishes the job later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-privacy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-error.h"
#include "sp-parse.h"
#include "sp-privacy.h"
#include "sp-store-private.h"

typedef struct
{
  char *terms[3];       /* name, email, phone */
  char *replacement;
} Scrub;

/* Free text that can name a person, outside the person's own records: how
 * many rows mention the customer (?1), and how to scrub them */
#define OTHERS_TEXT(table, column, others, also) \
  { "SELECT count(*) FROM " table " WHERE " column " IS NOT sp_forget_scrub(" column ") " \
    "AND " others, \
    "UPDATE " table " SET " column " = sp_forget_scrub(" column ")" also " " \
    "WHERE " column " IS NOT sp_forget_scrub(" column ")" }
/* a person's change: a form still open on the record does not put the mention back unasked */
#define NEW_REVISION ", revision = revision + 1"
#define NOT_THEIRS "customer_id IS NOT ?1"
#define NOT_THEIR_CONTACTS "contact_id NOT IN (SELECT id FROM contacts WHERE customer_id = ?1)"

static const struct
{
  const char *count_sql;
  const char *scrub_sql;
} free_text[] = {
  OTHERS_TEXT ("contacts", "note", NOT_THEIRS, NEW_REVISION),
  OTHERS_TEXT ("surveys", "comment", NOT_THEIRS, NEW_REVISION),
  OTHERS_TEXT ("escalations", "reason", NOT_THEIR_CONTACTS, ""),
  OTHERS_TEXT ("escalations", "escalated_to", NOT_THEIR_CONTACTS, ""),
};

#undef OTHERS_TEXT
#undef NOT_THEIRS
#undef NOT_THEIR_CONTACTS
#undef NEW_REVISION

static gboolean
is_word_char (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  return g_unichar_isalnum (c) || c == '_' || c == '@';
}

/**
 * sp_forget_replace_mentions:
 *
 * Replaces each mention of @term in @text, as a whole word and ignoring
 * case and spacing differences, with @replacement.
 *
 * Returns: (nullable): the new text, or %NULL when @text does not mention @term
 */
char *
sp_forget_replace_mentions (const char *text,
                            const char *term,
                            const char *replacement)
{
  g_autofree char *key = NULL;
  g_autofree char *text_key = NULL;
  g_autoptr(GString) out = NULL;
  gboolean starts_word, ends_word;
  glong longest;
  gboolean found = FALSE;
  const char *p;

  if (text == NULL || sp_str_is_blank (term) || !g_utf8_validate (text, -1, NULL))
    return NULL;

  key = sp_name_key (term);
  text_key = sp_name_key (text);

  /* the quick answer for almost every text */
  if (*key == '\0' || strstr (text_key, key) == NULL)
    return NULL;

  starts_word = is_word_char (key);
  ends_word = is_word_char (g_utf8_prev_char (key + strlen (key)));
  /* case folding and runs of spaces can make the text longer than the term */
  longest = g_utf8_strlen (key, -1) + 8;

  out = g_string_new (NULL);
  p = text;

  while (*p != '\0')
    {
      const char *end = p;

      /* keys ignore spaces at the ends, so a mention can't start or end with one */
      if (!g_unichar_isspace (g_utf8_get_char (p)) &&
          (!starts_word || p == text || !is_word_char (g_utf8_prev_char (p))))
        {
          for (glong n = 1; n <= longest && *end != '\0'; n++)
            {
              g_autofree char *candidate = NULL;
              g_autofree char *candidate_key = NULL;

              end = g_utf8_next_char (end);
              candidate = g_strndup (p, end - p);
              candidate_key = sp_name_key (candidate);

              if (!g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))) &&
                  g_str_equal (candidate_key, key) &&
                  (!ends_word || *end == '\0' || !is_word_char (end)))
                {
                  g_string_append (out, replacement);
                  p = end;
                  found = TRUE;
                  break;
                }
            }

          if (p == end)
            continue;
        }

      g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return found ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static char *
scrub_text (const Scrub *scrub,
            const char  *text)
{
  g_autofree char *current = g_strdup (text);
  gboolean changed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (scrub->terms); i++)
    {
      char *next;

      if (scrub->terms[i] == NULL || g_utf8_strlen (scrub->terms[i], -1) < 3)
        continue;

      next = sp_forget_replace_mentions (current, scrub->terms[i], scrub->replacement);
      if (next != NULL)
        {
          g_free (current);
          current = next;
          changed = TRUE;
        }
    }

  return changed ? g_steal_pointer (&current) : NULL;
}

/* sp_forget_scrub(text): the text without mentions of the customer */
static void
scrub_function (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const Scrub *scrub = sqlite3_user_data (context);
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  g_autofree char *result = NULL;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  result = scrub_text (scrub, text);
  if (result == NULL)
    sqlite3_result_value (context, argv[0]);
  else
    sqlite3_result_text (context, g_steal_pointer (&result), -1, g_free);
}

static void
scrub_clear (Scrub *scrub)
{
  for (guint i = 0; i < G_N_ELEMENTS (scrub->terms); i++)
    g_clear_pointer (&scrub->terms[i], g_free);
  g_clear_pointer (&scrub->replacement, g_free);
}

static gboolean
scrub_setup (SpStore  *store,
             gint64    customer_id,
             Scrub    *scrub,
             GError  **error)
{
  g_autoptr(SpEntity) customer = sp_store_load_entity (store, SP_ENTITY_CUSTOMER, customer_id,
                                                      error);
  g_autoptr(SpStmt) stmt = NULL;

  if (customer == NULL)
    return FALSE;

  stmt = sp_store_prepare (store, "SELECT forgotten FROM customers WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sp_store_step (store, stmt, error) != SP_STEP_ROW)
    return FALSE;

  if (sqlite3_column_int (stmt, 0))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is the customer's name */
                   _("“%s” has already been forgotten."), customer->name);
      return FALSE;
    }

  scrub->terms[0] = g_strdup (customer->name);
  scrub->terms[1] = g_strdup (customer->email);
  scrub->terms[2] = g_strdup (customer->phone);
  /* TRANSLATORS: the name that replaces a forgotten customer's; %d is a number */
  scrub->replacement = g_strdup_printf (_("Forgotten customer %d"), (int) customer_id);

  if (sqlite3_create_function_v2 (sp_store_get_handle (store), "sp_forget_scrub", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC, scrub, scrub_function,
                                  NULL, NULL, NULL) != SQLITE_OK)
    {
      sp_store_set_error (store, sqlite3_errcode (sp_store_get_handle (store)), error);
      return FALSE;
    }

  return TRUE;
}

static void
scrub_teardown (SpStore *store,
                Scrub   *scrub)
{
  sqlite3_create_function_v2 (sp_store_get_handle (store), "sp_forget_scrub", 1, SQLITE_UTF8,
                              NULL, NULL, NULL, NULL, NULL);
  scrub_clear (scrub);
}

static gint64
count_where (SpStore     *store,
             const char  *sql,
             gint64       customer_id,
             GError     **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare_uncached (store, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sp_store_step (store, stmt, error) == SP_STEP_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (g_steal_pointer (&stmt));
  return n;
}

/**
 * sp_store_count_customer_records:
 *
 * Counts what sp_store_forget_customer() would change, for a confirmation.
 */
gboolean
sp_store_count_customer_records (SpStore          *store,
                                 gint64            customer_id,
                                 SpForgetSummary  *summary,
                                 GError          **error)
{
  Scrub scrub = { { NULL } };
  SpForgetSummary s = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  if (!scrub_setup (store, customer_id, &scrub, error))
    goto out;

  s.contacts = count_where (store, "SELECT count(*) FROM contacts WHERE customer_id = ?1",
                            customer_id, error);
  s.surveys = count_where (store, "SELECT count(*) FROM surveys WHERE customer_id = ?1",
                           customer_id, error);
  if (s.contacts < 0 || s.surveys < 0)
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (free_text); i++)
    {
      gint64 n = count_where (store, free_text[i].count_sql, customer_id, error);

      if (n < 0)
        goto out;
      s.mentions += n;
    }

  *summary = s;
  ok = TRUE;

out:
  scrub_teardown (store, &scrub);
  return ok;
}

static gboolean
run_for_customer (SpStore     *store,
                  const char  *sql,
                  gint64       customer_id,
                  GError     **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare_uncached (store, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  ok = sp_store_run (store, stmt, error);
  sqlite3_finalize (g_steal_pointer (&stmt));
  return ok;
}

static gboolean
forget_in_transaction (SpStore      *store,
                       gint64        customer_id,
                       const Scrub  *scrub,
                       GError      **error)
{
  g_autofree char *key = sp_name_key (scrub->replacement);
  g_autoptr(SpStmt) stmt = NULL;

  /* their own records: the free text goes entirely */
  if (!run_for_customer (store, "UPDATE escalations SET reason = NULL WHERE contact_id IN "
                                "(SELECT id FROM contacts WHERE customer_id = ?1)",
                         customer_id, error) ||
      /* a person's change: a form still open on one does not put the text back unasked */
      !run_for_customer (store, "UPDATE contacts SET note = NULL, revision = revision + 1"
                                " WHERE customer_id = ?1",
                         customer_id, error) ||
      !run_for_customer (store, "UPDATE surveys SET comment = NULL, revision = revision + 1"
                                " WHERE customer_id = ?1",
                         customer_id, error))
    return FALSE;

  /* everybody else's: mentions of them; an escalation is part of its contact, whose form is
   * told of the change as of one of its own fields */
  if (!run_for_customer (store, "UPDATE contacts SET revision = revision + 1"
                                " WHERE id IN (SELECT contact_id FROM escalations"
                                "  WHERE reason IS NOT sp_forget_scrub(reason)"
                                "   OR escalated_to IS NOT sp_forget_scrub(escalated_to))"
                                " AND customer_id IS NOT ?1",
                         customer_id, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (free_text); i++)
    {
      if (!run_for_customer (store, free_text[i].scrub_sql, customer_id, error))
        return FALSE;
    }

  stmt = sp_store_prepare_uncached (store,
                                    "UPDATE customers SET name = ?2, name_key = ?3, "
                                    "email = NULL, phone = NULL, forgotten = 1, active = 0 "
                                    "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sp_bind_text (stmt, 2, scrub->replacement);
  sp_bind_text (stmt, 3, key);
  if (!sp_store_run (store, stmt, error))
    {
      sqlite3_finalize (g_steal_pointer (&stmt));
      return FALSE;
    }
  sqlite3_finalize (g_steal_pointer (&stmt));

  sp_store_note_changes (store, SP_STORE_CHANGE_ENTITIES | SP_STORE_CHANGE_CONTACTS |
                                SP_STORE_CHANGE_SURVEYS);
  return TRUE;
}

/* Runs a checkpoint; *busy when a reader still holds pages it could not
 * copy back: (busy, frames in the WAL, frames copied back) */
static gboolean
checkpoint (SpStore     *store,
            const char  *sql,
            gboolean    *busy,
            GError     **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare_uncached (store, sql, error);
  SpStep step;

  if (stmt == NULL)
    return FALSE;

  step = sp_store_step (store, stmt, error);
  if (step == SP_STEP_ROW)
    *busy = sqlite3_column_int (stmt, 0) != 0 ||
            sqlite3_column_int (stmt, 2) < sqlite3_column_int (stmt, 1);
  sqlite3_finalize (g_steal_pointer (&stmt));

  return step == SP_STEP_ROW;
}

static gboolean
erase_old_pages (SpStore   *store,
                 gboolean   vacuum,
                 GError   **error)
{
  gboolean busy = FALSE;

  if (vacuum && !sp_store_exec (store, "VACUUM", error))
    return FALSE;

  /* Without a new vacuum, a reader that still holds the pages is found
   * at once, without waiting for it as the full checkpoint does; then the
   * WAL is emptied, so that none of its old pages stays in it */
  if ((!vacuum && !checkpoint (store, "PRAGMA wal_checkpoint(PASSIVE)", &busy, error)) ||
      (!busy && !checkpoint (store, "PRAGMA wal_checkpoint(TRUNCATE)", &busy, error)))
    return FALSE;

  if (busy)
    {
      g_autofree char *display = g_filename_display_basename (sp_store_get_path (store));

      g_set_error (error, SP_ERROR, SP_ERROR_BUSY,
                   /* TRANSLATORS: %s is the database file */
                   _("Another program still has “%s” open, so the old text stays in unused "
                     "parts of the file until that program closes it."), display);
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_store_erase_old_pages:
 * @vacuum: rebuild the file first, as forgetting does
 *
 * Makes sure that what was erased is in no part of the file: not in its
 * free pages, not in its WAL.  Fails with %SP_ERROR_BUSY while another
 * connection still reads the old pages; run it again once it has closed.
 */
gboolean
sp_store_erase_old_pages (SpStore   *store,
                          gboolean   vacuum,
                          GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!sp_store_exec (store, "PRAGMA secure_delete = ON", error))
    return FALSE;
  ok = erase_old_pages (store, vacuum, error);
  sp_store_exec (store, "PRAGMA secure_delete = OFF", NULL);

  return ok;
}

/**
 * sp_store_forget_customer:
 *
 * Erases the customer's name, email and phone and the free text of their
 * records, and mentions of them in other records, while keeping every
 * record and its link to the (now anonymous) customer, so that counts,
 * repeats and first contact resolution do not change.  One transaction;
 * then the file is vacuumed so that the erased text does not linger.
 */
gboolean
sp_store_forget_customer (SpStore  *store,
                          gint64    customer_id,
                          GError  **error)
{
  Scrub scrub = { { NULL } };
  g_autoptr(GError) local_error = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (!scrub_setup (store, customer_id, &scrub, error))
    goto out;

  /* overwrite what is deleted instead of leaving it in free space */
  if (!sp_store_exec (store, "PRAGMA secure_delete = ON", error))
    goto out;

  if (!sp_store_begin (store, error))
    goto out;

  if (!forget_in_transaction (store, customer_id, &scrub, error))
    {
      sp_store_rollback (store);
      goto out;
    }

  if (!sp_store_commit (store, error))
    goto out;

  ok = TRUE;

  /* the old text may still be in free pages and in the WAL */
  if (!erase_old_pages (store, TRUE, &local_error))
    g_message ("The forgotten customer's old text may remain in unused parts of %s until the "
               "next cleanup: %s", sp_store_get_path (store), local_error->message);

out:
  sp_store_exec (store, "PRAGMA secure_delete = OFF", NULL);
  scrub_teardown (store, &scrub);
  return ok;
}
