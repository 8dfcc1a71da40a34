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

/* A rectangle whose corners (top left, top right, bottom right, bottom left) are
 * quarter ellipses @rx[i] wide and @ry[i] tall. */
static void
rounded_path (cairo_t      *cr,
              const ApRect *rect,
              const double  rx[4],
              const double  ry[4])
{
  static const double corners[4][3] = {
    { 0, 0, G_PI }, { 1, 0, -G_PI / 2 }, { 1, 1, 0 }, { 0, 1, G_PI / 2 },
  };
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  cairo_new_sub_path (cr);
  for (guint i = 0; i < 4; i++)
    {
      double cw = CLAMP (rx[i], 0, w / 2), ch = CLAMP (ry[i], 0, h / 2);
      double cx = corners[i][0] ? x + w - cw : x + cw, cy = corners[i][1] ? y + h - ch : y + ch;

      if (cw <= 0 || ch <= 0)
        {
          cairo_line_to (cr, corners[i][0] ? x + w : x, corners[i][1] ? y + h : y);
          continue;
        }
      cairo_save (cr);
      cairo_translate (cr, cx, cy);
      cairo_scale (cr, cw, ch);
      cairo_arc (cr, 0, 0, 1, corners[i][2], corners[i][2] + G_PI / 2);
      cairo_restore (cr);
    }
  cairo_close_path (cr);
}

static void
cairo_fill_shape (gpointer      target,
                  const ApRect *rect,
                  double        radius,
                  const ApRgba *color)
{
  cairo_t *cr = target;
  double r[4] = { radius, radius, radius, radius };

  rounded_path (cr, rect, r, r);
  set_color (cr, color);
  cairo_fill (cr);
}

/* As GTK draws a border: the shape minus the shape shrunk by the widths, each of whose
 * corners shrinks by the widths of its two sides. */
static void
cairo_border (gpointer      target,
              const ApRect *rect,
              double        radius,
              const double  widths[4],
              const ApRgba *color)
{
  cairo_t *cr = target;
  double top = widths[0], right = widths[1], bottom = widths[2], left = widths[3];
  double r[4] = { radius, radius, radius, radius };
  double rx[4] = { radius - left, radius - right, radius - right, radius - left };
  double ry[4] = { radius - top, radius - top, radius - bottom, radius - bottom };
  ApRect inside = { rect->x + left, rect->y + top,
                    rect->width - left - right, rect->height - top - bottom };

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  rounded_path (cr, rect, r, r);
  if (inside.width > 0 && inside.height > 0)
    rounded_path (cr, &inside, rx, ry);
  set_color (cr, color);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
cairo_pop_rotate (gpointer target)
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
  cairo_border,
  cairo_text,
  cairo_push_rotate,
  cairo_pop_rotate,
};

/* WCAG relative luminance, with the threshold where black and white read alike. */
ApRgba
ap_rgba_contrasting (const ApRgba *c)
{
  double l = 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;

  return l > 0.55 ? (ApRgba) { 0, 0, 0, 1 } : (ApRgba) { 1, 1, 1, 1 };
}
