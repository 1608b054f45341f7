/* sp-database-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SP_TYPE_DATABASE_PAGE (sp_database_page_get_type ())

G_DECLARE_FINAL_TYPE (SpDatabasePage, sp_database_page, SP, DATABASE_PAGE, AdwPreferencesPage)

/* @settings: the application's (NULL: nothing is remembered) */
GtkWidget *sp_database_page_new          (GSettings      *settings);
/* Connects as Connect does */
void       sp_database_page_connect      (SpDatabasePage *self);
/* Whether the page is looking the password up, keeping it or connecting */
gboolean   sp_database_page_is_busy      (SpDatabasePage *self);
/* Keeps @file as the CA certificate, as Choose… does (NULL: none) */
void       sp_database_page_set_ca_file  (SpDatabasePage *self,
                                          const char     *path);
void       sp_database_page_show_address (SpDatabasePage *self,
                                          const char     *address);

G_END_DECLS
