/* sp-goals-page.c
 *
 * The goals, most urgent first, each with its status and its progress
 * against the straight path; a goal's own page; and the editor that sets
 * new ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-goals-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-goal-editor.h"
#include "sp-goal-row.h"
#include "sp-goal-view.h"
#include "sp-goals-page.h"
#include "sp-widget.h"

struct _SpGoalsPage
{
  AdwBin          parent_instance;

  SpStore        *store;
  SpKpiEngine    *engine;
  GPtrArray      *goals;        /* SpGoalProgress, most urgent first */
  guint           refresh_id;
  GCancellable   *cancellable;  /* of the evaluation running on a thread */
  guint           stale : 1;    /* the store changed while the page was hidden */
  guint           loading : 1;
  guint           read_only : 1; /* a login of the staff group */

  /* template */
  GtkRevealer    *owner_only_revealer;
  AdwLeaflet     *leaflet;
  GtkStack       *list_stack;
  AdwStatusPage  *empty_page;
  GtkLabel       *summary_label;
  GtkListBox     *open_list;
  GtkLabel       *closed_label;
  GtkListBox     *closed_list;
  SpGoalView     *goal_view;
};

G_DEFINE_FINAL_TYPE (SpGoalsPage, sp_goals_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static void
show_summary (SpGoalsPage *self)
{
  guint counts[SP_N_GOAL_STATUSES] = { 0 };
  g_autoptr(GString) str = g_string_new (NULL);
  static const SpGoalStatus order[] = {
    SP_GOAL_STATUS_BEHIND, SP_GOAL_STATUS_MISSED, SP_GOAL_STATUS_AT_RISK,
    SP_GOAL_STATUS_NO_DATA, SP_GOAL_STATUS_ON_TRACK, SP_GOAL_STATUS_NOT_STARTED,
    SP_GOAL_STATUS_ACHIEVED,
  };

  for (guint i = 0; i < self->goals->len; i++)
    counts[((SpGoalProgress *) g_ptr_array_index (self->goals, i))->status]++;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (counts[order[i]] == 0)
        continue;
      if (str->len > 0)
        g_string_append (str, " · ");
      /* TRANSLATORS: how many goals have a status, e.g. "At risk: 2" */
      g_string_append_printf (str, C_("goal count", "%s: %u"),
                              sp_goal_status_get_label (order[i]), counts[order[i]]);
    }

  if (str->len == 0)
    g_string_append (str, _("No open goals"));

  gtk_label_set_label (self->summary_label, str->str);
}

static void
show_goals (SpGoalsPage *self,
            GPtrArray   *goals,
            GError      *error)
{
  guint n_closed = 0;

  g_clear_pointer (&self->goals, g_ptr_array_unref);
  clear_list (self->open_list);
  clear_list (self->closed_list);

  if (goals == NULL)
    {
      adw_status_page_set_description (self->empty_page, error ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      self->goals = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_goal_progress_free);
      return;
    }

  self->goals = g_ptr_array_ref (goals);

  for (guint i = 0; i < self->goals->len; i++)
    {
      SpGoalProgress *p = g_ptr_array_index (self->goals, i);
      gboolean open = sp_goal_is_open (p->goal);

      gtk_list_box_append (open ? self->open_list : self->closed_list, sp_goal_row_new (p));
      n_closed += !open;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->open_list), self->goals->len > n_closed);
  gtk_widget_set_visible (GTK_WIDGET (self->closed_label), n_closed > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->closed_list), n_closed > 0);
  show_summary (self);
  gtk_stack_set_visible_child_name (self->list_stack, self->goals->len > 0 ? "list" : "empty");
}

/*
 * Every goal is evaluated on a thread, with its own read-only connection:
 * on a large database that takes long enough to be felt, and every saved
 * contact asks for it again.
 */
static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SpGoalsPage) self = user_data;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;

  goals = sp_goal_tracker_evaluate_store_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_object (&self->cancellable);
  show_goals (self, goals, error);
}

static void
refresh (SpGoalsPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->stale = FALSE;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      self->loading = FALSE;
      show_goals (self, NULL, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  sp_goal_tracker_evaluate_store_async (self->store, TRUE, sp_date_today (), self->cancellable,
                                        load_done_cb, g_object_ref (self));
}

static gboolean
refresh_idle_cb (gpointer data)
{
  SpGoalsPage *self = data;

  self->refresh_id = 0;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return G_SOURCE_REMOVE;
    }

  refresh (self);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "goal") == 0 &&
      !sp_goal_view_reload (self->goal_view))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (SpGoalsPage *self,
                  guint        changes)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

/* What changed while the page was hidden */
static void
sp_goals_page_map (GtkWidget *widget)
{
  SpGoalsPage *self = SP_GOALS_PAGE (widget);

  GTK_WIDGET_CLASS (sp_goals_page_parent_class)->map (widget);

  if (self->stale)
    refresh_idle_cb (self);
}

static void
row_activated_cb (SpGoalsPage   *self,
                  GtkListBoxRow *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "goal-id"));

  sp_goals_page_show_goal (self, id);
}

/* Actions */

static void
editor_saved_cb (SpGoalsPage *self,
                 SpGoal      *goal)
{
  sp_widget_add_toast (GTK_WIDGET (self), adw_toast_new (_("Goal set")));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  sp_goals_page_new_goal (SP_GOALS_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SpGoalsPage *self = SP_GOALS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* Public */

/**
 * sp_goals_page_new_goal:
 *
 * Opens the goal editor.
 *
 * Returns: (transfer none) (nullable): the editor, or %NULL without a database
 */
SpGoalEditor *
sp_goals_page_new_goal (SpGoalsPage *self)
{
  GtkRoot *root;
  SpGoalEditor *editor;

  g_return_val_if_fail (SP_IS_GOALS_PAGE (self), NULL);

  if (self->engine == NULL)
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = sp_goal_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->engine);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

void
sp_goals_page_show_goal (SpGoalsPage *self,
                         gint64       goal_id)
{
  g_return_if_fail (SP_IS_GOALS_PAGE (self));

  if (self->engine == NULL)
    return;

  sp_goal_view_show (self->goal_view, self->engine, goal_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "goal");
}

/* Most urgent first (transfer none; element-type SpGoalProgress); NULL while loading */
GPtrArray *
sp_goals_page_get_goals (SpGoalsPage *self)
{
  g_return_val_if_fail (SP_IS_GOALS_PAGE (self), NULL);
  return self->loading ? NULL : self->goals;
}

SpGoalView *
sp_goals_page_get_goal_view (SpGoalsPage *self)
{
  g_return_val_if_fail (SP_IS_GOALS_PAGE (self), NULL);
  return self->goal_view;
}

SpStore *
sp_goals_page_get_store (SpGoalsPage *self)
{
  g_return_val_if_fail (SP_IS_GOALS_PAGE (self), NULL);
  return self->store;
}

void
sp_goals_page_set_store (SpGoalsPage *self,
                         SpStore     *store)
{
  g_return_if_fail (SP_IS_GOALS_PAGE (self));
  g_return_if_fail (!store || SP_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_set_object (&self->store, store);
  g_clear_object (&self->engine);

  if (store != NULL)
    {
      self->engine = sp_kpi_engine_new (store);
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "goals.new",
                                 store != NULL && !self->read_only);
  g_clear_pointer (&self->goals, g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->list_stack, store ? "loading" : "empty");
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || store == NULL)
    refresh (self);
  else
    self->stale = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * sp_goals_page_set_read_only:
 *
 * Shows the goals without New Goal, Adjust, Close, Abandon or Delete, and
 * says why at the top: for a login that may not change them.
 */
void
sp_goals_page_set_read_only (SpGoalsPage *self,
                             gboolean     read_only)
{
  g_return_if_fail (SP_IS_GOALS_PAGE (self));

  self->read_only = !!read_only;
  gtk_revealer_set_reveal_child (self->owner_only_revealer, self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "goals.new",
                                 self->store != NULL && !self->read_only);
  sp_goal_view_set_read_only (self->goal_view, self->read_only);
}

gboolean
sp_goals_page_get_read_only (SpGoalsPage *self)
{
  g_return_val_if_fail (SP_IS_GOALS_PAGE (self), FALSE);
  return self->read_only;
}

/* Lifecycle */

static void
sp_goals_page_dispose (GObject *object)
{
  SpGoalsPage *self = SP_GOALS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_pointer (&self->goals, g_ptr_array_unref);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_goals_page_parent_class)->dispose (object);
}

static void
sp_goals_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SpGoalsPage *self = SP_GOALS_PAGE (object);

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
sp_goals_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SpGoalsPage *self = SP_GOALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sp_goals_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_goals_page_class_init (SpGoalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_goals_page_dispose;
  object_class->get_property = sp_goals_page_get_property;
  object_class->set_property = sp_goals_page_set_property;

  widget_class->map = sp_goals_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SP_TYPE_GOAL_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-goals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpGoalsPage, owner_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpGoalsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SpGoalsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SpGoalsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SpGoalsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SpGoalsPage, open_list);
  gtk_widget_class_bind_template_child (widget_class, SpGoalsPage, closed_label);
  gtk_widget_class_bind_template_child (widget_class, SpGoalsPage, closed_list);
  gtk_widget_class_bind_template_child (widget_class, SpGoalsPage, goal_view);

  gtk_widget_class_install_action (widget_class, "goals.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "goals.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "goals.back", NULL);
}

static void
sp_goals_page_init (SpGoalsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->open_list, "row-activated", G_CALLBACK (row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->closed_list, "row-activated", G_CALLBACK (row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "goals.new", FALSE);
  gtk_stack_set_visible_child_name (self->list_stack, "loading");
}
