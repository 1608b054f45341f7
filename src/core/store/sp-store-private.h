/* sp-store-private.h
 *
 * For src/core only: the connection and statement helpers that the KPI
 * engine, the importers and the exporters build on.  Nothing outside the
 * core may include this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sp-hours.h"
#include "sp-store.h"

G_BEGIN_DECLS

struct _SpStore
{
  GObject          parent_instance;

  sqlite3         *db;
  char            *path;
  GHashTable      *statements;   /* const char *sql → sqlite3_stmt* */
  guint            depth;        /* nesting of sp_store_begin() */
  SpStoreChanges   pending;      /* changes to announce at the outer commit */
  int              version;
  guint            read_only : 1;
  guint            in_memory : 1;    /* a reader's updated copy of an older file */
  SpHours         *hours;        /* cached opening hours (sp-store-hours.c) */
  guint            hours_data_version;
  gint64           outside_version;  /* PRAGMA data_version at the last check */
  char            *restored_at;      /* the last restore seen (sp_store_mark_restored) */
  guint            outside_hold;     /* writes of our own other connection under way */
  guint            outside_known : 1;
  GObject         *replica;          /* SpPgReplica: the file is a copy of a server's shop */
  char            *display_name;     /* the server's shop, as messages name it */
  guint            replica_quiet : 1; /* a transaction of the file alone (sp_store_begin_local) */
};

/* The migration that adds opening hours and business durations */
#define SP_STORE_HOURS_MIGRATION 6
/* The migration that keeps the SLA targets in a table the triggers read */
#define SP_STORE_SLA_MIGRATION 7
/* The migration that adds the revision a save checks */
#define SP_STORE_REVISION_MIGRATION 8

/* A cached statement, reset and unbound when it goes out of scope. */
typedef sqlite3_stmt SpStmt;

static inline void
sp_stmt_release (SpStmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpStmt, sp_stmt_release)

/* Writes @record, adding it when @insert, otherwise updating it. */
typedef gboolean (*SpWriteFunc) (SpStore   *self,
                                 gpointer   record,
                                 gboolean   insert,
                                 GError   **error);

/*
 * How a save writes a record: a new one; a person's edit of the revision
 * they read (refused with %SP_ERROR_CHANGED when someone else saved it
 * since); an edit saved over whatever is there; a deleted record put back.
 */
typedef enum
{
  SP_SAVE_NEW,
  SP_SAVE_CHECKED,
  SP_SAVE_OVER,
  SP_SAVE_UNDELETE,
} SpSaveMode;

/* Builds the record of the row @stmt stands on. */
typedef gpointer (*SpRowFunc) (SpStmt *stmt);

/* Takes one chunk of a file's bytes; FALSE stops the reading. */
typedef gboolean (*SpReadChunkFunc) (const char *data,
                                     gsize       length,
                                     gpointer    user_data);

int        sp_sqlite_check_header     (sqlite3         *db);
int        sp_sqlite_read_file        (sqlite3         *db,
                                       SpReadChunkFunc  func,
                                       gpointer         user_data);

sqlite3   *sp_store_get_handle        (SpStore      *self);

/* The copy of a server's shop (sp-store-server.c) */
void       sp_store_set_replica       (SpStore      *self,
                                       GObject      *replica,
                                       const char   *display_name);
gboolean   sp_store_begin_local       (SpStore      *self,
                                       GError      **error);
gboolean   sp_store_server_prepare    (SpStore      *self,
                                       GError      **error);
gboolean   sp_store_server_begin      (SpStore      *self,
                                       GError      **error);
gboolean   sp_store_server_commit     (SpStore      *self,
                                       GError      **error);
void       sp_store_server_rollback   (SpStore      *self);
SpStoreOutside sp_store_server_poll   (SpStore      *self,
                                       GError      **error);
SpStmt    *sp_store_prepare           (SpStore      *self,
                                       const char   *sql,
                                       GError      **error);
SpStmt    *sp_store_prepare_uncached  (SpStore      *self,
                                       const char   *sql,
                                       GError      **error);
SpStep     sp_store_step              (SpStore      *self,
                                       SpStmt       *stmt,
                                       GError      **error);
gboolean   sp_store_run               (SpStore      *self,
                                       SpStmt       *stmt,
                                       GError      **error);
gboolean   sp_store_run_changing      (SpStore      *self,
                                       SpStmt       *stmt,
                                       const char   *missing,
                                       GError      **error);
gboolean   sp_store_run_returning_id  (SpStore      *self,
                                       SpStmt       *stmt,
                                       gint64       *id,
                                       const char   *missing,
                                       GError      **error);
gboolean   sp_store_run_revised       (SpStore      *self,
                                       SpStmt       *stmt,
                                       const char   *exists_sql,
                                       gint64       *id,
                                       gint64       *revision,
                                       const char   *missing,
                                       const char   *changed,
                                       GError      **error);
gboolean   sp_store_delete_by_id      (SpStore      *self,
                                       const char   *sql,
                                       gint64        id,
                                       SpStoreChanges changes,
                                       const char   *missing,
                                       GError      **error);
gboolean   sp_store_scan_ids          (SpStore      *self,
                                       SpStmt       *stmt,
                                       SpIdsFunc     func,
                                       gpointer      user_data,
                                       GError      **error);
gpointer   sp_store_read_row          (SpStore      *self,
                                       SpStmt       *stmt,
                                       SpRowFunc     from_row,
                                       const char   *missing,
                                       GError      **error);
GPtrArray *sp_store_collect_rows      (SpStore      *self,
                                       SpStmt       *stmt,
                                       SpRowFunc     from_row,
                                       GDestroyNotify free_func,
                                       GError      **error);
GPtrArray *sp_store_collect_rows_by_id (SpStore     *self,
                                       SpStmt       *stmt,
                                       const gint64 *ids,
                                       guint         n_ids,
                                       SpRowFunc     from_row,
                                       GDestroyNotify free_func,
                                       GError      **error);
gboolean   sp_store_append_ids        (const gint64 *ids,
                                       guint         n_ids,
                                       gpointer      user_data);
gboolean   sp_store_write_in_transaction (SpStore    *self,
                                          SpWriteFunc write,
                                          gpointer    record,
                                          gboolean    insert,
                                          GError    **error);
gboolean   sp_store_exec              (SpStore      *self,
                                       const char   *sql,
                                       GError      **error);
void       sp_store_set_error         (SpStore      *self,
                                       int           rc,
                                       GError      **error);
void       sp_store_note_changes      (SpStore      *self,
                                       SpStoreChanges changes);
gint64     sp_store_resolve_entity    (SpStore      *self,
                                       SpEntityKind  kind,
                                       gint64        id,
                                       const char   *name,
                                       GError      **error);
gboolean   sp_store_mark_customer     (SpStore      *self,
                                       gint64        customer_id,
                                       GError      **error);
gboolean   sp_store_refresh_marked    (SpStore      *self,
                                       GError      **error);

void       sp_bind_text               (SpStmt       *stmt,
                                       int           index,
                                       const char   *value);
void       sp_bind_time               (SpStmt       *stmt,
                                       int           index,
                                       SpTime        value);
void       sp_bind_double             (SpStmt       *stmt,
                                       int           index,
                                       double        value);
void       sp_bind_id                 (SpStmt       *stmt,
                                       int           index,
                                       gint64        value);
SpTime     sp_column_time             (SpStmt       *stmt,
                                       int           index);
SpDate     sp_column_date             (SpStmt       *stmt,
                                       int           index);
double     sp_column_double           (SpStmt       *stmt,
                                       int           index);
char      *sp_column_dup_text         (SpStmt       *stmt,
                                       int           index);

gboolean   sp_store_insert_contact_unlocked (SpStore    *self,
                                             SpContact  *contact,
                                             GError    **error);
gboolean   sp_store_insert_survey_unlocked  (SpStore    *self,
                                             SpSurvey   *survey,
                                             GError    **error);
gboolean   sp_store_insert_shift_unlocked   (SpStore    *self,
                                             SpShift    *shift,
                                             GError    **error);
gboolean   sp_store_insert_month_unlocked   (SpStore        *self,
                                             SpMonthFigures *figures,
                                             GError        **error);
char      *sp_like_pattern            (const char   *text);

gboolean   sp_store_migrate           (SpStore      *self,
                                       GError      **error);
gboolean   sp_store_rebuild_contact_totals_from (SpStore *self,
                                                 SpDate   from,
                                                 GError **error);
gboolean   sp_store_rebuild_kpi_days  (SpStore      *self,
                                       GError      **error);
gboolean   sp_store_suspend_totals    (SpStore      *self,
                                       GPtrArray   **triggers,
                                       GError      **error);
gboolean   sp_store_resume_totals     (SpStore      *self,
                                       GPtrArray    *triggers,
                                       GError      **error);
gboolean   sp_store_suspend_indexes   (SpStore      *self,
                                       GPtrArray   **indexes,
                                       GError      **error);
gboolean   sp_store_resume_indexes    (SpStore      *self,
                                       GPtrArray    *indexes,
                                       GError      **error);
gboolean   sp_store_rebuild_totals    (SpStore      *self,
                                       GError      **error);
gboolean   sp_store_check_schema      (SpStore      *self,
                                       GError      **error);
gboolean   sp_store_fill_sla_targets  (SpStore      *self,
                                       GError      **error);
void       sp_store_set_test_migration (const char  *sql);
/* For tests: the text of data/benchmarks.ini as if it had been edited (NULL: as shipped) */
void       sp_store_set_default_sla_targets (const char *benchmarks_ini);
const char *sp_store_get_migration_sql (int          version);

/* Opening hours (sp-store-hours.c) */
SpHours   *sp_store_peek_hours        (SpStore      *self,
                                       GError      **error);
void       sp_store_contact_open_times (SpHours     *hours,
                                        SpTime       received_at,
                                        SpTime       first_response_at,
                                        SpTime       resolved_at,
                                        gint64      *fr_open,
                                        gint64      *res_open);

G_END_DECLS
