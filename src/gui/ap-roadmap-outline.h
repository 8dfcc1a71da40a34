/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ap-card-filter.h"
#include "ap-plan.h"
#include "ap-roadmap-order.h"

G_BEGIN_DECLS

#define AP_TYPE_ROADMAP_OUTLINE (ap_roadmap_outline_get_type ())
G_DECLARE_FINAL_TYPE (ApRoadmapOutline, ap_roadmap_outline, AP, ROADMAP_OUTLINE, GtkWidget)

GtkWidget  *ap_roadmap_outline_new              (void);
void        ap_roadmap_outline_set_plan         (ApRoadmapOutline *self,
                                                 ApPlan           *plan);
void        ap_roadmap_outline_set_filter       (ApRoadmapOutline *self,
                                                 ApCardFilter     *filter);
guint       ap_roadmap_outline_get_n_cards      (ApRoadmapOutline *self);
GListModel *ap_roadmap_outline_get_rows         (ApRoadmapOutline *self);
gboolean    ap_roadmap_outline_select_card      (ApRoadmapOutline *self,
                                                 gint64            card_id);
gint64      ap_roadmap_outline_get_selected_card (ApRoadmapOutline *self);
gint64      ap_roadmap_outline_get_selected_period (ApRoadmapOutline *self);
gboolean    ap_roadmap_outline_move_selected    (ApRoadmapOutline *self,
                                                 int               d_period,
                                                 int               d_step);

G_END_DECLS
