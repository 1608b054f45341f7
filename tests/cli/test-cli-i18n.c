/* test-cli-i18n.c: the command line in one language of po/LINGUAS (the first argument)
 *
 * People read that language; machines read the same bytes in every language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "sp-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *locales;
  char *locale;     /* "de_DE.UTF-8" */
  char  month[8];   /* the last whole month of the sample shop, "2026-11" */
  char  from[11];
  char  to[11];
} Fixture;

static const char *language;

static const char *
country_of (const char *lang)
{
  static const struct { const char *lang, *locale; } known[] = {
    { "de", "de_DE" }, { "fr", "fr_FR" }, { "es", "es_ES" }, { "it", "it_IT" },
    { "nl", "nl_NL" }, { "pt", "pt_PT" }, { "pl", "pl_PL" }, { "sv", "sv_SE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].lang, lang))
      return known[i].locale;

  return NULL;
}

/* @msgid as the catalog of the language says it, maybe the same */
static char *
translated_any (Fixture    *f,
                const char *context,
                const char *msgid)
{
  const char *text;
  char *copy;

  g_setenv ("LOCPATH", f->locales, TRUE);
  g_assert_nonnull (setlocale (LC_ALL, f->locale));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SERVICE_PULSE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  text = context ? g_dpgettext2 (GETTEXT_PACKAGE, context, msgid)
                 : g_dgettext (GETTEXT_PACKAGE, msgid);
  copy = g_strdup (text);
  setlocale (LC_ALL, "C");
  g_unsetenv ("LOCPATH");

  return copy;
}

/* @msgid as the catalog of the language says it; never the msgid itself */
static char *
translated (Fixture    *f,
            const char *context,
            const char *msgid)
{
  char *copy = translated_any (f, context, msgid);

  if (g_str_equal (copy, msgid))
    g_error ("“%s” has no translation in %s.po", msgid, language);

  return copy;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *country = country_of (language);
  SpTestRun r = { 0 };

  g_assert_nonnull (g_getenv ("SERVICE_PULSE_LOCALEDIR"));
  f->dir = sp_test_make_dir ();
  f->db = sp_test_db_path (f->dir);

  if (country == NULL)
    g_error ("add the country of “%s” to country_of() in %s", language, __FILE__);
  f->locales = sp_test_make_locale (f->dir, country);
  f->locale = g_strconcat (country, ".UTF-8", NULL);

  /* the sample shop ends today: the month before this one is whole */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (now),
                                                        g_date_time_get_month (now), 1, 0, 0, 0);
    g_autoptr(GDateTime) last = g_date_time_add_days (first, -1);
    g_autoptr(GDateTime) start = g_date_time_add_months (first, -1);

    g_snprintf (f->month, sizeof f->month, "%04d-%02d", g_date_time_get_year (last),
                g_date_time_get_month (last));
    g_snprintf (f->from, sizeof f->from, "%s-01", f->month);
    g_snprintf (f->to, sizeof f->to, "%s-%02d", f->month, g_date_time_get_day_of_month (last));
    g_assert_cmpint (g_date_time_get_month (start), ==, g_date_time_get_month (last));
  }

  sp_test_run_locale (&r, NULL, NULL, "--db", f->db, "demo", "--contacts", "800", "--seed", "3",
                      NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->locales);
  g_free (f->locale);
}

static gboolean
need_locale (Fixture *f)
{
  if (f->locales != NULL)
    return TRUE;

  g_test_skip ("localedef could not make the language's locale");
  return FALSE;
}

/* `kpis` speaks the language: its headings are the catalog's, not the English ones */
static void
test_kpis (Fixture       *f,
           gconstpointer  data)
{
  const char *msgids[] = { "Customer satisfaction", "First contact resolution", "Escalation rate" };
  SpTestRun r = { 0 };

  if (!need_locale (f))
    return;

  sp_test_run_locale (&r, f->locale, f->locales, "--db", f->db, "kpis",
                      "--from", f->from, "--to", f->to, NULL);
  g_assert_cmpint (r.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (msgids); i++)
    {
      g_autofree char *text = translated (f, NULL, msgids[i]);

      sp_assert_contains (r.out, text);
      if (strstr (text, msgids[i]) == NULL)
        sp_assert_not_contains (r.out, msgids[i]);
    }

  /* and so does a usage error */
  sp_test_run_locale (&r, f->locale, f->locales, "--db", f->db, "kpis", NULL);
  g_assert_cmpint (r.status, ==, 2);
  {
    g_autofree char *message = translated (f, NULL, "kpis needs --from and --to");
    g_autofree char *usage = translated (f, NULL, "Usage:");

    sp_assert_contains (r.err, message);
    sp_assert_contains (r.err, usage);
  }

  sp_test_run_clear (&r);
}

/* `kpis --json` and the CSV files: the same bytes as in English */
static void
test_machine_readable (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *english = g_build_filename (f->dir, "csv-en", NULL);
  g_autofree char *local = g_build_filename (f->dir, "csv-local", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_files = 0;
  SpTestRun r = { 0 };

  if (!need_locale (f))
    return;

  sp_test_run_locale (&r, NULL, NULL, "--db", f->db, "kpis", "--from", f->from,
                      "--to", f->to, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json = g_steal_pointer (&r.out);
  sp_test_run_locale (&r, f->locale, f->locales, "--db", f->db, "kpis", "--from", f->from,
                      "--to", f->to, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, json);

  sp_test_run_locale (&r, NULL, NULL, "--db", f->db, "export-csv", english, "--from",
                      f->from, "--to", f->to, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_locale (&r, f->locale, f->locales, "--db", f->db, "export-csv", local, "--from",
                      f->from, "--to", f->to, NULL);
  g_assert_cmpint (r.status, ==, 0);

  folder = g_dir_open (english, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *a_path = g_build_filename (english, name, NULL);
      g_autofree char *b_path = g_build_filename (local, name, NULL);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_assert_true (g_file_get_contents (a_path, &a, NULL, NULL));
      g_assert_true (g_file_get_contents (b_path, &b, NULL, NULL));
      g_assert_cmpstr (b, ==, a);
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 3);

  sp_test_run_clear (&r);
}

/* The printed report: that language's headings */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *heading = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *text = NULL;
  SpTestRun r = { 0 };

  if (!need_locale (f))
    return;

  sp_test_run_locale (&r, f->locale, f->locales, "--db", f->db, "report", pdf,
                      "--month", f->month, NULL);
  g_assert_cmpint (r.status, ==, 0);
  sp_test_run_clear (&r);

  text = sp_test_pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  heading = translated (f, NULL, "Customer service report");
  sp_assert_contains (text, heading);

  /* the summary's columns never break a word, however long the language's
   * words: each band that has an excellent level says it whole */
  {
    g_autofree char *band = translated_any (f, NULL, "%s %g excellent");
    const char *word = strrchr (band, ' ') ? strrchr (band, ' ') + 1 : band;
    guint n = 0;

    for (const char *p = text; (p = strstr (p, word)) != NULL; p += strlen (word))
      n++;
    g_assert_cmpuint (n, >=, 3);
  }
  sp_assert_not_contains (text, "Customer service report");
  sp_assert_not_contains (text, "Page 1 of");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  language = argc > 1 ? argv[1] : g_getenv ("SP_TEST_LANGUAGE");
  if (language == NULL)
    g_error ("usage: %s LANGUAGE (a language of po/LINGUAS)", argv[0]);

#define ADD(path, fn) \
  g_test_add ("/cli-i18n/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("kpis", test_kpis);
  ADD ("machine-readable", test_machine_readable);
  ADD ("report", test_report);

  return g_test_run ();
}
