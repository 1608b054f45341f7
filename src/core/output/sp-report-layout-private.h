/* sp-report-layout-private.h: where a layout put everything, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-report-layout.h"

G_BEGIN_DECLS

/* What the layout put on a page, in points from the page's top left corner */
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

/* Returns: (transfer none) (array length=n_boxes): what went where, in page order */
const SpReportBox *sp_report_layout_get_boxes        (SpReportLayout     *self,
                                                      guint              *n_boxes);
/* Where content may go on @page: between the header (or running header) and the footer */
void               sp_report_layout_get_content_area (SpReportLayout     *self,
                                                      guint               page,
                                                      cairo_rectangle_t  *area);

/* The day the report says it was printed; today unless set (before it loads) */
void               sp_report_set_printed_on          (SpReport           *self,
                                                      SpDate              day);

G_END_DECLS
