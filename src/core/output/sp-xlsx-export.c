/* sp-xlsx-export.c
 *
 * The workbook for the accountant, written with libxlsxwriter:
 *
 *   Summary        every KPI of the period with n, the previous period, the
 *                  change, the benchmark and the status.  Where a KPI can be
 *                  recomputed from the data sheets, its cell holds that
 *                  formula, with the app's value as the cached result: it
 *                  shows as is and recalculates to the same number.
 *   Monthly trend  the twelve months up to the period's end, the period's
 *                  highlighted, line charts of the Core Four
 *   Agents         the scorecard per agent, and the whole team
 *   Goals          each goal and how far it got
 *   Costs          cost per contact and per resolution by whole month
 *   Contacts, Escalations, Survey answers, Shifts, Month figures
 *                  the raw records (sp-export-rows.c), one named range and
 *                  one Excel table (with a totals row) each
 *   Definitions    what every figure means, its benchmark and source
 *
 * Every sheet opens with the shop and the period (the Summary with its
 * heading) and prints one page wide with its header row repeated, the shop
 * and the period on top of each page; money carries the shop's currency.
 *
 * The parts are in files of their own (see sp-xlsx-private.h): this one
 * puts the workbook together, computes the figures and writes the file.
 *
 * Text people typed is always written as a string, never as a formula.
 * Numbers are written in the C locale whatever the user's (libxlsxwriter
 * formats doubles with printf), and the file is written under a temporary
 * name and renamed when complete.  Large exports are written row by row in
 * constant memory; libxlsxwriter then stores no cached values for the
 * charts, which Excel and LibreOffice compute on opening.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-export"

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <locale.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "sp-error.h"
#include "sp-export-file.h"
#include "sp-xlsx-check.h"
#include "sp-xlsx-private.h"
#include "sp-worker.h"
#include "sp-report.h"

const SpXlsxTableSheet sp_xlsx_table_sheets[SP_N_EXPORT_TABLES] = {
  [SP_EXPORT_CONTACTS] = { SHEET_CONTACTS, "Contacts_data" },
  [SP_EXPORT_ESCALATIONS] = { SHEET_ESCALATIONS, "Escalations_data" },
  [SP_EXPORT_SURVEYS] = { SHEET_SURVEYS, "Survey_answers_data" },
  [SP_EXPORT_SHIFTS] = { SHEET_SHIFTS, "Shifts_data" },
  [SP_EXPORT_MONTHS] = { SHEET_MONTHS, "Month_figures_data" },
};

const SpKpi sp_xlsx_kpi_order[SP_XLSX_N_KPIS] = {
  SP_KPI_CSAT, SP_KPI_FCR, SP_KPI_FIRST_RESPONSE, SP_KPI_ESCALATION_RATE, SP_KPI_NPS,
  SP_KPI_CES, SP_KPI_REPEAT_RATE, SP_KPI_AHT, SP_KPI_UTILIZATION, SP_KPI_SLA_COMPLIANCE,
  SP_KPI_RESOLUTION_TIME, SP_KPI_BACKLOG, SP_KPI_CHURN, SP_KPI_COST_PER_CONTACT,
};

/* What n counts, per KPI */
const char * const sp_xlsx_kpi_n_label[SP_N_KPIS] = {
  [SP_KPI_CSAT] = N_("CSAT answers"),
  [SP_KPI_FCR] = N_("first contacts"),
  [SP_KPI_FIRST_RESPONSE] = N_("answered contacts"),
  [SP_KPI_ESCALATION_RATE] = N_("contacts"),
  [SP_KPI_NPS] = N_("NPS answers"),
  [SP_KPI_CES] = N_("CES answers"),
  [SP_KPI_REPEAT_RATE] = N_("contacts"),
  [SP_KPI_AHT] = N_("contacts with handle time"),
  [SP_KPI_UTILIZATION] = N_("available minutes"),
  [SP_KPI_SLA_COMPLIANCE] = N_("answered + unanswered past target"),
  [SP_KPI_RESOLUTION_TIME] = N_("resolved contacts"),
  [SP_KPI_BACKLOG] = N_("open contacts"),
  [SP_KPI_CHURN] = N_("customers at the start"),
  [SP_KPI_COST_PER_CONTACT] = N_("contacts in those months"),
  [SP_KPI_CONTACTS] = N_("contacts"),
};

/* Errors */

static void
set_workbook_error (GError     **error,
                    lxw_error    status,
                    int          saved_errno,
                    const char  *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  switch (status)
    {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      g_set_error (error, SP_ERROR, SP_ERROR_FAILED,
                   /* TRANSLATORS: %s is the workbook's file */
                   _("There was not enough memory to write “%s”. Close other programs or export "
                     "a shorter period."), name);
      break;
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
      /* errno after the library's calls is only a hint: trust the ones that say why */
      if (saved_errno == ENOSPC || saved_errno == EFBIG || saved_errno == EACCES ||
          saved_errno == EPERM || saved_errno == EROFS || saved_errno == ENOENT
#ifdef EDQUOT
          || saved_errno == EDQUOT
#endif
         )
        sp_export_set_file_error (error, saved_errno, path);
      else
        {
          g_debug ("libxlsxwriter: %s (errno %d)", lxw_strerror (status), saved_errno);
          g_set_error (error, SP_ERROR, SP_ERROR_IO,
                       /* TRANSLATORS: %s is the file being saved */
                       _("“%s” could not be written completely; the disk may be full. Free "
                         "some space or choose another place."), name);
        }
      break;
    default:
      /* TRANSLATORS: the file, then why it could not be written */
      g_set_error (error, SP_ERROR, SP_ERROR_FAILED, _("“%s” could not be written: %s."),
                   name, lxw_strerror (status));
      break;
    }
}

/* Progress */

gboolean
sp_xlsx_advance (SpXlsx  *x,
                 GError **error)
{
  double fraction;

  x->done_rows++;
  if (x->done_rows % PROGRESS_ROWS != 0)
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (x->cancellable, error))
    return FALSE;

  fraction = x->total_rows > 0 ? (double) x->done_rows / (double) x->total_rows : 1.0;
  if (x->progress != NULL && fraction - x->reported >= 0.01 && fraction < 1.0)
    {
      x->reported = fraction;
      x->progress (fraction, x->progress_data);
    }

  return TRUE;
}

/* The workbook */

static gboolean
valid_sheet_name (lxw_workbook *workbook,
                  const char   *name)
{
  return workbook_validate_sheet_name (workbook, name) == LXW_NO_ERROR;
}

/* Formulas may name a sheet of letters, digits and _ as is, unless it looks
 * like a cell ("Q1", "R1C1") or starts with a digit; any other is quoted */
static char *
quote_sheet_name (const char *name)
{
  g_autoptr(GRegex) cell = g_regex_new ("^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*)$", 0, 0,
                                        NULL);
  gboolean plain = !g_ascii_isdigit (name[0]) && !g_regex_match (cell, name, 0, NULL);
  GString *quoted;

  for (const char *p = name; plain && *p; p++)
    plain = g_ascii_isalnum (*p) || *p == '_';
  if (plain)
    return g_strdup (name);

  quoted = g_string_new (name);
  g_string_replace (quoted, "'", "''", 0);
  g_string_prepend_c (quoted, '\'');
  g_string_append_c (quoted, '\'');
  return g_string_free (quoted, FALSE);
}

static gboolean
add_sheets (SpXlsx  *x,
            GError **error)
{
  static const char * const titles[N_SHEETS] = {
    [SHEET_SUMMARY] = N_("Summary"),
    [SHEET_TREND] = N_("Monthly trend"),
    [SHEET_AGENTS] = N_("Agents"),
    [SHEET_GOALS] = N_("Goals"),
    [SHEET_COSTS] = N_("Costs"),
    [SHEET_CONTACTS] = N_("Contacts"),
    [SHEET_ESCALATIONS] = N_("Escalations"),
    [SHEET_SURVEYS] = N_("Survey answers"),
    [SHEET_SHIFTS] = N_("Shifts"),
    [SHEET_MONTHS] = N_("Month figures"),
    [SHEET_DEFINITIONS] = N_("Definitions"),
  };

  for (guint s = 0; s < N_SHEETS; s++)
    {
      const char *name = _(titles[s]);

      /* a translation may be too long for a sheet name, or clash with another */
      if (!valid_sheet_name (x->workbook, name))
        name = titles[s];

      x->sheets[s] = workbook_add_worksheet (x->workbook, name);
      if (x->sheets[s] == NULL)
        {
          g_set_error (error, SP_ERROR, SP_ERROR_FAILED,
                       /* TRANSLATORS: %s is the sheet's name */
                       _("The sheet “%s” could not be added."), name);
          return FALSE;
        }

      x->sheet_names[s] = g_strdup (name);
      x->quoted_names[s] = quote_sheet_name (name);
    }

  return TRUE;
}

/* Putting it together */

/* The period, the previous one and the months of the trend in one pass of the engine */
static gboolean
compute (SpXlsx  *x,
         GError **error)
{
  SpPeriod window = sp_xlsx_trend_window (&x->period);
  g_autoptr(GArray) periods = sp_kpi_engine_list_buckets (&window, SP_GRANULARITY_MONTH);
  g_autoptr(GPtrArray) sets = NULL;
  SpPeriod month;
  gboolean no_month = sp_period_last_whole_month (&x->period, sp_date_today (), &month);

  g_array_prepend_vals (periods, &x->previous_period, 1);
  g_array_prepend_vals (periods, &x->period, 1);
  if (no_month)
    g_array_append_val (periods, month);

  sets = sp_kpi_engine_compute_many (x->engine, (const SpPeriod *) periods->data, periods->len,
                                     NULL, error);
  if (sets == NULL)
    return FALSE;

  x->current = g_object_ref (g_ptr_array_index (sets, 0));
  x->previous = g_object_ref (g_ptr_array_index (sets, 1));
  if (no_month)
    x->last_month = g_object_ref (g_ptr_array_index (sets, sets->len - 1));
  x->trend = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 2; i < sets->len - (no_month ? 1 : 0); i++)
    {
      SpKpiSet *set = g_ptr_array_index (sets, i);

      set->partial = sp_period_bucket_is_partial (&set->period, SP_GRANULARITY_MONTH,
                                                  sp_date_today ());
      g_ptr_array_add (x->trend, g_object_ref (set));
    }

  x->agents = sp_kpi_engine_breakdown (x->engine, &x->period, SP_SEGMENT_AGENT, error);
  return x->agents != NULL;
}

static gboolean
count_rows (SpXlsx  *x,
            GError **error)
{
  for (guint t = 0; t < SP_N_EXPORT_TABLES; t++)
    {
      gint64 n = sp_export_table_count (x->store, t, &x->period, error);

      if (n < 0)
        return FALSE;
      /* under the shop and period and the header row */
      if (n > MAX_ROWS - TOP_ROWS - 2)
        {
          g_set_error (error, SP_ERROR, SP_ERROR_INVALID,
                       /* TRANSLATORS: the sheet's name, its rows, and the most rows a sheet
                        * holds */
                       _("The period has too many rows for one sheet (%s: %" PRId64
                         ", a sheet holds at most %d). Export a shorter period."),
                       sp_export_table_get_title (t), n, MAX_ROWS - TOP_ROWS - 2);
          return FALSE;
        }
      x->total_rows += n;
    }

  return TRUE;
}

static void
set_properties (SpXlsx *x)
{
  g_autofree char *title = NULL;
  lxw_doc_properties properties = { NULL };

  if (x->shop_name != NULL)
    /* TRANSLATORS: the title of the workbook: the shop, the period */
    title = g_strdup_printf (_("%s — customer service KPIs, %s"), x->shop_name, x->period_text);
  else
    /* TRANSLATORS: the workbook's title without a shop name; %s is the period */
    title = g_strdup_printf (_("Customer service KPIs, %s"), x->period_text);

  properties.title = title;
  properties.subject = (char *) _("Customer service KPIs");
  properties.keywords = x->period_text;
  properties.company = x->shop_name;
  properties.comments = (char *) _("Made by Service Pulse");
  properties.created = time (NULL);

  sp_xlsx_check (x, workbook_set_properties (x->workbook, &properties));
}

/* A failed or cancelled export: drop the workbook without writing it */
static void
discard_workbook (SpXlsx *x)
{
  if (x->workbook == NULL)
    return;

  /* libxlsxwriter does not close the row files of constant-memory sheets
   * when a workbook is freed unwritten */
  for (guint s = 0; x->constant_memory && s < N_SHEETS; s++)
    {
      if (x->sheets[s] != NULL && x->sheets[s]->optimize_tmpfile != NULL)
        {
          fclose (x->sheets[s]->optimize_tmpfile);
          x->sheets[s]->optimize_tmpfile = NULL;
        }
    }

  lxw_workbook_free (g_steal_pointer (&x->workbook));
}

/*
 * libxlsxwriter writes the rows of constant-memory sheets to files of its
 * own without checking that the writes succeed, then copies them into the
 * workbook without checking either: a disk that fills up would give a
 * workbook with rows missing.  So the last row goes to its file now, every
 * row file's error flag must be clear, and a descriptor on each is kept to
 * compare the workbook with it once written (sp-xlsx-check.c).
 */
static gboolean
check_row_files (SpXlsx         *x,
                 const char     *path,
                 SpXlsxRowFile  *row_files,
                 guint          *n_row_files,
                 GError        **error)
{
  *n_row_files = 0;

  for (guint s = 0; x->constant_memory && s < N_SHEETS; s++)
    {
      lxw_worksheet *sheet = x->sheets[s];
      FILE *rows = sheet->optimize_tmpfile;
      SpXlsxRowFile *r;
      off_t size;

      if (rows == NULL)
        continue;

      if (sheet->optimize_row != NULL)
        lxw_worksheet_write_single_row (sheet);

      errno = 0;
      if (fflush (rows) != 0 || ferror (rows) || fileno (rows) < 0)
        {
          sp_export_set_file_error (error, errno, path);
          return FALSE;
        }

      r = &row_files[(*n_row_files)++];
      r->sheet_number = sheet->index + 1;
      r->fd = dup (fileno (rows));
      size = lseek (fileno (rows), 0, SEEK_END);
      r->size = size;
      if (r->fd < 0 || size < 0)
        {
          sp_export_set_file_error (error, errno, path);
          return FALSE;
        }
    }

  return TRUE;
}

static void
close_row_files (SpXlsxRowFile *row_files,
                 guint          n_row_files)
{
  for (guint i = 0; i < n_row_files; i++)
    {
      if (row_files[i].fd >= 0)
        close (row_files[i].fd);
    }
}

/*
 * libxlsxwriter prints its own lines on stderr ("[ERROR] workbook_close():
 * …") before returning the error that we turn into a sentence; the owner
 * should see only ours.  stderr is the process's, so swaps are serialised.
 */
typedef struct
{
  FILE   *saved;
  FILE   *sink;
  char   *text;
  size_t  len;
} Hush;

static GMutex hush_lock;

static void
hush_library_begin (Hush *h)
{
  g_mutex_lock (&hush_lock);
  h->text = NULL;
  h->len = 0;
  h->saved = stderr;
  h->sink = open_memstream (&h->text, &h->len);
  if (h->sink != NULL)
    stderr = h->sink;
}

static void
hush_library_end (Hush *h)
{
  stderr = h->saved;
  if (h->sink != NULL)
    {
      fclose (h->sink);
      if (h->len > 0)
        g_debug ("libxlsxwriter said: %s", g_strchomp (h->text));
      free (h->text);
    }
  g_mutex_unlock (&hush_lock);
}

static void
export_clear (SpXlsx *x)
{
  discard_workbook (x);

  for (guint s = 0; s < N_SHEETS; s++)
    {
      g_free (x->sheet_names[s]);
      g_free (x->quoted_names[s]);
    }
  for (guint t = 0; t < SP_N_EXPORT_TABLES; t++)
    for (guint c = 0; c < SP_EXPORT_MAX_COLS; c++)
      g_free (x->ranges[t][c]);

  g_clear_pointer (&x->number_formats, g_hash_table_unref);
  g_clear_pointer (&x->trend, g_ptr_array_unref);
  g_clear_pointer (&x->agents, g_ptr_array_unref);
  g_clear_object (&x->current);
  g_clear_object (&x->previous);
  g_clear_object (&x->last_month);
  g_clear_object (&x->engine);
  g_clear_object (&x->benchmarks);
  g_clear_pointer (&x->shop_name, g_free);
  g_clear_pointer (&x->period_text, g_free);
  g_clear_pointer (&x->currency, g_free);
}

static gboolean
write_workbook (SpXlsx             *x,
                SpExportFile       *file,
                SpXlsxExportFlags   flags,
                GError            **error)
{
  g_autofree char *folder = g_path_get_dirname (sp_export_file_get_temp_path (file));
  lxw_workbook_options options = { 0 };
  SpXlsxRowFile row_files[N_SHEETS];
  guint n_row_files = 0;
  lxw_error status;
  int saved_errno;
  gboolean ok;
  Hush hush;

  if (!count_rows (x, error) || !compute (x, error))
    return FALSE;

  x->constant_memory = (flags & SP_XLSX_EXPORT_CONSTANT_MEMORY) != 0 ||
                       ((flags & SP_XLSX_EXPORT_IN_MEMORY) == 0 &&
                        x->total_rows >= SP_XLSX_CONSTANT_MEMORY_ROWS);

  /* libxlsxwriter's own temporary files go beside the file too: on the
   * disk it is written to, not in a /tmp that may be small or in memory;
   * in a folder of their own, which an interruption removes whole */
  options.constant_memory = x->constant_memory;
  options.tmpdir = (char *) sp_export_file_get_temp_folder (file);
  if (options.tmpdir == NULL)
    options.tmpdir = folder;
  hush_library_begin (&hush);
  x->workbook = workbook_new_opt (sp_export_file_get_temp_path (file), &options);
  hush_library_end (&hush);
  if (x->workbook == NULL)
    {
      set_workbook_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED, 0,
                          sp_export_file_get_path (file));
      return FALSE;
    }

  sp_xlsx_add_formats (x);
  if (!add_sheets (x, error))
    return FALSE;

  /* The Contacts sheet first: the formulas of the others need its size */
  for (guint t = 0; t < SP_N_EXPORT_TABLES; t++)
    {
      if (!sp_xlsx_write_table (x, t, error))
        return FALSE;
    }

  if (x->lxw_status != LXW_NO_ERROR)
    {
      set_workbook_error (error, x->lxw_status, 0, sp_export_file_get_path (file));
      return FALSE;
    }

  sp_xlsx_write_trend (x);
  sp_xlsx_write_agents (x);
  sp_xlsx_write_goals (x);
  sp_xlsx_write_costs (x);
  sp_xlsx_write_definitions (x);
  sp_xlsx_write_summary (x);
  set_properties (x);

  sp_xlsx_set_print (x, SHEET_SUMMARY, TRUE, SUMMARY_HEADER_ROW);
  sp_xlsx_set_print (x, SHEET_TREND, TRUE, TOP_ROWS);
  sp_xlsx_set_print (x, SHEET_AGENTS, TRUE, TOP_ROWS);
  sp_xlsx_set_print (x, SHEET_GOALS, TRUE, TOP_ROWS);
  sp_xlsx_set_print (x, SHEET_COSTS, FALSE, TOP_ROWS);
  for (guint t = 0; t < SP_N_EXPORT_TABLES; t++)
    sp_xlsx_set_print (x, sp_xlsx_table_sheets[t].sheet, TRUE, TOP_ROWS);
  sp_xlsx_set_print (x, SHEET_DEFINITIONS, TRUE, TOP_ROWS);

  if (x->lxw_status != LXW_NO_ERROR)
    {
      set_workbook_error (error, x->lxw_status, 0, sp_export_file_get_path (file));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (x->cancellable, error) ||
      !check_row_files (x, sp_export_file_get_path (file), row_files, &n_row_files, error))
    {
      close_row_files (row_files, n_row_files);
      return FALSE;
    }

  if (x->progress != NULL)
    x->progress (1.0, x->progress_data);

  hush_library_begin (&hush);
  errno = 0;
  status = workbook_close (g_steal_pointer (&x->workbook));
  saved_errno = errno;
  hush_library_end (&hush);

  if (status != LXW_NO_ERROR)
    {
      set_workbook_error (error, status, saved_errno, sp_export_file_get_path (file));
      ok = FALSE;
    }
  else
    ok = sp_xlsx_check_written (sp_export_file_get_temp_path (file),
                                sp_export_file_get_path (file), row_files, n_row_files, error);

  close_row_files (row_files, n_row_files);

  return ok && !g_cancellable_set_error_if_cancelled (x->cancellable, error);
}

/**
 * sp_xlsx_export:
 * @period: the days to export, both inclusive
 * @path: the workbook to write; replaced only once the new one is complete
 * @progress: (nullable): called now and then with the share of rows written
 * @cancellable: (nullable): stops the export, leaving no file behind
 *
 * Writes the workbook of @period (see the top of this file).
 */
gboolean
sp_xlsx_export (SpStore               *store,
                const SpPeriod        *period,
                const char            *path,
                SpXlsxExportFlags      flags,
                SpExportProgressFunc   progress,
                gpointer               progress_data,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autoptr(SpExportFile) file = NULL;
  locale_t base;
  locale_t previous;
  gboolean own;
  gboolean ok;
  SpXlsx x = { NULL };

  g_return_val_if_fail (SP_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!(file = sp_export_file_new (path, error)))
    return FALSE;

  /* The file's numbers with a dot whatever the locale, on this thread only */
  previous = uselocale ((locale_t) 0);
  base = duplocale (previous);
  x.c_locale = base ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;
  if (x.c_locale == (locale_t) 0)
    {
      if (base)
        freelocale (base);
      g_set_error_literal (error, SP_ERROR, SP_ERROR_FAILED,
                           _("The workbook could not be written: there was not enough "
                             "memory."));
      return FALSE;
    }
  x.user_locale = previous;

  x.store = store;
  x.period = *period;
  x.previous_period = sp_period_previous (period);
  x.engine = sp_kpi_engine_new (store);
  x.benchmarks = g_object_ref (sp_kpi_engine_get_benchmarks (x.engine));
  x.progress = progress;
  x.progress_data = progress_data;
  x.cancellable = cancellable;
  x.shop_name = sp_store_dup_setting (store, "shop.name");
  if (x.shop_name != NULL && *g_strstrip (x.shop_name) == '\0')
    g_clear_pointer (&x.shop_name, g_free);
  sp_export_context_init (&x.context, x.benchmarks, sp_time_now ());
  x.period_text = sp_period_format_so_far_on (period, sp_date_today ());
  if (x.period_text == NULL)
    x.period_text = sp_period_format (period);
  x.currency = sp_shop_dup_currency_or_locale (store);
  x.vat = sp_shop_get_vat (store);
  x.paper = sp_shop_get_paper (store);

  /* One snapshot of the database for every figure and row */
  ok = sp_export_snapshot_begin (store, &own, error);
  if (ok)
    {
      uselocale (x.c_locale);
      ok = write_workbook (&x, file, flags, error);
      uselocale (previous);

      sp_export_snapshot_end (store, own);
    }

  export_clear (&x);
  freelocale (x.c_locale);

  return ok && sp_export_file_commit (file, error);
}

/* In a thread */

typedef struct
{
  SpPeriod              period;
  char                 *path;
  SpXlsxExportFlags     flags;
  SpExportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
} ExportData;

typedef struct
{
  ExportData *d;
  double      fraction;
} ProgressReport;

static void
export_data_free (gpointer data)
{
  ExportData *d = data;

  if (d->progress_destroy != NULL)
    d->progress_destroy (d->progress_data);
  g_free (d->path);
  g_free (d);
}

static gboolean
progress_report_cb (gpointer data)
{
  ProgressReport *report = data;

  report->d->progress (report->fraction, report->d->progress_data);
  return G_SOURCE_REMOVE;
}

/* Called on the export's thread: hands the figure to the caller's */
static void
progress_in_thread (double   fraction,
                    gpointer user_data)
{
  SpWorker *worker = user_data;
  ProgressReport *report = g_new0 (ProgressReport, 1);

  report->d = sp_worker_get_data (worker);
  report->fraction = fraction;
  sp_worker_post (worker, G_PRIORITY_DEFAULT, progress_report_cb, report, g_free);
}

static gboolean
export_thread (SpWorker      *worker,
               SpStore       *reader,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ExportData *d = data;

  return sp_xlsx_export (reader, &d->period, d->path, d->flags,
                         d->progress ? progress_in_thread : NULL, worker, cancellable, error);
}

/**
 * sp_xlsx_export_async:
 * @progress: (nullable) (scope notified): called on the thread-default main
 *   context of the caller, now and then
 *
 * sp_xlsx_export() on a thread, with a read-only connection of its own.
 */
void
sp_xlsx_export_async (SpStore               *store,
                      const SpPeriod        *period,
                      const char            *path,
                      SpXlsxExportFlags      flags,
                      SpExportProgressFunc   progress,
                      gpointer               progress_data,
                      GDestroyNotify         progress_destroy,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  ExportData *d;

  g_return_if_fail (SP_IS_STORE (store));
  g_return_if_fail (period != NULL);
  g_return_if_fail (path != NULL);

  d = g_new0 (ExportData, 1);
  d->path = g_strdup (path);
  d->period = *period;
  d->flags = flags;
  d->progress = progress;
  d->progress_data = progress_data;
  d->progress_destroy = progress_destroy;

  sp_worker_run_async (NULL, store, SP_WORKER_DEFAULT, export_thread, d, export_data_free,
                       cancellable, callback, user_data);
}

gboolean
sp_xlsx_export_finish (GAsyncResult  *result,
                       GError       **error)
{
  return sp_worker_run_finish (result, NULL, error);
}
