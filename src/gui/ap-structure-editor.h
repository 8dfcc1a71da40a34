/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ap-plan.h"

G_BEGIN_DECLS

#define AP_TYPE_STRUCTURE_EDITOR (ap_structure_editor_get_type ())
G_DECLARE_FINAL_TYPE (ApStructureEditor, ap_structure_editor, AP, STRUCTURE_EDITOR, AdwPreferencesWindow)

ApStructureEditor *ap_structure_editor_new         (GtkWindow         *parent,
                                                    ApPlan            *plan);
AdwMessageDialog  *ap_structure_editor_remove      (ApStructureEditor *self,
                                                    ApEntityKind       kind,
                                                    gint64             id);
gboolean           ap_structure_editor_remove_with (ApStructureEditor *self,
                                                    ApEntityKind       kind,
                                                    gint64             id,
                                                    gint64             replacement_id);
GtkWidget         *ap_structure_editor_get_field   (ApStructureEditor *self,
                                                    ApEntityKind       kind,
                                                    gint64             id,
                                                    const char        *field);

G_END_DECLS
