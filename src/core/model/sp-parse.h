/* sp-parse.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  sp_parse_double      (const char *str,
                                double     *out,
                                char      **reason);
gboolean  sp_parse_int         (const char *str,
                                gint64      min,
                                gint64      max,
                                gint64     *out,
                                char      **reason);
gboolean  sp_parse_bool        (const char *str,
                                gboolean   *out,
                                char      **reason);
/* Returns: (transfer full) */
char     *sp_name_key          (const char *name);
/* Returns: (transfer full) */
char     *sp_name_clean        (const char *name);
gboolean  sp_str_is_blank      (const char *str);
void      sp_str_set_nonblank  (char      **field,
                                const char *value);

G_END_DECLS
