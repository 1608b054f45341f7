/* sp-shifts-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-form.h"

G_BEGIN_DECLS

#define SP_TYPE_SHIFTS_FORM (sp_shifts_form_get_type ())

G_DECLARE_FINAL_TYPE (SpShiftsForm, sp_shifts_form, SP, SHIFTS_FORM, SpForm)

SpShiftsForm *sp_shifts_form_new         (SpStore      *store);
void          sp_shifts_form_show_week   (SpShiftsForm *self,
                                          SpDate        day);
SpDate        sp_shifts_form_get_week    (SpShiftsForm *self);
GtkEditable  *sp_shifts_form_get_cell    (SpShiftsForm *self,
                                          const char   *agent,
                                          int           weekday);

G_END_DECLS
