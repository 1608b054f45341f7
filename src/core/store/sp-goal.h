/* sp-goal.h
 *
 * A SMART goal on one KPI (seeds 002, 003): specific (a KPI, for the whole
 * shop or one agent, channel or topic), measurable (a target against the
 * baseline the tracker computes), achievable (sp_goal_tracker_check()),
 * relevant (the business objective it serves, seed 004) and time-bound (a
 * start and a due date).  Goals are kept in the store with their history
 * of adjustments and dated review notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-kpi.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* The business objectives of seed 004's table, or the owner's own words */
typedef enum
{
  SP_GOAL_OBJECTIVE_LOYALTY,      /* Increase customer loyalty: NPS, CSAT, churn */
  SP_GOAL_OBJECTIVE_EFFICIENCY,   /* Improve operational efficiency: FCR, AHT, utilization */
  SP_GOAL_OBJECTIVE_COSTS,        /* Reduce operational costs: cost per contact, FCR, volume */
  SP_GOAL_OBJECTIVE_REPUTATION,   /* Enhance brand reputation: NPS, CSAT */
  SP_GOAL_OBJECTIVE_OWN,          /* objective_text says it */
  SP_N_GOAL_OBJECTIVES
} SpGoalObjective;

typedef enum
{
  SP_GOAL_STATE_OPEN,
  SP_GOAL_STATE_CLOSED,           /* the owner closed it (done, or replaced) */
  SP_GOAL_STATE_ABANDONED,        /* the owner gave it up, with a reason */
} SpGoalState;

#define SP_TYPE_GOAL (sp_goal_get_type ())

G_DECLARE_FINAL_TYPE (SpGoal, sp_goal, SP, GOAL, GObject)

/*
 * A plain record: the fields are public.  direction is the way the goal
 * wants the KPI to move (SP_DIRECTION_HIGHER_IS_BETTER or _LOWER_IS_BETTER);
 * for KPIs with a better way it is always theirs, for AHT and utilization
 * the owner chooses it (sp_goal_get_direction()).  start and due are
 * whole days, both inclusive.  baseline_estimate is the owner's own
 * figure, used only when the data before the start gives no baseline
 * (NAN: none).
 */
struct _SpGoal
{
  GObject          parent_instance;

  gint64           id;
  SpKpi            kpi;
  SpSegment        segment;
  char            *segment_label;    /* "Billing", "Ana", "Chat"; NULL for the whole shop */
  SpDirection      direction;
  double           target;
  SpDate           start;
  SpDate           due;
  double           baseline_estimate;
  SpGoalObjective  objective;
  char            *objective_text;   /* the owner's words (SP_GOAL_OBJECTIVE_OWN), or NULL */

  /* Read-only for users of the store: set by close, abandon and saves */
  SpGoalState      state;
  SpDate           state_day;        /* when it was closed or abandoned */
  char            *state_reason;
  SpTime           created_at;
};

/* Returns: (transfer full) */
SpGoal         *sp_goal_new                   (SpKpi              kpi,
                                               const SpSegment   *segment,
                                               double             target,
                                               SpDate             start,
                                               SpDate             due);
/* Returns: (transfer full) */
SpGoal         *sp_goal_copy                  (SpGoal            *self);
void            sp_goal_set_segment_label     (SpGoal            *self,
                                               const char        *label);
void            sp_goal_set_objective_text    (SpGoal            *self,
                                               const char        *text);
SpDirection     sp_goal_get_direction         (SpGoal            *self);
int             sp_goal_get_days              (SpGoal            *self);
SpPeriod        sp_goal_get_span              (SpGoal            *self);
gboolean        sp_goal_is_open               (SpGoal            *self);
gboolean        sp_goal_meets_target          (SpGoal            *self,
                                               double             value);
gboolean        sp_goal_validate_measure      (SpGoal            *self,
                                               GError           **error);
gboolean        sp_goal_validate              (SpGoal            *self,
                                               GError           **error);

/*
 * A goal for the quarter that starts on or after @day, as a quarterly
 * review proposes it (for the whole shop unless @segment says otherwise).
 * The objective is the first of seed 004's table that tracks @kpi, or the
 * review's own words.
 */
/* Returns: (transfer full) */
SpGoal         *sp_goal_new_for_quarter       (SpKpi              kpi,
                                               const SpSegment   *segment,
                                               double             target,
                                               SpDate             day);

double          sp_goals_find_target          (GPtrArray         *goals,
                                               SpKpi              kpi,
                                               const SpSegment   *segment,
                                               const SpPeriod    *period);

/* Which KPIs can be goals: every KPI but the volume, whose value grows with the days */
gboolean        sp_goal_kpi_allowed           (SpKpi              kpi);
/* How many answers or contacts a value must rest on before it is judged (README, "Goals") */
gint64          sp_goal_kpi_min_n             (SpKpi              kpi);

/*
 * Returns: (transfer full): "65 %", "65.5 %", "4.2 min", "€3.10": the KPI's format, whole
 * percentages without decimals; money with @currency, the shop's symbol
 */
char           *sp_goal_format_value          (SpKpi              kpi,
                                               double             value,
                                               const char        *currency);
/* Returns: (transfer full) */
char           *sp_goal_format_value_like     (SpKpi              kpi,
                                               double             value,
                                               double             like,
                                               const char        *currency);
/* "first contact resolution for Billing" */
/* Returns: (transfer full) */
char           *sp_goal_describe_kpi          (SpKpi              kpi,
                                               const SpSegment   *segment,
                                               const char        *segment_label);
/*
 * The goal in one plain sentence: "Raise first contact resolution for
 * Billing from 65 % to 75 % by 31 March 2027".  @baseline may be NAN.
 *
 * Returns: (transfer full)
 */
char           *sp_goal_dup_sentence          (SpGoal            *self,
                                               double             baseline,
                                               const char        *currency);

/* Returns: (transfer none) */
const char     *sp_goal_objective_to_string   (SpGoalObjective    objective);
gboolean        sp_goal_objective_from_string (const char        *str,
                                               SpGoalObjective   *objective);
/* Returns: (transfer none) */
const char     *sp_goal_objective_get_label   (SpGoalObjective    objective);
/* The KPIs seed 004 tracks it with, in words: "NPS, CSAT and churn" */
/* Returns: (transfer none) */
const char     *sp_goal_objective_get_kpis_text (SpGoalObjective  objective);
gboolean        sp_goal_objective_tracks_kpi  (SpGoalObjective    objective,
                                               SpKpi              kpi);
/* The first objective of the table that tracks @kpi; SP_GOAL_OBJECTIVE_OWN when none does */
SpGoalObjective sp_goal_objective_for_kpi     (SpKpi              kpi);
/* The objective's label, or the owner's words */
/* Returns: (transfer none) */
const char     *sp_goal_get_objective_label   (SpGoal            *self);

/* Returns: (transfer none) */
const char     *sp_goal_state_to_string       (SpGoalState        state);
gboolean        sp_goal_state_from_string     (const char        *str,
                                               SpGoalState       *state);

/* History: what happened to a goal, oldest first */
typedef enum
{
  SP_GOAL_EVENT_CREATED,
  SP_GOAL_EVENT_ADJUSTED,    /* new target and/or due date; the old ones are kept */
  SP_GOAL_EVENT_CLOSED,
  SP_GOAL_EVENT_ABANDONED,
} SpGoalEventKind;

typedef struct
{
  gint64           id;
  gint64           goal_id;
  SpTime           at;
  SpGoalEventKind  kind;
  double           old_target;   /* NAN when it did not change (or for "created") */
  double           new_target;
  SpDate           old_due;      /* SP_DATE_NONE when it did not change */
  SpDate           new_due;
  char            *reason;       /* or NULL */
} SpGoalEvent;

void            sp_goal_event_free            (SpGoalEvent       *event);
/* Returns: (transfer none) */
const char     *sp_goal_event_kind_to_string  (SpGoalEventKind    kind);
/* "Target 75 % → 72 %, due 31 March 2027 → 30 April 2027" */
/* Returns: (transfer full) */
char           *sp_goal_event_describe        (const SpGoalEvent *event,
                                               SpKpi              kpi,
                                               const char        *currency);

/* A dated review note ("evaluate, re-evaluate", seed 003) */
typedef struct
{
  gint64   id;
  gint64   goal_id;
  SpDate   day;
  char    *text;
  double   value;       /* the goal's current value when it was written, or NAN */
  char    *status;      /* the status then (sp_goal_status_to_string()), or NULL */
  SpTime   created_at;
} SpGoalNote;

void            sp_goal_note_free             (SpGoalNote        *note);

/* Goals in the store (migration 4) */
gboolean        sp_store_save_goal            (SpStore           *store,
                                               SpGoal            *goal,
                                               GError           **error);
/* Returns: (transfer full): read from the file; NULL and @error when it is gone */
SpGoal         *sp_store_load_goal            (SpStore           *store,
                                               gint64             id,
                                               GError           **error);
/* Returns: (transfer full) */
GPtrArray      *sp_store_list_goals           (SpStore           *store,
                                               gboolean           include_closed,
                                               GError           **error);
gboolean        sp_store_adjust_goal          (SpStore           *store,
                                               gint64             id,
                                               double             target,
                                               SpDate             due,
                                               const char        *reason,
                                               GError           **error);
gboolean        sp_store_close_goal           (SpStore           *store,
                                               gint64             id,
                                               SpGoalState        state,
                                               SpDate             day,
                                               const char        *reason,
                                               GError           **error);
gboolean        sp_store_delete_goal          (SpStore           *store,
                                               gint64             id,
                                               GError           **error);
/* Returns: (transfer full) */
GPtrArray      *sp_store_list_goal_events     (SpStore           *store,
                                               gint64             goal_id,
                                               GError           **error);
gint64          sp_store_add_goal_note        (SpStore           *store,
                                               gint64             goal_id,
                                               SpDate             day,
                                               const char        *text,
                                               double             value,
                                               const char        *status,
                                               GError           **error);
gboolean        sp_store_delete_goal_note     (SpStore           *store,
                                               gint64             note_id,
                                               GError           **error);
/* Returns: (transfer full) */
GPtrArray      *sp_store_list_goal_notes      (SpStore           *store,
                                               gint64             goal_id,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpGoalEvent, sp_goal_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpGoalNote, sp_goal_note_free)

G_END_DECLS
