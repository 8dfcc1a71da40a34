/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-history"

#include "config.h"

#include <glib/gi18n.h>

#include "ap-history.h"

static const char * const kind_names[] = {
  "added", "deferred", "moved-up", "moved", "replaced", "removed",
};

static int
compare_ranks (ApPeriodRank a,
               ApPeriodRank b)
{
  if (a.is_backlog != b.is_backlog)
    return a.is_backlog ? 1 : -1;
  return (a.position > b.position) - (a.position < b.position);
}

/**
 * ap_history_classify_move:
 *
 * Classifies a card's move as the seed's Change History does: to a later period is
 * *Deferred*, to an earlier one *Moved up*, to another step of the same period *Moved*.
 * A move within its own cell changes no plan and is not recorded.
 */
ApHistoryKind
ap_history_classify_move (ApPeriodRank from,
                          ApPeriodRank to,
                          gint64       from_period_id,
                          gint64       to_period_id,
                          gint64       from_step_id,
                          gint64       to_step_id)
{
  int order;

  if (from_period_id == to_period_id)
    return from_step_id == to_step_id ? AP_HISTORY_NONE : AP_HISTORY_MOVED;

  order = compare_ranks (from, to);
  if (order < 0)
    return AP_HISTORY_DEFERRED;
  if (order > 0)
    return AP_HISTORY_MOVED_UP;
  /* Two backlogs, or periods sharing a position: neither later nor earlier. */
  return AP_HISTORY_MOVED;
}

const char *
ap_history_kind_to_string (ApHistoryKind kind)
{
  g_return_val_if_fail (kind >= AP_HISTORY_ADDED && kind <= AP_HISTORY_REMOVED, NULL);
  return kind_names[kind];
}

ApHistoryKind
ap_history_kind_from_string (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind, kind_names[i]) == 0)
      return (ApHistoryKind) i;
  return AP_HISTORY_NONE;
}

/* The heading the seed page uses for each kind. */
const char *
ap_history_kind_to_label (ApHistoryKind kind)
{
  switch (kind)
    {
    case AP_HISTORY_ADDED:
      return _("Added");
    case AP_HISTORY_DEFERRED:
      return _("Deferred");
    case AP_HISTORY_MOVED_UP:
      return _("Moved Up");
    case AP_HISTORY_MOVED:
      return _("Moved");
    case AP_HISTORY_REPLACED:
      return _("Replaced");
    case AP_HISTORY_REMOVED:
      return _("Removed");
    case AP_HISTORY_NONE:
    default:
      return NULL;
    }
}
