/* fuzz-parse.c: the parsers of dates, times, months, numbers, yes/no and names
 *
 * Besides not crashing, what parses must come back the same when written
 * out and parsed again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "sp-parse.h"
#include "sp-time.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_time (const char *str)
{
  g_autofree char *reason = NULL;
  SpTime t;

  if (sp_time_parse (str, &t, &reason))
    {
      g_autofree char *iso = sp_time_format_iso (t);
      SpTime again;

      g_assert (sp_time_parse (iso, &again, NULL));
      g_assert (again == t);
    }
  else
    {
      g_assert (reason != NULL && g_utf8_validate (reason, -1, NULL));
    }
}

static void
check_date (const char *str)
{
  g_autofree char *reason = NULL;
  SpDate d;

  if (sp_date_parse (str, &d, &reason))
    {
      g_autofree char *iso = sp_date_format_iso (d);
      SpDate again;
      int y, m, day;

      g_assert (sp_date_parse (iso, &again, NULL));
      g_assert (again == d);
      sp_date_to_ymd (d, &y, &m, &day);
      g_assert (sp_date_is_valid_ymd (y, m, day));
      g_assert (sp_date_week_start (d) <= d && d - sp_date_week_start (d) < 7);
      g_assert (sp_date_month_start (d) <= d && d <= sp_date_month_end (d));
    }
  else
    {
      g_assert (reason != NULL);
    }
}

static void
check_month (const char *str)
{
  g_autofree char *reason = NULL;
  int y, m;

  if (sp_month_parse (str, &y, &m, &reason))
    g_assert (m >= 1 && m <= 12 && sp_date_is_valid_ymd (y, m, 1));
  else
    g_assert (reason != NULL);
}

static void
check_numbers (const char *str)
{
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *r3 = NULL;
  double d;
  gint64 i;
  gboolean b;

  if (sp_parse_double (str, &d, &r1))
    g_assert (isfinite (d));
  if (sp_parse_int (str, 0, 100, &i, &r2))
    g_assert (i >= 0 && i <= 100);
  (void) sp_parse_int (str, G_MININT64, G_MAXINT64, &i, NULL);
  if (!sp_parse_bool (str, &b, &r3))
    g_assert (r3 != NULL);
}

static void
check_names (const char *str)
{
  g_autofree char *clean = sp_name_clean (str);
  g_autofree char *key = sp_name_key (str);
  g_autofree char *key_of_clean = NULL;

  g_assert (clean != NULL && key != NULL);
  (void) sp_str_is_blank (str);

  if (g_utf8_validate (str, -1, NULL))
    {
      /* cleaning is idempotent, and the key does not change with it */
      g_autofree char *clean_again = sp_name_clean (clean);

      g_assert (strcmp (clean, clean_again) == 0);
      key_of_clean = sp_name_key (clean);
      g_assert (strcmp (key, key_of_clean) == 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *str = g_strndup ((const char *) data, size);

  check_time (str);
  check_date (str);
  check_month (str);
  check_numbers (str);
  check_names (str);

  return 0;
}
