/* sp-contact-form.c
 *
 * Logging a contact, or editing one, from the keyboard: every field is a
 * row reached with Tab, times accept "now" and "+5", names are completed
 * from those already recorded, and Enter saves.  What is wrong is marked on
 * the field as it is typed and said above the form, and Save stays off
 * until it is fixed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-contact-form"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-contact-form.h"
#include "sp-date-time-row.h"
#include "sp-name-row.h"
#include "sp-parse.h"
#include "sp-undo.h"
#include "sp-window.h"

#define SETTING_LAST_AGENT   "log.last-agent"
#define SETTING_LAST_CHANNEL "log.last-channel"

struct _SpContactForm
{
  SpForm            parent_instance;

  SpContact        *original;     /* NULL for a new contact */
  GtkWidget        *error_widget;
  guint             loading : 1;
  guint             scroll_source;

  /* template */
  AdwWindowTitle   *window_title;
  GtkWidget        *save_button;
  GtkWidget        *save_another_button;
  GtkRevealer      *message_revealer;
  GtkLabel         *message_label;
  GtkScrolledWindow *scroller;
  SpDateTimeRow    *received_row;
  AdwComboRow      *channel_row;
  SpNameRow        *agent_row;
  SpNameRow        *customer_row;
  SpNameRow        *topic_row;
  AdwComboRow      *priority_row;
  SpDateTimeRow    *first_response_row;
  SpDateTimeRow    *resolved_row;
  GtkSwitch        *fcr_switch;
  GtkEntry         *talk_entry;
  GtkEntry         *hold_entry;
  GtkEntry         *wrap_entry;
  GtkSwitch        *complaint_switch;
  AdwExpanderRow   *escalated_row;
  SpDateTimeRow    *escalated_at_row;
  SpNameRow        *escalated_to_row;
  AdwEntryRow      *reason_row;
  SpDateTimeRow    *escalation_resolved_row;
  AdwEntryRow      *note_row;
  GtkWidget        *delete_button;
};

G_DEFINE_FINAL_TYPE (SpContactForm, sp_contact_form, SP_TYPE_FORM)

static GtkStringList *
channel_labels (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (SpChannel c = 0; c < SP_N_CHANNELS; c++)
    gtk_string_list_append (list, sp_channel_get_label (c));

  return list;
}

static GtkStringList *
priority_labels (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (SpPriority p = 0; p < SP_N_PRIORITIES; p++)
    gtk_string_list_append (list, sp_priority_get_label (p));

  return list;
}

/*
 * Type-ahead on a closed drop-down: a letter chooses the next item that
 * starts with it ("i" is In person); typed again, the one after that.
 */
static gboolean
combo_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      AdwComboRow           *row)
{
  GListModel *model = adw_combo_row_get_model (row);
  gunichar typed = gdk_keyval_to_unicode (keyval);
  guint n, current;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || typed == 0 ||
      !g_unichar_isalnum (typed) || model == NULL)
    return FALSE;

  typed = g_unichar_tolower (typed);
  n = g_list_model_get_n_items (model);
  current = adw_combo_row_get_selected (row);

  for (guint i = 1; i <= n; i++)
    {
      guint index = current == GTK_INVALID_LIST_POSITION ? i - 1 : (current + i) % n;
      g_autoptr(GObject) item = g_list_model_get_item (model, index);
      const char *label = GTK_IS_STRING_OBJECT (item)
                            ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;

      if (label != NULL && g_unichar_tolower (g_utf8_get_char (label)) == typed)
        {
          adw_combo_row_set_selected (row, index);
          return TRUE;
        }
    }

  return TRUE;
}

static void
add_type_ahead (AdwComboRow *row)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect (keys, "key-pressed", G_CALLBACK (combo_key_pressed_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), keys);
}

/* Reading the fields */

static gboolean
read_minutes (GtkEntry    *entry,
              const char  *what,
              double      *minutes,
              char       **message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *reason = NULL;

  *minutes = NAN;

  if (sp_str_is_blank (text))
    return TRUE;

  if (!sp_parse_double (text, minutes, &reason))
    {
      /* TRANSLATORS: "Talk minutes: “x” is not a number" */
      *message = g_strdup_printf (_("%s: %s"), what, reason);
      *minutes = NAN;
      return FALSE;
    }

  return TRUE;
}

static char *
entry_text (gpointer editable)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editable));

  return sp_str_is_blank (text) ? NULL : g_strstrip (g_strdup (text));
}

static GtkWidget *
widget_for_field (SpContactForm  *self,
                  SpContactField  field)
{
  switch (field)
    {
    case SP_CONTACT_FIELD_RECEIVED_AT: return GTK_WIDGET (self->received_row);
    case SP_CONTACT_FIELD_CHANNEL: return GTK_WIDGET (self->channel_row);
    case SP_CONTACT_FIELD_AGENT: return GTK_WIDGET (self->agent_row);
    case SP_CONTACT_FIELD_CUSTOMER: return GTK_WIDGET (self->customer_row);
    case SP_CONTACT_FIELD_CATEGORY: return GTK_WIDGET (self->topic_row);
    case SP_CONTACT_FIELD_PRIORITY: return GTK_WIDGET (self->priority_row);
    case SP_CONTACT_FIELD_FIRST_RESPONSE_AT: return GTK_WIDGET (self->first_response_row);
    case SP_CONTACT_FIELD_RESOLVED_AT: return GTK_WIDGET (self->resolved_row);
    case SP_CONTACT_FIELD_TALK_MIN: return GTK_WIDGET (self->talk_entry);
    case SP_CONTACT_FIELD_HOLD_MIN: return GTK_WIDGET (self->hold_entry);
    case SP_CONTACT_FIELD_WRAP_MIN: return GTK_WIDGET (self->wrap_entry);
    case SP_CONTACT_FIELD_ESCALATED_AT: return GTK_WIDGET (self->escalated_at_row);
    case SP_CONTACT_FIELD_ESCALATION_RESOLVED_AT:
      return GTK_WIDGET (self->escalation_resolved_row);
    case SP_CONTACT_FIELD_NOTE: return GTK_WIDGET (self->note_row);
    case SP_CONTACT_FIELD_NONE:
    default:
      return NULL;
    }
}

/*
 * The contact the form describes.  When something is wrong, @message says
 * what and @widget where; the contact is still returned, as far as it goes.
 */
static SpContact *
collect (SpContactForm  *self,
         char          **message,
         GtkWidget     **widget)
{
  g_autoptr(SpContact) c = self->original ? sp_contact_copy (self->original) : sp_contact_new ();
  g_autoptr(GError) error = NULL;
  SpDateTimeRow *times[] = {
    self->received_row, self->first_response_row, self->resolved_row,
    self->escalated_at_row, self->escalation_resolved_row,
  };
  SpContactField field = SP_CONTACT_FIELD_NONE;
  gboolean escalated = adw_expander_row_get_enable_expansion (self->escalated_row);
  g_autofree char *agent = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *topic = NULL;
  g_autofree char *note = NULL;
  g_autofree char *to = NULL;
  g_autofree char *reason = NULL;

  *message = NULL;
  *widget = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      if (i >= 3 && !escalated)
        break;

      if (sp_date_time_row_get_error (times[i]) != NULL)
        {
          *message = g_strdup (sp_date_time_row_get_error (times[i]));
          *widget = GTK_WIDGET (times[i]);
          break;
        }
    }

  c->received_at = sp_date_time_row_get_time (self->received_row);
  c->channel = (SpChannel) adw_combo_row_get_selected (self->channel_row);
  c->priority = (SpPriority) adw_combo_row_get_selected (self->priority_row);
  c->first_response_at = sp_date_time_row_get_time (self->first_response_row);
  c->resolved_at = sp_date_time_row_get_time (self->resolved_row);
  c->resolved_first_contact = gtk_switch_get_active (self->fcr_switch);
  c->complaint = gtk_switch_get_active (self->complaint_switch);
  c->escalated = escalated;

  /* names are looked up again on save: they may have been typed anew */
  agent = sp_name_row_dup_name (self->agent_row);
  customer = sp_name_row_dup_name (self->customer_row);
  topic = sp_name_row_dup_name (self->topic_row);
  c->agent_id = c->customer_id = c->category_id = 0;
  sp_contact_set_agent_name (c, agent);
  sp_contact_set_customer_name (c, customer);
  sp_contact_set_category_name (c, topic);

  note = entry_text (self->note_row);
  sp_contact_set_note (c, note);

  if (escalated)
    {
      to = entry_text (self->escalated_to_row);
      reason = entry_text (self->reason_row);
      c->escalated_at = sp_date_time_row_get_time (self->escalated_at_row);
      c->escalation_resolved_at = sp_date_time_row_get_time (self->escalation_resolved_row);
    }
  else
    {
      c->escalated_at = SP_TIME_NONE;
      c->escalation_resolved_at = SP_TIME_NONE;
    }
  sp_contact_set_escalated_to (c, to);
  sp_contact_set_escalation_reason (c, reason);

  if (*message == NULL)
    {
      if (!read_minutes (self->talk_entry, _("Talk minutes"), &c->talk_min, message))
        *widget = GTK_WIDGET (self->talk_entry);
      else if (!read_minutes (self->hold_entry, _("Hold minutes"), &c->hold_min, message))
        *widget = GTK_WIDGET (self->hold_entry);
      else if (!read_minutes (self->wrap_entry, _("Wrap-up minutes"), &c->wrap_min, message))
        *widget = GTK_WIDGET (self->wrap_entry);
    }

  if (*message == NULL && !sp_contact_validate (c, &field, &error))
    {
      *message = g_strdup (error->message);
      *widget = widget_for_field (self, field);
    }

  return g_steal_pointer (&c);
}

static gboolean
is_blank_widget (GtkWidget *widget)
{
  if (GTK_IS_EDITABLE (widget))
    return sp_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (widget)));
  return FALSE;
}

static void
update_validation (SpContactForm *self)
{
  g_autoptr(SpContact) c = NULL;
  g_autofree char *message = NULL;
  GtkWidget *widget = NULL;
  gboolean valid;

  c = collect (self, &message, &widget);
  valid = message == NULL;

  if (self->error_widget != NULL && self->error_widget != widget)
    gtk_widget_remove_css_class (self->error_widget, "error");
  self->error_widget = widget;

  /* what is missing is said, not marked red: only what is wrong is */
  if (widget != NULL && !is_blank_widget (widget))
    gtk_widget_add_css_class (widget, "error");

  sp_form_set_problem (SP_FORM (self), message);

  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, !valid);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save-another", valid);
  gtk_widget_set_tooltip_text (self->save_button, valid ? _("Save (Enter)") : message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  valid ? "" : message, -1);

  /* something wrong, not just missing, shows in red */
  if (widget != NULL && !is_blank_widget (widget))
    gtk_widget_add_css_class (gtk_widget_get_parent (GTK_WIDGET (self->message_label)),
                              "sp-invalid");
  else
    gtk_widget_remove_css_class (gtk_widget_get_parent (GTK_WIDGET (self->message_label)),
                                 "sp-invalid");
}

static void
update_base_times (SpContactForm *self)
{
  SpTime received = sp_date_time_row_get_time (self->received_row);
  SpTime escalated = sp_date_time_row_get_time (self->escalated_at_row);

  sp_date_time_row_set_base_time (self->first_response_row, received);
  sp_date_time_row_set_base_time (self->resolved_row, received);
  sp_date_time_row_set_base_time (self->escalated_at_row, received);
  sp_date_time_row_set_base_time (self->escalation_resolved_row,
                                  escalated != SP_TIME_NONE ? escalated : received);
}

static void
field_changed_cb (SpContactForm *self)
{
  update_base_times (self);

  if (!self->loading)
    sp_form_mark_changed (SP_FORM (self));

  update_validation (self);
}

/* Filling the fields */

static void
set_minutes (GtkEntry *entry,
             double    minutes)
{
  g_autofree char *text = NULL;

  /* %g follows the locale's decimal separator, which the parser accepts */
  if (!isnan (minutes))
    text = g_strdup_printf ("%g", minutes);

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

static void
load (SpContactForm *self,
      SpContact     *c)
{
  self->loading = TRUE;

  sp_date_time_row_set_time (self->received_row, c->received_at);
  adw_combo_row_set_selected (self->channel_row, c->channel);
  sp_name_row_set_name (self->agent_row, c->agent_name);
  sp_name_row_set_name (self->customer_row, c->customer_name);
  sp_name_row_set_name (self->topic_row, c->category_name);
  adw_combo_row_set_selected (self->priority_row, c->priority);
  sp_date_time_row_set_time (self->first_response_row, c->first_response_at);
  sp_date_time_row_set_time (self->resolved_row, c->resolved_at);
  gtk_switch_set_active (self->fcr_switch, c->resolved_first_contact);
  set_minutes (self->talk_entry, c->talk_min);
  set_minutes (self->hold_entry, c->hold_min);
  set_minutes (self->wrap_entry, c->wrap_min);
  gtk_switch_set_active (self->complaint_switch, c->complaint);
  adw_expander_row_set_enable_expansion (self->escalated_row, c->escalated);
  adw_expander_row_set_expanded (self->escalated_row, c->escalated);
  sp_date_time_row_set_time (self->escalated_at_row, c->escalated_at);
  sp_name_row_set_name (self->escalated_to_row, c->escalated_to);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row),
                         c->escalation_reason ? c->escalation_reason : "");
  sp_date_time_row_set_time (self->escalation_resolved_row, c->escalation_resolved_at);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), c->note ? c->note : "");

  self->loading = FALSE;

  update_base_times (self);
  update_validation (self);
  sp_form_set_dirty (SP_FORM (self), FALSE);
}

/* A new contact: now, with the agent and channel used last */
static void
load_new (SpContactForm *self,
          const char    *agent,
          SpChannel      channel)
{
  g_autoptr(SpContact) c = sp_contact_new ();
  SpTime now = sp_time_now ();

  c->received_at = now - now % 60;
  c->channel = channel;
  c->agent_name = g_strdup (agent);
  load (self, c);

  /* the same first field every time: the one that changes from contact to contact */
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_row));
}

static void
load_defaults (SpContactForm *self)
{
  SpStore *store = sp_form_get_store (SP_FORM (self));
  g_autofree char *agent = sp_store_dup_setting (store, SETTING_LAST_AGENT);
  g_autofree char *channel_key = sp_store_dup_setting (store, SETTING_LAST_CHANNEL);
  SpChannel channel = SP_CHANNEL_PHONE;
  gint64 agent_id;

  if (channel_key == NULL || !sp_channel_from_string (channel_key, &channel))
    channel = SP_CHANNEL_PHONE;

  /* an agent who left is no longer the default */
  agent_id = agent ? sp_store_find_entity (store, SP_ENTITY_AGENT, agent) : 0;
  if (agent_id > 0)
    {
      g_autoptr(SpEntity) entity = sp_store_load_entity (store, SP_ENTITY_AGENT, agent_id, NULL);

      if (entity == NULL || !entity->active)
        g_clear_pointer (&agent, g_free);
    }
  else
    g_clear_pointer (&agent, g_free);

  load_new (self, agent, channel);
}

/* Saving */

/* Times that may be right but are more likely typing mistakes; NULL when none */
static const char *
unlikely_times (SpContact *c)
{
  if (c->received_at != SP_TIME_NONE && c->received_at > sp_time_now ())
    return _("The contact was received in the future.");
  if (c->first_response_at != SP_TIME_NONE && c->first_response_at > sp_time_now ())
    return _("The first response is in the future.");
  if (c->first_response_at != SP_TIME_NONE && c->resolved_at != SP_TIME_NONE &&
      c->resolved_at < c->first_response_at)
    return _("The contact was resolved before the first response.");
  return NULL;
}

static void start_next (SpContactForm *self);

static gboolean
save_contact (SpContactForm  *self,
              gboolean        another,
              GError        **error)
{
  SpStore *store = sp_form_get_store (SP_FORM (self));
  g_autoptr(SpContact) c = NULL;
  g_autofree char *message = NULL;
  GtkWidget *widget = NULL;
  const char *warning;

  sp_date_time_row_normalize (self->received_row);

  c = collect (self, &message, &widget);
  if (message != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return FALSE;
    }

  /* opened and saved as it was: nothing to write, and no one else's change to go over */
  if (self->original != NULL && !sp_form_differs_from (SP_FORM (self), G_OBJECT (self->original)))
    return TRUE;

  if (!sp_form_get_times_accepted (SP_FORM (self)) && (warning = unlikely_times (c)) != NULL)
    {
      sp_form_ask_about_times (SP_FORM (self), warning,
                               another ? "form.save-another" : "form.save");
      return FALSE;
    }

  if (!sp_store_save_contact (store, c, error))
    return FALSE;

  /* the next contact starts with this agent and channel */
  sp_store_set_setting (store, SETTING_LAST_AGENT, c->agent_name, NULL);
  sp_store_set_setting (store, SETTING_LAST_CHANNEL, sp_channel_to_string (c->channel), NULL);

  /* "Contact logged", with Undo, and Ctrl+Z in the window later */
  sp_undo_record_saved (GTK_WIDGET (self), store, G_OBJECT (c), G_OBJECT (self->original),
                        self->original ? _("Contact saved") : _("Contact logged"));
  return TRUE;
}

static gboolean
sp_contact_form_save (SpForm  *form,
                      GError **error)
{
  return save_contact (SP_CONTACT_FORM (form), FALSE, error);
}

static void
save_another_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SpContactForm *self = SP_CONTACT_FORM (widget);
  g_autoptr(GError) error = NULL;

  if (self->original != NULL)
    {
      sp_form_save (SP_FORM (self));
      return;
    }

  if (!save_contact (self, TRUE, &error))
    {
      if (error != NULL)
        sp_form_show_error (SP_FORM (self), _("Not Saved"), error);
      return;
    }

  start_next (self);
}

static void
start_next (SpContactForm *self)
{
  g_autofree char *agent = sp_name_row_dup_name (self->agent_row);
  SpChannel channel = (SpChannel) adw_combo_row_get_selected (self->channel_row);

  load_new (self, agent, channel);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpContactForm *self = SP_CONTACT_FORM (widget);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->original == NULL)
    return;

  if (!sp_delete_contact_with_undo (parent ? GTK_WIDGET (parent) : widget,
                                    sp_form_get_store (SP_FORM (self)),
                                    self->original->id, &error))
    {
      sp_form_show_error (SP_FORM (self), _("Not Deleted"), error);
      return;
    }

  sp_form_set_dirty (SP_FORM (self), FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Someone else saved the contact while it was open here */

static GObject *
sp_contact_form_load_stored (SpForm  *form,
                             GError **error)
{
  SpContactForm *self = SP_CONTACT_FORM (form);

  g_return_val_if_fail (self->original != NULL, NULL);

  return G_OBJECT (sp_store_load_contact (sp_form_get_store (form), self->original->id, error));
}

static void
add_time (GPtrArray  *differences,
          const char *label,
          SpTime      theirs,
          SpTime      mine)
{
  g_autofree char *a = sp_time_format_display (theirs);
  g_autofree char *b = sp_time_format_display (mine);

  sp_form_add_difference (differences, label, a, b);
}

static char *
format_minutes (double minutes)
{
  /* %g follows the locale's decimal separator, as the form does */
  return isnan (minutes) ? NULL : g_strdup_printf ("%g", minutes);
}

static void
add_minutes (GPtrArray  *differences,
             const char *label,
             double      theirs,
             double      mine)
{
  g_autofree char *a = format_minutes (theirs);
  g_autofree char *b = format_minutes (mine);

  sp_form_add_difference (differences, label, a, b);
}

static void
add_yes_no (GPtrArray  *differences,
            const char *label,
            gboolean    theirs,
            gboolean    mine)
{
  sp_form_add_difference (differences, label, theirs ? _("Yes") : _("No"),
                          mine ? _("Yes") : _("No"));
}

static void
sp_contact_form_list_differences (SpForm    *form,
                                  GObject   *stored,
                                  GPtrArray *differences)
{
  SpContactForm *self = SP_CONTACT_FORM (form);
  SpContact *theirs = SP_CONTACT (stored);
  g_autoptr(SpContact) mine = NULL;
  g_autofree char *message = NULL;
  GtkWidget *widget = NULL;

  mine = collect (self, &message, &widget);
  /* as it would be saved */
  sp_contact_apply_defaults (mine);

  add_time (differences, _("Received"), theirs->received_at, mine->received_at);
  sp_form_add_difference (differences, _("Channel"), sp_channel_get_label (theirs->channel),
                          sp_channel_get_label (mine->channel));
  sp_form_add_difference (differences, _("Agent"), theirs->agent_name, mine->agent_name);
  sp_form_add_difference (differences, _("Customer"), theirs->customer_name,
                          mine->customer_name);
  sp_form_add_difference (differences, _("Topic"), theirs->category_name, mine->category_name);
  sp_form_add_difference (differences, _("Priority"), sp_priority_get_label (theirs->priority),
                          sp_priority_get_label (mine->priority));
  add_time (differences, _("First response"), theirs->first_response_at,
            mine->first_response_at);
  add_time (differences, _("Resolved"), theirs->resolved_at, mine->resolved_at);
  add_yes_no (differences, _("Resolved on first contact"), theirs->resolved_first_contact,
              mine->resolved_first_contact);
  add_minutes (differences, _("Talk minutes"), theirs->talk_min, mine->talk_min);
  add_minutes (differences, _("Hold minutes"), theirs->hold_min, mine->hold_min);
  add_minutes (differences, _("Wrap-up minutes"), theirs->wrap_min, mine->wrap_min);
  add_yes_no (differences, _("Complaint"), theirs->complaint, mine->complaint);
  add_yes_no (differences, _("Escalated"), theirs->escalated, mine->escalated);
  if (theirs->escalated || mine->escalated)
    {
      add_time (differences, _("Escalated at"), theirs->escalated_at, mine->escalated_at);
      sp_form_add_difference (differences, _("Escalated to"), theirs->escalated_to,
                              mine->escalated_to);
      sp_form_add_difference (differences, _("Why"), theirs->escalation_reason,
                              mine->escalation_reason);
      add_time (differences, _("Escalation resolved"), theirs->escalation_resolved_at,
                mine->escalation_resolved_at);
    }
  sp_form_add_difference (differences, _("Note"), theirs->note, mine->note);
}

static void
sp_contact_form_take_stored (SpForm   *form,
                             GObject  *stored,
                             gboolean  keep_typed)
{
  SpContactForm *self = SP_CONTACT_FORM (form);

  /* what Undo puts back is their version */
  g_clear_object (&self->original);
  self->original = sp_contact_copy (SP_CONTACT (stored));

  if (!keep_typed)
    load (self, self->original);
}

/* GObject */

static void
sp_contact_form_constructed (GObject *object)
{
  SpContactForm *self = SP_CONTACT_FORM (object);
  SpStore *store = sp_form_get_store (SP_FORM (self));

  G_OBJECT_CLASS (sp_contact_form_parent_class)->constructed (object);

  g_return_if_fail (SP_IS_STORE (store));

  sp_name_row_set_store (self->agent_row, store);
  sp_name_row_set_store (self->customer_row, store);
  sp_name_row_set_store (self->topic_row, store);
  sp_name_row_set_escalation_targets (self->escalated_to_row, TRUE);
  sp_name_row_set_store (self->escalated_to_row, store);
}

static void
sp_contact_form_dispose (GObject *object)
{
  SpContactForm *self = SP_CONTACT_FORM (object);

  g_clear_handle_id (&self->scroll_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_CONTACT_FORM);
  g_clear_object (&self->original);

  G_OBJECT_CLASS (sp_contact_form_parent_class)->dispose (object);
}

static void
sp_contact_form_class_init (SpContactFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpFormClass *form_class = SP_FORM_CLASS (klass);

  object_class->constructed = sp_contact_form_constructed;
  object_class->dispose = sp_contact_form_dispose;

  form_class->save = sp_contact_form_save;
  form_class->load_stored = sp_contact_form_load_stored;
  form_class->list_differences = sp_contact_form_list_differences;
  form_class->take_stored = sp_contact_form_take_stored;

  g_type_ensure (SP_TYPE_DATE_TIME_ROW);
  g_type_ensure (SP_TYPE_NAME_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sp-contact-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, save_button);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, save_another_button);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, received_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, channel_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, agent_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, customer_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, topic_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, priority_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, first_response_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, resolved_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, fcr_switch);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, talk_entry);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, hold_entry);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, wrap_entry);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, complaint_switch);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, escalated_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, escalated_at_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, escalated_to_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, escalation_resolved_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, note_row);
  gtk_widget_class_bind_template_child (widget_class, SpContactForm, delete_button);

  gtk_widget_class_install_action (widget_class, "form.save-another", NULL, save_another_action);
  gtk_widget_class_install_action (widget_class, "form.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "form.save-another", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "form.save-another", NULL);
}

/*
 * Space on a switch turns it over.  The switch rows are one Tab stop (the
 * switch), and the list they sit in would otherwise take Space to
 * activate whichever row it last had the cursor on.
 */
static gboolean
key_pressed_cb (SpContactForm   *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if ((keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 || focus == NULL)
    return FALSE;

  if (GTK_IS_SWITCH (focus))
    {
      gtk_switch_set_active (GTK_SWITCH (focus), !gtk_switch_get_active (GTK_SWITCH (focus)));
      return TRUE;
    }

  /* the Escalated row's own line, not the fields it opens */
  if (ADW_IS_ACTION_ROW (focus) &&
      gtk_widget_get_ancestor (focus, ADW_TYPE_EXPANDER_ROW) == GTK_WIDGET (self->escalated_row))
    {
      gboolean on = !adw_expander_row_get_enable_expansion (self->escalated_row);

      adw_expander_row_set_enable_expansion (self->escalated_row, on);
      adw_expander_row_set_expanded (self->escalated_row, on);
      return TRUE;
    }

  return FALSE;
}

/* Once the escalation fields have opened, the form scrolls to show them all */
static gboolean
scroll_to_escalation (gpointer data)
{
  SpContactForm *self = data;
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t bounds;
  double top, bottom;

  self->scroll_source = 0;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (self->escalated_row), viewport, &bounds))
    return G_SOURCE_REMOVE;

  top = bounds.origin.y;
  bottom = top + bounds.size.height;
  if (bottom > page)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                          MIN (bottom - page, MAX (top, 0)));

  return G_SOURCE_REMOVE;
}

static void
escalation_expanded_cb (SpContactForm *self)
{
  if (!adw_expander_row_get_expanded (self->escalated_row) || self->loading)
    return;

  /* after the rows have slid open */
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  self->scroll_source = g_timeout_add (300, scroll_to_escalation, self);
}

/* The Escalated row is one Tab stop too: its line, not the switch on it */
static void
make_switch_unfocusable (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SWITCH (child))
        gtk_widget_set_focusable (child, FALSE);
      else
        make_switch_unfocusable (child);
    }
}

static void
sp_contact_form_init (SpContactForm *self)
{
  GtkEventController *keys;

  g_autoptr(GtkStringList) channels = channel_labels ();
  g_autoptr(GtkStringList) priorities = priority_labels ();
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
  adw_combo_row_set_model (self->priority_row, G_LIST_MODEL (priorities));

  sp_name_row_set_kind (self->agent_row, SP_ENTITY_AGENT);
  sp_name_row_set_kind (self->customer_row, SP_ENTITY_CUSTOMER);
  sp_name_row_set_kind (self->topic_row, SP_ENTITY_CATEGORY);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  {
    gpointer editables[] = {
      self->received_row, self->agent_row, self->customer_row, self->topic_row,
      self->first_response_row, self->resolved_row, self->talk_entry, self->hold_entry,
      self->wrap_entry, self->escalated_at_row, self->escalated_to_row, self->reason_row,
      self->escalation_resolved_row, self->note_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (editables); i++)
      g_signal_connect_swapped (editables[i], "changed", G_CALLBACK (field_changed_cb), self);
  }

  g_signal_connect_swapped (self->channel_row, "notify::selected",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->priority_row, "notify::selected",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->fcr_switch, "notify::active",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->complaint_switch, "notify::active",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->escalated_row, "notify::enable-expansion",
                            G_CALLBACK (field_changed_cb), self);

  make_switch_unfocusable (GTK_WIDGET (self->escalated_row));
  g_signal_connect_swapped (self->escalated_row, "notify::expanded",
                            G_CALLBACK (escalation_expanded_cb), self);
  add_type_ahead (self->channel_row);
  add_type_ahead (self->priority_row);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * sp_contact_form_new:
 * @contact: (nullable): the contact to edit, or %NULL to log a new one
 */
SpContactForm *
sp_contact_form_new (SpStore   *store,
                     SpContact *contact)
{
  SpContactForm *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (!contact || SP_IS_CONTACT (contact), NULL);

  self = g_object_new (SP_TYPE_CONTACT_FORM, "store", store, NULL);

  if (contact != NULL)
    {
      /* a copy: the lists share their records */
      self->original = sp_contact_copy (contact);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Contact"));
      adw_window_title_set_title (self->window_title, _("Edit Contact"));
      gtk_widget_set_visible (self->save_another_button, FALSE);
      gtk_widget_set_visible (self->delete_button, TRUE);
      load (self, self->original);
      gtk_widget_grab_focus (GTK_WIDGET (self->customer_row));
    }
  else
    {
      load_defaults (self);
    }

  return self;
}
