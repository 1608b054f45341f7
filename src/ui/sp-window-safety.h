/* sp-window-safety.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-window.h"

G_BEGIN_DECLS

void      sp_window_safety_install_actions   (GtkWidgetClass  *widget_class);
void      sp_window_safety_check_and_back_up (SpWindow        *window);
gboolean  sp_window_safety_back_up_to        (SpWindow        *window,
                                              const char      *folder,
                                              GError         **error);
void      sp_window_safety_restore_server    (SpWindow        *window,
                                              const char      *backup_path);
gboolean  sp_window_safety_restore           (SpWindow        *window,
                                       const char      *backup_path,
                                       GError         **error);

G_END_DECLS
