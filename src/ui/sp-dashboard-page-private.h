/* sp-dashboard-page-private.h: for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-dashboard-page.h"

G_BEGIN_DECLS

/* How long the last load took to show the figures, and everything */
void          sp_dashboard_page_get_timings     (SpDashboardPage  *self,
                                                 double           *figures_ms,
                                                 double           *all_ms);
/* Returns: (transfer container) (element-type SpKpiCard): the cards shown, in order */
GPtrArray    *sp_dashboard_page_list_cards      (SpDashboardPage  *self);

G_END_DECLS
