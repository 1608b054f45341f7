/* sp-csv-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * An RFC 4180 reader over a buffer in memory: quoted fields, doubled quotes,
 * line breaks inside quotes, a UTF-8 byte order mark, CRLF or LF line ends.
 * The field separator is a comma, a semicolon or a tab, whichever splits the
 * first row (outside quotes) into columns that the second row agrees with.
 * Rows are counted as a spreadsheet shows them: the header is row 1.
 */
typedef struct _SpCsvReader SpCsvReader;

/* Returns: (transfer full) */
SpCsvReader        *sp_csv_reader_new         (const char   *data,
                                               gsize         length);
void                sp_csv_reader_free        (SpCsvReader  *self);
gboolean            sp_csv_reader_next        (SpCsvReader  *self,
                                               GError      **error);
char                sp_csv_reader_get_separator (SpCsvReader *self);
guint               sp_csv_reader_get_row     (SpCsvReader  *self);
guint               sp_csv_reader_get_n_fields (SpCsvReader *self);
/* Returns: (transfer none) */
const char         *sp_csv_reader_get_field   (SpCsvReader  *self,
                                               guint         index);
gboolean            sp_csv_reader_is_blank    (SpCsvReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpCsvReader, sp_csv_reader_free)

G_END_DECLS
