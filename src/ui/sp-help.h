/* sp-help.h: opening the user help at one of its pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-kpi.h"

G_BEGIN_DECLS

/* Page ids of help/C/ that the window opens; a KPI's is sp_help_dup_kpi_page() */
#define SP_HELP_PAGE_INDEX NULL
#define SP_HELP_PAGE_GOALS "goals"

char *sp_help_dup_uri      (const char *page);
char *sp_help_dup_kpi_page (SpKpi       kpi);
void  sp_help_show         (GtkWidget  *widget,
                            const char *page);

G_END_DECLS
