/* sp-cli-goals.c
 *
 * service-pulse goals [--all] [--today DATE] [--json]
 *
 * Each goal as the window shows it: sp_goal_tracker_evaluate() computes
 * the figures for both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "sp-cli.h"
#include "sp-goal-tracker.h"
#include "sp-json.h"

static void
json_value (GString          *out,
            const char       *key,
            const SpKpiValue *value,
            const SpPeriod   *period,
            gboolean          has_period)
{
  sp_json_key (out, key);
  g_string_append_c (out, '{');
  sp_json_key (out, "value");
  sp_json_double (out, value->value);
  sp_json_key (out, "n");
  sp_json_int (out, value->n);
  sp_json_key (out, "from");
  sp_json_date (out, has_period ? period->from : SP_DATE_NONE);
  sp_json_key (out, "to");
  sp_json_date (out, has_period ? period->to : SP_DATE_NONE);
}

static void
json_goal (GString        *out,
           SpGoalProgress *p)
{
  SpGoal *goal = p->goal;
  g_autofree char *sentence = sp_goal_dup_sentence (goal, p->baseline.value, p->currency);
  gboolean started = p->as_of >= goal->start;

  g_string_append_c (out, '{');
  sp_json_key (out, "id");
  sp_json_int (out, goal->id);
  sp_json_key (out, "kpi");
  sp_json_string (out, sp_kpi_to_key (goal->kpi));

  sp_json_key (out, "segment");
  g_string_append_c (out, '{');
  sp_json_key (out, "kind");
  sp_json_string (out, sp_segment_kind_to_string (goal->segment.kind));
  sp_json_key (out, "id");
  if (goal->segment.kind == SP_SEGMENT_AGENT ||
      (goal->segment.kind == SP_SEGMENT_CATEGORY && goal->segment.id > 0))
    sp_json_int (out, goal->segment.id);
  else if (goal->segment.kind == SP_SEGMENT_CHANNEL)
    sp_json_string (out, sp_channel_to_string (goal->segment.channel));
  else
    g_string_append (out, "null");
  sp_json_key (out, "name");
  sp_json_string (out, goal->segment_label);
  g_string_append_c (out, '}');

  sp_json_key (out, "direction");
  sp_json_string (out, sp_goal_get_direction (goal) == SP_DIRECTION_LOWER_IS_BETTER ? "lower"
                                                                                 : "higher");
  sp_json_key (out, "sentence");
  sp_json_string (out, sentence);
  sp_json_key (out, "objective");
  sp_json_string (out, sp_goal_objective_to_string (goal->objective));
  sp_json_key (out, "objective_text");
  sp_json_string (out, goal->objective == SP_GOAL_OBJECTIVE_OWN ? goal->objective_text : NULL);
  sp_json_key (out, "start");
  sp_json_date (out, goal->start);
  sp_json_key (out, "due");
  sp_json_date (out, goal->due);
  sp_json_key (out, "state");
  sp_json_string (out, sp_goal_state_to_string (goal->state));
  sp_json_key (out, "state_day");
  sp_json_date (out, goal->state_day);
  sp_json_key (out, "state_reason");
  sp_json_string (out, goal->state_reason);
  sp_json_key (out, "target");
  sp_json_double (out, goal->target);

  json_value (out, "baseline", &p->baseline, &p->baseline_period, TRUE);
  sp_json_key (out, "estimated");
  g_string_append (out, p->baseline_estimated ? "true" : "false");
  sp_json_key (out, "partial");
  g_string_append (out, p->baseline_partial ? "true" : "false");
  g_string_append_c (out, '}');

  json_value (out, "current", &p->current, &p->window, started);
  g_string_append_c (out, '}');
  json_value (out, "since_start", &p->since_start, &p->so_far, started);
  g_string_append_c (out, '}');

  sp_json_key (out, "progress");
  sp_json_double (out, p->progress);
  sp_json_key (out, "expected");
  sp_json_double (out, p->expected);
  sp_json_key (out, "status");
  sp_json_string (out, sp_goal_status_to_string (p->status));
  sp_json_key (out, "verdict");
  sp_json_string (out, sp_goal_status_to_string (p->verdict));
  sp_json_key (out, "days_left");
  g_string_append_printf (out, "%d", p->days_left);
  g_string_append_c (out, '}');
}

static char *
to_json (GPtrArray *progress,
         SpDate     today)
{
  g_autoptr(GString) out = g_string_new ("{");

  sp_json_key (out, "today");
  sp_json_date (out, today);
  sp_json_key (out, "goals");
  g_string_append_c (out, '[');
  for (guint i = 0; i < progress->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_goal (out, g_ptr_array_index (progress, i));
    }
  g_string_append (out, "]}");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* For people */

static char *
format_share (double share)
{
  if (isnan (share))
    return g_strdup ("—");
  /* TRANSLATORS: a share of the way to a goal, e.g. "60 %" */
  return g_strdup_printf (_("%'.0f %%"), share * 100.0);
}

#define N_COLUMNS 10

static void
print_table (GPtrArray *rows)
{
  int widths[N_COLUMNS] = { 0 };

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < N_COLUMNS; c++)
        widths[c] = MAX (widths[c], (int) g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          int pad = widths[c] - (int) g_utf8_strlen (row[c], -1);

          printf ("%s", row[c]);
          if (c + 1 < N_COLUMNS)
            printf ("%*s  ", pad, "");
        }
      putchar ('\n');
    }
}

static void
print_text (GPtrArray *progress,
            SpDate     today)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *day = sp_date_format_long (today);

  /* TRANSLATORS: %s is the period ("November 2026") */
  printf (_("Goals on %s\n\n"), day);

  if (progress->len == 0)
    {
      printf ("%s\n", _("No goals yet. Set one in the window, on the Goals page."));
      return;
    }

  {
    char **header = g_new0 (char *, N_COLUMNS + 1);

    header[0] = g_strdup (_("ID"));
    header[1] = g_strdup (_("KPI"));
    header[2] = g_strdup (_("For"));
    header[3] = g_strdup (_("Baseline"));
    header[4] = g_strdup (_("Target"));
    header[5] = g_strdup (_("Due"));
    header[6] = g_strdup (_("Current"));
    header[7] = g_strdup (_("Progress"));
    header[8] = g_strdup (_("Expected"));
    header[9] = g_strdup (_("Status"));
    g_ptr_array_add (rows, header);
  }

  for (guint i = 0; i < progress->len; i++)
    {
      SpGoalProgress *p = g_ptr_array_index (progress, i);
      SpGoal *goal = p->goal;
      char **row = g_new0 (char *, N_COLUMNS + 1);

      row[0] = g_strdup_printf ("%" PRId64, goal->id);
      row[1] = g_strdup (sp_kpi_get_short_name (goal->kpi));
      row[2] = g_strdup (goal->segment_label ? goal->segment_label : _("whole shop"));
      row[3] = sp_goal_format_value (goal->kpi, p->baseline.value, p->currency);
      if (p->baseline_estimated)
        {
          /* TRANSLATORS: %s is a value the owner estimated, e.g. "65 %" */
          char *marked = g_strdup_printf (_("%s (estimate)"), row[3]);
          g_free (row[3]);
          row[3] = marked;
        }
      row[4] = sp_goal_format_value (goal->kpi, goal->target, p->currency);
      row[5] = sp_date_format_iso (goal->due);
      row[6] = sp_goal_format_value (goal->kpi, p->current.value, p->currency);
      row[7] = format_share (p->progress);
      row[8] = format_share (p->as_of >= goal->start ? p->expected : NAN);
      row[9] = g_strdup (sp_goal_status_get_label (p->status));
      g_ptr_array_add (rows, row);
    }

  print_table (rows);

  for (guint i = 0; i < progress->len; i++)
    {
      SpGoalProgress *p = g_ptr_array_index (progress, i);
      g_autofree char *sentence = sp_goal_dup_sentence (p->goal, p->baseline.value,
                                                          p->currency);
      g_autofree char *why = sp_goal_progress_explain (p);
      g_autofree char *base_period = sp_period_format (&p->baseline_period);
      g_autofree char *base_n = sp_goal_format_n (p->goal->kpi, p->baseline.n);

      printf ("\n%" PRId64 ". %s\n", p->goal->id, sentence);
      printf ("   %s — %s\n", sp_goal_status_get_label (p->status), why);
      if (p->baseline_estimated)
        printf ("   %s\n", _("Baseline: the owner's estimate (no data before the start)."));
      else if (!isnan (p->baseline.value))
        /* TRANSLATORS: the baseline's value, its period, and " (so far)" when it is not over */
        printf (_("   Baseline: %s, %s%s.\n"), base_period, base_n,
                p->baseline_partial ? _(" (so far)") : "");
      /* TRANSLATORS: %s is the business objective the goal serves */
      printf (_("   Serves: %s\n"), sp_goal_get_objective_label (p->goal));
    }
}

int
sp_cli_goals (SpCliContext  *context,
              int            argc,
              char         **argv)
{
  g_autofree char *today_text = NULL;
  gboolean all = FALSE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Also list closed and abandoned goals"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Judge the goals as on this day (YYYY-MM-DD; default: today)"), "DATE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpKpiEngine) engine = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  SpDate today = sp_date_today ();
  int status;

  if (!sp_cli_parse ("goals", entries, &argc, &argv, &status))
    return status;

  if (argc > 1)
    /* TRANSLATORS: %s is what was typed on the command line */
    return sp_cli_usage_error ("goals", _("unexpected argument “%s”"), argv[1]);

  if (today_text != NULL && !sp_date_parse (today_text, &today, &reason))
    /* TRANSLATORS: the date as typed, then what is wrong with it */
    return sp_cli_usage_error ("goals", _("--today “%s”: %s"), today_text, reason);
  if ((status = sp_cli_check_period ("goals", &(SpPeriod) { today, today })) != SP_EXIT_OK)
    return status;

  if (!(store = sp_cli_open_store (context, TRUE)))
    return SP_EXIT_BAD_INPUT;

  goals = sp_store_list_goals (store, all, &error);
  if (goals == NULL)
    return sp_cli_fail (error);

  engine = sp_kpi_engine_new (store);
  progress = sp_goal_tracker_evaluate_all (engine, goals, today, &error);
  if (progress == NULL)
    return sp_cli_fail (error);

  if (json)
    {
      g_autofree char *text = to_json (progress, today);
      printf ("%s\n", text);
    }
  else
    {
      print_text (progress, today);
    }

  return SP_EXIT_OK;
}
