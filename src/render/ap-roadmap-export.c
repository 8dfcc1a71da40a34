/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-roadmap-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ap-roadmap-export.h"
#include "ap-roadmap-painter.h"

#define MARGIN      32.0
#define PNG_SCALE   2.0

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} Format;

static const struct
{
  const char *extension;
  Format      format;
} formats[] = {
  { ".png", FORMAT_PNG },
  { ".svg", FORMAT_SVG },
  { ".pdf", FORMAT_PDF },
};

/* Everything drawn on the page, measured once. */
typedef struct
{
  ApRoadmapLayout  *layout;
  PangoLayout      *title;
  ApRoadmapPalette  palette;
  double            title_height;
  double            legend_width;
  double            legend_height;
  double            width;
  double            height;
} Page;

const char *
ap_roadmap_export_formats (void)
{
  return ".png, .svg or .pdf";
}

static gboolean
format_for_path (const char  *path,
                 Format      *format,
                 GError     **error)
{
  g_autofree char *lower = g_utf8_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      {
        *format = formats[i].format;
        return TRUE;
      }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
               _("Unknown file type: the name must end in %s"), ap_roadmap_export_formats ());
  return FALSE;
}

static void
measure_page (Page   *page,
              ApPlan *plan)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold 20");
  int h;

  page->layout = ap_roadmap_layout_new ();
  ap_roadmap_layout_rebuild (page->layout, plan);
  /* Print is light whatever the desktop's style. */
  ap_roadmap_palette_init_light (&page->palette);
  page->palette.background = (ApRgba) { 1.f, 1.f, 1.f, 1.f };

  page->title = pango_layout_new (ap_roadmap_layout_get_context (page->layout));
  pango_layout_set_font_description (page->title, font);
  pango_layout_set_text (page->title, ap_plan_get_title (plan), -1);
  pango_layout_get_pixel_size (page->title, NULL, &h);
  page->title_height = h;
  ap_roadmap_painter_measure_legend (page->layout, ap_roadmap_layout_get_width (page->layout),
                                     &page->legend_width, &page->legend_height);
  page->width = ceil (MAX (ap_roadmap_layout_get_width (page->layout), page->legend_width)) +
                2 * MARGIN;
  page->height = ceil (MARGIN + page->title_height + 16 +
                       ap_roadmap_layout_get_height (page->layout) + 24 +
                       page->legend_height + MARGIN);
}

static void
draw_page (cairo_t *cr,
           Page    *page)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, page->title);
  cairo_translate (cr, 0, page->title_height + 16);
  ap_roadmap_painter_draw_map (cr, page->layout, &page->palette);
  cairo_translate (cr, 0, ap_roadmap_layout_get_height (page->layout) + 24);
  ap_roadmap_painter_draw_legend (cr, page->layout, &page->palette,
                                  ap_roadmap_layout_get_width (page->layout));
}

static cairo_status_t
render_to (const char *tmp,
           Format      format,
           Page       *page)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == FORMAT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, page->width * PNG_SCALE,
                                          page->height * PNG_SCALE);
  else if (format == FORMAT_SVG)
    surface = cairo_svg_surface_create (tmp, page->width, page->height);
  else
    surface = cairo_pdf_surface_create (tmp, page->width, page->height);

  cr = cairo_create (surface);
  if (format == FORMAT_PNG)
    cairo_scale (cr, PNG_SCALE, PNG_SCALE);
  draw_page (cr, page);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, tmp);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

static gboolean
fail_write (const char  *path,
            const char  *reason,
            GError     **error)
{
  /* Callers name the file: the command line starts its line with it. */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the roadmap: %s"),
               reason);
  return FALSE;
}

/* A temporary file beside @path, readable as the user's umask says, like a new file. */
static char *
make_temp_beside (const char  *path,
                  GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp (tmp);
  mode_t mask;

  if (fd < 0)
    {
      fail_write (path, g_strerror (errno), error);
      return NULL;
    }
  close (fd);
  mask = umask (0);
  umask (mask);
  g_chmod (tmp, 0666 & ~mask);
  return g_steal_pointer (&tmp);
}

gboolean
ap_roadmap_export_file (ApPlan      *plan,
                        const char  *path,
                        GError     **error)
{
  Page page = { NULL };
  g_autofree char *tmp = NULL;
  cairo_status_t status;
  Format format;

  g_return_val_if_fail (AP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!format_for_path (path, &format, error))
    return FALSE;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return fail_write (path, g_strerror (EISDIR), error);
  tmp = make_temp_beside (path, error);
  if (tmp == NULL)
    return FALSE;

  measure_page (&page, plan);
  status = render_to (tmp, format, &page);
  g_clear_object (&page.title);
  g_clear_object (&page.layout);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      return fail_write (path, cairo_status_to_string (status), error);
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return fail_write (path, g_strerror (saved), error);
    }
  return TRUE;
}
