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
};

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

G_END_DECLS
