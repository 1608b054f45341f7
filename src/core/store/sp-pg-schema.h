/* sp-pg-schema.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-pg-connection.h"

G_BEGIN_DECLS

/* The version of the server schema sp_pg_setup_server() creates */
#define SP_PG_SCHEMA_VERSION 3

gboolean  sp_pg_setup_server      (SpPgConnection  *conn,
                                   GError         **error);
gboolean  sp_pg_create_schema     (SpPgConnection  *conn,
                                   GError         **error);
gboolean  sp_pg_check_schema      (SpPgConnection  *conn,
                                   GError         **error);
gboolean  sp_pg_add_user          (SpPgConnection  *conn,
                                   const char      *name,
                                   SpPgRole         role,
                                   const char      *password,
                                   GError         **error);
gboolean  sp_pg_lock_writes       (SpPgConnection  *conn,
                                   GError         **error);

gboolean  sp_pg_set_row_triggers  (SpPgConnection  *conn,
                                   gboolean         on,
                                   GError         **error);
gboolean  sp_pg_set_load_indexes  (SpPgConnection  *conn,
                                   gboolean         on,
                                   GError         **error);

G_END_DECLS
