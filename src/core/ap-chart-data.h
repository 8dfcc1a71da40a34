/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-plan.h"

G_BEGIN_DECLS

/* The figures of the category charts, aggregated in SQL and normalised into plain
 * arrays. Painters and hit tests only read these arrays, so a redraw (a hover, a
 * resize, an export) never runs a query. */

/* One pain category's figures. */
typedef struct
{
  gint64  id;
  char   *name;
  char   *color;               /* "#rrggbb", the category's own colour */
  char   *status;              /* "" when none was given */
  guint   status_index;        /* index into the statuses array */
  gint64  recorded;            /* survey count, -1 when unknown */
  guint   incidents;           /* live incidents */
  gint64  occurrences;         /* sum of the known occurrences */
  guint   unknown_occurrences; /* incidents whose occurrences are unknown (counted as 0) */
  guint   cards;               /* distinct roadmap cards that address the category */
  guint   anecdotes;           /* dated anecdotes, all quarters */
} ApChartCategory;

/* How many categories have one status. */
typedef struct
{
  char  *status;               /* "" for categories without a status */
  guint  count;
} ApChartStatus;

#define AP_TYPE_CHART_DATA (ap_chart_data_get_type ())
G_DECLARE_FINAL_TYPE (ApChartData, ap_chart_data, AP, CHART_DATA, GObject)

ApChartData           *ap_chart_data_new              (ApPlan       *plan);
gboolean               ap_chart_data_recompute        (ApChartData  *self,
                                                       GError      **error);
gboolean               ap_chart_data_get_stale        (ApChartData  *self);
ApPlan                *ap_chart_data_get_plan         (ApChartData  *self);

guint                  ap_chart_data_get_n_categories (ApChartData  *self);
const ApChartCategory *ap_chart_data_get_category     (ApChartData  *self,
                                                       guint         index);
int                    ap_chart_data_find_category    (ApChartData  *self,
                                                       gint64        id);
guint                  ap_chart_data_get_n_statuses   (ApChartData  *self);
const ApChartStatus   *ap_chart_data_get_status       (ApChartData  *self,
                                                       guint         index);

/* Quarters are numbered year × 4 + (quarter − 1): 2020 Q2 is 8081. */
guint                  ap_chart_data_get_n_quarters   (ApChartData  *self);
int                    ap_chart_data_get_first_quarter (ApChartData *self);
guint                  ap_chart_data_get_anecdotes    (ApChartData  *self,
                                                       guint         category_index,
                                                       guint         quarter_index);
guint                  ap_chart_data_get_quarter_total (ApChartData *self,
                                                       guint         quarter_index);
char                  *ap_chart_data_format_quarter   (int           quarter);

/* Tests and benchmarks: how many times the figures were read from SQL. */
guint                  ap_chart_data_get_n_recomputes (ApChartData  *self);

G_END_DECLS
