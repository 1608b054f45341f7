/* sp-restore-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-window.h"

G_BEGIN_DECLS

#define SP_TYPE_RESTORE_DIALOG (sp_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SpRestoreDialog, sp_restore_dialog, SP, RESTORE_DIALOG, AdwWindow)

GtkWidget *sp_restore_dialog_new      (SpWindow        *window);
/* Asks before restoring @path, saying what it holds and what will happen */
void       sp_restore_dialog_confirm  (SpRestoreDialog *self,
                                       const char      *path);

G_END_DECLS
