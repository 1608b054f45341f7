/* sp-xlsx-check.c
 *
 * Reads a workbook back after libxlsxwriter wrote it.  The library writes
 * its XML parts with unchecked stdio calls, and in constant-memory mode
 * copies each sheet's row file into the sheet without checking the
 * writes: a disk that fills for a moment gives a workbook that opens but
 * lacks rows.  So every part is inflated and must match its CRC and size,
 * every XML part must be well formed, and the rows of each constant-memory
 * sheet must be, byte for byte, what went into its row file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <zlib.h>

#include "sp-error.h"
#include "sp-export-file.h"
#include "sp-xlsx-check.h"

#define CHUNK 65536
#define SHEET_DATA "<sheetData>"
#define SHEET_DATA_END "</sheetData>"

typedef struct
{
  int                   fd;
  const SpXlsxRowFile  *rows;          /* this part's row file, or NULL */
  GMarkupParseContext  *markup;        /* NULL for parts that are not XML */
  GString              *head;          /* before the rows of a row-file sheet */
  int                   phase;         /* 0 head, 1 rows, 2 tail */
  gint64                compared;
  guint32               crc;
  gint64                size;
  gboolean              bad;
} Part;

static guint16
le16 (const guchar *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static guint32
le32 (const guchar *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static gboolean
read_at (int     fd,
         void   *buf,
         gsize   len,
         gint64  offset)
{
  guchar *p = buf;

  while (len > 0)
    {
      gssize n = pread (fd, p, len, (off_t) offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= (gsize) n;
      offset += n;
    }
  return TRUE;
}

static void
feed_markup (Part       *part,
             const char *data,
             gsize       len)
{
  if (part->markup != NULL && !part->bad && len > 0 &&
      !g_markup_parse_context_parse (part->markup, data, (gssize) len, NULL))
    part->bad = TRUE;
}

/* What follows the rows must close them */
static void
feed_tail (Part *part)
{
  if (part->head->len < strlen (SHEET_DATA_END))
    return;
  if (!g_str_has_prefix (part->head->str, SHEET_DATA_END))
    part->bad = TRUE;
  feed_markup (part, part->head->str, part->head->len);
  g_string_free (g_steal_pointer (&part->head), TRUE);
}

/* The rows of a constant-memory sheet must be its row file's bytes */
static void
compare_rows (Part        *part,
              const char  *data,
              gsize        len)
{
  char buf[CHUNK];

  while (len > 0 && !part->bad)
    {
      gsize n = MIN (len, sizeof buf);

      if (part->compared + (gint64) n > part->rows->size)
        n = (gsize) (part->rows->size - part->compared);
      if (n == 0)
        break;
      if (!read_at (part->rows->fd, buf, n, part->compared) || memcmp (buf, data, n) != 0)
        part->bad = TRUE;
      part->compared += (gint64) n;
      data += n;
      len -= n;
    }

  if (part->compared == part->rows->size && !part->bad)
    {
      part->phase = 2;
      part->head = g_string_new_len (data, (gssize) len);
      feed_tail (part);
    }
}

static void
consume (Part        *part,
         const char  *data,
         gsize        len)
{
  part->crc = (guint32) crc32 (part->crc, (const Bytef *) data, (uInt) len);
  part->size += (gint64) len;

  if (part->rows == NULL)
    {
      feed_markup (part, data, len);
      return;
    }

  if (part->phase == 0)
    {
      const char *start;

      g_string_append_len (part->head, data, (gssize) len);
      start = strstr (part->head->str, SHEET_DATA);
      if (start == NULL)
        {
          /* a sheet without rows has an empty row file */
          if (strstr (part->head->str, "<sheetData/>") != NULL)
            {
              if (part->rows->size != 0)
                part->bad = TRUE;
              part->phase = 3;
              feed_markup (part, part->head->str, part->head->len);
              g_string_truncate (part->head, 0);
            }
          return;
        }

      start += strlen (SHEET_DATA);
      feed_markup (part, part->head->str, (gsize) (start - part->head->str));
      part->phase = 1;
      {
        g_autofree char *rest = g_strndup (start, part->head->len - (gsize) (start - part->head->str));
        gsize rest_len = part->head->len - (gsize) (start - part->head->str);

        g_string_free (g_steal_pointer (&part->head), TRUE);
        compare_rows (part, rest, rest_len);
      }
      return;
    }

  if (part->phase == 1)
    {
      compare_rows (part, data, len);
      return;
    }

  if (part->phase == 2 && part->head != NULL)
    {
      g_string_append_len (part->head, data, (gssize) len);
      feed_tail (part);
      return;
    }

  feed_markup (part, data, len);
}

static gboolean
check_part (int                   fd,
            const guchar         *entry,
            const char           *name,
            const SpXlsxRowFile  *rows)
{
  static const GMarkupParser no_callbacks = { NULL };
  guint16 method = le16 (entry + 10);
  guint32 crc = le32 (entry + 16);
  guint32 csize = le32 (entry + 20);
  guint32 usize = le32 (entry + 24);
  guint32 offset = le32 (entry + 42);
  guchar local[30];
  g_autofree guchar *in = g_malloc (CHUNK);
  g_autofree char *out = g_malloc (CHUNK);
  gint64 pos, left = csize;
  z_stream z = { 0 };
  Part part = { 0 };
  int zrc = Z_OK;

  if (!read_at (fd, local, sizeof local, offset) || le32 (local) != 0x04034b50)
    return FALSE;
  pos = (gint64) offset + 30 + le16 (local + 26) + le16 (local + 28);

  part.fd = fd;
  part.rows = rows;
  part.crc = (guint32) crc32 (0, NULL, 0);
  if (rows != NULL)
    part.head = g_string_new (NULL);
  if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".rels"))
    part.markup = g_markup_parse_context_new (&no_callbacks, 0, NULL, NULL);

  if (method == Z_DEFLATED && inflateInit2 (&z, -MAX_WBITS) != Z_OK)
    return FALSE;

  while (left > 0 && !part.bad)
    {
      gsize n = (gsize) MIN (left, CHUNK);

      if (!read_at (fd, in, n, pos))
        {
          part.bad = TRUE;
          break;
        }
      pos += (gint64) n;
      left -= (gint64) n;

      if (method != Z_DEFLATED)
        {
          consume (&part, (const char *) in, n);
          continue;
        }

      z.next_in = in;
      z.avail_in = (uInt) n;
      do
        {
          z.next_out = (Bytef *) out;
          z.avail_out = CHUNK;
          zrc = inflate (&z, Z_NO_FLUSH);
          if (zrc != Z_OK && zrc != Z_STREAM_END)
            {
              part.bad = TRUE;
              break;
            }
          consume (&part, out, CHUNK - z.avail_out);
        }
      while ((z.avail_in > 0 || z.avail_out == 0) && zrc != Z_STREAM_END && !part.bad);
    }

  if (method == Z_DEFLATED)
    {
      if (zrc != Z_STREAM_END)
        part.bad = TRUE;
      inflateEnd (&z);
    }

  if (part.crc != crc || part.size != (gint64) usize)
    part.bad = TRUE;
  if (rows != NULL && part.phase != 3 && (part.phase != 2 || part.head != NULL))
    part.bad = TRUE;
  if (part.markup != NULL)
    {
      if (!part.bad && !g_markup_parse_context_end_parse (part.markup, NULL))
        part.bad = TRUE;
      g_markup_parse_context_free (part.markup);
    }
  if (part.head != NULL)
    g_string_free (part.head, TRUE);

  if (part.bad)
    g_debug ("Part %s of the workbook is not what was written", name);
  return !part.bad;
}

static gboolean
check_zip (int                   fd,
           const SpXlsxRowFile  *row_files,
           guint                 n_row_files)
{
  guchar tail[65536 + 22];
  g_autofree guchar *directory = NULL;
  g_autofree gboolean *seen = g_new0 (gboolean, n_row_files + 1);
  gint64 file_size = lseek (fd, 0, SEEK_END);
  gsize tail_len;
  const guchar *end = NULL;
  guint32 dir_size, dir_offset;
  guint16 n_entries;
  gsize p = 0;

  if (file_size < 22)
    return FALSE;
  tail_len = (gsize) MIN (file_size, (gint64) sizeof tail);
  if (!read_at (fd, tail, tail_len, file_size - (gint64) tail_len))
    return FALSE;

  for (gsize i = tail_len - 22; end == NULL; i--)
    {
      if (le32 (tail + i) == 0x06054b50)
        end = tail + i;
      if (i == 0)
        break;
    }
  if (end == NULL)
    return FALSE;

  n_entries = le16 (end + 10);
  dir_size = le32 (end + 12);
  dir_offset = le32 (end + 16);
  if (n_entries == 0xffff || dir_offset == 0xffffffff)
    {
      /* ZIP64: far beyond what one workbook of ours holds */
      g_debug ("Not checking a ZIP64 workbook");
      return TRUE;
    }
  if ((gint64) dir_offset + dir_size > file_size)
    return FALSE;

  directory = g_malloc (dir_size);
  if (!read_at (fd, directory, dir_size, dir_offset))
    return FALSE;

  for (guint e = 0; e < n_entries; e++)
    {
      g_autofree char *name = NULL;
      const SpXlsxRowFile *rows = NULL;
      guint16 name_len;

      if (p + 46 > dir_size || le32 (directory + p) != 0x02014b50)
        return FALSE;
      name_len = le16 (directory + p + 28);
      if (p + 46 + name_len > dir_size)
        return FALSE;
      name = g_strndup ((const char *) directory + p + 46, name_len);

      for (guint r = 0; r < n_row_files; r++)
        {
          g_autofree char *sheet = g_strdup_printf ("xl/worksheets/sheet%u.xml",
                                                   row_files[r].sheet_number);

          if (g_str_equal (name, sheet))
            {
              rows = &row_files[r];
              seen[r] = TRUE;
            }
        }

      if (!check_part (fd, directory + p, name, rows))
        return FALSE;

      p += 46 + name_len + le16 (directory + p + 30) + le16 (directory + p + 32);
    }

  for (guint r = 0; r < n_row_files; r++)
    {
      if (!seen[r])
        return FALSE;
    }

  return TRUE;
}

/**
 * sp_xlsx_check_written:
 * @path: the workbook libxlsxwriter wrote
 * @display_path: its name for messages
 * @row_files: the row files of its constant-memory sheets
 *
 * Returns: %TRUE if the workbook holds everything that was written to it.
 */
gboolean
sp_xlsx_check_written (const char           *path,
                       const char           *display_path,
                       const SpXlsxRowFile  *row_files,
                       guint                 n_row_files,
                       GError              **error)
{
  g_autofree char *name = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      sp_export_set_file_error (error, errno, display_path);
      return FALSE;
    }

  ok = check_zip (fd, row_files, n_row_files);
  close (fd);

  if (!ok)
    {
      name = g_filename_display_basename (display_path);
      g_set_error (error, SP_ERROR, SP_ERROR_NO_SPACE,
                   /* TRANSLATORS: %s is the file being saved */
                   _("“%s” could not be written completely; the disk may be full. Free some "
                     "space or choose another place."), name);
    }

  return ok;
}
