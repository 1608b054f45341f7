/* sp-card-customizer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-kpi.h"

G_BEGIN_DECLS

#define SP_TYPE_CARD_CUSTOMIZER (sp_card_customizer_get_type ())

G_DECLARE_FINAL_TYPE (SpCardCustomizer, sp_card_customizer, SP, CARD_CUSTOMIZER, GtkPopover)

GtkWidget *sp_card_customizer_new          (void);
GSettings *sp_card_customizer_get_settings (SpCardCustomizer *self);
void       sp_card_customizer_set_settings (SpCardCustomizer *self,
                                            GSettings        *settings);
GArray    *sp_card_customizer_dup_order    (SpCardCustomizer *self,
                                            gboolean          with_hidden);
gboolean   sp_card_customizer_is_hidden    (SpCardCustomizer *self,
                                            SpKpi             kpi);
void       sp_card_customizer_set_hidden   (SpCardCustomizer *self,
                                            SpKpi             kpi,
                                            gboolean          hide);
void       sp_card_customizer_move         (SpCardCustomizer *self,
                                            SpKpi             kpi,
                                            int               delta);
void       sp_card_customizer_reset        (SpCardCustomizer *self);

G_END_DECLS
