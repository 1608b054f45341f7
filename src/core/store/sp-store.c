/* sp-store.c
 *
 * The SQLite file that holds everything the owner records: opening it
 * safely, its transactions and settings.  Its statements are in
 * sp-store-statements.c, the names of agents, customers and topics in
 * sp-store-names.c.
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

static void
sp_store_finalize (GObject *object)
{
  SpStore *self = (SpStore *) object;

  g_clear_object (&self->replica);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->statements, g_hash_table_unref);

  if (self->db != NULL)
    {
      /* A clean close checkpoints the WAL back into the file. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->restored_at, g_free);
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
                     /* TRANSLATORS: %s is the database's own words */
                     _("This record already exists (%s)."), detail);
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                             _("It refers to an agent, customer, topic or contact that no longer "
                               "exists."));
      else
        g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                     /* TRANSLATORS: %s is the database's own words */
                     _("A value is outside what is allowed (%s)."), detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SP_ERROR, SP_ERROR_BUSY,
                   /* TRANSLATORS: %s is the database file */
                   _("The database “%s” is in use by another program. Close that program and "
                     "try again; nothing was changed."), display);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   /* TRANSLATORS: %s is the database file */
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
                   /* TRANSLATORS: %s is the database file */
                   _("The database “%s” is damaged. Restore a backup (main menu → Restore…) or "
                     "open another file."), display);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                   /* TRANSLATORS: %s is the file */
                   _("“%s” is not a Service Pulse database. Open another file, or restore a "
                     "backup."), display);
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   /* TRANSLATORS: the database file, then the system's reason */
                   _("The database “%s” could not be read or written (%s). Check that the "
                     "disk is connected and try again."), display, detail);
      break;

    default:
      g_set_error (error, SP_ERROR, SP_ERROR_FAILED,
                   /* TRANSLATORS: the database file, then the database's own words */
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

  set_error_for_code (error, rc, self->display_name ? self->display_name : self->path,
                      self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
}

/**
 * sp_store_is_server_address:
 * @db: what --db names
 *
 * Whether @db names a shop on a PostgreSQL server (a postgresql:// URI or
 * libpq's keyword=value pairs such as "service=shop") rather than a file.
 */
gboolean
sp_store_is_server_address (const char *db)
{
  if (db == NULL)
    return FALSE;

  return g_str_has_prefix (db, "postgresql://") || g_str_has_prefix (db, "postgres://") ||
         g_str_has_prefix (db, "service=") || g_str_has_prefix (db, "host=") ||
         g_str_has_prefix (db, "dbname=");
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
                   /* TRANSLATORS: the database file, then why it can't be opened */
                   _("The database “%s” can't be opened: %s."), display, g_strerror (errsv));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                   /* TRANSLATORS: %s is the path chosen */
                   _("“%s” is a folder, not a database file. Choose a file instead."), display);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                   /* TRANSLATORS: %s is a file name */
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
                   /* TRANSLATORS: the database file, then why its folder can't be created */
                   _("The folder for “%s” can't be created: %s."), display, g_strerror (errsv));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int errsv = errno;

      g_set_error (error, SP_ERROR, errsv == EACCES || errsv == EROFS ? SP_ERROR_READ_ONLY
                                                                       : SP_ERROR_IO,
                   /* TRANSLATORS: the database file, then why it can't be created */
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
                   /* TRANSLATORS: %s is the database file */
                   _("“%s” is read-only, so nothing could be saved in it. Make the file "
                     "writable, or copy it to a folder of yours and open the copy; it has not "
                     "been changed."), display);
      return FALSE;
    }

  if (access (dir, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   /* TRANSLATORS: %s is the database file */
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

  if (step == SP_STEP_ERROR)
    return FALSE;

  /* no version of the app writes one below zero: the file's header is damaged */
  if (step != SP_STEP_ROW || *version < 0)
    {
      sp_store_set_error (self, SQLITE_CORRUPT, error);
      return FALSE;
    }

  return TRUE;
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
                       /* TRANSLATORS: %s is the database file */
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
                       /* TRANSLATORS: %s is the file */
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
                   /* TRANSLATORS: %s is the database file */
                   _("“%s” was saved by a newer version of Service Pulse. Update the app to "
                     "open it; it has not been changed."), display);
      return NULL;
    }

  if (self->version == 0 && is_foreign_database (self))
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                   /* TRANSLATORS: %s is the database file */
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

  /* a copy of a server's shop: the other computers' saves first, kept whatever follows */
  if (self->depth == 0 && self->replica != NULL && !self->replica_quiet &&
      !sp_store_server_prepare (self, error))
    return FALSE;

  /* IMMEDIATE takes the write lock now, so a busy database fails here and
   * not halfway through a save. */
  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT sp_%u", self->depth);

  if (!sp_store_exec (self, sql, error))
    return FALSE;

  self->depth++;

  /* a copy of a server's shop: the server's transaction, and its latest records */
  if (self->depth == 1 && self->replica != NULL && !self->replica_quiet &&
      !sp_store_server_begin (self, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

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

  /* the server first: what it refuses is not kept in the copy either */
  if (self->depth == 1 && self->replica != NULL && !self->replica_quiet &&
      !sp_store_server_commit (self, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  if (!sp_store_exec (self, sql, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  self->depth--;
  if (self->depth == 0)
    self->replica_quiet = FALSE;

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
      if (self->replica != NULL && !self->replica_quiet)
        sp_store_server_rollback (self);
      if (sqlite3_get_autocommit (self->db) == 0)
        sp_store_exec (self, "ROLLBACK", NULL);
      self->pending = 0;
      self->replica_quiet = FALSE;
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

/* Changes committed by other connections */

#define RESTORED_AT_KEY "restored-at"

static gboolean
read_data_version (SpStore  *self,
                   gint64   *version,
                   GError  **error)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (self, "PRAGMA data_version", error);

  if (stmt == NULL || sp_store_step (self, stmt, error) != SP_STEP_ROW)
    return FALSE;
  *version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * sp_store_check_outside_changes:
 *
 * Asks SQLite whether another connection (another program, such as the
 * command line) has committed changes since the last call, without
 * touching the file otherwise.  When it has, emits ::changed with every
 * kind of change, so that whatever shows the records reads them again.
 * The first call only notes where the file stands.  Cheap enough to call
 * every few seconds.
 */
SpStoreOutside
sp_store_check_outside_changes (SpStore  *self,
                                GError  **error)
{
  g_autofree char *restored_at = NULL;
  gboolean restored;
  gint64 version;

  g_return_val_if_fail (SP_IS_STORE (self), SP_STORE_OUTSIDE_NONE);

  if (self->depth > 0 || self->in_memory)
    return SP_STORE_OUTSIDE_NONE;

  /* a copy of a server's shop: what other computers saved */
  if (self->replica != NULL)
    {
      SpStoreOutside outside = sp_store_server_poll (self, error);

      if (outside != SP_STORE_OUTSIDE_NONE)
        return outside;
      if (error != NULL && *error != NULL)
        return SP_STORE_OUTSIDE_NONE;
    }

  if (!read_data_version (self, &version, error))
    return SP_STORE_OUTSIDE_NONE;

  if (self->outside_known && version == self->outside_version)
    return SP_STORE_OUTSIDE_NONE;

  restored_at = sp_store_dup_setting (self, RESTORED_AT_KEY);
  if (!self->outside_known || self->outside_hold > 0)
    {
      self->outside_known = TRUE;
      self->outside_version = version;
      g_free (self->restored_at);
      self->restored_at = g_steal_pointer (&restored_at);
      return SP_STORE_OUTSIDE_NONE;
    }

  restored = g_strcmp0 (restored_at, self->restored_at) != 0;
  self->outside_version = version;
  g_free (self->restored_at);
  self->restored_at = g_steal_pointer (&restored_at);

  g_signal_emit (self, signals[CHANGED], 0, (guint) SP_STORE_CHANGE_ALL);
  return restored ? SP_STORE_OUTSIDE_RESTORED : SP_STORE_OUTSIDE_CHANGED;
}

/*
 * Between these two, what another connection commits is taken as this
 * program's own (e.g. a save on a thread): the next check after the
 * release does not report it.
 */
void
sp_store_hold_outside_changes (SpStore *self)
{
  g_return_if_fail (SP_IS_STORE (self));
  self->outside_hold++;
}

void
sp_store_release_outside_changes (SpStore *self)
{
  g_return_if_fail (SP_IS_STORE (self));
  g_return_if_fail (self->outside_hold > 0);

  if (self->outside_known)
    sp_store_check_outside_changes (self, NULL);
  self->outside_hold--;
}

/* Notes in the file that a backup was just restored into it, for the
 * other connections to tell the owner */
gboolean
sp_store_mark_restored (SpStore  *self,
                        GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autofree char *value = g_strdup_printf ("%s %08x", stamp, g_random_int ());

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  return sp_store_set_setting (self, RESTORED_AT_KEY, value, error);
}

/* Settings */

char *
sp_store_dup_setting (SpStore    *self,
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

  /* a transaction of its own (a savepoint inside another): a server's shop writes only in one */
  if (!sp_store_begin (self, error))
    return FALSE;

  if (!sp_store_run (self, stmt, error))
    {
      sp_store_rollback (self);
      return FALSE;
    }

  sp_store_note_changes (self, SP_STORE_CHANGE_SETTINGS);
  return sp_store_commit (self, error);
}
