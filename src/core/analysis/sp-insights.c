/* sp-insights.c
 *
 * Plain-language findings drawn from the rules of the articles in
 * shared/seeds, each naming the numbers behind it.  The thresholds of the
 * rules that follow a band come from the benchmarks, so the owner's
 * overrides apply; the others are written down in README ("Diagnoses").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-insights"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-insights.h"

/* An agent's or topic's escalation rate "far above the rest" */
#define FAR_ABOVE_FACTOR 2.0
#define FAR_ABOVE_POINTS 10.0
/* An agent "well below the team" */
#define WELL_BELOW_POINTS 10.0
/* Rushing: AHT down by this share while FCR falls by these points */
#define AHT_FALL_SHARE 0.05
#define FCR_FALL_POINTS 3.0

G_DEFINE_FINAL_TYPE (SpInsight, sp_insight, G_TYPE_OBJECT)

static void
sp_insight_finalize (GObject *object)
{
  SpInsight *self = (SpInsight *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->body);

  G_OBJECT_CLASS (sp_insight_parent_class)->finalize (object);
}

static void
sp_insight_class_init (SpInsightClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_insight_finalize;
}

/* "Act", "Watch" or "Caution", as the findings are marked in text */
const char *
sp_insight_severity_get_label (SpInsightSeverity severity)
{
  switch (severity)
    {
    case SP_INSIGHT_ACT:
      return _("Act");
    case SP_INSIGHT_WATCH:
      return _("Watch");
    case SP_INSIGHT_CAUTION:
    default:
      return _("Caution");
    }
}

static void
sp_insight_init (SpInsight *self)
{
  sp_segment_init_all (&self->segment);
}

typedef struct
{
  SpKpiEngine  *engine;
  SpBenchmarks *benchmarks;
  GPtrArray    *found;
} Finder;

static SpInsight *
add (Finder            *finder,
     SpInsightSeverity  severity,
     SpKpi              kpi,
     const SpSegment   *segment,
     double             magnitude,
     char              *id,
     char              *title,
     char              *body)
{
  SpInsight *insight = g_object_new (SP_TYPE_INSIGHT, NULL);

  insight->id = id;
  insight->severity = severity;
  insight->kpi = kpi;
  if (segment != NULL)
    insight->segment = *segment;
  insight->title = title;
  insight->body = body;
  insight->weight = 100.0 * (severity + 1) + CLAMP (magnitude, 0, 99);

  g_ptr_array_add (finder->found, insight);
  return insight;
}

static char *
fmt (Finder *finder,
     SpKpi   kpi,
     double  value)
{
  return sp_kpi_format_value (kpi, value, sp_kpi_engine_get_currency (finder->engine));
}

static const SpBand *
band (Finder *finder,
      SpKpi   kpi)
{
  return sp_benchmarks_get_band (finder->benchmarks, kpi);
}

/* The rules that follow a KPI's act band */

static void
check_band (Finder   *finder,
            SpKpiSet *set,
            SpKpi     kpi)
{
  const SpKpiValue *v = &set->values[kpi];
  const SpBand *b = band (finder, kpi);
  g_autofree char *value = NULL;
  g_autofree char *limit = NULL;
  const char *body;
  double threshold;
  double magnitude;

  if (v->status != SP_STATUS_ACT || isnan (v->value))
    return;

  threshold = kpi == SP_KPI_UTILIZATION ? b->act_high : b->act;
  value = fmt (finder, kpi, v->value);
  limit = fmt (finder, kpi, threshold);
  magnitude = fabs (v->value / (kpi == SP_KPI_CHURN ? MAX (1, set->months_with_figures) : 1) -
                    threshold);

  switch (kpi)
    {
    case SP_KPI_CSAT:
      body = _("Service quality is slipping somewhere: in how agents behave, in a process, or in "
               "how well issues get resolved. A falling CSAT is the earliest warning signal; look "
               "at the agents and topics below the team.");
      add (finder, SP_INSIGHT_ACT, kpi, NULL, magnitude, g_strdup ("csat-low"),
           /* TRANSLATORS: "CSAT is 71.0 %, below 75.0 %" */
           g_strdup_printf (_("CSAT is %s, below %s"), value, limit), g_strdup (body));
      break;

    case SP_KPI_FCR:
      body = _("Fewer than six in ten first contacts are settled there and then. That points to "
               "systemic problems: agents may lack authority, knowledge or process (authority "
               "gaps, training gaps, broken hand-offs).");
      add (finder, SP_INSIGHT_ACT, kpi, NULL, magnitude, g_strdup ("fcr-low"),
           /* TRANSLATORS: a finding: the value, then the threshold ("75.0 %") */
           g_strdup_printf (_("First contact resolution is %s, below %s"), value, limit),
           g_strdup (body));
      break;

    case SP_KPI_ESCALATION_RATE:
      body = _("More than one contact in five needs a supervisor or specialist: a structural "
               "problem. Agents may lack authority, training or clarity about what they can "
               "resolve themselves.");
      add (finder, SP_INSIGHT_ACT, kpi, NULL, magnitude, g_strdup ("escalation-high"),
           /* TRANSLATORS: a finding: the value, then the threshold */
           g_strdup_printf (_("Escalation rate is %s, above %s"), value, limit), g_strdup (body));
      break;

    case SP_KPI_UTILIZATION:
      /* xgettext:no-c-format */
      body = _("Agents spend almost all their available time on contacts. Consistently above "
               "85 % means understaffing, and it is a leading indicator that CSAT will fall.");
      add (finder, SP_INSIGHT_ACT, kpi, NULL, magnitude, g_strdup ("utilization-high"),
           /* TRANSLATORS: a finding: the value, then the threshold */
           g_strdup_printf (_("Utilization is %s, above %s"), value, limit), g_strdup (body));
      break;

    case SP_KPI_REPEAT_RATE:
      body = _("Too many customers come back about the same issue within a week: a systemic "
               "resolution problem, and a direct driver of customers leaving.");
      add (finder, SP_INSIGHT_ACT, kpi, NULL, magnitude, g_strdup ("repeat-high"),
           /* TRANSLATORS: a finding: the value, then the threshold */
           g_strdup_printf (_("Repeat contact rate is %s, above %s"), value, limit),
           g_strdup (body));
      break;

    case SP_KPI_NPS:
      body = _("There are more detractors than promoters: a positive score is the minimum "
               "threshold. Follow up with the detractors to learn why.");
      add (finder, SP_INSIGHT_ACT, kpi, NULL, magnitude, g_strdup ("nps-negative"),
           /* TRANSLATORS: a finding: %s is the value */
           g_strdup_printf (_("NPS is %s, below zero"), value), g_strdup (body));
      break;

    case SP_KPI_CES:
      body = _("Customers find it hard to get their issue handled. High effort drives "
               "disloyalty more reliably than delight drives loyalty: remove the friction they "
               "meet.");
      add (finder, SP_INSIGHT_ACT, kpi, NULL, magnitude, g_strdup ("ces-low"),
           /* TRANSLATORS: a finding: the value, then the threshold */
           g_strdup_printf (_("Customer effort score is %s, below %s"), value, limit),
           g_strdup (body));
      break;

    case SP_KPI_SLA_COMPLIANCE:
      body = _("Too many contacts miss the response target of their priority. Check whether "
               "staffing matches the hours when contacts arrive.");
      add (finder, SP_INSIGHT_ACT, kpi, NULL, magnitude, g_strdup ("sla-low"),
           /* TRANSLATORS: a finding: the value, then the threshold */
           g_strdup_printf (_("SLA compliance is %s, below %s"), value, limit), g_strdup (body));
      break;

    case SP_KPI_CHURN:
      {
        g_autofree char *monthly = fmt (finder, kpi, v->value / MAX (1, set->months_with_figures));

        body = _("The shop is losing customers faster than the usual monthly range. Look for "
                 "customers with low CSAT, slow responses or repeat contacts before they "
                 "leave.");
        add (finder, SP_INSIGHT_ACT, kpi, NULL, magnitude, g_strdup ("churn-high"),
             /* TRANSLATORS: "Churn is 12.0 % a month, above 10.0 %" */
             g_strdup_printf (_("Churn is %s a month, above %s"), monthly, limit),
             g_strdup (body));
      }
      break;

    default:
      break;
    }
}

/* Far above the rest: agents (training) and topics (process) */
static void
check_escalation_outliers (Finder    *finder,
                           SpKpiSet  *set,
                           GPtrArray *parts,
                           gboolean   agents)
{
  gint64 total_n = set->contacts;
  gint64 total_x = (gint64) llround (set->values[SP_KPI_ESCALATION_RATE].value * total_n / 100.0);

  if (total_n <= 0 || parts == NULL)
    return;

  for (guint i = 0; i < parts->len; i++)
    {
      SpKpiSet *part = g_ptr_array_index (parts, i);
      const SpKpiValue *v = &part->values[SP_KPI_ESCALATION_RATE];
      gint64 n = part->contacts;
      gint64 x, rest_n;
      double rest;
      g_autofree char *value = NULL;
      g_autofree char *others = NULL;

      if (n < SP_KPI_MIN_SAMPLE || isnan (v->value))
        continue;

      x = (gint64) llround (v->value * n / 100.0);
      rest_n = total_n - n;
      if (rest_n < SP_KPI_MIN_SAMPLE)
        continue;

      rest = 100.0 * (double) (total_x - x) / (double) rest_n;
      if (v->value < FAR_ABOVE_FACTOR * rest || v->value - rest < FAR_ABOVE_POINTS)
        continue;

      value = fmt (finder, SP_KPI_ESCALATION_RATE, v->value);
      others = fmt (finder, SP_KPI_ESCALATION_RATE, rest);

      if (agents)
        add (finder, SP_INSIGHT_WATCH, SP_KPI_ESCALATION_RATE, &part->segment, v->value - rest,
             g_strdup_printf ("agent-escalation-high:%" PRId64, part->segment.id),
             /* TRANSLATORS: a finding: an agent, their escalation rate, and the rest of the
              * team's */
             g_strdup_printf (_("%s escalates %s of contacts; the rest of the team %s"),
                              part->segment_label, value, others),
             g_strdup (_("High escalation rates for one agent point to a training need: what "
                         "can they resolve on their own, and do they have the authority "
                         "to?")));
      else
        add (finder, SP_INSIGHT_WATCH, SP_KPI_ESCALATION_RATE, &part->segment, v->value - rest,
             g_strdup_printf ("category-escalation-high:%" PRId64, part->segment.id),
             /* TRANSLATORS: a finding: a topic, its escalation rate, and the other topics' */
             g_strdup_printf (_("%s contacts are escalated %s of the time; other topics %s"),
                              part->segment_label, value, others),
             g_strdup (_("High escalation rates for one type of issue point to a process or "
                         "authority design problem rather than to the agents.")));
    }
}

/* Team averages hide individuals */
static void
check_agents_below_team (Finder    *finder,
                         SpKpiSet  *set,
                         GPtrArray *agents,
                         SpKpi      kpi)
{
  double team = set->values[kpi].value;

  if (isnan (team) || agents == NULL || agents->len < 2)
    return;

  for (guint i = 0; i < agents->len; i++)
    {
      SpKpiSet *agent = g_ptr_array_index (agents, i);
      const SpKpiValue *v = &agent->values[kpi];
      g_autofree char *value = NULL;
      g_autofree char *whole = NULL;

      /* well below, and not by chance: the agent's interval stays below the team */
      if (isnan (v->value) || v->status == SP_STATUS_TOO_FEW ||
          v->n < sp_benchmarks_get_min_n (kpi) || team - v->value < WELL_BELOW_POINTS ||
          isnan (v->upper) || v->upper >= team)
        continue;

      value = fmt (finder, kpi, v->value);
      whole = fmt (finder, kpi, team);

      add (finder, SP_INSIGHT_ACT, kpi, &agent->segment, team - v->value,
           g_strdup_printf (kpi == SP_KPI_CSAT ? "agent-csat-low:%" PRId64
                                               : "agent-fcr-low:%" PRId64,
                            agent->segment.id),
           /* TRANSLATORS: "Dan's CSAT is 54.0 %, the team's 81.0 %" */
           g_strdup_printf (_("%s's %s is %s, the team's %s"), agent->segment_label,
                            sp_kpi_get_short_name (kpi), value, whole),
           /* TRANSLATORS: an agent's name, then what the figure rests on: a number and
            * "answers" or "first contacts" */
           g_strdup_printf (_("Team averages hide individual performance. %s needs attention "
                              "the team figure never shows: a coaching conversation that starts "
                              "from these numbers (%" PRId64 " %s)."),
                            agent->segment_label, v->n,
                            kpi == SP_KPI_CSAT ? _("answers") : _("first contacts")));
    }
}

static void
check_rushing (Finder   *finder,
               SpKpiSet *set,
               SpKpiSet *previous)
{
  double aht = set->values[SP_KPI_AHT].value, aht0 = previous->values[SP_KPI_AHT].value;
  double fcr = set->values[SP_KPI_FCR].value, fcr0 = previous->values[SP_KPI_FCR].value;
  g_autofree char *a0 = NULL, *a1 = NULL, *f0 = NULL, *f1 = NULL;

  if (isnan (aht) || isnan (aht0) || isnan (fcr) || isnan (fcr0) || aht0 <= 0)
    return;
  if (aht > aht0 * (1 - AHT_FALL_SHARE) || fcr > fcr0 - FCR_FALL_POINTS)
    return;

  a0 = fmt (finder, SP_KPI_AHT, aht0);
  a1 = fmt (finder, SP_KPI_AHT, aht);
  f0 = fmt (finder, SP_KPI_FCR, fcr0);
  f1 = fmt (finder, SP_KPI_FCR, fcr);

  add (finder, SP_INSIGHT_WATCH, SP_KPI_AHT, NULL, fcr0 - fcr,
       g_strdup ("aht-fcr-falling"),
       /* TRANSLATORS: a finding: handle time before and now, then FCR before and now */
       g_strdup_printf (_("Handle time fell from %s to %s while FCR fell from %s to %s"),
                        a0, a1, f0, f1),
       g_strdup (_("Contacts are getting shorter and fewer are resolved: agents may be rushing. "
                   "Handle time is for planning capacity, not a quality target.")));
}

static gboolean
check_backlog_growing (Finder          *finder,
                       const SpPeriod  *period,
                       GError         **error)
{
  g_autoptr(GPtrArray) weeks = NULL;
  SpDate end = MIN (period->to, sp_date_today ());
  SpPeriod range;
  GString *numbers;

  /* the last four week ends up to the period's end: three rises in a row */
  range = sp_period_make (sp_date_week_start (end) - 21, end);
  weeks = sp_kpi_engine_trend (finder->engine, &range, SP_GRANULARITY_WEEK, NULL, error);
  if (weeks == NULL)
    return FALSE;
  if (weeks->len < 4)
    return TRUE;

  for (guint i = weeks->len - 3; i < weeks->len; i++)
    {
      SpKpiSet *a = g_ptr_array_index (weeks, i - 1);
      SpKpiSet *b = g_ptr_array_index (weeks, i);

      if (b->backlog_open <= a->backlog_open)
        return TRUE;
    }

  numbers = g_string_new (NULL);
  for (guint i = weeks->len - 4; i < weeks->len; i++)
    g_string_append_printf (numbers, "%s%" PRId64, numbers->len ? " → " : "",
                            ((SpKpiSet *) g_ptr_array_index (weeks, i))->backlog_open);

  add (finder, SP_INSIGHT_ACT, SP_KPI_BACKLOG, NULL, 50, g_strdup ("backlog-growing"),
       /* TRANSLATORS: %s is the number of open contacts */
       g_strdup_printf (_("The backlog grew three weeks in a row: %s open"), numbers->str),
       g_strdup (_("A backlog that grows week after week is an early warning that the team is "
                   "overwhelmed or a process is inefficient, even while the total looks "
                   "small.")));
  g_string_free (numbers, TRUE);
  return TRUE;
}

static void
check_backlog_old (Finder   *finder,
                   SpKpiSet *set)
{
  if (set->backlog_older_than_48h <= 0)
    return;

  add (finder, SP_INSIGHT_WATCH, SP_KPI_BACKLOG, NULL, (double) set->backlog_older_than_48h,
       g_strdup ("backlog-old"),
       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                     /* TRANSLATORS: a finding's title; the count of open
                                      * contacts */
                                     "%'" PRId64 " open contact is older than 48 hours",
                                     "%'" PRId64 " open contacts are older than 48 hours",
                                     (gulong) set->backlog_older_than_48h),
                        set->backlog_older_than_48h),
       /* TRANSLATORS: the open contacts older than 48 hours, and all open contacts */
       g_strdup_printf (_("The goal is no contact waiting longer than 48 hours. %'" PRId64
                          " of %'" PRId64 " open contacts are; start with the oldest."),
                        set->backlog_older_than_48h, set->backlog_open));
}

static void
check_channels (Finder   *finder,
                SpKpiSet *set)
{
  for (guint c = 0; c < SP_N_CHANNELS; c++)
    {
      const SpKpiValue *v = &set->first_response_by_channel[c];
      double target = sp_benchmarks_get_channel_target (finder->benchmarks, c);
      g_autofree char *value = NULL;
      g_autofree char *goal = NULL;
      SpSegment segment;

      /* no verdict on too few answered contacts */
      if (isnan (v->value) || isnan (target) || v->value <= target ||
          v->status == SP_STATUS_TOO_FEW)
        continue;

      sp_segment_init_channel (&segment, c);
      value = fmt (finder, SP_KPI_FIRST_RESPONSE, v->value);
      goal = sp_kpi_format_value_like (SP_KPI_FIRST_RESPONSE, target, v->value, NULL);

      /* "answers in 60 s; the target is 60 s" would read as a false alarm */
      if (g_str_equal (value, goal))
        continue;

      add (finder, v->value > 2 * target ? SP_INSIGHT_ACT : SP_INSIGHT_WATCH,
           SP_KPI_FIRST_RESPONSE, &segment, 10 * v->value / target,
           g_strdup_printf ("channel-slow:%s", sp_channel_to_string (c)),
           /* TRANSLATORS: "Chat answers in 3.4 min on average; the target is 1 min" */
           g_strdup_printf (_("%s answers in %s on average; the target is %s"),
                            sp_channel_get_label (c), value, goal),
           /* TRANSLATORS: %<PRId64> is the number of answered contacts */
           g_strdup_printf (_("Slow first responses mean volume exceeds capacity, a process "
                              "creates delays, or staffing does not match when contacts "
                              "arrive (%" PRId64 " answered contacts)."), v->n));
    }
}

/* Honest numbers: a caution for figures that rest on few answers */
static void
check_samples (Finder   *finder,
               SpKpiSet *set)
{
  static const SpKpi kpis[] = { SP_KPI_CSAT, SP_KPI_NPS, SP_KPI_CES, SP_KPI_FCR };

  for (guint i = 0; i < G_N_ELEMENTS (kpis); i++)
    {
      const SpKpiValue *v = &set->values[kpis[i]];
      gint64 min_n = sp_benchmarks_get_min_n (kpis[i]);
      g_autofree char *text = NULL;

      if (v->n <= 0 || v->n >= min_n)
        continue;

      text = sp_kpi_format_with_interval (kpis[i], v, NULL);
      add (finder, SP_INSIGHT_CAUTION, kpis[i], NULL, min_n - v->n,
           g_strdup_printf ("small-sample:%s", sp_kpi_to_key (kpis[i])),
           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* TRANSLATORS: a caution: a KPI's short name, then how
                                          * many answers it rests on */
                                         "%s rests on %" PRId64 " answer",
                                         "%s rests on %" PRId64 " answers",
                                         (gulong) v->n),
                            sp_kpi_get_short_name (kpis[i]), v->n),
           /* TRANSLATORS: the smallest number a KPI is judged on, then its 95 % interval */
           g_strdup_printf (_("With fewer than %" PRId64 ", a few more or fewer can move it "
                              "by many points: %s. Treat it as a hint, not a verdict."),
                            min_n, text));
    }

  if (set->contacts > 0 && set->contacts < SP_KPI_MIN_SAMPLE)
    add (finder, SP_INSIGHT_CAUTION, SP_KPI_CONTACTS, NULL, SP_KPI_MIN_SAMPLE - set->contacts,
         g_strdup ("small-sample:contacts"),
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* TRANSLATORS: a caution: the number of contacts */
                                       "Only %" PRId64 " contact in this period",
                                       "Only %" PRId64 " contacts in this period",
                                       (gulong) set->contacts), set->contacts),
         g_strdup (_("Rates drawn from so few contacts swing widely; compare a longer "
                     "period.")));
}

static int
compare_insights (gconstpointer a,
                  gconstpointer b)
{
  const SpInsight *x = *(SpInsight * const *) a, *y = *(SpInsight * const *) b;

  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  return g_strcmp0 (x->id, y->id);
}

/**
 * sp_insights_find:
 *
 * Returns: (transfer full) (element-type SpInsight): the findings for
 *   @period, most important first
 */
GPtrArray *
sp_insights_find (SpKpiEngine     *engine,
                  const SpPeriod  *period,
                  GError         **error)
{
  return sp_insights_find_with (engine, period, NULL, NULL, NULL, error);
}

/**
 * sp_insights_find_with:
 * @figures: (nullable): the KPIs of @period for the whole shop
 * @agents: (nullable) (element-type SpKpiSet): its breakdown by agent
 * @topics: (nullable) (element-type SpKpiSet): its breakdown by topic
 *
 * Returns: (transfer full) (element-type SpInsight): the findings for
 *   @period, most important first
 */
GPtrArray *
sp_insights_find_with (SpKpiEngine     *engine,
                       const SpPeriod  *period,
                       SpKpiSet        *figures,
                       GPtrArray       *agents,
                       GPtrArray       *topics,
                       GError         **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SpKpiSet) set = NULL;
  g_autoptr(SpKpiSet) previous = NULL;
  g_autoptr(GPtrArray) own_agents = NULL;
  g_autoptr(GPtrArray) own_topics = NULL;
  Finder finder;

  g_return_val_if_fail (SP_IS_KPI_ENGINE (engine), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (figures == NULL || SP_IS_KPI_SET (figures), NULL);

  finder.engine = engine;
  finder.benchmarks = sp_kpi_engine_get_benchmarks (engine);
  finder.found = found;

  if (figures != NULL)
    {
      SpPeriod before = sp_period_previous (period);

      set = g_object_ref (figures);
      previous = sp_kpi_engine_compute (engine, &before, NULL, error);
      if (previous == NULL)
        return NULL;
    }
  else if (!sp_kpi_engine_compute_with_previous (engine, period, NULL, &set, &previous, error))
    {
      return NULL;
    }

  if ((agents == NULL &&
       !(agents = own_agents = sp_kpi_engine_breakdown (engine, period, SP_SEGMENT_AGENT,
                                                        error))) ||
      (topics == NULL &&
       !(topics = own_topics = sp_kpi_engine_breakdown (engine, period, SP_SEGMENT_CATEGORY,
                                                        error))))
    return NULL;

  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    check_band (&finder, set, kpi);

  check_escalation_outliers (&finder, set, agents, TRUE);
  check_escalation_outliers (&finder, set, topics, FALSE);
  check_agents_below_team (&finder, set, agents, SP_KPI_CSAT);
  check_agents_below_team (&finder, set, agents, SP_KPI_FCR);
  check_rushing (&finder, set, previous);
  check_backlog_old (&finder, set);
  check_channels (&finder, set);
  check_samples (&finder, set);

  if (!check_backlog_growing (&finder, period, error))
    return NULL;

  g_ptr_array_sort (found, compare_insights);
  return g_steal_pointer (&found);
}
