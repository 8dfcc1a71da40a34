/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-roadmap-canvas.h"
#include "ap-roadmap-layout.h"
#include "ap-roadmap-painter.h"

G_BEGIN_DECLS

/* ApRoadmapCanvas is split in four files: ap-roadmap-canvas.c has the widget, the
 * model, scrolling and zoom; ap-roadmap-canvas-draw.c the snapshot and its caches of
 * drawn nodes; ap-roadmap-canvas-dnd.c the pointer (selection, drag and drop, rubber
 * band, zoom gestures); ap-roadmap-canvas-keyboard.c the actions and key bindings, and
 * what is said to screen readers. */

typedef enum
{
  DRAG_NONE,
  DRAG_PENDING, /* pressed on a card, not moved far enough to drag yet */
  DRAG_CARDS,
  DRAG_RUBBER,
} DragState;

struct _ApRoadmapCanvas
{
  GtkWidget         parent_instance;

  ApPlan           *plan;
  ApCardFilter     *filter;
  GPtrArray        *models;        /* the plan's lists whose changes redo the layout */
  ApRoadmapLayout  *layout;
  gboolean          layout_dirty;
  gboolean          scroll_to_focus;
  ApRoadmapPalette  palette;

  double            zoom;
  GtkAdjustment    *hadjustment;
  GtkAdjustment    *vadjustment;
  guint             hscroll_policy : 1;
  guint             vscroll_policy : 1;

  /* Drawings kept between frames (ap-roadmap-canvas-draw.c), in map units and this
   * palette. card id → CachedNode: each card drawn once and kept while its content
   * stays. The rest is dropped when the layout is rebuilt, the cells' also on zooming. */
  GHashTable       *nodes;
  guint             frame;         /* counts snapshots, to find cards not drawn lately */
  GPtrArray        *header_nodes;  /* per activity, then per row, then the corner */
  GPtrArray        *cell_nodes;    /* the far zoom's cell summaries, rows × columns */
  GskRenderNode    *thread_node;   /* the selected card's initiative */
  gint64            thread_card_id;
  GHashTable       *dimmed;        /* card id → 1 + whether the filter leaves it out */

  GArray           *selection;     /* gint64 card ids, in the order they were selected */
  gint64            focus_id;
  char             *announcement;  /* what was last said to screen readers */

  /* Pointer. */
  GtkGesture       *drag;
  DragState         drag_state;
  gboolean          drag_toggled;  /* the press was a Ctrl+click */
  double            start_x, start_y;      /* widget coordinates of the press */
  double            pointer_x, pointer_y;  /* widget coordinates now */
  double            start_mx, start_my;    /* map coordinates of the press */
  gint64            drag_card_id;
  GArray           *dragged;       /* the cards a drag moves, in map order */
  double            grab_dx, grab_dy;      /* pointer within the pressed card, map units */
  gboolean          drop_valid;
  ApRoadmapHit      drop;
  guint             autoscroll_id;
  double            zoom_gesture_start;
};

typedef struct
{
  GskRenderNode *node;
  GskRenderNode *dimmed_node;   /* the same, faded, made when a filter first needs it */
  guint          content_hash;
  guint          frame;         /* the last frame that drew it */
} CachedNode;

/* ap-roadmap-canvas.c */
void      ap_roadmap_canvas_ensure_layout     (ApRoadmapCanvas *self);
void      ap_roadmap_canvas_widget_to_map     (ApRoadmapCanvas *self,
                                               double           wx,
                                               double           wy,
                                               double          *mx,
                                               double          *my);
void      ap_roadmap_canvas_hit_test          (ApRoadmapCanvas *self,
                                               double           wx,
                                               double           wy,
                                               ApRoadmapHit    *hit);
void      ap_roadmap_canvas_zoom_at           (ApRoadmapCanvas *self,
                                               double           zoom,
                                               double           wx,
                                               double           wy);
void      ap_roadmap_canvas_scroll_to_card    (ApRoadmapCanvas *self,
                                               gint64           card_id);
gboolean  ap_roadmap_canvas_is_selected       (ApRoadmapCanvas *self,
                                               gint64           card_id);
void      ap_roadmap_canvas_set_selection     (ApRoadmapCanvas *self,
                                               const gint64    *ids,
                                               guint            n_ids);
void      ap_roadmap_canvas_toggle_selected   (ApRoadmapCanvas *self,
                                               gint64           card_id);
void      ap_roadmap_canvas_set_focus_card    (ApRoadmapCanvas *self,
                                               gint64           card_id);
void      ap_roadmap_canvas_emit_card_activated (ApRoadmapCanvas *self,
                                                 gint64           card_id);
void      ap_roadmap_canvas_emit_new_card       (ApRoadmapCanvas *self,
                                                 gint64           period_id,
                                                 gint64           step_id);
void      ap_roadmap_canvas_emit_cards_deleted  (ApRoadmapCanvas *self,
                                                 guint            n);

/* ap-roadmap-canvas-draw.c */
void      ap_roadmap_canvas_draw_init         (ApRoadmapCanvas *self);
void      ap_roadmap_canvas_draw_finalize     (ApRoadmapCanvas *self);
void      ap_roadmap_canvas_drop_drawings     (ApRoadmapCanvas *self);
void      ap_roadmap_canvas_drop_layout_drawings (ApRoadmapCanvas *self);
void      ap_roadmap_canvas_drop_zoom_drawings (ApRoadmapCanvas *self);
void      ap_roadmap_canvas_drop_filter_matches (ApRoadmapCanvas *self);
void      ap_roadmap_canvas_snapshot_all      (ApRoadmapCanvas *self,
                                               GtkSnapshot     *snapshot);
GskRenderNode *ap_roadmap_canvas_get_card_node (ApRoadmapCanvas        *self,
                                                const ApRoadmapCardBox *box,
                                                gboolean                dimmed);
void      ap_roadmap_canvas_append_card       (ApRoadmapCanvas        *self,
                                               GtkSnapshot            *snapshot,
                                               GskRenderNode          *node,
                                               double                  x,
                                               double                  y);
void      ap_roadmap_canvas_to_widget         (ApRoadmapCanvas *self,
                                               const ApRect    *map,
                                               graphene_rect_t *widget);

/* ap-roadmap-canvas-dnd.c */
void      ap_roadmap_canvas_dnd_init          (ApRoadmapCanvas *self);
void      ap_roadmap_canvas_dnd_dispose       (ApRoadmapCanvas *self);
gboolean  ap_roadmap_canvas_cancel_drag       (ApRoadmapCanvas *self);
void      ap_roadmap_canvas_snapshot_drag     (ApRoadmapCanvas *self,
                                               GtkSnapshot     *snapshot);
gboolean  ap_roadmap_canvas_move_cards_to     (ApRoadmapCanvas *self,
                                               const gint64    *ids,
                                               guint            n_ids,
                                               guint            row,
                                               guint            column,
                                               guint            index);

/* ap-roadmap-canvas-keyboard.c */
void      ap_roadmap_canvas_keyboard_class_init (GtkWidgetClass  *widget_class);
void      ap_roadmap_canvas_announce_focus      (ApRoadmapCanvas *self);
void      ap_roadmap_canvas_announce            (ApRoadmapCanvas *self,
                                                 const char      *text);
char     *ap_roadmap_canvas_describe_card       (ApRoadmapCanvas *self,
                                                 gint64           card_id);
char     *ap_roadmap_canvas_describe_place      (ApRoadmapCanvas *self,
                                                 gint64           period_id,
                                                 gint64           step_id);

G_END_DECLS
