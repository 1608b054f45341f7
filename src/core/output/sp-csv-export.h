/* sp-csv-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <gio/gio.h>

#include "sp-export-table.h"
#include "sp-kpi.h"
#include "sp-store.h"

G_BEGIN_DECLS

gboolean  sp_csv_export_table      (SpStore          *store,
                                    const SpPeriod   *period,
                                    SpExportTable     table,
                                    const char       *path,
                                    GCancellable     *cancellable,
                                    GError          **error);
gboolean  sp_csv_export_to_stream  (SpStore          *store,
                                    const SpPeriod   *period,
                                    SpExportTable     table,
                                    FILE             *stream,
                                    GCancellable     *cancellable,
                                    GError          **error);
gboolean  sp_csv_export_all        (SpStore          *store,
                                    const SpPeriod   *period,
                                    const char       *folder,
                                    GCancellable     *cancellable,
                                    GError          **error);

/* "=1+1" → "'=1+1": what a cell of typed text becomes, so that no program reads it as a formula */
/* Returns: (transfer full) */
char     *sp_csv_neutralize        (const char       *text);

G_END_DECLS
