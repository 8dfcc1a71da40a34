/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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

  /* Sums per pain category for the charts table: category id → CategoryTotals. */
  GHashTable           *totals;

  /* Lists the rows read names from; their changes re-bind the rows. */
  GPtrArray            *lookup_models;

  GtkSortListModel     *outline_model;
  GtkSingleSelection   *outline_selection;
  GtkSorter            *outline_sorter;
  GtkSortListModel     *incidents_model;
  GtkSortListModel     *charts_model;
  GtkSorter            *charts_live_sorter;
  GtkSorter            *charts_occurrences_sorter;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkSpinner           *spinner;
  GMenu                *recent_section;
  GtkStack             *outline_stack;
  GtkColumnView        *outline_view;
  GtkColumnViewColumn  *outline_period_column;
  GtkColumnViewColumn  *outline_step_column;
  GtkColumnViewColumn  *outline_card_column;
  GtkColumnViewColumn  *outline_stage_column;
  GtkColumnViewColumn  *outline_organizations_column;
  GtkStack             *incidents_stack;
  GtkColumnView        *incidents_view;
  GtkColumnViewColumn  *incidents_issue_column;
  GtkColumnViewColumn  *incidents_category_column;
  GtkColumnViewColumn  *incidents_occurrences_column;
  GtkColumnViewColumn  *incidents_anecdotes_column;
  GtkColumnViewColumn  *incidents_last_seen_column;
  GtkColumnViewColumn  *incidents_status_column;
  GtkColumnViewColumn  *incidents_tickets_column;
  GtkStack             *charts_stack;
  GtkColumnView        *charts_view;
  GtkColumnViewColumn  *charts_category_column;
  GtkColumnViewColumn  *charts_status_column;
  GtkColumnViewColumn  *charts_recorded_column;
  GtkColumnViewColumn  *charts_live_column;
  GtkColumnViewColumn  *charts_occurrences_column;
};

AdwToast *ap_window_new_toast       (const char     *format,
                                     ...) G_GNUC_PRINTF (1, 2);

void     ap_window_views_class_init (GtkWidgetClass *widget_class);
void     ap_window_views_init       (ApWindow       *self);
void     ap_window_views_set_plan   (ApWindow       *self,
                                     ApPlan         *plan);
void     ap_window_views_dispose    (ApWindow       *self);
ApCard  *ap_window_views_get_selected_card (ApWindow *self);

G_END_DECLS
