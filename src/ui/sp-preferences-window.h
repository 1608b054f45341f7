/* sp-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-database-page.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_PREFERENCES_WINDOW (sp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, SP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* @store: NULL when no shop could be opened: then only the Shop Database page is shown */
GtkWidget *sp_preferences_window_new         (GtkWindow           *parent,
                                              SpStore             *store);
void       sp_preferences_window_show_database (SpPreferencesWindow *self);
SpDatabasePage *sp_preferences_window_get_database_page (SpPreferencesWindow *self);
/* Saves what is typed but not saved yet (it is saved a moment after typing stops) */
void       sp_preferences_window_save_now    (SpPreferencesWindow *self);
/* Keeps the picture in @file (PNG, JPEG or SVG) as the logo, as Choose… does */
gboolean   sp_preferences_window_set_logo_file (SpPreferencesWindow *self,
                                                GFile               *file,
                                                GError             **error);

/* Sets the folder each daily and manual backup is also copied to (NULL: none), as Choose… does */
gboolean   sp_preferences_window_set_second_folder (SpPreferencesWindow *self,
                                                    const char          *folder,
                                                    GError             **error);

G_END_DECLS
