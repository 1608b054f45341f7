/* sp-enums.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SP_CHANNEL_NONE = -1,
  SP_CHANNEL_PHONE,
  SP_CHANNEL_EMAIL,
  SP_CHANNEL_CHAT,
  SP_CHANNEL_IN_PERSON,
  SP_CHANNEL_SOCIAL,
  SP_CHANNEL_SMS,
  SP_N_CHANNELS
} SpChannel;

typedef enum
{
  SP_PRIORITY_LOW,
  SP_PRIORITY_NORMAL,
  SP_PRIORITY_HIGH,
  SP_PRIORITY_URGENT,
  SP_N_PRIORITIES
} SpPriority;

typedef enum
{
  SP_SURVEY_CSAT,
  SP_SURVEY_NPS,
  SP_SURVEY_CES,
  SP_N_SURVEY_KINDS
} SpSurveyKind;

typedef enum
{
  SP_ENTITY_AGENT,
  SP_ENTITY_CUSTOMER,
  SP_ENTITY_CATEGORY,
  SP_N_ENTITY_KINDS
} SpEntityKind;

/* Returns: (transfer none) */
const char  *sp_channel_to_string      (SpChannel     channel);
gboolean     sp_channel_from_string    (const char   *str,
                                        SpChannel    *channel);
/* Returns: (transfer none) */
const char  *sp_channel_get_label      (SpChannel     channel);

/* Returns: (transfer none) */
const char  *sp_priority_to_string     (SpPriority    priority);
gboolean     sp_priority_from_string   (const char   *str,
                                        SpPriority   *priority);
/* Returns: (transfer none) */
const char  *sp_priority_get_label     (SpPriority    priority);

/* Returns: (transfer none) */
const char  *sp_survey_kind_to_string  (SpSurveyKind  kind);
gboolean     sp_survey_kind_from_string(const char   *str,
                                        SpSurveyKind *kind);
/* Returns: (transfer none) */
const char  *sp_survey_kind_get_label  (SpSurveyKind  kind);
/* Returns: (transfer none) */
const char  *sp_survey_kind_get_short_label (SpSurveyKind kind);
/* Returns: (transfer none) */
const char  *sp_survey_kind_get_question (SpSurveyKind kind);
void         sp_survey_kind_get_range  (SpSurveyKind  kind,
                                        int          *min,
                                        int          *max);

/* Returns: (transfer none) */
const char  *sp_entity_kind_get_label  (SpEntityKind  kind);

G_END_DECLS
