/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ap-plan.h"
#include "ap-roadmap-export.h"
#include "ap-roadmap-painter.h"
#include "ap-roadmap-pen.h"

typedef struct
{
  char   *dir;
  ApPlan *plan;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("ap-render-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "sample.archplan", NULL);
  f->plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->plan);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static const ApRoadmapCardBox *
find_titled (ApRoadmapLayout *layout,
             const char      *title)
{
  for (guint i = 0; i < ap_roadmap_layout_get_n_cards (layout); i++)
    {
      const ApRoadmapCardBox *box = ap_roadmap_layout_get_card_at (layout, i);

      if (g_str_equal (pango_layout_get_text (box->title), title))
        return box;
    }
  g_assert_not_reached ();
}

/* The pixel at (x, y) of an ARGB32 surface as 0xRRGGBB. */
static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  return *(const guint32 *) (gconstpointer) (data + y * stride + x * 4) & 0xffffff;
}

static double
luminance (guint32 rgb)
{
  return 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
}

static void
test_map_pixels (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ApRoadmapLayout) layout = ap_roadmap_layout_new ();
  const ApRoadmapCardBox *box;
  ApRoadmapPalette palette;
  cairo_surface_t *surface;
  guint32 badge_rgb;
  gboolean found = FALSE;
  cairo_t *cr;
  int x, y;

  ap_roadmap_layout_rebuild (layout, f->plan);
  ap_roadmap_palette_init_light (&palette);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        ap_roadmap_layout_get_width (layout),
                                        ap_roadmap_layout_get_height (layout));
  cr = cairo_create (surface);
  ap_roadmap_painter_draw_map (cr, layout, &palette);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  /* "Eventing Message bus" is a Spike: the sample's Spike is #785ef0. Its left stripe
   * and its badge are in that colour. */
  box = find_titled (layout, "Eventing Message bus");
  x = box->rect.x + 1.5;
  y = box->rect.y + box->rect.height / 2;
  g_assert_cmphex (pixel (surface, x, y), ==, 0x785ef0);
  for (int bx = box->rect.x + AP_ROADMAP_CARD_PADDING; bx < box->rect.x + 60 && !found; bx++)
    for (int by = box->rect.y + 20; by < box->rect.y + box->rect.height && !found; by++)
      found = pixel (surface, bx, by) == 0x785ef0;
  g_assert_true (found);
  /* The card's inside is the palette's card background (white), the empty cell's the
   * palette's background. */
  g_assert_cmphex (pixel (surface, box->rect.x + box->rect.width - 4, box->rect.y + 4), ==, 0xffffff);
  badge_rgb = pixel (surface, ap_roadmap_layout_get_cell (layout, 0, 0)->rect.x + 5,
                     ap_roadmap_layout_get_cell (layout, 0, 0)->rect.y + 5);
  g_assert_cmphex (badge_rgb, ==, 0xfafafa);

  /* Dimmed, as the canvas draws cards a filter leaves out, the stripe reads lighter. */
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, box->rect.x, box->rect.y);
  cairo_push_group (cr);
  ap_roadmap_painter_draw_card (cr, layout, box, &palette);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, palette.dim_alpha);
  cairo_destroy (cr);
  g_assert_cmpfloat (luminance (pixel (surface, x, y)), >, luminance (0x785ef0) + 60);
  cairo_surface_destroy (surface);
}

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

/* A pen that only remembers where the last text went. */
static double last_text_y;
static guint n_texts;

static void
record_fill (gpointer target, const ApRect *rect, double radius, const ApRgba *color)
{
}

static void
record_text (gpointer target, PangoLayout *layout, double x, double y, double scale, const ApRgba *color)
{
  last_text_y = y;
  n_texts++;
}

static const ApRoadmapPen recording_pen = { record_fill, NULL, record_text, NULL, NULL };

/* Far out, a cell's number of cards stays in the part of its block below the pinned
 * headers (@top), inside the block, or is not drawn where it does not fit. */
static void
test_cell_count_in_view (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ApRoadmapLayout) layout = ap_roadmap_layout_new ();
  ApRoadmapPalette palette;
  guint best_row = 0, best_column = 0;
  double zoom = 0.1, tallest = 0;
  ApRect r;

  ap_roadmap_layout_rebuild (layout, f->plan);
  ap_roadmap_palette_init_light (&palette);
  for (guint row = 0; row < ap_roadmap_layout_get_n_rows (layout); row++)
    for (guint column = 0; column < ap_roadmap_layout_get_n_columns (layout); column++)
      if (ap_roadmap_layout_get_cell_extent (layout, row, column, &r) && r.height > tallest)
        {
          tallest = r.height;
          best_row = row;
          best_column = column;
        }
  g_assert_true (ap_roadmap_layout_get_cell_extent (layout, best_row, best_column, &r));
  g_assert_cmpfloat (r.height * zoom, >, 20);

  /* The block's top in view: the number at its top. */
  n_texts = 0;
  ap_roadmap_painter_trace_cell_count (&recording_pen, NULL, layout, best_row, best_column,
                                       &palette, zoom, r.y - 100);
  g_assert_cmpuint (n_texts, ==, 1);
  g_assert_cmpfloat_with_epsilon (last_text_y, r.y + 2 / zoom, 1e-6);

  /* Scrolled halfway down the block: the number comes along. */
  ap_roadmap_painter_trace_cell_count (&recording_pen, NULL, layout, best_row, best_column,
                                       &palette, zoom, r.y + r.height / 2);
  g_assert_cmpfloat_with_epsilon (last_text_y, r.y + r.height / 2 + 2 / zoom, 1e-6);

  /* Past the block's end: the number stays at its bottom, inside. */
  ap_roadmap_painter_trace_cell_count (&recording_pen, NULL, layout, best_row, best_column,
                                       &palette, zoom, r.y + r.height + 500);
  g_assert_cmpfloat (last_text_y, >, r.y + r.height / 2);
  g_assert_cmpfloat (last_text_y, <, r.y + r.height);

  /* Too small to read it: nothing. */
  n_texts = 0;
  ap_roadmap_painter_trace_cell_count (&recording_pen, NULL, layout, best_row, best_column,
                                       &palette, 0.001, r.y);
  g_assert_cmpuint (n_texts, ==, 0);
}

static void
test_export_formats (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (f->dir, "map.PNG", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "map.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "map.pdf", NULL);
  g_autofree char *contents = NULL;
  cairo_surface_t *image;
  gsize length;

  g_assert_true (ap_roadmap_export_file (f->plan, png, &error));
  g_assert_no_error (error);
  g_assert_true (ap_roadmap_export_file (f->plan, svg, &error));
  g_assert_no_error (error);
  g_assert_true (ap_roadmap_export_file (f->plan, pdf, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* Print quality: twice the map's size, with the title and legend around it. */
  g_assert_cmpint (cairo_image_surface_get_width (image), >, 2 * 7 * AP_ROADMAP_CARD_WIDTH);
  cairo_surface_destroy (image);

  contents = read_file (svg, &length);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  g_clear_pointer (&contents, g_free);
  contents = read_file (pdf, &length);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpuint (length, >, 10000);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_export_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (f->dir, "map.bmp", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "nowhere", "map.png", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.png", NULL);
  guint before;

  g_assert_no_errno (g_mkdir (folder, 0700));
  before = count_files (f->dir);

  g_assert_false (ap_roadmap_export_file (f->plan, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_clear_error (&error);

  g_assert_false (ap_roadmap_export_file (f->plan, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "No such file"));
  g_clear_error (&error);

  /* A folder in the way: nothing is left behind, not even the temporary file. */
  g_assert_false (ap_roadmap_export_file (f->plan, folder, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_files (f->dir), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/roadmap-render/map-pixels", Fixture, NULL, fixture_set_up, test_map_pixels,
              fixture_tear_down);
  g_test_add ("/roadmap-render/cell-count-in-view", Fixture, NULL, fixture_set_up,
              test_cell_count_in_view, fixture_tear_down);
  g_test_add ("/roadmap-render/export-formats", Fixture, NULL, fixture_set_up,
              test_export_formats, fixture_tear_down);
  g_test_add ("/roadmap-render/export-errors", Fixture, NULL, fixture_set_up,
              test_export_errors, fixture_tear_down);
  return g_test_run ();
}
