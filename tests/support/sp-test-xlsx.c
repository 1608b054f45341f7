/* sp-test-xlsx.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "sp-test-xlsx.h"

struct _SpTestXlsx
{
  char       *path;
  GHashTable *parts;     /* name → contents, or "" for a part read and absent */
  GPtrArray  *strings;   /* the shared strings */
  GPtrArray  *formats;   /* the number format of each cell style */
};

int
sp_test_spawn (const char * const  *argv,
               char               **out,
               char               **err)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

SpTestXlsx *
sp_test_xlsx_open (const char *path)
{
  SpTestXlsx *self = g_new0 (SpTestXlsx, 1);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  self->path = g_strdup (path);
  self->parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
sp_test_xlsx_free (SpTestXlsx *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->parts);
  g_clear_pointer (&self->strings, g_ptr_array_unref);
  g_clear_pointer (&self->formats, g_ptr_array_unref);
  g_free (self->path);
  g_free (self);
}

char **
sp_test_xlsx_list (SpTestXlsx *self)
{
  const char *argv[] = { "unzip", "-Z1", self->path, NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (sp_test_spawn (argv, &out, NULL), ==, 0);
  g_strchomp (out);
  return g_strsplit (out, "\n", -1);
}

const char *
sp_test_xlsx_read (SpTestXlsx *self,
                   const char *part)
{
  const char *contents = g_hash_table_lookup (self->parts, part);

  if (contents == NULL)
    {
      g_autoptr(GString) pattern = g_string_new (part);
      const char *argv[] = { "unzip", "-p", self->path, NULL, NULL };
      g_autofree char *err = NULL;
      char *out = NULL;

      /* unzip takes a wildcard pattern: "[" only matches itself as "[[]" */
      g_string_replace (pattern, "[", "[[]", 0);
      argv[3] = pattern->str;

      /* unzip exits with 11 when the part is not there */
      if (sp_test_spawn (argv, &out, &err) != 0)
        g_clear_pointer (&out, g_free);
      contents = out ? out : g_strdup ("");
      g_hash_table_insert (self->parts, g_strdup (part), (char *) contents);
    }

  return *contents ? contents : NULL;
}

static char *
xml_unescape (const char *text,
              gssize      length)
{
  GString *str = g_string_new_len (text, length);

  g_string_replace (str, "&lt;", "<", 0);
  g_string_replace (str, "&gt;", ">", 0);
  g_string_replace (str, "&quot;", "\"", 0);
  g_string_replace (str, "&apos;", "'", 0);
  g_string_replace (str, "&amp;", "&", 0);
  return g_string_free (str, FALSE);
}

/* The text of the <t> elements of an <si> or <is> */
static char *
string_item_text (const char *xml)
{
  g_autoptr(GRegex) regex = g_regex_new ("<t(?: [^>]*)?>(.*?)</t>|<t/>", G_REGEX_DOTALL, 0,
                                         NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GString *str = g_string_new (NULL);

  g_regex_match (regex, xml, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *raw = g_match_info_fetch (match, 1);
      g_autofree char *text = xml_unescape (raw ? raw : "", -1);

      g_string_append (str, text);
      g_match_info_next (match, NULL);
    }

  return g_string_free (str, FALSE);
}

static void
load_strings (SpTestXlsx *self)
{
  const char *sst;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (self->strings != NULL)
    return;

  self->strings = g_ptr_array_new_with_free_func (g_free);
  sst = sp_test_xlsx_read (self, "xl/sharedStrings.xml");
  if (sst == NULL)
    return;

  regex = g_regex_new ("<si>(.*?)</si>", G_REGEX_DOTALL, 0, NULL);
  g_regex_match (regex, sst, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *item = g_match_info_fetch (match, 1);

      g_ptr_array_add (self->strings, string_item_text (item));
      g_match_info_next (match, NULL);
    }
}

char **
sp_test_xlsx_sheet_names (SpTestXlsx *self)
{
  const char *workbook = sp_test_xlsx_read (self, "xl/workbook.xml");
  g_autoptr(GRegex) regex = g_regex_new ("<sheet name=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_assert_nonnull (workbook);
  g_regex_match (regex, workbook, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *raw = g_match_info_fetch (match, 1);
      g_autofree char *name = xml_unescape (raw, -1);

      g_strv_builder_add (names, name);
      g_match_info_next (match, NULL);
    }

  return g_strv_builder_end (names);
}

/* The XML of a sheet by its name; libxlsxwriter numbers them in order */
const char *
sp_test_xlsx_sheet (SpTestXlsx *self,
                    const char *name)
{
  g_auto(GStrv) names = sp_test_xlsx_sheet_names (self);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], name))
        {
          g_autofree char *part = g_strdup_printf ("xl/worksheets/sheet%u.xml", i + 1);
          return sp_test_xlsx_read (self, part);
        }
    }

  g_error ("the workbook has no sheet “%s”", name);
  return NULL;
}

static char *
attribute (const char *tag,
           const char *name)
{
  g_autofree char *needle = g_strdup_printf (" %s=\"", name);
  const char *start = strstr (tag, needle);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (needle);
  end = strchr (start, '"');
  return g_strndup (start, end - start);
}

static char *
element (const char *xml,
         const char *name)
{
  g_autofree char *open = g_strdup_printf ("<%s>", name);
  g_autofree char *close = g_strdup_printf ("</%s>", name);
  const char *start = strstr (xml, open);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (open);
  end = strstr (start, close);
  g_assert_nonnull (end);
  return xml_unescape (start, end - start);
}

gboolean
sp_test_xlsx_cell (SpTestXlsx *self,
                   const char *sheet,
                   const char *ref,
                   SpTestCell *cell)
{
  const char *xml = sp_test_xlsx_sheet (self, sheet);
  g_autofree char *pattern = g_strdup_printf ("<c r=\"%s\"[ />]", ref);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *body = NULL;
  g_autofree char *style = NULL;
  int start, end;
  const char *close;

  memset (cell, 0, sizeof *cell);
  if (!g_regex_match (regex, xml, 0, &match))
    return FALSE;

  g_match_info_fetch_pos (match, 0, &start, &end);
  close = strchr (xml + start, '>');
  tag = g_strndup (xml + start, close - (xml + start) + 1);
  if (close[-1] != '/')
    {
      const char *stop = strstr (close, "</c>");
      body = g_strndup (close + 1, stop - close - 1);
    }

  cell->type = attribute (tag, "t");
  style = attribute (tag, "s");
  cell->style = style ? atoi (style) : 0;
  if (body != NULL)
    {
      cell->formula = element (body, "f");
      cell->value = element (body, "v");
    }

  if (g_strcmp0 (cell->type, "s") == 0)
    {
      load_strings (self);
      g_assert_nonnull (cell->value);
      g_assert_cmpint (atoi (cell->value), <, self->strings->len);
      cell->text = g_strdup (g_ptr_array_index (self->strings, atoi (cell->value)));
    }
  else if (g_strcmp0 (cell->type, "inlineStr") == 0)
    {
      cell->text = string_item_text (body);
    }
  else if (g_strcmp0 (cell->type, "str") == 0)
    {
      cell->text = g_strdup (cell->value ? cell->value : "");
    }

  return TRUE;
}

char **
sp_test_xlsx_formulas (SpTestXlsx *self,
                       const char *sheet)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *xml = sp_test_xlsx_sheet (self, sheet);

  /* <f>…</f>; a shared formula's followers (<f t="shared" si="0"/>) have no text */
  for (const char *p = xml; (p = strstr (p, "<f")) != NULL; p++)
    {
      const char *open_end = strchr (p, '>');
      const char *close;
      g_autofree char *formula = NULL;

      if (p[2] != '>' && p[2] != ' ')
        continue;
      if (open_end[-1] == '/')
        continue;
      close = strstr (open_end, "</f>");
      g_assert_nonnull (close);
      formula = xml_unescape (open_end + 1, close - open_end - 1);
      g_strv_builder_add (builder, formula);
      p = close;
    }

  return g_strv_builder_end (builder);
}

char *
sp_test_xlsx_defined_name (SpTestXlsx *self,
                           const char *name,
                           int         sheet_index)
{
  const char *xml = sp_test_xlsx_read (self, "xl/workbook.xml");
  g_autofree char *open = NULL;
  const char *start, *end;

  if (sheet_index >= 0)
    open = g_strdup_printf ("<definedName name=\"%s\" localSheetId=\"%d\">", name,
                            sheet_index);
  else
    open = g_strdup_printf ("<definedName name=\"%s\">", name);

  start = strstr (xml, open);
  if (start == NULL)
    return NULL;
  start += strlen (open);
  end = strstr (start, "</definedName>");
  g_assert_nonnull (end);
  return xml_unescape (start, end - start);
}

void
sp_test_cell_clear (SpTestCell *cell)
{
  g_clear_pointer (&cell->type, g_free);
  g_clear_pointer (&cell->formula, g_free);
  g_clear_pointer (&cell->value, g_free);
  g_clear_pointer (&cell->text, g_free);
}

static void
load_formats (SpTestXlsx *self)
{
  const char *styles = sp_test_xlsx_read (self, "xl/styles.xml");
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GRegex) fmt = g_regex_new ("<numFmt numFmtId=\"(\\d+)\" formatCode=\"([^\"]*)\"",
                                       0, 0, NULL);
  g_autoptr(GRegex) xf = g_regex_new ("<xf numFmtId=\"(\\d+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *cell_xfs;

  if (self->formats != NULL)
    return;

  g_assert_nonnull (styles);
  self->formats = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (fmt, styles, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *code = g_match_info_fetch (match, 2);

      g_hash_table_insert (codes, g_match_info_fetch (match, 1), xml_unescape (code, -1));
      g_match_info_next (match, NULL);
    }
  g_clear_pointer (&match, g_match_info_unref);

  cell_xfs = strstr (styles, "<cellXfs");
  g_assert_nonnull (cell_xfs);
  g_regex_match (xf, cell_xfs, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *id = g_match_info_fetch (match, 1);
      const char *code = g_hash_table_lookup (codes, id);

      /* the built-in formats we use: 0 General, 3 #,##0, 4 #,##0.00 */
      if (code == NULL)
        code = g_str_equal (id, "3") ? "#,##0" : g_str_equal (id, "4") ? "#,##0.00" :
               g_str_equal (id, "1") ? "0" : g_str_equal (id, "2") ? "0.00" : "General";
      g_ptr_array_add (self->formats, g_strdup (code));
      g_match_info_next (match, NULL);
    }
}

char *
sp_test_xlsx_format (SpTestXlsx *self,
                     int         style)
{
  load_formats (self);
  g_assert_cmpint (style, <, self->formats->len);
  return g_strdup (g_ptr_array_index (self->formats, style));
}

guint
sp_test_xlsx_find_row (SpTestXlsx *self,
                       const char *sheet,
                       const char *column,
                       const char *text)
{
  const char *xml = sp_test_xlsx_sheet (self, sheet);
  g_autofree char *pattern = g_strdup_printf ("<c r=\"%s(\\d+)\"", column);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, xml, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *row = g_match_info_fetch (match, 1);
      g_autofree char *ref = g_strconcat (column, row, NULL);
      g_auto(SpTestCell) cell = { NULL };

      sp_test_xlsx_cell (self, sheet, ref, &cell);
      if (g_strcmp0 (cell.text, text) == 0)
        return (guint) atoi (row);
      g_match_info_next (match, NULL);
    }

  return 0;
}
