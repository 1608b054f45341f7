/* sp-role.c
 *
 * The one place the window, its pages and Preferences ask what the user's
 * role lets them change.  A shop file's user owns it; on a server the
 * store says whether the login is the owner's or staff's.  The server
 * refuses what staff may not do anyway: the window turns those controls
 * off first, and says why, instead of letting a change fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-role"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-role-private.h"

static int forced_role = -1;

void
sp_role_force_for_testing (int role)
{
  forced_role = role;
}

gboolean
sp_role_is_owner (SpStore *store)
{
  g_return_val_if_fail (store == NULL || SP_IS_STORE (store), TRUE);

  if (store == NULL)
    return TRUE;
  if (forced_role >= 0)
    return forced_role == SP_STORE_ROLE_OWNER;

  return sp_store_get_role (store) == SP_STORE_ROLE_OWNER;
}

const char *
sp_role_get_owner_only (void)
{
  return _("Only the shop’s owner can change this");
}

void
sp_role_mark_owner_only (GtkWidget  *widget,
                         gboolean    owner,
                         const char *tooltip)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_sensitive (widget, owner);
  gtk_widget_set_tooltip_text (widget, owner ? tooltip : sp_role_get_owner_only ());
}
