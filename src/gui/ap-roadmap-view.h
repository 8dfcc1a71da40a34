/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ap-card-editor.h"
#include "ap-card-filter.h"
#include "ap-history-panel.h"
#include "ap-plan.h"
#include "ap-roadmap-outline.h"

G_BEGIN_DECLS

#define AP_TYPE_ROADMAP_VIEW (ap_roadmap_view_get_type ())
G_DECLARE_FINAL_TYPE (ApRoadmapView, ap_roadmap_view, AP, ROADMAP_VIEW, GtkWidget)

GtkWidget        *ap_roadmap_view_new               (void);
void              ap_roadmap_view_set_plan          (ApRoadmapView *self,
                                                     ApPlan        *plan);
ApPlan           *ap_roadmap_view_get_plan          (ApRoadmapView *self);
ApCardFilter     *ap_roadmap_view_get_filter        (ApRoadmapView *self);
ApRoadmapOutline *ap_roadmap_view_get_outline       (ApRoadmapView *self);
ApHistoryPanel   *ap_roadmap_view_get_history_panel (ApRoadmapView *self);
const char       *ap_roadmap_view_get_mode          (ApRoadmapView *self);
void              ap_roadmap_view_set_mode          (ApRoadmapView *self,
                                                     const char    *mode);
ApCardEditor     *ap_roadmap_view_edit_card         (ApRoadmapView *self,
                                                     gint64         card_id,
                                                     gint64         period_id,
                                                     gint64         step_id);
GtkWindow        *ap_roadmap_view_edit_structure    (ApRoadmapView *self);
void              ap_roadmap_view_show_card         (ApRoadmapView *self,
                                                     gint64         card_id);

G_END_DECLS
