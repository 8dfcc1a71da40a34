/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-chart-painter.h"

G_BEGIN_DECLS

/* Writes the category charts to PNG, SVG or PDF, chosen by the file name's extension:
 * one chart (@chart, an ApChartKind) or all of them (@chart = -1) — stacked in one
 * image for PNG and SVG, one chart per page for PDF. The file is written beside the
 * target and renamed over it, so a failed export leaves no half-written file. */
gboolean ap_charts_export_file (ApPlan       *plan,
                                const char   *path,
                                int           chart,
                                GError      **error);
gboolean ap_charts_export_data (ApChartData  *data,
                                const char   *path,
                                int           chart,
                                GError      **error);

G_END_DECLS
