/* sp-test-kpi.h: small data sets for the KPI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-store.h"

G_BEGIN_DECLS

/*
 * One contact.  Times are "YYYY-MM-DD HH:MM"; minutes are text so that
 * NULL means "not recorded": response = "2" is answered 2 minutes after
 * receipt.  resolved NULL with rfc set resolves by the handle minutes, as
 * the store does (KPI-SPEC §1).
 */
typedef struct
{
  const char *received;
  SpChannel   channel;
  const char *agent;
  const char *customer;
  const char *category;
  SpPriority  priority;
  const char *response;
  const char *resolved;
  gboolean    rfc;
  gboolean    escalated;
  const char *talk;
  const char *hold;
  const char *wrap;
  gboolean    complaint;
} SpTestContact;

gint64  sp_test_add_contact  (SpStore             *store,
                              const SpTestContact *spec);
void    sp_test_add_survey   (SpStore    *store,
                              const char *answered,
                              const char *kind,
                              int         score,
                              const char *agent,
                              SpChannel   channel,
                              const char *category);
void    sp_test_add_shift    (SpStore    *store,
                              const char *date,
                              const char *agent,
                              double      hours);
void    sp_test_add_month    (SpStore    *store,
                              int         year,
                              int         month,
                              double      cost,
                              gint64      start,
                              gint64      lost,
                              gint64      gained);

/* The hand-computed shop of test-kpi.c (October 2026); see the comments there */
void    sp_test_fill_october (SpStore    *store);

G_END_DECLS
