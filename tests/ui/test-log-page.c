/* test-log-page.c: the lists of the Log page, their filters, sorting, opening and deleting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sp-contact-form.h"
#include "sp-log-page.h"
#include "sp-record-list-private.h"
#include "sp-record-view.h"
#include "sp-store-private.h"
#include "sp-survey-form.h"
#include "sp-test-ui.h"
#include "sp-test-util.h"
#include "sp-window.h"

typedef struct
{
  char      *dir;
  SpWindow  *window;
  SpStore   *store;
  SpLogPage *page;
  gint64     agents[3];
} Fixture;

static const char * const agent_names[] = { "Ana", "Ben", "Cleo" };
static const char * const customer_names[] = { "Bob Becker", "Cy Young", "Dana Becker", NULL };

static void
fill (Fixture *f,
      guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_test_open_store (f->dir);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gint64 topic;

  g_assert_true (sp_store_begin (store, &error));

  for (guint i = 0; i < G_N_ELEMENTS (agent_names); i++)
    f->agents[i] = sp_store_ensure_entity (store, SP_ENTITY_AGENT, agent_names[i], &error);
  topic = sp_store_ensure_entity (store, SP_ENTITY_CATEGORY, "Billing", &error);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SpContact) c = sp_contact_new ();
      const char *customer = customer_names[g_rand_int_range (rand, 0, 4)];

      c->received_at = sp_test_time ("2026-01-01 09:00") + g_rand_int_range (rand, 0, 300) * 86400 +
                       g_rand_int_range (rand, 0, 36000);
      c->channel = g_rand_int_range (rand, 0, SP_N_CHANNELS);
      c->agent_id = f->agents[g_rand_int_range (rand, 0, 3)];
      c->category_id = g_rand_boolean (rand) ? topic : 0;
      if (customer != NULL)
        c->customer_id = sp_store_ensure_entity (store, SP_ENTITY_CUSTOMER, customer, &error);
      if (g_rand_boolean (rand))
        c->resolved_at = c->received_at + 1800;
      c->escalated = g_rand_int_range (rand, 0, 8) == 0;
      if (c->escalated)
        {
          sp_contact_set_escalated_to (c, "Workshop");
          sp_contact_set_escalation_reason (c, "Needs a part");
        }
      g_assert_true (sp_store_insert_contact_unlocked (store, c, &error));

      if (i % 5 == 0)
        {
          g_autoptr(SpSurvey) s = sp_survey_new ();

          s->answered_at = c->received_at + 7200;
          s->kind = i % 3;
          s->score = 1 + i % 5;
          s->contact_id = c->id;
          g_assert_true (sp_store_insert_survey_unlocked (store, s, &error));
        }
    }

  g_assert_true (sp_store_refresh_marked (store, &error));
  g_assert_true (sp_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
wait_lists (Fixture *f)
{
  SpRecordView *views[] = {
    SP_RECORD_VIEW (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "contacts_view")),
    SP_RECORD_VIEW (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "escalations_view")),
    SP_RECORD_VIEW (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "surveys_view")),
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      SpRecordList *list = sp_record_view_get_list (views[i]);

      sp_test_wait_until (list == NULL || !sp_record_list_is_loading (list));
    }

  sp_test_ui_flush ();
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   gboolean       *changed)
{
  *changed = TRUE;
}

/* Types in the search and waits for the search to start (after the entry's delay) */
static void
set_search (Fixture    *f,
            const char *text)
{
  GtkWidget *search = sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "search_entry");
  gboolean changed = FALSE;
  gulong id = g_signal_connect (search, "search-changed", G_CALLBACK (search_changed_cb),
                                &changed);

  sp_test_ui_set_text (search, text);
  sp_test_wait_until (changed);
  g_signal_handler_disconnect (search, id);
}

static void
open_window (Fixture *f)
{
  g_autofree char *path = sp_test_db_path (f->dir);

  f->window = sp_window_new (NULL, path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  sp_test_ui_wait_mapped (GTK_WIDGET (f->window));
  sp_window_show_page (f->window, "log");

  f->store = sp_window_get_store (f->window);
  f->page = SP_LOG_PAGE (sp_test_ui_find (GTK_WIDGET (f->window), SP_TYPE_LOG_PAGE, NULL));
  g_assert_nonnull (f->page);
  wait_lists (f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = sp_test_make_dir ();
  fill (f, GPOINTER_TO_UINT (data));
  open_window (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sp_test_ui_destroy_all ();
  sp_test_remove_dir (f->dir);
  g_free (f->dir);
}

static SpRecordView *
view (Fixture    *f,
      const char *name)
{
  return SP_RECORD_VIEW (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, name));
}

static GListModel *
model (Fixture    *f,
       const char *name)
{
  return G_LIST_MODEL (sp_record_view_get_list (view (f, name)));
}

static void
select_dropdown (Fixture    *f,
                 const char *name,
                 const char *label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, name));
  GListModel *labels = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), label) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          wait_lists (f);
          return;
        }
    }

  g_error ("No “%s” in %s", label, name);
}

static const char *
count_label (Fixture *f)
{
  return gtk_label_get_label (GTK_LABEL (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE,
                                                           "count_label")));
}

static const char *
selected_period (Fixture *f)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE,
                                                           "period_dropdown"));

  return gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)),
                                     gtk_drop_down_get_selected (dropdown));
}

/* What the filters select is what the store counts, and the label says so */
static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GListModel *contacts = model (f, "contacts_view");
  g_autofree char *expected = NULL;
  SpContactFilter filter;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (sp_test_ui_child (
                     f->page, SP_TYPE_LOG_PAGE, "main_stack"))), ==, "lists");
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 300);
  g_assert_cmpstr (count_label (f), ==, "300 contacts");

  /* newest first, as the store lists them */
  {
    g_autoptr(GPtrArray) newest = sp_store_list_contacts (f->store, NULL, 0, 1, NULL);
    g_autoptr(SpContact) first = g_list_model_get_item (contacts, 0);

    g_assert_cmpint (first->id, ==, ((SpContact *) newest->pdata[0])->id);
  }

  sp_contact_filter_init (&filter);

  set_search (f, "becker");
  wait_lists (f);
  filter.text = "becker";
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==,
                    sp_store_count_contacts (f->store, &filter, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (contacts), >, 50);
  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(SpContact) c = g_list_model_get_item (contacts, i);
      g_assert_true (g_str_has_suffix (c->customer_name, "Becker"));
    }

  select_dropdown (f, "agent_dropdown", "Ben");
  filter.agent_id = f->agents[1];
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==,
                    sp_store_count_contacts (f->store, &filter, NULL));

  select_dropdown (f, "state_dropdown", "Open");
  filter.state = SP_CONTACT_STATE_OPEN;
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==,
                    sp_store_count_contacts (f->store, &filter, NULL));

  select_dropdown (f, "channel_dropdown", "Email");
  filter.channel = SP_CHANNEL_EMAIL;
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==,
                    sp_store_count_contacts (f->store, &filter, NULL));

  select_dropdown (f, "topic_dropdown", "No topic");
  filter.category_id = -1;
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==,
                    sp_store_count_contacts (f->store, &filter, NULL));

  /* a period with nothing in it says so */
  select_dropdown (f, "period_dropdown", "Today");
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 0);
  g_assert_cmpstr (count_label (f), ==, "0 contacts");
  g_assert_true (gtk_widget_get_visible (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE,
                                                           "no_matches_page")));

  select_dropdown (f, "period_dropdown", "All time");
  select_dropdown (f, "topic_dropdown", "Any topic");
  select_dropdown (f, "channel_dropdown", "Any channel");
  select_dropdown (f, "state_dropdown", "Open and resolved");
  select_dropdown (f, "agent_dropdown", "Any agent");
  set_search (f, "");
  wait_lists (f);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 300);

  /* escalations: only the escalated ones, with the filters of the page */
  sp_log_page_show_list (f->page, "escalations");
  wait_lists (f);
  sp_contact_filter_init (&filter);
  filter.state = SP_CONTACT_STATE_ESCALATED;
  g_assert_cmpuint (g_list_model_get_n_items (model (f, "escalations_view")), ==,
                    sp_store_count_contacts (f->store, &filter, NULL));
  g_assert_false (gtk_widget_get_visible (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE,
                                                            "state_dropdown")));
  expected = g_strdup_printf ("%u escalations",
                              g_list_model_get_n_items (model (f, "escalations_view")));
  g_assert_cmpstr (count_label (f), ==, expected);

  /* survey answers, by kind */
  sp_log_page_show_list (f->page, "surveys");
  wait_lists (f);
  g_assert_cmpuint (g_list_model_get_n_items (model (f, "surveys_view")), ==, 60);
  select_dropdown (f, "kind_dropdown", "Recommendation (NPS)");
  {
    SpSurveyFilter sf;

    sp_survey_filter_init (&sf);
    sf.kind = SP_SURVEY_NPS;
    g_assert_cmpuint (g_list_model_get_n_items (model (f, "surveys_view")), ==,
                      sp_store_count_surveys (f->store, &sf, NULL));
  }
}

/* The dashboard's "Show the Contacts": its filter, a banner, and a way back */
static void
test_show_contacts (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *revealer = sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "pinned_revealer");
  GtkWidget *banner = sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "pinned_label");
  GListModel *list = model (f, "contacts_view");
  SpContactFilter pin, applied;
  gint64 all;

  all = g_list_model_get_n_items (list);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  sp_contact_filter_init (&pin);
  pin.from = sp_test_date ("2026-03-01");
  pin.to = sp_test_date ("2026-03-31");
  pin.agent_id = f->agents[1];
  pin.state = SP_CONTACT_STATE_ESCALATED;

  sp_log_page_show_list (f->page, "surveys");
  sp_log_page_show_contacts (f->page, &pin);
  wait_lists (f);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (sp_test_ui_child (
                     f->page, SP_TYPE_LOG_PAGE, "list_stack"))), ==, "contacts");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  sp_assert_contains (gtk_label_get_label (GTK_LABEL (banner)), "Escalated contacts of Ben");
  /* the period filter shows the period the Log was opened with */
  {
    SpPeriod march = sp_period_make (pin.from, pin.to);
    g_autofree char *text = sp_period_format (&march);

    g_assert_cmpstr (selected_period (f), ==, text);
  }

  sp_log_page_get_contact_filter (f->page, &applied);
  g_assert_cmpint (applied.from, ==, pin.from);
  g_assert_cmpint (applied.to, ==, pin.to);
  g_assert_cmpint (applied.agent_id, ==, pin.agent_id);
  g_assert_cmpint (applied.state, ==, SP_CONTACT_STATE_ESCALATED);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==,
                    sp_store_count_contacts (f->store, &pin, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (list), <, all);

  /* searching stays within it */
  set_search (f, "becker");
  wait_lists (f);
  pin.text = "becker";
  g_assert_cmpuint (g_list_model_get_n_items (list), ==,
                    sp_store_count_contacts (f->store, &pin, NULL));
  set_search (f, "");
  wait_lists (f);

  /* a filter chosen above replaces it */
  select_dropdown (f, "channel_dropdown", sp_channel_get_label (SP_CHANNEL_EMAIL));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  sp_log_page_get_contact_filter (f->page, &applied);
  g_assert_cmpint (applied.agent_id, ==, 0);
  g_assert_cmpint (applied.channel, ==, SP_CHANNEL_EMAIL);
  g_assert_cmpint (applied.state, ==, SP_CONTACT_STATE_ALL);

  /* and Show All goes back to the filters above */
  select_dropdown (f, "channel_dropdown", "Any channel");
  sp_log_page_show_contacts (f->page, &pin);
  wait_lists (f);
  sp_test_ui_activate_button (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "pinned_clear_button"));
  wait_lists (f);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, all);
}

/*
 * A survey KPI's "Show the Answers": the answers of its kind and period,
 * lowest score first, and the period filter shows that period.
 */
static void
test_show_answers (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *revealer = sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "pinned_revealer");
  GtkWidget *banner = sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "pinned_label");
  GListModel *list = model (f, "surveys_view");
  g_autofree char *period_text = NULL;
  SpSurveyFilter pin, applied;
  SpPeriod period;
  gint64 expected;
  int lowest = 99;

  sp_survey_filter_init (&pin);
  pin.from = sp_test_date ("2026-02-10");
  pin.to = sp_test_date ("2026-08-20");
  pin.kind = SP_SURVEY_CSAT;
  period = sp_period_make (pin.from, pin.to);
  period_text = sp_period_format (&period);

  sp_log_page_show_answers (f->page, &pin);
  wait_lists (f);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (sp_test_ui_child (
                     f->page, SP_TYPE_LOG_PAGE, "list_stack"))), ==, "surveys");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  sp_assert_contains (gtk_label_get_label (GTK_LABEL (banner)), "CSAT answers");
  sp_assert_contains (gtk_label_get_label (GTK_LABEL (banner)), "lowest score first");
  /* the period filter says which period it is, though it is none of the presets */
  g_assert_cmpstr (selected_period (f), ==, period_text);

  sp_log_page_get_survey_filter (f->page, &applied);
  g_assert_cmpint (applied.kind, ==, SP_SURVEY_CSAT);
  g_assert_cmpint (applied.from, ==, pin.from);
  g_assert_cmpint (applied.to, ==, pin.to);
  g_assert_cmpint (applied.sort, ==, SP_SURVEY_SORT_SCORE);
  g_assert_false (applied.descending);

  /* the answers, not the contacts: as many as the store counts, the lowest first */
  expected = sp_store_count_surveys (f->store, &pin, NULL);
  g_assert_cmpint (expected, >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected);
  {
    g_autoptr(GPtrArray) all = sp_store_list_surveys (f->store, &pin, 0, 1000, NULL);
    g_autoptr(SpSurvey) first = g_list_model_get_item (list, 0);

    for (guint i = 0; i < all->len; i++)
      lowest = MIN (lowest, ((SpSurvey *) g_ptr_array_index (all, i))->score);
    g_assert_cmpint (first->score, ==, lowest);
  }

  /* Show All: the filters as they were, the pin's period gone from the list */
  sp_test_ui_activate_button (sp_test_ui_child (f->page, SP_TYPE_LOG_PAGE, "pinned_clear_button"));
  wait_lists (f);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpstr (selected_period (f), ==, "All time");
  sp_log_page_get_survey_filter (f->page, &applied);
  g_assert_cmpint (applied.from, ==, SP_DATE_NONE);
}

/* Clicking a header sorts in the store, not in memory */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  SpRecordView *contacts = view (f, "contacts_view");
  GListModel *list = model (f, "contacts_view");
  SpContactFilter filter;
  g_autoptr(GArray) ids = NULL;

  sp_record_view_sort_by (contacts, "customer", FALSE);
  wait_lists (f);

  sp_record_list_get_contact_filter (SP_RECORD_LIST (list), &filter);
  g_assert_cmpint (filter.sort, ==, SP_CONTACT_SORT_CUSTOMER);
  g_assert_false (filter.descending);

  ids = sp_store_list_contact_ids (f->store, &filter, NULL);
  g_assert_cmpuint (ids->len, ==, g_list_model_get_n_items (list));
  for (guint i = 0; i < ids->len; i += 7)
    {
      g_autoptr(SpContact) c = g_list_model_get_item (list, i);
      g_assert_cmpint (c->id, ==, g_array_index (ids, gint64, i));
    }

  /* the other way */
  sp_record_view_sort_by (contacts, "customer", TRUE);
  wait_lists (f);
  sp_record_list_get_contact_filter (SP_RECORD_LIST (list), &filter);
  g_assert_cmpint (filter.sort, ==, SP_CONTACT_SORT_CUSTOMER);
  g_assert_true (filter.descending);

  /* a filter keeps the sort */
  set_search (f, "y");
  wait_lists (f);
  sp_record_list_get_contact_filter (SP_RECORD_LIST (list), &filter);
  g_assert_cmpint (filter.sort, ==, SP_CONTACT_SORT_CUSTOMER);
  g_assert_cmpstr (filter.text, ==, "y");

  sp_log_page_show_list (f->page, "surveys");
  sp_record_view_sort_by (view (f, "surveys_view"), "score", TRUE);
  wait_lists (f);
  {
    SpSurveyFilter sf;

    sp_record_list_get_survey_filter (sp_record_view_get_list (view (f, "surveys_view")), &sf);
    g_assert_cmpint (sf.sort, ==, SP_SURVEY_SORT_SCORE);
    g_assert_true (sf.descending);
  }
}

static GtkWidget *
find_undo_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)),
                                              "_Undo (Ctrl+Z)") == 0)
        return child;
      if ((found = find_undo_button (child)))
        return found;
    }

  return NULL;
}

/* A row opens in its form; Delete deletes it and Undo puts it back */
static void
test_open_delete_undo (Fixture       *f,
                       gconstpointer  data)
{
  SpRecordView *contacts = view (f, "contacts_view");
  GtkColumnView *column_view = sp_record_view_get_column_view (contacts);
  GListModel *list = model (f, "contacts_view");
  g_autoptr(SpContact) first = g_list_model_get_item (list, 0);
  g_autoptr(SpContact) second = g_list_model_get_item (list, 1);
  g_autoptr(SpContact) back = NULL;
  SpContactForm *form;
  GtkWidget *undo;
  gint64 escalations;

  g_signal_emit_by_name (column_view, "activate", 1);
  sp_test_ui_flush ();
  form = SP_CONTACT_FORM (sp_test_ui_find_toplevel (SP_TYPE_CONTACT_FORM));
  g_assert_nonnull (form);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (form)), ==, "Edit Contact");

  /* an edit shows in the list */
  sp_test_ui_set_text (sp_test_ui_child (form, SP_TYPE_CONTACT_FORM, "note_row"),
                       "Edited from the list");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  wait_lists (f);
  g_clear_object (&second);
  second = g_list_model_get_item (list, 1);
  g_assert_cmpstr (second->note, ==, "Edited from the list");

  /* delete the selected one */
  escalations = sp_test_query_int (f->store, "SELECT count(*) FROM escalations");
  gtk_selection_model_select_item (gtk_column_view_get_model (column_view), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (contacts), "view.delete-selected", NULL);
  wait_lists (f);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 299);
  g_assert_cmpuint (sp_record_list_find_id (SP_RECORD_LIST (list), first->id), ==, G_MAXUINT);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM contacts"), ==, 299);

  undo = find_undo_button (GTK_WIDGET (f->window));
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_lists (f);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 300);
  back = sp_store_load_contact (f->store, first->id, NULL);
  g_assert_nonnull (back);
  g_assert_cmpint (back->received_at, ==, first->received_at);
  g_assert_cmpstr (back->customer_name, ==, first->customer_name);
  g_assert_cmpint (back->escalated, ==, first->escalated);
  g_assert_cmpint (sp_test_query_int (f->store, "SELECT count(*) FROM escalations"), ==,
                   escalations);
  {
    g_autoptr(SpContact) again = g_list_model_get_item (list, 0);
    g_assert_cmpint (again->id, ==, first->id);
  }

  /* survey answers open in theirs */
  sp_log_page_show_list (f->page, "surveys");
  wait_lists (f);
  g_signal_emit_by_name (sp_record_view_get_column_view (view (f, "surveys_view")), "activate", 0);
  sp_test_ui_flush ();
  g_assert_nonnull (sp_test_ui_find_toplevel (SP_TYPE_SURVEY_FORM));
}

/* On a large file the page reads the rows it shows, and a page or so around them */
static void
test_reads_only_what_is_shown (Fixture       *f,
                               gconstpointer  data)
{
  SpRecordView *contacts = view (f, "contacts_view");
  SpRecordList *list = sp_record_view_get_list (contacts);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (sp_test_ui_child (contacts,
                                                                       SP_TYPE_RECORD_VIEW,
                                                                       "scroller"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  guint page = sp_record_list_get_page_size ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint64 fetched;

  g_assert_cmpuint (n, ==, 20000);
  fetched = sp_record_list_get_n_fetched (list);
  g_assert_cmpuint (fetched, >, 0);
  g_assert_cmpuint (fetched, <=, 4 * page);

  /* to the end */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  sp_test_ui_wait_frames (GTK_WIDGET (scroller), 3);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  sp_test_ui_wait_frames (GTK_WIDGET (scroller), 3);

  g_assert_cmpuint (sp_record_list_get_n_fetched (list), <=, fetched + 6 * page);
  g_assert_cmpuint (sp_record_list_get_n_cached_pages (list), <=,
                    sp_record_list_get_max_pages ());
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  /* a search that finds nothing, cleared: all the rows come back, not only the first
   * screenful, while the window keeps drawing the scan's spinner */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  set_search (f, "nobody at all");
  sp_test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0);
  set_search (f, "");
  sp_test_wait_until (g_list_model_get_n_items (G_LIST_MODEL (list)) == 20000);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static guint
count_cut_times (GtkWidget *root,
                 guint     *n_times)
{
  guint cut = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child))
        {
          const char *text = gtk_label_get_label (GTK_LABEL (child));

          /* a date and time: "3 Oct 2026 14:05" */
          if (g_regex_match_simple ("^[0-9]+ [A-Za-z]+ 2026 [0-9][0-9]:[0-9][0-9]$", text, 0, 0))
            {
              (*n_times)++;
              if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))))
                cut++;
            }
        }
      cut += count_cut_times (child, n_times);
    }

  return cut;
}

/* Received and Answered always show the time of day: other columns give way first */
static void
test_times_not_cut (Fixture       *f,
                    gconstpointer  data)
{
  const char *views[] = { "contacts_view", "surveys_view" };
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *font = NULL;
  guint n_times = 0;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_unmaximize (GTK_WINDOW (f->window));
  sp_test_ui_wait_frames (GTK_WIDGET (f->window), 5);

  /* the owner's font, bigger than the one the window opened with */
  g_object_get (settings, "gtk-font-name", &font, NULL);
  g_object_set (settings, "gtk-font-name", "Sans 13", NULL);
  sp_test_ui_wait_frames (GTK_WIDGET (f->window), 5);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      sp_record_view_sort_by (view (f, views[i]), i == 0 ? "received" : "answered", TRUE);
      wait_lists (f);
    }
  sp_test_ui_wait_frames (GTK_WIDGET (f->window), 3);

  g_assert_cmpuint (count_cut_times (GTK_WIDGET (view (f, "contacts_view")), &n_times), ==, 0);
  g_assert_cmpuint (n_times, >, 0);

  g_object_set (settings, "gtk-font-name", font, NULL);
}

int
main (int   argc,
      char *argv[])
{
  sp_test_ui_init (&argc, &argv);

#define ADD(path, n, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_setup, func, fixture_teardown)

  ADD ("/log-page/filters", 300, test_filters);
  ADD ("/log-page/sort", 300, test_sort);
  ADD ("/log-page/show-contacts", 300, test_show_contacts);
  ADD ("/log-page/show-answers", 300, test_show_answers);
  ADD ("/log-page/open-delete-undo", 300, test_open_delete_undo);
  ADD ("/log-page/times-not-cut", 30, test_times_not_cut);
  ADD ("/log-page/reads-only-what-is-shown", 20000, test_reads_only_what_is_shown);

  return g_test_run ();
}
