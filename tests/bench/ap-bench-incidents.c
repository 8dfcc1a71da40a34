/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <stdlib.h>

#include "ap-bench-gui.h"
#include "ap-bench-incidents.h"
#include "ap-incident-list.h"
#include "ap-incident-query.h"
#include "ap-incident-view.h"
#include "ap-schema.h"

/* incidents.search_keystroke: the query the incident browser runs for one keystroke
 * (FTS5 match, filters, the current sort) and the model update, against the bare
 * FTS5 MATCH of the same text. incidents.open_view: a new ApIncidentView given the
 * 100,000-incident plan and laid out in a 1400×900 window, against the same for a
 * 100-incident copy plus one SELECT of the visible rows. incidents.memory: the heap the
 * view holds with 100,000 incidents against 1,000 (mallinfo2 deltas).
 * incidents.team_filter and incidents.date_filter: picking a team, or a date range, while
 * the list shows every incident, against the bare SELECT of the matching anecdotes'
 * incident ids. */

#define SEARCH_TEXT "flaky cert"
/* One of the generator's fourteen teams (~21,000 anecdotes), and half a year. */
#define FILTER_TEAM "SRE"
#define FILTER_FROM "2021-01"
#define FILTER_TO   "2021-06-30"
#define VIEW_WIDTH  1400
#define VIEW_HEIGHT 900

typedef struct
{
  ApPlan          *plan;
  ApIncidentQuery *query;
  ApIncidentList  *list;
  char            *text;
  GArray          *before;  /* what the list showed before this keystroke */
} Keystroke;

static gboolean
keystroke_trial (ApBench  *bench,
                 gpointer  data,
                 double   *seconds,
                 GError  **error)
{
  Keystroke *k = data;
  g_autoptr(GArray) ids = NULL;
  double start;

  ap_incident_list_set_ids (k->list, k->before);
  ap_incident_query_set_text (k->query, k->text);
  start = ap_bench_now ();
  ids = ap_incident_query_run (k->query, ap_plan_get_store (k->plan), error);
  if (ids != NULL)
    ap_incident_list_set_ids (k->list, ids);
  *seconds = ap_bench_now () - start;
  ap_bench_sink += ids != NULL ? ids->len : 0;
  return ids != NULL;
}

/* A baseline: @sql prepared, @first and @second bound, and its ids stepped through. */
static gboolean
time_bare_select (ApPlan      *plan,
                  const char  *sql,
                  const char  *first,
                  const char  *second,
                  double      *seconds,
                  GError     **error)
{
  sqlite3 *db = ap_store_get_db (ap_plan_get_store (plan));
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;
  double start = ap_bench_now ();

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return ap_bench_set_sqlite_error (error, db, "baseline");
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n += sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  *seconds = ap_bench_now () - start;
  ap_bench_sink += n;
  return TRUE;
}

static gboolean
bare_match_trial (ApBench  *bench,
                  gpointer  data,
                  double   *seconds,
                  GError  **error)
{
  Keystroke *k = data;
  g_autofree char *match = ap_incident_query_build_match (k->text);

  return time_bare_select (k->plan, "SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?",
                           match, NULL, seconds, error);
}

static void
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Runs the main loop for @ms: the view's idles and timeouts (a search entry's delay,
 * the rows held back after the first screen) happen between keystrokes. */
static void
run_main_loop (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The same keystrokes typed into an ApIncidentView in a window: the query, the list
 * update, and the rows the column view builds and lays out for it (not their
 * drawing). Printed beside the figure, which counts only what the core and the model
 * do. Each keystroke follows a pause long enough for the whole previous list to be
 * shown, which makes it replace the most rows. */
static void
print_view_keystrokes (ApBench *bench,
                       ApPlan  *plan)
{
  g_autoptr(GError) error = NULL;
  gsize len = strlen (SEARCH_TEXT);
  g_autofree double *times = g_new0 (double, len * bench->repeat);
  GtkWidget *window, *view;
  GtkEditable *entry;
  int min, nat;

  if (!ap_bench_ensure_display (TRUE, &error))
    {
      g_printerr ("bench: incidents.search_keystroke in the view: skipped (%s)\n", error->message);
      return;
    }
  window = gtk_window_new ();
  view = ap_incident_view_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), VIEW_WIDTH, VIEW_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  ap_incident_view_set_plan (AP_INCIDENT_VIEW (view), plan);
  entry = ap_incident_view_get_search_entry (AP_INCIDENT_VIEW (view));
  for (guint r = 0; r < bench->repeat; r++)
    {
      gtk_editable_set_text (entry, "");
      run_main_loop (300);
      for (gsize n = 1; n <= len; n++)
        {
          int position = -1;
          double start;

          gtk_editable_insert_text (entry, SEARCH_TEXT + n - 1, 1, &position);
          /* What the entry emits once the user stops typing for its delay. */
          start = ap_bench_now ();
          g_signal_emit_by_name (entry, "search-changed");
          gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, VIEW_WIDTH, &min, &nat, NULL, NULL);
          gtk_widget_allocate (view, VIEW_WIDTH, VIEW_HEIGHT, -1, NULL);
          times[(n - 1) * bench->repeat + r] = ap_bench_now () - start;
          run_main_loop (300);
        }
    }
  for (gsize n = 1; n <= len; n++)
    {
      double *t = times + (n - 1) * bench->repeat;

      if (SEARCH_TEXT[n - 1] == ' ')
        continue;
      qsort (t, bench->repeat, sizeof (double), compare_doubles);
      g_printerr ("bench: incidents.search_keystroke “%.*s” in the view (query, list, rows built and "
                  "laid out): %.2f ms\n", (int) n, SEARCH_TEXT, t[bench->repeat / 2] * 1e3);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each prefix of SEARCH_TEXT is one keystroke; the figure is their sum, and every
 * keystroke's own time is printed so the slowest can be held against a 16.7 ms frame.
 * Before the first keystroke the list shows every incident, as the view does when it
 * opens: that run also gives the query its base (see ap_incident_query_run), as it
 * does in the view. Each keystroke then replaces what the previous one found. */
gboolean
ap_bench_figure_incidents_search_keystroke (ApBench         *bench,
                                            ApBenchMeasure  *out,
                                            GError         **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(ApStore) store = ap_bench_open_plan_store (bench, error);
  g_autoptr(ApPlan) plan = NULL;
  Keystroke k = { 0 };
  double worst = 0;
  gsize len = strlen (SEARCH_TEXT);

  if (store == NULL || (plan = ap_plan_new_for_store (store, error)) == NULL)
    return FALSE;
  k.plan = plan;
  k.query = ap_incident_query_new ();
  k.list = ap_incident_list_new (ap_plan_get_incidents (plan));
  ap_incident_query_set_sort (k.query, AP_INCIDENT_SORT_LAST_SEEN, TRUE);
  k.before = ap_incident_query_run (k.query, ap_plan_get_store (plan), &local);
  out->value = out->baseline = 0;
  for (gsize n = 1; n <= len && k.before != NULL; n++)
    {
      ApBenchMeasure m;

      if (SEARCH_TEXT[n - 1] == ' ')
        continue;
      g_free (k.text);
      k.text = g_strndup (SEARCH_TEXT, n);
      if (!ap_bench_measure_pair (bench, keystroke_trial, bare_match_trial, &k, &m, &local))
        break;
      g_printerr ("bench: incidents.search_keystroke “%s”: %.2f ms (bare MATCH %.2f ms)\n",
                  k.text, m.value * 1e3, m.baseline * 1e3);
      out->value += m.value;
      out->baseline += m.baseline;
      worst = MAX (worst, m.value);
      g_array_unref (k.before);
      k.before = ap_incident_query_run (k.query, ap_plan_get_store (plan), &local);
    }
  g_printerr ("bench: incidents.search_keystroke slowest keystroke %.2f ms (frame: 16.7 ms)\n",
              worst * 1e3);
  g_free (k.text);
  g_clear_pointer (&k.before, g_array_unref);
  g_object_unref (k.list);
  g_object_unref (k.query);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  print_view_keystrokes (bench, plan);
  return TRUE;
}

typedef struct
{
  ApPlan          *plan;
  ApIncidentQuery *query;
  ApIncidentList  *list;
  GArray          *all;     /* what the list shows before the filter */
  gboolean         dates;   /* filter by FILTER_FROM–FILTER_TO, else by FILTER_TEAM */
  gboolean         cold;    /* a new query each time, which has read nothing yet */
} Filter;

static void
set_filter (Filter          *f,
            ApIncidentQuery *query,
            gboolean         on)
{
  if (f->dates)
    ap_incident_query_set_date_range (query, on ? FILTER_FROM : NULL, on ? FILTER_TO : NULL);
  else
    ap_incident_query_set_team (query, on ? FILTER_TEAM : NULL);
}

/* As the view runs it: the list shows every incident, newest first (the query has
 * read them), the filter is picked, the query runs and the list takes its ids. */
static gboolean
filter_trial (ApBench  *bench,
              gpointer  data,
              double   *seconds,
              GError  **error)
{
  Filter *f = data;
  g_autoptr(ApIncidentQuery) fresh = NULL;
  ApIncidentQuery *query = f->query;
  g_autoptr(GArray) ids = NULL;
  double start;

  if (f->cold)
    {
      query = fresh = ap_incident_query_new ();
      ap_incident_query_set_sort (query, AP_INCIDENT_SORT_LAST_SEEN, TRUE);
    }
  set_filter (f, query, FALSE);
  g_clear_pointer (&f->all, g_array_unref);
  if (!f->cold && (f->all = ap_incident_query_run (query, ap_plan_get_store (f->plan), error)) == NULL)
    return FALSE;
  if (f->all != NULL)
    ap_incident_list_set_ids (f->list, f->all);
  set_filter (f, query, TRUE);
  start = ap_bench_now ();
  ids = ap_incident_query_run (query, ap_plan_get_store (f->plan), error);
  if (ids != NULL)
    ap_incident_list_set_ids (f->list, ids);
  *seconds = ap_bench_now () - start;
  ap_bench_sink += ids != NULL ? ids->len : 0;
  return ids != NULL;
}

static gboolean
bare_anecdotes_trial (ApBench  *bench,
                      gpointer  data,
                      double   *seconds,
                      GError  **error)
{
  Filter *f = data;

  if (f->dates)
    return time_bare_select (f->plan, "SELECT incident_id FROM anecdote WHERE date >= ? AND date <= ?",
                             FILTER_FROM, FILTER_TO, seconds, error);
  return time_bare_select (f->plan, "SELECT incident_id FROM anecdote WHERE team = ?",
                           FILTER_TEAM, NULL, seconds, error);
}

/* The figure is the filter picked in the view (its query has read the list); the same
 * filter in a new query, which reads the list first, is printed beside it. */
static gboolean
measure_filter (ApBench         *bench,
                gboolean         dates,
                ApBenchMeasure  *out,
                GError         **error)
{
  g_autoptr(ApStore) store = ap_bench_open_plan_store (bench, error);
  g_autoptr(ApPlan) plan = NULL;
  Filter f = { .dates = dates };
  ApBenchMeasure cold;
  gboolean ok;

  if (store == NULL || (plan = ap_plan_new_for_store (store, error)) == NULL)
    return FALSE;
  f.plan = plan;
  f.query = ap_incident_query_new ();
  f.list = ap_incident_list_new (ap_plan_get_incidents (plan));
  ap_incident_query_set_sort (f.query, AP_INCIDENT_SORT_LAST_SEEN, TRUE);
  ok = ap_bench_measure_pair (bench, filter_trial, bare_anecdotes_trial, &f, out, error);
  f.cold = TRUE;
  if (ok && (ok = ap_bench_measure_pair (bench, filter_trial, bare_anecdotes_trial, &f, &cold, error)))
    g_printerr ("bench: incidents.%s_filter: %.2f ms (bare SELECT %.2f ms); in a new query, which "
                "reads the list first: %.2f ms, %.2fx\n", dates ? "date" : "team", out->value * 1e3,
                out->baseline * 1e3, cold.value * 1e3, cold.value / cold.baseline);
  g_clear_pointer (&f.all, g_array_unref);
  g_object_unref (f.list);
  g_object_unref (f.query);
  return ok;
}

gboolean
ap_bench_figure_incidents_team_filter (ApBench         *bench,
                                       ApBenchMeasure  *out,
                                       GError         **error)
{
  return measure_filter (bench, FALSE, out, error);
}

gboolean
ap_bench_figure_incidents_date_filter (ApBench         *bench,
                                       ApBenchMeasure  *out,
                                       GError         **error)
{
  return measure_filter (bench, TRUE, out, error);
}

/* A copy of the generated plan that keeps its first @n incidents. */
static char *
make_copy (ApBench  *bench,
           guint     n,
           GError  **error)
{
  g_autofree char *path = ap_bench_fresh_path (bench);
  g_autoptr(ApStore) source = ap_bench_open_plan_store (bench, error);
  g_autoptr(ApStore) copy = NULL;
  sqlite3_stmt *stmt;

  if (source == NULL || !ap_store_backup_to (source, path, error))
    return NULL;
  g_clear_object (&source);
  if ((copy = ap_store_open (path, AP_STORE_OPEN_DEFAULT, error)) == NULL ||
      !ap_store_begin (copy, error))
    return NULL;
  if (!ap_store_exec (copy, ap_schema_fts_suspend, error) ||
      (stmt = ap_store_prepare (copy, "DELETE FROM incident WHERE id NOT IN"
                                      " (SELECT id FROM incident ORDER BY id LIMIT ?)", error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, n);
  if (!ap_store_step_done (copy, stmt, error) ||
      !ap_store_exec (copy, ap_schema_fts_resume, error) ||
      !ap_store_commit (copy, error))
    goto fail;
  return g_steal_pointer (&path);

fail:
  ap_store_rollback (copy);
  return NULL;
}

typedef struct
{
  ApPlan    *big;
  ApPlan    *small;
  GtkWidget *window;
} Views;

/* Gives a new view @plan in the window, lays it out and snapshots it: the work of
 * showing the Incidents page. Returns the view. */
static GtkWidget *
open_view (Views  *v,
           ApPlan *plan)
{
  GtkWidget *view = ap_incident_view_new ();
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int min, nat;

  gtk_window_set_child (GTK_WINDOW (v->window), view);
  ap_incident_view_set_plan (AP_INCIDENT_VIEW (view), plan);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, VIEW_WIDTH, &min, &nat, NULL, NULL);
  gtk_widget_allocate (view, VIEW_WIDTH, VIEW_HEIGHT, -1, NULL);
  paintable = gtk_widget_paintable_new (view);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, VIEW_WIDTH, VIEW_HEIGHT);
  node = gtk_snapshot_free_to_node (snapshot);
  g_clear_pointer (&node, gsk_render_node_unref);
  return view;
}

static gboolean
open_big_trial (ApBench  *bench,
                gpointer  data,
                double   *seconds,
                GError  **error)
{
  Views *v = data;
  double start = ap_bench_now ();

  open_view (v, v->big);
  *seconds = ap_bench_now () - start;
  gtk_window_set_child (GTK_WINDOW (v->window), NULL);
  return TRUE;
}

static gboolean
open_small_trial (ApBench  *bench,
                  gpointer  data,
                  double   *seconds,
                  GError  **error)
{
  Views *v = data;
  sqlite3 *db = ap_store_get_db (ap_plan_get_store (v->big));
  double start = ap_bench_now ();
  gboolean ok;

  open_view (v, v->small);
  ok = ap_bench_read_all_rows (db, "SELECT * FROM incident ORDER BY id LIMIT 40", error);
  *seconds = ap_bench_now () - start;
  gtk_window_set_child (GTK_WINDOW (v->window), NULL);
  return ok;
}

static gboolean
open_views (ApBench  *bench,
            Views    *v,
            guint     n_small,
            GError  **error)
{
  g_autofree char *small = NULL;

  if (!ap_bench_ensure_display (TRUE, error) || !ap_bench_ensure_plan (bench, error) ||
      (small = make_copy (bench, n_small, error)) == NULL ||
      (v->big = ap_plan_open (bench->plan_path, AP_PLAN_OPEN_DEFAULT, error)) == NULL ||
      (v->small = ap_plan_open (small, AP_PLAN_OPEN_DEFAULT, error)) == NULL)
    return FALSE;
  v->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (v->window), VIEW_WIDTH, VIEW_HEIGHT);
  gtk_window_present (GTK_WINDOW (v->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return TRUE;
}

static void
close_views (Views *v)
{
  if (v->window != NULL)
    gtk_window_destroy (GTK_WINDOW (v->window));
  g_clear_object (&v->big);
  g_clear_object (&v->small);
}

gboolean
ap_bench_figure_incidents_open_view (ApBench         *bench,
                                     ApBenchMeasure  *out,
                                     GError         **error)
{
  Views v = { 0 };
  gboolean ok;

  ok = open_views (bench, &v, 100, error) &&
       ap_bench_measure_pair (bench, open_big_trial, open_small_trial, &v, out, error);
  close_views (&v);
  return ok;
}

static gboolean
memory_trial (Views   *v,
              ApPlan  *plan,
              double  *bytes)
{
  struct mallinfo2 before, after;
  GtkWidget *view;

  malloc_trim (0);
  before = mallinfo2 ();
  view = open_view (v, plan);
  after = mallinfo2 ();
  *bytes = (double) after.uordblks - (double) before.uordblks;
  ap_bench_sink += GPOINTER_TO_SIZE (view) & 1;
  gtk_window_set_child (GTK_WINDOW (v->window), NULL);
  return TRUE;
}

static gboolean
memory_big_trial (ApBench  *bench,
                  gpointer  data,
                  double   *bytes,
                  GError  **error)
{
  return memory_trial (data, ((Views *) data)->big, bytes);
}

static gboolean
memory_small_trial (ApBench  *bench,
                    gpointer  data,
                    double   *bytes,
                    GError  **error)
{
  return memory_trial (data, ((Views *) data)->small, bytes);
}

gboolean
ap_bench_figure_incidents_memory (ApBench         *bench,
                                  ApBenchMeasure  *out,
                                  GError         **error)
{
  Views v = { 0 };
  gboolean ok;

  ok = open_views (bench, &v, 1000, error);
  /* A first view of each warms the caches both share (CSS, fonts, templates). */
  if (ok)
    {
      double ignored;
      memory_trial (&v, v.small, &ignored);
      memory_trial (&v, v.big, &ignored);
    }
  ok = ok && ap_bench_measure_pair (bench, memory_big_trial, memory_small_trial, &v, out, error);
  close_views (&v);
  return ok;
}
