/* test-firstrun.c: the first start, the sample shop and shop files in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "sp-application.h"
#include "sp-demo.h"
#include "sp-contact-form.h"
#include "sp-error.h"
#include "sp-form.h"
#include "sp-hours-page.h"
#include "sp-preferences-window.h"
#include "sp-sample-shop.h"
#include "sp-setup-dialog.h"
#include "sp-shop.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

typedef struct
{
  char     *dir;
  char     *path;
  SpWindow *window;
} Fixture;

/* one application for the program, registered so that it has its settings */
static SpApplication *app;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = sp_test_make_dir ();
  f->path = g_build_filename (f->dir, "My Shop.db", NULL);
  g_settings_reset (sp_application_get_settings (app), "recent-shops");
  g_settings_reset (sp_application_get_settings (app), "last-shop");
}

static void
open_window (Fixture *f)
{
  f->window = sp_window_new (app, f->path);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (GTK_WIDGET (f->window));
  g_assert_nonnull (sp_window_get_store (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A shop called @name with @n contacts, in @dir */
static char *
make_shop (const char *dir,
           const char *file,
           const char *name,
           guint       n)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  if (name != NULL)
    g_assert_true (sp_shop_set_name (store, name, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();

      c->received_at = sp_test_time ("2026-10-01 09:00") + i * 3600;
      c->channel = SP_CHANNEL_PHONE;
      sp_contact_set_agent_name (c, "Ana");
      g_assert_true (sp_store_save_contact (store, c, &error));
    }
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static const char *
visible_page (SpWindow *window)
{
  GtkStack *stack = GTK_STACK (sp_test_ui_child (window, SP_TYPE_WINDOW, "main_stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static char *
query_text (const char *path,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return sp_test_query_text (store, sql);
}

static SpSetupDialog *
setup_dialog (void)
{
  return SP_SETUP_DIALOG (sp_test_ui_find_toplevel (SP_TYPE_SETUP_DIALOG));
}

static GtkWidget *
row (gpointer    root,
     GType       type,
     const char *title)
{
  GtkWidget *found = sp_test_ui_find (GTK_WIDGET (root), type, title);

  if (found == NULL)
    g_error ("No row “%s”", title);
  return found;
}

static gboolean
has_focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static const char *
shown_error (SpSetupDialog *dialog)
{
  GtkRevealer *revealer = GTK_REVEALER (sp_test_ui_child (dialog, SP_TYPE_SETUP_DIALOG,
                                                          "error_revealer"));
  GtkLabel *label = GTK_LABEL (sp_test_ui_child (dialog, SP_TYPE_SETUP_DIALOG,
                                                 "error_label"));

  return gtk_revealer_get_reveal_child (revealer) ? gtk_label_get_label (label) : NULL;
}

/* How many icon-only buttons under @root there are; each must have a name to be read out */
static guint
check_icon_buttons_named (GtkWidget *root)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      /* the entry rows' own apply button (not shown here) is libadwaita's to name */
      if (GTK_IS_BUTTON (child) && gtk_button_get_icon_name (GTK_BUTTON (child)) != NULL &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)),
                     "adw-entry-apply-symbolic") != 0 &&
          !GTK_IS_WINDOW_CONTROLS (gtk_widget_get_parent (child)))
        {
          if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (child),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL))
            g_error ("The button “%s” (%s) has no accessible name",
                     gtk_button_get_icon_name (GTK_BUTTON (child)),
                     gtk_widget_get_tooltip_text (child));
          n++;
        }
      n += check_icon_buttons_named (child);
    }

  return n;
}

/* First start: the welcome page, then the shop set up through the dialog from the keyboard */
static void
test_set_up (Fixture       *f,
             gconstpointer  data)
{
  SpSetupDialog *dialog;
  GtkWidget *staff;
  GtkWidget *topic;
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *agents = NULL;
  g_autofree char *topics = NULL;

  open_window (f);
  g_assert_cmpstr (visible_page (f->window), ==, "welcome");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Service Pulse");

  sp_test_ui_activate_button (sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_BUTTON,
                                                     "_Set Up the Shop"));
  dialog = setup_dialog ();
  g_assert_nonnull (dialog);
  sp_test_ui_wait_mapped (GTK_WIDGET (dialog));

  /* the name first; Enter goes on to the currency, then to the staff */
  g_assert_true (has_focus_in (row (dialog, ADW_TYPE_ENTRY_ROW, "Shop name")));
  sp_test_ui_set_text (row (dialog, ADW_TYPE_ENTRY_ROW, "Shop name"), "Corner Bikes");
  sp_test_ui_press_enter (row (dialog, ADW_TYPE_ENTRY_ROW, "Shop name"));
  g_assert_true (has_focus_in (row (dialog, ADW_TYPE_ENTRY_ROW, "Currency symbol")));
  sp_test_ui_set_text (row (dialog, ADW_TYPE_ENTRY_ROW, "Currency symbol"), "CHF");
  sp_test_ui_press_enter (row (dialog, ADW_TYPE_ENTRY_ROW, "Currency symbol"));

  /* names one after another, each with Enter; the field stays ready for the next */
  staff = row (dialog, ADW_TYPE_ENTRY_ROW, "Add a name");
  g_assert_true (has_focus_in (staff));
  sp_test_ui_set_text (staff, "Lena Bauer");
  sp_test_ui_press_enter (staff);
  sp_test_ui_set_text (staff, "Omar");
  sp_test_ui_press_enter (staff);
  g_assert_true (has_focus_in (staff));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (staff)), ==, "");
  g_assert_nonnull (sp_test_ui_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Lena Bauer"));

  /* a name twice is said at once, and the text stays to be corrected */
  sp_test_ui_set_text (staff, "lena  bauer");
  sp_test_ui_press_enter (staff);
  g_assert_cmpstr (shown_error (dialog), ==, "“lena bauer” is in the staff already.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (staff)), ==, "lena  bauer");
  /* typed but not added with Enter: saved all the same */
  sp_test_ui_set_text (staff, "Sami");

  /* the topics start with the usual ones: one removed, one added */
  {
    GtkWidget *complaints = row (dialog, ADW_TYPE_ACTION_ROW, "Complaints");
    GtkWidget *remove = sp_test_ui_find (complaints, GTK_TYPE_BUTTON, NULL);

    g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "Remove “Complaints”");
    sp_test_ui_activate_button (remove);
    g_assert_null (sp_test_ui_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Complaints"));
  }
  topic = row (dialog, ADW_TYPE_ENTRY_ROW, "Add a topic");
  sp_test_ui_set_text (topic, "Bike fitting");
  sp_test_ui_press_enter (topic);

  /* two add buttons, a remove button for each of 2 staff and 6 topics */
  g_assert_cmpuint (check_icon_buttons_named (GTK_WIDGET (dialog)), ==, 10);

  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "<Control>Return"));
  sp_test_wait_until (setup_dialog () == NULL);

  /* what the file holds */
  name = query_text (f->path, "SELECT value FROM settings WHERE key = 'shop.name'");
  g_assert_cmpstr (name, ==, "Corner Bikes");
  currency = query_text (f->path,
                         "SELECT value FROM settings WHERE key = 'shop.currency-symbol'");
  g_assert_cmpstr (currency, ==, "CHF");
  agents = query_text (f->path, "SELECT group_concat(name, '|') FROM "
                                "(SELECT name FROM agents ORDER BY id)");
  g_assert_cmpstr (agents, ==, "Lena Bauer|Omar|Sami");
  topics = query_text (f->path, "SELECT group_concat(name, '|') FROM "
                                "(SELECT name FROM categories ORDER BY id)");
  g_assert_cmpstr (topics, ==, "Product questions|Orders and delivery|Returns and refunds|"
                               "Billing and payment|Repairs and warranty|Bike fitting");

  /* and what the window shows: the shop by name, its pages instead of the welcome */
  sp_test_ui_flush ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==,
                   "Corner Bikes — Service Pulse");
  g_assert_cmpstr (visible_page (f->window), ==, "app");
  {
    AdwWindowTitle *title = ADW_WINDOW_TITLE (sp_test_ui_child (f->window, SP_TYPE_WINDOW,
                                                                "shop_title"));

    g_assert_cmpstr (adw_window_title_get_title (title), ==, "Corner Bikes");
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "My Shop.db");
    g_autofree char *whole = g_strdup_printf ("Corner Bikes\n%s", f->path);

    /* the name cut short beside the page buttons is whole in the tooltip, with the file */
    g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), ==, whole);
  }
}

/* A mistake is said above the fields and marks the one to fix; nothing is written */
static void
test_set_up_refused (Fixture       *f,
                     gconstpointer  data)
{
  SpSetupDialog *dialog;
  GtkWidget *name;
  GtkWidget *currency;

  open_window (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.setup-shop", NULL);
  dialog = setup_dialog ();
  sp_test_ui_wait_mapped (GTK_WIDGET (dialog));
  name = row (dialog, ADW_TYPE_ENTRY_ROW, "Shop name");
  currency = row (dialog, ADW_TYPE_ENTRY_ROW, "Currency symbol");

  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "<Control>Return"));
  sp_assert_contains (shown_error (dialog), "Give the shop a name");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_true (has_focus_in (name));

  /* typing again is fixing it: the marks go */
  sp_test_ui_set_text (name, "Corner Bikes");
  g_assert_null (shown_error (dialog));
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  sp_test_ui_set_text (currency, "100");
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "<Control>Return"));
  sp_assert_contains (shown_error (dialog), "A currency symbol is a few characters");
  g_assert_true (gtk_widget_has_css_class (currency, "error"));
  g_assert_false (gtk_widget_has_css_class (name, "error"));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_null (sp_shop_dup_name (sp_window_get_store (f->window)));
  g_assert_cmpstr (visible_page (f->window), ==, "welcome");
}

/* The currency symbol starts as the region's: "€" in Germany */
static void
test_set_up_currency (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *locales = sp_test_make_german_locale (f->dir);
  g_autofree char *saved = NULL;
  SpSetupDialog *dialog;
  GtkWidget *currency;

  if (locales == NULL)
    {
      g_test_skip ("localedef could not make the German locale");
      return;
    }

  g_setenv ("LOCPATH", locales, TRUE);
  saved = g_strdup (setlocale (LC_MONETARY, NULL));
  if (setlocale (LC_MONETARY, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the German locale can't be used");
      return;
    }

  open_window (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.setup-shop", NULL);
  dialog = setup_dialog ();
  currency = row (dialog, ADW_TYPE_ENTRY_ROW, "Currency symbol");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (currency)), ==, "€");
  /* the region's symbol as it came is no change to ask about */
  g_assert_false (sp_setup_dialog_has_changes (dialog));

  sp_test_ui_set_text (row (dialog, ADW_TYPE_ENTRY_ROW, "Shop name"), "Eckladen");
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "<Control>Return"));
  sp_test_wait_until (setup_dialog () == NULL);
  {
    g_autofree char *symbol = query_text (f->path, "SELECT value FROM settings "
                                                   "WHERE key = 'shop.currency-symbol'");

    g_assert_cmpstr (symbol, ==, "€");
  }

  setlocale (LC_MONETARY, saved);
  g_unsetenv ("LOCPATH");
}

/* Asked for, the opening hours come next, in Preferences */
static void
test_set_up_hours (Fixture       *f,
                   gconstpointer  data)
{
  SpSetupDialog *dialog;
  AdwPreferencesWindow *preferences;
  GtkWidget *hours_row;

  open_window (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.setup-shop", NULL);
  dialog = setup_dialog ();
  sp_test_ui_wait_mapped (GTK_WIDGET (dialog));

  sp_test_ui_set_text (row (dialog, ADW_TYPE_ENTRY_ROW, "Shop name"), "Corner Bikes");
  hours_row = row (dialog, ADW_TYPE_ACTION_ROW, "_Set the opening hours next");
  adw_action_row_activate (ADW_ACTION_ROW (hours_row));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "<Control>Return"));
  sp_test_wait_until (setup_dialog () == NULL);

  preferences = ADW_PREFERENCES_WINDOW (sp_test_ui_find_toplevel (SP_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  g_assert_true (SP_IS_HOURS_PAGE (adw_preferences_window_get_visible_page (preferences)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) ==
                 GTK_WINDOW (f->window));
}

static AdwMessageDialog *
find_message (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return ADW_MESSAGE_DIALOG (w);
    }

  return NULL;
}

/* Escape closes at once when nothing was typed, and asks first when something was */
static void
test_set_up_escape (Fixture       *f,
                    gconstpointer  data)
{
  SpSetupDialog *dialog;
  AdwMessageDialog *ask;

  open_window (f);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.setup-shop", NULL);
  dialog = setup_dialog ();
  sp_test_ui_wait_mapped (GTK_WIDGET (dialog));
  g_assert_false (sp_setup_dialog_has_changes (dialog));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "Escape"));
  sp_test_wait_until (setup_dialog () == NULL);
  g_assert_null (find_message ("Save the Shop’s Details?"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.setup-shop", NULL);
  dialog = setup_dialog ();
  sp_test_ui_wait_mapped (GTK_WIDGET (dialog));
  sp_test_ui_set_text (row (dialog, ADW_TYPE_ENTRY_ROW, "Add a name"), "Lena");
  g_assert_true (sp_setup_dialog_has_changes (dialog));
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "Escape"));

  ask = find_message ("Save the Shop’s Details?");
  g_assert_nonnull (ask);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  /* Escape then Enter keeps what was typed, as in every form */
  g_assert_cmpstr (adw_message_dialog_get_default_response (ask), ==, "keep");

  /* keep editing: the text is still there */
  adw_message_dialog_response (ask, "keep");
  sp_test_ui_flush ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (dialog, ADW_TYPE_ENTRY_ROW,
                                                             "Add a name"))), ==, "Lena");

  /* discard: gone, and nothing written */
  g_assert_true (sp_test_ui_press_keys (GTK_WIDGET (dialog), "Escape"));
  ask = find_message ("Save the Shop’s Details?");
  g_assert_nonnull (ask);
  adw_message_dialog_response (ask, "discard");
  sp_test_wait_until (setup_dialog () == NULL);
  g_assert_cmpint (sp_test_query_int (sp_window_get_store (f->window),
                                      "SELECT count(*) FROM agents"), ==, 0);
}

/* The button on screen that runs @action */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_action_button (child, action)))
        return found;
    }

  return NULL;
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* The sample shop opens in a file of its own; the owner's is never written to */
static void
test_sample_shop (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *sample = sp_sample_shop_dup_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *name = NULL;
  g_autofree char *last = NULL;
  g_auto(GStrv) recent = NULL;
  GSettings *settings = sp_application_get_settings (app);
  GtkWidget *back;

  /* the owner's shop as a first start leaves it: made, and nothing in it */
  g_free (make_shop (f->dir, "My Shop.db", NULL, 0));
  before = checksum_file (f->path);

  open_window (f);
  g_assert_cmpstr (visible_page (f->window), ==, "welcome");
  sp_test_ui_activate_button (find_action_button (GTK_WIDGET (f->window),
                                                  "win.explore-sample"));
  /* a second click while it is being made does nothing */
  g_assert_false (sp_test_ui_is_enabled (GTK_WIDGET (f->window), "win.explore-sample"));

  sp_test_wait_until (sp_window_is_sample (f->window) &&
                      sp_window_get_store (f->window) != NULL);
  g_assert_cmpstr (sp_window_get_database_path (f->window), ==, sample);
  g_assert_cmpint (sp_test_query_int (sp_window_get_store (f->window),
                                      "SELECT count(*) FROM contacts"), ==,
                   SP_DEMO_DEFAULT_CONTACTS);

  /* the window says it is the sample shop, and names it */
  g_assert_cmpstr (visible_page (f->window), ==, "app");
  g_assert_true (gtk_revealer_get_reveal_child (
    GTK_REVEALER (sp_test_ui_child (f->window, SP_TYPE_WINDOW, "sample_revealer"))));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==,
                   "Harbour Street Cycles (sample data) — Service Pulse");
  back = sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "_Back to My Shop");
  g_assert_nonnull (back);
  g_assert_false (gtk_revealer_get_reveal_child (
    GTK_REVEALER (sp_test_ui_child (f->window, SP_TYPE_WINDOW, "unnamed_revealer"))));

  /* like a shop in use, a new contact starts with the agent of the last one */
  {
    SpForm *form;
    const char *problem;

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-contact", NULL);
    sp_test_ui_flush ();
    form = SP_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
    g_assert_nonnull (form);
    problem = sp_form_get_problem (form);
    g_assert_true (problem == NULL || strstr (problem, "agent") == NULL);
    gtk_window_destroy (GTK_WINDOW (form));
    sp_test_ui_flush ();
  }

  /* the owner's file is as it was, byte for byte, and still the shop that opens next */
  after = checksum_file (f->path);
  g_assert_cmpstr (before, ==, after);
  name = query_text (f->path, "SELECT count(*) FROM contacts");
  g_assert_cmpstr (name, ==, "0");
  last = g_settings_get_string (settings, "last-shop");
  g_assert_cmpstr (last, ==, f->path);
  recent = g_settings_get_strv (settings, "recent-shops");
  g_assert_false (g_strv_contains ((const char * const *) recent, sample));

  /* and back: the owner's shop, on its welcome page again */
  sp_test_ui_activate_button (back);
  sp_test_ui_flush ();
  g_assert_cmpstr (sp_window_get_database_path (f->window), ==, f->path);
  g_assert_nonnull (sp_window_get_store (f->window));
  g_assert_false (gtk_revealer_get_reveal_child (
    GTK_REVEALER (sp_test_ui_child (f->window, SP_TYPE_WINDOW, "sample_revealer"))));
  g_assert_cmpstr (visible_page (f->window), ==, "welcome");
}

/* From the menu of a shop in use, the sample shop and back to that shop (not the default one) */
static void
test_sample_from_menu (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *books = make_shop (f->dir, "books.db", "Harbour Books", 3);

  g_free (f->path);
  f->path = g_strdup (books);
  open_window (f);
  g_assert_cmpstr (visible_page (f->window), ==, "app");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.explore-sample", NULL);
  sp_test_wait_until (sp_window_is_sample (f->window) &&
                      sp_window_get_store (f->window) != NULL);
  sp_test_ui_flush ();
  g_assert_true (gtk_revealer_get_reveal_child (
    GTK_REVEALER (sp_test_ui_child (f->window, SP_TYPE_WINDOW, "sample_revealer"))));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-own-shop", NULL);
  sp_test_ui_flush ();
  g_assert_cmpstr (sp_window_get_database_path (f->window), ==, books);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==,
                   "Harbour Books — Service Pulse");
  g_assert_cmpint (sp_test_query_int (sp_window_get_store (f->window),
                                      "SELECT count(*) FROM contacts"), ==, 3);
}

/* A window closed while the sample shop is being made goes quietly, once it is made */
static void
test_sample_window_closed (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *sample = sp_sample_shop_dup_path ();
  gpointer window;

  /* made from nothing, so that it takes a moment */
  g_remove (sample);
  open_window (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.explore-sample", NULL);
  window = f->window;
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;

  /* the work keeps the window until it is done; done, nothing touches the window */
  sp_test_wait_until (window == NULL);
  g_assert_true (g_file_test (sample, G_FILE_TEST_IS_REGULAR));
}

/* Another shop file opens in the same window; a file that is no shop is refused */
static void
test_open_shop (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *other = make_shop (f->dir, "harbour.db", "Harbour Books", 2);
  g_autofree char *letter = sp_test_write_file (f->dir, "letter.db", "Dear customer, …");
  g_autofree char *empty = sp_test_write_file (f->dir, "empty.db", "");
  g_autofree char *missing = g_build_filename (f->dir, "gone.db", NULL);
  g_autoptr(GError) error = NULL;
  AdwWindowTitle *title;
  g_autofree char *letter_after = NULL;
  gsize empty_length = 99;

  g_free (make_shop (f->dir, "My Shop.db", "Corner Bikes", 1));
  open_window (f);
  title = ADW_WINDOW_TITLE (sp_test_ui_child (f->window, SP_TYPE_WINDOW, "shop_title"));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Corner Bikes");

  /* Preferences, open on the first shop, saves and closes before the other opens */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL);
  sp_test_ui_flush ();
  g_assert_nonnull (sp_test_ui_find_toplevel (SP_TYPE_PREFERENCES_WINDOW));

  g_assert_true (sp_window_open_shop (f->window, other, &error));
  g_assert_no_error (error);
  sp_test_ui_flush ();
  g_assert_null (sp_test_ui_find_toplevel (SP_TYPE_PREFERENCES_WINDOW));
  g_assert_cmpstr (sp_window_get_database_path (f->window), ==, other);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==,
                   "Harbour Books — Service Pulse");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Harbour Books");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "harbour.db");
  g_assert_cmpint (sp_test_query_int (sp_window_get_store (f->window),
                                      "SELECT count(*) FROM contacts"), ==, 2);

  /* a new name in the settings shows at once */
  g_assert_true (sp_shop_set_name (sp_window_get_store (f->window), "Harbour Books & Café",
                                   &error));
  sp_test_ui_flush ();
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Harbour Books & Café");

  /* no shop: refused with why, the window keeps its shop, the file is left alone */
  g_assert_false (sp_window_open_shop (f->window, letter, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE);
  sp_assert_contains (error->message, "is not a Service Pulse database");
  g_clear_error (&error);
  g_assert_false (sp_window_open_shop (f->window, empty, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_DATABASE);
  sp_assert_contains (error->message, "“empty.db” is empty, so it is not a shop");
  g_clear_error (&error);
  g_assert_false (sp_window_open_shop (f->window, missing, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpstr (sp_window_get_database_path (f->window), ==, other);
  g_assert_nonnull (sp_window_get_store (f->window));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Harbour Books & Café");
  g_assert_true (g_file_get_contents (letter, &letter_after, NULL, NULL));
  g_assert_cmpstr (letter_after, ==, "Dear customer, …");
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (empty, &contents, &empty_length, NULL));
    g_assert_cmpuint (empty_length, ==, 0);
  }
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* a form with unsaved changes asks first; kept, the shop stays */
  {
    SpForm *form;
    AdwMessageDialog *ask;

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-contact", NULL);
    sp_test_ui_flush ();
    form = SP_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
    g_assert_nonnull (form);
    sp_form_set_dirty (form, TRUE);

    g_assert_false (sp_window_open_shop (f->window, f->path, &error));
    g_assert_no_error (error);
    ask = find_message ("Save Your Changes?");
    g_assert_nonnull (ask);
    adw_message_dialog_response (ask, "keep");
    sp_test_ui_flush ();
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
    g_assert_cmpstr (sp_window_get_database_path (f->window), ==, other);

    /* dropped, the other shop opens */
    sp_form_set_dirty (form, FALSE);
    g_assert_true (sp_window_open_shop (f->window, f->path, &error));
    g_assert_no_error (error);
    sp_test_ui_flush ();
    g_assert_null (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
    g_assert_cmpstr (sp_window_get_database_path (f->window), ==, f->path);
    g_assert_cmpstr (adw_window_title_get_title (title), ==, "Corner Bikes");
  }

  /* so does the setup with a name typed in it */
  {
    SpSetupDialog *dialog;
    AdwMessageDialog *ask;

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.setup-shop", NULL);
    dialog = setup_dialog ();
    sp_test_ui_set_text (row (dialog, ADW_TYPE_ENTRY_ROW, "Add a name"), "Lena");

    g_assert_false (sp_window_open_shop (f->window, other, &error));
    g_assert_no_error (error);
    ask = find_message ("Save the Shop’s Details?");
    g_assert_nonnull (ask);
    adw_message_dialog_response (ask, "discard");
    sp_test_wait_until (setup_dialog () == NULL);
    g_assert_cmpstr (sp_window_get_database_path (f->window), ==, f->path);

    g_assert_true (sp_window_open_shop (f->window, other, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (sp_window_get_database_path (f->window), ==, other);
  }
}

/* New Shop makes an empty file and sets it up; it never writes over one */
static void
test_new_shop (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *second = g_build_filename (f->dir, "Second", NULL);
  g_autofree char *second_db = g_build_filename (f->dir, "Second.db", NULL);
  g_autoptr(GError) error = NULL;

  g_free (make_shop (f->dir, "My Shop.db", "Corner Bikes", 1));
  open_window (f);

  /* the chooser starts beside the shop shown, not where the app was started, and offers
   * a name no file there has */
  g_free (make_shop (f->dir, "New Shop.db", "Old Shop", 0));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-shop", NULL);
  sp_test_ui_flush ();
  {
    GtkWindow *chooser = sp_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
    g_autoptr(GFile) folder = NULL;
    g_autoptr(GFile) expected = g_file_new_for_path (f->dir);

    g_assert_nonnull (chooser);
    folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
    g_assert_nonnull (folder);
    g_assert_true (g_file_equal (folder, expected));
    g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)), ==,
                     "New Shop 2.db");
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    sp_test_ui_flush ();
  }

  g_assert_true (sp_window_new_shop (f->window, second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sp_window_get_database_path (f->window), ==, second_db);
  sp_test_ui_flush ();
  g_assert_nonnull (setup_dialog ());
  g_assert_cmpstr (visible_page (f->window), ==, "welcome");
  gtk_window_destroy (GTK_WINDOW (setup_dialog ()));

  /* over an existing shop: refused, and that shop keeps its name */
  g_assert_false (sp_window_new_shop (f->window, f->path, &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_DUPLICATE);
  sp_assert_contains (error->message, "“My Shop.db” is there already");
  g_assert_cmpstr (sp_window_get_database_path (f->window), ==, second_db);
  {
    g_autofree char *name = query_text (f->path,
                                        "SELECT value FROM settings WHERE key = 'shop.name'");
    g_assert_cmpstr (name, ==, "Corner Bikes");
  }
}

static GMenuModel *
find_submenu (GMenuModel *menu,
              const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_label = NULL;

      if (section != NULL)
        {
          GMenuModel *found = find_submenu (section, label);

          if (found != NULL)
            return found;
          continue;
        }

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_strcmp0 (item_label, label) == 0)
        return g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
    }

  return NULL;
}

/* The shops opened lately, latest first, in the main menu; the last one opens at start */
static void
test_recent (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = make_shop (f->dir, "a.db", "Shop A", 1);
  g_autofree char *b = make_shop (f->dir, "b.db", "Shop B", 1);
  g_autofree char *c = make_shop (f->dir, "shop_c.db", "Shop_C", 1);
  g_autofree char *d = make_shop (f->dir, "unnamed_d.db", NULL, 1);
  GSettings *settings = sp_application_get_settings (app);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GMenuModel) submenu = NULL;
  g_autofree char *own = NULL;
  GtkMenuButton *button;

  g_free (f->path);
  f->path = g_strdup (a);
  open_window (f);
  g_assert_true (sp_window_open_shop (f->window, b, NULL));
  g_assert_true (sp_window_open_shop (f->window, c, NULL));
  sp_test_ui_flush ();

  recent = g_settings_get_strv (settings, "recent-shops");
  g_assert_cmpuint (g_strv_length (recent), ==, 3);
  g_assert_cmpstr (recent[0], ==, c);
  g_assert_cmpstr (recent[1], ==, b);
  g_assert_cmpstr (recent[2], ==, a);
  own = sp_application_dup_own_shop (app);
  g_assert_cmpstr (own, ==, c);

  /* the menu offers the others, not the one shown */
  /* the header bar's first menu button is the main menu */
  button = GTK_MENU_BUTTON (sp_test_ui_find_shown (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON,
                                                   NULL));
  g_assert_nonnull (button);
  submenu = find_submenu (gtk_menu_button_get_menu_model (button), "Open _Recent");
  g_assert_nonnull (submenu);
  g_assert_cmpint (g_menu_model_get_n_items (submenu), ==, 2);
  {
    g_autofree char *label = NULL;
    g_autofree char *action = NULL;
    g_autofree char *target = NULL;

    g_assert_true (g_menu_model_get_item_attribute (submenu, 1, G_MENU_ATTRIBUTE_LABEL, "s",
                                                    &label));
    /* the shop's name, its file in the tooltip */
    g_assert_cmpstr (label, ==, "Shop A");
    {
      g_autofree char *tooltip = NULL;

      g_assert_true (g_menu_model_get_item_attribute (submenu, 1, "tooltip", "s", &tooltip));
      g_assert_cmpstr (tooltip, ==, a);
    }
    g_assert_true (g_menu_model_get_item_attribute (submenu, 1, G_MENU_ATTRIBUTE_ACTION, "s",
                                                    &action));
    g_assert_true (g_menu_model_get_item_attribute (submenu, 1, G_MENU_ATTRIBUTE_TARGET, "s",
                                                    &target));

    /* chosen, it opens in this window */
    gtk_widget_activate_action (GTK_WIDGET (f->window), action, "s", target);
    sp_test_ui_flush ();
    g_assert_cmpstr (sp_window_get_database_path (f->window), ==, a);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Shop A — Service Pulse");
  }

  /* now the others are C and B; an underscore in a name is shown, not a mnemonic */
  g_clear_object (&submenu);
  submenu = find_submenu (gtk_menu_button_get_menu_model (button), "Open _Recent");
  g_assert_cmpint (g_menu_model_get_n_items (submenu), ==, 2);
  {
    g_autofree char *label = NULL;

    g_assert_true (g_menu_model_get_item_attribute (submenu, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                    &label));
    g_assert_cmpstr (label, ==, "Shop__C");
  }

  /* a shop without a name is offered by its file's name, and reading it wrote nothing */
  {
    const char *with_d[] = { a, d, c, NULL };
    const char *without_d[] = { a, c, b, NULL };
    g_autofree char *label = NULL;
    g_autofree char *name = NULL;
    GStatBuf before, after;

    g_assert_cmpint (g_stat (d, &before), ==, 0);
    g_settings_set_strv (settings, "recent-shops", with_d);
    sp_test_ui_flush ();
    g_clear_object (&submenu);
    submenu = find_submenu (gtk_menu_button_get_menu_model (button), "Open _Recent");
    g_assert_cmpint (g_menu_model_get_n_items (submenu), ==, 2);
    g_assert_true (g_menu_model_get_item_attribute (submenu, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                    &label));
    g_assert_cmpstr (label, ==, "unnamed__d.db");
    g_assert_cmpint (g_stat (d, &after), ==, 0);
    g_assert_cmpint (after.st_size, ==, before.st_size);
    g_assert_cmpint (after.st_mtime, ==, before.st_mtime);
    name = query_text (d, "SELECT count(*) FROM settings WHERE key = 'shop.name'");
    g_assert_cmpstr (name, ==, "0");
    g_settings_set_strv (settings, "recent-shops", without_d);
  }

  /* a file that went away is offered no more */
  g_clear_pointer (&recent, g_strfreev);
  g_assert_cmpint (g_remove (b), ==, 0);
  recent = sp_application_dup_recent_shops (app);
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  g_assert_cmpstr (recent[0], ==, a);
  g_assert_cmpstr (recent[1], ==, c);
}

/* A window of the application opens at the size the last one had */
static void
test_window_size (Fixture       *f,
                  gconstpointer  data)
{
  GSettings *settings = sp_application_get_settings (app);
  int width = 0, height = 0;

  g_settings_set (settings, "window-size", "(ii)", 700, 540);
  f->window = sp_window_new (app, f->path);
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 540);
  g_settings_reset (settings, "window-size");
}

/* A first contact logged before the setup: the dashboard keeps offering the setup until
 * the shop has a name */
static void
test_unnamed_banner (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SpContact) c = sp_contact_new ();
  g_autoptr(GError) error = NULL;
  GtkRevealer *banner;
  GtkWidget *button;

  open_window (f);
  g_assert_cmpstr (visible_page (f->window), ==, "welcome");
  banner = GTK_REVEALER (sp_test_ui_child (f->window, SP_TYPE_WINDOW, "unnamed_revealer"));

  c->received_at = sp_test_time ("2026-10-01 09:00");
  c->channel = SP_CHANNEL_PHONE;
  sp_contact_set_agent_name (c, "Ana");
  g_assert_true (sp_store_save_contact (sp_window_get_store (f->window), c, &error));
  g_assert_no_error (error);
  sp_test_wait_until (g_strcmp0 (visible_page (f->window), "app") == 0);
  sp_test_ui_flush ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Service Pulse");
  g_assert_true (gtk_revealer_get_reveal_child (banner));

  button = sp_test_ui_find (GTK_WIDGET (banner), GTK_TYPE_BUTTON, "_Set Up the Shop");
  g_assert_nonnull (button);
  sp_test_ui_activate_button (button);
  g_assert_nonnull (setup_dialog ());
  gtk_window_destroy (GTK_WINDOW (setup_dialog ()));

  /* named, the banner goes */
  g_assert_true (sp_shop_set_name (sp_window_get_store (f->window), "Corner Bikes", &error));
  sp_test_ui_flush ();
  g_assert_false (gtk_revealer_get_reveal_child (banner));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* the sample shop goes in the data folder: one of the test's own */
  data = sp_test_make_dir ();
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  /* accessible names are kept for the tests to read */
  g_setenv ("GTK_A11Y", "test", TRUE);

  sp_test_ui_init (&argc, &argv);

  app = sp_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sp_application_get_settings (app));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/firstrun/set-up", test_set_up);
  ADD ("/firstrun/set-up-refused", test_set_up_refused);
  ADD ("/firstrun/set-up-escape", test_set_up_escape);
  ADD ("/firstrun/set-up-hours", test_set_up_hours);
  ADD ("/firstrun/set-up-currency", test_set_up_currency);
  ADD ("/firstrun/sample-shop", test_sample_shop);
  ADD ("/firstrun/sample-from-menu", test_sample_from_menu);
  ADD ("/firstrun/sample-window-closed", test_sample_window_closed);
  ADD ("/firstrun/open-shop", test_open_shop);
  ADD ("/firstrun/new-shop", test_new_shop);
  ADD ("/firstrun/recent", test_recent);
  ADD ("/firstrun/unnamed-banner", test_unnamed_banner);
  ADD ("/firstrun/window-size", test_window_size);

  status = g_test_run ();
  sp_test_remove_dir (data);
  return status;
}
