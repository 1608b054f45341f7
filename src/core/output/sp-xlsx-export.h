/* sp-xlsx-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sp-kpi.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_XLSX_EXPORT_DEFAULT         = 0,
  SP_XLSX_EXPORT_CONSTANT_MEMORY = 1 << 0,   /* even when the period is small */
  SP_XLSX_EXPORT_IN_MEMORY       = 1 << 1,   /* even when the period is large */
} SpXlsxExportFlags;

/* From this many rows (contacts, escalations, answers, shifts, months) on, the
 * workbook is written row by row in constant memory */
#define SP_XLSX_CONSTANT_MEMORY_ROWS 20000

/*
 * @fraction: the share of the rows written, 0–1; at 1 the file is being
 * packed (compressed), which takes a while for large exports
 */
typedef void (*SpExportProgressFunc) (double   fraction,
                                      gpointer user_data);

gboolean  sp_xlsx_export        (SpStore               *store,
                                 const SpPeriod        *period,
                                 const char            *path,
                                 SpXlsxExportFlags      flags,
                                 SpExportProgressFunc   progress,
                                 gpointer               progress_data,
                                 GCancellable          *cancellable,
                                 GError               **error);

void      sp_xlsx_export_async  (SpStore               *store,
                                 const SpPeriod        *period,
                                 const char            *path,
                                 SpXlsxExportFlags      flags,
                                 SpExportProgressFunc   progress,
                                 gpointer               progress_data,
                                 GDestroyNotify         progress_destroy,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data);
gboolean  sp_xlsx_export_finish (GAsyncResult          *result,
                                 GError               **error);

G_END_DECLS
