/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ap-incident-query.h"
#include "ap-plan.h"

G_BEGIN_DECLS

#define AP_TYPE_INCIDENT_VIEW (ap_incident_view_get_type ())
G_DECLARE_FINAL_TYPE (ApIncidentView, ap_incident_view, AP, INCIDENT_VIEW, GtkWidget)

GtkWidget       *ap_incident_view_new               (void);
void             ap_incident_view_set_plan          (ApIncidentView *self,
                                                     ApPlan         *plan);
ApIncidentQuery *ap_incident_view_get_query         (ApIncidentView *self);
GListModel      *ap_incident_view_get_model         (ApIncidentView *self);
GtkEditable     *ap_incident_view_get_search_entry  (ApIncidentView *self);
const char      *ap_incident_view_get_match_text    (ApIncidentView *self);
const char      *ap_incident_view_get_visible_page  (ApIncidentView *self);
const char      *ap_incident_view_get_empty_description   (ApIncidentView *self);
void             ap_incident_view_set_category_filter (ApIncidentView *self,
                                                     gint64          category_id);
gboolean         ap_incident_view_select_incident   (ApIncidentView *self,
                                                     gint64          incident_id);
gint64           ap_incident_view_get_selected      (ApIncidentView *self);
guint            ap_incident_view_get_n_detail_anecdotes (ApIncidentView *self);
void             ap_incident_view_refresh_now       (ApIncidentView *self);
gboolean         ap_incident_view_export_csv        (ApIncidentView *self,
                                                     const char     *path,
                                                     GError        **error);
void             ap_incident_view_focus_search      (ApIncidentView *self);

G_END_DECLS
