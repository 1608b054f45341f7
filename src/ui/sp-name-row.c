/* sp-name-row.c
 *
 * An agent, customer or topic typed by name, with the existing names that
 * start with what was typed offered below (Down and Enter, or a click,
 * takes one; Tab or Enter takes the only one offered).  A name that does not exist yet is marked "New": saving the
 * record creates it, once, whatever its capitals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-name-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-name-row.h"
#include "sp-parse.h"

#define MAX_SUGGESTIONS 8

struct _SpNameRow
{
  AdwEntryRow    parent_instance;

  SpStore       *store;
  SpEntityKind   kind;
  GPtrArray     *suggestions;   /* SpEntity */

  GtkWidget     *popover;
  GtkListBox    *list;
  GtkLabel      *new_label;
  guint          setting : 1;
  guint          targets : 1;   /* free text: where contacts were escalated to before */
};

G_DEFINE_FINAL_TYPE (SpNameRow, sp_name_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_KIND,
  PROP_IS_NEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hide_suggestions (SpNameRow *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_widget_set_visible (GTK_WIDGET (self->new_label), sp_name_row_is_new (self));
}

static void
update_new_label (SpNameRow *self)
{
  g_autofree char *name = sp_name_row_dup_name (self);
  gboolean is_new = sp_name_row_is_new (self);

  gtk_widget_set_visible (GTK_WIDGET (self->new_label), is_new);

  if (is_new)
    {
      g_autofree char *tip = NULL;

      /* TRANSLATORS: %s is a name typed in the form */
      tip = g_strdup_printf (_("“%s” is not in the list yet: it is added when you save"), name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_label), tip);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_NEW]);
}

static void
fill_suggestions (SpNameRow *self)
{
  g_autofree char *name = sp_name_row_dup_name (self);
  g_autofree char *key = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->suggestions, g_ptr_array_unref);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  if (self->store == NULL || sp_str_is_blank (name))
    {
      hide_suggestions (self);
      return;
    }

  if (self->targets)
    {
      g_autoptr(GPtrArray) names = sp_store_list_escalated_to (self->store, name,
                                                               MAX_SUGGESTIONS, NULL);

      self->suggestions = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; names != NULL && i < names->len; i++)
        g_ptr_array_add (self->suggestions,
                         sp_entity_new (self->kind, 0, names->pdata[i], TRUE));
    }
  else
    self->suggestions = sp_store_complete_entities (self->store, self->kind, name,
                                                    MAX_SUGGESTIONS, NULL);
  key = sp_name_key (name);

  /* nothing to offer, or only what is already there */
  if (self->suggestions == NULL || self->suggestions->len == 0 ||
      (self->suggestions->len == 1 &&
       g_strcmp0 (((SpEntity *) self->suggestions->pdata[0])->name, name) == 0))
    {
      hide_suggestions (self);
      return;
    }

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      SpEntity *entity = self->suggestions->pdata[i];
      GtkWidget *label = gtk_label_new (entity->name);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->list, label);
    }

  {
    int width = MAX (220, gtk_widget_get_width (GTK_WIDGET (self)) / 2);

    /* under the text, left-aligned with it */
    gtk_widget_set_size_request (self->popover, width, -1);
    gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                                 &(GdkRectangle) { 0, 0, width + 12,
                                                   gtk_widget_get_height (GTK_WIDGET (self)) });
  }
  gtk_widget_set_visible (GTK_WIDGET (self->new_label), FALSE);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
changed_cb (SpNameRow *self)
{
  update_new_label (self);

  /* typed, not set by the form */
  if (!self->setting && gtk_widget_get_mapped (GTK_WIDGET (self)))
    fill_suggestions (self);
}

/* Sets the text without offering names */
void
sp_name_row_set_name (SpNameRow  *self,
                      const char *name)
{
  g_return_if_fail (SP_IS_NAME_ROW (self));

  self->setting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), name ? name : "");
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
  self->setting = FALSE;

  hide_suggestions (self);
  update_new_label (self);
}

/* The name typed, trimmed, or NULL when blank */
char *
sp_name_row_dup_name (SpNameRow *self)
{
  const char *text;

  g_return_val_if_fail (SP_IS_NAME_ROW (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  if (sp_str_is_blank (text))
    return NULL;

  return g_strstrip (g_strdup (text));
}

/**
 * sp_name_row_set_escalation_targets:
 *
 * Makes the row offer the people and places contacts were escalated to
 * before ("Ware" offers "Warehouse"), as free text: a new one is not a
 * name of the shop's lists.
 */
void
sp_name_row_set_escalation_targets (SpNameRow *self,
                                    gboolean   targets)
{
  g_return_if_fail (SP_IS_NAME_ROW (self));

  self->targets = !!targets;
  update_new_label (self);
}

/* Whether saving would create the name: it is typed and not known */
gboolean
sp_name_row_is_new (SpNameRow *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (SP_IS_NAME_ROW (self), FALSE);

  name = sp_name_row_dup_name (self);
  if (name == NULL || self->store == NULL || self->targets)
    return FALSE;

  return sp_store_find_entity (self->store, self->kind, name) <= 0;
}

guint
sp_name_row_get_n_suggestions (SpNameRow *self)
{
  g_return_val_if_fail (SP_IS_NAME_ROW (self), 0);

  if (!gtk_widget_get_visible (self->popover) || self->suggestions == NULL)
    return 0;

  return self->suggestions->len;
}

const char *
sp_name_row_get_suggestion (SpNameRow *self,
                            guint      index)
{
  g_return_val_if_fail (SP_IS_NAME_ROW (self), NULL);
  g_return_val_if_fail (self->suggestions != NULL && index < self->suggestions->len, NULL);

  return ((SpEntity *) self->suggestions->pdata[index])->name;
}

void
sp_name_row_accept_suggestion (SpNameRow *self,
                               guint      index)
{
  g_autofree char *name = NULL;

  g_return_if_fail (SP_IS_NAME_ROW (self));
  g_return_if_fail (self->suggestions != NULL && index < self->suggestions->len);

  name = g_strdup (sp_name_row_get_suggestion (self, index));
  sp_name_row_set_name (self, name);
}

static void
row_activated_cb (SpNameRow     *self,
                  GtkListBoxRow *row)
{
  sp_name_row_accept_suggestion (self, (guint) gtk_list_box_row_get_index (row));
}

static void
move_selection (SpNameRow *self,
                int        delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int n = self->suggestions ? (int) self->suggestions->len : 0;
  int index;

  if (n == 0)
    return;

  index = row ? gtk_list_box_row_get_index (row) + delta : (delta > 0 ? 0 : n - 1);
  index = CLAMP (index, 0, n - 1);
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index));
}

static gboolean
key_pressed_cb (SpNameRow             *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean shown = gtk_widget_get_visible (self->popover);
  GtkListBoxRow *row;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!shown)
        return FALSE;
      move_selection (self, 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!shown)
        return FALSE;
      move_selection (self, -1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!shown)
        return FALSE;
      row = gtk_list_box_get_selected_row (self->list);
      if (row != NULL)
        {
          sp_name_row_accept_suggestion (self, (guint) gtk_list_box_row_get_index (row));
          return TRUE;
        }
      /* the only name that starts so is meant: "Ben" is Ben Okafor, not a new agent */
      if (self->suggestions != NULL && self->suggestions->len == 1)
        {
          sp_name_row_accept_suggestion (self, 0);
          return TRUE;
        }
      /* Enter without choosing keeps what was typed, and saves */
      hide_suggestions (self);
      return FALSE;

    case GDK_KEY_Escape:
      if (!shown)
        return FALSE;
      hide_suggestions (self);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      /* Tab takes the chosen name, or the only one offered, and moves on */
      row = shown ? gtk_list_box_get_selected_row (self->list) : NULL;
      if (row != NULL)
        sp_name_row_accept_suggestion (self, (guint) gtk_list_box_row_get_index (row));
      else if (shown && self->suggestions != NULL && self->suggestions->len == 1)
        sp_name_row_accept_suggestion (self, 0);
      hide_suggestions (self);
      return FALSE;

    default:
      return FALSE;
    }
}

static void
focus_leave_cb (SpNameRow *self)
{
  hide_suggestions (self);
}

static void
sp_name_row_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  SpNameRow *self = SP_NAME_ROW (widget);

  GTK_WIDGET_CLASS (sp_name_row_parent_class)->size_allocate (widget, width, height, baseline);

  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
sp_name_row_dispose (GObject *object)
{
  SpNameRow *self = SP_NAME_ROW (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_name_row_parent_class)->dispose (object);
}

static void
sp_name_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SpNameRow *self = SP_NAME_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_IS_NEW:
      g_value_set_boolean (value, sp_name_row_is_new (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_name_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SpNameRow *self = SP_NAME_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sp_name_row_set_store (self, g_value_get_object (value));
      break;
    case PROP_KIND:
      sp_name_row_set_kind (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_name_row_class_init (SpNameRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_name_row_dispose;
  object_class->get_property = sp_name_row_get_property;
  object_class->set_property = sp_name_row_set_property;

  widget_class->size_allocate = sp_name_row_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, SP_N_ENTITY_KINDS - 1, SP_ENTITY_AGENT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_NEW] =
    g_param_spec_boolean ("is-new", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_name_row_init (SpNameRow *self)
{
  GtkEventController *controller;

  self->new_label = GTK_LABEL (gtk_label_new (C_("name", "New")));
  gtk_widget_add_css_class (GTK_WIDGET (self->new_label), "sp-new-tag");
  gtk_widget_add_css_class (GTK_WIDGET (self->new_label), "caption");
  gtk_widget_set_valign (GTK_WIDGET (self->new_label), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->new_label), FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->new_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_widget_set_focusable (GTK_WIDGET (self->list), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "sp-suggestions");
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);

  /* offered, not focused: typing goes on in the entry */
  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), GTK_WIDGET (self->list));
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_focusable (self->popover, FALSE);
  gtk_widget_set_can_focus (self->popover, FALSE);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);
}

GtkWidget *
sp_name_row_new (void)
{
  return g_object_new (SP_TYPE_NAME_ROW, NULL);
}

void
sp_name_row_set_store (SpNameRow *self,
                       SpStore   *store)
{
  g_return_if_fail (SP_IS_NAME_ROW (self));

  if (g_set_object (&self->store, store))
    {
      update_new_label (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

void
sp_name_row_set_kind (SpNameRow    *self,
                      SpEntityKind  kind)
{
  g_return_if_fail (SP_IS_NAME_ROW (self));

  if (self->kind != kind)
    {
      self->kind = kind;
      update_new_label (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

SpEntityKind
sp_name_row_get_kind (SpNameRow *self)
{
  g_return_val_if_fail (SP_IS_NAME_ROW (self), SP_ENTITY_AGENT);
  return self->kind;
}
