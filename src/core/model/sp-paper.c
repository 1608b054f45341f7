/* sp-paper.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-paper"

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "sp-paper.h"

/* Where US Letter is the usual paper (as the C library's locales say) */
static const char letter_territories[][3] = {
  "US", "CA", "MX", "PH", "PR", "CL", "CO", "CR", "DO", "GT", "NI", "PA", "SV", "VE",
};

SpPaper
sp_paper_for_locale (const char *locale)
{
  const char *underscore;

  if (locale == NULL)
    {
      locale = setlocale (LC_PAPER, NULL);
#ifdef __GLIBC__
      /* the locale knows its paper; the C locale says A4 */
      if (locale != NULL && strcmp (locale, "C") != 0 && strcmp (locale, "POSIX") != 0)
        {
          int width = (int) (gintptr) nl_langinfo (_NL_PAPER_WIDTH);

          if (width == 216)
            return SP_PAPER_LETTER;
          if (width == 210)
            return SP_PAPER_A4;
        }
#endif
    }

  if (locale == NULL || (underscore = strchr (locale, '_')) == NULL)
    return SP_PAPER_A4;

  for (guint i = 0; i < G_N_ELEMENTS (letter_territories); i++)
    if (strncmp (underscore + 1, letter_territories[i], 2) == 0 &&
        (underscore[3] == '\0' || underscore[3] == '.' || underscore[3] == '@'))
      return SP_PAPER_LETTER;

  return SP_PAPER_A4;
}

void
sp_paper_get_size (SpPaper  paper,
                   double  *width,
                   double  *height)
{
  /* in points: A4 is 210 × 297 mm, Letter 8.5 × 11 in */
  if (width != NULL)
    *width = paper == SP_PAPER_LETTER ? 612 : 595;
  if (height != NULL)
    *height = paper == SP_PAPER_LETTER ? 792 : 842;
}

const char *
sp_paper_to_string (SpPaper paper)
{
  return paper == SP_PAPER_LETTER ? "letter" : "a4";
}

gboolean
sp_paper_from_string (const char *str,
                      SpPaper    *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (g_ascii_strcasecmp (str, "a4") == 0)
    *paper = SP_PAPER_A4;
  else if (g_ascii_strcasecmp (str, "letter") == 0)
    *paper = SP_PAPER_LETTER;
  else
    return FALSE;

  return TRUE;
}
