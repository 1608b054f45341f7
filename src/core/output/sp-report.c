/* sp-report.c
 *
 * What the report says: its sections built from the KPI engine's figures,
 * the findings, the goals and the review's notes, as blocks of text,
 * tables and charts.  sp-report-layout.c lays them out and draws them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-report"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "sp-error.h"
#include "sp-goal-tracker.h"
#include "sp-insights.h"
#include "sp-kpi-charts.h"
#include "sp-kpi-engine.h"
#include "sp-overview.h"
#include "sp-report-private.h"
#include "sp-review.h"
#include "sp-shop.h"
#include "sp-worker.h"

G_DEFINE_FINAL_TYPE (SpReport, sp_report, G_TYPE_OBJECT)

/* Sections */

typedef struct
{
  SpReportSections  section;
  const char       *key;
  const char       *title;
} SectionInfo;

static const SectionInfo section_info[SP_REPORT_N_SECTIONS] = {
  { SP_REPORT_SUMMARY, "summary", N_("Summary") },
  { SP_REPORT_FINDINGS, "findings", N_("What to look at") },
  { SP_REPORT_CORE_CHARTS, "charts", N_("The Core Four") },
  { SP_REPORT_FIRST_RESPONSE, "first-response", N_("First response by channel") },
  { SP_REPORT_VOLUME, "volume", N_("Contacts by topic and channel") },
  { SP_REPORT_AGENTS, "agents", N_("Agents") },
  { SP_REPORT_GOALS, "goals", N_("Goals") },
  { SP_REPORT_NOTES, "notes", N_("Notes from the review") },
};

static const SectionInfo *
find_section (SpReportSections section)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_info); i++)
    if (section_info[i].section == section)
      return &section_info[i];
  return NULL;
}

const char *
sp_report_section_to_string (SpReportSections section)
{
  const SectionInfo *info = find_section (section);

  g_return_val_if_fail (info != NULL, NULL);
  return info->key;
}

gboolean
sp_report_section_from_string (const char       *str,
                               SpReportSections *section)
{
  g_return_val_if_fail (section != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (section_info); i++)
    if (g_ascii_strcasecmp (str, section_info[i].key) == 0)
      {
        *section = section_info[i].section;
        return TRUE;
      }

  return FALSE;
}

const char *
sp_report_section_get_title (SpReportSections section)
{
  const SectionInfo *info = find_section (section);

  g_return_val_if_fail (info != NULL, NULL);
  return _(info->title);
}

SpReportSections
sp_report_sections_parse (const char  *list,
                          GError     **error)
{
  g_auto(GStrv) names = NULL;
  SpReportSections sections = 0;

  g_return_val_if_fail (list != NULL, 0);

  names = g_strsplit (list, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      SpReportSections section;

      g_strstrip (names[i]);
      if (*names[i] == '\0')
        continue;

      if (g_ascii_strcasecmp (names[i], "all") == 0)
        {
          sections |= SP_REPORT_ALL_SECTIONS;
          continue;
        }

      if (!sp_report_section_from_string (names[i], &section))
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint j = 0; j < G_N_ELEMENTS (section_info); j++)
            g_string_append_printf (known, "%s%s", j ? ", " : "", section_info[j].key);
          g_set_error (error, SP_ERROR, SP_ERROR_USAGE,
                       /* TRANSLATORS: the section as typed, then the list of sections */
                       _("Unknown section “%s”; the sections are %s, or all."), names[i],
                       known->str);
          return 0;
        }
      sections |= section;
    }

  if (sections == 0)
    g_set_error_literal (error, SP_ERROR, SP_ERROR_USAGE, _("No section given."));

  return sections;
}

/* Periods */

/* The object */

SpReport *
sp_report_new (const SpPeriod   *period,
               SpReportSections  sections)
{
  SpReport *self;

  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (period->from <= period->to, NULL);

  self = g_object_new (SP_TYPE_REPORT, NULL);
  self->period = *period;
  self->previous = sp_period_previous (period);
  self->sections = sections & SP_REPORT_ALL_SECTIONS;
  return self;
}

const SpPeriod *
sp_report_get_period (SpReport *self)
{
  g_return_val_if_fail (SP_IS_REPORT (self), NULL);
  return &self->period;
}

SpReportSections
sp_report_get_sections (SpReport *self)
{
  g_return_val_if_fail (SP_IS_REPORT (self), 0);
  return self->sections;
}

void
sp_report_set_printed_on (SpReport *self,
                          SpDate    day)
{
  g_return_if_fail (SP_IS_REPORT (self));
  self->printed_on = day;
}

gboolean
sp_report_is_loaded (SpReport *self)
{
  g_return_val_if_fail (SP_IS_REPORT (self), FALSE);
  return self->loaded;
}

char *
sp_report_dup_title (SpReport *self)
{
  g_autofree char *period = NULL;

  g_return_val_if_fail (SP_IS_REPORT (self), NULL);

  period = sp_period_format (&self->period);
  if (self->shop_name != NULL)
    /* TRANSLATORS: a report's title: the shop's name and the period */
    return g_strdup_printf (_("%s — %s"), self->shop_name, period);

  /* TRANSLATORS: a report's title without a shop name: "Customer service report — October 2026" */
  return g_strdup_printf (_("Customer service report — %s"), period);
}

/* Building the blocks */

static SpReportBlock *
add_block (SpReport          *self,
           SpReportBlockKind  kind,
           SpReportSections   section)
{
  SpReportBlock *block = g_new0 (SpReportBlock, 1);

  block->kind = kind;
  block->section = section;
  block->row = -1;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
add_heading (SpReport         *self,
             SpReportSections  section,
             const char       *title)
{
  SpReportBlock *block = add_block (self, SP_REPORT_BLOCK_HEADING, section);

  block->markup = g_markup_escape_text (title ? title : sp_report_section_get_title (section),
                                        -1);
  block->space_before = 20;
  block->keep_with_next = TRUE;
}

static SpReportBlock *
add_markup (SpReport          *self,
            SpReportSections   section,
            SpReportTextStyle  style,
            SpReportIcon       icon,
            const char        *markup)
{
  SpReportBlock *block = add_block (self, SP_REPORT_BLOCK_TEXT, section);

  block->markup = g_strdup (markup);
  block->style = style;
  block->icon = icon;
  block->space_before = style == SP_REPORT_TEXT_SMALL ? 4 : 6;
  return block;
}

static void
add_text (SpReport          *self,
          SpReportSections   section,
          SpReportTextStyle  style,
          const char        *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  add_markup (self, section, style, SP_REPORT_ICON_NONE, markup);
}

/* What stands in for a section without data: one plain sentence, never an empty frame */
static void
add_empty (SpReport         *self,
           SpReportSections  section,
           const char       *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  SpReportBlock *block = add_markup (self, section, SP_REPORT_TEXT_EMPTY, SP_REPORT_ICON_NONE,
                                     markup);

  block->empty = TRUE;
}

typedef struct
{
  const char     *title;
  double          shrink;     /* 0: the column is as wide as its widest cell */
  PangoAlignment  align;
} Column;

static SpReportTable *
add_table (SpReport         *self,
           SpReportSections  section,
           const Column     *columns,
           guint             n_columns)
{
  SpReportBlock *header = add_block (self, SP_REPORT_BLOCK_TABLE_HEADER, section);
  SpReportTable *table = g_new0 (SpReportTable, 1);

  g_assert (n_columns <= G_N_ELEMENTS (table->shrink));

  table->n_columns = n_columns;
  for (guint i = 0; i < n_columns; i++)
    {
      table->titles[i] = g_strdup (columns[i].title);
      table->shrink[i] = columns[i].shrink;
      table->align[i] = columns[i].align;
    }

  header->table = table;
  header->space_before = 6;
  header->keep_with_next = TRUE;
  return table;
}

static SpReportBlock *
add_row (SpReport         *self,
         SpReportSections  section,
         SpReportTable    *table,
         int               row)
{
  SpReportBlock *block = add_block (self, SP_REPORT_BLOCK_TABLE_ROW, section);

  block->table = table;
  block->row = row;
  return block;
}

static void
set_cell (SpReportBlock *row,
          guint          column,
          const char    *text,
          SpReportIcon   icon,
          gboolean       secondary)
{
  g_assert (column < row->table->n_columns);

  g_autofree char *mark = sp_report_icon_text (icon);

  g_free (row->cells[column].text);
  if (icon == SP_REPORT_ICON_NONE)
    row->cells[column].text = g_strdup (text ? text : "");
  else
    row->cells[column].text = g_strconcat (mark, " ", text ? text : "", NULL);
  row->cells[column].secondary = secondary;
}

static void
add_charts (SpReport         *self,
            SpReportSections  section,
            double            height,
            SpChart          *first,
            const char       *first_title,
            SpChart          *second,
            const char       *second_title)
{
  SpReportBlock *block = add_block (self, SP_REPORT_BLOCK_CHARTS, section);

  block->space_before = 10;
  block->chart_height = height;
  block->charts[0] = sp_chart_ref (first);
  block->chart_titles[0] = g_strdup (first_title);
  block->n_charts = 1;
  if (second != NULL)
    {
      block->charts[1] = sp_chart_ref (second);
      block->chart_titles[1] = g_strdup (second_title);
      block->n_charts = 2;
    }
}

static SpReportIcon
status_icon (SpStatus status)
{
  switch (status)
    {
    case SP_STATUS_EXCELLENT:
      return SP_REPORT_ICON_EXCELLENT;
    case SP_STATUS_GOOD:
      return SP_REPORT_ICON_GOOD;
    case SP_STATUS_WATCH:
      return SP_REPORT_ICON_WATCH;
    case SP_STATUS_ACT:
      return SP_REPORT_ICON_ACT;
    case SP_STATUS_NONE:
    default:
      return SP_REPORT_ICON_NONE;
    }
}

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" PRId64, n);
}

/* The summary: every KPI with the period before, its band and its status */

static char *
format_value (SpKpiSet *set,
              SpKpi     kpi)
{
  if (kpi == SP_KPI_BACKLOG)
    /* TRANSLATORS: contacts still open at the end of a period */
    return g_strdup_printf (_("%'" PRId64 " open"), set->backlog_open);
  if (kpi == SP_KPI_CONTACTS)
    return format_count (set->contacts);

  return sp_kpi_format_value (kpi, sp_kpi_set_get (set, kpi)->value, set->currency);
}

static double
plain_value (SpKpiSet *set,
             SpKpi     kpi)
{
  if (kpi == SP_KPI_BACKLOG)
    return (double) set->backlog_open;
  if (kpi == SP_KPI_CONTACTS)
    return (double) set->contacts;
  return sp_kpi_set_get (set, kpi)->value;
}

/* Whether a formatted change shows no difference: "+0.0 pts", "-0" */
static gboolean
rounds_to_zero (const char *text)
{
  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p) && *p != '0')
      return FALSE;
  return TRUE;
}

static char *
format_change (SpKpi     kpi,
               SpKpiSet *now,
               SpKpiSet *before)
{
  double from = plain_value (before, kpi);
  double to = plain_value (now, kpi);
  g_autofree char *change = NULL;

  if (isnan (from) || isnan (to))
    return g_strdup ("—");

  if (kpi == SP_KPI_BACKLOG || kpi == SP_KPI_CONTACTS)
    change = g_strdup_printf ("%+'.0f", to - from);
  else
    change = sp_kpi_format_change (kpi, from, to, now->currency);

  if (kpi == SP_KPI_BACKLOG || kpi == SP_KPI_CONTACTS ? rounds_to_zero (change)
                                                      : sp_kpi_change_is_none (kpi, from, to))
    /* TRANSLATORS: a change too small to show at the figure's precision */
    return g_strdup (_("no change"));

  if (sp_kpi_get_direction (kpi) == SP_DIRECTION_NEUTRAL || kpi == SP_KPI_CONTACTS)
    return g_steal_pointer (&change);

  /* fewer open contacts is good news, whatever the band says */
  if (kpi == SP_KPI_BACKLOG ? to < from : sp_kpi_change_is_good (kpi, from, to))
    /* TRANSLATORS: a change, and that it is good news: "+3 better" */
    return g_strdup_printf (_("%s better"), change);

  /* TRANSLATORS: a change, and that it is bad news: "+3 worse" */
  return g_strdup_printf (_("%s worse"), change);
}

static char *
format_band (SpBenchmarks *benchmarks,
             SpKpi         kpi)
{
  const SpBand *band;

  if (!sp_kpi_has_status (kpi))
    return g_strdup ("—");

  if (kpi == SP_KPI_FIRST_RESPONSE)
    return g_strdup (_("each channel’s target"));

  band = sp_benchmarks_get_band (benchmarks, kpi);
  if (kpi == SP_KPI_BACKLOG)
    /* TRANSLATORS: the backlog's band: none older than 48 h is good, more than 20 open per agent is act */
    return g_strdup_printf (_("none > 48 h good · > %g per agent act"), band->act);

  return sp_band_format (band, kpi);
}

/* What a figure rests on, as a number: answers, first contacts, hours, customers, contacts */
static char *
format_n (SpKpiSet *set,
          SpKpi     kpi)
{
  const SpKpiValue *value = sp_kpi_set_get (set, kpi);

  if (kpi == SP_KPI_CONTACTS || kpi == SP_KPI_BACKLOG || value->n <= 0)
    return g_strdup ("");
  if (kpi == SP_KPI_UTILIZATION)
    /* TRANSLATORS: hours of shifts, what utilization rests on */
    return g_strdup_printf (_("%'.0f h"), value->n / 60.0);

  return format_count (value->n);
}

/* A count under a KPI's row: complaints under contacts, old contacts under the backlog */
static void
add_count_row (SpReport      *self,
               SpReportTable *table,
               int            row,
               const char    *name,
               gint64         now,
               gint64         before)
{
  SpReportBlock *block = add_row (self, SP_REPORT_SUMMARY, table, row);
  g_autofree char *now_text = format_count (now);
  g_autofree char *before_text = format_count (before);
  g_autofree char *change = NULL;

  if (now == before)
    change = g_strdup (_("no change"));
  else
    {
      g_autofree char *diff = g_strdup_printf ("%+'" PRId64, now - before);

      /* TRANSLATORS: a change, and that it is bad news: "+3 worse" */
      change = g_strdup_printf (now < before ? _("%s better") : _("%s worse"), diff);
    }

  block->indent = TRUE;
  set_cell (block, 0, name, SP_REPORT_ICON_NONE, FALSE);
  set_cell (block, 1, now_text, SP_REPORT_ICON_NONE, FALSE);
  set_cell (block, 2, before_text, SP_REPORT_ICON_NONE, TRUE);
  set_cell (block, 3, change, SP_REPORT_ICON_NONE, FALSE);
}

static void
build_summary (SpReport     *self,
               SpOverview   *o,
               SpBenchmarks *benchmarks)
{
  g_autofree char *previous = sp_period_format (&self->previous);
  g_autofree char *current = sp_period_format (&self->period);
  const Column columns[] = {
    { _("KPI"), 0, PANGO_ALIGN_LEFT },
    { current, 0, PANGO_ALIGN_RIGHT },
    { previous, 0, PANGO_ALIGN_RIGHT },
    { _("Change"), 0, PANGO_ALIGN_RIGHT },
    { _("Benchmark"), 1, PANGO_ALIGN_LEFT },
    { _("Status"), 0, PANGO_ALIGN_LEFT },
    /* TRANSLATORS: the column of what each figure rests on, as KPI-SPEC calls it */
    { _("n"), 0, PANGO_ALIGN_RIGHT },
  };
  SpReportTable *table;
  int row = 0;

  add_heading (self, SP_REPORT_SUMMARY, NULL);
  table = add_table (self, SP_REPORT_SUMMARY, columns, G_N_ELEMENTS (columns));

  for (int i = -1; i < SP_N_KPIS; i++)
    {
      /* the volume first, then the KPIs in their order: the Core Four lead */
      SpKpi kpi = i < 0 ? SP_KPI_CONTACTS : (SpKpi) i;
      const SpKpiValue *value = sp_kpi_set_get (o->current, kpi);
      SpReportBlock *block;
      g_autofree char *now = NULL;
      g_autofree char *before = NULL;
      g_autofree char *change = NULL;
      g_autofree char *band = NULL;
      g_autofree char *n = NULL;
      g_autofree char *name = NULL;
      const char *basis = sp_kpi_set_get_time_basis (o->current, kpi);
      gboolean no_value;

      if (i >= 0 && kpi == SP_KPI_CONTACTS)
        continue;

      /* TRANSLATORS: a KPI's name and "in opening hours" */
      name = basis != NULL ? g_strdup_printf (_("%s (%s)"), sp_kpi_get_name (kpi), basis)
                           : g_strdup (sp_kpi_get_name (kpi));

      now = format_value (o->current, kpi);
      before = format_value (o->before, kpi);
      change = format_change (kpi, o->current, o->before);
      band = format_band (benchmarks, kpi);
      n = format_n (o->current, kpi);
      no_value = isnan (plain_value (o->current, kpi));

      block = add_row (self, SP_REPORT_SUMMARY, table, row++);
      set_cell (block, 0, name, SP_REPORT_ICON_NONE, FALSE);
      set_cell (block, 1, now, SP_REPORT_ICON_NONE, FALSE);
      set_cell (block, 2, before, SP_REPORT_ICON_NONE, TRUE);
      set_cell (block, 3, change, SP_REPORT_ICON_NONE, FALSE);
      set_cell (block, 4, band, SP_REPORT_ICON_NONE, TRUE);
      if (value->status != SP_STATUS_NONE && !no_value)
        {
          g_autofree char *status = sp_kpi_format_status_of (kpi, value);

          set_cell (block, 5, status, status_icon (value->status),
                    value->status == SP_STATUS_TOO_FEW);
        }
      else
        set_cell (block, 5, "—", SP_REPORT_ICON_NONE, TRUE);
      set_cell (block, 6, n, SP_REPORT_ICON_NONE, TRUE);

      if (kpi == SP_KPI_CONTACTS)
        add_count_row (self, table, row++, _("Complaints"), o->current->complaints,
                       o->before->complaints);
      else if (kpi == SP_KPI_BACKLOG)
        add_count_row (self, table, row++, _("Older than 48 hours"),
                       o->current->backlog_older_than_48h, o->before->backlog_older_than_48h);
    }

  {
    g_autofree char *excellent = sp_report_icon_text (SP_REPORT_ICON_EXCELLENT);
    g_autofree char *good = sp_report_icon_text (SP_REPORT_ICON_GOOD);
    g_autofree char *watch = sp_report_icon_text (SP_REPORT_ICON_WATCH);
    g_autofree char *act = sp_report_icon_text (SP_REPORT_ICON_ACT);
    g_autofree char *text = NULL;
    g_autofree char *answers = sp_kpi_format_n (SP_KPI_CSAT,
                                                sp_benchmarks_get_min_n (SP_KPI_CSAT));
    g_autofree char *contacts = sp_kpi_format_n (SP_KPI_ESCALATION_RATE,
                                                 sp_benchmarks_get_min_n (SP_KPI_ESCALATION_RATE));
    g_autofree char *hours = sp_chart_format_number (SP_UNIT_HOURS,
                                                     sp_benchmarks_get_min_n (SP_KPI_UTILIZATION)
                                                     / 60.0, 0);

    /* TRANSLATORS: the legend under the summary; the first four %s are the statuses' icons,
     * then "30 answers", "30 contacts" and "40 hours" */
    text = g_strdup_printf (_("%s Excellent  %s Good  %s Watch  %s Act, against the benchmark "
                              "bands in the Benchmark column: from the published guides About "
                              "lists, or your own from Preferences. n is what a figure rests on: "
                              "answers for CSAT, NPS and CES, first contacts for FCR, hours of "
                              "shifts for utilization, customers for churn, contacts for the "
                              "rest. Below %s (CSAT, NPS, CES), %s (the rates and times) or %s of "
                              "shifts (utilization) a figure is too few to judge and gets no "
                              "status."), excellent, good, watch, act, answers, contacts, hours);
    add_text (self, SP_REPORT_SUMMARY, SP_REPORT_TEXT_SMALL, text);
  }
}

/* Findings */

static SpReportIcon
severity_icon (SpInsightSeverity severity)
{
  switch (severity)
    {
    case SP_INSIGHT_ACT:
      return SP_REPORT_ICON_ACT;
    case SP_INSIGHT_WATCH:
      return SP_REPORT_ICON_WATCH;
    case SP_INSIGHT_CAUTION:
    default:
      return SP_REPORT_ICON_CAUTION;
    }
}

#define MAX_FINDINGS 8

static void
build_findings (SpReport   *self,
                SpOverview *o)
{
  guint shown = 0;

  add_heading (self, SP_REPORT_FINDINGS, NULL);

  if (o->findings == NULL || o->findings->len == 0)
    {
      add_empty (self, SP_REPORT_FINDINGS,
                 _("Nothing stands out: no KPI is in its act band, and no agent, channel or "
                   "topic is far from the rest."));
      return;
    }

  for (guint i = 0; i < o->findings->len && shown < MAX_FINDINGS; i++, shown++)
    {
      SpInsight *insight = g_ptr_array_index (o->findings, i);
      g_autofree char *markup = NULL;
      SpReportBlock *block;

      markup = g_markup_printf_escaped ("<b>%s:</b> %s\n<span size=\"92%%\">%s</span>",
                                        sp_insight_severity_get_label (insight->severity), insight->title,
                                        insight->body ? insight->body : "");
      block = add_markup (self, SP_REPORT_FINDINGS, SP_REPORT_TEXT_BODY,
                          severity_icon (insight->severity), markup);
      block->space_before = i == 0 ? 6 : 7;
    }

  if (o->findings->len > shown)
    {
      g_autofree char *more = NULL;
      guint rest = o->findings->len - shown;

      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: %u is how many more findings the
                                            * dashboard shows */
                                           "And %u smaller finding: see the dashboard.",
                                           "And %u smaller findings: see the dashboard.", rest),
                              rest);
      add_text (self, SP_REPORT_FINDINGS, SP_REPORT_TEXT_SMALL, more);
    }
}

/* Charts */

#define TREND_HEIGHT 128

static gboolean
trend_is_empty (GPtrArray *trend)
{
  for (guint i = 0; trend != NULL && i < trend->len; i++)
    {
      SpKpiSet *set = g_ptr_array_index (trend, i);

      if (set->contacts > 0 || sp_kpi_set_get (set, SP_KPI_CSAT)->n > 0)
        return FALSE;
    }
  return TRUE;
}

/* What the trend's periods that are not over say, or NULL when all are */
static char *
describe_so_far (GPtrArray     *trend,
                 SpGranularity  granularity)
{
  for (guint i = trend->len; i-- > 0;)
    {
      SpKpiSet *set = g_ptr_array_index (trend, i);
      SpPeriod named = set->period;
      SpPeriod counted = sp_period_make (set->period.from,
                                         MIN (set->period.to, MAX (set->period.from,
                                                                   sp_date_today ())));
      g_autofree char *name = NULL;
      g_autofree char *days = NULL;

      if (!set->partial)
        continue;

      if (granularity == SP_GRANULARITY_MONTH)
        named = sp_period_make (sp_date_month_start (set->period.from),
                                sp_date_month_end (set->period.from));
      else if (granularity == SP_GRANULARITY_WEEK)
        named = sp_period_make (sp_date_week_start (set->period.from),
                                sp_date_week_start (set->period.from) + 6);
      name = sp_period_format (&named);
      days = sp_period_format_sentence (&counted);

      /* TRANSLATORS: under the trend charts: %1$s a month or week that is not over
       * ("December 2026"), %2$s the days counted ("from 1 to 7 December 2026") */
      return g_strdup_printf (_("%1$s so far: its point is hollow, at the end of a dashed "
                                "line, and counts only the days %2$s, so it is not yet "
                                "comparable with the whole periods before it."), name, days);
    }

  return NULL;
}

static void
build_core_charts (SpReport     *self,
                   SpOverview   *o,
                   SpBenchmarks *benchmarks)
{
  static const SpKpi core[SP_N_CORE_KPIS] = {
    SP_KPI_CSAT, SP_KPI_FCR, SP_KPI_FIRST_RESPONSE, SP_KPI_ESCALATION_RATE,
  };
  SpChart *charts[SP_N_CORE_KPIS];
  g_autofree char *title = NULL;

  if (o->granularity == SP_GRANULARITY_MONTH)
    /* TRANSLATORS: the heading of the Core Four's trend charts */
    title = g_strdup (_("The Core Four over twelve months"));
  else
    title = g_strdup (_("The Core Four over twelve weeks"));

  add_heading (self, SP_REPORT_CORE_CHARTS, title);

  if (trend_is_empty (o->trend))
    {
      add_empty (self, SP_REPORT_CORE_CHARTS,
                 _("No contacts or survey answers in these months, so there is no trend to "
                   "draw."));
      return;
    }

  {
    g_autofree char *few = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            sp_benchmarks_get_min_n (SP_KPI_CSAT));
    g_autofree char *caption = NULL;

    /* TRANSLATORS: %s is the smallest number of answers or contacts a figure is judged on */
    caption = g_strdup_printf (_("The benchmark bands are shaded behind each line, darkest "
                                 "where action is needed. A hollow point rests on fewer than %s "
                                 "answers or contacts. First response has no band of its own: "
                                 "each channel has its target, on the next chart."), few);
    add_markup (self, SP_REPORT_CORE_CHARTS, SP_REPORT_TEXT_SMALL, SP_REPORT_ICON_NONE,
                caption)->keep_with_next = TRUE;
  }

  {
    g_autofree char *so_far = describe_so_far (o->trend, o->granularity);

    if (so_far != NULL)
      {
        g_autofree char *markup = g_markup_escape_text (so_far, -1);

        add_markup (self, SP_REPORT_CORE_CHARTS, SP_REPORT_TEXT_SMALL, SP_REPORT_ICON_NONE,
                    markup)->keep_with_next = TRUE;
      }
  }

  for (guint i = 0; i < SP_N_CORE_KPIS; i++)
    charts[i] = sp_kpi_chart_new_trend (core[i], o->trend, benchmarks, NAN);

  add_charts (self, SP_REPORT_CORE_CHARTS, TREND_HEIGHT,
              charts[0], sp_kpi_get_name (core[0]), charts[1], sp_kpi_get_name (core[1]));
  add_charts (self, SP_REPORT_CORE_CHARTS, TREND_HEIGHT,
              charts[2], sp_kpi_get_name (core[2]), charts[3], sp_kpi_get_name (core[3]));

  for (guint i = 0; i < SP_N_CORE_KPIS; i++)
    sp_chart_unref (charts[i]);
}

/* Height of a bar chart of @n rows, in points */
static double
bars_height (guint n)
{
  return 26 + 15 * MAX (n, 1);
}

/* The caption under the channels' first response, its example taken from the busiest one */
static char *
first_response_caption (SpKpiSet     *set,
                        SpBenchmarks *benchmarks)
{
  SpChannel busiest = SP_N_CHANNELS;
  g_autofree char *value = NULL;
  g_autofree char *target = NULL;

  for (SpChannel c = 0; c < SP_N_CHANNELS; c++)
    if (set->first_response_by_channel[c].n > 0 &&
        isfinite (set->first_response_by_channel[c].value) &&
        (busiest == SP_N_CHANNELS ||
         set->first_response_by_channel[c].n > set->first_response_by_channel[busiest].n))
      busiest = c;

  if (busiest == SP_N_CHANNELS || benchmarks == NULL)
    return g_strdup (_("The mean wait for a first reply on each channel, against the channel’s "
                       "target (the dashed line): within it is good, up to twice it is watch, "
                       "beyond that act."));

  value = sp_chart_format_number (SP_UNIT_MINUTES,
                                  set->first_response_by_channel[busiest].value, -1);
  target = sp_chart_format_number (SP_UNIT_MINUTES,
                                   sp_benchmarks_get_channel_target (benchmarks, busiest), -1);

  /* TRANSLATORS: the caption under the channels' first response; "“4.1 h / 4.0 h” on
   * Email", the busiest channel's mean and target as the chart writes them */
  return g_strdup_printf (_("The mean wait for a first reply on each channel, against the "
                            "channel’s target (the dashed line; “%s / %s” on %s is the mean and "
                            "the target): within it is good, up to twice it is watch, beyond "
                            "that act. Outlined bars rest on too few contacts to judge."),
                          value, target, sp_channel_get_label (busiest));
}

static void
build_first_response (SpReport     *self,
                      SpOverview   *o,
                      SpBenchmarks *benchmarks)
{
  g_autoptr(SpChart) chart = sp_kpi_chart_new_first_response (o->current, benchmarks);

  add_heading (self, SP_REPORT_FIRST_RESPONSE, NULL);

  if (sp_chart_is_empty (chart))
    {
      add_empty (self, SP_REPORT_FIRST_RESPONSE, _("No contacts were answered in this period."));
      return;
    }

  add_charts (self, SP_REPORT_FIRST_RESPONSE, bars_height (sp_chart_get_n_bars (chart)),
              chart, NULL, NULL, NULL);

  {
    g_autofree char *caption = first_response_caption (o->current, benchmarks);

    /* KPI-SPEC §7: the targets apply to the minutes the shop is open */
    if (o->current->opening_hours)
      {
        g_autofree char *basis = g_steal_pointer (&caption);

        /* TRANSLATORS: the caption above, then how the waits are counted */
        caption = g_strdup_printf (_("%s Counted in opening hours: nights, breaks and closed "
                                     "days count nothing."), basis);
      }
    add_text (self, SP_REPORT_FIRST_RESPONSE, SP_REPORT_TEXT_SMALL, caption);
  }
}

static void
build_volume (SpReport   *self,
              SpOverview *o)
{
  g_autoptr(SpChart) topics = sp_kpi_chart_new_by_topic (o->current, 7);
  g_autoptr(SpChart) channels = sp_kpi_chart_new_by_channel (o->current);
  guint rows;

  add_heading (self, SP_REPORT_VOLUME, NULL);

  if (o->current->contacts == 0)
    {
      add_empty (self, SP_REPORT_VOLUME, _("No contacts were received in this period."));
      return;
    }

  rows = MAX (sp_chart_get_n_bars (topics), sp_chart_get_n_bars (channels));
  add_charts (self, SP_REPORT_VOLUME, bars_height (rows),
              topics, _("By topic"), channels, _("By channel"));
}

/* Agents: a scorecard each, against the team */

static const SpKpi agent_columns[] = {
  SP_KPI_CONTACTS,
  SP_KPI_CSAT,
  SP_KPI_FCR,
  SP_KPI_ESCALATION_RATE,
  SP_KPI_FIRST_RESPONSE,
  SP_KPI_AHT,
  SP_KPI_UTILIZATION,
};

static int
compare_agents (gconstpointer a,
                gconstpointer b)
{
  SpKpiSet *sa = *(SpKpiSet **) a, *sb = *(SpKpiSet **) b;

  return g_utf8_collate (sa->segment_label ? sa->segment_label : "",
                         sb->segment_label ? sb->segment_label : "");
}

static void
build_agents (SpReport   *self,
              SpOverview *o)
{
  Column columns[G_N_ELEMENTS (agent_columns) + 1] = {
    { _("Agent"), 1, PANGO_ALIGN_LEFT },
  };
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  SpReportTable *table;
  gboolean flagged = FALSE;
  gboolean too_few = FALSE;
  int row = 0;

  add_heading (self, SP_REPORT_AGENTS, NULL);

  for (guint i = 0; o->agents != NULL && i < o->agents->len; i++)
    {
      SpKpiSet *agent = g_ptr_array_index (o->agents, i);

      if (agent->contacts > 0 || sp_kpi_set_get (agent, SP_KPI_CSAT)->n > 0)
        g_ptr_array_add (sorted, agent);
    }

  if (sorted->len == 0)
    {
      add_empty (self, SP_REPORT_AGENTS, _("No agent handled a contact in this period."));
      return;
    }

  g_ptr_array_sort (sorted, compare_agents);

  for (guint c = 0; c < G_N_ELEMENTS (agent_columns); c++)
    {
      columns[c + 1].title = sp_kpi_get_short_name (agent_columns[c]);
      columns[c + 1].shrink = 0;
      columns[c + 1].align = PANGO_ALIGN_RIGHT;
    }

  table = add_table (self, SP_REPORT_AGENTS, columns, G_N_ELEMENTS (columns));

  for (guint i = 0; i <= sorted->len; i++)
    {
      gboolean team = i == sorted->len;
      SpKpiSet *set = team ? o->current : g_ptr_array_index (sorted, i);
      SpReportBlock *block = add_row (self, SP_REPORT_AGENTS, table, row++);

      set_cell (block, 0, team ? _("Team") : set->segment_label ? set->segment_label
                                                                 : _("Unnamed"),
                SP_REPORT_ICON_NONE, FALSE);
      block->bold = team;
      block->rule_above = team;
      /* the team's row never starts a page alone */
      block->keep_with_next = i + 1 == sorted->len;

      for (guint c = 0; c < G_N_ELEMENTS (agent_columns); c++)
        {
          SpKpi kpi = agent_columns[c];
          const SpKpiValue *value = sp_kpi_set_get (set, kpi);
          g_autofree char *text = format_value (set, kpi);
          gboolean few = value->status == SP_STATUS_TOO_FEW;
          gboolean below = !team && !few &&
                           sp_review_is_well_below (sp_kpi_get_direction (kpi), value,
                                                    sp_kpi_set_get (o->current, kpi), 5);

          flagged |= below;
          too_few |= few;
          set_cell (block, c + 1, text,
                    below ? SP_REPORT_ICON_BELOW : few ? SP_REPORT_ICON_CAUTION
                                                       : SP_REPORT_ICON_NONE,
                    (!team && isnan (value->value)) || few);
        }
    }

  if (flagged)
    {
      g_autofree char *below = sp_report_icon_text (SP_REPORT_ICON_BELOW);
      g_autofree char *text = NULL;

      /* TRANSLATORS: %s is the icon that marks an agent's figure */
      text = g_strdup_printf (_("%s well below the team: at least 5 points (or minutes) worse, "
                                "by more than chance explains. Talk it through in coaching: "
                                "team averages hide individuals."), below);
      add_text (self, SP_REPORT_AGENTS, SP_REPORT_TEXT_SMALL, text);
    }

  if (too_few)
    {
      g_autofree char *caution = sp_report_icon_text (SP_REPORT_ICON_CAUTION);
      g_autofree char *text = NULL;

      /* TRANSLATORS: %s is the icon that marks a figure on too few answers or contacts */
      text = g_strdup_printf (_("%s too few to judge: it rests on fewer answers or contacts "
                                "than its KPI needs, so it is not compared with the team."),
                              caution);
      add_text (self, SP_REPORT_AGENTS, SP_REPORT_TEXT_SMALL, text);
    }
}

/* Goals */

static SpReportIcon
goal_icon (SpGoalStatus status)
{
  switch (status)
    {
    case SP_GOAL_STATUS_ACHIEVED:
      return SP_REPORT_ICON_EXCELLENT;
    case SP_GOAL_STATUS_ON_TRACK:
      return SP_REPORT_ICON_GOOD;
    case SP_GOAL_STATUS_AT_RISK:
      return SP_REPORT_ICON_WATCH;
    case SP_GOAL_STATUS_BEHIND:
    case SP_GOAL_STATUS_MISSED:
      return SP_REPORT_ICON_ACT;
    case SP_GOAL_STATUS_NO_DATA:
      return SP_REPORT_ICON_CAUTION;
    case SP_GOAL_STATUS_NOT_STARTED:
    case SP_GOAL_STATUS_CLOSED:
    case SP_GOAL_STATUS_ABANDONED:
    default:
      return SP_REPORT_ICON_NONE;
    }
}

/*
 * The goals that ran during the period, judged as on its last day (or
 * today, for a period not over yet): a report of October says where the
 * goals stood at the end of October, whenever it is printed.
 */
static gboolean
load_goals (SpReport     *self,
            SpKpiEngine  *engine,
            GPtrArray   **progress,
            GError      **error)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) during = g_ptr_array_new_with_free_func (g_object_unref);
  SpDate as_of = MIN (self->period.to, sp_date_today ());

  goals = sp_store_list_goals (sp_kpi_engine_get_store (engine), TRUE, error);
  if (goals == NULL)
    return FALSE;

  for (guint i = 0; i < goals->len; i++)
    {
      SpGoal *goal = g_ptr_array_index (goals, i);

      if (goal->start > self->period.to || goal->due < self->period.from)
        continue;
      if (!sp_goal_is_open (goal) && goal->state_day < self->period.from)
        continue;
      g_ptr_array_add (during, g_object_ref (goal));
    }

  *progress = sp_goal_tracker_evaluate_all (engine, during, as_of, error);
  return *progress != NULL;
}

static void
build_goals (SpReport  *self,
             GPtrArray *progress)
{
  const Column columns[] = {
    { _("Goal"), 1, PANGO_ALIGN_LEFT },
    { _("Baseline"), 0, PANGO_ALIGN_RIGHT },
    { _("Target"), 0, PANGO_ALIGN_RIGHT },
    /* TRANSLATORS: a goal's current value, over its last 28 days */
    { _("Now"), 0, PANGO_ALIGN_RIGHT },
    /* TRANSLATORS: how much of the way from the baseline to the target is done */
    { _("Progress"), 0, PANGO_ALIGN_RIGHT },
    { _("Status"), 0, PANGO_ALIGN_LEFT },
  };
  SpReportTable *table;

  add_heading (self, SP_REPORT_GOALS, NULL);

  if (progress == NULL || progress->len == 0)
    {
      add_empty (self, SP_REPORT_GOALS,
                 _("No goals set for this period. Set SMART goals on the Goals page, and their "
                   "progress shows here."));
      return;
    }

  table = add_table (self, SP_REPORT_GOALS, columns, G_N_ELEMENTS (columns));

  for (guint i = 0; i < progress->len; i++)
    {
      SpGoalProgress *p = g_ptr_array_index (progress, i);
      SpGoal *goal = p->goal;
      SpReportBlock *row = add_row (self, SP_REPORT_GOALS, table, (int) i);
      g_autofree char *what = sp_goal_describe_kpi (goal->kpi, &goal->segment,
                                                    goal->segment_label);
      g_autofree char *due = sp_date_format_long (goal->due);
      g_autofree char *name = NULL;
      g_autofree char *baseline = sp_goal_format_value (goal->kpi, p->baseline.value,
                                                        p->currency);
      g_autofree char *target = sp_goal_format_value (goal->kpi, goal->target, p->currency);
      g_autofree char *now = sp_goal_format_value (goal->kpi, p->current.value, p->currency);
      g_autofree char *done = NULL;
      SpGoalStatus status = p->status;

      /* "First contact resolution for Billing, by 31 March 2027" */
      if (what != NULL && *what != '\0')
        {
          g_autofree char *first = g_utf8_strup (what, g_utf8_next_char (what) - what);

          /* TRANSLATORS: a goal in the report: its KPI, " for Billing" or nothing, and its due
           * day */
          name = g_strdup_printf (_("%s%s, by %s"), first, g_utf8_next_char (what), due);
        }

      if (isfinite (p->progress))
        /* TRANSLATORS: a goal's progress, the share of the way done */
        done = g_strdup_printf (_("%'.0f %%"), p->progress * 100);

      set_cell (row, 0, name, SP_REPORT_ICON_NONE, FALSE);
      set_cell (row, 1, baseline, SP_REPORT_ICON_NONE, TRUE);
      set_cell (row, 2, target, SP_REPORT_ICON_NONE, FALSE);
      set_cell (row, 3, now, SP_REPORT_ICON_NONE, FALSE);
      set_cell (row, 4, done ? done : "—", SP_REPORT_ICON_NONE, done == NULL);
      set_cell (row, 5, sp_goal_status_get_label (status), goal_icon (status), FALSE);
    }

  {
    g_autofree char *day = sp_date_format_long (MIN (self->period.to, sp_date_today ()));
    g_autofree char *text =
      /* TRANSLATORS: %s is the day the goals are judged on */
      g_strdup_printf (_("As on %s. Now is the last 28 days; progress is the share of the way "
                         "from the baseline to the target."), day);

    add_text (self, SP_REPORT_GOALS, SP_REPORT_TEXT_SMALL, text);
  }
}

/* The owner's notes */

static void
build_notes (SpReport *self,
             SpReview *review)
{
  add_heading (self, SP_REPORT_NOTES, NULL);

  if (review == NULL)
    {
      add_empty (self, SP_REPORT_NOTES,
                 _("Review notes belong to a month or a quarter; this report covers another "
                   "range of days."));
      return;
    }

  if (sp_review_is_empty (review) ||
      ((review->focus == NULL || *review->focus == '\0') &&
       (review->notes == NULL || *review->notes == '\0')))
    {
      add_empty (self, SP_REPORT_NOTES,
                 review->cadence == SP_REVIEW_QUARTERLY
                   ? _("No notes were written in this quarter’s review.")
                   : _("No notes were written in this month’s review."));
      return;
    }

  if (review->focus != NULL && *review->focus != '\0')
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> %s",
                                                         _("The one issue to address:"),
                                                         review->focus);

      add_markup (self, SP_REPORT_NOTES, SP_REPORT_TEXT_BODY, SP_REPORT_ICON_NONE, markup);
    }

  if (review->notes != NULL && *review->notes != '\0')
    add_text (self, SP_REPORT_NOTES, SP_REPORT_TEXT_BODY, review->notes);

  if (review->updated_at != SP_TIME_NONE)
    {
      g_autofree char *day = sp_date_format_long (sp_time_to_date (review->updated_at));
      /* TRANSLATORS: %s is a day */
      g_autofree char *text = g_strdup_printf (_("Last changed on %s."), day);

      add_text (self, SP_REPORT_NOTES, SP_REPORT_TEXT_SMALL, text);
    }
}

static gboolean
has_data (SpKpiSet *set)
{
  return set->contacts > 0 ||
         sp_kpi_set_get (set, SP_KPI_CSAT)->n > 0 ||
         sp_kpi_set_get (set, SP_KPI_NPS)->n > 0 ||
         sp_kpi_set_get (set, SP_KPI_CES)->n > 0 ||
         sp_kpi_set_get (set, SP_KPI_UTILIZATION)->n > 0 ||
         set->backlog_open > 0;
}

static void
build (SpReport     *self,
       SpOverview   *o,
       SpBenchmarks *benchmarks,
       SpReview     *review,
       GPtrArray    *goals)
{
  g_autofree char *range = NULL;
  g_autofree char *previous = NULL;

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  self->blocks = g_ptr_array_new_with_free_func (sp_report_block_free);

  g_free (self->period_title);
  self->period_title = sp_period_format (&self->period);

  range = sp_period_format_so_far_on (&self->period, sp_date_today ());
  if (range == NULL)
    range = sp_period_format_days (&self->period);
  previous = sp_period_format (&self->previous);
  g_free (self->period_detail);
  /* TRANSLATORS: under the report's title: its days, and the period it is compared with */
  self->period_detail = g_strdup_printf (_("%s, compared with %s"), range, previous);

  if (!has_data (o->current))
    {
      g_autofree char *when = sp_period_format_sentence (&self->period);
      /* TRANSLATORS: %s is a period in a sentence, "in June 2026", "from 3 to 17 June 2026" */
      g_autofree char *text =
        /* TRANSLATORS: %s is the period in a sentence, "in November 2026" */
        g_strdup_printf (_("Nothing was recorded %s: no contacts, no survey answers and no "
                           "shifts. Log contacts or import a CSV file, then print the report "
                           "again."), when);
      SpReportBlock *block;

      add_empty (self, SP_REPORT_SUMMARY, text);
      block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
      block->style = SP_REPORT_TEXT_BODY;
      block->space_before = 0;

      if ((self->sections & SP_REPORT_GOALS) && goals != NULL && goals->len > 0)
        build_goals (self, goals);
      if ((self->sections & SP_REPORT_NOTES) && review != NULL && !sp_review_is_empty (review))
        build_notes (self, review);
      return;
    }

  if (self->sections == 0)
    add_empty (self, SP_REPORT_SUMMARY,
               _("No section is chosen: choose at least one for the report to show."));

  if (self->sections & SP_REPORT_SUMMARY)
    build_summary (self, o, benchmarks);
  if (self->sections & SP_REPORT_FINDINGS)
    build_findings (self, o);
  if (self->sections & SP_REPORT_CORE_CHARTS)
    build_core_charts (self, o, benchmarks);
  if (self->sections & SP_REPORT_FIRST_RESPONSE)
    build_first_response (self, o, benchmarks);
  if (self->sections & SP_REPORT_VOLUME)
    build_volume (self, o);
  if (self->sections & SP_REPORT_AGENTS)
    build_agents (self, o);
  if (self->sections & SP_REPORT_GOALS)
    build_goals (self, goals);
  if (self->sections & SP_REPORT_NOTES)
    build_notes (self, review);

  /* the first block of the report starts right under the header */
  if (self->blocks->len > 0)
    ((SpReportBlock *) g_ptr_array_index (self->blocks, 0))->space_before = 0;
}

/*
 * The goals and the agents' breakdown take about half the time of a
 * month of a large shop: they are read on a second thread, with its own
 * connection, while the caller's reads the rest.
 */
typedef struct
{
  SpReport         *self;
  SpOverview       *overview;
  SpOverviewParts   parts;
  gboolean          goals;
  GPtrArray        *progress;
  GError           *error;
  gboolean          done;       /* the worker has let go of the lane */
} Lane;

static gboolean
lane_thread (SpWorker      *worker,
             SpStore       *reader,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Lane *lane = data;
  g_autoptr(SpKpiEngine) engine = sp_kpi_engine_new (reader);

  if (lane->goals && !load_goals (lane->self, engine, &lane->progress, error))
    return FALSE;
  if (lane->parts != 0 &&
      !sp_overview_compute (lane->overview, engine, lane->parts, cancellable, error))
    return FALSE;

  return TRUE;
}

static void
lane_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lane *lane = user_data;

  sp_worker_run_finish (result, NULL, &lane->error);
}

static void
lane_release (gpointer data)
{
  Lane *lane = data;

  lane->done = TRUE;
}

gboolean
sp_report_load (SpReport      *self,
                SpStore       *store,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(SpKpiEngine) engine = NULL;
  g_autoptr(SpOverview) overview = NULL;
  g_autoptr(SpReview) review = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) local_error = NULL;
  SpOverviewParts parts = SP_OVERVIEW_FIGURES;
  Lane lane = { self, NULL, 0, FALSE, NULL, NULL, TRUE };
  g_autoptr(GMainContext) context = g_main_context_new ();
  gboolean ok;

  g_return_val_if_fail (SP_IS_REPORT (self), FALSE);
  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (!self->loaded, FALSE);

  engine = sp_kpi_engine_new (store);
  overview = sp_overview_new (&self->period, &self->previous);

  if (self->sections & SP_REPORT_CORE_CHARTS)
    parts |= SP_OVERVIEW_TRENDS;
  if (self->sections & SP_REPORT_FINDINGS)
    parts |= SP_OVERVIEW_FINDINGS;

  lane.overview = overview;
  lane.parts = (self->sections & SP_REPORT_AGENTS) ? SP_OVERVIEW_AGENTS : 0;
  lane.goals = (self->sections & SP_REPORT_GOALS) != 0;

  /* the agents and the goals on a worker meanwhile; its result comes to a
   * context of this call's own, as this may run on any thread */
  g_main_context_push_thread_default (context);
  if (lane.parts != 0 || lane.goals)
    {
      lane.done = FALSE;
      sp_worker_run_async (NULL, store, SP_WORKER_DEFAULT, lane_thread, &lane, lane_release,
                           cancellable, lane_done_cb, &lane);
    }

  ok = sp_overview_compute (overview, engine, parts, cancellable, &local_error);

  if (ok && self->sections & SP_REPORT_NOTES &&
      (sp_period_is_whole_month (&self->period) || sp_period_is_whole_quarter (&self->period) ||
       (sp_period_is_month_to_date (&self->period) &&
        sp_period_is_so_far (&self->period, sp_date_today ()))))
    {
      /* a month so far, however it was chosen, has the month's notes */
      SpPeriod notes = self->period;

      if (!sp_period_is_whole_quarter (&notes))
        notes = sp_period_make (notes.from, sp_date_month_end (notes.from));
      review = sp_store_load_review (store, sp_period_is_whole_month (&notes) ? SP_REVIEW_MONTHLY
                                                                              : SP_REVIEW_QUARTERLY,
                                     &notes, &local_error);
      ok = review != NULL;
    }

  while (!lane.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  goals = lane.progress;

  if (!ok)
    {
      g_clear_error (&lane.error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (lane.error != NULL)
    {
      g_propagate_error (error, lane.error);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_free (self->shop_name);
  self->shop_name = sp_shop_dup_name (store);
  logo = sp_shop_dup_logo (store);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  self->logo = sp_shop_logo_to_surface (logo);

  if (self->printed_on == SP_DATE_NONE)
    self->printed_on = sp_date_today ();

  build (self, overview, sp_kpi_engine_get_benchmarks (engine), review, goals);
  self->loaded = TRUE;
  return TRUE;
}

/*
 * The load runs on a worker thread; the task does not hold the report:
 * the load does, from its start until the callback has run.
 */
typedef struct
{
  SpReport            *self;
  SpReport            *held;      /* let go of after the callback */
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->held);
  g_free (load);
}

static gboolean
load_thread (SpWorker      *worker,
             SpStore       *reader,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadData *load = data;

  return sp_report_load (load->self, reader, cancellable, error);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadData *load = user_data;
  g_autoptr(SpReport) self = g_steal_pointer (&load->held);

  if (load->callback != NULL)
    load->callback (G_OBJECT (self), result, load->user_data);
}

/*
 * @callback gets the report as its source object; the report is held
 * until @callback has run, and let go of on this thread.
 */
void
sp_report_load_async (SpReport            *self,
                      SpStore             *store,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  LoadData *load;

  g_return_if_fail (SP_IS_REPORT (self));
  g_return_if_fail (SP_IS_STORE (store));

  load = g_new0 (LoadData, 1);
  load->self = self;
  load->held = g_object_ref (self);
  load->callback = callback;
  load->user_data = user_data;
  sp_worker_run_async (NULL, store, SP_WORKER_DEFAULT, load_thread, load, load_data_free,
                       cancellable, load_done_cb, load);
}

gboolean
sp_report_load_finish (SpReport      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  LoadData *load;
  gboolean ok;

  g_return_val_if_fail (SP_IS_REPORT (self), FALSE);

  ok = sp_worker_run_finish (result, (gpointer *) &load, error);
  g_return_val_if_fail (load->self == self, FALSE);
  return ok;
}

static void
sp_report_finalize (GObject *object)
{
  SpReport *self = SP_REPORT (object);

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->shop_name, g_free);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  g_clear_pointer (&self->period_title, g_free);
  g_clear_pointer (&self->period_detail, g_free);

  G_OBJECT_CLASS (sp_report_parent_class)->finalize (object);
}

static void
sp_report_class_init (SpReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_report_finalize;
}

static void
sp_report_init (SpReport *self)
{
  self->printed_on = SP_DATE_NONE;
  self->blocks = g_ptr_array_new_with_free_func (sp_report_block_free);
}
