/* sp-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sp-kpi-engine.h"
#include "sp-store.h"
#include "sp-time-private.h"

G_BEGIN_DECLS

/* How a run of the program under test ended, and what it printed */
typedef struct
{
  int   status;
  char *out;
  char *err;
} SpTestRun;

char     *sp_test_make_dir       (void);
char     *sp_test_db_path        (const char *dir);
SpStore  *sp_test_open_store     (const char *dir);

/* The store under test: a file, or a server's shop with SP_TEST_STORE=server */
gboolean  sp_test_is_server      (void);
gboolean  sp_test_skip_on_server (const char *reason);
char     *sp_test_shop_address   (const char *path);
char     *sp_test_db_address     (const char *dir);
SpStore  *sp_test_open_shop      (const char *address);
void      sp_test_copy_store     (const char *from_dir,
                                  const char *to_dir);
void      sp_test_remove_dir     (const char *dir);
char     *sp_test_write_file     (const char *dir,
                                  const char *name,
                                  const char *contents);
gint64    sp_test_query_int      (SpStore    *store,
                                  const char *sql);
double    sp_test_query_double   (SpStore    *store,
                                  const char *sql);
char     *sp_test_query_text     (SpStore    *store,
                                  const char *sql);
SpTime    sp_test_time           (const char *iso);
SpDate    sp_test_date           (const char *iso);

void      sp_test_run_clear      (SpTestRun  *r);
void      sp_test_run_valist     (SpTestRun  *r,
                                  char      **env,
                                  const char *first,
                                  va_list     args);
void      sp_test_run            (SpTestRun  *r,
                                  const char *first,
                                  ...) G_GNUC_NULL_TERMINATED;
void      sp_test_run_locale     (SpTestRun  *r,
                                  const char *locale,
                                  const char *locpath,
                                  const char *first,
                                  ...) G_GNUC_NULL_TERMINATED;
char    **sp_test_locale_environ (const char *locale,
                                  const char *locpath);
char     *sp_test_make_cli_shop  (const char *dir);
guint     sp_test_count_backups  (const char *db);
char     *sp_test_make_locale    (const char *dir,
                                  const char *name);
char     *sp_test_make_german_locale (const char *dir);

/* A store in a folder of its own: the fixture most tests start from */
typedef struct
{
  char    *dir;
  SpStore *store;
} SpTestStore;

/* For fixtures with more: opens a store in a new folder, and closes it and removes the folder */
void      sp_test_store_open      (char        **dir,
                                   SpStore     **store);
void      sp_test_store_close     (char        **dir,
                                   SpStore     **store);
/* GTest fixture functions for an SpTestStore */
void      sp_test_store_setup     (SpTestStore  *f,
                                   gconstpointer data);
void      sp_test_store_teardown  (SpTestStore  *f,
                                   gconstpointer data);

/* Fails with both strings when @needle is not in @haystack */
#define sp_assert_contains(haystack, needle) \
  sp_test_assert_contains (__FILE__, __LINE__, G_STRFUNC, #haystack, (haystack), (needle), TRUE)
#define sp_assert_not_contains(haystack, needle) \
  sp_test_assert_contains (__FILE__, __LINE__, G_STRFUNC, #haystack, (haystack), (needle), \
                           FALSE)
void      sp_test_assert_contains (const char  *file,
                                   int          line,
                                   const char  *func,
                                   const char  *expression,
                                   const char  *haystack,
                                   const char  *needle,
                                   gboolean     contains);

char     *sp_test_pdf_text        (const char   *path);

/*
 * Runs the thread-default main context until @condition holds, waking at
 * every event (and now and then, for what a thread changes); fails after
 * 30 s, naming the condition.
 */
typedef struct
{
  const char *what;
  const char *where;
  gint64      deadline;
  GSource    *wake;
} SpTestWait;

void      sp_test_wait_begin      (SpTestWait   *wait,
                                   const char   *what,
                                   const char   *where);
void      sp_test_wait_iterate    (SpTestWait   *wait);
void      sp_test_wait_end        (SpTestWait   *wait);

#define sp_test_wait_until(condition) \
  G_STMT_START { \
    SpTestWait sp_wait_; \
    sp_test_wait_begin (&sp_wait_, #condition, G_STRLOC); \
    while (!(condition)) \
      sp_test_wait_iterate (&sp_wait_); \
    sp_test_wait_end (&sp_wait_); \
  } G_STMT_END

/* A store in a folder of its own, the KPI engine on it, and "now" fixed */
typedef struct
{
  char        *dir;
  SpStore     *store;
  SpKpiEngine *engine;
} SpTestEngine;

/* GTest fixture functions; @now, the test's data, is "YYYY-MM-DD HH:MM" */
void      sp_test_engine_setup    (SpTestEngine  *f,
                                   gconstpointer  now);
void      sp_test_engine_teardown (SpTestEngine  *f,
                                   gconstpointer  data);

/* Frees what Pango, cairo and fontconfig keep until exit, so leak checkers see ours */
void      sp_test_free_font_caches (void);

G_END_DECLS
