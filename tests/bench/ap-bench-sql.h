/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The baselines written with SQLite's own JSON functions: what the snapshot code would
 * cost if SQLite did all the work. They follow data/snapshot.schema.json and the order
 * of ap-snapshot-export.c; the benchmark checks at run time that the export query
 * builds the same document and that the inserts write the same number of rows. */

/* One query whose single value is the whole snapshot, without indentation. */
extern const char ap_bench_export_json_sql[];

typedef struct
{
  const char *member; /* the snapshot's top-level member bound to ?1 */
  const char *sql;
} ApBenchJsonInsert;

/* One statement per table, parents first. */
extern const ApBenchJsonInsert ap_bench_import_json_sql[];
extern const guint ap_bench_n_import_json_sql;

G_END_DECLS
