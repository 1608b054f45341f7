/* sp-period.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-period"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-period.h"

SpPeriod
sp_period_make (SpDate from,
                SpDate to)
{
  SpPeriod period = { MIN (from, to), MAX (from, to) };
  return period;
}

int
sp_period_get_days (const SpPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);
  return period->to - period->from + 1;
}

gboolean
sp_period_contains (const SpPeriod *period,
                    SpDate          date)
{
  g_return_val_if_fail (period != NULL, FALSE);
  return date >= period->from && date <= period->to;
}

/* Presets */

/**
 * sp_period_preset:
 * @today: the day "this" and "last" count from
 *
 * The days of a choice such as "This month": the running week, month,
 * quarter or year up to @today; the last one whole; the last n days
 * including @today.
 */
SpPeriod
sp_period_preset (SpPeriodPreset preset,
                  SpDate         today)
{
  SpDate start;

  switch (preset)
    {
    case SP_PERIOD_PRESET_TODAY:
      return sp_period_make (today, today);
    case SP_PERIOD_PRESET_YESTERDAY:
      return sp_period_make (today - 1, today - 1);
    case SP_PERIOD_PRESET_THIS_WEEK:
      return sp_period_make (sp_date_week_start (today), today);
    case SP_PERIOD_PRESET_LAST_WEEK:
      start = sp_date_week_start (today) - 7;
      return sp_period_make (start, start + 6);
    case SP_PERIOD_PRESET_LAST_7_DAYS:
      return sp_period_make (today - 6, today);
    case SP_PERIOD_PRESET_LAST_30_DAYS:
      return sp_period_make (today - 29, today);
    case SP_PERIOD_PRESET_LAST_90_DAYS:
      return sp_period_make (today - 89, today);
    case SP_PERIOD_PRESET_THIS_MONTH:
      return sp_period_make (sp_date_month_start (today), today);
    case SP_PERIOD_PRESET_LAST_MONTH:
      start = sp_date_month_start (sp_date_month_start (today) - 1);
      return sp_period_make (start, sp_date_month_end (start));
    case SP_PERIOD_PRESET_THIS_QUARTER:
      return sp_period_make (sp_date_quarter_start (today), today);
    case SP_PERIOD_PRESET_LAST_QUARTER:
      start = sp_date_quarter_start (sp_date_quarter_start (today) - 1);
      return sp_period_make (start, sp_date_quarter_end (start));
    case SP_PERIOD_PRESET_THIS_YEAR:
      return sp_period_make (sp_date_year_start (today), today);
    case SP_PERIOD_PRESET_LAST_YEAR:
      start = sp_date_year_start (sp_date_year_start (today) - 1);
      return sp_period_make (start, sp_date_year_start (today) - 1);
    default:
      g_return_val_if_reached (sp_period_make (today, today));
    }
}

const char *
sp_period_preset_get_label (SpPeriodPreset preset)
{
  switch (preset)
    {
    case SP_PERIOD_PRESET_TODAY:
      return _("Today");
    case SP_PERIOD_PRESET_YESTERDAY:
      return _("Yesterday");
    case SP_PERIOD_PRESET_THIS_WEEK:
      return _("This week");
    case SP_PERIOD_PRESET_LAST_WEEK:
      return _("Last week");
    case SP_PERIOD_PRESET_LAST_7_DAYS:
      return _("Last 7 days");
    case SP_PERIOD_PRESET_LAST_30_DAYS:
      return _("Last 30 days");
    case SP_PERIOD_PRESET_LAST_90_DAYS:
      return _("Last 90 days");
    case SP_PERIOD_PRESET_THIS_MONTH:
      return _("This month");
    case SP_PERIOD_PRESET_LAST_MONTH:
      return _("Last month");
    case SP_PERIOD_PRESET_THIS_QUARTER:
      return _("This quarter");
    case SP_PERIOD_PRESET_LAST_QUARTER:
      return _("Last quarter");
    case SP_PERIOD_PRESET_THIS_YEAR:
      return _("This year");
    case SP_PERIOD_PRESET_LAST_YEAR:
      return _("Last year");
    default:
      g_return_val_if_reached ("");
    }
}

/* Whole months, quarters and years */

gboolean
sp_period_is_whole_month (const SpPeriod *period)
{
  g_return_val_if_fail (period != NULL, FALSE);
  return period->from == sp_date_month_start (period->from) &&
         period->to == sp_date_month_end (period->from);
}

gboolean
sp_period_is_whole_quarter (const SpPeriod *period)
{
  g_return_val_if_fail (period != NULL, FALSE);
  return period->from == sp_date_quarter_start (period->from) &&
         period->to == sp_date_quarter_end (period->from);
}

gboolean
sp_period_is_whole_year (const SpPeriod *period)
{
  g_return_val_if_fail (period != NULL, FALSE);
  return period->from == sp_date_year_start (period->from) &&
         period->to == sp_date_add_months (period->from, 12) - 1;
}

gboolean
sp_period_is_whole_week (const SpPeriod *period)
{
  g_return_val_if_fail (period != NULL, FALSE);
  return period->from == sp_date_week_start (period->from) && period->to == period->from + 6;
}

/* The previous period */

/* @period runs from the start of a unit that holds @today, up to today or beyond, not to its end */
static gboolean
is_running (const SpPeriod *period,
            SpDate          unit_start,
            SpDate          unit_end,
            SpDate          today)
{
  return period->from == unit_start && period->to < unit_end && sp_period_contains (period, today);
}

/* The same days @months earlier, the last one clamped to a shorter month */
static SpPeriod
same_days_before (const SpPeriod *period,
                  int             months)
{
  return sp_period_make (sp_date_add_months (period->from, -months),
                         sp_date_add_months (period->to, -months));
}

/**
 * sp_period_previous_on:
 * @today: the day that decides whether @period is running
 *
 * What @period is compared with (KPI-SPEC §2): the calendar month, quarter
 * or year before a whole one; the same days of the week, month, quarter or
 * year before a running one ("This month" on 7 December: 1–7 November; on
 * 30 March: 1–28 February); otherwise as many days just before it.  A
 * running period that could be several (1–5 January) is taken as a month
 * first, then a quarter, a year and a week.  Days after @today hold
 * nothing yet: a period that runs past it is compared as far as @today
 * (all of December on 7 December: 1–7 November).
 */
SpPeriod
sp_period_previous_on (const SpPeriod *period,
                       SpDate          today)
{
  SpDate from;

  g_return_val_if_fail (period != NULL, sp_period_make (0, 0));

  if (period->from <= today && period->to > today)
    {
      SpPeriod so_far = sp_period_make (period->from, today);

      return sp_period_previous_on (&so_far, today);
    }

  if (sp_period_is_whole_month (period))
    {
      from = sp_date_add_months (period->from, -1);
      return sp_period_make (from, sp_date_month_end (from));
    }
  if (sp_period_is_whole_quarter (period))
    return sp_period_make (sp_date_add_months (period->from, -3), period->from - 1);
  if (sp_period_is_whole_year (period))
    return sp_period_make (sp_date_add_months (period->from, -12), period->from - 1);

  if (is_running (period, sp_date_month_start (period->from), sp_date_month_end (period->from),
                  today))
    return same_days_before (period, 1);
  if (is_running (period, sp_date_quarter_start (period->from),
                  sp_date_quarter_end (period->from), today))
    return same_days_before (period, 3);
  if (is_running (period, sp_date_year_start (period->from),
                  sp_date_add_months (sp_date_year_start (period->from), 12) - 1, today))
    return same_days_before (period, 12);
  if (is_running (period, sp_date_week_start (period->from), sp_date_week_start (period->from) + 6,
                  today))
    return sp_period_make (period->from - 7, period->to - 7);

  return sp_period_make (period->from - sp_period_get_days (period), period->from - 1);
}

/**
 * sp_period_preset_previous:
 *
 * What the period of @preset on @today is compared with: as
 * sp_period_previous_on(), but a running week, month, quarter or year is
 * taken as the one the preset names ("This year" on 20 January: 1–20
 * January a year before, not 1–20 December).
 */
SpPeriod
sp_period_preset_previous (SpPeriodPreset preset,
                           SpDate         today)
{
  SpPeriod period = sp_period_preset (preset, today);

  switch (preset)
    {
    case SP_PERIOD_PRESET_THIS_WEEK:
      return sp_period_make (period.from - 7, period.to - 7);
    case SP_PERIOD_PRESET_THIS_MONTH:
      return sp_period_is_whole_month (&period) ? sp_period_previous_on (&period, today)
                                                : same_days_before (&period, 1);
    case SP_PERIOD_PRESET_THIS_QUARTER:
      return sp_period_is_whole_quarter (&period) ? sp_period_previous_on (&period, today)
                                                  : same_days_before (&period, 3);
    case SP_PERIOD_PRESET_THIS_YEAR:
      return sp_period_is_whole_year (&period) ? sp_period_previous_on (&period, today)
                                               : same_days_before (&period, 12);
    default:
      return sp_period_previous_on (&period, today);
    }
}

/**
 * sp_period_is_month_to_date:
 *
 * Whether @period starts on the first day of a month and ends within it:
 * it is read as that month, whole or so far (1–7 December, all of
 * December), before a week (KPI-SPEC §2).
 */
gboolean
sp_period_is_month_to_date (const SpPeriod *period)
{
  g_return_val_if_fail (period != NULL, FALSE);
  return period->from == sp_date_month_start (period->from) &&
         period->to <= sp_date_month_end (period->from);
}

/**
 * sp_period_is_so_far:
 * @today: the day that decides whether @period is over
 *
 * Whether the figures of @period are "so far": it holds @today and runs
 * past it, or it is a running month, quarter, year or week up to @today
 * (1–7 December on 7 December is December so far, however it was chosen).
 */
gboolean
sp_period_is_so_far (const SpPeriod *period,
                     SpDate          today)
{
  g_return_val_if_fail (period != NULL, FALSE);

  if (!sp_period_contains (period, today))
    return FALSE;
  if (period->to > today)
    return TRUE;
  return is_running (period, sp_date_month_start (period->from),
                     sp_date_month_end (period->from), today) ||
         is_running (period, sp_date_quarter_start (period->from),
                     sp_date_quarter_end (period->from), today) ||
         is_running (period, sp_date_year_start (period->from),
                     sp_date_add_months (sp_date_year_start (period->from), 12) - 1, today) ||
         is_running (period, sp_date_week_start (period->from),
                     sp_date_week_start (period->from) + 6, today);
}

/* The same, with today from the clock (sp_time_override_now() in tests) */
SpPeriod
sp_period_previous (const SpPeriod *period)
{
  return sp_period_previous_on (period, sp_date_today ());
}

/**
 * sp_period_last_whole_month:
 * @month: (out): the last calendar month that is over by @period's end
 *   and before @today
 *
 * For the KPIs counted over whole months (churn, cost per contact) on a
 * view that holds none.
 *
 * Returns: %TRUE when @period holds no whole month that is over, so that
 *   @month is what to show instead
 */
gboolean
sp_period_last_whole_month (const SpPeriod *period,
                            SpDate          today,
                            SpPeriod       *month)
{
  SpDate last, end, first_start;

  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (month != NULL, FALSE);

  last = MIN (period->to, today - 1);
  end = sp_date_month_end (last) == last ? last : sp_date_month_start (last) - 1;
  *month = sp_period_make (sp_date_month_start (end), end);

  first_start = sp_date_month_start (period->from) == period->from
                ? period->from : sp_date_month_end (period->from) + 1;
  return first_start > end;
}

/* Trend buckets */

/**
 * sp_period_split:
 *
 * Returns: (transfer full): the SpPeriod of each day, ISO week (Monday to
 *   Sunday) or calendar month that overlaps @range, oldest first; the
 *   first and last are clipped to @range
 */
GArray *
sp_period_split (const SpPeriod *range,
                 SpGranularity   granularity)
{
  GArray *buckets = g_array_new (FALSE, FALSE, sizeof (SpPeriod));
  SpDate day;

  g_return_val_if_fail (range != NULL, buckets);

  for (day = range->from; day <= range->to;)
    {
      SpDate end;
      SpPeriod p;

      switch (granularity)
        {
        case SP_GRANULARITY_WEEK:
          end = sp_date_week_start (day) + 6;
          break;
        case SP_GRANULARITY_MONTH:
          end = sp_date_month_end (day);
          break;
        case SP_GRANULARITY_DAY:
        default:
          end = day;
          break;
        }

      p = sp_period_make (day, MIN (end, range->to));
      g_array_append_val (buckets, p);
      day = p.to + 1;
    }

  return buckets;
}

/*
 * A bucket is partial when it is not over on @today (it ends today or
 * later) or when the range cut it short: its figure is "so far".
 */
gboolean
sp_period_bucket_is_partial (const SpPeriod *bucket,
                             SpGranularity   granularity,
                             SpDate          today)
{
  g_return_val_if_fail (bucket != NULL, FALSE);

  if (bucket->to >= today)
    return TRUE;

  switch (granularity)
    {
    case SP_GRANULARITY_WEEK:
      return !sp_period_is_whole_week (bucket);
    case SP_GRANULARITY_MONTH:
      return !sp_period_is_whole_month (bucket);
    case SP_GRANULARITY_DAY:
    default:
      return bucket->from != bucket->to;
    }
}

/* Words */

static char *
format_date (SpDate      date,
             const char *pattern)
{
  g_autoptr(GDateTime) dt = sp_time_to_date_time (sp_date_to_time (date));

  return g_date_time_format (dt, pattern);
}

/* "3 October 2026" */
char *
sp_date_format_long (SpDate date)
{
  if (date == SP_DATE_NONE)
    return g_strdup ("");
  /* TRANSLATORS: a day in full, "3 October 2026" (German "3. Oktober 2026");
   * see g_date_time_format(); keep the 4-digit year */
  return format_date (date, _("%-d %B %Y"));
}

/* "3 Oct 2026" */
char *
sp_date_format_short (SpDate date)
{
  if (date == SP_DATE_NONE)
    return g_strdup ("");
  /* TRANSLATORS: a day in short, "3 Oct 2026" (German "3. Okt. 2026");
   * see g_date_time_format(); keep the 4-digit year */
  return format_date (date, _("%-d %b %Y"));
}

/* The month @date is in: "October 2026" */
char *
sp_date_format_month (SpDate date)
{
  SpPeriod month = sp_period_make (sp_date_month_start (date), sp_date_month_end (date));

  return sp_period_format (&month);
}

static char *
format_quarter (SpDate date)
{
  int y, m;

  sp_date_to_ymd (date, &y, &m, NULL);
  /* TRANSLATORS: a quarter of a year, "Q4 2026": %1$d the quarter, %2$d the year */
  return g_strdup_printf (_("Q%1$d %2$d"), (m - 1) / 3 + 1, y);
}

static char *
format_year (SpDate date)
{
  int y;

  sp_date_to_ymd (date, &y, NULL, NULL);
  return g_strdup_printf ("%d", y);
}

/* The first day of a range as it is written before the last: only what differs */
static char *
format_range_start (const SpPeriod *period,
                    gboolean        is_short)
{
  int y1, m1, y2, m2;

  sp_date_to_ymd (period->from, &y1, &m1, NULL);
  sp_date_to_ymd (period->to, &y2, &m2, NULL);

  if (y1 != y2)
    return is_short ? sp_date_format_short (period->from) : sp_date_format_long (period->from);
  if (m1 != m2)
    return format_date (period->from,
                        is_short
                        /* TRANSLATORS: the first day of a range within a year, short,
                         * "28 Sep" in "28 Sep – 4 Oct 2026"; see g_date_time_format() */
                        ? _("%-d %b")
                        /* TRANSLATORS: the first day of a range within a year,
                         * "28 September" in "28 September – 4 October 2026" */
                        : _("%-d %B"));
  /* TRANSLATORS: the first day of a range within a month, "3" in "3 – 17 October 2026"
   * (German "%-d." for "3. – 17. Oktober 2026"); see g_date_time_format() */
  return format_date (period->from, _("%-d"));
}

static char *
format_period (const SpPeriod *period,
               gboolean        is_short,
               gboolean        named)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (period != NULL, NULL);

  if (period->from == period->to)
    return is_short ? sp_date_format_short (period->from) : sp_date_format_long (period->from);
  if (!named)
    ;
  else if (sp_period_is_whole_year (period))
    return format_year (period->from);
  else if (sp_period_is_whole_quarter (period))
    return format_quarter (period->from);
  else if (sp_period_is_whole_month (period))
    return format_date (period->from,
                        is_short
                        /* TRANSLATORS: a month in short, "Oct 2026"; see g_date_time_format() */
                        ? _("%b %Y")
                        /* TRANSLATORS: a month and its year, "October 2026";
                         * see g_date_time_format() */
                        : _("%OB %Y"));

  first = format_range_start (period, is_short);
  last = is_short ? sp_date_format_short (period->to) : sp_date_format_long (period->to);
  /* TRANSLATORS: a range of days, "3 – 17 October 2026": %1$s the first day
   * (as little of it as needed), %2$s the last in full */
  return g_strdup_printf (_("%1$s – %2$s"), first, last);
}

/**
 * sp_period_format:
 *
 * A period as a title: "October 2026", "Q4 2026", "2026",
 * "3 October 2026", "3 – 17 October 2026", "8 December 2025 – 5 December 2026".
 */
char *
sp_period_format (const SpPeriod *period)
{
  return format_period (period, FALSE, TRUE);
}

/* Always the days: "1 – 31 October 2026" */
char *
sp_period_format_days (const SpPeriod *period)
{
  return format_period (period, FALSE, FALSE);
}

/* The same, short: "Oct 2026", "3 – 17 Oct 2026" */
char *
sp_period_format_short (const SpPeriod *period)
{
  return format_period (period, TRUE, TRUE);
}

/* A period whose figure is not final: "December 2026, so far" */
char *
sp_period_format_so_far (const SpPeriod *period)
{
  g_autofree char *text = sp_period_format (period);

  /* TRANSLATORS: a period whose figure is not final: it is not over yet, or
   * the chosen range cuts it; "December 2026, so far" */
  return g_strdup_printf (_("%s, so far"), text);
}

/**
 * sp_period_format_so_far_on:
 * @today: the day that decides whether @period is over
 *
 * The days so far of a period that is so far (sp_period_is_so_far()),
 * however it was chosen: "1 – 7 December 2026, so far" for December or
 * for 1–7 December on 7 December.
 *
 * Returns: (nullable): %NULL when @period's figures are final
 */
char *
sp_period_format_so_far_on (const SpPeriod *period,
                            SpDate          today)
{
  g_autofree char *days = NULL;

  g_return_val_if_fail (period != NULL, NULL);

  if (!sp_period_is_so_far (period, today))
    return NULL;
  days = format_period (&(SpPeriod) { period->from, MIN (period->to, today) }, FALSE, FALSE);
  /* TRANSLATORS: a period whose figure is not final: it is not over yet, or
   * the chosen range cuts it; "December 2026, so far" */
  return g_strdup_printf (_("%s, so far"), days);
}

/* The same, short: "Dec 2026, so far" */
char *
sp_period_format_short_so_far (const SpPeriod *period)
{
  g_autofree char *text = sp_period_format_short (period);

  /* TRANSLATORS: a period whose figure is not final: it is not over yet, or
   * the chosen range cuts it; "December 2026, so far" */
  return g_strdup_printf (_("%s, so far"), text);
}

/**
 * sp_period_format_sentence:
 *
 * A period inside a sentence: "in October 2026", "in Q4 2026", "in 2026",
 * "on 3 October 2026", "from 3 to 17 October 2026".
 */
char *
sp_period_format_sentence (const SpPeriod *period)
{
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (period != NULL, NULL);

  if (period->from == period->to)
    {
      text = sp_date_format_long (period->from);
      /* TRANSLATORS: a day in a sentence, "on 3 October 2026" */
      return g_strdup_printf (C_("period in a sentence", "on %s"), text);
    }

  if (sp_period_is_whole_year (period) || sp_period_is_whole_quarter (period) ||
      sp_period_is_whole_month (period))
    {
      text = format_period (period, FALSE, TRUE);
      if (sp_period_is_whole_year (period))
        /* TRANSLATORS: a year in a sentence, "in 2026" */
        return g_strdup_printf (C_("year in a sentence", "in %s"), text);
      if (sp_period_is_whole_quarter (period))
        /* TRANSLATORS: a quarter in a sentence, "in Q4 2026" */
        return g_strdup_printf (C_("quarter in a sentence", "in %s"), text);
      /* TRANSLATORS: a month in a sentence, "in October 2026" (German "im %s") */
      return g_strdup_printf (C_("month in a sentence", "in %s"), text);
    }

  first = format_range_start (period, FALSE);
  last = sp_date_format_long (period->to);
  /* TRANSLATORS: a range of days in a sentence, "from 3 to 17 October 2026":
   * %1$s the first day (as little of it as needed), %2$s the last in full */
  return g_strdup_printf (_("from %1$s to %2$s"), first, last);
}
