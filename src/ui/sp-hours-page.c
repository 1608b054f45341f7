/* sp-hours-page.c
 *
 * Preferences' "Opening Hours" page (KPI-SPEC §7): the schedules, each a
 * week of times from a date, and the closed days.  Changes are made on a
 * copy and saved together, since saving recomputes every contact's
 * business durations: in a thread of its own, with progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-hours-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-dispatch.h"
#include "sp-hours-page.h"
#include "sp-role.h"
#include "sp-ics.h"
#include "sp-period.h"
#include "sp-store-hours.h"
#include "sp-widget.h"

struct _SpHoursPage
{
  AdwPreferencesPage   parent_instance;

  SpStore             *store;
  SpHours             *hours;        /* the copy being edited */
  SpHours             *saved;        /* the hours in the file it started from */
  gboolean             elsewhere;    /* changed in the file under unsaved edits */
  GtkStringList       *schedules;    /* the combo's labels, one per schedule */
  GPtrArray           *closed_rows;
  GtkEntry            *entries[7];
  GtkCheckButton      *closed[7];
  guint                invalid;      /* bit per weekday whose times do not read */
  char                *reasons[7];   /* why, for those */
  guint                updating;
  gboolean             dirty;
  gboolean             busy;

  AdwPreferencesGroup *schedule_group;
  AdwComboRow         *schedule_row;
  GtkButton           *new_schedule_button;
  AdwPreferencesGroup *days_group;
  GtkButton           *copy_button;
  GtkButton           *remove_schedule_button;
  AdwPreferencesGroup *closed_group;
  GtkButton           *import_button;
  AdwActionRow        *add_row;
  GtkEntry            *add_date_entry;
  GtkEntry            *add_name_entry;
  GtkButton           *add_button;
  GtkLabel            *state_label;
  GtkProgressBar      *progress_bar;
  GtkButton           *save_button;
};

G_DEFINE_FINAL_TYPE (SpHoursPage, sp_hours_page, ADW_TYPE_PREFERENCES_PAGE)

static const char *
weekday_name (int d)
{
  static const char *const names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
  };

  return _(names[d]);
}

static SpSchedule *
current_schedule (SpHoursPage *self)
{
  guint i = adw_combo_row_get_selected (self->schedule_row);

  if (i == GTK_INVALID_LIST_POSITION || i >= sp_hours_get_n_schedules (self->hours))
    return NULL;
  return sp_hours_get_schedule (self->hours, i);
}

static void
update_state (SpHoursPage *self)
{
  g_assert (SP_IS_HOURS_PAGE (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            self->dirty && self->invalid == 0 && !self->busy);
  if (self->busy)
    gtk_label_set_text (self->state_label, _("Counting every contact’s times again…"));
  else if (self->elsewhere && self->dirty)
    gtk_label_set_text (self->state_label,
                        _("The opening hours were changed elsewhere (e.g. by an import from the "
                          "command line); saving replaces them with the ones shown here."));
  else if (self->invalid != 0)
    {
      int d = 0;
      g_autofree char *text = NULL;

      while (d < 6 && (self->invalid & (1u << d)) == 0)
        d++;
      /* TRANSLATORS: a weekday, and why its opening hours can't be saved */
      text = g_strdup_printf (_("%s: %s."), weekday_name (d),
                              self->reasons[d] ? self->reasons[d] : _("a time does not read"));
      gtk_label_set_text (self->state_label, text);
    }
  else if (self->dirty)
    gtk_label_set_text (self->state_label, _("Changes are not saved yet."));
  else if (!sp_hours_has_schedule (self->hours))
    gtk_label_set_text (self->state_label, _("No opening hours: times count around the clock."));
  else
    gtk_label_set_text (self->state_label, _("Times count in opening hours."));
}

static void
set_dirty (SpHoursPage *self)
{
  self->dirty = TRUE;
  update_state (self);
}

static char *
format_day (GArray *day)
{
  GString *text = g_string_new (NULL);

  for (guint k = 0; k < day->len; k++)
    {
      const SpHoursInterval *in = &g_array_index (day, SpHoursInterval, k);
      g_autofree char *o = sp_hours_format_time (in->opens);
      g_autofree char *c = sp_hours_format_time (in->closes);

      g_string_append_printf (text, "%s%s–%s", k ? ", " : "", o, c);
    }
  return g_string_free (text, FALSE);
}

static void
show_schedule (SpHoursPage *self)
{
  SpSchedule *schedule = current_schedule (self);

  self->updating++;
  for (int d = 0; d < 7; d++)
    {
      g_autofree char *text = schedule ? format_day (schedule->days[d]) : g_strdup ("");
      gboolean closed = schedule == NULL || schedule->days[d]->len == 0;

      gtk_editable_set_text (GTK_EDITABLE (self->entries[d]), text);
      gtk_check_button_set_active (self->closed[d], closed);
      gtk_widget_set_sensitive (GTK_WIDGET (self->entries[d]), !closed);
      gtk_widget_set_sensitive (GTK_WIDGET (self->closed[d]), schedule != NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->entries[d]), "error");
    }
  self->invalid = 0;
  self->updating--;

  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), schedule != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_schedule_button), schedule != NULL);
  update_state (self);
}

static void
fill_schedules (SpHoursPage *self,
                SpDate       select)
{
  guint n = sp_hours_get_n_schedules (self->hours);
  guint selected = n > 0 ? n - 1 : GTK_INVALID_LIST_POSITION;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      SpSchedule *s = sp_hours_get_schedule (self->hours, i);
      g_autofree char *date = sp_date_format_short (s->valid_from);

      /* TRANSLATORS: a schedule of opening hours and the day it starts */
      g_ptr_array_add (labels, g_strdup_printf (_("From %s"), date));
      if (s->valid_from == select)
        selected = i;
    }
  g_ptr_array_add (labels, NULL);

  self->updating++;
  gtk_string_list_splice (self->schedules, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->schedules)),
                          (const char *const *) labels->pdata);
  adw_combo_row_set_selected (self->schedule_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_row), n > 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->schedule_row),
                               n == 0 ? _("None yet: add one with “New Schedule…”") : "");
  self->updating--;

  show_schedule (self);
}

static void
remove_closed_cb (GtkButton   *button,
                  SpHoursPage *self);

static void
fill_closed_days (SpHoursPage *self)
{
  for (guint i = 0; i < self->closed_rows->len; i++)
    adw_preferences_group_remove (self->closed_group, self->closed_rows->pdata[i]);
  g_ptr_array_set_size (self->closed_rows, 0);

  for (guint k = 0; k < sp_hours_get_n_closed_days (self->hours); k++)
    {
      const SpClosedDay *day = sp_hours_get_closed_day (self->hours, k);
      g_autofree char *date = sp_date_format_short (day->date);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     *day->name ? day->name : _("Closed"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      g_object_set_data (G_OBJECT (remove), "date", GINT_TO_POINTER (day->date));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_closed_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (self->closed_group, row);
      g_ptr_array_add (self->closed_rows, row);
    }
}

static void
remove_closed_cb (GtkButton   *button,
                  SpHoursPage *self)
{
  sp_hours_remove_closed_day (self->hours,
                              GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "date")));
  fill_closed_days (self);
  set_dirty (self);
}

static void
reload (SpHoursPage *self)
{
  g_autoptr(GError) error = NULL;
  SpHours *hours = sp_store_load_hours (self->store, &error);

  if (hours == NULL)
    {
      g_warning ("Opening hours could not be read: %s", error->message);
      hours = sp_hours_new ();
    }
  g_clear_pointer (&self->hours, sp_hours_unref);
  g_clear_pointer (&self->saved, sp_hours_unref);
  self->hours = hours;
  self->saved = sp_hours_copy (hours);
  self->dirty = FALSE;
  self->elsewhere = FALSE;
  fill_schedules (self, SP_DATE_NONE);
  fill_closed_days (self);
}

/* "09:00–12:30, 13:30–18:00" into @weekday (0 Monday) of the shown schedule */
static void
day_changed_cb (GtkEditable *entry,
                SpHoursPage *self)
{
  SpSchedule *schedule = current_schedule (self);
  g_auto(GStrv) parts = NULL;
  g_autofree char *reason = NULL;
  int d = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "weekday"));

  if (self->updating > 0 || schedule == NULL)
    return;

  sp_hours_clear_day (self->hours, schedule, d + 1);
  parts = g_strsplit (gtk_editable_get_text (entry), ",", -1);
  for (guint i = 0; parts[i] != NULL && reason == NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      g_autofree char *written = NULL;
      g_auto(GStrv) times = NULL;
      gint32 opens, closes;

      if (*part == '\0')
        continue;

      written = g_strdup (part);
      /* an en dash or a hyphen between the times */
      g_strdelimit (part, "-", ' ');
      {
        g_autoptr(GString) s = g_string_new (part);

        g_string_replace (s, "–", " ", 0);
        times = g_strsplit_set (s->str, " ", -1);
      }
      {
        g_autoptr(GPtrArray) words = g_ptr_array_new ();

        for (guint w = 0; times[w] != NULL; w++)
          if (*times[w] != '\0')
            g_ptr_array_add (words, times[w]);

        if (words->len != 2)
          /* TRANSLATORS: %s is the interval as typed */
          reason = g_strdup_printf (_("“%s” is not opens–closes, such as 09:00–12:30"), part);
        else if (!sp_hours_parse_time (words->pdata[0], FALSE, &opens, &reason) ||
                 !sp_hours_parse_time (words->pdata[1], TRUE, &closes, &reason))
          ;
        else if (!sp_hours_add_interval (self->hours, schedule, d + 1, opens, closes, &reason))
          {
            g_autofree char *why = g_steal_pointer (&reason);

            /* TRANSLATORS: why an interval can't be, and the interval as written */
            reason = g_strdup_printf (_("%s (“%s”)"), why, written);
          }
      }
    }

  g_free (self->reasons[d]);
  self->reasons[d] = g_strdup (reason);
  if (reason != NULL)
    {
      self->invalid |= 1u << d;
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), reason);
    }
  else
    {
      self->invalid &= ~(1u << d);
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
    }
  set_dirty (self);
}

static void
closed_toggled_cb (GtkCheckButton *check,
                   SpHoursPage    *self)
{
  SpSchedule *schedule = current_schedule (self);
  int d = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "weekday"));
  gboolean closed = gtk_check_button_get_active (check);

  if (self->updating > 0 || schedule == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->entries[d]), !closed);
  if (closed)
    {
      self->updating++;
      gtk_editable_set_text (GTK_EDITABLE (self->entries[d]), "");
      self->updating--;
      sp_hours_clear_day (self->hours, schedule, d + 1);
      self->invalid &= ~(1u << d);
      gtk_widget_remove_css_class (GTK_WIDGET (self->entries[d]), "error");
      set_dirty (self);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->entries[d]));
}

static void
copy_cb (SpHoursPage *self)
{
  SpSchedule *schedule = current_schedule (self);

  if (schedule == NULL || (self->invalid & 1u) != 0)
    return;

  for (int d = 2; d <= 5; d++)
    {
      sp_hours_clear_day (self->hours, schedule, d);
      for (guint k = 0; k < schedule->days[0]->len; k++)
        {
          const SpHoursInterval *in = &g_array_index (schedule->days[0], SpHoursInterval, k);

          sp_hours_add_interval (self->hours, schedule, d, in->opens, in->closes, NULL);
        }
    }
  show_schedule (self);
  set_dirty (self);
}

static void
schedule_selected_cb (SpHoursPage *self)
{
  if (self->updating == 0)
    show_schedule (self);
}

static void
new_schedule_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SpHoursPage      *self)
{
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (dialog), "calendar");
  g_autoptr(GDateTime) picked = NULL;
  SpSchedule *from, *schedule;
  SpDate date;

  if (!g_str_equal (response, "create"))
    return;

  picked = gtk_calendar_get_date (calendar);
  date = sp_date_from_ymd (g_date_time_get_year (picked), g_date_time_get_month (picked),
                           g_date_time_get_day_of_month (picked));

  if (sp_hours_lookup_schedule (self->hours, date) == NULL)
    {
      /* start from the hours shown, or from a plain week */
      from = current_schedule (self);
      schedule = sp_hours_replace_schedule (self->hours, date);
      if (from != NULL && from != schedule)
        {
          /* the new one may have moved the array: find the one shown again */
          from = sp_hours_lookup_schedule (self->hours, from->valid_from);
        }
      for (int d = 0; d < 7; d++)
        {
          if (from != NULL)
            for (guint k = 0; k < from->days[d]->len; k++)
              {
                const SpHoursInterval *in = &g_array_index (from->days[d], SpHoursInterval, k);

                sp_hours_add_interval (self->hours, schedule, d + 1, in->opens, in->closes, NULL);
              }
          else if (d < 5)
            sp_hours_add_interval (self->hours, schedule, d + 1, 9 * 3600, 17 * 3600, NULL);
        }
      set_dirty (self);
    }

  fill_schedules (self, date);
}

static void
new_schedule_cb (SpHoursPage *self)
{
  GtkWidget *dialog;
  GtkWidget *calendar = gtk_calendar_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("New Schedule"),
                                   _("The day these hours start. The schedules before it stay "
                                     "for the days before."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), calendar);
  g_object_set_data (G_OBJECT (dialog), "calendar", calendar);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_schedule_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_schedule_cb (SpHoursPage *self)
{
  SpSchedule *schedule = current_schedule (self);

  if (schedule == NULL)
    return;

  sp_hours_remove_schedule (self->hours, schedule->valid_from);
  fill_schedules (self, SP_DATE_NONE);
  set_dirty (self);
}

/* As the day is typed: the day it is, or why it is none */
static void
add_date_changed_cb (SpHoursPage *self)
{
  g_autofree char *reason = NULL;
  g_autofree char *hint = NULL;
  SpDate date;

  if (sp_widget_get_date_entry (GTK_WIDGET (self->add_date_entry), &date, &reason))
    hint = sp_widget_format_day_hint (date);
  else if (gtk_widget_has_css_class (GTK_WIDGET (self->add_date_entry), "error"))
    hint = g_steal_pointer (&reason);

  adw_action_row_set_subtitle (self->add_row, hint ? hint : "");
}

static void
add_cb (SpHoursPage *self)
{
  g_autofree char *reason = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                  self->add_name_entry))));
  SpDate date;

  if (!sp_widget_get_date_entry (GTK_WIDGET (self->add_date_entry), &date, &reason))
    {
      if (!gtk_widget_has_css_class (GTK_WIDGET (self->add_date_entry), "error"))
        adw_action_row_set_subtitle (self->add_row, _("Type the day the shop is closed."));
      else
        adw_action_row_set_subtitle (self->add_row, reason);
      gtk_widget_grab_focus (GTK_WIDGET (self->add_date_entry));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (*name == '\0')
    {
      adw_action_row_set_subtitle (self->add_row,
                                   _("Give the closed day a name, such as “Christmas Day”."));
      gtk_widget_grab_focus (GTK_WIDGET (self->add_name_entry));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  sp_hours_set_closed_day (self->hours, date, name);
  gtk_editable_set_text (GTK_EDITABLE (self->add_date_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->add_name_entry), "");
  fill_closed_days (self);
  set_dirty (self);
}

/* Import Holidays… */

static void
years_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SpHoursPage      *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  GtkSpinButton *from = g_object_get_data (G_OBJECT (dialog), "from");
  GtkSpinButton *to = g_object_get_data (G_OBJECT (dialog), "to");
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  guint n = 0, skipped = 0;

  if (!g_str_equal (response, "import"))
    return;

  name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &error) ||
      !sp_ics_read_closed_days (data, length, name, gtk_spin_button_get_value_as_int (from),
                                gtk_spin_button_get_value_as_int (to), self->hours, &n,
                                &skipped, &error))
    {
      gtk_label_set_text (self->state_label, error->message);
      return;
    }

  fill_closed_days (self);
  set_dirty (self);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* TRANSLATORS: how many closed days, then the file */
                                       "Added %u closed day from %s; save to apply it.",
                                       "Added %u closed days from %s; save to apply them.", n),
                          n, name);
  gtk_label_set_text (self->state_label, text);
}

static GtkWidget *
year_spin (int value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (1900, 9999, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  return spin;
}

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                SpHoursPage     *self)
{
  g_autoptr(GFile) file = NULL;
  GtkWidget *dialog, *box, *from, *to;
  int year;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;

  sp_date_to_ymd (sp_date_today (), &year, NULL, NULL);
  from = year_spin (year);
  to = year_spin (year + 1);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("From")));
  gtk_box_append (GTK_BOX (box), from);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("to")));
  gtk_box_append (GTK_BOX (box), to);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Import Holidays"),
                                   _("The years to take the holidays of; events that repeat "
                                     "every year are added for each of them."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data_full (G_OBJECT (dialog), "file", g_steal_pointer (&file), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "from", from);
  g_object_set_data (G_OBJECT (dialog), "to", to);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  g_signal_connect_object (dialog, "response", G_CALLBACK (years_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_cb (SpHoursPage *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Holidays"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Saving, in a thread of its own with its own connection */

typedef struct
{
  SpStore        *store;     /* the page's: only opened again on the thread */
  SpHours        *hours;
  GtkProgressBar *bar;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_object_unref (job->store);
  sp_hours_unref (job->hours);
  g_object_unref (job->bar);
  g_free (job);
}

typedef struct
{
  GtkProgressBar *bar;
  double          fraction;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->bar);
  g_free (p);
}

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;

  gtk_progress_bar_set_fraction (p->bar, p->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  SaveJob *job = user_data;
  Progress *p = g_new0 (Progress, 1);

  p->bar = g_object_ref (job->bar);
  p->fraction = fraction;
  sp_dispatch_on (NULL, G_PRIORITY_DEFAULT, "[sp] hours progress", show_progress, p,
                  progress_free);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(SpStore) writer = NULL;
  GError *error = NULL;

  /* a connection of its own: one must stay on one thread */
  writer = sp_store_open_writer (job->store, &error);
  if (writer == NULL || !sp_store_save_hours (writer, job->hours, progress_cb, job, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SpHoursPage *self = SP_HOURS_PAGE (object);
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  sp_store_release_outside_changes (self->store);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_group), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->days_group), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->closed_group), TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      update_state (self);
      gtk_label_set_text (self->state_label, error->message);
      return;
    }

  /* the window's connection learns of it here: the other wrote it */
  sp_store_emit_changed (self->store, SP_STORE_CHANGE_SETTINGS | SP_STORE_CHANGE_CONTACTS);
  reload (self);
  gtk_label_set_text (self->state_label, sp_hours_has_schedule (self->hours)
                                         ? _("Saved: times count in opening hours.")
                                         : _("Saved: times count around the clock."));
}

static void
save_cb (SpHoursPage *self)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  if (self->busy || self->invalid != 0 || !self->dirty)
    return;

  job = g_new0 (SaveJob, 1);
  job->store = g_object_ref (self->store);
  job->hours = sp_hours_copy (self->hours);
  job->bar = g_object_ref (self->progress_bar);

  self->busy = TRUE;
  /* the thread's own connection is this window's, not another program */
  sp_store_hold_outside_changes (self->store);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_group), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->days_group), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->closed_group), FALSE);
  update_state (self);

  task = g_task_new (self, NULL, save_done_cb, NULL);
  g_task_set_source_tag (task, save_cb);
  g_task_set_task_data (task, job, save_job_free);
  g_task_run_in_thread (task, save_thread);
}

/* The file changed (here, or in another program): show its hours, unless
 * the owner is editing them */
static void
store_changed_cb (SpHoursPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpHours) now = NULL;

  if (self->busy)
    return;

  now = sp_store_load_hours (self->store, &error);
  if (now == NULL || sp_hours_equal (now, self->saved))
    return;

  if (!self->dirty)
    {
      reload (self);
      return;
    }

  g_clear_pointer (&self->saved, sp_hours_unref);
  self->saved = g_steal_pointer (&now);
  self->elsewhere = TRUE;
  update_state (self);
}

gboolean
sp_hours_page_has_changes (SpHoursPage *self)
{
  g_return_val_if_fail (SP_IS_HOURS_PAGE (self), FALSE);
  return self->dirty && self->invalid == 0 && !self->busy;
}

gboolean
sp_hours_page_save_now (SpHoursPage  *self,
                        GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (SP_IS_HOURS_PAGE (self), FALSE);

  if (!sp_hours_page_has_changes (self))
    return TRUE;
  /* what the save announces is not news to the page */
  self->busy = TRUE;
  ok = sp_store_save_hours (self->store, self->hours, NULL, NULL, error);
  self->busy = FALSE;
  if (!ok)
    return FALSE;
  g_clear_pointer (&self->saved, sp_hours_unref);
  self->saved = sp_hours_copy (self->hours);
  self->dirty = FALSE;
  self->elsewhere = FALSE;
  return TRUE;
}

GtkWidget *
sp_hours_page_new (SpStore *store)
{
  SpHoursPage *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_HOURS_PAGE, NULL);
  self->store = g_object_ref (store);
  reload (self);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* a login of the staff group sees the hours, and the schedules, without changing them */
  if (!sp_role_is_owner (store))
    {
      g_autofree char *description = g_strdup_printf ("%s. %s", sp_role_get_owner_only (),
                                                      adw_preferences_group_get_description (
                                                        self->schedule_group));

      adw_preferences_group_set_description (self->schedule_group, description);
      sp_role_mark_owner_only (GTK_WIDGET (self->new_schedule_button), FALSE, NULL);
      sp_role_mark_owner_only (GTK_WIDGET (self->days_group), FALSE, NULL);
      sp_role_mark_owner_only (GTK_WIDGET (self->closed_group), FALSE, NULL);
    }
  return GTK_WIDGET (self);
}

static void
sp_hours_page_dispose (GObject *object)
{
  SpHoursPage *self = SP_HOURS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_HOURS_PAGE);
  g_clear_pointer (&self->closed_rows, g_ptr_array_unref);
  g_clear_pointer (&self->hours, sp_hours_unref);
  g_clear_pointer (&self->saved, sp_hours_unref);
  for (int d = 0; d < 7; d++)
    g_clear_pointer (&self->reasons[d], g_free);
  g_clear_object (&self->schedules);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_hours_page_parent_class)->dispose (object);
}

static void
sp_hours_page_class_init (SpHoursPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_hours_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-hours-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, schedule_group);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, new_schedule_button);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, days_group);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, remove_schedule_button);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, closed_group);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, add_row);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, add_date_entry);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, add_name_entry);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SpHoursPage, save_button);
}

static void
sp_hours_page_init (SpHoursPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sp_widget_setup_date_entry (GTK_WIDGET (self->add_date_entry));

  self->closed_rows = g_ptr_array_new ();
  self->schedules = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->schedule_row, G_LIST_MODEL (self->schedules));

  for (int d = 0; d < 7; d++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *entry = gtk_entry_new ();
      GtkWidget *closed = gtk_check_button_new_with_label (_("Closed"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), weekday_name (d));
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "09:00–12:30, 13:30–18:00");
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 26);
      gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (closed, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      weekday_name (d), -1);
      g_object_set_data (G_OBJECT (entry), "weekday", GINT_TO_POINTER (d));
      g_object_set_data (G_OBJECT (closed), "weekday", GINT_TO_POINTER (d));
      g_signal_connect_object (entry, "changed", G_CALLBACK (day_changed_cb), self, 0);
      g_signal_connect_object (closed, "toggled", G_CALLBACK (closed_toggled_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), closed);
      adw_preferences_group_add (self->days_group, row);

      self->entries[d] = GTK_ENTRY (entry);
      self->closed[d] = GTK_CHECK_BUTTON (closed);
    }

  g_signal_connect_object (self->schedule_row, "notify::selected",
                           G_CALLBACK (schedule_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_schedule_button, "clicked", G_CALLBACK (new_schedule_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->remove_schedule_button, "clicked",
                           G_CALLBACK (remove_schedule_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->copy_button, "clicked", G_CALLBACK (copy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_date_entry, "changed", G_CALLBACK (add_date_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_name_entry, "changed", G_CALLBACK (add_date_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_name_entry, "activate", G_CALLBACK (add_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import_button, "clicked", G_CALLBACK (import_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (save_cb), self,
                           G_CONNECT_SWAPPED);
}
