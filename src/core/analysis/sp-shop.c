/* sp-shop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-shop"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "sp-benchmarks.h"
#include "sp-error.h"
#include "sp-kpi.h"
#include "sp-parse.h"
#include "sp-shop.h"

/* The settings' keys; "shop.name" is also what the Excel export reads */
#define NAME_KEY     "shop.name"
#define LOGO_KEY     "shop.logo-png"      /* base64 of the PNG's bytes */
#define CURRENCY_KEY "shop.currency-symbol"
#define VAT_KEY      "shop.amounts-include-vat"   /* "yes", "no" or unset */
#define PAPER_KEY    "shop.paper"                 /* "a4", "letter" or unset */

/* The names `config` knows them by; targets follow as PREFIX.<channel|priority> */
#define NAME_SETTING     "name"
#define CURRENCY_SETTING "currency"
#define VAT_SETTING      "amounts-include-vat"
#define PAPER_SETTING    "paper"
#define RESPONSE_PREFIX  "first-response-target."
#define SLA_PREFIX       "sla-target."
#define BAND_PREFIX      "band."

/* Longer names and symbols are a mistake, not a shop */
#define NAME_MAX_CHARS     120
#define CURRENCY_MAX_CHARS 8

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static char *
dup_trimmed (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

char *
sp_shop_dup_name (SpStore *store)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  name = sp_store_dup_setting (store, NAME_KEY);
  return dup_trimmed (name);
}

gboolean
sp_shop_set_name (SpStore     *store,
                  const char  *name,
                  GError     **error)
{
  g_autofree char *trimmed = dup_trimmed (name);

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (trimmed != NULL && !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("The name is not valid text."));
      return FALSE;
    }

  if (trimmed != NULL && g_utf8_strlen (trimmed, -1) > NAME_MAX_CHARS)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %d is the longest name allowed */
                   _("The shop’s name can be at most %d characters long."), NAME_MAX_CHARS);
      return FALSE;
    }

  return sp_store_set_setting (store, NAME_KEY, trimmed, error);
}

GBytes *
sp_shop_dup_logo (SpStore *store)
{
  g_autofree char *text = NULL;
  guchar *data;
  gsize length = 0;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  text = sp_store_dup_setting (store, LOGO_KEY);
  if (text == NULL || *text == '\0')
    return NULL;

  data = g_base64_decode (text, &length);
  if (length < sizeof png_signature || memcmp (data, png_signature, sizeof png_signature) != 0)
    {
      g_free (data);
      return NULL;
    }

  return g_bytes_new_take (data, length);
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *buffer,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->length - reader->offset < length)
    return CAIRO_STATUS_READ_ERROR;

  memcpy (buffer, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
sp_shop_logo_to_surface (GBytes *png)
{
  cairo_surface_t *surface;
  PngReader reader = { 0 };

  if (png == NULL)
    return NULL;

  reader.data = g_bytes_get_data (png, &reader.length);
  if (reader.length < sizeof png_signature ||
      memcmp (reader.data, png_signature, sizeof png_signature) != 0)
    return NULL;

  surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width (surface) <= 0 ||
      cairo_image_surface_get_height (surface) <= 0)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  return surface;
}

gboolean
sp_shop_set_logo (SpStore  *store,
                  GBytes   *png,
                  GError  **error)
{
  g_autofree char *text = NULL;
  cairo_surface_t *surface;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (png == NULL)
    return sp_store_set_setting (store, LOGO_KEY, NULL, error);

  if (g_bytes_get_size (png) > SP_SHOP_LOGO_MAX_BYTES)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %d is the largest logo in kilobytes */
                   _("The logo is too large: at most %d KB can be kept."),
                   SP_SHOP_LOGO_MAX_BYTES / 1024);
      return FALSE;
    }

  surface = sp_shop_logo_to_surface (png);
  if (surface == NULL)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("The logo is not a picture that can be read."));
      return FALSE;
    }
  cairo_surface_destroy (surface);

  text = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  return sp_store_set_setting (store, LOGO_KEY, text, error);
}

char *
sp_shop_dup_currency (SpStore *store)
{
  g_autofree char *symbol = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  symbol = sp_store_dup_setting (store, CURRENCY_KEY);
  return dup_trimmed (symbol);
}

gboolean
sp_shop_set_currency (SpStore     *store,
                      const char  *symbol,
                      GError     **error)
{
  g_autofree char *trimmed = dup_trimmed (symbol);

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (trimmed != NULL &&
      (!g_utf8_validate (trimmed, -1, NULL) ||
       g_utf8_strlen (trimmed, -1) > CURRENCY_MAX_CHARS ||
       strpbrk (trimmed, "0123456789") != NULL))
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: %d is the most characters allowed */
                   _("A currency symbol is a few characters without digits, such as “€”, "
                     "“$” or “CHF” (at most %d)."), CURRENCY_MAX_CHARS);
      return FALSE;
    }

  return sp_store_set_setting (store, CURRENCY_KEY, trimmed, error);
}

char *
sp_shop_dup_currency_or_locale (SpStore *store)
{
  char *symbol;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  symbol = sp_shop_dup_currency (store);
  if (symbol == NULL)
    symbol = g_strstrip (g_strdup (localeconv ()->currency_symbol));
  return symbol;
}

SpVat
sp_shop_get_vat (SpStore *store)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), SP_VAT_UNKNOWN);

  text = sp_store_dup_setting (store, VAT_KEY);
  if (g_strcmp0 (text, "yes") == 0)
    return SP_VAT_INCLUDED;
  if (g_strcmp0 (text, "no") == 0)
    return SP_VAT_EXCLUDED;
  return SP_VAT_UNKNOWN;
}

gboolean
sp_shop_set_vat (SpStore  *store,
                 SpVat     vat,
                 GError  **error)
{
  static const char * const values[] = {
    [SP_VAT_UNKNOWN] = NULL, [SP_VAT_INCLUDED] = "yes", [SP_VAT_EXCLUDED] = "no",
  };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (vat <= SP_VAT_EXCLUDED, FALSE);

  return sp_store_set_setting (store, VAT_KEY, values[vat], error);
}

SpPaper
sp_shop_get_paper (SpStore *store)
{
  g_autofree char *text = NULL;
  SpPaper paper;

  g_return_val_if_fail (SP_IS_STORE (store), SP_PAPER_A4);

  text = sp_store_dup_setting (store, PAPER_KEY);
  if (text != NULL && sp_paper_from_string (text, &paper))
    return paper;
  return sp_paper_for_locale (NULL);
}

gboolean
sp_shop_set_paper (SpStore     *store,
                   const char  *paper,
                   GError     **error)
{
  g_autofree char *value = dup_trimmed (paper);

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);

  if (value != NULL)
    {
      SpPaper parsed;

      if (!sp_paper_from_string (value, &parsed))
        {
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: %s is the paper as typed */
                       _("“%s” is not a paper size; use a4 or letter."), paper);
          return FALSE;
        }
      g_free (value);
      value = g_strdup (sp_paper_to_string (parsed));
    }

  return sp_store_set_setting (store, PAPER_KEY, value, error);
}

/* Settings by name */

GStrv
sp_shop_list_settings (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add_many (builder, NAME_SETTING, CURRENCY_SETTING, VAT_SETTING, PAPER_SETTING,
                           NULL);
  for (guint c = 0; c < SP_N_CHANNELS; c++)
    {
      g_autofree char *name = g_strconcat (RESPONSE_PREFIX, sp_channel_to_string (c), NULL);
      g_strv_builder_add (builder, name);
    }
  for (int p = SP_N_PRIORITIES - 1; p >= 0; p--)
    {
      g_autofree char *name = g_strconcat (SLA_PREFIX, sp_priority_to_string (p), NULL);
      g_strv_builder_add (builder, name);
    }
  for (guint k = 0; k < SP_N_KPIS; k++)
    {
      g_autofree char *name = NULL;

      /* first response is judged by the channels' targets */
      if (!sp_kpi_has_status (k) || k == SP_KPI_FIRST_RESPONSE)
        continue;
      name = g_strconcat (BAND_PREFIX, sp_kpi_to_key (k), NULL);
      g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

/* Which target a name is: FALSE when it is none */
static gboolean
parse_target_name (const char *name,
                   gboolean   *sla,
                   guint      *index)
{
  if (g_str_has_prefix (name, RESPONSE_PREFIX))
    {
      SpChannel channel;

      if (!sp_channel_from_string (name + strlen (RESPONSE_PREFIX), &channel))
        return FALSE;
      *sla = FALSE;
      *index = channel;
      return TRUE;
    }

  if (g_str_has_prefix (name, SLA_PREFIX))
    {
      SpPriority priority;

      if (!sp_priority_from_string (name + strlen (SLA_PREFIX), &priority))
        return FALSE;
      *sla = TRUE;
      *index = priority;
      return TRUE;
    }

  return FALSE;
}

/* Which KPI's band a name is: FALSE when it is none */
static gboolean
parse_band_name (const char *name,
                 SpKpi      *kpi)
{
  return g_str_has_prefix (name, BAND_PREFIX) &&
         sp_kpi_from_key (name + strlen (BAND_PREFIX), kpi) && sp_kpi_has_status (*kpi) &&
         *kpi != SP_KPI_FIRST_RESPONSE;
}

/* The three thresholds a band's setting names, as Preferences shows them:
 * excellent, good and act; for utilization, good from, good to and act */
static double *
band_slot (SpBand *band,
           SpKpi   kpi,
           guint   i)
{
  double *excellent_good_act[3] = { &band->excellent, &band->good, &band->act };
  double *utilization[3] = { &band->good_low, &band->good_high, &band->act_high };

  return kpi == SP_KPI_UTILIZATION ? utilization[i] : excellent_good_act[i];
}

/* "90 85 75"; "-" for a threshold the KPI has not */
static char *
band_text (const SpBand *band,
           SpKpi         kpi)
{
  SpBand copy = *band;
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 3; i++)
    {
      double value = *band_slot (&copy, kpi, i);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, isnan (value) ? "-" : g_ascii_dtostr (buf, sizeof buf, value));
    }

  return g_string_free (text, FALSE);
}

static gboolean
set_band (SpStore     *store,
          SpKpi        kpi,
          const char  *value,
          GError     **error)
{
  g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (store);
  const SpBand *initial = sp_benchmarks_get_default_band (benchmarks, kpi);
  g_auto(GStrv) words = NULL;
  SpBand band;
  gboolean same = TRUE;

  if (value == NULL)
    return sp_benchmarks_reset_band (benchmarks, kpi, error);

  band = *sp_benchmarks_get_band (benchmarks, kpi);
  words = g_strsplit_set (value, " \t", -1);
  {
    guint n = 0;

    for (guint i = 0; words[i] != NULL; i++)
      if (*words[i] != '\0')
        words[n++] = words[i];
      else
        g_free (words[i]);
    words[n] = NULL;

    if (n != 3)
      {
        g_autofree char *example = band_text (initial, kpi);

        g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                     /* TRANSLATORS: %s is an example of a band, "90 85 75" */
                     _("A band is three numbers, such as “%s” (- where the KPI has none)."),
                     example);
        return FALSE;
      }
  }

  for (guint i = 0; i < 3; i++)
    {
      SpBand copy = *initial;
      gboolean has = !isnan (*band_slot (&copy, kpi, i));
      double number = NAN;
      char *reason = NULL;

      if (g_str_equal (words[i], "-") ? has : !has)
        {
          g_autofree char *example = band_text (initial, kpi);

          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: %s is an example of a band, "90 85 75" */
                       _("A band is three numbers, such as “%s” (- where the KPI has none)."),
                       example);
          return FALSE;
        }
      if (!has)
        continue;
      if (!sp_parse_double (words[i], &number, &reason))
        {
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID, "%s", reason);
          g_free (reason);
          return FALSE;
        }
      *band_slot (&band, kpi, i) = number;
      same = same && fabs (number - *band_slot (&copy, kpi, i)) < 1e-9;
    }

  if (!sp_benchmarks_check_band (kpi, &band, error))
    return FALSE;

  /* the article's band again: no override is kept, as in Preferences */
  if (same)
    return sp_benchmarks_reset_band (benchmarks, kpi, error);
  return sp_benchmarks_set_band (benchmarks, kpi, &band, error);
}

static void
set_unknown_error (GError     **error,
                   const char  *name)
{
  g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
               /* TRANSLATORS: %s is the setting's key as typed */
               _("“%s” is not a shop setting; `service-pulse config` lists them."), name);
}

const char *
sp_shop_describe_setting (const char *name)
{
  gboolean sla;
  guint index;
  SpKpi kpi;

  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, NAME_SETTING))
    return _("the shop’s name, on the report and the workbook");
  if (g_str_equal (name, CURRENCY_SETTING))
    return _("the currency symbol of money (empty: the locale’s)");
  if (g_str_equal (name, VAT_SETTING))
    return _("whether the amounts entered include VAT: yes, no, or empty when not said");
  if (g_str_equal (name, PAPER_SETTING))
    return _("the paper the workbook prints on: a4 or letter (empty: the locale’s)");
  if (parse_target_name (name, &sla, &index))
    return sla ? _("the priority’s SLA target, in minutes (empty: the article’s)")
               : _("the channel’s first response target, in minutes (empty: the article’s)");
  if (parse_band_name (name, &kpi))
    return _("the KPI’s band: excellent, good and act (utilization: good from, good to, act), "
             "- where it has none (empty: the article’s)");
  return NULL;
}

static char *
minutes_text (double minutes)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, minutes));
}

char *
sp_shop_dup_setting (SpStore     *store,
                     const char  *name,
                     GError     **error)
{
  gboolean sla;
  guint index;
  SpKpi kpi;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, NAME_SETTING))
    {
      char *value = sp_shop_dup_name (store);
      return value ? value : g_strdup ("");
    }
  if (g_str_equal (name, CURRENCY_SETTING))
    {
      char *value = sp_shop_dup_currency (store);
      return value ? value : g_strdup ("");
    }
  if (g_str_equal (name, VAT_SETTING))
    {
      switch (sp_shop_get_vat (store))
        {
        case SP_VAT_INCLUDED: return g_strdup ("yes");
        case SP_VAT_EXCLUDED: return g_strdup ("no");
        case SP_VAT_UNKNOWN:
        default: return g_strdup ("");
        }
    }
  if (g_str_equal (name, PAPER_SETTING))
    {
      g_autofree char *value = sp_store_dup_setting (store, PAPER_KEY);
      return g_strdup (value ? value : "");
    }
  if (parse_target_name (name, &sla, &index))
    {
      g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (store);

      return minutes_text (sla ? sp_benchmarks_get_sla_target (benchmarks, index)
                               : sp_benchmarks_get_channel_target (benchmarks, index));
    }
  if (parse_band_name (name, &kpi))
    {
      g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (store);

      return band_text (sp_benchmarks_get_band (benchmarks, kpi), kpi);
    }

  set_unknown_error (error, name);
  return NULL;
}

/**
 * sp_shop_check_target_minutes:
 *
 * Whether @minutes is a first response or SLA target Preferences accepts.
 */
gboolean
sp_shop_check_target_minutes (double    minutes,
                              GError  **error)
{
  if (isnan (minutes) || minutes < SP_SHOP_TARGET_MIN_MINUTES ||
      minutes > SP_SHOP_TARGET_MAX_MINUTES)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: the shortest and the longest target in minutes */
                   _("A target is from %g to %g minutes."),
                   SP_SHOP_TARGET_MIN_MINUTES, SP_SHOP_TARGET_MAX_MINUTES);
      return FALSE;
    }
  return TRUE;
}

gboolean
sp_shop_set_setting (SpStore     *store,
                     const char  *name,
                     const char  *value,
                     GError     **error)
{
  g_autofree char *trimmed = dup_trimmed (value);
  gboolean sla;
  guint index;
  SpKpi kpi;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_equal (name, NAME_SETTING))
    return sp_shop_set_name (store, trimmed, error);
  if (g_str_equal (name, CURRENCY_SETTING))
    return sp_shop_set_currency (store, trimmed, error);
  if (g_str_equal (name, PAPER_SETTING))
    return sp_shop_set_paper (store, trimmed, error);

  if (g_str_equal (name, VAT_SETTING))
    {
      gboolean yes;
      char *reason = NULL;

      if (trimmed == NULL)
        return sp_shop_set_vat (store, SP_VAT_UNKNOWN, error);
      if (!sp_parse_bool (trimmed, &yes, &reason))
        {
          g_free (reason);
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: %s is the value as typed */
                       _("“%s” is neither yes nor no."), trimmed);
          return FALSE;
        }
      return sp_shop_set_vat (store, yes ? SP_VAT_INCLUDED : SP_VAT_EXCLUDED, error);
    }

  if (parse_target_name (name, &sla, &index))
    {
      g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (store);
      double minutes = NAN;

      if (trimmed != NULL)
        {
          char *reason = NULL;

          if (!sp_parse_double (trimmed, &minutes, &reason))
            {
              g_set_error (error, SP_ERROR, SP_ERROR_INVALID, "%s", reason);
              g_free (reason);
              return FALSE;
            }
          if (!sp_shop_check_target_minutes (minutes, error))
            return FALSE;
        }

      return sla ? sp_benchmarks_set_sla_target (benchmarks, index, minutes, error)
                 : sp_benchmarks_set_channel_target (benchmarks, index, minutes, error);
    }

  if (parse_band_name (name, &kpi))
    return set_band (store, kpi, trimmed, error);

  set_unknown_error (error, name);
  return FALSE;
}
