/* sp-benchmarks.c
 *
 * The benchmark bands of KPI-SPEC §3 as data: the defaults ship in
 * data/benchmarks.ini (in the core GResource), each with the article it
 * comes from; the owner's overrides are stored in the database's settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-benchmarks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sp-benchmarks-private.h"
#include "sp-core-resources.h"
#include "sp-error.h"
#include "sp-store-private.h"

#define BENCHMARKS_RESOURCE RESOURCE_BASE "/core/benchmarks.ini"

#define BAND_KEY "benchmark.band."
#define CHANNEL_KEY "benchmark.channel-target."
/* Read by the kpi_days triggers too (migration 2): keep the names */
#define SLA_KEY "benchmark.sla-target."

struct _SpBenchmarks
{
  GObject   parent_instance;

  SpStore  *store;
  GKeyFile *defaults;

  SpBand    default_bands[SP_N_KPIS];
  SpBand    bands[SP_N_KPIS];
  double    default_channel[SP_N_CHANNELS];
  double    channel[SP_N_CHANNELS];
  double    default_sla[SP_N_PRIORITIES];
  double    sla[SP_N_PRIORITIES];

  char     *sources[SP_N_KPIS];
  char     *notes[SP_N_KPIS];
  char     *channel_source;
  char     *sla_source;
};

G_DEFINE_FINAL_TYPE (SpBenchmarks, sp_benchmarks, G_TYPE_OBJECT)

/* Rules */

gboolean
sp_band_rule_holds (SpBandRule rule,
                    double     threshold,
                    double     value)
{
  if (isnan (threshold) || isnan (value))
    return FALSE;

  switch (rule)
    {
    case SP_BAND_RULE_AT_LEAST:
      return value >= threshold;
    case SP_BAND_RULE_MORE_THAN:
      return value > threshold;
    case SP_BAND_RULE_AT_MOST:
      return value <= threshold;
    case SP_BAND_RULE_LESS_THAN:
      return value < threshold;
    case SP_BAND_RULE_NONE:
    default:
      return FALSE;
    }
}

const char *
sp_band_rule_to_string (SpBandRule rule)
{
  switch (rule)
    {
    case SP_BAND_RULE_AT_LEAST:
      return ">=";
    case SP_BAND_RULE_MORE_THAN:
      return ">";
    case SP_BAND_RULE_AT_MOST:
      return "<=";
    case SP_BAND_RULE_LESS_THAN:
      return "<";
    case SP_BAND_RULE_NONE:
    default:
      return "";
    }
}

static const char *
rule_symbol (SpBandRule rule)
{
  switch (rule)
    {
    case SP_BAND_RULE_AT_LEAST:
      return "≥";
    case SP_BAND_RULE_MORE_THAN:
      return ">";
    case SP_BAND_RULE_AT_MOST:
      return "≤";
    case SP_BAND_RULE_LESS_THAN:
      return "<";
    case SP_BAND_RULE_NONE:
    default:
      return "";
    }
}

/* ">= 85" → AT_LEAST, 85; FALSE when it is not a rule */
static gboolean
parse_rule (const char  *text,
            SpBandRule  *rule,
            double      *threshold)
{
  static const struct { const char *op; SpBandRule rule; } ops[] = {
    { ">=", SP_BAND_RULE_AT_LEAST }, { "≥", SP_BAND_RULE_AT_LEAST },
    { "<=", SP_BAND_RULE_AT_MOST }, { "≤", SP_BAND_RULE_AT_MOST },
    { ">", SP_BAND_RULE_MORE_THAN }, { "<", SP_BAND_RULE_LESS_THAN },
  };
  g_autofree char *copy = NULL;
  char *p, *end;

  *rule = SP_BAND_RULE_NONE;
  *threshold = NAN;

  if (text == NULL)
    return TRUE;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      if (g_str_has_prefix (copy, ops[i].op))
        {
          p = copy + strlen (ops[i].op);
          while (g_ascii_isspace (*p))
            p++;
          *threshold = g_ascii_strtod (p, &end);
          if (end == p || *end != '\0' || !isfinite (*threshold))
            return FALSE;
          *rule = ops[i].rule;
          return TRUE;
        }
    }

  return FALSE;
}

/* "60..75" */
static gboolean
parse_range (const char *text,
             double     *low,
             double     *high)
{
  g_auto(GStrv) parts = NULL;
  char *end;

  *low = *high = NAN;
  if (text == NULL)
    return FALSE;

  parts = g_strsplit (text, "..", 2);
  if (g_strv_length (parts) != 2)
    return FALSE;

  *low = g_ascii_strtod (g_strstrip (parts[0]), &end);
  if (end == parts[0] || *end != '\0')
    return FALSE;
  *high = g_ascii_strtod (g_strstrip (parts[1]), &end);
  if (end == parts[1] || *end != '\0')
    return FALSE;

  return isfinite (*low) && isfinite (*high) && *low <= *high;
}

static void
band_clear (SpBand *band)
{
  band->excellent = band->good = band->act = NAN;
  band->good_low = band->good_high = band->act_high = NAN;
  band->excellent_rule = band->good_rule = band->act_rule = SP_BAND_RULE_NONE;
  band->source = band->note = NULL;
  band->min_n = 0;
}

/* The three rules of @band as "excellent|good|act", for the settings */
static char *
band_to_setting (const SpBand *band,
                 SpKpi         kpi)
{
  char buf[3][G_ASCII_DTOSTR_BUF_SIZE];
  char low[G_ASCII_DTOSTR_BUF_SIZE];
  char high[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *e = NULL, *g = NULL, *a = NULL;

  g_ascii_dtostr (buf[0], sizeof buf[0], band->excellent);
  g_ascii_dtostr (buf[1], sizeof buf[1], band->good);
  g_ascii_dtostr (buf[2], sizeof buf[2], band->act);

  e = band->excellent_rule ? g_strdup_printf ("%s %s", sp_band_rule_to_string (band->excellent_rule),
                                              buf[0]) : g_strdup ("");
  if (kpi == SP_KPI_UTILIZATION)
    {
      g_ascii_dtostr (low, sizeof low, band->good_low);
      g_ascii_dtostr (high, sizeof high, band->good_high);
      g = g_strdup_printf ("%s..%s", low, high);
      g_ascii_dtostr (buf[2], sizeof buf[2], band->act_high);
      a = g_strdup_printf ("> %s", buf[2]);
    }
  else
    {
      g = band->good_rule ? g_strdup_printf ("%s %s", sp_band_rule_to_string (band->good_rule),
                                             buf[1]) : g_strdup ("");
      a = band->act_rule ? g_strdup_printf ("%s %s", sp_band_rule_to_string (band->act_rule),
                                            buf[2]) : g_strdup ("");
    }

  return g_strdup_printf ("%s|%s|%s", e, g, a);
}

/* Fills the thresholds of @band from three rule texts; FALSE if one is bad */
static gboolean
band_parse (SpBand     *band,
            SpKpi       kpi,
            const char *excellent,
            const char *good,
            const char *act)
{
  SpBand b;

  band_clear (&b);

  if (!parse_rule (excellent, &b.excellent_rule, &b.excellent))
    return FALSE;

  if (kpi == SP_KPI_UTILIZATION)
    {
      SpBandRule rule;

      if (good != NULL && !parse_range (good, &b.good_low, &b.good_high))
        return FALSE;
      if (!parse_rule (act, &rule, &b.act_high))
        return FALSE;
      if (rule != SP_BAND_RULE_NONE && rule != SP_BAND_RULE_MORE_THAN &&
          rule != SP_BAND_RULE_AT_LEAST)
        return FALSE;
    }
  else
    {
      if (!parse_rule (good, &b.good_rule, &b.good) ||
          !parse_rule (act, &b.act_rule, &b.act))
        return FALSE;
    }

  b.source = band->source;
  b.note = band->note;
  b.min_n = band->min_n;
  *band = b;
  return TRUE;
}

char *
sp_band_format_source (const SpBand *band)
{
  g_return_val_if_fail (band != NULL, NULL);

  if (band->source == NULL || *band->source == '\0')
    return g_strdup ("");
  if (band->note != NULL && *band->note != '\0')
    /* TRANSLATORS: the words a benchmark rests on and the guide they come from */
    return g_strdup_printf (_("“%s” — %s"), band->note, band->source);
  /* TRANSLATORS: where a benchmark comes from: a guide's title, or "house default" */
  return g_strdup_printf (_("Source: %s"), band->source);
}

/* Loading */

/**
 * sp_benchmarks_load_defaults:
 *
 * Returns: (transfer full): data/benchmarks.ini as shipped
 */
GKeyFile *
sp_benchmarks_load_defaults (GError **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resource_lookup_data (sp_core_get_resource (), BENCHMARKS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  if (!g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, error))
    return NULL;

  return g_steal_pointer (&keyfile);
}

static double
keyfile_minutes (GKeyFile   *keyfile,
                 const char *group,
                 const char *key)
{
  g_autofree char *text = g_key_file_get_string (keyfile, group, key, NULL);
  char *end;
  double v;

  if (text == NULL)
    return NAN;

  v = g_ascii_strtod (g_strstrip (text), &end);
  return (end != text && *end == '\0' && v > 0) ? v : NAN;
}


/* The notes and sources of benchmarks.ini in the user's language: the file
 * keeps the English text, which is the msgid (po/benchmarks-strings.c
 * carries them to translators; build-aux/update-benchmark-strings writes it) */
static char *
keyfile_text (GKeyFile   *keyfile,
              const char *group,
              const char *key)
{
  g_autofree char *text = g_key_file_get_string (keyfile, group, key, NULL);

  if (text == NULL || *text == '\0')
    return g_steal_pointer (&text);

  return g_strdup (g_dgettext (GETTEXT_PACKAGE, text));
}

static void
load_defaults (SpBenchmarks *self)
{
  g_autoptr(GError) error = NULL;

  self->defaults = sp_benchmarks_load_defaults (&error);
  if (self->defaults == NULL)
    {
      g_critical ("The benchmark bands could not be read: %s", error->message);
      self->defaults = g_key_file_new ();
    }

  for (guint i = 0; i < SP_N_KPIS; i++)
    {
      const char *group = sp_kpi_to_key (i);
      g_autofree char *excellent = g_key_file_get_string (self->defaults, group, "excellent", NULL);
      g_autofree char *good = g_key_file_get_string (self->defaults, group, "good", NULL);
      g_autofree char *act = g_key_file_get_string (self->defaults, group, "act", NULL);
      SpBand *band = &self->default_bands[i];

      band_clear (band);
      self->sources[i] = keyfile_text (self->defaults, group, "source");
      self->notes[i] = keyfile_text (self->defaults, group, "note");
      band->source = self->sources[i];
      band->note = self->notes[i];
      band->min_n = sp_benchmarks_get_min_n (i);

      if (!band_parse (band, i, excellent, good, act))
        g_critical ("benchmarks.ini: the band of %s is not valid", group);
    }

  for (guint i = 0; i < SP_N_CHANNELS; i++)
    self->default_channel[i] = keyfile_minutes (self->defaults, "channel-targets",
                                                sp_channel_to_string (i));
  /* read by the store, which fills the table the totals count them with */
  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    self->default_sla[i] = sp_store_get_default_sla_target (i);

  self->channel_source = keyfile_text (self->defaults, "channel-targets", "source");
  self->sla_source = keyfile_text (self->defaults, "sla-targets", "source");
}

static GKeyFile *
get_shipped (void)
{
  static GKeyFile *shipped;

  if (g_once_init_enter (&shipped))
    {
      g_autoptr(GError) error = NULL;
      GKeyFile *keyfile = sp_benchmarks_load_defaults (&error);

      if (keyfile == NULL)
        {
          g_critical ("The benchmark bands could not be read: %s", error->message);
          keyfile = g_key_file_new ();
        }
      g_once_init_leave (&shipped, keyfile);
    }

  return shipped;
}

gint64
sp_benchmarks_get_min_n (SpKpi kpi)
{
  static gint64 min_n[SP_N_KPIS];
  static gsize loaded;

  g_return_val_if_fail (kpi >= 0 && kpi < SP_N_KPIS, 0);

  if (g_once_init_enter (&loaded))
    {
      for (guint i = 0; i < SP_N_KPIS; i++)
        {
          gint64 v = g_key_file_get_int64 (get_shipped (), sp_kpi_to_key (i), "min_n", NULL);

          min_n[i] = MAX (v, 0);
        }
      g_once_init_leave (&loaded, 1);
    }

  return min_n[kpi];
}

/**
 * sp_benchmarks_judge:
 *
 * @status as classified from @value, unless @value rests on fewer than
 * @kpi's minimum n: then SP_STATUS_TOO_FEW, so that no colour is given to
 * a figure a few more answers could turn over.
 */
SpStatus
sp_benchmarks_judge (SpStatus status,
                     SpKpi    kpi,
                     double   value,
                     gint64   n)
{
  if (status == SP_STATUS_NONE || isnan (value))
    return status;
  if (n < sp_benchmarks_get_min_n (kpi))
    return SP_STATUS_TOO_FEW;
  return status;
}

GStrv
sp_benchmarks_dup_source_titles (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = g_key_file_get_keys (get_shipped (), "sources", NULL, NULL);

  for (guint i = 0; keys && keys[i]; i++)
    {
      g_autofree char *title = g_key_file_get_string (get_shipped (), "sources", keys[i], NULL);

      if (title && *title)
        g_strv_builder_add (builder, title);
    }

  return g_strv_builder_end (builder);
}

char *
sp_benchmarks_dup_source_title (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return g_key_file_get_string (get_shipped (), "sources", key, NULL);
}

static double
setting_minutes (SpBenchmarks *self,
                 const char   *prefix,
                 const char   *name,
                 double        fallback)
{
  g_autofree char *key = g_strconcat (prefix, name, NULL);
  g_autofree char *text = sp_store_dup_setting (self->store, key);
  char *end;
  double v;

  if (text == NULL)
    return fallback;

  v = g_ascii_strtod (text, &end);
  return (end != text && *end == '\0' && v > 0 && isfinite (v)) ? v : fallback;
}

void
sp_benchmarks_reload (SpBenchmarks *self)
{
  g_return_if_fail (SP_IS_BENCHMARKS (self));

  for (guint i = 0; i < SP_N_KPIS; i++)
    {
      self->bands[i] = self->default_bands[i];

      if (self->store != NULL)
        {
          g_autofree char *key = g_strconcat (BAND_KEY, sp_kpi_to_key (i), NULL);
          g_autofree char *text = sp_store_dup_setting (self->store, key);
          g_auto(GStrv) parts = text ? g_strsplit (text, "|", 3) : NULL;

          if (parts != NULL && g_strv_length (parts) == 3 &&
              !band_parse (&self->bands[i], i, parts[0], parts[1], parts[2]))
            {
              g_warning ("Ignoring the stored band of %s: “%s”", sp_kpi_to_key (i), text);
              self->bands[i] = self->default_bands[i];
            }
        }
    }

  for (guint i = 0; i < SP_N_CHANNELS; i++)
    self->channel[i] = self->store ? setting_minutes (self, CHANNEL_KEY, sp_channel_to_string (i),
                                                      self->default_channel[i])
                                   : self->default_channel[i];

  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    self->sla[i] = self->store ? sp_store_get_sla_target (self->store, i)
                               : self->default_sla[i];
}

static void
on_store_changed (SpBenchmarks *self,
                  guint         changes)
{
  if (changes & SP_STORE_CHANGE_SETTINGS)
    sp_benchmarks_reload (self);
}

static void
sp_benchmarks_finalize (GObject *object)
{
  SpBenchmarks *self = (SpBenchmarks *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->defaults, g_key_file_unref);
  for (guint i = 0; i < SP_N_KPIS; i++)
    {
      g_free (self->sources[i]);
      g_free (self->notes[i]);
    }
  g_free (self->channel_source);
  g_free (self->sla_source);

  G_OBJECT_CLASS (sp_benchmarks_parent_class)->finalize (object);
}

static void
sp_benchmarks_class_init (SpBenchmarksClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_benchmarks_finalize;
}

static void
sp_benchmarks_init (SpBenchmarks *self)
{
  load_defaults (self);
}

/**
 * sp_benchmarks_new:
 * @store: (nullable): where the overrides are stored; %NULL for the
 *   defaults only
 */
SpBenchmarks *
sp_benchmarks_new (SpStore *store)
{
  SpBenchmarks *self;

  g_return_val_if_fail (store == NULL || SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_BENCHMARKS, NULL);
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                               G_CONNECT_SWAPPED);
    }

  sp_benchmarks_reload (self);
  return self;
}

/* Bands */

const SpBand *
sp_benchmarks_get_band (SpBenchmarks *self,
                        SpKpi         kpi)
{
  g_return_val_if_fail (SP_IS_BENCHMARKS (self), NULL);
  g_return_val_if_fail (kpi >= 0 && kpi < SP_N_KPIS, NULL);

  return &self->bands[kpi];
}

const SpBand *
sp_benchmarks_get_default_band (SpBenchmarks *self,
                                SpKpi         kpi)
{
  g_return_val_if_fail (SP_IS_BENCHMARKS (self), NULL);
  g_return_val_if_fail (kpi >= 0 && kpi < SP_N_KPIS, NULL);

  return &self->default_bands[kpi];
}

static gboolean
check_writable (SpBenchmarks  *self,
                GError       **error)
{
  if (self->store == NULL)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_READ_ONLY,
                           _("These benchmarks have no database to keep changes in."));
      return FALSE;
    }
  return TRUE;
}

/**
 * sp_benchmarks_set_band:
 *
 * Stores @band's thresholds and rules as the owner's override for @kpi
 * (its source and note are kept from the default).
 */
gboolean
sp_benchmarks_set_band (SpBenchmarks  *self,
                        SpKpi          kpi,
                        const SpBand  *band,
                        GError       **error)
{
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  SpBand check;

  g_return_val_if_fail (SP_IS_BENCHMARKS (self), FALSE);
  g_return_val_if_fail (kpi >= 0 && kpi < SP_N_KPIS, FALSE);
  g_return_val_if_fail (band != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!sp_kpi_has_status (kpi))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is a KPI's name */
                   _("%s has no benchmark band."), sp_kpi_get_name (kpi));
      return FALSE;
    }

  text = band_to_setting (band, kpi);
  parts = g_strsplit (text, "|", 3);
  check = self->default_bands[kpi];
  if (!band_parse (&check, kpi, parts[0], parts[1], parts[2]))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is a KPI's name */
                   _("The band of %s is not valid."), sp_kpi_get_name (kpi));
      return FALSE;
    }

  key = g_strconcat (BAND_KEY, sp_kpi_to_key (kpi), NULL);
  if (!sp_store_set_setting (self->store, key, text, error))
    return FALSE;

  sp_benchmarks_reload (self);
  return TRUE;
}

gboolean
sp_benchmarks_check_band (SpKpi          kpi,
                          const SpBand  *band,
                          GError       **error)
{
  SpDirection direction = sp_kpi_get_direction (kpi);
  double v[3] = { band->excellent, band->good, band->act };

  g_return_val_if_fail (band != NULL, FALSE);

  if (kpi == SP_KPI_UTILIZATION)
    {
      if (band->good_low > band->good_high || band->good_high > band->act_high)
        {
          g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                               _("The good band must start below where it ends, and end below "
                                 "where action starts."));
          return FALSE;
        }
      return TRUE;
    }

  /* the backlog's rules are about two different counts */
  if (kpi == SP_KPI_BACKLOG)
    return TRUE;

  for (guint i = 0; i < 2; i++)
    for (guint j = i + 1; j < 3; j++)
      if (isfinite (v[i]) && isfinite (v[j]) &&
          (direction == SP_DIRECTION_HIGHER_IS_BETTER ? v[i] < v[j] : v[i] > v[j]))
        {
          g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                               direction == SP_DIRECTION_HIGHER_IS_BETTER
                                 ? _("Excellent must be at least good, and good at least act.")
                                 : _("Excellent must be at most good, and good at most act."));
          return FALSE;
        }

  return TRUE;
}

gboolean
sp_benchmarks_reset_band (SpBenchmarks  *self,
                          SpKpi          kpi,
                          GError       **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (SP_IS_BENCHMARKS (self), FALSE);
  g_return_val_if_fail (kpi >= 0 && kpi < SP_N_KPIS, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  key = g_strconcat (BAND_KEY, sp_kpi_to_key (kpi), NULL);
  if (!sp_store_set_setting (self->store, key, NULL, error))
    return FALSE;

  sp_benchmarks_reload (self);
  return TRUE;
}

static SpStatus
classify_band (const SpBand *band,
               SpKpi         kpi,
               double        value)
{
  if (kpi == SP_KPI_UTILIZATION)
    {
      if (value > band->act_high)
        return SP_STATUS_ACT;
      if (value >= band->good_low && value <= band->good_high)
        return SP_STATUS_GOOD;
      return SP_STATUS_WATCH;
    }

  if (sp_band_rule_holds (band->act_rule, band->act, value))
    return SP_STATUS_ACT;
  if (sp_band_rule_holds (band->excellent_rule, band->excellent, value))
    return SP_STATUS_EXCELLENT;
  if (sp_band_rule_holds (band->good_rule, band->good, value))
    return SP_STATUS_GOOD;
  return SP_STATUS_WATCH;
}

/**
 * sp_benchmarks_classify:
 *
 * The status of @value for @kpi.  SP_STATUS_NONE for a missing value and
 * for the KPIs without a quality colour.  The first response time overall
 * and the backlog need more than one number: see
 * sp_benchmarks_classify_response() and sp_benchmarks_classify_backlog().
 */
SpStatus
sp_benchmarks_classify (SpBenchmarks *self,
                        SpKpi         kpi,
                        double        value)
{
  g_return_val_if_fail (SP_IS_BENCHMARKS (self), SP_STATUS_NONE);
  g_return_val_if_fail (kpi >= 0 && kpi < SP_N_KPIS, SP_STATUS_NONE);

  if (isnan (value) || !sp_kpi_has_status (kpi) || kpi == SP_KPI_FIRST_RESPONSE ||
      kpi == SP_KPI_BACKLOG)
    return SP_STATUS_NONE;

  return classify_band (&self->bands[kpi], kpi, value);
}

/*
 * Act when the open contacts per active agent break the act rule (when
 * @agents > 0), else good when the contacts older than 48 h keep the good
 * rule, else watch.
 */
SpStatus
sp_benchmarks_classify_backlog (SpBenchmarks *self,
                                gint64        open,
                                gint64        older_than_48h,
                                gint64        agents)
{
  const SpBand *band;

  g_return_val_if_fail (SP_IS_BENCHMARKS (self), SP_STATUS_NONE);

  if (open < 0)
    return SP_STATUS_NONE;

  band = &self->bands[SP_KPI_BACKLOG];
  if (agents > 0 && sp_band_rule_holds (band->act_rule, band->act, (double) open / agents))
    return SP_STATUS_ACT;
  if (sp_band_rule_holds (band->good_rule, band->good, (double) older_than_48h))
    return SP_STATUS_GOOD;
  return SP_STATUS_WATCH;
}

/* "≥ 90 excellent · ≥ 85 good · < 75 act", for the KPI pages */
char *
sp_band_format (const SpBand *band,
                SpKpi         kpi)
{
  GString *str;

  g_return_val_if_fail (band != NULL, NULL);

  str = g_string_new (NULL);

  if (kpi == SP_KPI_UTILIZATION)
    {
      /* TRANSLATORS: utilization's band, e.g. "60–75 good · > 85 act" */
      g_string_append_printf (str, _("%g–%g good · > %g act"),
                              band->good_low, band->good_high, band->act_high);
      return g_string_free (str, FALSE);
    }

  if (kpi == SP_KPI_BACKLOG)
    {
      /* TRANSLATORS: the backlog's band: "≥", a number of contacts older than 48 hours, "≤", a
       * number of open contacts per agent */
      g_string_append_printf (str, _("%s %g older than 48 h good · %s %g open per agent act"),
                              rule_symbol (band->good_rule), band->good,
                              rule_symbol (band->act_rule), band->act);
      return g_string_free (str, FALSE);
    }

  if (band->excellent_rule)
    /* TRANSLATORS: a band's rule: an operator such as "≥", and the number */
    g_string_append_printf (str, _("%s %g excellent"), rule_symbol (band->excellent_rule),
                            band->excellent);
  if (band->good_rule)
    /* TRANSLATORS: a band's rule: an operator, an optional space, and the number */
    g_string_append_printf (str, _("%s%s %g good"), str->len ? " · " : "",
                            rule_symbol (band->good_rule), band->good);
  if (band->act_rule)
    /* TRANSLATORS: a band's rule: an operator, an optional space, and the number */
    g_string_append_printf (str, _("%s%s %g act"), str->len ? " · " : "",
                            rule_symbol (band->act_rule), band->act);

  return g_string_free (str, FALSE);
}

/* Channel targets */

double
sp_benchmarks_get_channel_target (SpBenchmarks *self,
                                  SpChannel     channel)
{
  g_return_val_if_fail (SP_IS_BENCHMARKS (self), NAN);
  g_return_val_if_fail (channel >= 0 && channel < SP_N_CHANNELS, NAN);

  return self->channel[channel];
}

double
sp_benchmarks_get_default_channel_target (SpBenchmarks *self,
                                          SpChannel     channel)
{
  g_return_val_if_fail (SP_IS_BENCHMARKS (self), NAN);
  g_return_val_if_fail (channel >= 0 && channel < SP_N_CHANNELS, NAN);

  return self->default_channel[channel];
}

static char *
minutes_setting (double minutes)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (minutes) || minutes <= 0)
    return NULL;
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, minutes));
}

gboolean
sp_benchmarks_set_channel_target (SpBenchmarks  *self,
                                  SpChannel      channel,
                                  double         minutes,
                                  GError       **error)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (SP_IS_BENCHMARKS (self), FALSE);
  g_return_val_if_fail (channel >= 0 && channel < SP_N_CHANNELS, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (isinf (minutes))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Enter a number of minutes."));
      return FALSE;
    }

  key = g_strconcat (CHANNEL_KEY, sp_channel_to_string (channel), NULL);
  value = minutes_setting (minutes);
  if (!sp_store_set_setting (self->store, key, value, error))
    return FALSE;

  sp_benchmarks_reload (self);
  return TRUE;
}

SpStatus
sp_benchmarks_classify_response (SpBenchmarks *self,
                                 SpChannel     channel,
                                 double        minutes)
{
  double target;

  g_return_val_if_fail (SP_IS_BENCHMARKS (self), SP_STATUS_NONE);
  g_return_val_if_fail (channel >= 0 && channel < SP_N_CHANNELS, SP_STATUS_NONE);

  target = self->channel[channel];
  if (isnan (minutes) || isnan (target))
    return SP_STATUS_NONE;
  if (minutes <= target)
    return SP_STATUS_GOOD;
  if (minutes > 2 * target)
    return SP_STATUS_ACT;
  return SP_STATUS_WATCH;
}

/* SLA targets */

double
sp_benchmarks_get_sla_target (SpBenchmarks *self,
                              SpPriority    priority)
{
  g_return_val_if_fail (SP_IS_BENCHMARKS (self), NAN);
  g_return_val_if_fail (priority >= 0 && priority < SP_N_PRIORITIES, NAN);

  return self->sla[priority];
}

double
sp_benchmarks_get_default_sla_target (SpBenchmarks *self,
                                      SpPriority    priority)
{
  g_return_val_if_fail (SP_IS_BENCHMARKS (self), NAN);
  g_return_val_if_fail (priority >= 0 && priority < SP_N_PRIORITIES, NAN);

  return self->default_sla[priority];
}

/* Where the channel (@sla FALSE) or SLA targets come from */
const char *
sp_benchmarks_get_targets_source (SpBenchmarks *self,
                                  gboolean      sla)
{
  g_return_val_if_fail (SP_IS_BENCHMARKS (self), NULL);
  return sla ? self->sla_source : self->channel_source;
}

gboolean
sp_benchmarks_set_sla_target (SpBenchmarks  *self,
                              SpPriority     priority,
                              double         minutes,
                              GError       **error)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (SP_IS_BENCHMARKS (self), FALSE);
  g_return_val_if_fail (priority >= 0 && priority < SP_N_PRIORITIES, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (isinf (minutes))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Enter a number of minutes."));
      return FALSE;
    }

  key = g_strconcat (SLA_KEY, sp_priority_to_string (priority), NULL);
  value = minutes_setting (minutes);

  /* The day totals count the contacts answered within target: recount them */
  if (!sp_store_begin (self->store, error))
    return FALSE;

  if (!sp_store_set_setting (self->store, key, value, error) ||
      !sp_store_sync_sla_targets (self->store, error))
    {
      sp_store_rollback (self->store);
      return FALSE;
    }

  sp_store_note_changes (self->store, SP_STORE_CHANGE_CONTACTS);
  if (!sp_store_commit (self->store, error))
    return FALSE;

  sp_benchmarks_reload (self);
  return TRUE;
}
