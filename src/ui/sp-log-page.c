/* sp-log-page.c
 *
 * Everything recorded, as lists: contacts, escalations and survey answers,
 * each a lazy list of the store filtered by a search, a period, an agent,
 * a channel, a topic and whether it is still open.  A record opens in its
 * form; Delete deletes it with an Undo toast.  From here the owner also
 * records survey answers, shifts and month figures, and looks after the
 * names of agents and topics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-log-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-contact-form.h"
#include "sp-kpi.h"
#include "sp-log-page.h"
#include "sp-month-form.h"
#include "sp-names-window.h"
#include "sp-record-view.h"
#include "sp-shifts-form.h"
#include "sp-survey-form.h"
#include "sp-undo.h"
#include "sp-widget.h"

typedef enum
{
  PERIOD_ALL,
  PERIOD_TODAY,
  PERIOD_YESTERDAY,
  PERIOD_THIS_WEEK,
  PERIOD_LAST_7_DAYS,
  PERIOD_THIS_MONTH,
  PERIOD_LAST_MONTH,
  PERIOD_LAST_90_DAYS,
  PERIOD_THIS_YEAR,
  N_PERIODS
} Period;

struct _SpLogPage
{
  AdwBin          parent_instance;

  SpStore        *store;
  SpRecordList   *contacts;
  SpRecordList   *escalations;
  SpRecordList   *surveys;
  GArray         *agent_ids;
  GArray         *topic_ids;
  guint           stale;          /* lists whose filter is out of date: 1 << view kind */
  guint           rebuilding : 1;
  guint           pinned : 1;     /* a list shows the dashboard's filter */
  guint           pinned_answers : 1;  /* that list is the survey answers' */
  guint           quiet : 1;      /* the filters above are being set to show the pin */
  SpContactFilter pinned_filter;  /* its text is not used: the search entry's is */
  SpSurveyFilter  pinned_survey_filter;
  guint           period_before_pin;

  /* template */
  GtkStack       *main_stack;
  GtkStack       *list_stack;
  GtkSearchEntry *search_entry;
  GtkRevealer    *pinned_revealer;
  GtkLabel       *pinned_label;
  GtkButton      *pinned_clear_button;
  GtkSpinner     *spinner;
  GtkLabel       *count_label;
  GtkDropDown    *period_dropdown;
  GtkDropDown    *agent_dropdown;
  GtkDropDown    *channel_dropdown;
  GtkDropDown    *topic_dropdown;
  GtkDropDown    *state_dropdown;
  GtkDropDown    *kind_dropdown;
  GtkMenuButton  *legend_button;
  GtkPopover     *legend_popover;
  AdwStatusPage  *no_matches_page;
  SpRecordView   *contacts_view;
  SpRecordView   *escalations_view;
  SpRecordView   *surveys_view;
};

G_DEFINE_FINAL_TYPE (SpLogPage, sp_log_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SpRecordView *
visible_view (SpLogPage *self)
{
  return SP_RECORD_VIEW (gtk_stack_get_visible_child (self->list_stack));
}

/* Filters */

/* The presets behind the period filter's choices after "All time" */
static const SpPeriodPreset period_presets[N_PERIODS] = {
  [PERIOD_TODAY] = SP_PERIOD_PRESET_TODAY,
  [PERIOD_YESTERDAY] = SP_PERIOD_PRESET_YESTERDAY,
  [PERIOD_THIS_WEEK] = SP_PERIOD_PRESET_THIS_WEEK,
  [PERIOD_LAST_7_DAYS] = SP_PERIOD_PRESET_LAST_7_DAYS,
  [PERIOD_THIS_MONTH] = SP_PERIOD_PRESET_THIS_MONTH,
  [PERIOD_LAST_MONTH] = SP_PERIOD_PRESET_LAST_MONTH,
  [PERIOD_LAST_90_DAYS] = SP_PERIOD_PRESET_LAST_90_DAYS,
  [PERIOD_THIS_YEAR] = SP_PERIOD_PRESET_THIS_YEAR,
};

static void
period_range (Period  period,
              SpDate *from,
              SpDate *to)
{
  SpPeriod days;

  *from = SP_DATE_NONE;
  *to = SP_DATE_NONE;

  if (period == PERIOD_ALL || period >= N_PERIODS)
    return;

  days = sp_period_preset (period_presets[period], sp_date_today ());
  *from = days.from;
  *to = days.to;
}

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return 0;

  return g_array_index (ids, gint64, selected);
}

static SpChannel
selected_channel (SpLogPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->channel_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return SP_CHANNEL_NONE;

  return (SpChannel) (selected - 1);
}

static void
apply_contact_filter (SpLogPage    *self,
                      SpRecordList *list,
                      gboolean      escalations)
{
  SpContactFilter filter;
  guint state = gtk_drop_down_get_selected (self->state_dropdown);

  /* keep the sort the column headers chose */
  sp_record_list_get_contact_filter (list, &filter);

  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* the dashboard's figure: its contacts, searchable, in the order chosen */
  if (self->pinned && !self->pinned_answers && !escalations)
    {
      const SpContactFilter *pin = &self->pinned_filter;

      filter.from = pin->from;
      filter.to = pin->to;
      filter.agent_id = pin->agent_id;
      filter.category_id = pin->category_id;
      filter.customer_id = pin->customer_id;
      filter.channel = pin->channel;
      filter.state = pin->state;
      filter.repeats_only = pin->repeats_only;
      filter.first_contacts_only = pin->first_contacts_only;
      sp_record_list_set_contact_filter (list, &filter);
      return;
    }

  period_range (gtk_drop_down_get_selected (self->period_dropdown), &filter.from, &filter.to);
  filter.agent_id = selected_id (self->agent_dropdown, self->agent_ids);
  filter.category_id = selected_id (self->topic_dropdown, self->topic_ids);
  filter.customer_id = 0;
  filter.channel = selected_channel (self);
  filter.repeats_only = FALSE;
  filter.first_contacts_only = FALSE;

  if (escalations)
    filter.state = SP_CONTACT_STATE_ESCALATED;
  else
    filter.state = state == 1 ? SP_CONTACT_STATE_OPEN
                 : state == 2 ? SP_CONTACT_STATE_RESOLVED
                 : SP_CONTACT_STATE_ALL;

  sp_record_list_set_contact_filter (list, &filter);
}

static void
apply_survey_filter (SpLogPage *self)
{
  SpSurveyFilter filter;
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  sp_record_list_get_survey_filter (self->surveys, &filter);

  /* the dashboard's answers: of its period and segment, lowest score first */
  if (self->pinned && self->pinned_answers)
    {
      const SpSurveyFilter *pin = &self->pinned_survey_filter;

      filter.from = pin->from;
      filter.to = pin->to;
      filter.kind = pin->kind;
      filter.agent_id = pin->agent_id;
      filter.channel = pin->channel;
      filter.category_id = pin->category_id;
      filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
      sp_record_list_set_survey_filter (self->surveys, &filter);
      return;
    }

  period_range (gtk_drop_down_get_selected (self->period_dropdown), &filter.from, &filter.to);
  filter.agent_id = selected_id (self->agent_dropdown, self->agent_ids);
  filter.category_id = selected_id (self->topic_dropdown, self->topic_ids);
  filter.channel = selected_channel (self);
  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter.kind = kind == 0 || kind == GTK_INVALID_LIST_POSITION ? -1 : (int) kind - 1;

  sp_record_list_set_survey_filter (self->surveys, &filter);
}

/* Applies the filters to the list shown; the others follow when shown */
static void
apply_filters (SpLogPage *self)
{
  SpRecordViewKind kind;

  if (self->contacts == NULL || self->rebuilding)
    return;

  kind = sp_record_view_get_kind (visible_view (self));
  self->stale = (1 << SP_RECORD_VIEW_CONTACTS) | (1 << SP_RECORD_VIEW_ESCALATIONS) |
                (1 << SP_RECORD_VIEW_SURVEYS);

  switch (kind)
    {
    case SP_RECORD_VIEW_CONTACTS:
      apply_contact_filter (self, self->contacts, FALSE);
      break;
    case SP_RECORD_VIEW_ESCALATIONS:
      apply_contact_filter (self, self->escalations, TRUE);
      break;
    case SP_RECORD_VIEW_SURVEYS:
    default:
      apply_survey_filter (self);
      break;
    }

  self->stale &= ~(1u << kind);
}

/*
 * The period filter says which period the list shows: a preset when the
 * pin's period is one, else the pin's own dates as an extra item.
 */
static void
show_pinned_period (SpLogPage *self,
                    SpDate     from,
                    SpDate     to)
{
  GtkStringList *labels = GTK_STRING_LIST (gtk_drop_down_get_model (self->period_dropdown));
  guint selected = N_PERIODS;

  self->quiet = TRUE;
  if (g_list_model_get_n_items (G_LIST_MODEL (labels)) > N_PERIODS)
    gtk_string_list_remove (labels, N_PERIODS);

  if (from == SP_DATE_NONE)
    selected = PERIOD_ALL;
  for (guint p = 0; p < N_PERIODS && selected == N_PERIODS; p++)
    {
      SpDate f, t;

      period_range (p, &f, &t);
      if (p != PERIOD_ALL && f == from && t == to)
        selected = p;
    }

  if (selected == N_PERIODS)
    {
      SpPeriod period = sp_period_make (from, to);
      g_autofree char *text = sp_period_format (&period);

      gtk_string_list_append (labels, text);
    }

  gtk_drop_down_set_selected (self->period_dropdown, selected);
  self->quiet = FALSE;
}

static void
unpin (SpLogPage *self,
       gboolean   restore)
{
  GtkStringList *labels;

  if (!self->pinned)
    return;

  self->pinned = FALSE;
  self->pinned_answers = FALSE;
  gtk_revealer_set_reveal_child (self->pinned_revealer, FALSE);

  /* the period the list showed before, unless one was just chosen */
  labels = GTK_STRING_LIST (gtk_drop_down_get_model (self->period_dropdown));
  self->quiet = TRUE;
  if (restore || gtk_drop_down_get_selected (self->period_dropdown) >= N_PERIODS)
    gtk_drop_down_set_selected (self->period_dropdown, self->period_before_pin);
  if (g_list_model_get_n_items (G_LIST_MODEL (labels)) > N_PERIODS)
    gtk_string_list_remove (labels, N_PERIODS);
  self->quiet = FALSE;
}

static void
pin (SpLogPage *self,
     SpDate     from,
     SpDate     to)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (!self->pinned)
    self->period_before_pin = selected < N_PERIODS ? selected : PERIOD_ALL;
  self->pinned = TRUE;
  show_pinned_period (self, from, to);
}

/* A filter chosen above replaces the dashboard's */
static void
dropdown_changed_cb (SpLogPage *self)
{
  if (self->contacts == NULL || self->rebuilding || self->quiet)
    return;

  unpin (self, FALSE);
  apply_filters (self);
}

static void
pinned_clear_cb (SpLogPage *self)
{
  unpin (self, TRUE);
  apply_filters (self);
}

static char *
describe_pinned (SpLogPage             *self,
                 const SpContactFilter *filter)
{
  g_autoptr(GString) what = g_string_new (NULL);
  g_autofree char *period = NULL;
  SpPeriod p;

  if (filter->from != SP_DATE_NONE && filter->to != SP_DATE_NONE)
    {
      p = sp_period_make (filter->from, filter->to);
      period = sp_period_format (&p);
    }

  if (filter->repeats_only)
    g_string_append (what, _("Repeat contacts"));
  else if (filter->first_contacts_only)
    g_string_append (what, _("First contacts"));
  else if (filter->state == SP_CONTACT_STATE_ESCALATED)
    g_string_append (what, _("Escalated contacts"));
  else if (filter->state == SP_CONTACT_STATE_OPEN)
    g_string_append (what, _("Open contacts"));
  else if (filter->state == SP_CONTACT_STATE_RESOLVED)
    g_string_append (what, _("Resolved contacts"));
  else
    g_string_append (what, _("Contacts"));

  if (filter->agent_id > 0 && self->store != NULL)
    {
      g_autoptr(SpEntity) agent = sp_store_load_entity (self->store, SP_ENTITY_AGENT,
                                                       filter->agent_id, NULL);
      if (agent != NULL)
        /* TRANSLATORS: "Contacts of Ana" */
        g_string_append_printf (what, _(" of %s"), agent->name);
    }

  if (filter->channel > SP_CHANNEL_NONE && filter->channel < SP_N_CHANNELS)
    g_string_append_printf (what, " · %s", sp_channel_get_label (filter->channel));

  if (filter->category_id == -1)
    g_string_append_printf (what, " · %s", _("No topic"));
  else if (filter->category_id > 0 && self->store != NULL)
    {
      g_autoptr(SpEntity) topic = sp_store_load_entity (self->store, SP_ENTITY_CATEGORY,
                                                       filter->category_id, NULL);
      if (topic != NULL)
        g_string_append_printf (what, " · %s", topic->name);
    }

  if (period != NULL)
    g_string_append_printf (what, " · %s", period);

  return g_string_free (g_steal_pointer (&what), FALSE);
}

/**
 * sp_log_page_show_contacts:
 *
 * Lists the contacts behind a figure of the dashboard (its "Show the
 * Contacts"), with a banner that says so; any filter chosen above, or
 * Show All, goes back to the page's own filters.
 */
void
sp_log_page_show_contacts (SpLogPage             *self,
                           const SpContactFilter *filter)
{
  g_autofree char *label = NULL;

  g_return_if_fail (SP_IS_LOG_PAGE (self));
  g_return_if_fail (filter != NULL);

  self->pinned_filter = *filter;
  self->pinned_filter.text = NULL;
  self->pinned_answers = FALSE;
  pin (self, filter->from, filter->to);

  label = describe_pinned (self, filter);
  gtk_label_set_label (self->pinned_label, label);
  gtk_revealer_set_reveal_child (self->pinned_revealer, TRUE);

  gtk_stack_set_visible_child_name (self->list_stack, "contacts");
  apply_filters (self);
}

/**
 * sp_log_page_show_answers:
 *
 * Lists the survey answers behind a survey KPI of the dashboard (its "Show
 * the Answers"): those of @filter's kind, period and segment, lowest score
 * first so that the comments that need an answer come first.
 */
void
sp_log_page_show_answers (SpLogPage            *self,
                          const SpSurveyFilter *filter)
{
  g_autoptr(GString) what = g_string_new (NULL);

  g_return_if_fail (SP_IS_LOG_PAGE (self));
  g_return_if_fail (filter != NULL);

  self->pinned_survey_filter = *filter;
  self->pinned_survey_filter.text = NULL;
  self->pinned_answers = TRUE;
  pin (self, filter->from, filter->to);

  if (filter->kind >= 0 && filter->kind < SP_N_SURVEY_KINDS)
    /* TRANSLATORS: the banner over the answers of one survey, "CSAT answers" */
    g_string_append_printf (what, _("%s answers"),
                            sp_survey_kind_get_short_label ((SpSurveyKind) filter->kind));
  else
    g_string_append (what, _("Survey answers"));
  if (filter->from != SP_DATE_NONE && filter->to != SP_DATE_NONE)
    {
      SpPeriod period = sp_period_make (filter->from, filter->to);
      g_autofree char *text = sp_period_format (&period);

      g_string_append_printf (what, " · %s", text);
    }
  g_string_append_printf (what, " · %s", _("lowest score first"));
  gtk_label_set_label (self->pinned_label, what->str);
  gtk_revealer_set_reveal_child (self->pinned_revealer, TRUE);

  /* the kind filter says which survey it is */
  self->quiet = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown,
                              filter->kind >= 0 ? (guint) filter->kind + 1 : 0);
  self->quiet = FALSE;

  /* lowest first, until a column header chooses another order */
  if (self->surveys != NULL)
    {
      SpSurveyFilter order;

      sp_record_list_get_survey_filter (self->surveys, &order);
      order.sort = SP_SURVEY_SORT_SCORE;
      order.descending = FALSE;
      sp_record_list_set_survey_filter (self->surveys, &order);
    }

  gtk_stack_set_visible_child_name (self->list_stack, "surveys");
  apply_filters (self);
}

/* The filter of the survey answers' list, as it is applied */
void
sp_log_page_get_survey_filter (SpLogPage      *self,
                               SpSurveyFilter *filter)
{
  g_return_if_fail (SP_IS_LOG_PAGE (self));
  g_return_if_fail (filter != NULL);

  if (self->surveys == NULL)
    {
      sp_survey_filter_init (filter);
      return;
    }

  sp_record_list_get_survey_filter (self->surveys, filter);
}

/* The filter of the contacts list, as it is applied */
void
sp_log_page_get_contact_filter (SpLogPage       *self,
                                SpContactFilter *filter)
{
  g_return_if_fail (SP_IS_LOG_PAGE (self));
  g_return_if_fail (filter != NULL);

  if (self->contacts == NULL)
    {
      sp_contact_filter_init (filter);
      return;
    }

  sp_record_list_get_contact_filter (self->contacts, filter);
}

/* Counts and empty states */

static void
update_count (SpLogPage *self)
{
  SpRecordView *view;
  SpRecordList *list;
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  gboolean loading;
  guint n;

  if (self->contacts == NULL)
    return;

  view = visible_view (self);
  list = sp_record_view_get_list (view);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  loading = sp_record_list_is_loading (list);

  /* grouped as the locale groups digits */
  number = g_strdup_printf ("%'u", n);

  switch (sp_record_view_get_kind (view))
    {
    case SP_RECORD_VIEW_CONTACTS:
      /* TRANSLATORS: what a chart's point rests on, "12 contacts"; %s is a number */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s contact", "%s contacts", n),
                              number);
      break;
    case SP_RECORD_VIEW_ESCALATIONS:
      /* TRANSLATORS: %s is a number of escalations in the Log's header */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s escalation", "%s escalations",
                                           n), number);
      break;
    case SP_RECORD_VIEW_SURVEYS:
    default:
      /* TRANSLATORS: what a chart's point rests on, "12 answers"; %s is a number */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s answer", "%s answers", n),
                              number);
      break;
    }

  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->no_matches_page), n == 0 && !loading);
}

static void
update_empty (SpLogPage *self)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) surveys = NULL;
  gboolean empty;

  if (self->store == NULL)
    return;

  contacts = sp_store_list_contacts (self->store, NULL, 0, 1, NULL);
  surveys = sp_store_list_surveys (self->store, NULL, 0, 1, NULL);
  empty = (contacts == NULL || contacts->len == 0) && (surveys == NULL || surveys->len == 0);

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "lists");
}

static void
visible_list_changed_cb (SpLogPage *self)
{
  SpRecordViewKind kind = sp_record_view_get_kind (visible_view (self));

  gtk_widget_set_visible (GTK_WIDGET (self->state_dropdown), kind == SP_RECORD_VIEW_CONTACTS);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_dropdown), kind == SP_RECORD_VIEW_SURVEYS);
  gtk_widget_set_visible (GTK_WIDGET (self->legend_button), kind == SP_RECORD_VIEW_CONTACTS);

  if (self->contacts != NULL && (self->stale & (1u << kind)))
    {
      if (kind == SP_RECORD_VIEW_SURVEYS)
        apply_survey_filter (self);
      else
        apply_contact_filter (self, kind == SP_RECORD_VIEW_CONTACTS ? self->contacts
                                                                   : self->escalations,
                              kind == SP_RECORD_VIEW_ESCALATIONS);
      self->stale &= ~(1u << kind);
    }

  update_count (self);
}

/* Dropdowns of names follow the store */

static void
fill_names (SpLogPage    *self,
            GtkDropDown  *dropdown,
            GArray      **ids,
            SpEntityKind  kind)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) entities = NULL;
  gint64 selected = selected_id (dropdown, *ids);
  guint position = 0;

  g_clear_pointer (ids, g_array_unref);
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (kind == SP_ENTITY_AGENT)
    {
      gtk_string_list_append (labels, _("Any agent"));
      g_array_append_val (*ids, (gint64) { 0 });
    }
  else
    {
      gtk_string_list_append (labels, _("Any topic"));
      g_array_append_val (*ids, (gint64) { 0 });
      gtk_string_list_append (labels, _("No topic"));
      g_array_append_val (*ids, (gint64) { -1 });
    }

  /* the inactive ones too: their records are still listed */
  entities = sp_store_list_entities (self->store, kind, TRUE, NULL);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      SpEntity *entity = entities->pdata[i];

      gtk_string_list_append (labels, entity->name);
      g_array_append_val (*ids, entity->id);
    }

  for (guint i = 0; i < (*ids)->len; i++)
    {
      if (g_array_index (*ids, gint64, i) == selected)
        position = i;
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, position);
}

static void
fill_dropdowns (SpLogPage *self)
{
  gboolean changed;
  gint64 agent = selected_id (self->agent_dropdown, self->agent_ids);
  gint64 topic = selected_id (self->topic_dropdown, self->topic_ids);

  self->rebuilding = TRUE;
  fill_names (self, self->agent_dropdown, &self->agent_ids, SP_ENTITY_AGENT);
  fill_names (self, self->topic_dropdown, &self->topic_ids, SP_ENTITY_CATEGORY);
  self->rebuilding = FALSE;

  /* a merged topic is gone: show everything again */
  changed = agent != selected_id (self->agent_dropdown, self->agent_ids) ||
            topic != selected_id (self->topic_dropdown, self->topic_ids);
  if (changed)
    apply_filters (self);
}

static void
store_changed_cb (SpLogPage *self,
                  guint      changes)
{
  if (changes & SP_STORE_CHANGE_ENTITIES)
    fill_dropdowns (self);
  if (changes & (SP_STORE_CHANGE_CONTACTS | SP_STORE_CHANGE_SURVEYS))
    update_empty (self);
}

/* Opening and deleting */

static void
open_record_cb (SpLogPage *self,
                GObject   *record)
{
  g_autoptr(GError) error = NULL;
  SpForm *form = NULL;

  if (SP_IS_CONTACT (record))
    {
      g_autoptr(SpContact) contact = sp_store_load_contact (self->store, SP_CONTACT (record)->id,
                                                           &error);
      if (contact != NULL)
        form = SP_FORM (sp_contact_form_new (self->store, contact));
    }
  else
    {
      g_autoptr(SpSurvey) survey = sp_store_load_survey (self->store, SP_SURVEY (record)->id,
                                                        &error);
      if (survey != NULL)
        form = SP_FORM (sp_survey_form_new (self->store, survey));
    }

  if (form == NULL)
    {
      sp_widget_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }

  sp_form_present (form, GTK_WIDGET (self));
}

static void
delete_record_cb (SpLogPage *self,
                  GObject   *record)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (SP_IS_CONTACT (record))
    ok = sp_delete_contact_with_undo (GTK_WIDGET (self), self->store, SP_CONTACT (record)->id,
                                      &error);
  else
    ok = sp_delete_survey_with_undo (GTK_WIDGET (self), self->store, SP_SURVEY (record)->id,
                                     &error);

  if (!ok)
    sp_widget_show_error (GTK_WIDGET (self), _("Not Deleted"), error);
}

/* Actions */

static void
shifts_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SpLogPage *self = SP_LOG_PAGE (widget);

  if (self->store != NULL)
    sp_form_present (SP_FORM (sp_shifts_form_new (self->store)), widget);
}

static void
month_figures_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SpLogPage *self = SP_LOG_PAGE (widget);

  if (self->store != NULL)
    sp_form_present (SP_FORM (sp_month_form_new (self->store)), widget);
}

static void
names_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  SpLogPage *self = SP_LOG_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  SpNamesWindow *window;

  if (self->store == NULL)
    return;

  window = sp_names_window_new (self->store);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

/* The store */

static void
clear_lists (SpLogPage *self)
{
  sp_record_view_set_list (self->contacts_view, NULL);
  sp_record_view_set_list (self->escalations_view, NULL);
  sp_record_view_set_list (self->surveys_view, NULL);
  g_clear_object (&self->contacts);
  g_clear_object (&self->escalations);
  g_clear_object (&self->surveys);
}

static SpRecordList *
make_list (SpLogPage    *self,
           SpRecordKind  kind)
{
  SpRecordList *list = sp_record_list_new (self->store, kind);

  g_signal_connect_object (list, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (list, "notify::loading", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  return list;
}

static void
setup_store (SpLogPage *self)
{
  clear_lists (self);

  if (self->store == NULL)
    return;

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->contacts = make_list (self, SP_RECORD_CONTACTS);
  self->escalations = make_list (self, SP_RECORD_CONTACTS);
  self->surveys = make_list (self, SP_RECORD_SURVEYS);

  sp_record_view_set_list (self->contacts_view, self->contacts);
  sp_record_view_set_list (self->escalations_view, self->escalations);
  sp_record_view_set_list (self->surveys_view, self->surveys);

  fill_dropdowns (self);
  update_empty (self);
  apply_filters (self);
  update_count (self);
}

SpStore *
sp_log_page_get_store (SpLogPage *self)
{
  g_return_val_if_fail (SP_IS_LOG_PAGE (self), NULL);
  return self->store;
}

void
sp_log_page_set_store (SpLogPage *self,
                       SpStore   *store)
{
  g_return_if_fail (SP_IS_LOG_PAGE (self));
  g_return_if_fail (!store || SP_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  if (g_set_object (&self->store, store))
    {
      setup_store (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

/**
 * sp_log_page_reveal:
 * @type: %SP_TYPE_CONTACT or %SP_TYPE_SURVEY
 * @id: the record just saved or put back
 *
 * Scrolls the lists that hold the record to it and lights it up for a
 * moment: the contacts (or the answers), and the escalations when that list
 * is the one shown.
 */
void
sp_log_page_reveal (SpLogPage *self,
                    GType      type,
                    gint64     id)
{
  g_return_if_fail (SP_IS_LOG_PAGE (self));

  /* shown in the list that holds it, as the owner expects to find it */
  if (type == SP_TYPE_SURVEY)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "surveys");
      sp_record_view_reveal (self->surveys_view, id);
      return;
    }

  if (visible_view (self) == self->surveys_view)
    gtk_stack_set_visible_child_name (self->list_stack, "contacts");
  sp_record_view_reveal (self->contacts_view, id);
  if (visible_view (self) == self->escalations_view)
    sp_record_view_reveal (self->escalations_view, id);
}

/* Shows one of the lists: "contacts", "escalations" or "surveys" */
void
sp_log_page_show_list (SpLogPage  *self,
                       const char *name)
{
  g_return_if_fail (SP_IS_LOG_PAGE (self));
  gtk_stack_set_visible_child_name (self->list_stack, name);
}

static GtkStringList *
make_labels (const char * const *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (list, _(labels[i]));

  return list;
}

static void
sp_log_page_dispose (GObject *object)
{
  SpLogPage *self = SP_LOG_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  clear_lists (self);

  g_clear_object (&self->store);
  g_clear_pointer (&self->agent_ids, g_array_unref);
  g_clear_pointer (&self->topic_ids, g_array_unref);

  G_OBJECT_CLASS (sp_log_page_parent_class)->dispose (object);
}

static void
sp_log_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SpLogPage *self = SP_LOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_log_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SpLogPage *self = SP_LOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      sp_log_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Down from the search field goes to the results, not to the filters below it */
static gboolean
search_key_pressed_cb (SpLogPage       *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;

  sp_record_view_focus_row (visible_view (self), 0);
  return GDK_EVENT_STOP;
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (SP_LOG_PAGE (widget)->search_entry));
}

/**
 * sp_log_page_focus_search:
 *
 * Puts the focus in the search field (Alt+2), wherever it was, when the
 * lists are shown.
 */
void
sp_log_page_focus_search (SpLogPage *self)
{
  g_return_if_fail (SP_IS_LOG_PAGE (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "lists") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/*
 * Shown from elsewhere (Alt+2, the view switcher), the page takes the focus
 * into its search: Down then reaches the newest record, Ctrl+F works at once.
 */
static void
sp_log_page_map (GtkWidget *widget)
{
  SpLogPage *self = SP_LOG_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (sp_log_page_parent_class)->map (widget);

  root = gtk_widget_get_root (widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "lists") == 0)
        gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
}

static void
sp_log_page_class_init (SpLogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_log_page_dispose;
  object_class->get_property = sp_log_page_get_property;
  object_class->set_property = sp_log_page_set_property;
  widget_class->map = sp_log_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SP_TYPE_RECORD_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-log-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, pinned_revealer);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, pinned_label);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, pinned_clear_button);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, agent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, topic_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, legend_button);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, legend_popover);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, no_matches_page);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, contacts_view);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, escalations_view);
  gtk_widget_class_bind_template_child (widget_class, SpLogPage, surveys_view);

  gtk_widget_class_install_action (widget_class, "log.shifts", NULL, shifts_action);
  gtk_widget_class_install_action (widget_class, "log.month-figures", NULL,
                                   month_figures_action);
  gtk_widget_class_install_action (widget_class, "log.names", NULL, names_action);
  gtk_widget_class_install_action (widget_class, "log.focus-search", NULL, focus_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "log.focus-search", NULL);
}

static void
sp_log_page_init (SpLogPage *self)
{
  static const char * const states[] = { N_("Open and resolved"), N_("Open"), N_("Resolved"),
                                         NULL };
  g_autoptr(GtkStringList) period_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) state_labels = make_labels (states);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  SpRecordView *views[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (period_labels, _("All time"));
  for (Period p = PERIOD_ALL + 1; p < N_PERIODS; p++)
    gtk_string_list_append (period_labels, sp_period_preset_get_label (period_presets[p]));

  gtk_string_list_append (channels, _("Any channel"));
  for (SpChannel c = 0; c < SP_N_CHANNELS; c++)
    gtk_string_list_append (channels, sp_channel_get_label (c));

  gtk_string_list_append (kinds, _("Every survey"));
  for (SpSurveyKind k = 0; k < SP_N_SURVEY_KINDS; k++)
    gtk_string_list_append (kinds, sp_survey_kind_get_label (k));

  gtk_popover_set_child (self->legend_popover, sp_record_view_new_flag_legend ());

  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (period_labels));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (state_labels));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channels));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));

  {
    GtkDropDown *dropdowns[] = {
      self->period_dropdown, self->agent_dropdown, self->channel_dropdown,
      self->topic_dropdown, self->state_dropdown, self->kind_dropdown,
    };

    for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
      g_signal_connect_swapped (dropdowns[i], "notify::selected",
                                G_CALLBACK (dropdown_changed_cb), self);
  }

  g_signal_connect_swapped (self->pinned_clear_button, "clicked",
                            G_CALLBACK (pinned_clear_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (apply_filters),
                            self);

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  g_signal_connect_swapped (self->list_stack, "notify::visible-child",
                            G_CALLBACK (visible_list_changed_cb), self);

  views[0] = self->contacts_view;
  views[1] = self->escalations_view;
  views[2] = self->surveys_view;
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_signal_connect_swapped (views[i], "open", G_CALLBACK (open_record_cb), self);
      g_signal_connect_swapped (views[i], "delete", G_CALLBACK (delete_record_cb), self);
    }

}
