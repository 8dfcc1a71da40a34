/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ap-schema.h"
#include "ap-store.h"

/* Version 0 → 1: the whole domain model of DESIGN.md.
 *
 * Every entity has an integer key for joins and a `uid`, the stable string id used by
 * JSON snapshots, so that export → import → export gives the same bytes.
 * `position` columns keep the user's order (columns, rows, cards in a cell).
 * Dates are ISO 8601 text; anecdote dates may be partial ("2021-08"). */
static const char migration_1[] =
  "CREATE TABLE plan ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  title TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  ticket_url_template TEXT NOT NULL DEFAULT '');"
  "INSERT INTO plan (id, title) VALUES (1, 'Untitled plan');"

  "CREATE TABLE organization ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  color TEXT NOT NULL,"
  "  footnote INTEGER,"
  "  position INTEGER NOT NULL);"

  "CREATE TABLE activity ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  subtitle TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL);"

  "CREATE TABLE step ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL);"
  "CREATE INDEX step_activity ON step (activity_id);"

  "CREATE TABLE period ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  start_date TEXT,"
  "  end_date TEXT,"
  "  is_backlog INTEGER NOT NULL DEFAULT 0 CHECK (is_backlog IN (0, 1)),"
  "  position INTEGER NOT NULL);"

  "CREATE TABLE stage ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  color TEXT NOT NULL,"
  "  position INTEGER NOT NULL);"

  "CREATE TABLE initiative ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL);"

  "CREATE TABLE card ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  stage_id INTEGER REFERENCES stage (id) ON DELETE SET NULL,"
  "  stage_text TEXT NOT NULL DEFAULT '',"
  "  step_id INTEGER NOT NULL REFERENCES step (id),"
  "  period_id INTEGER NOT NULL REFERENCES period (id),"
  "  position INTEGER NOT NULL,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  initiative_id INTEGER REFERENCES initiative (id) ON DELETE SET NULL);"
  "CREATE INDEX card_cell ON card (period_id, step_id, position);"
  "CREATE INDEX card_step ON card (step_id);"
  "CREATE INDEX card_stage ON card (stage_id);"
  "CREATE INDEX card_initiative ON card (initiative_id);"

  "CREATE TABLE card_organization ("
  "  card_id INTEGER NOT NULL REFERENCES card (id) ON DELETE CASCADE,"
  "  organization_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (card_id, organization_id)) WITHOUT ROWID;"
  "CREATE INDEX card_organization_org ON card_organization (organization_id);"

  "CREATE TABLE pain_category ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  color TEXT NOT NULL,"
  "  recorded_incidents INTEGER CHECK (recorded_incidents >= 0),"
  "  position INTEGER NOT NULL);"

  "CREATE TABLE incident ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  category_id INTEGER NOT NULL REFERENCES pain_category (id),"
  "  title TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  occurrences INTEGER CHECK (occurrences >= 0),"
  "  status TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL);"
  "CREATE INDEX incident_category ON incident (category_id);"

  "CREATE TABLE anecdote ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,"
  "  date TEXT,"
  "  approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),"
  "  team TEXT NOT NULL DEFAULT '',"
  "  text TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL);"
  "CREATE INDEX anecdote_incident ON anecdote (incident_id, position);"

  "CREATE TABLE ticket ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL);"
  "CREATE INDEX ticket_incident ON ticket (incident_id, position);"

  "CREATE TABLE card_category ("
  "  card_id INTEGER NOT NULL REFERENCES card (id) ON DELETE CASCADE,"
  "  category_id INTEGER NOT NULL REFERENCES pain_category (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (card_id, category_id)) WITHOUT ROWID;"
  "CREATE INDEX card_category_category ON card_category (category_id);"

  "CREATE TABLE card_incident ("
  "  card_id INTEGER NOT NULL REFERENCES card (id) ON DELETE CASCADE,"
  "  incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (card_id, incident_id)) WITHOUT ROWID;"
  "CREATE INDEX card_incident_incident ON card_incident (incident_id);"

  "CREATE TABLE card_dependency ("
  "  card_id INTEGER NOT NULL REFERENCES card (id) ON DELETE CASCADE,"
  "  depends_on_id INTEGER NOT NULL REFERENCES card (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (card_id, depends_on_id),"
  "  CHECK (card_id <> depends_on_id)) WITHOUT ROWID;"
  "CREATE INDEX card_dependency_target ON card_dependency (depends_on_id);"

  /* History rows outlive the cards, periods and steps they mention: the references
   * become NULL and `subject` keeps the card's title as it was. */
  "CREATE TABLE history ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  date TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('added', 'deferred', 'moved-up', 'moved', 'replaced', 'removed')),"
  "  card_id INTEGER REFERENCES card (id) ON DELETE SET NULL,"
  "  subject TEXT NOT NULL,"
  "  from_period_id INTEGER REFERENCES period (id) ON DELETE SET NULL,"
  "  to_period_id INTEGER REFERENCES period (id) ON DELETE SET NULL,"
  "  from_step_id INTEGER REFERENCES step (id) ON DELETE SET NULL,"
  "  to_step_id INTEGER REFERENCES step (id) ON DELETE SET NULL,"
  "  text TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX history_date ON history (date, id);"
  "CREATE INDEX history_card ON history (card_id);"
  "CREATE INDEX history_from_period ON history (from_period_id);"
  "CREATE INDEX history_to_period ON history (to_period_id);"
  "CREATE INDEX history_from_step ON history (from_step_id);"
  "CREATE INDEX history_to_step ON history (to_step_id);";

/* Version 1 → 2: full-text search over incidents (issue 4).
 *
 * One FTS5 row per incident, its rowid the incident's id, holding the texts a user
 * searches: title, description, anecdote texts, team names and ticket keys. The table
 * keeps its own copy of the texts (not contentless, not external content) so that a
 * row can be deleted without knowing the words it held: the triggers simply delete the
 * incident's row and insert it again from the current data, which stays right whatever
 * order SQLite runs them in (cascades, undo changesets, which fire triggers too).
 * Commands' sessions skip the incident_fts* tables (see ap_plan_run_command) so undo
 * reaches the index only through these triggers.
 *
 * The index also keeps every term's first one and two characters (`prefix`): the
 * browser searches as the user types, and a one- or two-letter prefix ("f*", "re*")
 * otherwise merges the lists of thousands of terms — 35–60 ms instead of 3–7 ms over
 * 100,000 incidents. Three-letter prefixes expand to few enough terms (≤ 6 ms measured)
 * not to be worth the 26 MB a third prefix index added to a 210 MB plan.
 *
 * incident_fts_stats keeps, per incident, the figures the incident browser sorts by
 * that would otherwise be a subquery per row (anecdote count, latest anecdote date,
 * first ticket key): sorting 100,000 incidents by "last seen" reads one small indexed
 * table instead of 300,000 anecdotes. The same triggers keep it.
 *
 * Every column the browser sorts by has an index whose order is the browser's (key,
 * then position, then id), so the whole list in any order is a walk along an index
 * (~10 ms for 100,000 incidents) instead of a sort (50–250 ms), and its first screen
 * costs what the screen shows. Category sorts by the category's name: pain_category
 * gets a name index and incident_category becomes (category_id, position), which
 * still serves the foreign key it was made for. */
#define FTS_ROW_SELECT(where) \
  "SELECT i.id, i.title, i.description," \
  " (SELECT group_concat (a.text, ' ') FROM anecdote a WHERE a.incident_id = i.id)," \
  " (SELECT group_concat (a.team, ' ') FROM anecdote a WHERE a.incident_id = i.id)," \
  " (SELECT group_concat (t.key, ' ') FROM ticket t WHERE t.incident_id = i.id)" \
  " FROM incident i " where

#define FTS_INSERT "INSERT INTO incident_fts (rowid, title, description, anecdotes, teams, tickets) "

#define STATS_INSERT \
  "INSERT INTO incident_fts_stats (id, n_anecdotes, last_seen, first_ticket)" \
  " SELECT i.id," \
  " (SELECT count (*) FROM anecdote a WHERE a.incident_id = i.id)," \
  " (SELECT max (a.date) FROM anecdote a WHERE a.incident_id = i.id)," \
  " (SELECT t.key FROM ticket t WHERE t.incident_id = i.id ORDER BY t.position, t.id LIMIT 1)" \
  " FROM incident i "

#define FTS_REINDEX(id) \
  "DELETE FROM incident_fts WHERE rowid = " id ";" \
  FTS_INSERT FTS_ROW_SELECT ("WHERE i.id = " id) ";" \
  "DELETE FROM incident_fts_stats WHERE id = " id ";" \
  STATS_INSERT "WHERE i.id = " id ";"

#define FTS_TRIGGERS \
  "CREATE TRIGGER incident_fts_ai AFTER INSERT ON incident BEGIN " \
  FTS_REINDEX ("new.id") " END;" \
  "CREATE TRIGGER incident_fts_au AFTER UPDATE OF id, title, description ON incident BEGIN " \
  "DELETE FROM incident_fts WHERE rowid = old.id;" \
  FTS_REINDEX ("new.id") " END;" \
  "CREATE TRIGGER incident_fts_ad AFTER DELETE ON incident BEGIN " \
  "DELETE FROM incident_fts WHERE rowid = old.id;" \
  "DELETE FROM incident_fts_stats WHERE id = old.id; END;" \
  "CREATE TRIGGER anecdote_fts_ai AFTER INSERT ON anecdote BEGIN " \
  FTS_REINDEX ("new.incident_id") " END;" \
  "CREATE TRIGGER anecdote_fts_au AFTER UPDATE OF incident_id, date, team, text ON anecdote BEGIN " \
  FTS_REINDEX ("old.incident_id") FTS_REINDEX ("new.incident_id") " END;" \
  "CREATE TRIGGER anecdote_fts_ad AFTER DELETE ON anecdote BEGIN " \
  FTS_REINDEX ("old.incident_id") " END;" \
  "CREATE TRIGGER ticket_fts_ai AFTER INSERT ON ticket BEGIN " \
  FTS_REINDEX ("new.incident_id") " END;" \
  "CREATE TRIGGER ticket_fts_au AFTER UPDATE OF incident_id, key, position ON ticket BEGIN " \
  FTS_REINDEX ("old.incident_id") FTS_REINDEX ("new.incident_id") " END;" \
  "CREATE TRIGGER ticket_fts_ad AFTER DELETE ON ticket BEGIN " \
  FTS_REINDEX ("old.incident_id") " END;"

#define FTS_FILL \
  "DELETE FROM incident_fts;" FTS_INSERT FTS_ROW_SELECT ("") ";" \
  "DELETE FROM incident_fts_stats;" STATS_INSERT ";"

static const char migration_2[] =
  "CREATE INDEX incident_position ON incident (position);"
  "CREATE INDEX incident_title ON incident (title COLLATE NOCASE, position);"
  "CREATE INDEX incident_occurrences ON incident (occurrences, position);"
  "CREATE INDEX incident_status ON incident (status COLLATE NOCASE, position);"
  "DROP INDEX incident_category;"
  "CREATE INDEX incident_category ON incident (category_id, position);"
  "CREATE INDEX pain_category_name ON pain_category (name COLLATE NOCASE);"
  "CREATE VIRTUAL TABLE incident_fts USING fts5 ("
  "  title, description, anecdotes, teams, tickets,"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');"
  "CREATE TABLE incident_fts_stats ("
  "  id INTEGER PRIMARY KEY,"
  "  n_anecdotes INTEGER NOT NULL,"
  "  last_seen TEXT,"
  "  first_ticket TEXT);"
  "CREATE INDEX incident_fts_stats_last_seen ON incident_fts_stats (last_seen, id);"
  "CREATE INDEX incident_fts_stats_n_anecdotes ON incident_fts_stats (n_anecdotes);"
  "CREATE INDEX incident_fts_stats_first_ticket ON incident_fts_stats (first_ticket COLLATE NOCASE);"
  FTS_FILL
  FTS_TRIGGERS;

/* Version 2 → 3: filtering incidents by the team or the date of an anecdote.
 *
 * "Seen by Ops", "seen in 2021": the incident browser reads the matching anecdotes'
 * incident ids and keeps those of its sorted list (ap-incident-query.c). Without an
 * index that read is a scan of every anecdote, and it was an EXISTS subquery per
 * incident before: ~0.5 s over 300,000 anecdotes. The team index also holds the date,
 * so "Ops in 2021" is one range of it; both hold the incident id, so neither read
 * touches the table. Team is compared as it is written (BINARY), as the filter does.
 * The two add 15 MB to a 268 MB plan of 100,000 incidents. Bulk loads drop them and
 * build them again at the end (ap_schema_fts_suspend): filled row by row, in no
 * order of theirs, they made importing that plan's snapshot take 27 s instead of 16. */
#define ANECDOTE_INDEXES \
  "CREATE INDEX anecdote_team ON anecdote (team, date, incident_id);" \
  "CREATE INDEX anecdote_date ON anecdote (date, incident_id);"

static const char migration_3[] = ANECDOTE_INDEXES;

const char ap_schema_fts_suspend[] =
  "DROP TRIGGER incident_fts_ai; DROP TRIGGER incident_fts_au; DROP TRIGGER incident_fts_ad;"
  "DROP TRIGGER anecdote_fts_ai; DROP TRIGGER anecdote_fts_au; DROP TRIGGER anecdote_fts_ad;"
  "DROP TRIGGER ticket_fts_ai; DROP TRIGGER ticket_fts_au; DROP TRIGGER ticket_fts_ad;"
  "DROP INDEX anecdote_team; DROP INDEX anecdote_date;";

const char ap_schema_fts_resume[] = FTS_FILL FTS_TRIGGERS ANECDOTE_INDEXES;

const char * const ap_schema_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (ap_schema_migrations) == AP_STORE_SCHEMA_VERSION);

const guint ap_schema_n_migrations = G_N_ELEMENTS (ap_schema_migrations);
