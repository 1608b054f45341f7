/* sp-export-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sp-error.h"
#include "sp-export-file.h"

struct _SpExportFile
{
  char     *path;
  char     *temp_path;
  FILE     *stream;      /* on the temporary file, until commit */
  gboolean  replaces;    /* the final name exists: sync before renaming over it */
  gboolean  committed;
};

/**
 * sp_export_set_file_error:
 * @saved_errno: the errno of the failed call
 * @path: the file that was being written
 *
 * Says what went wrong with @path in words a shop owner can act on.
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
    case EACCES:
    case EPERM:
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   _("You are not allowed to save files in the folder “%s”. Choose another "
                     "folder."), dir_name);
      break;
    case EROFS:
      g_set_error (error, SP_ERROR, SP_ERROR_READ_ONLY,
                   _("The folder “%s” is on a disk that can only be read. Choose another "
                     "folder."), dir_name);
      break;
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EFBIG:
      g_set_error (error, SP_ERROR, SP_ERROR_NO_SPACE,
                   _("There is not enough space on the disk to save “%s”. Free some space or "
                     "choose another place."), name);
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   _("The folder “%s” does not exist."), dir_name);
      break;
    case EISDIR:
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   _("“%s” is a folder. Choose a file name."), name);
      break;
    default:
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   _("“%s” could not be saved: %s."), name, g_strerror (saved_errno));
      break;
    }
}

/**
 * sp_export_file_new:
 * @path: where the file will be
 *
 * Creates a temporary file beside @path (hidden, in the same folder, so
 * that the final rename cannot cross disks), with the permissions a new
 * file gets.
 */
SpExportFile *
sp_export_file_new (const char  *path,
                    GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_path = NULL;
  SpExportFile *self;
  FILE *stream;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      sp_export_set_file_error (error, EISDIR, path);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp_path = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.XXXXXX", dir, base);

  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      sp_export_set_file_error (error, errno, path);
      return NULL;
    }

  stream = fdopen (fd, "wb");
  if (stream == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (temp_path);
      sp_export_set_file_error (error, saved_errno, path);
      return NULL;
    }

  self = g_new0 (SpExportFile, 1);
  self->path = g_strdup (path);
  self->temp_path = g_steal_pointer (&temp_path);
  self->stream = stream;
  self->replaces = g_file_test (path, G_FILE_TEST_EXISTS);

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

/* A stream on the temporary file, until sp_export_file_commit() */
FILE *
sp_export_file_get_stream (SpExportFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stream;
}

/**
 * sp_export_file_commit:
 *
 * Flushes the temporary file and renames it to the final name.  When that
 * name already held a file, the data reach the disk first, so that a crash
 * cannot leave an empty file where the old one was.
 */
gboolean
sp_export_file_commit (SpExportFile  *self,
                       GError       **error)
{
  FILE *stream;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  stream = g_steal_pointer (&self->stream);
  errno = 0;
  if (fflush (stream) != 0 || ferror (stream) ||
      (self->replaces && fsync (fileno (stream)) != 0))
    {
      int saved_errno = errno ? errno : EIO;

      fclose (stream);
      sp_export_set_file_error (error, saved_errno, self->path);
      return FALSE;
    }

  if (fclose (stream) != 0)
    {
      sp_export_set_file_error (error, errno, self->path);
      return FALSE;
    }

  if (g_rename (self->temp_path, self->path) != 0)
    {
      sp_export_set_file_error (error, errno, self->path);
      return FALSE;
    }

  self->committed = TRUE;
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
    g_unlink (self->temp_path);

  g_free (self->path);
  g_free (self->temp_path);
  g_free (self);
}
