/* sp-help-private.h: for the tests, which must not start a help viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-help.h"

G_BEGIN_DECLS

/*
 * Called instead of the system's launcher with the help: URI asked for;
 * returning FALSE with @error set shows the message the owner would see.
 */
typedef gboolean (*SpHelpLaunchFunc) (GtkWindow   *parent,
                                      const char  *uri,
                                      gpointer     user_data,
                                      GError     **error);

void sp_help_set_launch_func (SpHelpLaunchFunc func,
                              gpointer         user_data);

G_END_DECLS
