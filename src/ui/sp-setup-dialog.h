/* sp-setup-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_SETUP_DIALOG (sp_setup_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SpSetupDialog, sp_setup_dialog, SP, SETUP_DIALOG, AdwWindow)

SpSetupDialog *sp_setup_dialog_new         (GtkWindow     *parent,
                                            SpStore       *store);
gboolean       sp_setup_dialog_has_changes (SpSetupDialog *self);

G_END_DECLS
