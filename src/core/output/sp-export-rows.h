/* sp-export-rows.h
 *
 * For the exporters only: the raw records of a period as the sheets of the
 * workbook and the CSV files show them — the same columns, in the same
 * order, read once in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-benchmarks.h"
#include "sp-export-table.h"
#include "sp-kpi.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef enum
{
  SP_EXPORT_COLUMN_INT,       /* whole numbers: ids, scores, counts */
  SP_EXPORT_COLUMN_FLAG,      /* 1 yes, 0 no */
  SP_EXPORT_COLUMN_NUMBER,    /* minutes, hours */
  SP_EXPORT_COLUMN_MONEY,
  SP_EXPORT_COLUMN_TIME,      /* a local date and time */
  SP_EXPORT_COLUMN_DATE,
  SP_EXPORT_COLUMN_MONTH,     /* the month's first day */
  SP_EXPORT_COLUMN_LABEL,     /* a word of ours: channel, priority, kind of answer */
  SP_EXPORT_COLUMN_TEXT,      /* typed by people: names, notes, comments, reasons */
} SpExportColumnKind;

typedef struct
{
  const char          *key;     /* the CSV header; the import's name where it has one */
  const char          *title;   /* the workbook's header, to translate */
  SpExportColumnKind   kind;
  double               width;   /* in characters */
} SpExportColumn;

/* The columns of each table; the xlsx writer's formulas refer to these */
enum
{
  SP_CONTACT_COL_ID,
  SP_CONTACT_COL_RECEIVED,
  SP_CONTACT_COL_CHANNEL,
  SP_CONTACT_COL_AGENT,
  SP_CONTACT_COL_CUSTOMER,
  SP_CONTACT_COL_CATEGORY,
  SP_CONTACT_COL_PRIORITY,
  SP_CONTACT_COL_FIRST_RESPONSE,
  SP_CONTACT_COL_RESOLVED,
  SP_CONTACT_COL_RESPONSE_MINUTES,
  SP_CONTACT_COL_RESOLUTION_HOURS,
  SP_CONTACT_COL_TALK,
  SP_CONTACT_COL_HOLD,
  SP_CONTACT_COL_WRAP,
  SP_CONTACT_COL_HANDLE,
  SP_CONTACT_COL_MARKED_RFC,
  SP_CONTACT_COL_ESCALATED,
  SP_CONTACT_COL_COMPLAINT,
  SP_CONTACT_COL_REPEAT,
  SP_CONTACT_COL_FCR,
  SP_CONTACT_COL_WITHIN_SLA,
  SP_CONTACT_COL_NOTE,
  /* the escalation's details, so that an exported contact imports back whole */
  SP_CONTACT_COL_ESCALATED_AT,
  SP_CONTACT_COL_ESCALATED_TO,
  SP_CONTACT_COL_ESCALATION_REASON,
  SP_CONTACT_COL_ESCALATION_RESOLVED_AT,
  SP_N_CONTACT_COLS
};

enum
{
  SP_ESCALATION_COL_CONTACT,
  SP_ESCALATION_COL_RECEIVED,
  SP_ESCALATION_COL_AGENT,
  SP_ESCALATION_COL_CUSTOMER,
  SP_ESCALATION_COL_CATEGORY,
  SP_ESCALATION_COL_ESCALATED_AT,
  SP_ESCALATION_COL_ESCALATED_TO,
  SP_ESCALATION_COL_REASON,
  SP_ESCALATION_COL_RESOLVED_AT,
  SP_N_ESCALATION_COLS
};

enum
{
  SP_SURVEY_COL_ANSWERED,
  SP_SURVEY_COL_KIND,
  SP_SURVEY_COL_SCORE,
  SP_SURVEY_COL_CUSTOMER,
  SP_SURVEY_COL_AGENT,
  SP_SURVEY_COL_CHANNEL,
  SP_SURVEY_COL_CATEGORY,
  SP_SURVEY_COL_CONTACT,
  SP_SURVEY_COL_COMMENT,
  SP_N_SURVEY_COLS
};

enum
{
  SP_SHIFT_COL_DATE,
  SP_SHIFT_COL_AGENT,
  SP_SHIFT_COL_HOURS,
  SP_N_SHIFT_COLS
};

enum
{
  SP_MONTH_COL_MONTH,
  SP_MONTH_COL_WHOLE,
  SP_MONTH_COL_COST,
  SP_MONTH_COL_START,
  SP_MONTH_COL_LOST,
  SP_MONTH_COL_NEW,
  SP_MONTH_COL_CONTACTS,
  SP_N_MONTH_COLS
};

#define SP_EXPORT_MAX_COLS SP_N_CONTACT_COLS

/*
 * One value.  Empty when !set.  INT, FLAG: i; TIME: i (SpTime); DATE,
 * MONTH: i (SpDate); NUMBER, MONEY: d; TEXT: text; LABEL: text for people
 * and key as the CSV files and the import write it.  The strings live until
 * the next row is read.
 */
typedef struct
{
  gboolean    set;
  gint64      i;
  double      d;
  const char *text;
  const char *key;
} SpExportCell;

/* What some columns depend on: the moment of the export and the SLA targets */
typedef struct
{
  SpTime  now;
  double  sla_seconds[SP_N_PRIORITIES];
} SpExportContext;

typedef struct _SpExportRows SpExportRows;

/* Every table and figure read in one snapshot of the database, even while it
 * is written to; *own says whether this call began it, for _end(). */
gboolean              sp_export_snapshot_begin    (SpStore          *store,
                                                   gboolean         *own,
                                                   GError          **error);
void                  sp_export_snapshot_end      (SpStore          *store,
                                                   gboolean          own);

void                  sp_export_context_init      (SpExportContext  *context,
                                                   SpBenchmarks     *benchmarks,
                                                   SpTime            now);

/* Returns: (transfer none) */
const SpExportColumn *sp_export_table_get_columns (SpExportTable     table,
                                                   guint            *n_columns);

gint64                sp_export_table_count       (SpStore          *store,
                                                   SpExportTable     table,
                                                   const SpPeriod   *period,
                                                   GError          **error);

/* Returns: (transfer full) */
SpExportRows         *sp_export_rows_new          (SpStore          *store,
                                                   SpExportTable     table,
                                                   const SpPeriod   *period,
                                                   const SpExportContext *context,
                                                   GError          **error);
/* SP_STEP_ROW with *cells set to the row's values, SP_STEP_DONE, or SP_STEP_ERROR */
SpStep                sp_export_rows_next         (SpExportRows     *self,
                                                   SpExportCell    **cells,
                                                   GError          **error);
void                  sp_export_rows_free         (SpExportRows     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpExportRows, sp_export_rows_free)

G_END_DECLS
