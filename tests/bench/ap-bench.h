/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "ap-bench-generate.h"
#include "ap-store.h"

G_BEGIN_DECLS

/* What the figures of archplan-bench share: the run's settings, the fixtures made on
 * first use (a generated plan, its snapshot, its rows in memory), and timing.
 *
 * A figure is a function that measures a value and its baseline in the same run; the
 * program reports value ÷ baseline against the figure's target. To add one, write the
 * function in ap-bench-figures.c and add a row to `ap_bench_figures`. */

typedef enum
{
  AP_BENCH_SECONDS,
  AP_BENCH_BYTES,
  AP_BENCH_COUNT,   /* a number of things, e.g. render nodes */
} ApBenchUnit;

/* The canvas figures' windows and plans (ap-bench-canvas.c). */
typedef struct _ApBenchCanvas ApBenchCanvas;

typedef struct
{
  int         type; /* SQLITE_INTEGER, SQLITE_TEXT or SQLITE_NULL */
  int         len;
  gint64      i;
  const char *s;
} ApBenchCell;

/* One table's rows, read from the generated plan. */
typedef struct
{
  const char *name;
  guint       n_columns;
  guint       n_rows;
  char       *insert_sql; /* an INSERT of one row, parameters in column order */
  GArray     *cells;      /* ApBenchCell, n_rows × n_columns */
} ApBenchTable;

typedef struct
{
  ApBenchSize   size;
  guint         repeat;     /* runs of each measurement; the median counts */
  char         *dir;        /* a temporary folder, removed by ap_bench_clear() */
  char         *plan_path;  /* the generated plan, made on first use */
  GString      *snapshot;   /* its export, made on first use */
  ApBenchTable *rows;       /* its rows, by ap_bench_tables, made on first use */
  GStringChunk *row_text;
  guint         n_files;    /* names fresh plan files */
  ApBenchCanvas *canvas;    /* made on first use by the canvas figures */
} ApBench;

typedef struct
{
  double value;
  double baseline;
} ApBenchMeasure;

/* A figure that cannot run here (the GUI ones without a display) fails with
 * G_IO_ERROR_NOT_SUPPORTED: it is reported as skipped, and the run goes on. */
typedef gboolean (*ApBenchFigureFunc) (ApBench         *bench,
                                       ApBenchMeasure  *out,
                                       GError         **error);

typedef struct
{
  const char        *name;
  ApBenchUnit        unit;
  double             target; /* the largest acceptable value ÷ baseline */
  const char        *what;   /* the value and its baseline, for the legend */
  ApBenchFigureFunc  run;
} ApBenchFigure;

/* One timed run; sets @seconds to the time of the part that counts. */
typedef gboolean (*ApBenchTrialFunc) (ApBench  *bench,
                                      gpointer  data,
                                      double   *seconds,
                                      GError  **error);

extern const ApBenchFigure ap_bench_figures[];
extern const guint ap_bench_n_figures;

/* The tables of the schema, parents before children. */
extern const char * const ap_bench_tables[];
extern const guint ap_bench_n_tables;

/* Written by measurements so that the compiler keeps the reads it would drop. */
extern volatile gint64 ap_bench_sink;

double    ap_bench_now                 (void);
gboolean  ap_bench_measure_pair        (ApBench           *bench,
                                        ApBenchTrialFunc   value_trial,
                                        ApBenchTrialFunc   baseline_trial,
                                        gpointer           data,
                                        ApBenchMeasure    *out,
                                        GError           **error);
gboolean  ap_bench_set_sqlite_error    (GError           **error,
                                        sqlite3           *db,
                                        const char        *what);
char     *ap_bench_fresh_path          (ApBench           *bench);
void      ap_bench_remove_plan_file    (const char        *path);
void      ap_bench_clean_up_on_signals (ApBench           *bench);
gboolean  ap_bench_read_all_rows       (sqlite3           *db,
                                        const char        *sql,
                                        GError           **error);

gboolean  ap_bench_ensure_plan         (ApBench           *bench,
                                        GError           **error);
ApStore  *ap_bench_open_plan_store     (ApBench           *bench,
                                        GError           **error);
gboolean  ap_bench_ensure_snapshot     (ApBench           *bench,
                                        GError           **error);
gboolean  ap_bench_ensure_rows         (ApBench           *bench,
                                        GError           **error);
gboolean  ap_bench_check_row_counts    (ApBench           *bench,
                                        ApStore           *store,
                                        const char        *method,
                                        GError           **error);
void      ap_bench_clear               (ApBench           *bench);

G_END_DECLS
