/* sp-demo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_DEMO_DEFAULT_CONTACTS 18000
/* Each shift of the sample shop, in hours */
#define SP_DEMO_MIN_SHIFT_HOURS 4.0
#define SP_DEMO_MAX_SHIFT_HOURS 8.0

typedef struct
{
  gint64   contacts;   /* exactly this many; 0 for SP_DEMO_DEFAULT_CONTACTS */
  guint32  seed;       /* the same seed and day give the same shop */
} SpDemoOptions;

void      sp_demo_options_init (SpDemoOptions        *options);

/*
 * Fills an empty @store with a year of a sample shop ending now
 * (sp_time_now()): 5 agents, every channel, customers who come back,
 * topics, escalations, survey answers for about 30 % of the contacts,
 * shifts and month figures, and a few stories the diagnoses find (see
 * README, "Sample data").  One transaction; refused (SP_ERROR_INVALID) when
 * the database holds any record.
 */
gboolean  sp_demo_fill         (SpStore              *store,
                                const SpDemoOptions  *options,
                                GError              **error);

G_END_DECLS
