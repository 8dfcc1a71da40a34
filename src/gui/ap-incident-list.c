/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-incident-list"

#include "config.h"

#include <string.h>

#include "ap-incident-list.h"
#include "ap-objects.h"

struct _ApIncidentList
{
  GObject    parent_instance;

  ApRowList *incidents;
  GArray    *ids; /* gint64 */
};

/* More inserted items than a list view builds rows for (200 in GTK 4.8). */
#define LARGE_CHANGE 256

static void ap_incident_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ApIncidentList, ap_incident_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ap_incident_list_model_init))

static GType
ap_incident_list_get_item_type (GListModel *model)
{
  return AP_TYPE_INCIDENT;
}

static guint
ap_incident_list_get_n_items (GListModel *model)
{
  return AP_INCIDENT_LIST (model)->ids->len;
}

static gpointer
ap_incident_list_get_item (GListModel *model,
                           guint       position)
{
  ApIncidentList *self = AP_INCIDENT_LIST (model);
  gpointer item;

  if (position >= self->ids->len)
    return NULL;
  item = ap_row_list_lookup (self->incidents, g_array_index (self->ids, gint64, position));
  return item != NULL ? g_object_ref (item) : NULL;
}

static void
ap_incident_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ap_incident_list_get_item_type;
  iface->get_n_items = ap_incident_list_get_n_items;
  iface->get_item = ap_incident_list_get_item;
}

static void
ap_incident_list_finalize (GObject *object)
{
  ApIncidentList *self = AP_INCIDENT_LIST (object);

  g_clear_object (&self->incidents);
  g_clear_pointer (&self->ids, g_array_unref);
  G_OBJECT_CLASS (ap_incident_list_parent_class)->finalize (object);
}

static void
ap_incident_list_class_init (ApIncidentListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ap_incident_list_finalize;
}

static void
ap_incident_list_init (ApIncidentList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

ApIncidentList *
ap_incident_list_new (ApRowList *incidents)
{
  ApIncidentList *self;

  g_return_val_if_fail (AP_IS_ROW_LIST (incidents), NULL);
  self = g_object_new (AP_TYPE_INCIDENT_LIST, NULL);
  self->incidents = g_object_ref (incidents);
  return self;
}

/* Takes a reference on @ids, which it does not change. Unchanged heads and tails are
 * not reported, so a list widget keeps the rows (and the selection) that did not move.
 *
 * A large replacement is told as a removal, then an insertion. Told as one change,
 * GTK 4.8's list views look for the first row on screen among all the inserted items
 * whenever that row was removed — asking the model for each, which makes an incident
 * object for each: 89,000 of them for a one-letter search. Told in two, they find
 * nothing to look for and build the rows on screen afresh, which they would anyway. */
void
ap_incident_list_set_ids (ApIncidentList *self,
                          GArray         *ids)
{
  g_autoptr(GArray) old = NULL;
  guint head = 0, tail = 0, n_old, n_new, removed, added;
  const gint64 *a, *b;

  g_return_if_fail (AP_IS_INCIDENT_LIST (self));
  old = g_steal_pointer (&self->ids);
  a = (const gint64 *) old->data;
  b = (const gint64 *) ids->data;
  n_old = old->len;
  n_new = ids->len;
  while (head < n_old && head < n_new && a[head] == b[head])
    head++;
  while (tail < n_old - head && tail < n_new - head &&
         a[n_old - 1 - tail] == b[n_new - 1 - tail])
    tail++;
  removed = n_old - head - tail;
  added = n_new - head - tail;
  if (removed > 0 && added > LARGE_CHANGE)
    {
      /* In between, the list holds what both have: the head and the tail. */
      self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), head + tail);
      g_array_append_vals (self->ids, a, head);
      g_array_append_vals (self->ids, a + n_old - tail, tail);
      g_list_model_items_changed (G_LIST_MODEL (self), head, removed, 0);
      g_array_unref (self->ids);
      self->ids = g_array_ref (ids);
      g_list_model_items_changed (G_LIST_MODEL (self), head, 0, added);
      return;
    }
  self->ids = g_array_ref (ids);
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), head, removed, added);
}

/* Whether the list holds exactly @ids, in that order. */
gboolean
ap_incident_list_has_ids (ApIncidentList *self,
                          GArray         *ids)
{
  g_return_val_if_fail (AP_IS_INCIDENT_LIST (self), FALSE);
  return ids->len == self->ids->len &&
         memcmp (ids->data, self->ids->data, ids->len * sizeof (gint64)) == 0;
}

/* The ids, in order; the list's own array, not to be changed. */
GArray *
ap_incident_list_get_ids (ApIncidentList *self)
{
  g_return_val_if_fail (AP_IS_INCIDENT_LIST (self), NULL);
  return self->ids;
}

gint64
ap_incident_list_get_id (ApIncidentList *self,
                         guint           position)
{
  g_return_val_if_fail (AP_IS_INCIDENT_LIST (self), 0);
  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

gboolean
ap_incident_list_find (ApIncidentList *self,
                       gint64          id,
                       guint          *position)
{
  g_return_val_if_fail (AP_IS_INCIDENT_LIST (self), FALSE);
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }
  return FALSE;
}
