/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-bench.h"

G_BEGIN_DECLS

/* The roadmap canvas's figures (ap-bench-canvas.c). All but canvas.move_commit need a
 * display: without one they are skipped (AP_BENCH_SKIP), not failed. Their windows,
 * plans and renderer are made on first use and kept in bench->canvas. */

gboolean ap_bench_figure_canvas_frame_scaling  (ApBench         *bench,
                                                ApBenchMeasure  *out,
                                                GError         **error);
gboolean ap_bench_figure_canvas_frame_vs_cairo (ApBench         *bench,
                                                ApBenchMeasure  *out,
                                                GError         **error);
gboolean ap_bench_figure_canvas_overview       (ApBench         *bench,
                                                ApBenchMeasure  *out,
                                                GError         **error);
gboolean ap_bench_figure_canvas_overview_nodes (ApBench         *bench,
                                                ApBenchMeasure  *out,
                                                GError         **error);
gboolean ap_bench_figure_canvas_drag_motion    (ApBench         *bench,
                                                ApBenchMeasure  *out,
                                                GError         **error);
gboolean ap_bench_figure_canvas_move_commit    (ApBench         *bench,
                                                ApBenchMeasure  *out,
                                                GError         **error);

void     ap_bench_canvas_free                  (ApBenchCanvas   *canvas);

G_END_DECLS
