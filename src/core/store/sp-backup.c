/* sp-backup.c
 *
 * Copies of the database in a "backups" folder beside it, made with
 * SQLite's online backup API so that each is consistent even while the
 * app writes; the retention rule that decides which copies stay; and
 * restoring a copy.
 *
 * A copy is written under a hidden ".NAME.partial" name, checked with
 * PRAGMA quick_check, synced and only then renamed to its final name, so
 * a crash never leaves a half-written file that looks like a backup.
 * Copies are self-contained files (rollback journal, not WAL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-backup"

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sp-backup.h"
#include "sp-error.h"
#include "sp-export-file.h"
#include "sp-store-private.h"

#define FOLDER_NAME "backups"

static const char * const reason_words[SP_N_BACKUP_REASONS] = {
  "daily",
  "manual",
  "before-update",
  "before-restore",
  "set-aside",
};

void
sp_backup_info_free (SpBackupInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_free (info);
}

const char *
sp_backup_reason_to_string (SpBackupReason reason)
{
  g_return_val_if_fail (reason < SP_N_BACKUP_REASONS, NULL);
  return reason_words[reason];
}

const char *
sp_backup_reason_get_label (SpBackupReason reason)
{
  switch (reason)
    {
    case SP_BACKUP_DAILY:
      return _("Daily backup");
    case SP_BACKUP_MANUAL:
      return _("Backed up by hand");
    case SP_BACKUP_BEFORE_UPDATE:
      return _("Before an update of the app");
    case SP_BACKUP_BEFORE_RESTORE:
      return _("Before a restore");
    case SP_BACKUP_SET_ASIDE:
      return _("Unreadable file, set aside");
    case SP_N_BACKUP_REASONS:
    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

/* Names */

/*
 * Copies are named after the whole file name of their database
 * ("shop.db-2026-10-01-093000-daily.db"), so that shop.db and shop.sqlite
 * in one folder never share them.  Earlier versions named them after the
 * stem alone ("shop-2026-…"); such a copy still belongs to the database
 * when no other database in its folder has that stem.
 */
static char *
get_prefix (const char *db_path)
{
  return g_path_get_basename (db_path);
}

/* "shop" for "/x/shop.db", the prefix of copies made by earlier versions */
static char *
get_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

char *
sp_backup_dup_folder (const char *db_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, FOLDER_NAME, NULL);
}

static char *
make_name (const char     *stem,
           SpTime          time,
           SpBackupReason  reason,
           guint           seq)
{
  SpDate date = sp_time_to_date (time);
  SpTime rest = time - sp_date_to_time (date);
  g_autofree char *suffix = seq > 1 ? g_strdup_printf ("-%u", seq) : g_strdup ("");
  int y, mo, d;

  sp_date_to_ymd (date, &y, &mo, &d);

  return g_strdup_printf ("%s-%04d-%02d-%02d-%02d%02d%02d-%s%s.db", stem, y, mo, d,
                          (int) (rest / 3600), (int) (rest / 60 % 60), (int) (rest % 60),
                          reason_words[reason], suffix);
}

/* The file name of a copy of @db_path made at @time, e.g.
 * "shop.db-2026-10-01-093000-daily.db". */
char *
sp_backup_make_name (const char     *db_path,
                     SpTime          time,
                     SpBackupReason  reason)
{
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (reason < SP_N_BACKUP_REASONS, NULL);

  prefix = get_prefix (db_path);
  return make_name (prefix, time, reason, 1);
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return n > 0;
}

static int
number (const char *s,
        gsize       n)
{
  int v = 0;

  for (gsize i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

static SpBackupInfo *
parse_name (const char *prefix,
            const char *name);

/* Reads a copy's file name back; NULL when @name is not a copy of @db_path.
 * A name of an earlier version's copy (after the stem) is read as well:
 * sp_backup_list() decides whether it is this database's. */
SpBackupInfo *
sp_backup_parse_name (const char *db_path,
                      const char *name)
{
  g_autofree char *prefix = NULL;
  g_autofree char *stem = NULL;
  SpBackupInfo *info;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  prefix = get_prefix (db_path);
  if ((info = parse_name (prefix, name)) != NULL)
    return info;

  stem = get_stem (db_path);
  if ((info = parse_name (stem, name)) != NULL)
    info->legacy = TRUE;

  return info;
}

static SpBackupInfo *
parse_name (const char *stem,
            const char *name)
{
  g_autoptr(SpBackupInfo) info = NULL;
  const char *rest, *tail;
  gsize len, stem_len;
  int y, mo, d, h, mi, s;

  stem_len = strlen (stem);

  if (strncmp (name, stem, stem_len) != 0 || name[stem_len] != '-' ||
      !g_str_has_suffix (name, ".db"))
    return NULL;

  rest = name + stem_len + 1;
  len = strlen (rest) - strlen (".db");

  /* YYYY-MM-DD-HHMMSS- */
  if (len < 19 ||
      !all_digits (rest, 4) || rest[4] != '-' || !all_digits (rest + 5, 2) || rest[7] != '-' ||
      !all_digits (rest + 8, 2) || rest[10] != '-' || !all_digits (rest + 11, 6) ||
      rest[17] != '-')
    return NULL;

  y = number (rest, 4);
  mo = number (rest + 5, 2);
  d = number (rest + 8, 2);
  h = number (rest + 11, 2);
  mi = number (rest + 13, 2);
  s = number (rest + 15, 2);

  if (!sp_date_is_valid_ymd (y, mo, d) || h > 23 || mi > 59 || s > 59)
    return NULL;

  info = g_new0 (SpBackupInfo, 1);
  info->time = sp_time_from_ymdhms (y, mo, d, h, mi, s);
  info->reason = SP_N_BACKUP_REASONS;

  tail = rest + 18;
  len -= 18;

  for (guint r = 0; r < SP_N_BACKUP_REASONS; r++)
    {
      gsize wlen = strlen (reason_words[r]);

      if (len < wlen || strncmp (tail, reason_words[r], wlen) != 0)
        continue;

      /* the word alone, or followed by "-N" when two copies share a second */
      if (len == wlen || (tail[wlen] == '-' && all_digits (tail + wlen + 1, len - wlen - 1)))
        {
          info->reason = r;
          break;
        }
    }

  if (info->reason == SP_N_BACKUP_REASONS)
    return NULL;

  return g_steal_pointer (&info);
}

/* Files */

static void set_errno_error (GError     **error,
                             int          errsv,
                             const char  *format,
                             ...) G_GNUC_PRINTF (3, 4);

static void
set_errno_error (GError     **error,
                 int          errsv,
                 const char  *format,
                 ...)
{
  g_autofree char *message = NULL;
  int code = SP_ERROR_IO;
  va_list args;

  if (errsv == ENOSPC || errsv == EDQUOT)
    code = SP_ERROR_NO_SPACE;
  else if (errsv == EACCES || errsv == EPERM || errsv == EROFS)
    code = SP_ERROR_READ_ONLY;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, SP_ERROR, code, message);
}

/* The backups folder, made private (0700) when this creates it.  One that
 * exists is left as it is: it may be a link to a folder someone shares on
 * purpose, and only what the app made is the app's to change. */
static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (folder);

      /* TRANSLATORS: the folder, then why it can't be created */
      set_errno_error (error, errsv, _("The backups folder “%s” can't be created: %s."),
                       display, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

static void
sync_path (const char *path,
           gboolean    is_dir)
{
  int fd = g_open (path, (is_dir ? O_DIRECTORY : 0) | O_RDONLY, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_remove (p);
    }
}

/* Leftovers of copies that a crash interrupted, of this database's copies
 * (".NAME-….db.partial" and its journal), whatever their age: each one
 * that no process holds locked is removed.  Returns how many were. */
static guint
remove_stale_partials (const char *folder,
                       const char *name_prefix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *prefix = g_strconcat (".", name_prefix, "-", NULL);
  const char *name;
  guint removed = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *main_path = NULL;
      const char *mark;

      if (!g_str_has_prefix (name, prefix) || (mark = strstr (name, ".db.partial")) == NULL)
        continue;

      path = g_build_filename (folder, name, NULL);
      /* a journal or WAL left beside a partial goes with it */
      main_path = g_strndup (path, strlen (path) - strlen (mark) + strlen (".db.partial"));

      if (!sp_export_file_is_abandoned (main_path))
        continue;

      g_debug ("Removing %s, left by a copy that was interrupted", path);
      if (g_remove (path) == 0)
        removed++;
    }

  return removed;
}

static void
set_sqlite_error (GError     **error,
                  int          rc,
                  sqlite3     *db,
                  const char  *db_path)
{
  g_autofree char *display = g_filename_display_basename (db_path);
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, SP_ERROR, SP_ERROR_CORRUPT,
                   /* TRANSLATORS: %s is the database file */
                   _("The database “%s” is damaged, so no backup was made; the copies you "
                     "have are kept. Restore a backup (main menu → Restore…) or open another "
                     "file."), display);
      break;

    case SQLITE_FULL:
      g_set_error (error, SP_ERROR, SP_ERROR_NO_SPACE,
                   /* TRANSLATORS: %s is the database file */
                   _("The disk is full, so no backup of “%s” was made. Free some space and "
                     "try again."), display);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SP_ERROR, SP_ERROR_BUSY,
                   /* TRANSLATORS: %s is the database file */
                   _("The database “%s” is in use by another program. Close that program "
                     "and try again."), display);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   /* TRANSLATORS: the database file, then why the backup can't be written */
                   _("The backup of “%s” can't be written: %s. Check that you can write to "
                     "the folder “backups” beside it."), display, detail);
      break;

    default:
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   /* TRANSLATORS: the database file, then why the backup failed */
                   _("The backup of “%s” failed: %s."), display, detail);
      break;
    }
}

static char *
query_text (sqlite3    *db,
            const char *sql,
            int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 0);

          result = g_strdup (text ? text : "");
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          rc = SQLITE_OK;
        }
      else
        {
          rc = sqlite3_extended_errcode (db);
        }
    }

  sqlite3_finalize (stmt);
  *rc_out = rc;
  return result;
}

/* Copies every page of @src's main database into @dest's with SQLite's
 * online backup, waiting while another connection holds a lock, at most
 * @max_tries times.  Returns SQLITE_DONE, or what failed. */
static int
copy_pages (sqlite3 *dest,
            sqlite3 *src,
            guint    max_tries)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  guint tries = 0;
  int rc;

  if (backup == NULL)
    return sqlite3_extended_errcode (dest);

  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (100);
    }
  while ((rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++tries < max_tries);

  sqlite3_backup_finish (backup);
  return rc;
}

/* A copy being written is removed if the process is interrupted */
static void
forget_partial (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  sp_partial_file_remove (path);
  sp_partial_file_remove (journal);
}

/*
 * Creates @path, a partial copy, 0600 whatever the umask, and locks it
 * (flock, which SQLite's own locks ignore) for as long as the returned
 * descriptor is open.  A partial that a killed copy left behind is locked
 * by nobody: it is removed and the copy starts afresh.  Fails with
 * EWOULDBLOCK when another process is writing the same copy right now.
 */
static int
open_partial (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  for (guint tries = 0; tries < 3; tries++)
    {
      int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

      if (fd >= 0)
        {
          if (flock (fd, LOCK_EX | LOCK_NB) != 0 || fchmod (fd, 0600) != 0)
            {
              int errsv = errno;

              close (fd);
              g_remove (path);
              errno = errsv;
              return -1;
            }
          sp_partial_file_add (path);
          sp_partial_file_add (journal);
          return fd;
        }

      if (errno != EEXIST)
        return -1;

      fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
      if (fd < 0)
        continue;  /* gone meanwhile */
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd);
          errno = EWOULDBLOCK;
          return -1;
        }
      g_debug ("Removing %s, left by a copy that was interrupted", path);
      remove_database_files (path);
      close (fd);
    }

  errno = EEXIST;
  return -1;
}

/* Copies every page of @src into a new file @dest_path (which must not
 * exist), makes it a self-contained rollback-journal file, checks it and
 * syncs it.  @db_path names the source in messages, @final_path the file
 * that @dest_path will become. */
static gboolean
copy_database (sqlite3     *src,
               const char  *db_path,
               const char  *dest_path,
               const char  *final_path,
               GError     **error)
{
  sqlite3 *dest = NULL;
  g_autofree char *check = NULL;
  g_autofree char *mode = NULL;
  int fd;
  int rc;

  fd = open_partial (dest_path);
  if (fd < 0)
    {
      int errsv = errno;

      if (errsv == EEXIST || errsv == EWOULDBLOCK)
        {
          g_autofree char *display = g_filename_display_name (dest_path);

          g_set_error (error, SP_ERROR, SP_ERROR_DUPLICATE,
                       /* TRANSLATORS: %s is the backup's file */
                       _("“%s” is being written by another Service Pulse right now; wait "
                         "until it has finished."), display);
        }
      else if (errsv == ENOENT || errsv == ENOTDIR)
        {
          g_autofree char *display = g_filename_display_name (final_path);
          g_autofree char *dir = g_path_get_dirname (final_path);
          g_autofree char *dir_display = g_filename_display_name (dir);

          /* TRANSLATORS: the backup's file, then its folder */
          set_errno_error (error, errsv, _("The backup “%s” can't be created: the folder “%s” "
                                           "does not exist."), display, dir_display);
        }
      else
        {
          g_autofree char *display = g_filename_display_name (final_path);

          /* TRANSLATORS: the backup's file, then why it can't be created */
          set_errno_error (error, errsv, _("The backup “%s” can't be created: %s."),
                           display, g_strerror (errsv));
        }
      return FALSE;
    }

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  sqlite3_busy_timeout (dest, 5000);

  rc = copy_pages (dest, src, 100);

  if (rc != SQLITE_DONE)
    goto failed;

  /* The pages carry the source's WAL mark; a copy is one plain file */
  mode = query_text (dest, "PRAGMA journal_mode = DELETE", &rc);
  if (rc != SQLITE_OK)
    goto failed;

  check = query_text (dest, "PRAGMA quick_check(1)", &rc);
  if (rc != SQLITE_OK)
    goto failed;

  if (g_strcmp0 (check, "ok") != 0)
    {
      rc = SQLITE_CORRUPT;
      goto failed;
    }

  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    goto failed;

  /* SQLite's connection is closed: closing ours drops none of its locks */
  fsync (fd);
  close (fd);
  return TRUE;

failed:
  if (rc == SQLITE_OK || rc == SQLITE_DONE)
    rc = SQLITE_ERROR;
  set_sqlite_error (error, rc, dest, db_path);
  if (dest != NULL)
    sqlite3_close (dest);
  remove_database_files (dest_path);
  close (fd);
  forget_partial (dest_path);
  return FALSE;
}

static char *
partial_path_for (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strconcat (".", base, ".partial", NULL);

  return g_build_filename (dir, name, NULL);
}

/* Writes a copy under a hidden name, then renames it into place. */
static gboolean
write_copy (sqlite3     *src,
            const char  *db_path,
            const char  *final_path,
            GError     **error)
{
  g_autofree char *partial = partial_path_for (final_path);
  g_autofree char *dir = g_path_get_dirname (final_path);

  if (!copy_database (src, db_path, partial, final_path, error))
    return FALSE;

  if (g_rename (partial, final_path) == 0)
    forget_partial (partial);
  else
    {
      {
        int errsv_ = errno;
        g_autofree char *display_ = g_filename_display_name (final_path);

        /* TRANSLATORS: the backup's file, then why it can't be saved */
        set_errno_error (error, errsv_, _("The backup “%s” can't be saved: %s."),
                         display_, g_strerror (errsv_));
      }
      remove_database_files (partial);
      forget_partial (partial);
      return FALSE;
    }

  sync_path (dir, TRUE);
  return TRUE;
}

static gboolean
check_source (SpStore  *store,
              GError  **error)
{
  if (!sqlite3_get_autocommit (sp_store_get_handle (store)))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_BUSY,
                           _("A backup can't be made while changes are being saved."));
      return FALSE;
    }
  return TRUE;
}

static gboolean same_file (const char *a,
                           const char *b);
static guint prune_second (const char *folder,
                           const char *db_path,
                           const char *shop_id,
                           SpTime      now);

/* A free name for a copy of @db_path made at @now in @folder */
static char *
free_name_in (const char     *folder,
              const char     *db_path,
              SpTime          now,
              SpBackupReason  reason)
{
  g_autofree char *prefix = get_prefix (db_path);

  for (guint seq = 1;; seq++)
    {
      g_autofree char *name = make_name (prefix, now, reason, seq);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *partial = partial_path_for (path);

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (partial, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

/**
 * sp_backup_dup_free_path:
 * @stem: what the copy is of, e.g. a server's database
 * @suffix: the end of the name, e.g. ".db"
 *
 * Returns: (transfer full): a path in @folder that no file has yet, named
 *   after @stem and this moment: STEM-2026-12-07-101500SUFFIX, or with -2,
 *   -3… after the moment when copies are made within the same second
 */
char *
sp_backup_dup_free_path (const char *folder,
                         const char *stem,
                         const char *suffix)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");

  g_return_val_if_fail (folder != NULL && stem != NULL && suffix != NULL, NULL);

  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s%s", stem, stamp, suffix)
                                     : g_strdup_printf ("%s-%s-%u%s", stem, stamp, n, suffix);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

/* Copies the database that @src reads (the file @db_path) into its backups
 * folder and, with @prune, prunes the old copies; returns the new copy's
 * path. */
static char *
make_copy_full (sqlite3         *src,
                const char      *db_path,
                SpBackupReason   reason,
                gboolean         prune,
                GError         **error)
{
  g_autofree char *folder = sp_backup_dup_folder (db_path);
  g_autofree char *prefix = get_prefix (db_path);
  g_autofree char *final_path = NULL;
  SpTime now;

  if (!ensure_folder (folder, error))
    return NULL;

  remove_stale_partials (folder, prefix);

  now = sp_time_now ();
  final_path = free_name_in (folder, db_path, now, reason);

  if (!write_copy (src, db_path, final_path, error))
    return NULL;

  g_debug ("Backed up %s to %s", db_path, final_path);

  if (prune)
    sp_backup_prune (db_path, now);

  return g_steal_pointer (&final_path);
}

static char *
make_copy (sqlite3         *src,
           const char      *db_path,
           SpBackupReason   reason,
           GError         **error)
{
  return make_copy_full (src, db_path, reason, TRUE, error);
}

/* A folder the owner chose (the second backup folder, Back Up To): it must
 * be there already.  It is never created, so that a backup meant for a USB
 * stick that is not plugged in does not land on the computer's own disk. */
static gboolean
check_chosen_folder (const char  *folder,
                     GError     **error)
{
  g_autofree char *display = g_filename_display_name (folder);

  if (!g_path_is_absolute (folder))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is the folder as chosen */
                   _("“%s” is not a full folder path; choose the folder again."), display);
      return FALSE;
    }

  if (!g_file_test (folder, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                   /* TRANSLATORS: %s is the folder */
                   _("The folder “%s” is not there. If it is on a USB stick or a network "
                     "drive, plug it in or connect it and try again."), display);
      return FALSE;
    }

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is the path chosen */
                   _("“%s” is a file, not a folder; choose a folder."), display);
      return FALSE;
    }

  return TRUE;
}

/* Says that @folder (one the owner chose) could not take a copy, after
 * @errsv or @cause */
static void
set_chosen_folder_error (GError     **error,
                         const char  *folder,
                         int          errsv,
                         GError      *cause)
{
  g_autofree char *display = g_filename_display_name (folder);

  if (errsv == ENOSPC || errsv == EDQUOT
      || g_error_matches (cause, SP_ERROR, SP_ERROR_NO_SPACE))
    g_set_error (error, SP_ERROR, SP_ERROR_NO_SPACE,
                 /* TRANSLATORS: %s is the folder */
                 _("The disk of the folder “%s” is full; free some space there and try "
                   "again."), display);
  else if (errsv == EACCES || errsv == EPERM || errsv == EROFS
           || g_error_matches (cause, SP_ERROR, SP_ERROR_READ_ONLY))
    g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                 /* TRANSLATORS: %s is the folder */
                 _("The folder “%s” can't be written to: check that the disk is not "
                   "write-protected, or choose a folder you can write to."), display);
  else if (cause != NULL)
    g_set_error_literal (error, cause->domain, cause->code, cause->message);
  else
    /* TRANSLATORS: the folder, then the system's reason */
    set_errno_error (error, errsv, _("The folder “%s” can't be written to: %s."),
                     display, g_strerror (errsv));
}

/* A chosen folder can take a file: one is made there and removed again, so
 * that a read-only or full disk is found when the folder is chosen, not at
 * the next backup. */
static gboolean
check_chosen_folder_writable (const char  *folder,
                              GError     **error)
{
  g_autofree char *probe = g_build_filename (folder, ".service-pulse-write-check-XXXXXX", NULL);
  int fd;

  fd = g_mkstemp_full (probe, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_chosen_folder_error (error, folder, errno, NULL);
      return FALSE;
    }

  if (close (fd) != 0)
    {
      int errsv = errno;

      g_remove (probe);
      set_chosen_folder_error (error, folder, errsv, NULL);
      return FALSE;
    }

  g_remove (probe);
  return TRUE;
}

/*
 * Copies the finished, checked copy @copy_path of @db_path into @folder
 * under the same name, through SQLite again (so this copy is checked on
 * its own), and prunes the older copies of the shop @prune_id there
 * (see prune_second()) when it is given.
 */
static char *
copy_copy_into (const char  *copy_path,
                const char  *db_path,
                const char  *folder,
                const char  *prune_id,
                GError     **error)
{
  g_autofree char *name = g_path_get_basename (copy_path);
  g_autofree char *final_path = g_build_filename (folder, name, NULL);
  g_autofree char *prefix = get_prefix (db_path);
  g_autoptr(GError) local_error = NULL;
  SpBackupInfo *info;
  sqlite3 *src = NULL;
  gboolean ok;
  int rc;

  if (!check_chosen_folder (folder, error))
    return NULL;

  remove_stale_partials (folder, prefix);

  if (g_file_test (final_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(SpBackupInfo) parsed = sp_backup_parse_name (db_path, name);

      g_free (final_path);
      final_path = free_name_in (folder, db_path, parsed ? parsed->time : sp_time_now (),
                                 parsed ? parsed->reason : SP_BACKUP_MANUAL);
    }

  rc = sqlite3_open_v2 (copy_path, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, src, copy_path);
      sqlite3_close (src);
      return NULL;
    }

  ok = write_copy (src, db_path, final_path, &local_error);
  sqlite3_close (src);
  if (!ok)
    {
      /* said of the chosen folder, not of the copy beside the database */
      set_chosen_folder_error (error, folder, 0, local_error);
      return NULL;
    }

  g_debug ("Copied %s to %s", copy_path, final_path);

  if (prune_id != NULL && (info = sp_backup_parse_name (db_path, name)) != NULL)
    {
      prune_second (folder, db_path, prune_id, info->time);
      sp_backup_info_free (info);
    }

  return g_steal_pointer (&final_path);
}

#define SECOND_FOLDER_KEY "backup-second-folder"

/* Tells this shop's copies from those of another computer's shop of the
 * same file name in a shared second folder (a stick used by two shops) */
#define SHOP_ID_KEY "backup-shop-id"

/**
 * sp_backup_dup_second_folder:
 *
 * Returns: (transfer full) (nullable): the second folder each daily and
 * manual copy is also written to, or %NULL when none is set
 */
char *
sp_backup_dup_second_folder (SpStore *store)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  folder = sp_store_dup_setting (store, SECOND_FOLDER_KEY);
  if (folder == NULL || folder[0] == '\0')
    return NULL;

  return g_steal_pointer (&folder);
}

/**
 * sp_backup_set_second_folder:
 * @folder: (nullable): an existing folder, or %NULL (or "") to have none
 *
 * Sets the folder (a USB stick, a synced folder) that each daily and
 * manual copy is also written to, so that the copies outlive the
 * computer.  It must exist now, take a file (a small one is made there and
 * removed) and be another folder than the backups folder beside the
 * database.
 */
gboolean
sp_backup_set_second_folder (SpStore     *store,
                             const char  *folder,
                             GError     **error)
{
  g_autofree char *own = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (folder == NULL || folder[0] == '\0')
    return sp_store_set_setting (store, SECOND_FOLDER_KEY, NULL, error);

  if (!check_chosen_folder (folder, error))
    return FALSE;

  own = sp_backup_dup_folder (sp_store_get_path (store));
  if (same_file (folder, own))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("That is the backups folder beside the database, which has the "
                             "copies already; choose a folder on another disk, a USB stick "
                             "or a synced folder."));
      return FALSE;
    }

  if (!check_chosen_folder_writable (folder, error))
    return FALSE;

  {
    g_autofree char *id = sp_store_dup_setting (store, SHOP_ID_KEY);

    if (id == NULL)
      {
        g_autofree char *fresh = g_uuid_string_random ();

        if (!sp_store_set_setting (store, SHOP_ID_KEY, fresh, error))
          return FALSE;
      }
  }

  return sp_store_set_setting (store, SECOND_FOLDER_KEY, folder, error);
}

/**
 * sp_backup_create_full:
 * @second_copy: (out) (optional): the copy in the second folder, or %NULL
 * @second_error: (out) (optional): why the copy in the second folder was not made
 *
 * Copies the database of @store into the backups folder beside it (0700;
 * the copy is 0600), then removes the copies that the retention rule no
 * longer keeps.  A daily or manual copy is then also written to the second
 * backup folder when one is set (see sp_backup_set_second_folder()), where
 * the same rule applies.  That second copy failing (a stick that is not
 * plugged in, a full or read-only disk) is said in @second_error and
 * leaves the first copy as it is: the call still succeeds.  Without
 * @second_error, such a failure is logged.
 *
 * Returns: the path of the new copy beside the database
 */
char *
sp_backup_create_full (SpStore         *store,
                       SpBackupReason   reason,
                       char           **second_copy,
                       GError         **second_error,
                       GError         **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *second = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *shop_id = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (reason < SP_N_BACKUP_REASONS, NULL);

  if (second_copy != NULL)
    *second_copy = NULL;

  if (!check_source (store, error))
    return NULL;

  copy = make_copy (sp_store_get_handle (store), sp_store_get_path (store), reason, error);
  if (copy == NULL)
    return NULL;

  if (reason != SP_BACKUP_DAILY && reason != SP_BACKUP_MANUAL)
    return g_steal_pointer (&copy);

  folder = sp_backup_dup_second_folder (store);
  if (folder == NULL)
    return g_steal_pointer (&copy);

  {
    g_autofree char *own = sp_backup_dup_folder (sp_store_get_path (store));

    /* the database moved beside its second folder: the copy is there already */
    if (same_file (folder, own))
      return g_steal_pointer (&copy);
  }

  shop_id = sp_store_dup_setting (store, SHOP_ID_KEY);
  second = copy_copy_into (copy, sp_store_get_path (store), folder, shop_id, &local_error);
  if (second == NULL)
    {
      g_autofree char *display = g_filename_display_name (folder);

      /* TRANSLATORS: %s is the second backup folder; the reason follows */
      g_prefix_error (&local_error, _("The copy in the second backup folder “%s” was not "
                                      "made: "), display);
      if (second_error != NULL)
        g_propagate_error (second_error, g_steal_pointer (&local_error));
      else
        g_message ("%s", local_error->message);
    }

  if (second_copy != NULL)
    *second_copy = g_steal_pointer (&second);

  return g_steal_pointer (&copy);
}

/**
 * sp_backup_create:
 *
 * sp_backup_create_full() without being told about the second copy.
 *
 * Returns: the path of the new copy beside the database
 */
char *
sp_backup_create (SpStore         *store,
                  SpBackupReason   reason,
                  GError         **error)
{
  return sp_backup_create_full (store, reason, NULL, NULL, error);
}

/**
 * sp_backup_create_in:
 * @folder: an existing folder (a USB stick, a synced folder)
 *
 * Backs up the database of @store into @folder ("Back Up To…"): the copy
 * is made beside the database as a manual backup, as always, and then
 * copied into @folder under the same name, written under a hidden name,
 * checked and synced before it appears there.  Nothing else in @folder is
 * touched.  All or nothing: when @folder is missing, read-only or full, no
 * copy is left beside the database either.
 *
 * Returns: the path of the copy in @folder
 */
char *
sp_backup_create_in (SpStore     *store,
                     const char  *folder,
                     GError     **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *beside = NULL;
  const char *db_path;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  if (!check_chosen_folder (folder, error)
      || !check_chosen_folder_writable (folder, error)
      || !check_source (store, error))
    return NULL;

  db_path = sp_store_get_path (store);
  copy = make_copy_full (sp_store_get_handle (store), db_path, SP_BACKUP_MANUAL, FALSE, error);
  if (copy == NULL)
    return NULL;

  beside = sp_backup_dup_folder (db_path);
  /* the folder beside the database already has it */
  if (!same_file (folder, beside))
    {
      copied = copy_copy_into (copy, db_path, folder, NULL, error);
      if (copied == NULL)
        {
          /* all or nothing: the owner is told the backup was not made.
           * Pruning waits until both copies are there, so no older copy
           * was dropped to make room for this one. */
          remove_database_files (copy);
          return NULL;
        }
    }

  sp_backup_prune (db_path, sp_time_now ());

  return copied != NULL ? g_steal_pointer (&copied) : g_steal_pointer (&copy);
}

/* Keeps a copy of a file with data before its schema changes */
static gboolean
backup_before_migrate (SpStore  *store,
                       GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *copy = sp_backup_create (store, SP_BACKUP_BEFORE_UPDATE, &local_error);

  if (copy == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The database was not updated, because no backup "
                                    "could be made first: "));
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_backup_init:
 *
 * Makes every store of the process keep a copy of a file with data before
 * it updates the file's schema.  Call it once at start-up, before a store
 * is opened.
 */
void
sp_backup_init (void)
{
  sp_store_set_before_migrate_func (backup_before_migrate);
}

/* A consistent copy of the database of @store at @dest_path, which must not exist. */
gboolean
sp_backup_copy_to (SpStore     *store,
                   const char  *dest_path,
                   GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (!check_source (store, error))
    return FALSE;

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (dest_path);

      g_set_error (error, SP_ERROR, SP_ERROR_DUPLICATE,
                   /* TRANSLATORS: %s is a file name */
                   _("“%s” already exists; choose another name."), display);
      return FALSE;
    }

  return write_copy (sp_store_get_handle (store), sp_store_get_path (store), dest_path, error);
}

/**
 * sp_backup_run_daily_full:
 * @created: (out) (optional): the new copy, or %NULL when none was needed
 * @second_error: (out) (optional): see sp_backup_create_full()
 *
 * Makes the day's copy unless there is already a copy from today, or the
 * database holds no records yet.
 */
gboolean
sp_backup_run_daily_full (SpStore  *store,
                          char    **created,
                          GError  **second_error,
                          GError  **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  SpDate today = sp_date_today ();
  char *path;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (created != NULL)
    *created = NULL;

  backups = sp_backup_list (sp_store_get_path (store), NULL);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      SpBackupInfo *info = g_ptr_array_index (backups, i);

      if (info->reason != SP_BACKUP_SET_ASIDE && sp_time_to_date (info->time) == today)
        return TRUE;
    }

  if (sp_store_is_empty (store))
    return TRUE;

  if (!(path = sp_backup_create_full (store, SP_BACKUP_DAILY, NULL, second_error, error)))
    return FALSE;

  if (created != NULL)
    *created = path;
  else
    g_free (path);

  return TRUE;
}

gboolean
sp_backup_run_daily (SpStore  *store,
                     char    **created,
                     GError  **error)
{
  return sp_backup_run_daily_full (store, created, NULL, error);
}

/* Listing */

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const SpBackupInfo *x = *(SpBackupInfo * const *) a;
  const SpBackupInfo *y = *(SpBackupInfo * const *) b;
  g_autofree char *xb = NULL;
  g_autofree char *yb = NULL;

  if (x->time != y->time)
    return x->time > y->time ? -1 : 1;

  /* copies of the same second: "-2" was made after the plain name */
  xb = g_path_get_basename (x->path);
  yb = g_path_get_basename (y->path);
  if (strlen (xb) != strlen (yb))
    return strlen (xb) > strlen (yb) ? -1 : 1;
  return -strcmp (xb, yb);
}

/* Whether another SQLite database beside @db_path has its stem, so that a
 * copy named after the stem alone can't be told apart */
static gboolean
is_stem_shared (const char *db_path)
{
  g_autofree char *folder = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *stem = get_stem (db_path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *other_stem = NULL;
      g_autofree char *path = NULL;
      sqlite3 *db = NULL;
      gboolean is_database;

      /* the file itself, and its -wal, -shm and -journal */
      if (g_str_has_prefix (name, base))
        continue;

      other_stem = get_stem (name);
      if (!g_str_equal (other_stem, stem))
        continue;

      path = g_build_filename (folder, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      /* through SQLite: it may be open in this process */
      is_database = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
                    sp_sqlite_check_header (db) == SQLITE_OK;
      sqlite3_close (db);

      if (is_database)
        return TRUE;
    }

  return FALSE;
}

/* The copies of @db_path in @folder, newest first; those named after the
 * stem alone only when @with_legacy */
static GPtrArray *
list_in (const char  *folder,
         const char  *db_path,
         gboolean     with_legacy,
         gboolean     in_second,
         GError     **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  int stem_is_shared = with_legacy ? -1 : TRUE;
  const char *name;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_backup_info_free);
  dir = g_dir_open (folder, 0, &local_error);

  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&result);

      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   /* TRANSLATORS: %s is why the backups can't be listed */
                   _("The backups can't be listed: %s"), local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      SpBackupInfo *info = sp_backup_parse_name (db_path, name);

      if (info == NULL)
        continue;

      if (info->legacy)
        {
          if (stem_is_shared < 0)
            stem_is_shared = is_stem_shared (db_path);
          if (stem_is_shared)
            {
              sp_backup_info_free (info);
              continue;
            }
        }

      info->path = g_build_filename (folder, name, NULL);
      info->second = in_second;
      g_ptr_array_add (result, info);
    }

  g_ptr_array_sort (result, compare_newest_first);
  return g_steal_pointer (&result);
}

/* The copies of @db_path, newest first (SpBackupInfo). */
GPtrArray *
sp_backup_list (const char  *db_path,
                GError     **error)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  folder = sp_backup_dup_folder (db_path);
  return list_in (folder, db_path, TRUE, FALSE, error);
}

/**
 * sp_backup_list_everywhere:
 * @second_folder: (nullable): the second backup folder
 *
 * The copies of @db_path beside it and in @second_folder, newest first;
 * those of the second folder have `second` set.  A second folder that
 * can't be read (a stick that is not plugged in) adds nothing.
 *
 * Returns: (transfer container) (element-type SpBackupInfo)
 */
GPtrArray *
sp_backup_list_everywhere (const char  *db_path,
                           const char  *second_folder,
                           GError     **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GPtrArray) more = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  if (!(result = sp_backup_list (db_path, error)))
    return NULL;

  if (second_folder == NULL || second_folder[0] == '\0')
    return g_steal_pointer (&result);

  {
    g_autofree char *own = sp_backup_dup_folder (db_path);

    if (same_file (own, second_folder))
      return g_steal_pointer (&result);
  }

  if ((more = list_in (second_folder, db_path, FALSE, TRUE, NULL)) != NULL)
    {
      for (guint i = 0; i < more->len; i++)
        g_ptr_array_add (result, g_steal_pointer (&g_ptr_array_index (more, i)));
      g_ptr_array_set_free_func (more, NULL);
    }

  g_ptr_array_sort (result, compare_newest_first);
  return g_steal_pointer (&result);
}

static char *
read_shop_id (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT value FROM settings WHERE key = ?1", -1, &stmt,
                          NULL) == SQLITE_OK &&
      sqlite3_bind_text (stmt, 1, SHOP_ID_KEY, -1, SQLITE_STATIC) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

/**
 * sp_backup_list_of_shop:
 *
 * The copies of @store's database beside it and, of this shop alone, in
 * the second backup folder, newest first: the copies that hold its
 * records (for instance a customer who is forgotten).
 *
 * Returns: (transfer container) (element-type SpBackupInfo)
 */
GPtrArray *
sp_backup_list_of_shop (SpStore  *store,
                        GError  **error)
{
  g_autofree char *second = NULL;
  g_autofree char *shop_id = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *result;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  second = sp_backup_dup_second_folder (store);
  shop_id = sp_store_dup_setting (store, SHOP_ID_KEY);
  if (!(all = sp_backup_list_everywhere (sp_store_get_path (store), second, error)))
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_backup_info_free);
  for (guint i = 0; i < all->len; i++)
    {
      SpBackupInfo *info = g_ptr_array_index (all, i);

      if (info->second)
        {
          g_autofree char *id = read_shop_id (info->path);

          if (shop_id == NULL || g_strcmp0 (id, shop_id) != 0)
            continue;
        }
      g_ptr_array_add (result, g_steal_pointer (&g_ptr_array_index (all, i)));
    }

  return result;
}

static gint64
count_rows (sqlite3    *db,
            const char *sql)
{
  g_autofree char *text = NULL;
  int rc;

  text = query_text (db, sql, &rc);
  if (rc != SQLITE_OK || text == NULL)
    return -1;

  return g_ascii_strtoll (text, NULL, 10);
}

/**
 * sp_backup_inspect:
 *
 * Checks that @path is a Service Pulse database that this version can open
 * and that it is not damaged, and counts what it holds.  Nothing is written.
 */
gboolean
sp_backup_inspect (const char       *path,
                   SpBackupSummary  *summary,
                   GError          **error)
{
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db = NULL;
  SpBackupSummary s = { 0 };
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_basename (path);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                   /* TRANSLATORS: %s is a file name */
                   _("There is no file “%s”."), display);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    goto damaged;

  /* through SQLite: the file may be a database that some connection of
   * this process has open */
  rc = sp_sqlite_check_header (db);
  if (rc == SQLITE_NOTADB || rc == SQLITE_EMPTY)
    goto not_ours_close;
  if (rc != SQLITE_OK)
    goto damaged;

  text = query_text (db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK || text == NULL)
    goto damaged;
  s.schema_version = (int) g_ascii_strtoll (text, NULL, 10);
  g_clear_pointer (&text, g_free);

  if (s.schema_version > sp_store_get_latest_schema_version ())
    {
      g_set_error (error, SP_ERROR, SP_ERROR_TOO_NEW,
                   /* TRANSLATORS: %s is a file name */
                   _("“%s” was saved by a newer version of Service Pulse; update the app to "
                     "restore it."), display);
      sqlite3_close (db);
      return FALSE;
    }

  if (s.schema_version < 1)
    goto not_ours_close;

  text = query_text (db, "PRAGMA quick_check(1)", &rc);
  if (rc != SQLITE_OK || g_strcmp0 (text, "ok") != 0)
    goto damaged;

  s.contacts = count_rows (db, "SELECT count(*) FROM contacts");
  s.surveys = count_rows (db, "SELECT count(*) FROM surveys");
  s.shifts = count_rows (db, "SELECT count(*) FROM shifts");
  s.months = count_rows (db, "SELECT count(*) FROM month_figures");
  s.customers = count_rows (db, "SELECT count(*) FROM customers");
  s.agents = count_rows (db, "SELECT count(*) FROM agents");

  if (s.contacts < 0 || s.surveys < 0 || s.shifts < 0 || s.months < 0 || s.customers < 0 ||
      s.agents < 0)
    goto not_ours_close;

  sqlite3_close (db);

  if (summary != NULL)
    *summary = s;
  return TRUE;

damaged:
  sqlite3_close (db);
  g_set_error (error, SP_ERROR, SP_ERROR_CORRUPT,
               /* TRANSLATORS: %s is a file name */
               _("“%s” is damaged and can't be restored; choose another copy."), display);
  return FALSE;

not_ours_close:
  sqlite3_close (db);
  g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
               /* TRANSLATORS: %s is a file name */
               _("“%s” is not a Service Pulse database; choose another file."), display);
  return FALSE;
}

/* "120 contacts, 30 survey answers, 20 shifts, 3 months of figures, 40 customers";
 * shifts and months only when there are some */
char *
sp_backup_describe_summary (const SpBackupSummary *summary)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (summary != NULL, NULL);

  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        /* TRANSLATORS: a part of a list: "1,234
                                                         * contacts, 56 survey answers" */
                                                        "%" PRId64 " contact",
                                                        "%" PRId64 " contacts",
                                                        summary->contacts),
                                           summary->contacts));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        /* TRANSLATORS: a part of a list of what
                                                         * a backup holds */
                                                        "%" PRId64 " survey answer",
                                                        "%" PRId64 " survey answers",
                                                        summary->surveys),
                                           summary->surveys));
  if (summary->shifts > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          /* TRANSLATORS: a part of a list of
                                                           * what a backup holds */
                                                          "%" PRId64 " shift",
                                                          "%" PRId64 " shifts",
                                                          summary->shifts),
                                             summary->shifts));
  if (summary->months > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          /* TRANSLATORS: a part of a list of
                                                           * what a backup holds */
                                                          "%" PRId64 " month of figures",
                                                          "%" PRId64 " months of figures",
                                                          summary->months),
                                             summary->months));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        /* TRANSLATORS: a part of a list of what
                                                         * a backup holds */
                                                        "%" PRId64 " customer",
                                                        "%" PRId64 " customers",
                                                        summary->customers),
                                           summary->customers));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **) parts->pdata);
}

/* Whether a copy holds no records at all (no contacts, survey answers,
 * shifts or months of figures): restoring it would leave the shop empty */
gboolean
sp_backup_summary_is_empty (const SpBackupSummary *summary)
{
  g_return_val_if_fail (summary != NULL, FALSE);

  return summary->contacts == 0 && summary->surveys == 0 && summary->shifts == 0 &&
         summary->months == 0;
}

/* Retention */

static gboolean
take_bucket (GArray *seen,
             gint64  key,
             guint   limit)
{
  for (guint i = 0; i < seen->len; i++)
    if (g_array_index (seen, gint64, i) == key)
      return FALSE;

  if (seen->len >= limit)
    return FALSE;

  g_array_append_val (seen, key);
  return TRUE;
}

/**
 * sp_backup_select_expired:
 * @backups: (element-type SpBackupInfo): copies, in any order
 * @now: the local wall-clock time
 *
 * The retention rule.  A copy is kept when any of these holds:
 *
 *  - it was made today (the day of @now) or later: nothing is removed on
 *    the day it was made, so a copy made by hand is never lost to a later
 *    one of the same day;
 *  - it is the newest copy of one of the 7 most recent days that have a
 *    copy (daily);
 *  - it is the newest copy of one of the 4 most recent weeks (Monday to
 *    Sunday) that have a copy (weekly);
 *  - it is the newest copy of one of the 12 most recent calendar months
 *    that have a copy (monthly);
 *  - it is a set-aside file (SP_BACKUP_SET_ASIDE): those hold what could
 *    not be opened and are only removed by hand.
 *
 * "Most recent days that have a copy" rather than "the last 7 calendar
 * days", so that a shop that is closed for a month still has a week of
 * daily copies from before it closed.  Every other copy is expired.
 *
 * Returns: (transfer container) (element-type SpBackupInfo): the copies to remove
 */
GPtrArray *
sp_backup_select_expired (GPtrArray *backups,
                          SpTime     now)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) weeks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) months = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *expired = g_ptr_array_new ();
  SpDate today = sp_time_to_date (now);

  g_return_val_if_fail (backups != NULL, expired);

  /* a copy takes over the free function: it must not free the copies */
  sorted = g_ptr_array_copy (backups, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_newest_first);

  for (guint i = 0; i < sorted->len; i++)
    {
      SpBackupInfo *info = g_ptr_array_index (sorted, i);
      SpDate day = sp_time_to_date (info->time);
      int y, m, d;
      gboolean keep = FALSE;

      if (info->reason == SP_BACKUP_SET_ASIDE)
        continue;

      sp_date_to_ymd (day, &y, &m, &d);

      /* each rule looks at every copy, so that the newest of a day also
       * claims its week and month */
      keep |= day >= today;
      keep |= take_bucket (days, day, SP_BACKUP_KEEP_DAILY);
      keep |= take_bucket (weeks, sp_date_week_start (day), SP_BACKUP_KEEP_WEEKLY);
      keep |= take_bucket (months, (gint64) y * 12 + m, SP_BACKUP_KEEP_MONTHLY);

      if (!keep)
        g_ptr_array_add (expired, info);
    }

  return expired;
}

static guint
prune_folder (const char *folder,
              const char *db_path,
              SpTime      now)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) expired = NULL;
  g_autofree char *own = sp_backup_dup_folder (db_path);

  if (!(backups = list_in (folder, db_path, g_str_equal (folder, own), FALSE, NULL)))
    return 0;

  expired = sp_backup_select_expired (backups, now);

  for (guint i = 0; i < expired->len; i++)
    {
      SpBackupInfo *info = g_ptr_array_index (expired, i);

      g_debug ("Removing the expired backup %s", info->path);
      remove_database_files (info->path);
    }

  return expired->len;
}

/* The shop a copy belongs to (see SHOP_ID_KEY), read without writing */
/*
 * The retention rule in the second folder, over the copies of the shop
 * @shop_id alone: another computer's shop whose database has the same
 * file name may keep its copies in the same folder (a stick shared by two
 * shops), and its copies are never this shop's to remove.
 */
static guint
prune_second (const char *folder,
              const char *db_path,
              const char *shop_id,
              SpTime      now)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) expired = NULL;

  if (!(backups = list_in (folder, db_path, FALSE, TRUE, NULL)))
    return 0;

  ours = g_ptr_array_new ();
  for (guint i = 0; i < backups->len; i++)
    {
      SpBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *id = read_shop_id (info->path);

      if (g_strcmp0 (id, shop_id) == 0)
        g_ptr_array_add (ours, info);
    }

  expired = sp_backup_select_expired (ours, now);

  for (guint i = 0; i < expired->len; i++)
    {
      SpBackupInfo *info = g_ptr_array_index (expired, i);

      g_debug ("Removing the expired backup %s", info->path);
      remove_database_files (info->path);
    }

  return expired->len;
}

/* Removes the copies of @db_path that the retention rule no longer keeps. */
guint
sp_backup_prune (const char *db_path,
                 SpTime      now)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (db_path != NULL, 0);

  folder = sp_backup_dup_folder (db_path);
  return prune_folder (folder, db_path, now);
}

/* Removes every copy of @db_path, e.g. after forgetting a customer whose
 * details the older copies still hold.  Returns how many were removed. */
guint
sp_backup_delete_all (const char *db_path)
{
  g_autofree char *folder = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  guint removed = 0;

  g_return_val_if_fail (db_path != NULL, 0);

  folder = sp_backup_dup_folder (db_path);
  prefix = get_prefix (db_path);
  remove_stale_partials (folder, prefix);

  if (!(backups = sp_backup_list (db_path, NULL)))
    return 0;

  for (guint i = 0; i < backups->len; i++)
    {
      SpBackupInfo *info = g_ptr_array_index (backups, i);

      remove_database_files (info->path);
      if (!g_file_test (info->path, G_FILE_TEST_EXISTS))
        removed++;
    }

  return removed;
}

/**
 * sp_backup_replace_all:
 * @n_removed: (out) (optional): how many older copies were removed
 *
 * Makes a new copy of @store's database, then removes every other copy of
 * it: after forgetting a customer whose details the older copies still
 * hold.  The new copy comes first, so that there is never no copy at all:
 * when it can't be made, every older copy is kept.
 *
 * Returns: the new copy's path
 */
char *
sp_backup_replace_all (SpStore  *store,
                       guint    *n_removed,
                       GError  **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *fresh_second = NULL;
  g_autofree char *second_folder = NULL;
  g_autofree char *shop_id = NULL;
  guint removed = 0;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  if (n_removed != NULL)
    *n_removed = 0;

  if (!(fresh = sp_backup_create_full (store, SP_BACKUP_MANUAL, &fresh_second, NULL, error)))
    return NULL;

  /* the copies in the second folder hold the customer as well */
  second_folder = sp_backup_dup_second_folder (store);
  shop_id = sp_store_dup_setting (store, SHOP_ID_KEY);
  if ((backups = sp_backup_list_everywhere (sp_store_get_path (store), second_folder, NULL)))
    {
      for (guint i = 0; i < backups->len; i++)
        {
          SpBackupInfo *info = g_ptr_array_index (backups, i);

          if (g_str_equal (info->path, fresh) || g_strcmp0 (info->path, fresh_second) == 0)
            continue;

          /* another shop's copy in a shared second folder is not ours */
          if (info->second)
            {
              g_autofree char *id = read_shop_id (info->path);

              if (shop_id == NULL || g_strcmp0 (id, shop_id) != 0)
                continue;
            }

          remove_database_files (info->path);
          if (!g_file_test (info->path, G_FILE_TEST_EXISTS))
            removed++;
        }
    }

  if (n_removed != NULL)
    *n_removed = removed;

  return g_steal_pointer (&fresh);
}

/* Restoring */

typedef struct
{
  int     fd;
  int     errsv;
} RawCopy;

static gboolean
write_chunk (const char *data,
             gsize       length,
             gpointer    user_data)
{
  RawCopy *copy = user_data;
  gsize done = 0;

  while (done < length)
    {
      gssize n = write (copy->fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          copy->errsv = errno;
          return FALSE;
        }
      done += n;
    }

  return TRUE;
}

/*
 * Copies the bytes of @from to a new file @to (0600).  A database file is
 * read through SQLite (@through_sqlite), whose handle keeps the locks that
 * other connections of this process hold on it; a WAL file carries no
 * locks and is read directly.
 */
static gboolean
copy_raw (const char  *from,
          gboolean     through_sqlite,
          const char  *to,
          GError     **error)
{
  g_autofree char *display = g_filename_display_name (to);
  RawCopy copy = { -1, 0 };
  sqlite3 *db = NULL;
  int rc = SQLITE_OK;

  copy.fd = g_open (to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (copy.fd < 0)
    {
      int errsv = errno;

      /* TRANSLATORS: the copy's file, then why it can't be created */
      set_errno_error (error, errsv, _("The copy “%s” can't be created: %s."),
                       display, g_strerror (errsv));
      return FALSE;
    }

  if (through_sqlite)
    {
      rc = sqlite3_open_v2 (from, &db, SQLITE_OPEN_READONLY, NULL);
      if (rc == SQLITE_OK)
        rc = sp_sqlite_read_file (db, write_chunk, &copy);
      sqlite3_close (db);
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (from, &contents, &length, NULL))
        rc = SQLITE_IOERR_READ;
      else if (!write_chunk (contents, length, &copy))
        rc = SQLITE_ABORT;
    }

  if (rc == SQLITE_OK && fsync (copy.fd) != 0)
    copy.errsv = errno, rc = SQLITE_ABORT;
  if (close (copy.fd) != 0 && rc == SQLITE_OK)
    copy.errsv = errno, rc = SQLITE_ABORT;

  if (rc != SQLITE_OK)
    {
      g_remove (to);
      if (copy.errsv != 0)
        /* TRANSLATORS: the copy's file, then why it can't be written */
        set_errno_error (error, copy.errsv, _("The copy “%s” can't be written: %s."),
                         display, g_strerror (copy.errsv));
      else
        {
          g_autofree char *from_display = g_filename_display_name (from);

          /* TRANSLATORS: a file, then why it can't be read */
          g_set_error (error, SP_ERROR, SP_ERROR_IO, _("“%s” can't be read: %s."),
                       from_display, sqlite3_errstr (rc));
        }
      return FALSE;
    }

  return TRUE;
}

/* Keeps the bytes of a database that can't be opened (and its WAL), as
 * they are, in the backups folder. */
static char *
set_aside (const char  *db_path,
           GError     **error)
{
  g_autofree char *folder = sp_backup_dup_folder (db_path);
  g_autofree char *prefix = get_prefix (db_path);
  g_autofree char *final_path = NULL;
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  SpTime now = sp_time_now ();

  if (!ensure_folder (folder, error))
    return NULL;

  for (guint seq = 1; final_path == NULL; seq++)
    {
      g_autofree char *name = make_name (prefix, now, SP_BACKUP_SET_ASIDE, seq);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        final_path = g_steal_pointer (&path);
    }

  if (!copy_raw (db_path, TRUE, final_path, error))
    return NULL;

  if (g_file_test (wal, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *wal_copy = g_strconcat (final_path, "-wal", NULL);

      if (!copy_raw (wal, FALSE, wal_copy, error))
        {
          g_remove (final_path);
          return NULL;
        }
    }

  sync_path (folder, TRUE);
  return g_steal_pointer (&final_path);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gint64
page_size (sqlite3 *db)
{
  g_autofree char *text = NULL;
  int rc;

  text = query_text (db, "PRAGMA page_size", &rc);
  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

/* Takes the first step of @backup: from then on it holds the write lock
 * of the destination until it is finished.  Waits while another program
 * writes, as long as a save would. */
static int
take_write_lock (sqlite3_backup *backup)
{
  int rc;

  for (guint tries = 0; tries < 50; tries++)
    {
      rc = sqlite3_backup_step (backup, 1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
        return rc;
      sqlite3_sleep (100);
    }

  return rc;
}

/* The database as it is now, read by a connection of its own, into the
 * backups folder */
static char *
copy_before_restore (const char  *db_path,
                     GError     **error)
{
  sqlite3 *db = NULL;
  char *copy = NULL;
  int rc;

  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      copy = make_copy (db, db_path, SP_BACKUP_BEFORE_RESTORE, error);
    }
  else
    {
      set_sqlite_error (error, rc, db, db_path);
    }

  sqlite3_close (db);
  return copy;
}

/*
 * Replaces the contents of the open database @store with those of
 * @backup_path in one transaction: other connections, and a crash, see
 * either the old or the new database, never a mix.
 *
 * The write lock is taken first and held to the end, and the copy of the
 * database as it was is made while it is held: whatever another program
 * saved before is in that copy, and whatever it saves after waits for the
 * restore and goes into the restored database.  Nothing falls in between.
 */
static gboolean
restore_into (SpStore     *store,
              const char  *backup_path,
              char       **saved,
              GError     **error)
{
  sqlite3 *dest = sp_store_get_handle (store);
  sqlite3 *src = NULL;
  sqlite3_backup *backup = NULL;
  g_autoptr(GError) copy_error = NULL;
  gboolean leave_wal = FALSE;
  int rc;

  rc = sqlite3_open_v2 (backup_path, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  /* In WAL mode the page sizes must match; otherwise go through a
   * rollback journal, which needs the database to ourselves. */
  if (page_size (src) != page_size (dest))
    {
      g_autofree char *mode = query_text (dest, "PRAGMA journal_mode = DELETE", &rc);

      if (rc != SQLITE_OK)
        goto failed;
      if (g_strcmp0 (mode, "delete") != 0)
        {
          rc = SQLITE_BUSY;
          goto failed;
        }
      leave_wal = TRUE;

      /* Without a WAL, the restore shuts readers out as well; so the
       * whole file is locked here, kept locked, and copied through this
       * connection */
      g_free (query_text (dest, "PRAGMA locking_mode = EXCLUSIVE", &rc));
      if (rc != SQLITE_OK)
        goto failed;
      rc = sqlite3_exec (dest, "BEGIN EXCLUSIVE; COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          rc = sqlite3_extended_errcode (dest);
          sqlite3_exec (dest, "ROLLBACK", NULL, NULL, NULL);
          goto failed;
        }

      if (!(*saved = make_copy (dest, sp_store_get_path (store), SP_BACKUP_BEFORE_RESTORE,
                                &copy_error)))
        goto not_saved;
    }

  /* A copy of ours has many pages, so that the first step below leaves
   * the transaction open */
  {
    g_autofree char *pages = query_text (src, "PRAGMA page_count", &rc);

    if (rc != SQLITE_OK)
      goto failed;
    if (pages == NULL || g_ascii_strtoll (pages, NULL, 10) < 2)
      {
        rc = SQLITE_NOTADB;
        goto failed;
      }
  }

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      rc = sqlite3_extended_errcode (dest);
      goto failed;
    }

  rc = take_write_lock (backup);
  if (rc != SQLITE_OK)
    goto failed;

  /* With a WAL, another connection reads what was last saved while this
   * one holds the write lock */
  if (!leave_wal &&
      !(*saved = copy_before_restore (sp_store_get_path (store), &copy_error)))
    goto not_saved;

  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (100);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  backup = NULL;
  if (rc != SQLITE_DONE)
    goto failed;

  if (leave_wal)
    {
      g_free (query_text (dest, "PRAGMA journal_mode = WAL", &rc));
      g_free (query_text (dest, "PRAGMA locking_mode = NORMAL", &rc));
    }

  sqlite3_close (src);
  return TRUE;

not_saved:
  g_propagate_prefixed_error (error, g_steal_pointer (&copy_error),
                              _("Nothing was restored, because the database as it is could "
                                "not be backed up first: "));
  goto out;

failed:
  sp_store_set_error (store, rc == SQLITE_OK || rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);
out:
  /* finishing early rolls the destination back: nothing changed */
  if (backup != NULL)
    sqlite3_backup_finish (backup);
  if (leave_wal)
    {
      int ignored;

      g_free (query_text (dest, "PRAGMA journal_mode = WAL", &ignored));
      g_free (query_text (dest, "PRAGMA locking_mode = NORMAL", &ignored));
    }
  if (src != NULL)
    sqlite3_close (src);
  return FALSE;
}

/* Puts a copy of @backup_path at @db_path, which can't be opened, with a
 * rename so that the file is either the old one or the whole new one. */
static gboolean
replace_file (const char  *db_path,
              const char  *backup_path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *partial = partial_path_for (db_path);
  sqlite3 *src = NULL;
  gboolean ok;
  int rc;

  remove_database_files (partial);

  rc = sqlite3_open_v2 (backup_path, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, src, backup_path);
      sqlite3_close (src);
      return FALSE;
    }

  ok = copy_database (src, backup_path, partial, db_path, error);
  sqlite3_close (src);
  if (!ok)
    return FALSE;

  /* The old file's journal and WAL belong to it, not to the copy */
  {
    static const char * const suffixes[] = { "-journal", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (db_path, suffixes[i], NULL);
        g_remove (p);
      }
  }

  if (g_rename (partial, db_path) != 0)
    {
      {
        int errsv_ = errno;
        g_autofree char *display_ = g_filename_display_name (db_path);

        /* TRANSLATORS: a file, then why it can't be replaced */
        set_errno_error (error, errsv_, _("“%s” can't be replaced: %s."),
                         display_, g_strerror (errsv_));
      }
      remove_database_files (partial);
      forget_partial (partial);
      return FALSE;
    }
  forget_partial (partial);

  sync_path (dir, TRUE);
  return TRUE;
}

/**
 * sp_backup_restore:
 * @db_path: the database to replace
 * @backup_path: a copy (from the backups folder, or any Service Pulse database)
 * @saved_path: (out) (optional): where the database as it was is kept
 *
 * Checks @backup_path (a Service Pulse database, not damaged, not newer
 * than this version), takes the write lock of the current database, backs
 * it up while holding the lock, then replaces it (see restore_into()).
 * The replacement is atomic: one SQLite transaction through the backup
 * API, so the WAL and any other connection stay consistent.  When the
 * current file can't be opened (damaged, not a database, from a newer
 * version) its bytes are set aside in the backups folder instead, and the
 * file is replaced with a rename.  Close every store of @db_path first:
 * they would keep reading the old schema.
 */
gboolean
sp_backup_restore (const char  *db_path,
                   const char  *backup_path,
                   char       **saved_path,
                   GError     **error)
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpStore) reopened = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autofree char *saved = NULL;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (saved_path != NULL)
    *saved_path = NULL;

  if (!sp_backup_inspect (backup_path, NULL, error))
    return FALSE;

  if (same_file (db_path, backup_path))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("That is the database itself; choose a backup."));
      return FALSE;
    }

  /* a device or a pipe is not set aside and replaced: it is not ours */
  if (g_file_test (db_path, G_FILE_TEST_EXISTS) &&
      !g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (db_path);

      g_set_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE,
                   /* TRANSLATORS: %s is a file name */
                   _("“%s” is not a regular file (it is a device, a pipe or a socket), so it "
                     "can't be a database. Choose a database file; it has not been touched."),
                   display);
      return FALSE;
    }

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (db_path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          {
        int errsv_ = errno;
        g_autofree char *display_ = g_filename_display_name (db_path);

        /* TRANSLATORS: a file, then why its folder can't be created */
        set_errno_error (error, errsv_, _("The folder of “%s” can't be created: %s."),
                         display_, g_strerror (errsv_));
      }
          return FALSE;
        }
      if (!replace_file (db_path, backup_path, error))
        return FALSE;
    }
  else if ((store = sp_store_open (db_path, SP_STORE_OPEN_VERIFY | SP_STORE_OPEN_NO_CREATE,
                                   &open_error)))
    {
      if (!restore_into (store, backup_path, &saved, error))
        return FALSE;

      g_clear_object (&store);
    }
  else if (g_error_matches (open_error, SP_ERROR, SP_ERROR_CORRUPT) ||
           g_error_matches (open_error, SP_ERROR, SP_ERROR_NOT_DATABASE) ||
           g_error_matches (open_error, SP_ERROR, SP_ERROR_TOO_NEW))
    {
      if (!(saved = set_aside (db_path, error)))
        return FALSE;

      if (!replace_file (db_path, backup_path, error))
        return FALSE;
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return FALSE;
    }

  /* Bring an older copy's schema up to date, and back to WAL mode */
  if (!(reopened = sp_store_open (db_path, SP_STORE_OPEN_NO_CREATE, error)))
    return FALSE;

  /* only for a window open on the file to say so: the restore is done */
  sp_store_mark_restored (reopened, NULL);

  if (saved_path != NULL)
    *saved_path = g_steal_pointer (&saved);

  return TRUE;
}
