/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-chart-view.h"
#include "ap-incident-view.h"
#include "ap-roadmap-view.h"
#include "ap-window.h"

G_BEGIN_DECLS

/* ApWindow is split in two files: ap-window.c has the window, its actions and the
 * plan's life cycle; ap-window-views.c hands the plan to the three page widgets. */

struct _ApWindow
{
  AdwApplicationWindow  parent_instance;

  ApPlan               *plan;
  GSettings            *settings;
  GtkFileChooserNative *chooser;     /* the chooser being shown, if any */
  char                 *import_path; /* the file waiting for the import confirmation */
  guint                 busy_count;
  gboolean              disposed;
  /* Left over from the interim tables: nothing sets these any more. The pages refresh
   * themselves, and the category totals are ApChartData's figures. */
  guint                 refresh_id;
  GPtrArray            *lookup_models;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkSpinner           *spinner;
  GMenu                *recent_section;
  ApRoadmapView        *roadmap_view;
  ApIncidentView       *incident_view;
  ApChartView          *chart_view;
};

AdwToast *ap_window_new_toast       (const char     *format,
                                     ...) G_GNUC_PRINTF (1, 2);

void     ap_window_views_class_init (GtkWidgetClass *widget_class);
void     ap_window_views_init       (ApWindow       *self);
void     ap_window_views_set_plan   (ApWindow       *self,
                                     ApPlan         *plan);
void     ap_window_views_dispose    (ApWindow       *self);

void     ap_window_save_recent          (GSettings  *settings,
                                         const char *uri,
                                         gboolean    add);
void     ap_window_rebuild_recent_menu  (ApWindow   *self);

G_END_DECLS
