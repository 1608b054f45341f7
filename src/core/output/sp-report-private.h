/* sp-report-private.h
 *
 * The report as a list of blocks (sp-report.c builds them from the
 * figures), which sp-report-layout.c measures, lays out on pages and
 * draws.  Once loaded, the blocks are only read: what a layout measures
 * stays in the layout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "sp-chart.h"
#include "sp-report.h"
#include "sp-report-layout-private.h"

G_BEGIN_DECLS

/* The marks drawn before a line of text */
typedef enum
{
  SP_REPORT_ICON_NONE,
  SP_REPORT_ICON_EXCELLENT,
  SP_REPORT_ICON_GOOD,
  SP_REPORT_ICON_WATCH,
  SP_REPORT_ICON_ACT,
  SP_REPORT_ICON_CAUTION,
  SP_REPORT_ICON_BELOW,      /* an agent well below the team */
} SpReportIcon;

typedef enum
{
  SP_REPORT_TEXT_BODY,
  SP_REPORT_TEXT_SMALL,      /* notes under a table or chart, in grey */
  SP_REPORT_TEXT_EMPTY,      /* "No … in this period", in grey italics */
} SpReportTextStyle;

/*
 * An icon inside text is a private-use character, U+E000 + SpReportIcon,
 * that the layout replaces with the drawing of sp_report_draw_icon()
 */
#define SP_REPORT_ICON_FIRST_CHAR 0xE000

typedef struct
{
  char          *text;       /* plain text, icons as their characters */
  gboolean       secondary;  /* grey */
} SpReportCell;

typedef struct
{
  guint             n_columns;
  double            shrink[8];        /* how much a column gives way when space is short; 0: never */
  PangoAlignment    align[8];
  char             *titles[8];
} SpReportTable;

typedef enum
{
  SP_REPORT_BLOCK_HEADING,
  SP_REPORT_BLOCK_TEXT,
  SP_REPORT_BLOCK_TABLE_HEADER,
  SP_REPORT_BLOCK_TABLE_ROW,
  SP_REPORT_BLOCK_CHARTS,
} SpReportBlockKind;

typedef struct
{
  SpReportBlockKind  kind;
  SpReportSections   section;
  double             space_before;
  gboolean           keep_with_next;

  /* HEADING, TEXT */
  char              *markup;
  SpReportTextStyle  style;
  SpReportIcon       icon;
  gboolean           empty;          /* says that a section has no data */

  /* TABLE_HEADER, TABLE_ROW */
  SpReportTable     *table;          /* owned by the header block */
  int                row;
  SpReportCell       cells[8];
  gboolean           bold;
  gboolean           rule_above;     /* a total row */
  gboolean           indent;         /* a row that details the one above */

  /* CHARTS: one or two side by side, each with a title above it */
  SpChart           *charts[2];
  char              *chart_titles[2];
  guint              n_charts;
  double             chart_height;
} SpReportBlock;

struct _SpReport
{
  GObject           parent_instance;

  SpPeriod          period;
  SpPeriod          previous;
  SpReportSections  sections;
  SpDate            printed_on;

  /* loaded */
  gboolean          loaded;
  char             *shop_name;
  cairo_surface_t  *logo;
  char             *period_title;     /* "October 2026" */
  char             *period_detail;    /* "1 – 31 October 2026, compared with September 2026" */
  GPtrArray        *blocks;           /* SpReportBlock */
};

/* sp-report-layout.c */
void  sp_report_block_free        (gpointer        data);
char *sp_report_icon_text         (SpReportIcon    icon);
void  sp_report_draw_icon         (cairo_t        *cr,
                                   SpReportIcon    icon,
                                   double          x,
                                   double          y,
                                   double          size);

G_END_DECLS
