/* sp-shift.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-shift"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-error.h"
#include "sp-parse.h"
#include "sp-shift.h"

G_DEFINE_FINAL_TYPE (SpShift, sp_shift, G_TYPE_OBJECT)

static void
sp_shift_finalize (GObject *object)
{
  SpShift *self = (SpShift *) object;

  g_clear_pointer (&self->agent_name, g_free);

  G_OBJECT_CLASS (sp_shift_parent_class)->finalize (object);
}

static void
sp_shift_class_init (SpShiftClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_shift_finalize;
}

static void
sp_shift_init (SpShift *self)
{
  self->date = SP_DATE_NONE;
  self->available_hours = NAN;
}

SpShift *
sp_shift_new (void)
{
  return g_object_new (SP_TYPE_SHIFT, NULL);
}

SpShift *
sp_shift_new_full (SpDate      date,
                   const char *agent_name,
                   double      available_hours)
{
  SpShift *self = sp_shift_new ();

  self->date = date;
  self->agent_name = g_strdup (agent_name);
  self->available_hours = available_hours;

  return self;
}

SpShift *
sp_shift_copy (SpShift *self)
{
  SpShift *copy;

  g_return_val_if_fail (SP_IS_SHIFT (self), NULL);

  copy = sp_shift_new_full (self->date, self->agent_name, self->available_hours);
  copy->id = self->id;
  copy->agent_id = self->agent_id;
  copy->revision = self->revision;

  return copy;
}

void
sp_shift_set_agent_name (SpShift    *self,
                         const char *name)
{
  g_return_if_fail (SP_IS_SHIFT (self));
  sp_str_set_nonblank (&self->agent_name, name);
}

gboolean
sp_shift_validate (SpShift  *self,
                   GError  **error)
{
  g_return_val_if_fail (SP_IS_SHIFT (self), FALSE);

  if (self->date == SP_DATE_NONE)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Enter the day of the shift."));
      return FALSE;
    }

  if (self->agent_id <= 0 && sp_str_is_blank (self->agent_name))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Choose the agent."));
      return FALSE;
    }

  if (isnan (self->available_hours) || self->available_hours <= 0 ||
      self->available_hours > 24)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Available hours must be more than 0 and at most 24."));
      return FALSE;
    }

  return TRUE;
}
