/* sp-undo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

gboolean sp_delete_contact_with_undo (GtkWidget  *widget,
                                      SpStore    *store,
                                      gint64      id,
                                      GError    **error);
gboolean sp_delete_survey_with_undo  (GtkWidget  *widget,
                                      SpStore    *store,
                                      gint64      id,
                                      GError    **error);

G_END_DECLS
