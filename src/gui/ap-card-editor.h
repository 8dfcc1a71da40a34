/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ap-plan.h"

G_BEGIN_DECLS

#define AP_TYPE_CARD_EDITOR (ap_card_editor_get_type ())
G_DECLARE_FINAL_TYPE (ApCardEditor, ap_card_editor, AP, CARD_EDITOR, AdwWindow)

ApCardEditor   *ap_card_editor_new            (GtkWindow    *parent,
                                               ApPlan       *plan,
                                               gint64        card_id,
                                               gint64        period_id,
                                               gint64        step_id);
gint64          ap_card_editor_get_card_id    (ApCardEditor *self);
gboolean        ap_card_editor_save           (ApCardEditor *self);
void            ap_card_editor_select         (ApCardEditor *self,
                                               ApEntityKind  kind,
                                               gint64        id);
GtkCheckButton *ap_card_editor_get_check      (ApCardEditor *self,
                                               ApCardLink    link,
                                               gint64        id);
gboolean        ap_card_editor_get_linked     (ApCardEditor *self,
                                               ApCardLink    link,
                                               gint64        id);
void            ap_card_editor_set_linked     (ApCardEditor *self,
                                               ApCardLink    link,
                                               gint64        id,
                                               gboolean      linked);
GListModel     *ap_card_editor_get_link_rows  (ApCardEditor *self,
                                               ApCardLink    link);
GtkEditable    *ap_card_editor_get_link_search (ApCardEditor *self,
                                               ApCardLink    link);
const char     *ap_card_editor_get_error      (ApCardEditor *self);

G_END_DECLS
