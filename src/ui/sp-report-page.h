/* sp-report-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_REPORT_PAGE (sp_report_page_get_type ())

G_DECLARE_FINAL_TYPE (SpReportPage, sp_report_page, SP, REPORT_PAGE, AdwBin)

SpStore *sp_report_page_get_store (SpReportPage *self);
void     sp_report_page_set_store (SpReportPage *self,
                                   SpStore      *store);

G_END_DECLS
