/* sp-export-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-kpi.h"
#include "sp-window.h"

G_BEGIN_DECLS

#define SP_TYPE_EXPORT_DIALOG (sp_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SpExportDialog, sp_export_dialog, SP, EXPORT_DIALOG, AdwWindow)

/* The choices of the period row, in its order */
typedef enum
{
  SP_EXPORT_RANGE_THIS_MONTH,
  SP_EXPORT_RANGE_LAST_MONTH,
  SP_EXPORT_RANGE_THIS_QUARTER,
  SP_EXPORT_RANGE_LAST_QUARTER,
  SP_EXPORT_RANGE_THIS_YEAR,
  SP_EXPORT_RANGE_CUSTOM,
} SpExportRange;

SpExportDialog *sp_export_dialog_new        (SpWindow        *window);
void            sp_export_dialog_set_range  (SpExportDialog  *self,
                                             SpExportRange    range);
void            sp_export_dialog_set_custom (SpExportDialog  *self,
                                             const SpPeriod  *period);
gboolean        sp_export_dialog_get_period (SpExportDialog  *self,
                                             SpPeriod        *period);
gboolean        sp_export_dialog_is_busy    (SpExportDialog  *self);
void            sp_export_dialog_export_to  (SpExportDialog  *self,
                                             GFile           *file);
GFile          *sp_export_dialog_dup_suggested_file (SpExportDialog *self);

SpPeriod        sp_export_range_get_period  (SpExportRange    range,
                                             SpDate           today);

G_END_DECLS
