/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-painter"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "ap-roadmap-painter.h"
#include "ap-roadmap-pen.h"

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

/* Shorthands for the pen. */

static void
fill (const ApRoadmapPen *pen,
      gpointer            target,
      double              x,
      double              y,
      double              w,
      double              h,
      double              radius,
      const ApRgba       *color)
{
  pen->fill (target, &(ApRect) { x, y, w, h }, radius, color);
}

/* A border of @width all round. */
static void
outline (const ApRoadmapPen *pen,
         gpointer            target,
         const ApRect       *rect,
         double              radius,
         double              width,
         const ApRgba       *color)
{
  double widths[4] = { width, width, width, width };

  pen->border (target, rect, radius, widths, color);
}

static void
text_centered_v (const ApRoadmapPen *pen,
                 gpointer            target,
                 PangoLayout        *layout,
                 double              x,
                 double              y,
                 double              height,
                 const ApRgba       *color)
{
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  pen->text (target, layout, x, y + MAX (0, (height - h) / 2), 1, color);
}

void
ap_roadmap_painter_trace_cells (const ApRoadmapPen     *pen,
                                gpointer                target,
                                ApRoadmapLayout        *layout,
                                const ApRoadmapPalette *p,
                                const ApRect           *area)
{
  guint n_rows = ap_roadmap_layout_get_n_rows (layout);
  guint n_columns = ap_roadmap_layout_get_n_columns (layout);
  double left = ap_roadmap_layout_get_period_width (layout);
  double right = ap_roadmap_layout_get_width (layout);
  double top = ap_roadmap_layout_get_header_height (layout);
  double bottom = ap_roadmap_layout_get_height (layout);

  for (guint r = 0; r < n_rows; r++)
    {
      const ApRoadmapRowBox *row = ap_roadmap_layout_get_row (layout, r);

      if (row->rect.y > area->y + area->height || row->rect.y + row->rect.height < area->y)
        continue;
      fill (pen, target, left, row->rect.y, right - left, row->rect.height, 0,
            row->is_backlog ? &p->backlog_background : &p->background);
      fill (pen, target, left, row->rect.y + row->rect.height - 1, right - left, 1, 0, &p->grid_line);
    }
  /* The lines between columns, over the part of the map in @area only: on screen a
   * line as tall as a 20,000-card map is no cheaper to clip than to leave out. */
  top = MAX (top, area->y);
  bottom = MIN (bottom, area->y + area->height);
  for (guint c = 0; c < n_columns && top < bottom; c++)
    {
      const ApRoadmapColumnBox *column = ap_roadmap_layout_get_column (layout, c);
      double x = column->rect.x + column->rect.width - 1;

      if (x + 1 >= area->x && x <= area->x + area->width)
        fill (pen, target, x, top, 1, bottom - top, 0, &p->grid_line);
    }
}

void
ap_roadmap_painter_draw_cells (cairo_t                *cr,
                               ApRoadmapLayout        *layout,
                               const ApRoadmapPalette *p,
                               const ApRect           *area)
{
  ap_roadmap_painter_trace_cells (&ap_roadmap_cairo_pen, cr, layout, p, area);
}

void
ap_roadmap_painter_trace_column_headers (const ApRoadmapPen     *pen,
                                         gpointer                target,
                                         ApRoadmapLayout        *layout,
                                         const ApRoadmapPalette *p,
                                         const ApRect           *area)
{
  double header_height = ap_roadmap_layout_get_header_height (layout);
  double activity_height = ap_roadmap_layout_get_activity_height (layout);
  double line = p->high_contrast ? 2 : 1;

  fill (pen, target, area->x, 0, area->width, header_height, 0, &p->header_background);
  for (guint i = 0; i < ap_roadmap_layout_get_n_activities (layout); i++)
    {
      const ApRoadmapActivityBox *a = ap_roadmap_layout_get_activity (layout, i);

      if (a->rect.x > area->x + area->width || a->rect.x + a->rect.width < area->x)
        continue;
      text_centered_v (pen, target, a->label, a->rect.x + HEADER_PAD, 0, activity_height,
                       &p->foreground);
      fill (pen, target, a->rect.x + a->rect.width - 1, 0, 1, header_height, 0, &p->grid_line);
      fill (pen, target, a->rect.x, activity_height - 1, a->rect.width, 1, 0, &p->grid_line);
    }
  for (guint i = 0; i < ap_roadmap_layout_get_n_columns (layout); i++)
    {
      const ApRoadmapColumnBox *c = ap_roadmap_layout_get_column (layout, i);

      if (c->rect.x > area->x + area->width || c->rect.x + c->rect.width < area->x)
        continue;
      text_centered_v (pen, target, c->label, c->rect.x + HEADER_PAD, c->rect.y, c->rect.height,
                       &p->foreground);
      fill (pen, target, c->rect.x + c->rect.width - 1, c->rect.y, 1, c->rect.height, 0, &p->grid_line);
    }
  fill (pen, target, area->x, header_height - line, area->width, line, 0, &p->grid_line);
}

void
ap_roadmap_painter_draw_column_headers (cairo_t                *cr,
                                        ApRoadmapLayout        *layout,
                                        const ApRoadmapPalette *p,
                                        const ApRect           *area)
{
  ap_roadmap_painter_trace_column_headers (&ap_roadmap_cairo_pen, cr, layout, p, area);
}

void
ap_roadmap_painter_trace_row_headers (const ApRoadmapPen     *pen,
                                      gpointer                target,
                                      ApRoadmapLayout        *layout,
                                      const ApRoadmapPalette *p,
                                      const ApRect           *area)
{
  double width = ap_roadmap_layout_get_period_width (layout);
  double line = p->high_contrast ? 2 : 1;

  for (guint r = 0; r < ap_roadmap_layout_get_n_rows (layout); r++)
    {
      const ApRoadmapRowBox *row = ap_roadmap_layout_get_row (layout, r);

      if (row->rect.y > area->y + area->height || row->rect.y + row->rect.height < area->y)
        continue;
      fill (pen, target, 0, row->rect.y, width, row->rect.height, 0,
            row->is_backlog ? &p->backlog_background : &p->header_background);
      pen->text (target, row->label, HEADER_PAD, row->rect.y + HEADER_PAD, 1, &p->foreground);
      fill (pen, target, 0, row->rect.y + row->rect.height - 1, width, 1, 0, &p->grid_line);
    }
  fill (pen, target, width - line, area->y, line, area->height, 0, &p->grid_line);
}

void
ap_roadmap_painter_draw_row_headers (cairo_t                *cr,
                                     ApRoadmapLayout        *layout,
                                     const ApRoadmapPalette *p,
                                     const ApRect           *area)
{
  ap_roadmap_painter_trace_row_headers (&ap_roadmap_cairo_pen, cr, layout, p, area);
}

void
ap_roadmap_painter_trace_corner (const ApRoadmapPen     *pen,
                                 gpointer                target,
                                 ApRoadmapLayout        *layout,
                                 const ApRoadmapPalette *p)
{
  double w = ap_roadmap_layout_get_period_width (layout);
  double h = ap_roadmap_layout_get_header_height (layout);

  fill (pen, target, 0, 0, w, h, 0, &p->header_background);
  fill (pen, target, w - 1, 0, 1, h, 0, &p->grid_line);
  fill (pen, target, 0, h - 1, w, 1, 0, &p->grid_line);
}

void
ap_roadmap_painter_draw_corner (cairo_t                *cr,
                                ApRoadmapLayout        *layout,
                                const ApRoadmapPalette *p)
{
  ap_roadmap_painter_trace_corner (&ap_roadmap_cairo_pen, cr, layout, p);
}

/* The marks are small drawings rather than icons: the render layer has no icon theme,
 * and they must print. A page for notes, a diamond for pain categories, a chain link
 * for dependencies. Lines are MARK_LINE wide. */
#define MARK_LINE 1.2

static void
trace_marks (const ApRoadmapPen     *pen,
             gpointer                target,
             const ApRoadmapCardBox *box,
             const ApRoadmapPalette *p,
             double                  x,
             double                  y)
{
  double s = AP_ROADMAP_CHIP_SIZE, m = MARK_LINE;
  const ApRgba *c = &p->card_foreground;

  if (box->marks & AP_ROADMAP_MARK_NOTES)
    {
      outline (pen, target, &(ApRect) { x + 3.5 - m / 2, y + 1.5 - m / 2, s - 7 + m, s - 3 + m }, 0, m, c);
      for (int i = 0; i < 3; i++)
        fill (pen, target, x + 6, y + 5.5 + 3 * i - m / 2, s - 12, m, 0, c);
      x += s + 2;
    }
  if (box->marks & AP_ROADMAP_MARK_CATEGORIES)
    {
      /* A square on its point: its half diagonal is s/2 - 2. */
      double side = (s / 2 - 2) * G_SQRT2 + m;

      pen->push_rotate (target, x + s / 2, y + s / 2, 45);
      outline (pen, target, &(ApRect) { x + (s - side) / 2, y + (s - side) / 2, side, side }, 0, m, c);
      pen->pop_rotate (target);
      x += s + 2;
    }
  if (box->marks & AP_ROADMAP_MARK_DEPENDENCIES)
    {
      outline (pen, target, &(ApRect) { x + 1.5 - m / 2, y + 5 - m / 2, 8 + m, 6 + m }, 3 + m / 2, m, c);
      outline (pen, target, &(ApRect) { x + s - 9.5 - m / 2, y + 5 - m / 2, 8 + m, 6 + m }, 3 + m / 2, m, c);
    }
}

static void
trace_chips (const ApRoadmapPen     *pen,
             gpointer                target,
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

      fill (pen, target, x, y, s, s, s / 2, &chip->color);
      if (chip->footnote > 0)
        {
          char text[24];
          PangoLayout *number;
          ApRgba on_chip = ap_rgba_contrasting (&chip->color);
          int w;

          g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, chip->footnote);
          number = ap_roadmap_layout_get_small_text (layout, text);
          pango_layout_get_pixel_size (number, &w, NULL);
          text_centered_v (pen, target, number, x + (s - w) / 2, y, s, &on_chip);
        }
      x += s + 3;
    }
  if (box->marks != 0)
    trace_marks (pen, target, box, p, x + (box->n_chips > 0 ? 4 : 0), y);
}

/* A card, with its top-left corner at the origin. */
void
ap_roadmap_painter_trace_card (const ApRoadmapPen     *pen,
                               gpointer                target,
                               ApRoadmapLayout        *layout,
                               const ApRoadmapCardBox *box,
                               const ApRoadmapPalette *p)
{
  ApRect card = { 0, 0, box->rect.width, box->rect.height };
  double y = AP_ROADMAP_CARD_PADDING;
  int title_h;

  pen->fill (target, &card, CARD_RADIUS, &p->card_background);
  outline (pen, target, &card, CARD_RADIUS, p->high_contrast ? 2 : 1, &p->card_border);
  /* The stage's colour runs down the left edge too, so it reads at a glance: a border
   * on that side only, over the outline's. */
  pen->border (target, &card, CARD_RADIUS, (double[4]) { 0, 0, 0, STRIPE_WIDTH }, &box->stage_color);

  pen->text (target, box->title, AP_ROADMAP_CARD_PADDING, y, 1, &p->card_foreground);
  pango_layout_get_pixel_size (box->title, NULL, &title_h);
  y += title_h + 6;

  if (box->badge != NULL)
    {
      ApRgba on_badge = ap_rgba_contrasting (&box->stage_color);
      int bw;

      /* A long stage ("Adopt via Automated-Feedback") wraps to a second line: the
       * badge grows, and a pill becomes a rounded rectangle. */
      pango_layout_get_pixel_size (box->badge, &bw, NULL);
      fill (pen, target, AP_ROADMAP_CARD_PADDING, y, bw + 2 * AP_ROADMAP_BADGE_PADDING,
            box->badge_height, AP_ROADMAP_BADGE_HEIGHT / 2, &box->stage_color);
      text_centered_v (pen, target, box->badge, AP_ROADMAP_CARD_PADDING + AP_ROADMAP_BADGE_PADDING,
                       y, box->badge_height, &on_badge);
      y += box->badge_height + 6;
    }
  if (box->n_chips > 0 || box->marks != 0)
    trace_chips (pen, target, layout, box, p, y);
}

void
ap_roadmap_painter_draw_card (cairo_t                *cr,
                              ApRoadmapLayout        *layout,
                              const ApRoadmapCardBox *box,
                              const ApRoadmapPalette *p)
{
  ap_roadmap_painter_trace_card (&ap_roadmap_cairo_pen, cr, layout, box, p);
}

/* The lowest level of detail: a cell's cards as one block. */
void
ap_roadmap_painter_trace_cell_block (const ApRoadmapPen     *pen,
                                     gpointer                target,
                                     ApRoadmapLayout        *layout,
                                     guint                   row,
                                     guint                   column,
                                     const ApRoadmapPalette *p)
{
  ApRect r;

  if (ap_roadmap_layout_get_cell_extent (layout, row, column, &r))
    pen->fill (target, &r, 0, &p->card_border);
}

/* The number of cards on a cell's block, when it fits, at a readable size on screen
 * whatever @zoom, and at the top of the block's part below @top (map units): a block
 * taller than the view keeps its number in sight. */
void
ap_roadmap_painter_trace_cell_count (const ApRoadmapPen     *pen,
                                     gpointer                target,
                                     ApRoadmapLayout        *layout,
                                     guint                   row,
                                     guint                   column,
                                     const ApRoadmapPalette *p,
                                     double                  zoom,
                                     double                  top)
{
  const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (layout, row, column);
  ApRgba on_block = ap_rgba_contrasting (&p->card_border);
  PangoLayout *count;
  char text[16];
  double y;
  ApRect r;
  int tw, th;

  if (!ap_roadmap_layout_get_cell_extent (layout, row, column, &r))
    return;
  g_snprintf (text, sizeof text, "%u", cell->n_cards);
  count = ap_roadmap_layout_get_small_text (layout, text);
  pango_layout_get_pixel_size (count, &tw, &th);
  if (tw + 2 > r.width * zoom || th + 4 > r.height * zoom)
    return;
  y = MIN (MAX (r.y, top), r.y + r.height - (th + 4) / zoom);
  pen->text (target, count, r.x + r.width / 2 - tw / (2 * zoom), y + 2 / zoom, 1 / zoom, &on_block);
}

/* A ring of @width around @rect, as a selection or the initiative's phases show. */
void
ap_roadmap_painter_trace_ring (const ApRoadmapPen *pen,
                               gpointer            target,
                               const ApRect       *rect,
                               const ApRgba       *color,
                               double              width)
{
  ApRect outer = { rect->x - width - 1, rect->y - width - 1,
                   rect->width + 2 * width + 2, rect->height + 2 * width + 2 };

  outline (pen, target, &outer, CARD_RADIUS + 2 + width / 2, width, color);
}

/* The keyboard focus: a dashed line of @width around @rect, @dash long dashes. Stroked,
 * not a pen's border: a border cannot be dashed. */
void
ap_roadmap_painter_draw_focus_ring (cairo_t      *cr,
                                    const ApRect *rect,
                                    const ApRgba *color,
                                    double        width,
                                    double        dash)
{
  double r = CARD_RADIUS + 2, x = rect->x - width / 2 - 1, y = rect->y - width / 2 - 1;
  double w = rect->width + width + 2, h = rect->height + width + 2;

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_color (cr, color);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, &dash, 1, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* What trace_ring() and draw_focus_ring() cover. */
void
ap_roadmap_painter_get_ring_extents (const ApRect *rect,
                                     double        width,
                                     ApRect       *extents)
{
  double m = width + 2;

  *extents = (ApRect) { rect->x - m, rect->y - m, rect->width + 2 * m, rect->height + 2 * m };
}

static double
thread_width (const ApRoadmapPalette *p)
{
  return p->high_contrast ? 4 : 3;
}

/* The curve from the bottom of one phase to the top of the next, ending in a dot. */
static void
link_points (const ApRect *from,
             const ApRect *to,
             double        pts[8])
{
  double x0 = from->x + from->width / 2, y0 = from->y + from->height;
  double x1 = to->x + to->width / 2, y1 = to->y;
  double dy = MAX (40, fabs (y1 - y0) / 2);

  pts[0] = x0, pts[1] = y0, pts[2] = x0, pts[3] = y0 + dy;
  pts[4] = x1, pts[5] = y1 - dy, pts[6] = x1, pts[7] = y1;
}

/* What draw_thread_link() covers: the curve lies inside its control points' hull. */
void
ap_roadmap_painter_get_thread_link_extents (const ApRect           *from,
                                            const ApRect           *to,
                                            const ApRoadmapPalette *p,
                                            ApRect                 *extents)
{
  double pts[8], x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double m = MAX (4, thread_width (p)) + 1;

  link_points (from, to, pts);
  for (guint i = 0; i < 8; i += 2)
    {
      x0 = MIN (x0, pts[i]), x1 = MAX (x1, pts[i]);
      y0 = MIN (y0, pts[i + 1]), y1 = MAX (y1, pts[i + 1]);
    }
  *extents = (ApRect) { x0 - m, y0 - m, x1 - x0 + 2 * m, y1 - y0 + 2 * m };
}

void
ap_roadmap_painter_draw_thread_link (cairo_t                *cr,
                                     const ApRect           *from,
                                     const ApRect           *to,
                                     const ApRoadmapPalette *p)
{
  double pts[8];

  link_points (from, to, pts);
  set_color (cr, &p->highlight);
  cairo_set_line_width (cr, thread_width (p));
  cairo_move_to (cr, pts[0], pts[1]);
  cairo_curve_to (cr, pts[2], pts[3], pts[4], pts[5], pts[6], pts[7]);
  cairo_stroke (cr);
  cairo_arc (cr, pts[6], pts[7], 4, 0, 2 * G_PI);
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
