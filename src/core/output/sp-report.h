/* sp-report.h
 *
 * The printed report of a month (or a quarter, or any range): what it
 * says, read from the store once.  SpReportLayout lays it out on pages and
 * draws them; printing and saving it again use the figures loaded here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

/* Returns: (transfer none) */
const char       *sp_report_section_to_string   (SpReportSections  section);
gboolean          sp_report_section_from_string (const char       *str,
                                                 SpReportSections *section);
/* Returns: (transfer none) */
const char       *sp_report_section_get_title   (SpReportSections  section);
/* "summary,charts,agents" (spaces allowed): the sections named, or 0 and @error */
SpReportSections  sp_report_sections_parse      (const char       *list,
                                                 GError          **error);

#define SP_TYPE_REPORT (sp_report_get_type ())

G_DECLARE_FINAL_TYPE (SpReport, sp_report, SP, REPORT, GObject)

/* Returns: (transfer full) */
SpReport         *sp_report_new                 (const SpPeriod   *period,
                                                 SpReportSections  sections);
/* Returns: (transfer none) */
const SpPeriod   *sp_report_get_period          (SpReport         *self);
SpReportSections  sp_report_get_sections        (SpReport         *self);

/*
 * Reads everything the report shows from @store, once: a loaded report is
 * not loaded again, and is only read from then on, on any thread.  It may
 * run on any thread with a connection of that thread (sp_store_open_reader()).
 */
gboolean          sp_report_load                (SpReport         *self,
                                                 SpStore          *store,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
/*
 * The same on a worker (sp-worker.h), with a connection of its own; the
 * report is held until @callback has run.
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

G_END_DECLS
