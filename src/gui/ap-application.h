/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AP_TYPE_APPLICATION (ap_application_get_type ())
G_DECLARE_FINAL_TYPE (ApApplication, ap_application, AP, APPLICATION, AdwApplication)

ApApplication *ap_application_new       (void);
GtkWindow     *ap_application_open_file (ApApplication *self,
                                         GFile         *file,
                                         GtkWindow     *parent);

G_END_DECLS
