/* sp-month-figures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-month-figures"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "sp-error.h"
#include "sp-month-figures.h"

G_DEFINE_FINAL_TYPE (SpMonthFigures, sp_month_figures, G_TYPE_OBJECT)

static void
sp_month_figures_class_init (SpMonthFiguresClass *klass)
{
}

static void
sp_month_figures_init (SpMonthFigures *self)
{
}

SpMonthFigures *
sp_month_figures_new (int year,
                      int month)
{
  SpMonthFigures *self = g_object_new (SP_TYPE_MONTH_FIGURES, NULL);

  self->year = year;
  self->month = month;

  return self;
}

SpDate
sp_month_figures_get_start (SpMonthFigures *self)
{
  g_return_val_if_fail (SP_IS_MONTH_FIGURES (self), SP_DATE_NONE);
  return sp_date_from_ymd (self->year, self->month, 1);
}

gboolean
sp_month_figures_validate (SpMonthFigures  *self,
                           GError         **error)
{
  g_return_val_if_fail (SP_IS_MONTH_FIGURES (self), FALSE);

  if (!sp_date_is_valid_ymd (self->year, self->month, 1))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID, _("Choose a month."));
      return FALSE;
    }

  if (!isfinite (self->operating_cost) || self->operating_cost < 0)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("The operating cost can't be negative."));
      return FALSE;
    }

  if (self->customers_start < 0 || self->customers_lost < 0 || self->customers_new < 0)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_INVALID,
                           _("Customer counts can't be negative."));
      return FALSE;
    }

  if (self->customers_lost > self->customers_start)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                   /* TRANSLATORS: customers lost, then customers at the start */
                   _("Customers lost (%" PRId64 ") can't be more than customers at the "
                     "start of the month (%" PRId64 ")."),
                   self->customers_lost, self->customers_start);
      return FALSE;
    }

  return TRUE;
}
