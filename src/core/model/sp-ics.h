/* sp-ics.h
 *
 * Closed days from an iCalendar file, as calendar programs and public
 * holiday sites publish them, read with libical.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-hours.h"

G_BEGIN_DECLS

/*
 * Adds each day of every all-day event of @data that falls in the years
 * @from_year … @to_year to @hours as a closed day named after the event's
 * summary: an event over several days gives each of them, a recurring one
 * (a yearly rule) each occurrence in those years.  Events with a time of
 * day are counted in @n_skipped.  On error (@label: the file's name)
 * @hours is unchanged.
 */
gboolean  sp_ics_read_closed_days (const char  *data,
                                   gsize        length,
                                   const char  *label,
                                   int          from_year,
                                   int          to_year,
                                   SpHours     *hours,
                                   guint       *n_days,
                                   guint       *n_skipped,
                                   GError     **error);

G_END_DECLS
