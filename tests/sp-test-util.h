/* sp-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sp-store.h"

G_BEGIN_DECLS

char     *sp_test_make_dir       (void);
char     *sp_test_db_path        (const char *dir);
SpStore  *sp_test_open_store     (const char *dir);
void      sp_test_remove_dir     (const char *dir);
char     *sp_test_write_file     (const char *dir,
                                  const char *name,
                                  const char *contents);
gint64    sp_test_query_int      (SpStore    *store,
                                  const char *sql);
double    sp_test_query_double   (SpStore    *store,
                                  const char *sql);
char     *sp_test_query_text     (SpStore    *store,
                                  const char *sql);
SpTime    sp_test_time           (const char *iso);
SpDate    sp_test_date           (const char *iso);
/* Frees what Pango, cairo and fontconfig keep until exit, so leak checkers see ours */
void      sp_test_free_font_caches (void);

G_END_DECLS
