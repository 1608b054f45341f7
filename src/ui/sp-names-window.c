/* sp-names-window.c
 *
 * The names of agents and topics: adding, renaming, turning off (kept in
 * the history, no longer offered for new entries), and merging two topics
 * that mean the same.  Changes are saved as they are made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-names-window"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "sp-names-window.h"
#include "sp-parse.h"

struct _SpNamesWindow
{
  AdwPreferencesWindow  parent_instance;

  SpStore              *store;
  GPtrArray            *topics;      /* SpEntity, as in the merge rows */
  GPtrArray            *rows[SP_N_ENTITY_KINDS];
  guint                 fill_source;
  guint                 filling : 1;

  /* template */
  AdwEntryRow          *add_agent_row;
  AdwEntryRow          *add_topic_row;
  AdwPreferencesGroup  *agents_group;
  AdwPreferencesGroup  *topics_group;
  AdwComboRow          *merge_from_row;
  AdwComboRow          *merge_into_row;
  GtkWidget            *merge_button;
};

G_DEFINE_FINAL_TYPE (SpNamesWindow, sp_names_window, ADW_TYPE_PREFERENCES_WINDOW)

static void fill (SpNamesWindow *self);
static void store_changed_cb (SpNamesWindow *self,
                              guint          changes);

static void
show_error (SpNamesWindow *self,
            const GError  *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 8);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static SpEntity *
row_entity (gpointer row)
{
  return g_object_get_data (G_OBJECT (row), "sp-entity");
}

static void
rename_cb (AdwEntryRow   *row,
           SpNamesWindow *self)
{
  g_autoptr(GError) error = NULL;
  SpEntity *entity = row_entity (row);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!sp_store_rename_entity (self->store, entity->kind, entity->id, name, &error))
    {
      show_error (self, error);
      gtk_editable_set_text (GTK_EDITABLE (row), entity->name);
    }
}

static void
active_cb (GtkSwitch     *toggle,
           GParamSpec    *pspec,
           SpNamesWindow *self)
{
  g_autoptr(GError) error = NULL;
  SpEntity *entity = row_entity (toggle);
  gboolean active = gtk_switch_get_active (toggle);

  if (self->filling || entity->active == active)
    return;

  if (!sp_store_set_entity_active (self->store, entity->kind, entity->id, active, &error))
    show_error (self, error);
}

static void
add_cb (AdwEntryRow   *row,
        SpNamesWindow *self)
{
  g_autoptr(GError) error = NULL;
  SpEntityKind kind = row == self->add_agent_row ? SP_ENTITY_AGENT : SP_ENTITY_CATEGORY;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gint64 id;

  if (*name == '\0')
    return;

  if (sp_store_find_entity (self->store, kind, name) > 0)
    {
      /* TRANSLATORS: what is named (agent, customer or topic), then the name */
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("There is already a %s called “%s”."),
                   sp_entity_kind_get_label (kind), name);
      show_error (self, error);
      return;
    }

  id = sp_store_ensure_entity (self->store, kind, name, &error);
  if (id <= 0)
    {
      show_error (self, error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (row), "");

  /* ensure_entity alone does not announce it */
  store_changed_cb (self, SP_STORE_CHANGE_ENTITIES);
}

static char *
describe (SpEntity *entity)
{
  g_autofree char *count = g_strdup_printf ("%'" PRId64, entity->n_contacts);
  g_autofree char *contacts = NULL;

  /* TRANSLATORS: what a chart's point rests on, "12 contacts"; %s is a number */
  contacts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s contact", "%s contacts",
                                           (gulong) entity->n_contacts), count);

  if (!entity->active)
    /* TRANSLATORS: a name no longer offered, and how many contacts it has */
    return g_strdup_printf (_("Turned off · %s"), contacts);

  return g_steal_pointer (&contacts);
}

static void
fill_group (SpNamesWindow       *self,
            AdwPreferencesGroup *group,
            SpEntityKind         kind)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = self->rows[kind];

  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);

  entities = sp_store_list_entities_with_counts (self->store, kind, TRUE, &error);
  if (entities == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < entities->len; i++)
    {
      SpEntity *entity = entities->pdata[i];
      g_autofree char *title = describe (entity);
      g_autofree char *label = NULL;
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), entity->name);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "sp-entity", g_object_ref (entity), g_object_unref);
      g_signal_connect (row, "apply", G_CALLBACK (rename_cb), self);

      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), entity->active);
      gtk_widget_set_tooltip_text (toggle, _("Offered for new entries"));
      /* TRANSLATORS: what a screen reader says for the switch of a name */
      label = g_strdup_printf (_("%s offered for new entries"), entity->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data_full (G_OBJECT (toggle), "sp-entity", g_object_ref (entity),
                              g_object_unref);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (active_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), toggle);

      if (!entity->active)
        gtk_widget_add_css_class (row, "dim-label");

      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }
}

static void
fill_merge_rows (SpNamesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint from = adw_combo_row_get_selected (self->merge_from_row);
  guint into = adw_combo_row_get_selected (self->merge_into_row);

  g_clear_pointer (&self->topics, g_ptr_array_unref);
  self->topics = sp_store_list_entities (self->store, SP_ENTITY_CATEGORY, TRUE, NULL);

  for (guint i = 0; self->topics != NULL && i < self->topics->len; i++)
    gtk_string_list_append (names, ((SpEntity *) self->topics->pdata[i])->name);

  adw_combo_row_set_model (self->merge_from_row, G_LIST_MODEL (names));
  adw_combo_row_set_model (self->merge_into_row, G_LIST_MODEL (names));

  if (self->topics != NULL && from < self->topics->len)
    adw_combo_row_set_selected (self->merge_from_row, from);
  if (self->topics != NULL && into < self->topics->len)
    adw_combo_row_set_selected (self->merge_into_row, into);
  else if (self->topics != NULL && self->topics->len > 1)
    adw_combo_row_set_selected (self->merge_into_row, 1);
}

static void
update_merge (SpNamesWindow *self)
{
  guint from = adw_combo_row_get_selected (self->merge_from_row);
  guint into = adw_combo_row_get_selected (self->merge_into_row);
  guint n = self->topics ? self->topics->len : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "names.merge",
                                 from < n && into < n && from != into);
}

static void
fill (SpNamesWindow *self)
{
  self->filling = TRUE;
  fill_group (self, self->agents_group, SP_ENTITY_AGENT);
  fill_group (self, self->topics_group, SP_ENTITY_CATEGORY);
  fill_merge_rows (self);
  self->filling = FALSE;

  update_merge (self);
}

/* The row (or a widget in it) that has the focus, as kind and id */
static gboolean
focused_entity (SpNamesWindow *self,
                SpEntityKind  *kind,
                gint64        *id)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      SpEntity *entity = ADW_IS_ENTRY_ROW (w) ? row_entity (w) : NULL;

      if (entity != NULL)
        {
          *kind = entity->kind;
          *id = entity->id;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
fill_idle (gpointer data)
{
  SpNamesWindow *self = data;
  SpEntityKind kind = SP_ENTITY_AGENT;
  gint64 id = 0;
  gboolean had_focus;

  self->fill_source = 0;

  /* the rows are made again: the focus goes back to the same name */
  had_focus = focused_entity (self, &kind, &id);
  fill (self);

  for (guint i = 0; had_focus && i < self->rows[kind]->len; i++)
    {
      if (row_entity (self->rows[kind]->pdata[i])->id == id)
        gtk_widget_grab_focus (self->rows[kind]->pdata[i]);
    }

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (SpNamesWindow *self,
                  guint          changes)
{
  /* not now: the change may come from a row that is being edited */
  if ((changes & (SP_STORE_CHANGE_ENTITIES | SP_STORE_CHANGE_CONTACTS)) && self->fill_source == 0)
    self->fill_source = g_idle_add (fill_idle, self);
}

/* Merging */

typedef struct
{
  SpNamesWindow *self;
  SpEntity      *from;
  SpEntity      *into;
} Merge;

static void
merge_free (gpointer data)
{
  Merge *merge = data;

  g_object_unref (merge->self);
  g_object_unref (merge->from);
  g_object_unref (merge->into);
  g_free (merge);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Merge            *merge)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "merge"))
    return;

  if (!sp_store_merge_entities (merge->self->store, SP_ENTITY_CATEGORY, merge->from->id,
                                merge->into->id, &error))
    {
      show_error (merge->self, error);
      return;
    }

  /* TRANSLATORS: two topics */
  title = g_strdup_printf (_("“%s” merged into “%s”"), merge->from->name, merge->into->name);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (merge->self), adw_toast_new (title));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SpNamesWindow *self = SP_NAMES_WINDOW (widget);
  guint from = adw_combo_row_get_selected (self->merge_from_row);
  guint into = adw_combo_row_get_selected (self->merge_into_row);
  g_autoptr(GPtrArray) counted = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gint64 n = 0;
  Merge *merge;

  if (self->topics == NULL || from >= self->topics->len || into >= self->topics->len ||
      from == into)
    return;

  merge = g_new0 (Merge, 1);
  merge->self = g_object_ref (self);
  merge->from = g_object_ref (self->topics->pdata[from]);
  merge->into = g_object_ref (self->topics->pdata[into]);

  counted = sp_store_list_entities_with_counts (self->store, SP_ENTITY_CATEGORY, TRUE, NULL);
  for (guint i = 0; counted != NULL && i < counted->len; i++)
    {
      if (((SpEntity *) counted->pdata[i])->id == merge->from->id)
        n = ((SpEntity *) counted->pdata[i])->n_contacts;
    }

  /* TRANSLATORS: the first topic, then the second */
  heading = g_strdup_printf (_("Merge “%s” into “%s”?"), merge->from->name, merge->into->name);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* TRANSLATORS: the contacts that move, the topic they
                                        * move to, and the topic removed */
                                       "%'" PRId64 " contact and its survey answers "
                                       "move to “%s”, and “%s” is removed. This can't be undone.",
                                       "%'" PRId64 " contacts and their survey answers "
                                       "move to “%s”, and “%s” is removed. This can't be undone.",
                                       (gulong) n),
                          n, merge->into->name, merge->from->name);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (merge_response_cb), merge,
                         (GClosureNotify) (void (*) (void)) merge_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* For tests and the keyboard: the row of a name */
AdwEntryRow *
sp_names_window_get_name_row (SpNamesWindow *self,
                              SpEntityKind   kind,
                              const char     *name)
{
  g_autofree char *key = sp_name_key (name);

  g_return_val_if_fail (SP_IS_NAMES_WINDOW (self), NULL);
  g_return_val_if_fail (kind == SP_ENTITY_AGENT || kind == SP_ENTITY_CATEGORY, NULL);

  for (guint i = 0; i < self->rows[kind]->len; i++)
    {
      SpEntity *entity = row_entity (self->rows[kind]->pdata[i]);
      g_autofree char *entity_key = sp_name_key (entity->name);

      if (g_strcmp0 (key, entity_key) == 0)
        return self->rows[kind]->pdata[i];
    }

  return NULL;
}

GtkSwitch *
sp_names_window_get_active_switch (SpNamesWindow *self,
                                   SpEntityKind   kind,
                                   const char    *name)
{
  AdwEntryRow *row = sp_names_window_get_name_row (self, kind, name);

  if (row == NULL)
    return NULL;

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (row)); w != NULL;)
    {
      if (GTK_IS_SWITCH (w))
        return GTK_SWITCH (w);

      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL && w != GTK_WIDGET (row))
            w = gtk_widget_get_parent (w);
          if (w == NULL || w == GTK_WIDGET (row))
            break;
          w = gtk_widget_get_next_sibling (w);
        }
    }

  return NULL;
}

/* GObject */

static void
sp_names_window_dispose (GObject *object)
{
  SpNamesWindow *self = SP_NAMES_WINDOW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_handle_id (&self->fill_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_NAMES_WINDOW);

  g_clear_object (&self->store);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  for (guint i = 0; i < SP_N_ENTITY_KINDS; i++)
    g_clear_pointer (&self->rows[i], g_ptr_array_unref);

  G_OBJECT_CLASS (sp_names_window_parent_class)->dispose (object);
}

static void
sp_names_window_class_init (SpNamesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_names_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sp-names-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpNamesWindow, add_agent_row);
  gtk_widget_class_bind_template_child (widget_class, SpNamesWindow, add_topic_row);
  gtk_widget_class_bind_template_child (widget_class, SpNamesWindow, agents_group);
  gtk_widget_class_bind_template_child (widget_class, SpNamesWindow, topics_group);
  gtk_widget_class_bind_template_child (widget_class, SpNamesWindow, merge_from_row);
  gtk_widget_class_bind_template_child (widget_class, SpNamesWindow, merge_into_row);
  gtk_widget_class_bind_template_child (widget_class, SpNamesWindow, merge_button);

  gtk_widget_class_install_action (widget_class, "names.merge", NULL, merge_action);
}

static void
sp_names_window_init (SpNamesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < SP_N_ENTITY_KINDS; i++)
    self->rows[i] = g_ptr_array_new ();

  g_signal_connect (self->add_agent_row, "apply", G_CALLBACK (add_cb), self);
  g_signal_connect (self->add_agent_row, "entry-activated", G_CALLBACK (add_cb), self);
  g_signal_connect (self->add_topic_row, "apply", G_CALLBACK (add_cb), self);
  g_signal_connect (self->add_topic_row, "entry-activated", G_CALLBACK (add_cb), self);
  g_signal_connect_swapped (self->merge_from_row, "notify::selected",
                            G_CALLBACK (update_merge), self);
  g_signal_connect_swapped (self->merge_into_row, "notify::selected",
                            G_CALLBACK (update_merge), self);
}

SpNamesWindow *
sp_names_window_new (SpStore *store)
{
  SpNamesWindow *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_NAMES_WINDOW, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  fill (self);

  return self;
}
