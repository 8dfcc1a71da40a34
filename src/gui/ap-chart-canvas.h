/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ap-chart-painter.h"

G_BEGIN_DECLS

/* One chart, drawn by the painter from the cached figures of an ApChartData. The arrow
 * keys walk its bars, which screen readers hear as the accessible description; Enter or
 * a click opens the Incidents view on the bar's category (action win.show-category). */

#define AP_TYPE_CHART_CANVAS (ap_chart_canvas_get_type ())
G_DECLARE_FINAL_TYPE (ApChartCanvas, ap_chart_canvas, AP, CHART_CANVAS, GtkWidget)

GtkWidget   *ap_chart_canvas_new                  (void);
void         ap_chart_canvas_set_data             (ApChartCanvas *self,
                                                   ApChartData   *data);
ApChartData *ap_chart_canvas_get_data             (ApChartCanvas *self);
void         ap_chart_canvas_set_kind             (ApChartCanvas *self,
                                                   ApChartKind    kind);
ApChartKind  ap_chart_canvas_get_kind             (ApChartCanvas *self);
void         ap_chart_canvas_set_scale            (ApChartCanvas *self,
                                                   double         scale);
int          ap_chart_canvas_get_focus_bar        (ApChartCanvas *self);
guint        ap_chart_canvas_get_n_bars           (ApChartCanvas *self);
const char  *ap_chart_canvas_get_focus_description (ApChartCanvas *self);
guint        ap_chart_canvas_get_n_paints         (ApChartCanvas *self);

G_END_DECLS
