/* sp-export-name.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export-name"

#include "config.h"

#include <string.h>

#include "sp-export-name.h"

/* The name a file gets when the shop has none set */
#define UNNAMED_SHOP "Service Pulse"

/**
 * sp_export_name_make_safe:
 *
 * @text as a file name that every file system and file manager takes:
 * the characters Windows refuses in a name (a USB stick is often FAT),
 * the folder separators and control characters become "-", tabs and line
 * breaks a space, runs of spaces one space, and spaces and dots at either end go.
 *
 * Returns: (transfer full): the name; empty when nothing is left
 */
char *
sp_export_name_make_safe (const char *text)
{
  g_autoptr(GString) safe = g_string_new (NULL);
  g_autofree char *valid = NULL;
  gsize start = 0;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        c = ' ';
      else if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        c = '-';

      if (c == ' ' && (safe->len == 0 || safe->str[safe->len - 1] == ' '))
        continue;

      g_string_append_unichar (safe, c);
    }

  while (safe->len > 0 && (safe->str[safe->len - 1] == ' ' || safe->str[safe->len - 1] == '.'))
    g_string_truncate (safe, safe->len - 1);
  while (start < safe->len && (safe->str[start] == ' ' || safe->str[start] == '.'))
    start++;
  g_string_erase (safe, 0, start);

  return g_string_free (g_steal_pointer (&safe), FALSE);
}

/**
 * sp_export_name_suggest:
 * @shop_name: (nullable): the shop's name, as Preferences sets it
 * @extension: "xlsx", "pdf"
 *
 * "Corner Shop October 2026.xlsx", "Corner Shop 3 – 17 October 2026.pdf":
 * the shop's name and the period as sp_period_format() writes it (so in
 * the owner's language), made safe for a file name.
 *
 * Returns: (transfer full): the file name
 */
char *
sp_export_name_suggest (const char     *shop_name,
                        const SpPeriod *period,
                        const char     *extension)
{
  g_autofree char *shop = NULL;
  g_autofree char *days = NULL;
  g_autofree char *name = NULL;
  g_autofree char *safe = NULL;

  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  shop = sp_export_name_make_safe (shop_name != NULL ? shop_name : "");
  if (shop[0] == '\0')
    {
      g_free (shop);
      shop = g_strdup (UNNAMED_SHOP);
    }

  days = sp_period_format (period);
  name = g_strdup_printf ("%s %s", shop, days);
  safe = sp_export_name_make_safe (name);

  return g_strdup_printf ("%s.%s", safe, extension);
}

/**
 * sp_export_name_dup_default_folder:
 *
 * The folder a file is offered to be saved in: the user's Documents
 * folder (XDG), or the home folder when there is none.  Never the folder
 * the app happened to be started from.
 *
 * Returns: (transfer full): the folder's path
 */
char *
sp_export_name_dup_default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  /* without a Documents folder set, GLib answers with the home folder itself */
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_strdup (documents);

  return g_strdup (g_get_home_dir ());
}
