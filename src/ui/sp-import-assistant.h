/* sp-import-assistant.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-import.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_IMPORT_ASSISTANT (sp_import_assistant_get_type ())

G_DECLARE_FINAL_TYPE (SpImportAssistant, sp_import_assistant, SP, IMPORT_ASSISTANT, AdwWindow)

SpImportAssistant *sp_import_assistant_new          (SpStore           *store,
                                                     GtkWindow         *parent);
gboolean           sp_import_assistant_load_file    (SpImportAssistant *self,
                                                     GFile             *file,
                                                     GError           **error);
void               sp_import_assistant_choose_file  (SpImportAssistant *self);
SpImportKind       sp_import_assistant_get_kind     (SpImportAssistant *self);
const char        *sp_import_assistant_get_date_format (SpImportAssistant *self);
const char        *sp_import_assistant_get_field    (SpImportAssistant *self,
                                                     guint              column);
gboolean           sp_import_assistant_can_import   (SpImportAssistant *self);

G_END_DECLS
