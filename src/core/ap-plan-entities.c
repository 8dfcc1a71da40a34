/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ap-plan-private.h"

/* Commands for everything a plan holds besides cards: organizations, activities, steps,
 * periods, stages, initiatives and pain categories. They share one shape — add, edit,
 * reorder, remove — so one table describes each kind and one set of functions does the
 * work. Positions stay dense (0, 1, 2 …), steps counting within their activity. */

typedef struct
{
  ApUidSource uids;
  const char *insert_sql;    /* parameters: uid, position, then the kind's columns */
  const char *update_sql;    /* parameters: the kind's columns, then id */
  const char *position_sql;  /* SELECT position, scope FROM … WHERE id = ? */
  const char *count_sql;     /* SELECT count(*) FROM … WHERE scope = ? */
  const char *shift_sql;     /* UPDATE … position + ?2 WHERE scope = ?1 AND position >= ?3 AND id <> ?4 */
  const char *set_position_sql;
  const char *delete_sql;
  const char *uses_sql;      /* cards (or incidents) that use it */
  const char *add_label;
  const char *edit_label;
  const char *remove_label;
} EntityInfo;

#define SCOPED(table, scope) \
  .position_sql = "SELECT position, " scope " FROM " table " WHERE id = ?", \
  .count_sql = "SELECT count(*) FROM " table " WHERE " scope " = ?", \
  .shift_sql = "UPDATE " table " SET position = position + ?2 WHERE " scope " = ?1 AND position >= ?3 AND id <> ?4", \
  .set_position_sql = "UPDATE " table " SET position = ? WHERE id = ?", \
  .delete_sql = "DELETE FROM " table " WHERE id = ?"

/* Unscoped kinds use a constant scope, 0, so the same statements serve. */
#define UNSCOPED(table) SCOPED (table, "0")

static const EntityInfo entities[AP_N_ENTITIES] = {
  [AP_ENTITY_ORGANIZATION] = {
    AP_UID_SOURCE ("organization", "org"),
    "INSERT INTO organization (uid, position, name, color, footnote) VALUES (?, ?, ?, ?, nullif(?, 0))",
    "UPDATE organization SET name = ?, color = ?, footnote = nullif(?, 0) WHERE id = ?",
    UNSCOPED ("organization"),
    .uses_sql = "SELECT count(*) FROM card_organization WHERE organization_id = ?",
    N_("Add Organization"), N_("Edit Organization"), N_("Remove Organization"),
  },
  [AP_ENTITY_ACTIVITY] = {
    AP_UID_SOURCE ("activity", "activity"),
    "INSERT INTO activity (uid, position, name, subtitle) VALUES (?, ?, ?, ?)",
    "UPDATE activity SET name = ?, subtitle = ? WHERE id = ?",
    UNSCOPED ("activity"),
    .uses_sql = "SELECT count(*) FROM card JOIN step ON step.id = card.step_id WHERE step.activity_id = ?",
    N_("Add Activity"), N_("Edit Activity"), N_("Remove Activity"),
  },
  [AP_ENTITY_STEP] = {
    AP_UID_SOURCE ("step", "step"),
    "INSERT INTO step (uid, position, activity_id, name) VALUES (?, ?, ?, ?)",
    "UPDATE step SET activity_id = ?, name = ? WHERE id = ?",
    SCOPED ("step", "activity_id"),
    .uses_sql = "SELECT count(*) FROM card WHERE step_id = ?",
    N_("Add Step"), N_("Edit Step"), N_("Remove Step"),
  },
  [AP_ENTITY_PERIOD] = {
    AP_UID_SOURCE ("period", "period"),
    "INSERT INTO period (uid, position, name, start_date, end_date, is_backlog) VALUES (?, ?, ?, ?, ?, ?)",
    "UPDATE period SET name = ?, start_date = ?, end_date = ?, is_backlog = ? WHERE id = ?",
    UNSCOPED ("period"),
    .uses_sql = "SELECT count(*) FROM card WHERE period_id = ?",
    N_("Add Period"), N_("Edit Period"), N_("Remove Period"),
  },
  [AP_ENTITY_STAGE] = {
    AP_UID_SOURCE ("stage", "stage"),
    "INSERT INTO stage (uid, position, name, color) VALUES (?, ?, ?, ?)",
    "UPDATE stage SET name = ?, color = ? WHERE id = ?",
    UNSCOPED ("stage"),
    .uses_sql = "SELECT count(*) FROM card WHERE stage_id = ?",
    N_("Add Stage"), N_("Edit Stage"), N_("Remove Stage"),
  },
  [AP_ENTITY_INITIATIVE] = {
    AP_UID_SOURCE ("initiative", "initiative"),
    "INSERT INTO initiative (uid, position, name, notes) VALUES (?, ?, ?, ?)",
    "UPDATE initiative SET name = ?, notes = ? WHERE id = ?",
    UNSCOPED ("initiative"),
    .uses_sql = "SELECT count(*) FROM card WHERE initiative_id = ?",
    N_("Add Initiative"), N_("Edit Initiative"), N_("Remove Initiative"),
  },
  [AP_ENTITY_CATEGORY] = {
    AP_UID_SOURCE ("pain_category", "category"),
    "INSERT INTO pain_category (uid, position, name, color, notes, status, recorded_incidents)"
    " VALUES (?, ?, ?, ?, ?, ?, nullif(?, -1))",
    "UPDATE pain_category SET name = ?, color = ?, notes = ?, status = ?,"
    " recorded_incidents = nullif(?, -1) WHERE id = ?",
    UNSCOPED ("pain_category"),
    .uses_sql = "SELECT (SELECT count(*) FROM incident WHERE category_id = ?1)"
                " + (SELECT count(*) FROM card_category WHERE category_id = ?1)",
    N_("Add Pain Category"), N_("Edit Pain Category"), N_("Remove Pain Category"),
  },
};

static gboolean
is_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_date (const char *date)
{
  int y, m, d;
  char tail;

  if (date == NULL || strlen (date) != 10 ||
      sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      date[4] != '-' || date[7] != '-')
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

static gint64
query_int (ApPlan      *self,
           const char  *sql,
           gint64       a,
           gint64       fallback)
{
  sqlite3_stmt *stmt = ap_store_prepare (ap_plan_get_store (self), sql, NULL);
  gint64 v = fallback;

  if (stmt == NULL)
    return fallback;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

static gboolean
validate (ApPlan                *self,
          ApEntityKind           kind,
          const ApEntityFields  *f,
          GError               **error)
{
  g_autofree char *name = g_strstrip (g_strdup (f->name != NULL ? f->name : ""));

  if (*name == '\0')
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("A name is needed"));
  if (g_utf8_strlen (f->name, -1) > 1000)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The name is too long (at most 1,000 characters)"));
  if ((kind == AP_ENTITY_ORGANIZATION || kind == AP_ENTITY_STAGE || kind == AP_ENTITY_CATEGORY) &&
      !is_color (f->color))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The colour must be written as #rrggbb"));
  if (kind == AP_ENTITY_ORGANIZATION && (f->footnote < 0 || f->footnote > 999))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The footnote number must be between 1 and 999"));
  if (kind == AP_ENTITY_CATEGORY && (f->recorded_incidents < -1 || f->recorded_incidents > 1000000000))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The recorded number of incidents must be between 0 and 1,000,000,000"));
  if (kind == AP_ENTITY_STEP &&
      query_int (self, "SELECT count(*) FROM activity WHERE id = ?", f->activity_id, 0) == 0)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The step’s activity does not exist"));
  if (kind == AP_ENTITY_PERIOD)
    {
      if ((f->start_date != NULL && !is_date (f->start_date)) ||
          (f->end_date != NULL && !is_date (f->end_date)))
        return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("Dates must be real dates written as YYYY-MM-DD"));
      if (f->start_date != NULL && f->end_date != NULL && strcmp (f->start_date, f->end_date) > 0)
        return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The period ends before it starts"));
    }
  return TRUE;
}

/* Binds the kind's own columns from parameter @first on; returns the next parameter. */
static int
bind_fields (sqlite3_stmt         *stmt,
             ApEntityKind          kind,
             const ApEntityFields *f,
             int                   first)
{
  int p = first;

#define TEXT(v) sqlite3_bind_text (stmt, p++, (v) != NULL ? (v) : "", -1, SQLITE_STATIC)
#define MAYBE_TEXT(v) sqlite3_bind_text (stmt, p++, (v), -1, SQLITE_STATIC)
  switch (kind)
    {
    case AP_ENTITY_ORGANIZATION:
      TEXT (f->name); TEXT (f->color); sqlite3_bind_int64 (stmt, p++, f->footnote);
      break;
    case AP_ENTITY_ACTIVITY:
      TEXT (f->name); TEXT (f->subtitle);
      break;
    case AP_ENTITY_STEP:
      sqlite3_bind_int64 (stmt, p++, f->activity_id); TEXT (f->name);
      break;
    case AP_ENTITY_PERIOD:
      TEXT (f->name); MAYBE_TEXT (f->start_date); MAYBE_TEXT (f->end_date);
      sqlite3_bind_int (stmt, p++, f->is_backlog ? 1 : 0);
      break;
    case AP_ENTITY_STAGE:
      TEXT (f->name); TEXT (f->color);
      break;
    case AP_ENTITY_INITIATIVE:
      TEXT (f->name); TEXT (f->notes);
      break;
    case AP_ENTITY_CATEGORY:
      TEXT (f->name); TEXT (f->color); TEXT (f->notes); TEXT (f->status);
      sqlite3_bind_int64 (stmt, p++, f->recorded_incidents);
      break;
    case AP_N_ENTITIES:
    default:
      g_assert_not_reached ();
    }
#undef TEXT
#undef MAYBE_TEXT
  return p;
}

static gboolean
shift (ApPlan            *self,
       const EntityInfo  *info,
       gint64             scope,
       gint64             from,
       int                delta,
       gint64             except,
       GError           **error)
{
  ApStore *store = ap_plan_get_store (self);
  sqlite3_stmt *stmt = ap_store_prepare (store, info->shift_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scope);
  sqlite3_bind_int (stmt, 2, delta);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, except);
  return ap_store_step_done (store, stmt, error);
}

/* Reads the position and scope of row @id; FALSE if there is no such row. */
static gboolean
get_position (ApPlan           *self,
              const EntityInfo *info,
              gint64            id,
              gint64           *position,
              gint64           *scope)
{
  sqlite3_stmt *stmt = ap_store_prepare (ap_plan_get_store (self), info->position_sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *position = sqlite3_column_int64 (stmt, 0);
      *scope = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return found;
}

typedef struct
{
  ApEntityKind          kind;
  const ApEntityFields *fields;
  gint64                id;
  guint                 position;
  gint64                replacement;
} EntityData;

static gboolean
add_entity (ApPlan   *self,
            gpointer  user_data,
            GError  **error)
{
  EntityData *data = user_data;
  const EntityInfo *info = &entities[data->kind];
  ApStore *store = ap_plan_get_store (self);
  gint64 scope = data->kind == AP_ENTITY_STEP ? data->fields->activity_id : 0;
  gint64 n = query_int (self, info->count_sql, scope, 0);
  gint64 position = MIN ((gint64) data->position, n);
  g_autofree char *uid = NULL;
  sqlite3_stmt *stmt;

  if (!validate (self, data->kind, data->fields, error) ||
      (uid = ap_plan_new_uid (self, &info->uids, error)) == NULL ||
      !shift (self, info, scope, position, 1, 0, error) ||
      (stmt = ap_store_prepare (store, info->insert_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, position);
  bind_fields (stmt, data->kind, data->fields, 3);
  if (!ap_store_step_done (store, stmt, error))
    return FALSE;
  data->id = sqlite3_last_insert_rowid (ap_store_get_db (store));
  return TRUE;
}

gint64
ap_plan_add_entity (ApPlan                *self,
                    ApEntityKind           kind,
                    const ApEntityFields  *fields,
                    guint                  position,
                    GError               **error)
{
  EntityData data = { kind, fields, 0, position, 0 };

  g_return_val_if_fail (AP_IS_PLAN (self), 0);
  g_return_val_if_fail (kind < AP_N_ENTITIES && fields != NULL, 0);

  if (!ap_plan_run_command (self, _(entities[kind].add_label), add_entity, &data, error))
    return 0;
  return data.id;
}

static gboolean
reorder_entity (ApPlan   *self,
                gpointer  user_data,
                GError  **error)
{
  EntityData *data = user_data;
  const EntityInfo *info = &entities[data->kind];
  ApStore *store = ap_plan_get_store (self);
  gint64 position, scope, n;
  sqlite3_stmt *stmt;

  if (!get_position (self, info, data->id, &position, &scope))
    return ap_plan_fail (error, AP_PLAN_ERROR_NOT_FOUND, _("It does not exist any more"));
  n = query_int (self, info->count_sql, scope, 1) - 1;
  /* Close the gap, open one at the new place, and put the row there. */
  if (!shift (self, info, scope, position + 1, -1, data->id, error) ||
      !shift (self, info, scope, MIN ((gint64) data->position, n), 1, data->id, error) ||
      (stmt = ap_store_prepare (store, info->set_position_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, MIN ((gint64) data->position, n));
  sqlite3_bind_int64 (stmt, 2, data->id);
  return ap_store_step_done (store, stmt, error);
}

gboolean
ap_plan_reorder_entity (ApPlan  *self,
                        ApEntityKind kind,
                        gint64   id,
                        guint    position,
                        GError **error)
{
  EntityData data = { kind, NULL, id, position, 0 };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (kind < AP_N_ENTITIES, FALSE);
  return ap_plan_run_command (self, _(entities[kind].edit_label), reorder_entity, &data, error);
}

static gboolean
update_entity (ApPlan   *self,
               gpointer  user_data,
               GError  **error)
{
  EntityData *data = user_data;
  const EntityInfo *info = &entities[data->kind];
  ApStore *store = ap_plan_get_store (self);
  gint64 position, scope;
  sqlite3_stmt *stmt;
  int next;

  if (!get_position (self, info, data->id, &position, &scope))
    return ap_plan_fail (error, AP_PLAN_ERROR_NOT_FOUND, _("It does not exist any more"));
  if (!validate (self, data->kind, data->fields, error))
    return FALSE;
  /* A step moved to another activity goes to the end of it. */
  if (data->kind == AP_ENTITY_STEP && scope != data->fields->activity_id &&
      !shift (self, info, scope, position + 1, -1, data->id, error))
    return FALSE;
  if ((stmt = ap_store_prepare (store, info->update_sql, error)) == NULL)
    return FALSE;
  next = bind_fields (stmt, data->kind, data->fields, 1);
  sqlite3_bind_int64 (stmt, next, data->id);
  if (!ap_store_step_done (store, stmt, error))
    return FALSE;
  if (data->kind == AP_ENTITY_STEP && scope != data->fields->activity_id)
    {
      gint64 n = query_int (self, info->count_sql, data->fields->activity_id, 1) - 1;

      if ((stmt = ap_store_prepare (store, info->set_position_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, n);
      sqlite3_bind_int64 (stmt, 2, data->id);
      return ap_store_step_done (store, stmt, error);
    }
  return TRUE;
}

gboolean
ap_plan_update_entity (ApPlan                *self,
                       ApEntityKind           kind,
                       gint64                 id,
                       const ApEntityFields  *fields,
                       GError               **error)
{
  EntityData data = { kind, fields, id, 0, 0 };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (kind < AP_N_ENTITIES && fields != NULL, FALSE);
  return ap_plan_run_command (self, _(entities[kind].edit_label), update_entity, &data, error);
}

/**
 * ap_plan_count_entity_uses:
 *
 * How many cards use the entity (for a pain category: its incidents and the cards that
 * address it), so that the GUI can ask what to do with them before removing it.
 */
guint
ap_plan_count_entity_uses (ApPlan       *self,
                           ApEntityKind  kind,
                           gint64        id)
{
  g_return_val_if_fail (AP_IS_PLAN (self), 0);
  g_return_val_if_fail (kind < AP_N_ENTITIES, 0);
  return (guint) query_int (self, entities[kind].uses_sql, id, 0);
}

/* Collects the ids a query returns for one parameter. */
static GArray *
query_ids (ApPlan     *self,
           const char *sql,
           gint64      a)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = ap_store_prepare (ap_plan_get_store (self), sql, NULL);

  if (stmt == NULL)
    return ids;
  sqlite3_bind_int64 (stmt, 1, a);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

/* The cards in a removed period or step move to the replacement (recorded in the change
 * history like any move) or, without one, are deleted (recorded as removed). */
static gboolean
dispose_cards (ApPlan      *self,
               EntityData  *data,
               GError     **error)
{
  g_autoptr(GArray) cards = NULL;

  if (data->kind == AP_ENTITY_PERIOD)
    cards = query_ids (self, "SELECT id FROM card WHERE period_id = ? ORDER BY step_id, position DESC", data->id);
  else if (data->kind == AP_ENTITY_STEP)
    cards = query_ids (self, "SELECT id FROM card WHERE step_id = ? ORDER BY period_id, position DESC", data->id);
  else if (data->kind == AP_ENTITY_ACTIVITY)
    cards = query_ids (self, "SELECT card.id FROM card JOIN step ON step.id = card.step_id"
                             " WHERE step.activity_id = ? ORDER BY card.period_id, card.position DESC", data->id);
  else
    return TRUE;

  for (guint i = 0; i < cards->len; i++)
    {
      gint64 card_id = g_array_index (cards, gint64, i);
      ApCard *card = ap_row_list_lookup (ap_plan_get_cards (self), card_id);
      gboolean ok;

      if (card == NULL)
        continue;
      if (data->replacement == 0)
        ok = ap_plan_delete_card_within_command (self, card_id, error);
      else if (data->kind == AP_ENTITY_PERIOD)
        ok = ap_plan_move_card_within_command (self, card_id, data->replacement,
                                               ap_card_get_step_id (card), G_MAXUINT, error);
      else
        ok = ap_plan_move_card_within_command (self, card_id, ap_card_get_period_id (card),
                                               data->replacement, G_MAXUINT, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Things that cards only point at (stage, initiative, organization, category) are
 * swapped for the replacement or simply let go. A pain category's incidents need a
 * category: they move to the replacement, or are deleted with it. */
static gboolean
release_references (ApPlan      *self,
                    EntityData  *data,
                    GError     **error)
{
  static const char * const replace_sql[AP_N_ENTITIES] = {
    [AP_ENTITY_ORGANIZATION] = "UPDATE OR IGNORE card_organization SET organization_id = ?1 WHERE organization_id = ?2",
    [AP_ENTITY_STAGE] = "UPDATE card SET stage_id = nullif(?1, 0) WHERE stage_id = ?2",
    [AP_ENTITY_INITIATIVE] = "UPDATE card SET initiative_id = nullif(?1, 0) WHERE initiative_id = ?2",
    [AP_ENTITY_CATEGORY] = "UPDATE OR IGNORE card_category SET category_id = ?1 WHERE category_id = ?2",
  };
  ApStore *store = ap_plan_get_store (self);
  sqlite3_stmt *stmt;

  if (replace_sql[data->kind] == NULL)
    return TRUE;
  if (data->replacement != 0 || data->kind == AP_ENTITY_STAGE || data->kind == AP_ENTITY_INITIATIVE)
    {
      if ((stmt = ap_store_prepare (store, replace_sql[data->kind], error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, data->replacement);
      sqlite3_bind_int64 (stmt, 2, data->id);
      if (!ap_store_step_done (store, stmt, error))
        return FALSE;
    }
  if (data->kind != AP_ENTITY_CATEGORY)
    return TRUE;
  stmt = ap_store_prepare (store, data->replacement != 0
                                    ? "UPDATE incident SET category_id = ?1 WHERE category_id = ?2"
                                    : "DELETE FROM incident WHERE category_id = ?2 AND ?1 = 0",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->replacement);
  sqlite3_bind_int64 (stmt, 2, data->id);
  return ap_store_step_done (store, stmt, error);
}

static gboolean
remove_entity (ApPlan   *self,
               gpointer  user_data,
               GError  **error)
{
  EntityData *data = user_data;
  const EntityInfo *info = &entities[data->kind];
  ApStore *store = ap_plan_get_store (self);
  gint64 position, scope, other_position, other_scope;
  sqlite3_stmt *stmt;

  if (!get_position (self, info, data->id, &position, &scope))
    return ap_plan_fail (error, AP_PLAN_ERROR_NOT_FOUND, _("It does not exist any more"));
  if (data->replacement == data->id ||
      (data->replacement != 0 && !get_position (self, info, data->replacement, &other_position, &other_scope)))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The replacement must be another existing one of the same kind"));
  if (!dispose_cards (self, data, error) || !release_references (self, data, error))
    return FALSE;
  /* An activity's steps go with it (ON DELETE CASCADE); its cards are handled above. */
  if ((stmt = ap_store_prepare (store, info->delete_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->id);
  if (!ap_store_step_done (store, stmt, error))
    return FALSE;
  return shift (self, info, scope, position + 1, -1, data->id, error);
}

/**
 * ap_plan_remove_entity:
 * @replacement_id: where its cards (or incidents) go, or 0
 *
 * Removes an entity. Cards in a removed period, step or activity move to the replacement
 * (a period or step of the same kind) or, with 0, are deleted. Cards that refer to a
 * removed stage, initiative, organization or category refer to the replacement instead,
 * or lose the reference. Like every command, one transaction and undoable.
 */
gboolean
ap_plan_remove_entity (ApPlan        *self,
                       ApEntityKind   kind,
                       gint64         id,
                       gint64         replacement_id,
                       GError       **error)
{
  EntityData data = { kind, NULL, id, 0, replacement_id };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (kind < AP_N_ENTITIES, FALSE);
  if (kind == AP_ENTITY_ACTIVITY && replacement_id != 0)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The cards of an activity can only be removed with it; move them to another step first"));
  return ap_plan_run_command (self, _(entities[kind].remove_label), remove_entity, &data, error);
}
