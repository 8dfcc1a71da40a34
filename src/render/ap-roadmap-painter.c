/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-painter"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "ap-roadmap-painter.h"

#define CARD_RADIUS   6.0
#define STRIPE_WIDTH  4.0
#define HEADER_PAD    8.0
#define LEGEND_GAP    24.0

void
ap_roadmap_palette_init_light (ApRoadmapPalette *p)
{
  *p = (ApRoadmapPalette) {
    .background = { 0.98f, 0.98f, 0.98f, 1.f },
    .foreground = { 0.12f, 0.12f, 0.14f, 1.f },
    .header_background = { 0.92f, 0.92f, 0.93f, 1.f },
    .backlog_background = { 0.94f, 0.93f, 0.90f, 1.f },
    .grid_line = { 0.80f, 0.80f, 0.82f, 1.f },
    .card_background = { 1.f, 1.f, 1.f, 1.f },
    .card_foreground = { 0.12f, 0.12f, 0.14f, 1.f },
    .card_border = { 0.74f, 0.74f, 0.76f, 1.f },
    .accent = { 0.21f, 0.52f, 0.89f, 1.f },
    .highlight = { 0.90f, 0.65f, 0.04f, 1.f },
    .dim_alpha = 0.25,
  };
}

void
ap_roadmap_palette_init_dark (ApRoadmapPalette *p)
{
  *p = (ApRoadmapPalette) {
    .background = { 0.14f, 0.14f, 0.14f, 1.f },
    .foreground = { 1.f, 1.f, 1.f, 1.f },
    .header_background = { 0.19f, 0.19f, 0.19f, 1.f },
    .backlog_background = { 0.17f, 0.16f, 0.14f, 1.f },
    .grid_line = { 0.30f, 0.30f, 0.30f, 1.f },
    .card_background = { 0.22f, 0.22f, 0.22f, 1.f },
    .card_foreground = { 1.f, 1.f, 1.f, 1.f },
    .card_border = { 0.36f, 0.36f, 0.36f, 1.f },
    .accent = { 0.47f, 0.68f, 0.93f, 1.f },
    .highlight = { 0.96f, 0.76f, 0.07f, 1.f },
    .dim_alpha = 0.25,
  };
}

static void
set_color (cairo_t      *cr,
           const ApRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

/* Black or white, whichever reads better on @c (WCAG relative luminance). */
static void
set_contrasting_color (cairo_t      *cr,
                       const ApRgba *c)
{
  double l = 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;

  if (l > 0.55)
    cairo_set_source_rgb (cr, 0, 0, 0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
show_layout_centered_v (cairo_t     *cr,
                        PangoLayout *layout,
                        double       x,
                        double       y,
                        double       height)
{
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  cairo_move_to (cr, x, y + MAX (0, (height - h) / 2));
  pango_cairo_show_layout (cr, layout);
}

void
ap_roadmap_painter_draw_cells (cairo_t                *cr,
                               ApRoadmapLayout        *layout,
                               const ApRoadmapPalette *p,
                               const ApRect           *area)
{
  guint n_rows = ap_roadmap_layout_get_n_rows (layout);
  guint n_columns = ap_roadmap_layout_get_n_columns (layout);
  double left = ap_roadmap_layout_get_period_width (layout);
  double right = ap_roadmap_layout_get_width (layout);

  for (guint r = 0; r < n_rows; r++)
    {
      const ApRoadmapRowBox *row = ap_roadmap_layout_get_row (layout, r);

      if (row->rect.y > area->y + area->height || row->rect.y + row->rect.height < area->y)
        continue;
      set_color (cr, row->is_backlog ? &p->backlog_background : &p->background);
      cairo_rectangle (cr, left, row->rect.y, right - left, row->rect.height);
      cairo_fill (cr);
      set_color (cr, &p->grid_line);
      cairo_rectangle (cr, left, row->rect.y + row->rect.height - 1, right - left, 1);
      cairo_fill (cr);
    }
  set_color (cr, &p->grid_line);
  for (guint c = 0; c < n_columns; c++)
    {
      const ApRoadmapColumnBox *column = ap_roadmap_layout_get_column (layout, c);

      cairo_rectangle (cr, column->rect.x + column->rect.width - 1,
                       ap_roadmap_layout_get_header_height (layout), 1,
                       ap_roadmap_layout_get_height (layout) - ap_roadmap_layout_get_header_height (layout));
    }
  cairo_fill (cr);
}

void
ap_roadmap_painter_draw_column_headers (cairo_t                *cr,
                                        ApRoadmapLayout        *layout,
                                        const ApRoadmapPalette *p,
                                        const ApRect           *area)
{
  double header_height = ap_roadmap_layout_get_header_height (layout);
  double activity_height = ap_roadmap_layout_get_activity_height (layout);

  set_color (cr, &p->header_background);
  cairo_rectangle (cr, area->x, 0, area->width, header_height);
  cairo_fill (cr);
  for (guint i = 0; i < ap_roadmap_layout_get_n_activities (layout); i++)
    {
      const ApRoadmapActivityBox *a = ap_roadmap_layout_get_activity (layout, i);

      if (a->rect.x > area->x + area->width || a->rect.x + a->rect.width < area->x)
        continue;
      set_color (cr, &p->foreground);
      show_layout_centered_v (cr, a->label, a->rect.x + HEADER_PAD, 0, activity_height);
      set_color (cr, &p->grid_line);
      cairo_rectangle (cr, a->rect.x + a->rect.width - 1, 0, 1, header_height);
      cairo_rectangle (cr, a->rect.x, activity_height - 1, a->rect.width, 1);
      cairo_fill (cr);
    }
  for (guint i = 0; i < ap_roadmap_layout_get_n_columns (layout); i++)
    {
      const ApRoadmapColumnBox *c = ap_roadmap_layout_get_column (layout, i);

      if (c->rect.x > area->x + area->width || c->rect.x + c->rect.width < area->x)
        continue;
      set_color (cr, &p->foreground);
      show_layout_centered_v (cr, c->label, c->rect.x + HEADER_PAD, c->rect.y, c->rect.height);
      set_color (cr, &p->grid_line);
      cairo_rectangle (cr, c->rect.x + c->rect.width - 1, c->rect.y, 1, c->rect.height);
      cairo_fill (cr);
    }
  set_color (cr, &p->grid_line);
  cairo_rectangle (cr, area->x, header_height - (p->high_contrast ? 2 : 1), area->width,
                   p->high_contrast ? 2 : 1);
  cairo_fill (cr);
}

void
ap_roadmap_painter_draw_row_headers (cairo_t                *cr,
                                     ApRoadmapLayout        *layout,
                                     const ApRoadmapPalette *p,
                                     const ApRect           *area)
{
  double width = ap_roadmap_layout_get_period_width (layout);

  for (guint r = 0; r < ap_roadmap_layout_get_n_rows (layout); r++)
    {
      const ApRoadmapRowBox *row = ap_roadmap_layout_get_row (layout, r);

      if (row->rect.y > area->y + area->height || row->rect.y + row->rect.height < area->y)
        continue;
      set_color (cr, row->is_backlog ? &p->backlog_background : &p->header_background);
      cairo_rectangle (cr, 0, row->rect.y, width, row->rect.height);
      cairo_fill (cr);
      set_color (cr, &p->foreground);
      cairo_move_to (cr, HEADER_PAD, row->rect.y + HEADER_PAD);
      pango_cairo_show_layout (cr, row->label);
      set_color (cr, &p->grid_line);
      cairo_rectangle (cr, 0, row->rect.y + row->rect.height - 1, width, 1);
      cairo_fill (cr);
    }
  set_color (cr, &p->grid_line);
  cairo_rectangle (cr, width - (p->high_contrast ? 2 : 1), area->y, p->high_contrast ? 2 : 1,
                   area->height);
  cairo_fill (cr);
}

void
ap_roadmap_painter_draw_corner (cairo_t                *cr,
                                ApRoadmapLayout        *layout,
                                const ApRoadmapPalette *p)
{
  double w = ap_roadmap_layout_get_period_width (layout);
  double h = ap_roadmap_layout_get_header_height (layout);

  set_color (cr, &p->header_background);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_fill (cr);
  set_color (cr, &p->grid_line);
  cairo_rectangle (cr, w - 1, 0, 1, h);
  cairo_rectangle (cr, 0, h - 1, w, 1);
  cairo_fill (cr);
}

/* The marks are small drawings rather than icons: the render layer has no icon theme,
 * and they must print. A page for notes, a diamond for pain categories, a chain link
 * for dependencies. */
static double
draw_marks (cairo_t                *cr,
            const ApRoadmapCardBox *box,
            const ApRoadmapPalette *p,
            double                  x,
            double                  y)
{
  double s = AP_ROADMAP_CHIP_SIZE;

  set_color (cr, &p->card_foreground);
  cairo_set_line_width (cr, 1.2);
  if (box->marks & AP_ROADMAP_MARK_NOTES)
    {
      cairo_rectangle (cr, x + 3.5, y + 1.5, s - 7, s - 3);
      for (int i = 0; i < 3; i++)
        {
          cairo_move_to (cr, x + 6, y + 5.5 + 3 * i);
          cairo_line_to (cr, x + s - 6, y + 5.5 + 3 * i);
        }
      cairo_stroke (cr);
      x += s + 2;
    }
  if (box->marks & AP_ROADMAP_MARK_CATEGORIES)
    {
      cairo_move_to (cr, x + s / 2, y + 2);
      cairo_line_to (cr, x + s - 2, y + s / 2);
      cairo_line_to (cr, x + s / 2, y + s - 2);
      cairo_line_to (cr, x + 2, y + s / 2);
      cairo_close_path (cr);
      cairo_stroke (cr);
      x += s + 2;
    }
  if (box->marks & AP_ROADMAP_MARK_DEPENDENCIES)
    {
      rounded_rect (cr, x + 1.5, y + 5, 8, 6, 3);
      rounded_rect (cr, x + s - 9.5, y + 5, 8, 6, 3);
      cairo_stroke (cr);
      x += s + 2;
    }
  return x;
}

static void
draw_chips (cairo_t                *cr,
            ApRoadmapLayout        *layout,
            const ApRoadmapCardBox *box,
            const ApRoadmapPalette *p,
            double                  y)
{
  double x = AP_ROADMAP_CARD_PADDING;
  double s = AP_ROADMAP_CHIP_SIZE;

  for (guint i = 0; i < box->n_chips; i++)
    {
      const ApRoadmapChip *chip = &box->chips[i];
      char text[24];
      PangoLayout *number;
      int w;

      set_color (cr, &chip->color);
      cairo_arc (cr, x + s / 2, y + s / 2, s / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      if (chip->footnote > 0)
        {
          g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, chip->footnote);
          number = ap_roadmap_layout_get_small_text (layout, text);
          pango_layout_get_pixel_size (number, &w, NULL);
          set_contrasting_color (cr, &chip->color);
          show_layout_centered_v (cr, number, x + (s - w) / 2, y, s);
        }
      x += s + 3;
    }
  if (box->marks != 0)
    draw_marks (cr, box, p, x + (box->n_chips > 0 ? 4 : 0), y);
}

void
ap_roadmap_painter_draw_card (cairo_t                *cr,
                              ApRoadmapLayout        *layout,
                              const ApRoadmapCardBox *box,
                              const ApRoadmapPalette *p)
{
  double w = box->rect.width, h = box->rect.height;
  double y = AP_ROADMAP_CARD_PADDING;
  int title_h;

  rounded_rect (cr, 0.5, 0.5, w - 1, h - 1, CARD_RADIUS);
  set_color (cr, &p->card_background);
  cairo_fill_preserve (cr);
  set_color (cr, &p->card_border);
  cairo_set_line_width (cr, p->high_contrast ? 2 : 1);
  cairo_stroke (cr);

  /* The stage's colour runs down the left edge too, so it reads at a glance. */
  cairo_save (cr);
  rounded_rect (cr, 0.5, 0.5, w - 1, h - 1, CARD_RADIUS);
  cairo_clip (cr);
  set_color (cr, &box->stage_color);
  cairo_rectangle (cr, 0, 0, STRIPE_WIDTH, h);
  cairo_fill (cr);
  cairo_restore (cr);

  set_color (cr, &p->card_foreground);
  cairo_move_to (cr, AP_ROADMAP_CARD_PADDING, y);
  pango_cairo_show_layout (cr, box->title);
  pango_layout_get_pixel_size (box->title, NULL, &title_h);
  y += title_h + 6;

  if (box->badge != NULL)
    {
      int bw;

      pango_layout_get_pixel_size (box->badge, &bw, NULL);
      rounded_rect (cr, AP_ROADMAP_CARD_PADDING, y, bw + 10, AP_ROADMAP_BADGE_HEIGHT,
                    AP_ROADMAP_BADGE_HEIGHT / 2);
      set_color (cr, &box->stage_color);
      cairo_fill (cr);
      set_contrasting_color (cr, &box->stage_color);
      show_layout_centered_v (cr, box->badge, AP_ROADMAP_CARD_PADDING + 5, y,
                              AP_ROADMAP_BADGE_HEIGHT);
      y += AP_ROADMAP_BADGE_HEIGHT + 6;
    }
  if (box->n_chips > 0 || box->marks != 0)
    draw_chips (cr, layout, box, p, y);
}

void
ap_roadmap_painter_draw_card_block (cairo_t                *cr,
                                    const ApRoadmapCardBox *box,
                                    const ApRoadmapPalette *p)
{
  set_color (cr, &box->stage_color);
  cairo_rectangle (cr, box->rect.x, box->rect.y, box->rect.width, box->rect.height);
  cairo_fill (cr);
}

void
ap_roadmap_painter_draw_cell_summary (cairo_t                *cr,
                                      ApRoadmapLayout        *layout,
                                      guint                   row,
                                      guint                   column,
                                      const ApRoadmapPalette *p)
{
  const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (layout, row, column);
  const ApRoadmapCardBox *first, *last;
  ApRect r;

  if (cell->n_cards == 0)
    return;
  first = ap_roadmap_layout_get_card_at (layout, cell->first_card);
  last = ap_roadmap_layout_get_card_at (layout, cell->first_card + cell->n_cards - 1);
  r = (ApRect) { first->rect.x, first->rect.y, first->rect.width,
                 last->rect.y + last->rect.height - first->rect.y };
  set_color (cr, &p->card_border);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_fill (cr);
}

void
ap_roadmap_painter_draw_ring (cairo_t      *cr,
                              const ApRect *rect,
                              const ApRgba *color,
                              double        width)
{
  rounded_rect (cr, rect->x - width / 2 - 1, rect->y - width / 2 - 1,
                rect->width + width + 2, rect->height + width + 2, CARD_RADIUS + 2);
  set_color (cr, color);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
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

/* The initiative's cards, in phase order: by period, then by step. */
static GPtrArray *
initiative_cards (ApRoadmapLayout *layout,
                  gint64           initiative_id)
{
  GPtrArray *cards = g_ptr_array_new ();

  for (guint i = 0; i < ap_roadmap_layout_get_n_cards (layout); i++)
    {
      const ApRoadmapCardBox *box = ap_roadmap_layout_get_card_at (layout, i);

      if (box->initiative_id == initiative_id)
        g_ptr_array_add (cards, (gpointer) box);
    }
  g_ptr_array_sort (cards, compare_phase);
  return cards;
}

void
ap_roadmap_painter_draw_thread (cairo_t                *cr,
                                ApRoadmapLayout        *layout,
                                gint64                  initiative_id,
                                const ApRoadmapPalette *p)
{
  g_autoptr(GPtrArray) cards = NULL;

  if (initiative_id == 0)
    return;
  cards = initiative_cards (layout, initiative_id);
  for (guint i = 0; i < cards->len; i++)
    {
      const ApRoadmapCardBox *box = g_ptr_array_index (cards, i);

      ap_roadmap_painter_draw_ring (cr, &box->rect, &p->highlight, p->high_contrast ? 4 : 3);
    }
  if (cards->len < 2)
    return;
  set_color (cr, &p->highlight);
  cairo_set_line_width (cr, p->high_contrast ? 4 : 3);
  for (guint i = 0; i + 1 < cards->len; i++)
    {
      const ApRect *a = &((const ApRoadmapCardBox *) g_ptr_array_index (cards, i))->rect;
      const ApRect *b = &((const ApRoadmapCardBox *) g_ptr_array_index (cards, i + 1))->rect;
      double x0 = a->x + a->width / 2, y0 = a->y + a->height;
      double x1 = b->x + b->width / 2, y1 = b->y;
      double dy = MAX (40, fabs (y1 - y0) / 2);

      cairo_move_to (cr, x0, y0);
      cairo_curve_to (cr, x0, y0 + dy, x1, y1 - dy, x1, y1);
      cairo_stroke (cr);
      cairo_arc (cr, x1, y1, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

void
ap_roadmap_painter_draw_drop_target (cairo_t                *cr,
                                     ApRoadmapLayout        *layout,
                                     guint                   row,
                                     guint                   column,
                                     guint                   index,
                                     const ApRoadmapPalette *p)
{
  const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (layout, row, column);
  double y = ap_roadmap_layout_get_insertion_y (layout, row, column, index);

  cairo_rectangle (cr, cell->rect.x + 1, cell->rect.y + 1, cell->rect.width - 3,
                   cell->rect.height - 3);
  cairo_set_source_rgba (cr, p->accent.red, p->accent.green, p->accent.blue, 0.12);
  cairo_fill_preserve (cr);
  set_color (cr, &p->accent);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  rounded_rect (cr, cell->rect.x + AP_ROADMAP_CELL_PADDING / 2, y - 2,
                cell->rect.width - AP_ROADMAP_CELL_PADDING, 4, 2);
  cairo_fill (cr);
}

/* Lays the legend's items out in lines of at most @max_width, and draws them unless
 * @cr is NULL (only measuring). */
static void
flow_legend (ApRoadmapLayout        *layout,
             double                  max_width,
             cairo_t                *cr,
             const ApRoadmapPalette *p,
             double                 *width,
             double                 *height)
{
  double x = 0, y = 0, line_h = AP_ROADMAP_CHIP_SIZE + 8, widest = 0;

  for (guint i = 0; i < ap_roadmap_layout_get_n_legend_items (layout); i++)
    {
      const ApRoadmapLegendItem *item = ap_roadmap_layout_get_legend_item (layout, i);
      int w;
      double item_w;

      pango_layout_get_pixel_size (item->label, &w, NULL);
      item_w = AP_ROADMAP_CHIP_SIZE + 6 + w;
      if (x > 0 && x + item_w > max_width)
        {
          x = 0;
          y += line_h;
        }
      if (cr != NULL)
        {
          set_color (cr, &item->color);
          cairo_arc (cr, x + AP_ROADMAP_CHIP_SIZE / 2, y + line_h / 2,
                     AP_ROADMAP_CHIP_SIZE / 2, 0, 2 * G_PI);
          cairo_fill (cr);
          set_color (cr, &p->foreground);
          show_layout_centered_v (cr, item->label, x + AP_ROADMAP_CHIP_SIZE + 6, y, line_h);
        }
      x += item_w;
      widest = MAX (widest, x);
      x += LEGEND_GAP;
    }
  *width = widest;
  *height = ap_roadmap_layout_get_n_legend_items (layout) > 0 ? y + line_h : 0;
}

void
ap_roadmap_painter_measure_legend (ApRoadmapLayout *layout,
                                   double           max_width,
                                   double          *width,
                                   double          *height)
{
  flow_legend (layout, max_width, NULL, NULL, width, height);
}

void
ap_roadmap_painter_draw_legend (cairo_t                *cr,
                                ApRoadmapLayout        *layout,
                                const ApRoadmapPalette *p,
                                double                  max_width)
{
  double w, h;

  flow_legend (layout, max_width, cr, p, &w, &h);
}

static void
draw_one_card (const ApRoadmapCardBox *box,
               gpointer                user_data)
{
  gpointer *data = user_data;
  cairo_t *cr = data[0];

  cairo_save (cr);
  cairo_translate (cr, box->rect.x, box->rect.y);
  ap_roadmap_painter_draw_card (cr, data[1], box, data[2]);
  cairo_restore (cr);
}

void
ap_roadmap_painter_draw_map (cairo_t                *cr,
                             ApRoadmapLayout        *layout,
                             const ApRoadmapPalette *p)
{
  ApRect all = { 0, 0, ap_roadmap_layout_get_width (layout), ap_roadmap_layout_get_height (layout) };
  gpointer data[3] = { cr, layout, (gpointer) p };

  ap_roadmap_painter_draw_cells (cr, layout, p, &all);
  ap_roadmap_painter_draw_column_headers (cr, layout, p, &all);
  ap_roadmap_painter_draw_row_headers (cr, layout, p, &all);
  ap_roadmap_painter_draw_corner (cr, layout, p);
  ap_roadmap_layout_cards_in_rect (layout, &all, draw_one_card, data);
}
