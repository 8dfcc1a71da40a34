/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "ap-chart-data.h"

G_BEGIN_DECLS

/* The five category charts, drawn onto any cairo_t at any size: the screen, PNG, SVG
 * and PDF share this code. Painters only read the arrays of an ApChartData. */

typedef enum
{
  AP_CHART_INCIDENTS,    /* recorded survey count and live incidents per category */
  AP_CHART_OCCURRENCES,  /* occurrences per category */
  AP_CHART_ANECDOTES,    /* anecdotes per quarter, stacked by category */
  AP_CHART_PAIN_VS_PLAN, /* incidents and occurrences beside the cards that address them */
  AP_CHART_STATUS,       /* categories per status */
  AP_N_CHARTS
} ApChartKind;

typedef enum
{
  AP_CHART_SERIES_RECORDED,
  AP_CHART_SERIES_LIVE,
  AP_CHART_SERIES_OCCURRENCES,
  AP_CHART_SERIES_ANECDOTES,
  AP_CHART_SERIES_CARDS,
  AP_CHART_SERIES_STATUS,
} ApChartSeries;

#define AP_CHART_N_SERIES_COLORS 8

typedef struct
{
  double red, green, blue, alpha;
} ApChartColor;

/* Colours of a chart. The GUI fills it from the theme; files use the print palette.
 * The series colours are the Okabe–Ito set, which colour-blind readers tell apart. */
typedef struct
{
  ApChartColor background;
  ApChartColor foreground;
  ApChartColor dim;        /* secondary text: axes, legends */
  ApChartColor grid;
  ApChartColor neutral;    /* "no status" and "other" */
  ApChartColor alert;      /* uncovered pain */
  ApChartColor focus;
  ApChartColor series[AP_CHART_N_SERIES_COLORS];
} ApChartPalette;

/* One bar (or bar segment) as drawn, for hover, keyboard focus and screen readers. */
typedef struct
{
  double        x, y, width, height;
  ApChartSeries series;
  int           category;  /* index into the data's categories, or -1 */
  gint64        category_id;
  int           quarter;   /* AP_CHART_ANECDOTES: quarter number (year × 4 + q − 1) */
  int           status;    /* AP_CHART_STATUS: index into the data's statuses */
  double        value;
} ApChartBar;

void         ap_chart_palette_init       (ApChartPalette       *palette,
                                          gboolean              dark);
void         ap_chart_palette_init_print (ApChartPalette       *palette);

const char  *ap_chart_kind_get_title     (ApChartKind           kind);
const char  *ap_chart_kind_get_id        (ApChartKind           kind);

const ApChartColor *ap_chart_palette_status_color (const ApChartPalette *palette,
                                                   ApChartData          *data,
                                                   guint                 status_index);
const ApChartColor *ap_chart_palette_text_on      (const ApChartPalette *palette,
                                                   const ApChartColor   *fill);
double       ap_chart_color_contrast     (const ApChartColor   *text,
                                          const ApChartColor   *fill);

/* Draws @kind into the rectangle (0, 0, @width, @height) of @cr. @scale enlarges type
 * and spacing (1 normally, about 2 for a meeting room). @focus is the index of the bar
 * to outline, or -1. When @bars is given, it receives the ApChartBar of every bar. */
void         ap_chart_paint              (cairo_t              *cr,
                                          ApChartData          *data,
                                          ApChartKind           kind,
                                          const ApChartPalette *palette,
                                          double                width,
                                          double                height,
                                          double                scale,
                                          int                   focus,
                                          GArray               *bars);

/* The height at which every category of @kind gets a row of readable size: one line
 * of its name, and bars tall enough for their values. A view shorter than this one
 * scrolls rather than squeezes the rows. */
double       ap_chart_get_min_height     (ApChartData          *data,
                                          ApChartKind           kind,
                                          double                width,
                                          double                scale);

/* The bars of @kind at that size, without drawing anything visible. */
GArray      *ap_chart_layout             (ApChartData          *data,
                                          ApChartKind           kind,
                                          double                width,
                                          double                height,
                                          double                scale);
int          ap_chart_bars_hit           (GArray               *bars,
                                          double                x,
                                          double                y);
char        *ap_chart_bar_describe       (ApChartData          *data,
                                          ApChartKind           kind,
                                          const ApChartBar     *bar);

G_END_DECLS
