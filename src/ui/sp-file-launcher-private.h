/* sp-file-launcher-private.h: for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-file-launcher.h"

G_BEGIN_DECLS

/* What would be launched: "open" or "show", and the file */
typedef void (*SpFileLauncherHook) (const char *what,
                                    GFile      *file,
                                    gpointer    user_data);

/* Calls @hook instead of opening anything; NULL goes back to opening */
void sp_file_launcher_set_hook (SpFileLauncherHook hook,
                                gpointer           user_data);

G_END_DECLS
