/* sp-store-sla.c
 *
 * The SLA targets, in minutes per priority, in the one place everything
 * that counts "answered within target" reads them: the sla_targets table.
 * The day and month totals' triggers read it as each contact is written;
 * the KPI engine and the workbook read it through sp_store_get_sla_target().
 * Each open fills it from the owner's targets (the settings Preferences
 * writes) and, for the others, from data/benchmarks.ini, and counts the
 * totals again when a target changed, so that a new benchmarks file cannot
 * leave the dashboard and the workbook disagreeing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sp-core-resources.h"
#include "sp-error.h"
#include "sp-store-private.h"

#define BENCHMARKS_RESOURCE RESOURCE_BASE "/core/benchmarks.ini"
#define SLA_GROUP "sla-targets"
#define SLA_KEY "benchmark.sla-target."

static char *defaults_override;   /* tests: benchmarks.ini's text instead of the shipped one */

static double
parse_minutes (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end;
  double v = g_ascii_strtod (copy, &end);

  return (end != copy && *end == '\0' && v > 0 && isfinite (v)) ? v : NAN;
}

static void
read_defaults (double minutes[SP_N_PRIORITIES])
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    minutes[i] = NAN;

  if (defaults_override != NULL)
    bytes = g_bytes_new (defaults_override, strlen (defaults_override));
  else
    bytes = g_resource_lookup_data (sp_core_get_resource (), BENCHMARKS_RESOURCE,
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  if (bytes == NULL || !g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, &error))
    {
      g_critical ("The SLA targets could not be read: %s", error->message);
      return;
    }

  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    {
      g_autofree char *text = g_key_file_get_string (keyfile, SLA_GROUP,
                                                     sp_priority_to_string (i), NULL);

      minutes[i] = text ? parse_minutes (text) : NAN;
      if (isnan (minutes[i]))
        g_critical ("benchmarks.ini: the SLA target of %s is not a number of minutes",
                    sp_priority_to_string (i));
    }
}

/**
 * sp_store_get_default_sla_target:
 *
 * Returns: the first response target of @priority that data/benchmarks.ini
 *   ships, in minutes
 */
double
sp_store_get_default_sla_target (SpPriority priority)
{
  double minutes[SP_N_PRIORITIES];

  g_return_val_if_fail (priority >= 0 && priority < SP_N_PRIORITIES, NAN);

  read_defaults (minutes);
  return minutes[priority];
}

/* The owner's target, or else the shipped one */
static void
wanted_targets (SpStore *self,
                double   minutes[SP_N_PRIORITIES])
{
  read_defaults (minutes);

  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    {
      g_autofree char *key = g_strconcat (SLA_KEY, sp_priority_to_string (i), NULL);
      g_autofree char *text = sp_store_dup_setting (self, key);
      double own = text ? parse_minutes (text) : NAN;

      if (!isnan (own))
        minutes[i] = own;
    }
}

/**
 * sp_store_get_sla_target:
 *
 * Returns: the first response target of @priority in minutes, as the
 *   totals count it
 */
double
sp_store_get_sla_target (SpStore    *self,
                         SpPriority  priority)
{
  g_autoptr(SpStmt) stmt = NULL;
  double minutes[SP_N_PRIORITIES];

  g_return_val_if_fail (SP_IS_STORE (self), NAN);
  g_return_val_if_fail (priority >= 0 && priority < SP_N_PRIORITIES, NAN);

  if (self->version >= SP_STORE_SLA_MIGRATION &&
      (stmt = sp_store_prepare (self, "SELECT minutes FROM sla_targets WHERE priority = ?",
                                NULL)) != NULL)
    {
      sp_bind_text (stmt, 1, sp_priority_to_string (priority));
      if (sp_store_step (self, stmt, NULL) == SP_STEP_ROW)
        return sqlite3_column_double (stmt, 0);
    }

  /* a file not brought up to date (read-only), or not filled yet */
  wanted_targets (self, minutes);
  return minutes[priority];
}

/**
 * sp_store_sync_sla_targets:
 *
 * In the caller's transaction, after the owner's targets changed (or the
 * shipped ones did): the table takes the targets wanted, and the totals
 * that count "answered within target" are counted again if any changed.
 */
gboolean
sp_store_sync_sla_targets (SpStore  *self,
                           GError  **error)
{
  g_autoptr(SpStmt) upsert = NULL;
  double wanted[SP_N_PRIORITIES];
  gboolean changed = FALSE;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->version >= SP_STORE_SLA_MIGRATION, FALSE);

  wanted_targets (self, wanted);

  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    {
      g_autoptr(SpStmt) stmt = NULL;
      SpStep step;

      if (isnan (wanted[i]))
        {
          g_set_error (error, SP_ERROR, SP_ERROR_FAILED,
                       /* TRANSLATORS: %s is a priority ("urgent") */
                       _("The SLA target of the priority “%s” could not be read."),
                       sp_priority_get_label (i));
          return FALSE;
        }

      stmt = sp_store_prepare (self, "SELECT minutes FROM sla_targets WHERE priority = ?", error);
      if (stmt == NULL)
        return FALSE;
      sp_bind_text (stmt, 1, sp_priority_to_string (i));
      step = sp_store_step (self, stmt, error);
      if (step == SP_STEP_ERROR)
        return FALSE;
      if (step == SP_STEP_ROW && sqlite3_column_double (stmt, 0) == wanted[i])
        continue;
      g_clear_pointer (&stmt, sp_stmt_release);

      upsert = sp_store_prepare (self,
                                 "INSERT INTO sla_targets (priority, minutes) VALUES (?, ?)"
                                 " ON CONFLICT (priority) DO UPDATE SET minutes = excluded.minutes",
                                 error);
      if (upsert == NULL)
        return FALSE;
      sp_bind_text (upsert, 1, sp_priority_to_string (i));
      sqlite3_bind_double (upsert, 2, wanted[i]);
      if (!sp_store_run (self, upsert, error))
        return FALSE;
      g_clear_pointer (&upsert, sp_stmt_release);
      changed = TRUE;
    }

  if (!changed)
    return TRUE;

  /* counted again: the contacts' figures change as a new contact's would */
  if (self->depth > 0)
    sp_store_note_changes (self, SP_STORE_CHANGE_CONTACTS);
  return sp_store_rebuild_kpi_days (self, error);
}

/* Whether the table lacks a target wanted, or holds another */
static gboolean
targets_differ (SpStore *self)
{
  double wanted[SP_N_PRIORITIES];

  wanted_targets (self, wanted);
  for (guint i = 0; i < SP_N_PRIORITIES; i++)
    {
      g_autoptr(SpStmt) stmt = NULL;

      stmt = sp_store_prepare (self, "SELECT minutes FROM sla_targets WHERE priority = ?", NULL);

      if (stmt == NULL)
        return TRUE;
      sp_bind_text (stmt, 1, sp_priority_to_string (i));
      if (sp_store_step (self, stmt, NULL) != SP_STEP_ROW ||
          sqlite3_column_double (stmt, 0) != wanted[i])
        return TRUE;
    }

  return FALSE;
}

/* At each open of a file that may be written (or of an updated copy in memory) */
gboolean
sp_store_fill_sla_targets (SpStore  *self,
                           GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (self->version < SP_STORE_SLA_MIGRATION)
    return TRUE;

  /* most opens change nothing: they must not wait for a file another program writes to */
  if (!targets_differ (self))
    return TRUE;

  if (!sp_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!sp_store_sync_sla_targets (self, &local_error) ||
      !sp_store_exec (self, "COMMIT", &local_error))
    {
      sp_store_exec (self, "ROLLBACK", NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

void
sp_store_set_default_sla_targets (const char *benchmarks_ini)
{
  g_free (defaults_override);
  defaults_override = g_strdup (benchmarks_ini);
}
