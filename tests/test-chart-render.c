/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "ap-chart-export.h"
#include "ap-chart-painter.h"

/* The five charts of the sample plan drawn onto image surfaces, checked pixel by pixel
 * against the painter's own hit-test geometry (ap_chart_layout), and exported to files
 * that are then read back. The expected colours are written out here rather than taken
 * from the palette code, so that a palette mix-up shows. */

#define WIDTH  1000
#define HEIGHT 700

/* Okabe–Ito, in the order the painter gives them out, and the light palette's greys. */
#define BLUE       0x0072b2
#define ORANGE     0xe69f00
#define GREEN      0x009e73
#define NEUTRAL    0x9a9a9a
#define WHITE      0xffffff
#define DARK_BG    0x242424

typedef struct
{
  char        *dir;
  ApPlan      *plan;
  ApChartData *data;
} Fixture;

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          g_chmod (child, 0755);
          remove_dir (child);
        }
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("test-chart-render-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan.archplan", NULL);
  f->plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  g_assert_no_error (error);
  f->data = ap_chart_data_new (f->plan);
  g_assert_true (ap_chart_data_recompute (f->data, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (f->data);
  g_assert_finalize_object (f->plan);
  remove_dir (f->dir);
  g_free (f->dir);
}

/* Pixels. */

typedef struct
{
  int red, green, blue;
} Rgb;

static Rgb
hex_rgb (guint32 hex)
{
  return (Rgb) { (hex >> 16) & 0xff, (hex >> 8) & 0xff, hex & 0xff };
}

/* @top drawn with @alpha over @bottom, as the painter does for the survey's pale bars. */
static Rgb
blend (guint32 top,
       double  alpha,
       guint32 bottom)
{
  Rgb t = hex_rgb (top), b = hex_rgb (bottom);

  return (Rgb) { (int) (t.red * alpha + b.red * (1 - alpha) + 0.5),
                 (int) (t.green * alpha + b.green * (1 - alpha) + 0.5),
                 (int) (t.blue * alpha + b.blue * (1 - alpha) + 0.5) };
}

static Rgb
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  int ix = (int) x, iy = (int) y;
  const guchar *row;
  guint32 argb;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));
  cairo_surface_flush (surface);
  row = cairo_image_surface_get_data (surface) + iy * cairo_image_surface_get_stride (surface);
  argb = ((const guint32 *) (gconstpointer) row)[ix];
  /* Every chart paints an opaque background, so premultiplication changes nothing. */
  g_assert_cmpuint (argb >> 24, ==, 0xff);
  return (Rgb) { (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff };
}

static gboolean
rgb_near (Rgb a,
          Rgb b,
          int tolerance)
{
  return ABS (a.red - b.red) <= tolerance && ABS (a.green - b.green) <= tolerance &&
         ABS (a.blue - b.blue) <= tolerance;
}

static void
assert_pixel (cairo_surface_t *surface,
              double           x,
              double           y,
              Rgb              expected,
              const char      *what)
{
  Rgb got = pixel_at (surface, x, y);

  if (!rgb_near (got, expected, 3))
    g_error ("%s: pixel (%.0f, %.0f) is #%02x%02x%02x, expected #%02x%02x%02x", what, x, y,
             got.red, got.green, got.blue, expected.red, expected.green, expected.blue);
}

static double
luminance (Rgb c)
{
  return 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue;
}

static cairo_surface_t *
render (ApChartData          *data,
        ApChartKind           kind,
        const ApChartPalette *palette,
        double                scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  ap_chart_paint (cr, data, kind, palette, WIDTH, HEIGHT, scale, -1, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* The colour a category's bars have in the charts coloured by status: the sample's
 * statuses in order of first appearance are Progress, Invested and Partial; the six
 * categories without a status are grey. */
static guint32
status_hex (const ApChartCategory *c)
{
  if (g_str_equal (c->status, "Progress"))
    return BLUE;
  if (g_str_equal (c->status, "Invested"))
    return ORANGE;
  if (g_str_equal (c->status, "Partial"))
    return GREEN;
  g_assert_cmpstr (c->status, ==, "");
  return NEUTRAL;
}

/* A point inside @bar, clear of its outline, of the axis drawn over its left end and of
 * a value label drawn inside its right end. */
static void
bar_sample_point (const ApChartBar *bar,
                  double           *x,
                  double           *y)
{
  *x = bar->x + MAX (5, bar->width * 0.25);
  *y = bar->y + bar->height / 2;
}

/* Tests. */

static void
test_background (Fixture       *f,
                 gconstpointer  user_data)
{
  ApChartPalette light, dark, print;

  ap_chart_palette_init (&light, FALSE);
  ap_chart_palette_init (&dark, TRUE);
  ap_chart_palette_init_print (&print);
  for (ApChartKind kind = 0; kind < AP_N_CHARTS; kind++)
    {
      const struct { const ApChartPalette *palette; guint32 hex; } cases[] = {
        { &light, WHITE }, { &dark, DARK_BG }, { &print, WHITE },
      };

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          cairo_surface_t *surface = render (f->data, kind, cases[i].palette, 1.0);
          const double corners[4][2] = { { 0, 0 }, { WIDTH - 1, 0 }, { 0, HEIGHT - 1 },
                                         { WIDTH - 1, HEIGHT - 1 } };

          for (guint c = 0; c < G_N_ELEMENTS (corners); c++)
            assert_pixel (surface, corners[c][0], corners[c][1], hex_rgb (cases[i].hex),
                          ap_chart_kind_get_id (kind));
          cairo_surface_destroy (surface);
        }
    }
}

/* Incidents and occurrences: bars in the colour of their category's status, the survey
 * count pale, at the rectangles the hit tests use. */
static void
test_status_colours (Fixture       *f,
                     gconstpointer  user_data)
{
  const ApChartKind kinds[] = { AP_CHART_INCIDENTS, AP_CHART_OCCURRENCES };
  ApChartPalette palette;

  ap_chart_palette_init (&palette, FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      cairo_surface_t *surface = render (f->data, kinds[k], &palette, 1.0);
      g_autoptr(GArray) bars = ap_chart_layout (f->data, kinds[k], WIDTH, HEIGHT, 1.0);
      guint checked = 0, expected = 0;

      /* Sample: 5 categories have a survey count, 6 have live incidents; all of those
       * have occurrences except Masquerading (its one incident has no count). */
      expected = kinds[k] == AP_CHART_INCIDENTS ? 5 + 6 : 5;
      for (guint i = 0; i < bars->len; i++)
        {
          const ApChartBar *bar = &g_array_index (bars, ApChartBar, i);
          const ApChartCategory *c = ap_chart_data_get_category (f->data, (guint) bar->category);
          gboolean light = bar->series == AP_CHART_SERIES_RECORDED;
          double x, y;

          g_assert_cmpint (c->id, ==, bar->category_id);
          if (bar->value <= 0)
            continue;
          g_assert_cmpfloat (bar->width, >=, 10);
          bar_sample_point (bar, &x, &y);
          assert_pixel (surface, x, y,
                        light ? blend (status_hex (c), 0.3, WHITE) : hex_rgb (status_hex (c)),
                        c->name);
          checked++;
        }
      g_assert_cmpuint (checked, ==, expected);
      cairo_surface_destroy (surface);
    }
}

/* Pain versus plan colours its three bars by series; anecdotes by category (the top
 * seven each their own colour, the rest grey); the status summary by status. */
static void
test_series_colours (Fixture       *f,
                     gconstpointer  user_data)
{
  ApChartPalette palette;
  cairo_surface_t *surface;
  g_autoptr(GArray) bars = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  const guint32 status_colours[] = { BLUE, ORANGE, GREEN, NEUTRAL };
  guint checked = 0;

  ap_chart_palette_init (&palette, FALSE);

  surface = render (f->data, AP_CHART_PAIN_VS_PLAN, &palette, 1.0);
  bars = ap_chart_layout (f->data, AP_CHART_PAIN_VS_PLAN, WIDTH, HEIGHT, 1.0);
  for (guint i = 0; i < bars->len; i++)
    {
      const ApChartBar *bar = &g_array_index (bars, ApChartBar, i);
      guint32 hex = bar->series == AP_CHART_SERIES_LIVE ? BLUE
                    : bar->series == AP_CHART_SERIES_OCCURRENCES ? ORANGE : GREEN;
      double x, y;

      if (bar->value <= 0)
        continue;
      bar_sample_point (bar, &x, &y);
      assert_pixel (surface, x, y, hex_rgb (hex), "pain versus plan");
      checked++;
    }
  /* 6 categories with incidents, 5 with occurrences, 8 with cards. */
  g_assert_cmpuint (checked, ==, 6 + 5 + 8);
  cairo_surface_destroy (surface);
  g_clear_pointer (&bars, g_array_unref);

  surface = render (f->data, AP_CHART_ANECDOTES, &palette, 1.0);
  bars = ap_chart_layout (f->data, AP_CHART_ANECDOTES, WIDTH, HEIGHT, 1.0);
  checked = 0;
  for (guint i = 0; i < bars->len; i++)
    {
      const ApChartBar *bar = &g_array_index (bars, ApChartBar, i);
      Rgb got;
      guint32 hex;

      g_assert_cmpfloat (bar->height, >=, 6);
      got = pixel_at (surface, bar->x + bar->width / 2, bar->y + bar->height / 2);
      hex = (guint32) got.red << 16 | (guint32) got.green << 8 | (guint32) got.blue;
      if (bar->category < 0)
        g_assert_cmphex (hex, ==, NEUTRAL);
      else
        {
          gpointer seen = g_hash_table_lookup (colours, GINT_TO_POINTER (bar->category + 1));

          /* One colour per category, in every quarter, and never the grey of "other". */
          g_assert_cmphex (hex, !=, NEUTRAL);
          g_assert_cmphex (hex, !=, WHITE);
          if (seen != NULL)
            g_assert_cmphex (GPOINTER_TO_UINT (seen), ==, hex);
          g_hash_table_insert (colours, GINT_TO_POINTER (bar->category + 1),
                               GUINT_TO_POINTER (hex));
        }
      checked++;
    }
  /* Five categories have dated anecdotes (Jenkins, Authentication Clean-up,
   * Credentials, Authorization, Pipeline), in nine category-quarters; each category
   * got its own colour. */
  g_assert_cmpuint (checked, ==, 9);
  g_assert_cmpuint (g_hash_table_size (colours), ==, 5);
  cairo_surface_destroy (surface);
  g_clear_pointer (&bars, g_array_unref);

  surface = render (f->data, AP_CHART_STATUS, &palette, 1.0);
  bars = ap_chart_layout (f->data, AP_CHART_STATUS, WIDTH, HEIGHT, 1.0);
  g_assert_cmpuint (bars->len, ==, G_N_ELEMENTS (status_colours));
  for (guint i = 0; i < bars->len; i++)
    {
      const ApChartBar *bar = &g_array_index (bars, ApChartBar, i);

      /* Near the top left: the count is written in the middle. */
      assert_pixel (surface, bar->x + 5, bar->y + bar->height * 0.2,
                    hex_rgb (status_colours[bar->status]), "status");
    }
  cairo_surface_destroy (surface);
}

/* How far @colour reaches along the middle of @bar from its left end. The pale survey
 * bars let the grid show through, so one-pixel gaps do not end the run. */
static double
painted_length (cairo_surface_t  *surface,
                const ApChartBar *bar,
                Rgb               colour)
{
  double y = bar->y + bar->height / 2, end = bar->x;
  int gap = 0;

  for (double x = bar->x + 2; x < WIDTH && gap < 3; x++)
    {
      if (rgb_near (pixel_at (surface, x, y), colour, 3))
        {
          end = x + 1;
          gap = 0;
        }
      else
        gap++;
    }
  return end - bar->x;
}

static const ApChartBar *
find_bar (GArray        *bars,
          ApChartData   *data,
          const char    *name,
          ApChartSeries  series)
{
  for (guint i = 0; i < bars->len; i++)
    {
      const ApChartBar *bar = &g_array_index (bars, ApChartBar, i);

      if (bar->series == series &&
          g_str_equal (ap_chart_data_get_category (data, (guint) bar->category)->name, name))
        return bar;
    }
  g_error ("no %d bar for %s", series, name);
}

static void
test_longer_bar (Fixture       *f,
                 gconstpointer  user_data)
{
  /* Live incidents: Authentication Clean-up 6, Jenkins 2, Pipeline 1 (all grey); survey
   * counts: Monolith 14, Modernizing FED 9 (pale blue and pale orange). */
  const struct { const char *longer, *shorter; ApChartSeries series; } pairs[] = {
    { "Authentication Clean-up", "Jenkins and Test Infrastructure Issues", AP_CHART_SERIES_LIVE },
    { "Jenkins and Test Infrastructure Issues", "Pipeline", AP_CHART_SERIES_LIVE },
    { "Monolith: Pluggability, Extensibility, Interdependency/coupling, Deprecation/removal",
      "Modernizing FED", AP_CHART_SERIES_RECORDED },
  };
  ApChartPalette palette;
  cairo_surface_t *surface;
  g_autoptr(GArray) bars = NULL;

  ap_chart_palette_init (&palette, FALSE);
  surface = render (f->data, AP_CHART_INCIDENTS, &palette, 1.0);
  bars = ap_chart_layout (f->data, AP_CHART_INCIDENTS, WIDTH, HEIGHT, 1.0);
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const ApChartBar *a = find_bar (bars, f->data, pairs[i].longer, pairs[i].series);
      const ApChartBar *b = find_bar (bars, f->data, pairs[i].shorter, pairs[i].series);
      gboolean light = pairs[i].series == AP_CHART_SERIES_RECORDED;
      const ApChartCategory *ca = ap_chart_data_get_category (f->data, (guint) a->category);
      const ApChartCategory *cb = ap_chart_data_get_category (f->data, (guint) b->category);
      Rgb colour_a = light ? blend (status_hex (ca), 0.3, WHITE) : hex_rgb (status_hex (ca));
      Rgb colour_b = light ? blend (status_hex (cb), 0.3, WHITE) : hex_rgb (status_hex (cb));
      double la = painted_length (surface, a, colour_a), lb = painted_length (surface, b, colour_b);

      g_assert_cmpfloat (a->value, >, b->value);
      g_assert_cmpfloat (la, >, lb);
      /* Within the outline and antialiasing of the geometry's width. */
      g_assert_cmpfloat (ABS (la - a->width), <=, 3);
      g_assert_cmpfloat (ABS (lb - b->width), <=, 3);
      /* Proportional: the axis starts at zero. */
      g_assert_cmpfloat (ABS (la / lb - a->value / b->value), <, 0.1 * a->value / b->value);
    }
  cairo_surface_destroy (surface);
}

/* A category with a survey count and no live incident, or with incidents and no survey
 * count, has a zero bar: its value label says so, and nothing is drawn beside the axis
 * that could read as a sliver of a bar. Meeting scale makes any outline 2 px wide. */
static void
test_zero_bars_draw_nothing (Fixture       *f,
                             gconstpointer  user_data)
{
  ApChartPalette palette;
  cairo_surface_t *surface;
  g_autoptr(GArray) bars = NULL;
  guint checked = 0;

  ap_chart_palette_init (&palette, FALSE);
  surface = render (f->data, AP_CHART_INCIDENTS, &palette, 2.0);
  bars = ap_chart_layout (f->data, AP_CHART_INCIDENTS, WIDTH, HEIGHT, 2.0);
  for (guint i = 0; i < bars->len; i++)
    {
      const ApChartBar *bar = &g_array_index (bars, ApChartBar, i);
      int axis = (int) (bar->x + 0.5), left = (int) bar->x;

      if (bar->value > 0)
        continue;
      for (int x = left - 3; x <= left + 4; x++)
        if (x != axis)
          assert_pixel (surface, x, bar->y + bar->height / 2, hex_rgb (WHITE), "zero bar");
      checked++;
    }
  /* 6 categories have no survey count, 5 have no live incident. */
  g_assert_cmpuint (checked, ==, 6 + 5);
  cairo_surface_destroy (surface);
}

/* Counts written on a bar contrast with it: dark on orange, light on blue. */
static void
test_label_contrast (Fixture       *f,
                     gconstpointer  user_data)
{
  ApChartPalette palettes[3];
  cairo_surface_t *surface;
  g_autoptr(GArray) bars = NULL;

  ap_chart_palette_init (&palettes[0], FALSE);
  ap_chart_palette_init (&palettes[1], TRUE);
  ap_chart_palette_init_print (&palettes[2]);
  for (guint p = 0; p < G_N_ELEMENTS (palettes); p++)
    {
      const ApChartColor *fills[AP_CHART_N_SERIES_COLORS + 1];

      for (guint s = 0; s < AP_CHART_N_SERIES_COLORS; s++)
        fills[s] = &palettes[p].series[s];
      fills[AP_CHART_N_SERIES_COLORS] = &palettes[p].neutral;
      for (guint i = 0; i < G_N_ELEMENTS (fills); i++)
        {
          const ApChartColor *text = ap_chart_palette_text_on (&palettes[p], fills[i]);
          double fg = ap_chart_color_contrast (&palettes[p].foreground, fills[i]);
          double bg = ap_chart_color_contrast (&palettes[p].background, fills[i]);

          /* The better of the two, and at least WCAG's 3:1 for large (bold) text. */
          g_assert_cmpfloat (ap_chart_color_contrast (text, fills[i]), ==, MAX (fg, bg));
          g_assert_cmpfloat (ap_chart_color_contrast (text, fills[i]), >=, 3.0);
        }
    }

  /* In pixels: the count on the Invested (orange) status bar is darker than the bar,
   * the one on Progress (blue) lighter. */
  surface = render (f->data, AP_CHART_STATUS, &palettes[0], 1.0);
  bars = ap_chart_layout (f->data, AP_CHART_STATUS, WIDTH, HEIGHT, 1.0);
  for (guint i = 0; i < 2; i++)
    {
      const ApChartBar *bar = &g_array_index (bars, ApChartBar, i);
      double fill = luminance (hex_rgb (i == 0 ? BLUE : ORANGE)), extreme = fill;

      for (double y = bar->y + 4; y < bar->y + bar->height - 4; y++)
        for (double x = bar->x + 4; x < bar->x + bar->width - 4; x++)
          {
            double l = luminance (pixel_at (surface, x, y));

            if (ABS (l - fill) > ABS (extreme - fill))
              extreme = l;
          }
      if (i == 0)
        g_assert_cmpfloat (extreme, >, fill + 100);
      else
        g_assert_cmpfloat (extreme, <, fill - 100);
    }
  cairo_surface_destroy (surface);
}

static int
on_trace_cb (unsigned int  type,
             void         *context,
             void         *p,
             void         *x)
{
  (*(guint *) context)++;
  return 0;
}

/* Drawing, laying out, hovering and describing bars read only the cached arrays. */
static void
test_draw_runs_no_sql (Fixture       *f,
                       gconstpointer  user_data)
{
  sqlite3 *db = ap_store_get_db (ap_plan_get_store (f->plan));
  g_autoptr(GError) error = NULL;
  ApChartPalette palette;
  guint statements = 0;

  ap_chart_palette_init (&palette, TRUE);
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_trace_cb, &statements);

  /* The hook sees the statements of a recomputation. */
  g_assert_true (ap_chart_data_recompute (f->data, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (statements, >=, 5);

  statements = 0;
  for (ApChartKind kind = 0; kind < AP_N_CHARTS; kind++)
    {
      cairo_surface_t *surface = render (f->data, kind, &palette, 2.0);
      g_autoptr(GArray) bars = ap_chart_layout (f->data, kind, WIDTH, HEIGHT, 1.0);

      for (guint i = 0; i < bars->len; i++)
        {
          const ApChartBar *bar = &g_array_index (bars, ApChartBar, i);
          g_autofree char *text = ap_chart_bar_describe (f->data, kind, bar);

          g_assert_cmpint (ap_chart_bars_hit (bars, bar->x + 1, bar->y + bar->height / 2),
                           ==, (int) i);
          g_assert_nonnull (text);
        }
      ap_chart_get_min_height (f->data, kind, WIDTH, 1.0);
      cairo_surface_destroy (surface);
    }
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_assert_cmpuint (statements, ==, 0);
}

/* Files. */

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* Only @name is in @dir: no temporary file was left beside it. */
static void
assert_dir_holds (const char *dir,
                  const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      if (name == NULL || !g_str_equal (entry, name))
        g_error ("%s was left in %s", entry, dir);
      n++;
    }
  g_assert_cmpuint (n, ==, name != NULL ? 1 : 0);
}

static char *
export_to (Fixture    *f,
           const char *name,
           int         chart)
{
  g_autofree char *dir = g_build_filename (f->dir, name, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  /* Each export in a folder of its own, so that a leftover shows. */
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (ap_charts_export_file (f->plan, path, chart, &error));
  g_assert_no_error (error);
  assert_dir_holds (dir, name);
  return g_steal_pointer (&path);
}

static void
check_png (const char *path,
           int         height)
{
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize length;
  g_autofree char *bytes = read_file (path, &length);
  cairo_surface_t *image;
  guint inked = 0;

  g_assert_cmpuint (length, >, sizeof signature);
  g_assert_cmpmem (bytes, sizeof signature, signature, sizeof signature);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, height);
  /* White paper with a chart on it, in every band of 800 pixels. */
  for (int band = 0; band < height / 800; band++)
    {
      assert_pixel (image, 0, band * 800, hex_rgb (WHITE), "PNG corner");
      inked = 0;
      for (int y = band * 800; y < (band + 1) * 800; y += 3)
        for (int x = 0; x < 1280; x += 3)
          inked += !rgb_near (pixel_at (image, x, y), hex_rgb (WHITE), 8);
      g_assert_cmpuint (inked, >, 1000);
    }
  cairo_surface_destroy (image);
}

typedef struct
{
  guint  depth;
  guint  n_elements;
  char  *root;
} SvgCount;

static void
on_svg_start_cb (GMarkupParseContext  *context,
                 const char           *element,
                 const char          **names,
                 const char          **values,
                 gpointer              user_data,
                 GError              **error)
{
  SvgCount *count = user_data;

  if (count->depth++ == 0)
    count->root = g_strdup (element);
  count->n_elements++;
}

static void
on_svg_end_cb (GMarkupParseContext  *context,
               const char           *element,
               gpointer              user_data,
               GError              **error)
{
  ((SvgCount *) user_data)->depth--;
}

static void
check_svg (const char *path)
{
  static const GMarkupParser parser = { on_svg_start_cb, on_svg_end_cb, NULL, NULL, NULL };
  gsize length;
  g_autofree char *text = read_file (path, &length);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  SvgCount count = { 0 };

  g_assert_nonnull (strstr (text, "<svg"));
  /* GMarkup is strict XML without DTDs, which cairo's SVG does not use. */
  context = g_markup_parse_context_new (&parser, 0, &count, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, (gssize) length, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (count.root, ==, "svg");
  g_assert_cmpuint (count.depth, ==, 0);
  g_assert_cmpuint (count.n_elements, >, 100);
  g_free (count.root);
}

/* Page objects ("/Type /Page"), not the page tree ("/Type /Pages"). The file has
 * binary streams, so this is no job for the string functions, which stop at a NUL. */
static guint
count_pdf_pages (const char *bytes,
                 gsize       length)
{
  static const char needle[] = "/Type /Page";
  gsize n_needle = sizeof needle - 1;
  guint n = 0;

  for (gsize i = 0; i + n_needle < length; i++)
    if (memcmp (bytes + i, needle, n_needle) == 0 && bytes[i + n_needle] != 's')
      n++;
  return n;
}

static void
check_pdf (const char *path,
           guint       pages)
{
  gsize length;
  g_autofree char *bytes = read_file (path, &length);
  g_autofree char *tail = NULL;

  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (bytes, 5, "%PDF-", 5);
  /* A complete file ends with the end-of-file marker, after its cross-reference table. */
  tail = g_strndup (bytes + length - 16, 16);
  g_assert_nonnull (strstr (tail, "%%EOF"));
  g_assert_cmpuint (count_pdf_pages (bytes, length), ==, pages);
}

static void
test_export_files (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autofree char *png = export_to (f, "charts.png", -1);
  g_autofree char *one = export_to (f, "status.PNG", AP_CHART_STATUS);
  g_autofree char *svg = export_to (f, "charts.svg", -1);
  g_autofree char *pdf = export_to (f, "charts.pdf", -1);
  g_autofree char *pdf_one = export_to (f, "anecdotes.pdf", AP_CHART_ANECDOTES);

  check_png (png, 800 * AP_N_CHARTS);
  check_png (one, 800);
  check_svg (svg);
  check_pdf (pdf, AP_N_CHARTS);
  check_pdf (pdf_one, 1);
}

static void
assert_export_fails (Fixture    *f,
                     const char *path,
                     const char *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ap_charts_export_file (f->plan, path, -1, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
  g_assert_false (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_export_errors (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autofree char *dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *gif = g_build_filename (dir, "charts.gif", NULL);
  g_autofree char *none = g_build_filename (dir, "charts", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "charts.png", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.pdf", NULL);
  g_autofree char *missing_dir = g_path_get_dirname (missing);
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *in_locked = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);

  /* The format comes from the name; anything else is refused before writing. */
  g_assert_false (ap_charts_export_file (f->plan, gif, -1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_clear_error (&error);
  assert_export_fails (f, none, ".png, .svg or .pdf");
  assert_dir_holds (dir, NULL);

  /* A folder that is not there is not made. */
  assert_export_fails (f, missing, "folder");
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  assert_dir_holds (dir, NULL);

  /* An output that is a folder: the folder stays empty, nothing is left beside it. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  assert_export_fails (f, folder, "");
  assert_dir_holds (folder, NULL);
  assert_dir_holds (dir, "folder.pdf");
  g_rmdir (folder);

  /* A folder that cannot be written in. root writes anywhere, so it is /proc then —
   * when /proc is procfs (in a bare chroot it is a plain folder, and the case is moot). */
  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
  in_locked = geteuid () == 0 ? g_strdup ("/proc/charts.png")
                              : g_build_filename (locked, "charts.png", NULL);
  if (geteuid () != 0 || g_file_test ("/proc/self", G_FILE_TEST_EXISTS))
    assert_export_fails (f, in_locked, "folder");
  assert_dir_holds (locked, NULL);
  g_chmod (locked, 0755);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/chart-render/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("background", test_background);
  ADD ("status-colours", test_status_colours);
  ADD ("series-colours", test_series_colours);
  ADD ("longer-bar", test_longer_bar);
  ADD ("zero-bars-draw-nothing", test_zero_bars_draw_nothing);
  ADD ("label-contrast", test_label_contrast);
  ADD ("draw-runs-no-sql", test_draw_runs_no_sql);
  ADD ("export-files", test_export_files);
  ADD ("export-errors", test_export_errors);
  return g_test_run ();
}
