/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-plan.h"

G_BEGIN_DECLS

/* What the roadmap's find bar asks for: cards whose title, stage or notes contain the
 * text (case-insensitive), owned by one of the organizations, at one of the stages, in
 * one of the initiatives. Empty criteria match everything. Cards that do not match are
 * dimmed on the canvas and left out of the outline. */

#define AP_TYPE_CARD_FILTER (ap_card_filter_get_type ())
G_DECLARE_FINAL_TYPE (ApCardFilter, ap_card_filter, AP, CARD_FILTER, GObject)

ApCardFilter *ap_card_filter_new              (void);
void          ap_card_filter_set_text         (ApCardFilter *self,
                                               const char   *text);
const char   *ap_card_filter_get_text         (ApCardFilter *self);
void          ap_card_filter_set_ids          (ApCardFilter *self,
                                               ApEntityKind  kind,
                                               const gint64 *ids,
                                               guint         n_ids);
gboolean      ap_card_filter_has_id           (ApCardFilter *self,
                                               ApEntityKind  kind,
                                               gint64        id);
void          ap_card_filter_clear            (ApCardFilter *self);
gboolean      ap_card_filter_is_empty         (ApCardFilter *self);
gboolean      ap_card_filter_matches          (ApCardFilter *self,
                                               ApPlan       *plan,
                                               ApCard       *card);

G_END_DECLS
