/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "archplan-bench"

#include "config.h"

#include "ap-bench.h"
#include "ap-bench-sql.h"
#include "ap-plan.h"
#include "ap-snapshot.h"

/* The figures of archplan-bench. Each measures the core and a baseline that does the
 * same work with SQLite alone, alternately and in the same run (ap_bench_measure_pair). */

/* snapshot.export and its baselines, on one store opened on the generated plan. */

static gboolean
export_trial (ApBench   *bench,
              gpointer   data,
              double    *seconds,
              GError   **error)
{
  g_autoptr(GString) json = NULL;
  double start = ap_bench_now ();

  json = g_string_new (NULL);
  if (!ap_snapshot_export (data, json, error))
    return FALSE;
  *seconds = ap_bench_now () - start;
  ap_bench_sink += json->len;
  return TRUE;
}

static gboolean
select_trial (ApBench   *bench,
              gpointer   data,
              double    *seconds,
              GError   **error)
{
  sqlite3 *db = ap_store_get_db (data);
  double start = ap_bench_now ();

  for (guint t = 0; t < ap_bench_n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", ap_bench_tables[t]);

      if (!ap_bench_read_all_rows (db, sql, error))
        return FALSE;
    }
  *seconds = ap_bench_now () - start;
  return TRUE;
}

static gboolean
run_sqlite_json_export (sqlite3  *db,
                        GString  *out,
                        GError  **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, ap_bench_export_json_sql, -1, &stmt, NULL) != SQLITE_OK)
    return ap_bench_set_sqlite_error (error, db, "export with JSON functions");
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      ap_bench_set_sqlite_error (error, db, "export with JSON functions");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  if (out != NULL)
    g_string_append_len (out, (const char *) sqlite3_column_text (stmt, 0),
                         sqlite3_column_bytes (stmt, 0));
  else
    ap_bench_sink += sqlite3_column_bytes (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
sqlite_json_export_trial (ApBench   *bench,
                          gpointer   data,
                          double    *seconds,
                          GError   **error)
{
  double start = ap_bench_now ();

  if (!run_sqlite_json_export (ap_store_get_db (data), NULL, error))
    return FALSE;
  *seconds = ap_bench_now () - start;
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
compare_with_export (ApBench  *bench,
                     ApStore  *store,
                     GError  **error)
{
  g_autoptr(GString) theirs = g_string_new (NULL);
  g_autoptr(GString) ours = NULL;
  gsize i = 0;

  if (!ap_bench_ensure_snapshot (bench, error) ||
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
run_export (ApBench           *bench,
            ApBenchTrialFunc   baseline,
            ApBenchMeasure    *out,
            GError           **error)
{
  g_autoptr(ApStore) store = ap_bench_open_plan_store (bench, error);

  if (store == NULL)
    return FALSE;
  if (baseline == sqlite_json_export_trial && !compare_with_export (bench, store, error))
    return FALSE;
  return ap_bench_measure_pair (bench, export_trial, baseline, store, out, error);
}

static gboolean
figure_export (ApBench         *bench,
               ApBenchMeasure  *out,
               GError         **error)
{
  return run_export (bench, select_trial, out, error);
}

static gboolean
figure_export_vs_sqlite_json (ApBench         *bench,
                              ApBenchMeasure  *out,
                              GError         **error)
{
  return run_export (bench, sqlite_json_export_trial, out, error);
}

/* snapshot.import and its baselines, each run into a new plan file. */

typedef gboolean (*ImportFunc) (ApBench  *bench,
                                ApStore  *store,
                                GError  **error);

static gboolean
import_trial_with (ApBench     *bench,
                   ImportFunc   import,
                   const char  *method,
                   gboolean    *checked,
                   double      *seconds,
                   GError     **error)
{
  g_autofree char *path = ap_bench_fresh_path (bench);
  g_autoptr(ApStore) store = ap_store_open (path, AP_STORE_OPEN_CREATE, error);
  gboolean ok;
  double start;

  if (store == NULL)
    return FALSE;
  start = ap_bench_now ();
  ok = import (bench, store, error);
  *seconds = ap_bench_now () - start;
  if (ok && !*checked)
    ok = *checked = ap_bench_check_row_counts (bench, store, method, error);
  g_clear_object (&store);
  ap_bench_remove_plan_file (path);
  return ok;
}

static gboolean
snapshot_import (ApBench  *bench,
                 ApStore  *store,
                 GError  **error)
{
  return ap_snapshot_import (store, bench->snapshot->str, bench->snapshot->len, error);
}

static gboolean
insert_table (sqlite3             *db,
              const ApBenchTable  *table,
              GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  const ApBenchCell *cell = (const ApBenchCell *) (gpointer) table->cells->data;

  if (sqlite3_prepare_v2 (db, table->insert_sql, -1, &stmt, NULL) != SQLITE_OK)
    return ap_bench_set_sqlite_error (error, db, table->insert_sql);
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
          ap_bench_set_sqlite_error (error, db, table->insert_sql);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
plain_insert (ApBench  *bench,
              ApStore  *store,
              GError  **error)
{
  if (!ap_store_begin (store, error))
    return FALSE;
  for (guint t = 0; t < ap_bench_n_tables; t++)
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
    return ap_bench_set_sqlite_error (error, db, sql);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return ap_bench_set_sqlite_error (error, db, sql);
  return TRUE;
}

/* One statement per table, each reading its top-level array. SQLite splits the
 * document into its members first (one parse, timed): binding the whole document to
 * every statement would parse all of it for each of the 17 tables, a baseline no one
 * would write. */
static gboolean
sqlite_json_insert (ApBench  *bench,
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
  ap_bench_set_sqlite_error (error, db, "split the snapshot");
  ap_store_rollback (store);
  return FALSE;
}

static gboolean
import_trial (ApBench   *bench,
              gpointer   data,
              double    *seconds,
              GError   **error)
{
  gboolean *checked = data;

  return import_trial_with (bench, snapshot_import, "ap_snapshot_import", &checked[0],
                            seconds, error);
}

static gboolean
plain_insert_trial (ApBench   *bench,
                    gpointer   data,
                    double    *seconds,
                    GError   **error)
{
  gboolean *checked = data;

  return import_trial_with (bench, plain_insert, "the plain INSERT baseline", &checked[1],
                            seconds, error);
}

static gboolean
sqlite_json_insert_trial (ApBench   *bench,
                          gpointer   data,
                          double    *seconds,
                          GError   **error)
{
  gboolean *checked = data;

  return import_trial_with (bench, sqlite_json_insert, "the json_each baseline", &checked[2],
                            seconds, error);
}

static gboolean
figure_import (ApBench         *bench,
               ApBenchMeasure  *out,
               GError         **error)
{
  gboolean checked[3] = { FALSE, FALSE, FALSE };

  return ap_bench_ensure_snapshot (bench, error) &&
         ap_bench_ensure_rows (bench, error) &&
         ap_bench_measure_pair (bench, import_trial, plain_insert_trial, checked, out, error);
}

static gboolean
figure_import_vs_sqlite_json (ApBench         *bench,
                              ApBenchMeasure  *out,
                              GError         **error)
{
  gboolean checked[3] = { FALSE, FALSE, FALSE };

  return ap_bench_ensure_snapshot (bench, error) &&
         ap_bench_measure_pair (bench, import_trial, sqlite_json_insert_trial, checked, out, error);
}

/* plan.open: a plan file opened until its models can be shown. */

static gboolean
open_trial (ApBench   *bench,
            gpointer   data,
            double    *seconds,
            GError   **error)
{
  g_autoptr(ApPlan) plan = NULL;
  ApRowList *lists[10];
  guint n = 0;
  double start = ap_bench_now ();

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
  *seconds = ap_bench_now () - start;
  ap_bench_sink += n;
  return TRUE;
}

static gboolean
select_open_trial (ApBench   *bench,
                   gpointer   data,
                   double    *seconds,
                   GError   **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  double start = ap_bench_now ();

  if (sqlite3_open_v2 (bench->plan_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      ap_bench_set_sqlite_error (error, db, "open");
      sqlite3_close (db);
      return FALSE;
    }
  ok = ap_bench_read_all_rows (db, "SELECT * FROM incident", error) &&
       ap_bench_read_all_rows (db, "SELECT * FROM card", error);
  *seconds = ap_bench_now () - start;
  sqlite3_close (db);
  return ok;
}

static gboolean
figure_open (ApBench         *bench,
             ApBenchMeasure  *out,
             GError         **error)
{
  return ap_bench_ensure_plan (bench, error) &&
         ap_bench_measure_pair (bench, open_trial, select_open_trial, NULL, out, error);
}

/* The figures, in the order they are measured and printed. The targets are the ones the
 * design asks of the core at 20,000 cards and 100,000 incidents. */
const ApBenchFigure ap_bench_figures[] = {
  { "snapshot.export", AP_BENCH_SECONDS, 1.5,
    "ap_snapshot_export into a GString vs one SELECT * per table, every column stepped",
    figure_export },
  { "snapshot.export_vs_sqlite_json", AP_BENCH_SECONDS, 1.5,
    "ap_snapshot_export vs one query building the document with json_object/json_group_array",
    figure_export_vs_sqlite_json },
  { "snapshot.import", AP_BENCH_SECONDS, 2.0,
    "ap_snapshot_import into a new file vs prepared INSERTs of the same rows from memory",
    figure_import },
  { "snapshot.import_vs_sqlite_json", AP_BENCH_SECONDS, 2.0,
    "ap_snapshot_import vs INSERT … SELECT … FROM json_each, one statement per table",
    figure_import_vs_sqlite_json },
  { "plan.open", AP_BENCH_SECONDS, 2.0,
    "ap_plan_open until every list model has its length vs a new connection's "
    "SELECT * FROM incident and card",
    figure_open },
};

const guint ap_bench_n_figures = G_N_ELEMENTS (ap_bench_figures);
