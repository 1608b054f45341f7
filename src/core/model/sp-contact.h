/* sp-contact.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-enums.h"
#include "sp-time.h"

G_BEGIN_DECLS

#define SP_TYPE_CONTACT (sp_contact_get_type ())

G_DECLARE_FINAL_TYPE (SpContact, sp_contact, SP, CONTACT, GObject)

/*
 * One conversation with a customer (KPI-SPEC §1).  A plain record: the
 * fields are public.  Ids of 0 mean "none"; when an id is 0 and the name is
 * set, saving creates or finds the agent, customer or topic by name.
 * Minutes that were not recorded are NAN.
 */
struct _SpContact
{
  GObject     parent_instance;

  gint64      id;
  SpTime      received_at;
  SpChannel   channel;
  gint64      agent_id;
  char       *agent_name;
  gint64      customer_id;
  char       *customer_name;
  gint64      category_id;
  char       *category_name;
  SpPriority  priority;
  SpTime      first_response_at;
  SpTime      resolved_at;
  gboolean    resolved_first_contact;
  gboolean    escalated;
  double      talk_min;
  double      hold_min;
  double      wrap_min;
  gboolean    complaint;
  char       *note;

  /* Escalation details, used when escalated is set */
  SpTime      escalated_at;
  char       *escalated_to;
  char       *escalation_reason;
  SpTime      escalation_resolved_at;

  /* Read-only, maintained by the store (KPI-SPEC §4) */
  gboolean    is_repeat;
  gboolean    followed_up;

  /* The stored record's revision when it was read; saving checks it */
  gint64      revision;
};

typedef enum
{
  SP_CONTACT_FIELD_NONE,
  SP_CONTACT_FIELD_RECEIVED_AT,
  SP_CONTACT_FIELD_CHANNEL,
  SP_CONTACT_FIELD_AGENT,
  SP_CONTACT_FIELD_CUSTOMER,
  SP_CONTACT_FIELD_CATEGORY,
  SP_CONTACT_FIELD_PRIORITY,
  SP_CONTACT_FIELD_FIRST_RESPONSE_AT,
  SP_CONTACT_FIELD_RESOLVED_AT,
  SP_CONTACT_FIELD_TALK_MIN,
  SP_CONTACT_FIELD_HOLD_MIN,
  SP_CONTACT_FIELD_WRAP_MIN,
  SP_CONTACT_FIELD_ESCALATED_AT,
  SP_CONTACT_FIELD_ESCALATION_RESOLVED_AT,
  SP_CONTACT_FIELD_NOTE,
} SpContactField;

/* Returns: (transfer full) */
SpContact      *sp_contact_new                 (void);
/* Returns: (transfer full) */
SpContact      *sp_contact_copy                (SpContact  *self);
void            sp_contact_set_agent_name      (SpContact  *self,
                                                const char *name);
void            sp_contact_set_customer_name   (SpContact  *self,
                                                const char *name);
void            sp_contact_set_category_name   (SpContact  *self,
                                                const char *name);
void            sp_contact_set_note            (SpContact  *self,
                                                const char *note);
void            sp_contact_set_escalated_to    (SpContact  *self,
                                                const char *name);
void            sp_contact_set_escalation_reason (SpContact *self,
                                                const char *reason);
void            sp_contact_apply_defaults      (SpContact  *self);
gboolean        sp_contact_validate            (SpContact  *self,
                                                SpContactField *field,
                                                GError    **error);
double          sp_contact_get_handle_minutes  (SpContact  *self);
gboolean        sp_contact_is_open             (SpContact  *self);

G_END_DECLS
