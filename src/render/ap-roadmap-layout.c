/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "ap-roadmap-layout-private.h"

G_DEFINE_FINAL_TYPE (ApRoadmapLayout, ap_roadmap_layout, G_TYPE_OBJECT)

gboolean
ap_rgba_parse (ApRgba     *rgba,
               const char *spec)
{
  unsigned r, g, b;

  if (spec == NULL || sscanf (spec, "#%02x%02x%02x", &r, &g, &b) != 3)
    return FALSE;
  *rgba = (ApRgba) { r / 255.f, g / 255.f, b / 255.f, 1.f };
  return TRUE;
}

ApRoadmapLod
ap_roadmap_lod_for_zoom (double zoom)
{
  if (zoom < AP_ROADMAP_LOD_CELLS_BELOW)
    return AP_ROADMAP_LOD_CELLS;
  if (zoom < AP_ROADMAP_LOD_BLOCKS_BELOW)
    return AP_ROADMAP_LOD_BLOCKS;
  return AP_ROADMAP_LOD_FULL;
}

static void
clear_card_box (gpointer data)
{
  ApRoadmapCardBox *box = data;

  g_clear_object (&box->title);
  g_clear_object (&box->badge);
  g_clear_pointer (&box->chips, g_free);
}

static void
clear_headers (ApRoadmapLayout *self)
{
  for (guint i = 0; i < self->activities->len; i++)
    g_clear_object (&g_array_index (self->activities, ApRoadmapActivityBox, i).label);
  for (guint i = 0; i < self->columns->len; i++)
    g_clear_object (&g_array_index (self->columns, ApRoadmapColumnBox, i).label);
  for (guint i = 0; i < self->rows->len; i++)
    g_clear_object (&g_array_index (self->rows, ApRoadmapRowBox, i).label);
  for (guint i = 0; i < self->legend->len; i++)
    g_clear_object (&g_array_index (self->legend, ApRoadmapLegendItem, i).label);
  g_array_set_size (self->activities, 0);
  g_array_set_size (self->columns, 0);
  g_array_set_size (self->rows, 0);
  g_array_set_size (self->legend, 0);
  g_array_set_size (self->cells, 0);
}

static PangoLayout *
make_text (ApRoadmapLayout            *self,
           const char                 *text,
           const PangoFontDescription *font,
           double                      width,
           int                         max_lines)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      /* A negative height is a number of lines: past it, the text is ellipsized. */
      pango_layout_set_height (layout, -max_lines);
    }
  return layout;
}

static double
text_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

/* The list's objects sorted by their "position" property: the lists are in row id
 * order, the map is in the user's order. */
static gint
compare_position (gconstpointer a,
                  gconstpointer b)
{
  gint64 pa, pb;

  g_object_get (*(GObject **) a, "position", &pa, NULL);
  g_object_get (*(GObject **) b, "position", &pb, NULL);
  return pa < pb ? -1 : pa > pb;
}

static GPtrArray *
sorted_items (ApRowList *list)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (list), i));
  g_ptr_array_sort (items, compare_position);
  return items;
}

static void
layout_columns (ApRoadmapLayout *self,
                ApPlan          *plan)
{
  g_autoptr(GPtrArray) activities = sorted_items (ap_plan_get_activities (plan));
  g_autoptr(GPtrArray) steps = sorted_items (ap_plan_get_steps (plan));
  double x = PERIOD_WIDTH;

  for (guint a = 0; a < activities->len; a++)
    {
      ApActivity *activity = g_ptr_array_index (activities, a);
      gint64 activity_id = ap_object_get_id (AP_OBJECT (activity));
      double start = x;

      for (guint s = 0; s < steps->len; s++)
        {
          ApStep *step = g_ptr_array_index (steps, s);
          ApRoadmapColumnBox column = { ap_object_get_id (AP_OBJECT (step)), activity_id };

          if (ap_step_get_activity_id (step) != activity_id)
            continue;
          column.rect = (ApRect) { x, ACTIVITY_HEIGHT, COLUMN_WIDTH, STEP_HEIGHT };
          column.label = make_text (self, ap_step_get_name (step), self->bold_font,
                                    COLUMN_WIDTH - 2 * HEADER_PADDING, 2);
          g_array_append_val (self->columns, column);
          x += COLUMN_WIDTH;
        }
      /* An activity without steps still shows, one column wide, so it can be found. */
      if (x == start)
        continue;
      g_array_append_val (self->activities, ((ApRoadmapActivityBox) {
        activity_id, { start, 0, x - start, ACTIVITY_HEIGHT },
        make_text (self, ap_activity_get_name (activity), self->bold_font,
                   x - start - 2 * HEADER_PADDING, 2) }));
    }
  self->width = x;
}

/* "Jul–Sep 2020", "Oct 2021–Mar 2022", or NULL when the dates are not known. */
static char *
format_date_range (const char *start,
                   const char *end)
{
  GDate s, e;
  char sm[32], em[32];
  guint sy, smo, sd, ey, emo, ed;

  if (start == NULL || end == NULL ||
      sscanf (start, "%4u-%2u-%2u", &sy, &smo, &sd) != 3 ||
      sscanf (end, "%4u-%2u-%2u", &ey, &emo, &ed) != 3 ||
      !g_date_valid_dmy (sd, smo, sy) || !g_date_valid_dmy (ed, emo, ey))
    return NULL;
  g_date_clear (&s, 1);
  g_date_clear (&e, 1);
  g_date_set_dmy (&s, sd, smo, sy);
  g_date_set_dmy (&e, ed, emo, ey);
  g_date_strftime (sm, sizeof sm, "%b", &s);
  g_date_strftime (em, sizeof em, "%b", &e);
  if (sy != ey)
    return g_strdup_printf ("%s %u–%s %u", sm, sy, em, ey);
  if (smo == emo)
    return g_strdup_printf ("%s %u", sm, sy);
  return g_strdup_printf ("%s–%s %u", sm, em, sy);
}

static void
layout_rows (ApRoadmapLayout *self,
             ApPlan          *plan)
{
  g_autoptr(GPtrArray) periods = sorted_items (ap_plan_get_periods (plan));

  for (guint i = 0; i < periods->len; i++)
    {
      ApPeriod *period = g_ptr_array_index (periods, i);
      g_autofree char *range = format_date_range (ap_period_get_start_date (period),
                                                  ap_period_get_end_date (period));
      g_autofree char *text = range != NULL
        ? g_strdup_printf ("%s\n%s", ap_period_get_name (period), range)
        : g_strdup (ap_period_get_name (period));
      ApRoadmapRowBox row = { ap_object_get_id (AP_OBJECT (period)),
                              ap_period_get_is_backlog (period) };

      row.label = make_text (self, text, self->bold_font,
                             PERIOD_WIDTH - 2 * HEADER_PADDING, 4);
      if (range != NULL)
        {
          g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
          PangoAttribute *attr = pango_attr_weight_new (PANGO_WEIGHT_NORMAL);

          attr->start_index = strlen (ap_period_get_name (period)) + 1;
          pango_attr_list_insert (attrs, attr);
          pango_layout_set_attributes (row.label, attrs);
        }
      g_array_append_val (self->rows, row);
    }
}

/* The stage badge: on one line if it fits, on one line a little smaller if that makes it
 * fit, else wrapped on two lines (and ellipsized past them). A stage written out in full,
 * "Adopt via Automated-Feedback", is the point of the badge: it should not lose its end
 * when the card has room for it. */
static PangoLayout *
make_badge (ApRoadmapLayout *self,
            const char      *text)
{
  double width = AP_ROADMAP_CARD_WIDTH - 2 * AP_ROADMAP_CARD_PADDING - 2 * AP_ROADMAP_BADGE_PADDING;
  PangoLayout *layout = g_hash_table_lookup (self->badges, text);

  /* A plan has a few stages and many cards: the cards of a stage share its badge. */
  if (layout != NULL)
    return g_object_ref (layout);
  layout = make_text (self, text, self->small_font, width, 1);
  if (pango_layout_is_ellipsized (layout))
    {
      pango_layout_set_font_description (layout, self->badge_font);
      if (pango_layout_is_ellipsized (layout))
        {
          pango_layout_set_font_description (layout, self->small_font);
          pango_layout_set_height (layout, -AP_ROADMAP_BADGE_LINES);
        }
    }
  g_hash_table_insert (self->badges, g_strdup (text), g_object_ref (layout));
  return layout;
}

static guint
hash_card_content (ApCard           *card,
                   const char       *stage_label,
                   const ApRgba     *stage_color,
                   ApRoadmapChip    *chips,
                   guint             n_chips,
                   ApRoadmapMarks    marks)
{
  guint h = g_str_hash (ap_card_get_title (card));

  h = h * 31 + (stage_label != NULL ? g_str_hash (stage_label) : 0);
  h = h * 31 + (guint) (stage_color->red * 255) * 65536 +
      (guint) (stage_color->green * 255) * 256 + (guint) (stage_color->blue * 255);
  for (guint i = 0; i < n_chips; i++)
    h = h * 31 + (guint) chips[i].footnote * 7 + (guint) (chips[i].color.red * 255) +
        (guint) (chips[i].color.green * 255) * 3 + (guint) (chips[i].color.blue * 255) * 5;
  return h * 31 + marks;
}

static void
resolve_chips (ApPlan           *plan,
               ApCard           *card,
               ApRoadmapCardBox *box)
{
  ApRowList *organizations = ap_plan_get_organizations (plan);
  guint n;
  const gint64 *ids = ap_card_get_links (card, AP_CARD_LINK_ORGANIZATIONS, &n);

  box->chips = n > 0 ? g_new0 (ApRoadmapChip, n) : NULL;
  box->n_chips = 0;
  for (guint i = 0; i < n; i++)
    {
      ApOrganization *org = ap_row_list_lookup (organizations, ids[i]);
      ApRoadmapChip *chip = &box->chips[box->n_chips];

      if (org == NULL)
        continue;
      chip->organization_id = ids[i];
      chip->footnote = ap_organization_get_footnote (org);
      if (!ap_rgba_parse (&chip->color, ap_organization_get_color (org)))
        chip->color = (ApRgba) { .5f, .5f, .5f, 1.f };
      box->n_chips++;
    }
}

static const char *
resolve_stage (ApPlan           *plan,
               ApCard           *card,
               ApRoadmapCardBox *box)
{
  ApStage *stage = ap_row_list_lookup (ap_plan_get_stages (plan), ap_card_get_stage_id (card));
  const char *label = ap_plan_get_card_stage_label (plan, card);

  box->stage_color = (ApRgba) { .55f, .55f, .55f, 1.f };
  if (stage != NULL)
    ap_rgba_parse (&box->stage_color, ap_stage_get_color (stage));
  return *label != '\0' ? label : NULL;
}

/* Fills the box of @card, reusing the text layouts of @old when nothing drawn changed. */
static void
fill_card_box (ApRoadmapLayout  *self,
               ApPlan           *plan,
               ApCard           *card,
               ApRoadmapCardBox *old,
               ApRoadmapCardBox *box)
{
  const char *stage_label;
  guint n;
  double h;

  box->card_id = ap_object_get_id (AP_OBJECT (card));
  box->period_id = ap_card_get_period_id (card);
  box->step_id = ap_card_get_step_id (card);
  box->initiative_id = ap_card_get_initiative_id (card);
  box->position = ap_card_get_position (card);
  stage_label = resolve_stage (plan, card, box);
  resolve_chips (plan, card, box);
  box->marks = 0;
  if (*ap_card_get_notes (card) != '\0')
    box->marks |= AP_ROADMAP_MARK_NOTES;
  if (ap_card_get_links (card, AP_CARD_LINK_CATEGORIES, &n) != NULL && n > 0)
    box->marks |= AP_ROADMAP_MARK_CATEGORIES;
  if (ap_card_get_links (card, AP_CARD_LINK_DEPENDENCIES, &n) != NULL && n > 0)
    box->marks |= AP_ROADMAP_MARK_DEPENDENCIES;
  box->content_hash = hash_card_content (card, stage_label, &box->stage_color, box->chips,
                                         box->n_chips, box->marks);

  if (old != NULL && old->content_hash == box->content_hash &&
      self->cards_font_serial == self->font_serial)
    {
      box->title = g_steal_pointer (&old->title);
      box->badge = g_steal_pointer (&old->badge);
    }
  else
    {
      box->title = make_text (self, ap_card_get_title (card), self->font,
                              AP_ROADMAP_CARD_WIDTH - 2 * AP_ROADMAP_CARD_PADDING,
                              AP_ROADMAP_TITLE_LINES);
      box->badge = stage_label != NULL ? make_badge (self, stage_label) : NULL;
    }

  h = 2 * AP_ROADMAP_CARD_PADDING + text_height (box->title);
  box->badge_height = 0;
  if (box->badge != NULL)
    {
      box->badge_height = MAX (AP_ROADMAP_BADGE_HEIGHT, text_height (box->badge) + 4);
      h += 6 + box->badge_height;
    }
  if (box->n_chips > 0 || box->marks != 0)
    h += 6 + AP_ROADMAP_CHIP_SIZE;
  box->rect = (ApRect) { 0, 0, AP_ROADMAP_CARD_WIDTH, ceil (h) };
}

static gint
compare_card_boxes (gconstpointer a,
                    gconstpointer b)
{
  const ApRoadmapCardBox *ca = a, *cb = b;

  if (ca->row != cb->row)
    return ca->row < cb->row ? -1 : 1;
  if (ca->column != cb->column)
    return ca->column < cb->column ? -1 : 1;
  if (ca->position != cb->position)
    return ca->position < cb->position ? -1 : 1;
  return ca->card_id < cb->card_id ? -1 : ca->card_id > cb->card_id;
}

static void
collect_cards (ApRoadmapLayout *self,
               ApPlan          *plan,
               GArray          *old_cards,
               GHashTable      *old_index)
{
  ApRowList *cards = ap_plan_get_cards (plan);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (cards));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ApCard) card = g_list_model_get_item (G_LIST_MODEL (cards), i);
      ApRoadmapCardBox box = { 0 };
      ApRoadmapCardBox *old = NULL;
      gpointer found;

      if (!ap_roadmap_layout_find_row (self, ap_card_get_period_id (card), &box.row) ||
          !ap_roadmap_layout_find_column (self, ap_card_get_step_id (card), &box.column))
        continue;
      found = g_hash_table_lookup (old_index,
                                   &(gint64) { ap_object_get_id (AP_OBJECT (card)) });
      if (found != NULL)
        old = &g_array_index (old_cards, ApRoadmapCardBox, GPOINTER_TO_UINT (found) - 1);
      fill_card_box (self, plan, card, old, &box);
      g_array_append_val (self->cards, box);
    }
  g_array_sort (self->cards, compare_card_boxes);
}

/* Places the cards in their cells, and grows each row to its fullest cell. */
static void
place_cards (ApRoadmapLayout *self)
{
  guint n_columns = self->columns->len;
  double y = ACTIVITY_HEIGHT + STEP_HEIGHT;
  guint c = 0;

  g_array_set_size (self->cells, self->rows->len * n_columns);
  for (guint r = 0; r < self->rows->len; r++)
    {
      ApRoadmapRowBox *row = &g_array_index (self->rows, ApRoadmapRowBox, r);
      double height = MAX (MIN_ROW_HEIGHT, text_height (row->label) + 2 * HEADER_PADDING);

      for (guint col = 0; col < n_columns; col++)
        {
          ApRoadmapCellBox *cell = &g_array_index (self->cells, ApRoadmapCellBox, r * n_columns + col);
          double cy = y + AP_ROADMAP_CELL_PADDING;
          double x = g_array_index (self->columns, ApRoadmapColumnBox, col).rect.x;

          cell->first_card = c;
          cell->n_cards = 0;
          for (; c < self->cards->len; c++)
            {
              ApRoadmapCardBox *box = &g_array_index (self->cards, ApRoadmapCardBox, c);

              if (box->row != r || box->column != col)
                break;
              box->index = cell->n_cards++;
              box->rect.x = x + AP_ROADMAP_CELL_PADDING;
              box->rect.y = cy;
              cy += box->rect.height + AP_ROADMAP_CARD_GAP;
              g_hash_table_insert (self->card_index, &box->card_id, GUINT_TO_POINTER (c + 1));
            }
          height = MAX (height, cy - y + AP_ROADMAP_CELL_PADDING - AP_ROADMAP_CARD_GAP);
        }
      row->rect = (ApRect) { 0, y, PERIOD_WIDTH, ceil (height) };
      for (guint col = 0; col < n_columns; col++)
        {
          ApRoadmapCellBox *cell = &g_array_index (self->cells, ApRoadmapCellBox, r * n_columns + col);
          const ApRect *head = &g_array_index (self->columns, ApRoadmapColumnBox, col).rect;

          cell->rect = (ApRect) { head->x, y, head->width, row->rect.height };
        }
      y += row->rect.height;
    }
  self->height = y;
}

static gint
compare_legend (gconstpointer a,
                gconstpointer b)
{
  gint64 fa = ap_organization_get_footnote (*(ApOrganization **) a);
  gint64 fb = ap_organization_get_footnote (*(ApOrganization **) b);

  /* Numbered organizations first, in footnote order. */
  if ((fa > 0) != (fb > 0))
    return fa > 0 ? -1 : 1;
  return fa < fb ? -1 : fa > fb;
}

static void
layout_legend (ApRoadmapLayout *self,
               ApPlan          *plan)
{
  g_autoptr(GPtrArray) orgs = sorted_items (ap_plan_get_organizations (plan));

  g_ptr_array_sort (orgs, compare_legend);
  for (guint i = 0; i < orgs->len; i++)
    {
      ApOrganization *org = g_ptr_array_index (orgs, i);
      ApRoadmapLegendItem item = { { .5f, .5f, .5f, 1.f } };
      g_autofree char *text = ap_organization_get_footnote (org) > 0
        ? g_strdup_printf ("%" G_GINT64_FORMAT "  %s", ap_organization_get_footnote (org),
                           ap_organization_get_name (org))
        : g_strdup (ap_organization_get_name (org));

      ap_rgba_parse (&item.color, ap_organization_get_color (org));
      item.label = make_text (self, text, self->font, -1, 1);
      g_array_append_val (self->legend, item);
    }
}

static void
ap_roadmap_layout_finalize (GObject *object)
{
  ApRoadmapLayout *self = AP_ROADMAP_LAYOUT (object);

  clear_headers (self);
  g_clear_pointer (&self->activities, g_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->legend, g_array_unref);
  g_clear_pointer (&self->card_index, g_hash_table_unref);
  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->small_text, g_hash_table_unref);
  g_clear_pointer (&self->badges, g_hash_table_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->bold_font, pango_font_description_free);
  g_clear_pointer (&self->small_font, pango_font_description_free);
  g_clear_pointer (&self->badge_font, pango_font_description_free);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ap_roadmap_layout_parent_class)->finalize (object);
}

static void
ap_roadmap_layout_class_init (ApRoadmapLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ap_roadmap_layout_finalize;
}

static void
ap_roadmap_layout_init (ApRoadmapLayout *self)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics make text widths scale linearly with the zoom, so a card measured
   * once at 100 % fits its text at every zoom and in every export. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  pango_cairo_context_set_resolution (self->context, 96);
  cairo_font_options_destroy (options);

  self->activities = g_array_new (FALSE, TRUE, sizeof (ApRoadmapActivityBox));
  self->columns = g_array_new (FALSE, TRUE, sizeof (ApRoadmapColumnBox));
  self->rows = g_array_new (FALSE, TRUE, sizeof (ApRoadmapRowBox));
  self->cells = g_array_new (FALSE, TRUE, sizeof (ApRoadmapCellBox));
  self->legend = g_array_new (FALSE, TRUE, sizeof (ApRoadmapLegendItem));
  self->cards = g_array_new (FALSE, TRUE, sizeof (ApRoadmapCardBox));
  g_array_set_clear_func (self->cards, clear_card_box);
  self->card_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->small_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->badges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  ap_roadmap_layout_set_font (self, font);
  self->width = PERIOD_WIDTH;
  self->height = ACTIVITY_HEIGHT + STEP_HEIGHT;
}

ApRoadmapLayout *
ap_roadmap_layout_new (void)
{
  return g_object_new (AP_TYPE_ROADMAP_LAYOUT, NULL);
}

/* Takes effect at the next rebuild. */
void
ap_roadmap_layout_set_font (ApRoadmapLayout            *self,
                            const PangoFontDescription *font)
{
  g_return_if_fail (AP_IS_ROADMAP_LAYOUT (self));
  g_return_if_fail (font != NULL);

  if (self->font != NULL && pango_font_description_equal (self->font, font))
    return;
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->bold_font, pango_font_description_free);
  g_clear_pointer (&self->small_font, pango_font_description_free);
  g_clear_pointer (&self->badge_font, pango_font_description_free);
  self->font = pango_font_description_copy (font);
  /* Sizes in points would change with the screen's resolution; the map is in pixels. */
  if (!pango_font_description_get_size_is_absolute (font) ||
      pango_font_description_get_size (font) == 0)
    {
      int size = pango_font_description_get_size (font);

      pango_font_description_set_absolute_size (self->font,
                                                (size > 0 ? size : 10 * PANGO_SCALE) * 96.0 / 72.0);
    }
  self->bold_font = pango_font_description_copy (self->font);
  pango_font_description_set_weight (self->bold_font, PANGO_WEIGHT_BOLD);
  self->small_font = pango_font_description_copy (self->font);
  pango_font_description_set_absolute_size (self->small_font,
                                            pango_font_description_get_size (self->font) * 0.85);
  pango_font_description_set_weight (self->small_font, PANGO_WEIGHT_BOLD);
  /* Not smaller: past 90 % the badge reads worse wrapped than shrunk. */
  self->badge_font = pango_font_description_copy (self->small_font);
  pango_font_description_set_absolute_size (self->badge_font,
                                            pango_font_description_get_size (self->small_font) * 0.9);
  g_hash_table_remove_all (self->small_text);
  g_hash_table_remove_all (self->badges);
  self->font_serial++;
}

PangoContext *
ap_roadmap_layout_get_context (ApRoadmapLayout *self)
{
  g_return_val_if_fail (AP_IS_ROADMAP_LAYOUT (self), NULL);
  return self->context;
}

void
ap_roadmap_layout_rebuild (ApRoadmapLayout *self,
                           ApPlan          *plan)
{
  g_autoptr(GArray) old_cards = NULL;
  g_autoptr(GHashTable) old_index = NULL;

  g_return_if_fail (AP_IS_ROADMAP_LAYOUT (self));

  clear_headers (self);
  old_cards = g_steal_pointer (&self->cards);
  old_index = g_steal_pointer (&self->card_index);
  self->cards = g_array_new (FALSE, TRUE, sizeof (ApRoadmapCardBox));
  g_array_set_clear_func (self->cards, clear_card_box);
  self->card_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->width = PERIOD_WIDTH;
  self->height = ACTIVITY_HEIGHT + STEP_HEIGHT;
  if (plan == NULL)
    return;

  layout_columns (self, plan);
  layout_rows (self, plan);
  /* Every card is needed: read those not read yet in one pass (if that fails, one by
   * one as they are asked for). */
  ap_row_list_make_all (ap_plan_get_cards (plan), NULL);
  collect_cards (self, plan, old_cards, old_index);
  place_cards (self);
  layout_legend (self, plan);
  self->cards_font_serial = self->font_serial;
}

double
ap_roadmap_layout_get_width (ApRoadmapLayout *self)
{
  return self->width;
}

double
ap_roadmap_layout_get_height (ApRoadmapLayout *self)
{
  return self->height;
}

double
ap_roadmap_layout_get_header_height (ApRoadmapLayout *self)
{
  return ACTIVITY_HEIGHT + STEP_HEIGHT;
}

double
ap_roadmap_layout_get_activity_height (ApRoadmapLayout *self)
{
  return ACTIVITY_HEIGHT;
}

double
ap_roadmap_layout_get_period_width (ApRoadmapLayout *self)
{
  return PERIOD_WIDTH;
}

guint
ap_roadmap_layout_get_n_rows (ApRoadmapLayout *self)
{
  return self->rows->len;
}

guint
ap_roadmap_layout_get_n_columns (ApRoadmapLayout *self)
{
  return self->columns->len;
}

guint
ap_roadmap_layout_get_n_activities (ApRoadmapLayout *self)
{
  return self->activities->len;
}

guint
ap_roadmap_layout_get_n_cards (ApRoadmapLayout *self)
{
  return self->cards->len;
}

const ApRoadmapRowBox *
ap_roadmap_layout_get_row (ApRoadmapLayout *self,
                           guint            row)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  return &g_array_index (self->rows, ApRoadmapRowBox, row);
}

const ApRoadmapColumnBox *
ap_roadmap_layout_get_column (ApRoadmapLayout *self,
                              guint            column)
{
  g_return_val_if_fail (column < self->columns->len, NULL);
  return &g_array_index (self->columns, ApRoadmapColumnBox, column);
}

const ApRoadmapActivityBox *
ap_roadmap_layout_get_activity (ApRoadmapLayout *self,
                                guint            i)
{
  g_return_val_if_fail (i < self->activities->len, NULL);
  return &g_array_index (self->activities, ApRoadmapActivityBox, i);
}

const ApRoadmapCellBox *
ap_roadmap_layout_get_cell (ApRoadmapLayout *self,
                            guint            row,
                            guint            column)
{
  g_return_val_if_fail (row < self->rows->len && column < self->columns->len, NULL);
  return &g_array_index (self->cells, ApRoadmapCellBox, row * self->columns->len + column);
}

const ApRoadmapCardBox *
ap_roadmap_layout_get_card_at (ApRoadmapLayout *self,
                               guint            i)
{
  g_return_val_if_fail (i < self->cards->len, NULL);
  return &g_array_index (self->cards, ApRoadmapCardBox, i);
}

PangoLayout *
ap_roadmap_layout_get_small_text (ApRoadmapLayout *self,
                                  const char      *text)
{
  PangoLayout *layout = g_hash_table_lookup (self->small_text, text);

  if (layout == NULL)
    {
      layout = make_text (self, text, self->small_font, -1, 1);
      g_hash_table_insert (self->small_text, g_strdup (text), layout);
    }
  return layout;
}

guint
ap_roadmap_layout_get_n_legend_items (ApRoadmapLayout *self)
{
  return self->legend->len;
}

const ApRoadmapLegendItem *
ap_roadmap_layout_get_legend_item (ApRoadmapLayout *self,
                                   guint            i)
{
  g_return_val_if_fail (i < self->legend->len, NULL);
  return &g_array_index (self->legend, ApRoadmapLegendItem, i);
}
