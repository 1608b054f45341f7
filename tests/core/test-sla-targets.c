/* test-sla-targets.c: one source for the SLA targets
 *
 * The dashboard's SLA compliance (from the day totals the triggers keep)
 * and the workbook's "Within SLA target" column (from the contacts) count
 * against the same minutes: the ones data/benchmarks.ini ships, the ones
 * an edited benchmarks file gives at the next open, and the owner's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sp-benchmarks.h"
#include "sp-kpi-engine.h"
#include "sp-store-private.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"
#include "sp-test-xlsx.h"
#include "sp-xlsx-export.h"

typedef struct
{
  char    *dir;
  SpStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sp_time_override_now (sp_test_time ("2026-11-15 12:00"));
  sp_test_store_open (&f->dir, &f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_store_set_default_sla_targets (NULL);
  sp_test_store_close (&f->dir, &f->store);
  sp_time_override_now (SP_TIME_NONE);
}

/* data/benchmarks.ini with the normal priority's target set to @minutes */
static char *
edited_benchmarks (const char *minutes)
{
  g_autofree char *path = g_build_filename (g_getenv ("SP_TEST_SRCDIR"), "..", "data",
                                            "benchmarks.ini", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GRegex) normal = g_regex_new ("^normal = [0-9.]+$", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *line = g_strdup_printf ("normal = %s", minutes);
  g_autoptr(GError) error = NULL;
  char *edited;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  /* the channel targets have no "normal": only the SLA target's line matches */
  g_assert_true (g_regex_match (normal, text, 0, NULL));
  edited = g_regex_replace_literal (normal, text, -1, 0, line, 0, &error);
  g_assert_no_error (error);
  return edited;
}

static void
reopen (Fixture *f)
{
  g_autofree char *path = g_strdup (sp_store_get_path (f->store));
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

/* The dashboard's SLA compliance of October, in per cent */
static double
dashboard_compliance (Fixture *f)
{
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (f->store);
  SpPeriod october = sp_period_make (sp_test_date ("2026-10-01"), sp_test_date ("2026-10-31"));
  g_autoptr(SpKpiSet) set = NULL;
  g_autoptr(GError) error = NULL;
  const SpKpiValue *value;

  set = sp_kpi_engine_compute (engine, &october, NULL, &error);
  g_assert_no_error (error);
  value = sp_kpi_set_get (set, SP_KPI_SLA_COMPLIANCE);
  g_assert_cmpint (value->n, ==, 3);
  return value->value;
}

/* The workbook's "Within SLA target" column of October's contacts, as "1 0 1" */
static char *
workbook_within (Fixture    *f,
                 const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  SpPeriod october = sp_period_make (sp_test_date ("2026-10-01"), sp_test_date ("2026-10-31"));
  g_autoptr(SpTestXlsx) xlsx = NULL;
  g_autoptr(GString) within = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char column[2] = { 0 };
  guint header = 0;

  g_assert_true (sp_xlsx_export (f->store, &october, path, SP_XLSX_EXPORT_DEFAULT, NULL, NULL,
                                 NULL, &error));
  g_assert_no_error (error);
  xlsx = sp_test_xlsx_open (path);

  for (column[0] = 'A'; column[0] <= 'Z' && header == 0; column[0]++)
    header = sp_test_xlsx_find_row (xlsx, "Contacts", column, "Within SLA target");
  g_assert_cmpuint (header, >, 0);
  column[0]--;

  for (guint row = header + 1; row <= header + 3; row++)
    {
      g_autofree char *ref = g_strdup_printf ("%s%u", column, row);
      g_auto(SpTestCell) cell = { NULL };

      g_assert_true (sp_test_xlsx_cell (xlsx, "Contacts", ref, &cell));
      g_string_append_printf (within, "%s%s", row > header + 1 ? " " : "",
                              cell.value ? cell.value : "-");
    }

  return g_string_free (g_steal_pointer (&within), FALSE);
}

static void
assert_agree (Fixture    *f,
              double      minutes,
              const char *within,
              double      compliance)
{
  g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (f->store);
  g_autofree char *column = NULL;
  static guint n;
  g_autofree char *name = g_strdup_printf ("workbook-%u.xlsx", n++);

  /* the one source, read by the totals' triggers, the KPI engine and the workbook */
  g_assert_cmpfloat (sp_store_get_sla_target (f->store, SP_PRIORITY_NORMAL), ==, minutes);
  g_assert_cmpfloat (sp_benchmarks_get_sla_target (benchmarks, SP_PRIORITY_NORMAL), ==, minutes);

  column = workbook_within (f, name);
  g_assert_cmpstr (column, ==, within);
  g_assert_cmpfloat_with_epsilon (dashboard_compliance (f), compliance, 1e-9);
}

static void
test_one_source (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SpBenchmarks) benchmarks = NULL;
  g_autofree char *half_day = edited_benchmarks ("720");
  g_autofree char *hour = edited_benchmarks ("60");
  g_autoptr(GError) error = NULL;
  double shipped = sp_store_get_default_sla_target (SP_PRIORITY_NORMAL);
  /* first responses after 30 minutes, 2 hours and 16 hours */
  const char *responses[] = { "30", "120", "960" };

  /* the targets the tests compare with are read from the benchmarks file itself */
  g_assert_cmpfloat (shipped, >, 960);
  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      g_autofree char *received = g_strdup_printf ("2026-10-%02u 09:00", 5 + i);
      SpTestContact spec = { received, SP_CHANNEL_EMAIL, "Ana", "Maria", "Returns",
                             SP_PRIORITY_NORMAL, responses[i], NULL, TRUE, FALSE, "5", "0",
                             "1", FALSE };

      sp_test_add_contact (f->store, &spec);
    }

  /* as shipped: all three answered within target */
  assert_agree (f, shipped, "1 1 1", 100.0);

  /* a benchmarks file with 12 hours, at the next start: 16 hours is late */
  sp_store_set_default_sla_targets (half_day);
  reopen (f);
  assert_agree (f, 720, "1 1 0", 200.0 / 3);

  /* and with one hour: only the first */
  sp_store_set_default_sla_targets (hour);
  reopen (f);
  assert_agree (f, 60, "1 0 0", 100.0 / 3);

  /* the owner's own target wins over the file's, now and after the next start */
  benchmarks = sp_benchmarks_new (f->store);
  g_assert_true (sp_benchmarks_set_sla_target (benchmarks, SP_PRIORITY_NORMAL, 150, &error));
  g_assert_no_error (error);
  assert_agree (f, 150, "1 1 0", 200.0 / 3);
  g_clear_object (&benchmarks);
  reopen (f);
  assert_agree (f, 150, "1 1 0", 200.0 / 3);

  /* the shipped file again, and no target of the owner's: back to the start */
  sp_store_set_default_sla_targets (NULL);
  g_assert_true (sp_store_set_setting (f->store, "benchmark.sla-target.normal", NULL, &error));
  g_assert_no_error (error);
  reopen (f);
  assert_agree (f, shipped, "1 1 1", 100.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sla-targets/one-source", Fixture, NULL, fixture_setup, test_one_source,
              fixture_teardown);

  return g_test_run ();
}
