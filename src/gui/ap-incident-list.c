/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-incident-list"

#include "config.h"

#include "ap-incident-list.h"
#include "ap-objects.h"

struct _ApIncidentList
{
  GObject    parent_instance;

  ApRowList *incidents;
  GArray    *ids; /* gint64 */
};

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

/* Takes a reference on @ids. Unchanged heads and tails are not reported, so a list
 * widget keeps the rows (and the selection) that did not move. */
void
ap_incident_list_set_ids (ApIncidentList *self,
                          GArray         *ids)
{
  g_autoptr(GArray) old = NULL;
  guint head = 0, tail = 0, n_old, n_new;
  const gint64 *a, *b;

  g_return_if_fail (AP_IS_INCIDENT_LIST (self));
  old = g_steal_pointer (&self->ids);
  self->ids = g_array_ref (ids);
  a = (const gint64 *) old->data;
  b = (const gint64 *) ids->data;
  n_old = old->len;
  n_new = ids->len;
  while (head < n_old && head < n_new && a[head] == b[head])
    head++;
  while (tail < n_old - head && tail < n_new - head &&
         a[n_old - 1 - tail] == b[n_new - 1 - tail])
    tail++;
  if (head == n_old && head == n_new)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), head, n_old - head - tail, n_new - head - tail);
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
