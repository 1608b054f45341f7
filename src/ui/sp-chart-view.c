/* sp-chart-view.c
 *
 * Shows an SpChart: the core draws it in snapshot() with the theme's
 * colours, the layout it returns answers hover tooltips, and the chart's
 * words describe it to screen readers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sp-chart-view.h"

struct _SpChartView
{
  GtkWidget       parent_instance;

  SpChart        *chart;
  SpChartLayout  *layout;
  SpChartItem     highlight;
  gboolean        has_highlight;
  char           *font_family;
};

G_DEFINE_FINAL_TYPE (SpChartView, sp_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
sp_chart_view_new (void)
{
  return g_object_new (SP_TYPE_CHART_VIEW, NULL);
}

SpChart *
sp_chart_view_get_chart (SpChartView *self)
{
  g_return_val_if_fail (SP_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

static void
update_accessible (SpChartView *self)
{
  g_autofree char *words = NULL;

  g_assert (SP_IS_CHART_VIEW (self));

  if (self->chart == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  words = sp_chart_describe (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sp_chart_get_title (self->chart) ? sp_chart_get_title (self->chart)
                                                                   : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, words,
                                  -1);
}

void
sp_chart_view_set_chart (SpChartView *self,
                         SpChart     *chart)
{
  g_return_if_fail (SP_IS_CHART_VIEW (self));

  if (self->chart == chart)
    return;

  if (self->chart == NULL || chart == NULL ||
      sp_chart_get_kind (self->chart) != sp_chart_get_kind (chart))
    gtk_widget_queue_resize (GTK_WIDGET (self));

  g_clear_pointer (&self->chart, sp_chart_unref);
  self->chart = chart ? sp_chart_ref (chart) : NULL;
  self->has_highlight = FALSE;

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

/* Where the last drawing put things, or NULL before the first */
const SpChartLayout *
sp_chart_view_get_layout (SpChartView *self)
{
  g_return_val_if_fail (SP_IS_CHART_VIEW (self), NULL);
  return self->layout;
}

static gboolean
lookup (GtkStyleContext *context,
        const char      *name,
        SpColor         *color)
{
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (context, name, &rgba))
    return FALSE;

  *color = (SpColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  return TRUE;
}

static gboolean
inside_card (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "card"))
      return TRUE;

  return FALSE;
}

/* The chart style for the widget's theme: light or dark, its fonts and scale */
void
sp_chart_view_get_style (SpChartView  *self,
                         SpChartStyle *style)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
  PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (pango);
  GdkRGBA fg;
  double size;

  g_return_if_fail (SP_IS_CHART_VIEW (self));
  g_return_if_fail (style != NULL);

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    sp_chart_style_init_dark (style);
  else
    sp_chart_style_init_light (style);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  style->foreground = (SpColor) { fg.red, fg.green, fg.blue, fg.alpha };
  style->secondary = (SpColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.6 };
  style->grid = (SpColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.12 };

  lookup (context, "accent_color", &style->accent);
  if (lookup (context, "accent_color", &style->heat_high))
    {
      style->heat_low = style->heat_high;
      style->heat_low.alpha = 0.1;
    }
  /* what the chart sits on, opaque: a card's colour is see-through in the dark style */
  {
    SpColor window, card;

    if (lookup (context, "window_bg_color", &window))
      {
        style->base = window;
        if (inside_card (GTK_WIDGET (self)) && lookup (context, "card_bg_color", &card))
          {
            style->base.red = card.red * card.alpha + window.red * (1 - card.alpha);
            style->base.green = card.green * card.alpha + window.green * (1 - card.alpha);
            style->base.blue = card.blue * card.alpha + window.blue * (1 - card.alpha);
          }
        style->base.alpha = 1;
      }
  }

  if (font != NULL && pango_font_description_get_family (font) != NULL)
    {
      if (g_strcmp0 (self->font_family, pango_font_description_get_family (font)) != 0)
        {
          g_free (self->font_family);
          self->font_family = g_strdup (pango_font_description_get_family (font));
        }
      style->font_family = self->font_family;
    }

  size = font ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 0;
  if (font && !pango_font_description_get_size_is_absolute (font))
    size *= 96.0 / 72.0;
  if (size > 0)
    style->font_size = size * 0.82;

  style->pixel_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void
sp_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SpChartView *self = SP_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SpChartStyle style;
  cairo_t *cr;

  g_clear_pointer (&self->layout, sp_chart_layout_free);

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  sp_chart_view_get_style (self, &style);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->layout = sp_chart_draw (self->chart, cr, width, height, &style,
                                self->has_highlight ? &self->highlight : NULL);
  cairo_destroy (cr);
}

static void
sp_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  SpChartView *self = SP_CHART_VIEW (widget);
  gboolean small = !self->chart || sp_chart_get_kind (self->chart) == SP_CHART_SPARKLINE;
  int width_request, height_request;

  /* a size asked for is the size wanted, not just the least */
  gtk_widget_get_size_request (widget, &width_request, &height_request);
  if (orientation == GTK_ORIENTATION_VERTICAL && height_request > 0)
    {
      *minimum = *natural = height_request;
      return;
    }

  /* charts take the room they are given: ask for little, so that containers
   * that share out natural sizes (flow boxes) are not misled */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = small ? 32 : 160;
      *natural = small ? 64 : 200;
    }
  else
    {
      *minimum = small ? 16 : 120;
      *natural = small ? 32 : 200;
    }
}

static void
set_highlight (SpChartView       *self,
               const SpChartItem *item)
{
  g_assert (SP_IS_CHART_VIEW (self));

  if (item == NULL && !self->has_highlight)
    return;

  if (item != NULL && self->has_highlight && item->kind == self->highlight.kind &&
      item->series == self->highlight.series && item->index == self->highlight.index &&
      item->part == self->highlight.part)
    return;

  self->has_highlight = item != NULL;
  if (item != NULL)
    self->highlight = *item;

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (SpChartView              *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  if (self->layout == NULL || self->chart == NULL ||
      sp_chart_get_kind (self->chart) == SP_CHART_SPARKLINE)
    return;

  set_highlight (self, sp_chart_layout_hit (self->layout, x, y));
}

static void
leave_cb (SpChartView              *self,
          GtkEventControllerMotion *motion)
{
  set_highlight (self, NULL);
}

static gboolean
sp_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  SpChartView *self = SP_CHART_VIEW (widget);
  const SpChartItem *item;
  g_autofree char *text = NULL;

  if (self->layout == NULL || self->chart == NULL || keyboard)
    return FALSE;

  item = sp_chart_layout_hit (self->layout, x, y);
  if (item == NULL || !(text = sp_chart_dup_tooltip (self->chart, item)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) floor (item->area.x), (int) floor (item->area.y),
                              (int) ceil (item->area.width), (int) ceil (item->area.height) });
  return TRUE;
}

static void
sp_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sp_chart_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
sp_chart_view_finalize (GObject *object)
{
  SpChartView *self = SP_CHART_VIEW (object);

  g_clear_pointer (&self->chart, sp_chart_unref);
  g_clear_pointer (&self->layout, sp_chart_layout_free);
  g_clear_pointer (&self->font_family, g_free);

  G_OBJECT_CLASS (sp_chart_view_parent_class)->finalize (object);
}

static void
sp_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SpChartView *self = SP_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_boxed (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SpChartView *self = SP_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      sp_chart_view_set_chart (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_chart_view_class_init (SpChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sp_chart_view_finalize;
  object_class->get_property = sp_chart_view_get_property;
  object_class->set_property = sp_chart_view_set_property;

  widget_class->snapshot = sp_chart_view_snapshot;
  widget_class->measure = sp_chart_view_measure;
  widget_class->query_tooltip = sp_chart_view_query_tooltip;
  widget_class->css_changed = sp_chart_view_css_changed;

  properties[PROP_CHART] =
    g_param_spec_boxed ("chart", NULL, NULL, SP_TYPE_CHART,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sp_chart_view_init (SpChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  /* light and dark use different colours: draw again when the style flips */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}
