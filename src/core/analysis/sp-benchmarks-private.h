/* sp-benchmarks-private.h: for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-benchmarks.h"

G_BEGIN_DECLS

/* Returns: (transfer full): data/benchmarks.ini as shipped (the GResource) */
GKeyFile     *sp_benchmarks_load_defaults      (GError       **error);

G_END_DECLS
