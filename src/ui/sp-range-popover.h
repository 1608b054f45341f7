/* sp-range-popover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-kpi.h"

G_BEGIN_DECLS

#define SP_TYPE_RANGE_POPOVER (sp_range_popover_get_type ())

G_DECLARE_FINAL_TYPE (SpRangePopover, sp_range_popover, SP, RANGE_POPOVER, GtkPopover)

GtkWidget *sp_range_popover_new        (void);
/* The days the calendars show each time the popover opens */
void       sp_range_popover_set_period (SpRangePopover *self,
                                        const SpPeriod *period);
void       sp_range_popover_get_period (SpRangePopover *self,
                                        SpPeriod       *period);

G_END_DECLS
