/* sp-role.h: what the user's role on a shared shop lets the window change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* Whether @store's user may change what only the shop's owner may (benchmarks, goals, opening
 * hours, the shop's settings, imports, exports, backups, restoring); %TRUE without a store */
gboolean    sp_role_is_owner          (SpStore   *store);
/* Returns: (transfer none): why an owner-only control is off */
const char *sp_role_get_owner_only    (void);
/* Turns @widget off and says why when @owner is %FALSE; gives it @tooltip back otherwise */
void        sp_role_mark_owner_only   (GtkWidget *widget,
                                       gboolean   owner,
                                       const char *tooltip);

G_END_DECLS
