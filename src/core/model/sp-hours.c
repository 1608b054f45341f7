/* sp-hours.c
 *
 * Business time as a running total: F(t) is the business seconds from the
 * start of the first schedule's first day to t (negative before it, where
 * every second counts), so the business seconds between a and b are
 * F(b) − F(a).  F is found in a few binary searches: each schedule knows
 * the business seconds before its first day and in each weekday, and the
 * closed days carry a running total of the seconds they take away.  Saving
 * a contact, the engine's unanswered contacts and the recomputation of a
 * million contacts all rest on that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-hours"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-hours.h"

typedef struct
{
  SpSchedule schedule;
  gint64     day_total[7];
  gint64     week_total;
  gint64     before;        /* F at the start of valid_from, closed days not taken away */
} Entry;

struct _SpHours
{
  gatomicrefcount ref_count;

  GPtrArray *entries;      /* Entry, by valid_from */
  GArray    *closed;       /* SpClosedDay, by date */
  GArray    *lost;         /* gint64: seconds the closed days before index i take away */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  for (guint d = 0; d < 7; d++)
    g_clear_pointer (&entry->schedule.days[d], g_array_unref);
  g_free (entry);
}

static Entry *
entry_new (SpDate valid_from)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->schedule.valid_from = valid_from;
  for (guint d = 0; d < 7; d++)
    entry->schedule.days[d] = g_array_new (FALSE, FALSE, sizeof (SpHoursInterval));
  return entry;
}

static void
closed_day_clear (gpointer data)
{
  g_free (((SpClosedDay *) data)->name);
}

SpHours *
sp_hours_new (void)
{
  SpHours *self = g_new0 (SpHours, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->closed = g_array_new (FALSE, FALSE, sizeof (SpClosedDay));
  g_array_set_clear_func (self->closed, closed_day_clear);
  self->lost = g_array_new (FALSE, TRUE, sizeof (gint64));
  return self;
}

SpHours *
sp_hours_ref (SpHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sp_hours_unref (SpHours *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->entries);
  g_array_unref (self->closed);
  g_array_unref (self->lost);
  g_free (self);
}

/* The day of @entry's schedule that @date falls on, 0 Monday */
static inline guint
weekday_index (SpDate date)
{
  return (guint) sp_date_weekday (date) - 1;
}

/* The index of the schedule @date follows, -1 before the first */
static int
find_entry (SpHours *self,
            SpDate   date)
{
  int lo = 0, hi = (int) self->entries->len - 1, found = -1;

  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;
      const Entry *e = self->entries->pdata[mid];

      if (e->schedule.valid_from <= date)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  return found;
}

/* The number of closed days before @date */
static guint
closed_before (SpHours *self,
               SpDate   date)
{
  guint lo = 0, hi = self->closed->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->closed, SpClosedDay, mid).date < date)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The scheduled business seconds of the days valid_from … @date − 1 of @entry */
static gint64
scheduled_before (const Entry *entry,
                  SpDate       date)
{
  gint64 days = (gint64) date - entry->schedule.valid_from;
  gint64 total = entry->before + (days / 7) * entry->week_total;
  SpDate day = (SpDate) (date - days % 7);

  for (; day < date; day++)
    total += entry->day_total[weekday_index (day)];
  return total;
}

/* Recomputes what F rests on, after any change */
static void
prepare (SpHours *self)
{
  SpDate first;
  gint64 lost = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = self->entries->pdata[i];

      e->week_total = 0;
      for (guint d = 0; d < 7; d++)
        {
          e->day_total[d] = 0;
          for (guint k = 0; k < e->schedule.days[d]->len; k++)
            {
              const SpHoursInterval *in = &g_array_index (e->schedule.days[d], SpHoursInterval,
                                                           k);
              e->day_total[d] += in->closes - in->opens;
            }
          e->week_total += e->day_total[d];
        }

      e->before = i == 0 ? 0 : scheduled_before (self->entries->pdata[i - 1],
                                                 e->schedule.valid_from);
    }

  g_array_set_size (self->lost, self->closed->len + 1);
  first = self->entries->len > 0 ? ((Entry *) self->entries->pdata[0])->schedule.valid_from
                                 : G_MAXINT32;
  for (guint k = 0; k < self->closed->len; k++)
    {
      SpDate date = g_array_index (self->closed, SpClosedDay, k).date;

      g_array_index (self->lost, gint64, k) = lost;
      /* before the first schedule every day counts as open around the clock */
      if (date >= first)
        lost += ((Entry *) self->entries->pdata[find_entry (self, date)])
                  ->day_total[weekday_index (date)];
    }
  g_array_index (self->lost, gint64, self->closed->len) = lost;
}

SpHours *
sp_hours_copy (SpHours *self)
{
  SpHours *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = sp_hours_new ();
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *e = self->entries->pdata[i];
      Entry *c = entry_new (e->schedule.valid_from);

      for (guint d = 0; d < 7; d++)
        g_array_append_vals (c->schedule.days[d], e->schedule.days[d]->data,
                             e->schedule.days[d]->len);
      g_ptr_array_add (copy->entries, c);
    }
  for (guint k = 0; k < self->closed->len; k++)
    {
      const SpClosedDay *day = &g_array_index (self->closed, SpClosedDay, k);
      SpClosedDay c = { day->date, g_strdup (day->name) };

      g_array_append_val (copy->closed, c);
    }
  prepare (copy);
  return copy;
}

gboolean
sp_hours_has_schedule (SpHours *self)
{
  return self != NULL && self->entries->len > 0;
}

guint
sp_hours_get_n_schedules (SpHours *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->entries->len;
}

SpSchedule *
sp_hours_get_schedule (SpHours *self,
                       guint    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return &((Entry *) self->entries->pdata[index])->schedule;
}

SpSchedule *
sp_hours_lookup_schedule (SpHours *self,
                          SpDate   valid_from)
{
  int i;

  g_return_val_if_fail (self != NULL, NULL);

  i = find_entry (self, valid_from);
  if (i < 0 || ((Entry *) self->entries->pdata[i])->schedule.valid_from != valid_from)
    return NULL;
  return &((Entry *) self->entries->pdata[i])->schedule;
}

SpSchedule *
sp_hours_replace_schedule (SpHours *self,
                           SpDate   valid_from)
{
  SpSchedule *schedule;
  int i;

  g_return_val_if_fail (self != NULL, NULL);

  schedule = sp_hours_lookup_schedule (self, valid_from);
  if (schedule != NULL)
    {
      for (guint d = 0; d < 7; d++)
        g_array_set_size (schedule->days[d], 0);
    }
  else
    {
      Entry *e = entry_new (valid_from);

      i = find_entry (self, valid_from);
      g_ptr_array_insert (self->entries, i + 1, e);
      schedule = &e->schedule;
    }

  prepare (self);
  return schedule;
}

gboolean
sp_hours_remove_schedule (SpHours *self,
                          SpDate   valid_from)
{
  int i;

  g_return_val_if_fail (self != NULL, FALSE);

  if (sp_hours_lookup_schedule (self, valid_from) == NULL)
    return FALSE;

  i = find_entry (self, valid_from);
  g_ptr_array_remove_index (self->entries, (guint) i);
  prepare (self);
  return TRUE;
}

gboolean
sp_hours_add_interval (SpHours     *self,
                       SpSchedule  *schedule,
                       int          weekday,
                       gint32       opens,
                       gint32       closes,
                       char       **reason)
{
  GArray *day;
  guint at;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (schedule != NULL, FALSE);
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, FALSE);

  if (opens < 0 || closes > 86400 || opens >= closes)
    {
      if (reason != NULL)
        *reason = g_strdup (_("opens must be before closes"));
      return FALSE;
    }

  day = schedule->days[weekday - 1];
  for (at = 0; at < day->len; at++)
    {
      const SpHoursInterval *in = &g_array_index (day, SpHoursInterval, at);

      if (opens < in->closes && in->opens < closes)
        {
          if (reason != NULL)
            {
              g_autofree char *o = sp_hours_format_time (in->opens);
              g_autofree char *c = sp_hours_format_time (in->closes);

              /* TRANSLATORS: the times of another interval of the same day */
              *reason = g_strdup_printf (_("overlaps the interval %s–%s of the same day"), o, c);
            }
          return FALSE;
        }
      if (in->opens > opens)
        break;
    }

  g_array_insert_val (day, at, ((SpHoursInterval) { opens, closes }));
  prepare (self);
  return TRUE;
}

void
sp_hours_clear_day (SpHours    *self,
                    SpSchedule *schedule,
                    int         weekday)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (schedule != NULL);
  g_return_if_fail (weekday >= 1 && weekday <= 7);

  g_array_set_size (schedule->days[weekday - 1], 0);
  prepare (self);
}

guint
sp_hours_get_n_closed_days (SpHours *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->closed->len;
}

const SpClosedDay *
sp_hours_get_closed_day (SpHours *self,
                         guint    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->closed->len, NULL);

  return &g_array_index (self->closed, SpClosedDay, index);
}

void
sp_hours_set_closed_day (SpHours    *self,
                         SpDate      date,
                         const char *name)
{
  guint at;

  g_return_if_fail (self != NULL);

  at = closed_before (self, date);
  if (at < self->closed->len && g_array_index (self->closed, SpClosedDay, at).date == date)
    {
      SpClosedDay *day = &g_array_index (self->closed, SpClosedDay, at);

      g_free (day->name);
      day->name = g_strdup (name ? name : "");
      return;
    }

  g_array_insert_val (self->closed, at, ((SpClosedDay) { date, g_strdup (name ? name : "") }));
  prepare (self);
}

gboolean
sp_hours_remove_closed_day (SpHours *self,
                            SpDate   date)
{
  guint at;

  g_return_val_if_fail (self != NULL, FALSE);

  at = closed_before (self, date);
  if (at >= self->closed->len || g_array_index (self->closed, SpClosedDay, at).date != date)
    return FALSE;

  g_array_remove_index (self->closed, at);
  prepare (self);
  return TRUE;
}

gboolean
sp_hours_is_closed_day (SpHours *self,
                        SpDate   date)
{
  guint at;

  g_return_val_if_fail (self != NULL, FALSE);

  at = closed_before (self, date);
  return at < self->closed->len && g_array_index (self->closed, SpClosedDay, at).date == date;
}

/* F(t): the business seconds from the first schedule's first day to @t */
static gint64
running_total (SpHours *self,
               SpTime   t)
{
  SpDate date = sp_time_to_date (t);
  gint32 second = (gint32) (t - sp_date_to_time (date));
  const Entry *first = self->entries->pdata[0];
  const Entry *e;
  const GArray *day;
  guint closed;
  gint64 total;
  int i;

  if (date < first->schedule.valid_from)
    return t - sp_date_to_time (first->schedule.valid_from);

  i = find_entry (self, date);
  e = self->entries->pdata[i];
  closed = closed_before (self, date);
  total = scheduled_before (e, date) - g_array_index (self->lost, gint64, closed);

  if (closed < self->closed->len && g_array_index (self->closed, SpClosedDay, closed).date == date)
    return total;

  day = e->schedule.days[weekday_index (date)];
  for (guint k = 0; k < day->len; k++)
    {
      const SpHoursInterval *in = &g_array_index (day, SpHoursInterval, k);

      if (second <= in->opens)
        break;
      total += MIN (second, in->closes) - in->opens;
    }
  return total;
}

SpTime
sp_hours_open_seconds (SpHours *self,
                       SpTime   a,
                       SpTime   b)
{
  if (b <= a)
    return 0;
  if (!sp_hours_has_schedule (self))
    return b - a;
  return running_total (self, b) - running_total (self, a);
}

SpTime
sp_hours_latest_before (SpHours *self,
                        SpTime   now,
                        SpTime   seconds)
{
  SpTime lo, hi;
  gint64 target;

  if (!sp_hours_has_schedule (self))
    return now - seconds - 1;

  /* before the first schedule F grows with the clock, so lo is far enough */
  lo = MIN (now, sp_date_to_time (((Entry *) self->entries->pdata[0])->schedule.valid_from)) -
       seconds - 1;
  target = running_total (self, now) - seconds;
  hi = now;

  /* the largest t in [lo, hi] with F(t) < target; F(lo) < target */
  while (lo < hi)
    {
      SpTime mid = lo + (hi - lo + 1) / 2;

      if (running_total (self, mid) < target)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

gboolean
sp_hours_parse_time (const char  *text,
                     gboolean     closing,
                     gint32      *seconds,
                     char       **reason)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  int h, m;

  if (strlen (s) == 5 && g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) && s[2] == ':' &&
      g_ascii_isdigit (s[3]) && g_ascii_isdigit (s[4]))
    {
      h = (s[0] - '0') * 10 + (s[1] - '0');
      m = (s[3] - '0') * 10 + (s[4] - '0');

      if ((h < 24 && m < 60) || (closing && h == 24 && m == 0))
        {
          *seconds = (h * 60 + m) * 60;
          return TRUE;
        }
    }

  if (reason != NULL)
    /* TRANSLATORS: %s is the time as typed */
    *reason = closing ? g_strdup_printf (_("“%s” is not a time (HH:MM, up to 24:00)"), s)
                      /* TRANSLATORS: %s is the time as typed */
                      : g_strdup_printf (_("“%s” is not a time (HH:MM)"), s);
  return FALSE;
}

gboolean
sp_hours_parse_weekday (const char *text,
                        int        *weekday)
{
  static const char *const names[] = { "monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday" };
  g_autofree char *s = g_ascii_strdown (text ? text : "", -1);

  g_strstrip (s);
  for (guint d = 0; d < G_N_ELEMENTS (names); d++)
    {
      if (g_str_equal (s, names[d]) || (strlen (s) == 3 && strncmp (s, names[d], 3) == 0))
        {
          *weekday = (int) d + 1;
          return TRUE;
        }
    }
  return FALSE;
}

char *
sp_hours_format_time (gint32 seconds)
{
  return g_strdup_printf ("%02d:%02d", seconds / 3600, seconds / 60 % 60);
}

/* Whether @a and @b hold the same schedules and closed days */
gboolean
sp_hours_equal (SpHours *a,
                SpHours *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (sp_hours_get_n_schedules (a) != sp_hours_get_n_schedules (b) ||
      sp_hours_get_n_closed_days (a) != sp_hours_get_n_closed_days (b))
    return FALSE;

  for (guint i = 0; i < sp_hours_get_n_schedules (a); i++)
    {
      SpSchedule *sa = sp_hours_get_schedule (a, i);
      SpSchedule *sb = sp_hours_get_schedule (b, i);

      if (sa->valid_from != sb->valid_from)
        return FALSE;
      for (int d = 0; d < 7; d++)
        if (sa->days[d]->len != sb->days[d]->len ||
            memcmp (sa->days[d]->data, sb->days[d]->data,
                    sa->days[d]->len * sizeof (SpHoursInterval)) != 0)
          return FALSE;
    }

  for (guint k = 0; k < sp_hours_get_n_closed_days (a); k++)
    {
      const SpClosedDay *ca = sp_hours_get_closed_day (a, k);
      const SpClosedDay *cb = sp_hours_get_closed_day (b, k);

      if (ca->date != cb->date || g_strcmp0 (ca->name, cb->name) != 0)
        return FALSE;
    }

  return TRUE;
}
