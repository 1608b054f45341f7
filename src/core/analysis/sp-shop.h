/* sp-shop.h
 *
 * The shop's own details, kept in the database's settings so that a copy
 * of the file (or a backup) prints the same report: its name, its logo and
 * the currency symbol money is written with, whether the amounts entered
 * include VAT and the paper size the workbook prints on.  The settings
 * can also be read and set by name (the `config` verb and Preferences
 * share the checks below).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "sp-paper.h"
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

/*
 * Money is written with each shop's own symbol: the callers that format it
 * pass this (sp_kpi_format_money()), so two shops open at once in one
 * process each keep theirs.
 *
 * Returns: (transfer full) (nullable): the symbol set in Preferences, or NULL
 */
char            *sp_shop_dup_currency     (SpStore      *store);
/* NULL or "" goes back to the locale's symbol */
gboolean         sp_shop_set_currency     (SpStore      *store,
                                           const char   *symbol,
                                           GError      **error);
/* Returns: (transfer full): the shop's symbol, or the locale's (LC_MONETARY) when none is set;
 * "" when neither has one */
char            *sp_shop_dup_currency_or_locale (SpStore *store);

/* Whether the amounts the owner enters (operating cost) include VAT */
typedef enum
{
  SP_VAT_UNKNOWN,     /* not said */
  SP_VAT_INCLUDED,
  SP_VAT_EXCLUDED,
} SpVat;

SpVat            sp_shop_get_vat          (SpStore      *store);
gboolean         sp_shop_set_vat          (SpStore      *store,
                                           SpVat         vat,
                                           GError      **error);

/* The paper set for the shop, or the locale's (LC_PAPER) when none is */
SpPaper          sp_shop_get_paper        (SpStore      *store);
/* @paper: "a4" or "letter"; NULL or "" goes back to the locale's */
gboolean         sp_shop_set_paper        (SpStore      *store,
                                           const char   *paper,
                                           GError      **error);

/* The first response and SLA targets Preferences accepts, in minutes */
#define SP_SHOP_TARGET_MIN_MINUTES 0.1
#define SP_SHOP_TARGET_MAX_MINUTES (60.0 * 24 * 30)

gboolean         sp_shop_check_target_minutes (double    minutes,
                                               GError  **error);

/* The names of the settings `config` knows, in the order it lists them */
GStrv            sp_shop_list_settings    (void);
/* A setting as text ("" when not set); NULL and @error for an unknown name */
/* Returns: (transfer full) */
char            *sp_shop_dup_setting      (SpStore      *store,
                                           const char   *name,
                                           GError      **error);
/* What a setting means, for `config` */
/* Returns: (transfer none) */
const char      *sp_shop_describe_setting (const char   *name);
/* Checks @value as Preferences does and stores it; "" clears the setting */
gboolean         sp_shop_set_setting      (SpStore      *store,
                                           const char   *name,
                                           const char   *value,
                                           GError      **error);

G_END_DECLS
