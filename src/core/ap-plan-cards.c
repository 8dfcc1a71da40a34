/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-history.h"
#include "ap-plan-private.h"
#include "ap-schema.h"

/* The card commands. Each validates its input, changes the rows, gives moved and new
 * cards sort keys within their cells (see AP_CARD_POSITION_GAP) and writes the change
 * history, all in the one transaction that ap_plan_run_command opens. */

#define MAX_TITLE 1000
#define MAX_TEXT 100000

static const ApUidSource card_uids = AP_UID_SOURCE ("card", "card");

static const char * const link_tables[AP_CARD_N_LINKS][3] = {
  { "DELETE FROM card_organization WHERE card_id = ?",
    "INSERT INTO card_organization (card_id, organization_id, position) VALUES (?, ?, ?)",
    "organization" },
  { "DELETE FROM card_category WHERE card_id = ?",
    "INSERT INTO card_category (card_id, category_id, position) VALUES (?, ?, ?)",
    "pain_category" },
  { "DELETE FROM card_incident WHERE card_id = ?",
    "INSERT INTO card_incident (card_id, incident_id, position) VALUES (?, ?, ?)",
    "incident" },
  { "DELETE FROM card_dependency WHERE card_id = ?",
    "INSERT INTO card_dependency (card_id, depends_on_id, position) VALUES (?, ?, ?)",
    "card" },
};

static gboolean
validate_fields (ApPlan             *self,
                 const ApCardFields *fields,
                 gint64              card_id,
                 GError            **error)
{
  g_autofree char *title = g_strstrip (g_strdup (fields->title != NULL ? fields->title : ""));

  if (*title == '\0')
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("A card needs a title"));
  if (g_utf8_strlen (fields->title, -1) > MAX_TITLE)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The card’s title is too long (at most 1,000 characters)"));
  if (fields->notes != NULL && g_utf8_strlen (fields->notes, -1) > MAX_TEXT)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The card’s notes are too long (at most 100,000 characters)"));
  if (!ap_plan_row_exists (self, "SELECT 1 FROM step WHERE id = ?", fields->step_id))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The card’s step does not exist"));
  if (!ap_plan_row_exists (self, "SELECT 1 FROM period WHERE id = ?", fields->period_id))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The card’s period does not exist"));
  if (fields->stage_id != 0 &&
      !ap_plan_row_exists (self, "SELECT 1 FROM stage WHERE id = ?", fields->stage_id))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The card’s stage does not exist"));
  if (fields->initiative_id != 0 &&
      !ap_plan_row_exists (self, "SELECT 1 FROM initiative WHERE id = ?", fields->initiative_id))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The card’s initiative does not exist"));
  for (guint i = 0; card_id != 0 && fields->links[AP_CARD_LINK_DEPENDENCIES] != NULL &&
       i < fields->n_links[AP_CARD_LINK_DEPENDENCIES]; i++)
    if (fields->links[AP_CARD_LINK_DEPENDENCIES][i] == card_id)
      return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("A card cannot depend on itself"));
  return TRUE;
}

static gboolean
write_links (ApPlan              *self,
             gint64               card_id,
             const ApCardFields  *fields,
             GError             **error)
{
  ApStore *store = ap_plan_get_store (self);

  for (guint link = 0; link < AP_CARD_N_LINKS; link++)
    {
      sqlite3_stmt *stmt;

      if (fields->links[link] == NULL)
        continue;
      if ((stmt = ap_store_prepare (store, link_tables[link][0], error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, card_id);
      if (!ap_store_step_done (store, stmt, error))
        return FALSE;
      for (guint i = 0; i < fields->n_links[link]; i++)
        {
          if ((stmt = ap_store_prepare (store, link_tables[link][1], error)) == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, card_id);
          sqlite3_bind_int64 (stmt, 2, fields->links[link][i]);
          sqlite3_bind_int64 (stmt, 3, i);
          if (!ap_store_step_done (store, stmt, error))
            {
              g_clear_error (error);
              return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("A card links to something that does not exist, or twice to the same thing"));
            }
        }
    }
  return TRUE;
}

/* Where cards land in a cell: @n free sort keys, from *@first on and *@stride apart,
 * that put them at @index among the cell's other cards (those whose ids are not in the
 * JSON array @moving; past the end appends). Usually the keys fit between the two
 * neighbours and nothing else changes; when there is no room the cell is renumbered
 * AP_CARD_POSITION_GAP apart, with a hole of @n places at @index. */
static gboolean
place_in_cell (ApPlan      *self,
               gint64       period_id,
               gint64       step_id,
               guint        index,
               const char  *moving,
               guint        n,
               gint64      *first,
               gint64      *stride,
               GError     **error)
{
  static const char count_sql[] =
    "SELECT count(*) FROM card WHERE period_id = ?1 AND step_id = ?2"
    " AND id NOT IN (SELECT value FROM json_each(?3))";
  static const char neighbours_sql[] =
    "SELECT position FROM card WHERE period_id = ?1 AND step_id = ?2"
    " AND id NOT IN (SELECT value FROM json_each(?3)) ORDER BY position, id LIMIT 2 OFFSET ?4";
  static const char renumber_sql[] =
    "UPDATE card SET position = (r.n + (r.n >= ?4) * ?5) * ?6 FROM"
    " (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS n FROM card"
    "  WHERE period_id = ?1 AND step_id = ?2 AND id NOT IN (SELECT value FROM json_each(?3))) AS r"
    " WHERE card.id = r.id";
  ApStore *store = ap_plan_get_store (self);
  sqlite3_stmt *stmt;
  gint64 keys[2] = { 0, 0 }, others = 0;
  guint n_keys = 0;
  int rc;

  if ((stmt = ap_store_prepare (store, count_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  sqlite3_bind_int64 (stmt, 2, step_id);
  sqlite3_bind_text (stmt, 3, moving, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    others = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return ap_store_set_error (store, error, "count");
  index = (guint) MIN ((gint64) index, others);

  if ((stmt = ap_store_prepare (store, neighbours_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, period_id);
  sqlite3_bind_int64 (stmt, 2, step_id);
  sqlite3_bind_text (stmt, 3, moving, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, index > 0 ? index - 1 : 0);
  while (n_keys < 2 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    keys[n_keys++] = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return ap_store_set_error (store, error, "neighbours");

  /* Keys far out (a cell only ever prepended to, or appended to, for ages) renumber too. */
  *stride = AP_CARD_POSITION_GAP;
  if (others == 0)
    *first = 0;
  else if (index == 0 && keys[0] > G_MININT64 / 2)
    *first = keys[0] - (gint64) n * AP_CARD_POSITION_GAP;
  else if (index == others && keys[0] < G_MAXINT64 / 2)
    *first = keys[0] + AP_CARD_POSITION_GAP;
  else if (index > 0 && index < others && (keys[1] - keys[0]) / (n + 1) > 0)
    {
      *stride = (keys[1] - keys[0]) / (n + 1);
      *first = keys[0] + *stride;
    }
  else
    {
      if ((stmt = ap_store_prepare (store, renumber_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, period_id);
      sqlite3_bind_int64 (stmt, 2, step_id);
      sqlite3_bind_text (stmt, 3, moving, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, index);
      sqlite3_bind_int64 (stmt, 5, n);
      sqlite3_bind_int64 (stmt, 6, AP_CARD_POSITION_GAP);
      if (!ap_store_step_done (store, stmt, error))
        return FALSE;
      *first = (gint64) index * AP_CARD_POSITION_GAP;
    }
  return TRUE;
}

static ApPeriodRank
period_rank (ApPlan *self,
             gint64  period_id)
{
  ApPeriod *period = ap_row_list_lookup (ap_plan_get_periods (self), period_id);
  ApPeriodRank rank = { 0, FALSE };

  if (period != NULL)
    {
      rank.position = ap_period_get_position (period);
      rank.is_backlog = ap_period_get_is_backlog (period);
    }
  return rank;
}

static const char *
period_name (ApPlan *self,
             gint64  period_id)
{
  ApPeriod *period = ap_row_list_lookup (ap_plan_get_periods (self), period_id);

  return period != NULL ? ap_period_get_name (period) : "?";
}

static const char *
step_name (ApPlan *self,
           gint64  step_id)
{
  ApStep *step = ap_row_list_lookup (ap_plan_get_steps (self), step_id);

  return step != NULL ? ap_step_get_name (step) : "?";
}

/* Writes the history entry for a card that moved from one cell to another. */
static gboolean
record_move (ApPlan     *self,
             gint64      card_id,
             const char *title,
             gint64      from_period,
             gint64      from_step,
             gint64      to_period,
             gint64      to_step,
             GError    **error)
{
  ApHistoryKind kind = ap_history_classify_move (period_rank (self, from_period),
                                                 period_rank (self, to_period),
                                                 from_period, to_period, from_step, to_step);
  g_autofree char *text = NULL;

  if (kind == AP_HISTORY_NONE)
    return TRUE;
  if (kind == AP_HISTORY_MOVED && from_period == to_period)
    text = g_strdup_printf (_("Moved “%s” from %s to %s in %s."), title,
                            step_name (self, from_step), step_name (self, to_step),
                            period_name (self, to_period));
  else
    text = g_strdup_printf (_("Moved “%s” from %s to %s."), title,
                            period_name (self, from_period), period_name (self, to_period));
  return ap_plan_add_history (self, kind, card_id, title, from_period, to_period,
                              from_step, to_step, text, error);
}

typedef struct
{
  const ApCardFields *fields;
  guint               position;
  gint64              card_id;
} AddData;

static gboolean
add_card (ApPlan   *self,
          gpointer  user_data,
          GError  **error)
{
  AddData *data = user_data;
  const ApCardFields *f = data->fields;
  ApStore *store = ap_plan_get_store (self);
  g_autofree char *uid = NULL;
  g_autofree char *text = NULL;
  gint64 position, stride;
  sqlite3_stmt *stmt;

  if (!validate_fields (self, f, 0, error))
    return FALSE;
  if ((uid = ap_plan_new_uid (self, &card_uids, error)) == NULL ||
      !place_in_cell (self, f->period_id, f->step_id, data->position, "[]", 1,
                      &position, &stride, error))
    return FALSE;

  stmt = ap_store_prepare (store,
                           "INSERT INTO card (uid, title, stage_id, stage_text, step_id, period_id,"
                           " position, notes, initiative_id)"
                           " VALUES (?, ?, nullif(?, 0), ?, ?, ?, ?, ?, nullif(?, 0))",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, f->title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, f->stage_id);
  sqlite3_bind_text (stmt, 4, f->stage_text != NULL ? f->stage_text : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, f->step_id);
  sqlite3_bind_int64 (stmt, 6, f->period_id);
  sqlite3_bind_int64 (stmt, 7, position);
  sqlite3_bind_text (stmt, 8, f->notes != NULL ? f->notes : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, f->initiative_id);
  if (!ap_store_step_done (store, stmt, error))
    return FALSE;
  data->card_id = sqlite3_last_insert_rowid (ap_store_get_db (store));

  if (!write_links (self, data->card_id, f, error))
    return FALSE;
  text = g_strdup_printf (_("Added “%s” to %s."), f->title, period_name (self, f->period_id));
  return ap_plan_add_history (self, AP_HISTORY_ADDED, data->card_id, f->title, 0,
                              f->period_id, 0, f->step_id, text, error);
}

/**
 * ap_plan_add_card:
 * @position: the place in the cell (0 first); past the end appends
 *
 * Returns: the new card's row id, or 0 on error.
 */
gint64
ap_plan_add_card (ApPlan              *self,
                  const ApCardFields  *fields,
                  guint                position,
                  GError             **error)
{
  AddData data = { fields, position, 0 };

  g_return_val_if_fail (AP_IS_PLAN (self), 0);
  g_return_val_if_fail (fields != NULL, 0);

  if (!ap_plan_run_command (self, _("Add Card"), add_card, &data, error))
    return 0;
  return data.card_id;
}

typedef struct
{
  const gint64 *ids;
  guint         n;
  gint64        period_id;
  gint64        step_id;
  guint         position;
} MoveData;

/* The cards land together, in the order given, at @position among the cell's other
 * cards; each writes its own row and history entry. */
static gboolean
move_cards (ApPlan   *self,
            gpointer  user_data,
            GError  **error)
{
  MoveData *data = user_data;
  ApStore *store = ap_plan_get_store (self);
  g_autoptr(GString) moving = g_string_new ("[");
  gint64 first, stride;

  if (!ap_plan_row_exists (self, "SELECT 1 FROM step WHERE id = ?", data->step_id) ||
      !ap_plan_row_exists (self, "SELECT 1 FROM period WHERE id = ?", data->period_id))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("There is no such cell in the roadmap"));
  for (guint i = 0; i < data->n; i++)
    {
      if (ap_row_list_lookup (ap_plan_get_cards (self), data->ids[i]) == NULL)
        {
          g_set_error_literal (error, AP_PLAN_ERROR, AP_PLAN_ERROR_NOT_FOUND,
                               _("The card does not exist any more"));
          return FALSE;
        }
      g_string_append_printf (moving, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", data->ids[i]);
    }
  g_string_append_c (moving, ']');
  if (data->n == 0 ||
      !place_in_cell (self, data->period_id, data->step_id, data->position, moving->str,
                      data->n, &first, &stride, error))
    return data->n == 0;

  for (guint i = 0; i < data->n; i++)
    {
      ApCard *card = ap_row_list_lookup (ap_plan_get_cards (self), data->ids[i]);
      g_autofree char *title = g_strdup (ap_card_get_title (card));
      gint64 from_period = ap_card_get_period_id (card);
      gint64 from_step = ap_card_get_step_id (card);
      sqlite3_stmt *stmt;

      stmt = ap_store_prepare (store, "UPDATE card SET period_id = ?, step_id = ?, position = ? WHERE id = ?",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, data->period_id);
      sqlite3_bind_int64 (stmt, 2, data->step_id);
      sqlite3_bind_int64 (stmt, 3, first + (gint64) i * stride);
      sqlite3_bind_int64 (stmt, 4, data->ids[i]);
      if (!ap_store_step_done (store, stmt, error) ||
          !record_move (self, data->ids[i], title, from_period, from_step,
                        data->period_id, data->step_id, error))
        return FALSE;
    }
  return TRUE;
}

/* For commands that move cards as part of a larger change (removing a period). */
gboolean
ap_plan_move_card_within_command (ApPlan  *self,
                                  gint64   card_id,
                                  gint64   period_id,
                                  gint64   step_id,
                                  guint    position,
                                  GError **error)
{
  MoveData data = { &card_id, 1, period_id, step_id, position };

  return move_cards (self, &data, error);
}

/**
 * ap_plan_move_card:
 * @position: the place among the cell's other cards (0 first); past the end appends
 *
 * Moves a card to a cell, or to another place in its own cell, in one undoable
 * command that records the move in the change history.
 */
gboolean
ap_plan_move_card (ApPlan  *self,
                   gint64   card_id,
                   gint64   period_id,
                   gint64   step_id,
                   guint    position,
                   GError **error)
{
  MoveData data = { &card_id, 1, period_id, step_id, position };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return ap_plan_run_command (self, _("Move Card"), move_cards, &data, error);
}

typedef struct
{
  gint64              card_id;
  const ApCardFields *fields;
} UpdateData;

static gboolean
update_card (ApPlan   *self,
             gpointer  user_data,
             GError  **error)
{
  UpdateData *data = user_data;
  const ApCardFields *f = data->fields;
  ApStore *store = ap_plan_get_store (self);
  ApCard *card = ap_row_list_lookup (ap_plan_get_cards (self), data->card_id);
  g_autofree char *old_title = NULL;
  MoveData move;
  sqlite3_stmt *stmt;

  if (card == NULL)
    {
      g_set_error_literal (error, AP_PLAN_ERROR, AP_PLAN_ERROR_NOT_FOUND,
                           _("The card does not exist any more"));
      return FALSE;
    }
  if (!validate_fields (self, f, data->card_id, error))
    return FALSE;

  old_title = g_strdup (ap_card_get_title (card));
  move = (MoveData) { &data->card_id, 1, f->period_id, f->step_id, G_MAXUINT };
  if ((f->period_id != ap_card_get_period_id (card) || f->step_id != ap_card_get_step_id (card)) &&
      !move_cards (self, &move, error))
    return FALSE;

  stmt = ap_store_prepare (store,
                           "UPDATE card SET title = ?, stage_id = nullif(?, 0), stage_text = ?,"
                           " notes = ?, initiative_id = nullif(?, 0) WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, f->title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, f->stage_id);
  sqlite3_bind_text (stmt, 3, f->stage_text != NULL ? f->stage_text : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, f->notes != NULL ? f->notes : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, f->initiative_id);
  sqlite3_bind_int64 (stmt, 6, data->card_id);
  if (!ap_store_step_done (store, stmt, error) || !write_links (self, data->card_id, f, error))
    return FALSE;

  if (g_strcmp0 (old_title, f->title) != 0)
    {
      g_autofree char *text = g_strdup_printf (_("Renamed “%s” to “%s”."), old_title, f->title);

      return ap_plan_add_history (self, AP_HISTORY_REPLACED, data->card_id, f->title,
                                  f->period_id, f->period_id, f->step_id, f->step_id,
                                  text, error);
    }
  return TRUE;
}

gboolean
ap_plan_update_card (ApPlan              *self,
                     gint64               card_id,
                     const ApCardFields  *fields,
                     GError             **error)
{
  UpdateData data = { card_id, fields };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  return ap_plan_run_command (self, _("Edit Card"), update_card, &data, error);
}

static gboolean
delete_card (ApPlan   *self,
             gpointer  user_data,
             GError  **error)
{
  gint64 card_id = *(gint64 *) user_data;
  ApStore *store = ap_plan_get_store (self);
  ApCard *card = ap_row_list_lookup (ap_plan_get_cards (self), card_id);
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  if (card == NULL)
    {
      g_set_error_literal (error, AP_PLAN_ERROR, AP_PLAN_ERROR_NOT_FOUND,
                           _("The card does not exist any more"));
      return FALSE;
    }
  text = g_strdup_printf (_("Removed “%s” from %s."), ap_card_get_title (card),
                          period_name (self, ap_card_get_period_id (card)));
  if (!ap_plan_add_history (self, AP_HISTORY_REMOVED, 0, ap_card_get_title (card),
                            ap_card_get_period_id (card), 0, ap_card_get_step_id (card), 0,
                            text, error))
    return FALSE;

  stmt = ap_store_prepare (store, "DELETE FROM card WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  return ap_store_step_done (store, stmt, error);
}

gboolean
ap_plan_delete_card_within_command (ApPlan  *self,
                                    gint64   card_id,
                                    GError **error)
{
  return delete_card (self, &card_id, error);
}

gboolean
ap_plan_delete_card (ApPlan  *self,
                     gint64   card_id,
                     GError **error)
{
  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return ap_plan_run_command (self, _("Delete Card"), delete_card, &card_id, error);
}

/**
 * ap_plan_move_cards:
 *
 * @position: the place among the cell's cards that stay (0 first); past the end appends
 *
 * Moves several cards to one cell, where they land together in the order given, in one
 * transaction (one undo step), each recorded in the change history.
 */
gboolean
ap_plan_move_cards (ApPlan        *self,
                    const gint64  *card_ids,
                    guint          n_cards,
                    gint64         period_id,
                    gint64         step_id,
                    guint          position,
                    GError       **error)
{
  MoveData data = { card_ids, n_cards, period_id, step_id, position };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (card_ids != NULL || n_cards == 0, FALSE);
  return ap_plan_run_command (self, n_cards == 1 ? _("Move Card") : _("Move Cards"),
                              move_cards, &data, error);
}

typedef struct
{
  const gint64 *ids;
  guint         n;
} DeleteManyData;

static gboolean
delete_cards (ApPlan   *self,
              gpointer  user_data,
              GError  **error)
{
  DeleteManyData *data = user_data;

  for (guint i = 0; i < data->n; i++)
    {
      gint64 id = data->ids[i];

      if (!delete_card (self, &id, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ap_plan_delete_cards (ApPlan        *self,
                      const gint64  *card_ids,
                      guint          n_cards,
                      GError       **error)
{
  DeleteManyData data = { card_ids, n_cards };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return ap_plan_run_command (self, n_cards == 1 ? _("Delete Card") : _("Delete Cards"),
                              delete_cards, &data, error);
}

/* Reading cards: what hangs off a card row (its links), for the plan's card list, and
 * a card's names. */

const char *
ap_plan_get_card_stage_label (ApPlan *self,
                              ApCard *card)
{
  const char *text = ap_card_get_stage_text (card);
  ApStage *stage;

  g_return_val_if_fail (AP_IS_PLAN (self), "");
  g_return_val_if_fail (AP_IS_CARD (card), "");

  if (text != NULL && *text != '\0')
    return text;
  stage = ap_row_list_lookup (ap_plan_get_stages (self), ap_card_get_stage_id (card));
  return stage != NULL && ap_stage_get_name (stage) != NULL ? ap_stage_get_name (stage) : "";
}

char *
ap_plan_dup_card_organization_names (ApPlan     *self,
                                     ApCard     *card,
                                     const char *separator)
{
  guint n = 0;
  const gint64 *ids;
  GString *names;

  g_return_val_if_fail (AP_IS_PLAN (self), NULL);
  g_return_val_if_fail (AP_IS_CARD (card), NULL);

  names = g_string_new (NULL);
  ids = ap_card_get_links (card, AP_CARD_LINK_ORGANIZATIONS, &n);
  for (guint i = 0; i < n; i++)
    {
      ApOrganization *org = ap_row_list_lookup (ap_plan_get_organizations (self), ids[i]);

      if (org == NULL || ap_organization_get_name (org) == NULL || *ap_organization_get_name (org) == '\0')
        continue;
      if (names->len > 0)
        g_string_append (names, separator);
      g_string_append (names, ap_organization_get_name (org));
    }
  return g_string_free (names, FALSE);
}

static const char * const link_sql[AP_CARD_N_LINKS] = {
  "SELECT organization_id FROM card_organization WHERE card_id = ? ORDER BY position",
  "SELECT category_id FROM card_category WHERE card_id = ? ORDER BY position",
  "SELECT incident_id FROM card_incident WHERE card_id = ? ORDER BY position",
  "SELECT depends_on_id FROM card_dependency WHERE card_id = ? ORDER BY position",
};

/* Loads a card's organizations, categories, incidents and dependencies. */
void
ap_plan_load_card_links (ApObject *object,
                         gpointer  user_data)
{
  ApPlan *self = user_data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint link = 0; link < AP_CARD_N_LINKS; link++)
    {
      sqlite3_stmt *stmt = ap_store_prepare (ap_plan_get_store (self), link_sql[link], NULL);

      if (stmt == NULL)
        continue;
      g_array_set_size (ids, 0);
      sqlite3_bind_int64 (stmt, 1, ap_object_get_id (object));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
      ap_card_set_links (AP_CARD (object), link, (const gint64 *) (gpointer) ids->data, ids->len);
    }
}

/* Every card's links, from one pass over each link table. */
gboolean
ap_plan_load_all_card_links (ApRowList  *list,
                             gpointer    user_data,
                             GError    **error)
{
  static const char * const all_links_sql[AP_CARD_N_LINKS] = {
    "SELECT card_id, organization_id FROM card_organization ORDER BY card_id, position",
    "SELECT card_id, category_id FROM card_category ORDER BY card_id, position",
    "SELECT card_id, incident_id FROM card_incident ORDER BY card_id, position",
    "SELECT card_id, depends_on_id FROM card_dependency ORDER BY card_id, position",
  };
  ApPlan *self = user_data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint link = 0; link < AP_CARD_N_LINKS; link++)
    {
      sqlite3_stmt *stmt = ap_store_prepare (ap_plan_get_store (self), all_links_sql[link], error);
      gint64 card = 0;
      int rc;

      if (stmt == NULL)
        return FALSE;
      g_array_set_size (ids, 0);
      do
        {
          gint64 next;

          rc = sqlite3_step (stmt);
          next = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
          /* A card's run of rows has ended: hand it its links. */
          if (next != card && card != 0)
            {
              ApCard *object = ap_row_list_lookup (list, card);

              if (object != NULL)
                ap_card_set_links (object, link, (const gint64 *) (gpointer) ids->data, ids->len);
              g_array_set_size (ids, 0);
            }
          card = next;
          if (rc == SQLITE_ROW)
            {
              gint64 target = sqlite3_column_int64 (stmt, 1);

              g_array_append_val (ids, target);
            }
        }
      while (rc == SQLITE_ROW);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return ap_store_set_error (ap_plan_get_store (self), error, "read");
    }
  return TRUE;
}
