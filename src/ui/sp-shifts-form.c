/* sp-shifts-form.c
 *
 * A week of shifts at once: one row per agent, one column per day, the
 * hours each was available.  Saving writes the whole week in one
 * transaction: a day filled in is saved (replacing what was there), a day
 * emptied is removed.  A day someone else changed since the week was shown
 * is not saved over unasked: both versions are shown, and the owner keeps
 * theirs or saves this one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-shifts-form"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-error.h"
#include "sp-name-row.h"
#include "sp-parse.h"
#include "sp-period.h"
#include "sp-shifts-form.h"

typedef struct
{
  char     *agent;
  gint64    agent_id;
  GtkEntry *cells[7];
  GtkLabel *total;
  double    loaded[7];
  gint64    shift_ids[7];
  gint64    revisions[7];   /* of the shifts read, which saving checks */
} Row;

struct _SpShiftsForm
{
  SpForm          parent_instance;

  SpDate          week;
  GPtrArray      *rows;
  GtkEntry       *add_entry;
  guint           loading : 1;

  /* template */
  GtkWidget      *save_button;
  GtkRevealer    *message_revealer;
  GtkLabel       *message_label;
  GtkLabel       *week_label;
  GtkGrid        *grid;
};

G_DEFINE_FINAL_TYPE (SpShiftsForm, sp_shifts_form, SP_TYPE_FORM)

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->agent);
  g_free (row);
}

/* Blank or 0 is no shift (NAN); FALSE when it is not hours at all */
static gboolean
read_hours (GtkEntry *entry,
            double   *hours)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  *hours = NAN;

  if (sp_str_is_blank (text))
    return TRUE;

  if (!sp_parse_double (text, hours, NULL))
    return FALSE;

  if (*hours == 0)
    *hours = NAN;

  return TRUE;
}

static char *
format_hours (double hours)
{
  /* %g follows the locale's decimal separator */
  return g_strdup_printf ("%g", hours);
}

static char *
day_label (SpDate day)
{
  g_autoptr(GDateTime) dt = sp_time_to_date_time (sp_date_to_time (day));

  /* TRANSLATORS: a column of the week grid, e.g. "Mon 12"; see g_date_time_format() */
  return g_date_time_format (dt, _("%a %e"));
}

static void
validate (SpShiftsForm *self)
{
  g_autofree char *message = NULL;

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = self->rows->pdata[r];
      g_autofree char *text = NULL;
      double total = 0;

      for (int d = 0; d < 7; d++)
        {
          double hours;
          gboolean ok = read_hours (row->cells[d], &hours);

          if (ok && !isnan (hours) && (hours < 0 || hours > 24))
            ok = FALSE;

          if (!ok)
            {
              gtk_widget_add_css_class (GTK_WIDGET (row->cells[d]), "error");
              if (message == NULL)
                {
                  g_autofree char *day = day_label (self->week + d);

                  /* TRANSLATORS: agent, day: what is wrong */
                  message = g_strdup_printf (_("%s, %s: available hours must be more than 0 and "
                                               "at most 24."), row->agent, day);
                }
            }
          else
            {
              gtk_widget_remove_css_class (GTK_WIDGET (row->cells[d]), "error");
              if (!isnan (hours))
                total += hours;
            }
        }

      text = total > 0 ? format_hours (total) : g_strdup ("");
      gtk_label_set_label (row->total, text);
    }

  sp_form_set_problem (SP_FORM (self), message);

  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
  gtk_widget_set_tooltip_text (self->save_button, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message ? message : "", -1);
}

static void
update_navigation (SpShiftsForm *self)
{
  gboolean dirty = sp_form_get_dirty (SP_FORM (self));

  /* what was typed for this week is saved or dropped before another is shown */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.previous-week", !dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.next-week", !dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.this-week", !dirty);
}

static void
cell_changed_cb (SpShiftsForm *self)
{
  if (!self->loading)
    sp_form_mark_changed (SP_FORM (self));

  validate (self);
}

static Row *
add_row (SpShiftsForm *self,
         const char   *agent,
         gint64        agent_id)
{
  Row *row = g_new0 (Row, 1);
  int line = (int) self->rows->len + 1;
  GtkWidget *label;

  row->agent = g_strdup (agent);
  row->agent_id = agent_id;

  label = gtk_label_new (agent);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 14);
  gtk_grid_attach (self->grid, label, 0, line, 1, 1);

  for (int d = 0; d < 7; d++)
    {
      g_autofree char *day = sp_date_format_short (self->week + d);
      g_autofree char *name = NULL;
      GtkWidget *entry = gtk_entry_new ();

      row->loaded[d] = NAN;
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 4);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 1);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_widget_set_hexpand (entry, TRUE);

      /* TRANSLATORS: what a screen reader says for a cell: agent, day */
      name = g_strdup_printf (_("Hours of %s on %s"), agent, day);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);

      g_signal_connect_swapped (entry, "changed", G_CALLBACK (cell_changed_cb), self);
      gtk_grid_attach (self->grid, entry, d + 1, line, 1, 1);
      row->cells[d] = GTK_ENTRY (entry);
    }

  row->total = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->total, 1);
  gtk_label_set_width_chars (row->total, 4);
  gtk_widget_add_css_class (GTK_WIDGET (row->total), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (row->total), "dim-label");
  gtk_grid_attach (self->grid, GTK_WIDGET (row->total), 8, line, 1, 1);

  g_ptr_array_add (self->rows, row);
  return row;
}

static Row *
find_row (SpShiftsForm *self,
          const char   *agent)
{
  g_autofree char *key = sp_name_key (agent);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = self->rows->pdata[i];
      g_autofree char *row_key = sp_name_key (row->agent);

      if (g_strcmp0 (key, row_key) == 0)
        return row;
    }

  return NULL;
}

static void
move_add_entry (SpShiftsForm *self)
{
  g_object_ref (self->add_entry);
  if (gtk_widget_get_parent (GTK_WIDGET (self->add_entry)) != NULL)
    gtk_grid_remove (self->grid, GTK_WIDGET (self->add_entry));
  gtk_grid_attach (self->grid, GTK_WIDGET (self->add_entry), 0, (int) self->rows->len + 1, 1, 1);
  g_object_unref (self->add_entry);
}

static void
add_agent_cb (SpShiftsForm *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                  self->add_entry))));
  SpStore *store = sp_form_get_store (SP_FORM (self));
  Row *row;

  if (*name == '\0')
    return;

  row = find_row (self, name);
  if (row == NULL)
    {
      gint64 id = sp_store_find_entity (store, SP_ENTITY_AGENT, name);
      g_autoptr(SpEntity) entity = id > 0 ? sp_store_load_entity (store, SP_ENTITY_AGENT, id,
                                                                 NULL) : NULL;

      row = add_row (self, entity ? entity->name : name, id);
      move_add_entry (self);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->add_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (row->cells[0]));
}

static void
load_week (SpShiftsForm *self)
{
  SpStore *store = sp_form_get_store (SP_FORM (self));
  g_autoptr(GPtrArray) agents = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  self->loading = TRUE;

  if (self->add_entry != NULL && gtk_widget_get_parent (GTK_WIDGET (self->add_entry)))
    {
      g_object_ref (self->add_entry);
      gtk_grid_remove (self->grid, GTK_WIDGET (self->add_entry));
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))))
    gtk_grid_remove (self->grid, child);
  g_ptr_array_set_size (self->rows, 0);

  {
    SpPeriod week = sp_period_make (self->week, self->week + 6);

    title = sp_period_format (&week);
  }
  gtk_label_set_label (self->week_label, title);

  /* header */
  {
    GtkWidget *label = gtk_label_new (_("Agent"));

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "heading");
    gtk_grid_attach (self->grid, label, 0, 0, 1, 1);

    for (int d = 0; d < 7; d++)
      {
        g_autofree char *text = day_label (self->week + d);

        label = gtk_label_new (text);
        gtk_label_set_xalign (GTK_LABEL (label), 1);
        gtk_widget_add_css_class (label, "heading");
        if (d >= 5)
          gtk_widget_add_css_class (label, "dim-label");
        gtk_grid_attach (self->grid, label, d + 1, 0, 1, 1);
      }

    label = gtk_label_new (_("Total"));
    gtk_label_set_xalign (GTK_LABEL (label), 1);
    gtk_widget_add_css_class (label, "heading");
    gtk_grid_attach (self->grid, label, 8, 0, 1, 1);
  }

  /* the active agents, and whoever else worked that week */
  agents = sp_store_list_entities (store, SP_ENTITY_AGENT, FALSE, NULL);
  for (guint i = 0; agents != NULL && i < agents->len; i++)
    {
      SpEntity *agent = agents->pdata[i];

      add_row (self, agent->name, agent->id);
    }

  shifts = sp_store_list_shifts (store, self->week, self->week + 6, 0, NULL);
  for (guint i = 0; shifts != NULL && i < shifts->len; i++)
    {
      SpShift *shift = shifts->pdata[i];
      g_autofree char *text = format_hours (shift->available_hours);
      Row *row = find_row (self, shift->agent_name);
      int d = shift->date - self->week;

      if (row == NULL)
        row = add_row (self, shift->agent_name, shift->agent_id);

      row->loaded[d] = shift->available_hours;
      row->shift_ids[d] = shift->id;
      row->revisions[d] = shift->revision;
      gtk_editable_set_text (GTK_EDITABLE (row->cells[d]), text);
    }

  if (self->add_entry == NULL)
    {
      self->add_entry = GTK_ENTRY (gtk_entry_new ());
      gtk_entry_set_placeholder_text (self->add_entry, _("Another agent…"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_entry),
                                   _("Type a name and press Enter to add a row"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add an agent"), -1);
      g_signal_connect_swapped (self->add_entry, "activate", G_CALLBACK (add_agent_cb), self);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->add_entry), 0, (int) self->rows->len + 1, 1,
                       1);
    }
  else
    {
      gtk_grid_attach (self->grid, GTK_WIDGET (self->add_entry), 0, (int) self->rows->len + 1, 1,
                       1);
      g_object_unref (self->add_entry);
    }

  self->loading = FALSE;

  sp_form_set_dirty (SP_FORM (self), FALSE);
  validate (self);
  update_navigation (self);

  if (self->rows->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (((Row *) self->rows->pdata[0])->cells[0]));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->add_entry));
}

/* Shows the week (Monday to Sunday) that @day is in */
void
sp_shifts_form_show_week (SpShiftsForm *self,
                          SpDate        day)
{
  g_return_if_fail (SP_IS_SHIFTS_FORM (self));

  self->week = sp_date_week_start (day);
  load_week (self);
}

SpDate
sp_shifts_form_get_week (SpShiftsForm *self)
{
  g_return_val_if_fail (SP_IS_SHIFTS_FORM (self), SP_DATE_NONE);
  return self->week;
}

/* The cell of @agent on @weekday (1 = Monday … 7 = Sunday), or NULL */
GtkEditable *
sp_shifts_form_get_cell (SpShiftsForm *self,
                         const char   *agent,
                         int           weekday)
{
  Row *row;

  g_return_val_if_fail (SP_IS_SHIFTS_FORM (self), NULL);
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, NULL);

  row = find_row (self, agent);
  return row ? GTK_EDITABLE (row->cells[weekday - 1]) : NULL;
}

/* Saving */

/* Whether the owner changed the cell of @row on day @d of the week */
static gboolean
cell_changed (Row *row,
              int  d)
{
  double hours;

  read_hours (row->cells[d], &hours);

  if (isnan (hours))
    return row->shift_ids[d] > 0;
  return isnan (row->loaded[d]) || hours != row->loaded[d];
}

/* The shift of @row on @day among @stored (SpShift), or NULL */
static SpShift *
find_stored (GListModel *stored,
             Row        *row,
             SpDate      day)
{
  g_autofree char *key = sp_name_key (row->agent);

  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    {
      g_autoptr(SpShift) shift = g_list_model_get_item (stored, i);
      g_autofree char *shift_key = NULL;

      if (shift->date != day)
        continue;

      if (row->agent_id > 0 && shift->agent_id > 0)
        {
          if (row->agent_id == shift->agent_id)
            return shift;
          continue;
        }

      shift_key = sp_name_key (shift->agent_name);
      if (g_strcmp0 (key, shift_key) == 0)
        return shift;
    }

  return NULL;
}

/* Whether someone else saved, added or removed the shift of @row on day @d */
static gboolean
cell_changed_elsewhere (SpShiftsForm *self,
                        GListModel   *stored,
                        Row          *row,
                        int           d)
{
  SpShift *shift = find_stored (stored, row, self->week + d);

  if (shift == NULL)
    return row->shift_ids[d] > 0;
  return shift->id != row->shift_ids[d] || shift->revision != row->revisions[d];
}

/* The shifts of the week as they are stored now */
static GListModel *
list_stored (SpShiftsForm  *self,
             GError       **error)
{
  g_autoptr(GPtrArray) shifts = NULL;
  GListStore *stored;

  shifts = sp_store_list_shifts (sp_form_get_store (SP_FORM (self)), self->week,
                                 self->week + 6, 0, error);
  if (shifts == NULL)
    return NULL;

  stored = g_list_store_new (SP_TYPE_SHIFT);
  for (guint i = 0; i < shifts->len; i++)
    g_list_store_append (stored, shifts->pdata[i]);
  return G_LIST_MODEL (stored);
}

static gboolean
sp_shifts_form_save (SpForm  *form,
                     GError **error)
{
  SpShiftsForm *self = SP_SHIFTS_FORM (form);
  SpStore *store = sp_form_get_store (form);
  const char *problem = sp_form_get_problem (form);
  g_autoptr(GListModel) stored = NULL;
  guint n_saved = 0;

  if (problem != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, problem);
      return FALSE;
    }

  if (!sp_store_begin (store, error))
    return FALSE;

  /* in the transaction, so that no one saves in between */
  if (!(stored = list_stored (self, error)))
    goto failed;

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = self->rows->pdata[r];

      for (int d = 0; d < 7; d++)
        {
          if (cell_changed (row, d) && cell_changed_elsewhere (self, stored, row, d))
            {
              g_set_error_literal (error, SP_ERROR, SP_ERROR_CHANGED,
                                   _("Someone else changed these shifts after you opened "
                                     "them."));
              goto failed;
            }
        }
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = self->rows->pdata[r];

      for (int d = 0; d < 7; d++)
        {
          double hours;

          if (!cell_changed (row, d))
            continue;

          read_hours (row->cells[d], &hours);

          if (isnan (hours))
            {
              if (!sp_store_delete_shift (store, row->shift_ids[d], error))
                goto failed;
              n_saved++;
            }
          else
            {
              g_autoptr(SpShift) shift = sp_shift_new_full (self->week + d, row->agent, hours);

              /* an update checks that it is still the revision shown */
              shift->id = row->shift_ids[d];
              shift->revision = row->revisions[d];
              shift->agent_id = row->agent_id;
              if (!sp_store_save_shift (store, shift, error))
                goto failed;
              n_saved++;
            }
        }
    }

  if (!sp_store_commit (store, error))
    return FALSE;

  if (n_saved > 0)
    sp_form_add_toast (form, adw_toast_new (_("Shifts saved")));
  return TRUE;

failed:
  sp_store_rollback (store);
  return FALSE;
}

/* Someone else saved shifts of the week while it was open here */

static GObject *
sp_shifts_form_load_stored (SpForm  *form,
                            GError **error)
{
  return G_OBJECT (list_stored (SP_SHIFTS_FORM (form), error));
}

static void
sp_shifts_form_list_differences (SpForm    *form,
                                 GObject   *stored,
                                 GPtrArray *differences)
{
  SpShiftsForm *self = SP_SHIFTS_FORM (form);

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = self->rows->pdata[r];

      for (int d = 0; d < 7; d++)
        {
          SpShift *shift;
          g_autofree char *day = NULL;
          g_autofree char *label = NULL;
          g_autofree char *theirs = NULL;
          double hours;

          if (!cell_changed (row, d) ||
              !cell_changed_elsewhere (self, G_LIST_MODEL (stored), row, d))
            continue;

          shift = find_stored (G_LIST_MODEL (stored), row, self->week + d);
          theirs = shift ? format_hours (shift->available_hours) : NULL;
          day = day_label (self->week + d);
          /* TRANSLATORS: a cell of the week: the agent, then the day ("Mon 12") */
          label = g_strdup_printf (_("%s, %s"), row->agent, day);

          read_hours (row->cells[d], &hours);
          if (isnan (hours))
            sp_form_add_difference (differences, label, theirs, NULL);
          else
            {
              g_autofree char *mine = format_hours (hours);

              sp_form_add_difference (differences, label, theirs, mine);
            }
        }
    }
}

static void
sp_shifts_form_take_stored (SpForm   *form,
                            GObject  *stored,
                            gboolean  keep_typed)
{
  SpShiftsForm *self = SP_SHIFTS_FORM (form);

  if (!keep_typed)
    {
      load_week (self);
      return;
    }

  /* the days changed here are saved over what is stored now; the others stay theirs */
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = self->rows->pdata[r];

      for (int d = 0; d < 7; d++)
        {
          SpShift *shift = find_stored (G_LIST_MODEL (stored), row, self->week + d);

          if (!cell_changed (row, d))
            continue;

          row->shift_ids[d] = shift ? shift->id : 0;
          row->revisions[d] = shift ? shift->revision : 0;
        }
    }
}

static void
week_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SpShiftsForm *self = SP_SHIFTS_FORM (widget);

  if (g_str_equal (action_name, "form.previous-week"))
    sp_shifts_form_show_week (self, self->week - 7);
  else if (g_str_equal (action_name, "form.next-week"))
    sp_shifts_form_show_week (self, self->week + 7);
  else
    sp_shifts_form_show_week (self, sp_date_today ());
}

static void
sp_shifts_form_dispose (GObject *object)
{
  SpShiftsForm *self = SP_SHIFTS_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SHIFTS_FORM);
  self->add_entry = NULL;

  G_OBJECT_CLASS (sp_shifts_form_parent_class)->dispose (object);
}

static void
sp_shifts_form_finalize (GObject *object)
{
  SpShiftsForm *self = SP_SHIFTS_FORM (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_shifts_form_parent_class)->finalize (object);
}

static void
sp_shifts_form_class_init (SpShiftsFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpFormClass *form_class = SP_FORM_CLASS (klass);

  object_class->dispose = sp_shifts_form_dispose;
  object_class->finalize = sp_shifts_form_finalize;

  form_class->save = sp_shifts_form_save;
  form_class->load_stored = sp_shifts_form_load_stored;
  form_class->list_differences = sp_shifts_form_list_differences;
  form_class->take_stored = sp_shifts_form_take_stored;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-shifts-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SpShiftsForm, save_button);
  gtk_widget_class_bind_template_child (widget_class, SpShiftsForm, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpShiftsForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, SpShiftsForm, week_label);
  gtk_widget_class_bind_template_child (widget_class, SpShiftsForm, grid);

  gtk_widget_class_install_action (widget_class, "form.previous-week", NULL, week_action);
  gtk_widget_class_install_action (widget_class, "form.next-week", NULL, week_action);
  gtk_widget_class_install_action (widget_class, "form.this-week", NULL, week_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "form.previous-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "form.next-week", NULL);
}

static void
sp_shifts_form_init (SpShiftsForm *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  g_signal_connect (self, "notify::dirty", G_CALLBACK (update_navigation), NULL);
}

/* The form for the current week */
SpShiftsForm *
sp_shifts_form_new (SpStore *store)
{
  SpShiftsForm *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_SHIFTS_FORM, "store", store, NULL);
  sp_shifts_form_show_week (self, sp_date_today ());

  return self;
}
