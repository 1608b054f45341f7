/* sp-kpi-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-overview.h"

G_BEGIN_DECLS

#define SP_TYPE_KPI_PAGE (sp_kpi_page_get_type ())

G_DECLARE_FINAL_TYPE (SpKpiPage, sp_kpi_page, SP, KPI_PAGE, AdwBin)

void   sp_kpi_page_show               (SpKpiPage       *self,
                                       SpKpi            kpi,
                                       SpOverview      *overview,
                                       SpBenchmarks    *benchmarks,
                                       const char      *compare_label);
SpKpi  sp_kpi_page_get_kpi            (SpKpiPage       *self);
void   sp_kpi_page_set_goal_target    (SpKpiPage       *self,
                                       double           target);
void   sp_kpi_page_set_split          (SpKpiPage       *self,
                                       SpSegmentKind    split);
gboolean sp_kpi_page_get_answer_filter (SpKpiPage      *self,
                                        SpSurveyFilter *filter);
void   sp_kpi_page_get_contact_filter (SpKpiPage       *self,
                                       SpContactFilter *filter);

G_END_DECLS
