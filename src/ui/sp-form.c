/* sp-form.c
 *
 * What every form that records something shares: the store it saves to,
 * Escape to close, Save (form.save, Ctrl+S) and why it cannot save yet,
 * and never losing what was typed: closing a form with unsaved changes
 * asks whether to discard, keep editing, or save; and a record someone
 * else saved while it was open here is not saved over unasked: the form
 * shows both versions, field by field, and the owner keeps theirs or
 * saves this one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-form"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-error.h"
#include "sp-form.h"
#include "sp-widget.h"

typedef struct
{
  SpStore  *store;
  char     *problem;
  gboolean  dirty;
  gboolean  asking;
  gboolean  asking_times;
  gboolean  times_accepted;
} SpFormPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SpForm, sp_form, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SpStore *
sp_form_get_store (SpForm *self)
{
  SpFormPrivate *priv = sp_form_get_instance_private (self);

  g_return_val_if_fail (SP_IS_FORM (self), NULL);
  return priv->store;
}

/* Whether the form holds changes that were not saved */
gboolean
sp_form_get_dirty (SpForm *self)
{
  SpFormPrivate *priv = sp_form_get_instance_private (self);

  g_return_val_if_fail (SP_IS_FORM (self), FALSE);
  return priv->dirty;
}

void
sp_form_set_dirty (SpForm   *self,
                   gboolean  dirty)
{
  SpFormPrivate *priv = sp_form_get_instance_private (self);

  g_return_if_fail (SP_IS_FORM (self));

  if (priv->dirty == !!dirty)
    return;

  priv->dirty = !!dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/* For the subclass: the user changed something */
void
sp_form_mark_changed (SpForm *self)
{
  sp_form_set_dirty (self, TRUE);
}

/* Why the form cannot be saved yet, or NULL */
const char *
sp_form_get_problem (SpForm *self)
{
  SpFormPrivate *priv = sp_form_get_instance_private (self);

  g_return_val_if_fail (SP_IS_FORM (self), NULL);
  return priv->problem;
}

/* For the subclass, after checking what was typed: Save works only without a problem */
void
sp_form_set_problem (SpForm     *self,
                     const char *problem)
{
  SpFormPrivate *priv = sp_form_get_instance_private (self);

  g_return_if_fail (SP_IS_FORM (self));

  g_free (priv->problem);
  priv->problem = g_strdup (problem);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", problem == NULL);
}

/* The toast goes to the main window, which stays when the form closes */
void
sp_form_add_toast (SpForm   *self,
                   AdwToast *toast)
{
  g_return_if_fail (SP_IS_FORM (self));

  sp_widget_add_toast (GTK_WIDGET (self), toast);
}

void
sp_form_show_error (SpForm       *self,
                    const char   *heading,
                    const GError *error)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (SP_IS_FORM (self));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       error ? error->message : NULL));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Someone else saved the record */

static void
difference_free (gpointer data)
{
  SpFormDifference *difference = data;

  g_free (difference->label);
  g_free (difference->theirs);
  g_free (difference->mine);
  g_free (difference);
}

/*
 * For list_differences(): adds the field @label when the value saved by
 * someone else, @theirs, is not the one typed here, @mine (either may be
 * NULL or empty for nothing).
 */
void
sp_form_add_difference (GPtrArray  *differences,
                        const char *label,
                        const char *theirs,
                        const char *mine)
{
  SpFormDifference *difference;

  g_return_if_fail (differences != NULL);
  g_return_if_fail (label != NULL);

  if (g_strcmp0 (theirs ? theirs : "", mine ? mine : "") == 0)
    return;

  difference = g_new0 (SpFormDifference, 1);
  difference->label = g_strdup (label);
  difference->theirs = g_strdup (theirs ? theirs : "");
  difference->mine = g_strdup (mine ? mine : "");
  g_ptr_array_add (differences, difference);
}

static GtkWidget *
difference_label (const char *text,
                  gboolean    dim)
{
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    {
      label = gtk_label_new (_("(empty)"));
      gtk_widget_add_css_class (label, "dim-label");
      dim = FALSE;
    }
  else
    {
      label = gtk_label_new (text);
      if (dim)
        gtk_widget_add_css_class (label, "dim-label");
    }

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  if (!dim)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
      gtk_widget_set_hexpand (label, TRUE);
    }
  return label;
}

/* Each field that differs: its name, then their value and the one typed here */
static GtkWidget *
differences_view (GPtrArray *differences)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scroller;
  int row = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);

  for (guint i = 0; i < differences->len; i++)
    {
      SpFormDifference *difference = differences->pdata[i];
      GtkWidget *name = gtk_label_new (difference->label);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "heading");
      if (i > 0)
        gtk_widget_set_margin_top (name, 8);
      gtk_grid_attach (GTK_GRID (grid), name, 0, row++, 2, 1);

      /* TRANSLATORS: the value someone else saved, before the value typed here ("Yours") */
      gtk_grid_attach (GTK_GRID (grid), difference_label (C_("version", "Theirs"), TRUE),
                       0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), difference_label (difference->theirs, FALSE), 1, row++,
                       1, 1);
      /* TRANSLATORS: the value typed in this form, after the one someone else saved */
      gtk_grid_attach (GTK_GRID (grid), difference_label (C_("version", "Yours"), TRUE),
                       0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), difference_label (difference->mine, FALSE), 1, row++,
                       1, 1);
    }

  /* a long list scrolls */
  if (differences->len <= 5)
    return grid;

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  return scroller;
}

typedef struct
{
  SpForm  *self;
  GObject *stored;
  char    *response;
} ConflictAnswer;

static void
conflict_answer_free (gpointer data)
{
  ConflictAnswer *answer = data;

  g_object_unref (answer->self);
  g_object_unref (answer->stored);
  g_free (answer->response);
  g_free (answer);
}

/* After the question has closed: saving may close the form */
static gboolean
act_on_conflict (gpointer data)
{
  ConflictAnswer *answer = data;
  SpFormClass *klass = SP_FORM_GET_CLASS (answer->self);

  if (g_str_equal (answer->response, "theirs"))
    {
      klass->take_stored (answer->self, answer->stored, FALSE);
      sp_form_set_dirty (answer->self, FALSE);
    }
  else if (g_str_equal (answer->response, "mine"))
    {
      /* over the version just shown; one saved since is asked about again */
      klass->take_stored (answer->self, answer->stored, TRUE);
      sp_form_save (answer->self);
    }

  return G_SOURCE_REMOVE;
}

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SpForm           *self)
{
  ConflictAnswer *answer = g_new0 (ConflictAnswer, 1);

  answer->self = g_object_ref (self);
  answer->stored = g_object_ref (g_object_get_data (G_OBJECT (dialog), "sp-stored"));
  answer->response = g_strdup (response);
  g_idle_add_full (G_PRIORITY_DEFAULT, act_on_conflict, answer, conflict_answer_free);
}

/*
 * The save failed because someone else saved the record since the form
 * read it (@error says so): shows their version next to the one typed
 * here and asks which to keep.  Escape keeps editing; nothing typed is lost.
 */
static void
show_conflict (SpForm       *self,
               const GError *error)
{
  SpFormClass *klass = SP_FORM_GET_CLASS (self);
  g_autoptr(GObject) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) differences = g_ptr_array_new_with_free_func (difference_free);
  AdwMessageDialog *dialog;

  stored = klass->load_stored (self, &local_error);
  if (stored == NULL)
    {
      /* deleted since: that is what to say */
      sp_form_show_error (self, _("Not Saved"), local_error);
      return;
    }

  klass->list_differences (self, stored, differences);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Changed by Someone Else"), NULL));
  if (differences->len > 0)
    adw_message_dialog_format_body (dialog, "%s %s", error->message,
                                    _("Keep their version, or save yours over it."));
  else
    adw_message_dialog_format_body (dialog, "%s %s", error->message,
                                    _("What they saved is the same as what you typed."));

  if (differences->len > 0)
    adw_message_dialog_set_extra_child (dialog, differences_view (differences));

  adw_message_dialog_add_responses (dialog,
                                    "theirs", _("_Keep Theirs"),
                                    "mine", _("_Save Mine"),
                                    NULL);
  /* Escape: back to the form, with everything typed */
  adw_message_dialog_set_close_response (dialog, "edit");
  g_object_set_data_full (G_OBJECT (dialog), "sp-stored", g_steal_pointer (&stored),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * sp_form_differs_from:
 * @stored: the record as the form loaded it, or as stored now
 *
 * Whether what the form holds now differs from @stored in any field, as
 * the owner reads them: a record opened and saved as it was need not be
 * written at all, nor count as anyone's edit.
 */
gboolean
sp_form_differs_from (SpForm  *self,
                      GObject *stored)
{
  g_autoptr(GPtrArray) differences = g_ptr_array_new_with_free_func (difference_free);
  SpFormClass *klass;

  g_return_val_if_fail (SP_IS_FORM (self), TRUE);
  g_return_val_if_fail (G_IS_OBJECT (stored), TRUE);

  klass = SP_FORM_GET_CLASS (self);
  if (klass->list_differences == NULL)
    return TRUE;

  klass->list_differences (self, stored, differences);
  return differences->len > 0;
}

/*
 * Saves through the subclass and, when that worked, closes the form.  A
 * failure is shown and the form stays open with everything typed.
 */
gboolean
sp_form_save (SpForm *self)
{
  g_autoptr(GError) error = NULL;
  SpFormClass *klass;

  g_return_val_if_fail (SP_IS_FORM (self), FALSE);

  klass = SP_FORM_GET_CLASS (self);
  if (!klass->save (self, &error))
    {
      if (g_error_matches (error, SP_ERROR, SP_ERROR_CHANGED) && klass->load_stored != NULL)
        show_conflict (self, error);
      else if (error != NULL)
        sp_form_show_error (self, _("Not Saved"), error);
      return FALSE;
    }

  sp_form_set_dirty (self, FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/* Opens the form over the window that @parent is in */
void
sp_form_present (SpForm    *self,
                 GtkWidget *parent)
{
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  g_return_if_fail (SP_IS_FORM (self));

  if (GTK_IS_WINDOW (root))
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (root));

      gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
      if (app != NULL)
        gtk_window_set_application (GTK_WINDOW (self), app);
    }

  gtk_window_present (GTK_WINDOW (self));
}

/*
 * Asks each form over @parent with unsaved changes to close; returns
 * whether there was none (so @parent may close now).
 */
gboolean
sp_form_close_all (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SP_IS_FORM (window) && gtk_window_get_transient_for (window) == parent)
        g_ptr_array_add (forms, g_steal_pointer (&window));
    }

  for (guint i = 0; i < forms->len; i++)
    gtk_window_close (forms->pdata[i]);

  for (guint i = 0; i < forms->len; i++)
    {
      if (gtk_widget_get_visible (forms->pdata[i]))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  SpForm *self;
  char   *response;
} Answer;

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_object_unref (answer->self);
  g_free (answer->response);
  g_free (answer);
}

/* After the question has closed: the form may go away now */
static gboolean
act_on_answer (gpointer data)
{
  Answer *answer = data;

  if (g_str_equal (answer->response, "discard"))
    {
      sp_form_set_dirty (answer->self, FALSE);
      gtk_window_destroy (GTK_WINDOW (answer->self));
    }
  else if (g_str_equal (answer->response, "save"))
    {
      sp_form_save (answer->self);
    }

  return G_SOURCE_REMOVE;
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 SpForm           *self)
{
  SpFormPrivate *priv = sp_form_get_instance_private (self);
  Answer *answer = g_new0 (Answer, 1);

  priv->asking = FALSE;

  answer->self = g_object_ref (self);
  answer->response = g_strdup (response);
  g_idle_add_full (G_PRIORITY_DEFAULT, act_on_answer, answer, answer_free);
}

typedef struct
{
  SpForm *self;
  char   *action;
} TimesAnswer;

static void
times_answer_free (gpointer data)
{
  TimesAnswer *answer = data;

  g_object_unref (answer->self);
  g_free (answer->action);
  g_free (answer);
}

/* After the question has closed: saving may close the form */
static gboolean
save_accepted_times (gpointer data)
{
  TimesAnswer *answer = data;
  SpFormPrivate *priv = sp_form_get_instance_private (answer->self);

  priv->times_accepted = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (answer->self), answer->action, NULL);
  priv->times_accepted = FALSE;

  return G_SOURCE_REMOVE;
}

static void
times_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SpForm           *self)
{
  SpFormPrivate *priv = sp_form_get_instance_private (self);
  TimesAnswer *answer;

  priv->asking_times = FALSE;

  if (!g_str_equal (response, "save"))
    return;

  answer = g_new0 (TimesAnswer, 1);
  answer->self = g_object_ref (self);
  answer->action = g_strdup (g_object_get_data (G_OBJECT (dialog), "sp-action"));
  g_idle_add_full (G_PRIORITY_DEFAULT, save_accepted_times, answer, times_answer_free);
}

/*
 * Asks before saving times that look mistyped (@warning says why); when the
 * owner saves them as they are, @save_action runs again with
 * sp_form_get_times_accepted() true.
 */
void
sp_form_ask_about_times (SpForm     *self,
                         const char *warning,
                         const char *save_action)
{
  SpFormPrivate *priv = sp_form_get_instance_private (self);
  AdwMessageDialog *dialog;

  g_return_if_fail (SP_IS_FORM (self));
  g_return_if_fail (warning != NULL && save_action != NULL);

  if (priv->asking_times)
    return;
  priv->asking_times = TRUE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Save These Times?"), NULL));
  adw_message_dialog_format_body (dialog, "%s %s", warning,
                                  _("Check the times, or save them as they are if they are "
                                    "right."));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Check the Times"),
                                    "save", _("Save _Anyway"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), "sp-action", g_strdup (save_action), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (times_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Whether the owner has just said that the times asked about are right */
gboolean
sp_form_get_times_accepted (SpForm *self)
{
  SpFormPrivate *priv = sp_form_get_instance_private (self);

  g_return_val_if_fail (SP_IS_FORM (self), FALSE);
  return priv->times_accepted;
}

static gboolean
sp_form_close_request (GtkWindow *window)
{
  SpForm *self = SP_FORM (window);
  SpFormPrivate *priv = sp_form_get_instance_private (self);
  SpFormClass *klass = SP_FORM_GET_CLASS (self);
  AdwMessageDialog *dialog;

  if (!priv->dirty)
    return GTK_WINDOW_CLASS (sp_form_parent_class)->close_request (window);

  if (priv->asking)
    return TRUE;

  priv->asking = TRUE;
  gtk_window_present (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Your Changes?"),
                                                       _("What you entered in this form has "
                                                         "not been saved yet.")));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "keep", _("_Keep Editing"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");

  /* what cannot be saved yet can only be discarded or kept */
  if (klass->is_valid != NULL && !klass->is_valid (self))
    adw_message_dialog_set_response_enabled (dialog, "save", FALSE);

  g_signal_connect_object (dialog, "response", G_CALLBACK (ask_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
sp_form_dispose (GObject *object)
{
  SpForm *self = SP_FORM (object);
  SpFormPrivate *priv = sp_form_get_instance_private (self);

  g_clear_object (&priv->store);

  G_OBJECT_CLASS (sp_form_parent_class)->dispose (object);
}

static void
sp_form_finalize (GObject *object)
{
  SpForm *self = SP_FORM (object);
  SpFormPrivate *priv = sp_form_get_instance_private (self);

  g_clear_pointer (&priv->problem, g_free);

  G_OBJECT_CLASS (sp_form_parent_class)->finalize (object);
}

static void
sp_form_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SpForm *self = SP_FORM (object);
  SpFormPrivate *priv = sp_form_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, priv->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_form_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SpForm *self = SP_FORM (object);
  SpFormPrivate *priv = sp_form_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;
    case PROP_DIRTY:
      sp_form_set_dirty (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
sp_form_real_save (SpForm  *self,
                   GError **error)
{
  return TRUE;
}

static gboolean
sp_form_real_is_valid (SpForm *self)
{
  return sp_form_get_problem (self) == NULL;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  sp_form_save (SP_FORM (widget));
}

static void
sp_form_class_init (SpFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sp_form_dispose;
  object_class->finalize = sp_form_finalize;
  object_class->get_property = sp_form_get_property;
  object_class->set_property = sp_form_set_property;

  window_class->close_request = sp_form_close_request;

  klass->save = sp_form_real_save;
  klass->is_valid = sp_form_real_is_valid;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "form.save", NULL);
}

static void
sp_form_init (SpForm *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
}
