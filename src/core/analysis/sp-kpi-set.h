/* sp-kpi-set.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-kpi.h"

G_BEGIN_DECLS

#define SP_TYPE_KPI_SET (sp_kpi_set_get_type ())

G_DECLARE_FINAL_TYPE (SpKpiSet, sp_kpi_set, SP, KPI_SET, GObject)

/* A topic's count in a period; category_id 0 is "no topic" */
typedef struct
{
  gint64  category_id;
  char   *name;
  gint64  contacts;
} SpCategoryCount;

/*
 * Every KPI of one period and segment, as KPI-SPEC §3 reports them.  A
 * plain record: the fields are public and read-only for its users.
 */
struct _SpKpiSet
{
  GObject     parent_instance;

  SpPeriod    period;
  SpSegment   segment;
  const char *currency;         /* interned: the symbol the shop writes money with */
  char       *segment_label;    /* "Ana", "Phone", "Billing"; NULL for the whole shop */

  SpKpiValue  values[SP_N_KPIS];

  gint64      contacts;
  gint64      complaints;

  /* NPS answers */
  gint64      promoters;
  gint64      passives;
  gint64      detractors;

  /* backlog at the period's end (or now, if earlier) */
  gint64      backlog_open;
  gint64      backlog_older_than_48h;

  gint64      contacts_by_channel[SP_N_CHANNELS];
  SpKpiValue  first_response_by_channel[SP_N_CHANNELS];   /* n = 0: no contacts there */
  /* the channels' targets weighted by their answered contacts; NAN without any */
  double      first_response_target;
  GArray     *contacts_by_category;                       /* SpCategoryCount, by count */

  /* data completeness: contacts of the period missing each part */
  gint64      missing_first_response;
  gint64      missing_outcome;
  gint64      missing_customer;
  gint64      missing_handle_minutes;
  gint64      incomplete;               /* contacts missing any of the four */

  /* what some figures rest on */
  gint64      backlog_agents;           /* active agents, for open per agent */
  double      handled_minutes;          /* utilization's numerator */
  guint       months_with_figures;      /* whole months behind churn and cost */

  /*
   * With opening hours recorded (KPI-SPEC §7) first response, resolution
   * and SLA compliance above count business time; these keep the clock
   * figures beside them.  Without, opening_hours is FALSE and they are unset.
   */
  gboolean    opening_hours;
  SpKpiValue  first_response_clock;
  SpKpiValue  first_response_by_channel_clock[SP_N_CHANNELS];
  SpKpiValue  resolution_clock;

  /* a trend's bucket that is not over at now, or that its range cuts: "so far" */
  gboolean    partial;
};

/* Every value starts NAN with n = 0 (an empty period) */
/* Returns: (transfer full) */
SpKpiSet        *sp_kpi_set_new                 (const SpPeriod  *period,
                                                 const SpSegment *segment);
/* Returns: (transfer none) */
const SpKpiValue *sp_kpi_set_get               (SpKpiSet        *self,
                                                 SpKpi            kpi);
/* Share of the period's contacts with all four parts recorded, 0–100; NAN without contacts */
double           sp_kpi_set_get_completeness    (SpKpiSet        *self);
/* The object of `kpis --json` (KPI-SPEC §5), numbers unrounded and locale-independent */
/* Returns: (transfer full) */
char            *sp_kpi_set_to_json             (SpKpiSet        *self);
void             sp_kpi_set_add_category        (SpKpiSet        *self,
                                                 gint64           category_id,
                                                 const char      *name,
                                                 gint64           contacts);
/* The topic's count, or 0 (category_id 0: no topic) */
gint64           sp_kpi_set_get_category_count  (SpKpiSet        *self,
                                                 gint64           category_id);
/* "in opening hours" for a KPI that counts business time in @self, else NULL */
/* Returns: (transfer none) */
const char      *sp_kpi_set_get_time_basis      (SpKpiSet        *self,
                                                 SpKpi            kpi);
/* The clock figure kept beside a KPI in opening hours, else NULL */
/* Returns: (transfer none) */
const SpKpiValue *sp_kpi_set_get_clock          (SpKpiSet        *self,
                                                 SpKpi            kpi);

G_END_DECLS
