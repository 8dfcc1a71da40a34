/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-pen"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "ap-roadmap-pen.h"

/* The cairo pen: its target is a cairo_t. */

static void
set_color (cairo_t      *cr,
           const ApRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static void
rounded_rect (cairo_t      *cr,
              const ApRect *rect,
              double        r)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  r = MIN (r, MIN (w, h) / 2);
  if (r <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
cairo_fill_shape (gpointer      target,
                  const ApRect *rect,
                  double        radius,
                  const ApRgba *color)
{
  cairo_t *cr = target;

  rounded_rect (cr, rect, radius);
  set_color (cr, color);
  cairo_fill (cr);
}

static void
cairo_outline (gpointer      target,
               const ApRect *rect,
               double        radius,
               double        width,
               const ApRgba *color)
{
  cairo_t *cr = target;
  ApRect path = { rect->x + width / 2, rect->y + width / 2, rect->width - width, rect->height - width };

  rounded_rect (cr, &path, MAX (0, radius - width / 2));
  set_color (cr, color);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
cairo_push_clip (gpointer      target,
                 const ApRect *rect,
                 double        radius)
{
  cairo_t *cr = target;

  cairo_save (cr);
  rounded_rect (cr, rect, radius);
  cairo_clip (cr);
}

static void
cairo_pop (gpointer target)
{
  cairo_restore (target);
}

static void
cairo_text (gpointer      target,
            PangoLayout  *layout,
            double        x,
            double        y,
            double        scale,
            const ApRgba *color)
{
  cairo_t *cr = target;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  set_color (cr, color);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
cairo_push_rotate (gpointer target,
                   double   x,
                   double   y,
                   double   degrees)
{
  cairo_t *cr = target;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, degrees * G_PI / 180);
  cairo_translate (cr, -x, -y);
}

const ApRoadmapPen ap_roadmap_cairo_pen = {
  cairo_fill_shape,
  cairo_outline,
  cairo_push_clip,
  cairo_pop,
  cairo_text,
  cairo_push_rotate,
  cairo_pop,
};

/* WCAG relative luminance, with the threshold where black and white read alike. */
ApRgba
ap_rgba_contrasting (const ApRgba *c)
{
  double l = 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;

  return l > 0.55 ? (ApRgba) { 0, 0, 0, 1 } : (ApRgba) { 1, 1, 1, 1 };
}
