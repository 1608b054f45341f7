/* sp-export-table.h
 *
 * The raw records an export writes: one sheet of the workbook, or one CSV
 * file, each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SP_EXPORT_CONTACTS,
  SP_EXPORT_ESCALATIONS,
  SP_EXPORT_SURVEYS,
  SP_EXPORT_SHIFTS,
  SP_EXPORT_MONTHS,
  SP_N_EXPORT_TABLES
} SpExportTable;

/* "contacts", "escalations", "surveys", "shifts", "months": the CSV file names */
/* Returns: (transfer none) */
const char *sp_export_table_to_key     (SpExportTable  table);
gboolean    sp_export_table_from_key   (const char    *key,
                                        SpExportTable *table);
/* "Contacts", "Escalations", "Survey answers", "Shifts", "Month figures" */
/* Returns: (transfer none) */
const char *sp_export_table_get_title  (SpExportTable  table);

G_END_DECLS
