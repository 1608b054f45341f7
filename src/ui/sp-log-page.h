/* sp-log-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-store.h"

G_BEGIN_DECLS

#define SP_TYPE_LOG_PAGE (sp_log_page_get_type ())

G_DECLARE_FINAL_TYPE (SpLogPage, sp_log_page, SP, LOG_PAGE, AdwBin)

SpStore *sp_log_page_get_store (SpLogPage *self);
void     sp_log_page_set_store (SpLogPage *self,
                                SpStore   *store);
void     sp_log_page_reveal    (SpLogPage  *self,
                                GType       type,
                                gint64      id);
void     sp_log_page_show_list (SpLogPage  *self,
                                const char *name);
void     sp_log_page_focus_search (SpLogPage *self);
void     sp_log_page_show_contacts (SpLogPage             *self,
                                    const SpContactFilter *filter);
void     sp_log_page_show_answers (SpLogPage            *self,
                                   const SpSurveyFilter *filter);
void     sp_log_page_get_survey_filter (SpLogPage      *self,
                                        SpSurveyFilter *filter);
void     sp_log_page_get_contact_filter (SpLogPage       *self,
                                         SpContactFilter *filter);

G_END_DECLS
