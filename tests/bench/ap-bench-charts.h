/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-bench.h"

G_BEGIN_DECLS

/* The category charts' figures (ap-bench-charts.c). None needs a display: the charts
 * are drawn onto cairo image surfaces. Issue 5 sets the targets for 1,000 categories:
 * run them with --categories 1000. */

gboolean ap_bench_figure_charts_recompute (ApBench         *bench,
                                           ApBenchMeasure  *out,
                                           GError         **error);
gboolean ap_bench_figure_charts_draw      (ApBench         *bench,
                                           ApBenchMeasure  *out,
                                           GError         **error);
gboolean ap_bench_figure_charts_draw_sql  (ApBench         *bench,
                                           ApBenchMeasure  *out,
                                           GError         **error);

G_END_DECLS
