/* sp-date-time-row.c
 *
 * A date and time typed as the locale writes it or in ISO, with what people
 * type when they are in a hurry (sp_date_input_parse_time()): "now", a time
 * of day ("14:05", on the day of the base time), "yesterday 17:00", or "+5"
 * (minutes after the base time, e.g. when the contact was received).  The
 * row shows the result in the user's locale, or how long after the base
 * time it is, and has Now, +5 min and calendar helpers for the mouse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-date-time-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-date-input.h"
#include "sp-date-time-row.h"
#include "sp-parse.h"
#include "sp-widget.h"

struct _SpDateTimeRow
{
  AdwEntryRow     parent_instance;

  SpTime          time;
  SpTime          base_time;
  char           *error;
  char           *replacement;   /* the text being set, while it is */

  GtkLabel       *info_label;
  GtkButton      *now_button;
  GtkButton      *plus_button;
  GtkMenuButton  *calendar_button;
  GtkCalendar    *calendar;
  guint           in_calendar : 1;
};

G_DEFINE_FINAL_TYPE (SpDateTimeRow, sp_date_time_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_TIME,
  PROP_BASE_TIME,
  PROP_ERROR,
  PROP_SHOW_PLUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SpTime
now_minute (void)
{
  SpTime now = sp_time_now ();

  return now - now % 60;
}

static gboolean
parse_minutes (const char *str,
               double     *minutes)
{
  g_autofree char *copy = g_strstrip (g_strdup (str));
  double factor = 1;
  gsize len = strlen (copy);

  if (len > 0 && (copy[len - 1] == 'h' || copy[len - 1] == 'H'))
    {
      factor = 60;
      copy[--len] = '\0';
    }
  else if (g_str_has_suffix (copy, "min"))
    {
      len -= 3;
      copy[len] = '\0';
    }
  else if (len > 0 && (copy[len - 1] == 'm' || copy[len - 1] == 'M'))
    {
      copy[--len] = '\0';
    }

  if (!sp_parse_double (copy, minutes, NULL) || *minutes < 0)
    return FALSE;

  *minutes *= factor;
  return TRUE;
}

/**
 * sp_date_time_parse_input:
 * @base: what "+N" minutes and a bare time of day refer to, or SP_TIME_NONE
 *
 * Reads what was typed in a date and time field, as
 * sp_date_input_parse_time() does.  With a base time (the contact's
 * reception), "+5", "+5 min" or "+1.5h" is that long after it and a time of
 * day alone is on its day; without one, "+N" and "-N" are days from today.
 * Blank is not an error (@time becomes SP_TIME_NONE); whether a time is
 * required is the record's rule.
 */
gboolean
sp_date_time_parse_input (const char  *text,
                          SpTime       base,
                          SpTime      *time,
                          char       **reason)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));

  *time = SP_TIME_NONE;

  if (*clean == '\0')
    return TRUE;

  /* without a base, "+3" is days from today, but "+10 min" still minutes from now */
  if (clean[0] == '+' &&
      (base != SP_TIME_NONE || strspn (clean + 1, "0123456789 dDays") != strlen (clean + 1)))
    {
      double minutes;

      if (base == SP_TIME_NONE)
        base = now_minute ();

      if (!parse_minutes (clean + 1, &minutes))
        {
          if (reason)
            /* TRANSLATORS: %s is what was typed */
            *reason = g_strdup_printf (_("“%s” is not a number of minutes, such as +5"), clean);
          return FALSE;
        }

      *time = base + (SpTime) (minutes * 60 + 0.5);
      return sp_time_check_range (*time, reason);
    }

  return sp_date_input_parse_time (clean, SP_TIME_NONE,
                                   base != SP_TIME_NONE ? sp_time_to_date (base) : SP_DATE_NONE,
                                   time, reason);
}

static char *
format_after (SpTime seconds)
{
  int minutes = (int) MIN (seconds / 60, G_MAXINT / 2);

  if (seconds < 0)
    return g_strdup (_("before"));
  if (seconds < 60)
    return g_strdup (_("under 1 min later"));
  if (minutes < 60)
    /* TRANSLATORS: how long after the contact was received */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min later", "%d min later",
                                         minutes), minutes);
  if (minutes < 48 * 60)
    /* TRANSLATORS: hours and minutes after the contact was received */
    return g_strdup_printf (_("%d h %02d min later"), minutes / 60, minutes % 60);
  /* TRANSLATORS: how many days after the contact was received */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day later", "%d days later",
                                       minutes / 1440), minutes / 1440);
}

static void
update_info (SpDateTimeRow *self)
{
  g_autofree char *info = NULL;
  g_autofree char *full = NULL;

  if (self->time == SP_TIME_NONE)
    {
      g_autofree char *example = NULL;

      /* while blank, how a time is typed here */
      if (self->error == NULL && *gtk_editable_get_text (GTK_EDITABLE (self)) == '\0' &&
          self->base_time != SP_TIME_NONE)
        {
          g_autofree char *sample = sp_date_input_format_time_of_day (14 * 3600);

          /* TRANSLATORS: shown in an empty field for a time after the contact was received:
           * "e.g. +5 or 14:00" */
          example = g_strdup_printf (_("e.g. +5 or %s"), sample);
        }
      else if (self->error == NULL && *gtk_editable_get_text (GTK_EDITABLE (self)) == '\0')
        {
          g_autofree char *sample = sp_date_input_example_time ();

          /* TRANSLATORS: shown in an empty date and time field: "e.g. 07.12.2026 14:00" */
          example = g_strdup_printf (_("e.g. %s"), sample);
        }
      gtk_label_set_label (self->info_label, example ? example : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->info_label), NULL);
      return;
    }

  full = sp_time_format_display (self->time);

  if (self->base_time != SP_TIME_NONE)
    info = format_after (self->time - self->base_time);
  else
    info = sp_widget_format_day_hint (sp_time_to_date (self->time));

  gtk_label_set_label (self->info_label, info);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->info_label), full);
}

static void
update_tooltip (SpDateTimeRow *self)
{
  g_autofree char *example = sp_date_input_example_time ();
  g_autofree char *tooltip = NULL;

  if (self->base_time != SP_TIME_NONE)
    /* TRANSLATORS: %s is today at 14:00 as the locale writes it */
    tooltip = g_strdup_printf (_("A date and time such as %s or 2026-12-31 14:00; a time of "
                                 "day alone, “now”, or “+5” for five minutes after the contact "
                                 "was received"), example);
  else
    /* TRANSLATORS: %s is today at 14:00 as the locale writes it */
    tooltip = g_strdup_printf (_("A date and time such as %s or 2026-12-31 14:00; a time of "
                                 "day alone, “now”, “yesterday 17:00”, or “-1” for this time "
                                 "a day ago"), example);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
}

static void
reparse (SpDateTimeRow *self)
{
  g_autofree char *reason = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  SpTime time = SP_TIME_NONE;
  SpTime old = self->time;
  gboolean had_error = self->error != NULL;

  g_clear_pointer (&self->error, g_free);

  if (!sp_date_time_parse_input (text, self->base_time, &time, &reason))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

      /* "Received is not a date…", "Received: 2026-02-30 is not a real calendar date" */
      if (g_str_has_prefix (reason, "is ") || g_str_has_prefix (reason, "has "))
        self->error = g_strdup_printf ("%s %s", title, reason);
      else
        self->error = g_strdup_printf ("%s: %s", title, reason);
      time = SP_TIME_NONE;
    }

  self->time = time;
  update_info (self);

  if (self->error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  if (old != self->time)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
  if (had_error || self->error != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
changed_cb (SpDateTimeRow *self)
{
  /* setting the text deletes the old one first: that empty moment is no change of
   * its own, and would make the form refuse to save while the pointer clicks Save */
  if (self->replacement != NULL &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), self->replacement) != 0)
    {
      g_signal_stop_emission_by_name (self, "changed");
      return;
    }

  reparse (self);
}

static void
replace_text (SpDateTimeRow *self,
              const char    *text)
{
  g_assert (SP_IS_DATE_TIME_ROW (self));

  self->replacement = g_strdup (text);
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  g_clear_pointer (&self->replacement, g_free);
}

SpTime
sp_date_time_row_get_time (SpDateTimeRow *self)
{
  g_return_val_if_fail (SP_IS_DATE_TIME_ROW (self), SP_TIME_NONE);
  return self->time;
}

/* Shows @time as the locale writes it (ISO in the C locale), or nothing for SP_TIME_NONE */
void
sp_date_time_row_set_time (SpDateTimeRow *self,
                           SpTime         time)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SP_IS_DATE_TIME_ROW (self));

  text = sp_date_input_format_time (time);
  replace_text (self, text);
}

SpTime
sp_date_time_row_get_base_time (SpDateTimeRow *self)
{
  g_return_val_if_fail (SP_IS_DATE_TIME_ROW (self), SP_TIME_NONE);
  return self->base_time;
}

/* What "+5" and a bare time of day refer to */
void
sp_date_time_row_set_base_time (SpDateTimeRow *self,
                                SpTime         base_time)
{
  g_return_if_fail (SP_IS_DATE_TIME_ROW (self));

  if (self->base_time == base_time)
    return;

  self->base_time = base_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_TIME]);
  update_info (self);
  update_tooltip (self);
}

/* Why the text is not a date and time, or NULL */
const char *
sp_date_time_row_get_error (SpDateTimeRow *self)
{
  g_return_val_if_fail (SP_IS_DATE_TIME_ROW (self), NULL);
  return self->error;
}

/* Rewrites "now", "+5" or "14:05" as the full date and time it stands for */
void
sp_date_time_row_normalize (SpDateTimeRow *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SP_IS_DATE_TIME_ROW (self));

  if (self->error != NULL || self->time == SP_TIME_NONE)
    return;

  text = sp_date_input_format_time (self->time);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    replace_text (self, text);
}

static void
now_clicked_cb (SpDateTimeRow *self)
{
  sp_date_time_row_set_time (self, now_minute ());
}

static void
plus_clicked_cb (SpDateTimeRow *self)
{
  SpTime from = self->time != SP_TIME_NONE ? self->time
              : self->base_time != SP_TIME_NONE ? self->base_time : now_minute ();

  sp_date_time_row_set_time (self, from + 5 * 60);
}

static void
calendar_shown_cb (SpDateTimeRow *self)
{
  g_autoptr(GDateTime) dt = NULL;
  SpTime shown = self->time != SP_TIME_NONE ? self->time
               : self->base_time != SP_TIME_NONE ? self->base_time : now_minute ();

  dt = sp_time_to_date_time (shown);
  self->in_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, dt);
  self->in_calendar = FALSE;
}

static void
day_selected_cb (SpDateTimeRow *self)
{
  g_autoptr(GDateTime) dt = NULL;
  SpTime base, time_of_day;
  SpDate day;

  if (self->in_calendar)
    return;

  dt = gtk_calendar_get_date (self->calendar);
  day = sp_date_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt));

  base = self->time != SP_TIME_NONE ? self->time
       : self->base_time != SP_TIME_NONE ? self->base_time : now_minute ();
  time_of_day = base - sp_date_to_time (sp_time_to_date (base));

  sp_date_time_row_set_time (self, sp_date_to_time (day) + time_of_day);
  gtk_menu_button_popdown (self->calendar_button);
}

static void
focus_leave_cb (SpDateTimeRow *self)
{
  sp_date_time_row_normalize (self);
}

static void
sp_date_time_row_finalize (GObject *object)
{
  SpDateTimeRow *self = SP_DATE_TIME_ROW (object);

  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->replacement, g_free);

  G_OBJECT_CLASS (sp_date_time_row_parent_class)->finalize (object);
}

static void
sp_date_time_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SpDateTimeRow *self = SP_DATE_TIME_ROW (object);

  switch (prop_id)
    {
    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;
    case PROP_BASE_TIME:
      g_value_set_int64 (value, self->base_time);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_SHOW_PLUS:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->plus_button)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_date_time_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SpDateTimeRow *self = SP_DATE_TIME_ROW (object);

  switch (prop_id)
    {
    case PROP_BASE_TIME:
      sp_date_time_row_set_base_time (self, g_value_get_int64 (value));
      break;
    case PROP_SHOW_PLUS:
      gtk_widget_set_visible (GTK_WIDGET (self->plus_button), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_date_time_row_class_init (SpDateTimeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_date_time_row_finalize;
  object_class->get_property = sp_date_time_row_get_property;
  object_class->set_property = sp_date_time_row_set_property;

  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, SP_TIME_NONE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_TIME] =
    g_param_spec_int64 ("base-time", NULL, NULL, G_MININT64, G_MAXINT64, SP_TIME_NONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PLUS] =
    g_param_spec_boolean ("show-plus", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static GtkWidget *
helper_button (const char *label,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* the same is typed faster ("now", "+5"): keep Tab going from field to field */
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "sp-helper");

  return button;
}

static void
sp_date_time_row_init (SpDateTimeRow *self)
{
  GtkEventController *focus;
  GtkWidget *popover;

  self->time = SP_TIME_NONE;
  self->base_time = SP_TIME_NONE;

  self->info_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->info_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->info_label), "caption");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->info_label));

  self->now_button = GTK_BUTTON (helper_button (C_("time", "Now"),
                                                _("The current time (or type “now”)")));
  g_signal_connect_swapped (self->now_button, "clicked", G_CALLBACK (now_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->now_button));

  self->plus_button = GTK_BUTTON (helper_button (_("+5 min"),
                                                 _("Five minutes later (or type “+5”)")));
  gtk_widget_set_visible (GTK_WIDGET (self->plus_button), FALSE);
  g_signal_connect_swapped (self->plus_button, "clicked", G_CALLBACK (plus_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->plus_button));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  g_signal_connect_swapped (popover, "show", G_CALLBACK (calendar_shown_cb), self);

  self->calendar_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->calendar_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->calendar_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->calendar_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->calendar_button), _("Choose the Day"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose the Day"), -1);
  gtk_widget_set_focusable (GTK_WIDGET (self->calendar_button), FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->calendar_button));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->calendar_button), "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->calendar_button));

  update_tooltip (self);
  adw_entry_row_set_input_hints (ADW_ENTRY_ROW (self), GTK_INPUT_HINT_NO_SPELLCHECK);

  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);
  update_info (self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
sp_date_time_row_new (void)
{
  return g_object_new (SP_TYPE_DATE_TIME_ROW, NULL);
}
