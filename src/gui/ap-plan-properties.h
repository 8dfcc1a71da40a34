/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ap-plan.h"

G_BEGIN_DECLS

GtkWindow *ap_plan_properties_present (GtkWindow *parent,
                                       ApPlan    *plan);

G_END_DECLS
