/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ap-history.h"
#include "ap-plan-private.h"
#include "ap-resources.h"
#include "ap-snapshot.h"

/* ApPlan is what the GUI holds: the store, the plan's objects as list models, and the
 * undo stack.
 *
 * Every command runs in one transaction with a SQLite session recording its changes.
 * The resulting changeset does three jobs: it tells which rows changed, so exactly
 * those objects are refreshed and their models emit items-changed; inverted, it is the
 * undo; as it is, the redo. Undo and redo apply changesets and refresh the models the
 * same way, so the GUI has one path for every change. */

typedef enum
{
  LIST_ORGANIZATIONS,
  LIST_ACTIVITIES,
  LIST_STEPS,
  LIST_PERIODS,
  LIST_STAGES,
  LIST_INITIATIVES,
  LIST_CARDS,
  LIST_CATEGORIES,
  LIST_INCIDENTS,
  LIST_HISTORY,
  N_LISTS
} ListId;

typedef struct
{
  char   *label;
  /* A changeset for ordinary commands; for an import, the snapshots before and after. */
  void   *changeset;
  int     changeset_size;
  GBytes *snapshot_before;
  GBytes *snapshot_after;
} UndoEntry;

struct _ApPlan
{
  GObject    parent_instance;

  ApStore   *store;
  char      *title;
  char      *description;
  char      *ticket_url_template;
  ApRowList *lists[N_LISTS];
  GQueue     undo_stack; /* UndoEntry*, newest first */
  GQueue     redo_stack;
};

G_DEFINE_FINAL_TYPE (ApPlan, ap_plan, G_TYPE_OBJECT)

G_DEFINE_QUARK (ap-plan-error-quark, ap_plan_error)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_TICKET_URL_TEMPLATE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* At most this many commands can be undone. */
#define UNDO_LIMIT 200

static void
undo_entry_free (UndoEntry *entry)
{
  g_free (entry->label);
  sqlite3_free (entry->changeset);
  g_clear_pointer (&entry->snapshot_before, g_bytes_unref);
  g_clear_pointer (&entry->snapshot_after, g_bytes_unref);
  g_free (entry);
}

static void
clear_stack (GQueue *stack)
{
  g_queue_clear_full (stack, (GDestroyNotify) undo_entry_free);
}

static void
notify_undo_state (ApPlan *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static gboolean
set_string (char       **slot,
            const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static gboolean
load_info (ApPlan  *self,
           GError **error)
{
  sqlite3_stmt *stmt = ap_store_prepare (self->store,
                                         "SELECT title, description, ticket_url_template FROM plan WHERE id = 1",
                                         error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return ap_store_set_error (self->store, error, "read plan");
    }
  g_object_freeze_notify (G_OBJECT (self));
  if (set_string (&self->title, (const char *) sqlite3_column_text (stmt, 0)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (set_string (&self->description, (const char *) sqlite3_column_text (stmt, 1)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  if (set_string (&self->ticket_url_template, (const char *) sqlite3_column_text (stmt, 2)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET_URL_TEMPLATE]);
  g_object_thaw_notify (G_OBJECT (self));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
reload_all (ApPlan  *self,
            GError **error)
{
  if (!load_info (self, error))
    return FALSE;
  for (guint i = 0; i < N_LISTS; i++)
    if (!ap_row_list_reload (self->lists[i], error))
      return FALSE;
  return TRUE;
}

static ApRowList *
list_for_table (ApPlan     *self,
                const char *table)
{
  for (guint i = 0; i < N_LISTS; i++)
    if (g_strcmp0 (ap_row_list_get_table (self->lists[i]), table) == 0)
      return self->lists[i];
  return NULL;
}

/* The incident an anecdote or ticket row belongs to. Deleted and inserted rows carry all
 * their values in the changeset; an update carries only what changed, so ask the file. */
static gint64
owner_incident (ApPlan                 *self,
                sqlite3_changeset_iter *iter,
                const char             *table,
                int                     op,
                gint64                  id)
{
  sqlite3_value *value = NULL;
  sqlite3_stmt *stmt;
  gint64 owner = 0;

  if (op == SQLITE_DELETE)
    sqlite3changeset_old (iter, 2, &value);
  else if (op == SQLITE_INSERT)
    sqlite3changeset_new (iter, 2, &value);
  if (value != NULL)
    return sqlite3_value_int64 (value);

  stmt = ap_store_prepare (self->store,
                           g_str_equal (table, "anecdote")
                             ? "SELECT incident_id FROM anecdote WHERE id = ?"
                             : "SELECT incident_id FROM ticket WHERE id = ?",
                           NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    owner = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return owner;
}

static void
collect_target (GHashTable *targets,
                ApRowList  *list,
                gint64      id)
{
  GHashTable *ids = g_hash_table_lookup (targets, list);

  if (ids == NULL)
    {
      ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (targets, list, ids);
    }
  g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
}

/* Refreshes exactly the objects whose rows the changeset touched. */
static void
refresh_from_changeset (ApPlan *self,
                        void   *changeset,
                        int     size)
{
  g_autoptr(GHashTable) targets = g_hash_table_new_full (NULL, NULL, NULL,
                                                         (GDestroyNotify) g_hash_table_unref);
  sqlite3_changeset_iter *iter = NULL;
  gboolean info_changed = FALSE;
  GHashTableIter hiter;
  gpointer key, value;

  if (sqlite3changeset_start (&iter, size, changeset) != SQLITE_OK)
    return;
  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_cols, op, indirect;
      sqlite3_value *pk = NULL;
      ApRowList *list;
      gint64 id;

      sqlite3changeset_op (iter, &table, &n_cols, &op, &indirect);
      if (op == SQLITE_INSERT)
        sqlite3changeset_new (iter, 0, &pk);
      else
        sqlite3changeset_old (iter, 0, &pk);
      id = pk != NULL ? sqlite3_value_int64 (pk) : 0;

      if (g_str_equal (table, "plan"))
        info_changed = TRUE;
      else if (g_str_has_prefix (table, "card_"))
        collect_target (targets, self->lists[LIST_CARDS], id); /* first key: card_id */
      else if (g_str_equal (table, "anecdote") || g_str_equal (table, "ticket"))
        collect_target (targets, self->lists[LIST_INCIDENTS],
                        owner_incident (self, iter, table, op, id));
      else if ((list = list_for_table (self, table)) != NULL)
        collect_target (targets, list, id);
    }
  sqlite3changeset_finalize (iter);

  if (info_changed)
    load_info (self, NULL);
  g_hash_table_iter_init (&hiter, targets);
  while (g_hash_table_iter_next (&hiter, &key, &value))
    {
      GHashTableIter iditer;
      gpointer idp;

      g_hash_table_iter_init (&iditer, value);
      while (g_hash_table_iter_next (&iditer, &idp, NULL))
        ap_row_list_refresh_row (key, *(gint64 *) idp);
    }
}

/* The search index (incident_fts and its shadow tables) is kept in step by triggers,
 * which also fire when a changeset is applied; recording its pages too would apply
 * each change twice on undo. */
static int
on_session_table_filter_cb (void       *ctx,
                            const char *table)
{
  return !g_str_has_prefix (table, "incident_fts");
}

static void
push_undo (ApPlan    *self,
           UndoEntry *entry)
{
  g_queue_push_head (&self->undo_stack, entry);
  while (g_queue_get_length (&self->undo_stack) > UNDO_LIMIT)
    undo_entry_free (g_queue_pop_tail (&self->undo_stack));
  clear_stack (&self->redo_stack);
  notify_undo_state (self);
}

/**
 * ap_plan_run_command:
 *
 * Runs @func in one transaction, saved when this returns, and makes it undoable.
 * On failure nothing is changed.
 */
gboolean
ap_plan_run_command (ApPlan         *self,
                     const char     *label,
                     ApCommandFunc   func,
                     gpointer        data,
                     GError        **error)
{
  sqlite3 *db = ap_store_get_db (self->store);
  sqlite3_session *session = NULL;
  UndoEntry *entry;
  void *changeset = NULL;
  int size = 0;

  if (!ap_store_begin (self->store, error))
    return FALSE;
  if (sqlite3session_create (db, "main", &session) != SQLITE_OK)
    {
      ap_store_set_error (self->store, error, "session");
      goto fail;
    }
  sqlite3session_table_filter (session, on_session_table_filter_cb, NULL);
  if (sqlite3session_attach (session, NULL) != SQLITE_OK)
    {
      ap_store_set_error (self->store, error, "session");
      goto fail;
    }
  if (!func (self, data, error))
    goto fail;
  if (sqlite3session_changeset (session, &size, &changeset) != SQLITE_OK)
    {
      ap_store_set_error (self->store, error, "session");
      goto fail;
    }
  sqlite3session_delete (g_steal_pointer (&session));
  if (!ap_store_commit (self->store, error))
    {
      sqlite3_free (changeset);
      return FALSE;
    }
  if (size == 0)
    {
      sqlite3_free (changeset);
      return TRUE;
    }

  refresh_from_changeset (self, changeset, size);
  entry = g_new0 (UndoEntry, 1);
  entry->label = g_strdup (label);
  entry->changeset = changeset;
  entry->changeset_size = size;
  push_undo (self, entry);
  return TRUE;

fail:
  if (session != NULL)
    sqlite3session_delete (session);
  ap_store_rollback (self->store);
  return FALSE;
}

static int
on_apply_conflict_cb (void                   *ctx,
                      int                     conflict,
                      sqlite3_changeset_iter *iter)
{
  switch (conflict)
    {
    case SQLITE_CHANGESET_NOTFOUND:
      /* Already gone: a foreign-key cascade earlier in the same changeset removed it. */
      return SQLITE_CHANGESET_OMIT;
    case SQLITE_CHANGESET_DATA:
      /* A reference that ON DELETE SET NULL already cleared; the row is ours to change. */
      return SQLITE_CHANGESET_REPLACE;
    default:
      return SQLITE_CHANGESET_ABORT;
    }
}

static gboolean
apply_changeset (ApPlan  *self,
                 void    *changeset,
                 int      size,
                 GError **error)
{
  sqlite3 *db = ap_store_get_db (self->store);
  int rc;

  if (!ap_store_begin (self->store, error))
    return FALSE;
  rc = sqlite3changeset_apply (db, size, changeset, NULL, on_apply_conflict_cb, self);
  if (rc != SQLITE_OK)
    {
      ap_store_rollback (self->store);
      g_set_error (error, AP_PLAN_ERROR, AP_PLAN_ERROR_CONFLICT,
                   _("The change cannot be undone because the plan was changed elsewhere (%s)"),
                   sqlite3_errstr (rc));
      return FALSE;
    }
  if (!ap_store_commit (self->store, error))
    return FALSE;
  refresh_from_changeset (self, changeset, size);
  return TRUE;
}

static gboolean
replace_with_snapshot (ApPlan  *self,
                       GBytes  *snapshot,
                       GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (snapshot, &len);

  if (!ap_snapshot_import (self->store, data, len, error))
    return FALSE;
  return reload_all (self, error);
}

static gboolean
undo_or_redo (ApPlan   *self,
              gboolean  undo,
              GError  **error)
{
  GQueue *from = undo ? &self->undo_stack : &self->redo_stack;
  GQueue *to = undo ? &self->redo_stack : &self->undo_stack;
  UndoEntry *entry = g_queue_peek_head (from);
  gboolean ok;

  if (entry == NULL)
    {
      g_set_error_literal (error, AP_PLAN_ERROR, AP_PLAN_ERROR_NOTHING_TO_UNDO,
                           undo ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }

  if (entry->snapshot_before != NULL)
    {
      ok = replace_with_snapshot (self, undo ? entry->snapshot_before : entry->snapshot_after, error);
    }
  else if (undo)
    {
      void *inverse = NULL;
      int inverse_size = 0;

      if (sqlite3changeset_invert (entry->changeset_size, entry->changeset,
                                   &inverse_size, &inverse) != SQLITE_OK)
        {
          g_set_error_literal (error, AP_PLAN_ERROR, AP_PLAN_ERROR_CONFLICT,
                               _("The change cannot be undone"));
          return FALSE;
        }
      ok = apply_changeset (self, inverse, inverse_size, error);
      sqlite3_free (inverse);
    }
  else
    {
      ok = apply_changeset (self, entry->changeset, entry->changeset_size, error);
    }

  if (!ok)
    return FALSE;
  g_queue_push_head (to, g_queue_pop_head (from));
  notify_undo_state (self);
  return TRUE;
}

static void
ap_plan_finalize (GObject *object)
{
  ApPlan *self = AP_PLAN (object);

  clear_stack (&self->undo_stack);
  clear_stack (&self->redo_stack);
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_object (&self->lists[i]);
  g_clear_object (&self->store);
  g_free (self->title);
  g_free (self->description);
  g_free (self->ticket_url_template);

  G_OBJECT_CLASS (ap_plan_parent_class)->finalize (object);
}

static void
ap_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  ApPlan *self = AP_PLAN (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_TICKET_URL_TEMPLATE:
      g_value_set_string (value, self->ticket_url_template);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ap_plan_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, ap_plan_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ap_plan_class_init (ApPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = ap_plan_finalize;
  object_class->get_property = ap_plan_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_TICKET_URL_TEMPLATE] =
    g_param_spec_string ("ticket-url-template", NULL, NULL, NULL, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ap_plan_init (ApPlan *self)
{
  g_queue_init (&self->undo_stack);
  g_queue_init (&self->redo_stack);
}

ApPlan *
ap_plan_new_for_store (ApStore  *store,
                       GError  **error)
{
  g_autoptr(ApPlan) self = NULL;
  GType list_types[N_LISTS] = {
    AP_TYPE_ORGANIZATION, AP_TYPE_ACTIVITY, AP_TYPE_STEP, AP_TYPE_PERIOD, AP_TYPE_STAGE,
    AP_TYPE_INITIATIVE, AP_TYPE_CARD, AP_TYPE_CATEGORY, AP_TYPE_INCIDENT, AP_TYPE_HISTORY_ENTRY,
  };

  g_return_val_if_fail (AP_IS_STORE (store), NULL);

  self = g_object_new (AP_TYPE_PLAN, NULL);
  self->store = g_object_ref (store);
  for (guint i = 0; i < N_LISTS; i++)
    self->lists[i] = ap_row_list_new (store, list_types[i]);
  ap_row_list_set_load_func (self->lists[LIST_CARDS], ap_plan_load_card_links, self);
  ap_row_list_set_bulk_load_func (self->lists[LIST_CARDS], ap_plan_load_all_card_links, self);

  if (!reload_all (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* $XDG_DATA_HOME/archplan/plan.archplan; the folder is created if needed. */
char *
ap_plan_get_default_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "archplan", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, "plan.archplan", NULL);
}

static gboolean
load_sample (ApStore  *store,
             GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  g_resources_register (ap_get_resource ());
  bytes = g_resources_lookup_data (AP_SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  return ap_snapshot_import (store, data, len, error);
}

/**
 * ap_plan_open:
 *
 * Opens the plan file at @path. With %AP_PLAN_OPEN_CREATE a missing file is created;
 * with %AP_PLAN_OPEN_SAMPLE as well, a plan created now starts as the sample plan.
 * A file that is refused (not a plan, damaged, locked, read-only, newer) is not changed.
 */
ApPlan *
ap_plan_open (const char       *path,
              ApPlanOpenFlags   flags,
              GError          **error)
{
  g_autoptr(ApStore) store = NULL;
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);

  store = ap_store_open (path,
                         ((flags & AP_PLAN_OPEN_CREATE) ? AP_STORE_OPEN_CREATE : 0) |
                         ((flags & AP_PLAN_OPEN_DEFER_CHECK) ? AP_STORE_OPEN_DEFER_CHECK : 0),
                         error);
  if (store == NULL)
    return NULL;
  if ((flags & AP_PLAN_OPEN_SAMPLE) && ap_store_get_created (store) && !load_sample (store, error))
    {
      g_clear_object (&store);
      if (!existed)
        g_unlink (path);
      return NULL;
    }
  return ap_plan_new_for_store (store, error);
}

ApStore *
ap_plan_get_store (ApPlan *self)
{
  g_return_val_if_fail (AP_IS_PLAN (self), NULL);
  return self->store;
}

const char *
ap_plan_get_path (ApPlan *self)
{
  g_return_val_if_fail (AP_IS_PLAN (self), NULL);
  return ap_store_get_path (self->store);
}

const char *
ap_plan_get_title (ApPlan *self)
{
  g_return_val_if_fail (AP_IS_PLAN (self), NULL);
  return self->title;
}

const char *
ap_plan_get_description (ApPlan *self)
{
  g_return_val_if_fail (AP_IS_PLAN (self), NULL);
  return self->description;
}

const char *
ap_plan_get_ticket_url_template (ApPlan *self)
{
  g_return_val_if_fail (AP_IS_PLAN (self), NULL);
  return self->ticket_url_template;
}

typedef struct
{
  const char *title;
  const char *description;
  const char *ticket_url_template;
} InfoData;

static gboolean
write_info (ApPlan   *self,
            gpointer  user_data,
            GError  **error)
{
  InfoData *info = user_data;
  sqlite3_stmt *stmt = ap_store_prepare (self->store,
                                         "UPDATE plan SET title = ?, description = ?, ticket_url_template = ? WHERE id = 1",
                                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, info->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, info->ticket_url_template, -1, SQLITE_TRANSIENT);
  return ap_store_step_done (self->store, stmt, error);
}

gboolean
ap_plan_set_info (ApPlan      *self,
                  const char  *title,
                  const char  *description,
                  const char  *ticket_url_template,
                  GError     **error)
{
  g_autofree char *stripped = NULL;
  InfoData info = {
    title != NULL ? title : self->title,
    description != NULL ? description : self->description,
    ticket_url_template != NULL ? ticket_url_template : self->ticket_url_template,
  };

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);

  stripped = g_strstrip (g_strdup (info.title != NULL ? info.title : ""));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, AP_PLAN_ERROR, AP_PLAN_ERROR_INVALID,
                           _("The plan needs a title"));
      return FALSE;
    }
  if (*info.ticket_url_template != '\0' && strstr (info.ticket_url_template, "%s") == NULL)
    {
      g_set_error_literal (error, AP_PLAN_ERROR, AP_PLAN_ERROR_INVALID,
                           _("The ticket address needs a %s where the ticket key goes"));
      return FALSE;
    }
  return ap_plan_run_command (self, _("Edit Plan Details"), write_info, &info, error);
}

#define LIST_GETTER(name, id) \
  ApRowList *                                        \
  ap_plan_get_##name (ApPlan *self)                  \
  {                                                  \
    g_return_val_if_fail (AP_IS_PLAN (self), NULL);  \
    return self->lists[id];                          \
  }

LIST_GETTER (organizations, LIST_ORGANIZATIONS)
LIST_GETTER (activities, LIST_ACTIVITIES)
LIST_GETTER (steps, LIST_STEPS)
LIST_GETTER (periods, LIST_PERIODS)
LIST_GETTER (stages, LIST_STAGES)
LIST_GETTER (initiatives, LIST_INITIATIVES)
LIST_GETTER (cards, LIST_CARDS)
LIST_GETTER (categories, LIST_CATEGORIES)
LIST_GETTER (incidents, LIST_INCIDENTS)
LIST_GETTER (history, LIST_HISTORY)

static gboolean
export_bytes (ApPlan  *self,
              GBytes **out,
              GError **error)
{
  g_autoptr(GString) json = g_string_new (NULL);

  if (!ap_snapshot_export (self->store, json, error))
    return FALSE;
  *out = g_string_free_to_bytes (g_steal_pointer (&json));
  return TRUE;
}

/* An import replaces everything, so its undo keeps whole snapshots rather than a
 * changeset of every row. */
gboolean
ap_plan_import_json_data (ApPlan      *self,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(GBytes) before = NULL;
  UndoEntry *entry;

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);

  if (!export_bytes (self, &before, error))
    return FALSE;
  if (!ap_snapshot_import (self->store, data, length, error))
    return FALSE;
  if (!reload_all (self, error))
    return FALSE;

  entry = g_new0 (UndoEntry, 1);
  entry->label = g_strdup (_("Import"));
  entry->snapshot_before = g_steal_pointer (&before);
  entry->snapshot_after = g_bytes_new (data, length);
  push_undo (self, entry);
  return TRUE;
}

gboolean
ap_plan_import_json_file (ApPlan      *self,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);

  /* The snapshot layer checks the size and refuses the plan's own files: reading and
   * closing a descriptor on the open database would drop SQLite's locks on it. */
  bytes = ap_snapshot_read_file (self->store, path, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  return ap_plan_import_json_data (self, data, len, error);
}

gboolean
ap_plan_export_json_file (ApPlan      *self,
                          const char  *path,
                          GError     **error)
{
  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return ap_snapshot_export_to_file (self->store, path, error);
}

gboolean
ap_plan_can_undo (ApPlan *self)
{
  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return !g_queue_is_empty (&self->undo_stack);
}

gboolean
ap_plan_can_redo (ApPlan *self)
{
  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return !g_queue_is_empty (&self->redo_stack);
}

const char *
ap_plan_get_undo_label (ApPlan *self)
{
  UndoEntry *entry = g_queue_peek_head (&self->undo_stack);

  return entry != NULL ? entry->label : NULL;
}

const char *
ap_plan_get_redo_label (ApPlan *self)
{
  UndoEntry *entry = g_queue_peek_head (&self->redo_stack);

  return entry != NULL ? entry->label : NULL;
}

gboolean
ap_plan_undo (ApPlan  *self,
              GError **error)
{
  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return undo_or_redo (self, TRUE, error);
}

gboolean
ap_plan_redo (ApPlan  *self,
              GError **error)
{
  g_return_val_if_fail (AP_IS_PLAN (self), FALSE);
  return undo_or_redo (self, FALSE, error);
}

/* Today's date as the history records it (YYYY-MM-DD, local time). */
char *
ap_plan_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* A fresh stable id such as "card-42" that no row of @table uses yet. */
char *
ap_plan_new_uid (ApPlan             *self,
                 const ApUidSource  *source,
                 GError            **error)
{
  sqlite3_stmt *stmt = ap_store_prepare (self->store, source->next_sql, error);
  gint64 n = 1;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if ((stmt = ap_store_prepare (self->store, source->exists_sql, error)) == NULL)
    return NULL;
  for (;; n++)
    {
      char *uid = g_strdup_printf ("%s-%" G_GINT64_FORMAT, source->prefix, n);
      int rc;

      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return uid;
      g_free (uid);
      if (rc != SQLITE_ROW)
        {
          ap_store_set_error (self->store, error, "uid");
          return NULL;
        }
    }
}

gboolean
ap_plan_add_history (ApPlan      *self,
                     int          kind,
                     gint64       card_id,
                     const char  *subject,
                     gint64       from_period_id,
                     gint64       to_period_id,
                     gint64       from_step_id,
                     gint64       to_step_id,
                     const char  *text,
                     GError     **error)
{
  static const ApUidSource uids = AP_UID_SOURCE ("history", "hist");
  g_autofree char *uid = ap_plan_new_uid (self, &uids, error);
  g_autofree char *today = ap_plan_today ();
  sqlite3_stmt *stmt;

  if (uid == NULL)
    return FALSE;
  stmt = ap_store_prepare (self->store,
                           "INSERT INTO history (uid, date, kind, card_id, subject, from_period_id,"
                           " to_period_id, from_step_id, to_step_id, text)"
                           " VALUES (?, ?, ?, nullif(?, 0), ?, nullif(?, 0), nullif(?, 0),"
                           " nullif(?, 0), nullif(?, 0), ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ap_history_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, card_id);
  sqlite3_bind_text (stmt, 5, subject, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, from_period_id);
  sqlite3_bind_int64 (stmt, 7, to_period_id);
  sqlite3_bind_int64 (stmt, 8, from_step_id);
  sqlite3_bind_int64 (stmt, 9, to_step_id);
  sqlite3_bind_text (stmt, 10, text, -1, SQLITE_STATIC);
  return ap_store_step_done (self->store, stmt, error);
}

/* Sets a plan error and returns FALSE, so a command can say `return ap_plan_fail (…)`. */
gboolean
ap_plan_fail (GError      **error,
              ApPlanError   code,
              const char   *message)
{
  g_set_error_literal (error, AP_PLAN_ERROR, code, message);
  return FALSE;
}

/* Whether the single-parameter query @sql (a literal; it is cached) finds a row. */
gboolean
ap_plan_row_exists (ApPlan     *self,
                    const char *sql,
                    gint64      id)
{
  sqlite3_stmt *stmt = ap_store_prepare (self->store, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}
