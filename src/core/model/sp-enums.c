/* sp-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-enums.h"

static const char * const channel_keys[SP_N_CHANNELS] = {
  "phone", "email", "chat", "in_person", "social", "sms",
};

static const char * const priority_keys[SP_N_PRIORITIES] = {
  "low", "normal", "high", "urgent",
};

static const char * const survey_keys[SP_N_SURVEY_KINDS] = {
  "csat", "nps", "ces",
};

static gboolean
lookup_key (const char * const *keys,
            guint               n_keys,
            const char         *str,
            int                *out)
{
  g_autofree char *lower = NULL;
  g_autofree char *copy = NULL;

  if (str == NULL)
    return FALSE;

  lower = g_strstrip (g_ascii_strdown (str, -1));

  /* "in person" and "in-person" are what people type for in_person */
  g_strdelimit (lower, " -", '_');

  for (guint i = 0; i < n_keys; i++)
    {
      if (g_str_equal (lower, keys[i]))
        {
          *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sp_channel_to_string (SpChannel channel)
{
  g_return_val_if_fail (channel >= 0 && channel < SP_N_CHANNELS, NULL);
  return channel_keys[channel];
}

gboolean
sp_channel_from_string (const char *str,
                        SpChannel  *channel)
{
  int v;

  if (!lookup_key (channel_keys, SP_N_CHANNELS, str, &v))
    return FALSE;
  *channel = (SpChannel) v;
  return TRUE;
}

const char *
sp_channel_get_label (SpChannel channel)
{
  switch (channel)
    {
    case SP_CHANNEL_PHONE: return _("Phone");
    case SP_CHANNEL_EMAIL: return _("Email");
    case SP_CHANNEL_CHAT: return _("Chat");
    case SP_CHANNEL_IN_PERSON: return _("In person");
    case SP_CHANNEL_SOCIAL: return _("Social media");
    case SP_CHANNEL_SMS: return _("Text message");
    case SP_CHANNEL_NONE:
    case SP_N_CHANNELS:
    default:
      return _("No channel");
    }
}

const char *
sp_priority_to_string (SpPriority priority)
{
  g_return_val_if_fail (priority >= 0 && priority < SP_N_PRIORITIES, NULL);
  return priority_keys[priority];
}

gboolean
sp_priority_from_string (const char *str,
                         SpPriority *priority)
{
  int v;

  if (!lookup_key (priority_keys, SP_N_PRIORITIES, str, &v))
    return FALSE;
  *priority = (SpPriority) v;
  return TRUE;
}

const char *
sp_priority_get_label (SpPriority priority)
{
  switch (priority)
    {
    case SP_PRIORITY_LOW: return C_("priority", "Low");
    case SP_PRIORITY_NORMAL: return C_("priority", "Normal");
    case SP_PRIORITY_HIGH: return C_("priority", "High");
    case SP_PRIORITY_URGENT: return C_("priority", "Urgent");
    case SP_N_PRIORITIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sp_survey_kind_to_string (SpSurveyKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < SP_N_SURVEY_KINDS, NULL);
  return survey_keys[kind];
}

gboolean
sp_survey_kind_from_string (const char   *str,
                            SpSurveyKind *kind)
{
  int v;

  if (!lookup_key (survey_keys, SP_N_SURVEY_KINDS, str, &v))
    return FALSE;
  *kind = (SpSurveyKind) v;
  return TRUE;
}

const char *
sp_survey_kind_get_label (SpSurveyKind kind)
{
  switch (kind)
    {
    case SP_SURVEY_CSAT: return _("Satisfaction (CSAT)");
    case SP_SURVEY_NPS: return _("Recommendation (NPS)");
    case SP_SURVEY_CES: return _("Effort (CES)");
    case SP_N_SURVEY_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The acronyms are the same in every language. */
const char *
sp_survey_kind_get_short_label (SpSurveyKind kind)
{
  static const char * const labels[SP_N_SURVEY_KINDS] = { "CSAT", "NPS", "CES" };

  g_return_val_if_fail (kind >= 0 && kind < SP_N_SURVEY_KINDS, NULL);
  return labels[kind];
}

/* The questions the articles recommend asking, word for word. */
const char *
sp_survey_kind_get_question (SpSurveyKind kind)
{
  switch (kind)
    {
    case SP_SURVEY_CSAT:
      return _("How satisfied were you with your experience today?");
    case SP_SURVEY_NPS:
      return _("On a scale of 0–10, how likely are you to recommend us to a friend or colleague?");
    case SP_SURVEY_CES:
      return _("The company made it easy for me to handle my issue.");
    case SP_N_SURVEY_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
sp_survey_kind_get_range (SpSurveyKind  kind,
                          int          *min,
                          int          *max)
{
  static const int ranges[SP_N_SURVEY_KINDS][2] = { { 1, 5 }, { 0, 10 }, { 1, 7 } };

  g_return_if_fail (kind >= 0 && kind < SP_N_SURVEY_KINDS);

  if (min)
    *min = ranges[kind][0];
  if (max)
    *max = ranges[kind][1];
}

const char *
sp_entity_kind_get_label (SpEntityKind kind)
{
  switch (kind)
    {
    case SP_ENTITY_AGENT: return _("Agent");
    case SP_ENTITY_CUSTOMER: return _("Customer");
    case SP_ENTITY_CATEGORY: return _("Topic");
    case SP_N_ENTITY_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}
