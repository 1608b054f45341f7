/* sp-dashboard-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_DASHBOARD_PAGE (sp_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (SpDashboardPage, sp_dashboard_page, SP, DASHBOARD_PAGE, AdwBin)

SpStore *sp_dashboard_page_get_store (SpDashboardPage *self);
void     sp_dashboard_page_set_store (SpDashboardPage *self,
                                      SpStore         *store);

G_END_DECLS
