/* sp-report-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-report-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-report-page.h"

struct _SpReportPage
{
  AdwBin         parent_instance;

  SpStore       *store;

  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (SpReportPage, sp_report_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SpStore *
sp_report_page_get_store (SpReportPage *self)
{
  g_return_val_if_fail (SP_IS_REPORT_PAGE (self), NULL);
  return self->store;
}

void
sp_report_page_set_store (SpReportPage *self,
                          SpStore      *store)
{
  g_return_if_fail (SP_IS_REPORT_PAGE (self));
  g_return_if_fail (!store || SP_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
sp_report_page_dispose (GObject *object)
{
  SpReportPage *self = SP_REPORT_PAGE (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_report_page_parent_class)->dispose (object);
}

static void
sp_report_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SpReportPage *self = SP_REPORT_PAGE (object);

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
sp_report_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SpReportPage *self = SP_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sp_report_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_report_page_class_init (SpReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_report_page_dispose;
  object_class->get_property = sp_report_page_get_property;
  object_class->set_property = sp_report_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpReportPage, empty_page);
}

static void
sp_report_page_init (SpReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
