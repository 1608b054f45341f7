/* sp-test-xlsx.h: reading back a workbook, with unzip, for the export tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SpTestXlsx SpTestXlsx;

/* One cell as the sheet's XML has it; the text of t="s" and t="inlineStr" resolved */
typedef struct
{
  char *type;      /* the t attribute: NULL (a number), "s", "inlineStr", "str" */
  int   style;     /* the s attribute, 0 when absent */
  char *formula;   /* NULL without <f> */
  char *value;     /* <v>, NULL without */
  char *text;      /* the string of a string cell */
} SpTestCell;

SpTestXlsx *sp_test_xlsx_open          (const char  *path);
void        sp_test_xlsx_free          (SpTestXlsx  *self);
/* The part's contents, NULL when the file has no such part */
const char *sp_test_xlsx_read          (SpTestXlsx  *self,
                                        const char  *part);
char      **sp_test_xlsx_list          (SpTestXlsx  *self);
char      **sp_test_xlsx_sheet_names   (SpTestXlsx  *self);
const char *sp_test_xlsx_sheet         (SpTestXlsx  *self,
                                        const char  *name);
gboolean    sp_test_xlsx_cell          (SpTestXlsx  *self,
                                        const char  *sheet,
                                        const char  *ref,
                                        SpTestCell  *cell);
/* The number format of a style index: "General" when it has none */
char       *sp_test_xlsx_format        (SpTestXlsx  *self,
                                        int          style);
/* Every formula of the sheet, unescaped, in the order of its cells */
char      **sp_test_xlsx_formulas      (SpTestXlsx  *self,
                                        const char  *sheet);
/* The workbook name's reference ("Contacts!$A$3:$Z$12"), NULL when there is no such
 * name; @sheet_index is the sheet a local name (_xlnm.Print_Titles) belongs to, or -1 */
char       *sp_test_xlsx_defined_name  (SpTestXlsx  *self,
                                        const char  *name,
                                        int          sheet_index);
/* The first row (1-based) whose cell in @column holds @text; 0 when none does */
guint       sp_test_xlsx_find_row      (SpTestXlsx  *self,
                                        const char  *sheet,
                                        const char  *column,
                                        const char  *text);

void        sp_test_cell_clear         (SpTestCell  *cell);

/* Runs a program, asserting it ran; returns its exit status and, optionally, its output */
int         sp_test_spawn              (const char * const *argv,
                                        char              **out,
                                        char              **err);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpTestXlsx, sp_test_xlsx_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpTestCell, sp_test_cell_clear)

G_END_DECLS
