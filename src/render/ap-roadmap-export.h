/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-plan.h"

G_BEGIN_DECLS

/* Writes the whole roadmap with its title and legend to @path, at print quality: PNG
 * (twice the map's pixel size), or SVG and PDF (vector; the page is as large as the
 * map). The format comes from the extension. The file is written beside @path and
 * renamed over it, so a failure leaves nothing half-written. */
gboolean ap_roadmap_export_file      (ApPlan      *plan,
                                      const char  *path,
                                      GError     **error);

/* The extensions ap_roadmap_export_file() knows, for messages: ".png, .svg or .pdf". */
const char *ap_roadmap_export_formats (void);

G_END_DECLS
