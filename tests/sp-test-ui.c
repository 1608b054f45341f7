/* sp-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-test-ui.h"

void
sp_test_ui_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/* Runs what is pending, a few rounds, so that idles and redraws happen */
void
sp_test_ui_flush (void)
{
  for (guint round = 0; round < 3; round++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
sp_test_ui_wait (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  sp_test_ui_flush ();
}

void
sp_test_ui_wait_mapped (GtkWidget *widget)
{
  for (guint i = 0; i < 1000 && !gtk_widget_get_mapped (widget); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);

  g_assert_true (gtk_widget_get_mapped (widget));
  sp_test_ui_flush ();
}

GtkWindow *
sp_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static const char *
widget_text (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  return NULL;
}

/* The first descendant of @type (whose title or label is @text, when given) */
GtkWidget *
sp_test_ui_find (GtkWidget  *root,
                 GType       type,
                 const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (text == NULL || g_strcmp0 (widget_text (child), text) == 0))
        return child;

      if ((found = sp_test_ui_find (child, type, text)))
        return found;
    }

  return NULL;
}

/* As if typed: the editable emits "changed" as for the keyboard */
void
sp_test_ui_set_text (gpointer    editable,
                     const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  sp_test_ui_flush ();
}

/* Enter in a text field: it activates, and with it the default button */
void
sp_test_ui_press_enter (gpointer editable)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (editable));
  GtkWidget *target = GTK_WIDGET (delegate ? delegate : editable);

  /* Enter goes where the focus is */
  gtk_widget_grab_focus (target);

  if (GTK_IS_ENTRY (target))
    g_signal_emit_by_name (target, "activate");
  else if (GTK_IS_TEXT (target))
    g_signal_emit_by_name (target, "activate");

  /* an activated button clicks after a short press animation */
  sp_test_ui_wait (350);
}

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;

      if ((found = find_actionable (child, action)))
        return found;
    }

  return NULL;
}

/* Whether the button bound to @action, found under @widget, can be clicked */
gboolean
sp_test_ui_is_enabled (GtkWidget  *widget,
                       const char *action)
{
  GtkWidget *button = find_actionable (widget, action);

  if (button == NULL)
    g_error ("No button for %s", action);

  return gtk_widget_is_sensitive (button);
}

void
sp_test_ui_destroy_all (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }

  sp_test_ui_flush ();
}

/* A template child of @widget, which must exist */
GtkWidget *
sp_test_ui_child (gpointer    widget,
                  GType       type,
                  const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (child == NULL)
    g_error ("No template child %s", name);

  return GTK_WIDGET (child);
}
