/* sp-preferences-window.c
 *
 * The shop's name, logo and currency, and the benchmark bands and targets
 * the KPIs are judged by.  Everything lives in the database's settings, so
 * it goes with the file; the dashboard and the report follow each change
 * (the store says SP_STORE_CHANGE_SETTINGS).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "sp-application.h"
#include "sp-backup.h"
#include "sp-benchmarks.h"
#include "sp-database-page.h"
#include "sp-hours-page.h"
#include "sp-preferences-window.h"
#include "sp-window.h"
#include "sp-role.h"
#include "sp-shop.h"

/* Typing is saved this long after it stops */
#define SAVE_DELAY_MS 500

/* The longest side a logo is kept at: sharp at print size, small in the database */
#define LOGO_SIZE 512

/* The thresholds of one KPI's band */
typedef struct
{
  SpPreferencesWindow *self;
  SpKpi                kpi;
  AdwPreferencesGroup *group;
  GtkSpinButton       *spins[3];   /* excellent, good, act; utilization: good from, to, act */
  GtkWidget           *reset;
  guint                save_source;
} BandRows;

/* A channel's first response target, or a priority's SLA target */
typedef struct
{
  SpPreferencesWindow *self;
  gboolean             sla;
  guint                index;
  GtkSpinButton       *spin;
  GtkWidget           *reset;
  guint                save_source;
} TargetRow;

struct _SpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  SpStore              *store;
  SpBenchmarks         *benchmarks;
  SpHoursPage          *hours_page;
  SpDatabasePage       *database_page;
  GPtrArray            *bands;       /* BandRows */
  GPtrArray            *targets;     /* TargetRow */
  guint                 name_source;
  guint                 currency_source;
  int                   updating;

  /* template */
  AdwPreferencesPage   *shop_page;
  AdwPreferencesGroup  *shop_group;
  AdwPreferencesGroup  *backups_group;
  AdwPreferencesGroup  *benchmarks_intro_group;
  AdwEntryRow          *name_row;
  AdwActionRow         *logo_row;
  GtkPicture           *logo_picture;
  GtkButton            *logo_remove_button;
  GtkButton            *logo_choose_button;
  AdwPreferencesGroup  *money_group;
  AdwEntryRow          *currency_row;
  AdwComboRow          *vat_row;
  AdwComboRow          *paper_row;
  AdwActionRow         *second_folder_row;
  GtkButton            *second_folder_clear_button;
  GtkButton            *second_folder_choose_button;
  AdwPreferencesPage   *benchmarks_page;
};

G_DEFINE_FINAL_TYPE (SpPreferencesWindow, sp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
toast (SpPreferencesWindow *self,
       const char          *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

/* Shop */

/* The choices of the VAT and paper rows, as the settings store them */
static const char * const vat_values[] = { "", "yes", "no" };
static const char * const paper_values[] = { "", "a4", "letter" };

static guint
choice_of (SpPreferencesWindow *self,
           const char          *setting,
           const char * const  *values,
           guint                n_values)
{
  g_autofree char *value = sp_shop_dup_setting (self->store, setting, NULL);

  for (guint i = 0; value != NULL && i < n_values; i++)
    if (g_str_equal (value, values[i]))
      return i;
  return 0;
}

static void
save_choice (SpPreferencesWindow *self,
             AdwComboRow         *row,
             const char          *setting,
             const char * const  *values,
             guint                n_values)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || selected >= n_values)
    return;

  if (!sp_shop_set_setting (self->store, setting, values[selected], &error))
    toast (self, error->message);
}

static void
vat_changed_cb (SpPreferencesWindow *self)
{
  save_choice (self, self->vat_row, "amounts-include-vat", vat_values,
               G_N_ELEMENTS (vat_values));
}

static void
paper_changed_cb (SpPreferencesWindow *self)
{
  save_choice (self, self->paper_row, "paper", paper_values, G_N_ELEMENTS (paper_values));
}

static void
save_name (SpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = sp_shop_dup_name (self->store);
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  g_clear_handle_id (&self->name_source, g_source_remove);

  if (g_strcmp0 (stored ? stored : "", typed) == 0)
    return;

  if (!sp_shop_set_name (self->store, typed, &error))
    toast (self, error->message);
}

static gboolean
save_name_cb (gpointer data)
{
  SpPreferencesWindow *self = data;

  self->name_source = 0;
  save_name (self);
  return G_SOURCE_REMOVE;
}

static void
name_changed_cb (SpPreferencesWindow *self)
{
  if (self->updating > 0)
    return;

  g_clear_handle_id (&self->name_source, g_source_remove);
  self->name_source = g_timeout_add (SAVE_DELAY_MS, save_name_cb, self);
}

static void
save_currency (SpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = sp_shop_dup_currency (self->store);
  g_autofree char *typed =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->currency_row))));

  g_clear_handle_id (&self->currency_source, g_source_remove);
  gtk_widget_remove_css_class (GTK_WIDGET (self->currency_row), "error");

  if (g_strcmp0 (stored ? stored : "", typed) == 0)
    return;

  if (!sp_shop_set_currency (self->store, typed, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->currency_row), "error");
      toast (self, error->message);
    }
}

static gboolean
save_currency_cb (gpointer data)
{
  SpPreferencesWindow *self = data;

  self->currency_source = 0;
  save_currency (self);
  return G_SOURCE_REMOVE;
}

static void
currency_changed_cb (SpPreferencesWindow *self)
{
  if (self->updating > 0)
    return;

  g_clear_handle_id (&self->currency_source, g_source_remove);
  self->currency_source = g_timeout_add (SAVE_DELAY_MS, save_currency_cb, self);
}

static void
update_logo (SpPreferencesWindow *self)
{
  g_autoptr(GBytes) png = sp_shop_dup_logo (self->store);
  g_autoptr(GdkTexture) texture = png ? gdk_texture_new_from_bytes (png, NULL) : NULL;

  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->logo_picture), texture != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->logo_remove_button), texture != NULL);
  adw_action_row_set_subtitle (self->logo_row,
                               texture ? _("A copy is kept in the database, so the report keeps "
                                           "it when the picture’s file moves")
                                       : _("None: the report starts with the shop’s name"));
}

/*
 * The picture in @file as PNG bytes at most LOGO_SIZE on its longest side:
 * pictures are scaled down, drawings (SVG) drawn at that size.
 */
static GBytes *
read_logo (GFile   *file,
           GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *name = g_file_get_basename (file);
  GdkPixbufFormat *format;
  gchar *buffer = NULL;
  gsize size = 0;
  int width = 0, height = 0;

  if (path == NULL ||
      (format = gdk_pixbuf_get_file_info (path, &width, &height)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* TRANSLATORS: %s is the file chosen */
                   _("“%s” is not a picture that can be read. Choose a PNG, JPEG or SVG file."),
                   name);
      return NULL;
    }

  if (gdk_pixbuf_format_is_scalable (format) || width > LOGO_SIZE || height > LOGO_SIZE)
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, LOGO_SIZE, LOGO_SIZE, TRUE, error);
  else
    pixbuf = gdk_pixbuf_new_from_file (path, error);

  if (pixbuf == NULL || !gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", error, NULL))
    return NULL;

  return g_bytes_new_take (buffer, size);
}

gboolean
sp_preferences_window_set_logo_file (SpPreferencesWindow  *self,
                                     GFile                *file,
                                     GError              **error)
{
  g_autoptr(GBytes) png = NULL;

  g_return_val_if_fail (SP_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(png = read_logo (file, error)) || !sp_shop_set_logo (self->store, png, error))
    return FALSE;

  update_logo (self);
  return TRUE;
}

static void
logo_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(SpPreferencesWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!sp_preferences_window_set_logo_file (self, file, &error))
        toast (self, error->message);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
logo_choose_cb (SpPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Choose the Shop’s Logo"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));

  gtk_file_filter_set_name (filter, _("Pictures (PNG, JPEG, SVG)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (logo_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
logo_remove_cb (SpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!sp_shop_set_logo (self->store, NULL, &error))
    toast (self, error->message);
  update_logo (self);
}

/* The second backup folder */

static void
update_second_folder (SpPreferencesWindow *self)
{
  g_autofree char *folder = sp_backup_dup_second_folder (self->store);
  g_autofree char *display = folder ? g_filename_display_name (folder) : NULL;

  adw_action_row_set_subtitle (self->second_folder_row,
                               display ? display
                                       : _("None: the copies are only on this computer"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->second_folder_clear_button), folder != NULL);
}

/**
 * sp_preferences_window_set_second_folder:
 * @folder: (nullable): an existing folder, or %NULL for none
 *
 * Sets the folder each daily and manual backup is also copied to, as
 * Choose… does.
 */
gboolean
sp_preferences_window_set_second_folder (SpPreferencesWindow  *self,
                                         const char           *folder,
                                         GError              **error)
{
  gboolean ok;

  g_return_val_if_fail (SP_IS_PREFERENCES_WINDOW (self), FALSE);

  ok = sp_backup_set_second_folder (self->store, folder, error);
  update_second_folder (self);
  return ok;
}

static void
second_folder_response_cb (GtkNativeDialog *dialog,
                           int              response,
                           gpointer         user_data)
{
  g_autoptr(SpPreferencesWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        toast (self, _("That folder is not on a disk this computer can write to; choose "
                       "another."));
      else if (!sp_preferences_window_set_second_folder (self, path, &error))
        {
          GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("This Folder Can't Be Used"),
                                                       error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (message));
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
second_folder_choose_cb (SpPreferencesWindow *self)
{
  GtkFileChooserNative *native;
  g_autofree char *current = sp_backup_dup_second_folder (self->store);

  native = gtk_file_chooser_native_new (_("Choose the Second Backup Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"),
                                        _("_Cancel"));
  if (current != NULL && g_file_test (current, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), file, NULL);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (second_folder_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
second_folder_clear_cb (SpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!sp_preferences_window_set_second_folder (self, NULL, &error))
    toast (self, error->message);
}

/* Benchmark bands */

static const char *
rule_words (SpBandRule rule)
{
  switch (rule)
    {
    case SP_BAND_RULE_AT_LEAST:
      /* TRANSLATORS: a band's rule: the value is at least the threshold */
      return _("at least");
    case SP_BAND_RULE_MORE_THAN:
      return _("more than");
    case SP_BAND_RULE_AT_MOST:
      return _("at most");
    case SP_BAND_RULE_LESS_THAN:
      return _("less than");
    case SP_BAND_RULE_NONE:
    default:
      return "";
    }
}

static void
spin_limits (SpKpi   kpi,
             double *lower,
             double *upper,
             double *step,
             guint  *digits)
{
  *step = 1;
  *digits = 1;

  switch (sp_kpi_get_unit (kpi))
    {
    case SP_UNIT_NPS:
      *lower = -100, *upper = 100, *digits = 0;
      break;
    case SP_UNIT_SCORE:
      *lower = 1, *upper = 7, *step = 0.1;
      break;
    case SP_UNIT_PERCENT:
      *lower = 0, *upper = 100;
      break;
    case SP_UNIT_COUNT:
    default:
      *lower = 0, *upper = 10000, *digits = 0;
      break;
    }
}

/* The three numbers a band's rows show */
static void
band_values (const SpBand *band,
             SpKpi         kpi,
             double        values[3])
{
  if (kpi == SP_KPI_UTILIZATION)
    {
      values[0] = band->good_low;
      values[1] = band->good_high;
      values[2] = band->act_high;
    }
  else
    {
      values[0] = band->excellent;
      values[1] = band->good;
      values[2] = band->act;
    }
}

static gboolean
bands_equal (const SpBand *a,
             const SpBand *b,
             SpKpi         kpi)
{
  double va[3], vb[3];

  band_values (a, kpi, va);
  band_values (b, kpi, vb);

  for (guint i = 0; i < 3; i++)
    if (!(isnan (va[i]) && isnan (vb[i])) && fabs (va[i] - vb[i]) > 1e-9)
      return FALSE;
  return TRUE;
}

static void
show_band (BandRows *rows)
{
  SpPreferencesWindow *self = rows->self;
  const SpBand *band = sp_benchmarks_get_band (self->benchmarks, rows->kpi);
  const SpBand *initial = sp_benchmarks_get_default_band (self->benchmarks, rows->kpi);
  g_autofree char *text = sp_band_format (initial, rows->kpi);
  g_autofree char *tooltip = NULL;
  double values[3];

  band_values (band, rows->kpi, values);

  self->updating++;
  for (guint i = 0; i < 3; i++)
    if (rows->spins[i] != NULL)
      {
        gtk_spin_button_set_value (rows->spins[i], values[i]);
        gtk_widget_remove_css_class (GTK_WIDGET (rows->spins[i]), "error");
      }
  self->updating--;

  /* TRANSLATORS: the tooltip of a band's Reset button, with the band as shipped */
  tooltip = g_strdup_printf (_("Reset to the default: %s"), text);
  gtk_widget_set_tooltip_text (rows->reset, tooltip);
  gtk_widget_set_sensitive (rows->reset, !bands_equal (band, initial, rows->kpi));
}

/* The rows' numbers as a band; FALSE (and why) when they contradict each other */
static gboolean
read_band (BandRows  *rows,
           SpBand    *band,
           GError   **error)
{
  double v[3];

  *band = *sp_benchmarks_get_band (rows->self->benchmarks, rows->kpi);

  for (guint i = 0; i < 3; i++)
    v[i] = rows->spins[i] ? gtk_spin_button_get_value (rows->spins[i]) : NAN;

  if (rows->kpi == SP_KPI_UTILIZATION)
    {
      band->good_low = v[0];
      band->good_high = v[1];
      band->act_high = v[2];
    }
  else
    {
      if (rows->spins[0])
        band->excellent = v[0];
      if (rows->spins[1])
        band->good = v[1];
      if (rows->spins[2])
        band->act = v[2];
    }

  return sp_benchmarks_check_band (rows->kpi, band, error);
}

static void
save_band (BandRows *rows)
{
  SpPreferencesWindow *self = rows->self;
  g_autoptr(GError) error = NULL;
  SpBand band;

  g_clear_handle_id (&rows->save_source, g_source_remove);

  if (!read_band (rows, &band, &error))
    {
      for (guint i = 0; i < 3; i++)
        if (rows->spins[i] != NULL)
          gtk_widget_add_css_class (GTK_WIDGET (rows->spins[i]), "error");
      toast (self, error->message);
      return;
    }

  if (bands_equal (&band, sp_benchmarks_get_band (self->benchmarks, rows->kpi), rows->kpi))
    {
      show_band (rows);
      return;
    }

  /* the band as shipped again: no override is kept */
  if (bands_equal (&band, sp_benchmarks_get_default_band (self->benchmarks, rows->kpi), rows->kpi))
    {
      if (!sp_benchmarks_reset_band (self->benchmarks, rows->kpi, &error))
        toast (self, error->message);
    }
  else if (!sp_benchmarks_set_band (self->benchmarks, rows->kpi, &band, &error))
    toast (self, error->message);

  show_band (rows);
}

static gboolean
save_band_cb (gpointer data)
{
  BandRows *rows = data;

  rows->save_source = 0;
  save_band (rows);
  return G_SOURCE_REMOVE;
}

static void
band_changed_cb (BandRows *rows)
{
  if (rows->self->updating > 0)
    return;

  g_clear_handle_id (&rows->save_source, g_source_remove);
  rows->save_source = g_timeout_add (SAVE_DELAY_MS, save_band_cb, rows);
}

static void
band_reset_cb (BandRows *rows)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&rows->save_source, g_source_remove);
  if (!sp_benchmarks_reset_band (rows->self->benchmarks, rows->kpi, &error))
    toast (rows->self, error->message);
  show_band (rows);
}

static void
band_rows_free (gpointer data)
{
  BandRows *rows = data;

  g_clear_handle_id (&rows->save_source, g_source_remove);
  g_free (rows);
}

static GtkSpinButton *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              double               lower,
              double               upper,
              double               step,
              guint                digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);
  g_autofree char *label = subtitle && *subtitle ? g_strdup_printf ("%s, %s", title, subtitle)
                                                 : g_strdup (title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);

  return GTK_SPIN_BUTTON (spin);
}

/* Markup: a group's description is markup */
static char *
source_text (const char *source)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: where a benchmark comes from: a guide's title, or "house default" */
  text = g_strdup_printf (_("Source: %s"), source ? source : _("house default"));
  return g_markup_escape_text (text, -1);
}

static void
add_band_group (SpPreferencesWindow *self,
                SpKpi                kpi)
{
  const SpBand *initial = sp_benchmarks_get_default_band (self->benchmarks, kpi);
  BandRows *rows = g_new0 (BandRows, 1);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *source = sp_band_format_source (initial);
  g_autofree char *description = *source ? g_markup_escape_text (source, -1)
                                         : source_text (NULL);
  double lower, upper, step;
  guint digits;

  rows->self = self;
  rows->kpi = kpi;
  rows->group = ADW_PREFERENCES_GROUP (group);
  g_ptr_array_add (self->bands, rows);

  adw_preferences_group_set_title (rows->group, sp_kpi_get_name (kpi));
  adw_preferences_group_set_description (rows->group, description);

  rows->reset = gtk_button_new_with_mnemonic (_("_Reset to the Default"));
  gtk_widget_set_valign (rows->reset, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (rows->reset, "flat");
  {
    /* TRANSLATORS: %s is a KPI's name */
    g_autofree char *label = g_strdup_printf (_("Reset %s to its default"),
                                              sp_kpi_get_name (kpi));

    gtk_accessible_update_property (GTK_ACCESSIBLE (rows->reset), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
  }
  adw_preferences_group_set_header_suffix (rows->group, rows->reset);
  g_signal_connect_swapped (rows->reset, "clicked", G_CALLBACK (band_reset_cb), rows);

  spin_limits (kpi, &lower, &upper, &step, &digits);

  if (kpi == SP_KPI_UTILIZATION)
    {
      rows->spins[0] = add_spin_row (rows->group, _("Good from"), _("per cent of the hours"),
                                     lower, upper, step, digits);
      rows->spins[1] = add_spin_row (rows->group, _("Good up to"), _("per cent of the hours"),
                                     lower, upper, step, digits);
      rows->spins[2] = add_spin_row (rows->group, sp_status_get_label (SP_STATUS_ACT),
                                     _("more than this per cent: understaffed"),
                                     lower, upper, step, digits);
    }
  else
    {
      const SpBandRule rules[3] = { initial->excellent_rule, initial->good_rule,
                                    initial->act_rule };
      const SpStatus statuses[3] = { SP_STATUS_EXCELLENT, SP_STATUS_GOOD, SP_STATUS_ACT };

      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *subtitle = NULL;

          if (rules[i] == SP_BAND_RULE_NONE)
            continue;

          if (kpi == SP_KPI_BACKLOG)
            /* TRANSLATORS: %s is "at most" or "more than" */
            subtitle = g_strdup_printf (i == 1 ? _("contacts older than 48 hours: %s this")
                                               /* TRANSLATORS: %s is "at most" or "more than" */
                                               : _("open contacts per agent: %s this"),
                                        rule_words (rules[i]));
          else
            /* TRANSLATORS: a band's threshold row, "at least this" */
            subtitle = g_strdup_printf (_("%s this"), rule_words (rules[i]));

          rows->spins[i] = add_spin_row (rows->group, sp_status_get_label (statuses[i]),
                                         subtitle, lower, upper, step, digits);
        }
    }

  for (guint i = 0; i < 3; i++)
    if (rows->spins[i] != NULL)
      g_signal_connect_swapped (rows->spins[i], "value-changed", G_CALLBACK (band_changed_cb),
                                rows);

  adw_preferences_page_add (self->benchmarks_page, rows->group);
  show_band (rows);
}

/* Targets */

static double
target_of (TargetRow *row,
           gboolean   initial)
{
  SpBenchmarks *b = row->self->benchmarks;

  if (row->sla)
    return initial ? sp_benchmarks_get_default_sla_target (b, row->index)
                   : sp_benchmarks_get_sla_target (b, row->index);
  return initial ? sp_benchmarks_get_default_channel_target (b, row->index)
                 : sp_benchmarks_get_channel_target (b, row->index);
}

static void
show_target (TargetRow *row)
{
  double initial = target_of (row, TRUE);
  double now = target_of (row, FALSE);
  g_autofree char *text = sp_kpi_format_value (SP_KPI_FIRST_RESPONSE, initial, NULL);
  g_autofree char *tooltip = g_strdup_printf (_("Reset to the default: %s"), text);

  row->self->updating++;
  gtk_spin_button_set_value (row->spin, now);
  row->self->updating--;

  gtk_widget_set_tooltip_text (row->reset, tooltip);
  gtk_widget_set_visible (row->reset, fabs (now - initial) > 1e-9);
}

static void
save_target (TargetRow *row)
{
  g_autoptr(GError) error = NULL;
  double minutes = gtk_spin_button_get_value (row->spin);
  gboolean ok;

  g_clear_handle_id (&row->save_source, g_source_remove);

  if (fabs (minutes - target_of (row, FALSE)) < 1e-9)
    return;

  /* the value as shipped again: no override is kept */
  if (fabs (minutes - target_of (row, TRUE)) < 1e-9)
    minutes = NAN;

  ok = row->sla ? sp_benchmarks_set_sla_target (row->self->benchmarks, row->index, minutes, &error)
                : sp_benchmarks_set_channel_target (row->self->benchmarks, row->index, minutes,
                                                    &error);
  if (!ok)
    toast (row->self, error->message);
  show_target (row);
}

static gboolean
save_target_cb (gpointer data)
{
  TargetRow *row = data;

  row->save_source = 0;
  save_target (row);
  return G_SOURCE_REMOVE;
}

static void
target_changed_cb (TargetRow *row)
{
  if (row->self->updating > 0)
    return;

  g_clear_handle_id (&row->save_source, g_source_remove);
  row->save_source = g_timeout_add (SAVE_DELAY_MS, save_target_cb, row);
}

static void
target_reset_cb (TargetRow *row)
{
  row->self->updating++;
  gtk_spin_button_set_value (row->spin, target_of (row, TRUE));
  row->self->updating--;
  save_target (row);
}

static void
target_row_free (gpointer data)
{
  TargetRow *row = data;

  g_clear_handle_id (&row->save_source, g_source_remove);
  g_free (row);
}

static void
add_target_group (SpPreferencesWindow *self,
                  gboolean             sla)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *source = source_text (sp_benchmarks_get_targets_source (self->benchmarks, sla));
  g_autofree char *description = NULL;
  guint n = sla ? SP_N_PRIORITIES : SP_N_CHANNELS;

  if (sla)
    {
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       _("SLA Targets by Priority"));
      description = g_strdup_printf ("%s %s", _("Minutes to the first reply within which a "
                                                "contact counts as answered in time. A change "
                                                "recounts every day, which takes a moment in a "
                                                "large database."), source);
    }
  else
    {
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       _("First Response Targets"));
      description = g_strdup_printf ("%s %s", _("Minutes to the first reply on each channel: "
                                                "within it is good, beyond twice it act."),
                                     source);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  for (guint i = 0; i < n; i++)
    {
      TargetRow *row = g_new0 (TargetRow, 1);
      const char *label = sla ? sp_priority_get_label (i) : sp_channel_get_label (i);
      GtkWidget *action_row;

      row->self = self;
      row->sla = sla;
      row->index = i;
      g_ptr_array_add (self->targets, row);

      row->spin = add_spin_row (ADW_PREFERENCES_GROUP (group), label, _("minutes"),
                                SP_SHOP_TARGET_MIN_MINUTES, SP_SHOP_TARGET_MAX_MINUTES, 1, 1);
      action_row = gtk_widget_get_ancestor (GTK_WIDGET (row->spin), ADW_TYPE_ACTION_ROW);

      row->reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");
      gtk_widget_set_valign (row->reset, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (row->reset, "flat");
      {
        /* TRANSLATORS: %s is a KPI's name */
        g_autofree char *accessible = g_strdup_printf (_("Reset %s to its default"),
                                                       label);

        gtk_accessible_update_property (GTK_ACCESSIBLE (row->reset),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      }
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), row->reset);

      g_signal_connect_swapped (row->spin, "value-changed", G_CALLBACK (target_changed_cb), row);
      g_signal_connect_swapped (row->reset, "clicked", G_CALLBACK (target_reset_cb), row);
      show_target (row);
    }

  adw_preferences_page_add (self->benchmarks_page, ADW_PREFERENCES_GROUP (group));
}

static void
build_benchmarks (SpPreferencesWindow *self)
{
  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      if (!sp_kpi_has_status (kpi) || kpi == SP_KPI_FIRST_RESPONSE)
        continue;
      add_band_group (self, kpi);

      /* first response is judged by channel: its targets follow the Core Four's bands */
      if (kpi == SP_KPI_ESCALATION_RATE)
        add_target_group (self, FALSE);
    }

  add_target_group (self, TRUE);
}

/* The window */

void
sp_preferences_window_save_now (SpPreferencesWindow *self)
{
  g_return_if_fail (SP_IS_PREFERENCES_WINDOW (self));

  if (self->name_source != 0)
    save_name (self);
  if (self->currency_source != 0)
    save_currency (self);

  for (guint i = 0; i < self->bands->len; i++)
    {
      BandRows *rows = g_ptr_array_index (self->bands, i);

      if (rows->save_source != 0)
        save_band (rows);
    }

  for (guint i = 0; i < self->targets->len; i++)
    {
      TargetRow *row = g_ptr_array_index (self->targets, i);

      if (row->save_source != 0)
        save_target (row);
    }

  if (self->hours_page != NULL && sp_hours_page_has_changes (self->hours_page))
    {
      g_autoptr(GError) error = NULL;

      if (!sp_hours_page_save_now (self->hours_page, &error))
        g_warning ("The opening hours could not be saved: %s", error->message);
    }
}

/* Shows the Shop Database page */
void
sp_preferences_window_show_database (SpPreferencesWindow *self)
{
  g_return_if_fail (SP_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           ADW_PREFERENCES_PAGE (self->database_page));
}

SpDatabasePage *
sp_preferences_window_get_database_page (SpPreferencesWindow *self)
{
  g_return_val_if_fail (SP_IS_PREFERENCES_WINDOW (self), NULL);
  return self->database_page;
}

/* A login of the staff group sees the shop's settings without changing them, and is told why */
static void
apply_role (SpPreferencesWindow *self)
{
  g_autofree char *benchmarks = NULL;
  const char *why = sp_role_get_owner_only ();

  if (sp_role_is_owner (self->store))
    return;

  adw_preferences_group_set_description (self->shop_group, why);
  adw_preferences_group_set_description (self->money_group, why);
  sp_role_mark_owner_only (GTK_WIDGET (self->name_row), FALSE, NULL);
  sp_role_mark_owner_only (GTK_WIDGET (self->logo_row), FALSE, NULL);
  sp_role_mark_owner_only (GTK_WIDGET (self->currency_row), FALSE, NULL);
  sp_role_mark_owner_only (GTK_WIDGET (self->vat_row), FALSE, NULL);
  sp_role_mark_owner_only (GTK_WIDGET (self->paper_row), FALSE, NULL);
  sp_role_mark_owner_only (GTK_WIDGET (self->second_folder_row), FALSE, NULL);

  benchmarks = g_strdup_printf ("%s. %s", why,
                                adw_preferences_group_get_description (
                                  self->benchmarks_intro_group));
  adw_preferences_group_set_description (self->benchmarks_intro_group, benchmarks);
  for (guint i = 0; i < self->bands->len; i++)
    {
      BandRows *rows = g_ptr_array_index (self->bands, i);

      sp_role_mark_owner_only (GTK_WIDGET (rows->group), FALSE, NULL);
    }
  for (guint i = 0; i < self->targets->len; i++)
    {
      TargetRow *row = g_ptr_array_index (self->targets, i);
      GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (row->spin),
                                                  ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        sp_role_mark_owner_only (group, FALSE, NULL);
    }
}

static gboolean
sp_preferences_window_close_request (GtkWindow *window)
{
  sp_preferences_window_save_now (SP_PREFERENCES_WINDOW (window));
  return GTK_WINDOW_CLASS (sp_preferences_window_parent_class)->close_request (window);
}

GtkWidget *
sp_preferences_window_new (GtkWindow *parent,
                           SpStore   *store)
{
  SpPreferencesWindow *self;
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *description = NULL;
  const char *local = localeconv ()->currency_symbol;

  GtkApplication *app = parent ? gtk_window_get_application (parent) : NULL;
  GSettings *settings = SP_IS_APPLICATION (app) ? sp_application_get_settings (SP_APPLICATION (app))
                                                : NULL;

  g_return_val_if_fail (store == NULL || SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", FALSE,
                       NULL);

  /* where the shop is kept: this computer's, not the shop's, so there without a shop too */
  self->database_page = SP_DATABASE_PAGE (sp_database_page_new (settings));

  /* the server of the shop shown, however it was opened (with --db too) */
  if (store != NULL && sp_store_is_on_server (store) && SP_IS_WINDOW (parent) &&
      sp_window_get_database_path (SP_WINDOW (parent)) != NULL &&
      sp_store_is_server_address (sp_window_get_database_path (SP_WINDOW (parent))))
    sp_database_page_show_address (self->database_page,
                                   sp_window_get_database_path (SP_WINDOW (parent)));

  /* no shop open (a server that could not be reached): its login is all there is to set */
  if (store == NULL)
    {
      /* the template keeps a reference to each until the window goes */
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), self->shop_page);
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), self->benchmarks_page);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (self->database_page));
      return GTK_WIDGET (self);
    }

  self->store = g_object_ref (store);
  self->benchmarks = sp_benchmarks_new (store);

  name = sp_shop_dup_name (store);
  currency = sp_shop_dup_currency (store);
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), currency ? currency : "");
  adw_combo_row_set_selected (self->vat_row, choice_of (self, "amounts-include-vat", vat_values,
                                                        G_N_ELEMENTS (vat_values)));
  adw_combo_row_set_selected (self->paper_row, choice_of (self, "paper", paper_values,
                                                          G_N_ELEMENTS (paper_values)));
  self->updating--;

  if (local != NULL && *local != '\0')
    /* TRANSLATORS: %s is the region's currency symbol */
    description = g_markup_printf_escaped (_("The symbol cost per contact is written with. "
                                             "Leave it empty for your region’s, “%s”."), local);
  else
    description = g_strdup (_("The symbol cost per contact is written with, such as “€” or "
                              "“$”. Empty: amounts without a symbol."));
  adw_preferences_group_set_description (self->money_group, description);

  update_logo (self);
  update_second_folder (self);
  build_benchmarks (self);

  self->hours_page = SP_HOURS_PAGE (sp_hours_page_new (store));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->hours_page));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->database_page));

  /* no daily copies on this computer: a server's shop is backed up on the server */
  if (sp_store_is_on_server (store))
    {
      adw_preferences_group_set_description (
        self->backups_group,
        _("This shop is kept on a server and is backed up there, not on this computer: by the "
          "server’s own backups, and by its owner, who can save one moment of it as a shop "
          "file that opens anywhere (Help, “Use the shop from several computers”)."));
      gtk_widget_set_visible (GTK_WIDGET (self->second_folder_row), FALSE);
    }

  apply_role (self);

  return GTK_WIDGET (self);
}

static void
sp_preferences_window_dispose (GObject *object)
{
  SpPreferencesWindow *self = SP_PREFERENCES_WINDOW (object);

  g_clear_handle_id (&self->name_source, g_source_remove);
  g_clear_handle_id (&self->currency_source, g_source_remove);
  g_clear_pointer (&self->bands, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->benchmarks);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_preferences_window_parent_class)->dispose (object);
}

static void
sp_preferences_window_class_init (SpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sp_preferences_window_dispose;
  window_class->close_request = sp_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, shop_page);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, shop_group);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, backups_group);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow,
                                        benchmarks_intro_group);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, logo_remove_button);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, logo_choose_button);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, money_group);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, vat_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, second_folder_row);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow,
                                        second_folder_clear_button);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow,
                                        second_folder_choose_button);
  gtk_widget_class_bind_template_child (widget_class, SpPreferencesWindow, benchmarks_page);
}

static void
sp_preferences_window_init (SpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bands = g_ptr_array_new_with_free_func (band_rows_free);
  self->targets = g_ptr_array_new_with_free_func (target_row_free);

  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->currency_row, "changed", G_CALLBACK (currency_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vat_row, "notify::selected", G_CALLBACK (vat_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->paper_row, "notify::selected", G_CALLBACK (paper_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->logo_choose_button, "clicked", G_CALLBACK (logo_choose_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->logo_remove_button, "clicked", G_CALLBACK (logo_remove_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->second_folder_choose_button, "clicked",
                           G_CALLBACK (second_folder_choose_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->second_folder_clear_button, "clicked",
                           G_CALLBACK (second_folder_clear_cb), self, G_CONNECT_SWAPPED);
}
