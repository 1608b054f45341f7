/* sp-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>

#include "sp-store-private.h"
#include "sp-test-util.h"

char *
sp_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sp-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
sp_test_db_path (const char *dir)
{
  return g_build_filename (dir, "test.db", NULL);
}

SpStore *
sp_test_open_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sp_test_db_path (dir);
  SpStore *store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
remove_recursive (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (d && (name = g_dir_read_name (d)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_recursive (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}

void
sp_test_remove_dir (const char *dir)
{
  if (dir != NULL)
    remove_recursive (dir);
}

char *
sp_test_write_file (const char *dir,
                    const char *name,
                    const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static sqlite3_stmt *
query (SpStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (sp_store_get_handle (store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (sp_store_get_handle (store)));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    g_error ("%s: no row (%d)", sql, rc);

  return stmt;
}

gint64
sp_test_query_int (SpStore    *store,
                   const char *sql)
{
  sqlite3_stmt *stmt = query (store, sql);
  gint64 v = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return v;
}

double
sp_test_query_double (SpStore    *store,
                      const char *sql)
{
  sqlite3_stmt *stmt = query (store, sql);
  double v = sqlite3_column_double (stmt, 0);

  sqlite3_finalize (stmt);
  return v;
}

char *
sp_test_query_text (SpStore    *store,
                    const char *sql)
{
  sqlite3_stmt *stmt = query (store, sql);
  char *v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return v;
}

SpTime
sp_test_time (const char *iso)
{
  SpTime t = SP_TIME_NONE;

  if (!sp_time_parse (iso, &t, NULL))
    g_error ("bad test time %s", iso);
  return t;
}

SpDate
sp_test_date (const char *iso)
{
  SpDate d = SP_DATE_NONE;

  if (!sp_date_parse (iso, &d, NULL))
    g_error ("bad test date %s", iso);
  return d;
}

/*
 * Lets go of Pango's font map before exit.  fontconfig's and cairo's own
 * caches stay until exit (tests/data/lsan-fonts.supp): resetting them here
 * aborts whenever a font is still referenced somewhere.
 */
void
sp_test_free_font_caches (void)
{
  pango_cairo_font_map_set_default (NULL);
}
