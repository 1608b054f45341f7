/* sp-names-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_NAMES_WINDOW (sp_names_window_get_type ())

G_DECLARE_FINAL_TYPE (SpNamesWindow, sp_names_window, SP, NAMES_WINDOW, AdwPreferencesWindow)

SpNamesWindow *sp_names_window_new         (SpStore       *store);
AdwEntryRow   *sp_names_window_get_name_row (SpNamesWindow *self,
                                             SpEntityKind   kind,
                                             const char    *name);
GtkSwitch     *sp_names_window_get_active_switch (SpNamesWindow *self,
                                             SpEntityKind   kind,
                                             const char    *name);

G_END_DECLS
