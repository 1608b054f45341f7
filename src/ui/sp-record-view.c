/* sp-record-view.c
 *
 * Contacts, escalations or survey answers in a column view over a lazy
 * SpRecordList.  Clicking a column header sorts in the database (the
 * list's filter), never in memory: the view's sorter is only asked which
 * column is first and in which direction.  Enter or a double click opens a
 * record; Delete deletes the one of the row with the keyboard focus (or the
 * selected one).  A record just saved is scrolled to, selected and lit up
 * for a moment; the date columns are as wide as the locale writes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-record-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-record-view.h"

typedef char *(*CellText) (gpointer record);

typedef struct
{
  const char *id;
  const char *title;
  CellText    text;
  int         sort;      /* SpContactSort or SpSurveySort; -1: not sortable */
  int         width;
  gboolean    expand;
  gboolean    tooltip;
} Column;

struct _SpRecordView
{
  AdwBin             parent_instance;

  SpRecordViewKind   kind;
  SpRecordList      *list;
  GtkSingleSelection *selection;
  GObject           *probe_a;
  GObject           *probe_b;
  guint              applying_sort : 1;
  gint64             reveal_id;       /* to scroll to and select once it is listed */
  guint              reveal_timeout;
  guint              refit_id;
  gint64             highlight_id;    /* the record just saved, shown lit for a moment */
  guint              refocus;         /* the row to give the focus to after a delete, + 1 */
  guint              refocus_n;       /* how many rows there were before it */
  guint              highlight_timeout;
  GdkFrameClock     *pace_clock;      /* the rest of the list comes once a frame is painted */
  gulong             pace_id;
  guint              pace_idle;

  GtkScrolledWindow *scroller;
  GtkColumnView     *column_view;
};

G_DEFINE_FINAL_TYPE (SpRecordView, sp_record_view, ADW_TYPE_BIN)

G_DEFINE_ENUM_TYPE (SpRecordViewKind, sp_record_view_kind,
                    G_DEFINE_ENUM_VALUE (SP_RECORD_VIEW_CONTACTS, "contacts"),
                    G_DEFINE_ENUM_VALUE (SP_RECORD_VIEW_ESCALATIONS, "escalations"),
                    G_DEFINE_ENUM_VALUE (SP_RECORD_VIEW_SURVEYS, "surveys"))

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN,
  DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Cells */

static char *
format_minutes (SpTime seconds)
{
  gint64 minutes = seconds / 60;

  if (seconds < 60)
    return g_strdup (_("under 1 min"));
  if (minutes < 60)
    /* TRANSLATORS: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (minutes < 48 * 60)
    /* TRANSLATORS: a duration in hours and minutes */
    return g_strdup_printf (_("%d h %02d min"), (int) (minutes / 60), (int) (minutes % 60));
  /* TRANSLATORS: the length of a range of days */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days",
                                       (gulong) (minutes / 1440)), (int) (minutes / 1440));
}

static char *
dup_or_empty (const char *str)
{
  return g_strdup (str ? str : "");
}

static char *
contact_received (gpointer r)
{
  return sp_time_format_display (((SpContact *) r)->received_at);
}

static char *
contact_channel (gpointer r)
{
  SpContact *c = r;

  return c->received_at == SP_TIME_NONE ? g_strdup ("") : g_strdup (sp_channel_get_label (c->channel));
}

static char *
contact_agent (gpointer r)
{
  return dup_or_empty (((SpContact *) r)->agent_name);
}

static char *
contact_customer (gpointer r)
{
  SpContact *c = r;

  if (c->received_at == SP_TIME_NONE)
    return g_strdup ("");
  return c->customer_name ? g_strdup (c->customer_name) : g_strdup (C_("customer", "Walk-in"));
}

static char *
contact_topic (gpointer r)
{
  return dup_or_empty (((SpContact *) r)->category_name);
}

static char *
contact_priority (gpointer r)
{
  SpContact *c = r;

  return c->received_at == SP_TIME_NONE ? g_strdup ("")
                                         : g_strdup (sp_priority_get_label (c->priority));
}

static char *
contact_first_response (gpointer r)
{
  SpContact *c = r;

  if (c->received_at == SP_TIME_NONE)
    return g_strdup ("");
  if (c->first_response_at == SP_TIME_NONE)
    return g_strdup (C_("response", "None yet"));
  return format_minutes (c->first_response_at - c->received_at);
}

/* A time after @since: only the time of day when it is the same day */
static char *
format_later (SpTime time,
              SpTime since)
{
  g_autoptr(GDateTime) dt = NULL;

  if (sp_time_to_date (time) != sp_time_to_date (since))
    return sp_time_format_display (time);

  dt = sp_time_to_date_time (time);
  /* TRANSLATORS: a time of day in a list; see g_date_time_format() */
  return g_date_time_format (dt, _("%H:%M"));
}

static char *
contact_resolved (gpointer r)
{
  SpContact *c = r;

  if (c->received_at == SP_TIME_NONE)
    return g_strdup ("");
  if (c->resolved_at == SP_TIME_NONE)
    return g_strdup (C_("contact", "Open"));
  return format_later (c->resolved_at, c->received_at);
}

static char *
contact_note (gpointer r)
{
  return dup_or_empty (((SpContact *) r)->note);
}

static char *
escalated_to (gpointer r)
{
  return dup_or_empty (((SpContact *) r)->escalated_to);
}

static char *
escalation_reason (gpointer r)
{
  return dup_or_empty (((SpContact *) r)->escalation_reason);
}

static char *
escalated_at (gpointer r)
{
  SpContact *c = r;

  if (c->escalated_at == SP_TIME_NONE)
    return g_strdup ("");
  return format_later (c->escalated_at, c->received_at);
}

static char *
escalation_resolved (gpointer r)
{
  SpContact *c = r;

  if (c->received_at == SP_TIME_NONE)
    return g_strdup ("");
  if (c->escalation_resolved_at == SP_TIME_NONE)
    return g_strdup (C_("escalation", "Open"));
  return format_later (c->escalation_resolved_at, c->escalated_at != SP_TIME_NONE
                                                    ? c->escalated_at : c->received_at);
}

static char *
survey_answered (gpointer r)
{
  return sp_time_format_display (((SpSurvey *) r)->answered_at);
}

static char *
survey_kind (gpointer r)
{
  SpSurvey *s = r;

  return s->answered_at == SP_TIME_NONE ? g_strdup ("")
                                         : g_strdup (sp_survey_kind_get_short_label (s->kind));
}

static char *
survey_score (gpointer r)
{
  SpSurvey *s = r;
  int max;

  if (s->answered_at == SP_TIME_NONE)
    return g_strdup ("");

  sp_survey_kind_get_range (s->kind, NULL, &max);
  /* TRANSLATORS: a score out of the most it can be, e.g. "4 of 5" */
  return g_strdup_printf (_("%d of %d"), s->score, max);
}

static char *
survey_customer (gpointer r)
{
  return dup_or_empty (((SpSurvey *) r)->customer_name);
}

static char *
survey_agent (gpointer r)
{
  return dup_or_empty (((SpSurvey *) r)->agent_name);
}

static char *
survey_channel (gpointer r)
{
  SpSurvey *s = r;

  return s->channel == SP_CHANNEL_NONE ? g_strdup ("")
                                       : g_strdup (sp_channel_get_label (s->channel));
}

static char *
survey_topic (gpointer r)
{
  return dup_or_empty (((SpSurvey *) r)->category_name);
}

static char *
survey_comment (gpointer r)
{
  return dup_or_empty (((SpSurvey *) r)->comment);
}

/* widths fit a 1024 pixel window; the last column takes what is left */
static const Column contact_columns[] = {
  { "received", N_("Received"), contact_received, SP_CONTACT_SORT_RECEIVED, 120 },
  { "channel", N_("Channel"), contact_channel, SP_CONTACT_SORT_CHANNEL, 95 },
  { "agent", N_("Agent"), contact_agent, SP_CONTACT_SORT_AGENT, 110 },
  { "customer", N_("Customer"), contact_customer, SP_CONTACT_SORT_CUSTOMER, 125 },
  { "topic", N_("Topic"), contact_topic, SP_CONTACT_SORT_CATEGORY, 110 },
  { "priority", N_("Priority"), contact_priority, SP_CONTACT_SORT_PRIORITY, 70 },
  { "first-response", N_("Response"), contact_first_response,
    SP_CONTACT_SORT_FIRST_RESPONSE, 95 },
  { "resolved", N_("Resolved"), contact_resolved, SP_CONTACT_SORT_RESOLVED, 100 },
  { "flags", N_("Flags"), NULL, -1, 80 },
  { "note", N_("Note"), contact_note, -1, 160, TRUE, TRUE },
  { NULL }
};

static const Column escalation_columns[] = {
  { "received", N_("Received"), contact_received, SP_CONTACT_SORT_RECEIVED, 130 },
  { "agent", N_("Agent"), contact_agent, SP_CONTACT_SORT_AGENT, 115 },
  { "customer", N_("Customer"), contact_customer, SP_CONTACT_SORT_CUSTOMER, 130 },
  { "topic", N_("Topic"), contact_topic, SP_CONTACT_SORT_CATEGORY, 115 },
  { "escalated-at", N_("Escalated"), escalated_at, -1, 90 },
  { "escalated-to", N_("To"), escalated_to, -1, 130 },
  { "reason", N_("Why"), escalation_reason, -1, -1, TRUE, TRUE },
  { "escalation-resolved", N_("Resolved"), escalation_resolved, -1, 110 },
  { NULL }
};

static const Column survey_columns[] = {
  { "answered", N_("Answered"), survey_answered, SP_SURVEY_SORT_ANSWERED, 130 },
  { "kind", N_("Survey"), survey_kind, SP_SURVEY_SORT_KIND, 75 },
  { "score", N_("Score"), survey_score, SP_SURVEY_SORT_SCORE, 75 },
  { "customer", N_("Customer"), survey_customer, SP_SURVEY_SORT_CUSTOMER, 130 },
  { "agent", N_("Agent"), survey_agent, SP_SURVEY_SORT_AGENT, 115 },
  { "channel", N_("Channel"), survey_channel, SP_SURVEY_SORT_CHANNEL, 100 },
  { "topic", N_("Topic"), survey_topic, SP_SURVEY_SORT_CATEGORY, 115 },
  { "comment", N_("Comment"), survey_comment, -1, -1, TRUE, TRUE },
  { NULL }
};

/* Flags are icons, with their names for tooltips and screen readers */
static const struct {
  const char *icon;
  const char *name;
} flag_icons[] = {
  { "object-select-symbolic", N_("Resolved on first contact") },
  { "go-up-symbolic", N_("Escalated") },
  { "dialog-warning-symbolic", N_("Complaint") },
  { "view-refresh-symbolic", N_("Repeat contact") },
};

/**
 * sp_record_view_new_flag_legend:
 *
 * Returns: (transfer floating): each flag's icon beside its name, for a
 *   popover that says what the icons of the Flags column mean
 */
GtkWidget *
sp_record_view_new_flag_legend (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);

  for (guint i = 0; i < G_N_ELEMENTS (flag_icons); i++)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (flag_icons[i].icon);
      GtkWidget *label = gtk_label_new (_(flag_icons[i].name));

      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(flag_icons[i].name), -1);
      gtk_widget_add_css_class (image, "sp-flag");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (GTK_GRID (grid), image, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), label, 1, i, 1, 1);
    }

  return grid;
}

static void
setup_flags (GtkListItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  for (guint i = 0; i < G_N_ELEMENTS (flag_icons); i++)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (flag_icons[i].icon);

      gtk_widget_set_tooltip_text (image, _(flag_icons[i].name));
      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(flag_icons[i].name), -1);
      gtk_widget_add_css_class (image, "sp-flag");
      gtk_box_append (GTK_BOX (box), image);
    }

  gtk_list_item_set_child (item, box);
}

static void
bind_flags (GtkListItem *item)
{
  SpContact *c = gtk_list_item_get_item (item);
  gboolean on[] = { c->resolved_first_contact, c->escalated, c->complaint, c->is_repeat };
  GtkWidget *image = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; image != NULL; i++, image = gtk_widget_get_next_sibling (image))
    {
      gtk_widget_set_visible (image, on[i]);
      if (on[i])
        {
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, _(flag_icons[i].name));
        }
    }

  /* the whole cell says which flags it shows, to the pointer and to a screen reader */
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), names->len ? names->str : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, names->str, -1);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const Column             *column)
{
  GtkWidget *label;

  if (g_str_equal (column->id, "flags"))
    {
      setup_flags (item);
      g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "sp-list-item", item);
      return;
    }

  label = gtk_label_new (NULL);
  g_object_set_data (G_OBJECT (label), "sp-list-item", item);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  /* long notes are cut, not widening the table past the window */
  gtk_label_set_max_width_chars (GTK_LABEL (label), column->expand ? 12 : 30);
  gtk_list_item_set_child (item, label);
}

static gint64
item_id (GtkListItem *item)
{
  gpointer record = gtk_list_item_get_item (item);

  if (SP_IS_CONTACT (record))
    return SP_CONTACT (record)->id;
  if (SP_IS_SURVEY (record))
    return SP_SURVEY (record)->id;
  return 0;
}

/* The cells of the record just saved are lit for a moment */
static void
update_highlight (GtkListItem *item,
                  gint64       highlight_id)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *cell = child != NULL ? gtk_widget_get_parent (child) : NULL;

  if (cell == NULL)
    return;

  if (highlight_id != 0 && item_id (item) == highlight_id)
    gtk_widget_add_css_class (cell, "sp-just-saved");
  else
    gtk_widget_remove_css_class (cell, "sp-just-saved");
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const Column             *column)
{
  SpRecordView *self = g_object_get_data (G_OBJECT (factory), "sp-record-view");
  GtkLabel *label;
  g_autofree char *text = NULL;

  update_highlight (item, self->highlight_id);

  if (g_str_equal (column->id, "flags"))
    {
      bind_flags (item);
      return;
    }

  label = GTK_LABEL (gtk_list_item_get_child (item));
  text = column->text (gtk_list_item_get_item (item));
  gtk_label_set_label (label, text);
  if (column->tooltip)
    gtk_widget_set_tooltip_text (GTK_WIDGET (label), *text ? text : NULL);
}

/* Column widths */

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/*
 * Wide enough for every date and time the locale writes: the widest of a
 * late day and hour in each month (names differ in width), measured in the
 * list's font, and for the title with its sort arrow.
 */
int
sp_record_view_measure_time_column (GtkWidget  *widget,
                                    const char *title)
{
  /* a cell's padding on both sides, and a little air */
  const int cell_extra = 2 * 6 + 8;
  /* the header's padding and the sort arrow beside the title */
  const int header_extra = 2 * 6 + 16 + 8;
  int widest = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);

  for (int month = 1; month <= 12; month++)
    {
      SpTime time = sp_time_from_ymdhms (2026, month, 28, 22, 58, 0);
      g_autofree char *text = NULL;

      text = sp_time_format_display (time);
      widest = MAX (widest, text_width (widget, text));

      /* a morning too: a 12-hour clock writes "AM" and "PM" unlike */
      g_clear_pointer (&text, g_free);
      text = sp_time_format_display (time - 12 * 3600);
      widest = MAX (widest, text_width (widget, text));
    }

  return MAX (widest + cell_extra, text_width (widget, title) + header_extra);
}

static void
fit_time_columns (SpRecordView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *id = g_object_get_data (G_OBJECT (column), "sp-column-id");

      if (g_strcmp0 (id, "received") == 0 || g_strcmp0 (id, "answered") == 0)
        gtk_column_view_column_set_fixed_width (
          column, sp_record_view_measure_time_column (GTK_WIDGET (self->column_view),
                                                      gtk_column_view_column_get_title (column)));
    }
}

static gboolean
refit_cb (gpointer data)
{
  SpRecordView *self = data;

  self->refit_id = 0;
  fit_time_columns (self);
  return G_SOURCE_REMOVE;
}

/*
 * The font is known for sure only once the list is in a window, and the
 * owner may change it later: the times are measured again, after the style
 * has reached the cells, so they never lose their time of day.
 */
static void
sp_record_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  SpRecordView *self = SP_RECORD_VIEW (widget);

  GTK_WIDGET_CLASS (sp_record_view_parent_class)->css_changed (widget, change);

  if (self->refit_id == 0)
    self->refit_id = g_idle_add (refit_cb, self);
}

/* Sorting in the database */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  g_object_set_data (G_OBJECT (a), "sp-sort-key", user_data);
  return GTK_ORDERING_LARGER;
}

/*
 * Which column sorts first, and which way: the column view's sorter compares
 * by its columns' sorters in order, inverting the descending ones; ours
 * record their key and say "larger".
 */
static gboolean
read_sort (SpRecordView *self,
           int          *sort,
           gboolean     *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering order;
  int key;

  g_object_set_data (self->probe_a, "sp-sort-key", NULL);
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  key = GPOINTER_TO_INT (g_object_get_data (self->probe_a, "sp-sort-key")) - 1;

  if (order == GTK_ORDERING_EQUAL || key < 0)
    return FALSE;

  *sort = key;
  *descending = order == GTK_ORDERING_SMALLER;
  return TRUE;
}

static void
sorter_changed_cb (SpRecordView *self)
{
  int sort = 0;
  gboolean descending = TRUE;

  if (self->list == NULL || self->applying_sort)
    return;

  /* no sort column: newest first */
  if (!read_sort (self, &sort, &descending))
    {
      sort = 0;
      descending = TRUE;
    }

  if (self->kind == SP_RECORD_VIEW_SURVEYS)
    {
      SpSurveyFilter filter;

      sp_record_list_get_survey_filter (self->list, &filter);
      if ((int) filter.sort == sort && filter.descending == descending)
        return;
      filter.sort = sort;
      filter.descending = descending;
      sp_record_list_set_survey_filter (self->list, &filter);
    }
  else
    {
      SpContactFilter filter;

      sp_record_list_get_contact_filter (self->list, &filter);
      if ((int) filter.sort == sort && filter.descending == descending)
        return;
      filter.sort = sort;
      filter.descending = descending;
      sp_record_list_set_contact_filter (self->list, &filter);
    }
}

/* Shows @column_id as the sort column (and sorts the list by it) */
void
sp_record_view_sort_by (SpRecordView *self,
                        const char   *column_id,
                        gboolean      descending)
{
  GListModel *columns;

  g_return_if_fail (SP_IS_RECORD_VIEW (self));

  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "sp-column-id"), column_id) == 0)
        {
          gtk_column_view_sort_by_column (self->column_view, column,
                                          descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
          return;
        }
    }

  g_critical ("No column %s", column_id);
}

/* Opening and deleting */

static void
activate_cb (SpRecordView *self,
             guint         position)
{
  g_autoptr(GObject) record = NULL;

  if (self->list == NULL)
    return;

  record = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (record != NULL)
    g_signal_emit (self, signals[OPEN], 0, record);
}

/* The selected record, or NULL */
gpointer
sp_record_view_get_selected (SpRecordView *self)
{
  g_return_val_if_fail (SP_IS_RECORD_VIEW (self), NULL);

  if (self->selection == NULL)
    return NULL;

  return gtk_single_selection_get_selected_item (self->selection);
}

/* The list item shown in @widget or below it, or NULL */
static GtkListItem *
find_list_item (GtkWidget *widget)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), "sp-list-item");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && item == NULL;
       child = gtk_widget_get_next_sibling (child))
    item = find_list_item (child);

  return item;
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/*
 * The row that has the keyboard focus, reached with Tab or the arrows,
 * whether or not it is selected: G_MAXUINT when the focus is elsewhere (a
 * column header, another widget).
 */
static guint
focused_position (SpRecordView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || list_view == NULL || !gtk_widget_is_ancestor (focus, list_view))
    return G_MAXUINT;

  /* from the focus up to its row, never the whole list */
  for (GtkWidget *w = focus; w != NULL && w != list_view; w = gtk_widget_get_parent (w))
    {
      GtkListItem *item = find_list_item (w);

      if (item != NULL && gtk_list_item_get_item (item) != NULL)
        return gtk_list_item_get_position (item);
    }

  return G_MAXUINT;
}

/*
 * The row Delete acts on: the one with the keyboard focus, reached with
 * Tab or the arrows, when nothing else is selected or the focus is drawn;
 * else the selected one, the one the owner sees.  G_MAXUINT when none.
 */
static guint
current_position (SpRecordView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint focused = focused_position (self);
  guint selected;

  if (self->selection == NULL)
    return G_MAXUINT;

  selected = gtk_single_selection_get_selected (self->selection);
  if (focused != G_MAXUINT &&
      (selected == GTK_INVALID_LIST_POSITION || selected == focused ||
       (GTK_IS_WINDOW (root) && gtk_window_get_focus_visible (GTK_WINDOW (root)))))
    return focused;

  return selected != GTK_INVALID_LIST_POSITION ? selected : G_MAXUINT;
}

/**
 * sp_record_view_dup_current:
 *
 * The record Delete acts on: the one of the row with the keyboard focus
 * when the owner can see it, else the selected one.
 *
 * Returns: (transfer full) (nullable): an #SpContact or #SpSurvey
 */
gpointer
sp_record_view_dup_current (SpRecordView *self)
{
  guint position;

  g_return_val_if_fail (SP_IS_RECORD_VIEW (self), NULL);

  position = current_position (self);
  if (position == G_MAXUINT)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (self->selection), position);
}

static void
delete_current_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SpRecordView *self = SP_RECORD_VIEW (widget);
  g_autoptr(GObject) record = sp_record_view_dup_current (self);
  guint position = current_position (self);

  if (record == NULL)
    return;

  /* the focus stays in the list, on the row that takes the deleted one's place */
  if (focused_position (self) != G_MAXUINT)
    {
      self->refocus = position + 1;
      self->refocus_n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
    }

  g_signal_emit (self, signals[DELETE], 0, record);
}

/* Moving to a row */

static void
scroll_to (SpRecordView *self,
           guint         position)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));

  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

/* The row widget that shows @position, once it is on screen */
static GtkWidget *
find_row (SpRecordView *self,
          guint         position)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));

  if (list_view == NULL)
    return NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkListItem *item = find_list_item (row);

      if (item != NULL && gtk_list_item_get_item (item) != NULL &&
          gtk_list_item_get_position (item) == position)
        return row;
    }

  return NULL;
}

/**
 * sp_record_view_focus_row:
 * @position: the row to move to, 0 for the first
 *
 * Moves the keyboard focus into the list, onto @position (Down from the
 * search field).
 *
 * Returns: whether there was such a row
 */
gboolean
sp_record_view_focus_row (SpRecordView *self,
                          guint         position)
{
  GtkWidget *row;

  g_return_val_if_fail (SP_IS_RECORD_VIEW (self), FALSE);

  if (self->list == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return FALSE;

  scroll_to (self, position);

  /* scrolling builds the row at once when it was not on screen */
  row = find_row (self, position);
  if (row == NULL)
    return FALSE;

  return gtk_widget_grab_focus (row);
}

static void
refresh_highlight (SpRecordView *self)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));

  if (list_view == NULL)
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
           cell = gtk_widget_get_next_sibling (cell))
        {
          GtkWidget *child = gtk_widget_get_first_child (cell);
          GtkListItem *item = child ? g_object_get_data (G_OBJECT (child), "sp-list-item") : NULL;

          if (item != NULL)
            update_highlight (item, self->highlight_id);
        }
    }
}

static gboolean
highlight_done_cb (gpointer data)
{
  SpRecordView *self = data;

  self->highlight_timeout = 0;
  self->highlight_id = 0;
  refresh_highlight (self);
  return G_SOURCE_REMOVE;
}

static gboolean
reveal_given_up_cb (gpointer data)
{
  SpRecordView *self = data;

  /* not in the list as filtered: nothing to show */
  self->reveal_timeout = 0;
  self->reveal_id = 0;
  return G_SOURCE_REMOVE;
}

static void
try_refocus (SpRecordView *self)
{
  guint n;

  if (self->refocus == 0 || self->list == NULL || sp_record_list_is_loading (self->list))
    return;

  /* not deleted after all (it failed): the focus stays where it is */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (n == self->refocus_n)
    {
      self->refocus = 0;
      return;
    }

  if (n > 0)
    sp_record_view_focus_row (self, MIN (self->refocus - 1, n - 1));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  self->refocus = 0;

  /* the next Delete acts on this row: it must be seen to have the focus */
  if (GTK_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))
    gtk_window_set_focus_visible (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), TRUE);
}

static void
try_reveal (SpRecordView *self)
{
  guint position;

  /* a row with the focus may go with the reload (an undo took it back): its place keeps it */
  if (self->refocus == 0 && self->list != NULL && sp_record_list_is_loading (self->list) &&
      (position = focused_position (self)) != G_MAXUINT)
    {
      self->refocus = position + 1;
      self->refocus_n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
    }

  try_refocus (self);

  if (self->reveal_id == 0 || self->list == NULL || sp_record_list_is_loading (self->list))
    return;

  position = sp_record_list_find_id (self->list, self->reveal_id);
  if (position == G_MAXUINT)
    return;

  self->highlight_id = self->reveal_id;
  self->reveal_id = 0;
  g_clear_handle_id (&self->reveal_timeout, g_source_remove);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  scroll_to (self, position);
  refresh_highlight (self);

  /* Delete acts on the focused row: the one lit up, not one the owner cannot tell apart */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sp_record_view_focus_row (self, position);

  g_clear_handle_id (&self->highlight_timeout, g_source_remove);
  self->highlight_timeout = g_timeout_add_seconds (3, highlight_done_cb, self);
}

/**
 * sp_record_view_reveal:
 * @id: the record just saved or put back
 *
 * Scrolls to the record, selects it and lights it up for a moment, as
 * soon as the list has read it (now, or after the store's change).
 */
void
sp_record_view_reveal (SpRecordView *self,
                       gint64        id)
{
  g_return_if_fail (SP_IS_RECORD_VIEW (self));

  self->reveal_id = id;
  g_clear_handle_id (&self->reveal_timeout, g_source_remove);
  if (id == 0)
    return;

  self->reveal_timeout = g_timeout_add_seconds (5, reveal_given_up_cb, self);
  try_reveal (self);
}

/* The record lit up as just saved, 0 when none */
gint64
sp_record_view_get_highlighted (SpRecordView *self)
{
  g_return_val_if_fail (SP_IS_RECORD_VIEW (self), 0);
  return self->highlight_id;
}

/* GObject */

static void
add_columns (SpRecordView *self)
{
  const Column *columns = self->kind == SP_RECORD_VIEW_CONTACTS ? contact_columns
                        : self->kind == SP_RECORD_VIEW_ESCALATIONS ? escalation_columns
                        : survey_columns;

  for (const Column *c = columns; c->id != NULL; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "sp-record-view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) c);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) c);

      column = gtk_column_view_column_new (_(c->title), factory);
      g_object_set_data (G_OBJECT (column), "sp-column-id", (gpointer) c->id);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c->expand);
      if (c->width > 0)
        gtk_column_view_column_set_fixed_width (column, c->width);

      if (c->sort >= 0)
        {
          g_autoptr(GtkSorter) sorter = NULL;

          sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare,
                                                      GINT_TO_POINTER (c->sort + 1), NULL));
          gtk_column_view_column_set_sorter (column, sorter);
        }

      gtk_column_view_append_column (self->column_view, column);
    }
}

/*
 * Pacing: GTK 4.8's column view makes the widgets of some 200 rows at once,
 * whatever it shows; the list gives it its first chunk alone, and the rest
 * once that has been painted, so that the first screenful is not kept
 * waiting by rows no one sees yet.
 */
static void
stop_pacing (SpRecordView *self)
{
  if (self->pace_id != 0)
    g_signal_handler_disconnect (self->pace_clock, self->pace_id);
  self->pace_id = 0;
  g_clear_object (&self->pace_clock);
  g_clear_handle_id (&self->pace_idle, g_source_remove);
}

static gboolean
release_cb (gpointer data)
{
  SpRecordView *self = data;

  self->pace_idle = 0;
  stop_pacing (self);
  if (self->list != NULL)
    sp_record_list_release (self->list);
  return G_SOURCE_REMOVE;
}

static void
painted_cb (GdkFrameClock *clock,
            SpRecordView  *self)
{
  /* not within the frame: the rest comes in a turn of the loop of its own */
  g_signal_handler_disconnect (self->pace_clock, self->pace_id);
  self->pace_id = 0;
  if (self->pace_idle == 0)
    self->pace_idle = g_idle_add_full (G_PRIORITY_DEFAULT, release_cb, self, NULL);
}

static void
pace_cb (SpRecordView *self)
{
  GdkFrameClock *clock;

  if (!sp_record_list_is_holding (self->list) || self->pace_id != 0 || self->pace_idle != 0)
    return;

  clock = gtk_widget_get_mapped (GTK_WIDGET (self)) ? gtk_widget_get_frame_clock (
                                                        GTK_WIDGET (self))
                                                    : NULL;
  if (clock == NULL)
    {
      /* nothing to paint first */
      self->pace_idle = g_idle_add_full (G_PRIORITY_DEFAULT, release_cb, self, NULL);
      return;
    }

  self->pace_clock = g_object_ref (clock);
  self->pace_id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), self);
}

static void
sp_record_view_unmap (GtkWidget *widget)
{
  SpRecordView *self = SP_RECORD_VIEW (widget);

  /* no frame to wait for any more */
  if (self->pace_id != 0)
    {
      stop_pacing (self);
      self->pace_idle = g_idle_add_full (G_PRIORITY_DEFAULT, release_cb, self, NULL);
    }

  GTK_WIDGET_CLASS (sp_record_view_parent_class)->unmap (widget);
}

static void
sp_record_view_dispose (GObject *object)
{
  SpRecordView *self = SP_RECORD_VIEW (object);

  stop_pacing (self);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);


  g_clear_handle_id (&self->reveal_timeout, g_source_remove);
  g_clear_handle_id (&self->refit_id, g_source_remove);
  g_clear_handle_id (&self->highlight_timeout, g_source_remove);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (sp_record_view_parent_class)->dispose (object);
}

static void
sp_record_view_constructed (GObject *object)
{
  SpRecordView *self = SP_RECORD_VIEW (object);

  G_OBJECT_CLASS (sp_record_view_parent_class)->constructed (object);

  add_columns (self);
  fit_time_columns (self);

  /* the store's order, shown as the header's arrow */
  self->applying_sort = TRUE;
  sp_record_view_sort_by (self, self->kind == SP_RECORD_VIEW_SURVEYS ? "answered" : "received",
                          TRUE);
  self->applying_sort = FALSE;
}

static void
sp_record_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SpRecordView *self = SP_RECORD_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_record_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SpRecordView *self = SP_RECORD_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_record_view_class_init (SpRecordViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sp_record_view_constructed;
  object_class->dispose = sp_record_view_dispose;
  object_class->get_property = sp_record_view_get_property;
  object_class->set_property = sp_record_view_set_property;
  widget_class->css_changed = sp_record_view_css_changed;
  widget_class->unmap = sp_record_view_unmap;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SP_TYPE_RECORD_VIEW_KIND, SP_RECORD_VIEW_CONTACTS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpRecordView::open:
   * @record: the #SpContact or #SpSurvey to edit
   */
  signals[OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_OBJECT);

  /**
   * SpRecordView::delete:
   * @record: the #SpContact or #SpSurvey the user asked to delete
   */
  signals[DELETE] =
    g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sp-record-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SpRecordView, scroller);
  gtk_widget_class_bind_template_child (widget_class, SpRecordView, column_view);

  gtk_widget_class_install_action (widget_class, "view.delete-selected", NULL,
                                   delete_current_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "view.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "view.delete-selected", NULL);
}

static void
sp_record_view_init (SpRecordView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);

  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);

}

GtkWidget *
sp_record_view_new (SpRecordViewKind kind)
{
  return g_object_new (SP_TYPE_RECORD_VIEW, "kind", kind, NULL);
}

SpRecordViewKind
sp_record_view_get_kind (SpRecordView *self)
{
  g_return_val_if_fail (SP_IS_RECORD_VIEW (self), SP_RECORD_VIEW_CONTACTS);
  return self->kind;
}

void
sp_record_view_set_list (SpRecordView *self,
                         SpRecordList *list)
{
  g_return_if_fail (SP_IS_RECORD_VIEW (self));
  g_return_if_fail (!list || SP_IS_RECORD_LIST (list));

  if (self->list == list)
    return;

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->list, self);
      stop_pacing (self);
      sp_record_list_set_paced (self->list, FALSE);
    }
  g_set_object (&self->list, list);
  g_clear_object (&self->selection);
  self->reveal_id = 0;

  if (list != NULL)
    {
      sp_record_list_set_paced (list, TRUE);
      g_signal_connect_object (list, "items-changed", G_CALLBACK (pace_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (list, "items-changed", G_CALLBACK (try_reveal), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (list, "notify::loading", G_CALLBACK (try_reveal), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }

  if (list != NULL)
    {
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (list)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
    }

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

SpRecordList *
sp_record_view_get_list (SpRecordView *self)
{
  g_return_val_if_fail (SP_IS_RECORD_VIEW (self), NULL);
  return self->list;
}

GtkColumnView *
sp_record_view_get_column_view (SpRecordView *self)
{
  g_return_val_if_fail (SP_IS_RECORD_VIEW (self), NULL);
  return self->column_view;
}
