/* bench-log-page.c: opening the Log page on a large database, and scrolling it
 *
 *   bench-log-page --db PATH|URI [--runs N] [--steps N]
 *
 * (a server's address: the shop's copy on this computer, as the window opens it)
 * Measures, each run in a new process: the time from opening the database
 * to the first rows of the contacts list painted on screen, the time until
 * the whole list is known (scrollbar complete), and the growth of the
 * resident memory while the list is scrolled from the top to the bottom in
 * --steps jumps (as dragging the scrollbar does) and then a screenful at a
 * time over the last part.  Prints each run and the medians.
 * tests/bench/bench-log-page.sh makes the database (`service-pulse demo`) and runs this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "sp-log-page.h"
#include "sp-record-list-private.h"
#include "sp-record-view.h"

typedef struct
{
  double first_rows_ms;
  double complete_ms;
  double growth_mb;
  guint64 fetched;
} Run;

static gint64
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtoll (line + 6, NULL, 10) : 0;
}

static void
trace (const char *what,
       gint64      start)
{
  if (g_getenv ("SP_BENCH_TRACE"))
    g_printerr ("  %s: %.1f ms\n", what, (g_get_monotonic_time () - start) / 1000.0);
}

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

/* Runs the loop until the next frame has been painted */
static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong id;

  painted = FALSE;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static Run
run_once (const char *path,
          guint       steps)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  SpLogPage *page = g_object_new (SP_TYPE_LOG_PAGE, NULL);
  SpRecordView *view;
  SpRecordList *list;
  GtkAdjustment *adj;
  GtkScrolledWindow *scroller;
  SpStore *store;
  Run run = { 0 };
  gint64 start, baseline, peak;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (window);

  /* from opening the file to the first rows painted */
  start = g_get_monotonic_time ();

  if (sp_store_is_server_address (path))
    store = sp_store_open_server (path, NULL, SP_STORE_OPEN_DEFAULT, &error);
  else
    store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  trace ("database open", start);
  sp_log_page_set_store (page, store);
  trace ("page set up", start);

  view = SP_RECORD_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page), SP_TYPE_LOG_PAGE,
                                                        "contacts_view"));
  list = sp_record_view_get_list (view);

  while (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    g_main_context_iteration (NULL, TRUE);
  trace ("first ids", start);
  while (sp_record_list_get_n_fetched (list) == 0)
    g_main_context_iteration (NULL, TRUE);
  trace ("first rows read", start);
  wait_for_paint (window);
  run.first_rows_ms = (g_get_monotonic_time () - start) / 1000.0;

  while (sp_record_list_is_loading (list))
    g_main_context_iteration (NULL, TRUE);
  run.complete_ms = (g_get_monotonic_time () - start) / 1000.0;

  wait_for_paint (window);
  baseline = peak = rss_kb ();

  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                 SP_TYPE_RECORD_VIEW,
                                                                 "scroller"));
  adj = gtk_scrolled_window_get_vadjustment (scroller);

  /* top to bottom in jumps, as dragging the scrollbar */
  for (guint i = 1; i <= steps; i++)
    {
      double upper = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

      gtk_adjustment_set_value (adj, upper * i / steps);
      wait_for_paint (window);
      peak = MAX (peak, rss_kb ());
    }

  /* and a screenful at a time, back up the last thousand rows or so */
  for (guint i = 0; i < 40; i++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) -
                                     gtk_adjustment_get_page_size (adj));
      wait_for_paint (window);
      peak = MAX (peak, rss_kb ());
    }

  run.growth_mb = (peak - baseline) / 1024.0;
  run.fetched = sp_record_list_get_n_fetched (list);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (store);

  return run;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Runs one measurement in a new process, so that each starts cold */
static Run
spawn_run (const char *self_path,
           const char *db,
           int         steps)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *steps_arg = g_strdup_printf ("--steps=%d", steps);
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", db);
  const char *argv[] = { self_path, "--child", db_arg, steps_arg, NULL };
  const char *line;
  int status = 0;
  Run run = { 0 };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("run: %s", error->message);

  line = strstr (out, "RESULT ");
  if (line == NULL ||
      sscanf (line, "RESULT %lf %lf %lf %" G_GUINT64_FORMAT, &run.first_rows_ms,
              &run.complete_ms, &run.growth_mb, &run.fetched) != 4)
    g_error ("run: no result in “%s”", out);

  return run;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = NULL;
  char *db = NULL;
  int runs = 5;
  int steps = 500;
  gboolean child = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The database", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps, "Jumps from top to bottom", "N" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &child, NULL, NULL },
    { NULL }
  };
  double *first, *complete, *growth;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (db == NULL || (!sp_store_is_server_address (db) && !g_file_test (db, G_FILE_TEST_EXISTS)))
    {
      g_printerr ("Give an existing database or a server's address with --db "
                  "(tests/bench/bench-log-page.sh makes one)\n");
      return 2;
    }

  if (child)
    {
      Run run;

      gtk_init ();
      adw_init ();
      run = run_once (db, (guint) steps);
      g_print ("RESULT %.3f %.3f %.3f %" G_GUINT64_FORMAT "\n", run.first_rows_ms,
               run.complete_ms, run.growth_mb, run.fetched);
      return 0;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);

  first = g_new0 (double, runs);
  complete = g_new0 (double, runs);
  growth = g_new0 (double, runs);

  g_print ("%s\n", db);
  g_print ("run  first rows (ms)  list complete (ms)  memory growth (MB)  rows read\n");

  for (int i = 0; i < runs; i++)
    {
      Run run = spawn_run (self_path ? self_path : argv[0], db, steps);

      first[i] = run.first_rows_ms;
      complete[i] = run.complete_ms;
      growth[i] = run.growth_mb;
      g_print ("%3d  %15.1f  %18.1f  %18.1f  %9" G_GUINT64_FORMAT "\n", i + 1,
               run.first_rows_ms, run.complete_ms, run.growth_mb, run.fetched);
    }

  g_print ("median  first rows %.1f ms, list complete %.1f ms, memory growth %.1f MB\n",
           median (first, runs), median (complete, runs), median (growth, runs));

  g_free (first);
  g_free (complete);
  g_free (growth);

  return 0;
}
