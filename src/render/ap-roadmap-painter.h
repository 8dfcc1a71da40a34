/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "ap-roadmap-layout.h"

G_BEGIN_DECLS

/* Draws the roadmap onto any cairo_t, in map units (the caller scales for zoom). The
 * same functions draw the screen, PNG, SVG and PDF; only the palette differs. */

typedef struct
{
  ApRgba background;          /* the cells */
  ApRgba foreground;          /* header text */
  ApRgba header_background;
  ApRgba backlog_background;  /* the backlog row sets itself apart */
  ApRgba grid_line;
  ApRgba card_background;
  ApRgba card_foreground;
  ApRgba card_border;
  ApRgba accent;              /* selection, focus, drop target, insertion point */
  ApRgba highlight;           /* the other phases of the selected card's initiative */
  double dim_alpha;           /* the opacity of cards a filter leaves out */
  gboolean high_contrast;     /* thicker borders and rings */
} ApRoadmapPalette;

void ap_roadmap_palette_init_light (ApRoadmapPalette *palette);
void ap_roadmap_palette_init_dark  (ApRoadmapPalette *palette);

void ap_roadmap_painter_draw_cells          (cairo_t                *cr,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapPalette *palette,
                                             const ApRect           *area);
void ap_roadmap_painter_draw_column_headers (cairo_t                *cr,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapPalette *palette,
                                             const ApRect           *area);
void ap_roadmap_painter_draw_row_headers    (cairo_t                *cr,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapPalette *palette,
                                             const ApRect           *area);
void ap_roadmap_painter_draw_corner         (cairo_t                *cr,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapPalette *palette);

/* Draws a card with its top-left corner at the origin. */
void ap_roadmap_painter_draw_card           (cairo_t                *cr,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapCardBox *box,
                                             const ApRoadmapPalette *palette);
/* The far-zoom levels of detail, in map coordinates. */
void ap_roadmap_painter_draw_card_block     (cairo_t                *cr,
                                             const ApRoadmapCardBox *box,
                                             const ApRoadmapPalette *palette);
void ap_roadmap_painter_draw_cell_summary   (cairo_t                *cr,
                                             ApRoadmapLayout        *layout,
                                             guint                   row,
                                             guint                   column,
                                             const ApRoadmapPalette *palette);

void ap_roadmap_painter_draw_ring           (cairo_t                *cr,
                                             const ApRect           *rect,
                                             const ApRgba           *color,
                                             double                  width);
void ap_roadmap_painter_draw_thread         (cairo_t                *cr,
                                             ApRoadmapLayout        *layout,
                                             gint64                  initiative_id,
                                             const ApRoadmapPalette *palette);
void ap_roadmap_painter_draw_drop_target    (cairo_t                *cr,
                                             ApRoadmapLayout        *layout,
                                             guint                   row,
                                             guint                   column,
                                             guint                   index,
                                             const ApRoadmapPalette *palette);

void ap_roadmap_painter_measure_legend      (ApRoadmapLayout        *layout,
                                             double                  max_width,
                                             double                 *width,
                                             double                 *height);
void ap_roadmap_painter_draw_legend         (cairo_t                *cr,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapPalette *palette,
                                             double                  max_width);

/* The whole map (headers, cells, every card at full detail), at the origin. */
void ap_roadmap_painter_draw_map            (cairo_t                *cr,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapPalette *palette);

G_END_DECLS
