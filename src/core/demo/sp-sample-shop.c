/* sp-sample-shop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-demo"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sp-demo.h"
#include "sp-error.h"
#include "sp-sample-shop.h"
#include "sp-store.h"
#include "sp-time.h"

/* The day the sample shop was made: its year ends then */
#define MADE_KEY "sample.made-on"
/* Older, its latest weeks are empty: it is made again, ending today */
#define FRESH_DAYS 7

char *
sp_sample_shop_dup_path (void)
{
  /* a folder of its own, so its backups never sit among the owner's */
  return g_build_filename (g_get_user_data_dir (), "service-pulse", "sample",
                           "Sample Shop.db", NULL);
}

gboolean
sp_sample_shop_is_path (const char *path)
{
  g_autofree char *sample = sp_sample_shop_dup_path ();
  g_autoptr(GFile) a = NULL;
  g_autoptr(GFile) b = NULL;

  if (path == NULL)
    return FALSE;

  a = g_file_new_for_path (path);
  b = g_file_new_for_path (sample);
  return g_file_equal (a, b);
}

/* The journal SQLite may leave beside a database */
static void
remove_journal (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static void
remove_partial (const char *part)
{
  g_remove (part);
  remove_journal (part);
}

/* Whether @path holds a recent sample shop; FALSE for a file that is empty,
 * can't be opened or was made more than a week ago, which is made again */
static gboolean
is_current (const char *path)
{
  g_autoptr(SpStore) store = NULL;
  g_autofree char *made = NULL;
  SpDate day;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, NULL);
  if (store == NULL || sp_store_is_empty (store))
    return FALSE;

  made = sp_store_dup_setting (store, MADE_KEY);
  return made != NULL && sp_date_parse (made, &day, NULL) &&
         sp_date_today () - day <= FRESH_DAYS;
}

gboolean
sp_sample_shop_ensure (const char  *path,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *part = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  static GMutex making;
  SpDemoOptions options;

  g_return_val_if_fail (path != NULL, FALSE);

  /* two windows asking at once: the second finds the first one's shop */
  locker = g_mutex_locker_new (&making);

  if (is_current (path))
    return TRUE;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   /* TRANSLATORS: the folder, then the reason */
                   _("The folder “%s” for the sample shop can't be made: %s."),
                   display, g_strerror (errsv));
      return FALSE;
    }

  part = g_strconcat (path, ".part", NULL);
  remove_partial (part);

  {
    g_autoptr(SpStore) store = sp_store_open (part, SP_STORE_OPEN_DEFAULT, error);

    if (store == NULL)
      {
        remove_partial (part);
        return FALSE;
      }

    sp_demo_options_init (&options);
    made = sp_date_format_iso (sp_date_today ());
    if (!sp_demo_fill (store, &options, error) ||
        !sp_store_set_setting (store, MADE_KEY, made, error))
      {
        g_clear_object (&store);
        remove_partial (part);
        return FALSE;
      }
  }

  /* the last connection is closed: the file is whole, without its WAL; an
   * older sample's journal beside @path must not be read into the new one */
  remove_journal (path);
  if (g_rename (part, path) != 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (path);

      remove_partial (part);
      g_set_error (error, SP_ERROR, SP_ERROR_IO,
                   /* TRANSLATORS: the file, then the reason */
                   _("The sample shop can't be saved as “%s”: %s."),
                   display, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

static void
ensure_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (sp_sample_shop_ensure (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sp_sample_shop_ensure_async (const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_sample_shop_ensure_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, ensure_thread);
}

gboolean
sp_sample_shop_ensure_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
