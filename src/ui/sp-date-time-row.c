/* sp-date-time-row.c
 *
 * A date and time typed as YYYY-MM-DD HH:MM, with what people type when
 * they are in a hurry: "now", a time of day ("14:05", on the day of the
 * base time), or "+5" (minutes after the base time, e.g. when the contact
 * was received).  The row shows the result in the user's locale, or how
 * long after the base time it is, and has Now, +5 min and calendar helpers
 * for the mouse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-date-time-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-date-time-row.h"
#include "sp-parse.h"

struct _SpDateTimeRow
{
  AdwEntryRow     parent_instance;

  SpTime          time;
  SpTime          base_time;
  char           *error;

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
 * @base: what "+N" and a bare time of day refer to, or SP_TIME_NONE for now
 *
 * Reads what was typed in a date and time field.  Blank is not an error
 * (@time becomes SP_TIME_NONE); whether a time is required is the record's
 * rule.
 */
gboolean
sp_date_time_parse_input (const char  *text,
                          SpTime       base,
                          SpTime      *time,
                          char       **reason)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));
  int h, m;
  char extra;

  *time = SP_TIME_NONE;

  if (*clean == '\0')
    return TRUE;

  if (g_ascii_strcasecmp (clean, "now") == 0 || g_utf8_collate (clean, _("now")) == 0)
    {
      *time = now_minute ();
      return TRUE;
    }

  if (clean[0] == '+')
    {
      double minutes;

      if (!parse_minutes (clean + 1, &minutes))
        {
          if (reason)
            *reason = g_strdup_printf (_("“%s” is not a number of minutes, such as +5"), clean);
          return FALSE;
        }

      *time = (base != SP_TIME_NONE ? base : now_minute ()) + (SpTime) (minutes * 60 + 0.5);
      return TRUE;
    }

  if (strlen (clean) <= 5 && sscanf (clean, "%d:%d%c", &h, &m, &extra) == 2)
    {
      SpDate day = sp_time_to_date (base != SP_TIME_NONE ? base : sp_time_now ());

      if (h < 0 || h > 23 || m < 0 || m > 59)
        {
          if (reason)
            *reason = g_strdup_printf (_("%s is not a time of day"), clean);
          return FALSE;
        }

      *time = sp_date_to_time (day) + h * 3600 + m * 60;
      return TRUE;
    }

  /* what no view could show, as the import refuses it */
  return sp_time_parse (clean, time, reason) && sp_time_check_range (*time, reason);
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
      gtk_label_set_label (self->info_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->info_label), NULL);
      return;
    }

  full = sp_time_format_display (self->time);

  if (self->base_time != SP_TIME_NONE)
    info = format_after (self->time - self->base_time);
  else
    {
      g_autoptr(GDateTime) dt = sp_time_to_date_time (self->time);

      /* TRANSLATORS: a short weekday and date; see g_date_time_format() */
      info = g_date_time_format (dt, _("%a %e %b"));
    }

  gtk_label_set_label (self->info_label, info);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->info_label), full);
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
  reparse (self);
}

SpTime
sp_date_time_row_get_time (SpDateTimeRow *self)
{
  g_return_val_if_fail (SP_IS_DATE_TIME_ROW (self), SP_TIME_NONE);
  return self->time;
}

/* Shows @time as YYYY-MM-DD HH:MM, or nothing for SP_TIME_NONE */
void
sp_date_time_row_set_time (SpDateTimeRow *self,
                           SpTime         time)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SP_IS_DATE_TIME_ROW (self));

  text = sp_time_format_iso (time);
  gtk_editable_set_text (GTK_EDITABLE (self), text);
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

  text = sp_time_format_iso (self->time);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), text);
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

  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("YYYY-MM-DD HH:MM; or a time of day, “now”, or “+5” for five "
                                 "minutes after the contact was received"));
  adw_entry_row_set_input_hints (ADW_ENTRY_ROW (self), GTK_INPUT_HINT_NO_SPELLCHECK);

  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
sp_date_time_row_new (void)
{
  return g_object_new (SP_TYPE_DATE_TIME_ROW, NULL);
}
