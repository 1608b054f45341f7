/* sp-undo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-store.h"
#include "sp-undo-history.h"

G_BEGIN_DECLS

SpUndoHistory *sp_undo_get_history         (GtkWidget      *widget);
void           sp_undo_record_saved        (GtkWidget      *widget,
                                            SpStore        *store,
                                            GObject        *saved,
                                            GObject        *before,
                                            const char     *title);
gboolean       sp_delete_contact_with_undo (GtkWidget      *widget,
                                            SpStore        *store,
                                            gint64          id,
                                            GError        **error);
gboolean       sp_delete_survey_with_undo  (GtkWidget      *widget,
                                            SpStore        *store,
                                            gint64          id,
                                            GError        **error);
char          *sp_undo_dup_button_label    (void);
void           sp_undo_install_actions     (GtkWidgetClass *widget_class);

G_END_DECLS
