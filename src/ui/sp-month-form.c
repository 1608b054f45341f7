/* sp-month-form.c
 *
 * The figures of a month: what customer service cost and how many
 * customers the shop had, lost and won.  Choosing a month shows what was
 * entered for it; saving replaces it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-month-form"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>

#include "sp-month-form.h"
#include "sp-period.h"
#include "sp-parse.h"

#define N_MONTHS 36

struct _SpMonthForm
{
  SpForm          parent_instance;

  SpDate          months[N_MONTHS];
  GtkWidget      *error_widget;
  guint           loading : 1;

  /* template */
  GtkWidget      *save_button;
  GtkRevealer    *message_revealer;
  GtkWidget      *message_box;
  GtkLabel       *message_label;
  AdwComboRow    *month_row;
  AdwEntryRow    *cost_row;
  AdwEntryRow    *start_row;
  AdwEntryRow    *lost_row;
  AdwEntryRow    *new_row;
};

G_DEFINE_FINAL_TYPE (SpMonthForm, sp_month_form, SP_TYPE_FORM)

static SpDate
selected_month (SpMonthForm *self)
{
  guint selected = adw_combo_row_get_selected (self->month_row);

  return selected < N_MONTHS ? self->months[selected] : SP_DATE_NONE;
}

static gboolean
read_count (AdwEntryRow  *row,
            const char   *missing,
            gint64       *value,
            char        **message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *reason = NULL;

  if (sp_str_is_blank (text))
    {
      *message = g_strdup (missing);
      return FALSE;
    }

  if (!sp_parse_int (text, G_MININT64, G_MAXINT64, value, &reason))
    {
      *message = g_strdup_printf (_("%s: %s"),
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                  reason);
      return FALSE;
    }

  return TRUE;
}

static SpMonthFigures *
collect (SpMonthForm  *self,
         char        **message,
         GtkWidget   **widget)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  SpMonthFigures *figures;
  SpDate month = selected_month (self);
  const char *cost = gtk_editable_get_text (GTK_EDITABLE (self->cost_row));
  int y = 0, m = 0;

  *message = NULL;
  *widget = NULL;

  if (month != SP_DATE_NONE)
    sp_date_to_ymd (month, &y, &m, NULL);
  figures = sp_month_figures_new (y, m);

  if (sp_str_is_blank (cost))
    {
      *message = g_strdup (_("Enter what customer service cost this month."));
      *widget = GTK_WIDGET (self->cost_row);
      return figures;
    }

  if (!sp_parse_double (cost, &figures->operating_cost, &reason))
    {
      *message = g_strdup_printf (_("%s: %s"), _("Operating cost"), reason);
      *widget = GTK_WIDGET (self->cost_row);
      return figures;
    }

  /* the counts are still 0: only the cost can be wrong here */
  if (figures->operating_cost < 0 && !sp_month_figures_validate (figures, &error))
    {
      *message = g_strdup (error->message);
      *widget = GTK_WIDGET (self->cost_row);
      return figures;
    }

  if (!read_count (self->start_row, _("Enter how many customers the shop had at the start."),
                   &figures->customers_start, message))
    *widget = GTK_WIDGET (self->start_row);
  else if (!read_count (self->lost_row, _("Enter how many customers were lost."),
                        &figures->customers_lost, message))
    *widget = GTK_WIDGET (self->lost_row);
  else if (!read_count (self->new_row, _("Enter how many customers were new."),
                        &figures->customers_new, message))
    *widget = GTK_WIDGET (self->new_row);
  else if (!sp_month_figures_validate (figures, &error))
    {
      *message = g_strdup (error->message);
      *widget = figures->operating_cost < 0 ? GTK_WIDGET (self->cost_row)
              : figures->customers_start < 0 ? GTK_WIDGET (self->start_row)
              : figures->customers_new < 0 ? GTK_WIDGET (self->new_row)
              : GTK_WIDGET (self->lost_row);
    }

  return figures;
}

static void
validate (SpMonthForm *self)
{
  g_autoptr(SpMonthFigures) figures = NULL;
  g_autofree char *message = NULL;
  GtkWidget *widget = NULL;
  gboolean wrong;

  figures = collect (self, &message, &widget);

  wrong = widget != NULL && !sp_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (widget)));

  if (self->error_widget != NULL && self->error_widget != widget)
    gtk_widget_remove_css_class (self->error_widget, "error");
  self->error_widget = widget;
  if (wrong)
    gtk_widget_add_css_class (widget, "error");

  sp_form_set_problem (SP_FORM (self), message);

  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
  if (wrong)
    gtk_widget_add_css_class (self->message_box, "sp-invalid");
  else
    gtk_widget_remove_css_class (self->message_box, "sp-invalid");

  gtk_widget_set_tooltip_text (self->save_button, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message ? message : "", -1);
}

static void
field_changed_cb (SpMonthForm *self)
{
  if (!self->loading)
    sp_form_mark_changed (SP_FORM (self));

  validate (self);
}

static void
set_number (AdwEntryRow *row,
            const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
load_month (SpMonthForm *self)
{
  g_autoptr(SpMonthFigures) figures = NULL;
  SpDate month = selected_month (self);
  int y, m;

  /* what was typed is kept: it is for the month chosen now */
  if (sp_form_get_dirty (SP_FORM (self)) || month == SP_DATE_NONE)
    {
      validate (self);
      return;
    }

  sp_date_to_ymd (month, &y, &m, NULL);
  figures = sp_store_load_month_figures (sp_form_get_store (SP_FORM (self)), y, m, NULL);

  self->loading = TRUE;

  if (figures != NULL)
    {
      g_autofree char *cost = g_strdup_printf ("%.2f", figures->operating_cost);
      g_autofree char *start = g_strdup_printf ("%" PRId64, figures->customers_start);
      g_autofree char *lost = g_strdup_printf ("%" PRId64, figures->customers_lost);
      g_autofree char *won = g_strdup_printf ("%" PRId64, figures->customers_new);

      set_number (self->cost_row, cost);
      set_number (self->start_row, start);
      set_number (self->lost_row, lost);
      set_number (self->new_row, won);
    }
  else
    {
      set_number (self->cost_row, NULL);
      set_number (self->start_row, NULL);
      set_number (self->lost_row, NULL);
      set_number (self->new_row, NULL);
    }

  self->loading = FALSE;

  sp_form_set_dirty (SP_FORM (self), FALSE);
  validate (self);
}

static void
fill_months (SpMonthForm *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) entered = NULL;
  SpDate month = sp_date_month_start (sp_date_today ());

  entered = sp_store_list_month_figures (sp_form_get_store (SP_FORM (self)),
                                         sp_date_add_months (month, -N_MONTHS), month, NULL);

  for (guint i = 0; i < N_MONTHS; i++)
    {
      g_autofree char *name = sp_date_format_month (month);
      gboolean has = FALSE;

      for (guint k = 0; entered != NULL && k < entered->len; k++)
        has |= sp_month_figures_get_start (entered->pdata[k]) == month;

      self->months[i] = month;
      if (has)
        {
          /* TRANSLATORS: a month that has figures already, e.g. "October 2026 (entered)" */
          g_autofree char *label = g_strdup_printf (_("%s (entered)"), name);
          gtk_string_list_append (labels, label);
        }
      else
        gtk_string_list_append (labels, name);

      month = sp_date_add_months (month, -1);
    }

  adw_combo_row_set_model (self->month_row, G_LIST_MODEL (labels));
}

/* Shows the figures of a month (which must be one of the last three years) */
void
sp_month_form_show_month (SpMonthForm *self,
                          int          year,
                          int          month)
{
  SpDate start = sp_date_from_ymd (year, month, 1);

  g_return_if_fail (SP_IS_MONTH_FORM (self));

  for (guint i = 0; i < N_MONTHS; i++)
    {
      if (self->months[i] == start)
        {
          adw_combo_row_set_selected (self->month_row, i);
          return;
        }
    }

  g_critical ("%04d-%02d can't be chosen", year, month);
}

static gboolean
sp_month_form_save (SpForm  *form,
                    GError **error)
{
  SpMonthForm *self = SP_MONTH_FORM (form);
  g_autoptr(SpMonthFigures) figures = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GtkWidget *widget = NULL;

  figures = collect (self, &message, &widget);
  if (message != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return FALSE;
    }

  if (!sp_store_save_month_figures (sp_form_get_store (form), figures, error))
    return FALSE;

  name = sp_date_format_month (sp_month_figures_get_start (figures));
  /* TRANSLATORS: %s is a month, e.g. "October 2026" */
  title = g_strdup_printf (_("Figures for %s saved"), name);
  sp_form_add_toast (form, adw_toast_new (title));
  return TRUE;
}

static void
sp_month_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SP_TYPE_MONTH_FORM);

  G_OBJECT_CLASS (sp_month_form_parent_class)->dispose (object);
}

static void
sp_month_form_class_init (SpMonthFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SpFormClass *form_class = SP_FORM_CLASS (klass);

  object_class->dispose = sp_month_form_dispose;

  form_class->save = sp_month_form_save;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-month-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SpMonthForm, save_button);
  gtk_widget_class_bind_template_child (widget_class, SpMonthForm, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpMonthForm, message_box);
  gtk_widget_class_bind_template_child (widget_class, SpMonthForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, SpMonthForm, month_row);
  gtk_widget_class_bind_template_child (widget_class, SpMonthForm, cost_row);
  gtk_widget_class_bind_template_child (widget_class, SpMonthForm, start_row);
  gtk_widget_class_bind_template_child (widget_class, SpMonthForm, lost_row);
  gtk_widget_class_bind_template_child (widget_class, SpMonthForm, new_row);
}

static void
sp_month_form_init (SpMonthForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  g_signal_connect_swapped (self->cost_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->start_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->lost_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->new_row, "changed", G_CALLBACK (field_changed_cb), self);
}

/* The form for last month, which is usually the one to enter */
SpMonthForm *
sp_month_form_new (SpStore *store)
{
  SpMonthForm *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_MONTH_FORM, "store", store, NULL);
  fill_months (self);
  adw_combo_row_set_selected (self->month_row, 1);
  load_month (self);
  g_signal_connect_swapped (self->month_row, "notify::selected", G_CALLBACK (load_month), self);
  gtk_widget_grab_focus (GTK_WIDGET (self->cost_row));

  return self;
}
