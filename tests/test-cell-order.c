/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "plan-fixture.h"

/* The order of the cards in a cell: moves and adds give cards sort keys between their
 * neighbours' (src/core/ap-plan-cards.c), writing no other card's row until a cell has
 * to be renumbered; whatever the keys, the cell shows the order the commands asked for,
 * and undo restores it. */

static void
test_move_keeps_cell_order (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add (f, "A", 1, 1, 10);
  gint64 b = add (f, "B", 1, 1, 10);
  gint64 c = add (f, "C", 1, 1, 10);

  add (f, "D", 2, 1, 10);
  assert_cell (f, 1, 1, "A B C");

  /* B leaves Q1 for the front of Q2. */
  g_assert_true (ap_plan_move_card (f->plan, b, 2, 1, 0, &error));
  assert_cell (f, 1, 1, "A C");
  assert_cell (f, 2, 1, "B D");

  /* Reorder within a cell: C to the front of Q1, then A between B and D. */
  g_assert_true (ap_plan_move_card (f->plan, c, 1, 1, 0, &error));
  assert_cell (f, 1, 1, "C A");
  g_assert_true (ap_plan_move_card (f->plan, a, 2, 1, 1, &error));
  assert_cell (f, 1, 1, "C");
  assert_cell (f, 2, 1, "B A D");
  g_assert_no_error (error);
}

/* A move writes the moved card's row and nobody else's: the other cards of both
 * cells keep their sort keys, so a drop costs the same in a full cell as in an empty one. */
static void
test_move_writes_one_card (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *cards = G_LIST_MODEL (ap_plan_get_cards (f->plan));
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 moved = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *title = g_strdup_printf ("Card %u", i);
      gint64 id = add (f, title, 1 + i % 2, 1, G_MAXUINT);

      if (i == 10)
        moved = id;
    }
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(ApCard) card = g_list_model_get_item (cards, i);
      gint64 position = ap_card_get_position (card);

      g_array_append_val (before, position);
    }

  g_assert_true (ap_plan_move_card (f->plan, moved, 2, 1, 3, &error));
  g_assert_no_error (error);
  assert_cell (f, 2, 1, "Card 1 Card 3 Card 5 Card 10 Card 7 Card 9 Card 11 Card 13 Card 15 Card 17 Card 19");
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(ApCard) card = g_list_model_get_item (cards, i);

      if (ap_object_get_id (AP_OBJECT (card)) != moved)
        g_assert_cmpint (ap_card_get_position (card), ==, g_array_index (before, gint64, i));
    }
}

/* Adds, moves of one and of several cards, and deletes, checked after each against a
 * plain model of the cells: first adds at one place until its room runs out and the
 * cell is renumbered, then random steps, half of the moves to that same place. Then
 * every step is undone, each restoring the order before it. */
typedef struct
{
  GPtrArray *cells[4];   /* per cell (period 1–2 × step 1–2), the titles in order */
  guint      next_title;
} Model;

static GPtrArray *
model_cell (Model  *m,
            gint64  period,
            gint64  step)
{
  return m->cells[(period - 1) * 2 + (step - 1)];
}

static char *
model_titles (GPtrArray *cell)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cell->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (char *) cell->pdata[i]);
  return g_string_free (out, FALSE);
}

static char *
model_describe (Model *m)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *titles = model_titles (m->cells[c]);

      g_string_append_printf (out, "[%s]", titles);
    }
  return g_string_free (out, FALSE);
}

static char *
plan_describe (Fixture *f)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *titles = cell_titles (f, 1 + c / 2, 1 + c % 2);

      g_string_append_printf (out, "[%s]", titles);
    }
  return g_string_free (out, FALSE);
}

static gint64
id_of (Fixture    *f,
       const char *title)
{
  GListModel *cards = G_LIST_MODEL (ap_plan_get_cards (f->plan));

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(ApCard) card = g_list_model_get_item (cards, i);

      if (g_str_equal (ap_card_get_title (card), title))
        return ap_object_get_id (AP_OBJECT (card));
    }
  g_assert_not_reached ();
}

/* Takes @title out of whichever cell holds it. */
static void
model_take (Model      *m,
            const char *title)
{
  for (guint c = 0; c < 4; c++)
    for (guint i = 0; i < m->cells[c]->len; i++)
      if (g_str_equal (m->cells[c]->pdata[i], title))
        {
          g_ptr_array_remove_index (m->cells[c], i);
          return;
        }
  g_assert_not_reached ();
}

/* Each card's sort key, by id. */
static GHashTable *
card_keys (Fixture *f)
{
  GListModel *cards = G_LIST_MODEL (ap_plan_get_cards (f->plan));
  GHashTable *keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(ApCard) card = g_list_model_get_item (cards, i);

      g_hash_table_insert (keys, g_memdup2 (&(gint64) { ap_object_get_id (AP_OBJECT (card)) }, sizeof (gint64)),
                           g_memdup2 (&(gint64) { ap_card_get_position (card) }, sizeof (gint64)));
    }
  return keys;
}

/* How many cards present both times have another key. */
static guint
count_rekeyed (GHashTable *before,
               GHashTable *after)
{
  GHashTableIter iter;
  gpointer id, key;
  guint n = 0;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &id, &key))
    {
      gint64 *old = g_hash_table_lookup (before, id);

      n += old != NULL && *old != *(gint64 *) key;
    }
  return n;
}

static void
test_random_moves (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStringChunk) titles = g_string_chunk_new (256);
  Model m = { { NULL } };
  guint renumbered = 0, state;

  for (guint c = 0; c < 4; c++)
    m.cells[c] = g_ptr_array_new ();
  g_ptr_array_add (states, model_describe (&m));

  /* Fewer commands than the plan keeps undo steps (200), so all can be undone. */
  for (guint round = 0; round < 190; round++)
    {
      g_autoptr(GHashTable) keys_before = card_keys (f);
      g_autoptr(GHashTable) keys_after = NULL;
      guint moved = 0;
      guint n_cards = 0;
      int what = g_test_rand_int_range (0, 10);
      gint64 period = g_test_rand_int_range (1, 3), step = g_test_rand_int_range (1, 3);
      GPtrArray *target;
      /* The first fourteen add at the second place of one cell: each halves the room
       * between two neighbours (1024 apart at first), so that cell must be renumbered
       * whatever the random steps after them do. */
      gboolean forced = round < 14;

      if (forced)
        what = 0, period = 1, step = 1;
      target = model_cell (&m, period, step);
      g_autofree char *expected = NULL, *actual = NULL;

      for (guint c = 0; c < 4; c++)
        n_cards += m.cells[c]->len;

      if (what < 2 || n_cards < 4)
        {
          /* Add a card at a random place. */
          g_autofree char *name = g_strdup_printf ("c%u", m.next_title++);
          char *title = g_string_chunk_insert (titles, name);
          guint index = forced ? 1 : (guint) g_test_rand_int_range (0, target->len + 2);

          add (f, title, period, step, index);
          g_ptr_array_insert (target, MIN (index, target->len), title);
        }
      else if (what < 3)
        {
          /* Delete a random card. */
          guint c, i;

          do
            c = g_test_rand_int_range (0, 4);
          while (m.cells[c]->len == 0);
          i = g_test_rand_int_range (0, m.cells[c]->len);
          g_assert_true (ap_plan_delete_card (f->plan, id_of (f, m.cells[c]->pdata[i]), &error));
          g_ptr_array_remove_index (m.cells[c], i);
        }
      else
        {
          /* Move one to three distinct cards; half the time to the second place of
           * the first cell, so that its neighbours' room runs out. */
          guint n = what < 8 ? 1 : g_test_rand_int_range (2, 4);
          gint64 ids[3];
          const char *moving[3];
          guint index;

          if (g_test_rand_bit ())
            {
              period = step = 1;
              target = model_cell (&m, 1, 1);
            }
          for (guint k = 0; k < n; k++)
            {
              gboolean again;

              do
                {
                  guint c, i;

                  do
                    c = g_test_rand_int_range (0, 4);
                  while (m.cells[c]->len == 0);
                  i = g_test_rand_int_range (0, m.cells[c]->len);
                  moving[k] = m.cells[c]->pdata[i];
                  again = FALSE;
                  for (guint j = 0; j < k; j++)
                    again |= moving[j] == moving[k];
                }
              while (again);
              ids[k] = id_of (f, moving[k]);
            }
          for (guint k = 0; k < n; k++)
            model_take (&m, moving[k]);
          index = period == 1 && step == 1 && target->len > 1
                  ? 1 : (guint) g_test_rand_int_range (0, target->len + 2);
          moved = n;
          if (n == 1)
            g_assert_true (ap_plan_move_card (f->plan, ids[0], period, step, index, &error));
          else
            g_assert_true (ap_plan_move_cards (f->plan, ids, n, period, step, index, &error));
          index = MIN (index, target->len);
          for (guint k = 0; k < n; k++)
            g_ptr_array_insert (target, index + k, (gpointer) moving[k]);
        }
      g_assert_no_error (error);

      expected = model_describe (&m);
      actual = plan_describe (f);
      g_assert_cmpstr (actual, ==, expected);
      if (!g_str_equal (expected, states->pdata[states->len - 1]))
        g_ptr_array_add (states, g_steal_pointer (&expected));

      /* A move rewrites the moved cards' keys and nothing else, unless it renumbers. */
      keys_after = card_keys (f);
      if (count_rekeyed (keys_before, keys_after) > moved)
        renumbered++;
    }
  g_assert_cmpuint (renumbered, >, 0);

  /* Undo walks back through every state; a move that changed no card's place in its
   * cell may leave the state as it was. */
  state = states->len - 1;
  while (ap_plan_can_undo (f->plan))
    {
      g_autofree char *actual = NULL;

      g_assert_true (ap_plan_undo (f->plan, &error));
      g_assert_no_error (error);
      actual = plan_describe (f);
      if (!g_str_equal (actual, states->pdata[state]))
        {
          g_assert_cmpuint (state, >, 0);
          g_assert_cmpstr (actual, ==, states->pdata[--state]);
        }
    }
  g_assert_cmpuint (state, ==, 0);
  for (guint c = 0; c < 4; c++)
    g_ptr_array_unref (m.cells[c]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cell-order/move-keeps-order", test_move_keeps_cell_order);
  ADD ("/cell-order/move-writes-one-card", test_move_writes_one_card);
  ADD ("/cell-order/random-moves", test_random_moves);
#undef ADD

  return g_test_run ();
}
