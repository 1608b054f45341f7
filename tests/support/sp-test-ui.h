/* sp-test-ui.h: driving real widgets under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-time-private.h"
#include "sp-window.h"

G_BEGIN_DECLS

void        sp_test_ui_init            (int         *argc,
                                        char      ***argv);
void        sp_test_ui_flush           (void);
void        sp_test_ui_wait_mapped     (GtkWidget   *widget);
void        sp_test_ui_wait_frames     (GtkWidget   *widget,
                                        guint        n);
GtkWindow  *sp_test_ui_find_toplevel   (GType        type);
GtkWidget  *sp_test_ui_find            (GtkWidget   *root,
                                        GType        type,
                                        const char  *text);
GtkWidget  *sp_test_ui_find_shown      (GtkWidget   *root,
                                        GType        type,
                                        const char  *text);
void        sp_test_ui_set_text        (gpointer     editable,
                                        const char  *text);
void        sp_test_ui_press_enter     (gpointer     editable);
void        sp_test_ui_activate_button (GtkWidget   *button);
gboolean    sp_test_ui_is_enabled      (GtkWidget   *widget,
                                        const char  *action);
gboolean    sp_test_ui_action_enabled  (GtkWidget   *inside,
                                        const char  *action);
gboolean    sp_test_ui_has_binding     (GtkWidget   *widget,
                                        const char  *accelerator,
                                        const char  *action);
gboolean    sp_test_ui_press_keys      (GtkWidget   *window,
                                        const char  *accelerator);
void        sp_test_ui_destroy_all     (void);
GtkWidget  *sp_test_ui_child           (gpointer     widget,
                                        GType        type,
                                        const char  *name);
void        sp_test_ui_assert_days     (GtkWidget   *popover,
                                        SpDate       from,
                                        SpDate       to,
                                        const char  *hint);
void        sp_test_ui_choose_days     (GtkWidget   *popover,
                                        SpDate       from,
                                        SpDate       to,
                                        const char  *hint);
void        sp_test_ui_assert_days_kept (GtkMenuButton *button,
                                         SpDate         from,
                                         SpDate         to,
                                         const char    *hint);


/* Every page of @window, the dashboard's KPI and review pages, a goal's page
 * (goal 1) and each form and dialog the window opens: @func is called for
 * each open window at each of them (dialogs are closed after) */
typedef void (*SpTestUiVisitFunc) (GtkWidget *toplevel,
                                   gpointer   data);

void        sp_test_ui_visit_window    (SpWindow          *window,
                                        SpTestUiVisitFunc  func,
                                        gpointer           data);
void        sp_test_ui_close_other_windows (GtkWindow *keep);

G_END_DECLS
