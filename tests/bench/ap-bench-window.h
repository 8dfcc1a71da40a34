/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-bench.h"

G_BEGIN_DECLS

/* window.open (ap-bench-window.c): needs a display and the GSettings schema, else it is
 * skipped. */
gboolean ap_bench_figure_window_open (ApBench         *bench,
                                      ApBenchMeasure  *out,
                                      GError         **error);

G_END_DECLS
