/* test-benchmarks.c: the bands of KPI-SPEC §3 as data, statuses and the owner's overrides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-benchmarks-private.h"
#include "sp-error.h"
#include "sp-kpi-engine.h"
#include "sp-store-private.h"
#include "sp-test-kpi.h"
#include "sp-test-util.h"

typedef struct
{
  char         *dir;
  SpStore      *store;
  SpBenchmarks *benchmarks;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sp_time_override_now (sp_test_time ("2026-11-15 12:00"));
  sp_test_store_open (&f->dir, &f->store);
  f->benchmarks = sp_benchmarks_new (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->benchmarks);
  sp_test_store_close (&f->dir, &f->store);
  sp_time_override_now (SP_TIME_NONE);
}

static SpStatus
classify (Fixture *f,
          SpKpi    kpi,
          double   value)
{
  return sp_benchmarks_classify (f->benchmarks, kpi, value);
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GKeyFile) ini = NULL;
  g_autoptr(GError) error = NULL;

  g_auto(GStrv) titles = sp_benchmarks_dup_source_titles ();

  /* five guides, each by its title */
  g_assert_cmpuint (g_strv_length (titles), ==, 5);
  g_assert_cmpstr (titles[4], ==, "Customer Service KPIs: How to Measure What Actually Drives "
                                  "Growth");

  /* each band names the guide it comes from by its title, or says it is our own */
  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      const SpBand *band = sp_benchmarks_get_band (f->benchmarks, kpi);

      if (sp_kpi_has_status (kpi))
        {
          gboolean titled = FALSE;

          g_assert_nonnull (band->source);
          sp_assert_not_contains (band->source, "seeds");
          for (guint i = 0; titles[i]; i++)
            titled |= strstr (band->source, titles[i]) != NULL;
          g_assert_true (titled || g_str_has_prefix (band->source, "house default"));
          g_assert_true (band->note != NULL && *band->note != '\0');
          g_assert_cmpint (band->min_n, ==, sp_benchmarks_get_min_n (kpi));
          if (kpi != SP_KPI_BACKLOG)
            g_assert_cmpint (band->min_n, >=, 30);
        }
      else
        {
          g_assert_true (isnan (band->good) && isnan (band->act));
        }
    }

  ini = sp_benchmarks_load_defaults (&error);
  g_assert_no_error (error);
  g_assert_true (g_key_file_has_group (ini, "csat"));

  g_assert_cmpfloat (sp_benchmarks_get_channel_target (f->benchmarks, SP_CHANNEL_PHONE), ==, 3);
  g_assert_cmpfloat (sp_benchmarks_get_channel_target (f->benchmarks, SP_CHANNEL_EMAIL), ==, 240);
  g_assert_cmpfloat (sp_benchmarks_get_channel_target (f->benchmarks, SP_CHANNEL_CHAT), ==, 1);
  g_assert_cmpfloat (sp_benchmarks_get_channel_target (f->benchmarks, SP_CHANNEL_SOCIAL), ==, 60);
  g_assert_cmpfloat (sp_benchmarks_get_channel_target (f->benchmarks, SP_CHANNEL_SMS), ==, 1);
  g_assert_cmpfloat (sp_benchmarks_get_channel_target (f->benchmarks, SP_CHANNEL_IN_PERSON), ==,
                     3);
  g_assert_cmpfloat (sp_benchmarks_get_sla_target (f->benchmarks, SP_PRIORITY_URGENT), ==, 60);
  g_assert_cmpfloat (sp_benchmarks_get_sla_target (f->benchmarks, SP_PRIORITY_HIGH), ==, 240);
  g_assert_cmpfloat (sp_benchmarks_get_sla_target (f->benchmarks, SP_PRIORITY_NORMAL), ==, 1440);
  g_assert_cmpfloat (sp_benchmarks_get_sla_target (f->benchmarks, SP_PRIORITY_LOW), ==, 4320);
}

/* The exact comparisons of KPI-SPEC §3 */
static void
test_statuses (Fixture       *f,
               gconstpointer  data)
{
  g_assert_cmpint (classify (f, SP_KPI_CSAT, 90), ==, SP_STATUS_EXCELLENT);
  g_assert_cmpint (classify (f, SP_KPI_CSAT, 85), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_CSAT, 84.9), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_CSAT, 75), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_CSAT, 74.9), ==, SP_STATUS_ACT);

  g_assert_cmpint (classify (f, SP_KPI_NPS, 50), ==, SP_STATUS_EXCELLENT);
  g_assert_cmpint (classify (f, SP_KPI_NPS, 20), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_NPS, 0), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_NPS, -1), ==, SP_STATUS_ACT);

  g_assert_cmpint (classify (f, SP_KPI_CES, 5), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_CES, 4), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_CES, 3.99), ==, SP_STATUS_ACT);

  g_assert_cmpint (classify (f, SP_KPI_FCR, 80), ==, SP_STATUS_EXCELLENT);
  g_assert_cmpint (classify (f, SP_KPI_FCR, 70), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_FCR, 60), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_FCR, 59.9), ==, SP_STATUS_ACT);

  /* "< 10 good, > 20 act" */
  g_assert_cmpint (classify (f, SP_KPI_REPEAT_RATE, 9.99), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_REPEAT_RATE, 10), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_REPEAT_RATE, 20), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_REPEAT_RATE, 20.01), ==, SP_STATUS_ACT);
  g_assert_cmpint (classify (f, SP_KPI_ESCALATION_RATE, 0), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_ESCALATION_RATE, 21), ==, SP_STATUS_ACT);

  /* "60–75 good, > 85 act" */
  g_assert_cmpint (classify (f, SP_KPI_UTILIZATION, 60), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_UTILIZATION, 75), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_UTILIZATION, 59), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_UTILIZATION, 85), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_UTILIZATION, 85.1), ==, SP_STATUS_ACT);

  g_assert_cmpint (classify (f, SP_KPI_SLA_COMPLIANCE, 95), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_SLA_COMPLIANCE, 90), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_SLA_COMPLIANCE, 89.9), ==, SP_STATUS_ACT);

  /* "≤ 5 good, > 10 act" */
  g_assert_cmpint (classify (f, SP_KPI_CHURN, 5), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_CHURN, 10), ==, SP_STATUS_WATCH);
  g_assert_cmpint (classify (f, SP_KPI_CHURN, 10.5), ==, SP_STATUS_ACT);

  /* no quality colour, and no value */
  g_assert_cmpint (classify (f, SP_KPI_AHT, 5), ==, SP_STATUS_NONE);
  g_assert_cmpint (classify (f, SP_KPI_RESOLUTION_TIME, 5), ==, SP_STATUS_NONE);
  g_assert_cmpint (classify (f, SP_KPI_COST_PER_CONTACT, 5), ==, SP_STATUS_NONE);
  g_assert_cmpint (classify (f, SP_KPI_CSAT, NAN), ==, SP_STATUS_NONE);

  /* per channel: good ≤ target, act > 2 × target */
  g_assert_cmpint (sp_benchmarks_classify_response (f->benchmarks, SP_CHANNEL_CHAT, 1), ==,
                   SP_STATUS_GOOD);
  g_assert_cmpint (sp_benchmarks_classify_response (f->benchmarks, SP_CHANNEL_CHAT, 2), ==,
                   SP_STATUS_WATCH);
  g_assert_cmpint (sp_benchmarks_classify_response (f->benchmarks, SP_CHANNEL_CHAT, 2.01), ==,
                   SP_STATUS_ACT);
  g_assert_cmpint (sp_benchmarks_classify_response (f->benchmarks, SP_CHANNEL_EMAIL, 240), ==,
                   SP_STATUS_GOOD);

  /* backlog: none older than 48 h is good; more than 20 open per agent acts */
  g_assert_cmpint (sp_benchmarks_classify_backlog (f->benchmarks, 30, 0, 2), ==, SP_STATUS_GOOD);
  g_assert_cmpint (sp_benchmarks_classify_backlog (f->benchmarks, 30, 1, 2), ==, SP_STATUS_WATCH);
  g_assert_cmpint (sp_benchmarks_classify_backlog (f->benchmarks, 41, 0, 2), ==, SP_STATUS_ACT);
  g_assert_cmpint (sp_benchmarks_classify_backlog (f->benchmarks, 41, 0, 0), ==, SP_STATUS_GOOD);
}

static void
test_overrides (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpBenchmarks) again = NULL;
  g_autofree char *text = NULL;
  SpBand band = *sp_benchmarks_get_band (f->benchmarks, SP_KPI_CSAT);

  band.good = 80;
  band.act = 70;
  band.act_rule = SP_BAND_RULE_AT_MOST;
  g_assert_true (sp_benchmarks_set_band (f->benchmarks, SP_KPI_CSAT, &band, &error));
  g_assert_no_error (error);

  g_assert_cmpint (classify (f, SP_KPI_CSAT, 82), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_CSAT, 70), ==, SP_STATUS_ACT);
  g_assert_cmpint (classify (f, SP_KPI_CSAT, 70.5), ==, SP_STATUS_WATCH);
  /* the default and the article stay */
  g_assert_cmpfloat (sp_benchmarks_get_default_band (f->benchmarks, SP_KPI_CSAT)->good, ==, 85);
  g_assert_nonnull (sp_benchmarks_get_band (f->benchmarks, SP_KPI_CSAT)->source);

  text = sp_band_format (sp_benchmarks_get_band (f->benchmarks, SP_KPI_CSAT), SP_KPI_CSAT);
  g_assert_cmpstr (text, ==, "≥ 90 excellent · ≥ 80 good · ≤ 70 act");

  g_assert_true (sp_benchmarks_set_channel_target (f->benchmarks, SP_CHANNEL_EMAIL, 60, &error));
  g_assert_no_error (error);

  /* stored in the database: another object on the same file sees them */
  again = sp_benchmarks_new (f->store);
  g_assert_cmpint (sp_benchmarks_classify (again, SP_KPI_CSAT, 82), ==, SP_STATUS_GOOD);
  g_assert_cmpfloat (sp_benchmarks_get_channel_target (again, SP_CHANNEL_EMAIL), ==, 60);

  /* and back */
  g_assert_true (sp_benchmarks_reset_band (f->benchmarks, SP_KPI_CSAT, &error));
  g_assert_true (sp_benchmarks_set_channel_target (f->benchmarks, SP_CHANNEL_EMAIL, NAN, &error));
  g_assert_no_error (error);
  g_assert_cmpint (classify (f, SP_KPI_CSAT, 82), ==, SP_STATUS_WATCH);
  g_assert_cmpfloat (sp_benchmarks_get_channel_target (f->benchmarks, SP_CHANNEL_EMAIL), ==, 240);
  /* the other object follows the store's change signal */
  g_assert_cmpint (sp_benchmarks_classify (again, SP_KPI_CSAT, 82), ==, SP_STATUS_WATCH);

  /* utilization's band */
  band = *sp_benchmarks_get_band (f->benchmarks, SP_KPI_UTILIZATION);
  band.good_low = 50;
  band.act_high = 90;
  g_assert_true (sp_benchmarks_set_band (f->benchmarks, SP_KPI_UTILIZATION, &band, &error));
  g_assert_cmpint (classify (f, SP_KPI_UTILIZATION, 55), ==, SP_STATUS_GOOD);
  g_assert_cmpint (classify (f, SP_KPI_UTILIZATION, 88), ==, SP_STATUS_WATCH);

  /* no band for AHT */
  g_assert_false (sp_benchmarks_set_band (f->benchmarks, SP_KPI_AHT, &band, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
}

/* The day totals count contacts within the SLA target: a new target recounts them */
static void
test_sla_targets (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (f->store);
  g_autoptr(SpKpiSet) before = NULL;
  g_autoptr(SpKpiSet) after = NULL;
  g_autoptr(SpKpiSet) reset = NULL;
  SpPeriod oct = sp_period_make (sp_test_date ("2026-10-01"), sp_test_date ("2026-10-31"));
  const SpTestContact contacts[] = {
    /* exactly on each default target, and one minute past */
    { "2026-10-01 09:00", SP_CHANNEL_EMAIL, "Ana", .priority = SP_PRIORITY_NORMAL,
      .response = "1440" },
    { "2026-10-02 09:00", SP_CHANNEL_EMAIL, "Ana", .priority = SP_PRIORITY_NORMAL,
      .response = "1441" },
    { "2026-10-03 09:00", SP_CHANNEL_EMAIL, "Ana", .priority = SP_PRIORITY_URGENT,
      .response = "60" },
    { "2026-10-04 09:00", SP_CHANNEL_EMAIL, "Ana", .priority = SP_PRIORITY_HIGH,
      .response = "241" },
    { "2026-10-05 09:00", SP_CHANNEL_EMAIL, "Ana", .priority = SP_PRIORITY_LOW,
      .response = "4320" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    sp_test_add_contact (f->store, &contacts[i]);

  before = sp_kpi_engine_compute (engine, &oct, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (before->values[SP_KPI_SLA_COMPLIANCE].value, 60, 1e-9);

  g_assert_true (sp_benchmarks_set_sla_target (sp_kpi_engine_get_benchmarks (engine),
                                               SP_PRIORITY_NORMAL, 2000, &error));
  g_assert_no_error (error);
  after = sp_kpi_engine_compute (engine, &oct, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (after->values[SP_KPI_SLA_COMPLIANCE].value, 80, 1e-9);

  g_assert_true (sp_benchmarks_set_sla_target (sp_kpi_engine_get_benchmarks (engine),
                                               SP_PRIORITY_NORMAL, NAN, &error));
  reset = sp_kpi_engine_compute (engine, &oct, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (reset->values[SP_KPI_SLA_COMPLIANCE].value, 60, 1e-9);
  g_assert_cmpfloat (sp_benchmarks_get_sla_target (f->benchmarks, SP_PRIORITY_NORMAL), ==, 1440);
}

static void
test_without_store (void)
{
  g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (NULL);
  g_autoptr(GError) error = NULL;
  SpBand band = *sp_benchmarks_get_band (benchmarks, SP_KPI_FCR);

  g_assert_cmpint (sp_benchmarks_classify (benchmarks, SP_KPI_FCR, 65), ==, SP_STATUS_WATCH);
  g_assert_false (sp_benchmarks_set_band (benchmarks, SP_KPI_FCR, &band, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_READ_ONLY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/benchmarks/defaults", test_defaults);
  ADD ("/benchmarks/statuses", test_statuses);
  ADD ("/benchmarks/overrides", test_overrides);
  ADD ("/benchmarks/sla-targets", test_sla_targets);
  g_test_add_func ("/benchmarks/without-store", test_without_store);

  return g_test_run ();
}
