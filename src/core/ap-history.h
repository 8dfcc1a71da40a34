/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kinds of the roadmap's change history, as the seed page's "Change History" uses
 * them. The strings are what the file and the JSON snapshot store. */
typedef enum
{
  AP_HISTORY_NONE = -1,  /* nothing worth recording (a card reordered in its cell) */
  AP_HISTORY_ADDED,
  AP_HISTORY_DEFERRED,   /* moved to a later period */
  AP_HISTORY_MOVED_UP,   /* moved to an earlier period */
  AP_HISTORY_MOVED,      /* same period, another step */
  AP_HISTORY_REPLACED,
  AP_HISTORY_REMOVED,
} ApHistoryKind;

/* Where a period sits for the purpose of classifying a move: the backlog comes after
 * every dated period, wherever it is drawn. */
typedef struct
{
  gint64   position;
  gboolean is_backlog;
} ApPeriodRank;

ApHistoryKind  ap_history_classify_move  (ApPeriodRank  from,
                                          ApPeriodRank  to,
                                          gint64        from_period_id,
                                          gint64        to_period_id,
                                          gint64        from_step_id,
                                          gint64        to_step_id);
const char    *ap_history_kind_to_string (ApHistoryKind kind);
ApHistoryKind  ap_history_kind_from_string (const char *kind);
const char    *ap_history_kind_to_label  (ApHistoryKind kind);

G_END_DECLS
