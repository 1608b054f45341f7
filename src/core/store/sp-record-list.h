/* sp-record-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_RECORD_LIST (sp_record_list_get_type ())

G_DECLARE_FINAL_TYPE (SpRecordList, sp_record_list, SP, RECORD_LIST, GObject)

typedef enum
{
  SP_RECORD_CONTACTS,
  SP_RECORD_SURVEYS,
} SpRecordKind;

/* Returns: (transfer full) */
SpRecordList *sp_record_list_new                (SpStore               *store,
                                                 SpRecordKind           kind);
/* Returns: (transfer none) */
SpStore      *sp_record_list_get_store          (SpRecordList          *self);
SpRecordKind  sp_record_list_get_kind           (SpRecordList          *self);
void          sp_record_list_set_contact_filter (SpRecordList          *self,
                                                 const SpContactFilter *filter);
void          sp_record_list_get_contact_filter (SpRecordList          *self,
                                                 SpContactFilter       *filter);
void          sp_record_list_set_survey_filter  (SpRecordList          *self,
                                                 const SpSurveyFilter  *filter);
void          sp_record_list_get_survey_filter  (SpRecordList          *self,
                                                 SpSurveyFilter        *filter);
void          sp_record_list_refresh            (SpRecordList          *self);
gboolean      sp_record_list_is_loading         (SpRecordList          *self);
void          sp_record_list_set_paced          (SpRecordList          *self,
                                                 gboolean               paced);
gboolean      sp_record_list_is_holding         (SpRecordList          *self);
void          sp_record_list_release            (SpRecordList          *self);
/* Returns: (transfer none) */
const GError *sp_record_list_get_error          (SpRecordList          *self);
gint64        sp_record_list_get_id             (SpRecordList          *self,
                                                 guint                  position);
guint         sp_record_list_find_id            (SpRecordList          *self,
                                                 gint64                 id);


G_END_DECLS
