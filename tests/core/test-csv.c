/* test-csv.c: the RFC 4180 reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-csv-reader.h"
#include "sp-error.h"

/* Reads all of @data into rows joined with "|" and fields with "/" */
static char *
read_all (const char  *data,
          gsize        length,
          GError     **error)
{
  g_autoptr(SpCsvReader) reader = sp_csv_reader_new (data, length);
  GString *out = g_string_new (NULL);

  while (sp_csv_reader_next (reader, error))
    {
      if (out->len)
        g_string_append_c (out, '|');
      for (guint i = 0; i < sp_csv_reader_get_n_fields (reader); i++)
        {
          if (i)
            g_string_append_c (out, '/');
          g_string_append (out, sp_csv_reader_get_field (reader, i));
        }
    }

  if (error && *error)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static void
check (const char *data,
       const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected);
}

static void
check_error (const char *data,
             const char *expected_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all (data, strlen (data), &error);

  g_assert_null (got);
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected_message);
}

static void
test_plain (void)
{
  check ("a,b,c\n1,2,3\n", "a/b/c|1/2/3");
  check ("a,b,c\n1,2,3", "a/b/c|1/2/3");
  check ("a,,c\n,,\n", "a//c|//");
  check ("", "");
  check ("x", "x");
}

static void
test_line_ends (void)
{
  check ("a,b\r\n1,2\r\n", "a/b|1/2");
  check ("a,b\r1,2\r", "a/b|1/2");
  check ("a,b\n\n1,2\n", "a/b||1/2");
}

static void
test_quotes (void)
{
  check ("\"a\",\"b,c\"\n", "a/b,c");
  check ("\"say \"\"hi\"\"\",x\n", "say \"hi\"/x");
  check ("\"\",x\n", "/x");
  check ("\"\"\"\"\n", "\"");
  check ("\"line one\nline two\",x\n", "line one\nline two/x");
  check ("\"crlf\r\ninside\",x\r\n", "crlf\r\ninside/x");
  check ("a,\"b\"\n", "a/b");
}

static void
test_bom_and_utf8 (void)
{
  check ("\xef\xbb\xbf" "name,note\nZoë,\"café, crème\"\n", "name/note|Zoë/café, crème");
}

static void
test_rows_are_counted_as_records (void)
{
  const char *data = "a,b\n\"1\n2\",x\n3,4\n";
  g_autoptr(SpCsvReader) reader = sp_csv_reader_new (data, strlen (data));

  g_assert_true (sp_csv_reader_next (reader, NULL));
  g_assert_cmpuint (sp_csv_reader_get_row (reader), ==, 1);
  g_assert_true (sp_csv_reader_next (reader, NULL));
  g_assert_cmpuint (sp_csv_reader_get_row (reader), ==, 2);
  g_assert_true (sp_csv_reader_next (reader, NULL));
  g_assert_cmpuint (sp_csv_reader_get_row (reader), ==, 3);
  g_assert_cmpstr (sp_csv_reader_get_field (reader, 1), ==, "4");
  g_assert_null (sp_csv_reader_get_field (reader, 2));
  g_assert_false (sp_csv_reader_next (reader, NULL));
}

static void
test_blank (void)
{
  const char *data = "a,b\n , \n";
  g_autoptr(SpCsvReader) reader = sp_csv_reader_new (data, strlen (data));

  g_assert_true (sp_csv_reader_next (reader, NULL));
  g_assert_false (sp_csv_reader_is_blank (reader));
  g_assert_true (sp_csv_reader_next (reader, NULL));
  g_assert_true (sp_csv_reader_is_blank (reader));
}

static void
test_errors (void)
{
  check_error ("a,b\n\"open,x\n",
               "2: a quoted field is not closed; a closing quote (\") is missing");
  check_error ("a,b\nab\"c,x\n",
               "2: a quote (\") inside a field that does not start with one; put the whole "
               "field in quotes and double the quote");
  check_error ("a,b\n1,2\n\"x\"y,z\n",
               "3: text after the closing quote of a field; a comma or a line end is expected "
               "there");
  check_error ("a,b\n1,\xff\xfe\n", "2: the text is not UTF-8; save the file as “CSV UTF-8”");
}

/* German Excel saves "CSV" with semicolons (the comma is its decimal
 * separator); "Text (tab-separated)" uses tabs.  The first row decides. */
static void
test_separators (void)
{
  static const struct {
    const char *data;
    const char *expected;
    char        separator;
  } cases[] = {
    { "a;b;c\n1;2;3\n", "a/b/c|1/2/3", ';' },
    /* decimal commas stay inside the field */
    { "a;b\n4,5;x\n", "a/b|4,5/x", ';' },
    /* a BOM, CRLF and quoted fields holding the other separators */
    { "\xef\xbb\xbf" "\"Ticket opened\";Channel;\"Agent; name\"\r\n"
      "\"1.10.2026 09:00\";phone;\"Ana, \"\"Boss\"\"\"\r\n",
      "Ticket opened/Channel/Agent; name|1.10.2026 09:00/phone/Ana, \"Boss\"", ';' },
    { "a\tb\tc\r\n1\t2,5\t\"x;y\"\r\n", "a/b/c|1/2,5/x;y", '\t' },
    /* commas win over a semicolon inside a header name */
    { "a;x,b,c\n1,2,3\n", "a;x/b/c|1/2/3", ',' },
    /* a semicolon inside a header name, and decimal commas below */
    { "name, first;b;c\nAna;4,5;6,5\n", "name, first/b/c|Ana/4,5/6,5", ';' },
    /* the separator that splits the header is kept when the rows disagree */
    { "a;b;c\n1;2\n", "a/b/c|1/2", ';' },
    /* a single column, a header alone */
    { "a\n1\n", "a|1", ',' },
    { "a;b", "a/b", ';' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpCsvReader) reader = sp_csv_reader_new (cases[i].data,
                                                         strlen (cases[i].data));

      g_test_message ("case %u", i);
      check (cases[i].data, cases[i].expected);
      g_assert_cmpint (sp_csv_reader_get_separator (reader), ==, cases[i].separator);
    }

  check_error ("a;b\n1;2\n\"x\",y\n",
               "3: text after the closing quote of a field; a semicolon or a line end is "
               "expected there");
  check_error ("a\tb\n\"x\";y\n",
               "2: text after the closing quote of a field; a tab or a line end is expected "
               "there");
}

static void
test_nul_byte (void)
{
  static const char data[] = "a,b\n1,2\0x\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all (data, sizeof data - 1, &error);

  g_assert_null (got);
  g_assert_cmpstr (error->message, ==, "2: the file contains a NUL byte; it is not a text file");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/plain", test_plain);
  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/bom-utf8", test_bom_and_utf8);
  g_test_add_func ("/csv/rows", test_rows_are_counted_as_records);
  g_test_add_func ("/csv/blank", test_blank);
  g_test_add_func ("/csv/errors", test_errors);
  g_test_add_func ("/csv/nul", test_nul_byte);
  g_test_add_func ("/csv/separators", test_separators);

  return g_test_run ();
}
