/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ap-plan.h"

G_BEGIN_DECLS

#define AP_TYPE_WINDOW (ap_window_get_type ())
G_DECLARE_FINAL_TYPE (ApWindow, ap_window, AP, WINDOW, AdwApplicationWindow)

ApWindow  *ap_window_new              (GtkApplication *application,
                                       ApPlan         *plan);
ApPlan    *ap_window_get_plan         (ApWindow       *self);
void       ap_window_set_plan         (ApWindow       *self,
                                       ApPlan         *plan);
gboolean   ap_window_save_as          (ApWindow       *self,
                                       const char     *path);
void       ap_window_import_json      (ApWindow       *self,
                                       const char     *path);
void       ap_window_export_json      (ApWindow       *self,
                                       const char     *path);
void       ap_window_show_error       (ApWindow       *self,
                                       const char     *heading,
                                       const GError   *error);
void       ap_window_add_toast        (ApWindow       *self,
                                       AdwToast       *toast);
GtkWindow *ap_window_new_error_dialog (GtkWindow      *parent,
                                       const char     *heading,
                                       const GError   *error);
void       ap_window_forget_recent    (const char     *path);
void       ap_window_verify_plan      (ApWindow       *self);

G_END_DECLS
