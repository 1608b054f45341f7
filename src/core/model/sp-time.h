/* sp-time.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Times are local wall-clock times, as the owner writes them down, stored as
 * seconds since 1970-01-01 00:00 of that wall clock.  A duration is the plain
 * difference of two recorded times, as KPI-SPEC §3 asks; dates are days since
 * 1970-01-01.
 */
typedef gint64 SpTime;
typedef gint32 SpDate;

#define SP_TIME_NONE G_MININT64
#define SP_DATE_NONE G_MININT32
#define SP_SECONDS_PER_DAY ((SpTime) 86400)
#define SP_SECONDS_PER_MINUTE ((SpTime) 60)

/* The days the app handles, for every record and period: every period, its
 * previous one and its 12-month trend stay far inside what the calendar
 * code handles.  Input and verbs check them with sp_date_check_range(). */
#define SP_FIRST_YEAR 1970
#define SP_LAST_YEAR  2999

gboolean  sp_date_check_range      (SpDate      date,
                                    char      **reason);
gboolean  sp_time_check_range      (SpTime      time,
                                    char      **reason);

gboolean  sp_time_parse            (const char *str,
                                    SpTime     *out,
                                    char      **reason);
gboolean  sp_date_parse            (const char *str,
                                    SpDate     *out,
                                    char      **reason);
gboolean  sp_month_parse           (const char *str,
                                    int        *year,
                                    int        *month,
                                    char      **reason);

SpDate    sp_date_from_ymd         (int         year,
                                    int         month,
                                    int         day);
void      sp_date_to_ymd           (SpDate      date,
                                    int        *year,
                                    int        *month,
                                    int        *day);
gboolean  sp_date_is_valid_ymd     (int         year,
                                    int         month,
                                    int         day);
int       sp_days_in_month         (int         year,
                                    int         month);
int       sp_date_weekday          (SpDate      date);
SpDate    sp_date_add_months       (SpDate      date,
                                    int         months);
SpDate    sp_date_month_start      (SpDate      date);
SpDate    sp_date_month_end        (SpDate      date);
SpDate    sp_date_week_start       (SpDate      date);
SpDate    sp_date_quarter_start    (SpDate      date);
SpDate    sp_date_quarter_end      (SpDate      date);
SpDate    sp_date_year_start       (SpDate      date);

static inline SpTime
sp_date_to_time (SpDate date)
{
  return (SpTime) date * SP_SECONDS_PER_DAY;
}

static inline SpDate
sp_time_to_date (SpTime time)
{
  /* floor division, so times before 1970 land on the right day */
  return (SpDate) ((time >= 0 ? time : time - (SP_SECONDS_PER_DAY - 1)) / SP_SECONDS_PER_DAY);
}

SpTime    sp_time_from_ymdhms      (int         year,
                                    int         month,
                                    int         day,
                                    int         hour,
                                    int         minute,
                                    int         second);
SpTime    sp_time_now              (void);
SpDate    sp_date_today            (void);

/* Returns: (transfer full) */
char     *sp_time_format_iso       (SpTime      time);
/* Returns: (transfer full) */
char     *sp_date_format_iso       (SpDate      date);
/* Returns: (transfer full) */
char     *sp_month_format_iso      (SpDate      date);

/* Returns: (transfer full) */
GDateTime *sp_time_to_date_time    (SpTime      time);
/* Returns: (transfer full) */
char     *sp_time_format_display   (SpTime      time);

G_END_DECLS
