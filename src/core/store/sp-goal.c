/* sp-goal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-goal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-error.h"
#include "sp-goal.h"
#include "sp-parse.h"

G_DEFINE_FINAL_TYPE (SpGoal, sp_goal, G_TYPE_OBJECT)

static void
sp_goal_finalize (GObject *object)
{
  SpGoal *self = (SpGoal *) object;

  g_clear_pointer (&self->segment_label, g_free);
  g_clear_pointer (&self->objective_text, g_free);
  g_clear_pointer (&self->state_reason, g_free);

  G_OBJECT_CLASS (sp_goal_parent_class)->finalize (object);
}

static void
sp_goal_class_init (SpGoalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_goal_finalize;
}

static void
sp_goal_init (SpGoal *self)
{
  self->kpi = SP_KPI_CSAT;
  sp_segment_init_all (&self->segment);
  self->direction = SP_DIRECTION_HIGHER_IS_BETTER;
  self->target = NAN;
  self->start = SP_DATE_NONE;
  self->due = SP_DATE_NONE;
  self->baseline_estimate = NAN;
  self->objective = SP_GOAL_OBJECTIVE_OWN;
  self->state = SP_GOAL_STATE_OPEN;
  self->state_day = SP_DATE_NONE;
  self->created_at = SP_TIME_NONE;
}

/**
 * sp_goal_new:
 * @segment: (nullable): the segment, or %NULL for the whole shop
 *
 * A goal that is not saved yet; its objective is the first of seed 004's
 * table that tracks @kpi, and its direction the KPI's (higher for AHT and
 * utilization: set it when the goal is to lower them).
 */
SpGoal *
sp_goal_new (SpKpi            kpi,
             const SpSegment *segment,
             double           target,
             SpDate           start,
             SpDate           due)
{
  SpGoal *self = g_object_new (SP_TYPE_GOAL, NULL);

  self->kpi = kpi;
  if (segment != NULL)
    self->segment = *segment;
  self->target = target;
  self->start = start;
  self->due = due;
  self->objective = sp_goal_objective_for_kpi (kpi);
  if (kpi >= 0 && kpi < SP_N_KPIS && sp_kpi_get_direction (kpi) == SP_DIRECTION_LOWER_IS_BETTER)
    self->direction = SP_DIRECTION_LOWER_IS_BETTER;

  return self;
}

SpGoal *
sp_goal_copy (SpGoal *self)
{
  SpGoal *copy;

  g_return_val_if_fail (SP_IS_GOAL (self), NULL);

  copy = g_object_new (SP_TYPE_GOAL, NULL);
  copy->id = self->id;
  copy->kpi = self->kpi;
  copy->segment = self->segment;
  copy->segment_label = g_strdup (self->segment_label);
  copy->direction = self->direction;
  copy->target = self->target;
  copy->start = self->start;
  copy->due = self->due;
  copy->baseline_estimate = self->baseline_estimate;
  copy->objective = self->objective;
  copy->objective_text = g_strdup (self->objective_text);
  copy->state = self->state;
  copy->state_day = self->state_day;
  copy->state_reason = g_strdup (self->state_reason);
  copy->created_at = self->created_at;

  return copy;
}

void
sp_goal_set_segment_label (SpGoal     *self,
                           const char *label)
{
  g_return_if_fail (SP_IS_GOAL (self));

  if (label != self->segment_label)
    {
      g_free (self->segment_label);
      self->segment_label = g_strdup (label);
    }
}

void
sp_goal_set_objective_text (SpGoal     *self,
                            const char *text)
{
  g_return_if_fail (SP_IS_GOAL (self));
  sp_str_set_nonblank (&self->objective_text, text);
}

/* The way the goal wants the KPI to move: the KPI's own, if it has one */
SpDirection
sp_goal_get_direction (SpGoal *self)
{
  SpDirection direction;

  g_return_val_if_fail (SP_IS_GOAL (self), SP_DIRECTION_HIGHER_IS_BETTER);

  direction = sp_kpi_get_direction (self->kpi);
  if (direction == SP_DIRECTION_HIGHER_IS_BETTER || direction == SP_DIRECTION_LOWER_IS_BETTER)
    return direction;

  return self->direction == SP_DIRECTION_LOWER_IS_BETTER ? SP_DIRECTION_LOWER_IS_BETTER
                                                         : SP_DIRECTION_HIGHER_IS_BETTER;
}

int
sp_goal_get_days (SpGoal *self)
{
  g_return_val_if_fail (SP_IS_GOAL (self), 0);

  if (self->start == SP_DATE_NONE || self->due == SP_DATE_NONE || self->due < self->start)
    return 0;
  return self->due - self->start + 1;
}

SpPeriod
sp_goal_get_span (SpGoal *self)
{
  g_return_val_if_fail (SP_IS_GOAL (self), sp_period_make (0, 0));
  return sp_period_make (self->start, self->due);
}

gboolean
sp_goal_is_open (SpGoal *self)
{
  g_return_val_if_fail (SP_IS_GOAL (self), FALSE);
  return self->state == SP_GOAL_STATE_OPEN;
}

/* Whether @value is at the target or better (exact comparison); FALSE for NAN */
gboolean
sp_goal_meets_target (SpGoal *self,
                      double  value)
{
  g_return_val_if_fail (SP_IS_GOAL (self), FALSE);

  if (isnan (value) || isnan (self->target))
    return FALSE;

  if (sp_goal_get_direction (self) == SP_DIRECTION_LOWER_IS_BETTER)
    return value <= self->target;
  return value >= self->target;
}

gboolean
sp_goal_kpi_allowed (SpKpi kpi)
{
  return kpi >= 0 && kpi < SP_N_KPIS && kpi != SP_KPI_CONTACTS;
}

/*
 * Rates and means need SP_KPI_MIN_SAMPLE answers or contacts; the
 * backlog is a count at a moment, utilization rests on minutes and churn
 * on customers: those only need a value.
 */
gint64
sp_goal_kpi_min_n (SpKpi kpi)
{
  switch (kpi)
    {
    case SP_KPI_BACKLOG:
    case SP_KPI_UTILIZATION:
    case SP_KPI_CHURN:
      return 0;
    default:
      return SP_KPI_MIN_SAMPLE;
    }
}

static gboolean
value_in_range (SpKpi  kpi,
                double value)
{
  if (!isfinite (value))
    return FALSE;

  switch (sp_kpi_get_unit (kpi))
    {
    case SP_UNIT_PERCENT:
      return value >= 0 && value <= 100;
    case SP_UNIT_NPS:
      return value >= -100 && value <= 100;
    case SP_UNIT_SCORE:
      return value >= 1 && value <= 7;
    case SP_UNIT_MINUTES:
    case SP_UNIT_HOURS:
    case SP_UNIT_COUNT:
    case SP_UNIT_CURRENCY:
    default:
      return value >= 0;
    }
}

static char *
describe_range (SpKpi kpi)
{
  switch (sp_kpi_get_unit (kpi))
    {
    case SP_UNIT_PERCENT:
      return g_strdup (_("between 0 and 100 %"));
    case SP_UNIT_NPS:
      return g_strdup (_("between −100 and 100"));
    case SP_UNIT_SCORE:
      return g_strdup (_("between 1 and 7"));
    case SP_UNIT_MINUTES:
    case SP_UNIT_HOURS:
    case SP_UNIT_COUNT:
    case SP_UNIT_CURRENCY:
    default:
      return g_strdup (_("0 or more"));
    }
}

/* Everything the tracker needs: the KPI, segment, target and dates */
gboolean
sp_goal_validate_measure (SpGoal  *self,
                          GError **error)
{
  g_return_val_if_fail (SP_IS_GOAL (self), FALSE);

  if (!sp_goal_kpi_allowed (self->kpi))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Choose a KPI for the goal. The number of contacts can't be a "
                             "goal: it grows with the days counted."));
      return FALSE;
    }

  if (!sp_kpi_allows_segment (self->kpi, self->segment.kind))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is a KPI's name */
                   _("%s can't be measured for one agent, channel or topic; set the goal "
                     "for the whole shop."), sp_kpi_get_name (self->kpi));
      return FALSE;
    }

  if ((self->segment.kind == SP_SEGMENT_AGENT && self->segment.id <= 0) ||
      (self->segment.kind == SP_SEGMENT_CATEGORY && self->segment.id == 0) ||
      (self->segment.kind == SP_SEGMENT_CHANNEL &&
       (self->segment.channel <= SP_CHANNEL_NONE || self->segment.channel >= SP_N_CHANNELS)))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Choose the agent, channel or topic the goal is for."));
      return FALSE;
    }

  if (!value_in_range (self->kpi, self->target))
    {
      g_autofree char *range = describe_range (self->kpi);

      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is a range, "between 0 and 100 %" */
                   _("The target must be a number %s."), range);
      return FALSE;
    }

  if (!isnan (self->baseline_estimate) && !value_in_range (self->kpi, self->baseline_estimate))
    {
      g_autofree char *range = describe_range (self->kpi);

      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %s is a range, "between 0 and 100 %" */
                   _("The estimated baseline must be a number %s."), range);
      return FALSE;
    }

  if (self->start == SP_DATE_NONE || self->due == SP_DATE_NONE)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("A goal needs a start and a due date."));
      return FALSE;
    }

  if (self->due < self->start)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("The due date is before the start."));
      return FALSE;
    }

  return TRUE;
}

/* The above, and the business objective: what a saved goal needs */
gboolean
sp_goal_validate (SpGoal  *self,
                  GError **error)
{
  g_return_val_if_fail (SP_IS_GOAL (self), FALSE);

  if (!sp_goal_validate_measure (self, error))
    return FALSE;

  if (self->objective < 0 || self->objective >= SP_N_GOAL_OBJECTIVES ||
      (self->objective == SP_GOAL_OBJECTIVE_OWN && sp_str_is_blank (self->objective_text)))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Say which business objective the goal serves, or write it in "
                             "your own words."));
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_goal_new_for_quarter:
 * @segment: (nullable): the segment, or %NULL for the whole shop
 * @day: a day; the goal covers the quarter that starts on it, or the next one
 *
 * What a quarterly review's proposed target becomes: a goal from the
 * first to the last day of the quarter.  Save it with sp_store_save_goal().
 */
SpGoal *
sp_goal_new_for_quarter (SpKpi            kpi,
                         const SpSegment *segment,
                         double           target,
                         SpDate           day)
{
  SpDate start = sp_date_quarter_start (day);
  SpGoal *goal;

  if (start < day)
    start = sp_date_add_months (start, 3);

  goal = sp_goal_new (kpi, segment, target, start, sp_date_quarter_end (start));
  if (goal->objective == SP_GOAL_OBJECTIVE_OWN)
    sp_goal_set_objective_text (goal, _("Proposed in the quarterly review"));

  return goal;
}

/**
 * sp_goals_find_target:
 * @goals: (element-type SpGoal): goals, as sp_store_list_goals() gives them
 * @segment: (nullable): the segment, or %NULL for the whole shop
 *
 * The target of the open goal on @kpi for @segment whose days overlap
 * @period, for a target line on the KPI's chart; of several, the one due
 * first.  NAN when there is none.
 */
double
sp_goals_find_target (GPtrArray       *goals,
                      SpKpi            kpi,
                      const SpSegment *segment,
                      const SpPeriod  *period)
{
  SpGoal *found = NULL;
  SpSegment all;

  g_return_val_if_fail (goals != NULL, NAN);
  g_return_val_if_fail (period != NULL, NAN);

  if (segment == NULL)
    sp_segment_init_all ((SpSegment *) (segment = &all));

  for (guint i = 0; i < goals->len; i++)
    {
      SpGoal *goal = g_ptr_array_index (goals, i);

      if (goal->kpi != kpi || goal->state != SP_GOAL_STATE_OPEN ||
          !sp_segment_equal (&goal->segment, segment) ||
          goal->due < period->from || goal->start > period->to)
        continue;

      if (found == NULL || goal->due < found->due)
        found = goal;
    }

  return found ? found->target : NAN;
}

/* Formatting */

/*
 * @value as sp_goal_format_value() writes it, but a duration in the unit
 * @like is written in, for two durations in one sentence ("now 3.1 min,
 * target 1 min", not "… 60 s")
 */
char *
sp_goal_format_value_like (SpKpi       kpi,
                           double      value,
                           double      like,
                           const char *currency)
{
  /* a goal writes its durations in one unit already */
  return sp_goal_format_value (kpi, value, currency);
}

/*
 * Like sp_kpi_format_value(), but a whole percentage without decimals, and
 * an NPS that is not whole rounded down (never seeming to reach a target).
 */
char *
sp_goal_format_value (SpKpi       kpi,
                      double      value,
                      const char *currency)
{
  g_return_val_if_fail (kpi >= 0 && kpi < SP_N_KPIS, NULL);

  if (!isnan (value) && sp_kpi_get_unit (kpi) == SP_UNIT_PERCENT &&
      fabs (value - round (value)) < 1e-9)
    /* TRANSLATORS: a whole percentage, e.g. "75 %" */
    return g_strdup_printf (_("%'.0f %%"), value);

  /*
   * NPS is a whole number everywhere; a goal compares exactly, so +36.6
   * must not read as a target of +37 met: it is written +36, rounded down.
   */
  if (!isnan (value) && sp_kpi_get_unit (kpi) == SP_UNIT_NPS &&
      fabs (value - round (value)) >= 1e-9)
    return sp_kpi_format_value (kpi, floor (value), currency);

  /*
   * A duration in the unit the KPI's values and the goal editor use, never
   * another one for small or large values: "60 s" beside "target 1 min"
   * reads as two different goals.
   */
  if (!isnan (value) && (sp_kpi_get_unit (kpi) == SP_UNIT_MINUTES ||
                         sp_kpi_get_unit (kpi) == SP_UNIT_HOURS))
    {
      gboolean minutes = sp_kpi_get_unit (kpi) == SP_UNIT_MINUTES;
      double shown = fabs (value) < 10 ? round (value * 10) / 10 : round (value);

      if (shown == 0)
        shown = 0;
      if (fabs (shown - round (shown)) < 1e-9)
        /* TRANSLATORS: a duration in whole minutes, e.g. "12 min" */
        return minutes ? g_strdup_printf (_("%'.0f min"), shown)
                       /* TRANSLATORS: a whole number of hours, e.g. "4 h" */
                       : g_strdup_printf (_("%'.0f h"), shown);
      /* TRANSLATORS: a duration in minutes, e.g. "4.5 min" */
      return minutes ? g_strdup_printf (_("%'.1f min"), shown)
                     /* TRANSLATORS: a duration in hours, e.g. "4.2 h" */
                     : g_strdup_printf (_("%'.1f h"), shown);
    }

  return sp_kpi_format_value (kpi, value, currency);
}


/* The KPIs as they read inside a sentence ("Raise first contact resolution …"); a
 * context of their own, since a language may need an article here and not in a title */
static const char * const kpi_phrases[SP_N_KPIS] = {
  [SP_KPI_CSAT] = NC_("KPI in a sentence", "customer satisfaction (CSAT)"),
  [SP_KPI_FCR] = NC_("KPI in a sentence", "first contact resolution"),
  [SP_KPI_FIRST_RESPONSE] = NC_("KPI in a sentence", "first response time"),
  [SP_KPI_ESCALATION_RATE] = NC_("KPI in a sentence", "the escalation rate"),
  [SP_KPI_NPS] = NC_("KPI in a sentence", "the Net Promoter Score"),
  [SP_KPI_CES] = NC_("KPI in a sentence", "the customer effort score"),
  [SP_KPI_REPEAT_RATE] = NC_("KPI in a sentence", "the repeat contact rate"),
  [SP_KPI_AHT] = NC_("KPI in a sentence", "average handle time"),
  [SP_KPI_UTILIZATION] = NC_("KPI in a sentence", "agent utilization"),
  [SP_KPI_SLA_COMPLIANCE] = NC_("KPI in a sentence", "SLA compliance"),
  [SP_KPI_RESOLUTION_TIME] = NC_("KPI in a sentence", "resolution time"),
  [SP_KPI_BACKLOG] = NC_("KPI in a sentence", "the backlog"),
  [SP_KPI_CHURN] = NC_("KPI in a sentence", "monthly churn"),
  [SP_KPI_COST_PER_CONTACT] = NC_("KPI in a sentence", "cost per contact"),
  [SP_KPI_CONTACTS] = NC_("KPI in a sentence", "the number of contacts"),
};

char *
sp_goal_describe_kpi (SpKpi            kpi,
                      const SpSegment *segment,
                      const char      *segment_label)
{
  const char *phrase;

  g_return_val_if_fail (kpi >= 0 && kpi < SP_N_KPIS, NULL);

  phrase = g_dpgettext2 (GETTEXT_PACKAGE, "KPI in a sentence", kpi_phrases[kpi]);

  if (segment == NULL || segment->kind == SP_SEGMENT_ALL)
    return g_strdup (phrase);

  if (segment->kind == SP_SEGMENT_CATEGORY && segment->id < 0)
    /* TRANSLATORS: a KPI for the contacts that have no topic */
    return g_strdup_printf (_("%s for contacts without a topic"), phrase);

  if (segment->kind == SP_SEGMENT_CHANNEL && segment_label == NULL)
    segment_label = sp_channel_get_label (segment->channel);

  /* TRANSLATORS: a KPI for an agent, channel or topic: "first contact resolution for Billing" */
  return g_strdup_printf (_("%s for %s"), phrase, segment_label ? segment_label : "?");
}

char *
sp_goal_dup_sentence (SpGoal     *self,
                      double      baseline,
                      const char *currency)
{
  g_autofree char *what = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;
  g_autofree char *by = NULL;
  gboolean lower;

  g_return_val_if_fail (SP_IS_GOAL (self), NULL);

  what = sp_goal_describe_kpi (self->kpi, &self->segment, self->segment_label);
  to = sp_goal_format_value (self->kpi, self->target, currency);
  lower = sp_goal_get_direction (self) == SP_DIRECTION_LOWER_IS_BETTER;
  if (!isnan (baseline) && !sp_goal_meets_target (self, baseline))
    from = sp_goal_format_value (self->kpi, baseline, currency);

  /* without a due date (none yet, or not a day), the sentence leaves it out */
  if (self->due == SP_DATE_NONE)
    {
      if (isnan (baseline))
        /* TRANSLATORS: a goal without a due date yet: the KPI in a sentence, then the target */
        return lower ? g_strdup_printf (_("Lower %s to %s"), what, to)
                     /* TRANSLATORS: a goal without a due date yet: the KPI in a sentence, then
                      * the target */
                     : g_strdup_printf (_("Raise %s to %s"), what, to);
      if (from == NULL)
        /* TRANSLATORS: a goal without a due date yet: the KPI in a sentence, then the level */
        return lower ? g_strdup_printf (_("Keep %s at or below %s"), what, to)
                     /* TRANSLATORS: a goal without a due date yet: the KPI in a sentence, then
                      * the level */
                     : g_strdup_printf (_("Keep %s at or above %s"), what, to);
      /* TRANSLATORS: a goal without a due date yet: the KPI in a sentence, the baseline, the
       * target */
      return lower ? g_strdup_printf (_("Lower %s from %s to %s"), what, from, to)
                   /* TRANSLATORS: a goal without a due date yet: the KPI in a sentence, the
                    * baseline, the target */
                   : g_strdup_printf (_("Raise %s from %s to %s"), what, from, to);
    }

  by = sp_date_format_long (self->due);

  if (isnan (baseline))
    /* TRANSLATORS: a goal: the KPI in a sentence (maybe "for Billing"), the target, and the due
     * day */
    return lower ? g_strdup_printf (_("Lower %s to %s by %s"), what, to, by)
                 /* TRANSLATORS: a goal: the KPI in a sentence (maybe "for Billing"), the
                  * target, and the due day */
                 : g_strdup_printf (_("Raise %s to %s by %s"), what, to, by);

  /* A target that is not better than the baseline asks to hold the level */
  if (from == NULL)
    /* TRANSLATORS: a goal: the KPI in a sentence, the level, and the last day */
    return lower ? g_strdup_printf (_("Keep %s at or below %s until %s"), what, to, by)
                 /* TRANSLATORS: a goal: the KPI in a sentence, the level, and the last day */
                 : g_strdup_printf (_("Keep %s at or above %s until %s"), what, to, by);

  to = sp_goal_format_value (self->kpi, self->target, currency);
  /* TRANSLATORS: a goal: the KPI in a sentence, the baseline, the target, and the due day */
  return lower ? g_strdup_printf (_("Lower %s from %s to %s by %s"), what, from, to, by)
               /* TRANSLATORS: a goal: the KPI in a sentence, the baseline, the target, and the
                * due day */
               : g_strdup_printf (_("Raise %s from %s to %s by %s"), what, from, to, by);
}

/* Objectives (seed 004, "Mapping KPIs to Your Strategic Business Goals") */

typedef struct
{
  const char *key;
  const char *label;
  const char *kpis_text;
  SpKpi       kpis[3];
  guint       n_kpis;
} ObjectiveInfo;

static const ObjectiveInfo objectives[SP_N_GOAL_OBJECTIVES] = {
  [SP_GOAL_OBJECTIVE_LOYALTY] = {
    "loyalty", N_("Increase customer loyalty"), N_("NPS, CSAT and customer churn"),
    { SP_KPI_NPS, SP_KPI_CSAT, SP_KPI_CHURN }, 3 },
  [SP_GOAL_OBJECTIVE_EFFICIENCY] = {
    "efficiency", N_("Improve operational efficiency"),
    N_("first contact resolution, average handle time and agent utilization"),
    { SP_KPI_FCR, SP_KPI_AHT, SP_KPI_UTILIZATION }, 3 },
  [SP_GOAL_OBJECTIVE_COSTS] = {
    "costs", N_("Reduce operational costs"),
    N_("cost per contact, first contact resolution and the volume by channel"),
    { SP_KPI_COST_PER_CONTACT, SP_KPI_FCR, SP_KPI_CONTACTS }, 3 },
  [SP_GOAL_OBJECTIVE_REPUTATION] = {
    "reputation", N_("Enhance brand reputation"), N_("NPS, CSAT and social media mentions"),
    { SP_KPI_NPS, SP_KPI_CSAT }, 2 },
  [SP_GOAL_OBJECTIVE_OWN] = {
    "own", N_("In my own words"), NULL, { 0 }, 0 },
};

const char *
sp_goal_objective_to_string (SpGoalObjective objective)
{
  g_return_val_if_fail (objective >= 0 && objective < SP_N_GOAL_OBJECTIVES, NULL);
  return objectives[objective].key;
}

gboolean
sp_goal_objective_from_string (const char      *str,
                               SpGoalObjective *objective)
{
  g_return_val_if_fail (objective != NULL, FALSE);

  for (guint i = 0; str != NULL && i < SP_N_GOAL_OBJECTIVES; i++)
    {
      if (g_str_equal (objectives[i].key, str))
        {
          *objective = (SpGoalObjective) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
sp_goal_objective_get_label (SpGoalObjective objective)
{
  g_return_val_if_fail (objective >= 0 && objective < SP_N_GOAL_OBJECTIVES, NULL);
  return _(objectives[objective].label);
}

const char *
sp_goal_objective_get_kpis_text (SpGoalObjective objective)
{
  g_return_val_if_fail (objective >= 0 && objective < SP_N_GOAL_OBJECTIVES, NULL);
  return objectives[objective].kpis_text ? _(objectives[objective].kpis_text) : NULL;
}

gboolean
sp_goal_objective_tracks_kpi (SpGoalObjective objective,
                              SpKpi           kpi)
{
  g_return_val_if_fail (objective >= 0 && objective < SP_N_GOAL_OBJECTIVES, FALSE);

  for (guint i = 0; i < objectives[objective].n_kpis; i++)
    {
      if (objectives[objective].kpis[i] == kpi)
        return TRUE;
    }
  return FALSE;
}

SpGoalObjective
sp_goal_objective_for_kpi (SpKpi kpi)
{
  for (guint o = 0; o < SP_GOAL_OBJECTIVE_OWN; o++)
    {
      if (sp_goal_objective_tracks_kpi (o, kpi))
        return (SpGoalObjective) o;
    }
  return SP_GOAL_OBJECTIVE_OWN;
}

const char *
sp_goal_get_objective_label (SpGoal *self)
{
  g_return_val_if_fail (SP_IS_GOAL (self), NULL);

  if (self->objective == SP_GOAL_OBJECTIVE_OWN || self->objective >= SP_N_GOAL_OBJECTIVES)
    return self->objective_text ? self->objective_text : "";
  return sp_goal_objective_get_label (self->objective);
}

/* States */

static const char * const state_keys[] = { "open", "closed", "abandoned" };

const char *
sp_goal_state_to_string (SpGoalState state)
{
  g_return_val_if_fail (state <= SP_GOAL_STATE_ABANDONED, NULL);
  return state_keys[state];
}

gboolean
sp_goal_state_from_string (const char  *str,
                           SpGoalState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (state_keys); i++)
    {
      if (g_str_equal (state_keys[i], str))
        {
          *state = (SpGoalState) i;
          return TRUE;
        }
    }
  return FALSE;
}

/* History and notes */

static const char * const event_keys[] = { "created", "adjusted", "closed", "abandoned" };

const char *
sp_goal_event_kind_to_string (SpGoalEventKind kind)
{
  g_return_val_if_fail (kind <= SP_GOAL_EVENT_ABANDONED, NULL);
  return event_keys[kind];
}

void
sp_goal_event_free (SpGoalEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->reason);
  g_free (event);
}

char *
sp_goal_event_describe (const SpGoalEvent *event,
                        SpKpi              kpi,
                        const char        *currency)
{
  g_autoptr(GString) str = g_string_new (NULL);

  g_return_val_if_fail (event != NULL, NULL);

  switch (event->kind)
    {
    case SP_GOAL_EVENT_CREATED:
      {
        g_autofree char *target = sp_goal_format_value (kpi, event->new_target, currency);
        g_autofree char *due = sp_date_format_long (event->new_due);

        /* TRANSLATORS: in a goal's history: the target and the due day it was set with */
        g_string_printf (str, _("Set: target %s by %s"), target, due);
      }
      break;

    case SP_GOAL_EVENT_ADJUSTED:
      if (!isnan (event->old_target) || !isnan (event->new_target))
        {
          g_autofree char *from = sp_goal_format_value (kpi, event->old_target, currency);
          g_autofree char *to = sp_goal_format_value (kpi, event->new_target, currency);

          /* TRANSLATORS: a goal's target changed from one value to another */
          g_string_append_printf (str, _("Target %s → %s"), from, to);
        }
      if (event->old_due != SP_DATE_NONE || event->new_due != SP_DATE_NONE)
        {
          g_autofree char *from = sp_date_format_long (event->old_due);
          g_autofree char *to = sp_date_format_long (event->new_due);

          if (str->len > 0)
            /* TRANSLATORS: the target changed, and the due date too */
            g_string_append_printf (str, _(", due %s → %s"), from, to);
          else
            /* TRANSLATORS: a goal's due date changed from one day to another */
            g_string_append_printf (str, _("Due %s → %s"), from, to);
        }
      if (str->len == 0)
        g_string_append (str, _("Adjusted"));
      break;

    case SP_GOAL_EVENT_CLOSED:
      g_string_append (str, _("Closed"));
      break;

    case SP_GOAL_EVENT_ABANDONED:
      g_string_append (str, _("Abandoned"));
      break;

    default:
      break;
    }

  if (event->reason != NULL && *event->reason != '\0')
    /* TRANSLATORS: what happened to a goal, then the owner's reason */
    g_string_append_printf (str, _(": %s"), event->reason);

  return g_string_free (g_steal_pointer (&str), FALSE);
}

void
sp_goal_note_free (SpGoalNote *note)
{
  if (note == NULL)
    return;

  g_free (note->text);
  g_free (note->status);
  g_free (note);
}
