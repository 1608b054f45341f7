/* sp-shop-setup.h
 *
 * What a new shop is set up with in one go: its name, the currency its
 * money is written in, the people who serve customers and the topics the
 * contacts are filed under.  The window's first-run dialog saves through
 * it; everything is checked before anything is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/* Which part of a setup a failure is about, so the window can point at it */
typedef enum
{
  SP_SHOP_SETUP_FILE,       /* none: the database could not be written */
  SP_SHOP_SETUP_NAME,
  SP_SHOP_SETUP_CURRENCY,
  SP_SHOP_SETUP_STAFF,
  SP_SHOP_SETUP_TOPICS,
} SpShopSetupField;

typedef struct
{
  const char         *name;       /* required */
  const char         *currency;   /* NULL or "": the locale's symbol */
  const char * const *staff;      /* NULL-terminated; may be NULL */
  const char * const *topics;     /* NULL-terminated; may be NULL */
} SpShopSetup;

/* Returns: (transfer full): the topics a new shop starts with, translated */
GStrv     sp_shop_setup_dup_default_topics (void);

/*
 * Checks @setup and writes it in one transaction: the name and currency
 * replace the shop's, the staff and topics are added to those it has
 * (names it has already are kept, not doubled).  Nothing is written on
 * failure; @field (and @index, the place in the staff or topic list) say
 * what to fix: a missing name, a currency symbol that is no symbol, a name
 * too long or given twice.
 */
gboolean  sp_shop_setup_apply              (SpStore            *store,
                                            const SpShopSetup  *setup,
                                            SpShopSetupField   *field,
                                            guint              *index,
                                            GError            **error);

G_END_DECLS
