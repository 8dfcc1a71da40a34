/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-plan.h"

G_BEGIN_DECLS

void      ap_csv_append_field     (GString       *out,
                                   const char    *value);
char     *ap_incident_csv_format  (ApPlan        *plan,
                                   const gint64  *ids,
                                   guint          n_ids);
gboolean  ap_incident_csv_write   (ApPlan        *plan,
                                   const gint64  *ids,
                                   guint          n_ids,
                                   const char    *path,
                                   GError       **error);

G_END_DECLS
