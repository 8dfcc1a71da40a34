/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-incident-list.h"
#include "ap-incident-view.h"

G_BEGIN_DECLS

/* ApIncidentView is split: ap-incident-view.c has the list, search and filters;
 * ap-incident-view-columns.c the list's columns and their sort;
 * ap-incident-view-detail.c the detail pane; ap-incident-editor.c the edit dialogs. */

struct _ApIncidentView
{
  GtkWidget            parent_instance;

  ApPlan              *plan;
  ApIncidentQuery     *query;
  ApIncidentList      *list;
  GtkSliceListModel   *first_screen;    /* list → first_screen → selection */
  GtkSingleSelection  *selection;
  GSettings           *settings;
  guint                refresh_id;
  guint                reveal_id;       /* lifts first_screen's limit */
  gboolean             query_changed;   /* since the last refresh */
  gboolean             updating_sort;
  gboolean             updating_filters;
  gboolean             refreshing;      /* the list's ids are being swapped */
  gboolean             filters_dirty;   /* the popovers need rebuilding */
  gint64               detail_id;
  guint                n_detail_anecdotes;
  char                *match_text;
  int                  sorted_column;   /* set by the probe sorters */

  /* Template children. */
  AdwToastOverlay     *toast_overlay;
  GtkSearchEntry      *search_entry;
  GtkMenuButton       *category_button;
  GtkMenuButton       *status_button;
  GtkMenuButton       *team_button;
  GtkMenuButton       *dates_button;
  GtkBox              *category_box;
  GtkBox              *status_box;
  GtkBox              *team_box;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkLabel            *match_label;
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *columns[7];
  GtkBox              *detail_box;
};

void  ap_incident_view_setup_columns   (ApIncidentView *self);
void  ap_incident_view_restore_sort    (ApIncidentView *self);
const char *ap_incident_view_category_name (ApIncidentView *self,
                                            gint64          id);

void  ap_incident_view_detail_update   (ApIncidentView *self);
void  ap_incident_view_add_toast       (ApIncidentView *self,
                                        AdwToast       *toast);
void  ap_incident_view_show_error      (ApIncidentView *self,
                                        const GError   *error);
void  ap_incident_view_deleted_toast   (ApIncidentView *self,
                                        const char     *message);
char *ap_incident_format_date          (const char     *date,
                                        gboolean        approximate);

void  ap_incident_editor_edit_incident (ApIncidentView *self,
                                        gint64          incident_id);
void  ap_incident_editor_edit_anecdote (ApIncidentView *self,
                                        gint64          incident_id,
                                        const ApIncidentDetail *anecdote);
void  ap_incident_editor_edit_ticket   (ApIncidentView *self,
                                        gint64          incident_id,
                                        const ApIncidentDetail *ticket);
void  ap_incident_editor_manage_categories (ApIncidentView *self);
void  ap_incident_editor_attach_calendar (GtkEntry     *entry);

G_END_DECLS
