/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-history-markdown"

#include "config.h"

#include "ap-history.h"
#include "ap-history-markdown.h"

/* The seed page's Change History lists, under each date, the kinds in this order. */
static const ApHistoryKind kind_order[] = {
  AP_HISTORY_DEFERRED,
  AP_HISTORY_MOVED_UP,
  AP_HISTORY_MOVED,
  AP_HISTORY_REPLACED,
  AP_HISTORY_ADDED,
  AP_HISTORY_REMOVED,
};

static guint
kind_rank (ApHistoryEntry *entry)
{
  ApHistoryKind kind = ap_history_kind_from_string (ap_history_entry_get_kind (entry));

  for (guint i = 0; i < G_N_ELEMENTS (kind_order); i++)
    if (kind_order[i] == kind)
      return i;
  return G_N_ELEMENTS (kind_order);
}

/* Newest date first; within a date by kind; within a kind in the order recorded. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  ApHistoryEntry *x = *(ApHistoryEntry **) a;
  ApHistoryEntry *y = *(ApHistoryEntry **) b;
  int by_date = g_strcmp0 (ap_history_entry_get_date (y), ap_history_entry_get_date (x));
  guint rx, ry;
  gint64 ix, iy;

  if (by_date != 0)
    return by_date;
  rx = kind_rank (x);
  ry = kind_rank (y);
  if (rx != ry)
    return rx < ry ? -1 : 1;
  ix = ap_object_get_id (AP_OBJECT (x));
  iy = ap_object_get_id (AP_OBJECT (y));
  return (ix > iy) - (ix < iy);
}

/* Entries without text (hand-made ones) fall back to the card they are about. */
static const char *
entry_text (ApHistoryEntry *entry)
{
  const char *text = ap_history_entry_get_text (entry);

  if (text != NULL && *text != '\0')
    return text;
  return ap_history_entry_get_subject (entry);
}

/* Collapses line breaks: a bullet item is one line. */
static void
append_one_line (GString    *out,
                 const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\n' || *p == '\r') ? ' ' : *p);
}

/**
 * ap_history_to_markdown:
 * @plan: a plan
 *
 * Writes the plan's change history as the seed page's "Change History" reads: dates,
 * newest first, as top-level bullets; under each, the kinds (Deferred, Moved Up, Moved,
 * Replaced, Added, Removed) as nested bullets; the entries under their kind.
 *
 * Returns: (transfer full): the Markdown text, "" for an empty history
 */
char *
ap_history_to_markdown (ApPlan *plan)
{
  GListModel *history;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  GString *out = g_string_new (NULL);
  const char *date = NULL;
  guint rank = G_MAXUINT;

  g_return_val_if_fail (AP_IS_PLAN (plan), NULL);

  history = G_LIST_MODEL (ap_plan_get_history (plan));
  /* All of them are needed: read them in one pass (if that fails, one by one). */
  ap_row_list_make_all (ap_plan_get_history (plan), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    g_ptr_array_add (entries, g_list_model_get_item (history, i));
  g_ptr_array_sort (entries, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      ApHistoryEntry *entry = g_ptr_array_index (entries, i);
      const char *label;

      if (g_strcmp0 (date, ap_history_entry_get_date (entry)) != 0)
        {
          date = ap_history_entry_get_date (entry);
          rank = G_MAXUINT;
          g_string_append_printf (out, "* %s\n", date != NULL ? date : "");
        }
      if (rank != kind_rank (entry))
        {
          rank = kind_rank (entry);
          label = ap_history_kind_to_label (ap_history_kind_from_string (ap_history_entry_get_kind (entry)));
          g_string_append_printf (out, "  * %s\n", label != NULL ? label : ap_history_entry_get_kind (entry));
        }
      g_string_append (out, "    * ");
      append_one_line (out, entry_text (entry));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
