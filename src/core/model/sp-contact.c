/* sp-contact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-contact"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-contact.h"
#include "sp-error.h"
#include "sp-parse.h"

G_DEFINE_FINAL_TYPE (SpContact, sp_contact, G_TYPE_OBJECT)

static void
sp_contact_finalize (GObject *object)
{
  SpContact *self = (SpContact *) object;

  g_clear_pointer (&self->agent_name, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->category_name, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->escalated_to, g_free);
  g_clear_pointer (&self->escalation_reason, g_free);

  G_OBJECT_CLASS (sp_contact_parent_class)->finalize (object);
}

static void
sp_contact_class_init (SpContactClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_contact_finalize;
}

static void
sp_contact_init (SpContact *self)
{
  self->received_at = SP_TIME_NONE;
  self->channel = SP_CHANNEL_PHONE;
  self->priority = SP_PRIORITY_NORMAL;
  self->first_response_at = SP_TIME_NONE;
  self->resolved_at = SP_TIME_NONE;
  self->talk_min = NAN;
  self->hold_min = NAN;
  self->wrap_min = NAN;
  self->escalated_at = SP_TIME_NONE;
  self->escalation_resolved_at = SP_TIME_NONE;
}

SpContact *
sp_contact_new (void)
{
  return g_object_new (SP_TYPE_CONTACT, NULL);
}

SpContact *
sp_contact_copy (SpContact *self)
{
  SpContact *copy;

  g_return_val_if_fail (SP_IS_CONTACT (self), NULL);

  copy = sp_contact_new ();
  copy->id = self->id;
  copy->received_at = self->received_at;
  copy->channel = self->channel;
  copy->agent_id = self->agent_id;
  copy->agent_name = g_strdup (self->agent_name);
  copy->customer_id = self->customer_id;
  copy->customer_name = g_strdup (self->customer_name);
  copy->category_id = self->category_id;
  copy->category_name = g_strdup (self->category_name);
  copy->priority = self->priority;
  copy->first_response_at = self->first_response_at;
  copy->resolved_at = self->resolved_at;
  copy->resolved_first_contact = self->resolved_first_contact;
  copy->escalated = self->escalated;
  copy->talk_min = self->talk_min;
  copy->hold_min = self->hold_min;
  copy->wrap_min = self->wrap_min;
  copy->complaint = self->complaint;
  copy->note = g_strdup (self->note);
  copy->escalated_at = self->escalated_at;
  copy->escalated_to = g_strdup (self->escalated_to);
  copy->escalation_reason = g_strdup (self->escalation_reason);
  copy->escalation_resolved_at = self->escalation_resolved_at;
  copy->is_repeat = self->is_repeat;
  copy->followed_up = self->followed_up;
  copy->revision = self->revision;

  return copy;
}

void
sp_contact_set_agent_name (SpContact  *self,
                           const char *name)
{
  g_return_if_fail (SP_IS_CONTACT (self));
  sp_str_set_nonblank (&self->agent_name, name);
}

void
sp_contact_set_customer_name (SpContact  *self,
                              const char *name)
{
  g_return_if_fail (SP_IS_CONTACT (self));
  sp_str_set_nonblank (&self->customer_name, name);
}

void
sp_contact_set_category_name (SpContact  *self,
                              const char *name)
{
  g_return_if_fail (SP_IS_CONTACT (self));
  sp_str_set_nonblank (&self->category_name, name);
}

void
sp_contact_set_note (SpContact  *self,
                     const char *note)
{
  g_return_if_fail (SP_IS_CONTACT (self));
  sp_str_set_nonblank (&self->note, note);
}

void
sp_contact_set_escalated_to (SpContact  *self,
                             const char *name)
{
  g_return_if_fail (SP_IS_CONTACT (self));
  sp_str_set_nonblank (&self->escalated_to, name);
}

void
sp_contact_set_escalation_reason (SpContact  *self,
                                  const char *reason)
{
  g_return_if_fail (SP_IS_CONTACT (self));
  sp_str_set_nonblank (&self->escalation_reason, reason);
}

static double
minutes_or_zero (double v)
{
  return isnan (v) ? 0.0 : v;
}

double
sp_contact_get_handle_minutes (SpContact *self)
{
  g_return_val_if_fail (SP_IS_CONTACT (self), NAN);

  if (isnan (self->talk_min) && isnan (self->hold_min) && isnan (self->wrap_min))
    return NAN;

  return minutes_or_zero (self->talk_min) + minutes_or_zero (self->hold_min) +
         minutes_or_zero (self->wrap_min);
}

gboolean
sp_contact_is_open (SpContact *self)
{
  g_return_val_if_fail (SP_IS_CONTACT (self), FALSE);
  return self->resolved_at == SP_TIME_NONE;
}

/*
 * KPI-SPEC §1: a contact resolved on first contact without a resolution
 * time is resolved when its handling ended.
 */
void
sp_contact_apply_defaults (SpContact *self)
{
  g_return_if_fail (SP_IS_CONTACT (self));

  if (self->resolved_first_contact && self->resolved_at == SP_TIME_NONE &&
      self->received_at != SP_TIME_NONE)
    {
      double minutes = minutes_or_zero (self->talk_min) + minutes_or_zero (self->hold_min) +
                       minutes_or_zero (self->wrap_min);

      self->resolved_at = self->received_at + (SpTime) llround (minutes * 60.0);
    }

  if (self->escalated && self->escalated_at == SP_TIME_NONE)
    self->escalated_at = self->received_at;
}

static gboolean
fail (SpContactField   what,
      SpContactField  *field,
      GError         **error,
      const char      *message)
{
  if (field)
    *field = what;
  g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_minutes (double           value,
               SpContactField   what,
               const char      *message,
               SpContactField  *field,
               GError         **error)
{
  if (isnan (value))
    return TRUE;
  if (!isfinite (value) || value < 0)
    return fail (what, field, error, message);
  return TRUE;
}

/*
 * Checks every rule of KPI-SPEC §1 that can be checked without the
 * database.  The message says what to fix; @field says where.
 */
gboolean
sp_contact_validate (SpContact       *self,
                     SpContactField  *field,
                     GError         **error)
{
  g_return_val_if_fail (SP_IS_CONTACT (self), FALSE);

  if (field)
    *field = SP_CONTACT_FIELD_NONE;

  if (self->received_at == SP_TIME_NONE)
    return fail (SP_CONTACT_FIELD_RECEIVED_AT, field, error,
                 _("Enter when the contact was received."));

  if (self->channel < 0 || self->channel >= SP_N_CHANNELS)
    return fail (SP_CONTACT_FIELD_CHANNEL, field, error, _("Choose a channel."));

  if (self->agent_id <= 0 && sp_str_is_blank (self->agent_name))
    return fail (SP_CONTACT_FIELD_AGENT, field, error, _("Choose the agent who handled it."));

  if (self->priority < 0 || self->priority >= SP_N_PRIORITIES)
    return fail (SP_CONTACT_FIELD_PRIORITY, field, error, _("Choose a priority."));

  if (self->first_response_at != SP_TIME_NONE && self->first_response_at < self->received_at)
    return fail (SP_CONTACT_FIELD_FIRST_RESPONSE_AT, field, error,
                 _("The first response is before the contact was received."));

  if (self->resolved_at != SP_TIME_NONE && self->resolved_at < self->received_at)
    return fail (SP_CONTACT_FIELD_RESOLVED_AT, field, error,
                 _("The resolution is before the contact was received."));

  if (!check_minutes (self->talk_min, SP_CONTACT_FIELD_TALK_MIN,
                      _("Talk minutes can't be negative."), field, error) ||
      !check_minutes (self->hold_min, SP_CONTACT_FIELD_HOLD_MIN,
                      _("Hold minutes can't be negative."), field, error) ||
      !check_minutes (self->wrap_min, SP_CONTACT_FIELD_WRAP_MIN,
                      _("Wrap-up minutes can't be negative."), field, error))
    return FALSE;

  if (self->escalated)
    {
      if (self->escalated_at != SP_TIME_NONE && self->escalated_at < self->received_at)
        return fail (SP_CONTACT_FIELD_ESCALATED_AT, field, error,
                     _("The escalation is before the contact was received."));

      if (self->escalation_resolved_at != SP_TIME_NONE &&
          self->escalation_resolved_at < MAX (self->received_at, self->escalated_at))
        return fail (SP_CONTACT_FIELD_ESCALATION_RESOLVED_AT, field, error,
                     _("The escalation is resolved before it was escalated."));
    }

  if (self->note != NULL && !g_utf8_validate (self->note, -1, NULL))
    return fail (SP_CONTACT_FIELD_NOTE, field, error, _("The note is not valid text."));

  return TRUE;
}
