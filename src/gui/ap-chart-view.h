/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ap-chart-canvas.h"

G_BEGIN_DECLS

/* The Charts view: a chooser of the five charts over one chart canvas, export to files,
 * and the meeting mode (F11): the charts full screen in large type, one at a time. */

#define AP_TYPE_CHART_VIEW (ap_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (ApChartView, ap_chart_view, AP, CHART_VIEW, GtkWidget)

GtkWidget     *ap_chart_view_new                (void);
void           ap_chart_view_set_plan           (ApChartView *self,
                                                 ApPlan      *plan);
ApChartData   *ap_chart_view_get_data           (ApChartView *self);
ApChartCanvas *ap_chart_view_get_canvas         (ApChartView *self);
void           ap_chart_view_set_kind           (ApChartView *self,
                                                 ApChartKind  kind);
ApChartKind    ap_chart_view_get_kind           (ApChartView *self);
GtkWindow     *ap_chart_view_get_meeting_window (ApChartView *self);

G_END_DECLS
