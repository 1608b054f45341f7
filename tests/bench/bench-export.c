/* bench-export.c: times the Excel export, for tests/bench/bench-export.sh
 *
 *   bench-export DB period          prints FROM=… and TO=…: the days of every contact
 *   bench-export DB ours OUT.xlsx   writes the workbook with sp_xlsx_export()
 *   bench-export DB bare OUT.xlsx   writes the same cells of the five data sheets with
 *                                   libxlsxwriter alone: the same SQL, the same columns,
 *                                   formats, frozen header and autofilter, constant memory
 *
 * Each writing run prints "ms cpu_ms rows": the wall and CPU time of the writing alone
 * (the database already open), and the rows written.  The bare writer is what any program
 * needs to put these cells into a workbook; the difference is what the export adds: the
 * KPI engine, the Summary's formulas, the trend and its charts, agents, costs, goals,
 * definitions, the locale switch, progress, the temporary file and its rename.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "sp-benchmarks.h"
#include "sp-export-rows.h"
#include "sp-store-private.h"
#include "sp-xlsx-export.h"

#define EPOCH 25569.0
/* the header row of a data sheet, under the shop and the period */
#define HEADER_ROW 2

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static SpPeriod
all_days (SpStore *store)
{
  g_autoptr(SpStmt) stmt = sp_store_prepare (store, "SELECT min(received_at), max(received_at)"
                                                    " FROM contacts", NULL);

  if (stmt == NULL || sp_store_step (store, stmt, NULL) != SP_STEP_ROW ||
      sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      fprintf (stderr, "bench-export: the database has no contacts\n");
      exit (1);
    }

  return sp_period_make (sp_time_to_date (sqlite3_column_int64 (stmt, 0)),
                         sp_time_to_date (sqlite3_column_int64 (stmt, 1)));
}

/* The bare writer */

typedef struct
{
  lxw_workbook  *workbook;
  gint64         contacts;
  lxw_format    *header;
  lxw_format    *datetime;
  lxw_format    *date;
  lxw_format    *month;
  lxw_format    *decimal;
  lxw_format    *money;
  gint64         rows;
} Bare;

static const char * const channel_keys[] = { "phone", "email", "chat", "in_person", "social",
                                             "sms" };
static const char * const channel_labels[] = { "Phone", "Email", "Chat", "In person",
                                               "Social media", "Text message" };
static const char * const priority_keys[] = { "low", "normal", "high", "urgent" };
static const char * const priority_labels[] = { "Low", "Normal", "High", "Urgent" };
static const char * const kind_keys[] = { "csat", "nps", "ces" };
static const char * const kind_labels[] = { "CSAT", "NPS", "CES" };

static int
lookup (const char         *key,
        const char * const *keys,
        int                 n)
{
  for (int i = 0; key != NULL && i < n; i++)
    {
      if (strcmp (key, keys[i]) == 0)
        return i;
    }
  return -1;
}

static lxw_worksheet *
bare_sheet (Bare               *b,
            const char         *name,
            const char * const *titles,
            const double       *widths,
            int                 n)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->workbook, name);

  /* the shop and the period on top, the header under them, as the export has them */
  worksheet_write_string (ws, 0, 0, "Shop · period", NULL);
  for (int c = 0; c < n; c++)
    {
      worksheet_write_string (ws, HEADER_ROW, c, titles[c], b->header);
      worksheet_set_column (ws, c, c, widths[c], NULL);
    }
  worksheet_freeze_panes (ws, HEADER_ROW + 1, 0);
  return ws;
}

static void
bare_time (lxw_worksheet *ws,
           lxw_row_t      row,
           lxw_col_t      col,
           SpStmt        *stmt,
           int            i,
           lxw_format    *format)
{
  if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
    worksheet_write_number (ws, row, col, sqlite3_column_int64 (stmt, i) / 86400.0 + EPOCH,
                            format);
}

static void
bare_text (lxw_worksheet *ws,
           lxw_row_t      row,
           lxw_col_t      col,
           SpStmt        *stmt,
           int            i)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);

  if (text != NULL)
    worksheet_write_string (ws, row, col, text, NULL);
}

static void
bare_number (lxw_worksheet *ws,
             lxw_row_t      row,
             lxw_col_t      col,
             SpStmt        *stmt,
             int            i,
             lxw_format    *format)
{
  if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
    worksheet_write_number (ws, row, col, sqlite3_column_double (stmt, i), format);
}

static void
bare_contacts (Bare           *b,
               SpStore        *store,
               const SpPeriod *period)
{
  static const char * const titles[] = {
    "ID", "Received", "Channel", "Agent", "Customer", "Topic", "Priority", "First response",
    "Resolved", "Response (min)", "Resolution (h)", "Talk (min)", "Hold (min)", "Wrap-up (min)",
    "Handle (min)", "Marked resolved first time", "Escalated", "Complaint", "Repeat",
    "First contact resolved (FCR)", "Within SLA target", "Note", "Escalated at", "Escalated to",
    "Escalation reason", "Escalation resolved",
  };
  static const double widths[] = {
    8, 17, 13, 16, 20, 18, 10, 17, 17, 11, 11, 9, 9, 9, 9, 10, 10, 10, 8, 12, 10, 40, 17, 18, 30,
    17,
  };
  g_autoptr(SpBenchmarks) benchmarks = sp_benchmarks_new (store);
  g_autoptr(SpStmt) stmt = NULL;
  lxw_worksheet *ws = bare_sheet (b, "Contacts", titles, widths, G_N_ELEMENTS (titles));
  double sla[SP_N_PRIORITIES];
  SpTime now = sp_time_now ();
  lxw_row_t row = HEADER_ROW;

  for (int p = 0; p < SP_N_PRIORITIES; p++)
    sla[p] = 60 * sp_benchmarks_get_sla_target (benchmarks, p);

  stmt = sp_store_prepare (store,
    "SELECT c.id, c.received_at, c.channel, a.name, cu.name, cat.name, c.priority,"
    " c.first_response_at, c.resolved_at, c.talk_min, c.hold_min, c.wrap_min,"
    " c.resolved_first_contact, c.escalated, c.complaint, c.is_repeat, c.followed_up, c.note,"
    " e.escalated_at, e.escalated_to, e.reason, e.resolved_at"
    " FROM contacts AS c"
    " LEFT JOIN agents AS a ON a.id = c.agent_id"
    " LEFT JOIN customers AS cu ON cu.id = c.customer_id"
    " LEFT JOIN categories AS cat ON cat.id = c.category_id"
    " LEFT JOIN escalations AS e ON e.contact_id = c.id"
    " WHERE c.received_at >= ?1 AND c.received_at < ?2"
    " ORDER BY c.received_at, c.id", NULL);
  sqlite3_bind_int64 (stmt, 1, sp_date_to_time (period->from));
  sqlite3_bind_int64 (stmt, 2, sp_date_to_time (period->to + 1));

  while (sp_store_step (store, stmt, NULL) == SP_STEP_ROW)
    {
      gint64 received = sqlite3_column_int64 (stmt, 1);
      gboolean answered = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
      int channel = lookup ((const char *) sqlite3_column_text (stmt, 2), channel_keys, 6);
      int priority = lookup ((const char *) sqlite3_column_text (stmt, 6), priority_keys, 4);
      gboolean any = FALSE, repeat, rfc, escalated;
      double handle = 0;

      row++;
      worksheet_write_number (ws, row, 0, sqlite3_column_int64 (stmt, 0), NULL);
      worksheet_write_number (ws, row, 1, received / 86400.0 + EPOCH, b->datetime);
      if (channel >= 0)
        worksheet_write_string (ws, row, 2, channel_labels[channel], NULL);
      bare_text (ws, row, 3, stmt, 3);
      bare_text (ws, row, 4, stmt, 4);
      bare_text (ws, row, 5, stmt, 5);
      if (priority >= 0)
        worksheet_write_string (ws, row, 6, priority_labels[priority], NULL);
      bare_time (ws, row, 7, stmt, 7, b->datetime);
      bare_time (ws, row, 8, stmt, 8, b->datetime);
      if (answered)
        worksheet_write_number (ws, row, 9, (sqlite3_column_int64 (stmt, 7) - received) / 60.0,
                                b->decimal);
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        worksheet_write_number (ws, row, 10,
                                (sqlite3_column_int64 (stmt, 8) - received) / 3600.0,
                                b->decimal);
      for (int i = 0; i < 3; i++)
        {
          bare_number (ws, row, 11 + i, stmt, 9 + i, b->decimal);
          if (sqlite3_column_type (stmt, 9 + i) != SQLITE_NULL)
            {
              any = TRUE;
              handle += sqlite3_column_double (stmt, 9 + i);
            }
        }
      if (any)
        worksheet_write_number (ws, row, 14, handle, b->decimal);

      rfc = sqlite3_column_int (stmt, 12);
      escalated = sqlite3_column_int (stmt, 13);
      repeat = sqlite3_column_int (stmt, 15);
      worksheet_write_number (ws, row, 15, rfc, NULL);
      worksheet_write_number (ws, row, 16, escalated, NULL);
      worksheet_write_number (ws, row, 17, sqlite3_column_int (stmt, 14), NULL);
      worksheet_write_number (ws, row, 18, repeat, NULL);
      worksheet_write_number (ws, row, 19, !repeat && rfc && !escalated &&
                                           !sqlite3_column_int (stmt, 16), NULL);
      if (priority < 0)
        priority = SP_PRIORITY_NORMAL;
      if (answered)
        worksheet_write_number (ws, row, 20,
                                sqlite3_column_int64 (stmt, 7) - received <= sla[priority], NULL);
      else if (received + sla[priority] < now)
        worksheet_write_number (ws, row, 20, 0, NULL);
      bare_text (ws, row, 21, stmt, 17);
      bare_time (ws, row, 22, stmt, 18, b->datetime);
      bare_text (ws, row, 23, stmt, 19);
      bare_text (ws, row, 24, stmt, 20);
      bare_time (ws, row, 25, stmt, 21, b->datetime);
    }

  worksheet_autofilter (ws, HEADER_ROW, 0, row, G_N_ELEMENTS (titles) - 1);
  b->rows += row - HEADER_ROW;
  b->contacts = row - HEADER_ROW;
}

static void
bare_escalations (Bare           *b,
                  SpStore        *store,
                  const SpPeriod *period)
{
  static const char * const titles[] = {
    "Contact ID", "Received", "Agent", "Customer", "Topic", "Escalated", "Escalated to",
    "Reason", "Escalation resolved",
  };
  static const double widths[] = { 10, 17, 16, 20, 18, 17, 18, 40, 17 };
  g_autoptr(SpStmt) stmt = NULL;
  lxw_worksheet *ws = bare_sheet (b, "Escalations", titles, widths, G_N_ELEMENTS (titles));
  lxw_row_t row = HEADER_ROW;

  stmt = sp_store_prepare (store,
    "SELECT c.id, c.received_at, a.name, cu.name, cat.name, e.escalated_at, e.escalated_to,"
    " e.reason, e.resolved_at"
    " FROM contacts AS c"
    " LEFT JOIN agents AS a ON a.id = c.agent_id"
    " LEFT JOIN customers AS cu ON cu.id = c.customer_id"
    " LEFT JOIN categories AS cat ON cat.id = c.category_id"
    " LEFT JOIN escalations AS e ON e.contact_id = c.id"
    " WHERE c.received_at >= ?1 AND c.received_at < ?2 AND c.escalated = 1"
    " ORDER BY c.received_at, c.id", NULL);
  sqlite3_bind_int64 (stmt, 1, sp_date_to_time (period->from));
  sqlite3_bind_int64 (stmt, 2, sp_date_to_time (period->to + 1));

  while (sp_store_step (store, stmt, NULL) == SP_STEP_ROW)
    {
      row++;
      worksheet_write_number (ws, row, 0, sqlite3_column_int64 (stmt, 0), NULL);
      bare_time (ws, row, 1, stmt, 1, b->datetime);
      bare_text (ws, row, 2, stmt, 2);
      bare_text (ws, row, 3, stmt, 3);
      bare_text (ws, row, 4, stmt, 4);
      bare_time (ws, row, 5, stmt, 5, b->datetime);
      bare_text (ws, row, 6, stmt, 6);
      bare_text (ws, row, 7, stmt, 7);
      bare_time (ws, row, 8, stmt, 8, b->datetime);
    }

  worksheet_autofilter (ws, HEADER_ROW, 0, row, G_N_ELEMENTS (titles) - 1);
  b->rows += row - HEADER_ROW;
}

static void
bare_surveys (Bare           *b,
              SpStore        *store,
              const SpPeriod *period)
{
  static const char * const titles[] = {
    "Answered", "Kind", "Score", "Customer", "Agent", "Channel", "Topic", "Contact ID",
    "Comment",
  };
  static const double widths[] = { 17, 7, 7, 20, 16, 13, 18, 10, 40 };
  g_autoptr(SpStmt) stmt = NULL;
  lxw_worksheet *ws = bare_sheet (b, "Survey answers", titles, widths, G_N_ELEMENTS (titles));
  lxw_row_t row = HEADER_ROW;

  stmt = sp_store_prepare (store,
    "SELECT s.answered_at, s.kind, s.score, cu.name, a.name, s.channel, cat.name,"
    " s.contact_id, s.comment"
    " FROM surveys AS s"
    " LEFT JOIN customers AS cu ON cu.id = s.customer_id"
    " LEFT JOIN agents AS a ON a.id = s.agent_id"
    " LEFT JOIN categories AS cat ON cat.id = s.category_id"
    " WHERE s.answered_at >= ?1 AND s.answered_at < ?2"
    " ORDER BY s.answered_at, s.id", NULL);
  sqlite3_bind_int64 (stmt, 1, sp_date_to_time (period->from));
  sqlite3_bind_int64 (stmt, 2, sp_date_to_time (period->to + 1));

  while (sp_store_step (store, stmt, NULL) == SP_STEP_ROW)
    {
      int kind = lookup ((const char *) sqlite3_column_text (stmt, 1), kind_keys, 3);
      int channel = lookup ((const char *) sqlite3_column_text (stmt, 5), channel_keys, 6);

      row++;
      bare_time (ws, row, 0, stmt, 0, b->datetime);
      if (kind >= 0)
        worksheet_write_string (ws, row, 1, kind_labels[kind], NULL);
      worksheet_write_number (ws, row, 2, sqlite3_column_int (stmt, 2), NULL);
      bare_text (ws, row, 3, stmt, 3);
      bare_text (ws, row, 4, stmt, 4);
      if (channel >= 0)
        worksheet_write_string (ws, row, 5, channel_labels[channel], NULL);
      bare_text (ws, row, 6, stmt, 6);
      bare_number (ws, row, 7, stmt, 7, NULL);
      bare_text (ws, row, 8, stmt, 8);
    }

  worksheet_autofilter (ws, HEADER_ROW, 0, row, G_N_ELEMENTS (titles) - 1);
  b->rows += row - HEADER_ROW;
}

static void
bare_shifts_and_months (Bare           *b,
                        SpStore        *store,
                        const SpPeriod *period)
{
  static const char * const shift_titles[] = { "Date", "Agent", "Available hours" };
  static const double shift_widths[] = { 11, 16, 10 };
  static const char * const month_titles[] = {
    "Month", "Whole month in the period", "Operating cost", "Customers at the start",
    "Customers lost", "New customers", "Contacts in the period",
  };
  static const double month_widths[] = { 9, 12, 13, 12, 12, 12, 12 };
  g_autoptr(SpStmt) shifts = NULL;
  g_autoptr(SpStmt) months = NULL;
  lxw_worksheet *ws = bare_sheet (b, "Shifts", shift_titles, shift_widths, 3);
  lxw_row_t row = HEADER_ROW;

  shifts = sp_store_prepare (store,
    "SELECT s.date, a.name, s.available_hours"
    " FROM shifts AS s LEFT JOIN agents AS a ON a.id = s.agent_id"
    " WHERE s.date >= ?1 AND s.date <= ?2 ORDER BY s.date, a.name_key", NULL);
  sqlite3_bind_int64 (shifts, 1, period->from);
  sqlite3_bind_int64 (shifts, 2, period->to);
  while (sp_store_step (store, shifts, NULL) == SP_STEP_ROW)
    {
      row++;
      worksheet_write_number (ws, row, 0, sqlite3_column_int64 (shifts, 0) + EPOCH, b->date);
      bare_text (ws, row, 1, shifts, 1);
      bare_number (ws, row, 2, shifts, 2, b->decimal);
    }
  worksheet_autofilter (ws, HEADER_ROW, 0, row, 2);
  b->rows += row - HEADER_ROW;

  ws = bare_sheet (b, "Month figures", month_titles, month_widths, 7);
  row = HEADER_ROW;
  months = sp_store_prepare (store,
    "SELECT m.first_day, m.first_day >= ?1 AND m.last_day <= ?2, m.operating_cost,"
    " m.customers_start, m.customers_lost, m.customers_new,"
    " (SELECT coalesce(sum(k.n), 0) FROM kpi_days AS k"
    "   WHERE k.day >= max(m.first_day, ?1) AND k.day <= min(m.last_day, ?2))"
    " FROM month_figures AS m WHERE m.last_day >= ?1 AND m.first_day <= ?2"
    " ORDER BY m.first_day", NULL);
  sqlite3_bind_int64 (months, 1, period->from);
  sqlite3_bind_int64 (months, 2, period->to);
  while (sp_store_step (store, months, NULL) == SP_STEP_ROW)
    {
      g_autofree char *formula = NULL;

      row++;
      worksheet_write_number (ws, row, 0, sqlite3_column_int64 (months, 0) + EPOCH, b->month);
      for (int c = 1; c < 6; c++)
        worksheet_write_number (ws, row, c, sqlite3_column_double (months, c),
                                c == 2 ? b->money : NULL);
      formula = g_strdup_printf ("COUNTIFS(Contacts!$B$%d:$B$%" G_GINT64_FORMAT ",\">=\"&$A%u,"
                                 "Contacts!$B$%d:$B$%" G_GINT64_FORMAT ",\"<\"&DATE(YEAR($A%u),"
                                 "MONTH($A%u)+1,1))",
                                 HEADER_ROW + 2, HEADER_ROW + MAX (b->contacts, 1) + 1, row + 1,
                                 HEADER_ROW + 2, HEADER_ROW + MAX (b->contacts, 1) + 1, row + 1,
                                 row + 1);
      worksheet_write_formula_num (ws, row, 6, formula, NULL, sqlite3_column_int64 (months, 6));
    }
  worksheet_autofilter (ws, HEADER_ROW, 0, row, 6);
  b->rows += row - HEADER_ROW;
}

static gint64
write_bare (SpStore        *store,
            const SpPeriod *period,
            const char     *path)
{
  lxw_workbook_options options = { .constant_memory = 1 };
  Bare b = { NULL };
  lxw_error status;

  b.workbook = workbook_new_opt (path, &options);
  b.header = workbook_add_format (b.workbook);
  format_set_bold (b.header);
  b.datetime = workbook_add_format (b.workbook);
  format_set_num_format (b.datetime, "yyyy-mm-dd hh:mm");
  b.date = workbook_add_format (b.workbook);
  format_set_num_format (b.date, "yyyy-mm-dd");
  b.month = workbook_add_format (b.workbook);
  format_set_num_format (b.month, "yyyy-mm");
  b.decimal = workbook_add_format (b.workbook);
  format_set_num_format (b.decimal, "0.00");
  b.money = workbook_add_format (b.workbook);
  format_set_num_format (b.money, "#,##0.00");

  sp_store_exec (store, "BEGIN", NULL);
  bare_contacts (&b, store, period);
  bare_escalations (&b, store, period);
  bare_surveys (&b, store, period);
  bare_shifts_and_months (&b, store, period);
  sp_store_exec (store, "COMMIT", NULL);

  status = workbook_close (b.workbook);
  if (status != LXW_NO_ERROR)
    {
      fprintf (stderr, "bench-export: %s\n", lxw_strerror (status));
      exit (1);
    }

  return b.rows;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SpPeriod period;
  gint64 start, rows = 0;
  double cpu;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-export DB period|ours|bare [OUT.xlsx]\n");
      return 2;
    }

  store = sp_store_open (argv[1], SP_STORE_OPEN_NO_CREATE, &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-export: %s\n", error->message);
      return 1;
    }
  period = all_days (store);

  if (g_str_equal (argv[2], "period"))
    {
      g_autofree char *from = sp_date_format_iso (period.from);
      g_autofree char *to = sp_date_format_iso (period.to);

      printf ("FROM=%s\nTO=%s\n", from, to);
      return 0;
    }

  if (argc < 4)
    return 2;

  if (g_str_equal (argv[2], "ours"))
    {
      for (guint t = 0; t < SP_N_EXPORT_TABLES; t++)
        rows += sp_export_table_count (store, t, &period, NULL);
    }

  start = g_get_monotonic_time ();
  cpu = cpu_ms ();

  if (g_str_equal (argv[2], "ours"))
    {
      if (!sp_xlsx_export (store, &period, argv[3], SP_XLSX_EXPORT_DEFAULT, NULL, NULL, NULL,
                           &error))
        {
          fprintf (stderr, "bench-export: %s\n", error->message);
          return 1;
        }
    }
  else if (g_str_equal (argv[2], "bare"))
    {
      rows = write_bare (store, &period, argv[3]);
    }
  else
    {
      return 2;
    }

  printf ("%.1f %.1f %" G_GINT64_FORMAT "\n", (g_get_monotonic_time () - start) / 1000.0,
          cpu_ms () - cpu, rows);
  return 0;
}
