/* sp-entity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-entity"

#include "config.h"

#include "sp-entity.h"

G_DEFINE_FINAL_TYPE (SpEntity, sp_entity, G_TYPE_OBJECT)

static void
sp_entity_finalize (GObject *object)
{
  SpEntity *self = (SpEntity *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);

  G_OBJECT_CLASS (sp_entity_parent_class)->finalize (object);
}

static void
sp_entity_class_init (SpEntityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_entity_finalize;
}

static void
sp_entity_init (SpEntity *self)
{
  self->active = TRUE;
}

SpEntity *
sp_entity_new (SpEntityKind  kind,
               gint64        id,
               const char   *name,
               gboolean      active)
{
  SpEntity *self = g_object_new (SP_TYPE_ENTITY, NULL);

  self->kind = kind;
  self->id = id;
  self->name = g_strdup (name);
  self->active = active;

  return self;
}
