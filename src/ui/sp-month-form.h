/* sp-month-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-form.h"

G_BEGIN_DECLS

#define SP_TYPE_MONTH_FORM (sp_month_form_get_type ())

G_DECLARE_FINAL_TYPE (SpMonthForm, sp_month_form, SP, MONTH_FORM, SpForm)

SpMonthForm *sp_month_form_new         (SpStore     *store);
void         sp_month_form_show_month  (SpMonthForm *self,
                                        int          year,
                                        int          month);

G_END_DECLS
