/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-window-private.h"

/* The window's three pages are widgets of their own — ApRoadmapView, ApIncidentView
 * and ApChartView — named in the window's template; this file hands them the plan. */

void
ap_window_views_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (AP_TYPE_ROADMAP_VIEW);
  g_type_ensure (AP_TYPE_INCIDENT_VIEW);
}

void
ap_window_views_init (ApWindow *self)
{
}

void
ap_window_views_set_plan (ApWindow *self,
                          ApPlan   *plan)
{
  ap_incident_view_set_plan (self->incident_view, plan);
  ap_chart_view_set_plan (self->chart_view, plan);
}

void
ap_window_views_dispose (ApWindow *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->lookup_models, g_ptr_array_unref);
}
