/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "ap-roadmap-layout.h"

G_BEGIN_DECLS

/* What the roadmap painter draws with: filled and bordered (rounded) rectangles, text,
 * and a rotation. The cairo pen (ap_roadmap_cairo_pen, its target a cairo_t *)
 * draws the PNG, SVG and PDF exports; the canvas has a pen that turns the same calls
 * into GTK render nodes. Why not cairo everywhere: GTK 4.8's cairo renderer replays a
 * cairo node through a temporary image of its visible size on every frame, and turns
 * texture nodes into floats pixel by pixel, while colour, border and text nodes it
 * draws straight onto the frame. No clips either: a colour clipped to a rounded shape
 * costs that renderer a mask, where a border fills the same shape in one go. */

typedef struct
{
  /* @rect filled, its corners rounded by @radius (0: square). */
  void (*fill)        (gpointer      target,
                       const ApRect *rect,
                       double        radius,
                       const ApRgba *color);
  /* A border just inside @rect along its (rounded) edge, @widths wide on each side
   * (top, right, bottom, left, as in CSS; 0: none on that side). */
  void (*border)      (gpointer      target,
                       const ApRect *rect,
                       double        radius,
                       const double  widths[4],
                       const ApRgba *color);
  /* @layout with its top-left corner at @x, @y, @scale times its size. */
  void (*text)        (gpointer      target,
                       PangoLayout  *layout,
                       double        x,
                       double        y,
                       double        scale,
                       const ApRgba *color);
  /* Until pop_rotate(), everything turns by @degrees (clockwise) around @x, @y. */
  void (*push_rotate) (gpointer      target,
                       double        x,
                       double        y,
                       double        degrees);
  void (*pop_rotate)  (gpointer      target);
} ApRoadmapPen;

extern const ApRoadmapPen ap_roadmap_cairo_pen;

/* Black or white, whichever reads better on @color. */
ApRgba ap_rgba_contrasting (const ApRgba *color);

G_END_DECLS
