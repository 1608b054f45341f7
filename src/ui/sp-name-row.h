/* sp-name-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_NAME_ROW (sp_name_row_get_type ())

G_DECLARE_FINAL_TYPE (SpNameRow, sp_name_row, SP, NAME_ROW, AdwEntryRow)

GtkWidget  *sp_name_row_new                (void);
void        sp_name_row_set_store          (SpNameRow    *self,
                                            SpStore      *store);
void        sp_name_row_set_kind           (SpNameRow    *self,
                                            SpEntityKind  kind);
SpEntityKind sp_name_row_get_kind          (SpNameRow    *self);
void        sp_name_row_set_escalation_targets (SpNameRow *self,
                                                gboolean   targets);
char       *sp_name_row_dup_name           (SpNameRow    *self);
void        sp_name_row_set_name           (SpNameRow    *self,
                                            const char   *name);
gboolean    sp_name_row_is_new             (SpNameRow    *self);
guint       sp_name_row_get_n_suggestions  (SpNameRow    *self);
const char *sp_name_row_get_suggestion     (SpNameRow    *self,
                                            guint         index);
void        sp_name_row_accept_suggestion  (SpNameRow    *self,
                                            guint         index);

G_END_DECLS
