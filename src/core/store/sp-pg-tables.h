/* sp-pg-tables.h
 *
 * The tables of a shop's records, as a server and a file both hold them:
 * for src/core/store only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "sp-pg-connection.h"
#include "sp-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *columns;
  const char *order;     /* the key both sides sort by */
  gboolean    identity;  /* an id the server numbers */
  gboolean    names;     /* part of SP_PG_COPY_NAMES */
  const char *select;    /* the rows in that order, written out */
  const char *load;      /* the rows in the order of the file's own key, to fill a file */
} SpPgTable;

/*
 * Settings that belong to this computer and login, not to the shop: the
 * agent and channel a new contact starts with, the columns an import
 * remembers, Undo, the second backup folder.  They stay in the copy and
 * never reach the server (where a staff login could not write them).
 */
#define LOCAL_SETTING(K) \
  "(" K " LIKE 'log.%' OR " K " LIKE 'import.%' OR " K " LIKE 'sp-undo-%' OR " \
  K " LIKE 'backup-%' OR " K " LIKE 'sample.%' OR " K " = 'restored-at')"

/* The settings of the shop, which every computer shares, in key order */
#define SP_PG_SHARED_SETTINGS \
  "SELECT key, value FROM settings WHERE NOT " LOCAL_SETTING ("key") " ORDER BY key"

#define SP_PG_N_RECORD_TABLES 16

/* In the order their references need (sp-pg-copy.c) */
extern const SpPgTable sp_pg_record_tables[SP_PG_N_RECORD_TABLES];

/* Binds the value of @column in the first row of @row to @index of @stmt */
void sp_pg_bind_value (sqlite3_stmt   *stmt,
                       int             index,
                       const PGresult *row,
                       int             column);

char    *sp_pg_dup_column_text (sqlite3_stmt *stmt,
                                int           column);
gboolean sp_pg_insert_rows (SpPgConnection   *conn,
                            SpStore          *store,
                            const SpPgTable  *table,
                            SpStmt           *stmt,
                            GError          **error);

G_END_DECLS
