/* sp-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SP_TYPE_APPLICATION (sp_application_get_type ())

G_DECLARE_FINAL_TYPE (SpApplication, sp_application, SP, APPLICATION, AdwApplication)

/* The window's type, declared here so that both headers can name each other's */
typedef struct _SpWindow SpWindow;

SpApplication *sp_application_new              (void);
GSettings     *sp_application_get_settings     (SpApplication *self);
void           sp_application_note_shop        (SpApplication *self,
                                                const char    *path);
GStrv          sp_application_dup_recent_shops (SpApplication *self);
char          *sp_application_dup_own_shop     (SpApplication *self);
SpWindow      *sp_application_find_window      (SpApplication *self,
                                                const char    *path);

/* The shop on a server the settings name (NULL: the shop is a file on this computer) */
char          *sp_application_dup_server_address (SpApplication *self);
/* The password a window logs in to the server at @address with: kept in memory only, as the
 * keyring or Preferences gave it (NULL: libpq's own ways) */
void           sp_application_set_server_password (SpApplication *self,
                                                   const char    *address,
                                                   const char    *password);
const char    *sp_application_get_server_password (SpApplication *self,
                                                   const char    *address);

G_END_DECLS
