/* sp-survey.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-survey"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-error.h"
#include "sp-parse.h"
#include "sp-survey.h"

G_DEFINE_FINAL_TYPE (SpSurvey, sp_survey, G_TYPE_OBJECT)

static void
sp_survey_finalize (GObject *object)
{
  SpSurvey *self = (SpSurvey *) object;

  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->agent_name, g_free);
  g_clear_pointer (&self->category_name, g_free);
  g_clear_pointer (&self->comment, g_free);

  G_OBJECT_CLASS (sp_survey_parent_class)->finalize (object);
}

static void
sp_survey_class_init (SpSurveyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_survey_finalize;
}

static void
sp_survey_init (SpSurvey *self)
{
  self->answered_at = SP_TIME_NONE;
  self->kind = SP_SURVEY_CSAT;
  self->score = -1;
  self->channel = SP_CHANNEL_NONE;
}

SpSurvey *
sp_survey_new (void)
{
  return g_object_new (SP_TYPE_SURVEY, NULL);
}

SpSurvey *
sp_survey_copy (SpSurvey *self)
{
  SpSurvey *copy;

  g_return_val_if_fail (SP_IS_SURVEY (self), NULL);

  copy = sp_survey_new ();
  copy->id = self->id;
  copy->answered_at = self->answered_at;
  copy->kind = self->kind;
  copy->score = self->score;
  copy->customer_id = self->customer_id;
  copy->customer_name = g_strdup (self->customer_name);
  copy->agent_id = self->agent_id;
  copy->agent_name = g_strdup (self->agent_name);
  copy->channel = self->channel;
  copy->category_id = self->category_id;
  copy->category_name = g_strdup (self->category_name);
  copy->comment = g_strdup (self->comment);
  copy->contact_id = self->contact_id;
  copy->revision = self->revision;

  return copy;
}

void
sp_survey_set_customer_name (SpSurvey   *self,
                             const char *name)
{
  g_return_if_fail (SP_IS_SURVEY (self));
  sp_str_set_nonblank (&self->customer_name, name);
}

void
sp_survey_set_agent_name (SpSurvey   *self,
                          const char *name)
{
  g_return_if_fail (SP_IS_SURVEY (self));
  sp_str_set_nonblank (&self->agent_name, name);
}

void
sp_survey_set_category_name (SpSurvey   *self,
                             const char *name)
{
  g_return_if_fail (SP_IS_SURVEY (self));
  sp_str_set_nonblank (&self->category_name, name);
}

void
sp_survey_set_comment (SpSurvey   *self,
                       const char *comment)
{
  g_return_if_fail (SP_IS_SURVEY (self));
  sp_str_set_nonblank (&self->comment, comment);
}

gboolean
sp_survey_validate (SpSurvey       *self,
                    SpSurveyField  *field,
                    GError        **error)
{
  int min, max;

  g_return_val_if_fail (SP_IS_SURVEY (self), FALSE);

  if (field)
    *field = SP_SURVEY_FIELD_NONE;

  if (self->answered_at == SP_TIME_NONE)
    {
      if (field)
        *field = SP_SURVEY_FIELD_ANSWERED_AT;
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Enter when the customer answered."));
      return FALSE;
    }

  if (self->kind < 0 || self->kind >= SP_N_SURVEY_KINDS)
    {
      if (field)
        *field = SP_SURVEY_FIELD_KIND;
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Choose the kind of survey: CSAT, NPS or CES."));
      return FALSE;
    }

  if (self->channel < SP_CHANNEL_NONE || self->channel >= SP_N_CHANNELS)
    {
      if (field)
        *field = SP_SURVEY_FIELD_CHANNEL;
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Choose a channel."));
      return FALSE;
    }

  sp_survey_kind_get_range (self->kind, &min, &max);

  if (self->score < min || self->score > max)
    {
      if (field)
        *field = SP_SURVEY_FIELD_SCORE;
      if (self->score < 0)
        g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                     /* TRANSLATORS: the lowest and the highest score */
                     _("Choose a score from %d to %d."), min, max);
      else
        g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                     /* TRANSLATORS: the survey ("CSAT"), the lowest and highest score, and the
                      * score given */
                     _("A %s score must be from %d to %d, not %d."),
                     sp_survey_kind_get_short_label (self->kind), min, max, self->score);
      return FALSE;
    }

  if (self->comment != NULL && !g_utf8_validate (self->comment, -1, NULL))
    {
      if (field)
        *field = SP_SURVEY_FIELD_COMMENT;
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("The comment is not valid text."));
      return FALSE;
    }

  return TRUE;
}
