/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-roadmap-canvas-private.h"

#define ZOOM_STEP 1.25

typedef enum
{
  DIR_LEFT,
  DIR_RIGHT,
  DIR_UP,
  DIR_DOWN,
} Direction;

static gboolean
parse_direction (GVariant  *parameter,
                 Direction *dir)
{
  static const char * const names[] = { "left", "right", "up", "down" };
  const char *name = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      {
        *dir = i;
        return TRUE;
      }
  return FALSE;
}

/* Screen readers speak the canvas's description when it changes. GTK 4.8 has no way to
 * announce anything else, and a description set to what it already was changes
 * nothing: it is cleared first, so that pressing Alt+Left twice at the edge is heard
 * twice. */
void
ap_roadmap_canvas_announce (ApRoadmapCanvas *self,
                            const char      *text)
{
  g_free (self->announcement);
  self->announcement = g_strdup (text);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

char *
ap_roadmap_canvas_describe_place (ApRoadmapCanvas *self,
                                  gint64           period_id,
                                  gint64           step_id)
{
  ApPeriod *period = ap_row_list_lookup (ap_plan_get_periods (self->plan), period_id);
  ApStep *step = ap_row_list_lookup (ap_plan_get_steps (self->plan), step_id);

  /* Translators: a place on the roadmap: "FY22 H1, Deploy change". */
  return g_strdup_printf (_("%s, %s"), period != NULL ? ap_period_get_name (period) : "",
                          step != NULL ? ap_step_get_name (step) : "");
}

/* "Eventing Message bus, Pilot, FY22 H1, Integrate and not modify core, edX". */
char *
ap_roadmap_canvas_describe_card (ApRoadmapCanvas *self,
                                 gint64           card_id)
{
  ApCard *card = ap_row_list_lookup (ap_plan_get_cards (self->plan), card_id);
  g_autoptr(GString) text = NULL;
  g_autofree char *place = NULL;
  g_autofree char *orgs = NULL;
  const char *stage;

  if (card == NULL)
    return NULL;
  text = g_string_new (ap_card_get_title (card));
  stage = ap_plan_get_card_stage_label (self->plan, card);
  if (*stage != '\0')
    g_string_append_printf (text, ", %s", stage);
  place = ap_roadmap_canvas_describe_place (self, ap_card_get_period_id (card),
                                            ap_card_get_step_id (card));
  g_string_append_printf (text, ", %s", place);
  orgs = ap_plan_dup_card_organization_names (self->plan, card, ", ");
  if (*orgs != '\0')
    g_string_append_printf (text, ", %s", orgs);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
ap_roadmap_canvas_announce_focus (ApRoadmapCanvas *self)
{
  g_autofree char *text = NULL;

  if (self->plan == NULL || self->focus_id == 0)
    return;
  text = ap_roadmap_canvas_describe_card (self, self->focus_id);
  if (text != NULL)
    ap_roadmap_canvas_announce (self, text);
}

/* The first card in column @col at or after (or before, going up) row @row. */
static const ApRoadmapCardBox *
card_in_column (ApRoadmapLayout *layout,
                int              row,
                guint            col,
                int              step,
                gboolean         last)
{
  for (; row >= 0 && row < (int) ap_roadmap_layout_get_n_rows (layout); row += step)
    {
      const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (layout, row, col);

      if (cell->n_cards > 0)
        return ap_roadmap_layout_get_card_at (layout, cell->first_card +
                                                      (last ? cell->n_cards - 1 : 0));
    }
  return NULL;
}

/* The card nearest to @from's height in the first non-empty cell of its row going
 * left or right. */
static const ApRoadmapCardBox *
card_beside (ApRoadmapLayout        *layout,
             const ApRoadmapCardBox *from,
             int                     step)
{
  for (int col = (int) from->column + step;
       col >= 0 && col < (int) ap_roadmap_layout_get_n_columns (layout); col += step)
    {
      const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (layout, from->row, col);
      const ApRoadmapCardBox *best = NULL;

      for (guint i = 0; i < cell->n_cards; i++)
        {
          const ApRoadmapCardBox *box = ap_roadmap_layout_get_card_at (layout, cell->first_card + i);

          if (best == NULL || fabs (box->rect.y - from->rect.y) < fabs (best->rect.y - from->rect.y))
            best = box;
        }
      if (best != NULL)
        return best;
    }
  return NULL;
}

static const ApRoadmapCardBox *
neighbour (ApRoadmapLayout        *layout,
           const ApRoadmapCardBox *from,
           Direction               dir)
{
  const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (layout, from->row, from->column);

  switch (dir)
    {
    case DIR_LEFT:
      return card_beside (layout, from, -1);
    case DIR_RIGHT:
      return card_beside (layout, from, 1);
    case DIR_UP:
      if (from->index > 0)
        return ap_roadmap_layout_get_card_at (layout, cell->first_card + from->index - 1);
      return card_in_column (layout, (int) from->row - 1, from->column, -1, TRUE);
    case DIR_DOWN:
    default:
      if (from->index + 1 < cell->n_cards)
        return ap_roadmap_layout_get_card_at (layout, cell->first_card + from->index + 1);
      return card_in_column (layout, from->row + 1, from->column, 1, FALSE);
    }
}

static void
focus_move_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (widget);
  const ApRoadmapCardBox *from, *to;
  Direction dir;

  ap_roadmap_canvas_ensure_layout (self);
  if (!parse_direction (parameter, &dir) || ap_roadmap_layout_get_n_cards (self->layout) == 0)
    return;
  from = ap_roadmap_layout_find_card (self->layout, self->focus_id);
  to = from != NULL ? neighbour (self->layout, from, dir)
                    : ap_roadmap_layout_get_card_at (self->layout, 0);
  if (to == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  ap_roadmap_canvas_select_card (self, to->card_id);
}

static const char * const edge_messages[] = {
  N_("Cannot move further left"),
  N_("Cannot move further right"),
  N_("Cannot move further up"),
  N_("Cannot move further down"),
};

static void
move_focused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (widget);
  const ApRoadmapCardBox *box;
  guint row, column, index, n;
  Direction dir;

  ap_roadmap_canvas_ensure_layout (self);
  box = ap_roadmap_layout_find_card (self->layout, self->focus_id);
  if (box == NULL || !parse_direction (parameter, &dir))
    return;
  row = box->row;
  column = box->column;
  n = ap_roadmap_layout_get_cell (self->layout, row, column)->n_cards;
  /* Insertion indexes count the moved card itself: below it is index + 2. */
  if (dir == DIR_LEFT || dir == DIR_RIGHT)
    {
      if ((dir == DIR_LEFT && column == 0) ||
          (dir == DIR_RIGHT && column + 1 >= ap_roadmap_layout_get_n_columns (self->layout)))
        goto edge;
      column += dir == DIR_LEFT ? -1 : 1;
      index = MIN (box->index, ap_roadmap_layout_get_cell (self->layout, row, column)->n_cards);
    }
  else if (dir == DIR_UP)
    {
      if (box->index > 0)
        index = box->index - 1;
      else if (row > 0)
        index = ap_roadmap_layout_get_cell (self->layout, --row, column)->n_cards;
      else
        goto edge;
    }
  else
    {
      if (box->index + 1 < n)
        index = box->index + 2;
      else if (row + 1 < ap_roadmap_layout_get_n_rows (self->layout))
        index = 0, row++;
      else
        goto edge;
    }
  ap_roadmap_canvas_move_cards_to (self, &self->focus_id, 1, row, column, index);
  return;

edge:
  /* The bell alone says nothing to someone who cannot see that the card did not move. */
  gtk_widget_error_bell (widget);
  ap_roadmap_canvas_announce (self, _(edge_messages[dir]));
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (widget);

  if (self->focus_id != 0)
    ap_roadmap_canvas_emit_card_activated (self, self->focus_id);
}

static void
delete_selection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (widget);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->plan == NULL || self->selection->len == 0)
    return;
  ids = g_array_copy (self->selection);
  if (!ap_plan_delete_cards (self->plan, (const gint64 *) (gpointer) ids->data, ids->len, &error))
    {
      g_warning ("Could not delete the cards: %s", error->message);
      ap_roadmap_canvas_announce (self, error->message);
      return;
    }
  message = g_strdup_printf (ngettext ("Deleted %u card", "Deleted %u cards", ids->len), ids->len);
  ap_roadmap_canvas_announce (self, message);
  ap_roadmap_canvas_emit_cards_deleted (self, ids->len);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ApRoadmapCanvas *self = AP_ROADMAP_CANVAS (widget);
  double w = gtk_widget_get_width (widget) / 2.0, h = gtk_widget_get_height (widget) / 2.0;

  if (g_str_equal (action_name, "canvas.zoom-in"))
    ap_roadmap_canvas_zoom_at (self, self->zoom * ZOOM_STEP, w, h);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    ap_roadmap_canvas_zoom_at (self, self->zoom / ZOOM_STEP, w, h);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    ap_roadmap_canvas_zoom_at (self, 1.0, w, h);
  else
    ap_roadmap_canvas_zoom_to_fit (self);
}

static void
add_direction_bindings (GtkWidgetClass  *widget_class,
                        GdkModifierType  mods,
                        const char      *action)
{
  static const struct { guint key, kp; const char *dir; } keys[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, "left" },
    { GDK_KEY_Right, GDK_KEY_KP_Right, "right" },
    { GDK_KEY_Up, GDK_KEY_KP_Up, "up" },
    { GDK_KEY_Down, GDK_KEY_KP_Down, "down" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, keys[i].key, mods, action, "s", keys[i].dir);
      gtk_widget_class_add_binding_action (widget_class, keys[i].kp, mods, action, "s", keys[i].dir);
    }
}

void
ap_roadmap_canvas_keyboard_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.focus-move", "s", focus_move_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-focused", "s", move_focused_action);
  gtk_widget_class_install_action (widget_class, "canvas.activate-focused", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete-selection", NULL,
                                   delete_selection_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);

  add_direction_bindings (widget_class, 0, "canvas.focus-move");
  add_direction_bindings (widget_class, GDK_ALT_MASK, "canvas.move-focused");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "canvas.activate-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "canvas.activate-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_9, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
}
