/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-chart-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ap-chart-export.h"

/* Image charts are sized for a 16:10 projector; PDF pages are A4 landscape in points. */
#define IMAGE_WIDTH  1280
#define IMAGE_HEIGHT 800
#define PAGE_WIDTH   842
#define PAGE_HEIGHT  595

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} Format;

static gboolean
format_for_path (const char  *path,
                 Format      *format,
                 GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = FORMAT_PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown file type: the name must end in .png, .svg or .pdf"));
      return FALSE;
    }
  return TRUE;
}

/* Paints the charts from @first to @last, each in its own band (or page). */
static void
paint_charts (cairo_t     *cr,
              ApChartData *data,
              int          first,
              int          last,
              double       width,
              double       height,
              gboolean     pages)
{
  ApChartPalette palette;

  ap_chart_palette_init_print (&palette);
  for (int kind = first; kind <= last; kind++)
    {
      cairo_save (cr);
      if (!pages)
        cairo_translate (cr, 0, (kind - first) * height);
      ap_chart_paint (cr, data, (ApChartKind) kind, &palette, width, height, 1.0, -1, NULL);
      cairo_restore (cr);
      if (pages)
        cairo_show_page (cr);
    }
}

static cairo_status_t
write_file (ApChartData *data,
            const char  *path,
            Format       format,
            int          first,
            int          last)
{
  gboolean pdf = format == FORMAT_PDF;
  double w = pdf ? PAGE_WIDTH : IMAGE_WIDTH, h = pdf ? PAGE_HEIGHT : IMAGE_HEIGHT;
  double total_h = pdf ? h : h * (last - first + 1);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == FORMAT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) total_h);
  else if (format == FORMAT_SVG)
    surface = cairo_svg_surface_create (path, w, total_h);
  else
    surface = cairo_pdf_surface_create (path, w, h);

  cr = cairo_create (surface);
  paint_charts (cr, data, first, last, w, h, pdf);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

static mode_t
current_umask (void)
{
  mode_t mask = umask (0022);

  umask (mask);
  return mask;
}

/* A temporary name beside @path, so that the rename stays on one file system. */
static char *
make_temp_path (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s-XXXXXX", base);
  char *temp = g_build_filename (dir, template, NULL);
  int fd = g_mkstemp (temp);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write in the folder: %s"), g_strerror (saved));
      g_free (temp);
      return NULL;
    }
  close (fd);
  /* mkstemp makes the file private; an exported chart is a document like any other. */
  g_chmod (temp, 0666 & ~current_umask ());
  return temp;
}

gboolean
ap_charts_export_data (ApChartData  *data,
                       const char   *path,
                       int           chart,
                       GError      **error)
{
  g_autofree char *temp = NULL;
  cairo_status_t status;
  Format format;

  g_return_val_if_fail (AP_IS_CHART_DATA (data), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (chart >= -1 && chart < AP_N_CHARTS, FALSE);

  if (!format_for_path (path, &format, error) || !(temp = make_temp_path (path, error)))
    return FALSE;

  status = write_file (data, temp, format, chart < 0 ? 0 : chart,
                       chart < 0 ? AP_N_CHARTS - 1 : chart);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the charts: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (temp, path) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
ap_charts_export_file (ApPlan      *plan,
                       const char  *path,
                       int          chart,
                       GError     **error)
{
  g_autoptr(ApChartData) data = NULL;

  g_return_val_if_fail (AP_IS_PLAN (plan), FALSE);

  data = ap_chart_data_new (plan);
  if (!ap_chart_data_recompute (data, error))
    return FALSE;
  return ap_charts_export_data (data, path, chart, error);
}
