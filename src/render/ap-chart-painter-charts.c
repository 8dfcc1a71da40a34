/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-chart-painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ap-chart-painter-private.h"

#define MAX_HBAR_SERIES 3

/* What a horizontal bar chart shows: one row per category, up to three bars a row. */
typedef struct
{
  const char    *subtitle;
  guint          n_series;
  ApChartSeries  series[MAX_HBAR_SERIES];
  gboolean       by_status; /* bars coloured by the category's status */
  gboolean       mark_uncovered;
} HBarSpec;

static double
series_value (const ApChartCategory *c,
              ApChartSeries          series)
{
  switch (series)
    {
    case AP_CHART_SERIES_RECORDED:
      return MAX (c->recorded, 0);
    case AP_CHART_SERIES_LIVE:
      return c->incidents;
    case AP_CHART_SERIES_OCCURRENCES:
      return (double) c->occurrences;
    case AP_CHART_SERIES_CARDS:
      return c->cards;
    case AP_CHART_SERIES_ANECDOTES:
    case AP_CHART_SERIES_STATUS:
    default:
      return c->anecdotes;
    }
}

static const char *
series_label (ApChartSeries series)
{
  switch (series)
    {
    case AP_CHART_SERIES_RECORDED:
      return _("Survey count");
    case AP_CHART_SERIES_LIVE:
      return _("Live incidents");
    case AP_CHART_SERIES_OCCURRENCES:
      return _("Occurrences");
    case AP_CHART_SERIES_CARDS:
      return _("Roadmap cards");
    case AP_CHART_SERIES_ANECDOTES:
    case AP_CHART_SERIES_STATUS:
    default:
      return "";
    }
}

static void
get_hbar_spec (ApChartKind  kind,
               HBarSpec    *spec)
{
  *spec = (HBarSpec) { 0 };
  switch ((int) kind)
    {
    case AP_CHART_INCIDENTS:
      spec->subtitle = _("Pale bars: the earlier survey. Solid bars: incidents recorded now. "
                         "Colour: the category’s status.");
      spec->n_series = 2;
      spec->series[0] = AP_CHART_SERIES_RECORDED;
      spec->series[1] = AP_CHART_SERIES_LIVE;
      spec->by_status = TRUE;
      break;
    case AP_CHART_OCCURRENCES:
      spec->subtitle = _("Incidents without a count add nothing and are noted beside the bar. "
                         "Colour: the category’s status.");
      spec->n_series = 1;
      spec->series[0] = AP_CHART_SERIES_OCCURRENCES;
      spec->by_status = TRUE;
      break;
    default:
      spec->subtitle = _("Hatched rows have incidents but no roadmap work.");
      spec->n_series = 3;
      spec->series[0] = AP_CHART_SERIES_LIVE;
      spec->series[1] = AP_CHART_SERIES_OCCURRENCES;
      spec->series[2] = AP_CHART_SERIES_CARDS;
      spec->mark_uncovered = TRUE;
      break;
    }
}

static double
status_legend (ApChartPainter *p,
               double          y)
{
  guint n = ap_chart_data_get_n_statuses (p->data);
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  g_autofree const ApChartColor **colors = g_new0 (const ApChartColor *, n + 1);

  for (guint s = 0; s < n; s++)
    {
      const char *status = ap_chart_data_get_status (p->data, s)->status;

      labels[s] = status[0] != '\0' ? status : _("No status");
      colors[s] = ap_chart_palette_status_color (p->palette, p->data, s);
    }
  return ap_chart_painter_legend (p, y, labels, colors, NULL, n);
}

static double
series_legend (ApChartPainter *p,
               const HBarSpec *spec,
               double          y)
{
  const char *labels[MAX_HBAR_SERIES];
  const ApChartColor *colors[MAX_HBAR_SERIES];

  for (guint s = 0; s < spec->n_series; s++)
    {
      labels[s] = series_label (spec->series[s]);
      colors[s] = &p->palette->series[s];
    }
  return ap_chart_painter_legend (p, y, labels, colors, NULL, spec->n_series);
}

/* Vertical grid lines and their values under the plot. */
static void
paint_value_axis (ApChartPainter *p,
                  double          x,
                  double          y,
                  double          w,
                  double          h,
                  double          max,
                  double          step)
{
  for (double v = 0; v <= max + step / 2; v += step)
    {
      g_autofree char *text = g_strdup_printf ("%.0f", v);
      double tx = x + v / max * w, tw, th;

      cairo_move_to (p->cr, round (tx) + 0.5, y);
      cairo_line_to (p->cr, round (tx) + 0.5, y + h);
      ap_chart_painter_set_color (p, &p->palette->grid, 1.0);
      cairo_set_line_width (p->cr, 1);
      cairo_stroke (p->cr);
      ap_chart_painter_set_text (p, text, TEXT_SMALL, -1, 1);
      ap_chart_painter_text_size (p, &tw, &th);
      ap_chart_painter_show_text (p, tx - tw / 2, y + h + 3 * p->scale, &p->palette->dim);
    }
}

static double
hbar_max (ApChartData    *data,
          const HBarSpec *spec)
{
  double max = 1;

  for (guint c = 0; c < ap_chart_data_get_n_categories (data); c++)
    for (guint s = 0; s < spec->n_series; s++)
      max = MAX (max, series_value (ap_chart_data_get_category (data, c), spec->series[s]));
  return max;
}

static void
value_label (const ApChartCategory *c,
             ApChartSeries          series,
             char                  *buf,
             gsize                  size)
{
  if (series == AP_CHART_SERIES_RECORDED && c->recorded < 0)
    g_strlcpy (buf, _("no survey"), size);
  else if (series == AP_CHART_SERIES_OCCURRENCES && c->unknown_occurrences > 0)
    g_snprintf (buf, size, _("%.0f (+%u without a count)"), series_value (c, series),
                c->unknown_occurrences);
  else
    g_snprintf (buf, size, "%.0f", series_value (c, series));
}

static void
paint_category_label (ApChartPainter        *p,
                      const ApChartCategory *c,
                      double                 x,
                      double                 y,
                      double                 w,
                      double                 row_h,
                      double                 line_h)
{
  double tw, th;

  ap_chart_painter_set_text (p, c->name, TEXT_BODY, w, row_h >= 2 * line_h ? 2 : 1);
  pango_layout_set_alignment (p->layout, PANGO_ALIGN_RIGHT);
  ap_chart_painter_text_size (p, &tw, &th);
  ap_chart_painter_show_text (p, x, y + (row_h - th) / 2, &p->palette->foreground);
  pango_layout_set_alignment (p->layout, PANGO_ALIGN_LEFT);
}

static void
paint_uncovered (ApChartPainter *p,
                 double          x,
                 double          y,
                 double          w,
                 double          row_h,
                 double          bar_x,
                 double          bar_y,
                 double          bar_h)
{
  double tw, th;

  ap_chart_painter_hatch (p, x, y, w, row_h, &p->palette->alert);
  if (bar_h < p->font_px * 0.7)
    return;
  ap_chart_painter_set_text (p, _("no roadmap work"), TEXT_SMALL, -1, 1);
  ap_chart_painter_text_size (p, &tw, &th);
  cairo_rectangle (p->cr, bar_x, bar_y + (bar_h - th) / 2 - 1, tw + 8 * p->scale, th + 2);
  ap_chart_painter_set_color (p, &p->palette->background, 1.0);
  cairo_fill_preserve (p->cr);
  ap_chart_painter_set_color (p, &p->palette->alert, 1.0);
  cairo_set_line_width (p->cr, 1.5 * p->scale);
  cairo_stroke (p->cr);
  ap_chart_painter_show_text (p, bar_x + 4 * p->scale, bar_y + (bar_h - th) / 2,
                              &p->palette->alert);
}

/* A row's bars always reach @p's bars, for hit tests; they are drawn only when the row
 * is @visible. */
static void
paint_hbar_row (ApChartPainter *p,
                const HBarSpec *spec,
                guint           index,
                double          plot_x,
                double          plot_w,
                double          row_y,
                double          row_h,
                double          max,
                gboolean        visible)
{
  const ApChartCategory *c = ap_chart_data_get_category (p->data, index);
  double bar_h = row_h * 0.78 / spec->n_series, small_h = p->font_px * 0.85 * 1.2;
  gboolean uncovered = spec->mark_uncovered && c->incidents > 0 && c->cards == 0;

  if (uncovered && visible)
    paint_uncovered (p, plot_x, row_y, plot_w, row_h, plot_x + 2 * p->scale,
                     row_y + row_h * 0.11 + 2 * bar_h, bar_h);

  for (guint s = 0; s < spec->n_series; s++)
    {
      ApChartBar bar = { plot_x, row_y + row_h * 0.11 + s * bar_h, 0, bar_h * 0.92,
                         spec->series[s], (int) index, c->id, 0, -1,
                         series_value (c, spec->series[s]) };
      const ApChartColor *color =
        spec->by_status ? ap_chart_palette_status_color (p->palette, p->data, c->status_index)
                        : &p->palette->series[s];
      char text[96];
      double tw, th;

      bar.width = bar.value / max * plot_w;
      ap_chart_painter_add_bar (p, &bar);
      if (!visible)
        continue;
      ap_chart_painter_fill_bar (p, &bar, color, spec->series[s] == AP_CHART_SERIES_RECORDED);
      if (bar.height < small_h * 0.75 || (uncovered && spec->series[s] == AP_CHART_SERIES_CARDS))
        continue;
      /* Values sit right of their bar, or inside it near the end when it is long. */
      value_label (c, spec->series[s], text, sizeof text);
      ap_chart_painter_set_text (p, text, TEXT_SMALL, -1, 1);
      ap_chart_painter_text_size (p, &tw, &th);
      if (bar.x + bar.width + tw + 8 * p->scale <= p->width)
        ap_chart_painter_show_text (p, bar.x + bar.width + 4 * p->scale,
                                    bar.y + (bar.height - th) / 2, &p->palette->foreground);
      else
        ap_chart_painter_show_text (p, bar.x + bar.width - tw - 4 * p->scale,
                                    bar.y + (bar.height - th) / 2,
                                    spec->series[s] == AP_CHART_SERIES_RECORDED
                                      ? &p->palette->foreground
                                      : ap_chart_palette_text_on (p->palette, color));
    }
}

/* Draws the title, the subtitle and the legend; returns the y where the rows start. */
static double
paint_hbar_header (ApChartPainter *p,
                   ApChartKind     kind,
                   const HBarSpec *spec)
{
  double y = ap_chart_painter_title (p, ap_chart_kind_get_title (kind), spec->subtitle);

  y = spec->by_status ? status_legend (p, y) : series_legend (p, spec, y);
  return y + 12 * p->scale;
}

/* The shortest row that shows one line of the category's name and a value label on
 * each bar: paint_hbar_row labels a bar whose height (92 % of its share of 78 % of
 * the row) is at least three quarters of a line of small text. */
static double
hbar_min_row_height (ApChartPainter *p,
                     const HBarSpec *spec)
{
  double line_h = p->font_px * 1.25, small_h = p->font_px * 0.85 * 1.2;

  return ceil (MAX (line_h, small_h * 0.75 / 0.92 / 0.78 * spec->n_series));
}

double
ap_chart_painter_hbars_min_height (ApChartPainter *p,
                                   ApChartKind     kind)
{
  HBarSpec spec;
  double top;

  get_hbar_spec (kind, &spec);
  top = paint_hbar_header (p, kind, &spec);
  return ceil (top + ap_chart_data_get_n_categories (p->data) * hbar_min_row_height (p, &spec)
               + 12 * p->scale + p->font_px * 1.25 * 1.2);
}

void
ap_chart_painter_paint_hbars (ApChartPainter *p,
                              ApChartKind     kind)
{
  HBarSpec spec;
  guint n = ap_chart_data_get_n_categories (p->data);
  double pad = 12 * p->scale, y, label_w, plot_x, plot_w, plot_h, row_h, line_h, max, step;
  double clip_x1, clip_y1, clip_x2, clip_y2;
  guint every;

  get_hbar_spec (kind, &spec);
  y = paint_hbar_header (p, kind, &spec);
  cairo_clip_extents (p->cr, &clip_x1, &clip_y1, &clip_x2, &clip_y2);

  line_h = p->font_px * 1.25;
  label_w = CLAMP (p->width * 0.3, 60 * p->scale, 320 * p->scale);
  plot_x = pad + label_w + pad;
  plot_w = MAX (p->width - plot_x - pad - 60 * p->scale, 10);
  plot_h = MAX (p->height - y - pad - line_h * 1.2, 10);
  row_h = plot_h / n;
  max = hbar_max (p->data, &spec);
  step = ap_chart_painter_nice_step (max, (int) CLAMP (plot_w / (70 * p->scale), 2, 10));
  max = ceil (max / step) * step;

  paint_value_axis (p, plot_x, y, plot_w, plot_h, max, step);
  /* With more categories than lines of text, every n-th row is labelled. */
  every = (guint) MAX (1, ceil (line_h / row_h));
  for (guint c = 0; c < n; c++)
    {
      double row_y = y + c * row_h;
      /* Rows outside the clip (scrolled out of view, or the 1×1 surface of a layout)
       * only give their bars: shaping and drawing text is what painting costs. */
      gboolean visible = row_y + MAX (row_h, line_h) >= clip_y1 && row_y <= clip_y2;

      if (visible && c % every == 0)
        paint_category_label (p, ap_chart_data_get_category (p->data, c), pad,
                              row_y, label_w, MAX (row_h, line_h), line_h);
      paint_hbar_row (p, &spec, c, plot_x, plot_w, row_y, row_h, max, visible);
    }
  cairo_move_to (p->cr, round (plot_x) + 0.5, y);
  cairo_line_to (p->cr, round (plot_x) + 0.5, y + plot_h);
  ap_chart_painter_set_color (p, &p->palette->dim, 1.0);
  cairo_set_line_width (p->cr, 1);
  cairo_stroke (p->cr);
}

/* The categories with the most anecdotes get a colour each; the rest share "Other". */
#define N_STACKED (AP_CHART_N_SERIES_COLORS - 1)

static guint
top_categories (ApChartData *data,
                int         *top)
{
  guint n_top = 0;

  for (guint c = 0; c < ap_chart_data_get_n_categories (data); c++)
    {
      guint count = ap_chart_data_get_category (data, c)->anecdotes;
      guint i;

      if (count == 0)
        continue;
      for (i = n_top; i > 0 && ap_chart_data_get_category (data, top[i - 1])->anecdotes < count; i--)
        if (i < N_STACKED)
          top[i] = top[i - 1];
      if (i < N_STACKED)
        {
          top[i] = (int) c;
          n_top = MIN (n_top + 1, N_STACKED);
        }
    }
  return n_top;
}

static void
paint_quarter (ApChartPainter *p,
               guint           q,
               const int      *top,
               guint           n_top,
               double          x,
               double          w,
               double          base,
               double          scale_y)
{
  ApChartData *data = p->data;
  int quarter = ap_chart_data_get_first_quarter (data) + (int) q;
  guint total = ap_chart_data_get_quarter_total (data, q), shown = 0;
  double y = base;

  for (guint t = 0; t <= n_top; t++)
    {
      guint count = t < n_top ? ap_chart_data_get_anecdotes (data, (guint) top[t], q)
                              : total - shown;
      ApChartBar bar = { x, 0, w, count * scale_y, AP_CHART_SERIES_ANECDOTES,
                         t < n_top ? top[t] : -1, 0, quarter, -1, count };

      if (count == 0)
        continue;
      shown += count;
      bar.category_id = bar.category >= 0
                          ? ap_chart_data_get_category (data, (guint) bar.category)->id : 0;
      y -= bar.height;
      bar.y = y;
      ap_chart_painter_add_bar (p, &bar);
      ap_chart_painter_fill_bar (p, &bar, t < n_top ? &p->palette->series[t]
                                                    : &p->palette->neutral, FALSE);
      /* A thin gap in the background colour keeps stacked segments apart. */
      cairo_rectangle (p->cr, x, y, w, bar.height);
      ap_chart_painter_set_color (p, &p->palette->background, 1.0);
      cairo_set_line_width (p->cr, 1);
      cairo_stroke (p->cr);
    }
  if (total > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", total);
      double tw, th;

      ap_chart_painter_set_text (p, text, TEXT_SMALL, -1, 1);
      ap_chart_painter_text_size (p, &tw, &th);
      if (tw <= w + 6 * p->scale)
        ap_chart_painter_show_text (p, x + (w - tw) / 2, y - th - 1, &p->palette->foreground);
    }
}

static double
anecdote_legend (ApChartPainter *p,
                 const int      *top,
                 guint           n_top,
                 gboolean        other,
                 double          y)
{
  const char *labels[N_STACKED + 1];
  const ApChartColor *colors[N_STACKED + 1];
  guint n = 0;

  for (; n < n_top; n++)
    {
      labels[n] = ap_chart_data_get_category (p->data, (guint) top[n])->name;
      colors[n] = &p->palette->series[n];
    }
  if (other)
    {
      labels[n] = _("Other categories");
      colors[n++] = &p->palette->neutral;
    }
  return ap_chart_painter_legend (p, y, labels, colors, NULL, n);
}

static void
paint_quarter_axis (ApChartPainter *p,
                    double          plot_x,
                    double          col_w,
                    double          base)
{
  guint n_q = ap_chart_data_get_n_quarters (p->data);
  double tw, th, label_w;
  guint every;

  ap_chart_painter_set_text (p, "0000 Q0", TEXT_SMALL, -1, 1);
  ap_chart_painter_text_size (p, &label_w, &th);
  every = (guint) MAX (1, ceil ((label_w + 8 * p->scale) / col_w));
  for (guint q = 0; q < n_q; q += every)
    {
      g_autofree char *text =
        ap_chart_data_format_quarter (ap_chart_data_get_first_quarter (p->data) + (int) q);

      ap_chart_painter_set_text (p, text, TEXT_SMALL, -1, 1);
      ap_chart_painter_text_size (p, &tw, &th);
      ap_chart_painter_show_text (p, plot_x + (q + 0.5) * col_w - tw / 2,
                                  base + 3 * p->scale, &p->palette->dim);
    }
}

void
ap_chart_painter_paint_anecdotes (ApChartPainter *p)
{
  ApChartData *data = p->data;
  guint n_q = ap_chart_data_get_n_quarters (data), n_top;
  int top[N_STACKED];
  double pad = 12 * p->scale, y, plot_x, plot_w, plot_h, base, col_w, max = 1, step;
  gboolean other = FALSE;

  y = ap_chart_painter_title (p, ap_chart_kind_get_title (AP_CHART_ANECDOTES),
                              _("Dated anecdotes per quarter; an approximate or partial date "
                                "counts in the quarter of its first day."));
  n_top = top_categories (data, top);
  for (guint q = 0; q < n_q; q++)
    {
      guint shown = 0;

      for (guint t = 0; t < n_top; t++)
        shown += ap_chart_data_get_anecdotes (data, (guint) top[t], q);
      other |= shown < ap_chart_data_get_quarter_total (data, q);
      max = MAX (max, ap_chart_data_get_quarter_total (data, q));
    }
  y = anecdote_legend (p, top, n_top, other, y) + pad * 2;
  if (n_q == 0)
    {
      ap_chart_painter_set_text (p, _("No dated anecdotes yet"), TEXT_BODY, -1, 1);
      ap_chart_painter_show_text (p, pad, y, &p->palette->dim);
      return;
    }

  plot_x = pad + 40 * p->scale;
  plot_w = MAX (p->width - plot_x - pad, 10);
  plot_h = MAX (p->height - y - pad - p->font_px * 1.5, 10);
  base = y + plot_h;
  step = ap_chart_painter_nice_step (max, (int) CLAMP (plot_h / (40 * p->scale), 2, 8));
  max = ceil (max / step) * step;
  for (double v = 0; v <= max + step / 2; v += step)
    {
      g_autofree char *text = g_strdup_printf ("%.0f", v);
      double ty = base - v / max * plot_h, tw, th;

      cairo_move_to (p->cr, plot_x, round (ty) + 0.5);
      cairo_line_to (p->cr, plot_x + plot_w, round (ty) + 0.5);
      ap_chart_painter_set_color (p, &p->palette->grid, 1.0);
      cairo_stroke (p->cr);
      ap_chart_painter_set_text (p, text, TEXT_SMALL, -1, 1);
      ap_chart_painter_text_size (p, &tw, &th);
      ap_chart_painter_show_text (p, plot_x - tw - 4 * p->scale, ty - th / 2, &p->palette->dim);
    }
  col_w = plot_w / n_q;
  for (guint q = 0; q < n_q; q++)
    paint_quarter (p, q, top, n_top, plot_x + q * col_w + col_w * 0.15, col_w * 0.7, base,
                   plot_h / max);
  paint_quarter_axis (p, plot_x, col_w, base);
}

/* A status's categories, listed by name beside its count. */
static char *
join_category_names (ApChartData *data,
                     guint        status)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint c = 0; c < ap_chart_data_get_n_categories (data); c++)
    {
      const ApChartCategory *category = ap_chart_data_get_category (data, c);

      if (category->status_index != status)
        continue;
      if (names->len > 0)
        g_string_append (names, " · ");
      g_string_append (names, category->name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
paint_status_row (ApChartPainter *p,
                  guint           s,
                  double          x,
                  double          y,
                  double          row_h)
{
  const ApChartStatus *status = ap_chart_data_get_status (p->data, s);
  g_autofree char *count = g_strdup_printf ("%u", status->count);
  g_autofree char *names = join_category_names (p->data, s);
  double sw = p->font_px * 1.2, col = x + sw + 8 * p->scale, tw, th;

  cairo_rectangle (p->cr, x, y + 2 * p->scale, sw, sw);
  ap_chart_painter_set_color (p, ap_chart_palette_status_color (p->palette, p->data, s), 1.0);
  cairo_fill (p->cr);
  ap_chart_painter_set_text (p, status->status[0] != '\0' ? status->status : _("No status"),
                             TEXT_TITLE, 160 * p->scale, 1);
  ap_chart_painter_show_text (p, col, y, &p->palette->foreground);
  ap_chart_painter_set_text (p, count, TEXT_TITLE, -1, 1);
  ap_chart_painter_text_size (p, &tw, &th);
  ap_chart_painter_show_text (p, col + 200 * p->scale - tw, y, &p->palette->foreground);
  ap_chart_painter_set_text (p, names, TEXT_SMALL, p->width - col - 230 * p->scale - x,
                             MAX (1, (int) (row_h / (p->font_px * 1.1))));
  ap_chart_painter_show_text (p, col + 230 * p->scale, y + 2 * p->scale, &p->palette->dim);
}

void
ap_chart_painter_paint_status (ApChartPainter *p)
{
  ApChartData *data = p->data;
  guint n = ap_chart_data_get_n_statuses (data), total = ap_chart_data_get_n_categories (data);
  double pad = 12 * p->scale, y, x, w, bar_h, row_h;

  y = ap_chart_painter_title (p, ap_chart_kind_get_title (AP_CHART_STATUS),
                              _("How many pain categories have each status."));
  w = p->width - 2 * pad;
  bar_h = MIN (56 * p->scale, p->height / 5);
  x = pad;
  for (guint s = 0; s < n; s++)
    {
      const ApChartStatus *status = ap_chart_data_get_status (data, s);
      const ApChartColor *fill = ap_chart_palette_status_color (p->palette, data, s);
      ApChartBar bar = { x, y, w * status->count / total, bar_h, AP_CHART_SERIES_STATUS,
                         -1, 0, 0, (int) s, status->count };
      g_autofree char *text = g_strdup_printf ("%u", status->count);
      double tw, th;

      ap_chart_painter_add_bar (p, &bar);
      ap_chart_painter_fill_bar (p, &bar, fill, FALSE);
      cairo_rectangle (p->cr, bar.x, bar.y, bar.width, bar.height);
      ap_chart_painter_set_color (p, &p->palette->background, 1.0);
      cairo_set_line_width (p->cr, 2 * p->scale);
      cairo_stroke (p->cr);
      ap_chart_painter_set_text (p, text, TEXT_TITLE, -1, 1);
      ap_chart_painter_text_size (p, &tw, &th);
      if (tw + 8 * p->scale < bar.width)
        ap_chart_painter_show_text (p, x + (bar.width - tw) / 2, y + (bar_h - th) / 2,
                                    ap_chart_palette_text_on (p->palette, fill));
      x += bar.width;
    }
  y += bar_h + 2 * pad;
  row_h = MIN (p->font_px * 4.5, (p->height - y - pad) / MAX (n, 1));
  for (guint s = 0; s < n; s++)
    paint_status_row (p, s, pad, y + s * row_h, row_h - 4 * p->scale);
}
