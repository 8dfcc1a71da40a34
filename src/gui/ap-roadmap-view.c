/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ap-roadmap-canvas.h"
#include "ap-roadmap-view.h"
#include "ap-structure-editor.h"

/* The Roadmap page: a toolbar (new card, find, zoom, canvas or outline, history), the
 * find bar with its filter menus, the canvas or the outline, and the change-history
 * panel. It opens the card editor and the structure editor, and turns deletions into
 * toasts with Undo. Both the canvas and the outline read one ApCardFilter, and they
 * share one selection: whatever is selected in one is selected in the other, so
 * switching modes keeps the place and "New Card" means the same cell in both. */

struct _ApRoadmapView
{
  GtkWidget         parent_instance;

  ApPlan           *plan;
  ApCardFilter     *filter;
  ApRoadmapCanvas  *canvas;
  char             *mode;     /* "canvas" or "outline" */
  gint64            current_card; /* the selection both sides show, or 0 */
  gboolean          syncing;  /* copying the selection from one side to the other */

  GtkWidget        *box;
  GtkToggleButton  *find_button;
  GtkWidget        *zoom_box;
  GtkButton        *zoom_button;
  GtkToggleButton  *history_toggle;
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *search_entry;
  GtkMenuButton    *organizations_button;
  GtkMenuButton    *stages_button;
  GtkMenuButton    *initiatives_button;
  GtkLabel         *match_label;
  GtkWidget        *clear_button;
  AdwFlap          *flap;
  GtkStack         *mode_stack;
  GtkScrolledWindow *canvas_scroller;
  ApRoadmapOutline *outline;
  ApHistoryPanel   *history_panel;
};

G_DEFINE_FINAL_TYPE (ApRoadmapView, ap_roadmap_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Toasts. */

static void
add_toast (ApRoadmapView *self,
           AdwToast      *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
on_cards_deleted_cb (GtkWidget     *source,
                     guint          n,
                     ApRoadmapView *self)
{
  g_autofree char *title = g_strdup_printf (ngettext ("%u card deleted", "%u cards deleted", n), n);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
}

static void
on_history_copied_cb (ApHistoryPanel *panel,
                      ApRoadmapView  *self)
{
  add_toast (self, adw_toast_new (_("History copied as Markdown")));
}

/* Which page shows: the mode's, the empty state for a plan without cards, or, in the
 * outline, a page that says the find bar hides every card (the canvas dims them). */
static void
update_page (ApRoadmapView *self)
{
  static const char * const zoom_actions[] = {
    "roadmap.zoom-in", "roadmap.zoom-out", "roadmap.zoom-reset", "roadmap.zoom-fit",
  };
  guint n = self->plan != NULL ? g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_cards (self->plan))) : 0;
  const char *page = self->mode;
  gboolean zoomable;

  if (n == 0)
    page = "empty";
  else if (g_str_equal (page, "outline") && ap_roadmap_outline_get_n_cards (self->outline) == 0)
    page = "no-match";
  gtk_stack_set_visible_child_name (self->mode_stack, page);
  /* Zoom belongs to the canvas: the outline has nothing to zoom. */
  zoomable = g_str_equal (page, "canvas");
  gtk_widget_set_visible (self->zoom_box, zoomable);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), zoom_actions[i], zoomable);
}

static void
update_match_label (ApRoadmapView *self)
{
  guint total = self->plan != NULL ? g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_cards (self->plan))) : 0;
  gboolean filtering = !ap_card_filter_is_empty (self->filter);
  g_autofree char *text = NULL;

  /* Counting the matches walks every card while the outline is not built: only when a
   * filter is on, not on every edit of an unfiltered plan. */
  if (filtering)
    text = g_strdup_printf (ngettext ("%u of %u card", "%u of %u cards", total),
                            ap_roadmap_outline_get_n_cards (self->outline), total);
  gtk_label_set_text (self->match_label, filtering ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->match_label), filtering);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roadmap.clear-filter", filtering);
}

static void
on_cards_changed_cb (GListModel    *cards,
                     guint          position,
                     guint          removed,
                     guint          added,
                     ApRoadmapView *self)
{
  update_page (self);
  update_match_label (self);
}

/* Selection. */

/* ap_roadmap_canvas_select_card () also gives the canvas the keyboard focus, which is
 * right when the canvas is shown. Behind the outline it must not take the focus from
 * the row the user is on. */
static void
select_on_canvas (ApRoadmapView *self,
                  gint64         card_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (card_id == 0)
    return;
  if (focus != NULL)
    g_object_ref (focus);
  ap_roadmap_canvas_select_card (self->canvas, card_id);
  if (focus != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self->canvas)) &&
      gtk_widget_get_root (focus) == root)
    gtk_widget_grab_focus (focus);
  g_clear_object (&focus);
}

static void
on_canvas_selection_changed_cb (ApRoadmapCanvas *canvas,
                                ApRoadmapView   *self)
{
  guint n = 0;
  const gint64 *ids = ap_roadmap_canvas_get_selected_cards (canvas, &n);
  gint64 focused = ap_roadmap_canvas_get_focused_card (canvas);

  if (self->syncing)
    return;
  /* Of several selected cards the outline shows the one with the focus. */
  self->current_card = n > 0 ? ids[0] : 0;
  for (guint i = 0; i < n; i++)
    if (ids[i] == focused)
      self->current_card = focused;
  self->syncing = TRUE;
  ap_roadmap_outline_select_card (self->outline, self->current_card);
  self->syncing = FALSE;
}

/* An outline that lost its row (the find bar hid the card) leaves the selection as it
 * was: the canvas still shows that card, dimmed. */
static void
on_outline_selection_changed_cb (ApRoadmapOutline *outline,
                                 ApRoadmapView    *self)
{
  if (self->syncing || ap_roadmap_outline_get_selected_period (outline) == 0)
    return;
  self->current_card = ap_roadmap_outline_get_selected_card (outline);
  self->syncing = TRUE;
  select_on_canvas (self, self->current_card);
  self->syncing = FALSE;
}

/* Editing. */

static void
on_editor_saved_cb (ApCardEditor  *editor,
                    gint64         card_id,
                    ApRoadmapView *self)
{
  ap_roadmap_view_show_card (self, card_id);
}

static void
on_card_activated_cb (GtkWidget     *source,
                      gint64         card_id,
                      ApRoadmapView *self)
{
  gtk_window_present (GTK_WINDOW (ap_roadmap_view_edit_card (self, card_id, 0, 0)));
}

static void
on_new_card_requested_cb (GtkWidget     *source,
                          gint64         period_id,
                          gint64         step_id,
                          ApRoadmapView *self)
{
  gtk_window_present (GTK_WINDOW (ap_roadmap_view_edit_card (self, 0, period_id, step_id)));
}

static void
on_history_card_activated_cb (ApHistoryPanel *panel,
                              gint64          card_id,
                              ApRoadmapView  *self)
{
  ap_roadmap_view_show_card (self, card_id);
}

/* Find and filter. */

static void
on_filter_check_toggled_cb (GtkCheckButton *check,
                            ApRoadmapView  *self)
{
  ApEntityKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "ap-kind"));
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (check));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_array_append_val (ids, *(gint64 *) g_object_get_data (G_OBJECT (child), "ap-id"));
  ap_card_filter_set_ids (self->filter, kind, (const gint64 *) (gpointer) ids->data, ids->len);
}

/* The filter menus are built as they open, so they always list the plan's current
 * organizations, stages and initiatives. */
static void
create_filter_popup_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  ApRoadmapView *self = user_data;
  ApEntityKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ap-kind"));
  g_autoptr(GPtrArray) items = NULL;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  if (self->plan == NULL)
    return;
  items = ap_roadmap_dup_sorted (self->plan, kind);
  for (guint i = 0; i < items->len; i++)
    {
      GObject *item = g_ptr_array_index (items, i);
      gint64 id = ap_object_get_id (AP_OBJECT (item));
      g_autofree char *name = NULL;
      GtkWidget *check;

      g_object_get (item, "name", &name, NULL);
      check = gtk_check_button_new_with_label (name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), ap_card_filter_has_id (self->filter, kind, id));
      g_object_set_data_full (G_OBJECT (check), "ap-id", g_memdup2 (&id, sizeof id), g_free);
      g_object_set_data (G_OBJECT (check), "ap-kind", GUINT_TO_POINTER (kind));
      g_signal_connect (check, "toggled", G_CALLBACK (on_filter_check_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 400);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_menu_button_set_popover (button, popover);
}

static void
on_filter_changed_cb (ApCardFilter  *filter,
                      ApRoadmapView *self)
{
  static const ApEntityKind kinds[] = { AP_ENTITY_ORGANIZATION, AP_ENTITY_STAGE, AP_ENTITY_INITIATIVE };
  const char *titles[] = { _("Organizations"), _("Stages"), _("Initiatives") };
  GtkMenuButton *buttons[] = { self->organizations_button, self->stages_button, self->initiatives_button };

  /* A menu that restricts the cards says so, and by how many ticks: the colour alone
   * does not reach everyone. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GPtrArray) items = self->plan != NULL ? ap_roadmap_dup_sorted (self->plan, kinds[i]) : NULL;
      g_autofree char *label = NULL;
      guint ticked = 0;

      for (guint j = 0; items != NULL && j < items->len; j++)
        ticked += ap_card_filter_has_id (filter, kinds[i], ap_object_get_id (g_ptr_array_index (items, j)));
      /* Translators: a filter menu and how many of its entries are ticked, e.g. "Stages (2)". */
      label = ticked > 0 ? g_strdup_printf (_("%s (%u)"), titles[i], ticked) : g_strdup (titles[i]);
      gtk_menu_button_set_label (buttons[i], label);
      if (ticked > 0)
        gtk_widget_add_css_class (GTK_WIDGET (buttons[i]), "accent");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (buttons[i]), "accent");
    }
  update_match_label (self);
  update_page (self);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      ApRoadmapView  *self)
{
  ap_card_filter_set_text (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Closing the find bar (Escape, its close button, Ctrl+F) shows every card again. */
static void
on_search_mode_cb (GtkSearchBar  *bar,
                   GParamSpec    *pspec,
                   ApRoadmapView *self)
{
  if (gtk_search_bar_get_search_mode (bar))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  ap_card_filter_clear (self->filter);
}

static void
on_stop_search_cb (GtkSearchEntry *entry,
                   ApRoadmapView  *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Actions. */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ApRoadmapView *self = AP_ROADMAP_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, !gtk_search_bar_get_search_mode (self->search_bar));
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ApRoadmapView *self = AP_ROADMAP_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  ap_card_filter_clear (self->filter);
}

/* A new card goes into the current cell, the same in both modes: the selected card's,
 * or the first step of the period selected in the outline, or the first cell. */
static void
new_card_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ApRoadmapView *self = AP_ROADMAP_VIEW (widget);
  ApCard *card;
  gint64 period_id, step_id = 0;

  if (self->plan == NULL)
    return;
  card = self->current_card != 0 ? ap_row_list_lookup (ap_plan_get_cards (self->plan), self->current_card) : NULL;
  if (card != NULL)
    {
      period_id = ap_card_get_period_id (card);
      step_id = ap_card_get_step_id (card);
    }
  else
    period_id = ap_roadmap_outline_get_selected_period (self->outline);
  gtk_window_present (GTK_WINDOW (ap_roadmap_view_edit_card (self, 0, period_id, step_id)));
}

/* The label follows the canvas's zoom whatever changed it: these buttons, the
 * canvas's own keys, Ctrl+scroll or a pinch. */
static void
on_zoom_changed_cb (ApRoadmapCanvas *canvas,
                    GParamSpec      *pspec,
                    ApRoadmapView   *self)
{
  /* Translators: a zoom level; %.0f is the number, %% the percent sign. */
  g_autofree char *label = g_strdup_printf (_("%.0f%%"), ap_roadmap_canvas_get_zoom (canvas) * 100);

  gtk_button_set_label (self->zoom_button, label);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ApRoadmapCanvas *canvas = AP_ROADMAP_VIEW (widget)->canvas;
  double zoom = ap_roadmap_canvas_get_zoom (canvas);

  if (g_str_equal (action_name, "roadmap.zoom-in"))
    ap_roadmap_canvas_set_zoom (canvas, zoom * 1.25);
  else if (g_str_equal (action_name, "roadmap.zoom-out"))
    ap_roadmap_canvas_set_zoom (canvas, zoom / 1.25);
  else if (g_str_equal (action_name, "roadmap.zoom-reset"))
    ap_roadmap_canvas_set_zoom (canvas, 1.0);
  else
    ap_roadmap_canvas_zoom_to_fit (canvas);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ApRoadmapView *self = AP_ROADMAP_VIEW (widget);

  gtk_toggle_button_set_active (self->history_toggle, !gtk_toggle_button_get_active (self->history_toggle));
}

static void
copy_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ap_history_panel_copy (AP_ROADMAP_VIEW (widget)->history_panel);
}

static void
structure_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkWindow *window = ap_roadmap_view_edit_structure (AP_ROADMAP_VIEW (widget));

  if (window != NULL)
    gtk_window_present (window);
}

/* Shortcuts of the page work wherever the focus is in the window, but only while the
 * page is shown: Ctrl+F on the incidents page is theirs. */
static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  const char *action = user_data;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (g_str_has_prefix (action, "roadmap.mode::"))
    ap_roadmap_view_set_mode (AP_ROADMAP_VIEW (widget), action + strlen ("roadmap.mode::"));
  else
    gtk_widget_activate_action (widget, action, NULL);
  return TRUE;
}

static void
add_shortcuts (ApRoadmapView *self)
{
  static const struct {
    const char *accel;
    const char *action;
  } shortcuts[] = {
    { "<Control>f", "roadmap.find" },
    { "<Control><Shift>a", "roadmap.new-card" },
    { "<Control>h", "roadmap.toggle-history" },
    { "<Control>1", "roadmap.mode::canvas" },
    { "<Control>2", "roadmap.mode::outline" },
    { "<Control>plus", "roadmap.zoom-in" },
    { "<Control>equal", "roadmap.zoom-in" },
    { "<Control>minus", "roadmap.zoom-out" },
    { "<Control>0", "roadmap.zoom-reset" },
    { "<Control>9", "roadmap.zoom-fit" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].accel),
                                                            gtk_callback_action_new (shortcut_cb, (gpointer) shortcuts[i].action, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Set-up. */

static void
disconnect_plan (ApRoadmapView *self)
{
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_func (ap_plan_get_cards (self->plan), on_cards_changed_cb, self);
}

static void
ap_roadmap_view_dispose (GObject *object)
{
  ApRoadmapView *self = AP_ROADMAP_VIEW (object);

  disconnect_plan (self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, on_filter_changed_cb, self);
  /* The children say goodbye with signals (a cleared selection) while they go. */
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  if (self->outline != NULL)
    g_signal_handlers_disconnect_by_data (self->outline, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AP_TYPE_ROADMAP_VIEW);
  self->canvas = NULL;
  g_clear_object (&self->filter);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->mode, g_free);

  G_OBJECT_CLASS (ap_roadmap_view_parent_class)->dispose (object);
}

static void
ap_roadmap_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ApRoadmapView *self = AP_ROADMAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_string (value, self->mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ap_roadmap_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ApRoadmapView *self = AP_ROADMAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      ap_roadmap_view_set_mode (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ap_roadmap_view_class_init (ApRoadmapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const zoom_actions[] = {
    "roadmap.zoom-in", "roadmap.zoom-out", "roadmap.zoom-reset", "roadmap.zoom-fit",
  };

  object_class->dispose = ap_roadmap_view_dispose;
  object_class->get_property = ap_roadmap_view_get_property;
  object_class->set_property = ap_roadmap_view_set_property;

  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "canvas",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AP_TYPE_ROADMAP_OUTLINE);
  g_type_ensure (AP_TYPE_HISTORY_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ap-roadmap-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, box);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, find_button);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, history_toggle);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, organizations_button);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, stages_button);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, initiatives_button);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, match_label);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, clear_button);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, flap);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, canvas_scroller);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, outline);
  gtk_widget_class_bind_template_child (widget_class, ApRoadmapView, history_panel);

  gtk_widget_class_install_action (widget_class, "roadmap.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "roadmap.clear-filter", NULL, clear_filter_action);
  gtk_widget_class_install_action (widget_class, "roadmap.new-card", NULL, new_card_action);
  gtk_widget_class_install_action (widget_class, "roadmap.toggle-history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "roadmap.copy-history", NULL, copy_history_action);
  gtk_widget_class_install_action (widget_class, "roadmap.structure", NULL, structure_action);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_actions); i++)
    gtk_widget_class_install_action (widget_class, zoom_actions[i], NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "roadmap.mode", "mode");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
connect_editing_signals (ApRoadmapView *self,
                         GtkWidget     *source)
{
  g_signal_connect (source, "card-activated", G_CALLBACK (on_card_activated_cb), self);
  g_signal_connect (source, "new-card-requested", G_CALLBACK (on_new_card_requested_cb), self);
  g_signal_connect (source, "cards-deleted", G_CALLBACK (on_cards_deleted_cb), self);
}

static void
init_canvas (ApRoadmapView *self)
{
  self->canvas = AP_ROADMAP_CANVAS (ap_roadmap_canvas_new ());
  ap_roadmap_canvas_set_filter (self->canvas, self->filter);
  gtk_scrolled_window_set_child (self->canvas_scroller, GTK_WIDGET (self->canvas));
  connect_editing_signals (self, GTK_WIDGET (self->canvas));
  g_signal_connect (self->canvas, "notify::zoom", G_CALLBACK (on_zoom_changed_cb), self);
  g_signal_connect (self->canvas, "selection-changed", G_CALLBACK (on_canvas_selection_changed_cb), self);
  on_zoom_changed_cb (self->canvas, NULL, self);
}

static void
ap_roadmap_view_init (ApRoadmapView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mode = g_strdup ("canvas");
  self->filter = ap_card_filter_new ();
  ap_roadmap_outline_set_filter (self->outline, self->filter);
  g_signal_connect (self->filter, "changed", G_CALLBACK (on_filter_changed_cb), self);
  connect_editing_signals (self, GTK_WIDGET (self->outline));
  g_signal_connect (self->outline, "selection-changed", G_CALLBACK (on_outline_selection_changed_cb), self);
  init_canvas (self);

  g_object_bind_property (self->find_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->history_toggle, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (on_stop_search_cb), self);

  g_object_set_data (G_OBJECT (self->organizations_button), "ap-kind", GUINT_TO_POINTER (AP_ENTITY_ORGANIZATION));
  g_object_set_data (G_OBJECT (self->stages_button), "ap-kind", GUINT_TO_POINTER (AP_ENTITY_STAGE));
  g_object_set_data (G_OBJECT (self->initiatives_button), "ap-kind", GUINT_TO_POINTER (AP_ENTITY_INITIATIVE));
  gtk_menu_button_set_create_popup_func (self->organizations_button, create_filter_popup_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->stages_button, create_filter_popup_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->initiatives_button, create_filter_popup_cb, self, NULL);

  g_signal_connect (self->history_panel, "card-activated", G_CALLBACK (on_history_card_activated_cb), self);
  g_signal_connect (self->history_panel, "copied", G_CALLBACK (on_history_copied_cb), self);
  add_shortcuts (self);
  update_match_label (self);
  update_page (self);
}

/* Public API. */

GtkWidget *
ap_roadmap_view_new (void)
{
  return g_object_new (AP_TYPE_ROADMAP_VIEW, NULL);
}

void
ap_roadmap_view_set_plan (ApRoadmapView *self,
                          ApPlan        *plan)
{
  g_return_if_fail (AP_IS_ROADMAP_VIEW (self));
  g_return_if_fail (plan == NULL || AP_IS_PLAN (plan));

  if (self->plan == plan)
    return;
  disconnect_plan (self);
  g_set_object (&self->plan, plan);
  /* Filters name rows of the plan shown before. */
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  ap_card_filter_clear (self->filter);
  ap_roadmap_outline_set_plan (self->outline, plan);
  ap_history_panel_set_plan (self->history_panel, plan);
  self->current_card = 0;
  ap_roadmap_canvas_set_plan (self->canvas, plan);
  if (plan != NULL)
    g_signal_connect (ap_plan_get_cards (plan), "items-changed", G_CALLBACK (on_cards_changed_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roadmap.new-card", plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roadmap.structure", plan != NULL);
  update_page (self);
  update_match_label (self);
}

ApPlan *
ap_roadmap_view_get_plan (ApRoadmapView *self)
{
  g_return_val_if_fail (AP_IS_ROADMAP_VIEW (self), NULL);
  return self->plan;
}

ApCardFilter *
ap_roadmap_view_get_filter (ApRoadmapView *self)
{
  g_return_val_if_fail (AP_IS_ROADMAP_VIEW (self), NULL);
  return self->filter;
}

ApRoadmapOutline *
ap_roadmap_view_get_outline (ApRoadmapView *self)
{
  g_return_val_if_fail (AP_IS_ROADMAP_VIEW (self), NULL);
  return self->outline;
}

ApHistoryPanel *
ap_roadmap_view_get_history_panel (ApRoadmapView *self)
{
  g_return_val_if_fail (AP_IS_ROADMAP_VIEW (self), NULL);
  return self->history_panel;
}

const char *
ap_roadmap_view_get_mode (ApRoadmapView *self)
{
  g_return_val_if_fail (AP_IS_ROADMAP_VIEW (self), NULL);
  return self->mode;
}

/* Shows the canvas ("canvas") or the outline ("outline"). */
void
ap_roadmap_view_set_mode (ApRoadmapView *self,
                          const char    *mode)
{
  g_return_if_fail (AP_IS_ROADMAP_VIEW (self));

  if (g_strcmp0 (mode, "canvas") != 0 && g_strcmp0 (mode, "outline") != 0)
    return;
  if (g_strcmp0 (self->mode, mode) == 0)
    return;
  g_free (self->mode);
  self->mode = g_strdup (mode);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

/**
 * ap_roadmap_view_edit_card:
 * @card_id: the card, or 0 for a new one
 * @period_id: a new card's period (0: the first)
 * @step_id: a new card's step (0: the first)
 *
 * Returns: (transfer none): the card editor, not shown yet
 */
ApCardEditor *
ap_roadmap_view_edit_card (ApRoadmapView *self,
                           gint64         card_id,
                           gint64         period_id,
                           gint64         step_id)
{
  GtkRoot *root;
  ApCardEditor *editor;

  g_return_val_if_fail (AP_IS_ROADMAP_VIEW (self), NULL);
  g_return_val_if_fail (self->plan != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = ap_card_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->plan,
                               card_id, period_id, step_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  return editor;
}

/* Returns: (transfer none): the structure editor, not shown yet */
GtkWindow *
ap_roadmap_view_edit_structure (ApRoadmapView *self)
{
  GtkRoot *root;

  g_return_val_if_fail (AP_IS_ROADMAP_VIEW (self), NULL);

  if (self->plan == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_WINDOW (ap_structure_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->plan));
}

/* Selects the card on the canvas and in the outline, and scrolls to it. */
void
ap_roadmap_view_show_card (ApRoadmapView *self,
                           gint64         card_id)
{
  g_return_if_fail (AP_IS_ROADMAP_VIEW (self));

  /* The outline may not list the card (the find bar hides it); the canvas still has it. */
  self->current_card = card_id;
  self->syncing = TRUE;
  ap_roadmap_outline_select_card (self->outline, card_id);
  select_on_canvas (self, card_id);
  self->syncing = FALSE;
}
