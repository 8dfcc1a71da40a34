/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ap-bench-charts.h"
#include "ap-chart-painter.h"

/* charts.recompute: ApChartData read again after an edit to a category, against the
 * bare GROUP BY queries that compute the same figures, stepped over every row.
 * charts.draw: one chart painted onto an image surface the size of an export, against
 * the same GROUP BY queries. charts.draw_sql: the SQL statements that drawing all five
 * charts and hovering every bar run (sqlite3_trace_v2 on the plan's connection),
 * against those of one recomputation; the target is none at all. */

#define DRAW_WIDTH  1280
#define DRAW_HEIGHT 800
/* The chart with the most to draw: three bars a row and the uncovered rows hatched. */
#define DRAW_KIND   AP_CHART_PAIN_VS_PLAN

/* The baseline: plain GROUP BYs over the same tables, written for the figures rather
 * than copied from ap-chart-data.c, so that a clumsy query there would show. */
static const char * const group_by_sql[] = {
  "SELECT id, name, color, status, recorded_incidents FROM pain_category",
  "SELECT category_id, count(*), sum(occurrences), count(*) - count(occurrences)"
  " FROM incident GROUP BY category_id",
  "SELECT category_id, count(DISTINCT card_id) FROM ("
  "  SELECT card_id, category_id FROM card_category"
  "  UNION ALL"
  "  SELECT l.card_id, i.category_id FROM card_incident l JOIN incident i ON i.id = l.incident_id)"
  " GROUP BY category_id",
  "SELECT i.category_id, substr(a.date, 1, 4),"
  "  (CAST(substr(a.date, 6, 2) AS INTEGER) + 2) / 3, count(*)"
  " FROM anecdote a JOIN incident i ON i.id = a.incident_id"
  " WHERE length(a.date) >= 4 GROUP BY 1, 2, 3",
  "SELECT status, count(*) FROM pain_category GROUP BY status",
};

typedef struct
{
  ApPlan       *plan;
  ApChartData  *data;
  sqlite3_stmt *group_by[G_N_ELEMENTS (group_by_sql)];
  gint64        category_id; /* the category the edits change */
  gint64        recorded;
  gint64        incidents;   /* totals of the baseline's last run */
  gint64        anecdotes;
} Charts;

static void
charts_free (Charts *c)
{
  for (guint i = 0; i < G_N_ELEMENTS (c->group_by); i++)
    sqlite3_finalize (c->group_by[i]);
  g_clear_object (&c->data);
  g_clear_object (&c->plan);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Charts, charts_free)

static Charts *
charts_new (ApBench  *bench,
            GError  **error)
{
  g_autoptr(Charts) c = g_new0 (Charts, 1);
  sqlite3 *db;

  if (!ap_bench_ensure_plan (bench, error))
    return NULL;
  c->plan = ap_plan_open (bench->plan_path, AP_PLAN_OPEN_DEFAULT, error);
  if (c->plan == NULL)
    return NULL;
  c->data = ap_chart_data_new (c->plan);
  if (!ap_chart_data_recompute (c->data, error))
    return NULL;
  c->category_id = ap_chart_data_get_category (c->data, 0)->id;
  c->recorded = ap_chart_data_get_category (c->data, 0)->recorded;

  /* Prepared once, like the store's cached statements: both sides run, not compile. */
  db = ap_store_get_db (ap_plan_get_store (c->plan));
  for (guint i = 0; i < G_N_ELEMENTS (group_by_sql); i++)
    if (sqlite3_prepare_v2 (db, group_by_sql[i], -1, &c->group_by[i], NULL) != SQLITE_OK)
      {
        ap_bench_set_sqlite_error (error, db, group_by_sql[i]);
        return NULL;
      }
  return g_steal_pointer (&c);
}

/* An edit of the kind a user makes in a meeting: a category's survey count. */
static gboolean
edit_category (Charts  *c,
               GError **error)
{
  const ApChartCategory *category = ap_chart_data_get_category (c->data, 0);
  ApEntityFields fields = { .name = category->name, .color = category->color,
                            .status = category->status, .notes = "",
                            .recorded_incidents = ++c->recorded };

  if (!ap_plan_update_entity (c->plan, AP_ENTITY_CATEGORY, c->category_id, &fields, error))
    return FALSE;
  if (!ap_chart_data_get_stale (c->data))
    {
      g_set_error_literal (error, AP_STORE_ERROR, AP_STORE_ERROR_INVALID,
                           "the edit did not mark the chart figures stale");
      return FALSE;
    }
  return TRUE;
}

/* Steps every row and reads every column, summing the counts to check them. */
static gboolean
run_group_by (Charts  *c,
              GError **error)
{
  sqlite3 *db = ap_store_get_db (ap_plan_get_store (c->plan));

  c->incidents = c->anecdotes = 0;
  for (guint i = 0; i < G_N_ELEMENTS (c->group_by); i++)
    {
      sqlite3_stmt *stmt = c->group_by[i];
      int rc, n = sqlite3_column_count (stmt);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          for (int col = 0; col < n; col++)
            ap_bench_sink += sqlite3_column_type (stmt, col) == SQLITE_TEXT
                               ? sqlite3_column_bytes (stmt, col)
                               : sqlite3_column_int64 (stmt, col);
          if (i == 1)
            c->incidents += sqlite3_column_int64 (stmt, 1);
          else if (i == 3)
            c->anecdotes += sqlite3_column_int64 (stmt, n - 1);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return ap_bench_set_sqlite_error (error, db, group_by_sql[i]);
    }
  return TRUE;
}

static gboolean
recompute_trial (ApBench  *bench,
                 gpointer  data,
                 double   *seconds,
                 GError  **error)
{
  Charts *c = data;
  double start;

  if (!edit_category (c, error))
    return FALSE;
  start = ap_bench_now ();
  if (!ap_chart_data_recompute (c->data, error))
    return FALSE;
  *seconds = ap_bench_now () - start;
  return TRUE;
}

static gboolean
group_by_trial (ApBench  *bench,
                gpointer  data,
                double   *seconds,
                GError  **error)
{
  Charts *c = data;
  double start;

  if (!edit_category (c, error))
    return FALSE;
  start = ap_bench_now ();
  if (!run_group_by (c, error))
    return FALSE;
  *seconds = ap_bench_now () - start;
  return TRUE;
}

/* The baseline must count what the charts count, or it would flatter them. */
static gboolean
check_same_figures (Charts  *c,
                    GError **error)
{
  gint64 incidents = 0, anecdotes = 0;

  for (guint i = 0; i < ap_chart_data_get_n_categories (c->data); i++)
    {
      incidents += ap_chart_data_get_category (c->data, i)->incidents;
      anecdotes += ap_chart_data_get_category (c->data, i)->anecdotes;
    }
  if (!run_group_by (c, error))
    return FALSE;
  if (incidents != c->incidents || anecdotes != c->anecdotes)
    {
      g_set_error (error, AP_STORE_ERROR, AP_STORE_ERROR_INVALID,
                   "the GROUP BY baseline counts %" G_GINT64_FORMAT " incidents and %"
                   G_GINT64_FORMAT " anecdotes, the charts %" G_GINT64_FORMAT " and %"
                   G_GINT64_FORMAT, c->incidents, c->anecdotes, incidents, anecdotes);
      return FALSE;
    }
  g_printerr ("bench: the charts and the GROUP BY baseline both count %" G_GINT64_FORMAT
              " incidents and %" G_GINT64_FORMAT " dated anecdotes in %u categories\n",
              incidents, anecdotes, ap_chart_data_get_n_categories (c->data));
  return TRUE;
}

gboolean
ap_bench_figure_charts_recompute (ApBench         *bench,
                                  ApBenchMeasure  *out,
                                  GError         **error)
{
  g_autoptr(Charts) c = charts_new (bench, error);

  return c != NULL && check_same_figures (c, error) &&
         ap_bench_measure_pair (bench, recompute_trial, group_by_trial, c, out, error);
}

/* charts.draw */

static void
paint (ApChartData *data,
       ApChartKind  kind,
       GArray      *bars)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, DRAW_WIDTH,
                                                         DRAW_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  ApChartPalette palette;

  ap_chart_palette_init (&palette, FALSE);
  ap_chart_paint (cr, data, kind, &palette, DRAW_WIDTH, DRAW_HEIGHT, 1.0, -1, bars);
  cairo_destroy (cr);
  /* The drawing is done once the pixels are: cairo may defer work to the flush. */
  cairo_surface_flush (surface);
  ap_bench_sink += cairo_image_surface_get_data (surface)[0];
  cairo_surface_destroy (surface);
}

static gboolean
draw_trial (ApBench  *bench,
            gpointer  data,
            double   *seconds,
            GError  **error)
{
  Charts *c = data;
  g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (ApChartBar));
  double start = ap_bench_now ();

  /* With the bars, as the canvas lays them out for its hit tests. */
  paint (c->data, DRAW_KIND, bars);
  *seconds = ap_bench_now () - start;
  ap_bench_sink += bars->len;
  return TRUE;
}

static gboolean
plain_group_by_trial (ApBench  *bench,
                      gpointer  data,
                      double   *seconds,
                      GError  **error)
{
  Charts *c = data;
  double start = ap_bench_now ();

  if (!run_group_by (c, error))
    return FALSE;
  *seconds = ap_bench_now () - start;
  return TRUE;
}

gboolean
ap_bench_figure_charts_draw (ApBench         *bench,
                             ApBenchMeasure  *out,
                             GError         **error)
{
  g_autoptr(Charts) c = charts_new (bench, error);

  return c != NULL &&
         ap_bench_measure_pair (bench, draw_trial, plain_group_by_trial, c, out, error);
}

/* charts.draw_sql */

static int
on_trace_cb (unsigned int  type,
             void         *context,
             void         *p,
             void         *x)
{
  (*(guint *) context)++;
  return 0;
}

/* Everything a user does to drawn charts: every chart drawn, every bar hovered (hit
 * test and tooltip text) and the canvas's size request. */
static void
draw_and_hover (ApChartData *data)
{
  for (ApChartKind kind = 0; kind < AP_N_CHARTS; kind++)
    {
      g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (ApChartBar));

      paint (data, kind, bars);
      for (guint i = 0; i < bars->len; i++)
        {
          const ApChartBar *bar = &g_array_index (bars, ApChartBar, i);
          g_autofree char *text = NULL;
          int hit = ap_chart_bars_hit (bars, bar->x + bar->width / 2, bar->y + bar->height / 2);

          if (hit >= 0)
            text = ap_chart_bar_describe (data, kind, &g_array_index (bars, ApChartBar, hit));
          ap_bench_sink += text != NULL ? (gint64) strlen (text) : 0;
        }
      ap_bench_sink += (gint64) ap_chart_get_min_height (data, kind, DRAW_WIDTH, 1.0);
    }
}

gboolean
ap_bench_figure_charts_draw_sql (ApBench         *bench,
                                 ApBenchMeasure  *out,
                                 GError         **error)
{
  g_autoptr(Charts) c = charts_new (bench, error);
  sqlite3 *db;
  guint statements = 0;
  gboolean ok;

  if (c == NULL)
    return FALSE;
  db = ap_store_get_db (ap_plan_get_store (c->plan));
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_trace_cb, &statements);
  ok = ap_chart_data_recompute (c->data, error);
  out->baseline = statements;
  statements = 0;
  if (ok)
    draw_and_hover (c->data);
  out->value = statements;
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  if (ok)
    g_printerr ("bench: drawing the five charts and hovering their bars ran %u SQL "
                "statements; one recomputation runs %.0f\n", statements, out->baseline);
  return ok;
}
