/* test-shop-setup.c: a new shop set up in one go, and the sample shop's file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sp-demo.h"
#include "sp-error.h"
#include "sp-kpi.h"
#include "sp-sample-shop.h"
#include "sp-shop.h"
#include "sp-shop-setup.h"
#include "sp-test-util.h"

typedef SpTestStore Fixture;

static void
test_apply (Fixture       *f,
            gconstpointer  data)
{
  const char *staff[] = { "Lena Bauer", "  Omar   Haddad ", "", "Sami", NULL };
  const char *topics[] = { "Repairs", "Returns", NULL };
  SpShopSetup setup = {
    .name = "  Corner   Bikes ",
    .currency = "CHF",
    .staff = staff,
    .topics = topics,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *agents = NULL;
  g_autofree char *categories = NULL;

  g_assert_true (sp_shop_setup_apply (f->store, &setup, NULL, NULL, &error));
  g_assert_no_error (error);

  /* spaces inside the name are collapsed as in every other name */
  name = sp_shop_dup_name (f->store);
  g_assert_cmpstr (name, ==, "Corner Bikes");
  currency = sp_shop_dup_currency (f->store);
  g_assert_cmpstr (currency, ==, "CHF");

  /* the empty line is no one; three agents, two topics, in the order given */
  agents = sp_test_query_text (f->store,
                               "SELECT group_concat(name, '|') FROM "
                               "(SELECT name FROM agents ORDER BY id)");
  g_assert_cmpstr (agents, ==, "Lena Bauer|Omar Haddad|Sami");
  categories = sp_test_query_text (f->store,
                                   "SELECT group_concat(name, '|') FROM "
                                   "(SELECT name FROM categories ORDER BY id)");
  g_assert_cmpstr (categories, ==, "Repairs|Returns");

  /* setting up again adds new names only and keeps the ones there */
  {
    const char *more[] = { "sami", "Vera", NULL };
    SpShopSetup again = { .name = "Corner Bikes", .currency = "", .staff = more };

    g_assert_true (sp_shop_setup_apply (f->store, &again, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM agents"), ==, 4);
    /* an empty currency goes back to the locale's */
    g_assert_null (sp_shop_dup_currency (f->store));
  }
}

/* Each mistake names its field and where in the list, and writes nothing */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  const char *staff[] = { "Lena", "Omar", "LENA ", NULL };
  const char *topics[] = { "Repairs", NULL };
  const struct {
    SpShopSetup       setup;
    SpShopSetupField  field;
    guint             index;
    const char       *message;
  } cases[] = {
    { { .name = "   " }, SP_SHOP_SETUP_NAME, 0, "Give the shop a name" },
    { { .name = NULL }, SP_SHOP_SETUP_NAME, 0, "Give the shop a name" },
    /* a symbol with digits is an amount, not a currency */
    { { .name = "Corner Bikes", .currency = "12", .topics = topics }, SP_SHOP_SETUP_CURRENCY,
      0, "A currency symbol is a few characters" },
    /* names are matched as the store matches them: case and spaces aside */
    { { .name = "Corner Bikes", .staff = staff }, SP_SHOP_SETUP_STAFF, 2,
      "“LENA” is in the staff twice" },
    { { .name = "Corner Bikes", .topics = (const char *[]) { "a", "b", "A", NULL } },
      SP_SHOP_SETUP_TOPICS, 2, "in the topics twice" },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (sp_shop_set_currency (f->store, "€", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SpShopSetupField field = -1;
      guint index = 99;

      g_test_message ("case %u", i);
      g_assert_false (sp_shop_setup_apply (f->store, &cases[i].setup, &field, &index, &error));
      g_assert_error (error, SP_ERROR, SP_ERROR_INVALID);
      sp_assert_contains (error->message, cases[i].message);
      g_assert_cmpint (field, ==, cases[i].field);
      g_assert_cmpuint (index, ==, cases[i].index);
      g_clear_error (&error);

      /* nothing written: the shop's symbol is still the one it had */
      g_assert_null (sp_shop_dup_name (f->store));
      g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM agents"), ==, 0);
      g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM categories"), ==, 0);
      {
        g_autofree char *currency = sp_shop_dup_currency (f->store);

        g_assert_cmpstr (currency, ==, "€");
      }
    }
}

/* A file that can't be written is no field's fault: none is named */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SpStore) reader = sp_store_open_reader (f->store, NULL);
  SpShopSetup setup = { .name = "Corner Bikes" };
  g_autoptr(GError) error = NULL;
  SpShopSetupField field = SP_SHOP_SETUP_NAME;
  guint index = 99;

  g_assert_nonnull (reader);
  g_assert_false (sp_shop_setup_apply (reader, &setup, &field, &index, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (field, ==, SP_SHOP_SETUP_FILE);
  g_assert_cmpuint (index, ==, 0);
  g_assert_null (sp_shop_dup_name (f->store));
}

static void
test_default_topics (void)
{
  g_auto(GStrv) topics = sp_shop_setup_dup_default_topics ();

  g_assert_cmpuint (g_strv_length (topics), ==, 6);
  g_assert_cmpstr (topics[0], ==, "Product questions");
  g_assert_cmpstr (topics[5], ==, "Complaints");
}

/* The sample shop is made once, whole, in its own file */
static void
test_sample_shop (void)
{
  g_autofree char *dir = sp_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sample", "Sample Shop.db", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = sp_sample_shop_dup_path ();

  /* never the owner's database, and in a folder of its own for its backups */
  {
    g_autofree char *owner = sp_store_dup_default_path ();
    g_autofree char *owner_dir = g_path_get_dirname (owner);
    g_autofree char *sample_dir = g_path_get_dirname (sample);

    g_assert_cmpstr (owner, !=, sample);
    g_assert_cmpstr (owner_dir, !=, sample_dir);
    g_assert_true (sp_sample_shop_is_path (sample));
    g_assert_false (sp_sample_shop_is_path (owner));
    g_assert_false (sp_sample_shop_is_path (NULL));
  }

  /* a half-made file from a crash is made again, not opened */
  {
    g_autofree char *sample_dir = g_path_get_dirname (part);

    g_assert_cmpint (g_mkdir_with_parents (sample_dir, 0700), ==, 0);
  }
  g_assert_true (g_file_set_contents (part, "half", -1, NULL));

  g_assert_true (sp_sample_shop_ensure (path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  {
    g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);
    g_autofree char *name = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==,
                     SP_DEMO_DEFAULT_CONTACTS);
    name = sp_shop_dup_name (store);
    g_assert_cmpstr (name, ==, "Harbour Street Cycles (sample data)");
  }

  /* within the week the same file is kept as it is: the owner may have added to it */
  {
    g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (sp_store_set_setting (store, "test.mark", "kept", &error));
  }
  g_assert_true (sp_sample_shop_ensure (path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);
    g_autofree char *mark = sp_store_dup_setting (store, "test.mark");

    g_assert_cmpstr (mark, ==, "kept");
  }

  /* made more than a week ago, its latest weeks are empty: it is made again, ending today */
  {
    g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_DEFAULT, &error);
    g_autofree char *old = sp_date_format_iso (sp_date_today () - 8);

    g_assert_true (sp_store_set_setting (store, "sample.made-on", old, &error));
    g_assert_no_error (error);
  }
  g_assert_true (sp_sample_shop_ensure (path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SpStore) store = sp_store_open (path, SP_STORE_OPEN_READ_ONLY, &error);
    g_autofree char *mark = sp_store_dup_setting (store, "test.mark");
    g_autofree char *made = sp_store_dup_setting (store, "sample.made-on");
    g_autofree char *today = sp_date_format_iso (sp_date_today ());

    g_assert_null (mark);
    g_assert_cmpstr (made, ==, today);
    g_assert_cmpint (sp_test_query_int (store, "SELECT count(*) FROM contacts"), ==,
                     SP_DEMO_DEFAULT_CONTACTS);
  }

  sp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/shop-setup/apply", Fixture, NULL,
              sp_test_store_setup, test_apply, sp_test_store_teardown);
  g_test_add ("/shop-setup/refused", Fixture, NULL,
              sp_test_store_setup, test_refused, sp_test_store_teardown);
  g_test_add ("/shop-setup/read-only", Fixture, NULL,
              sp_test_store_setup, test_read_only, sp_test_store_teardown);
  g_test_add_func ("/shop-setup/default-topics", test_default_topics);
  g_test_add_func ("/shop-setup/sample-shop", test_sample_shop);

  return g_test_run ();
}
