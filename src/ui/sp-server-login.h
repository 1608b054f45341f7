/* sp-server-login.h: a shop server's address, and its password in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where a shop on a server is, as Preferences holds it */
typedef struct
{
  char *host;
  char *port;      /* empty: libpq's default */
  char *dbname;
  char *user;      /* empty: libpq's default (the login name) */
  char *ca_file;   /* empty: no check of the server's certificate beyond libpq's default */
} SpServerLogin;

void           sp_server_login_clear          (SpServerLogin  *login);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpServerLogin, sp_server_login_clear)

/* Reads @address's host, port, database and user (the rest of the login left empty);
 * FALSE for an address that is no libpq connection URI with one host */
gboolean       sp_server_login_parse          (SpServerLogin  *login,
                                               const char     *address);
/* Whether @login names a server and a database; says what is missing or wrong */
gboolean       sp_server_login_check          (const SpServerLogin *login,
                                               GError        **error);
/* Returns: (transfer full): a libpq connection URI, each part escaped */
char          *sp_server_login_dup_address    (const SpServerLogin *login);
/* Returns: (transfer full): the database and the server, as the window names them */
char          *sp_server_login_dup_display    (const SpServerLogin *login);

/* The password is kept in the desktop's keyring (the Secret Service), never in a file */
void           sp_server_login_store_password_async  (const SpServerLogin *login,
                                                      const char          *password,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean       sp_server_login_store_password_finish (GAsyncResult        *result,
                                                      GError             **error);
void           sp_server_login_lookup_password_async (const SpServerLogin *login,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
/* Returns: (transfer full) (nullable): the password, NULL without @error when none is kept;
 * free with sp_server_login_free_password() */
char          *sp_server_login_lookup_password_finish (GAsyncResult       *result,
                                                       GError            **error);
void           sp_server_login_free_password  (char           *password);

G_END_DECLS
