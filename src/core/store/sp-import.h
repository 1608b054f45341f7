/* sp-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_IMPORT_CONTACTS,
  SP_IMPORT_SURVEYS,
  SP_IMPORT_SHIFTS,
  SP_IMPORT_MONTHS,
  SP_IMPORT_HOURS,          /* opening hours (KPI-SPEC §7) */
  SP_IMPORT_CLOSED_DAYS,
  SP_N_IMPORT_KINDS
} SpImportKind;

gboolean      sp_import_kind_from_string (const char    *str,
                                          SpImportKind  *kind);
/* Returns: (transfer none) */
const char   *sp_import_kind_to_string   (SpImportKind   kind);
/* Returns: (transfer none) */
const char   *sp_import_kind_get_columns (SpImportKind   kind);

gboolean      sp_import_guess_kind       (const char    *data,
                                          gsize          length,
                                          SpImportKind  *kind);
gboolean      sp_import_data             (SpStore       *store,
                                          SpImportKind   kind,
                                          const char    *label,
                                          const char    *data,
                                          gsize          length,
                                          guint         *n_imported,
                                          GError       **error);
gboolean      sp_import_file             (SpStore       *store,
                                          SpImportKind   kind,
                                          const char    *path,
                                          guint         *n_imported,
                                          GError       **error);

/*
 * Closed days from an iCalendar file's all-day events in @from_year …
 * @to_year, into the shop's, all or none; @n_skipped: events with a time.
 */
gboolean      sp_import_closed_days_ics  (SpStore       *store,
                                          const char    *path,
                                          int            from_year,
                                          int            to_year,
                                          guint         *n_days,
                                          guint         *n_skipped,
                                          GError       **error);

G_END_DECLS
