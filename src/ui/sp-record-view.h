/* sp-record-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-record-list.h"

G_BEGIN_DECLS

#define SP_TYPE_RECORD_VIEW (sp_record_view_get_type ())

G_DECLARE_FINAL_TYPE (SpRecordView, sp_record_view, SP, RECORD_VIEW, AdwBin)

typedef enum
{
  SP_RECORD_VIEW_CONTACTS,
  SP_RECORD_VIEW_ESCALATIONS,
  SP_RECORD_VIEW_SURVEYS,
} SpRecordViewKind;

#define SP_TYPE_RECORD_VIEW_KIND (sp_record_view_kind_get_type ())
GType          sp_record_view_kind_get_type   (void) G_GNUC_CONST;

GtkWidget     *sp_record_view_new             (SpRecordViewKind  kind);
SpRecordViewKind sp_record_view_get_kind      (SpRecordView     *self);
void           sp_record_view_set_list        (SpRecordView     *self,
                                               SpRecordList     *list);
SpRecordList  *sp_record_view_get_list        (SpRecordView     *self);
GtkColumnView *sp_record_view_get_column_view (SpRecordView     *self);
gpointer       sp_record_view_get_selected    (SpRecordView     *self);
gpointer       sp_record_view_dup_current     (SpRecordView     *self);
gboolean       sp_record_view_focus_row       (SpRecordView     *self,
                                               guint             position);
void           sp_record_view_reveal          (SpRecordView     *self,
                                               gint64            id);
gint64         sp_record_view_get_highlighted (SpRecordView     *self);
GtkWidget     *sp_record_view_new_flag_legend (void);
int            sp_record_view_measure_time_column (GtkWidget    *widget,
                                                   const char   *title);
void           sp_record_view_sort_by         (SpRecordView     *self,
                                               const char       *column_id,
                                               gboolean          descending);

G_END_DECLS
