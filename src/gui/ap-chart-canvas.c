/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-chart-canvas"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ap-chart-canvas.h"

struct _ApChartCanvas
{
  GtkWidget       parent_instance;

  ApChartData    *data;
  ApChartKind     kind;
  double          scale;
  ApChartPalette  palette;
  GArray         *bars;   /* ApChartBar, as last laid out */
  int             focus;  /* index into bars, or -1 */
  char           *focus_description;
  guint           n_paints;
  GtkAdjustment  *vadjustment; /* of the scrolled window around, if any */
};

G_DEFINE_FINAL_TYPE (ApChartCanvas, ap_chart_canvas, GTK_TYPE_WIDGET)

static ApChartColor
to_chart_color (const GdkRGBA *rgba)
{
  return (ApChartColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

/* In a scrolled window, a focused bar out of view is scrolled into it. */
static void
scroll_to_bar (ApChartCanvas    *self,
               const ApChartBar *bar)
{
  double margin = 8 * self->scale;

  if (self->vadjustment != NULL)
    gtk_adjustment_clamp_page (self->vadjustment, bar->y - margin,
                               bar->y + bar->height + margin);
}

/* The figures or the size changed: the bars move, the focus keeps its index. */
static void
relayout (ApChartCanvas *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  g_clear_pointer (&self->bars, g_array_unref);
  if (self->data != NULL && w > 0 && h > 0)
    self->bars = ap_chart_layout (self->data, self->kind, w, h, self->scale);
  if (self->bars == NULL || self->focus >= (int) self->bars->len)
    self->focus = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_focus_bar (ApChartCanvas *self,
               int            focus)
{
  const ApChartBar *bar;

  if (self->bars == NULL || self->bars->len == 0)
    return;
  self->focus = CLAMP (focus, 0, (int) self->bars->len - 1);
  bar = &g_array_index (self->bars, ApChartBar, self->focus);
  g_free (self->focus_description);
  self->focus_description = ap_chart_bar_describe (self->data, self->kind, bar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->focus_description, -1);
  scroll_to_bar (self, bar);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Opens the Incidents view on the bar's category; status bars have none. */
static void
activate_bar (ApChartCanvas *self,
              int            index)
{
  const ApChartBar *bar;

  if (self->bars == NULL || index < 0 || index >= (int) self->bars->len)
    return;
  bar = &g_array_index (self->bars, ApChartBar, index);
  if (bar->category_id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-category", "x", bar->category_id);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ApChartCanvas         *self)
{
  int n = self->bars != NULL ? (int) self->bars->len : 0;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_Right:
      set_focus_bar (self, self->focus + 1);
      return n > 0;
    case GDK_KEY_Up:
    case GDK_KEY_Left:
      set_focus_bar (self, self->focus < 0 ? n - 1 : self->focus - 1);
      return n > 0;
    case GDK_KEY_Home:
      set_focus_bar (self, 0);
      return n > 0;
    case GDK_KEY_End:
      set_focus_bar (self, n - 1);
      return n > 0;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      activate_bar (self, self->focus);
      return self->focus >= 0;
    default:
      return FALSE;
    }
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      ApChartCanvas   *self)
{
  int hit = self->bars != NULL ? ap_chart_bars_hit (self->bars, x, y) : -1;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (hit < 0)
    return;
  set_focus_bar (self, hit);
  activate_bar (self, hit);
}

/* Hover shows the bar's value; it reads only the cached bars and figures. */
static gboolean
on_query_tooltip_cb (GtkWidget     *widget,
                     int            x,
                     int            y,
                     gboolean       keyboard,
                     GtkTooltip    *tooltip,
                     ApChartCanvas *self)
{
  int hit = keyboard ? self->focus
                     : self->bars != NULL ? ap_chart_bars_hit (self->bars, x, y) : -1;
  g_autofree char *text = NULL;

  if (hit < 0 || self->bars == NULL)
    return FALSE;
  text = ap_chart_bar_describe (self->data, self->kind,
                                &g_array_index (self->bars, ApChartBar, hit));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_data_changed_cb (ApChartData   *data,
                    ApChartCanvas *self)
{
  /* More or fewer categories need a taller or shorter canvas. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
  relayout (self);
  if (self->focus >= 0)
    set_focus_bar (self, self->focus);
}

/* The canvas draws only the part in view, so scrolling must draw again: GTK would
 * otherwise move the part drawn before. */
static void
on_vadjustment_value_changed_cb (GtkAdjustment *adjustment,
                                 ApChartCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ap_chart_canvas_root (GtkWidget *widget)
{
  ApChartCanvas *self = AP_CHART_CANVAS (widget);
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;

  GTK_WIDGET_CLASS (ap_chart_canvas_parent_class)->root (widget);

  scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return;
  /* The viewport would scroll (animated) to show as much of the canvas as it can each
   * time the canvas takes the focus, and fight scroll_to_bar over the position. */
  if (GTK_IS_VIEWPORT (gtk_widget_get_parent (widget)))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_widget_get_parent (widget)), FALSE);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  self->vadjustment = g_object_ref (adjustment);
  g_signal_connect (self->vadjustment, "value-changed",
                    G_CALLBACK (on_vadjustment_value_changed_cb), self);
}

static void
ap_chart_canvas_unroot (GtkWidget *widget)
{
  ApChartCanvas *self = AP_CHART_CANVAS (widget);

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_vadjustment_value_changed_cb,
                                          self);
  g_clear_object (&self->vadjustment);

  GTK_WIDGET_CLASS (ap_chart_canvas_parent_class)->unroot (widget);
}

/* The part of the canvas in view: all of it, or in a scrolled window what the viewport
 * shows. A chart of a thousand categories is tens of thousands of pixels tall, and
 * both its drawing and the cairo node's surface would cost that much. */
static gboolean
get_visible_area (ApChartCanvas   *self,
                  int              width,
                  int              height,
                  graphene_rect_t *area)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_VIEWPORT);
  graphene_rect_t bounds;

  *area = GRAPHENE_RECT_INIT (0, 0, width, height);
  if (viewport != NULL && gtk_widget_compute_bounds (viewport, GTK_WIDGET (self), &bounds))
    {
      if (!graphene_rect_intersection (area, &bounds, area))
        return FALSE;
      graphene_rect_round_extents (area, area);
    }
  return area->size.width > 0 && area->size.height > 0;
}

static void
ap_chart_canvas_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  ApChartCanvas *self = AP_CHART_CANVAS (widget);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color;

  GTK_WIDGET_CLASS (ap_chart_canvas_parent_class)->css_changed (widget, change);

  /* The series keep the colour-blind-safe set; text, grid and background follow the
   * theme, so dark mode and high contrast work. */
  ap_chart_palette_init (&self->palette,
                         adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_style_context_get_color (context, &color);
  self->palette.foreground = to_chart_color (&color);
  color.alpha *= 0.7;
  self->palette.dim = to_chart_color (&color);
  if (gtk_style_context_lookup_color (context, "view_bg_color", &color))
    self->palette.background = to_chart_color (&color);
  if (gtk_style_context_lookup_color (context, "accent_color", &color))
    self->palette.focus = to_chart_color (&color);
  if (gtk_style_context_lookup_color (context, "borders", &color))
    self->palette.grid = to_chart_color (&color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_widget_queue_draw (widget);
}

static void
ap_chart_canvas_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  relayout (AP_CHART_CANVAS (widget));
}

static void
ap_chart_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ApChartCanvas *self = AP_CHART_CANVAS (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  graphene_rect_t area;
  cairo_t *cr;

  if (self->data == NULL || !get_visible_area (self, w, h, &area))
    return;
  self->n_paints++;
  /* The painter skips the rows outside the cairo node's clip. */
  cr = gtk_snapshot_append_cairo (snapshot, &area);
  ap_chart_paint (cr, self->data, self->kind, &self->palette, w, h, self->scale,
                  gtk_widget_has_focus (widget) ? self->focus : -1, NULL);
  cairo_destroy (cr);
}

static void
ap_chart_canvas_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  ApChartCanvas *self = AP_CHART_CANVAS (widget);
  int width = gtk_widget_get_width (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 800;
      return;
    }
  /* Every category gets a readable row; with more categories than fit, the canvas is
   * taller than its scrolled window rather than labelling every n-th row. */
  *minimum = 240;
  if (self->data != NULL)
    *minimum = MAX (*minimum, (int) ceil (ap_chart_get_min_height (self->data, self->kind,
                                                                   width > 0 ? width : 800,
                                                                   self->scale)));
  *natural = MAX (*minimum, 560);
}

static void
ap_chart_canvas_dispose (GObject *object)
{
  ApChartCanvas *self = AP_CHART_CANVAS (object);

  if (self->data != NULL)
    g_signal_handlers_disconnect_by_func (self->data, on_data_changed_cb, self);
  g_clear_object (&self->data);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->focus_description, g_free);

  G_OBJECT_CLASS (ap_chart_canvas_parent_class)->dispose (object);
}

static void
ap_chart_canvas_class_init (ApChartCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ap_chart_canvas_dispose;
  widget_class->css_changed = ap_chart_canvas_css_changed;
  widget_class->size_allocate = ap_chart_canvas_size_allocate;
  widget_class->snapshot = ap_chart_canvas_snapshot;
  widget_class->measure = ap_chart_canvas_measure;
  widget_class->root = ap_chart_canvas_root;
  widget_class->unroot = ap_chart_canvas_unroot;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ap_chart_canvas_init (ApChartCanvas *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->scale = 1.0;
  self->focus = -1;
  ap_chart_palette_init (&self->palette, FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
}

GtkWidget *
ap_chart_canvas_new (void)
{
  return g_object_new (AP_TYPE_CHART_CANVAS, NULL);
}

void
ap_chart_canvas_set_data (ApChartCanvas *self,
                          ApChartData   *data)
{
  g_return_if_fail (AP_IS_CHART_CANVAS (self));

  if (self->data != NULL)
    g_signal_handlers_disconnect_by_func (self->data, on_data_changed_cb, self);
  g_set_object (&self->data, data);
  if (data != NULL)
    g_signal_connect (data, "changed", G_CALLBACK (on_data_changed_cb), self);
  self->focus = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  relayout (self);
}

ApChartData *
ap_chart_canvas_get_data (ApChartCanvas *self)
{
  g_return_val_if_fail (AP_IS_CHART_CANVAS (self), NULL);
  return self->data;
}

void
ap_chart_canvas_set_kind (ApChartCanvas *self,
                          ApChartKind    kind)
{
  g_return_if_fail (AP_IS_CHART_CANVAS (self));
  g_return_if_fail (kind < AP_N_CHARTS);

  self->kind = kind;
  self->focus = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ap_chart_kind_get_title (kind), -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  relayout (self);
}

ApChartKind
ap_chart_canvas_get_kind (ApChartCanvas *self)
{
  g_return_val_if_fail (AP_IS_CHART_CANVAS (self), 0);
  return self->kind;
}

void
ap_chart_canvas_set_scale (ApChartCanvas *self,
                           double         scale)
{
  g_return_if_fail (AP_IS_CHART_CANVAS (self));
  self->scale = scale;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  relayout (self);
}

int
ap_chart_canvas_get_focus_bar (ApChartCanvas *self)
{
  g_return_val_if_fail (AP_IS_CHART_CANVAS (self), -1);
  return self->focus;
}

guint
ap_chart_canvas_get_n_bars (ApChartCanvas *self)
{
  g_return_val_if_fail (AP_IS_CHART_CANVAS (self), 0);
  return self->bars != NULL ? self->bars->len : 0;
}

const char *
ap_chart_canvas_get_focus_description (ApChartCanvas *self)
{
  g_return_val_if_fail (AP_IS_CHART_CANVAS (self), NULL);
  return self->focus >= 0 ? self->focus_description : NULL;
}

guint
ap_chart_canvas_get_n_paints (ApChartCanvas *self)
{
  g_return_val_if_fail (AP_IS_CHART_CANVAS (self), 0);
  return self->n_paints;
}
