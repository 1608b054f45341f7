/* sp-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-application.h"
#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_WINDOW (sp_window_get_type ())

G_DECLARE_FINAL_TYPE (SpWindow, sp_window, SP, WINDOW, AdwApplicationWindow)

SpWindow   *sp_window_new                (SpApplication *application,
                                          const char    *database_path);
const char *sp_window_get_database_path  (SpWindow      *self);
SpStore    *sp_window_get_store          (SpWindow      *self);
gboolean    sp_window_is_opening         (SpWindow      *self);
void        sp_window_show_page          (SpWindow      *self,
                                          const char    *name);
void        sp_window_show_contacts      (SpWindow      *self,
                                          const SpContactFilter *filter);
void        sp_window_show_answers       (SpWindow      *self,
                                          const SpSurveyFilter *filter);
void        sp_window_show_goal          (SpWindow      *self,
                                          gint64         goal_id);
void        sp_window_set_restoring_here (SpWindow      *self,
                                          gboolean       restoring);
void        sp_window_add_toast          (SpWindow      *self,
                                          AdwToast      *toast);
void        sp_window_dismiss_toast      (SpWindow      *self,
                                          AdwToast      *toast);
void        sp_window_show_database_error (SpWindow     *self,
                                           const GError *error);
void        sp_window_show_error         (SpWindow      *self,
                                          const char    *heading,
                                          const GError  *error);
void        sp_window_close_store        (SpWindow      *self);
void        sp_window_open_database      (SpWindow      *self,
                                          const char    *path);

typedef void (*SpWindowPathFunc) (SpWindow   *self,
                                  const char *path);

void        sp_window_run_file_chooser   (SpWindow             *self,
                                          GtkFileChooserNative *native,
                                          SpWindowPathFunc      chosen);
gboolean    sp_window_open_shop          (SpWindow      *self,
                                          const char    *path,
                                          GError       **error);
gboolean    sp_window_new_shop           (SpWindow      *self,
                                          const char    *path,
                                          GError       **error);
gboolean    sp_window_is_sample          (SpWindow      *self);

G_END_DECLS
