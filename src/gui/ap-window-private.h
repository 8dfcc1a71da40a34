/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-chart-view.h"
#include "ap-roadmap-view.h"
#include "ap-window.h"

G_BEGIN_DECLS

/* ApWindow is split in two files: ap-window.c has the window, its actions and the
 * plan's life cycle; ap-window-views.c builds the three interim views (the outline,
 * the incident table and the category table) that later widgets replace. */

struct _ApWindow
{
  AdwApplicationWindow  parent_instance;

  ApPlan               *plan;
  GSettings            *settings;
  GtkFileChooserNative *chooser;     /* the chooser being shown, if any */
  char                 *import_path; /* the file waiting for the import confirmation */
  guint                 busy_count;
  gboolean              disposed;
  guint                 refresh_id;  /* idle that re-reads lookups and totals */

  /* Lists the rows read names from; their changes re-bind the rows. */
  GPtrArray            *lookup_models;

  GtkSortListModel     *incidents_model;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkSpinner           *spinner;
  GMenu                *recent_section;
  ApRoadmapView        *roadmap_view;
  GtkStack             *incidents_stack;
  GtkColumnView        *incidents_view;
  GtkColumnViewColumn  *incidents_issue_column;
  GtkColumnViewColumn  *incidents_category_column;
  GtkColumnViewColumn  *incidents_occurrences_column;
  GtkColumnViewColumn  *incidents_anecdotes_column;
  GtkColumnViewColumn  *incidents_last_seen_column;
  GtkColumnViewColumn  *incidents_status_column;
  GtkColumnViewColumn  *incidents_tickets_column;
  ApChartView          *chart_view;
};

AdwToast *ap_window_new_toast       (const char     *format,
                                     ...) G_GNUC_PRINTF (1, 2);

void     ap_window_views_class_init (GtkWidgetClass *widget_class);
void     ap_window_views_init       (ApWindow       *self);
void     ap_window_views_set_plan   (ApWindow       *self,
                                     ApPlan         *plan);
void     ap_window_views_dispose    (ApWindow       *self);

G_END_DECLS
