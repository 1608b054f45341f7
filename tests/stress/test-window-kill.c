/* test-window-kill.c: the window open on a database while `service-pulse
 * kpis` reads the same file (and, in a second case, every verb that reads or
 * writes it, and sqlite3), a contact logged through the form, then the
 * window killed: the contact must be in the file.  A third case lets sqlite3
 * write after the save and quits the window normally: both must be kept.
 *
 * The window runs in a second process (this program started again with
 * --window DB), so that it can be killed as a power cut or a crash would
 * end it.  It says "loaded" once the dashboard shows its figures and
 * "saved" once the form has closed after saving; the test answers "log"
 * when the programs beside it have run, and "quit" to close the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sp-contact-form.h"
#include "sp-dashboard-page.h"
#include "sp-demo.h"
#include "sp-overview.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

#define NOTE "Logged beside the command line"

/* The window's side */

static SpDashboardPage *
find_dashboard (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      SpDashboardPage *found;

      if (SP_IS_DASHBOARD_PAGE (child))
        return SP_DASHBOARD_PAGE (child);
      if ((found = find_dashboard (child)))
        return found;
    }

  return NULL;
}

static gboolean
dashboard_loaded (SpDashboardPage *page)
{
  SpOverview *overview = sp_dashboard_page_get_overview (page);

  return overview != NULL && sp_overview_get_done (overview) == SP_OVERVIEW_ALL &&
         !sp_dashboard_page_is_loading (page);
}

/* Keeps the window alive (its threads post back to it) until the test
 * writes a line */
static void
wait_for_line (void)
{
  for (;;)
    {
      struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
      char buf[64];

      if (poll (&pfd, 1, 0) > 0)
        {
          if (fgets (buf, sizeof buf, stdin) == NULL)
            exit (1);
          return;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

#define CHILD(form, name) sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, name)

static int
run_window (const char *path)
{
  SpWindow *window;
  SpDashboardPage *page;
  SpContactForm *form;
  gint64 deadline;

  setvbuf (stdout, NULL, _IOLBF, 0);

  window = sp_window_new (NULL, path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));

  page = find_dashboard (GTK_WIDGET (window));
  g_assert_nonnull (page);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!dashboard_loaded (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  /* and what else the window reads on its threads at start */
  {
    gint64 settled = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;

    sp_test_wait_until (g_get_monotonic_time () >= settled);
  }
  printf ("loaded\n");

  wait_for_line ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-contact", NULL);
  sp_test_ui_flush ();
  form = SP_CONTACT_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
  g_assert_nonnull (form);

  sp_test_ui_set_text (CHILD (form, "agent_row"), "Ana");
  adw_combo_row_set_selected (ADW_COMBO_ROW (CHILD (form, "channel_row")), SP_CHANNEL_PHONE);
  sp_test_ui_set_text (CHILD (form, "customer_row"), "Bob's Bikes");
  sp_test_ui_set_text (CHILD (form, "note_row"), NOTE);
  g_assert_null (sp_form_get_problem (SP_FORM (form)));

  /* Enter saves and closes the form */
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  sp_test_ui_press_enter (CHILD (form, "note_row"));
  g_assert_null (form);
  printf ("saved\n");

  /* until it is killed, or told to quit as the owner would */
  wait_for_line ();
  gtk_window_destroy (GTK_WINDOW (window));
  sp_test_ui_flush ();

  return 0;
}

/* The test's side */

static char *
read_line (int fd)
{
  GString *line = g_string_new (NULL);
  char c;

  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      gssize n;

      if (poll (&pfd, 1, 90000) <= 0)
        g_error ("the window said nothing for 90 s");
      n = read (fd, &c, 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("the window ended before it said what it did: %s", line->str);
      if (c == '\n')
        return g_string_free (line, FALSE);
      g_string_append_c (line, c);
    }
}

/* The -wal and -shm that the process has open but are no longer in the folder */
static guint
count_deleted (GPid        pid,
               const char *path)
{
  g_autofree char *fds = g_strdup_printf ("/proc/%d/fd", pid);
  g_autoptr(GDir) dir = g_dir_open (fds, 0, NULL);
  const char *name;
  guint deleted = 0;

  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *link = g_build_filename (fds, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, path) &&
          g_str_has_suffix (target, " (deleted)"))
        {
          g_test_message ("the window still has %s open", target);
          deleted++;
        }
    }

  return deleted;
}

/* Runs a program on the file beside the window; it must succeed */
static void
run_beside (const char * const *argv,
            const char         *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s", argv[0], argv[3], err);
  if (expected != NULL && strstr (out, expected) == NULL)
    g_error ("%s %s did not say “%s”: %s", argv[0], argv[3], expected, out);
}

enum
{
  EVERY_VERB = 1 << 0,   /* not only kpis: every verb that reads or writes, and sqlite3 */
  QUIT       = 1 << 1,   /* another program writes after the save, then the window quits */
};

static void
test_beside_window (gconstpointer data)
{
  gboolean every_verb = (GPOINTER_TO_INT (data) & EVERY_VERB) != 0;
  gboolean quit = (GPOINTER_TO_INT (data) & QUIT) != 0;
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "export.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "more.csv", NULL);
  const char *binary = g_getenv ("SP_TEST_BINARY");
  SpDate today = sp_date_today ();
  g_autofree char *from = sp_date_format_iso (today - 90);
  g_autofree char *to = sp_date_format_iso (today);
  g_autofree char *yesterday = sp_date_format_iso (today - 1);
  g_autofree char *csv_text = NULL;
  const char *window_argv[] = { self, "--window", path, NULL };
  const char *kpis_argv[] = { binary, "--db", path, "kpis", "--from", from, "--to", to, NULL };
  const char *report_argv[] = { binary, "--db", path, "report", pdf, "--from", from, "--to", to,
                                NULL };
  const char *export_argv[] = { binary, "--db", path, "export-xlsx", xlsx, "--from", from,
                                "--to", to, NULL };
  const char *backup_argv[] = { binary, "--db", path, "backup", NULL };
  const char *import_argv[] = { binary, "--db", path, "import", "contacts", csv, NULL };
  const char *sqlite_argv[] = { "sqlite3", "-batch", path, "SELECT count(*) FROM contacts",
                                NULL };
  const char *write_argv[] = { "sqlite3", "-batch", "-cmd", ".timeout 10000", path,
                               "INSERT INTO settings (key, value) VALUES ('beside', 'x')", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *check = NULL;
  g_autoptr(SpStore) store = NULL;
  int in_fd, out_fd;
  int status = 0;
  guint deleted_beside, deleted_after_save;
  GPid pid;

  g_assert_nonnull (self);
  g_assert_nonnull (binary);

  if ((every_verb || quit) && !g_find_program_in_path ("sqlite3"))
    {
      g_test_skip ("needs the sqlite3 program");
      return;
    }

  /* a small shop, so that the dashboard has figures to load */
  {
    g_autoptr(SpStore) shop = sp_test_open_store (dir);
    SpDemoOptions options;

    sp_demo_options_init (&options);
    options.contacts = 300;
    g_assert_true (sp_demo_fill (shop, &options, &error));
    g_assert_no_error (error);
  }

  csv_text = g_strdup_printf ("received_at,channel,agent,note\n"
                              "%s 09:00,email,Ben,Imported beside the window\n", yesterday);
  g_assert_true (g_file_set_contents (csv, csv_text, -1, &error));
  g_assert_no_error (error);

  g_spawn_async_with_pipes (NULL, (char **) window_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                            NULL, &pid, &in_fd, &out_fd, NULL, &error);
  g_assert_no_error (error);

  line = read_line (out_fd);
  g_assert_cmpstr (line, ==, "loaded");

  run_beside (kpis_argv, "CSAT");
  if (every_verb)
    {
      run_beside (report_argv, NULL);
      run_beside (export_argv, NULL);
      run_beside (backup_argv, "Backed up to");
      run_beside (import_argv, NULL);
      run_beside (sqlite_argv, NULL);
    }

  deleted_beside = count_deleted (pid, path);

  g_assert_cmpint (write (in_fd, "log\n", 4), ==, 4);
  g_clear_pointer (&line, g_free);
  line = read_line (out_fd);
  g_assert_cmpstr (line, ==, "saved");

  deleted_after_save = count_deleted (pid, path);

  if (quit)
    {
      run_beside (write_argv, NULL);
      g_assert_cmpint (write (in_fd, "quit\n", 5), ==, 5);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    }
  else
    {
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
    }
  g_spawn_close_pid (pid);
  close (in_fd);
  close (out_fd);

  /* another program opening the file finds the contact, and the file whole */
  store = sp_store_open (path, SP_STORE_OPEN_VERIFY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts WHERE note = '"
                                             NOTE "' AND customer_id IN (SELECT id FROM "
                                             "customers WHERE name = 'Bob''s Bikes')"), ==, 1);
  if (every_verb)
    g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts WHERE note = "
                                               "'Imported beside the window'"), ==, 1);
  if (quit)
    g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM settings "
                                               "WHERE key = 'beside'"), ==, 1);
  check = sp_test_query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");

  /* and nothing was deleted under the window while it lived */
  g_assert_cmpuint (deleted_beside, ==, 0);
  g_assert_cmpuint (deleted_after_save, ==, 0);

  g_clear_object (&store);
  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--window"))
    {
      gtk_init ();
      adw_init ();
      return run_window (argv[2]);
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/window-kill/kpis-beside-window", GINT_TO_POINTER (0),
                        test_beside_window);
  g_test_add_data_func ("/window-kill/every-verb-beside-window", GINT_TO_POINTER (EVERY_VERB),
                        test_beside_window);
  /* a window quit normally must not cut what another program wrote */
  g_test_add_data_func ("/window-kill/quit-after-another-write",
                        GINT_TO_POINTER (EVERY_VERB | QUIT), test_beside_window);

  return g_test_run ();
}
