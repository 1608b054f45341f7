/* sp-export-name.h
 *
 * Where a workbook or a report is offered to be saved, and under which
 * name: "SHOP PERIOD.xlsx" in the Documents folder, for Export and Save
 * PDF alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sp-period.h"

G_BEGIN_DECLS

char *sp_export_name_suggest            (const char     *shop_name,
                                         const SpPeriod *period,
                                         const char     *extension);
char *sp_export_name_make_safe          (const char     *text);
char *sp_export_name_dup_default_folder (void);

G_END_DECLS
