/* sp-widget.h: what any widget may ask of the window it is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-time.h"

G_BEGIN_DECLS

gboolean  sp_widget_add_toast   (GtkWidget    *widget,
                                 AdwToast     *toast);
gboolean  sp_widget_show_error  (GtkWidget    *widget,
                                 const char   *heading,
                                 const GError *error);

/* A field where a day is typed (GtkEntry or AdwEntryRow) */
void      sp_widget_setup_date_entry (GtkWidget   *entry);
char     *sp_widget_format_day_hint  (SpDate       date);
gboolean  sp_widget_get_date_entry   (GtkWidget   *entry,
                                      SpDate      *date,
                                      char       **reason);
void      sp_widget_set_date_entry   (GtkWidget   *entry,
                                      SpDate       date);

G_END_DECLS
