/* sp-chart-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-chart.h"

G_BEGIN_DECLS

#define SP_TYPE_CHART_VIEW (sp_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (SpChartView, sp_chart_view, SP, CHART_VIEW, GtkWidget)

GtkWidget           *sp_chart_view_new         (void);
SpChart             *sp_chart_view_get_chart   (SpChartView  *self);
void                 sp_chart_view_set_chart   (SpChartView  *self,
                                                SpChart      *chart);
const SpChartLayout *sp_chart_view_get_layout  (SpChartView  *self);
void                 sp_chart_view_get_style   (SpChartView  *self,
                                                SpChartStyle *style);

G_END_DECLS
