/* sp-file-launcher.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      sp_file_launcher_open            (GtkWidget  *parent,
                                            GFile      *file);
void      sp_file_launcher_show_in_folder  (GtkWidget  *parent,
                                            GFile      *file);
AdwToast *sp_file_launcher_new_toast       (const char *title,
                                            GFile      *file);

G_END_DECLS
