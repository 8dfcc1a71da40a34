/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-plan.h"

G_BEGIN_DECLS

char *ap_history_to_markdown (ApPlan *plan);

G_END_DECLS
