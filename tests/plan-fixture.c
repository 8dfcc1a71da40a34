/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "plan-fixture.h"

/* Two periods and a backlog, one activity with two steps, two organizations. */
static const char fixture_sql[] =
  "INSERT INTO organization (id, uid, name, color, footnote, position) VALUES"
  "  (1, 'org-a', 'Org A', '#112233', 1, 0), (2, 'org-b', 'Org B', '#445566', 2, 1);"
  "INSERT INTO activity (id, uid, name, position) VALUES (1, 'act', 'Develop', 0);"
  "INSERT INTO step (id, uid, activity_id, name, position) VALUES"
  "  (1, 'step-build', 1, 'Build', 0), (2, 'step-ship', 1, 'Ship', 1);"
  "INSERT INTO period (id, uid, name, is_backlog, position) VALUES"
  "  (1, 'q1', 'Q1', 0, 0), (2, 'q2', 'Q2', 0, 1), (3, 'backlog', 'Backlog', 1, 2);"
  "INSERT INTO stage (id, uid, name, color, position) VALUES (1, 'pilot', 'Pilot', '#aa0000', 0);"
  "INSERT INTO pain_category (id, uid, name, color, position) VALUES (1, 'cat', 'Testing', '#00aa00', 0);";

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *counter)
{
  (*counter)++;
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = ap_store_new_memory (&error);
  g_assert_no_error (error);
  g_assert_true (ap_store_exec (f->store, fixture_sql, &error));
  g_assert_no_error (error);
  f->plan = ap_plan_new_for_store (f->store, &error);
  g_assert_no_error (error);
  g_signal_connect (ap_plan_get_cards (f->plan), "items-changed",
                    G_CALLBACK (on_items_changed_cb), &f->cards_changed);
  g_signal_connect (ap_plan_get_history (f->plan), "items-changed",
                    G_CALLBACK (on_items_changed_cb), &f->history_changed);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->plan);
  g_assert_finalize_object (f->store);
}

gint64
add (Fixture    *f,
     const char *title,
     gint64      period,
     gint64      step,
     guint       position)
{
  g_autoptr(GError) error = NULL;
  ApCardFields fields = { .title = title, .period_id = period, .step_id = step };
  gint64 id = ap_plan_add_card (f->plan, &fields, position, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

ApCard *
card (Fixture *f,
      gint64   id)
{
  return ap_row_list_lookup (ap_plan_get_cards (f->plan), id);
}

ApHistoryEntry *
last_history (Fixture *f)
{
  GListModel *history = G_LIST_MODEL (ap_plan_get_history (f->plan));
  guint n = g_list_model_get_n_items (history);
  g_autoptr(ApHistoryEntry) entry = n > 0 ? g_list_model_get_item (history, n - 1) : NULL;

  return entry; /* the list keeps it alive */
}

guint
n_items (ApRowList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static gint
compare_by_place (gconstpointer a,
                  gconstpointer b)
{
  ApCard *x = *(ApCard **) a, *y = *(ApCard **) b;
  gint64 px = ap_card_get_position (x), py = ap_card_get_position (y);
  gint64 ix = ap_object_get_id (AP_OBJECT (x)), iy = ap_object_get_id (AP_OBJECT (y));

  if (px != py)
    return px < py ? -1 : 1;
  return ix < iy ? -1 : ix > iy;
}

/* A cell's cards as the roadmap orders them (by sort key, then id): their titles,
 * separated by spaces. */
char *
cell_titles (Fixture *f,
             gint64   period,
             gint64   step)
{
  GListModel *cards = G_LIST_MODEL (ap_plan_get_cards (f->plan));
  g_autoptr(GPtrArray) in_cell = g_ptr_array_new_with_free_func (g_object_unref);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      ApCard *card = g_list_model_get_item (cards, i);

      if (ap_card_get_period_id (card) == period && ap_card_get_step_id (card) == step)
        g_ptr_array_add (in_cell, card);
      else
        g_object_unref (card);
    }
  g_ptr_array_sort (in_cell, compare_by_place);
  for (guint i = 0; i < in_cell->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", ap_card_get_title (in_cell->pdata[i]));
  return g_string_free (out, FALSE);
}
