/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "archplan-bench"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "ap-bench-gui.h"
#include "../render-nodes.h"
#include "ap-bench-canvas.h"
#include "ap-plan.h"
#include "ap-roadmap-canvas-private.h"

/* The roadmap canvas's figures. A "frame" is what GTK does to show the canvas: its
 * snapshot vfunc into a GtkSnapshot, the node it makes, and that node rendered by a
 * GskCairoRenderer into a texture of the viewport's size (the cairo renderer: the GL one
 * runs on llvmpipe under Xvfb, which measures the software rasterizer, not the canvas).
 * Frames are timed in the steady state, after a warm-up frame has filled the caches.
 * A figure's frames and its baseline's alternate one by one, FRAMES × --repeat of each,
 * and the medians count: on a shared machine the load changes from one second to the
 * next, and alternating whole trials of a quarter of a second let it favour either.
 *
 * The canvases sit in windows of the viewport's size, shown under Xvfb, but the main
 * loop does not run while frames are timed: nothing else draws in between. */

#define VIEW_WIDTH   1600
#define VIEW_HEIGHT  1000
#define FRAMES       15
#define SCROLL_STEP  3.0   /* pixels: "scrolling by a few pixels" */
#define SMALL_CARDS  200
#define NODE_LIMIT   10000
#define MOVES        15

struct _ApBenchCanvas
{
  GskRenderer     *renderer;
  ApPlan          *big_plan;
  ApPlan          *small_plan;
  GtkWidget       *big_window;
  GtkWidget       *small_window;
  ApRoadmapCanvas *big;
  ApRoadmapCanvas *small;
};

/* Helpers. */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (double *values,
           guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* One frame of @canvas, timed from the snapshot to the rendered texture's release. */
static double
time_frame (ApBenchCanvas   *c,
            ApRoadmapCanvas *canvas,
            guint           *n_nodes)
{
  double start = ap_bench_now (), seconds;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture *texture;

  GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (c->renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, VIEW_WIDTH, VIEW_HEIGHT));
  g_object_unref (texture);
  seconds = ap_bench_now () - start;
  if (n_nodes != NULL)
    *n_nodes = ap_test_count_render_nodes (node);
  gsk_render_node_unref (node);
  return seconds;
}

static GdkTexture *
render_frame (ApBenchCanvas   *c,
              ApRoadmapCanvas *canvas)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  return gsk_renderer_render_texture (c->renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, VIEW_WIDTH, VIEW_HEIGHT));
}

static GtkAdjustment *
vadjustment (ApRoadmapCanvas *canvas)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas));
}

static GtkAdjustment *
hadjustment (ApRoadmapCanvas *canvas)
{
  return gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas));
}

/* The median of FRAMES frames after a warm-up; @scroll moves the view by SCROLL_STEP
 * before every other frame, so each timed frame shows something new. */
static double
median_frame (ApBenchCanvas   *c,
              ApRoadmapCanvas *canvas,
              gboolean         scroll)
{
  GtkAdjustment *v = vadjustment (canvas);
  double y0 = gtk_adjustment_get_value (v);
  double times[FRAMES];

  time_frame (c, canvas, NULL);
  for (guint i = 0; i < FRAMES; i++)
    {
      if (scroll)
        gtk_adjustment_set_value (v, y0 + (i % 2 == 0 ? SCROLL_STEP : 0));
      times[i] = time_frame (c, canvas, NULL);
    }
  gtk_adjustment_set_value (v, y0);
  return median_of (times, FRAMES);
}

/* One timed unit of a figure: a frame, or a pointer motion and its frame. */
typedef double (*UnitFunc) (ApBenchCanvas *c,
                            gpointer       data,
                            guint          i);

/* Times @value and @baseline alternately, after one warm-up of each. */
static void
measure_interleaved (ApBench        *bench,
                     ApBenchCanvas  *c,
                     UnitFunc        value,
                     UnitFunc        baseline,
                     gpointer        data,
                     ApBenchMeasure *out)
{
  guint n = bench->repeat * FRAMES;
  g_autofree double *values = g_new (double, n);
  g_autofree double *baselines = g_new (double, n);

  value (c, data, 0);
  baseline (c, data, 0);
  for (guint i = 0; i < n; i++)
    {
      values[i] = value (c, data, i + 1);
      baselines[i] = baseline (c, data, i + 1);
    }
  out->value = median_of (values, n);
  out->baseline = median_of (baselines, n);
}

/* The view of @canvas scrolled by SCROLL_STEP or back, so that each frame shows
 * something new. */
static void
scroll_a_little (ApRoadmapCanvas *canvas,
                 guint            i)
{
  gtk_adjustment_set_value (vadjustment (canvas), i % 2 == 0 ? SCROLL_STEP : 0);
}

/* Fixtures. */

static void
wait_for_allocation (GtkWidget *widget)
{
  for (int i = 0; i < 2000 && gtk_widget_get_width (widget) < VIEW_WIDTH; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* A window of the viewport's size holding a canvas in a scrolled window, as the roadmap
 * page has it. */
static ApRoadmapCanvas *
show_canvas (ApPlan     *plan,
             GtkWidget **window,
             GError    **error)
{
  GtkWidget *canvas = ap_roadmap_canvas_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  int w, h;

  ap_roadmap_canvas_set_plan (AP_ROADMAP_CANVAS (canvas), plan);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), canvas);
  /* A request, not only a default size: xvfb-run's screen (1280×1024) would clamp that. */
  gtk_widget_set_size_request (scroller, VIEW_WIDTH, VIEW_HEIGHT);
  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), VIEW_WIDTH, VIEW_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (*window), scroller);
  gtk_window_present (GTK_WINDOW (*window));
  wait_for_allocation (canvas);
  w = gtk_widget_get_width (canvas);
  h = gtk_widget_get_height (canvas);
  if (w != VIEW_WIDTH || h != VIEW_HEIGHT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the canvas got %d×%d pixels instead of %d×%d", w, h, VIEW_WIDTH, VIEW_HEIGHT);
      return NULL;
    }
  return AP_ROADMAP_CANVAS (canvas);
}

static void
collect_id (const ApRoadmapCardBox *box,
            gpointer                user_data)
{
  g_array_append_val ((GArray *) user_data, box->card_id);
}

/* The ids of the cards the first screen of @canvas shows, scrolled or not. */
static GArray *
first_screen_cards (ApRoadmapCanvas *canvas)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ApRect screen = { 0, 0, VIEW_WIDTH, VIEW_HEIGHT + SCROLL_STEP };

  ap_roadmap_canvas_ensure_layout (canvas);
  ap_roadmap_layout_cards_in_rect (canvas->layout, &screen, collect_id, ids);
  return ids;
}

/* The plan for "the same frame with 200 cards": a copy of the generated plan that keeps
 * the cards of its first screen, where they are, and as many others (each first in its
 * cell, off screen) as make SMALL_CARDS. The two frames then show the same pixels, and
 * their difference is what the plan's size costs. */
static ApPlan *
make_small_plan (ApBench          *bench,
                 ApRoadmapCanvas  *big,
                 GError          **error)
{
  static const char fill_sql[] =
    "DELETE FROM card WHERE id NOT IN (SELECT value FROM json_each(?1)) AND id NOT IN"
    " (SELECT id FROM card WHERE position = 0 AND id NOT IN (SELECT value FROM json_each(?1))"
    "  ORDER BY id LIMIT ?2)";
  g_autofree char *path = ap_bench_fresh_path (bench);
  g_autoptr(ApStore) source = ap_bench_open_plan_store (bench, error);
  g_autoptr(ApStore) copy = NULL;
  g_autoptr(GArray) ids = first_screen_cards (big);
  g_autoptr(GString) json = g_string_new ("[");
  sqlite3_stmt *stmt;

  if (source == NULL || !ap_store_backup_to (source, path, error))
    return NULL;
  g_clear_object (&source);
  copy = ap_store_open (path, AP_STORE_OPEN_DEFAULT, error);
  if (copy == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  if (!ap_store_begin (copy, error))
    return NULL;
  stmt = ap_store_prepare (copy, fill_sql, error);
  if (stmt == NULL)
    {
      ap_store_rollback (copy);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, json->str, (int) json->len, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, SMALL_CARDS - (int) MIN (ids->len, SMALL_CARDS));
  if (!ap_store_step_done (copy, stmt, error) || !ap_store_commit (copy, error))
    {
      ap_store_rollback (copy);
      return NULL;
    }
  g_printerr ("bench: the 200-card plan keeps the %u cards of the first screen\n", ids->len);
  g_clear_object (&copy);
  return ap_plan_open (path, AP_PLAN_OPEN_DEFAULT, error);
}

/* Says on stderr whether the two first screens really are the same picture. */
static void
compare_first_screens (ApBenchCanvas *c)
{
  g_autoptr(GdkTexture) a = render_frame (c, c->big);
  g_autoptr(GdkTexture) b = render_frame (c, c->small);
  g_autofree guint32 *pa = g_new (guint32, VIEW_WIDTH * VIEW_HEIGHT);
  g_autofree guint32 *pb = g_new (guint32, VIEW_WIDTH * VIEW_HEIGHT);
  guint differ = 0;

  gdk_texture_download (a, (guchar *) pa, VIEW_WIDTH * 4);
  gdk_texture_download (b, (guchar *) pb, VIEW_WIDTH * 4);
  for (guint i = 0; i < VIEW_WIDTH * VIEW_HEIGHT; i++)
    differ += pa[i] != pb[i];
  g_printerr ("bench: the first screens of the 20,000- and 200-card plans differ in %u of "
              "%u pixels\n", differ, VIEW_WIDTH * VIEW_HEIGHT);
}

static ApBenchCanvas *
ensure_canvas (ApBench  *bench,
               GError  **error)
{
  g_autoptr(GError) local = NULL;
  ApBenchCanvas *c;
  double start;

  if (bench->canvas != NULL)
    return bench->canvas;
  if (!ap_bench_ensure_display (FALSE, error) || !ap_bench_ensure_plan (bench, error))
    return NULL;

  c = bench->canvas = g_new0 (ApBenchCanvas, 1);
  c->renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (c->renderer, NULL, error))
    return NULL;
  start = ap_bench_now ();
  c->big_plan = ap_plan_open (bench->plan_path, AP_PLAN_OPEN_DEFAULT, error);
  if (c->big_plan == NULL || (c->big = show_canvas (c->big_plan, &c->big_window, error)) == NULL)
    return NULL;
  g_printerr ("bench: opened and laid out the %u-card plan in %.3g s; the map is %.0f×%.0f "
              "pixels at 100 %%\n", ap_roadmap_layout_get_n_cards (c->big->layout),
              ap_bench_now () - start, ap_roadmap_layout_get_width (c->big->layout),
              ap_roadmap_layout_get_height (c->big->layout));
  c->small_plan = make_small_plan (bench, c->big, error);
  if (c->small_plan == NULL ||
      (c->small = show_canvas (c->small_plan, &c->small_window, error)) == NULL)
    return NULL;
  compare_first_screens (c);
  return c;
}

void
ap_bench_canvas_free (ApBenchCanvas *c)
{
  if (c->big_window != NULL)
    gtk_window_destroy (GTK_WINDOW (c->big_window));
  if (c->small_window != NULL)
    gtk_window_destroy (GTK_WINDOW (c->small_window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (c->renderer != NULL && gsk_renderer_is_realized (c->renderer))
    gsk_renderer_unrealize (c->renderer);
  g_clear_object (&c->renderer);
  g_clear_object (&c->big_plan);
  g_clear_object (&c->small_plan);
  g_free (c);
}

/* canvas.frame_scaling and canvas.frame_vs_cairo. */

static double
big_scroll_unit (ApBenchCanvas *c,
                 gpointer       data,
                 guint          i)
{
  scroll_a_little (c->big, i);
  return time_frame (c, c->big, NULL);
}

static double
small_scroll_unit (ApBenchCanvas *c,
                   gpointer       data,
                   guint          i)
{
  scroll_a_little (c->small, i);
  return time_frame (c, c->small, NULL);
}

static void
draw_card_cb (const ApRoadmapCardBox *box,
              gpointer                user_data)
{
  gpointer *data = user_data;
  cairo_t *cr = data[0];
  ApRoadmapCanvas *canvas = data[1];

  cairo_save (cr);
  cairo_translate (cr, box->rect.x, box->rect.y);
  ap_roadmap_painter_draw_card (cr, canvas->layout, box, &canvas->palette);
  cairo_restore (cr);
}

/* What the frame shows, drawn by the same painter straight onto an image surface: the
 * cells, the visible cards and the pinned headers, at 100 %. */
static double
time_cairo_frame (ApRoadmapCanvas *canvas)
{
  double start = ap_bench_now (), seconds;
  double sx = gtk_adjustment_get_value (hadjustment (canvas));
  double sy = gtk_adjustment_get_value (vadjustment (canvas));
  ApRoadmapLayout *layout = canvas->layout;
  const ApRoadmapPalette *p = &canvas->palette;
  double header_h = ap_roadmap_layout_get_header_height (layout);
  double period_w = ap_roadmap_layout_get_period_width (layout);
  ApRect visible = { sx, sy, VIEW_WIDTH, VIEW_HEIGHT };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  gpointer data[2] = { cr, canvas };

  cairo_set_source_rgb (cr, p->background.red, p->background.green, p->background.blue);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_translate (cr, -sx, -sy);
  ap_roadmap_painter_draw_cells (cr, layout, p, &visible);
  ap_roadmap_layout_cards_in_rect (layout, &visible, draw_card_cb, data);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, VIEW_WIDTH, header_h);
  cairo_clip (cr);
  cairo_translate (cr, -sx, 0);
  ap_roadmap_painter_draw_column_headers (cr, layout, p, &visible);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_rectangle (cr, 0, header_h, period_w, VIEW_HEIGHT - header_h);
  cairo_clip (cr);
  cairo_translate (cr, 0, -sy);
  ap_roadmap_painter_draw_row_headers (cr, layout, p, &visible);
  cairo_restore (cr);
  ap_roadmap_painter_draw_corner (cr, layout, p);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
  seconds = ap_bench_now () - start;
  return seconds;
}

static double
cairo_scroll_unit (ApBenchCanvas *c,
                   gpointer       data,
                   guint          i)
{
  scroll_a_little (c->big, i);
  return time_cairo_frame (c->big);
}

/* The frame with no change and the one after a scroll, for the record. */
static void
report_still_frames (ApBenchCanvas *c)
{
  double big_still = median_frame (c, c->big, FALSE);
  double small_still = median_frame (c, c->small, FALSE);
  guint nodes;

  time_frame (c, c->big, &nodes);
  g_printerr ("bench: frames at 100 %% with no change: %.3g ms with 20,000 cards, %.3g ms with "
              "200; %u render nodes\n", big_still * 1e3, small_still * 1e3, nodes);
}

gboolean
ap_bench_figure_canvas_frame_scaling (ApBench         *bench,
                                      ApBenchMeasure  *out,
                                      GError         **error)
{
  ApBenchCanvas *c = ensure_canvas (bench, error);

  if (c == NULL)
    return FALSE;
  report_still_frames (c);
  measure_interleaved (bench, c, big_scroll_unit, small_scroll_unit, NULL, out);
  gtk_adjustment_set_value (vadjustment (c->big), 0);
  gtk_adjustment_set_value (vadjustment (c->small), 0);
  return TRUE;
}

gboolean
ap_bench_figure_canvas_frame_vs_cairo (ApBench         *bench,
                                       ApBenchMeasure  *out,
                                       GError         **error)
{
  ApBenchCanvas *c = ensure_canvas (bench, error);

  if (c == NULL)
    return FALSE;
  measure_interleaved (bench, c, big_scroll_unit, cairo_scroll_unit, NULL, out);
  gtk_adjustment_set_value (vadjustment (c->big), 0);
  return TRUE;
}

/* canvas.overview and canvas.overview_nodes: the whole map zoomed to fit. */

static void
reset_view (ApRoadmapCanvas *canvas)
{
  ap_roadmap_canvas_set_zoom (canvas, 1.0);
  gtk_adjustment_set_value (hadjustment (canvas), 0);
  gtk_adjustment_set_value (vadjustment (canvas), 0);
}

static gboolean
overview_trial (ApBench   *bench,
                gpointer   data,
                double    *seconds,
                GError   **error)
{
  ApBenchCanvas *c = data;

  ap_roadmap_canvas_zoom_to_fit (c->big);
  *seconds = median_frame (c, c->big, FALSE);
  reset_view (c->big);
  return TRUE;
}

static gboolean
still_frame_trial (ApBench   *bench,
                   gpointer   data,
                   double    *seconds,
                   GError   **error)
{
  ApBenchCanvas *c = data;

  *seconds = median_frame (c, c->big, FALSE);
  return TRUE;
}

gboolean
ap_bench_figure_canvas_overview (ApBench         *bench,
                                 ApBenchMeasure  *out,
                                 GError         **error)
{
  ApBenchCanvas *c = ensure_canvas (bench, error);
  double zoom;

  if (c == NULL)
    return FALSE;
  ap_roadmap_canvas_zoom_to_fit (c->big);
  zoom = ap_roadmap_canvas_get_zoom (c->big);
  reset_view (c->big);
  g_printerr ("bench: fit shows the whole map at %.3g %% zoom (%.0f×%.0f pixels)\n", zoom * 100,
              ap_roadmap_layout_get_width (c->big->layout) * zoom,
              ap_roadmap_layout_get_height (c->big->layout) * zoom);
  return ap_bench_measure_pair (bench, overview_trial, still_frame_trial, c, out, error);
}

gboolean
ap_bench_figure_canvas_overview_nodes (ApBench         *bench,
                                       ApBenchMeasure  *out,
                                       GError         **error)
{
  /* 41 %: the farthest zoom that still draws cards in full, the frame with most nodes. */
  static const double zooms[] = { 1.0, 0.41, 0.3, 0.1 };
  ApBenchCanvas *c = ensure_canvas (bench, error);
  guint nodes;

  if (c == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      ap_roadmap_canvas_set_zoom (c->big, zooms[i]);
      time_frame (c, c->big, &nodes);
      g_printerr ("bench: %u render nodes at %.3g %% zoom\n", nodes, zooms[i] * 100);
    }
  ap_roadmap_canvas_zoom_to_fit (c->big);
  time_frame (c, c->big, &nodes);
  reset_view (c->big);
  *out = (ApBenchMeasure) { nodes, NODE_LIMIT };
  return TRUE;
}

/* canvas.drag_motion: one pointer motion while a card is dragged. */

typedef struct
{
  double x0, y0;   /* the press, in widget coordinates */
} DragData;

/* The press and the first motion past the threshold: not timed, a drag begins. */
static void
begin_drag (ApRoadmapCanvas *canvas,
            const DragData  *d)
{
  g_signal_emit_by_name (canvas->drag, "drag-begin", d->x0, d->y0);
  g_signal_emit_by_name (canvas->drag, "drag-update", 20.0, 0.0);
}

/* One pointer motion during a drag, and the frame it asks for. */
static double
drag_motion_unit (ApBenchCanvas *c,
                  gpointer       data,
                  guint          i)
{
  ApRoadmapCanvas *canvas = c->big;
  /* Across cards and the gaps between them, away from the autoscrolling edges. */
  double dx = 40 + 37.0 * (i % 20), dy = 11.0 * (i % 45);
  double start;

  begin_drag (canvas, data);
  start = ap_bench_now ();
  g_signal_emit_by_name (canvas->drag, "drag-update", dx, dy);
  time_frame (c, canvas, NULL);
  return ap_bench_now () - start;
}

/* The same view without a drag: the pressed card stays selected and focused. */
static double
no_drag_unit (ApBenchCanvas *c,
              gpointer       data,
              guint          i)
{
  ap_roadmap_canvas_cancel_drag (c->big);
  return time_frame (c, c->big, NULL);
}

gboolean
ap_bench_figure_canvas_drag_motion (ApBench         *bench,
                                    ApBenchMeasure  *out,
                                    GError         **error)
{
  ApBenchCanvas *c = ensure_canvas (bench, error);
  const ApRoadmapCellBox *cell;
  const ApRoadmapCardBox *box;
  DragData d;

  if (c == NULL)
    return FALSE;
  reset_view (c->big);
  ap_roadmap_canvas_ensure_layout (c->big);
  /* The third card of the second column's first cell: well inside the screen. */
  cell = ap_roadmap_layout_get_cell (c->big->layout, 0, 1);
  box = ap_roadmap_layout_get_card_at (c->big->layout, cell->first_card + 2);
  d.x0 = box->rect.x + box->rect.width / 2;
  d.y0 = box->rect.y + box->rect.height / 2;
  begin_drag (c->big, &d);
  if (c->big->drag_state != DRAG_CARDS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the press did not start a drag");
      return FALSE;
    }
  ap_roadmap_canvas_cancel_drag (c->big);
  measure_interleaved (bench, c, drag_motion_unit, no_drag_unit, &d, out);
  ap_roadmap_canvas_cancel_drag (c->big);
  ap_roadmap_canvas_set_selection (c->big, NULL, 0);
  return TRUE;
}

/* canvas.move_commit: a move as the canvas commits it, on a plan file. */

typedef struct
{
  ApPlan   *plan;
  ApStore  *store;   /* another copy, for the baseline */
  gint64    card_id;
  gint64    periods[2];
  gint64    steps[2];
  guint     position;  /* where the card lands in the other cell */
  guint     n;         /* moves so far: the card is in cell (n + 1) % 2 */
  guint     updates;   /* baseline UPDATEs so far */
  guint     cells[2];  /* the cells' cards, for the report */
} MoveData;

static gboolean
move_trial (ApBench   *bench,
            gpointer   data,
            double    *seconds,
            GError   **error)
{
  MoveData *m = data;
  double times[MOVES];

  for (guint i = 0; i < MOVES; i++)
    {
      guint to = m->n++ % 2;
      double start = ap_bench_now ();

      if (!ap_plan_move_card (m->plan, m->card_id, m->periods[to], m->steps[to], m->position, error))
        return FALSE;
      times[i] = ap_bench_now () - start;
    }
  *seconds = median_of (times, MOVES);
  return TRUE;
}

static gboolean
update_trial (ApBench   *bench,
              gpointer   data,
              double    *seconds,
              GError   **error)
{
  MoveData *m = data;
  double times[MOVES];

  for (guint i = 0; i < MOVES; i++)
    {
      double start = ap_bench_now ();
      sqlite3_stmt *stmt;

      if (!ap_store_begin (m->store, error))
        return FALSE;
      stmt = ap_store_prepare (m->store, "UPDATE card SET position = ? WHERE id = ?", error);
      if (stmt == NULL)
        {
          ap_store_rollback (m->store);
          return FALSE;
        }
      sqlite3_bind_int (stmt, 1, 3 + (int) (m->updates++ % 2));
      sqlite3_bind_int64 (stmt, 2, m->card_id);
      if (!ap_store_step_done (m->store, stmt, error) || !ap_store_commit (m->store, error))
        {
          ap_store_rollback (m->store);
          return FALSE;
        }
      times[i] = ap_bench_now () - start;
    }
  *seconds = median_of (times, MOVES);
  return TRUE;
}

static char *
copy_plan (ApBench  *bench,
           GError  **error)
{
  g_autoptr(ApStore) source = ap_bench_open_plan_store (bench, error);
  g_autofree char *path = ap_bench_fresh_path (bench);

  if (source == NULL || !ap_store_backup_to (source, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* Says on stderr how many rows the measured move writes: the card's and its history
 * entry's, however full the cells (their cards keep their sort keys). */
static gboolean
report_rows_written (MoveData  *m,
                     GError   **error)
{
  sqlite3 *db = ap_store_get_db (ap_plan_get_store (m->plan));
  sqlite3_int64 before = sqlite3_total_changes64 (db);
  guint to = m->n++ % 2;

  if (!ap_plan_move_card (m->plan, m->card_id, m->periods[to], m->steps[to], m->position, error))
    return FALSE;
  g_printerr ("bench: the measured move wrote %" G_GINT64_FORMAT " rows (the card's and "
              "its history entry's), its cells holding %u and %u cards\n",
              (gint64) (sqlite3_total_changes64 (db) - before), m->cells[0], m->cells[1]);
  return TRUE;
}

/* Works on its own copies of the generated plan, so needs no display. */
gboolean
ap_bench_figure_canvas_move_commit (ApBench         *bench,
                                    ApBenchMeasure  *out,
                                    GError         **error)
{
  g_autofree char *plan_path = copy_plan (bench, error);
  g_autofree char *store_path = plan_path != NULL ? copy_plan (bench, error) : NULL;
  g_autoptr(ApPlan) plan = NULL;
  g_autoptr(ApStore) store = NULL;
  g_autoptr(ApCard) card = NULL;
  ApRowList *cards;
  MoveData m = { 0 };

  if (store_path == NULL)
    return FALSE;
  plan = ap_plan_open (plan_path, AP_PLAN_OPEN_DEFAULT, error);
  store = plan != NULL ? ap_store_open (store_path, AP_STORE_OPEN_DEFAULT, error) : NULL;
  if (store == NULL)
    return FALSE;
  /* A card in a full cell moves to the same period's first (or second) step and back,
   * landing among the cards, as a drop between two full cells does. */
  cards = ap_plan_get_cards (plan);
  card = g_list_model_get_item (G_LIST_MODEL (cards), g_list_model_get_n_items (G_LIST_MODEL (cards)) / 2);
  for (guint i = 0; i < 2 && m.steps[0] == 0; i++)
    {
      g_autoptr(ApStep) step = g_list_model_get_item (G_LIST_MODEL (ap_plan_get_steps (plan)), i);

      if (ap_object_get_id (AP_OBJECT (step)) != ap_card_get_step_id (card))
        m.steps[0] = ap_object_get_id (AP_OBJECT (step));
    }
  m.plan = plan;
  m.store = store;
  m.card_id = ap_object_get_id (AP_OBJECT (card));
  m.periods[0] = m.periods[1] = ap_card_get_period_id (card);
  m.steps[1] = ap_card_get_step_id (card);
  m.position = 3;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cards)); i++)
    {
      g_autoptr(ApCard) other = g_list_model_get_item (G_LIST_MODEL (cards), i);

      for (guint c = 0; c < 2; c++)
        m.cells[c] += ap_card_get_period_id (other) == m.periods[c] &&
                      ap_card_get_step_id (other) == m.steps[c];
    }
  return ap_bench_measure_pair (bench, move_trial, update_trial, &m, out, error) &&
         report_rows_written (&m, error);
}
