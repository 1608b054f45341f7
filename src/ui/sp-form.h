/* sp-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_FORM (sp_form_get_type ())

G_DECLARE_DERIVABLE_TYPE (SpForm, sp_form, SP, FORM, AdwWindow)

struct _SpFormClass
{
  AdwWindowClass parent_class;

  /* Saves what the form shows; on failure the form stays open */
  gboolean (*save)     (SpForm   *self,
                        GError  **error);
  /* Whether save() can succeed now; by default, whether there is no problem */
  gboolean (*is_valid) (SpForm   *self);

  /*
   * For a form that edits a stored record, when save() failed with
   * SP_ERROR_CHANGED (someone else saved it since the form read it):
   * load_stored() reads the record as it is now; list_differences() adds
   * (sp_form_add_difference()) each field where it differs from what the
   * form shows; take_stored() makes it the record the form edits, showing
   * it (Keep Theirs) or, with @keep_typed, keeping what was typed so that
   * saving again saves over it (Save Mine).
   */
  GObject  *(*load_stored)      (SpForm     *self,
                                 GError    **error);
  void      (*list_differences) (SpForm     *self,
                                 GObject    *stored,
                                 GPtrArray  *differences);
  void      (*take_stored)      (SpForm     *self,
                                 GObject    *stored,
                                 gboolean    keep_typed);
};

/* A field that someone else saved with another value than the one typed here */
typedef struct
{
  char *label;
  char *theirs;
  char *mine;
} SpFormDifference;

SpStore    *sp_form_get_store          (SpForm       *self);
gboolean    sp_form_get_dirty          (SpForm       *self);
void        sp_form_set_dirty          (SpForm       *self,
                                        gboolean      dirty);
void        sp_form_mark_changed       (SpForm       *self);
const char *sp_form_get_problem        (SpForm       *self);
void        sp_form_set_problem        (SpForm       *self,
                                        const char   *problem);
gboolean    sp_form_save               (SpForm       *self);
void        sp_form_add_toast          (SpForm       *self,
                                        AdwToast     *toast);
void        sp_form_show_error         (SpForm       *self,
                                        const char   *heading,
                                        const GError *error);
void        sp_form_present            (SpForm       *self,
                                        GtkWidget    *parent);
gboolean    sp_form_close_all          (GtkWindow    *parent);
void        sp_form_ask_about_times    (SpForm       *self,
                                        const char   *warning,
                                        const char   *save_action);
gboolean    sp_form_get_times_accepted (SpForm       *self);
gboolean    sp_form_differs_from       (SpForm       *self,
                                        GObject      *stored);
void        sp_form_add_difference     (GPtrArray    *differences,
                                        const char   *label,
                                        const char   *theirs,
                                        const char   *mine);

G_END_DECLS
