/* sp-report-preview.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-report-layout.h"

G_BEGIN_DECLS

#define SP_TYPE_REPORT_PREVIEW (sp_report_preview_get_type ())

G_DECLARE_FINAL_TYPE (SpReportPreview, sp_report_preview, SP, REPORT_PREVIEW, GtkWidget)

GtkWidget      *sp_report_preview_new        (void);
/* A report laid out in pages on this thread, or NULL */
void            sp_report_preview_set_layout (SpReportPreview *self,
                                              SpReportLayout  *layout);
/* Returns: (transfer none) (nullable): the layout shown */
SpReportLayout *sp_report_preview_get_layout (SpReportPreview *self);
void            sp_report_preview_set_page   (SpReportPreview *self,
                                              guint            page);
guint           sp_report_preview_get_page   (SpReportPreview *self);

G_END_DECLS
