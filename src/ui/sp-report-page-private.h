/* sp-report-page-private.h: for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-report-page.h"

G_BEGIN_DECLS

/* Whether a preview, a PDF or a print job is being made */
gboolean          sp_report_page_is_busy       (SpReportPage      *self);
/* Returns: (transfer none) (nullable): the report shown, laid out in pages; NULL while it loads */
SpReportLayout   *sp_report_page_get_preview   (SpReportPage      *self);

/* Saving or printing without dialogs: a PDF file, or the print path exporting one */
void              sp_report_page_export_pdf    (SpReportPage      *self,
                                                GFile             *file);
void              sp_report_page_export_printed (SpReportPage     *self,
                                                 const char       *path);

G_END_DECLS
