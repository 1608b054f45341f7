/* sp-date-input.c
 *
 * Dates and times as people type them: ISO 8601 everywhere, the order and
 * separator of the user's locale (07.12.2026 in Germany, 12/07/2026 in the
 * United States), the month by name as the Log shows it, a time of day alone,
 * "now", "today", "yesterday", "tomorrow" and "+N"/"-N" days.  A two-digit
 * year is of this century (26 → 2026): the app handles 1970–2999 and no
 * record of a shop is from the 1900s.
 *
 * Files from other programs carry dates in one format for the whole file,
 * told with a strptime()-like pattern ("%d.%m.%Y %H:%M"), which can also be
 * guessed from the values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-date-input"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "sp-date-input.h"
#include "sp-parse.h"

typedef struct
{
  SpDateOrder order;
  char        sep;
  gboolean    twelve_hour;
  gboolean    iso;          /* the C locale: ISO is shown */
} LocaleDates;

static void
locale_dates (LocaleDates *ld)
{
  const char *fmt = nl_langinfo (D_FMT);
  const char *tfmt = nl_langinfo (T_FMT);
  const char *name = setlocale (LC_TIME, NULL);
  int pos_d = -1, pos_m = -1, pos_y = -1, pos = 0;

  ld->order = SP_DATE_ORDER_YMD;
  ld->sep = '-';
  ld->iso = name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
            g_str_has_prefix (name, "C.");
  ld->twelve_hour = !ld->iso && tfmt != NULL &&
                    (strstr (tfmt, "%r") || strstr (tfmt, "%I") || strstr (tfmt, "%l") ||
                     strstr (tfmt, "%p")) && *nl_langinfo (AM_STR) != '\0';

  if (fmt == NULL)
    return;

  if (strstr (fmt, "%D") != NULL)
    fmt = "%m/%d/%y";

  for (const char *p = fmt; *p; p++)
    {
      if (*p != '%')
        {
          if (pos > 0 && pos < 3 && (*p == '.' || *p == '/' || *p == '-'))
            ld->sep = *p;
          continue;
        }
      p++;
      while (*p == '-' || *p == '_' || *p == '0' || *p == 'E' || *p == 'O')
        p++;
      switch (*p)
        {
        case 'd': case 'e': pos_d = pos++; break;
        case 'm': case 'b': case 'B': pos_m = pos++; break;
        case 'y': case 'Y': case 'C': pos_y = pos++; break;
        case 'F': pos_y = 0; pos_m = 1; pos_d = 2; pos = 3; ld->sep = '-'; break;
        case '\0': p--; break;
        default: break;
        }
    }

  if (pos_y == 0 || pos_d < 0 || pos_m < 0)
    ld->order = SP_DATE_ORDER_YMD;
  else if (pos_d < pos_m)
    ld->order = SP_DATE_ORDER_DMY;
  else
    ld->order = SP_DATE_ORDER_MDY;
}

/**
 * sp_date_input_get_order:
 *
 * The order in which the user's locale (LC_TIME) writes a date, read from
 * nl_langinfo (D_FMT).
 */
SpDateOrder
sp_date_input_get_order (void)
{
  LocaleDates ld;

  locale_dates (&ld);
  return ld.order;
}

/* Writing */

static char *
format_ymd (const LocaleDates *ld,
            SpDate             date)
{
  int y, m, d;

  sp_date_to_ymd (date, &y, &m, &d);

  if (ld->iso || ld->order == SP_DATE_ORDER_YMD)
    return g_strdup_printf ("%04d%c%02d%c%02d", y, ld->iso ? '-' : ld->sep, m,
                            ld->iso ? '-' : ld->sep, d);
  if (ld->order == SP_DATE_ORDER_DMY)
    return g_strdup_printf ("%02d%c%02d%c%04d", d, ld->sep, m, ld->sep, y);
  return g_strdup_printf ("%02d%c%02d%c%04d", m, ld->sep, d, ld->sep, y);
}

/**
 * sp_date_input_format_date:
 *
 * @date as the user types it: "07.12.2026" (de_DE), "12/07/2026" (en_US),
 * "2026-12-07" in the C locale; "" for SP_DATE_NONE.
 */
char *
sp_date_input_format_date (SpDate date)
{
  LocaleDates ld;

  if (date == SP_DATE_NONE)
    return g_strdup ("");

  locale_dates (&ld);
  return format_ymd (&ld, date);
}

/**
 * sp_date_input_format_time:
 *
 * @time as the user types it: "07.12.2026 14:00" (de_DE), "12/07/2026 2:00 PM"
 * (en_US), "2026-12-07 14:00" in the C locale; seconds only when there are
 * some; "" for SP_TIME_NONE.
 */
char *
sp_date_input_format_time (SpTime time)
{
  g_autofree char *day = NULL;
  LocaleDates ld;
  SpDate date;
  int rest, h, mi, s;

  if (time == SP_TIME_NONE)
    return g_strdup ("");

  locale_dates (&ld);
  date = sp_time_to_date (time);
  rest = (int) (time - sp_date_to_time (date));
  h = rest / 3600;
  mi = rest / 60 % 60;
  s = rest % 60;
  day = format_ymd (&ld, date);

  if (ld.twelve_hour)
    {
      const char *ampm = nl_langinfo (h < 12 ? AM_STR : PM_STR);
      int h12 = h % 12 == 0 ? 12 : h % 12;

      if (s != 0)
        return g_strdup_printf ("%s %d:%02d:%02d %s", day, h12, mi, s, ampm);
      return g_strdup_printf ("%s %d:%02d %s", day, h12, mi, ampm);
    }

  if (s != 0)
    return g_strdup_printf ("%s %02d:%02d:%02d", day, h, mi, s);
  return g_strdup_printf ("%s %02d:%02d", day, h, mi);
}

/* A time of day alone as the user types it: "14:00", "2:00 PM" */
char *
sp_date_input_format_time_of_day (int seconds)
{
  LocaleDates ld;
  int h = seconds / 3600 % 24, mi = seconds / 60 % 60;

  locale_dates (&ld);
  if (ld.twelve_hour)
    return g_strdup_printf ("%d:%02d %s", h % 12 == 0 ? 12 : h % 12, mi,
                            nl_langinfo (h < 12 ? AM_STR : PM_STR));
  return g_strdup_printf ("%02d:%02d", h, mi);
}

/* Today at 14:00, a time that shows whether the clock has 12 or 24 hours */
char *
sp_date_input_example_time (void)
{
  return sp_date_input_format_time (sp_date_to_time (sp_date_today ()) + 14 * 3600);
}

char *
sp_date_input_example_date (void)
{
  return sp_date_input_format_date (sp_date_today ());
}

/* Reading what is typed */

static char *
fold (const char *str)
{
  g_autofree char *norm = g_utf8_normalize (str, -1, G_NORMALIZE_ALL_COMPOSE);
  char *folded = g_utf8_casefold (norm ? norm : str, -1);
  gsize len = strlen (folded);

  /* "Dez." as "Dez" */
  while (len > 0 && folded[len - 1] == '.')
    folded[--len] = '\0';
  return folded;
}

/* 1 … 12, or 0: the locale's names and abbreviations, and the English ones */
static int
month_from_name (const char *word)
{
  static const char * const english[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  };
  g_autofree char *key = fold (word);
  gsize len = strlen (key);

  if (len == 0)
    return 0;

  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, m, 1, 12, 0, 0);
      const char *formats[] = { "%b", "%B" };

      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          g_autofree char *name = g_date_time_format (dt, formats[i]);
          g_autofree char *folded = name ? fold (name) : NULL;

          if (folded != NULL && g_str_equal (folded, key))
            return m;
          /* "Sept" for "September" */
          if (folded != NULL && i == 1 && len >= 3 && g_str_has_prefix (folded, key))
            return m;
        }

      if (len >= 3 && g_str_has_prefix (english[m - 1], key))
        return m;
    }

  return 0;
}

/* "today", "yesterday", "tomorrow", "now": days from today, or G_MININT */
static int
day_word (const char *folded,
          gboolean   *is_now)
{
  /* TRANSLATORS: words typed in a date field, lower case; the English ones are read too */
  static const struct { const char *word; int days; gboolean now; } words[] = {
    { N_("now"), 0, TRUE },
    { N_("today"), 0, FALSE },
    { N_("yesterday"), -1, FALSE },
    { N_("tomorrow"), 1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *translated = fold (_(words[i].word));

      if (g_str_equal (folded, words[i].word) || g_str_equal (folded, translated))
        {
          *is_now = words[i].now;
          return words[i].days;
        }
    }

  return G_MININT;
}

static GRegex *
regex (GRegex    **cache,
       const char *pattern)
{
  if (g_once_init_enter (cache))
    {
      GRegex *re = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (re != NULL);
      g_once_init_leave (cache, re);
    }

  return *cache;
}

static int
group_int (GMatchInfo *match,
           int         group,
           int        *n_digits)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  if (n_digits)
    *n_digits = text ? (int) strlen (text) : 0;
  return text && *text ? atoi (text) : -1;
}

static gboolean
year_from_digits (int value,
                  int n_digits,
                  int *year)
{
  if (n_digits == 4)
    *year = value;
  else if (n_digits == 2)
    *year = 2000 + value;
  else
    return FALSE;
  return TRUE;
}

typedef enum
{
  PARSED_OK,
  PARSED_NOT_A_DATE,
  PARSED_BAD_DAY,
  PARSED_BAD_YEAR,
  PARSED_BAD_MONTH,
} Parsed;

/* Matches again with @match, which may hold an earlier match */
static gboolean
match_pattern (GRegex     **cache,
               const char  *pattern,
               const char  *text,
               GMatchInfo **match)
{
  g_clear_pointer (match, g_match_info_free);
  return g_regex_match (regex (cache, pattern), text, 0, match);
}

/* A day written with numbers or a month's name; "" and words are not days */
static Parsed
parse_day (const LocaleDates *ld,
           const char        *text,
           SpDate            *out,
           int               *bad_month)
{
  static GRegex *numeric_re, *dmy_name_re, *mdy_name_re;
  g_autoptr(GMatchInfo) match = NULL;
  int y, m, d, year_digits;

  if (g_regex_match (regex (&numeric_re,
                            "^(\\d{1,4})\\s*([-./])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{1,4})\\.?$"),
                     text, 0, &match))
    {
      g_autofree char *sep = g_match_info_fetch (match, 2);
      int a_digits, a = group_int (match, 1, &a_digits);
      int b = group_int (match, 3, NULL);
      int c_digits, c = group_int (match, 4, &c_digits);
      SpDateOrder order;

      if (a_digits == 4 || a_digits == 3)
        order = SP_DATE_ORDER_YMD;
      else if (sep[0] == '.')
        /* no one writes the month first with dots */
        order = SP_DATE_ORDER_DMY;
      else if (ld->order == SP_DATE_ORDER_YMD)
        order = sep[0] == '/' ? SP_DATE_ORDER_MDY : SP_DATE_ORDER_DMY;
      else
        order = ld->order;

      if (order == SP_DATE_ORDER_YMD)
        {
          int d_digits;

          group_int (match, 4, &d_digits);
          if (a_digits != 4 || d_digits > 2)
            return a_digits != 4 ? PARSED_BAD_YEAR : PARSED_NOT_A_DATE;
          y = a;
          m = b;
          d = c;
        }
      else
        {
          if (a_digits > 2)
            return PARSED_NOT_A_DATE;
          if (!year_from_digits (c, c_digits, &y))
            return PARSED_BAD_YEAR;
          d = order == SP_DATE_ORDER_DMY ? a : b;
          m = order == SP_DATE_ORDER_DMY ? b : a;
        }

      if (m < 1 || m > 12)
        {
          *bad_month = m;
          return PARSED_BAD_MONTH;
        }
    }
  else if (match_pattern (&dmy_name_re,
                          "^(\\d{1,2})\\.?[\\s-]*([^\\d\\s.,/-]+)\\.?[\\s,-]*(\\d{1,4})$",
                          text, &match) ||
           match_pattern (&mdy_name_re,
                          "^([^\\d\\s.,/-]+)\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?,?\\s*(\\d{1,4})$",
                          text, &match))
    {
      gboolean day_first = g_ascii_isdigit (text[0]);
      g_autofree char *word = g_match_info_fetch (match, day_first ? 2 : 1);

      d = group_int (match, day_first ? 1 : 2, NULL);
      y = group_int (match, 3, &year_digits);
      if ((m = month_from_name (word)) == 0)
        return PARSED_NOT_A_DATE;
      if (!year_from_digits (y, year_digits, &y))
        return PARSED_BAD_YEAR;
    }
  else
    return PARSED_NOT_A_DATE;

  /* years outside the calendar code's are left to the range check */
  if (d < 1 || d > sp_days_in_month (y, m))
    return PARSED_BAD_DAY;

  *out = sp_date_from_ymd (y, m, d);
  return PARSED_OK;
}

/* "+3", "-1", "+2d": days from today */
static gboolean
parse_relative (const char *text,
                int        *days)
{
  static GRegex *relative_re;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *sign = NULL;
  int n;

  if (!g_regex_match (regex (&relative_re, "^([-+])\\s*(\\d{1,5})\\s*(?:d|days?)?$"),
                      text, 0, &match))
    return FALSE;

  sign = g_match_info_fetch (match, 1);
  n = group_int (match, 2, NULL);
  *days = sign[0] == '-' ? -n : n;
  return TRUE;
}

static char *
not_a_date (const char *text,
            gboolean    with_time)
{
  g_autofree char *example = with_time ? sp_date_input_example_time ()
                                       : sp_date_input_example_date ();

  /* TRANSLATORS: "“32.1.” is not a date: use 07.12.2026 14:00" */
  return g_strdup_printf (_("“%s” is not a date: use %s"), text, example);
}

static char *
day_reason (Parsed      parsed,
            const char *text,
            int         bad_month,
            gboolean    with_time)
{
  switch (parsed)
    {
    case PARSED_BAD_DAY:
      /* TRANSLATORS: %s is the date as typed */
      return g_strdup_printf (_("“%s” is not a day of the calendar"), text);
    case PARSED_BAD_YEAR:
      /* TRANSLATORS: %s is the date as typed */
      return g_strdup_printf (_("“%s” has a year of neither four nor two digits"), text);
    case PARSED_BAD_MONTH:
      {
        g_autofree char *example = with_time ? sp_date_input_example_time ()
                                             : sp_date_input_example_date ();

        /* TRANSLATORS: the date as typed, the month's number, and how dates are typed here
         * ("DD.MM.YYYY") */
        return g_strdup_printf (_("“%s” is not a date: there is no month %d (dates are typed "
                                  "as %s)"), text, bad_month, example);
      }
    case PARSED_OK:
    case PARSED_NOT_A_DATE:
    default:
      return not_a_date (text, with_time);
    }
}

static gboolean
check_range (const char  *text,
             SpDate       date,
             char       **reason)
{
  g_autofree char *why = NULL;

  if (sp_date_check_range (date, reason ? &why : NULL))
    return TRUE;

  if (reason)
    *reason = g_strdup_printf ("“%s” %s", text, why);
  return FALSE;
}

/* "AM"/"PM" in the locale's words or in English: 0, 12 or -1 */
static int
ampm_offset (const char *word)
{
  g_autofree char *key = fold (word);
  g_autofree char *am = fold (nl_langinfo (AM_STR));
  g_autofree char *pm = fold (nl_langinfo (PM_STR));

  if (g_str_equal (key, "am") || g_str_equal (key, "a.m") || (*am && g_str_equal (key, am)))
    return 0;
  if (g_str_equal (key, "pm") || g_str_equal (key, "p.m") || (*pm && g_str_equal (key, pm)))
    return 12;
  return -1;
}

/**
 * sp_date_input_parse_time:
 * @now: what "now" is, or SP_TIME_NONE for the clock
 * @day: the day a time of day alone is on, or SP_DATE_NONE for @now's day
 * @reason: (out) (optional): why @text is refused, a sentence for the owner
 *
 * Reads a date and time as typed: "2026-12-07 14:00", "2026-12-07T14:00",
 * the locale's "07.12.2026 14:00" or "12/07/2026 2:00 PM", "7 Dec 2026 14:00",
 * "14:00", "now", "today 9:30", "yesterday 17:00", "+1 9:00" or "-2" (that
 * many days from today, at the time of @now).  Blank text is refused.
 */
gboolean
sp_date_input_parse_time (const char  *text,
                          SpTime       now,
                          SpDate       day,
                          SpTime      *out,
                          char       **reason)
{
  static GRegex *time_re;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *folded = NULL;
  LocaleDates ld;
  SpDate date;
  int h, mi, s = 0;
  gboolean has_time;

  g_return_val_if_fail (out != NULL, FALSE);

  clean = g_strstrip (g_strdup (text ? text : ""));
  if (*clean == '\0')
    {
      if (reason)
        *reason = g_strdup (_("is empty"));
      return FALSE;
    }

  if (now == SP_TIME_NONE)
    now = sp_time_now ();
  now -= now % 60;
  if (day == SP_DATE_NONE)
    day = sp_time_to_date (now);

  locale_dates (&ld);

  has_time = g_regex_match (regex (&time_re,
                                   "^(.*?)([\\s,]*T?\\s*)(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
                                   "(?:\\s*([^\\d\\s:]+))?$"),
                            clean, 0, &match);

  if (has_time)
    {
      g_autofree char *sep = g_match_info_fetch (match, 2);
      g_autofree char *ampm = g_match_info_fetch (match, 6);
      int h_digits;

      date_text = g_strstrip (g_match_info_fetch (match, 1));
      h = group_int (match, 3, &h_digits);
      mi = group_int (match, 4, NULL);
      if (g_match_info_get_match_count (match) > 5)
        s = MAX (0, group_int (match, 5, NULL));

      if (*date_text != '\0' && *sep == '\0')
        goto not_a_date;

      if (ampm != NULL && *ampm != '\0')
        {
          int offset = ampm_offset (ampm);

          if (offset < 0)
            goto not_a_date;
          if (h < 1 || h > 12)
            {
              if (reason)
                /* TRANSLATORS: %s is the time as typed */
                *reason = g_strdup_printf (_("“%s” is not a time of day"), clean);
              return FALSE;
            }
          h = h % 12 + offset;
        }

      if (h > 23 || mi > 59 || s > 59)
        {
          if (reason)
            /* TRANSLATORS: %s is the time as typed */
            *reason = g_strdup_printf (_("“%s” is not a time of day"), clean);
          return FALSE;
        }
    }
  else
    {
      date_text = g_strdup (clean);
      h = mi = -1;
    }

  folded = fold (date_text);

  if (*date_text == '\0')
    date = day;
  else
    {
      gboolean is_now = FALSE;
      int days = day_word (folded, &is_now);

      if (days != G_MININT)
        {
          if (is_now)
            {
              if (has_time)
                goto not_a_date;
              *out = now;
              return TRUE;
            }
          date = sp_time_to_date (now) + days;
        }
      else if (parse_relative (date_text, &days))
        date = sp_time_to_date (now) + days;
      else
        {
          int bad_month = 0;
          Parsed parsed = parse_day (&ld, date_text, &date, &bad_month);

          if (parsed != PARSED_OK)
            {
              if (reason)
                *reason = day_reason (parsed, clean, bad_month, TRUE);
              return FALSE;
            }
          if (!has_time)
            {
              /* a day without a time is no time of a contact */
              if (reason)
                {
                  g_autofree char *example = sp_date_input_example_time ();

                  /* TRANSLATORS: the date as typed, then an example with a time */
                  *reason = g_strdup_printf (_("“%s” has no time of day: use %s"), clean,
                                             example);
                }
              return FALSE;
            }
        }
    }

  if (!check_range (clean, date, reason))
    return FALSE;

  if (!has_time)
    {
      /* "+1", "yesterday": the day, at the time it is now */
      *out = sp_date_to_time (date) + (now - sp_date_to_time (sp_time_to_date (now)));
      return TRUE;
    }

  *out = sp_date_to_time (date) + h * 3600 + mi * 60 + s;
  return TRUE;

not_a_date:
  if (reason)
    *reason = not_a_date (clean, TRUE);
  return FALSE;
}

/**
 * sp_date_input_parse_date:
 * @today: what "today" is, or SP_DATE_NONE for the clock's
 *
 * Reads a day as typed: "2026-12-07", the locale's "07.12.2026" or
 * "12/07/2026", "7 Dec 2026", "today", "yesterday", "now", "+7", "-1".
 * A time of day is refused: the field holds a day.
 */
gboolean
sp_date_input_parse_date (const char  *text,
                          SpDate       today,
                          SpDate      *out,
                          char       **reason)
{
  g_autofree char *clean = NULL;
  g_autofree char *folded = NULL;
  LocaleDates ld;
  gboolean is_now = FALSE;
  int days, bad_month = 0;
  SpDate date;
  Parsed parsed;

  g_return_val_if_fail (out != NULL, FALSE);

  clean = g_strstrip (g_strdup (text ? text : ""));
  if (*clean == '\0')
    {
      if (reason)
        *reason = g_strdup (_("is empty"));
      return FALSE;
    }

  if (today == SP_DATE_NONE)
    today = sp_date_today ();

  locale_dates (&ld);
  folded = fold (clean);

  if ((days = day_word (folded, &is_now)) != G_MININT || parse_relative (clean, &days))
    date = today + days;
  else if ((parsed = parse_day (&ld, clean, &date, &bad_month)) != PARSED_OK)
    {
      if (reason)
        *reason = day_reason (parsed, clean, bad_month, FALSE);
      return FALSE;
    }

  if (!check_range (clean, date, reason))
    return FALSE;

  *out = date;
  return TRUE;
}

/* Formats of other programs' files */

typedef struct
{
  int y, mo, d, h, mi, s, ampm;
  gboolean has_time;
} Fields;

static gboolean
read_number (const char **p,
             int          min_digits,
             int          max_digits,
             int         *out)
{
  int v = 0, n = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    {
      v = v * 10 + ((*p)[n] - '0');
      n++;
    }

  if (n < min_digits)
    return FALSE;

  *p += n;
  *out = v;
  return TRUE;
}

static const char *
read_word (const char  *p,
           char       **word)
{
  const char *start = p;

  while (*p && !g_ascii_isdigit (*p) && !g_ascii_isspace (*p) && !strchr ("/-,:", *p))
    p = g_utf8_next_char (p);

  *word = g_strndup (start, (gsize) (p - start));
  return p;
}

static gboolean
is_time_directive (char c)
{
  return strchr ("HIMSpklT", c) != NULL;
}

/*
 * Matches @text against @format; with @date_only, text that ends where the
 * format's time of day begins is a match too.
 */
static gboolean
scan_format (const char *format,
             const char *text,
             gboolean    date_only,
             Fields     *f)
{
  const char *p = text;

  *f = (Fields) { -1, -1, -1, 0, 0, 0, -1, FALSE };

  while (g_ascii_isspace (*p))
    p++;

  for (const char *q = format; *q; q++)
    {
      if (g_ascii_isspace (*q))
        {
          while (g_ascii_isspace (*p))
            p++;
          continue;
        }

      if (date_only && *p == '\0' && f->y >= 0 && f->mo >= 0 && f->d >= 0 && !f->has_time)
        {
          /* the rest of the format must be the time of day */
          for (const char *r = q; *r; r++)
            {
              if (*r == '%' && r[1] != '\0')
                {
                  if (!is_time_directive (r[1]))
                    return FALSE;
                  r++;
                }
            }
          return TRUE;
        }

      if (*q != '%')
        {
          if (g_ascii_tolower (*p) != g_ascii_tolower (*q))
            return FALSE;
          p++;
          continue;
        }

      q++;
      switch (*q)
        {
        case 'Y':
          if (!read_number (&p, 4, 4, &f->y))
            return FALSE;
          break;
        case 'y':
          if (!read_number (&p, 2, 2, &f->y))
            return FALSE;
          f->y += 2000;
          break;
        case 'm':
          if (!read_number (&p, 1, 2, &f->mo))
            return FALSE;
          break;
        case 'd':
        case 'e':
          while (*q == 'e' && *p == ' ')
            p++;
          if (!read_number (&p, 1, 2, &f->d))
            return FALSE;
          break;
        case 'H':
        case 'I':
          if (!read_number (&p, 1, 2, &f->h))
            return FALSE;
          f->has_time = TRUE;
          break;
        case 'M':
          if (!read_number (&p, 2, 2, &f->mi))
            return FALSE;
          f->has_time = TRUE;
          /* "14:00:05" where the format stops at the minutes */
          if (q[1] != ':' && p[0] == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
            {
              p++;
              read_number (&p, 2, 2, &f->s);
            }
          break;
        case 'S':
          if (!read_number (&p, 2, 2, &f->s))
            return FALSE;
          break;
        case 'p':
          {
            g_autofree char *word = NULL;

            p = read_word (p, &word);
            if ((f->ampm = ampm_offset (word)) < 0)
              return FALSE;
          }
          break;
        case 'b':
        case 'B':
          {
            g_autofree char *word = NULL;

            p = read_word (p, &word);
            if ((f->mo = month_from_name (word)) == 0)
              return FALSE;
          }
          break;
        case '%':
          if (*p++ != '%')
            return FALSE;
          break;
        default:
          return FALSE;
        }
    }

  while (g_ascii_isspace (*p))
    p++;

  return *p == '\0';
}

/**
 * sp_date_format_is_valid:
 *
 * Whether @format names the year, month and day (%Y or %y, %m or %b/%B,
 * %d or %e) with only the directives the import reads.
 */
gboolean
sp_date_format_is_valid (const char  *format,
                         char       **reason)
{
  gboolean y = FALSE, m = FALSE, d = FALSE;

  for (const char *q = format ? format : ""; *q; q++)
    {
      if (*q != '%')
        continue;
      q++;
      switch (*q)
        {
        case 'Y': case 'y': y = TRUE; break;
        case 'm': case 'b': case 'B': m = TRUE; break;
        case 'd': case 'e': d = TRUE; break;
        case 'H': case 'I': case 'M': case 'S': case 'p': case '%': break;
        default:
          if (reason)
            /* TRANSLATORS: %s is the format as typed; the rest are the format's codes */
            *reason = g_strdup_printf (_("“%s” is not a date format: use %%Y, %%y, %%m, %%b, "
                                         "%%d, %%H, %%I, %%M, %%S and %%p, as in "
                                         "%%d.%%m.%%Y %%H:%%M"), format);
          return FALSE;
        }
      if (*q == '\0')
        break;
    }

  if (!y || !m || !d)
    {
      if (reason)
        /* TRANSLATORS: %s is the format as typed; the rest are the format's codes */
        *reason = g_strdup_printf (_("“%s” is not a date format: it needs the year (%%Y), the "
                                     "month (%%m) and the day (%%d), as in %%d.%%m.%%Y %%H:%%M"),
                                   format ? format : "");
      return FALSE;
    }

  return TRUE;
}

static gboolean
fields_to_date (const Fields *f,
                SpDate       *out)
{
  if (f->mo < 1 || f->mo > 12 || f->d < 1 || f->d > sp_days_in_month (f->y, f->mo))
    return FALSE;
  *out = sp_date_from_ymd (f->y, f->mo, f->d);
  return TRUE;
}

static char *
no_match (const char *format,
          const char *text)
{
  g_autofree char *described = sp_date_format_describe (format);

  /* TRANSLATORS: the date as written in the file, then the format ("DD.MM.YYYY HH:MM") */
  return g_strdup_printf (_("“%s” is not a date in the form %s"), text, described);
}

/**
 * sp_date_format_parse_time:
 * @format: a valid format (sp_date_format_is_valid()) with a time of day
 *
 * Reads @text, in @format; seconds after the minutes are read when the
 * format has none.
 */
gboolean
sp_date_format_parse_time (const char  *format,
                           const char  *text,
                           SpTime      *out,
                           char       **reason)
{
  Fields f;
  SpDate date;
  int h;

  g_return_val_if_fail (format != NULL && text != NULL && out != NULL, FALSE);

  if (!scan_format (format, text, FALSE, &f))
    {
      if (reason)
        *reason = no_match (format, text);
      return FALSE;
    }

  if (!f.has_time)
    {
      if (reason)
        /* TRANSLATORS: %s is the date format shown to the owner ("DD.MM.YYYY") */
        *reason = g_strdup_printf (_("has no time of day: the date format %s gives only the "
                                     "day"), format);
      return FALSE;
    }

  if (!fields_to_date (&f, &date))
    {
      if (reason)
        /* TRANSLATORS: %s is the date as typed */
        *reason = g_strdup_printf (_("“%s” is not a day of the calendar"), text);
      return FALSE;
    }

  h = f.h;
  if (f.ampm >= 0)
    {
      if (h < 1 || h > 12)
        h = 99;
      else
        h = h % 12 + f.ampm;
    }

  if (h > 23 || f.mi > 59 || f.s > 59)
    {
      if (reason)
        /* TRANSLATORS: %s is the time as typed */
        *reason = g_strdup_printf (_("“%s” is not a time of day"), text);
      return FALSE;
    }

  if (!check_range (text, date, reason))
    return FALSE;

  *out = sp_date_to_time (date) + h * 3600 + f.mi * 60 + f.s;
  return TRUE;
}

/**
 * sp_date_format_parse_date:
 *
 * Reads a day in @format: a value with or without the format's time of
 * day, which is left out.
 */
gboolean
sp_date_format_parse_date (const char  *format,
                           const char  *text,
                           SpDate      *out,
                           char       **reason)
{
  Fields f;
  SpDate date;

  g_return_val_if_fail (format != NULL && text != NULL && out != NULL, FALSE);

  if (!scan_format (format, text, TRUE, &f))
    {
      if (reason)
        *reason = no_match (format, text);
      return FALSE;
    }

  if (!fields_to_date (&f, &date))
    {
      if (reason)
        /* TRANSLATORS: %s is the date as typed */
        *reason = g_strdup_printf (_("“%s” is not a day of the calendar"), text);
      return FALSE;
    }

  if (!check_range (text, date, reason))
    return FALSE;

  *out = date;
  return TRUE;
}

/* in each group, a day alone first: it reads no value with a time of day */
static const char * const common_iso[] = {
  "%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y/%m/%d", "%Y/%m/%d %H:%M",
  "%Y/%m/%d %I:%M %p", NULL
};
static const char * const common_day_first[] = {
  "%d.%m.%Y", "%d.%m.%Y %H:%M", "%d/%m/%Y", "%d/%m/%Y %H:%M", "%d-%m-%Y", "%d-%m-%Y %H:%M",
  "%d/%m/%Y %I:%M %p", "%d.%m.%y", "%d.%m.%y %H:%M", "%d/%m/%y", "%d/%m/%y %H:%M",
  "%d %b %Y", "%d %b %Y %H:%M", NULL
};
static const char * const common_month_first[] = {
  "%m/%d/%Y", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m-%d-%Y", "%m-%d-%Y %H:%M",
  "%m/%d/%y", "%m/%d/%y %I:%M %p", "%m/%d/%y %H:%M", "%b %d, %Y", "%b %d, %Y %I:%M %p",
  "%b %d %Y %H:%M", NULL
};

/**
 * sp_date_format_get_common:
 *
 * The formats sp_date_format_guess() knows, ISO first, then those of the
 * locale's order, for a list to choose from.
 *
 * Returns: (transfer container): a NULL-terminated array of static strings
 */
const char **
sp_date_format_get_common (void)
{
  gboolean month_first = sp_date_input_get_order () == SP_DATE_ORDER_MDY;
  const char * const *groups[] = {
    common_iso,
    month_first ? common_month_first : common_day_first,
    month_first ? common_day_first : common_month_first,
  };
  GPtrArray *all = g_ptr_array_new ();

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; groups[g][i]; i++)
      g_ptr_array_add (all, (gpointer) groups[g][i]);
  g_ptr_array_add (all, NULL);

  return (const char **) g_ptr_array_free (all, FALSE);
}

/**
 * sp_date_format_guess:
 * @samples: values of a date column; blank ones are left out
 *
 * The first format that reads every sample: ISO first, then day-first or
 * month-first in the order the locale writes dates.  When both orders read
 * every sample (no day above 12), the locale's wins.
 *
 * Returns: (nullable): a static format, or NULL when none reads them all
 */
const char *
sp_date_format_guess (const char * const *samples,
                      guint               n_samples)
{
  g_autofree const char **common = sp_date_format_get_common ();
  guint n_read = 0;

  for (guint c = 0; common[c]; c++)
    {
      gboolean all = TRUE;

      n_read = 0;
      for (guint i = 0; i < n_samples && all; i++)
        {
          Fields f;
          SpDate date;

          if (sp_str_is_blank (samples[i]))
            continue;
          all = scan_format (common[c], samples[i], TRUE, &f) && fields_to_date (&f, &date);
          n_read++;
        }

      if (all && n_read > 0)
        return common[c];
    }

  return NULL;
}

/**
 * sp_date_format_describe:
 *
 * @format as people read it: "%d.%m.%Y %H:%M" is "DD.MM.YYYY HH:MM".
 */
char *
sp_date_format_describe (const char *format)
{
  GString *out = g_string_new (NULL);

  for (const char *q = format ? format : ""; *q; q++)
    {
      if (*q != '%' || q[1] == '\0')
        {
          g_string_append_c (out, *q);
          continue;
        }

      q++;
      switch (*q)
        {
        /* TRANSLATORS: the parts of a date format shown to the owner:
         * year, month, day, hours, minutes, seconds */
        case 'Y': g_string_append (out, C_("date format", "YYYY")); break;
        case 'y': g_string_append (out, C_("date format", "YY")); break;
        case 'm': g_string_append (out, C_("date format", "MM")); break;
        case 'b': g_string_append (out, C_("date format", "Mon")); break;
        case 'B': g_string_append (out, C_("date format", "Month")); break;
        case 'd': g_string_append (out, C_("date format", "DD")); break;
        case 'e': g_string_append (out, C_("date format", "D")); break;
        case 'H': g_string_append (out, C_("date format", "HH")); break;
        case 'I': g_string_append (out, C_("date format", "hh")); break;
        case 'M': g_string_append (out, C_("time format", "MM")); break;
        case 'S': g_string_append (out, C_("date format", "SS")); break;
        case 'p': g_string_append (out, C_("date format", "AM/PM")); break;
        default: g_string_append_c (out, *q); break;
        }
    }

  return g_string_free (out, FALSE);
}
