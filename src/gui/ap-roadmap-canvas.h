/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ap-card-filter.h"
#include "ap-plan.h"

G_BEGIN_DECLS

/* The roadmap drawn as a story map: activities and steps across, periods down, cards in
 * the cells. Implements GtkScrollable: put it in a GtkScrolledWindow. The headers stay
 * in view while scrolling.
 *
 * Signals: ::card-activated (gint64 card id) on double-click or Enter;
 * ::new-card-requested (gint64 period id, gint64 step id) on double-click in an empty
 * part of a cell; ::selection-changed; ::cards-deleted (guint n) after Delete removed
 * the selected cards, so the page can offer Undo.
 *
 * Keyboard: arrows move the focus between cards; Alt+Left/Right move the focused card to
 * the neighbouring step; Alt+Up/Down move it one place up or down in its cell, and from
 * the top (bottom) of a cell to the end (start) of the previous (next) period. */

#define AP_TYPE_ROADMAP_CANVAS (ap_roadmap_canvas_get_type ())
G_DECLARE_FINAL_TYPE (ApRoadmapCanvas, ap_roadmap_canvas, AP, ROADMAP_CANVAS, GtkWidget)

/* Zooming out stops at MIN_ZOOM, or lower if that is what it takes to fit a big plan
 * (20,000 cards fit at about 0.7 %), but never below FIT_MIN_ZOOM. */
#define AP_ROADMAP_CANVAS_MIN_ZOOM 0.02
#define AP_ROADMAP_CANVAS_FIT_MIN_ZOOM 0.001
#define AP_ROADMAP_CANVAS_MAX_ZOOM 4.0

GtkWidget    *ap_roadmap_canvas_new                (void);
void          ap_roadmap_canvas_set_plan           (ApRoadmapCanvas *self,
                                                    ApPlan          *plan);
ApPlan       *ap_roadmap_canvas_get_plan           (ApRoadmapCanvas *self);
void          ap_roadmap_canvas_set_filter         (ApRoadmapCanvas *self,
                                                    ApCardFilter    *filter);
double        ap_roadmap_canvas_get_zoom           (ApRoadmapCanvas *self);
void          ap_roadmap_canvas_set_zoom           (ApRoadmapCanvas *self,
                                                    double           zoom);
void          ap_roadmap_canvas_zoom_to_fit        (ApRoadmapCanvas *self);
void          ap_roadmap_canvas_select_card        (ApRoadmapCanvas *self,
                                                    gint64           card_id);
const gint64 *ap_roadmap_canvas_get_selected_cards (ApRoadmapCanvas *self,
                                                    guint           *n_cards);
gint64        ap_roadmap_canvas_get_focused_card   (ApRoadmapCanvas *self);

G_END_DECLS
