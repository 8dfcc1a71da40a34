/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-outline"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-roadmap-outline.h"

/* The roadmap as a list, for people who do not use the canvas: periods in the roadmap's
 * order, each with its cards (by step, then position in the cell), filtered by the find
 * bar. It offers every action of the canvas from the keyboard: Enter edits, Alt+arrows
 * move a card to the neighbouring period or step, Delete deletes, and the context menu
 * lists them all. The rows are bound from the plan's objects; every change arrives as
 * the lists' items-changed. */

struct _ApRoadmapOutline
{
  GtkWidget           parent_instance;

  ApPlan             *plan;
  ApCardFilter       *filter;
  GPtrArray          *watched;       /* lists whose changes re-sort the rows */
  guint               resort_id;
  GHashTable         *period_counts; /* period id → matching cards; NULL when stale */
  GPtrArray          *count_labels;  /* the period rows' counts on screen (weak) */
  guint               recount_id;

  GtkCustomFilter    *match_filter;
  GtkCustomSorter    *card_sorter;
  GtkCustomSorter    *period_sorter;
  GtkFilterListModel *cards;         /* the plan's cards that match the filter */
  GtkSortListModel   *sorted_cards;
  GtkSortListModel   *periods;
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;

  gboolean            attached;      /* the models read the plan: from the first map on */
  gint64              pending_card;  /* selected while not attached */

  GtkWidget          *scroller;
  GtkListView        *list_view;
  GtkWidget          *menu;
};

G_DEFINE_FINAL_TYPE (ApRoadmapOutline, ap_roadmap_outline, GTK_TYPE_WIDGET)

enum {
  CARD_ACTIVATED,
  NEW_CARD_REQUESTED,
  CARDS_DELETED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
period_position (ApRoadmapOutline *self,
                 gint64            period_id)
{
  ApPeriod *period = ap_row_list_lookup (ap_plan_get_periods (self->plan), period_id);

  return period != NULL ? ap_period_get_position (period) : G_MAXINT64;
}

static int
compare_cards_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ApRoadmapOutline *self = user_data;
  ApCard *x = (ApCard *) a, *y = (ApCard *) b;
  gint64 px, py;
  ApStep *sx, *sy;

  if (self->plan == NULL)
    return 0;
  px = period_position (self, ap_card_get_period_id (x));
  py = period_position (self, ap_card_get_period_id (y));
  if (px != py)
    return px < py ? -1 : 1;
  sx = ap_row_list_lookup (ap_plan_get_steps (self->plan), ap_card_get_step_id (x));
  sy = ap_row_list_lookup (ap_plan_get_steps (self->plan), ap_card_get_step_id (y));
  if (sx != NULL && sy != NULL && sx != sy)
    return ap_roadmap_compare_steps (self->plan, sx, sy);
  px = ap_card_get_position (x);
  py = ap_card_get_position (y);
  if (px != py)
    return px < py ? -1 : 1;
  return (ap_object_get_id (AP_OBJECT (x)) > ap_object_get_id (AP_OBJECT (y))) -
         (ap_object_get_id (AP_OBJECT (x)) < ap_object_get_id (AP_OBJECT (y)));
}

static int
compare_periods_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  return ap_roadmap_compare_periods ((ApPeriod *) a, (ApPeriod *) b);
}

static gboolean
match_card_cb (gpointer item,
               gpointer user_data)
{
  ApRoadmapOutline *self = user_data;

  if (self->filter == NULL || self->plan == NULL)
    return TRUE;
  return ap_card_filter_matches (self->filter, self->plan, item);
}

static gboolean
in_period_cb (gpointer item,
              gpointer user_data)
{
  return ap_card_get_period_id (item) == *(gint64 *) user_data;
}

/* Each period's children: the matching cards in that period, in the outline's order. */
static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  ApRoadmapOutline *self = user_data;
  gint64 *period_id;
  GtkCustomFilter *filter;

  if (!AP_IS_PERIOD (item))
    return NULL;
  period_id = g_new (gint64, 1);
  *period_id = ap_object_get_id (AP_OBJECT (item));
  filter = gtk_custom_filter_new (in_period_cb, period_id, g_free);
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted_cards)),
                                                  GTK_FILTER (filter)));
}

/* Rows. */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class,
           gboolean    expand)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, expand);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/* The number of matching cards in each period, counted once after the cards changed
 * (a command may change thousands, one at a time), for the period rows on screen. A
 * collapsed period has no children model to count. */
static guint
count_period_cards (ApRoadmapOutline *self,
                    gint64            period_id)
{
  GListModel *cards = G_LIST_MODEL (self->cards);

  if (self->period_counts == NULL)
    {
      self->period_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
        {
          g_autoptr(ApCard) card = g_list_model_get_item (cards, i);
          gint64 id = ap_card_get_period_id (card);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->period_counts, &id));

          g_hash_table_insert (self->period_counts, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n + 1));
        }
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->period_counts, &period_id));
}

static void
update_period_count (ApRoadmapOutline *self,
                     GtkWidget        *count_label)
{
  GtkWidget *expander = gtk_widget_get_ancestor (count_label, GTK_TYPE_TREE_EXPANDER);
  const char *name = g_object_get_data (G_OBJECT (count_label), "ap-name");
  gint64 *period_id = g_object_get_data (G_OBJECT (count_label), "ap-id");
  guint n = count_period_cards (self, *period_id);
  g_autofree char *count = g_strdup_printf (ngettext ("%u card", "%u cards", n), n);
  g_autofree char *label = g_strdup_printf (_("Period: %s, %s"), name, count);

  gtk_label_set_text (GTK_LABEL (count_label), count);
  if (expander != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_count_label_finalized_cb (gpointer  user_data,
                             GObject  *label)
{
  ApRoadmapOutline *self = user_data;

  g_ptr_array_remove_fast (self->count_labels, label);
}

static gboolean
recount_cb (gpointer user_data)
{
  ApRoadmapOutline *self = user_data;

  self->recount_id = 0;
  for (guint i = 0; i < self->count_labels->len; i++)
    update_period_count (self, g_ptr_array_index (self->count_labels, i));
  return G_SOURCE_REMOVE;
}

static void
bind_period (ApRoadmapOutline *self,
             GtkWidget        *expander,
             GtkWidget        *box,
             ApPeriod         *period)
{
  gint64 id = ap_object_get_id (AP_OBJECT (period));
  GtkWidget *button, *count;

  add_label (box, ap_period_get_name (period), "heading", FALSE);
  count = add_label (box, "", "dim-label", TRUE);
  g_object_set_data_full (G_OBJECT (count), "ap-name", g_strdup (ap_period_get_name (period)), g_free);
  g_object_set_data_full (G_OBJECT (count), "ap-id", g_memdup2 (&id, sizeof id), g_free);
  /* The count follows the find bar; the label goes with the next bind. */
  g_ptr_array_add (self->count_labels, count);
  g_object_weak_ref (G_OBJECT (count), on_count_label_finalized_cb, self);
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("New Card in This Period"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "outline.new-card-in");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_box_append (GTK_BOX (box), button);
  update_period_count (self, count);
}

static void
bind_card (ApRoadmapOutline *self,
           GtkWidget        *expander,
           GtkWidget        *box,
           ApCard           *card)
{
  ApPlan *plan = self->plan;
  const char *stage = ap_plan_get_card_stage_label (plan, card);
  ApPeriod *in_period = ap_row_list_lookup (ap_plan_get_periods (plan), ap_card_get_period_id (card));
  ApStep *in_step = ap_row_list_lookup (ap_plan_get_steps (plan), ap_card_get_step_id (card));
  const char *period = in_period != NULL ? ap_period_get_name (in_period) : "";
  const char *step = in_step != NULL ? ap_step_get_name (in_step) : "";
  g_autofree char *orgs = ap_plan_dup_card_organization_names (plan, card, ", ");
  g_autofree char *meta = *orgs != '\0' ? g_strdup_printf ("%s · %s", step, orgs) : g_strdup (step);
  g_autofree char *label = NULL;
  GtkWidget *title;

  title = add_label (box, ap_card_get_title (card), NULL, TRUE);
  gtk_widget_set_tooltip_text (title, ap_card_get_title (card));
  if (*stage != '\0')
    gtk_widget_add_css_class (add_label (box, stage, "caption-heading", FALSE), "accent");
  add_label (box, meta, "dim-label", FALSE);
  label = g_strdup_printf (_("Card: %s, %s, %s, %s"), ap_card_get_title (card),
                           *stage != '\0' ? stage : _("no stage"), period, step);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             ApRoadmapOutline         *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_end (box, 12);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            ApRoadmapOutline         *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  gpointer item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  clear_box (box);
  g_object_set_data (G_OBJECT (expander), "ap-list-item", list_item);
  if (AP_IS_PERIOD (item) && self->plan != NULL)
    bind_period (self, expander, box, item);
  else if (AP_IS_CARD (item) && self->plan != NULL)
    bind_card (self, expander, box, item);
  g_clear_object (&item);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ApRoadmapOutline         *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
  g_object_set_data (G_OBJECT (expander), "ap-list-item", NULL);
}

/* Selection. */

static gpointer
dup_row_item (ApRoadmapOutline *self,
              guint             position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

/* The remembered selection while not attached, if its card is still listed. */
static ApCard *
pending_card (ApRoadmapOutline *self)
{
  ApCard *card = self->plan != NULL && self->pending_card != 0
                 ? ap_row_list_lookup (ap_plan_get_cards (self->plan), self->pending_card) : NULL;

  return card != NULL && match_card_cb (card, self) ? card : NULL;
}

static ApCard *
dup_selected_card (ApRoadmapOutline *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  gpointer item;

  if (!self->attached)
    return pending_card (self) != NULL ? g_object_ref (pending_card (self)) : NULL;
  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = dup_row_item (self, position);
  if (AP_IS_CARD (item))
    return item;
  g_clear_object (&item);
  return NULL;
}

static void
update_actions (ApRoadmapOutline *self)
{
  g_autoptr(ApCard) card = dup_selected_card (self);
  const char *card_actions[] = {
    "outline.edit", "outline.delete", "outline.move-earlier", "outline.move-later",
    "outline.move-left", "outline.move-right",
  };

  for (guint i = 0; i < G_N_ELEMENTS (card_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), card_actions[i], card != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outline.new-card", self->plan != NULL);
}

static void
on_selected_cb (GtkSingleSelection *selection,
                GParamSpec         *pspec,
                ApRoadmapOutline   *self)
{
  update_actions (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
on_activate_cb (GtkListView      *list_view,
                guint             position,
                ApRoadmapOutline *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  gpointer item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (AP_IS_CARD (item))
    g_signal_emit (self, signals[CARD_ACTIVATED], 0, ap_object_get_id (item));
  else if (row != NULL)
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  g_clear_object (&item);
}

/* Actions. */

/* The id of the neighbour of @id in @kind's roadmap order, or 0 at either end. */
static gint64
neighbour_id (ApPlan       *plan,
              ApEntityKind  kind,
              gint64        id,
              int           delta)
{
  g_autoptr(GPtrArray) items = ap_roadmap_dup_sorted (plan, kind);

  for (guint i = 0; i < items->len; i++)
    if (ap_object_get_id (g_ptr_array_index (items, i)) == id)
      {
        gint64 j = (gint64) i + delta;

        if (j < 0 || j >= items->len)
          return 0;
        return ap_object_get_id (g_ptr_array_index (items, j));
      }
  return 0;
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ApRoadmapOutline *self = AP_ROADMAP_OUTLINE (widget);
  g_autoptr(ApCard) card = dup_selected_card (self);

  if (card != NULL)
    g_signal_emit (self, signals[CARD_ACTIVATED], 0, ap_object_get_id (AP_OBJECT (card)));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ApRoadmapOutline *self = AP_ROADMAP_OUTLINE (widget);
  g_autoptr(ApCard) card = dup_selected_card (self);
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr(GError) error = NULL;

  if (card == NULL)
    return;
  if (!ap_plan_delete_card (self->plan, ap_object_get_id (AP_OBJECT (card)), &error))
    {
      g_warning ("Could not delete a card: %s", error->message);
      return;
    }
  /* The focus stays where the card was, so Delete can go on down the list. */
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->tree)))
    gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[CARDS_DELETED], 0, 1u);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ApRoadmapOutline *self = AP_ROADMAP_OUTLINE (widget);

  if (g_str_equal (action_name, "outline.move-earlier"))
    ap_roadmap_outline_move_selected (self, -1, 0);
  else if (g_str_equal (action_name, "outline.move-later"))
    ap_roadmap_outline_move_selected (self, 1, 0);
  else if (g_str_equal (action_name, "outline.move-left"))
    ap_roadmap_outline_move_selected (self, 0, -1);
  else
    ap_roadmap_outline_move_selected (self, 0, 1);
}

/* A new card goes where the selection is: the selected card's cell, or the first step
 * of the selected period. */
static void
new_card_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ApRoadmapOutline *self = AP_ROADMAP_OUTLINE (widget);
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr(GObject) item = position != GTK_INVALID_LIST_POSITION ? dup_row_item (self, position) : NULL;
  gint64 period_id = 0, step_id = 0;

  if (parameter != NULL)
    period_id = g_variant_get_int64 (parameter);
  else if (AP_IS_CARD (item))
    {
      period_id = ap_card_get_period_id (AP_CARD (item));
      step_id = ap_card_get_step_id (AP_CARD (item));
    }
  else if (AP_IS_PERIOD (item))
    period_id = ap_object_get_id (AP_OBJECT (item));
  g_signal_emit (self, signals[NEW_CARD_REQUESTED], 0, period_id, step_id);
}

/* The context menu opens on the row under the pointer, selecting it first. */
static void
on_secondary_pressed_cb (GtkGestureClick  *gesture,
                         int               n_press,
                         double            x,
                         double            y,
                         ApRoadmapOutline *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  GtkListItem *list_item = NULL;
  graphene_point_t point;

  for (; picked != NULL && list_item == NULL; picked = gtk_widget_get_parent (picked))
    list_item = g_object_get_data (G_OBJECT (picked), "ap-list-item");
  if (list_item != NULL)
    gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
  if (!gtk_widget_compute_point (GTK_WIDGET (self->list_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { point.x, point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static GMenuModel *
new_context_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();

  g_menu_append (section, _("_Edit…"), "outline.edit");
  g_menu_append (section, _("_New Card…"), "outline.new-card");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  section = g_menu_new ();
  g_menu_append (section, _("Move to _Earlier Period"), "outline.move-earlier");
  g_menu_append (section, _("Move to _Later Period"), "outline.move-later");
  g_menu_append (section, _("Move to _Previous Step"), "outline.move-left");
  g_menu_append (section, _("Move to Ne_xt Step"), "outline.move-right");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  section = g_menu_new ();
  g_menu_append (section, _("_Delete"), "outline.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

/* Model changes. */

/* Cards re-sort themselves as they change; a period, step or activity moving re-sorts
 * everything, once, after the command. */
static gboolean
resort_cb (gpointer user_data)
{
  ApRoadmapOutline *self = user_data;

  self->resort_id = 0;
  gtk_sorter_changed (GTK_SORTER (self->period_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->card_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  return G_SOURCE_REMOVE;
}

static void
on_structure_changed_cb (GListModel       *list,
                         guint             position,
                         guint             removed,
                         guint             added,
                         ApRoadmapOutline *self)
{
  if (self->resort_id == 0)
    self->resort_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, resort_cb, self, NULL);
}

static void
on_matching_cards_changed_cb (GListModel       *cards,
                              guint             position,
                              guint             removed,
                              guint             added,
                              ApRoadmapOutline *self)
{
  g_clear_pointer (&self->period_counts, g_hash_table_unref);
  if (self->recount_id == 0)
    self->recount_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, recount_cb, self, NULL);
}

static void
on_filter_changed_cb (ApCardFilter     *filter,
                      ApRoadmapOutline *self)
{
  gtk_filter_changed (GTK_FILTER (self->match_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
unwatch (ApRoadmapOutline *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          on_structure_changed_cb, self);
  g_ptr_array_set_size (self->watched, 0);
}

/* Reading, filtering and sorting a big plan's cards into periods takes a while (half a
 * second for 20,000), and the outline is not what a window opens on: the models take
 * the plan when the outline is first shown, or first asked for its rows. Until then a
 * selection is only remembered. */
static void
attach_models (ApRoadmapOutline *self)
{
  gint64 pending = self->pending_card;

  if (self->attached || self->plan == NULL)
    return;
  self->attached = TRUE;
  self->pending_card = 0;
  gtk_filter_list_model_set_model (self->cards, G_LIST_MODEL (ap_plan_get_cards (self->plan)));
  gtk_sort_list_model_set_model (self->periods, G_LIST_MODEL (ap_plan_get_periods (self->plan)));
  if (pending != 0)
    ap_roadmap_outline_select_card (self, pending);
}

static void
ap_roadmap_outline_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ap_roadmap_outline_parent_class)->map (widget);
  attach_models (AP_ROADMAP_OUTLINE (widget));
}

/* Set-up. */

static void
ap_roadmap_outline_dispose (GObject *object)
{
  ApRoadmapOutline *self = AP_ROADMAP_OUTLINE (object);

  g_clear_handle_id (&self->resort_id, g_source_remove);
  if (self->watched != NULL)
    unwatch (self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->period_counts, g_hash_table_unref);
  g_clear_handle_id (&self->recount_id, g_source_remove);
  for (guint i = 0; self->count_labels != NULL && i < self->count_labels->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->count_labels, i), on_count_label_finalized_cb, self);
  g_clear_pointer (&self->count_labels, g_ptr_array_unref);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  self->list_view = NULL;
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, on_filter_changed_cb, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->periods);
  g_clear_object (&self->sorted_cards);
  g_clear_object (&self->cards);
  g_clear_object (&self->match_filter);
  g_clear_object (&self->card_sorter);
  g_clear_object (&self->period_sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (ap_roadmap_outline_parent_class)->dispose (object);
}

static void
add_binding (GtkWidgetClass *widget_class,
             guint           keyval,
             GdkModifierType mods,
             const char     *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, action, NULL);
}

static void
ap_roadmap_outline_class_init (ApRoadmapOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ap_roadmap_outline_dispose;

  signals[CARD_ACTIVATED] =
    g_signal_new ("card-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[NEW_CARD_REQUESTED] =
    g_signal_new ("new-card-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[CARDS_DELETED] =
    g_signal_new ("cards-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "outline.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "outline.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "outline.move-earlier", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "outline.move-later", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "outline.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "outline.move-right", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "outline.new-card", NULL, new_card_action);
  gtk_widget_class_install_action (widget_class, "outline.new-card-in", "x", new_card_action);

  add_binding (widget_class, GDK_KEY_Delete, 0, "outline.delete");
  add_binding (widget_class, GDK_KEY_KP_Delete, 0, "outline.delete");
  add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "outline.move-earlier");
  add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "outline.move-later");
  add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "outline.move-left");
  add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "outline.move-right");

  widget_class->map = ap_roadmap_outline_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roadmap-outline");
}

static void
init_models (ApRoadmapOutline *self)
{
  self->match_filter = gtk_custom_filter_new (match_card_cb, self, NULL);
  self->card_sorter = gtk_custom_sorter_new (compare_cards_cb, self, NULL);
  self->period_sorter = gtk_custom_sorter_new (compare_periods_cb, self, NULL);
  self->cards = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->match_filter)));
  /* First of the handlers on the matching cards: the period rows count after it. */
  g_signal_connect (self->cards, "items-changed", G_CALLBACK (on_matching_cards_changed_cb), self);
  self->sorted_cards = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->cards)),
                                                g_object_ref (GTK_SORTER (self->card_sorter)));
  self->periods = gtk_sort_list_model_new (NULL, g_object_ref (GTK_SORTER (self->period_sorter)));
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->periods)), FALSE, TRUE,
                                        create_children_cb, self, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selected_cb), self);
}

static void
ap_roadmap_outline_init (ApRoadmapOutline *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GMenuModel) menu = new_context_menu ();
  GtkGesture *gesture;

  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->count_labels = g_ptr_array_new ();
  init_models (self);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (self->selection)),
                                                      g_object_ref (factory)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Roadmap outline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Periods and their cards. Enter edits a card, Alt+arrows move it, Delete deletes it."),
                                  -1);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate_cb), self);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list_view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->menu = gtk_popover_menu_new_from_model (menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (gesture));
  update_actions (self);
}

/* Public API. */

GtkWidget *
ap_roadmap_outline_new (void)
{
  return g_object_new (AP_TYPE_ROADMAP_OUTLINE, NULL);
}

void
ap_roadmap_outline_set_plan (ApRoadmapOutline *self,
                             ApPlan           *plan)
{
  ApRowList *(*structure[]) (ApPlan *) = {
    ap_plan_get_periods, ap_plan_get_steps, ap_plan_get_activities,
    ap_plan_get_stages, ap_plan_get_organizations,
  };

  g_return_if_fail (AP_IS_ROADMAP_OUTLINE (self));
  g_return_if_fail (plan == NULL || AP_IS_PLAN (plan));

  if (self->plan == plan)
    return;
  unwatch (self);
  g_set_object (&self->plan, plan);
  self->attached = FALSE;
  self->pending_card = 0;
  gtk_filter_list_model_set_model (self->cards, NULL);
  gtk_sort_list_model_set_model (self->periods, NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    attach_models (self);
  for (guint i = 0; plan != NULL && i < G_N_ELEMENTS (structure); i++)
    {
      ApRowList *list = structure[i] (plan);

      g_ptr_array_add (self->watched, g_object_ref (list));
      g_signal_connect (list, "items-changed", G_CALLBACK (on_structure_changed_cb), self);
    }
  update_actions (self);
}

void
ap_roadmap_outline_set_filter (ApRoadmapOutline *self,
                               ApCardFilter     *filter)
{
  g_return_if_fail (AP_IS_ROADMAP_OUTLINE (self));

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, on_filter_changed_cb, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect (filter, "changed", G_CALLBACK (on_filter_changed_cb), self);
  on_filter_changed_cb (filter, self);
}

/* The number of cards the outline lists: those that match the filter. */
guint
ap_roadmap_outline_get_n_cards (ApRoadmapOutline *self)
{
  GListModel *cards;
  guint n = 0;

  g_return_val_if_fail (AP_IS_ROADMAP_OUTLINE (self), 0);
  if (self->attached || self->plan == NULL)
    return g_list_model_get_n_items (G_LIST_MODEL (self->cards));
  cards = G_LIST_MODEL (ap_plan_get_cards (self->plan));
  if (self->filter == NULL || ap_card_filter_is_empty (self->filter))
    return g_list_model_get_n_items (cards);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(ApCard) card = g_list_model_get_item (cards, i);

      n += match_card_cb (card, self);
    }
  return n;
}

/* The rows as shown: GtkTreeListRows of periods and cards. */
GListModel *
ap_roadmap_outline_get_rows (ApRoadmapOutline *self)
{
  g_return_val_if_fail (AP_IS_ROADMAP_OUTLINE (self), NULL);
  attach_models (self);
  return G_LIST_MODEL (self->tree);
}

gint64
ap_roadmap_outline_get_selected_card (ApRoadmapOutline *self)
{
  g_autoptr(ApCard) card = NULL;

  g_return_val_if_fail (AP_IS_ROADMAP_OUTLINE (self), 0);
  card = dup_selected_card (self);
  return card != NULL ? ap_object_get_id (AP_OBJECT (card)) : 0;
}

/**
 * ap_roadmap_outline_select_card:
 *
 * Selects the card's row, opening its period if needed, and scrolls to it. A card the
 * outline does not list (0, or one the filter hides) leaves no row selected.
 *
 * Returns: whether the card is listed (it may exist but not match the filter)
 */
gboolean
ap_roadmap_outline_select_card (ApRoadmapOutline *self,
                                gint64            card_id)
{
  ApCard *card;
  GListModel *rows;

  g_return_val_if_fail (AP_IS_ROADMAP_OUTLINE (self), FALSE);

  card = self->plan != NULL && card_id != 0 ? ap_row_list_lookup (ap_plan_get_cards (self->plan), card_id) : NULL;
  if (!self->attached)
    {
      gint64 before = self->pending_card;

      self->pending_card = card != NULL && match_card_cb (card, self) ? card_id : 0;
      if (self->pending_card != before)
        {
          update_actions (self);
          g_signal_emit (self, signals[SELECTION_CHANGED], 0);
        }
      return self->pending_card != 0;
    }
  if (card == NULL || !match_card_cb (card, self))
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return FALSE;
    }
  rows = G_LIST_MODEL (self->tree);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (AP_IS_PERIOD (item) &&
          ap_object_get_id (AP_OBJECT (item)) == ap_card_get_period_id (card))
        gtk_tree_list_row_set_expanded (row, TRUE);
      else if (AP_IS_CARD (item) && ap_object_get_id (AP_OBJECT (item)) == card_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  return FALSE;
}

/* The period of the selected row: a period's own, or a card's. 0 without a selection. */
gint64
ap_roadmap_outline_get_selected_period (ApRoadmapOutline *self)
{
  guint position;
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (AP_IS_ROADMAP_OUTLINE (self), 0);

  if (!self->attached)
    return pending_card (self) != NULL ? ap_card_get_period_id (pending_card (self)) : 0;
  position = gtk_single_selection_get_selected (self->selection);
  item = position != GTK_INVALID_LIST_POSITION ? dup_row_item (self, position) : NULL;
  if (AP_IS_PERIOD (item))
    return ap_object_get_id (AP_OBJECT (item));
  if (AP_IS_CARD (item))
    return ap_card_get_period_id (AP_CARD (item));
  return 0;
}

/**
 * ap_roadmap_outline_move_selected:
 * @d_period: -1 for the earlier period, 1 for the later one, or 0
 * @d_step: -1 for the previous step, 1 for the next one, or 0
 *
 * Moves the selected card to the neighbouring cell (one command) and keeps it selected.
 *
 * Returns: whether it moved
 */
gboolean
ap_roadmap_outline_move_selected (ApRoadmapOutline *self,
                                  int               d_period,
                                  int               d_step)
{
  g_autoptr(ApCard) card = NULL;
  g_autoptr(GError) error = NULL;
  gint64 card_id, period_id, step_id;

  g_return_val_if_fail (AP_IS_ROADMAP_OUTLINE (self), FALSE);

  if ((card = dup_selected_card (self)) == NULL)
    return FALSE;
  card_id = ap_object_get_id (AP_OBJECT (card));
  period_id = ap_card_get_period_id (card);
  step_id = ap_card_get_step_id (card);
  if (d_period != 0)
    period_id = neighbour_id (self->plan, AP_ENTITY_PERIOD, period_id, d_period);
  if (d_step != 0)
    step_id = neighbour_id (self->plan, AP_ENTITY_STEP, step_id, d_step);
  if (period_id == 0 || step_id == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  if (!ap_plan_move_card (self->plan, card_id, period_id, step_id, G_MAXUINT, &error))
    {
      g_warning ("Could not move a card: %s", error->message);
      return FALSE;
    }
  ap_roadmap_outline_select_card (self, card_id);
  return TRUE;
}
