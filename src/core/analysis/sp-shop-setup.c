/* sp-shop-setup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-shop"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-error.h"
#include "sp-parse.h"
#include "sp-shop.h"
#include "sp-shop-setup.h"

/* As sp_store_ensure_entity() allows */
#define ENTITY_NAME_MAX_CHARS 200

GStrv
sp_shop_setup_dup_default_topics (void)
{
  /* the questions most small shops hear; the owner edits the list */
  const char *topics[] = {
    _("Product questions"),
    _("Orders and delivery"),
    _("Returns and refunds"),
    _("Billing and payment"),
    _("Repairs and warranty"),
    _("Complaints"),
    NULL,
  };

  return g_strdupv ((char **) topics);
}

static void
set_field (SpShopSetupField *field,
           guint            *index,
           SpShopSetupField  value,
           guint             i)
{
  if (field != NULL)
    *field = value;
  if (index != NULL)
    *index = i;
}

static gboolean
check_names (const char * const  *names,
             SpShopSetupField     kind,
             SpShopSetupField    *field,
             guint               *index,
             GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean staff = kind == SP_SHOP_SETUP_STAFF;

  if (names == NULL)
    return TRUE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *clean = NULL;
      char *key;

      if (!g_utf8_validate (names[i], -1, NULL))
        {
          set_field (field, index, kind, i);
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: %u is the name's place in the list */
                       staff ? _("Name %u of the staff is not valid text.")
                             /* TRANSLATORS: %u is the name's place in the list */
                             : _("Name %u of the topics is not valid text."), i + 1);
          return FALSE;
        }

      /* an empty line is no one */
      if (sp_str_is_blank (names[i]))
        continue;

      clean = sp_name_clean (names[i]);
      if (g_utf8_strlen (clean, -1) > ENTITY_NAME_MAX_CHARS)
        {
          set_field (field, index, kind, i);
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: the first 40 characters of a name, then the longest allowed */
                       staff ? _("“%.40s…” in the staff is too long: at most %d characters.")
                             /* TRANSLATORS: the first 40 characters of a name, then the longest allowed */
                             : _("“%.40s…” in the topics is too long: at most %d characters."),
                       clean, ENTITY_NAME_MAX_CHARS);
          return FALSE;
        }

      key = sp_name_key (names[i]);
      if (!g_hash_table_add (seen, key))
        {
          set_field (field, index, kind, i);
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: %s is a name typed twice */
                       staff ? _("“%s” is in the staff twice; remove one.")
                             /* TRANSLATORS: %s is a name typed twice */
                             : _("“%s” is in the topics twice; remove one."), clean);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_setup (const SpShopSetup  *setup,
             SpShopSetupField   *field,
             guint              *index,
             GError            **error)
{
  if (sp_str_is_blank (setup->name))
    {
      set_field (field, index, SP_SHOP_SETUP_NAME, 0);
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Give the shop a name: it heads the report and the workbook."));
      return FALSE;
    }

  return check_names (setup->staff, SP_SHOP_SETUP_STAFF, field, index, error) &&
         check_names (setup->topics, SP_SHOP_SETUP_TOPICS, field, index, error);
}

static gboolean
add_names (SpStore             *store,
           SpEntityKind         kind,
           const char * const  *names,
           SpShopSetupField     list,
           SpShopSetupField    *field,
           guint               *index,
           GError             **error)
{
  if (names == NULL)
    return TRUE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (sp_str_is_blank (names[i]))
        continue;

      if (sp_store_ensure_entity (store, kind, names[i], error) <= 0)
        {
          set_field (field, index, list, i);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
sp_shop_setup_apply (SpStore            *store,
                     const SpShopSetup  *setup,
                     SpShopSetupField   *field,
                     guint              *index,
                     GError            **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (setup != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_field (field, index, SP_SHOP_SETUP_FILE, 0);

  if (!check_setup (setup, field, index, error))
    return FALSE;

  if (!sp_store_begin (store, error))
    return FALSE;

  name = sp_name_clean (setup->name);

  if (!sp_shop_set_name (store, name, error))
    {
      set_field (field, index, SP_SHOP_SETUP_NAME, 0);
      goto failed;
    }

  if (!sp_shop_set_currency (store, setup->currency, error))
    {
      set_field (field, index, SP_SHOP_SETUP_CURRENCY, 0);
      goto failed;
    }

  if (!add_names (store, SP_ENTITY_AGENT, setup->staff, SP_SHOP_SETUP_STAFF, field, index,
                  error) ||
      !add_names (store, SP_ENTITY_CATEGORY, setup->topics, SP_SHOP_SETUP_TOPICS, field, index,
                  error))
    goto failed;

  if (!sp_store_commit (store, error))
    {
      set_field (field, index, SP_SHOP_SETUP_FILE, 0);
      goto failed_committing;
    }

  return TRUE;

failed:
  sp_store_rollback (store);
failed_committing:
  return FALSE;
}
