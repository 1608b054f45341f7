/* sp-setup-dialog.c
 *
 * The first-run dialog: the shop's name and currency, the staff and the
 * topics, typed one after another from the keyboard and saved in one go
 * through sp_shop_setup_apply().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-setup-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-hours-page.h"
#include "sp-parse.h"
#include "sp-preferences-window.h"
#include "sp-setup-dialog.h"
#include "sp-shop.h"
#include "sp-shop-setup.h"
#include "sp-widget.h"

struct _SpSetupDialog
{
  AdwWindow            parent_instance;

  SpStore             *store;
  char                *initial_currency;
  GStrv                default_topics;
  gboolean             closing;

  /* template */
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwEntryRow         *name_row;
  AdwEntryRow         *currency_row;
  GtkListBox          *staff_list;
  AdwEntryRow         *staff_row;
  GtkListBox          *topics_list;
  AdwEntryRow         *topic_row;
  GtkSwitch           *hours_switch;
};

G_DEFINE_FINAL_TYPE (SpSetupDialog, sp_setup_dialog, ADW_TYPE_WINDOW)

/* What to fix */

static void
clear_error (SpSetupDialog *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->name_row), GTK_WIDGET (self->currency_row),
    GTK_WIDGET (self->staff_list), GTK_WIDGET (self->topics_list),
  };

  g_assert (SP_IS_SETUP_DIALOG (self));

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_widget_remove_css_class (rows[i], "error");
      if (!GTK_IS_LIST_BOX (rows[i]))
        continue;
      for (GtkWidget *row = gtk_widget_get_first_child (rows[i]); row;
           row = gtk_widget_get_next_sibling (row))
        gtk_widget_remove_css_class (row, "error");
    }
}

static void
show_error (SpSetupDialog *self,
            GtkWidget     *row,
            const char    *message)
{
  g_assert (SP_IS_SETUP_DIALOG (self));

  clear_error (self);
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

/* The lists of names */

static gboolean
is_name_row (GtkWidget *row)
{
  return ADW_IS_ACTION_ROW (row) && !ADW_IS_ENTRY_ROW (row);
}

/* The names in @list, then what is typed in @entry and not added yet */
static GPtrArray *
collect_names (GtkListBox  *list,
               AdwEntryRow *entry)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *pending = gtk_editable_get_text (GTK_EDITABLE (entry));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      if (is_name_row (row))
        g_ptr_array_add (names,
                         g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
    }

  if (!sp_str_is_blank (pending))
    g_ptr_array_add (names, g_strdup (pending));

  g_ptr_array_add (names, NULL);
  return names;
}

/* The @index-th name row of @list, or its entry when there are fewer */
static GtkWidget *
nth_name_row (GtkListBox  *list,
              AdwEntryRow *entry,
              guint        index)
{
  guint i = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      if (is_name_row (row) && i++ == index)
        return row;
    }

  return GTK_WIDGET (entry);
}

static gboolean
list_has_name (GtkListBox *list,
               const char *name)
{
  g_autofree char *key = sp_name_key (name);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *row_key = NULL;

      if (!is_name_row (row))
        continue;
      row_key = sp_name_key (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      if (g_strcmp0 (key, row_key) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
remove_clicked_cb (GtkButton *button,
                   GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *next = gtk_widget_get_next_sibling (row);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (row));

  /* the focus stays in the list: on the next row, or the field to add one */
  if (next != NULL)
    gtk_widget_grab_focus (next);
  gtk_list_box_remove (GTK_LIST_BOX (list), row);

  if (SP_IS_SETUP_DIALOG (root))
    clear_error (SP_SETUP_DIALOG (root));
}

static void
add_name_row (GtkListBox  *list,
              AdwEntryRow *entry,
              const char  *name)
{
  g_autofree char *clean = sp_name_clean (name);
  g_autofree char *remove_label = NULL;
  GtkWidget *row;
  GtkWidget *button;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), clean);

  /* Translators: the label of the button that removes a name from a list */
  /* TRANSLATORS: %s is a name in the list; a button removes it */
  remove_label = g_strdup_printf (_("Remove “%s”"), clean);
  button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  /* the names keep the order they were typed in, above the field */
  gtk_list_box_insert (list, row, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (entry)));
}

static void
add_typed_name (SpSetupDialog *self,
                GtkListBox    *list,
                AdwEntryRow   *entry,
                GtkWidget     *next)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *clean = NULL;

  g_assert (SP_IS_SETUP_DIALOG (self));

  /* Enter on an empty field goes on to the next part */
  if (sp_str_is_blank (text))
    {
      clear_error (self);
      if (next != NULL)
        gtk_widget_grab_focus (next);
      return;
    }

  clean = sp_name_clean (text);
  if (list_has_name (list, clean))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (list == self->staff_list
                                 /* TRANSLATORS: %s is the name typed */
                                 ? _("“%s” is in the staff already.")
                                 /* TRANSLATORS: %s is the name typed */
                                 : _("“%s” is in the topics already."), clean);
      show_error (self, GTK_WIDGET (entry), message);
      return;
    }

  clear_error (self);
  add_name_row (list, entry, clean);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

static void
staff_activated_cb (SpSetupDialog *self)
{
  add_typed_name (self, self->staff_list, self->staff_row, GTK_WIDGET (self->topic_row));
}

static void
topic_activated_cb (SpSetupDialog *self)
{
  add_typed_name (self, self->topics_list, self->topic_row, NULL);
}

/* Enter goes on to the next field; Ctrl+Enter saves */
static void
name_activated_cb (SpSetupDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->currency_row));
}

static void
currency_activated_cb (SpSetupDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->staff_row));
}

/* Typing again is fixing: the mistake's marks go */
static void
changed_cb (SpSetupDialog *self)
{
  g_assert (SP_IS_SETUP_DIALOG (self));

  if (gtk_revealer_get_reveal_child (self->error_revealer))
    clear_error (self);
}

/**
 * sp_setup_dialog_has_changes:
 *
 * Whether anything was typed that closing would drop.
 */
gboolean
sp_setup_dialog_has_changes (SpSetupDialog *self)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  const char *currency;

  g_return_val_if_fail (SP_IS_SETUP_DIALOG (self), FALSE);

  if (!sp_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->name_row))))
    return TRUE;

  currency = gtk_editable_get_text (GTK_EDITABLE (self->currency_row));
  if (g_strcmp0 (currency, self->initial_currency) != 0)
    return TRUE;

  staff = collect_names (self->staff_list, self->staff_row);
  if (staff->len > 1)
    return TRUE;

  topics = collect_names (self->topics_list, self->topic_row);
  return !g_strv_equal ((const char * const *) topics->pdata,
                        (const char * const *) self->default_topics);
}

/* Saving */

static GtkWidget *
find_hours_page (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (SP_IS_HOURS_PAGE (child))
        return child;
      if ((found = find_hours_page (child)))
        return found;
    }

  return NULL;
}

static void
open_hours (GtkWindow *parent,
            SpStore   *store)
{
  GtkWidget *preferences = sp_preferences_window_new (parent, store);
  GtkWidget *hours = find_hours_page (preferences);

  if (hours != NULL)
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                             ADW_PREFERENCES_PAGE (hours));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SpSetupDialog *self = SP_SETUP_DIALOG (widget);
  g_autoptr(GPtrArray) staff = collect_names (self->staff_list, self->staff_row);
  g_autoptr(GPtrArray) topics = collect_names (self->topics_list, self->topic_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  SpShopSetupField field = SP_SHOP_SETUP_FILE;
  guint index = 0;
  SpShopSetup setup = {
    .name = gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
    .currency = gtk_editable_get_text (GTK_EDITABLE (self->currency_row)),
    .staff = (const char * const *) staff->pdata,
    .topics = (const char * const *) topics->pdata,
  };

  if (!sp_shop_setup_apply (self->store, &setup, &field, &index, &error))
    {
      GtkWidget *row = NULL;

      switch (field)
        {
        case SP_SHOP_SETUP_NAME:
          row = GTK_WIDGET (self->name_row);
          break;
        case SP_SHOP_SETUP_CURRENCY:
          row = GTK_WIDGET (self->currency_row);
          break;
        case SP_SHOP_SETUP_STAFF:
          row = nth_name_row (self->staff_list, self->staff_row, index);
          break;
        case SP_SHOP_SETUP_TOPICS:
          row = nth_name_row (self->topics_list, self->topic_row, index);
          break;
        case SP_SHOP_SETUP_FILE:
        default:
          break;
        }

      show_error (self, row, error->message);
      return;
    }

  name = sp_shop_dup_name (self->store);
  /* Translators: a toast once the first-run dialog has saved; %s is the shop's name */
  /* TRANSLATORS: %s is the shop's name */
  title = g_strdup_printf (_("“%s” is set up"), name);
  if (parent != NULL)
    sp_widget_add_toast (GTK_WIDGET (parent), adw_toast_new (title));

  self->closing = TRUE;
  if (gtk_switch_get_active (self->hours_switch))
    open_hours (parent, self->store);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Closing */

typedef struct
{
  SpSetupDialog *self;
  char          *response;
} Answer;

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_object_unref (answer->self);
  g_free (answer->response);
  g_free (answer);
}

/* After the question has closed: the dialog, its parent, may go away now */
static gboolean
act_on_answer (gpointer data)
{
  Answer *answer = data;

  if (g_str_equal (answer->response, "discard"))
    {
      answer->self->closing = TRUE;
      gtk_window_destroy (GTK_WINDOW (answer->self));
    }
  else if (g_str_equal (answer->response, "save"))
    {
      gtk_widget_activate_action (GTK_WIDGET (answer->self), "setup.save", NULL);
    }

  return G_SOURCE_REMOVE;
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 SpSetupDialog    *self)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->self = g_object_ref (self);
  answer->response = g_strdup (response);
  g_idle_add_full (G_PRIORITY_DEFAULT, act_on_answer, answer, answer_free);
}

static gboolean
sp_setup_dialog_close_request (GtkWindow *window)
{
  SpSetupDialog *self = SP_SETUP_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->closing || !sp_setup_dialog_has_changes (self))
    return GTK_WINDOW_CLASS (sp_setup_dialog_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save the Shop’s Details?"),
                                                       _("What you typed here has not been "
                                                         "saved yet.")));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "keep", _("_Keep Editing"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (ask_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
sp_setup_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_SETUP_DIALOG);

  G_OBJECT_CLASS (sp_setup_dialog_parent_class)->dispose (object);
}

static void
sp_setup_dialog_finalize (GObject *object)
{
  SpSetupDialog *self = SP_SETUP_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->initial_currency, g_free);
  g_clear_pointer (&self->default_topics, g_strfreev);

  G_OBJECT_CLASS (sp_setup_dialog_parent_class)->finalize (object);
}

static void
sp_setup_dialog_class_init (SpSetupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sp_setup_dialog_dispose;
  object_class->finalize = sp_setup_dialog_finalize;
  window_class->close_request = sp_setup_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sp-setup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpSetupDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpSetupDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SpSetupDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupDialog, staff_list);
  gtk_widget_class_bind_template_child (widget_class, SpSetupDialog, staff_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupDialog, topics_list);
  gtk_widget_class_bind_template_child (widget_class, SpSetupDialog, topic_row);
  gtk_widget_class_bind_template_child (widget_class, SpSetupDialog, hours_switch);
  gtk_widget_class_bind_template_callback (widget_class, staff_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, topic_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_activated_cb);

  gtk_widget_class_install_action (widget_class, "setup.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "setup.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "setup.save", NULL);
}

static void
sp_setup_dialog_init (SpSetupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sp_setup_dialog_new:
 *
 * The dialog that sets @store's shop up, over @parent.
 */
SpSetupDialog *
sp_setup_dialog_new (GtkWindow *parent,
                     SpStore   *store)
{
  SpSetupDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_SETUP_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);

  name = sp_shop_dup_name (store);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");

  /* the region's symbol, which the owner may change (e.g. "CHF" for "Fr.") */
  self->initial_currency = sp_shop_dup_currency_or_locale (store);
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), self->initial_currency);

  self->default_topics = sp_shop_setup_dup_default_topics ();
  for (guint i = 0; self->default_topics[i] != NULL; i++)
    add_name_row (self->topics_list, self->topic_row, self->default_topics[i]);

  clear_error (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return self;
}
