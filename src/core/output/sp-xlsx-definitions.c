/* sp-xlsx-definitions.c
 *
 * The Definitions sheet: what every figure of the workbook means, what it
 * counts, its benchmark and source, the channel and SLA targets, and notes
 * on times, flags, formulas and money.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "sp-xlsx-private.h"

/* What each KPI counts, for the Definitions sheet; the README's "KPIs" says the same */
static const char * const kpi_scope[SP_N_KPIS] = {
  [SP_KPI_CSAT] =
    N_("CSAT answers given in the period; 4 and 5 on the 1–5 scale count as satisfied."),
  [SP_KPI_FCR] =
    N_("First contacts (contacts that are not repeats) received in the period. One is "
       "resolved on first contact when it is marked so, was not escalated, and no contact of "
       "the same customer about the same topic follows within 7 × 24 hours, even after the "
       "period (Contacts: “First contact resolved (FCR)”)."),
  [SP_KPI_FIRST_RESPONSE] =
    N_("Contacts received in the period that have a first response; each channel is judged "
       "against its own target and the overall status is the worst channel's."),
  [SP_KPI_ESCALATION_RATE] =
    N_("Contacts received in the period that were escalated to a supervisor or specialist."),
  [SP_KPI_NPS] =
    N_("NPS answers given in the period: promoters answer 9–10, passives 7–8, detractors "
       "0–6."),
  [SP_KPI_CES] =
    N_("CES answers given in the period, 1–7; higher is easier."),
  [SP_KPI_REPEAT_RATE] =
    N_("Contacts of a named customer who had an earlier contact about the same topic (no "
       "topic counts as a topic of its own) at most 7 × 24 hours before, also when that one "
       "was before the period; of two contacts in the same minute the one entered first is "
       "earlier. Anonymous contacts are never repeats."),
  [SP_KPI_AHT] =
    N_("Contacts received in the period with talk, hold or wrap-up minutes recorded; a "
       "missing part counts 0. For planning capacity, never a measure of quality."),
  [SP_KPI_UTILIZATION] =
    N_("Talk, hold and wrap-up minutes of the period's contacts ÷ the available hours of the "
       "period's shifts × 60. No shifts: no value."),
  [SP_KPI_SLA_COMPLIANCE] =
    N_("Answered contacts, within their priority's target or late, plus unanswered contacts "
       "whose target had passed when the workbook was made; an unanswered contact still "
       "within its target counts nowhere yet (Contacts: “Within SLA target”, 1 or 0)."),
  [SP_KPI_RESOLUTION_TIME] =
    N_("Contacts received in the period that have a resolution time."),
  [SP_KPI_BACKLOG] =
    N_("Contacts received by the end of the period (or by the moment the workbook was made, "
       "if earlier) and not resolved at that moment, also those received before the period; "
       "and of them, those received more than 48 hours before it. Computed by the app, not "
       "from the Contacts sheet."),
  [SP_KPI_CHURN] =
    N_("The months wholly inside the period that have month figures: customers lost in them "
       "÷ customers at the start of the first of them. Judged per month: a period of several "
       "months by its churn ÷ the number of months."),
  [SP_KPI_COST_PER_CONTACT] =
    N_("The operating cost of the months wholly inside the period that have month figures ÷ "
       "the contacts received in those months."),
  [SP_KPI_CONTACTS] =
    N_("Contacts received in the period: whole local days, both inclusive."),
};
char *
sp_xlsx_benchmark_text (SpXlsx *x,
                        SpKpi   kpi)
{
  if (kpi == SP_KPI_FIRST_RESPONSE)
    return g_strdup (_("Per channel: at most the channel's target good, more than twice it "
                       "act (targets below)"));

  if (!sp_kpi_has_status (kpi))
    return g_strdup (_("None: shown as a trend"));

  {
    char *text;

    uselocale (x->user_locale);
    text = sp_band_format (sp_benchmarks_get_band (x->benchmarks, kpi), kpi);
    uselocale (x->c_locale);
    if (kpi == SP_KPI_CHURN)
      {
        g_autofree char *band = text;
        /* TRANSLATORS: churn's band applies per month */
        text = g_strdup_printf (_("%s, per month"), band);
      }
    return text;
  }
}

enum
{
  DEF_COL_KPI,
  DEF_COL_KEY,
  DEF_COL_FORMULA,
  DEF_COL_SCOPE,
  DEF_COL_N,
  DEF_COL_BENCHMARK,
  DEF_COL_SOURCE,
  N_DEF_COLS
};

static const double widths[N_DEF_COLS] = { 24, 22, 34, 60, 18, 30, 40 };

/* What amounts of money are: the currency, and whether they include VAT */
static char *
dup_money_note (SpXlsx *x)
{
  g_autofree char *money = NULL;

  switch (x->vat)
    {
    case SP_VAT_INCLUDED:
      money = g_strdup (_("Amounts of money are as the owner entered them: they include VAT."));
      break;
    case SP_VAT_EXCLUDED:
      money = g_strdup (_("Amounts of money are as the owner entered them: they do not include "
                          "VAT."));
      break;
    case SP_VAT_UNKNOWN:
    default:
      money = g_strdup (_("Amounts of money are as the owner entered them; the shop has not "
                          "said whether they include VAT (Preferences, or "
                          "“service-pulse config amounts-include-vat yes|no”)."));
      break;
    }

  if (*x->currency == '\0')
    return g_steal_pointer (&money);

  /* TRANSLATORS: the currency's symbol, then whether amounts include VAT */
  return g_strdup_printf (_("Money is in %s. %s"), x->currency, money);
}

/* One KPI: its name, key, formula, scope, n, benchmark and source */
static void
write_kpi (SpXlsx    *x,
           lxw_row_t  row,
           SpKpi      kpi)
{
  lxw_worksheet *ws = x->sheets[SHEET_DEFINITIONS];
  const SpBand *band = sp_benchmarks_get_band (x->benchmarks, kpi);
  g_autofree char *benchmark = sp_xlsx_benchmark_text (x, kpi);
  g_autofree char *owned_source = NULL;
  const char *source = NULL;
  guint lines = 1;

  sp_xlsx_write_text (x, ws, row, DEF_COL_KPI, sp_kpi_get_name (kpi), x->f_wrap);
  sp_xlsx_write_text (x, ws, row, DEF_COL_KEY, sp_kpi_to_key (kpi), x->f_wrap);
  sp_xlsx_write_text (x, ws, row, DEF_COL_FORMULA, sp_kpi_get_formula (kpi), x->f_wrap);
  sp_xlsx_write_text (x, ws, row, DEF_COL_SCOPE, _(kpi_scope[kpi]), x->f_wrap);
  if (sp_kpi_has_status (kpi) && sp_benchmarks_get_min_n (kpi) > 0)
    {
      /* TRANSLATORS: what n counts, and the smallest n a figure is judged on:
       * "answers; judged from 30" */
      g_autofree char *n = g_strdup_printf (_("%s; judged from %" PRId64),
                                            _(sp_xlsx_kpi_n_label[kpi]),
                                            sp_benchmarks_get_min_n (kpi));

      sp_xlsx_write_text (x, ws, row, DEF_COL_N, n, x->f_wrap);
    }
  else
    sp_xlsx_write_text (x, ws, row, DEF_COL_N, _(sp_xlsx_kpi_n_label[kpi]), x->f_wrap);
  sp_xlsx_write_text (x, ws, row, DEF_COL_BENCHMARK, benchmark, x->f_wrap);
  if (band != NULL && band->source != NULL && sp_kpi_has_status (kpi))
    source = owned_source = sp_band_format_source (band);
  else if (kpi == SP_KPI_FIRST_RESPONSE)
    source = sp_benchmarks_get_targets_source (x->benchmarks, FALSE);
  sp_xlsx_write_text (x, ws, row, DEF_COL_SOURCE, source, x->f_wrap);

  lines = MAX (lines, sp_xlsx_text_lines (sp_kpi_get_name (kpi), widths[DEF_COL_KPI]));
  lines = MAX (lines, sp_xlsx_text_lines (sp_kpi_get_formula (kpi), widths[DEF_COL_FORMULA]));
  lines = MAX (lines, sp_xlsx_text_lines (_(kpi_scope[kpi]), widths[DEF_COL_SCOPE]));
  lines = MAX (lines, sp_xlsx_text_lines (_(sp_xlsx_kpi_n_label[kpi]), widths[DEF_COL_N]));
  lines = MAX (lines, sp_xlsx_text_lines (benchmark, widths[DEF_COL_BENCHMARK]));
  lines = MAX (lines, sp_xlsx_text_lines (source, widths[DEF_COL_SOURCE]));
  sp_xlsx_fit_row (x, ws, row, lines, NULL);
}

/* A section's title and its header row of two to four columns */
static lxw_row_t
write_section (SpXlsx     *x,
               lxw_row_t   row,
               const char *title,
               const char *headers[4])
{
  lxw_worksheet *ws = x->sheets[SHEET_DEFINITIONS];

  sp_xlsx_write_text (x, ws, row, 0, title, x->f_section);
  row++;
  sp_xlsx_write_text (x, ws, row, 0, headers[0], x->f_header);
  sp_xlsx_write_text (x, ws, row, 1, headers[1], x->f_header);
  sp_xlsx_check (x, worksheet_set_row (ws, row, 2 * LINE_POINTS + 2, NULL));
  for (guint c = 2; c < 4 && headers[c] != NULL; c++)
    sp_xlsx_write_text (x, ws, row, c, headers[c], x->f_header);
  return row;
}

/* The first response target of each channel and the SLA target of each priority */
static lxw_row_t
write_targets (SpXlsx    *x,
               lxw_row_t  row)
{
  lxw_worksheet *ws = x->sheets[SHEET_DEFINITIONS];
  const char *channel_headers[4] = { _("Channel"), _("Target (min)"), _("Good"), _("Act") };
  const char *sla_headers[4] = { _("Priority"), _("First response within (min)"), _("Source"),
                                 NULL };

  row = write_section (x, row, _("First response targets"), channel_headers);
  for (guint c = 0; c < SP_N_CHANNELS; c++)
    {
      double target = sp_benchmarks_get_channel_target (x->benchmarks, c);
      /* TRANSLATORS: a channel's band: its target in minutes */
      g_autofree char *good = sp_xlsx_printf (x, _("at most %g min"), target);
      /* TRANSLATORS: a channel's band: twice its target in minutes */
      g_autofree char *act = sp_xlsx_printf (x, _("more than %g min"), 2 * target);

      row++;
      sp_xlsx_write_text (x, ws, row, 0, sp_channel_get_label (c), NULL);
      sp_xlsx_write_number (x, ws, row, 1, target, NULL);
      sp_xlsx_write_text (x, ws, row, 2, good, NULL);
      sp_xlsx_write_text (x, ws, row, 3, act, NULL);
    }

  row = write_section (x, row + 2, _("SLA targets"), sla_headers);
  for (int p = SP_N_PRIORITIES - 1; p >= 0; p--)
    {
      row++;
      sp_xlsx_write_text (x, ws, row, 0, sp_priority_get_label (p), NULL);
      sp_xlsx_write_number (x, ws, row, 1, sp_benchmarks_get_sla_target (x->benchmarks, p),
                            NULL);
      if (p == SP_N_PRIORITIES - 1)
        sp_xlsx_write_text (x, ws, row, 2, sp_benchmarks_get_targets_source (x->benchmarks, TRUE),
                            NULL);
    }

  return row;
}

/* Notes on times, flags, formulas, typed text, opening hours and money,
 * each across the sheet's width */
static void
write_notes (SpXlsx    *x,
             lxw_row_t  row)
{
  lxw_worksheet *ws = x->sheets[SHEET_DEFINITIONS];
  g_autofree char *money = dup_money_note (x);
  const char *notes[] = {
    _("Times are the local wall-clock times the shop recorded; a duration is the difference "
      "of two recorded times. A period is whole local days, both inclusive; a contact "
      "belongs to the period it was received in, a survey answer to the one it was given in."),
    _("Columns marked 1 or 0 are yes (1) or no (0). “Within SLA target” is 1 when the first "
      "response came within the target of the contact's priority, 0 when it came late or "
      "the contact is unanswered past its target, and empty while an unanswered contact is "
      "still within it."),
    _("On the Summary, values with a formula are recomputed from the data sheets when the "
      "workbook recalculates; they show the app's values until then. The previous period, "
      "the backlog and every status come from the app, which also reads contacts before the "
      "period (for repeats, first contact resolution and the backlog)."),
    _("Typed text (names, notes, comments, reasons) is always kept as text, even when it "
      "starts with =, +, - or @."),
    /* KPI-SPEC §7 */
    x->current != NULL && x->current->opening_hours
      ? _("Opening hours: this shop has recorded when it is open, so first response, "
          "resolution time and SLA compliance (and the Contacts sheet's “Response (min)”, "
          "“Resolution (h)” and “Within SLA target”) count only the minutes the shop was open: "
          "closed days, nights and breaks count nothing, and days before the first schedule "
          "count around the clock. The channel and SLA targets apply to those minutes. "
          "Around the clock, the same contacts take longer; the app shows both on each KPI "
          "page. Backlog age, AHT and utilization always count the clock.")
      : NULL,
    money,
  };
  double notes_width = 0;

  for (guint c = 0; c < N_DEF_COLS; c++)
    notes_width += widths[c];

  sp_xlsx_write_text (x, ws, row, 0, _("Notes"), x->f_section);
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      if (notes[i] == NULL)
        continue;

      row++;
      sp_xlsx_check (x, worksheet_merge_range (ws, row, 0, row, N_DEF_COLS - 1, "", x->f_wrap));
      sp_xlsx_write_text (x, ws, row, 0, notes[i], x->f_wrap);
      sp_xlsx_check (x, worksheet_set_row (ws, row,
                                           sp_xlsx_text_lines (notes[i], notes_width) *
                                           LINE_POINTS + 2, NULL));
    }
}

void
sp_xlsx_write_definitions (SpXlsx *x)
{
  const char *titles[N_DEF_COLS] = {
    [DEF_COL_KPI] = _("KPI"),
    [DEF_COL_KEY] = _("Key"),
    [DEF_COL_FORMULA] = _("Formula"),
    [DEF_COL_SCOPE] = _("What counts"),
    [DEF_COL_N] = _("n counts"),
    [DEF_COL_BENCHMARK] = _("Benchmark"),
    [DEF_COL_SOURCE] = _("Source"),
  };
  lxw_worksheet *ws = x->sheets[SHEET_DEFINITIONS];
  lxw_row_t row = TOP_ROWS;

  sp_xlsx_write_sheet_top (x, ws);
  sp_xlsx_write_header (x, ws, row, titles, N_DEF_COLS);
  sp_xlsx_fit_header (x, ws, row, titles, widths, N_DEF_COLS);
  for (guint c = 0; c < N_DEF_COLS; c++)
    sp_xlsx_check (x, worksheet_set_column (ws, c, c, widths[c], x->f_wrap));
  worksheet_freeze_panes (ws, TOP_ROWS + 1, 1);

  /* the KPIs in the Summary's order, then the contacts */
  for (guint k = 0; k < G_N_ELEMENTS (sp_xlsx_kpi_order); k++)
    write_kpi (x, ++row, sp_xlsx_kpi_order[k]);
  write_kpi (x, ++row, SP_KPI_CONTACTS);

  row = write_targets (x, row + 2);
  write_notes (x, row + 2);
}
