/* sp-card-customizer.c
 *
 * The owner's choice of dashboard cards: which KPIs have a card and in
 * what order, kept in GSettings ("card-order", "hidden-cards") so that a
 * new window shows the same.  The popover lists every card with a check
 * to show it and buttons to move it; the dashboard follows the settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-card-customizer"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sp-card-customizer.h"

/* The cards the dashboard can show, in their usual order */
static const SpKpi card_kpis[] = {
  SP_KPI_CSAT,
  SP_KPI_FCR,
  SP_KPI_FIRST_RESPONSE,
  SP_KPI_ESCALATION_RATE,
  SP_KPI_NPS,
  SP_KPI_CES,
  SP_KPI_REPEAT_RATE,
  SP_KPI_AHT,
  SP_KPI_UTILIZATION,
  SP_KPI_SLA_COMPLIANCE,
  SP_KPI_BACKLOG,
  SP_KPI_CHURN,
  SP_KPI_COST_PER_CONTACT,
  SP_KPI_RESOLUTION_TIME,
  SP_KPI_CONTACTS,
};

struct _SpCardCustomizer
{
  GtkPopover   parent_instance;

  GSettings   *settings;
  guint        updating;
  GtkWidget   *rows[SP_N_KPIS];
  guint        positions[SP_N_KPIS];   /* of each card in the owner's order */

  /* template */
  GtkListBox  *list;
  GtkButton   *reset_button;
};

G_DEFINE_FINAL_TYPE (SpCardCustomizer, sp_card_customizer, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * sp_card_customizer_dup_order:
 * @with_hidden: %FALSE to leave out the cards the owner hid
 *
 * The cards in order: the owner's order, then any KPI it misses.
 *
 * Returns: (transfer full) (element-type SpKpi)
 */
GArray *
sp_card_customizer_dup_order (SpCardCustomizer *self,
                              gboolean          with_hidden)
{
  GArray *order = g_array_new (FALSE, FALSE, sizeof (SpKpi));
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) hidden = NULL;
  gboolean seen[SP_N_KPIS] = { FALSE };

  g_return_val_if_fail (SP_IS_CARD_CUSTOMIZER (self), order);

  if (self->settings != NULL)
    {
      keys = g_settings_get_strv (self->settings, "card-order");
      hidden = g_settings_get_strv (self->settings, "hidden-cards");
    }

  for (guint i = 0; keys && keys[i]; i++)
    {
      SpKpi kpi;

      if (!sp_kpi_from_key (keys[i], &kpi) || seen[kpi])
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (card_kpis); j++)
        if (card_kpis[j] == kpi)
          {
            seen[kpi] = TRUE;
            g_array_append_val (order, kpi);
          }
    }

  for (guint j = 0; j < G_N_ELEMENTS (card_kpis); j++)
    if (!seen[card_kpis[j]])
      g_array_append_val (order, card_kpis[j]);

  if (!with_hidden && hidden != NULL)
    for (guint i = order->len; i-- > 0;)
      if (g_strv_contains ((const char * const *) hidden,
                           sp_kpi_to_key (g_array_index (order, SpKpi, i))))
        g_array_remove_index (order, i);

  return order;
}

gboolean
sp_card_customizer_is_hidden (SpCardCustomizer *self,
                              SpKpi             kpi)
{
  g_auto(GStrv) hidden = NULL;

  g_return_val_if_fail (SP_IS_CARD_CUSTOMIZER (self), FALSE);

  if (self->settings == NULL)
    return FALSE;

  hidden = g_settings_get_strv (self->settings, "hidden-cards");
  return g_strv_contains ((const char * const *) hidden, sp_kpi_to_key (kpi));
}

void
sp_card_customizer_set_hidden (SpCardCustomizer *self,
                               SpKpi             kpi,
                               gboolean          hide)
{
  g_auto(GStrv) hidden = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  g_return_if_fail (SP_IS_CARD_CUSTOMIZER (self));

  if (self->settings == NULL)
    return;

  hidden = g_settings_get_strv (self->settings, "hidden-cards");
  for (guint i = 0; hidden[i]; i++)
    if (g_strcmp0 (hidden[i], sp_kpi_to_key (kpi)) != 0)
      g_strv_builder_add (builder, hidden[i]);
  if (hide)
    g_strv_builder_add (builder, sp_kpi_to_key (kpi));

  result = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "hidden-cards", (const char * const *) result);
}

/* Moves @kpi's card @delta places (−1: one earlier) among all cards, hidden ones too */
void
sp_card_customizer_move (SpCardCustomizer *self,
                         SpKpi             kpi,
                         int               delta)
{
  g_autoptr(GArray) order = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  int from = -1, to;

  g_return_if_fail (SP_IS_CARD_CUSTOMIZER (self));

  if (self->settings == NULL)
    return;

  order = sp_card_customizer_dup_order (self, TRUE);
  for (guint i = 0; i < order->len; i++)
    if (g_array_index (order, SpKpi, i) == kpi)
      from = i;

  to = CLAMP (from + delta, 0, (int) order->len - 1);
  if (from < 0 || to == from)
    return;

  g_array_remove_index (order, from);
  g_array_insert_val (order, to, kpi);

  for (guint i = 0; i < order->len; i++)
    g_strv_builder_add (builder, sp_kpi_to_key (g_array_index (order, SpKpi, i)));
  result = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "card-order", (const char * const *) result);
}

/* The usual cards in the usual order */
void
sp_card_customizer_reset (SpCardCustomizer *self)
{
  g_return_if_fail (SP_IS_CARD_CUSTOMIZER (self));

  if (self->settings == NULL)
    return;

  g_settings_reset (self->settings, "card-order");
  g_settings_reset (self->settings, "hidden-cards");
}

/* The list */

static void
toggled_cb (GtkCheckButton   *check,
            SpCardCustomizer *self)
{
  SpKpi kpi = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "kpi"));

  g_assert (SP_IS_CARD_CUSTOMIZER (self));

  if (self->updating > 0)
    return;

  sp_card_customizer_set_hidden (self, kpi, !gtk_check_button_get_active (check));
}

static void
move_cb (GtkButton        *button,
         SpCardCustomizer *self)
{
  SpKpi kpi = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kpi"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));

  g_assert (SP_IS_CARD_CUSTOMIZER (self));

  sp_card_customizer_move (self, kpi, delta);
}

static GtkWidget *
move_button_new (SpCardCustomizer *self,
                 SpKpi             kpi,
                 int               delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (delta < 0 ? "go-up-symbolic"
                                                               : "go-down-symbolic");
  g_autofree char *tooltip = g_strdup_printf (delta < 0
                                              /* TRANSLATORS: %s is a card's KPI; a button
                                               * moves the card up the list */
                                              ? _("Move %s Up")
                                              /* TRANSLATORS: %s is a card's KPI; a button
                                               * moves the card down the list */
                                              : _("Move %s Down"),
                                              sp_kpi_get_short_name (kpi));

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "kpi", GUINT_TO_POINTER (kpi));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect_object (button, "clicked", G_CALLBACK (move_cb), self, 0);
  return button;
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  SpCardCustomizer *self = user_data;
  SpKpi ka = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (a), "kpi"));
  SpKpi kb = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "kpi"));

  return (int) self->positions[ka] - (int) self->positions[kb];
}

static GtkWidget *
row_new (SpCardCustomizer *self,
         SpKpi             kpi)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sp_kpi_get_name (kpi));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (row), "kpi", GUINT_TO_POINTER (kpi));
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (check), "kpi", GUINT_TO_POINTER (kpi));
  g_signal_connect_object (check, "toggled", G_CALLBACK (toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "up", move_button_new (self, kpi, -1));
  g_object_set_data (G_OBJECT (row), "down", move_button_new (self, kpi, 1));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), g_object_get_data (G_OBJECT (row), "up"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), g_object_get_data (G_OBJECT (row), "down"));
  return row;
}

/*
 * The rows are made once and kept: a change of order sorts them again and
 * a card shown or hidden ticks its check, so that the keyboard focus stays
 * on the row the owner is working on.
 */
static void
update_rows (SpCardCustomizer *self)
{
  g_autoptr(GArray) order = sp_card_customizer_dup_order (self, TRUE);

  g_assert (SP_IS_CARD_CUSTOMIZER (self));

  self->updating++;

  for (guint i = 0; i < order->len; i++)
    {
      SpKpi kpi = g_array_index (order, SpKpi, i);
      GObject *row;

      if (self->rows[kpi] == NULL)
        {
          self->rows[kpi] = row_new (self, kpi);
          gtk_list_box_append (self->list, self->rows[kpi]);
        }
      row = G_OBJECT (self->rows[kpi]);
      self->positions[kpi] = i;
      gtk_check_button_set_active (g_object_get_data (row, "check"),
                                   !sp_card_customizer_is_hidden (self, kpi));
      gtk_widget_set_sensitive (g_object_get_data (row, "up"), i > 0);
      gtk_widget_set_sensitive (g_object_get_data (row, "down"), i + 1 < order->len);
    }
  gtk_list_box_invalidate_sort (self->list);

  self->updating--;
}

static void
reset_clicked_cb (SpCardCustomizer *self)
{
  g_assert (SP_IS_CARD_CUSTOMIZER (self));

  sp_card_customizer_reset (self);
}

GtkWidget *
sp_card_customizer_new (void)
{
  return g_object_new (SP_TYPE_CARD_CUSTOMIZER, NULL);
}

/* Returns: (transfer none) (nullable) */
GSettings *
sp_card_customizer_get_settings (SpCardCustomizer *self)
{
  g_return_val_if_fail (SP_IS_CARD_CUSTOMIZER (self), NULL);

  return self->settings;
}

/**
 * sp_card_customizer_set_settings:
 * @settings: (nullable): the application's settings; %NULL shows the usual cards
 */
void
sp_card_customizer_set_settings (SpCardCustomizer *self,
                                 GSettings        *settings)
{
  g_return_if_fail (SP_IS_CARD_CUSTOMIZER (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::card-order", G_CALLBACK (update_rows), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::hidden-cards", G_CALLBACK (update_rows), self,
                               G_CONNECT_SWAPPED);
    }

  update_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button), settings != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

static void
sp_card_customizer_dispose (GObject *object)
{
  SpCardCustomizer *self = SP_CARD_CUSTOMIZER (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sp_card_customizer_parent_class)->dispose (object);
}

static void
sp_card_customizer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SpCardCustomizer *self = SP_CARD_CUSTOMIZER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_card_customizer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SpCardCustomizer *self = SP_CARD_CUSTOMIZER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      sp_card_customizer_set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_card_customizer_class_init (SpCardCustomizerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_card_customizer_dispose;
  object_class->get_property = sp_card_customizer_get_property;
  object_class->set_property = sp_card_customizer_set_property;

  /**
   * SpCardCustomizer:settings:
   *
   * The settings that keep the owner's cards: "card-order" and "hidden-cards".
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sp-card-customizer.ui");
  gtk_widget_class_bind_template_child (widget_class, SpCardCustomizer, list);
  gtk_widget_class_bind_template_child (widget_class, SpCardCustomizer, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
}

static void
sp_card_customizer_init (SpCardCustomizer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_sort_func (self->list, compare_rows, self, NULL);
  update_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button), FALSE);
}
