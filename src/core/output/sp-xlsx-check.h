/* sp-xlsx-check.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What libxlsxwriter wrote to the row file of a constant-memory sheet */
typedef struct
{
  guint   sheet_number;   /* xl/worksheets/sheetN.xml */
  int     fd;             /* on the row file, which may be unlinked */
  gint64  size;
} SpXlsxRowFile;

gboolean sp_xlsx_check_written (const char           *path,
                                const char           *display_path,
                                const SpXlsxRowFile  *row_files,
                                guint                 n_row_files,
                                GError              **error);

G_END_DECLS
