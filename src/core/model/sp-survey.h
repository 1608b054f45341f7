/* sp-survey.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-enums.h"
#include "sp-time.h"

G_BEGIN_DECLS

#define SP_TYPE_SURVEY (sp_survey_get_type ())

G_DECLARE_FINAL_TYPE (SpSurvey, sp_survey, SP, SURVEY, GObject)

/*
 * One survey answer (KPI-SPEC §1).  Customer, agent, channel and topic are
 * optional: 0 ids and NULL names, SP_CHANNEL_NONE.  contact_id links the
 * answer to the contact it is about, when known.
 */
struct _SpSurvey
{
  GObject       parent_instance;

  gint64        id;
  SpTime        answered_at;
  SpSurveyKind  kind;
  int           score;
  gint64        customer_id;
  char         *customer_name;
  gint64        agent_id;
  char         *agent_name;
  SpChannel     channel;
  gint64        category_id;
  char         *category_name;
  char         *comment;
  gint64        contact_id;

  /* The stored record's revision when it was read; saving checks it */
  gint64        revision;
};

typedef enum
{
  SP_SURVEY_FIELD_NONE,
  SP_SURVEY_FIELD_ANSWERED_AT,
  SP_SURVEY_FIELD_KIND,
  SP_SURVEY_FIELD_SCORE,
  SP_SURVEY_FIELD_CHANNEL,
  SP_SURVEY_FIELD_COMMENT,
} SpSurveyField;

/* Returns: (transfer full) */
SpSurvey *sp_survey_new                (void);
/* Returns: (transfer full) */
SpSurvey *sp_survey_copy               (SpSurvey      *self);
void      sp_survey_set_customer_name  (SpSurvey      *self,
                                        const char    *name);
void      sp_survey_set_agent_name     (SpSurvey      *self,
                                        const char    *name);
void      sp_survey_set_category_name  (SpSurvey      *self,
                                        const char    *name);
void      sp_survey_set_comment        (SpSurvey      *self,
                                        const char    *comment);
gboolean  sp_survey_validate           (SpSurvey      *self,
                                        SpSurveyField *field,
                                        GError       **error);

G_END_DECLS
