/* sp-widget.h: what any widget may ask of the window it is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

gboolean  sp_widget_add_toast   (GtkWidget    *widget,
                                 AdwToast     *toast);
gboolean  sp_widget_show_error  (GtkWidget    *widget,
                                 const char   *heading,
                                 const GError *error);

G_END_DECLS
