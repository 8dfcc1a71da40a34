/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "archplan-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ap-bench-generate.h"
#include "ap-bench-sql.h"
#include "ap-plan.h"
#include "ap-snapshot.h"
#include "ap-store.h"

/* archplan-bench: how fast the core is, as a ratio to a baseline measured in the same
 * run on the same data. Absolute times depend on the machine; a ratio to what SQLite
 * alone does with the same rows does not (much), so the targets are ratios.
 *
 * Each figure is a function that measures its value and its baseline; adding a figure
 * is adding a row to the `figures` table. The expensive fixtures (the generated plan,
 * its snapshot, its rows in memory) are made on first use and shared, so `--only` runs
 * only what the chosen figures need.
 *
 * This is a report, not a test: it exits 0 when a target is missed, and it is not part
 * of `meson test`. */

typedef enum
{
  UNIT_SECONDS,
  UNIT_BYTES,
} Unit;

typedef struct
{
  const char *name;
  guint       n_columns;
  guint       n_rows;
  char       *insert_sql;
  GArray     *cells; /* Cell, n_rows × n_columns */
} TableRows;

typedef struct
{
  int         type; /* SQLITE_INTEGER, SQLITE_TEXT or SQLITE_NULL */
  int         len;
  gint64      i;
  const char *s;
} Cell;

typedef struct
{
  ApBenchSize   size;
  guint         repeat;
  char         *dir;         /* temporary, removed at exit */
  char         *plan_path;   /* the generated plan, made on first use */
  GString      *snapshot;    /* its export, made on first use */
  TableRows    *rows;        /* its rows in memory, made on first use */
  GStringChunk *row_text;
  guint         n_files;     /* names fresh plan files */
  char         *load;        /* the load average when the run started */
} Bench;

typedef struct
{
  double value;
  double baseline;
} Measure;

typedef gboolean (*FigureFunc) (Bench    *bench,
                                Measure  *out,
                                GError  **error);

typedef struct
{
  const char *name;
  Unit        unit;
  double      target;   /* the largest acceptable value ÷ baseline */
  const char *what;     /* the value and its baseline, for the legend */
  FigureFunc  run;
} Figure;

/* One timed run of a measurement; @data is the figure's. */
typedef gboolean (*TrialFunc) (Bench    *bench,
                               gpointer  data,
                               double   *seconds,
                               GError  **error);

/* The tables of the schema, parents before children so that rows can be inserted in
 * this order with foreign keys on. */
static const char * const tables[] = {
  "plan", "organization", "activity", "step", "period", "stage", "initiative",
  "pain_category", "incident", "anecdote", "ticket", "card", "card_organization",
  "card_category", "card_incident", "card_dependency", "history",
};

static volatile gint64 sink; /* keeps the compiler from dropping reads */

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

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

/* Runs the value's and the baseline's trials alternately, so that a machine that slows
 * down or speeds up during the run affects both alike, and keeps each one's median. */
static gboolean
measure_pair (Bench     *bench,
              TrialFunc  value_trial,
              TrialFunc  baseline_trial,
              gpointer   data,
              Measure   *out,
              GError   **error)
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

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *what)
{
  g_set_error (error, AP_STORE_ERROR, AP_STORE_ERROR_IO, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static void
remove_plan_file (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static char *
fresh_path (Bench *bench)
{
  g_autofree char *name = g_strdup_printf ("fresh-%u.archplan", ++bench->n_files);

  return g_build_filename (bench->dir, name, NULL);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : 0;
}

/* Fixtures. */

static gboolean
ensure_plan (Bench   *bench,
             GError **error)
{
  g_autofree char *path = NULL;
  double start;

  if (bench->plan_path != NULL)
    return TRUE;
  path = g_build_filename (bench->dir, "generated.archplan", NULL);
  g_printerr ("bench: generating %u cards, %u incidents, %u pain categories…\n",
              bench->size.n_cards, bench->size.n_incidents, bench->size.n_categories);
  start = now ();
  if (!ap_bench_generate_file (path, &bench->size, error))
    return FALSE;
  g_printerr ("bench: generated a %.3g MB plan in %.3g s\n",
              file_size (path) / 1e6, now () - start);
  bench->plan_path = g_steal_pointer (&path);
  return TRUE;
}

static ApStore *
open_plan_store (Bench   *bench,
                 GError **error)
{
  if (!ensure_plan (bench, error))
    return NULL;
  return ap_store_open (bench->plan_path, AP_STORE_OPEN_DEFAULT, error);
}

static gboolean
ensure_snapshot (Bench   *bench,
                 GError **error)
{
  g_autoptr(ApStore) store = NULL;
  g_autoptr(GString) json = g_string_new (NULL);

  if (bench->snapshot != NULL)
    return TRUE;
  store = open_plan_store (bench, error);
  if (store == NULL || !ap_snapshot_export (store, json, error))
    return FALSE;
  g_printerr ("bench: the snapshot is %.3g MB\n", json->len / 1e6);
  bench->snapshot = g_steal_pointer (&json);
  return TRUE;
}

static gboolean
read_table (Bench      *bench,
            sqlite3    *db,
            TableRows  *table,
            GError    **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM %s", table->name);
  g_autoptr(GString) insert = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (error, db, select);

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
  table->cells = g_array_new (FALSE, TRUE, sizeof (Cell));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint c = 0; c < table->n_columns; c++)
        {
          Cell cell = { sqlite3_column_type (stmt, c), 0, 0, NULL };

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
    return set_sqlite_error (error, db, select);
  return TRUE;
}

/* The generated plan's rows in plain arrays, for the baseline that inserts them. */
static gboolean
ensure_rows (Bench   *bench,
             GError **error)
{
  g_autoptr(ApStore) store = NULL;

  if (bench->rows != NULL)
    return TRUE;
  store = open_plan_store (bench, error);
  if (store == NULL)
    return FALSE;
  bench->row_text = g_string_chunk_new (1 << 20);
  bench->rows = g_new0 (TableRows, G_N_ELEMENTS (tables));
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      bench->rows[t].name = tables[t];
      if (!read_table (bench, ap_store_get_db (store), &bench->rows[t], error))
        return FALSE;
    }
  return TRUE;
}

static void
free_rows (Bench *bench)
{
  if (bench->rows == NULL)
    return;
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_free (bench->rows[t].insert_sql);
      if (bench->rows[t].cells != NULL)
        g_array_unref (bench->rows[t].cells);
    }
  g_clear_pointer (&bench->rows, g_free);
  g_clear_pointer (&bench->row_text, g_string_chunk_free);
}

/* Steps through every column of every row, fetching text as text. */
static gboolean
read_all_rows (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 sum = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (error, db, sql);
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
  sink += sum;
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, sql);
  return TRUE;
}

/* Checks, once per method, that a trial wrote the rows it should have: a baseline that
 * silently wrote less would flatter it. */
static gboolean
check_row_counts (Bench       *bench,
                  ApStore     *store,
                  const char  *method,
                  GError     **error)
{
  g_autoptr(ApStore) source = open_plan_store (bench, error);

  if (source == NULL)
    return FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[t]);
      gint64 n[2] = { -1, -1 };
      ApStore *stores[2] = { source, store };

      for (guint s = 0; s < 2; s++)
        {
          sqlite3 *db = ap_store_get_db (stores[s]);
          sqlite3_stmt *stmt = NULL;

          if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_step (stmt) == SQLITE_ROW)
            n[s] = sqlite3_column_int64 (stmt, 0);
          sqlite3_finalize (stmt);
        }
      if (n[0] != n[1] || n[0] < 0)
        {
          g_set_error (error, AP_STORE_ERROR, AP_STORE_ERROR_INVALID,
                       "%s wrote %" G_GINT64_FORMAT " rows of %s instead of %" G_GINT64_FORMAT,
                       method, n[1], tables[t], n[0]);
          return FALSE;
        }
    }
  return TRUE;
}

/* snapshot.export and its baselines, on one store opened on the generated plan. */

static gboolean
export_trial (Bench    *bench,
              gpointer  data,
              double   *seconds,
              GError  **error)
{
  g_autoptr(GString) json = NULL;
  double start = now ();

  json = g_string_new (NULL);
  if (!ap_snapshot_export (data, json, error))
    return FALSE;
  *seconds = now () - start;
  sink += json->len;
  return TRUE;
}

static gboolean
select_trial (Bench    *bench,
              gpointer  data,
              double   *seconds,
              GError  **error)
{
  sqlite3 *db = ap_store_get_db (data);
  double start = now ();

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", tables[t]);

      if (!read_all_rows (db, sql, error))
        return FALSE;
    }
  *seconds = now () - start;
  return TRUE;
}

static gboolean
run_sqlite_json_export (sqlite3  *db,
                        GString  *out,
                        GError  **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, ap_bench_export_json_sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (error, db, "export with JSON functions");
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (error, db, "export with JSON functions");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  if (out != NULL)
    g_string_append_len (out, (const char *) sqlite3_column_text (stmt, 0),
                         sqlite3_column_bytes (stmt, 0));
  else
    sink += sqlite3_column_bytes (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
sqlite_json_export_trial (Bench    *bench,
                          gpointer  data,
                          double   *seconds,
                          GError  **error)
{
  double start = now ();

  if (!run_sqlite_json_export (ap_store_get_db (data), NULL, error))
    return FALSE;
  *seconds = now () - start;
  return TRUE;
}

/* The export's bytes without the whitespace between tokens. */
static GString *
strip_indentation (const GString *json)
{
  GString *out = g_string_sized_new (json->len);
  gboolean in_string = FALSE;

  for (gsize i = 0; i < json->len; i++)
    {
      char c = json->str[i];

      if (in_string)
        {
          g_string_append_c (out, c);
          if (c == '\\' && i + 1 < json->len)
            g_string_append_c (out, json->str[++i]);
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, c);
        }
      else if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        g_string_append_c (out, c);
    }
  return out;
}

/* Says on stderr whether the baseline query builds the same document as the export:
 * SQLite 3.40 cannot indent, so the export's indentation is left out of the comparison. */
static gboolean
compare_with_export (Bench    *bench,
                     ApStore  *store,
                     GError  **error)
{
  g_autoptr(GString) theirs = g_string_new (NULL);
  g_autoptr(GString) ours = NULL;
  gsize i = 0;

  if (!ensure_snapshot (bench, error) ||
      !run_sqlite_json_export (ap_store_get_db (store), theirs, error))
    return FALSE;
  ours = strip_indentation (bench->snapshot);
  while (i < ours->len && i < theirs->len && ours->str[i] == theirs->str[i])
    i++;
  if (i == ours->len && i == theirs->len)
    g_printerr ("bench: SQLite's JSON functions build the same document (%.3g MB without "
                "indentation)\n", theirs->len / 1e6);
  else
    g_printerr ("bench: warning: SQLite's document differs from the export at byte %"
                G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ": …%.60s… vs …%.60s…\n",
                i, ours->len, ours->str + (i > 20 ? i - 20 : 0),
                theirs->str + (i > 20 ? i - 20 : 0));
  return TRUE;
}

static gboolean
run_export (Bench     *bench,
            TrialFunc  baseline,
            Measure   *out,
            GError   **error)
{
  g_autoptr(ApStore) store = open_plan_store (bench, error);

  if (store == NULL)
    return FALSE;
  if (baseline == sqlite_json_export_trial && !compare_with_export (bench, store, error))
    return FALSE;
  return measure_pair (bench, export_trial, baseline, store, out, error);
}

static gboolean
figure_export (Bench    *bench,
               Measure  *out,
               GError  **error)
{
  return run_export (bench, select_trial, out, error);
}

static gboolean
figure_export_vs_sqlite_json (Bench    *bench,
                              Measure  *out,
                              GError  **error)
{
  return run_export (bench, sqlite_json_export_trial, out, error);
}

/* snapshot.import and its baselines, each run into a new plan file. */

typedef gboolean (*ImportFunc) (Bench    *bench,
                                ApStore  *store,
                                GError  **error);

static gboolean
import_trial_with (Bench       *bench,
                   ImportFunc   import,
                   const char  *method,
                   gboolean    *checked,
                   double      *seconds,
                   GError     **error)
{
  g_autofree char *path = fresh_path (bench);
  g_autoptr(ApStore) store = ap_store_open (path, AP_STORE_OPEN_CREATE, error);
  gboolean ok;
  double start;

  if (store == NULL)
    return FALSE;
  start = now ();
  ok = import (bench, store, error);
  *seconds = now () - start;
  if (ok && !*checked)
    ok = *checked = check_row_counts (bench, store, method, error);
  g_clear_object (&store);
  remove_plan_file (path);
  return ok;
}

static gboolean
snapshot_import (Bench    *bench,
                 ApStore  *store,
                 GError  **error)
{
  return ap_snapshot_import (store, bench->snapshot->str, bench->snapshot->len, error);
}

static gboolean
insert_table (sqlite3          *db,
              const TableRows  *table,
              GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  const Cell *cell = (const Cell *) (gpointer) table->cells->data;

  if (sqlite3_prepare_v2 (db, table->insert_sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (error, db, table->insert_sql);
  for (guint r = 0; r < table->n_rows; r++)
    {
      for (guint c = 0; c < table->n_columns; c++, cell++)
        {
          if (cell->type == SQLITE_INTEGER)
            sqlite3_bind_int64 (stmt, c + 1, cell->i);
          else if (cell->type == SQLITE_TEXT)
            sqlite3_bind_text (stmt, c + 1, cell->s, cell->len, SQLITE_STATIC);
          else
            sqlite3_bind_null (stmt, c + 1);
        }
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sqlite_error (error, db, table->insert_sql);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
plain_insert (Bench    *bench,
              ApStore  *store,
              GError  **error)
{
  if (!ap_store_begin (store, error))
    return FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    if (!insert_table (ap_store_get_db (store), &bench->rows[t], error))
      {
        ap_store_rollback (store);
        return FALSE;
      }
  return ap_store_commit (store, error);
}

static gboolean
run_json_insert (sqlite3     *db,
                 const char  *sql,
                 const char  *json,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (error, db, sql);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, sql);
  return TRUE;
}

/* One statement per table, each reading its top-level array. SQLite splits the
 * document into its members first (one parse, timed): binding the whole document to
 * every statement would parse all of it for each of the 17 tables, a baseline no one
 * would write. */
static gboolean
sqlite_json_insert (Bench    *bench,
                    ApStore  *store,
                    GError  **error)
{
  sqlite3 *db = ap_store_get_db (store);
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!ap_store_begin (store, error))
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT key, value FROM json_each(?1)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail_sqlite;
  sqlite3_bind_text (stmt, 1, bench->snapshot->str, (int) bench->snapshot->len, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (members, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto fail_sqlite;

  for (guint i = 0; i < ap_bench_n_import_json_sql; i++)
    {
      const char *member = g_hash_table_lookup (members, ap_bench_import_json_sql[i].member);

      if (member == NULL)
        {
          g_set_error (error, AP_STORE_ERROR, AP_STORE_ERROR_INVALID,
                       "the snapshot has no member %s", ap_bench_import_json_sql[i].member);
          ap_store_rollback (store);
          return FALSE;
        }
      if (!run_json_insert (db, ap_bench_import_json_sql[i].sql, member, error))
        {
          ap_store_rollback (store);
          return FALSE;
        }
    }
  return ap_store_commit (store, error);

fail_sqlite:
  set_sqlite_error (error, db, "split the snapshot");
  ap_store_rollback (store);
  return FALSE;
}

static gboolean
import_trial (Bench    *bench,
              gpointer  data,
              double   *seconds,
              GError  **error)
{
  gboolean *checked = data;

  return import_trial_with (bench, snapshot_import, "ap_snapshot_import", &checked[0],
                            seconds, error);
}

static gboolean
plain_insert_trial (Bench    *bench,
                    gpointer  data,
                    double   *seconds,
                    GError  **error)
{
  gboolean *checked = data;

  return import_trial_with (bench, plain_insert, "the plain INSERT baseline", &checked[1],
                            seconds, error);
}

static gboolean
sqlite_json_insert_trial (Bench    *bench,
                          gpointer  data,
                          double   *seconds,
                          GError  **error)
{
  gboolean *checked = data;

  return import_trial_with (bench, sqlite_json_insert, "the json_each baseline", &checked[2],
                            seconds, error);
}

static gboolean
figure_import (Bench    *bench,
               Measure  *out,
               GError  **error)
{
  gboolean checked[3] = { FALSE, FALSE, FALSE };

  return ensure_snapshot (bench, error) &&
         ensure_rows (bench, error) &&
         measure_pair (bench, import_trial, plain_insert_trial, checked, out, error);
}

static gboolean
figure_import_vs_sqlite_json (Bench    *bench,
                              Measure  *out,
                              GError  **error)
{
  gboolean checked[3] = { FALSE, FALSE, FALSE };

  return ensure_snapshot (bench, error) &&
         measure_pair (bench, import_trial, sqlite_json_insert_trial, checked, out, error);
}

/* plan.open: a plan file opened until its models can be shown. */

static gboolean
open_trial (Bench    *bench,
            gpointer  data,
            double   *seconds,
            GError  **error)
{
  g_autoptr(ApPlan) plan = NULL;
  ApRowList *lists[10];
  guint n = 0;
  double start = now ();

  plan = ap_plan_open (bench->plan_path, AP_PLAN_OPEN_DEFAULT, error);
  if (plan == NULL)
    return FALSE;
  lists[0] = ap_plan_get_organizations (plan);
  lists[1] = ap_plan_get_activities (plan);
  lists[2] = ap_plan_get_steps (plan);
  lists[3] = ap_plan_get_periods (plan);
  lists[4] = ap_plan_get_stages (plan);
  lists[5] = ap_plan_get_initiatives (plan);
  lists[6] = ap_plan_get_cards (plan);
  lists[7] = ap_plan_get_categories (plan);
  lists[8] = ap_plan_get_incidents (plan);
  lists[9] = ap_plan_get_history (plan);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    n += g_list_model_get_n_items (G_LIST_MODEL (lists[i]));
  *seconds = now () - start;
  sink += n;
  return TRUE;
}

static gboolean
select_open_trial (Bench    *bench,
                   gpointer  data,
                   double   *seconds,
                   GError  **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  double start = now ();

  if (sqlite3_open_v2 (bench->plan_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, db, "open");
      sqlite3_close (db);
      return FALSE;
    }
  ok = read_all_rows (db, "SELECT * FROM incident", error) &&
       read_all_rows (db, "SELECT * FROM card", error);
  *seconds = now () - start;
  sqlite3_close (db);
  return ok;
}

static gboolean
figure_open (Bench    *bench,
             Measure  *out,
             GError  **error)
{
  return ensure_plan (bench, error) &&
         measure_pair (bench, open_trial, select_open_trial, NULL, out, error);
}

static const Figure figures[] = {
  { "snapshot.export", UNIT_SECONDS, 1.5,
    "ap_snapshot_export into a GString vs one SELECT * per table, every column stepped",
    figure_export },
  { "snapshot.export_vs_sqlite_json", UNIT_SECONDS, 1.5,
    "ap_snapshot_export vs one query building the document with json_object/json_group_array",
    figure_export_vs_sqlite_json },
  { "snapshot.import", UNIT_SECONDS, 2.0,
    "ap_snapshot_import into a new file vs prepared INSERTs of the same rows from memory",
    figure_import },
  { "snapshot.import_vs_sqlite_json", UNIT_SECONDS, 2.0,
    "ap_snapshot_import vs INSERT … SELECT … FROM json_each, one statement per table",
    figure_import_vs_sqlite_json },
  { "plan.open", UNIT_SECONDS, 2.0,
    "ap_plan_open until every list model has its length vs a new connection's "
    "SELECT * FROM incident and card",
    figure_open },
};

/* Output. */

static char *
format_value (double value,
              Unit   unit)
{
  if (unit == UNIT_BYTES)
    {
      if (value >= 1e9)
        return g_strdup_printf ("%.3g GB", value / 1e9);
      if (value >= 1e6)
        return g_strdup_printf ("%.3g MB", value / 1e6);
      if (value >= 1e3)
        return g_strdup_printf ("%.3g kB", value / 1e3);
      return g_strdup_printf ("%.3g B", value);
    }
  if (value >= 1)
    return g_strdup_printf ("%.3g s", value);
  if (value >= 1e-3)
    return g_strdup_printf ("%.3g ms", value * 1e3);
  return g_strdup_printf ("%.3g µs", value * 1e6);
}

/* A JSON number with three significant digits, whatever the locale. */
static const char *
json_number (char   *buf,
             gsize   size,
             double  value)
{
  return g_ascii_formatd (buf, (int) size, "%.3g", value);
}

static void
print_json (const Figure  **run,
            const Measure  *results,
            guint           n)
{
  char b[4][G_ASCII_DTOSTR_BUF_SIZE];

  g_print ("[\n");
  for (guint i = 0; i < n; i++)
    g_print ("  {\"name\": \"%s\", \"value\": %s, \"baseline\": %s, \"ratio\": %s, "
             "\"target\": %s, \"unit\": \"%s\"}%s\n",
             run[i]->name,
             json_number (b[0], sizeof b[0], results[i].value),
             json_number (b[1], sizeof b[1], results[i].baseline),
             json_number (b[2], sizeof b[2], results[i].value / results[i].baseline),
             json_number (b[3], sizeof b[3], run[i]->target),
             run[i]->unit == UNIT_BYTES ? "B" : "s",
             i + 1 < n ? "," : "");
  g_print ("]\n");
}

/* Pads by characters, not bytes: "µs" is one column wide. */
static void
print_cell (const char *text,
            int         width,
            gboolean    right)
{
  int pad = MAX (0, width - (int) g_utf8_strlen (text, -1));

  if (right)
    g_print ("%*s%s", pad, "", text);
  else
    g_print ("%s%*s", text, pad, "");
}

/* The machine's load when the run started: figures taken on a busy machine are noisier,
 * and a reader comparing two reports should know. */
static char *
describe_load (void)
{
  g_autofree char *loadavg = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (loadavg, " ", 2);
  return g_strdup_printf ("%s on %u CPUs", fields[0], g_get_num_processors ());
}

static void
print_table (Bench          *bench,
             const Figure  **run,
             const Measure  *results,
             guint           n)
{
  guint met = 0;

  g_print ("archplan-bench: %u cards, %u incidents, %u pain categories; median of %u runs; "
           "load average %s at the start\n\n",
           bench->size.n_cards, bench->size.n_incidents, bench->size.n_categories,
           bench->repeat, bench->load);
  print_cell ("name", 32, FALSE);
  print_cell ("value", 10, TRUE);
  print_cell ("baseline", 10, TRUE);
  print_cell ("ratio", 8, TRUE);
  print_cell ("target", 8, TRUE);
  g_print ("  ok?\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = format_value (results[i].value, run[i]->unit);
      g_autofree char *baseline = format_value (results[i].baseline, run[i]->unit);
      g_autofree char *ratio = g_strdup_printf ("%.3g", results[i].value / results[i].baseline);
      g_autofree char *target = g_strdup_printf ("%.3g", run[i]->target);
      gboolean ok = results[i].value <= run[i]->target * results[i].baseline;

      met += ok;
      print_cell (run[i]->name, 32, FALSE);
      print_cell (value, 10, TRUE);
      print_cell (baseline, 10, TRUE);
      print_cell (ratio, 8, TRUE);
      print_cell (target, 8, TRUE);
      g_print ("  %s\n", ok ? "ok" : "MISSED");
    }
  g_print ("\n%u of %u targets met (ratio = value ÷ baseline; a target is the largest "
           "acceptable ratio).\n", met, n);
  for (guint i = 0; i < n; i++)
    g_print ("  %s: %s\n", run[i]->name, run[i]->what);
}

/* Set-up and the command line. */

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (dir);
}

static gboolean
matches_only (const char  *name,
              char       **only)
{
  if (only == NULL)
    return TRUE;
  for (guint i = 0; only[i] != NULL; i++)
    if (g_str_has_prefix (name, only[i]))
      return TRUE;
  return FALSE;
}

static int
run_figures (Bench    *bench,
             char    **only,
             gboolean  json)
{
  const Figure *run[G_N_ELEMENTS (figures)];
  Measure results[G_N_ELEMENTS (figures)];
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!matches_only (figures[i].name, only))
        continue;
      g_printerr ("bench: measuring %s…\n", figures[i].name);
      if (!figures[i].run (bench, &results[n], &error))
        {
          g_printerr ("bench: %s failed: %s\n", figures[i].name, error->message);
          return 1;
        }
      run[n++] = &figures[i];
    }
  if (n == 0)
    {
      g_printerr ("bench: no figure matches --only\n");
      return 1;
    }
  if (json)
    print_json (run, results, n);
  else
    print_table (bench, run, results, n);
  return 0;
}

static char *
describe_figures (void)
{
  GString *s = g_string_new ("Figures (--only takes name prefixes, separated by commas):\n");

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    g_string_append_printf (s, "  %-32s target %.3g\n    %s\n",
                            figures[i].name, figures[i].target, figures[i].what);
  return g_string_free (s, FALSE);
}

int
main (int    argc,
      char **argv)
{
  int cards = AP_BENCH_DEFAULT_CARDS;
  int incidents = AP_BENCH_DEFAULT_INCIDENTS;
  int categories = AP_BENCH_DEFAULT_CATEGORIES;
  int repeat = 3;
  gboolean json = FALSE;
  g_autofree char *only = NULL;
  g_autofree char *generate = NULL;
  g_autofree char *description = describe_figures ();
  g_auto(GStrv) only_prefixes = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "cards", 0, 0, G_OPTION_ARG_INT, &cards, "Cards in the generated plan (20000)", "N" },
    { "incidents", 0, 0, G_OPTION_ARG_INT, &incidents,
      "Incidents in the generated plan (100000)", "N" },
    { "categories", 0, 0, G_OPTION_ARG_INT, &categories, "Pain categories (40)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs of each measurement; the median counts (3)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run only the figures whose names start so", "PREFIX[,…]" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the figures as a JSON list", NULL },
    { "generate", 0, 0, G_OPTION_ARG_FILENAME, &generate,
      "Only write a generated plan to PATH (which must not exist) and exit", "PATH" },
    { NULL },
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— measure the core against SQLite baselines");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("archplan-bench: %s\n", error->message);
      return 2;
    }
  if (cards < 0 || incidents < 1 || categories < 1 || repeat < 1)
    {
      g_printerr ("archplan-bench: sizes must be positive (cards may be 0)\n");
      return 2;
    }
  bench.size.n_cards = cards;
  bench.size.n_incidents = incidents;
  bench.size.n_categories = categories;
  bench.repeat = repeat;

  if (generate != NULL)
    {
      g_printerr ("bench: generating %u cards, %u incidents, %u pain categories into %s…\n",
                  bench.size.n_cards, bench.size.n_incidents, bench.size.n_categories, generate);
      if (!ap_bench_generate_file (generate, &bench.size, &error))
        {
          g_printerr ("archplan-bench: %s\n", error->message);
          return 1;
        }
      return 0;
    }

  if (only != NULL)
    only_prefixes = g_strsplit (only, ",", -1);
  bench.dir = g_dir_make_tmp ("archplan-bench-XXXXXX", &error);
  if (bench.dir == NULL)
    {
      g_printerr ("archplan-bench: %s\n", error->message);
      return 1;
    }

  bench.load = describe_load ();
  status = run_figures (&bench, only_prefixes, json);

  free_rows (&bench);
  if (bench.snapshot != NULL)
    g_string_free (bench.snapshot, TRUE);
  remove_dir (bench.dir);
  g_free (bench.dir);
  g_free (bench.plan_path);
  g_free (bench.load);
  return status;
}
