/* sp-report-preview.c
 *
 * A page of the report as it will print: the core's drawing of the page,
 * scaled to fit, on white paper whatever the theme.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-report-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-report-preview.h"

#define PAPER_MARGIN 18.0

struct _SpReportPreview
{
  GtkWidget  parent_instance;

  SpReportLayout *layout;
  guint      page;
};

G_DEFINE_FINAL_TYPE (SpReportPreview, sp_report_preview, GTK_TYPE_WIDGET)

GtkWidget *
sp_report_preview_new (void)
{
  return g_object_new (SP_TYPE_REPORT_PREVIEW, NULL);
}

static void
update_label (SpReportPreview *self)
{
  g_autofree char *label = NULL;

  if (self->layout != NULL)
    {
      g_autofree char *title = sp_report_dup_title (sp_report_layout_get_report (self->layout));

      /* TRANSLATORS: what a screen reader says of the report's preview */
      label = g_strdup_printf (_("Preview of page %u of %u of the report “%s”"), self->page + 1,
                               sp_report_layout_get_n_pages (self->layout), title);
    }
  else
    label = g_strdup (_("Preview of the report"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

void
sp_report_preview_set_layout (SpReportPreview *self,
                              SpReportLayout  *layout)
{
  g_return_if_fail (SP_IS_REPORT_PREVIEW (self));
  g_return_if_fail (!layout || SP_IS_REPORT_LAYOUT (layout));

  g_set_object (&self->layout, layout);
  self->page = 0;
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

SpReportLayout *
sp_report_preview_get_layout (SpReportPreview *self)
{
  g_return_val_if_fail (SP_IS_REPORT_PREVIEW (self), NULL);
  return self->layout;
}

void
sp_report_preview_set_page (SpReportPreview *self,
                            guint            page)
{
  g_return_if_fail (SP_IS_REPORT_PREVIEW (self));

  if (self->layout != NULL)
    page = MIN (page, sp_report_layout_get_n_pages (self->layout) - 1);
  self->page = page;
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sp_report_preview_get_page (SpReportPreview *self)
{
  g_return_val_if_fail (SP_IS_REPORT_PREVIEW (self), 0);
  return self->page;
}

static void
sp_report_preview_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SpReportPreview *self = SP_REPORT_PREVIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double page_w, page_h, scale;
  graphene_rect_t paper;
  GskRoundedRect outline;
  cairo_t *cr;

  if (self->layout == NULL || self->page >= sp_report_layout_get_n_pages (self->layout))
    return;

  sp_report_layout_get_page_size (self->layout, &page_w, &page_h);
  scale = MIN ((width - 2 * PAPER_MARGIN) / page_w, (height - 2 * PAPER_MARGIN) / page_h);
  if (scale <= 0)
    return;

  graphene_rect_init (&paper, (float) ((width - page_w * scale) / 2), (float) PAPER_MARGIN,
                      (float) (page_w * scale), (float) (page_h * scale));
  gsk_rounded_rect_init_from_rect (&outline, &paper, 0);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &(GdkRGBA) { 0, 0, 0, 0.3 },
                                     0, 1, 0, 5);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &paper);

  cr = gtk_snapshot_append_cairo (snapshot, &paper);
  cairo_translate (cr, paper.origin.x, paper.origin.y);
  cairo_scale (cr, scale, scale);
  sp_report_layout_draw_page (self->layout, cr, self->page);
  cairo_destroy (cr);
}

static void
sp_report_preview_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  /* a page of A4 at about half its size */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 280;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 460 : 640;
}

static void
sp_report_preview_dispose (GObject *object)
{
  SpReportPreview *self = SP_REPORT_PREVIEW (object);

  g_clear_object (&self->layout);

  G_OBJECT_CLASS (sp_report_preview_parent_class)->dispose (object);
}

static void
sp_report_preview_class_init (SpReportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_report_preview_dispose;
  widget_class->snapshot = sp_report_preview_snapshot;
  widget_class->measure = sp_report_preview_measure;

  gtk_widget_class_set_css_name (widget_class, "reportpreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sp_report_preview_init (SpReportPreview *self)
{
  update_label (self);
}
