/* fuzz-csv.c: the CSV reader, and the importer on what it reads
 *
 * Every input is read as CSV, then imported as the kind of file its header
 * names (or one chosen from its first byte) into a store on a temporary
 * file, inside a transaction that is rolled back, so the store stays small.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sp-csv-reader.h"
#include "sp-import.h"
#include "sp-store-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static SpStore *store;
static char *store_dir;

static void
remove_store (void)
{
  g_autofree char *path = g_build_filename (store_dir, "fuzz.db", NULL);
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_remove (p);
    }
  g_rmdir (store_dir);
  g_clear_pointer (&store_dir, g_free);
}

static void
ensure_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (store != NULL)
    return;

  store_dir = g_dir_make_tmp ("sp-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (store_dir, "fuzz.db", NULL);
  store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* nothing is ever committed; no need to wait for the disk */
  sp_store_exec (store, "PRAGMA synchronous = OFF", NULL);
  atexit (remove_store);
}

static void
read_all (const char *data,
          gsize       size)
{
  g_autoptr(SpCsvReader) reader = sp_csv_reader_new (data, size);
  g_autoptr(GError) error = NULL;
  gsize total = 0;

  while (sp_csv_reader_next (reader, &error))
    {
      guint n = sp_csv_reader_get_n_fields (reader);

      for (guint i = 0; i <= n; i++)
        {
          const char *field = sp_csv_reader_get_field (reader, i);

          if (field != NULL)
            {
              g_assert (g_utf8_validate (field, -1, NULL));
              total += strlen (field);
            }
        }
      g_assert (sp_csv_reader_get_row (reader) > 0);
      (void) sp_csv_reader_is_blank (reader);
    }

  /* every field is a piece of the input: never more text than went in */
  g_assert (total <= size);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  SpImportKind kind;
  guint n = 0;

  ensure_store ();
  read_all ((const char *) data, size);

  if (!sp_import_guess_kind ((const char *) data, size, &kind))
    kind = size > 0 ? data[0] % SP_N_IMPORT_KINDS : SP_IMPORT_CONTACTS;

  g_assert (sp_store_begin (store, NULL));
  if (!sp_import_data (store, kind, "fuzz.csv", (const char *) data, size, &n, &error))
    {
      /* a refusal names the file and says why */
      g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.csv"));
      g_assert (n == 0);
    }
  sp_store_rollback (store);

  return 0;
}
