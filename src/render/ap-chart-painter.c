/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-chart-painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ap-chart-painter-private.h"

/* Okabe & Ito, "Color Universal Design": eight colours that stay distinct for the
 * common forms of colour blindness. Black, the eighth, is swapped for a light grey on
 * dark backgrounds. */
static const guint32 okabe_ito[AP_CHART_N_SERIES_COLORS] = {
  0x0072b2, 0xe69f00, 0x009e73, 0xd55e00, 0x56b4e9, 0xcc79a7, 0xf0e442, 0x000000,
};

static const struct
{
  const char *id;
  const char *title;
} kinds[AP_N_CHARTS] = {
  { "incidents", N_("Incidents per Category") },
  { "occurrences", N_("Occurrences per Category") },
  { "anecdotes", N_("Anecdotes over Time") },
  { "pain-vs-plan", N_("Pain versus Plan") },
  { "status", N_("Category Status") },
};

static ApChartColor
rgb (guint32 hex)
{
  return (ApChartColor) { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                          (hex & 0xff) / 255.0, 1.0 };
}

void
ap_chart_palette_init (ApChartPalette *palette,
                       gboolean        dark)
{
  for (guint i = 0; i < AP_CHART_N_SERIES_COLORS; i++)
    palette->series[i] = rgb (okabe_ito[i]);
  palette->background = rgb (dark ? 0x242424 : 0xffffff);
  palette->foreground = rgb (dark ? 0xffffff : 0x1e1e1e);
  palette->dim = rgb (dark ? 0xb0b0b0 : 0x5e5e5e);
  palette->grid = rgb (dark ? 0x4a4a4a : 0xdedede);
  palette->neutral = rgb (dark ? 0x8a8a8a : 0x9a9a9a);
  palette->alert = rgb (dark ? 0xff7b63 : 0xc01c28);
  palette->focus = rgb (dark ? 0x78aeed : 0x1c71d8);
  if (dark)
    palette->series[7] = rgb (0xdddddd);
}

/* For files: black on white, which prints and projects on any paper or beamer. */
void
ap_chart_palette_init_print (ApChartPalette *palette)
{
  ap_chart_palette_init (palette, FALSE);
  palette->foreground = rgb (0x000000);
  palette->dim = rgb (0x404040);
}

const char *
ap_chart_kind_get_title (ApChartKind kind)
{
  g_return_val_if_fail (kind < AP_N_CHARTS, NULL);
  return _(kinds[kind].title);
}

const char *
ap_chart_kind_get_id (ApChartKind kind)
{
  g_return_val_if_fail (kind < AP_N_CHARTS, NULL);
  return kinds[kind].id;
}

/* Categories without a status are grey, so that a colour always means a status. */
const ApChartColor *
ap_chart_palette_status_color (const ApChartPalette *palette,
                               ApChartData          *data,
                               guint                 status_index)
{
  guint coloured = 0;

  if (status_index >= ap_chart_data_get_n_statuses (data) ||
      ap_chart_data_get_status (data, status_index)->status[0] == '\0')
    return &palette->neutral;
  for (guint s = 0; s < status_index; s++)
    if (ap_chart_data_get_status (data, s)->status[0] != '\0')
      coloured++;
  return &palette->series[coloured % AP_CHART_N_SERIES_COLORS];
}

/* WCAG 2 relative luminance of an sRGB colour. */
static double
relative_luminance (const ApChartColor *color)
{
  const double channels[3] = { color->red, color->green, color->blue };
  const double weights[3] = { 0.2126, 0.7152, 0.0722 };
  double luminance = 0;

  for (guint i = 0; i < 3; i++)
    {
      double c = channels[i];

      luminance += weights[i] * (c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4));
    }
  return luminance;
}

/**
 * ap_chart_color_contrast:
 * @text: the colour drawn on top, possibly translucent (themes dim text with alpha)
 * @fill: the opaque colour under it
 *
 * Returns: the WCAG contrast ratio, from 1 (none) to 21 (black on white)
 */
double
ap_chart_color_contrast (const ApChartColor *text,
                         const ApChartColor *fill)
{
  double a = CLAMP (text->alpha, 0, 1);
  ApChartColor seen = { text->red * a + fill->red * (1 - a),
                        text->green * a + fill->green * (1 - a),
                        text->blue * a + fill->blue * (1 - a), 1.0 };
  double l1 = relative_luminance (&seen), l2 = relative_luminance (fill);

  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

/* Text drawn on a filled bar takes the foreground or the background colour, whichever
 * stands out more: the Okabe–Ito set has light members (orange, sky blue, yellow) on
 * which a light theme's white background all but vanishes, and dark members on which
 * a dark theme's near-black does. */
const ApChartColor *
ap_chart_palette_text_on (const ApChartPalette *palette,
                          const ApChartColor   *fill)
{
  return ap_chart_color_contrast (&palette->foreground, fill) >=
         ap_chart_color_contrast (&palette->background, fill)
           ? &palette->foreground : &palette->background;
}

void
ap_chart_painter_set_color (ApChartPainter     *p,
                            const ApChartColor *color,
                            double              alpha)
{
  cairo_set_source_rgba (p->cr, color->red, color->green, color->blue, color->alpha * alpha);
}

void
ap_chart_painter_set_text (ApChartPainter *p,
                           const char     *text,
                           TextStyle       style,
                           double          max_width,
                           int             max_lines)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  double px = p->font_px * (style == TEXT_TITLE ? 1.35 : style == TEXT_SMALL ? 0.85 : 1.0);

  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  if (style == TEXT_TITLE)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (p->layout, font);
  pango_layout_set_text (p->layout, text, -1);
  /* Long category names wrap onto a second line and are then ellipsized. */
  pango_layout_set_width (p->layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_height (p->layout, max_lines > 0 ? -max_lines : -1);
  pango_layout_set_wrap (p->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (p->layout, max_width > 0 ? PANGO_ELLIPSIZE_END
                                                       : PANGO_ELLIPSIZE_NONE);
}

void
ap_chart_painter_text_size (ApChartPainter *p,
                            double         *width,
                            double         *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (p->layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

void
ap_chart_painter_show_text (ApChartPainter     *p,
                            double              x,
                            double              y,
                            const ApChartColor *color)
{
  ap_chart_painter_set_color (p, color, 1.0);
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, p->layout);
}

/* Returns the y where the chart's body starts. */
double
ap_chart_painter_title (ApChartPainter *p,
                        const char     *title,
                        const char     *subtitle)
{
  double pad = 12 * p->scale, w, h, y = pad;

  ap_chart_painter_set_text (p, title, TEXT_TITLE, p->width - 2 * pad, 1);
  ap_chart_painter_text_size (p, &w, &h);
  ap_chart_painter_show_text (p, pad, y, &p->palette->foreground);
  y += h;
  if (subtitle != NULL)
    {
      ap_chart_painter_set_text (p, subtitle, TEXT_SMALL, p->width - 2 * pad, 2);
      ap_chart_painter_text_size (p, &w, &h);
      ap_chart_painter_show_text (p, pad, y + 2 * p->scale, &p->palette->dim);
      y += h + 2 * p->scale;
    }
  return y + pad;
}

/* Lays the swatches and labels out in rows from @y; returns the y below them. */
double
ap_chart_painter_legend (ApChartPainter              *p,
                         double                       y,
                         const char * const          *labels,
                         const ApChartColor * const  *colors,
                         const gboolean              *light,
                         guint                        n)
{
  double pad = 12 * p->scale, x = pad, sw = p->font_px * 0.9, row_h = 0;

  for (guint i = 0; i < n; i++)
    {
      double w, h;

      ap_chart_painter_set_text (p, labels[i], TEXT_SMALL, p->width / 2, 1);
      ap_chart_painter_text_size (p, &w, &h);
      if (x > pad && x + sw + 4 * p->scale + w > p->width - pad)
        {
          x = pad;
          y += row_h + 4 * p->scale;
        }
      row_h = MAX (row_h, h);
      cairo_rectangle (p->cr, x, y + (h - sw) / 2, sw, sw);
      ap_chart_painter_set_color (p, colors[i], light != NULL && light[i] ? 0.35 : 1.0);
      cairo_fill_preserve (p->cr);
      ap_chart_painter_set_color (p, colors[i], 1.0);
      cairo_set_line_width (p->cr, 1);
      cairo_stroke (p->cr);
      ap_chart_painter_show_text (p, x + sw + 4 * p->scale, y, &p->palette->dim);
      x += sw + 4 * p->scale + w + 14 * p->scale;
    }
  return y + row_h;
}

/* A step of 1, 2 or 5 × 10ⁿ giving about @n_ticks ticks up to @max. */
double
ap_chart_painter_nice_step (double max,
                            int    n_ticks)
{
  double raw = MAX (max, 1) / MAX (n_ticks, 1);
  double magnitude = pow (10, floor (log10 (raw)));
  double f = raw / magnitude;
  double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;

  return MAX (step, 1);
}

void
ap_chart_painter_add_bar (ApChartPainter   *p,
                          const ApChartBar *bar)
{
  if (p->bars != NULL)
    g_array_append_val (p->bars, *bar);
}

/* Light bars (the earlier survey) are a pale fill in an outline of the same colour, so
 * that they read as "the same thing, before" next to the solid live bar. */
void
ap_chart_painter_fill_bar (ApChartPainter     *p,
                           const ApChartBar   *bar,
                           const ApChartColor *color,
                           gboolean            light)
{
  /* A zero draws nothing: its value label says "0". An outlined empty bar would be a
   * hairline beside the axis, which reads as a glitch rather than as nothing. */
  if (bar->value <= 0)
    return;
  cairo_rectangle (p->cr, bar->x, bar->y, bar->width, bar->height);
  ap_chart_painter_set_color (p, color, light ? 0.3 : 1.0);
  if (!light)
    {
      cairo_fill (p->cr);
      return;
    }
  cairo_fill_preserve (p->cr);
  ap_chart_painter_set_color (p, color, 1.0);
  cairo_set_line_width (p->cr, MAX (1, p->scale));
  cairo_stroke (p->cr);
}

void
ap_chart_painter_hatch (ApChartPainter     *p,
                        double              x,
                        double              y,
                        double              width,
                        double              height,
                        const ApChartColor *color)
{
  double gap = 7 * p->scale;

  cairo_save (p->cr);
  cairo_rectangle (p->cr, x, y, width, height);
  cairo_clip (p->cr);
  for (double d = -height; d < width; d += gap)
    {
      cairo_move_to (p->cr, x + d, y + height);
      cairo_line_to (p->cr, x + d + height, y);
    }
  ap_chart_painter_set_color (p, color, 0.45);
  cairo_set_line_width (p->cr, 1.5 * p->scale);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
}

static void
paint_empty (ApChartPainter *p)
{
  double w, h;

  ap_chart_painter_set_text (p, _("No pain categories yet"), TEXT_BODY, p->width, 2);
  pango_layout_set_alignment (p->layout, PANGO_ALIGN_CENTER);
  ap_chart_painter_text_size (p, &w, &h);
  ap_chart_painter_show_text (p, 0, (p->height - h) / 2, &p->palette->dim);
  pango_layout_set_alignment (p->layout, PANGO_ALIGN_LEFT);
}

static void
paint_focus (ApChartPainter *p)
{
  const ApChartBar *bar;
  double inset = -2.5 * p->scale;

  if (p->bars == NULL || p->focus < 0 || (guint) p->focus >= p->bars->len)
    return;
  bar = &g_array_index (p->bars, ApChartBar, p->focus);
  cairo_rectangle (p->cr, bar->x + inset, bar->y + inset,
                   bar->width - 2 * inset, bar->height - 2 * inset);
  ap_chart_painter_set_color (p, &p->palette->focus, 1.0);
  cairo_set_line_width (p->cr, 2.5 * p->scale);
  cairo_stroke (p->cr);
}

void
ap_chart_paint (cairo_t              *cr,
                ApChartData          *data,
                ApChartKind           kind,
                const ApChartPalette *palette,
                double                width,
                double                height,
                double                scale,
                int                   focus,
                GArray               *bars)
{
  g_autoptr(GArray) own_bars = NULL;
  ApChartPainter p = { cr, data, palette, NULL, width, height, MAX (scale, 0.5),
                       13 * MAX (scale, 0.5), focus, bars };

  g_return_if_fail (kind < AP_N_CHARTS);

  /* The focus ring needs the bars even when the caller does not. */
  if (p.bars == NULL && focus >= 0)
    p.bars = own_bars = g_array_new (FALSE, FALSE, sizeof (ApChartBar));
  if (p.bars != NULL)
    g_array_set_size (p.bars, 0);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  ap_chart_painter_set_color (&p, &palette->background, 1.0);
  cairo_paint (cr);
  p.layout = pango_cairo_create_layout (cr);

  if (ap_chart_data_get_n_categories (data) == 0)
    paint_empty (&p);
  else if (kind == AP_CHART_ANECDOTES)
    ap_chart_painter_paint_anecdotes (&p);
  else if (kind == AP_CHART_STATUS)
    ap_chart_painter_paint_status (&p);
  else
    ap_chart_painter_paint_hbars (&p, kind);
  paint_focus (&p);

  g_object_unref (p.layout);
  cairo_restore (cr);
}

GArray *
ap_chart_layout (ApChartData *data,
                 ApChartKind  kind,
                 double       width,
                 double       height,
                 double       scale)
{
  GArray *bars = g_array_new (FALSE, FALSE, sizeof (ApChartBar));
  ApChartPalette palette;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* Text is measured with cairo's metrics; a 1×1 surface draws next to nothing. */
  ap_chart_palette_init (&palette, FALSE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  ap_chart_paint (cr, data, kind, &palette, width, height, scale, -1, bars);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return bars;
}

double
ap_chart_get_min_height (ApChartData *data,
                         ApChartKind  kind,
                         double       width,
                         double       scale)
{
  ApChartPalette palette;
  ApChartPainter p = { NULL, data, &palette, NULL, width, 0, MAX (scale, 0.5),
                       13 * MAX (scale, 0.5), -1, NULL };
  cairo_surface_t *surface;
  double height;

  g_return_val_if_fail (AP_IS_CHART_DATA (data), 0);
  g_return_val_if_fail (kind < AP_N_CHARTS, 0);

  /* The anecdotes and the status summary fit any height; only the rows of the bar
   * charts grow with the number of categories. */
  if (kind == AP_CHART_ANECDOTES || kind == AP_CHART_STATUS ||
      ap_chart_data_get_n_categories (data) == 0)
    return 0;

  /* The header's height depends on how its text wraps, so it is measured as laid out. */
  ap_chart_palette_init (&palette, FALSE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  p.cr = cairo_create (surface);
  p.layout = pango_cairo_create_layout (p.cr);
  height = ap_chart_painter_hbars_min_height (&p, kind);
  g_object_unref (p.layout);
  cairo_destroy (p.cr);
  cairo_surface_destroy (surface);
  return height;
}

/* Returns the index of the bar under (x, y), or -1. */
int
ap_chart_bars_hit (GArray *bars,
                   double  x,
                   double  y)
{
  g_return_val_if_fail (bars != NULL, -1);

  for (guint i = 0; i < bars->len; i++)
    {
      const ApChartBar *bar = &g_array_index (bars, ApChartBar, i);

      if (x >= bar->x && x < bar->x + MAX (bar->width, 3) &&
          y >= bar->y && y < bar->y + bar->height)
        return (int) i;
    }
  return -1;
}

static const char *
status_name (const char *status)
{
  return status == NULL || status[0] == '\0' ? _("no status") : status;
}

/* What a screen reader says and a tooltip shows for a bar, e.g.
 * "Authentication Clean-up: 6 incidents, status Progress". */
char *
ap_chart_bar_describe (ApChartData      *data,
                       ApChartKind       kind,
                       const ApChartBar *bar)
{
  const ApChartCategory *c = NULL;
  guint value = (guint) bar->value;

  if (bar->category >= 0 && (guint) bar->category < ap_chart_data_get_n_categories (data))
    c = ap_chart_data_get_category (data, (guint) bar->category);

  switch (bar->series)
    {
    case AP_CHART_SERIES_STATUS:
      return g_strdup_printf (g_dngettext (NULL, "Status %s: %u category",
                                           "Status %s: %u categories", value),
                              status_name (ap_chart_data_get_status (data, (guint) bar->status)->status),
                              value);
    case AP_CHART_SERIES_ANECDOTES:
      {
        g_autofree char *quarter = ap_chart_data_format_quarter (bar->quarter);

        return g_strdup_printf (g_dngettext (NULL, "%s, %s: %u anecdote",
                                             "%s, %s: %u anecdotes", value),
                                c != NULL ? c->name : _("Other categories"), quarter, value);
      }
    case AP_CHART_SERIES_RECORDED:
      if (c->recorded < 0)
        return g_strdup_printf (_("%s: no survey count, status %s"), c->name,
                                status_name (c->status));
      return g_strdup_printf (g_dngettext (NULL, "%s: %u incident in the survey, status %s",
                                           "%s: %u incidents in the survey, status %s", value),
                              c->name, value, status_name (c->status));
    case AP_CHART_SERIES_LIVE:
      return g_strdup_printf (g_dngettext (NULL, "%s: %u incident, status %s",
                                           "%s: %u incidents, status %s", value),
                              c->name, value, status_name (c->status));
    case AP_CHART_SERIES_OCCURRENCES:
      if (c->unknown_occurrences > 0)
        return g_strdup_printf (_("%s: %u occurrences, %u incidents without a count"),
                                c->name, value, c->unknown_occurrences);
      return g_strdup_printf (g_dngettext (NULL, "%s: %u occurrence", "%s: %u occurrences",
                                           value), c->name, value);
    case AP_CHART_SERIES_CARDS:
    default:
      if (value == 0)
        return g_strdup_printf (_("%s: no roadmap work for %u incidents"), c->name,
                                c->incidents);
      return g_strdup_printf (g_dngettext (NULL, "%s: %u roadmap card", "%s: %u roadmap cards",
                                           value), c->name, value);
    }
}
