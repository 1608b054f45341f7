/* sp-date-input.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sp-time.h"

G_BEGIN_DECLS

/* How the user's locale orders the day, the month and the year */
typedef enum
{
  SP_DATE_ORDER_YMD,
  SP_DATE_ORDER_DMY,
  SP_DATE_ORDER_MDY,
} SpDateOrder;

SpDateOrder  sp_date_input_get_order     (void);

/* What people type: the locale's format, ISO 8601, words and shortcuts */
gboolean     sp_date_input_parse_time    (const char  *text,
                                          SpTime       now,
                                          SpDate       day,
                                          SpTime      *out,
                                          char       **reason);
gboolean     sp_date_input_parse_date    (const char  *text,
                                          SpDate       today,
                                          SpDate      *out,
                                          char       **reason);

/* The way the user types a date, which the parsers read back */
char        *sp_date_input_format_time   (SpTime       time);
char        *sp_date_input_format_date   (SpDate       date);
char        *sp_date_input_format_time_of_day (int      seconds);
char        *sp_date_input_example_time  (void);
char        *sp_date_input_example_date  (void);

/* Other programs' files: a strptime()-like format such as "%d.%m.%Y %H:%M" */
gboolean     sp_date_format_is_valid     (const char  *format,
                                          char       **reason);
gboolean     sp_date_format_parse_time   (const char  *format,
                                          const char  *text,
                                          SpTime      *out,
                                          char       **reason);
gboolean     sp_date_format_parse_date   (const char  *format,
                                          const char  *text,
                                          SpDate      *out,
                                          char       **reason);
const char **sp_date_format_get_common   (void);
const char  *sp_date_format_guess        (const char * const *samples,
                                          guint               n_samples);
char        *sp_date_format_describe     (const char  *format);

G_END_DECLS
