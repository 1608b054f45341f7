/* sp-shop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-shop"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-error.h"
#include "sp-kpi.h"
#include "sp-shop.h"

/* The settings' keys; "shop.name" is also what the Excel export reads */
#define NAME_KEY     "shop.name"
#define LOGO_KEY     "shop.logo-png"      /* base64 of the PNG's bytes */
#define CURRENCY_KEY "shop.currency-symbol"

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

  name = sp_store_get_setting (store, NAME_KEY);
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

  text = sp_store_get_setting (store, LOGO_KEY);
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
sp_shop_get_currency (SpStore *store)
{
  g_autofree char *symbol = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  symbol = sp_store_get_setting (store, CURRENCY_KEY);
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
                   _("A currency symbol is a few characters without digits, such as “€”, "
                     "“$” or “CHF” (at most %d)."), CURRENCY_MAX_CHARS);
      return FALSE;
    }

  if (!sp_store_set_setting (store, CURRENCY_KEY, trimmed, error))
    return FALSE;

  sp_kpi_set_currency_symbol (trimmed);
  return TRUE;
}

void
sp_shop_apply_currency (SpStore *store)
{
  g_autofree char *symbol = NULL;

  g_return_if_fail (SP_IS_STORE (store));

  symbol = sp_shop_get_currency (store);
  sp_kpi_set_currency_symbol (symbol);
}
