/* sp-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-dashboard-page.h"
#include "sp-goals-page.h"
#include "sp-log-page.h"
#include "sp-review.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"

void
sp_test_ui_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();

  /* what a test waits for then happens at once, not a few frames later */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
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

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

/* Waits until @widget's window has painted @n more frames, each with @widget redrawn */
void
sp_test_ui_wait_frames (GtkWidget *widget,
                        guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint painted = 0;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  for (guint i = 0; i < n; i++)
    {
      gtk_widget_queue_draw (widget);
      sp_test_wait_until (painted > i);
    }
  g_signal_handler_disconnect (clock, id);
  sp_test_ui_flush ();
}

void
sp_test_ui_wait_mapped (GtkWidget *widget)
{
  sp_test_wait_until (gtk_widget_get_mapped (widget));
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
static GtkWidget *
find_in (GtkWidget  *root,
         GType       type,
         const char *text,
         gboolean    shown)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (!shown || gtk_widget_get_mapped (child)) &&
          (text == NULL || g_strcmp0 (widget_text (child), text) == 0))
        return child;

      if ((found = find_in (child, type, text, shown)))
        return found;
    }

  return NULL;
}

GtkWidget *
sp_test_ui_find (GtkWidget  *root,
                 GType       type,
                 const char *text)
{
  return find_in (root, type, text, FALSE);
}

/* The same among the widgets on screen */
GtkWidget *
sp_test_ui_find_shown (GtkWidget  *root,
                       GType       type,
                       const char *text)
{
  return find_in (root, type, text, TRUE);
}

/* As if typed: the editable emits "changed" as for the keyboard */
void
sp_test_ui_set_text (gpointer    editable,
                     const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  sp_test_ui_flush ();
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* Enter in a text field: it activates, and with it the default button */
void
sp_test_ui_press_enter (gpointer editable)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (editable));
  GtkWidget *target = GTK_WIDGET (delegate ? delegate : editable);
  GtkRoot *root = gtk_widget_get_root (target);
  GtkWidget *button = GTK_IS_WINDOW (root) ? gtk_window_get_default_widget (GTK_WINDOW (root))
                                           : NULL;
  gint64 end = g_get_monotonic_time () + 350 * G_TIME_SPAN_MILLISECOND;
  gboolean clicked = FALSE;
  gulong id = 0;

  if (GTK_IS_BUTTON (button))
    {
      g_object_ref (button);
      id = g_signal_connect_swapped (button, "clicked", G_CALLBACK (set_true), &clicked);
    }

  /* Enter goes where the focus is */
  gtk_widget_grab_focus (target);

  if (GTK_IS_ENTRY (target))
    g_signal_emit_by_name (target, "activate");
  else if (GTK_IS_TEXT (target))
    g_signal_emit_by_name (target, "activate");

  /* an activated button clicks after a short press animation */
  sp_test_wait_until (clicked || g_get_monotonic_time () > end);
  if (id != 0)
    {
      g_signal_handler_disconnect (button, id);
      g_object_unref (button);
    }
  sp_test_ui_flush ();
}

/* Activates @button as a key press would, and waits for the click (after its animation) */
void
sp_test_ui_activate_button (GtkWidget *button)
{
  gboolean clicked = FALSE;
  gulong id;

  g_assert_true (GTK_IS_BUTTON (button));
  g_object_ref (button);
  id = g_signal_connect_swapped (button, "clicked", G_CALLBACK (set_true), &clicked);
  g_assert_true (gtk_widget_activate (button));
  sp_test_wait_until (clicked);
  g_signal_handler_disconnect (button, id);
  g_object_unref (button);
  sp_test_ui_flush ();
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

/* Whether @action, as @inside sees it, is enabled: also one only a menu offers */
gboolean
sp_test_ui_action_enabled (GtkWidget  *inside,
                           const char *action)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *button = gtk_button_new_with_label (action);
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_popover_set_child (GTK_POPOVER (popover), button);
  gtk_widget_set_parent (popover, inside);
  sp_test_ui_flush ();
  enabled = gtk_widget_is_sensitive (button);
  gtk_widget_unparent (popover);

  return enabled;
}

/* Whether a key binding that @widget has from its class, or a parent class, runs @action */
gboolean
sp_test_ui_has_binding (GtkWidget  *widget,
                        const char *accelerator,
                        const char *action)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  GdkModifierType modifiers = 0;
  guint keyval = 0;
  gboolean found = FALSE;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          found = GTK_IS_KEYVAL_TRIGGER (trigger) && GTK_IS_NAMED_ACTION (named) &&
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers &&
                  g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)),
                             action) == 0;
        }
    }

  g_object_unref (controllers);
  return found;
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

/* The From and To calendars under @root, in that order */
static void
find_calendars (GtkWidget    *root,
                GtkCalendar **calendars,
                guint        *n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child && *n < 2;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CALENDAR (child))
        calendars[(*n)++] = GTK_CALENDAR (child);
      else
        find_calendars (child, calendars, n);
    }
}

static void
get_calendars (GtkWidget    *popover,
               GtkCalendar **from,
               GtkCalendar **to)
{
  GtkCalendar *calendars[2] = { NULL, NULL };
  guint n = 0;

  find_calendars (popover, calendars, &n);
  if (n != 2)
    g_error ("No From and To calendars");

  *from = calendars[0];
  *to = calendars[1];
}

static SpDate
calendar_day (GtkCalendar *calendar)
{
  int year, month, day;

  g_object_get (calendar, "year", &year, "month", &month, "day", &day, NULL);
  return sp_date_from_ymd (year, month + 1, day);
}

/* A range popover's calendars show @from and @to, and its hint says @hint */
void
sp_test_ui_assert_days (GtkWidget  *popover,
                        SpDate      from,
                        SpDate      to,
                        const char *hint)
{
  GtkCalendar *from_calendar, *to_calendar;

  get_calendars (popover, &from_calendar, &to_calendar);
  g_assert_cmpint (calendar_day (from_calendar), ==, from);
  g_assert_cmpint (calendar_day (to_calendar), ==, to);
  g_assert_nonnull (sp_test_ui_find (popover, GTK_TYPE_LABEL, hint));
}

/* As if clicked: the first day, then the last, in a range popover's calendars */
void
sp_test_ui_choose_days (GtkWidget  *popover,
                        SpDate      from,
                        SpDate      to,
                        const char *hint)
{
  GtkCalendar *from_calendar, *to_calendar;
  g_autoptr(GDateTime) first = sp_time_to_date_time (sp_date_to_time (from));
  g_autoptr(GDateTime) last = sp_time_to_date_time (sp_date_to_time (to));

  get_calendars (popover, &from_calendar, &to_calendar);
  gtk_calendar_select_day (from_calendar, first);
  gtk_calendar_select_day (to_calendar, last);
  sp_test_ui_flush ();
  sp_test_ui_assert_days (popover, from, to, hint);
}

/* Closed after other days were clicked, a range popover opens again on @from to @to */
void
sp_test_ui_assert_days_kept (GtkMenuButton *button,
                             SpDate         from,
                             SpDate         to,
                             const char    *hint)
{
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));

  gtk_menu_button_popup (button);
  sp_test_ui_flush ();
  sp_test_ui_choose_days (popover, from - 9, from - 8, "2 days");
  gtk_popover_popdown (GTK_POPOVER (popover));
  sp_test_ui_flush ();
  gtk_menu_button_popup (button);
  sp_test_ui_flush ();
  g_assert_true (gtk_widget_get_visible (popover));
  sp_test_ui_assert_days (popover, from, to, hint);
  gtk_popover_popdown (GTK_POPOVER (popover));
  sp_test_ui_flush ();
}

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            keyval, modifiers) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            keyval, modifiers);

  if (!GTK_IS_KEYVAL_TRIGGER (trigger))
    return FALSE;

  return gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))) ==
           gdk_keyval_to_lower (keyval) &&
         (gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) &
          gtk_accelerator_get_default_mod_mask ()) == modifiers;
}

/* What one widget's controllers of @phase do with the key; whether one took it */
static gboolean
key_to_widget (GtkWidget           *widget,
               GtkPropagationPhase  phase,
               guint                keyval,
               GdkModifierType      modifiers)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, modifiers, &handled);
        }
      else if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        {
          GListModel *shortcuts = G_LIST_MODEL (controller);

          for (guint j = 0; j < g_list_model_get_n_items (shortcuts) && !handled; j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, j);

              if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, modifiers))
                handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                        GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                        gtk_shortcut_get_arguments (shortcut));
            }
        }
    }

  g_object_unref (controllers);
  return handled;
}

/*
 * A key press in @window, as GTK hands it on: to the capture-phase
 * controllers from the window down to the focus, then to the others from
 * the focus up; the first that takes it ends it.  Returns whether one did.
 */
gboolean
sp_test_ui_press_keys (GtkWidget  *window,
                       const char *accelerator)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GdkModifierType modifiers = 0;
  GtkWidget *focus;
  guint keyval = 0;
  gboolean handled = FALSE;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));

  focus = gtk_root_get_focus (GTK_ROOT (window));
  for (GtkWidget *w = focus ? focus : window; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_add (chain, w);

  for (guint i = chain->len; i > 0 && !handled; i--)
    handled = key_to_widget (chain->pdata[i - 1], GTK_PHASE_CAPTURE, keyval, modifiers);

  for (guint i = 0; i < chain->len && !handled; i++)
    handled = (i == 0 && key_to_widget (chain->pdata[i], GTK_PHASE_TARGET, keyval, modifiers)) ||
              key_to_widget (chain->pdata[i], GTK_PHASE_BUBBLE, keyval, modifiers);

  sp_test_ui_flush ();
  return handled;
}

/* Closes every window but @keep (and the shortcuts window, which GTK keeps) */
void
sp_test_ui_close_other_windows (GtkWindow *keep)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i - 1);

      if (other != keep && !GTK_IS_SHORTCUTS_WINDOW (other))
        gtk_window_destroy (other);
    }

  sp_test_ui_flush ();
}

static void
visit_all (SpTestUiVisitFunc func,
           gpointer          data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  sp_test_ui_flush ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      func (toplevel, data);
    }
}

void
sp_test_ui_visit_window (SpWindow          *window,
                         SpTestUiVisitFunc  func,
                         gpointer           data)
{
  const char *pages[] = { "dashboard", "log", "goals", "reports" };
  const char *dialogs[] = { "win.log-contact", "win.record-survey", "win.preferences",
                            "win.export", "log.shifts", "log.month-figures", "log.names",
                            "goals.new" };
  SpDashboardPage *dashboard = SP_DASHBOARD_PAGE (sp_test_ui_find (GTK_WIDGET (window),
                                                                   SP_TYPE_DASHBOARD_PAGE,
                                                                   NULL));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      sp_window_show_page (window, pages[i]);
      visit_all (func, data);
    }

  /* the dashboard's own pages */
  sp_window_show_page (window, "dashboard");
  for (guint kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      sp_dashboard_page_open_kpi (dashboard, kpi);
      visit_all (func, data);
      sp_dashboard_page_go_back (dashboard);
    }
  sp_dashboard_page_open_review (dashboard, SP_REVIEW_MONTHLY);
  visit_all (func, data);
  sp_dashboard_page_go_back (dashboard);

  /* a goal's page */
  sp_window_show_goal (window, 1);
  visit_all (func, data);

  /* each form and dialog, from where the window opens it */
  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      GtkWidget *from = GTK_WIDGET (window);

      if (g_str_has_prefix (dialogs[i], "log."))
        from = sp_test_ui_find (GTK_WIDGET (window), SP_TYPE_LOG_PAGE, NULL);
      else if (g_str_has_prefix (dialogs[i], "goals."))
        from = sp_test_ui_find (GTK_WIDGET (window), SP_TYPE_GOALS_PAGE, NULL);

      g_assert_true (gtk_widget_activate_action (from, dialogs[i], NULL));
      visit_all (func, data);
      sp_test_ui_close_other_windows (GTK_WINDOW (window));
    }
}
