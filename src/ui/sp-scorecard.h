/* sp-scorecard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-kpi-set.h"

G_BEGIN_DECLS

#define SP_TYPE_SCORECARD (sp_scorecard_get_type ())

G_DECLARE_FINAL_TYPE (SpScorecard, sp_scorecard, SP, SCORECARD, AdwBin)

GtkWidget *sp_scorecard_new        (void);
void       sp_scorecard_set_data   (SpScorecard *self,
                                    GPtrArray   *agents,
                                    SpKpiSet    *team);
GtkWidget *sp_scorecard_get_cell   (SpScorecard *self,
                                    guint        row,
                                    SpKpi        kpi);

G_END_DECLS
