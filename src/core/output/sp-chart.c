/* sp-chart.c
 *
 * A chart's data, how its numbers and periods read, and what it says to
 * someone who can't see it.  The drawing is in sp-chart-draw.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sp-chart-private.h"

G_DEFINE_BOXED_TYPE (SpChart, sp_chart, sp_chart_ref, sp_chart_unref)

/* Styles */

static SpColor
rgb (guint32 hex,
     double  alpha)
{
  return (SpColor) {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
    alpha,
  };
}

/* The libadwaita palette, for when no theme is at hand */
void
sp_chart_style_init_light (SpChartStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->background = rgb (0xffffff, 0);
  style->base = rgb (0xffffff, 1);
  style->foreground = rgb (0x000000, 0.8);
  style->secondary = rgb (0x000000, 0.55);
  style->grid = rgb (0x000000, 0.12);
  style->accent = rgb (0x1c71d8, 1);
  style->series[0] = rgb (0xe66100, 1);
  style->series[1] = rgb (0x9141ac, 1);
  style->series[2] = rgb (0x26a269, 1);
  style->series[3] = rgb (0x865e3c, 1);
  style->series[4] = rgb (0xc64600, 1);
  style->series[5] = rgb (0x613583, 1);
  style->status[SP_STATUS_NONE] = rgb (0x77767b, 1);
  style->status[SP_STATUS_ACT] = rgb (0xe01b24, 1);
  style->status[SP_STATUS_WATCH] = rgb (0xe5a50a, 1);
  style->status[SP_STATUS_GOOD] = rgb (0x33d17a, 1);
  style->status[SP_STATUS_EXCELLENT] = rgb (0x26a269, 1);
  style->status[SP_STATUS_TOO_FEW] = rgb (0x77767b, 1);
  style->target = rgb (0x9141ac, 1);
  style->parts[0] = rgb (0xe01b24, 1);
  style->parts[1] = rgb (0xc0bfbc, 1);
  style->parts[2] = rgb (0x2ec27e, 1);
  style->heat_low = rgb (0x1c71d8, 0.1);
  style->heat_high = rgb (0x1c71d8, 1);
  style->band_alpha = 0.14;
  style->font_size = 12;
  style->line_width = 2;
}

void
sp_chart_style_init_dark (SpChartStyle *style)
{
  g_return_if_fail (style != NULL);

  sp_chart_style_init_light (style);
  style->background = rgb (0x242424, 0);
  style->base = rgb (0x303030, 1);
  style->foreground = rgb (0xffffff, 1);
  style->secondary = rgb (0xffffff, 0.6);
  style->grid = rgb (0xffffff, 0.14);
  style->accent = rgb (0x78aeed, 1);
  style->series[0] = rgb (0xffa348, 1);
  style->series[1] = rgb (0xdc8add, 1);
  style->series[2] = rgb (0x8ff0a4, 1);
  style->series[3] = rgb (0xcdab8f, 1);
  style->series[4] = rgb (0xf66151, 1);
  style->series[5] = rgb (0xc061cb, 1);
  style->status[SP_STATUS_NONE] = rgb (0x9a9996, 1);
  style->status[SP_STATUS_ACT] = rgb (0xff7b63, 1);
  style->status[SP_STATUS_WATCH] = rgb (0xf8e45c, 1);
  style->status[SP_STATUS_GOOD] = rgb (0x8ff0a4, 1);
  style->status[SP_STATUS_EXCELLENT] = rgb (0x57e389, 1);
  style->status[SP_STATUS_TOO_FEW] = rgb (0x9a9996, 1);
  style->target = rgb (0xdc8add, 1);
  style->parts[0] = rgb (0xff7b63, 1);
  style->parts[1] = rgb (0x77767b, 1);
  style->parts[2] = rgb (0x57e389, 1);
  style->heat_low = rgb (0x78aeed, 0.1);
  style->heat_high = rgb (0x78aeed, 1);
  style->band_alpha = 0.12;
}

/* Greys that stay apart when printed in black and white; sizes in points */
void
sp_chart_style_init_print (SpChartStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->background = rgb (0xffffff, 0);
  style->base = rgb (0xffffff, 1);
  style->foreground = rgb (0x000000, 1);
  style->secondary = rgb (0x4d4d4d, 1);
  style->grid = rgb (0xb3b3b3, 1);
  style->accent = rgb (0x262626, 1);
  style->series[0] = rgb (0x666666, 1);
  style->series[1] = rgb (0x999999, 1);
  style->series[2] = rgb (0x404040, 1);
  style->series[3] = rgb (0x808080, 1);
  style->series[4] = rgb (0x4d4d4d, 1);
  style->series[5] = rgb (0xb3b3b3, 1);
  /* darker where worse, for bars and (shaded) bands alike */
  style->status[SP_STATUS_NONE] = rgb (0x808080, 1);
  style->status[SP_STATUS_ACT] = rgb (0x333333, 1);
  style->status[SP_STATUS_WATCH] = rgb (0x808080, 1);
  style->status[SP_STATUS_GOOD] = rgb (0xb3b3b3, 1);
  style->status[SP_STATUS_EXCELLENT] = rgb (0xd0d0d0, 1);
  style->status[SP_STATUS_TOO_FEW] = rgb (0x4d4d4d, 1);
  style->target = rgb (0x000000, 1);
  style->parts[0] = rgb (0x404040, 1);
  style->parts[1] = rgb (0xd9d9d9, 1);
  style->parts[2] = rgb (0x8c8c8c, 1);
  style->heat_low = rgb (0xeeeeee, 1);
  style->heat_high = rgb (0x1a1a1a, 1);
  style->band_alpha = 0.45;
  style->dashed_series = TRUE;
  style->font_size = 7.5;
  style->line_width = 1.2;
}

/* The chart */

static void
clear_band (gpointer data)
{
  g_free (((SpChartBand *) data)->label);
}

static void
clear_line (gpointer data)
{
  g_free (((SpChartLine *) data)->label);
}

static void
clear_row (gpointer data)
{
  g_free (((SpChartRow *) data)->label);
}

static void
free_series (gpointer data)
{
  SpChartSeries *series = data;

  g_free (series->label);
  g_array_unref (series->points);
  g_free (series);
}

SpChart *
sp_chart_new (SpChartKind kind)
{
  SpChart *self = g_new0 (SpChart, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->unit = SP_UNIT_COUNT;
  self->limit_min = NAN;
  self->limit_max = NAN;
  self->bands = g_array_new (FALSE, TRUE, sizeof (SpChartBand));
  g_array_set_clear_func (self->bands, clear_band);
  self->lines = g_array_new (FALSE, TRUE, sizeof (SpChartLine));
  g_array_set_clear_func (self->lines, clear_line);
  self->series = g_ptr_array_new_with_free_func (free_series);
  self->rows = g_array_new (FALSE, TRUE, sizeof (SpChartRow));
  g_array_set_clear_func (self->rows, clear_row);

  self->part_labels[0] = g_strdup (_("Detractors"));
  self->part_labels[1] = g_strdup (_("Passives"));
  self->part_labels[2] = g_strdup (_("Promoters"));

  return self;
}

SpChart *
sp_chart_ref (SpChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sp_chart_unref (SpChart *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->title);
  g_free (self->empty_text);
  g_array_unref (self->bands);
  g_array_unref (self->lines);
  g_ptr_array_unref (self->series);
  g_array_unref (self->rows);
  for (guint i = 0; i < G_N_ELEMENTS (self->part_labels); i++)
    g_free (self->part_labels[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->status_labels); i++)
    g_free (self->status_labels[i]);
  g_free (self);
}

SpChartKind
sp_chart_get_kind (SpChart *self)
{
  g_return_val_if_fail (self != NULL, SP_CHART_TREND);
  return self->kind;
}

/* The title is not drawn: it names the chart to screen readers and tooltips. */
void
sp_chart_set_title (SpChart    *self,
                    const char *title)
{
  g_return_if_fail (self != NULL);
  g_free (self->title);
  self->title = g_strdup (title);
}

const char *
sp_chart_get_title (SpChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

void
sp_chart_set_unit (SpChart *self,
                   SpUnit   unit)
{
  g_return_if_fail (self != NULL);
  self->unit = unit;
}

SpUnit
sp_chart_get_unit (SpChart *self)
{
  g_return_val_if_fail (self != NULL, SP_UNIT_COUNT);
  return self->unit;
}

/* The value axis never goes beyond these (NAN: no limit); 0–100 for a percentage. */
void
sp_chart_set_limits (SpChart *self,
                     double   min,
                     double   max)
{
  g_return_if_fail (self != NULL);
  self->limit_min = min;
  self->limit_max = max;
}

void
sp_chart_set_noun (SpChart     *self,
                   SpChartNoun  noun)
{
  g_return_if_fail (self != NULL);
  self->noun = noun;
}

/* Points resting on fewer than @min_n are drawn hollow, and the legend says why. */
void
sp_chart_set_min_n (SpChart *self,
                    gint64   min_n)
{
  g_return_if_fail (self != NULL);
  self->min_n = min_n;
}

/*
 * What a bar of @status means, for the legend of a chart whose bars are
 * coloured by a rule of their own rather than by its bands.
 */
void
sp_chart_set_status_label (SpChart    *self,
                           SpStatus    status,
                           const char *label)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (status < SP_N_STATUSES);

  g_free (self->status_labels[status]);
  self->status_labels[status] = g_strdup (label);
}

void
sp_chart_set_empty_text (SpChart    *self,
                         const char *text)
{
  g_return_if_fail (self != NULL);
  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
}

/*
 * Shades the values from @from to @to (either may be infinite) with the
 * colour of @status, behind the data; @label names it in the legend and
 * inside the band.
 */
void
sp_chart_add_band (SpChart    *self,
                   double      from,
                   double      to,
                   SpStatus    status,
                   const char *label)
{
  SpChartBand band = { MIN (from, to), MAX (from, to), status, g_strdup (label) };

  g_return_if_fail (self != NULL);
  g_return_if_fail (!isnan (from) && !isnan (to));

  g_array_append_val (self->bands, band);
}

void
sp_chart_add_line (SpChart         *self,
                   SpChartLineKind  kind,
                   double           value,
                   const char      *label)
{
  SpChartLine line = { kind, value, g_strdup (label) };

  g_return_if_fail (self != NULL);

  if (!isfinite (value))
    {
      g_free (line.label);
      return;
    }

  g_array_append_val (self->lines, line);
}

guint
sp_chart_add_series (SpChart    *self,
                     const char *label)
{
  SpChartSeries *series;

  g_return_val_if_fail (self != NULL, 0);

  series = g_new0 (SpChartSeries, 1);
  series->label = g_strdup (label);
  series->points = g_array_new (FALSE, FALSE, sizeof (SpChartPoint));
  g_ptr_array_add (self->series, series);

  return self->series->len - 1;
}

/*
 * A guide series is a path to compare the others with, such as a goal's
 * straight path from its baseline to its target: drawn dashed, without
 * points (but for the one pointed at), never hollow, and its tooltip
 * gives no count.
 */
void
sp_chart_set_series_guide (SpChart  *self,
                           guint     series,
                           gboolean  guide)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (series < self->series->len);

  ((SpChartSeries *) g_ptr_array_index (self->series, series))->guide = !!guide;
}

/* Points of a series go in time order. */
void
sp_chart_add_point (SpChart            *self,
                    guint               series,
                    const SpChartPoint *point)
{
  SpChartSeries *s;

  g_return_if_fail (self != NULL);
  g_return_if_fail (point != NULL);
  g_return_if_fail (series < self->series->len);

  s = g_ptr_array_index (self->series, series);
  g_array_append_val (s->points, *point);
}

guint
sp_chart_get_n_series (SpChart *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->series->len;
}

const SpChartPoint *
sp_chart_get_points (SpChart *self,
                     guint    series,
                     guint   *n_points)
{
  SpChartSeries *s;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  s = g_ptr_array_index (self->series, series);
  if (n_points)
    *n_points = s->points->len;
  return (const SpChartPoint *) (gpointer) s->points->data;
}

void
sp_chart_add_bar (SpChart          *self,
                  const SpChartBar *bar)
{
  SpChartRow row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (bar != NULL);

  row.label = g_strdup (bar->label ? bar->label : "");
  row.value = bar->value;
  row.n = bar->n;
  row.status = bar->status;
  row.target = bar->target;
  memcpy (row.parts, bar->parts, sizeof row.parts);
  g_array_append_val (self->rows, row);
}

guint
sp_chart_get_n_bars (SpChart *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows->len;
}

void
sp_chart_set_part_labels (SpChart    *self,
                          const char *first,
                          const char *second,
                          const char *third)
{
  const char *labels[3] = { first, second, third };

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_free (self->part_labels[i]);
      self->part_labels[i] = g_strdup (labels[i] ? labels[i] : "");
    }
}

/* @counts: by ISO weekday − 1 (Monday first) and hour */
void
sp_chart_set_heatmap (SpChart      *self,
                      const gint64  counts[7][24])
{
  g_return_if_fail (self != NULL);

  memcpy (self->heat, counts, sizeof self->heat);
  self->has_heat = TRUE;
}

gboolean
sp_chart_is_empty (SpChart *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  switch (self->kind)
    {
    case SP_CHART_TREND:
    case SP_CHART_SPARKLINE:
      for (guint i = 0; i < self->series->len; i++)
        {
          SpChartSeries *s = g_ptr_array_index (self->series, i);

          for (guint j = 0; j < s->points->len; j++)
            if (isfinite (g_array_index (s->points, SpChartPoint, j).value))
              return FALSE;
        }
      return TRUE;

    case SP_CHART_BARS:
    case SP_CHART_TARGETS:
      for (guint i = 0; i < self->rows->len; i++)
        {
          SpChartRow *row = &g_array_index (self->rows, SpChartRow, i);

          if (isfinite (row->value) &&
              (self->kind == SP_CHART_BARS || (isfinite (row->target) && row->target > 0)))
            return FALSE;
        }
      return TRUE;

    case SP_CHART_STACKED:
      for (guint i = 0; i < self->rows->len; i++)
        {
          SpChartRow *row = &g_array_index (self->rows, SpChartRow, i);

          if (row->parts[0] + row->parts[1] + row->parts[2] > 0)
            return FALSE;
        }
      return TRUE;

    case SP_CHART_HEATMAP:
      if (!self->has_heat)
        return TRUE;
      for (guint d = 0; d < 7; d++)
        for (guint h = 0; h < 24; h++)
          if (self->heat[d][h] > 0)
            return FALSE;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* Numbers */

static int
decimals_for_step (double step)
{
  int d = 0;

  while (d < 4 && fabs (step * pow (10, d) - round (step * pow (10, d))) > 1e-6)
    d++;

  return d;
}

/* A number in the user's locale, with its thousands separators and a real minus sign */
static char *
format_plain (double value,
              int    decimals,
              gboolean signed_)
{
  g_autofree char *digits = NULL;

  if (fabs (value) < 0.5 * pow (10, -decimals))
    value = 0;

  digits = g_strdup_printf ("%'.*f", decimals, fabs (value));

  if (value < 0)
    return g_strconcat ("−", digits, NULL);
  if (signed_ && value > 0)
    return g_strconcat ("+", digits, NULL);
  return g_steal_pointer (&digits);
}

static int
default_decimals (SpUnit unit,
                  double value)
{
  switch (unit)
    {
    case SP_UNIT_PERCENT:
    case SP_UNIT_HOURS:
    case SP_UNIT_SCORE:
      return 1;
    case SP_UNIT_CURRENCY:
      return 2;
    case SP_UNIT_MINUTES:
    case SP_UNIT_NPS:
    case SP_UNIT_COUNT:
    default:
      return 0;
    }
}

/* As the KPI engine writes durations: tenths under 10 min, hours from 2 h */
static char *
format_minutes (double value,
                int    decimals)
{
  g_autofree char *number = NULL;

  if (fabs (value) >= 120)
    {
      number = format_plain (value / 60, 1, FALSE);
      /* TRANSLATORS: a duration in hours */
      return g_strdup_printf (_("%s h"), number);
    }

  number = format_plain (value, fabs (value) < 10 ? MAX (decimals, 1) : decimals, FALSE);
  /* TRANSLATORS: a duration in minutes */
  return g_strdup_printf (_("%s min"), number);
}

/*
 * Formats @value in @unit the way the charts show it, as the KPI engine
 * writes values: "86.7 %", "+35", "4.5 min", "42 min", "4.2 h", "5.2",
 * "1,204", "12.40".  @decimals < 0 picks what suits the unit.
 */
char *
sp_chart_format_number (SpUnit unit,
                        double value,
                        int    decimals)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup ("—");

  if (decimals < 0)
    decimals = default_decimals (unit, value);

  switch (unit)
    {
    case SP_UNIT_PERCENT:
      number = format_plain (value, decimals, FALSE);
      /* TRANSLATORS: a percentage; the space is a no-break space */
      return g_strdup_printf (_("%s %%"), number);

    case SP_UNIT_MINUTES:
      return format_minutes (value, decimals);

    case SP_UNIT_HOURS:
      if (fabs (value) < 1)
        return format_minutes (value * 60, 0);
      number = format_plain (value, decimals, FALSE);
      /* TRANSLATORS: a duration in hours */
      return g_strdup_printf (_("%s h"), number);

    case SP_UNIT_NPS:
      return format_plain (value, decimals, TRUE);

    case SP_UNIT_CURRENCY:

    case SP_UNIT_SCORE:
    case SP_UNIT_COUNT:
    default:
      return format_plain (value, decimals, FALSE);
    }
}

char *
sp_chart_format_value (SpChart *self,
                       double   value)
{
  g_return_val_if_fail (self != NULL, NULL);
  return sp_chart_format_number (self->unit, value, -1);
}

/* An axis label, with as many decimals as the step between ticks needs */
char *
sp_chart_format_tick (SpUnit unit,
                      double value,
                      double step)
{
  g_autofree char *number = NULL;

  if (unit == SP_UNIT_MINUTES && step >= 60)
    {
      number = format_plain (value / 60, decimals_for_step (step / 60), FALSE);
      return g_strdup_printf (_("%s h"), number);
    }

  if (unit == SP_UNIT_MINUTES)
    {
      number = format_plain (value, decimals_for_step (step), FALSE);
      return g_strdup_printf (_("%s min"), number);
    }

  return sp_chart_format_number (unit, value, decimals_for_step (step));
}

/*
 * A step between ticks that reads well: 1, 2, 2.5 or 5 times a power of
 * ten, whole numbers for counts, and 30 min, 1 h, 2 h… for durations.
 */
double
sp_chart_nice_step (SpUnit unit,
                    double range,
                    int    max_ticks)
{
  static const double minute_steps[] = { 30, 60, 120, 180, 240, 360, 480, 720, 1440 };
  double rough, magnitude, fraction, nice;

  if (!(range > 0))
    return 1;

  rough = range / MAX (max_ticks, 1);

  if (unit == SP_UNIT_MINUTES && rough > 20)
    {
      for (guint i = 0; i < G_N_ELEMENTS (minute_steps); i++)
        if (minute_steps[i] >= rough)
          return minute_steps[i];
      return ceil (rough / 1440) * 1440;
    }

  magnitude = pow (10, floor (log10 (rough)));
  fraction = rough / magnitude;

  if (fraction <= 1)
    nice = 1;
  else if (fraction <= 2)
    nice = 2;
  else if (fraction <= 2.5 && !(unit != SP_UNIT_SCORE && unit != SP_UNIT_CURRENCY &&
                                 unit != SP_UNIT_HOURS && magnitude < 10))
    nice = 2.5;
  else if (fraction <= 5)
    nice = 5;
  else
    nice = 10;

  if (unit == SP_UNIT_COUNT || unit == SP_UNIT_NPS)
    return MAX (1, nice * magnitude);

  return nice * magnitude;
}

char *
sp_chart_format_n (SpChartNoun noun,
                   gint64      n)
{
  g_autofree char *number = format_plain ((double) n, 0, FALSE);
  gulong ln = n < 0 ? 0 : (gulong) n;

  switch (noun)
    {
    case SP_CHART_NOUN_CONTACTS:
      /* TRANSLATORS: what a chart's point rests on, "12 contacts"; %s is a number */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s contact", "%s contacts", ln),
                              number);
    case SP_CHART_NOUN_ANSWERS:
      /* TRANSLATORS: what a chart's point rests on, "12 answers"; %s is a number */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s answer", "%s answers", ln),
                              number);
    case SP_CHART_NOUN_FIRST_CONTACTS:
      /* TRANSLATORS: what a chart's point rests on, "12 first contacts"; %s is a number */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s first contact",
                                           "%s first contacts", ln), number);
    case SP_CHART_NOUN_AVAILABLE_MINUTES:
      {
        g_autofree char *hours = format_plain (n / 60.0, 0, FALSE);

        /* TRANSLATORS: what a chart's point rests on, "40 hours available"; %s is a number */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s hour available",
                                             "%s hours available", (gulong) (n / 60)), hours);
      }
    case SP_CHART_NOUN_CUSTOMERS:
      /* TRANSLATORS: what a chart's point rests on, "120 customers"; %s is a number */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers", ln),
                              number);
    case SP_CHART_NOUN_NONE:
    default:
      return g_strdup_printf ("n = %s", number);
    }
}

/* Dates */

static char *
format_date (SpDate      date,
             const char *format)
{
  g_autoptr(GDateTime) dt = sp_time_to_date_time (sp_date_to_time (date));

  return g_date_time_format (dt, format);
}

/*
 * A period under a trend: short, and with its year where one is needed.
 * @typical_days is the usual length of the trend's periods, so that a
 * month cut short by the end of the range is still named as a month.
 */
char *
sp_chart_format_slot (const SpChartSlot *slot,
                      int                typical_days,
                      gboolean           with_year)
{
  if (typical_days >= 360)
    return format_date (slot->from, "%Y");

  if (typical_days >= 88)
    {
      int m;

      sp_date_to_ymd (slot->from, NULL, &m, NULL);
      if (with_year)
        {
          SpPeriod quarter = sp_period_make (sp_date_quarter_start (slot->from),
                                             sp_date_quarter_end (slot->from));

          return sp_period_format_short (&quarter);
        }
      /* TRANSLATORS: a quarter of a year under a chart, "Q2" */
      return g_strdup_printf (_("Q%d"), (m - 1) / 3 + 1);
    }

  if (typical_days >= 28)
    /* TRANSLATORS: a month under a chart; see g_date_time_format() */
    return format_date (slot->from, with_year ? _("%b %Y") : _("%b"));

  /* TRANSLATORS: a day under a chart; see g_date_time_format() */
  return format_date (slot->from, with_year ? _("%-d %b %Y") : _("%-d %b"));
}

/* The usual length of @slots, in days */
int
sp_chart_typical_days (GArray *slots)
{
  int longest = 1;

  /* the first and last may be cut short by the range: the longest is the usual one */
  for (guint i = 0; i < slots->len; i++)
    {
      const SpChartSlot *slot = &g_array_index (slots, SpChartSlot, i);

      longest = MAX (longest, slot->to - slot->from + 1);
    }

  return longest;
}

char *
sp_chart_weekday_name (int      weekday,
                       gboolean abbreviated)
{
  /* 2024-01-01 was a Monday */
  return format_date (sp_date_from_ymd (2024, 1, 1) + weekday, abbreviated ? "%a" : "%A");
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const SpChartSlot *sa = a, *sb = b;

  return (sa->from > sb->from) - (sa->from < sb->from);
}

/* The periods of every series, in order, each once */
GArray *
sp_chart_collect_slots (SpChart *self)
{
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (SpChartSlot));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < self->series->len; i++)
    {
      SpChartSeries *s = g_ptr_array_index (self->series, i);

      for (guint j = 0; j < s->points->len; j++)
        {
          SpChartPoint *p = &g_array_index (s->points, SpChartPoint, j);
          SpChartSlot slot = { p->from, p->to };

          if (g_hash_table_add (seen, GINT_TO_POINTER (p->from)))
            g_array_append_val (slots, slot);
        }
    }

  g_array_sort (slots, compare_slots);
  return slots;
}

guint
sp_chart_find_slot (GArray *slots,
                    SpDate  from)
{
  guint lo = 0, hi = slots->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (slots, SpChartSlot, mid).from < from)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Words */

static char *
format_interval (SpChart *self,
                 double   lower,
                 double   upper)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (!isfinite (lower) || !isfinite (upper))
    return NULL;

  a = sp_chart_format_number (self->unit, lower, -1);
  b = sp_chart_format_number (self->unit, upper, -1);
  /* TRANSLATORS: a 95 % interval, "80 %–89 %" */
  return g_strdup_printf (_("%s–%s"), a, b);
}

/* "December 2026", "December 2026, so far", "10 November – 7 December 2026, so far" */
static char *
format_point_period (const SpChartPoint *p)
{
  SpPeriod days = p->basis.to != 0 ? p->basis : sp_period_make (p->from, p->to);

  return p->partial ? sp_period_format_so_far (&days) : sp_period_format (&days);
}

static void
describe_point (SpChart            *self,
                GString            *out,
                const SpChartPoint *p,
                gboolean            guide)
{
  g_autofree char *value = sp_chart_format_value (self, p->value);
  g_autofree char *interval = format_interval (self, p->lower, p->upper);
  g_autofree char *n = sp_chart_format_n (self->noun, p->n);

  g_string_append (out, value);
  if (guide)
    return;
  if (interval != NULL)
    /* TRANSLATORS: read out after a value: its 95 % interval, "80 %–89 %" */
    g_string_append_printf (out, _(" (95 %% interval %s)"), interval);
  if (self->noun != SP_CHART_NOUN_NONE || p->n > 0)
    g_string_append_printf (out, ", %s", n);
  if (self->min_n > 0 && p->n < self->min_n && isfinite (p->value))
    g_string_append_printf (out, "\n%s", _("Few to go on: read with care"));
}

static const SpChartRow *
get_row (SpChart *self,
         guint    index)
{
  if (index >= self->rows->len)
    return NULL;
  return &g_array_index (self->rows, SpChartRow, index);
}

static double
parts_total (const SpChartRow *row)
{
  return row->parts[0] + row->parts[1] + row->parts[2];
}

/* What hovering @item shows, or NULL */
char *
sp_chart_dup_tooltip (SpChart           *self,
                      const SpChartItem *item)
{
  g_autoptr(GString) out = NULL;
  const SpChartRow *row;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  out = g_string_new (NULL);

  switch (item->kind)
    {
    case SP_CHART_ITEM_POINT:
      {
        SpChartSeries *s;
        const SpChartPoint *p;
        g_autofree char *period = NULL;

        if (item->series >= self->series->len)
          return NULL;
        s = g_ptr_array_index (self->series, item->series);
        if (item->index >= s->points->len)
          return NULL;
        p = &g_array_index (s->points, SpChartPoint, item->index);

        period = format_point_period (p);
        if (s->label && *s->label && self->series->len > 1)
          g_string_append_printf (out, "%s · ", s->label);
        g_string_append_printf (out, "%s\n", period);
        if (isfinite (p->value))
          describe_point (self, out, p, s->guide);
        else
          g_string_append (out, _("No value"));
      }
      break;

    case SP_CHART_ITEM_BAR:
      if (!(row = get_row (self, item->index)))
        return NULL;
      {
        g_autofree char *value = sp_chart_format_value (self, row->value);
        g_autofree char *n = sp_chart_format_n (self->noun, row->n);

        g_string_append_printf (out, "%s\n%s", row->label, value);
        if (isfinite (row->target))
          {
            g_autofree char *target = sp_chart_format_value (self, row->target);

            /* TRANSLATORS: read out after a value: its target, "1 min" */
            g_string_append_printf (out, _(" (target %s)"), target);
          }
        if (self->noun != SP_CHART_NOUN_NONE)
          g_string_append_printf (out, ", %s", n);
        if (row->status == SP_STATUS_TOO_FEW && isfinite (row->value))
          g_string_append_printf (out, "\n%s", sp_status_get_label (row->status));
      }
      break;

    case SP_CHART_ITEM_PART:
      if (!(row = get_row (self, item->index)) || item->part > 2)
        return NULL;
      {
        double total = parts_total (row);
        g_autofree char *count = format_plain (row->parts[item->part], 0, FALSE);
        g_autofree char *all = format_plain (total, 0, FALSE);
        g_autofree char *share = sp_chart_format_number (SP_UNIT_PERCENT,
                                                         total > 0 ? 100 * row->parts[item->part]
                                                                     / total : NAN, 0);

        /* TRANSLATORS: "March 2026\nPromoters: 120 of 300 (40 %)" */
        g_string_append_printf (out, _("%s\n%s: %s of %s (%s)"), row->label,
                                self->part_labels[item->part], count, all, share);
        if (row->status == SP_STATUS_TOO_FEW && isfinite (row->value))
          g_string_append_printf (out, "\n%s", sp_status_get_label (row->status));
      }
      break;

    case SP_CHART_ITEM_CELL:
      if (item->series > 6 || item->index > 23)
        return NULL;
      {
        g_autofree char *day = sp_chart_weekday_name (item->series, FALSE);
        g_autofree char *n = sp_chart_format_n (SP_CHART_NOUN_CONTACTS,
                                                self->heat[item->series][item->index]);

        /* TRANSLATORS: "Tuesday 10:00–11:00\n12 contacts" */
        g_string_append_printf (out, _("%s %02u:00–%02u:00\n%s"), day, item->index,
                                (item->index + 1) % 24, n);
      }
      break;

    default:
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
describe_series (SpChart       *self,
                 GString       *out,
                 SpChartSeries *s)
{
  const SpChartPoint *last = NULL;
  double lo = INFINITY, hi = -INFINITY;

  for (guint j = 0; j < s->points->len; j++)
    {
      const SpChartPoint *p = &g_array_index (s->points, SpChartPoint, j);

      if (!isfinite (p->value))
        continue;
      last = p;
      lo = MIN (lo, p->value);
      hi = MAX (hi, p->value);
    }

  if (s->label && *s->label)
    g_string_append_printf (out, "%s: ", s->label);

  if (last == NULL)
    {
      g_string_append (out, _("no values. "));
      return;
    }

  {
    g_autofree char *period = format_point_period (last);
    g_autofree char *value = sp_chart_format_value (self, last->value);
    g_autofree char *low = sp_chart_format_value (self, lo);
    g_autofree char *high = sp_chart_format_value (self, hi);

    /* TRANSLATORS: "latest 86 % (March 2026), lowest 71 %, highest 90 %. " */
    g_string_append_printf (out, _("latest %s (%s), lowest %s, highest %s. "),
                            value, period, low, high);
  }
}

/*
 * The chart in words, for screen readers: what it shows and its key
 * numbers.
 */
char *
sp_chart_describe (SpChart *self)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  if (self->title)
    g_string_append_printf (out, "%s. ", self->title);

  if (sp_chart_is_empty (self))
    {
      g_string_append (out, self->empty_text ? self->empty_text : _("No data for this period"));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  switch (self->kind)
    {
    case SP_CHART_TREND:
    case SP_CHART_SPARKLINE:
      for (guint i = 0; i < self->series->len; i++)
        describe_series (self, out, g_ptr_array_index (self->series, i));
      for (guint i = 0; i < self->bands->len; i++)
        {
          SpChartBand *band = &g_array_index (self->bands, SpChartBand, i);
          g_autofree char *from = sp_chart_format_value (self, band->from);
          g_autofree char *to = sp_chart_format_value (self, band->to);

          if (band->label == NULL)
            continue;
          if (isinf (band->from))
            /* TRANSLATORS: read out for a chart: a point, and the threshold it is below */
            g_string_append_printf (out, _("%s below %s. "), band->label, to);
          else if (isinf (band->to))
            /* TRANSLATORS: read out for a chart: a band's name, and where it starts */
            g_string_append_printf (out, _("%s from %s. "), band->label, from);
          else
            /* TRANSLATORS: read out for a chart: a band's name, where it starts and where it
             * ends */
            g_string_append_printf (out, _("%s from %s to %s. "), band->label, from, to);
        }
      break;

    case SP_CHART_BARS:
    case SP_CHART_TARGETS:
      for (guint i = 0; i < self->rows->len; i++)
        {
          const SpChartRow *row = get_row (self, i);
          g_autofree char *value = sp_chart_format_value (self, row->value);

          g_string_append_printf (out, "%s %s", row->label, value);
          if (isfinite (row->target))
            {
              g_autofree char *target = sp_chart_format_value (self, row->target);

              /* TRANSLATORS: read out after a value: its target, "1 min" */
              g_string_append_printf (out, _(" (target %s)"), target);
            }
          if (self->noun != SP_CHART_NOUN_NONE && self->unit != SP_UNIT_COUNT)
            {
              g_autofree char *n = sp_chart_format_n (self->noun, row->n);

              g_string_append_printf (out, ", %s", n);
            }
          if (row->status == SP_STATUS_TOO_FEW && isfinite (row->value))
            g_string_append_printf (out, " (%s)", sp_status_get_label (row->status));
          g_string_append (out, i + 1 < self->rows->len ? "; " : ". ");
        }
      break;

    case SP_CHART_STACKED:
      for (guint i = 0; i < self->rows->len; i++)
        {
          const SpChartRow *row = get_row (self, i);
          double total = parts_total (row);
          g_autofree char *value = sp_chart_format_value (self, row->value);

          if (total <= 0)
            continue;

          if (row->status == SP_STATUS_TOO_FEW && isfinite (row->value))
            {
              g_autofree char *n = sp_chart_format_n (self->noun, row->n);

              /* TRANSLATORS: a row on too few answers, "May 2026 +50 (4 answers, Too few to judge): " */
              g_string_append_printf (out, _("%s %s (%s, %s): "), row->label, value, n,
                                      sp_status_get_label (row->status));
            }
          else
            g_string_append_printf (out, "%s %s: ", row->label, value);
          for (guint p = 3; p-- > 0;)
            {
              g_autofree char *share = sp_chart_format_number (SP_UNIT_PERCENT,
                                                               100 * row->parts[p] / total, 0);

              g_string_append_printf (out, "%s %s%s", share, self->part_labels[p],
                                      p > 0 ? ", " : ". ");
            }
        }
      break;

    case SP_CHART_HEATMAP:
      {
        gint64 total = 0, best = -1;
        guint best_day = 0, best_hour = 0;

        for (guint d = 0; d < 7; d++)
          for (guint h = 0; h < 24; h++)
            {
              total += self->heat[d][h];
              if (self->heat[d][h] > best)
                best = self->heat[d][h], best_day = d, best_hour = h;
            }

        {
          g_autofree char *day = sp_chart_weekday_name (best_day, FALSE);
          g_autofree char *n = sp_chart_format_n (SP_CHART_NOUN_CONTACTS, best);
          g_autofree char *all = sp_chart_format_n (SP_CHART_NOUN_CONTACTS, total);

          /* TRANSLATORS: "Busiest hour: Tuesday 10:00, 12 contacts, of 480 contacts." */
          g_string_append_printf (out, _("Busiest hour: %s %02u:00, %s, of %s."),
                                  day, best_hour, n, all);
        }
      }
      break;

    default:
      break;
    }

  g_strchomp (out->str);
  out->len = strlen (out->str);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Layouts */

void
sp_chart_layout_free (SpChartLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_pointer (&layout->value_ticks, g_array_unref);
  g_clear_pointer (&layout->label_ticks, g_array_unref);
  g_clear_pointer (&layout->bands, g_array_unref);
  g_clear_pointer (&layout->lines, g_array_unref);
  g_clear_pointer (&layout->items, g_array_unref);
  g_free (layout);
}

/* Where @value falls on the value axis: a y for trends, an x for bars */
double
sp_chart_layout_value_to_position (const SpChartLayout *layout,
                                   double               value)
{
  double t;

  g_return_val_if_fail (layout != NULL, 0);

  if (layout->max <= layout->min)
    t = 0.5;
  else
    t = (value - layout->min) / (layout->max - layout->min);

  if (layout->horizontal)
    return layout->plot.x + t * layout->plot.width;

  return layout->plot.y + layout->plot.height - t * layout->plot.height;
}

static gboolean
rect_contains (const cairo_rectangle_t *r,
               double                   x,
               double                   y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

/*
 * The item under (@x, @y), or NULL.  Of several points in the same
 * column, the nearest.
 */
const SpChartItem *
sp_chart_layout_hit (const SpChartLayout *layout,
                     double               x,
                     double               y)
{
  const SpChartItem *best = NULL;
  double best_distance = INFINITY;

  g_return_val_if_fail (layout != NULL, NULL);

  if (layout->items == NULL)
    return NULL;

  for (guint i = 0; i < layout->items->len; i++)
    {
      const SpChartItem *item = &g_array_index (layout->items, SpChartItem, i);
      double distance;

      if (!rect_contains (&item->area, x, y))
        continue;

      if (item->kind != SP_CHART_ITEM_POINT)
        return item;

      distance = hypot (item->x - x, item->y - y);
      if (distance < best_distance)
        best = item, best_distance = distance;
    }

  return best;
}
