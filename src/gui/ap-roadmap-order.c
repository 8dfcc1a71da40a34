/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-order"

#include "config.h"

#include "ap-roadmap-order.h"

/* The plan's list of one kind of entity. */
ApRowList *
ap_roadmap_get_list (ApPlan       *plan,
                     ApEntityKind  kind)
{
  ApRowList *(*getters[AP_N_ENTITIES]) (ApPlan *) = {
    ap_plan_get_organizations, ap_plan_get_activities, ap_plan_get_steps,
    ap_plan_get_periods, ap_plan_get_stages, ap_plan_get_initiatives,
    ap_plan_get_categories,
  };

  g_return_val_if_fail (kind < AP_N_ENTITIES, NULL);
  return getters[kind] (plan);
}

int
ap_roadmap_compare_periods (ApPeriod *a,
                            ApPeriod *b)
{
  gint64 pa = ap_period_get_position (a), pb = ap_period_get_position (b);
  gint64 ia = ap_object_get_id (AP_OBJECT (a)), ib = ap_object_get_id (AP_OBJECT (b));

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

static gint64
activity_position (ApPlan *plan,
                   gint64  activity_id)
{
  ApActivity *activity = ap_row_list_lookup (ap_plan_get_activities (plan), activity_id);

  return activity != NULL ? ap_activity_get_position (activity) : G_MAXINT64;
}

/* Steps read left to right: by their activity's position, then their own. */
int
ap_roadmap_compare_steps (ApPlan *plan,
                          ApStep *a,
                          ApStep *b)
{
  gint64 aa = activity_position (plan, ap_step_get_activity_id (a));
  gint64 ab = activity_position (plan, ap_step_get_activity_id (b));
  gint64 pa = ap_step_get_position (a), pb = ap_step_get_position (b);

  if (aa != ab)
    return aa < ab ? -1 : 1;
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return (ap_object_get_id (AP_OBJECT (a)) > ap_object_get_id (AP_OBJECT (b))) -
         (ap_object_get_id (AP_OBJECT (a)) < ap_object_get_id (AP_OBJECT (b)));
}

static gint64
entity_position (gpointer item)
{
  gint64 position = 0;

  g_object_get (item, "position", &position, NULL);
  return position;
}

static int
compare_sorted_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      plan)
{
  gpointer x = *(gpointer *) a, y = *(gpointer *) b;
  gint64 px, py;

  if (AP_IS_PERIOD (x))
    return ap_roadmap_compare_periods (x, y);
  if (AP_IS_STEP (x))
    return ap_roadmap_compare_steps (plan, x, y);
  px = entity_position (x);
  py = entity_position (y);
  return (px > py) - (px < py);
}

/**
 * ap_roadmap_dup_sorted:
 * @plan: a plan
 * @kind: which list
 *
 * Returns: (transfer full): the list's objects in the order the roadmap shows them
 */
GPtrArray *
ap_roadmap_dup_sorted (ApPlan       *plan,
                       ApEntityKind  kind)
{
  GListModel *list = G_LIST_MODEL (ap_roadmap_get_list (plan, kind));
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (items, g_list_model_get_item (list, i));
  g_ptr_array_sort_with_data (items, compare_sorted_cb, plan);
  return items;
}
