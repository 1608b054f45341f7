/* sp-xlsx-analysis.c
 *
 * The sheets that analyse the period for people: the monthly trend with
 * its charts, the scorecard per agent, the goals and the costs per month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sp-goal-tracker.h"
#include "sp-xlsx-private.h"

/* Monthly trend: the twelve months up to the period's end (or the whole
 * period, when longer), the period's own highlighted */

enum
{
  TREND_COL_MONTH,
  TREND_COL_IN_PERIOD,
  TREND_COL_DAYS,
  TREND_COL_NOTE,
  TREND_COL_CONTACTS,
  TREND_FIRST_KPI_COL,
};

SpPeriod
sp_xlsx_trend_window (const SpPeriod *period)
{
  SpPeriod window;

  window.from = sp_date_add_months (sp_date_month_start (period->to), -(TREND_MONTHS - 1));
  window.from = MIN (window.from, sp_date_month_start (period->from));
  window.to = period->to;
  return window;
}

static void
add_trend_chart (SpXlsx  *x,
                 SpKpi    kpi,
                 guint    col,
                 guint    index)
{
  lxw_worksheet *ws = x->sheets[SHEET_TREND];
  const char *sheet = x->sheet_names[SHEET_TREND];
  lxw_row_t last = x->trend->len;
  g_autofree char *title = sp_xlsx_column_title (x, kpi);
  lxw_chart *chart = workbook_add_chart (x->workbook, LXW_CHART_LINE);
  lxw_chart_series *series;

  /* the months are text ("2026-11"): a date axis is labelled by each
   * program in its own way, LibreOffice's not always the right month */
  series = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (series, sheet, TOP_ROWS + 1, TREND_COL_MONTH, TOP_ROWS + last,
                               TREND_COL_MONTH);
  /* in constant memory libxlsxwriter cannot look at the cells and would
   * take the months for numbers */
  series->categories->has_string_cache = LXW_TRUE;
  chart_series_set_values (series, sheet, TOP_ROWS + 1, col, TOP_ROWS + last, col);
  chart_series_set_name (series, sp_kpi_get_name (kpi));
  chart_series_set_marker_type (series, LXW_CHART_MARKER_CIRCLE);
  {
    /* the line into a month that is not over is dashed: its figure is "so far" */
    static lxw_chart_line so_far_line = { .dash_type = LXW_CHART_LINE_DASH_DASH };
    static lxw_chart_point so_far = { .line = &so_far_line };
    static lxw_chart_point whole = { 0 };
    g_autofree lxw_chart_point **points = g_new0 (lxw_chart_point *, x->trend->len + 1);
    gboolean any = FALSE;

    for (guint i = 0; i < x->trend->len; i++)
      {
        SpKpiSet *set = g_ptr_array_index (x->trend, i);

        points[i] = set->partial ? &so_far : &whole;
        any |= set->partial;
      }
    if (any)
      sp_xlsx_check (x, chart_series_set_points (series, points));
  }
  chart_title_set_name (chart, title);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  chart_show_blanks_as (chart, LXW_CHART_BLANKS_AS_GAP);

  sp_xlsx_check (x, worksheet_insert_chart (ws, TOP_ROWS + last + 5 + (index / 2) * 16,
                                            (index % 2) * 8, chart));
}

void
sp_xlsx_write_trend (SpXlsx *x)
{
  lxw_worksheet *ws = x->sheets[SHEET_TREND];
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  SpDate today = sp_time_to_date (x->context.now);
  gboolean partial = FALSE;

  g_ptr_array_add (titles, g_strdup (_("Month")));
  g_ptr_array_add (titles, g_strdup (_("In the period")));
  g_ptr_array_add (titles, g_strdup (_("Days")));
  g_ptr_array_add (titles, g_strdup (_("Whole month?")));
  g_ptr_array_add (titles, g_strdup (sp_kpi_get_name (SP_KPI_CONTACTS)));
  for (guint k = 0; k < G_N_ELEMENTS (sp_xlsx_kpi_order); k++)
    g_ptr_array_add (titles, sp_xlsx_column_title (x, sp_xlsx_kpi_order[k]));
  for (guint c = 0; c < titles->len; c++)
    {
      double width = c == TREND_COL_NOTE ? 22 : c == TREND_COL_MONTH ? 10 : 11;
      g_array_append_val (widths, width);
    }

  sp_xlsx_write_sheet_top (x, ws);
  sp_xlsx_write_header (x, ws, TOP_ROWS, (const char **) titles->pdata, titles->len);
  sp_xlsx_fit_header (x, ws, TOP_ROWS, (const char * const *) titles->pdata,
                      (double *) widths->data, titles->len);
  sp_xlsx_check (x, worksheet_set_column (ws, 0, 0, 10, NULL));
  sp_xlsx_check (x, worksheet_set_column (ws, 1, titles->len - 1, 11, NULL));
  sp_xlsx_check (x, worksheet_set_column (ws, TREND_COL_NOTE, TREND_COL_NOTE, 22, NULL));

  for (guint i = 0; i < x->trend->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (x->trend, i);
      const SpPeriod *month = &set->period;
      SpDate end = sp_date_month_end (month->from);
      gboolean inside = month->from >= x->period.from && month->to <= x->period.to;
      gboolean overlaps = month->to >= x->period.from && month->from <= x->period.to;
      lxw_row_t row = TOP_ROWS + i + 1;
      int y, m;
      char label[16];

      sp_date_to_ymd (month->from, &y, &m, NULL);
      g_snprintf (label, sizeof label, "%04d-%02d", y, m);
      sp_xlsx_write_text (x, ws, row, TREND_COL_MONTH, label, overlaps ? x->f_highlight : NULL);
      if (overlaps)
        sp_xlsx_write_text (x, ws, row, TREND_COL_IN_PERIOD,
                            inside ? _("yes") : _("partly"), NULL);
      sp_xlsx_write_number (x, ws, row, TREND_COL_DAYS, sp_period_get_days (month), NULL);

      if (month->from <= today && today <= end && month->to >= today)
        {
          /* TRANSLATORS: a month of the trend that is still running */
          sp_xlsx_write_text (x, ws, row, TREND_COL_NOTE, _("so far"), x->f_note);
          partial = TRUE;
        }
      else if (month->to < end)
        {
          g_autofree char *note =
            /* TRANSLATORS: in the workbook's month column: the days counted of the month's days */
            sp_xlsx_printf (x, _("partial: %d of %d days"), sp_period_get_days (month),
                            (int) (end - month->from + 1));

          sp_xlsx_write_text (x, ws, row, TREND_COL_NOTE, note, x->f_note);
          partial = TRUE;
        }

      sp_xlsx_write_number (x, ws, row, TREND_COL_CONTACTS, (double) set->contacts,
                            x->f_unit[SP_UNIT_COUNT]);

      for (guint k = 0; k < G_N_ELEMENTS (sp_xlsx_kpi_order); k++)
        {
          SpKpi kpi = sp_xlsx_kpi_order[k];

          sp_xlsx_write_number (x, ws, row, TREND_FIRST_KPI_COL + k, set->values[kpi].value,
                                sp_xlsx_unit_format (x, kpi, FALSE));
        }
    }

  worksheet_freeze_panes (ws, TOP_ROWS + 1, 1);

  if (x->trend->len > 0)
    {
      sp_xlsx_write_text (x, ws, TOP_ROWS + x->trend->len + 2, 0,
                          partial ? _("Highlighted: the months of the period. A partial month "
                                      "counts only its days shown; compare it with whole months "
                                      "with care.")
                                  : _("Highlighted: the months of the period."),
                          x->f_note);

      /* the months that are not over, or that the period cuts, say so under
       * the table; after the line above, as constant memory writes rows in order */
      for (guint i = 0, note_row = TOP_ROWS + x->trend->len + 3; i < x->trend->len; i++)
        {
          SpKpiSet *set = g_ptr_array_index (x->trend, i);
          SpPeriod month;
          g_autofree char *name = NULL;
          g_autofree char *days = NULL;
          g_autofree char *note = NULL;

          if (!set->partial)
            continue;

          month = sp_period_make (sp_date_month_start (set->period.from),
                                  sp_date_month_end (set->period.from));
          name = sp_period_format_so_far (&month);
          days = sp_period_format_sentence (&(SpPeriod) { set->period.from,
                                                          MIN (set->period.to,
                                                               MAX (set->period.from,
                                                                    sp_date_today ())) });
          /* TRANSLATORS: under the monthly trend: %1$s "December 2026, so far", %2$s the days
           * counted, "from 1 to 7 December 2026" */
          note = g_strdup_printf (_("%1$s: counts only the days %2$s, so it is not comparable with "
                                    "whole months."), name, days);
          sp_xlsx_write_text (x, ws, note_row++, 0, note, x->f_note);
        }

      for (guint k = 0; k < SP_N_CORE_KPIS; k++)
        add_trend_chart (x, sp_xlsx_kpi_order[k], TREND_FIRST_KPI_COL + k, k);
    }
  else
    {
      sp_xlsx_write_text (x, ws, TOP_ROWS + 2, 0, _("There are no months in this period."),
                          x->f_note);
    }
}

/* Agents */

void
sp_xlsx_write_agents (SpXlsx *x)
{
  static const SpKpi columns[] = {
    SP_KPI_CONTACTS, SP_KPI_CSAT, SP_KPI_FCR, SP_KPI_FIRST_RESPONSE, SP_KPI_ESCALATION_RATE,
    SP_KPI_NPS, SP_KPI_CES, SP_KPI_REPEAT_RATE, SP_KPI_AHT, SP_KPI_UTILIZATION,
    SP_KPI_SLA_COMPLIANCE, SP_KPI_RESOLUTION_TIME, SP_KPI_BACKLOG,
  };
  lxw_worksheet *ws = x->sheets[SHEET_AGENTS];
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  guint c;

  g_ptr_array_add (titles, g_strdup (_("Agent")));
  for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
    {
      g_ptr_array_add (titles, sp_xlsx_column_title (x, columns[k]));
      if (columns[k] == SP_KPI_CSAT)
        g_ptr_array_add (titles, g_strdup (_("CSAT answers")));
      else if (columns[k] == SP_KPI_FCR)
        g_ptr_array_add (titles, g_strdup (_("First contacts")));
      else if (columns[k] == SP_KPI_NPS)
        g_ptr_array_add (titles, g_strdup (_("NPS answers")));
    }
  g_ptr_array_add (titles, g_strdup (_("Needs action")));

  sp_xlsx_write_sheet_top (x, ws);
  sp_xlsx_write_header (x, ws, TOP_ROWS, (const char **) titles->pdata, titles->len);
  {
    g_autofree double *widths = g_new (double, titles->len);

    for (guint t = 0; t < titles->len; t++)
      widths[t] = t == 0 ? 18 : t == titles->len - 1 ? 30 : 11;
    sp_xlsx_fit_header (x, ws, TOP_ROWS, (const char * const *) titles->pdata, widths, titles->len);
  }
  sp_xlsx_check (x, worksheet_set_column (ws, 0, 0, 18, NULL));
  sp_xlsx_check (x, worksheet_set_column (ws, 1, titles->len - 2, 11, NULL));
  sp_xlsx_check (x, worksheet_set_column (ws, titles->len - 1, titles->len - 1, 30, NULL));

  /* the agents, then the whole team as the app computes it (not a sum of averages);
   * in constant memory a filter must be set before the rows after it are written */
  if (x->agents->len > 0)
    sp_xlsx_check (x, worksheet_autofilter (ws, TOP_ROWS, 0, TOP_ROWS + x->agents->len,
                                            titles->len - 1));
  for (guint i = 0; i <= x->agents->len; i++)
    {
      gboolean team = i == x->agents->len;
      SpKpiSet *set = team ? x->current : g_ptr_array_index (x->agents, i);
      g_autoptr(GString) act = g_string_new (NULL);
      lxw_row_t row = TOP_ROWS + i + 1;

      if (team && x->agents->len == 0)
        break;

      sp_xlsx_write_text (x, ws, row, 0, team ? _("Whole team") : set->segment_label,
                          team ? x->f_team : NULL);
      c = 1;
      for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
        {
          SpKpi kpi = columns[k];
          const SpKpiValue *v = &set->values[kpi];

          sp_xlsx_write_number (x, ws, row, c++, v->value, sp_xlsx_unit_format (x, kpi, team));
          if (kpi == SP_KPI_CSAT || kpi == SP_KPI_FCR || kpi == SP_KPI_NPS)
            sp_xlsx_write_number (x, ws, row, c++, (double) v->n, x->f_unit[SP_UNIT_COUNT]);

          if (v->status == SP_STATUS_ACT)
            g_string_append_printf (act, "%s%s", act->len ? ", " : "",
                                    sp_kpi_get_short_name (kpi));
        }
      sp_xlsx_write_text (x, ws, row, c, act->str, NULL);
    }

  worksheet_freeze_panes (ws, TOP_ROWS + 1, 1);
  if (x->agents->len == 0)
    sp_xlsx_write_text (x, ws, TOP_ROWS + 2, 0,
                        _("No agent has contacts, answers or shifts in this period."),
                        x->f_note);
}

/* Goals: each goal that runs during the period, as it stood on the period's
 * last day (or today, if earlier), as the Goals page shows it */


static char *
explain (gconstpointer progress)
{
  return sp_goal_progress_explain (progress);
}

static char *
sentence (gconstpointer progress)
{
  const SpGoalProgress *p = progress;

  return sp_goal_dup_sentence (p->goal, p->baseline.value, p->currency);
}

void
sp_xlsx_write_goals (SpXlsx *x)
{
  const char *titles[] = {
    _("Goal"), _("KPI"), _("For"), _("Objective"), _("Start"), _("Due"), _("Baseline"),
    _("Target"), _("Current"), _("Unit"), _("Progress (%)"), _("Status"), _("Why"),
  };
  static const double widths[] = { 50, 18, 18, 18, 11, 11, 11, 11, 11, 11, 11, 11, 60 };
  lxw_worksheet *ws = x->sheets[SHEET_GOALS];
  g_autoptr(GPtrArray) running = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;
  SpDate as_of = MIN (x->period.to, sp_time_to_date (x->context.now));

  G_STATIC_ASSERT (G_N_ELEMENTS (widths) == G_N_ELEMENTS (titles));

  sp_xlsx_write_sheet_top (x, ws);
  sp_xlsx_write_header (x, ws, TOP_ROWS, titles, G_N_ELEMENTS (titles));
  sp_xlsx_fit_header (x, ws, TOP_ROWS, titles, widths, G_N_ELEMENTS (titles));
  sp_xlsx_check (x, worksheet_set_column (ws, 0, 0, 50, x->f_wrap));
  sp_xlsx_check (x, worksheet_set_column (ws, 1, 3, 18, NULL));
  sp_xlsx_check (x, worksheet_set_column (ws, 4, G_N_ELEMENTS (titles) - 2, 11, NULL));
  sp_xlsx_check (x, worksheet_set_column (ws, G_N_ELEMENTS (titles) - 1,
                                          G_N_ELEMENTS (titles) - 1, 60, x->f_wrap));
  worksheet_freeze_panes (ws, TOP_ROWS + 1, 0);

  goals = sp_store_list_goals (x->store, TRUE, &error);
  for (guint i = 0; goals != NULL && i < goals->len; i++)
    {
      SpGoal *goal = g_ptr_array_index (goals, i);

      if (goal->start <= x->period.to && goal->due >= x->period.from)
        g_ptr_array_add (running, g_object_ref (goal));
    }

  if (goals != NULL)
    progress = sp_goal_tracker_evaluate_all (x->engine, running, as_of, &error);

  if (progress == NULL)
    {
      /* the rest of the workbook is still worth having */
      /* TRANSLATORS: %s is why the goals could not be read */
      g_autofree char *note = g_strdup_printf (_("The goals could not be read: %s"),
                                               error->message);

      sp_xlsx_write_text (x, ws, TOP_ROWS + 2, 0, note, x->f_note);
      return;
    }

  for (guint i = 0; i < progress->len; i++)
    {
      const SpGoalProgress *p = g_ptr_array_index (progress, i);
      SpGoal *goal = p->goal;
      lxw_format *format = sp_xlsx_unit_format (x, goal->kpi, FALSE);
      g_autofree char *goal_text = sp_xlsx_in_user_locale (x, sentence, p);
      g_autofree char *why = sp_xlsx_in_user_locale (x, explain, p);
      lxw_row_t row = TOP_ROWS + i + 1;

      sp_xlsx_write_text (x, ws, row, 0, goal_text, x->f_wrap);
      sp_xlsx_write_text (x, ws, row, 1, sp_kpi_get_name (goal->kpi), NULL);
      sp_xlsx_write_text (x, ws, row, 2,
                          goal->segment_label ? goal->segment_label : _("Whole shop"),
                          NULL);
      sp_xlsx_write_text (x, ws, row, 3, sp_goal_get_objective_label (goal), NULL);
      sp_xlsx_write_number (x, ws, row, 4, sp_xlsx_serial_date (goal->start), x->f_date);
      sp_xlsx_write_number (x, ws, row, 5, sp_xlsx_serial_date (goal->due), x->f_date);
      sp_xlsx_write_number (x, ws, row, 6, p->baseline.value, format);
      sp_xlsx_write_number (x, ws, row, 7, goal->target, format);
      sp_xlsx_write_number (x, ws, row, 8, p->current.value, format);
      sp_xlsx_write_text (x, ws, row, 9, sp_xlsx_unit_label (x, goal->kpi), NULL);
      sp_xlsx_write_number (x, ws, row, 10, 100 * p->progress, x->f_unit[SP_UNIT_PERCENT]);
      sp_xlsx_write_text (x, ws, row, 11, sp_goal_status_get_label (p->status), NULL);
      sp_xlsx_write_text (x, ws, row, 12, why, x->f_wrap);
      sp_xlsx_fit_row (x, ws, row, MAX (sp_xlsx_text_lines (goal_text, widths[0]),
                                        sp_xlsx_text_lines (why, widths[12])),
                       NULL);
    }

  if (progress->len > 0)
    {
      g_autofree char *day = sp_date_format_short (as_of);
      /* TRANSLATORS: %s is the day the goals are judged on */
      g_autofree char *note = g_strdup_printf (_("As the goals stood on %s. Churn is per month. "
                                                 "Progress is the share of the way from the "
                                                 "baseline to the target."), day);

      sp_xlsx_check (x, worksheet_autofilter (ws, TOP_ROWS, 0, TOP_ROWS + progress->len,
                                              G_N_ELEMENTS (titles) - 1));
      sp_xlsx_write_text (x, ws, TOP_ROWS + progress->len + 2, 0, note, x->f_note);
    }
  else
    {
      sp_xlsx_write_text (x, ws, TOP_ROWS + 2, 0, _("No goal runs during this period."), x->f_note);
    }
}

/* Costs: per whole month of the period, over the Contacts sheet */

void
sp_xlsx_write_costs (SpXlsx *x)
{
  g_autofree char *cost_title = NULL;
  g_autofree char *per_contact_title = NULL;
  g_autofree char *per_resolution_title = NULL;
  const char *titles[6];
  static const double widths[] = { 10, 14, 14, 14, 14, 14 };
  lxw_worksheet *ws = x->sheets[SHEET_COSTS];
  const char *received = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RECEIVED);
  const char *hours = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RESOLUTION_HOURS);
  lxw_row_t row = TOP_ROWS;
  double total_cost = 0;
  gint64 total_contacts = 0, total_resolved = 0;
  guint with_figures = 0;

  if (*x->currency != '\0')
    {
      cost_title = g_strdup_printf ("%s (%s)", _("Operating cost"), x->currency);
      per_contact_title = g_strdup_printf ("%s (%s)", _("Cost per contact"), x->currency);
      per_resolution_title = g_strdup_printf ("%s (%s)", _("Cost per resolution"), x->currency);
    }
  titles[0] = _("Month");
  titles[1] = cost_title ? cost_title : _("Operating cost");
  titles[2] = _("Contacts");
  titles[3] = _("Resolved contacts");
  titles[4] = per_contact_title ? per_contact_title : _("Cost per contact");
  titles[5] = per_resolution_title ? per_resolution_title : _("Cost per resolution");

  sp_xlsx_write_sheet_top (x, ws);
  sp_xlsx_write_header (x, ws, TOP_ROWS, titles, G_N_ELEMENTS (titles));
  sp_xlsx_fit_header (x, ws, TOP_ROWS, titles, widths, G_N_ELEMENTS (titles));
  sp_xlsx_check (x, worksheet_set_column (ws, 0, 0, 10, NULL));
  sp_xlsx_check (x, worksheet_set_column (ws, 1, G_N_ELEMENTS (titles) - 1, 14, NULL));

  for (guint i = 0; i < x->trend->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (x->trend, i);
      g_autoptr(SpMonthFigures) figures = NULL;
      g_autofree char *contacts = NULL;
      g_autofree char *resolved = NULL;
      g_autofree char *per_contact = NULL;
      g_autofree char *per_resolution = NULL;
      gint64 n_resolved = set->values[SP_KPI_RESOLUTION_TIME].n;
      double cost = NAN;
      int year, month;
      guint r;

      if (!sp_period_is_whole_month (&set->period) || set->period.from < x->period.from ||
          set->period.to > x->period.to)
        continue;

      sp_date_to_ymd (set->period.from, &year, &month, NULL);
      figures = sp_store_load_month_figures (x->store, year, month, NULL);
      if (figures != NULL)
        {
          cost = figures->operating_cost;
          total_cost += cost;
          total_contacts += set->contacts;
          total_resolved += n_resolved;
          with_figures++;
        }

      row++;
      r = row + 1;
      contacts = g_strdup_printf ("COUNTIFS(%s,\">=\"&$A%u,%s,\"<\"&DATE(YEAR($A%u),"
                                  "MONTH($A%u)+1,1))", received, r, received, r, r);
      resolved = g_strdup_printf ("COUNTIFS(%s,\">=\"&$A%u,%s,\"<\"&DATE(YEAR($A%u),"
                                  "MONTH($A%u)+1,1),%s,\">=0\")", received, r, received, r, r,
                                  hours);
      per_contact = g_strdup_printf ("IF(OR(B%u=\"\",C%u=0),\"\",B%u/C%u)", r, r, r, r);
      per_resolution = g_strdup_printf ("IF(OR(B%u=\"\",D%u=0),\"\",B%u/D%u)", r, r, r, r);

      sp_xlsx_write_number (x, ws, row, 0, sp_xlsx_serial_date (set->period.from), x->f_month);
      sp_xlsx_write_number (x, ws, row, 1, cost, x->f_money);
      sp_xlsx_check (x, worksheet_write_formula_num (ws, row, 2, contacts, x->f_unit[SP_UNIT_COUNT],
                                                     (double) set->contacts));
      sp_xlsx_check (x, worksheet_write_formula_num (ws, row, 3, resolved, x->f_unit[SP_UNIT_COUNT],
                                                     (double) n_resolved));
      sp_xlsx_write_formula (x, ws, row, 4, per_contact,
                             isnan (cost) || set->contacts == 0 ? NAN
                                                                : cost / (double) set->contacts,
                             x->f_money);
      sp_xlsx_write_formula (x, ws, row, 5, per_resolution,
                             isnan (cost) || n_resolved == 0 ? NAN : cost / (double) n_resolved,
                             x->f_money);
    }

  if (row == TOP_ROWS)
    {
      sp_xlsx_write_text (x, ws, TOP_ROWS + 2, 0,
                          _("No whole month lies in this period: costs are kept per month."),
                          x->f_note);
    }
  else
    {
      guint first = TOP_ROWS + 2;
      g_autofree char *cost = g_strdup_printf ("SUM(B%u:B%u)", first, row + 1);
      g_autofree char *contacts = g_strdup_printf ("SUMPRODUCT((B%u:B%u<>\"\")*C%u:C%u)",
                                                   first, row + 1, first, row + 1);
      g_autofree char *resolved = g_strdup_printf ("SUMPRODUCT((B%u:B%u<>\"\")*D%u:D%u)",
                                                   first, row + 1, first, row + 1);
      g_autofree char *per_contact = g_strdup_printf ("IF(C%u=0,\"\",B%u/C%u)",
                                                      row + 2, row + 2, row + 2);
      g_autofree char *per_resolution = g_strdup_printf ("IF(D%u=0,\"\",B%u/D%u)",
                                                         row + 2, row + 2, row + 2);
      lxw_row_t total = row + 1;

      sp_xlsx_write_text (x, ws, total, 0, _("Months with figures"), x->f_header);
      sp_xlsx_check (x, worksheet_set_row (ws, total, 2 * LINE_POINTS + 2, NULL));
      sp_xlsx_check (x, worksheet_write_formula_num (ws, total, 1, cost, x->f_money, total_cost));
      sp_xlsx_check (x, worksheet_write_formula_num (ws, total, 2, contacts,
                                                     x->f_unit[SP_UNIT_COUNT],
                                                     (double) total_contacts));
      sp_xlsx_check (x, worksheet_write_formula_num (ws, total, 3, resolved,
                                                     x->f_unit[SP_UNIT_COUNT],
                                                     (double) total_resolved));
      sp_xlsx_write_formula (x, ws, total, 4, per_contact,
                             total_contacts == 0 ? NAN : total_cost / (double) total_contacts,
                             x->f_money);
      sp_xlsx_write_formula (x, ws, total, 5, per_resolution,
                             total_resolved == 0 ? NAN : total_cost / (double) total_resolved,
                             x->f_money);
      sp_xlsx_write_text (x, ws, total + 2, 0,
                          _("Contacts are those received in the month; resolved contacts are "
                            "those of them that have a resolution time. A month without month "
                            "figures has no cost."), x->f_note);
    }

  worksheet_freeze_panes (ws, TOP_ROWS + 1, 0);
}
