/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ap-bench-sql.h"

/* SQLite 3.40 has no ORDER BY inside an aggregate, so each array aggregates an ordered
 * subquery. The objects are made in the outer query because a JSON value that passes
 * through a subquery's result set loses its JSON subtype and would be quoted as a string.
 * Correlated columns carry names (cid, iid) that no inner table has, so they cannot be
 * captured by an inner column of the same name. */

#define BOOL(column) "json(CASE " column " WHEN 0 THEN 'false' ELSE 'true' END)"

#define CARD_LINK(table, column, target) \
  "(SELECT json_group_array(uid) FROM (SELECT x.uid FROM " table " l" \
  " JOIN " target " x ON x.id = l." column \
  " WHERE l.card_id = cid ORDER BY l.position, x.id))"

const char ap_bench_export_json_sql[] =
  "SELECT json_object("
  "'format', 'archplan-snapshot',"
  "'version', 1,"
  "'plan', (SELECT json_object('title', title, 'description', description,"
  "  'ticket_url_template', ticket_url_template) FROM plan WHERE id = 1),"

  "'organizations', (SELECT json_group_array(json_object('id', uid, 'name', name,"
  "  'color', color, 'footnote', footnote))"
  "  FROM (SELECT * FROM organization ORDER BY position, id)),"

  "'activities', (SELECT json_group_array(json_object('id', uid, 'name', name,"
  "  'subtitle', subtitle))"
  "  FROM (SELECT * FROM activity ORDER BY position, id)),"

  "'steps', (SELECT json_group_array(json_object('id', uid, 'activity', activity, 'name', name))"
  "  FROM (SELECT s.uid, a.uid AS activity, s.name FROM step s"
  "        JOIN activity a ON a.id = s.activity_id"
  "        ORDER BY a.position, a.id, s.position, s.id)),"

  "'periods', (SELECT json_group_array(json_object('id', uid, 'name', name,"
  "  'start', start_date, 'end', end_date, 'backlog', " BOOL ("is_backlog") "))"
  "  FROM (SELECT * FROM period ORDER BY position, id)),"

  "'stages', (SELECT json_group_array(json_object('id', uid, 'name', name, 'color', color))"
  "  FROM (SELECT * FROM stage ORDER BY position, id)),"

  "'initiatives', (SELECT json_group_array(json_object('id', uid, 'name', name, 'notes', notes))"
  "  FROM (SELECT * FROM initiative ORDER BY position, id)),"

  "'cards', (SELECT json_group_array(json_object('id', uid, 'title', title, 'stage', stage,"
  "  'stage_text', stage_text, 'step', step, 'period', period, 'notes', notes,"
  "  'organizations', " CARD_LINK ("card_organization", "organization_id", "organization") ","
  "  'initiative', initiative,"
  "  'categories', " CARD_LINK ("card_category", "category_id", "pain_category") ","
  "  'incidents', " CARD_LINK ("card_incident", "incident_id", "incident") ","
  "  'depends_on', " CARD_LINK ("card_dependency", "depends_on_id", "card") "))"
  "  FROM (SELECT c.id AS cid, c.uid, c.title, st.uid AS stage, c.stage_text, s.uid AS step,"
  "        p.uid AS period, c.notes, i.uid AS initiative"
  "        FROM card c"
  "        JOIN period p ON p.id = c.period_id"
  "        JOIN step s ON s.id = c.step_id"
  "        JOIN activity a ON a.id = s.activity_id"
  "        LEFT JOIN stage st ON st.id = c.stage_id"
  "        LEFT JOIN initiative i ON i.id = c.initiative_id"
  "        ORDER BY p.position, p.id, a.position, a.id, s.position, s.id, c.position, c.id)),"

  "'pain_categories', (SELECT json_group_array(json_object('id', uid, 'name', name,"
  "  'status', status, 'notes', notes, 'color', color, 'recorded_incidents', recorded_incidents))"
  "  FROM (SELECT * FROM pain_category ORDER BY position, id)),"

  "'incidents', (SELECT json_group_array(json_object('id', uid, 'category', category,"
  "  'title', title, 'description', description, 'occurrences', occurrences, 'status', status,"
  "  'anecdotes', (SELECT json_group_array(json_object('id', uid, 'date', date,"
  "     'approximate', " BOOL ("approximate") ", 'team', team, 'text', text))"
  "     FROM (SELECT * FROM anecdote WHERE incident_id = iid ORDER BY position, id)),"
  "  'tickets', (SELECT json_group_array(json_object('id', uid, 'key', key, 'note', note))"
  "     FROM (SELECT * FROM ticket WHERE incident_id = iid ORDER BY position, id))))"
  "  FROM (SELECT i.id AS iid, i.uid, c.uid AS category, i.title, i.description,"
  "        i.occurrences, i.status"
  "        FROM incident i JOIN pain_category c ON c.id = i.category_id"
  "        ORDER BY i.position, i.id)),"

  "'history', (SELECT json_group_array(json_object('id', uid, 'date', date, 'kind', kind,"
  "  'card', card, 'subject', subject, 'from_period', from_period, 'to_period', to_period,"
  "  'from_step', from_step, 'to_step', to_step, 'text', text))"
  "  FROM (SELECT h.uid, h.date, h.kind, c.uid AS card, h.subject, fp.uid AS from_period,"
  "        tp.uid AS to_period, fs.uid AS from_step, ts.uid AS to_step, h.text"
  "        FROM history h"
  "        LEFT JOIN card c ON c.id = h.card_id"
  "        LEFT JOIN period fp ON fp.id = h.from_period_id"
  "        LEFT JOIN period tp ON tp.id = h.to_period_id"
  "        LEFT JOIN step fs ON fs.id = h.from_step_id"
  "        LEFT JOIN step ts ON ts.id = h.to_step_id"
  "        ORDER BY h.date, h.id)))";

/* A reference: the row id of the entity of @table whose uid is @expr. */
#define REF(table, expr) "(SELECT x.id FROM " table " x WHERE x.uid = " expr ")"

#define CARD_LINK_INSERT(table, columns, member, target) \
  "INSERT INTO " table " (card_id, " columns ", position)" \
  " SELECT " REF ("card", "c.value ->> 'id'") ", " REF (target, "l.value") ", l.key" \
  " FROM json_each(?1) AS c, json_each(c.value, '$." member "') AS l"

const ApBenchJsonInsert ap_bench_import_json_sql[] = {
  { "plan",
    "UPDATE plan SET title = ?1 ->> 'title', description = ?1 ->> 'description',"
    " ticket_url_template = ?1 ->> 'ticket_url_template' WHERE id = 1" },
  { "organizations",
    "INSERT INTO organization (uid, name, color, footnote, position)"
    " SELECT value ->> 'id', value ->> 'name', value ->> 'color', value ->> 'footnote', key"
    " FROM json_each(?1)" },
  { "activities",
    "INSERT INTO activity (uid, name, subtitle, position)"
    " SELECT value ->> 'id', value ->> 'name', value ->> 'subtitle', key FROM json_each(?1)" },
  { "steps",
    "INSERT INTO step (uid, activity_id, name, position)"
    " SELECT j.value ->> 'id', " REF ("activity", "j.value ->> 'activity'") ","
    " j.value ->> 'name', j.key FROM json_each(?1) AS j" },
  { "periods",
    "INSERT INTO period (uid, name, start_date, end_date, is_backlog, position)"
    " SELECT value ->> 'id', value ->> 'name', value ->> 'start', value ->> 'end',"
    " value ->> 'backlog', key FROM json_each(?1)" },
  { "stages",
    "INSERT INTO stage (uid, name, color, position)"
    " SELECT value ->> 'id', value ->> 'name', value ->> 'color', key FROM json_each(?1)" },
  { "initiatives",
    "INSERT INTO initiative (uid, name, notes, position)"
    " SELECT value ->> 'id', value ->> 'name', value ->> 'notes', key FROM json_each(?1)" },
  { "pain_categories",
    "INSERT INTO pain_category (uid, name, status, notes, color, recorded_incidents, position)"
    " SELECT value ->> 'id', value ->> 'name', value ->> 'status', value ->> 'notes',"
    " value ->> 'color', value ->> 'recorded_incidents', key FROM json_each(?1)" },
  { "incidents",
    "INSERT INTO incident (uid, category_id, title, description, occurrences, status, position)"
    " SELECT j.value ->> 'id', " REF ("pain_category", "j.value ->> 'category'") ","
    " j.value ->> 'title', j.value ->> 'description', j.value ->> 'occurrences',"
    " j.value ->> 'status', j.key FROM json_each(?1) AS j" },
  { "incidents",
    "INSERT INTO anecdote (uid, incident_id, date, approximate, team, text, position)"
    " SELECT a.value ->> 'id', " REF ("incident", "i.value ->> 'id'") ","
    " a.value ->> 'date', a.value ->> 'approximate', a.value ->> 'team', a.value ->> 'text', a.key"
    " FROM json_each(?1) AS i, json_each(i.value, '$.anecdotes') AS a" },
  { "incidents",
    "INSERT INTO ticket (uid, incident_id, key, note, position)"
    " SELECT t.value ->> 'id', " REF ("incident", "i.value ->> 'id'") ","
    " t.value ->> 'key', t.value ->> 'note', t.key"
    " FROM json_each(?1) AS i, json_each(i.value, '$.tickets') AS t" },
  /* The file keeps a card's place in its cell; the snapshot keeps it as array order. */
  { "cards",
    "INSERT INTO card (uid, title, stage_id, stage_text, step_id, period_id, position, notes,"
    " initiative_id)"
    " SELECT j_uid, j_title, " REF ("stage", "j_stage") ", j_stage_text,"
    " " REF ("step", "j_step") ", " REF ("period", "j_period") ","
    " row_number () OVER (PARTITION BY j_period, j_step ORDER BY j_key) - 1,"
    " j_notes, " REF ("initiative", "j_initiative")
    " FROM (SELECT key AS j_key, value ->> 'id' AS j_uid, value ->> 'title' AS j_title,"
    "       value ->> 'stage' AS j_stage, value ->> 'stage_text' AS j_stage_text,"
    "       value ->> 'step' AS j_step, value ->> 'period' AS j_period,"
    "       value ->> 'notes' AS j_notes, value ->> 'initiative' AS j_initiative"
    "       FROM json_each(?1))"
    " ORDER BY j_key" },
  { "cards",
    CARD_LINK_INSERT ("card_organization", "organization_id", "organizations", "organization") },
  { "cards", CARD_LINK_INSERT ("card_category", "category_id", "categories", "pain_category") },
  { "cards", CARD_LINK_INSERT ("card_incident", "incident_id", "incidents", "incident") },
  { "cards", CARD_LINK_INSERT ("card_dependency", "depends_on_id", "depends_on", "card") },
  { "history",
    "INSERT INTO history (uid, date, kind, card_id, subject, from_period_id, to_period_id,"
    " from_step_id, to_step_id, text)"
    " SELECT j.value ->> 'id', j.value ->> 'date', j.value ->> 'kind',"
    " " REF ("card", "j.value ->> 'card'") ", j.value ->> 'subject',"
    " " REF ("period", "j.value ->> 'from_period'") ","
    " " REF ("period", "j.value ->> 'to_period'") ","
    " " REF ("step", "j.value ->> 'from_step'") ", " REF ("step", "j.value ->> 'to_step'") ","
    " j.value ->> 'text' FROM json_each(?1) AS j" },
};

const guint ap_bench_n_import_json_sql = G_N_ELEMENTS (ap_bench_import_json_sql);
