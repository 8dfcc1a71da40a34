/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-row-list"

#include "config.h"

#include "ap-row-list.h"

struct _ApRowList
{
  GObject            parent_instance;

  ApStore           *store;
  GType              item_type;
  char              *select_one_sql;
  char              *select_ids_sql;
  char              *select_all_sql;
  GArray            *ids;      /* gint64, ascending */
  GPtrArray         *objects;  /* ApObject* or NULL, parallel to ids */
  guint              n_made;   /* objects not NULL */
  ApRowListLoadFunc  load_func;
  gpointer           load_data;
  ApRowListBulkLoadFunc bulk_load_func;
  gpointer           bulk_load_data;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ApRowList, ap_row_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static gboolean
bsearch_id (ApRowList *self,
            gint64     id,
            guint     *position)
{
  guint lo = 0, hi = self->ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (self->ids, gint64, mid);

      if (v == id)
        {
          *position = mid;
          return TRUE;
        }
      if (v < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  *position = lo;
  return FALSE;
}

/* Slots of objects not yet made are NULL. */
static void
unref_if_made (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* Steps the cached "SELECT … WHERE id = ?" for @id; returns the statement on a row. */
static sqlite3_stmt *
select_row (ApRowList *self,
            gint64     id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ap_store_prepare (self->store, self->select_one_sql, &error);

  if (stmt == NULL)
    {
      g_warning ("Cannot read %s %" G_GINT64_FORMAT ": %s",
                 ap_row_list_get_table (self), id, error->message);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW ? stmt : NULL;
}

static gpointer
materialize (ApRowList *self,
             guint      position)
{
  ApObject *object = g_ptr_array_index (self->objects, position);
  sqlite3_stmt *stmt;

  if (object != NULL)
    return object;

  stmt = select_row (self, g_array_index (self->ids, gint64, position));
  if (stmt == NULL)
    return NULL;
  object = ap_object_new_from_row (self->item_type, stmt);
  sqlite3_reset (stmt);
  if (self->load_func != NULL)
    self->load_func (object, self->load_data);
  g_ptr_array_index (self->objects, position) = object;
  self->n_made++;
  return object;
}

static GType
ap_row_list_get_item_type (GListModel *model)
{
  return AP_ROW_LIST (model)->item_type;
}

static guint
ap_row_list_get_n_items (GListModel *model)
{
  return AP_ROW_LIST (model)->ids->len;
}

static gpointer
ap_row_list_get_item (GListModel *model,
                      guint       position)
{
  ApRowList *self = AP_ROW_LIST (model);
  gpointer object;

  if (position >= self->ids->len)
    return NULL;
  object = materialize (self, position);
  return object != NULL ? g_object_ref (object) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ap_row_list_get_item_type;
  iface->get_n_items = ap_row_list_get_n_items;
  iface->get_item = ap_row_list_get_item;
}

static void
ap_row_list_finalize (GObject *object)
{
  ApRowList *self = AP_ROW_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->objects, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_free (self->select_one_sql);
  g_free (self->select_ids_sql);
  g_free (self->select_all_sql);

  G_OBJECT_CLASS (ap_row_list_parent_class)->finalize (object);
}

static void
ap_row_list_class_init (ApRowListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ap_row_list_finalize;
}

static void
ap_row_list_init (ApRowList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->objects = g_ptr_array_new_with_free_func (unref_if_made);
}

ApRowList *
ap_row_list_new (ApStore *store,
                 GType    item_type)
{
  ApRowList *self;
  g_autoptr(GTypeClass) klass = g_type_class_ref (item_type);
  ApObjectClass *object_class = (ApObjectClass *) klass;

  g_return_val_if_fail (AP_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (item_type, AP_TYPE_OBJECT), NULL);

  self = g_object_new (AP_TYPE_ROW_LIST, NULL);
  self->store = g_object_ref (store);
  self->item_type = item_type;
  self->select_one_sql = g_strdup_printf ("%s WHERE id = ?",
                                          ap_object_class_get_select_sql (object_class));
  self->select_ids_sql = g_strdup_printf ("SELECT id FROM %s ORDER BY id", object_class->table);
  self->select_all_sql = g_strdup_printf ("%s ORDER BY id", ap_object_class_get_select_sql (object_class));
  return self;
}

void
ap_row_list_set_load_func (ApRowList         *self,
                           ApRowListLoadFunc  func,
                           gpointer           user_data)
{
  self->load_func = func;
  self->load_data = user_data;
}

void
ap_row_list_set_bulk_load_func (ApRowList             *self,
                                ApRowListBulkLoadFunc  func,
                                gpointer               user_data)
{
  self->bulk_load_func = func;
  self->bulk_load_data = user_data;
}

/* Makes every object not made yet, from one pass over the table instead of a query per
 * row (each of which, outside a transaction, takes and drops the file's read lock): for
 * lists that every view walks whole, such as the roadmap's cards. What hangs off the
 * rows is loaded by the bulk load function if there is one, else row by row. Once every
 * object is made, it costs nothing. */
gboolean
ap_row_list_make_all (ApRowList  *self,
                      GError    **error)
{
  sqlite3_stmt *stmt;
  guint position = 0;
  int rc;

  g_return_val_if_fail (AP_IS_ROW_LIST (self), FALSE);

  if (self->n_made == self->ids->len)
    return TRUE;
  if ((stmt = ap_store_prepare (self->store, self->select_all_sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      /* Both are in id order; a row added since the ids were read waits for its refresh. */
      while (position < self->ids->len && g_array_index (self->ids, gint64, position) < id)
        position++;
      if (position == self->ids->len)
        break;
      if (g_array_index (self->ids, gint64, position) != id ||
          g_ptr_array_index (self->objects, position) != NULL)
        continue;
      g_ptr_array_index (self->objects, position) = ap_object_new_from_row (self->item_type, stmt);
      self->n_made++;
      if (self->bulk_load_func == NULL && self->load_func != NULL)
        self->load_func (g_ptr_array_index (self->objects, position), self->load_data);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return ap_store_set_error (self->store, error, "read");
  return self->bulk_load_func == NULL || self->bulk_load_func (self, self->bulk_load_data, error);
}

const char *
ap_row_list_get_table (ApRowList *self)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (self->item_type);

  return ((ApObjectClass *) klass)->table;
}

/* Re-reads the ids; every object is made again when next asked for. */
gboolean
ap_row_list_reload (ApRowList  *self,
                    GError    **error)
{
  sqlite3_stmt *stmt = ap_store_prepare (self->store, self->select_ids_sql, error);
  guint old_n = self->ids->len;
  int rc;

  if (stmt == NULL)
    return FALSE;

  g_array_set_size (self->ids, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (self->ids, id);
    }
  sqlite3_reset (stmt);
  g_ptr_array_set_size (self->objects, 0);
  g_ptr_array_set_size (self->objects, self->ids->len);
  self->n_made = 0;

  if (rc != SQLITE_DONE)
    return ap_store_set_error (self->store, error, "read");
  if (old_n != 0 || self->ids->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->ids->len);
  return TRUE;
}

/* Brings the list in step with row @id after a command changed it: the row was added,
 * changed or removed. */
void
ap_row_list_refresh_row (ApRowList *self,
                         gint64     id)
{
  sqlite3_stmt *stmt = select_row (self, id);
  guint position;
  gboolean present = bsearch_id (self, id, &position);

  if (stmt == NULL && present)
    {
      g_array_remove_index (self->ids, position);
      if (g_ptr_array_index (self->objects, position) != NULL)
        self->n_made--;
      g_ptr_array_remove_index (self->objects, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  else if (stmt != NULL && !present)
    {
      g_array_insert_val (self->ids, position, id);
      g_ptr_array_insert (self->objects, position, NULL);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
  else if (stmt != NULL)
    {
      ApObject *object = g_ptr_array_index (self->objects, position);

      if (object != NULL)
        {
          ap_object_update_from_row (object, stmt);
          if (self->load_func != NULL)
            self->load_func (object, self->load_data);
        }
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

/* The object for row @id (made if needed), or NULL. Owned by the list. */
gpointer
ap_row_list_lookup (ApRowList *self,
                    gint64     id)
{
  guint position;

  g_return_val_if_fail (AP_IS_ROW_LIST (self), NULL);
  if (!bsearch_id (self, id, &position))
    return NULL;
  return materialize (self, position);
}

gboolean
ap_row_list_find (ApRowList *self,
                  gint64     id,
                  guint     *position)
{
  guint pos;
  gboolean found;

  g_return_val_if_fail (AP_IS_ROW_LIST (self), FALSE);
  found = bsearch_id (self, id, &pos);
  if (position != NULL)
    *position = pos;
  return found;
}
