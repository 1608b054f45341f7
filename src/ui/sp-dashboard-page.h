/* sp-dashboard-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-kpi-card.h"
#include "sp-kpi-page.h"
#include "sp-overview.h"
#include "sp-review-page.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* As the settings' Period enumeration (last-period) */
typedef enum
{
  SP_PERIOD_THIS_WEEK,
  SP_PERIOD_LAST_WEEK,
  SP_PERIOD_THIS_MONTH,
  SP_PERIOD_LAST_MONTH,
  SP_PERIOD_THIS_QUARTER,
  SP_PERIOD_THIS_YEAR,
  SP_PERIOD_CUSTOM,
} SpPeriodChoice;

#define SP_TYPE_DASHBOARD_PAGE (sp_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (SpDashboardPage, sp_dashboard_page, SP, DASHBOARD_PAGE, AdwBin)

void          sp_dashboard_period_for_choice    (SpPeriodChoice    choice,
                                                 SpDate            today,
                                                 const SpPeriod   *custom,
                                                 SpPeriod         *period,
                                                 SpPeriod         *previous);

SpStore      *sp_dashboard_page_get_store       (SpDashboardPage  *self);
void          sp_dashboard_page_set_store       (SpDashboardPage  *self,
                                                 SpStore          *store);
void          sp_dashboard_page_set_period      (SpDashboardPage  *self,
                                                 SpPeriodChoice    choice,
                                                 const SpPeriod   *custom);
void          sp_dashboard_page_get_period      (SpDashboardPage  *self,
                                                 SpPeriodChoice   *choice,
                                                 SpPeriod         *period,
                                                 SpPeriod         *previous);
SpOverview   *sp_dashboard_page_get_overview    (SpDashboardPage  *self);
gboolean      sp_dashboard_page_is_loading      (SpDashboardPage  *self);
void          sp_dashboard_page_clear_cache     (SpDashboardPage  *self);
SpKpiCard    *sp_dashboard_page_get_card        (SpDashboardPage  *self,
                                                 SpKpi             kpi);
gboolean      sp_dashboard_page_is_card_hidden  (SpDashboardPage  *self,
                                                 SpKpi             kpi);
void          sp_dashboard_page_set_card_hidden (SpDashboardPage  *self,
                                                 SpKpi             kpi,
                                                 gboolean          hide);
void          sp_dashboard_page_move_card       (SpDashboardPage  *self,
                                                 SpKpi             kpi,
                                                 int               delta);

void          sp_dashboard_page_open_kpi        (SpDashboardPage  *self,
                                                 SpKpi             kpi);
void          sp_dashboard_page_open_review     (SpDashboardPage  *self,
                                                 SpReviewCadence   cadence);
void          sp_dashboard_page_go_back         (SpDashboardPage  *self);
const char   *sp_dashboard_page_get_visible_page (SpDashboardPage *self);
SpKpiPage    *sp_dashboard_page_get_kpi_page    (SpDashboardPage  *self);
SpReviewPage *sp_dashboard_page_get_review_page (SpDashboardPage  *self);

G_END_DECLS
