/* sp-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-contact.h"
#include "sp-entity.h"
#include "sp-month-figures.h"
#include "sp-shift.h"
#include "sp-survey.h"

G_BEGIN_DECLS

#define SP_TYPE_STORE (sp_store_get_type ())

G_DECLARE_FINAL_TYPE (SpStore, sp_store, SP, STORE, GObject)

typedef enum
{
  SP_STORE_OPEN_DEFAULT   = 0,
  SP_STORE_OPEN_READ_ONLY = 1 << 0,
  SP_STORE_OPEN_NO_CREATE = 1 << 1,
  SP_STORE_OPEN_VERIFY    = 1 << 2,   /* check every page first (PRAGMA quick_check) */
} SpStoreOpenFlags;

typedef enum
{
  SP_STORE_CHANGE_CONTACTS = 1 << 0,
  SP_STORE_CHANGE_SURVEYS  = 1 << 1,
  SP_STORE_CHANGE_SHIFTS   = 1 << 2,
  SP_STORE_CHANGE_MONTHS   = 1 << 3,
  SP_STORE_CHANGE_ENTITIES = 1 << 4,
  SP_STORE_CHANGE_SETTINGS = 1 << 5,
  SP_STORE_CHANGE_GOALS    = 1 << 6,
  SP_STORE_CHANGE_ALL      = 0xff,
} SpStoreChanges;

typedef enum
{
  SP_CONTACT_STATE_ALL,
  SP_CONTACT_STATE_OPEN,
  SP_CONTACT_STATE_RESOLVED,
  SP_CONTACT_STATE_ESCALATED,
} SpContactState;

typedef enum
{
  SP_CONTACT_SORT_RECEIVED,
  SP_CONTACT_SORT_CHANNEL,
  SP_CONTACT_SORT_AGENT,
  SP_CONTACT_SORT_CUSTOMER,
  SP_CONTACT_SORT_CATEGORY,
  SP_CONTACT_SORT_PRIORITY,
  SP_CONTACT_SORT_FIRST_RESPONSE,
  SP_CONTACT_SORT_RESOLVED,
} SpContactSort;

/*
 * What a list of contacts shows.  from/to are whole days, both inclusive
 * (SP_DATE_NONE: open-ended); ids of 0 and SP_CHANNEL_NONE mean "any";
 * category_id -1 means "no topic".
 */
typedef struct
{
  SpDate          from;
  SpDate          to;
  gint64          agent_id;
  SpChannel       channel;
  gint64          category_id;
  gint64          customer_id;
  SpContactState  state;
  const char     *text;
  gboolean        repeats_only;
  gboolean        first_contacts_only;
  SpContactSort   sort;
  gboolean        descending;
} SpContactFilter;

typedef enum
{
  SP_SURVEY_SORT_ANSWERED,
  SP_SURVEY_SORT_KIND,
  SP_SURVEY_SORT_SCORE,
  SP_SURVEY_SORT_CUSTOMER,
  SP_SURVEY_SORT_AGENT,
  SP_SURVEY_SORT_CHANNEL,
  SP_SURVEY_SORT_CATEGORY,
} SpSurveySort;

typedef struct
{
  SpDate        from;
  SpDate        to;
  int           kind;          /* SpSurveyKind, or -1 for any */
  gint64        agent_id;
  SpChannel     channel;
  gint64        category_id;
  const char   *text;
  gboolean      descending;
  SpSurveySort  sort;
} SpSurveyFilter;

/*
 * Receives the ids a scan finds, a chunk at a time, in the filter's order;
 * returns FALSE to stop the scan.
 */
typedef gboolean (*SpIdsFunc) (const gint64 *ids,
                               guint         n_ids,
                               gpointer      user_data);

/*
 * Runs before the schema of a file that holds data changes; returning FALSE
 * with @error set leaves the file as it was.  The backups register one that
 * keeps a copy of the file first.
 */
typedef gboolean (*SpStoreBeforeMigrateFunc) (SpStore  *store,
                                              GError  **error);

/* What reading the next row of a statement or of a table found */
typedef enum
{
  SP_STEP_ERROR = -1,
  SP_STEP_DONE  = 0,
  SP_STEP_ROW   = 1,
} SpStep;

void        sp_contact_filter_init        (SpContactFilter  *filter);
void        sp_survey_filter_init         (SpSurveyFilter   *filter);

/* Returns: (transfer full): where the database is kept when none is named */
char       *sp_store_dup_default_path     (void);
gboolean    sp_store_is_server_address    (const char       *db);
/* Returns: (transfer full): a connection of this thread, or NULL and @error */
SpStore    *sp_store_open                 (const char       *path,
                                           SpStoreOpenFlags  flags,
                                           GError          **error);
/* Returns: (transfer full): a connection that writes, for another thread; on a server's shop one
 * that writes to the server too */
SpStore    *sp_store_open_writer          (SpStore          *self,
                                           GError          **error);
/* Returns: (transfer full): a read-only connection for another thread */
SpStore    *sp_store_open_reader          (SpStore          *self,
                                           GError          **error);
/* Returns: (transfer none) */
const char *sp_store_get_path             (SpStore          *self);
/* Returns: (transfer full): what to call the shop in messages: its file's name, or its database
 * on its server */
char       *sp_store_dup_display_name     (SpStore          *self);
int         sp_store_get_schema_version   (SpStore          *self);
int         sp_store_get_latest_schema_version (void);
void        sp_store_set_before_migrate_func (SpStoreBeforeMigrateFunc func);
gboolean    sp_store_is_read_only         (SpStore          *self);

/*
 * A shop on a PostgreSQL server.  The window and the verbs work on a copy
 * of it kept on this computer and brought up to date from the server; every
 * write goes to the server in the same transaction, and the server decides
 * who may do what.
 */
typedef enum
{
  SP_STORE_ROLE_OWNER,     /* a file's user, or a login of the owner group */
  SP_STORE_ROLE_STAFF,     /* a login of the staff group */
} SpStoreRole;

/* Returns: (transfer full): a connection to the shop at @address, logged in with @password (or
 * libpq's own ways: ~/.pgpass, a service file, PGPASSWORD) */
SpStore    *sp_store_open_server          (const char       *address,
                                           const char       *password,
                                           SpStoreOpenFlags  flags,
                                           GError          **error);
char       *sp_store_dup_address_without_password (const char *address);
gboolean    sp_store_update_server_copy   (const char       *address,
                                           const char       *password,
                                           GError          **error);
gboolean    sp_store_is_on_server         (SpStore          *self);
SpStoreRole sp_store_get_role             (SpStore          *self);
/* Returns: (transfer full) (nullable): the server login, %NULL for a file */
char       *sp_store_dup_login            (SpStore          *self);
char       *sp_store_dup_server_database  (SpStore          *self);
/* Returns: (transfer full) (nullable): a source that is dispatched when the server announces a
 * change (then call sp_store_check_outside_changes); %NULL for a file */
GSource    *sp_store_create_watch_source  (SpStore          *self);
gboolean    sp_store_is_empty             (SpStore          *self);

gboolean    sp_store_begin                (SpStore          *self,
                                           GError          **error);
gboolean    sp_store_commit               (SpStore          *self,
                                           GError          **error);
void        sp_store_rollback             (SpStore          *self);
void        sp_store_emit_changed         (SpStore          *self,
                                           SpStoreChanges    changes);

/* What another connection (another program) committed since the last check */
typedef enum
{
  SP_STORE_OUTSIDE_NONE,
  SP_STORE_OUTSIDE_CHANGED,
  SP_STORE_OUTSIDE_RESTORED,   /* a backup was restored over the file */
} SpStoreOutside;

SpStoreOutside sp_store_check_outside_changes (SpStore      *self,
                                           GError          **error);
void        sp_store_hold_outside_changes (SpStore          *self);
void        sp_store_release_outside_changes (SpStore       *self);
gboolean    sp_store_mark_restored        (SpStore          *self,
                                           GError          **error);

/* Settings */
/* Returns: (transfer full) (nullable): the value, or NULL when none is set */
char       *sp_store_dup_setting          (SpStore          *self,
                                           const char       *key);
gboolean    sp_store_set_setting          (SpStore          *self,
                                           const char       *key,
                                           const char       *value,
                                           GError          **error);

/* SLA targets (sp-store-sla.c): minutes per priority, as the totals count "within target" */
double      sp_store_get_sla_target       (SpStore          *self,
                                           SpPriority        priority);
double      sp_store_get_default_sla_target (SpPriority      priority);
gboolean    sp_store_sync_sla_targets     (SpStore          *self,
                                           GError          **error);

/* Agents, customers, topics */
gint64      sp_store_find_entity          (SpStore          *self,
                                           SpEntityKind      kind,
                                           const char       *name);
gint64      sp_store_ensure_entity        (SpStore          *self,
                                           SpEntityKind      kind,
                                           const char       *name,
                                           GError          **error);
/* Returns: (transfer full): read from the file; NULL and @error when it is gone */
SpEntity   *sp_store_load_entity          (SpStore          *self,
                                           SpEntityKind      kind,
                                           gint64            id,
                                           GError          **error);
/* Returns: (transfer full) */
GPtrArray  *sp_store_list_entities        (SpStore          *self,
                                           SpEntityKind      kind,
                                           gboolean          include_inactive,
                                           GError          **error);
/* Returns: (transfer full) */
GPtrArray  *sp_store_list_entities_with_counts (SpStore     *self,
                                           SpEntityKind      kind,
                                           gboolean          include_inactive,
                                           GError          **error);
/* Returns: (transfer full) */
GPtrArray  *sp_store_complete_entities    (SpStore          *self,
                                           SpEntityKind      kind,
                                           const char       *prefix,
                                           guint             limit,
                                           GError          **error);
gboolean    sp_store_rename_entity        (SpStore          *self,
                                           SpEntityKind      kind,
                                           gint64            id,
                                           const char       *name,
                                           GError          **error);
gboolean    sp_store_set_entity_active    (SpStore          *self,
                                           SpEntityKind      kind,
                                           gint64            id,
                                           gboolean          active,
                                           GError          **error);
gboolean    sp_store_set_customer_details (SpStore          *self,
                                           gint64            id,
                                           const char       *email,
                                           const char       *phone,
                                           GError          **error);
gboolean    sp_store_merge_entities       (SpStore          *self,
                                           SpEntityKind      kind,
                                           gint64            from_id,
                                           gint64            into_id,
                                           GError          **error);

/* Contacts (and their escalations) */
gboolean    sp_store_save_contact         (SpStore          *self,
                                           SpContact        *contact,
                                           GError          **error);
gboolean    sp_store_save_contact_over    (SpStore          *self,
                                           SpContact        *contact,
                                           GError          **error);
gboolean    sp_store_undelete_contact     (SpStore          *self,
                                           SpContact        *contact,
                                           GError          **error);
/* Returns: (transfer full): read from the file; NULL and @error when it is gone */
SpContact  *sp_store_load_contact         (SpStore          *self,
                                           gint64            id,
                                           GError          **error);
gboolean    sp_store_delete_contact       (SpStore          *self,
                                           gint64            id,
                                           GError          **error);
GPtrArray  *sp_store_list_escalated_to    (SpStore          *self,
                                           const char       *prefix,
                                           guint             limit,
                                           GError          **error);
gint64      sp_store_count_contacts       (SpStore          *self,
                                           const SpContactFilter *filter,
                                           GError          **error);
/* Returns: (transfer full) */
GPtrArray  *sp_store_list_contacts        (SpStore          *self,
                                           const SpContactFilter *filter,
                                           gint64            offset,
                                           guint             limit,
                                           GError          **error);
/* Returns: (transfer full) */
GArray     *sp_store_list_contact_ids     (SpStore          *self,
                                           const SpContactFilter *filter,
                                           GError          **error);
gboolean    sp_store_scan_contact_ids     (SpStore          *self,
                                           const SpContactFilter *filter,
                                           SpIdsFunc         func,
                                           gpointer          user_data,
                                           GError          **error);
/* Returns: (transfer full) (element-type SpContact) */
GPtrArray  *sp_store_list_contacts_by_id  (SpStore          *self,
                                           const gint64     *ids,
                                           guint             n_ids,
                                           GError          **error);
gboolean    sp_store_refresh_repeats      (SpStore          *self,
                                           GError          **error);

/* Survey answers */
gboolean    sp_store_save_survey          (SpStore          *self,
                                           SpSurvey         *survey,
                                           GError          **error);
gboolean    sp_store_save_survey_over     (SpStore          *self,
                                           SpSurvey         *survey,
                                           GError          **error);
gboolean    sp_store_undelete_survey      (SpStore          *self,
                                           SpSurvey         *survey,
                                           GError          **error);
/* Returns: (transfer full): read from the file; NULL and @error when it is gone */
SpSurvey   *sp_store_load_survey          (SpStore          *self,
                                           gint64            id,
                                           GError          **error);
gboolean    sp_store_delete_survey        (SpStore          *self,
                                           gint64            id,
                                           GError          **error);
gint64      sp_store_count_surveys        (SpStore          *self,
                                           const SpSurveyFilter *filter,
                                           GError          **error);
/* Returns: (transfer full) */
GPtrArray  *sp_store_list_surveys         (SpStore          *self,
                                           const SpSurveyFilter *filter,
                                           gint64            offset,
                                           guint             limit,
                                           GError          **error);
/* Returns: (transfer full) */
GArray     *sp_store_list_survey_ids      (SpStore          *self,
                                           const SpSurveyFilter *filter,
                                           GError          **error);
gboolean    sp_store_scan_survey_ids      (SpStore          *self,
                                           const SpSurveyFilter *filter,
                                           SpIdsFunc         func,
                                           gpointer          user_data,
                                           GError          **error);
/* Returns: (transfer full) (element-type SpSurvey) */
GPtrArray  *sp_store_list_surveys_by_id   (SpStore          *self,
                                           const gint64     *ids,
                                           guint             n_ids,
                                           GError          **error);

/* Shifts */
gboolean    sp_store_save_shift           (SpStore          *self,
                                           SpShift          *shift,
                                           GError          **error);
gboolean    sp_store_save_shift_over      (SpStore          *self,
                                           SpShift          *shift,
                                           GError          **error);
gboolean    sp_store_delete_shift         (SpStore          *self,
                                           gint64            id,
                                           GError          **error);
/* Returns: (transfer full) */
GPtrArray  *sp_store_list_shifts          (SpStore          *self,
                                           SpDate            from,
                                           SpDate            to,
                                           gint64            agent_id,
                                           GError          **error);

/* Month figures */
gboolean    sp_store_save_month_figures   (SpStore          *self,
                                           SpMonthFigures   *figures,
                                           GError          **error);
gboolean    sp_store_delete_month_figures (SpStore          *self,
                                           int               year,
                                           int               month,
                                           GError          **error);
/* Returns: (transfer full) */
SpMonthFigures *sp_store_load_month_figures (SpStore          *self,
                                            int               year,
                                            int               month,
                                            GError          **error);
/* Returns: (transfer full) */
GPtrArray  *sp_store_list_month_figures   (SpStore          *self,
                                           SpDate            from,
                                           SpDate            to,
                                           GError          **error);

G_END_DECLS
