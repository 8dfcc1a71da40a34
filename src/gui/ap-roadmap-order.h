/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-plan.h"

G_BEGIN_DECLS

/* The order the roadmap shows its rows and columns in, shared by the outline, the
 * editors and the find bar's menus: periods by position, steps by their activity's
 * position and then their own, everything else by position. */

ApRowList *ap_roadmap_get_list        (ApPlan       *plan,
                                       ApEntityKind  kind);
int        ap_roadmap_compare_periods (ApPeriod     *a,
                                       ApPeriod     *b);
int        ap_roadmap_compare_steps   (ApPlan       *plan,
                                       ApStep       *a,
                                       ApStep       *b);
GPtrArray *ap_roadmap_dup_sorted      (ApPlan       *plan,
                                       ApEntityKind  kind);

G_END_DECLS
