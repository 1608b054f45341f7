/* sp-sample-shop.h
 *
 * The sample shop the window offers to explore: a year of made-up records
 * (sp_demo_fill()) in a file of its own in the user's data folder, never
 * in the owner's database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Returns: (transfer full): where the sample shop is kept */
char     *sp_sample_shop_dup_path      (void);
/* Whether @path is the sample shop's file */
gboolean  sp_sample_shop_is_path       (const char           *path);

/*
 * Makes the sample shop at @path unless one made in the last week is there
 * (an older one is made again, so that its year ends today).  It is written
 * to a file beside @path and renamed into place once complete, so a crash
 * leaves no half-made shop behind; nothing may have @path open meanwhile.
 * Runs on a thread.
 */
void      sp_sample_shop_ensure_async  (const char           *path,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  sp_sample_shop_ensure_finish (GAsyncResult         *result,
                                        GError              **error);
/* The same, on this thread */
gboolean  sp_sample_shop_ensure        (const char           *path,
                                        GError              **error);

G_END_DECLS
