/* test-i18n.c: the window in one language of po/LINGUAS (the first argument) shows no English
 *
 * Every page, the dashboard's own pages, a goal and each form and dialog are
 * opened; every label, button, row title, placeholder, tooltip and window
 * title is compared with the English msgids of the language's catalog.  A
 * text that is an msgid whose translation differs was never translated
 * where it is shown; one whose translation is the same must be a name or an
 * abbreviation of the allow-list (tests/data/i18n-same.txt; "de: Team" for one language).  An msgid with
 * placeholders is matched as a pattern ("%d contacts" matches "12 contacts").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "sp-dashboard-page.h"
#include "sp-demo.h"
#include "sp-goal.h"
#include "sp-goals-page.h"
#include "sp-log-page.h"
#include "sp-review.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

#define NOW "2026-12-01 10:00"

static const char *language;

typedef struct
{
  GHashTable *english;    /* msgid → its translation, for msgids without placeholders */
  GPtrArray  *patterns;   /* GRegex of an msgid with placeholders, then of its translation */
  GHashTable *same;       /* the allow-list */
  GHashTable *problems;   /* "text (where)" */
  guint       n_checked;
} Walk;

/* A printf format as a regular expression: "%d contacts" → ^.+? contacts$ */
static GRegex *
pattern_from (const char *format)
{
  g_autoptr(GString) re = g_string_new ("^");
  g_autoptr(GRegex) conv = g_regex_new ("%(\\d+\\$)?[-+ #0']*\\d*(\\.\\d+)?(l|ll|h|z)?[a-zA-Z%]",
                                        0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *rest = NULL;
  guint letters = 0;
  gint last = 0;

  g_regex_match (conv, format, 0, &info);
  while (g_match_info_matches (info))
    {
      gint start, end;
      g_autofree char *literal = NULL;
      g_autofree char *escaped = NULL;

      g_match_info_fetch_pos (info, 0, &start, &end);
      literal = g_strndup (format + last, start - last);
      escaped = g_regex_escape_string (literal, -1);
      g_string_append (re, escaped);
      g_string_append (re, format[end - 1] == '%' ? "%" : ".+?");
      last = end;
      g_match_info_next (info, NULL);
    }
  rest = g_regex_escape_string (format + last, -1);
  g_string_append (re, rest);
  g_string_append (re, "$");

  for (const char *c = format; *c; c++)
    letters += g_ascii_isalpha (*c) ? 1 : 0;
  if (letters < 8)
    return NULL;

  return g_regex_new (re->str, G_REGEX_OPTIMIZE | G_REGEX_DOTALL, 0, NULL);
}

/* The catalog as the build wrote it: msgid → msgstr (GNU .mo layout) */
static void
read_catalog (Walk *walk)
{
  g_autofree char *path = g_build_filename (g_getenv ("SERVICE_PULSE_LOCALEDIR"), language,
                                            "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;
  guint32 n, originals, translations;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 28);
  g_assert_cmpuint (*(guint32 *) data, ==, 0x950412de);

  n = ((guint32 *) data)[2];
  originals = ((guint32 *) data)[3];
  translations = ((guint32 *) data)[4];

  for (guint32 i = 0; i < n; i++)
    {
      const guint32 *o = (const guint32 *) (data + originals + 8 * i);
      const guint32 *t = (const guint32 *) (data + translations + 8 * i);
      const char *msgid = data + o[1];
      const char *msgstr = data + t[1];
      const char *eot = strchr (msgid, '\004');

      if (*msgid == '\0')
        continue;
      if (eot != NULL)       /* msgctxt EOT msgid */
        msgid = eot + 1;

      /* a plural: "singular\0plural", each a pattern */
      for (const char *id = msgid, *str = msgstr; id < data + o[1] + o[0];
           id += strlen (id) + 1, str += strlen (str) + 1)
        {
          if (strchr (id, '%') == NULL)
            {
              g_hash_table_insert (walk->english, g_strdup (id), g_strdup (str));
              continue;
            }
          if (g_str_equal (id, str))
            continue;

          {
            GRegex *english = pattern_from (id);
            GRegex *local = pattern_from (str);

            /* a pattern of little but placeholders ("%s", "%s: %s") would match anything */
            if (english != NULL && local != NULL)
              {
                g_ptr_array_add (walk->patterns, english);
                g_ptr_array_add (walk->patterns, local);
              }
            else
              {
                g_clear_pointer (&english, g_regex_unref);
                g_clear_pointer (&local, g_regex_unref);
              }
          }

          if (eot != NULL)
            break;
        }
    }
}

static void
read_allow_list (Walk *walk)
{
  g_autofree char *path = g_build_filename (g_getenv ("SP_TEST_SRCDIR"), "data",
                                            "i18n-same.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  /* "text" for every language, "de: text" for one */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon = strstr (line, ": ");

      if (*line == '\0' || *line == '#')
        continue;
      if (colon != NULL && colon - line <= 3 && g_ascii_islower (*line))
        {
          if (strncmp (line, language, colon - line) != 0 || language[colon - line] != '\0')
            continue;
          line = colon + 2;
        }
      g_hash_table_add (walk->same, g_strdup (line));
    }
}

static void
check_text (Walk       *walk,
            const char *text,
            GtkWidget  *widget)
{
  const char *translation;

  if (text == NULL || *text == '\0')
    return;

  walk->n_checked++;

  /* names and data (the sample shop's topics) may be anything */
  if (g_hash_table_contains (walk->same, text))
    return;

  translation = g_hash_table_lookup (walk->english, text);
  if (translation != NULL)
    {
      if (!g_str_equal (translation, text))
        g_hash_table_add (walk->problems,
                          g_strdup_printf ("“%s” is English on a %s (its translation: “%s”)",
                                           text, G_OBJECT_TYPE_NAME (widget), translation));
      else
        g_hash_table_add (walk->problems,
                          g_strdup_printf ("“%s” is the same in %s.po on a %s: translate it, or "
                                           "add it to tests/data/i18n-same.txt if it is a name",
                                           text, language, G_OBJECT_TYPE_NAME (widget)));
      return;
    }

  /* (English, translated) pairs: English when only the first matches */
  for (guint i = 0; i + 1 < walk->patterns->len; i += 2)
    if (g_regex_match (walk->patterns->pdata[i], text, 0, NULL) &&
        !g_regex_match (walk->patterns->pdata[i + 1], text, 0, NULL))
      {
        g_hash_table_add (walk->problems,
                          g_strdup_printf ("“%s” is English on a %s (it matches “%s”)", text,
                                           G_OBJECT_TYPE_NAME (widget),
                                           g_regex_get_pattern (walk->patterns->pdata[i])));
        return;
      }
}

static void
check_tree (Walk      *walk,
            GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    check_text (walk, gtk_label_get_text (GTK_LABEL (widget)), widget);
  else if (GTK_IS_BUTTON (widget))
    check_text (walk, gtk_button_get_label (GTK_BUTTON (widget)), widget);
  else if (GTK_IS_WINDOW (widget))
    check_text (walk, gtk_window_get_title (GTK_WINDOW (widget)), widget);

  if (ADW_IS_PREFERENCES_ROW (widget))
    check_text (walk, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), widget);
  if (ADW_IS_ACTION_ROW (widget))
    check_text (walk, adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), widget);
  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      check_text (walk, adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), widget);
      check_text (walk, adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)),
                  widget);
    }
  if (ADW_IS_STATUS_PAGE (widget))
    {
      check_text (walk, adw_status_page_get_title (ADW_STATUS_PAGE (widget)), widget);
      check_text (walk, adw_status_page_get_description (ADW_STATUS_PAGE (widget)), widget);
    }
  if (ADW_IS_WINDOW_TITLE (widget))
    check_text (walk, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), widget);
  if (GTK_IS_ENTRY (widget))
    check_text (walk, gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), widget);
  check_text (walk, gtk_widget_get_tooltip_text (widget), widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_tree (walk, child);
}

static void
check_window (GtkWidget *toplevel,
              gpointer   data)
{
  check_tree (data, toplevel);
}

static void
fill_shop (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpGoal) goal = NULL;
  SpDemoOptions options;

  g_assert_no_error (error);
  sp_demo_options_init (&options);
  options.contacts = 400;
  g_assert_true (sp_demo_fill (store, &options, &error));
  g_assert_no_error (error);

  goal = sp_goal_new (SP_KPI_FCR, NULL, 75, sp_date_from_ymd (2026, 10, 1),
                      sp_date_from_ymd (2026, 12, 31));
  g_assert_true (sp_store_save_goal (store, goal, &error));
  g_assert_no_error (error);
}

static void
test_no_english (gconstpointer data)
{
  const char *locales = data;
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  Walk walk = { 0 };
  SpWindow *window;

  if (locales == NULL)
    {
      g_test_skip ("localedef could not make the language's locale");
      return;
    }

  walk.english = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  walk.patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  walk.same = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  read_catalog (&walk);
  read_allow_list (&walk);
  g_assert_cmpuint (g_hash_table_size (walk.english), >, 500);

  fill_shop (path);
  window = sp_window_new (NULL, path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));
  sp_test_ui_visit_window (window, check_window, &walk);

  g_assert_cmpuint (walk.n_checked, >=, 300);

  if (g_hash_table_size (walk.problems) > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (walk.problems, NULL);

      g_string_printf (list, "English in the window under %s:\n", language);
      for (guint i = 0; keys[i] != NULL; i++)
        g_string_append_printf (list, "  %s\n", (char *) keys[i]);
      g_error ("%s", list->str);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  sp_test_ui_flush ();
  sp_test_remove_dir (dir);
  g_hash_table_unref (walk.english);
  g_ptr_array_unref (walk.patterns);
  g_hash_table_unref (walk.same);
  g_hash_table_unref (walk.problems);
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *lang, *locale; } known[] = {
    { "de", "de_DE" }, { "fr", "fr_FR" }, { "es", "es_ES" },
  };
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *locale = NULL;
  char *locales = NULL;
  int status;

  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-')
      language = argv[i];
  if (language == NULL)
    g_error ("usage: %s LANGUAGE (a language of po/LINGUAS)", argv[0]);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].lang, language))
      {
        locales = sp_test_make_locale (dir, known[i].locale);
        locale = g_strconcat (known[i].locale, ".UTF-8", NULL);
      }
  if (locale == NULL)
    g_error ("add the country of “%s” to %s", language, __FILE__);

  /* the whole window in the language: the app's catalog and GTK's own */
  if (locales != NULL)
    {
      g_setenv ("LOCPATH", locales, TRUE);
      g_setenv ("LC_ALL", locale, TRUE);
      g_setenv ("LANGUAGE", language, TRUE);
    }
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SERVICE_PULSE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  sp_time_override_now (sp_test_time (NOW));
  sp_test_ui_init (&argc, &argv);
  /* gtk_test_init() chose C.UTF-8 */
  if (locales != NULL && setlocale (LC_ALL, locale) == NULL)
    g_error ("%s could not be set", locale);

  g_test_add_data_func ("/i18n/no-english", locales, test_no_english);

  status = g_test_run ();
  sp_test_remove_dir (dir);
  g_free (locales);
  return status;
}
