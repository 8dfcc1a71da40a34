/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-store.h"

G_BEGIN_DECLS

/* A synthetic plan of any size, for benchmarks and for trying the GUI with big plans.
 * The same sizes always give the same plan: the text comes from word lists drawn with
 * a GRand of fixed seed, so figures of two runs (or two machines) measure the same data. */

#define AP_BENCH_DEFAULT_CARDS      20000
#define AP_BENCH_DEFAULT_INCIDENTS  100000
#define AP_BENCH_DEFAULT_CATEGORIES 40

typedef struct
{
  guint n_cards;
  guint n_incidents;
  guint n_categories;
} ApBenchSize;

gboolean ap_bench_generate      (ApStore            *store,
                                 const ApBenchSize  *size,
                                 GError            **error);
gboolean ap_bench_generate_file (const char         *path,
                                 const ApBenchSize  *size,
                                 GError            **error);

G_END_DECLS
