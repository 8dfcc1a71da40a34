/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ap-history.h"

/* Change-history classification, as the seed page's Change History uses the kinds. */

static void
test_classify (void)
{
  ApPeriodRank q1 = { 0, FALSE }, q2 = { 1, FALSE }, backlog = { 2, TRUE };
  ApPeriodRank backlog_first = { -5, TRUE };

  /* Q1 → Q2 is deferred; Q2 → Q1 moved up. */
  g_assert_cmpint (ap_history_classify_move (q1, q2, 1, 2, 10, 10), ==, AP_HISTORY_DEFERRED);
  g_assert_cmpint (ap_history_classify_move (q2, q1, 2, 1, 10, 11), ==, AP_HISTORY_MOVED_UP);
  /* Same period, another step. */
  g_assert_cmpint (ap_history_classify_move (q1, q1, 1, 1, 10, 11), ==, AP_HISTORY_MOVED);
  /* Same cell: nothing to record. */
  g_assert_cmpint (ap_history_classify_move (q1, q1, 1, 1, 10, 10), ==, AP_HISTORY_NONE);
  /* The backlog is after every period, even when it is drawn first. */
  g_assert_cmpint (ap_history_classify_move (q2, backlog, 2, 3, 10, 10), ==, AP_HISTORY_DEFERRED);
  g_assert_cmpint (ap_history_classify_move (backlog, q1, 3, 1, 10, 10), ==, AP_HISTORY_MOVED_UP);
  g_assert_cmpint (ap_history_classify_move (q2, backlog_first, 2, 4, 10, 10), ==, AP_HISTORY_DEFERRED);
  g_assert_cmpint (ap_history_classify_move (backlog_first, q2, 4, 2, 10, 10), ==, AP_HISTORY_MOVED_UP);
}

static void
test_kind_strings (void)
{
  for (int kind = AP_HISTORY_ADDED; kind <= AP_HISTORY_REMOVED; kind++)
    {
      const char *name = ap_history_kind_to_string (kind);

      g_assert_nonnull (name);
      g_assert_cmpint (ap_history_kind_from_string (name), ==, kind);
      g_assert_nonnull (ap_history_kind_to_label (kind));
    }
  g_assert_cmpstr (ap_history_kind_to_string (AP_HISTORY_MOVED_UP), ==, "moved-up");
  g_assert_cmpint (ap_history_kind_from_string ("postponed"), ==, AP_HISTORY_NONE);
  g_assert_cmpint (ap_history_kind_from_string (NULL), ==, AP_HISTORY_NONE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history/classify", test_classify);
  g_test_add_func ("/history/kind-strings", test_kind_strings);
  return g_test_run ();
}
