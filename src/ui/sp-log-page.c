/* sp-log-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-log-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-log-page.h"

struct _SpLogPage
{
  AdwBin         parent_instance;

  SpStore       *store;
  SpContactFilter filter;
  char          *filter_text;

  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (SpLogPage, sp_log_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SpStore *
sp_log_page_get_store (SpLogPage *self)
{
  g_return_val_if_fail (SP_IS_LOG_PAGE (self), NULL);
  return self->store;
}

void
sp_log_page_set_store (SpLogPage *self,
                       SpStore   *store)
{
  g_return_if_fail (SP_IS_LOG_PAGE (self));
  g_return_if_fail (!store || SP_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
sp_log_page_dispose (GObject *object)
{
  SpLogPage *self = SP_LOG_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->filter_text, g_free);

  G_OBJECT_CLASS (sp_log_page_parent_class)->dispose (object);
}

static void
sp_log_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SpLogPage *self = SP_LOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_log_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SpLogPage *self = SP_LOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sp_log_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_log_page_class_init (SpLogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_log_page_dispose;
  object_class->get_property = sp_log_page_get_property;
  object_class->set_property = sp_log_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-log-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, empty_page);
}

static void
sp_log_page_init (SpLogPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sp_contact_filter_init (&self->filter);
}

/* Lists the contacts @filter lets through (the dashboard's "Show the Contacts") */
void
sp_log_page_show_contacts (SpLogPage             *self,
                           const SpContactFilter *filter)
{
  g_return_if_fail (SP_IS_LOG_PAGE (self));
  g_return_if_fail (filter != NULL);

  g_free (self->filter_text);
  self->filter_text = g_strdup (filter->text);
  self->filter = *filter;
  self->filter.text = self->filter_text;
}

const SpContactFilter *
sp_log_page_get_contact_filter (SpLogPage *self)
{
  g_return_val_if_fail (SP_IS_LOG_PAGE (self), NULL);
  return &self->filter;
}
