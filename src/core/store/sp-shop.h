/* sp-shop.h
 *
 * The shop's own details, kept in the database's settings so that a copy
 * of the file (or a backup) prints the same report: its name, its logo and
 * the currency symbol money is written with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "sp-store.h"

G_BEGIN_DECLS

/* The largest logo kept, in bytes of PNG; the window scales pictures down first */
#define SP_SHOP_LOGO_MAX_BYTES (1024 * 1024)

/* Returns: (transfer full) (nullable): the name, or NULL when none is set */
char            *sp_shop_dup_name         (SpStore      *store);
/* Spaces around are trimmed; NULL or an empty name clears it */
gboolean         sp_shop_set_name         (SpStore      *store,
                                           const char   *name,
                                           GError      **error);

/* Returns: (transfer full) (nullable): the logo as PNG bytes, or NULL when none is set */
GBytes          *sp_shop_dup_logo         (SpStore      *store);
/*
 * Keeps a copy of @png (a PNG file's bytes; NULL clears the logo) in the
 * database, so the report keeps its logo when the picture's file moves.
 */
gboolean         sp_shop_set_logo         (SpStore      *store,
                                           GBytes       *png,
                                           GError      **error);
/* Returns: (transfer full) (nullable): the logo as an image, or NULL when @png is not a
 * readable PNG */
cairo_surface_t *sp_shop_logo_to_surface  (GBytes       *png);

/* Returns: (transfer full) (nullable): the symbol set in Preferences, or NULL (the locale's
 * symbol is used) */
char            *sp_shop_get_currency     (SpStore      *store);
/* Sets and applies it; NULL or "" goes back to the locale's symbol */
gboolean         sp_shop_set_currency     (SpStore      *store,
                                           const char   *symbol,
                                           GError      **error);
/* Makes the store's currency symbol the one this process writes money with */
void             sp_shop_apply_currency   (SpStore      *store);

G_END_DECLS
