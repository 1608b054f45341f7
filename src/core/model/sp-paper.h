/* sp-paper.h: the paper a report and a workbook print on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SP_PAPER_A4,
  SP_PAPER_LETTER,
} SpPaper;

/*
 * The paper of a locale name ("en_US.UTF-8", "fr_CA"): US Letter in the
 * Americas' Letter countries and the Philippines, A4 elsewhere.  NULL:
 * this process's LC_PAPER (glibc tells the paper itself).
 */
SpPaper     sp_paper_for_locale  (const char *locale);
void        sp_paper_get_size    (SpPaper     paper,
                                  double     *width,
                                  double     *height);
/* Returns: (transfer none) */
const char *sp_paper_to_string   (SpPaper     paper);
gboolean    sp_paper_from_string (const char *str,
                                  SpPaper    *paper);

G_END_DECLS
