/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ap-plan-private.h"

/* Commands for incidents and what hangs off them: dated anecdotes and ticket keys.
 * Each is one transaction and one undo step through ap_plan_run_command; the
 * incidents list refreshes from the recorded changeset (an anecdote or ticket change
 * refreshes its incident), and the search index follows through triggers. */

#define MAX_TITLE 1000
#define MAX_TEXT 100000
#define MAX_KEY 200

static const ApUidSource incident_uids = AP_UID_SOURCE ("incident", "inc");
static const ApUidSource anecdote_uids = AP_UID_SOURCE ("anecdote", "anec");
static const ApUidSource ticket_uids = AP_UID_SOURCE ("ticket", "tkt");

typedef struct
{
  gint64                  id;      /* the row changed; for adds, the new row */
  gint64                  owner;   /* adds: the incident */
  const ApIncidentFields *incident;
  const ApAnecdoteFields *anecdote;
  const char             *key;
  const char             *note;
} CommandData;

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/**
 * ap_is_anecdote_date:
 *
 * Whether @date is a real date written YYYY, YYYY-MM or YYYY-MM-DD: anecdotes are
 * often remembered only to the month ("~Aug 2021").
 */
gboolean
ap_is_anecdote_date (const char *date)
{
  gsize len;
  int y = 0, m = 1, d = 1;

  if (date == NULL)
    return FALSE;
  len = strlen (date);
  if (len != 4 && len != 7 && len != 10)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((i == 4 || i == 7) ? date[i] != '-' : !g_ascii_isdigit (date[i]))
      return FALSE;
  y = atoi (date);
  if (len >= 7)
    m = atoi (date + 5);
  if (len == 10)
    d = atoi (date + 8);
  return y >= 1 && g_date_valid_dmy (d, m, y);
}

static gboolean
validate_incident (ApPlan                  *self,
                   const ApIncidentFields  *f,
                   GError                 **error)
{
  if (is_blank (f->title))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("An incident needs a title"));
  if (g_utf8_strlen (f->title, -1) > MAX_TITLE)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The title is too long (at most 1,000 characters)"));
  if (f->description != NULL && g_utf8_strlen (f->description, -1) > MAX_TEXT)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The description is too long (at most 100,000 characters)"));
  if (f->occurrences < -1 || f->occurrences > 1000000000)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The number of occurrences must be between 0 and 1,000,000,000"));
  if (f->status != NULL && g_utf8_strlen (f->status, -1) > MAX_TITLE)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The status is too long (at most 1,000 characters)"));
  if (!ap_plan_row_exists (self, "SELECT 1 FROM pain_category WHERE id = ?", f->category_id))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The incident’s pain category does not exist"));
  return TRUE;
}

static gboolean
validate_anecdote (const ApAnecdoteFields  *f,
                   GError                 **error)
{
  if (f->date != NULL && *f->date != '\0' && !ap_is_anecdote_date (f->date))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The date must be a real date written as YYYY-MM-DD, YYYY-MM or YYYY"));
  if (is_blank (f->text))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("An anecdote needs some text"));
  if (g_utf8_strlen (f->text, -1) > MAX_TEXT)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The anecdote is too long (at most 100,000 characters)"));
  if (f->team != NULL && g_utf8_strlen (f->team, -1) > MAX_TITLE)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The team name is too long (at most 1,000 characters)"));
  return TRUE;
}

static gboolean
validate_ticket (const char  *key,
                 const char  *note,
                 GError     **error)
{
  if (is_blank (key))
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("A ticket needs a key, such as OPS-123"));
  for (const char *p = key; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("A ticket key cannot contain spaces"));
  if (g_utf8_strlen (key, -1) > MAX_KEY)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The ticket key is too long (at most 200 characters)"));
  if (note != NULL && g_utf8_strlen (note, -1) > MAX_TEXT)
    return ap_plan_fail (error, AP_PLAN_ERROR_INVALID, _("The ticket note is too long (at most 100,000 characters)"));
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           param,
           const char   *text)
{
  sqlite3_bind_text (stmt, param, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

/* Runs @sql (already bound) to completion and, for an UPDATE or DELETE, checks that
 * it found its row. */
static gboolean
run (ApPlan        *self,
     sqlite3_stmt  *stmt,
     gboolean       must_change,
     const char    *missing,
     GError       **error)
{
  ApStore *store = ap_plan_get_store (self);

  if (!ap_store_step_done (store, stmt, error))
    return FALSE;
  if (must_change && sqlite3_changes (ap_store_get_db (store)) == 0)
    return ap_plan_fail (error, AP_PLAN_ERROR_NOT_FOUND, missing);
  return TRUE;
}

static gboolean
add_incident_cb (ApPlan    *self,
                 gpointer   data,
                 GError   **error)
{
  CommandData *d = data;
  const ApIncidentFields *f = d->incident;
  g_autofree char *uid = ap_plan_new_uid (self, &incident_uids, error);
  g_autofree char *title = g_strstrip (g_strdup (f->title));
  sqlite3_stmt *stmt;

  if (uid == NULL)
    return FALSE;
  stmt = ap_store_prepare (ap_plan_get_store (self),
                           "INSERT INTO incident (uid, category_id, title, description, occurrences, status, position)"
                           " VALUES (?, ?, ?, ?, nullif (?, -1), ?,"
                           " (SELECT coalesce (max (position) + 1, 0) FROM incident))",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, uid);
  sqlite3_bind_int64 (stmt, 2, f->category_id);
  bind_text (stmt, 3, title);
  bind_text (stmt, 4, f->description);
  sqlite3_bind_int64 (stmt, 5, f->occurrences);
  bind_text (stmt, 6, f->status);
  if (!run (self, stmt, FALSE, NULL, error))
    return FALSE;
  d->id = sqlite3_last_insert_rowid (ap_store_get_db (ap_plan_get_store (self)));
  return TRUE;
}

static gboolean
update_incident_cb (ApPlan    *self,
                    gpointer   data,
                    GError   **error)
{
  CommandData *d = data;
  const ApIncidentFields *f = d->incident;
  g_autofree char *title = g_strstrip (g_strdup (f->title));
  sqlite3_stmt *stmt;

  stmt = ap_store_prepare (ap_plan_get_store (self),
                           "UPDATE incident SET category_id = ?, title = ?, description = ?,"
                           " occurrences = nullif (?, -1), status = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f->category_id);
  bind_text (stmt, 2, title);
  bind_text (stmt, 3, f->description);
  sqlite3_bind_int64 (stmt, 4, f->occurrences);
  bind_text (stmt, 5, f->status);
  sqlite3_bind_int64 (stmt, 6, d->id);
  return run (self, stmt, TRUE, _("The incident no longer exists"), error);
}

/* Deleting an incident takes its anecdotes, tickets and card links with it
 * (ON DELETE CASCADE); the changeset records them all, so undo brings them back. */
static gboolean
delete_row_cb (ApPlan    *self,
               gpointer   data,
               GError   **error)
{
  CommandData *d = data;
  sqlite3_stmt *stmt = ap_store_prepare (ap_plan_get_store (self), d->key, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->id);
  return run (self, stmt, TRUE, d->note, error);
}

static gboolean
write_anecdote_cb (ApPlan    *self,
                   gpointer   data,
                   GError   **error)
{
  CommandData *d = data;
  const ApAnecdoteFields *f = d->anecdote;
  g_autofree char *uid = NULL;
  g_autofree char *team = g_strstrip (g_strdup (f->team != NULL ? f->team : ""));
  const char *date = f->date != NULL && *f->date != '\0' ? f->date : NULL;
  sqlite3_stmt *stmt;

  if (d->owner != 0 && (uid = ap_plan_new_uid (self, &anecdote_uids, error)) == NULL)
    return FALSE;
  stmt = ap_store_prepare (ap_plan_get_store (self),
                           d->owner != 0
                             ? "INSERT INTO anecdote (date, approximate, team, text, incident_id, uid, position)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                               " (SELECT coalesce (max (position) + 1, 0) FROM anecdote WHERE incident_id = ?5))"
                             : "UPDATE anecdote SET date = ?1, approximate = ?2, team = ?3, text = ?4 WHERE id = ?5",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, f->approximate ? 1 : 0);
  bind_text (stmt, 3, team);
  bind_text (stmt, 4, f->text);
  sqlite3_bind_int64 (stmt, 5, d->owner != 0 ? d->owner : d->id);
  if (d->owner != 0)
    bind_text (stmt, 6, uid);
  if (!run (self, stmt, d->owner == 0, _("The anecdote no longer exists"), error))
    return FALSE;
  if (d->owner != 0)
    d->id = sqlite3_last_insert_rowid (ap_store_get_db (ap_plan_get_store (self)));
  return TRUE;
}

static gboolean
write_ticket_cb (ApPlan    *self,
                 gpointer   data,
                 GError   **error)
{
  CommandData *d = data;
  g_autofree char *uid = NULL;
  g_autofree char *key = g_strstrip (g_strdup (d->key));
  sqlite3_stmt *stmt;

  if (d->owner != 0 && (uid = ap_plan_new_uid (self, &ticket_uids, error)) == NULL)
    return FALSE;
  stmt = ap_store_prepare (ap_plan_get_store (self),
                           d->owner != 0
                             ? "INSERT INTO ticket (key, note, incident_id, uid, position)"
                               " VALUES (?1, ?2, ?3, ?4,"
                               " (SELECT coalesce (max (position) + 1, 0) FROM ticket WHERE incident_id = ?3))"
                             : "UPDATE ticket SET key = ?1, note = ?2 WHERE id = ?3",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, d->note);
  sqlite3_bind_int64 (stmt, 3, d->owner != 0 ? d->owner : d->id);
  if (d->owner != 0)
    bind_text (stmt, 4, uid);
  if (!run (self, stmt, d->owner == 0, _("The ticket no longer exists"), error))
    return FALSE;
  if (d->owner != 0)
    d->id = sqlite3_last_insert_rowid (ap_store_get_db (ap_plan_get_store (self)));
  return TRUE;
}

static gboolean
check_incident (ApPlan   *self,
                gint64    incident_id,
                GError  **error)
{
  if (!ap_plan_row_exists (self, "SELECT 1 FROM incident WHERE id = ?", incident_id))
    return ap_plan_fail (error, AP_PLAN_ERROR_NOT_FOUND, _("The incident no longer exists"));
  return TRUE;
}

gint64
ap_plan_add_incident (ApPlan                  *self,
                      const ApIncidentFields  *fields,
                      GError                 **error)
{
  CommandData d = { .incident = fields };

  g_return_val_if_fail (AP_IS_PLAN (self), 0);
  g_return_val_if_fail (fields != NULL, 0);
  if (!validate_incident (self, fields, error) ||
      !ap_plan_run_command (self, _("Add Incident"), add_incident_cb, &d, error))
    return 0;
  return d.id;
}

gboolean
ap_plan_update_incident (ApPlan                  *self,
                         gint64                   incident_id,
                         const ApIncidentFields  *fields,
                         GError                 **error)
{
  CommandData d = { .id = incident_id, .incident = fields };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  return check_incident (self, incident_id, error) &&
         validate_incident (self, fields, error) &&
         ap_plan_run_command (self, _("Edit Incident"), update_incident_cb, &d, error);
}

gboolean
ap_plan_delete_incident (ApPlan   *self,
                         gint64    incident_id,
                         GError  **error)
{
  CommandData d = { .id = incident_id, .key = "DELETE FROM incident WHERE id = ?",
                    .note = _("The incident no longer exists") };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return ap_plan_run_command (self, _("Delete Incident"), delete_row_cb, &d, error);
}

gint64
ap_plan_add_anecdote (ApPlan                  *self,
                      gint64                   incident_id,
                      const ApAnecdoteFields  *fields,
                      GError                 **error)
{
  CommandData d = { .owner = incident_id, .anecdote = fields };

  g_return_val_if_fail (AP_IS_PLAN (self), 0);
  g_return_val_if_fail (fields != NULL, 0);
  if (!check_incident (self, incident_id, error) ||
      !validate_anecdote (fields, error) ||
      !ap_plan_run_command (self, _("Add Anecdote"), write_anecdote_cb, &d, error))
    return 0;
  return d.id;
}

gboolean
ap_plan_update_anecdote (ApPlan                  *self,
                         gint64                   anecdote_id,
                         const ApAnecdoteFields  *fields,
                         GError                 **error)
{
  CommandData d = { .id = anecdote_id, .anecdote = fields };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  return validate_anecdote (fields, error) &&
         ap_plan_run_command (self, _("Edit Anecdote"), write_anecdote_cb, &d, error);
}

gboolean
ap_plan_delete_anecdote (ApPlan   *self,
                         gint64    anecdote_id,
                         GError  **error)
{
  CommandData d = { .id = anecdote_id, .key = "DELETE FROM anecdote WHERE id = ?",
                    .note = _("The anecdote no longer exists") };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return ap_plan_run_command (self, _("Delete Anecdote"), delete_row_cb, &d, error);
}

gint64
ap_plan_add_ticket (ApPlan      *self,
                    gint64       incident_id,
                    const char  *key,
                    const char  *note,
                    GError     **error)
{
  CommandData d = { .owner = incident_id, .key = key, .note = note };

  g_return_val_if_fail (AP_IS_PLAN (self), 0);
  if (!check_incident (self, incident_id, error) ||
      !validate_ticket (key, note, error) ||
      !ap_plan_run_command (self, _("Add Ticket"), write_ticket_cb, &d, error))
    return 0;
  return d.id;
}

gboolean
ap_plan_update_ticket (ApPlan      *self,
                       gint64       ticket_id,
                       const char  *key,
                       const char  *note,
                       GError     **error)
{
  CommandData d = { .id = ticket_id, .key = key, .note = note };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return validate_ticket (key, note, error) &&
         ap_plan_run_command (self, _("Edit Ticket"), write_ticket_cb, &d, error);
}

gboolean
ap_plan_delete_ticket (ApPlan   *self,
                       gint64    ticket_id,
                       GError  **error)
{
  CommandData d = { .id = ticket_id, .key = "DELETE FROM ticket WHERE id = ?",
                    .note = _("The ticket no longer exists") };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return ap_plan_run_command (self, _("Delete Ticket"), delete_row_cb, &d, error);
}

void
ap_incident_detail_free (ApIncidentDetail *detail)
{
  if (detail == NULL)
    return;
  g_free (detail->date);
  g_free (detail->team);
  g_free (detail->text);
  g_free (detail->key);
  g_free (detail);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

/**
 * ap_plan_list_anecdotes:
 *
 * Returns: (transfer container): the incident's anecdotes, oldest first (undated last)
 */
GPtrArray *
ap_plan_list_anecdotes (ApPlan *self,
                        gint64  incident_id)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) ap_incident_detail_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AP_IS_PLAN (self), list);
  stmt = ap_store_prepare (ap_plan_get_store (self),
                           "SELECT id, date, approximate, team, text FROM anecdote WHERE incident_id = ?"
                           " ORDER BY date IS NULL, date, position, id",
                           NULL);
  if (stmt == NULL)
    return list;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ApIncidentDetail *a = g_new0 (ApIncidentDetail, 1);

      a->id = sqlite3_column_int64 (stmt, 0);
      a->date = column_text (stmt, 1);
      a->approximate = sqlite3_column_int (stmt, 2) != 0;
      a->team = column_text (stmt, 3);
      a->text = column_text (stmt, 4);
      g_ptr_array_add (list, a);
    }
  sqlite3_reset (stmt);
  return list;
}

/**
 * ap_plan_list_tickets:
 *
 * Returns: (transfer container): the incident's tickets in their order
 */
GPtrArray *
ap_plan_list_tickets (ApPlan *self,
                      gint64  incident_id)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) ap_incident_detail_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AP_IS_PLAN (self), list);
  stmt = ap_store_prepare (ap_plan_get_store (self),
                           "SELECT id, key, note FROM ticket WHERE incident_id = ? ORDER BY position, id",
                           NULL);
  if (stmt == NULL)
    return list;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ApIncidentDetail *t = g_new0 (ApIncidentDetail, 1);

      t->id = sqlite3_column_int64 (stmt, 0);
      t->key = column_text (stmt, 1);
      t->text = column_text (stmt, 2);
      g_ptr_array_add (list, t);
    }
  sqlite3_reset (stmt);
  return list;
}

/**
 * ap_plan_list_addressing_cards:
 *
 * Returns: (transfer full): the ids (gint64) of the roadmap cards that address the
 *   incident itself or its pain category, in card order
 */
GArray *
ap_plan_list_addressing_cards (ApPlan *self,
                               gint64  incident_id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AP_IS_PLAN (self), ids);
  stmt = ap_store_prepare (ap_plan_get_store (self),
                           "SELECT card_id FROM card_incident WHERE incident_id = ?1"
                           " UNION SELECT cc.card_id FROM card_category cc"
                           " JOIN incident i ON i.category_id = cc.category_id WHERE i.id = ?1"
                           " ORDER BY 1",
                           NULL);
  if (stmt == NULL)
    return ids;
  sqlite3_bind_int64 (stmt, 1, incident_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}
