/* sp-server-login.c
 *
 * A shop on a PostgreSQL server is found by a libpq connection URI made
 * from the parts Preferences holds, each one escaped on its own: a name
 * with "@", "/" or "?" in it stays the name it is.  Its password is kept
 * in the desktop's keyring under the host, port, database and user, and
 * nowhere else: not in the settings, not in the address, not in a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-server-login"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "sp-error.h"
#include "sp-parse.h"
#include "sp-server-login.h"

static const SecretSchema *
get_schema (void)
{
  /* the same for every build of the app: a development build finds the owner's password */
  static const SecretSchema schema = {
    "io.github.servicepulse.ServicePulse.Server", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
sp_server_login_clear (SpServerLogin *login)
{
  g_clear_pointer (&login->host, g_free);
  g_clear_pointer (&login->port, g_free);
  g_clear_pointer (&login->dbname, g_free);
  g_clear_pointer (&login->user, g_free);
  g_clear_pointer (&login->ca_file, g_free);
}

static const char *
or_empty (const char *s)
{
  return s != NULL ? s : "";
}

gboolean
sp_server_login_parse (SpServerLogin *login,
                       const char    *address)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *path;

  g_return_val_if_fail (login != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  sp_server_login_clear (login);

  uri = g_uri_parse (address, G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "postgresql") != 0 && g_ascii_strcasecmp (scheme, "postgres") != 0)
    return FALSE;
  if (g_uri_get_host (uri) == NULL || strchr (g_uri_get_host (uri), ',') != NULL)
    return FALSE;

  path = g_uri_get_path (uri);
  while (*path == '/')
    path++;

  login->host = g_strdup (g_uri_get_host (uri));
  login->port = g_uri_get_port (uri) > 0 ? g_strdup_printf ("%d", g_uri_get_port (uri))
                                         : g_strdup ("");
  login->dbname = g_strdup (path);
  login->user = g_strdup (or_empty (g_uri_get_user (uri)));
  login->ca_file = g_strdup ("");
  return TRUE;
}

gboolean
sp_server_login_check (const SpServerLogin  *login,
                       GError              **error)
{
  const char *port = or_empty (login->port);

  g_return_val_if_fail (login != NULL, FALSE);

  if (sp_str_is_blank (login->host))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Type the server’s name or address in Host, such as "
                             "“db.example.com”."));
      return FALSE;
    }

  if (strchr (login->host, ':') != NULL &&
      strspn (login->host, "0123456789abcdefABCDEF:.") != strlen (login->host))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is what was typed in Host */
                   _("“%s” is no server name or address. Type a name such as "
                     "“db.example.com” or an address such as “192.0.2.10”."), login->host);
      return FALSE;
    }

  if (*port != '\0')
    {
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (port, 10, 1, 65535, &value, NULL))
        {
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: %s is what was typed in Port */
                       _("“%s” is no port. Type a number from 1 to 65535, or leave Port empty "
                         "for the usual one (5432)."), port);
          return FALSE;
        }
    }

  if (sp_str_is_blank (login->dbname))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Type the name of the shop’s database on the server in Database."));
      return FALSE;
    }

  if (login->ca_file != NULL && *login->ca_file != '\0' &&
      !g_file_test (login->ca_file, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (login->ca_file);

      g_set_error (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                   /* TRANSLATORS: %s is a file's path */
                   _("There is no file “%s” any more. Choose the server’s CA certificate "
                     "again, or remove it."), display);
      return FALSE;
    }

  return TRUE;
}

static void
append_escaped (GString    *s,
                const char *part)
{
  g_autofree char *escaped = g_uri_escape_string (part, NULL, FALSE);

  g_string_append (s, escaped);
}

char *
sp_server_login_dup_address (const SpServerLogin *login)
{
  g_autoptr(GString) s = g_string_new ("postgresql://");
  g_autofree char *host = NULL;
  g_autofree char *user = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *port = NULL;

  g_return_val_if_fail (login != NULL, NULL);

  host = g_strstrip (g_strdup (or_empty (login->host)));
  user = g_strstrip (g_strdup (or_empty (login->user)));
  dbname = g_strstrip (g_strdup (or_empty (login->dbname)));
  port = g_strstrip (g_strdup (or_empty (login->port)));

  if (*user != '\0')
    {
      append_escaped (s, user);
      g_string_append_c (s, '@');
    }

  /* an IPv6 address is written in brackets; sp_server_login_check() let only its digits in */
  if (strchr (host, ':') != NULL)
    g_string_append_printf (s, "[%s]", host);
  else
    append_escaped (s, host);

  if (*port != '\0')
    {
      g_string_append_c (s, ':');
      append_escaped (s, port);
    }

  g_string_append_c (s, '/');
  append_escaped (s, dbname);

  /* the server's certificate must be signed by this CA and name the host */
  if (login->ca_file != NULL && *login->ca_file != '\0')
    {
      g_string_append (s, "?sslmode=verify-full&sslrootcert=");
      append_escaped (s, login->ca_file);
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
sp_server_login_dup_display (const SpServerLogin *login)
{
  g_return_val_if_fail (login != NULL, NULL);

  /* TRANSLATORS: names a shop on a server: the first %s is the database, the second the
   * server's host name */
  return g_strdup_printf (_("%s on %s"), or_empty (login->dbname), or_empty (login->host));
}

/* The keyring */

#define ATTRIBUTES(login) \
  "host", or_empty ((login)->host), \
  "port", or_empty ((login)->port), \
  "dbname", or_empty ((login)->dbname), \
  "user", or_empty ((login)->user)

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sp_server_login_store_password_async (const SpServerLogin *login,
                                      const char          *password,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *display = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (login != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_server_login_store_password_async);

  display = sp_server_login_dup_display (login);
  /* TRANSLATORS: how the keyring lists the password; %s names the database and server */
  label = g_strdup_printf (_("Service Pulse: %s"), display);

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, store_cb, task, ATTRIBUTES (login), NULL);
}

gboolean
sp_server_login_store_password_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
sp_server_login_lookup_password_async (const SpServerLogin *login,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (login != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_server_login_lookup_password_async);

  secret_password_lookup (get_schema (), cancellable, lookup_cb, task, ATTRIBUTES (login), NULL);
}

char *
sp_server_login_lookup_password_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sp_server_login_free_password (char *password)
{
  secret_password_free (password);
}
