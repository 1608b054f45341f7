/* sp-report-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-report-layout.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_REPORT_ON_MONTH,
  SP_REPORT_ON_QUARTER,
  SP_REPORT_ON_DAYS,
} SpReportOn;

#define SP_TYPE_REPORT_PAGE (sp_report_page_get_type ())

G_DECLARE_FINAL_TYPE (SpReportPage, sp_report_page, SP, REPORT_PAGE, AdwBin)

SpStore          *sp_report_page_get_store     (SpReportPage      *self);
void              sp_report_page_set_store     (SpReportPage      *self,
                                                SpStore           *store);

/* What the report covers: a month or quarter holding @period's first day, or its days */
void              sp_report_page_set_period    (SpReportPage      *self,
                                                SpReportOn         on,
                                                const SpPeriod    *period);
SpReportOn        sp_report_page_get_period    (SpReportPage      *self,
                                                SpPeriod          *period);
void              sp_report_page_set_sections  (SpReportPage      *self,
                                                SpReportSections   sections);
SpReportSections  sp_report_page_get_sections  (SpReportPage      *self);

/* The print dialog, with its preview */
void              sp_report_page_print         (SpReportPage      *self);
/* The file chooser, then the PDF */
void              sp_report_page_save_pdf      (SpReportPage      *self);
GFile            *sp_report_page_dup_suggested_file (SpReportPage *self);

G_END_DECLS
