/* sp-export-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sp-error.h"
#include "sp-export-file.h"

struct _SpExportFile
{
  char     *path;        /* as given, for messages */
  char     *target;      /* the file that is replaced: a symbolic link's target */
  char     *temp_path;
  char     *temp_folder; /* for a writer's own temporary files, or NULL */
  FILE     *stream;      /* on the temporary file, until commit */
  int       fd;          /* the stream's: writers may hand us streams without one */
  int       lock_fd;     /* holds the temporary file's lock until commit or free */
  gboolean  finished;    /* flushed, synced and closed */
  gboolean  committed;
};

/*
 * The partial files of this process, removed when a signal ends it.  The
 * handler may run on any thread at any time, so the list is a fixed array
 * it can read without locks or allocation, and it calls only unlink().
 */
#define N_PARTIAL_SLOTS 64
#define PARTIAL_PATH_MAX 4096

enum { SLOT_FREE, SLOT_FILLING, SLOT_IN_USE };

static struct
{
  volatile int state;
  gboolean     is_folder;
  char         path[PARTIAL_PATH_MAX];
} partial_slots[N_PARTIAL_SLOTS];

static const int partial_signals[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction previous_actions[G_N_ELEMENTS (partial_signals)];

/*
 * Removes the files in @path, then the folder, with calls that are safe in
 * a signal handler (no opendir(): it allocates).
 */
static void
remove_folder (const char *path)
{
#ifdef __linux__
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      char buf[4096] __attribute__ ((aligned (8)));
      long n;

      while ((n = syscall (SYS_getdents64, fd, buf, sizeof buf)) > 0)
        {
          for (long at = 0; at < n;)
            {
              /* struct linux_dirent64: inode, offset, length, type, name */
              unsigned short reclen;
              const char *name = buf + at + 19;

              memcpy (&reclen, buf + at + 16, sizeof reclen);
              if (strcmp (name, ".") != 0 && strcmp (name, "..") != 0)
                unlinkat (fd, name, 0);
              at += reclen;
            }
        }
      close (fd);
    }
#endif
  rmdir (path);
}

static void
remove_partial_files (int        sig,
                      siginfo_t *info,
                      void      *context)
{
  int saved_errno = errno;

  for (guint i = 0; i < N_PARTIAL_SLOTS; i++)
    {
      if (g_atomic_int_get (&partial_slots[i].state) != SLOT_IN_USE)
        continue;
      if (partial_slots[i].is_folder)
        remove_folder (partial_slots[i].path);
      else
        unlink (partial_slots[i].path);
    }

  for (guint i = 0; i < G_N_ELEMENTS (partial_signals); i++)
    {
      struct sigaction *previous = &previous_actions[i];

      if (partial_signals[i] != sig)
        continue;

      if (previous->sa_flags & SA_SIGINFO)
        previous->sa_sigaction (sig, info, context);
      else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN)
        previous->sa_handler (sig);
      else
        {
          /* end the way the signal would have ended the process */
          signal (sig, SIG_DFL);
          raise (sig);
        }
    }

  errno = saved_errno;
}

static void
install_signal_handlers (void)
{
  static gsize installed = 0;

  if (!g_once_init_enter (&installed))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (partial_signals); i++)
    {
      struct sigaction action = { 0 };

      /* a signal ignored (nohup) stays ignored */
      if (sigaction (partial_signals[i], NULL, &previous_actions[i]) != 0 ||
          (!(previous_actions[i].sa_flags & SA_SIGINFO) &&
           previous_actions[i].sa_handler == SIG_IGN))
        continue;

      action.sa_sigaction = remove_partial_files;
      action.sa_flags = SA_SIGINFO | SA_RESTART;
      sigemptyset (&action.sa_mask);
      sigaction (partial_signals[i], &action, NULL);
    }

  g_once_init_leave (&installed, 1);
}

/**
 * sp_partial_file_add:
 * @path: a file this process is writing and will rename or remove
 *
 * Has @path removed if SIGINT, SIGTERM or SIGHUP ends the process before
 * sp_partial_file_remove() is called for it.
 */
static void
add_slot (const char *path,
          gboolean    is_folder)
{
  g_autofree char *absolute = NULL;

  absolute = g_canonicalize_filename (path, NULL);
  if (strlen (absolute) >= PARTIAL_PATH_MAX)
    return;

  install_signal_handlers ();

  for (guint i = 0; i < N_PARTIAL_SLOTS; i++)
    {
      if (g_atomic_int_compare_and_exchange (&partial_slots[i].state, SLOT_FREE, SLOT_FILLING))
        {
          strcpy (partial_slots[i].path, absolute);
          partial_slots[i].is_folder = is_folder;
          g_atomic_int_set (&partial_slots[i].state, SLOT_IN_USE);
          return;
        }
    }
}

void
sp_partial_file_add (const char *path)
{
  g_return_if_fail (path != NULL);
  add_slot (path, FALSE);
}

/* A folder of temporary files: it and the files in it are removed */
void
sp_partial_folder_add (const char *path)
{
  g_return_if_fail (path != NULL);
  add_slot (path, TRUE);
}

/* The file (or folder) was renamed into place or removed: a signal no longer touches it */
void
sp_partial_file_remove (const char *path)
{
  g_autofree char *absolute = NULL;

  g_return_if_fail (path != NULL);

  absolute = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < N_PARTIAL_SLOTS; i++)
    {
      if (g_atomic_int_get (&partial_slots[i].state) == SLOT_IN_USE &&
          strcmp (partial_slots[i].path, absolute) == 0 &&
          g_atomic_int_compare_and_exchange (&partial_slots[i].state, SLOT_IN_USE, SLOT_FILLING))
        {
          partial_slots[i].path[0] = '\0';
          g_atomic_int_set (&partial_slots[i].state, SLOT_FREE);
          return;
        }
    }
}

/**
 * sp_export_set_file_error:
 * @saved_errno: the errno of the failed call
 * @path: the file that was being written
 *
 * Says what went wrong with @path in words a shop owner can act on;
 * @saved_errno is 0 when a write failed earlier without saying why.
 */
void
sp_export_set_file_error (GError     **error,
                          int          saved_errno,
                          const char  *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dir_name = g_filename_display_name (dir);
  g_autofree char *name = g_filename_display_basename (path);

  switch (saved_errno)
    {
    case 0:
      /* a stream's error flag, the error itself gone: a write failed earlier */
      g_set_error (error, SP_ERROR, SP_ERROR_NO_SPACE,
                   /* TRANSLATORS: %s is the file being saved */
                   _("“%s” could not be written completely; the disk may be full. Free some "
                     "space or choose another place."), name);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   /* TRANSLATORS: %s is a folder */
                   _("You are not allowed to save files in the folder “%s”. Choose another "
                     "folder."), dir_name);
      break;
    case EROFS:
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   /* TRANSLATORS: %s is a folder */
                   _("The folder “%s” is on a disk that can only be read. Choose another "
                     "folder."), dir_name);
      break;
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EFBIG:
      g_set_error (error, SP_ERROR, SP_ERROR_NO_SPACE,
                   /* TRANSLATORS: %s is the file being saved */
                   _("There is not enough space on the disk to save “%s”. Free some space or "
                     "choose another place."), name);
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   /* TRANSLATORS: the file, then its folder */
                   _("“%s” could not be saved: the folder “%s” does not exist."), name, dir_name);
      break;
    case EISDIR:
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   /* TRANSLATORS: %s is the name chosen */
                   _("“%s” is a folder. Choose a file name."), name);
      break;
    default:
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   /* TRANSLATORS: the file, then why it could not be saved */
                   _("“%s” could not be saved: %s."), name, g_strerror (saved_errno));
      break;
    }
}

/**
 * sp_export_resolve_target:
 * @path: a file name, perhaps of a symbolic link
 *
 * Returns: the file that writing to @path should replace: the target of a
 * symbolic link (followed to the end), else @path itself.
 */
char *
sp_export_resolve_target (const char *path)
{
  g_autofree char *target = g_strdup (path);

  g_return_val_if_fail (path != NULL, NULL);

  /* as the kernel does, give up after 40 links */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *link = g_file_read_link (target, NULL);
      g_autofree char *dir = NULL;

      if (link == NULL)
        break;

      if (g_path_is_absolute (link))
        {
          g_free (target);
          target = g_steal_pointer (&link);
          continue;
        }

      dir = g_path_get_dirname (target);
      g_free (target);
      target = g_build_filename (dir, link, NULL);
    }

  return g_steal_pointer (&target);
}

/* Makes a rename in the folder of @path reach the disk */
void
sp_export_sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/*
 * Whether the temporary or partial file @path is held by no process: one
 * being written keeps an flock on it (sp_export_file_new(), the backups'
 * partial copies), one that a killed process left behind is locked by
 * nobody.  A file that is gone counts as free.
 */
gboolean
sp_export_file_is_abandoned (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  gboolean abandoned;

  if (fd < 0)
    return errno == ENOENT || errno == ELOOP;

  abandoned = flock (fd, LOCK_EX | LOCK_NB) == 0;
  close (fd);
  return abandoned;
}

/*
 * Removes the temporary files (".BASE.XXXXXX") and folders
 * (".BASE.XXXXXX.d") of earlier exports to @base in @dir that a killed
 * process left behind: those whose file no process holds locked.  Those
 * of an export running right now are left alone.
 */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (".", base, ".", NULL);
  gsize prefix_len = strlen (prefix);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *file = NULL;
      gsize rest;
      gboolean is_folder;

      if (!g_str_has_prefix (name, prefix))
        continue;
      rest = strlen (name) - prefix_len;
      is_folder = rest == 8 && g_str_has_suffix (name, ".d");
      if (rest != 6 && !is_folder)
        continue;

      path = g_build_filename (dir, name, NULL);
      file = is_folder ? g_strndup (path, strlen (path) - 2) : g_strdup (path);
      if (!sp_export_file_is_abandoned (file))
        continue;

      g_debug ("Removing %s, left by an export that was interrupted", path);
      if (is_folder && g_file_test (path, G_FILE_TEST_IS_DIR) &&
          !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_folder (path);
      else if (!is_folder && g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
               !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        g_unlink (path);
    }
}

/**
 * sp_export_file_new:
 * @path: where the file will be; when it is a symbolic link, its target is
 *   replaced and the link stays
 *
 * Creates a temporary file beside the file to replace (hidden, in the same
 * folder, so that the final rename cannot cross disks), readable and
 * writable by its owner only whatever the umask: it holds customer data.
 * It is removed if the export fails, is freed uncommitted, or the process
 * is interrupted.
 */
SpExportFile *
sp_export_file_new (const char  *path,
                    GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_path = NULL;
  SpExportFile *self;
  FILE *stream;
  int fd;
  int lock_fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      sp_export_set_file_error (error, EISDIR, path);
      return NULL;
    }

  target = sp_export_resolve_target (path);
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  remove_stale_temporaries (dir, base);

  for (guint tries = 0;; tries++)
    {
      GStatBuf st;
      struct stat fst;

      g_free (temp_path);
      temp_path = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.XXXXXX", dir, base);
      fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          sp_export_set_file_error (error, errno, path);
          return NULL;
        }

      /* locked for as long as this export lives, so that another export's
       * clean-up leaves it alone; removed by one before the lock was taken,
       * it is made afresh */
      if (flock (fd, LOCK_EX | LOCK_NB) == 0 && fstat (fd, &fst) == 0 &&
          g_lstat (temp_path, &st) == 0 && st.st_ino == fst.st_ino && st.st_dev == fst.st_dev)
        break;

      close (fd);
      if (tries >= 3)
        {
          sp_export_set_file_error (error, EEXIST, path);
          return NULL;
        }
    }
  sp_partial_file_add (temp_path);

  lock_fd = dup (fd);
  if (lock_fd < 0 || fchmod (fd, 0600) != 0 || (stream = fdopen (fd, "wb")) == NULL)
    {
      int saved_errno = errno;

      if (lock_fd >= 0)
        close (lock_fd);
      close (fd);
      g_unlink (temp_path);
      sp_partial_file_remove (temp_path);
      sp_export_set_file_error (error, saved_errno, path);
      return NULL;
    }

  self = g_new0 (SpExportFile, 1);
  self->path = g_strdup (path);
  self->target = g_steal_pointer (&target);
  self->temp_path = g_steal_pointer (&temp_path);
  self->stream = stream;
  self->fd = fd;
  self->lock_fd = lock_fd;

  return self;
}

const char *
sp_export_file_get_path (SpExportFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

/* The temporary file, for writers that open files by name */
const char *
sp_export_file_get_temp_path (SpExportFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->temp_path;
}

/**
 * sp_export_file_get_temp_folder:
 *
 * A hidden folder (0700) beside the temporary file, for a writer that
 * makes temporary files of its own (libxlsxwriter): removed with all it
 * holds when @self is freed or the process is interrupted, even if the
 * writer had no time to remove its files.
 *
 * Returns: (nullable): the folder, or %NULL (errno set) if it can't be made
 */
const char *
sp_export_file_get_temp_folder (SpExportFile *self)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->temp_folder != NULL)
    return self->temp_folder;

  folder = g_strconcat (self->temp_path, ".d", NULL);
  if (g_mkdir (folder, 0700) != 0)
    return NULL;
  sp_partial_folder_add (folder);
  self->temp_folder = g_steal_pointer (&folder);
  return self->temp_folder;
}

/* A stream on the temporary file, until sp_export_file_commit() */
FILE *
sp_export_file_get_stream (SpExportFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stream;
}

/**
 * sp_export_file_finish:
 *
 * Flushes the temporary file, checks that every write reached it and
 * makes its data reach the disk, without renaming it yet: several files
 * that go together are all finished before any is committed.
 */
gboolean
sp_export_file_finish (SpExportFile  *self,
                       GError       **error)
{
  FILE *stream;
  int saved_errno;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (self->finished)
    return TRUE;
  g_return_val_if_fail (self->stream != NULL, FALSE);

  stream = g_steal_pointer (&self->stream);
  errno = 0;
  if (fflush (stream) != 0 || ferror (stream) || fsync (self->fd) != 0)
    {
      saved_errno = errno;

      fclose (stream);
      sp_export_set_file_error (error, saved_errno, self->path);
      return FALSE;
    }

  errno = 0;
  rc = fclose (stream);
  saved_errno = errno;
  if (rc != 0)
    {
      sp_export_set_file_error (error, saved_errno, self->path);
      return FALSE;
    }

  self->finished = TRUE;
  return TRUE;
}

/**
 * sp_export_file_commit:
 *
 * Finishes the temporary file (sp_export_file_finish()) and renames it to
 * the final name, so that a crash leaves either the old file or the whole
 * new one.  On failure the old file is untouched.
 */
gboolean
sp_export_file_commit (SpExportFile  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (!sp_export_file_finish (self, error))
    return FALSE;

  if (g_rename (self->temp_path, self->target) != 0)
    {
      sp_export_set_file_error (error, errno, self->path);
      return FALSE;
    }

  self->committed = TRUE;
  sp_partial_file_remove (self->temp_path);
  close (self->lock_fd);
  self->lock_fd = -1;
  sp_export_sync_folder (self->target);
  return TRUE;
}

/* Removes the temporary file unless it was committed */
void
sp_export_file_free (SpExportFile *self)
{
  if (self == NULL)
    return;

  if (self->stream != NULL)
    fclose (self->stream);
  if (!self->committed)
    {
      g_unlink (self->temp_path);
      sp_partial_file_remove (self->temp_path);
    }
  if (self->temp_folder != NULL)
    {
      remove_folder (self->temp_folder);
      sp_partial_file_remove (self->temp_folder);
      g_free (self->temp_folder);
    }
  if (self->lock_fd >= 0)
    close (self->lock_fd);

  g_free (self->path);
  g_free (self->target);
  g_free (self->temp_path);
  g_free (self);
}
