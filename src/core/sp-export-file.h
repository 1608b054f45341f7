/* sp-export-file.h
 *
 * For the exporters only: a file written under a temporary name in the
 * folder of its final name, and renamed over it once complete, so that a
 * failure (a full disk, a cancelled export) never leaves half a file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SpExportFile SpExportFile;

SpExportFile *sp_export_file_new            (const char    *path,
                                             GError       **error);
const char   *sp_export_file_get_path       (SpExportFile  *self);
const char   *sp_export_file_get_temp_path  (SpExportFile  *self);
FILE         *sp_export_file_get_stream     (SpExportFile  *self);
gboolean      sp_export_file_commit         (SpExportFile  *self,
                                             GError       **error);
void          sp_export_file_free           (SpExportFile  *self);

void          sp_export_set_file_error      (GError       **error,
                                             int            saved_errno,
                                             const char    *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpExportFile, sp_export_file_free)

G_END_DECLS
