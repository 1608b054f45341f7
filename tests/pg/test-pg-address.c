/* test-pg-address.c
 *
 * What --db names, and when a connection asks for TLS; no server needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-error.h"
#include "sp-pg-connection.h"
#include "sp-store.h"

static void
test_server_address (void)
{
  static const struct
  {
    const char *db;
    gboolean    server;
  } cases[] = {
    { "postgresql://ana@nas/shop", TRUE },
    { "postgres://nas/shop", TRUE },
    { "postgresql:///shop", TRUE },
    { "service=shop", TRUE },
    { "host=nas dbname=shop", TRUE },
    { "dbname=shop", TRUE },
    /* files, whatever their names */
    { "shop.db", FALSE },
    { "/home/ana/postgresql/shop.db", FALSE },
    { "./postgresql:/shop.db", FALSE },
    { "services=shop.db", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].db ? cases[i].db : "(null)");
      g_assert_cmpint (sp_store_is_server_address (cases[i].db), ==, cases[i].server);
    }
}

static void
test_wants_tls (void)
{
  static const struct
  {
    const char *uri;
    gboolean    tls;
  } cases[] = {
    /* another computer: TLS, unless the address says how */
    { "postgresql://ana@nas.example/shop", TRUE },
    { "postgresql://ana@192.0.2.10:5433/shop", TRUE },
    { "host=nas dbname=shop", TRUE },
    { "hostaddr=192.0.2.10 dbname=shop", TRUE },
    { "postgresql://localhost,nas/shop", TRUE },
    { "postgresql://nas/shop?sslmode=verify-full&sslrootcert=ca.pem", FALSE },
    { "host=nas dbname=shop sslmode=disable", FALSE },
    /* this computer */
    { "postgresql:///shop", FALSE },
    { "postgresql://localhost/shop", FALSE },
    { "postgresql://127.0.0.1:5432/shop", FALSE },
    { "postgresql://%2Fvar%2Frun%2Fpostgresql/shop", FALSE },
    { "host=/var/run/postgresql dbname=shop", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].uri);
      g_assert_cmpint (sp_pg_connection_wants_tls (cases[i].uri, &error), ==, cases[i].tls);
      g_assert_no_error (error);
    }
}

static void
test_bad_address (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (sp_pg_connection_new ("postgresql://nas/shop?colour=blue", &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_USAGE);
  g_assert_true (g_str_has_prefix (error->message,
                                   "“postgresql://nas/shop?colour=blue” is not a database "
                                   "address: "));
  g_clear_error (&error);

  g_assert_false (sp_pg_connection_wants_tls ("host=nas dbname", &error));
  g_assert_error (error, SP_ERROR, SP_ERROR_USAGE);
}

/* A password in an address is never printed back */
static void
test_without_password (void)
{
  static const struct { const char *address; const char *shown; } cases[] = {
    { "postgresql://ana:s3cret@nas/shop", "postgresql://ana@nas/shop" },
    { "postgres://ana:p%40ss:word@nas:5433/shop?sslmode=require",
      "postgres://ana@nas:5433/shop?sslmode=require" },
    { "postgresql://ana@nas/shop?password=s3cret", "postgresql://ana@nas/shop" },
    { "postgresql://nas/shop?password=s3cret&sslmode=require",
      "postgresql://nas/shop?sslmode=require" },
    { "postgresql://ana@nas/shop", "postgresql://ana@nas/shop" },
    { "host=nas dbname=shop password=s3cret user=ana", "host=nas dbname=shop user=ana" },
    { "host=nas password='a b\\'c' dbname=shop", "host=nas dbname=shop" },
    { "service=shop", "service=shop" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = sp_store_dup_address_without_password (cases[i].address);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_null (strstr (shown, "s3cret"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pg/address/server", test_server_address);
  g_test_add_func ("/pg/address/without-password", test_without_password);
  g_test_add_func ("/pg/address/tls", test_wants_tls);
  g_test_add_func ("/pg/address/bad", test_bad_address);

  return g_test_run ();
}
