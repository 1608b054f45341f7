/* test-export-name.c: the folder and name a workbook or report is offered under
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "sp-export-name.h"
#include "sp-test-util.h"

static char *home;

static void
test_suggest (void)
{
  static const struct
  {
    const char *shop;
    const char *from, *to;
    const char *extension;
    const char *expected;
  } cases[] = {
    /* a month, as the period's title says it */
    { "Corner Shop", "2026-10-01", "2026-10-31", "xlsx", "Corner Shop October 2026.xlsx" },
    { "Corner Shop", "2026-10-01", "2026-10-31", "pdf", "Corner Shop October 2026.pdf" },
    /* a quarter and a year */
    { "Corner Shop", "2026-10-01", "2026-12-31", "pdf", "Corner Shop Q4 2026.pdf" },
    { "Corner Shop", "2026-01-01", "2026-12-31", "xlsx", "Corner Shop 2026.xlsx" },
    /* some days, and days across years */
    { "Corner Shop", "2026-10-03", "2026-10-17", "xlsx", "Corner Shop 3 – 17 October 2026.xlsx" },
    { "Corner Shop", "2025-12-08", "2026-12-05", "pdf",
      "Corner Shop 8 December 2025 – 5 December 2026.pdf" },
    /* no name set, or only spaces: the app's */
    { NULL, "2026-10-01", "2026-10-31", "xlsx", "Service Pulse October 2026.xlsx" },
    { "   ", "2026-10-01", "2026-10-31", "xlsx", "Service Pulse October 2026.xlsx" },
    /* what a folder or a USB stick refuses becomes "-"; spaces are tidied */
    { "Smith/Jones: Tools & <More>", "2026-10-01", "2026-10-31", "xlsx",
      "Smith-Jones- Tools & -More- October 2026.xlsx" },
    { "  Café\tZoë  ", "2026-10-01", "2026-10-31", "pdf", "Café Zoë October 2026.pdf" },
    /* a name that would hide the file */
    { ".hidden", "2026-10-01", "2026-10-31", "pdf", "hidden October 2026.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpPeriod period = { sp_test_date (cases[i].from), sp_test_date (cases[i].to) };
      g_autofree char *name = sp_export_name_suggest (cases[i].shop, &period,
                                                      cases[i].extension);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

static void
test_make_safe (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j" },
    { "line\nbreak", "line break" },
    { "bell\aend", "bell-end" },
    /* U+012F and U+015C, whose low bytes are those of "/" and "\\" */
    { "\xc4\xaf\xc5\x9c", "\xc4\xaf\xc5\x9c" },
    { "  ..name..  ", "name" },
    { "...", "" },
    { "tab\there", "tab here" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = sp_export_name_make_safe (cases[i].in);
      g_assert_cmpstr (safe, ==, cases[i].out);
    }
}

/* Documents when the user has one, else the home folder; never the
 * folder the app was started from */
static void
test_default_folder (void)
{
  g_autofree char *documents = g_build_filename (home, "My Documents", NULL);
  g_autofree char *folder = NULL;

  g_assert_cmpint (g_mkdir_with_parents (documents, 0700), ==, 0);
  folder = sp_export_name_dup_default_folder ();
  g_assert_cmpstr (folder, ==, documents);
  g_clear_pointer (&folder, g_free);

  g_assert_cmpint (g_rmdir (documents), ==, 0);
  folder = sp_export_name_dup_default_folder ();
  g_assert_cmpstr (folder, ==, home);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  g_autofree char *dirs = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");

  /* GLib reads the user's folders once: set them before anything asks */
  home = sp_test_make_dir ();
  config = g_build_filename (home, ".config", NULL);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  dirs = sp_test_write_file (config, "user-dirs.dirs",
                             "XDG_DOCUMENTS_DIR=\"$HOME/My Documents\"\n");
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-name/suggest", test_suggest);
  g_test_add_func ("/export-name/make-safe", test_make_safe);
  g_test_add_func ("/export-name/default-folder", test_default_folder);

  status = g_test_run ();
  sp_test_remove_dir (home);
  g_free (home);
  return status;
}
