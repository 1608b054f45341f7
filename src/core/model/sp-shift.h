/* sp-shift.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sp-time.h"

G_BEGIN_DECLS

#define SP_TYPE_SHIFT (sp_shift_get_type ())

G_DECLARE_FINAL_TYPE (SpShift, sp_shift, SP, SHIFT, GObject)

/* The hours one agent was available on one day (for utilization). */
struct _SpShift
{
  GObject  parent_instance;

  gint64   id;
  SpDate   date;
  gint64   agent_id;
  char    *agent_name;
  double   available_hours;

  /* The stored record's revision when it was read; saving checks it */
  gint64   revision;
};

/* Returns: (transfer full) */
SpShift  *sp_shift_new             (void);
/* Returns: (transfer full) */
SpShift  *sp_shift_new_full        (SpDate       date,
                                    const char  *agent_name,
                                    double       available_hours);
/* Returns: (transfer full) */
SpShift  *sp_shift_copy            (SpShift     *self);
void      sp_shift_set_agent_name  (SpShift     *self,
                                    const char  *name);
gboolean  sp_shift_validate        (SpShift     *self,
                                    GError     **error);

G_END_DECLS
