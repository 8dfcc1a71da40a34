/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "ap-roadmap-layout.h"
#include "ap-roadmap-pen.h"

G_BEGIN_DECLS

/* Draws the roadmap in map units (the caller scales for zoom). The same functions draw
 * the screen, PNG, SVG and PDF; only the palette differs. Each draw_*() function draws
 * onto a cairo_t; its trace_*() twin draws the same with any pen (ap-roadmap-pen.h),
 * which is how the canvas makes render nodes of it. */

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

void ap_roadmap_painter_trace_cells         (const ApRoadmapPen     *pen,
                                             gpointer                target,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapPalette *palette,
                                             const ApRect           *area);
void ap_roadmap_painter_trace_column_headers (const ApRoadmapPen     *pen,
                                              gpointer                target,
                                              ApRoadmapLayout        *layout,
                                              const ApRoadmapPalette *palette,
                                              const ApRect           *area);
void ap_roadmap_painter_trace_row_headers   (const ApRoadmapPen     *pen,
                                             gpointer                target,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapPalette *palette,
                                             const ApRect           *area);
void ap_roadmap_painter_trace_corner        (const ApRoadmapPen     *pen,
                                             gpointer                target,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapPalette *palette);
void ap_roadmap_painter_trace_card          (const ApRoadmapPen     *pen,
                                             gpointer                target,
                                             ApRoadmapLayout        *layout,
                                             const ApRoadmapCardBox *box,
                                             const ApRoadmapPalette *palette);
/* The lowest level of detail: a cell's cards as one block, and their number drawn on
 * it at a readable size on screen at @zoom, kept below @top (map units). */
void ap_roadmap_painter_trace_cell_block    (const ApRoadmapPen     *pen,
                                             gpointer                target,
                                             ApRoadmapLayout        *layout,
                                             guint                   row,
                                             guint                   column,
                                             const ApRoadmapPalette *palette);
void ap_roadmap_painter_trace_cell_count    (const ApRoadmapPen     *pen,
                                             gpointer                target,
                                             ApRoadmapLayout        *layout,
                                             guint                   row,
                                             guint                   column,
                                             const ApRoadmapPalette *palette,
                                             double                  zoom,
                                             double                  top);
void ap_roadmap_painter_trace_ring          (const ApRoadmapPen     *pen,
                                             gpointer                target,
                                             const ApRect           *rect,
                                             const ApRgba           *color,
                                             double                  width);

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
/* The selection's marks: a ring around a selected card, and the thread from each phase
 * of an initiative to the next. Each says what it covers, so that the canvas can draw
 * it into a node of that size only. */
void ap_roadmap_painter_draw_focus_ring     (cairo_t                *cr,
                                             const ApRect           *rect,
                                             const ApRgba           *color,
                                             double                  width,
                                             double                  dash);
void ap_roadmap_painter_get_ring_extents    (const ApRect           *rect,
                                             double                  width,
                                             ApRect                 *extents);
void ap_roadmap_painter_draw_thread_link    (cairo_t                *cr,
                                             const ApRect           *from,
                                             const ApRect           *to,
                                             const ApRoadmapPalette *palette);
void ap_roadmap_painter_get_thread_link_extents (const ApRect           *from,
                                                 const ApRect           *to,
                                                 const ApRoadmapPalette *palette,
                                                 ApRect                 *extents);

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
