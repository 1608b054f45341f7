/* sp-store-migrations.c
 *
 * The schema, as numbered migrations: PRAGMA user_version says which have
 * run.  Each runs in its own transaction.  Never edit a migration that has
 * shipped; add a new one.
 *
 * A shipped migration is one literal string, as it ran in the owners'
 * files: the check that a file is ours and intact compares its schema with
 * what these strings create, so a macro that later code shares must never
 * reach them (test-schema's frozen-migrations test holds each one's
 * checksum).  The macros below serve the code that recomputes the totals
 * and the migrations still to come; what they compute must stay what the
 * frozen triggers compute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-error.h"
#include "sp-store-private.h"

/* 1: everything KPI-SPEC §1 records, and settings */
static const char migration_1[] =
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT"
  ");"

  "CREATE TABLE agents ("
  "  id       INTEGER PRIMARY KEY,"
  "  name     TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
  ");"

  "CREATE TABLE customers ("
  "  id        INTEGER PRIMARY KEY,"
  "  name      TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  name_key  TEXT NOT NULL UNIQUE,"
  "  active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  email     TEXT,"
  "  phone     TEXT,"
  "  forgotten INTEGER NOT NULL DEFAULT 0 CHECK (forgotten IN (0, 1))"
  ");"

  "CREATE TABLE categories ("
  "  id       INTEGER PRIMARY KEY,"
  "  name     TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
  ");"

  /* Clustered by time: every KPI reads a range of received_at.  Times are
   * local wall-clock seconds (see sp-time.h); id is the order of entry,
   * which breaks ties between contacts of the same minute (KPI-SPEC §4). */
  "CREATE TABLE contacts ("
  "  received_at            INTEGER NOT NULL CHECK (typeof(received_at) = 'integer'),"
  "  id                     INTEGER NOT NULL UNIQUE CHECK (id > 0),"
  "  channel                TEXT NOT NULL"
  "    CHECK (channel IN ('phone', 'email', 'chat', 'in_person', 'social', 'sms')),"
  "  agent_id               INTEGER NOT NULL REFERENCES agents (id),"
  "  customer_id            INTEGER REFERENCES customers (id),"
  "  category_id            INTEGER REFERENCES categories (id),"
  "  priority               TEXT NOT NULL DEFAULT 'normal'"
  "    CHECK (priority IN ('low', 'normal', 'high', 'urgent')),"
  "  first_response_at      INTEGER"
  "    CHECK (first_response_at IS NULL OR (typeof(first_response_at) = 'integer'"
  "           AND first_response_at >= received_at)),"
  "  resolved_at            INTEGER"
  "    CHECK (resolved_at IS NULL OR (typeof(resolved_at) = 'integer'"
  "           AND resolved_at >= received_at)),"
  "  resolved_first_contact INTEGER NOT NULL DEFAULT 0 CHECK (resolved_first_contact IN (0, 1)),"
  "  escalated              INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0, 1)),"
  "  talk_min               REAL CHECK (talk_min IS NULL OR talk_min >= 0),"
  "  hold_min               REAL CHECK (hold_min IS NULL OR hold_min >= 0),"
  "  wrap_min               REAL CHECK (wrap_min IS NULL OR wrap_min >= 0),"
  "  complaint              INTEGER NOT NULL DEFAULT 0 CHECK (complaint IN (0, 1)),"
  "  note                   TEXT,"
  /* maintained by the store: KPI-SPEC §4 */
  "  is_repeat              INTEGER NOT NULL DEFAULT 0 CHECK (is_repeat IN (0, 1)),"
  "  followed_up            INTEGER NOT NULL DEFAULT 0 CHECK (followed_up IN (0, 1)),"
  "  PRIMARY KEY (received_at, id)"
  ") WITHOUT ROWID;"

  "CREATE INDEX contacts_by_customer ON contacts (customer_id, category_id, received_at, id)"
  "  WHERE customer_id IS NOT NULL;"
  "CREATE INDEX contacts_by_agent ON contacts (agent_id, received_at);"
  "CREATE INDEX contacts_by_category ON contacts (category_id, received_at);"
  "CREATE INDEX contacts_open ON contacts (received_at) WHERE resolved_at IS NULL;"
  "CREATE INDEX contacts_by_resolved ON contacts (resolved_at) WHERE resolved_at IS NOT NULL;"

  "CREATE TABLE escalations ("
  "  contact_id   INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,"
  "  escalated_at INTEGER CHECK (escalated_at IS NULL OR typeof(escalated_at) = 'integer'),"
  "  escalated_to TEXT,"
  "  reason       TEXT,"
  "  resolved_at  INTEGER"
  "    CHECK (resolved_at IS NULL OR (typeof(resolved_at) = 'integer'"
  "           AND (escalated_at IS NULL OR resolved_at >= escalated_at)))"
  ");"

  "CREATE TABLE surveys ("
  "  answered_at INTEGER NOT NULL CHECK (typeof(answered_at) = 'integer'),"
  "  id          INTEGER NOT NULL UNIQUE CHECK (id > 0),"
  "  kind        TEXT NOT NULL CHECK (kind IN ('csat', 'nps', 'ces')),"
  "  score       INTEGER NOT NULL CHECK (typeof(score) = 'integer' AND ("
  "                 (kind = 'csat' AND score BETWEEN 1 AND 5) OR"
  "                 (kind = 'nps' AND score BETWEEN 0 AND 10) OR"
  "                 (kind = 'ces' AND score BETWEEN 1 AND 7))),"
  "  customer_id INTEGER REFERENCES customers (id),"
  "  agent_id    INTEGER REFERENCES agents (id),"
  "  channel     TEXT"
  "    CHECK (channel IS NULL OR channel IN ('phone', 'email', 'chat', 'in_person', 'social',"
  "                                          'sms')),"
  "  category_id INTEGER REFERENCES categories (id),"
  "  comment     TEXT,"
  "  contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  PRIMARY KEY (answered_at, id)"
  ") WITHOUT ROWID;"

  "CREATE INDEX surveys_by_contact ON surveys (contact_id) WHERE contact_id IS NOT NULL;"
  "CREATE INDEX surveys_by_customer ON surveys (customer_id) WHERE customer_id IS NOT NULL;"

  "CREATE TABLE shifts ("
  "  id              INTEGER PRIMARY KEY,"
  "  date            INTEGER NOT NULL CHECK (typeof(date) = 'integer'),"
  "  agent_id        INTEGER NOT NULL REFERENCES agents (id),"
  "  available_hours REAL NOT NULL CHECK (available_hours > 0 AND available_hours <= 24),"
  "  UNIQUE (agent_id, date)"
  ");"
  "CREATE INDEX shifts_by_date ON shifts (date);"

  "CREATE TABLE month_figures ("
  "  month           TEXT PRIMARY KEY NOT NULL"
  "    CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),"
  "  first_day       INTEGER NOT NULL,"
  "  last_day        INTEGER NOT NULL CHECK (last_day >= first_day),"
  "  operating_cost  REAL NOT NULL CHECK (operating_cost >= 0),"
  "  customers_start INTEGER NOT NULL CHECK (typeof(customers_start) = 'integer'"
  "                                         AND customers_start >= 0),"
  "  customers_lost  INTEGER NOT NULL CHECK (typeof(customers_lost) = 'integer'"
  "                                         AND customers_lost >= 0"
  "                                         AND customers_lost <= customers_start),"
  "  customers_new   INTEGER NOT NULL CHECK (typeof(customers_new) = 'integer'"
  "                                         AND customers_new >= 0)"
  ");"

  /* For people reading the file with the sqlite3 shell */
  "CREATE VIEW contacts_readable AS"
  "  SELECT c.id, datetime(c.received_at, 'unixepoch') AS received_at, c.channel,"
  "         a.name AS agent, cu.name AS customer, cat.name AS category, c.priority,"
  "         datetime(c.first_response_at, 'unixepoch') AS first_response_at,"
  "         datetime(c.resolved_at, 'unixepoch') AS resolved_at,"
  "         c.resolved_first_contact, c.escalated, c.talk_min, c.hold_min, c.wrap_min,"
  "         c.complaint, c.note, c.is_repeat, c.followed_up"
  "  FROM contacts c JOIN agents a ON a.id = c.agent_id"
  "  LEFT JOIN customers cu ON cu.id = c.customer_id"
  "  LEFT JOIN categories cat ON cat.id = c.category_id;";

/*
 * 2: the day totals the KPI engine reads.  Every contact adds its share to
 * the row of its day, agent, channel and topic (0: no topic), through
 * triggers, so that any change made by any code path keeps them exact; a
 * year of a million contacts is then some 50,000 rows to sum instead of a
 * million.  What depends on "now" (unanswered contacts whose SLA target has
 * passed, the backlog) is read from the contacts themselves.
 */
#define KD_DAY(R) "((" R ".received_at - ((" R ".received_at % 86400) + 86400) % 86400) / 86400)"
/* Since migration 7; the SQL of migrations 2 to 6 spelled out the targets of that time */
#define KD_SLA_SECONDS(R) \
  "(60 * (SELECT minutes FROM sla_targets WHERE priority = " R ".priority))"
#define KD_FR(R) "(" R ".first_response_at - " R ".received_at)"
#define KD_RES(R) "(" R ".resolved_at - " R ".received_at)"
/* Capped so that absurd minutes cannot overflow a sum to infinity, which a
 * later subtraction would turn into NaN (NULL) */
#define KD_HANDLE(R) \
  "min(coalesce(" R ".talk_min, 0) + coalesce(" R ".hold_min, 0) + coalesce(" R ".wrap_min, 0)," \
  " 1e15)"
#define KD_HAS_HANDLE(R) \
  "(" R ".talk_min IS NOT NULL OR " R ".hold_min IS NOT NULL OR " R ".wrap_min IS NOT NULL)"

/* Every column after n: its name, and one contact's share of it */
#define KD_FIELDS(X, R) \
  X ("complaints", R ".complaint") \
  X ("repeats", R ".is_repeat") \
  X ("fcr_ok", "(" R ".is_repeat = 0 AND " R ".resolved_first_contact = 1 AND " \
               R ".escalated = 0 AND " R ".followed_up = 0)") \
  X ("escalated", R ".escalated") \
  X ("fr_n", "(" R ".first_response_at IS NOT NULL)") \
  X ("fr_sum", "coalesce(" KD_FR (R) ", 0)") \
  X ("fr_sq", "coalesce(" KD_FR (R) " * CAST(" KD_FR (R) " AS REAL), 0.0)") \
  X ("res_n", "(" R ".resolved_at IS NOT NULL)") \
  X ("res_sum", "coalesce(" KD_RES (R) ", 0)") \
  X ("res_sq", "coalesce(" KD_RES (R) " * CAST(" KD_RES (R) " AS REAL), 0.0)") \
  X ("handle_n", KD_HAS_HANDLE (R)) \
  X ("handle_sum", KD_HANDLE (R)) \
  X ("handle_sq", "(" KD_HANDLE (R) " * " KD_HANDLE (R) ")") \
  X ("sla_within", "(" R ".first_response_at IS NOT NULL AND " KD_FR (R) " <= " \
                   KD_SLA_SECONDS (R) ")") \
  X ("unanswered", "(" R ".first_response_at IS NULL)") \
  X ("no_customer", "(" R ".customer_id IS NULL)") \
  X ("no_outcome", "(" R ".resolved_at IS NULL AND " R ".escalated = 0)") \
  X ("incomplete", "(" R ".first_response_at IS NULL OR " R ".customer_id IS NULL" \
                   " OR (" R ".resolved_at IS NULL AND " R ".escalated = 0)" \
                   " OR NOT " KD_HAS_HANDLE (R) ")")

#define KD_NAME(col, expr) ", " col
#define KD_VALUE(col, expr) ", " expr
#define KD_SUM(col, expr) ", sum(" expr ")"
#define KD_ADD_SET(col, expr) ", " col " = " col " + excluded." col
#define KD_SUB_SET(col, expr) ", " col " = " col " - " expr

#define KD_FILL \
  "INSERT INTO kpi_days (day, agent_id, channel, category_id, n" KD_FIELDS (KD_NAME, "c") ")" \
  " SELECT " KD_DAY ("c") ", c.agent_id, c.channel, coalesce(c.category_id, 0), count(*)" \
  KD_FIELDS (KD_SUM, "c") \
  " FROM contacts AS c GROUP BY 1, 2, 3, 4;"

/* The same for survey answers: one row per day, agent, channel and topic
 * (0 and '' where the answer does not say) */
#define SD_DAY(R) "((" R ".answered_at - ((" R ".answered_at % 86400) + 86400) % 86400) / 86400)"

#define SD_FIELDS(X, R) \
  X ("csat_n", "(" R ".kind = 'csat')") \
  X ("csat_good", "(" R ".kind = 'csat' AND " R ".score >= 4)") \
  X ("nps_n", "(" R ".kind = 'nps')") \
  X ("promoters", "(" R ".kind = 'nps' AND " R ".score >= 9)") \
  X ("detractors", "(" R ".kind = 'nps' AND " R ".score <= 6)") \
  X ("ces_n", "(" R ".kind = 'ces')") \
  X ("ces_sum", "iif(" R ".kind = 'ces', " R ".score, 0)") \
  X ("ces_sq", "iif(" R ".kind = 'ces', " R ".score * " R ".score, 0)")

#define SD_FILL \
  "INSERT INTO survey_days (day, agent_id, channel, category_id, n" SD_FIELDS (KD_NAME, "s") ")" \
  " SELECT " SD_DAY ("s") ", coalesce(s.agent_id, 0), coalesce(s.channel, '')," \
  " coalesce(s.category_id, 0), count(*)" SD_FIELDS (KD_SUM, "s") \
  " FROM surveys AS s GROUP BY 1, 2, 3, 4;"

static const char migration_2[] =
  "CREATE TABLE kpi_days ("
  "  day         INTEGER NOT NULL,"
  "  agent_id    INTEGER NOT NULL,"
  "  channel     TEXT NOT NULL,"
  "  category_id INTEGER NOT NULL,"
  "  n           INTEGER NOT NULL,"
  "  complaints  INTEGER NOT NULL,"
  "  repeats     INTEGER NOT NULL,"
  "  fcr_ok      INTEGER NOT NULL,"
  "  escalated   INTEGER NOT NULL,"
  "  fr_n        INTEGER NOT NULL,"
  "  fr_sum      INTEGER NOT NULL,"
  "  fr_sq       REAL NOT NULL,"
  "  res_n       INTEGER NOT NULL,"
  "  res_sum     INTEGER NOT NULL,"
  "  res_sq      REAL NOT NULL,"
  "  handle_n    INTEGER NOT NULL,"
  "  handle_sum  REAL NOT NULL,"
  "  handle_sq   REAL NOT NULL,"
  "  sla_within  INTEGER NOT NULL,"
  "  unanswered  INTEGER NOT NULL,"
  "  no_customer INTEGER NOT NULL,"
  "  no_outcome  INTEGER NOT NULL,"
  "  incomplete  INTEGER NOT NULL,"
  "  PRIMARY KEY (day, agent_id, channel, category_id)) WITHOUT ROWID;"
  "CREATE TRIGGER contacts_kpi_insert AFTER INSERT ON contacts BEGIN "
  "INSERT INTO kpi_days (day, agent_id, channel, category_id, n, complaints, repeats, fcr_ok,"
  " escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum, handle_sq,"
  " sla_within, unanswered, no_customer, no_outcome, incomplete) VALUES (((NEW.received_at -"
  " ((NEW.received_at % 86400) + 86400) % 86400) / 86400), NEW.agent_id, NEW.channel,"
  " coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat, (NEW.is_repeat = 0 AND"
  " NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND NEW.followed_up = 0),"
  " NEW.escalated, (NEW.first_response_at IS NOT NULL), coalesce((NEW.first_response_at -"
  " NEW.received_at), 0), coalesce((NEW.first_response_at - NEW.received_at) *"
  " CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0), (NEW.resolved_at IS NOT"
  " NULL), coalesce((NEW.resolved_at - NEW.received_at), 0), coalesce((NEW.resolved_at -"
  " NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS REAL), 0.0), (NEW.talk_min IS"
  " NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL),"
  " min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min, 0),"
  " 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || NEW.priority),"
  "  CASE NEW.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END))), (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL), (NEW.resolved_at IS"
  " NULL AND NEW.escalated = 0), (NEW.first_response_at IS NULL OR NEW.customer_id IS NULL OR"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT (NEW.talk_min IS NOT NULL OR"
  " NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL))) ON CONFLICT (day, agent_id, channel,"
  " category_id) DO UPDATE SET n = n + 1, complaints = complaints + excluded.complaints, repeats"
  " = repeats + excluded.repeats, fcr_ok = fcr_ok + excluded.fcr_ok, escalated = escalated +"
  " excluded.escalated, fr_n = fr_n + excluded.fr_n, fr_sum = fr_sum + excluded.fr_sum, fr_sq ="
  " fr_sq + excluded.fr_sq, res_n = res_n + excluded.res_n, res_sum = res_sum +"
  " excluded.res_sum, res_sq = res_sq + excluded.res_sq, handle_n = handle_n +"
  " excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum, handle_sq = handle_sq +"
  " excluded.handle_sq, sla_within = sla_within + excluded.sla_within, unanswered = unanswered +"
  " excluded.unanswered, no_customer = no_customer + excluded.no_customer, no_outcome ="
  " no_outcome + excluded.no_outcome, incomplete = incomplete + excluded.incomplete;"
  " END;"
  "CREATE TRIGGER contacts_kpi_delete AFTER DELETE ON contacts BEGIN "
  "UPDATE kpi_days SET n = n - 1, complaints = complaints - OLD.complaint, repeats = repeats -"
  " OLD.is_repeat, fcr_ok = fcr_ok - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND"
  " OLD.escalated = 0 AND OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n ="
  " fr_n - (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum -"
  " coalesce((OLD.first_response_at - OLD.received_at), 0), fr_sq = fr_sq -"
  " coalesce((OLD.first_response_at - OLD.received_at) * CAST((OLD.first_response_at -"
  " OLD.received_at) AS REAL), 0.0), res_n = res_n - (OLD.resolved_at IS NOT NULL), res_sum ="
  " res_sum - coalesce((OLD.resolved_at - OLD.received_at), 0), res_sq = res_sq -"
  " coalesce((OLD.resolved_at - OLD.received_at) * CAST((OLD.resolved_at - OLD.received_at) AS"
  " REAL), 0.0), handle_n = handle_n - (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR"
  " OLD.wrap_min IS NOT NULL), handle_sum = handle_sum - min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq -"
  " (min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0),"
  " 1e15) * min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min,"
  " 0), 1e15)), sla_within = sla_within - (OLD.first_response_at IS NOT NULL AND"
  " (OLD.first_response_at - OLD.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || OLD.priority),"
  "  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END))), unanswered = unanswered - (OLD.first_response_at IS NULL), no_customer ="
  " no_customer - (OLD.customer_id IS NULL), no_outcome = no_outcome - (OLD.resolved_at IS NULL"
  " AND OLD.escalated = 0), incomplete = incomplete - (OLD.first_response_at IS NULL OR"
  " OLD.customer_id IS NULL OR (OLD.resolved_at IS NULL AND OLD.escalated = 0) OR NOT"
  " (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL)) WHERE"
  " day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) / 86400) AND agent_id"
  " = OLD.agent_id AND channel = OLD.channel AND category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM kpi_days WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400) %"
  " 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  " END;"
  "CREATE TRIGGER contacts_kpi_update AFTER UPDATE OF received_at, channel, agent_id,"
  " customer_id, category_id, priority, first_response_at, resolved_at, resolved_first_contact,"
  " escalated, talk_min, hold_min, wrap_min, complaint, is_repeat, followed_up ON contacts BEGIN "
  "UPDATE kpi_days SET n = n - 1, complaints = complaints - OLD.complaint, repeats = repeats -"
  " OLD.is_repeat, fcr_ok = fcr_ok - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND"
  " OLD.escalated = 0 AND OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n ="
  " fr_n - (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum -"
  " coalesce((OLD.first_response_at - OLD.received_at), 0), fr_sq = fr_sq -"
  " coalesce((OLD.first_response_at - OLD.received_at) * CAST((OLD.first_response_at -"
  " OLD.received_at) AS REAL), 0.0), res_n = res_n - (OLD.resolved_at IS NOT NULL), res_sum ="
  " res_sum - coalesce((OLD.resolved_at - OLD.received_at), 0), res_sq = res_sq -"
  " coalesce((OLD.resolved_at - OLD.received_at) * CAST((OLD.resolved_at - OLD.received_at) AS"
  " REAL), 0.0), handle_n = handle_n - (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR"
  " OLD.wrap_min IS NOT NULL), handle_sum = handle_sum - min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq -"
  " (min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0),"
  " 1e15) * min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min,"
  " 0), 1e15)), sla_within = sla_within - (OLD.first_response_at IS NOT NULL AND"
  " (OLD.first_response_at - OLD.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || OLD.priority),"
  "  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END))), unanswered = unanswered - (OLD.first_response_at IS NULL), no_customer ="
  " no_customer - (OLD.customer_id IS NULL), no_outcome = no_outcome - (OLD.resolved_at IS NULL"
  " AND OLD.escalated = 0), incomplete = incomplete - (OLD.first_response_at IS NULL OR"
  " OLD.customer_id IS NULL OR (OLD.resolved_at IS NULL AND OLD.escalated = 0) OR NOT"
  " (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL)) WHERE"
  " day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) / 86400) AND agent_id"
  " = OLD.agent_id AND channel = OLD.channel AND category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM kpi_days WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400) %"
  " 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  "INSERT INTO kpi_days (day, agent_id, channel, category_id, n, complaints, repeats, fcr_ok,"
  " escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum, handle_sq,"
  " sla_within, unanswered, no_customer, no_outcome, incomplete) VALUES (((NEW.received_at -"
  " ((NEW.received_at % 86400) + 86400) % 86400) / 86400), NEW.agent_id, NEW.channel,"
  " coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat, (NEW.is_repeat = 0 AND"
  " NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND NEW.followed_up = 0),"
  " NEW.escalated, (NEW.first_response_at IS NOT NULL), coalesce((NEW.first_response_at -"
  " NEW.received_at), 0), coalesce((NEW.first_response_at - NEW.received_at) *"
  " CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0), (NEW.resolved_at IS NOT"
  " NULL), coalesce((NEW.resolved_at - NEW.received_at), 0), coalesce((NEW.resolved_at -"
  " NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS REAL), 0.0), (NEW.talk_min IS"
  " NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL),"
  " min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min, 0),"
  " 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || NEW.priority),"
  "  CASE NEW.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END))), (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL), (NEW.resolved_at IS"
  " NULL AND NEW.escalated = 0), (NEW.first_response_at IS NULL OR NEW.customer_id IS NULL OR"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT (NEW.talk_min IS NOT NULL OR"
  " NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL))) ON CONFLICT (day, agent_id, channel,"
  " category_id) DO UPDATE SET n = n + 1, complaints = complaints + excluded.complaints, repeats"
  " = repeats + excluded.repeats, fcr_ok = fcr_ok + excluded.fcr_ok, escalated = escalated +"
  " excluded.escalated, fr_n = fr_n + excluded.fr_n, fr_sum = fr_sum + excluded.fr_sum, fr_sq ="
  " fr_sq + excluded.fr_sq, res_n = res_n + excluded.res_n, res_sum = res_sum +"
  " excluded.res_sum, res_sq = res_sq + excluded.res_sq, handle_n = handle_n +"
  " excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum, handle_sq = handle_sq +"
  " excluded.handle_sq, sla_within = sla_within + excluded.sla_within, unanswered = unanswered +"
  " excluded.unanswered, no_customer = no_customer + excluded.no_customer, no_outcome ="
  " no_outcome + excluded.no_outcome, incomplete = incomplete + excluded.incomplete;"
  " END;"
  "CREATE TABLE survey_days ("
  "  day         INTEGER NOT NULL,"
  "  agent_id    INTEGER NOT NULL,"
  "  channel     TEXT NOT NULL,"
  "  category_id INTEGER NOT NULL,"
  "  n           INTEGER NOT NULL,"
  "  csat_n      INTEGER NOT NULL,"
  "  csat_good   INTEGER NOT NULL,"
  "  nps_n       INTEGER NOT NULL,"
  "  promoters   INTEGER NOT NULL,"
  "  detractors  INTEGER NOT NULL,"
  "  ces_n       INTEGER NOT NULL,"
  "  ces_sum     INTEGER NOT NULL,"
  "  ces_sq      INTEGER NOT NULL,"
  "  PRIMARY KEY (day, agent_id, channel, category_id)) WITHOUT ROWID;"
  "CREATE TRIGGER surveys_kpi_insert AFTER INSERT ON surveys BEGIN "
  "INSERT INTO survey_days (day, agent_id, channel, category_id, n, csat_n, csat_good, nps_n,"
  " promoters, detractors, ces_n, ces_sum, ces_sq) VALUES (((NEW.answered_at - ((NEW.answered_at"
  " % 86400) + 86400) % 86400) / 86400), coalesce(NEW.agent_id, 0), coalesce(NEW.channel, ''),"
  " coalesce(NEW.category_id, 0), 1, (NEW.kind = 'csat'), (NEW.kind = 'csat' AND NEW.score >="
  " 4), (NEW.kind = 'nps'), (NEW.kind = 'nps' AND NEW.score >= 9), (NEW.kind = 'nps' AND"
  " NEW.score <= 6), (NEW.kind = 'ces'), iif(NEW.kind = 'ces', NEW.score, 0), iif(NEW.kind ="
  " 'ces', NEW.score * NEW.score, 0)) ON CONFLICT (day, agent_id, channel, category_id) DO"
  " UPDATE SET n = n + 1, csat_n = csat_n + excluded.csat_n, csat_good = csat_good +"
  " excluded.csat_good, nps_n = nps_n + excluded.nps_n, promoters = promoters +"
  " excluded.promoters, detractors = detractors + excluded.detractors, ces_n = ces_n +"
  " excluded.ces_n, ces_sum = ces_sum + excluded.ces_sum, ces_sq = ces_sq + excluded.ces_sq;"
  " END;"
  "CREATE TRIGGER surveys_kpi_delete AFTER DELETE ON surveys BEGIN "
  "UPDATE survey_days SET n = n - 1, csat_n = csat_n - (OLD.kind = 'csat'), csat_good ="
  " csat_good - (OLD.kind = 'csat' AND OLD.score >= 4), nps_n = nps_n - (OLD.kind = 'nps'),"
  " promoters = promoters - (OLD.kind = 'nps' AND OLD.score >= 9), detractors = detractors -"
  " (OLD.kind = 'nps' AND OLD.score <= 6), ces_n = ces_n - (OLD.kind = 'ces'), ces_sum = ces_sum"
  " - iif(OLD.kind = 'ces', OLD.score, 0), ces_sq = ces_sq - iif(OLD.kind = 'ces', OLD.score *"
  " OLD.score, 0) WHERE day = ((OLD.answered_at - ((OLD.answered_at % 86400) + 86400) % 86400) /"
  " 86400) AND agent_id = coalesce(OLD.agent_id, 0) AND channel = coalesce(OLD.channel, '') AND"
  " category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM survey_days WHERE day = ((OLD.answered_at - ((OLD.answered_at % 86400) + 86400) %"
  " 86400) / 86400) AND agent_id = coalesce(OLD.agent_id, 0) AND channel = coalesce(OLD.channel,"
  " '') AND category_id = coalesce(OLD.category_id, 0) AND n <= 0;"
  " END;"
  "CREATE TRIGGER surveys_kpi_update AFTER UPDATE OF answered_at, kind, score, agent_id,"
  " channel, category_id ON surveys BEGIN "
  "UPDATE survey_days SET n = n - 1, csat_n = csat_n - (OLD.kind = 'csat'), csat_good ="
  " csat_good - (OLD.kind = 'csat' AND OLD.score >= 4), nps_n = nps_n - (OLD.kind = 'nps'),"
  " promoters = promoters - (OLD.kind = 'nps' AND OLD.score >= 9), detractors = detractors -"
  " (OLD.kind = 'nps' AND OLD.score <= 6), ces_n = ces_n - (OLD.kind = 'ces'), ces_sum = ces_sum"
  " - iif(OLD.kind = 'ces', OLD.score, 0), ces_sq = ces_sq - iif(OLD.kind = 'ces', OLD.score *"
  " OLD.score, 0) WHERE day = ((OLD.answered_at - ((OLD.answered_at % 86400) + 86400) % 86400) /"
  " 86400) AND agent_id = coalesce(OLD.agent_id, 0) AND channel = coalesce(OLD.channel, '') AND"
  " category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM survey_days WHERE day = ((OLD.answered_at - ((OLD.answered_at % 86400) + 86400) %"
  " 86400) / 86400) AND agent_id = coalesce(OLD.agent_id, 0) AND channel = coalesce(OLD.channel,"
  " '') AND category_id = coalesce(OLD.category_id, 0) AND n <= 0;"
  "INSERT INTO survey_days (day, agent_id, channel, category_id, n, csat_n, csat_good, nps_n,"
  " promoters, detractors, ces_n, ces_sum, ces_sq) VALUES (((NEW.answered_at - ((NEW.answered_at"
  " % 86400) + 86400) % 86400) / 86400), coalesce(NEW.agent_id, 0), coalesce(NEW.channel, ''),"
  " coalesce(NEW.category_id, 0), 1, (NEW.kind = 'csat'), (NEW.kind = 'csat' AND NEW.score >="
  " 4), (NEW.kind = 'nps'), (NEW.kind = 'nps' AND NEW.score >= 9), (NEW.kind = 'nps' AND"
  " NEW.score <= 6), (NEW.kind = 'ces'), iif(NEW.kind = 'ces', NEW.score, 0), iif(NEW.kind ="
  " 'ces', NEW.score * NEW.score, 0)) ON CONFLICT (day, agent_id, channel, category_id) DO"
  " UPDATE SET n = n + 1, csat_n = csat_n + excluded.csat_n, csat_good = csat_good +"
  " excluded.csat_good, nps_n = nps_n + excluded.nps_n, promoters = promoters +"
  " excluded.promoters, detractors = detractors + excluded.detractors, ces_n = ces_n +"
  " excluded.ces_n, ces_sum = ces_sum + excluded.ces_sum, ces_sq = ces_sq + excluded.ces_sq;"
  " END;"
  "CREATE INDEX contacts_by_duration ON contacts (resolved_at - received_at)  WHERE resolved_at"
  " IS NOT NULL;"
  "INSERT INTO kpi_days (day, agent_id, channel, category_id, n, complaints, repeats, fcr_ok,"
  " escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum, handle_sq,"
  " sla_within, unanswered, no_customer, no_outcome, incomplete) SELECT ((c.received_at -"
  " ((c.received_at % 86400) + 86400) % 86400) / 86400), c.agent_id, c.channel,"
  " coalesce(c.category_id, 0), count(*), sum(c.complaint), sum(c.is_repeat), sum((c.is_repeat ="
  " 0 AND c.resolved_first_contact = 1 AND c.escalated = 0 AND c.followed_up = 0)),"
  " sum(c.escalated), sum((c.first_response_at IS NOT NULL)), sum(coalesce((c.first_response_at"
  " - c.received_at), 0)), sum(coalesce((c.first_response_at - c.received_at) *"
  " CAST((c.first_response_at - c.received_at) AS REAL), 0.0)), sum((c.resolved_at IS NOT"
  " NULL)), sum(coalesce((c.resolved_at - c.received_at), 0)), sum(coalesce((c.resolved_at -"
  " c.received_at) * CAST((c.resolved_at - c.received_at) AS REAL), 0.0)), sum((c.talk_min IS"
  " NOT NULL OR c.hold_min IS NOT NULL OR c.wrap_min IS NOT NULL)), sum(min(coalesce(c.talk_min,"
  " 0) + coalesce(c.hold_min, 0) + coalesce(c.wrap_min, 0), 1e15)),"
  " sum((min(coalesce(c.talk_min, 0) + coalesce(c.hold_min, 0) + coalesce(c.wrap_min, 0), 1e15)"
  " * min(coalesce(c.talk_min, 0) + coalesce(c.hold_min, 0) + coalesce(c.wrap_min, 0), 1e15))),"
  " sum((c.first_response_at IS NOT NULL AND (c.first_response_at - c.received_at) <= (60 *"
  " coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key = 'benchmark.sla-target.' ||"
  " c.priority),"
  "  CASE c.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END)))), sum((c.first_response_at IS NULL)), sum((c.customer_id IS NULL)),"
  " sum((c.resolved_at IS NULL AND c.escalated = 0)), sum((c.first_response_at IS NULL OR"
  " c.customer_id IS NULL OR (c.resolved_at IS NULL AND c.escalated = 0) OR NOT (c.talk_min IS"
  " NOT NULL OR c.hold_min IS NOT NULL OR c.wrap_min IS NOT NULL))) FROM contacts AS c GROUP BY"
  " 1, 2, 3, 4;"
  "INSERT INTO survey_days (day, agent_id, channel, category_id, n, csat_n, csat_good, nps_n,"
  " promoters, detractors, ces_n, ces_sum, ces_sq) SELECT ((s.answered_at - ((s.answered_at %"
  " 86400) + 86400) % 86400) / 86400), coalesce(s.agent_id, 0), coalesce(s.channel, ''),"
  " coalesce(s.category_id, 0), count(*), sum((s.kind = 'csat')), sum((s.kind = 'csat' AND"
  " s.score >= 4)), sum((s.kind = 'nps')), sum((s.kind = 'nps' AND s.score >= 9)), sum((s.kind ="
  " 'nps' AND s.score <= 6)), sum((s.kind = 'ces')), sum(iif(s.kind = 'ces', s.score, 0)),"
  " sum(iif(s.kind = 'ces', s.score * s.score, 0)) FROM surveys AS s GROUP BY 1, 2, 3, 4;";


/*
 * 3: what the owner writes in the weekly, monthly and quarterly reviews
 * (sp-review.c): the one issue to address, free notes, and the targets
 * proposed for the next quarter, kept for the next review to show.
 * Periods are whole days (SpDate), as everywhere else.
 */
static const char migration_3[] =
  "CREATE TABLE review_notes ("
  "  id          INTEGER PRIMARY KEY,"
  "  cadence     TEXT NOT NULL CHECK (cadence IN ('weekly', 'monthly', 'quarterly')),"
  "  period_from INTEGER NOT NULL CHECK (typeof(period_from) = 'integer'),"
  "  period_to   INTEGER NOT NULL CHECK (typeof(period_to) = 'integer'"
  "                                     AND period_to >= period_from),"
  "  topic       TEXT NOT NULL CHECK (topic IN ('focus', 'notes', 'target')),"
  "  kpi         TEXT NOT NULL DEFAULT '',"
  "  body        TEXT NOT NULL DEFAULT '',"
  "  target      REAL,"
  "  current     REAL,"
  "  updated_at  INTEGER NOT NULL,"
  "  UNIQUE (cadence, period_from, period_to, topic, kpi)"
  ");";

/*
 * 4: SMART goals, their history and review notes.  A topic goal with no
 * category_id is for the contacts without a topic; the old target and due
 * date of every adjustment stay in goal_events.
 */
static const char migration_4[] =
  "CREATE TABLE goals ("
  "  id                INTEGER PRIMARY KEY,"
  "  kpi               TEXT NOT NULL,"
  "  segment           TEXT NOT NULL DEFAULT 'all'"
  "    CHECK (segment IN ('all', 'agent', 'channel', 'category')),"
  "  agent_id          INTEGER REFERENCES agents (id),"
  "  channel           TEXT"
  "    CHECK (channel IS NULL OR channel IN ('phone', 'email', 'chat', 'in_person', 'social',"
  "                                          'sms')),"
  "  category_id       INTEGER REFERENCES categories (id),"
  "  direction         TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),"
  "  target            REAL NOT NULL,"
  "  start_day         INTEGER NOT NULL CHECK (typeof(start_day) = 'integer'),"
  "  due_day           INTEGER NOT NULL CHECK (typeof(due_day) = 'integer'"
  "                                            AND due_day >= start_day),"
  "  baseline_estimate REAL,"
  "  objective         TEXT NOT NULL"
  "    CHECK (objective IN ('loyalty', 'efficiency', 'costs', 'reputation', 'own')),"
  "  objective_text    TEXT,"
  "  state             TEXT NOT NULL DEFAULT 'open'"
  "    CHECK (state IN ('open', 'closed', 'abandoned')),"
  "  state_day         INTEGER,"
  "  state_reason      TEXT,"
  "  created_at        INTEGER NOT NULL,"
  "  CHECK ((segment = 'agent') = (agent_id IS NOT NULL)),"
  "  CHECK ((segment = 'channel') = (channel IS NOT NULL)),"
  "  CHECK (segment = 'category' OR category_id IS NULL),"
  "  CHECK ((state = 'open') = (state_day IS NULL))"
  ");"

  "CREATE TABLE goal_events ("
  "  id         INTEGER PRIMARY KEY,"
  "  goal_id    INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,"
  "  at         INTEGER NOT NULL,"
  "  kind       TEXT NOT NULL CHECK (kind IN ('created', 'adjusted', 'closed', 'abandoned')),"
  "  old_target REAL,"
  "  new_target REAL,"
  "  old_due    INTEGER,"
  "  new_due    INTEGER,"
  "  reason     TEXT"
  ");"
  "CREATE INDEX goal_events_by_goal ON goal_events (goal_id, at, id);"

  "CREATE TABLE goal_notes ("
  "  id         INTEGER PRIMARY KEY,"
  "  goal_id    INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,"
  "  day        INTEGER NOT NULL CHECK (typeof(day) = 'integer'),"
  "  body       TEXT NOT NULL CHECK (length(trim(body)) > 0),"
  "  value      REAL,"
  "  status     TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX goal_notes_by_goal ON goal_notes (goal_id, day, id);";

/*
 * 5: totals that let the engine read a long period in few rows, kept by
 * triggers as the day totals are:
 *
 *  - kpi_months and survey_months: kpi_days and survey_days summed by
 *    calendar month (month: its first day), so that a year is some twelve
 *    month rows per key plus the days of the months it covers in part;
 *  - contact_hours: the whole shop's contacts by day and hour received,
 *    for the contacts by weekday and hour;
 *  - resolved_days and resolved_months: contacts by the day (month) they
 *    were resolved, per agent, channel and topic.  With the contacts by
 *    day received they give the backlog at any moment m: received by m
 *    less resolved by m; the index on the time to resolution that bounded
 *    the old way of counting it goes.
 *
 * The month of a day: its day of the month, read at the same place in the
 * 400-year cycle of the calendar (146,097 days) after 1970, which SQLite's
 * date functions handle for any day.
 */
#define KM_MONTH_OF(DAY) \
  "(" DAY " + 1 - CAST(strftime('%d', ((" DAY " % 146097) + 146097) % 146097 * 86400," \
  " 'unixepoch') AS INTEGER))"
#define KD_SUM_COLUMN(col, expr) ", sum(" col ")"

/*
 * An update that changes nothing the totals count is skipped (saving a
 * contact sets every column); one that changes only the repeat flags, as
 * the store's refresh of them does for many contacts at once, moves the
 * two sums they count in place, with no row removed and added again.
 */

/* From the day totals, which hold the same sums */
#define KM_FILL \
  "INSERT INTO kpi_months (month, agent_id, channel, category_id, n" KD_FIELDS (KD_NAME, "r") ")" \
  " SELECT " KM_MONTH_OF ("r.day") ", r.agent_id, r.channel, r.category_id, sum(r.n)" \
  KD_FIELDS (KD_SUM_COLUMN, "r") \
  " FROM kpi_days AS r GROUP BY 1, 2, 3, 4;"

#define SM_MONTH(R) KM_MONTH_OF (SD_DAY (R))

#define SM_KEY_MATCH(R) \
  " WHERE month = " SM_MONTH (R) " AND agent_id = coalesce(" R ".agent_id, 0)" \
  " AND channel = coalesce(" R ".channel, '') AND category_id = coalesce(" R ".category_id, 0)"

#define SM_ADD(R) \
  "INSERT INTO survey_months (month, agent_id, channel, category_id, n" SD_FIELDS (KD_NAME, R) ")" \
  " VALUES (" SM_MONTH (R) ", coalesce(" R ".agent_id, 0), coalesce(" R ".channel, '')," \
  " coalesce(" R ".category_id, 0), 1" SD_FIELDS (KD_VALUE, R) ")" \
  " ON CONFLICT (month, agent_id, channel, category_id) DO UPDATE SET n = n + 1" \
  SD_FIELDS (KD_ADD_SET, R) ";"

#define SM_REMOVE(R) \
  "UPDATE survey_months SET n = n - 1" SD_FIELDS (KD_SUB_SET, R) SM_KEY_MATCH (R) ";" \
  "DELETE FROM survey_months" SM_KEY_MATCH (R) " AND n <= 0;"

#define SM_FILL \
  "INSERT INTO survey_months (month, agent_id, channel, category_id, n" \
  SD_FIELDS (KD_NAME, "s") ")" \
  " SELECT " KM_MONTH_OF ("s.day") ", s.agent_id, s.channel, s.category_id, sum(s.n)" \
  SD_FIELDS (KD_SUM_COLUMN, "s") \
  " FROM survey_days AS s GROUP BY 1, 2, 3, 4;"

/* Contacts by day and hour received, the whole shop */
#define KH_HOUR(R) "((((" R ".received_at % 86400) + 86400) % 86400) / 3600)"

#define KH_FILL \
  "INSERT INTO contact_hours (day, hour, n)" \
  " SELECT " KD_DAY ("c") ", " KH_HOUR ("c") ", count(*) FROM contacts AS c GROUP BY 1, 2;"

/* Contacts by day and by month resolved; nothing for an open one */
#define RD_DAY(R) "((" R ".resolved_at - ((" R ".resolved_at % 86400) + 86400) % 86400) / 86400)"
#define RM_MONTH(R) KM_MONTH_OF (RD_DAY (R))

#define RD_KEY(R) \
  " AND agent_id = " R ".agent_id AND channel = " R ".channel" \
  " AND category_id = coalesce(" R ".category_id, 0)"

#define RD_ADD_TO(table, key, value, R) \
  "INSERT INTO " table " (" key ", agent_id, channel, category_id, n)" \
  " SELECT " value ", " R ".agent_id, " R ".channel, coalesce(" R ".category_id, 0), 1" \
  " WHERE " R ".resolved_at IS NOT NULL" \
  " ON CONFLICT (" key ", agent_id, channel, category_id) DO UPDATE SET n = n + 1;"

#define RD_REMOVE_FROM(table, key, value, R) \
  "UPDATE " table " SET n = n - 1 WHERE " key " = " value RD_KEY (R) ";" \
  "DELETE FROM " table " WHERE " key " = " value RD_KEY (R) " AND n <= 0;"

#define RD_ADD(R) \
  RD_ADD_TO ("resolved_days", "day", RD_DAY (R), R) \
  RD_ADD_TO ("resolved_months", "month", RM_MONTH (R), R)

#define RD_REMOVE(R) \
  RD_REMOVE_FROM ("resolved_days", "day", RD_DAY (R), R) \
  RD_REMOVE_FROM ("resolved_months", "month", RM_MONTH (R), R)

#define RD_FILL \
  "INSERT INTO resolved_days (day, agent_id, channel, category_id, n)" \
  " SELECT " RD_DAY ("c") ", c.agent_id, c.channel, coalesce(c.category_id, 0), count(*)" \
  " FROM contacts AS c WHERE c.resolved_at IS NOT NULL GROUP BY 1, 2, 3, 4;" \
  "INSERT INTO resolved_months (month, agent_id, channel, category_id, n)" \
  " SELECT " KM_MONTH_OF ("r.day") ", r.agent_id, r.channel, r.category_id, sum(r.n)" \
  " FROM resolved_days AS r GROUP BY 1, 2, 3, 4;"

static const char migration_5[] =
  "DROP INDEX contacts_by_duration;"
  "DROP TRIGGER contacts_kpi_update;"
  "CREATE TRIGGER contacts_kpi_update AFTER UPDATE OF received_at, channel, agent_id,"
  " customer_id, category_id, priority, first_response_at, resolved_at, resolved_first_contact,"
  " escalated, talk_min, hold_min, wrap_min, complaint, is_repeat, followed_up ON contacts WHEN"
  " (OLD.received_at IS NOT NEW.received_at OR OLD.channel IS NOT NEW.channel OR OLD.agent_id IS"
  " NOT NEW.agent_id OR OLD.customer_id IS NOT NEW.customer_id OR OLD.category_id IS NOT"
  " NEW.category_id OR OLD.priority IS NOT NEW.priority OR OLD.first_response_at IS NOT"
  " NEW.first_response_at OR OLD.resolved_at IS NOT NEW.resolved_at OR"
  " OLD.resolved_first_contact IS NOT NEW.resolved_first_contact OR OLD.escalated IS NOT"
  " NEW.escalated OR OLD.talk_min IS NOT NEW.talk_min OR OLD.hold_min IS NOT NEW.hold_min OR"
  " OLD.wrap_min IS NOT NEW.wrap_min OR OLD.complaint IS NOT NEW.complaint) BEGIN "
  "UPDATE kpi_days SET n = n - 1, complaints = complaints - OLD.complaint, repeats = repeats -"
  " OLD.is_repeat, fcr_ok = fcr_ok - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND"
  " OLD.escalated = 0 AND OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n ="
  " fr_n - (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum -"
  " coalesce((OLD.first_response_at - OLD.received_at), 0), fr_sq = fr_sq -"
  " coalesce((OLD.first_response_at - OLD.received_at) * CAST((OLD.first_response_at -"
  " OLD.received_at) AS REAL), 0.0), res_n = res_n - (OLD.resolved_at IS NOT NULL), res_sum ="
  " res_sum - coalesce((OLD.resolved_at - OLD.received_at), 0), res_sq = res_sq -"
  " coalesce((OLD.resolved_at - OLD.received_at) * CAST((OLD.resolved_at - OLD.received_at) AS"
  " REAL), 0.0), handle_n = handle_n - (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR"
  " OLD.wrap_min IS NOT NULL), handle_sum = handle_sum - min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq -"
  " (min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0),"
  " 1e15) * min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min,"
  " 0), 1e15)), sla_within = sla_within - (OLD.first_response_at IS NOT NULL AND"
  " (OLD.first_response_at - OLD.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || OLD.priority),"
  "  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END))), unanswered = unanswered - (OLD.first_response_at IS NULL), no_customer ="
  " no_customer - (OLD.customer_id IS NULL), no_outcome = no_outcome - (OLD.resolved_at IS NULL"
  " AND OLD.escalated = 0), incomplete = incomplete - (OLD.first_response_at IS NULL OR"
  " OLD.customer_id IS NULL OR (OLD.resolved_at IS NULL AND OLD.escalated = 0) OR NOT"
  " (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL)) WHERE"
  " day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) / 86400) AND agent_id"
  " = OLD.agent_id AND channel = OLD.channel AND category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM kpi_days WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400) %"
  " 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  "INSERT INTO kpi_days (day, agent_id, channel, category_id, n, complaints, repeats, fcr_ok,"
  " escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum, handle_sq,"
  " sla_within, unanswered, no_customer, no_outcome, incomplete) VALUES (((NEW.received_at -"
  " ((NEW.received_at % 86400) + 86400) % 86400) / 86400), NEW.agent_id, NEW.channel,"
  " coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat, (NEW.is_repeat = 0 AND"
  " NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND NEW.followed_up = 0),"
  " NEW.escalated, (NEW.first_response_at IS NOT NULL), coalesce((NEW.first_response_at -"
  " NEW.received_at), 0), coalesce((NEW.first_response_at - NEW.received_at) *"
  " CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0), (NEW.resolved_at IS NOT"
  " NULL), coalesce((NEW.resolved_at - NEW.received_at), 0), coalesce((NEW.resolved_at -"
  " NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS REAL), 0.0), (NEW.talk_min IS"
  " NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL),"
  " min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min, 0),"
  " 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || NEW.priority),"
  "  CASE NEW.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END))), (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL), (NEW.resolved_at IS"
  " NULL AND NEW.escalated = 0), (NEW.first_response_at IS NULL OR NEW.customer_id IS NULL OR"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT (NEW.talk_min IS NOT NULL OR"
  " NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL))) ON CONFLICT (day, agent_id, channel,"
  " category_id) DO UPDATE SET n = n + 1, complaints = complaints + excluded.complaints, repeats"
  " = repeats + excluded.repeats, fcr_ok = fcr_ok + excluded.fcr_ok, escalated = escalated +"
  " excluded.escalated, fr_n = fr_n + excluded.fr_n, fr_sum = fr_sum + excluded.fr_sum, fr_sq ="
  " fr_sq + excluded.fr_sq, res_n = res_n + excluded.res_n, res_sum = res_sum +"
  " excluded.res_sum, res_sq = res_sq + excluded.res_sq, handle_n = handle_n +"
  " excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum, handle_sq = handle_sq +"
  " excluded.handle_sq, sla_within = sla_within + excluded.sla_within, unanswered = unanswered +"
  " excluded.unanswered, no_customer = no_customer + excluded.no_customer, no_outcome ="
  " no_outcome + excluded.no_outcome, incomplete = incomplete + excluded.incomplete;"
  " END;"
  "CREATE TABLE kpi_months ("
  "  month       INTEGER NOT NULL,"
  "  agent_id    INTEGER NOT NULL,"
  "  channel     TEXT NOT NULL,"
  "  category_id INTEGER NOT NULL,"
  "  n           INTEGER NOT NULL,"
  "  complaints  INTEGER NOT NULL,"
  "  repeats     INTEGER NOT NULL,"
  "  fcr_ok      INTEGER NOT NULL,"
  "  escalated   INTEGER NOT NULL,"
  "  fr_n        INTEGER NOT NULL,"
  "  fr_sum      INTEGER NOT NULL,"
  "  fr_sq       REAL NOT NULL,"
  "  res_n       INTEGER NOT NULL,"
  "  res_sum     INTEGER NOT NULL,"
  "  res_sq      REAL NOT NULL,"
  "  handle_n    INTEGER NOT NULL,"
  "  handle_sum  REAL NOT NULL,"
  "  handle_sq   REAL NOT NULL,"
  "  sla_within  INTEGER NOT NULL,"
  "  unanswered  INTEGER NOT NULL,"
  "  no_customer INTEGER NOT NULL,"
  "  no_outcome  INTEGER NOT NULL,"
  "  incomplete  INTEGER NOT NULL,"
  "  PRIMARY KEY (month, agent_id, channel, category_id)) WITHOUT ROWID;"
  "CREATE TRIGGER contacts_kpi_months_insert AFTER INSERT ON contacts BEGIN "
  "INSERT INTO kpi_months (month, agent_id, channel, category_id, n, complaints, repeats,"
  " fcr_ok, escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum,"
  " handle_sq, sla_within, unanswered, no_customer, no_outcome, incomplete) VALUES"
  " ((((NEW.received_at - ((NEW.received_at % 86400) + 86400) % 86400) / 86400) + 1 -"
  " CAST(strftime('%d', ((((NEW.received_at - ((NEW.received_at % 86400) + 86400) % 86400) /"
  " 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)), NEW.agent_id,"
  " NEW.channel, coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat, (NEW.is_repeat ="
  " 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND NEW.followed_up = 0),"
  " NEW.escalated, (NEW.first_response_at IS NOT NULL), coalesce((NEW.first_response_at -"
  " NEW.received_at), 0), coalesce((NEW.first_response_at - NEW.received_at) *"
  " CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0), (NEW.resolved_at IS NOT"
  " NULL), coalesce((NEW.resolved_at - NEW.received_at), 0), coalesce((NEW.resolved_at -"
  " NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS REAL), 0.0), (NEW.talk_min IS"
  " NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL),"
  " min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min, 0),"
  " 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || NEW.priority),"
  "  CASE NEW.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END))), (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL), (NEW.resolved_at IS"
  " NULL AND NEW.escalated = 0), (NEW.first_response_at IS NULL OR NEW.customer_id IS NULL OR"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT (NEW.talk_min IS NOT NULL OR"
  " NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL))) ON CONFLICT (month, agent_id,"
  " channel, category_id) DO UPDATE SET n = n + 1, complaints = complaints +"
  " excluded.complaints, repeats = repeats + excluded.repeats, fcr_ok = fcr_ok +"
  " excluded.fcr_ok, escalated = escalated + excluded.escalated, fr_n = fr_n + excluded.fr_n,"
  " fr_sum = fr_sum + excluded.fr_sum, fr_sq = fr_sq + excluded.fr_sq, res_n = res_n +"
  " excluded.res_n, res_sum = res_sum + excluded.res_sum, res_sq = res_sq + excluded.res_sq,"
  " handle_n = handle_n + excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum,"
  " handle_sq = handle_sq + excluded.handle_sq, sla_within = sla_within + excluded.sla_within,"
  " unanswered = unanswered + excluded.unanswered, no_customer = no_customer +"
  " excluded.no_customer, no_outcome = no_outcome + excluded.no_outcome, incomplete = incomplete"
  " + excluded.incomplete;"
  " END;"
  "CREATE TRIGGER contacts_kpi_months_delete AFTER DELETE ON contacts BEGIN "
  "UPDATE kpi_months SET n = n - 1, complaints = complaints - OLD.complaint, repeats = repeats -"
  " OLD.is_repeat, fcr_ok = fcr_ok - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND"
  " OLD.escalated = 0 AND OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n ="
  " fr_n - (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum -"
  " coalesce((OLD.first_response_at - OLD.received_at), 0), fr_sq = fr_sq -"
  " coalesce((OLD.first_response_at - OLD.received_at) * CAST((OLD.first_response_at -"
  " OLD.received_at) AS REAL), 0.0), res_n = res_n - (OLD.resolved_at IS NOT NULL), res_sum ="
  " res_sum - coalesce((OLD.resolved_at - OLD.received_at), 0), res_sq = res_sq -"
  " coalesce((OLD.resolved_at - OLD.received_at) * CAST((OLD.resolved_at - OLD.received_at) AS"
  " REAL), 0.0), handle_n = handle_n - (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR"
  " OLD.wrap_min IS NOT NULL), handle_sum = handle_sum - min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq -"
  " (min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0),"
  " 1e15) * min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min,"
  " 0), 1e15)), sla_within = sla_within - (OLD.first_response_at IS NOT NULL AND"
  " (OLD.first_response_at - OLD.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || OLD.priority),"
  "  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END))), unanswered = unanswered - (OLD.first_response_at IS NULL), no_customer ="
  " no_customer - (OLD.customer_id IS NULL), no_outcome = no_outcome - (OLD.resolved_at IS NULL"
  " AND OLD.escalated = 0), incomplete = incomplete - (OLD.first_response_at IS NULL OR"
  " OLD.customer_id IS NULL OR (OLD.resolved_at IS NULL AND OLD.escalated = 0) OR NOT"
  " (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL)) WHERE"
  " month = (((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) / 86400) + 1 -"
  " CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) /"
  " 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)) AND agent_id ="
  " OLD.agent_id AND channel = OLD.channel AND category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM kpi_months WHERE month = (((OLD.received_at - ((OLD.received_at % 86400) + 86400)"
  " % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at % 86400)"
  " + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER))"
  " AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  " END;"
  "CREATE TRIGGER contacts_kpi_months_update AFTER UPDATE OF received_at, channel, agent_id,"
  " customer_id, category_id, priority, first_response_at, resolved_at, resolved_first_contact,"
  " escalated, talk_min, hold_min, wrap_min, complaint, is_repeat, followed_up ON contacts WHEN"
  " (OLD.received_at IS NOT NEW.received_at OR OLD.channel IS NOT NEW.channel OR OLD.agent_id IS"
  " NOT NEW.agent_id OR OLD.customer_id IS NOT NEW.customer_id OR OLD.category_id IS NOT"
  " NEW.category_id OR OLD.priority IS NOT NEW.priority OR OLD.first_response_at IS NOT"
  " NEW.first_response_at OR OLD.resolved_at IS NOT NEW.resolved_at OR"
  " OLD.resolved_first_contact IS NOT NEW.resolved_first_contact OR OLD.escalated IS NOT"
  " NEW.escalated OR OLD.talk_min IS NOT NEW.talk_min OR OLD.hold_min IS NOT NEW.hold_min OR"
  " OLD.wrap_min IS NOT NEW.wrap_min OR OLD.complaint IS NOT NEW.complaint) BEGIN "
  "UPDATE kpi_months SET n = n - 1, complaints = complaints - OLD.complaint, repeats = repeats -"
  " OLD.is_repeat, fcr_ok = fcr_ok - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND"
  " OLD.escalated = 0 AND OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n ="
  " fr_n - (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum -"
  " coalesce((OLD.first_response_at - OLD.received_at), 0), fr_sq = fr_sq -"
  " coalesce((OLD.first_response_at - OLD.received_at) * CAST((OLD.first_response_at -"
  " OLD.received_at) AS REAL), 0.0), res_n = res_n - (OLD.resolved_at IS NOT NULL), res_sum ="
  " res_sum - coalesce((OLD.resolved_at - OLD.received_at), 0), res_sq = res_sq -"
  " coalesce((OLD.resolved_at - OLD.received_at) * CAST((OLD.resolved_at - OLD.received_at) AS"
  " REAL), 0.0), handle_n = handle_n - (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR"
  " OLD.wrap_min IS NOT NULL), handle_sum = handle_sum - min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq -"
  " (min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0),"
  " 1e15) * min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min,"
  " 0), 1e15)), sla_within = sla_within - (OLD.first_response_at IS NOT NULL AND"
  " (OLD.first_response_at - OLD.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || OLD.priority),"
  "  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END))), unanswered = unanswered - (OLD.first_response_at IS NULL), no_customer ="
  " no_customer - (OLD.customer_id IS NULL), no_outcome = no_outcome - (OLD.resolved_at IS NULL"
  " AND OLD.escalated = 0), incomplete = incomplete - (OLD.first_response_at IS NULL OR"
  " OLD.customer_id IS NULL OR (OLD.resolved_at IS NULL AND OLD.escalated = 0) OR NOT"
  " (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL)) WHERE"
  " month = (((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) / 86400) + 1 -"
  " CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) /"
  " 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)) AND agent_id ="
  " OLD.agent_id AND channel = OLD.channel AND category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM kpi_months WHERE month = (((OLD.received_at - ((OLD.received_at % 86400) + 86400)"
  " % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at % 86400)"
  " + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER))"
  " AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  "INSERT INTO kpi_months (month, agent_id, channel, category_id, n, complaints, repeats,"
  " fcr_ok, escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum,"
  " handle_sq, sla_within, unanswered, no_customer, no_outcome, incomplete) VALUES"
  " ((((NEW.received_at - ((NEW.received_at % 86400) + 86400) % 86400) / 86400) + 1 -"
  " CAST(strftime('%d', ((((NEW.received_at - ((NEW.received_at % 86400) + 86400) % 86400) /"
  " 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)), NEW.agent_id,"
  " NEW.channel, coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat, (NEW.is_repeat ="
  " 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND NEW.followed_up = 0),"
  " NEW.escalated, (NEW.first_response_at IS NOT NULL), coalesce((NEW.first_response_at -"
  " NEW.received_at), 0), coalesce((NEW.first_response_at - NEW.received_at) *"
  " CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0), (NEW.resolved_at IS NOT"
  " NULL), coalesce((NEW.resolved_at - NEW.received_at), 0), coalesce((NEW.resolved_at -"
  " NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS REAL), 0.0), (NEW.talk_min IS"
  " NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL),"
  " min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min, 0),"
  " 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || NEW.priority),"
  "  CASE NEW.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE"
  " 4320 END))), (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL), (NEW.resolved_at IS"
  " NULL AND NEW.escalated = 0), (NEW.first_response_at IS NULL OR NEW.customer_id IS NULL OR"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT (NEW.talk_min IS NOT NULL OR"
  " NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL))) ON CONFLICT (month, agent_id,"
  " channel, category_id) DO UPDATE SET n = n + 1, complaints = complaints +"
  " excluded.complaints, repeats = repeats + excluded.repeats, fcr_ok = fcr_ok +"
  " excluded.fcr_ok, escalated = escalated + excluded.escalated, fr_n = fr_n + excluded.fr_n,"
  " fr_sum = fr_sum + excluded.fr_sum, fr_sq = fr_sq + excluded.fr_sq, res_n = res_n +"
  " excluded.res_n, res_sum = res_sum + excluded.res_sum, res_sq = res_sq + excluded.res_sq,"
  " handle_n = handle_n + excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum,"
  " handle_sq = handle_sq + excluded.handle_sq, sla_within = sla_within + excluded.sla_within,"
  " unanswered = unanswered + excluded.unanswered, no_customer = no_customer +"
  " excluded.no_customer, no_outcome = no_outcome + excluded.no_outcome, incomplete = incomplete"
  " + excluded.incomplete;"
  " END;"
  "CREATE TRIGGER contacts_kpi_flags AFTER UPDATE OF is_repeat, followed_up ON contacts WHEN NOT"
  " (OLD.received_at IS NOT NEW.received_at OR OLD.channel IS NOT NEW.channel OR OLD.agent_id IS"
  " NOT NEW.agent_id OR OLD.customer_id IS NOT NEW.customer_id OR OLD.category_id IS NOT"
  " NEW.category_id OR OLD.priority IS NOT NEW.priority OR OLD.first_response_at IS NOT"
  " NEW.first_response_at OR OLD.resolved_at IS NOT NEW.resolved_at OR"
  " OLD.resolved_first_contact IS NOT NEW.resolved_first_contact OR OLD.escalated IS NOT"
  " NEW.escalated OR OLD.talk_min IS NOT NEW.talk_min OR OLD.hold_min IS NOT NEW.hold_min OR"
  " OLD.wrap_min IS NOT NEW.wrap_min OR OLD.complaint IS NOT NEW.complaint) AND (OLD.is_repeat"
  " IS NOT NEW.is_repeat OR OLD.followed_up IS NOT NEW.followed_up) BEGIN "
  "UPDATE kpi_days SET repeats = repeats + NEW.is_repeat - OLD.is_repeat, fcr_ok = fcr_ok +"
  " (NEW.is_repeat = 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND"
  " NEW.followed_up = 0) - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND"
  " OLD.escalated = 0 AND OLD.followed_up = 0) WHERE day = ((NEW.received_at - ((NEW.received_at"
  " % 86400) + 86400) % 86400) / 86400) AND agent_id = NEW.agent_id AND channel = NEW.channel"
  " AND category_id = coalesce(NEW.category_id, 0);"
  "UPDATE kpi_months SET repeats = repeats + NEW.is_repeat - OLD.is_repeat, fcr_ok = fcr_ok +"
  " (NEW.is_repeat = 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND"
  " NEW.followed_up = 0) - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND"
  " OLD.escalated = 0 AND OLD.followed_up = 0) WHERE month = (((NEW.received_at -"
  " ((NEW.received_at % 86400) + 86400) % 86400) / 86400) + 1 - CAST(strftime('%d',"
  " ((((NEW.received_at - ((NEW.received_at % 86400) + 86400) % 86400) / 86400) % 146097) +"
  " 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)) AND agent_id = NEW.agent_id AND channel"
  " = NEW.channel AND category_id = coalesce(NEW.category_id, 0);"
  " END;"
  "CREATE TABLE survey_months ("
  "  month       INTEGER NOT NULL,"
  "  agent_id    INTEGER NOT NULL,"
  "  channel     TEXT NOT NULL,"
  "  category_id INTEGER NOT NULL,"
  "  n           INTEGER NOT NULL,"
  "  csat_n      INTEGER NOT NULL,"
  "  csat_good   INTEGER NOT NULL,"
  "  nps_n       INTEGER NOT NULL,"
  "  promoters   INTEGER NOT NULL,"
  "  detractors  INTEGER NOT NULL,"
  "  ces_n       INTEGER NOT NULL,"
  "  ces_sum     INTEGER NOT NULL,"
  "  ces_sq      INTEGER NOT NULL,"
  "  PRIMARY KEY (month, agent_id, channel, category_id)) WITHOUT ROWID;"
  "CREATE TRIGGER surveys_kpi_months_insert AFTER INSERT ON surveys BEGIN "
  "INSERT INTO survey_months (month, agent_id, channel, category_id, n, csat_n, csat_good,"
  " nps_n, promoters, detractors, ces_n, ces_sum, ces_sq) VALUES ((((NEW.answered_at -"
  " ((NEW.answered_at % 86400) + 86400) % 86400) / 86400) + 1 - CAST(strftime('%d',"
  " ((((NEW.answered_at - ((NEW.answered_at % 86400) + 86400) % 86400) / 86400) % 146097) +"
  " 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)), coalesce(NEW.agent_id, 0),"
  " coalesce(NEW.channel, ''), coalesce(NEW.category_id, 0), 1, (NEW.kind = 'csat'), (NEW.kind ="
  " 'csat' AND NEW.score >= 4), (NEW.kind = 'nps'), (NEW.kind = 'nps' AND NEW.score >= 9),"
  " (NEW.kind = 'nps' AND NEW.score <= 6), (NEW.kind = 'ces'), iif(NEW.kind = 'ces', NEW.score,"
  " 0), iif(NEW.kind = 'ces', NEW.score * NEW.score, 0)) ON CONFLICT (month, agent_id, channel,"
  " category_id) DO UPDATE SET n = n + 1, csat_n = csat_n + excluded.csat_n, csat_good ="
  " csat_good + excluded.csat_good, nps_n = nps_n + excluded.nps_n, promoters = promoters +"
  " excluded.promoters, detractors = detractors + excluded.detractors, ces_n = ces_n +"
  " excluded.ces_n, ces_sum = ces_sum + excluded.ces_sum, ces_sq = ces_sq + excluded.ces_sq;"
  " END;"
  "CREATE TRIGGER surveys_kpi_months_delete AFTER DELETE ON surveys BEGIN "
  "UPDATE survey_months SET n = n - 1, csat_n = csat_n - (OLD.kind = 'csat'), csat_good ="
  " csat_good - (OLD.kind = 'csat' AND OLD.score >= 4), nps_n = nps_n - (OLD.kind = 'nps'),"
  " promoters = promoters - (OLD.kind = 'nps' AND OLD.score >= 9), detractors = detractors -"
  " (OLD.kind = 'nps' AND OLD.score <= 6), ces_n = ces_n - (OLD.kind = 'ces'), ces_sum = ces_sum"
  " - iif(OLD.kind = 'ces', OLD.score, 0), ces_sq = ces_sq - iif(OLD.kind = 'ces', OLD.score *"
  " OLD.score, 0) WHERE month = (((OLD.answered_at - ((OLD.answered_at % 86400) + 86400) %"
  " 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.answered_at - ((OLD.answered_at % 86400) +"
  " 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)) AND"
  " agent_id = coalesce(OLD.agent_id, 0) AND channel = coalesce(OLD.channel, '') AND category_id"
  " = coalesce(OLD.category_id, 0);"
  "DELETE FROM survey_months WHERE month = (((OLD.answered_at - ((OLD.answered_at % 86400) +"
  " 86400) % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.answered_at - ((OLD.answered_at %"
  " 86400) + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS"
  " INTEGER)) AND agent_id = coalesce(OLD.agent_id, 0) AND channel = coalesce(OLD.channel, '')"
  " AND category_id = coalesce(OLD.category_id, 0) AND n <= 0;"
  " END;"
  "CREATE TRIGGER surveys_kpi_months_update AFTER UPDATE OF answered_at, kind, score, agent_id,"
  " channel, category_id ON surveys BEGIN "
  "UPDATE survey_months SET n = n - 1, csat_n = csat_n - (OLD.kind = 'csat'), csat_good ="
  " csat_good - (OLD.kind = 'csat' AND OLD.score >= 4), nps_n = nps_n - (OLD.kind = 'nps'),"
  " promoters = promoters - (OLD.kind = 'nps' AND OLD.score >= 9), detractors = detractors -"
  " (OLD.kind = 'nps' AND OLD.score <= 6), ces_n = ces_n - (OLD.kind = 'ces'), ces_sum = ces_sum"
  " - iif(OLD.kind = 'ces', OLD.score, 0), ces_sq = ces_sq - iif(OLD.kind = 'ces', OLD.score *"
  " OLD.score, 0) WHERE month = (((OLD.answered_at - ((OLD.answered_at % 86400) + 86400) %"
  " 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.answered_at - ((OLD.answered_at % 86400) +"
  " 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)) AND"
  " agent_id = coalesce(OLD.agent_id, 0) AND channel = coalesce(OLD.channel, '') AND category_id"
  " = coalesce(OLD.category_id, 0);"
  "DELETE FROM survey_months WHERE month = (((OLD.answered_at - ((OLD.answered_at % 86400) +"
  " 86400) % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.answered_at - ((OLD.answered_at %"
  " 86400) + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS"
  " INTEGER)) AND agent_id = coalesce(OLD.agent_id, 0) AND channel = coalesce(OLD.channel, '')"
  " AND category_id = coalesce(OLD.category_id, 0) AND n <= 0;"
  "INSERT INTO survey_months (month, agent_id, channel, category_id, n, csat_n, csat_good,"
  " nps_n, promoters, detractors, ces_n, ces_sum, ces_sq) VALUES ((((NEW.answered_at -"
  " ((NEW.answered_at % 86400) + 86400) % 86400) / 86400) + 1 - CAST(strftime('%d',"
  " ((((NEW.answered_at - ((NEW.answered_at % 86400) + 86400) % 86400) / 86400) % 146097) +"
  " 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)), coalesce(NEW.agent_id, 0),"
  " coalesce(NEW.channel, ''), coalesce(NEW.category_id, 0), 1, (NEW.kind = 'csat'), (NEW.kind ="
  " 'csat' AND NEW.score >= 4), (NEW.kind = 'nps'), (NEW.kind = 'nps' AND NEW.score >= 9),"
  " (NEW.kind = 'nps' AND NEW.score <= 6), (NEW.kind = 'ces'), iif(NEW.kind = 'ces', NEW.score,"
  " 0), iif(NEW.kind = 'ces', NEW.score * NEW.score, 0)) ON CONFLICT (month, agent_id, channel,"
  " category_id) DO UPDATE SET n = n + 1, csat_n = csat_n + excluded.csat_n, csat_good ="
  " csat_good + excluded.csat_good, nps_n = nps_n + excluded.nps_n, promoters = promoters +"
  " excluded.promoters, detractors = detractors + excluded.detractors, ces_n = ces_n +"
  " excluded.ces_n, ces_sum = ces_sum + excluded.ces_sum, ces_sq = ces_sq + excluded.ces_sq;"
  " END;"
  "CREATE TABLE contact_hours ("
  "  day  INTEGER NOT NULL,"
  "  hour INTEGER NOT NULL,"
  "  n    INTEGER NOT NULL,"
  "  PRIMARY KEY (day, hour)) WITHOUT ROWID;"
  "CREATE TRIGGER contacts_hours_insert AFTER INSERT ON contacts BEGIN "
  "INSERT INTO contact_hours (day, hour, n) VALUES (((NEW.received_at - ((NEW.received_at %"
  " 86400) + 86400) % 86400) / 86400), ((((NEW.received_at % 86400) + 86400) % 86400) / 3600),"
  " 1) ON CONFLICT (day, hour) DO UPDATE SET n = n + 1;"
  " END;"
  "CREATE TRIGGER contacts_hours_delete AFTER DELETE ON contacts BEGIN "
  "UPDATE contact_hours SET n = n - 1 WHERE day = ((OLD.received_at - ((OLD.received_at % 86400)"
  " + 86400) % 86400) / 86400) AND hour = ((((OLD.received_at % 86400) + 86400) % 86400) / 3600);"
  "DELETE FROM contact_hours WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400)"
  " % 86400) / 86400) AND hour = ((((OLD.received_at % 86400) + 86400) % 86400) / 3600) AND n <="
  " 0;"
  " END;"
  "CREATE TRIGGER contacts_hours_update AFTER UPDATE OF received_at ON contacts WHEN"
  " OLD.received_at IS NOT NEW.received_at BEGIN "
  "UPDATE contact_hours SET n = n - 1 WHERE day = ((OLD.received_at - ((OLD.received_at % 86400)"
  " + 86400) % 86400) / 86400) AND hour = ((((OLD.received_at % 86400) + 86400) % 86400) / 3600);"
  "DELETE FROM contact_hours WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400)"
  " % 86400) / 86400) AND hour = ((((OLD.received_at % 86400) + 86400) % 86400) / 3600) AND n <="
  " 0;"
  "INSERT INTO contact_hours (day, hour, n) VALUES (((NEW.received_at - ((NEW.received_at %"
  " 86400) + 86400) % 86400) / 86400), ((((NEW.received_at % 86400) + 86400) % 86400) / 3600),"
  " 1) ON CONFLICT (day, hour) DO UPDATE SET n = n + 1;"
  " END;"
  "CREATE TABLE resolved_days ("
  "  day         INTEGER NOT NULL,"
  "  agent_id    INTEGER NOT NULL,"
  "  channel     TEXT NOT NULL,"
  "  category_id INTEGER NOT NULL,"
  "  n           INTEGER NOT NULL,"
  "  PRIMARY KEY (day, agent_id, channel, category_id)) WITHOUT ROWID;"
  "CREATE TABLE resolved_months ("
  "  month       INTEGER NOT NULL,"
  "  agent_id    INTEGER NOT NULL,"
  "  channel     TEXT NOT NULL,"
  "  category_id INTEGER NOT NULL,"
  "  n           INTEGER NOT NULL,"
  "  PRIMARY KEY (month, agent_id, channel, category_id)) WITHOUT ROWID;"
  "CREATE TRIGGER contacts_resolved_insert AFTER INSERT ON contacts WHEN NEW.resolved_at IS NOT"
  " NULL BEGIN "
  "INSERT INTO resolved_days (day, agent_id, channel, category_id, n) SELECT ((NEW.resolved_at -"
  " ((NEW.resolved_at % 86400) + 86400) % 86400) / 86400), NEW.agent_id, NEW.channel,"
  " coalesce(NEW.category_id, 0), 1 WHERE NEW.resolved_at IS NOT NULL ON CONFLICT (day,"
  " agent_id, channel, category_id) DO UPDATE SET n = n + 1;"
  "INSERT INTO resolved_months (month, agent_id, channel, category_id, n) SELECT"
  " (((NEW.resolved_at - ((NEW.resolved_at % 86400) + 86400) % 86400) / 86400) + 1 -"
  " CAST(strftime('%d', ((((NEW.resolved_at - ((NEW.resolved_at % 86400) + 86400) % 86400) /"
  " 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)), NEW.agent_id,"
  " NEW.channel, coalesce(NEW.category_id, 0), 1 WHERE NEW.resolved_at IS NOT NULL ON CONFLICT"
  " (month, agent_id, channel, category_id) DO UPDATE SET n = n + 1;"
  " END;"
  "CREATE TRIGGER contacts_resolved_delete AFTER DELETE ON contacts WHEN OLD.resolved_at IS NOT"
  " NULL BEGIN "
  "UPDATE resolved_days SET n = n - 1 WHERE day = ((OLD.resolved_at - ((OLD.resolved_at % 86400)"
  " + 86400) % 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND"
  " category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM resolved_days WHERE day = ((OLD.resolved_at - ((OLD.resolved_at % 86400) + 86400)"
  " % 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  "UPDATE resolved_months SET n = n - 1 WHERE month = (((OLD.resolved_at - ((OLD.resolved_at %"
  " 86400) + 86400) % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.resolved_at -"
  " ((OLD.resolved_at % 86400) + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400,"
  " 'unixepoch') AS INTEGER)) AND agent_id = OLD.agent_id AND channel = OLD.channel AND"
  " category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM resolved_months WHERE month = (((OLD.resolved_at - ((OLD.resolved_at % 86400) +"
  " 86400) % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.resolved_at - ((OLD.resolved_at %"
  " 86400) + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS"
  " INTEGER)) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  " END;"
  "CREATE TRIGGER contacts_resolved_update AFTER UPDATE OF resolved_at, agent_id, channel,"
  " category_id ON contacts WHEN OLD.resolved_at IS NOT NEW.resolved_at OR OLD.agent_id IS NOT"
  " NEW.agent_id OR OLD.channel IS NOT NEW.channel OR OLD.category_id IS NOT NEW.category_id"
  " BEGIN "
  "UPDATE resolved_days SET n = n - 1 WHERE day = ((OLD.resolved_at - ((OLD.resolved_at % 86400)"
  " + 86400) % 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND"
  " category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM resolved_days WHERE day = ((OLD.resolved_at - ((OLD.resolved_at % 86400) + 86400)"
  " % 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  "UPDATE resolved_months SET n = n - 1 WHERE month = (((OLD.resolved_at - ((OLD.resolved_at %"
  " 86400) + 86400) % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.resolved_at -"
  " ((OLD.resolved_at % 86400) + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400,"
  " 'unixepoch') AS INTEGER)) AND agent_id = OLD.agent_id AND channel = OLD.channel AND"
  " category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM resolved_months WHERE month = (((OLD.resolved_at - ((OLD.resolved_at % 86400) +"
  " 86400) % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.resolved_at - ((OLD.resolved_at %"
  " 86400) + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS"
  " INTEGER)) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  "INSERT INTO resolved_days (day, agent_id, channel, category_id, n) SELECT ((NEW.resolved_at -"
  " ((NEW.resolved_at % 86400) + 86400) % 86400) / 86400), NEW.agent_id, NEW.channel,"
  " coalesce(NEW.category_id, 0), 1 WHERE NEW.resolved_at IS NOT NULL ON CONFLICT (day,"
  " agent_id, channel, category_id) DO UPDATE SET n = n + 1;"
  "INSERT INTO resolved_months (month, agent_id, channel, category_id, n) SELECT"
  " (((NEW.resolved_at - ((NEW.resolved_at % 86400) + 86400) % 86400) / 86400) + 1 -"
  " CAST(strftime('%d', ((((NEW.resolved_at - ((NEW.resolved_at % 86400) + 86400) % 86400) /"
  " 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)), NEW.agent_id,"
  " NEW.channel, coalesce(NEW.category_id, 0), 1 WHERE NEW.resolved_at IS NOT NULL ON CONFLICT"
  " (month, agent_id, channel, category_id) DO UPDATE SET n = n + 1;"
  " END;"
  "INSERT INTO kpi_months (month, agent_id, channel, category_id, n, complaints, repeats,"
  " fcr_ok, escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum,"
  " handle_sq, sla_within, unanswered, no_customer, no_outcome, incomplete) SELECT (r.day + 1 -"
  " CAST(strftime('%d', ((r.day % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)),"
  " r.agent_id, r.channel, r.category_id, sum(r.n), sum(complaints), sum(repeats), sum(fcr_ok),"
  " sum(escalated), sum(fr_n), sum(fr_sum), sum(fr_sq), sum(res_n), sum(res_sum), sum(res_sq),"
  " sum(handle_n), sum(handle_sum), sum(handle_sq), sum(sla_within), sum(unanswered),"
  " sum(no_customer), sum(no_outcome), sum(incomplete) FROM kpi_days AS r GROUP BY 1, 2, 3, 4;"
  "INSERT INTO survey_months (month, agent_id, channel, category_id, n, csat_n, csat_good,"
  " nps_n, promoters, detractors, ces_n, ces_sum, ces_sq) SELECT (s.day + 1 -"
  " CAST(strftime('%d', ((s.day % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)),"
  " s.agent_id, s.channel, s.category_id, sum(s.n), sum(csat_n), sum(csat_good), sum(nps_n),"
  " sum(promoters), sum(detractors), sum(ces_n), sum(ces_sum), sum(ces_sq) FROM survey_days AS s"
  " GROUP BY 1, 2, 3, 4;"
  "INSERT INTO contact_hours (day, hour, n) SELECT ((c.received_at - ((c.received_at % 86400) +"
  " 86400) % 86400) / 86400), ((((c.received_at % 86400) + 86400) % 86400) / 3600), count(*)"
  " FROM contacts AS c GROUP BY 1, 2;"
  "INSERT INTO resolved_days (day, agent_id, channel, category_id, n) SELECT ((c.resolved_at -"
  " ((c.resolved_at % 86400) + 86400) % 86400) / 86400), c.agent_id, c.channel,"
  " coalesce(c.category_id, 0), count(*) FROM contacts AS c WHERE c.resolved_at IS NOT NULL"
  " GROUP BY 1, 2, 3, 4;"
  "INSERT INTO resolved_months (month, agent_id, channel, category_id, n) SELECT (r.day + 1 -"
  " CAST(strftime('%d', ((r.day % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)),"
  " r.agent_id, r.channel, r.category_id, sum(r.n) FROM resolved_days AS r GROUP BY 1, 2, 3, 4;";

/*
 * 7: opening hours (KPI-SPEC §7).  Schedules, their intervals (seconds
 * after midnight) and closed days; each contact keeps its business seconds
 * to first response and to resolution (fr_open, res_open: NULL without a
 * schedule), written by the store when it saves the contact and again for
 * every contact when the hours change, and the day and month totals sum
 * them as they sum the clock durations.
 */
#define KO_FIELDS(X, R) \
  KD_FIELDS (X, R) \
  KO_OPEN_FIELDS (X, R)

#define KO_OPEN_FIELDS(X, R) \
  X ("ofr_sum", "coalesce(" R ".fr_open, 0)") \
  X ("ofr_sq", "coalesce(" R ".fr_open * CAST(" R ".fr_open AS REAL), 0.0)") \
  X ("ores_sum", "coalesce(" R ".res_open, 0)") \
  X ("ores_sq", "coalesce(" R ".res_open * CAST(" R ".res_open AS REAL), 0.0)") \
  X ("osla_within", "(" R ".fr_open IS NOT NULL AND " R ".fr_open <= " KD_SLA_SECONDS (R) ")")

#define KO_FILL \
  "INSERT INTO kpi_days (day, agent_id, channel, category_id, n" KO_FIELDS (KD_NAME, "c") ")" \
  " SELECT " KD_DAY ("c") ", c.agent_id, c.channel, coalesce(c.category_id, 0), count(*)" \
  KO_FIELDS (KD_SUM, "c") \
  " FROM contacts AS c GROUP BY 1, 2, 3, 4;"

#define KOM_FILL \
  "INSERT INTO kpi_months (month, agent_id, channel, category_id, n" KO_FIELDS (KD_NAME, "r") ")" \
  " SELECT " KM_MONTH_OF ("r.day") ", r.agent_id, r.channel, r.category_id, sum(r.n)" \
  KO_FIELDS (KD_SUM_COLUMN, "r") \
  " FROM kpi_days AS r GROUP BY 1, 2, 3, 4;"

/* 6: opening hours and business durations (KPI-SPEC §7); frozen as it shipped */
static const char migration_6[] =
  "CREATE TABLE opening_schedules (  valid_from INTEGER PRIMARY KEY);"
  "CREATE TABLE opening_intervals (  valid_from INTEGER NOT NULL REFERENCES opening_schedules"
  " (valid_from) ON DELETE CASCADE,  weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND"
  " 7),  opens      INTEGER NOT NULL CHECK (opens >= 0),  closes     INTEGER NOT NULL CHECK"
  " (closes > opens AND closes <= 86400),  PRIMARY KEY (valid_from, weekday, opens)) WITHOUT"
  " ROWID;"
  "CREATE TABLE closed_days (  date INTEGER PRIMARY KEY,  name TEXT NOT NULL);"
  "CREATE INDEX contacts_unanswered ON contacts (received_at) WHERE first_response_at IS NULL;"
  "ALTER TABLE contacts ADD COLUMN fr_open INTEGER;"
  "ALTER TABLE contacts ADD COLUMN res_open INTEGER;"
  "ALTER TABLE kpi_days ADD COLUMN ofr_sum INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE kpi_days ADD COLUMN ofr_sq REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE kpi_days ADD COLUMN ores_sum INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE kpi_days ADD COLUMN ores_sq REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE kpi_days ADD COLUMN osla_within INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE kpi_months ADD COLUMN ofr_sum INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE kpi_months ADD COLUMN ofr_sq REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE kpi_months ADD COLUMN ores_sum INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE kpi_months ADD COLUMN ores_sq REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE kpi_months ADD COLUMN osla_within INTEGER NOT NULL DEFAULT 0;"
  "DROP TRIGGER contacts_kpi_insert;"
  "DROP TRIGGER contacts_kpi_delete;"
  "DROP TRIGGER contacts_kpi_update;"
  "DROP TRIGGER contacts_kpi_months_insert;"
  "DROP TRIGGER contacts_kpi_months_delete;"
  "DROP TRIGGER contacts_kpi_months_update;"
  "DROP TRIGGER contacts_kpi_flags;"
  "CREATE TRIGGER contacts_kpi_insert AFTER INSERT ON contacts BEGIN INSERT INTO kpi_days (day,"
  " agent_id, channel, category_id, n, complaints, repeats, fcr_ok, escalated, fr_n, fr_sum,"
  " fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum, handle_sq, sla_within, unanswered,"
  " no_customer, no_outcome, incomplete, ofr_sum, ofr_sq, ores_sum, ores_sq, osla_within) VALUES"
  " (((NEW.received_at - ((NEW.received_at % 86400) + 86400) % 86400) / 86400), NEW.agent_id,"
  " NEW.channel, coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat, (NEW.is_repeat ="
  " 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND NEW.followed_up = 0),"
  " NEW.escalated, (NEW.first_response_at IS NOT NULL), coalesce((NEW.first_response_at -"
  " NEW.received_at), 0), coalesce((NEW.first_response_at - NEW.received_at) *"
  " CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0), (NEW.resolved_at IS NOT"
  " NULL), coalesce((NEW.resolved_at - NEW.received_at), 0), coalesce((NEW.resolved_at -"
  " NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS REAL), 0.0), (NEW.talk_min IS"
  " NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL),"
  " min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min, 0),"
  " 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || NEW.priority),  CASE NEW.priority WHEN"
  " 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE 4320 END))),"
  " (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL), (NEW.resolved_at IS NULL AND"
  " NEW.escalated = 0), (NEW.first_response_at IS NULL OR NEW.customer_id IS NULL OR"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT (NEW.talk_min IS NOT NULL OR"
  " NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL)), coalesce(NEW.fr_open, 0),"
  " coalesce(NEW.fr_open * CAST(NEW.fr_open AS REAL), 0.0), coalesce(NEW.res_open, 0),"
  " coalesce(NEW.res_open * CAST(NEW.res_open AS REAL), 0.0), (NEW.fr_open IS NOT NULL AND"
  " NEW.fr_open <= (60 * coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key ="
  " 'benchmark.sla-target.' || NEW.priority),  CASE NEW.priority WHEN 'urgent' THEN 60 WHEN"
  " 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE 4320 END)))) ON CONFLICT (day, agent_id,"
  " channel, category_id) DO UPDATE SET n = n + 1, complaints = complaints +"
  " excluded.complaints, repeats = repeats + excluded.repeats, fcr_ok = fcr_ok +"
  " excluded.fcr_ok, escalated = escalated + excluded.escalated, fr_n = fr_n + excluded.fr_n,"
  " fr_sum = fr_sum + excluded.fr_sum, fr_sq = fr_sq + excluded.fr_sq, res_n = res_n +"
  " excluded.res_n, res_sum = res_sum + excluded.res_sum, res_sq = res_sq + excluded.res_sq,"
  " handle_n = handle_n + excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum,"
  " handle_sq = handle_sq + excluded.handle_sq, sla_within = sla_within + excluded.sla_within,"
  " unanswered = unanswered + excluded.unanswered, no_customer = no_customer +"
  " excluded.no_customer, no_outcome = no_outcome + excluded.no_outcome, incomplete = incomplete"
  " + excluded.incomplete, ofr_sum = ofr_sum + excluded.ofr_sum, ofr_sq = ofr_sq +"
  " excluded.ofr_sq, ores_sum = ores_sum + excluded.ores_sum, ores_sq = ores_sq +"
  " excluded.ores_sq, osla_within = osla_within + excluded.osla_within;"
  " END;"
  "CREATE TRIGGER contacts_kpi_delete AFTER DELETE ON contacts BEGIN UPDATE kpi_days SET n = n -"
  " 1, complaints = complaints - OLD.complaint, repeats = repeats - OLD.is_repeat, fcr_ok ="
  " fcr_ok - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND OLD.escalated = 0 AND"
  " OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n = fr_n -"
  " (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum - coalesce((OLD.first_response_at -"
  " OLD.received_at), 0), fr_sq = fr_sq - coalesce((OLD.first_response_at - OLD.received_at) *"
  " CAST((OLD.first_response_at - OLD.received_at) AS REAL), 0.0), res_n = res_n -"
  " (OLD.resolved_at IS NOT NULL), res_sum = res_sum - coalesce((OLD.resolved_at -"
  " OLD.received_at), 0), res_sq = res_sq - coalesce((OLD.resolved_at - OLD.received_at) *"
  " CAST((OLD.resolved_at - OLD.received_at) AS REAL), 0.0), handle_n = handle_n - (OLD.talk_min"
  " IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL), handle_sum ="
  " handle_sum - min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) +"
  " coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq - (min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15) * min(coalesce(OLD.talk_min, 0)"
  " + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15)), sla_within = sla_within -"
  " (OLD.first_response_at IS NOT NULL AND (OLD.first_response_at - OLD.received_at) <= (60 *"
  " coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key = 'benchmark.sla-target.' ||"
  " OLD.priority),  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal'"
  " THEN 1440  ELSE 4320 END))), unanswered = unanswered - (OLD.first_response_at IS NULL),"
  " no_customer = no_customer - (OLD.customer_id IS NULL), no_outcome = no_outcome -"
  " (OLD.resolved_at IS NULL AND OLD.escalated = 0), incomplete = incomplete -"
  " (OLD.first_response_at IS NULL OR OLD.customer_id IS NULL OR (OLD.resolved_at IS NULL AND"
  " OLD.escalated = 0) OR NOT (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR"
  " OLD.wrap_min IS NOT NULL)), ofr_sum = ofr_sum - coalesce(OLD.fr_open, 0), ofr_sq = ofr_sq -"
  " coalesce(OLD.fr_open * CAST(OLD.fr_open AS REAL), 0.0), ores_sum = ores_sum -"
  " coalesce(OLD.res_open, 0), ores_sq = ores_sq - coalesce(OLD.res_open * CAST(OLD.res_open AS"
  " REAL), 0.0), osla_within = osla_within - (OLD.fr_open IS NOT NULL AND OLD.fr_open <= (60 *"
  " coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key = 'benchmark.sla-target.' ||"
  " OLD.priority),  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal'"
  " THEN 1440  ELSE 4320 END))) WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) +"
  " 86400) % 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND"
  " category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM kpi_days WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400) %"
  " 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  " END;"
  "CREATE TRIGGER contacts_kpi_update AFTER UPDATE OF received_at, channel, agent_id,"
  " customer_id, category_id, priority, first_response_at, resolved_at, resolved_first_contact,"
  " escalated, talk_min, hold_min, wrap_min, complaint, is_repeat, followed_up, fr_open,"
  " res_open ON contacts WHEN ((OLD.received_at IS NOT NEW.received_at OR OLD.channel IS NOT"
  " NEW.channel OR OLD.agent_id IS NOT NEW.agent_id OR OLD.customer_id IS NOT NEW.customer_id OR"
  " OLD.category_id IS NOT NEW.category_id OR OLD.priority IS NOT NEW.priority OR"
  " OLD.first_response_at IS NOT NEW.first_response_at OR OLD.resolved_at IS NOT NEW.resolved_at"
  " OR OLD.resolved_first_contact IS NOT NEW.resolved_first_contact OR OLD.escalated IS NOT"
  " NEW.escalated OR OLD.talk_min IS NOT NEW.talk_min OR OLD.hold_min IS NOT NEW.hold_min OR"
  " OLD.wrap_min IS NOT NEW.wrap_min OR OLD.complaint IS NOT NEW.complaint) OR OLD.fr_open IS"
  " NOT NEW.fr_open OR OLD.res_open IS NOT NEW.res_open) BEGIN UPDATE kpi_days SET n = n - 1,"
  " complaints = complaints - OLD.complaint, repeats = repeats - OLD.is_repeat, fcr_ok = fcr_ok"
  " - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND OLD.escalated = 0 AND"
  " OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n = fr_n -"
  " (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum - coalesce((OLD.first_response_at -"
  " OLD.received_at), 0), fr_sq = fr_sq - coalesce((OLD.first_response_at - OLD.received_at) *"
  " CAST((OLD.first_response_at - OLD.received_at) AS REAL), 0.0), res_n = res_n -"
  " (OLD.resolved_at IS NOT NULL), res_sum = res_sum - coalesce((OLD.resolved_at -"
  " OLD.received_at), 0), res_sq = res_sq - coalesce((OLD.resolved_at - OLD.received_at) *"
  " CAST((OLD.resolved_at - OLD.received_at) AS REAL), 0.0), handle_n = handle_n - (OLD.talk_min"
  " IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL), handle_sum ="
  " handle_sum - min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) +"
  " coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq - (min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15) * min(coalesce(OLD.talk_min, 0)"
  " + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15)), sla_within = sla_within -"
  " (OLD.first_response_at IS NOT NULL AND (OLD.first_response_at - OLD.received_at) <= (60 *"
  " coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key = 'benchmark.sla-target.' ||"
  " OLD.priority),  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal'"
  " THEN 1440  ELSE 4320 END))), unanswered = unanswered - (OLD.first_response_at IS NULL),"
  " no_customer = no_customer - (OLD.customer_id IS NULL), no_outcome = no_outcome -"
  " (OLD.resolved_at IS NULL AND OLD.escalated = 0), incomplete = incomplete -"
  " (OLD.first_response_at IS NULL OR OLD.customer_id IS NULL OR (OLD.resolved_at IS NULL AND"
  " OLD.escalated = 0) OR NOT (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR"
  " OLD.wrap_min IS NOT NULL)), ofr_sum = ofr_sum - coalesce(OLD.fr_open, 0), ofr_sq = ofr_sq -"
  " coalesce(OLD.fr_open * CAST(OLD.fr_open AS REAL), 0.0), ores_sum = ores_sum -"
  " coalesce(OLD.res_open, 0), ores_sq = ores_sq - coalesce(OLD.res_open * CAST(OLD.res_open AS"
  " REAL), 0.0), osla_within = osla_within - (OLD.fr_open IS NOT NULL AND OLD.fr_open <= (60 *"
  " coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key = 'benchmark.sla-target.' ||"
  " OLD.priority),  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal'"
  " THEN 1440  ELSE 4320 END))) WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) +"
  " 86400) % 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND"
  " category_id = coalesce(OLD.category_id, 0);"
  "DELETE FROM kpi_days WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400) %"
  " 86400) / 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  "INSERT INTO kpi_days (day, agent_id, channel, category_id, n, complaints, repeats, fcr_ok,"
  " escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum, handle_sq,"
  " sla_within, unanswered, no_customer, no_outcome, incomplete, ofr_sum, ofr_sq, ores_sum,"
  " ores_sq, osla_within) VALUES (((NEW.received_at - ((NEW.received_at % 86400) + 86400) %"
  " 86400) / 86400), NEW.agent_id, NEW.channel, coalesce(NEW.category_id, 0), 1, NEW.complaint,"
  " NEW.is_repeat, (NEW.is_repeat = 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0"
  " AND NEW.followed_up = 0), NEW.escalated, (NEW.first_response_at IS NOT NULL),"
  " coalesce((NEW.first_response_at - NEW.received_at), 0), coalesce((NEW.first_response_at -"
  " NEW.received_at) * CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0),"
  " (NEW.resolved_at IS NOT NULL), coalesce((NEW.resolved_at - NEW.received_at), 0),"
  " coalesce((NEW.resolved_at - NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS"
  " REAL), 0.0), (NEW.talk_min IS NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT"
  " NULL), min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0)"
  " + coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || NEW.priority),  CASE NEW.priority WHEN"
  " 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE 4320 END))),"
  " (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL), (NEW.resolved_at IS NULL AND"
  " NEW.escalated = 0), (NEW.first_response_at IS NULL OR NEW.customer_id IS NULL OR"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT (NEW.talk_min IS NOT NULL OR"
  " NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL)), coalesce(NEW.fr_open, 0),"
  " coalesce(NEW.fr_open * CAST(NEW.fr_open AS REAL), 0.0), coalesce(NEW.res_open, 0),"
  " coalesce(NEW.res_open * CAST(NEW.res_open AS REAL), 0.0), (NEW.fr_open IS NOT NULL AND"
  " NEW.fr_open <= (60 * coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key ="
  " 'benchmark.sla-target.' || NEW.priority),  CASE NEW.priority WHEN 'urgent' THEN 60 WHEN"
  " 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE 4320 END)))) ON CONFLICT (day, agent_id,"
  " channel, category_id) DO UPDATE SET n = n + 1, complaints = complaints +"
  " excluded.complaints, repeats = repeats + excluded.repeats, fcr_ok = fcr_ok +"
  " excluded.fcr_ok, escalated = escalated + excluded.escalated, fr_n = fr_n + excluded.fr_n,"
  " fr_sum = fr_sum + excluded.fr_sum, fr_sq = fr_sq + excluded.fr_sq, res_n = res_n +"
  " excluded.res_n, res_sum = res_sum + excluded.res_sum, res_sq = res_sq + excluded.res_sq,"
  " handle_n = handle_n + excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum,"
  " handle_sq = handle_sq + excluded.handle_sq, sla_within = sla_within + excluded.sla_within,"
  " unanswered = unanswered + excluded.unanswered, no_customer = no_customer +"
  " excluded.no_customer, no_outcome = no_outcome + excluded.no_outcome, incomplete = incomplete"
  " + excluded.incomplete, ofr_sum = ofr_sum + excluded.ofr_sum, ofr_sq = ofr_sq +"
  " excluded.ofr_sq, ores_sum = ores_sum + excluded.ores_sum, ores_sq = ores_sq +"
  " excluded.ores_sq, osla_within = osla_within + excluded.osla_within;"
  " END;"
  "CREATE TRIGGER contacts_kpi_months_insert AFTER INSERT ON contacts BEGIN INSERT INTO"
  " kpi_months (month, agent_id, channel, category_id, n, complaints, repeats, fcr_ok,"
  " escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum, handle_sq,"
  " sla_within, unanswered, no_customer, no_outcome, incomplete, ofr_sum, ofr_sq, ores_sum,"
  " ores_sq, osla_within) VALUES ((((NEW.received_at - ((NEW.received_at % 86400) + 86400) %"
  " 86400) / 86400) + 1 - CAST(strftime('%d', ((((NEW.received_at - ((NEW.received_at % 86400) +"
  " 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)),"
  " NEW.agent_id, NEW.channel, coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat,"
  " (NEW.is_repeat = 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND"
  " NEW.followed_up = 0), NEW.escalated, (NEW.first_response_at IS NOT NULL),"
  " coalesce((NEW.first_response_at - NEW.received_at), 0), coalesce((NEW.first_response_at -"
  " NEW.received_at) * CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0),"
  " (NEW.resolved_at IS NOT NULL), coalesce((NEW.resolved_at - NEW.received_at), 0),"
  " coalesce((NEW.resolved_at - NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS"
  " REAL), 0.0), (NEW.talk_min IS NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT"
  " NULL), min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0)"
  " + coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || NEW.priority),  CASE NEW.priority WHEN"
  " 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE 4320 END))),"
  " (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL), (NEW.resolved_at IS NULL AND"
  " NEW.escalated = 0), (NEW.first_response_at IS NULL OR NEW.customer_id IS NULL OR"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT (NEW.talk_min IS NOT NULL OR"
  " NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL)), coalesce(NEW.fr_open, 0),"
  " coalesce(NEW.fr_open * CAST(NEW.fr_open AS REAL), 0.0), coalesce(NEW.res_open, 0),"
  " coalesce(NEW.res_open * CAST(NEW.res_open AS REAL), 0.0), (NEW.fr_open IS NOT NULL AND"
  " NEW.fr_open <= (60 * coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key ="
  " 'benchmark.sla-target.' || NEW.priority),  CASE NEW.priority WHEN 'urgent' THEN 60 WHEN"
  " 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE 4320 END)))) ON CONFLICT (month, agent_id,"
  " channel, category_id) DO UPDATE SET n = n + 1, complaints = complaints +"
  " excluded.complaints, repeats = repeats + excluded.repeats, fcr_ok = fcr_ok +"
  " excluded.fcr_ok, escalated = escalated + excluded.escalated, fr_n = fr_n + excluded.fr_n,"
  " fr_sum = fr_sum + excluded.fr_sum, fr_sq = fr_sq + excluded.fr_sq, res_n = res_n +"
  " excluded.res_n, res_sum = res_sum + excluded.res_sum, res_sq = res_sq + excluded.res_sq,"
  " handle_n = handle_n + excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum,"
  " handle_sq = handle_sq + excluded.handle_sq, sla_within = sla_within + excluded.sla_within,"
  " unanswered = unanswered + excluded.unanswered, no_customer = no_customer +"
  " excluded.no_customer, no_outcome = no_outcome + excluded.no_outcome, incomplete = incomplete"
  " + excluded.incomplete, ofr_sum = ofr_sum + excluded.ofr_sum, ofr_sq = ofr_sq +"
  " excluded.ofr_sq, ores_sum = ores_sum + excluded.ores_sum, ores_sq = ores_sq +"
  " excluded.ores_sq, osla_within = osla_within + excluded.osla_within;"
  " END;"
  "CREATE TRIGGER contacts_kpi_months_delete AFTER DELETE ON contacts BEGIN UPDATE kpi_months"
  " SET n = n - 1, complaints = complaints - OLD.complaint, repeats = repeats - OLD.is_repeat,"
  " fcr_ok = fcr_ok - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND OLD.escalated ="
  " 0 AND OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n = fr_n -"
  " (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum - coalesce((OLD.first_response_at -"
  " OLD.received_at), 0), fr_sq = fr_sq - coalesce((OLD.first_response_at - OLD.received_at) *"
  " CAST((OLD.first_response_at - OLD.received_at) AS REAL), 0.0), res_n = res_n -"
  " (OLD.resolved_at IS NOT NULL), res_sum = res_sum - coalesce((OLD.resolved_at -"
  " OLD.received_at), 0), res_sq = res_sq - coalesce((OLD.resolved_at - OLD.received_at) *"
  " CAST((OLD.resolved_at - OLD.received_at) AS REAL), 0.0), handle_n = handle_n - (OLD.talk_min"
  " IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL), handle_sum ="
  " handle_sum - min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) +"
  " coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq - (min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15) * min(coalesce(OLD.talk_min, 0)"
  " + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15)), sla_within = sla_within -"
  " (OLD.first_response_at IS NOT NULL AND (OLD.first_response_at - OLD.received_at) <= (60 *"
  " coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key = 'benchmark.sla-target.' ||"
  " OLD.priority),  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal'"
  " THEN 1440  ELSE 4320 END))), unanswered = unanswered - (OLD.first_response_at IS NULL),"
  " no_customer = no_customer - (OLD.customer_id IS NULL), no_outcome = no_outcome -"
  " (OLD.resolved_at IS NULL AND OLD.escalated = 0), incomplete = incomplete -"
  " (OLD.first_response_at IS NULL OR OLD.customer_id IS NULL OR (OLD.resolved_at IS NULL AND"
  " OLD.escalated = 0) OR NOT (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR"
  " OLD.wrap_min IS NOT NULL)), ofr_sum = ofr_sum - coalesce(OLD.fr_open, 0), ofr_sq = ofr_sq -"
  " coalesce(OLD.fr_open * CAST(OLD.fr_open AS REAL), 0.0), ores_sum = ores_sum -"
  " coalesce(OLD.res_open, 0), ores_sq = ores_sq - coalesce(OLD.res_open * CAST(OLD.res_open AS"
  " REAL), 0.0), osla_within = osla_within - (OLD.fr_open IS NOT NULL AND OLD.fr_open <= (60 *"
  " coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key = 'benchmark.sla-target.' ||"
  " OLD.priority),  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal'"
  " THEN 1440  ELSE 4320 END))) WHERE month = (((OLD.received_at - ((OLD.received_at % 86400) +"
  " 86400) % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at %"
  " 86400) + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS"
  " INTEGER)) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0);"
  "DELETE FROM kpi_months WHERE month = (((OLD.received_at - ((OLD.received_at % 86400) + 86400)"
  " % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at % 86400)"
  " + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER))"
  " AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  " END;"
  "CREATE TRIGGER contacts_kpi_months_update AFTER UPDATE OF received_at, channel, agent_id,"
  " customer_id, category_id, priority, first_response_at, resolved_at, resolved_first_contact,"
  " escalated, talk_min, hold_min, wrap_min, complaint, is_repeat, followed_up, fr_open,"
  " res_open ON contacts WHEN ((OLD.received_at IS NOT NEW.received_at OR OLD.channel IS NOT"
  " NEW.channel OR OLD.agent_id IS NOT NEW.agent_id OR OLD.customer_id IS NOT NEW.customer_id OR"
  " OLD.category_id IS NOT NEW.category_id OR OLD.priority IS NOT NEW.priority OR"
  " OLD.first_response_at IS NOT NEW.first_response_at OR OLD.resolved_at IS NOT NEW.resolved_at"
  " OR OLD.resolved_first_contact IS NOT NEW.resolved_first_contact OR OLD.escalated IS NOT"
  " NEW.escalated OR OLD.talk_min IS NOT NEW.talk_min OR OLD.hold_min IS NOT NEW.hold_min OR"
  " OLD.wrap_min IS NOT NEW.wrap_min OR OLD.complaint IS NOT NEW.complaint) OR OLD.fr_open IS"
  " NOT NEW.fr_open OR OLD.res_open IS NOT NEW.res_open) BEGIN UPDATE kpi_months SET n = n - 1,"
  " complaints = complaints - OLD.complaint, repeats = repeats - OLD.is_repeat, fcr_ok = fcr_ok"
  " - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND OLD.escalated = 0 AND"
  " OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n = fr_n -"
  " (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum - coalesce((OLD.first_response_at -"
  " OLD.received_at), 0), fr_sq = fr_sq - coalesce((OLD.first_response_at - OLD.received_at) *"
  " CAST((OLD.first_response_at - OLD.received_at) AS REAL), 0.0), res_n = res_n -"
  " (OLD.resolved_at IS NOT NULL), res_sum = res_sum - coalesce((OLD.resolved_at -"
  " OLD.received_at), 0), res_sq = res_sq - coalesce((OLD.resolved_at - OLD.received_at) *"
  " CAST((OLD.resolved_at - OLD.received_at) AS REAL), 0.0), handle_n = handle_n - (OLD.talk_min"
  " IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL), handle_sum ="
  " handle_sum - min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) +"
  " coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq - (min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15) * min(coalesce(OLD.talk_min, 0)"
  " + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15)), sla_within = sla_within -"
  " (OLD.first_response_at IS NOT NULL AND (OLD.first_response_at - OLD.received_at) <= (60 *"
  " coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key = 'benchmark.sla-target.' ||"
  " OLD.priority),  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal'"
  " THEN 1440  ELSE 4320 END))), unanswered = unanswered - (OLD.first_response_at IS NULL),"
  " no_customer = no_customer - (OLD.customer_id IS NULL), no_outcome = no_outcome -"
  " (OLD.resolved_at IS NULL AND OLD.escalated = 0), incomplete = incomplete -"
  " (OLD.first_response_at IS NULL OR OLD.customer_id IS NULL OR (OLD.resolved_at IS NULL AND"
  " OLD.escalated = 0) OR NOT (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL OR"
  " OLD.wrap_min IS NOT NULL)), ofr_sum = ofr_sum - coalesce(OLD.fr_open, 0), ofr_sq = ofr_sq -"
  " coalesce(OLD.fr_open * CAST(OLD.fr_open AS REAL), 0.0), ores_sum = ores_sum -"
  " coalesce(OLD.res_open, 0), ores_sq = ores_sq - coalesce(OLD.res_open * CAST(OLD.res_open AS"
  " REAL), 0.0), osla_within = osla_within - (OLD.fr_open IS NOT NULL AND OLD.fr_open <= (60 *"
  " coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key = 'benchmark.sla-target.' ||"
  " OLD.priority),  CASE OLD.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal'"
  " THEN 1440  ELSE 4320 END))) WHERE month = (((OLD.received_at - ((OLD.received_at % 86400) +"
  " 86400) % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at %"
  " 86400) + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS"
  " INTEGER)) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0);"
  "DELETE FROM kpi_months WHERE month = (((OLD.received_at - ((OLD.received_at % 86400) + 86400)"
  " % 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at % 86400)"
  " + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER))"
  " AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;"
  "INSERT INTO kpi_months (month, agent_id, channel, category_id, n, complaints, repeats,"
  " fcr_ok, escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum,"
  " handle_sq, sla_within, unanswered, no_customer, no_outcome, incomplete, ofr_sum, ofr_sq,"
  " ores_sum, ores_sq, osla_within) VALUES ((((NEW.received_at - ((NEW.received_at % 86400) +"
  " 86400) % 86400) / 86400) + 1 - CAST(strftime('%d', ((((NEW.received_at - ((NEW.received_at %"
  " 86400) + 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS"
  " INTEGER)), NEW.agent_id, NEW.channel, coalesce(NEW.category_id, 0), 1, NEW.complaint,"
  " NEW.is_repeat, (NEW.is_repeat = 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0"
  " AND NEW.followed_up = 0), NEW.escalated, (NEW.first_response_at IS NOT NULL),"
  " coalesce((NEW.first_response_at - NEW.received_at), 0), coalesce((NEW.first_response_at -"
  " NEW.received_at) * CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0),"
  " (NEW.resolved_at IS NOT NULL), coalesce((NEW.resolved_at - NEW.received_at), 0),"
  " coalesce((NEW.resolved_at - NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS"
  " REAL), 0.0), (NEW.talk_min IS NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT"
  " NULL), min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0)"
  " + coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * coalesce((SELECT CAST(value AS REAL) FROM"
  " settings  WHERE key = 'benchmark.sla-target.' || NEW.priority),  CASE NEW.priority WHEN"
  " 'urgent' THEN 60 WHEN 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE 4320 END))),"
  " (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL), (NEW.resolved_at IS NULL AND"
  " NEW.escalated = 0), (NEW.first_response_at IS NULL OR NEW.customer_id IS NULL OR"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT (NEW.talk_min IS NOT NULL OR"
  " NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL)), coalesce(NEW.fr_open, 0),"
  " coalesce(NEW.fr_open * CAST(NEW.fr_open AS REAL), 0.0), coalesce(NEW.res_open, 0),"
  " coalesce(NEW.res_open * CAST(NEW.res_open AS REAL), 0.0), (NEW.fr_open IS NOT NULL AND"
  " NEW.fr_open <= (60 * coalesce((SELECT CAST(value AS REAL) FROM settings  WHERE key ="
  " 'benchmark.sla-target.' || NEW.priority),  CASE NEW.priority WHEN 'urgent' THEN 60 WHEN"
  " 'high' THEN 240 WHEN 'normal' THEN 1440  ELSE 4320 END)))) ON CONFLICT (month, agent_id,"
  " channel, category_id) DO UPDATE SET n = n + 1, complaints = complaints +"
  " excluded.complaints, repeats = repeats + excluded.repeats, fcr_ok = fcr_ok +"
  " excluded.fcr_ok, escalated = escalated + excluded.escalated, fr_n = fr_n + excluded.fr_n,"
  " fr_sum = fr_sum + excluded.fr_sum, fr_sq = fr_sq + excluded.fr_sq, res_n = res_n +"
  " excluded.res_n, res_sum = res_sum + excluded.res_sum, res_sq = res_sq + excluded.res_sq,"
  " handle_n = handle_n + excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum,"
  " handle_sq = handle_sq + excluded.handle_sq, sla_within = sla_within + excluded.sla_within,"
  " unanswered = unanswered + excluded.unanswered, no_customer = no_customer +"
  " excluded.no_customer, no_outcome = no_outcome + excluded.no_outcome, incomplete = incomplete"
  " + excluded.incomplete, ofr_sum = ofr_sum + excluded.ofr_sum, ofr_sq = ofr_sq +"
  " excluded.ofr_sq, ores_sum = ores_sum + excluded.ores_sum, ores_sq = ores_sq +"
  " excluded.ores_sq, osla_within = osla_within + excluded.osla_within;"
  " END;"
  "CREATE TRIGGER contacts_kpi_flags AFTER UPDATE OF is_repeat, followed_up ON contacts WHEN NOT"
  " ((OLD.received_at IS NOT NEW.received_at OR OLD.channel IS NOT NEW.channel OR OLD.agent_id"
  " IS NOT NEW.agent_id OR OLD.customer_id IS NOT NEW.customer_id OR OLD.category_id IS NOT"
  " NEW.category_id OR OLD.priority IS NOT NEW.priority OR OLD.first_response_at IS NOT"
  " NEW.first_response_at OR OLD.resolved_at IS NOT NEW.resolved_at OR"
  " OLD.resolved_first_contact IS NOT NEW.resolved_first_contact OR OLD.escalated IS NOT"
  " NEW.escalated OR OLD.talk_min IS NOT NEW.talk_min OR OLD.hold_min IS NOT NEW.hold_min OR"
  " OLD.wrap_min IS NOT NEW.wrap_min OR OLD.complaint IS NOT NEW.complaint) OR OLD.fr_open IS"
  " NOT NEW.fr_open OR OLD.res_open IS NOT NEW.res_open) AND (OLD.is_repeat IS NOT NEW.is_repeat"
  " OR OLD.followed_up IS NOT NEW.followed_up) BEGIN UPDATE kpi_days SET repeats = repeats +"
  " NEW.is_repeat - OLD.is_repeat, fcr_ok = fcr_ok + (NEW.is_repeat = 0 AND"
  " NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND NEW.followed_up = 0) -"
  " (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND OLD.escalated = 0 AND"
  " OLD.followed_up = 0) WHERE day = ((NEW.received_at - ((NEW.received_at % 86400) + 86400) %"
  " 86400) / 86400) AND agent_id = NEW.agent_id AND channel = NEW.channel AND category_id ="
  " coalesce(NEW.category_id, 0);"
  "UPDATE kpi_months SET repeats = repeats + NEW.is_repeat - OLD.is_repeat, fcr_ok = fcr_ok +"
  " (NEW.is_repeat = 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND"
  " NEW.followed_up = 0) - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND"
  " OLD.escalated = 0 AND OLD.followed_up = 0) WHERE month = (((NEW.received_at -"
  " ((NEW.received_at % 86400) + 86400) % 86400) / 86400) + 1 - CAST(strftime('%d',"
  " ((((NEW.received_at - ((NEW.received_at % 86400) + 86400) % 86400) / 86400) % 146097) +"
  " 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)) AND agent_id = NEW.agent_id AND channel"
  " = NEW.channel AND category_id = coalesce(NEW.category_id, 0);"
  " END;";

/*
 * 7: the SLA targets in a table of their own, which the triggers read.
 * The store fills it at every open (sp-store-sla.c) from the owner's
 * targets and data/benchmarks.ini, so the totals, the KPI engine and the
 * workbook count "answered within target" against the same minutes.
 */
static const char migration_7[] =
  "CREATE TABLE sla_targets (  priority TEXT PRIMARY KEY CHECK (priority IN ('urgent', 'high',"
  " 'normal', 'low')),  minutes  REAL NOT NULL CHECK (minutes > 0)) WITHOUT ROWID;"
  "DROP TRIGGER contacts_kpi_insert;"
  "DROP TRIGGER contacts_kpi_delete;"
  "DROP TRIGGER contacts_kpi_update;"
  "DROP TRIGGER contacts_kpi_months_insert;"
  "DROP TRIGGER contacts_kpi_months_delete;"
  "DROP TRIGGER contacts_kpi_months_update;"
  "CREATE TRIGGER contacts_kpi_insert AFTER INSERT ON contacts BEGIN INSERT INTO kpi_days (day,"
  " agent_id, channel, category_id, n, complaints, repeats, fcr_ok, escalated, fr_n, fr_sum,"
  " fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum, handle_sq, sla_within, unanswered,"
  " no_customer, no_outcome, incomplete, ofr_sum, ofr_sq, ores_sum, ores_sq, osla_within) VALUES"
  " (((NEW.received_at - ((NEW.received_at % 86400) + 86400) % 86400) / 86400), NEW.agent_id,"
  " NEW.channel, coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat, (NEW.is_repeat ="
  " 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND NEW.followed_up = 0),"
  " NEW.escalated, (NEW.first_response_at IS NOT NULL), coalesce((NEW.first_response_at -"
  " NEW.received_at), 0), coalesce((NEW.first_response_at - NEW.received_at) *"
  " CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0), (NEW.resolved_at IS NOT"
  " NULL), coalesce((NEW.resolved_at - NEW.received_at), 0), coalesce((NEW.resolved_at -"
  " NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS REAL), 0.0), (NEW.talk_min IS"
  " NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL),"
  " min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min, 0),"
  " 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * (SELECT minutes FROM sla_targets WHERE"
  " priority = NEW.priority))), (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL),"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0), (NEW.first_response_at IS NULL OR"
  " NEW.customer_id IS NULL OR (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT"
  " (NEW.talk_min IS NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL)),"
  " coalesce(NEW.fr_open, 0), coalesce(NEW.fr_open * CAST(NEW.fr_open AS REAL), 0.0),"
  " coalesce(NEW.res_open, 0), coalesce(NEW.res_open * CAST(NEW.res_open AS REAL), 0.0),"
  " (NEW.fr_open IS NOT NULL AND NEW.fr_open <= (60 * (SELECT minutes FROM sla_targets WHERE"
  " priority = NEW.priority)))) ON CONFLICT (day, agent_id, channel, category_id) DO UPDATE SET"
  " n = n + 1, complaints = complaints + excluded.complaints, repeats = repeats +"
  " excluded.repeats, fcr_ok = fcr_ok + excluded.fcr_ok, escalated = escalated +"
  " excluded.escalated, fr_n = fr_n + excluded.fr_n, fr_sum = fr_sum + excluded.fr_sum, fr_sq ="
  " fr_sq + excluded.fr_sq, res_n = res_n + excluded.res_n, res_sum = res_sum +"
  " excluded.res_sum, res_sq = res_sq + excluded.res_sq, handle_n = handle_n +"
  " excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum, handle_sq = handle_sq +"
  " excluded.handle_sq, sla_within = sla_within + excluded.sla_within, unanswered = unanswered +"
  " excluded.unanswered, no_customer = no_customer + excluded.no_customer, no_outcome ="
  " no_outcome + excluded.no_outcome, incomplete = incomplete + excluded.incomplete, ofr_sum ="
  " ofr_sum + excluded.ofr_sum, ofr_sq = ofr_sq + excluded.ofr_sq, ores_sum = ores_sum +"
  " excluded.ores_sum, ores_sq = ores_sq + excluded.ores_sq, osla_within = osla_within +"
  " excluded.osla_within; END;"
  "CREATE TRIGGER contacts_kpi_delete AFTER DELETE ON contacts BEGIN UPDATE kpi_days SET n = n -"
  " 1, complaints = complaints - OLD.complaint, repeats = repeats - OLD.is_repeat, fcr_ok ="
  " fcr_ok - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND OLD.escalated = 0 AND"
  " OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n = fr_n -"
  " (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum - coalesce((OLD.first_response_at -"
  " OLD.received_at), 0), fr_sq = fr_sq - coalesce((OLD.first_response_at - OLD.received_at) *"
  " CAST((OLD.first_response_at - OLD.received_at) AS REAL), 0.0), res_n = res_n -"
  " (OLD.resolved_at IS NOT NULL), res_sum = res_sum - coalesce((OLD.resolved_at -"
  " OLD.received_at), 0), res_sq = res_sq - coalesce((OLD.resolved_at - OLD.received_at) *"
  " CAST((OLD.resolved_at - OLD.received_at) AS REAL), 0.0), handle_n = handle_n - (OLD.talk_min"
  " IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL), handle_sum ="
  " handle_sum - min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) +"
  " coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq - (min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15) * min(coalesce(OLD.talk_min, 0)"
  " + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15)), sla_within = sla_within -"
  " (OLD.first_response_at IS NOT NULL AND (OLD.first_response_at - OLD.received_at) <= (60 *"
  " (SELECT minutes FROM sla_targets WHERE priority = OLD.priority))), unanswered = unanswered -"
  " (OLD.first_response_at IS NULL), no_customer = no_customer - (OLD.customer_id IS NULL),"
  " no_outcome = no_outcome - (OLD.resolved_at IS NULL AND OLD.escalated = 0), incomplete ="
  " incomplete - (OLD.first_response_at IS NULL OR OLD.customer_id IS NULL OR (OLD.resolved_at"
  " IS NULL AND OLD.escalated = 0) OR NOT (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL"
  " OR OLD.wrap_min IS NOT NULL)), ofr_sum = ofr_sum - coalesce(OLD.fr_open, 0), ofr_sq = ofr_sq"
  " - coalesce(OLD.fr_open * CAST(OLD.fr_open AS REAL), 0.0), ores_sum = ores_sum -"
  " coalesce(OLD.res_open, 0), ores_sq = ores_sq - coalesce(OLD.res_open * CAST(OLD.res_open AS"
  " REAL), 0.0), osla_within = osla_within - (OLD.fr_open IS NOT NULL AND OLD.fr_open <= (60 *"
  " (SELECT minutes FROM sla_targets WHERE priority = OLD.priority))) WHERE day ="
  " ((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) / 86400) AND agent_id ="
  " OLD.agent_id AND channel = OLD.channel AND category_id = coalesce(OLD.category_id, 0);DELETE"
  " FROM kpi_days WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) /"
  " 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0; END;"
  "CREATE TRIGGER contacts_kpi_update AFTER UPDATE OF received_at, channel, agent_id,"
  " customer_id, category_id, priority, first_response_at, resolved_at, resolved_first_contact,"
  " escalated, talk_min, hold_min, wrap_min, complaint, is_repeat, followed_up, fr_open,"
  " res_open ON contacts WHEN ((OLD.received_at IS NOT NEW.received_at OR OLD.channel IS NOT"
  " NEW.channel OR OLD.agent_id IS NOT NEW.agent_id OR OLD.customer_id IS NOT NEW.customer_id OR"
  " OLD.category_id IS NOT NEW.category_id OR OLD.priority IS NOT NEW.priority OR"
  " OLD.first_response_at IS NOT NEW.first_response_at OR OLD.resolved_at IS NOT NEW.resolved_at"
  " OR OLD.resolved_first_contact IS NOT NEW.resolved_first_contact OR OLD.escalated IS NOT"
  " NEW.escalated OR OLD.talk_min IS NOT NEW.talk_min OR OLD.hold_min IS NOT NEW.hold_min OR"
  " OLD.wrap_min IS NOT NEW.wrap_min OR OLD.complaint IS NOT NEW.complaint) OR OLD.fr_open IS"
  " NOT NEW.fr_open OR OLD.res_open IS NOT NEW.res_open) BEGIN UPDATE kpi_days SET n = n - 1,"
  " complaints = complaints - OLD.complaint, repeats = repeats - OLD.is_repeat, fcr_ok = fcr_ok"
  " - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND OLD.escalated = 0 AND"
  " OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n = fr_n -"
  " (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum - coalesce((OLD.first_response_at -"
  " OLD.received_at), 0), fr_sq = fr_sq - coalesce((OLD.first_response_at - OLD.received_at) *"
  " CAST((OLD.first_response_at - OLD.received_at) AS REAL), 0.0), res_n = res_n -"
  " (OLD.resolved_at IS NOT NULL), res_sum = res_sum - coalesce((OLD.resolved_at -"
  " OLD.received_at), 0), res_sq = res_sq - coalesce((OLD.resolved_at - OLD.received_at) *"
  " CAST((OLD.resolved_at - OLD.received_at) AS REAL), 0.0), handle_n = handle_n - (OLD.talk_min"
  " IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL), handle_sum ="
  " handle_sum - min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) +"
  " coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq - (min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15) * min(coalesce(OLD.talk_min, 0)"
  " + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15)), sla_within = sla_within -"
  " (OLD.first_response_at IS NOT NULL AND (OLD.first_response_at - OLD.received_at) <= (60 *"
  " (SELECT minutes FROM sla_targets WHERE priority = OLD.priority))), unanswered = unanswered -"
  " (OLD.first_response_at IS NULL), no_customer = no_customer - (OLD.customer_id IS NULL),"
  " no_outcome = no_outcome - (OLD.resolved_at IS NULL AND OLD.escalated = 0), incomplete ="
  " incomplete - (OLD.first_response_at IS NULL OR OLD.customer_id IS NULL OR (OLD.resolved_at"
  " IS NULL AND OLD.escalated = 0) OR NOT (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL"
  " OR OLD.wrap_min IS NOT NULL)), ofr_sum = ofr_sum - coalesce(OLD.fr_open, 0), ofr_sq = ofr_sq"
  " - coalesce(OLD.fr_open * CAST(OLD.fr_open AS REAL), 0.0), ores_sum = ores_sum -"
  " coalesce(OLD.res_open, 0), ores_sq = ores_sq - coalesce(OLD.res_open * CAST(OLD.res_open AS"
  " REAL), 0.0), osla_within = osla_within - (OLD.fr_open IS NOT NULL AND OLD.fr_open <= (60 *"
  " (SELECT minutes FROM sla_targets WHERE priority = OLD.priority))) WHERE day ="
  " ((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) / 86400) AND agent_id ="
  " OLD.agent_id AND channel = OLD.channel AND category_id = coalesce(OLD.category_id, 0);DELETE"
  " FROM kpi_days WHERE day = ((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) /"
  " 86400) AND agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;INSERT INTO kpi_days (day, agent_id, channel,"
  " category_id, n, complaints, repeats, fcr_ok, escalated, fr_n, fr_sum, fr_sq, res_n, res_sum,"
  " res_sq, handle_n, handle_sum, handle_sq, sla_within, unanswered, no_customer, no_outcome,"
  " incomplete, ofr_sum, ofr_sq, ores_sum, ores_sq, osla_within) VALUES (((NEW.received_at -"
  " ((NEW.received_at % 86400) + 86400) % 86400) / 86400), NEW.agent_id, NEW.channel,"
  " coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat, (NEW.is_repeat = 0 AND"
  " NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND NEW.followed_up = 0),"
  " NEW.escalated, (NEW.first_response_at IS NOT NULL), coalesce((NEW.first_response_at -"
  " NEW.received_at), 0), coalesce((NEW.first_response_at - NEW.received_at) *"
  " CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0), (NEW.resolved_at IS NOT"
  " NULL), coalesce((NEW.resolved_at - NEW.received_at), 0), coalesce((NEW.resolved_at -"
  " NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS REAL), 0.0), (NEW.talk_min IS"
  " NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL),"
  " min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min, 0),"
  " 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * (SELECT minutes FROM sla_targets WHERE"
  " priority = NEW.priority))), (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL),"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0), (NEW.first_response_at IS NULL OR"
  " NEW.customer_id IS NULL OR (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT"
  " (NEW.talk_min IS NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL)),"
  " coalesce(NEW.fr_open, 0), coalesce(NEW.fr_open * CAST(NEW.fr_open AS REAL), 0.0),"
  " coalesce(NEW.res_open, 0), coalesce(NEW.res_open * CAST(NEW.res_open AS REAL), 0.0),"
  " (NEW.fr_open IS NOT NULL AND NEW.fr_open <= (60 * (SELECT minutes FROM sla_targets WHERE"
  " priority = NEW.priority)))) ON CONFLICT (day, agent_id, channel, category_id) DO UPDATE SET"
  " n = n + 1, complaints = complaints + excluded.complaints, repeats = repeats +"
  " excluded.repeats, fcr_ok = fcr_ok + excluded.fcr_ok, escalated = escalated +"
  " excluded.escalated, fr_n = fr_n + excluded.fr_n, fr_sum = fr_sum + excluded.fr_sum, fr_sq ="
  " fr_sq + excluded.fr_sq, res_n = res_n + excluded.res_n, res_sum = res_sum +"
  " excluded.res_sum, res_sq = res_sq + excluded.res_sq, handle_n = handle_n +"
  " excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum, handle_sq = handle_sq +"
  " excluded.handle_sq, sla_within = sla_within + excluded.sla_within, unanswered = unanswered +"
  " excluded.unanswered, no_customer = no_customer + excluded.no_customer, no_outcome ="
  " no_outcome + excluded.no_outcome, incomplete = incomplete + excluded.incomplete, ofr_sum ="
  " ofr_sum + excluded.ofr_sum, ofr_sq = ofr_sq + excluded.ofr_sq, ores_sum = ores_sum +"
  " excluded.ores_sum, ores_sq = ores_sq + excluded.ores_sq, osla_within = osla_within +"
  " excluded.osla_within; END;"
  "CREATE TRIGGER contacts_kpi_months_insert AFTER INSERT ON contacts BEGIN INSERT INTO"
  " kpi_months (month, agent_id, channel, category_id, n, complaints, repeats, fcr_ok,"
  " escalated, fr_n, fr_sum, fr_sq, res_n, res_sum, res_sq, handle_n, handle_sum, handle_sq,"
  " sla_within, unanswered, no_customer, no_outcome, incomplete, ofr_sum, ofr_sq, ores_sum,"
  " ores_sq, osla_within) VALUES ((((NEW.received_at - ((NEW.received_at % 86400) + 86400) %"
  " 86400) / 86400) + 1 - CAST(strftime('%d', ((((NEW.received_at - ((NEW.received_at % 86400) +"
  " 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)),"
  " NEW.agent_id, NEW.channel, coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat,"
  " (NEW.is_repeat = 0 AND NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND"
  " NEW.followed_up = 0), NEW.escalated, (NEW.first_response_at IS NOT NULL),"
  " coalesce((NEW.first_response_at - NEW.received_at), 0), coalesce((NEW.first_response_at -"
  " NEW.received_at) * CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0),"
  " (NEW.resolved_at IS NOT NULL), coalesce((NEW.resolved_at - NEW.received_at), 0),"
  " coalesce((NEW.resolved_at - NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS"
  " REAL), 0.0), (NEW.talk_min IS NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT"
  " NULL), min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0)"
  " + coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * (SELECT minutes FROM sla_targets WHERE"
  " priority = NEW.priority))), (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL),"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0), (NEW.first_response_at IS NULL OR"
  " NEW.customer_id IS NULL OR (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT"
  " (NEW.talk_min IS NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL)),"
  " coalesce(NEW.fr_open, 0), coalesce(NEW.fr_open * CAST(NEW.fr_open AS REAL), 0.0),"
  " coalesce(NEW.res_open, 0), coalesce(NEW.res_open * CAST(NEW.res_open AS REAL), 0.0),"
  " (NEW.fr_open IS NOT NULL AND NEW.fr_open <= (60 * (SELECT minutes FROM sla_targets WHERE"
  " priority = NEW.priority)))) ON CONFLICT (month, agent_id, channel, category_id) DO UPDATE"
  " SET n = n + 1, complaints = complaints + excluded.complaints, repeats = repeats +"
  " excluded.repeats, fcr_ok = fcr_ok + excluded.fcr_ok, escalated = escalated +"
  " excluded.escalated, fr_n = fr_n + excluded.fr_n, fr_sum = fr_sum + excluded.fr_sum, fr_sq ="
  " fr_sq + excluded.fr_sq, res_n = res_n + excluded.res_n, res_sum = res_sum +"
  " excluded.res_sum, res_sq = res_sq + excluded.res_sq, handle_n = handle_n +"
  " excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum, handle_sq = handle_sq +"
  " excluded.handle_sq, sla_within = sla_within + excluded.sla_within, unanswered = unanswered +"
  " excluded.unanswered, no_customer = no_customer + excluded.no_customer, no_outcome ="
  " no_outcome + excluded.no_outcome, incomplete = incomplete + excluded.incomplete, ofr_sum ="
  " ofr_sum + excluded.ofr_sum, ofr_sq = ofr_sq + excluded.ofr_sq, ores_sum = ores_sum +"
  " excluded.ores_sum, ores_sq = ores_sq + excluded.ores_sq, osla_within = osla_within +"
  " excluded.osla_within; END;"
  "CREATE TRIGGER contacts_kpi_months_delete AFTER DELETE ON contacts BEGIN UPDATE kpi_months"
  " SET n = n - 1, complaints = complaints - OLD.complaint, repeats = repeats - OLD.is_repeat,"
  " fcr_ok = fcr_ok - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND OLD.escalated ="
  " 0 AND OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n = fr_n -"
  " (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum - coalesce((OLD.first_response_at -"
  " OLD.received_at), 0), fr_sq = fr_sq - coalesce((OLD.first_response_at - OLD.received_at) *"
  " CAST((OLD.first_response_at - OLD.received_at) AS REAL), 0.0), res_n = res_n -"
  " (OLD.resolved_at IS NOT NULL), res_sum = res_sum - coalesce((OLD.resolved_at -"
  " OLD.received_at), 0), res_sq = res_sq - coalesce((OLD.resolved_at - OLD.received_at) *"
  " CAST((OLD.resolved_at - OLD.received_at) AS REAL), 0.0), handle_n = handle_n - (OLD.talk_min"
  " IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL), handle_sum ="
  " handle_sum - min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) +"
  " coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq - (min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15) * min(coalesce(OLD.talk_min, 0)"
  " + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15)), sla_within = sla_within -"
  " (OLD.first_response_at IS NOT NULL AND (OLD.first_response_at - OLD.received_at) <= (60 *"
  " (SELECT minutes FROM sla_targets WHERE priority = OLD.priority))), unanswered = unanswered -"
  " (OLD.first_response_at IS NULL), no_customer = no_customer - (OLD.customer_id IS NULL),"
  " no_outcome = no_outcome - (OLD.resolved_at IS NULL AND OLD.escalated = 0), incomplete ="
  " incomplete - (OLD.first_response_at IS NULL OR OLD.customer_id IS NULL OR (OLD.resolved_at"
  " IS NULL AND OLD.escalated = 0) OR NOT (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL"
  " OR OLD.wrap_min IS NOT NULL)), ofr_sum = ofr_sum - coalesce(OLD.fr_open, 0), ofr_sq = ofr_sq"
  " - coalesce(OLD.fr_open * CAST(OLD.fr_open AS REAL), 0.0), ores_sum = ores_sum -"
  " coalesce(OLD.res_open, 0), ores_sq = ores_sq - coalesce(OLD.res_open * CAST(OLD.res_open AS"
  " REAL), 0.0), osla_within = osla_within - (OLD.fr_open IS NOT NULL AND OLD.fr_open <= (60 *"
  " (SELECT minutes FROM sla_targets WHERE priority = OLD.priority))) WHERE month ="
  " (((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) / 86400) + 1 -"
  " CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) /"
  " 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)) AND agent_id ="
  " OLD.agent_id AND channel = OLD.channel AND category_id = coalesce(OLD.category_id, 0);DELETE"
  " FROM kpi_months WHERE month = (((OLD.received_at - ((OLD.received_at % 86400) + 86400) %"
  " 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at % 86400) +"
  " 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)) AND"
  " agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0; END;"
  "CREATE TRIGGER contacts_kpi_months_update AFTER UPDATE OF received_at, channel, agent_id,"
  " customer_id, category_id, priority, first_response_at, resolved_at, resolved_first_contact,"
  " escalated, talk_min, hold_min, wrap_min, complaint, is_repeat, followed_up, fr_open,"
  " res_open ON contacts WHEN ((OLD.received_at IS NOT NEW.received_at OR OLD.channel IS NOT"
  " NEW.channel OR OLD.agent_id IS NOT NEW.agent_id OR OLD.customer_id IS NOT NEW.customer_id OR"
  " OLD.category_id IS NOT NEW.category_id OR OLD.priority IS NOT NEW.priority OR"
  " OLD.first_response_at IS NOT NEW.first_response_at OR OLD.resolved_at IS NOT NEW.resolved_at"
  " OR OLD.resolved_first_contact IS NOT NEW.resolved_first_contact OR OLD.escalated IS NOT"
  " NEW.escalated OR OLD.talk_min IS NOT NEW.talk_min OR OLD.hold_min IS NOT NEW.hold_min OR"
  " OLD.wrap_min IS NOT NEW.wrap_min OR OLD.complaint IS NOT NEW.complaint) OR OLD.fr_open IS"
  " NOT NEW.fr_open OR OLD.res_open IS NOT NEW.res_open) BEGIN UPDATE kpi_months SET n = n - 1,"
  " complaints = complaints - OLD.complaint, repeats = repeats - OLD.is_repeat, fcr_ok = fcr_ok"
  " - (OLD.is_repeat = 0 AND OLD.resolved_first_contact = 1 AND OLD.escalated = 0 AND"
  " OLD.followed_up = 0), escalated = escalated - OLD.escalated, fr_n = fr_n -"
  " (OLD.first_response_at IS NOT NULL), fr_sum = fr_sum - coalesce((OLD.first_response_at -"
  " OLD.received_at), 0), fr_sq = fr_sq - coalesce((OLD.first_response_at - OLD.received_at) *"
  " CAST((OLD.first_response_at - OLD.received_at) AS REAL), 0.0), res_n = res_n -"
  " (OLD.resolved_at IS NOT NULL), res_sum = res_sum - coalesce((OLD.resolved_at -"
  " OLD.received_at), 0), res_sq = res_sq - coalesce((OLD.resolved_at - OLD.received_at) *"
  " CAST((OLD.resolved_at - OLD.received_at) AS REAL), 0.0), handle_n = handle_n - (OLD.talk_min"
  " IS NOT NULL OR OLD.hold_min IS NOT NULL OR OLD.wrap_min IS NOT NULL), handle_sum ="
  " handle_sum - min(coalesce(OLD.talk_min, 0) + coalesce(OLD.hold_min, 0) +"
  " coalesce(OLD.wrap_min, 0), 1e15), handle_sq = handle_sq - (min(coalesce(OLD.talk_min, 0) +"
  " coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15) * min(coalesce(OLD.talk_min, 0)"
  " + coalesce(OLD.hold_min, 0) + coalesce(OLD.wrap_min, 0), 1e15)), sla_within = sla_within -"
  " (OLD.first_response_at IS NOT NULL AND (OLD.first_response_at - OLD.received_at) <= (60 *"
  " (SELECT minutes FROM sla_targets WHERE priority = OLD.priority))), unanswered = unanswered -"
  " (OLD.first_response_at IS NULL), no_customer = no_customer - (OLD.customer_id IS NULL),"
  " no_outcome = no_outcome - (OLD.resolved_at IS NULL AND OLD.escalated = 0), incomplete ="
  " incomplete - (OLD.first_response_at IS NULL OR OLD.customer_id IS NULL OR (OLD.resolved_at"
  " IS NULL AND OLD.escalated = 0) OR NOT (OLD.talk_min IS NOT NULL OR OLD.hold_min IS NOT NULL"
  " OR OLD.wrap_min IS NOT NULL)), ofr_sum = ofr_sum - coalesce(OLD.fr_open, 0), ofr_sq = ofr_sq"
  " - coalesce(OLD.fr_open * CAST(OLD.fr_open AS REAL), 0.0), ores_sum = ores_sum -"
  " coalesce(OLD.res_open, 0), ores_sq = ores_sq - coalesce(OLD.res_open * CAST(OLD.res_open AS"
  " REAL), 0.0), osla_within = osla_within - (OLD.fr_open IS NOT NULL AND OLD.fr_open <= (60 *"
  " (SELECT minutes FROM sla_targets WHERE priority = OLD.priority))) WHERE month ="
  " (((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) / 86400) + 1 -"
  " CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at % 86400) + 86400) % 86400) /"
  " 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)) AND agent_id ="
  " OLD.agent_id AND channel = OLD.channel AND category_id = coalesce(OLD.category_id, 0);DELETE"
  " FROM kpi_months WHERE month = (((OLD.received_at - ((OLD.received_at % 86400) + 86400) %"
  " 86400) / 86400) + 1 - CAST(strftime('%d', ((((OLD.received_at - ((OLD.received_at % 86400) +"
  " 86400) % 86400) / 86400) % 146097) + 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)) AND"
  " agent_id = OLD.agent_id AND channel = OLD.channel AND category_id ="
  " coalesce(OLD.category_id, 0) AND n <= 0;INSERT INTO kpi_months (month, agent_id, channel,"
  " category_id, n, complaints, repeats, fcr_ok, escalated, fr_n, fr_sum, fr_sq, res_n, res_sum,"
  " res_sq, handle_n, handle_sum, handle_sq, sla_within, unanswered, no_customer, no_outcome,"
  " incomplete, ofr_sum, ofr_sq, ores_sum, ores_sq, osla_within) VALUES ((((NEW.received_at -"
  " ((NEW.received_at % 86400) + 86400) % 86400) / 86400) + 1 - CAST(strftime('%d',"
  " ((((NEW.received_at - ((NEW.received_at % 86400) + 86400) % 86400) / 86400) % 146097) +"
  " 146097) % 146097 * 86400, 'unixepoch') AS INTEGER)), NEW.agent_id, NEW.channel,"
  " coalesce(NEW.category_id, 0), 1, NEW.complaint, NEW.is_repeat, (NEW.is_repeat = 0 AND"
  " NEW.resolved_first_contact = 1 AND NEW.escalated = 0 AND NEW.followed_up = 0),"
  " NEW.escalated, (NEW.first_response_at IS NOT NULL), coalesce((NEW.first_response_at -"
  " NEW.received_at), 0), coalesce((NEW.first_response_at - NEW.received_at) *"
  " CAST((NEW.first_response_at - NEW.received_at) AS REAL), 0.0), (NEW.resolved_at IS NOT"
  " NULL), coalesce((NEW.resolved_at - NEW.received_at), 0), coalesce((NEW.resolved_at -"
  " NEW.received_at) * CAST((NEW.resolved_at - NEW.received_at) AS REAL), 0.0), (NEW.talk_min IS"
  " NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL),"
  " min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min, 0),"
  " 1e15), (min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) + coalesce(NEW.wrap_min,"
  " 0), 1e15) * min(coalesce(NEW.talk_min, 0) + coalesce(NEW.hold_min, 0) +"
  " coalesce(NEW.wrap_min, 0), 1e15)), (NEW.first_response_at IS NOT NULL AND"
  " (NEW.first_response_at - NEW.received_at) <= (60 * (SELECT minutes FROM sla_targets WHERE"
  " priority = NEW.priority))), (NEW.first_response_at IS NULL), (NEW.customer_id IS NULL),"
  " (NEW.resolved_at IS NULL AND NEW.escalated = 0), (NEW.first_response_at IS NULL OR"
  " NEW.customer_id IS NULL OR (NEW.resolved_at IS NULL AND NEW.escalated = 0) OR NOT"
  " (NEW.talk_min IS NOT NULL OR NEW.hold_min IS NOT NULL OR NEW.wrap_min IS NOT NULL)),"
  " coalesce(NEW.fr_open, 0), coalesce(NEW.fr_open * CAST(NEW.fr_open AS REAL), 0.0),"
  " coalesce(NEW.res_open, 0), coalesce(NEW.res_open * CAST(NEW.res_open AS REAL), 0.0),"
  " (NEW.fr_open IS NOT NULL AND NEW.fr_open <= (60 * (SELECT minutes FROM sla_targets WHERE"
  " priority = NEW.priority)))) ON CONFLICT (month, agent_id, channel, category_id) DO UPDATE"
  " SET n = n + 1, complaints = complaints + excluded.complaints, repeats = repeats +"
  " excluded.repeats, fcr_ok = fcr_ok + excluded.fcr_ok, escalated = escalated +"
  " excluded.escalated, fr_n = fr_n + excluded.fr_n, fr_sum = fr_sum + excluded.fr_sum, fr_sq ="
  " fr_sq + excluded.fr_sq, res_n = res_n + excluded.res_n, res_sum = res_sum +"
  " excluded.res_sum, res_sq = res_sq + excluded.res_sq, handle_n = handle_n +"
  " excluded.handle_n, handle_sum = handle_sum + excluded.handle_sum, handle_sq = handle_sq +"
  " excluded.handle_sq, sla_within = sla_within + excluded.sla_within, unanswered = unanswered +"
  " excluded.unanswered, no_customer = no_customer + excluded.no_customer, no_outcome ="
  " no_outcome + excluded.no_outcome, incomplete = incomplete + excluded.incomplete, ofr_sum ="
  " ofr_sum + excluded.ofr_sum, ofr_sq = ofr_sq + excluded.ofr_sq, ores_sum = ores_sum +"
  " excluded.ores_sum, ores_sq = ores_sq + excluded.ores_sq, osla_within = osla_within +"
  " excluded.osla_within; END;";

/*
 * 8: the revision of each contact, survey answer and shift, which the store
 * raises when a person saves the record (never in a trigger: the store's
 * own updates of flags and business durations are no one's edit), so that
 * saving a record someone else changed since it was read is refused.
 */
static const char migration_8[] =
  "ALTER TABLE contacts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE surveys ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE shifts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;";

/* The day totals, and the month totals once migration 5 has made them,
 * with the business durations once migration 6 has */
static gboolean
rebuild_kpi_days (SpStore  *self,
                  gboolean  months,
                  GError  **error)
{
  gboolean open = self->version >= SP_STORE_HOURS_MIGRATION;

  if (!sp_store_exec (self, open ? "DELETE FROM kpi_days;" KO_FILL
                                 : "DELETE FROM kpi_days;" KD_FILL, error) ||
      !sp_store_exec (self, "DELETE FROM survey_days;" SD_FILL, error))
    return FALSE;

  return !months ||
         (sp_store_exec (self, open ? "DELETE FROM kpi_months;" KOM_FILL
                                    : "DELETE FROM kpi_months;" KM_FILL, error) &&
          sp_store_exec (self, "DELETE FROM survey_months;" SM_FILL, error));
}

/*
 * The business sums of the contacts' day and month totals from the month
 * of @from on, after the business durations of those contacts changed.
 * Only those five columns change: the rows, their counts and clock sums
 * (exact, kept by the triggers) stay, and earlier months are not read.
 */
#define KO_OPEN_SUM_AS(col, expr) ", sum(" expr ") AS " col
#define KO_OPEN_SET(col, expr) col " = s." col ","
#define KO_OPEN_SUM_COLUMN_AS(col, expr) ", sum(" col ") AS " col

static gboolean
run_bound (SpStore  *self,
           SpStmt   *stmt,
           gint64    a,
           gint64    b,
           GError  **error)
{
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  return sp_store_step (self, stmt, error) == SP_STEP_DONE;
}

gboolean
sp_store_rebuild_contact_totals_from (SpStore  *self,
                                      SpDate    from,
                                      GError  **error)
{
  SpStmt *days = NULL, *months = NULL, *last = NULL;
  SpDate month = sp_date_month_start (from);
  SpDate end;
  gboolean ok = TRUE;

  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->version >= SP_STORE_HOURS_MIGRATION, FALSE);

  /* a month of contacts at a time: each groups its own in memory */
  days = sp_store_prepare_uncached (self,
    "UPDATE kpi_days SET " KO_OPEN_FIELDS (KO_OPEN_SET, "c") " n = kpi_days.n"
    " FROM (SELECT " KD_DAY ("c") " AS day, c.agent_id AS agent_id, c.channel AS channel,"
    "  coalesce(c.category_id, 0) AS category_id" KO_OPEN_FIELDS (KO_OPEN_SUM_AS, "c")
    "  FROM contacts AS c WHERE c.received_at >= ?1 AND c.received_at < ?2"
    "  GROUP BY 1, 2, 3, 4) AS s"
    " WHERE kpi_days.day = s.day AND kpi_days.agent_id = s.agent_id"
    "  AND kpi_days.channel = s.channel AND kpi_days.category_id = s.category_id", error);
  months = sp_store_prepare_uncached (self,
    "UPDATE kpi_months SET " KO_OPEN_FIELDS (KO_OPEN_SET, "r") " n = kpi_months.n"
    " FROM (SELECT " KM_MONTH_OF ("r.day") " AS month, r.agent_id AS agent_id,"
    "  r.channel AS channel, r.category_id AS category_id"
    KO_OPEN_FIELDS (KO_OPEN_SUM_COLUMN_AS, "r")
    "  FROM kpi_days AS r WHERE r.day >= ?1 AND r.day < ?2 GROUP BY 1, 2, 3, 4) AS s"
    " WHERE kpi_months.month = s.month AND kpi_months.agent_id = s.agent_id"
    "  AND kpi_months.channel = s.channel AND kpi_months.category_id = s.category_id", error);
  last = sp_store_prepare_uncached (self, "SELECT max(received_at) FROM contacts", error);
  if (days == NULL || months == NULL || last == NULL ||
      sp_store_step (self, last, error) != SP_STEP_ROW)
    {
      ok = FALSE;
      goto out;
    }
  end = sqlite3_column_type (last, 0) == SQLITE_NULL
        ? month - 1 : sp_time_to_date (sqlite3_column_int64 (last, 0));

  for (SpDate m = month; ok && m <= end; m = sp_date_month_end (m) + 1)
    ok = run_bound (self, days, sp_date_to_time (m), sp_date_to_time (sp_date_month_end (m) + 1),
                    error);
  ok = ok && run_bound (self, months, month, G_MAXINT32, error);

out:
  g_clear_pointer (&days, sqlite3_finalize);
  g_clear_pointer (&months, sqlite3_finalize);
  g_clear_pointer (&last, sqlite3_finalize);
  return ok;
}

/**
 * sp_store_rebuild_kpi_days:
 *
 * Recomputes the day and month totals from the contacts and survey
 * answers, in the caller's transaction: after the SLA targets change, and
 * for repairs.
 */
gboolean
sp_store_rebuild_kpi_days (SpStore  *self,
                           GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  return rebuild_kpi_days (self, self->version >= 5, error);
}

/**
 * sp_store_rebuild_totals:
 *
 * Recomputes every total the triggers keep (the day and month totals,
 * the contacts by hour and by day resolved) from the records, in the
 * caller's transaction: for repairs.
 */
gboolean
sp_store_rebuild_totals (SpStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);

  return sp_store_rebuild_kpi_days (self, error) &&
         sp_store_exec (self,
                        "DELETE FROM contact_hours;" KH_FILL
                        "DELETE FROM resolved_days; DELETE FROM resolved_months;" RD_FILL,
                        error);
}

/* Drops the schema objects @select names (name, sql), keeping what puts them back */
static gboolean
drop_schema_objects (SpStore     *self,
                     const char  *kind,
                     const char  *select,
                     GPtrArray  **saved_out,
                     GError     **error)
{
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SpStmt) stmt = NULL;
  SpStep step;

  stmt = sp_store_prepare_uncached (self, select, error);
  if (stmt == NULL)
    return FALSE;

  while ((step = sp_store_step (self, stmt, error)) == SP_STEP_ROW)
    {
      g_ptr_array_add (saved, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (saved, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (g_steal_pointer (&stmt));

  if (step == SP_STEP_ERROR)
    return FALSE;

  for (guint i = 0; i < saved->len; i += 2)
    {
      g_autoptr(GString) drop = g_string_new ("DROP ");

      /* a name from the schema itself, quoted as an identifier */
      g_string_append_printf (drop, "%s \"", kind);
      for (const char *c = saved->pdata[i]; *c; c++)
        {
          if (*c == '"')
            g_string_append_c (drop, '"');
          g_string_append_c (drop, *c);
        }
      g_string_append_c (drop, '"');

      if (!sp_store_exec (self, drop->str, error))
        return FALSE;
    }

  /* statements prepared against the old schema are prepared again on use */
  *saved_out = g_steal_pointer (&saved);
  return TRUE;
}

/* Puts back what drop_schema_objects() dropped, exactly as it was */
static gboolean
restore_schema_objects (SpStore    *self,
                        GPtrArray  *saved,
                        GError    **error)
{
  for (guint i = 0; i + 1 < saved->len; i += 2)
    {
      if (!sp_store_exec (self, saved->pdata[i + 1], error))
        return FALSE;
    }

  return TRUE;
}

/**
 * sp_store_suspend_totals:
 * @triggers: (out): what sp_store_resume_totals() needs to put them back
 *
 * For loading many records at once, inside the caller's transaction: drops
 * the triggers that keep the totals, so rows go in without them.  Call
 * sp_store_resume_totals() before committing; it recomputes every total
 * once and puts the triggers back exactly as they were.  A rollback puts
 * them back too, since SQLite's schema changes are transactional.
 */
gboolean
sp_store_suspend_totals (SpStore     *self,
                         GPtrArray  **triggers,
                         GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  return drop_schema_objects (self, "TRIGGER",
                              "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
                              " AND tbl_name IN ('contacts', 'surveys') ORDER BY rowid",
                              triggers, error);
}

gboolean
sp_store_resume_totals (SpStore    *self,
                        GPtrArray  *triggers,
                        GError    **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (triggers != NULL, FALSE);

  return sp_store_rebuild_totals (self, error) && restore_schema_objects (self, triggers, error);
}

/**
 * sp_store_suspend_indexes:
 * @indexes: (out): what sp_store_resume_indexes() needs to put them back
 *
 * For copying many records into an empty shop, where nothing is looked up
 * while they go in: drops the indexes of contacts and survey answers that
 * are not part of a key, inside the caller's transaction.  Building them
 * once afterwards, with sp_store_resume_indexes(), sorts each once rather
 * than placing every row in it.
 */
gboolean
sp_store_suspend_indexes (SpStore     *self,
                          GPtrArray  **indexes,
                          GError     **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  return drop_schema_objects (self, "INDEX",
                              "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                              " AND sql IS NOT NULL AND tbl_name IN ('contacts', 'surveys')"
                              " ORDER BY rowid",
                              indexes, error);
}

gboolean
sp_store_resume_indexes (SpStore    *self,
                         GPtrArray  *indexes,
                         GError    **error)
{
  g_return_val_if_fail (SP_IS_STORE (self), FALSE);
  g_return_val_if_fail (indexes != NULL, FALSE);

  return restore_schema_objects (self, indexes, error);
}

typedef struct
{
  int         version;
  const char *sql;
} Migration;

static const Migration migrations[] = {
  { 1, migration_1 },
  { 2, migration_2 },
  { 3, migration_3 },
  { 4, migration_4 },
  { 5, migration_5 },
  { SP_STORE_HOURS_MIGRATION, migration_6 },
  { SP_STORE_SLA_MIGRATION, migration_7 },
  { SP_STORE_REVISION_MIGRATION, migration_8 },
};

/* For tests: one more migration after the real ones */
static Migration test_migration;

/* Set once at start-up, before any store opens */
static SpStoreBeforeMigrateFunc before_migrate;

static void forget_expected_schemas (void);

void
sp_store_set_test_migration (const char *sql)
{
  test_migration.version = migrations[G_N_ELEMENTS (migrations) - 1].version + 1;
  test_migration.sql = sql;
  forget_expected_schemas ();
}

/* For tests: the SQL of migration @version, or NULL */
const char *
sp_store_get_migration_sql (int version)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (migrations[i].version == version)
      return migrations[i].sql;
  return NULL;
}

int
sp_store_get_latest_schema_version (void)
{
  if (test_migration.sql != NULL)
    return test_migration.version;
  return migrations[G_N_ELEMENTS (migrations) - 1].version;
}

static gboolean
run_migration (SpStore          *self,
               const Migration  *migration,
               GError          **error)
{
  g_autofree char *set_version = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!sp_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* another program may have updated the file while this one waited for it */
  {
    sqlite3_stmt *stmt = sp_store_prepare_uncached (self, "PRAGMA user_version", error);
    int now = -1;

    if (stmt != NULL && sp_store_step (self, stmt, error) == SP_STEP_ROW)
      now = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    if (now < 0)
      {
        sp_store_exec (self, "ROLLBACK", NULL);
        if (error != NULL && *error == NULL)
          sp_store_set_error (self, SQLITE_CORRUPT, error);
        return FALSE;
      }
    if (now >= migration->version)
      {
        self->version = now;
        return sp_store_exec (self, "COMMIT", error);
      }
  }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", migration->version);

  if (!sp_store_exec (self, migration->sql, &local_error) ||
      !sp_store_exec (self, set_version, &local_error) ||
      !sp_store_exec (self, "COMMIT", &local_error))
    {
      sp_store_exec (self, "ROLLBACK", NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  /* TRANSLATORS: %d is the version; the reason follows */
                                  _("The database could not be updated to version %d: "),
                                  migration->version);
      return FALSE;
    }

  self->version = migration->version;
  return TRUE;
}

/* One object of the schema as the migrations create it: type, name, sql */
typedef struct
{
  char *type;
  char *name;
  char *sql;
} SchemaObject;

static void
schema_object_free (gpointer data)
{
  SchemaObject *object = data;

  g_free (object->type);
  g_free (object->name);
  g_free (object->sql);
  g_free (object);
}

/*
 * The objects the migrations up to @version create, made once per process
 * in a database in memory: every reader a worker opens checks its file
 * against them, and making them costs more than the check.
 */
G_LOCK_DEFINE_STATIC (expected_schemas);
static GHashTable *expected_schemas;   /* version → GPtrArray of SchemaObject */

static GPtrArray *
get_expected_schema (int version)
{
  GPtrArray *objects;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  G_LOCK (expected_schemas);

  if (expected_schemas == NULL)
    expected_schemas = g_hash_table_new_full (NULL, NULL, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);

  objects = g_hash_table_lookup (expected_schemas, GINT_TO_POINTER (version));
  if (objects != NULL)
    {
      g_ptr_array_ref (objects);
      G_UNLOCK (expected_schemas);
      return objects;
    }

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      G_UNLOCK (expected_schemas);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (migrations[i].version <= version)
      sqlite3_exec (db, migrations[i].sql, NULL, NULL, NULL);
  if (test_migration.sql != NULL && test_migration.version <= version)
    sqlite3_exec (db, test_migration.sql, NULL, NULL, NULL);

  objects = g_ptr_array_new_with_free_func (schema_object_free);
  if (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          SchemaObject *object = g_new0 (SchemaObject, 1);

          object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          object->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          g_ptr_array_add (objects, object);
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_hash_table_insert (expected_schemas, GINT_TO_POINTER (version), g_ptr_array_ref (objects));
  G_UNLOCK (expected_schemas);
  return objects;
}

/* For tests: the schema of the versions with a test migration changes */
static void
forget_expected_schemas (void)
{
  G_LOCK (expected_schemas);
  g_clear_pointer (&expected_schemas, g_hash_table_unref);
  G_UNLOCK (expected_schemas);
}

static gboolean
schema_matches (GPtrArray *expected,
                sqlite3   *actual,
                int       *rc)
{
  sqlite3_stmt *have = NULL;
  gboolean same = TRUE;

  *rc = sqlite3_prepare_v2 (actual, "SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2",
                            -1, &have, NULL);
  if (*rc != SQLITE_OK)
    goto out;

  for (guint i = 0; same && i < expected->len; i++)
    {
      const SchemaObject *want = g_ptr_array_index (expected, i);
      int step;

      sqlite3_bind_text (have, 1, want->type, -1, SQLITE_STATIC);
      sqlite3_bind_text (have, 2, want->name, -1, SQLITE_STATIC);
      step = sqlite3_step (have);

      if (step == SQLITE_ROW)
        same = g_strcmp0 (want->sql, (const char *) sqlite3_column_text (have, 0)) == 0;
      else if (step == SQLITE_DONE)
        same = FALSE;
      else
        *rc = sqlite3_extended_errcode (actual), same = FALSE;

      sqlite3_reset (have);
    }

out:
  sqlite3_finalize (have);
  return same && *rc == SQLITE_OK;
}

/*
 * Checks that every table, index and view that the migrations up to the
 * file's version create is in the file as they create it.  Damage that
 * leaves the pages sound can still change the text of the schema (a
 * table's name, a column's), and every statement would then fail.  Other
 * objects that someone added with the sqlite3 shell are left alone.
 */
gboolean
sp_store_check_schema (SpStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) expected = NULL;
  int rc = SQLITE_OK;

  gboolean own;
  gboolean same;

  g_assert (SP_IS_STORE (self));

  /* the version and the schema of one moment: another program may be updating the file */
  own = sqlite3_get_autocommit (self->db) && !self->in_memory;
  if (own)
    {
      sqlite3_stmt *stmt = NULL;

      if (!sp_store_exec (self, "BEGIN", error))
        return FALSE;
      stmt = sp_store_prepare_uncached (self, "PRAGMA user_version", error);
      if (stmt == NULL || sp_store_step (self, stmt, error) != SP_STEP_ROW)
        {
          sqlite3_finalize (stmt);
          sp_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      self->version = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
    }

  expected = self->version > 0 ? get_expected_schema (self->version) : NULL;
  same = expected == NULL || schema_matches (expected, self->db, &rc);

  if (own)
    sp_store_exec (self, "COMMIT", NULL);

  if (!same)
    {
      sp_store_set_error (self, rc != SQLITE_OK ? rc : SQLITE_CORRUPT, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_store_set_before_migrate_func:
 * @func: (nullable): what to run before a file with data is updated
 *
 * Sets what runs before the schema of a file that holds data changes, for
 * every store of the process.  The backups set it (sp_backup_init()), so
 * that the store needs nothing above it.
 */
void
sp_store_set_before_migrate_func (SpStoreBeforeMigrateFunc func)
{
  before_migrate = func;
}

gboolean
sp_store_migrate (SpStore  *self,
                  GError  **error)
{
  g_assert (SP_IS_STORE (self));

  /* A file with data is about to change shape: the backups keep a copy first */
  if (before_migrate != NULL && !self->in_memory &&
      self->version > 0 && self->version < sp_store_get_latest_schema_version () &&
      !before_migrate (self, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (migrations[i].version <= self->version)
        continue;

      if (!run_migration (self, &migrations[i], error))
        return FALSE;
    }

  if (test_migration.sql != NULL && test_migration.version > self->version &&
      !run_migration (self, &test_migration, error))
    return FALSE;

  return sp_store_exec (self,
                        "CREATE TEMP TABLE IF NOT EXISTS sp_marked "
                        "(customer_id INTEGER PRIMARY KEY)", error) &&
         sp_store_fill_sla_targets (self, error);
}
