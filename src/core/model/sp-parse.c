/* sp-parse.c
 *
 * Locale-independent parsing of what people type or import: numbers are
 * read with a dot or a comma as decimal separator, never through the C
 * library's locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-parse"

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sp-parse.h"

gboolean
sp_str_is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (const char *p = str; *p; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}

/* Stores a copy of @value in @field, or NULL when it is blank. */
void
sp_str_set_nonblank (char       **field,
                     const char  *value)
{
  char *copy = sp_str_is_blank (value) ? NULL : g_strdup (value);

  g_free (*field);
  *field = copy;
}

gboolean
sp_parse_double (const char  *str,
                 double      *out,
                 char       **reason)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  char *p;
  double v;
  int seps = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (sp_str_is_blank (str))
    {
      if (reason)
        *reason = g_strdup (_("is empty"));
      return FALSE;
    }

  copy = g_strstrip (g_strdup (str));

  for (p = copy; *p; p++)
    {
      if (*p == ',')
        *p = '.';
      if (*p == '.')
        seps++;
      else if (!g_ascii_isdigit (*p) && !(p == copy && (*p == '-' || *p == '+')))
        {
          if (reason)
            /* TRANSLATORS: %s is the value as typed */
            *reason = g_strdup_printf (_("“%s” is not a number"), str);
          return FALSE;
        }
    }

  if (seps > 1 || g_str_equal (copy, ".") || g_str_equal (copy, "-") || g_str_equal (copy, "+"))
    {
      if (reason)
        /* TRANSLATORS: %s is the value as typed */
        *reason = g_strdup_printf (_("“%s” is not a number"), str);
      return FALSE;
    }

  errno = 0;
  v = g_ascii_strtod (copy, &end);

  if (end == copy || *end != '\0' || errno == ERANGE || !isfinite (v))
    {
      if (reason)
        /* TRANSLATORS: %s is the value as typed */
        *reason = g_strdup_printf (_("“%s” is not a number"), str);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

gboolean
sp_parse_int (const char  *str,
              gint64       min,
              gint64       max,
              gint64      *out,
              char       **reason)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  gint64 v;

  g_return_val_if_fail (out != NULL, FALSE);

  if (sp_str_is_blank (str))
    {
      if (reason)
        *reason = g_strdup (_("is empty"));
      return FALSE;
    }

  copy = g_strstrip (g_strdup (str));

  for (const char *p = copy; *p; p++)
    {
      if (!g_ascii_isdigit (*p) && !(p == copy && (*p == '-' || *p == '+')))
        {
          if (reason)
            /* TRANSLATORS: %s is the value as typed */
            *reason = g_strdup_printf (_("“%s” is not a whole number"), str);
          return FALSE;
        }
    }

  errno = 0;
  v = g_ascii_strtoll (copy, &end, 10);

  if (end == copy || *end != '\0' || errno == ERANGE)
    {
      if (reason)
        /* TRANSLATORS: %s is the value as typed */
        *reason = g_strdup_printf (_("“%s” is not a whole number"), str);
      return FALSE;
    }

  if (v < min || v > max)
    {
      if (reason)
        {
          if (max == G_MAXINT64)
            /* TRANSLATORS: the smallest value allowed */
            *reason = g_strdup_printf (_("must be at least %" PRId64), min);
          else
            /* TRANSLATORS: the smallest and the largest value allowed */
            *reason = g_strdup_printf (_("must be between %" PRId64 " and %"
                                         PRId64), min, max);
        }
      return FALSE;
    }

  *out = v;
  return TRUE;
}

gboolean
sp_parse_bool (const char  *str,
               gboolean    *out,
               char       **reason)
{
  static const char * const yes[] = { "yes", "y", "true", "1" };
  static const char * const no[] = { "no", "n", "false", "0" };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (sp_str_is_blank (str))
    {
      if (reason)
        *reason = g_strdup (_("is empty"));
      return FALSE;
    }

  lower = g_strstrip (g_ascii_strdown (str, -1));

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_str_equal (lower, yes[i]))
        {
          *out = TRUE;
          return TRUE;
        }
      if (g_str_equal (lower, no[i]))
        {
          *out = FALSE;
          return TRUE;
        }
    }

  if (reason)
    /* TRANSLATORS: %s is the value as typed */
    *reason = g_strdup_printf (_("“%s” is not yes or no"), str);
  return FALSE;
}

/* Names are shown as typed (trimmed, inner runs of spaces collapsed). */
char *
sp_name_clean (const char *name)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean space = FALSE;

  if (name == NULL)
    return g_strdup ("");

  /* walking invalid UTF-8 character by character can step past the end */
  if (!g_utf8_validate (name, -1, NULL))
    name = valid = g_utf8_make_valid (name, -1);

  out = g_string_new (NULL);

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Names match case-insensitively after trimming (KPI-SPEC §1). */
char *
sp_name_key (const char *name)
{
  g_autofree char *clean = sp_name_clean (name);
  g_autofree char *norm = NULL;

  if (!g_utf8_validate (clean, -1, NULL))
    return g_strdup ("");

  norm = g_utf8_normalize (clean, -1, G_NORMALIZE_ALL_COMPOSE);
  return g_utf8_casefold (norm ? norm : clean, -1);
}
