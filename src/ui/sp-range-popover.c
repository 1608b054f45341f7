/* sp-range-popover.c
 *
 * Any days, chosen as a first and a last day in two calendars.  Each time
 * it opens it shows the period it was given; the days chosen go out in
 * the "apply" signal, and only a first day that is not after the last.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-range-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-range-popover.h"

struct _SpRangePopover
{
  GtkPopover   parent_instance;

  SpPeriod     period;

  /* template */
  GtkCalendar *from_calendar;
  GtkCalendar *to_calendar;
  GtkLabel    *hint_label;
  GtkButton   *apply_button;
};

G_DEFINE_FINAL_TYPE (SpRangePopover, sp_range_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_APPLY_LABEL,
  N_PROPS
};

enum {
  APPLY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
sp_range_popover_new (void)
{
  return g_object_new (SP_TYPE_RANGE_POPOVER, NULL);
}

void
sp_range_popover_set_period (SpRangePopover *self,
                             const SpPeriod *period)
{
  g_return_if_fail (SP_IS_RANGE_POPOVER (self));
  g_return_if_fail (period != NULL);

  self->period = *period;
}

void
sp_range_popover_get_period (SpRangePopover *self,
                             SpPeriod       *period)
{
  g_return_if_fail (SP_IS_RANGE_POPOVER (self));
  g_return_if_fail (period != NULL);

  *period = self->period;
}

static SpDate
calendar_date (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  return sp_date_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                           g_date_time_get_day_of_month (dt));
}

static void
calendar_select (GtkCalendar *calendar,
                 SpDate       date)
{
  g_autoptr(GDateTime) dt = sp_time_to_date_time (sp_date_to_time (date));

  gtk_calendar_select_day (calendar, dt);
}

static void
days_changed_cb (SpRangePopover *self)
{
  SpDate from = calendar_date (self->from_calendar);
  SpDate to = calendar_date (self->to_calendar);
  g_autofree char *text = NULL;

  g_assert (SP_IS_RANGE_POPOVER (self));

  if (from > to)
    {
      gtk_label_set_label (self->hint_label, _("The first day comes after the last."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", to - from + 1),
                          to - from + 1);
  gtk_label_set_label (self->hint_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), TRUE);
}

static void
apply_clicked_cb (SpRangePopover *self)
{
  SpDate from = calendar_date (self->from_calendar);
  SpDate to = calendar_date (self->to_calendar);
  SpPeriod days;

  g_assert (SP_IS_RANGE_POPOVER (self));

  if (from > to)
    return;

  days = sp_period_make (from, to);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[APPLY], 0, &days);
}

static void
sp_range_popover_show (GtkWidget *widget)
{
  SpRangePopover *self = SP_RANGE_POPOVER (widget);

  GTK_WIDGET_CLASS (sp_range_popover_parent_class)->show (widget);

  calendar_select (self->from_calendar, self->period.from);
  calendar_select (self->to_calendar, self->period.to);
  days_changed_cb (self);
}

static void
sp_range_popover_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SpRangePopover *self = SP_RANGE_POPOVER (object);

  switch (prop_id)
    {
    case PROP_APPLY_LABEL:
      g_value_set_string (value, gtk_button_get_label (self->apply_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_range_popover_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SpRangePopover *self = SP_RANGE_POPOVER (object);

  switch (prop_id)
    {
    case PROP_APPLY_LABEL:
      gtk_button_set_label (self->apply_button, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_range_popover_class_init (SpRangePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sp_range_popover_get_property;
  object_class->set_property = sp_range_popover_set_property;

  widget_class->show = sp_range_popover_show;

  /* the button's label with its mnemonic: what choosing the days does where it opens */
  properties[PROP_APPLY_LABEL] =
    g_param_spec_string ("apply-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpRangePopover::apply:
   * @period: (type gpointer): the days chosen, a `const SpPeriod *`
   *
   * Emitted when the days chosen are applied, after the popover has closed.
   */
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-range-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, SpRangePopover, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, SpRangePopover, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, SpRangePopover, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SpRangePopover, apply_button);
}

static void
sp_range_popover_init (SpRangePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->period = sp_period_make (sp_date_today (), sp_date_today ());

  g_signal_connect_object (self->from_calendar, "day-selected", G_CALLBACK (days_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_calendar, "day-selected", G_CALLBACK (days_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->apply_button, "clicked", G_CALLBACK (apply_clicked_cb), self,
                           G_CONNECT_SWAPPED);
}
