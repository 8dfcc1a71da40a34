/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ap-plan.h"
#include "ap-roadmap-layout.h"

/* A hand-made plan: one activity with two steps, a period and the backlog, three cards
 * stacked in (period, first step) and none elsewhere. */
typedef struct
{
  char            *dir;
  ApPlan          *plan;
  ApRoadmapLayout *layout;
  gint64           activity, step[2], period, backlog, card[3];
} Fixture;

static gint64
add_entity (ApPlan               *plan,
            ApEntityKind          kind,
            const ApEntityFields *fields)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ap_plan_add_entity (plan, kind, fields, G_MAXUINT, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_card (Fixture    *f,
          const char *title,
          gint64      period,
          gint64      step)
{
  g_autoptr(GError) error = NULL;
  ApCardFields fields = { .title = title, .stage_text = "", .step_id = step,
                          .period_id = period, .notes = "" };
  gint64 id = ap_plan_add_card (f->plan, &fields, G_MAXUINT, &error);

  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("ap-layout-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "plan.archplan", NULL);
  f->plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->activity = add_entity (f->plan, AP_ENTITY_ACTIVITY, &(ApEntityFields) { .name = "Build", .subtitle = "" });
  f->step[0] = add_entity (f->plan, AP_ENTITY_STEP, &(ApEntityFields) { .name = "Write", .activity_id = f->activity });
  f->step[1] = add_entity (f->plan, AP_ENTITY_STEP, &(ApEntityFields) { .name = "Review", .activity_id = f->activity });
  f->period = add_entity (f->plan, AP_ENTITY_PERIOD,
                          &(ApEntityFields) { .name = "FY21 Q1", .start_date = "2020-07-01",
                                              .end_date = "2020-09-30" });
  f->backlog = add_entity (f->plan, AP_ENTITY_PERIOD, &(ApEntityFields) { .name = "Backlog", .is_backlog = TRUE });
  f->card[0] = add_card (f, "First", f->period, f->step[0]);
  f->card[1] = add_card (f, "Second, with a title long enough to wrap over several lines of the card "
                            "and then some more words so that it is ellipsized at the fourth line "
                            "rather than growing the card without end", f->period, f->step[0]);
  f->card[2] = add_card (f, "Third", f->period, f->step[0]);

  f->layout = ap_roadmap_layout_new ();
  ap_roadmap_layout_rebuild (f->layout, f->plan);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "plan.archplan", NULL);

  g_assert_finalize_object (f->layout);
  g_clear_object (&f->plan);
  g_unlink (path);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_headers (Fixture       *f,
              gconstpointer  data)
{
  const ApRoadmapActivityBox *activity;
  const ApRoadmapColumnBox *c0, *c1;

  g_assert_cmpuint (ap_roadmap_layout_get_n_activities (f->layout), ==, 1);
  g_assert_cmpuint (ap_roadmap_layout_get_n_columns (f->layout), ==, 2);
  g_assert_cmpuint (ap_roadmap_layout_get_n_rows (f->layout), ==, 2);
  activity = ap_roadmap_layout_get_activity (f->layout, 0);
  c0 = ap_roadmap_layout_get_column (f->layout, 0);
  c1 = ap_roadmap_layout_get_column (f->layout, 1);
  g_assert_cmpint (c0->step_id, ==, f->step[0]);
  g_assert_cmpint (c1->step_id, ==, f->step[1]);
  /* The activity spans its steps exactly. */
  g_assert_cmpfloat (activity->rect.x, ==, c0->rect.x);
  g_assert_cmpfloat (activity->rect.width, ==, c0->rect.width + c1->rect.width);
  g_assert_cmpfloat (c1->rect.x, ==, c0->rect.x + c0->rect.width);
  g_assert_cmpfloat (c0->rect.x, ==, ap_roadmap_layout_get_period_width (f->layout));
  g_assert_cmpfloat (ap_roadmap_layout_get_width (f->layout), ==, c1->rect.x + c1->rect.width);
  /* The period header shows its date range; the backlog is marked. */
  g_assert_cmpstr (pango_layout_get_text (ap_roadmap_layout_get_row (f->layout, 0)->label), ==,
                   "FY21 Q1\nJul–Sep 2020");
  g_assert_false (ap_roadmap_layout_get_row (f->layout, 0)->is_backlog);
  g_assert_true (ap_roadmap_layout_get_row (f->layout, 1)->is_backlog);
  g_assert_cmpstr (pango_layout_get_text (ap_roadmap_layout_get_row (f->layout, 1)->label), ==, "Backlog");
}

static void
test_rows_grow (Fixture       *f,
                gconstpointer  data)
{
  const ApRoadmapRowBox *full = ap_roadmap_layout_get_row (f->layout, 0);
  const ApRoadmapRowBox *empty = ap_roadmap_layout_get_row (f->layout, 1);
  const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (f->layout, 0, 0);
  const ApRoadmapCardBox *first = ap_roadmap_layout_find_card (f->layout, f->card[0]);
  const ApRoadmapCardBox *second = ap_roadmap_layout_find_card (f->layout, f->card[1]);
  const ApRoadmapCardBox *third = ap_roadmap_layout_find_card (f->layout, f->card[2]);
  double before = full->rect.height;

  g_assert_cmpuint (cell->n_cards, ==, 3);
  g_assert_cmpuint (first->index, ==, 0);
  g_assert_cmpuint (second->index, ==, 1);
  g_assert_cmpuint (third->index, ==, 2);
  /* Stacked in order, the long title taller but ellipsized at four lines. */
  g_assert_cmpfloat (second->rect.y, >=, first->rect.y + first->rect.height);
  g_assert_cmpfloat (third->rect.y, >=, second->rect.y + second->rect.height);
  g_assert_cmpfloat (second->rect.height, >, first->rect.height);
  g_assert_cmpint (pango_layout_get_line_count (second->title), ==, AP_ROADMAP_TITLE_LINES);
  g_assert_true (pango_layout_is_ellipsized (second->title));
  g_assert_cmpfloat (full->rect.height, >, empty->rect.height);
  g_assert_cmpfloat (third->rect.y + third->rect.height, <=, full->rect.y + full->rect.height);
  g_assert_cmpfloat (empty->rect.y, ==, full->rect.y + full->rect.height);

  /* One more card grows the row by at least its height. */
  add_card (f, "Fourth", f->period, f->step[0]);
  ap_roadmap_layout_rebuild (f->layout, f->plan);
  full = ap_roadmap_layout_get_row (f->layout, 0);
  g_assert_cmpfloat (full->rect.height, >, before + 20);
}

static void
test_hit_test (Fixture       *f,
               gconstpointer  data)
{
  const ApRoadmapCardBox *second = ap_roadmap_layout_find_card (f->layout, f->card[1]);
  const ApRoadmapCellBox *empty = ap_roadmap_layout_get_cell (f->layout, 0, 1);
  const ApRoadmapCellBox *cell = ap_roadmap_layout_get_cell (f->layout, 0, 0);
  ApRoadmapHit hit;
  double x = second->rect.x + 10;

  ap_roadmap_layout_hit_test (f->layout, x, second->rect.y + 5, &hit);
  g_assert_cmpint (hit.kind, ==, AP_ROADMAP_HIT_CARD);
  g_assert_cmpint (hit.card_id, ==, f->card[1]);
  g_assert_cmpint (hit.period_id, ==, f->period);
  g_assert_cmpint (hit.step_id, ==, f->step[0]);
  g_assert_cmpuint (hit.index, ==, 1);

  /* In the gaps and below the cards: the cell, with the insertion index. */
  ap_roadmap_layout_hit_test (f->layout, x, cell->rect.y + 2, &hit);
  g_assert_cmpint (hit.kind, ==, AP_ROADMAP_HIT_CELL);
  g_assert_cmpuint (hit.index, ==, 0);
  ap_roadmap_layout_hit_test (f->layout, x, second->rect.y - 2, &hit);
  g_assert_cmpint (hit.kind, ==, AP_ROADMAP_HIT_CELL);
  g_assert_cmpuint (hit.index, ==, 1);
  ap_roadmap_layout_hit_test (f->layout, x, second->rect.y + second->rect.height + 2, &hit);
  g_assert_cmpuint (hit.index, ==, 2);
  ap_roadmap_layout_hit_test (f->layout, x, cell->rect.y + cell->rect.height - 2, &hit);
  g_assert_cmpint (hit.kind, ==, AP_ROADMAP_HIT_CELL);
  g_assert_cmpuint (hit.index, ==, 3);
  g_assert_cmpfloat (ap_roadmap_layout_get_insertion_y (f->layout, 0, 0, 1), <, second->rect.y);

  ap_roadmap_layout_hit_test (f->layout, empty->rect.x + 50, empty->rect.y + 30, &hit);
  g_assert_cmpint (hit.kind, ==, AP_ROADMAP_HIT_CELL);
  g_assert_cmpint (hit.step_id, ==, f->step[1]);
  g_assert_cmpuint (hit.index, ==, 0);

  ap_roadmap_layout_hit_test (f->layout, empty->rect.x + 50, 60, &hit);
  g_assert_cmpint (hit.kind, ==, AP_ROADMAP_HIT_STEP_HEADER);
  g_assert_cmpint (hit.step_id, ==, f->step[1]);
  ap_roadmap_layout_hit_test (f->layout, 10, empty->rect.y + 5, &hit);
  g_assert_cmpint (hit.kind, ==, AP_ROADMAP_HIT_PERIOD_HEADER);
  g_assert_cmpint (hit.period_id, ==, f->period);
  ap_roadmap_layout_hit_test (f->layout, ap_roadmap_layout_get_width (f->layout) + 5, empty->rect.y, &hit);
  g_assert_cmpint (hit.kind, ==, AP_ROADMAP_HIT_NOTHING);
  ap_roadmap_layout_hit_test (f->layout, x, ap_roadmap_layout_get_height (f->layout) + 5, &hit);
  g_assert_cmpint (hit.kind, ==, AP_ROADMAP_HIT_NOTHING);
}

static void
collect (const ApRoadmapCardBox *box,
         gpointer                user_data)
{
  g_array_append_val ((GArray *) user_data, box->card_id);
}

static void
test_cards_in_rect (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const ApRoadmapCardBox *first = ap_roadmap_layout_find_card (f->layout, f->card[0]);
  const ApRoadmapCardBox *second = ap_roadmap_layout_find_card (f->layout, f->card[1]);
  ApRect all = { 0, 0, ap_roadmap_layout_get_width (f->layout), ap_roadmap_layout_get_height (f->layout) };
  ApRect two = { first->rect.x + 5, first->rect.y + 5, 10, second->rect.y + 5 - first->rect.y };
  ApRect none = ap_roadmap_layout_get_cell (f->layout, 0, 1)->rect;

  g_assert_cmpuint (ap_roadmap_layout_cards_in_rect (f->layout, &all, collect, ids), ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, f->card[0]);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, f->card[2]);
  g_array_set_size (ids, 0);
  g_assert_cmpuint (ap_roadmap_layout_cards_in_rect (f->layout, &two, collect, ids), ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, f->card[1]);
  g_assert_cmpuint (ap_roadmap_layout_cards_in_rect (f->layout, &none, NULL, NULL), ==, 0);
}

static void
test_rebuild_reuses_text (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PangoLayout *title = ap_roadmap_layout_find_card (f->layout, f->card[0])->title;
  const ApRoadmapCardBox *moved;

  g_assert_true (ap_plan_move_card (f->plan, f->card[0], f->backlog, f->step[1], 0, &error));
  g_assert_no_error (error);
  ap_roadmap_layout_rebuild (f->layout, f->plan);
  moved = ap_roadmap_layout_find_card (f->layout, f->card[0]);
  g_assert_cmpuint (moved->row, ==, 1);
  g_assert_cmpuint (moved->column, ==, 1);
  /* Moving changes no text: the measured layout is kept, not made again. */
  g_assert_true (moved->title == title);
  g_assert_cmpuint (ap_roadmap_layout_find_card (f->layout, f->card[1])->index, ==, 0);
}

static void
test_lod (void)
{
  g_assert_cmpint (ap_roadmap_lod_for_zoom (1.0), ==, AP_ROADMAP_LOD_FULL);
  g_assert_cmpint (ap_roadmap_lod_for_zoom (0.40), ==, AP_ROADMAP_LOD_FULL);
  g_assert_cmpint (ap_roadmap_lod_for_zoom (0.39), ==, AP_ROADMAP_LOD_BLOCKS);
  g_assert_cmpint (ap_roadmap_lod_for_zoom (0.15), ==, AP_ROADMAP_LOD_BLOCKS);
  g_assert_cmpint (ap_roadmap_lod_for_zoom (0.14), ==, AP_ROADMAP_LOD_CELLS);
}

static void
test_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ap-layout-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sample.archplan", NULL);
  g_autoptr(ApPlan) plan = ap_plan_open (path, AP_PLAN_OPEN_CREATE | AP_PLAN_OPEN_SAMPLE, &error);
  g_autoptr(ApRoadmapLayout) layout = ap_roadmap_layout_new ();
  const ApRoadmapCardBox *box = NULL;
  guint n_backlog = 0;

  g_assert_no_error (error);
  ap_roadmap_layout_rebuild (layout, plan);
  g_assert_cmpuint (ap_roadmap_layout_get_n_activities (layout), ==, 5);
  g_assert_cmpuint (ap_roadmap_layout_get_n_columns (layout), ==, 7);
  g_assert_cmpuint (ap_roadmap_layout_get_n_rows (layout), ==, 8);
  g_assert_cmpuint (ap_roadmap_layout_get_n_cards (layout), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (ap_plan_get_cards (plan))));
  g_assert_cmpuint (ap_roadmap_layout_get_n_legend_items (layout), ==, 8);
  for (guint r = 0; r < ap_roadmap_layout_get_n_rows (layout); r++)
    n_backlog += ap_roadmap_layout_get_row (layout, r)->is_backlog;
  g_assert_cmpuint (n_backlog, ==, 1);
  /* "Production Development" spans "Deploy change" and "Observe change". */
  for (guint i = 0; i < ap_roadmap_layout_get_n_activities (layout); i++)
    {
      const ApRoadmapActivityBox *a = ap_roadmap_layout_get_activity (layout, i);

      if (g_str_has_prefix (pango_layout_get_text (a->label), "Production"))
        g_assert_cmpfloat (a->rect.width, ==, 2 * ap_roadmap_layout_get_column (layout, 0)->rect.width);
    }
  for (guint i = 0; i < ap_roadmap_layout_get_n_cards (layout); i++)
    if (g_str_equal (pango_layout_get_text (ap_roadmap_layout_get_card_at (layout, i)->title),
                     "Eventing Message bus"))
      box = ap_roadmap_layout_get_card_at (layout, i);
  g_assert_nonnull (box);
  g_assert_nonnull (box->badge);
  g_assert_cmpuint (box->n_chips, >=, 1);

  /* A stage written out in full keeps its end: smaller or on two lines, not cut. */
  box = NULL;
  for (guint i = 0; i < ap_roadmap_layout_get_n_cards (layout); i++)
    {
      const ApRoadmapCardBox *b = ap_roadmap_layout_get_card_at (layout, i);

      if (b->badge != NULL && g_str_equal (pango_layout_get_text (b->badge), "Adopt via Automated-Feedback"))
        box = b;
    }
  g_assert_nonnull (box);
  g_assert_false (pango_layout_is_ellipsized (box->badge));
  g_assert_cmpfloat (box->badge_height, >=, AP_ROADMAP_BADGE_HEIGHT);
  g_assert_cmpfloat (box->rect.height, >=, 2 * AP_ROADMAP_CARD_PADDING + box->badge_height);

  g_clear_object (&plan);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/roadmap-layout/headers", Fixture, NULL, fixture_set_up, test_headers, fixture_tear_down);
  g_test_add ("/roadmap-layout/rows-grow", Fixture, NULL, fixture_set_up, test_rows_grow, fixture_tear_down);
  g_test_add ("/roadmap-layout/hit-test", Fixture, NULL, fixture_set_up, test_hit_test, fixture_tear_down);
  g_test_add ("/roadmap-layout/cards-in-rect", Fixture, NULL, fixture_set_up, test_cards_in_rect, fixture_tear_down);
  g_test_add ("/roadmap-layout/rebuild-reuses-text", Fixture, NULL, fixture_set_up,
              test_rebuild_reuses_text, fixture_tear_down);
  g_test_add_func ("/roadmap-layout/lod", test_lod);
  g_test_add_func ("/roadmap-layout/sample", test_sample);
  return g_test_run ();
}
