/* sp-test-pg.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "sp-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;       /* the database */
  char *uri;        /* as the cluster's superuser */
  char *dir;        /* a folder for files */
} SpTestServer;

int       sp_test_pg_check_server     (void);
PGconn   *sp_test_pg_connect_admin    (void);
void      sp_test_pg_admin_exec       (const char         *sql);
gint64    sp_test_pg_query_int        (PGconn             *conn,
                                       const char         *sql);
void      sp_test_server_setup        (SpTestServer       *f,
                                       gconstpointer       data);
void      sp_test_server_teardown     (SpTestServer       *f,
                                       gconstpointer       data);
char     *sp_test_server_login_uri    (SpTestServer       *f,
                                       const char         *user,
                                       const char         *password);
void      sp_test_server_set_up_shop  (SpTestServer       *f);
void      sp_test_server_add_user     (SpTestServer       *f,
                                       const char         *name,
                                       const char         *role,
                                       const char         *password);
PGconn   *sp_test_server_connect_as   (SpTestServer       *f,
                                       const char         *user,
                                       const char         *password);
gboolean  sp_test_pg_can_stop_server  (void);
gboolean  sp_test_pg_stop_server      (void);
void      sp_test_pg_start_server     (void);
void      sp_test_run_with_input      (SpTestRun          *r,
                                       const char         *input,
                                       const char * const *argv);

G_END_DECLS
