/* sp-pg-connection.c
 *
 * One libpq connection to a shop kept on a PostgreSQL server: every
 * statement goes out with its values bound ($1, $2, …), never formatted
 * into the SQL, and every failure becomes a GError that says what the
 * owner can do about it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-pg"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "sp-error.h"
#include "sp-pg-connection.h"

struct _SpPgConnection
{
  GObject  parent_instance;

  PGconn  *conn;
  int      owns_tables;   /* -1 until asked */
  guint    answer_timeout; /* seconds a statement may go unanswered; 0: no limit */
  guint    timed_out : 1;  /* the last statement was not answered in time */
};

G_DEFINE_FINAL_TYPE (SpPgConnection, sp_pg_connection, G_TYPE_OBJECT)

static void
sp_pg_connection_finalize (GObject *object)
{
  SpPgConnection *self = SP_PG_CONNECTION (object);

  g_clear_pointer (&self->conn, PQfinish);

  G_OBJECT_CLASS (sp_pg_connection_parent_class)->finalize (object);
}

static void
sp_pg_connection_class_init (SpPgConnectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_pg_connection_finalize;
}

static void
sp_pg_connection_init (SpPgConnection *self)
{
  self->owns_tables = -1;
}

/* The first line of libpq's message: the rest is context for a log */
static char *
first_line (const char *message)
{
  const char *end;

  if (message == NULL || *message == '\0')
    return g_strdup (_("no reason given"));
  end = strchr (message, '\n');
  return end != NULL ? g_strndup (message, end - message) : g_strdup (message);
}

/**
 * sp_pg_set_error:
 *
 * Turns the failure of @result (or of @conn, when @result is NULL) into
 * @error, naming the cases the owner can act on.
 */
void
sp_pg_set_error (PGconn          *conn,
                 const PGresult  *result,
                 GError         **error)
{
  const char *state = NULL;
  const char *message;
  g_autofree char *line = NULL;

  if (result != NULL)
    {
      state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      message = PQresultErrorMessage (result);
    }
  else
    message = PQerrorMessage (conn);

  if (message != NULL && g_str_has_prefix (message, "ERROR:  "))
    message += strlen ("ERROR:  ");
  line = first_line (message);

  if (state != NULL && (g_str_equal (state, "42501") || g_str_has_prefix (state, "28")))
    g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                 /* TRANSLATORS: %s is the server's own words */
                 _("The server refused: this login may not do that (%s)"), line);
  else if (state != NULL && (g_str_equal (state, "23505") || g_str_equal (state, "42710")))
    g_set_error (error, SP_ERROR, SP_ERROR_DUPLICATE, "%s", line);
  else if (state != NULL && (g_str_has_prefix (state, "23") || g_str_has_prefix (state, "22")))
    g_set_error (error, SP_ERROR, SP_ERROR_INVALID, "%s", line);
  else if (state != NULL && (g_str_equal (state, "40001") || g_str_equal (state, "40P01")))
    g_set_error (error, SP_ERROR, SP_ERROR_BUSY,
                 /* TRANSLATORS: %s is the server's own words */
                 _("Someone else changed the same records at the same time; try again (%s)"),
                 line);
  else if (conn != NULL && PQstatus (conn) != CONNECTION_OK)
    /* the server takes back a transaction whose connection it lost */
    g_set_error (error, SP_ERROR, SP_ERROR_OFFLINE,
                 /* TRANSLATORS: %s is the reason */
                 _("The connection to the shop’s server was lost (%s). Nothing was saved; try "
                   "again when it is back."), line);
  else
    /* TRANSLATORS: %s is the server's own words */
    g_set_error (error, SP_ERROR, SP_ERROR_FAILED, _("The server said: %s"), line);
}

/**
 * sp_pg_connection_wants_tls:
 * @uri: a libpq connection string
 * @error: set when @uri cannot be read
 *
 * Whether connecting to @uri must ask for TLS: it names a host that is not
 * this computer and does not say itself how to connect (sslmode).
 * libpq's own default ("prefer") falls back to a connection anyone on the
 * way can read.
 */
gboolean
sp_pg_connection_wants_tls (const char  *uri,
                            GError     **error)
{
  PQconninfoOption *options;
  gboolean remote = FALSE;
  gboolean has_sslmode = FALSE;
  char *message = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);

  options = PQconninfoParse (uri, &message);
  if (options == NULL)
    {
      g_autofree char *line = first_line (message);

      g_set_error (error, SP_ERROR, SP_ERROR_USAGE,
                   /* TRANSLATORS: the address as typed, then why it is not one */
                   _("“%s” is not a database address: %s"), uri, line);
      PQfreemem (message);
      return FALSE;
    }

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL)
        continue;
      if (g_str_equal (o->keyword, "sslmode"))
        has_sslmode = TRUE;
      else if (g_str_equal (o->keyword, "host") || g_str_equal (o->keyword, "hostaddr"))
        {
          g_auto(GStrv) hosts = g_strsplit (o->val, ",", -1);

          for (guint i = 0; hosts[i] != NULL; i++)
            if (hosts[i][0] != '\0' && hosts[i][0] != '/' &&
                !g_str_equal (hosts[i], "localhost") && !g_str_equal (hosts[i], "127.0.0.1") &&
                !g_str_equal (hosts[i], "::1"))
              remote = TRUE;
        }
    }
  PQconninfoFree (options);

  return remote && !has_sslmode;
}

/**
 * sp_pg_connection_new:
 * @uri: a libpq connection string
 *
 * Connects; to a host that is not this computer over TLS, unless @uri
 * or PGSSLMODE says otherwise (sp_pg_connection_wants_tls()).
 */
SpPgConnection *
sp_pg_connection_new (const char  *uri,
                      GError     **error)
{
  return sp_pg_connection_new_full (uri, NULL, error);
}

/**
 * sp_pg_connection_new_full:
 * @password: (nullable): the login's password, or %NULL for libpq's own
 *   ways (~/.pgpass, a service file, PGPASSWORD)
 *
 * Like sp_pg_connection_new(); gives up after ten seconds unless @uri
 * says otherwise (connect_timeout).
 */
/*
 * Why a connection failed, in the owner's words.  A server that answered
 * but did not let the login in is not a network problem; libpq tells the
 * cases apart only by the server's message, so its English words are
 * looked for, and anything else keeps the server's own line.
 */
static void
set_connect_error (PGconn  *conn,
                   GError **error)
{
  g_autofree char *all = g_strdup (conn != NULL ? PQerrorMessage (conn) : "");
  g_autofree char *line = first_line (all);
  const char *host = conn != NULL && PQhost (conn) != NULL ? PQhost (conn) : "localhost";
  const char *user = conn != NULL && PQuser (conn) != NULL ? PQuser (conn) : "";
  const char *db = conn != NULL && PQdb (conn) != NULL ? PQdb (conn) : "";

  /* libpq's lines, and the tab before its hint, as one line with single spaces */
  g_strdelimit (all, "\n\t", ' ');
  for (char *from = all, *to = all;; from++)
    {
      if (*from == ' ' && to > all && to[-1] == ' ')
        continue;
      *to++ = *from;
      if (*from == '\0')
        break;
    }
  g_strstrip (all);
  g_debug ("Could not connect: %s", all);

  /* no password was at hand: the command line asks for it, the window says where it goes */
  if (conn != NULL && PQconnectionNeedsPassword (conn))
    g_set_error (error, SP_ERROR, SP_ERROR_NEEDS_PASSWORD,
                 /* TRANSLATORS: the login, then the server */
                 _("The server asks for the password of “%s” on “%s”: type it in "
                   "Preferences → Shop Database, or keep it in ~/.pgpass."), user, host);
  else if (strstr (all, "password authentication failed") != NULL ||
           (conn != NULL && PQconnectionUsedPassword (conn) &&
            strstr (all, "authentication failed") != NULL))
    g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                 /* TRANSLATORS: the server, then the login */
                 _("The server “%s” did not accept the password of “%s”: check the user "
                   "name and the password."), host, user);
  else if (strstr (all, "database \"") != NULL && strstr (all, "does not exist") != NULL)
    g_set_error (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                 /* TRANSLATORS: the server, then the database */
                 _("The server “%s” has no database “%s”: check the database’s name."), host,
                 db);
  else if (strstr (all, "role \"") != NULL && strstr (all, "does not exist") != NULL)
    g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                 /* TRANSLATORS: the server, then the login */
                 _("The server “%s” has no login “%s”: check the user name."), host, user);
  else if (strstr (all, "permission denied for database") != NULL)
    g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                 /* TRANSLATORS: the login, the database, then the server */
                 _("The login “%s” may not use the database “%s” on “%s”: ask whoever looks "
                   "after the server to add it to the shop’s owner or staff group."),
                 user, db, host);
  else if (strstr (all, "authentication") != NULL || strstr (all, "pg_hba.conf") != NULL)
    g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
                 /* TRANSLATORS: the server, the login, then the server's own words */
                 _("The server “%s” did not let “%s” in: %s"), host, user, all);
  else if (strstr (all, "Connection refused") != NULL)
    g_set_error (error, SP_ERROR, SP_ERROR_OFFLINE,
                 /* TRANSLATORS: the server, then its port */
                 _("The shop’s server “%s” is not taking connections on port %s: it may be "
                   "stopped or starting. Check that it runs, and the port in the address."),
                 host, conn != NULL && PQport (conn) != NULL && *PQport (conn) != '\0'
                       ? PQport (conn) : "5432");
  else if (strstr (all, "timeout expired") != NULL)
    g_set_error (error, SP_ERROR, SP_ERROR_OFFLINE,
                 /* TRANSLATORS: %s is the server */
                 _("The shop’s server “%s” did not answer in time: check that it is on, and "
                   "the network between."), host);
  else if (strstr (all, "could not translate host name") != NULL)
    g_set_error (error, SP_ERROR, SP_ERROR_OFFLINE,
                 /* TRANSLATORS: %s is the server */
                 _("No computer named “%s” can be found on the network: check the server’s "
                   "name, and that this computer is online."), host);
  else
    g_set_error (error, SP_ERROR, SP_ERROR_OFFLINE,
                 /* TRANSLATORS: %s is the reason */
                 _("Could not connect to the shop’s server: %s"),
                 line != NULL && g_str_has_prefix (line, "connection to server") ? all
                                                                                  : line);
}

static void
log_notice (void       *data,
            const char *message)
{
  g_debug ("The server said: %s", message);
}

static gboolean
is_this_computer (const char *host)
{
  return host == NULL || host[0] == '\0' || host[0] == '/' || g_str_equal (host, "localhost") ||
         g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1");
}

/*
 * The address itself asks for TLS when it names another computer; a host that came from
 * elsewhere (a pg_service.conf entry, PGHOST) is checked once connected: a connection to
 * another computer is refused unencrypted, unless the settings chose that themselves
 * (sslmode disable or allow).
 */
static gboolean
check_tls (PGconn  *conn,
           GError **error)
{
  PQconninfoOption *options;
  const char *mode = NULL;

  if (PQsslInUse (conn) || is_this_computer (PQhost (conn)))
    return TRUE;

  options = PQconninfo (conn);
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "sslmode"))
      mode = o->val;
  if (mode != NULL && (g_str_equal (mode, "disable") || g_str_equal (mode, "allow")))
    {
      PQconninfoFree (options);
      return TRUE;
    }
  PQconninfoFree (options);

  g_set_error (error, SP_ERROR, SP_ERROR_NOT_ALLOWED,
               /* TRANSLATORS: %s is the server */
               _("The server “%s” does not offer an encrypted connection (TLS), which a shop "
                 "on another computer needs: set the server up for TLS, as the README says."),
               PQhost (conn));
  return FALSE;
}

SpPgConnection *
sp_pg_connection_new_full (const char  *uri,
                           const char  *password,
                           GError     **error)
{
  g_autoptr(SpPgConnection) self = NULL;
  g_autoptr(GError) local_error = NULL;
  /* later keywords win: the address may set its own timeout, not its own TLS rule */
  /* a server that went away without a word (a cable pulled, a NAS asleep) is noticed within
   * half a minute, not after the system's two hours */
  const char *keys[9] = { "connect_timeout", "keepalives_idle", "keepalives_interval",
                          "keepalives_count", "dbname", NULL, NULL, NULL, NULL };
  const char *values[9] = { "10", "15", "5", "3", uri, NULL, NULL, NULL, NULL };
  guint n = 5;

  g_return_val_if_fail (uri != NULL, NULL);

  if (sp_pg_connection_wants_tls (uri, &local_error) && g_getenv ("PGSSLMODE") == NULL)
    {
      keys[n] = "sslmode";
      values[n++] = "require";
    }
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (password != NULL && *password != '\0')
    {
      keys[n] = "password";
      values[n++] = password;
    }

  self = g_object_new (SP_TYPE_PG_CONNECTION, NULL);
  self->conn = PQconnectdbParams (keys, values, TRUE);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      set_connect_error (self->conn, error);
      return NULL;
    }

  if (!check_tls (self->conn, error))
    return NULL;

  /* what the server says on the side (a warning, its going away) is for the debug log: what
   * the owner must know comes as an error of the call that met it */
  PQsetNoticeProcessor (self->conn, log_notice, NULL);

  /* the server's notices (NOTICE, DEBUG) are for its log, not for the owner */
  if (!sp_pg_connection_exec (self, "SET client_min_messages = warning", error))
    return NULL;

  return g_steal_pointer (&self);
}

PGconn *
sp_pg_connection_get_handle (SpPgConnection *self)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (self), NULL);

  return self->conn;
}

const char *
sp_pg_connection_get_database (SpPgConnection *self)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (self), NULL);

  return PQdb (self->conn);
}

const char *
sp_pg_connection_get_user (SpPgConnection *self)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (self), NULL);

  return PQuser (self->conn);
}

/**
 * sp_pg_connection_set_answer_timeout:
 * @seconds: how long a statement may go unanswered, 0 for no limit
 *
 * For a connection a window waits on: a statement the server has not
 * answered after @seconds is cancelled, and when even that goes
 * unanswered the connection is given up, so that the caller is told
 * (SP_ERROR_BUSY, SP_ERROR_OFFLINE) rather than waiting for ever.
 */
void
sp_pg_connection_set_answer_timeout (SpPgConnection *self,
                                     guint           seconds)
{
  g_return_if_fail (SP_IS_PG_CONNECTION (self));

  self->answer_timeout = seconds;
}

/* Waits until the server's answer is all in, at most until @deadline (monotonic time) */
static gboolean
wait_for_answer (PGconn *conn,
                 gint64  deadline)
{
  while (PQconsumeInput (conn) && PQisBusy (conn))
    {
      struct pollfd fd = { PQsocket (conn), POLLIN, 0 };
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        return FALSE;
      if (poll (&fd, 1, (int) MIN (left / 1000 + 1, G_MAXINT)) < 0 && errno != EINTR)
        break;
    }

  return TRUE;
}

/**
 * sp_pg_connection_send:
 * @single_rows: whether the answer comes a row at a time (PQsetSingleRowMode())
 *
 * Sends @sql (PQsendQueryParams()); the caller reads the answer with
 * sp_pg_connection_await() before each PQgetResult().
 */
gboolean
sp_pg_connection_send (SpPgConnection     *self,
                       const char         *sql,
                       int                 n_params,
                       const char *const  *values,
                       gboolean            single_rows,
                       GError            **error)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (self), FALSE);

  self->timed_out = FALSE;
  if (!PQsendQueryParams (self->conn, sql, n_params, NULL, values, NULL, NULL, 0) ||
      (single_rows && !PQsetSingleRowMode (self->conn)))
    {
      sp_pg_set_error (self->conn, NULL, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_pg_connection_await:
 *
 * Waits for the next part of the answer to what was sent, within the
 * connection's answer timeout: a statement the server has not answered in
 * time is cancelled, and a server that does not even answer that is left
 * (the next PQgetResult() then fails, and
 * sp_pg_connection_set_error() says why).
 */
void
sp_pg_connection_await (SpPgConnection *self)
{
  PGcancel *cancel;
  char why[256];

  g_return_if_fail (SP_IS_PG_CONNECTION (self));

  if (self->answer_timeout == 0 || self->timed_out ||
      wait_for_answer (self->conn,
                       g_get_monotonic_time () + self->answer_timeout * G_USEC_PER_SEC))
    return;

  self->timed_out = TRUE;
  g_debug ("no answer within %u s: asking the server to cancel", self->answer_timeout);
  if ((cancel = PQgetCancel (self->conn)) != NULL)
    {
      PQcancel (cancel, why, sizeof why);
      PQfreeCancel (cancel);
    }

  /* a server too far gone to cancel: the connection is given up, and made again later */
  if (!wait_for_answer (self->conn, g_get_monotonic_time () + 3 * G_USEC_PER_SEC))
    shutdown (PQsocket (self->conn), SHUT_RDWR);
}

/* PQexec() (@n_params < 0) or PQexecParams(), within the connection's answer timeout */
static PGresult *
run (SpPgConnection     *self,
     const char         *sql,
     int                 n_params,
     const char *const  *values)
{
  PGresult *last = NULL;
  PGresult *next;

  self->timed_out = FALSE;
  if (self->answer_timeout == 0)
    return n_params < 0 ? PQexec (self->conn, sql)
                        : PQexecParams (self->conn, sql, n_params, NULL, values, NULL, NULL, 0);

  if (!(n_params < 0 ? PQsendQuery (self->conn, sql)
                     : PQsendQueryParams (self->conn, sql, n_params, NULL, values, NULL, NULL,
                                          0)))
    return NULL;

  for (sp_pg_connection_await (self); (next = PQgetResult (self->conn)) != NULL;
       sp_pg_connection_await (self))
    {
      PQclear (last);
      last = next;
    }

  return last;
}

/**
 * sp_pg_connection_set_error:
 *
 * sp_pg_set_error() for the last statement of @self, which may have gone
 * unanswered (sp_pg_connection_await()).
 */
void
sp_pg_connection_set_error (SpPgConnection  *self,
                            const PGresult  *result,
                            GError         **error)
{
  if (!self->timed_out)
    sp_pg_set_error (self->conn, result, error);
  else if (PQstatus (self->conn) != CONNECTION_OK)
    g_set_error (error, SP_ERROR, SP_ERROR_OFFLINE,
                 /* TRANSLATORS: %u is a number of seconds */
                 _("The shop’s server stopped answering (no answer within %u seconds). Nothing "
                   "was saved; the app connects again by itself, try again then."),
                 self->answer_timeout);
  else
    g_set_error (error, SP_ERROR, SP_ERROR_BUSY,
                 /* TRANSLATORS: %u is a number of seconds */
                 _("The shop’s server did not answer within %u seconds: it may be busy, or "
                   "another computer may be saving a large import. Nothing was saved; try "
                   "again in a moment."),
                 self->answer_timeout);
}

gboolean
sp_pg_connection_exec (SpPgConnection  *self,
                       const char      *sql,
                       GError         **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (SP_IS_PG_CONNECTION (self), FALSE);

  result = run (self, sql, -1, NULL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      sp_pg_connection_set_error (self, result, error);
      return FALSE;
    }

  return TRUE;
}

PGresult *
sp_pg_connection_query (SpPgConnection     *self,
                        const char         *sql,
                        int                 n_params,
                        const char *const  *values,
                        GError            **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (SP_IS_PG_CONNECTION (self), NULL);

  result = run (self, sql, n_params, values);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      sp_pg_connection_set_error (self, result, error);
      return NULL;
    }

  return g_steal_pointer (&result);
}

/**
 * sp_pg_connection_begin:
 * @snapshot: TRUE for a transaction that sees one moment of the shop
 *   from its first to its last statement (REPEATABLE READ, read only)
 */
gboolean
sp_pg_connection_begin (SpPgConnection  *self,
                        gboolean         snapshot,
                        GError         **error)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (self), FALSE);

  return sp_pg_connection_exec (self,
                                snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                         : "BEGIN",
                                error);
}

gboolean
sp_pg_connection_commit (SpPgConnection  *self,
                         GError         **error)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (self), FALSE);

  return sp_pg_connection_exec (self, "COMMIT", error);
}

void
sp_pg_connection_rollback (SpPgConnection *self)
{
  g_autoptr(PGresult) result = NULL;

  g_return_if_fail (SP_IS_PG_CONNECTION (self));

  if (PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    result = PQexec (self->conn, "ROLLBACK");
}

/* Whether the database holds a shop's schema (its table of server facts) */
gboolean
sp_pg_connection_has_schema (SpPgConnection  *self,
                             gboolean        *has_schema,
                             GError         **error)
{
  g_autoptr(PGresult) result = NULL;

  result = sp_pg_connection_query (self,
                                   "SELECT to_regclass ('sp_server') IS NOT NULL",
                                   0, NULL, error);
  if (result == NULL)
    return FALSE;

  *has_schema = g_str_equal (PQgetvalue (result, 0, 0), "t");
  return TRUE;
}

/**
 * sp_pg_connection_dup_role_name:
 *
 * The group role of @role for this database: "<database>_owner" and
 * "<database>_staff", so that several shops can share one server.
 */
char *
sp_pg_connection_dup_role_name (SpPgConnection *self,
                                SpPgRole        role)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (self), NULL);
  g_return_val_if_fail (role != SP_PG_ROLE_NONE, NULL);

  return g_strdup_printf ("%s_%s", PQdb (self->conn),
                          role == SP_PG_ROLE_OWNER ? "owner" : "staff");
}

/**
 * sp_pg_connection_dup_members:
 *
 * Returns: (transfer full) (nullable): the logins in the group of @role,
 *   in name order and separated by commas, or %NULL when it has none (or
 *   on failure, with @error set)
 */
char *
sp_pg_connection_dup_members (SpPgConnection  *self,
                              SpPgRole         role,
                              GError         **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *group = sp_pg_connection_dup_role_name (self, role);
  const char *values[1] = { group };

  result = sp_pg_connection_query (self,
    "SELECT string_agg (m.rolname, ', ' ORDER BY m.rolname) FROM pg_auth_members AS am"
    " JOIN pg_roles AS g ON g.oid = am.roleid JOIN pg_roles AS m ON m.oid = am.member"
    " WHERE g.rolname = $1", 1, values, error);
  if (result == NULL || PQgetisnull (result, 0, 0))
    return NULL;

  return g_strdup (PQgetvalue (result, 0, 0));
}

/**
 * sp_pg_connection_get_role:
 *
 * What the login may do: the owner's group (or the account that set the
 * server up) may do everything, the staff group what the server grants it.
 */
SpPgRole
sp_pg_connection_get_role (SpPgConnection  *self,
                           GError         **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *owner = sp_pg_connection_dup_role_name (self, SP_PG_ROLE_OWNER);
  g_autofree char *staff = sp_pg_connection_dup_role_name (self, SP_PG_ROLE_STAFF);
  const char *values[2] = { owner, staff };

  result = sp_pg_connection_query (self,
    "SELECT CASE"
    " WHEN (SELECT relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
    "       FROM pg_class WHERE oid = 'sp_server'::regclass)"
    "      OR (EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)"
    "          AND pg_has_role (current_user, $1, 'MEMBER')) THEN 2"
    " WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2)"
    "      AND pg_has_role (current_user, $2, 'MEMBER') THEN 1"
    " ELSE 0 END",
    2, values, error);
  if (result == NULL)
    return SP_PG_ROLE_NONE;

  switch (atoi (PQgetvalue (result, 0, 0)))
    {
    case 2:
      return SP_PG_ROLE_OWNER;
    case 1:
      return SP_PG_ROLE_STAFF;
    default:
      return SP_PG_ROLE_NONE;
    }
}

/**
 * sp_pg_connection_owns_tables:
 *
 * Whether the login owns the shop's tables (it set the server up), which
 * row-level security does not apply to.
 */
gboolean
sp_pg_connection_owns_tables (SpPgConnection *self)
{
  g_return_val_if_fail (SP_IS_PG_CONNECTION (self), FALSE);

  if (self->owns_tables < 0)
    {
      g_autoptr(PGresult) result = NULL;

      result = sp_pg_connection_query (self,
        "SELECT (SELECT relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
        " FROM pg_class WHERE oid = to_regclass ('contacts'))",
        0, NULL, NULL);
      /* no tables yet: asked again once there are */
      if (result == NULL || PQgetisnull (result, 0, 0))
        return FALSE;
      self->owns_tables = g_str_equal (PQgetvalue (result, 0, 0), "t");
    }

  return self->owns_tables;
}
