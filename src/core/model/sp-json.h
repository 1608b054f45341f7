/* sp-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sp-time.h"

G_BEGIN_DECLS

void  sp_json_string  (GString    *out,
                       const char *str);
void  sp_json_key     (GString    *out,
                       const char *key);
void  sp_json_double  (GString    *out,
                       double      value);
void  sp_json_int     (GString    *out,
                       gint64      value);
void  sp_json_date    (GString    *out,
                       SpDate      date);

G_END_DECLS
