/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ap-plan.h"

G_BEGIN_DECLS

#define AP_TYPE_HISTORY_PANEL (ap_history_panel_get_type ())
G_DECLARE_FINAL_TYPE (ApHistoryPanel, ap_history_panel, AP, HISTORY_PANEL, GtkWidget)

GtkWidget  *ap_history_panel_new         (void);
void        ap_history_panel_set_plan    (ApHistoryPanel *self,
                                          ApPlan         *plan);
GListModel *ap_history_panel_get_entries (ApHistoryPanel *self);
GtkListView *ap_history_panel_get_list   (ApHistoryPanel *self);
void        ap_history_panel_copy        (ApHistoryPanel *self);

G_END_DECLS
