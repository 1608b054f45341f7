/* sp-record-list-private.h: for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-record-list.h"

G_BEGIN_DECLS

/* For tests and benchmarks: how much was read to show what was asked for */
guint64       sp_record_list_get_n_fetched      (SpRecordList          *self);
guint         sp_record_list_get_n_cached_pages (SpRecordList          *self);
guint         sp_record_list_get_page_size      (void);
guint         sp_record_list_get_max_pages      (void);

G_END_DECLS
