/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-canvas"

#include "config.h"

#include <math.h>

#include "ap-roadmap-canvas-private.h"

/* Drawing the canvas. The painter draws here with a pen that makes render nodes (colour,
 * border and text nodes) instead of cairo calls: GTK 4.8's cairo renderer draws those
 * straight onto the frame, where it replays a cairo node through a temporary image of
 * its size on every frame and converts a texture node to floats pixel by pixel. At
 * 100 %, a frame of cairo nodes (one per card, full-size ones for the grid and headers)
 * cost 1.6 times drawing the same with cairo directly, a frame of textures 1.8, a frame
 * of these nodes about 1.0 (archplan-bench, canvas.frame_vs_cairo).
 *
 * The nodes are in map units and the frame scales them, so they survive zooming: a card
 * is drawn once and kept while its content stays (its content hash), a header until the
 * layout is rebuilt; only the far zoom's cell summaries, whose numbers keep their size
 * on screen, are per zoom. Nodes are kept for at most NODE_LIMIT cards. */

#define NODE_LIMIT 4096
/* A card in full is about twenty nodes. Past this many cards on screen (a big screen at
 * a zoom that is fine on a small one) they are drawn as blocks: a frame stays near
 * 10,000 nodes, far from the 60,000 where GTK 4.8's GL renderer gives up. */
#define MAX_FULL_CARDS 500

/* The pen's target: a snapshot, and an opacity for faded cards. A card faded by
 * colours of lower alpha costs nothing more to draw, where an opacity node would cost
 * the cairo renderer a temporary image per card and frame. */
typedef struct
{
  GtkSnapshot *snapshot;
  float        alpha;
} NodeTarget;

static GdkRGBA
to_gdk (const ApRgba *color,
        float         alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, color->alpha * alpha };
}

static GskRoundedRect
rounded (const ApRect *rect,
         double        radius)
{
  GskRoundedRect r;

  gsk_rounded_rect_init_from_rect (&r, &GRAPHENE_RECT_INIT (rect->x, rect->y, rect->width, rect->height),
                                   MIN (radius, MIN (rect->width, rect->height) / 2));
  return r;
}

/* A rounded fill is a border whose sides meet in the middle: the cairo renderer fills
 * it in one go, where a colour in a rounded clip costs it a mask. */
static void
node_fill (gpointer      target,
           const ApRect *rect,
           double        radius,
           const ApRgba *color)
{
  NodeTarget *t = target;
  GdkRGBA c = to_gdk (color, t->alpha);
  float w = rect->width / 2, h = rect->height / 2;
  GskRoundedRect r;

  if (radius <= 0)
    {
      gtk_snapshot_append_color (t->snapshot, &c,
                                 &GRAPHENE_RECT_INIT (rect->x, rect->y, rect->width, rect->height));
      return;
    }
  r = rounded (rect, radius);
  gtk_snapshot_append_border (t->snapshot, &r, (float[4]) { h, w, h, w }, (GdkRGBA[4]) { c, c, c, c });
}

static void
node_border (gpointer      target,
             const ApRect *rect,
             double        radius,
             const double  widths[4],
             const ApRgba *color)
{
  NodeTarget *t = target;
  GdkRGBA c = to_gdk (color, t->alpha);
  GskRoundedRect r = rounded (rect, radius);

  gtk_snapshot_append_border (t->snapshot, &r,
                              (float[4]) { widths[0], widths[1], widths[2], widths[3] },
                              (GdkRGBA[4]) { c, c, c, c });
}

static void
node_text (gpointer      target,
           PangoLayout  *layout,
           double        x,
           double        y,
           double        scale,
           const ApRgba *color)
{
  NodeTarget *t = target;
  GdkRGBA c = to_gdk (color, t->alpha);

  gtk_snapshot_save (t->snapshot);
  gtk_snapshot_translate (t->snapshot, &GRAPHENE_POINT_INIT (x, y));
  if (scale != 1)
    gtk_snapshot_scale (t->snapshot, scale, scale);
  gtk_snapshot_append_layout (t->snapshot, layout, &c);
  gtk_snapshot_restore (t->snapshot);
}

static void
node_push_rotate (gpointer target,
                  double   x,
                  double   y,
                  double   degrees)
{
  NodeTarget *t = target;

  gtk_snapshot_save (t->snapshot);
  gtk_snapshot_translate (t->snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_rotate (t->snapshot, degrees);
  gtk_snapshot_translate (t->snapshot, &GRAPHENE_POINT_INIT (-x, -y));
}

static void
node_pop_rotate (gpointer target)
{
  gtk_snapshot_restore (((NodeTarget *) target)->snapshot);
}

static const ApRoadmapPen node_pen = {
  node_fill,
  node_border,
  node_text,
  node_push_rotate,
  node_pop_rotate,
};

static double
scroll_x (ApRoadmapCanvas *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
scroll_y (ApRoadmapCanvas *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

/* @map in the widget's coordinates, scrolled both ways. */
void
ap_roadmap_canvas_to_widget (ApRoadmapCanvas *self,
                             const ApRect    *map,
                             graphene_rect_t *widget)
{
  *widget = GRAPHENE_RECT_INIT (map->x * self->zoom - scroll_x (self),
                                map->y * self->zoom - scroll_y (self),
                                map->width * self->zoom, map->height * self->zoom);
}

/* Until the matching gtk_snapshot_restore(), the snapshot draws in map units, scrolled
 * by @dx, @dy (pixels): the map's pinned parts scroll one way only. */
static void
begin_map_units (ApRoadmapCanvas *self,
                 GtkSnapshot     *snapshot,
                 double           dx,
                 double           dy)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-dx, -dy));
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
}

/* The node the painter's trace makes with the pen. */
#define TRACE_NODE(alpha, call) \
  G_STMT_START { \
    NodeTarget target_ = { gtk_snapshot_new (), (alpha) }; \
    NodeTarget *target = &target_; \
    call; \
    node = gtk_snapshot_free_to_node (target_.snapshot); \
  } G_STMT_END

static void
unref_node (gpointer node)
{
  if (node != NULL)
    gsk_render_node_unref (node);
}

static void
free_cached_node (gpointer data)
{
  CachedNode *cached = data;

  g_clear_pointer (&cached->node, gsk_render_node_unref);
  g_clear_pointer (&cached->dimmed_node, gsk_render_node_unref);
  g_free (cached);
}

/* Which cards the filter leaves out, asked once per card until the filter or the plan
 * changes: matching reads the card's links and text, too much to redo every frame. */
static gboolean
is_dimmed (ApRoadmapCanvas *self,
           gint64           card_id)
{
  gpointer known;
  ApCard *card;
  gboolean dimmed;

  if (self->filter == NULL || ap_card_filter_is_empty (self->filter))
    return FALSE;
  known = g_hash_table_lookup (self->dimmed, &card_id);
  if (known != NULL)
    return GPOINTER_TO_INT (known) - 1;
  card = ap_row_list_lookup (ap_plan_get_cards (self->plan), card_id);
  dimmed = card != NULL && !ap_card_filter_matches (self->filter, self->plan, card);
  g_hash_table_insert (self->dimmed, g_memdup2 (&card_id, sizeof card_id),
                       GINT_TO_POINTER (1 + dimmed));
  return dimmed;
}

/* Cards. */

/* The card drawn in map units with its top-left corner at the origin, made the first
 * time it is asked for and kept while its content stays. */
GskRenderNode *
ap_roadmap_canvas_get_card_node (ApRoadmapCanvas        *self,
                                 const ApRoadmapCardBox *box,
                                 gboolean                dimmed)
{
  CachedNode *cached = g_hash_table_lookup (self->nodes, &box->card_id);
  GskRenderNode **slot;
  GskRenderNode *node;

  if (cached == NULL)
    {
      cached = g_new0 (CachedNode, 1);
      cached->content_hash = box->content_hash;
      g_hash_table_insert (self->nodes, g_memdup2 (&box->card_id, sizeof (gint64)), cached);
    }
  else if (cached->content_hash != box->content_hash)
    {
      g_clear_pointer (&cached->node, gsk_render_node_unref);
      g_clear_pointer (&cached->dimmed_node, gsk_render_node_unref);
      cached->content_hash = box->content_hash;
    }
  cached->frame = self->frame;
  slot = dimmed ? &cached->dimmed_node : &cached->node;
  if (*slot == NULL)
    {
      TRACE_NODE (dimmed ? self->palette.dim_alpha : 1.f,
                  ap_roadmap_painter_trace_card (&node_pen, target, self->layout, box, &self->palette));
      *slot = node;
    }
  return *slot;
}

/* Appends a card's node with its corner at @x, @y (pixels), on whole pixels so that the
 * card's edges stay sharp at 100 %. */
void
ap_roadmap_canvas_append_card (ApRoadmapCanvas *self,
                               GtkSnapshot     *snapshot,
                               GskRenderNode   *node,
                               double           x,
                               double           y)
{
  if (node == NULL)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
  gtk_snapshot_append_node (snapshot, node);
  gtk_snapshot_restore (snapshot);
}

static gboolean
is_stale (gpointer key,
          gpointer value,
          gpointer user_data)
{
  ApRoadmapCanvas *self = user_data;

  return ((CachedNode *) value)->frame != self->frame;
}

/* Past the limit, the cards not on screen lose their nodes. */
static void
trim_card_nodes (ApRoadmapCanvas *self)
{
  if (g_hash_table_size (self->nodes) > NODE_LIMIT)
    g_hash_table_foreach_remove (self->nodes, is_stale, self);
}

typedef struct
{
  ApRoadmapCanvas *self;
  GtkSnapshot     *snapshot;
} SnapshotData;

static void
snapshot_card (const ApRoadmapCardBox *box,
               gpointer                user_data)
{
  SnapshotData *data = user_data;
  ApRoadmapCanvas *self = data->self;

  ap_roadmap_canvas_append_card (self, data->snapshot,
                                 ap_roadmap_canvas_get_card_node (self, box, is_dimmed (self, box->card_id)),
                                 box->rect.x * self->zoom - scroll_x (self),
                                 box->rect.y * self->zoom - scroll_y (self));
}

/* Far out, each card is a block in its stage's colour: a colour node, thousands of which
 * still make a small frame. */
static void
snapshot_block (const ApRoadmapCardBox *box,
                gpointer                user_data)
{
  SnapshotData *data = user_data;
  ApRoadmapCanvas *self = data->self;
  GdkRGBA color = to_gdk (&box->stage_color,
                          is_dimmed (self, box->card_id) ? self->palette.dim_alpha : 1);
  graphene_rect_t r;

  ap_roadmap_canvas_to_widget (self, &box->rect, &r);
  gtk_snapshot_append_color (data->snapshot, &color, &r);
}

/* Farthest out, one block per non-empty cell, made once per zoom, with its number of
 * cards drawn for each frame: the number keeps its size on screen, and its place in
 * the part of the block below the pinned headers. */
static void
snapshot_cell_summaries (ApRoadmapCanvas *self,
                         GtkSnapshot     *snapshot,
                         const ApRect    *visible)
{
  guint n_rows = ap_roadmap_layout_get_n_rows (self->layout);
  guint n_columns = ap_roadmap_layout_get_n_columns (self->layout);
  NodeTarget counts = { snapshot, 1.f };
  double top = visible->y + ap_roadmap_layout_get_header_height (self->layout);

  if (self->cell_nodes->len != n_rows * n_columns)
    g_ptr_array_set_size (self->cell_nodes, n_rows * n_columns);
  begin_map_units (self, snapshot, scroll_x (self), scroll_y (self));
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        gpointer *slot = &g_ptr_array_index (self->cell_nodes, r * n_columns + c);
        GskRenderNode *node;
        ApRect extent;

        if (!ap_roadmap_layout_get_cell_extent (self->layout, r, c, &extent) ||
            !ap_rect_intersects (&extent, visible))
          continue;
        if (*slot == NULL)
          {
            TRACE_NODE (1.f, ap_roadmap_painter_trace_cell_block (&node_pen, target, self->layout,
                                                                  r, c, &self->palette));
            *slot = node;
          }
        if (*slot != NULL)
          gtk_snapshot_append_node (snapshot, *slot);
        ap_roadmap_painter_trace_cell_count (&node_pen, &counts, self->layout, r, c,
                                             &self->palette, self->zoom, top);
      }
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_cards (ApRoadmapCanvas *self,
                GtkSnapshot     *snapshot,
                const ApRect    *visible)
{
  SnapshotData data = { self, snapshot };
  ApRoadmapLod lod = ap_roadmap_lod_for_zoom (self->zoom);

  if (lod == AP_ROADMAP_LOD_FULL &&
      ap_roadmap_layout_cards_in_rect (self->layout, visible, NULL, NULL) > MAX_FULL_CARDS)
    lod = AP_ROADMAP_LOD_BLOCKS;
  switch (lod)
    {
    case AP_ROADMAP_LOD_FULL:
      ap_roadmap_layout_cards_in_rect (self->layout, visible, snapshot_card, &data);
      break;
    case AP_ROADMAP_LOD_BLOCKS:
      ap_roadmap_layout_cards_in_rect (self->layout, visible, snapshot_block, &data);
      break;
    case AP_ROADMAP_LOD_CELLS:
    default:
      snapshot_cell_summaries (self, snapshot, visible);
      break;
    }
}

/* The cells' backgrounds and the lines between them: a few colour nodes, traced anew
 * for each frame's part of the map. */
static void
snapshot_grid (ApRoadmapCanvas *self,
               GtkSnapshot     *snapshot,
               const ApRect    *visible)
{
  NodeTarget target = { snapshot, 1.f };

  begin_map_units (self, snapshot, scroll_x (self), scroll_y (self));
  ap_roadmap_painter_trace_cells (&node_pen, &target, self->layout, &self->palette, visible);
  gtk_snapshot_restore (snapshot);
}

/* The selection. */

/* A cairo node of the widget covering only @extent (map units), drawing in map units. */
static cairo_t *
begin_map_cairo (ApRoadmapCanvas *self,
                 GtkSnapshot     *snapshot,
                 const ApRect    *extent)
{
  graphene_rect_t r;
  graphene_rect_t widget = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                               gtk_widget_get_height (GTK_WIDGET (self)));
  cairo_t *cr;

  ap_roadmap_canvas_to_widget (self, extent, &r);
  if (!graphene_rect_intersection (&r, &widget, &r))
    return NULL;
  graphene_rect_round_extents (&r, &r);
  cr = gtk_snapshot_append_cairo (snapshot, &r);
  cairo_translate (cr, -scroll_x (self), -scroll_y (self));
  cairo_scale (cr, self->zoom, self->zoom);
  return cr;
}

/* The other phases of @box's initiative, ringed, and the thread between them, in map
 * units. The thread's curves are cairo nodes, each only as big as its curve. */
static GskRenderNode *
make_thread_node (ApRoadmapCanvas        *self,
                  const ApRoadmapCardBox *box)
{
  g_autoptr(GPtrArray) cards = ap_roadmap_layout_get_initiative_cards (self->layout,
                                                                      box->initiative_id);
  NodeTarget target = { gtk_snapshot_new (), 1.f };
  double width = self->palette.high_contrast ? 4 : 3;

  for (guint i = 0; i < cards->len; i++)
    ap_roadmap_painter_trace_ring (&node_pen, &target,
                                   &((const ApRoadmapCardBox *) g_ptr_array_index (cards, i))->rect,
                                   &self->palette.highlight, width);
  for (guint i = 0; i + 1 < cards->len; i++)
    {
      const ApRect *from = &((const ApRoadmapCardBox *) g_ptr_array_index (cards, i))->rect;
      const ApRect *to = &((const ApRoadmapCardBox *) g_ptr_array_index (cards, i + 1))->rect;
      ApRect extent;
      graphene_rect_t r;
      cairo_t *cr;

      ap_roadmap_painter_get_thread_link_extents (from, to, &self->palette, &extent);
      r = GRAPHENE_RECT_INIT (extent.x, extent.y, extent.width, extent.height);
      graphene_rect_round_extents (&r, &r);
      cr = gtk_snapshot_append_cairo (target.snapshot, &r);
      ap_roadmap_painter_draw_thread_link (cr, from, to, &self->palette);
      cairo_destroy (cr);
    }
  return gtk_snapshot_free_to_node (target.snapshot);
}

static void
snapshot_thread (ApRoadmapCanvas *self,
                 GtkSnapshot     *snapshot)
{
  gint64 id = g_array_index (self->selection, gint64, 0);
  const ApRoadmapCardBox *box = ap_roadmap_layout_find_card (self->layout, id);

  if (box == NULL || box->initiative_id == 0)
    return;
  if (self->thread_card_id != id)
    {
      g_clear_pointer (&self->thread_node, gsk_render_node_unref);
      self->thread_node = make_thread_node (self, box);
      self->thread_card_id = id;
    }
  if (self->thread_node == NULL)
    return;
  begin_map_units (self, snapshot, scroll_x (self), scroll_y (self));
  gtk_snapshot_append_node (snapshot, self->thread_node);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_selection (ApRoadmapCanvas *self,
                    GtkSnapshot     *snapshot,
                    const ApRect    *visible)
{
  const ApRoadmapCardBox *focus = self->focus_id != 0
    ? ap_roadmap_layout_find_card (self->layout, self->focus_id) : NULL;
  NodeTarget target = { snapshot, 1.f };
  double ring = (self->palette.high_contrast ? 4 : 3) / self->zoom;

  if (self->selection->len == 1)
    snapshot_thread (self, snapshot);
  begin_map_units (self, snapshot, scroll_x (self), scroll_y (self));
  for (guint i = 0; i < self->selection->len; i++)
    {
      const ApRoadmapCardBox *box =
        ap_roadmap_layout_find_card (self->layout, g_array_index (self->selection, gint64, i));

      if (box != NULL && ap_rect_intersects (&box->rect, visible))
        ap_roadmap_painter_trace_ring (&node_pen, &target, &box->rect, &self->palette.accent, ring);
    }
  gtk_snapshot_restore (snapshot);

  /* Dashed, which a border node cannot be: a cairo node the size of the ring. */
  if (focus != NULL && gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      double m = 3 / self->zoom, width = 1.5 / self->zoom, dash = 4 / self->zoom;
      ApRect rect = { focus->rect.x - m, focus->rect.y - m,
                      focus->rect.width + 2 * m, focus->rect.height + 2 * m };
      ApRect extent;
      cairo_t *cr;

      ap_roadmap_painter_get_ring_extents (&rect, width, &extent);
      cr = begin_map_cairo (self, snapshot, &extent);
      if (cr == NULL)
        return;
      ap_roadmap_painter_draw_focus_ring (cr, &rect, &self->palette.foreground, width, dash);
      cairo_destroy (cr);
    }
}

/* Headers: the band of activities and steps at the top, scrolled sideways; the periods'
 * column at the left, scrolled up and down; the corner between them, fixed. Each
 * activity with its steps, each period and the corner is a node kept until the layout
 * changes. */

typedef enum
{
  HEADER_ACTIVITY,
  HEADER_ROW,
  HEADER_CORNER,
} HeaderKind;

static GskRenderNode *
header_node (ApRoadmapCanvas *self,
             guint            slot,
             HeaderKind       kind,
             const ApRect    *area)
{
  gpointer *cached = &g_ptr_array_index (self->header_nodes, slot);
  GskRenderNode *node = NULL;

  if (*cached != NULL)
    return *cached;
  switch (kind)
    {
    case HEADER_ACTIVITY:
      TRACE_NODE (1.f, ap_roadmap_painter_trace_column_headers (&node_pen, target, self->layout,
                                                                &self->palette, area));
      break;
    case HEADER_ROW:
      TRACE_NODE (1.f, ap_roadmap_painter_trace_row_headers (&node_pen, target, self->layout,
                                                             &self->palette, area));
      break;
    case HEADER_CORNER:
    default:
      TRACE_NODE (1.f, ap_roadmap_painter_trace_corner (&node_pen, target, self->layout,
                                                        &self->palette));
      break;
    }
  *cached = node;
  return node;
}

static void
append_header (GtkSnapshot   *snapshot,
               GskRenderNode *node)
{
  if (node != NULL)
    gtk_snapshot_append_node (snapshot, node);
}

static void
snapshot_headers (ApRoadmapCanvas *self,
                  GtkSnapshot     *snapshot,
                  const ApRect    *visible,
                  double           w,
                  double           h)
{
  ApRoadmapLayout *layout = self->layout;
  guint n_activities = ap_roadmap_layout_get_n_activities (layout);
  guint n_rows = ap_roadmap_layout_get_n_rows (layout);
  double header_h = ap_roadmap_layout_get_header_height (layout);
  double period_w = ap_roadmap_layout_get_period_width (layout);
  GdkRGBA background = to_gdk (&self->palette.header_background, 1);

  if (self->header_nodes->len != n_activities + n_rows + 1)
    g_ptr_array_set_size (self->header_nodes, n_activities + n_rows + 1);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, header_h * self->zoom, period_w * self->zoom,
                                                         h - header_h * self->zoom));
  begin_map_units (self, snapshot, 0, scroll_y (self));
  for (guint i = 0; i < n_rows; i++)
    {
      const ApRect *row = &ap_roadmap_layout_get_row (layout, i)->rect;

      if (row->y <= visible->y + visible->height && row->y + row->height >= visible->y)
        append_header (snapshot, header_node (self, n_activities + i, HEADER_ROW, row));
    }
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);

  /* Right of the last step, the band goes on in the headers' colour. */
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, w, header_h * self->zoom));
  begin_map_units (self, snapshot, scroll_x (self), 0);
  for (guint i = 0; i < n_activities; i++)
    {
      const ApRect *a = &ap_roadmap_layout_get_activity (layout, i)->rect;
      ApRect area = { a->x, 0, a->width, header_h };

      if (a->x <= visible->x + visible->width && a->x + a->width >= visible->x)
        append_header (snapshot, header_node (self, i, HEADER_ACTIVITY, &area));
    }
  gtk_snapshot_restore (snapshot);

  begin_map_units (self, snapshot, 0, 0);
  append_header (snapshot, header_node (self, n_activities + n_rows, HEADER_CORNER, NULL));
  gtk_snapshot_restore (snapshot);
}

/* Life cycle of the kept nodes. */

/* Everything: the palette changed, or the plan. */
void
ap_roadmap_canvas_drop_drawings (ApRoadmapCanvas *self)
{
  g_hash_table_remove_all (self->nodes);
  ap_roadmap_canvas_drop_layout_drawings (self);
}

/* What depends on the layout's geometry or the plan's content. The cards' nodes stay,
 * each checked against its card's content when next drawn. */
void
ap_roadmap_canvas_drop_layout_drawings (ApRoadmapCanvas *self)
{
  g_ptr_array_set_size (self->header_nodes, 0);
  g_clear_pointer (&self->thread_node, gsk_render_node_unref);
  self->thread_card_id = 0;
  ap_roadmap_canvas_drop_zoom_drawings (self);
  ap_roadmap_canvas_drop_filter_matches (self);
}

void
ap_roadmap_canvas_drop_zoom_drawings (ApRoadmapCanvas *self)
{
  g_ptr_array_set_size (self->cell_nodes, 0);
}

void
ap_roadmap_canvas_drop_filter_matches (ApRoadmapCanvas *self)
{
  g_hash_table_remove_all (self->dimmed);
}

void
ap_roadmap_canvas_draw_init (ApRoadmapCanvas *self)
{
  self->nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_cached_node);
  self->header_nodes = g_ptr_array_new_with_free_func (unref_node);
  self->cell_nodes = g_ptr_array_new_with_free_func (unref_node);
  self->dimmed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

void
ap_roadmap_canvas_draw_finalize (ApRoadmapCanvas *self)
{
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->header_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->cell_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->thread_node, gsk_render_node_unref);
  g_clear_pointer (&self->dimmed, g_hash_table_unref);
}

void
ap_roadmap_canvas_snapshot_all (ApRoadmapCanvas *self,
                                GtkSnapshot     *snapshot)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  GdkRGBA background = to_gdk (&self->palette.background, 1);
  ApRect visible;

  ap_roadmap_canvas_ensure_layout (self);
  self->frame++;
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (self->plan == NULL)
    return;

  visible = (ApRect) { scroll_x (self) / self->zoom, scroll_y (self) / self->zoom,
                       w / self->zoom, h / self->zoom };
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  snapshot_grid (self, snapshot, &visible);
  snapshot_cards (self, snapshot, &visible);
  snapshot_selection (self, snapshot, &visible);
  ap_roadmap_canvas_snapshot_drag (self, snapshot);
  snapshot_headers (self, snapshot, &visible, w, h);
  gtk_snapshot_pop (snapshot);
  trim_card_nodes (self);
}
