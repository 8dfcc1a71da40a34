/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-canvas"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ap-roadmap-canvas-private.h"

enum
{
  PROP_0,
  PROP_PLAN,
  PROP_ZOOM,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum
{
  CARD_ACTIVATED,
  NEW_CARD_REQUESTED,
  SELECTION_CHANGED,
  CARDS_DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (ApRoadmapCanvas, ap_roadmap_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static double
hvalue (ApRoadmapCanvas *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
vvalue (ApRoadmapCanvas *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         content,
                      double         page,
                      double         value)
{
  if (adjustment == NULL)
    return;
  content = MAX (content, page);
  gtk_adjustment_configure (adjustment, CLAMP (value, 0, content - page), 0, content,
                            page * 0.1, page * 0.9, page);
}

static void
configure_adjustments (ApRoadmapCanvas *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  configure_adjustment (self->hadjustment, ap_roadmap_layout_get_width (self->layout) * self->zoom,
                        w, hvalue (self));
  configure_adjustment (self->vadjustment, ap_roadmap_layout_get_height (self->layout) * self->zoom,
                        h, vvalue (self));
}

/* Keeps the selection and the focus to cards that still exist. */
static void
prune_selection (ApRoadmapCanvas *self)
{
  guint n = self->selection->len;

  for (guint i = self->selection->len; i > 0; i--)
    if (ap_roadmap_layout_find_card (self->layout, g_array_index (self->selection, gint64, i - 1)) == NULL)
      g_array_remove_index (self->selection, i - 1);
  if (self->focus_id != 0 && ap_roadmap_layout_find_card (self->layout, self->focus_id) == NULL)
    self->focus_id = 0;
  if (n != self->selection->len)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
ap_roadmap_canvas_ensure_layout (ApRoadmapCanvas *self)
{
  if (!self->layout_dirty)
    return;
  self->layout_dirty = FALSE;
  ap_roadmap_layout_set_font (self->layout,
                              pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self))));
  ap_roadmap_layout_rebuild (self->layout, self->plan);
  ap_roadmap_canvas_drop_layout_drawings (self);
  prune_selection (self);
  configure_adjustments (self);
}

static void
invalidate_layout (ApRoadmapCanvas *self)
{
  self->layout_dirty = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_model_items_changed_cb (GListModel      *model,
                           guint            position,
                           guint            removed,
                           guint            added,
                           ApRoadmapCanvas *self)
{
  /* The layout is rebuilt lazily, once for a command that changed many rows; the card
   * nodes whose content changed are redrawn because their content hash changed. */
  invalidate_layout (self);
}

static void
on_filter_changed_cb (ApCardFilter    *filter,
                      ApRoadmapCanvas *self)
{
  ap_roadmap_canvas_drop_filter_matches (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
disconnect_models (ApRoadmapCanvas *self)
{
  for (guint i = 0; i < self->models->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->models, i),
                                          on_model_items_changed_cb, self);
  g_ptr_array_set_size (self->models, 0);
}

/* The headers are pinned: the band at the top and the period column at the left show
 * the map's header part whatever the scroll position. */
void
ap_roadmap_canvas_widget_to_map (ApRoadmapCanvas *self,
                                 double           wx,
                                 double           wy,
                                 double          *mx,
                                 double          *my)
{
  double header_h = ap_roadmap_layout_get_header_height (self->layout) * self->zoom;
  double period_w = ap_roadmap_layout_get_period_width (self->layout) * self->zoom;

  *mx = (wx < period_w ? wx : wx + hvalue (self)) / self->zoom;
  *my = (wy < header_h ? wy : wy + vvalue (self)) / self->zoom;
}

void
ap_roadmap_canvas_hit_test (ApRoadmapCanvas *self,
                            double           wx,
                            double           wy,
                            ApRoadmapHit    *hit)
{
  double mx, my;

  ap_roadmap_canvas_ensure_layout (self);
  ap_roadmap_canvas_widget_to_map (self, wx, wy, &mx, &my);
  ap_roadmap_layout_hit_test (self->layout, mx, my, hit);
}

static void
ap_roadmap_canvas_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  ap_roadmap_canvas_snapshot_all (AP_ROADMAP_CANVAS (widget), snapshot);
}

static void
ap_roadmap_canvas_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (widget);

  ap_roadmap_canvas_ensure_layout (self);
  *minimum = 120;
  *natural = MAX (120, (int) ceil (self->zoom * (orientation == GTK_ORIENTATION_HORIZONTAL
                                                 ? ap_roadmap_layout_get_width (self->layout)
                                                 : ap_roadmap_layout_get_height (self->layout))));
}

static void
ap_roadmap_canvas_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (widget);

  ap_roadmap_canvas_ensure_layout (self);
  configure_adjustments (self);
  if (self->scroll_to_focus && self->focus_id != 0)
    ap_roadmap_canvas_scroll_to_card (self, self->focus_id);
  self->scroll_to_focus = FALSE;
}

/* Mixes @b into @a by @t, over an opaque @base: the theme's card colour is translucent
 * in dark mode, and the painter wants what it looks like. */
static ApRgba
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     double         t)
{
  return (ApRgba) { a->red + (b->red - a->red) * t * b->alpha,
                    a->green + (b->green - a->green) * t * b->alpha,
                    a->blue + (b->blue - a->blue) * t * b->alpha, 1.f };
}

static gboolean
lookup (GtkStyleContext *context,
        const char      *name,
        GdkRGBA         *color)
{
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return gtk_style_context_lookup_color (context, name, color);
G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
read_palette (ApRoadmapCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkStyleContext *context;
  GdkRGBA view_bg, view_fg, window_bg, card_bg, accent, warning;
  ApRoadmapPalette *p = &self->palette;
  gboolean hc = adw_style_manager_get_high_contrast (manager);

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
G_GNUC_END_IGNORE_DEPRECATIONS
  if (adw_style_manager_get_dark (manager))
    ap_roadmap_palette_init_dark (p);
  else
    ap_roadmap_palette_init_light (p);
  p->high_contrast = hc;
  /* Without libadwaita's style sheet (a bare GTK test) the fallbacks stay. */
  if (!lookup (context, "view_bg_color", &view_bg) || !lookup (context, "view_fg_color", &view_fg) ||
      !lookup (context, "window_bg_color", &window_bg) || !lookup (context, "card_bg_color", &card_bg) ||
      !lookup (context, "accent_bg_color", &accent) || !lookup (context, "warning_color", &warning))
    return;

  p->background = mix (&view_bg, &view_bg, 0);
  p->foreground = mix (&view_fg, &view_fg, 0);
  p->header_background = mix (&window_bg, &window_bg, 0);
  p->backlog_background = mix (&view_bg, &view_fg, 0.05);
  p->grid_line = mix (&view_bg, &view_fg, hc ? 0.6 : 0.15);
  p->card_background = mix (&window_bg, &card_bg, 1);
  p->card_foreground = p->foreground;
  p->card_border = mix (&view_bg, &view_fg, hc ? 0.8 : 0.25);
  p->accent = mix (&accent, &accent, 0);
  p->highlight = mix (&warning, &warning, 0);
  p->dim_alpha = hc ? 0.4 : 0.25;
}

static void
ap_roadmap_canvas_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (widget);

  GTK_WIDGET_CLASS (ap_roadmap_canvas_parent_class)->css_changed (widget, change);
  read_palette (self);
  /* The cards were drawn in the old colours, and perhaps the old font. */
  ap_roadmap_canvas_drop_drawings (self);
  self->layout_dirty = TRUE;
  gtk_widget_queue_resize (widget);
}

static void
set_adjustment (ApRoadmapCanvas  *self,
                GtkAdjustment   **slot,
                GtkAdjustment    *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, gtk_widget_queue_draw, self);
  g_clear_object (slot);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
ap_roadmap_canvas_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (object);

  switch (prop_id)
    {
    case PROP_PLAN: g_value_set_object (value, self->plan); break;
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ap_roadmap_canvas_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (object);

  switch (prop_id)
    {
    case PROP_PLAN: ap_roadmap_canvas_set_plan (self, g_value_get_object (value)); break;
    case PROP_ZOOM: ap_roadmap_canvas_set_zoom (self, g_value_get_double (value)); break;
    case PROP_HADJUSTMENT: set_adjustment (self, &self->hadjustment, g_value_get_object (value)); break;
    case PROP_VADJUSTMENT: set_adjustment (self, &self->vadjustment, g_value_get_object (value)); break;
    case PROP_HSCROLL_POLICY: self->hscroll_policy = g_value_get_enum (value); break;
    case PROP_VSCROLL_POLICY: self->vscroll_policy = g_value_get_enum (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ap_roadmap_canvas_dispose (GObject *object)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (object);

  ap_roadmap_canvas_dnd_dispose (self);
  disconnect_models (self);
  ap_roadmap_canvas_set_filter (self, NULL);
  g_clear_object (&self->plan);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, gtk_widget_queue_draw, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, gtk_widget_queue_draw, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  ap_roadmap_canvas_drop_drawings (self);
  G_OBJECT_CLASS (ap_roadmap_canvas_parent_class)->dispose (object);
}

static void
ap_roadmap_canvas_finalize (GObject *object)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (object);

  ap_roadmap_canvas_draw_finalize (self);
  g_clear_pointer (&self->announcement, g_free);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->selection, g_array_unref);
  G_OBJECT_CLASS (ap_roadmap_canvas_parent_class)->finalize (object);
}

static void
ap_roadmap_canvas_class_init (ApRoadmapCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ap_roadmap_canvas_get_property;
  object_class->set_property = ap_roadmap_canvas_set_property;
  object_class->dispose = ap_roadmap_canvas_dispose;
  object_class->finalize = ap_roadmap_canvas_finalize;
  widget_class->measure = ap_roadmap_canvas_measure;
  widget_class->size_allocate = ap_roadmap_canvas_size_allocate;
  widget_class->snapshot = ap_roadmap_canvas_snapshot;
  widget_class->css_changed = ap_roadmap_canvas_css_changed;

  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, AP_TYPE_PLAN,
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, AP_ROADMAP_CANVAS_FIT_MIN_ZOOM,
                                               AP_ROADMAP_CANVAS_MAX_ZOOM, 1.0,
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                               G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[CARD_ACTIVATED] = g_signal_new ("card-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[NEW_CARD_REQUESTED] = g_signal_new ("new-card-requested", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
  signals[CARDS_DELETED] = g_signal_new ("cards-deleted", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "roadmapcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  ap_roadmap_canvas_keyboard_class_init (widget_class);
}

static void
ap_roadmap_canvas_init (ApRoadmapCanvas *self)
{
  self->zoom = 1.0;
  self->layout = ap_roadmap_layout_new ();
  self->layout_dirty = TRUE;
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
  self->selection = g_array_new (FALSE, FALSE, sizeof (gint64));
  ap_roadmap_canvas_draw_init (self);
  ap_roadmap_palette_init_light (&self->palette);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Roadmap"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Cards by period and step. Arrow keys move between cards, "
                                    "Alt and an arrow key moves the card."),
                                  -1);
  ap_roadmap_canvas_dnd_init (self);
}

GtkWidget *
ap_roadmap_canvas_new (void)
{
  return g_object_new (AP_TYPE_ROADMAP_CANVAS, NULL);
}

void
ap_roadmap_canvas_set_plan (ApRoadmapCanvas *self,
                            ApPlan          *plan)
{
  ApRowList *(*lists[]) (ApPlan *) = {
    ap_plan_get_cards, ap_plan_get_periods, ap_plan_get_steps, ap_plan_get_activities,
    ap_plan_get_stages, ap_plan_get_organizations,
  };

  g_return_if_fail (AP_IS_ROADMAP_CANVAS (self));
  g_return_if_fail (plan == NULL || AP_IS_PLAN (plan));

  if (self->plan == plan)
    return;
  ap_roadmap_canvas_cancel_drag (self);
  disconnect_models (self);
  g_set_object (&self->plan, plan);
  g_array_set_size (self->selection, 0);
  self->focus_id = 0;
  ap_roadmap_canvas_drop_drawings (self);
  if (plan != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        ApRowList *list = lists[i] (plan);

        g_ptr_array_add (self->models, g_object_ref (list));
        g_signal_connect (list, "items-changed", G_CALLBACK (on_model_items_changed_cb), self);
      }
  invalidate_layout (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

ApPlan *
ap_roadmap_canvas_get_plan (ApRoadmapCanvas *self)
{
  g_return_val_if_fail (AP_IS_ROADMAP_CANVAS (self), NULL);
  return self->plan;
}

void
ap_roadmap_canvas_set_filter (ApRoadmapCanvas *self,
                              ApCardFilter    *filter)
{
  g_return_if_fail (AP_IS_ROADMAP_CANVAS (self));

  if (self->filter == filter)
    return;
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, on_filter_changed_cb, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect (filter, "changed", G_CALLBACK (on_filter_changed_cb), self);
  ap_roadmap_canvas_drop_filter_matches (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
ap_roadmap_canvas_get_zoom (ApRoadmapCanvas *self)
{
  g_return_val_if_fail (AP_IS_ROADMAP_CANVAS (self), 1.0);
  return self->zoom;
}

/* The zoom that shows the whole map in the widget. */
static double
fit_zoom (ApRoadmapCanvas *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (w <= 0 || h <= 0)
    return AP_ROADMAP_CANVAS_MIN_ZOOM;
  return MIN (w / ap_roadmap_layout_get_width (self->layout),
              h / ap_roadmap_layout_get_height (self->layout));
}

/* A plan too big to fit at MIN_ZOOM may still be seen whole. */
static double
least_zoom (ApRoadmapCanvas *self)
{
  return MAX (AP_ROADMAP_CANVAS_FIT_MIN_ZOOM, MIN (AP_ROADMAP_CANVAS_MIN_ZOOM, fit_zoom (self)));
}

void
ap_roadmap_canvas_zoom_at (ApRoadmapCanvas *self,
                           double           zoom,
                           double           wx,
                           double           wy)
{
  double mx, my;

  ap_roadmap_canvas_ensure_layout (self);
  zoom = CLAMP (zoom, least_zoom (self), AP_ROADMAP_CANVAS_MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;
  /* The point under the pointer stays under it. */
  mx = (wx + hvalue (self)) / self->zoom;
  my = (wy + vvalue (self)) / self->zoom;
  self->zoom = zoom;
  ap_roadmap_canvas_drop_zoom_drawings (self);
  ap_roadmap_canvas_ensure_layout (self);
  configure_adjustments (self);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, mx * zoom - wx);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, my * zoom - wy);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
ap_roadmap_canvas_set_zoom (ApRoadmapCanvas *self,
                            double           zoom)
{
  g_return_if_fail (AP_IS_ROADMAP_CANVAS (self));
  ap_roadmap_canvas_zoom_at (self, zoom, 0, 0);
}

void
ap_roadmap_canvas_zoom_to_fit (ApRoadmapCanvas *self)
{
  g_return_if_fail (AP_IS_ROADMAP_CANVAS (self));
  ap_roadmap_canvas_ensure_layout (self);
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;
  ap_roadmap_canvas_zoom_at (self, MIN (fit_zoom (self), 1.0), 0, 0);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
}

void
ap_roadmap_canvas_scroll_to_card (ApRoadmapCanvas *self,
                                  gint64           card_id)
{
  const ApRoadmapCardBox *box;
  double header_h, period_w, w, h, margin = 12;
  ApRect r;

  ap_roadmap_canvas_ensure_layout (self);
  box = ap_roadmap_layout_find_card (self->layout, card_id);
  w = gtk_widget_get_width (GTK_WIDGET (self));
  h = gtk_widget_get_height (GTK_WIDGET (self));
  if (box == NULL || w <= 0)
    return;
  header_h = ap_roadmap_layout_get_header_height (self->layout) * self->zoom;
  period_w = ap_roadmap_layout_get_period_width (self->layout) * self->zoom;
  r = (ApRect) { box->rect.x * self->zoom, box->rect.y * self->zoom,
                 box->rect.width * self->zoom, box->rect.height * self->zoom };
  /* The pinned headers cover the top and left of the view. */
  if (r.x - margin - period_w < hvalue (self))
    gtk_adjustment_set_value (self->hadjustment, r.x - margin - period_w);
  else if (r.x + r.width + margin > hvalue (self) + w)
    gtk_adjustment_set_value (self->hadjustment, r.x + r.width + margin - w);
  if (r.y - margin - header_h < vvalue (self))
    gtk_adjustment_set_value (self->vadjustment, r.y - margin - header_h);
  else if (r.y + r.height + margin > vvalue (self) + h)
    gtk_adjustment_set_value (self->vadjustment, r.y + r.height + margin - h);
}

gboolean
ap_roadmap_canvas_is_selected (ApRoadmapCanvas *self,
                               gint64           card_id)
{
  for (guint i = 0; i < self->selection->len; i++)
    if (g_array_index (self->selection, gint64, i) == card_id)
      return TRUE;
  return FALSE;
}

void
ap_roadmap_canvas_set_selection (ApRoadmapCanvas *self,
                                 const gint64    *ids,
                                 guint            n_ids)
{
  if (n_ids == self->selection->len &&
      (n_ids == 0 || memcmp (ids, self->selection->data, n_ids * sizeof (gint64)) == 0))
    return;
  g_array_set_size (self->selection, 0);
  g_array_append_vals (self->selection, ids, n_ids);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
ap_roadmap_canvas_toggle_selected (ApRoadmapCanvas *self,
                                   gint64           card_id)
{
  for (guint i = 0; i < self->selection->len; i++)
    if (g_array_index (self->selection, gint64, i) == card_id)
      {
        g_array_remove_index (self->selection, i);
        gtk_widget_queue_draw (GTK_WIDGET (self));
        g_signal_emit (self, signals[SELECTION_CHANGED], 0);
        return;
      }
  g_array_append_val (self->selection, card_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
ap_roadmap_canvas_set_focus_card (ApRoadmapCanvas *self,
                                  gint64           card_id)
{
  if (self->focus_id == card_id)
    return;
  self->focus_id = card_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  ap_roadmap_canvas_announce_focus (self);
}

void
ap_roadmap_canvas_select_card (ApRoadmapCanvas *self,
                               gint64           card_id)
{
  g_return_if_fail (AP_IS_ROADMAP_CANVAS (self));

  ap_roadmap_canvas_ensure_layout (self);
  if (ap_roadmap_layout_find_card (self->layout, card_id) == NULL)
    return;
  ap_roadmap_canvas_set_selection (self, &card_id, 1);
  ap_roadmap_canvas_set_focus_card (self, card_id);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  ap_roadmap_canvas_scroll_to_card (self, card_id);
}

const gint64 *
ap_roadmap_canvas_get_selected_cards (ApRoadmapCanvas *self,
                                      guint           *n_cards)
{
  g_return_val_if_fail (AP_IS_ROADMAP_CANVAS (self), NULL);
  *n_cards = self->selection->len;
  return (const gint64 *) self->selection->data;
}

gint64
ap_roadmap_canvas_get_focused_card (ApRoadmapCanvas *self)
{
  g_return_val_if_fail (AP_IS_ROADMAP_CANVAS (self), 0);
  return self->focus_id;
}

void
ap_roadmap_canvas_emit_card_activated (ApRoadmapCanvas *self,
                                       gint64           card_id)
{
  g_signal_emit (self, signals[CARD_ACTIVATED], 0, card_id);
}

void
ap_roadmap_canvas_emit_new_card (ApRoadmapCanvas *self,
                                 gint64           period_id,
                                 gint64           step_id)
{
  g_signal_emit (self, signals[NEW_CARD_REQUESTED], 0, period_id, step_id);
}

void
ap_roadmap_canvas_emit_cards_deleted (ApRoadmapCanvas *self,
                                      guint            n)
{
  g_signal_emit (self, signals[CARDS_DELETED], 0, n);
}
