/* sp-kpi-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-chart.h"
#include "sp-kpi.h"

G_BEGIN_DECLS

#define SP_TYPE_KPI_CARD (sp_kpi_card_get_type ())

G_DECLARE_FINAL_TYPE (SpKpiCard, sp_kpi_card, SP, KPI_CARD, GtkButton)

GtkWidget  *sp_kpi_card_new            (SpKpi             kpi);
SpKpi       sp_kpi_card_get_kpi        (SpKpiCard        *self);
void        sp_kpi_card_set_values     (SpKpiCard        *self,
                                        const SpKpiValue *current,
                                        const SpKpiValue *previous,
                                        const char       *previous_label,
                                        const char       *currency);
void        sp_kpi_card_set_detail     (SpKpiCard        *self,
                                        const char       *detail);
void        sp_kpi_card_set_sparkline  (SpKpiCard        *self,
                                        SpChart          *chart);
const char *sp_kpi_card_get_value_text (SpKpiCard        *self);
const char *sp_kpi_card_get_change_text (SpKpiCard       *self);
const char *sp_kpi_card_get_compare_text (SpKpiCard      *self);
const char *sp_kpi_card_get_status_text (SpKpiCard       *self);

/* Said after the details, such as "in opening hours"; NULL for none.  Before set_values */
void        sp_kpi_card_set_note         (SpKpiCard        *self,
                                          const char       *note);

G_END_DECLS
