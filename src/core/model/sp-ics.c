/* sp-ics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-ics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "sp-error.h"
#include "sp-ics.h"

/* More occurrences than any calendar of holidays has in a range of years */
#define MAX_OCCURRENCES 100000

typedef struct
{
  SpDate  date;
  char   *name;
} Day;

static void
day_clear (gpointer data)
{
  g_free (((Day *) data)->name);
}

static SpDate
date_of (struct icaltimetype t)
{
  return sp_date_from_ymd (t.year, t.month, t.day);
}

/* The days start … start + length − 1 that fall in the range */
static void
add_days (GArray     *days,
          SpDate      start,
          int         length,
          SpDate      first,
          SpDate      last,
          const char *name)
{
  for (int i = 0; i < length; i++)
    {
      Day day = { start + i, NULL };

      if (day.date < first || day.date > last)
        continue;
      day.name = g_strdup (name);
      g_array_append_val (days, day);
    }
}

static gboolean
is_excluded (icalcomponent *event,
             SpDate         date)
{
  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_EXDATE_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (event, ICAL_EXDATE_PROPERTY))
    {
      struct icaltimetype ex = icalproperty_get_exdate (p);

      if (!icaltime_is_null_time (ex) && date_of (ex) == date)
        return TRUE;
    }
  return FALSE;
}

static void
read_event (icalcomponent *event,
            SpDate         first,
            SpDate         last,
            GArray        *days,
            guint         *n_skipped)
{
  struct icaltimetype start = icalcomponent_get_dtstart (event);
  struct icaltimetype end = icalcomponent_get_dtend (event);
  icalproperty *rrule = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
  const char *summary = icalcomponent_get_summary (event);
  g_autofree char *name = g_strstrip (g_strdup (summary ? summary : ""));
  int length = 1;

  if (icaltime_is_null_time (start) || !start.is_date)
    {
      (*n_skipped)++;
      return;
    }

  /* DTEND is the day after the last (RFC 5545 §3.6.1); none: one day */
  if (!icaltime_is_null_time (end) && end.is_date)
    length = MAX (1, date_of (end) - date_of (start));

  if (rrule == NULL)
    {
      add_days (days, date_of (start), length, first, last, name);
      return;
    }

  {
    struct icalrecurrencetype recur = icalproperty_get_rrule (rrule);
    icalrecur_iterator *it = icalrecur_iterator_new (recur, start);
    struct icaltimetype next;

    if (it == NULL)
      {
        (*n_skipped)++;
        return;
      }

    for (guint i = 0; i < MAX_OCCURRENCES; i++)
      {
        SpDate date;

        next = icalrecur_iterator_next (it);
        if (icaltime_is_null_time (next))
          break;
        date = date_of (next);
        if (date > last)
          break;
        if (!is_excluded (event, date))
          add_days (days, date, length, first, last, name);
      }
    icalrecur_iterator_free (it);
  }
}

gboolean
sp_ics_read_closed_days (const char  *data,
                         gsize        length,
                         const char  *label,
                         int          from_year,
                         int          to_year,
                         SpHours     *hours,
                         guint       *n_days,
                         guint       *n_skipped,
                         GError     **error)
{
  g_autofree char *text = g_strndup (data ? data : "", length);
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (Day));
  SpDate first = sp_date_from_ymd (from_year, 1, 1);
  SpDate last = sp_date_from_ymd (to_year, 12, 31);
  icalcomponent *calendar;
  guint skipped = 0;

  g_return_val_if_fail (hours != NULL, FALSE);

  g_array_set_clear_func (days, day_clear);

  if (from_year > to_year || from_year < 1900 || to_year > 9999)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: the file, then the first and last year as typed */
                   _("%s: the years %d–%d are not a range"), label, from_year, to_year);
      return FALSE;
    }

  calendar = icalparser_parse_string (text);
  if (calendar == NULL ||
      (icalcomponent_isa (calendar) != ICAL_VCALENDAR_COMPONENT &&
       icalcomponent_isa (calendar) != ICAL_VEVENT_COMPONENT))
    {
      g_clear_pointer (&calendar, icalcomponent_free);
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is the file name */
                   _("%s: not an iCalendar file (it must begin with BEGIN:VCALENDAR)"), label);
      return FALSE;
    }

  if (icalcomponent_isa (calendar) == ICAL_VEVENT_COMPONENT)
    read_event (calendar, first, last, days, &skipped);
  else
    for (icalcomponent *event = icalcomponent_get_first_component (calendar,
                                                                   ICAL_VEVENT_COMPONENT);
         event != NULL;
         event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
      read_event (event, first, last, days, &skipped);

  icalcomponent_free (calendar);

  for (guint i = 0; i < days->len; i++)
    {
      const Day *day = &g_array_index (days, Day, i);

      sp_hours_set_closed_day (hours, day->date, day->name);
    }

  if (n_days != NULL)
    *n_days = days->len;
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return TRUE;
}
