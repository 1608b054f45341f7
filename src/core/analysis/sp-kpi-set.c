/* sp-kpi-set.c
 *
 * Every KPI of one period and segment, and its JSON form (KPI-SPEC §5).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-kpi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-json.h"
#include "sp-kpi-set.h"

G_DEFINE_FINAL_TYPE (SpKpiSet, sp_kpi_set, G_TYPE_OBJECT)

static void
clear_category (gpointer data)
{
  SpCategoryCount *count = data;

  g_clear_pointer (&count->name, g_free);
}

static void
sp_kpi_set_finalize (GObject *object)
{
  SpKpiSet *self = (SpKpiSet *) object;

  g_clear_pointer (&self->segment_label, g_free);
  g_clear_pointer (&self->contacts_by_category, g_array_unref);

  G_OBJECT_CLASS (sp_kpi_set_parent_class)->finalize (object);
}

static void
sp_kpi_set_class_init (SpKpiSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_kpi_set_finalize;
}

static void
clear_value (SpKpiValue *value)
{
  value->value = NAN;
  value->n = 0;
  value->lower = NAN;
  value->upper = NAN;
  value->status = SP_STATUS_NONE;
}

static void
sp_kpi_set_init (SpKpiSet *self)
{
  for (guint i = 0; i < SP_N_KPIS; i++)
    clear_value (&self->values[i]);
  for (guint i = 0; i < SP_N_CHANNELS; i++)
    {
      clear_value (&self->first_response_by_channel[i]);
      clear_value (&self->first_response_by_channel_clock[i]);
    }
  clear_value (&self->first_response_clock);
  clear_value (&self->resolution_clock);
  self->first_response_target = NAN;

  sp_segment_init_all (&self->segment);
  self->contacts_by_category = g_array_new (FALSE, TRUE, sizeof (SpCategoryCount));
  g_array_set_clear_func (self->contacts_by_category, clear_category);
}

SpKpiSet *
sp_kpi_set_new (const SpPeriod  *period,
                const SpSegment *segment)
{
  SpKpiSet *self;

  g_return_val_if_fail (period != NULL, NULL);

  self = g_object_new (SP_TYPE_KPI_SET, NULL);
  self->period = *period;
  if (segment != NULL)
    self->segment = *segment;

  return self;
}

const SpKpiValue *
sp_kpi_set_get (SpKpiSet *self,
                SpKpi     kpi)
{
  g_return_val_if_fail (SP_IS_KPI_SET (self), NULL);
  g_return_val_if_fail (kpi >= 0 && kpi < SP_N_KPIS, NULL);

  return &self->values[kpi];
}

double
sp_kpi_set_get_completeness (SpKpiSet *self)
{
  g_return_val_if_fail (SP_IS_KPI_SET (self), NAN);

  if (self->contacts <= 0)
    return NAN;

  return 100.0 * (double) (self->contacts - self->incomplete) / (double) self->contacts;
}

void
sp_kpi_set_add_category (SpKpiSet   *self,
                         gint64      category_id,
                         const char *name,
                         gint64      contacts)
{
  SpCategoryCount count = { category_id, g_strdup (name ? name : ""), contacts };

  g_return_if_fail (SP_IS_KPI_SET (self));

  g_array_append_val (self->contacts_by_category, count);
}

gint64
sp_kpi_set_get_category_count (SpKpiSet *self,
                               gint64    category_id)
{
  g_return_val_if_fail (SP_IS_KPI_SET (self), 0);

  for (guint i = 0; i < self->contacts_by_category->len; i++)
    {
      const SpCategoryCount *count = &g_array_index (self->contacts_by_category,
                                                     SpCategoryCount, i);
      if (count->category_id == category_id)
        return count->contacts;
    }

  return 0;
}

/**
 * sp_kpi_set_get_time_basis:
 *
 * What to say beside first response, resolution time and SLA compliance
 * when they count the shop's opening hours (KPI-SPEC §7), so that no one
 * reads them as clock time.
 */
const char *
sp_kpi_set_get_time_basis (SpKpiSet *self,
                           SpKpi     kpi)
{
  g_return_val_if_fail (SP_IS_KPI_SET (self), NULL);

  if (!self->opening_hours)
    return NULL;
  if (kpi != SP_KPI_FIRST_RESPONSE && kpi != SP_KPI_RESOLUTION_TIME &&
      kpi != SP_KPI_SLA_COMPLIANCE)
    return NULL;
  return _("in opening hours");
}

const SpKpiValue *
sp_kpi_set_get_clock (SpKpiSet *self,
                      SpKpi     kpi)
{
  g_return_val_if_fail (SP_IS_KPI_SET (self), NULL);

  if (!self->opening_hours)
    return NULL;
  if (kpi == SP_KPI_FIRST_RESPONSE)
    return &self->first_response_clock;
  if (kpi == SP_KPI_RESOLUTION_TIME)
    return &self->resolution_clock;
  return NULL;
}

static void
json_value_fields (GString          *out,
                   const SpKpiValue *value)
{
  sp_json_key (out, "value");
  sp_json_double (out, value->value);
  sp_json_key (out, "n");
  sp_json_int (out, value->n);
  if (isfinite (value->lower) && isfinite (value->upper) && isfinite (value->value))
    {
      sp_json_key (out, "lower");
      sp_json_double (out, value->lower);
      sp_json_key (out, "upper");
      sp_json_double (out, value->upper);
    }
  if (value->status != SP_STATUS_NONE)
    {
      sp_json_key (out, "status");
      sp_json_string (out, sp_status_to_string (value->status));
    }
}

static void
json_kpi (GString  *out,
          SpKpiSet *self,
          SpKpi     kpi)
{
  const SpKpiValue *value = &self->values[kpi];

  sp_json_key (out, sp_kpi_to_key (kpi));
  g_string_append_c (out, '{');
  json_value_fields (out, value);

  if (kpi == SP_KPI_NPS)
    {
      sp_json_key (out, "promoters");
      sp_json_int (out, self->promoters);
      sp_json_key (out, "passives");
      sp_json_int (out, self->passives);
      sp_json_key (out, "detractors");
      sp_json_int (out, self->detractors);
    }
  else if (kpi == SP_KPI_FIRST_RESPONSE)
    {
      sp_json_key (out, "by_channel");
      g_string_append_c (out, '{');
      for (guint c = 0; c < SP_N_CHANNELS; c++)
        {
          if (self->contacts_by_channel[c] <= 0)
            continue;
          sp_json_key (out, sp_channel_to_string (c));
          g_string_append_c (out, '{');
          json_value_fields (out, &self->first_response_by_channel[c]);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, '}');
}

/**
 * sp_kpi_set_to_json:
 *
 * The object `service-pulse kpis --json` prints: the keys of KPI-SPEC §3
 * with their unrounded values (null when there is none) and n, plus
 * "lower"/"upper" (the 95 % interval), "status", "segment" and
 * "completeness".
 */
char *
sp_kpi_set_to_json (SpKpiSet *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GString *out;

  g_return_val_if_fail (SP_IS_KPI_SET (self), NULL);

  from = sp_date_format_iso (self->period.from);
  to = sp_date_format_iso (self->period.to);
  out = g_string_new ("{");

  sp_json_key (out, "from");
  sp_json_string (out, from);
  sp_json_key (out, "to");
  sp_json_string (out, to);

  if (self->segment.kind != SP_SEGMENT_ALL)
    {
      sp_json_key (out, "segment");
      g_string_append_c (out, '{');
      sp_json_key (out, "kind");
      sp_json_string (out, sp_segment_kind_to_string (self->segment.kind));
      sp_json_key (out, "name");
      sp_json_string (out, self->segment_label ? self->segment_label : "");
      g_string_append_c (out, '}');
    }

  sp_json_key (out, "contacts");
  sp_json_int (out, self->contacts);
  sp_json_key (out, "complaints");
  sp_json_int (out, self->complaints);

  sp_json_key (out, "contacts_by_channel");
  g_string_append_c (out, '{');
  for (guint c = 0; c < SP_N_CHANNELS; c++)
    {
      if (self->contacts_by_channel[c] <= 0)
        continue;
      sp_json_key (out, sp_channel_to_string (c));
      sp_json_int (out, self->contacts_by_channel[c]);
    }
  g_string_append_c (out, '}');

  sp_json_key (out, "contacts_by_category");
  g_string_append_c (out, '{');
  for (guint i = 0; i < self->contacts_by_category->len; i++)
    {
      const SpCategoryCount *count = &g_array_index (self->contacts_by_category,
                                                     SpCategoryCount, i);
      sp_json_key (out, count->category_id == 0 ? "" : count->name);
      sp_json_int (out, count->contacts);
    }
  g_string_append_c (out, '}');

  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      if (kpi == SP_KPI_CONTACTS)
        continue;

      if (kpi == SP_KPI_BACKLOG)
        {
          sp_json_key (out, "backlog");
          g_string_append_c (out, '{');
          sp_json_key (out, "open");
          sp_json_int (out, self->backlog_open);
          sp_json_key (out, "older_than_48h");
          sp_json_int (out, self->backlog_older_than_48h);
          if (self->values[kpi].status != SP_STATUS_NONE)
            {
              sp_json_key (out, "status");
              sp_json_string (out, sp_status_to_string (self->values[kpi].status));
            }
          g_string_append_c (out, '}');
          continue;
        }

      json_kpi (out, self, kpi);
    }

  sp_json_key (out, "completeness");
  g_string_append_c (out, '{');
  sp_json_key (out, "value");
  sp_json_double (out, sp_kpi_set_get_completeness (self));
  sp_json_key (out, "n");
  sp_json_int (out, self->contacts);
  sp_json_key (out, "missing_first_response");
  sp_json_int (out, self->missing_first_response);
  sp_json_key (out, "missing_outcome");
  sp_json_int (out, self->missing_outcome);
  sp_json_key (out, "missing_customer");
  sp_json_int (out, self->missing_customer);
  sp_json_key (out, "missing_handle_minutes");
  sp_json_int (out, self->missing_handle_minutes);
  g_string_append_c (out, '}');

  /* KPI-SPEC §7: which time the durations count, and the clock ones beside */
  sp_json_key (out, "time_basis");
  sp_json_string (out, self->opening_hours ? "opening_hours" : "clock");
  if (self->opening_hours)
    {
      sp_json_key (out, "first_response_minutes_clock");
      g_string_append_c (out, '{');
      json_value_fields (out, &self->first_response_clock);
      sp_json_key (out, "by_channel");
      g_string_append_c (out, '{');
      for (guint c = 0; c < SP_N_CHANNELS; c++)
        {
          if (self->contacts_by_channel[c] <= 0)
            continue;
          sp_json_key (out, sp_channel_to_string (c));
          g_string_append_c (out, '{');
          json_value_fields (out, &self->first_response_by_channel_clock[c]);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, '}');
      g_string_append_c (out, '}');

      sp_json_key (out, "resolution_hours_clock");
      g_string_append_c (out, '{');
      json_value_fields (out, &self->resolution_clock);
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}
