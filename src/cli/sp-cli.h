/* sp-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sp-kpi.h"
#include "sp-store.h"

G_BEGIN_DECLS

/* Exit statuses of KPI-SPEC §5 */
#define SP_EXIT_OK        0
#define SP_EXIT_BAD_INPUT 1
#define SP_EXIT_USAGE     2

typedef struct
{
  const char *db_path;   /* --db, or NULL for the default */
  const char *verb;      /* the verb being run */
} SpCliContext;

typedef int (*SpCliVerbFunc) (SpCliContext  *context,
                              int            argc,
                              char         **argv);

typedef struct
{
  const char    *name;
  SpCliVerbFunc  run;
  const char    *usage;        /* the arguments, after the verb */
  const char    *description;
} SpCliVerb;

gboolean  sp_cli_find_verb     (int            argc,
                                char         **argv);
int       sp_cli_run           (int            argc,
                                char         **argv);
char     *sp_cli_dup_summary   (void);

/* Shared by the verbs */
SpStore  *sp_cli_open_store    (SpCliContext  *context,
                                gboolean       must_exist);
SpStore  *sp_cli_open_store_full (SpCliContext     *context,
                                  SpStoreOpenFlags  flags,
                                  gboolean          daily_backup);

/* A database file a verb created, to remove again when the verb fails */
typedef struct
{
  char      *path;           /* NULL when the file was there already */
  guint64    dev;
  guint64    ino;
  gboolean   had_side[3];    /* -wal, -shm, -journal were there before */
  GPtrArray *made_dirs;      /* folders made for it, deepest first */
} SpCliCreated;

SpStore  *sp_cli_open_store_created (SpCliContext *context,
                                     SpCliCreated *created);
void      sp_cli_remove_created     (SpCliCreated *created,
                                     SpStore     **store);
void      sp_cli_created_clear      (SpCliCreated *created);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpCliCreated, sp_cli_created_clear)

int       sp_cli_usage_error   (const char    *verb,
                                const char    *format,
                                ...) G_GNUC_PRINTF (2, 3);
int       sp_cli_fail          (GError        *error);
int       sp_cli_check_period  (const char    *verb,
                                const SpPeriod *period);
int       sp_cli_check_options (int            argc,
                                char         **argv);
gboolean  sp_cli_parse         (const char    *verb,
                                GOptionEntry  *entries,
                                int           *argc,
                                char        ***argv,
                                int           *status);

/* The verbs, one file each */
int       sp_cli_import        (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_kpis          (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_report        (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_export_xlsx   (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_export_csv    (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_goals         (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_demo          (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_backup        (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_restore       (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_config        (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_setup_server  (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_add_user      (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_move_to       (SpCliContext  *context,
                                int            argc,
                                char         **argv);
int       sp_cli_backup_server (SpCliContext  *context,
                                const char    *path);
char     *sp_cli_read_password  (const char   *name,
                                 gboolean      confirm,
                                 GError      **error);
int       sp_cli_restore_server (SpCliContext *context,
                                 const char   *path,
                                 gboolean      yes);
int       sp_cli_forget_customer (SpCliContext  *context,
                                  int            argc,
                                  char         **argv);

G_END_DECLS
