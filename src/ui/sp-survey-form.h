/* sp-survey-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-form.h"

G_BEGIN_DECLS

#define SP_TYPE_SURVEY_FORM (sp_survey_form_get_type ())

G_DECLARE_FINAL_TYPE (SpSurveyForm, sp_survey_form, SP, SURVEY_FORM, SpForm)

SpSurveyForm *sp_survey_form_new          (SpStore      *store,
                                           SpSurvey     *survey);
int           sp_survey_form_get_score    (SpSurveyForm *self);
void          sp_survey_form_link_contact (SpSurveyForm *self,
                                           gint64        contact_id);

G_END_DECLS
