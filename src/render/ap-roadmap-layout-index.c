/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-layout"

#include "config.h"

#include <math.h>

#include "ap-roadmap-layout-private.h"

gboolean
ap_rect_intersects (const ApRect *a,
                    const ApRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

gboolean
ap_rect_contains_point (const ApRect *rect,
                        double        x,
                        double        y)
{
  return x >= rect->x && x < rect->x + rect->width &&
         y >= rect->y && y < rect->y + rect->height;
}

const ApRoadmapCardBox *
ap_roadmap_layout_find_card (ApRoadmapLayout *self,
                             gint64           card_id)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (self->card_index, &card_id));

  return i > 0 ? &g_array_index (self->cards, ApRoadmapCardBox, i - 1) : NULL;
}

gboolean
ap_roadmap_layout_find_row (ApRoadmapLayout *self,
                            gint64           period_id,
                            guint           *row)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, ApRoadmapRowBox, i).period_id == period_id)
      {
        *row = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ap_roadmap_layout_find_column (ApRoadmapLayout *self,
                               gint64           step_id,
                               guint           *column)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_array_index (self->columns, ApRoadmapColumnBox, i).step_id == step_id)
      {
        *column = i;
        return TRUE;
      }
  return FALSE;
}

/* The spatial index: rows are contiguous and sorted by y, columns are contiguous and of
 * one width, and each cell's cards are sorted by y. A hit test is two searches and a
 * search within one cell, whatever the number of cards. */
static gboolean
row_at_y (ApRoadmapLayout *self,
          double           y,
          guint           *row)
{
  guint lo = 0, hi = self->rows->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const ApRect *r = &g_array_index (self->rows, ApRoadmapRowBox, mid).rect;

      if (y < r->y)
        hi = mid;
      else if (y >= r->y + r->height)
        lo = mid + 1;
      else
        {
          *row = mid;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
column_at_x (ApRoadmapLayout *self,
             double           x,
             guint           *column)
{
  double c = floor ((x - PERIOD_WIDTH) / COLUMN_WIDTH);

  if (x < PERIOD_WIDTH || c >= self->columns->len)
    return FALSE;
  *column = (guint) c;
  return TRUE;
}

/* The first card of the cell whose bottom is below @y. */
static guint
first_card_below (ApRoadmapLayout        *self,
                  const ApRoadmapCellBox *cell,
                  double                  y)
{
  guint lo = cell->first_card, hi = cell->first_card + cell->n_cards;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const ApRect *r = &g_array_index (self->cards, ApRoadmapCardBox, mid).rect;

      if (r->y + r->height <= y)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static guint
insertion_index (ApRoadmapLayout        *self,
                 const ApRoadmapCellBox *cell,
                 double                  y)
{
  guint index = 0;

  for (guint i = 0; i < cell->n_cards; i++)
    {
      const ApRect *r = &g_array_index (self->cards, ApRoadmapCardBox, cell->first_card + i).rect;

      if (y < r->y + r->height / 2)
        break;
      index = i + 1;
    }
  return index;
}

static void
hit_headers (ApRoadmapLayout *self,
             double           x,
             double           y,
             ApRoadmapHit    *hit)
{
  guint i;

  if (y < ACTIVITY_HEIGHT + STEP_HEIGHT && column_at_x (self, x, &i))
    {
      const ApRoadmapColumnBox *column = &g_array_index (self->columns, ApRoadmapColumnBox, i);

      hit->column = i;
      hit->step_id = column->step_id;
      hit->activity_id = column->activity_id;
      hit->kind = y < ACTIVITY_HEIGHT ? AP_ROADMAP_HIT_ACTIVITY_HEADER : AP_ROADMAP_HIT_STEP_HEADER;
    }
  else if (x < PERIOD_WIDTH && row_at_y (self, y, &i))
    {
      hit->row = i;
      hit->period_id = g_array_index (self->rows, ApRoadmapRowBox, i).period_id;
      hit->kind = AP_ROADMAP_HIT_PERIOD_HEADER;
    }
}

void
ap_roadmap_layout_hit_test (ApRoadmapLayout *self,
                            double           x,
                            double           y,
                            ApRoadmapHit    *hit)
{
  const ApRoadmapCellBox *cell;
  guint row, column, i;

  g_return_if_fail (AP_IS_ROADMAP_LAYOUT (self));

  *hit = (ApRoadmapHit) { AP_ROADMAP_HIT_NOTHING };
  if (!row_at_y (self, y, &row) || !column_at_x (self, x, &column))
    {
      hit_headers (self, x, y, hit);
      return;
    }
  cell = ap_roadmap_layout_get_cell (self, row, column);
  hit->row = row;
  hit->column = column;
  hit->period_id = g_array_index (self->rows, ApRoadmapRowBox, row).period_id;
  hit->step_id = g_array_index (self->columns, ApRoadmapColumnBox, column).step_id;
  i = first_card_below (self, cell, y);
  if (i < cell->first_card + cell->n_cards &&
      ap_rect_contains_point (&g_array_index (self->cards, ApRoadmapCardBox, i).rect, x, y))
    {
      const ApRoadmapCardBox *box = &g_array_index (self->cards, ApRoadmapCardBox, i);

      hit->kind = AP_ROADMAP_HIT_CARD;
      hit->card_id = box->card_id;
      hit->index = box->index;
      return;
    }
  hit->kind = AP_ROADMAP_HIT_CELL;
  hit->index = insertion_index (self, cell, y);
}

double
ap_roadmap_layout_get_insertion_y (ApRoadmapLayout *self,
                                   guint            row,
                                   guint            column,
                                   guint            index)
{
  const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (self, row, column);
  const ApRect *r;

  if (cell->n_cards == 0)
    return cell->rect.y + AP_ROADMAP_CELL_PADDING / 2;
  if (index < cell->n_cards)
    {
      r = &g_array_index (self->cards, ApRoadmapCardBox, cell->first_card + index).rect;
      return r->y - AP_ROADMAP_CARD_GAP / 2;
    }
  r = &g_array_index (self->cards, ApRoadmapCardBox, cell->first_card + cell->n_cards - 1).rect;
  return r->y + r->height + AP_ROADMAP_CARD_GAP / 2;
}

guint
ap_roadmap_layout_cards_in_rect (ApRoadmapLayout   *self,
                                 const ApRect      *rect,
                                 ApRoadmapCardFunc  func,
                                 gpointer           user_data)
{
  guint first_row = 0, last_row, first_col, last_col, n = 0;
  double top = MAX (rect->y, ACTIVITY_HEIGHT + STEP_HEIGHT);
  double bottom = MIN (rect->y + rect->height, self->height - 0.001);

  if (self->rows->len == 0 || self->columns->len == 0 || top > bottom ||
      rect->x + rect->width <= PERIOD_WIDTH || rect->x >= self->width)
    return 0;
  row_at_y (self, top, &first_row);
  if (!row_at_y (self, bottom, &last_row))
    last_row = self->rows->len - 1;
  first_col = rect->x <= PERIOD_WIDTH ? 0 : (guint) floor ((rect->x - PERIOD_WIDTH) / COLUMN_WIDTH);
  last_col = MIN (self->columns->len - 1,
                  (guint) floor ((rect->x + rect->width - PERIOD_WIDTH) / COLUMN_WIDTH));

  for (guint r = first_row; r <= last_row; r++)
    for (guint c = first_col; c <= last_col; c++)
      {
        const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (self, r, c);

        for (guint i = first_card_below (self, cell, rect->y);
             i < cell->first_card + cell->n_cards; i++)
          {
            const ApRoadmapCardBox *box = &g_array_index (self->cards, ApRoadmapCardBox, i);

            if (box->rect.y >= rect->y + rect->height)
              break;
            if (!ap_rect_intersects (&box->rect, rect))
              continue;
            n++;
            if (func != NULL)
              func (box, user_data);
          }
      }
  return n;
}

/* The part of a cell its cards cover, from the top of the first to the bottom of the
 * last; FALSE for an empty cell. */
gboolean
ap_roadmap_layout_get_cell_extent (ApRoadmapLayout *self,
                                   guint            row,
                                   guint            column,
                                   ApRect          *extent)
{
  const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (self, row, column);
  const ApRect *first, *last;

  if (cell == NULL || cell->n_cards == 0)
    return FALSE;
  first = &g_array_index (self->cards, ApRoadmapCardBox, cell->first_card).rect;
  last = &g_array_index (self->cards, ApRoadmapCardBox, cell->first_card + cell->n_cards - 1).rect;
  *extent = (ApRect) { first->x, first->y, first->width, last->y + last->height - first->y };
  return TRUE;
}

static gint
compare_phase (gconstpointer a,
               gconstpointer b)
{
  const ApRoadmapCardBox *ca = *(const ApRoadmapCardBox **) a;
  const ApRoadmapCardBox *cb = *(const ApRoadmapCardBox **) b;

  if (ca->row != cb->row)
    return ca->row < cb->row ? -1 : 1;
  return ca->column < cb->column ? -1 : ca->column > cb->column;
}

/**
 * ap_roadmap_layout_get_initiative_cards:
 *
 * The boxes of an initiative's cards in phase order: by period, then by step. A scan of
 * every card: callers keep the result while the layout stands.
 *
 * Returns: (transfer container): a new array of const ApRoadmapCardBox pointers
 */
GPtrArray *
ap_roadmap_layout_get_initiative_cards (ApRoadmapLayout *self,
                                        gint64           initiative_id)
{
  GPtrArray *cards = g_ptr_array_new ();

  g_return_val_if_fail (AP_IS_ROADMAP_LAYOUT (self), cards);

  if (initiative_id == 0)
    return cards;
  for (guint i = 0; i < self->cards->len; i++)
    {
      const ApRoadmapCardBox *box = &g_array_index (self->cards, ApRoadmapCardBox, i);

      if (box->initiative_id == initiative_id)
        g_ptr_array_add (cards, (gpointer) box);
    }
  g_ptr_array_sort (cards, compare_phase);
  return cards;
}
