/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ap-roadmap-canvas-private.h"

/* How far the pointer moves before a press on a card becomes a drag, in pixels. */
#define DRAG_THRESHOLD   5.0
/* How close to an edge the pointer starts scrolling the view, in pixels. */
#define AUTOSCROLL_EDGE  48.0
#define AUTOSCROLL_SPEED 20.0
/* At most this many cards follow the pointer; the rest move all the same. */
#define MAX_GHOSTS       5

static gboolean
has_control (GtkEventController *controller)
{
  return (gtk_event_controller_get_current_event_state (controller) & GDK_CONTROL_MASK) != 0;
}

/* The cards a drag moves: the selection if the pressed card is in it, in map order so
 * that they land in the order they were shown. */
static GArray *
dragged_cards (ApRoadmapCanvas *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!ap_roadmap_canvas_is_selected (self, self->drag_card_id))
    {
      g_array_append_val (ids, self->drag_card_id);
      return ids;
    }
  for (guint i = 0; i < ap_roadmap_layout_get_n_cards (self->layout); i++)
    {
      const ApRoadmapCardBox *box = ap_roadmap_layout_get_card_at (self->layout, i);

      if (ap_roadmap_canvas_is_selected (self, box->card_id))
        g_array_append_val (ids, box->card_id);
    }
  return ids;
}

/* Where the dragged cards would land if dropped now: over a card, before or after it. */
static void
update_drop_target (ApRoadmapCanvas *self)
{
  ApRoadmapHit hit;

  ap_roadmap_canvas_hit_test (self, self->pointer_x, self->pointer_y, &hit);
  self->drop_valid = hit.kind == AP_ROADMAP_HIT_CARD || hit.kind == AP_ROADMAP_HIT_CELL;
  if (hit.kind == AP_ROADMAP_HIT_CARD)
    {
      const ApRoadmapCardBox *box = ap_roadmap_layout_find_card (self->layout, hit.card_id);
      double mx, my;

      ap_roadmap_canvas_widget_to_map (self, self->pointer_x, self->pointer_y, &mx, &my);
      hit.kind = AP_ROADMAP_HIT_CELL;
      hit.index = box->index + (my > box->rect.y + box->rect.height / 2 ? 1 : 0);
    }
  self->drop = hit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
collect_id (const ApRoadmapCardBox *box,
            gpointer                user_data)
{
  g_array_append_val ((GArray *) user_data, box->card_id);
}

static void
update_rubber_band (ApRoadmapCanvas *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  double mx, my;
  ApRect rect;

  ap_roadmap_canvas_widget_to_map (self, self->pointer_x, self->pointer_y, &mx, &my);
  rect = (ApRect) { MIN (mx, self->start_mx), MIN (my, self->start_my),
                    fabs (mx - self->start_mx), fabs (my - self->start_my) };
  ap_roadmap_layout_cards_in_rect (self->layout, &rect, collect_id, ids);
  ap_roadmap_canvas_set_selection (self, (const gint64 *) (gpointer) ids->data, ids->len);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  double top = ap_roadmap_layout_get_header_height (self->layout) * self->zoom;
  double left = ap_roadmap_layout_get_period_width (self->layout) * self->zoom;
  double dx = 0, dy = 0;

  /* The pinned headers are part of the edge: the view scrolls under them. */
  if (self->pointer_x < left + AUTOSCROLL_EDGE)
    dx = -AUTOSCROLL_SPEED * (1 - MAX (0, self->pointer_x - left) / AUTOSCROLL_EDGE);
  else if (self->pointer_x > w - AUTOSCROLL_EDGE)
    dx = AUTOSCROLL_SPEED * (1 - MAX (0, w - self->pointer_x) / AUTOSCROLL_EDGE);
  if (self->pointer_y < top + AUTOSCROLL_EDGE)
    dy = -AUTOSCROLL_SPEED * (1 - MAX (0, self->pointer_y - top) / AUTOSCROLL_EDGE);
  else if (self->pointer_y > h - AUTOSCROLL_EDGE)
    dy = AUTOSCROLL_SPEED * (1 - MAX (0, h - self->pointer_y) / AUTOSCROLL_EDGE);

  if (dx != 0)
    gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dx);
  if (dy != 0)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + dy);
  if (dx != 0 || dy != 0)
    {
      if (self->drag_state == DRAG_CARDS)
        update_drop_target (self);
      else if (self->drag_state == DRAG_RUBBER)
        update_rubber_band (self);
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_drag (ApRoadmapCanvas *self)
{
  self->drag_state = DRAG_NONE;
  g_clear_pointer (&self->dragged, g_array_unref);
  self->drop_valid = FALSE;
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
  self->autoscroll_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
start_autoscroll (ApRoadmapCanvas *self)
{
  if (self->autoscroll_id == 0)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick_cb,
                                                        NULL, NULL);
}

gboolean
ap_roadmap_canvas_cancel_drag (ApRoadmapCanvas *self)
{
  if (self->drag_state == DRAG_NONE)
    return FALSE;
  stop_drag (self);
  /* The gesture ends now; its drag-end finds no drag and drops nothing. */
  if (self->drag != NULL)
    gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
  return TRUE;
}

static void
press_on_card (ApRoadmapCanvas    *self,
               const ApRoadmapHit *hit,
               gboolean            control)
{
  const ApRoadmapCardBox *box = ap_roadmap_layout_find_card (self->layout, hit->card_id);
  double mx, my;

  ap_roadmap_canvas_widget_to_map (self, self->start_x, self->start_y, &mx, &my);
  self->drag_card_id = hit->card_id;
  self->grab_dx = mx - box->rect.x;
  self->grab_dy = my - box->rect.y;
  self->drag_toggled = control;
  if (control)
    ap_roadmap_canvas_toggle_selected (self, hit->card_id);
  else if (!ap_roadmap_canvas_is_selected (self, hit->card_id))
    ap_roadmap_canvas_set_selection (self, &hit->card_id, 1);
  ap_roadmap_canvas_set_focus_card (self, hit->card_id);
  self->drag_state = control ? DRAG_NONE : DRAG_PENDING;
}

static void
on_drag_begin_cb (GtkGestureDrag  *gesture,
                  double           x,
                  double           y,
                  ApRoadmapCanvas *self)
{
  gboolean control = has_control (GTK_EVENT_CONTROLLER (gesture));
  ApRoadmapHit hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->start_x = self->pointer_x = x;
  self->start_y = self->pointer_y = y;
  ap_roadmap_canvas_hit_test (self, x, y, &hit);
  ap_roadmap_canvas_widget_to_map (self, x, y, &self->start_mx, &self->start_my);
  if (hit.kind == AP_ROADMAP_HIT_CARD)
    press_on_card (self, &hit, control);
  else if (hit.kind == AP_ROADMAP_HIT_CELL)
    {
      if (!control)
        ap_roadmap_canvas_set_selection (self, NULL, 0);
      self->drag_state = DRAG_RUBBER;
    }
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update_cb (GtkGestureDrag  *gesture,
                   double           dx,
                   double           dy,
                   ApRoadmapCanvas *self)
{
  self->pointer_x = self->start_x + dx;
  self->pointer_y = self->start_y + dy;
  switch (self->drag_state)
    {
    case DRAG_PENDING:
      if (hypot (dx, dy) < DRAG_THRESHOLD)
        return;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      self->drag_state = DRAG_CARDS;
      /* Once: finding the selected cards in map order reads every card. */
      g_clear_pointer (&self->dragged, g_array_unref);
      self->dragged = dragged_cards (self);
      start_autoscroll (self);
      G_GNUC_FALLTHROUGH;
    case DRAG_CARDS:
      update_drop_target (self);
      break;
    case DRAG_RUBBER:
      start_autoscroll (self);
      update_rubber_band (self);
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
on_drag_end_cb (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                ApRoadmapCanvas *self)
{
  DragState state = self->drag_state;
  ApRoadmapHit drop = self->drop;
  gboolean drop_valid = self->drop_valid;
  g_autoptr(GArray) ids = self->dragged != NULL ? g_array_ref (self->dragged) : NULL;

  stop_drag (self);
  if (state == DRAG_PENDING && !self->drag_toggled)
    {
      /* A click on one card of a selection selects that card alone. */
      ap_roadmap_canvas_set_selection (self, &self->drag_card_id, 1);
    }
  else if (state == DRAG_CARDS && drop_valid && ids != NULL)
    {
      ap_roadmap_canvas_move_cards_to (self, (const gint64 *) (gpointer) ids->data, ids->len,
                                       drop.row, drop.column, drop.index);
    }
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     ApRoadmapCanvas *self)
{
  ApRoadmapHit hit;

  if (n_press != 2)
    return;
  ap_roadmap_canvas_hit_test (self, x, y, &hit);
  if (hit.kind == AP_ROADMAP_HIT_CARD)
    ap_roadmap_canvas_emit_card_activated (self, hit.card_id);
  else if (hit.kind == AP_ROADMAP_HIT_CELL)
    ap_roadmap_canvas_emit_new_card (self, hit.period_id, hit.step_id);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              ApRoadmapCanvas          *self)
{
  if (self->drag_state == DRAG_NONE)
    {
      self->pointer_x = x;
      self->pointer_y = y;
    }
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              ApRoadmapCanvas          *self)
{
  /* Without Ctrl the scrolled window scrolls. */
  if (!has_control (GTK_EVENT_CONTROLLER (controller)) || dy == 0)
    return FALSE;
  ap_roadmap_canvas_zoom_at (self, self->zoom * pow (1.1, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_zoom_begin_cb (GtkGesture       *gesture,
                  GdkEventSequence *sequence,
                  ApRoadmapCanvas  *self)
{
  self->zoom_gesture_start = self->zoom;
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom  *gesture,
                          double           scale,
                          ApRoadmapCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  ap_roadmap_canvas_zoom_at (self, self->zoom_gesture_start * scale, x, y);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ApRoadmapCanvas       *self)
{
  if (keyval == GDK_KEY_Escape && ap_roadmap_canvas_cancel_drag (self))
    {
      ap_roadmap_canvas_announce (self, _("Move cancelled"));
      return TRUE;
    }
  return FALSE;
}

void
ap_roadmap_canvas_dnd_init (ApRoadmapCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *click, *zoom;

  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (g_object_ref (self->drag)));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  /* Capture: Escape ends a drag before anything else takes the key. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (widget, controller);
}

void
ap_roadmap_canvas_dnd_dispose (ApRoadmapCanvas *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
  self->autoscroll_id = 0;
  self->drag_state = DRAG_NONE;
  g_clear_pointer (&self->dragged, g_array_unref);
  g_clear_object (&self->drag);
}

/* Moves @ids so that they land at insertion point @index of the cell, an index among
 * the cell's cards as shown (the moved cards included), in one command. */
gboolean
ap_roadmap_canvas_move_cards_to (ApRoadmapCanvas *self,
                                 const gint64    *ids,
                                 guint            n_ids,
                                 guint            row,
                                 guint            column,
                                 guint            index)
{
  const ApRoadmapRowBox *r = ap_roadmap_layout_get_row (self->layout, row);
  const ApRoadmapColumnBox *c = ap_roadmap_layout_get_column (self->layout, column);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL, *place = NULL, *message = NULL;
  guint position = index;
  gboolean ok;

  /* The moved cards leave their places first: those above the insertion point shift it. */
  for (guint i = 0; i < n_ids; i++)
    {
      const ApRoadmapCardBox *box = ap_roadmap_layout_find_card (self->layout, ids[i]);

      if (box != NULL && box->row == row && box->column == column && box->index < index)
        position--;
    }
  if (n_ids == 1)
    {
      const ApRoadmapCardBox *box = ap_roadmap_layout_find_card (self->layout, ids[0]);

      if (box != NULL && box->row == row && box->column == column && box->index == position)
        return TRUE;
      ok = ap_plan_move_card (self->plan, ids[0], r->period_id, c->step_id, position, &error);
    }
  else
    ok = ap_plan_move_cards (self->plan, ids, n_ids, r->period_id, c->step_id, position, &error);
  if (!ok)
    {
      g_warning ("Could not move the cards: %s", error->message);
      ap_roadmap_canvas_announce (self, error->message);
      return FALSE;
    }

  place = ap_roadmap_canvas_describe_place (self, r->period_id, c->step_id);
  if (n_ids == 1)
    {
      ApCard *card = ap_row_list_lookup (ap_plan_get_cards (self->plan), ids[0]);

      title = g_strdup (card != NULL ? ap_card_get_title (card) : "");
      /* Translators: "Moved Eventing Message bus to FY22 H1, Deploy change". */
      message = g_strdup_printf (_("Moved %s to %s"), title, place);
    }
  else
    message = g_strdup_printf (ngettext ("Moved %u card to %s", "Moved %u cards to %s", n_ids),
                               n_ids, place);
  ap_roadmap_canvas_announce (self, message);
  self->scroll_to_focus = TRUE;
  return TRUE;
}

static void
snapshot_ghosts (ApRoadmapCanvas *self,
                 GtkSnapshot     *snapshot)
{
  double x = self->pointer_x - self->grab_dx * self->zoom;
  double y = self->pointer_y - self->grab_dy * self->zoom;
  guint n = MIN (self->dragged->len, MAX_GHOSTS);

  gtk_snapshot_push_opacity (snapshot, 0.75);
  for (guint i = n; i > 0; i--)
    {
      const ApRoadmapCardBox *box =
        ap_roadmap_layout_find_card (self->layout, g_array_index (self->dragged, gint64, i - 1));

      if (box != NULL)
        ap_roadmap_canvas_append_card (self, snapshot, ap_roadmap_canvas_get_card_node (self, box, FALSE),
                                       x + 6 * (i - 1), y + 6 * (i - 1));
    }
  gtk_snapshot_pop (snapshot);
}

/* The target cell lit and the insertion point drawn as a bar: colour and border nodes,
 * which cost nothing to redraw as the pointer moves. */
static void
snapshot_drop_target (ApRoadmapCanvas *self,
                      GtkSnapshot     *snapshot)
{
  const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (self->layout, self->drop.row,
                                                             self->drop.column);
  double y = ap_roadmap_layout_get_insertion_y (self->layout, self->drop.row, self->drop.column,
                                                self->drop.index);
  const ApRgba *a = &self->palette.accent;
  GdkRGBA fill = { a->red, a->green, a->blue, 0.12f }, line = { a->red, a->green, a->blue, 1 };
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  GskRoundedRect bar;
  graphene_rect_t r;

  /* A cell can be thousands of pixels tall: only what is on screen (and a margin, so
   * the border stays off it) is drawn. */
  ap_roadmap_canvas_to_widget (self, &(ApRect) { cell->rect.x, cell->rect.y, cell->rect.width - 1,
                                                 cell->rect.height - 1 }, &r);
  if (graphene_rect_intersection (&r, &GRAPHENE_RECT_INIT (r.origin.x, -4, r.size.width, h + 8), &r))
    {
      gtk_snapshot_append_color (snapshot, &fill, &r);
      gtk_snapshot_append_border (snapshot, &GSK_ROUNDED_RECT_INIT (r.origin.x, r.origin.y,
                                                                    r.size.width, r.size.height),
                                  (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { line, line, line, line });
    }
  ap_roadmap_canvas_to_widget (self, &(ApRect) { cell->rect.x + AP_ROADMAP_CELL_PADDING / 2, y - 2,
                                                 cell->rect.width - AP_ROADMAP_CELL_PADDING, 4 }, &r);
  gsk_rounded_rect_init_from_rect (&bar, &r, 2 * self->zoom);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  gtk_snapshot_append_color (snapshot, &line, &r);
  gtk_snapshot_pop (snapshot);
}

void
ap_roadmap_canvas_snapshot_drag (ApRoadmapCanvas *self,
                                 GtkSnapshot     *snapshot)
{
  if (self->drag_state == DRAG_CARDS)
    {
      if (self->drop_valid)
        snapshot_drop_target (self, snapshot);
      if (self->dragged != NULL)
        snapshot_ghosts (self, snapshot);
    }
  else if (self->drag_state == DRAG_RUBBER)
    {
      const ApRgba *a = &self->palette.accent;
      double sx = self->start_mx * self->zoom - gtk_adjustment_get_value (self->hadjustment);
      double sy = self->start_my * self->zoom - gtk_adjustment_get_value (self->vadjustment);
      graphene_rect_t rect = GRAPHENE_RECT_INIT (MIN (sx, self->pointer_x), MIN (sy, self->pointer_y),
                                                 fabs (self->pointer_x - sx), fabs (self->pointer_y - sy));
      GdkRGBA fill = { a->red, a->green, a->blue, 0.15 }, line = { a->red, a->green, a->blue, 1 };

      gtk_snapshot_append_color (snapshot, &fill, &rect);
      gtk_snapshot_append_border (snapshot, &GSK_ROUNDED_RECT_INIT (rect.origin.x, rect.origin.y,
                                                                    rect.size.width, rect.size.height),
                                  (float[4]) { 1, 1, 1, 1 },
                                  (GdkRGBA[4]) { line, line, line, line });
    }
}
