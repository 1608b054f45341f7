/* sp-range-popover.c
 *
 * Any days, chosen as a first and a last day in two calendars, or typed
 * as the locale writes them above each.  Each time
 * it opens it shows the period it was given; the days chosen go out in
 * the "apply" signal, and only a first day that is not after the last.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-range-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-range-popover.h"
#include "sp-widget.h"

struct _SpRangePopover
{
  GtkPopover   parent_instance;

  SpPeriod     period;

  /* template */
  GtkEntry    *from_entry;
  GtkEntry    *to_entry;
  GtkCalendar *from_calendar;
  GtkCalendar *to_calendar;
  guint        syncing;
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

/* The days as typed: FALSE, and the hint says why, when one is not a day */
static gboolean
typed_days (SpRangePopover *self,
            SpDate         *from,
            SpDate         *to)
{
  g_autofree char *reason = NULL;

  if (!sp_widget_get_date_entry (GTK_WIDGET (self->from_entry), from, &reason) ||
      !sp_widget_get_date_entry (GTK_WIDGET (self->to_entry), to, &reason))
    {
      gtk_label_set_label (self->hint_label, reason);
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
      return FALSE;
    }

  return TRUE;
}

static void
days_changed_cb (SpRangePopover *self)
{
  SpDate from = calendar_date (self->from_calendar);
  SpDate to = calendar_date (self->to_calendar);
  g_autofree char *text = NULL;

  g_assert (SP_IS_RANGE_POPOVER (self));

  /* the calendars write what they show into the fields */
  if (self->syncing == 0)
    {
      self->syncing++;
      sp_widget_set_date_entry (GTK_WIDGET (self->from_entry), from);
      sp_widget_set_date_entry (GTK_WIDGET (self->to_entry), to);
      self->syncing--;
    }

  if (!typed_days (self, &from, &to))
    return;

  if (from > to)
    {
      gtk_label_set_label (self->hint_label, _("The first day comes after the last."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
      return;
    }

  /* TRANSLATORS: the length of a range of days */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", to - from + 1),
                          to - from + 1);
  gtk_label_set_label (self->hint_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), TRUE);
}

/* A day typed shows in its calendar */
static void
entry_changed_cb (SpRangePopover *self,
                  GtkEntry       *entry)
{
  GtkCalendar *calendar = entry == self->from_entry ? self->from_calendar : self->to_calendar;
  SpDate day;

  if (self->syncing > 0)
    return;

  /* what is being typed stays as it is */
  self->syncing++;
  if (sp_widget_get_date_entry (GTK_WIDGET (entry), &day, NULL))
    calendar_select (calendar, day);
  days_changed_cb (self);
  self->syncing--;
}

static void
apply_clicked_cb (SpRangePopover *self)
{
  SpDate from, to;
  SpPeriod days;

  g_assert (SP_IS_RANGE_POPOVER (self));

  if (!typed_days (self, &from, &to) || from > to)
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

  self->syncing++;
  calendar_select (self->from_calendar, self->period.from);
  calendar_select (self->to_calendar, self->period.to);
  self->syncing--;
  sp_widget_set_date_entry (GTK_WIDGET (self->from_entry), self->period.from);
  sp_widget_set_date_entry (GTK_WIDGET (self->to_entry), self->period.to);
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
  gtk_widget_class_bind_template_child (widget_class, SpRangePopover, from_entry);
  gtk_widget_class_bind_template_child (widget_class, SpRangePopover, to_entry);
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

  for (guint i = 0; i < 2; i++)
    {
      GtkEntry *entry = i == 0 ? self->from_entry : self->to_entry;

      sp_widget_setup_date_entry (GTK_WIDGET (entry));
      g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), self,
                               G_CONNECT_SWAPPED);
      /* Enter applies, as the button does */
      g_signal_connect_object (entry, "activate", G_CALLBACK (apply_clicked_cb), self,
                               G_CONNECT_SWAPPED);
    }
}
