/* sp-period.h
 *
 * Periods of whole local days: the choices people pick them by, whether
 * one is a whole month, quarter or year, the period it is compared with,
 * the buckets of a trend, and the one way each is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sp-time.h"

G_BEGIN_DECLS

/* from .. to, whole local days, both inclusive (KPI-SPEC §2) */
typedef struct
{
  SpDate from;
  SpDate to;
} SpPeriod;

typedef enum
{
  SP_PERIOD_PRESET_TODAY,
  SP_PERIOD_PRESET_YESTERDAY,
  SP_PERIOD_PRESET_THIS_WEEK,
  SP_PERIOD_PRESET_LAST_WEEK,
  SP_PERIOD_PRESET_LAST_7_DAYS,
  SP_PERIOD_PRESET_LAST_30_DAYS,
  SP_PERIOD_PRESET_LAST_90_DAYS,
  SP_PERIOD_PRESET_THIS_MONTH,
  SP_PERIOD_PRESET_LAST_MONTH,
  SP_PERIOD_PRESET_THIS_QUARTER,
  SP_PERIOD_PRESET_LAST_QUARTER,
  SP_PERIOD_PRESET_THIS_YEAR,
  SP_PERIOD_PRESET_LAST_YEAR,
} SpPeriodPreset;

typedef enum
{
  SP_GRANULARITY_DAY,
  SP_GRANULARITY_WEEK,       /* ISO weeks, Monday first */
  SP_GRANULARITY_MONTH,
} SpGranularity;

SpPeriod     sp_period_make              (SpDate          from,
                                          SpDate          to);
int          sp_period_get_days          (const SpPeriod *period);
gboolean     sp_period_contains          (const SpPeriod *period,
                                          SpDate          date);

SpPeriod     sp_period_preset            (SpPeriodPreset  preset,
                                          SpDate          today);
/* Returns: (transfer none) */
const char  *sp_period_preset_get_label  (SpPeriodPreset  preset);

gboolean     sp_period_is_whole_month    (const SpPeriod *period);
gboolean     sp_period_is_whole_quarter  (const SpPeriod *period);
gboolean     sp_period_is_whole_year     (const SpPeriod *period);
gboolean     sp_period_is_whole_week     (const SpPeriod *period);
gboolean     sp_period_is_month_to_date  (const SpPeriod *period);
gboolean     sp_period_is_so_far         (const SpPeriod *period,
                                          SpDate          today);

SpPeriod     sp_period_previous          (const SpPeriod *period);
SpPeriod     sp_period_previous_on       (const SpPeriod *period,
                                          SpDate          today);
SpPeriod     sp_period_preset_previous   (SpPeriodPreset  preset,
                                          SpDate          today);

gboolean     sp_period_last_whole_month  (const SpPeriod *period,
                                          SpDate          today,
                                          SpPeriod       *month);

/* Returns: (transfer full) */
GArray      *sp_period_split             (const SpPeriod *range,
                                          SpGranularity   granularity);
gboolean     sp_period_bucket_is_partial (const SpPeriod *bucket,
                                          SpGranularity   granularity,
                                          SpDate          today);

/* Returns: (transfer full) */
char        *sp_date_format_long         (SpDate          date);
/* Returns: (transfer full) */
char        *sp_date_format_short        (SpDate          date);
/* Returns: (transfer full) */
char        *sp_date_format_month        (SpDate          date);

/* Returns: (transfer full) */
char        *sp_period_format            (const SpPeriod *period);
/* Returns: (transfer full) */
char        *sp_period_format_short      (const SpPeriod *period);
/* Returns: (transfer full) */
char        *sp_period_format_days       (const SpPeriod *period);
/* Returns: (transfer full) */
char        *sp_period_format_sentence   (const SpPeriod *period);
/* Returns: (transfer full) */
char        *sp_period_format_so_far     (const SpPeriod *period);
/* Returns: (transfer full) */
char        *sp_period_format_short_so_far (const SpPeriod *period);
/* Returns: (transfer full) */
char        *sp_period_format_so_far_on  (const SpPeriod *period,
                                          SpDate          today);

G_END_DECLS
