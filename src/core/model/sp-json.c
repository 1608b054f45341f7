/* sp-json.c: JSON for the command line's --json, the same in every locale
 *
 * Objects are written into a GString as they go: sp_json_key() puts the
 * comma before every key but the first of its object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include "sp-json.h"

/* @str as a JSON string, or null when it is %NULL */
void
sp_json_string (GString    *out,
                const char *str)
{
  if (str == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = str; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

void
sp_json_key (GString    *out,
             const char *key)
{
  char last = out->len > 0 ? out->str[out->len - 1] : '\0';

  if (last != '{' && last != '[' && last != '\0')
    g_string_append_c (out, ',');
  sp_json_string (out, key);
  g_string_append_c (out, ':');
}

/* Unrounded, with a point whatever the locale; null when not a number */
void
sp_json_double (GString *out,
                double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_dtostr (buf, sizeof buf, value));
}

void
sp_json_int (GString *out,
             gint64   value)
{
  g_string_append_printf (out, "%" PRId64, value);
}

/* "2026-03-31", or null for %SP_DATE_NONE */
void
sp_json_date (GString *out,
              SpDate   date)
{
  g_autofree char *iso = NULL;

  if (date == SP_DATE_NONE)
    {
      g_string_append (out, "null");
      return;
    }

  iso = sp_date_format_iso (date);
  sp_json_string (out, iso);
}
