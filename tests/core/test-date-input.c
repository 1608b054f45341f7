/* test-date-input.c: dates as the owner types them, in three locales
 *
 * Every case runs with the dates (LC_TIME) of C, en_US.UTF-8 and de_DE.UTF-8 (compiled into the
 * build folder with localedef when the machine lacks them), with "now" fixed
 * at Monday 2026-12-07 10:30.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "sp-date-input.h"
#include <glib/gstdio.h>
#include <unistd.h>

#include "sp-test-util.h"
#include "sp-test-xlsx.h"
#include "sp-time-private.h"

#define NOW "2026-12-07 10:30"

enum { L_C, L_EN, L_DE, N_LOCALES };

static const char * const locale_names[N_LOCALES] = { "C", "en_US.UTF-8", "de_DE.UTF-8" };

static gboolean
use_locale (guint which)
{
  const char *builddir = g_getenv ("SP_TEST_BUILDDIR");
  g_autofree char *locales = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) parts = NULL;
  const char *name = locale_names[which];
  gboolean ok;

  if (which == L_C)
    return setlocale (LC_ALL, "C") != NULL;

  if (builddir == NULL)
    return FALSE;

  /* made without root, once per build folder */
  locales = g_build_filename (builddir, "locale", NULL);
  path = g_build_filename (locales, name, NULL);
  parts = g_strsplit (name, ".", 2);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *partial = g_strdup_printf ("%s.%d", path, getpid ());
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *localedef = g_find_program_in_path ("localedef");
      const char *argv[] = { "localedef", "-i", parts[0], "-f", "UTF-8", partial, NULL };

      g_mkdir_with_parents (locales, 0755);
      if (localedef == NULL ||
          sp_test_spawn (argv, &out, &err) != 0 ||
          (g_rename (partial, path) != 0 && !g_file_test (path, G_FILE_TEST_IS_DIR)))
        {
          sp_test_remove_dir (partial);
          return FALSE;
        }
    }

  /* the dates of @name, the messages in English whatever catalogues are installed */
  g_setenv ("LOCPATH", locales, TRUE);
  ok = setlocale (LC_ALL, "C") != NULL && setlocale (LC_TIME, name) != NULL;
  g_unsetenv ("LOCPATH");
  return ok;
}

static gboolean
enter_locale (guint which)
{
  if (use_locale (which))
    return TRUE;
  setlocale (LC_ALL, "C");
  g_test_skip_printf ("the %s locale could not be made (localedef)", locale_names[which]);
  return FALSE;
}

static void
leave_locale (void)
{
  setlocale (LC_ALL, "C");
}

/* A date and time field: the ISO result in each locale, or NULL and part of the reason */
typedef struct
{
  const char *text;
  const char *expect[N_LOCALES];
  const char *reason[N_LOCALES];
} TimeCase;

#define SAME(x) { x, x, x }

static const TimeCase time_cases[] = {
  /* ISO, with a space or a T, with seconds */
  { "2026-12-07 14:00", SAME ("2026-12-07 14:00") },
  { "2026-12-07T14:00", SAME ("2026-12-07 14:00") },
  { " 2026-12-07 14:00:30 ", SAME ("2026-12-07 14:00:30") },
  /* dots mean day first in every locale */
  { "07.12.2026 14:00", SAME ("2026-12-07 14:00") },
  { "7.12.2026 9:05", SAME ("2026-12-07 09:05") },
  /* slashes: month first in C and en_US (D_FMT %m/%d/%y), day first in de_DE */
  { "12/07/2026 14:00", { "2026-12-07 14:00", "2026-12-07 14:00", "2026-07-12 14:00" } },
  { "12/07/2026 2:00 PM", { "2026-12-07 14:00", "2026-12-07 14:00", "2026-07-12 14:00" } },
  { "12/07/26 9:05 am", { "2026-12-07 09:05", "2026-12-07 09:05", "2026-07-12 09:05" } },
  { "12/07/2026, 12:00 AM", { "2026-12-07 00:00", "2026-12-07 00:00", "2026-07-12 00:00" } },
  /* the month by name, as the Log shows it in English */
  { "7 Dec 2026 14:05", SAME ("2026-12-07 14:05") },
  { "Dec 7, 2026 2:05 PM", SAME ("2026-12-07 14:05") },
  /* a time of day alone: today */
  { "14:00", SAME ("2026-12-07 14:00") },
  { "9:15", SAME ("2026-12-07 09:15") },
  { "12:30 pm", SAME ("2026-12-07 12:30") },
  /* words, and days from today at the time it is now */
  { "now", SAME ("2026-12-07 10:30") },
  { "NOW", SAME ("2026-12-07 10:30") },
  { "today 9:30", SAME ("2026-12-07 09:30") },
  { "yesterday 17:00", SAME ("2026-12-06 17:00") },
  { "yesterday", SAME ("2026-12-06 10:30") },
  { "tomorrow 8:00", SAME ("2026-12-08 08:00") },
  { "+1", SAME ("2026-12-08 10:30") },
  { "-2", SAME ("2026-12-05 10:30") },
  { "+1 9:00", SAME ("2026-12-08 09:00") },
  { "-30", SAME ("2026-11-07 10:30") },
  /* refusals: each with its reason */
  { "25/12/2026 10:00", { NULL, NULL, "2026-12-25 10:00" },
    { "there is no month 25 (dates are typed as 2026-12-07 14:00)",
      "there is no month 25 (dates are typed as 12/07/2026 2:00 PM)", NULL } },
  { "31.02.2026 10:00", SAME (NULL), SAME ("“31.02.2026 10:00” is not a day of the calendar") },
  { "29.02.2028 10:00", SAME ("2028-02-29 10:00") },
  { "07.12.1969 10:00", SAME (NULL), SAME ("lies outside the days the app handles") },
  { "07.12.3000 10:00", SAME (NULL), SAME ("lies outside the days the app handles") },
  { "07.12.026 10:00", SAME (NULL), SAME ("has a year of neither four nor two digits") },
  { "25:00", SAME (NULL), SAME ("“25:00” is not a time of day") },
  { "13:00 PM", SAME (NULL), SAME ("“13:00 PM” is not a time of day") },
  { "10:61", SAME (NULL), SAME ("is not a time of day") },
  { "07.12.2026", SAME (NULL),
    { "“07.12.2026” has no time of day: use 2026-12-07 14:00",
      "“07.12.2026” has no time of day: use 12/07/2026 2:00 PM",
      "“07.12.2026” has no time of day: use 07.12.2026 14:00" } },
  { "soon", SAME (NULL),
    { "“soon” is not a date: use 2026-12-07 14:00",
      "“soon” is not a date: use 12/07/2026 2:00 PM",
      "“soon” is not a date: use 07.12.2026 14:00" } },
  { "now 14:00", SAME (NULL), SAME ("is not a date") },
  { "2026-12-0714:00", SAME (NULL), SAME ("is not a date") },
  { "14:00 xyz", SAME (NULL), SAME ("is not a date") },
  { "7 Foo 2026 14:00", SAME (NULL), SAME ("is not a date") },
  { "", SAME (NULL), SAME ("is empty") },
  { "   ", SAME (NULL), SAME ("is empty") },
};

static void
check_time_case (guint           loc,
                 const TimeCase *c)
{
  g_autofree char *reason = NULL;
  SpTime t = SP_TIME_NONE;
  gboolean ok;

  ok = sp_date_input_parse_time (c->text, SP_TIME_NONE, SP_DATE_NONE, &t, &reason);

  if (c->expect[loc] != NULL)
    {
      g_autofree char *iso = NULL;

      if (!ok)
        g_error ("%s: “%s” refused: %s", locale_names[loc], c->text, reason);
      iso = sp_time_format_iso (t);
      if (g_strcmp0 (iso, c->expect[loc]) != 0)
        g_error ("%s: “%s” read as %s, not %s", locale_names[loc], c->text, iso,
                 c->expect[loc]);
    }
  else
    {
      if (ok)
        g_error ("%s: “%s” accepted as %" G_GINT64_FORMAT, locale_names[loc], c->text, t);
      sp_assert_contains (reason, c->reason[loc]);
    }
}

static void
test_time_cases (gconstpointer data)
{
  guint loc = GPOINTER_TO_UINT (data);

  if (!enter_locale (loc))
    return;

  sp_time_override_now (sp_test_time (NOW));
  for (guint i = 0; i < G_N_ELEMENTS (time_cases); i++)
    check_time_case (loc, &time_cases[i]);
  sp_time_override_now (SP_TIME_NONE);
  leave_locale ();
}

/* The day a time of day alone is on, and a "now" given by the caller */
static void
test_time_base (gconstpointer data)
{
  guint loc = GPOINTER_TO_UINT (data);
  SpTime t;

  if (!enter_locale (loc))
    return;

  g_assert_true (sp_date_input_parse_time ("9:45", sp_test_time ("2026-03-02 08:00:40"),
                                           sp_test_date ("2026-01-05"), &t, NULL));
  g_assert_cmpint (t, ==, sp_test_time ("2026-01-05 09:45"));

  /* "now" to the minute: a form is filled to the minute */
  g_assert_true (sp_date_input_parse_time ("now", sp_test_time ("2026-03-02 08:00:40"),
                                           SP_DATE_NONE, &t, NULL));
  g_assert_cmpint (t, ==, sp_test_time ("2026-03-02 08:00"));

  g_assert_true (sp_date_input_parse_time ("+2", sp_test_time ("2026-12-31 23:59"),
                                           SP_DATE_NONE, &t, NULL));
  g_assert_cmpint (t, ==, sp_test_time ("2027-01-02 23:59"));
  leave_locale ();
}

typedef struct
{
  const char *text;
  const char *expect[N_LOCALES];
  const char *reason[N_LOCALES];
} DateCase;

static const DateCase date_cases[] = {
  { "2026-12-07", SAME ("2026-12-07") },
  { "07.12.2026", SAME ("2026-12-07") },
  { "7.12.26", SAME ("2026-12-07") },
  { "12/07/2026", { "2026-12-07", "2026-12-07", "2026-07-12" } },
  { "12/25/2026", { "2026-12-25", "2026-12-25", NULL },
    { NULL, NULL, "“12/25/2026” is not a date: there is no month 25 (dates are typed as "
      "07.12.2026)" } },
  { "7 Dec 2026", SAME ("2026-12-07") },
  { "December 7, 2026", SAME ("2026-12-07") },
  { "today", SAME ("2026-12-07") },
  { "Today", SAME ("2026-12-07") },
  { "now", SAME ("2026-12-07") },
  { "yesterday", SAME ("2026-12-06") },
  { "tomorrow", SAME ("2026-12-08") },
  { "+7", SAME ("2026-12-14") },
  { "+ 30", SAME ("2027-01-06") },
  { "-1", SAME ("2026-12-06") },
  { "+2d", SAME ("2026-12-09") },
  { "-365 days", SAME ("2025-12-07") },
  { "2026-02-29", SAME (NULL), SAME ("“2026-02-29” is not a day of the calendar") },
  { "2028-02-29", SAME ("2028-02-29") },
  { "1969-12-31", SAME (NULL),
    SAME ("“1969-12-31” lies outside the days the app handles: dates must lie between "
          "1970-01-01 and 2999-12-31") },
  { "3000-01-01", SAME (NULL), SAME ("lies outside the days the app handles") },
  { "+999999", SAME (NULL), SAME ("is not a date") },
  { "07.12.2026 14:00", SAME (NULL), SAME ("is not a date") },
  { "12", SAME (NULL),
    { "“12” is not a date: use 2026-12-07", "“12” is not a date: use 12/07/2026",
      "“12” is not a date: use 07.12.2026" } },
  { "", SAME (NULL), SAME ("is empty") },
};

static void
test_date_cases (gconstpointer data)
{
  guint loc = GPOINTER_TO_UINT (data);

  if (!enter_locale (loc))
    return;

  sp_time_override_now (sp_test_time (NOW));

  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      const DateCase *c = &date_cases[i];
      g_autofree char *reason = NULL;
      SpDate d = SP_DATE_NONE;
      gboolean ok = sp_date_input_parse_date (c->text, SP_DATE_NONE, &d, &reason);

      if (c->expect[loc] != NULL)
        {
          g_autofree char *iso = NULL;

          if (!ok)
            g_error ("%s: “%s” refused: %s", locale_names[loc], c->text, reason);
          iso = sp_date_format_iso (d);
          if (g_strcmp0 (iso, c->expect[loc]) != 0)
            g_error ("%s: “%s” read as %s, not %s", locale_names[loc], c->text, iso,
                     c->expect[loc]);
        }
      else
        {
          if (ok)
            g_error ("%s: “%s” accepted", locale_names[loc], c->text);
          sp_assert_contains (reason, c->reason[loc]);
        }
    }

  /* a "today" given by the caller */
  {
    SpDate d;

    g_assert_true (sp_date_input_parse_date ("yesterday", sp_test_date ("2026-03-01"), &d, NULL));
    g_assert_cmpint (d, ==, sp_test_date ("2026-02-28"));
  }

  sp_time_override_now (SP_TIME_NONE);
  leave_locale ();
}

/* What the fields show, and what the Log shows, is read back as the same time */
static void
test_round_trip (gconstpointer data)
{
  static const char * const times[] = {
    "2026-12-07 14:00", "2026-01-31 00:00", "2026-07-04 12:00", "2026-02-03 09:05",
    "2027-05-31 23:59", "2026-03-01 12:34:56",
  };
  static const struct { const char *shown[N_LOCALES]; } expected[] = {
    { { "2026-12-07 14:00", "12/07/2026 2:00 PM", "07.12.2026 14:00" } },
    { { "2026-01-31 00:00", "01/31/2026 12:00 AM", "31.01.2026 00:00" } },
    { { "2026-07-04 12:00", "07/04/2026 12:00 PM", "04.07.2026 12:00" } },
    { { "2026-02-03 09:05", "02/03/2026 9:05 AM", "03.02.2026 09:05" } },
    { { "2027-05-31 23:59", "05/31/2027 11:59 PM", "31.05.2027 23:59" } },
    { { "2026-03-01 12:34:56", "03/01/2026 12:34:56 PM", "01.03.2026 12:34:56" } },
  };
  guint loc = GPOINTER_TO_UINT (data);

  if (!enter_locale (loc))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      SpTime t = sp_test_time (times[i]), back = SP_TIME_NONE;
      SpDate d = sp_time_to_date (t), back_day = SP_DATE_NONE;
      g_autofree char *shown = sp_date_input_format_time (t);
      g_autofree char *day = sp_date_input_format_date (d);
      g_autofree char *logged = sp_time_format_display (t);
      g_autofree char *reason = NULL;

      g_assert_cmpstr (shown, ==, expected[i].shown[loc]);
      g_assert_true (sp_date_input_parse_time (shown, SP_TIME_NONE, SP_DATE_NONE, &back, NULL));
      g_assert_cmpint (back, ==, t);

      g_assert_true (g_str_has_prefix (shown, day));
      g_assert_true (sp_date_input_parse_date (day, SP_DATE_NONE, &back_day, NULL));
      g_assert_cmpint (back_day, ==, d);

      /* the Log's "7 Dec 2026 14:05" ("7. Dez. 2026 14:05") has no seconds */
      if (t % 60 == 0)
        {
          if (!sp_date_input_parse_time (logged, SP_TIME_NONE, SP_DATE_NONE, &back, &reason))
            g_error ("%s: the Log's “%s” refused: %s", locale_names[loc], logged, reason);
          g_assert_cmpint (back, ==, t);
        }
    }

  g_assert_cmpint (sp_date_input_get_order (), ==,
                   loc == L_DE ? SP_DATE_ORDER_DMY : SP_DATE_ORDER_MDY);
  leave_locale ();
}

/* The month's name in German as the Log writes it */
static void
test_german_month_names (void)
{
  SpTime t;
  SpDate d;

  if (!enter_locale (L_DE))
    return;

  g_assert_true (sp_date_input_parse_time ("7. Dez. 2026 14:05", SP_TIME_NONE, SP_DATE_NONE,
                                           &t, NULL));
  g_assert_cmpint (t, ==, sp_test_time ("2026-12-07 14:05"));
  g_assert_true (sp_date_input_parse_date ("3. März 2026", SP_DATE_NONE, &d, NULL));
  g_assert_cmpint (d, ==, sp_test_date ("2026-03-03"));
  /* English names are read in every locale */
  g_assert_true (sp_date_input_parse_date ("3 March 2026", SP_DATE_NONE, &d, NULL));
  g_assert_cmpint (d, ==, sp_test_date ("2026-03-03"));
  leave_locale ();
}

static void
test_examples (gconstpointer data)
{
  static const char * const times[N_LOCALES] = {
    "2026-12-07 14:00", "12/07/2026 2:00 PM", "07.12.2026 14:00",
  };
  static const char * const days[N_LOCALES] = { "2026-12-07", "12/07/2026", "07.12.2026" };
  guint loc = GPOINTER_TO_UINT (data);
  g_autofree char *t = NULL;
  g_autofree char *d = NULL;

  if (!enter_locale (loc))
    return;

  sp_time_override_now (sp_test_time (NOW));
  t = sp_date_input_example_time ();
  d = sp_date_input_example_date ();
  g_assert_cmpstr (t, ==, times[loc]);
  g_assert_cmpstr (d, ==, days[loc]);
  g_free (t);
  t = sp_date_input_format_time_of_day (9 * 3600 + 5 * 60);
  g_assert_cmpstr (t, ==, loc == L_EN ? "9:05 AM" : "09:05");
  sp_time_override_now (SP_TIME_NONE);
  leave_locale ();
}

/* Other programs' files */

typedef struct
{
  const char *format;
  const char *text;
  const char *expect;     /* ISO, or NULL */
  const char *reason;
} FormatCase;

static const FormatCase format_time_cases[] = {
  { "%d.%m.%Y %H:%M", "07.12.2026 14:00", "2026-12-07 14:00" },
  { "%d.%m.%Y %H:%M", " 7.12.2026  9:05 ", "2026-12-07 09:05" },
  /* seconds where the format stops at the minutes */
  { "%d.%m.%Y %H:%M", "07.12.2026 14:00:30", "2026-12-07 14:00:30" },
  { "%m/%d/%Y %I:%M %p", "12/07/2026 2:00 PM", "2026-12-07 14:00" },
  { "%m/%d/%Y %I:%M %p", "12/07/2026 12:15 am", "2026-12-07 00:15" },
  { "%Y/%m/%d %I:%M %p", "2026/12/07 2:03:04 PM", "2026-12-07 14:03:04" },
  { "%Y-%m-%dT%H:%M:%S", "2026-12-07T14:00:05", "2026-12-07 14:00:05" },
  { "%d %b %Y %H:%M", "7 Dec 2026 14:00", "2026-12-07 14:00" },
  { "%d/%m/%y %H:%M", "07/12/26 14:00", "2026-12-07 14:00" },
  { "%d.%m.%Y %H:%M", "2026-12-07 14:00", NULL,
    "“2026-12-07 14:00” is not a date in the form DD.MM.YYYY HH:MM" },
  { "%d.%m.%Y %H:%M", "07.12.2026", NULL, "is not a date in the form DD.MM.YYYY HH:MM" },
  { "%d.%m.%Y %H:%M", "31.11.2026 10:00", NULL, "“31.11.2026 10:00” is not a day of the calendar" },
  { "%d.%m.%Y %H:%M", "07.12.2026 24:00", NULL, "is not a time of day" },
  { "%m/%d/%Y %I:%M %p", "12/07/2026 13:00 PM", NULL, "is not a time of day" },
  { "%d.%m.%Y %H:%M", "07.12.1900 10:00", NULL, "lies outside the days the app handles" },
  { "%d.%m.%Y", "07.12.2026", NULL, "has no time of day: the date format %d.%m.%Y gives only" },
};

static const FormatCase format_date_cases[] = {
  { "%d.%m.%Y", "07.12.2026", "2026-12-07" },
  /* a day in a file whose format has the time of day: with or without it */
  { "%d.%m.%Y %H:%M", "07.12.2026", "2026-12-07" },
  { "%d.%m.%Y %H:%M", "07.12.2026 14:00", "2026-12-07" },
  { "%m/%d/%Y", "2/29/2028", "2028-02-29" },
  { "%m/%d/%Y", "2/29/2026", NULL, "is not a day of the calendar" },
  { "%Y-%m-%d", "07.12.2026", NULL, "is not a date in the form YYYY-MM-DD" },
};

static void
test_format_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_time_cases); i++)
    {
      const FormatCase *c = &format_time_cases[i];
      g_autofree char *reason = NULL;
      SpTime t;
      gboolean ok = sp_date_format_parse_time (c->format, c->text, &t, &reason);

      if (c->expect)
        {
          g_autofree char *iso = NULL;

          if (!ok)
            g_error ("%s with %s refused: %s", c->text, c->format, reason);
          iso = sp_time_format_iso (t);
          g_assert_cmpstr (iso, ==, c->expect);
        }
      else
        {
          if (ok)
            g_error ("%s with %s accepted", c->text, c->format);
          sp_assert_contains (reason, c->reason);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (format_date_cases); i++)
    {
      const FormatCase *c = &format_date_cases[i];
      g_autofree char *reason = NULL;
      SpDate d;
      gboolean ok = sp_date_format_parse_date (c->format, c->text, &d, &reason);

      if (c->expect)
        {
          g_autofree char *iso = NULL;

          if (!ok)
            g_error ("%s with %s refused: %s", c->text, c->format, reason);
          iso = sp_date_format_iso (d);
          g_assert_cmpstr (iso, ==, c->expect);
        }
      else
        {
          g_assert_false (ok);
          sp_assert_contains (reason, c->reason);
        }
    }
}

static void
test_format_valid (void)
{
  g_autofree char *reason = NULL;
  g_autofree char *described = NULL;

  g_assert_true (sp_date_format_is_valid ("%d.%m.%Y %H:%M", NULL));
  g_assert_true (sp_date_format_is_valid ("%b %d, %Y %I:%M %p", NULL));
  g_assert_false (sp_date_format_is_valid ("%d.%m %H:%M", &reason));
  sp_assert_contains (reason, "it needs the year (%Y), the month (%m) and the day (%d)");
  g_clear_pointer (&reason, g_free);
  g_assert_false (sp_date_format_is_valid ("%d.%m.%Y %Q", &reason));
  sp_assert_contains (reason, "“%d.%m.%Y %Q” is not a date format");
  g_clear_pointer (&reason, g_free);
  g_assert_false (sp_date_format_is_valid ("", NULL));

  described = sp_date_format_describe ("%m/%d/%Y %I:%M %p");
  g_assert_cmpstr (described, ==, "MM/DD/YYYY hh:MM AM/PM");
}

static void
test_format_guess (gconstpointer data)
{
  static const char * const german[] = { "07.12.2026 14:00", "", "13.12.2026 09:05" };
  static const char * const american[] = { "12/7/2026 2:00 PM", "12/13/2026 9:05 AM" };
  static const char * const day_first[] = { "05/12/2026 10:00", "25/12/2026 11:00" };
  static const char * const ambiguous[] = { "05/12/2026 10:00", "06/12/2026 11:00" };
  static const char * const iso[] = { "2026-12-07 14:00:05", "2026-12-08 09:00" };
  static const char * const forms[] = { "2026/12/07 2:03:04 PM", "2026/12/07 11:13:04 AM" };
  static const char * const days[] = { "07.12.2026", "24.12.2026" };
  static const char * const junk[] = { "07.12.2026 14:00", "soon" };
  guint loc = GPOINTER_TO_UINT (data);

  if (!enter_locale (loc))
    return;

  g_assert_cmpstr (sp_date_format_guess (german, 3), ==, "%d.%m.%Y %H:%M");
  g_assert_cmpstr (sp_date_format_guess (american, 2), ==, "%m/%d/%Y %I:%M %p");
  /* a day above 12 settles the order whatever the locale */
  g_assert_cmpstr (sp_date_format_guess (day_first, 2), ==, "%d/%m/%Y %H:%M");
  /* otherwise the locale's order wins */
  g_assert_cmpstr (sp_date_format_guess (ambiguous, 2), ==,
                   loc == L_DE ? "%d/%m/%Y %H:%M" : "%m/%d/%Y %H:%M");
  g_assert_cmpstr (sp_date_format_guess (iso, 2), ==, "%Y-%m-%d %H:%M");
  g_assert_cmpstr (sp_date_format_guess (forms, 2), ==, "%Y/%m/%d %I:%M %p");
  g_assert_cmpstr (sp_date_format_guess (days, 2), ==, "%d.%m.%Y");
  g_assert_null (sp_date_format_guess (junk, 2));
  g_assert_null (sp_date_format_guess (NULL, 0));
  leave_locale ();
}

static void
add_per_locale (const char    *path,
                GTestDataFunc  func)
{
  static const char * const suffix[N_LOCALES] = { "C", "en_US", "de_DE" };

  for (guint loc = 0; loc < N_LOCALES; loc++)
    {
      g_autofree char *name = g_strdup_printf ("%s/%s", path, suffix[loc]);

      g_test_add_data_func (name, GUINT_TO_POINTER (loc), func);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_per_locale ("/date-input/time", test_time_cases);
  add_per_locale ("/date-input/time/base", test_time_base);
  add_per_locale ("/date-input/date", test_date_cases);
  add_per_locale ("/date-input/round-trip", test_round_trip);
  add_per_locale ("/date-input/examples", test_examples);
  g_test_add_func ("/date-input/german-month-names", test_german_month_names);
  g_test_add_func ("/date-format/parse", test_format_parse);
  g_test_add_func ("/date-format/valid", test_format_valid);
  add_per_locale ("/date-format/guess", test_format_guess);

  return g_test_run ();
}
