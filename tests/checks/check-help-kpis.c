/* check-help-kpis.c: every KPI the app knows has its own page in the help,
 * the one its "?" button opens, and that page is a Mallard page of that id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-help.h"
#include "sp-kpi.h"

static void
test_every_kpi_has_a_page (void)
{
  const char *top = g_getenv ("SP_TOP_SRCDIR");

  g_assert_nonnull (top);

  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      g_autofree char *id = sp_help_dup_kpi_page (kpi);
      g_autofree char *file = g_strconcat (id, ".page", NULL);
      g_autofree char *path = g_build_filename (top, "help", "C", file, NULL);
      g_autofree char *text = NULL;
      g_autofree char *id_attr = g_strdup_printf ("id=\"%s\"", id);
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (path, &text, NULL, &error))
        g_error ("%s (KPI “%s”) has no help page: %s", id, sp_kpi_to_key (kpi), error->message);

      g_assert_nonnull (strstr (text, id_attr));
      g_assert_nonnull (strstr (text, "xmlns=\"http://projectmallard.org/1.0/\""));
      /* the sections the owner looks for on every KPI's page */
      g_assert_nonnull (strstr (text, "<section id=\"measures\">"));
      g_assert_nonnull (strstr (text, "<section id=\"how\">"));
      g_assert_nonnull (strstr (text, "<section id=\"benchmark\">"));
      g_assert_nonnull (strstr (text, "<section id=\"low\">"));
    }
}

/* The page ids the window uses are fixed: translations and links refer to them */
static void
test_ids (void)
{
  static const struct {
    SpKpi       kpi;
    const char *page;
  } cases[] = {
    { SP_KPI_CSAT, "kpi-csat" },
    { SP_KPI_FCR, "kpi-fcr" },
    { SP_KPI_FIRST_RESPONSE, "kpi-first-response-minutes" },
    { SP_KPI_ESCALATION_RATE, "kpi-escalation-rate" },
    { SP_KPI_COST_PER_CONTACT, "kpi-cost-per-contact" },
    { SP_KPI_CONTACTS, "kpi-contacts" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *page = sp_help_dup_kpi_page (cases[i].kpi);

      g_assert_cmpstr (page, ==, cases[i].page);
    }

  {
    g_autofree char *index = sp_help_dup_uri (NULL);
    g_autofree char *fcr = sp_help_dup_uri ("kpi-fcr");

    g_assert_cmpstr (index, ==, "help:service-pulse");
    g_assert_cmpstr (fcr, ==, "help:service-pulse/kpi-fcr");
  }

  /* build-aux/run: the pages of the source tree */
  {
    g_autofree char *index = NULL;
    g_autofree char *fcr = NULL;

    g_setenv ("SP_HELP_DIR", "/src/help/C", TRUE);
    index = sp_help_dup_uri (NULL);
    fcr = sp_help_dup_uri ("kpi-fcr");
    g_unsetenv ("SP_HELP_DIR");

    g_assert_cmpstr (index, ==, "ghelp:/src/help/C/index");
    g_assert_cmpstr (fcr, ==, "ghelp:/src/help/C/kpi-fcr");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/help/every-kpi-has-a-page", test_every_kpi_has_a_page);
  g_test_add_func ("/help/ids", test_ids);

  return g_test_run ();
}
