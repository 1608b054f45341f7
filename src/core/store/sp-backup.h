/* sp-backup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sp-store.h"
#include "sp-time.h"

G_BEGIN_DECLS

/* Why a copy was made; the word is part of the copy's file name. */
typedef enum
{
  SP_BACKUP_DAILY,           /* the first start of a day */
  SP_BACKUP_MANUAL,          /* Back Up Now, service-pulse backup */
  SP_BACKUP_BEFORE_UPDATE,   /* before a migration of the schema */
  SP_BACKUP_BEFORE_RESTORE,  /* the database as it was before a restore */
  SP_BACKUP_SET_ASIDE,       /* a file that could not be opened, kept before a restore */
  SP_N_BACKUP_REASONS
} SpBackupReason;

/* A copy in the backups folder, as its file name describes it. */
typedef struct
{
  char           *path;
  SpTime          time;      /* local wall-clock time the copy was made */
  SpBackupReason  reason;
  gboolean        legacy;    /* named after the stem, by an earlier version */
  gboolean        second;    /* in the second backup folder */
} SpBackupInfo;

/* What a copy holds, for choosing one to restore. */
typedef struct
{
  int     schema_version;
  gint64  contacts;
  gint64  surveys;
  gint64  shifts;
  gint64  months;
  gint64  customers;
  gint64  agents;
} SpBackupSummary;

/* How many copies the retention rule keeps (see sp_backup_select_expired) */
#define SP_BACKUP_KEEP_DAILY   7
#define SP_BACKUP_KEEP_WEEKLY  4
#define SP_BACKUP_KEEP_MONTHLY 12

void        sp_backup_info_free          (SpBackupInfo    *info);
/* Returns: (transfer none) */
const char *sp_backup_reason_to_string   (SpBackupReason   reason);
/* Returns: (transfer none) */
const char *sp_backup_reason_get_label   (SpBackupReason   reason);

/* Returns: (transfer full) */
char       *sp_backup_dup_folder         (const char      *db_path);
char       *sp_backup_dup_free_path      (const char      *folder,
                                          const char      *stem,
                                          const char      *suffix);
/* Returns: (transfer full) */
char       *sp_backup_make_name          (const char      *db_path,
                                          SpTime           time,
                                          SpBackupReason   reason);
/* Returns: (transfer full) */
SpBackupInfo *sp_backup_parse_name       (const char      *db_path,
                                          const char      *name);

void        sp_backup_init               (void);

/* Returns: (transfer full) */
char       *sp_backup_create             (SpStore         *store,
                                          SpBackupReason   reason,
                                          GError         **error);
char       *sp_backup_create_full        (SpStore         *store,
                                          SpBackupReason   reason,
                                          char           **second_copy,
                                          GError         **second_error,
                                          GError         **error);
char       *sp_backup_create_in          (SpStore         *store,
                                          const char      *folder,
                                          GError         **error);
char       *sp_backup_dup_second_folder  (SpStore         *store);
gboolean    sp_backup_set_second_folder  (SpStore         *store,
                                          const char      *folder,
                                          GError         **error);
gboolean    sp_backup_copy_to            (SpStore         *store,
                                          const char      *dest_path,
                                          GError         **error);
gboolean    sp_backup_run_daily          (SpStore         *store,
                                          char           **created,
                                          GError         **error);
gboolean    sp_backup_run_daily_full     (SpStore         *store,
                                          char           **created,
                                          GError         **second_error,
                                          GError         **error);

/* Returns: (transfer full) */
GPtrArray  *sp_backup_list               (const char      *db_path,
                                          GError         **error);
GPtrArray  *sp_backup_list_everywhere    (const char      *db_path,
                                          const char      *second_folder,
                                          GError         **error);
GPtrArray  *sp_backup_list_of_shop       (SpStore         *store,
                                          GError         **error);
gboolean    sp_backup_inspect            (const char      *path,
                                          SpBackupSummary *summary,
                                          GError         **error);
/* Returns: (transfer full) */
char       *sp_backup_describe_summary   (const SpBackupSummary *summary);
gboolean    sp_backup_summary_is_empty   (const SpBackupSummary *summary);

/* Returns: (transfer full) */
GPtrArray  *sp_backup_select_expired     (GPtrArray       *backups,
                                          SpTime           now);
guint       sp_backup_prune              (const char      *db_path,
                                          SpTime           now);
guint       sp_backup_delete_all         (const char      *db_path);
/* Returns: (transfer full) */
char       *sp_backup_replace_all        (SpStore         *store,
                                          guint           *n_removed,
                                          GError         **error);

gboolean    sp_backup_restore            (const char      *db_path,
                                          const char      *backup_path,
                                          char           **saved_path,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpBackupInfo, sp_backup_info_free)

G_END_DECLS
