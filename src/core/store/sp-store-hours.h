/* sp-store-hours.h
 *
 * The shop's opening hours in its file (KPI-SPEC §7), and the business
 * durations every contact keeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-hours.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* @fraction from 0 to 1, on the thread that saves */
typedef void (*SpHoursProgressFunc) (double   fraction,
                                     gpointer user_data);

/* A copy of the recorded schedules and closed days, for the caller to change */
/* Returns: (transfer full) */
SpHours  *sp_store_load_hours           (SpStore              *self,
                                         GError              **error);

/*
 * Replaces every schedule and closed day with those of @hours and
 * recomputes the business durations of every contact, in one transaction.
 */
gboolean  sp_store_save_hours           (SpStore              *self,
                                         SpHours              *hours,
                                         SpHoursProgressFunc   progress,
                                         gpointer              user_data,
                                         GError              **error);

G_END_DECLS
