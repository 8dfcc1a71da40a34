/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ap-store.h"

G_BEGIN_DECLS

/* The columns the incident browser sorts by. DEFAULT is the plan's own order. */
typedef enum
{
  AP_INCIDENT_SORT_DEFAULT,
  AP_INCIDENT_SORT_ISSUE,
  AP_INCIDENT_SORT_CATEGORY,
  AP_INCIDENT_SORT_OCCURRENCES,
  AP_INCIDENT_SORT_ANECDOTES,
  AP_INCIDENT_SORT_LAST_SEEN,
  AP_INCIDENT_SORT_STATUS,
  AP_INCIDENT_SORT_TICKETS,
  AP_INCIDENT_N_SORTS
} ApIncidentSort;

const char *ap_incident_sort_to_string   (ApIncidentSort  sort);
gboolean    ap_incident_sort_from_string (const char     *name,
                                          ApIncidentSort *sort);

/* What the incident browser shows: search text, filters and sort. Running it gives
 * the matching incidents' row ids, from SQL statements with every value bound. The
 * query keeps the ordered ids of its filters and sort (its base) between runs, so
 * that a keystroke in the search costs the bare FTS5 MATCH and a pass over them. */
#define AP_TYPE_INCIDENT_QUERY (ap_incident_query_get_type ())
G_DECLARE_FINAL_TYPE (ApIncidentQuery, ap_incident_query, AP, INCIDENT_QUERY, GObject)

ApIncidentQuery *ap_incident_query_new            (void);
void          ap_incident_query_set_text          (ApIncidentQuery *self,
                                                   const char      *text);
const char   *ap_incident_query_get_text          (ApIncidentQuery *self);
void          ap_incident_query_set_categories    (ApIncidentQuery *self,
                                                   const gint64    *ids,
                                                   guint            n_ids);
const gint64 *ap_incident_query_get_categories    (ApIncidentQuery *self,
                                                   guint           *n_ids);
void          ap_incident_query_set_statuses      (ApIncidentQuery *self,
                                                   const char * const *statuses);
const char * const *ap_incident_query_get_statuses (ApIncidentQuery *self);
void          ap_incident_query_set_team          (ApIncidentQuery *self,
                                                   const char      *team);
const char   *ap_incident_query_get_team          (ApIncidentQuery *self);
void          ap_incident_query_set_date_range    (ApIncidentQuery *self,
                                                   const char      *from,
                                                   const char      *to);
const char   *ap_incident_query_get_date_from     (ApIncidentQuery *self);
const char   *ap_incident_query_get_date_to       (ApIncidentQuery *self);
void          ap_incident_query_set_sort          (ApIncidentQuery *self,
                                                   ApIncidentSort   sort,
                                                   gboolean         descending);
ApIncidentSort ap_incident_query_get_sort         (ApIncidentQuery *self,
                                                   gboolean        *descending);
gboolean      ap_incident_query_has_filters       (ApIncidentQuery *self);
gboolean      ap_incident_query_has_search        (ApIncidentQuery *self);
void          ap_incident_query_clear_filters     (ApIncidentQuery *self);

GArray       *ap_incident_query_run               (ApIncidentQuery *self,
                                                   ApStore         *store,
                                                   GError         **error);

char         *ap_incident_query_build_match       (const char      *text);

G_END_DECLS
