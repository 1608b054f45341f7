/* sp-pg-copy.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-pg-connection.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* Which tables a copy takes */
typedef enum
{
  SP_PG_COPY_RECORDS,   /* everything the owner recorded */
  SP_PG_COPY_NAMES,     /* settings, names and opening hours: what an import checks against */
} SpPgCopyWhat;

gboolean  sp_pg_copy_from_store     (SpPgConnection  *conn,
                                     SpStore         *store,
                                     GError         **error);
gboolean  sp_pg_copy_to_store       (SpPgConnection  *conn,
                                     SpStore         *store,
                                     SpPgCopyWhat     what,
                                     GError         **error);
gboolean  sp_pg_count_records       (SpPgConnection  *conn,
                                     gint64          *n_records,
                                     GError         **error);
gboolean  sp_pg_compare_totals_with_store (SpPgConnection  *conn,
                                     SpStore         *store,
                                     GError         **error);
gboolean  sp_pg_compare_stores      (SpStore         *file,
                                     SpStore         *server_copy,
                                     GError         **error);
gboolean  sp_pg_compare_with_store  (SpPgConnection  *conn,
                                     SpStore         *store,
                                     GError         **error);
char     *sp_pg_make_temp_dir       (GError         **error);
void      sp_pg_remove_temp_dir     (char            *dir);
/* Returns: (transfer full): a read-only shop holding a snapshot of the server's */

G_END_DECLS
