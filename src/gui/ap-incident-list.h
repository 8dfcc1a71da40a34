/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ap-row-list.h"

G_BEGIN_DECLS

/* A GListModel of the incidents an ApIncidentQuery found, in the query's order. It
 * holds only their row ids; items are the plan's ApIncident objects, looked up when a
 * list widget asks for them — so only the rows on screen are ever read. */
#define AP_TYPE_INCIDENT_LIST (ap_incident_list_get_type ())
G_DECLARE_FINAL_TYPE (ApIncidentList, ap_incident_list, AP, INCIDENT_LIST, GObject)

ApIncidentList *ap_incident_list_new     (ApRowList      *incidents);
void            ap_incident_list_set_ids (ApIncidentList *self,
                                          GArray         *ids);
gboolean        ap_incident_list_has_ids (ApIncidentList *self,
                                          GArray         *ids);
GArray         *ap_incident_list_get_ids (ApIncidentList *self);
gint64          ap_incident_list_get_id  (ApIncidentList *self,
                                          guint           position);
gboolean        ap_incident_list_find    (ApIncidentList *self,
                                          gint64          id,
                                          guint          *position);

G_END_DECLS
