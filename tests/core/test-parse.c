/* test-parse.c: dates, times, numbers and names as people type them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "sp-parse.h"
#include "sp-time.h"

static void
test_time_parse (void)
{
  SpTime t;
  char *reason = NULL;

  g_assert_true (sp_time_parse ("2026-10-01 09:30", &t, NULL));
  g_assert_cmpint (t, ==, sp_date_to_time (sp_date_from_ymd (2026, 10, 1)) + 9 * 3600 + 30 * 60);

  g_assert_true (sp_time_parse ("2026-10-01 09:30:15", &t, NULL));
  g_assert_cmpint (t % 60, ==, 15);

  g_assert_true (sp_time_parse ("2026-10-01T23:59", &t, NULL));
  g_assert_true (sp_time_parse ("  2024-02-29 00:00  ", &t, NULL));

  g_assert_false (sp_time_parse ("2025-02-29 00:00", &t, &reason));
  g_assert_cmpstr (reason, ==, "2025-02-29 is not a real calendar date");
  g_clear_pointer (&reason, g_free);

  g_assert_false (sp_time_parse ("2026-10-01", &t, &reason));
  g_assert_cmpstr (reason, ==, "is not a date and time in the form YYYY-MM-DD HH:MM");
  g_clear_pointer (&reason, g_free);

  g_assert_false (sp_time_parse ("2026-10-01 24:00", &t, &reason));
  g_assert_cmpstr (reason, ==, "24:00:00 is not a time of day");
  g_clear_pointer (&reason, g_free);

  g_assert_false (sp_time_parse ("2026-10-01 09:30 pm", &t, &reason));
  g_assert_nonnull (reason);
  g_clear_pointer (&reason, g_free);

  g_assert_false (sp_time_parse ("01/10/2026 09:30", &t, &reason));
  g_clear_pointer (&reason, g_free);

  g_assert_false (sp_time_parse ("", &t, &reason));
  g_assert_cmpstr (reason, ==, "is empty");
  g_clear_pointer (&reason, g_free);

  g_assert_false (sp_time_parse ("2026-10-01 09:3", &t, NULL));
  g_assert_false (sp_time_parse ("2026-13-01 09:30", &t, NULL));
  g_assert_false (sp_time_parse ("2026-10-01 09:30:6", &t, NULL));
}

static void
test_date_math (void)
{
  SpDate d;
  int y, m, day;

  g_assert_cmpint (sp_date_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (sp_date_from_ymd (2000, 3, 1), ==, 11017);

  for (d = -1000; d < 30000; d += 17)
    {
      sp_date_to_ymd (d, &y, &m, &day);
      g_assert_cmpint (sp_date_from_ymd (y, m, day), ==, d);
    }

  /* 2026-11-25 is a Wednesday */
  d = sp_date_from_ymd (2026, 11, 25);
  g_assert_cmpint (sp_date_weekday (d), ==, 3);
  g_assert_cmpint (sp_date_week_start (d), ==, sp_date_from_ymd (2026, 11, 23));
  g_assert_cmpint (sp_date_month_start (d), ==, sp_date_from_ymd (2026, 11, 1));
  g_assert_cmpint (sp_date_month_end (d), ==, sp_date_from_ymd (2026, 11, 30));
  g_assert_cmpint (sp_date_quarter_start (d), ==, sp_date_from_ymd (2026, 10, 1));
  g_assert_cmpint (sp_date_quarter_end (d), ==, sp_date_from_ymd (2026, 12, 31));
  g_assert_cmpint (sp_date_add_months (sp_date_from_ymd (2026, 1, 31), 1), ==,
                   sp_date_from_ymd (2026, 2, 28));
  g_assert_cmpint (sp_date_add_months (sp_date_from_ymd (2026, 1, 15), -2), ==,
                   sp_date_from_ymd (2025, 11, 15));
  g_assert_cmpint (sp_days_in_month (2024, 2), ==, 29);
  g_assert_cmpint (sp_days_in_month (1900, 2), ==, 28);
  g_assert_cmpint (sp_days_in_month (2000, 2), ==, 29);

  /* a time before midnight stays on its day */
  g_assert_cmpint (sp_time_to_date (sp_date_to_time (d) - 1), ==, d - 1);
  g_assert_cmpint (sp_time_to_date (-1), ==, -1);
}

static void
test_format (void)
{
  g_autofree char *a = sp_time_format_iso (sp_time_from_ymdhms (2026, 3, 5, 7, 8, 0));
  g_autofree char *b = sp_time_format_iso (sp_time_from_ymdhms (2026, 3, 5, 7, 8, 9));
  g_autofree char *c = sp_date_format_iso (sp_date_from_ymd (2026, 12, 31));
  g_autofree char *e = sp_month_format_iso (sp_date_from_ymd (2026, 12, 31));
  int y, m;

  g_assert_cmpstr (a, ==, "2026-03-05 07:08");
  g_assert_cmpstr (b, ==, "2026-03-05 07:08:09");
  g_assert_cmpstr (c, ==, "2026-12-31");
  g_assert_cmpstr (e, ==, "2026-12");

  g_assert_true (sp_month_parse ("2026-03", &y, &m, NULL));
  g_assert_cmpint (y, ==, 2026);
  g_assert_cmpint (m, ==, 3);
  g_assert_false (sp_month_parse ("2026-13", &y, &m, NULL));
  g_assert_false (sp_month_parse ("2026-3", &y, &m, NULL));
}

static void
test_numbers (void)
{
  double v;
  gint64 i;
  gboolean b;
  char *reason = NULL;

  g_assert_true (sp_parse_double ("3.5", &v, NULL));
  g_assert_cmpfloat (v, ==, 3.5);
  g_assert_true (sp_parse_double ("3,5", &v, NULL));
  g_assert_cmpfloat (v, ==, 3.5);
  g_assert_true (sp_parse_double (" 12 ", &v, NULL));
  g_assert_cmpfloat (v, ==, 12.0);
  g_assert_true (sp_parse_double ("-0.25", &v, NULL));
  g_assert_cmpfloat (v, ==, -0.25);

  g_assert_false (sp_parse_double ("abc", &v, &reason));
  g_assert_cmpstr (reason, ==, "“abc” is not a number");
  g_clear_pointer (&reason, g_free);
  g_assert_false (sp_parse_double ("1.2.3", &v, NULL));
  g_assert_false (sp_parse_double ("nan", &v, NULL));
  g_assert_false (sp_parse_double ("inf", &v, NULL));
  g_assert_false (sp_parse_double ("1e5", &v, NULL));
  g_assert_false (sp_parse_double (".", &v, NULL));
  g_assert_false (sp_parse_double ("", &v, NULL));

  g_assert_true (sp_parse_int ("7", 1, 7, &i, NULL));
  g_assert_cmpint (i, ==, 7);
  g_assert_false (sp_parse_int ("8", 1, 7, &i, &reason));
  g_assert_cmpstr (reason, ==, "must be between 1 and 7");
  g_clear_pointer (&reason, g_free);
  g_assert_false (sp_parse_int ("4.5", 1, 7, &i, &reason));
  g_assert_cmpstr (reason, ==, "“4.5” is not a whole number");
  g_clear_pointer (&reason, g_free);
  g_assert_false (sp_parse_int ("99999999999999999999", 0, G_MAXINT64, &i, NULL));

  g_assert_true (sp_parse_bool ("Yes", &b, NULL) && b);
  g_assert_true (sp_parse_bool ("true", &b, NULL) && b);
  g_assert_true (sp_parse_bool ("1", &b, NULL) && b);
  g_assert_true (sp_parse_bool ("no", &b, NULL) && !b);
  g_assert_true (sp_parse_bool ("FALSE", &b, NULL) && !b);
  g_assert_true (sp_parse_bool ("0", &b, NULL) && !b);
  g_assert_false (sp_parse_bool ("maybe", &b, &reason));
  g_assert_cmpstr (reason, ==, "“maybe” is not yes or no");
  g_clear_pointer (&reason, g_free);
}

static void
test_numbers_in_comma_locale (void)
{
  double v;

  /* The parser never goes through the C library's locale */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("de_DE.UTF-8 is not available");
      return;
    }

  g_assert_true (sp_parse_double ("2.5", &v, NULL));
  g_assert_cmpfloat (v, ==, 2.5);
  g_assert_true (sp_parse_double ("2,5", &v, NULL));
  g_assert_cmpfloat (v, ==, 2.5);

  setlocale (LC_NUMERIC, "C");
}

static void
test_names (void)
{
  g_autofree char *a = sp_name_key ("  Billing ");
  g_autofree char *b = sp_name_key ("BILLING");
  g_autofree char *c = sp_name_clean ("  Anna   Maria  ");
  g_autofree char *d = sp_name_key ("Müller");
  g_autofree char *e = sp_name_key ("MÜLLER");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, "Anna Maria");
  g_assert_cmpstr (d, ==, e);

  /* invalid UTF-8 (a command-line argument, say) is never read past its end */
  {
    g_autofree char *cut = sp_name_clean ("Ann\xe8");
    g_autofree char *key = sp_name_key ("\xe8");

    g_assert_true (g_utf8_validate (cut, -1, NULL));
    g_assert_true (g_str_has_prefix (cut, "Ann"));
    g_assert_true (g_utf8_validate (key, -1, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parse/time", test_time_parse);
  g_test_add_func ("/parse/date-math", test_date_math);
  g_test_add_func ("/parse/format", test_format);
  g_test_add_func ("/parse/numbers", test_numbers);
  g_test_add_func ("/parse/numbers-comma-locale", test_numbers_in_comma_locale);
  g_test_add_func ("/parse/names", test_names);

  return g_test_run ();
}
