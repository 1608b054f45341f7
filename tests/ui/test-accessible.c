/* test-accessible.c: every icon-only button the window can show has a name a screen reader says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sp-dashboard-page.h"
#include "sp-demo.h"
#include "sp-goal.h"
#include "sp-goals-page.h"
#include "sp-log-page.h"
#include "sp-review.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

#define NOW "2026-12-01 10:00"

static GType
parent_type_outside_toolkit (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *name = G_OBJECT_TYPE_NAME (w);

      if (g_str_has_prefix (name, "Sp"))
        return G_OBJECT_TYPE (w);
    }

  return G_TYPE_INVALID;
}

/*
 * Buttons that GTK and libadwaita make inside their own widgets (the
 * arrows of a calendar or spin button, a window's close button, the
 * button inside a menu button) are theirs to name.
 */
static gboolean
is_toolkit_internal (GtkWidget *button)
{
  for (GtkWidget *w = gtk_widget_get_parent (button); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_MENU_BUTTON (w) && w == gtk_widget_get_parent (button))
        return TRUE;
      if (GTK_IS_CALENDAR (w) || GTK_IS_SPIN_BUTTON (w) || GTK_IS_WINDOW_CONTROLS (w) ||
          ADW_IS_ENTRY_ROW (w))
        return TRUE;
      if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Sp"))
        break;
    }

  return FALSE;
}

static gboolean
is_icon_only (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL &&
           gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL;

  if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
          gtk_button_get_icon_name (GTK_BUTTON (widget)) == NULL)
        return FALSE;

      return gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL || GTK_IS_IMAGE (child);
    }

  return FALSE;
}

/*
 * GTK 4.8 gives a plain button its tooltip as name when it has none, but
 * not a menu button, whose inner button has no tooltip: those were silent.
 */
static gboolean
has_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Every widget under @root, shown or not, popovers included */
static void
check_tree (GtkWidget  *root,
            GHashTable *problems,
            guint      *n_checked)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if ((GTK_IS_BUTTON (child) || GTK_IS_MENU_BUTTON (child)) && is_icon_only (child) &&
          !is_toolkit_internal (child))
        {
          (*n_checked)++;

          if (!has_name (child))
            {
              GType owner = parent_type_outside_toolkit (child);
              const char *tooltip = gtk_widget_get_tooltip_text (child);
              const char *icon = GTK_IS_MENU_BUTTON (child)
                                   ? gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (child))
                                   : gtk_button_get_icon_name (GTK_BUTTON (child));

              g_hash_table_add (problems,
                                g_strdup_printf ("%s “%s” (icon %s) in %s",
                                                 G_OBJECT_TYPE_NAME (child),
                                                 tooltip ? tooltip : "", icon ? icon : "-",
                                                 owner ? g_type_name (owner) : "?"));
            }
        }

      check_tree (child, problems, n_checked);
    }
}

typedef struct
{
  GHashTable *problems;
  guint       n_checked;
} Check;

static void
check_window (GtkWidget *toplevel,
              gpointer   data)
{
  Check *check = data;

  check_tree (toplevel, check->problems, &check->n_checked);
}

static void
fill_shop (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(SpGoal) goal = NULL;
  SpDemoOptions options;

  g_assert_no_error (error);
  sp_demo_options_init (&options);
  options.contacts = 400;
  g_assert_true (sp_demo_fill (store, &options, &error));
  g_assert_no_error (error);

  goal = sp_goal_new (SP_KPI_CSAT, NULL, 85, sp_date_from_ymd (2026, 10, 1),
                      sp_date_from_ymd (2026, 12, 31));
  g_assert_true (sp_store_save_goal (store, goal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_store_add_goal_note (store, goal->id, sp_date_from_ymd (2026, 11, 2),
                                           "Ben on the phones", NAN, NULL,
                                           &error), >, 0);
  g_assert_no_error (error);
}

static void
test_icon_buttons_named (void)
{
  g_autoptr(GHashTable) problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = sp_test_db_path (dir);
  SpWindow *window;
  Check check = { 0 };

  fill_shop (path);
  window = sp_window_new (NULL, path);
  gtk_window_present (GTK_WINDOW (window));
  sp_test_ui_wait_mapped (GTK_WIDGET (window));

  check.problems = problems;
  sp_test_ui_visit_window (window, check_window, &check);

  g_assert_cmpuint (check.n_checked, >=, 15);

  if (g_hash_table_size (problems) > 0)
    {
      g_autoptr(GString) list = g_string_new ("Icon-only buttons without an accessible label:\n");
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, problems);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_string_append_printf (list, "  %s\n", (char *) key);
      g_error ("%s", list->str);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  sp_test_ui_flush ();
  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* the accessible properties are kept by the test backend */
  g_setenv ("GTK_A11Y", "test", TRUE);
  sp_time_override_now (sp_test_time (NOW));
  sp_test_ui_init (&argc, &argv);

  g_test_add_func ("/accessible/icon-buttons-named", test_icon_buttons_named);

  return g_test_run ();
}
