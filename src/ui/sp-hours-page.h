/* sp-hours-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_HOURS_PAGE (sp_hours_page_get_type ())

G_DECLARE_FINAL_TYPE (SpHoursPage, sp_hours_page, SP, HOURS_PAGE, AdwPreferencesPage)

GtkWidget *sp_hours_page_new           (SpStore     *store);
/* TRUE while changes wait for "Save" */
gboolean   sp_hours_page_has_changes   (SpHoursPage *self);
/* Saves waiting changes at once, without progress (the window closes) */
gboolean   sp_hours_page_save_now      (SpHoursPage *self,
                                        GError     **error);

G_END_DECLS
