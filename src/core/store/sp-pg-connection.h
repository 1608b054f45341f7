/* sp-pg-connection.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define SP_TYPE_PG_CONNECTION (sp_pg_connection_get_type ())

G_DECLARE_FINAL_TYPE (SpPgConnection, sp_pg_connection, SP, PG_CONNECTION, GObject)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* The roles a login of a shared shop can have */
typedef enum
{
  SP_PG_ROLE_NONE,
  SP_PG_ROLE_STAFF,
  SP_PG_ROLE_OWNER,
} SpPgRole;

gboolean        sp_pg_connection_wants_tls     (const char       *uri,
                                                GError          **error);
/* Returns: (transfer full): a connection, or NULL and @error */
SpPgConnection *sp_pg_connection_new           (const char       *uri,
                                                GError          **error);
/* Returns: (transfer none) */
SpPgConnection *sp_pg_connection_new_full      (const char       *uri,
                                                const char       *password,
                                                GError          **error);
void            sp_pg_connection_set_answer_timeout (SpPgConnection *self,
                                                     guint           seconds);
gboolean        sp_pg_connection_send          (SpPgConnection     *self,
                                                const char         *sql,
                                                int                 n_params,
                                                const char *const  *values,
                                                gboolean            single_rows,
                                                GError            **error);
void            sp_pg_connection_await         (SpPgConnection   *self);
void            sp_pg_connection_set_error     (SpPgConnection   *self,
                                                const PGresult   *result,
                                                GError          **error);
PGconn         *sp_pg_connection_get_handle    (SpPgConnection   *self);
/* Returns: (transfer none): the database's name */
const char     *sp_pg_connection_get_database  (SpPgConnection   *self);
/* Returns: (transfer none): the login's name */
const char     *sp_pg_connection_get_user      (SpPgConnection   *self);

gboolean        sp_pg_connection_exec          (SpPgConnection   *self,
                                                const char       *sql,
                                                GError          **error);
/* Returns: (transfer full): the rows of a statement whose values are all bound */
PGresult       *sp_pg_connection_query         (SpPgConnection   *self,
                                                const char       *sql,
                                                int               n_params,
                                                const char *const *values,
                                                GError          **error);
gboolean        sp_pg_connection_begin         (SpPgConnection   *self,
                                                gboolean          snapshot,
                                                GError          **error);
gboolean        sp_pg_connection_commit        (SpPgConnection   *self,
                                                GError          **error);
void            sp_pg_connection_rollback      (SpPgConnection   *self);

gboolean        sp_pg_connection_has_schema    (SpPgConnection   *self,
                                                gboolean         *has_schema,
                                                GError          **error);
gboolean        sp_pg_connection_owns_tables   (SpPgConnection   *self);
SpPgRole        sp_pg_connection_get_role      (SpPgConnection   *self,
                                                GError          **error);
char           *sp_pg_connection_dup_role_name (SpPgConnection   *self,
                                                SpPgRole          role);
char           *sp_pg_connection_dup_members  (SpPgConnection   *self,
                                               SpPgRole          role,
                                               GError          **error);
void            sp_pg_set_error                (PGconn           *conn,
                                                const PGresult   *result,
                                                GError          **error);

G_END_DECLS
