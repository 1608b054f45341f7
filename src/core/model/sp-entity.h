/* sp-entity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-enums.h"

G_BEGIN_DECLS

#define SP_TYPE_ENTITY (sp_entity_get_type ())

G_DECLARE_FINAL_TYPE (SpEntity, sp_entity, SP, ENTITY, GObject)

/* An agent, a customer or a topic: something with a name. */
struct _SpEntity
{
  GObject       parent_instance;

  SpEntityKind  kind;
  gint64        id;
  char         *name;
  gboolean      active;
  /* customers only */
  char         *email;
  char         *phone;
  /* how many contacts refer to it, when the store fills it in */
  gint64        n_contacts;
};

/* Returns: (transfer full) */
SpEntity *sp_entity_new   (SpEntityKind  kind,
                           gint64        id,
                           const char   *name,
                           gboolean      active);

G_END_DECLS
