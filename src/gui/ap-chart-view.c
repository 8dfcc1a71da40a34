/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-chart-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-chart-export.h"
#include "ap-chart-view.h"

/* Large type for a projector across the room. */
#define MEETING_SCALE 2.0

struct _ApChartView
{
  GtkWidget             parent_instance;

  ApChartData          *data;
  guint                 recompute_id;
  GtkWindow            *meeting;     /* the full-screen window, while shown */
  ApChartCanvas        *meeting_canvas;
  GtkFileChooserNative *chooser;
  int                   export_chart; /* -1: all */

  /* Template children. */
  GtkDropDown          *chooser_drop_down;
  GtkStack             *stack;
  ApChartCanvas        *canvas;
};

G_DEFINE_FINAL_TYPE (ApChartView, ap_chart_view, GTK_TYPE_WIDGET)

static void
update_stack (ApChartView *self)
{
  gboolean empty = self->data == NULL || ap_chart_data_get_n_categories (self->data) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "chart");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "charts.meeting", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "charts.export-all", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "charts.export-one", !empty);
}

static gboolean
recompute_cb (gpointer user_data)
{
  ApChartView *self = user_data;
  g_autoptr(GError) error = NULL;

  self->recompute_id = 0;
  if (!ap_chart_data_recompute (self->data, &error))
    g_warning ("Could not read the chart figures: %s", error->message);
  update_stack (self);
  return G_SOURCE_REMOVE;
}

/* A command changes several lists at once; one recomputation after it is enough. With
 * a big plan it takes a while, so edits made while the charts are not shown only leave
 * the figures stale, for the map to read again. */
static void
on_data_invalidated_cb (ApChartData *data,
                        ApChartView *self)
{
  if (self->recompute_id != 0 ||
      (!gtk_widget_get_mapped (GTK_WIDGET (self)) && self->meeting == NULL))
    return;
  self->recompute_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, recompute_cb, self, NULL);
}

static void
on_chooser_selected_cb (GtkDropDown *drop_down,
                        GParamSpec  *pspec,
                        ApChartView *self)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (selected < AP_N_CHARTS)
    ap_chart_canvas_set_kind (self->canvas, (ApChartKind) selected);
}

static void
step_meeting (ApChartView *self,
              int          delta)
{
  ApChartKind kind = (ap_chart_canvas_get_kind (self->meeting_canvas) + AP_N_CHARTS + delta)
                     % AP_N_CHARTS;

  ap_chart_canvas_set_kind (self->meeting_canvas, kind);
  ap_chart_view_set_kind (self, kind);
}

/* In the meeting window, Left and Right step through the charts, Up and Down walk the
 * bars, Escape leaves. */
static gboolean
on_meeting_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           ApChartView           *self)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_Page_Up:
      step_meeting (self, -1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_Page_Down:
      step_meeting (self, 1);
      return TRUE;
    case GDK_KEY_Escape:
    case GDK_KEY_F11:
      gtk_window_destroy (self->meeting);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_meeting_destroy_cb (GtkWidget   *window,
                       ApChartView *self)
{
  self->meeting = NULL;
  self->meeting_canvas = NULL;
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
show_meeting (ApChartView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkWidget *canvas = ap_chart_canvas_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->meeting = GTK_WINDOW (adw_window_new ());
  self->meeting_canvas = AP_CHART_CANVAS (canvas);
  gtk_window_set_title (self->meeting, _("Meeting Mode"));
  if (GTK_IS_WINDOW (root))
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (root));
      GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (root));
      GdkMonitor *monitor = surface != NULL
                              ? gdk_display_get_monitor_at_surface (display, surface) : NULL;

      gtk_window_set_transient_for (self->meeting, GTK_WINDOW (root));
      /* The window manager makes the window full screen; where there is none (a kiosk,
       * a bare X server on a meeting-room PC) it still covers the monitor. */
      if (monitor != NULL)
        {
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          gtk_window_set_default_size (self->meeting, geometry.width, geometry.height);
        }
    }
  ap_chart_canvas_set_data (self->meeting_canvas, self->data);
  ap_chart_canvas_set_kind (self->meeting_canvas, ap_chart_canvas_get_kind (self->canvas));
  ap_chart_canvas_set_scale (self->meeting_canvas, MEETING_SCALE);
  /* At meeting size a chart of many categories is taller than the screen; the Up and
   * Down keys walk its bars and scroll them into view. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), canvas);
  adw_window_set_content (ADW_WINDOW (self->meeting), scrolled);
  /* Capture: the arrows step charts before the canvas takes them for its bars. */
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_meeting_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->meeting), key);
  g_signal_connect (self->meeting, "destroy", G_CALLBACK (on_meeting_destroy_cb), self);
  gtk_window_fullscreen (self->meeting);
  gtk_window_present (self->meeting);
  gtk_widget_grab_focus (canvas);
}

static void
meeting_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ApChartView *self = AP_CHART_VIEW (widget);

  if (self->meeting != NULL)
    gtk_window_destroy (self->meeting);
  else if (self->data != NULL)
    show_meeting (self);
}

static void
show_toast (ApChartView *self,
            const char  *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_warning ("%s", title);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       ApChartView     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (ap_charts_export_data (self->data, path, self->export_chart, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *title = g_strdup_printf (_("Exported to “%s”"), name);

      show_toast (self, title);
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("Could not export the charts: %s"),
                                                error->message);
      show_toast (self, title);
    }
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* The format follows the name's extension: .pdf, .png or .svg. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ApChartView *self = AP_CHART_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean all = g_str_equal (action_name, "charts.export-all");
  GtkFileChooser *chooser;

  if (self->chooser != NULL || self->data == NULL)
    return;
  self->export_chart = all ? -1 : (int) ap_chart_canvas_get_kind (self->canvas);
  self->chooser = gtk_file_chooser_native_new (all ? _("Export Charts") : _("Export Chart"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  chooser = GTK_FILE_CHOOSER (self->chooser);
  if (all)
    gtk_file_chooser_set_current_name (chooser, _("charts.pdf"));
  else
    {
      g_autofree char *name = g_strconcat (ap_chart_kind_get_id (self->export_chart), ".png",
                                           NULL);

      gtk_file_chooser_set_current_name (chooser, name);
    }
  add_filter (chooser, _("PDF documents"), "*.pdf");
  add_filter (chooser, _("PNG images"), "*.png");
  add_filter (chooser, _("SVG images"), "*.svg");
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ap_chart_view_map (GtkWidget *widget)
{
  ApChartView *self = AP_CHART_VIEW (widget);

  GTK_WIDGET_CLASS (ap_chart_view_parent_class)->map (widget);

  /* Before the first frame shows the figures of before the edits. */
  if (self->data != NULL && ap_chart_data_get_stale (self->data))
    {
      g_clear_handle_id (&self->recompute_id, g_source_remove);
      recompute_cb (self);
    }
}

static void
ap_chart_view_dispose (GObject *object)
{
  ApChartView *self = AP_CHART_VIEW (object);
  GtkWidget *child;

  if (self->meeting != NULL)
    gtk_window_destroy (self->meeting);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (self->data != NULL)
    g_signal_handlers_disconnect_by_func (self->data, on_data_invalidated_cb, self);
  g_clear_object (&self->data);
  gtk_widget_dispose_template (GTK_WIDGET (self), AP_TYPE_CHART_VIEW);
  /* The template's top box has no id, so dispose_template does not unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ap_chart_view_parent_class)->dispose (object);
}

static void
ap_chart_view_class_init (ApChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ap_chart_view_dispose;
  widget_class->map = ap_chart_view_map;

  g_type_ensure (AP_TYPE_CHART_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/archplan/Archplan/ap-chart-view.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "chooser", FALSE,
                                             G_STRUCT_OFFSET (ApChartView, chooser_drop_down));
  gtk_widget_class_bind_template_child (widget_class, ApChartView, stack);
  gtk_widget_class_bind_template_child (widget_class, ApChartView, canvas);

  gtk_widget_class_install_action (widget_class, "charts.meeting", NULL, meeting_action);
  gtk_widget_class_install_action (widget_class, "charts.export-all", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "charts.export-one", NULL, export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ap_chart_view_init (ApChartView *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* F11 works wherever the focus is in the window (the view switcher, the header bar)
   * while the Charts page is shown: a managed shortcut is run by the window, and GTK
   * skips it while this view is not mapped, i.e. while another page is shown. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F11, 0),
                                                          gtk_named_action_new ("charts.meeting")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  self->export_chart = -1;
  for (guint k = 0; k < AP_N_CHARTS; k++)
    gtk_string_list_append (titles, ap_chart_kind_get_title (k));
  gtk_drop_down_set_model (self->chooser_drop_down, G_LIST_MODEL (titles));
  g_signal_connect (self->chooser_drop_down, "notify::selected",
                    G_CALLBACK (on_chooser_selected_cb), self);
  ap_chart_canvas_set_kind (self->canvas, AP_CHART_INCIDENTS);
  update_stack (self);
}

GtkWidget *
ap_chart_view_new (void)
{
  return g_object_new (AP_TYPE_CHART_VIEW, NULL);
}

void
ap_chart_view_set_plan (ApChartView *self,
                        ApPlan      *plan)
{
  g_return_if_fail (AP_IS_CHART_VIEW (self));

  if (self->meeting != NULL)
    gtk_window_destroy (self->meeting);
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (self->data != NULL)
    g_signal_handlers_disconnect_by_func (self->data, on_data_invalidated_cb, self);
  g_clear_object (&self->data);

  if (plan != NULL)
    {
      self->data = ap_chart_data_new (plan);
      g_signal_connect (self->data, "invalidated", G_CALLBACK (on_data_invalidated_cb), self);
      ap_chart_canvas_set_data (self->canvas, self->data);
      /* The figures start stale: a view not shown reads them when it is mapped. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        recompute_cb (self);
      else
        update_stack (self);
    }
  else
    {
      ap_chart_canvas_set_data (self->canvas, NULL);
      update_stack (self);
    }
}

ApChartData *
ap_chart_view_get_data (ApChartView *self)
{
  g_return_val_if_fail (AP_IS_CHART_VIEW (self), NULL);
  return self->data;
}

ApChartCanvas *
ap_chart_view_get_canvas (ApChartView *self)
{
  g_return_val_if_fail (AP_IS_CHART_VIEW (self), NULL);
  return self->canvas;
}

void
ap_chart_view_set_kind (ApChartView *self,
                        ApChartKind  kind)
{
  g_return_if_fail (AP_IS_CHART_VIEW (self));
  gtk_drop_down_set_selected (self->chooser_drop_down, kind);
}

ApChartKind
ap_chart_view_get_kind (ApChartView *self)
{
  g_return_val_if_fail (AP_IS_CHART_VIEW (self), 0);
  return ap_chart_canvas_get_kind (self->canvas);
}

GtkWindow *
ap_chart_view_get_meeting_window (ApChartView *self)
{
  g_return_val_if_fail (AP_IS_CHART_VIEW (self), NULL);
  return self->meeting;
}
