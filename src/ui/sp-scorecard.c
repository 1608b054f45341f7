/* sp-scorecard.c
 *
 * One row per agent with the KPIs coaching talks about, each against the
 * team's figure: team averages hide individuals, so a 95 %
 * agent and a 65 % one must both show.  Above or below is said with an
 * arrow, a colour and words, never a colour alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-scorecard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sp-kpi-charts.h"
#include "sp-review.h"
#include "sp-scorecard.h"

struct _SpScorecard
{
  AdwBin      parent_instance;

  GtkGrid    *grid;
};

G_DEFINE_FINAL_TYPE (SpScorecard, sp_scorecard, ADW_TYPE_BIN)

static const SpKpi columns[] = {
  SP_KPI_CSAT,
  SP_KPI_FCR,
  SP_KPI_ESCALATION_RATE,
  SP_KPI_AHT,
  SP_KPI_UTILIZATION,
  SP_KPI_CONTACTS,
};

GtkWidget *
sp_scorecard_new (void)
{
  return g_object_new (SP_TYPE_SCORECARD, NULL);
}

static GtkWidget *
label_new (const char *text,
           float       xalign,
           const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (css, " ", -1);

      for (guint i = 0; classes[i]; i++)
        gtk_widget_add_css_class (label, classes[i]);
    }

  return label;
}

/* How far @value is from the team's, in words and with an arrow */
static GtkWidget *
cell_new (SpKpi             kpi,
          const char       *agent,
          const SpKpiValue *value,
          double            team,
          const SpKpiValue *team_value,
          const char       *currency)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  g_autofree char *text = NULL;
  g_autofree char *team_text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *diff = NULL;
  const char *where = NULL;
  const char *icon = NULL;
  const char *css = "neutral";
  double delta;
  gboolean level;

  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_add_css_class (box, "score-cell");

  text = isfinite (value->value) ? sp_kpi_format_value (kpi, value->value, currency)
                                 : g_strdup ("—");
  gtk_box_append (GTK_BOX (box), label_new (text, 1, "numeric"));

  if (!isfinite (value->value) || !isfinite (team))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text, -1);
      return box;
    }

  /* on too few answers or contacts no comparison is drawn, no colour given */
  if (value->status == SP_STATUS_TOO_FEW)
    {
      g_autofree char *few = sp_kpi_format_status_of (kpi, value);

      gtk_box_append (GTK_BOX (box), label_new (few, 1, "caption dim-label too-few"));
      /* TRANSLATORS: "Ana: CSAT 50 %, Too few to judge (n = 2)" */
      tooltip = g_strdup_printf (_("%s: %s %s, %s"), agent, sp_kpi_get_short_name (kpi), text,
                                 few);
      gtk_widget_set_tooltip_text (box, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      return box;
    }

  delta = value->value - team;
  level = sp_kpi_get_unit (kpi) == SP_UNIT_PERCENT ? fabs (delta) < 0.5
                                                    : fabs (delta) <= fabs (team) * 0.02;
  level = level || sp_kpi_change_is_none (kpi, team, value->value);
  team_text = sp_kpi_format_value (kpi, team, currency);

  if (level)
    {
      diff = g_strdup (_("level"));
      where = _("level with the team");
    }
  else
    {
      diff = sp_kpi_format_change (kpi, team, value->value, currency);
      icon = delta > 0 ? "go-up-symbolic" : "go-down-symbolic";
      where = delta > 0 ? _("above the team") : _("below the team");

      if (sp_kpi_get_direction (kpi) != SP_DIRECTION_NEUTRAL && kpi != SP_KPI_CONTACTS)
        css = sp_kpi_change_is_good (kpi, team, value->value) ? "good" : "bad";

      if (team_value != NULL &&
          sp_review_is_well_below (sp_kpi_get_direction (kpi), value, team_value, 5))
        {
          /* TRANSLATORS: %s is an agent's figure; it is well below the team's */
          g_autofree char *flagged = g_strdup_printf (_("%s · well below"), diff);

          g_free (diff);
          diff = g_steal_pointer (&flagged);
          where = _("well below the team");
        }
    }

  gtk_widget_set_halign (line, GTK_ALIGN_END);
  gtk_widget_add_css_class (line, "kpi-change");
  gtk_widget_add_css_class (line, css);
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      gtk_image_set_pixel_size (GTK_IMAGE (image), 12);
      gtk_box_append (GTK_BOX (line), image);
    }
  gtk_box_append (GTK_BOX (line), label_new (diff, 1, "caption numeric"));
  gtk_box_append (GTK_BOX (box), line);

  /* TRANSLATORS: "Ana: CSAT 92 %, above the team (84 %)" */
  tooltip = g_strdup_printf (_("%s: %s %s, %s (%s)"), agent, sp_kpi_get_short_name (kpi), text,
                             where, team_text);
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  return box;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  SpKpiSet *sa = *(SpKpiSet **) a, *sb = *(SpKpiSet **) b;

  return g_utf8_collate (sa->segment_label ? sa->segment_label : "",
                         sb->segment_label ? sb->segment_label : "");
}

/* One row per agent of @agents (a breakdown by agent), against @team */
void
sp_scorecard_set_data (SpScorecard *self,
                       GPtrArray   *agents,
                       SpKpiSet    *team)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GtkWidget *child;
  guint n_agents = 0;
  int row = 1;

  g_return_if_fail (SP_IS_SCORECARD (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))))
    gtk_grid_remove (self->grid, child);

  gtk_grid_attach (self->grid, label_new (_("Agent"), 0, "caption-heading dim-label"), 0, 0, 1, 1);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    gtk_grid_attach (self->grid, label_new (sp_kpi_get_short_name (columns[c]), 1,
                                            "caption-heading dim-label"), c + 1, 0, 1, 1);

  if (agents == NULL || team == NULL)
    return;

  /* a view of the same sets: g_ptr_array_copy() would also copy the free function */
  sorted = g_ptr_array_sized_new (agents->len);
  for (guint i = 0; i < agents->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (agents, i));
  g_ptr_array_sort (sorted, compare_names);

  for (guint i = 0; i < sorted->len; i++)
    if (((SpKpiSet *) g_ptr_array_index (sorted, i))->contacts > 0)
      n_agents++;

  for (guint i = 0; i < sorted->len; i++)
    {
      SpKpiSet *agent = g_ptr_array_index (sorted, i);
      const char *name = agent->segment_label ? agent->segment_label : _("Unnamed");

      gtk_grid_attach (self->grid, label_new (name, 0, "heading"), 0, row, 1, 1);

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          SpKpi kpi = columns[c];
          const SpKpiValue *value = sp_kpi_set_get (agent, kpi);
          const SpKpiValue *team_value = sp_kpi_set_get (team, kpi);
          double average = team_value->value;

          /* an agent's contacts against the team's per agent */
          if (kpi == SP_KPI_CONTACTS)
            average = n_agents > 0 ? (double) team->contacts / n_agents : NAN;

          gtk_grid_attach (self->grid,
                           cell_new (kpi, name, value, average,
                                     kpi == SP_KPI_CONTACTS ? NULL : team_value, team->currency),
                           c + 1, row, 1, 1);
        }
      row++;
    }

  /* the team, to compare with */
  {
    GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

    gtk_grid_attach (self->grid, separator, 0, row++, G_N_ELEMENTS (columns) + 1, 1);
    gtk_grid_attach (self->grid, label_new (_("Team"), 0, "heading"), 0, row, 1, 1);

    for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
      {
        const SpKpiValue *v = sp_kpi_set_get (team, columns[c]);
        g_autofree char *text = isfinite (v->value)
                                ? sp_kpi_format_value (columns[c], v->value, team->currency)
                                : g_strdup ("—");

        gtk_grid_attach (self->grid, label_new (text, 1, "heading numeric"), c + 1, row, 1, 1);
      }
  }

  /* what the second line of each agent's cell compares with */
  {
    GtkWidget *note = label_new (_("Under each figure: the difference from the team’s figure in "
                                   "the last row; for contacts, from the team’s contacts per "
                                   "agent."), 0, "caption dim-label");

    gtk_label_set_wrap (GTK_LABEL (note), TRUE);
    gtk_widget_set_margin_top (note, 6);
    gtk_grid_attach (self->grid, note, 0, row + 1, G_N_ELEMENTS (columns) + 1, 1);
  }
}

/* The cell of @kpi in the @row-th agent row (0: the first agent), for tests */
GtkWidget *
sp_scorecard_get_cell (SpScorecard *self,
                       guint        row,
                       SpKpi        kpi)
{
  g_return_val_if_fail (SP_IS_SCORECARD (self), NULL);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if (columns[c] == kpi)
      return gtk_grid_get_child_at (self->grid, c + 1, row + 1);

  return NULL;
}

static void
sp_scorecard_class_init (SpScorecardClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "scorecard");
}

static void
sp_scorecard_init (SpScorecard *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 24);
  gtk_grid_set_row_spacing (self->grid, 10);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 16);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 16);
  gtk_widget_set_margin_top (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_halign (GTK_WIDGET (self->grid), GTK_ALIGN_FILL);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->grid));
  adw_bin_set_child (ADW_BIN (self), scroller);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");

  sp_scorecard_set_data (self, NULL, NULL);
}
