/* sp-record-list.c
 *
 * A list of contacts or survey answers that reads only what is shown.  The
 * ids the filter selects are scanned on a worker thread with a reader
 * connection (8 bytes a row, in the filter's order, the first screenful
 * delivered at once); the records themselves are loaded a page at a time on
 * demand, through a reader connection with a small cache, and only a bounded
 * number of pages is kept.  A million contacts cost about 8 MB of ids and a
 * few hundred records.
 *
 * When the store changes, the ids are scanned again and only what differs
 * is announced, so that the view keeps its place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-record-list"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sp-record-list-private.h"
#include "sp-store-private.h"
#include "sp-worker.h"

#define PAGE_SIZE 64
#define MAX_PAGES 24

typedef struct
{
  GPtrArray *items;
  guint64    last_use;
} Page;

struct _SpRecordList
{
  GObject          parent_instance;

  SpStore         *store;
  SpStore         *reader;       /* pages are read here, with a small cache */
  SpRecordKind     kind;
  SpContactFilter  contact_filter;
  char            *contact_text;
  SpSurveyFilter   survey_filter;
  char            *survey_text;

  GArray          *ids;
  GHashTable      *pages;        /* page index → Page */
  guint64          use_counter;
  guint64          n_fetched;

  guint            generation;
  GCancellable    *cancellable;
  GArray          *pending;      /* the ids of a refresh, until it is complete */
  GArray          *held;         /* the ids after the first chunk, until released */
  GError          *held_error;   /* the end of the scan, held with them */
  GError          *error;
  gulong           changed_id;
  guint            started : 1;
  guint            loading : 1;
  guint            replacing : 1;
  guint            got_first : 1;
  guint            paced : 1;     /* holds what follows the first chunk (set_paced) */
  guint            holding : 1;
  guint            held_done : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SpRecordList, sp_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  SCAN_REPLACE,
  SCAN_REFRESH,
} ScanMode;

/* Pages */

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  g_free (page);
}

static GObject *
make_placeholder (SpRecordKind kind,
                  gint64       id)
{
  if (kind == SP_RECORD_CONTACTS)
    {
      SpContact *contact = sp_contact_new ();

      contact->id = id;
      return G_OBJECT (contact);
    }
  else
    {
      SpSurvey *survey = sp_survey_new ();

      survey->id = id;
      return G_OBJECT (survey);
    }
}

static gint64
item_id (SpRecordKind  kind,
         gpointer      item)
{
  return kind == SP_RECORD_CONTACTS ? ((SpContact *) item)->id : ((SpSurvey *) item)->id;
}

static void
evict_oldest_page (SpRecordList *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gpointer oldest = NULL;
  guint64 oldest_use = G_MAXUINT64;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Page *page = value;

      if (page->last_use < oldest_use)
        {
          oldest_use = page->last_use;
          oldest = key;
        }
    }

  g_hash_table_remove (self->pages, oldest);
}

/*
 * The rows are read through a connection of their own: the store's is set
 * up with a large cache for the KPIs, which scrolling through a large file
 * would fill for nothing.
 */
static SpStore *
page_store (SpRecordList *self)
{
  g_autoptr(GError) error = NULL;

  if (self->reader == NULL)
    {
      self->reader = sp_store_open_reader (self->store, &error);
      if (self->reader == NULL)
        {
          g_debug ("No reader, using the store: %s", error->message);
          self->reader = g_object_ref (self->store);
        }
    }

  return self->reader;
}

static Page *
load_page (SpRecordList *self,
           guint         index)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 *ids;
  guint start = index * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - start);
  Page *page;
  guint k = 0;

  ids = &g_array_index (self->ids, gint64, start);

  if (self->kind == SP_RECORD_CONTACTS)
    records = sp_store_list_contacts_by_id (page_store (self), ids, n, &error);
  else
    records = sp_store_list_surveys_by_id (page_store (self), ids, n, &error);

  if (records == NULL)
    /* a damaged file is the window's to report; the rows stay empty */
    g_debug ("Could not read rows %u to %u: %s", start, start + n, error->message);

  self->n_fetched += n;

  page = g_new0 (Page, 1);
  page->items = g_ptr_array_new_full (n, g_object_unref);

  /* what was deleted since the scan is skipped by the store: keep the
   * positions with an empty record until the next scan removes them */
  for (guint i = 0; i < n; i++)
    {
      if (records != NULL && k < records->len && item_id (self->kind, records->pdata[k]) == ids[i])
        g_ptr_array_add (page->items, g_object_ref (records->pdata[k++]));
      else
        g_ptr_array_add (page->items, make_placeholder (self->kind, ids[i]));
    }

  while (g_hash_table_size (self->pages) >= MAX_PAGES)
    evict_oldest_page (self);

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  return page;
}

static gpointer
get_record (SpRecordList *self,
            guint         position)
{
  guint index = position / PAGE_SIZE;
  Page *page;

  if (position >= self->ids->len)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    page = load_page (self, index);

  page->last_use = ++self->use_counter;
  return page->items->pdata[position % PAGE_SIZE];
}

/* GListModel */

static GType
sp_record_list_get_item_type (GListModel *model)
{
  SpRecordList *self = SP_RECORD_LIST (model);

  return self->kind == SP_RECORD_CONTACTS ? SP_TYPE_CONTACT : SP_TYPE_SURVEY;
}

static guint
sp_record_list_get_n_items (GListModel *model)
{
  return SP_RECORD_LIST (model)->ids->len;
}

static gpointer
sp_record_list_get_item (GListModel *model,
                         guint       position)
{
  gpointer record = get_record (SP_RECORD_LIST (model), position);

  return record ? g_object_ref (record) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sp_record_list_get_item_type;
  iface->get_n_items = sp_record_list_get_n_items;
  iface->get_item = sp_record_list_get_item;
}

/* Comparing what a refresh reloaded with what was shown */

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
contacts_equal (SpContact *a,
                SpContact *b)
{
  return a->id == b->id && a->received_at == b->received_at && a->channel == b->channel &&
         a->agent_id == b->agent_id && g_strcmp0 (a->agent_name, b->agent_name) == 0 &&
         a->customer_id == b->customer_id &&
         g_strcmp0 (a->customer_name, b->customer_name) == 0 &&
         a->category_id == b->category_id &&
         g_strcmp0 (a->category_name, b->category_name) == 0 &&
         a->priority == b->priority && a->first_response_at == b->first_response_at &&
         a->resolved_at == b->resolved_at &&
         a->resolved_first_contact == b->resolved_first_contact &&
         a->escalated == b->escalated && same_double (a->talk_min, b->talk_min) &&
         same_double (a->hold_min, b->hold_min) && same_double (a->wrap_min, b->wrap_min) &&
         a->complaint == b->complaint && g_strcmp0 (a->note, b->note) == 0 &&
         a->escalated_at == b->escalated_at &&
         g_strcmp0 (a->escalated_to, b->escalated_to) == 0 &&
         g_strcmp0 (a->escalation_reason, b->escalation_reason) == 0 &&
         a->escalation_resolved_at == b->escalation_resolved_at &&
         a->is_repeat == b->is_repeat && a->followed_up == b->followed_up;
}

static gboolean
surveys_equal (SpSurvey *a,
               SpSurvey *b)
{
  return a->id == b->id && a->answered_at == b->answered_at && a->kind == b->kind &&
         a->score == b->score && a->customer_id == b->customer_id &&
         g_strcmp0 (a->customer_name, b->customer_name) == 0 &&
         a->agent_id == b->agent_id && g_strcmp0 (a->agent_name, b->agent_name) == 0 &&
         a->channel == b->channel && a->category_id == b->category_id &&
         g_strcmp0 (a->category_name, b->category_name) == 0 &&
         g_strcmp0 (a->comment, b->comment) == 0 && a->contact_id == b->contact_id;
}

static gboolean
records_equal (SpRecordList *self,
               gpointer      a,
               gpointer      b)
{
  if (self->kind == SP_RECORD_CONTACTS)
    return contacts_equal (a, b);
  return surveys_equal (a, b);
}

typedef struct
{
  guint    position;
  GObject *record;
} Kept;

static int
compare_kept (gconstpointer a,
              gconstpointer b)
{
  const Kept *ka = a;
  const Kept *kb = b;

  return ka->position < kb->position ? -1 : ka->position > kb->position;
}

static void
clear_kept (gpointer data)
{
  g_clear_object (&((Kept *) data)->record);
}

/*
 * Replaces the ids with @new_ids and announces only the difference: the
 * range between the common beginning and end, and each loaded record
 * outside it whose contents changed.
 */
static void
apply_refresh (SpRecordList *self,
               GArray       *new_ids)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (Kept));
  const gint64 *old = (const gint64 *) (gpointer) self->ids->data;
  const gint64 *new = (const gint64 *) (gpointer) new_ids->data;
  guint old_n = self->ids->len;
  guint new_n = new_ids->len;
  guint prefix = 0, suffix = 0;
  guint removed, added;
  GHashTableIter iter;
  gpointer key, value;

  g_array_set_clear_func (kept, clear_kept);

  while (prefix < old_n && prefix < new_n && old[prefix] == new[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         old[old_n - 1 - suffix] == new[new_n - 1 - suffix])
    suffix++;

  removed = old_n - prefix - suffix;
  added = new_n - prefix - suffix;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Page *page = value;
      guint start = GPOINTER_TO_UINT (key) * PAGE_SIZE;

      for (guint i = 0; i < page->items->len; i++)
        {
          guint pos = start + i;
          Kept k;

          if (pos < prefix)
            k.position = pos;
          else if (pos >= old_n - suffix)
            k.position = pos - removed + added;
          else
            continue;

          k.record = g_object_ref (page->items->pdata[i]);
          g_array_append_val (kept, k);
        }
    }

  g_array_sort (kept, compare_kept);

  g_array_set_size (self->ids, 0);
  g_array_append_vals (self->ids, new_ids->data, new_ids->len);
  g_hash_table_remove_all (self->pages);

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);

  for (guint i = 0; i < kept->len; i++)
    {
      Kept *k = &g_array_index (kept, Kept, i);
      gpointer now = get_record (self, k->position);

      if (now != NULL && !records_equal (self, k->record, now))
        g_list_model_items_changed (G_LIST_MODEL (self), k->position, 1, 1);
    }
}

/* Scanning the ids on a worker thread */

typedef struct
{
  GWeakRef       self;
  SpWorker      *worker;       /* while it runs */
  GCancellable  *cancellable;
  SpRecordKind   kind;
  SpContactFilter contact_filter;
  SpSurveyFilter survey_filter;
  char          *text;
  guint          generation;
  guint          n_posted;
} Scan;

typedef struct
{
  SpRecordList  *self;
  guint          generation;
  GArray        *ids;
  GError        *error;
  gboolean       done;
  gboolean       first;
} Message;

static void
scan_free (gpointer data)
{
  Scan *scan = data;

  g_weak_ref_clear (&scan->self);
  g_object_unref (scan->cancellable);
  g_free (scan->text);
  g_free (scan);
}

static void
message_free (gpointer data)
{
  Message *msg = data;

  g_clear_object (&msg->self);
  g_clear_pointer (&msg->ids, g_array_unref);
  g_clear_error (&msg->error);
  g_free (msg);
}

static void
set_loading (SpRecordList *self,
             gboolean      loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
take_chunk (SpRecordList *self,
            GArray       *chunk)
{
  guint old_n = self->ids->len;

  if (!self->replacing)
    {
      g_array_append_vals (self->pending, chunk->data, chunk->len);
      return;
    }

  if (!self->got_first)
    {
      self->got_first = TRUE;
      /* said before the change, so that whoever hears it can tell */
      self->holding = self->paced;
      g_array_set_size (self->ids, 0);
      g_array_append_vals (self->ids, chunk->data, chunk->len);
      g_hash_table_remove_all (self->pages);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, chunk->len);
      return;
    }

  if (self->holding)
    {
      g_array_append_vals (self->held, chunk->data, chunk->len);
      return;
    }

  g_array_append_vals (self->ids, chunk->data, chunk->len);
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, chunk->len);
}

static void
finish_scan (SpRecordList *self,
             GError       *error)
{
  g_clear_object (&self->cancellable);

  if (error != NULL)
    {
      g_debug ("Could not list the records: %s", error->message);
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
    }
  else if (self->replacing && !self->got_first)
    {
      guint old_n = self->ids->len;

      /* nothing matched */
      g_array_set_size (self->ids, 0);
      g_hash_table_remove_all (self->pages);
      if (old_n > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
    }
  else if (!self->replacing)
    {
      apply_refresh (self, self->pending);
    }

  g_array_set_size (self->pending, 0);
  set_loading (self, FALSE);
}

static gboolean
deliver (gpointer data)
{
  Message *msg = data;
  SpRecordList *self = msg->self;

  if (msg->generation != self->generation)
    return G_SOURCE_REMOVE;

  if (msg->ids != NULL)
    take_chunk (self, msg->ids);

  if (msg->done && self->holding)
    {
      self->held_done = TRUE;
      self->held_error = msg->error != NULL ? g_error_copy (msg->error) : NULL;
    }
  else if (msg->done)
    finish_scan (self, msg->error);

  return G_SOURCE_REMOVE;
}

static gboolean
post (Scan         *scan,
      const gint64 *ids,
      guint         n_ids,
      gboolean      done,
      GError       *error)
{
  SpRecordList *self = g_weak_ref_get (&scan->self);
  Message *msg;

  if (self == NULL)
    {
      g_clear_error (&error);
      return FALSE;
    }

  msg = g_new0 (Message, 1);
  msg->self = self;
  msg->generation = scan->generation;
  msg->first = scan->n_posted++ == 0;
  msg->done = done;
  msg->error = error;

  if (n_ids > 0)
    {
      msg->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
      g_array_append_vals (msg->ids, ids, n_ids);
    }

  /* every chunk before the next frame, in order: at an idle priority the
   * rest waited for a window that never stops drawing while it shows the
   * spinner of a scan under way, and the list stayed at its first screenful
   * (the view makes rows only for what it shows, however many ids it has) */
  sp_worker_post (scan->worker, G_PRIORITY_DEFAULT, deliver, msg, message_free);

  return TRUE;
}

static gboolean
post_chunk (const gint64 *ids,
            guint         n_ids,
            gpointer      user_data)
{
  Scan *scan = user_data;

  if (g_cancellable_is_cancelled (scan->cancellable))
    return FALSE;

  return post (scan, ids, n_ids, FALSE, NULL);
}

/* Lets a long sort be stopped when the filter changes again */
static int
check_cancelled (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static gboolean
scan_thread (SpWorker      *worker,
             SpStore       *reader,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Scan *scan = data;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  scan->worker = worker;
  sqlite3_progress_handler (sp_store_get_handle (reader), 10000, check_cancelled,
                            scan->cancellable);

  if (scan->kind == SP_RECORD_CONTACTS)
    ok = sp_store_scan_contact_ids (reader, &scan->contact_filter, post_chunk, scan,
                                    &local_error);
  else
    ok = sp_store_scan_survey_ids (reader, &scan->survey_filter, post_chunk, scan,
                                   &local_error);

  sqlite3_progress_handler (sp_store_get_handle (reader), 0, NULL, NULL);

  /* the end goes after the chunks, at their priority */
  if (!g_cancellable_is_cancelled (scan->cancellable))
    post (scan, NULL, 0, TRUE, ok ? NULL : g_steal_pointer (&local_error));

  scan->worker = NULL;
  return TRUE;
}

/* Only a reader that did not open comes here: the scan posts its own end */
static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpRecordList) self = NULL;
  Scan *scan;

  if (sp_worker_run_finish (result, (gpointer *) &scan, &error) ||
      g_cancellable_is_cancelled (scan->cancellable))
    return;

  self = g_weak_ref_get (&scan->self);
  if (self != NULL && scan->generation == self->generation)
    finish_scan (self, error);
}

/* What a scan held back is of no use once another starts */
static void
drop_held (SpRecordList *self)
{
  self->holding = FALSE;
  self->held_done = FALSE;
  g_array_set_size (self->held, 0);
  g_clear_error (&self->held_error);
}

static void
start_scan (SpRecordList *self,
            ScanMode      mode)
{
  Scan *scan;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* a list that is still being replaced goes on being replaced */
  self->replacing = mode == SCAN_REPLACE || (self->loading && self->replacing);
  self->got_first = FALSE;
  drop_held (self);
  self->generation++;
  self->cancellable = g_cancellable_new ();
  g_array_set_size (self->pending, 0);
  g_clear_error (&self->error);
  self->started = TRUE;

  scan = g_new0 (Scan, 1);
  g_weak_ref_init (&scan->self, self);
  scan->cancellable = g_object_ref (self->cancellable);
  scan->kind = self->kind;
  scan->generation = self->generation;
  scan->contact_filter = self->contact_filter;
  scan->survey_filter = self->survey_filter;
  if (self->kind == SP_RECORD_CONTACTS)
    scan->contact_filter.text = scan->text = g_strdup (self->contact_text);
  else
    scan->survey_filter.text = scan->text = g_strdup (self->survey_text);

  sp_worker_run_async (NULL, self->store, SP_WORKER_DEFAULT, scan_thread, scan, scan_free,
                       self->cancellable, scan_done_cb, NULL);

  set_loading (self, TRUE);
}

static void
store_changed_cb (SpRecordList *self,
                  guint         changes)
{
  SpStoreChanges relevant = SP_STORE_CHANGE_ENTITIES |
                            (self->kind == SP_RECORD_CONTACTS ? SP_STORE_CHANGE_CONTACTS
                                                              : SP_STORE_CHANGE_SURVEYS);

  if ((changes & relevant) && self->started)
    start_scan (self, SCAN_REFRESH);
}

/* GObject */

static void
sp_record_list_dispose (GObject *object)
{
  SpRecordList *self = SP_RECORD_LIST (object);

  self->generation++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->reader);

  if (self->pages != NULL)
    g_hash_table_remove_all (self->pages);

  G_OBJECT_CLASS (sp_record_list_parent_class)->dispose (object);
}

static void
sp_record_list_finalize (GObject *object)
{
  SpRecordList *self = SP_RECORD_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->held, g_array_unref);
  g_clear_error (&self->held_error);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->contact_text, g_free);
  g_clear_pointer (&self->survey_text, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (sp_record_list_parent_class)->finalize (object);
}

static void
sp_record_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SpRecordList *self = SP_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_record_list_class_init (SpRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sp_record_list_dispose;
  object_class->finalize = sp_record_list_finalize;
  object_class->get_property = sp_record_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_record_list_init (SpRecordList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->held = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  sp_contact_filter_init (&self->contact_filter);
  sp_survey_filter_init (&self->survey_filter);
}

/**
 * sp_record_list_new:
 *
 * An empty list of contacts (or survey answers) that starts loading when
 * a filter is set, or at sp_record_list_refresh(), and then follows the
 * store's changes.
 */
SpRecordList *
sp_record_list_new (SpStore      *store,
                    SpRecordKind  kind)
{
  SpRecordList *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                              self, G_CONNECT_SWAPPED);

  return self;
}

SpStore *
sp_record_list_get_store (SpRecordList *self)
{
  g_return_val_if_fail (SP_IS_RECORD_LIST (self), NULL);
  return self->store;
}

SpRecordKind
sp_record_list_get_kind (SpRecordList *self)
{
  g_return_val_if_fail (SP_IS_RECORD_LIST (self), SP_RECORD_CONTACTS);
  return self->kind;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

static gboolean
same_contact_filter (const SpContactFilter *a,
                     const SpContactFilter *b)
{
  return a->from == b->from && a->to == b->to && a->agent_id == b->agent_id &&
         a->channel == b->channel && a->category_id == b->category_id &&
         a->customer_id == b->customer_id && a->state == b->state &&
         same_text (a->text, b->text) && a->repeats_only == b->repeats_only &&
         a->first_contacts_only == b->first_contacts_only && a->sort == b->sort &&
         a->descending == b->descending;
}

static gboolean
same_survey_filter (const SpSurveyFilter *a,
                    const SpSurveyFilter *b)
{
  return a->from == b->from && a->to == b->to && a->kind == b->kind &&
         a->agent_id == b->agent_id && a->channel == b->channel &&
         a->category_id == b->category_id && same_text (a->text, b->text) &&
         a->descending == b->descending && a->sort == b->sort;
}

/*
 * Shows what @filter selects (a list of contacts); the text is copied.  The
 * same filter again changes nothing.
 */
void
sp_record_list_set_contact_filter (SpRecordList          *self,
                                   const SpContactFilter *filter)
{
  char *text;

  g_return_if_fail (SP_IS_RECORD_LIST (self));
  g_return_if_fail (self->kind == SP_RECORD_CONTACTS);
  g_return_if_fail (filter != NULL);

  if (self->started && same_contact_filter (&self->contact_filter, filter))
    return;

  /* the text may be our own, handed out by the getter: copy it first */
  text = g_strdup (filter->text);
  g_free (self->contact_text);
  self->contact_text = text;
  self->contact_filter = *filter;
  self->contact_filter.text = self->contact_text;

  start_scan (self, SCAN_REPLACE);
}

void
sp_record_list_get_contact_filter (SpRecordList    *self,
                                   SpContactFilter *filter)
{
  g_return_if_fail (SP_IS_RECORD_LIST (self));
  g_return_if_fail (filter != NULL);

  *filter = self->contact_filter;
}

void
sp_record_list_set_survey_filter (SpRecordList         *self,
                                  const SpSurveyFilter *filter)
{
  char *text;

  g_return_if_fail (SP_IS_RECORD_LIST (self));
  g_return_if_fail (self->kind == SP_RECORD_SURVEYS);
  g_return_if_fail (filter != NULL);

  if (self->started && same_survey_filter (&self->survey_filter, filter))
    return;

  text = g_strdup (filter->text);
  g_free (self->survey_text);
  self->survey_text = text;
  self->survey_filter = *filter;
  self->survey_filter.text = self->survey_text;

  start_scan (self, SCAN_REPLACE);
}

void
sp_record_list_get_survey_filter (SpRecordList   *self,
                                  SpSurveyFilter *filter)
{
  g_return_if_fail (SP_IS_RECORD_LIST (self));
  g_return_if_fail (filter != NULL);

  *filter = self->survey_filter;
}

/* Reads the list (again, announcing only what changed). */
void
sp_record_list_refresh (SpRecordList *self)
{
  g_return_if_fail (SP_IS_RECORD_LIST (self));
  start_scan (self, self->started ? SCAN_REFRESH : SCAN_REPLACE);
}

gboolean
sp_record_list_is_loading (SpRecordList *self)
{
  g_return_val_if_fail (SP_IS_RECORD_LIST (self), FALSE);
  return self->loading;
}

/**
 * sp_record_list_set_paced:
 *
 * A paced list shows the first chunk of a new listing at once and holds
 * the rest back (sp_record_list_is_holding()) until
 * sp_record_list_release(): a view that makes widgets for many rows at a
 * time paints its first screenful from the first chunk alone, then takes
 * the rest.
 */
void
sp_record_list_set_paced (SpRecordList *self,
                          gboolean      paced)
{
  g_return_if_fail (SP_IS_RECORD_LIST (self));

  self->paced = paced;
  if (!paced)
    sp_record_list_release (self);
}

gboolean
sp_record_list_is_holding (SpRecordList *self)
{
  g_return_val_if_fail (SP_IS_RECORD_LIST (self), FALSE);
  return self->holding;
}

/* Adds what was held back, and ends the scan when its end was held too */
void
sp_record_list_release (SpRecordList *self)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  g_return_if_fail (SP_IS_RECORD_LIST (self));

  if (!self->holding)
    return;

  done = self->held_done;
  error = g_steal_pointer (&self->held_error);
  self->holding = FALSE;
  self->held_done = FALSE;

  if (self->held->len > 0)
    {
      guint old_n = self->ids->len;
      guint added = self->held->len;

      g_array_append_vals (self->ids, self->held->data, added);
      g_array_set_size (self->held, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, added);
    }

  if (done)
    finish_scan (self, error);
}

/* Why the last scan failed, or NULL */
const GError *
sp_record_list_get_error (SpRecordList *self)
{
  g_return_val_if_fail (SP_IS_RECORD_LIST (self), NULL);
  return self->error;
}

/* The id at @position, without loading the record */
gint64
sp_record_list_get_id (SpRecordList *self,
                       guint         position)
{
  g_return_val_if_fail (SP_IS_RECORD_LIST (self), 0);

  if (position >= self->ids->len)
    return 0;

  return g_array_index (self->ids, gint64, position);
}

/* The position of the record with @id, or G_MAXUINT */
guint
sp_record_list_find_id (SpRecordList *self,
                        gint64        id)
{
  g_return_val_if_fail (SP_IS_RECORD_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_array_index (self->ids, gint64, i) == id)
        return i;
    }

  return G_MAXUINT;
}

/* How many records were read from the database so far */
guint64
sp_record_list_get_n_fetched (SpRecordList *self)
{
  g_return_val_if_fail (SP_IS_RECORD_LIST (self), 0);
  return self->n_fetched;
}

guint
sp_record_list_get_n_cached_pages (SpRecordList *self)
{
  g_return_val_if_fail (SP_IS_RECORD_LIST (self), 0);
  return g_hash_table_size (self->pages);
}

guint
sp_record_list_get_page_size (void)
{
  return PAGE_SIZE;
}

guint
sp_record_list_get_max_pages (void)
{
  return MAX_PAGES;
}
