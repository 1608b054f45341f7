/* sp-hours.h
 *
 * Opening hours (KPI-SPEC §7): weekly schedules that start on a date, and
 * closed days, with the business seconds between two local times.  Pure
 * data and arithmetic: the store loads and saves it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sp-time.h"

G_BEGIN_DECLS

/* An open interval of a day, in seconds after midnight: opens < closes ≤ 86400 */
typedef struct
{
  gint32 opens;
  gint32 closes;
} SpHoursInterval;

typedef struct
{
  SpDate  valid_from;
  GArray *days[7];     /* SpHoursInterval, by ISO weekday − 1 (Monday first), by opens */
} SpSchedule;

typedef struct
{
  SpDate  date;
  char   *name;
} SpClosedDay;

typedef struct _SpHours SpHours;

/* Returns: (transfer full) */
SpHours          *sp_hours_new                 (void);
/* Returns: (transfer full) */
SpHours          *sp_hours_copy                (SpHours          *self);
/* Returns: (transfer full) */
SpHours          *sp_hours_ref                 (SpHours          *self);
void              sp_hours_unref               (SpHours          *self);

/* TRUE when at least one schedule is recorded: business time applies */
gboolean          sp_hours_equal               (SpHours          *a,
                                                SpHours          *b);
gboolean          sp_hours_has_schedule        (SpHours          *self);

guint             sp_hours_get_n_schedules     (SpHours          *self);
/* The schedules by valid_from, earliest first */
/* Returns: (transfer none) */
SpSchedule       *sp_hours_get_schedule        (SpHours          *self,
                                                guint             index);
/* Returns: (transfer none) */
SpSchedule       *sp_hours_lookup_schedule     (SpHours          *self,
                                                SpDate            valid_from);
/* The schedule starting on @valid_from, emptied if there is one already */
/* Returns: (transfer none): owned by @self */
SpSchedule       *sp_hours_replace_schedule    (SpHours          *self,
                                                SpDate            valid_from);
gboolean          sp_hours_remove_schedule     (SpHours          *self,
                                                SpDate            valid_from);
/* Adds an interval to @schedule's @weekday (1 Monday … 7 Sunday) */
gboolean          sp_hours_add_interval        (SpHours          *self,
                                                SpSchedule       *schedule,
                                                int               weekday,
                                                gint32            opens,
                                                gint32            closes,
                                                char            **reason);
void              sp_hours_clear_day           (SpHours          *self,
                                                SpSchedule       *schedule,
                                                int               weekday);

guint             sp_hours_get_n_closed_days   (SpHours          *self);
/* The closed days by date */
/* Returns: (transfer none) */
const SpClosedDay *sp_hours_get_closed_day     (SpHours          *self,
                                                guint             index);
/* Adds @date, or gives it @name if it is there already */
void              sp_hours_set_closed_day      (SpHours          *self,
                                                SpDate            date,
                                                const char       *name);
gboolean          sp_hours_remove_closed_day   (SpHours          *self,
                                                SpDate            date);
gboolean          sp_hours_is_closed_day       (SpHours          *self,
                                                SpDate            date);

/*
 * The business seconds between the local times @a and @b (0 when b ≤ a):
 * without a schedule, b − a.  Safe to call from several threads on an
 * SpHours no one changes any more.
 */
SpTime            sp_hours_open_seconds        (SpHours          *self,
                                                SpTime            a,
                                                SpTime            b);
/* The latest time t with more than @seconds of business time from t to @now */
SpTime            sp_hours_latest_before       (SpHours          *self,
                                                SpTime            now,
                                                SpTime            seconds);

/* "09:00" → 32400; "24:00" only when @closing */
gboolean          sp_hours_parse_time          (const char       *text,
                                                gboolean          closing,
                                                gint32           *seconds,
                                                char            **reason);
/* "mon" … "sun", "monday" … "sunday", any case → 1 … 7 */
gboolean          sp_hours_parse_weekday       (const char       *text,
                                                int              *weekday);
/* Returns: (transfer full) */
char             *sp_hours_format_time         (gint32            seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpHours, sp_hours_unref)

G_END_DECLS
