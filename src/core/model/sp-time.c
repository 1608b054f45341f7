/* sp-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-time"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-time-private.h"

static SpTime now_override = SP_TIME_NONE;

gboolean
sp_date_is_valid_ymd (int year,
                      int month,
                      int day)
{
  if (year < 1900 || year > 9999)
    return FALSE;
  if (month < 1 || month > 12)
    return FALSE;
  return day >= 1 && day <= sp_days_in_month (year, month);
}

int
sp_days_in_month (int year,
                  int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  return days[month - 1] + (month == 2 && leap ? 1 : 0);
}

/* Howard Hinnant's days_from_civil. */
SpDate
sp_date_from_ymd (int year,
                  int month,
                  int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153 * (unsigned) (month + (month > 2 ? -3 : 9)) + 2) / 5 + (unsigned) day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (SpDate) (era * 146097 + (int) doe - 719468);
}

void
sp_date_to_ymd (SpDate  date,
                int    *year,
                int    *month,
                int    *day)
{
  int z = date + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = (int) yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;

  if (year)
    *year = y + (m <= 2);
  if (month)
    *month = (int) m;
  if (day)
    *day = (int) d;
}

/* 1 = Monday … 7 = Sunday (ISO 8601) */
int
sp_date_weekday (SpDate date)
{
  /* 1970-01-01 was a Thursday */
  int w = (int) ((date % 7 + 7 + 3) % 7);

  return w + 1;
}

SpDate
sp_date_add_months (SpDate date,
                    int    months)
{
  int y, m, d, total;

  sp_date_to_ymd (date, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  d = MIN (d, sp_days_in_month (y, m));

  return sp_date_from_ymd (y, m, d);
}

SpDate
sp_date_month_start (SpDate date)
{
  int y, m;

  sp_date_to_ymd (date, &y, &m, NULL);
  return sp_date_from_ymd (y, m, 1);
}

SpDate
sp_date_month_end (SpDate date)
{
  int y, m;

  sp_date_to_ymd (date, &y, &m, NULL);
  return sp_date_from_ymd (y, m, sp_days_in_month (y, m));
}

SpDate
sp_date_week_start (SpDate date)
{
  return date - (sp_date_weekday (date) - 1);
}

SpDate
sp_date_quarter_start (SpDate date)
{
  int y, m;

  sp_date_to_ymd (date, &y, &m, NULL);
  return sp_date_from_ymd (y, ((m - 1) / 3) * 3 + 1, 1);
}

SpDate
sp_date_quarter_end (SpDate date)
{
  return sp_date_add_months (sp_date_quarter_start (date), 3) - 1;
}

SpDate
sp_date_year_start (SpDate date)
{
  int y;

  sp_date_to_ymd (date, &y, NULL, NULL);
  return sp_date_from_ymd (y, 1, 1);
}

SpTime
sp_time_from_ymdhms (int year,
                     int month,
                     int day,
                     int hour,
                     int minute,
                     int second)
{
  return sp_date_to_time (sp_date_from_ymd (year, month, day))
         + hour * 3600 + minute * 60 + second;
}

static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      char c = (*p)[i];

      if (c < '0' || c > '9')
        return FALSE;
      v = v * 10 + (c - '0');
    }

  *p += n;
  *out = v;
  return TRUE;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

static gboolean
parse_ymd (const char **pp,
           int         *y,
           int         *m,
           int         *d,
           char       **reason)
{
  const char *p = *pp;

  if (!read_digits (&p, 4, y) || *p++ != '-' ||
      !read_digits (&p, 2, m) || *p++ != '-' ||
      !read_digits (&p, 2, d))
    {
      if (reason)
        *reason = g_strdup (_("is not a date in the form YYYY-MM-DD"));
      return FALSE;
    }

  if (!sp_date_is_valid_ymd (*y, *m, *d))
    {
      if (reason)
        /* TRANSLATORS: year, month and day as typed */
        *reason = g_strdup_printf (_("%04d-%02d-%02d is not a real calendar date"), *y, *m, *d);
      return FALSE;
    }

  *pp = p;
  return TRUE;
}

/**
 * sp_date_check_range:
 * @reason: (out) (optional): why @date is refused, for a message
 *
 * Whether @date lies between SP_FIRST_YEAR-01-01 and SP_LAST_YEAR-12-31,
 * the days every verb and view accepts.
 */
gboolean
sp_date_check_range (SpDate   date,
                     char   **reason)
{
  if (date >= sp_date_from_ymd (SP_FIRST_YEAR, 1, 1) &&
      date <= sp_date_from_ymd (SP_LAST_YEAR, 12, 31))
    return TRUE;

  if (reason)
    /* TRANSLATORS: the first and the last year the app handles */
    *reason = g_strdup_printf (_("lies outside the days the app handles: dates must lie between "
                                 "%d-01-01 and %d-12-31"), SP_FIRST_YEAR, SP_LAST_YEAR);
  return FALSE;
}

gboolean
sp_time_check_range (SpTime   time,
                     char   **reason)
{
  return sp_date_check_range (sp_time_to_date (time), reason);
}

gboolean
sp_date_parse (const char  *str,
               SpDate      *out,
               char       **reason)
{
  const char *p;
  int y, m, d;

  g_return_val_if_fail (out != NULL, FALSE);

  if (str == NULL || *(p = skip_spaces (str)) == '\0')
    {
      if (reason)
        *reason = g_strdup (_("is empty"));
      return FALSE;
    }

  if (!parse_ymd (&p, &y, &m, &d, reason))
    return FALSE;

  if (*skip_spaces (p) != '\0')
    {
      if (reason)
        *reason = g_strdup (_("has extra text after the date (expected YYYY-MM-DD)"));
      return FALSE;
    }

  *out = sp_date_from_ymd (y, m, d);
  return TRUE;
}

gboolean
sp_time_parse (const char  *str,
               SpTime      *out,
               char       **reason)
{
  const char *p;
  int y, mo, d, h, mi, s = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (str == NULL || *(p = skip_spaces (str)) == '\0')
    {
      if (reason)
        *reason = g_strdup (_("is empty"));
      return FALSE;
    }

  if (!parse_ymd (&p, &y, &mo, &d, reason))
    {
      if (reason && g_str_has_prefix (*reason, "is not"))
        {
          g_free (*reason);
          *reason = g_strdup (_("is not a date and time in the form YYYY-MM-DD HH:MM"));
        }
      return FALSE;
    }

  if ((*p != ' ' && *p != 'T') || !(p++, read_digits (&p, 2, &h)) ||
      *p++ != ':' || !read_digits (&p, 2, &mi))
    {
      if (reason)
        *reason = g_strdup (_("is not a date and time in the form YYYY-MM-DD HH:MM"));
      return FALSE;
    }

  if (*p == ':')
    {
      p++;
      if (!read_digits (&p, 2, &s))
        {
          if (reason)
            *reason = g_strdup (_("has seconds that are not two digits (YYYY-MM-DD HH:MM:SS)"));
          return FALSE;
        }
    }

  if (*skip_spaces (p) != '\0')
    {
      if (reason)
        *reason = g_strdup (_("has extra text after the time (expected YYYY-MM-DD HH:MM)"));
      return FALSE;
    }

  if (h > 23 || mi > 59 || s > 59)
    {
      if (reason)
        /* TRANSLATORS: hours, minutes and seconds as typed */
        *reason = g_strdup_printf (_("%02d:%02d:%02d is not a time of day"), h, mi, s);
      return FALSE;
    }

  *out = sp_time_from_ymdhms (y, mo, d, h, mi, s);
  return TRUE;
}

gboolean
sp_month_parse (const char  *str,
                int         *year,
                int         *month,
                char       **reason)
{
  const char *p;
  int y, m;

  if (str == NULL || *(p = skip_spaces (str)) == '\0')
    {
      if (reason)
        *reason = g_strdup (_("is empty"));
      return FALSE;
    }

  if (!read_digits (&p, 4, &y) || *p++ != '-' || !read_digits (&p, 2, &m) ||
      *skip_spaces (p) != '\0')
    {
      if (reason)
        *reason = g_strdup (_("is not a month in the form YYYY-MM"));
      return FALSE;
    }

  if (!sp_date_is_valid_ymd (y, m, 1))
    {
      if (reason)
        /* TRANSLATORS: year and month as typed */
        *reason = g_strdup_printf (_("%04d-%02d is not a real month"), y, m);
      return FALSE;
    }

  *year = y;
  *month = m;
  return TRUE;
}

void
sp_time_override_now (SpTime now)
{
  now_override = now;
}

SpTime
sp_time_now (void)
{
  g_autoptr(GDateTime) dt = NULL;

  if (now_override != SP_TIME_NONE)
    return now_override;

  dt = g_date_time_new_now_local ();
  return g_date_time_to_unix (dt) + g_date_time_get_utc_offset (dt) / G_TIME_SPAN_SECOND;
}

SpDate
sp_date_today (void)
{
  return sp_time_to_date (sp_time_now ());
}

char *
sp_time_format_iso (SpTime time)
{
  int y, mo, d;
  SpDate date;
  SpTime rest;

  if (time == SP_TIME_NONE)
    return g_strdup ("");

  date = sp_time_to_date (time);
  rest = time - sp_date_to_time (date);
  sp_date_to_ymd (date, &y, &mo, &d);

  if (rest % 60 != 0)
    return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d", y, mo, d,
                            (int) (rest / 3600), (int) (rest / 60 % 60), (int) (rest % 60));

  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", y, mo, d,
                          (int) (rest / 3600), (int) (rest / 60 % 60));
}

char *
sp_date_format_iso (SpDate date)
{
  int y, m, d;

  if (date == SP_DATE_NONE)
    return g_strdup ("");

  sp_date_to_ymd (date, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

char *
sp_month_format_iso (SpDate date)
{
  int y, m;

  sp_date_to_ymd (date, &y, &m, NULL);
  return g_strdup_printf ("%04d-%02d", y, m);
}

/* The wall-clock value as a GDateTime in UTC, for locale formatting only. */
GDateTime *
sp_time_to_date_time (SpTime time)
{
  g_return_val_if_fail (time != SP_TIME_NONE, NULL);
  return g_date_time_new_from_unix_utc (time);
}

char *
sp_time_format_display (SpTime time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (time == SP_TIME_NONE)
    return g_strdup ("");

  dt = sp_time_to_date_time (time);
  /* TRANSLATORS: a date and time in a list, "3 Oct 2026 14:05" (German
   * "3. Okt. 2026 14:05"), the day as sp_date_format_short() writes it;
   * see g_date_time_format(); keep the 4-digit year */
  return g_date_time_format (dt, _("%-d %b %Y %H:%M"));
}
