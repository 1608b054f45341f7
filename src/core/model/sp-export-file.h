/* sp-export-file.h
 *
 * Every file the app writes that holds customer data (workbooks, CSV
 * files, reports, backup copies) is written under a temporary name in the
 * folder of its final name, readable by its owner only, synced, and renamed
 * over it once complete, so that a failure (a full disk, a cancelled export,
 * Ctrl+C) never leaves half a file behind nor changes an earlier one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SpExportFile SpExportFile;

/* Returns: (transfer full) */
SpExportFile *sp_export_file_new            (const char    *path,
                                             GError       **error);
/* Returns: (transfer none) */
const char   *sp_export_file_get_path       (SpExportFile  *self);
/* Returns: (transfer none) */
const char   *sp_export_file_get_temp_path  (SpExportFile  *self);
/* Returns: (transfer none) */
const char   *sp_export_file_get_temp_folder (SpExportFile *self);
/* Returns: (transfer none) */
FILE         *sp_export_file_get_stream     (SpExportFile  *self);
gboolean      sp_export_file_finish         (SpExportFile  *self,
                                             GError       **error);
gboolean      sp_export_file_commit         (SpExportFile  *self,
                                             GError       **error);
void          sp_export_file_free           (SpExportFile  *self);

void          sp_export_set_file_error      (GError       **error,
                                             int            saved_errno,
                                             const char    *path);

/* Returns: (transfer full) */
char         *sp_export_resolve_target      (const char    *path);
void          sp_export_sync_folder         (const char    *path);
gboolean      sp_export_file_is_abandoned   (const char    *path);

/* Files removed if the process is interrupted (SIGINT, SIGTERM, SIGHUP) */
void          sp_partial_file_add           (const char    *path);
void          sp_partial_folder_add         (const char    *path);
void          sp_partial_file_remove        (const char    *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpExportFile, sp_export_file_free)

G_END_DECLS
