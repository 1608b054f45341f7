/* sp-report-layout.h
 *
 * A loaded report laid out on pages of one size and drawn onto any
 * cairo_t, so that the print dialog, its preview, the Reports page and the
 * PDF of the command line are one drawing of the same figures:
 *
 *   report = sp_report_new (&period, SP_REPORT_ALL_SECTIONS);
 *   sp_report_load (report, store, NULL, &error);             any thread, once
 *   layout = sp_report_layout_new (report, width, height);    sizes in points
 *   sp_report_layout_draw_page (layout, cr, 0);               cr in points
 *
 * Threads: a loaded report is only read from then on, so any number of
 * layouts may share it, on any threads.  A layout measures its text with
 * the font map of the thread that makes it: it must be used, and let go
 * of, on that thread alone; its functions refuse to run on another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sp-report.h"

G_BEGIN_DECLS

#define SP_TYPE_REPORT_LAYOUT (sp_report_layout_get_type ())

G_DECLARE_FINAL_TYPE (SpReportLayout, sp_report_layout, SP, REPORT_LAYOUT, GObject)

/*
 * Lays @report (loaded) out on pages of @width × @height points, so that
 * no text line, table row or chart is cut.
 *
 * Returns: (transfer full): the layout, bound to the calling thread
 */
SpReportLayout    *sp_report_layout_new              (SpReport           *report,
                                                      double              width,
                                                      double              height);
/* Returns: (transfer none): the report laid out */
SpReport          *sp_report_layout_get_report       (SpReportLayout     *self);
guint              sp_report_layout_get_n_pages      (SpReportLayout     *self);
void               sp_report_layout_get_page_size    (SpReportLayout     *self,
                                                      double             *width,
                                                      double             *height);
/* Draws page @page (from 0) with its top left corner at @cr's origin, in points */
void               sp_report_layout_draw_page        (SpReportLayout     *self,
                                                      cairo_t            *cr,
                                                      guint               page);
/* The whole report as a PDF file, written to a temporary file and renamed */
gboolean           sp_report_layout_write_pdf        (SpReportLayout     *self,
                                                      const char         *path,
                                                      GError            **error);
/*
 * Lays @report (loaded) out on a worker and writes it there as a PDF: the
 * layout is made, used and let go of on that thread.  The store is not
 * read again: the PDF says what the report loaded.
 */
void               sp_report_layout_save_pdf_async   (SpReport           *report,
                                                      double              width,
                                                      double              height,
                                                      const char         *path,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean           sp_report_layout_save_pdf_finish  (GAsyncResult       *result,
                                                      GError            **error);
G_END_DECLS
