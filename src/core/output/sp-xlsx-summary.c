/* sp-xlsx-summary.c
 *
 * The Summary sheet: every KPI of the period with n, the previous period,
 * the change, the 95 % interval, the benchmark and the status.  Where a
 * KPI can be recomputed from the data sheets, its cell holds that formula,
 * with the app's value as the cached result: it shows as is and
 * recalculates to the same number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sp-xlsx-private.h"

enum
{
  COL_KPI,
  COL_VALUE,
  COL_UNIT,
  COL_N,
  COL_N_LABEL,
  COL_PREVIOUS,
  COL_CHANGE,
  COL_LOWER,
  COL_UPPER,
  COL_BENCHMARK,
  COL_STATUS,
  N_SUMMARY_COLS
};

#define SUMMARY_BENCHMARK_WIDTH 40

typedef struct
{
  const char       *label;
  SpKpi             kpi;
  char             *formula;     /* NULL: the app's value only */
  char             *n_formula;
  const SpKpiValue *value;
  const SpKpiValue *previous;
  double            n;           /* NAN: none */
  char             *benchmark;
  gboolean          bold;
} SummaryRow;

static void
write_summary_row (SpXlsx     *x,
                   lxw_row_t   row,
                   SummaryRow *s)
{
  lxw_worksheet *ws = x->sheets[SHEET_SUMMARY];
  lxw_format *format = sp_xlsx_unit_format (x, s->kpi, s->bold);
  g_autofree char *change = NULL;
  double value = s->value->value;
  double previous = s->previous ? s->previous->value : NAN;

  sp_xlsx_write_text (x, ws, row, COL_KPI, s->label, s->bold ? x->f_header : NULL);

  if (s->formula != NULL)
    sp_xlsx_write_formula (x, ws, row, COL_VALUE, s->formula, value, format);
  else
    sp_xlsx_write_number (x, ws, row, COL_VALUE, value, format);

  sp_xlsx_write_text (x, ws, row, COL_UNIT, sp_xlsx_unit_label (x, s->kpi), NULL);

  if (s->n_formula != NULL)
    sp_xlsx_write_formula (x, ws, row, COL_N, s->n_formula, s->n, x->f_unit[SP_UNIT_COUNT]);
  else
    sp_xlsx_write_number (x, ws, row, COL_N, s->n, x->f_unit[SP_UNIT_COUNT]);
  if (!isnan (s->n))
    sp_xlsx_write_text (x, ws, row, COL_N_LABEL, _(sp_xlsx_kpi_n_label[s->kpi]), NULL);

  sp_xlsx_write_number (x, ws, row, COL_PREVIOUS, previous,
                        sp_xlsx_unit_format (x, s->kpi, FALSE));

  change = g_strdup_printf ("IF(OR(B%u=\"\",F%u=\"\"),\"\",B%u-F%u)",
                            row + 1, row + 1, row + 1, row + 1);
  if (s->previous != NULL)
    sp_xlsx_write_formula (x, ws, row, COL_CHANGE, change,
                           isnan (value) || isnan (previous) ? NAN : value - previous,
                           sp_xlsx_unit_format (x, s->kpi, FALSE));

  if (!isnan (value) && !isnan (s->value->lower) && !isnan (s->value->upper))
    {
      lxw_format *plain = sp_xlsx_unit_format (x, s->kpi, FALSE);

      sp_xlsx_write_number (x, ws, row, COL_LOWER, s->value->lower, plain);
      sp_xlsx_write_number (x, ws, row, COL_UPPER, s->value->upper, plain);
    }
  sp_xlsx_write_text (x, ws, row, COL_BENCHMARK, s->benchmark, x->f_wrap);
  sp_xlsx_fit_row (x, ws, row, sp_xlsx_text_lines (s->benchmark, SUMMARY_BENCHMARK_WIDTH), NULL);
  {
    g_autofree char *status = sp_kpi_format_status_of (s->kpi, s->value);

    sp_xlsx_write_text (x, ws, row, COL_STATUS, status, NULL);
  }

  g_clear_pointer (&s->formula, g_free);
  g_clear_pointer (&s->n_formula, g_free);
  g_clear_pointer (&s->benchmark, g_free);
}

/* A label as a COUNTIFS criterion: quoted, wildcards taken literally */
static char *
criterion (const char *label)
{
  GString *str = g_string_new ("\"");

  for (const char *p = label; *p; p++)
    {
      if (*p == '~' || *p == '*' || *p == '?')
        g_string_append_c (str, '~');
      if (*p == '"')
        g_string_append_c (str, '"');
      g_string_append_c (str, *p);
    }
  g_string_append_c (str, '"');
  return g_string_free (str, FALSE);
}

/* The heading, the period it is compared with, and the header row */
static void
write_top (SpXlsx *x)
{
  lxw_worksheet *ws = x->sheets[SHEET_SUMMARY];
  g_autofree char *heading = NULL;
  g_autofree char *previous = sp_period_format (&x->previous_period);
  g_autofree char *when = sp_time_format_display (sp_time_now ());
  g_autofree char *made = NULL;
  g_autofree char *line = NULL;
  const char *titles[N_SUMMARY_COLS] = {
    [COL_KPI] = _("KPI"),
    [COL_VALUE] = _("Value"),
    [COL_UNIT] = _("Unit"),
    [COL_N] = "n",
    [COL_N_LABEL] = _("n counts"),
    [COL_PREVIOUS] = _("Previous period"),
    [COL_CHANGE] = _("Change from the previous period"),
    /* xgettext:no-c-format */
    [COL_LOWER] = _("95 % interval from"),
    /* xgettext:no-c-format */
    [COL_UPPER] = _("95 % interval to"),
    [COL_BENCHMARK] = _("Benchmark"),
    [COL_STATUS] = _("Status"),
  };
  static const double widths[N_SUMMARY_COLS] = {
    [COL_KPI] = 28, [COL_VALUE] = 10, [COL_UNIT] = 9, [COL_N] = 9, [COL_N_LABEL] = 22,
    [COL_PREVIOUS] = 10, [COL_CHANGE] = 14, [COL_LOWER] = 10, [COL_UPPER] = 10,
    [COL_BENCHMARK] = SUMMARY_BENCHMARK_WIDTH, [COL_STATUS] = 10,
  };

  if (x->shop_name != NULL)
    /* TRANSLATORS: the heading of the workbook: the shop's name */
    heading = g_strdup_printf (_("%s — customer service KPIs"), x->shop_name);
  else
    heading = g_strdup (_("Customer service KPIs"));

  /* TRANSLATORS: the period of the workbook, its length, and the period it is compared with */
  line = sp_xlsx_printf (x, g_dngettext (GETTEXT_PACKAGE,
                                         /* TRANSLATORS: the period, its number of days, and the
                                          * period it is compared with */
                                         "Period: %s (%d day) · compared with %s",
                                         "Period: %s (%d days) · compared with %s",
                                         sp_period_get_days (&x->period)),
                         x->period_text, sp_period_get_days (&x->period), previous);
  /* TRANSLATORS: the app's version, then the day and time it was made */
  made = g_strdup_printf (_("Made by Service Pulse %s on %s. Values with a formula recompute "
                            "from the data sheets; see Definitions."), PACKAGE_VERSION, when);

  sp_xlsx_write_text (x, ws, 0, 0, heading, x->f_title);
  sp_xlsx_check (x, worksheet_set_row (ws, 0, 24, NULL));
  sp_xlsx_write_text (x, ws, 1, 0, line, x->f_subtitle);
  sp_xlsx_write_text (x, ws, 2, 0, made, x->f_subtitle);

  sp_xlsx_write_header (x, ws, SUMMARY_HEADER_ROW, titles, N_SUMMARY_COLS);
  sp_xlsx_fit_header (x, ws, SUMMARY_HEADER_ROW, titles, widths, N_SUMMARY_COLS);
  for (guint c = 0; c < N_SUMMARY_COLS; c++)
    sp_xlsx_check (x, worksheet_set_column (ws, c, c, widths[c], NULL));
  worksheet_freeze_panes (ws, SUMMARY_HEADER_ROW + 1, 1);
}

/* The number of contacts received, over the Contacts sheet */
static char *
count_contacts (SpXlsx *x)
{
  return g_strdup_printf ("COUNT(%s)", sp_xlsx_range (x, SP_EXPORT_CONTACTS,
                                                      SP_CONTACT_COL_RECEIVED));
}

/* The KPIs of the survey answers, over the Survey answers sheet */
static void
set_survey_formulas (SpXlsx     *x,
                     SummaryRow *s)
{
  const char *kind = sp_xlsx_range (x, SP_EXPORT_SURVEYS, SP_SURVEY_COL_KIND);
  const char *score = sp_xlsx_range (x, SP_EXPORT_SURVEYS, SP_SURVEY_COL_SCORE);
  g_autofree char *csat = criterion (sp_survey_kind_get_short_label (SP_SURVEY_CSAT));
  g_autofree char *nps = criterion (sp_survey_kind_get_short_label (SP_SURVEY_NPS));
  g_autofree char *ces = criterion (sp_survey_kind_get_short_label (SP_SURVEY_CES));

  switch (s->kpi)
    {
    case SP_KPI_CSAT:
      s->formula = g_strdup_printf ("IFERROR(100*COUNTIFS(%s,%s,%s,\">=4\")/"
                                    "COUNTIFS(%s,%s),\"\")",
                                    kind, csat, score, kind, csat);
      s->n_formula = g_strdup_printf ("COUNTIFS(%s,%s)", kind, csat);
      break;
    case SP_KPI_NPS:
      s->formula = g_strdup_printf ("IFERROR(100*(COUNTIFS(%s,%s,%s,\">=9\")-"
                                    "COUNTIFS(%s,%s,%s,\"<=6\"))/COUNTIFS(%s,%s),\"\")",
                                    kind, nps, score, kind, nps, score, kind, nps);
      s->n_formula = g_strdup_printf ("COUNTIFS(%s,%s)", kind, nps);
      break;
    case SP_KPI_CES:
      s->formula = g_strdup_printf ("IFERROR(AVERAGEIFS(%s,%s,%s),\"\")", score, kind, ces);
      s->n_formula = g_strdup_printf ("COUNTIFS(%s,%s)", kind, ces);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The KPIs of the contacts' flags and times, over the Contacts sheet */
static void
set_contact_formulas (SpXlsx     *x,
                      SummaryRow *s)
{
  g_autofree char *count = count_contacts (x);
  const char *repeat = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_REPEAT);
  const char *column = NULL;

  switch (s->kpi)
    {
    case SP_KPI_FCR:
      s->formula = g_strdup_printf ("IFERROR(100*SUM(%s)/(%s-SUM(%s)),\"\")",
                                    sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_FCR),
                                    count, repeat);
      s->n_formula = g_strdup_printf ("%s-SUM(%s)", count, repeat);
      return;
    case SP_KPI_REPEAT_RATE:
    case SP_KPI_ESCALATION_RATE:
      column = s->kpi == SP_KPI_REPEAT_RATE
               ? repeat : sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_ESCALATED);
      s->formula = g_strdup_printf ("IFERROR(100*SUM(%s)/%s,\"\")", column, count);
      s->n_formula = g_strdup (count);
      return;
    case SP_KPI_FIRST_RESPONSE:
      column = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RESPONSE_MINUTES);
      break;
    case SP_KPI_RESOLUTION_TIME:
      column = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RESOLUTION_HOURS);
      break;
    case SP_KPI_AHT:
      column = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_HANDLE);
      break;
    case SP_KPI_SLA_COMPLIANCE:
      column = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_WITHIN_SLA);
      s->formula = g_strdup_printf ("IFERROR(100*SUM(%s)/COUNT(%s),\"\")", column, column);
      s->n_formula = g_strdup_printf ("COUNT(%s)", column);
      return;
    default:
      g_assert_not_reached ();
    }

  /* the averages of a time */
  s->formula = g_strdup_printf ("IFERROR(AVERAGE(%s),\"\")", column);
  s->n_formula = g_strdup_printf ("COUNT(%s)", column);
}

/* Utilization over the Shifts sheet; churn and cost over the whole months
 * of the Month figures sheet */
static void
set_month_formulas (SpXlsx     *x,
                    SummaryRow *s)
{
  const char *whole = sp_xlsx_range (x, SP_EXPORT_MONTHS, SP_MONTH_COL_WHOLE);
  const char *start = sp_xlsx_range (x, SP_EXPORT_MONTHS, SP_MONTH_COL_START);
  const char *contacts = sp_xlsx_range (x, SP_EXPORT_MONTHS, SP_MONTH_COL_CONTACTS);

  switch (s->kpi)
    {
    case SP_KPI_UTILIZATION:
      {
        const char *handle = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_HANDLE);
        const char *hours = sp_xlsx_range (x, SP_EXPORT_SHIFTS, SP_SHIFT_COL_HOURS);

        s->formula = g_strdup_printf ("IFERROR(100*SUM(%s)/(SUM(%s)*60),\"\")", handle, hours);
        s->n_formula = g_strdup_printf ("ROUND(SUM(%s)*60,0)", hours);
      }
      break;
    case SP_KPI_CHURN:
      s->formula = g_strdup_printf ("IFERROR(100*SUMIFS(%s,%s,1)/INDEX(%s,MATCH(1,%s,0)),\"\")",
                                    sp_xlsx_range (x, SP_EXPORT_MONTHS, SP_MONTH_COL_LOST),
                                    whole, start, whole);
      s->n_formula = g_strdup_printf ("IFERROR(INDEX(%s,MATCH(1,%s,0)),0)", start, whole);
      break;
    case SP_KPI_COST_PER_CONTACT:
      s->formula = g_strdup_printf ("IFERROR(SUMIFS(%s,%s,1)/SUMIFS(%s,%s,1),\"\")",
                                    sp_xlsx_range (x, SP_EXPORT_MONTHS, SP_MONTH_COL_COST),
                                    whole, contacts, whole);
      s->n_formula = g_strdup_printf ("SUMIFS(%s,%s,1)", contacts, whole);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The formula a KPI recomputes with from the data sheets, if any: the
 * backlog counts contacts before the period, which the sheets lack */
static void
set_formulas (SpXlsx     *x,
              SummaryRow *s)
{
  switch (s->kpi)
    {
    case SP_KPI_CSAT:
    case SP_KPI_NPS:
    case SP_KPI_CES:
      set_survey_formulas (x, s);
      break;
    case SP_KPI_FCR:
    case SP_KPI_REPEAT_RATE:
    case SP_KPI_ESCALATION_RATE:
    case SP_KPI_FIRST_RESPONSE:
    case SP_KPI_RESOLUTION_TIME:
    case SP_KPI_AHT:
    case SP_KPI_SLA_COMPLIANCE:
      set_contact_formulas (x, s);
      break;
    case SP_KPI_UTILIZATION:
    case SP_KPI_CHURN:
    case SP_KPI_COST_PER_CONTACT:
      set_month_formulas (x, s);
      break;
    case SP_KPI_BACKLOG:
    case SP_KPI_CONTACTS:
    case SP_N_KPIS:
    default:
      break;
    }
}

/* A count the app computed, shown under a KPI without a status */
static SpKpiValue
count_value (gint64 count)
{
  return (SpKpiValue) { (double) count, count, NAN, NAN, SP_STATUS_NONE };
}

/* The contacts and the complaints of the period */
static lxw_row_t
write_contacts (SpXlsx    *x,
                lxw_row_t  row)
{
  SpKpiSet *cur = x->current;
  SpKpiSet *prev = x->previous;
  SpKpiValue complaints = count_value (cur->complaints);
  SpKpiValue prev_complaints = count_value (prev->complaints);
  const char *complaint = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_COMPLAINT);
  SummaryRow s;

  s = (SummaryRow) { sp_kpi_get_name (SP_KPI_CONTACTS), SP_KPI_CONTACTS,
                     count_contacts (x), NULL, &cur->values[SP_KPI_CONTACTS],
                     &prev->values[SP_KPI_CONTACTS], NAN,
                     sp_xlsx_benchmark_text (x, SP_KPI_CONTACTS), TRUE };
  write_summary_row (x, row++, &s);

  s = (SummaryRow) { _("Complaints"), SP_KPI_CONTACTS,
                     g_strdup_printf ("SUM(%s)", complaint), NULL, &complaints,
                     &prev_complaints, NAN, NULL, FALSE };
  write_summary_row (x, row++, &s);
  return row;
}

/* First response per channel that had contacts, each against its own target */
static lxw_row_t
write_channels (SpXlsx    *x,
                lxw_row_t  row)
{
  SpKpiSet *cur = x->current;
  SpKpiSet *prev = x->previous;
  const char *channel = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_CHANNEL);
  const char *response = sp_xlsx_range (x, SP_EXPORT_CONTACTS, SP_CONTACT_COL_RESPONSE_MINUTES);

  for (guint c = 0; c < SP_N_CHANNELS; c++)
    {
      const SpKpiValue *cv = &cur->first_response_by_channel[c];
      g_autofree char *label = NULL;
      g_autofree char *crit = NULL;
      double target = sp_benchmarks_get_channel_target (x->benchmarks, c);
      SummaryRow s;

      if (cur->contacts_by_channel[c] <= 0)
        continue;

      label = g_strdup_printf ("    %s", sp_channel_get_label (c));
      crit = criterion (sp_channel_get_label (c));
      s = (SummaryRow) { label, SP_KPI_FIRST_RESPONSE, NULL, NULL, cv,
                         &prev->first_response_by_channel[c], (double) cv->n, NULL, FALSE };
      s.formula = g_strdup_printf ("IFERROR(AVERAGEIFS(%s,%s,%s),\"\")",
                                   response, channel, crit);
      s.n_formula = g_strdup_printf ("COUNTIFS(%s,%s,%s,\">=0\")", channel, crit, response);
      /* TRANSLATORS: the first response band: the target, then twice the target, in minutes */
      s.benchmark = sp_xlsx_printf (x, _("≤ %g min good · > %g min act"), target, 2 * target);
      write_summary_row (x, row++, &s);
    }

  return row;
}

/* The promoters, passives and detractors under NPS */
static lxw_row_t
write_nps_parts (SpXlsx    *x,
                 lxw_row_t  row)
{
  SpKpiSet *cur = x->current;
  SpKpiSet *prev = x->previous;
  const char *kind = sp_xlsx_range (x, SP_EXPORT_SURVEYS, SP_SURVEY_COL_KIND);
  const char *score = sp_xlsx_range (x, SP_EXPORT_SURVEYS, SP_SURVEY_COL_SCORE);
  g_autofree char *nps = criterion (sp_survey_kind_get_short_label (SP_SURVEY_NPS));
  SpKpiValue parts[3] = {
    count_value (cur->promoters), count_value (cur->passives), count_value (cur->detractors),
  };
  SpKpiValue prev_parts[3] = {
    count_value (prev->promoters), count_value (prev->passives), count_value (prev->detractors),
  };
  const char *labels[3] = {
    _("Promoters (9–10)"), _("Passives (7–8)"), _("Detractors (0–6)"),
  };
  char *formulas[3] = {
    g_strdup_printf ("COUNTIFS(%s,%s,%s,\">=9\")", kind, nps, score),
    g_strdup_printf ("COUNTIFS(%s,%s,%s,\">=7\",%s,\"<=8\")", kind, nps, score, score),
    g_strdup_printf ("COUNTIFS(%s,%s,%s,\"<=6\")", kind, nps, score),
  };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_strdup_printf ("    %s", labels[i]);
      SummaryRow s = { label, SP_KPI_CONTACTS, formulas[i], NULL, &parts[i], &prev_parts[i],
                       NAN, NULL, FALSE };

      write_summary_row (x, row++, &s);
    }

  return row;
}

/* The part of the backlog older than 48 hours */
static lxw_row_t
write_backlog_age (SpXlsx    *x,
                   lxw_row_t  row)
{
  SpKpiValue old = count_value (x->current->backlog_older_than_48h);
  SpKpiValue prev_old = count_value (x->previous->backlog_older_than_48h);
  g_autofree char *label = g_strdup_printf ("    %s", _("Older than 48 hours"));
  SummaryRow s = { label, SP_KPI_BACKLOG, NULL, NULL, &old, &prev_old, NAN, NULL, FALSE };

  write_summary_row (x, row++, &s);
  return row;
}

/* Each KPI in order, the Core Four in bold, with the rows that detail it */
static lxw_row_t
write_kpis (SpXlsx    *x,
            lxw_row_t  row)
{
  SpKpiSet *cur = x->current;

  for (guint k = 0; k < G_N_ELEMENTS (sp_xlsx_kpi_order); k++)
    {
      SpKpi kpi = sp_xlsx_kpi_order[k];
      const SpKpiValue *v = &cur->values[kpi];
      const char *basis = sp_kpi_set_get_time_basis (cur, kpi);
      g_autofree char *name = NULL;
      SummaryRow s;

      /* TRANSLATORS: a KPI's name and "in opening hours" */
      name = basis != NULL ? g_strdup_printf (_("%s (%s)"), sp_kpi_get_name (kpi), basis)
                           : g_strdup (sp_kpi_get_name (kpi));
      s = (SummaryRow) { name, kpi, NULL, NULL, v, &x->previous->values[kpi],
                         (double) v->n, sp_xlsx_benchmark_text (x, kpi), k < SP_N_CORE_KPIS };
      set_formulas (x, &s);
      write_summary_row (x, row++, &s);

      if (kpi == SP_KPI_FIRST_RESPONSE)
        row = write_channels (x, row);
      else if (kpi == SP_KPI_NPS)
        row = write_nps_parts (x, row);
      else if (kpi == SP_KPI_BACKLOG)
        row = write_backlog_age (x, row);
    }

  return row;
}

/* Where the figures come from; churn and cost count whole months: from the
 * last one when the period holds none */
static void
write_notes (SpXlsx    *x,
             lxw_row_t  row)
{
  lxw_worksheet *ws = x->sheets[SHEET_SUMMARY];

  sp_xlsx_write_text (x, ws, row, 0,
                      _("The previous period, the backlog and the statuses come from the app; "
                        "everything else recomputes from the data sheets."),
                      x->f_note);

  if (x->last_month != NULL)
    {
      g_autofree char *month = sp_period_format (&x->last_month->period);
      g_autofree char *churn = sp_kpi_format_value (SP_KPI_CHURN,
                                                    x->last_month->values[SP_KPI_CHURN].value,
                                                    x->currency);
      g_autofree char *per_contact =
        sp_kpi_format_value (SP_KPI_COST_PER_CONTACT,
                             x->last_month->values[SP_KPI_COST_PER_CONTACT].value, x->currency);
      g_autofree char *note =
        /* TRANSLATORS: under the Summary of a period without a whole month: "November 2026,
         * last whole month: churn 2.3 %, cost per contact 4.38 (this period holds no whole
         * month)." */
        sp_xlsx_printf (x, _("%s, last whole month: churn %s, cost per contact %s (this period "
                             "holds no whole month)."), month, churn, per_contact);

      sp_xlsx_write_text (x, ws, ++row, 0, note, x->f_note);
    }
}

void
sp_xlsx_write_summary (SpXlsx *x)
{
  lxw_row_t row;

  write_top (x);
  row = write_contacts (x, SUMMARY_HEADER_ROW + 1);
  row = write_kpis (x, row);
  write_notes (x, row + 1);
  worksheet_activate (x->sheets[SHEET_SUMMARY]);
}
