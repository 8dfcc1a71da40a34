/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ap-plan.h"

G_BEGIN_DECLS

/* A command's body: runs inside the plan's transaction, with the change recorded. */
typedef gboolean (*ApCommandFunc) (ApPlan   *self,
                                   gpointer  data,
                                   GError  **error);

gboolean  ap_plan_run_command   (ApPlan         *self,
                                 const char     *label,
                                 ApCommandFunc   func,
                                 gpointer        data,
                                 GError        **error);
/* Where a kind's new uids come from: "<prefix>-<n>" for the first free n from the
 * largest row id on. Both statements are constant strings, so the store prepares them
 * once; declare a source static (AP_UID_SOURCE) so its addresses stay the same. */
typedef struct
{
  const char *prefix;
  const char *next_sql;
  const char *exists_sql;
} ApUidSource;

#define AP_UID_SOURCE(table, prefix) \
  { prefix, "SELECT ifnull(max(id), 0) + 1 FROM " table, "SELECT 1 FROM " table " WHERE uid = ?" }

char     *ap_plan_new_uid       (ApPlan             *self,
                                 const ApUidSource  *source,
                                 GError            **error);
gboolean  ap_plan_add_history   (ApPlan         *self,
                                 int             kind,
                                 gint64          card_id,
                                 const char     *subject,
                                 gint64          from_period_id,
                                 gint64          to_period_id,
                                 gint64          from_step_id,
                                 gint64          to_step_id,
                                 const char     *text,
                                 GError        **error);

gboolean  ap_plan_fail          (GError        **error,
                                 ApPlanError     code,
                                 const char     *message);
gboolean  ap_plan_row_exists    (ApPlan         *self,
                                 const char     *sql,
                                 gint64          id);
gboolean  ap_plan_move_card_within_command   (ApPlan  *self,
                                             gint64   card_id,
                                             gint64   period_id,
                                             gint64   step_id,
                                             guint    position,
                                             GError **error);
void      ap_plan_load_card_links            (ApObject   *object,
                                             gpointer    user_data);
gboolean  ap_plan_load_all_card_links        (ApRowList  *list,
                                             gpointer    user_data,
                                             GError    **error);
gboolean  ap_plan_delete_card_within_command (ApPlan  *self,
                                             gint64   card_id,
                                             GError **error);

G_END_DECLS
