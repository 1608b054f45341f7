/* Generated from data/benchmarks.ini by build-aux/update-benchmark-strings:
 * the notes and sources the app shows, for xgettext.  Not compiled; do not
 * edit (edit benchmarks.ini and run the script). */

static const char *benchmark_strings[] = {
  /* TRANSLATORS: what the published guide says of the csat benchmark */
  /* xgettext:no-c-format */
  N_("85% or higher is strong for most small businesses. Below 75% warrants immediate attention."),
  /* TRANSLATORS: where the csat benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("A Guide to Customer Service KPIs for Small Businesses (good and act); Essential Customer Service Metrics and Their Benchmarks (excellent: “For a smaller business with a dedicated customer base, a score above 90% might be a more realistic goal.”)"),
  /* TRANSLATORS: what the published guide says of the fcr benchmark */
  /* xgettext:no-c-format */
  N_("70-75% is strong. Below 60% indicates systemic problems with agent authority, knowledge, or process design."),
  /* TRANSLATORS: where the fcr benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("A Guide to Customer Service KPIs for Small Businesses (good and act); Essential Customer Service Metrics and Their Benchmarks (excellent: “An FCR of 80% or higher is often considered ‘world-class’.”)"),
  /* TRANSLATORS: what the published guide says of the escalation_rate benchmark */
  /* xgettext:no-c-format */
  N_("Below 10% for most small businesses. Rates above 20% indicate a structural problem."),
  /* TRANSLATORS: where the escalation_rate benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("A Guide to Customer Service KPIs for Small Businesses"),
  /* TRANSLATORS: what the published guide says of the nps benchmark */
  /* xgettext:no-c-format */
  N_("Any score above 0 is considered acceptable, as it means you have more promoters than detractors. A score above 20 is seen as favorable. An NPS of 50 or higher is generally considered excellent."),
  /* TRANSLATORS: where the nps benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("Essential Customer Service Metrics and Their Benchmarks"),
  /* TRANSLATORS: what the published guide says of the ces benchmark */
  /* xgettext:no-c-format */
  N_("On a 7-point scale, a score of 5 or higher is generally considered good."),
  /* TRANSLATORS: where the ces benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("Essential Customer Service Metrics and Their Benchmarks (good); act below 4: house default"),
  /* TRANSLATORS: what the published guide says of the repeat_rate benchmark */
  /* xgettext:no-c-format */
  N_("Below 10%. Above 20% indicates systemic resolution quality problems."),
  /* TRANSLATORS: where the repeat_rate benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("A Guide to Customer Service KPIs for Small Businesses"),
  /* TRANSLATORS: what the published guide says of the utilization benchmark */
  /* xgettext:no-c-format */
  N_("60-75% for most customer service environments. Above 85% consistently indicates understaffing and is a leading indicator of CSAT decline."),
  /* TRANSLATORS: where the utilization benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("A Guide to Customer Service KPIs for Small Businesses"),
  /* TRANSLATORS: what the published guide says of the sla_compliance benchmark */
  /* xgettext:no-c-format */
  N_("Create different SLA targets based on issue priority or severity."),
  /* TRANSLATORS: where the sla_compliance benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("house default; targets tiered by priority as Why Your Business Needs More Than Just Good Service: A Guide to Data-Driven Support recommends"),
  /* TRANSLATORS: what the published guide says of the first_response_minutes benchmark */
  /* xgettext:no-c-format */
  N_("Phone: Under 3 minutes to connect with a live agent. Email: Under 4 hours during business hours. Chat: Under 60 seconds. Social media: A response within one hour is considered a good standard."),
  /* TRANSLATORS: where the first_response_minutes benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("A Guide to Customer Service KPIs for Small Businesses (phone, email, chat); Essential Customer Service Metrics and Their Benchmarks (social media, messaging)"),
  /* TRANSLATORS: what the published guide says of the backlog benchmark */
  /* xgettext:no-c-format */
  N_("A common goal is to have no tickets in the backlog older than 48 hours. A manageable number is often considered to be around 15-20 open tickets per agent."),
  /* TRANSLATORS: where the backlog benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("Essential Customer Service Metrics and Their Benchmarks"),
  /* TRANSLATORS: what the published guide says of the churn_rate benchmark */
  /* xgettext:no-c-format */
  N_("A healthy monthly churn rate for B2B SaaS companies is 3-7%. For B2C subscription businesses, churn is often higher. A typical rate is 6.5-8% per month."),
  /* TRANSLATORS: where the churn_rate benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("house default for a small shop, set within the general monthly ranges of Essential Customer Service Metrics and Their Benchmarks (a general benchmark, not one for small shops)"),
  /* TRANSLATORS: where the channel-targets benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("A Guide to Customer Service KPIs for Small Businesses (phone 3 min, email 4 h, chat 60 s); Essential Customer Service Metrics and Their Benchmarks (social media 1 h, messaging 1 min); in person: house default"),
  /* TRANSLATORS: where the sla-targets benchmark comes from; keep the guides' titles in their language, translate the words around them */
  /* xgettext:no-c-format */
  N_("house default, tiered as Why Your Business Needs More Than Just Good Service: A Guide to Data-Driven Support recommends (“a 1-hour response time for critical system failures versus a 24-hour response for general inquiries”)"),
};
