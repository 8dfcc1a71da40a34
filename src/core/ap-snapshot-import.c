/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-snapshot"

#include "config.h"

#include <string.h>

#include "ap-schema.h"
#include "ap-snapshot-private.h"

/* Import parses with the strict reader, validates everything (ap-snapshot-validate.c),
 * and only then writes, in one transaction: it empties the plan and inserts every row
 * with cached prepared statements. Because the plan is empty, the n-th entity of a kind
 * gets rowid n, and references go straight from ids to rowids without a query.
 *
 * Positions come from the order of the arrays: a step's within its activity, a card's
 * within its cell (period and step), an anecdote's or ticket's within its incident, a
 * link's within its list. Steps and cards listed out of the canonical order are taken
 * in the order given within their activity or cell; the next export lists them
 * canonically. */

/* Children first, so that no ON DELETE action has rows left to visit. */
static const char delete_sql[] =
  "DELETE FROM card_dependency;"
  "DELETE FROM card_incident;"
  "DELETE FROM card_category;"
  "DELETE FROM card_organization;"
  "DELETE FROM history;"
  "DELETE FROM ticket;"
  "DELETE FROM anecdote;"
  "DELETE FROM incident;"
  "DELETE FROM card;"
  "DELETE FROM pain_category;"
  "DELETE FROM initiative;"
  "DELETE FROM stage;"
  "DELETE FROM period;"
  "DELETE FROM step;"
  "DELETE FROM activity;"
  "DELETE FROM organization;";

/* Parameters: the rowid; the entity's columns in member order; for anecdotes and tickets
 * the incident's rowid; the position (history has none: it is ordered by date and rowid). */
static const char * const insert_sql[AP_SNAPSHOT_N_KINDS] = {
  [AP_SNAPSHOT_ORGANIZATION] =
    "INSERT INTO organization (id, uid, name, color, footnote, position)"
    " VALUES (?, ?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_ACTIVITY] =
    "INSERT INTO activity (id, uid, name, subtitle, position) VALUES (?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_STEP] =
    "INSERT INTO step (id, uid, activity_id, name, position) VALUES (?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_PERIOD] =
    "INSERT INTO period (id, uid, name, start_date, end_date, is_backlog, position)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_STAGE] =
    "INSERT INTO stage (id, uid, name, color, position) VALUES (?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_INITIATIVE] =
    "INSERT INTO initiative (id, uid, name, notes, position) VALUES (?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_CARD] =
    "INSERT INTO card (id, uid, title, stage_id, stage_text, step_id, period_id, notes,"
    " initiative_id, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_PAIN_CATEGORY] =
    "INSERT INTO pain_category (id, uid, name, status, notes, color, recorded_incidents,"
    " position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_INCIDENT] =
    "INSERT INTO incident (id, uid, category_id, title, description, occurrences, status,"
    " position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_HISTORY] =
    "INSERT INTO history (id, uid, date, kind, card_id, subject, from_period_id, to_period_id,"
    " from_step_id, to_step_id, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_ANECDOTE] =
    "INSERT INTO anecdote (id, uid, date, approximate, team, text, incident_id, position)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  [AP_SNAPSHOT_TICKET] =
    "INSERT INTO ticket (id, uid, key, note, incident_id, position) VALUES (?, ?, ?, ?, ?, ?)",
};

static const char * const link_insert_sql[AP_SNAPSHOT_N_LINKS] = {
  [AP_SNAPSHOT_LINK_ORGANIZATIONS] =
    "INSERT INTO card_organization (card_id, organization_id, position) VALUES (?, ?, ?)",
  [AP_SNAPSHOT_LINK_CATEGORIES] =
    "INSERT INTO card_category (card_id, category_id, position) VALUES (?, ?, ?)",
  [AP_SNAPSHOT_LINK_INCIDENTS] =
    "INSERT INTO card_incident (card_id, incident_id, position) VALUES (?, ?, ?)",
  [AP_SNAPSHOT_LINK_DEPENDS_ON] =
    "INSERT INTO card_dependency (card_id, depends_on_id, position) VALUES (?, ?, ?)",
};

/* No position column (history). */
#define NO_POSITION (-1)

typedef struct
{
  ApStore               *store;
  const ApSnapshotIndex *index;
  gint64                 n_children[AP_SNAPSHOT_N_KINDS]; /* anecdotes and tickets so far */
  guint32               *steps_per_activity;             /* steps placed so far, by activity */
  GHashTable            *cards_per_cell;                 /* cell key → cards placed so far */
  gint64                *cell_keys;                      /* the keys of cards_per_cell */
  GError               **error;
} Importer;

static void
bind_value (const Importer        *self,
            sqlite3_stmt          *stmt,
            int                    param,
            const ApSnapshotField *field,
            const ApJsonNode      *value)
{
  if (value->type == AP_JSON_NULL)
    sqlite3_bind_null (stmt, param);
  else if (field->type == AP_SNAPSHOT_FIELD_BOOLEAN)
    sqlite3_bind_int (stmt, param, value->v.b);
  else if (field->type == AP_SNAPSHOT_FIELD_INTEGER)
    sqlite3_bind_int64 (stmt, param, value->v.i);
  else if (field->type == AP_SNAPSHOT_FIELD_REF)
    sqlite3_bind_int64 (stmt, param, ap_snapshot_lookup_rowid (self->index, field->ref, value));
  else
    /* The tree outlives the statement's use: SQLite may read the text where it is. */
    sqlite3_bind_text (stmt, param, value->v.s, value->size, SQLITE_STATIC);
}

static gboolean
insert_entity (Importer          *self,
               ApSnapshotKind     kind,
               const ApJsonNode **values,
               gint64             rowid,
               gint64             parent,
               gint64             position)
{
  const ApSnapshotEntity *entity = &ap_snapshot_entities[kind];
  sqlite3_stmt *stmt = ap_store_prepare (self->store, insert_sql[kind], self->error);
  int param = 1;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, param++, rowid);
  for (guint i = 0; i < entity->n_fields; i++)
    if (ap_snapshot_field_is_column (&entity->fields[i]))
      bind_value (self, stmt, param++, &entity->fields[i], values[i]);
  if (parent > 0)
    sqlite3_bind_int64 (stmt, param++, parent);
  if (position != NO_POSITION)
    sqlite3_bind_int64 (stmt, param++, position);
  g_assert (param == sqlite3_bind_parameter_count (stmt) + 1);
  return ap_store_step_done (self->store, stmt, self->error);
}

static gboolean
insert_children (Importer              *self,
                 const ApSnapshotField *field,
                 const ApJsonNode      *items,
                 gint64                 parent)
{
  const ApJsonNode *item = ap_json_node_first_child (items);
  const ApJsonNode *values[AP_SNAPSHOT_MAX_FIELDS];

  for (guint32 i = 0; i < items->size; i++, item = ap_json_node_next_sibling (item))
    {
      ap_snapshot_get_fields (item, &ap_snapshot_entities[field->ref], values);
      if (!insert_entity (self, field->ref, values, ++self->n_children[field->ref], parent, i))
        return FALSE;
    }
  return TRUE;
}

/* The value of the member called @name; the field tables say where it is. */
static const ApJsonNode *
get_value (ApSnapshotKind     kind,
           const ApJsonNode **values,
           const char        *name)
{
  const ApSnapshotEntity *entity = &ap_snapshot_entities[kind];

  for (guint i = 0; i < entity->n_fields; i++)
    if (strcmp (entity->fields[i].name, name) == 0)
      return values[i];
  g_assert_not_reached ();
}

static gint64
get_ref (Importer          *self,
         ApSnapshotKind     kind,
         const ApJsonNode **values,
         const char        *name,
         ApSnapshotKind     ref)
{
  return ap_snapshot_lookup_rowid (self->index, ref, get_value (kind, values, name));
}

/* A step's position within its activity. */
static gint64
place_step (Importer          *self,
            const ApJsonNode **values)
{
  gint64 activity = get_ref (self, AP_SNAPSHOT_STEP, values, "activity", AP_SNAPSHOT_ACTIVITY);

  return self->steps_per_activity[activity - 1]++;
}

/* A card's sort key within its cell, the @index-th card of the array: spaced
 * AP_CARD_POSITION_GAP apart, so that later moves find room between neighbours. */
static gint64
place_card (Importer          *self,
            const ApJsonNode **values,
            guint32            index)
{
  gint64 n_steps = self->index->arrays[AP_SNAPSHOT_STEP]->size;
  gint64 period = get_ref (self, AP_SNAPSHOT_CARD, values, "period", AP_SNAPSHOT_PERIOD);
  gint64 step = get_ref (self, AP_SNAPSHOT_CARD, values, "step", AP_SNAPSHOT_STEP);
  gint64 *key = &self->cell_keys[index];
  gsize count;

  *key = (period - 1) * n_steps + step - 1;
  count = GPOINTER_TO_SIZE (g_hash_table_lookup (self->cards_per_cell, key));
  g_hash_table_insert (self->cards_per_cell, key, GSIZE_TO_POINTER (count + 1));
  return (gint64) count * AP_CARD_POSITION_GAP;
}

/* Where the @index-th entity of @kind goes among its siblings. */
static gint64
place (Importer          *self,
       ApSnapshotKind     kind,
       const ApJsonNode **values,
       guint32            index)
{
  switch (kind)
    {
    case AP_SNAPSHOT_HISTORY:
      return NO_POSITION;
    case AP_SNAPSHOT_STEP:
      return place_step (self, values);
    case AP_SNAPSHOT_CARD:
      return place_card (self, values, index);
    default:
      return index;
    }
}

static gboolean
insert_array (Importer       *self,
              ApSnapshotKind  kind)
{
  const ApSnapshotEntity *entity = &ap_snapshot_entities[kind];
  const ApJsonNode *array = self->index->arrays[kind];
  const ApJsonNode *item = ap_json_node_first_child (array);
  const ApJsonNode *values[AP_SNAPSHOT_MAX_FIELDS];

  for (guint32 i = 0; i < array->size; i++, item = ap_json_node_next_sibling (item))
    {
      ap_snapshot_get_fields (item, entity, values);
      if (!insert_entity (self, kind, values, (gint64) i + 1, 0, place (self, kind, values, i)))
        return FALSE;
      for (guint f = 0; f < entity->n_fields; f++)
        if (entity->fields[f].type == AP_SNAPSHOT_FIELD_CHILDREN &&
            !insert_children (self, &entity->fields[f], values[f], (gint64) i + 1))
          return FALSE;
    }
  return TRUE;
}

static gboolean
insert_links (Importer               *self,
              gint64                  card,
              const ApSnapshotField  *field,
              const ApJsonNode       *items)
{
  const ApJsonNode *item = ap_json_node_first_child (items);

  for (guint32 i = 0; i < items->size; i++, item = ap_json_node_next_sibling (item))
    {
      sqlite3_stmt *stmt;

      stmt = ap_store_prepare (self->store, link_insert_sql[field->link], self->error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, card);
      sqlite3_bind_int64 (stmt, 2, ap_snapshot_lookup_rowid (self->index, field->ref, item));
      sqlite3_bind_int64 (stmt, 3, i);
      if (!ap_store_step_done (self->store, stmt, self->error))
        return FALSE;
    }
  return TRUE;
}

/* The card's link tables, once every card, category and incident exists. */
static gboolean
insert_card_links (Importer *self)
{
  const ApSnapshotEntity *entity = &ap_snapshot_entities[AP_SNAPSHOT_CARD];
  const ApJsonNode *cards = self->index->arrays[AP_SNAPSHOT_CARD];
  const ApJsonNode *card = ap_json_node_first_child (cards);
  const ApJsonNode *values[AP_SNAPSHOT_MAX_FIELDS];

  for (guint32 i = 0; i < cards->size; i++, card = ap_json_node_next_sibling (card))
    {
      ap_snapshot_get_fields (card, entity, values);
      for (guint f = 0; f < entity->n_fields; f++)
        if (entity->fields[f].type == AP_SNAPSHOT_FIELD_ID_SET &&
            !insert_links (self, (gint64) i + 1, &entity->fields[f], values[f]))
          return FALSE;
    }
  return TRUE;
}

static gboolean
update_plan (Importer *self)
{
  const ApJsonNode *values[AP_SNAPSHOT_MAX_FIELDS];
  sqlite3_stmt *stmt;

  stmt = ap_store_prepare (self->store,
                           "INSERT INTO plan (id, title, description, ticket_url_template)"
                           " VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                           " title = excluded.title, description = excluded.description,"
                           " ticket_url_template = excluded.ticket_url_template",
                           self->error);
  if (stmt == NULL)
    return FALSE;
  ap_snapshot_get_fields (self->index->plan, &ap_snapshot_plan, values);
  for (guint i = 0; i < ap_snapshot_plan.n_fields; i++)
    bind_value (self, stmt, i + 1, &ap_snapshot_plan.fields[i], values[i]);
  return ap_store_step_done (self->store, stmt, self->error);
}

/* The incident search index is rebuilt once at the end: kept in step row by row, it
 * would re-read an incident's texts for each of its anecdotes and tickets. */
static gboolean
replace_contents (Importer *self)
{
  if (!ap_store_exec (self->store, ap_schema_fts_suspend, self->error) ||
      !ap_store_exec (self->store, delete_sql, self->error) || !update_plan (self))
    return FALSE;
  for (ApSnapshotKind kind = 0; kind < AP_SNAPSHOT_N_TOP_LEVEL; kind++)
    if (!insert_array (self, kind))
      return FALSE;
  return insert_card_links (self) &&
         ap_store_exec (self->store, ap_schema_fts_resume, self->error);
}

static gboolean
write_snapshot (ApStore                *store,
                const ApSnapshotIndex  *index,
                GError                **error)
{
  Importer self = { .store = store, .index = index, .error = error };
  gboolean ok;

  self.steps_per_activity = g_new0 (guint32, index->arrays[AP_SNAPSHOT_ACTIVITY]->size);
  self.cards_per_cell = g_hash_table_new (g_int64_hash, g_int64_equal);
  self.cell_keys = g_new (gint64, index->arrays[AP_SNAPSHOT_CARD]->size);

  ok = ap_store_begin (store, error);
  if (ok && !(ok = replace_contents (&self)))
    ap_store_rollback (store);
  else if (ok)
    ok = ap_store_commit (store, error);

  g_free (self.steps_per_activity);
  g_hash_table_unref (self.cards_per_cell);
  g_free (self.cell_keys);
  return ok;
}

/**
 * ap_snapshot_import:
 * @store: the plan, not inside a transaction
 * @data: the snapshot's JSON text (need not be NUL-terminated)
 * @length: its length in bytes
 * @error: an #AP_SNAPSHOT_ERROR if the snapshot is refused, an #AP_STORE_ERROR if the
 *   plan cannot be written
 *
 * Replaces the plan's whole content with the snapshot, in one transaction, after
 * checking all of it. On failure the plan is exactly as it was.
 */
gboolean
ap_snapshot_import (ApStore     *store,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(ApJsonDoc) doc = NULL;
  g_autoptr(GError) parse_error = NULL;
  ApSnapshotIndex index;
  gboolean ok;

  g_return_val_if_fail (AP_IS_STORE (store), FALSE);
  g_return_val_if_fail (!ap_store_in_transaction (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!ap_snapshot_check_size (length, error))
    return FALSE;
  doc = ap_json_doc_parse (data, length, AP_SNAPSHOT_MAX_DEPTH, &parse_error);
  if (doc == NULL)
    {
      g_set_error_literal (error, AP_SNAPSHOT_ERROR, AP_SNAPSHOT_ERROR_PARSE, parse_error->message);
      return FALSE;
    }

  ok = ap_snapshot_validate (ap_json_doc_get_root (doc), &index, error) &&
       write_snapshot (store, &index, error);
  ap_snapshot_index_clear (&index);
  return ok;
}
