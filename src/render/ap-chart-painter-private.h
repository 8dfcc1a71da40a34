/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "ap-chart-painter.h"

G_BEGIN_DECLS

/* The painter is split in two files: ap-chart-painter.c has the shared drawing helpers,
 * the palettes and the public API; ap-chart-painter-charts.c draws the five charts. */

typedef struct
{
  cairo_t              *cr;
  ApChartData          *data;
  const ApChartPalette *palette;
  PangoLayout          *layout;  /* one layout for all text: shaping is the cost */
  double                width;
  double                height;
  double                scale;
  double                font_px; /* body text size */
  int                   focus;
  GArray               *bars;
} ApChartPainter;

typedef enum
{
  TEXT_BODY,
  TEXT_SMALL,
  TEXT_TITLE,
} TextStyle;

void   ap_chart_painter_set_color  (ApChartPainter     *p,
                                    const ApChartColor *color,
                                    double              alpha);
void   ap_chart_painter_set_text   (ApChartPainter     *p,
                                    const char         *text,
                                    TextStyle           style,
                                    double              max_width,
                                    int                 max_lines);
void   ap_chart_painter_text_size  (ApChartPainter     *p,
                                    double             *width,
                                    double             *height);
void   ap_chart_painter_show_text  (ApChartPainter     *p,
                                    double              x,
                                    double              y,
                                    const ApChartColor *color);
double ap_chart_painter_title      (ApChartPainter     *p,
                                    const char         *title,
                                    const char         *subtitle);
double ap_chart_painter_legend     (ApChartPainter     *p,
                                    double              y,
                                    const char * const *labels,
                                    const ApChartColor * const *colors,
                                    const gboolean     *light,
                                    guint               n);
double ap_chart_painter_nice_step  (double              max,
                                    int                 n_ticks);
void   ap_chart_painter_add_bar    (ApChartPainter     *p,
                                    const ApChartBar   *bar);
void   ap_chart_painter_fill_bar   (ApChartPainter     *p,
                                    const ApChartBar   *bar,
                                    const ApChartColor *color,
                                    gboolean            light);
void   ap_chart_painter_hatch      (ApChartPainter     *p,
                                    double              x,
                                    double              y,
                                    double              width,
                                    double              height,
                                    const ApChartColor *color);

void   ap_chart_painter_paint_hbars     (ApChartPainter *p,
                                         ApChartKind     kind);
double ap_chart_painter_hbars_min_height (ApChartPainter *p,
                                          ApChartKind     kind);
void   ap_chart_painter_paint_anecdotes (ApChartPainter *p);
void   ap_chart_painter_paint_status    (ApChartPainter *p);

G_END_DECLS
