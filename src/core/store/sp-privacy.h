/* sp-privacy.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* What forgetting a customer will erase */
typedef struct
{
  gint64  contacts;      /* their contacts: the notes and escalation reasons go */
  gint64  surveys;       /* their survey answers: the comments go */
  gint64  mentions;      /* other notes, comments and reasons that name them */
} SpForgetSummary;

gboolean  sp_store_count_customer_records (SpStore          *store,
                                           gint64            customer_id,
                                           SpForgetSummary  *summary,
                                           GError          **error);
gboolean  sp_store_forget_customer        (SpStore          *store,
                                           gint64            customer_id,
                                           GError          **error);
gboolean  sp_store_erase_old_pages        (SpStore          *store,
                                           gboolean          vacuum,
                                           GError          **error);
/* Returns: (transfer full) */
char     *sp_forget_replace_mentions      (const char       *text,
                                           const char       *term,
                                           const char       *replacement);

G_END_DECLS
