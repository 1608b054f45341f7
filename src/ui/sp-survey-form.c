/* sp-survey-form.c
 *
 * Recording a survey answer: the kind, with the question the articles ask
 * and a row of score buttons (digits on the keyboard choose one; "1" then
 * "0" is 10), who and what it is about, and a comment.  Linked to the
 * contact it is about, the answer takes the contact's customer, agent,
 * channel and topic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-survey-form"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-date-time-row.h"
#include "sp-name-row.h"
#include "sp-parse.h"
#include "sp-survey-form.h"
#include "sp-undo.h"

#define N_RECENT_CONTACTS 30

struct _SpSurveyForm
{
  SpForm           parent_instance;

  SpSurvey        *original;
  SpContact       *contact;        /* the linked contact */
  int              score;
  GtkWidget       *error_widget;
  GPtrArray       *score_buttons;
  GPtrArray       *found;          /* SpContact, as listed in the popover */
  guint            last_digit;
  gint64           last_digit_time;
  guint            loading : 1;

  /* template */
  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  GtkRevealer     *message_revealer;
  GtkWidget       *message_box;
  GtkLabel        *message_label;
  AdwComboRow     *kind_row;
  SpDateTimeRow   *answered_row;
  AdwPreferencesGroup *score_group;
  GtkBox          *score_box;
  GtkLabel        *low_label;
  GtkLabel        *high_label;
  GtkLabel        *question_label;
  AdwActionRow    *contact_row;
  GtkWidget       *unlink_button;
  GtkMenuButton   *contact_button;
  GtkPopover      *contact_popover;
  GtkSearchEntry  *contact_search;
  GtkListBox      *contact_list;
  SpNameRow       *customer_row;
  SpNameRow       *agent_row;
  AdwComboRow     *channel_row;
  SpNameRow       *topic_row;
  AdwEntryRow     *comment_row;
  GtkWidget       *delete_button;
  GtkWidget       *save_another_button;
  GtkScrolledWindow *scroller;
};

G_DEFINE_FINAL_TYPE (SpSurveyForm, sp_survey_form, SP_TYPE_FORM)

static void update_validation (SpSurveyForm *self);

static SpSurveyKind
selected_kind (SpSurveyForm *self)
{
  return (SpSurveyKind) adw_combo_row_get_selected (self->kind_row);
}

static void
field_changed_cb (SpSurveyForm *self)
{
  if (!self->loading)
    sp_form_mark_changed (SP_FORM (self));

  update_validation (self);
}

/* Scores */

/*
 * The row of scores is one Tab stop: only the chosen button (or the first,
 * before one is chosen) takes the focus; digits and the arrow keys move
 * within it.
 */
static void
sync_score_focus (SpSurveyForm *self)
{
  int min;
  int chosen;

  sp_survey_kind_get_range (selected_kind (self), &min, NULL);
  chosen = self->score - min;
  if (chosen < 0 || chosen >= (int) self->score_buttons->len)
    chosen = 0;

  for (guint i = 0; i < self->score_buttons->len; i++)
    gtk_widget_set_focusable (self->score_buttons->pdata[i], (int) i == chosen);
}

static GtkWidget *
focusable_score_button (SpSurveyForm *self)
{
  for (guint i = 0; i < self->score_buttons->len; i++)
    {
      if (gtk_widget_get_focusable (self->score_buttons->pdata[i]))
        return self->score_buttons->pdata[i];
    }

  return NULL;
}

static void
sync_score_buttons (SpSurveyForm *self)
{
  int min;

  sp_survey_kind_get_range (selected_kind (self), &min, NULL);

  for (guint i = 0; i < self->score_buttons->len; i++)
    {
      GtkToggleButton *button = self->score_buttons->pdata[i];

      gtk_toggle_button_set_active (button, self->score == min + (int) i);
    }

  sync_score_focus (self);
}

static void
set_score (SpSurveyForm *self,
           int           score)
{
  if (self->score == score)
    return;

  self->score = score;
  sync_score_buttons (self);
  field_changed_cb (self);
}

static void
score_toggled_cb (GtkToggleButton *button,
                  SpSurveyForm    *self)
{
  int score = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "sp-score"));

  if (gtk_toggle_button_get_active (button) && self->score != score)
    {
      self->score = score;
      sync_score_focus (self);
      field_changed_cb (self);
    }
}

static void
rebuild_score_buttons (SpSurveyForm *self)
{
  SpSurveyKind kind = selected_kind (self);
  GtkToggleButton *group = NULL;
  GtkWidget *child;
  int min, max;

  static const char * const low[SP_N_SURVEY_KINDS] = {
    N_("Very dissatisfied"), N_("Not at all likely"), N_("Strongly disagree"),
  };
  static const char * const high[SP_N_SURVEY_KINDS] = {
    N_("Very satisfied"), N_("Extremely likely"), N_("Strongly agree"),
  };

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->score_box))))
    gtk_box_remove (self->score_box, child);
  g_ptr_array_set_size (self->score_buttons, 0);

  sp_survey_kind_get_range (kind, &min, &max);

  for (int score = min; score <= max; score++)
    {
      g_autofree char *label = g_strdup_printf ("%d", score);
      g_autofree char *name = NULL;
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      /* TRANSLATORS: what a screen reader says for a score button, e.g. "Score 4 of 5" */
      name = g_strdup_printf (_("Score %d of %d"), score, max);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      gtk_widget_set_tooltip_text (button, name);
      gtk_widget_add_css_class (button, "sp-score");
      /* Enter on a score saves, as it does in the fields */
      gtk_widget_set_receives_default (button, FALSE);
      g_object_set_data (G_OBJECT (button), "sp-score", GINT_TO_POINTER (score));

      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);

      g_signal_connect (button, "toggled", G_CALLBACK (score_toggled_cb), self);
      gtk_box_append (self->score_box, button);
      g_ptr_array_add (self->score_buttons, button);
    }

  gtk_label_set_label (self->low_label, _(low[kind]));
  gtk_label_set_label (self->high_label, _(high[kind]));

  {
    /* TRANSLATORS: a contact chosen for a survey answer; %s is its description */
    g_autofree char *question = g_strdup_printf (_("“%s”"), sp_survey_kind_get_question (kind));

    gtk_label_set_label (self->question_label, question);
  }

  sync_score_buttons (self);
}

static void
kind_changed_cb (SpSurveyForm *self)
{
  /* a score that no longer fits is kept, and said to be out of range */
  rebuild_score_buttons (self);
  field_changed_cb (self);
}

static gboolean
is_typing (SpSurveyForm *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && GTK_IS_EDITABLE (focus);
}

static gboolean
focus_in_scores (SpSurveyForm *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && gtk_widget_get_parent (focus) == GTK_WIDGET (self->score_box);
}

static void
focus_score (SpSurveyForm *self)
{
  GtkWidget *button = focusable_score_button (self);

  if (button != NULL)
    gtk_widget_grab_focus (button);
}

/* Left and Right on the scores choose the one beside */
static gboolean
move_score (SpSurveyForm *self,
            int           step)
{
  int min, max;
  int score;

  if (!focus_in_scores (self))
    return FALSE;

  sp_survey_kind_get_range (selected_kind (self), &min, &max);
  score = self->score < min || self->score > max ? (step > 0 ? min : max) : self->score + step;
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL && self->score >= min &&
      self->score <= max)
    score = self->score - step;
  score = CLAMP (score, min, max);

  set_score (self, score);
  focus_score (self);
  return TRUE;
}

/* Digits choose a score, unless they are typed into a field */
static gboolean
key_pressed_cb (SpSurveyForm          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gint64 now = g_get_monotonic_time ();
  guint digit;
  int min, max;
  int score;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  /* a score button's own Enter would press it again: Enter saves, as in the fields */
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      focus_in_scores (self))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "default.activate", NULL);
      return TRUE;
    }

  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left ||
      keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    return move_score (self, keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left ? -1 : 1);

  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    digit = keyval - GDK_KEY_0;
  else if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    digit = keyval - GDK_KEY_KP_0;
  else
    return FALSE;

  if (is_typing (self))
    return FALSE;

  sp_survey_kind_get_range (selected_kind (self), &min, &max);
  score = (int) digit;

  /* "1" then "0" quickly is 10 */
  if (digit == 0 && max >= 10 && self->last_digit == 1 &&
      now - self->last_digit_time < 1000 * G_TIME_SPAN_MILLISECOND)
    score = 10;

  self->last_digit = digit;
  self->last_digit_time = now;

  if (score < min || score > max)
    return TRUE;

  set_score (self, score);
  focus_score (self);

  return TRUE;
}

/* The contact it is about */

static char *
describe_contact (SpContact *c)
{
  g_autofree char *when = sp_time_format_display (c->received_at);
  GString *str = g_string_new (when);

  g_string_append_printf (str, " · %s", c->customer_name ? c->customer_name
                                                          : C_("customer", "Walk-in"));
  if (c->category_name != NULL)
    g_string_append_printf (str, " · %s", c->category_name);
  g_string_append_printf (str, " · %s · %s", sp_channel_get_label (c->channel),
                          c->agent_name ? c->agent_name : "");

  return g_string_free (str, FALSE);
}

static void
show_contact (SpSurveyForm *self)
{
  gboolean linked = self->contact != NULL;

  gtk_widget_set_visible (self->unlink_button, linked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->customer_row), !linked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->agent_row), !linked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->channel_row), !linked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->topic_row), !linked);

  if (linked)
    {
      g_autofree char *text = describe_contact (self->contact);

      adw_action_row_set_subtitle (self->contact_row, text);
      gtk_menu_button_set_label (self->contact_button, _("C_hange…"));

      /* what the store will take from the contact, shown as it will be saved */
      self->loading = TRUE;
      sp_name_row_set_name (self->customer_row, self->contact->customer_name);
      sp_name_row_set_name (self->agent_row, self->contact->agent_name);
      adw_combo_row_set_selected (self->channel_row, self->contact->channel + 1);
      sp_name_row_set_name (self->topic_row, self->contact->category_name);
      self->loading = FALSE;
    }
  else
    {
      adw_action_row_set_subtitle (self->contact_row, _("Not linked: enter who and what below"));
      gtk_menu_button_set_label (self->contact_button, _("C_hoose…"));
    }
}

/* Links the answer to the contact with @contact_id (0 to unlink) */
void
sp_survey_form_link_contact (SpSurveyForm *self,
                             gint64        contact_id)
{
  g_return_if_fail (SP_IS_SURVEY_FORM (self));

  g_clear_object (&self->contact);

  if (contact_id > 0)
    self->contact = sp_store_load_contact (sp_form_get_store (SP_FORM (self)), contact_id, NULL);

  show_contact (self);
  field_changed_cb (self);
}

static void
fill_contacts (SpSurveyForm *self)
{
  SpContactFilter filter;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->contact_list))))
    gtk_list_box_remove (self->contact_list, child);

  sp_contact_filter_init (&filter);
  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->contact_search));

  g_clear_pointer (&self->found, g_ptr_array_unref);
  self->found = sp_store_list_contacts (sp_form_get_store (SP_FORM (self)), &filter, 0,
                                        N_RECENT_CONTACTS, NULL);

  for (guint i = 0; self->found != NULL && i < self->found->len; i++)
    {
      g_autofree char *text = describe_contact (self->found->pdata[i]);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_list_box_append (self->contact_list, label);
    }

  if (self->found == NULL || self->found->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No contact matches"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->contact_list, label);
    }
}

static void
contact_activated_cb (SpSurveyForm  *self,
                      GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->found == NULL || index < 0 || (guint) index >= self->found->len)
    return;

  sp_survey_form_link_contact (self, ((SpContact *) self->found->pdata[index])->id);
  gtk_popover_popdown (self->contact_popover);
}

static void
search_activate_cb (SpSurveyForm *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->contact_list, 0);

  if (row != NULL)
    contact_activated_cb (self, row);
}

static void
popover_shown_cb (SpSurveyForm *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->contact_search), "");
  fill_contacts (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->contact_search));
}

/* The search entry takes Escape for itself: it closes the list instead */
static void
search_stopped_cb (SpSurveyForm *self)
{
  gtk_popover_popdown (self->contact_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->contact_button));
}

static void
unlink_clicked_cb (SpSurveyForm *self)
{
  sp_survey_form_link_contact (self, 0);
}

/* Reading the fields */

static SpSurvey *
collect (SpSurveyForm  *self,
         char         **message,
         GtkWidget    **widget)
{
  g_autoptr(SpSurvey) s = self->original ? sp_survey_copy (self->original) : sp_survey_new ();
  g_autoptr(GError) error = NULL;
  SpSurveyField field = SP_SURVEY_FIELD_NONE;
  guint channel = adw_combo_row_get_selected (self->channel_row);
  g_autofree char *comment = NULL;

  *message = NULL;
  *widget = NULL;

  s->answered_at = sp_date_time_row_get_time (self->answered_row);
  s->kind = selected_kind (self);
  s->score = self->score;
  s->customer_id = s->agent_id = s->category_id = 0;
  s->contact_id = self->contact ? self->contact->id : 0;

  if (self->contact != NULL)
    {
      /* the store fills them from the contact */
      sp_survey_set_customer_name (s, NULL);
      sp_survey_set_agent_name (s, NULL);
      sp_survey_set_category_name (s, NULL);
      s->channel = SP_CHANNEL_NONE;
    }
  else
    {
      g_autofree char *customer = sp_name_row_dup_name (self->customer_row);
      g_autofree char *agent = sp_name_row_dup_name (self->agent_row);
      g_autofree char *topic = sp_name_row_dup_name (self->topic_row);

      sp_survey_set_customer_name (s, customer);
      sp_survey_set_agent_name (s, agent);
      sp_survey_set_category_name (s, topic);
      s->channel = channel == 0 || channel == GTK_INVALID_LIST_POSITION ? SP_CHANNEL_NONE
                                                                        : (SpChannel) channel - 1;
    }

  comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_row))));
  sp_survey_set_comment (s, comment);

  if (sp_date_time_row_get_error (self->answered_row) != NULL)
    {
      *message = g_strdup (sp_date_time_row_get_error (self->answered_row));
      *widget = GTK_WIDGET (self->answered_row);
    }
  else if (!sp_survey_validate (s, &field, &error))
    {
      *message = g_strdup (error->message);
      switch (field)
        {
        case SP_SURVEY_FIELD_ANSWERED_AT: *widget = GTK_WIDGET (self->answered_row); break;
        case SP_SURVEY_FIELD_KIND: *widget = GTK_WIDGET (self->kind_row); break;
        case SP_SURVEY_FIELD_SCORE: *widget = GTK_WIDGET (self->score_box); break;
        case SP_SURVEY_FIELD_CHANNEL: *widget = GTK_WIDGET (self->channel_row); break;
        case SP_SURVEY_FIELD_COMMENT: *widget = GTK_WIDGET (self->comment_row); break;
        case SP_SURVEY_FIELD_NONE:
        default: break;
        }
    }

  return g_steal_pointer (&s);
}

static void
update_validation (SpSurveyForm *self)
{
  g_autoptr(SpSurvey) s = NULL;
  g_autofree char *message = NULL;
  GtkWidget *widget = NULL;
  gboolean valid;
  gboolean wrong;

  if (self->score_buttons == NULL)
    return;

  s = collect (self, &message, &widget);
  valid = message == NULL;

  /* a score out of range or a bad time is wrong; no score yet is only missing */
  wrong = widget != NULL &&
          ((widget == GTK_WIDGET (self->score_box) && self->score >= 0) ||
           (GTK_IS_EDITABLE (widget) &&
            !sp_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (widget)))));

  if (self->error_widget != NULL && self->error_widget != widget)
    gtk_widget_remove_css_class (self->error_widget, "error");
  self->error_widget = widget;
  if (wrong)
    gtk_widget_add_css_class (widget, "error");

  sp_form_set_problem (SP_FORM (self), message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save-another", valid);

  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, !valid);
  if (wrong)
    gtk_widget_add_css_class (self->message_box, "sp-invalid");
  else
    gtk_widget_remove_css_class (self->message_box, "sp-invalid");

  gtk_widget_set_tooltip_text (self->save_button, valid ? _("Save (Enter)") : message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  valid ? "" : message, -1);
}

/* Saving */

static gboolean
save_survey (SpSurveyForm  *self,
             gboolean       another,
             GError       **error)
{
  SpForm *form = SP_FORM (self);
  g_autoptr(SpSurvey) s = NULL;
  g_autofree char *message = NULL;
  GtkWidget *widget = NULL;

  s = collect (self, &message, &widget);
  if (message != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return FALSE;
    }

  /* opened and saved as it was: nothing to write, and no one else's change to go over */
  if (self->original != NULL && !sp_form_differs_from (form, G_OBJECT (self->original)))
    return TRUE;

  /* "+5" is five days ahead here, not minutes: more likely a slip than a plan */
  if (!sp_form_get_times_accepted (form) && s->answered_at != SP_TIME_NONE &&
      s->answered_at > sp_time_now ())
    {
      sp_form_ask_about_times (form, _("The survey was answered in the future."),
                               another ? "form.save-another" : "form.save");
      return FALSE;
    }

  if (!sp_store_save_survey (sp_form_get_store (form), s, error))
    return FALSE;

  /* with Undo, and Ctrl+Z in the window later */
  sp_undo_record_saved (GTK_WIDGET (self), sp_form_get_store (form), G_OBJECT (s),
                        G_OBJECT (self->original),
                        self->original ? _("Survey answer saved") : _("Survey answer recorded"));
  return TRUE;
}

static gboolean
sp_survey_form_save (SpForm  *form,
                     GError **error)
{
  return save_survey (SP_SURVEY_FORM (form), FALSE, error);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpSurveyForm *self = SP_SURVEY_FORM (widget);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->original == NULL)
    return;

  if (!sp_delete_survey_with_undo (parent ? GTK_WIDGET (parent) : widget,
                                   sp_form_get_store (SP_FORM (self)), self->original->id,
                                   &error))
    {
      sp_form_show_error (SP_FORM (self), _("Not Deleted"), error);
      return;
    }

  sp_form_set_dirty (SP_FORM (self), FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Someone else saved the answer while it was open here */

static GObject *
sp_survey_form_load_stored (SpForm  *form,
                            GError **error)
{
  SpSurveyForm *self = SP_SURVEY_FORM (form);

  g_return_val_if_fail (self->original != NULL, NULL);

  return G_OBJECT (sp_store_load_survey (sp_form_get_store (form), self->original->id, error));
}

/* The contact an answer is about, as the Contact row shows it */
static char *
describe_contact_id (SpSurveyForm *self,
                     gint64        contact_id)
{
  g_autoptr(SpContact) contact = NULL;

  if (contact_id <= 0)
    return g_strdup (_("Not linked"));

  if (self->contact != NULL && self->contact->id == contact_id)
    return describe_contact (self->contact);

  contact = sp_store_load_contact (sp_form_get_store (SP_FORM (self)), contact_id, NULL);
  return contact ? describe_contact (contact) : g_strdup (_("Not linked"));
}

static void
sp_survey_form_list_differences (SpForm    *form,
                                 GObject   *stored,
                                 GPtrArray *differences)
{
  SpSurveyForm *self = SP_SURVEY_FORM (form);
  SpSurvey *theirs = SP_SURVEY (stored);
  g_autoptr(SpSurvey) mine = NULL;
  g_autofree char *message = NULL;
  g_autofree char *their_time = sp_time_format_display (theirs->answered_at);
  g_autofree char *my_time = NULL;
  g_autofree char *their_score = g_strdup_printf ("%d", theirs->score);
  g_autofree char *my_score = NULL;
  g_autofree char *their_contact = NULL;
  g_autofree char *my_contact = NULL;
  GtkWidget *widget = NULL;
  SpChannel my_channel;

  mine = collect (self, &message, &widget);
  my_time = sp_time_format_display (mine->answered_at);
  my_score = g_strdup_printf ("%d", mine->score);

  /* linked, the names are the contact's, as the form shows them */
  if (self->contact != NULL)
    {
      sp_survey_set_customer_name (mine, self->contact->customer_name);
      sp_survey_set_agent_name (mine, self->contact->agent_name);
      sp_survey_set_category_name (mine, self->contact->category_name);
    }
  my_channel = self->contact != NULL ? self->contact->channel : mine->channel;

  sp_form_add_difference (differences, _("Survey"), sp_survey_kind_get_label (theirs->kind),
                          sp_survey_kind_get_label (mine->kind));
  sp_form_add_difference (differences, _("Score"), their_score, my_score);
  sp_form_add_difference (differences, _("Answered"), their_time, my_time);
  if (theirs->contact_id != mine->contact_id)
    {
      their_contact = describe_contact_id (self, theirs->contact_id);
      my_contact = describe_contact_id (self, mine->contact_id);
      sp_form_add_difference (differences, _("Contact"), their_contact, my_contact);
    }
  sp_form_add_difference (differences, _("Customer"), theirs->customer_name,
                          mine->customer_name);
  sp_form_add_difference (differences, _("Agent"), theirs->agent_name, mine->agent_name);
  sp_form_add_difference (differences, _("Channel"),
                          theirs->channel == SP_CHANNEL_NONE
                            ? NULL : sp_channel_get_label (theirs->channel),
                          my_channel == SP_CHANNEL_NONE ? NULL : sp_channel_get_label (my_channel));
  sp_form_add_difference (differences, _("Topic"), theirs->category_name, mine->category_name);
  sp_form_add_difference (differences, _("Comment"), theirs->comment, mine->comment);
}

static void load (SpSurveyForm *self,
                  SpSurvey     *s);

static void
sp_survey_form_take_stored (SpForm   *form,
                            GObject  *stored,
                            gboolean  keep_typed)
{
  SpSurveyForm *self = SP_SURVEY_FORM (form);

  /* what Undo puts back is their version */
  g_clear_object (&self->original);
  self->original = sp_survey_copy (SP_SURVEY (stored));

  if (!keep_typed)
    load (self, self->original);
}

/* Filling the fields */

static void
load (SpSurveyForm *self,
      SpSurvey     *s)
{
  self->loading = TRUE;

  adw_combo_row_set_selected (self->kind_row, s->kind);
  rebuild_score_buttons (self);
  self->score = s->score;
  sync_score_buttons (self);
  sp_date_time_row_set_time (self->answered_row, s->answered_at);
  sp_name_row_set_name (self->customer_row, s->customer_name);
  sp_name_row_set_name (self->agent_row, s->agent_name);
  adw_combo_row_set_selected (self->channel_row, s->channel + 1);
  sp_name_row_set_name (self->topic_row, s->category_name);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_row), s->comment ? s->comment : "");

  g_clear_object (&self->contact);
  if (s->contact_id > 0)
    self->contact = sp_store_load_contact (sp_form_get_store (SP_FORM (self)), s->contact_id,
                                          NULL);
  show_contact (self);

  self->loading = FALSE;

  update_validation (self);
  sp_form_set_dirty (SP_FORM (self), FALSE);
}

/* A new answer, answered now, keeping the kind, agent and channel given */
static void
load_new (SpSurveyForm *self,
          SpSurveyKind  kind,
          const char   *agent,
          SpChannel     channel)
{
  g_autoptr(SpSurvey) fresh = sp_survey_new ();
  SpTime now = sp_time_now ();

  fresh->answered_at = now - now % 60;
  fresh->kind = kind;
  fresh->channel = channel;
  sp_survey_set_agent_name (fresh, agent);
  load (self, fresh);

  /* a pile of cards: the score comes first */
  if (agent != NULL)
    focus_score (self);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->kind_row));
}

static void
save_another_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SpSurveyForm *self = SP_SURVEY_FORM (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *agent = NULL;
  SpSurveyKind kind;
  guint channel;

  if (self->original != NULL)
    {
      sp_form_save (SP_FORM (self));
      return;
    }

  if (!save_survey (self, TRUE, &error))
    {
      if (error != NULL)
        sp_form_show_error (SP_FORM (self), _("Not Saved"), error);
      return;
    }

  kind = selected_kind (self);
  agent = sp_name_row_dup_name (self->agent_row);
  channel = adw_combo_row_get_selected (self->channel_row);

  g_clear_object (&self->contact);
  load_new (self, kind, agent,
            channel == 0 || channel == GTK_INVALID_LIST_POSITION ? SP_CHANNEL_NONE
                                                                 : (SpChannel) channel - 1);
  /* the next card's score comes first, whether or not an agent was named */
  focus_score (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* GObject */

static void
sp_survey_form_constructed (GObject *object)
{
  SpSurveyForm *self = SP_SURVEY_FORM (object);
  SpStore *store = sp_form_get_store (SP_FORM (self));

  G_OBJECT_CLASS (sp_survey_form_parent_class)->constructed (object);

  sp_name_row_set_store (self->customer_row, store);
  sp_name_row_set_store (self->agent_row, store);
  sp_name_row_set_store (self->topic_row, store);
}

static void
sp_survey_form_dispose (GObject *object)
{
  SpSurveyForm *self = SP_SURVEY_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SURVEY_FORM);
  g_clear_object (&self->original);
  g_clear_object (&self->contact);
  g_clear_pointer (&self->found, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_survey_form_parent_class)->dispose (object);
}

static void
sp_survey_form_finalize (GObject *object)
{
  SpSurveyForm *self = SP_SURVEY_FORM (object);

  g_clear_pointer (&self->score_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_survey_form_parent_class)->finalize (object);
}

static void
sp_survey_form_class_init (SpSurveyFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpFormClass *form_class = SP_FORM_CLASS (klass);

  object_class->constructed = sp_survey_form_constructed;
  object_class->dispose = sp_survey_form_dispose;
  object_class->finalize = sp_survey_form_finalize;

  form_class->save = sp_survey_form_save;
  form_class->load_stored = sp_survey_form_load_stored;
  form_class->list_differences = sp_survey_form_list_differences;
  form_class->take_stored = sp_survey_form_take_stored;

  g_type_ensure (SP_TYPE_DATE_TIME_ROW);
  g_type_ensure (SP_TYPE_NAME_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-survey-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, save_button);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, message_box);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, answered_row);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, score_group);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, score_box);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, low_label);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, high_label);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, question_label);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, contact_row);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, unlink_button);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, contact_button);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, contact_popover);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, contact_search);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, contact_list);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, customer_row);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, agent_row);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, channel_row);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, topic_row);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, comment_row);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, save_another_button);
  gtk_widget_class_bind_template_child (widget_class, SpSurveyForm, scroller);

  gtk_widget_class_install_action (widget_class, "form.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "form.save-another", NULL, save_another_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "form.save-another", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "form.save-another", NULL);
}

static void
sp_survey_form_init (SpSurveyForm *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  GtkEventController *keys;

  self->score = -1;
  self->score_buttons = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (SpSurveyKind k = 0; k < SP_N_SURVEY_KINDS; k++)
    gtk_string_list_append (kinds, sp_survey_kind_get_label (k));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  gtk_string_list_append (channels, _("Not known"));
  for (SpChannel c = 0; c < SP_N_CHANNELS; c++)
    gtk_string_list_append (channels, sp_channel_get_label (c));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));

  sp_name_row_set_kind (self->customer_row, SP_ENTITY_CUSTOMER);
  sp_name_row_set_kind (self->agent_row, SP_ENTITY_AGENT);
  sp_name_row_set_kind (self->topic_row, SP_ENTITY_CATEGORY);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  {
    gpointer editables[] = {
      self->answered_row, self->customer_row, self->agent_row, self->topic_row,
      self->comment_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (editables); i++)
      g_signal_connect_swapped (editables[i], "changed", G_CALLBACK (field_changed_cb), self);
  }

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb),
                            self);
  g_signal_connect_swapped (self->channel_row, "notify::selected",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->contact_search, "search-changed", G_CALLBACK (fill_contacts),
                            self);
  g_signal_connect_swapped (self->contact_search, "activate", G_CALLBACK (search_activate_cb),
                            self);
  g_signal_connect_swapped (self->contact_search, "stop-search", G_CALLBACK (search_stopped_cb),
                            self);
  g_signal_connect_swapped (self->contact_list, "row-activated",
                            G_CALLBACK (contact_activated_cb), self);
  g_signal_connect_swapped (self->contact_popover, "show", G_CALLBACK (popover_shown_cb), self);
  g_signal_connect_swapped (self->unlink_button, "clicked", G_CALLBACK (unlink_clicked_cb),
                            self);

  keys = gtk_event_controller_key_new ();
  /* before the window's own arrow-key focus moves */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * sp_survey_form_new:
 * @survey: (nullable): the answer to edit, or %NULL to record a new one
 */
SpSurveyForm *
sp_survey_form_new (SpStore  *store,
                    SpSurvey *survey)
{
  SpSurveyForm *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (!survey || SP_IS_SURVEY (survey), NULL);

  self = g_object_new (SP_TYPE_SURVEY_FORM, "store", store, NULL);

  if (survey != NULL)
    {
      self->original = sp_survey_copy (survey);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Survey Answer"));
      adw_window_title_set_title (self->window_title, _("Edit Survey Answer"));
      gtk_widget_set_visible (self->delete_button, TRUE);
      gtk_widget_set_visible (self->save_another_button, FALSE);
      load (self, self->original);
      gtk_widget_grab_focus (GTK_WIDGET (self->kind_row));
    }
  else
    {
      load_new (self, SP_SURVEY_CSAT, NULL, SP_CHANNEL_NONE);
    }

  return self;
}

/* The chosen score, or -1 */
int
sp_survey_form_get_score (SpSurveyForm *self)
{
  g_return_val_if_fail (SP_IS_SURVEY_FORM (self), -1);
  return self->score;
}
