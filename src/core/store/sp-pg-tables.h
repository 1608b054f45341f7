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

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *columns;
  const char *order;     /* the key both sides sort by */
  gboolean    identity;  /* an id the server numbers */
  gboolean    names;     /* part of SP_PG_COPY_NAMES */
  const char *select;    /* the rows in that order, written out */
} SpPgTable;

#define SP_PG_N_RECORD_TABLES 16

/* In the order their references need (sp-pg-copy.c) */
extern const SpPgTable sp_pg_record_tables[SP_PG_N_RECORD_TABLES];

/* Binds the value of @column in the first row of @row to @index of @stmt */
void sp_pg_bind_value (sqlite3_stmt   *stmt,
                       int             index,
                       const PGresult *row,
                       int             column);

G_END_DECLS
