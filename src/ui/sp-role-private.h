/* sp-role-private.h: for tests only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-role.h"

G_BEGIN_DECLS

/* Makes every store's user have @role, as a login of a shop on a server would (-1: the store's
 * own again); takes effect for the windows, pages and dialogs made afterwards */
void sp_role_force_for_testing (int role);

G_END_DECLS
