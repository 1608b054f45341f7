/* sp-pg-replica.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-pg-connection.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_PG_REPLICA (sp_pg_replica_get_type ())

G_DECLARE_FINAL_TYPE (SpPgReplica, sp_pg_replica, SP, PG_REPLICA, GObject)

/* Returns: (transfer full): the store of the copy of the shop at @address on this computer,
 * brought up to date */
SpStore        *sp_pg_replica_open_store    (const char     *address,
                                             const char     *password,
                                             GError        **error);
/* Returns: (transfer full) */
SpPgConnection *sp_pg_replica_connect       (SpPgReplica    *self,
                                             GError        **error);
SpStore        *sp_pg_replica_open_again    (SpPgReplica    *self,
                                             GError        **error);
/* Returns: (transfer full): the file that keeps the copy of the shop at @address */
char           *sp_pg_replica_dup_path      (const char     *address,
                                             const char     *user,
                                             GError        **error);
SpPgRole        sp_pg_replica_get_role      (SpPgReplica    *self);
char           *sp_pg_replica_dup_login     (SpPgReplica    *self);
const char     *sp_pg_replica_get_address   (SpPgReplica    *self);
char           *sp_pg_replica_dup_database  (SpPgReplica    *self);

gboolean        sp_pg_replica_prepare_write (SpPgReplica    *self,
                                             SpStore        *store,
                                             GError        **error);
gboolean        sp_pg_replica_begin         (SpPgReplica    *self,
                                             SpStore        *store,
                                             GError        **error);
gboolean        sp_pg_replica_commit        (SpPgReplica    *self,
                                             SpStore        *store,
                                             GError        **error);
void            sp_pg_replica_rollback      (SpPgReplica    *self,
                                             SpStore        *store);
gboolean        sp_pg_replica_poll          (SpPgReplica    *self,
                                             SpStore        *store,
                                             gboolean       *changed,
                                             gboolean       *restored,
                                             GError        **error);
/* Returns: (transfer full) (nullable) */
GSource        *sp_pg_replica_create_watch  (SpPgReplica    *self);

G_END_DECLS
