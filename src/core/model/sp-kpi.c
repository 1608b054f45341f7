/* sp-kpi.c
 *
 * What each KPI of KPI-SPEC §3 is, how its values look, and the 95 %
 * intervals that go with them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-kpi"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <math.h>

#include "sp-kpi.h"

typedef struct
{
  const char  *key;
  const char  *name;
  const char  *short_name;
  const char  *description;
  const char  *formula;
  SpUnit       unit;
  SpDirection  direction;
  guint        has_status : 1;
  guint        shop_wide : 1;
} KpiInfo;

static const KpiInfo kpis[SP_N_KPIS] = {
  [SP_KPI_CSAT] = {
    "csat", N_("Customer satisfaction"), N_("CSAT"),
    N_("How satisfied customers were with a contact: the share of answers that are 4 or 5 "
       "on the 1–5 scale."),
    N_("answers 4 or 5 ÷ CSAT answers × 100"),
    SP_UNIT_PERCENT, SP_DIRECTION_HIGHER_IS_BETTER, TRUE, FALSE },
  [SP_KPI_FCR] = {
    "fcr", N_("First contact resolution"), N_("FCR"),
    N_("The share of first contacts resolved there and then: marked resolved, not escalated, "
       "and the customer did not come back about the same topic within 7 days."),
    N_("first contacts resolved on first contact ÷ first contacts × 100"),
    SP_UNIT_PERCENT, SP_DIRECTION_HIGHER_IS_BETTER, TRUE, FALSE },
  [SP_KPI_FIRST_RESPONSE] = {
    "first_response_minutes", N_("First response time"), N_("First response"),
    N_("How long customers waited for the first reply, on average; each channel has its own "
       "target."),
    N_("mean of first response − received, over answered contacts"),
    SP_UNIT_MINUTES, SP_DIRECTION_LOWER_IS_BETTER, TRUE, FALSE },
  [SP_KPI_ESCALATION_RATE] = {
    "escalation_rate", N_("Escalation rate"), N_("Escalations"),
    N_("The share of contacts that needed a supervisor or specialist."),
    N_("escalated contacts ÷ contacts × 100"),
    SP_UNIT_PERCENT, SP_DIRECTION_LOWER_IS_BETTER, TRUE, FALSE },
  [SP_KPI_NPS] = {
    "nps", N_("Net Promoter Score"), N_("NPS"),
    N_("How likely customers are to recommend the shop: promoters (9–10) minus detractors "
       "(0–6), from −100 to 100."),
    /* xgettext:no-c-format */
    N_("% promoters − % detractors"),
    SP_UNIT_NPS, SP_DIRECTION_HIGHER_IS_BETTER, TRUE, FALSE },
  [SP_KPI_CES] = {
    "ces", N_("Customer effort score"), N_("CES"),
    N_("How easy customers found it to get their issue handled, on the 1–7 scale; higher is "
       "easier."),
    N_("mean CES answer"),
    SP_UNIT_SCORE, SP_DIRECTION_HIGHER_IS_BETTER, TRUE, FALSE },
  [SP_KPI_REPEAT_RATE] = {
    "repeat_rate", N_("Repeat contact rate"), N_("Repeats"),
    N_("The share of contacts from a customer who already contacted the shop about the same "
       "topic in the 7 days before."),
    N_("repeat contacts ÷ contacts × 100"),
    SP_UNIT_PERCENT, SP_DIRECTION_LOWER_IS_BETTER, TRUE, FALSE },
  [SP_KPI_AHT] = {
    "aht_minutes", N_("Average handle time"), N_("AHT"),
    N_("Talk, hold and wrap-up time per contact: for planning capacity, never a measure of "
       "quality."),
    N_("mean of talk + hold + wrap, over contacts with any of them recorded"),
    SP_UNIT_MINUTES, SP_DIRECTION_NEUTRAL, FALSE, FALSE },
  [SP_KPI_UTILIZATION] = {
    "utilization", N_("Agent utilization"), N_("Utilization"),
    N_("The share of the agents' available time spent handling contacts."),
    N_("handled minutes ÷ available minutes × 100"),
    SP_UNIT_PERCENT, SP_DIRECTION_IN_BAND, TRUE, FALSE },
  [SP_KPI_SLA_COMPLIANCE] = {
    "sla_compliance", N_("SLA compliance"), N_("SLA"),
    N_("The share of contacts answered within the target of their priority; unanswered "
       "contacts whose target has passed count as missed."),
    N_("answered within target ÷ (answered + unanswered past target) × 100"),
    SP_UNIT_PERCENT, SP_DIRECTION_HIGHER_IS_BETTER, TRUE, FALSE },
  [SP_KPI_RESOLUTION_TIME] = {
    "resolution_hours", N_("Resolution time"), N_("Resolution"),
    N_("How long it took to resolve a contact, on average."),
    N_("mean of resolved − received, over resolved contacts"),
    SP_UNIT_HOURS, SP_DIRECTION_LOWER_IS_BETTER, FALSE, FALSE },
  [SP_KPI_BACKLOG] = {
    "backlog", N_("Backlog"), N_("Backlog"),
    N_("Contacts not resolved at the end of the period (or now, if earlier), and how many of "
       "them are older than 48 hours."),
    N_("received by the end and not resolved by then"),
    SP_UNIT_COUNT, SP_DIRECTION_LOWER_IS_BETTER, TRUE, FALSE },
  [SP_KPI_CHURN] = {
    "churn_rate", N_("Churn rate"), N_("Churn"),
    N_("The share of customers lost, over the whole months of the period that have month "
       "figures."),
    N_("Σ customers lost ÷ customers at the start of the first month × 100"),
    SP_UNIT_PERCENT, SP_DIRECTION_LOWER_IS_BETTER, TRUE, TRUE },
  [SP_KPI_COST_PER_CONTACT] = {
    "cost_per_contact", N_("Cost per contact"), N_("Cost"),
    N_("What service cost per contact, over the whole months of the period that have month "
       "figures."),
    N_("Σ operating cost ÷ contacts received"),
    SP_UNIT_CURRENCY, SP_DIRECTION_LOWER_IS_BETTER, FALSE, TRUE },
  [SP_KPI_CONTACTS] = {
    "contacts", N_("Contacts"), N_("Contacts"),
    N_("How many contacts were received."),
    N_("contacts received"),
    SP_UNIT_COUNT, SP_DIRECTION_NEUTRAL, FALSE, FALSE },
};

static gboolean
check_kpi (SpKpi kpi)
{
  return kpi >= 0 && kpi < SP_N_KPIS;
}

/* The key of KPI-SPEC §3, as the JSON output and the settings use it */
const char *
sp_kpi_to_key (SpKpi kpi)
{
  g_return_val_if_fail (check_kpi (kpi), NULL);
  return kpis[kpi].key;
}

gboolean
sp_kpi_from_key (const char *key,
                 SpKpi      *kpi)
{
  g_return_val_if_fail (kpi != NULL, FALSE);

  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < SP_N_KPIS; i++)
    {
      if (g_str_equal (kpis[i].key, key))
        {
          *kpi = (SpKpi) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sp_kpi_get_name (SpKpi kpi)
{
  g_return_val_if_fail (check_kpi (kpi), NULL);
  return _(kpis[kpi].name);
}

const char *
sp_kpi_get_short_name (SpKpi kpi)
{
  g_return_val_if_fail (check_kpi (kpi), NULL);
  return _(kpis[kpi].short_name);
}

const char *
sp_kpi_get_description (SpKpi kpi)
{
  g_return_val_if_fail (check_kpi (kpi), NULL);
  return _(kpis[kpi].description);
}

const char *
sp_kpi_get_formula (SpKpi kpi)
{
  g_return_val_if_fail (check_kpi (kpi), NULL);
  return _(kpis[kpi].formula);
}

SpUnit
sp_kpi_get_unit (SpKpi kpi)
{
  g_return_val_if_fail (check_kpi (kpi), SP_UNIT_COUNT);
  return kpis[kpi].unit;
}

SpDirection
sp_kpi_get_direction (SpKpi kpi)
{
  g_return_val_if_fail (check_kpi (kpi), SP_DIRECTION_NEUTRAL);
  return kpis[kpi].direction;
}

/* Whether the KPI gets a quality colour (AHT, resolution time and cost do not) */
gboolean
sp_kpi_has_status (SpKpi kpi)
{
  g_return_val_if_fail (check_kpi (kpi), FALSE);
  return kpis[kpi].has_status;
}

/* Churn and cost per contact: null in every segment (KPI-SPEC §2) */
gboolean
sp_kpi_is_shop_wide (SpKpi kpi)
{
  g_return_val_if_fail (check_kpi (kpi), FALSE);
  return kpis[kpi].shop_wide;
}

gboolean
sp_kpi_allows_segment (SpKpi         kpi,
                       SpSegmentKind kind)
{
  g_return_val_if_fail (check_kpi (kpi), FALSE);

  if (kind == SP_SEGMENT_ALL)
    return TRUE;
  if (kpis[kpi].shop_wide)
    return FALSE;
  if (kpi == SP_KPI_UTILIZATION)
    return kind == SP_SEGMENT_AGENT;
  return TRUE;
}

/* Formatting, in the user's locale */

static char *
format_number (double value,
               int    decimals)
{
  return g_strdup_printf ("%'.*f", decimals, value);
}

/**
 * sp_kpi_format_money:
 * @currency: (nullable): the shop's currency symbol (sp_shop_dup_currency_or_locale());
 *   %NULL or "" for none
 *
 * "$5.37", "5,37 €": two decimals grouped as the locale groups numbers,
 * the symbol before or after the number as LC_MONETARY places it (before,
 * without a space, where the locale does not say).  Each shop writes
 * money with its own symbol: two shops open at once each pass theirs.
 *
 * Returns: (transfer full): the amount
 */
char *
sp_kpi_format_money (double      value,
                     const char *currency)
{
  const char *symbol = currency ? currency : "";
  const struct lconv *lc = localeconv ();
  gboolean negative = value < 0;
  gboolean before = TRUE;
  gboolean space = FALSE;
  g_autofree char *number = NULL;

  if (isnan (value))
    return g_strdup ("—");

  number = g_strdup_printf ("%'.2f", fabs (value));
  if (*symbol == '\0')
    return negative ? g_strconcat ("−", number, NULL) : g_steal_pointer (&number);

  if ((negative ? lc->n_cs_precedes : lc->p_cs_precedes) != CHAR_MAX)
    {
      before = (negative ? lc->n_cs_precedes : lc->p_cs_precedes) == 1;
      space = (negative ? lc->n_sep_by_space : lc->p_sep_by_space) == 1;
    }

  return g_strconcat (negative ? "−" : "",
                      before ? symbol : "",
                      before && space ? " " : "",
                      number,
                      !before ? " " : "",
                      !before ? symbol : "",
                      NULL);
}

/* 0.0 rather than -0.0: a value that rounds to zero has no sign */
static double
unsigned_zero (double value,
               int    decimals)
{
  double scale = pow (10, decimals);

  return round (value * scale) == 0 ? 0.0 : value;
}

/*
 * @minutes in the unit @like would be written in: seconds under 2 min,
 * minutes under 2 h, else hours; @trim drops a ".0" ("1 min", not "1.0 min").
 */
static char *
format_minutes_like (double   minutes,
                     double   like,
                     gboolean trim)
{
  double decimals;

  /* chat and text targets are a minute: "54 s" says more than "0.9 min" */
  if (fabs (like) < 2)
    /* TRANSLATORS: a duration in seconds, e.g. "54 s" */
    return g_strdup_printf (_("%'.0f s"), unsigned_zero (minutes * 60.0, 0));
  if (fabs (like) < 120)
    {
      decimals = fabs (like) < 10 ? 1 : 0;
      if (trim && fabs (minutes - round (minutes)) < 0.05)
        decimals = 0;
      if (decimals > 0)
        /* TRANSLATORS: a duration in minutes, e.g. "4.5 min" */
        return g_strdup_printf (_("%'.1f min"), unsigned_zero (minutes, 1));
      /* TRANSLATORS: a duration in whole minutes, e.g. "12 min" */
      return g_strdup_printf (_("%'.0f min"), unsigned_zero (minutes, 0));
    }
  if (trim && fabs (minutes / 60.0 - round (minutes / 60.0)) < 0.05)
    /* TRANSLATORS: a whole number of hours, e.g. "4 h" */
    return g_strdup_printf (_("%'.0f h"), unsigned_zero (minutes / 60.0, 0));
  /* TRANSLATORS: a duration in hours, e.g. "4.2 h" */
  return g_strdup_printf (_("%'.1f h"), unsigned_zero (minutes / 60.0, 1));
}

static char *
format_minutes (double minutes)
{
  return format_minutes_like (minutes, minutes, FALSE);
}

/**
 * sp_kpi_format_value_like:
 *
 * @value in the unit sp_kpi_format_value() writes @like in, so that two
 * durations in one sentence share a unit: "3.4 min on average; the target
 * is 1 min", not "… 60 s".  A whole number loses its ".0".
 */
char *
sp_kpi_format_value_like (SpKpi       kpi,
                          double      value,
                          double      like,
                          const char *currency)
{
  g_return_val_if_fail (check_kpi (kpi), NULL);

  if (isnan (value))
    return g_strdup ("—");

  switch (kpis[kpi].unit)
    {
    case SP_UNIT_MINUTES:
      return format_minutes_like (value, isnan (like) ? value : like, TRUE);
    case SP_UNIT_HOURS:
      return format_minutes_like (value * 60.0, (isnan (like) ? value : like) * 60.0, TRUE);
    default:
      return sp_kpi_format_value (kpi, value, currency);
    }
}

/**
 * sp_kpi_format_value:
 * @currency: (nullable): the shop's currency symbol, for money (cost per contact)
 *
 * Formats @value for people, in the unit of @kpi ("86.7 %", "42 min",
 * "+32", "1,204", "€5.37"); an em dash when there is no value (NAN).
 *
 * Returns: (transfer full): the text
 */
char *
sp_kpi_format_value (SpKpi       kpi,
                     double      value,
                     const char *currency)
{
  g_return_val_if_fail (check_kpi (kpi), NULL);

  if (isnan (value))
    return g_strdup ("—");

  switch (kpis[kpi].unit)
    {
    case SP_UNIT_PERCENT:
      /* TRANSLATORS: a percentage, e.g. "86.7 %" */
      return g_strdup_printf (_("%'.1f %%"), unsigned_zero (value, 1));
    case SP_UNIT_MINUTES:
      return format_minutes (value);
    case SP_UNIT_HOURS:
      if (fabs (value) < 1)
        return format_minutes (value * 60.0);
      return g_strdup_printf (_("%'.1f h"), value);
    case SP_UNIT_NPS:
      if (round (value) == 0)
        return g_strdup ("0");
      return g_strdup_printf ("%+.0f", value);
    case SP_UNIT_SCORE:
      return format_number (unsigned_zero (value, 1), 1);
    case SP_UNIT_CURRENCY:
      return sp_kpi_format_money (value, currency);
    case SP_UNIT_COUNT:
    default:
      return format_number (value, 0);
    }
}

/**
 * sp_kpi_format_change:
 *
 * The change from @from to @to in the KPI's unit: percentages change by
 * points ("+2.3 pts"), times by minutes or hours.  An empty string when
 * either is missing.
 */
char *
sp_kpi_format_change (SpKpi       kpi,
                      double      from,
                      double      to,
                      const char *currency)
{
  double d = to - from;

  g_return_val_if_fail (check_kpi (kpi), NULL);

  if (isnan (from) || isnan (to))
    return g_strdup ("");

  switch (kpis[kpi].unit)
    {
    case SP_UNIT_PERCENT:
      /* TRANSLATORS: a change in percentage points, e.g. "+2.3 pts" */
      return g_strdup_printf (_("%+'.1f pts"), unsigned_zero (d, 1));
    case SP_UNIT_MINUTES:
      if (fabs (d) < 120)
        /* TRANSLATORS: a change in minutes, e.g. "+1.5 min" */
        return g_strdup_printf (_("%+'.1f min"), unsigned_zero (d, 1));
      /* TRANSLATORS: a change in hours, e.g. "-0.4 h" */
      return g_strdup_printf (_("%+'.1f h"), unsigned_zero (d / 60.0, 1));
    case SP_UNIT_HOURS:
      /* TRANSLATORS: a change in hours, e.g. "-0.4 h" */
      return g_strdup_printf (_("%+'.1f h"), unsigned_zero (d, 1));
    case SP_UNIT_NPS:
      return g_strdup_printf ("%+.0f", unsigned_zero (d, 0));
    case SP_UNIT_SCORE:
      return g_strdup_printf ("%+'.1f", unsigned_zero (d, 1));
    case SP_UNIT_CURRENCY:
      {
        g_autofree char *money = sp_kpi_format_money (fabs (d), currency);

        return g_strconcat (d < 0 ? "-" : "+", money, NULL);
      }
    case SP_UNIT_COUNT:
    default:
      return g_strdup_printf ("%+'.0f", unsigned_zero (d, 0));
    }
}

/*
 * Whether the change from @from to @to rounds to nothing at the figure's
 * precision (96.658 % after 96.676 % is "+0.0 pts"): it is shown as "no
 * change", neutral, with no arrow, on the cards, KPI pages, scorecard,
 * report and workbook alike.
 */
gboolean
sp_kpi_change_is_none (SpKpi  kpi,
                       double from,
                       double to)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (check_kpi (kpi), FALSE);

  if (isnan (from) || isnan (to))
    return FALSE;
  /* the digits alone say it: no symbol needed */
  text = sp_kpi_format_change (kpi, from, to, NULL);
  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p) && *p != '0')
      return FALSE;
  return TRUE;
}

/* The change as sp_kpi_format_change(), or "no change" when it rounds to nothing */
char *
sp_kpi_format_change_or_none (SpKpi       kpi,
                              double      from,
                              double      to,
                              const char *currency)
{
  if (sp_kpi_change_is_none (kpi, from, to))
    /* TRANSLATORS: a change too small to show at the figure's precision */
    return g_strdup (_("no change"));
  return sp_kpi_format_change (kpi, from, to, currency);
}

/*
 * Whether going from @from to @to is an improvement.  For utilization, it
 * is when the value moves towards the middle of the good band (67.5 %).
 */
gboolean
sp_kpi_change_is_good (SpKpi  kpi,
                       double from,
                       double to)
{
  g_return_val_if_fail (check_kpi (kpi), FALSE);

  if (isnan (from) || isnan (to) || from == to)
    return FALSE;

  switch (kpis[kpi].direction)
    {
    case SP_DIRECTION_HIGHER_IS_BETTER:
      return to > from;
    case SP_DIRECTION_LOWER_IS_BETTER:
      return to < from;
    case SP_DIRECTION_IN_BAND:
      return fabs (to - 67.5) < fabs (from - 67.5);
    case SP_DIRECTION_NEUTRAL:
    default:
      return FALSE;
    }
}

/* "52 % (40–64 %, 42 answers)" */
char *
sp_kpi_format_with_interval (SpKpi             kpi,
                             const SpKpiValue *value,
                             const char       *currency)
{
  g_autofree char *main = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (check_kpi (kpi), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  main = sp_kpi_format_value (kpi, value->value, currency);
  if (isnan (value->value) || isnan (value->lower) || isnan (value->upper))
    return g_steal_pointer (&main);

  lower = sp_kpi_format_value (kpi, value->lower, currency);
  upper = sp_kpi_format_value (kpi, value->upper, currency);

  /* TRANSLATORS: a value, its 95 % interval and how many it rests on,
   * e.g. "52.0 % (40.1 % – 63.7 %, n = 42)" */
  return g_strdup_printf (_("%s (%s – %s, n = %'" PRId64 ")"),
                          main, lower, upper, value->n);
}

/* Status */

static const char * const status_keys[] = {
  "none", "act", "watch", "good", "excellent", "too-few",
};

const char *
sp_status_to_string (SpStatus status)
{
  g_return_val_if_fail (status < SP_N_STATUSES, NULL);
  return status_keys[status];
}

const char *
sp_status_get_label (SpStatus status)
{
  switch (status)
    {
    case SP_STATUS_ACT:
      /* TRANSLATORS: a KPI's status: needs action now */
      return _("Act");
    case SP_STATUS_WATCH:
      /* TRANSLATORS: a KPI's status: between good and act */
      return _("Watch");
    case SP_STATUS_GOOD:
      return _("Good");
    case SP_STATUS_EXCELLENT:
      return _("Excellent");
    case SP_STATUS_TOO_FEW:
      /* TRANSLATORS: a KPI's status: it rests on fewer answers or contacts than it needs */
      return _("Too few to judge");
    case SP_STATUS_NONE:
    default:
      return "";
    }
}

const char *
sp_status_get_icon_name (SpStatus status)
{
  switch (status)
    {
    case SP_STATUS_ACT:
      return "dialog-error-symbolic";
    case SP_STATUS_WATCH:
      return "dialog-warning-symbolic";
    case SP_STATUS_GOOD:
      return "emblem-ok-symbolic";
    case SP_STATUS_EXCELLENT:
      return "starred-symbolic";
    case SP_STATUS_TOO_FEW:
      return "sp-goal-no-data-symbolic";
    case SP_STATUS_NONE:
    default:
      return NULL;
    }
}

char *
sp_kpi_format_status (const SpKpiValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  if (value->status == SP_STATUS_TOO_FEW)
    /* TRANSLATORS: a KPI's status when it rests on fewer answers or contacts than it
     * needs, with how many it rests on: "Too few to judge (n = 2)" */
    return g_strdup_printf (_("Too few to judge (n = %" PRId64 ")"), value->n);

  return g_strdup (sp_status_get_label (value->status));
}

/*
 * The same for @kpi: utilization rests on minutes of shifts, which people
 * read in hours, "Too few to judge (n = 12 h)", as the report and the
 * charts write them (the JSON keeps minutes).
 */
char *
sp_kpi_format_status_of (SpKpi             kpi,
                         const SpKpiValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  if (value->status == SP_STATUS_TOO_FEW && kpi == SP_KPI_UTILIZATION)
    /* TRANSLATORS: utilization's status when it rests on too few hours of shifts,
     * with how many hours: "Too few to judge (n = 12 h)" */
    return g_strdup_printf (_("Too few to judge (n = %'.0f h)"), value->n / 60.0);

  return sp_kpi_format_status (value);
}

/* Periods and segments */

/* "all", "agent", "channel" or "category", as the goals and the JSON store it */
const char *
sp_segment_kind_to_string (SpSegmentKind kind)
{
  switch (kind)
    {
    case SP_SEGMENT_AGENT:
      return "agent";
    case SP_SEGMENT_CHANNEL:
      return "channel";
    case SP_SEGMENT_CATEGORY:
      return "category";
    case SP_SEGMENT_ALL:
    default:
      return "all";
    }
}

void
sp_segment_init_all (SpSegment *segment)
{
  g_return_if_fail (segment != NULL);

  segment->kind = SP_SEGMENT_ALL;
  segment->id = 0;
  segment->channel = SP_CHANNEL_NONE;
}

void
sp_segment_init_agent (SpSegment *segment,
                       gint64     agent_id)
{
  sp_segment_init_all (segment);
  segment->kind = SP_SEGMENT_AGENT;
  segment->id = agent_id;
}

void
sp_segment_init_channel (SpSegment *segment,
                         SpChannel  channel)
{
  sp_segment_init_all (segment);
  segment->kind = SP_SEGMENT_CHANNEL;
  segment->channel = channel;
}

/* @category_id: a topic, or -1 for contacts without one */
void
sp_segment_init_category (SpSegment *segment,
                          gint64     category_id)
{
  sp_segment_init_all (segment);
  segment->kind = SP_SEGMENT_CATEGORY;
  segment->id = category_id;
}

gboolean
sp_segment_equal (const SpSegment *a,
                  const SpSegment *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->kind != b->kind)
    return FALSE;

  switch (a->kind)
    {
    case SP_SEGMENT_AGENT:
    case SP_SEGMENT_CATEGORY:
      return a->id == b->id;
    case SP_SEGMENT_CHANNEL:
      return a->channel == b->channel;
    case SP_SEGMENT_ALL:
    default:
      return TRUE;
    }
}

/* Intervals */

#define Z_975 1.959963984540054

/* Wilson score interval of a proportion, in percent */
void
sp_kpi_wilson_interval (gint64  successes,
                        gint64  n,
                        double *lower,
                        double *upper)
{
  double p, z2, denom, centre, half;

  g_return_if_fail (lower != NULL && upper != NULL);

  *lower = *upper = NAN;
  if (n <= 0 || successes < 0 || successes > n)
    return;

  p = (double) successes / (double) n;
  z2 = Z_975 * Z_975;
  denom = 1.0 + z2 / (double) n;
  centre = (p + z2 / (2.0 * (double) n)) / denom;
  half = Z_975 * sqrt (p * (1.0 - p) / (double) n + z2 / (4.0 * (double) n * (double) n)) / denom;

  *lower = MAX (0.0, centre - half) * 100.0;
  *upper = MIN (1.0, centre + half) * 100.0;
}

/*
 * NPS: ±1.96 · sqrt ((p+ + p− − (p+ − p−)²) / n) · 100 around the score,
 * kept within −100…100.
 */
void
sp_kpi_nps_interval (gint64  promoters,
                     gint64  detractors,
                     gint64  n,
                     double *lower,
                     double *upper)
{
  double pp, pd, nps, var, half;

  g_return_if_fail (lower != NULL && upper != NULL);

  *lower = *upper = NAN;
  if (n <= 0)
    return;

  pp = (double) promoters / (double) n;
  pd = (double) detractors / (double) n;
  nps = pp - pd;
  var = MAX (0.0, pp + pd - nps * nps);
  half = Z_975 * sqrt (var / (double) n);

  *lower = MAX (-1.0, nps - half) * 100.0;
  *upper = MIN (1.0, nps + half) * 100.0;
}

/* Two-sided 95 % quantiles of Student's t for 1…30 degrees of freedom */
static const double t_table[] = {
  12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836,
  2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
  2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546,
  2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
  2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553,
  2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
};

double
sp_kpi_t_quantile_975 (gint64 df)
{
  double z = Z_975, z3, z5, z7, d;

  if (df <= 0)
    return NAN;
  if (df <= (gint64) G_N_ELEMENTS (t_table))
    return t_table[df - 1];

  /* Cornish–Fisher expansion: within 1e-6 of the exact value past 30 */
  d = (double) df;
  z3 = z * z * z;
  z5 = z3 * z * z;
  z7 = z5 * z * z;
  return z + (z3 + z) / (4 * d) + (5 * z5 + 16 * z3 + 3 * z) / (96 * d * d) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * d * d * d);
}

/* Mean ± t(0.975, n − 1) · s / √n; none below two values */
void
sp_kpi_mean_interval (gint64  n,
                      double  sum,
                      double  sum_of_squares,
                      double *lower,
                      double *upper)
{
  double mean, var, half;

  g_return_if_fail (lower != NULL && upper != NULL);

  *lower = *upper = NAN;
  if (n < 2)
    return;

  mean = sum / (double) n;
  var = MAX (0.0, (sum_of_squares - sum * mean) / (double) (n - 1));
  half = sp_kpi_t_quantile_975 (n - 1) * sqrt (var / (double) n);

  *lower = mean - half;
  *upper = mean + half;
}
