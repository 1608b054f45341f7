/* sp-kpi-card.c
 *
 * One KPI at a glance: its value, what it rests on, its status from the
 * benchmark band (a colour, an icon and a word), the change since the
 * previous period (an arrow coloured by whether it is good news) and a
 * sparkline of the last periods.  Clicking it opens the KPI's page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-kpi-card"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-chart-view.h"
#include "sp-kpi-card.h"
#include "sp-kpi-charts.h"

struct _SpKpiCard
{
  GtkButton    parent_instance;

  SpKpi        kpi;

  GtkLabel    *name_label;
  GtkWidget   *status_box;
  GtkImage    *status_icon;
  GtkLabel    *status_label;
  GtkLabel    *value_label;
  GtkLabel    *detail_label;
  GtkWidget   *change_box;
  GtkImage    *change_icon;
  GtkLabel    *change_label;
  GtkLabel    *compare_label;
  SpChartView *sparkline;
  char        *note;
};

G_DEFINE_FINAL_TYPE (SpKpiCard, sp_kpi_card, GTK_TYPE_BUTTON)

static const char *status_classes[] = { "none", "act", "watch", "good", "excellent", "too-few" };

GtkWidget *
sp_kpi_card_new (SpKpi kpi)
{
  SpKpiCard *self = g_object_new (SP_TYPE_KPI_CARD, NULL);

  self->kpi = kpi;
  gtk_label_set_label (self->name_label, sp_kpi_get_short_name (kpi));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), sp_kpi_get_name (kpi));
  gtk_widget_set_name (GTK_WIDGET (self), sp_kpi_to_key (kpi));
  sp_kpi_card_set_values (self, NULL, NULL, NULL, NULL);

  return GTK_WIDGET (self);
}

SpKpi
sp_kpi_card_get_kpi (SpKpiCard *self)
{
  g_return_val_if_fail (SP_IS_KPI_CARD (self), SP_KPI_CSAT);
  return self->kpi;
}

const char *
sp_kpi_card_get_value_text (SpKpiCard *self)
{
  g_return_val_if_fail (SP_IS_KPI_CARD (self), NULL);
  return gtk_label_get_label (self->value_label);
}

const char *
sp_kpi_card_get_change_text (SpKpiCard *self)
{
  g_return_val_if_fail (SP_IS_KPI_CARD (self), NULL);
  return gtk_label_get_label (self->change_label);
}

/* What the change is against: "vs 1 – 7 Nov 2026" */
const char *
sp_kpi_card_get_compare_text (SpKpiCard *self)
{
  g_return_val_if_fail (SP_IS_KPI_CARD (self), NULL);
  return gtk_label_get_label (self->compare_label);
}

const char *
sp_kpi_card_get_status_text (SpKpiCard *self)
{
  g_return_val_if_fail (SP_IS_KPI_CARD (self), NULL);
  return gtk_widget_get_visible (self->status_box) ? gtk_label_get_label (self->status_label)
                                                    : "";
}

static void
set_class (GtkWidget   *widget,
           const char  *prefix,
           const char **names,
           guint        n_names,
           const char  *name)
{
  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *css = g_strconcat (prefix, names[i], NULL);

      if (g_strcmp0 (names[i], name) == 0)
        gtk_widget_add_css_class (widget, css);
      else
        gtk_widget_remove_css_class (widget, css);
    }
}

/* An interval with its unit once: "71–86 %", "44–70 min", "−22 – +64" */
static char *
format_interval (SpKpi       kpi,
                 double      lower,
                 double      upper,
                 const char *currency)
{
  SpUnit unit = sp_kpi_get_unit (kpi);
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  switch (unit)
    {
    case SP_UNIT_PERCENT:
      /* whole points are as precise as a 95 % interval deserves */
      lo = sp_chart_format_number (SP_UNIT_COUNT, round (lower), 0);
      hi = sp_chart_format_number (SP_UNIT_PERCENT, round (upper), 0);
      break;

    case SP_UNIT_MINUTES:
      if (upper < 120)
        {
          lo = sp_chart_format_number (SP_UNIT_SCORE, lower, upper < 10 ? 1 : 0);
          hi = sp_chart_format_number (SP_UNIT_MINUTES, upper, upper < 10 ? 1 : 0);
          break;
        }
      G_GNUC_FALLTHROUGH;

    case SP_UNIT_HOURS:
    case SP_UNIT_SCORE:
    case SP_UNIT_COUNT:
    case SP_UNIT_CURRENCY:
    default:
      lo = sp_kpi_format_value (kpi, lower, currency);
      hi = sp_kpi_format_value (kpi, upper, currency);
      break;

    case SP_UNIT_NPS:
      lo = sp_chart_format_number (SP_UNIT_NPS, lower, 0);
      hi = sp_chart_format_number (SP_UNIT_NPS, upper, 0);
      /* TRANSLATORS: an interval of scores that may be negative, "−22 – +64" */
      return g_strdup_printf (_("%s – %s"), lo, hi);
    }

  /* TRANSLATORS: an interval, "71–86 %" */
  return g_strdup_printf (_("%s–%s"), lo, hi);
}

static char *
format_detail (SpKpi             kpi,
               const SpKpiValue *value,
               const char       *currency)
{
  g_autofree char *n = NULL;

  if (value != NULL && isnan (value->value) &&
      (kpi == SP_KPI_CHURN || kpi == SP_KPI_COST_PER_CONTACT))
    return g_strdup (_("Counted over whole months"));

  if (value == NULL || (isnan (value->value) && value->n == 0))
    return g_strdup (_("No data for this period"));

  n = sp_kpi_format_n (kpi, value->n);

  if (isfinite (value->lower) && isfinite (value->upper))
    {
      g_autofree char *interval = format_interval (kpi, value->lower, value->upper,
                                                        currency);

      /* TRANSLATORS: a 95 % interval and what it rests on, "80–89 % · 412 answers" */
      return g_strdup_printf (_("%s · %s"), interval, n);
    }

  if (kpi == SP_KPI_CONTACTS || kpi == SP_KPI_BACKLOG)
    return g_strdup ("");

  return g_steal_pointer (&n);
}

void
sp_kpi_card_set_note (SpKpiCard  *self,
                      const char *note)
{
  g_return_if_fail (SP_IS_KPI_CARD (self));

  g_free (self->note);
  self->note = g_strdup (note);
}

/*
 * Shows @current, and its change since @previous (either may be NULL),
 * "vs @previous_label"; money with @currency, the shop's symbol
 * (sp_kpi_set_get_currency() of the figures).
 */
void
sp_kpi_card_set_values (SpKpiCard        *self,
                        const SpKpiValue *current,
                        const SpKpiValue *previous,
                        const char       *previous_label,
                        const char       *currency)
{
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *change = NULL;
  g_autofree char *compare = NULL;
  g_autofree char *spoken = NULL;
  SpStatus status = current ? current->status : SP_STATUS_NONE;
  const char *change_class = "neutral";
  const char *icon = NULL;
  g_autofree char *status_text = g_strdup ("");

  g_return_if_fail (SP_IS_KPI_CARD (self));

  value = current && isfinite (current->value) ? sp_kpi_format_value (self->kpi, current->value,
                                                                     currency)
                                                : g_strdup ("—");
  detail = format_detail (self->kpi, current, currency);
  if (self->note != NULL && current != NULL && isfinite (current->value))
    {
      char *noted = *detail ? g_strdup_printf ("%s · %s", detail, self->note)
                            : g_strdup (self->note);

      g_free (detail);
      detail = noted;
    }
  /* the note must be read whole, never cut to "in openi…" */
  gtk_label_set_wrap (self->detail_label, self->note != NULL);
  gtk_label_set_ellipsize (self->detail_label,
                           self->note != NULL ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_label_set_label (self->value_label, value);
  gtk_label_set_label (self->detail_label, detail);

  /* status: never by colour alone */
  if (sp_kpi_has_status (self->kpi) && status != SP_STATUS_NONE)
    {
      g_free (status_text);
      status_text = sp_kpi_format_status_of (self->kpi, current);
      gtk_image_set_from_icon_name (self->status_icon, sp_status_get_icon_name (status));
      gtk_label_set_label (self->status_label, status_text);
      gtk_widget_set_visible (self->status_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->status_box, FALSE);

  set_class (GTK_WIDGET (self), "status-", status_classes, G_N_ELEMENTS (status_classes),
             status_classes[status]);

  /* the change since the previous period */
  if (current && previous && isfinite (current->value) && isfinite (previous->value))
    {
      double delta = current->value - previous->value;

      change = sp_kpi_format_change_or_none (self->kpi, previous->value, current->value,
                                             currency);
      if (fabs (delta) < 1e-9 ||
          sp_kpi_change_is_none (self->kpi, previous->value, current->value))
        icon = NULL;
      else
        icon = delta > 0 ? "go-up-symbolic" : "go-down-symbolic";

      if (icon != NULL && sp_kpi_get_direction (self->kpi) != SP_DIRECTION_NEUTRAL)
        change_class = sp_kpi_change_is_good (self->kpi, previous->value, current->value)
                         ? "good" : "bad";

      /* TRANSLATORS: after a change, "vs February 2026" */
      compare = previous_label ? g_strdup_printf (_("vs %s"), previous_label) : g_strdup ("");
    }
  else
    {
      change = g_strdup ("");
      compare = g_strdup (current && isfinite (current->value)
                            ? _("Nothing to compare with") : "");
    }

  gtk_label_set_label (self->change_label, change);
  gtk_label_set_label (self->compare_label, compare);
  gtk_image_set_from_icon_name (self->change_icon, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->change_icon), icon != NULL);
  {
    static const char *changes[] = { "good", "bad", "neutral" };

    set_class (self->change_box, "", changes, G_N_ELEMENTS (changes), change_class);
  }

  /* TRANSLATORS: what a screen reader says of a card: "CSAT: 86 %, Good. +3.2 pts vs
   * February 2026. 80 %–89 % · 412 answers" */
  spoken = g_strdup_printf (_("%s: %s%s%s. %s %s. %s"), sp_kpi_get_name (self->kpi), value,
                            *status_text ? ", " : "", status_text, change, compare, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
}

/* Says what the value rests on in other words than its n (the backlog's age) */
void
sp_kpi_card_set_detail (SpKpiCard  *self,
                        const char *detail)
{
  g_return_if_fail (SP_IS_KPI_CARD (self));

  gtk_label_set_label (self->detail_label, detail ? detail : "");
  /* the whole line, where the card is too narrow for it */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_label), detail && *detail ? detail : NULL);
}

void
sp_kpi_card_set_sparkline (SpKpiCard *self,
                           SpChart   *chart)
{
  g_return_if_fail (SP_IS_KPI_CARD (self));

  sp_chart_view_set_chart (self->sparkline, chart);
}

static void
sp_kpi_card_finalize (GObject *object)
{
  SpKpiCard *self = SP_KPI_CARD (object);

  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (sp_kpi_card_parent_class)->finalize (object);
}

static void
sp_kpi_card_class_init (SpKpiCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sp_kpi_card_finalize;

  g_type_ensure (SP_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-kpi-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, status_box);
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, status_icon);
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, detail_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, change_box);
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, change_icon);
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, change_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, compare_label);
  gtk_widget_class_bind_template_child (widget_class, SpKpiCard, sparkline);
}

static void
sp_kpi_card_init (SpKpiCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
