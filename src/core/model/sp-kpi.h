/* sp-kpi.h
 *
 * The KPIs of KPI-SPEC §3, what they mean and how their values look.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sp-enums.h"
#include "sp-period.h"
#include "sp-time.h"

G_BEGIN_DECLS

/* The Core Four first, in the order the articles give them. */
typedef enum
{
  SP_KPI_CSAT,
  SP_KPI_FCR,
  SP_KPI_FIRST_RESPONSE,      /* first_response_minutes */
  SP_KPI_ESCALATION_RATE,
  SP_KPI_NPS,
  SP_KPI_CES,
  SP_KPI_REPEAT_RATE,
  SP_KPI_AHT,                 /* aht_minutes */
  SP_KPI_UTILIZATION,
  SP_KPI_SLA_COMPLIANCE,
  SP_KPI_RESOLUTION_TIME,     /* resolution_hours */
  SP_KPI_BACKLOG,             /* value: open contacts at the period's end */
  SP_KPI_CHURN,               /* churn_rate */
  SP_KPI_COST_PER_CONTACT,
  SP_KPI_CONTACTS,            /* volume: contacts received */
  SP_N_KPIS
} SpKpi;

#define SP_N_CORE_KPIS 4

/* Below this many answers or contacts a figure gets a caution (insights) */
#define SP_KPI_MIN_SAMPLE 30

typedef enum
{
  SP_UNIT_PERCENT,      /* 0–100 */
  SP_UNIT_MINUTES,
  SP_UNIT_HOURS,
  SP_UNIT_NPS,          /* −100…100 */
  SP_UNIT_SCORE,        /* CES, 1–7 */
  SP_UNIT_COUNT,
  SP_UNIT_CURRENCY,
} SpUnit;

/* Which way is better, for the colour of a change */
typedef enum
{
  SP_DIRECTION_HIGHER_IS_BETTER,
  SP_DIRECTION_LOWER_IS_BETTER,
  SP_DIRECTION_IN_BAND,     /* utilization: a band is best, too high or low is worse */
  SP_DIRECTION_NEUTRAL,     /* volume, AHT: no better way */
} SpDirection;

typedef enum
{
  SP_STATUS_NONE,           /* no quality colour, or no value */
  SP_STATUS_ACT,
  SP_STATUS_WATCH,
  SP_STATUS_GOOD,
  SP_STATUS_EXCELLENT,
  SP_STATUS_TOO_FEW,        /* a figure on fewer answers or contacts than its minimum n */
  SP_N_STATUSES,
} SpStatus;

typedef enum
{
  SP_SEGMENT_ALL,
  SP_SEGMENT_AGENT,
  SP_SEGMENT_CHANNEL,
  SP_SEGMENT_CATEGORY,
} SpSegmentKind;


/*
 * A segment narrows a period to one agent, channel or topic.  id is the
 * agent or topic id (for a topic, -1 is "no topic"); channel is used for
 * SP_SEGMENT_CHANNEL.
 */
typedef struct
{
  SpSegmentKind kind;
  gint64        id;
  SpChannel     channel;
} SpSegment;

/* One computed figure.  value is NAN when its denominator is 0. */
typedef struct
{
  double    value;
  gint64    n;
  double    lower;     /* 95 % interval, NAN when there is none */
  double    upper;
  SpStatus  status;
} SpKpiValue;

/* Returns: (transfer none) */
const char  *sp_kpi_to_key            (SpKpi        kpi);
gboolean     sp_kpi_from_key          (const char  *key,
                                       SpKpi       *kpi);
/* Returns: (transfer none) */
const char  *sp_kpi_get_name          (SpKpi        kpi);
/* Returns: (transfer none) */
const char  *sp_kpi_get_short_name    (SpKpi        kpi);
/* Returns: (transfer none) */
const char  *sp_kpi_get_description   (SpKpi        kpi);
/* Returns: (transfer none) */
const char  *sp_kpi_get_formula       (SpKpi        kpi);
SpUnit       sp_kpi_get_unit          (SpKpi        kpi);
SpDirection  sp_kpi_get_direction     (SpKpi        kpi);
gboolean     sp_kpi_has_status        (SpKpi        kpi);
gboolean     sp_kpi_is_shop_wide      (SpKpi        kpi);
gboolean     sp_kpi_allows_segment    (SpKpi        kpi,
                                       SpSegmentKind kind);

/*
 * Figures as people read them.  @currency is the shop's currency symbol
 * (sp_shop_dup_currency_or_locale(), or sp_kpi_set_get_currency() of the
 * shop's figures) that money is written with; %NULL where the figure is
 * never money.  Each returns (transfer full) text.
 */
char        *sp_kpi_format_value      (SpKpi        kpi,
                                       double       value,
                                       const char  *currency);
/* Returns: (transfer full) */
char        *sp_kpi_format_value_like (SpKpi        kpi,
                                       double       value,
                                       double       like,
                                       const char  *currency);
/* Money (cost per contact): "€5.37", "5,37 €"; no symbol for %NULL or "" */
/* Returns: (transfer full) */
char        *sp_kpi_format_money      (double       value,
                                       const char  *currency);
/* Returns: (transfer full) */
char        *sp_kpi_format_change     (SpKpi        kpi,
                                       double       from,
                                       double       to,
                                       const char  *currency);
gboolean     sp_kpi_change_is_none    (SpKpi        kpi,
                                       double       from,
                                       double       to);
/* Returns: (transfer full) */
char        *sp_kpi_format_change_or_none (SpKpi    kpi,
                                       double       from,
                                       double       to,
                                       const char  *currency);
gboolean     sp_kpi_change_is_good    (SpKpi        kpi,
                                       double       from,
                                       double       to);

/* Returns: (transfer none) */
const char  *sp_status_to_string      (SpStatus     status);
/* Returns: (transfer none) */
const char  *sp_status_get_label      (SpStatus     status);
/* Returns: (transfer none) */
const char  *sp_status_get_icon_name  (SpStatus     status);
/* The status in words: "Good", or "Too few to judge (n = 2)" */
/* Returns: (transfer full) */
char        *sp_kpi_format_status     (const SpKpiValue *value);
/* Returns: (transfer full) */
char        *sp_kpi_format_status_of  (SpKpi             kpi,
                                       const SpKpiValue *value);

void         sp_segment_init_all      (SpSegment   *segment);
void         sp_segment_init_agent    (SpSegment   *segment,
                                       gint64       agent_id);
void         sp_segment_init_channel  (SpSegment   *segment,
                                       SpChannel    channel);
void         sp_segment_init_category (SpSegment   *segment,
                                       gint64       category_id);
gboolean     sp_segment_equal         (const SpSegment *a,
                                       const SpSegment *b);
/* Returns: (transfer none) */
const char  *sp_segment_kind_to_string (SpSegmentKind kind);

/* 95 % intervals (see README, "KPIs"); both bounds NAN when there is none */
void         sp_kpi_wilson_interval   (gint64       successes,
                                       gint64       n,
                                       double      *lower,
                                       double      *upper);
void         sp_kpi_nps_interval      (gint64       promoters,
                                       gint64       detractors,
                                       gint64       n,
                                       double      *lower,
                                       double      *upper);
void         sp_kpi_mean_interval     (gint64       n,
                                       double       sum,
                                       double       sum_of_squares,
                                       double      *lower,
                                       double      *upper);
double       sp_kpi_t_quantile_975    (gint64       degrees_of_freedom);

/* "52 % (40–64 %, 42 answers)" */
/* Returns: (transfer full) */
char        *sp_kpi_format_with_interval (SpKpi          kpi,
                                          const SpKpiValue *value,
                                          const char     *currency);

G_END_DECLS
