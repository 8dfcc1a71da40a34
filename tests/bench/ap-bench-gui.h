/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the GUI figures need: a display (GTK and libadwaita initialised) and, for views
 * that read GSettings, the app's schema. Without them the figure fails with
 * G_IO_ERROR_NOT_SUPPORTED or G_IO_ERROR_NOT_FOUND, which the run reports as skipped. */
gboolean ap_bench_ensure_display (gboolean   with_settings,
                                  GError   **error);

G_END_DECLS
