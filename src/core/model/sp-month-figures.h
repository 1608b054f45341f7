/* sp-month-figures.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-time.h"

G_BEGIN_DECLS

#define SP_TYPE_MONTH_FIGURES (sp_month_figures_get_type ())

G_DECLARE_FINAL_TYPE (SpMonthFigures, sp_month_figures, SP, MONTH_FIGURES, GObject)

/* What the shop spent on service and how many customers it kept in a month. */
struct _SpMonthFigures
{
  GObject  parent_instance;

  int      year;
  int      month;
  double   operating_cost;
  gint64   customers_start;
  gint64   customers_lost;
  gint64   customers_new;
};

/* Returns: (transfer full) */
SpMonthFigures *sp_month_figures_new      (int              year,
                                           int              month);
SpDate          sp_month_figures_get_start (SpMonthFigures *self);
gboolean        sp_month_figures_validate (SpMonthFigures  *self,
                                           GError         **error);

G_END_DECLS
