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

/*
 * How a file from another program is read: which of its columns gives
 * which field (or is left out), the format of its dates, and the kind of
 * survey when the file holds answers of one kind only.
 */
typedef struct _SpImportOptions SpImportOptions;

SpImportOptions *sp_import_options_new        (void);
SpImportOptions *sp_import_options_copy       (const SpImportOptions *self);
void          sp_import_options_free          (SpImportOptions *self);
void          sp_import_options_map           (SpImportOptions *self,
                                               const char      *column,
                                               const char      *field);
gboolean      sp_import_options_parse_map     (SpImportOptions *self,
                                               const char      *text,
                                               GError         **error);
void          sp_import_options_set_date_format (SpImportOptions *self,
                                               const char      *format);
const char   *sp_import_options_get_date_format (const SpImportOptions *self);
void          sp_import_options_set_survey_kind (SpImportOptions *self,
                                               int              survey_kind);
char         *sp_import_options_to_string     (const SpImportOptions *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpImportOptions, sp_import_options_free)

/* The fields a kind of file gives, for choosing which column gives which */
const char * const *sp_import_kind_get_fields (SpImportKind   kind);
gboolean      sp_import_field_is_required    (SpImportKind   kind,
                                              const char    *field);
gboolean      sp_import_field_is_date        (SpImportKind   kind,
                                              const char    *field);
const char   *sp_import_field_get_label      (const char    *field);
const char   *sp_import_guess_field          (SpImportKind   kind,
                                              const char    *column);
int           sp_import_guess_survey_kind    (const char    *column);

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
gboolean      sp_import_data_full        (SpStore       *store,
                                          SpImportKind   kind,
                                          const char    *label,
                                          const char    *data,
                                          gsize          length,
                                          const SpImportOptions *options,
                                          guint         *n_imported,
                                          GError       **error);
gboolean      sp_import_check_data       (SpStore       *store,
                                          SpImportKind   kind,
                                          const char    *label,
                                          const char    *data,
                                          gsize          length,
                                          const SpImportOptions *options,
                                          guint          max_rows,
                                          guint         *n_rows,
                                          GError       **error);
gboolean      sp_import_file_full        (SpStore       *store,
                                          SpImportKind   kind,
                                          const char    *path,
                                          const SpImportOptions *options,
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
