/* sp-cli-kpis.c
 *
 * service-pulse kpis --from DATE --to DATE [--agent NAME] [--channel CH]
 *                    [--category NAME] [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-cli"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "sp-cli.h"
#include "sp-error.h"
#include "sp-insights.h"
#include "sp-kpi-engine.h"

#define LABEL_WIDTH 28

static void
print_padded (const char *label,
              int         width)
{
  glong len = g_utf8_strlen (label, -1);

  printf ("%s", label);
  for (glong i = len; i < width; i++)
    putchar (' ');
}

static void
print_line (const char *label,
            const char *value,
            const char *status)
{
  print_padded (label, LABEL_WIDTH);
  printf ("%s", value);
  if (status != NULL && *status != '\0')
    printf ("  [%s]", status);
  putchar ('\n');
}

static void
print_kpi (SpKpiSet *set,
           SpKpi     kpi)
{
  const SpKpiValue *value = sp_kpi_set_get (set, kpi);
  const char *basis = sp_kpi_set_get_time_basis (set, kpi);
  g_autofree char *text = NULL;

  if (isnan (value->value))
    text = g_strdup (_("no data"));
  else
    text = sp_kpi_format_with_interval (kpi, value, set->currency);

  if (basis != NULL)
    {
      const SpKpiValue *clock = sp_kpi_set_get_clock (set, kpi);
      g_autofree char *plain = g_steal_pointer (&text);

      if (clock != NULL && !isnan (clock->value))
        {
          g_autofree char *around = sp_kpi_format_value (kpi, clock->value, set->currency);

          /* TRANSLATORS: a value, "in opening hours", and the same on the clock */
          text = g_strdup_printf (_("%s %s (around the clock: %s)"), plain, basis, around);
        }
      else
        text = g_strdup_printf ("%s %s", plain, basis);
    }

  print_line (sp_kpi_get_name (kpi), text, sp_status_get_label (value->status));
}

static void
print_text (SpKpiSet *set)
{
  g_autofree char *period = sp_period_format (&set->period);
  g_autofree char *contacts = NULL;
  g_autofree char *backlog = NULL;
  g_autofree char *completeness = NULL;
  double complete = sp_kpi_set_get_completeness (set);

  if (set->segment_label != NULL)
    printf ("%s — %s\n\n", period, set->segment_label);
  else
    /* TRANSLATORS: %s is the period ("November 2026") */
    printf (_("%s — whole shop\n\n"), period);

  /* TRANSLATORS: contacts, and how many of them were complaints: "348 (16 complaints)" */
  contacts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRId64 " (%'"
                                           PRId64 " complaint)",
                                           "%'" PRId64 " (%'" PRId64
                                           " complaints)", (gulong) set->complaints),
                              set->contacts, set->complaints);
  print_line (sp_kpi_get_name (SP_KPI_CONTACTS), contacts, NULL);

  for (SpKpi kpi = 0; kpi < SP_N_KPIS; kpi++)
    {
      if (kpi == SP_KPI_CONTACTS)
        continue;

      if (kpi == SP_KPI_BACKLOG)
        {
          /* TRANSLATORS: the backlog: open contacts, and how many of them are older than 48
           * hours */
          backlog = g_strdup_printf (_("%'" PRId64 " open, %'" PRId64
                                       " older than 48 h"),
                                     set->backlog_open, set->backlog_older_than_48h);
          print_line (sp_kpi_get_name (kpi), backlog,
                      sp_status_get_label (set->values[kpi].status));
          continue;
        }

      if (!sp_kpi_allows_segment (kpi, set->segment.kind))
        continue;

      print_kpi (set, kpi);

      if (kpi == SP_KPI_FIRST_RESPONSE)
        {
          for (guint c = 0; c < SP_N_CHANNELS; c++)
            {
              const SpKpiValue *v = &set->first_response_by_channel[c];
              g_autofree char *label = NULL;
              g_autofree char *text = NULL;

              if (set->contacts_by_channel[c] <= 0)
                continue;

              label = g_strdup_printf ("  %s", sp_channel_get_label (c));
              text = isnan (v->value) ? g_strdup (_("no answered contacts"))
                                      : sp_kpi_format_with_interval (kpi, v, set->currency);
              print_line (label, text, sp_status_get_label (v->status));
            }
        }
    }

  putchar ('\n');
  printf ("%s\n", _("Contacts by channel"));
  for (guint c = 0; c < SP_N_CHANNELS; c++)
    {
      g_autofree char *label = NULL;
      g_autofree char *count = NULL;

      if (set->contacts_by_channel[c] <= 0)
        continue;
      label = g_strdup_printf ("  %s", sp_channel_get_label (c));
      count = g_strdup_printf ("%'" PRId64, set->contacts_by_channel[c]);
      print_line (label, count, NULL);
    }

  printf ("%s\n", _("Contacts by topic"));
  for (guint i = 0; i < set->contacts_by_category->len; i++)
    {
      const SpCategoryCount *c = &g_array_index (set->contacts_by_category, SpCategoryCount, i);
      g_autofree char *label = g_strdup_printf ("  %s", c->name);
      g_autofree char *count = g_strdup_printf ("%'" PRId64, c->contacts);

      print_line (label, count, NULL);
    }

  putchar ('\n');
  if (isnan (complete))
    completeness = g_strdup (_("no contacts"));
  else
    /* TRANSLATORS: a percentage of complete contacts, then four counts of what is missing */
    completeness = g_strdup_printf (_("%'.1f %% of contacts complete (missing: first response "
                                      "%'" PRId64 ", outcome %'" PRId64
                                      ", customer %'" PRId64 ", handle minutes %'"
                                      PRId64 ")"),
                                    complete, set->missing_first_response, set->missing_outcome,
                                    set->missing_customer, set->missing_handle_minutes);
  print_line (_("Data completeness"), completeness, NULL);
}

static void
print_findings (GPtrArray      *findings,
                const SpPeriod *period)
{
  SpPeriod before;
  g_autofree char *previous = NULL;
  g_autofree char *heading = NULL;

  if (findings->len == 0)
    return;

  /* the findings that speak of a change compare with the previous period of KPI-SPEC §2 */
  before = sp_period_previous (period);
  previous = sp_period_format (&before);
  /* TRANSLATORS: the heading of the findings, "Findings (changes against September 2026)" */
  heading = g_strdup_printf (_("Findings (changes against %s)"), previous);
  printf ("\n%s\n", heading);
  for (guint i = 0; i < findings->len; i++)
    {
      SpInsight *insight = g_ptr_array_index (findings, i);

      printf ("  [%s] %s\n", sp_insight_severity_get_label (insight->severity), insight->title);
    }
}

static int
find_entity (SpStore       *store,
             SpEntityKind   kind,
             const char    *name,
             gint64        *id)
{
  *id = sp_store_find_entity (store, kind, name);
  if (*id > 0)
    return SP_EXIT_OK;

  if (kind == SP_ENTITY_AGENT)
    /* TRANSLATORS: %s is the agent's name as typed */
    fprintf (stderr, _("service-pulse: there is no agent called “%s”\n"), name);
  else
    /* TRANSLATORS: %s is the topic's name as typed */
    fprintf (stderr, _("service-pulse: there is no topic called “%s”\n"), name);
  return SP_EXIT_BAD_INPUT;
}

int
sp_cli_kpis (SpCliContext  *context,
             int            argc,
             char         **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *channel_text = NULL;
  g_autofree char *category = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (YYYY-MM-DD)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day, inclusive (YYYY-MM-DD)"), "DATE" },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, N_("Only this agent"), N_("NAME") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel_text,
      N_("Only this channel (phone, email, chat, in_person, social, sms)"), "CH" },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category,
      N_("Only this topic; an empty name for contacts without one"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpKpiEngine) engine = NULL;
  g_autoptr(SpKpiSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  SpSegment segment;
  SpPeriod period;
  SpChannel channel = SP_CHANNEL_NONE;
  int n_segments;
  int status;

  if (!sp_cli_parse ("kpis", entries, &argc, &argv, &status))
    return status;

  if (argc > 1)
    /* TRANSLATORS: %s is what was typed on the command line */
    return sp_cli_usage_error ("kpis", _("unexpected argument “%s”"), argv[1]);

  if (from_text == NULL || to_text == NULL)
    return sp_cli_usage_error ("kpis", "%s", _("kpis needs --from and --to"));

  if (!sp_date_parse (from_text, &period.from, &reason))
    /* TRANSLATORS: the date as typed, then what is wrong with it */
    return sp_cli_usage_error ("kpis", _("--from “%s”: %s"), from_text, reason);
  g_clear_pointer (&reason, g_free);
  if (!sp_date_parse (to_text, &period.to, &reason))
    /* TRANSLATORS: the date as typed, then what is wrong with it */
    return sp_cli_usage_error ("kpis", _("--to “%s”: %s"), to_text, reason);

  if (period.to < period.from)
    return sp_cli_usage_error ("kpis", "%s", _("--to is before --from"));
  if ((status = sp_cli_check_period ("kpis", &period)) != SP_EXIT_OK)
    return status;

  n_segments = (agent != NULL) + (channel_text != NULL) + (category != NULL);
  if (n_segments > 1)
    return sp_cli_usage_error ("kpis", "%s",
                               _("choose one of --agent, --channel and --category"));

  if (channel_text != NULL && !sp_channel_from_string (channel_text, &channel))
    /* TRANSLATORS: %s is the channel as typed */
    return sp_cli_usage_error ("kpis", _("“%s” is not a channel; use phone, email, chat, "
                                         "in_person, social or sms"), channel_text);

  if (!(store = sp_cli_open_store (context, TRUE)))
    return SP_EXIT_BAD_INPUT;

  sp_segment_init_all (&segment);
  if (agent != NULL)
    {
      gint64 id;

      if ((status = find_entity (store, SP_ENTITY_AGENT, agent, &id)) != SP_EXIT_OK)
        return status;
      sp_segment_init_agent (&segment, id);
    }
  else if (channel_text != NULL)
    {
      sp_segment_init_channel (&segment, channel);
    }
  else if (category != NULL)
    {
      gint64 id = -1;

      if (*g_strstrip (category) != '\0' &&
          (status = find_entity (store, SP_ENTITY_CATEGORY, category, &id)) != SP_EXIT_OK)
        return status;
      sp_segment_init_category (&segment, id);
    }

  engine = sp_kpi_engine_new (store);
  set = sp_kpi_engine_compute (engine, &period, &segment, &error);
  if (set == NULL)
    return sp_cli_fail (error);

  if (json)
    {
      g_autofree char *text = sp_kpi_set_to_json (set);
      printf ("%s\n", text);
    }
  else
    {
      g_autoptr(GPtrArray) findings = NULL;

      print_text (set);

      /* the diagnoses are for the whole shop */
      if (segment.kind == SP_SEGMENT_ALL)
        {
          findings = sp_insights_find (engine, &period, &error);
          if (findings == NULL)
            return sp_cli_fail (error);
          print_findings (findings, &period);
        }
    }

  return SP_EXIT_OK;
}
