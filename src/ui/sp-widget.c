/* sp-widget.c: what any widget may ask of the window it is in
 *
 * A page or a form finds the window's toast overlay, or the window itself,
 * by looking up its ancestors (and, for a dialog, the windows it was opened
 * from), so it needs to know nothing of SpWindow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-widget"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-date-input.h"
#include "sp-parse.h"
#include "sp-widget.h"

static AdwToastOverlay *
find_overlay_below (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_overlay_below (child);

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;

  if (ancestor != NULL)
    return ADW_TOAST_OVERLAY (ancestor);

  /* a dialog or a form: its toasts go to the window it was opened from,
   * which stays when it closes */
  root = gtk_widget_get_root (widget);
  for (GtkWindow *window = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root))
                                                : NULL;
       window != NULL; window = gtk_window_get_transient_for (window))
    {
      AdwToastOverlay *overlay = find_overlay_below (GTK_WIDGET (window));

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

/**
 * sp_widget_add_toast:
 * @toast: (transfer full)
 *
 * Shows @toast in the toast overlay @widget is in, or else in the window
 * the window of @widget was opened from.
 *
 * Returns: whether there was one to show it in (else @toast is let go of)
 */
gboolean
sp_widget_add_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = find_overlay (widget);
  if (overlay == NULL)
    {
      g_object_unref (toast);
      return FALSE;
    }

  adw_toast_overlay_add_toast (overlay, toast);
  return TRUE;
}

/**
 * sp_widget_show_error:
 *
 * Shows a failure the user must read, with what to do about it, over the
 * window @widget is in.
 *
 * Returns: whether @widget is in a window to show it over
 */
gboolean
sp_widget_show_error (GtkWidget    *widget,
                      const char   *heading,
                      const GError *error)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (heading != NULL, FALSE);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), heading,
                                                       error ? error->message : NULL));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/**
 * sp_widget_setup_date_entry:
 * @entry: a #GtkEntry or an #AdwEntryRow where a day is typed
 *
 * Shows an example of a day as the locale writes it (the placeholder of an
 * entry) and what else may be typed (its tooltip).
 */
void
sp_widget_setup_date_entry (GtkWidget *entry)
{
  g_autofree char *example = sp_date_input_example_date ();
  g_autofree char *tooltip = NULL;

  g_return_if_fail (GTK_IS_EDITABLE (entry));

  /* TRANSLATORS: the tooltip of a field for a day; %s is today as the locale writes it */
  tooltip = g_strdup_printf (_("A day such as %s or 2026-12-31, or “today”, “yesterday”, "
                               "“+7” or “-7” for days from today"), example);
  gtk_widget_set_tooltip_text (entry, tooltip);
  g_object_set_data_full (G_OBJECT (entry), "sp-date-tooltip", g_strdup (tooltip), g_free);
  if (GTK_IS_ENTRY (entry))
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), example);
}

/*
 * The day a date field resolved to, short: "Sat 7 Dec", with the year when
 * it is not this one ("Sat 7 Dec 2126"), so a slip in the year shows.
 */
char *
sp_widget_format_day_hint (SpDate date)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (date != SP_DATE_NONE, NULL);

  dt = sp_time_to_date_time (sp_date_to_time (date));
  now = sp_time_to_date_time (sp_time_now ());

  if (g_date_time_get_year (dt) == g_date_time_get_year (now))
    /* TRANSLATORS: a short weekday and date; see g_date_time_format() */
    return g_date_time_format (dt, _("%a %e %b"));
  /* TRANSLATORS: a short weekday and date in another year; see g_date_time_format() */
  return g_date_time_format (dt, _("%a %e %b %Y"));
}

/**
 * sp_widget_get_date_entry:
 * @reason: (out) (optional): why the text is not a day
 *
 * Reads the day typed in @entry, as sp_date_input_parse_date() does; marks
 * the field as wrong (and says why in its tooltip) when it is not one.
 * Blank is no day.
 */
gboolean
sp_widget_get_date_entry (GtkWidget  *entry,
                          SpDate     *date,
                          char      **reason)
{
  g_autofree char *why = NULL;
  const char *tooltip;

  g_return_val_if_fail (GTK_IS_EDITABLE (entry), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  tooltip = g_object_get_data (G_OBJECT (entry), "sp-date-tooltip");

  if (sp_date_input_parse_date (gtk_editable_get_text (GTK_EDITABLE (entry)), SP_DATE_NONE,
                                date, &why))
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, tooltip);
      return TRUE;
    }

  *date = SP_DATE_NONE;
  if (sp_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (entry))))
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, tooltip);
    }
  else
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, why);
    }

  if (reason)
    *reason = g_steal_pointer (&why);
  return FALSE;
}

/* Writes @date as the locale does, which sp_widget_get_date_entry() reads back */
void
sp_widget_set_date_entry (GtkWidget *entry,
                          SpDate     date)
{
  g_autofree char *text = sp_date_input_format_date (date);

  g_return_if_fail (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}
