/* sp-time-private.h: a fixed "now", for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-time.h"

G_BEGIN_DECLS

/* SP_TIME_NONE goes back to the clock */
void      sp_time_override_now     (SpTime      now);

G_END_DECLS
