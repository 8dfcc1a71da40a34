/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "archplan-bench"

#include "config.h"

#include <adwaita.h>

#include "ap-bench-gui.h"

gboolean
ap_bench_ensure_display (gboolean   with_settings,
                         GError   **error)
{
  static int state = -1;
  GSettingsSchema *schema;

  if (state < 0)
    {
      state = gtk_init_check () ? 1 : 0;
      if (state)
        adw_init ();
    }
  if (!state)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "no display (run under xvfb-run -a, with GSK_RENDERER=cairo)");
      return FALSE;
    }
  if (!with_settings)
    return TRUE;
  /* Views read GSettings: without the schema GLib aborts. */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "no GSettings schema (set GSETTINGS_SCHEMA_DIR=<build>/data and "
                           "GSETTINGS_BACKEND=memory)");
      return FALSE;
    }
  g_settings_schema_unref (schema);
  return TRUE;
}
