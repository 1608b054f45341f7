/* sp-report.h
 *
 * The printed report of a month (or a quarter, or any range): laid out in
 * pages and drawn onto any cairo_t, so that the print dialog, its preview,
 * the Reports page and the PDF of the command line are one drawing.
 *
 *   report = sp_report_new (&period, SP_REPORT_ALL_SECTIONS);
 *   sp_report_load (report, store, NULL, &error);        any thread
 *   n = sp_report_paginate (report, width, height);      sizes in points
 *   sp_report_draw_page (report, cr, 0);                 cr in points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sp-kpi.h"
#include "sp-paper.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* What a report holds, in the order it prints them */
typedef enum
{
  SP_REPORT_SUMMARY        = 1 << 0,   /* every KPI: value, previous, change, band, status, n */
  SP_REPORT_FINDINGS       = 1 << 1,   /* what to look at */
  SP_REPORT_CORE_CHARTS    = 1 << 2,   /* the Core Four over twelve months, with their bands */
  SP_REPORT_FIRST_RESPONSE = 1 << 3,   /* by channel against its target */
  SP_REPORT_VOLUME         = 1 << 4,   /* contacts by topic and by channel */
  SP_REPORT_AGENTS         = 1 << 5,   /* a scorecard per agent */
  SP_REPORT_GOALS          = 1 << 6,   /* progress and status of each goal */
  SP_REPORT_NOTES          = 1 << 7,   /* the owner's notes from the review */
  SP_REPORT_ALL_SECTIONS   = 0xff,
} SpReportSections;

#define SP_REPORT_N_SECTIONS 8

const char       *sp_report_section_to_string   (SpReportSections  section);
gboolean          sp_report_section_from_string (const char       *str,
                                                 SpReportSections *section);
const char       *sp_report_section_get_title   (SpReportSections  section);
/* "summary,charts,agents" (spaces allowed): the sections named, or 0 and @error */
SpReportSections  sp_report_sections_parse      (const char       *list,
                                                 GError          **error);



/* What the layout put on a page, in points from the page's top left corner (tests) */
typedef enum
{
  SP_REPORT_BOX_HEADER,          /* the first page's header */
  SP_REPORT_BOX_HEADING,         /* a section's title */
  SP_REPORT_BOX_TEXT,            /* a paragraph, or its lines on this page */
  SP_REPORT_BOX_EMPTY,           /* "no data" in place of a section's content */
  SP_REPORT_BOX_TABLE_HEADER,    /* a table's column titles, repeated on each page */
  SP_REPORT_BOX_TABLE_ROW,
  SP_REPORT_BOX_CHARTS,          /* one or two charts side by side */
} SpReportBoxKind;

typedef struct
{
  SpReportBoxKind    kind;
  SpReportSections   section;
  guint              page;       /* from 0 */
  int                row;        /* a table row's index; -1 otherwise */
  cairo_rectangle_t  area;
} SpReportBox;

#define SP_TYPE_REPORT (sp_report_get_type ())

G_DECLARE_FINAL_TYPE (SpReport, sp_report, SP, REPORT, GObject)

SpReport         *sp_report_new                 (const SpPeriod   *period,
                                                 SpReportSections  sections);
const SpPeriod   *sp_report_get_period          (SpReport         *self);
SpReportSections  sp_report_get_sections        (SpReport         *self);
/* The day the report says it was printed; today unless set */
void              sp_report_set_printed_on      (SpReport         *self,
                                                 SpDate            day);

/*
 * Reads everything the report shows from @store.  It may run on any
 * thread with a connection of that thread (sp_store_open_reader()).
 */
gboolean          sp_report_load                (SpReport         *self,
                                                 SpStore          *store,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
/*
 * The same on a thread, with a connection of its own; the report is held
 * until @callback has run, and let go of on the caller's thread.
 */
void              sp_report_load_async          (SpReport         *self,
                                                 SpStore          *store,
                                                 GCancellable     *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          user_data);
gboolean          sp_report_load_finish         (SpReport         *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);
gboolean          sp_report_is_loaded           (SpReport         *self);

/* Returns: (transfer full): "Shop — October 2026", for a PDF's title and a print job's name */
char             *sp_report_dup_title           (SpReport         *self);

/*
 * Lays the loaded report out on pages of @width × @height points, so that
 * no text line, table row or chart is cut; returns the number of pages.
 * The layout's fonts come from the font map of the thread that calls it:
 * draw the report, and let go of it, on that same thread.
 */
guint             sp_report_paginate            (SpReport         *self,
                                                 double            width,
                                                 double            height);
guint             sp_report_get_n_pages         (SpReport         *self);
void              sp_report_get_page_size       (SpReport         *self,
                                                 double           *width,
                                                 double           *height);
/* Draws page @page (from 0) with its top left corner at @cr's origin, in points */
void              sp_report_draw_page           (SpReport         *self,
                                                 cairo_t          *cr,
                                                 guint             page);

/* The whole report as a PDF file, written to a temporary file and renamed */
gboolean          sp_report_write_pdf           (SpReport         *self,
                                                 const char       *path,
                                                 GError          **error);

const SpReportBox *sp_report_get_boxes          (SpReport         *self,
                                                 guint            *n_boxes);
/* Where content may go on @page: between the header (or running header) and the footer */
void              sp_report_get_content_area    (SpReport         *self,
                                                 guint             page,
                                                 cairo_rectangle_t *area);

G_END_DECLS
