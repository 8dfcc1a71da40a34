/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-bench.h"

G_BEGIN_DECLS

/* The incident browser's figures (ap-bench-incidents.c). open_view and memory need a
 * display; search_keystroke and the filters do not. */

gboolean ap_bench_figure_incidents_search_keystroke (ApBench         *bench,
                                                     ApBenchMeasure  *out,
                                                     GError         **error);
gboolean ap_bench_figure_incidents_open_view        (ApBench         *bench,
                                                     ApBenchMeasure  *out,
                                                     GError         **error);
gboolean ap_bench_figure_incidents_memory           (ApBench         *bench,
                                                     ApBenchMeasure  *out,
                                                     GError         **error);
gboolean ap_bench_figure_incidents_team_filter      (ApBench         *bench,
                                                     ApBenchMeasure  *out,
                                                     GError         **error);
gboolean ap_bench_figure_incidents_date_filter      (ApBench         *bench,
                                                     ApBenchMeasure  *out,
                                                     GError         **error);

G_END_DECLS
