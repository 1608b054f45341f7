/* sp-store-names.c
 *
 * The names of agents, customers and topics: finding, adding, listing,
 * completing, renaming, retiring and merging them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-error.h"
#include "sp-parse.h"
#include "sp-store-private.h"

#define FOR_ENTITY_TABLES(pre, post) { pre "agents" post, pre "customers" post, pre "categories" post }

static gboolean
check_kind (SpEntityKind kind)
{
  return kind >= 0 && kind < SP_N_ENTITY_KINDS;
}

gint64
sp_store_find_entity (SpStore      *self,
                      SpEntityKind  kind,
                      const char   *name)
{
  static const char * const sql[] = FOR_ENTITY_TABLES ("SELECT id FROM ", " WHERE name_key = ?1");
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), 0);
  g_return_val_if_fail (check_kind (kind), 0);

  if (sp_str_is_blank (name))
    return 0;

  stmt = sp_store_prepare (self, sql[kind], NULL);
  if (stmt == NULL)
    return 0;

  key = sp_name_key (name);
  sp_bind_text (stmt, 1, key);

  if (sp_store_step (self, stmt, NULL) != SP_STEP_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static gint64
ensure_entity_in_transaction (SpStore       *self,
                              SpEntityKind   kind,
                              const char    *name,
                              GError       **error)
{
  static const char * const sql[] =
    FOR_ENTITY_TABLES ("INSERT INTO ", " (name, name_key) VALUES (?1, ?2)");
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *key = NULL;
  gint64 id;

  if ((id = sp_store_find_entity (self, kind, name)) > 0)
    return id;

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is what is named: agent, customer or topic */
                   _("The %s name is not valid text."), sp_entity_kind_get_label (kind));
      return 0;
    }

  clean = sp_name_clean (name);
  key = sp_name_key (name);

  if (g_utf8_strlen (clean, -1) > 200)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: the first 40 characters of the name */
                   _("The name “%.40s…” is too long (at most 200 characters)."), clean);
      return 0;
    }

  stmt = sp_store_prepare (self, sql[kind], error);
  if (stmt == NULL)
    return 0;

  sp_bind_text (stmt, 1, clean);
  sp_bind_text (stmt, 2, key);

  if (!sp_store_run (self, stmt, error))
    return 0;

  sp_store_note_changes (self, SP_STORE_CHANGE_ENTITIES);
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * sp_store_ensure_entity:
 *
 * Returns the id of the agent, customer or topic called @name (matched
 * case-insensitively after trimming), creating it if needed.  A blank name
 * returns 0 without error: no customer, no topic.
 */
gint64
sp_store_ensure_entity (SpStore       *self,
                        SpEntityKind   kind,
                        const char    *name,
                        GError       **error)
{
  gint64 id;

  g_return_val_if_fail (SP_IS_STORE (self), 0);
  g_return_val_if_fail (check_kind (kind), 0);

  if (sp_str_is_blank (name))
    return 0;

  if ((id = sp_store_find_entity (self, kind, name)) > 0)
    return id;

  /* a transaction of its own (a savepoint inside another): a server's shop writes only in
   * one, and brings in first what other computers added */
  if (!sp_store_begin (self, error))
    return 0;

  id = ensure_entity_in_transaction (self, kind, name, error);
  if (id == 0)
    {
      sp_store_rollback (self);
      return 0;
    }

  return sp_store_commit (self, error) ? id : 0;
}

/* Uses @id when set, otherwise the entity called @name. */
gint64
sp_store_resolve_entity (SpStore       *self,
                         SpEntityKind   kind,
                         gint64         id,
                         const char    *name,
                         GError       **error)
{
  if (id > 0)
    return id;
  return sp_store_ensure_entity (self, kind, name, error);
}

static SpEntity *
entity_from_row (SpEntityKind  kind,
                 SpStmt       *stmt)
{
  SpEntity *entity = sp_entity_new (kind,
                                    sqlite3_column_int64 (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    sqlite3_column_int (stmt, 2));

  entity->email = sp_column_dup_text (stmt, 3);
  entity->phone = sp_column_dup_text (stmt, 4);

  return entity;
}

#define ENTITY_COLUMNS "SELECT id, name, active, "
#define CUSTOMER_EXTRA "email, phone FROM customers"
#define OTHER_EXTRA(table) "NULL, NULL FROM " table

SpEntity *
sp_store_load_entity (SpStore       *self,
                      SpEntityKind   kind,
                      gint64         id,
                      GError       **error)
{
  static const char * const sql[] = {
    ENTITY_COLUMNS OTHER_EXTRA ("agents") " WHERE id = ?1",
    ENTITY_COLUMNS CUSTOMER_EXTRA " WHERE id = ?1",
    ENTITY_COLUMNS OTHER_EXTRA ("categories") " WHERE id = ?1",
  };
  g_autoptr(SpStmt) stmt = NULL;
  SpStep step;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (check_kind (kind), NULL);

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  step = sp_store_step (self, stmt, error);

  if (step == SP_STEP_ROW)
    return entity_from_row (kind, stmt);

  if (step == SP_STEP_DONE)
    g_set_error (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                 /* TRANSLATORS: %s is what is named: agent, customer or topic */
                 _("This %s no longer exists."), sp_entity_kind_get_label (kind));
  return NULL;
}

static GPtrArray *
collect_entities (SpStore       *self,
                  SpEntityKind   kind,
                  SpStmt        *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) ar = g_ptr_array_new_with_free_func (g_object_unref);
  SpStep step;

  while ((step = sp_store_step (self, stmt, error)) == SP_STEP_ROW)
    g_ptr_array_add (ar, entity_from_row (kind, stmt));

  if (step == SP_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&ar);
}

GPtrArray *
sp_store_list_entities (SpStore       *self,
                        SpEntityKind   kind,
                        gboolean       include_inactive,
                        GError       **error)
{
  static const char * const sql[] = {
    ENTITY_COLUMNS OTHER_EXTRA ("agents")
      " WHERE active OR ?1 ORDER BY name_key",
    ENTITY_COLUMNS CUSTOMER_EXTRA
      " WHERE active OR ?1 ORDER BY name_key",
    ENTITY_COLUMNS OTHER_EXTRA ("categories")
      " WHERE active OR ?1 ORDER BY name_key",
  };
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (check_kind (kind), NULL);

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, include_inactive);
  return collect_entities (self, kind, stmt, error);
}

/* The same, each with how many contacts refer to it (SpEntity.n_contacts). */
GPtrArray *
sp_store_list_entities_with_counts (SpStore       *self,
                                    SpEntityKind   kind,
                                    gboolean       include_inactive,
                                    GError       **error)
{
  static const char * const sql[] = {
    ENTITY_COLUMNS OTHER_EXTRA ("agents")
      " WHERE active OR ?1 ORDER BY name_key",
    ENTITY_COLUMNS CUSTOMER_EXTRA
      " WHERE active OR ?1 ORDER BY name_key",
    ENTITY_COLUMNS OTHER_EXTRA ("categories")
      " WHERE active OR ?1 ORDER BY name_key",
  };
  static const char * const count_sql[] = {
    "SELECT count(*) FROM contacts WHERE agent_id = ?1",
    "SELECT count(*) FROM contacts WHERE customer_id = ?1",
    "SELECT count(*) FROM contacts WHERE category_id = ?1",
  };
  g_autoptr(GPtrArray) ar = NULL;
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (check_kind (kind), NULL);

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, include_inactive);
  if (!(ar = collect_entities (self, kind, stmt, error)))
    return NULL;

  for (guint i = 0; i < ar->len; i++)
    {
      SpEntity *entity = g_ptr_array_index (ar, i);
      g_autoptr(SpStmt) count = sp_store_prepare (self, count_sql[kind], error);

      if (count == NULL)
        return NULL;

      sqlite3_bind_int64 (count, 1, entity->id);
      if (sp_store_step (self, count, error) != SP_STEP_ROW)
        return NULL;

      entity->n_contacts = sqlite3_column_int64 (count, 0);
    }

  return g_steal_pointer (&ar);
}

/* Active names that start with @prefix (case-insensitively), for completion. */
GPtrArray *
sp_store_complete_entities (SpStore       *self,
                            SpEntityKind   kind,
                            const char    *prefix,
                            guint          limit,
                            GError       **error)
{
  static const char * const sql[] = {
    ENTITY_COLUMNS OTHER_EXTRA ("agents")
      " WHERE active AND name_key >= ?1 AND name_key < ?2 ORDER BY name_key LIMIT ?3",
    ENTITY_COLUMNS CUSTOMER_EXTRA
      " WHERE active AND name_key >= ?1 AND name_key < ?2 ORDER BY name_key LIMIT ?3",
    ENTITY_COLUMNS OTHER_EXTRA ("categories")
      " WHERE active AND name_key >= ?1 AND name_key < ?2 ORDER BY name_key LIMIT ?3",
  };
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (check_kind (kind), NULL);

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return NULL;

  key = sp_name_key (prefix ? prefix : "");
  /* every key that starts with @key sorts before @key + U+10FFFF */
  upper = g_strconcat (key, "\xf4\x8f\xbf\xbf", NULL);

  sp_bind_text (stmt, 1, key);
  sp_bind_text (stmt, 2, upper);
  sqlite3_bind_int (stmt, 3, limit > 0 ? (int) limit : 20);

  return collect_entities (self, kind, stmt, error);
}

/* Runs @stmt, which changes the agent, customer or topic it names */
static gboolean
run_entity_change (SpStore       *self,
                   SpEntityKind   kind,
                   SpStmt        *stmt,
                   GError       **error)
{
  /* TRANSLATORS: %s is what is named: agent, customer or topic */
  g_autofree char *missing = g_strdup_printf (_("This %s no longer exists."),
                                              sp_entity_kind_get_label (kind));

  /* a transaction of its own (a savepoint inside another): a server's shop writes only in one */
  if (!sp_store_begin (self, error))
    return FALSE;

  if (!sp_store_run_changing (self, stmt, missing, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  sp_store_note_changes (self, SP_STORE_CHANGE_ENTITIES);
  return sp_store_commit (self, error);
}

gboolean
sp_store_rename_entity (SpStore       *self,
                        SpEntityKind   kind,
                        gint64         id,
                        const char    *name,
                        GError       **error)
{
  static const char * const sql[] =
    FOR_ENTITY_TABLES ("UPDATE ", " SET name = ?2, name_key = ?3 WHERE id = ?1");
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *key = NULL;
  gint64 other;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (check_kind (kind), FALSE);

  if (sp_str_is_blank (name) || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Enter a name."));
      return FALSE;
    }

  clean = sp_name_clean (name);
  key = sp_name_key (name);

  other = sp_store_find_entity (self, kind, name);
  if (other > 0 && other != id)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_DUPLICATE,
                   /* TRANSLATORS: what is named (agent, customer or topic), then the name */
                   _("There is already a %s called “%s”."),
                   sp_entity_kind_get_label (kind), clean);
      return FALSE;
    }

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sp_bind_text (stmt, 2, clean);
  sp_bind_text (stmt, 3, key);

  return run_entity_change (self, kind, stmt, error);
}

gboolean
sp_store_set_entity_active (SpStore       *self,
                            SpEntityKind   kind,
                            gint64         id,
                            gboolean       active,
                            GError       **error)
{
  static const char * const sql[] =
    FOR_ENTITY_TABLES ("UPDATE ", " SET active = ?2 WHERE id = ?1");
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (check_kind (kind), FALSE);

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, !!active);

  return run_entity_change (self, kind, stmt, error);
}

gboolean
sp_store_set_customer_details (SpStore     *self,
                               gint64       id,
                               const char  *email,
                               const char  *phone,
                               GError     **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  stmt = sp_store_prepare (self, "UPDATE customers SET email = ?2, phone = ?3 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sp_bind_text (stmt, 2, sp_str_is_blank (email) ? NULL : email);
  sp_bind_text (stmt, 3, sp_str_is_blank (phone) ? NULL : phone);

  if (!sp_store_begin (self, error))
    return FALSE;

  if (!sp_store_run (self, stmt, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  sp_store_note_changes (self, SP_STORE_CHANGE_ENTITIES);
  return sp_store_commit (self, error);
}

static gboolean
run_with_ids (SpStore     *self,
              const char  *sql,
              gint64       from_id,
              gint64       into_id,
              GError     **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, into_id);
  return sp_store_run (self, stmt, error);
}

/**
 * sp_store_merge_entities:
 *
 * Moves every record of topic (or customer) @from_id to @into_id and
 * removes @from_id; a topic's goals follow it.  Repeats are recomputed,
 * since two topics that become one can turn contacts into repeats.
 */
gboolean
sp_store_merge_entities (SpStore       *self,
                         SpEntityKind   kind,
                         gint64         from_id,
                         gint64         into_id,
                         GError       **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (kind == SP_ENTITY_AGENT)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Agents can't be merged; rename or deactivate one instead."));
      return FALSE;
    }

  if (from_id == into_id)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Choose two different entries to merge."));
      return FALSE;
    }

  if (!sp_store_begin (self, error))
    return FALSE;

  if (kind == SP_ENTITY_CATEGORY)
    {
      if (!run_with_ids (self,
                         "INSERT OR IGNORE INTO temp.sp_marked (customer_id) "
                         "SELECT DISTINCT customer_id FROM contacts "
                         "WHERE category_id IN (?1, ?2) AND customer_id IS NOT NULL",
                         from_id, into_id, error) ||
          !run_with_ids (self, "UPDATE contacts SET category_id = ?2, revision = revision + 1"
                         " WHERE category_id = ?1",
                         from_id, into_id, error) ||
          !run_with_ids (self, "UPDATE surveys SET category_id = ?2, revision = revision + 1"
                         " WHERE category_id = ?1",
                         from_id, into_id, error) ||
          !run_with_ids (self, "UPDATE goals SET category_id = ?2 WHERE category_id = ?1",
                         from_id, into_id, error) ||
          !run_with_ids (self, "DELETE FROM categories WHERE id = ?1 AND ?2 IS NOT NULL",
                         from_id, into_id, error))
        goto failed;
    }
  else
    {
      if (!run_with_ids (self,
                         "INSERT OR IGNORE INTO temp.sp_marked (customer_id) VALUES (?2)",
                         from_id, into_id, error) ||
          !run_with_ids (self, "UPDATE contacts SET customer_id = ?2, revision = revision + 1"
                         " WHERE customer_id = ?1",
                         from_id, into_id, error) ||
          !run_with_ids (self, "UPDATE surveys SET customer_id = ?2, revision = revision + 1"
                         " WHERE customer_id = ?1",
                         from_id, into_id, error) ||
          !run_with_ids (self, "DELETE FROM customers WHERE id = ?1 AND ?2 IS NOT NULL",
                         from_id, into_id, error))
        goto failed;
    }

  if (!sp_store_refresh_marked (self, error))
    goto failed;

  sp_store_note_changes (self, SP_STORE_CHANGE_ENTITIES | SP_STORE_CHANGE_CONTACTS |
                               SP_STORE_CHANGE_SURVEYS |
                               (kind == SP_ENTITY_CATEGORY ? SP_STORE_CHANGE_GOALS : 0));
  return sp_store_commit (self, error);

failed:
  sp_store_rollback (self);
  return FALSE;
}
