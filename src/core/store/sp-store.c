/* sp-store.c
 *
 * The SQLite file that holds everything the owner records: opening it
 * safely, its statements and transactions, settings, and the names of
 * agents, customers and topics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sp-error.h"
#include "sp-parse.h"
#include "sp-store-private.h"

G_DEFINE_FINAL_TYPE (SpStore, sp_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define FOR_ENTITY_TABLES(pre, post) { pre "agents" post, pre "customers" post, pre "categories" post }

static void
sp_store_finalize (GObject *object)
{
  SpStore *self = (SpStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);

  if (self->db != NULL)
    {
      /* A clean close checkpoints the WAL back into the file. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->hours, sp_hours_unref);

  G_OBJECT_CLASS (sp_store_parent_class)->finalize (object);
}

static void
sp_store_class_init (SpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_store_finalize;

  /**
   * SpStore::changed:
   * @changes: the #SpStoreChanges that were committed
   *
   * Emitted after a transaction that changed records was committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
sp_store_init (SpStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

void
sp_contact_filter_init (SpContactFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->from = SP_DATE_NONE;
  filter->to = SP_DATE_NONE;
  filter->channel = SP_CHANNEL_NONE;
  filter->state = SP_CONTACT_STATE_ALL;
  filter->sort = SP_CONTACT_SORT_RECEIVED;
  filter->descending = TRUE;
}

void
sp_survey_filter_init (SpSurveyFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->from = SP_DATE_NONE;
  filter->to = SP_DATE_NONE;
  filter->kind = -1;
  filter->channel = SP_CHANNEL_NONE;
  filter->descending = TRUE;
}

/* Errors */

static void
set_error_for_code (GError     **error,
                    int          rc,
                    const char  *path,
                    const char  *detail)
{
  g_autofree char *display = path ? g_filename_display_basename (path) : g_strdup ("");
  g_autofree char *valid_detail = NULL;

  /* SQLite's message can quote a damaged file's bytes */
  if (detail != NULL && !g_utf8_validate (detail, -1, NULL))
    detail = valid_detail = g_utf8_make_valid (detail, -1);

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error (error, SP_ERROR, SP_ERROR_DUPLICATE,
                     _("This record already exists (%s)."), detail);
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                             _("It refers to an agent, customer, topic or contact that no longer "
                               "exists."));
      else
        g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                     _("A value is outside what is allowed (%s)."), detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SP_ERROR, SP_ERROR_BUSY,
                   _("The database “%s” is in use by another program. Close that program and "
                     "try again; nothing was changed."), display);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   _("The database “%s” can't be changed because the file or its folder is "
                     "read-only. Check its permissions, or open a copy in a folder you can "
                     "write to."), display);
      break;

    case SQLITE_FULL:
      g_set_error_literal (error, SP_ERROR, SP_ERROR_NO_SPACE,
                           _("The disk is full. Free some space and try again; nothing was "
                             "saved."));
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, SP_ERROR, SP_ERROR_CORRUPT,
                   _("The database “%s” is damaged. Restore a backup (main menu → Restore…) or "
                     "open another file."), display);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                   _("“%s” is not a Service Pulse database. Open another file, or restore a "
                     "backup."), display);
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   _("The database “%s” could not be read or written (%s). Check that the "
                     "disk is connected and try again."), display, detail);
      break;

    default:
      g_set_error (error, SP_ERROR, SP_ERROR_FAILED,
                   _("The database “%s” reported a problem: %s"), display, detail);
      break;
    }
}

void
sp_store_set_error (SpStore  *self,
                    int       rc,
                    GError  **error)
{
  g_assert (SP_IS_STORE (self));

  set_error_for_code (error, rc, self->path,
                      self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
}

/* Statements */

sqlite3 *
sp_store_get_handle (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return self->db;
}

SpStmt *
sp_store_prepare_uncached (SpStore     *self,
                           const char  *sql,
                           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_critical ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      sp_store_set_error (self, rc, error);
      return NULL;
    }

  return stmt;
}

/*
 * Returns a prepared statement owned by the store.  Use it with
 * g_autoptr(SpStmt) so that it is reset when it goes out of scope.
 */
SpStmt *
sp_store_prepare (SpStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_critical ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      sp_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

SpStep
sp_store_step (SpStore  *self,
               SpStmt   *stmt,
               GError  **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return SP_STEP_ROW;
  if (rc == SQLITE_DONE)
    return SP_STEP_DONE;

  sp_store_set_error (self, sqlite3_extended_errcode (self->db), error);
  return SP_STEP_ERROR;
}

/* Steps a statement that returns no rows. */
gboolean
sp_store_run (SpStore  *self,
              SpStmt   *stmt,
              GError  **error)
{
  SpStep step;

  while ((step = sp_store_step (self, stmt, error)) == SP_STEP_ROW)
    ;

  return step == SP_STEP_DONE;
}

/*
 * Runs @stmt, which changes one row; when it changed none, fails with
 * %SP_ERROR_NOT_FOUND and the message @missing.
 */
gboolean
sp_store_run_changing (SpStore     *self,
                       SpStmt      *stmt,
                       const char  *missing,
                       GError     **error)
{
  if (!sp_store_run (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND, missing);
      return FALSE;
    }

  return TRUE;
}

/*
 * Runs @stmt, whose RETURNING clause gives the id of the row it wrote, into
 * @id; when it wrote none, fails with %SP_ERROR_NOT_FOUND and the message
 * @missing.
 */
gboolean
sp_store_run_returning_id (SpStore     *self,
                           SpStmt      *stmt,
                           gint64      *id,
                           const char  *missing,
                           GError     **error)
{
  switch (sp_store_step (self, stmt, error))
    {
    case SP_STEP_ROW:
      *id = sqlite3_column_int64 (stmt, 0);
      break;
    case SP_STEP_DONE:
      g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND, missing);
      return FALSE;
    case SP_STEP_ERROR:
    default:
      return FALSE;
    }

  /* finish the statement so that RETURNING has written its row */
  return sp_store_step (self, stmt, error) != SP_STEP_ERROR;
}

/*
 * Deletes the row that @sql (a DELETE with the id as ?1) names, and notes
 * @changes; when there is none, fails with %SP_ERROR_NOT_FOUND and the
 * message @missing.
 */
gboolean
sp_store_delete_by_id (SpStore         *self,
                       const char      *sql,
                       gint64           id,
                       SpStoreChanges   changes,
                       const char      *missing,
                       GError         **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!sp_store_run_changing (self, stmt, missing, error))
    return FALSE;

  sp_store_note_changes (self, changes);
  return TRUE;
}

/*
 * Steps a statement whose first column is an id, handing the ids to @func
 * in chunks: a small first one, for what is shown first, then large ones.
 */
gboolean
sp_store_scan_ids (SpStore    *self,
                   SpStmt     *stmt,
                   SpIdsFunc   func,
                   gpointer    user_data,
                   GError    **error)
{
  enum { FIRST_CHUNK = 64, CHUNK = 65536 };
  g_autofree gint64 *chunk = g_new (gint64, CHUNK);
  guint size = FIRST_CHUNK;
  guint n = 0;
  SpStep step;

  while ((step = sp_store_step (self, stmt, error)) == SP_STEP_ROW)
    {
      chunk[n++] = sqlite3_column_int64 (stmt, 0);

      if (n == size)
        {
          if (!func (chunk, n, user_data))
            goto cancelled;
          n = 0;
          size = CHUNK;
        }
    }

  if (step == SP_STEP_ERROR)
    return FALSE;

  if (n > 0 && !func (chunk, n, user_data))
    goto cancelled;

  return TRUE;

cancelled:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped."));
  return FALSE;
}

/*
 * Steps @stmt once and builds its row with @from_row; when it has none,
 * fails with %SP_ERROR_NOT_FOUND and the message @missing.
 */
gpointer
sp_store_read_row (SpStore     *self,
                   SpStmt      *stmt,
                   SpRowFunc    from_row,
                   const char  *missing,
                   GError     **error)
{
  SpStep step = sp_store_step (self, stmt, error);

  if (step == SP_STEP_ROW)
    return from_row (stmt);

  if (step == SP_STEP_DONE)
    g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND, missing);
  return NULL;
}

/* Steps @stmt to its end, building each row with @from_row. */
GPtrArray *
sp_store_collect_rows (SpStore         *self,
                       SpStmt          *stmt,
                       SpRowFunc        from_row,
                       GDestroyNotify   free_func,
                       GError         **error)
{
  g_autoptr(GPtrArray) ar = g_ptr_array_new_with_free_func (free_func);
  SpStep step;

  while ((step = sp_store_step (self, stmt, error)) == SP_STEP_ROW)
    g_ptr_array_add (ar, from_row (stmt));

  if (step == SP_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&ar);
}

/*
 * Reads the row of each of @ids in turn, binding it as ?1 of @stmt, in the
 * order of @ids; an id without a row (deleted since) is skipped.
 */
GPtrArray *
sp_store_collect_rows_by_id (SpStore         *self,
                             SpStmt          *stmt,
                             const gint64    *ids,
                             guint            n_ids,
                             SpRowFunc        from_row,
                             GDestroyNotify   free_func,
                             GError         **error)
{
  g_autoptr(GPtrArray) ar = g_ptr_array_new_full (n_ids, free_func);

  for (guint i = 0; i < n_ids; i++)
    {
      SpStep step;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      step = sp_store_step (self, stmt, error);

      if (step == SP_STEP_ERROR)
        return NULL;
      if (step == SP_STEP_ROW)
        g_ptr_array_add (ar, from_row (stmt));
    }

  return g_steal_pointer (&ar);
}

/* An SpIdsFunc that appends the ids to the GArray of gint64 @user_data. */
gboolean
sp_store_append_ids (const gint64 *ids,
                     guint         n_ids,
                     gpointer      user_data)
{
  g_array_append_vals (user_data, ids, n_ids);
  return TRUE;
}

gboolean
sp_store_exec (SpStore     *self,
               const char  *sql,
               GError     **error)
{
  char *message = NULL;
  int rc;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  sqlite3_free (message);

  if (rc != SQLITE_OK)
    {
      sp_store_set_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }

  return TRUE;
}

void
sp_bind_text (SpStmt     *stmt,
              int         index,
              const char *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

void
sp_bind_time (SpStmt *stmt,
              int     index,
              SpTime  value)
{
  if (value == SP_TIME_NONE)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

void
sp_bind_double (SpStmt *stmt,
                int     index,
                double  value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

void
sp_bind_id (SpStmt *stmt,
            int     index,
            gint64  value)
{
  if (value <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

SpTime
sp_column_time (SpStmt *stmt,
                int     index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return SP_TIME_NONE;
  return sqlite3_column_int64 (stmt, index);
}

SpDate
sp_column_date (SpStmt *stmt,
                int     index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return SP_DATE_NONE;
  return sqlite3_column_int (stmt, index);
}

double
sp_column_double (SpStmt *stmt,
                  int     index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, index);
}

char *
sp_column_dup_text (SpStmt *stmt,
                    int     index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text ? g_strdup ((const char *) text) : NULL;
}

/* Opening */

char *
sp_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "service-pulse", "service-pulse.db", NULL);
}

/*
 * What is at @path, from its metadata alone: nothing, or a regular file.
 * Anything else (a folder, a device, a pipe) is refused untouched.
 */
static gboolean
check_file_kind (const char  *path,
                 gboolean    *exists,
                 gboolean    *writable,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  GStatBuf st;

  *exists = FALSE;
  *writable = TRUE;

  if (g_stat (path, &st) != 0)
    {
      int errsv = errno;

      if (errsv == ENOENT)
        return TRUE;

      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   _("The database “%s” can't be opened: %s."), display, g_strerror (errsv));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                   _("“%s” is a folder, not a database file. Choose a file instead."), display);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                   _("“%s” is not a regular file (it is a device, a pipe or a socket), so it "
                     "can't be a database. Choose a database file; it has not been touched."),
                   display);
      return FALSE;
    }

  *exists = TRUE;

  /* The owner took every write permission away: even an administrator,
   * whom the system would let write, gets the file as it is */
  *writable = (st.st_mode & 0222) != 0;

  return TRUE;
}

/**
 * sp_sqlite_check_header:
 * @db: a connection whose main database was just opened
 *
 * Reads the first bytes of @db's main file through SQLite's own file
 * handle.  Opening and closing the file any other way would drop the
 * POSIX locks that every connection of this process holds on it, and
 * another process would then take the database for unused and remove its
 * WAL while this one still writes to it.
 *
 * Returns: %SQLITE_OK for an SQLite database, %SQLITE_EMPTY for an empty
 *   file, %SQLITE_NOTADB for anything else, or the error of the read
 */
int
sp_sqlite_check_header (sqlite3 *db)
{
  static const char magic[16] = "SQLite format 3";
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  char header[16];
  int rc;

  rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;

  rc = file->pMethods->xFileSize (file, &size);
  if (rc != SQLITE_OK)
    return rc;
  if (size == 0)
    return SQLITE_EMPTY;
  if (size < (sqlite3_int64) sizeof header)
    return SQLITE_NOTADB;

  rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if (rc != SQLITE_OK)
    return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_NOTADB : rc;

  return memcmp (header, magic, sizeof magic) == 0 ? SQLITE_OK : SQLITE_NOTADB;
}

/**
 * sp_sqlite_read_file:
 * @db: a connection whose main database is open
 * @func: called with each chunk of the file's bytes, in order
 *
 * Reads @db's main file as it is on disk, through SQLite's file handle
 * (see sp_sqlite_check_header()), e.g. to keep a damaged file's bytes.
 *
 * Returns: %SQLITE_OK, or the error of a read, or %SQLITE_ABORT when
 *   @func returned %FALSE
 */
int
sp_sqlite_read_file (sqlite3         *db,
                     SpReadChunkFunc  func,
                     gpointer         user_data)
{
  enum { CHUNK = 65536 };
  g_autofree char *buffer = g_malloc (CHUNK);
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  int rc;

  rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;

  rc = file->pMethods->xFileSize (file, &size);
  if (rc != SQLITE_OK)
    return rc;

  for (sqlite3_int64 offset = 0; offset < size; offset += CHUNK)
    {
      int n = (int) MIN ((sqlite3_int64) CHUNK, size - offset);

      rc = file->pMethods->xRead (file, buffer, n, offset);
      if (rc != SQLITE_OK)
        return rc;
      if (!func (buffer, n, user_data))
        return SQLITE_ABORT;
    }

  return SQLITE_OK;
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, SP_ERROR, errsv == EACCES || errsv == EROFS ? SP_ERROR_READ_ONLY
                                                                       : SP_ERROR_IO,
                   _("The folder for “%s” can't be created: %s."), display, g_strerror (errsv));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int errsv = errno;

      g_set_error (error, SP_ERROR, errsv == EACCES || errsv == EROFS ? SP_ERROR_READ_ONLY
                                                                       : SP_ERROR_IO,
                   _("The database “%s” can't be created: %s."), display, g_strerror (errsv));
      return FALSE;
    }

  if (fd >= 0)
    close (fd);

  return TRUE;
}

/* SQLite needs to write the file, and its -wal and -shm beside it, even to
 * read a WAL database: say so before it fails with a vaguer error. */
static gboolean
check_writable (const char  *path,
                gboolean     mode_writable,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_basename (path);

  if (!mode_writable ||
      (access (path, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM)))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   _("“%s” is read-only, so nothing could be saved in it. Make the file "
                     "writable, or copy it to a folder of yours and open the copy; it has not "
                     "been changed."), display);
      return FALSE;
    }

  if (access (dir, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   _("“%s” is in a folder that can't be written to, and the database keeps two "
                     "small working files beside it. Copy it to a folder of yours, such as "
                     "Documents, and open the copy; it has not been changed."), display);
      return FALSE;
    }

  return TRUE;
}

/* Reads every page once, so that a damaged file is refused before anything
 * writes to it rather than when a save reaches the damaged page. */
static gboolean
verify_pages (SpStore  *self,
              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);

      ok = g_strcmp0 (result, "ok") == 0;
      if (!ok)
        {
          g_debug ("%s: quick_check: %s", self->path, result);
          set_error_for_code (error, SQLITE_CORRUPT, self->path, result);
        }
    }
  else
    {
      sp_store_set_error (self, sqlite3_extended_errcode (self->db), error);
    }

  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
read_user_version (SpStore  *self,
                   int      *version,
                   GError  **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare_uncached (self, "PRAGMA user_version", error);
  SpStep step;

  if (stmt == NULL)
    return FALSE;

  step = sp_store_step (self, stmt, error);
  if (step == SP_STEP_ROW)
    *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (g_steal_pointer (&stmt));

  return step != SP_STEP_ERROR;
}

static gboolean
is_foreign_database (SpStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean foreign = FALSE;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    foreign = sqlite3_column_int (stmt, 0) > 0;

  sqlite3_finalize (stmt);
  return foreign;
}

/* SP_TRACE_SQL=1: each statement with the time it took, for finding slow queries */
static int
trace_statement (unsigned  type,
                 void     *data,
                 void     *p,
                 void     *x)
{
  sqlite3_stmt *stmt = p;
  double ms = *(sqlite3_int64 *) x / 1e6;
  char *sql = sqlite3_expanded_sql (stmt);

  g_printerr ("SQL %8.2f ms  %s\n", ms, sql ? sql : sqlite3_sql (stmt));
  sqlite3_free (sql);
  return 0;
}

/*
 * A reader of a file that an earlier version wrote must not change it (it
 * may be a backup, or another program's to update): it reads an updated
 * copy of it in memory instead.
 */
static gboolean
update_in_memory (SpStore  *self,
                  GError  **error)
{
  sqlite3 *memory = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (memory, "main", self->db, "main");
      if (backup == NULL)
        {
          rc = sqlite3_extended_errcode (memory);
        }
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
    }

  if (rc != SQLITE_DONE)
    {
      sp_store_set_error (self, rc == SQLITE_OK ? SQLITE_ERROR : rc, error);
      sqlite3_close (memory);
      return FALSE;
    }

  g_hash_table_remove_all (self->statements);
  sqlite3_close_v2 (self->db);
  self->db = memory;
  self->in_memory = TRUE;
  sqlite3_extended_result_codes (self->db, 1);

  return sp_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         sp_store_migrate (self, error);
}

/**
 * sp_store_open:
 * @path: (nullable): the database file, or %NULL for the default
 *
 * Opens the database, creating it (mode 0600, in a 0700 folder) when it
 * does not exist, and brings its schema up to date.  A file that is not a
 * Service Pulse database, is damaged, or was written by a newer version is
 * refused with a message that says what to do, and is not written to.
 */
SpStore *
sp_store_open (const char        *path,
               SpStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(SpStore) self = NULL;
  g_autofree char *default_path = NULL;
  gboolean exists;
  gboolean writable;
  gboolean read_only = (flags & SP_STORE_OPEN_READ_ONLY) != 0;
  int open_flags;
  int rc;

  if (path == NULL)
    path = default_path = sp_store_dup_default_path ();

  if (!check_file_kind (path, &exists, &writable, error))
    return NULL;

  if (!exists)
    {
      if (read_only || (flags & SP_STORE_OPEN_NO_CREATE))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                       _("There is no database “%s”."), display);
          return NULL;
        }

      if (!create_private_file (path, error))
        return NULL;
    }

  if (exists && !read_only && !check_writable (path, writable, error))
    return NULL;

  self = g_object_new (SP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  open_flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  rc = sqlite3_open_v2 (path, &self->db, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      sp_store_set_error (self, rc, error);
      return NULL;
    }

  rc = sp_sqlite_check_header (self->db);
  if (rc != SQLITE_OK && rc != SQLITE_EMPTY)
    {
      if (rc == SQLITE_NOTADB)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                       _("“%s” is not a Service Pulse database. Open another file, or restore a "
                         "backup."), display);
        }
      else
        {
          set_error_for_code (error, rc, path, sqlite3_errstr (rc));
        }
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (g_getenv ("SP_TRACE_SQL") != NULL)
    sqlite3_trace_v2 (self->db, SQLITE_TRACE_PROFILE, trace_statement, NULL);

  if (!read_user_version (self, &self->version, error))
    return NULL;

  if (self->version > sp_store_get_latest_schema_version ())
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, SP_ERROR, SP_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Service Pulse. Update the app to "
                     "open it; it has not been changed."), display);
      return NULL;
    }

  if (self->version == 0 && is_foreign_database (self))
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                   _("“%s” is a database of another program, not of Service Pulse. Open "
                     "another file; it has not been changed."), display);
      return NULL;
    }

  /* A damaged file is never written to; and an update writes, so a file
   * that needs one is checked first even when the caller did not ask */
  if (((flags & SP_STORE_OPEN_VERIFY) ||
       (!read_only && self->version > 0 &&
        self->version < sp_store_get_latest_schema_version ())) &&
      !verify_pages (self, error))
    return NULL;

  if (!sp_store_check_schema (self, error))
    return NULL;

  if (!sp_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (read_only)
    {
      if (self->version < sp_store_get_latest_schema_version () &&
          !update_in_memory (self, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (!sp_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !sp_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !sp_store_exec (self, "PRAGMA cache_size = -65536", error) ||
      !sp_store_migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sp_store_open_reader:
 *
 * Opens a second, read-only connection to the same file, for work on
 * another thread (a connection must stay on one thread).
 */
SpStore *
sp_store_open_reader (SpStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);

  return sp_store_open (self->path, SP_STORE_OPEN_READ_ONLY, error);
}

const char *
sp_store_get_path (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  return self->path;
}

int
sp_store_get_schema_version (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), 0);
  return self->version;
}

gboolean
sp_store_is_read_only (SpStore *self)
{
  g_return_val_if_fail (SP_IS_STORE (self), TRUE);
  return self->read_only;
}

gboolean
sp_store_is_empty (SpStore *self)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), TRUE);

  stmt = sp_store_prepare (self,
                           "SELECT NOT EXISTS (SELECT 1 FROM contacts) "
                           "AND NOT EXISTS (SELECT 1 FROM surveys) "
                           "AND NOT EXISTS (SELECT 1 FROM shifts) "
                           "AND NOT EXISTS (SELECT 1 FROM month_figures)", NULL);
  if (stmt == NULL || sp_store_step (self, stmt, NULL) != SP_STEP_ROW)
    return FALSE;

  return sqlite3_column_int (stmt, 0) != 0;
}

/* Transactions */

gboolean
sp_store_begin (SpStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (self->read_only)
    {
      set_error_for_code (error, SQLITE_READONLY, self->path, "");
      return FALSE;
    }

  /* IMMEDIATE takes the write lock now, so a busy database fails here and
   * not halfway through a save. */
  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT sp_%u", self->depth);

  if (!sp_store_exec (self, sql, error))
    return FALSE;

  self->depth++;
  return TRUE;
}

gboolean
sp_store_commit (SpStore  *self,
                 GError  **error)
{
  g_autofree char *sql = NULL;
  SpStoreChanges changes;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE sp_%u", self->depth - 1);

  if (!sp_store_exec (self, sql, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  self->depth--;

  if (self->depth == 0 && self->pending != 0)
    {
      changes = self->pending;
      self->pending = 0;
      g_signal_emit (self, signals[CHANGED], 0, (guint) changes);
    }

  return TRUE;
}

void
sp_store_rollback (SpStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (SP_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    {
      if (sqlite3_get_autocommit (self->db) == 0)
        sp_store_exec (self, "ROLLBACK", NULL);
      self->pending = 0;
    }
  else
    {
      sql = g_strdup_printf ("ROLLBACK TO sp_%u; RELEASE sp_%u", self->depth - 1,
                             self->depth - 1);
      sp_store_exec (self, sql, NULL);
    }

  self->depth--;
}

/*
 * Runs @write on @record in a transaction of its own (a savepoint inside
 * another), rolled back when it fails.
 */
gboolean
sp_store_write_in_transaction (SpStore      *self,
                               SpWriteFunc   write,
                               gpointer      record,
                               gboolean      insert,
                               GError      **error)
{
  if (!sp_store_begin (self, error))
    return FALSE;

  if (!write (self, record, insert, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  return sp_store_commit (self, error);
}

void
sp_store_note_changes (SpStore        *self,
                       SpStoreChanges  changes)
{
  g_assert (SP_IS_STORE (self));

  if (self->depth > 0)
    self->pending |= changes;
  else
    g_signal_emit (self, signals[CHANGED], 0, (guint) changes);
}

void
sp_store_emit_changed (SpStore        *self,
                       SpStoreChanges  changes)
{
  g_return_if_fail (SP_IS_STORE (self));
  g_signal_emit (self, signals[CHANGED], 0, (guint) changes);
}

/* Settings */

char *
sp_store_get_setting (SpStore    *self,
                      const char *key)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = sp_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  sp_bind_text (stmt, 1, key);
  if (sp_store_step (self, stmt, NULL) != SP_STEP_ROW)
    return NULL;

  return sp_column_dup_text (stmt, 0);
}

gboolean
sp_store_set_setting (SpStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    stmt = sp_store_prepare (self, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = sp_store_prepare (self,
                             "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;

  sp_bind_text (stmt, 1, key);
  if (value != NULL)
    sp_bind_text (stmt, 2, value);

  if (!sp_store_run (self, stmt, error))
    return FALSE;

  sp_store_note_changes (self, SP_STORE_CHANGE_SETTINGS);
  return TRUE;
}

/* Agents, customers and topics */

static gboolean
check_kind (SpEntityKind kind)
{
  return kind >= 0 && kind < SP_N_ENTITY_KINDS;
}

gint64
sp_store_find_entity (SpStore      *self,
                      SpEntityKind  kind,
                      const char   *name)
{
  static const char * const sql[] = FOR_ENTITY_TABLES ("SELECT id FROM ", " WHERE name_key = ?1");
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), 0);
  g_return_val_if_fail (check_kind (kind), 0);

  if (sp_str_is_blank (name))
    return 0;

  stmt = sp_store_prepare (self, sql[kind], NULL);
  if (stmt == NULL)
    return 0;

  key = sp_name_key (name);
  sp_bind_text (stmt, 1, key);

  if (sp_store_step (self, stmt, NULL) != SP_STEP_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * sp_store_ensure_entity:
 *
 * Returns the id of the agent, customer or topic called @name (matched
 * case-insensitively after trimming), creating it if needed.  A blank name
 * returns 0 without error: no customer, no topic.
 */
gint64
sp_store_ensure_entity (SpStore       *self,
                        SpEntityKind   kind,
                        const char    *name,
                        GError       **error)
{
  static const char * const sql[] =
    FOR_ENTITY_TABLES ("INSERT INTO ", " (name, name_key) VALUES (?1, ?2)");
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *key = NULL;
  gint64 id;

  g_return_val_if_fail (SP_IS_STORE (self), 0);
  g_return_val_if_fail (check_kind (kind), 0);

  if (sp_str_is_blank (name))
    return 0;

  if ((id = sp_store_find_entity (self, kind, name)) > 0)
    return id;

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   _("The %s name is not valid text."), sp_entity_kind_get_label (kind));
      return 0;
    }

  clean = sp_name_clean (name);
  key = sp_name_key (name);

  if (g_utf8_strlen (clean, -1) > 200)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   _("The name “%.40s…” is too long (at most 200 characters)."), clean);
      return 0;
    }

  stmt = sp_store_prepare (self, sql[kind], error);
  if (stmt == NULL)
    return 0;

  sp_bind_text (stmt, 1, clean);
  sp_bind_text (stmt, 2, key);

  if (!sp_store_run (self, stmt, error))
    return 0;

  sp_store_note_changes (self, SP_STORE_CHANGE_ENTITIES);
  return sqlite3_last_insert_rowid (self->db);
}

/* Uses @id when set, otherwise the entity called @name. */
gint64
sp_store_resolve_entity (SpStore       *self,
                         SpEntityKind   kind,
                         gint64         id,
                         const char    *name,
                         GError       **error)
{
  if (id > 0)
    return id;
  return sp_store_ensure_entity (self, kind, name, error);
}

static SpEntity *
entity_from_row (SpEntityKind  kind,
                 SpStmt       *stmt)
{
  SpEntity *entity = sp_entity_new (kind,
                                    sqlite3_column_int64 (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    sqlite3_column_int (stmt, 2));

  entity->email = sp_column_dup_text (stmt, 3);
  entity->phone = sp_column_dup_text (stmt, 4);

  return entity;
}

#define ENTITY_COLUMNS "SELECT id, name, active, "
#define CUSTOMER_EXTRA "email, phone FROM customers"
#define OTHER_EXTRA(table) "NULL, NULL FROM " table

SpEntity *
sp_store_get_entity (SpStore       *self,
                     SpEntityKind   kind,
                     gint64         id,
                     GError       **error)
{
  static const char * const sql[] = {
    ENTITY_COLUMNS OTHER_EXTRA ("agents") " WHERE id = ?1",
    ENTITY_COLUMNS CUSTOMER_EXTRA " WHERE id = ?1",
    ENTITY_COLUMNS OTHER_EXTRA ("categories") " WHERE id = ?1",
  };
  g_autoptr(SpStmt) stmt = NULL;
  SpStep step;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (check_kind (kind), NULL);

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  step = sp_store_step (self, stmt, error);

  if (step == SP_STEP_ROW)
    return entity_from_row (kind, stmt);

  if (step == SP_STEP_DONE)
    g_set_error (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                 _("This %s no longer exists."), sp_entity_kind_get_label (kind));
  return NULL;
}

static GPtrArray *
collect_entities (SpStore       *self,
                  SpEntityKind   kind,
                  SpStmt        *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) ar = g_ptr_array_new_with_free_func (g_object_unref);
  SpStep step;

  while ((step = sp_store_step (self, stmt, error)) == SP_STEP_ROW)
    g_ptr_array_add (ar, entity_from_row (kind, stmt));

  if (step == SP_STEP_ERROR)
    return NULL;

  return g_steal_pointer (&ar);
}

GPtrArray *
sp_store_list_entities (SpStore       *self,
                        SpEntityKind   kind,
                        gboolean       include_inactive,
                        GError       **error)
{
  static const char * const sql[] = {
    ENTITY_COLUMNS OTHER_EXTRA ("agents")
      " WHERE active OR ?1 ORDER BY name_key",
    ENTITY_COLUMNS CUSTOMER_EXTRA
      " WHERE active OR ?1 ORDER BY name_key",
    ENTITY_COLUMNS OTHER_EXTRA ("categories")
      " WHERE active OR ?1 ORDER BY name_key",
  };
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (check_kind (kind), NULL);

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, include_inactive);
  return collect_entities (self, kind, stmt, error);
}

/* The same, each with how many contacts refer to it (SpEntity.n_contacts). */
GPtrArray *
sp_store_list_entities_with_counts (SpStore       *self,
                                    SpEntityKind   kind,
                                    gboolean       include_inactive,
                                    GError       **error)
{
  static const char * const sql[] = {
    ENTITY_COLUMNS OTHER_EXTRA ("agents")
      " WHERE active OR ?1 ORDER BY name_key",
    ENTITY_COLUMNS CUSTOMER_EXTRA
      " WHERE active OR ?1 ORDER BY name_key",
    ENTITY_COLUMNS OTHER_EXTRA ("categories")
      " WHERE active OR ?1 ORDER BY name_key",
  };
  static const char * const count_sql[] = {
    "SELECT count(*) FROM contacts WHERE agent_id = ?1",
    "SELECT count(*) FROM contacts WHERE customer_id = ?1",
    "SELECT count(*) FROM contacts WHERE category_id = ?1",
  };
  g_autoptr(GPtrArray) ar = NULL;
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (check_kind (kind), NULL);

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, include_inactive);
  if (!(ar = collect_entities (self, kind, stmt, error)))
    return NULL;

  for (guint i = 0; i < ar->len; i++)
    {
      SpEntity *entity = g_ptr_array_index (ar, i);
      g_autoptr(SpStmt) count = sp_store_prepare (self, count_sql[kind], error);

      if (count == NULL)
        return NULL;

      sqlite3_bind_int64 (count, 1, entity->id);
      if (sp_store_step (self, count, error) != SP_STEP_ROW)
        return NULL;

      entity->n_contacts = sqlite3_column_int64 (count, 0);
    }

  return g_steal_pointer (&ar);
}

/* Active names that start with @prefix (case-insensitively), for completion. */
GPtrArray *
sp_store_complete_entities (SpStore       *self,
                            SpEntityKind   kind,
                            const char    *prefix,
                            guint          limit,
                            GError       **error)
{
  static const char * const sql[] = {
    ENTITY_COLUMNS OTHER_EXTRA ("agents")
      " WHERE active AND name_key >= ?1 AND name_key < ?2 ORDER BY name_key LIMIT ?3",
    ENTITY_COLUMNS CUSTOMER_EXTRA
      " WHERE active AND name_key >= ?1 AND name_key < ?2 ORDER BY name_key LIMIT ?3",
    ENTITY_COLUMNS OTHER_EXTRA ("categories")
      " WHERE active AND name_key >= ?1 AND name_key < ?2 ORDER BY name_key LIMIT ?3",
  };
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), NULL);
  g_return_val_if_fail (check_kind (kind), NULL);

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return NULL;

  key = sp_name_key (prefix ? prefix : "");
  /* every key that starts with @key sorts before @key + U+10FFFF */
  upper = g_strconcat (key, "\xf4\x8f\xbf\xbf", NULL);

  sp_bind_text (stmt, 1, key);
  sp_bind_text (stmt, 2, upper);
  sqlite3_bind_int (stmt, 3, limit > 0 ? (int) limit : 20);

  return collect_entities (self, kind, stmt, error);
}

/* Runs @stmt, which changes the agent, customer or topic it names */
static gboolean
run_entity_change (SpStore       *self,
                   SpEntityKind   kind,
                   SpStmt        *stmt,
                   GError       **error)
{
  g_autofree char *missing = g_strdup_printf (_("This %s no longer exists."),
                                              sp_entity_kind_get_label (kind));

  if (!sp_store_run_changing (self, stmt, missing, error))
    return FALSE;

  sp_store_note_changes (self, SP_STORE_CHANGE_ENTITIES);
  return TRUE;
}

gboolean
sp_store_rename_entity (SpStore       *self,
                        SpEntityKind   kind,
                        gint64         id,
                        const char    *name,
                        GError       **error)
{
  static const char * const sql[] =
    FOR_ENTITY_TABLES ("UPDATE ", " SET name = ?2, name_key = ?3 WHERE id = ?1");
  g_autoptr(SpStmt) stmt = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *key = NULL;
  gint64 other;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (check_kind (kind), FALSE);

  if (sp_str_is_blank (name) || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Enter a name."));
      return FALSE;
    }

  clean = sp_name_clean (name);
  key = sp_name_key (name);

  other = sp_store_find_entity (self, kind, name);
  if (other > 0 && other != id)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_DUPLICATE,
                   _("There is already a %s called “%s”."),
                   sp_entity_kind_get_label (kind), clean);
      return FALSE;
    }

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sp_bind_text (stmt, 2, clean);
  sp_bind_text (stmt, 3, key);

  return run_entity_change (self, kind, stmt, error);
}

gboolean
sp_store_set_entity_active (SpStore       *self,
                            SpEntityKind   kind,
                            gint64         id,
                            gboolean       active,
                            GError       **error)
{
  static const char * const sql[] =
    FOR_ENTITY_TABLES ("UPDATE ", " SET active = ?2 WHERE id = ?1");
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (check_kind (kind), FALSE);

  if (!(stmt = sp_store_prepare (self, sql[kind], error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, !!active);

  return run_entity_change (self, kind, stmt, error);
}

gboolean
sp_store_set_customer_details (SpStore     *self,
                               gint64       id,
                               const char  *email,
                               const char  *phone,
                               GError     **error)
{
  g_autoptr(SpStmt) stmt = NULL;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  stmt = sp_store_prepare (self, "UPDATE customers SET email = ?2, phone = ?3 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sp_bind_text (stmt, 2, sp_str_is_blank (email) ? NULL : email);
  sp_bind_text (stmt, 3, sp_str_is_blank (phone) ? NULL : phone);

  if (!sp_store_run (self, stmt, error))
    return FALSE;

  sp_store_note_changes (self, SP_STORE_CHANGE_ENTITIES);
  return TRUE;
}

static gboolean
run_with_ids (SpStore     *self,
              const char  *sql,
              gint64       from_id,
              gint64       into_id,
              GError     **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, into_id);
  return sp_store_run (self, stmt, error);
}

/**
 * sp_store_merge_entities:
 *
 * Moves every record of topic (or customer) @from_id to @into_id and
 * removes @from_id; a topic's goals follow it.  Repeats are recomputed,
 * since two topics that become one can turn contacts into repeats.
 */
gboolean
sp_store_merge_entities (SpStore       *self,
                         SpEntityKind   kind,
                         gint64         from_id,
                         gint64         into_id,
                         GError       **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  if (kind == SP_ENTITY_AGENT)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Agents can't be merged; rename or deactivate one instead."));
      return FALSE;
    }

  if (from_id == into_id)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Choose two different entries to merge."));
      return FALSE;
    }

  if (!sp_store_begin (self, error))
    return FALSE;

  if (kind == SP_ENTITY_CATEGORY)
    {
      if (!run_with_ids (self,
                         "INSERT OR IGNORE INTO temp.sp_marked (customer_id) "
                         "SELECT DISTINCT customer_id FROM contacts "
                         "WHERE category_id IN (?1, ?2) AND customer_id IS NOT NULL",
                         from_id, into_id, error) ||
          !run_with_ids (self, "UPDATE contacts SET category_id = ?2 WHERE category_id = ?1",
                         from_id, into_id, error) ||
          !run_with_ids (self, "UPDATE surveys SET category_id = ?2 WHERE category_id = ?1",
                         from_id, into_id, error) ||
          !run_with_ids (self, "UPDATE goals SET category_id = ?2 WHERE category_id = ?1",
                         from_id, into_id, error) ||
          !run_with_ids (self, "DELETE FROM categories WHERE id = ?1 AND ?2 IS NOT NULL",
                         from_id, into_id, error))
        goto failed;
    }
  else
    {
      if (!run_with_ids (self,
                         "INSERT OR IGNORE INTO temp.sp_marked (customer_id) VALUES (?2)",
                         from_id, into_id, error) ||
          !run_with_ids (self, "UPDATE contacts SET customer_id = ?2 WHERE customer_id = ?1",
                         from_id, into_id, error) ||
          !run_with_ids (self, "UPDATE surveys SET customer_id = ?2 WHERE customer_id = ?1",
                         from_id, into_id, error) ||
          !run_with_ids (self, "DELETE FROM customers WHERE id = ?1 AND ?2 IS NOT NULL",
                         from_id, into_id, error))
        goto failed;
    }

  if (!sp_store_refresh_marked (self, error))
    goto failed;

  sp_store_note_changes (self, SP_STORE_CHANGE_ENTITIES | SP_STORE_CHANGE_CONTACTS |
                               SP_STORE_CHANGE_SURVEYS |
                               (kind == SP_ENTITY_CATEGORY ? SP_STORE_CHANGE_GOALS : 0));
  return sp_store_commit (self, error);

failed:
  sp_store_rollback (self);
  return FALSE;
}
