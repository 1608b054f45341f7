/* sp-undo-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_UNDO_HISTORY (sp_undo_history_get_type ())

G_DECLARE_FINAL_TYPE (SpUndoHistory, sp_undo_history, SP, UNDO_HISTORY, GObject)

typedef enum
{
  SP_UNDO_ADDED,     /* the record as saved: undoing deletes it */
  SP_UNDO_EDITED,    /* the record as it was before: undoing saves it back */
  SP_UNDO_DELETED,   /* the record as it was: undoing puts it back with its id */
} SpUndoChange;

/* at most this many changes are kept; the oldest go first */
#define SP_UNDO_HISTORY_MAX_STEPS 100

SpUndoHistory *sp_undo_history_new           (SpStore        *store);
SpStore       *sp_undo_history_get_store     (SpUndoHistory  *self);
guint          sp_undo_history_push          (SpUndoHistory  *self,
                                              SpUndoChange    change,
                                              GObject        *record);
guint          sp_undo_history_get_n_steps   (SpUndoHistory  *self);
gboolean       sp_undo_history_can_undo      (SpUndoHistory  *self);
gboolean       sp_undo_history_has_step      (SpUndoHistory  *self,
                                              guint           step);
GType          sp_undo_history_get_last_type (SpUndoHistory  *self);
gboolean       sp_undo_history_undo          (SpUndoHistory  *self,
                                              gint64         *record_id,
                                              char          **undone,
                                              GError        **error);
gboolean       sp_undo_history_undo_step     (SpUndoHistory  *self,
                                              guint           step,
                                              gint64         *record_id,
                                              char          **undone,
                                              GError        **error);
void           sp_undo_history_clear         (SpUndoHistory  *self);

G_END_DECLS
