/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ap-bench-generate.h"
#include "ap-roadmap-canvas-private.h"
#include "render-nodes.h"

/* The canvas in a window on the sample plan. Drags go through the drag gesture's own
 * signals, keys through the canvas's actions, and every check reads the store. */
typedef struct
{
  char            *dir;
  ApPlan          *plan;
  GtkWidget       *window;
  ApRoadmapCanvas *canvas;
} Fixture;

static void
wait_for_draw (Fixture *f)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *scroller;

  f->dir = g_dir_make_tmp ("ap-canvas-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "sample.archplan", NULL);
  f->plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  g_assert_no_error (error);

  f->canvas = g_object_ref_sink (AP_ROADMAP_CANVAS (ap_roadmap_canvas_new ()));
  ap_roadmap_canvas_set_plan (f->canvas, f->plan);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->canvas));
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 1000);
  gtk_window_set_child (GTK_WINDOW (f->window), scroller);
  gtk_window_present (GTK_WINDOW (f->window));
  for (int i = 0; i < 200 && gtk_widget_get_width (GTK_WIDGET (f->canvas)) < 1000; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  wait_for_draw (f);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->canvas)), >=, 1000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  wait_for_draw (f);
  g_assert_finalize_object (f->canvas);
  g_clear_object (&f->plan);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static ApCard *
card_titled (Fixture    *f,
             const char *title)
{
  ApRowList *cards = ap_plan_get_cards (f->plan);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cards)); i++)
    {
      g_autoptr(ApCard) card = g_list_model_get_item (G_LIST_MODEL (cards), i);

      if (g_str_equal (ap_card_get_title (card), title))
        return ap_row_list_lookup (cards, ap_object_get_id (AP_OBJECT (card)));
    }
  g_assert_not_reached ();
}

/* The centre of @rect (map units) in the canvas's coordinates. */
static void
to_widget (Fixture      *f,
           const ApRect *rect,
           double       *x,
           double       *y)
{
  GtkScrollable *s = GTK_SCROLLABLE (f->canvas);
  double zoom = ap_roadmap_canvas_get_zoom (f->canvas);

  *x = (rect->x + rect->width / 2) * zoom - gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (s));
  *y = (rect->y + rect->height / 2) * zoom - gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (s));
}

static GtkEventController *
find_controller (Fixture *f,
                 GType    type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
    }
  g_assert_not_reached ();
}

static void
drag (Fixture      *f,
      const ApRect *from,
      const ApRect *to,
      gboolean      escape)
{
  GtkEventController *gesture = find_controller (f, GTK_TYPE_GESTURE_DRAG);
  double x0, y0, x1, y1;
  gboolean handled = FALSE;

  to_widget (f, from, &x0, &y0);
  to_widget (f, to, &x1, &y1);
  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  g_signal_emit_by_name (gesture, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (gesture, "drag-update", x1 - x0, y1 - y0);
  g_assert_cmpint (f->canvas->drag_state, ==, escape ? DRAG_CARDS : f->canvas->drag_state);
  if (escape)
    {
      g_signal_emit_by_name (find_controller (f, GTK_TYPE_EVENT_CONTROLLER_KEY), "key-pressed",
                             GDK_KEY_Escape, 9, 0, &handled);
      g_assert_true (handled);
      g_assert_cmpint (f->canvas->drag_state, ==, DRAG_NONE);
    }
  g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
}

static const ApRect *
cell_rect (Fixture    *f,
           const char *period,
           const char *step)
{
  ApRoadmapLayout *layout = f->canvas->layout;

  for (guint r = 0; r < ap_roadmap_layout_get_n_rows (layout); r++)
    for (guint c = 0; c < ap_roadmap_layout_get_n_columns (layout); c++)
      if (g_str_has_prefix (pango_layout_get_text (ap_roadmap_layout_get_row (layout, r)->label), period) &&
          g_str_equal (pango_layout_get_text (ap_roadmap_layout_get_column (layout, c)->label), step))
        return &ap_roadmap_layout_get_cell (layout, r, c)->rect;
  g_assert_not_reached ();
}

static const char *
last_history_kind (Fixture *f)
{
  ApRowList *history = ap_plan_get_history (f->plan);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  g_autoptr(ApHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (history), n - 1);

  return g_intern_string (ap_history_entry_get_kind (entry));
}

static void
test_drag_defers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ApCard *card = card_titled (f, "Eventing Message bus");
  gint64 id = ap_object_get_id (AP_OBJECT (card));
  gint64 period = ap_card_get_period_id (card), step = ap_card_get_step_id (card);
  const ApRect *target = cell_rect (f, "FY21 Q3", "Integrate and not modify core");
  ApRect from;

  ap_roadmap_canvas_ensure_layout (f->canvas);
  from = ap_roadmap_layout_find_card (f->canvas->layout, id)->rect;
  drag (f, &from, target, FALSE);
  card = ap_row_list_lookup (ap_plan_get_cards (f->plan), id);
  g_assert_cmpint (ap_card_get_step_id (card), ==, step);
  g_assert_cmpint (ap_card_get_period_id (card), !=, period);
  g_assert_cmpstr (last_history_kind (f), ==, "deferred");
  /* The canvas redraws from the model: the card is in its new cell at once. */
  ap_roadmap_canvas_ensure_layout (f->canvas);
  g_assert_true (ap_rect_intersects (&ap_roadmap_layout_find_card (f->canvas->layout, id)->rect, target));

  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ap_card_get_period_id (ap_row_list_lookup (ap_plan_get_cards (f->plan), id)), ==, period);
}

/* Dropped above the card before it, a card changes places within its cell: the order
 * changes, nothing is written to the history (it is not a move between cells), and
 * undo puts it back. */
static void
test_drag_reorders (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = ap_object_get_id (AP_OBJECT (card_titled (f, "Devstack decentralized")));
  gint64 second = ap_object_get_id (AP_OBJECT (card_titled (f, "Nose to Pytest")));
  guint n_history = g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_history (f->plan)));
  const ApRoadmapCardBox *a, *b;
  ApRect from, to;

  ap_roadmap_canvas_ensure_layout (f->canvas);
  a = ap_roadmap_layout_find_card (f->canvas->layout, first);
  b = ap_roadmap_layout_find_card (f->canvas->layout, second);
  g_assert_true (a->row == b->row && a->column == b->column);
  g_assert_cmpuint (a->index + 1, ==, b->index);
  from = b->rect;
  to = (ApRect) { a->rect.x, a->rect.y, a->rect.width, 4 };
  drag (f, &from, &to, FALSE);

  ap_roadmap_canvas_ensure_layout (f->canvas);
  a = ap_roadmap_layout_find_card (f->canvas->layout, first);
  b = ap_roadmap_layout_find_card (f->canvas->layout, second);
  g_assert_cmpuint (b->index + 1, ==, a->index);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_history (f->plan))), ==, n_history);

  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_no_error (error);
  ap_roadmap_canvas_ensure_layout (f->canvas);
  a = ap_roadmap_layout_find_card (f->canvas->layout, first);
  b = ap_roadmap_layout_find_card (f->canvas->layout, second);
  g_assert_cmpuint (a->index + 1, ==, b->index);
}

static void
test_escape_cancels (Fixture       *f,
                     gconstpointer  data)
{
  ApCard *card = card_titled (f, "Eventing Message bus");
  gint64 id = ap_object_get_id (AP_OBJECT (card));
  gint64 period = ap_card_get_period_id (card);
  guint n_history = g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_history (f->plan)));
  ApRect from;

  ap_roadmap_canvas_ensure_layout (f->canvas);
  from = ap_roadmap_layout_find_card (f->canvas->layout, id)->rect;
  drag (f, &from, cell_rect (f, "FY21 Q3", "Integrate and not modify core"), TRUE);
  g_assert_cmpint (ap_card_get_period_id (ap_row_list_lookup (ap_plan_get_cards (f->plan), id)), ==, period);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_history (f->plan))), ==, n_history);
  g_assert_false (ap_plan_can_undo (f->plan));
}

static void
test_keyboard_move (Fixture       *f,
                    gconstpointer  data)
{
  ApCard *card = card_titled (f, "Eventing Message bus");
  gint64 id = ap_object_get_id (AP_OBJECT (card));
  const ApRoadmapCardBox *box;
  guint column;

  ap_roadmap_canvas_select_card (f->canvas, id);
  g_assert_cmpint (ap_roadmap_canvas_get_focused_card (f->canvas), ==, id);
  box = ap_roadmap_layout_find_card (f->canvas->layout, id);
  column = box->column;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focused", "s", "right"));
  card = ap_row_list_lookup (ap_plan_get_cards (f->plan), id);
  g_assert_cmpint (ap_card_get_step_id (card), ==,
                   ap_roadmap_layout_get_column (f->canvas->layout, column + 1)->step_id);
  g_assert_cmpstr (last_history_kind (f), ==, "moved");
  /* The focus stays on the moved card, so a second Alt+Right moves it on. */
  ap_roadmap_canvas_ensure_layout (f->canvas);
  g_assert_cmpint (ap_roadmap_canvas_get_focused_card (f->canvas), ==, id);
  g_assert_cmpuint (ap_roadmap_layout_find_card (f->canvas->layout, id)->column, ==, column + 1);
  /* Arrows move the focus: down from the first card of a cell goes to the next card. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.focus-move", "s", "left"));
  g_assert_cmpint (ap_roadmap_canvas_get_focused_card (f->canvas), !=, id);
}

/* At the map's edge a move is refused with the bell, and said to screen readers. */
static void
test_keyboard_edge (Fixture       *f,
                    gconstpointer  data)
{
  ApRoadmapLayout *layout = f->canvas->layout;
  guint n_history = g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_history (f->plan)));
  const ApRoadmapCardBox *box = NULL;
  gint64 id, step;

  ap_roadmap_canvas_ensure_layout (f->canvas);
  for (guint r = 0; r < ap_roadmap_layout_get_n_rows (layout) && box == NULL; r++)
    if (ap_roadmap_layout_get_cell (layout, r, 0)->n_cards > 0)
      box = ap_roadmap_layout_get_card_at (layout, ap_roadmap_layout_get_cell (layout, r, 0)->first_card);
  g_assert_nonnull (box);
  id = box->card_id;
  step = box->step_id;
  ap_roadmap_canvas_select_card (f->canvas, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focused", "s", "left"));
  g_assert_cmpint (ap_card_get_step_id (ap_row_list_lookup (ap_plan_get_cards (f->plan), id)), ==, step);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_history (f->plan))), ==, n_history);
  g_assert_cmpstr (f->canvas->announcement, ==, "Cannot move further left");
}

static void
test_rubber_band_moves_two (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkEventController *gesture = find_controller (f, GTK_TYPE_GESTURE_DRAG);
  const ApRect *cell = cell_rect (f, "FY21 Q1", "How to Use/Develop");
  const ApRect *target = cell_rect (f, "FY21 Q2", "How to Use/Develop");
  gint64 a = ap_object_get_id (AP_OBJECT (card_titled (f, "Devstack decentralized")));
  gint64 b = ap_object_get_id (AP_OBJECT (card_titled (f, "Nose to Pytest")));
  gint64 period = ap_card_get_period_id (card_titled (f, "Nose to Pytest"));
  const gint64 *selected;
  ApRect corner = { cell->x + 1, cell->y + 1, 2, 2 };
  double x0, y0;
  guint n;
  ApRect from;

  to_widget (f, &corner, &x0, &y0);
  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  g_signal_emit_by_name (gesture, "drag-update", cell->width - 6.0, cell->height - 6.0);
  g_signal_emit_by_name (gesture, "drag-end", cell->width - 6.0, cell->height - 6.0);
  selected = ap_roadmap_canvas_get_selected_cards (f->canvas, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (ap_roadmap_canvas_is_selected (f->canvas, a));
  g_assert_true (ap_roadmap_canvas_is_selected (f->canvas, b));
  (void) selected;

  from = ap_roadmap_layout_find_card (f->canvas->layout, b)->rect;
  drag (f, &from, target, FALSE);
  g_assert_cmpint (ap_card_get_period_id (ap_row_list_lookup (ap_plan_get_cards (f->plan), a)), !=, period);
  g_assert_cmpint (ap_card_get_period_id (ap_row_list_lookup (ap_plan_get_cards (f->plan), b)), !=, period);
  /* One step undoes both. */
  g_assert_true (ap_plan_undo (f->plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ap_card_get_period_id (ap_row_list_lookup (ap_plan_get_cards (f->plan), a)), ==, period);
  g_assert_cmpint (ap_card_get_period_id (ap_row_list_lookup (ap_plan_get_cards (f->plan), b)), ==, period);
  g_assert_false (ap_plan_can_undo (f->plan));
}

static void
test_zoom_actions (Fixture       *f,
                   gconstpointer  data)
{
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (ap_roadmap_canvas_get_zoom (f->canvas), 1.25, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (ap_roadmap_canvas_get_zoom (f->canvas), 0.8, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (ap_roadmap_canvas_get_zoom (f->canvas), 1.0, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-fit", NULL);
  g_assert_cmpfloat (ap_roadmap_canvas_get_zoom (f->canvas), <, 1.0);
  g_assert_cmpfloat (ap_roadmap_layout_get_height (f->canvas->layout) * ap_roadmap_canvas_get_zoom (f->canvas),
                     <=, gtk_widget_get_height (GTK_WIDGET (f->canvas)) + 1);
}

/* The canvas's frame, drawn by its snapshot vfunc and rendered by the window's renderer
 * (the cairo one under the tests' GSK_RENDERER). */
static GdkTexture *
render_canvas (Fixture *f)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  int w = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (f->canvas));

  GTK_WIDGET_GET_CLASS (f->canvas)->snapshot (GTK_WIDGET (f->canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

static guint32
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint32 *data = g_new (guint32, w * h);

  gdk_texture_download (texture, (guchar *) data, w * 4);
  return data[y * w + x] & 0xffffff;
}

static void
test_renders_card (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = ap_object_get_id (AP_OBJECT (card_titled (f, "Eventing Message bus")));
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(ApCardFilter) filter = ap_card_filter_new ();
  const ApRoadmapCardBox *box;
  int x, y;

  ap_roadmap_canvas_ensure_layout (f->canvas);
  box = ap_roadmap_layout_find_card (f->canvas->layout, id);
  x = box->rect.x + 1.5;
  y = box->rect.y + box->rect.height / 2;
  texture = render_canvas (f);
  /* The Spike stripe (#785ef0) of the card, where the layout put it. */
  g_assert_cmphex (texture_pixel (texture, x, y), ==, 0x785ef0);
  g_clear_object (&texture);

  /* A filter that leaves the card out dims it. */
  ap_roadmap_canvas_set_filter (f->canvas, filter);
  ap_card_filter_set_text (filter, "no card has this title");
  texture = render_canvas (f);
  g_assert_cmphex (texture_pixel (texture, x, y), !=, 0x785ef0);
  ap_roadmap_canvas_set_filter (f->canvas, NULL);
}

static guint
frame_nodes (ApRoadmapCanvas *canvas)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  return ap_test_count_render_nodes (node);
}

static void
test_far_zoom_nodes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "big.archplan", NULL);
  ApBenchSize size = { 20000, 100, 10 };
  g_autoptr(ApPlan) big = NULL;
  guint near, blocks, fit;

  g_assert_true (ap_bench_generate_file (path, &size, &error));
  g_assert_no_error (error);
  big = ap_plan_open (path, AP_PLAN_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  ap_roadmap_canvas_set_plan (f->canvas, big);
  ap_roadmap_canvas_ensure_layout (f->canvas);
  g_assert_cmpuint (ap_roadmap_layout_get_n_cards (f->canvas->layout), ==, 20000);

  near = frame_nodes (f->canvas);
  ap_roadmap_canvas_set_zoom (f->canvas, 0.3);
  blocks = frame_nodes (f->canvas);
  ap_roadmap_canvas_zoom_to_fit (f->canvas);
  g_assert_cmpfloat (ap_roadmap_canvas_get_zoom (f->canvas), <, AP_ROADMAP_LOD_CELLS_BELOW);
  fit = frame_nodes (f->canvas);
  g_test_message ("nodes: 100%% %u, 30%% %u, fit %u", near, blocks, fit);
  g_assert_cmpuint (near, <, 10000);
  g_assert_cmpuint (blocks, <, 10000);
  g_assert_cmpuint (fit, <, 10000);
  ap_roadmap_canvas_set_plan (f->canvas, f->plan);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    return 77;
  adw_init ();

#define ADD(name, func) g_test_add ("/roadmap-canvas/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("drag-defers", test_drag_defers);
  ADD ("drag-reorders", test_drag_reorders);
  ADD ("escape-cancels", test_escape_cancels);
  ADD ("keyboard-move", test_keyboard_move);
  ADD ("keyboard-edge", test_keyboard_edge);
  ADD ("rubber-band-moves-two", test_rubber_band_moves_two);
  ADD ("zoom-actions", test_zoom_actions);
  ADD ("renders-card", test_renders_card);
  ADD ("far-zoom-nodes", test_far_zoom_nodes);
#undef ADD
  return g_test_run ();
}
