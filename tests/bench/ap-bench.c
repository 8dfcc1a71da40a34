/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "archplan-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ap-bench.h"
#include "ap-bench-canvas.h"
#include "ap-snapshot.h"

const char * const ap_bench_tables[] = {
  "plan", "organization", "activity", "step", "period", "stage", "initiative",
  "pain_category", "incident", "anecdote", "ticket", "card", "card_organization",
  "card_category", "card_incident", "card_dependency", "history",
};

const guint ap_bench_n_tables = G_N_ELEMENTS (ap_bench_tables);

volatile gint64 ap_bench_sink;

static const char * const plan_file_suffixes[] = { "", "-wal", "-shm", "-journal" };

/* What a run interrupted by Ctrl+C or kill leaves behind, for the signal handler: the
 * run's folder, the generated plan and the fresh file in use. Plain arrays, filled
 * before the files exist, because a handler may only call async-signal-safe functions. */
static char cleanup_dir[PATH_MAX];
static char cleanup_files[2][PATH_MAX];

enum
{
  CLEANUP_GENERATED,
  CLEANUP_FRESH,
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : 0;
}

static gboolean
read_table (ApBench       *bench,
            sqlite3       *db,
            ApBenchTable  *table,
            GError       **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM %s", table->name);
  g_autoptr(GString) insert = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL) != SQLITE_OK)
    return ap_bench_set_sqlite_error (error, db, select);

  /* The plan row exists in every new file; the others are new rows. */
  table->n_columns = sqlite3_column_count (stmt);
  g_string_printf (insert, "INSERT %sINTO %s (",
                   g_str_equal (table->name, "plan") ? "OR REPLACE " : "", table->name);
  for (guint c = 0; c < table->n_columns; c++)
    g_string_append_printf (insert, "%s%s", c > 0 ? ", " : "", sqlite3_column_name (stmt, c));
  g_string_append (insert, ") VALUES (");
  for (guint c = 0; c < table->n_columns; c++)
    g_string_append (insert, c > 0 ? ", ?" : "?");
  g_string_append_c (insert, ')');
  table->insert_sql = g_string_free (g_steal_pointer (&insert), FALSE);
  table->cells = g_array_new (FALSE, TRUE, sizeof (ApBenchCell));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint c = 0; c < table->n_columns; c++)
        {
          ApBenchCell cell = { sqlite3_column_type (stmt, c), 0, 0, NULL };

          if (cell.type == SQLITE_INTEGER)
            cell.i = sqlite3_column_int64 (stmt, c);
          else if (cell.type != SQLITE_NULL)
            {
              /* The schema has no REAL or BLOB columns; anything else is kept as text. */
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              cell.type = SQLITE_TEXT;
              cell.len = sqlite3_column_bytes (stmt, c);
              cell.s = g_string_chunk_insert_len (bench->row_text, text, cell.len);
            }
          g_array_append_val (table->cells, cell);
        }
      table->n_rows++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return ap_bench_set_sqlite_error (error, db, select);
  return TRUE;
}

static gint64
count_rows (ApStore    *store,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = ap_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
remember_for_cleanup (guint       slot,
                      const char *path)
{
  g_strlcpy (cleanup_files[slot], path, sizeof cleanup_files[slot]);
}

/* Async-signal-safe: no allocation, no stdio. */
static void
unlink_plan_file (const char *path)
{
  char file[PATH_MAX + 16];
  size_t len = strlen (path);

  if (len == 0 || len >= PATH_MAX)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (plan_file_suffixes); i++)
    {
      memcpy (file, path, len);
      memcpy (file + len, plan_file_suffixes[i], strlen (plan_file_suffixes[i]) + 1);
      unlink (file);
    }
}

static void
on_signal (int signum)
{
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_files); i++)
    unlink_plan_file (cleanup_files[i]);
  if (cleanup_dir[0] != '\0')
    rmdir (cleanup_dir);
  signal (signum, SIG_DFL);
  raise (signum);
}

double
ap_bench_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

/**
 * ap_bench_measure_pair:
 *
 * Runs the value's and the baseline's trials alternately, so that a machine that slows
 * down or speeds up during the run affects both alike, and keeps each one's median.
 */
gboolean
ap_bench_measure_pair (ApBench           *bench,
                       ApBenchTrialFunc   value_trial,
                       ApBenchTrialFunc   baseline_trial,
                       gpointer           data,
                       ApBenchMeasure    *out,
                       GError           **error)
{
  g_autofree double *values = g_new0 (double, bench->repeat);
  g_autofree double *baselines = g_new0 (double, bench->repeat);

  for (guint i = 0; i < bench->repeat; i++)
    {
      if (!value_trial (bench, data, &values[i], error) ||
          !baseline_trial (bench, data, &baselines[i], error))
        return FALSE;
    }
  out->value = median (values, bench->repeat);
  out->baseline = median (baselines, bench->repeat);
  return TRUE;
}

gboolean
ap_bench_set_sqlite_error (GError     **error,
                           sqlite3     *db,
                           const char  *what)
{
  g_set_error (error, AP_STORE_ERROR, AP_STORE_ERROR_IO, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

/* A path in the run's folder where no plan file is yet. */
char *
ap_bench_fresh_path (ApBench *bench)
{
  g_autofree char *name = g_strdup_printf ("fresh-%u.archplan", ++bench->n_files);
  char *path = g_build_filename (bench->dir, name, NULL);

  remember_for_cleanup (CLEANUP_FRESH, path);
  return path;
}

/* Removes a closed plan file with whatever SQLite left beside it. */
void
ap_bench_remove_plan_file (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (plan_file_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, plan_file_suffixes[i], NULL);
      g_unlink (file);
    }
}

/* Makes Ctrl+C and kill remove the run's files, which can be hundreds of megabytes,
 * instead of leaving them in the temporary folder. */
void
ap_bench_clean_up_on_signals (ApBench *bench)
{
  struct sigaction action = { 0 };

  g_strlcpy (cleanup_dir, bench->dir, sizeof cleanup_dir);
  action.sa_handler = on_signal;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGHUP, &action, NULL);
}

/* Steps through every column of every row, fetching text as text: the least work that
 * still reads everything, which is what the baselines measure. */
gboolean
ap_bench_read_all_rows (sqlite3     *db,
                        const char  *sql,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 sum = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return ap_bench_set_sqlite_error (error, db, sql);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);

      for (int c = 0; c < n; c++)
        {
          switch (sqlite3_column_type (stmt, c))
            {
            case SQLITE_INTEGER:
              sum += sqlite3_column_int64 (stmt, c);
              break;
            case SQLITE_NULL:
              break;
            default:
              sum += sqlite3_column_text (stmt, c)[0] + sqlite3_column_bytes (stmt, c);
              break;
            }
        }
    }
  sqlite3_finalize (stmt);
  ap_bench_sink += sum;
  if (rc != SQLITE_DONE)
    return ap_bench_set_sqlite_error (error, db, sql);
  return TRUE;
}

/* The generated plan, written once per run at the sizes asked for. */
gboolean
ap_bench_ensure_plan (ApBench  *bench,
                      GError  **error)
{
  g_autofree char *path = NULL;
  double start;

  if (bench->plan_path != NULL)
    return TRUE;
  path = g_build_filename (bench->dir, "generated.archplan", NULL);
  remember_for_cleanup (CLEANUP_GENERATED, path);
  g_printerr ("bench: generating %u cards, %u incidents, %u pain categories…\n",
              bench->size.n_cards, bench->size.n_incidents, bench->size.n_categories);
  start = ap_bench_now ();
  if (!ap_bench_generate_file (path, &bench->size, error))
    return FALSE;
  g_printerr ("bench: generated a %.3g MB plan in %.3g s\n",
              file_size (path) / 1e6, ap_bench_now () - start);
  bench->plan_path = g_steal_pointer (&path);
  return TRUE;
}

/* A new connection to the generated plan; each figure opens its own, so that no figure
 * measures the cache another one left. */
ApStore *
ap_bench_open_plan_store (ApBench  *bench,
                          GError  **error)
{
  if (!ap_bench_ensure_plan (bench, error))
    return NULL;
  return ap_store_open (bench->plan_path, AP_STORE_OPEN_DEFAULT, error);
}

gboolean
ap_bench_ensure_snapshot (ApBench  *bench,
                          GError  **error)
{
  g_autoptr(ApStore) store = NULL;
  g_autoptr(GString) json = g_string_new (NULL);

  if (bench->snapshot != NULL)
    return TRUE;
  store = ap_bench_open_plan_store (bench, error);
  if (store == NULL || !ap_snapshot_export (store, json, error))
    return FALSE;
  g_printerr ("bench: the snapshot is %.3g MB\n", json->len / 1e6);
  bench->snapshot = g_steal_pointer (&json);
  return TRUE;
}

/* The generated plan's rows in plain arrays, for the baseline that inserts them. */
gboolean
ap_bench_ensure_rows (ApBench  *bench,
                      GError  **error)
{
  g_autoptr(ApStore) store = NULL;

  if (bench->rows != NULL)
    return TRUE;
  store = ap_bench_open_plan_store (bench, error);
  if (store == NULL)
    return FALSE;
  bench->row_text = g_string_chunk_new (1 << 20);
  bench->rows = g_new0 (ApBenchTable, ap_bench_n_tables);
  for (guint t = 0; t < ap_bench_n_tables; t++)
    {
      bench->rows[t].name = ap_bench_tables[t];
      if (!read_table (bench, ap_store_get_db (store), &bench->rows[t], error))
        return FALSE;
    }
  return TRUE;
}

/* Checks that a trial wrote as many rows as the generated plan has: a baseline that
 * silently wrote less would flatter it. */
gboolean
ap_bench_check_row_counts (ApBench     *bench,
                           ApStore     *store,
                           const char  *method,
                           GError     **error)
{
  g_autoptr(ApStore) source = ap_bench_open_plan_store (bench, error);

  if (source == NULL)
    return FALSE;
  /* The search index is checked too: it is part of what an import writes. */
  for (guint t = 0; t <= ap_bench_n_tables; t++)
    {
      const char *table = t < ap_bench_n_tables ? ap_bench_tables[t] : "incident_fts";
      gint64 expected = count_rows (source, table);
      gint64 written = count_rows (store, table);

      if (expected != written || expected < 0)
        {
          g_set_error (error, AP_STORE_ERROR, AP_STORE_ERROR_INVALID,
                       "%s wrote %" G_GINT64_FORMAT " rows of %s instead of %" G_GINT64_FORMAT,
                       method, written, table, expected);
          return FALSE;
        }
    }
  return TRUE;
}

/* Frees the fixtures and removes the run's folder. */
void
ap_bench_clear (ApBench *bench)
{
  /* First: the canvas figures hold copies of the plan open in the run's folder. */
  g_clear_pointer (&bench->canvas, ap_bench_canvas_free);
  if (bench->rows != NULL)
    {
      for (guint t = 0; t < ap_bench_n_tables; t++)
        {
          g_free (bench->rows[t].insert_sql);
          g_clear_pointer (&bench->rows[t].cells, g_array_unref);
        }
      g_clear_pointer (&bench->rows, g_free);
    }
  g_clear_pointer (&bench->row_text, g_string_chunk_free);
  if (bench->snapshot != NULL)
    g_string_free (g_steal_pointer (&bench->snapshot), TRUE);

  if (bench->dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (bench->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (bench->dir, name, NULL);
          g_unlink (child);
        }
      g_rmdir (bench->dir);
    }
  g_clear_pointer (&bench->dir, g_free);
  g_clear_pointer (&bench->plan_path, g_free);
}
