/* sp-date-time-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-time.h"

G_BEGIN_DECLS

#define SP_TYPE_DATE_TIME_ROW (sp_date_time_row_get_type ())

G_DECLARE_FINAL_TYPE (SpDateTimeRow, sp_date_time_row, SP, DATE_TIME_ROW, AdwEntryRow)

GtkWidget  *sp_date_time_row_new           (void);
SpTime      sp_date_time_row_get_time      (SpDateTimeRow *self);
void        sp_date_time_row_set_time      (SpDateTimeRow *self,
                                            SpTime         time);
SpTime      sp_date_time_row_get_base_time (SpDateTimeRow *self);
void        sp_date_time_row_set_base_time (SpDateTimeRow *self,
                                            SpTime         base_time);
const char *sp_date_time_row_get_error     (SpDateTimeRow *self);
void        sp_date_time_row_normalize     (SpDateTimeRow *self);

gboolean    sp_date_time_parse_input       (const char    *text,
                                            SpTime         base,
                                            SpTime        *time,
                                            char         **reason);

G_END_DECLS
